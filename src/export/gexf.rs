//! GEXF 1.3, Gephi's own format.
//!
//! Node attributes: `type`, `mentions`, `documents`, `windows`, `aliases`, and the scores
//! `degree`, `weighted_degree`, `pagerank`, `betweenness` and `community`; a colour by type and
//! a size growing with the mentions (`viz:color`, `viz:size`). Edges carry the chosen
//! measure as their `weight` (Gephi's layouts and filters use it; a negative PMI or NPMI is
//! written as 0, since Gephi's layouts need weights of at least 0) and the attributes
//! `measure` (the value itself), `count`, `documents` and `evidence` (the first piece).

use std::io::Write;

use petgraph::visit::EdgeRef;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

use super::xml_text;
use crate::analysis::Analysis;
use crate::error::{Error, Result};
use crate::graph::EntityGraph;

/// (id, type) of the node attributes.
const NODE_ATTRS: &[(&str, &str)] = &[
    ("type", "string"),
    ("mentions", "long"),
    ("documents", "long"),
    ("windows", "long"),
    ("aliases", "string"),
    ("degree", "integer"),
    ("weighted_degree", "double"),
    ("pagerank", "double"),
    ("betweenness", "double"),
    ("community", "integer"),
];

/// (id, type) of the edge attributes.
const EDGE_ATTRS: &[(&str, &str)] = &[
    ("measure", "double"),
    ("count", "long"),
    ("documents", "long"),
    ("evidence", "string"),
];

fn io(e: impl std::fmt::Display) -> Error {
    Error::export(format!("cannot write GEXF: {}", e))
}

/// `#rrggbb` as (r, g, b) strings.
fn rgb(hex: &str) -> [String; 3] {
    let c = |i: usize| {
        u8::from_str_radix(hex.get(i..i + 2).unwrap_or("dd"), 16)
            .unwrap_or(0xdd)
            .to_string()
    };
    [c(1), c(3), c(5)]
}

/// Writes the GEXF 1.3 of a graph and its scores.
///
/// # Example
/// ```
/// use nergraph::analysis::{Analysis, Weight};
/// use nergraph::graph::{EntityGraph, GraphInfo};
/// let g = EntityGraph::new(GraphInfo::default());
/// let mut out = Vec::new();
/// nergraph::export::gexf::write(&g, &Analysis::new(&g, Weight::Count), &mut out).unwrap();
/// assert!(String::from_utf8(out).unwrap().contains("version=\"1.3\""));
/// ```
pub fn write(g: &EntityGraph, a: &Analysis, out: impl Write) -> Result<()> {
    let mut w = Writer::new_with_indent(out, b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .map_err(io)?;
    w.write_event(Event::Start(BytesStart::new("gexf").with_attributes([
        ("xmlns", "http://gexf.net/1.3"),
        ("xmlns:viz", "http://gexf.net/1.3/viz"),
        ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        (
            "xsi:schemaLocation",
            "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
        ),
        ("version", "1.3"),
    ])))
    .map_err(io)?;
    let info = g.info();
    w.write_event(Event::Start(BytesStart::new("meta")))
        .map_err(io)?;
    w.create_element("creator")
        .write_text_content(BytesText::new(&format!("nergraph {}", info.version)))
        .map_err(io)?;
    let description = format!(
        "Co-occurrence of entities ({} window, {} documents); edge weight: {}",
        info.window,
        info.documents,
        a.weight()
    );
    w.create_element("description")
        .write_text_content(BytesText::new(&description))
        .map_err(io)?;
    w.write_event(Event::End(BytesEnd::new("meta")))
        .map_err(io)?;
    w.write_event(Event::Start(BytesStart::new("graph").with_attributes([
        ("defaultedgetype", "undirected"),
        ("mode", "static"),
    ])))
    .map_err(io)?;
    for (class, attrs) in [("node", NODE_ATTRS), ("edge", EDGE_ATTRS)] {
        w.write_event(Event::Start(
            BytesStart::new("attributes").with_attributes([("class", class)]),
        ))
        .map_err(io)?;
        for &(id, ty) in attrs {
            w.write_event(Event::Empty(
                BytesStart::new("attribute").with_attributes([
                    ("id", id),
                    ("title", id),
                    ("type", ty),
                ]),
            ))
            .map_err(io)?;
        }
        w.write_event(Event::End(BytesEnd::new("attributes")))
            .map_err(io)?;
    }

    let pg = g.graph();
    w.write_event(Event::Start(BytesStart::new("nodes")))
        .map_err(io)?;
    for i in pg.node_indices() {
        let n = &pg[i];
        let s = a.node(i);
        let (id, label) = (xml_text(&n.id), xml_text(&n.name));
        w.write_event(Event::Start(
            BytesStart::new("node")
                .with_attributes([("id", id.as_ref()), ("label", label.as_ref())]),
        ))
        .map_err(io)?;
        let values = [
            n.kind.clone(),
            n.mentions.to_string(),
            n.documents.to_string(),
            n.windows.to_string(),
            n.aliases.join("; "),
            s.degree.to_string(),
            s.weighted_degree.to_string(),
            s.pagerank.to_string(),
            s.betweenness.to_string(),
            s.community.to_string(),
        ];
        attvalues(&mut w, NODE_ATTRS, &values)?;
        let [r, gr, b] = rgb(super::dot::style(&n.kind).1);
        w.write_event(Event::Empty(BytesStart::new("viz:color").with_attributes(
            [("r", r.as_str()), ("g", gr.as_str()), ("b", b.as_str())],
        )))
        .map_err(io)?;
        let size = format!("{:.2}", 4.0 + 4.0 * (1.0 + n.mentions as f64).ln());
        w.write_event(Event::Empty(
            BytesStart::new("viz:size").with_attributes([("value", size.as_str())]),
        ))
        .map_err(io)?;
        w.write_event(Event::End(BytesEnd::new("node")))
            .map_err(io)?;
    }
    w.write_event(Event::End(BytesEnd::new("nodes")))
        .map_err(io)?;

    w.write_event(Event::Start(BytesStart::new("edges")))
        .map_err(io)?;
    for e in pg.edge_references() {
        let (src, dst) = (xml_text(&pg[e.source()].id), xml_text(&pg[e.target()].id));
        let id = e.id().index().to_string();
        let weight = a.strength(e.id()).to_string();
        w.write_event(Event::Start(BytesStart::new("edge").with_attributes([
            ("id", id.as_str()),
            ("source", src.as_ref()),
            ("target", dst.as_ref()),
            ("weight", weight.as_str()),
        ])))
        .map_err(io)?;
        let edge = e.weight();
        let values = [
            a.edge(e.id()).to_string(),
            edge.weight.to_string(),
            edge.documents.to_string(),
            edge.evidence
                .first()
                .map(|ev| format!("{}: {}", ev.doc, ev.text))
                .unwrap_or_default(),
        ];
        attvalues(&mut w, EDGE_ATTRS, &values)?;
        w.write_event(Event::End(BytesEnd::new("edge")))
            .map_err(io)?;
    }
    w.write_event(Event::End(BytesEnd::new("edges")))
        .map_err(io)?;
    w.write_event(Event::End(BytesEnd::new("graph")))
        .map_err(io)?;
    w.write_event(Event::End(BytesEnd::new("gexf")))
        .map_err(io)?;
    w.get_mut().write_all(b"\n")?;
    Ok(())
}

fn attvalues<W: Write>(w: &mut Writer<W>, attrs: &[(&str, &str)], values: &[String]) -> Result<()> {
    w.write_event(Event::Start(BytesStart::new("attvalues")))
        .map_err(io)?;
    for (&(id, _), v) in attrs.iter().zip(values) {
        let v = xml_text(v);
        w.write_event(Event::Empty(
            BytesStart::new("attvalue").with_attributes([("for", id), ("value", v.as_ref())]),
        ))
        .map_err(io)?;
    }
    w.write_event(Event::End(BytesEnd::new("attvalues")))
        .map_err(io)?;
    Ok(())
}
