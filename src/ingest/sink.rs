//! Where a load's rows go: into the store, or into the diagnostics with their reason, or, while the
//! file's order of numeric dates is not yet known, into a queue (with every row after them, so that
//! a later version of an id still wins). At the end of the load the queue is emptied and the load's
//! warnings are made from what was counted on the way.

use std::borrow::Cow;

use super::dates::FileOrder;
use super::diagnostics::{Diagnostics, Source};
use crate::date::{self, Day};
use crate::message::Message;
use crate::store::{Inserted, NewIncident, Store};

/// Rows that wait for the file's order of numeric dates, at most; past it, the order is not
/// waited for any more and a file that has not decided by then has its ambiguous dates refused.
/// (A real export decides within its first rows: any day after the 12th does.)
pub const MAX_WAITING: usize = 20_000;

/// Most event types listed in `unknown_event_type` warnings per load (the rest are counted in the
/// last one listed's place: nothing is dropped unsaid).
const MAX_UNKNOWN_TYPES: usize = 20;

/// A row as `validate::build` leaves it.
pub(super) struct Built<'r> {
    pub(super) incident: NewIncident<'r>,
    /// The two days of a date the file's order must decide, and the date as written.
    pub(super) either: Option<(Day, Day, &'r str)>,
}

/// What a load counts on the way, for its warnings.
#[derive(Default)]
pub(super) struct Tally {
    /// The file's order of numeric dates.
    pub(super) order: FileOrder,
    /// Event types that map to no category, with their rows.
    pub(super) unknown_types: Vec<(String, u64)>,
    /// Rows whose fatality count is missing in a file that has the column.
    pub(super) unknown_fatalities: u64,
}

impl Tally {
    /// Counts a row of an event type no category matches.
    pub(super) fn unknown_type(&mut self, label: &str) {
        match self.unknown_types.iter_mut().find(|(l, _)| l == label) {
            Some((_, n)) => *n += 1,
            None => self.unknown_types.push((label.to_string(), 1)),
        }
    }
}

/// A row waiting for the file's order of numeric dates.
struct Waiting {
    incident: NewIncident<'static>,
    line: u64,
    either: Option<(Day, Day, String)>,
}

/// The load's rows on their way to the store.
#[derive(Default)]
pub(super) struct Sink {
    pub(super) diag: Diagnostics,
    pub(super) tally: Tally,
    waiting: Vec<Waiting>,
    /// The order was waited for as long as it may be.
    gave_up: bool,
    /// Rows refused because nothing decided the order of their dates, and one such date.
    ambiguous: (u64, Option<String>),
    /// Rows of the store this load wrote: new ones and earlier versions of its ids replaced.
    pub(super) written: Vec<u32>,
    /// First and last day of the rows stored.
    days: Option<(Day, Day)>,
}

impl Sink {
    /// Takes a row: stored, skipped with its reason, or queued while the file's date order is not
    /// known.
    #[inline]
    pub(super) fn accept(&mut self, store: &mut Store, result: Result<Built<'_>, Message>, line: u64, source: &str) {
        match result {
            Err(reason) => self.diag.skip(source, line, reason),
            Ok(Built { incident, either: None }) if self.waiting.is_empty() => self.store(store, incident),
            Ok(Built { incident, either }) => {
                if self.gave_up {
                    return match either {
                        Some((_, _, text)) => self.refuse_ambiguous(source, line, text),
                        None => self.store(store, incident),
                    };
                }
                self.waiting.push(Waiting { incident: incident.into_owned(), line, either: either.map(|(a, b, t)| (a, b, t.to_string())) });
                if self.waiting.len() >= MAX_WAITING {
                    self.gave_up = true;
                    self.release(store, source);
                }
            }
        }
        if !self.waiting.is_empty() && self.tally.order.order().is_some() {
            self.release(store, source);
        }
    }

    /// Stores the waiting rows in their order, their dates read in the file's order; without an
    /// order, a date that could be either is refused.
    fn release(&mut self, store: &mut Store, source: &str) {
        let order = self.tally.order.order();
        for w in std::mem::take(&mut self.waiting) {
            let mut incident = w.incident;
            if let Some((day_first, month_first, text)) = w.either {
                incident.day = match order {
                    Some(super::dates::Order::DayFirst) => day_first,
                    Some(super::dates::Order::MonthFirst) => month_first,
                    None => {
                        self.refuse_ambiguous(source, w.line, &text);
                        continue;
                    }
                };
            }
            self.store(store, incident);
        }
    }

    /// Skips a row whose date could be day/month or month/day in a file that never says which.
    fn refuse_ambiguous(&mut self, source: &str, line: u64, text: &str) {
        self.ambiguous.0 += 1;
        self.ambiguous.1.get_or_insert_with(|| text.to_string());
        self.diag.skip(source, line, Message::row_ambiguous_date(super::validate::clip(text)));
    }

    fn store(&mut self, store: &mut Store, incident: NewIncident<'_>) {
        self.diag.rows_loaded += 1;
        let day = incident.day;
        self.days = Some(self.days.map_or((day, day), |(a, b)| (a.min(day), b.max(day))));
        match store.insert(incident) {
            Inserted::New(row) => self.written.push(row as u32),
            Inserted::Replaced(row) => {
                self.diag.rows_replaced += 1;
                self.written.push(row as u32);
            }
        }
    }

    /// Ends the load's rows: the waiting ones are stored or refused, and the warnings made from
    /// what was counted (how the dates were read, dates nothing decided, unknown event types,
    /// unknown fatalities, many rows skipped); the load's source is recorded.
    pub(super) fn end(&mut self, store: &mut Store, source: &str, format: &str) {
        self.release(store, source);
        let t = &mut self.tally;
        if let Some(w) = t.order.warning(source) {
            self.diag.warn(w);
        }
        if let (rows @ 1.., Some(example)) = &self.ambiguous {
            self.diag.warn(Message::ambiguous_slash_dates(source.into(), *rows, example.clone()));
        }
        // Most rows first (through `rank`, the one sort in the .wasm).
        let types = &t.unknown_types;
        let order = crate::rank::top_k(types.len(), types.len(), |a, b| types[b].1.cmp(&types[a].1).then_with(|| types[a].0.cmp(&types[b].0)));
        for &i in order.iter().take(MAX_UNKNOWN_TYPES) {
            self.diag.warn(Message::unknown_event_type(source.into(), types[i].0.clone(), types[i].1));
        }
        if let Some(rest) = order.get(MAX_UNKNOWN_TYPES..).filter(|r| !r.is_empty()) {
            let rows = rest.iter().map(|&i| types[i].1).sum();
            self.diag.warn(Message::unknown_event_type(source.into(), format!("{} other labels", rest.len()), rows));
        }
        if t.unknown_fatalities > 0 {
            self.diag.warn(Message::fatalities_unknown(source.into(), t.unknown_fatalities));
        }
        let d = &self.diag;
        if d.rows_skipped * 10 > d.rows_read && d.rows_skipped > 0 {
            self.diag.warn(Message::many_rows_skipped(source.into(), d.rows_skipped, d.rows_read));
        }
        let fmt = |day: Option<Day>| day.map(date::format);
        self.diag.sources.push(Source {
            name: source.to_string(),
            format: format.to_string(),
            rows: self.diag.rows_loaded,
            first_date: fmt(self.days.map(|d| d.0)),
            last_date: fmt(self.days.map(|d| d.1)),
        });
    }
}

impl NewIncident<'_> {
    /// The incident with its text owned (no longer borrowing the input).
    pub fn into_owned(self) -> NewIncident<'static> {
        let own = |c: Cow<'_, str>| Cow::Owned(c.into_owned());
        NewIncident {
            id: own(self.id),
            day: self.day,
            lat: self.lat,
            lon: self.lon,
            category: self.category,
            fatalities: self.fatalities,
            geo_class: self.geo_class,
            date_class: self.date_class,
            event_type: own(self.event_type),
            sub_event_type: own(self.sub_event_type),
            actors: self.actors.into_iter().map(own).collect(),
            location: own(self.location),
            admin1: own(self.admin1),
            country: own(self.country),
            source: own(self.source),
            notes: own(self.notes),
        }
    }
}
