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
//!
//! Exact betweenness costs a search from every node: O(V E), 16 s on two cores for 10,000
//! entities and 100,000 links, minutes for a big archive's graph. Beyond [`MAX_SOURCES`]
//! nodes it is estimated from that many sources (Brandes and Pich 2007, networkx's
//! `betweenness_centrality(G, k)`): the same sources on every run (those whose node index
//! hashes lowest), their shares scaled by nodes / sources.

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
/// O(V E) time up to [`MAX_SOURCES`] nodes, O(`MAX_SOURCES` E) beyond; O(V + E) memory per
/// thread plus O(V) per block of sources (at most 64 blocks).
pub fn betweenness<G>(graph: G) -> Vec<Option<f64>>
where
    G: IntoNeighbors + IntoNodeIdentifiers + NodeIndexable + NodeCount + Sync,
    G::NodeId: Send + Sync,
{
    betweenness_from(graph, MAX_SOURCES)
}

/// Above this many nodes, [`betweenness`] is estimated from this many sources.
pub const MAX_SOURCES: usize = 1000;

/// [`betweenness`] from at most `max_sources` sources: exact when the graph has no more nodes,
/// otherwise estimated from the `max_sources` nodes whose index hashes lowest (the same ones
/// on every run and any number of threads), their shares scaled by nodes / sources.
///
/// # Example
/// ```
/// use nergraph::analysis::betweenness::{betweenness, betweenness_from};
/// use petgraph::graph::UnGraph;
///
/// // A star: every path between two leaves goes through the centre.
/// let g = UnGraph::<(), ()>::from_edges((1..40).map(|i| (0, i)));
/// let exact = betweenness(&g);
/// let estimate = betweenness_from(&g, 10);
/// assert_eq!(exact[0], Some(1.0));
/// assert!((estimate[0].unwrap() - 1.0).abs() < 0.3 && estimate[5] == Some(0.0));
/// ```
pub fn betweenness_from<G>(graph: G, max_sources: usize) -> Vec<Option<f64>>
where
    G: IntoNeighbors + IntoNodeIdentifiers + NodeIndexable + NodeCount + Sync,
    G::NodeId: Send + Sync,
{
    let bound = graph.node_bound();
    let mut sources: Vec<G::NodeId> = graph.node_identifiers().collect();
    let all = sources.len();
    let max_sources = max_sources.max(1);
    if all > max_sources {
        // A fixed pseudo-random choice: the nodes whose index hashes lowest (splitmix64), in
        // index order.
        let mix = |i: usize| {
            let mut z = (i as u64).wrapping_add(0x9e37_79b9_7f4a_7c15);
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        };
        sources.sort_by_key(|&s| mix(graph.to_index(s)));
        sources.truncate(max_sources);
        sources.sort_by_key(|&s| graph.to_index(s));
    }
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
    for s in graph.node_identifiers() {
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
        let scale = all as f64 / sources.len() as f64 / ((n - 1) * (n - 2)) as f64;
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

    /// Estimated from a third of the nodes: the same on any number of threads, and near the
    /// exact scores (the hubs come out first, in the same order).
    #[test]
    fn estimate_from_fewer_sources() {
        let n = 300;
        let mut g = UnGraph::<(), ()>::default();
        for _ in 0..n {
            g.add_node(());
        }
        let mut x: u64 = 7;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        // A sparse random graph, and three hubs of different sizes.
        for _ in 0..600 {
            let (a, b) = ((next() % n) as u32, (next() % n) as u32);
            if a != b && g.find_edge(a.into(), b.into()).is_none() {
                g.add_edge(a.into(), b.into(), ());
            }
        }
        for (hub, every) in [(0u32, 3u32), (1, 5), (2, 9)] {
            for i in (10..n as u32).step_by(every as usize) {
                if g.find_edge(hub.into(), i.into()).is_none() {
                    g.add_edge(hub.into(), i.into(), ());
                }
            }
        }
        let exact = betweenness(&g);
        let runs = crate::ordered::on_threads(&[1, 2, 3], || betweenness_from(&g, 100));
        assert!(runs.iter().all(|r| r == &runs[0]));
        let est = &runs[0];
        let top = |v: &[Option<f64>]| -> Vec<usize> {
            let mut ix: Vec<usize> = (0..v.len()).collect();
            ix.sort_by(|&a, &b| v[b].partial_cmp(&v[a]).unwrap());
            ix.truncate(3);
            ix
        };
        assert_eq!(top(&exact), [0, 1, 2]);
        assert_eq!(top(est), [0, 1, 2]);
        for (e, x) in est.iter().zip(&exact) {
            assert!((e.unwrap() - x.unwrap()).abs() < 0.1, "{e:?} against {x:?}");
        }
    }
}
