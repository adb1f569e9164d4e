//! `nergraph neighbors`.
use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use nergraph::export::json;

#[derive(Args, Debug)]
pub struct NeighborsArgs {
    /// A graph written by `nergraph build` (graph.json).
    #[arg(value_name = "GRAPH.json")]
    graph: PathBuf,
    /// The entity: an id, a name or an alias, in any case.
    #[arg(value_name = "NAME")]
    name: String,
    /// Show the sentences that link them.
    #[arg(long, short = 'e')]
    evidence: bool,
    /// Show at most N neighbours.
    #[arg(long, short = 'n', value_name = "N")]
    limit: Option<usize>,
}

pub fn run(args: NeighborsArgs) -> nergraph::Result<i32> {
    let g = json::read_path(&args.graph)?;
    let n = g.find(&args.name)?;
    let node = &g[n];
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    let neighbors: Vec<_> = g.neighbors(n).collect();
    writeln!(
        out,
        "{} ({}, id {}): {} mention{} in {} document{}, linked to {} {}",
        node.name,
        node.kind,
        node.id,
        node.mentions,
        if node.mentions == 1 { "" } else { "s" },
        node.documents,
        if node.documents == 1 { "" } else { "s" },
        neighbors.len(),
        if neighbors.len() == 1 {
            "entity"
        } else {
            "entities"
        }
    )?;
    if !neighbors.is_empty() {
        writeln!(out, "{:>7}  {:>4}  entity", "windows", "docs")?;
    }
    for (m, edge) in neighbors.iter().take(args.limit.unwrap_or(usize::MAX)) {
        let other = &g[*m];
        writeln!(
            out,
            "{:>7}  {:>4}  {} ({}, id {})",
            edge.weight, edge.documents, other.name, other.kind, other.id
        )?;
        if args.evidence {
            for ev in &edge.evidence {
                let (date, text) = super::output::evidence_line(ev);
                writeln!(
                    out,
                    "               {}{} #{} [{}..{}]: {}",
                    ev.doc, date, ev.sentence, ev.start, ev.end, text
                )?;
            }
        }
    }
    out.flush()?;
    Ok(0)
}
