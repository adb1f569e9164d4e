//! The backbone of a graph: the links that stand out from a node's other links.
//!
//! The disparity filter of Serrano, Boguñá and Vespignani ("Extracting the multiscale
//! backbone of complex weighted networks", PNAS 106(16), 2009). For a node of degree `k > 1`
//! and strength `s` (the sum of its links' weights), the null hypothesis spreads `s` uniformly
//! at random over its `k` links; a link of weight `w` gets the p-value
//! `α = (1 − w/s)^(k − 1)`. A link is kept when it is significant (`α < ALPHA`) for at least
//! one of its ends. A node with a single link cannot test it; its link stays only if the other
//! end finds it significant. Weights are the [strengths](super::weight::strength) of the
//! chosen measure. Nodes left without links are dropped.

use petgraph::visit::EdgeRef;

use crate::graph::EntityGraph;

/// The graph of the links significant at level `alpha` (in (0, 1]; 0.05 is common), given
/// each edge's weight (by edge index, as [`weights`](super::weights) or
/// [`Analysis::edge_weights`](super::Analysis::edge_weights) give them).
///
/// # Example
/// ```
/// use nergraph::analysis::{backbone, Analysis, Weight};
/// use nergraph::pipeline::{Input, PipelineBuilder};
/// use nergraph::{Gazetteer, MatcherBuilder};
///
/// let matcher = MatcherBuilder::new().build(Gazetteer::bundled().unwrap()).unwrap();
/// let g = PipelineBuilder::new().build(&matcher, &[Input::Bundled]).unwrap().graph;
/// let a = Analysis::new(&g, Weight::Count);
/// let b = backbone::disparity_filter(&g, a.edge_weights(), 0.3);
/// assert!(b.graph().edge_count() < g.graph().edge_count());
/// ```
///
/// # Complexity
/// O(V + E).
pub fn disparity_filter(g: &EntityGraph, weights: &[f64], alpha: f64) -> EntityGraph {
    let strength = |e: petgraph::graph::EdgeIndex| {
        super::weight::strength(weights.get(e.index()).copied().unwrap_or(0.0))
    };
    let pg = g.graph();
    let mut keep = vec![false; pg.edge_count()];
    for n in pg.node_indices() {
        let links: Vec<_> = pg
            .edges(n)
            .map(|e| (e.id(), strength(e.id())))
            .filter(|&(_, w)| w > 0.0)
            .collect();
        let k = links.len();
        if k < 2 {
            continue;
        }
        let s: f64 = links.iter().map(|l| l.1).sum();
        for (e, w) in links {
            if p_value(w, s, k) < alpha {
                keep[e.index()] = true;
            }
        }
    }
    let mut linked = vec![false; pg.node_count()];
    for e in pg.edge_references() {
        if keep[e.id().index()] {
            linked[e.source().index()] = true;
            linked[e.target().index()] = true;
        }
    }
    g.subgraph(|n| linked[n.index()], |e| keep[e.index()])
}

/// The disparity filter's p-value of a link of weight `w` at a node of strength `s` and
/// degree `k`.
pub fn p_value(w: f64, s: f64, k: usize) -> f64 {
    (1.0 - w / s).max(0.0).powi(k as i32 - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn p_values() {
        // (w, s, k, want)
        let cases = [
            (1.0, 4.0, 4, 0.421875),
            (10.0, 13.0, 4, 0.012_289_485_662_266_727),
            (5.0, 5.0, 2, 0.0),
        ];
        for (w, s, k, want) in cases {
            assert!((p_value(w, s, k) - want).abs() < 1e-12, "{} {} {}", w, s, k);
        }
    }
}
