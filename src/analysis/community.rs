//! Communities: groups of entities linked more among themselves than to the rest.
//!
//! The Louvain method (Blondel, Guillaume, Lambiotte and Lefebvre, 2008), maximising
//! weighted modularity. Written here because neither petgraph nor rustworkx-core 0.18 has
//! community detection. It is deterministic: nodes are visited in index order, and a node
//! moves only to a community that strictly improves the modularity (ties: the lowest
//! community number).

use std::collections::BTreeMap;

use petgraph::graph::UnGraph;
use petgraph::visit::EdgeRef;

/// The community of every node, indexed by node index: 0 for the largest community, 1 for
/// the next (ties: the one holding the lowest node index), and so on. `strength` gives each
/// edge's weight by edge index (0 is no link).
///
/// # Example
/// ```
/// use nergraph::analysis::community::louvain;
/// use petgraph::graph::UnGraph;
///
/// // Two triangles joined by one link.
/// let g = UnGraph::<(), ()>::from_edges([(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)]);
/// assert_eq!(louvain(&g, &[1.0; 7]), [0, 0, 0, 1, 1, 1]);
/// ```
///
/// # Complexity
/// About O(E) per pass, a few passes per level, O(log V) levels in practice.
pub fn louvain<N, E>(g: &UnGraph<N, E>, strength: &[f64]) -> Vec<usize> {
    let n = g.node_count();
    // The current level: adjacency with weights (self-loops hold inner weight).
    let mut adj: Vec<BTreeMap<usize, f64>> = vec![BTreeMap::new(); n];
    for e in g.edge_references() {
        let w = strength.get(e.id().index()).copied().unwrap_or(0.0);
        if w > 0.0 {
            let (a, b) = (e.source().index(), e.target().index());
            *adj[a].entry(b).or_default() += w;
            *adj[b].entry(a).or_default() += w;
        }
    }
    // The community of each original node.
    let mut of: Vec<usize> = (0..n).collect();
    loop {
        let level = one_level(&adj);
        let moved = level.iter().enumerate().any(|(i, &c)| i != c);
        // Renumber communities 0..k in order of first node.
        let mut renum = BTreeMap::new();
        for &c in &level {
            let k = renum.len();
            renum.entry(c).or_insert(k);
        }
        let level: Vec<usize> = level.iter().map(|c| renum[c]).collect();
        for c in of.iter_mut() {
            *c = level[*c];
        }
        if !moved {
            break;
        }
        let mut next: Vec<BTreeMap<usize, f64>> = vec![BTreeMap::new(); renum.len()];
        for (i, row) in adj.iter().enumerate() {
            for (&j, &w) in row {
                *next[level[i]].entry(level[j]).or_default() += w;
            }
        }
        adj = next;
    }
    // Largest first, ties by lowest node.
    let mut size: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
    for (i, &c) in of.iter().enumerate() {
        let s = size.entry(c).or_insert((0, i));
        s.0 += 1;
    }
    let mut order: Vec<(usize, usize, usize)> =
        size.iter().map(|(&c, &(k, f))| (k, f, c)).collect();
    order.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let rank: BTreeMap<usize, usize> = order.iter().enumerate().map(|(r, x)| (x.2, r)).collect();
    of.iter().map(|c| rank[c]).collect()
}

/// One level of Louvain: moves nodes between communities while modularity improves.
/// `adj[i][j]` is the weight between i and j (counted in both rows; `adj[i][i]` twice the
/// inner weight of i).
fn one_level(adj: &[BTreeMap<usize, f64>]) -> Vec<usize> {
    let n = adj.len();
    let k: Vec<f64> = adj.iter().map(|r| r.values().sum()).collect();
    let m2: f64 = k.iter().sum();
    let mut com: Vec<usize> = (0..n).collect();
    if m2 <= 0.0 {
        return com;
    }
    let mut tot: Vec<f64> = k.clone();
    for _pass in 0..100 {
        let mut improved = false;
        for i in 0..n {
            let ci = com[i];
            // Weights from i to each neighbouring community.
            let mut to: BTreeMap<usize, f64> = BTreeMap::new();
            for (&j, &w) in &adj[i] {
                if j != i {
                    *to.entry(com[j]).or_default() += w;
                }
            }
            tot[ci] -= k[i];
            let gain = |c: usize, w_in: f64| w_in - tot[c] * k[i] / m2;
            let mut best = (ci, gain(ci, to.get(&ci).copied().unwrap_or(0.0)));
            for (&c, &w) in &to {
                let g = gain(c, w);
                if g > best.1 + 1e-12 {
                    best = (c, g);
                }
            }
            tot[best.0] += k[i];
            if best.0 != ci {
                com[i] = best.0;
                improved = true;
            }
        }
        if !improved {
            break;
        }
    }
    com
}

/// The modularity of a partition (Newman, 2006), for tests and reports.
pub fn modularity<N, E>(g: &UnGraph<N, E>, strength: &[f64], community: &[usize]) -> f64 {
    let mut m2 = 0.0;
    let mut k = vec![0.0; g.node_count()];
    let mut inner = 0.0;
    for e in g.edge_references() {
        let w = strength.get(e.id().index()).copied().unwrap_or(0.0);
        let (a, b) = (e.source().index(), e.target().index());
        k[a] += w;
        k[b] += w;
        m2 += 2.0 * w;
        if community[a] == community[b] {
            inner += 2.0 * w;
        }
    }
    if m2 <= 0.0 {
        return 0.0;
    }
    let mut tot: BTreeMap<usize, f64> = BTreeMap::new();
    for (i, &c) in community.iter().enumerate() {
        *tot.entry(c).or_default() += k[i];
    }
    inner / m2 - tot.values().map(|t| (t / m2) * (t / m2)).sum::<f64>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn communities_table() {
        type Case = (&'static [(u32, u32)], &'static [f64], &'static [usize]);
        let cases: &[Case] = &[
            // Empty and edgeless graphs: everyone alone.
            (&[], &[], &[]),
            // Two squares with a weak bridge.
            (
                &[
                    (0, 1),
                    (1, 2),
                    (2, 3),
                    (3, 0),
                    (4, 5),
                    (5, 6),
                    (6, 7),
                    (7, 4),
                    (3, 4),
                ],
                &[3.0, 3.0, 3.0, 3.0, 2.0, 2.0, 2.0, 2.0, 0.5],
                &[0, 0, 0, 0, 1, 1, 1, 1],
            ),
            // A strength of 0 is no link: two pairs.
            (&[(0, 1), (1, 2), (2, 3)], &[1.0, 0.0, 1.0], &[0, 0, 1, 1]),
        ];
        for &(edges, w, want) in cases {
            let g = UnGraph::<(), ()>::from_edges(edges.iter().copied());
            let got = louvain(&g, w);
            assert_eq!(got, want, "{:?}", edges);
            if !edges.is_empty() {
                let alone: Vec<usize> = (0..got.len()).collect();
                assert!(modularity(&g, w, &got) > modularity(&g, w, &alone));
            }
        }
    }
}
