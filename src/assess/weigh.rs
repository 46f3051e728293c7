//! Whom the score is for: a threat profile's weight per category and per tag (`site`, `convoy`,
//! `staff`), custom weights over it, an influence distance per category (`reach_km`), and the actor
//! families kept (`actors`). docs/METHOD.md (§ Profiles) gives the numbers' reasons.

use super::actors::{self, Family};
use super::classify;
use super::tags::Tag;
use crate::category::Category;
use crate::store::Store;

/// A threat profile: what the score weighs more, for whom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    /// A fixed site (a mine, a camp): the documented category weights, no tag weighs more.
    Site,
    /// Vehicles on the road: IEDs, attacks on vehicles, looting, blockades and checkpoints weigh
    /// more; protests and riots less.
    Convoy,
    /// People: abductions (of foreigners most), attacks on civilians and on mining sites weigh more.
    Staff,
}

impl Profile {
    /// Every profile.
    pub const ALL: [Profile; 3] = [Profile::Site, Profile::Convoy, Profile::Staff];

    /// The key in options and reports.
    ///
    /// ```
    /// assert_eq!(riskcard::assess::Profile::Convoy.key(), "convoy");
    /// ```
    pub fn key(self) -> &'static str {
        match self {
            Profile::Site => "site",
            Profile::Convoy => "convoy",
            Profile::Staff => "staff",
        }
    }

    /// The profile of a key.
    pub fn from_key(key: &str) -> Option<Profile> {
        Profile::ALL.into_iter().find(|p| p.key() == key)
    }

    /// Weight per category, in [`Category::ALL`] order.
    ///
    /// ```
    /// use riskcard::{assess::Profile, Category};
    /// assert_eq!(Profile::Site.weights()[Category::Abduction as usize], 1.2);
    /// assert_eq!(Profile::Staff.weights()[Category::Abduction as usize], 2.0);
    /// ```
    pub fn weights(self) -> [f64; 9] {
        match self {
            Profile::Site => Category::ALL.map(Category::weight),
            // battle, explosion_ied, violence_against_civilians, abduction, looting, riot, protest, strategic, other
            Profile::Convoy => [1.0, 1.5, 1.0, 1.2, 1.0, 0.3, 0.05, 0.3, 0.5],
            Profile::Staff => [1.0, 1.2, 1.5, 2.0, 0.6, 0.6, 0.2, 0.2, 0.5],
        }
    }

    /// Factor per tag, in [`Tag::ALL`] order: an incident's weight is multiplied by the largest
    /// factor among its tags (1 without one).
    pub fn tag_factors(self) -> [f64; 6] {
        match self {
            Profile::Site => [1.0; 6],
            // mine, convoy, checkpoint, kidnap_foreigners, ied_road, blockade
            Profile::Convoy => [1.0, 1.5, 1.25, 1.0, 1.5, 1.5],
            Profile::Staff => [1.25, 1.0, 1.0, 1.5, 1.0, 1.0],
        }
    }
}

/// How an assessment weighs incidents: made by `Options::resolve` from `profile`, `weights`,
/// `reach_km`, `actors` and `influence_km`.
#[derive(Debug, Clone, PartialEq)]
pub struct Weighing {
    /// The profile.
    pub profile: Profile,
    /// Weight per category (the profile's, with the custom `weights` over them).
    pub weights: [f64; 9],
    /// Influence distance per category, km: `reach_km`, else the influence distance.
    pub reach_km: [f64; 9],
    /// Factor per tag (the profile's).
    pub tag_factors: [f64; 6],
    /// Only incidents naming one of these families count (a bit per [`Family`]); `None`: all.
    pub actors: Option<u16>,
    /// Whether custom weights or reaches were given (the report then lists them).
    pub custom: bool,
    /// [`Weighing::cuts`] and [`Weighing::uses_tags`], as of the last [`Weighing::settle`]
    /// (they are asked once per incident).
    cut: bool,
    tagged: bool,
}

impl Weighing {
    /// A profile's weighing with one influence distance for every category.
    ///
    /// ```
    /// use riskcard::assess::{Profile, Weighing};
    /// let w = Weighing::new(Profile::Site, 100.0);
    /// assert_eq!((w.reach_km[0], w.scan_km(), w.uses_tags()), (100.0, 100.0, false));
    /// assert!(Weighing::new(Profile::Convoy, 100.0).uses_tags());
    /// ```
    pub fn new(profile: Profile, influence_km: f64) -> Weighing {
        let mut w = Weighing {
            profile,
            weights: profile.weights(),
            reach_km: [influence_km; 9],
            tag_factors: profile.tag_factors(),
            actors: None,
            custom: false,
            cut: false,
            tagged: false,
        };
        w.settle();
        w
    }

    /// Recomputes what is asked once per incident from the fields: call after changing them.
    pub fn settle(&mut self) {
        let far = self.scan_km();
        self.cut = self.reach_km.iter().any(|&r| r < far);
        self.tagged = self.tag_factors.iter().any(|&f| f != 1.0);
    }

    /// The farthest any category reaches: the distance a scan reads to.
    pub fn scan_km(&self) -> f64 {
        self.reach_km.iter().fold(0.0, |a, &b| if b > a { b } else { a })
    }

    /// Whether any category reaches less far than the scan (candidates are then cut by category).
    #[inline]
    pub fn cuts(&self) -> bool {
        self.cut
    }

    /// Whether an incident's tags change its weight.
    #[inline]
    pub fn uses_tags(&self) -> bool {
        self.tagged
    }

    /// Whether an incident of `category` at `beyond_km` from the area's edge is within its reach.
    #[inline]
    pub fn reaches(&self, category: Category, beyond_km: f64) -> bool {
        self.reach_km.get(category as usize).is_some_and(|&r| beyond_km <= r)
    }

    /// The weight of incident `row`'s own attributes: its category's weight × the fatality factor
    /// × the precision factor × its largest tag factor.
    ///
    /// ```
    /// use riskcard::{Store, store::NewIncident, Category, assess::{Profile, Weighing}};
    /// let mut s = Store::new();
    /// s.insert(NewIncident { notes: "an IED hit a truck on the road".into(), ..NewIncident::new("a", 0, 12.0, -8.0, Category::ExplosionIed, 0) });
    /// // Site: 1.2. Convoy: 1.5 × 1.5 (convoy and ied_road tags: the largest factor counts once).
    /// assert_eq!(Weighing::new(Profile::Site, 100.0).severity(&s, 0), 1.2);
    /// assert_eq!(Weighing::new(Profile::Convoy, 100.0).severity(&s, 0), 2.25);
    /// ```
    pub fn severity(&self, store: &Store, row: usize) -> f64 {
        let cat = store.category(row);
        let w = self.weights.get(cat as usize).copied().unwrap_or(0.0);
        let base = super::score::severity_weighted(w, store.fatalities(row), store.precision_factor(row));
        if !self.uses_tags() {
            return base;
        }
        let bits = tags_of(store, row);
        let factor = Tag::ALL.iter().zip(&self.tag_factors).filter(|(t, _)| bits & t.bit() != 0).fold(1.0, |a, (_, &f)| if f > a { f } else { a });
        base * factor
    }

    /// Whether incident `row` counts: it names a kept family, or no family filter is set.
    #[inline]
    pub fn keeps(&self, store: &Store, row: usize) -> bool {
        self.actors.is_none_or(|kept| families_of(store, row) & kept != 0)
    }
}

/// The families of incident `row`'s actors (0 when not worked out: see `classify`).
pub fn families_of(store: &Store, row: usize) -> u16 {
    classify::bits(store, row).unwrap_or(0) as u16
}

/// The tags of incident `row` (0 when not worked out).
pub fn tags_of(store: &Store, row: usize) -> u8 {
    (classify::bits(store, row).unwrap_or(0) >> 16) as u8
}

/// The family an incident's points go to (see [`actors::attributed`]).
pub fn family_of(store: &Store, row: usize) -> Family {
    actors::attributed(families_of(store, row))
}
