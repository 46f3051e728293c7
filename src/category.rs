//! One category set for every source, with the weights the score uses, and the mapping from ACLED
//! event types, UCDP types of violence and this project's own JSON schema. Original labels are kept
//! in the store for display; only the category enters the score.

/// The common incident categories. Order is the display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum Category {
    /// Armed clashes (ACLED Battles; UCDP state-based and non-state).
    Battle = 0,
    /// Explosions / remote violence: IEDs, landmines, air and drone strikes, shelling.
    ExplosionIed = 1,
    /// Attacks on civilians (ACLED Violence against civilians; UCDP one-sided).
    ViolenceAgainstCivilians = 2,
    /// Abduction / forced disappearance.
    Abduction = 3,
    /// Looting and property destruction.
    LootingPropertyDestruction = 4,
    /// Riots and mob violence.
    Riot = 5,
    /// Protests.
    Protest = 6,
    /// Strategic developments other than looting (arrests, bases, agreements, defused IEDs…).
    Strategic = 7,
    /// A host's own type that matches nothing above.
    Other = 8,
}

impl Category {
    /// All categories in display order.
    pub const ALL: [Category; 9] = [
        Category::Battle,
        Category::ExplosionIed,
        Category::ViolenceAgainstCivilians,
        Category::Abduction,
        Category::LootingPropertyDestruction,
        Category::Riot,
        Category::Protest,
        Category::Strategic,
        Category::Other,
    ];

    /// The stable key used in reports and in the JSON input schema.
    ///
    /// ```
    /// assert_eq!(riskcard::Category::ExplosionIed.key(), "explosion_ied");
    /// ```
    pub fn key(self) -> &'static str {
        match self {
            Category::Battle => "battle",
            Category::ExplosionIed => "explosion_ied",
            Category::ViolenceAgainstCivilians => "violence_against_civilians",
            Category::Abduction => "abduction",
            Category::LootingPropertyDestruction => "looting_property_destruction",
            Category::Riot => "riot",
            Category::Protest => "protest",
            Category::Strategic => "strategic",
            Category::Other => "other",
        }
    }

    /// Weight of one incident of this category in the score (see docs/METHOD.md for the reasons).
    ///
    /// ```
    /// assert_eq!(riskcard::Category::Protest.weight(), 0.1);
    /// ```
    pub fn weight(self) -> f64 {
        match self {
            Category::Battle => 1.0,
            Category::ExplosionIed => 1.2,
            Category::ViolenceAgainstCivilians => 1.2,
            Category::Abduction => 1.2,
            Category::LootingPropertyDestruction => 0.6,
            Category::Riot => 0.5,
            Category::Protest => 0.1,
            Category::Strategic => 0.2,
            Category::Other => 0.5,
        }
    }

    /// From the `u8` stored in the columnar store (unknown codes are `Other`).
    pub fn from_code(c: u8) -> Category {
        Category::ALL.get(c as usize).copied().unwrap_or(Category::Other)
    }

    /// ACLED `event_type` / `sub_event_type` (case-insensitive). Also accepts this project's keys.
    ///
    /// ```
    /// use riskcard::Category;
    /// assert_eq!(Category::from_acled("Violence against civilians", "Abduction/forced disappearance"), Category::Abduction);
    /// assert_eq!(Category::from_acled("Strategic developments", "Looting/property destruction"), Category::LootingPropertyDestruction);
    /// assert_eq!(Category::from_acled("Explosions/Remote violence", "Air/drone strike"), Category::ExplosionIed);
    /// ```
    pub fn from_acled(event_type: &str, sub_event_type: &str) -> Category {
        let e = event_type.trim();
        let s = sub_event_type.trim();
        let starts = |t: &str, p: &str| t.len() >= p.len() && t.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes());
        if starts(s, "abduction") {
            return Category::Abduction;
        }
        if starts(s, "looting") {
            return Category::LootingPropertyDestruction;
        }
        if let Some(c) = Category::ALL.iter().find(|c| c.key().eq_ignore_ascii_case(e)) {
            return *c;
        }
        const NAMES: [(&str, Category); 12] = [
            ("battles", Category::Battle),
            ("battle", Category::Battle),
            ("explosions/remote violence", Category::ExplosionIed),
            ("explosion", Category::ExplosionIed),
            ("ied", Category::ExplosionIed),
            ("remote violence", Category::ExplosionIed),
            ("violence against civilians", Category::ViolenceAgainstCivilians),
            ("riots", Category::Riot),
            ("protests", Category::Protest),
            ("strategic developments", Category::Strategic),
            ("kidnapping", Category::Abduction),
            ("looting", Category::LootingPropertyDestruction),
        ];
        NAMES.iter().find(|(n, _)| n.eq_ignore_ascii_case(e)).map(|(_, c)| *c).unwrap_or(Category::Other)
    }

    /// UCDP `type_of_violence`: 1 state-based, 2 non-state (both armed clashes), 3 one-sided.
    ///
    /// ```
    /// use riskcard::Category;
    /// assert_eq!(Category::from_ucdp(3), Some(Category::ViolenceAgainstCivilians));
    /// assert_eq!(Category::from_ucdp(4), None);
    /// ```
    pub fn from_ucdp(type_of_violence: u32) -> Option<Category> {
        match type_of_violence {
            1 | 2 => Some(Category::Battle),
            3 => Some(Category::ViolenceAgainstCivilians),
            _ => None,
        }
    }
}

/// UCDP's label for a `type_of_violence` code, kept as the original event type.
pub fn ucdp_label(type_of_violence: u32) -> &'static str {
    match type_of_violence {
        1 => "State-based conflict",
        2 => "Non-state conflict",
        _ => "One-sided violence",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_acled_type_maps() {
        let cases = [
            ("Battles", "Armed clash", Category::Battle),
            ("Battles", "Government regains territory", Category::Battle),
            ("Explosions/Remote violence", "Remote explosive/landmine/IED", Category::ExplosionIed),
            ("Explosions/Remote violence", "Shelling/artillery/missile attack", Category::ExplosionIed),
            ("Violence against civilians", "Attack", Category::ViolenceAgainstCivilians),
            ("Violence against civilians", "Sexual violence", Category::ViolenceAgainstCivilians),
            ("Violence against civilians", "Abduction/forced disappearance", Category::Abduction),
            ("Riots", "Mob violence", Category::Riot),
            ("Protests", "Peaceful protest", Category::Protest),
            ("Strategic developments", "Looting/property destruction", Category::LootingPropertyDestruction),
            ("Strategic developments", "Disrupted weapons use", Category::Strategic),
            ("BATTLES", "", Category::Battle),
            ("explosion_ied", "", Category::ExplosionIed),
            ("Cattle raid", "", Category::Other),
        ];
        for (e, s, c) in cases {
            assert_eq!(Category::from_acled(e, s), c, "{e} / {s}");
        }
    }

    #[test]
    fn codes_round_trip() {
        for c in Category::ALL {
            assert_eq!(Category::from_code(c as u8), c);
        }
        assert_eq!(Category::from_code(200), Category::Other);
    }
}
