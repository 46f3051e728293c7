//! A file's order of numeric dates. `7/31/2020` can only be month first, `31/07/2020` only day
//! first, `03/04/2020` either: a file is read one way throughout, decided by its first date that can
//! only be read one way. Until then its ambiguous rows wait (`sink.rs`); a file that never decides is
//! not guessed at. A later date that contradicts the file's order is refused.

use crate::date::{Day, Reading};
use crate::message::Message;

/// Which part of a numeric date is the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Order {
    /// `31/07/2020`.
    DayFirst,
    /// `7/31/2020`.
    MonthFirst,
}

/// What a date means in this file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Dated {
    /// One day.
    Day(Day),
    /// Either day, until the file's order is known: (day first, month first).
    Either(Day, Day),
}

/// The order of a file's numeric dates, once a date has decided it: the order, the date and its line.
#[derive(Debug, Default)]
pub(super) struct FileOrder {
    pub(super) decided: Option<(Order, String, u64)>,
}

impl FileOrder {
    /// The order, when known.
    pub(super) fn order(&self) -> Option<Order> {
        self.decided.as_ref().map(|d| d.0)
    }

    /// What `reading` (the date `text` on `line`) means in this file; a date that can only be read
    /// one way decides the file's order when it is not yet known.
    ///
    pub(super) fn date(&mut self, reading: Reading, text: &str, line: u64) -> Result<Dated, Message> {
        let (day_first, month_first) = reading.days();
        match (day_first, month_first) {
            (Some(a), Some(b)) if a == b => Ok(Dated::Day(a)),
            (Some(a), Some(b)) => Ok(match self.order() {
                Some(Order::DayFirst) => Dated::Day(a),
                Some(Order::MonthFirst) => Dated::Day(b),
                None => Dated::Either(a, b),
            }),
            (Some(a), None) => self.only(Order::DayFirst, a, text, line),
            (None, Some(b)) => self.only(Order::MonthFirst, b, text, line),
            (None, None) => Err(Message::row_unparseable("date".into(), super::validate::clip(text))),
        }
    }

    /// A date that can only be read in `order`, as `day`.
    fn only(&mut self, order: Order, day: Day, text: &str, line: u64) -> Result<Dated, Message> {
        match self.order() {
            None => {
                self.decided = Some((order, text.to_string(), line));
                Ok(Dated::Day(day))
            }
            Some(o) if o == order => Ok(Dated::Day(day)),
            Some(Order::DayFirst) => Err(Message::row_date_not_day_first(super::validate::clip(text))),
            Some(Order::MonthFirst) => Err(Message::row_date_not_month_first(super::validate::clip(text))),
        }
    }

    /// The load warning that says how the file's dates were read, once decided.
    pub(super) fn warning(&self, source: &str) -> Option<Message> {
        let (order, example, line) = self.decided.as_ref()?;
        Some(match order {
            Order::DayFirst => Message::slash_dates_day_first(source.into(), example.clone(), *line),
            Order::MonthFirst => Message::slash_dates_month_first(source.into(), example.clone(), *line),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::{from_ymd, read};

    fn date(f: &mut FileOrder, s: &str, line: u64) -> Result<Dated, String> {
        f.date(read(s).unwrap(), s, line).map_err(|m| m.text())
    }

    #[test]
    fn a_file_decides_its_order_once_and_holds_to_it() {
        let mut f = FileOrder::default();
        let d = |y, m, d| from_ymd(y, m, d).unwrap();
        assert_eq!(date(&mut f, "03/04/2020", 2), Ok(Dated::Either(d(2020, 4, 3), d(2020, 3, 4))));
        assert_eq!(date(&mut f, "5/5/2020", 3), Ok(Dated::Day(d(2020, 5, 5))));
        assert_eq!(date(&mut f, "2020-07-31", 4), Ok(Dated::Day(d(2020, 7, 31))));
        assert_eq!(f.order(), None);
        assert_eq!(date(&mut f, "7/31/2020", 5), Ok(Dated::Day(d(2020, 7, 31))));
        assert_eq!(f.order(), Some(Order::MonthFirst));
        assert_eq!(date(&mut f, "03/04/2020", 6), Ok(Dated::Day(d(2020, 3, 4))));
        assert_eq!(date(&mut f, "31/07/2020", 7), Err("date '31/07/2020' can only be day/month/year, but this file's dates are month/day/year".into()));
        assert_eq!(date(&mut f, "13/13/2020", 8), Err("unparseable date '13/13/2020'".into()));
        assert_eq!(
            f.warning("us.csv").unwrap().text(),
            "us.csv: dates such as 7/31/2020 were read month first (month/day/year, as US spreadsheets write them): line 5 can be read no other way"
        );
        let mut g = FileOrder::default();
        assert_eq!(date(&mut g, "31.07.20", 2), Ok(Dated::Day(d(2020, 7, 31))));
        assert_eq!((g.order(), date(&mut g, "03.04.20", 3)), (Some(Order::DayFirst), Ok(Dated::Day(d(2020, 4, 3)))));
    }
}
