//! One self-contained HTML page: the Graphviz drawing of the graph, and beside it the links
//! of the entity you click, with the sentences that support them.
//!
//! - No network: the SVG, the data, the style and the script are all in the page.
//! - Clicking an entity highlights it and its neighbours and lists its links, strongest
//!   first, each with its evidence; clicking a listed name moves there. The selection is in
//!   the address (`graph.html#select=russia`), so a link can open the page on an entity.
//! - Every name and sentence is escaped: the data travels as JSON inside a
//!   `<script type="application/json">` with `<`, `>` and `&` written as `\u003c`, `\u003e`,
//!   `\u0026`, and the script puts text into the page with `textContent` only, so a document
//!   containing `<script>` shows as text.
//!
//! The SVG comes from Graphviz (`dot -Tsvg` of [`dot::to_string_scored`](super::dot)); this
//! module only assembles the page.

use petgraph::visit::EdgeRef;
use serde::Serialize;

use crate::analysis::Analysis;
use crate::graph::EntityGraph;

/// The page's data: a contract between this module and the page's script.
#[derive(Debug, Serialize)]
struct PageData<'a> {
    measure: String,
    nodes: Vec<PageNode<'a>>,
    links: Vec<PageLink<'a>>,
}

#[derive(Debug, Serialize)]
struct PageNode<'a> {
    id: &'a str,
    name: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    mentions: u64,
    documents: u64,
    degree: usize,
    weighted_degree: f64,
    pagerank: f64,
    betweenness: f64,
    community: usize,
}

#[derive(Debug, Serialize)]
struct PageLink<'a> {
    s: usize,
    t: usize,
    weight: f64,
    count: u64,
    documents: u64,
    evidence: Vec<PageEvidence<'a>>,
}

#[derive(Debug, Serialize)]
struct PageEvidence<'a> {
    doc: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
    text: &'a str,
}

/// Escapes text for HTML element content and attribute values.
///
/// # Example
/// ```
/// assert_eq!(
///     nergraph::export::html::escape("<script>\"x\" & 'y'"),
///     "&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;"
/// );
/// ```
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// JSON safe inside a `<script>` element: `<`, `>` and `&` (which JSON allows only inside
/// strings) as Unicode escapes, and the line separators JavaScript once disallowed.
fn script_json(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

/// The `<svg>` element of Graphviz's SVG output (without the XML declaration and doctype).
fn svg_element(svg: &str) -> &str {
    match svg.find("<svg") {
        Some(i) => svg[i..].trim_end(),
        None => "",
    }
}

/// The page of a graph with its scores and its SVG drawing (Graphviz's output for
/// [`dot::to_string_scored`](super::dot::to_string_scored)).
///
/// # Example
/// ```
/// use nergraph::analysis::{Analysis, Weight};
/// use nergraph::graph::{EntityGraph, GraphInfo};
/// let g = EntityGraph::new(GraphInfo::default());
/// let page = nergraph::export::html::to_string(&g, &Analysis::new(&g, Weight::Count), "<svg></svg>");
/// assert!(page.starts_with("<!DOCTYPE html>"));
/// ```
pub fn to_string(g: &EntityGraph, a: &Analysis, svg: &str) -> String {
    let pg = g.graph();
    let data = PageData {
        measure: a.weight().to_string(),
        nodes: pg
            .node_indices()
            .map(|i| {
                let (n, s) = (&pg[i], a.node(i));
                PageNode {
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
                }
            })
            .collect(),
        links: pg
            .edge_references()
            .map(|e| PageLink {
                s: e.source().index(),
                t: e.target().index(),
                weight: a.edge(e.id()),
                count: e.weight().weight,
                documents: e.weight().documents,
                evidence: e
                    .weight()
                    .evidence
                    .iter()
                    .map(|ev| PageEvidence {
                        doc: &ev.doc,
                        date: ev.date.as_deref(),
                        text: &ev.text,
                    })
                    .collect(),
            })
            .collect(),
    };
    let json = serde_json::to_string(&data).expect("serialising page data");
    let info = g.info();
    let summary = format!(
        "{} entities, {} links; {} window, {} documents; link weight: {}",
        pg.node_count(),
        pg.edge_count(),
        info.window,
        info.documents,
        a.weight()
    );
    let mut page = String::with_capacity(svg.len() + json.len() + 8192);
    page.push_str(HEAD);
    page.push_str("<header><h1>nergraph</h1><p id=\"summary\">");
    page.push_str(&escape(&summary));
    page.push_str("</p></header>\n<main>\n<div id=\"graph\">\n");
    page.push_str(svg_element(svg));
    page.push_str("\n</div>\n");
    page.push_str(PANEL);
    page.push_str("<script type=\"application/json\" id=\"nergraph-data\">");
    page.push_str(&script_json(&json));
    page.push_str("</script>\n<script>\n");
    page.push_str(SCRIPT);
    page.push_str("</script>\n</body>\n</html>\n");
    page
}

const HEAD: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>nergraph</title>
<style>
body { margin: 0; font: 14px/1.4 Helvetica, Arial, sans-serif; color: #222; }
header { padding: 6px 14px; border-bottom: 1px solid #ddd; display: flex; gap: 16px; align-items: baseline; }
header h1 { font-size: 18px; margin: 0; }
header p { margin: 0; color: #555; }
main { display: flex; height: calc(100vh - 44px); }
#graph { flex: 1; overflow: auto; }
#graph svg { max-width: 100%; height: auto; }
#graph g.node { cursor: pointer; }
#graph.selecting g.node, #graph.selecting g.edge { opacity: 0.15; }
#graph.selecting g.node.near, #graph.selecting g.edge.near, #graph.selecting g.keep { opacity: 1; }
#graph g.node.chosen polygon, #graph g.node.chosen ellipse, #graph g.node.chosen path { stroke: #d62728; stroke-width: 3; }
#graph g.edge.near path { stroke: #d62728; }
#panel { width: 380px; overflow: auto; border-left: 1px solid #ddd; padding: 8px 14px; }
#panel h2 { margin: 4px 0; font-size: 17px; }
#facts { color: #555; margin: 0 0 8px; }
#links { padding-left: 18px; }
#links > li { margin-bottom: 10px; }
#links button { font: inherit; font-weight: bold; background: none; border: 0; padding: 0; color: #1f5fa8; cursor: pointer; text-decoration: underline; }
.counts { color: #666; font-size: 12px; }
.evidence { margin: 4px 0 0; padding-left: 14px; list-style: disc; }
.evidence li { font-size: 13px; margin: 2px 0; }
.doc { color: #888; font-size: 11px; margin-right: 4px; }
</style>
</head>
<body>
"#;

const PANEL: &str = r#"<aside id="panel">
<p id="hint">Click an entity to see who it is linked to, and why.</p>
<div id="details" hidden>
<h2 id="name"></h2>
<p id="facts"></p>
<ol id="links"></ol>
</div>
</aside>
</main>
"#;

const SCRIPT: &str = r##"(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("nergraph-data").textContent);
  var byId = new Map();
  data.nodes.forEach(function (n, i) { byId.set(n.id, i); });
  var incident = data.nodes.map(function () { return []; });
  var edgeByEnds = new Map();
  data.links.forEach(function (l, k) {
    incident[l.s].push(k);
    incident[l.t].push(k);
    edgeByEnds.set(data.nodes[l.s].id + "--" + data.nodes[l.t].id, k);
    edgeByEnds.set(data.nodes[l.t].id + "--" + data.nodes[l.s].id, k);
  });
  var graph = document.getElementById("graph");
  var nodeEl = new Map(), edgeEl = new Map();
  graph.querySelectorAll("g.node").forEach(function (g) {
    var t = g.querySelector("title");
    var i = t ? byId.get(t.textContent) : undefined;
    if (i === undefined) { g.classList.add("keep"); return; }
    nodeEl.set(i, g);
    g.addEventListener("click", function (ev) { ev.preventDefault(); select(i); });
  });
  graph.querySelectorAll("g.edge").forEach(function (g) {
    var t = g.querySelector("title");
    var k = t ? edgeByEnds.get(t.textContent) : undefined;
    if (k !== undefined) edgeEl.set(k, g);
  });
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function fmt(x) { return Number.isInteger(x) ? String(x) : x.toFixed(4); }
  function select(i) {
    var n = data.nodes[i];
    graph.classList.add("selecting");
    graph.querySelectorAll(".near, .chosen").forEach(function (e) { e.classList.remove("near", "chosen"); });
    var links = incident[i].slice().sort(function (a, b) {
      return data.links[b].weight - data.links[a].weight || data.links[b].count - data.links[a].count;
    });
    var me = nodeEl.get(i);
    if (me) me.classList.add("near", "chosen");
    links.forEach(function (k) {
      var l = data.links[k], j = l.s === i ? l.t : l.s;
      if (nodeEl.get(j)) nodeEl.get(j).classList.add("near");
      if (edgeEl.get(k)) edgeEl.get(k).classList.add("near");
    });
    document.getElementById("hint").hidden = true;
    document.getElementById("details").hidden = false;
    document.getElementById("name").textContent = n.name;
    document.getElementById("facts").textContent =
      n.type + ", id " + n.id + ": " + n.mentions + " mentions in " + n.documents +
      " documents; degree " + n.degree + ", weighted degree " + fmt(n.weighted_degree) +
      ", PageRank " + n.pagerank.toFixed(4) + ", betweenness " + n.betweenness.toFixed(4) +
      ", community " + n.community;
    var list = document.getElementById("links");
    list.replaceChildren();
    links.forEach(function (k) {
      var l = data.links[k], j = l.s === i ? l.t : l.s;
      var li = el("li");
      var b = el("button", "entity", data.nodes[j].name);
      b.addEventListener("click", function () { location.hash = "select=" + encodeURIComponent(data.nodes[j].id); });
      li.appendChild(b);
      li.appendChild(el("span", "counts", " " + data.nodes[j].type + "; " + l.count + " windows in " +
        l.documents + " documents; " + data.measure + " " + fmt(l.weight)));
      var ev = el("ul", "evidence");
      l.evidence.forEach(function (e) {
        var item = el("li");
        item.appendChild(el("span", "doc", e.doc + (e.date ? " " + e.date : "")));
        item.appendChild(el("span", "text", e.text.replace(/\s+/g, " ").trim()));
        ev.appendChild(item);
      });
      li.appendChild(ev);
      list.appendChild(li);
    });
    var hash = "#select=" + encodeURIComponent(n.id);
    if (location.hash !== hash) history.replaceState(null, "", hash);
  }
  function fromHash() {
    var m = /^#select=(.*)$/.exec(location.hash);
    if (!m) return;
    var i = byId.get(decodeURIComponent(m[1]));
    if (i !== undefined) select(i);
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
"##;
