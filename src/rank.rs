//! Ranking: the `k` first of `n` items by a total order, as indices. Every ranking in a report goes
//! through this one non-generic function, so the `.wasm` holds one copy of the sort code instead of
//! one per call site (each `sort_by` closure is its own instantiation, ~4 KB apiece).

use std::cmp::Ordering;

/// Indices `0..n` with the `k` smallest (by `cmp`, which must be a total order: ties broken) first
/// and sorted; `k ≥ n` sorts them all.
///
/// ```
/// let v = [30, 10, 20, 40];
/// assert_eq!(&riskcard::rank::top_k(4, 2, &mut |a, b| v[a].cmp(&v[b]))[..2], &[1, 2]);
/// assert_eq!(riskcard::rank::top_k(4, 9, &mut |a, b| v[b].cmp(&v[a])), vec![3, 0, 2, 1]);
/// ```
pub fn top_k(n: usize, k: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    if k == 0 {
        return order;
    }
    if n > k {
        order.select_nth_unstable_by(k - 1, |&a, &b| cmp(a, b));
    }
    order[..k.min(n)].sort_unstable_by(|&a, &b| cmp(a, b));
    order
}
