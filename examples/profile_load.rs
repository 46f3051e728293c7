fn main() {
    let path = std::env::args().nth(1).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let t = std::time::Instant::now();
    let mut s = riskcard::Store::new();
    riskcard::ingest::load(&mut s, &bytes, None, "x").unwrap();
    let load = t.elapsed();
    let t = std::time::Instant::now();
    s.build_index();
    let fin = t.elapsed();
    let t = std::time::Instant::now();
    let text = std::str::from_utf8(&bytes).unwrap();
    let mut r = riskcard::csv::Reader::new(text);
    let mut n = 0usize;
    while r.next_record().is_some() {
        n += r.len();
    }
    let csv = t.elapsed();
    let t = std::time::Instant::now();
    let _ = std::str::from_utf8(&bytes).unwrap();
    let utf = t.elapsed();
    println!("load {load:?} (finish alone {fin:?}); csv only {csv:?} ({n} fields); utf8 check {utf:?}; {} rows", s.len());
}
