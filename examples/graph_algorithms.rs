//! Builds the graph of the bundled sample articles and runs graph algorithms on it:
//! petgraph's connected components and Dijkstra, and rustworkx-core's betweenness centrality.
//!
//! ```text
//! cargo run --release --example graph_algorithms
//! ```
use nergraph::pipeline::{Input, PipelineBuilder};
use nergraph::{Gazetteer, MatcherBuilder};
use petgraph::algo::{connected_components, dijkstra};

fn main() -> Result<(), nergraph::Error> {
    let matcher = MatcherBuilder::new().build(Gazetteer::bundled()?)?;
    let built = PipelineBuilder::new().build(&matcher, &[Input::Bundled])?;
    let graph = &built.graph;
    // The petgraph graph: `UnGraph<Node, Edge>`.
    let g = graph.graph();
    println!(
        "{} entities, {} links, {} connected components",
        g.node_count(),
        g.edge_count(),
        connected_components(g)
    );

    // Strong links are short: distance = 1 / weight.
    let start = graph.find("Vasily Nebenzya")?;
    let dist = dijkstra(g, start, None, |e| 1.0 / e.weight().weight as f64);
    let mut near: Vec<_> = dist.iter().filter(|(n, _)| **n != start).collect();
    near.sort_by(|a, b| a.1.total_cmp(b.1));
    println!("closest to {}:", g[start].name);
    for (n, d) in near.iter().take(5) {
        println!("  {:.3}  {}", d, g[**n].name);
    }

    // Brokers: betweenness centrality (rustworkx-core works on petgraph graphs).
    let bc = rustworkx_core::centrality::betweenness_centrality(g, false, true, 200);
    let mut ranked: Vec<_> = g
        .node_indices()
        .map(|n| (bc[n.index()].unwrap_or(0.0), n))
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    println!("highest betweenness:");
    for (score, n) in ranked.iter().take(5) {
        println!("  {:.3}  {} ({})", score, g[*n].name, g[*n].kind);
    }
    Ok(())
}
