//! Who is behind it: actor names grouped into families, as ACLED and UCDP spell them in English and
//! French. The table and its reasons are in docs/METHOD.md (§ Actors); the rules, in priority order
//! (the first that matches a name wins):
//!
//! 1. UCDP's global `IS` (exact): IS Sahel, or the Lake Chad province in Niger's Diffa, Zinder and
//!    Maradi; UCDP's provisional codes (`XXX436`): unidentified.
//! 2. "A and/or B": the family both parts share, else unidentified (never counted for both).
//! 3. Mutineers and former forces ("Mutiny of …", "Former …"): other.
//! 4. Civilians; unidentified armed groups and ACLED's "Islamist Militia (X)": unidentified.
//! 5. Phrases, in order: "greater sahara" (IS Sahel), Lake Chad (ISWAP, JAS, Boko Haram), JNIM
//!    under every name (with AQIM, Ansar Dine, Katiba Macina, Ansaroul Islam), IS Sahel, foreign
//!    forces (Wagner, Africa Corps, MINUSMA, Barkhane, G5 Sahel…).
//! 6. State forces, anchored at the name's start ("Military Forces of Mali (2021-)", "Police Forces
//!    of …", "Government of …"): Mali, Burkina Faso, Niger; expeditionary states are foreign
//!    forces, any other state its neighbour's forces (`state_other`). French names (FAMa, FDS,
//!    gendarmerie…) too; one without a country is the event country's.
//! 7. Militias (VDP, Dozo, Dan Na Ambassagou, Koglweogo, GATIA, MSA, ethnic militias), then
//!    separatists (CMA, FLA, MNLA, HCUA, CSP, MPLJ): MSA says "Azawad" but is a militia.
//! 8. Anything else: other.
//!
//! Words are matched whole (`text::words`): Niger is not Nigeria, "Kel Ansar" is not Ansar Dine.

use crate::text::words::{find, words, Phrases};

/// A family of actors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[repr(u8)]
pub enum Family {
    /// JNIM / GSIM and al-Qaeda's Sahel network (AQIM, Ansar Dine, Katiba Macina, Ansaroul Islam).
    Jnim = 0,
    /// Islamic State Sahel Province (ISGS, EIGS, ISSP).
    IsSahel = 1,
    /// Islamic State West Africa (Lake Chad) and JAS / Boko Haram, in Niger's south-east.
    LakeChad = 2,
    /// Mali's armed forces, police, gendarmerie and government.
    StateMali = 3,
    /// Burkina Faso's.
    StateBurkinaFaso = 4,
    /// Niger's.
    StateNiger = 5,
    /// Another state's own forces (Benin, Nigeria, Chad, …).
    StateOther = 6,
    /// Expeditionary and multinational forces: Wagner, Africa Corps, Russia, France, MINUSMA, G5 Sahel.
    ForeignForces = 7,
    /// Pro-government and self-defence militias: VDP, Dozo, Dan Na Ambassagou, Koglweogo, GATIA, MSA.
    Militia = 8,
    /// Non-jihadist armed opposition: Azawad movements (CMA, FLA, MNLA, HCUA), Niger's MPLJ and FPL.
    Separatists = 9,
    /// Unidentified armed groups, and attributions to one group "and/or" another.
    Unidentified = 10,
    /// Civilians.
    Civilians = 11,
    /// Anyone else: protesters, rioters, parties, mutineers, private security.
    Other = 12,
}

impl Family {
    /// Every family, in the order of their codes.
    pub const ALL: [Family; 13] = [
        Family::Jnim,
        Family::IsSahel,
        Family::LakeChad,
        Family::StateMali,
        Family::StateBurkinaFaso,
        Family::StateNiger,
        Family::StateOther,
        Family::ForeignForces,
        Family::Militia,
        Family::Separatists,
        Family::Unidentified,
        Family::Civilians,
        Family::Other,
    ];

    /// The key in reports and options.
    ///
    /// ```
    /// assert_eq!(riskcard::assess::Family::StateBurkinaFaso.key(), "state_burkina_faso");
    /// ```
    pub fn key(self) -> &'static str {
        match self {
            Family::Jnim => "jnim",
            Family::IsSahel => "is_sahel",
            Family::LakeChad => "lake_chad",
            Family::StateMali => "state_mali",
            Family::StateBurkinaFaso => "state_burkina_faso",
            Family::StateNiger => "state_niger",
            Family::StateOther => "state_other",
            Family::ForeignForces => "foreign_forces",
            Family::Militia => "militia",
            Family::Separatists => "separatists",
            Family::Unidentified => "unidentified",
            Family::Civilians => "civilians",
            Family::Other => "other",
        }
    }

    /// The family of a key.
    pub fn from_key(key: &str) -> Option<Family> {
        Family::ALL.into_iter().find(|f| f.key() == key)
    }

    fn bit(self) -> u16 {
        1 << self as u8
    }
}

/// What a rule gives: a family, or the state of the event's country, or (Lake Chad groups) the
/// province by the event's place.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Gives {
    Family(Family),
    EventState,
    LakeChadOrSahel,
}

/// The phrase rules (5 and 7 above, and the French state names of 6), in priority order: what
/// each gives, and its phrases (see [`Phrases`]).
const RULES: [(Gives, &str); 11] = [
    (Gives::Family(Family::IsSahel), "greater sahara"),
    (Gives::LakeChadOrSahel, "boko haram|jas|iswap|islamic state west africa"),
    (
        Gives::Family(Family::Jnim),
        "jnim|gsim|nusrat al islam|nasr al islam|nusrat ul islam|soutien a l islam|support of islam|support for islam\
         |katiba macina|katiba serma|katiba hanifa|macina liberation front|flm|ansar dine|ansar eddine|ansaroul islam\
         |ansarul islam|ansar ul islam|ansar al islam|aqim|aqmi|al qaeda|al qaida|al mourabitoune|al mourabitoun\
         |mourabitoun",
    ),
    (Gives::Family(Family::IsSahel), "islamic state|etat islamique|isgs|issp|is sahel|eigs|daech|daesh|isis|isil"),
    (
        Gives::Family(Family::ForeignForces),
        "wagner|africa corps|africa korps|minusma|barkhane|takuba|serval|eutm|eucap|g5s|g5 sahel|united nations\
         |casques bleus",
    ),
    (Gives::Family(Family::StateMali), "fama|forces armees maliennes|armee malienne"),
    (Gives::Family(Family::StateBurkinaFaso), "forces armees burkinabe|armee burkinabe"),
    (Gives::Family(Family::StateNiger), "forces armees nigeriennes|armee nigerienne|fan"),
    (Gives::EventState, "fds|gendarmerie|gendarmes|garde nationale|national guard|bir"),
    (
        Gives::Family(Family::Militia),
        "dozo|dozos|donso|dan na ambassagou|dana ambassagou|dana atem|koglweogo|gatia|msa|movement for azawad salvation\
         |mouvement pour le salut de l azawad|platform|plateforme|ganda izo|ganda iso|ganda koy|gandakoy|vdp\
         |volontaires pour la defense|militia|milice*|self defense|self defence",
    ),
    (Gives::Family(Family::Separatists), "fla|azawad|cma|mnla|hcua|maa|csp|mplj|fpl"),
];

fn rules() -> &'static Phrases {
    static P: std::sync::OnceLock<Phrases> = std::sync::OnceLock::new();
    P.get_or_init(|| Phrases::new(&RULES.map(|(_, phrases)| phrases)))
}

/// States whose forces are foreign (expeditionary) in the Sahel.
const FOREIGN_STATES: [&str; 16] = [
    "france",
    "russia",
    "united states",
    "united kingdom",
    "germany",
    "italy",
    "spain",
    "sweden",
    "belgium",
    "netherlands",
    "estonia",
    "czech republic",
    "canada",
    "china",
    "turkey",
    "ukraine",
];

/// The family of a state's forces by the words naming the state (`mali`, `burkina faso`, …).
fn state(words: &[&str]) -> Family {
    let is = |name: &str| {
        let n: Vec<&str> = name.split(' ').collect();
        words.get(..n.len()) == Some(&n[..])
    };
    if is("mali") {
        Family::StateMali
    } else if is("burkina faso") {
        Family::StateBurkinaFaso
    } else if is("niger") {
        Family::StateNiger
    } else if FOREIGN_STATES.iter().any(|s| is(s)) {
        Family::ForeignForces
    } else {
        Family::StateOther
    }
}

/// The family of one actor name in an event in `country` (and first-level unit `admin1`).
///
/// ```
/// use riskcard::assess::{family, Family};
/// assert_eq!(family("JNIM: Group for Support of Islam and Muslims", "Mali", ""), Family::Jnim);
/// assert_eq!(family("Military Forces of Nigeria (2015-)", "Niger", "Diffa"), Family::StateOther);
/// assert_eq!(family("IS", "Niger", "Diffa"), Family::LakeChad);
/// assert_eq!(family("FDS", "Burkina Faso", ""), Family::StateBurkinaFaso);
/// ```
pub fn family(name: &str, country: &str, admin1: &str) -> Family {
    let raw = name.trim();
    let mut buf = String::new();
    let w = words(raw, &mut buf);
    let list: Vec<&str> = w.iter().filter_map(|r| buf.get(r.clone())).collect();
    let mut cbuf = String::new();
    let cw = words(country, &mut cbuf);
    let country_words: Vec<&str> = cw.iter().filter_map(|r| cbuf.get(r.clone())).collect();
    let lake_chad_place = || {
        let mut b = String::new();
        let a = words(admin1, &mut b);
        matches!(b.get(a.first().cloned().unwrap_or(0..0)), Some("diffa" | "zinder" | "maradi"))
    };
    // 1.
    if raw == "IS" {
        return if lake_chad_place() { Family::LakeChad } else { Family::IsSahel };
    }
    if raw.len() > 3 && raw.starts_with("XXX") && raw.bytes().skip(3).all(|b| b.is_ascii_digit()) {
        return Family::Unidentified;
    }
    // 2.
    // ASCII lower case: the same bytes at the same places, so `at` indexes `raw` too.
    let lower = raw.to_ascii_lowercase();
    for sep in [" and/or ", " et/ou "] {
        if let Some(at) = find(&lower, sep) {
            let (a, b) = (raw.get(..at).unwrap_or(""), raw.get(at + sep.len()..).unwrap_or(""));
            let (fa, fb) = (family(a, country, admin1), family(b, country, admin1));
            return if fa == fb { fa } else { Family::Unidentified };
        }
    }
    let starts = |phrase: &str| {
        let p: Vec<&str> = phrase.split(' ').collect();
        list.get(..p.len()) == Some(&p[..])
    };
    // 3., 4.
    if starts("mutiny of") || starts("former") {
        return Family::Other;
    }
    if starts("civilians") || starts("civils") || starts("civilian") {
        return Family::Civilians;
    }
    if starts("unidentified armed group") || starts("islamist militia") || starts("unidentified gang") || starts("unidentified") {
        return Family::Unidentified;
    }
    // 5. and the French state names, then 7: the phrase of highest priority anywhere in the name.
    let mut best: Option<(u8, Gives)> = None;
    rules().each_match(&buf, &w, &mut |g, _| {
        if let (Some(&(gives, _)), true) = (RULES.get(g as usize), best.is_none_or(|b| g < b.0)) {
            best = Some((g, gives));
        }
    });
    // 6. State forces, anchored at the start (before militias and separatists: priority 5).
    for head in ["military forces of", "police forces of", "government of"] {
        if starts(head) {
            let n = head.split(' ').count();
            let rest = list.get(n..).unwrap_or_default();
            let rest = if rest.first() == Some(&"the") { rest.get(1..).unwrap_or_default() } else { rest };
            if best.is_none_or(|b| b.0 > 4) {
                return state(rest);
            }
        }
    }
    if list.iter().any(|w| w.starts_with("volunteer")) && list.iter().any(|w| matches!(*w, "homeland" | "defense" | "defence")) {
        best = best.filter(|b| b.0 < 9).or(Some((9, Gives::Family(Family::Militia))));
    }
    match best {
        Some((_, Gives::Family(f))) => f,
        Some((_, Gives::EventState)) => state(&country_words),
        Some((_, Gives::LakeChadOrSahel)) => {
            let sahel_country = matches!(country_words.as_slice(), ["mali"] | ["burkina", "faso"]);
            let niger_elsewhere = country_words.as_slice() == ["niger"] && !lake_chad_place();
            if sahel_country || niger_elsewhere {
                Family::IsSahel
            } else {
                Family::LakeChad
            }
        }
        None => Family::Other,
    }
}

/// The families of an event's actors (a bit per [`Family`] code): each name split into its parts
/// (ACLED lists associated actors with `;`, UCDP joins allied governments with `, Government of`;
/// a plain comma splits nothing: ACLED names contain commas).
///
/// ```
/// use riskcard::assess::{families, Family};
/// let bits = families(&["Government of Mali, Government of Russia (Soviet Union)", "JNIM"], "Mali", "");
/// assert_eq!(bits, 1 << Family::StateMali as u8 | 1 << Family::ForeignForces as u8 | 1 << Family::Jnim as u8);
/// ```
pub fn families<S: AsRef<str>>(actors: &[S], country: &str, admin1: &str) -> u16 {
    let mut bits = 0;
    for name in actors {
        for part in name.as_ref().split(';') {
            let mut rest = part;
            while let Some(at) = find(rest, ", Government of ") {
                bits |= family(rest.get(..at).unwrap_or(""), country, admin1).bit();
                rest = rest.get(at + 2..).unwrap_or("");
            }
            if !rest.trim().is_empty() {
                bits |= family(rest, country, admin1).bit();
            }
        }
    }
    bits
}

/// The family an event's points go to: its most threatening party. Armed non-state groups first
/// (JNIM, IS Sahel, Lake Chad, separatists, unidentified armed groups, militias), then state and
/// foreign forces, then others; civilians only when nobody else is named.
///
/// ```
/// use riskcard::assess::{attributed, families, Family};
/// assert_eq!(attributed(families(&["Military Forces of Mali (2021-)", "JNIM: Group for Support of Islam and Muslims"], "Mali", "")), Family::Jnim);
/// assert_eq!(attributed(families(&["Military Forces of Mali (2021-)", "Civilians (Mali)"], "Mali", "")), Family::StateMali);
/// assert_eq!(attributed(0), Family::Other);
/// ```
pub fn attributed(bits: u16) -> Family {
    const ORDER: [Family; 13] = [
        Family::Jnim,
        Family::IsSahel,
        Family::LakeChad,
        Family::Separatists,
        Family::Unidentified,
        Family::Militia,
        Family::ForeignForces,
        Family::StateMali,
        Family::StateBurkinaFaso,
        Family::StateNiger,
        Family::StateOther,
        Family::Other,
        Family::Civilians,
    ];
    ORDER.into_iter().find(|f| bits & f.bit() != 0).unwrap_or(Family::Other)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Family::*;

    /// ACLED's and UCDP's spellings (docs/METHOD.md § Actors gives where each was seen) and the
    /// traps: Niger and Nigeria, a militia that says "Government", a coalition that says "Homeland",
    /// a Tuareg tribe that says "Ansar", mutineers, "and/or" attributions.
    #[test]
    fn spellings_and_traps() {
        let cases: [(&str, &str, &str, Family); 58] = [
            ("JNIM: Group for Support of Islam and Muslims", "Mali", "", Jnim),
            ("JNIM: Jama'at Nasr al-Islam wal Muslimin", "Mali", "", Jnim),
            ("Jama'at Nusrat al-Islam wal-Muslimin", "Mali", "", Jnim),
            ("Jamaat Nusrat al-Islam wal Muslimin", "Mali", "", Jnim),
            ("GSIM", "Mali", "", Jnim),
            ("Groupe de soutien à l'islam et aux musulmans", "Mali", "", Jnim),
            ("Katiba Macina", "Mali", "", Jnim),
            ("Ansaroul Islam", "Burkina Faso", "", Jnim),
            ("Ansar Dine", "Mali", "", Jnim),
            ("AQIM: Al Qaeda in the Islamic Maghreb", "Mali", "", Jnim),
            ("AQMI", "Mali", "", Jnim),
            ("JNIM", "Niger", "Tillabéri", Jnim),
            ("IS", "Mali", "Ménaka", IsSahel),
            ("IS", "Niger", "Diffa", LakeChad),
            ("IS", "Niger", "Tillabéri", IsSahel),
            ("Islamic State (Sahel)", "Niger", "", IsSahel),
            ("Islamic State (Greater Sahara)", "Mali", "", IsSahel),
            ("Islamic State (West Africa) - Greater Sahara Faction", "Burkina Faso", "", IsSahel),
            ("ISWAP (Greater Sahara)", "Burkina Faso", "", IsSahel),
            ("État islamique au Sahel", "Mali", "", IsSahel),
            ("EIGS", "Niger", "", IsSahel),
            ("Islamic State (West Africa)", "Niger", "Diffa", LakeChad),
            ("JAS", "Niger", "Diffa", LakeChad),
            ("JNIM: Group for Support of Islam and Muslims and/or Islamic State (Sahel)", "Burkina Faso", "", Unidentified),
            ("Islamic State and/or JNIM", "Mali", "", Unidentified),
            ("Military Forces of Mali (2021-)", "Mali", "", StateMali),
            ("Police Forces of Mali (2013-) Gendarmerie", "Mali", "", StateMali),
            ("Government of Mali", "Mali", "", StateMali),
            ("FAMa", "Mali", "", StateMali),
            ("Forces armées maliennes", "Mali", "", StateMali),
            ("Military Forces of Burkina Faso (2022-)", "Burkina Faso", "", StateBurkinaFaso),
            ("FDS", "Burkina Faso", "", StateBurkinaFaso),
            ("Military Forces of Niger (2011-) Gendarmerie", "Niger", "", StateNiger),
            ("Military Forces of Nigeria (2015-)", "Niger", "", StateOther),
            ("Government of Benin", "Burkina Faso", "", StateOther),
            ("Military Forces of the Ivory Coast (2011-)", "Mali", "", StateOther),
            ("Mutiny of Military Forces of Burkina Faso (2022-)", "Burkina Faso", "", Other),
            ("Former Military Forces of Burkina Faso (1987-2014)", "Burkina Faso", "", Other),
            ("Militia (Pro-Government)", "Mali", "", Militia),
            ("Wagner Group", "Mali", "", ForeignForces),
            ("Africa Corps", "Mali", "", ForeignForces),
            ("Military Forces of Russia (2000-)", "Mali", "", ForeignForces),
            ("Military Forces of France (2017-)", "Mali", "", ForeignForces),
            ("MINUSMA: United Nations Multidimensional Integrated Stabilization Mission in Mali (2013-)", "Mali", "", ForeignForces),
            ("G5S: G5 Sahel Force (2017-)", "Burkina Faso", "", ForeignForces),
            ("Dozos (Mali)", "Mali", "", Militia),
            ("Dozo Communal Militia (Mali)", "Mali", "", Militia),
            ("Dan na Ambassagou", "Mali", "", Militia),
            ("VDP: Volunteer for Defense of Homeland", "Burkina Faso", "", Militia),
            ("Volontaires pour la défense de la patrie", "Burkina Faso", "", Militia),
            ("ADP: Alliance for the Defense of the Homeland", "Burkina Faso", "", Other),
            ("MSA: Movement for Azawad Salvation", "Mali", "", Militia),
            ("Kel Ansar Ethnic Militia (Mali)", "Mali", "", Militia),
            ("CMA: Coordination of Movements of the Azawad", "Mali", "", Separatists),
            ("FLA", "Mali", "", Separatists),
            ("Unidentified Armed Group (Mali)", "Mali", "", Unidentified),
            ("Islamist Militia (Mali)", "Mali", "", Unidentified),
            ("XXX436", "Niger", "", Unidentified),
        ];
        for (name, country, admin1, want) in cases {
            assert_eq!(family(name, country, admin1), want, "{name}");
        }
        for (name, want) in [("Civilians (Mali)", Civilians), ("Civilians", Civilians), ("Protesters (Burkina Faso)", Other), ("MPLJ", Separatists), ("Koglweogo Militia", Militia)]
        {
            assert_eq!(family(name, "Mali", ""), want, "{name}");
        }
    }

    #[test]
    fn names_split_into_parts_on_semicolons_and_allied_governments() {
        let f = |names: &[&str]| families(names, "Burkina Faso", "");
        assert_eq!(f(&["Civilians (Burkina Faso); Farmers (Burkina Faso)"]), Civilians.bit() | Other.bit());
        // A comma inside a name splits nothing.
        assert_eq!(f(&["CCVC: National Coalition against High Cost of Living, Corruption, Fraud and Impunity and for Liberty"]), Other.bit());
        assert_eq!(families(&["Government of Mali, Government of Russia (Soviet Union)"], "Mali", ""), StateMali.bit() | ForeignForces.bit());
    }
}
