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
    let mut keys: Vec<(u64, u32)> = (0..n).map(|i| (key(i), i as u32)).collect();
    keys.select_nth_unstable(k - 1);
    let last = keys[k - 1].0;
    // Everything keyed below the k-th, and everything keyed as it (ties are for `cmp` to break).
    let chosen: Vec<usize> = keys.iter().filter(|&&(kk, _)| kk <= last).map(|&(_, i)| i as usize).collect();
    let mut order = sorted_subset(chosen, &mut cmp);
    order.truncate(k);
    order
}

/// The general case, not generic: one copy of the sort code.
fn sorted_prefix(n: usize, k: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    if k > 0 && k < n {
        order.select_nth_unstable_by(k - 1, |&a, &b| cmp(a, b));
        order.truncate(k);
    }
    let mut order = sorted_subset(order, cmp);
    order.truncate(k);
    order
}

fn sorted_subset(mut items: Vec<usize>, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    items.sort_unstable_by(|&a, &b| cmp(a, b));
    items
}

#[cfg(test)]
mod tests {
    use super::*;

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
