//! The entity graph: entities as nodes, co-occurrence as weighted undirected edges.
//!
//! [`EntityGraph`] wraps a [`petgraph::graph::UnGraph`], so every petgraph (and
//! rustworkx-core) algorithm runs on [`EntityGraph::graph`]. It adds what nergraph knows
//! about the run ([`GraphInfo`]), lookups by id or name, the neighbours of an entity strongest
//! first, and [filters](Filter).

use std::collections::{BTreeMap, HashMap, HashSet};

use petgraph::graph::{EdgeIndex, NodeIndex, UnGraph};
use petgraph::visit::EdgeRef;

use crate::cooccur::{Accumulator, Evidence, Window};
use crate::error::{Error, Result};
use crate::gazetteer::{EntityId, Gazetteer};

/// An entity of the graph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    /// The gazetteer id.
    pub id: String,
    /// The canonical name.
    pub name: String,
    /// The type (`person`, `organisation`, `place`, …).
    pub kind: String,
    /// The gazetteer's other names for it.
    pub aliases: Vec<String>,
    /// The gazetteer attributes.
    pub attributes: BTreeMap<String, String>,
    /// How many times it is mentioned.
    pub mentions: u64,
    /// In how many documents.
    pub documents: u64,
    /// In how many windows (0 when unknown, as in graphs written before it was counted).
    pub windows: u64,
    /// The distinct surface forms seen in the text, sorted.
    pub forms: Vec<String>,
}

/// A link between two entities.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edge {
    /// The number of windows in which both occur.
    pub weight: u64,
    /// The number of documents in which both occur in a window.
    pub documents: u64,
    /// The first windows (in input order) in which both occur.
    pub evidence: Vec<Evidence>,
}

/// What a graph was built from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GraphInfo {
    /// The co-occurrence window.
    pub window: Window,
    /// The inputs, as given.
    pub inputs: Vec<String>,
    /// The gazetteer files.
    pub gazetteers: Vec<String>,
    /// The number of documents read.
    pub documents: u64,
    /// The version of nergraph that built it.
    pub version: String,
}

/// A graph of entities linked by co-occurrence.
///
/// # Example
///
/// ```
/// use nergraph::graph::{EntityGraph, Filter};
/// use nergraph::pipeline::{Input, PipelineBuilder};
/// use nergraph::{Gazetteer, MatcherBuilder};
///
/// let matcher = MatcherBuilder::new().build(Gazetteer::bundled().unwrap()).unwrap();
/// let built = PipelineBuilder::new().build(&matcher, &[Input::Bundled]).unwrap();
/// let graph: &EntityGraph = &built.graph;
/// let afghanistan = graph.find("Afghanistan").unwrap();
/// let (strongest, edge) = graph.neighbors(afghanistan).next().unwrap();
/// assert!(edge.weight >= 1);
/// assert_ne!(graph[strongest].id, "afghanistan");
/// // The petgraph graph is there for any algorithm.
/// let components = petgraph::algo::connected_components(graph.graph());
/// assert!(components >= 1);
/// let top = graph.filter(&Filter { top: Some(5), ..Filter::default() });
/// assert_eq!(top.graph().node_count(), 5);
/// ```
#[derive(Clone, Debug)]
pub struct EntityGraph {
    graph: UnGraph<Node, Edge>,
    info: GraphInfo,
    by_id: HashMap<String, NodeIndex>,
    windows: u64,
}

impl PartialEq for EntityGraph {
    fn eq(&self, other: &EntityGraph) -> bool {
        let g = &self.graph;
        let h = &other.graph;
        self.info == other.info
            && self.windows == other.windows
            && g.node_count() == h.node_count()
            && g.edge_count() == h.edge_count()
            && g.node_weights().eq(h.node_weights())
            && g.raw_edges().iter().zip(h.raw_edges()).all(|(a, b)| {
                (a.source(), a.target(), &a.weight) == (b.source(), b.target(), &b.weight)
            })
    }
}

impl std::ops::Index<NodeIndex> for EntityGraph {
    type Output = Node;
    fn index(&self, i: NodeIndex) -> &Node {
        &self.graph[i]
    }
}

impl std::ops::Index<EdgeIndex> for EntityGraph {
    type Output = Edge;
    fn index(&self, i: EdgeIndex) -> &Edge {
        &self.graph[i]
    }
}

impl EntityGraph {
    /// An empty graph.
    pub fn new(info: GraphInfo) -> EntityGraph {
        EntityGraph {
            graph: UnGraph::default(),
            info,
            by_id: HashMap::new(),
            windows: 0,
        }
    }

    /// The graph of an accumulator's counts: nodes in gazetteer order, edges in order of
    /// their end points.
    pub fn from_accumulator(acc: Accumulator, gaz: &Gazetteer, info: GraphInfo) -> EntityGraph {
        EntityGraph::from_accumulators(vec![acc], gaz, info)
    }

    /// The graph of several accumulators' counts (of different documents, such as one per
    /// thread), as if they were merged into one ([`Accumulator::merge_into_parts`]).
    ///
    /// # Panics
    /// If they were made with different settings.
    pub fn from_accumulators(
        accs: Vec<Accumulator>,
        gaz: &Gazetteer,
        mut info: GraphInfo,
    ) -> EntityGraph {
        if let Some(a) = accs.first() {
            info.window = a.window();
        }
        info.documents = accs.iter().map(Accumulator::documents).sum();
        let windows = accs.iter().map(Accumulator::windows).sum();
        let crate::cooccur::Parts { nodes, edges } = Accumulator::merge_into_parts(accs);
        let mut g = EntityGraph::new(info);
        g.windows = windows;
        // Nodes and edges made in parallel (in the caller's rayon pool), then added in order.
        use rayon::prelude::*;
        let (nodes, edges) = rayon::join(
            || {
                nodes
                    .into_par_iter()
                    .map(|(eid, stats)| {
                        let e = gaz.entity(eid);
                        let node = Node {
                            id: e.id.clone(),
                            name: e.name.clone(),
                            kind: e.kind.clone(),
                            aliases: e.aliases.clone(),
                            attributes: e.attributes.to_map(),
                            mentions: stats.mentions,
                            documents: stats.documents,
                            windows: stats.windows,
                            forms: stats.forms.into_iter().collect(),
                        };
                        (eid, node)
                    })
                    .collect::<Vec<(EntityId, Node)>>()
            },
            || {
                edges
                    .into_par_iter()
                    .map(|((a, b), stats)| {
                        let (weight, documents) = (stats.weight, stats.documents);
                        let edge = Edge {
                            weight,
                            documents,
                            evidence: stats.into_evidence(),
                        };
                        (a, b, edge)
                    })
                    .collect::<Vec<(EntityId, EntityId, Edge)>>()
            },
        );
        let mut index = HashMap::with_capacity(nodes.len());
        for (eid, node) in nodes {
            let n = g.add_node(node).expect("gazetteer ids are unique");
            index.insert(eid, n);
        }
        for (a, b, edge) in edges {
            g.graph.add_edge(index[&a], index[&b], edge);
        }
        g
    }

    /// Adds a node; fails if its id is already in the graph.
    pub fn add_node(&mut self, node: Node) -> Result<NodeIndex> {
        if self.by_id.contains_key(&node.id) {
            return Err(Error::graph(format!("duplicate node id `{}`", node.id)));
        }
        let id = node.id.clone();
        let n = self.graph.add_node(node);
        self.by_id.insert(id, n);
        Ok(n)
    }

    /// Adds an edge between two nodes; fails on a self-loop or an edge already there.
    pub fn add_edge(&mut self, a: NodeIndex, b: NodeIndex, edge: Edge) -> Result<EdgeIndex> {
        if a == b {
            return Err(Error::graph(format!("self-loop on `{}`", self.graph[a].id)));
        }
        if self.graph.find_edge(a, b).is_some() {
            return Err(Error::graph(format!(
                "duplicate link `{}` -- `{}`",
                self.graph[a].id, self.graph[b].id
            )));
        }
        Ok(self.graph.add_edge(a, b, edge))
    }

    /// The petgraph graph, for petgraph's algorithms.
    pub fn graph(&self) -> &UnGraph<Node, Edge> {
        &self.graph
    }

    /// Takes the petgraph graph.
    pub fn into_graph(self) -> UnGraph<Node, Edge> {
        self.graph
    }

    /// What the graph was built from.
    pub fn info(&self) -> &GraphInfo {
        &self.info
    }

    /// The number of windows in the documents (sentences, paragraphs or documents, or words
    /// for `tokens:N`; see [`Accumulator::windows`]), or 0 when unknown. With
    /// [`Node::windows`] and [`Edge::weight`], the counts association measures need.
    pub fn total_windows(&self) -> u64 {
        self.windows
    }

    /// Sets [`EntityGraph::total_windows`] (for readers of saved graphs).
    pub fn set_total_windows(&mut self, windows: u64) {
        self.windows = windows;
    }

    /// The node with this gazetteer id.
    pub fn node(&self, id: &str) -> Option<NodeIndex> {
        self.by_id.get(id).copied()
    }

    /// The sum of the weights of a node's edges.
    ///
    /// # Complexity
    /// Linear in the node's degree.
    pub fn weighted_degree(&self, n: NodeIndex) -> u64 {
        self.graph.edges(n).map(|e| e.weight().weight).sum()
    }

    /// A node's neighbours with the edges to them, strongest first (by weight, then number of
    /// documents, then name).
    ///
    /// # Complexity
    /// O(d log d) for a node of degree d.
    pub fn neighbors(&self, n: NodeIndex) -> Neighbors<'_> {
        let mut v: Vec<(NodeIndex, EdgeIndex)> =
            self.graph.edges(n).map(|e| (e.target(), e.id())).collect();
        v.sort_by(|a, b| {
            let (ea, eb) = (&self.graph[a.1], &self.graph[b.1]);
            eb.weight
                .cmp(&ea.weight)
                .then(eb.documents.cmp(&ea.documents))
                .then_with(|| self.graph[a.0].name.cmp(&self.graph[b.0].name))
        });
        Neighbors {
            graph: self,
            inner: v.into_iter(),
        }
    }

    /// The `n` nodes with the highest weighted degree (ties: more mentions, then id).
    ///
    /// # Complexity
    /// O(V log V + E).
    pub fn top_nodes(&self, n: usize) -> Vec<NodeIndex> {
        let mut v: Vec<(u64, NodeIndex)> = self
            .graph
            .node_indices()
            .map(|i| (self.weighted_degree(i), i))
            .collect();
        v.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then(self.graph[b.1].mentions.cmp(&self.graph[a.1].mentions))
                .then_with(|| self.graph[a.1].id.cmp(&self.graph[b.1].id))
        });
        v.into_iter().take(n).map(|(_, i)| i).collect()
    }

    /// The `n` heaviest edges (ties: more documents, then the end points' ids).
    ///
    /// # Complexity
    /// O(E log E).
    pub fn strongest_edges(&self, n: usize) -> Vec<EdgeIndex> {
        let key = |e: EdgeIndex| {
            let (a, b) = self.graph.edge_endpoints(e).unwrap();
            (&self.graph[a].id, &self.graph[b].id)
        };
        let mut v: Vec<EdgeIndex> = self.graph.edge_indices().collect();
        v.sort_by(|&a, &b| {
            let (ea, eb) = (&self.graph[a], &self.graph[b]);
            eb.weight
                .cmp(&ea.weight)
                .then(eb.documents.cmp(&ea.documents))
                .then_with(|| key(a).cmp(&key(b)))
        });
        v.truncate(n);
        v
    }

    /// Finds a node by id, canonical name, alias or surface form, in any case.
    ///
    /// An unknown name is an error listing the closest names; a name shared by several
    /// entities is an error listing them with their ids.
    pub fn find(&self, name: &str) -> Result<NodeIndex> {
        if let Some(n) = self.node(name) {
            return Ok(n);
        }
        let want = fold(name);
        // Ids and canonical names win over aliases and forms.
        for strong in [true, false] {
            let hits: Vec<NodeIndex> = self
                .graph
                .node_indices()
                .filter(|&i| {
                    let n = &self.graph[i];
                    if strong {
                        fold(&n.id) == want || fold(&n.name) == want
                    } else {
                        n.aliases.iter().chain(&n.forms).any(|a| fold(a) == want)
                    }
                })
                .collect();
            match hits.len() {
                0 => continue,
                1 => return Ok(hits[0]),
                _ => {
                    let list: Vec<String> = hits
                        .iter()
                        .map(|&i| {
                            format!("{} ({}, id `{}`)", self[i].name, self[i].kind, self[i].id)
                        })
                        .collect();
                    return Err(Error::usage(format!(
                        "`{}` is ambiguous: it names {}; give the id instead",
                        name,
                        list.join(", ")
                    )));
                }
            }
        }
        let close = self.closest(&want, 5);
        let mut msg = format!("no entity named `{}` in the graph", name);
        if !close.is_empty() {
            msg.push_str("; closest: ");
            let list: Vec<String> = close
                .iter()
                .map(|&i| format!("{} (id `{}`)", self[i].name, self[i].id))
                .collect();
            msg.push_str(&list.join(", "));
        }
        Err(Error::usage(msg))
    }

    /// The `k` nodes whose names are closest to `want` (folded).
    fn closest(&self, want: &str, k: usize) -> Vec<NodeIndex> {
        let mut scored: Vec<(f64, NodeIndex)> = self
            .graph
            .node_indices()
            .map(|i| {
                let n = &self.graph[i];
                let best = std::iter::once(&n.id)
                    .chain(std::iter::once(&n.name))
                    .chain(&n.aliases)
                    .chain(&n.forms)
                    .map(|s| {
                        let f = fold(s);
                        let mut score = strsim::jaro_winkler(&f, want);
                        if want.len() >= 3 && f.contains(want) {
                            score = score.max(0.9);
                        }
                        score
                    })
                    .fold(0.0, f64::max);
                (best, i)
            })
            .filter(|(s, _)| *s >= 0.7)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().take(k).map(|(_, i)| i).collect()
    }

    /// A new graph with only what the filter keeps, nodes and edges in the same order.
    ///
    /// Order of application: `exclude` and `types` drop nodes, `min_weight` drops edges, then
    /// `top` keeps the nodes with the highest weighted degree in what is left.
    ///
    /// # Complexity
    /// O(V log V + E).
    pub fn filter(&self, f: &Filter) -> EntityGraph {
        let excluded: HashSet<String> = f.exclude.iter().map(|s| fold(s)).collect();
        let keep_node = |n: &Node| {
            !excluded.contains(&fold(&n.id))
                && !excluded.contains(&fold(&n.name))
                && f.types
                    .as_ref()
                    .is_none_or(|ts| ts.iter().any(|t| same_type(t, &n.kind)))
        };
        let g = self.graph.filter_map(
            |_, n| keep_node(n).then(|| n.clone()),
            |_, e| (e.weight >= f.min_weight).then(|| e.clone()),
        );
        let mut out = EntityGraph::from_petgraph(g, self.info.clone());
        out.windows = self.windows;
        if let Some(top) = f.top {
            let keep: HashSet<NodeIndex> = out.top_nodes(top).into_iter().collect();
            let g = out.graph.filter_map(
                |i, n| keep.contains(&i).then(|| n.clone()),
                |_, e| Some(e.clone()),
            );
            out = EntityGraph::from_petgraph(g, self.info.clone());
            out.windows = self.windows;
        }
        out
    }

    /// A new graph with the nodes and edges the predicates keep (an edge only with both its
    /// ends), in the same order; [`EntityGraph::total_windows`] carries over.
    ///
    /// # Complexity
    /// O(V + E).
    pub fn subgraph(
        &self,
        node: impl Fn(NodeIndex) -> bool,
        edge: impl Fn(EdgeIndex) -> bool,
    ) -> EntityGraph {
        let g = self.graph.filter_map(
            |i, n| node(i).then(|| n.clone()),
            |i, e| edge(i).then(|| e.clone()),
        );
        let mut out = EntityGraph::from_petgraph(g, self.info.clone());
        out.windows = self.windows;
        out
    }

    fn from_petgraph(graph: UnGraph<Node, Edge>, info: GraphInfo) -> EntityGraph {
        let by_id = graph
            .node_indices()
            .map(|i| (graph[i].id.clone(), i))
            .collect();
        EntityGraph {
            graph,
            info,
            by_id,
            windows: 0,
        }
    }
}

/// Whether a `--types` value names a type, accepting `organization` for `organisation`, plurals
/// and any case.
fn same_type(want: &str, kind: &str) -> bool {
    let norm = |s: &str| {
        let s = s
            .trim()
            .to_lowercase()
            .replace("organization", "organisation");
        s.strip_suffix('s').map(str::to_string).unwrap_or(s)
    };
    norm(want) == norm(kind)
}

/// Case- and accent-insensitive form of a name for lookups.
fn fold(s: &str) -> String {
    deunicode::deunicode(s.trim()).to_lowercase()
}

/// Which nodes and edges [`EntityGraph::filter`] keeps.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Drop edges lighter than this.
    pub min_weight: u64,
    /// Keep only nodes of these types (all when `None`).
    pub types: Option<Vec<String>>,
    /// Drop these nodes (ids or names).
    pub exclude: Vec<String>,
    /// Keep only the nodes with the highest weighted degree.
    pub top: Option<usize>,
}

impl Filter {
    /// Whether the filter keeps everything.
    pub fn is_empty(&self) -> bool {
        self.min_weight <= 1
            && self.types.is_none()
            && self.exclude.is_empty()
            && self.top.is_none()
    }
}

/// The neighbours of a node, strongest first. Made by [`EntityGraph::neighbors`].
#[derive(Debug)]
pub struct Neighbors<'g> {
    graph: &'g EntityGraph,
    inner: std::vec::IntoIter<(NodeIndex, EdgeIndex)>,
}

impl<'g> Iterator for Neighbors<'g> {
    type Item = (NodeIndex, &'g Edge);
    fn next(&mut self) -> Option<(NodeIndex, &'g Edge)> {
        self.inner.next().map(|(n, e)| (n, &self.graph.graph[e]))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.size_hint()
    }
}

impl ExactSizeIterator for Neighbors<'_> {}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(id: &str, name: &str, kind: &str, aliases: &[&str]) -> Node {
        Node {
            id: id.into(),
            name: name.into(),
            kind: kind.into(),
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            attributes: BTreeMap::new(),
            mentions: 1,
            documents: 1,
            windows: 1,
            forms: vec![name.into()],
        }
    }

    fn edge(weight: u64) -> Edge {
        Edge {
            weight,
            documents: 1,
            evidence: vec![],
        }
    }

    fn sample() -> EntityGraph {
        let mut g = EntityGraph::new(GraphInfo::default());
        let a = g
            .add_node(node("putin", "Vladimir Putin", "person", &["Putin"]))
            .unwrap();
        let b = g
            .add_node(node("russia", "Russia", "place", &["Russian Federation"]))
            .unwrap();
        let c = g
            .add_node(node("un", "United Nations", "organisation", &["UN"]))
            .unwrap();
        let d = g
            .add_node(node("georgia-us", "Georgia", "place", &[]))
            .unwrap();
        let e = g
            .add_node(node("georgia", "Georgia", "place", &[]))
            .unwrap();
        g.add_edge(a, b, edge(5)).unwrap();
        g.add_edge(b, c, edge(2)).unwrap();
        g.add_edge(a, c, edge(1)).unwrap();
        g.add_edge(d, e, edge(1)).unwrap();
        g
    }

    #[test]
    fn find_table() {
        let g = sample();
        let cases: &[(&str, std::result::Result<&str, &str>)] = &[
            ("putin", Ok("putin")),
            ("PUTIN", Ok("putin")),
            ("vladimir putin", Ok("putin")),
            ("un", Ok("un")),
            ("Russian Federation", Ok("russia")),
            ("Georgia", Err("ambiguous")),
            ("Rusia", Err("closest: Russia")),
            ("zzzz", Err("no entity named")),
        ];
        for &(q, want) in cases {
            match (g.find(q), want) {
                (Ok(n), Ok(id)) => assert_eq!(g[n].id, id, "{}", q),
                (Err(e), Err(msg)) => assert!(e.to_string().contains(msg), "{}: {}", q, e),
                (got, _) => panic!("{}: got {:?}", q, got.map(|n| &g[n].id)),
            }
        }
    }

    #[test]
    fn neighbors_strongest_first() {
        let g = sample();
        let r = g.node("russia").unwrap();
        let ids: Vec<&str> = g.neighbors(r).map(|(n, _)| g[n].id.as_str()).collect();
        assert_eq!(ids, ["putin", "un"]);
        assert_eq!(g.weighted_degree(r), 7);
    }

    #[test]
    fn filters() {
        let g = sample();
        let ids = |g: &EntityGraph| -> (Vec<String>, usize) {
            (
                g.graph().node_weights().map(|n| n.id.clone()).collect(),
                g.graph().edge_count(),
            )
        };
        let cases: Vec<(Filter, (Vec<&str>, usize))> = vec![
            (
                Filter::default(),
                (vec!["putin", "russia", "un", "georgia-us", "georgia"], 4),
            ),
            (
                Filter {
                    min_weight: 2,
                    ..Filter::default()
                },
                (vec!["putin", "russia", "un", "georgia-us", "georgia"], 2),
            ),
            (
                Filter {
                    types: Some(vec!["Places".into()]),
                    ..Filter::default()
                },
                (vec!["russia", "georgia-us", "georgia"], 1),
            ),
            (
                Filter {
                    types: Some(vec!["organization".into(), "person".into()]),
                    ..Filter::default()
                },
                (vec!["putin", "un"], 1),
            ),
            (
                Filter {
                    exclude: vec!["russia".into()],
                    ..Filter::default()
                },
                (vec!["putin", "un", "georgia-us", "georgia"], 2),
            ),
            (
                Filter {
                    top: Some(2),
                    ..Filter::default()
                },
                (vec!["putin", "russia"], 1),
            ),
        ];
        for (f, (want, edges)) in cases {
            let got = ids(&g.filter(&f));
            assert_eq!(
                got,
                (want.iter().map(|s| s.to_string()).collect(), edges),
                "{:?}",
                f
            );
        }
    }

    #[test]
    fn rejects_self_loops_and_duplicates() {
        let mut g = sample();
        let a = g.node("putin").unwrap();
        let b = g.node("russia").unwrap();
        assert!(g.add_edge(a, a, edge(1)).is_err());
        assert!(g.add_edge(b, a, edge(1)).is_err());
        assert!(g.add_node(node("putin", "x", "person", &[])).is_err());
    }
}
