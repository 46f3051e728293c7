//! A deterministic generator of synthetic ACLED-format incident data (all 31 columns of the current
//! export, realistic notes), for scale tests and benchmarks. Events cluster around real event
//! locations (the anchors, e.g. the UCDP rows) and spread over ten years with more recent years
//! busier, as in the Sahel since 2016.

use std::fmt::Write as _;

use crate::date::{self, Day};

/// An anchor location events cluster around.
#[derive(Debug, Clone, PartialEq)]
pub struct Anchor {
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// Country name.
    pub country: String,
    /// Admin 1.
    pub admin1: String,
    /// Place name.
    pub location: String,
}

/// SplitMix64: small, fast, good enough for synthetic data, and the same on every platform.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// Seeded generator.
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    pub fn f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// Uniform in 0..n (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.f64() * n as f64) as usize % n.max(1)
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The 31 columns of a current ACLED export, in export order.
pub const ACLED_COLUMNS: [&str; 31] = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
];

struct Kind {
    event_type: &'static str,
    sub: &'static str,
    disorder: &'static str,
    weight: u32,
    verb: &'static str,
}

const KINDS: [Kind; 12] = [
    Kind { event_type: "Battles", sub: "Armed clash", disorder: "Political violence", weight: 300, verb: "clashed with" },
    Kind { event_type: "Battles", sub: "Government regains territory", disorder: "Political violence", weight: 20, verb: "retook positions from" },
    Kind { event_type: "Violence against civilians", sub: "Attack", disorder: "Political violence", weight: 190, verb: "attacked" },
    Kind { event_type: "Violence against civilians", sub: "Abduction/forced disappearance", disorder: "Political violence", weight: 70, verb: "abducted" },
    Kind { event_type: "Explosions/Remote violence", sub: "Remote explosive/landmine/IED", disorder: "Political violence", weight: 80, verb: "targeted with an IED" },
    Kind { event_type: "Explosions/Remote violence", sub: "Air/drone strike", disorder: "Political violence", weight: 50, verb: "struck by drone" },
    Kind { event_type: "Explosions/Remote violence", sub: "Shelling/artillery/missile attack", disorder: "Political violence", weight: 15, verb: "shelled" },
    Kind { event_type: "Strategic developments", sub: "Looting/property destruction", disorder: "Strategic developments", weight: 45, verb: "looted and burned property of" },
    Kind { event_type: "Strategic developments", sub: "Disrupted weapons use", disorder: "Strategic developments", weight: 25, verb: "defused explosives laid by" },
    Kind { event_type: "Strategic developments", sub: "Arrests", disorder: "Strategic developments", weight: 25, verb: "arrested members of" },
    Kind { event_type: "Protests", sub: "Peaceful protest", disorder: "Demonstrations", weight: 110, verb: "demonstrated against" },
    Kind { event_type: "Riots", sub: "Violent demonstration", disorder: "Demonstrations", weight: 70, verb: "rioted against" },
];

/// Armed actors with relative weights (they add up to 23).
const ARMED: [(&str, u32); 6] = [
    ("JNIM: Group for Support of Islam and Muslims", 9),
    ("Islamic State Sahel Province", 4),
    ("Unidentified Armed Group", 5),
    ("Dozo Communal Militia", 2),
    ("Fulani Ethnic Militia", 2),
    ("Wagner Group", 1),
];

fn forces(country: &str) -> (&'static str, &'static str) {
    match country {
        "Burkina Faso" => ("Military Forces of Burkina Faso (2022-)", "VDP: Volunteers for the Defense of the Homeland"),
        "Niger" => ("Military Forces of Niger (2023-)", "Police Forces of Niger (2023-)"),
        _ => ("Military Forces of Mali (2021-)", "Africa Corps"),
    }
}

fn iso3(country: &str) -> (&'static str, u32) {
    match country {
        "Burkina Faso" => ("BFO", 854),
        "Niger" => ("NIR", 562),
        _ => ("MLI", 466),
    }
}

const DETAILS: [&str; 8] = [
    "Assailants on motorbikes fired on a checkpoint.",
    "Shops and a health post were burned.",
    "Traffic on the main road was suspended.",
    "Residents fled to the nearest town.",
    "A convoy was stopped, drivers questioned.",
    "Livestock was seized from the villagers.",
    "Figures could not be verified.",
    "Phone networks were cut for days.",
];

fn quote(out: &mut String, s: &str) {
    if s.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

/// Appends `rows` synthetic ACLED rows (with a header when `header`) to `out`, ending on `end`
/// (ten years of dates back from it). Same seed, same anchors → same bytes.
///
/// ```
/// use riskcard::synth::{acled_csv, Anchor};
/// let a = vec![Anchor { lat: 14.49, lon: -4.18, country: "Mali".into(), admin1: "Mopti".into(), location: "Mopti".into() }];
/// let mut out = String::new();
/// acled_csv(&mut out, &a, 3, 7, riskcard::date::from_ymd(2026, 7, 31).unwrap(), true);
/// assert_eq!(out.lines().next().unwrap().split(',').count(), 31);
/// let mut again = String::new();
/// acled_csv(&mut again, &a, 3, 7, riskcard::date::from_ymd(2026, 7, 31).unwrap(), true);
/// assert_eq!(out, again);
/// ```
pub fn acled_csv(out: &mut String, anchors: &[Anchor], rows: usize, seed: u64, end: Day, header: bool) {
    if header {
        out.push_str(&ACLED_COLUMNS.join(","));
        out.push('\n');
    }
    if anchors.is_empty() {
        return;
    }
    let mut rng = Rng::new(seed);
    let total_weight: u32 = KINDS.iter().map(|k| k.weight).sum();
    let span = 3652.0;
    for i in 0..rows {
        let a = rng.pick(anchors);
        // Distance from the anchor: mostly within a few km, a tail to ~60 km.
        let km = -libm::log(1.0 - rng.f64() * 0.999) * 6.0;
        let bearing = rng.f64() * std::f64::consts::TAU;
        let lat = a.lat + (km * libm::cos(bearing)) / 111.2;
        let lon = a.lon + (km * libm::sin(bearing)) / (111.2 * libm::cos(a.lat.to_radians()));
        // More events in recent years: density rising towards `end`.
        let age = (span * (1.0 - libm::sqrt(rng.f64()))) as i32;
        let day = end - age;
        let (y, _, _) = date::to_ymd(day);
        let mut w = rng.below(total_weight as usize) as u32;
        let kind = KINDS.iter().find(|k| {
            if w < k.weight {
                true
            } else {
                w -= k.weight;
                false
            }
        });
        let kind = kind.unwrap_or(&KINDS[0]);
        let (army, aux) = forces(&a.country);
        let (iso, iso_n) = iso3(&a.country);
        let armed = {
            let mut w = rng.below(23) as u32;
            ARMED
                .iter()
                .find(|(_, k)| {
                    if w < *k {
                        true
                    } else {
                        w -= k;
                        false
                    }
                })
                .map(|(n, _)| *n)
                .unwrap_or(ARMED[0].0)
        };
        let civilians = format!("Civilians ({})", a.country);
        let (actor1, inter1, actor2, inter2) = match kind.event_type {
            "Battles" => (armed, 2, army, 1),
            "Violence against civilians" => (armed, 2, civilians.as_str(), 7),
            "Explosions/Remote violence" if kind.sub == "Air/drone strike" => (army, 1, armed, 2),
            "Explosions/Remote violence" => (armed, 2, army, 1),
            "Protests" => ("Protesters", 6, "", 0),
            "Riots" => ("Rioters", 5, "", 0),
            _ => (army, 1, armed, 2),
        };
        let assoc1 = if inter1 == 1 && rng.f64() < 0.3 { aux } else { "" };
        let fatalities = match kind.event_type {
            "Protests" | "Strategic developments" => 0,
            _ if rng.f64() < 0.45 => 0,
            _ => (libm::exp(rng.f64() * 3.5) as u32).max(1),
        };
        let geo = match rng.below(20) {
            0 => 3,
            1..=5 => 2,
            _ => 1,
        };
        let time = match rng.below(40) {
            0 => 3,
            1..=3 => 2,
            _ => 1,
        };
        let date_text = date::format(day);
        let mut notes = String::with_capacity(220);
        let short = |s: &str| s.split(':').next().unwrap_or(s).to_string();
        let _ = write!(notes, "On {date_text}, {} {} ", short(actor1), kind.verb);
        notes.push_str(&if actor2.is_empty() { "the authorities".to_string() } else { short(actor2) });
        let _ = write!(notes, " near {}. ", a.location);
        let detail = DETAILS[rng.below(DETAILS.len())];
        notes.push_str(detail);
        if fatalities > 0 {
            let _ = write!(notes, " {fatalities} killed.");
        }
        let _ = write!(out, "{iso}{},{date_text},{y},{time},{},{},{},", 100_000 + i, kind.disorder, kind.event_type, kind.sub);
        quote(out, actor1);
        out.push(',');
        quote(out, assoc1);
        let _ = write!(out, ",{inter1},");
        quote(out, actor2);
        let interaction = if inter2 == 0 { inter1 * 10 } else { inter1 * 10 + inter2 };
        let _ = write!(
            out,
            ",,{},{interaction},{},{iso_n},Western Africa,",
            if inter2 == 0 { String::new() } else { inter2.to_string() },
            if kind.event_type == "Violence against civilians" { "Civilian targeting" } else { "" }
        );
        quote(out, &a.country);
        out.push(',');
        quote(out, &a.admin1);
        out.push_str(",,,");
        quote(out, &a.location);
        let _ = write!(out, ",{lat:.4},{lon:.4},{geo},Studio Tamani; Kibaru,National,");
        quote(out, &notes);
        let tags = if kind.event_type == "Protests" { "crowd size=no report" } else { "" };
        let _ = writeln!(out, ",{fatalities},{tags},{}", 1_600_000_000 + (day as i64 - 18_000).max(0) * 86_400 / 10);
    }
}

/// Anchors from UCDP CSV text (id, latitude, longitude, country, adm_1, where_coordinates).
pub fn anchors_from_ucdp(text: &str) -> Vec<Anchor> {
    let mut r = crate::csv::Reader::new(text.strip_prefix('\u{feff}').unwrap_or(text));
    if r.next_record().is_none() {
        return vec![];
    }
    let header: Vec<String> = (0..r.len()).map(|i| r.field(i).to_string()).collect();
    let col = |n: &str| header.iter().position(|h| h == n);
    let (Some(la), Some(lo), Some(c), Some(a1), Some(loc)) = (col("latitude"), col("longitude"), col("country"), col("adm_1"), col("where_coordinates")) else {
        return vec![];
    };
    let mut out = Vec::new();
    while r.next_record().is_some() {
        if let (Ok(lat), Ok(lon)) = (r.field(la).parse::<f64>(), r.field(lo).parse::<f64>()) {
            let location = r.field(loc).split(" (").next().unwrap_or("").to_string();
            out.push(Anchor { lat, lon, country: r.field(c).to_string(), admin1: r.field(a1).to_string(), location });
        }
    }
    out
}
