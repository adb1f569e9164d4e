//! The benchmark's "limit": a bare Aho-Corasick leftmost-longest scan of a corpus with every
//! name and alias of the given gazetteers, and nothing else (no normalisation, no word
//! boundaries, no resolution, no sentences, no graph).
//!
//! ```text
//! cargo run --release --example bare_scan -- -g GAZ.tsv [-g DIR] [--threads N] CORPUS [CORPUS…]
//! ```
//!
//! Gazetteers are nergraph TSV files (or directories of `*.tsv`); with no `-g`, the bundled
//! `gazetteers/` directory. Corpus paths are files or directories (read recursively). Each
//! file is read whole and its bytes scanned. Prints the pattern count, the automaton build
//! time, the number of matches and the read + scan time (to standard output, one `key=value`
//! per line, for scripts/bench/run.sh). With `--threads N` (default 1), N threads take the
//! files in turn (an atomic counter, as nergraph's workers do) and scan them with the same
//! automaton: the limit of what a second core can add to the same reads and scans, on this
//! machine, in this run.
use std::path::{Path, PathBuf};
use std::time::Instant;

use aho_corasick::{AhoCorasick, MatchKind};

fn tsv_files(p: &Path, out: &mut Vec<PathBuf>) {
    if p.is_dir() {
        let mut v: Vec<PathBuf> = std::fs::read_dir(p)
            .unwrap_or_else(|e| panic!("{}: {}", p.display(), e))
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
            .collect();
        v.sort();
        out.extend(v);
    } else {
        out.push(p.to_path_buf());
    }
}

fn corpus_files(p: &Path, out: &mut Vec<PathBuf>) {
    if p.is_dir() {
        let mut v: Vec<PathBuf> = std::fs::read_dir(p)
            .unwrap_or_else(|e| panic!("{}: {}", p.display(), e))
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                !p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
            })
            .collect();
        v.sort();
        for q in v {
            corpus_files(&q, out);
        }
    } else {
        out.push(p.to_path_buf());
    }
}

/// Every `name` and `aliases` entry of a nergraph TSV gazetteer, as written.
fn names(path: &Path, out: &mut Vec<String>) {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {}", path.display(), e));
    let mut header: Option<(usize, Option<usize>)> = None;
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        match header {
            None => {
                let name = fields
                    .iter()
                    .position(|f| *f == "name")
                    .expect("no name column");
                let aliases = fields.iter().position(|f| *f == "aliases");
                header = Some((name, aliases));
            }
            Some((n, a)) => {
                if let Some(name) = fields.get(n).filter(|s| !s.is_empty()) {
                    out.push(name.to_string());
                }
                if let Some(al) = a.and_then(|a| fields.get(a)) {
                    out.extend(al.split('|').filter(|s| !s.is_empty()).map(String::from));
                }
            }
        }
    }
}

fn main() {
    let mut gaz: Vec<PathBuf> = Vec::new();
    let mut corpus: Vec<PathBuf> = Vec::new();
    let mut threads = 1usize;
    let mut args = std::env::args_os().skip(1);
    while let Some(a) = args.next() {
        if a == "-g" || a == "--gazetteer" {
            gaz.push(args.next().expect("-g needs a path").into());
        } else if a == "--threads" {
            let n = args.next().expect("--threads needs a number");
            threads = n
                .to_string_lossy()
                .parse()
                .expect("--threads needs a number");
            threads = threads.max(1);
        } else {
            corpus.push(a.into());
        }
    }
    if gaz.is_empty() {
        gaz.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("gazetteers"));
    }
    let t0 = Instant::now();
    let mut files = Vec::new();
    for g in &gaz {
        tsv_files(g, &mut files);
    }
    let mut patterns = Vec::new();
    for f in &files {
        names(f, &mut patterns);
    }
    patterns.sort_unstable();
    patterns.dedup();
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&patterns)
        .expect("cannot build the automaton");
    let build = t0.elapsed();

    let mut docs = Vec::new();
    for c in &corpus {
        corpus_files(c, &mut docs);
    }
    let t1 = Instant::now();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let scan_files = || {
        let (mut bytes, mut matches) = (0u64, 0u64);
        loop {
            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(d) = docs.get(i) else {
                break;
            };
            let b = std::fs::read(d).unwrap_or_else(|e| panic!("{}: {}", d.display(), e));
            bytes += b.len() as u64;
            matches += ac.find_iter(&b).count() as u64;
        }
        (bytes, matches)
    };
    let (bytes, matches) = if threads == 1 {
        scan_files()
    } else {
        std::thread::scope(|s| {
            let handles: Vec<_> = (0..threads).map(|_| s.spawn(scan_files)).collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("a scanning thread"))
                .fold((0, 0), |(b, m), (b2, m2)| (b + b2, m + m2))
        })
    };
    let scan = t1.elapsed().as_secs_f64();
    println!("threads={}", threads);
    println!("patterns={}", patterns.len());
    println!("build_seconds={:.4}", build.as_secs_f64());
    println!("files={}", docs.len());
    println!("bytes={}", bytes);
    println!("matches={}", matches);
    println!("scan_seconds={:.4}", scan);
    println!("scan_mb_per_s={:.1}", bytes as f64 / 1e6 / scan.max(1e-9));
}
