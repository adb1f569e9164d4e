//! Command-line parsing and the subcommands.
use std::path::PathBuf;
use std::time::{Duration, Instant};

use clap::{Args, Parser, Subcommand};
use nergraph::pipeline::Input;
use nergraph::{Gazetteer, GazetteerBuilder, Matcher, MatcherBuilder};

mod build;
mod ego;
mod gazetteer;
mod mentions;
mod neighbors;
mod output;
mod path;
mod stats;

/// Turn news articles into a graph of who is linked to whom.
///
/// nergraph finds people, organisations and places of a gazetteer in text and links those
/// that occur together. With no command, it runs `build` on the bundled sample articles.
#[derive(Parser, Debug)]
#[command(name = "nergraph", version, about, long_about)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Build the graph of the documents (default: the bundled sample articles) and write
    /// graph.json, graph.dot and graph.svg into --out.
    Build(Box<build::BuildArgs>),
    /// List who is linked to an entity in a graph.json, strongest first.
    Neighbors(neighbors::NeighborsArgs),
    /// Print the strongest chain of links between two entities of a graph.json, with the
    /// evidence for each link.
    Path(path::PathArgs),
    /// Write the network around an entity of a graph.json (its neighbours, theirs with
    /// --depth 2, …) in any export format.
    Ego(ego::EgoArgs),
    /// Rank the entities of a graph.json by degree, weighted degree, PageRank and
    /// betweenness, and list its communities.
    Stats(stats::StatsArgs),
    /// Print every mention of a gazetteer entity found in the documents, as JSON Lines.
    Mentions(mentions::MentionsArgs),
    /// Work with gazetteers: `nergraph gazetteer check [PATH…]`.
    #[command(subcommand)]
    Gazetteer(gazetteer::GazetteerCommand),
}

/// Which gazetteers to load.
#[derive(Args, Debug, Clone, Default)]
pub struct GazetteerArgs {
    /// Use this gazetteer (a TSV file or a directory of them) instead of the bundled ones.
    /// Repeatable.
    #[arg(long = "gazetteer", short = 'g', value_name = "PATH")]
    pub gazetteer: Vec<PathBuf>,
    /// Add this gazetteer (file or directory) to the bundled ones (or to --gazetteer). Repeatable.
    #[arg(long = "add-gazetteer", value_name = "PATH")]
    pub add_gazetteer: Vec<PathBuf>,
    /// Do not resolve surnames and parenthesised acronyms within a document.
    #[arg(long)]
    pub no_in_document_aliases: bool,
    /// Do not look for near-miss spellings of person names.
    #[arg(long)]
    pub no_fuzzy: bool,
}

impl GazetteerArgs {
    /// Loads the gazetteers, printing warnings to standard error.
    pub fn load(&self) -> nergraph::Result<Gazetteer> {
        let mut b = GazetteerBuilder::new();
        if self.gazetteer.is_empty() {
            b = b.add_bundled()?;
        }
        for p in self.gazetteer.iter().chain(&self.add_gazetteer) {
            b = b.add_path(p)?;
        }
        b.build()
    }

    /// Loads the gazetteers and builds the matcher for a run over `inputs`: when the inputs
    /// are small next to the gazetteer, only for the names that can occur in them. Returns
    /// the matcher and the inputs with their directories walked ([`Input::listed`], while
    /// the gazetteers load), for the run to read. Records how long each step took in
    /// `timings`.
    pub fn matcher_for(
        &self,
        inputs: Vec<Input>,
        fields: &nergraph::pipeline::JsonlFields,
        word_positions: bool,
        jobs: Option<usize>,
        timings: &mut Timings,
    ) -> nergraph::Result<(Matcher, Vec<Input>)> {
        let t = Instant::now();
        // Loading normalises the names in parallel: on --jobs threads, like the rest.
        let pool = nergraph::pipeline::thread_pool(jobs)?;
        let (gaz, inputs) = pool.join(
            || self.load(),
            || inputs.into_iter().map(Input::listed).collect::<Vec<_>>(),
        );
        let gaz = gaz?;
        timings.gazetteers = t.elapsed();
        let t = Instant::now();
        let vocabulary = nergraph::pipeline::small_run_vocabulary(&inputs, fields, &gaz, jobs);
        timings.vocabulary = vocabulary.as_ref().map(|v| (t.elapsed(), v.len()));
        // Shared names in user gazetteers are worth a word; the bundled ones are checked by
        // `nergraph gazetteer check`.
        if !self.gazetteer.is_empty() || !self.add_gazetteer.is_empty() {
            let n = gaz.warning_count();
            for w in gaz
                .iter_warnings()
                .filter(|w| !w.source.file.starts_with("gazetteers/"))
                .take(5)
            {
                eprintln!("nergraph: warning: {}", w);
            }
            if n > 5 {
                eprintln!(
                    "nergraph: ({} shared names in all; `nergraph gazetteer check` lists them)",
                    n
                );
            }
        }
        let mut b = MatcherBuilder::new();
        b.in_document_aliases(!self.no_in_document_aliases)
            .fuzzy(!self.no_fuzzy)
            .word_positions(word_positions)
            .threads(jobs);
        if let Some(v) = vocabulary {
            b.vocabulary(v);
        }
        let t = Instant::now();
        let matcher = b.build(gaz)?;
        timings.matcher = t.elapsed();
        timings.patterns = matcher.pattern_count();
        Ok((matcher, inputs))
    }
}

/// How long the steps of a run took (`build --timings`).
#[derive(Debug, Default)]
pub struct Timings {
    /// Loading the gazetteers.
    pub gazetteers: Duration,
    /// Reading the inputs' words ahead (small runs only), and how many distinct words.
    pub vocabulary: Option<(Duration, usize)>,
    /// Compiling the matcher, and for how many patterns.
    pub matcher: Duration,
    pub patterns: usize,
    /// Reading, matching and linking the documents.
    pub documents: Duration,
    /// Writing the outputs (Graphviz included).
    pub outputs: Duration,
}

impl std::fmt::Display for Timings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = |d: Duration| d.as_secs_f64();
        write!(f, "gazetteers {:.4} s", s(self.gazetteers))?;
        if let Some((d, words)) = self.vocabulary {
            write!(f, ", vocabulary pre-pass {:.4} s ({} words)", s(d), words)?;
        }
        let total = self.gazetteers
            + self.vocabulary.map_or(Duration::ZERO, |v| v.0)
            + self.matcher
            + self.documents
            + self.outputs;
        write!(
            f,
            ", matcher {:.4} s ({} patterns), documents {:.4} s, outputs {:.4} s, total {:.4} s",
            s(self.matcher),
            self.patterns,
            s(self.documents),
            s(self.outputs),
            s(total)
        )
    }
}

/// Parses the command line, runs the command, and returns the exit status.
pub fn run() -> i32 {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Build(a)) => build::run(*a),
        Some(Command::Neighbors(a)) => neighbors::run(a),
        Some(Command::Mentions(a)) => mentions::run(a),
        Some(Command::Path(a)) => path::run(a),
        Some(Command::Ego(a)) => ego::run(a),
        Some(Command::Stats(a)) => stats::run(a),
        Some(Command::Gazetteer(c)) => gazetteer::run(c),
        None => build::run(build::BuildArgs::defaults()),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("nergraph: error: {}", e);
            2
        }
    }
}
