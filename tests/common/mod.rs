//! Helpers shared by the integration tests.
#![allow(dead_code)]

use riskcard::{ingest, Store};

/// The repository root.
pub fn root() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The two UCDP Candidate files shipped in www/data, loaded in release order.
pub fn ucdp_store() -> Store {
    let mut store = Store::new();
    for f in ["ucdp_candidate_v26_01_06_mali_bfa_ner.csv", "ucdp_candidate_v26_0_7_mali_bfa_ner.csv"] {
        let bytes = std::fs::read(root().join("www/data").join(f)).expect("shipped data file");
        ingest::load(&mut store, &bytes, None, f).expect("loads");
    }
    store
}

/// A fixture file's bytes.
pub fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(root().join("tests/fixtures").join(name)).expect("fixture")
}

/// USGS mine coordinates (lat, lon) as published in the Mineral Facilities of Africa layer.
pub const MORILA: (f64, f64) = (11.673343000202237, -6.850381000507355);
pub const SYAMA: (f64, f64) = (10.791121000119347, -6.072904999771538);
pub const LOULO: (f64, f64) = (12.875050000193085, -11.392215000096257);
