//! The options of an assessment, as the CLI and the JavaScript API give them, checked and completed
//! with defaults into [`Settings`]. Unknown or malformed options are refused, naming the option.

use crate::category::Category;
use crate::date::{self, Day};
use crate::error::{Error, Result};
use crate::json;
use crate::message::Message;
use crate::score::Params;
use crate::store::Store;

use super::actors::Family;
use super::weigh::{Profile, Weighing};

/// Options of an assessment, as the CLI and the JS API give them. Unknown keys are refused.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Options {
    /// Last day of the window, `YYYY-MM-DD`; default: the latest incident date in the store.
    pub as_of: Option<String>,
    /// Window length in days (1–3650); default 90.
    pub window_days: Option<u32>,
    /// Trend bins: `week` (ISO weeks, default) or `month`.
    pub trend_bin: Option<String>,
    /// Trend span in months back from as_of (1–120); default 12.
    pub trend_months: Option<u32>,
    /// Route segment length, km (1–500); default 10.
    pub segment_km: Option<f64>,
    /// Number of nearest incidents listed (0–100); default 10.
    pub nearest: Option<u32>,
    /// Number of drivers listed (0–50); default 5.
    pub drivers: Option<u32>,
    /// Influence distance beyond the area's edge, km (0–500); default 100.
    pub influence_km: Option<f64>,
    /// `full` (default), `summary` or `analysis`: a summary leaves out the trend bins, the score
    /// history and the map points, and lists 3 nearest incidents — for large portfolios, where the
    /// card shows a ranked table and asks for the full report of the site the user opens; an
    /// analysis adds to the full report the approach, the actors and the tags (it reads every
    /// incident's actors and notes within reach: what costs is computed only when asked).
    pub detail: Option<String>,
    /// The public view: derived figures only (no notes, actors, ids, sources or exact places; map
    /// points rounded to 0.1°), for a card on a public page (ACLED's terms forbid giving third
    /// parties the raw rows).
    pub public: Option<bool>,
    /// Today's date, `YYYY-MM-DD`, given by the host (the core reads no clock): with it the report
    /// says how old the data is, and warns when it is older than `stale_days`.
    pub today: Option<String>,
    /// Data whose last incident is more than this many days before `today` is stale (1–3650);
    /// default 30.
    pub stale_days: Option<u32>,
    /// Threat profile: `site` (default), `convoy` or `staff` (docs/METHOD.md § Profiles).
    pub profile: Option<String>,
    /// Weight per category key (0–10), over the profile's.
    pub weights: Option<Vec<(String, f64)>>,
    /// Influence distance per category key, km (0–500); the others keep `influence_km`.
    pub reach_km: Option<Vec<(String, f64)>>,
    /// Only incidents naming one of these actor families count (`jnim`, `is_sahel`, …).
    pub actors: Option<Vec<String>>,
    /// A date, `YYYY-MM-DD`, on or before as_of: the report says what changed since then.
    pub since: Option<String>,
    /// The approach's drift compares the last this many months with as many before (1–12);
    /// default 3.
    pub drift_months: Option<u32>,
}

/// Options checked and completed with defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Score parameters.
    pub params: Params,
    /// Last day of the window.
    pub as_of: Day,
    /// Monthly bins instead of weekly.
    pub monthly: bool,
    /// Trend span, months.
    pub trend_months: u32,
    /// Route segment length, km.
    pub segment_km: f64,
    /// Nearest incidents listed.
    pub nearest: usize,
    /// Drivers listed.
    pub drivers: usize,
    /// Use the store's spatial-temporal index (false: test every row; same results, for tests).
    pub use_index: bool,
    /// Summary report (see [`Options::detail`]).
    pub summary: bool,
    /// The public view (see [`Options::public`]).
    pub public: bool,
    /// Today, when the host gave it.
    pub today: Option<Day>,
    /// Days after which data is stale.
    pub stale_days: i32,
    /// How incidents weigh: the profile, custom weights and reaches, the actor families kept.
    /// (`params.influence_km` is the farthest reach: the distance the scans read to.)
    pub weighing: Weighing,
    /// The influence distance as given (or its default), km.
    pub influence_km: f64,
    /// An analysis report (see [`Options::detail`]).
    pub analysis: bool,
    /// What changed since this day.
    pub since: Option<Day>,
    /// The drift's period, months.
    pub drift_months: u32,
}

impl Settings {
    /// Whether the assessment reads the incidents' texts (their actors' families or tags): an
    /// analysis, a profile that weighs tags, an actor filter.
    pub fn needs_words(&self) -> bool {
        self.analysis || self.weighing.uses_tags() || self.weighing.actors.is_some()
    }
}

fn range<T: PartialOrd + Into<f64> + Copy>(v: Option<T>, default: T, lo: T, hi: T, name: &str) -> Result<T> {
    match v {
        None => Ok(default),
        Some(x) if x >= lo && x <= hi => Ok(x),
        Some(x) => Err(Error::Options(Message::option_out_of_range(name.into(), lo.into(), hi.into(), x.into()))),
    }
}

/// The error for an option that must be one of two words.
fn either(option: &str, first: &str, second: &str, got: &str) -> Error {
    Error::Options(Message::option_not_either(option.into(), first.into(), second.into(), got.into()))
}

/// The option names, each with its JS (camelCase) alias.
const OPTION_KEYS: [(&str, &str); 18] = [
    ("as_of", "asOf"),
    ("window_days", "windowDays"),
    ("trend_bin", "trendBin"),
    ("trend_months", "trendMonths"),
    ("segment_km", "segmentKm"),
    ("nearest", "nearest"),
    ("drivers", "drivers"),
    ("influence_km", "influenceKm"),
    ("detail", "detail"),
    ("public", "public"),
    ("today", "today"),
    ("stale_days", "staleDays"),
    ("profile", "profile"),
    ("weights", "weights"),
    ("reach_km", "reachKm"),
    ("actors", "actors"),
    ("since", "since"),
    ("drift_months", "driftMonths"),
];

/// A JSON object of numbers by key, as `weights` and `reach_km` are given.
fn numbers_by_key(name: &str, value: &json::Value, example: &str) -> Result<Vec<(String, f64)>> {
    let Some(members) = value.as_object() else {
        return Err(Error::Options(Message::option_not_object_of(name.into(), value.describe(), example.into())));
    };
    members
        .iter()
        .map(|(k, v)| {
            let x = v.as_f64().ok_or_else(|| Error::Options(Message::option_not_number(format!("{name}.{k}"), v.describe())))?;
            Ok((k.to_string(), x))
        })
        .collect()
}

/// A list of names: a JSON array of strings, or one string of names separated by commas.
fn names(name: &str, value: &json::Value, example: &str) -> Result<Vec<String>> {
    let bad = || Error::Options(Message::option_not_list(name.into(), value.describe(), example.into()));
    match value {
        json::Value::String(s) => Ok(s.split(',').map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect()),
        json::Value::Array(items) => items.iter().map(|v| v.as_str().map(|s| s.trim().to_string()).ok_or_else(bad)).collect(),
        _ => Err(bad()),
    }
}

/// The category of a key given in `option`, or the error listing the keys.
fn category_of(option: &str, key: &str) -> Result<Category> {
    Category::ALL.into_iter().find(|c| c.key() == key).ok_or_else(|| {
        let known: Vec<&str> = Category::ALL.iter().map(|c| c.key()).collect();
        Error::Options(Message::option_not_one_of(option.into(), key.into(), known.join(", ")))
    })
}

impl Options {
    /// Options from a JSON object (`null` members are left out); unknown keys and wrong types are
    /// refused.
    ///
    /// ```
    /// use riskcard::{json, Options};
    /// let o = Options::from_json(&json::parse(r#"{"asOf": "2026-07-31", "window_days": 30, "detail": null}"#).unwrap()).unwrap();
    /// assert_eq!((o.as_of.as_deref(), o.window_days, o.detail), (Some("2026-07-31"), Some(30), None));
    /// let e = Options::from_json(&json::parse(r#"{"windowDayz": 30}"#).unwrap()).unwrap_err();
    /// assert!(e.to_string().starts_with("invalid option: unknown field `windowDayz`"), "{e}");
    /// assert!(Options::from_json(&json::parse(r#"{"nearest": 2.5}"#).unwrap()).is_err());
    /// ```
    pub fn from_json(v: &json::Value) -> Result<Options> {
        let Some(members) = v.as_object() else {
            return Err(Error::Options(Message::options_not_object(v.describe())));
        };
        let mut o = Options::default();
        for (key, value) in members {
            let Some(&(name, _)) = OPTION_KEYS.iter().find(|(a, b)| a == key || b == key) else {
                let known: Vec<&str> = OPTION_KEYS.iter().map(|k| k.1).collect();
                return Err(Error::Options(Message::option_unknown(key.to_string(), known.join(", "))));
            };
            if *value == json::Value::Null {
                continue;
            }
            let text = || value.as_str().map(str::to_string).ok_or_else(|| Error::Options(Message::option_not_text(name.into(), value.describe())));
            let number = || value.as_f64().ok_or_else(|| Error::Options(Message::option_not_number(name.into(), value.describe())));
            let whole = || {
                number().and_then(|x| {
                    if x.fract() == 0.0 && (0.0..=u32::MAX as f64).contains(&x) {
                        Ok(x as u32)
                    } else {
                        Err(Error::Options(Message::option_not_whole(name.into(), value.describe())))
                    }
                })
            };
            let flag = || match value {
                json::Value::Bool(b) => Ok(*b),
                _ => Err(Error::Options(Message::option_not_bool(name.into(), value.describe()))),
            };
            match name {
                "as_of" => o.as_of = Some(text()?),
                "window_days" => o.window_days = Some(whole()?),
                "trend_bin" => o.trend_bin = Some(text()?),
                "trend_months" => o.trend_months = Some(whole()?),
                "segment_km" => o.segment_km = Some(number()?),
                "nearest" => o.nearest = Some(whole()?),
                "drivers" => o.drivers = Some(whole()?),
                "influence_km" => o.influence_km = Some(number()?),
                "public" => o.public = Some(flag()?),
                "today" => o.today = Some(text()?),
                "stale_days" => o.stale_days = Some(whole()?),
                "profile" => o.profile = Some(text()?),
                "weights" => o.weights = Some(numbers_by_key(name, value, r#"{"abduction": 2}"#)?),
                "reach_km" => o.reach_km = Some(numbers_by_key(name, value, r#"{"protest": 10}"#)?),
                "actors" => o.actors = Some(names(name, value, r#"["jnim", "is_sahel"]"#)?),
                "since" => o.since = Some(text()?),
                "drift_months" => o.drift_months = Some(whole()?),
                _ => o.detail = Some(text()?),
            }
        }
        Ok(o)
    }

    /// Checks the options and fills in defaults; `as_of` defaults to the store's latest incident.
    ///
    /// ```
    /// use riskcard::{Options, Store};
    /// let o = Options { as_of: Some("2026-07-31".into()), ..Options::default() };
    /// let s = o.resolve(&Store::new()).unwrap();
    /// assert_eq!((riskcard::date::format(s.as_of), s.params.window_days), ("2026-07-31".to_string(), 90));
    /// assert!(Options { window_days: Some(0), ..o }.resolve(&Store::new()).is_err());
    /// ```
    pub fn resolve(&self, store: &Store) -> Result<Settings> {
        let iso = |name: &str, s: &str| date::parse_iso(s.trim()).ok_or_else(|| Error::Options(Message::option_not_date(name.into(), s.to_string())));
        let as_of = match self.as_of.as_deref().filter(|s| !s.trim().is_empty()) {
            Some(s) => iso("as_of", s)?,
            None => match store.day_range() {
                Some((_, max)) => max,
                None => return Err(Error::Options(Message::no_incidents_for_as_of())),
            },
        };
        let monthly = match self.trend_bin.as_deref() {
            None | Some("week") => false,
            Some("month") => true,
            Some(other) => return Err(either("trend_bin", "week", "month", other)),
        };
        let defaults = Params::default();
        let influence_km = range(self.influence_km, defaults.influence_km, 0.0, 500.0, "influence_km")?;
        let weighing = self.weighing(influence_km)?;
        let params = Params { window_days: range(self.window_days, 90, 1, 3650, "window_days")? as i32, influence_km: weighing.scan_km(), ..defaults };
        let (summary, analysis) = match self.detail.as_deref() {
            None | Some("full") => (false, false),
            Some("summary") => (true, false),
            Some("analysis") => (false, true),
            Some(other) => return Err(Error::Options(Message::option_not_one_of("detail".into(), other.into(), "full, summary, analysis".into()))),
        };
        let since = self.since.as_deref().map(|s| iso("since", s)).transpose()?;
        if let Some(day) = since.filter(|&d| d > as_of) {
            return Err(Error::Options(Message::since_after_as_of(date::format(day), date::format(as_of))));
        }
        Ok(Settings {
            params,
            as_of,
            monthly,
            trend_months: range(self.trend_months, 12, 1, 120, "trend_months")?,
            segment_km: range(self.segment_km, 10.0, 1.0, 500.0, "segment_km")?,
            nearest: range(self.nearest, 10, 0, 100, "nearest")? as usize,
            drivers: range(self.drivers, 5, 0, 50, "drivers")? as usize,
            use_index: true,
            summary,
            public: self.public.unwrap_or(false),
            today: self.today.as_deref().map(|s| iso("today", s)).transpose()?,
            stale_days: range(self.stale_days, 30, 1, 3650, "stale_days")? as i32,
            weighing,
            influence_km,
            analysis,
            since,
            drift_months: range(self.drift_months, 3, 1, 12, "drift_months")?,
        })
    }

    /// The weighing the options ask for, with `influence_km` for the categories given no reach.
    ///
    /// ```
    /// use riskcard::{Options, Category};
    /// let o = Options { profile: Some("staff".into()), weights: Some(vec![("protest".into(), 0.0)]), reach_km: Some(vec![("abduction".into(), 150.0)]), ..Options::default() };
    /// let w = o.weighing(100.0).unwrap();
    /// assert_eq!((w.weights[Category::Abduction as usize], w.weights[Category::Protest as usize]), (2.0, 0.0));
    /// assert_eq!((w.reach_km[Category::Abduction as usize], w.reach_km[0], w.scan_km()), (150.0, 100.0, 150.0));
    /// let e = Options { weights: Some(vec![("ambush".into(), 2.0)]), ..Options::default() }.weighing(100.0).unwrap_err();
    /// assert!(e.to_string().starts_with("invalid option: weights must be one of battle, explosion_ied"), "{e}");
    /// ```
    pub fn weighing(&self, influence_km: f64) -> Result<Weighing> {
        let profile = match self.profile.as_deref().map(str::trim) {
            None | Some("") => Profile::Site,
            Some(key) => Profile::from_key(key).ok_or_else(|| {
                let known: Vec<&str> = Profile::ALL.iter().map(|p| p.key()).collect();
                Error::Options(Message::option_not_one_of("profile".into(), key.into(), known.join(", ")))
            })?,
        };
        let mut w = Weighing::new(profile, influence_km);
        for (key, x) in self.weights.iter().flatten() {
            let c = category_of("weights", key)?;
            w.weights[c as usize] = range(Some(*x), 0.0, 0.0, 10.0, &format!("weights.{key}"))?;
            w.custom = true;
        }
        for (key, x) in self.reach_km.iter().flatten() {
            let c = category_of("reach_km", key)?;
            w.reach_km[c as usize] = range(Some(*x), 0.0, 0.0, 500.0, &format!("reach_km.{key}"))?;
            w.custom = true;
        }
        if let Some(list) = &self.actors {
            let mut bits = 0u16;
            for key in list {
                let f = Family::from_key(key).ok_or_else(|| {
                    let known: Vec<&str> = Family::ALL.iter().map(|f| f.key()).collect();
                    Error::Options(Message::option_not_one_of("actors".into(), key.clone(), known.join(", ")))
                })?;
                bits |= 1 << f as u8;
            }
            if bits == 0 {
                return Err(Error::Options(Message::option_not_list("actors".into(), "[]".into(), r#"["jnim", "is_sahel"]"#.into())));
            }
            w.actors = Some(bits);
        }
        w.settle();
        Ok(w)
    }
}
