//! ACLED's schema: the columns of its exports (current ones, older ones with `data_id`, the 2013–2016
//! Africa files with `ally_actor_1`, HDX copies) and of its API's rows, its precision codes, and its
//! event types mapped onto [`Category`] — the current taxonomy (2019 on) and the one before it.

use super::{Codes, Field};
use crate::category::Category;

/// ACLED's column per field.
pub(super) fn aliases(f: Field) -> &'static [&'static str] {
    match f {
        Field::Id => &["event_id_cnty"],
        Field::Date => &["event_date"],
        Field::Lat => &["latitude"],
        Field::Lon => &["longitude"],
        Field::Type => &["event_type"],
        Field::SubType => &["sub_event_type"],
        Field::Actors => &["actor1", "assoc_actor_1", "ally_actor_1", "actor2", "assoc_actor_2", "ally_actor_2"],
        Field::Fatalities => &["fatalities", "total_fatalities"],
        Field::GeoPrecision => &["geo_precision", "geo_precis"],
        Field::DatePrecision => &["time_precision"],
        Field::Location => &["location"],
        Field::Admin1 => &["admin1", "adm_level_1"],
        Field::Country => &["country"],
        Field::Source => &["source"],
        Field::Notes => &["notes"],
        Field::Violence => &[],
        Field::Inter1 => &["inter1"],
        Field::Inter2 => &["inter2"],
    }
}

/// geo_precision 1 town, 2 near / part of a region, 3 provincial capital or region; time_precision
/// 1 day, 2 week, 3 month.
pub(super) const CODES: Codes = Codes { geo_name: "geo_precision", date_name: "time_precision", fatalities_name: "fatalities", geo_classes: &[0, 1, 2], date_classes: &[0, 2, 3] };

/// ACLED's actor-type codes that split its pre-2019 `Riots/Protests`: rioters and protesters
/// (older files write the number, current exports the words).
fn inter_is(inter: &str, code: u8, word: &str) -> bool {
    let t = inter.trim();
    t.parse::<u8>() == Ok(code) || t.eq_ignore_ascii_case(word)
}

/// An ACLED row's category: [`Category::from_acled`], and for the pre-2019 `Riots/Protests` the
/// actor types (`inter1`, `inter2`): rioters on either side make it a riot, protesters (and no
/// rioters) a protest; neither, a riot (the heavier: a calmer reading would need evidence).
pub(super) fn category(event_type: &str, sub_event_type: &str, inter1: &str, inter2: &str) -> Category {
    if event_type.trim().eq_ignore_ascii_case("riots/protests") {
        let either = |code, word| inter_is(inter1, code, word) || inter_is(inter2, code, word);
        return if !either(5, "rioters") && either(6, "protesters") { Category::Protest } else { Category::Riot };
    }
    Category::from_acled(event_type, sub_event_type)
}

impl Category {
    /// ACLED `event_type` / `sub_event_type` (case-insensitive, trimmed), current and pre-2019
    /// labels; also this project's keys. `Excessive force against protesters` is violence against
    /// civilians (lethal or injuring force used on peaceful protesters: see docs/METHOD.md).
    ///
    /// ```
    /// use riskcard::Category;
    /// assert_eq!(Category::from_acled("Violence against civilians", "Abduction/forced disappearance"), Category::Abduction);
    /// assert_eq!(Category::from_acled("Strategic developments", "Looting/property destruction"), Category::LootingPropertyDestruction);
    /// assert_eq!(Category::from_acled("Explosions/Remote violence", "Air/drone strike"), Category::ExplosionIed);
    /// assert_eq!(Category::from_acled("Protests", "Excessive force against protesters"), Category::ViolenceAgainstCivilians);
    /// assert_eq!(Category::from_acled("Battle-Government regains territory", ""), Category::Battle);
    /// assert_eq!(Category::from_acled("Headquarters or base established", ""), Category::Strategic);
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
        if starts(s, "excessive force against protest") {
            return Category::ViolenceAgainstCivilians;
        }
        if let Some(c) = Category::ALL.iter().find(|c| c.key().eq_ignore_ascii_case(e)) {
            return *c;
        }
        // Before 2019: "Battle-No change of territory", "Battle-Government regains territory",
        // "Battle-Non-state actor overtakes territory".
        if starts(e, "battle-") {
            return Category::Battle;
        }
        const NAMES: [(&str, Category); 18] = [
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
            // Before 2019 (Riots/Protests is split by the actor types, in `category`).
            ("riots/protests", Category::Riot),
            ("strategic development", Category::Strategic),
            ("non-violent transfer of territory", Category::Strategic),
            ("headquarters or base established", Category::Strategic),
            ("non-violent activity by a conflict actor", Category::Strategic),
            ("non-violent activity", Category::Strategic),
        ];
        NAMES.iter().find(|(n, _)| n.eq_ignore_ascii_case(e)).map(|(_, c)| *c).unwrap_or(Category::Other)
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
            // Before 2019, as the 2016 Africa file and the 2018 API rows write them (some with odd case).
            ("Battle-No change of territory", "", Category::Battle),
            ("Battle-No Change of territory", "", Category::Battle),
            ("Battle-Government regains territory", "", Category::Battle),
            ("Battle-Non-state actor overtakes territory", "", Category::Battle),
            ("Remote violence", "", Category::ExplosionIed),
            ("Violence against civilians ", "", Category::ViolenceAgainstCivilians),
            ("Strategic development", "", Category::Strategic),
            ("Non-violent transfer of territory", "", Category::Strategic),
            ("Headquarters or base established", "", Category::Strategic),
            ("Protests", "Excessive force against protesters", Category::ViolenceAgainstCivilians),
            ("Protests", "Protest with intervention", Category::Protest),
        ];
        for (e, s, c) in cases {
            assert_eq!(Category::from_acled(e, s), c, "{e} / {s}");
        }
    }

    /// Riots/Protests (before 2019) by the actor types on either side, as numbers or words.
    #[test]
    fn riots_and_protests_split_by_actor_type() {
        let cases = [
            ("6", "0", Category::Protest),
            ("6", "1", Category::Protest),
            ("1", "6", Category::Protest),
            ("5", "0", Category::Riot),
            ("1", "5", Category::Riot),
            ("5", "6", Category::Riot),
            ("Protesters", "", Category::Protest),
            ("Rioters", "State forces", Category::Riot),
            ("1", "7", Category::Riot),
            ("", "", Category::Riot),
        ];
        for (a, b, c) in cases {
            assert_eq!(category("RIots/Protests", "", a, b), c, "{a} {b}");
        }
        assert_eq!(category("Protests", "Peaceful protest", "5", ""), Category::Protest);
    }
}
