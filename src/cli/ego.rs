//! `nergraph ego`.
use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use nergraph::analysis::{path, Analysis, Weight};
use nergraph::export::{json, Format};
use nergraph::{atomic, Error};

use super::output::{self, parse_format, parse_weight};

#[derive(Args, Debug)]
pub struct EgoArgs {
    /// A graph written by `nergraph build` (graph.json).
    #[arg(value_name = "GRAPH.json")]
    graph: PathBuf,
    /// The entity at the centre: an id, a name or an alias, in any case.
    #[arg(value_name = "NAME")]
    name: String,
    /// Keep entities at most this many links away.
    #[arg(long, short = 'd', value_name = "N", default_value_t = 1)]
    depth: usize,
    /// Output format: json, dot, svg, graphml, gexf, csv, cytoscape or html.
    #[arg(long, short = 'f', value_name = "FORMAT", default_value = "json", value_parser = parse_format)]
    format: Format,
    /// Write to this file (for csv: this directory, which gets nodes.csv and edges.csv)
    /// instead of standard output.
    #[arg(long, short = 'o', value_name = "PATH")]
    out: Option<PathBuf>,
    /// The link weight behind pen widths, layout and scores: count, documents, pmi, npmi or
    /// jaccard. Scores are those of the whole graph.
    #[arg(long, value_name = "MEASURE", default_value = "count", value_parser = parse_weight)]
    weight: Weight,
}

pub fn run(args: EgoArgs) -> nergraph::Result<i32> {
    let full = json::read_path(&args.graph)?;
    let center = full.find(&args.name)?;
    let whole = Analysis::new(&full, args.weight);
    let g = path::ego(&full, center, args.depth);
    let a = whole.restrict(&full, &g);
    match (&args.out, args.format) {
        (Some(dir), Format::Csv) => {
            std::fs::create_dir_all(dir).map_err(|e| {
                Error::usage(format!(
                    "{}: cannot create the directory: {}",
                    dir.display(),
                    e
                ))
            })?;
            output::write_into(Format::Csv, &g, &a, dir)?;
        }
        (Some(file), format) => atomic::write_bytes(file, &output::bytes(format, &g, &a)?)?,
        (None, format) => {
            let bytes = output::bytes(format, &g, &a)?;
            let out = std::io::stdout();
            let mut out = out.lock();
            out.write_all(&bytes)?;
            out.flush()?;
        }
    }
    Ok(0)
}
