//! What an incident's text says, worked out once per incident: the families of its actors
//! (`actors.rs`) and what it was aimed at (`tags.rs`), as one set of bits — families in bits 0–15,
//! tags in bits 16–23 — that the store keeps ([`Store::derived`]).
//!
//! The word lists and rules are a few tens of KB of code that only some cards need (an analysis,
//! a convoy or staff profile, an actor filter), so the engine's WebAssembly build leaves them out
//! (no `words` feature) and a second, small module (`src/wasm/words.rs`) holds them, loaded by a
//! card when first needed: the engine hands out the texts of the incidents near an area that are
//! not worked out yet ([`write_texts`]), the words module reads them ([`classify_texts`]), and the
//! engine keeps the bits it gets back. Natively (the CLI, the tests) the bits are worked out when
//! first asked for.

#[cfg(feature = "words")]
use crate::category::Category;
#[cfg(feature = "words")]
use crate::store::Incident;
use crate::store::Store;

/// Separates the fields of one incident's texts.
const FIELD: u8 = 0x1f;
/// Separates incidents.
const ROW: u8 = 0x1e;
/// Separates an incident's actors.
const ACTOR: u8 = 0x1d;

/// The bits of an incident: its actors' families and its tags.
#[cfg(feature = "words")]
pub fn classify(i: &Incident<'_>) -> u32 {
    let families = super::actors::families(&i.actors, i.country, i.admin1) as u32;
    let tags = super::tags::tags(i.notes, i.event_type, i.sub_event_type, i.country, &i.actors) as u32;
    families | tags << 16
}

/// The bits of incident `row`: kept by the store, or (with the `words` feature) worked out now and
/// kept; `None` when not worked out (the engine's WebAssembly build, before the words module has
/// read the incident's texts).
pub fn bits(store: &Store, row: usize) -> Option<u32> {
    if let Some(b) = store.derived(row) {
        return Some(b);
    }
    #[cfg(feature = "words")]
    {
        let b = store.get(row).map_or(0, |i| classify(&i));
        store.set_derived(row, b);
        Some(b)
    }
    #[cfg(not(feature = "words"))]
    None
}

/// Appends the texts [`classify_texts`] reads for incident `row`: notes, event type, sub-event type,
/// country, first-level unit and actors, with separators no text holds (control characters).
pub fn write_texts(store: &Store, row: usize, out: &mut Vec<u8>) {
    let Some(i) = store.get(row) else { return };
    let mut put = |text: &str, end: u8| {
        out.extend(text.bytes().filter(|&b| b != FIELD && b != ROW && b != ACTOR));
        out.push(end);
    };
    for field in [i.notes, i.event_type, i.sub_event_type, i.country, i.admin1] {
        put(field, FIELD);
    }
    for a in &i.actors {
        put(a, ACTOR);
    }
    put("", ROW);
}

/// The bits of every incident whose texts [`write_texts`] wrote into `text`, in order.
///
/// ```
/// use riskcard::{Store, store::NewIncident, Category, assess::{classify_texts, write_texts, Family, Tag}};
/// let mut s = Store::new();
/// s.insert(NewIncident { notes: "JNIM burned a fuel tanker".into(), actors: vec!["JNIM".into()], country: "Mali".into(),
///     ..NewIncident::new("a", 0, 12.0, -8.0, Category::LootingPropertyDestruction, 0) });
/// let mut text = Vec::new();
/// write_texts(&s, 0, &mut text);
/// assert_eq!(classify_texts(&text), vec![1 << Family::Jnim as u32 | (Tag::Convoy.bit() as u32) << 16]);
/// ```
#[cfg(feature = "words")]
pub fn classify_texts(text: &[u8]) -> Vec<u32> {
    let text = String::from_utf8_lossy(text);
    let mut out = Vec::new();
    for row in text.split(ROW as char).filter(|r| !r.is_empty()) {
        let mut f = row.split(FIELD as char);
        let mut next = || f.next().unwrap_or("");
        let (notes, event_type, sub_event_type, country, admin1, actors) = (next(), next(), next(), next(), next(), next());
        let actors: Vec<&str> = actors.split(ACTOR as char).filter(|a| !a.is_empty()).collect();
        let i = Incident {
            id: "",
            day: 0,
            lat: 0.0,
            lon: 0.0,
            category: Category::Other,
            fatalities: 0,
            location: "",
            source: "",
            notes,
            event_type,
            sub_event_type,
            country,
            admin1,
            actors,
        };
        out.push(classify(&i));
    }
    out
}
