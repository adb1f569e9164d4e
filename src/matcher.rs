//! The gazetteer matcher: finds the names of a [`Gazetteer`] in text.
//!
//! The pipeline for one document is
//! [normalise](crate::text::normalize) → scan (anchored leftmost-longest Aho-Corasick searches
//! over every name in each capitalisation it may take, at the word starts where a name can
//! begin) → check each candidate (whole words,
//! capitals context) → [resolve](mod@crate::resolve) (names that need context, in-document
//! aliases, near-miss person names) → [segment](mod@crate::segment) → mentions with offsets into
//! the original bytes.
//!
//! # Case rules
//! - An *acronym* (a name with capitals and no lower-case letter: `IS`, `US`, `UN`, `U.S.`,
//!   `IS-K`) matches only exactly as written, so `is`, `us`, `un` never match; an acronym that
//!   is also a short English word (`IS`, `US`, `WHO`) is not matched in ALL-CAPS text, where
//!   it is that word; `UN`, `UK` and `U.S.` are.
//! - Any other name matches as written, with lower-case word-initial letters capitalised (title
//!   case: `Ministry Of Foreign Affairs`) or only the first (`Von der Leyen`), or in ALL CAPS
//!   (`MOSCOW`). Never in lower case: a
//!   lower-case `turkey`, `china`, `reading` is not a name.

use std::sync::Arc;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::error::{Error, Result};
use crate::gazetteer::{EntityId, Gazetteer};
use crate::intern::Interner;
use crate::resolve::{self, Candidate, How, Kinds, PeopleIndex};
use crate::scan;
use crate::segment;
use crate::text::{self, is_word_byte, Normalized};

/// Builds a [`Matcher`].
///
/// # Example
/// ```
/// use nergraph::{GazetteerBuilder, MatcherBuilder};
/// let tsv = "id\ttype\tname\taliases\nus\tplace\tUnited States\tU.S.|US\n";
/// let gaz = GazetteerBuilder::new().add_str("g.tsv", tsv).unwrap().build().unwrap();
/// let matcher = MatcherBuilder::new().build(gaz).unwrap();
/// let found: Vec<_> = matcher.find_iter("Let us see U.S.-made arms").collect();
/// assert_eq!((found.len(), found[0].start, found[0].end), (1, 11, 15));
/// ```
#[derive(Clone, Debug)]
pub struct MatcherBuilder {
    in_document: bool,
    fuzzy: bool,
    person_types: Vec<String>,
    vocabulary: Option<text::Vocabulary>,
    word_positions: bool,
    threads: Option<usize>,
}

impl Default for MatcherBuilder {
    fn default() -> Self {
        MatcherBuilder {
            in_document: true,
            fuzzy: true,
            person_types: vec!["person".to_string()],
            vocabulary: None,
            word_positions: true,
            threads: None,
        }
    }
}

impl MatcherBuilder {
    /// A builder with the default settings: in-document aliases and near-miss person names on.
    pub fn new() -> MatcherBuilder {
        MatcherBuilder::default()
    }

    /// Whether surnames and parenthesised acronyms are resolved within a document
    /// (default: yes).
    pub fn in_document_aliases(&mut self, yes: bool) -> &mut MatcherBuilder {
        self.in_document = yes;
        self
    }

    /// Whether near-miss spellings of multi-word person names are found (default: yes).
    pub fn fuzzy(&mut self, yes: bool) -> &mut MatcherBuilder {
        self.fuzzy = yes;
        self
    }

    /// The entity types that are people (default: `person`).
    pub fn person_types<I, S>(&mut self, types: I) -> &mut MatcherBuilder
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.person_types = types.into_iter().map(Into::into).collect();
        self
    }

    /// Whether to count words, for [`Mention::token`] and [`Annotated::words`] (default: yes;
    /// only windows of N words need them, and counting costs a pass over the text).
    pub fn word_positions(&mut self, yes: bool) -> &mut MatcherBuilder {
        self.word_positions = yes;
        self
    }

    /// How many threads compile the automaton (default: one per core). The names are split by
    /// their first byte into that many automata, built at the same time; a name is looked for
    /// only in the automaton of its first byte, so the mentions are the same for any number.
    pub fn threads(&mut self, threads: Option<usize>) -> &mut MatcherBuilder {
        self.threads = threads;
        self
    }

    /// Compiles only the names that can occur in documents with this vocabulary (the words of
    /// the documents a run will read): a name can only match where its first word stands as a
    /// whole word, so the results are the same, and for a few articles and a big gazetteer the
    /// matcher builds in a fraction of the time.
    pub fn vocabulary(&mut self, vocabulary: text::Vocabulary) -> &mut MatcherBuilder {
        self.vocabulary = Some(vocabulary);
        self
    }

    /// Compiles the matcher for a gazetteer.
    ///
    /// # Complexity
    /// Linear in the total length of the names.
    pub fn build(&self, gazetteer: impl Into<Arc<Gazetteer>>) -> Result<Matcher> {
        let gaz: Arc<Gazetteer> = gazetteer.into();
        let pool = crate::pipeline::thread_pool(self.threads)?;
        // The forms of each name, made in parallel and numbered in gazetteer order at the same
        // time ([`crate::ordered`]).
        let forms_of = |k: &crate::gazetteer::KeyClaims| -> Option<NameForms> {
            // The first claim wins the name (see gazetteers/README.md).
            let (id, j) = k.claims[0];
            let form = &k.form;
            if self
                .vocabulary
                .as_ref()
                .is_some_and(|v| !v.admits_in_any_case(form))
            {
                return None;
            }
            let entity = gaz.entity(id);
            let name = entity.names().nth(j as usize).unwrap_or("");
            let acronym = text::is_acronym(form);
            let others = places_elsewhere(&gaz, k);
            let all: Vec<(String, bool)> = forms(form)
                .into_iter()
                .flat_map(|f| {
                    case_forms(&f, acronym)
                        .into_iter()
                        .enumerate()
                        .map(|(k, cf)| (cf, k == 0))
                })
                .filter(|(f, _)| self.vocabulary.as_ref().is_none_or(|v| v.admits(f)))
                .collect();
            let variant = Variant {
                entity: id,
                acronym,
                ambiguous: entity.is_ambiguous(name),
                exact: false,
                elsewhere: 0,
            };
            Some((variant, all, others))
        };
        // The patterns, numbered in gazetteer order.
        let number = |(by_form, variants, elsewhere): &mut Numbered, _, block: Vec<NameForms>| {
            for (mut variant, all, others) in block {
                if !others.is_empty() {
                    elsewhere.push(others.into_boxed_slice());
                    variant.elsewhere = elsewhere.len() as u32;
                }
                for (f, exact) in all {
                    let pid = by_form.id(f);
                    if pid == variants.len() {
                        variants.push(Vec::new());
                    }
                    if variants[pid].iter().any(|v| v.entity == variant.entity) {
                        continue;
                    }
                    variants[pid].push(Variant { exact, ..variant });
                }
            }
        };
        let (by_form, mut variants, elsewhere) = pool.install(|| {
            crate::ordered::map_fold_in_order(
                gaz.key_claims(),
                4096,
                |block: &[crate::gazetteer::KeyClaims]| {
                    block.iter().filter_map(forms_of).collect::<Vec<_>>()
                },
                (Interner::default(), Vec::new(), Vec::new()),
                number,
            )
        });
        // A name written exactly so wins over another's name in a changed case
        // (`NICE` the acronym over `Nice` in capitals).
        for vs in &mut variants {
            vs.sort_by_key(|v| !v.exact);
        }
        let patterns = by_form.texts();
        // The automata, and meanwhile the start tests and the index of people.
        let (automata, (first_two, prefixes, starts, people, kinds)) = pool.join(
            || Automata::build(patterns, pool),
            || {
                // Which pairs of bytes begin a name (a one-byte name allows any second byte).
                let first_two = text::PairSet::of(patterns.iter().map(|p| p.as_bytes()));
                let prefixes = Prefixes::of(patterns);
                let starts = StartClasses::of(patterns);
                let is_person = |kind: &str| self.person_types.iter().any(|t| t == kind);
                let kinds = Kinds::new(&gaz, is_person);
                let people = PeopleIndex::new(&gaz, &kinds);
                (first_two, prefixes, starts, people, kinds)
            },
        );
        let automata = automata?;
        Ok(Matcher {
            gaz,
            automata,
            variants,
            elsewhere,
            by_form,
            first_two,
            prefixes,
            starts,
            people,
            kinds,
            in_document: self.in_document,
            fuzzy: self.fuzzy,
            word_positions: self.word_positions,
        })
    }
}

/// The first two bytes of every form the matcher looks for (each name in every form and
/// case it is matched in), for [`text::Vocabulary::for_names`].
///
/// A superset, made without building the forms: the first two bytes as written, with the
/// first in capitals, both in capitals, and a hyphen second as a space (`X-Men`, `X Men`);
/// and `al` for a name that begins with the Arabic article `Al` (`al-Tanf`).
pub fn name_starts(gaz: &Gazetteer) -> text::PairSet {
    /// Up to two bytes.
    struct Prefix([u8; 2], usize);
    impl AsRef<[u8]> for Prefix {
        fn as_ref(&self) -> &[u8] {
            &self.0[..self.1]
        }
    }
    let of = |keys: &[crate::gazetteer::KeyClaims]| {
        text::PairSet::of(keys.iter().flat_map(|k| {
            let b = k.form.as_bytes();
            let (a, c, len) = match *b {
                [] => (0, 0, 0),
                [a] => (a, 0, 1),
                [a, c, ..] => (a, c, 2),
            };
            let (ua, uc) = (a.to_ascii_uppercase(), c.to_ascii_uppercase());
            let space = if c == b'-' { b' ' } else { c };
            // `al-Tanf` for `Al-Tanf` ([`case_forms`]).
            let article = matches!(b, [b'A', b'l', b' ' | b'-', ..]);
            [
                Prefix([a, c], len),
                Prefix([ua, c], len),
                Prefix([ua, uc], len),
                Prefix([a, space], len),
                Prefix([ua, space], len),
                Prefix(if article { *b"al" } else { [a, c] }, len),
            ]
        }))
    };
    // In blocks, in parallel (in the caller's rayon pool): a large gazetteer has 300,000 keys.
    use rayon::prelude::*;
    gaz.key_claims()
        .par_chunks(16_384)
        .map(of)
        .reduce(text::PairSet::default, |a, b| a.union(&b))
}

/// A company's last word and the short form news writes for it (`Toyota Motor Corp`).
const SUFFIXES: &[(&str, &str)] = &[
    (" Corporation", " Corp"),
    (" Company", " Co"),
    (" Incorporated", " Inc"),
    (" Limited", " Ltd"),
];

/// Abbreviations in names (`St. Louis`, `Port St. Lucie`, `Mt. Kenya`, `Ft. Lauderdale`), which
/// American news writes with a point and British news without.
const POINTED: &[&str] = &["St", "Mt", "Ft"];

/// `name` with its [`POINTED`] abbreviations and its initials (one capital letter: `George W.
/// Bush`, `J. K. Rowling`) written the other way (`St. Louis` and `St Louis`, `George W. Bush`
/// and `George W Bush`, as British and Australian news write them), if it has any before its
/// last word.
fn pointed_form(name: &str) -> Option<String> {
    let (init, last) = name.rsplit_once(' ')?;
    let is_initial = |w: &str| w.len() == 1 && w.as_bytes()[0].is_ascii_uppercase();
    let mut changed = false;
    let mut out = String::with_capacity(name.len() + 2);
    for w in init.split(' ') {
        let other = match w.strip_suffix('.') {
            Some(abbr) if POINTED.contains(&abbr) || is_initial(abbr) => Some(abbr.to_string()),
            _ if POINTED.contains(&w) || is_initial(w) => Some(format!("{}.", w)),
            _ => None,
        };
        changed |= other.is_some();
        out.push_str(other.as_deref().unwrap_or(w));
        out.push(' ');
    }
    out.push_str(last);
    changed.then_some(out)
}

/// The forms a normalised name is matched in: itself, without a final point (`U.S.`, `U.S`),
/// with a company's last word shortened (`China National Petroleum Corp`, `Abu Dhabi
/// National Oil Co`; the point after it is no part of the name), with or without the point
/// of an abbreviation before its last word ([`pointed_form`]: `St. Louis`, `St Louis`); each
/// with its hyphens between letters as spaces, as the text is searched
/// ([`text::fold_hyphens`]: `al-Qaeda`, `al Qaeda` and `Al-Qaeda` in the text are one form).
fn forms(form: &str) -> Vec<String> {
    let mut out = vec![form.to_string()];
    for (long, short) in SUFFIXES {
        if let Some(stem) = form.strip_suffix(long) {
            if stem.contains(' ') || stem.len() >= 4 {
                out.push(format!("{}{}", stem, short));
            }
        }
    }
    if let Some(f) = pointed_form(form) {
        out.push(f);
    }
    let b = form.as_bytes();
    let inner_hyphen = (1..b.len().saturating_sub(1))
        .any(|i| b[i] == b'-' && is_word_byte(b[i - 1]) && is_word_byte(b[i + 1]));
    if inner_hyphen {
        out.push(form.replace('-', " "));
    }
    // `Islamic State - Khorasan Province` for `Islamic State-Khorasan Province`: a hyphen
    // between two words of three letters or more, the second capitalised, also with spaces.
    let spaced = |i: usize| {
        i >= 3
            && i + 4 <= b.len()
            && b[i] == b'-'
            && b[i - 3..i].iter().all(u8::is_ascii_alphabetic)
            && b[i + 1].is_ascii_uppercase()
            && b[i + 1..i + 4].iter().all(u8::is_ascii_alphabetic)
    };
    if (0..b.len()).any(spaced) {
        // Only those hyphens (not `al-Burhan`'s: `al` is too short).
        let mut f = String::with_capacity(form.len() + 4);
        for (i, ch) in form.char_indices() {
            if spaced(i) {
                f.push_str(" - ");
            } else {
                f.push(ch);
            }
        }
        out.push(f);
    }
    if form.len() > 2 && form.ends_with('.') && form.matches('.').count() > 1 {
        out.push(form[..form.len() - 1].to_string());
    }
    // As the text is searched: a hyphen between letters reads as a space there.
    let mut folded: Vec<String> = Vec::with_capacity(out.len());
    for f in out.into_iter().map(|f| text::fold_hyphens_str(&f)) {
        if !folded.contains(&f) {
            folded.push(f);
        }
    }
    folded
}

/// Anchored leftmost-longest automata over the patterns, one per group of first bytes.
///
/// Names are only looked for where they can start (see [`Matcher::candidates`]), so every
/// search is anchored, and a search at a byte needs only the names that begin with it: the
/// patterns are split by first byte into groups of about the same size, whose automata build
/// in parallel (the aho-corasick crate builds one automaton on one thread).
#[derive(Clone, Debug)]
struct Automata {
    /// The automaton for the names that begin with a byte.
    of_byte: [u8; 256],
    parts: Vec<Part>,
}

/// About how many bytes of names go into one automaton (see [`Automata::build`]). With the
/// bundled gazetteers' 89,500 patterns (no vocabulary), 64 KiB parts peak at 51 MB on one
/// thread where 256 KiB parts peaked at 67 MB, and build 12% faster, with the same matching
/// speed (a search uses one part whatever their number); smaller parts change little, as no
/// part is split below one first byte.
const PART_BYTES: usize = 1 << 16;

#[derive(Clone, Debug)]
struct Part {
    ac: AhoCorasick,
    /// The matcher's pattern id of each of the automaton's patterns.
    ids: Vec<u32>,
}

impl Automata {
    fn build(patterns: &[Box<str>], pool: &rayon::ThreadPool) -> Result<Automata> {
        let threads = pool.current_num_threads();
        // Longest-processing-time-first: the heaviest first bytes go to the lightest group.
        let mut weight = [0usize; 256];
        for p in patterns {
            if let Some(&b) = p.as_bytes().first() {
                weight[b as usize] += p.len();
            }
        }
        let mut bytes: Vec<usize> = (0..256).filter(|&b| weight[b] > 0).collect();
        bytes.sort_by_key(|&b| std::cmp::Reverse(weight[b]));
        // One automaton per thread for a few names; four per thread (for an even load) beyond
        // PART_BYTES / 4 of names; and one per PART_BYTES: the crate builds an automaton
        // through an intermediate one several times its size, so smaller parts keep the peak
        // memory of a big gazetteer down (automata are built `threads` at a time).
        let total: usize = weight.iter().sum();
        let per_thread = if total > PART_BYTES / 4 { 4 } else { 1 };
        let n = (per_thread * threads)
            .max(total.div_ceil(PART_BYTES))
            .min(bytes.len())
            .max(1);
        let mut load = vec![0usize; n];
        let mut of_byte = [0u8; 256];
        for b in bytes {
            let g = (0..n).min_by_key(|&g| load[g]).unwrap_or(0);
            load[g] += weight[b];
            of_byte[b] = g as u8;
        }
        let mut groups: Vec<Vec<u32>> = vec![Vec::new(); n];
        for (pid, p) in patterns.iter().enumerate() {
            if let Some(&b) = p.as_bytes().first() {
                groups[of_byte[b as usize] as usize].push(pid as u32);
            }
        }
        let part = |ids: Vec<u32>| -> Result<Part> {
            let ac = AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .start_kind(aho_corasick::StartKind::Anchored)
                .build(ids.iter().map(|&i| patterns[i as usize].as_bytes()))
                .map_err(|e| Error::gazetteer(format!("cannot build the matcher: {}", e)))?;
            Ok(Part { ac, ids })
        };
        let parts: Result<Vec<Part>> = {
            use rayon::prelude::*;
            pool.install(|| groups.into_par_iter().map(part).collect())
        };
        Ok(Automata {
            of_byte,
            parts: parts?,
        })
    }

    /// The longest name that starts at `at` (pattern id and end), if any.
    #[inline]
    fn longest_at(&self, hay: &[u8], at: usize) -> Option<(usize, usize)> {
        let part = &self.parts[self.of_byte[hay[at] as usize] as usize];
        let input = aho_corasick::Input::new(hay)
            .span(at..hay.len())
            .anchored(aho_corasick::Anchored::Yes);
        let m = part.ac.find(input)?;
        Some((part.ids[m.pattern().as_usize()] as usize, m.end()))
    }
}

/// The first four bytes of the names (hashed into a bit set: no false negatives), and the
/// first two of the names shorter than four bytes, which the four-byte test cannot cover.
#[derive(Clone, Debug)]
struct Prefixes {
    short: text::PairSet,
    quads: Box<[u64]>,
    /// The size of `quads` in bits, as a power of two.
    bits: u32,
}

impl Prefixes {
    /// About 64 bits a pattern (a percent or two of false positives), from 2^12 bits (512
    /// bytes) to 2^20 (128 KiB): a bit set bigger than the names need costs page faults
    /// in a run over a few articles.
    fn bits(patterns: usize) -> u32 {
        (usize::BITS - patterns.leading_zeros() + 6).clamp(12, 20)
    }

    fn of(patterns: &[Box<str>]) -> Prefixes {
        let short = text::PairSet::of(
            patterns
                .iter()
                .filter(|p| p.len() < 4)
                .map(|p| p.as_bytes()),
        );
        let bits = Self::bits(patterns.len());
        let mut quads = vec![0u64; 1 << (bits - 6)].into_boxed_slice();
        for p in patterns {
            if let Some(q) = p.as_bytes().first_chunk::<4>() {
                let h = Self::hash(*q, bits);
                quads[h >> 6] |= 1 << (h & 63);
            }
        }
        Prefixes { short, quads, bits }
    }

    #[inline]
    fn hash(q: [u8; 4], bits: u32) -> usize {
        (u32::from_le_bytes(q).wrapping_mul(0x9E37_79B1) >> (32 - bits)) as usize
    }

    #[inline]
    fn contains(&self, q: [u8; 4]) -> bool {
        let h = Self::hash(q, self.bits);
        self.quads[h >> 6] & (1 << (h & 63)) != 0
    }
}

/// Which classes of byte begin some name, as masks for [`scan::Block`]s (all ones or none):
/// with names that all begin with a capital, only capitalised words are looked at.
#[derive(Clone, Copy, Debug, Default)]
struct StartClasses {
    upper: u64,
    lower: u64,
    digit: u64,
    non_word: u64,
}

impl StartClasses {
    fn of(patterns: &[Box<str>]) -> StartClasses {
        let mut c = StartClasses::default();
        for p in patterns {
            let Some(&b) = p.as_bytes().first() else {
                continue;
            };
            let class = if b.is_ascii_uppercase() {
                &mut c.upper
            } else if b.is_ascii_lowercase() {
                &mut c.lower
            } else if b.is_ascii_digit() {
                &mut c.digit
            } else {
                &mut c.non_word
            };
            *class = !0;
        }
        c
    }
}

/// A name's entity and flags, with the forms it is looked for in (text, written so exactly)
/// and the places elsewhere that share it ([`places_elsewhere`]).
type NameForms = (Variant, Vec<(String, bool)>, Vec<EntityId>);

/// The patterns, the entities of each, and the lists of places that share a name.
type Numbered = (Interner, Vec<Vec<Variant>>, Vec<Box<[EntityId]>>);

#[derive(Clone, Debug)]
struct Variant {
    entity: EntityId,
    acronym: bool,
    ambiguous: bool,
    exact: bool,
    /// 1 + the index of the places in other countries that share the name (in
    /// [`Matcher::elsewhere`]), or 0.
    elsewhere: u32,
}

/// The other claimants of a place's name that are places in other countries (`Hyderabad,
/// Pakistan` for `Hyderabad`, India's), one per country, in order of precedence: the name is
/// theirs in a document that names their country and not the winner's (see
/// [`resolve::choose_by_country`]). Empty unless the winner is a place with a `country`.
fn places_elsewhere(gaz: &Gazetteer, k: &crate::gazetteer::KeyClaims) -> Vec<EntityId> {
    let winner = k.claims[0].0;
    let mut out: Vec<EntityId> = Vec::new();
    for &(id, _) in &k.claims[1..] {
        // Elsewhere than the winner and than each place already taken.
        if gaz.is_place_elsewhere(winner, id) && out.iter().all(|&o| gaz.is_place_elsewhere(o, id))
        {
            out.push(id);
        }
    }
    out
}

/// A compiled gazetteer matcher. Cheap to share between threads (`Sync`).
#[derive(Clone, Debug)]
pub struct Matcher {
    gaz: Arc<Gazetteer>,
    automata: Automata,
    variants: Vec<Vec<Variant>>,
    /// The places in other countries that share a place's name ([`places_elsewhere`]).
    elsewhere: Vec<Box<[EntityId]>>,
    /// The patterns, numbered (pattern ids), for the look-up of shorter names.
    by_form: Interner,
    first_two: text::PairSet,
    prefixes: Prefixes,
    starts: StartClasses,
    people: PeopleIndex,
    kinds: Kinds,
    in_document: bool,
    fuzzy: bool,
    word_positions: bool,
}

/// How a mention was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// A gazetteer name.
    Gazetteer,
    /// A gazetteer name that needs context, with context.
    Context,
    /// An acronym defined in the document in parentheses after a name.
    Acronym,
    /// A person's surname after their full name.
    Surname,
    /// A near-miss spelling of a multi-word person name.
    Fuzzy,
}

/// One mention of an entity in a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Byte offset of the start in the original input.
    pub start: usize,
    /// Byte offset of the end (exclusive) in the original input.
    pub end: usize,
    /// The entity.
    pub entity: EntityId,
    /// The 0-based sentence index in the document.
    pub sentence: usize,
    /// The 0-based paragraph index in the document.
    pub paragraph: usize,
    /// The 0-based index of the mention's first word among the document's words (0 when the
    /// matcher was built without [`MatcherBuilder::word_positions`]).
    pub token: usize,
    /// How it was found.
    pub method: Method,
}

/// A sentence of a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Byte offset of the start in the original input.
    pub start: usize,
    /// Byte offset of the end (exclusive) in the original input.
    pub end: usize,
    /// The 0-based paragraph index.
    pub paragraph: usize,
}

/// A document with its sentences and mentions.
#[derive(Clone, Debug, Default)]
pub struct Annotated {
    /// The mentions, in document order.
    pub mentions: Vec<Mention>,
    /// The sentences, in document order.
    pub sentences: Vec<Sentence>,
    /// The number of words in the document.
    pub words: usize,
}

/// An iterator over the mentions of a document, in order. Made by [`Matcher::find_iter`].
#[derive(Debug)]
pub struct Mentions {
    inner: std::vec::IntoIter<Mention>,
}

impl Iterator for Mentions {
    type Item = Mention;
    fn next(&mut self) -> Option<Mention> {
        self.inner.next()
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.size_hint()
    }
}

impl ExactSizeIterator for Mentions {}

impl Matcher {
    /// The gazetteer the matcher was built for.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gaz
    }

    /// A shared handle to the gazetteer.
    pub fn gazetteer_arc(&self) -> Arc<Gazetteer> {
        Arc::clone(&self.gaz)
    }

    /// The number of distinct patterns the automaton holds.
    pub fn pattern_count(&self) -> usize {
        self.variants.len()
    }

    /// The mentions of a document, in order. `haystack` may hold invalid UTF-8.
    pub fn find_iter(&self, haystack: impl AsRef<[u8]>) -> Mentions {
        Mentions {
            inner: self.annotate(haystack).mentions.into_iter(),
        }
    }

    /// Finds the mentions and the sentences of a document.
    ///
    /// # Complexity
    /// Linear in the length of the document and the number of candidate matches.
    pub fn annotate(&self, haystack: impl AsRef<[u8]>) -> Annotated {
        let input = haystack.as_ref();
        let mut norm = text::normalize(input);
        norm.mask_urls();
        let candidates = self.candidates(&norm);
        let ctx = resolve::Context {
            gaz: &self.gaz,
            kinds: &self.kinds,
            people: &self.people,
            elsewhere: &self.elsewhere,
            in_document: self.in_document,
            fuzzy: self.fuzzy,
        };
        let found = resolve::resolve(&ctx, &norm, candidates);
        assemble(&norm, found, self.word_positions)
    }

    /// Every candidate match that passes the word-boundary and case checks.
    ///
    /// One leftmost-longest scan: at each start, the longest name that passes the checks
    /// wins; when the longest fails (`Russia` in `Russian`), the shorter names that start
    /// there and end on a word boundary are looked up directly. For a name that needs context,
    /// the longest unambiguous name under it is kept too, in case the context is missing.
    ///
    /// # Complexity
    /// One pass of the automaton, plus a hash look-up per word boundary inside a failed match.
    fn candidates(&self, norm: &Normalized) -> Vec<Candidate> {
        let folded = text::fold_hyphens(norm.as_bytes());
        let hay: &[u8] = &folded;
        let mut out = Vec::new();
        let mut pos = 0;
        let starts = self.starts;
        for block in scan::blocks(hay) {
            // The places a name can start: word starts of the classes that begin some name
            // (and non-word bytes, if a name begins with one); the rest of a word is skipped.
            let mut bits = block.starts
                & (block.upper & starts.upper
                    | block.lower & starts.lower
                    | block.digit() & starts.digit)
                | block.non_word() & starts.non_word;
            while bits != 0 {
                let at = block.base + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                if at < pos || !self.may_start(hay, at) {
                    continue;
                }
                let Some((pid, e)) = self.automata.longest_at(hay, at) else {
                    continue;
                };
                let s = at;
                let mut best = self.check(norm, hay, s, e, pid);
                if best.is_none_or(|c| c.how == How::NeedsContext) {
                    for e2 in (s + 1..e).rev() {
                        if !ends_word(hay, e2) {
                            continue;
                        }
                        let Some(pid) = self.by_form.get(&hay[s..e2]) else {
                            continue;
                        };
                        let Some(c) = self.check(norm, hay, s, e2, pid) else {
                            continue;
                        };
                        match best {
                            None => best = Some(c),
                            Some(_) if c.how != How::NeedsContext => {
                                out.push(c);
                                break;
                            }
                            Some(_) => continue,
                        }
                        if c.how != How::NeedsContext {
                            break;
                        }
                    }
                }
                if let Some(c) = best {
                    out.push(c);
                    pos = c.end;
                }
            }
        }
        out
    }

    /// Whether a name may start at `at` (a place the caller found where a word can start):
    /// some name begins with the two bytes there, and with the four bytes there unless a
    /// name of three bytes or less begins with the two. Most capitalised words that are no
    /// name's start are ruled out here, before an automaton search.
    #[inline]
    fn may_start(&self, hay: &[u8], at: usize) -> bool {
        let (b, next) = (hay[at], hay.get(at + 1).copied().unwrap_or(0));
        self.first_two.contains(b, next)
            && (self.prefixes.short.contains(b, next)
                || hay
                    .get(at..at + 4)
                    .is_some_and(|q| self.prefixes.contains(q.try_into().unwrap_or_default())))
    }

    /// The candidate for pattern `pid` at `[s, e)`, if it ends a word and passes the case rules.
    fn check(
        &self,
        norm: &Normalized,
        hay: &[u8],
        s: usize,
        e: usize,
        pid: usize,
    ) -> Option<Candidate> {
        if !ends_word(hay, e) {
            return None;
        }
        let v = &self.variants[pid][0];
        if v.acronym && word_like_acronym(&hay[s..e]) && all_caps_context(norm, s, e) {
            return None;
        }
        Some(Candidate {
            start: s,
            end: e,
            entity: v.entity,
            how: if v.ambiguous {
                How::NeedsContext
            } else {
                How::Name
            },
            elsewhere: v.elsewhere,
        })
    }
}

/// Whether a name may end at `e`: not inside a word, and a name ending in a point (`U.S.`)
/// is not followed by a letter (`U.S.A`).
fn ends_word(hay: &[u8], e: usize) -> bool {
    e >= hay.len() || !is_word_byte(hay[e]) || !(is_word_byte(hay[e - 1]) || hay[e - 1] == b'.')
}

/// The capitalisations a normalised name is matched in (see the module docs): as written;
/// unless it is an acronym, with every word capitalised (title case) and, when it begins in
/// lower case, with its first letter capitalised (`Von der Leyen` beginning a sentence); and in
/// capitals, for names of four letters or more (so that `LeT` does not become `LET`).
fn case_forms(form: &str, acronym: bool) -> Vec<String> {
    let mut out = vec![form.to_string()];
    if acronym {
        return out;
    }
    let b = form.as_bytes();
    let title: String = b
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            if i == 0 || !is_word_byte(b[i - 1]) && b[i - 1] != b'\'' {
                c.to_ascii_uppercase() as char
            } else {
                c as char
            }
        })
        .collect();
    if title != form {
        out.push(title);
    }
    // `Von der Leyen` at the start of a sentence.
    if b[0].is_ascii_lowercase() {
        let mut first = form.to_string();
        first[..1].make_ascii_uppercase();
        if !out.contains(&first) {
            out.push(first);
        }
    }
    if b.iter().filter(|c| c.is_ascii_alphabetic()).count() >= 4 {
        let upper = form.to_ascii_uppercase();
        if !out.contains(&upper) {
            out.push(upper);
        }
    }
    // The Arabic article in lower case, as news writes it inside a sentence (`al-Tanf`,
    // `al-Shabaab` for `Al-Tanf`, `Al-Shabaab`; a hyphen is searched as a space).
    if let Some(rest) = form.strip_prefix("Al ") {
        if rest.as_bytes().first().is_some_and(u8::is_ascii_uppercase) {
            let lower = format!("al {}", rest);
            if !out.contains(&lower) {
                out.push(lower);
            }
        }
    }
    out
}

/// Common English words of up to three letters, which text in capitals writes like acronyms
/// (`THIS IS WHY`, `JOIN US`, `WHO WON`).
const SHORT_WORDS: &[&str] = &[
    "a", "ago", "all", "am", "an", "and", "any", "app", "are", "as", "ask", "at", "bad", "be",
    "big", "but", "buy", "by", "can", "car", "day", "did", "do", "dog", "eat", "end", "far", "few",
    "for", "get", "go", "got", "had", "has", "he", "her", "him", "his", "hot", "how", "i", "ice",
    "if", "in", "is", "it", "its", "job", "key", "law", "let", "lie", "low", "man", "may", "me",
    "men", "my", "new", "no", "not", "now", "of", "off", "oh", "oil", "ok", "old", "on", "one",
    "or", "our", "out", "own", "pay", "put", "red", "run", "sad", "saw", "say", "sea", "see",
    "set", "she", "sit", "so", "son", "sun", "tax", "ten", "the", "to", "too", "top", "try", "two",
    "up", "us", "use", "war", "was", "way", "we", "who", "why", "win", "yes", "yet", "you",
];

/// Whether an acronym could be an English word written in capitals: three letters or fewer,
/// no point, and one of [`SHORT_WORDS`] (`IS`, `US`, `WHO`; not `UN`, `UK`, `U.S.`).
fn word_like_acronym(text: &[u8]) -> bool {
    text.len() <= 3
        && text.iter().all(u8::is_ascii_alphabetic)
        && SHORT_WORDS
            .iter()
            .any(|w| w.as_bytes().eq_ignore_ascii_case(text))
}

/// Whether the text around `[s, e)` (on the same line) is written in capitals only.
fn all_caps_context(norm: &Normalized, s: usize, e: usize) -> bool {
    let hay = norm.as_bytes();
    let line = norm.line_around(s, e, 40);
    let (lo, hi) = (line.start, line.end);
    let window = [&hay[lo..s], &hay[e..hi]];
    let upper: usize = window
        .iter()
        .map(|w| w.iter().filter(|b| b.is_ascii_uppercase()).count())
        .sum();
    let lower = window.iter().any(|w| w.iter().any(u8::is_ascii_lowercase));
    !lower && upper >= 8
}

/// Segments the document, assigns sentences and words, and maps offsets to the original.
fn assemble(norm: &Normalized, found: Vec<Candidate>, word_positions: bool) -> Annotated {
    let inside = |p: usize| {
        let i = found.partition_point(|c| c.end <= p);
        i < found.len() && found[i].start < p
    };
    let spans = segment::sentences(norm, inside);
    let hay = norm.as_bytes();
    let mut mentions = Vec::with_capacity(found.len());
    let mut words = 0usize;
    let mut pos = 0usize;
    let count_words = |upto: usize, words: &mut usize, pos: &mut usize| {
        if word_positions {
            *words += text::count_word_starts(hay, *pos, upto);
        }
        *pos = upto;
    };
    for c in &found {
        count_words(c.start, &mut words, &mut pos);
        let si = spans
            .partition_point(|s| s.start <= c.start)
            .saturating_sub(1);
        mentions.push(Mention {
            start: norm.to_original(c.start),
            end: norm.to_original_end(c.end),
            entity: c.entity,
            sentence: si,
            paragraph: spans.get(si).map_or(0, |s| s.paragraph),
            token: words,
            method: c.how.method(),
        });
    }
    count_words(hay.len(), &mut words, &mut pos);
    let sentences = spans
        .iter()
        .map(|s| Sentence {
            start: norm.to_original(s.start),
            end: norm.to_original_end(s.end),
            paragraph: s.paragraph,
        })
        .collect();
    Annotated {
        mentions,
        sentences,
        words,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_forms_table() {
        let cases: &[(&str, bool, &[&str])] = &[
            ("Russia", false, &["Russia", "RUSSIA"]),
            (
                "Ministry of Foreign Affairs",
                false,
                &[
                    "Ministry of Foreign Affairs",
                    "Ministry Of Foreign Affairs",
                    "MINISTRY OF FOREIGN AFFAIRS",
                ],
            ),
            ("al Qaeda", false, &["al Qaeda", "Al Qaeda", "AL QAEDA"]),
            (
                "von der Leyen",
                false,
                &[
                    "von der Leyen",
                    "Von Der Leyen",
                    "Von der Leyen",
                    "VON DER LEYEN",
                ],
            ),
            ("LeT", false, &["LeT"]),
            ("US", true, &["US"]),
            ("U.S.", true, &["U.S."]),
            (
                "Cote d'Ivoire",
                false,
                &["Cote d'Ivoire", "Cote D'Ivoire", "COTE D'IVOIRE"],
            ),
        ];
        for &(form, acronym, want) in cases {
            assert_eq!(case_forms(form, acronym), want, "{}", form);
        }
    }

    #[test]
    fn every_name_passes_the_start_test() {
        let m = MatcherBuilder::new()
            .build(crate::Gazetteer::bundled().unwrap())
            .unwrap();
        let patterns: Vec<&[u8]> = m.by_form.texts().iter().map(|k| k.as_bytes()).collect();
        assert_eq!(patterns.len(), m.pattern_count());
        let mut ruled_out = 0;
        for p in &patterns {
            // The name alone, and followed by text.
            assert!(m.may_start(p, 0), "{:?}", String::from_utf8_lossy(p));
            assert!(m.may_start(&[*p, b" said".as_slice()].concat(), 0));
        }
        for w in [
            "The",
            "But",
            "When",
            "However",
            "Mr",
            "Reuters",
            "Australian",
            "Sydney",
        ] {
            ruled_out += !m.may_start(w.as_bytes(), 0) as usize;
        }
        // Most capitalised words that begin no name never reach the automaton.
        assert!(ruled_out >= 2, "{}", ruled_out);
    }

    #[test]
    fn any_number_of_automata_gives_the_same_mentions() {
        let gaz = std::sync::Arc::new(crate::Gazetteer::bundled().unwrap());
        let one = MatcherBuilder::new()
            .threads(Some(1))
            .build(std::sync::Arc::clone(&gaz))
            .unwrap();
        let least = one.automata.parts.len();
        for n in [2, 3, 7] {
            let many = MatcherBuilder::new()
                .threads(Some(n))
                .build(std::sync::Arc::clone(&gaz))
                .unwrap();
            assert_eq!(many.automata.parts.len(), (4 * n).max(least));
            for (_, d) in crate::bundled::SEEDS {
                assert_eq!(one.annotate(d).mentions, many.annotate(d).mentions);
            }
        }
    }

    #[test]
    fn vocabulary_gives_the_same_mentions() {
        let gaz = std::sync::Arc::new(crate::Gazetteer::bundled().unwrap());
        let full = MatcherBuilder::new()
            .build(std::sync::Arc::clone(&gaz))
            .unwrap();
        let docs: Vec<&[u8]> = crate::bundled::SEEDS.iter().map(|(_, b)| *b).collect();
        let mut vocab = text::Vocabulary::new();
        for d in &docs {
            vocab.add_document(d);
        }
        // Only the words that begin like a name: fewer words, the same names admitted.
        let mut only = text::Vocabulary::for_names(name_starts(&gaz));
        for d in &docs {
            only.add_document(d);
        }
        assert!(
            only.len() * 2 < vocab.len(),
            "{} of {}",
            only.len(),
            vocab.len()
        );
        let small = MatcherBuilder::new()
            .vocabulary(vocab)
            .build(std::sync::Arc::clone(&gaz))
            .unwrap();
        let filtered = MatcherBuilder::new().vocabulary(only).build(gaz).unwrap();
        assert!(small.pattern_count() * 20 < full.pattern_count());
        assert!(filtered.pattern_count() <= small.pattern_count());
        for d in docs {
            assert_eq!(full.annotate(d).mentions, small.annotate(d).mentions);
            assert_eq!(full.annotate(d).mentions, filtered.annotate(d).mentions);
        }
    }

    /// Checks a table of (text, what is found) with the bundled gazetteers; `show` gives what
    /// the table lists of a mention.
    fn check_table(cases: &[(&str, &[&str])], show: impl Fn(&Matcher, &str, &Mention) -> String) {
        let m = MatcherBuilder::new()
            .build(crate::Gazetteer::bundled().unwrap())
            .unwrap();
        for &(text, want) in cases {
            let got: Vec<String> = m
                .annotate(text)
                .mentions
                .iter()
                .map(|x| show(&m, text, x))
                .collect();
            assert_eq!(got, want, "{}", text);
        }
    }

    #[test]
    fn surnames_that_are_places_table() {
        // (text, the mentions found): a one-word place after a title or a given name is a
        // person's surname; not after a word that is itself a place.
        let cases: &[(&str, &[&str])] = &[
            ("Education Minister Brendan Nelson, says he", &[]),
            ("Mr Nelson will not say. Mr. Vaughan did.", &[]),
            ("Peru's President Alejandro Toledo has cut short", &["Peru"]),
            ("dietitian Rachael Bradford says", &[]),
            // Given names of world news (`WORLD_MORE` of scripts/build_given_names.py): many
            // Japanese family names are towns.
            (
                "Hiroshi Matsumoto and Takeshi Yamaguchi spoke in Yamaguchi.",
                &["Yamaguchi"],
            ),
            ("Radoslaw Toledo met Kwame Lima.", &[]),
            (
                "The flight from Sydney to Toledo landed.",
                &["Sydney", "Toledo"],
            ),
            ("Dr. Khair spoke. Khair is a doctor, in Khair.", &["Khair"]),
            ("Jack London wrote of Kabul.", &["Kabul"]),
            // Another person of the same surname.
            ("Jill Biden spoke. President Biden said.", &["Biden"]),
            (
                "Jens Stoltenberg spoke; Jason Stoltenberg played; Stoltenberg left.",
                &["Jens Stoltenberg", "Stoltenberg"],
            ),
            // Any capitalised word before a surname that is no title or sentence word is
            // another person's first name; a short line's end is no word before.
            (
                "Imran Khan spoke. Police officer Anwarullah Khan said. When Khan left, Spokesman Khan said.",
                &["Imran Khan", "Khan", "Khan"],
            ),
            ("World News\nMaduro spoke. Nicolás Maduro said.", &["Maduro", "Nicolás Maduro"]),
            // A title is not part of the name after it.
            (
                "Chinese President Xi Jinping met President Xi's aides.",
                &["Xi Jinping", "Xi"],
            ),
            // Regressions: a word before that is a mention, or no name at all.
            ("Israel Gaza war talks resumed.", &["Israel", "Gaza"]),
            ("Georgia Ukraine talks.", &["Ukraine"]),
            ("Will Kabul fall? May Kabul stand.", &["Kabul", "Kabul"]),
            ("Vladimir Gusev said.", &[]),
            // One sense per document, but after a place preposition.
            (
                "Spokesman Asadullah Safi spoke. Safi said so in Safi.",
                &["Safi"],
            ),
        ];
        check_table(cases, |_, text, x| text[x.start..x.end].to_string());
    }

    #[test]
    fn longer_names_table() {
        // (text, the mentions found): the longest name is the mention (src/resolve/extend.rs).
        let cases: &[(&str, &[&str])] = &[
            // A company's legal form, with its point, and `Holding` or `Group` before it.
            (
                "Volkswagen AG fell; Novo Nordisk A/S and Roche Holding AG rose.",
                &["Volkswagen AG", "Novo Nordisk A/S", "Roche Holding AG"],
            ),
            (
                "Intel Corp. has shelved plans. Taiwan Semiconductor Manufacturing Co. grew.",
                &["Intel Corp.", "Taiwan Semiconductor Manufacturing Co."],
            ),
            ("Hyundai Motor Group said.", &["Hyundai Motor Group"]),
            // A branch or an edition; not a pair, nor after `told`.
            (
                "Amnesty International Kenya said so.",
                &["Amnesty International Kenya"],
            ),
            ("A source told Reuters Ukraine would attack.", &["Reuters", "Ukraine"]),
            // A subdivision's kind.
            (
                "Jobs in Aichi Prefecture and Borno State grew.",
                &["Aichi Prefecture", "Borno State"],
            ),
            // A body of an organisation, also after an acronym defined in the text.
            (
                "The African Union (AU) met. AU Commission chairperson Mahamat spoke. The UN Verification Mission grew.",
                &["African Union", "AU"],
            ),
            // Institutions of a country, foreign names, nicknames.
            (
                "The Law Society of Kenya and the Armed Forces of Liberia spoke.",
                &[],
            ),
            (
                "The Banco de Chile governor spoke in Santiago de Chile.",
                &[],
            ),
            (
                "Díaz, alias “Calarcá,” fled to Colombia with Los Lobos.",
                &["Colombia"],
            ),
            // Regressions: MPs are no longer name; a byline's line ends the name; a town that
            // is the surname of a person named in full; East Asian family names.
            (
                "At Westminster, Labour MPs in the UK have grown restive.",
                &["Westminster", "Labour", "UK"],
            ),
            (
                "Mark Paul\nLondon Correspondent\n\nStarmer spoke in London on Thursday, and again in Downing Street, London, later.",
                &["London", "Starmer", "London", "Downing Street", "London"],
            ),
            (
                "Bank of Japan Gov. Kazuo Ueda spoke on Monday. Ueda said the bank would weigh a hike.",
                &["Bank of Japan", "Kazuo Ueda", "Ueda"],
            ),
            (
                "Foreign Minister Choe Son Hui visited Beijing. Choe met Wang Yi. Hui said so.",
                &["Choe Son Hui", "Beijing", "Choe", "Wang Yi"],
            ),
            (
                "Former Prime Minister Han Duck-soo was questioned. Han denied the charges.",
                &["Han Duck-soo", "Han"],
            ),
            (
                "A paragraph that is long enough to be a whole line of a scraped article, ending in Berlin\nWe have been covering the war since day one.",
                &["Berlin"],
            ),
        ];
        check_table(cases, |_, text, x| text[x.start..x.end].to_string());
    }

    #[test]
    fn bundled_entities_news_means_table() {
        // (text, the entities found): which of several places of one name news means.
        let cases: &[(&str, &[&str])] = &[
            (
                "Seven people died on Queensland roads, five in Victoria.",
                &["queensland", "victoria-au"],
            ),
            ("Queen Victoria ruled from London.", &["london"]),
            // A title after a name needing context is no longer name (`Charlotte Lucas`).
            (
                "The Federal Reserve held rates. Fed Chair Jerome Powell said so.",
                &["federal-reserve", "federal-reserve", "jerome-powell"],
            ),
            (
                "Storms hit Australia's New South Wales. New South Wales Premier Bob Carr flew in.",
                &["australia", "new-south-wales", "new-south-wales"],
            ),
            // Nor is a word of a headline in Title Case; and a place of the country
            // supports the country's ambiguous name.
            (
                "Georgia Bars Opposition Leaders From Vote\nIn Tbilisi, Georgia's party won.",
                &["georgia", "tbilisi", "georgia"],
            ),
            (
                "Michael Jordan and Georgia Smith flew to Atlanta.",
                &["atlanta"],
            ),
            (
                "Charlotte Lucas came in. Charlotte in North Carolina.",
                &["north-carolina"],
            ),
            // A country after a preposition of movement, or listed with another country.
            (
                "Troops moved to Niger. The border with Chad closed.",
                &["niger", "chad"],
            ),
            (
                "Leaders of Mali, Burkina Faso and Niger met. Chad, Niger and Mali signed.",
                &["mali", "burkina-faso", "niger", "chad", "niger", "mali"],
            ),
            (
                "Michael Jordan, Chad Smith and Georgia Lee flew to Atlanta.",
                &["atlanta"],
            ),
            // A near miss is a whole run of capitalised words, after a title or not (`Shan
            // Masood` is a cricketer; `Ahmad Shah Masood` two edits from `Ahmad Shah Massoud`).
            (
                "The commander Ahmad Shah Masood died. Defence Minister Sergey Shoigy spoke.",
                &["sergei-shoigu"],
            ),
            // A stage name's first word is no first name (`The Rock`: `The Pakistan-based`).
            (
                "Dwayne Johnson, The Rock, starred. The Pakistan-based agency said so.",
                &["dwayne-johnson", "dwayne-johnson", "pakistan"],
            ),
            // One sense per document: a name with context at one place has it at the others,
            // but at a sentence's start and before a capitalised word.
            (
                "Fans cheered in Wales. Then Wales fans sang, and Wales won.",
                &["wales", "wales", "wales"],
            ),
            (
                "He lives in Reading. Reading the report, he smiled.",
                &["reading"],
            ),
            // A place's name before `Valley`, `Delta`, `Accords` is still the place's.
            (
                "Israel would annex the Jordan Valley, officials in Jordan said.",
                &["israel", "jordan"],
            ),
            // A place's name inside another's or a body's: after `Lake`, `Lower`, `Mount`; a
            // word of a compound with `-e-`; before `Police` or `Defence Force`.
            (
                "Fighting by Lake Kabul, in Lower Helmand, in Qala-e-Jangi; the Punjab Police and the Herat Defence Force said.",
                &[],
            ),
            // An acronym that needs context has none from a place preposition unless it is a
            // place's (`in KP`; not `on TCP`, the protocol).
            (
                "Militants attacked police in KP. Data is sent on TCP.",
                &["khyber-pakhtunkhwa"],
            ),
            // "Town, State" of another country: a town the gazetteer does not know, not the
            // place (a country's name stays: `Russia, Crimea`).
            (
                "He grew up in Paris, Texas, and Moscow, Idaho; Russia, Crimea and Belarus.",
                &["texas", "idaho", "russia", "crimea", "belarus"],
            ),
            // A place that needs context has it from a place of its country right after a
            // comma (`Austin, Tex.`, `Charlotte, North Carolina`).
            (
                "He moved to Austin, Tex. Charlotte, North Carolina, voted.",
                &["austin", "texas", "charlotte", "north-carolina"],
            ),
            // AP datelines: a state's abbreviation names the state, and so the country of a
            // place name that several countries share.
            (
                "MIAMI, Fla. (AP) — Police in St. Petersburg said.",
                &["miami", "florida-us", "associated-press", "st-petersburg-us"],
            ),
            // The Arabic article in lower case inside a sentence; GeoNames' ayn left out.
            (
                "US troops at al-Tanf; the Al-Tanf garrison near Samarra.",
                &["united-states", "al-tanf", "al-tanf", "samarra"],
            ),
            // The compound itself, when the gazetteer knows it (Badghis's capital).
            ("Fighting in Qala-e-Naw and Musa Qala.", &["qala-e-naw", "musa-qala"]),
            // A town's or a region's one-word name that begins an unknown longer name (a
            // person's, an event's, a team's), not a first name, a title, a government.
            (
                "Milan Kundera wrote; the Adelaide Test began; the ambassador to Tehran Alexey \
                 Dedov left; a Louisiana Republican and the Queensland Government agreed.",
                &["tehran", "louisiana", "queensland"],
            ),
            (
                "Also read: Pakistan Closes Torkham Crossing After Overnight Clashes",
                &["pakistan", "torkham"],
            ),
            // A hyphen between letters reads as a space, both ways.
            (
                "Fighting in El-Fasher; talks in Abu-Dhabi and Sri-Lanka; al Qaeda fled.",
                &["el-fasher", "abu-dhabi", "sri-lanka", "al-qaeda"],
            ),
            // Nor a title such as `CEO` or `Editor`, or a country (an edition, a branch: one
            // mention, the outlet's, as `Amnesty International Kenya` is).
            (
                "Sputnik reported it in Russia. Sputnik Peru was shut. Sputnik Editor Ivanov left.",
                &["sputnik", "russia", "sputnik", "sputnik"],
            ),
            (
                "Telegram CEO Pavel Durov spoke. Kadyrov posted on Telegram.",
                &["telegram", "pavel-durov", "ramzan-kadyrov", "telegram"],
            ),
            // A place that begins an institution's or a building's name is no mention.
            (
                "Staff of the National Australia Bank struck in Australia.",
                &["australia"],
            ),
            (
                "Near the Denver University campus in New York.",
                &["new-york-city"],
            ),
            ("At the Adelaide Oval in Adelaide.", &["adelaide"]),
            (
                "Soccer Australia and Radio New Zealand said Australia won.",
                // Radio New Zealand is in the gazetteer now: one mention, the broadcaster's.
                &["rnz", "australia"],
            ),
            // And a body's name a word or two after it, or an institution's before `of`;
            // not when the words hold a mention (`Kabul UNAMA Office`) or in a headline.
            (
                "The Afghanistan Railway Authority and the University of Balochistan meet in Kabul today.",
                &["kabul"],
            ),
            (
                "Staff of the Kabul UNAMA Office and of the Queensland Tourism Industry Council disagreed.",
                &["kabul", "unama"],
            ),
            (
                "Russia Signs Trade Agreement With China",
                &["russia", "china"],
            ),
            // A person's name before `International`, `Foundation`, `Tower`, … names
            // something else.
            (
                "At John F. Kennedy International, Clinton Foundation staff met Bill Clinton.",
                &["bill-clinton"],
            ),
            // So does a newspaper's name or a crude oil's.
            (
                "The Kabul Times and the Bangkok Post reported from Kabul.",
                // The Bangkok Post is in the gazetteer, The Kabul Times not.
                &["bangkok-post", "kabul"],
            ),
            (
                "Brent crude and West Texas Intermediate rose; Urals Crude fell in Russia.",
                &["russia"],
            ),
            // The longest name wins: a sea named after a country is the sea, a cartel named
            // after a state the cartel.
            (
                "Ships in the East China Sea off China, then the Sea of Japan.",
                &["east-china-sea", "china", "sea-of-japan"],
            ),
            (
                "The Sinaloa cartel and the Jalisco New Generation Cartel (CJNG) in Sinaloa.",
                &["sinaloa-cartel", "cjng", "cjng", "sinaloa"],
            ),
            // A team named after its city is the team; its nickname alone is found only when
            // it is no English word (`Lakers`, not `Bills` or `Commanders`).
            (
                "The Los Angeles Lakers beat the Boston Celtics in Los Angeles; the Lakers led.",
                &["los-angeles-lakers", "boston-celtics", "los-angeles", "los-angeles-lakers"],
            ),
            (
                "Taliban Commanders Meet US Envoy\nThe Buffalo Bills won. Two Bills Pass Senate",
                &["taliban", "united-states", "buffalo-bills"],
            ),
            // `St Louis` as British news writes it, `St. Louis` as American news does.
            (
                "From St Louis to St. Louis: the St Louis Cardinals.",
                &["st-louis", "st-louis", "st-louis-cardinals"],
            ),
            // A name that places in two countries share is the place in the country the
            // document names (and not the other): Hyderabad, Pakistan; Tripoli, Lebanon.
            (
                "Police in Hyderabad said the blast in Sindh killed four.",
                &["hyderabad-pk", "sindh"],
            ),
            (
                "Hyderabad's tech sector grew in India, and Telangana's.",
                &["hyderabad", "india", "telangana"],
            ),
            (
                "Clashes in Tripoli left two dead, as Beirut called for calm.",
                &["tripoli-lb", "beirut"],
            ),
            ("Militias fought in Tripoli, the Libyan capital.", &["tripoli"]),
            // A country named with context counts (`in England`).
            (
                "Newcastle won in England.",
                &["newcastle-upon-tyne", "england"],
            ),
            (
                "Fires near Newcastle in New South Wales.",
                &["newcastle", "new-south-wales"],
            ),
            // Both named: the name's usual owner.
            (
                "Pakistan and India traded charges; Hyderabad was calm.",
                &["pakistan", "india", "hyderabad"],
            ),
            // An initial without its point, as British and Australian news write it; the
            // surname then follows the full name.
            (
                "President George W Bush spoke of John F Kennedy. Mr Bush left.",
                &["george-w-bush", "john-f-kennedy", "george-w-bush"],
            ),
            // Names made of English words that prose never writes capitalised: no context
            // needed; `Ontario` and `Quebec` are the provinces, not a Californian city and
            // Quebec City.
            (
                "Fires in New South Wales and the Northern Territory. Ontario and Quebec City.",
                &["new-south-wales", "northern-territory", "ontario", "quebec-city"],
            ),
        ];
        check_table(cases, |m, _, x| m.gazetteer().entity(x.entity).id.clone());
    }

    #[test]
    fn all_caps_and_web_text_table() {
        // (text, the mentions found): in capitals, an acronym that is also a short English
        // word is that word; nothing inside an e-mail address or a handle; an invisible
        // character after a name stays outside it.
        let cases: &[(&str, &[&str])] = &[
            (
                "UN CHIEF WARNS RUSSIA AND U.S. OVER ISIS\nTHIS IS WHY THE US CARES, SAYS UK",
                &["UN", "RUSSIA", "U.S.", "ISIS", "UK"],
            ),
            (
                "Write to kabul.desk@reuters.com or @UN. Kabul\u{200b} said.",
                &["Kabul"],
            ),
        ];
        check_table(cases, |_, text, x| text[x.start..x.end].to_string());
    }

    #[test]
    fn surnames_alone_table() {
        // (text, the mentions found): a person's surname alone, with its particles in either
        // case, once the document names the person in full; not when it begins a longer name.
        let cases: &[(&str, &[&str])] = &[
            (
                "Ursula von der Leyen spoke. Von der Leyen left; von der Leyen came back.",
                &["Ursula von der Leyen", "Von der Leyen", "von der Leyen"],
            ),
            (
                "Prime Minister Bart De Wever spoke. De Wever left.",
                &["Bart De Wever", "De Wever"],
            ),
            (
                "Mahrang Baloch spoke. The Baloch Unity Front marched, Baloch said.",
                &["Mahrang Baloch", "Baloch"],
            ),
            // A title before a name of the person is no part of the mention.
            (
                "Mullah Abdul Ghani Baradar met Mullah Omar's son and Ayatollah Ali Khamenei.",
                &["Abdul Ghani Baradar", "Mullah Omar", "Ali Khamenei"],
            ),
            // Family name first: the family name, not the last word.
            (
                "Spokeswoman Mao Ning said so. Mao noted it; Ning did not.",
                &["Mao Ning", "Mao"],
            ),
            // A spaced dash for a hyphen.
            (
                "Islamic State - Khorasan Province (ISKP) struck.",
                &["Islamic State - Khorasan Province", "ISKP"],
            ),
            (
                "Kim Jong Un met Wang Yi and William Lai. Kim and Wang spoke; Lai and William did not.",
                &["Kim Jong Un", "Wang Yi", "William Lai", "Kim", "Wang", "Lai"],
            ),
            (
                "Abdul Ghani Baradar came.\nBaradar Meets Uzbek Minister In Tashkent",
                &["Abdul Ghani Baradar", "Baradar", "Tashkent"],
            ),
        ];
        check_table(cases, |_, text, x| text[x.start..x.end].to_string());
    }

    #[test]
    fn acronyms_defined_in_the_text_table() {
        // (text, the entities found): an acronym in parentheses after a name means that name's
        // entity; after lower-case words that spell it, no entity of the gazetteer.
        let cases: &[(&str, &[&str])] = &[
            (
                "Tehrik-i-Taliban Pakistan (TTP) fighters. The TTP said.",
                &["ttp", "ttp", "ttp"],
            ),
            ("General Motors (GM) said GM would.", &["general-motors"; 3]),
            (
                "Trials of genetically modified (GM) crops. GM canola is banned.",
                &[],
            ),
            (
                "GM cut jobs, and genetically modified (GM) crops.",
                &["general-motors"],
            ),
            // Function words skipped; hyphenated words give each part's initial.
            (
                "arms of the Irish Republican Army (IRA). irish republican army (IRA)",
                &["ira", "ira", "ira"],
            ),
            ("an individual retirement account (IRA) or two", &[]),
            // Capitalised or too few words: no definition.
            ("Grand Mufti (GM) spoke", &["general-motors"]),
            ("modified (GM) crops", &["general-motors"]),
        ];
        check_table(cases, |m, _, x| m.gazetteer().entity(x.entity).id.clone());
    }

    #[test]
    fn forms_table() {
        assert_eq!(forms("U.S."), ["U.S.", "U.S"]);
        assert_eq!(forms("al-Qaeda"), ["al Qaeda"]);
        assert_eq!(
            forms("Islamic State-Khorasan Province"),
            [
                "Islamic State Khorasan Province",
                "Islamic State - Khorasan Province"
            ]
        );
        assert_eq!(forms("Dr."), ["Dr."]);
        assert_eq!(forms("St. Louis"), ["St. Louis", "St Louis"]);
        assert_eq!(forms("St Helens"), ["St Helens", "St. Helens"]);
        assert_eq!(forms("Port St. Lucie"), ["Port St. Lucie", "Port St Lucie"]);
        // Not a name's last word (`Wall St.`), nor part of a word (`Stone`).
        assert_eq!(forms("Wall St."), ["Wall St."]);
        // Initials: `George W Bush`, `J K Rowling`; not a name's last word (`Plan B`).
        assert_eq!(forms("George W. Bush"), ["George W. Bush", "George W Bush"]);
        assert_eq!(forms("J. K. Rowling"), ["J. K. Rowling", "J K Rowling"]);
        assert_eq!(
            forms("John F Kennedy"),
            ["John F Kennedy", "John F. Kennedy"]
        );
        assert_eq!(forms("Plan B"), ["Plan B"]);
        // The Arabic article in lower case.
        assert_eq!(
            case_forms("Al Tanf", false),
            ["Al Tanf", "AL TANF", "al Tanf"]
        );
        assert_eq!(case_forms("Al the", false), ["Al the", "Al The", "AL THE"]);
        assert_eq!(forms("Stone Town"), ["Stone Town"]);
        assert_eq!(forms("ISIS-K"), ["ISIS K"]);
        assert_eq!(forms("U.S.-led"), ["U.S.-led"]);
        assert_eq!(
            forms("Abdel-Fattah al-Burhan"),
            ["Abdel Fattah al Burhan", "Abdel - Fattah al Burhan"]
        );
        assert_eq!(
            forms("China National Petroleum Corporation"),
            [
                "China National Petroleum Corporation",
                "China National Petroleum Corp"
            ]
        );
        assert_eq!(
            forms("Abu Dhabi National Oil Company"),
            [
                "Abu Dhabi National Oil Company",
                "Abu Dhabi National Oil Co"
            ]
        );
    }
}
