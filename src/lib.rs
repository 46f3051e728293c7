//! riskcard: how exposed is a site, zone or route to political violence, is it getting worse, and why.
//!
//! The data's way through the crate:
//!
//! * **Ingest** — [`ingest`] reads ACLED, UCDP and the project's own CSV/GeoJSON/JSON (with [`csv`]
//!   and [`date`]), maps types to one [`Category`] set, and reports every skipped row.
//! * **Store** — [`store`] keeps incidents columnar in memory, deduplicated by source id.
//! * **Area of interest** — [`aoi`] reads GeoJSON sites, zones, corridors and portfolios;
//!   [`geodesy`] measures distances on a sphere fitted to WGS84.
//! * **Score, trend, route** — [`score`] is the kernel; [`assess`](mod@assess) builds the [`Report`]
//!   ([`report`]).
//!
//! `src/wasm.rs` (WebAssembly builds only) is the one door to JavaScript; `src/bin/riskcard.rs` is the
//! command-line tool on the same core.

#![deny(missing_docs)]

pub mod aoi;
pub mod assess;
pub mod category;
pub mod csv;
pub mod date;
pub mod error;
pub mod geodesy;
pub mod ingest;
pub mod json;
pub mod rank;
pub mod report;
pub mod score;
pub mod store;
pub mod synth;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use assess::{assess, assess_input, Assessment, Options};
pub use category::Category;
pub use error::{Error, Result};
pub use report::Report;
pub use store::{Diagnostics, Store};
