//! Every message that can reach a user — an error, a skipped row's reason, a load or report warning,
//! the route verdict's reason — as a value: a stable snake_case `code` and its parameters. The English
//! text is made from them here, in one place (the table below); a card in another language makes its
//! own from the same code and parameters, never by reading the English. docs/MESSAGES.md lists them
//! all (a test holds it to this table).
//!
//! A parameter is a number, a text (from the data, or a name such as a column or option), or a message
//! of its own (the problem inside a context: `feature 2 (Morila): radius_km must be …`). Parameters
//! named `band` or ending in `_band` hold a band key (`minimal` … `severe`), shown as it is in English.

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::text::number::fmt_num;

/// A message parameter.
#[derive(Debug, Clone, PartialEq)]
pub enum Param {
    /// A number (shown by [`fmt_num`]: integers without a fraction).
    Num(f64),
    /// A text: from the data, or a name (a column, an option, a file).
    Text(String),
    /// A message inside this one.
    Message(Box<Message>),
}

macro_rules! from_num {
    ($($t:ty),*) => { $(impl From<$t> for Param { fn from(v: $t) -> Param { Param::Num(v as f64) } })* };
}
from_num!(f64, u64, u32, usize, i32);

impl From<String> for Param {
    fn from(v: String) -> Param {
        Param::Text(v)
    }
}
impl From<Message> for Param {
    fn from(v: Message) -> Param {
        Param::Message(Box::new(v))
    }
}

impl Serialize for Param {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Param::Num(x) => s.serialize_f64(*x),
            Param::Text(t) => s.serialize_str(t),
            Param::Message(m) => m.serialize(s),
        }
    }
}

/// A message: its code, its English text with `{param}` placeholders, and its parameters. Made by
/// the constructor of its code (`Message::reach_not_positive(…)`), one per row of the table below.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    code: &'static str,
    template: &'static str,
    params: Params,
}

/// Declares the messages: `code(param: type, …) = "English text with {param}";` makes the
/// constructor `Message::code` and a row of [`Message::CATALOGUE`]. (A struct and a table, not an
/// enum: an enum of ~100 variants with fields made the .wasm 12 KB larger, gzipped.)
macro_rules! code {
    ($name:ident) => {
        stringify!($name)
    };
    ($name:ident $code:literal) => {
        $code
    };
}

macro_rules! messages {
    ($( $section:literal { $( $name:ident ( $($p:ident : $t:ty),* ) $(as $code:literal)? = $text:literal; )* } )*) => {
        impl Message {
            /// Every message: its section (for docs/MESSAGES.md), its code, its English text with
            /// `{param}` placeholders, and its parameters' names. A code is its constructor's name,
            /// or the name given with `as` where a skipped row's reason shares the code of the
            /// warning that counts such rows (their parameters tell them apart).
            pub const CATALOGUE: &'static [(&'static str, &'static str, &'static str, &'static [&'static str])] = &[ $( $( ($section, code!($name $($code)?), $text, &[$(stringify!($p)),*]), )* )* ];

            $( $(
                #[doc = concat!("`", code!($name $($code)?), "`: ", $text)]
                pub fn $name($($p: $t),*) -> Message {
                    Message { code: code!($name $($code)?), template: $text, params: Params(vec![$( (stringify!($p), Param::from($p)) ),*]) }
                }
            )* )*
        }
    };
}

messages! {
    "Areas of interest (errors of kind `aoi`)" {
        aoi_not_json(problem: Message, line: u64, column: u64) = "not valid JSON: {problem} at line {line} column {column}";
        aoi_not_object() = "expected a GeoJSON object";
        aoi_no_features_array() = "the FeatureCollection has no features array";
        aoi_no_features() = "the FeatureCollection has no features";
        in_feature(feature: u64, detail: Message) = "feature {feature}: {detail}";
        in_named_feature(feature: u64, name: String, detail: Message) = "feature {feature} ({name}): {detail}";
        aoi_feature_not_object() = "a feature must be a JSON object";
        aoi_properties_not_object() = "properties must be an object";
        aoi_no_geometry() = "the feature has no geometry";
        aoi_no_type() = "missing \"type\"";
        aoi_geometry_no_type() = "the geometry has no type";
        aoi_geometry_unsupported(geometry: String) = "geometry type '{geometry}' is not supported: use Point (site), Polygon/MultiPolygon (zone) or LineString/MultiLineString (corridor)";
        aoi_no_coordinates(geometry: String) = "{geometry} has no coordinates";
        aoi_site_needs_radius() = "a site (Point) needs a radius_km property";
        aoi_corridor_needs_buffer() = "a corridor (LineString) needs a buffer_km property";
        aoi_property_not_number(property: String, got: String) = "{property} must be a number, got {got}";
        reach_not_positive(property: String, got: f64) = "{property} must be a number > 0 (got {got})";
        reach_too_large(property: String, got: f64, max: f64) = "{property} {got} is absurd (at most {max} km)";
        aoi_multipolygon_empty() = "the MultiPolygon is empty";
        aoi_multipolygon_not_array() = "MultiPolygon coordinates must be an array";
        aoi_polygon_not_array() = "polygon must be an array";
        aoi_polygon_no_rings() = "a polygon has no rings";
        aoi_ring_empty(ring: u64) = "ring {ring} is empty";
        aoi_ring_not_closed(ring: u64, first_lon: f64, first_lat: f64, last_lon: f64, last_lat: f64) = "ring {ring} is not closed: first position [{first_lon}, {first_lat}] differs from last [{last_lon}, {last_lat}]";
        aoi_ring_too_short(ring: u64, positions: u64) = "ring {ring} has {positions} positions; a closed ring needs at least 4";
        aoi_multilinestring_empty() = "the MultiLineString is empty";
        aoi_multilinestring_not_array() = "MultiLineString coordinates must be an array";
        aoi_line_too_short(positions: u64) = "a line needs at least 2 positions, got {positions}";
        aoi_zero_length() = "the corridor has zero length";
        aoi_coordinates_not_array() = "a coordinate list must be an array";
        aoi_position_not_array() = "a position must be an array";
        aoi_position_too_short() = "a position needs [longitude, latitude]";
        aoi_longitude_not_number(got: String) = "longitude {got} is not a number";
        aoi_latitude_not_number(got: String) = "latitude {got} is not a number";
        aoi_position_out_of_range(lon: f64, lat: f64) = "coordinate [{lon}, {lat}] is out of range (GeoJSON order is [longitude, latitude]: lon -180…180, lat -90…90)";
    }
    "Options (errors of kind `options`)" {
        options_not_object(got: String) = "options must be an object, got {got}";
        option_unknown(option: String, known: String) = "unknown field `{option}`, expected one of {known}";
        option_not_text(option: String, got: String) = "{option} must be a string, got {got}";
        option_not_number(option: String, got: String) = "{option} must be a number, got {got}";
        option_not_whole(option: String, got: String) = "{option} must be a whole number, got {got}";
        option_not_bool(option: String, got: String) = "{option} must be true or false, got {got}";
        option_out_of_range(option: String, min: f64, max: f64, got: f64) = "{option} must be between {min} and {max}, got {got}";
        option_not_either(option: String, first: String, second: String, got: String) = "{option} must be '{first}' or '{second}', got '{got}'";
        option_not_date(option: String, got: String) = "{option} '{got}' is not a date written YYYY-MM-DD";
        format_unknown(got: String) = "unknown format '{got}': use acled, ucdp, csv, geojson, json or auto";
        no_incidents_for_as_of() = "no incidents are loaded, so as_of has no default: give as_of";
        dedupe_unknown(got: String) = "unknown dedupe '{got}': use id or content";
        option_not_one_of(option: String, got: String, known: String) = "{option} must be one of {known}, got '{got}'";
        option_not_object_of(option: String, got: String, example: String) = "{option} must be an object such as {example}, got {got}";
        option_not_list(option: String, got: String, example: String) = "{option} must be a list such as {example}, got {got}";
        since_after_as_of(since: String, as_of: String) = "since ({since}) is after as_of ({as_of}): give a date on or before it";
    }
    "Incident data that cannot be read at all (errors of kind `data`)" {
        data_empty() = "the input is empty";
        data_unrecognised_header(columns: String) = "unrecognised CSV header ({columns}…): expected ACLED (event_id_cnty, event_date, latitude, …), UCDP GED (id, date_start, type_of_violence, …) or riskcard columns (id, date, lat, lon, …)";
        data_no_header(source: String) = "{source}: no header row";
        data_missing_column(source: String, column: String) = "{source}: the header has no {column} column";
        json_structure(source: String, problem: Message, byte: u64) = "{source}: invalid JSON: {problem} at byte {byte}";
        geojson_is_array(source: String) = "{source}: a JSON array is the json format, not geojson";
        geojson_not_collection(source: String) = "{source}: GeoJSON must be a FeatureCollection";
        json_no_rows(source: String) = "{source}: expected a GeoJSON FeatureCollection, a JSON array of rows, or an API response with its rows in data or Result";
        data_none_loaded() = "no incidents are loaded";
        data_no_rows() = "no incidents are loaded: the data has a header but no rows";
        data_all_rows_skipped(rows: u64) = "no incidents are loaded: all {rows} rows were skipped (see the skipped rows)";
    }
    "Load warnings (the load went on)" {
        input_stopped(source: String, bytes: u64, reason: String) = "{source}: the input stopped after {bytes} bytes ({reason}); the rows before were loaded";
        invalid_utf8(source: String, offset: u64) = "{source}: not valid UTF-8 (first bad byte at offset {offset}); such bytes were read as Windows-1252, the encoding Excel saves CSV in";
        hxl_row(source: String, line: u64) = "{source}: line {line} is an HXL tag row; skipped";
        json_trailing_text(source: String) = "{source}: text after the end of the JSON document was ignored";
        json_cut_off(source: String, element: u64) = "{source}: the input ends before its JSON does (after element {element}); the rows read were loaded";
        json_stopped_after_rows(cause: Message, element: u64) = "{cause} (after element {element}); the rows read were loaded, the rest of the input was not read";
        ambiguous_slash_dates(source: String, rows: u64, example: String) = "{source}: {rows} rows have dates such as {example} that could be day/month or month/day, and no date in the file decides which, so they were not loaded: write the dates as YYYY-MM-DD (in Excel, format the column as yyyy-mm-dd before saving) and load the file again";
        slash_dates_day_first(source: String, example: String, line: u64) = "{source}: dates such as {example} were read day first (day/month/year): line {line} can be read no other way";
        slash_dates_month_first(source: String, example: String, line: u64) = "{source}: dates such as {example} were read month first (month/day/year, as US spreadsheets write them): line {line} can be read no other way";
        unknown_event_type(source: String, label: String, rows: u64) = "{source}: the event type '{label}' ({rows} rows) is not one riskcard knows, so it weighs as other";
        fatalities_unknown(source: String, rows: u64) = "{source}: {rows} rows give no fatality count; they count as no deaths";
        many_rows_skipped(source: String, skipped: u64, read: u64) = "{source}: {skipped} of {read} rows were skipped, more than one in ten: the answer rests on the others (see the skipped rows)";
        possible_duplicates(source: String, count: u64, examples: String) = "{source}: {count} events look like events of an earlier file under other ids (the same day, type and fatalities, within 100 m: {examples}); both are counted: load with dedupe content to keep one";
        duplicates_removed(source: String, count: u64, examples: String) = "{source}: {count} events were events of an earlier file under other ids (the same day, type and fatalities, within 100 m: {examples}); the earlier versions were removed (dedupe content)";
    }
    "Skipped rows' reasons" {
        in_element(element: u64, detail: Message) = "element {element}: {detail}";
        row_not_object() = "not an object";
        row_properties_not_object() = "properties is not an object";
        row_geometry_not_object() = "geometry is not an object";
        row_geometry_not_point(geometry: String) = "geometry type '{geometry}' is not a Point";
        row_point_no_coordinates() = "Point has no coordinates";
        row_point_too_short() = "Point coordinates need [lon, lat]";
        row_invalid_json(problem: Message, line: u64, column: u64) = "invalid JSON: {problem} at line {line} column {column}";
        row_unterminated_quote() = "unterminated quoted field";
        row_field_count(fields: u64, header: u64) = "row has {fields} fields, the header has {header}";
        row_missing(field: String) = "missing {field}";
        row_unparseable(field: String, got: String) = "unparseable {field} '{got}'";
        row_out_of_range(field: String, got: String, limit: u64) = "{field} {got} out of range (-{limit} to {limit})";
        row_negative(field: String, got: String) = "negative {field} '{got}'";
        row_implausible(field: String, got: String) = "{field} '{got}' is implausibly large";
        row_precision_unknown(field: String, got: String, max: u64) = "{field} '{got}' not in 1–{max}";
        row_date_out_of_range(got: String) = "date '{got}' outside 1900-01-01 to 2079-06-06";
        row_no_location() = "coordinates 0,0 (no location)";
        row_violence_unknown(got: String) = "type_of_violence '{got}' is not 1, 2 or 3";
        row_ambiguous_date(got: String) as "ambiguous_slash_dates" = "date '{got}' could be day/month or month/day, and no date in the file decides which";
        row_date_not_day_first(got: String) = "date '{got}' can only be month/day/year, but this file's dates are day/month/year";
        row_date_not_month_first(got: String) = "date '{got}' can only be day/month/year, but this file's dates are month/day/year";
    }
    "Report warnings (the answer is given, with what it rests on)" {
        as_of_after_data(as_of: String, window_days: u64, first_date: String, last_date: String) = "the window ({window_days} days to {as_of}) lies after the data, which runs from {first_date} to {last_date}: there is nothing to score";
        as_of_before_data(as_of: String, window_days: u64, first_date: String, last_date: String) = "the window ({window_days} days to {as_of}) lies before the data, which runs from {first_date} to {last_date}: there is nothing to score";
        window_partly_outside_data(as_of: String, window_days: u64, first_date: String, last_date: String, days_covered: u64) = "the data covers {days_covered} of the {window_days} days of the window to {as_of} (it runs from {first_date} to {last_date}): the score counts only those";
        area_outside_data(influence_km: f64) = "no incident in the data, at any date, lies within {influence_km} km of this area: it may be outside the data's coverage, or its coordinates may be wrong";
        area_outside_data_swapped(influence_km: f64) = "no incident in the data, at any date, lies within {influence_km} km of this area, but there are incidents near it with latitude and longitude swapped: GeoJSON writes [longitude, latitude]";
        stale_data(last_date: String, today: String, days: u64, threshold: u64) = "the data ends on {last_date}, {days} days before today ({today}), more than {threshold}: recent incidents are missing from it";
    }
    "The approach: whether incidents came closer" {
        drift_closer(influence_km: f64, km: f64, months: u64, recent_km: f64, before_km: f64, recent: u64, before: u64) = "incidents within {influence_km} km were typically {km} km closer in the last {months} months than in the {months} before (median distance from the area {recent_km} km against {before_km} km; {recent} and {before} incidents)";
        drift_farther(influence_km: f64, km: f64, months: u64, recent_km: f64, before_km: f64, recent: u64, before: u64) = "incidents within {influence_km} km were typically {km} km farther away in the last {months} months than in the {months} before (median distance from the area {recent_km} km against {before_km} km; {recent} and {before} incidents)";
        drift_steady(influence_km: f64, months: u64, recent_km: f64, before_km: f64, recent: u64, before: u64) = "incidents within {influence_km} km were at about the same distance in the last {months} months as in the {months} before (median distance from the area {recent_km} km against {before_km} km; {recent} and {before} incidents)";
        drift_too_few(influence_km: f64, months: u64, recent: u64, before: u64, min: u64) = "too few incidents within {influence_km} km to say whether they are coming closer: {recent} in the last {months} months and {before} in the {months} before, at least {min} in each are needed";
    }
    "The route verdict's reason" {
        route_clear() = "no incident within the influence distance of the route in the window";
        route_worst_stretch_below(from_km: f64, to_km: f64, score: f64, band: String, threshold: f64) = "worst stretch: km {from_km}–{to_km} scores {score} ({band}), below {threshold}";
        route_worst_stretch_at_or_above(from_km: f64, to_km: f64, score: f64, band: String, threshold: f64) = "worst stretch: km {from_km}–{to_km} scores {score} ({band}), at or above {threshold}";
        route_whole_below(score: f64, band: String, threshold: f64, from_km: f64, to_km: f64, stretch_score: f64, stretch_band: String) = "the whole route scores {score} ({band}), below {threshold}; worst stretch: km {from_km}–{to_km} scores {stretch_score} ({stretch_band})";
        route_whole_at_or_above(score: f64, band: String, threshold: f64, from_km: f64, to_km: f64, stretch_score: f64, stretch_band: String) = "the whole route scores {score} ({band}), at or above {threshold}; worst stretch: km {from_km}–{to_km} scores {stretch_score} ({stretch_band})";
    }
    "The engine called out of order (errors of kind `usage`)" {
        load_in_progress() = "a load is in progress: call loadEnd first";
        no_load_begun(call: String) = "{call}: no load begun";
        texts_not_read(rows: u64) = "{rows} incidents near this area have texts not read yet (actors, notes): hand their texts (unclassified) to the words module and its answer to the engine (classified) first";
    }
    "JSON syntax (the `problem` inside the messages that read JSON)" {
        json_trailing_characters() = "trailing characters";
        json_nested_too_deeply() = "nested too deeply";
        json_unexpected_end() = "unexpected end of input";
        json_expected_value() = "expected a value";
        json_expected_comma_or_bracket() = "expected ',' or ']'";
        json_expected_comma_or_brace() = "expected ',' or '}'";
        json_expected_key() = "expected a string key";
        json_expected_colon() = "expected ':'";
        json_expected_digits() = "expected digits";
        json_expected_fraction_digits() = "expected digits after '.'";
        json_expected_exponent_digits() = "expected exponent digits";
        json_expected_hex() = "expected four hex digits";
        json_invalid_surrogate() = "invalid surrogate pair";
        json_unfinished_escape() = "unfinished escape";
        json_invalid_escape() = "invalid escape";
        json_control_character() = "control character in string";
        json_unterminated_string() = "unterminated string";
        json_expected_array_or_object() = "expected an array or an object";
        json_expected_member_name() = "expected a member name";
        json_bad_member_name() = "bad member name";
        json_ends_early() = "the input ends before the JSON does";
    }
}

impl Message {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// The English text with `{param}` placeholders.
    pub fn template(&self) -> &'static str {
        self.template
    }

    /// The parameters, by name, in the order of the table.
    pub fn params(&self) -> &Params {
        &self.params
    }

    /// The message with its text parameter `name` rewritten by `f`: a front end names an option as
    /// its user writes it (`--window-days` in the CLI, `window-days` on the card).
    ///
    /// ```
    /// use riskcard::message::Message;
    /// let m = Message::option_not_whole("window_days".into(), "\"abc\"".into());
    /// let cli = m.with_param("option", |o| format!("--{}", o.replace('_', "-")));
    /// assert_eq!(cli.text(), "--window-days must be a whole number, got \"abc\"");
    /// ```
    pub fn with_param(mut self, name: &str, f: impl Fn(&str) -> String) -> Message {
        for (n, p) in &mut self.params.0 {
            if let (true, Param::Text(t)) = (*n == name, &mut *p) {
                *t = f(t);
            }
        }
        self
    }

    /// The English text.
    ///
    /// ```
    /// use riskcard::message::Message;
    /// let m = Message::reach_not_positive("radius_km".into(), -5.0);
    /// assert_eq!((m.code(), m.text().as_str()), ("reach_not_positive", "radius_km must be a number > 0 (got -5)"));
    /// ```
    pub fn text(&self) -> String {
        fill(self.template, &self.params)
    }
}

/// `template` with each `{name}` replaced by its parameter (split, not sliced by index: no slicing
/// can fail, so no panic message is built into the .wasm).
fn fill(template: &str, params: &Params) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some((before, after)) = rest.split_once('{') {
        out.push_str(before);
        match after.split_once('}').and_then(|(name, tail)| params.get(name).map(|p| (p, tail))) {
            Some((p, tail)) => {
                match p {
                    Param::Num(x) => out.push_str(&fmt_num(*x)),
                    Param::Text(t) => out.push_str(t),
                    Param::Message(m) => out.push_str(&m.text()),
                }
                rest = tail;
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

impl std::fmt::Display for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text())
    }
}

/// `{code, message, params}`: the code, the English text and the parameters (a nested message as
/// the same three).
impl Serialize for Message {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(3))?;
        m.serialize_entry("code", self.code())?;
        m.serialize_entry("message", &self.text())?;
        m.serialize_entry("params", &self.params)?;
        m.end()
    }
}

/// A message's parameters by name, in the order of the table (a JSON object).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Params(pub Vec<(&'static str, Param)>);

impl Params {
    /// The parameter `name`.
    pub fn get(&self, name: &str) -> Option<&Param> {
        self.0.iter().find(|(n, _)| *n == name).map(|(_, p)| p)
    }
}

impl Serialize for Params {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}
