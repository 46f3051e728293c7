//! What an answer rests on: the data's dates and sources, and the warnings that say when it rests on
//! nothing or on less than it seems — a window outside the data, an area far from all of it, data
//! older than the host allows — so that a score from no data is never shown as calm. Load warnings
//! that change what the numbers mean are repeated here, in the report's `warnings`.

use super::options::Settings;
use super::scan::Days;
use crate::aoi::Aoi;
use crate::date;
use crate::error::{Error, Result};
use crate::ingest::Warning;
use crate::message::Message;
use crate::report::DataInfo;
use crate::store::Store;

/// The load warnings a report repeats among its own: they change what its numbers mean.
pub const LOAD_WARNINGS_IN_REPORTS: [&str; 9] = [
    "many_rows_skipped",
    "ambiguous_slash_dates",
    "unknown_event_type",
    "possible_duplicates",
    "fatalities_unknown",
    "input_stopped",
    "invalid_utf8",
    "json_stopped_after_rows",
    "json_cut_off",
];

/// The codes of the warnings after which a report's score stands on nothing: no band is shown.
pub const NOTHING_TO_SCORE: [&str; 4] = ["as_of_after_data", "as_of_before_data", "area_outside_data", "area_outside_data_swapped"];

/// An error when the store holds no incident: what the loads did says why.
pub(super) fn loaded(store: &Store) -> Result<()> {
    if !store.is_empty() {
        return Ok(());
    }
    let d = store.diagnostics();
    Err(Error::Data(match (d.sources.len(), d.rows_read) {
        (0, _) => Message::data_none_loaded(),
        (_, 0) => Message::data_no_rows(),
        (_, rows) => Message::data_all_rows_skipped(rows),
    }))
}

/// The data's dates and sources, as the report gives them.
pub(super) fn data_info(store: &Store, st: &Settings) -> DataInfo {
    let (first, last) = store.day_range().unwrap_or((st.as_of, st.as_of));
    DataInfo {
        first_date: date::format(first),
        last_date: date::format(last),
        sources: store.diagnostics().sources.clone(),
        today: st.today.map(date::format),
        age_days: st.today.map(|t| (t - last).max(0) as u64),
    }
}

/// The report's warnings: where the window lies against the data, whether any incident at all is
/// near the area (`found`: the window had incidents within reach, so it is), whether the data is
/// stale, and the notable warnings of the loads.
pub(super) fn warnings(store: &Store, aoi: &Aoi, st: &Settings, days: &Days, found: bool) -> Vec<Warning> {
    let mut out: Vec<Warning> = Vec::new();
    let (first, last) = store.day_range().unwrap_or((st.as_of, st.as_of));
    let (as_of, from) = (days.as_of, days.window_from);
    let (fmt, window_days) = (date::format, st.params.window_days as u64);
    if from > last {
        out.push(Message::as_of_after_data(fmt(as_of), window_days, fmt(first), fmt(last)).into());
    } else if as_of < first {
        out.push(Message::as_of_before_data(fmt(as_of), window_days, fmt(first), fmt(last)).into());
    } else if from < first || as_of > last {
        let covered = (as_of.min(last) - from.max(first) + 1) as u64;
        out.push(Message::window_partly_outside_data(fmt(as_of), window_days, fmt(first), fmt(last), covered).into());
    }
    let km = st.params.influence_km;
    if !found && !any_near(store, aoi, km) {
        let swapped = aoi.swapped().is_some_and(|s| any_near(store, &s, km));
        out.push(if swapped { Message::area_outside_data_swapped(km) } else { Message::area_outside_data(km) }.into());
    }
    if let Some(today) = st.today {
        let age = today - last;
        if age > st.stale_days {
            out.push(Message::stale_data(fmt(last), fmt(today), age as u64, st.stale_days as u64).into());
        }
    }
    out.extend(store.diagnostics().summary().warnings.into_iter().filter(|w| LOAD_WARNINGS_IN_REPORTS.contains(&w.code)));
    out
}

/// Whether any incident, at any date, lies within `km` of the area's edge.
fn any_near(store: &Store, aoi: &Aoi, km: f64) -> bool {
    let chord2 = aoi.cap_chord2(km);
    store.any_in(&aoi.search_boxes(km), |row| aoi.within_cap(store.unit(row), km, chord2).is_some())
}
