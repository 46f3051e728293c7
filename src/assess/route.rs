//! A corridor's route: 10 km stretches, each scored as a corridor of its own with the window's
//! candidates, the hotspots, and the go / caution / no-go verdict with its reason.

use super::options::Settings;
use super::scan::{distance_factors, Candidate};
use super::score::{self, TimeTable};
use super::tags::Tag;
use super::weigh;
use super::{rank, round1};
use crate::aoi::{self, Aoi, Shape};
use crate::geodesy;
use crate::message::Message;
use crate::report::{Route, Segment};
use crate::store::Store;

/// Cuts a corridor into stretches of `segment_km`: each stretch as its own corridor with the same buffer.
fn stretches(aoi: &Aoi, segment_km: f64) -> Vec<(f64, f64, Aoi)> {
    let Shape::Corridor { edges, buffer_km, length_km, .. } = &aoi.shape else { return vec![] };
    let r = aoi.earth_radius_km;
    let n = (length_km / segment_km).ceil().max(1.0) as usize;
    let mut out = Vec::with_capacity(n);
    for k in 0..n {
        let from = k as f64 * segment_km;
        let to = ((k + 1) as f64 * segment_km).min(*length_km);
        let mut lines: Vec<Vec<(f64, f64)>> = Vec::new();
        let mut last_part = usize::MAX;
        for (arc, c0, part) in edges {
            let len = arc.len * r;
            let (lo, hi) = (from.max(*c0), to.min(c0 + len));
            if hi <= lo || len <= 0.0 {
                continue;
            }
            let (t0, t1) = ((lo - c0) / len, (hi - c0) / len);
            let (p0, p1) = (geodesy::lat_lon(arc.point_at(t0)), geodesy::lat_lon(arc.point_at(t1)));
            if *part != last_part || lines.is_empty() {
                lines.push(vec![p0]);
                last_part = *part;
            }
            if let Some(l) = lines.last_mut() {
                l.push(p1);
            }
        }
        if let Ok(mut seg) = aoi::corridor(lines, *buffer_km, None) {
            seg.earth_radius_km = r;
            out.push((from, to, seg));
        }
    }
    out
}

/// The tags present among incidents with these tag sets, most frequent first (ties in tag order).
fn tag_list(bits: &[u8]) -> Vec<&'static str> {
    let counts: Vec<(Tag, usize)> = Tag::ALL.iter().map(|&t| (t, bits.iter().filter(|&&b| b & t.bit() != 0).count())).filter(|&(_, n)| n > 0).collect();
    let order = rank::top_k(counts.len(), counts.len(), |a, b| counts[b].1.cmp(&counts[a].1).then(a.cmp(&b)));
    order.into_iter().filter_map(|i| counts.get(i).map(|(t, _)| t.key())).collect()
}

/// The verdict thresholds: the whole route or any stretch scoring at or above `NO_GO` makes the
/// route no-go; at or above `CAUTION`, caution.
pub const NO_GO: f64 = 75.0;
/// See [`NO_GO`].
pub const CAUTION: f64 = 25.0;

pub(super) fn route(store: &Store, aoi: &Aoi, length_km: f64, whole: f64, window: &[Candidate], times: &TimeTable, st: &Settings) -> Route {
    let (p, w) = (&st.params, &st.weighing);
    let mut segments = Vec::new();
    // Each stretch measures the window's candidates (indexes into `window` in `kept` and `found`)
    // in the same tight loops as a scan: the cap test, the geometry of those kept, the distance factors.
    let units: Vec<geodesy::V3> = window.iter().map(|c| store.unit(c.row())).collect();
    let unit = |i: usize| units.get(i).copied().unwrap_or([0.0; 3]);
    let (mut kept, mut found, mut dfs) = (Vec::new(), Vec::new(), Vec::new());
    // The window's in-area incidents by chainage, with running fatality sums: a stretch's count and
    // fatalities are then two binary searches, not a pass over the window per stretch.
    let unsorted: Vec<(f64, u64, usize)> = window.iter().filter(|c| c.in_aoi()).filter_map(|c| c.along_km().map(|a| (a, store.fatalities(c.row()) as u64, c.row()))).collect();
    let order = rank::top_k(unsorted.len(), unsorted.len(), |a, b| unsorted[a].0.total_cmp(&unsorted[b].0));
    let along: Vec<(f64, u64)> = order.iter().filter_map(|&i| unsorted.get(i).map(|u| (u.0, u.1))).collect();
    // Their tags, in the same order (an analysis only).
    let along_tags: Vec<u8> = if st.analysis { order.iter().filter_map(|&i| unsorted.get(i).map(|u| weigh::tags_of(store, u.2))).collect() } else { Vec::new() };
    let mut running = Vec::with_capacity(along.len() + 1);
    running.push(0u64);
    for &(_, f) in &along {
        running.push(running.last().copied().unwrap_or(0) + f);
    }
    for (from, to, seg) in stretches(aoi, st.segment_km) {
        let chord2 = seg.cap_chord2(p.influence_km);
        kept.clear();
        kept.extend(units.iter().enumerate().filter_map(|(i, &u)| seg.cap_test(u, chord2).map(|c2| (i as u32, c2))));
        found.clear();
        seg.within_kept(&kept, unit, p.influence_km, |_| false, &mut found);
        distance_factors(&found, p, &mut dfs);
        let mut total = 0u64;
        for (r, &df) in found.iter().zip(&dfs) {
            let Some(c) = window.get(r.row as usize) else { continue };
            // Within the stretch's reach for its category (every candidate is within the whole route's).
            if df > 0.0 && (!w.cuts() || w.reaches(store.category(c.row()), r.beyond_km)) {
                total += score::to_units(c.severity * df * times.get(st.as_of - c.day));
            }
        }
        // In [from, to); the last stretch includes its end.
        let last = to >= length_km;
        let lo = along.partition_point(|&(a, _)| a < from);
        let hi = along.partition_point(|&(a, _)| a < to || (last && a <= to)).max(lo);
        let count = (hi - lo) as u64;
        let fatalities = running.get(hi).zip(running.get(lo)).map_or(0, |(h, l)| h - l);
        let sc = score::score_of(total, p);
        let tags = st.analysis.then(|| tag_list(along_tags.get(lo..hi).unwrap_or_default()));
        segments.push(Segment { from_km: round1(from), to_km: round1(to), count, fatalities, score: sc, band: score::band(sc), tags });
    }
    let hot: Vec<&Segment> = segments.iter().filter(|s| s.score > 0.0).collect();
    let order = rank::top_k(hot.len(), 3, |a, b| hot[b].score.total_cmp(&hot[a].score).then(hot[a].from_km.total_cmp(&hot[b].from_km)));
    let hotspots: Vec<Segment> = order.iter().take(3).filter_map(|&i| hot.get(i).map(|s| (*s).clone())).collect();
    let (verdict, reason, verdict_threshold) = verdict(whole, hotspots.first());
    Route {
        length_km: round1(length_km),
        segment_km: st.segment_km,
        segments,
        hotspots,
        verdict,
        verdict_reason: reason.text(),
        verdict_reason_code: reason.code(),
        verdict_reason_params: reason.params().clone(),
        verdict_threshold,
    }
}

/// go / caution / no-go from the whole route's score and its worst stretch, with the reason and
/// the threshold compared with.
fn verdict(whole: f64, worst: Option<&Segment>) -> (&'static str, Message, f64) {
    let worst_score = worst.map_or(0.0, |w| w.score);
    let level = whole.max(worst_score);
    let verdict = if level >= NO_GO {
        "no-go"
    } else if level >= CAUTION {
        "caution"
    } else {
        "go"
    };
    let threshold = if level >= NO_GO { NO_GO } else { CAUTION };
    let above = level >= CAUTION;
    let reason = match worst {
        None => Message::route_clear(),
        Some(w) if worst_score >= whole => {
            let (from_km, to_km, score, band) = (w.from_km, w.to_km, w.score, w.band.to_string());
            if above {
                Message::route_worst_stretch_at_or_above(from_km, to_km, score, band, threshold)
            } else {
                Message::route_worst_stretch_below(from_km, to_km, score, band, threshold)
            }
        }
        Some(w) => {
            let (from_km, to_km, stretch_score, stretch_band) = (w.from_km, w.to_km, w.score, w.band.to_string());
            let (score, band) = (whole, score::band(whole).to_string());
            if above {
                Message::route_whole_at_or_above(score, band, threshold, from_km, to_km, stretch_score, stretch_band)
            } else {
                Message::route_whole_below(score, band, threshold, from_km, to_km, stretch_score, stretch_band)
            }
        }
    };
    (verdict, reason, threshold)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(score: f64) -> Segment {
        Segment { from_km: 10.0, to_km: 20.0, count: 1, fatalities: 0, score, band: score::band(score), tags: None }
    }

    #[test]
    fn verdict_takes_the_worse_of_route_and_stretch() {
        let said = |(v, m, t): (&'static str, Message, f64)| (v, m.text(), t);
        assert_eq!(said(verdict(0.0, None)), ("go", "no incident within the influence distance of the route in the window".into(), 25.0));
        assert_eq!(said(verdict(12.0, Some(&seg(20.9)))), ("go", "worst stretch: km 10–20 scores 20.9 (low), below 25".into(), 25.0));
        assert_eq!(
            said(verdict(42.8, Some(&seg(20.9)))),
            ("caution", "the whole route scores 42.8 (moderate), at or above 25; worst stretch: km 10–20 scores 20.9 (low)".into(), 25.0)
        );
        assert_eq!(said(verdict(60.0, Some(&seg(80.0)))), ("no-go", "worst stretch: km 10–20 scores 80 (severe), at or above 75".into(), 75.0));
        assert_eq!(said(verdict(20.0, Some(&seg(10.0)))), ("go", "the whole route scores 20 (low), below 25; worst stretch: km 10–20 scores 10 (low)".into(), 25.0));
        assert_eq!(verdict(42.8, Some(&seg(20.9))).1.code(), "route_whole_at_or_above");
        let (v, _, threshold) = verdict(75.0, Some(&seg(30.0)));
        assert_eq!((v, threshold), ("no-go", 75.0));
    }

    #[test]
    fn tags_listed_most_frequent_first() {
        let (mine, convoy, blockade) = (Tag::Mine.bit(), Tag::Convoy.bit(), Tag::Blockade.bit());
        assert_eq!(tag_list(&[convoy, convoy | mine, 0, blockade | convoy, mine]), vec!["convoy", "mine", "blockade"]);
        assert_eq!(tag_list(&[]), Vec::<&str>::new());
    }
}
