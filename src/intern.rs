//! Strings numbered in order of first appearance, each stored once, with a hash index from
//! text to number: the gazetteer's name keys and the matcher's patterns.

use std::hash::BuildHasher;

/// An interner: [`Interner::id`] gives each new string the next number.
#[derive(Clone, Debug, Default)]
pub(crate) struct Interner {
    texts: Vec<Box<str>>,
    index: hashbrown::HashTable<u32>,
}

impl Interner {
    /// An empty interner with room for `n` strings.
    pub fn with_capacity(n: usize) -> Interner {
        Interner {
            texts: Vec::with_capacity(n),
            index: hashbrown::HashTable::with_capacity(n),
        }
    }

    /// The hash [`Interner::id_hashed`] takes.
    pub fn hash(text: &[u8]) -> u64 {
        rustc_hash::FxBuildHasher.hash_one(text)
    }

    fn find(&self, h: u64, text: &[u8]) -> Option<usize> {
        self.index
            .find(h, |&p| self.texts[p as usize].as_bytes() == text)
            .map(|&p| p as usize)
    }

    /// The number of a string, if it has one.
    #[inline]
    pub fn get(&self, text: &[u8]) -> Option<usize> {
        self.find(Self::hash(text), text)
    }

    /// The number of a string; if it is new, the next one (the number of strings held before).
    pub fn id(&mut self, text: String) -> usize {
        let h = Self::hash(text.as_bytes());
        self.id_hashed(h, text.into_boxed_str())
    }

    /// [`Interner::id`] of a string whose [`Interner::hash`] is `h` (hashed beforehand, e.g.
    /// in parallel).
    pub fn id_hashed(&mut self, h: u64, text: Box<str>) -> usize {
        if let Some(p) = self.find(h, text.as_bytes()) {
            return p;
        }
        let p = self.texts.len();
        let texts = &self.texts;
        self.index
            .insert_unique(h, p as u32, |&q| Self::hash(texts[q as usize].as_bytes()));
        self.texts.push(text);
        p
    }

    /// The strings, by number.
    pub fn texts(&self) -> &[Box<str>] {
        &self.texts
    }

    /// The strings, by number, without the index.
    pub fn into_texts(self) -> Vec<Box<str>> {
        self.texts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_order_of_first_appearance() {
        let mut i = Interner::default();
        let ids: Vec<usize> = ["b", "a", "b", "c", "a"]
            .iter()
            .map(|s| i.id(s.to_string()))
            .collect();
        assert_eq!(ids, [0, 1, 0, 2, 1]);
        assert_eq!(i.texts().len(), 3);
        assert_eq!(i.get(b"c"), Some(2));
        assert_eq!(i.get(b"d"), None);
        assert_eq!(&*i.texts()[1], "a");
    }
}
