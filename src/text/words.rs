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

/// A letter or digit as a lower-case ASCII character (accented Latin letters folded); `None` for
/// anything else.
fn fold(c: char) -> Option<char> {
    if c.is_ascii_alphanumeric() {
        return Some(c.to_ascii_lowercase());
    }
    let lower = c.to_lowercase().next().unwrap_or(c);
    Some(match lower {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
        'ñ' | 'ń' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' => 'u',
        'ý' | 'ÿ' => 'y',
        'š' => 's',
        'ž' => 'z',
        'œ' => 'o',
        'æ' => 'a',
        _ => return None,
    })
}

/// A list of phrases, each with a payload, compiled once for matching many texts: the phrases whose
/// first word is exact, sorted for a binary search, and those whose first word is a prefix (`*`).
#[derive(Debug, Default)]
pub struct Phrases<T: Copy> {
    exact: Vec<(Box<str>, usize)>,
    prefix: Vec<(Box<str>, usize)>,
    phrases: Vec<(Vec<(Box<str>, bool)>, T)>,
}

impl<T: Copy> Phrases<T> {
    /// Compiles `(pattern, payload)` pairs; a pattern is words separated by spaces, a word ending
    /// in `*` a prefix.
    pub fn new(patterns: &[(&str, T)]) -> Phrases<T> {
        let mut p = Phrases { exact: Vec::new(), prefix: Vec::new(), phrases: Vec::new() };
        for &(pattern, payload) in patterns {
            let tokens: Vec<(Box<str>, bool)> = pattern.split(' ').filter(|t| !t.is_empty()).map(|t| (t.trim_end_matches('*').into(), t.ends_with('*'))).collect();
            let Some((first, is_prefix)) = tokens.first().cloned() else { continue };
            let i = p.phrases.len();
            p.phrases.push((tokens, payload));
            if is_prefix {
                p.prefix.push((first, i));
            } else {
                p.exact.push((first, i));
            }
        }
        for list in [&mut p.exact, &mut p.prefix] {
            let order = crate::rank::top_k(list.len(), list.len(), |a, b| list[a].0.cmp(&list[b].0).then(a.cmp(&b)));
            let sorted: Vec<(Box<str>, usize)> = order.into_iter().map(|i| list[i].clone()).collect();
            *list = sorted;
        }
        p
    }

    /// Calls `f(payload, at)` for every phrase that matches at word `at` of `words` (ranges of
    /// `buf`, as [`words`] gives them).
    pub fn each_match(&self, buf: &str, words: &[std::ops::Range<usize>], mut f: impl FnMut(T, usize)) {
        let word = |i: usize| words.get(i).and_then(|r| buf.get(r.clone())).unwrap_or("");
        for at in 0..words.len() {
            let w = word(at);
            let from = self.exact.partition_point(|(k, _)| &**k < w);
            for (k, i) in self.exact.get(from..).unwrap_or_default() {
                if &**k != w {
                    break;
                }
                if self.rest_matches(*i, &word, at) {
                    f(self.phrases[*i].1, at);
                }
            }
            // Prefixes of `w` (at most its length of them) are found one by one.
            for len in 1..=w.len() {
                let Some(head) = w.get(..len) else { continue };
                let from = self.prefix.partition_point(|(k, _)| &**k < head);
                for (k, i) in self.prefix.get(from..).unwrap_or_default() {
                    if &**k != head {
                        break;
                    }
                    if self.rest_matches(*i, &word, at) {
                        f(self.phrases[*i].1, at);
                    }
                }
            }
        }
    }

    /// Whether the words after the first of phrase `i` follow word `at`.
    fn rest_matches<'w>(&self, i: usize, word: &impl Fn(usize) -> &'w str, at: usize) -> bool {
        self.phrases[i].0.iter().enumerate().skip(1).all(|(k, (t, prefix))| {
            let w = word(at + k);
            !w.is_empty() && if *prefix { w.starts_with(&**t) } else { w == &**t }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(p: &Phrases<u8>, text: &str) -> Vec<u8> {
        let mut buf = String::new();
        let w = words(text, &mut buf);
        let mut out = Vec::new();
        p.each_match(&buf, &w, |t, _| out.push(t));
        out
    }

    #[test]
    fn whole_words_and_prefixes_only() {
        let p = Phrases::new(&[("ied", 1), ("gold mine*", 2), ("convoy*", 3), ("sous blocus", 4), ("mine d or", 5)]);
        assert_eq!(hits(&p, "An IED hit the convoys near the gold mines"), [1, 3, 2]);
        assert_eq!(hits(&p, "Kouakourou was emptied; a goldmine; footage"), Vec::<u8>::new());
        assert_eq!(hits(&p, "Djibo vit sous blocus; attaque d'une mine d'or"), [4, 5]);
        assert_eq!(hits(&p, "CONVOI"), Vec::<u8>::new());
    }
}
