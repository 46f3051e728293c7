//! riskcard: how exposed is a site, zone or route to political violence, is it getting worse, and why.
//!
//! The folders follow the data's way through the crate:
//!
//! * [`text`] — reading and writing text: CSV records, JSON values, numbers, dates.
//! * [`ingest`] — ACLED, UCDP and the project's own CSV/GeoJSON/JSON into the store: format
//!   detection, one schema per source, row validation, and the [`Diagnostics`] of every load.
//! * [`store`] — incidents in memory, columnar, deduplicated by source id, with a grid index.
//! * [`earth`] — the sphere fitted to WGS84, areas of interest from GeoJSON, and their distances.
//! * [`assess`](mod@assess) — from the store and an area to a [`Report`]: options, the scan, the
//!   score and its explanation, the trend, the route, the ranking of a portfolio.
//! * [`report`] — the report's JSON contract; [`message`] — every message a user can see, as a code
//!   with parameters, and its English text.
//!
//! `src/wasm/` (WebAssembly builds only) is the one door to JavaScript: the engine's, and the words
//! module's (`words.rs`, a build of its own); `src/bin/riskcard.rs` is the command-line tool on the
//! same core.

#![deny(missing_docs)]

pub mod assess;
pub mod category;
pub mod earth;
pub mod error;
pub mod ingest;
pub mod message;
pub mod report;
pub mod store;
#[cfg(feature = "cli")]
pub mod synth;
pub mod text;

#[cfg(all(target_arch = "wasm32", not(feature = "words-module")))]
pub mod wasm;
/// The words module's door (its own WebAssembly build: `--features words-module`).
#[cfg(all(target_arch = "wasm32", feature = "words-module"))]
#[path = "wasm/words.rs"]
pub mod wasm_words;

// The paths the crate had before its folders.
pub use assess::{rank, score};
pub use earth::{aoi, sphere as geodesy};
pub use text::{csv, date, json};

pub use assess::{assess, assess_input, Assessment, Options};
pub use category::Category;
pub use error::{Error, Result};
pub use ingest::Diagnostics;
pub use message::Message;
pub use report::Report;
pub use store::Store;
