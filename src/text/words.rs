//! Words of a text, for matching names and keywords in English and French: accents folded
//! (`é` → `e`), lower case, and every run of other characters one break, so `Jama'at Nusrat
//! al-Islam` is the words `jama at nusrat al islam`. Phrases match whole words in a row (a word
//! ending in `*` matches any word it begins), never a piece of a word: `ied` is not in `emptied`,
//! `otage` not in `footage`.

/// The words of `text` (accents folded, lower case), written into `buf` (cleared first); each word
/// is a range of it.
///
/// ```
/// use riskcard::text::words::words;
/// let mut buf = String::new();
/// let w = words("Jama'at Nusrat al-Islam — l’État, Ménaka", &mut buf);
/// let list: Vec<&str> = w.iter().map(|r| &buf[r.clone()]).collect();
/// assert_eq!(list, ["jama", "at", "nusrat", "al", "islam", "l", "etat", "menaka"]);
/// ```
pub fn words(text: &str, buf: &mut String) -> Vec<std::ops::Range<usize>> {
    buf.clear();
    let mut out = Vec::new();
    let mut start = None;
    for c in text.chars() {
        match fold(c) {
            Some(a) => {
                if start.is_none() {
                    start = Some(buf.len());
                }
                buf.push(a);
            }
            None => {
                if let Some(s) = start.take() {
                    out.push(s..buf.len());
                    buf.push(' ');
                }
            }
        }
    }
    if let Some(s) = start {
        out.push(s..buf.len());
    }
    out
}

/// A letter or digit as a lower-case ASCII character (accented Latin letters folded, in either
/// case); `None` for anything else. (Matched by hand: `char::to_lowercase` brings Unicode's case
/// tables, 11 KB, into the .wasm.)
fn fold(c: char) -> Option<char> {
    if c.is_ascii_alphanumeric() {
        return Some(c.to_ascii_lowercase());
    }
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'æ' | 'Æ' => 'a',
        'ç' | 'ć' | 'č' | 'Ç' | 'Ć' | 'Č' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' | 'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ę' | 'Ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' => 'i',
        'ñ' | 'ń' | 'Ñ' | 'Ń' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'œ' | 'Œ' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' => 'u',
        'ý' | 'ÿ' | 'Ý' | 'Ÿ' => 'y',
        'š' | 'Š' => 's',
        'ž' | 'Ž' => 'z',
        _ => return None,
    })
}

/// Where `needle` first occurs in `hay`, by bytes (`str::find` with a `&str` pattern brings its
/// searcher and a panic path that formats text, a few KB of the .wasm, for a handful of calls).
///
/// ```
/// assert_eq!(riskcard::text::words::find("Mali, Government of Russia", ", Government of "), Some(4));
/// assert_eq!(riskcard::text::words::find("Mali", ", Government of "), None);
/// ```
pub fn find(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.len().max(1);
    hay.as_bytes().windows(n).position(|w| w == needle.as_bytes())
}

/// Phrases in groups, compiled once for matching many texts. A group is one string of phrases
/// separated by `|` (`"gold mine*|mining site*|orpaill*"`), a phrase words separated by spaces, a
/// word ending in `*` a prefix; a match reports its group's index. (Strings, not tables of
/// `(&str, payload)` pairs, and not generic over the payload: both kept the tables and their
/// matcher to one copy and a few KB of the .wasm.)
#[derive(Debug, Default)]
pub struct Phrases {
    /// Each phrase (its words) and its group.
    phrases: Vec<(&'static str, u8)>,
    /// The phrases by first word, sorted for a binary search: exact first words, and prefixes.
    exact: Vec<(&'static str, u16)>,
    prefix: Vec<(&'static str, u16)>,
}

impl Phrases {
    /// Compiles the groups (group `i` is `groups[i]`).
    pub fn new(groups: &[&'static str]) -> Phrases {
        let mut p = Phrases::default();
        for (g, group) in groups.iter().enumerate() {
            for phrase in group.split('|').map(str::trim).filter(|x| !x.is_empty()) {
                let first = phrase.split(' ').next().unwrap_or("");
                let i = p.phrases.len() as u16;
                p.phrases.push((phrase, g as u8));
                match first.strip_suffix('*') {
                    Some(head) => p.prefix.push((head, i)),
                    None => p.exact.push((first, i)),
                }
            }
        }
        for list in [&mut p.exact, &mut p.prefix] {
            let order = crate::rank::top_k(list.len(), list.len(), |a, b| list[a].0.cmp(list[b].0).then(a.cmp(&b)));
            *list = order.into_iter().filter_map(|i| list.get(i).copied()).collect();
        }
        p
    }

    /// Calls `f(group, at)` for every phrase that matches at word `at` of `words` (ranges of
    /// `buf`, as [`words`] makes them), in the order of the words.
    pub fn each_match(&self, buf: &str, words: &[std::ops::Range<usize>], f: &mut dyn FnMut(u8, usize)) {
        let word = |i: usize| words.get(i).and_then(|r| buf.get(r.clone())).unwrap_or("");
        for at in 0..words.len() {
            let w = word(at);
            // The phrases whose first word is `w`, then those whose first word is a prefix of it
            // (at most its length of them, found one by one).
            let heads = std::iter::once((&self.exact, w)).chain((1..=w.len()).filter_map(|n| w.get(..n).map(|h| (&self.prefix, h))));
            for (list, head) in heads {
                let from = list.partition_point(|(k, _)| *k < head);
                for &(_, i) in list.get(from..).unwrap_or_default().iter().take_while(|(k, _)| *k == head) {
                    let Some(&(phrase, group)) = self.phrases.get(i as usize) else { continue };
                    let rest = phrase.split(' ').enumerate().skip(1).all(|(k, t)| {
                        let w = word(at + k);
                        !w.is_empty() && t.strip_suffix('*').map_or(w == t, |head| w.starts_with(head))
                    });
                    if rest {
                        f(group, at);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(p: &Phrases, text: &str) -> Vec<u8> {
        let mut buf = String::new();
        let w = words(text, &mut buf);
        let mut out = Vec::new();
        p.each_match(&buf, &w, &mut |g, _| out.push(g));
        out
    }

    #[test]
    fn whole_words_and_prefixes_only() {
        let p = Phrases::new(&["", "ied", "gold mine*", "convoy*|lorr*", "sous blocus", "mine d or"]);
        assert_eq!(hits(&p, "An IED hit the convoys near the gold mines"), [1, 3, 2]);
        assert_eq!(hits(&p, "Kouakourou was emptied; a goldmine; footage"), Vec::<u8>::new());
        assert_eq!(hits(&p, "Djibo vit sous blocus; attaque d'une mine d'or"), [4, 5]);
        assert_eq!(hits(&p, "CONVOI"), Vec::<u8>::new());
        let mut buf = String::new();
        let w = words("ÉTAT ISLAMIQUE · Ségou — MÉNAKA, Œuvre", &mut buf);
        assert_eq!(w.iter().map(|r| &buf[r.clone()]).collect::<Vec<_>>(), ["etat", "islamique", "segou", "menaka", "ouvre"]);
    }
}
