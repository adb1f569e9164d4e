//! CSV node and edge tables in the column names of Gephi's spreadsheet import (Data
//! Laboratory → Import Spreadsheet): `nodes.csv` with `Id`, `Label`, `Type`, …, and
//! `edges.csv` with `Source`, `Target`, `Type` (`Undirected`), `Id`, `Weight`, ….
//!
//! The score columns use the names Gephi gives its own statistics (`Degree`, `Weighted
//! Degree`, `PageRank`, `Betweenness Centrality`, `Modularity Class`). `Weight` is the chosen
//! measure's strength (a negative PMI or NPMI is written as 0; `Measure` has the value).

use std::io::Write;

use petgraph::visit::EdgeRef;
use serde::Serialize;

use crate::analysis::Analysis;
use crate::error::{Error, Result};
use crate::graph::EntityGraph;

/// A row of `nodes.csv`.
#[derive(Debug, Serialize)]
pub struct NodeRow<'a> {
    /// The gazetteer id.
    #[serde(rename = "Id")]
    pub id: &'a str,
    /// The canonical name.
    #[serde(rename = "Label")]
    pub label: &'a str,
    /// The entity type.
    #[serde(rename = "Type")]
    pub kind: &'a str,
    /// Mentions.
    #[serde(rename = "Mentions")]
    pub mentions: u64,
    /// Documents with a mention.
    #[serde(rename = "Documents")]
    pub documents: u64,
    /// Neighbours.
    #[serde(rename = "Degree")]
    pub degree: usize,
    /// Sum of the link weights.
    #[serde(rename = "Weighted Degree")]
    pub weighted_degree: f64,
    /// Weighted PageRank.
    #[serde(rename = "PageRank")]
    pub pagerank: f64,
    /// Betweenness centrality (normalised).
    #[serde(rename = "Betweenness Centrality")]
    pub betweenness: f64,
    /// The community.
    #[serde(rename = "Modularity Class")]
    pub community: usize,
    /// The colour of its type, `#rrggbb`.
    #[serde(rename = "Color")]
    pub color: &'a str,
}

/// A row of `edges.csv`.
#[derive(Debug, Serialize)]
pub struct EdgeRow<'a> {
    /// One end's id.
    #[serde(rename = "Source")]
    pub source: &'a str,
    /// The other end's id.
    #[serde(rename = "Target")]
    pub target: &'a str,
    /// Always `Undirected`.
    #[serde(rename = "Type")]
    pub kind: &'a str,
    /// The edge's number.
    #[serde(rename = "Id")]
    pub id: usize,
    /// The strength under the chosen measure.
    #[serde(rename = "Weight")]
    pub weight: f64,
    /// The measure's value.
    #[serde(rename = "Measure")]
    pub measure: f64,
    /// Windows with both.
    #[serde(rename = "Count")]
    pub count: u64,
    /// Documents with such a window.
    #[serde(rename = "Documents")]
    pub documents: u64,
    /// The first piece of evidence, `doc: text`.
    #[serde(rename = "Evidence")]
    pub evidence: String,
}

fn err(e: ::csv::Error) -> Error {
    Error::export(format!("cannot write CSV: {}", e))
}

/// Writes `nodes.csv`.
pub fn write_nodes(g: &EntityGraph, a: &Analysis, out: impl Write) -> Result<()> {
    let mut w = ::csv::Writer::from_writer(out);
    let pg = g.graph();
    if pg.node_count() == 0 {
        w.write_record([
            "Id",
            "Label",
            "Type",
            "Mentions",
            "Documents",
            "Degree",
            "Weighted Degree",
            "PageRank",
            "Betweenness Centrality",
            "Modularity Class",
            "Color",
        ])
        .map_err(err)?;
    }
    for i in pg.node_indices() {
        let (n, s) = (&pg[i], a.node(i));
        w.serialize(NodeRow {
            id: &n.id,
            label: &n.name,
            kind: &n.kind,
            mentions: n.mentions,
            documents: n.documents,
            degree: s.degree,
            weighted_degree: s.weighted_degree,
            pagerank: s.pagerank,
            betweenness: s.betweenness,
            community: s.community,
            color: super::dot::style(&n.kind).1,
        })
        .map_err(err)?;
    }
    w.flush()?;
    Ok(())
}

/// Writes `edges.csv`.
///
/// # Example
/// ```
/// use nergraph::analysis::{Analysis, Weight};
/// use nergraph::graph::{EntityGraph, GraphInfo};
/// let g = EntityGraph::new(GraphInfo::default());
/// let a = Analysis::new(&g, Weight::Count);
/// let mut out = Vec::new();
/// nergraph::export::csv::write_edges(&g, &a, &mut out).unwrap();
/// assert_eq!(
///     String::from_utf8(out).unwrap(),
///     "Source,Target,Type,Id,Weight,Measure,Count,Documents,Evidence\n"
/// );
/// ```
pub fn write_edges(g: &EntityGraph, a: &Analysis, out: impl Write) -> Result<()> {
    let mut w = ::csv::Writer::from_writer(out);
    let pg = g.graph();
    if pg.edge_count() == 0 {
        w.write_record([
            "Source",
            "Target",
            "Type",
            "Id",
            "Weight",
            "Measure",
            "Count",
            "Documents",
            "Evidence",
        ])
        .map_err(err)?;
    }
    for e in pg.edge_references() {
        let edge = e.weight();
        w.serialize(EdgeRow {
            source: &pg[e.source()].id,
            target: &pg[e.target()].id,
            kind: "Undirected",
            id: e.id().index(),
            weight: a.strength(e.id()),
            measure: a.edge(e.id()),
            count: edge.weight,
            documents: edge.documents,
            evidence: edge
                .evidence
                .first()
                .map(|ev| format!("{}: {}", ev.doc, ev.text))
                .unwrap_or_default(),
        })
        .map_err(err)?;
    }
    w.flush()?;
    Ok(())
}
