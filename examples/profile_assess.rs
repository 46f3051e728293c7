//! Native timing of full reports on the bench data: `profile_assess FILE` (per-site medians of the
//! bench's six mines), or with `CORRIDOR=1` the bench's 565 km corridor.
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let mut s = riskcard::Store::new();
    riskcard::ingest::load(&mut s, &bytes, None, "x").unwrap();
    let mines = [(11.6733, -6.8504), (10.7911, -6.0729), (13.1581, -1.5192), (14.3847, 0.0756), (12.8751, -11.3922), (14.3619, -1.3044)];
    let seg = std::env::var("SEGMENT_KM").ok().and_then(|v| v.parse().ok());
    let o = riskcard::Options { as_of: Some("2026-07-31".into()), segment_km: seg, ..Default::default() };
    let st = o.resolve(&s).unwrap();
    if std::env::var("CORRIDOR").is_ok() {
        let line = [(-8.07257, 12.74409), (-7.97522, 12.60915), (-6.9564, 12.7787), (-6.25947, 13.44032), (-5.75557, 12.95083), (-4.89627, 13.29701), (-4.18296, 14.4843)];
        let mut xs = Vec::new();
        for k in 0..40 {
            let pts: Vec<(f64, f64)> = line.iter().map(|&(lon, lat)| (lat + 0.001 * k as f64, lon)).collect();
            let aoi = riskcard::aoi::corridor(vec![pts], 20.0, None).unwrap();
            let t = std::time::Instant::now();
            std::hint::black_box(riskcard::assess::assess_with(&s, &aoi, &st));
            xs.push(t.elapsed());
        }
        xs.sort();
        println!("corridor median {:.2} ms", xs[20].as_secs_f64() * 1e3);
        return;
    }
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
