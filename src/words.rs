//! Short fixed word lists (titles, the words that end an institution's name, abbreviations
//! before a point, ...), which the resolver and the sentence splitter look words up in for
//! most mentions and most points of every document.
//!
//! Most words looked up are in no list, so a list keeps, beside its sorted words, a 512-bit
//! filter of their (first byte, last byte, length): a word whose bit is clear is answered
//! with one bit test, the others by a binary search. The filter is made, and the order of the
//! words checked, when the program is compiled.

/// A sorted list of distinct, non-empty words, with a filter for quick misses.
///
/// ```text
/// const HEADS: WordList = WordList::new(&[b"Airport", b"Hospital", b"University"]);
/// assert!(HEADS.contains(b"Hospital") && !HEADS.contains(b"Hotel"));
/// ```
#[derive(Clone, Copy, Debug)]
pub(crate) struct WordList {
    words: &'static [&'static [u8]],
    filter: [u64; 8],
}

impl WordList {
    /// The list of `words`, which must be sorted (by bytes), distinct and non-empty: a list
    /// that is not fails to compile when it is a constant.
    pub(crate) const fn new(words: &'static [&'static [u8]]) -> WordList {
        let mut filter = [0u64; 8];
        let mut i = 0;
        while i < words.len() {
            let w = words[i];
            assert!(!w.is_empty(), "a word list holds an empty word");
            assert!(
                i == 0 || less(words[i - 1], w),
                "a word list is not sorted, or holds a word twice"
            );
            let b = bucket(w);
            filter[b / 64] |= 1 << (b % 64);
            i += 1;
        }
        WordList { words, filter }
    }

    /// Whether `w` is one of the words.
    ///
    /// # Complexity
    /// One bit test for most words that are not; else a binary search.
    #[inline]
    pub(crate) fn contains(&self, w: &[u8]) -> bool {
        if w.is_empty() {
            return false;
        }
        let b = bucket(w);
        self.filter[b / 64] >> (b % 64) & 1 == 1 && self.words.binary_search(&w).is_ok()
    }

    /// The words, sorted.
    #[cfg(test)]
    pub(crate) fn words(&self) -> &'static [&'static [u8]] {
        self.words
    }
}

/// The filter bit of a non-empty word.
const fn bucket(w: &[u8]) -> usize {
    let h = (w[0] as usize)
        .wrapping_mul(31)
        .wrapping_add((w[w.len() - 1] as usize).wrapping_mul(7))
        .wrapping_add(w.len().wrapping_mul(131));
    h % 512
}

/// Whether `a` sorts before `b`, by bytes (as `<` on slices, in a `const fn`).
const fn less(a: &[u8], b: &[u8]) -> bool {
    let mut i = 0;
    while i < a.len() && i < b.len() {
        if a[i] != b[i] {
            return a[i] < b[i];
        }
        i += 1;
    }
    a.len() < b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADS: WordList = WordList::new(&[b"Airport", b"Hospital", b"University"]);

    #[test]
    fn contains_exactly_its_words() {
        for (w, want) in [
            ("Hospital", true),
            ("Airport", true),
            ("University", true),
            ("Hotel", false),
            ("hospital", false),
            ("Hospitals", false),
            ("", false),
            ("H", false),
        ] {
            assert_eq!(HEADS.contains(w.as_bytes()), want, "{w:?}");
        }
    }

    #[test]
    fn less_is_slice_order() {
        let words: [&[u8]; 6] = [b"", b"A", b"AB", b"Ab", b"B", b"a"];
        for a in words {
            for b in words {
                assert_eq!(less(a, b), a < b, "{a:?} {b:?}");
            }
        }
    }

    #[test]
    #[should_panic(expected = "not sorted")]
    fn unsorted_lists_are_refused() {
        WordList::new(&[b"B", b"A"]);
    }
}
