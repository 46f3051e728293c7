//! Profiles a 500-site summary portfolio on a synthetic file: `profile_portfolio FILE`.
fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let bytes = std::fs::read(&path).unwrap_or_default();
    let mut s = riskcard::Store::new();
    let _ = riskcard::ingest::load(&mut s, &bytes, None, "x");
    let ucdp = include_str!("../www/data/ucdp_candidate_v26_01_06_mali_bfa_ner.csv");
    let sites: Vec<_> = riskcard::synth::anchors_from_ucdp(ucdp).into_iter().take(500).collect();
    let o = riskcard::Options { as_of: Some("2026-07-31".into()), detail: Some("summary".into()), ..Default::default() };
    let st = o.resolve(&s).unwrap_or_else(|e| panic!("{e}"));
    let t = std::time::Instant::now();
    let (mut n, mut w) = (0, 0);
    for _ in 0..5 {
        for a in &sites {
            let aoi = riskcard::aoi::site(a.lat, a.lon, 50.0, None).unwrap_or_else(|e| panic!("{e}"));
            let r = riskcard::assess::assess_with(&s, &aoi, &st);
            n += r.incidents.in_aoi;
            w += r.incidents.within_influence;
        }
    }
    println!("{:?} per 500-site portfolio ({n} in areas, {w} within influence over 5 runs)", t.elapsed() / 5);
}
