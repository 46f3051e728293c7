//! From a row's fields (CSV or JSON, any schema) to a checked incident, or the reason the row is
//! skipped. Nothing here can panic on any input.

use std::borrow::Cow;

use super::dates::Dated;
use super::schema::{Field, Row, Schema};
use super::sink::{Built, Tally};
use crate::category::Category;
use crate::message::Message;
use crate::store::NewIncident;
use crate::text::{date, number::parse_f64};

/// An incident from a row's fields (on `line`), or why the row is skipped; `tally` counts what the
/// load's warnings will say and keeps the file's order of numeric dates. Generic, not `&dyn Row`:
/// a copy per format lets each field read be inlined (about 17 per row; 5 % of a CSV load in V8).
pub(super) fn build<'r, R: Row>(schema: Schema, row: &'r R, tally: &mut Tally, line: u64) -> Result<Built<'r>, Message> {
    let date_text = row.one(Field::Date);
    if date_text.is_empty() {
        return Err(Message::row_missing("date".into()));
    }
    let reading = date::read(date_text).ok_or_else(|| Message::row_unparseable("date".into(), clip(date_text)))?;
    let (day, either) = match tally.order.date(reading, date_text, line)? {
        Dated::Day(d) => (d, None),
        Dated::Either(a, b) => (a, Some((a, b, date_text))),
    };
    let stored = crate::store::DAY_BASE..=crate::store::DAY_LAST;
    if !stored.contains(&day) || either.is_some_and(|(_, b, _)| !stored.contains(&b)) {
        return Err(Message::row_date_out_of_range(clip(date_text)));
    }
    let lat = parse_coord(row.one(Field::Lat), "latitude", 90)?;
    let lon = parse_coord(row.one(Field::Lon), "longitude", 180)?;
    if lat == 0.0 && lon == 0.0 {
        return Err(Message::row_no_location());
    }
    let codes = schema.codes();
    let fatalities_text = row.one(Field::Fatalities);
    let fatalities = parse_count(fatalities_text, codes.fatalities_name)?;
    let geo_class = precision(row.one(Field::GeoPrecision), codes.geo_name, codes.geo_classes)?;
    let date_class = precision(row.one(Field::DatePrecision), codes.date_name, codes.date_classes)?;
    let (category, event_type) = schema.category(row)?;
    if category == Category::Other && !event_type.is_empty() && !event_type.eq_ignore_ascii_case(Category::Other.key()) {
        tally.unknown_type(&event_type);
    }
    if fatalities_text.is_empty() && row.has(Field::Fatalities) {
        tally.unknown_fatalities += 1;
    }
    // Notes from several columns (UCDP's source fields) are joined; one is borrowed as it is.
    let mut parts = row.many(Field::Notes);
    let notes = match (parts.next(), parts.next()) {
        (None, _) => Cow::Borrowed(""),
        (Some(one), None) => Cow::Borrowed(one),
        (Some(a), Some(b)) => Cow::Owned([a, b].into_iter().chain(parts).collect::<Vec<_>>().join(" — ")),
    };
    let mut id = Cow::Borrowed(row.one(Field::Id));
    if id.is_empty() {
        id = Cow::Owned(content_id(&[date_text, row.one(Field::Lat), row.one(Field::Lon), &event_type, row.one(Field::Fatalities), &notes]));
    }
    let incident = NewIncident {
        id,
        day,
        lat,
        lon,
        category,
        fatalities,
        geo_class,
        date_class,
        event_type,
        sub_event_type: Cow::Borrowed(row.one(Field::SubType)),
        actors: row.many(Field::Actors).map(Cow::Borrowed).collect(),
        location: Cow::Borrowed(row.one(Field::Location)),
        admin1: Cow::Borrowed(row.one(Field::Admin1)),
        country: Cow::Borrowed(row.one(Field::Country)),
        source: Cow::Borrowed(row.one(Field::Source)),
        notes,
    };
    Ok(Built { incident, either })
}

fn parse_coord(s: &str, name: &'static str, limit: u32) -> Result<f64, Message> {
    if s.is_empty() {
        return Err(Message::row_missing(name.into()));
    }
    let unparseable = || Message::row_unparseable(name.into(), clip(s));
    let v = parse_f64(s).ok_or_else(unparseable)?;
    if !v.is_finite() {
        return Err(unparseable());
    }
    if v.abs() > limit as f64 {
        return Err(Message::row_out_of_range(name.into(), clip(s), limit as u64));
    }
    Ok(v)
}

/// The first 40 characters of a value, for a message (with … when cut).
pub(crate) fn clip(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

fn parse_count(s: &str, name: &'static str) -> Result<u32, Message> {
    if s.is_empty() {
        return Ok(0);
    }
    let unparseable = || Message::row_unparseable(name.into(), clip(s));
    let v = parse_f64(s).ok_or_else(unparseable)?;
    if !v.is_finite() || v.fract() != 0.0 {
        return Err(unparseable());
    }
    if v < 0.0 {
        return Err(Message::row_negative(name.into(), clip(s)));
    }
    if v > 1_000_000.0 {
        return Err(Message::row_implausible(name.into(), clip(s)));
    }
    Ok(v as u32)
}

/// Maps a precision code through `classes` (index = code − 1); empty means class 0 (exact).
fn precision(s: &str, name: &'static str, classes: &[u8]) -> Result<u8, Message> {
    if s.is_empty() {
        return Ok(0);
    }
    let code = parse_count(s, name)? as usize;
    match code.checked_sub(1).and_then(|i| classes.get(i)) {
        Some(&c) => Ok(c),
        None => Err(Message::row_precision_unknown(name.into(), s.to_string(), classes.len() as u64)),
    }
}

/// A stable id for a row that has none (FNV-1a over its content), so reloading the same file
/// does not duplicate it.
fn content_id(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0x1f)) {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("h{h:016x}")
}

/// A field's value: trimmed, and empty where a re-saving tool wrote "missing" (`NA`, `N/A`, `#N/A`,
/// `NULL`, `None`, `NaN` in any case, `-`, as R, Excel and pandas write them), in every field.
///
pub(super) fn value(s: &str) -> &str {
    let t = trim(s);
    if t.len() <= 4 && is_missing(t) {
        ""
    } else {
        t
    }
}

/// Whether a (trimmed, short) value is a "missing" marker.
fn is_missing(t: &str) -> bool {
    const MARKERS: [&str; 7] = ["na", "n/a", "#n/a", "null", "none", "nan", "-"];
    MARKERS.iter().any(|m| m.eq_ignore_ascii_case(t))
}

/// `str::trim`, with a fast answer for the usual field that starts and ends with a visible ASCII
/// character (then nothing is trimmed: every other whitespace character starts with a byte ≥ 0x80).
fn trim(s: &str) -> &str {
    let plain = |b: Option<&u8>| b.is_some_and(|&b| b > b' ' && b < 0x80);
    if plain(s.as_bytes().first()) && plain(s.as_bytes().last()) {
        s
    } else {
        s.trim()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_markers_are_empty_and_nothing_else_is() {
        for s in ["NA", " NA ", "na", "N/A", "n/a", "#N/A", "NULL", "null", "None", "NONE", "NaN", "-", " - "] {
            assert_eq!(value(s), "", "{s:?}");
        }
        for s in ["NA (Jrada)", "Nana", "-8.0", "--", "0", "N", "Nonex", "Niamey", "Na'im"] {
            assert_eq!(value(s), s.trim(), "{s:?}");
        }
    }

    #[test]
    fn trim_is_str_trim() {
        for s in ["", " ", "a", " a", "a ", "\tMali\r", "\u{a0}x\u{a0}", "x\u{2003}", "\u{b}v", "é", "12.5", "\u{1}x\u{7f}"] {
            assert_eq!(super::trim(s), s.trim(), "{s:?}");
        }
    }
}
