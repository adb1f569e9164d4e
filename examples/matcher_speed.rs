//! Times the stages of the matcher on a corpus, in-process: gazetteer load, matcher build,
//! and annotation throughput (normalise, scan, resolve, segment), single-threaded.
//!
//! ```text
//! cargo run --release --example matcher_speed -- CORPUS_DIR_OR_FILE [GAZETTEER…]
//! ```
use std::time::Instant;

use nergraph::{input, Gazetteer, MatcherBuilder};

fn main() {
    let args: Vec<std::path::PathBuf> = std::env::args_os().skip(1).map(Into::into).collect();
    let Some((corpus, gaz_paths)) = args.split_first() else {
        eprintln!("usage: matcher_speed CORPUS [GAZETTEER…]");
        std::process::exit(2);
    };
    let t = Instant::now();
    let gaz = if gaz_paths.is_empty() {
        Gazetteer::bundled()
    } else {
        Gazetteer::from_paths(gaz_paths)
    }
    .expect("gazetteer");
    let load = t.elapsed();
    let t = Instant::now();
    let matcher = MatcherBuilder::new().build(gaz).expect("matcher");
    let build = t.elapsed();
    let docs: Vec<Vec<u8>> = input::expand(std::slice::from_ref(corpus))
        .into_iter()
        .map(|s| s.and_then(|s| s.read()).expect("read").bytes)
        .collect();
    let bytes: usize = docs.iter().map(Vec::len).sum();
    let t = Instant::now();
    let mut mentions = 0;
    for d in &docs {
        mentions += matcher.annotate(d).mentions.len();
    }
    let scan = t.elapsed();
    println!(
        "entities={} patterns={} load_s={:.3} build_s={:.3} docs={} bytes={} mentions={} annotate_s={:.3} annotate_mb_s={:.1}",
        matcher.gazetteer().len(),
        matcher.pattern_count(),
        load.as_secs_f64(),
        build.as_secs_f64(),
        docs.len(),
        bytes,
        mentions,
        scan.as_secs_f64(),
        bytes as f64 / 1e6 / scan.as_secs_f64()
    );
}
