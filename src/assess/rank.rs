//! Ranking: the `k` first of `n` items by a total order, as indices. Every ranking in a report goes
//! through here, and the sorting itself through one non-generic function, so the `.wasm` holds one
//! copy of the sort code instead of one per call site (each `sort_by` closure is its own
//! instantiation, ~4 KB apiece); only the small one-pass loop for a few of many is generic, so
//! its comparisons inline.

use std::cmp::Ordering;

/// The indices (of `0..n`) of the `k` smallest items by `cmp`, sorted; `k ≥ n` sorts them all.
/// `cmp` must be a total order (ties broken), so the result does not depend on the method.
///
/// ```
/// let v = [30, 10, 20, 40, 25, 5, 60, 70, 80];
/// assert_eq!(riskcard::rank::top_k(9, 2, |a, b| v[a].cmp(&v[b])), vec![5, 1]);
/// assert_eq!(riskcard::rank::top_k(4, 9, |a, b| v[b].cmp(&v[a])), vec![3, 0, 2, 1]);
/// ```
pub fn top_k(n: usize, k: usize, mut cmp: impl FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    if k > 64 || k.saturating_mul(4) >= n {
        return sorted_prefix(n, k, &mut cmp);
    }
    // A few wanted of many (5 drivers of thousands of candidates): one pass keeping the best k
    // sorted; an item costs one (inlined) comparison unless it enters the best k.
    let mut best: Vec<usize> = Vec::with_capacity(k + 1);
    for i in 0..n {
        if best.len() == k && best.last().is_some_and(|&worst| cmp(i, worst) != Ordering::Less) {
            continue;
        }
        let at = best.partition_point(|&b| cmp(b, i) == Ordering::Less);
        best.insert(at, i);
        best.truncate(k);
    }
    best
}

/// As [`top_k`], for many wanted of many, when each item has an integer `key` that orders as `cmp`
/// does wherever the keys differ (`key(a) < key(b)` ⇒ `cmp(a, b)` is `Less`). The selection runs
/// on the keys (integer comparisons, no call per comparison); `cmp` only orders the chosen and the
/// items tied with the last of them.
///
/// ```
/// let d: [f64; 6] = [3.5, 0.0, 2.25, 9.0, 2.25, 7.0];
/// let cmp = |a: usize, b: usize| d[a].total_cmp(&d[b]).then(a.cmp(&b));
/// assert_eq!(riskcard::rank::top_k_by_key(6, 3, |i| d[i].to_bits(), cmp), vec![1, 2, 4]);
/// ```
pub fn top_k_by_key(n: usize, k: usize, key: impl Fn(usize) -> u64, mut cmp: impl FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    if k == 0 || k >= n {
        return sorted_prefix(n, k, &mut cmp);
    }
    let mut keys: Vec<u64> = (0..n).map(&key).collect();
    let last = kth_smallest(&mut keys, k - 1);
    // Everything keyed below the k-th, and everything keyed as it (ties are for `cmp` to break).
    let chosen: Vec<usize> = (0..n).filter(|&i| key(i) <= last).collect();
    let mut order = sorted_subset(chosen, &mut cmp);
    order.truncate(k);
    order
}

/// The value that would be at `v[k]` were `v` sorted (`k < v.len()`), found by quickselect
/// (Hoare's partition around a median of three, which splits runs of equal keys evenly); `v` is
/// left reordered. Own code, not `select_nth_unstable` (3 KB of the .wasm).
fn kth_smallest(v: &mut [u64], k: usize) -> u64 {
    let (mut lo, mut hi) = (0, v.len() - 1);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let (a, b, c) = (v[lo], v[mid], v[hi]);
        let pivot = a.max(b.min(c)).min(b.max(c));
        let (mut i, mut j) = (lo, hi);
        loop {
            while v[i] < pivot {
                i += 1;
            }
            while v[j] > pivot {
                j -= 1;
            }
            if i >= j {
                break;
            }
            v.swap(i, j);
            i += 1;
            j -= 1;
        }
        // v[lo..=j] ≤ pivot ≤ v[j + 1..=hi]
        if k <= j {
            hi = j;
        } else {
            lo = j + 1;
        }
    }
    v[k]
}

/// The general case, not generic: one copy of the sort code. The `k` smallest by a bounded heap
/// (O(n log k)), then those sorted by heapsort: own code, not `select_nth_unstable_by` and
/// `sort_unstable_by`, whose two generic copies were ~10 KB of the .wasm.
fn sorted_prefix(n: usize, k: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let k = k.min(n);
    let mut heap: Vec<usize> = (0..k).collect();
    // A max-heap of the k smallest so far: its root is the largest of them.
    for i in (0..k / 2).rev() {
        sift_down(&mut heap, i, k, cmp);
    }
    for i in k..n {
        if k > 0 && cmp(i, heap[0]) == Ordering::Less {
            heap[0] = i;
            sift_down(&mut heap, 0, k, cmp);
        }
    }
    heap_sort(&mut heap, cmp);
    heap
}

/// Sorts `items` by `cmp` (heapsort: in place, no allocation, one copy in the .wasm).
fn sorted_subset(mut items: Vec<usize>, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let n = items.len();
    for i in (0..n / 2).rev() {
        sift_down(&mut items, i, n, cmp);
    }
    heap_sort(&mut items, cmp);
    items
}

/// Sorts a max-heap (`v` as built by [`sift_down`]) into ascending order.
fn heap_sort(v: &mut [usize], cmp: &mut dyn FnMut(usize, usize) -> Ordering) {
    for end in (1..v.len()).rev() {
        v.swap(0, end);
        sift_down(v, 0, end, cmp);
    }
}

/// Restores the max-heap order of `v[..end]` below `root`.
fn sift_down(v: &mut [usize], mut root: usize, end: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) {
    loop {
        let mut child = 2 * root + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && cmp(v[child], v[child + 1]) == Ordering::Less {
            child += 1;
        }
        if cmp(v[root], v[child]) != Ordering::Less {
            return;
        }
        v.swap(root, child);
        root = child;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Quickselect against a sort, on short lists with many equal keys (every k), and on sorted,
    /// reversed and constant lists.
    #[test]
    fn kth_smallest_is_the_sorted_kth() {
        let mut seed = 7u64;
        let mut next = || {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            seed >> 33
        };
        for len in 1..70usize {
            for spread in [1u64, 2, 5, 1000] {
                let v: Vec<u64> = (0..len).map(|_| next() % spread).collect();
                let mut sorted = v.clone();
                sorted.sort_unstable();
                for k in 0..len {
                    assert_eq!(kth_smallest(&mut v.clone(), k), sorted[k], "{v:?} k={k}");
                }
            }
        }
        let up: Vec<u64> = (0..500).collect();
        let down: Vec<u64> = (0..500).rev().collect();
        for k in [0, 1, 250, 498, 499] {
            assert_eq!((kth_smallest(&mut up.clone(), k), kth_smallest(&mut down.clone(), k), kth_smallest(&mut vec![3; 500], k)), (k as u64, k as u64, 3));
        }
    }

    #[test]
    fn both_methods_agree_with_a_full_sort() {
        // A deterministic shuffle with many ties, broken by index.
        let v: Vec<u32> = (0..5000u32).map(|i| i.wrapping_mul(2_654_435_761) % 97).collect();
        let mut cmp = |a: usize, b: usize| v[a].cmp(&v[b]).then(a.cmp(&b));
        let mut all: Vec<usize> = (0..v.len()).collect();
        all.sort_by(|&a, &b| cmp(a, b));
        for k in [0, 1, 3, 5, 500, 1249, 1250, 4999, 5000, 6000] {
            assert_eq!(top_k(v.len(), k, &mut cmp), all[..k.min(v.len())].to_vec(), "k = {k}");
            // Keyed by value alone: the ties at the cut (97 values, ~52 items each) go to `cmp`.
            assert_eq!(top_k_by_key(v.len(), k, |i| v[i] as u64, &mut cmp), all[..k.min(v.len())].to_vec(), "keyed, k = {k}");
        }
    }
}
