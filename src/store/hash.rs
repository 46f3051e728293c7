//! Finding texts by hash: FxHash, and `HashIndex`, the open-addressing table behind the store's ids
//! and interned tuples. Own code, not `hashbrown` / `std`'s `HashMap`: for a million ids in WASM
//! this table took 0.4 s where `hashbrown` took 1.5 s (an 8-byte slot is one cache line read; see
//! `HashIndex`).

use std::hash::Hasher;

/// FxHash (as in rustc): a fast, non-cryptographic hash for the store's own index of ids and
/// tuples. Keys come from data, not from an attacker choosing collisions against a server, so DoS
/// resistance is not needed (and a collision costs time, never a wrong answer: see `HashIndex`).
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        for &b in chunks.remainder() {
            self.add(b as u64);
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }
    fn write_u32(&mut self, i: u32) {
        self.add(i as u64);
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        // The multiply leaves the low bits weak: rotate the strong high bits down (as rustc-hash
        // 2 does), for a caller that takes the low bits.
        self.0.rotate_left(26)
    }
}

impl FxHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

pub(super) fn hash_str(s: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(s.as_bytes());
    h.write_u8(0xff);
    h.finish()
}

/// Texts found by their 64-bit hash, each to a `u32` value. The caller keeps the texts; the index
/// only asks whether a stored value is for a given text, so two texts whose hashes collide are
/// never merged. An open-addressing table of 8-byte slots (32 bits of the hash, the value),
/// probed linearly and kept at most half full: a lookup in a large table (a million ids) is one
/// cache line, where a `std` `HashMap<u64, u32>` reads a control byte and a 16-byte bucket in two
/// places (the id lookup was a fifth of a 1M-row load in V8 that way).
#[derive(Debug, Clone)]
pub(super) struct HashIndex {
    /// `(tag << 32) | value`, or `EMPTY`. A text's slots start at the top `bits` bits of its tag.
    slots: Vec<u64>,
    bits: u32,
    len: usize,
}

const EMPTY: u64 = u64::MAX;

impl Default for HashIndex {
    fn default() -> Self {
        HashIndex { slots: vec![EMPTY; 16], bits: 4, len: 0 }
    }
}

impl HashIndex {
    /// 32 bits of a hash, remixed so that its top bits (where a probe starts) are well spread.
    fn tag(hash: u64) -> u32 {
        ((hash ^ (hash >> 29)).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) as u32
    }

    /// The slot a tag's probe starts at.
    fn home(&self, tag: u32) -> usize {
        (tag >> (32 - self.bits)) as usize
    }

    /// The value stored for the text whose hash is `hash` (`is(v)` says whether stored value `v`
    /// is for it), or `None` after storing `new` for it. `new` must be below `u32::MAX`.
    pub(super) fn find_or_insert(&mut self, hash: u64, new: u32, is: impl Fn(u32) -> bool) -> Option<u32> {
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow(self.slots.len() * 2);
        }
        let tag = Self::tag(hash);
        match self.probe(tag, is) {
            Ok(v) => Some(v),
            Err(i) => {
                if let Some(s) = self.slots.get_mut(i) {
                    *s = (tag as u64) << 32 | new as u64;
                    self.len += 1;
                }
                None
            }
        }
    }

    /// The value stored for the text whose hash is `hash`, as [`HashIndex::find_or_insert`]
    /// without storing.
    pub(super) fn find(&self, hash: u64, is: impl Fn(u32) -> bool) -> Option<u32> {
        self.probe(Self::tag(hash), is).ok()
    }

    /// `Ok(value)` for the first slot from `tag`'s home with that tag and a value `is` accepts,
    /// else `Err` with the empty slot that ends the run (there is one: the table is at most half
    /// full).
    pub(super) fn probe(&self, tag: u32, is: impl Fn(u32) -> bool) -> Result<u32, usize> {
        let mask = self.slots.len() - 1;
        let mut i = self.home(tag);
        loop {
            let slot = self.slots.get(i).copied().unwrap_or(EMPTY);
            if slot == EMPTY {
                return Err(i);
            }
            if (slot >> 32) as u32 == tag && is(slot as u32) {
                return Ok(slot as u32);
            }
            i = (i + 1) & mask;
        }
    }

    /// Room for `n` texts in all without growing.
    pub(super) fn reserve(&mut self, n: usize) {
        let want = (n * 2).next_power_of_two();
        if want > self.slots.len() {
            self.grow(want);
        }
    }

    /// Moves every entry to a table of `size` slots (a power of two): each is placed again from
    /// its tag, which holds the top bits its home slot is taken from.
    pub(super) fn grow(&mut self, size: usize) {
        let old = std::mem::replace(&mut self.slots, vec![EMPTY; size]);
        self.bits = size.trailing_zeros().min(32);
        for slot in old.into_iter().filter(|&s| s != EMPTY) {
            if let Err(i) = self.probe((slot >> 32) as u32, |_| false) {
                if let Some(s) = self.slots.get_mut(i) {
                    *s = slot;
                }
            }
        }
    }

    /// Rewrites every stored value by `f`.
    pub(super) fn map_values(&mut self, f: impl Fn(u32) -> u32) {
        for s in self.slots.iter_mut().filter(|s| **s != EMPTY) {
            *s = (*s & !0xffff_ffff) | f(*s as u32) as u64;
        }
    }

    pub(super) fn bytes(&self) -> usize {
        self.slots.len() * 8
    }
}

/// Whether two texts are equal, compared eight bytes at a time.
pub(super) fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let (mut wa, mut wb) = (a.chunks_exact(8), b.chunks_exact(8));
    let word = |c: &[u8]| c.first_chunk::<8>().map_or(0, |w| u64::from_ne_bytes(*w));
    (&mut wa).zip(&mut wb).all(|(x, y)| word(x) == word(y)) && wa.remainder().iter().eq(wb.remainder())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts given one hash on purpose: each keeps its own value, found again by its text, also
    /// after the table has grown and its values were renumbered (as building the index does).
    #[test]
    fn hash_collisions_never_merge_texts() {
        let texts = ["BFO100002", "MLI5", "MLI5 ", "NIG77", ""];
        let mut index = HashIndex::default();
        let is = |v: u32, t: &str| texts.get(v as usize).is_some_and(|&s| s == t);
        for (i, t) in texts.iter().enumerate() {
            assert_eq!(index.find_or_insert(42, i as u32, |v| is(v, t)), None, "{t:?} is new");
        }
        for (i, t) in texts.iter().enumerate() {
            assert_eq!(index.find_or_insert(42, 99, |v| is(v, t)), Some(i as u32), "{t:?}");
            assert_eq!(index.find(42, |v| is(v, t)), Some(i as u32));
        }
        assert_eq!((index.find(42, |v| is(v, "MLI6")), index.len), (None, 5));
        index.grow(1024);
        index.map_values(|v| v + 10);
        assert_eq!(index.find(42, |v| v == 13), Some(13));
        assert_eq!(index.find(43, |_| true), None);
    }
    /// Many texts, as a load's ids: every one is found after the table has grown many times, and
    /// it stays at most half full.
    #[test]
    fn hash_index_grows_and_finds_everything() {
        let ids: Vec<String> = (0..20_000).map(|k| format!("MLI{k}")).collect();
        let mut index = HashIndex::default();
        for (i, id) in ids.iter().enumerate() {
            let found = index.find_or_insert(hash_str(id), i as u32, |v| ids.get(v as usize) == Some(id));
            assert_eq!(found, None);
        }
        assert!(index.slots.len() >= 2 * index.len && index.len == 20_000, "{} slots", index.slots.len());
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(index.find(hash_str(id), |v| ids.get(v as usize) == Some(id)), Some(i as u32));
            assert_eq!(index.find_or_insert(hash_str(id), 7, |v| ids.get(v as usize) == Some(id)), Some(i as u32));
        }
        assert_eq!(index.find(hash_str("MLI20000"), |v| ids.get(v as usize).is_some_and(|s| s == "MLI20000")), None);
    }
    #[test]
    fn same_is_string_equality() {
        let words =
            ["", "a", "Mali", "Mali\u{1f}Koulikoro", "Mali\u{1f}Koulikorp", "12345678", "123456789", "12345679", "Ségou", "Segou", "Militants (JNIM)\u{1f}Civilians (Mali)"];
        for a in words {
            for b in words {
                assert_eq!(same(a.as_bytes(), b.as_bytes()), a == b, "{a:?} {b:?}");
            }
        }
    }
}
