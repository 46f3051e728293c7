//! Native timing of full site reports on the bench data: `profile_assess FILE` (per-site medians).
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let mut s = riskcard::Store::new();
    riskcard::ingest::load(&mut s, &bytes, None, "x").unwrap();
    let mines = [(11.6733, -6.8504), (10.7911, -6.0729), (13.1581, -1.5192), (14.3847, 0.0756), (12.8751, -11.3922), (14.3619, -1.3044)];
    let o = riskcard::Options { as_of: Some("2026-07-31".into()), ..Default::default() };
    let st = o.resolve(&s).unwrap();
    let mut all = std::time::Duration::ZERO;
    let mut per = Vec::new();
    for (a, b) in mines {
        let mut xs = Vec::new();
        for k in 0..200 {
            let aoi = riskcard::aoi::site(a + 0.001 * k as f64, b, 50.0, None).unwrap();
            let t = std::time::Instant::now();
            let r = riskcard::assess::assess_with(&s, &aoi, &st);
            xs.push(t.elapsed());
            std::hint::black_box(r);
        }
        all += xs.iter().sum::<std::time::Duration>();
        xs.sort();
        per.push(format!("{:.2}", xs[100].as_secs_f64() * 1e3));
    }
    println!("{:?} per site; medians (ms) {}", all / 1200, per.join(" "));
}
