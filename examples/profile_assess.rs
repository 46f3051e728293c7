fn main() {
    let path = std::env::args().nth(1).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let mut s = riskcard::Store::new();
    riskcard::ingest::load(&mut s, &bytes, None, "x").unwrap();
    let mines = [(11.6733, -6.8504), (10.7911, -6.0729), (13.1581, -1.5192), (14.3847, 0.0756), (12.8751, -11.3922), (14.3619, -1.3044)];
    let o = riskcard::Options { as_of: Some("2026-07-31".into()), ..Default::default() };
    let st = o.resolve(&s).unwrap();
    let t = std::time::Instant::now();
    let mut n = 0;
    for k in 0..200 {
        for (a, b) in mines {
            let aoi = riskcard::aoi::site(a + 0.001 * k as f64, b, 50.0, None).unwrap();
            let r = riskcard::assess::assess_with(&s, &aoi, &st);
            n += r.incidents.in_aoi;
        }
    }
    println!("{:?} per site ({n})", t.elapsed() / 1200);
}
