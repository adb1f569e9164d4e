//! `nergraph path`.
use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use nergraph::analysis::{path, Analysis, Weight};
use nergraph::export::json;
use nergraph::Error;

use super::output::parse_weight;

#[derive(Args, Debug)]
pub struct PathArgs {
    /// A graph written by `nergraph build` (graph.json).
    #[arg(value_name = "GRAPH.json")]
    graph: PathBuf,
    /// Where the chain starts: an id, a name or an alias, in any case.
    #[arg(value_name = "FROM")]
    from: String,
    /// Where it ends.
    #[arg(value_name = "TO")]
    to: String,
    /// What makes a link strong: count, documents, pmi, npmi or jaccard. Each link costs
    /// 1/weight and the chain of least total cost is printed.
    #[arg(long, value_name = "MEASURE", default_value = "count", value_parser = parse_weight)]
    weight: Weight,
    /// Pieces of evidence shown per link.
    #[arg(long, short = 'e', value_name = "K", default_value_t = 2)]
    evidence: usize,
}

pub fn run(args: PathArgs) -> nergraph::Result<i32> {
    let g = json::read_path(&args.graph)?;
    let (from, to) = (g.find(&args.from)?, g.find(&args.to)?);
    let a = Analysis::new(&g, args.weight);
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    let Some(p) = path::strongest_path(&g, &a, from, to) else {
        return Err(Error::usage(format!(
            "{} and {} are not connected in {}",
            g[from].name,
            g[to].name,
            args.graph.display()
        )));
    };
    let links = p.edges.len();
    writeln!(
        out,
        "{} -> {}: {} link{} (cost {:.4}; each link costs 1/{})",
        g[from].name,
        g[to].name,
        links,
        if links == 1 { "" } else { "s" },
        p.cost,
        args.weight
    )?;
    for (k, e) in p.edges.iter().enumerate() {
        let (x, y) = (p.nodes[k], p.nodes[k + 1]);
        let edge = &g[*e];
        writeln!(
            out,
            "{}. {} ({}) -- {} ({}): {} window{} in {} document{}{}",
            k + 1,
            g[x].name,
            g[x].kind,
            g[y].name,
            g[y].kind,
            edge.weight,
            if edge.weight == 1 { "" } else { "s" },
            edge.documents,
            if edge.documents == 1 { "" } else { "s" },
            match args.weight {
                Weight::Count => String::new(),
                w => format!("; {} {:.4}", w, a.edge(*e)),
            }
        )?;
        for ev in edge.evidence.iter().take(args.evidence) {
            let (date, text) = super::output::evidence_line(ev);
            writeln!(out, "     {}{} #{}: {}", ev.doc, date, ev.sentence, text)?;
        }
    }
    out.flush()?;
    Ok(0)
}
