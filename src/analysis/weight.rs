//! Edge weights: what "a strong link" means.
//!
//! Raw co-occurrence counts make every hub look important: a country mentioned in every
//! article co-occurs with everything. Association measures compare a pair's co-occurrence
//! with what chance would give, given how often each entity occurs on its own.
//!
//! With `N` windows in all, `n(a)` windows holding `a` and `n(ab)` windows holding both (the
//! edge's count):
//!
//! | measure     | value                                   | range         |
//! |-------------|-----------------------------------------|---------------|
//! | `count`     | `n(ab)`                                 | 1, 2, …       |
//! | `documents` | documents with a window holding both     | 1, 2, …       |
//! | `pmi`       | `ln(n(ab) N / (n(a) n(b)))`             | any           |
//! | `npmi`      | `pmi / -ln(n(ab) / N)`                  | −1 … 1        |
//! | `jaccard`   | `n(ab) / (n(a) + n(b) − n(ab))`         | 0 … 1         |
//!
//! The window counts are those of [`EntityGraph::total_windows`] and [`Node::windows`]
//! (sentences by default). A graph that does not have them (a `graph.json` written before
//! they were counted) uses documents instead: `N` documents, `n(a)` documents mentioning `a`,
//! `n(ab)` documents linking both.
//!
//! Algorithms that need a positive weight (PageRank, communities, paths, the backbone, pen
//! widths) use the [strength]: the value, or 0 for a negative PMI or NPMI (a pair
//! seen together less often than chance), which they treat as no link.
//!
//! [`Node::windows`]: crate::graph::Node::windows

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, Result};
use crate::graph::EntityGraph;

/// What drives filtering, pen width, layout and the scores.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Weight {
    /// The number of windows with both (the default).
    #[default]
    Count,
    /// The number of documents with such a window.
    Documents,
    /// Pointwise mutual information.
    Pmi,
    /// Normalised pointwise mutual information.
    Npmi,
    /// The Jaccard index of the two entities' windows.
    Jaccard,
}

impl Weight {
    /// Every measure, in the order the help lists them.
    pub const ALL: [Weight; 5] = [
        Weight::Count,
        Weight::Documents,
        Weight::Pmi,
        Weight::Npmi,
        Weight::Jaccard,
    ];
}

impl fmt::Display for Weight {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Weight::Count => "count",
            Weight::Documents => "documents",
            Weight::Pmi => "pmi",
            Weight::Npmi => "npmi",
            Weight::Jaccard => "jaccard",
        })
    }
}

impl FromStr for Weight {
    type Err = Error;

    /// Parses `count`, `documents`, `pmi`, `npmi` or `jaccard`.
    ///
    /// # Example
    /// ```
    /// use nergraph::analysis::Weight;
    /// assert_eq!("npmi".parse::<Weight>().unwrap(), Weight::Npmi);
    /// assert!("tfidf".parse::<Weight>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Weight> {
        Weight::ALL
            .into_iter()
            .find(|w| w.to_string() == s)
            .ok_or_else(|| {
                Error::usage(format!(
                    "unknown weight `{}`: expected count, documents, pmi, npmi or jaccard",
                    s
                ))
            })
    }
}

/// The value of `weight` for every edge, indexed by edge index.
///
/// # Example
/// ```
/// use nergraph::analysis::{weights, Weight};
/// use nergraph::pipeline::{Input, PipelineBuilder};
/// use nergraph::{Gazetteer, MatcherBuilder};
///
/// let matcher = MatcherBuilder::new().build(Gazetteer::bundled().unwrap()).unwrap();
/// let g = PipelineBuilder::new().build(&matcher, &[Input::Bundled]).unwrap().graph;
/// let npmi = weights(&g, Weight::Npmi);
/// assert_eq!(npmi.len(), g.graph().edge_count());
/// assert!(npmi.iter().all(|w| (-1.0..=1.0).contains(w)));
/// ```
///
/// # Complexity
/// O(E).
pub fn weights(g: &EntityGraph, weight: Weight) -> Vec<f64> {
    let pg = g.graph();
    let by_windows = g.total_windows() > 0 && pg.node_weights().all(|n| n.windows > 0);
    let total = if by_windows {
        g.total_windows()
    } else {
        g.info().documents
    } as f64;
    pg.edge_indices()
        .map(|e| {
            let (a, b) = pg.edge_endpoints(e).expect("edge");
            let edge = &pg[e];
            let (na, nb, nab) = if by_windows {
                (pg[a].windows, pg[b].windows, edge.weight)
            } else {
                (pg[a].documents, pg[b].documents, edge.documents)
            };
            let (na, nb, nab) = (na as f64, nb as f64, nab as f64);
            // Counts of older or hand-made graphs may be inconsistent: keep the measures in
            // their ranges.
            let total = total.max(na).max(nb).max(nab).max(1.0);
            let (na, nb) = (na.max(nab).max(1.0), nb.max(nab).max(1.0));
            match weight {
                Weight::Count => edge.weight as f64,
                Weight::Documents => edge.documents as f64,
                Weight::Pmi => pmi(nab, na, nb, total),
                Weight::Npmi => {
                    let p = nab / total;
                    if p >= 1.0 {
                        1.0
                    } else {
                        (pmi(nab, na, nb, total) / -p.ln()).clamp(-1.0, 1.0)
                    }
                }
                Weight::Jaccard => nab / (na + nb - nab).max(nab),
            }
        })
        .collect()
}

fn pmi(nab: f64, na: f64, nb: f64, total: f64) -> f64 {
    if nab <= 0.0 {
        return 0.0;
    }
    (nab * total / (na * nb)).ln()
}

/// A weight as a strength for algorithms that need one: the value, or 0 when negative (or not
/// a number).
pub fn strength(w: f64) -> f64 {
    if w > 0.0 {
        w
    } else {
        0.0
    }
}

/// The strengths of every edge of `g` under `weight`.
pub fn strengths(g: &EntityGraph, weight: Weight) -> Vec<f64> {
    weights(g, weight).into_iter().map(strength).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Edge, GraphInfo, Node};

    fn node(id: &str, windows: u64) -> Node {
        Node {
            id: id.into(),
            name: id.into(),
            kind: "place".into(),
            aliases: vec![],
            attributes: Default::default(),
            mentions: windows,
            documents: 1,
            windows,
            forms: vec![],
        }
    }

    #[test]
    fn measures_table() {
        // 100 windows; a in 10, b in 10, c in 50; a–b together 5 times, a–c 5 times.
        let mut g = EntityGraph::new(GraphInfo::default());
        g.set_total_windows(100);
        let a = g.add_node(node("a", 10)).unwrap();
        let b = g.add_node(node("b", 10)).unwrap();
        let c = g.add_node(node("c", 50)).unwrap();
        let e = |w| Edge {
            weight: w,
            documents: 1,
            evidence: vec![],
        };
        g.add_edge(a, b, e(5)).unwrap();
        g.add_edge(a, c, e(5)).unwrap();
        let cases: &[(Weight, [f64; 2])] = &[
            (Weight::Count, [5.0, 5.0]),
            (Weight::Documents, [1.0, 1.0]),
            (Weight::Pmi, [(5.0f64).ln(), 0.0]),
            (Weight::Npmi, [(5.0f64).ln() / (20.0f64).ln(), 0.0]),
            (Weight::Jaccard, [5.0 / 15.0, 5.0 / 55.0]),
        ];
        for &(w, want) in cases {
            let got = weights(&g, w);
            for (g, w2) in got.iter().zip(want) {
                assert!((g - w2).abs() < 1e-12, "{}: {:?} != {:?}", w, got, want);
            }
            assert_eq!(w.to_string().parse::<Weight>().unwrap(), w);
        }
        // Without window counts, documents stand in.
        g.set_total_windows(0);
        assert_eq!(weights(&g, Weight::Pmi), [0.0, 0.0]);
        assert_eq!(strength(-0.5), 0.0);
    }
}
