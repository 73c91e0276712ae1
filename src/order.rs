//! Stable orderings by a small integer key.
//!
//! Sorting with a different closure at every call site makes the compiler
//! emit a sorting routine per site, which bloats the WASM module. The
//! generator instead computes one `u32` key per item and shares this single
//! routine (the crate's small insertion sort, see `sort`); ties keep their
//! original order, so every ordering is stable and deterministic.

/// Indices of `keys` in ascending key order, ties in index order.
pub fn ascending(keys: &[u32]) -> Vec<usize> {
    let mut pairs: Vec<(u32, u32)> = keys
        .iter()
        .enumerate()
        .map(|(i, &key)| (key, i as u32))
        .collect();
    crate::sort::sort(&mut pairs);
    pairs.into_iter().map(|(_, i)| i as usize).collect()
}

/// `items` reordered stably by ascending `key`.
pub fn by_key<T>(items: Vec<T>, key: impl Fn(&T) -> u32) -> Vec<T> {
    let keys: Vec<u32> = items.iter().map(key).collect();
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    ascending(&keys)
        .into_iter()
        .filter_map(|i| slots.get_mut(i).and_then(Option::take))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_keys_keep_their_order() {
        let items = vec![(3, 'a'), (1, 'b'), (3, 'c'), (1, 'd'), (2, 'e')];
        let sorted = by_key(items, |&(k, _)| k);
        let letters: String = sorted.iter().map(|&(_, c)| c).collect();
        assert_eq!(letters, "bdeac");
    }
}
