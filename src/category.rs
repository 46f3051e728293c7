//! One category set for every source, with the weights the score uses. Each source's labels are
//! mapped onto it by its schema (`ingest/schema/`). Original labels are kept in the store for
//! display; only the category enters the score.

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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for c in Category::ALL {
            assert_eq!(Category::from_code(c as u8), c);
        }
        assert_eq!(Category::from_code(200), Category::Other);
    }
}
