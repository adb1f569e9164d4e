//! Node-link JSON: the graph as networkx's `node_link_data` and d3-force read it.
//!
//! ```json
//! {"directed": false, "multigraph": false,
//!  "graph": {"window": "sentence", "inputs": ["seeds/"], "gazetteers": ["gazetteers/…"],
//!            "documents": 5, "nergraph": "0.1.0"},
//!  "nodes": [{"id": "russia", "name": "Russia", "type": "place", "mentions": 9,
//!             "documents": 3, "aliases": ["Russian Federation"], "forms": ["Russia"],
//!             "attributes": {"iso2": "RU"}}],
//!  "links": [{"source": "russia", "target": "united-nations", "weight": 2, "documents": 1,
//!             "evidence": [{"doc": "seeds/000.txt", "sentence": 2, "start": 120,
//!                           "end": 240, "text": "…"}]}]}
//! ```
//!
//! The types of this module are the format: they change only when the format does. Fields
//! are written in this order; readers ignore fields they do not know. `evidence[].date` is
//! present only when the input gave dates. Written, they borrow the graph's strings
//! ([`Cow::Borrowed`]: writing a graph copies none of its text); read, they own them.
//!
//! In Python: `networkx.node_link_graph(data, edges="links")`; in JavaScript,
//! `d3.forceLink(data.links).id(d => d.id)`.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{Read, Write};

use serde::{Deserialize, Serialize};

use crate::analysis::Analysis;
use crate::cooccur::{Evidence, Window};
use crate::error::{Error, Result};
use crate::graph::{Edge, EntityGraph, GraphInfo, Node};

/// The document.
#[derive(Debug, Serialize, Deserialize)]
pub struct GraphOut<'a> {
    /// Always `false`.
    pub directed: bool,
    /// Always `false`.
    pub multigraph: bool,
    /// What the graph was built from.
    pub graph: InfoOut<'a>,
    /// The entities.
    pub nodes: Vec<NodeOut<'a>>,
    /// The links.
    pub links: Vec<LinkOut<'a>>,
}

/// The `graph` object.
#[derive(Debug, Serialize, Deserialize)]
pub struct InfoOut<'a> {
    /// `sentence`, `paragraph`, `document` or `tokens:N`.
    pub window: String,
    /// The inputs as given.
    pub inputs: Cow<'a, [String]>,
    /// The gazetteer files.
    pub gazetteers: Cow<'a, [String]>,
    /// The number of documents read.
    pub documents: u64,
    /// The version of nergraph that wrote the file.
    pub nergraph: Cow<'a, str>,
    /// The number of windows in the documents (0: unknown, as in files written before it
    /// was counted).
    #[serde(default)]
    pub windows: u64,
    /// The measure behind the link weights of the scores, when written by [`write_scored`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure: Option<String>,
}

/// A node.
#[derive(Debug, Serialize, Deserialize)]
pub struct NodeOut<'a> {
    /// The gazetteer id.
    pub id: Cow<'a, str>,
    /// The canonical name.
    pub name: Cow<'a, str>,
    /// The entity type.
    #[serde(rename = "type")]
    pub kind: Cow<'a, str>,
    /// Mentions.
    pub mentions: u64,
    /// Documents with a mention.
    pub documents: u64,
    /// Windows with a mention (0: unknown).
    #[serde(default)]
    pub windows: u64,
    /// The gazetteer's other names.
    #[serde(default)]
    pub aliases: Cow<'a, [String]>,
    /// The surface forms seen, sorted.
    #[serde(default)]
    pub forms: Cow<'a, [String]>,
    /// The gazetteer attributes.
    #[serde(default)]
    pub attributes: Cow<'a, BTreeMap<String, String>>,
    /// The node's scores, when written by [`write_scored`] (ignored when read back: they are
    /// computed again).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scores: Option<ScoresOut>,
}

/// A node's scores (see [`Scores`](crate::analysis::Scores)).
#[derive(Debug, Serialize, Deserialize)]
pub struct ScoresOut {
    /// Neighbours.
    pub degree: usize,
    /// Sum of the link weights under `graph.measure`.
    pub weighted_degree: f64,
    /// Weighted PageRank.
    pub pagerank: f64,
    /// Betweenness (normalised).
    pub betweenness: f64,
    /// Community (0 is the largest).
    pub community: usize,
}

/// A link.
#[derive(Debug, Serialize, Deserialize)]
pub struct LinkOut<'a> {
    /// The id of one end.
    pub source: Cow<'a, str>,
    /// The id of the other end.
    pub target: Cow<'a, str>,
    /// Windows with both.
    pub weight: u64,
    /// Documents with such a window.
    pub documents: u64,
    /// The first windows, in input order.
    #[serde(default)]
    pub evidence: Vec<EvidenceOut<'a>>,
}

/// A piece of evidence.
#[derive(Debug, Serialize, Deserialize)]
pub struct EvidenceOut<'a> {
    /// The document's name.
    pub doc: Cow<'a, str>,
    /// The document's date, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Cow<'a, str>>,
    /// The 0-based index of the window's first sentence.
    pub sentence: usize,
    /// Byte offset of the window in the document.
    pub start: usize,
    /// Byte offset of its end (exclusive).
    pub end: usize,
    /// The window's text.
    pub text: Cow<'a, str>,
}

impl<'a> GraphOut<'a> {
    /// The output form of a graph, borrowing its strings.
    pub fn new(g: &'a EntityGraph) -> GraphOut<'a> {
        use rayon::prelude::*;
        let pg = g.graph();
        let info = g.info();
        GraphOut {
            directed: false,
            multigraph: false,
            graph: InfoOut {
                window: info.window.to_string(),
                inputs: Cow::Borrowed(&info.inputs),
                gazetteers: Cow::Borrowed(&info.gazetteers),
                documents: info.documents,
                nergraph: Cow::Borrowed(&info.version),
                windows: g.total_windows(),
                measure: None,
            },
            // Made in parallel (in the caller's rayon pool), in order.
            nodes: pg
                .raw_nodes()
                .par_iter()
                .map(|n| &n.weight)
                .map(|n| NodeOut {
                    id: Cow::Borrowed(&n.id),
                    name: Cow::Borrowed(&n.name),
                    kind: Cow::Borrowed(&n.kind),
                    mentions: n.mentions,
                    documents: n.documents,
                    windows: n.windows,
                    aliases: Cow::Borrowed(&n.aliases),
                    forms: Cow::Borrowed(&n.forms),
                    attributes: Cow::Borrowed(&n.attributes),
                    scores: None,
                })
                .collect(),
            links: pg
                .raw_edges()
                .par_iter()
                .map(|e| LinkOut {
                    source: Cow::Borrowed(&pg[e.source()].id),
                    target: Cow::Borrowed(&pg[e.target()].id),
                    weight: e.weight.weight,
                    documents: e.weight.documents,
                    evidence: e
                        .weight
                        .evidence
                        .iter()
                        .map(|v| EvidenceOut {
                            doc: Cow::Borrowed(&v.doc),
                            date: v.date.as_deref().map(Cow::Borrowed),
                            sentence: v.sentence,
                            start: v.start,
                            end: v.end,
                            text: Cow::Borrowed(&v.text),
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    /// The graph this output describes. Fails on a link to an unknown node, a duplicate node
    /// or link, a self-loop, or an unknown window.
    pub fn into_graph(self) -> Result<EntityGraph> {
        if self.directed || self.multigraph {
            return Err(Error::graph(
                "not a nergraph graph: directed or multigraph is true",
            ));
        }
        let info = GraphInfo {
            window: self.graph.window.parse::<Window>()?,
            inputs: self.graph.inputs.into_owned(),
            gazetteers: self.graph.gazetteers.into_owned(),
            documents: self.graph.documents,
            version: self.graph.nergraph.into_owned(),
        };
        let mut g = EntityGraph::new(info);
        g.set_total_windows(self.graph.windows);
        for n in self.nodes {
            g.add_node(Node {
                id: n.id.into_owned(),
                name: n.name.into_owned(),
                kind: n.kind.into_owned(),
                aliases: n.aliases.into_owned(),
                attributes: n.attributes.into_owned(),
                mentions: n.mentions,
                documents: n.documents,
                windows: n.windows,
                forms: n.forms.into_owned(),
            })?;
        }
        for l in self.links {
            let end = |id: &str| {
                g.node(id)
                    .ok_or_else(|| Error::graph(format!("link to unknown node `{}`", id)))
            };
            let (a, b) = (end(&l.source)?, end(&l.target)?);
            g.add_edge(
                a,
                b,
                Edge {
                    weight: l.weight,
                    documents: l.documents,
                    evidence: l
                        .evidence
                        .into_iter()
                        .map(|v| Evidence {
                            doc: v.doc.into_owned(),
                            date: v.date.map(Cow::into_owned),
                            sentence: v.sentence,
                            start: v.start,
                            end: v.end,
                            text: v.text.into_owned(),
                        })
                        .collect(),
                },
            )?;
        }
        Ok(g)
    }
}

/// Writes a graph as pretty-printed node-link JSON with its scores (`graph.measure` and each
/// node's `scores`), with a final newline.
pub fn write_scored(g: &EntityGraph, a: &Analysis, w: impl Write) -> Result<()> {
    let mut out = GraphOut::new(g);
    out.graph.measure = Some(a.weight().to_string());
    for (i, n) in g.graph().node_indices().zip(out.nodes.iter_mut()) {
        let s = a.node(i);
        n.scores = Some(ScoresOut {
            degree: s.degree,
            weighted_degree: s.weighted_degree,
            pagerank: s.pagerank,
            betweenness: s.betweenness,
            community: s.community,
        });
    }
    write_out(&out, w)
}

/// Writes a graph as pretty-printed node-link JSON, with a final newline.
pub fn write(g: &EntityGraph, w: impl Write) -> Result<()> {
    write_out(&GraphOut::new(g), w)
}

fn write_out(out: &GraphOut, w: impl Write) -> Result<()> {
    // A buffer of its own: serde_json writes a few bytes at a time, and `w` may be a `dyn
    // Write` (each write a call through a pointer).
    let mut w = std::io::BufWriter::with_capacity(1 << 16, w);
    serde_json::to_writer_pretty(&mut w, out).map_err(Error::json)?;
    w.write_all(b"\n")?;
    w.flush()?;
    Ok(())
}

/// The node-link JSON of a graph.
pub fn to_string(g: &EntityGraph) -> String {
    let mut v = Vec::new();
    write(g, &mut v).expect("writing to memory");
    String::from_utf8(v).expect("JSON is UTF-8")
}

/// Reads a graph written by [`write()`].
///
/// # Example
/// ```
/// use nergraph::export::json;
/// use nergraph::pipeline::{Input, PipelineBuilder};
/// use nergraph::{Gazetteer, MatcherBuilder};
///
/// let matcher = MatcherBuilder::new().build(Gazetteer::bundled().unwrap()).unwrap();
/// let g = PipelineBuilder::new().build(&matcher, &[Input::Bundled]).unwrap().graph;
/// let text = json::to_string(&g);
/// let back = json::read(text.as_bytes()).unwrap();
/// assert_eq!(back, g);
/// assert_eq!(json::to_string(&back), text);
/// ```
pub fn read(r: impl Read) -> Result<EntityGraph> {
    let out: GraphOut = serde_json::from_reader(std::io::BufReader::new(r)).map_err(Error::json)?;
    out.into_graph()
}

/// Reads a graph from a file.
pub fn read_path(path: impl AsRef<std::path::Path>) -> Result<EntityGraph> {
    let path = path.as_ref();
    let f = std::fs::File::open(path).map_err(|e| Error::io(e).with_path(path))?;
    read(f).map_err(|e| e.with_path(path))
}
