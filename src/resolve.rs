//! Resolution: from candidate matches to the mentions of a document.
//!
//! 1. **Leftmost-longest.** Of overlapping candidates the one that starts first wins, and of
//!    those that start together the longest: `Tehreek-e-Taliban Pakistan` is one organisation,
//!    not Taliban and Pakistan.
//! 2. **Context.** A name marked `ambiguous` in its gazetteer (`Reading`, `Jordan`) is kept only
//!    when the document also names the entity unambiguously, mentions the country of its
//!    `country` attribute, or when it follows a locative preposition (`in Reading`).
//! 3. **Acronyms defined in the text.** An acronym in parentheses right after a name
//!    (`Islamic State Khorasan (IS-K)`), whose letters are drawn from the name, means that
//!    entity in the parentheses and for the rest of the document.
//! 4. **Near-miss person names.** A run of two or three capitalised words that is one edit away
//!    from a multi-word person name (two edits for words of eight letters or more) is that
//!    person, when every other word is exactly right, the changed word keeps its first letter,
//!    and exactly one person fits (`Sergey Shoigy` for `Sergey Shoigu`). This needs an exact
//!    word and a capitalised run that no other name covers, so it cannot flood the output:
//!    ordinary words are never candidates.
//! 5. **Surnames.** Once a document names a person in full (`Vasily Nebenzya`), the surname
//!    alone (`Nebenzya`, `Mr. Shugaev`) is that person anywhere in the document, unless two
//!    people named in the document share it. Gazetteer names keep priority over surnames.

use std::collections::{HashMap, HashSet};

use aho_corasick::{AhoCorasick, MatchKind};

use crate::gazetteer::{EntityId, Gazetteer};
use crate::matcher::Method;
use crate::text::{is_word_byte, Normalized};

/// How a candidate was produced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum How {
    Name,
    NeedsContext,
    WithContext,
    Acronym,
    Fuzzy,
    Surname,
}

impl How {
    pub(crate) fn method(self) -> Method {
        match self {
            How::Name => Method::Gazetteer,
            How::NeedsContext | How::WithContext => Method::Context,
            How::Acronym => Method::Acronym,
            How::Fuzzy => Method::Fuzzy,
            How::Surname => Method::Surname,
        }
    }
}

/// A candidate mention, in normalised offsets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Candidate {
    pub start: usize,
    pub end: usize,
    pub entity: EntityId,
    pub how: How,
}

pub(crate) struct Context<'a> {
    pub gaz: &'a Gazetteer,
    pub people: &'a PeopleIndex,
    pub in_document: bool,
    pub fuzzy: bool,
}

/// Words after which an ambiguous place name is read as a place.
const LOCATIVES: &[&str] = &[
    "in",
    "at",
    "from",
    "to",
    "near",
    "into",
    "outside",
    "across",
    "around",
    "toward",
    "towards",
    "via",
    "visit",
    "visited",
    "visiting",
    "inside",
    "through",
    "throughout",
    "between",
];

/// Resolves the candidates of one document into its mentions (sorted, non-overlapping).
pub(crate) fn resolve(
    ctx: &Context<'_>,
    norm: &Normalized,
    mut cands: Vec<Candidate>,
) -> Vec<Candidate> {
    let hay = norm.as_bytes();
    cands.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    // Context for ambiguous names, from the unambiguous ones.
    if cands.iter().any(|c| c.how == How::NeedsContext) {
        let sure = leftmost_longest(cands.iter().filter(|c| c.how != How::NeedsContext).copied());
        let entities: HashSet<EntityId> = sure.iter().map(|c| c.entity).collect();
        let countries: HashSet<&str> = entities
            .iter()
            .filter_map(|&e| ctx.gaz.entity(e).attribute("iso2"))
            .collect();
        for c in cands.iter_mut().filter(|c| c.how == How::NeedsContext) {
            let e = ctx.gaz.entity(c.entity);
            let supported = entities.contains(&c.entity)
                || e.attribute("country")
                    .is_some_and(|code| countries.iter().any(|k| k.eq_ignore_ascii_case(code)))
                || previous_word(hay, c.start).is_some_and(|w| LOCATIVES.contains(&w));
            if supported {
                c.how = How::WithContext;
            }
        }
        cands.retain(|c| c.how != How::NeedsContext);
    }
    let mut found = leftmost_longest(cands.into_iter());
    if ctx.in_document {
        acronym_definitions(hay, &mut found);
    }
    if ctx.fuzzy && !ctx.people.is_empty() {
        let extra = ctx.people.near_misses(hay, &found);
        insert_all(&mut found, extra);
    }
    if ctx.in_document {
        surnames(ctx, hay, &mut found);
    }
    found
}

/// Greedy leftmost-longest selection from candidates sorted by start, longest first.
fn leftmost_longest(cands: impl Iterator<Item = Candidate>) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    let mut last_end = 0;
    for c in cands {
        if out.is_empty() || c.start >= last_end {
            last_end = c.end;
            out.push(c);
        }
    }
    out
}

/// The lower-cased word right before `pos` (skipping spaces), if any.
fn previous_word(hay: &[u8], pos: usize) -> Option<&str> {
    let mut e = pos;
    while e > 0 && hay[e - 1] == b' ' {
        e -= 1;
    }
    let mut s = e;
    while s > 0 && hay[s - 1].is_ascii_lowercase() {
        s -= 1;
    }
    if s == e || (s > 0 && is_word_byte(hay[s - 1])) {
        return None;
    }
    std::str::from_utf8(&hay[s..e]).ok()
}

/// Whether `[s, e)` overlaps a mention of the sorted list.
fn overlaps(found: &[Candidate], s: usize, e: usize) -> bool {
    let i = found.partition_point(|c| c.end <= s);
    i < found.len() && found[i].start < e
}

fn insert_all(found: &mut Vec<Candidate>, extra: Vec<Candidate>) {
    for c in extra {
        if !overlaps(found, c.start, c.end) {
            let i = found.partition_point(|f| f.start < c.start);
            found.insert(i, c);
        }
    }
}

/// `Name (ACR)`: the acronym means the name's entity, there and for the rest of the document.
fn acronym_definitions(hay: &[u8], found: &mut Vec<Candidate>) {
    let mut defs: Vec<(usize, &[u8], EntityId)> = Vec::new();
    for c in found.iter() {
        let mut p = c.end;
        if hay.get(p) == Some(&b' ') {
            p += 1;
        }
        if hay.get(p) != Some(&b'(') {
            continue;
        }
        let Some(close) = hay[p + 1..].iter().take(12).position(|&b| b == b')') else {
            continue;
        };
        let acr = &hay[p + 1..p + 1 + close];
        let name = &hay[c.start..c.end];
        if looks_like_acronym(acr) && letters_from(acr, name) {
            defs.push((p + 1, acr, c.entity));
        }
    }
    if defs.is_empty() {
        return;
    }
    for (at, acr, entity) in defs {
        let mut pos = at;
        while let Some(off) = find(&hay[pos..], acr) {
            let s = pos + off;
            let e = s + acr.len();
            pos = e;
            let bounded =
                (s == 0 || !is_word_byte(hay[s - 1])) && (e == hay.len() || !is_word_byte(hay[e]));
            if !bounded {
                continue;
            }
            // The same span found as a name of another entity is redefined; a longer name
            // containing it stays.
            if let Some(i) = found.iter().position(|f| f.start == s && f.end == e) {
                found[i].entity = entity;
                if found[i].how != How::Name {
                    found[i].how = How::Acronym;
                }
            } else if !overlaps(found, s, e) {
                let i = found.partition_point(|f| f.start < s);
                found.insert(
                    i,
                    Candidate {
                        start: s,
                        end: e,
                        entity,
                        how: How::Acronym,
                    },
                );
            }
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn looks_like_acronym(s: &[u8]) -> bool {
    let upper = s.iter().filter(|b| b.is_ascii_uppercase()).count();
    s.len() >= 2
        && upper >= 2
        && s[0].is_ascii_uppercase()
        && s.iter()
            .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'&'))
}

/// Whether the acronym's letters appear, in order, in the name, starting with its first letter.
fn letters_from(acr: &[u8], name: &[u8]) -> bool {
    let letters: Vec<u8> = acr
        .iter()
        .filter(|b| b.is_ascii_alphabetic())
        .map(u8::to_ascii_lowercase)
        .collect();
    if letters.first() != name.first().map(u8::to_ascii_lowercase).as_ref() {
        return false;
    }
    let mut it = name.iter().map(u8::to_ascii_lowercase);
    letters.iter().all(|l| it.any(|c| c == *l))
}

/// The words of a capitalised name: `Sergei` yes, `SERGEI` and `sergei` no.
fn capitalised(w: &[u8]) -> bool {
    w.len() >= 2 && w[0].is_ascii_uppercase() && w[1..].iter().any(u8::is_ascii_lowercase)
}

/// Surnames of people named in full, found alone elsewhere in the document.
fn surnames(ctx: &Context<'_>, hay: &[u8], found: &mut Vec<Candidate>) {
    let mut owners: HashMap<Vec<u8>, HashSet<EntityId>> = HashMap::new();
    for c in found.iter() {
        if !ctx.people.is_person(c.entity) || c.how == How::Surname {
            continue;
        }
        let surface = &hay[c.start..c.end];
        let words: Vec<&[u8]> = surface.split(|&b| b == b' ').collect();
        if words.len() < 2 {
            continue;
        }
        let mut keys = vec![words[words.len() - 1].to_vec()];
        if let Some(last) = ctx.gaz.entity(c.entity).name.rsplit(' ').next() {
            let last = crate::text::normalize_name(last).into_bytes();
            keys.push(last);
        }
        for k in keys {
            if k.len() >= 3
                && capitalised(&k)
                && k.iter()
                    .all(|b| b.is_ascii_alphabetic() || *b == b'-' || *b == b'\'')
            {
                owners.entry(k).or_default().insert(c.entity);
            }
        }
    }
    let names: Vec<(Vec<u8>, EntityId)> = owners
        .into_iter()
        .filter(|(_, ents)| ents.len() == 1)
        .map(|(k, ents)| (k, *ents.iter().next().unwrap()))
        .collect();
    if names.is_empty() {
        return;
    }
    let mut patterns: Vec<Vec<u8>> = Vec::new();
    let mut owner: Vec<EntityId> = Vec::new();
    for (k, e) in &names {
        patterns.push(k.clone());
        owner.push(*e);
        patterns.push(k.to_ascii_uppercase());
        owner.push(*e);
    }
    let Ok(ac) = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&patterns)
    else {
        return;
    };
    let mut extra = Vec::new();
    for m in ac.find_iter(hay) {
        let (s, e) = (m.start(), m.end());
        let bounded =
            (s == 0 || !is_word_byte(hay[s - 1])) && (e == hay.len() || !is_word_byte(hay[e]));
        if bounded && !overlaps(found, s, e) {
            extra.push(Candidate {
                start: s,
                end: e,
                entity: owner[m.pattern().as_usize()],
                how: How::Surname,
            });
        }
    }
    insert_all(found, extra);
}

/// Multi-word person names indexed by their first and last word, for near-miss spellings.
#[derive(Clone, Debug, Default)]
pub(crate) struct PeopleIndex {
    names: Vec<(EntityId, Vec<String>)>,
    by_word: HashMap<String, Vec<usize>>,
    persons: HashSet<EntityId>,
}

impl PeopleIndex {
    pub(crate) fn new(gaz: &Gazetteer, is_person: impl Fn(&str) -> bool) -> PeopleIndex {
        let mut idx = PeopleIndex::default();
        for (i, e) in gaz.entities().iter().enumerate() {
            if !is_person(&e.kind) {
                continue;
            }
            let id = EntityId(i as u32);
            idx.persons.insert(id);
            for name in e.names() {
                let norm = crate::text::normalize_name(name).to_ascii_lowercase();
                let words: Vec<String> = norm.split(' ').map(String::from).collect();
                if !(2..=3).contains(&words.len()) || words.iter().any(|w| w.len() < 2) {
                    continue;
                }
                let n = idx.names.len();
                for w in [&words[0], &words[words.len() - 1]] {
                    let list = idx.by_word.entry(w.clone()).or_default();
                    if list.last() != Some(&n) {
                        list.push(n);
                    }
                }
                idx.names.push((id, words));
            }
        }
        idx
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    pub(crate) fn is_person(&self, e: EntityId) -> bool {
        self.persons.contains(&e)
    }

    /// Runs of capitalised words outside `found` that are a near miss of one person's name.
    fn near_misses(&self, hay: &[u8], found: &[Candidate]) -> Vec<Candidate> {
        // The words of the text, with their spans.
        let mut words: Vec<(usize, usize)> = Vec::new();
        let mut i = 0;
        while i < hay.len() {
            if hay[i].is_ascii_alphabetic() && (i == 0 || !is_word_byte(hay[i - 1])) {
                let s = i;
                while i < hay.len() && (hay[i].is_ascii_alphabetic() || hay[i] == b'\'') {
                    i += 1;
                }
                if i == hay.len() || !is_word_byte(hay[i]) {
                    words.push((s, i));
                }
                continue;
            }
            i += 1;
        }
        let mut out = Vec::new();
        let mut w = 0;
        while w < words.len() {
            let mut hit = None;
            for n in [3usize, 2] {
                if w + n > words.len() {
                    continue;
                }
                let run = &words[w..w + n];
                let adjacent = run
                    .windows(2)
                    .all(|p| p[1].0 == p[0].1 + 1 && hay[p[0].1] == b' ');
                if !adjacent || !run.iter().all(|&(s, e)| capitalised(&hay[s..e])) {
                    continue;
                }
                let (s, e) = (run[0].0, run[n - 1].1);
                if overlaps(found, s, e) {
                    continue;
                }
                let toks: Vec<String> = run
                    .iter()
                    .map(|&(s, e)| String::from_utf8_lossy(&hay[s..e]).to_ascii_lowercase())
                    .collect();
                if let Some(entity) = self.best(&toks) {
                    hit = Some((s, e, entity, n));
                    break;
                }
            }
            match hit {
                Some((s, e, entity, n)) => {
                    out.push(Candidate {
                        start: s,
                        end: e,
                        entity,
                        how: How::Fuzzy,
                    });
                    w += n;
                }
                None => w += 1,
            }
        }
        out
    }

    /// The one person whose name is a near miss of `toks`, if exactly one is.
    fn best(&self, toks: &[String]) -> Option<EntityId> {
        let mut cands: Vec<usize> = Vec::new();
        for t in [&toks[0], &toks[toks.len() - 1]] {
            if let Some(list) = self.by_word.get(t) {
                cands.extend(list);
            }
        }
        let mut hit: Option<EntityId> = None;
        for &n in &cands {
            let (entity, words) = &self.names[n];
            if words.len() != toks.len() {
                continue;
            }
            let mut diffs = 0;
            let mut ok = true;
            for (a, b) in words.iter().zip(toks) {
                if a == b {
                    continue;
                }
                diffs += 1;
                let limit = if a.len() >= 8 { 2 } else { 1 };
                if a.len() < 4
                    || b.len() < 4
                    || a.as_bytes()[0] != b.as_bytes()[0]
                    || strsim::damerau_levenshtein(a, b) > limit
                {
                    ok = false;
                    break;
                }
            }
            if !ok || diffs != 1 {
                continue;
            }
            match hit {
                Some(h) if h != *entity => return None,
                _ => hit = Some(*entity),
            }
        }
        hit
    }
}
