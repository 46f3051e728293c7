//! The same event under two ids. ACLED re-codes events between releases under new ids (MLI1702
//! became MLI1897), so loading two releases counts such an event twice. An event a load brings that
//! has the same day, category and fatalities as an event of an earlier load, within
//! [`TWIN_METRES`], under another id, is probably the same event: it is reported, and with
//! `dedupe: content` the earlier version is removed (the later release supersedes).

use crate::error::{Error, Result};
use crate::message::Message;
use crate::rank;
use crate::store::Store;

/// How a load treats an event it already holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Dedupe {
    /// By id alone: a row whose id is held replaces that row (the default).
    #[default]
    Id,
    /// By id, and by content across loads: an earlier load's event with the same day, category
    /// and fatalities within [`TWIN_METRES`] under another id is removed.
    Content,
}

impl Dedupe {
    /// `id` or `content`.
    ///
    /// ```
    /// use riskcard::ingest::Dedupe;
    /// assert_eq!(Dedupe::parse("content").unwrap(), Dedupe::Content);
    /// assert!(Dedupe::parse("fuzzy").is_err());
    /// ```
    pub fn parse(s: &str) -> Result<Dedupe> {
        match s.trim() {
            "" | "id" => Ok(Dedupe::Id),
            "content" => Ok(Dedupe::Content),
            other => Err(Error::Options(Message::dedupe_unknown(other.to_string()))),
        }
    }
}

/// Two events closer than this are at the same place, m (ACLED gives positions to 4 decimals,
/// about 11 m; a re-coded event keeps its place).
pub const TWIN_METRES: f64 = 100.0;

/// Pairs (earlier row, row of this load) that look like one event: `written` are the rows the load
/// stored (new, or earlier versions of its ids it replaced); every other row is an earlier load's.
pub(super) fn twins(store: &Store, written: &[u32]) -> Vec<(usize, usize)> {
    if written.is_empty() || written.len() >= store.len() {
        return Vec::new(); // no earlier load's rows
    }
    let mut mine = vec![false; store.len()];
    let (mut lo, mut hi) = (i32::MAX, i32::MIN);
    for &r in written {
        if let Some(m) = mine.get_mut(r as usize) {
            *m = true;
            lo = lo.min(store.day(r as usize));
            hi = hi.max(store.day(r as usize));
        }
    }
    // Earlier rows on the load's days, sorted by (day, category, fatalities).
    let key = |r: usize| ((store.day(r) as i64 as u64) << 40) | ((store.category(r) as u64) << 32) | store.fatalities(r) as u64;
    let earlier: Vec<usize> = (0..store.len()).filter(|&r| !mine[r] && (lo..=hi).contains(&store.day(r))).collect();
    if earlier.is_empty() {
        return Vec::new();
    }
    let sorted: Vec<(u64, usize)> = rank::top_k(earlier.len(), earlier.len(), |a, b| key(earlier[a]).cmp(&key(earlier[b])).then(a.cmp(&b)))
        .into_iter()
        .filter_map(|i| earlier.get(i).map(|&r| (key(r), r)))
        .collect();
    let r_km = crate::geodesy::local_radius_km(12.0);
    let limit = crate::geodesy::chord_of_km(TWIN_METRES / 1000.0, r_km);
    let mut taken = vec![false; store.len()];
    let mut out = Vec::new();
    for &n in written {
        let n = n as usize;
        let k = key(n);
        let from = sorted.partition_point(|&(kk, _)| kk < k);
        for &(kk, o) in sorted.get(from..).unwrap_or_default() {
            if kk != k {
                break;
            }
            if !taken[o] && crate::geodesy::chord2(store.unit(o), store.unit(n)) <= limit * limit {
                taken[o] = true;
                out.push((o, n));
                break;
            }
        }
    }
    out
}

/// The warning for `pairs` (earlier row, this load's row): how many, and the first two pairs' ids.
pub(super) fn warning(store: &Store, pairs: &[(usize, usize)], source: &str, removed: bool) -> Message {
    let examples = pairs.iter().take(2).map(|&(o, n)| format!("{} ~ {}", store.id(o), store.id(n))).collect::<Vec<_>>().join(", ");
    let count = pairs.len() as u64;
    if removed {
        Message::duplicates_removed(source.into(), count, examples)
    } else {
        Message::possible_duplicates(source.into(), count, examples)
    }
}
