//! Weighted PageRank.
//!
//! Written here rather than taken from a crate: rustworkx-core 0.18 has no PageRank, and
//! petgraph 0.8's `page_rank` ignores edge weights, which is the point of `--weight`. The
//! method is the textbook power iteration (Brin and Page, 1998) on the undirected graph, a
//! walker leaving a node along each edge in proportion to its strength; a node without
//! links (or only links of strength 0) spreads its rank over every node, as networkx does.

use petgraph::graph::UnGraph;
use petgraph::visit::EdgeRef;

/// The damping factor (the probability of following a link rather than jumping).
pub const DAMPING: f64 = 0.85;

/// The PageRank of every node (summing to 1), indexed by node index; `strength` gives each
/// edge's weight (by edge index; 0 is no link).
///
/// Iterates until the scores change by less than 1e-10 in sum, or 200 times.
///
/// # Example
/// ```
/// use nergraph::analysis::pagerank::pagerank;
/// use petgraph::graph::UnGraph;
///
/// // A star: the centre collects the most rank.
/// let g = UnGraph::<(), ()>::from_edges([(0, 1), (0, 2), (0, 3)]);
/// let pr = pagerank(&g, &[1.0, 1.0, 1.0]);
/// assert!(pr[0] > pr[1] && (pr.iter().sum::<f64>() - 1.0).abs() < 1e-9);
/// ```
///
/// # Complexity
/// O(E) per iteration.
pub fn pagerank<N, E>(g: &UnGraph<N, E>, strength: &[f64]) -> Vec<f64> {
    let n = g.node_count();
    if n == 0 {
        return vec![];
    }
    let s = |e: petgraph::graph::EdgeIndex| strength.get(e.index()).copied().unwrap_or(0.0);
    let out: Vec<f64> = g
        .node_indices()
        .map(|i| g.edges(i).map(|e| s(e.id())).sum())
        .collect();
    let nf = n as f64;
    let mut rank = vec![1.0 / nf; n];
    for _ in 0..200 {
        let dangling: f64 = (0..n).filter(|&i| out[i] <= 0.0).map(|i| rank[i]).sum();
        let base = (1.0 - DAMPING) / nf + DAMPING * dangling / nf;
        let mut next = vec![base; n];
        for e in g.edge_references() {
            let w = s(e.id());
            if w <= 0.0 {
                continue;
            }
            let (a, b) = (e.source().index(), e.target().index());
            next[b] += DAMPING * rank[a] * w / out[a];
            next[a] += DAMPING * rank[b] * w / out[b];
        }
        let change: f64 = next.iter().zip(&rank).map(|(x, y)| (x - y).abs()).sum();
        rank = next;
        if change < 1e-10 {
            break;
        }
    }
    rank
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_networkx_on_a_weighted_path() {
        // networkx.pagerank(G) for 0 -1- 1 -3- 2 (weights on the links).
        let g = UnGraph::<(), ()>::from_edges([(0, 1), (1, 2)]);
        let pr = pagerank(&g, &[1.0, 3.0]);
        let want = [0.153378, 0.486486, 0.360135];
        for (g, w) in pr.iter().zip(want) {
            assert!((g - w).abs() < 1e-4, "{:?}", pr);
        }
        // An isolated node spreads its rank.
        let mut g2 = g.clone();
        g2.add_node(());
        let pr = pagerank(&g2, &[1.0, 3.0]);
        assert!((pr.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    }
}
