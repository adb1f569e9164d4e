//! `nergraph build`.
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use nergraph::analysis::{backbone, weights, Analysis, Weight};
use nergraph::cooccur::{Window, DEFAULT_EVIDENCE, DEFAULT_MAX_WINDOW_ENTITIES};
use nergraph::export::{dot, json, Format};
use nergraph::graph::{EntityGraph, Filter};
use nergraph::pipeline::{Input, JsonlFields, Observer, PipelineBuilder, Problem};
use nergraph::{atomic, Error};

use super::GazetteerArgs;

#[derive(Args, Debug, Default)]
pub struct BuildArgs {
    #[command(flatten)]
    gaz: GazetteerArgs,
    /// Write graph.json, graph.dot and graph.svg into this directory (created if needed).
    #[arg(long, short = 'o', value_name = "DIR", default_value = "out")]
    out: PathBuf,
    /// What counts as occurring together: sentence, paragraph, document or tokens:N (at most
    /// N words apart).
    #[arg(long, short = 'w', value_name = "WINDOW", default_value = "sentence")]
    window: String,
    /// Pieces of evidence (windows of text) kept per link: the first K in input order.
    #[arg(long, value_name = "K", default_value_t = DEFAULT_EVIDENCE)]
    evidence: usize,
    /// Drop links seen in fewer than N windows.
    #[arg(long, value_name = "N", default_value_t = 1)]
    min_weight: u64,
    /// Keep only entities of these types (comma-separated: person,organisation,place).
    #[arg(long, value_name = "TYPES", value_delimiter = ',')]
    types: Vec<String>,
    /// Leave out this entity (id or name). Repeatable.
    #[arg(long, value_name = "ID")]
    exclude: Vec<String>,
    /// Keep only the N entities with the highest weighted degree.
    #[arg(long, value_name = "N")]
    top: Option<usize>,
    /// What makes a link strong, for --min-value, --backbone, pen widths, layout and the
    /// scores: count (windows), documents, pmi, npmi or jaccard.
    #[arg(long, value_name = "MEASURE", default_value = "count", value_parser = super::output::parse_weight)]
    weight: Weight,
    /// Drop links whose --weight is below X (for example `--weight npmi --min-value 0.2`).
    #[arg(long, value_name = "X")]
    min_value: Option<f64>,
    /// Keep only the links significant at level ALPHA (0 < ALPHA <= 1, e.g. 0.05) for the
    /// disparity filter (Serrano, Boguñá and Vespignani, 2009), and the entities they link.
    #[arg(long, value_name = "ALPHA")]
    backbone: Option<f64>,
    /// Also write these formats (comma-separated): graphml, gexf, csv, cytoscape, html (or
    /// all). graph.json, graph.dot and graph.svg are always written.
    #[arg(long, value_name = "FORMATS", value_delimiter = ',')]
    formats: Vec<String>,
    /// Link at most N distinct entities per window (a window with more, such as a list, is
    /// cut to its first N, with a warning).
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_WINDOW_ENTITIES)]
    max_window_entities: usize,
    /// Worker threads (default: one per core).
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,
    /// Read documents from a JSON Lines archive, one document a line. Repeatable.
    #[arg(long, value_name = "FILE")]
    jsonl: Vec<PathBuf>,
    /// The field of a JSON Lines document holding its text.
    #[arg(long, value_name = "FIELD", default_value = "text")]
    text_field: String,
    /// The field of a JSON Lines document holding its id.
    #[arg(long, value_name = "FIELD", default_value = "id")]
    id_field: String,
    /// The field of a JSON Lines document holding its date (shown with the evidence).
    #[arg(long, value_name = "FIELD")]
    date_field: Option<String>,
    /// No progress bar and no summary; warnings and errors still go to standard error.
    #[arg(long, short = 'q')]
    quiet: bool,
    /// Print how long each step took (loading the gazetteers, compiling the matcher, the
    /// documents, the outputs) to standard error.
    #[arg(long)]
    timings: bool,
    /// Files or directories (read recursively, in sorted order); `-` reads standard input.
    /// With none (and no --jsonl), the bundled sample articles.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
}

impl BuildArgs {
    /// The arguments of a plain `nergraph build`.
    pub fn defaults() -> BuildArgs {
        BuildArgs {
            out: PathBuf::from("out"),
            window: "sentence".into(),
            evidence: DEFAULT_EVIDENCE,
            min_weight: 1,
            max_window_entities: DEFAULT_MAX_WINDOW_ENTITIES,
            text_field: "text".into(),
            id_field: "id".into(),
            ..BuildArgs::default()
        }
    }
}

/// Reports problems as they happen and drives the progress bar.
struct Reporter {
    bar: Option<ProgressBar>,
    documents: AtomicU64,
}

impl Observer for Reporter {
    fn document(&self, bytes: u64) {
        if let Some(bar) = &self.bar {
            let n = self.documents.fetch_add(1, Ordering::Relaxed) + 1;
            bar.inc(bytes);
            bar.set_message(format!("{} documents", n));
        }
    }

    fn problem(&self, p: &Problem) {
        let level = if p.is_error { "error" } else { "warning" };
        let line = format!("nergraph: {}: {}", level, p);
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{}", line)),
            None => eprintln!("{}", line),
        }
    }
}

fn progress_bar(inputs: &[Input]) -> ProgressBar {
    let total: Option<u64> = inputs.iter().map(Input::size_hint).sum();
    let bar = match total {
        Some(t) => ProgressBar::new(t),
        None => ProgressBar::no_length(),
    };
    bar.set_draw_target(ProgressDrawTarget::stderr());
    let template = if total.is_some() {
        "{spinner} [{elapsed_precise}] {wide_bar} {msg}, {bytes}/{total_bytes} ({bytes_per_sec}, ETA {eta})"
    } else {
        "{spinner} [{elapsed_precise}] {msg}, {bytes} ({bytes_per_sec})"
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar
}

pub fn run(args: BuildArgs) -> nergraph::Result<i32> {
    // Every step, the serial ones too, on the --jobs threads: the main thread waits, rather
    // than being one thread more than there are cores while the pool's workers look for work.
    let pool = nergraph::pipeline::thread_pool(args.jobs)?;
    pool.install(|| run_in_pool(args, pool))
}

/// `build`, run in `pool` (the library's parallel steps use it: it is the `--jobs` pool).
fn run_in_pool(args: BuildArgs, pool: &rayon::ThreadPool) -> nergraph::Result<i32> {
    let started = Instant::now();
    let window: Window = args.window.parse()?;
    let mut inputs: Vec<Input> = args.paths.iter().cloned().map(Input::Path).collect();
    inputs.extend(args.jsonl.iter().cloned().map(Input::Jsonl));
    if inputs.is_empty() {
        inputs.push(Input::Bundled);
    }
    let fields = JsonlFields {
        text: args.text_field.clone(),
        id: args.id_field.clone(),
        date: args.date_field.clone(),
    };
    // Few articles for a big gazetteer: compile only the names they can hold (same result).
    let mut timings = super::Timings::default();
    let (matcher, inputs) = args.gaz.matcher_for(
        inputs,
        &fields,
        matches!(window, Window::Tokens(_)),
        args.jobs,
        &mut timings,
    )?;
    let documents_started = Instant::now();
    let show_bar = !args.quiet && std::io::stderr().is_terminal();
    let reporter = Reporter {
        bar: show_bar.then(|| progress_bar(&inputs)),
        documents: AtomicU64::new(0),
    };
    let built = PipelineBuilder::new()
        .window(window)
        .evidence(args.evidence)
        .max_window_entities(args.max_window_entities)
        .jobs(args.jobs)
        .jsonl_fields(fields)
        .build_with(&matcher, &inputs, &reporter)?;
    if let Some(bar) = &reporter.bar {
        bar.finish_and_clear();
    }
    let elapsed = started.elapsed();
    timings.documents = documents_started.elapsed();
    let outputs_started = Instant::now();
    let filter = Filter {
        min_weight: args.min_weight,
        types: (!args.types.is_empty()).then(|| args.types.clone()),
        exclude: args.exclude.clone(),
        top: args.top,
    };
    for x in &filter.exclude {
        if built.graph.find(x).is_err() {
            eprintln!(
                "nergraph: warning: --exclude {}: no such entity in the graph",
                x
            );
        }
    }
    let graph = if filter.is_empty() {
        built.graph
    } else {
        built.graph.filter(&filter)
    };
    let mut formats: Vec<Format> = Vec::new();
    for f in &args.formats {
        if f.trim() == "all" {
            formats.extend(Format::ALL);
        } else {
            formats.push(f.parse()?);
        }
    }
    formats.retain(|f| !matches!(f, Format::Json | Format::Dot | Format::Svg));
    formats.sort();
    formats.dedup();
    let graph = prune(graph, &args)?;
    let analysis = Analysis::new(&graph, args.weight);

    std::fs::create_dir_all(&args.out).map_err(|e| {
        Error::usage(format!(
            "{}: cannot create the directory: {}",
            args.out.display(),
            e
        ))
    })?;
    let json_path = args.out.join("graph.json");
    let dot_path = args.out.join("graph.dot");
    let svg_path = args.out.join("graph.svg");
    // graph.json and graph.dot are written at the same time (on --jobs threads), and every
    // output is put in place together at the end, once all are written and synced: a failure
    // anywhere leaves the previous outputs as they were.
    let (json_staged, dot_staged) = pool.join(
        || atomic::stage(&json_path, |w| json::write_scored(&graph, &analysis, w)),
        || {
            let dot_text = dot::to_string_scored(&graph, &analysis);
            atomic::stage_bytes(&dot_path, dot_text.as_bytes()).map(|s| (s, dot_text))
        },
    );
    let (dot_staged, dot_text) = dot_staged?;
    let mut staged = vec![json_staged?, dot_staged];
    let svg = render_svg(&dot_text, &svg_path)?;
    let has_svg = svg.is_some();
    staged.extend(svg);
    for f in formats {
        if f.needs_graphviz() && !has_svg {
            eprintln!(
                "nergraph: {} not written: it needs Graphviz's `dot`",
                f.files().join(", ")
            );
            continue;
        }
        staged.extend(super::output::stage_into(f, &graph, &analysis, &args.out)?);
    }
    // What was written, in order, for the summary.
    let wrote: Vec<String> = staged
        .iter()
        .map(|s| s.path().display().to_string())
        .collect();
    atomic::commit(staged)?;

    timings.outputs = outputs_started.elapsed();
    if args.timings {
        eprintln!("nergraph: timings: {}", timings);
    }
    let stats = &built.stats;
    if !args.quiet {
        let out = std::io::stdout();
        let mut out = out.lock();
        let printed = summary(&mut out, &graph, stats, elapsed)
            .and_then(|()| writeln!(out, "wrote {}", wrote.join(", ")));
        match printed {
            // `nergraph build | head` is fine.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
            other => other?,
        }
    }
    if !has_svg {
        eprintln!(
            "nergraph: graph.svg not written: Graphviz's `dot` is not on the PATH \
             (install Graphviz: `apt-get install graphviz`, `brew install graphviz`, or \
             https://graphviz.org/download/), then run `dot -Tsvg {} -o {}`",
            dot_path.display(),
            svg_path.display()
        );
    }
    let code = if stats.errors > 0 {
        eprintln!(
            "nergraph: {} input(s) could not be read; the graph holds the others",
            stats.errors
        );
        1
    } else {
        0
    };
    // The process ends here: the matcher and the graph (hundreds of thousands of small
    // allocations with a big gazetteer) are left to the operating system instead of being
    // freed one by one.
    std::mem::forget(matcher);
    std::mem::forget(graph);
    Ok(code)
}

/// Applies --min-value and --backbone.
fn prune(graph: EntityGraph, args: &BuildArgs) -> nergraph::Result<EntityGraph> {
    let mut graph = graph;
    if let Some(min) = args.min_value {
        let w = weights(&graph, args.weight);
        graph = graph.subgraph(|_| true, |e| w[e.index()] >= min);
    }
    if let Some(alpha) = args.backbone {
        if !(alpha > 0.0 && alpha <= 1.0) {
            return Err(Error::usage(format!(
                "--backbone {}: expected a significance level above 0 and at most 1 (e.g. 0.05)",
                alpha
            )));
        }
        let w = weights(&graph, args.weight);
        graph = backbone::disparity_filter(&graph, &w, alpha);
    }
    Ok(graph)
}

/// Renders DOT to SVG with Graphviz's `dot`, staged at `path`; None when `dot` is not on the
/// PATH.
fn render_svg(dot_text: &str, path: &Path) -> nergraph::Result<Option<atomic::Staged>> {
    match super::output::svg(dot_text) {
        Ok(Some(svg)) => Ok(Some(atomic::stage_bytes(path, &svg)?)),
        Ok(None) => Ok(None),
        Err(e) => Err(Error::usage(format!("{}; graph.svg not written", e))),
    }
}

fn human_bytes(n: u64) -> String {
    match n {
        n if n >= 1 << 30 => format!("{:.1} GiB", n as f64 / (1u64 << 30) as f64),
        n if n >= 1 << 20 => format!("{:.1} MiB", n as f64 / (1u64 << 20) as f64),
        n if n >= 1 << 10 => format!("{:.1} KiB", n as f64 / 1024.0),
        n => format!("{} bytes", n),
    }
}

fn summary(
    out: &mut impl Write,
    g: &EntityGraph,
    stats: &nergraph::pipeline::Stats,
    elapsed: std::time::Duration,
) -> std::io::Result<()> {
    let pg = g.graph();
    write!(
        out,
        "nergraph: {} documents ({}) read in {:.2}s",
        stats.documents,
        human_bytes(stats.bytes),
        elapsed.as_secs_f64()
    )?;
    if stats.skipped > 0 {
        write!(out, ", {} skipped", stats.skipped)?;
    }
    writeln!(
        out,
        "\ngraph: {} entities, {} links ({} window)",
        pg.node_count(),
        pg.edge_count(),
        g.info().window
    )?;
    let top = g.top_nodes(10);
    if !top.is_empty() {
        writeln!(out, "top entities (weighted degree):")?;
        for n in top {
            writeln!(
                out,
                "  {:>5}  {} ({}, {} mentions)",
                g.weighted_degree(n),
                g[n].name,
                g[n].kind,
                g[n].mentions
            )?;
        }
    }
    let strongest = g.strongest_edges(10);
    if !strongest.is_empty() {
        writeln!(out, "strongest links (windows, documents):")?;
        for e in strongest {
            let (a, b) = pg.edge_endpoints(e).expect("edge");
            writeln!(
                out,
                "  {:>5}  {:>3}  {} -- {}",
                g[e].weight, g[e].documents, g[a].name, g[b].name
            )?;
        }
    }
    Ok(())
}
