//! The streaming, parallel build: inputs → documents → mentions → co-occurrence → graph.
//!
//! Documents are read one at a time as worker threads ask for them (rayon's `par_bridge`),
//! annotated, and folded into per-thread [`Accumulator`]s that are merged at the end. Only the
//! documents being worked on are in memory, so memory grows with the graph, not the corpus.
//! Every document has a place in the input order, and the accumulators keep evidence in that
//! order, so the graph is the same with any number of threads.
//!
//! Problems that do not stop the run — an unreadable path, a binary file, a malformed line of
//! a JSON Lines archive, a window with too many entities — go to an [`Observer`] and are
//! counted in the [`Stats`].

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;

use rayon::iter::{ParallelBridge, ParallelIterator};

use crate::cooccur::{Accumulator, DocRef, Window, DEFAULT_EVIDENCE, DEFAULT_MAX_WINDOW_ENTITIES};
use crate::error::{Error, Result};
use crate::graph::{EntityGraph, GraphInfo};
use crate::input::{self, Source};
use crate::matcher::Matcher;

/// An input of a build.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// A file, a directory (read recursively in sorted order) or `-` for standard input.
    Path(PathBuf),
    /// A JSON Lines archive: one document a line.
    Jsonl(PathBuf),
    /// The sample articles bundled with nergraph.
    Bundled,
    /// A directory walked once, ahead of the passes over it ([`Input::listed`]): its path as
    /// given and its files in the order of the walk. The size check, the vocabulary pre-pass
    /// and the build all read this list, so they see the same files.
    Listed(PathBuf, Arc<[PathBuf]>),
}

impl Input {
    /// This input with a directory walked now, once for every pass over it: an
    /// [`Input::Listed`] for a directory whose walk met no error (a pass that walks it
    /// itself reports each error in its place), any other input as it is.
    ///
    /// # Example
    /// ```
    /// use nergraph::pipeline::Input;
    /// let listed = Input::Path("seeds".into()).listed();
    /// assert!(matches!(&listed, Input::Listed(_, files) if files.len() == 5));
    /// assert_eq!(listed.name(), "seeds");
    /// ```
    pub fn listed(self) -> Input {
        let Input::Path(p) = &self else {
            return self;
        };
        if p.as_os_str() == "-" || !p.is_dir() {
            return self;
        }
        match input::files_of(p) {
            Some(files) => Input::Listed(p.clone(), files.into()),
            None => self,
        }
    }

    /// The documents of a file, a directory (walked now, unless listed) or the bundled
    /// articles, in order, each error in its place. None for a JSON Lines archive, whose
    /// documents are its lines.
    pub fn sources(&self) -> Vec<Result<Source>> {
        match self {
            Input::Path(p) => input::expand(std::slice::from_ref(p)),
            Input::Listed(_, files) => files.iter().map(|f| Ok(Source::File(f.clone()))).collect(),
            Input::Bundled => input::bundled_seeds().into_iter().map(Ok).collect(),
            Input::Jsonl(_) => Vec::new(),
        }
    }

    /// The input as the graph's metadata names it.
    pub fn name(&self) -> String {
        match self {
            Input::Path(p) | Input::Listed(p, _) => p.display().to_string(),
            Input::Jsonl(p) => format!("jsonl:{}", p.display()),
            Input::Bundled => "seeds/ (bundled)".to_string(),
        }
    }

    /// The number of bytes the input holds, as far as it can be known without reading it
    /// (for progress bars).
    pub fn size_hint(&self) -> Option<u64> {
        self.size_up_to(u64::MAX)
    }

    /// [`Input::size_hint`], but once past `limit` bytes, some number above it (the rest of
    /// a directory is not looked at).
    pub fn size_up_to(&self, limit: u64) -> Option<u64> {
        // Only regular files have a size that can be known without reading them (and be read
        // twice): a pipe, a FIFO or a device (`/dev/stdin`) has none.
        fn du(p: &Path, limit: u64) -> Option<u64> {
            let m = std::fs::metadata(p).ok()?;
            if m.is_dir() {
                du_dir(p, limit)
            } else if m.is_file() {
                Some(m.len())
            } else {
                None
            }
        }
        // Items sized in parallel (in the caller's rayon pool), in blocks of 16, 32, ... 256
        // until past the limit (a small limit is passed after a few files); `size` is told
        // how much of the limit is left.
        fn sum_up_to<T: Sync>(
            items: &[T],
            limit: u64,
            size: impl Fn(&T, u64) -> Option<u64> + Sync,
        ) -> Option<u64> {
            use rayon::prelude::*;
            let mut total: u64 = 0;
            let mut todo = items;
            let mut block_len = 16;
            while !todo.is_empty() && total <= limit {
                let (block, more) = todo.split_at(block_len.min(todo.len()));
                todo = more;
                block_len = (block_len * 2).min(256);
                let left = limit - total;
                let sizes: Option<Vec<u64>> = block.par_iter().map(|i| size(i, left)).collect();
                total = sizes?.into_iter().fold(total, |t, s| t.saturating_add(s));
            }
            Some(total)
        }
        // A directory's entries, stat'ed relative to it.
        fn du_dir(p: &Path, limit: u64) -> Option<u64> {
            let entries: Vec<std::fs::DirEntry> =
                std::fs::read_dir(p).ok()?.filter_map(|e| e.ok()).collect();
            sum_up_to(&entries, limit, |e, left| {
                let t = e.file_type().ok()?;
                if t.is_dir() {
                    du_dir(&e.path(), left)
                } else if t.is_file() {
                    Some(e.metadata().ok()?.len())
                } else {
                    du(&e.path(), left)
                }
            })
        }
        match self {
            Input::Path(p) if p.as_os_str() == "-" => None,
            Input::Path(p) | Input::Jsonl(p) => du(p, limit),
            Input::Listed(_, files) => sum_up_to(files, limit, |f, left| du(f, left)),
            Input::Bundled => Some(
                input::bundled_seeds()
                    .iter()
                    .map(|s| match s {
                        Source::Bundled(_, b) => b.len() as u64,
                        _ => 0,
                    })
                    .sum(),
            ),
        }
    }
}

/// The pool of `jobs` worker threads (at least one; `None`: one per core), for every
/// parallel step of a run (`--jobs`).
///
/// Pools are made once per size and kept for the life of the process (like rayon's global
/// pool; idle workers sleep), so the steps of a run — loading the gazetteers, the pre-pass,
/// compiling the matcher, the documents, the outputs — share the same threads instead of
/// starting and stopping their own.
pub fn thread_pool(jobs: Option<usize>) -> Result<&'static rayon::ThreadPool> {
    static POOLS: std::sync::Mutex<Vec<(usize, &'static rayon::ThreadPool)>> =
        std::sync::Mutex::new(Vec::new());
    let size = jobs.map_or(0, |n| n.max(1));
    let mut pools = POOLS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(&(_, pool)) = pools.iter().find(|(n, _)| *n == size) {
        return Ok(pool);
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(size)
        .build()
        .map_err(|e| Error::usage(format!("cannot start worker threads: {}", e)))?;
    let pool: &'static rayon::ThreadPool = Box::leak(Box::new(pool));
    pools.push((size, pool));
    Ok(pool)
}

/// Up to how many bytes of input it pays to read the inputs once ahead for their vocabulary
/// ([`small_run_vocabulary`]), for a gazetteer of `names` names.
///
/// Reading ahead costs a pass over the words (on one thread here, about 2 s a GB with the
/// bundled gazetteers and 2–2.5 s with 337,000 names, whose alternate names begin like most
/// capitalised words; 4–5 s before its words were packed into numbers; BENCHMARKS.md) and
/// saves compiling every name (about 4 µs a name).
/// Beyond some 10,000 names it also saves matching time on every byte, as the full automaton
/// outgrows the processor's caches: with the bundled 32,000 names (70,000 patterns), 20 MB of
/// news were matched in 0.232 s with the 6,000 patterns of its vocabulary against 0.275 s with
/// all, and the whole run took 0.37 s instead of 0.48; 100 MB came out even. With 337,000
/// names, a gigabyte was matched twice as fast with the 44,000 patterns its vocabulary
/// admitted as with all 700,000 (6.3 against 9.5 s in all on two threads), in a third of the
/// memory (90 against 248 MB). So: 600 bytes a name, times `names / 10,000` beyond 10,000
/// names (107 MB for the bundled gazetteers' 42,417 names), and at most 2 GiB, past which a
/// corpus read twice may no longer be in the page cache the second time. No floor: a small
/// gazetteer compiles in a millisecond or two, so only small inputs are worth reading twice
/// for it (565 names: 339 KB).
pub fn vocabulary_limit(names: usize) -> u64 {
    let names = names as u64;
    (names * 600 * names.max(10_000) / 10_000).min(2 << 30)
}

/// The vocabulary of a small run's inputs over `gaz` (the words that begin like a name,
/// [`matcher::name_starts`](crate::matcher::name_starts)), read once ahead, for
/// [`MatcherBuilder::vocabulary`](crate::MatcherBuilder::vocabulary): with it, the matcher
/// compiles only the names that can occur, so a run over a few articles does not spend its
/// time building an automaton for hundreds of thousands of names. `None` when the inputs hold
/// more than [`vocabulary_limit`] bytes for the gazetteer, or read standard input (which
/// cannot be read twice).
pub fn small_run_vocabulary(
    inputs: &[Input],
    fields: &JsonlFields,
    gaz: &crate::Gazetteer,
    jobs: Option<usize>,
) -> Option<crate::text::Vocabulary> {
    let pool = thread_pool(jobs).ok()?;
    let limit = vocabulary_limit(gaz.name_count());
    // The size check stats files in parallel: on the --jobs threads too.
    let size = pool.install(|| {
        let mut total = 0u64;
        for i in inputs {
            total = total.saturating_add(i.size_up_to(limit.saturating_sub(total))?);
            if total > limit {
                break;
            }
        }
        Some(total)
    })?;
    if size > limit {
        return None;
    }
    // Made only for a run that reads ahead (a pass over every name of the gazetteer).
    let starts = pool.install(|| crate::matcher::name_starts(gaz));
    // One vocabulary per worker (not per document), so that a word seen before costs a look-up,
    // not a new entry and a merge.
    let words = |mut vocab: crate::text::Vocabulary, work: Work| -> crate::text::Vocabulary {
        match work {
            Work::Source(_, src) => {
                if let Ok(doc) = src.read() {
                    vocab.add_document(&doc.bytes);
                }
            }
            Work::Line { line, .. } => {
                if let Ok(Some((_, _, text))) = parse_line(&line, fields) {
                    vocab.add_document(text.as_bytes());
                }
            }
            Work::Failed(_) => {}
        }
        vocab
    };
    Some(pool.install(|| {
        WorkIter::new(inputs)
            .par_bridge()
            .fold(|| crate::text::Vocabulary::for_names(starts.clone()), words)
            .reduce(crate::text::Vocabulary::new, |mut a, b| {
                a.extend(b);
                a
            })
    }))
}

/// The fields of a JSON Lines archive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonlFields {
    /// The field holding the text (default `text`).
    pub text: String,
    /// The field holding the document's id (default `id`); without one, a document is named
    /// `FILE:LINE`.
    pub id: String,
    /// The field holding the document's date, if any.
    pub date: Option<String>,
}

impl Default for JsonlFields {
    fn default() -> JsonlFields {
        JsonlFields {
            text: "text".into(),
            id: "id".into(),
            date: None,
        }
    }
}

/// A problem that does not stop a build.
#[derive(Debug)]
pub struct Problem {
    /// Whether the problem makes the run fail at the end (an input that cannot be read), as
    /// opposed to a warning.
    pub is_error: bool,
    /// What happened, naming the file (and line) it happened in.
    pub error: Error,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.error)
    }
}

/// Watches a build. Called from worker threads.
pub trait Observer: Sync {
    /// A document of `bytes` bytes was processed (or skipped).
    fn document(&self, _bytes: u64) {}
    /// Something went wrong but the build goes on.
    fn problem(&self, _problem: &Problem) {}
}

/// An observer that ignores everything.
#[derive(Clone, Copy, Debug, Default)]
pub struct Quiet;

impl Observer for Quiet {}

/// Counts of a build.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Documents annotated.
    pub documents: u64,
    /// Bytes annotated.
    pub bytes: u64,
    /// Documents skipped (binary files, malformed lines).
    pub skipped: u64,
    /// Inputs that could not be read.
    pub errors: u64,
    /// Windows whose entities were capped.
    pub capped_windows: u64,
}

/// The result of a build.
#[derive(Debug)]
pub struct Build {
    /// The graph (unfiltered).
    pub graph: EntityGraph,
    /// What was read.
    pub stats: Stats,
}

/// Configures and runs a build.
///
/// # Example
/// ```
/// use nergraph::cooccur::Window;
/// use nergraph::pipeline::{Input, PipelineBuilder};
/// use nergraph::{Gazetteer, MatcherBuilder};
///
/// let matcher = MatcherBuilder::new().build(Gazetteer::bundled().unwrap()).unwrap();
/// let built = PipelineBuilder::new()
///     .window(Window::Paragraph)
///     .jobs(Some(1))
///     .build(&matcher, &[Input::Bundled])
///     .unwrap();
/// assert_eq!(built.stats.documents, 5);
/// assert!(built.graph.graph().edge_count() > 10);
/// ```
#[derive(Clone, Debug)]
pub struct PipelineBuilder {
    window: Window,
    evidence: usize,
    max_window_entities: usize,
    jobs: Option<usize>,
    fields: JsonlFields,
}

impl Default for PipelineBuilder {
    fn default() -> PipelineBuilder {
        PipelineBuilder {
            window: Window::Sentence,
            evidence: DEFAULT_EVIDENCE,
            max_window_entities: DEFAULT_MAX_WINDOW_ENTITIES,
            jobs: None,
            fields: JsonlFields::default(),
        }
    }
}

impl PipelineBuilder {
    /// The default settings: sentence window, 5 pieces of evidence, 50 entities per window,
    /// all cores.
    pub fn new() -> PipelineBuilder {
        PipelineBuilder::default()
    }

    /// The co-occurrence window.
    pub fn window(&mut self, window: Window) -> &mut PipelineBuilder {
        self.window = window;
        self
    }

    /// How many pieces of evidence to keep per edge.
    pub fn evidence(&mut self, k: usize) -> &mut PipelineBuilder {
        self.evidence = k;
        self
    }

    /// The most distinct entities linked within one window.
    pub fn max_window_entities(&mut self, n: usize) -> &mut PipelineBuilder {
        self.max_window_entities = n;
        self
    }

    /// The number of worker threads (`None`: one per core).
    pub fn jobs(&mut self, jobs: Option<usize>) -> &mut PipelineBuilder {
        self.jobs = jobs;
        self
    }

    /// The fields of JSON Lines inputs.
    pub fn jsonl_fields(&mut self, fields: JsonlFields) -> &mut PipelineBuilder {
        self.fields = fields;
        self
    }

    /// Builds the graph of the inputs, ignoring problems (they are still counted).
    pub fn build(&self, matcher: &Matcher, inputs: &[Input]) -> Result<Build> {
        self.build_with(matcher, inputs, &Quiet)
    }

    /// Builds the graph of the inputs, telling `observer` about progress and problems.
    ///
    /// Fails only if the thread pool cannot be started; unreadable inputs are problems.
    ///
    /// # Complexity
    /// Linear in the size of the inputs (plus the pairs per window); memory grows with the
    /// graph and the documents in flight (one per thread), not with the corpus.
    pub fn build_with(
        &self,
        matcher: &Matcher,
        inputs: &[Input],
        observer: &dyn Observer,
    ) -> Result<Build> {
        let pool = thread_pool(self.jobs)?;
        let counters = Counters::default();
        let work = WorkIter::new(inputs);
        let new_acc = || Accumulator::new(self.window, self.evidence, self.max_window_entities);
        // The workers' accumulators are merged while the graph is made (sorted runs, merged
        // in one pass), not into one hash map on one thread.
        let accs: Vec<Accumulator> = pool.install(|| {
            work.par_bridge()
                .fold(new_acc, |mut acc, item| {
                    self.process(matcher, item, &mut acc, observer, &counters);
                    acc
                })
                .filter(|acc| acc.documents() > 0)
                .collect()
        });
        let stats = Stats {
            documents: accs.iter().map(Accumulator::documents).sum(),
            bytes: accs.iter().map(Accumulator::bytes).sum(),
            skipped: counters.skipped.load(Ordering::Relaxed),
            errors: counters.errors.load(Ordering::Relaxed),
            capped_windows: accs.iter().map(Accumulator::capped_windows).sum(),
        };
        let gaz = matcher.gazetteer();
        let info = GraphInfo {
            window: self.window,
            inputs: inputs.iter().map(Input::name).collect(),
            gazetteers: gaz.files().to_vec(),
            documents: 0,
            version: env!("CARGO_PKG_VERSION").to_string(),
        };
        Ok(Build {
            graph: pool.install(|| EntityGraph::from_accumulators(accs, gaz, info)),
            stats,
        })
    }

    fn process(
        &self,
        matcher: &Matcher,
        item: Work,
        acc: &mut Accumulator,
        observer: &dyn Observer,
        counters: &Counters,
    ) {
        let warn = |error: Error| {
            counters.skipped.fetch_add(1, Ordering::Relaxed);
            observer.problem(&Problem {
                is_error: false,
                error,
            });
        };
        let (order, name, date, bytes) = match item {
            Work::Failed(error) => {
                counters.errors.fetch_add(1, Ordering::Relaxed);
                observer.problem(&Problem {
                    is_error: true,
                    error,
                });
                return;
            }
            Work::Source(order, src) => match src.read() {
                Ok(doc) => (order, doc.name, None, doc.bytes),
                Err(error) => {
                    counters.errors.fetch_add(1, Ordering::Relaxed);
                    observer.problem(&Problem {
                        is_error: true,
                        error,
                    });
                    return;
                }
            },
            Work::Line {
                order,
                path,
                line_no,
                line,
            } => {
                observer.document(line.len() as u64);
                match parse_line(&line, &self.fields) {
                    Ok(Some((id, date, text))) => {
                        let name = id.unwrap_or_else(|| format!("{}:{}", path.display(), line_no));
                        (order, name, date, text.into_bytes())
                    }
                    Ok(None) => return,
                    Err(e) => {
                        warn(e.with_path(&*path).with_line(line_no));
                        return;
                    }
                }
            }
        };
        let is_line = order.1 > 0;
        if !is_line {
            observer.document(bytes.len() as u64);
        }
        if memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some() {
            warn(Error::usage("looks binary (NUL bytes), skipped").with_path(&name));
            return;
        }
        let ann = matcher.annotate(&bytes);
        let doc = DocRef {
            order,
            name: &name,
            date: date.as_deref(),
            text: &bytes,
        };
        if acc.add(doc, &ann) > 0 && !counters.capped_warned.swap(true, Ordering::Relaxed) {
            observer.problem(&Problem {
                is_error: false,
                error: Error::usage(format!(
                    "a window holds more than {} entities; only the first {} are linked \
                     (--max-window-entities; warned once)",
                    self.max_window_entities, self.max_window_entities
                ))
                .with_path(&name),
            });
        }
    }
}

#[derive(Default)]
struct Counters {
    skipped: AtomicU64,
    errors: AtomicU64,
    capped_warned: AtomicBool,
}

/// Parses one line of a JSON Lines archive into (id, date, text); `None` for a blank line.
#[allow(clippy::type_complexity)]
fn parse_line(
    line: &[u8],
    fields: &JsonlFields,
) -> Result<Option<(Option<String>, Option<String>, String)>> {
    if line.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    let v: serde_json::Value = serde_json::from_slice(line).map_err(|e| {
        // The line number is the archive's, not serde's (always 1).
        let msg = e.to_string();
        let msg = msg
            .rsplit_once(" at line ")
            .map_or(msg.as_str(), |(m, _)| m);
        Error::usage(format!("invalid JSON ({}), line skipped", msg))
    })?;
    let obj = v
        .as_object()
        .ok_or_else(|| Error::usage("not a JSON object, line skipped"))?;
    let scalar = |key: &str| -> Option<String> {
        match obj.get(key)? {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    };
    let text = match obj.get(&fields.text) {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(_) => {
            return Err(Error::usage(format!(
                "field `{}` is not a string, line skipped",
                fields.text
            )))
        }
        None => {
            return Err(Error::usage(format!(
                "no field `{}` (--text-field), line skipped",
                fields.text
            )))
        }
    };
    let date = fields.date.as_deref().and_then(scalar);
    Ok(Some((scalar(&fields.id), date, text)))
}

/// One unit of work: a document source, a line of an archive, or an input that failed.
enum Work {
    Source((u64, u64), Source),
    Line {
        order: (u64, u64),
        path: Arc<Path>,
        line_no: usize,
        line: Vec<u8>,
    },
    Failed(Error),
}

/// Walks the inputs lazily: directories are listed up front (names only), archives are read
/// a line at a time as workers ask for work.
struct WorkIter<'a> {
    inputs: std::slice::Iter<'a, Input>,
    pending: std::vec::IntoIter<Work>,
    /// The files of a listed directory, handed out one at a time (not copied into `pending`:
    /// a gigabyte of news is tens of thousands of paths).
    listed: std::slice::Iter<'a, PathBuf>,
    reader: Option<(Arc<Path>, BufReader<File>, usize)>,
    next_order: u64,
}

impl<'a> WorkIter<'a> {
    fn new(inputs: &'a [Input]) -> WorkIter<'a> {
        WorkIter {
            inputs: inputs.iter(),
            pending: Vec::new().into_iter(),
            listed: [].iter(),
            reader: None,
            next_order: 0,
        }
    }
}

impl Iterator for WorkIter<'_> {
    type Item = Work;

    fn next(&mut self) -> Option<Work> {
        loop {
            if let Some(w) = self.pending.next() {
                return Some(w);
            }
            if let Some(f) = self.listed.next() {
                self.next_order += 1;
                return Some(Work::Source(
                    (self.next_order - 1, 0),
                    Source::File(f.clone()),
                ));
            }
            if let Some((path, reader, line_no)) = &mut self.reader {
                let mut line = Vec::new();
                match reader.read_until(b'\n', &mut line) {
                    Ok(0) => {
                        self.reader = None;
                    }
                    Ok(_) => {
                        *line_no += 1;
                        // The archive's order is the input's; lines are numbered from 1 so that
                        // order.1 > 0 marks a line.
                        return Some(Work::Line {
                            order: (self.next_order - 1, *line_no as u64),
                            path: Arc::clone(path),
                            line_no: *line_no,
                            line,
                        });
                    }
                    Err(e) => {
                        let err = Error::io(e).with_path(&**path).with_line(*line_no + 1);
                        self.reader = None;
                        return Some(Work::Failed(err));
                    }
                }
                continue;
            }
            let input = self.inputs.next()?;
            match input {
                Input::Jsonl(p) => {
                    self.next_order += 1;
                    match File::open(p) {
                        Ok(f) => self.reader = Some((Arc::from(p.as_path()), BufReader::new(f), 0)),
                        Err(e) => return Some(Work::Failed(Error::io(e).with_path(p))),
                    }
                }
                Input::Listed(_, files) => self.listed = files.iter(),
                Input::Path(_) | Input::Bundled => {
                    let items: Vec<Work> = input
                        .sources()
                        .into_iter()
                        .map(|r| match r {
                            Ok(src) => {
                                self.next_order += 1;
                                Work::Source((self.next_order - 1, 0), src)
                            }
                            Err(e) => Work::Failed(e),
                        })
                        .collect();
                    self.pending = items.into_iter();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_of_directories() {
        let dir = tempfile::tempdir().unwrap();
        let mut want = 0;
        for d in 0..3 {
            let sub = dir.path().join(format!("d{}", d));
            std::fs::create_dir(&sub).unwrap();
            for f in 0..300 {
                let text = "x".repeat(f % 50 + 1);
                std::fs::write(sub.join(format!("{}.txt", f)), &text).unwrap();
                want += text.len() as u64;
            }
        }
        let input = Input::Path(dir.path().to_path_buf());
        assert_eq!(input.size_hint(), Some(want));
        assert_eq!(input.size_up_to(want), Some(want));
        // Past the limit: some number above it, without looking at every file.
        for limit in [0, 1, 100, 5_000, want - 1] {
            let got = input.size_up_to(limit).unwrap();
            assert!(got > limit && got <= want, "limit {}: {}", limit, got);
        }
        assert_eq!(Input::Path(dir.path().join("missing")).size_hint(), None);
        assert_eq!(Input::Path("-".into()).size_hint(), None);
        // Listed once: the same sizes, without walking again.
        let listed = input.clone().listed();
        assert!(matches!(&listed, Input::Listed(_, files) if files.len() == 900));
        assert_eq!(listed.name(), input.name());
        assert_eq!(listed.size_hint(), Some(want));
        for limit in [0, 1, 100, 5_000, want - 1] {
            let got = listed.size_up_to(limit).unwrap();
            assert!(got > limit && got <= want, "limit {}: {}", limit, got);
        }
    }

    #[test]
    fn listed_inputs_give_the_same_documents() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("b")).unwrap();
        for (f, text) in [
            ("a.txt", "Kabul."),
            ("b/c.txt", "Moscow."),
            (".hidden", "x"),
        ] {
            std::fs::write(dir.path().join(f), text).unwrap();
        }
        let names = |i: &Input| -> Vec<String> {
            i.sources().into_iter().map(|s| s.unwrap().name()).collect()
        };
        let path = Input::Path(dir.path().to_path_buf());
        let listed = path.clone().listed();
        assert!(matches!(listed, Input::Listed(..)));
        assert_eq!(names(&listed), names(&path));
        assert_eq!(names(&path).len(), 2);
        // Inputs that are not directories, or cannot be walked, stay as they are.
        for other in [
            Input::Path(dir.path().join("a.txt")),
            Input::Path(dir.path().join("missing")),
            Input::Path("-".into()),
            Input::Bundled,
        ] {
            assert_eq!(other.clone().listed(), other);
        }
        // The same graph from either.
        let matcher = crate::MatcherBuilder::new()
            .build(crate::Gazetteer::bundled().unwrap())
            .unwrap();
        let build = |i: &Input| {
            let g = PipelineBuilder::new()
                .build(&matcher, std::slice::from_ref(i))
                .unwrap()
                .graph;
            crate::export::json::to_string(&g)
        };
        let seeds = Input::Path(Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds"));
        assert_eq!(build(&seeds.clone().listed()), build(&seeds));
    }

    #[test]
    fn vocabulary_limit_grows_faster_for_big_gazetteers() {
        assert_eq!(vocabulary_limit(100), 60_000);
        assert_eq!(vocabulary_limit(10_000), 6_000_000);
        // The bundled gazetteers (42,417 names): about 107 MB.
        assert_eq!(vocabulary_limit(42_417), 107_952_113);
        assert_eq!(vocabulary_limit(50_000), 150_000_000);
        // GeoNames cities with their alternate names: up to the cap.
        assert_eq!(vocabulary_limit(337_365), 2 << 30);
    }

    #[test]
    fn jsonl_lines() {
        let f = JsonlFields {
            date: Some("date".into()),
            ..JsonlFields::default()
        };
        let ok = |l: &str| parse_line(l.as_bytes(), &f).map_err(|e| e.to_string());
        assert_eq!(ok("  ").unwrap(), None);
        assert_eq!(
            ok(r#"{"id": 7, "text": "Hi", "date": "2024-01-02"}"#).unwrap(),
            Some((Some("7".into()), Some("2024-01-02".into()), "Hi".into()))
        );
        assert_eq!(
            ok(r#"{"text": "Hi"}"#).unwrap(),
            Some((None, None, "Hi".into()))
        );
        assert!(ok(r#"{"id": 1}"#).unwrap_err().contains("no field `text`"));
        assert!(ok(r#"{"text": 3}"#).unwrap_err().contains("not a string"));
        assert!(ok(r#"[1]"#).unwrap_err().contains("not a JSON object"));
        let e = ok(r#"{"text": "#).unwrap_err();
        assert!(e.starts_with("invalid JSON (EOF"), "{}", e);
    }
}
