//! GraphML, as networkx, Gephi, yEd, igraph and Cytoscape read it.
//!
//! Node data: `label`, `type`, `mentions`, `documents`, `windows`, `aliases` (joined with
//! `; `), the scores (`degree`, `weighted_degree`, `pagerank`, `betweenness`, `community`) and
//! `color` (`#rrggbb`, by type). Edge data: `weight` (under the chosen measure), `count`
//! (windows), `documents` and `evidence` (the first piece: `doc: text`). Graph data: `window`,
//! `documents`, `measure`. Text is XML-escaped and characters XML 1.0 forbids are dropped.

use std::io::Write;

use petgraph::visit::EdgeRef;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

use super::xml_text;
use crate::analysis::Analysis;
use crate::error::{Error, Result};
use crate::graph::EntityGraph;

/// (id, for, type) of every key, in the order written.
const KEYS: &[(&str, &str, &str)] = &[
    ("window", "graph", "string"),
    ("documents", "graph", "long"),
    ("measure", "graph", "string"),
    ("label", "node", "string"),
    ("type", "node", "string"),
    ("mentions", "node", "long"),
    ("documents", "node", "long"),
    ("windows", "node", "long"),
    ("aliases", "node", "string"),
    ("degree", "node", "int"),
    ("weighted_degree", "node", "double"),
    ("pagerank", "node", "double"),
    ("betweenness", "node", "double"),
    ("community", "node", "int"),
    ("color", "node", "string"),
    ("weight", "edge", "double"),
    ("count", "edge", "long"),
    ("documents", "edge", "long"),
    ("evidence", "edge", "string"),
];

fn key_id(name: &str, domain: &str) -> String {
    format!("{}_{}", domain, name)
}

fn io(e: impl std::fmt::Display) -> Error {
    Error::export(format!("cannot write GraphML: {}", e))
}

/// Writes the GraphML of a graph and its scores.
///
/// # Example
/// ```
/// use nergraph::analysis::{Analysis, Weight};
/// use nergraph::graph::{EntityGraph, GraphInfo};
/// let g = EntityGraph::new(GraphInfo::default());
/// let mut out = Vec::new();
/// nergraph::export::graphml::write(&g, &Analysis::new(&g, Weight::Count), &mut out).unwrap();
/// assert!(String::from_utf8(out).unwrap().contains("edgedefault=\"undirected\""));
/// ```
pub fn write(g: &EntityGraph, a: &Analysis, out: impl Write) -> Result<()> {
    let mut w = Writer::new_with_indent(out, b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .map_err(io)?;
    w.write_event(Event::Start(BytesStart::new("graphml").with_attributes([
        ("xmlns", "http://graphml.graphdrawing.org/xmlns"),
        ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        (
            "xsi:schemaLocation",
            "http://graphml.graphdrawing.org/xmlns \
             http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
        ),
    ])))
    .map_err(io)?;
    for &(name, domain, ty) in KEYS {
        let id = key_id(name, domain);
        w.write_event(Event::Empty(BytesStart::new("key").with_attributes([
            ("id", id.as_str()),
            ("for", domain),
            ("attr.name", name),
            ("attr.type", ty),
        ])))
        .map_err(io)?;
    }
    w.write_event(Event::Start(
        BytesStart::new("graph")
            .with_attributes([("id", "nergraph"), ("edgedefault", "undirected")]),
    ))
    .map_err(io)?;
    let info = g.info();
    data(&mut w, "graph", "window", &info.window.to_string())?;
    data(&mut w, "graph", "documents", &info.documents.to_string())?;
    data(&mut w, "graph", "measure", &a.weight().to_string())?;
    let pg = g.graph();
    for i in pg.node_indices() {
        let n = &pg[i];
        let s = a.node(i);
        let id = xml_text(&n.id);
        w.write_event(Event::Start(
            BytesStart::new("node").with_attributes([("id", id.as_ref())]),
        ))
        .map_err(io)?;
        let d = |w: &mut Writer<_>, k: &str, v: &str| data(w, "node", k, v);
        d(&mut w, "label", &n.name)?;
        d(&mut w, "type", &n.kind)?;
        d(&mut w, "mentions", &n.mentions.to_string())?;
        d(&mut w, "documents", &n.documents.to_string())?;
        d(&mut w, "windows", &n.windows.to_string())?;
        d(&mut w, "aliases", &n.aliases.join("; "))?;
        d(&mut w, "degree", &s.degree.to_string())?;
        d(&mut w, "weighted_degree", &s.weighted_degree.to_string())?;
        d(&mut w, "pagerank", &s.pagerank.to_string())?;
        d(&mut w, "betweenness", &s.betweenness.to_string())?;
        d(&mut w, "community", &s.community.to_string())?;
        d(&mut w, "color", super::dot::style(&n.kind).1)?;
        w.write_event(Event::End(BytesEnd::new("node")))
            .map_err(io)?;
    }
    for e in pg.edge_references() {
        let (src, dst) = (xml_text(&pg[e.source()].id), xml_text(&pg[e.target()].id));
        let id = format!("e{}", e.id().index());
        w.write_event(Event::Start(BytesStart::new("edge").with_attributes([
            ("id", id.as_str()),
            ("source", src.as_ref()),
            ("target", dst.as_ref()),
        ])))
        .map_err(io)?;
        let edge = e.weight();
        data(&mut w, "edge", "weight", &a.edge(e.id()).to_string())?;
        data(&mut w, "edge", "count", &edge.weight.to_string())?;
        data(&mut w, "edge", "documents", &edge.documents.to_string())?;
        if let Some(ev) = edge.evidence.first() {
            data(
                &mut w,
                "edge",
                "evidence",
                &format!("{}: {}", ev.doc, ev.text),
            )?;
        }
        w.write_event(Event::End(BytesEnd::new("edge")))
            .map_err(io)?;
    }
    w.write_event(Event::End(BytesEnd::new("graph")))
        .map_err(io)?;
    w.write_event(Event::End(BytesEnd::new("graphml")))
        .map_err(io)?;
    w.get_mut().write_all(b"\n")?;
    Ok(())
}

fn data<W: Write>(w: &mut Writer<W>, domain: &str, name: &str, value: &str) -> Result<()> {
    let key = key_id(name, domain);
    w.create_element("data")
        .with_attribute(("key", key.as_str()))
        .write_text_content(BytesText::new(&xml_text(value)))
        .map_err(io)?;
    Ok(())
}
