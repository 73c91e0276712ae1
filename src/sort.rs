//! Small stable sorts for the short lists the generator orders (days, slots,
//! a session's exercises, candidate sets).
//!
//! The standard library's stable sort is built for large inputs; each
//! element type it is used with adds 3–4 KB of WASM. These insertion sorts
//! give the same order (stable: equal keys keep their input order) for a few
//! hundred bytes each, and the lists here hold at most a few hundred items.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// Sort `items` stably by `compare`, like `slice::sort_by`.
pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    for i in 1..items.len() {
        let mut j = i;
        // Move item i left past every item that must come after it.
        while j > 0 && compare(&items[j - 1], &items[j]) == Ordering::Greater {
            items.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Sort `items` stably in ascending order, like `slice::sort`.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// A set of `items`, like `collect::<BTreeSet<_>>()`, which sorts its input
/// first with the standard sort; inserting one by one needs none.
pub fn set_of<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut set = BTreeSet::new();
    set.extend(items);
    set
}

/// A map of `entries`, like `collect::<BTreeMap<_, _>>()` (a later entry
/// replaces an earlier one with the same key), without the standard sort.
pub fn map_of<K: Ord, V>(entries: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    map.extend(entries);
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A few thousand pseudo-random lists with many equal keys.
    fn lists() -> Vec<Vec<(u8, u16)>> {
        let mut state = 7u32;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state
        };
        (0..3000)
            .map(|n| {
                let len = n % 70;
                (0..len).map(|i| ((next() % 9) as u8, i as u16)).collect()
            })
            .collect()
    }

    fn descending(a: &(u8, u16), b: &(u8, u16)) -> Ordering {
        b.0.cmp(&a.0)
    }

    #[test]
    fn orders_like_the_standard_stable_sorts() {
        for list in lists() {
            let mut ours = list.clone();
            let mut theirs = list.clone();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            theirs.sort_by_key(|&(key, _)| key);
            assert_eq!(ours, theirs);

            let mut ours = list.clone();
            let mut theirs = list.clone();
            sort_by(&mut ours, descending);
            theirs.sort_by(descending);
            assert_eq!(ours, theirs);

            let mut ours = list.clone();
            let mut theirs = list;
            sort(&mut ours);
            theirs.sort();
            assert_eq!(ours, theirs);
        }
    }

    #[test]
    fn sets_and_maps_match_collect() {
        for list in lists() {
            let collected: BTreeSet<_> = list.iter().map(|&(key, _)| key).collect();
            assert_eq!(set_of(list.iter().map(|&(key, _)| key)), collected);
            let collected: BTreeMap<_, _> = list.iter().copied().collect();
            assert_eq!(map_of(list.iter().copied()), collected);
        }
    }

    #[test]
    fn float_keys_sort_by_total_order() {
        let mut ours = vec![0.5, -0.0, 2.0, 0.0, 1.0, 0.5, f64::NAN, -1.0];
        let mut theirs = ours.clone();
        sort_by(&mut ours, f64::total_cmp);
        theirs.sort_by(f64::total_cmp);
        assert_eq!(format!("{ours:?}"), format!("{theirs:?}"));
    }
}
