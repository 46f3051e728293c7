//! This project's own schema (`id, date, lat, lon, event_type, …`), which takes ACLED's column
//! names too; its precision codes are ACLED's (`date_precision` as ACLED's `time_precision`).

use super::{Codes, Field};

/// The column names per field, ours first.
pub(super) fn aliases(f: Field) -> &'static [&'static str] {
    match f {
        Field::Id => &["id", "event_id_cnty"],
        Field::Date => &["date", "event_date"],
        Field::Lat => &["lat", "latitude"],
        Field::Lon => &["lon", "lng", "longitude"],
        Field::Type => &["event_type", "category"],
        Field::SubType => &["sub_event_type"],
        Field::Actors => &["actors", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2"],
        Field::Fatalities => &["fatalities"],
        Field::GeoPrecision => &["geo_precision"],
        Field::DatePrecision => &["date_precision", "time_precision"],
        Field::Location => &["location"],
        Field::Admin1 => &["admin1"],
        Field::Country => &["country"],
        Field::Source => &["source"],
        Field::Notes => &["notes"],
        Field::Violence => &[],
        Field::Inter1 => &["inter1"],
        Field::Inter2 => &["inter2"],
    }
}

/// As ACLED's codes.
pub(super) const CODES: Codes = Codes { date_name: "date_precision", ..super::acled::CODES };
