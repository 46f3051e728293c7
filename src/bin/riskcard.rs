//! `riskcard` command-line tool: the same core as the browser card.

use std::process::ExitCode;

use riskcard::{aoi, assess_input, ingest, json, Options, Store};

const HELP: &str = "riskcard — proximity score, trend and route risk from ACLED/UCDP incident data

USAGE:
    riskcard assess --incidents FILE [--incidents FILE ...] [--format FMT (before its files)]
                    (--aoi AOI.geojson | --site LAT,LON,KM [--name NAME])
                    [--as-of YYYY-MM-DD] [--window-days N] [--today YYYY-MM-DD] [--stale-days N]
                    [--dedupe id|content] [--trend-bin week|month] [--trend-months N]
                    [--segment-km KM] [--nearest N] [--drivers N] [--influence-km KM]
                    [--detail full|summary|analysis] [--profile site|convoy|staff]
                    [--weights JSON] [--reach-km JSON] [--actors FAMILY,...] [--since YYYY-MM-DD]
                    [--drift-months N] [--public] [--diagnostics FILE] [--compact]
                    [--output json|csv|geojson]
    riskcard gen --rows N [--seed S] [--out FILE]
    riskcard --help

Prints the report as JSON on stdout (a ranked JSON array when the AOI is a FeatureCollection).
--output csv or geojson prints instead the incidents the report used (within influence, in the
window), nearest first, with their distance, bearing and points (a portfolio's with an area column);
with --public, redacted as the report is. Text cells that start with = + - @ get a ' before them.
Incident files are loaded in order into one store; a later file's version of an id replaces an
earlier one; with --dedupe content, an event of an earlier file found again under another id (the
same day, category and fatalities, within 100 m: ACLED re-codes events between releases) is kept
once, the later version. FMT is acled, ucdp, csv, geojson, json or auto (the default: detected
from content); it applies to the --incidents files that follow it. --today (the CLI reads no clock)
makes the report warn when the data ends more than --stale-days (30) days before it. --public
leaves out notes, actors, ids, sources and exact places (derived figures only). --diagnostics FILE writes what the loads did
(rows read, loaded, skipped and replaced, each skipped row with its line and reason, the warnings)
as JSON; the report itself carries only the counts and the warnings.

--detail analysis adds the approach (distance rings by trend bin, sectors, the drift over the last
--drift-months (3) months against as many before), the actor families' points and the tags.
--profile weighs for a fixed site (the default), a convoy on the road or staff; --weights
'{\"abduction\": 2}' and --reach-km '{\"protest\": 10}' set a category's weight (0-10) and influence
distance (km); --actors jnim,is_sahel keeps incidents naming those families; --since DATE says what
changed since then (new incidents, the score then, the new drivers).

The AOI is GeoJSON: a Point with property radius_km (site), a Polygon or MultiPolygon (zone), a
LineString or MultiLineString with property buffer_km (corridor), or a FeatureCollection of these
(portfolio). Bad arguments, unreadable files or an unusable AOI: one line on stderr, exit status 2.

`gen` writes N synthetic incidents as an ACLED CSV export (all 31 columns, ten years to 2026-07-31)
clustered around the real UCDP event locations shipped in www/data; the same seed gives the same file.
";

const UCDP_JAN: &str = include_str!("../../www/data/ucdp_candidate_v26_01_06_mali_bfa_ner.csv");
const UCDP_JUL: &str = include_str!("../../www/data/ucdp_candidate_v26_0_7_mali_bfa_ner.csv");

fn gen(args: &[String]) -> Result<String, String> {
    let (mut rows, mut seed, mut out) = (None, 1u64, None);
    let mut i = 0;
    while i < args.len() {
        let value = args.get(i + 1).ok_or_else(|| format!("{} needs a value", args[i]))?;
        match args[i].as_str() {
            "--rows" => rows = Some(value.parse::<usize>().map_err(|_| format!("--rows needs a whole number, got '{value}'"))?),
            "--seed" => seed = value.parse().map_err(|_| format!("--seed needs a whole number, got '{value}'"))?,
            "--out" => out = Some(value.clone()),
            other => return Err(format!("unknown option '{other}' (try riskcard --help)")),
        }
        i += 2;
    }
    let rows = rows.ok_or("give --rows N")?;
    let mut anchors = riskcard::synth::anchors_from_ucdp(UCDP_JAN);
    anchors.extend(riskcard::synth::anchors_from_ucdp(UCDP_JUL));
    let end = riskcard::date::from_ymd(2026, 7, 31).unwrap_or(0);
    let mut text = String::with_capacity(rows * 300);
    // In chunks of 100 000 rows, each with its own seed, so memory stays bounded when writing a file.
    let mut file: Option<std::io::BufWriter<std::fs::File>> = match &out {
        Some(p) => Some(std::io::BufWriter::new(std::fs::File::create(p).map_err(|e| format!("cannot write {p}: {e}"))?)),
        None => None,
    };
    let mut done = 0;
    let mut chunk = 0u64;
    while done < rows || (rows == 0 && chunk == 0) {
        let n = (rows - done).min(100_000);
        text.clear();
        riskcard::synth::acled_csv(&mut text, &anchors, n, seed.wrapping_mul(1_000_003).wrapping_add(chunk), end, chunk == 0);
        // Ids continue across chunks.
        let text = if chunk > 0 { renumber(&text, done) } else { text.clone() };
        match file.as_mut() {
            Some(f) => std::io::Write::write_all(f, text.as_bytes()).map_err(|e| e.to_string())?,
            None => print!("{text}"),
        }
        done += n;
        chunk += 1;
        if rows == 0 {
            break;
        }
    }
    if let Some(mut f) = file {
        std::io::Write::flush(&mut f).map_err(|e| e.to_string())?;
    }
    Ok(String::new())
}

/// Shifts the numeric part of each row's event_id_cnty by `offset` (ids restart in every chunk).
fn renumber(text: &str, offset: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 50);
    for line in text.split_inclusive('\n') {
        let digits = line.bytes().skip(3).take_while(u8::is_ascii_digit).count();
        match line.get(3..3 + digits).and_then(|d| d.parse::<usize>().ok()) {
            Some(n) if line.len() > 3 => {
                out.push_str(&line[..3]);
                out.push_str(&(n + offset).to_string());
                out.push_str(&line[3 + digits..]);
            }
            _ => out.push_str(line),
        }
    }
    out
}

/// Loads a file into the store a block at a time, so the file is never in memory whole.
fn load_file(store: &mut Store, path: &str, format: Option<ingest::Format>, name: &str, dedupe: ingest::Dedupe) -> Result<(), String> {
    use std::io::Read;
    let cannot = |e: std::io::Error| format!("cannot read {path}: {e}");
    let mut file = std::fs::File::open(path).map_err(cannot)?;
    let total = file.metadata().map(|m| m.len()).ok();
    let mut loader = ingest::Loader::new(format, name, total).dedupe(dedupe);
    let mut block = vec![0u8; 8 << 20];
    loop {
        let n = match file.read(&mut block) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(cannot(e)),
        };
        loader.push(store, &block[..n], &mut |_, _| {}).map_err(|e| e.to_string())?;
    }
    loader.end(store, &mut |_, _| {}).map_err(|e| e.to_string())?;
    Ok(())
}

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(out) => {
            if !out.is_empty() {
                println!("{out}");
            }
            ExitCode::SUCCESS
        }
        Err(msg) => {
            eprintln!("riskcard: {}", msg.replace('\n', " "));
            ExitCode::from(2)
        }
    }
}

/// The flag a user writes for an option of the core (`window_days` → `--window-days`).
fn flag_of(option: &str) -> String {
    format!("--{}", option.replace('_', "-"))
}

fn run(args: Vec<String>) -> Result<String, String> {
    let mut it = args.into_iter();
    match it.next().as_deref() {
        None | Some("-h") | Some("--help") | Some("help") => return Ok(HELP.trim_end().to_string()),
        Some("assess") => {}
        Some("gen") => return gen(&it.collect::<Vec<_>>()),
        Some(other) => return Err(format!("unknown command '{other}' (try riskcard --help)")),
    }
    let mut files: Vec<(String, Option<ingest::Format>)> = Vec::new();
    // The format for the files that follow, and a --format no file has followed yet.
    let (mut format, mut unused_format): (Option<ingest::Format>, Option<String>) = (None, None);
    let (mut aoi_path, mut site, mut name) = (None, None, None);
    let mut dedupe = ingest::Dedupe::Id;
    let mut options = Options::default();
    let mut compact = false;
    let mut output = None;
    let mut diagnostics_path = None;
    let mut given: Vec<String> = Vec::new();
    let rest: Vec<String> = it.collect();
    let mut i = 0;
    while i < rest.len() {
        let flag = rest[i].as_str();
        if flag == "-h" || flag == "--help" {
            return Ok(HELP.trim_end().to_string());
        }
        // Every flag but --incidents and --format (which go before each file) is given once: a
        // second value would silently win over the first.
        if !matches!(flag, "--incidents" | "--format") && given.iter().any(|g| g == flag) {
            return Err(format!("{flag} is given twice"));
        }
        given.push(flag.to_string());
        if matches!(flag, "--compact" | "--public") {
            match flag {
                "--compact" => compact = true,
                _ => options.public = Some(true),
            }
            i += 1;
            continue;
        }
        let value = rest.get(i + 1).cloned().ok_or_else(|| format!("{flag} needs a value"))?;
        let num = |v: &str| v.parse::<u32>().map_err(|_| format!("{flag} needs a whole number, got '{v}'"));
        let real = |v: &str| v.parse::<f64>().map_err(|_| format!("{flag} needs a number, got '{v}'"));
        match flag {
            "--incidents" => {
                files.push((value, format));
                unused_format = None;
            }
            "--format" => {
                format = ingest::Format::parse(&value).map_err(|e| e.to_string())?;
                unused_format = Some(value);
            }
            "--aoi" => aoi_path = Some(value),
            "--site" => site = Some(value),
            "--name" => name = Some(value),
            "--dedupe" => dedupe = ingest::Dedupe::parse(&value).map_err(|e| e.to_string())?,
            "--as-of" => options.as_of = Some(value),
            "--today" => options.today = Some(value),
            "--stale-days" => options.stale_days = Some(num(&value)?),
            "--window-days" => options.window_days = Some(num(&value)?),
            "--trend-bin" => options.trend_bin = Some(value),
            "--trend-months" => options.trend_months = Some(num(&value)?),
            "--segment-km" => options.segment_km = Some(real(&value)?),
            "--nearest" => options.nearest = Some(num(&value)?),
            "--drivers" => options.drivers = Some(num(&value)?),
            "--influence-km" => options.influence_km = Some(real(&value)?),
            "--detail" => options.detail = Some(value),
            "--profile" => options.profile = Some(value),
            "--since" => options.since = Some(value),
            "--drift-months" => options.drift_months = Some(num(&value)?),
            "--actors" => options.actors = Some(value.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()),
            "--weights" | "--reach-km" => {
                let key = if flag == "--weights" { "weights" } else { "reach_km" };
                let v = json::parse(&value).map_err(|e| format!("{flag} needs JSON such as '{{\"battle\": 2}}': {e}"))?;
                let o = Options::from_json(&json::Value::Object(vec![(key.into(), v)])).map_err(|e| e.naming_option(flag_of).to_string())?;
                (options.weights, options.reach_km) = (o.weights.or(options.weights), o.reach_km.or(options.reach_km));
            }
            "--diagnostics" => diagnostics_path = Some(value),
            "--output" => match value.as_str() {
                "json" => output = None,
                other => output = Some(riskcard::assess::ExportFormat::parse(other).map_err(|_| format!("--output must be json, csv or geojson, got '{other}'"))?),
            },
            other => return Err(format!("unknown option '{other}' (try riskcard --help)")),
        }
        i += 2;
    }
    if let Some(f) = unused_format {
        return Err(format!("--format {f} applies to the --incidents files after it, and none follows it"));
    }
    if files.is_empty() {
        return Err("give at least one --incidents FILE".into());
    }
    if name.is_some() && site.is_none() {
        return Err("--name names a --site; give --site LAT,LON,KM".into());
    }
    let input = match (aoi_path, site) {
        (Some(_), Some(_)) => return Err("give --aoi or --site, not both".into()),
        (None, None) => return Err("give --aoi AOI.geojson or --site LAT,LON,KM".into()),
        (Some(path), None) => {
            let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {path}: {e}"))?;
            aoi::parse(&text).map_err(|e| format!("{path}: {e}"))?
        }
        (None, Some(s)) => {
            let parts: Vec<f64> = s.split(',').map(|p| p.trim().parse::<f64>()).collect::<Result<_, _>>().map_err(|_| format!("--site needs LAT,LON,KM, got '{s}'"))?;
            let [lat, lon, km] = parts[..] else { return Err(format!("--site needs LAT,LON,KM, got '{s}'")) };
            aoi::AoiInput::One(aoi::site(lat, lon, km, name).map_err(|e| e.to_string())?)
        }
    };
    let mut store = Store::new();
    for (path, fmt) in &files {
        let name = std::path::Path::new(path).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        load_file(&mut store, path, *fmt, &name, dedupe)?;
    }
    if let Some(path) = diagnostics_path {
        let text = serde_json::to_string_pretty(store.diagnostics()).map_err(|e| e.to_string())?;
        std::fs::write(&path, text + "\n").map_err(|e| format!("cannot write {path}: {e}"))?;
    }
    if let Some(format) = output {
        let text = riskcard::assess::export_incidents(&store, &input, &options, format).map_err(|e| e.naming_option(flag_of).to_string())?;
        // As written: the export ends with its own line end (stdout byte-equal to the engine's).
        print!("{text}");
        return Ok(String::new());
    }
    let report = assess_input(&store, &input, &options).map_err(|e| e.naming_option(flag_of).to_string())?;
    let out = if compact { serde_json::to_string(&report) } else { serde_json::to_string_pretty(&report) };
    out.map_err(|e| e.to_string())
}
