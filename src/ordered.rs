//! Map in parallel, fold in order, at the same time.
//!
//! Loading a gazetteer and compiling a matcher both have a step that is easily parallel
//! (normalising names, making their forms) followed by one that must go in order (numbering
//! keys and patterns in gazetteer order). Done one after the other, the ordered step leaves
//! every thread but one idle. [`map_fold_in_order`] interleaves them: blocks of items are
//! handed out in order, mapped by whichever worker takes them, and folded, in turn, by
//! whichever thread finds the next block due and the fold free — so the fold runs while the
//! other threads map, and no thread ever waits for another.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};

use rayon::prelude::*;

/// Maps `items` block by block (`block` items at a time) with `map`, on every thread of the
/// current rayon pool, and folds the mapped blocks into `state` with `fold` in block order
/// (`fold(state, index of the block's first item, mapped block)`). The result is the same
/// on any number of threads; on one, it is a plain loop.
///
/// # Complexity
/// The work of `map` and `fold` on each block, plus a `BTreeMap` insertion and removal per
/// block; mapped blocks wait for their turn in memory (at worst all of them).
pub(crate) fn map_fold_in_order<I, T, S, M, F>(
    items: &[I],
    block: usize,
    map: M,
    state: S,
    fold: F,
) -> S
where
    I: Sync,
    T: Send,
    S: Send,
    M: Fn(&[I]) -> T + Sync,
    F: Fn(&mut S, usize, T) + Sync,
{
    let block = block.max(1);
    let blocks = items.len().div_ceil(block);
    // Mapped blocks waiting for their turn, and the state with the next block due.
    let ready: Mutex<BTreeMap<usize, T>> = Mutex::new(BTreeMap::new());
    let folding = Mutex::new((0usize, state));
    let fold_ready = |s: &mut (usize, S)| {
        while let Some(t) = lock(&ready).remove(&s.0) {
            fold(&mut s.1, s.0 * block, t);
            s.0 += 1;
        }
    };
    // Blocks handed out in order (a counter, not rayon's splitting in halves), so that the
    // next block due is soon ready.
    let handed = AtomicUsize::new(0);
    let worker = |_| loop {
        let b = handed.fetch_add(1, Ordering::Relaxed);
        if b >= blocks {
            break;
        }
        let t = map(&items[b * block..((b + 1) * block).min(items.len())]);
        lock(&ready).insert(b, t);
        // Unless another thread is folding (it will find this block, or leave it to the next
        // thread or the end), fold what is ready.
        while let Ok(mut s) = folding.try_lock() {
            fold_ready(&mut s);
            let due = s.0;
            drop(s);
            // A block put in after the last look, by a thread that found the fold busy, is
            // due now: look again.
            if !lock(&ready).contains_key(&due) {
                break;
            }
        }
    };
    (0..rayon::current_num_threads())
        .into_par_iter()
        .for_each(worker);
    fold_ready(&mut lock(&folding));
    let (done, state) = folding.into_inner().unwrap_or_else(|e| e.into_inner());
    assert_eq!(done, blocks, "every block folded");
    state
}

/// Locks a mutex, poisoned or not (a panic in `map` or `fold` is re-raised by rayon anyway).
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Runs `f` in a pool of each of these numbers of threads, for tests of results that must not
/// depend on them.
#[cfg(test)]
pub(crate) fn on_threads<T: Send>(threads: &[usize], f: impl Fn() -> T + Sync) -> Vec<T> {
    threads
        .iter()
        .map(|&n| {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(n).build();
            pool.expect("a thread pool").install(&f)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_in_order_on_any_number_of_threads() {
        let items: Vec<u64> = (0..10_007).collect();
        let want: Vec<(usize, u64)> = items.iter().map(|&x| (x as usize, x * 2)).collect();
        for block in [1, 7, 1000, 20_000] {
            let runs = on_threads(&[1, 2, 3, 8], || {
                map_fold_in_order(
                    &items,
                    block,
                    |b: &[u64]| b.iter().map(|x| x * 2).collect::<Vec<_>>(),
                    Vec::new(),
                    |s: &mut Vec<(usize, u64)>, first, mapped: Vec<u64>| {
                        for (k, x) in mapped.into_iter().enumerate() {
                            s.push((first + k, x));
                        }
                    },
                )
            });
            for seen in runs {
                assert_eq!(seen, want, "blocks of {}", block);
            }
        }
        let none: Vec<u64> = map_fold_in_order(
            &[] as &[u64],
            4,
            |_: &[u64]| 0u64,
            vec![],
            |s, _, t| s.push(t),
        );
        assert!(none.is_empty());
    }
}
