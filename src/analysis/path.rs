//! The strongest chain of links between two entities, and the network around one.
//!
//! # What "strongest" means
//! Each link costs `1 / strength` (its weight under the chosen [`Weight`](super::Weight),
//! negative measures counting as no link), and the strongest chain is the cheapest one:
//! the usual translation of tie strength into distance in weighted network analysis
//! (Newman, 2001; Opsahl, Agneessens and Skvoretz, 2010). Two links of weight 10 (cost 0.2)
//! beat one link of weight 1 (cost 1): a well-attested detour is stronger than a single
//! passing co-occurrence. The search is rustworkx-core's Dijkstra.

use std::collections::{HashSet, VecDeque};

use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use rustworkx_core::dictmap::DictMap;

use super::Analysis;
use crate::graph::EntityGraph;

/// A chain of links.
#[derive(Clone, Debug, PartialEq)]
pub struct Path {
    /// The nodes, from the start to the goal.
    pub nodes: Vec<NodeIndex>,
    /// The links, `edges[i]` joining `nodes[i]` and `nodes[i + 1]`.
    pub edges: Vec<EdgeIndex>,
    /// The sum of the links' costs (`1 / strength`).
    pub cost: f64,
}

/// The strongest chain between `from` and `to`, or `None` when they are not connected
/// (through links of positive strength).
///
/// # Example
/// ```
/// use nergraph::analysis::{path, Analysis, Weight};
/// use nergraph::pipeline::{Input, PipelineBuilder};
/// use nergraph::{Gazetteer, MatcherBuilder};
///
/// let matcher = MatcherBuilder::new().build(Gazetteer::bundled().unwrap()).unwrap();
/// let g = PipelineBuilder::new().build(&matcher, &[Input::Bundled]).unwrap().graph;
/// let a = Analysis::new(&g, Weight::Count);
/// let (trump, nebenzya) = (g.find("Donald Trump").unwrap(), g.find("Nebenzya").unwrap());
/// let p = path::strongest_path(&g, &a, trump, nebenzya).unwrap();
/// assert_eq!(p.nodes.first(), Some(&trump));
/// assert_eq!(p.nodes.last(), Some(&nebenzya));
/// assert_eq!(p.edges.len(), p.nodes.len() - 1);
/// ```
///
/// # Complexity
/// O((V + E) log V).
pub fn strongest_path(
    g: &EntityGraph,
    a: &Analysis,
    from: NodeIndex,
    to: NodeIndex,
) -> Option<Path> {
    let pg = g.graph();
    let mut paths: DictMap<NodeIndex, Vec<NodeIndex>> = DictMap::default();
    let dist: DictMap<NodeIndex, f64> = rustworkx_core::shortest_path::dijkstra(
        pg,
        from,
        Some(to),
        |e| -> Result<f64, std::convert::Infallible> {
            let s = a.strength(e.id());
            Ok(if s > 0.0 { 1.0 / s } else { f64::INFINITY })
        },
        Some(&mut paths),
    )
    .ok()?;
    let cost = *dist.get(&to)?;
    if !cost.is_finite() {
        return None;
    }
    let nodes = paths.swap_remove(&to)?;
    let edges = nodes
        .windows(2)
        .map(|w| {
            // The strongest of the (single) link between consecutive nodes.
            pg.edges_connecting(w[0], w[1])
                .max_by(|x, y| a.strength(x.id()).total_cmp(&a.strength(y.id())))
                .map(|e| e.id())
                .expect("consecutive nodes of a path are linked")
        })
        .collect();
    Some(Path { nodes, edges, cost })
}

/// The ego network of `center`: the nodes at most `depth` links away and every link among
/// them (as networkx's `ego_graph`).
///
/// # Example
/// ```
/// use nergraph::analysis::path::ego;
/// use nergraph::pipeline::{Input, PipelineBuilder};
/// use nergraph::{Gazetteer, MatcherBuilder};
///
/// let matcher = MatcherBuilder::new().build(Gazetteer::bundled().unwrap()).unwrap();
/// let g = PipelineBuilder::new().build(&matcher, &[Input::Bundled]).unwrap().graph;
/// let russia = g.find("Russia").unwrap();
/// let one = ego(&g, russia, 1);
/// assert_eq!(one.graph().node_count(), 1 + g.neighbors(russia).len());
/// assert!(ego(&g, russia, 2).graph().node_count() >= one.graph().node_count());
/// ```
///
/// # Complexity
/// O(V + E).
pub fn ego(g: &EntityGraph, center: NodeIndex, depth: usize) -> EntityGraph {
    let pg = g.graph();
    let mut seen: HashSet<NodeIndex> = HashSet::from([center]);
    let mut queue = VecDeque::from([(center, 0)]);
    while let Some((n, d)) = queue.pop_front() {
        if d == depth {
            continue;
        }
        for m in pg.neighbors(n) {
            if seen.insert(m) {
                queue.push_back((m, d + 1));
            }
        }
    }
    g.subgraph(|i| seen.contains(&i), |_| true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Weight;
    use crate::graph::{Edge, GraphInfo, Node};

    fn graph(edges: &[(&str, &str, u64)]) -> EntityGraph {
        let mut g = EntityGraph::new(GraphInfo::default());
        for &(a, b, w) in edges {
            let mut idx = |id: &str| {
                g.node(id).unwrap_or_else(|| {
                    g.add_node(Node {
                        id: id.into(),
                        name: id.into(),
                        kind: "person".into(),
                        aliases: vec![],
                        attributes: Default::default(),
                        mentions: 1,
                        documents: 1,
                        windows: 1,
                        forms: vec![],
                    })
                    .unwrap()
                })
            };
            let (x, y) = (idx(a), idx(b));
            g.add_edge(
                x,
                y,
                Edge {
                    weight: w,
                    documents: 1,
                    evidence: vec![],
                },
            )
            .unwrap();
        }
        g
    }

    #[test]
    fn strongest_path_table() {
        // a–d directly (weight 1), or a–b–c–d through strong links.
        let g = graph(&[
            ("a", "d", 1),
            ("a", "b", 10),
            ("b", "c", 10),
            ("c", "d", 10),
        ]);
        let an = Analysis::new(&g, Weight::Count);
        let id = |p: &Path| -> Vec<String> { p.nodes.iter().map(|&n| g[n].id.clone()).collect() };
        let cases: &[(&str, &str, Option<&[&str]>)] = &[
            ("a", "d", Some(&["a", "b", "c", "d"])),
            ("a", "a", Some(&["a"])),
            ("d", "b", Some(&["d", "c", "b"])),
        ];
        for &(x, y, want) in cases {
            let p = strongest_path(&g, &an, g.node(x).unwrap(), g.node(y).unwrap());
            assert_eq!(
                p.as_ref().map(id),
                want.map(|w| w.iter().map(|s| s.to_string()).collect()),
                "{} -> {}",
                x,
                y
            );
        }
        let p = strongest_path(&g, &an, g.node("a").unwrap(), g.node("d").unwrap()).unwrap();
        assert!((p.cost - 0.3).abs() < 1e-12);
        // Not connected.
        let g2 = graph(&[("a", "b", 1), ("c", "d", 1)]);
        let an2 = Analysis::new(&g2, Weight::Count);
        assert!(strongest_path(&g2, &an2, g2.node("a").unwrap(), g2.node("d").unwrap()).is_none());
    }

    #[test]
    fn ego_depths() {
        let g = graph(&[("a", "b", 1), ("b", "c", 1), ("c", "d", 1), ("b", "e", 1)]);
        let ids = |h: &EntityGraph| -> Vec<String> {
            h.graph().node_weights().map(|n| n.id.clone()).collect()
        };
        let b = g.node("b").unwrap();
        assert_eq!(ids(&ego(&g, b, 0)), ["b"]);
        assert_eq!(ids(&ego(&g, b, 1)), ["a", "b", "c", "e"]);
        assert_eq!(ids(&ego(&g, b, 2)), ["a", "b", "c", "d", "e"]);
        assert_eq!(ego(&g, b, 1).graph().edge_count(), 3);
    }
}
