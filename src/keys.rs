//! Grouping entries by key in O(n log n): header maps, query strings and JSON objects can hold a hundred
//! thousand keys, and comparing each key with all the others would take seconds.

/// Up to this many keys, comparing each key with the ones before it (most pairs differ in length or last
/// byte, a few instructions) is faster than sorting: a browser's request has 15 to 25 headers.
pub(crate) const SMALL: usize = 32;

/// For each key, the position of the first key that is the same (ASCII case ignored when `ignore_case`):
/// its own position for a first occurrence.
pub(crate) fn first_positions(keys: &[&str], ignore_case: bool) -> Vec<usize> {
    let key = |i: usize| keys.get(i).copied().unwrap_or_default();
    let same = |a: &str, b: &str| same_key(a, b, ignore_case);
    if keys.len() <= SMALL {
        // Small maps (nearly all of them): compare each key with the ones before it.
        return (0..keys.len()).map(|i| (0..i).find(|&j| same(key(j), key(i))).unwrap_or(i)).collect();
    }
    let folded = |i: usize| key(i).bytes().map(move |b| if ignore_case { b.to_ascii_lowercase() } else { b });
    // Stable: equal keys stay in position order, so the first of each run is its first occurrence.
    let order = merge_sort(keys.len(), &|a, b| folded(a).le(folded(b)));
    let mut firsts: Vec<usize> = (0..keys.len()).collect();
    let mut run_first = 0;
    for (k, &i) in order.iter().enumerate() {
        match k.checked_sub(1).and_then(|p| order.get(p)) {
            Some(&prev) if same(key(prev), key(i)) => {
                if let Some(slot) = firsts.get_mut(i) {
                    *slot = run_first;
                }
            }
            _ => run_first = i,
        }
    }
    firsts
}

/// Whether two keys are the same (ASCII case ignored when `ignore_case`). Lengths and last bytes first:
/// keys of one map often share a long prefix (`X-Ca-…`), and in wasm a full comparison is a call.
#[inline]
pub(crate) fn same_key(a: &str, b: &str, ignore_case: bool) -> bool {
    let last = |s: &str| s.as_bytes().last().map(u8::to_ascii_lowercase);
    if a.len() != b.len() || (ignore_case && last(a) != last(b)) || (!ignore_case && a.as_bytes().last() != b.as_bytes().last()) {
        return false;
    }
    if ignore_case {
        a.eq_ignore_ascii_case(b)
    } else {
        a == b
    }
}

/// The values of each key, keys in the order they first appear (ASCII case ignored when `ignore_case`; a
/// group keeps the spelling of its first key).
pub(crate) fn group(items: Vec<(String, String)>, ignore_case: bool) -> Vec<(String, Vec<String>)> {
    let keys: Vec<&str> = items.iter().map(|(k, _)| k.as_str()).collect();
    let firsts = first_positions(&keys, ignore_case);
    drop(keys);
    let mut slot = vec![0; items.len()];
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for ((i, (key, value)), first) in items.into_iter().enumerate().zip(firsts) {
        if first == i {
            if let Some(s) = slot.get_mut(i) {
                *s = out.len();
            }
            out.push((key, vec![value]));
        } else if let Some((_, values)) = slot.get(first).and_then(|&s| out.get_mut(s)) {
            values.push(value);
        }
    }
    out
}

/// The positions `0..n` sorted stably by `le` (a "less or equal" on positions): a bottom-up merge sort,
/// O(n log n) for any input, and a fraction of the code the standard library's generic sorts compile to.
pub(crate) fn merge_sort(n: usize, le: &dyn Fn(usize, usize) -> bool) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut merged = vec![0; n];
    let mut width = 1;
    while width < n {
        for start in (0..n).step_by(2 * width) {
            let (mid, end) = ((start + width).min(n), (start + 2 * width).min(n));
            let (mut left, mut right) = (start, mid);
            for slot in merged.get_mut(start..end).unwrap_or_default() {
                let (l, r) = (order.get(left).copied(), order.get(right).copied());
                *slot = match (l, r) {
                    (Some(l), Some(r)) if left < mid && right < end => {
                        if le(l, r) {
                            left += 1;
                            l
                        } else {
                            right += 1;
                            r
                        }
                    }
                    (Some(l), _) if left < mid => {
                        left += 1;
                        l
                    }
                    _ => {
                        right += 1;
                        r.unwrap_or_default()
                    }
                };
            }
        }
        std::mem::swap(&mut order, &mut merged);
        width *= 2;
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_sort_is_stable_for_every_small_length() {
        let keys = [3, 1, 3, 0, 2, 1, 0, 3, 2, 2, 1, 0, 3];
        for n in 0..=keys.len() {
            let sorted = merge_sort(n, &|a, b| keys[a] <= keys[b]);
            let mut expected: Vec<usize> = (0..n).collect();
            expected.sort_by_key(|&i| (keys[i], i));
            assert_eq!(sorted, expected, "n = {n}");
        }
    }

    #[test]
    fn first_positions_agree_with_a_brute_force_on_both_sides_of_small() {
        for n in [SMALL - 1, SMALL, SMALL + 1, 2 * SMALL] {
            let owned: Vec<String> = (0..n).map(|i| if i % 3 == 0 { format!("X-Key-{}", i % 7) } else { format!("x-key-{}", i % 7) }).collect();
            let keys: Vec<&str> = owned.iter().map(String::as_str).collect();
            for ignore_case in [false, true] {
                let brute: Vec<usize> = (0..n).map(|i| (0..i).find(|&j| same_key(keys[j], keys[i], ignore_case)).unwrap_or(i)).collect();
                assert_eq!(first_positions(&keys, ignore_case), brute, "n = {n}, ignore_case = {ignore_case}");
            }
        }
    }

    #[test]
    fn groups_keep_first_appearance_order_small_and_large() {
        for n in [12, 40] {
            let items: Vec<(String, String)> =
                (0..n).map(|i| (if i % 2 == 0 { format!("K{}", i % 6) } else { format!("k{}", i % 6) }, i.to_string())).collect();
            let index = |v: &String| v.parse::<usize>().unwrap();
            let sensitive = group(items.clone(), false);
            let insensitive = group(items.clone(), true);
            // Case-insensitively the keys are k0..k5, spelled as they first appear.
            assert_eq!(insensitive.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(), ["K0", "k1", "K2", "k3", "K4", "k5"], "n = {n}");
            for (key, values) in &insensitive {
                assert!(values.iter().all(|v| items[index(v)].0.eq_ignore_ascii_case(key)));
                assert!(values.windows(2).all(|w| index(&w[0]) < index(&w[1])));
            }
            assert_eq!(insensitive.iter().map(|(_, v)| v.len()).sum::<usize>(), n);
            assert_eq!(sensitive.iter().map(|(_, v)| v.len()).sum::<usize>(), n);
            assert!(sensitive.iter().all(|(key, values)| values.iter().all(|v| items[index(v)].0 == *key)));
        }
    }
}
