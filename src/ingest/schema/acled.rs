//! ACLED's schema: the columns of its exports (current ones, older ones with `data_id`, HDX copies)
//! and of its API's rows, its precision codes, and its event types mapped onto [`Category`].

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
        Field::Actors => &["actor1", "assoc_actor_1", "actor2", "assoc_actor_2"],
        Field::Fatalities => &["fatalities"],
        Field::GeoPrecision => &["geo_precision"],
        Field::DatePrecision => &["time_precision"],
        Field::Location => &["location"],
        Field::Admin1 => &["admin1"],
        Field::Country => &["country"],
        Field::Source => &["source"],
        Field::Notes => &["notes"],
        Field::Violence => &[],
    }
}

/// geo_precision 1 town, 2 near / part of a region, 3 provincial capital or region; time_precision
/// 1 day, 2 week, 3 month.
pub(super) const CODES: Codes = Codes { geo_name: "geo_precision", date_name: "time_precision", fatalities_name: "fatalities", geo_classes: &[0, 1, 2], date_classes: &[0, 2, 3] };

impl Category {
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
}
