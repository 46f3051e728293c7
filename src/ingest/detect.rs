//! Which format an input is in, from its first characters: JSON by its first character, CSV by its
//! header's column names.

use super::loader::whole_lines;
use super::Format;
use crate::error::{Error, Result};
use crate::message::Message;
use crate::text::csv;

/// The format from the start of the input, once enough of it is there (`None`: not yet).
pub(super) fn detect_piece(text: &str, last: bool) -> Result<Option<Format>> {
    let start = text.trim_start();
    if start.starts_with(['{', '[']) || last {
        return detect(text).map(Some);
    }
    let mut r = csv::Reader::new(whole_lines(text, false));
    if r.next_record().is_none() || r.unterminated {
        return Ok(None);
    }
    detect(text).map(Some)
}

/// Detects the format from the content: JSON by its first character, CSV by its header.
///
/// ```
/// use riskcard::ingest::{detect, Format};
/// assert_eq!(detect("event_id_cnty,event_date,latitude,longitude\n").unwrap(), Format::Acled);
/// assert_eq!(detect(" {\"type\":\"FeatureCollection\",\"features\":[]}").unwrap(), Format::GeoJson);
/// assert!(detect("name,age\nbob,3\n").is_err());
/// ```
pub fn detect(text: &str) -> Result<Format> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match text.trim_start().chars().next() {
        None => return Err(Error::Data(Message::data_empty())),
        Some('{') => return Ok(Format::GeoJson),
        Some('[') => return Ok(Format::Json),
        _ => {}
    }
    let mut r = csv::Reader::new(text);
    r.next_record();
    let header: Vec<String> = (0..r.len()).map(|i| r.field(i).trim().to_ascii_lowercase()).collect();
    let has = |n: &str| header.iter().any(|h| h == n);
    if has("type_of_violence") && has("date_start") {
        Ok(Format::Ucdp)
    } else if has("event_date") && (has("event_id_cnty") || has("event_type")) && has("latitude") {
        Ok(Format::Acled)
    } else if has("date") && (has("lat") || has("latitude")) {
        Ok(Format::Csv)
    } else {
        let shown: Vec<&str> = header.iter().take(6).map(String::as_str).collect();
        Err(Error::Data(Message::data_unrecognised_header(shown.join(", "))))
    }
}
