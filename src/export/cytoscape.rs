//! Cytoscape.js JSON (`graph.cyjs`), as `cytoscape({elements})` and Cytoscape desktop's
//! "Import Network from File" read it.
//!
//! ```json
//! {"format_version": "1.0", "generated_by": "nergraph 0.1.0",
//!  "target_cytoscapejs_version": "~3.0",
//!  "data": {"name": "nergraph", "window": "sentence", "documents": 5, "measure": "count"},
//!  "elements": {
//!    "nodes": [{"data": {"id": "russia", "name": "Russia", "type": "place", "mentions": 9,
//!               "documents": 3, "degree": 12, "weighted_degree": 20.0, "pagerank": 0.05,
//!               "betweenness": 0.1, "community": 0, "color": "#b2df8a"}}],
//!    "edges": [{"data": {"id": "edge 0", "source": "russia", "target": "china",
//!               "weight": 2.0, "count": 2, "documents": 1, "evidence": ["…"]}}]}}
//! ```
//! Edge ids contain a space, which gazetteer ids do not, so they never clash with node ids.

use std::io::Write;

use petgraph::visit::EdgeRef;
use serde::Serialize;

use crate::analysis::Analysis;
use crate::error::{Error, Result};
use crate::graph::EntityGraph;

/// The document.
#[derive(Debug, Serialize)]
pub struct CyOut<'a> {
    /// `1.0`.
    pub format_version: &'static str,
    /// `nergraph VERSION`.
    pub generated_by: String,
    /// `~3.0`.
    pub target_cytoscapejs_version: &'static str,
    /// About the graph.
    pub data: CyGraphData<'a>,
    /// Nodes and edges.
    pub elements: CyElements<'a>,
}

/// The graph's `data`.
#[derive(Debug, Serialize)]
pub struct CyGraphData<'a> {
    /// `nergraph`.
    pub name: &'static str,
    /// The window.
    pub window: String,
    /// Documents read.
    pub documents: u64,
    /// The edge weight measure.
    pub measure: String,
    /// Inputs.
    pub inputs: &'a [String],
}

/// The elements.
#[derive(Debug, Serialize)]
pub struct CyElements<'a> {
    /// The nodes.
    pub nodes: Vec<CyElement<CyNode<'a>>>,
    /// The edges.
    pub edges: Vec<CyElement<CyEdge<'a>>>,
}

/// An element: its data.
#[derive(Debug, Serialize)]
pub struct CyElement<T> {
    /// The data.
    pub data: T,
}

/// A node's data.
#[derive(Debug, Serialize)]
pub struct CyNode<'a> {
    /// The gazetteer id.
    pub id: &'a str,
    /// The canonical name.
    pub name: &'a str,
    /// The type.
    #[serde(rename = "type")]
    pub kind: &'a str,
    /// Mentions.
    pub mentions: u64,
    /// Documents.
    pub documents: u64,
    /// Neighbours.
    pub degree: usize,
    /// Sum of link weights.
    pub weighted_degree: f64,
    /// Weighted PageRank.
    pub pagerank: f64,
    /// Betweenness.
    pub betweenness: f64,
    /// Community.
    pub community: usize,
    /// Colour of the type.
    pub color: &'a str,
}

/// An edge's data.
#[derive(Debug, Serialize)]
pub struct CyEdge<'a> {
    /// `edge N`.
    pub id: String,
    /// One end.
    pub source: &'a str,
    /// The other end.
    pub target: &'a str,
    /// The chosen measure.
    pub weight: f64,
    /// Windows with both.
    pub count: u64,
    /// Documents with both.
    pub documents: u64,
    /// The evidence texts, `doc: text`.
    pub evidence: Vec<String>,
}

/// The output form of a graph and its scores.
pub fn to_out<'a>(g: &'a EntityGraph, a: &Analysis) -> CyOut<'a> {
    let pg = g.graph();
    let info = g.info();
    CyOut {
        format_version: "1.0",
        generated_by: format!("nergraph {}", info.version),
        target_cytoscapejs_version: "~3.0",
        data: CyGraphData {
            name: "nergraph",
            window: info.window.to_string(),
            documents: info.documents,
            measure: a.weight().to_string(),
            inputs: &info.inputs,
        },
        elements: CyElements {
            nodes: pg
                .node_indices()
                .map(|i| {
                    let (n, s) = (&pg[i], a.node(i));
                    CyElement {
                        data: CyNode {
                            id: &n.id,
                            name: &n.name,
                            kind: &n.kind,
                            mentions: n.mentions,
                            documents: n.documents,
                            degree: s.degree,
                            weighted_degree: s.weighted_degree,
                            pagerank: s.pagerank,
                            betweenness: s.betweenness,
                            community: s.community,
                            color: super::dot::style(&n.kind).1,
                        },
                    }
                })
                .collect(),
            edges: pg
                .edge_references()
                .map(|e| CyElement {
                    data: CyEdge {
                        id: format!("edge {}", e.id().index()),
                        source: &pg[e.source()].id,
                        target: &pg[e.target()].id,
                        weight: a.edge(e.id()),
                        count: e.weight().weight,
                        documents: e.weight().documents,
                        evidence: e
                            .weight()
                            .evidence
                            .iter()
                            .map(|ev| format!("{}: {}", ev.doc, ev.text))
                            .collect(),
                    },
                })
                .collect(),
        },
    }
}

/// Writes the Cytoscape.js JSON of a graph, with a final newline.
pub fn write(g: &EntityGraph, a: &Analysis, mut out: impl Write) -> Result<()> {
    serde_json::to_writer_pretty(&mut out, &to_out(g, a)).map_err(Error::json)?;
    out.write_all(b"\n")?;
    Ok(())
}
