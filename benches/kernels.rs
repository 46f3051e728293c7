//! Native benchmarks of the core kernels (`cargo bench`): ingest, index build, site / corridor /
//! portfolio assessment on synthetic ACLED data clustered on the real UCDP locations. Speed claims
//! against peers are in the browser benchmark (`make bench`); these track the kernels themselves.
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use riskcard::{aoi, assess::assess_with, ingest, synth, Options, Store};

fn data(rows: usize) -> String {
    let mut anchors = Vec::new();
    for f in ["ucdp_candidate_v26_01_06_mali_bfa_ner.csv", "ucdp_candidate_v26_0_7_mali_bfa_ner.csv"] {
        let text = std::fs::read_to_string(format!("{}/www/data/{f}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        anchors.extend(synth::anchors_from_ucdp(&text));
    }
    let mut csv = String::new();
    synth::acled_csv(&mut csv, &anchors, rows, 42, riskcard::date::from_ymd(2026, 7, 31).unwrap(), true);
    csv
}

fn kernels(c: &mut Criterion) {
    let csv = data(100_000);
    let mut g = c.benchmark_group("ingest");
    g.throughput(Throughput::Bytes(csv.len() as u64));
    g.sample_size(10);
    g.bench_function("acled_100k", |b| {
        b.iter(|| {
            let mut s = Store::new();
            ingest::load(&mut s, csv.as_bytes(), None, "").unwrap();
            s
        })
    });
    g.finish();

    let mut store = Store::new();
    ingest::load(&mut store, csv.as_bytes(), None, "").unwrap();
    let st = Options { as_of: Some("2026-07-31".into()), ..Options::default() }.resolve(&store).unwrap();
    let site = aoi::site(13.1581, -1.5192, 50.0, None).unwrap();
    let road = aoi::corridor(vec![vec![(12.744, -8.073), (12.609, -7.975), (12.779, -6.956), (13.440, -6.259), (12.951, -5.756), (13.297, -4.896), (14.484, -4.183)]], 20.0, None)
        .unwrap();
    let mut g = c.benchmark_group("assess_100k");
    g.bench_function("site_50km_full", |b| b.iter(|| assess_with(&store, &site, &st)));
    g.bench_function("corridor_565km_full", |b| b.iter(|| assess_with(&store, &road, &st)));
    let summary = Options { as_of: Some("2026-07-31".into()), detail: Some("summary".into()), ..Options::default() }.resolve(&store).unwrap();
    g.bench_function("site_50km_summary", |b| b.iter(|| assess_with(&store, &site, &summary)));
    g.finish();
    c.bench_function("index_build_100k", |b| {
        b.iter(|| {
            let mut s = store.clone();
            s.insert(riskcard::store::NewIncident::new("x", 20_000, 12.0, -8.0, riskcard::Category::Battle, 0));
            s.build_index();
            s
        })
    });
}

criterion_group!(benches, kernels);
criterion_main!(benches);
