//! The words module's one door (built with the `words-module` feature, without the engine): it reads
//! what incidents' texts say (`assess::classify`) for an engine that leaves the word lists out. A
//! card loads it the first time it needs an incident's actors' families or tags.

use wasm_bindgen::prelude::*;

/// The bits of each incident whose texts the engine's `unclassified` gave (families in bits 0–15,
/// tags in bits 16–23), for the engine's `classified`.
#[wasm_bindgen]
pub fn classify(text: &[u8]) -> Vec<u32> {
    crate::assess::classify_texts(text)
}
