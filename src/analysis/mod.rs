//! Network analysis of an [`EntityGraph`]: edge [weights](weight), node [scores](Scores)
//! (degree, weighted degree, PageRank, betweenness, community), the [strongest
//! path](path::strongest_path) between two entities, [ego networks](path::ego) and the
//! [backbone](backbone::disparity_filter).
//!
//! Betweenness is rustworkx-core's algorithm, run on every core with a fixed order of sums
//! ([`betweenness`]: the crate's parallel version is not reproducible); PageRank and the
//! Louvain communities are written here (rustworkx-core 0.18 has neither, and petgraph's
//! PageRank ignores weights).

pub mod backbone;
pub mod betweenness;
pub mod community;
pub mod pagerank;
pub mod path;
pub mod weight;

use std::collections::HashMap;

use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::graph::EntityGraph;

pub use weight::{weights, Weight};

/// The scores of one node.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scores {
    /// The number of neighbours.
    pub degree: usize,
    /// The sum of the weights of its links (under the chosen [`Weight`]).
    pub weighted_degree: f64,
    /// Weighted PageRank (the scores of a graph sum to 1).
    pub pagerank: f64,
    /// Betweenness centrality on hops (normalised: the share of shortest paths between other
    /// nodes that pass through it).
    pub betweenness: f64,
    /// The community (0 is the largest).
    pub community: usize,
}

/// Edge weights and node scores of a graph, under one [`Weight`].
///
/// # Example
/// ```
/// use nergraph::analysis::{Analysis, Weight};
/// use nergraph::pipeline::{Input, PipelineBuilder};
/// use nergraph::{Gazetteer, MatcherBuilder};
///
/// let matcher = MatcherBuilder::new().build(Gazetteer::bundled().unwrap()).unwrap();
/// let g = PipelineBuilder::new().build(&matcher, &[Input::Bundled]).unwrap().graph;
/// let a = Analysis::new(&g, Weight::Count);
/// let russia = g.find("Russia").unwrap();
/// assert!(a.node(russia).degree > 5);
/// let top = a.ranking(&g, |s| s.pagerank);
/// assert!(top.iter().take(10).any(|&n| g[n].id == "russia"));
/// ```
///
/// # Complexity
/// Betweenness dominates: O(V E), on one thread so that the result is the same to the last
/// bit; PageRank and Louvain are about linear per iteration.
#[derive(Clone, Debug, PartialEq)]
pub struct Analysis {
    weight: Weight,
    edges: Vec<f64>,
    nodes: Vec<Scores>,
}

impl Analysis {
    /// Weighs the edges and scores the nodes of `g`.
    pub fn new(g: &EntityGraph, weight: Weight) -> Analysis {
        let pg = g.graph();
        let edges = weights(g, weight);
        let strength: Vec<f64> = edges.iter().copied().map(weight::strength).collect();
        // At the same time (in the current rayon pool), each with the same result on any
        // number of threads.
        let ((pagerank, community), betweenness) = rayon::join(
            || {
                rayon::join(
                    || pagerank::pagerank(pg, &strength),
                    || community::louvain(pg, &strength),
                )
            },
            || betweenness::betweenness(pg),
        );
        let nodes = pg
            .node_indices()
            .map(|i| Scores {
                degree: pg.edges(i).count(),
                weighted_degree: pg.edges(i).map(|e| edges[e.id().index()]).sum(),
                pagerank: pagerank[i.index()],
                betweenness: betweenness[i.index()].unwrap_or(0.0),
                community: community[i.index()],
            })
            .collect();
        Analysis {
            weight,
            edges,
            nodes,
        }
    }

    /// The weight the analysis used.
    pub fn weight(&self) -> Weight {
        self.weight
    }

    /// The scores of a node.
    pub fn node(&self, n: NodeIndex) -> &Scores {
        &self.nodes[n.index()]
    }

    /// The weight of an edge (under [`Analysis::weight`]; may be negative for PMI and NPMI).
    pub fn edge(&self, e: EdgeIndex) -> f64 {
        self.edges[e.index()]
    }

    /// The strength of an edge: its weight, or 0 when negative.
    pub fn strength(&self, e: EdgeIndex) -> f64 {
        weight::strength(self.edge(e))
    }

    /// The edge weights, by edge index.
    pub fn edge_weights(&self) -> &[f64] {
        &self.edges
    }

    /// The nodes of `g` ordered by a score, highest first (ties: more mentions, then id).
    pub fn ranking(&self, g: &EntityGraph, score: impl Fn(&Scores) -> f64) -> Vec<NodeIndex> {
        let mut v: Vec<NodeIndex> = g.graph().node_indices().collect();
        v.sort_by(|&a, &b| {
            score(self.node(b))
                .total_cmp(&score(self.node(a)))
                .then(g[b].mentions.cmp(&g[a].mentions))
                .then_with(|| g[a].id.cmp(&g[b].id))
        });
        v
    }

    /// The analysis of `sub`, a graph made from `full` by keeping some of its nodes and
    /// edges: node scores are those of `full` (an entity's place in the whole network), edge
    /// weights are looked up by their end points.
    pub fn restrict(&self, full: &EntityGraph, sub: &EntityGraph) -> Analysis {
        let fg = full.graph();
        let nodes = sub
            .graph()
            .node_weights()
            .map(|n| {
                full.node(&n.id)
                    .map(|i| self.node(i).clone())
                    .unwrap_or_default()
            })
            .collect();
        let ends: HashMap<(&str, &str), EdgeIndex> = fg
            .edge_references()
            .map(|e| {
                let (a, b) = (fg[e.source()].id.as_str(), fg[e.target()].id.as_str());
                ((a.min(b), a.max(b)), e.id())
            })
            .collect();
        let sg = sub.graph();
        let edges = sg
            .edge_references()
            .map(|e| {
                let (a, b) = (sg[e.source()].id.as_str(), sg[e.target()].id.as_str());
                ends.get(&(a.min(b), a.max(b)))
                    .map_or(0.0, |&i| self.edge(i))
            })
            .collect();
        Analysis {
            weight: self.weight,
            edges,
            nodes,
        }
    }
}
