//! JSON rows: a GeoJSON FeatureCollection, a JSON array of rows, or an API's response (ACLED's
//! `data`, UCDP's `Result`), read one element of the rows array at a time, so that neither the input
//! nor a parsed document is ever held whole. A row is stored as soon as it is whole.

use std::borrow::Cow;

use super::loader::{display_name, Loader};
use super::schema::{Field, Row, Schema};
use super::validate::{build, value};
use super::{Format, PROGRESS_ROWS};
use crate::error::{Error, Result};
use crate::message::Message;
use crate::store::Store;
use crate::text::json::{self, Value};

/// What the rows array of a JSON input holds.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Items {
    /// Objects with the fields themselves (a JSON array, or an API response's `data` / `Result`).
    Rows,
    /// GeoJSON Features: `properties` and a Point `geometry`.
    Features,
}

/// Where a JSON load has read to. Its input is read one element of the rows array at a time, so
/// neither the input nor a parsed document is ever held whole.
#[derive(Default)]
pub(super) struct JsonLoad {
    at: JsonAt,
    root_array: bool,
    /// What the rows array holds, once found, and the schema of its rows (from the first).
    items: Option<Items>,
    schema: Option<Schema>,
    /// The root object's `type`.
    geo_type: Option<String>,
    /// Elements of the rows array read.
    n: u64,
    /// Whether text after the document has been reported.
    trailing: bool,
    names: Names,
}

#[derive(Default, Clone, Copy, PartialEq, Eq)]
enum JsonAt {
    /// Before the root value.
    #[default]
    Start,
    /// In the root object, between members.
    Members,
    /// In the rows array, between elements.
    Rows,
    /// After the root value.
    End,
}

/// The members of a root object that hold its rows: GeoJSON's `features`, and the row arrays of
/// the ACLED API's responses (`data`) and the UCDP API's (`Result`).
fn rows_member(key: &str) -> Option<Items> {
    if key == "features" {
        Some(Items::Features)
    } else if key.eq_ignore_ascii_case("data") || key.eq_ignore_ascii_case("result") {
        Some(Items::Rows)
    } else {
        None
    }
}

/// The schema of JSON rows, from the first: UCDP's field names (the UCDP API's rows), ACLED's
/// (the ACLED API's), else ours (which accept ACLED's names too).
fn row_schema(first: &Value, items: Items) -> Schema {
    let obj = if items == Items::Features { first.get("properties") } else { Some(first) };
    let has = |k: &str| obj.and_then(Value::as_object).is_some_and(|m| m.iter().any(|(key, _)| key.eq_ignore_ascii_case(k)));
    if has("type_of_violence") && has("date_start") {
        Schema::Ucdp
    } else if has("event_id_cnty") && has("event_date") {
        Schema::Acled
    } else {
        Schema::Native
    }
}

impl Loader {
    /// Reads a JSON input from `text` (the input from `done` on), one element of its rows array at
    /// a time, and returns the bytes used (what remains starts a value not yet whole). The rows are
    /// a root array's elements, a root object's `features` (GeoJSON) or its `data` / `Result` (the
    /// ACLED and UCDP APIs' responses); its other members are passed over. An element that is a
    /// whole, well-formed object is read in one pass ([`json::object_at`]); any other is cut out by
    /// its brackets ([`json::value_end`]) and parsed on its own, so a malformed one is a skipped row
    /// with the parser's reason. An input that ends inside its rows keeps the rows before, with a
    /// warning.
    pub(super) fn read_json(&mut self, store: &mut Store, text: &str, format: Format, last: bool, progress: &mut dyn FnMut(u64, u64)) -> Result<usize> {
        let source = display_name(&self.source).to_string();
        let done = self.done;
        let invalid = |problem: Message, at: usize| Message::json_structure(source.clone(), problem, done + at as u64);
        let not_a_collection = || Message::geojson_not_collection(source.clone());
        let b = text.as_bytes();
        let j = &mut self.json;
        let mut used = 0;
        let mut members = Vec::new();
        // Ends at a value not yet whole (`None`) or at an error in the input's structure.
        let failed = loop {
            let at = json::skip_ws(b, used);
            let Some(&c) = b.get(at) else { break None };
            match j.at {
                JsonAt::Start => {
                    match c {
                        b'[' if format == Format::GeoJson => break Some(Message::geojson_is_array(source.clone())),
                        b'[' => (j.at, j.root_array, j.items) = (JsonAt::Rows, true, Some(Items::Rows)),
                        b'{' => j.at = JsonAt::Members,
                        _ => break Some(invalid(Message::json_expected_array_or_object(), at)),
                    }
                    used = at + 1;
                }
                JsonAt::Members => match c {
                    b',' => used = at + 1,
                    b'}' => (j.at, used) = (JsonAt::End, at + 1),
                    b'"' => {
                        let Some(key_end) = json::value_end(text, at) else { break None };
                        let key = match text.get(at..key_end).map(json::parse) {
                            Some(Ok(Value::String(k))) => k,
                            _ => break Some(invalid(Message::json_bad_member_name(), at)),
                        };
                        let colon = json::skip_ws(b, key_end);
                        match b.get(colon) {
                            None => break None,
                            Some(b':') => {}
                            Some(_) => break Some(invalid(Message::json_expected_colon(), colon)),
                        }
                        let v = json::skip_ws(b, colon + 1);
                        let Some(&first) = b.get(v) else { break None };
                        if let (Some(items), b'[', None) = (rows_member(&key), first, j.items) {
                            if items == Items::Features && j.geo_type.as_deref().is_some_and(|t| t != "FeatureCollection") {
                                break Some(not_a_collection());
                            }
                            (j.at, j.items, used) = (JsonAt::Rows, Some(items), v + 1);
                            if let Some(name) = self.sink.diag.formats.last_mut() {
                                *name = if items == Items::Features { Format::GeoJson } else { Format::Json }.name().to_string();
                            }
                            continue;
                        }
                        let Some(end) = json::value_end(text, v) else { break None };
                        if key == "type" {
                            j.geo_type = text.get(v..end).and_then(|t| json::parse(t).ok()).and_then(|t| t.as_str().map(String::from));
                        }
                        used = end;
                    }
                    _ => break Some(invalid(Message::json_expected_member_name(), at)),
                },
                JsonAt::Rows => match c {
                    b',' => used = at + 1,
                    b']' => (j.at, used) = (if j.root_array { JsonAt::End } else { JsonAt::Members }, at + 1),
                    _ => {
                        // A row is read in one pass when it is a whole, well-formed object; else
                        // its end is found from its brackets, and `parse` says what is wrong.
                        let (end, parsed) = match json::object_at(text, at, &mut members) {
                            Some(end) => (end, Some(Value::Object(std::mem::take(&mut members)))),
                            None => match json::value_end(text, at) {
                                Some(end) => (end, None),
                                None => break None,
                            },
                        };
                        j.n += 1;
                        let (n, items) = (j.n, j.items.unwrap_or(Items::Rows));
                        self.sink.diag.rows_read += 1;
                        if n % PROGRESS_ROWS == 0 {
                            let at = done + end as u64;
                            progress(at, self.total.unwrap_or(0).max(at));
                        }
                        let parsed = match (parsed, text.get(at..end)) {
                            (Some(v), _) => Ok(v),
                            (None, Some(t)) => json::parse(t).map_err(|e| Message::row_invalid_json(e.problem, e.line, e.column)),
                            // Not reached (values are cut at ASCII bytes), but never a row dropped unsaid.
                            (None, None) => Err(Message::row_invalid_json(Message::json_expected_value(), 1, 1)),
                        };
                        let row = match &parsed {
                            Ok(v) => {
                                // The schema comes from the first row that is an object.
                                let schema = match j.schema {
                                    Some(s) => s,
                                    None if v.as_object().is_some() => *j.schema.insert(row_schema(v, items)),
                                    None => Schema::Native,
                                };
                                json_item(v, items, schema, &mut j.names).map(|row| (schema, row))
                            }
                            Err(e) => Err(e.clone()),
                        };
                        let result = match &row {
                            Ok((schema, row)) => build(*schema, row, &mut self.sink.tally, n),
                            Err(e) => Err(e.clone()),
                        };
                        let in_row = |detail| match items {
                            Items::Features => Message::in_feature(n, detail),
                            Items::Rows => Message::in_element(n, detail),
                        };
                        self.sink.accept(store, result.map_err(in_row), n, &self.source);
                        if let Ok(Value::Object(m)) = parsed {
                            members = m; // its room, for the next row
                        }
                        used = end;
                    }
                },
                JsonAt::End => {
                    if !std::mem::replace(&mut j.trailing, true) {
                        self.sink.diag.warn(Message::json_trailing_text(source.clone()));
                    }
                    used = b.len();
                }
            }
        };
        if let Some(e) = failed {
            // Before any row an error ends the load with nothing stored; after rows it ends the
            // reading, and the rows stay.
            if j.n == 0 {
                return Err(Error::Data(e));
            }
            self.sink.diag.warn(Message::json_stopped_after_rows(e, j.n));
            (j.at, j.trailing) = (JsonAt::End, true);
            return Ok(b.len());
        }
        if !last {
            return Ok(used);
        }
        // The end of the input: what is left of `text` is not a whole value.
        let cut = json::skip_ws(b, used) < b.len() || j.at != JsonAt::End;
        if j.items.is_none() {
            return Err(match j.geo_type.as_deref() {
                Some(t) if t != "FeatureCollection" => Error::Data(not_a_collection()),
                _ if cut => Error::Data(invalid(Message::json_ends_early(), b.len())),
                _ => Error::Data(Message::json_no_rows(source.clone())),
            });
        }
        if cut {
            self.sink.diag.warn(Message::json_cut_off(source.clone(), j.n));
        }
        Ok(b.len())
    }
}

struct JsonRow<'a> {
    vals: Vec<Cow<'a, str>>,
    spans: [(u32, u32); Field::ALL.len()],
    /// The fields a member of the row was named for (bit `f`), whatever its value.
    named: u32,
}

impl<'a> JsonRow<'a> {
    fn values(&self, f: Field) -> &[Cow<'a, str>] {
        let (a, b) = self.spans.get(f as usize).copied().unwrap_or_default();
        self.vals.get(a as usize..b as usize).unwrap_or_default()
    }
    /// Makes `v` the only value of `f`.
    fn set(&mut self, f: Field, v: Cow<'a, str>) {
        let at = self.vals.len() as u32;
        if let Some(span) = self.spans.get_mut(f as usize) {
            self.vals.push(v);
            *span = (at, at + 1);
            self.named |= 1 << f as u32;
        }
    }
}

impl Row for JsonRow<'_> {
    fn one(&self, f: Field) -> &str {
        self.values(f).first().map(|s| value(s)).unwrap_or("")
    }
    fn many(&self, f: Field) -> impl Iterator<Item = &str> {
        self.values(f).iter().map(|s| value(s)).filter(|s| !s.is_empty())
    }
    fn has(&self, f: Field) -> bool {
        self.named & (1 << f as u32) != 0
    }
}

fn scalar<'a>(v: &Value<'a>) -> Option<Cow<'a, str>> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(Cow::Borrowed(n)),
        Value::Bool(b) => Some(Cow::Owned(b.to_string())),
        _ => None,
    }
}

/// The member names met so far, by position, with their [`field_of`]: the rows of one input name
/// their members alike and in the same order, so a row costs a comparison a member, not a search
/// of every field's aliases; and the order its matched members are read in, which is then the
/// same from row to row too.
#[derive(Default)]
struct Names {
    seen: Vec<(String, Option<(Field, u8)>)>,
    /// The read order of the matched members of a row of `order_for` members named as `seen`.
    order: Vec<usize>,
    order_for: Option<usize>,
}

/// A row from a JSON object's members: each field's values from its first alias present (every
/// alias, in order, for actors and notes); arrays give their scalars.
fn json_row<'a>(obj: &[(Cow<'a, str>, Value<'a>)], schema: Schema, names: &mut Names) -> JsonRow<'a> {
    let mut hits: Vec<(Field, u8, &Value<'a>)> = Vec::with_capacity(obj.len());
    let mut same = true;
    for (i, (name, v)) in obj.iter().enumerate() {
        let hit = match names.seen.get(i) {
            Some((known, hit)) if known.as_str() == name.as_ref() => *hit,
            _ => {
                same = false;
                let hit = schema.field_of(name);
                match names.seen.get_mut(i) {
                    Some(slot) => *slot = (name.to_string(), hit),
                    None => names.seen.push((name.to_string(), hit)),
                }
                hit
            }
        };
        if let Some((f, rank)) = hit {
            hits.push((f, rank, v));
        }
    }
    if !same || names.order_for != Some(obj.len()) {
        // By field, then alias, then member order (through `rank`, the one sort in the .wasm).
        let key = |i: usize| hits.get(i).map(|&(f, rank, _)| (f as usize, rank));
        names.order = crate::rank::top_k(hits.len(), hits.len(), |a, b| key(a).cmp(&key(b)).then(a.cmp(&b)));
        names.order_for = Some(obj.len());
    }
    let named = hits.iter().fold(0u32, |bits, &(f, _, _)| bits | 1 << f as u32);
    let mut row = JsonRow { vals: Vec::with_capacity(hits.len()), spans: [(0, 0); Field::ALL.len()], named };
    let mut first_rank = [0u8; Field::ALL.len()];
    for &(f, rank, v) in names.order.iter().filter_map(|&i| hits.get(i)) {
        let (Some(span), Some(first)) = (row.spans.get_mut(f as usize), first_rank.get_mut(f as usize)) else { continue };
        let empty = span.0 == span.1;
        if !f.is_multi() && !empty && *first != rank {
            continue; // a field's first alias with values is the one read
        }
        if empty {
            // A field's members are read one after another, so its values are one span.
            *first = rank;
            let at = row.vals.len() as u32;
            *span = (at, at);
        }
        match v {
            Value::Array(items) => row.vals.extend(items.iter().filter_map(scalar)),
            other => row.vals.extend(scalar(other)),
        }
        span.1 = row.vals.len() as u32;
    }
    row
}

fn json_item<'a>(item: &Value<'a>, items: Items, schema: Schema, names: &mut Names) -> std::result::Result<JsonRow<'a>, Message> {
    let Some(members) = item.as_object() else { return Err(Message::row_not_object()) };
    let obj = item;
    if items == Items::Rows {
        return Ok(json_row(members, schema, names));
    }
    let mut row = match obj.get("properties") {
        Some(Value::Object(p)) => json_row(p, schema, names),
        Some(Value::Null) | None => json_row(&[], schema, names),
        Some(_) => return Err(Message::row_properties_not_object()),
    };
    if row.one(Field::Id).is_empty() {
        if let Some(id) = obj.get("id").and_then(scalar) {
            row.set(Field::Id, id);
        }
    }
    match obj.get("geometry") {
        Some(g @ Value::Object(_)) => {
            let ty = g.get("type").and_then(Value::as_str).unwrap_or("");
            if ty != "Point" {
                return Err(Message::row_geometry_not_point(ty.to_string()));
            }
            let Some(Value::Array(c)) = g.get("coordinates") else { return Err(Message::row_point_no_coordinates()) };
            if c.len() < 2 {
                return Err(Message::row_point_too_short());
            }
            let text = |v: &Value<'a>| scalar(v).unwrap_or_default();
            row.set(Field::Lon, text(&c[0]));
            row.set(Field::Lat, text(&c[1]));
        }
        Some(Value::Null) | None => {}
        Some(_) => return Err(Message::row_geometry_not_object()),
    }
    Ok(row)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The matching as it was written first: every field's aliases searched in every row.
    fn json_row_reference<'a>(obj: &[(Cow<'a, str>, Value<'a>)], schema: Schema) -> Vec<Vec<Cow<'a, str>>> {
        Field::ALL
            .iter()
            .map(|&f| {
                let mut out = Vec::new();
                for a in schema.aliases(f) {
                    for (_, v) in obj.iter().filter(|(k, _)| k.eq_ignore_ascii_case(a)) {
                        match v {
                            Value::Array(items) => out.extend(items.iter().filter_map(scalar)),
                            other => out.extend(scalar(other)),
                        }
                    }
                    if !f.is_multi() && !out.is_empty() {
                        break;
                    }
                }
                out
            })
            .collect()
    }

    /// The cached, sorted matching gives what searching every alias in every row gave: aliases
    /// in priority order, repeated names, arrays, names in any case and order, rows that change
    /// their names part-way, rows named as the one before (whose read order is reused), for each
    /// schema.
    #[test]
    fn json_rows_match_their_fields_as_before() {
        let rows = [
            r#"{"id": "a", "date": "2025-05-20", "lat": 12.7, "lon": -8.0, "actors": ["JNIM", "FAMa"], "notes": "x"}"#,
            r#"{"latitude": "1", "lat": "2", "LON": 3, "event_date": "2025-01-01", "date": "", "actor2": "B", "actor1": "A", "actors": "C"}"#,
            r#"{"id": "b", "date": "2025-05-20", "lat": 12.7, "lon": -8.0, "actors": [], "actor1": "A", "fatalities": 3, "fatalities": 4}"#,
            r#"{"Lat": [1, 2], "date": null, "date": "2025-02-02", "notes": ["a", {"b": 1}, true], "where_description": "w", "source_headline": "h"}"#,
            r#"{"event_id_cnty": "MLI1", "event_date": "2025-03-03", "latitude": "12", "longitude": "-8", "assoc_actor_1": "X", "actor1": "Y", "time_precision": "2"}"#,
            r#"{"id": 7, "date_start": "2025-01-01", "latitude": 1, "longitude": 2, "type_of_violence": 1, "side_b": "B", "side_a": "A", "best": 0, "where_prec": 1}"#,
            r#"{}"#,
        ];
        // Forty notes and actors, interleaved: their order must survive the sort.
        let many = (0..40).map(|i| format!(r#""notes": "n{i}", "actor{}": "a{i}", "source_headline": "h{i}""#, 1 + i % 2)).collect::<Vec<_>>().join(", ");
        let many = format!("{{{many}}}");
        for schema in [Schema::Native, Schema::Acled, Schema::Ucdp] {
            let mut names = Names::default();
            for text in rows.iter().flat_map(|r| [r, r]).chain(rows.iter().rev()).chain([&many.as_str()]) {
                let v = json::parse(text).unwrap();
                let obj = v.as_object().unwrap();
                let row = json_row(obj, schema, &mut names);
                assert_eq!(Field::ALL.map(|f| row.values(f).to_vec()).to_vec(), json_row_reference(obj, schema), "{text}");
            }
        }
    }
}
