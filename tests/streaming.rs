//! A load fed in pieces ([`ingest::Loader`]) gives exactly what one load of the whole input gives:
//! the same incidents in the same order and the same diagnostics (line numbers, reasons, warnings),
//! wherever the pieces are cut — inside quoted fields, between CR and LF, inside a UTF-8 character,
//! inside the BOM.

mod common;

use common::{fixture, incidents, root};
use proptest::prelude::*;
use riskcard::ingest::{self, Format, Loader};
use riskcard::{synth, Diagnostics, Store};

fn whole(bytes: &[u8], format: Option<Format>) -> (Vec<String>, Diagnostics) {
    let mut s = Store::new();
    let d = ingest::load(&mut s, bytes, format, "in").unwrap();
    (incidents(&s), d)
}

/// Loads `bytes` cut at `cuts` (sorted offsets), recording progress.
fn pieces(bytes: &[u8], cuts: &[usize], format: Option<Format>) -> (Vec<String>, Diagnostics, Vec<(u64, u64)>) {
    let mut s = Store::new();
    let mut seen = Vec::new();
    let mut loader = Loader::new(format, "in", Some(bytes.len() as u64));
    let mut from = 0;
    for &c in cuts.iter().chain(std::iter::once(&bytes.len())) {
        loader.push(&mut s, &bytes[from..c], &mut |a, b| seen.push((a, b))).unwrap();
        from = c;
    }
    let d = loader.end(&mut s, &mut |a, b| seen.push((a, b))).unwrap();
    (incidents(&s), d, seen)
}

fn inputs() -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> =
        ["acled_current.csv", "acled_hdx.csv", "acled_old.csv", "own.csv", "own.geojson", "own.json"].iter().map(|n| (n.to_string(), fixture(n))).collect();
    let ucdp = std::fs::read(root().join("www/data/ucdp_candidate_v26_0_7_mali_bfa_ner.csv")).unwrap();
    // The UCDP API's response shape, with members before and after the rows.
    let api = common::api_json(&ucdp[..20_000], r#""TotalCount": 1, "PreviousPageUrl": "", "#, "Result", r#", "NextPageUrl": "x", "Pages": [1, {"a": "]"}]"#, true);
    out.push(("ucdp".into(), ucdp));
    out.push(("ucdp api".into(), api));
    let mut latin1 = b"id,date,lat,lon,event_type,location\r\nq1,2025-05-01,12.1,-8.2,Battles,S".to_vec();
    latin1.push(0xe9);
    latin1.extend_from_slice("gou\r\nq2,2025-05-02,12.2,-8.2,Battles,Ségou\r\n".as_bytes());
    // Line ends of CR alone (old Mac files), quoted fields that span lines included.
    for name in ["acled_current.csv", "own.csv"] {
        out.push((format!("{name} with CR line ends"), cr_only(&fixture(name))));
    }
    out.push(("latin1".into(), latin1)); // last: the UTF-8 warning's test takes it
    out
}

/// `bytes` with every line end (CRLF or LF, in quoted fields too) made a CR.
fn cr_only(bytes: &[u8]) -> Vec<u8> {
    String::from_utf8_lossy(bytes).replace("\r\n", "\n").replace('\n', "\r").into_bytes()
}

/// A file with CR alone for line ends is read as it comes, not held to its end: after its first
/// half, the rows in that half are stored.
#[test]
fn cr_line_ends_are_read_as_they_come() {
    let ucdp = std::fs::read(root().join("www/data/ucdp_candidate_v26_0_7_mali_bfa_ner.csv")).unwrap();
    let cr = cr_only(&ucdp);
    let (want, _) = whole(&cr, None);
    assert!(want.len() > 100, "{}", want.len());
    let mut s = Store::new();
    let mut loader = Loader::new(None, "in", None);
    loader.push(&mut s, &cr[..cr.len() / 2], &mut |_, _| {}).unwrap();
    assert!(s.len() > want.len() / 3, "{} of {} rows stored after half the input", s.len(), want.len());
    loader.push(&mut s, &cr[cr.len() / 2..], &mut |_, _| {}).unwrap();
    loader.end(&mut s, &mut |_, _| {}).unwrap();
    assert_eq!(incidents(&s), want);
}

/// Every cut position one at a time, and pieces of every small size, on every fixture.
#[test]
fn any_cut_gives_the_whole_load() {
    for (name, bytes) in inputs() {
        let (want, want_d) = whole(&bytes, None);
        assert!(!want.is_empty(), "{name}");
        let step = if bytes.len() > 5000 { 97 } else { 1 };
        for cut in (0..=bytes.len()).step_by(step) {
            let (got, d, _) = pieces(&bytes, &[cut], None);
            assert_eq!((&got, &d), (&want, &want_d), "{name} cut at {cut}");
        }
        for size in [1, 2, 3, 5, 64, 1000] {
            let cuts: Vec<usize> = (size..bytes.len()).step_by(size).collect();
            let (got, d, _) = pieces(&bytes, &cuts, None);
            assert_eq!((&got, &d), (&want, &want_d), "{name} in pieces of {size}");
        }
    }
}

#[test]
fn the_utf8_warning_gives_the_offset_in_the_input() {
    let (_, bytes) = inputs().pop().unwrap();
    let at = bytes.iter().position(|&b| b == 0xe9).unwrap();
    let (rows, d, _) = pieces(&bytes, &[at, at + 1], None);
    assert_eq!(rows.len(), 2);
    assert_eq!(d.warnings, vec![format!("in: not valid UTF-8 (first bad byte at offset {at}); such bytes were read as Windows-1252, the encoding Excel saves CSV in")]);
    assert!(rows[0].contains("Ségou") || rows[1].contains("Ségou"), "{rows:?}");
}

/// A record longer than many pieces (a 300 kB note, an unterminated quote at the end) is read once
/// it is complete, with the line numbers of a whole load.
#[test]
fn records_longer_than_the_pieces() {
    let mut text = String::from("id,date,lat,lon,event_type,notes\n");
    text.push_str(&format!("a,2025-05-01,12.1,-8.2,Battles,\"{}\"\n", "long \"\"quoted\"\" note,\n".repeat(12_000)));
    text.push_str("b,2025-05-02,12.2,-8.2,Battles,short\n");
    text.push_str("c,2025-05-03,12.3,-8.2,Battles,\"never closed\n d,2025-05-04,12.4,-8.2,Battles,x\n");
    let bytes = text.as_bytes();
    let (want, want_d) = whole(bytes, Some(Format::Csv));
    assert_eq!((want_d.rows_read, want_d.rows_loaded), (3, 2));
    assert_eq!((want_d.errors[0].line, want_d.errors[0].reason.as_str()), (12_004, "unterminated quoted field"));
    let cuts: Vec<usize> = (1000..bytes.len()).step_by(1000).collect();
    let (got, d, _) = pieces(bytes, &cuts, Some(Format::Csv));
    assert_eq!((got, d), (want, want_d));
}

#[test]
fn progress_rises_to_the_total() {
    let ucdp = std::fs::read_to_string(root().join("www/data/ucdp_candidate_v26_0_7_mali_bfa_ner.csv")).unwrap();
    let mut text = String::new();
    synth::acled_csv(&mut text, &synth::anchors_from_ucdp(&ucdp), 120_000, 5, riskcard::date::from_ymd(2026, 7, 31).unwrap(), true);
    let bytes = text.as_bytes();
    let cuts: Vec<usize> = (1 << 20..bytes.len()).step_by(1 << 20).collect();
    let (got, d, seen) = pieces(bytes, &cuts, None);
    assert_eq!((d.rows_loaded, got.len()), (120_000, 120_000));
    let total = bytes.len() as u64;
    // Every 50 000 rows, then the end.
    assert_eq!(seen.len(), 3, "{seen:?}");
    assert!(seen[0].0 > total / 3 && seen[0].0 < total / 2 && seen[1].0 > 3 * total / 4 && seen[1].0 < total, "{seen:?}");
    assert!(seen.iter().all(|s| s.1 == total) && seen[2] == (total, total), "{seen:?}");
}

#[test]
fn a_bad_header_ends_the_load_before_any_row_is_stored() {
    let mut s = Store::new();
    let mut loader = Loader::new(None, "x.csv", None);
    loader.push(&mut s, b"name,a", &mut |_, _| {}).unwrap();
    let e = loader.push(&mut s, b"ge\nbob,3\n", &mut |_, _| {}).err().unwrap();
    assert!(e.to_string().contains("unrecognised CSV header (name, age"), "{e}");
    assert_eq!(s.len(), 0);
    let e = Loader::new(None, "", None).end(&mut s, &mut |_, _| {}).err().unwrap();
    assert_eq!(e.to_string(), ingest::load(&mut s, b"", None, "").err().unwrap().to_string());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// Random cuts through the ACLED export with a BOM, CRLF line ends, quoted notes and bad rows.
    #[test]
    fn random_cuts(mut cuts in proptest::collection::vec(0usize..3013, 0..12)) {
        let bytes = fixture("acled_current.csv");
        cuts.iter_mut().for_each(|c| *c = (*c).min(bytes.len()));
        cuts.sort_unstable();
        let (want, want_d) = whole(&bytes, None);
        let (got, d, _) = pieces(&bytes, &cuts, None);
        prop_assert_eq!((got, d), (want, want_d));
    }
}
