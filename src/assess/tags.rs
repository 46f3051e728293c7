//! What an incident was aimed at, from its sub-event type and notes (English and French):
//! `mine` (mines and mining sites), `convoy` (vehicles, convoys, fuel tankers, trucks, buses),
//! `checkpoint` (checkpoints, extortion, illegal taxation on roads), `kidnap_foreigners`, `ied_road`
//! (an IED or landmine on a road) and `blockade`. Keywords match whole words (`text::words`); the
//! lists, their traps and their reasons are in docs/METHOD.md (§ Tags). In short:
//!
//! * a bare "mine" is a landmine (English and French), never a mining site; "or" is never gold;
//!   "barrage" alone is a dam (Markala is on a corridor); "car" is French for "because"; "siège"
//!   is a seat; "toll" is a death toll;
//! * vehicle-borne bombs name a weapon, not a target vehicle: they are blanked first;
//! * ACLED protests and riots are not tagged (their notes are about taxes and fuel prices);
//! * an IED is `ied_road` only with a road, a vehicle or a patrol in the notes ("between A and B"
//!   is a road segment in ACLED's notes);
//! * a kidnapping is of foreigners when ACLED names the victims "Civilians (another country)", or
//!   the notes have a kidnap verb and a foreign marker (a nationality other than the event's
//!   country's, not followed by forces, troops, drones …).

use crate::text::words::{words, Phrases};

/// A target tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Tag {
    /// Mines and mining sites (industrial, artisanal, gold panning).
    Mine = 0,
    /// Vehicles, convoys, fuel tankers, trucks, buses.
    Convoy = 1,
    /// Checkpoints, roadblocks, extortion and illegal taxation on roads.
    Checkpoint = 2,
    /// Kidnappings of foreign nationals.
    KidnapForeigners = 3,
    /// IEDs and landmines on roads.
    IedRoad = 4,
    /// Blockades and sieges.
    Blockade = 5,
}

impl Tag {
    /// Every tag.
    pub const ALL: [Tag; 6] = [Tag::Mine, Tag::Convoy, Tag::Checkpoint, Tag::KidnapForeigners, Tag::IedRoad, Tag::Blockade];

    /// The key in reports.
    pub fn key(self) -> &'static str {
        match self {
            Tag::Mine => "mine",
            Tag::Convoy => "convoy",
            Tag::Checkpoint => "checkpoint",
            Tag::KidnapForeigners => "kidnap_foreigners",
            Tag::IedRoad => "ied_road",
            Tag::Blockade => "blockade",
        }
    }

    /// This tag's bit in a set of tags.
    pub fn bit(self) -> u8 {
        1 << self as u8
    }
}

/// What a keyword says.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Word {
    Tag(Tag),
    /// A vehicle-borne bomb (blanked before vehicles and roads are looked for).
    Vbied,
    Ied,
    Road,
    /// Not a road after all ("road map", "feuille de route").
    NotRoad,
    Between,
    KidnapVerb,
    Foreign,
    /// A nationality (not a marker when it is the event country's, or names forces or weapons).
    Demonym(&'static str),
    /// Forces, troops, drones … after a nationality: not the victims'.
    Perpetrator,
    Tax,
    TaxHow,
    Embargo,
    /// An embargo that is a sanction or an arms embargo.
    NotBlockade,
}

/// The keyword groups: what each says, and its phrases (see [`Phrases`]; docs/METHOD.md § Tags).
const GROUPS: [(Word, &str); 20] = [
    (
        Word::Tag(Tag::Mine),
        "gold mine*|gold mining|gold miner*|gold panning|gold panner*|gold site*|mining site*|mining area*|mining zone*\
         |mining compan*|mining convoy*|mining camp*|mine site*|artisanal mining|artisanal mine*|artisanal gold\
         |illegal mine*|illegal mining|informal mine*|goldfield*|uranium mine*|lithium mine*|miners|orpaill*\
         |site minier|sites miniers|zone miniere|zones minieres|societe miniere|exploitation miniere\
         |exploitations minieres|mine d or|mines d or|site d or|sites d or|chercheur* d or|aurifere*",
    ),
    (
        Word::Tag(Tag::Convoy),
        "convoy*|truck*|lorr*|tanker*|bus|buses|minibus*|vehicle*|pickup*|pick up*|transporter*|passenger*|driver*\
         |convoi*|camion*|citerne*|vehicule*|autobus|autocar*|voiture*|car de transport|cars de transport|gros porteur*\
         |remorque*|transporteur*|chauffeur*",
    ),
    (
        Word::Tag(Tag::Checkpoint),
        "checkpoint*|check point*|roadblock*|road block*|identity check*|id check*|controlled road users\
         |poste de controle|postes de controle|barrage routier|barrages routiers|faux barrage*|barrage illegal\
         |barrages illegaux|racket*|ranconn*|zakat|extort*|extorsion*",
    ),
    (
        Word::Tag(Tag::Blockade),
        "blockad*|besieg*|under siege|siege of|laid siege|lay siege|siege on|siege to|blocus|assieg*|fuel ban\
         |ban on fuel",
    ),
    (Word::Embargo, "embargo*"),
    (Word::NotBlockade, "arms embargo|embargo sur les armes|ecowas|cedeao|sanction*"),
    (Word::Vbied, "vehicle borne|vbied*|svbied*|vehicule piege*|voiture piegee*|car bomb*"),
    (
        Word::Ied,
        "ied|ieds|improvised explosive*|explosive device*|landmine*|land mine*|roadside bomb*|struck a mine|hit a mine\
         |mine exploded|mine explosion|eei|engin* explosif*|mine* artisanale*|mine* antipersonnel*|mine* anti char\
         |mine* antichar|saute sur une mine|heurte une mine|explosion d une mine|mine a explose|routes minees\
         |route minee|axe mine|axes mines",
    ),
    (
        Word::Road,
        "road|roads|roadside|highway*|route|routes|axis|axe|axes|troncon*|convoy*|vehicle*|truck*|bus|buses|tanker*\
         |minibus*|pickup*|ambulance*|patrol*|passage|en route|sur l axe|sur la route|convoi*|vehicule*|camion*\
         |patrouille*",
    ),
    (Word::NotRoad, "feuille de route|road map|roadmap"),
    (Word::Between, "between|entre"),
    (Word::KidnapVerb, "abduct*|kidnap*|hostage*|taken captive|held captive|enlev*|rapt|otage*|sequestr*"),
    (Word::Foreign, "foreign*|expatriate*|expat|expats|nationals|etranger*|expatrie*|ressortissant*"),
    (
        Word::Perpetrator,
        "forces|force|troops|soldier*|mercenar*|instructor*|army|military|militar*|drone*|aircraft|paramilitar*\
         |fighter*|jet*|made|soldat*|armee*|instructeur*|embassy|ambassade|government|gouvernement",
    ),
    (Word::Tax, "tax|taxes|taxe|taxed|taxation|impot*|levy|levied|droit de passage"),
    (Word::TaxHow, "illegal*|impos*|collect*|prelev*|exig*|forced|militant*|jihadist*|jnim"),
    (
        Word::Demonym(""),
        "chinese|chinois*|indian|indien*|turkish|turc|turque*|moroccan*|marocain*|egyptian*|egyptien*|lebanese|libanais\
         |french|francais*|german*|allemand*|italian*|italien*|spanish|espagnol*|american*|americain*|canadian*\
         |canadien*|australian*|british|britannique*|romanian*|roumain*|russian*|russe*|ukrainian*|swiss|suisse*\
         |colombian*|colombien*|korean*|coreen*|japanese|japonais|algerian*|algerien*|tunisian*|mauritanian*\
         |mauritanien*|senegalese|senegalais|ivorian*|ivoirien*|beninese|beninois|togolese|togolais|nigerian*|ghanaian*\
         |chadian*|tchadien*",
    ),
    (Word::Demonym("niger"), "nigerien*"),
    (Word::Demonym("burkina"), "burkinabe*"),
    (Word::Demonym("mali"), "malian*|malien*"),
];

fn keywords() -> &'static Phrases {
    static K: std::sync::OnceLock<Phrases> = std::sync::OnceLock::new();
    K.get_or_init(|| Phrases::new(&GROUPS.map(|(_, phrases)| phrases)))
}

/// An incident's tags (a bit per [`Tag`]): from its notes, its ACLED event and sub-event types,
/// its country, and its actors (ACLED names a kidnapping's foreign victims "Civilians (X)").
///
/// ```
/// use riskcard::assess::{tags, Tag};
/// let t = tags("Un véhicule pick-up des FAMa a sauté sur l'engin explosif improvisé sur l'axe Boni-Douentza", "", "", "Mali", &[]);
/// assert_eq!(t, Tag::IedRoad.bit() | Tag::Convoy.bit());
/// assert_eq!(tags("JNIM detonated a landmine against a gathering of soldiers in Djibo", "", "Remote explosive/landmine/IED", "Burkina Faso", &[]), 0);
/// ```
pub fn tags(notes: &str, event_type: &str, sub_event_type: &str, country: &str, actors: &[&str]) -> u8 {
    let event = event_type.trim();
    if event.eq_ignore_ascii_case("protests") || event.eq_ignore_ascii_case("riots") || event.eq_ignore_ascii_case("riots/protests") {
        return 0;
    }
    let mut buf = String::new();
    let all = words(notes, &mut buf);
    let mut cbuf = String::new();
    let cw = words(country, &mut cbuf);
    let country_word = cw.first().and_then(|r| cbuf.get(r.clone())).unwrap_or("");
    let word = |i: usize| all.get(i).and_then(|r| buf.get(r.clone())).unwrap_or("");
    let mut hits: Vec<(Word, usize)> = Vec::new();
    keywords().each_match(&buf, &all, &mut |g, at| hits.extend(GROUPS.get(g as usize).map(|&(w, _)| (w, at))));
    // Vehicle-borne bombs: their words are not vehicles or roads.
    let vbied: Vec<usize> = hits.iter().filter(|(w, _)| *w == Word::Vbied).map(|&(_, at)| at).collect();
    let near_vbied = |at: usize| vbied.iter().any(|&v| at >= v && at <= v + 2);
    let has = |w: Word| hits.iter().any(|&(h, at)| h == w && !near_vbied(at));
    let mut bits = 0u8;
    for &(w, at) in &hits {
        if let Word::Tag(t) = w {
            if !(t == Tag::Convoy && near_vbied(at)) {
                bits |= t.bit();
            }
        }
    }
    if has(Word::Embargo) && !has(Word::NotBlockade) {
        bits |= Tag::Blockade.bit();
    }
    if has(Word::Tax) && has(Word::TaxHow) {
        bits |= Tag::Checkpoint.bit();
    }
    // An IED on a road: the sub-event type or an IED word, and a road, a vehicle or a patrol.
    let ied = has(Word::Ied) || sub_event_type.trim().eq_ignore_ascii_case("remote explosive/landmine/ied");
    let between = hits.iter().any(|&(w, at)| w == Word::Between && (at + 2..=at + 7).any(|k| matches!(word(k), "and" | "et")));
    let national_road = (0..all.len()).any(|i| {
        let w = word(i);
        let digits = w.strip_prefix("rn").or_else(|| w.strip_prefix('n')).unwrap_or(w);
        digits.len() != w.len() && (1..=2).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
    });
    if ied && ((has(Word::Road) && !has(Word::NotRoad)) || between || national_road) {
        bits |= Tag::IedRoad.bit();
    }
    // Foreigners kidnapped.
    let abduction = sub_event_type.trim().to_ascii_lowercase().starts_with("abduction");
    let foreign_victims = actors.iter().flat_map(|a| a.split(';')).any(|a| {
        let a = a.trim();
        let inner = a.strip_prefix("Civilians (").or_else(|| a.strip_prefix("Labour Group (")).or_else(|| a.strip_prefix("Labor Group ("));
        inner.and_then(|r| r.strip_suffix(')')).is_some_and(|x| x == "International" || !x.eq_ignore_ascii_case(country.trim()))
    });
    let marker = has(Word::Foreign)
        || hits.iter().any(|&(w, at)| match w {
            Word::Demonym(of) => {
                let own = !of.is_empty() && of == country_word;
                let names_forces = hits.iter().any(|&(p, k)| p == Word::Perpetrator && k > at && k <= at + 2);
                let language = matches!(word(at), "french" | "francais") && at > 0 && matches!(word(at - 1), "in" | "en");
                !own && !names_forces && !language
            }
            _ => false,
        });
    if (abduction && foreign_victims) || (has(Word::KidnapVerb) && marker) {
        bits |= Tag::KidnapForeigners.bit();
    }
    bits
}

#[cfg(test)]
mod tests {
    use super::*;
    use Tag::*;

    fn set(t: &[Tag]) -> u8 {
        t.iter().fold(0, |b, t| b | t.bit())
    }

    /// Sentences from ACLED's and UCDP's notes and French reporting (docs/METHOD.md gives where
    /// each was seen), with the traps: landmines, dams, sanctions, death tolls, roadmaps, car bombs,
    /// forces named by a nationality, the language of a source.
    #[test]
    fn notes_in_english_and_french() {
        let cases: [(&str, &str, &str, &str, &[&str], &[Tag]); 32] = [
            ("presumed ISGS or JNIM militants attacked and burned a fuel tanker between Dori and Essakane", "", "Attack", "Burkina Faso", &[], &[Convoy]),
            ("Clashes between gold miners and land owners at the Loto mining site; a truck that was burnt down", "", "Armed clash", "Burkina Faso", &[], &[Mine, Convoy]),
            (
                "Katiba Macina (JNIM) militants held checkpoints, conducted identity checks. Vehicles were forced to make U-turns",
                "",
                "Change to group/activity",
                "Burkina Faso",
                &[],
                &[Checkpoint, Convoy],
            ),
            ("ISWAP (Greater Sahara) militants ran a checkpoint and controlled road users between Dori and Seytenga", "", "Other", "Burkina Faso", &[], &[Checkpoint]),
            ("an army vehicle struck an IED between Boulo (Gorom-Gorom) and Koflande (Gorom-Gorom)", "", "Remote explosive/landmine/IED", "Burkina Faso", &[], &[IedRoad, Convoy]),
            ("an IED exploded during the passage of a herd on the outskirts of Sebba", "", "Remote explosive/landmine/IED", "Burkina Faso", &[], &[IedRoad]),
            ("workers staged a sit-in denouncing the application of the single tax (IUTS)", "Protests", "Peaceful protest", "Burkina Faso", &[], &[]),
            ("a policeman shot and killed a farmer at a checkpoint near Tanghin-Dassouri", "", "Attack", "Burkina Faso", &[], &[Checkpoint]),
            ("villagers began besieging the village of Dimvousse, preventing civilians from entering or leaving", "", "", "Burkina Faso", &[], &[Blockade]),
            ("Katiba Macina (JNIM) militants abducted two male farmers in Seme", "", "Abduction/forced disappearance", "Burkina Faso", &["Civilians (Burkina Faso)"], &[]),
            ("Eight people killed in Mali after bus hits land mine, says union official", "", "", "Mali", &[], &[Convoy, IedRoad]),
            ("Mali fuel tanker convoy destroyed in attack blamed on extremists", "", "", "Mali", &[], &[Convoy]),
            ("the 'Ballabe' (Balabi) gold mine inside Burkina Faso near the Nigerien border", "", "", "Burkina Faso", &[], &[Mine]),
            ("near the western town of Mahinamine in Kayes Region", "", "", "Mali", &[], &[]),
            ("After the Malian army's defeat, Kouakourou was emptied of its inhabitants", "", "", "Mali", &[], &[]),
            ("Shahed-Type Drones Filmed During Mali Village Attacks; Clear footage", "", "", "Mali", &[], &[]),
            ("Sept Tchadiens enlevés par Boko Haram au Niger; on the N'Guimi-Daboua road", "", "", "Niger", &[], &[KidnapForeigners]),
            ("JNIM claims killing three Mali soldiers, Africa Corps in IED blast; between the towns of Tonka and Niafunké", "", "", "Mali", &[], &[IedRoad]),
            ("explosion d'une mine artisanale au passage d'un convoi militaire sur l'axe Bankass-Sévaré", "", "", "Mali", &[], &[IedRoad, Convoy]),
            ("tuées dans l'attaque du site d'orpaillage de Kougdiguin", "", "", "Burkina Faso", &[], &[Mine]),
            ("Attaque d'une mine d'or artisanale à Naréna: deux ressortissants chinois enlevés", "", "", "Mali", &[], &[Mine, KidnapForeigners]),
            ("ils ont incendié près d'une cinquantaine de camions-citernes entre Kolondiéba et Kadiana", "", "", "Mali", &[], &[Convoy]),
            ("Tombouctou vit sous un blocus, un embargo jihadiste qui ne dit pas son nom", "", "", "Mali", &[], &[Blockade]),
            ("Des transporteurs ont trouvé un faux barrage; ils ont exigé la zakat sur l'axe Bourzanga-Djibo", "", "", "Burkina Faso", &[], &[Checkpoint, Convoy]),
            ("Les travaux du barrage de Markala reprennent", "", "", "Mali", &[], &[]),
            ("Rapport sur les sanctions: la CEDEAO maintient l'embargo", "", "", "Mali", &[], &[]),
            ("Militants imposed illegal taxes on traders at the weekly market", "", "Other", "Mali", &[], &[Checkpoint]),
            ("Russian mercenaries abducted dozens of civilians near Moura", "", "Abduction/forced disappearance", "Mali", &["Civilians (Mali)"], &[]),
            (
                "Unknown gunmen abducted two Indian workers at a construction site near Kayes",
                "",
                "Abduction/forced disappearance",
                "Mali",
                &["Civilians (India)"],
                &[KidnapForeigners],
            ),
            ("JNIM militants detonated a vehicle-borne IED (VBIED) at the gate of the military camp", "", "Suicide bomb", "Mali", &[], &[]),
            ("Niger says 20 militants killed, hostages freed. Source: ORTM TV, in French", "", "", "Niger", &[], &[]),
            ("JNIM declared a blockade on fuel imports into Kayes and Nioro and set fire to fuel tankers", "", "", "Mali", &[], &[Blockade, Convoy]),
        ];
        for (notes, event, sub, country, actors, want) in cases {
            assert_eq!(tags(notes, event, sub, country, actors), set(want), "{notes}");
        }
    }
}
