//! Strings kept compactly: tuples of short strings interned to dense ids (`Interner`: labels,
//! actors, places), and long texts packed end to end (`TextPool`: ids, notes).

use std::hash::Hasher;

use super::hash::{same, FxHasher, HashIndex};

/// Interns tuples of strings to dense `u32` ids. A tuple is stored as its parts joined by U+001F
/// (the separator dropped from inside a part), with its number of parts. It is found by the parts
/// themselves (their hash, then a comparison with the stored text), so that a tuple met before is
/// neither joined nor copied: only a new tuple, or one with a separator inside a part, is joined
/// first.
#[derive(Debug, Default, Clone)]
pub(super) struct Interner {
    pub(super) index: HashIndex,
    pub(super) strings: Vec<Box<str>>,
    parts: Vec<u32>,
}

impl Interner {
    pub(super) fn intern<S: AsRef<str>>(&mut self, parts: &[S], scratch: &mut String) -> u32 {
        let n = parts.len();
        let raw = || parts.iter().map(|p| p.as_ref());
        if let Some(i) = self.index.find(hash_parts(raw()), |i| holds(&self.strings, &self.parts, i, raw(), n)) {
            return i;
        }
        // New, or with a separator inside a part: by the joined text, whose parts are then free
        // of separators.
        join_into(scratch, parts);
        let joined = || scratch.split(SEP).take(n);
        let new = self.strings.len() as u32;
        let (strings, counts) = (&self.strings, &self.parts);
        let holds = |i: u32| holds(strings, counts, i, joined(), n);
        if let Some(i) = self.index.find_or_insert(hash_parts(joined()), new, holds) {
            return i;
        }
        self.strings.push(scratch.as_str().into());
        self.parts.push(n as u32);
        new
    }
    pub(super) fn get(&self, i: u32) -> &str {
        self.strings.get(i as usize).map(|s| &**s).unwrap_or("")
    }
    pub(super) fn bytes(&self) -> usize {
        self.strings.iter().map(|s| s.len() + std::mem::size_of::<Box<str>>() + 4).sum::<usize>() + self.index.bytes()
    }
}

/// Whether tuple `i` of `strings` (with `counts` parts) is the `n` parts `parts`: as many parts,
/// and the same text joined. A part with a separator inside never matches: its joined text has
/// more separators than a stored tuple of as many parts.
fn holds<'p>(strings: &[Box<str>], counts: &[u32], i: u32, parts: impl Iterator<Item = &'p str>, n: usize) -> bool {
    let (Some(stored), Some(&count)) = (strings.get(i as usize), counts.get(i as usize)) else { return false };
    if count as usize != n {
        return false;
    }
    let mut rest = stored.as_bytes();
    for (k, p) in parts.enumerate() {
        if k > 0 {
            match rest.split_first() {
                Some((&b, r)) if b == SEP as u8 => rest = r,
                _ => return false,
            }
        }
        match rest.split_at_checked(p.len()) {
            Some((head, r)) if same(head, p.as_bytes()) => rest = r,
            _ => return false,
        }
    }
    rest.is_empty()
}

/// The hash of a tuple's parts (each part's length, then its bytes).
pub(super) fn hash_parts<'p>(parts: impl Iterator<Item = &'p str>) -> u64 {
    let mut h = FxHasher::default();
    for p in parts {
        h.write_usize(p.len());
        h.write(p.as_bytes());
    }
    h.finish()
}

pub(super) const SEP: char = '\u{1f}';

/// Joins parts with the separator into `out` (cleared first); the separator is dropped from parts.
fn join_into<S: AsRef<str>>(out: &mut String, parts: &[S]) {
    out.clear();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.push(SEP);
        }
        let p = p.as_ref();
        // A byte loop: parts are short, and a `str::contains` call costs more than the search.
        if p.bytes().any(|b| b == SEP as u8) {
            out.extend(p.chars().filter(|&c| c != SEP));
        } else {
            out.push_str(p);
        }
    }
}

/// Long texts packed end to end, each prefixed by its LEB128 length; a row holds one `u32` offset.
#[derive(Debug, Default, Clone)]
pub(super) struct TextPool {
    pub(super) bytes: Vec<u8>,
}

impl TextPool {
    pub(super) fn push(&mut self, s: &str) -> u32 {
        let at = self.bytes.len() as u32;
        let mut n = s.len();
        loop {
            let b = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                self.bytes.push(b);
                break;
            }
            self.bytes.push(b | 0x80);
        }
        self.bytes.extend_from_slice(s.as_bytes());
        at
    }
    pub(super) fn get(&self, at: u32) -> &str {
        let mut i = at as usize;
        let (mut n, mut shift) = (0usize, 0u32);
        while let Some(&b) = self.bytes.get(i) {
            i += 1;
            n |= ((b & 0x7f) as usize) << shift;
            shift += 7;
            if b & 0x80 == 0 || shift > 28 {
                break;
            }
        }
        self.bytes.get(i..i + n).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tuples are found by their parts: the same parts give the same id; a different number of
    /// parts, or a separator inside a part (dropped when stored), never matches another tuple's
    /// text by accident; and a tuple stored after a hash collision is still found.
    #[test]
    fn tuples_by_parts() {
        let mut t = Interner::default();
        let mut scratch = String::new();
        let mut id = |parts: &[&str]| t.intern(parts, &mut scratch);
        let abc = id(&["a", "b", "c"]);
        let ab_c = id(&["a\u{1f}b", "c"]); // stored as "ab" + "c": not the tuple above
        let ab_c2 = id(&["ab", "c"]); // the same text as the one above: the same id
        let empty = id(&[]);
        let one_empty = id(&[""]);
        assert_eq!(id(&["a", "b", "c"]), abc);
        assert_eq!(id(&["a\u{1f}b", "c"]), ab_c);
        assert_eq!((ab_c2, id(&["\u{1f}a\u{1f}b\u{1f}", "c"])), (ab_c, ab_c));
        assert_ne!(abc, ab_c);
        assert_ne!(empty, one_empty);
        assert_eq!((t.get(abc), t.get(ab_c), t.get(empty)), ("a\u{1f}b\u{1f}c", "ab\u{1f}c", ""));
        assert_eq!(t.strings.len(), 4);
        // A second tuple under the first one's hash (as if they collided) is kept apart and found.
        let h = hash_parts(["x", "y"].into_iter());
        t.index.find_or_insert(h, abc, |_| false);
        let xy = t.intern(&["x", "y"], &mut scratch);
        assert_ne!(xy, abc);
        assert_eq!((t.intern(&["x", "y"], &mut scratch), t.get(xy)), (xy, "x\u{1f}y"));
        assert_eq!(t.intern(&["a", "b", "c"], &mut scratch), abc);
        // Parts whose hash leads to a tuple with the same joined text but more parts: not it.
        t.index.find_or_insert(hash_parts(["a\u{1f}b", "c"].into_iter()), abc, |_| false);
        assert_eq!(t.intern(&["a\u{1f}b", "c"], &mut scratch), ab_c);
    }
}
