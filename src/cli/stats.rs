//! `nergraph stats`.
use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use nergraph::analysis::{community, Analysis, Scores, Weight};
use nergraph::export::json;

use super::output::parse_weight;

#[derive(Args, Debug)]
pub struct StatsArgs {
    /// A graph written by `nergraph build` (graph.json).
    #[arg(value_name = "GRAPH.json")]
    graph: PathBuf,
    /// The link weight behind weighted degree, PageRank and communities: count, documents,
    /// pmi, npmi or jaccard.
    #[arg(long, value_name = "MEASURE", default_value = "count", value_parser = parse_weight)]
    weight: Weight,
    /// Entities listed per ranking, and members per community.
    #[arg(long, short = 'n', value_name = "N", default_value_t = 10)]
    top: usize,
}

type Score = fn(&Scores) -> f64;

pub fn run(args: StatsArgs) -> nergraph::Result<i32> {
    let g = json::read_path(&args.graph)?;
    let a = Analysis::new(&g, args.weight);
    let pg = g.graph();
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    let components = petgraph::algo::connected_components(pg);
    writeln!(
        out,
        "{} entities, {} links, {} connected component{} ({} window, {} documents; link weight: {})",
        pg.node_count(),
        pg.edge_count(),
        components,
        if components == 1 { "" } else { "s" },
        g.info().window,
        g.info().documents,
        args.weight
    )?;
    let rankings: [(&str, Score); 4] = [
        ("degree", |s| s.degree as f64),
        ("weighted degree", |s| s.weighted_degree),
        ("PageRank", |s| s.pagerank),
        ("betweenness", |s| s.betweenness),
    ];
    for (title, score) in rankings {
        writeln!(out, "\nby {}:", title)?;
        for (k, n) in a.ranking(&g, score).into_iter().take(args.top).enumerate() {
            let v = score(a.node(n));
            let shown = if v.fract() == 0.0 {
                format!("{}", v)
            } else {
                format!("{:.4}", v)
            };
            writeln!(
                out,
                "{:>3}. {:>9}  {} ({})",
                k + 1,
                shown,
                g[n].name,
                g[n].kind
            )?;
        }
    }
    let strength: Vec<f64> = a
        .edge_weights()
        .iter()
        .copied()
        .map(nergraph::analysis::weight::strength)
        .collect();
    let partition: Vec<usize> = pg.node_indices().map(|n| a.node(n).community).collect();
    let count = partition.iter().max().map_or(0, |m| m + 1);
    writeln!(
        out,
        "\ncommunities (Louvain): {}, modularity {:.3}",
        count,
        community::modularity(pg, &strength, &partition)
    )?;
    let by_pagerank = a.ranking(&g, |s| s.pagerank);
    for c in 0..count {
        let members: Vec<_> = by_pagerank
            .iter()
            .filter(|&&n| a.node(n).community == c)
            .collect();
        let names: Vec<&str> = members
            .iter()
            .take(args.top)
            .map(|&&n| g[n].name.as_str())
            .collect();
        let more = members.len().saturating_sub(args.top);
        writeln!(
            out,
            "{:>3}. {} entit{}: {}{}",
            c,
            members.len(),
            if members.len() == 1 { "y" } else { "ies" },
            names.join(", "),
            if more > 0 {
                format!(", … ({} more)", more)
            } else {
                String::new()
            }
        )?;
    }
    out.flush()?;
    Ok(0)
}
