//! Co-occurrence: which entities occur together, in which windows of text.
//!
//! A [`Window`] says what "together" means; an [`Accumulator`] folds annotated documents into
//! node and edge counts, keeping a few pieces of [`Evidence`] per edge. Accumulators are
//! partial results: build one per thread and [`merge`](Accumulator::merge) them, in any order,
//! and the result is the same as folding every document into one.
//!
//! # Counting
//! - `weight`: the number of windows in which both entities occur. A pair counts once per
//!   window however often either entity occurs in it, and an entity is never linked to itself.
//! - `documents`: the number of documents with at least one such window.
//! - Evidence: the first `K` windows in input order (document order, then position in the
//!   document), each with its document, sentence index, byte span and text.
//!
//! For `tokens:N` a window is a pair of mentions of two different entities at most `N` words
//! apart (counted from the first word of each), and its evidence is the text of the sentences
//! from the first mention's to the second's. For `document`, the evidence is the text from the
//! sentence of the first mention of either entity to the sentence where the other first
//! appears.
//!
//! # Bounds
//! A window with more than `max_window_entities` distinct entities (a list, a table) would add
//! pairs quadratically; only its first `max_window_entities` entities (in order of first
//! mention) are linked, and [`Accumulator::add`] reports that the cap was hit.

use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::error::{Error, Result};
use crate::gazetteer::EntityId;
use crate::matcher::Annotated;

/// The default number of pieces of evidence kept per edge.
pub const DEFAULT_EVIDENCE: usize = 5;

/// The default cap on the number of distinct entities linked within one window.
pub const DEFAULT_MAX_WINDOW_ENTITIES: usize = 50;

/// What counts as occurring together.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Window {
    /// The same sentence (the default).
    #[default]
    Sentence,
    /// The same paragraph (for news on the web, usually one line).
    Paragraph,
    /// The same document.
    Document,
    /// At most this many words apart.
    Tokens(usize),
}

impl fmt::Display for Window {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Window::Sentence => f.write_str("sentence"),
            Window::Paragraph => f.write_str("paragraph"),
            Window::Document => f.write_str("document"),
            Window::Tokens(n) => write!(f, "tokens:{}", n),
        }
    }
}

impl FromStr for Window {
    type Err = Error;

    /// Parses `sentence`, `paragraph`, `document` or `tokens:N`.
    ///
    /// # Example
    /// ```
    /// use nergraph::cooccur::Window;
    /// assert_eq!("tokens:10".parse::<Window>().unwrap(), Window::Tokens(10));
    /// assert_eq!(Window::Paragraph.to_string(), "paragraph");
    /// assert!("line".parse::<Window>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Window> {
        match s {
            "sentence" => Ok(Window::Sentence),
            "paragraph" => Ok(Window::Paragraph),
            "document" => Ok(Window::Document),
            _ => match s.strip_prefix("tokens:").map(str::parse::<usize>) {
                Some(Ok(n)) if n > 0 => Ok(Window::Tokens(n)),
                _ => Err(Error::usage(format!(
                    "unknown window `{}`: expected sentence, paragraph, document or tokens:N \
                     (N a positive number of words)",
                    s
                ))),
            },
        }
    }
}

/// One piece of evidence for an edge: a window of text in which both entities occur.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evidence {
    /// The document's name.
    pub doc: String,
    /// The document's date, when the input gives one (`--date-field`).
    pub date: Option<String>,
    /// The 0-based index of the window's first sentence in the document.
    pub sentence: usize,
    /// Byte offset of the window's start in the document.
    pub start: usize,
    /// Byte offset of the window's end (exclusive).
    pub end: usize,
    /// The text of the window (invalid UTF-8 replaced by U+FFFD).
    pub text: String,
}

/// Where a document sits in the input: the input's index, then the document's index within it
/// (the line of a JSON Lines file). Evidence is kept in this order.
pub type DocOrder = (u64, u64);

/// A document to fold into an [`Accumulator`].
#[derive(Clone, Copy, Debug)]
pub struct DocRef<'a> {
    /// Its place in the input order.
    pub order: DocOrder,
    /// Its name.
    pub name: &'a str,
    /// Its date, if known.
    pub date: Option<&'a str>,
    /// Its bytes (the text that was annotated).
    pub text: &'a [u8],
}

/// What an [`Accumulator`] knows about one entity.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NodeStats {
    /// How many times it is mentioned.
    pub mentions: u64,
    /// In how many documents.
    pub documents: u64,
    /// In how many windows (see [`Accumulator::windows`]).
    pub windows: u64,
    /// The distinct surface forms (text as written), sorted.
    pub forms: BTreeSet<String>,
}

/// What an [`Accumulator`] knows about one pair of entities.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EdgeStats {
    /// The number of windows holding both.
    pub weight: u64,
    /// The number of documents holding such a window.
    pub documents: u64,
    /// The first pieces of evidence in input order, with their order keys.
    evidence: Vec<(Key, Evidence)>,
}

impl EdgeStats {
    /// The evidence kept, in input order.
    pub fn evidence(&self) -> impl Iterator<Item = &Evidence> {
        self.evidence.iter().map(|(_, e)| e)
    }

    /// Takes the evidence kept, in input order.
    pub fn into_evidence(self) -> Vec<Evidence> {
        self.evidence.into_iter().map(|(_, e)| e).collect()
    }
}

/// The order key of a piece of evidence: document order, then window start.
type Key = (DocOrder, usize, usize);

/// Folds annotated documents into co-occurrence counts.
///
/// # Example
/// ```
/// use nergraph::cooccur::{Accumulator, DocRef, Window};
/// use nergraph::{Gazetteer, MatcherBuilder};
///
/// let matcher = MatcherBuilder::new().build(Gazetteer::bundled().unwrap()).unwrap();
/// let text = "Russia and China met in Moscow. China said no.";
/// let mut acc = Accumulator::new(Window::Sentence, 5, 50);
/// let doc = DocRef { order: (0, 0), name: "a.txt", date: None, text: text.as_bytes() };
/// acc.add(doc, &matcher.annotate(text));
/// let gaz = matcher.gazetteer();
/// let russia = gaz.lookup("russia").unwrap();
/// let china = gaz.lookup("china").unwrap();
/// let edge = acc.edge(russia, china).unwrap();
/// assert_eq!((edge.weight, edge.documents), (1, 1));
/// assert_eq!(acc.node(china).unwrap().mentions, 2);
/// ```
///
/// # Complexity
/// [`add`](Accumulator::add) takes time linear in the mentions plus the pairs of distinct
/// entities per window (at most `max_window_entities²` per window); memory grows with the
/// number of distinct entities and pairs, never with the text.
#[derive(Clone, Debug)]
pub struct Accumulator {
    window: Window,
    keep: usize,
    max_entities: usize,
    nodes: HashMap<EntityId, NodeStats>,
    edges: HashMap<(EntityId, EntityId), EdgeStats>,
    documents: u64,
    bytes: u64,
    capped: u64,
    windows: u64,
}

impl Accumulator {
    /// An empty accumulator that keeps `evidence` pieces of evidence per edge and links at most
    /// `max_window_entities` distinct entities per window.
    pub fn new(window: Window, evidence: usize, max_window_entities: usize) -> Accumulator {
        Accumulator {
            window,
            keep: evidence,
            max_entities: max_window_entities.max(2),
            nodes: HashMap::default(),
            edges: HashMap::default(),
            documents: 0,
            bytes: 0,
            capped: 0,
            windows: 0,
        }
    }

    /// The window.
    pub fn window(&self) -> Window {
        self.window
    }

    /// The number of documents folded in.
    pub fn documents(&self) -> u64 {
        self.documents
    }

    /// The number of bytes folded in.
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// The number of windows folded in: sentences, paragraphs or documents for those windows,
    /// and words for `tokens:N` (where an entity's window count is its number of mentions).
    /// With [`NodeStats::windows`] and [`EdgeStats::weight`] these are the counts that
    /// association measures such as PMI need.
    pub fn windows(&self) -> u64 {
        self.windows
    }

    /// The number of windows whose entities were capped.
    pub fn capped_windows(&self) -> u64 {
        self.capped
    }

    /// The counts of an entity, if it was mentioned.
    pub fn node(&self, e: EntityId) -> Option<&NodeStats> {
        self.nodes.get(&e)
    }

    /// The counts of a pair, if it occurred together.
    pub fn edge(&self, a: EntityId, b: EntityId) -> Option<&EdgeStats> {
        self.edges.get(&(a.min(b), a.max(b)))
    }

    /// Every entity mentioned, in no particular order.
    pub fn nodes(&self) -> impl Iterator<Item = (EntityId, &NodeStats)> {
        self.nodes.iter().map(|(&k, v)| (k, v))
    }

    /// Every pair (smaller id first), in no particular order.
    pub fn edges(&self) -> impl Iterator<Item = ((EntityId, EntityId), &EdgeStats)> {
        self.edges.iter().map(|(&k, v)| (k, v))
    }

    /// Takes the counts apart: nodes and edges sorted by entity ids.
    #[allow(clippy::type_complexity)]
    pub fn into_parts(
        self,
    ) -> (
        Vec<(EntityId, NodeStats)>,
        Vec<((EntityId, EntityId), EdgeStats)>,
    ) {
        // Each sorted on its own thread (in the caller's rayon pool).
        rayon::join(
            || {
                let mut nodes: Vec<_> = self.nodes.into_iter().collect();
                nodes.sort_unstable_by_key(|(k, _)| *k);
                nodes
            },
            || {
                let mut edges: Vec<_> = self.edges.into_iter().collect();
                edges.sort_unstable_by_key(|(k, _)| *k);
                edges
            },
        )
    }

    /// The counts of several accumulators (of different documents) together, taken apart as
    /// [`into_parts`](Accumulator::into_parts) does: the same as merging them all into one
    /// and taking that apart.
    ///
    /// Each is taken apart and sorted on its own (in parallel, in the caller's rayon pool),
    /// and the sorted runs are then merged by key, in one pass over each: with one
    /// accumulator per thread, this costs no hash-map inserts after the last document, where
    /// [`merge`](Accumulator::merge) costs one per entry of the other, on one thread.
    ///
    /// # Panics
    /// If they were made with different settings.
    ///
    /// # Complexity
    /// *O(n log n)* for the *n* entries of all the accumulators.
    pub fn merge_into_parts(accs: Vec<Accumulator>) -> Parts {
        if let Some((first, rest)) = accs.split_first() {
            for a in rest {
                first.assert_same_settings(a);
            }
        }
        let keep = accs.first().map_or(0, |a| a.keep);
        use rayon::prelude::*;
        let runs: Vec<_> = accs.into_par_iter().map(Accumulator::into_parts).collect();
        let (node_runs, edge_runs): (Vec<_>, Vec<_>) = runs.into_iter().unzip();
        let (nodes, edges) = rayon::join(
            || merge_runs(node_runs, add_node_stats),
            || merge_runs(edge_runs, |e, o| add_edge_stats(e, o, keep)),
        );
        Parts { nodes, edges }
    }

    /// Folds in one annotated document. Returns the number of windows whose entities were
    /// capped (see the module docs).
    pub fn add(&mut self, doc: DocRef<'_>, ann: &Annotated) -> u64 {
        self.documents += 1;
        self.bytes += doc.text.len() as u64;
        let mut seen: HashMap<EntityId, ()> = HashMap::default();
        for m in &ann.mentions {
            let n = self.nodes.entry(m.entity).or_default();
            n.mentions += 1;
            if seen.insert(m.entity, ()).is_none() {
                n.documents += 1;
            }
            let form = String::from_utf8_lossy(&doc.text[m.start.min(m.end)..m.end]);
            if !n.forms.contains(form.as_ref()) {
                n.forms.insert(form.into_owned());
            }
        }
        let mut local = Local::default();
        let capped = match self.window {
            Window::Sentence => self.grouped(&doc, ann, &mut local, |m| m.sentence, |s| (s, s)),
            Window::Paragraph => {
                let spans = paragraph_sentences(ann);
                self.grouped(
                    &doc,
                    ann,
                    &mut local,
                    |m| m.paragraph,
                    |p| spans.get(&p).copied().unwrap_or((0, 0)),
                )
            }
            Window::Document => self.document(&doc, ann, &mut local),
            Window::Tokens(n) => self.tokens(&doc, ann, &mut local, n),
        };
        self.capped += capped;
        self.count_windows(ann);
        for (pair, l) in local.pairs {
            let e = self.edges.entry(pair).or_default();
            e.weight += l.windows;
            e.documents += 1;
            // Only windows that can still be among the first `keep` get their text.
            let full = e.evidence.len() >= self.keep;
            let last = e.evidence.last().map(|(k, _)| *k);
            let more: Vec<(Key, Evidence)> = l
                .evidence
                .into_iter()
                .filter(|(k, _)| !full || last.is_some_and(|last| *k < last))
                .map(|(k, sentence)| (k, evidence(&doc, k, sentence)))
                .collect();
            insert_evidence(&mut e.evidence, more, self.keep);
        }
        capped
    }

    /// Counts the windows of a document and, per entity, the windows it occurs in.
    fn count_windows(&mut self, ann: &Annotated) {
        let group = |m: &crate::matcher::Mention| match self.window {
            Window::Sentence => m.sentence,
            Window::Paragraph => m.paragraph,
            Window::Document => 0,
            Window::Tokens(_) => 0,
        };
        let total = match self.window {
            Window::Sentence => ann.sentences.len().max(1) as u64,
            Window::Paragraph => {
                let mut ps: Vec<usize> = ann.sentences.iter().map(|s| s.paragraph).collect();
                ps.dedup();
                ps.len().max(1) as u64
            }
            Window::Document => 1,
            Window::Tokens(_) => ann.words.max(ann.mentions.len()) as u64,
        };
        self.windows += total;
        let mut seen: HashSet<(usize, EntityId)> = HashSet::default();
        for m in &ann.mentions {
            let fresh = match self.window {
                Window::Tokens(_) => true,
                _ => seen.insert((group(m), m.entity)),
            };
            if fresh {
                self.nodes.entry(m.entity).or_default().windows += 1;
            }
        }
    }

    /// Sentence and paragraph windows: mentions grouped by `group`, whose sentences are
    /// `sentences(group)` (first, last).
    fn grouped(
        &self,
        doc: &DocRef<'_>,
        ann: &Annotated,
        local: &mut Local,
        group: impl Fn(&crate::matcher::Mention) -> usize,
        sentences: impl Fn(usize) -> (usize, usize),
    ) -> u64 {
        let mut capped = 0;
        let ms = &ann.mentions;
        let mut i = 0;
        while i < ms.len() {
            let g = group(&ms[i]);
            let mut j = i;
            let mut entities: Vec<EntityId> = Vec::new();
            while j < ms.len() && group(&ms[j]) == g {
                if !entities.contains(&ms[j].entity) {
                    entities.push(ms[j].entity);
                }
                j += 1;
            }
            if entities.len() > self.max_entities {
                entities.truncate(self.max_entities);
                capped += 1;
            }
            if entities.len() >= 2 {
                let (s0, s1) = sentences(g);
                let span = sentence_span(ann, s0, s1, ms[i].start, ms[j - 1].end);
                for (x, &a) in entities.iter().enumerate() {
                    for &b in &entities[x + 1..] {
                        local.hit(a, b, s0, span, doc, self.keep);
                    }
                }
            }
            i = j;
        }
        capped
    }

    fn document(&self, doc: &DocRef<'_>, ann: &Annotated, local: &mut Local) -> u64 {
        // The first mention of each entity, in order of first mention.
        let mut first: Vec<(EntityId, usize, usize)> = Vec::new();
        for m in &ann.mentions {
            if !first.iter().any(|f| f.0 == m.entity) {
                first.push((m.entity, m.sentence, m.start));
            }
        }
        let mut capped = 0;
        if first.len() > self.max_entities {
            first.truncate(self.max_entities);
            capped = 1;
        }
        for (x, a) in first.iter().enumerate() {
            for b in &first[x + 1..] {
                // `a` comes first in the document.
                let span = sentence_span(ann, a.1, b.1, a.2, b.2);
                local.hit(a.0, b.0, a.1, span, doc, self.keep);
            }
        }
        capped
    }

    fn tokens(&self, doc: &DocRef<'_>, ann: &Annotated, local: &mut Local, n: usize) -> u64 {
        let ms = &ann.mentions;
        let mut capped = 0;
        for j in 1..ms.len() {
            let b = &ms[j];
            let mut looked = 0;
            for a in ms[..j].iter().rev() {
                if b.token.saturating_sub(a.token) > n {
                    break;
                }
                looked += 1;
                if looked > self.max_entities {
                    capped += 1;
                    break;
                }
                if a.entity == b.entity {
                    continue;
                }
                let span = sentence_span(ann, a.sentence, b.sentence, a.start, b.end);
                local.hit(a.entity, b.entity, a.sentence, span, doc, self.keep);
            }
        }
        capped
    }

    /// Panics unless the two were made with the same settings (they cannot be merged).
    fn assert_same_settings(&self, other: &Accumulator) {
        assert_eq!(
            (self.window, self.keep, self.max_entities),
            (other.window, other.keep, other.max_entities),
            "merging accumulators with different settings"
        );
    }

    /// Merges another accumulator (of other documents) into this one.
    ///
    /// # Panics
    /// If the two were made with different settings.
    pub fn merge(&mut self, other: Accumulator) {
        self.assert_same_settings(&other);
        self.documents += other.documents;
        self.bytes += other.bytes;
        self.capped += other.capped;
        self.windows += other.windows;
        let keep = self.keep;
        // Nodes and pairs at the same time (in the caller's rayon pool).
        let (nodes, edges) = (&mut self.nodes, &mut self.edges);
        rayon::join(
            || {
                for (k, v) in other.nodes {
                    add_node_stats(nodes.entry(k).or_default(), v);
                }
            },
            || {
                for (k, v) in other.edges {
                    add_edge_stats(edges.entry(k).or_default(), v, keep);
                }
            },
        );
    }
}

/// The counts of one or more accumulators, taken apart ([`Accumulator::merge_into_parts`]).
#[derive(Clone, Debug, Default)]
pub struct Parts {
    /// The entities, sorted by id.
    pub nodes: Vec<(EntityId, NodeStats)>,
    /// The pairs (smaller id first), sorted.
    pub edges: Vec<((EntityId, EntityId), EdgeStats)>,
}

fn add_node_stats(n: &mut NodeStats, v: NodeStats) {
    n.mentions += v.mentions;
    n.windows += v.windows;
    n.documents += v.documents;
    if n.forms.is_empty() {
        n.forms = v.forms;
    } else {
        n.forms.extend(v.forms);
    }
}

fn add_edge_stats(e: &mut EdgeStats, v: EdgeStats, keep: usize) {
    e.weight += v.weight;
    e.documents += v.documents;
    insert_evidence(&mut e.evidence, v.evidence, keep);
}

/// Merges runs sorted by key (each key at most once in a run) into one, adding up the values
/// of a key found in several runs with `add`: two runs at a time, in parallel (in the
/// caller's rayon pool).
fn merge_runs<K, V>(runs: Vec<Vec<(K, V)>>, add: impl Fn(&mut V, V) + Sync) -> Vec<(K, V)>
where
    K: Ord + Send,
    V: Send,
{
    use rayon::prelude::*;
    let two = |a: Vec<(K, V)>, b: Vec<(K, V)>| -> Vec<(K, V)> {
        if a.is_empty() {
            return b;
        }
        if b.is_empty() {
            return a;
        }
        let mut out = Vec::with_capacity(a.len() + b.len());
        let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
        loop {
            let next = match (a.peek(), b.peek()) {
                (Some(x), Some(y)) => x.0.cmp(&y.0),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => break,
            };
            match next {
                std::cmp::Ordering::Less => out.extend(a.next()),
                std::cmp::Ordering::Greater => out.extend(b.next()),
                std::cmp::Ordering::Equal => {
                    if let (Some((k, mut v)), Some((_, w))) = (a.next(), b.next()) {
                        add(&mut v, w);
                        out.push((k, v));
                    }
                }
            }
        }
        out
    };
    runs.into_par_iter().reduce(Vec::new, two)
}

/// Merges two sorted evidence lists, keeping the first `keep`.
fn insert_evidence(into: &mut Vec<(Key, Evidence)>, more: Vec<(Key, Evidence)>, keep: usize) {
    if more.is_empty() {
        return;
    }
    into.extend(more);
    into.sort_by_key(|(k, _)| *k);
    into.dedup_by_key(|(k, _)| *k);
    into.truncate(keep);
}

/// The byte span of sentences `s0..=s1`, or `(start, end)` when the sentences are unknown.
fn sentence_span(
    ann: &Annotated,
    s0: usize,
    s1: usize,
    start: usize,
    end: usize,
) -> (usize, usize) {
    match (ann.sentences.get(s0), ann.sentences.get(s1)) {
        (Some(a), Some(b)) => (a.start.min(start), b.end.max(end)),
        _ => (start, end),
    }
}

/// The first and last sentence of each paragraph.
fn paragraph_sentences(ann: &Annotated) -> HashMap<usize, (usize, usize)> {
    let mut out: HashMap<usize, (usize, usize)> = HashMap::default();
    for (i, s) in ann.sentences.iter().enumerate() {
        out.entry(s.paragraph)
            .and_modify(|e| e.1 = i)
            .or_insert((i, i));
    }
    out
}

/// The pairs of one document.
#[derive(Default)]
struct Local {
    pairs: HashMap<(EntityId, EntityId), LocalPair>,
}

#[derive(Default)]
struct LocalPair {
    windows: u64,
    /// The first windows of the pair in the document: key and first sentence.
    evidence: Vec<(Key, usize)>,
}

impl Local {
    fn hit(
        &mut self,
        a: EntityId,
        b: EntityId,
        sentence: usize,
        (start, end): (usize, usize),
        doc: &DocRef<'_>,
        keep: usize,
    ) {
        let p = self.pairs.entry((a.min(b), a.max(b))).or_default();
        p.windows += 1;
        let key = (doc.order, start, end);
        if p.evidence.len() < keep && !p.evidence.iter().any(|(k, _)| *k == key) {
            p.evidence.push((key, sentence));
            p.evidence.sort_by_key(|(k, _)| *k);
        }
    }
}

/// The evidence of a window of `doc`, with its text (made only for evidence that is kept).
fn evidence(doc: &DocRef<'_>, (_, start, end): Key, sentence: usize) -> Evidence {
    let end = end.min(doc.text.len());
    let start = start.min(end);
    Evidence {
        doc: doc.name.to_string(),
        date: doc.date.map(str::to_string),
        sentence,
        start,
        end,
        text: String::from_utf8_lossy(&doc.text[start..end]).into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matcher::{Method, Sentence};
    use crate::Mention;

    fn mention(entity: u32, sentence: usize, paragraph: usize, token: usize) -> Mention {
        Mention {
            start: token,
            end: token + 1,
            entity: EntityId(entity),
            sentence,
            paragraph,
            token,
            method: Method::Gazetteer,
        }
    }

    /// Ten sentences, two per paragraph, each ten bytes long.
    fn annotated(mentions: Vec<Mention>) -> Annotated {
        Annotated {
            mentions,
            sentences: (0..10)
                .map(|i| Sentence {
                    start: i * 10,
                    end: i * 10 + 10,
                    paragraph: i / 2,
                })
                .collect(),
            words: 100,
        }
    }

    fn weights(acc: &Accumulator) -> Vec<(u32, u32, u64)> {
        let mut v: Vec<_> = acc
            .edges()
            .map(|((a, b), e)| (a.0, b.0, e.weight))
            .collect();
        v.sort();
        v
    }

    #[test]
    fn windows_table() {
        let text = [b'x'; 100];
        // (entity, sentence, paragraph, token)
        let ms = vec![
            mention(0, 0, 0, 1),
            mention(1, 0, 0, 3),
            mention(0, 0, 0, 5),
            mention(0, 0, 0, 6),
            mention(2, 1, 0, 12),
            mention(1, 2, 1, 22),
            mention(3, 3, 1, 33),
            mention(0, 3, 1, 34),
        ];
        type Case = (Window, &'static [(u32, u32, u64)]);
        let cases: &[Case] = &[
            (Window::Sentence, &[(0, 1, 1), (0, 3, 1)]),
            (
                Window::Paragraph,
                &[(0, 1, 2), (0, 2, 1), (0, 3, 1), (1, 2, 1), (1, 3, 1)],
            ),
            (
                Window::Document,
                &[
                    (0, 1, 1),
                    (0, 2, 1),
                    (0, 3, 1),
                    (1, 2, 1),
                    (1, 3, 1),
                    (2, 3, 1),
                ],
            ),
            // Mention pairs at most 2 words apart: (0@1, 1@3), (1@3, 0@5), (3@33, 0@34).
            (Window::Tokens(2), &[(0, 1, 2), (0, 3, 1)]),
        ];
        for &(window, want) in cases {
            let mut acc = Accumulator::new(window, 5, 50);
            let doc = DocRef {
                order: (0, 0),
                name: "d",
                date: None,
                text: &text,
            };
            acc.add(doc, &annotated(ms.clone()));
            assert_eq!(weights(&acc), want, "{}", window);
            assert!(acc.edges().all(|(_, e)| e.documents == 1));
        }
    }

    #[test]
    fn window_counts_table() {
        let text = [b'x'; 100];
        let ms = vec![
            mention(0, 0, 0, 1),
            mention(1, 0, 0, 3),
            mention(0, 0, 0, 5),
            mention(2, 1, 0, 12),
            mention(1, 2, 1, 22),
            mention(0, 3, 1, 34),
        ];
        // (window, total windows, windows of entities 0, 1, 2)
        let cases: &[(Window, u64, [u64; 3])] = &[
            (Window::Sentence, 10, [2, 2, 1]),
            (Window::Paragraph, 5, [2, 2, 1]),
            (Window::Document, 1, [1, 1, 1]),
            (Window::Tokens(2), 100, [3, 2, 1]),
        ];
        for &(window, total, want) in cases {
            let mut acc = Accumulator::new(window, 5, 50);
            let doc = DocRef {
                order: (0, 0),
                name: "d",
                date: None,
                text: &text,
            };
            acc.add(doc, &annotated(ms.clone()));
            let mut twice = acc.clone();
            twice.merge(acc.clone());
            for (acc, k) in [(&acc, 1), (&twice, 2)] {
                assert_eq!(acc.windows(), k * total, "{}", window);
                let got: Vec<u64> = (0..3)
                    .map(|e| acc.node(EntityId(e)).unwrap().windows)
                    .collect();
                let want: Vec<u64> = want.iter().map(|w| k * w).collect();
                assert_eq!(got, want, "{}", window);
            }
        }
    }

    #[test]
    fn evidence_is_first_k_in_input_order_whatever_the_merge_order() {
        let text = [b'x'; 100];
        let ms = vec![mention(0, 0, 0, 0), mention(1, 0, 0, 1)];
        let mut parts: Vec<Accumulator> = (0..6u64)
            .map(|d| {
                let mut acc = Accumulator::new(Window::Sentence, 3, 50);
                let doc = DocRef {
                    order: (d / 2, d % 2),
                    name: "d",
                    date: None,
                    text: &text,
                };
                acc.add(doc, &annotated(ms.clone()));
                acc
            })
            .collect();
        parts.reverse();
        let mut acc = parts.pop().unwrap();
        for p in parts {
            acc.merge(p);
        }
        let e = acc.edge(EntityId(0), EntityId(1)).unwrap();
        assert_eq!((e.weight, e.documents), (6, 6));
        let keys: Vec<_> = e.evidence.iter().map(|(k, _)| k.0).collect();
        assert_eq!(keys, [(0, 0), (0, 1), (1, 0)]);
    }

    #[test]
    fn merged_into_parts_as_merged_into_one() {
        let text: Vec<u8> = (0..100u8).map(|i| b'a' + i % 26).collect();
        // Documents of overlapping entities, in several accumulators of uneven sizes.
        let docs: Vec<Vec<Mention>> = (0..12u32)
            .map(|d| {
                (0..6)
                    .map(|i| mention((d + i * 3) % 7, i as usize / 2, 0, i as usize * 5))
                    .collect()
            })
            .collect();
        for groups in [1, 2, 3, 5] {
            let mut accs: Vec<Accumulator> = (0..groups)
                .map(|_| Accumulator::new(Window::Sentence, 2, 50))
                .collect();
            for (d, ms) in docs.iter().enumerate() {
                let doc = DocRef {
                    order: (0, d as u64),
                    name: "d",
                    date: None,
                    text: &text,
                };
                accs[d * d % groups].add(doc, &annotated(ms.clone()));
            }
            let mut one = accs[0].clone();
            for a in &accs[1..] {
                one.merge(a.clone());
            }
            let (nodes, edges) = one.into_parts();
            let parts = Accumulator::merge_into_parts(accs);
            assert_eq!(parts.nodes, nodes, "{} accumulators", groups);
            assert_eq!(parts.edges, edges, "{} accumulators", groups);
            assert!(edges
                .iter()
                .any(|(_, e)| e.weight > 1 && e.evidence.len() == 2));
        }
        assert!(Accumulator::merge_into_parts(Vec::new()).nodes.is_empty());
    }

    #[test]
    fn window_cap() {
        let text = [b'x'; 100];
        let ms: Vec<Mention> = (0..10).map(|i| mention(i, 0, 0, i as usize)).collect();
        let mut acc = Accumulator::new(Window::Sentence, 1, 4);
        let doc = DocRef {
            order: (0, 0),
            name: "d",
            date: None,
            text: &text,
        };
        assert_eq!(acc.add(doc, &annotated(ms)), 1);
        assert_eq!(acc.edges().count(), 6);
        assert_eq!(acc.nodes().count(), 10);
    }

    #[test]
    fn window_parse() {
        for (s, w) in [
            ("sentence", Some(Window::Sentence)),
            ("paragraph", Some(Window::Paragraph)),
            ("document", Some(Window::Document)),
            ("tokens:5", Some(Window::Tokens(5))),
            ("tokens:0", None),
            ("tokens:", None),
            ("words:3", None),
        ] {
            assert_eq!(s.parse::<Window>().ok(), w, "{}", s);
            if let Some(w) = w {
                assert_eq!(w.to_string(), s);
            }
        }
    }
}
