//! Graphviz DOT, built with graphviz-rust's DOT structures.
//!
//! - Nodes: shape and colour by entity type (a legend lists the types present), the canonical
//!   name as label, a tooltip with the counts.
//! - Edges: pen width grows with the weight (logarithmically); the tooltip gives the counts
//!   and the first piece of evidence.
//! - Every string (ids, names, snippets) is written by [`escape`]: the file is plain ASCII,
//!   with quotes, backslashes, `<`, `>`, `&` and non-ASCII characters as HTML entities (which
//!   Graphviz decodes) and line breaks as spaces.
//!
//! The graph uses the `fdp` layout (force-directed, with clusters for the legend), so
//! `dot -Tsvg graph.dot` draws it as a network; edges are curves that avoid the nodes up to
//! 300 edges and straight lines beyond (curves take Graphviz minutes on large graphs).

use graphviz_rust::dot_structures::{
    Attribute, Edge as DotEdge, EdgeTy, Graph, GraphAttributes, Id, Node as DotNode, NodeId, Stmt,
    Subgraph, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};

use crate::analysis::{Analysis, Weight};
use crate::graph::EntityGraph;

/// How an entity type is drawn: (type, shape, fill colour).
const STYLES: &[(&str, &str, &str)] = &[
    ("person", "ellipse", "#a6cee3"),
    ("organisation", "box", "#fdbf6f"),
    ("place", "hexagon", "#b2df8a"),
];

/// How types not in [`STYLES`] are drawn.
const OTHER: (&str, &str) = ("diamond", "#dddddd");

/// The most edges drawn as curves avoiding nodes; more are drawn as straight lines.
const SPLINE_EDGES: usize = 300;

/// The longest evidence snippet a tooltip shows, in characters.
const SNIPPET: usize = 300;

pub(crate) fn style(kind: &str) -> (&'static str, &'static str) {
    STYLES
        .iter()
        .find(|s| s.0 == kind)
        .map_or(OTHER, |s| (s.1, s.2))
}

/// Escapes a string for a quoted DOT string and returns the quoted string.
///
/// # Example
/// ```
/// use nergraph::export::dot::escape;
/// assert_eq!(escape("Say \"hi\"\\n"), r#""Say &quot;hi&quot;&#92;n""#);
/// assert_eq!(escape("São <b>\n&"), r#""S&#227;o &lt;b&gt; &amp;""#);
/// ```
pub fn escape(s: &str) -> String {
    // Printable ASCII that stands for itself, and single spaces: copied a run at a time.
    let plain = |b: u8| b.is_ascii_graphic() && !matches!(b, b'"' | b'\\' | b'<' | b'>' | b'&');
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut last_space = false;
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        let mut run = 0;
        for b in rest.bytes() {
            if plain(b) {
                last_space = false;
            } else if b == b' ' && !last_space {
                last_space = true;
            } else {
                break;
            }
            run += 1;
        }
        if run > 0 {
            out.push_str(&rest[..run]);
            rest = &rest[run..];
            continue;
        }
        rest = &rest[c.len_utf8()..];
        push_escaped(&mut out, c, &mut last_space);
    }
    out.push('"');
    out
}

/// Appends one character as [`escape`] writes it: a run of white space as one space
/// (`last_space`: the previous character was white space), the characters DOT or HTML give a
/// meaning as entities, other non-ASCII letters as numeric entities, control characters not
/// at all.
fn push_escaped(out: &mut String, c: char, last_space: &mut bool) {
    use std::fmt::Write;
    if c.is_whitespace() {
        if !*last_space {
            out.push(' ');
        }
        *last_space = true;
        return;
    }
    *last_space = false;
    match c {
        '"' => out.push_str("&quot;"),
        '\\' => out.push_str("&#92;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '&' => out.push_str("&amp;"),
        c if c.is_ascii_control() => {}
        c if c.is_ascii() => out.push(c),
        c => {
            let _ = write!(out, "&#{};", c as u32);
        }
    }
}

fn q(s: &str) -> Id {
    Id::Escaped(escape(s))
}

fn plain(s: &str) -> Id {
    Id::Plain(s.to_string())
}

fn attr(k: &str, v: Id) -> Attribute {
    Attribute(plain(k), v)
}

fn node_id(s: &str) -> NodeId {
    NodeId(q(s), None)
}

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", n, if n == 1 { one } else { many })
}

/// The DOT graph of an entity graph, as graphviz-rust structures.
pub fn to_graph(g: &EntityGraph) -> Graph {
    build(g, None)
}

/// The DOT graph of an entity graph with its scores: pen widths and layout weights follow
/// the analysis' [`Weight`], and every node carries its scores as
/// attributes (`degree`, `weighted_degree`, `pagerank`, `betweenness`, `community`, which
/// Graphviz keeps but does not draw) and in its tooltip.
pub fn to_graph_scored(g: &EntityGraph, a: &Analysis) -> Graph {
    build(g, Some(a))
}

/// The DOT text of [`to_graph_scored`], with a final newline.
pub fn to_string_scored(g: &EntityGraph, a: &Analysis) -> String {
    print(to_graph_scored(g, a))
}

/// The DOT text of a graph, with a final newline: what graphviz-rust prints for it, the
/// statements printed in blocks in parallel (in the caller's rayon pool).
///
/// graphviz-rust prints a graph as its header, its statements joined by line breaks, and a
/// closing brace, each statement on its own (its indentation and line mode put back after
/// it), so a block of statements printed as a graph of its own gives the same lines.
///
/// # Complexity
/// Linear in the statements; blocks of [`PRINT_BLOCK`] statements, one task each.
fn print(graph: Graph) -> String {
    use rayon::prelude::*;
    let print_one = |g: &Graph| g.print(&mut PrinterContext::default());
    let whole = |g: Graph| print_one(&g) + "\n";
    let Graph::Graph { id, strict, stmts } = graph else {
        return whole(graph);
    };
    // An empty graph is the header and the end: `graph ID {`, a line break, then one more
    // and the closing brace.
    const END: &str = "\n}";
    let empty = print_one(&Graph::Graph {
        id: id.clone(),
        strict,
        stmts: Vec::new(),
    });
    let Some(header) = empty.strip_suffix(END) else {
        // Not the layout this relies on (another graphviz-rust): the graph printed whole.
        return whole(Graph::Graph { id, strict, stmts });
    };
    let mut blocks: Vec<Vec<Stmt>> = Vec::new();
    let mut stmts = stmts.into_iter().peekable();
    while stmts.peek().is_some() {
        blocks.push(stmts.by_ref().take(PRINT_BLOCK).collect());
    }
    let bodies: Vec<String> = blocks
        .into_par_iter()
        .map(|stmts| {
            let text = print_one(&Graph::Graph {
                id: id.clone(),
                strict,
                stmts,
            });
            text.strip_prefix(header)
                .and_then(|t| t.strip_suffix(END))
                .expect("a graph printed as its header, its statements and its end")
                .to_string()
        })
        .collect();
    let mut s = String::with_capacity(
        header.len() + bodies.iter().map(|b| b.len() + 1).sum::<usize>() + END.len() + 1,
    );
    s.push_str(header);
    for (i, b) in bodies.iter().enumerate() {
        if i > 0 {
            s.push('\n');
        }
        s.push_str(b);
    }
    s.push_str(END);
    s.push('\n');
    s
}

/// Statements printed per task by [`print`].
const PRINT_BLOCK: usize = 256;

fn build(g: &EntityGraph, scores: Option<&Analysis>) -> Graph {
    let pg = g.graph();
    let info = g.info();
    let mut stmts = vec![
        Stmt::GAttribute(GraphAttributes::Graph(vec![
            attr("layout", plain("fdp")),
            attr("overlap", plain("false")),
            // Curved edges around nodes cost Graphviz time quadratic in the edges: beyond a few
            // hundred, straight lines (a 900-link graph: 0.3 s instead of a minute).
            attr(
                "splines",
                plain(if pg.edge_count() <= SPLINE_EDGES {
                    "true"
                } else {
                    "line"
                }),
            ),
            attr("outputorder", plain("edgesfirst")),
            attr("bgcolor", q("white")),
            attr("fontname", q("Helvetica")),
            attr("labelloc", plain("t")),
            attr(
                "label",
                q(&format!(
                    "nergraph: {}, {} ({} window, {})",
                    plural(pg.node_count() as u64, "entity", "entities"),
                    plural(pg.edge_count() as u64, "link", "links"),
                    info.window,
                    plural(info.documents, "document", "documents"),
                )),
            ),
        ])),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attr("style", q("filled")),
            attr("fontname", q("Helvetica")),
            attr("fontsize", plain("11")),
            attr("color", q("#555555")),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![attr("color", q("#88888899"))])),
    ];

    // The legend: one node per type present, in STYLES order then alphabetical.
    let mut kinds: Vec<&str> = pg.node_weights().map(|n| n.kind.as_str()).collect();
    kinds.sort_by_key(|k| {
        (
            STYLES
                .iter()
                .position(|s| s.0 == *k)
                .unwrap_or(STYLES.len()),
            *k,
        )
    });
    kinds.dedup();
    if !kinds.is_empty() {
        let mut legend = vec![
            Stmt::Attribute(attr("label", q("types"))),
            Stmt::Attribute(attr("fontsize", plain("10"))),
            Stmt::Attribute(attr("color", q("#bbbbbb"))),
        ];
        for k in &kinds {
            let (shape, fill) = style(k);
            legend.push(Stmt::Node(DotNode::new(
                node_id(&format!("legend: {}", k)),
                vec![
                    attr("label", q(k)),
                    attr("shape", plain(shape)),
                    attr("fillcolor", q(fill)),
                    attr("fontsize", plain("10")),
                ],
            )));
        }
        stmts.push(Stmt::Subgraph(Subgraph {
            id: plain("cluster_legend"),
            stmts: legend,
        }));
    }

    // Nodes and edges made in parallel (in the caller's rayon pool), in order.
    use rayon::prelude::*;
    let nodes: Vec<petgraph::graph::NodeIndex> = pg.node_indices().collect();
    let node_stmt = |&i: &petgraph::graph::NodeIndex| {
        let n = &pg[i];
        let (shape, fill) = style(&n.kind);
        let mut tooltip = format!(
            "{} ({}, id {}): {} in {}; weighted degree {}",
            n.name,
            n.kind,
            n.id,
            plural(n.mentions, "mention", "mentions"),
            plural(n.documents, "document", "documents"),
            g.weighted_degree(i),
        );
        let mut attrs = vec![
            attr("label", q(&n.name)),
            attr("shape", plain(shape)),
            attr("fillcolor", q(fill)),
        ];
        if let Some(a) = scores {
            let s = a.node(i);
            tooltip = format!(
                "{} ({}, id {}): {} in {}; degree {}, weighted degree ({}) {}, PageRank {:.4}, \
                 betweenness {:.4}, community {}",
                n.name,
                n.kind,
                n.id,
                plural(n.mentions, "mention", "mentions"),
                plural(n.documents, "document", "documents"),
                s.degree,
                a.weight(),
                number(s.weighted_degree),
                s.pagerank,
                s.betweenness,
                s.community,
            );
            attrs.extend([
                attr("degree", plain(&s.degree.to_string())),
                attr("weighted_degree", q(&number(s.weighted_degree))),
                attr("pagerank", q(&format!("{:.6}", s.pagerank))),
                attr("betweenness", q(&format!("{:.6}", s.betweenness))),
                attr("community", plain(&s.community.to_string())),
            ]);
        }
        attrs.push(attr("tooltip", q(&tooltip)));
        Stmt::Node(DotNode::new(node_id(&n.id), attrs))
    };
    stmts.par_extend(nodes.par_iter().map(node_stmt));

    let max = pg
        .edge_weights()
        .map(|e| e.weight)
        .max()
        .unwrap_or(1)
        .max(2);
    let max_strength = scores.map_or(1.0, |a| {
        a.edge_weights()
            .iter()
            .copied()
            .map(crate::analysis::weight::strength)
            .fold(0.0, f64::max)
    });
    let edge_stmt = |(i, e): (usize, &petgraph::graph::Edge<crate::graph::Edge>)| {
        let (a, b) = (&pg[e.source()], &pg[e.target()]);
        let w = &e.weight;
        let mut pen = 1.0 + 4.0 * (w.weight as f64).ln() / (max as f64).ln();
        let mut layout = w.weight.to_string();
        if let Some(an) = scores {
            let ix = petgraph::graph::EdgeIndex::new(i);
            match an.weight() {
                Weight::Count => {}
                Weight::Documents => {
                    let top = max_strength.max(2.0);
                    pen = 1.0 + 4.0 * an.strength(ix).max(1.0).ln() / top.ln();
                    layout = w.documents.to_string();
                }
                _ => {
                    // Association measures: linear in the strength, layout weights 1 to 10.
                    let r = if max_strength > 0.0 {
                        an.strength(ix) / max_strength
                    } else {
                        0.0
                    };
                    pen = 0.5 + 4.5 * r;
                    layout = format!("{:.2}", 1.0 + 9.0 * r);
                }
            }
        }
        let mut tooltip = format!(
            "{} -- {}: {} in {}",
            a.name,
            b.name,
            plural(w.weight, "window", "windows"),
            plural(w.documents, "document", "documents"),
        );
        if let Some(ev) = w.evidence.first() {
            let snippet: String = ev.text.chars().take(SNIPPET).collect();
            let more = if snippet.len() < ev.text.len() {
                "…"
            } else {
                ""
            };
            tooltip.push_str(&format!(" | {}: {}{}", ev.doc, snippet, more));
        }
        Stmt::Edge(DotEdge {
            ty: EdgeTy::Pair(Vertex::N(node_id(&a.id)), Vertex::N(node_id(&b.id))),
            attributes: vec![
                attr("penwidth", plain(&format!("{:.2}", pen))),
                attr("weight", plain(&layout)),
                attr("tooltip", q(&tooltip)),
            ],
        })
    };
    stmts.par_extend(pg.raw_edges().par_iter().enumerate().map(edge_stmt));
    Graph::Graph {
        id: plain("nergraph"),
        strict: false,
        stmts,
    }
}

/// The DOT text of an entity graph, with a final newline.
///
/// # Example
/// ```
/// use nergraph::graph::{EntityGraph, GraphInfo};
/// let g = EntityGraph::new(GraphInfo::default());
/// assert!(nergraph::export::dot::to_string(&g).starts_with("graph nergraph {"));
/// ```
pub fn to_string(g: &EntityGraph) -> String {
    print(to_graph(g))
}

/// A score as short text: integers without decimals, others with up to 4 significant
/// decimals.
pub(crate) fn number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{:.4}", x)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Edge, GraphInfo, Node};

    /// `escape` copies runs of plain ASCII at once; this is what it does a character at a time.
    fn escape_by_chars(s: &str) -> String {
        let mut out = String::from('"');
        let mut last_space = false;
        for c in s.chars() {
            push_escaped(&mut out, c, &mut last_space);
        }
        out.push('"');
        out
    }

    #[test]
    fn escape_is_the_character_by_character_escape() {
        let cases = [
            "",
            "plain",
            "  two  spaces  ",
            "tab\tand\nnewline\r\n",
            "Say \"hi\" <b>&amp;</b> C:\\path",
            "S\u{e3}o Paulo\u{a0}\u{2019}s caf\u{e9} \u{1f600}",
            "\u{7f}del\u{1}ctl",
            "end with space ",
            "space then tab \t and tab then space\t x \u{a0} y",
            "\u{3000}ideographic\u{2003}em space",
        ];
        for s in cases {
            assert_eq!(escape(s), escape_by_chars(s), "{s:?}");
        }
    }

    /// A ring of `n` entities of three types, with quotes and non-ASCII in the names.
    fn ring(n: usize) -> EntityGraph {
        let mut g = EntityGraph::new(GraphInfo::default());
        let kinds = ["person", "organisation", "place"];
        let ids: Vec<_> = (0..n)
            .map(|i| {
                g.add_node(Node {
                    id: format!("e{}", i),
                    name: format!("Entité \"{}\"", i),
                    kind: kinds[i % 3].to_string(),
                    aliases: Vec::new(),
                    attributes: Default::default(),
                    mentions: i as u64 + 1,
                    documents: 1,
                    windows: 1,
                    forms: Vec::new(),
                })
                .unwrap()
            })
            .collect();
        for i in 0..n {
            let edge = Edge {
                weight: (i % 7) as u64 + 1,
                documents: 1,
                evidence: Vec::new(),
            };
            g.add_edge(ids[i], ids[(i + 1) % n], edge).unwrap();
        }
        g
    }

    #[test]
    fn printed_in_blocks_as_graphviz_rust_prints_it_whole() {
        // Empty, under one block, and several blocks with a part left over.
        for n in [0, 3, PRINT_BLOCK, 2 * PRINT_BLOCK + 17] {
            let g = ring(n);
            let whole = to_graph(&g).print(&mut PrinterContext::default()) + "\n";
            assert_eq!(to_string(&g), whole, "{} entities", n);
        }
    }
}
