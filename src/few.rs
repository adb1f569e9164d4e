//! Searching one document for the few words it defines itself: the surnames of the people it
//! names in full, the acronyms it spells out (`resolve`'s in-document passes).
//!
//! These sets are new for every document and small (a few to a few dozen words), so what
//! they cost is mostly building the searcher: an Aho-Corasick automaton takes about 150,000
//! instructions to build even for three words, more than searching a whole article with it.
//! Up to 128 words, a packed (Teddy, SIMD) searcher from the same crate is built instead, in
//! a few thousand; beyond that, or where Teddy is not available (no SSSE3, other
//! architectures), the automaton.

use aho_corasick::{packed, AhoCorasick, MatchKind};

/// A leftmost-longest searcher for a small set of words: `FewWords::new(&["Biden",
/// "BIDEN"])` finds `[(3, 8, 0), (13, 18, 1)]` in `Mr Biden met BIDEN`.
pub(crate) enum FewWords {
    Packed(packed::Searcher),
    Automaton(AhoCorasick),
}

impl FewWords {
    /// The searcher for `words` (`None` if there are none, or one is empty and no automaton
    /// can be built).
    pub(crate) fn new<W: AsRef<[u8]>>(words: &[W]) -> Option<FewWords> {
        if words.is_empty() {
            return None;
        }
        let packed = packed::Config::new()
            .match_kind(packed::MatchKind::LeftmostLongest)
            .builder()
            .extend(words)
            .build();
        if let Some(p) = packed {
            return Some(FewWords::Packed(p));
        }
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(aho_corasick::AhoCorasickKind::NoncontiguousNFA))
            .build(words)
            .ok()
            .map(FewWords::Automaton)
    }

    /// Every match in `hay`, leftmost-longest and not overlapping, as (start, end, index of
    /// the word), in order.
    ///
    /// # Complexity
    /// One pass over `hay`.
    pub(crate) fn find_all(&self, hay: &[u8]) -> Vec<(usize, usize, usize)> {
        match self {
            FewWords::Packed(p) => p
                .find_iter(hay)
                .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
                .collect(),
            FewWords::Automaton(ac) => ac
                .find_iter(hay)
                .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The packed searcher and the automaton find the same, leftmost-longest.
    #[test]
    fn packed_and_automaton_agree() {
        let hay = b"Mr Biden met BIDEN and bin Laden; Bin Laden's son. Binladen? Bi";
        let sets: &[&[&str]] = &[
            &["Biden", "BIDEN"],
            &["bin Laden", "Bin Laden", "Bin", "Laden"],
            &["Bi", "Bin", "Bin Laden"],
            &["x"],
        ];
        for words in sets {
            let packed = FewWords::new(words).unwrap();
            assert!(matches!(packed, FewWords::Packed(_)) || !cfg!(target_arch = "x86_64"));
            let ac = AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(*words)
                .unwrap();
            let want: Vec<_> = ac
                .find_iter(hay)
                .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
                .collect();
            assert_eq!(packed.find_all(hay), want, "{words:?}");
        }
        assert_eq!(
            FewWords::new(&["Biden", "BIDEN"])
                .unwrap()
                .find_all(b"Mr Biden met BIDEN"),
            [(3, 8, 0), (13, 18, 1)]
        );
    }

    /// Beyond 128 words the automaton is built, with the same answers.
    #[test]
    fn many_words_use_the_automaton() {
        let words: Vec<String> = (0..300).map(|i| format!("w{i}x")).collect();
        let few = FewWords::new(&words).unwrap();
        assert!(matches!(few, FewWords::Automaton(_)));
        assert_eq!(few.find_all(b"a w17x w299x w3"), [(2, 6, 17), (7, 12, 299)]);
        assert!(FewWords::new::<&str>(&[]).is_none());
    }
}
