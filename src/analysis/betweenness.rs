//! Betweenness centrality on every core, with the same result on any number of them.
//!
//! The algorithm is Brandes's (2001), as rustworkx-core's `betweenness_centrality` does it for
//! unweighted graphs (shortest paths by number of links), with its normalisation
//! (`normalized = true`, `include_endpoints = false`). rustworkx-core runs it in parallel too,
//! but adds up the shares of the sources in whatever order the threads finish them, so the
//! last bits of a score depend on the machine and `--jobs`, and the outputs must not. Here the
//! sources are cut into blocks whose bounds depend only on the number of nodes; each block's
//! shares are added in source order, then the blocks in block order. Each source's share is
//! computed exactly as rustworkx-core computes it (tested against it).

use petgraph::visit::{IntoNeighbors, IntoNodeIdentifiers, NodeCount, NodeIndexable};
use rayon::prelude::*;

/// The betweenness centrality of every node, by node index (`None` for an index with no
/// node), normalised by `1 / ((n - 1)(n - 2))` like rustworkx-core's
/// `betweenness_centrality(g, false, true, _)`. Runs in the current rayon pool.
///
/// # Example
/// ```
/// use nergraph::analysis::betweenness::betweenness;
/// use petgraph::graph::UnGraph;
///
/// // A path a - b - c: every path between a and c goes through b.
/// let g = UnGraph::<(), ()>::from_edges([(0, 1), (1, 2)]);
/// assert_eq!(betweenness(&g), [Some(0.0), Some(1.0), Some(0.0)]);
/// ```
///
/// # Complexity
/// O(V E) time, O(V + E) memory per thread plus O(V) per block of sources (at most 64
/// blocks).
pub fn betweenness<G>(graph: G) -> Vec<Option<f64>>
where
    G: IntoNeighbors + IntoNodeIdentifiers + NodeIndexable + NodeCount + Sync,
    G::NodeId: Send + Sync,
{
    let bound = graph.node_bound();
    let sources: Vec<G::NodeId> = graph.node_identifiers().collect();
    // Block bounds from the node count alone (never from the number of threads).
    let block = sources.len().div_ceil(64).max(16);
    let partial: Vec<Vec<f64>> = sources
        .par_chunks(block)
        .map(|chunk| {
            let mut paths = Paths::new(bound);
            let mut sum = vec![0.0; bound];
            for &s in chunk {
                paths.from(graph, s);
                paths.add_shares(graph, s, &mut sum);
            }
            sum
        })
        .collect();
    let mut total: Vec<Option<f64>> = vec![None; bound];
    for &s in &sources {
        total[graph.to_index(s)] = Some(0.0);
    }
    for sum in &partial {
        for (t, x) in total.iter_mut().zip(sum) {
            if let Some(t) = t {
                *t += x;
            }
        }
    }
    let n = graph.node_count();
    if n > 2 {
        let scale = 1.0 / ((n - 1) * (n - 2)) as f64;
        for t in total.iter_mut().flatten() {
            *t *= scale;
        }
    }
    total
}

/// The shortest paths from one source: nodes in order of distance, number of shortest paths
/// (sigma) and distance of each, and each node's predecessors on them. Buffers are reused
/// from one source to the next.
struct Paths {
    order: Vec<usize>,
    sigma: Vec<f64>,
    distance: Vec<usize>,
    delta: Vec<f64>,
    /// Each node's predecessors on the shortest paths, in the order found.
    preds: Vec<Vec<usize>>,
}

impl Paths {
    fn new(bound: usize) -> Paths {
        Paths {
            order: Vec::with_capacity(bound),
            sigma: vec![0.0; bound],
            distance: vec![usize::MAX; bound],
            delta: vec![0.0; bound],
            preds: vec![Vec::new(); bound],
        }
    }

    /// Breadth-first search from `s`.
    fn from<G>(&mut self, graph: G, s: G::NodeId)
    where
        G: IntoNeighbors + NodeIndexable,
    {
        for &i in &self.order {
            self.sigma[i] = 0.0;
            self.distance[i] = usize::MAX;
            self.preds[i].clear();
        }
        self.order.clear();
        let is = graph.to_index(s);
        self.sigma[is] = 1.0;
        self.distance[is] = 0;
        self.order.push(is);
        let mut head = 0;
        while head < self.order.len() {
            let v = self.order[head];
            head += 1;
            let dv = self.distance[v];
            for w in graph.neighbors(graph.from_index(v)) {
                let w = graph.to_index(w);
                if self.distance[w] == usize::MAX {
                    self.order.push(w);
                    self.distance[w] = dv + 1;
                }
                if self.distance[w] == dv + 1 {
                    self.sigma[w] += self.sigma[v];
                    self.preds[w].push(v);
                }
            }
        }
    }

    /// Adds the share of source `s` (the dependency of `s` on every other node) to `sum`.
    fn add_shares<G>(&mut self, graph: G, s: G::NodeId, sum: &mut [f64])
    where
        G: NodeIndexable,
    {
        let is = graph.to_index(s);
        for &i in &self.order {
            self.delta[i] = 0.0;
        }
        for &w in self.order.iter().rev() {
            let coeff = (1.0 + self.delta[w]) / self.sigma[w];
            for &v in &self.preds[w] {
                self.delta[v] += self.sigma[v] * coeff;
            }
        }
        for &w in self.order.iter().rev() {
            if w != is {
                sum[w] += self.delta[w];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use petgraph::graph::UnGraph;

    fn graphs() -> Vec<UnGraph<(), ()>> {
        let mut out = vec![
            UnGraph::from_edges([(0, 1), (1, 2)]),
            UnGraph::from_edges([(0, 1), (1, 2), (2, 3), (3, 0), (0, 2), (4, 5)]),
            UnGraph::from_edges([(0, 1), (0, 1), (1, 2)]),
        ];
        // A bigger one with many shortest paths: a grid with a few diagonals, and a loner.
        let mut g = UnGraph::<(), ()>::default();
        let nodes: Vec<_> = (0..150).map(|_| g.add_node(())).collect();
        for i in 0..149 {
            if i % 10 != 9 {
                g.add_edge(nodes[i], nodes[i + 1], ());
            }
            if i + 10 < 149 {
                g.add_edge(nodes[i], nodes[i + 10], ());
            }
            if i % 7 == 0 && i + 11 < 149 {
                g.add_edge(nodes[i], nodes[i + 11], ());
            }
        }
        out.push(g);
        out
    }

    #[test]
    fn as_rustworkx_core_computes_it() {
        for g in graphs() {
            let want = rustworkx_core::centrality::betweenness_centrality(&g, false, true, 1 << 30);
            let got = betweenness(&g);
            assert_eq!(want.len(), got.len());
            for (w, g) in want.iter().zip(&got) {
                let (w, g) = (w.unwrap(), g.unwrap());
                assert!((w - g).abs() <= 1e-12 * w.abs().max(1.0), "{} vs {}", w, g);
            }
        }
    }

    #[test]
    fn same_on_any_number_of_threads() {
        for g in graphs() {
            let runs = crate::ordered::on_threads(&[1, 2, 3, 8], || betweenness(&g));
            for r in &runs[1..] {
                let bits = |v: &Vec<Option<f64>>| -> Vec<Option<u64>> {
                    v.iter().map(|x| x.map(f64::to_bits)).collect()
                };
                assert_eq!(bits(r), bits(&runs[0]));
            }
        }
    }
}
