//! End-to-end tests of `nergraph path`, `ego`, `stats`, the weights, the backbone and the
//! export formats, each format loaded by a real reader:
//!
//! - GraphML and GEXF: networkx's `read_graphml` and `read_gexf` (node and edge counts, types,
//!   scores, colours);
//! - CSV: Python's `csv` module (Gephi's column names, counts);
//! - Cytoscape.js JSON: the `cytoscape` npm package in Node (installed with npm into
//!   `target/test-npm` on first use);
//! - HTML: headless Chromium (Debian's `chromium`): the page loads with no network, selecting
//!   an entity (`#select=ID`, and a real mouse click through the DevTools protocol) lists its links and their evidence, a
//!   `<script>` in a document shows as text, and a screenshot is taken.
//!
//! A reader that is missing skips its check with a note, unless `CI` is set, where the test
//! fails (`.ci/run` installs them all).
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

mod common;
use common::{available, build, nergraph, ok, ROOT};

fn path_str(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn python(script: &str, args: &[&str]) -> String {
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .expect("python3");
    ok(&out)
}

#[test]
fn path_from_trump_to_nebenzya_has_evidence() {
    let dir = build(&["seeds/"]);
    let graph = dir.path().join("graph.json");
    let out = ok(&nergraph(&[
        "path",
        path_str(&graph),
        "Donald Trump",
        "Vasily Nebenzya",
    ]));
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].starts_with("Donald Trump -> Vasily Nebenzya: "),
        "{}",
        out
    );
    let links: Vec<&&str> = lines.iter().filter(|l| l.contains(" -- ")).collect();
    assert!(!links.is_empty(), "{}", out);
    assert!(
        links[0].starts_with("1. Donald Trump (person) -- "),
        "{}",
        out
    );
    assert!(
        links
            .last()
            .unwrap()
            .contains("-- Vasily Nebenzya (person)"),
        "{}",
        out
    );
    // Every link has at least one piece of evidence, naming its document.
    for (k, l) in lines.iter().enumerate().skip(1) {
        if l.contains(" -- ") {
            assert!(lines[k + 1].trim_start().starts_with("seeds/"), "{}", out);
        }
    }
    // Every measure finds a chain; unknown names are errors naming the closest ones.
    for w in ["count", "documents", "pmi", "npmi", "jaccard"] {
        let out = ok(&nergraph(&[
            "path",
            path_str(&graph),
            "trump",
            "nebenzya",
            "--weight",
            w,
        ]));
        assert!(
            out.starts_with("Donald Trump -> Vasily Nebenzya"),
            "{}",
            out
        );
    }
    let bad = nergraph(&["path", path_str(&graph), "Donald Trum", "Russia"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("Donald Trump"));
}

#[test]
fn stats_rank_afghanistan_russia_and_isis_high() {
    let dir = build(&["seeds/"]);
    let graph = dir.path().join("graph.json");
    let out = ok(&nergraph(&["stats", path_str(&graph), "--top", "5"]));
    for title in [
        "by degree:",
        "by weighted degree:",
        "by PageRank:",
        "by betweenness:",
    ] {
        let start = out
            .find(title)
            .unwrap_or_else(|| panic!("{}\n{}", title, out));
        let block: Vec<&str> = out[start..].lines().skip(1).take(5).collect();
        for name in ["Afghanistan", "Russia", "Islamic State"] {
            assert!(
                block.iter().any(|l| l.contains(name)),
                "{} not in the top 5 {}\n{}",
                name,
                title,
                out
            );
        }
    }
    assert!(out.contains("communities (Louvain): "), "{}", out);
    // The scores are also in graph.json.
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&graph).unwrap()).unwrap();
    assert_eq!(v["graph"]["measure"], "count");
    let russia = v["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "russia")
        .unwrap();
    assert!(russia["scores"]["pagerank"].as_f64().unwrap() > 0.05);
    assert!(russia["windows"].as_u64().unwrap() > 0);
}

#[test]
fn ego_network_in_every_format() {
    let dir = build(&["seeds/"]);
    let graph = dir.path().join("graph.json");
    let g = path_str(&graph);
    let one: Value = serde_json::from_str(&ok(&nergraph(&["ego", g, "russia"]))).unwrap();
    let two: Value =
        serde_json::from_str(&ok(&nergraph(&["ego", g, "Russia", "--depth", "2"]))).unwrap();
    let full: Value = serde_json::from_str(&std::fs::read_to_string(&graph).unwrap()).unwrap();
    let count = |v: &Value, k: &str| v[k].as_array().unwrap().len();
    let russia_links = full["links"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["source"] == "russia" || l["target"] == "russia")
        .count();
    assert_eq!(count(&one, "nodes"), 1 + russia_links);
    assert!(count(&two, "nodes") > count(&one, "nodes"));
    assert!(count(&two, "nodes") <= count(&full, "nodes"));
    let cases: &[(&str, &str)] = &[
        ("dot", "graph nergraph {"),
        ("graphml", "<?xml"),
        ("gexf", "<?xml"),
        ("cytoscape", "{"),
    ];
    for &(format, start) in cases {
        let out = ok(&nergraph(&["ego", g, "russia", "--format", format]));
        assert!(
            out.starts_with(start),
            "{}: {}",
            format,
            &out[..80.min(out.len())]
        );
    }
    let csv = dir.path().join("ego-csv");
    ok(&nergraph(&[
        "ego",
        g,
        "russia",
        "--format",
        "csv",
        "--out",
        path_str(&csv),
    ]));
    let nodes = std::fs::read_to_string(csv.join("nodes.csv")).unwrap();
    assert_eq!(nodes.lines().count(), 1 + count(&one, "nodes"));
    // CSV to standard output is refused: it is two files.
    assert_eq!(
        nergraph(&["ego", g, "russia", "--format", "csv"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn weights_and_backbone_prune() {
    let all = build(&["seeds/"]);
    let edges = |d: &tempfile::TempDir| -> usize {
        let v: Value =
            serde_json::from_str(&std::fs::read_to_string(d.path().join("graph.json")).unwrap())
                .unwrap();
        v["links"].as_array().unwrap().len()
    };
    let n = edges(&all);
    let strict = build(&["seeds/", "--backbone", "0.05"]);
    let loose = build(&["seeds/", "--backbone", "0.5"]);
    assert!(
        edges(&strict) < edges(&loose),
        "{} {}",
        edges(&strict),
        edges(&loose)
    );
    assert!(edges(&loose) < n);
    let npmi = build(&["seeds/", "--weight", "npmi", "--min-value", "0.5"]);
    assert!(edges(&npmi) < n);
    let v: Value =
        serde_json::from_str(&std::fs::read_to_string(npmi.path().join("graph.json")).unwrap())
            .unwrap();
    assert_eq!(v["graph"]["measure"], "npmi");
    let bad = nergraph(&[
        "build",
        "--quiet",
        "--out",
        "/nonexistent/x",
        "--backbone",
        "2",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--backbone"));
}

const NETWORKX_CHECK: &str = r#"
import sys, json, networkx as nx
d = sys.argv[1]
ref = json.load(open(d + "/graph.json"))
n, m = len(ref["nodes"]), len(ref["links"])
scores = {x["id"]: x["scores"] for x in ref["nodes"]}
for name, g in [("graphml", nx.read_graphml(d + "/graph.graphml")),
                ("gexf", nx.read_gexf(d + "/graph.gexf"))]:
    assert g.number_of_nodes() == n and g.number_of_edges() == m, (name, g)
    assert not g.is_directed(), name
    for node, data in g.nodes(data=True):
        s = scores[node]
        assert data["type"] in ("person", "organisation", "place"), (name, data)
        for k in ("degree", "weighted_degree", "pagerank", "betweenness", "community"):
            assert abs(float(data[k]) - s[k]) < 1e-9, (name, node, k, data[k], s[k])
        assert data["degree"] == g.degree(node), (name, node)
    for a, b, data in g.edges(data=True):
        assert data["weight"] > 0 and data["count"] >= 1, (name, data)
russia = nx.read_gexf(d + "/graph.gexf").nodes["russia"]
assert russia["label"] == "Russia" and russia["viz"]["color"]["g"] == 223, russia
print("ok", n, m)
"#;

const CSV_CHECK: &str = r#"
import sys, csv, json
d = sys.argv[1]
ref = json.load(open(d + "/graph.json"))
nodes = list(csv.DictReader(open(d + "/nodes.csv", newline="", encoding="utf-8")))
edges = list(csv.DictReader(open(d + "/edges.csv", newline="", encoding="utf-8")))
assert len(nodes) == len(ref["nodes"]) and len(edges) == len(ref["links"])
for col in ("Id", "Label", "Type", "Degree", "Weighted Degree", "PageRank",
            "Betweenness Centrality", "Modularity Class"):
    assert col in nodes[0], col
for col in ("Source", "Target", "Type", "Weight"):
    assert col in edges[0], col
ids = {n["Id"] for n in nodes}
assert all(e["Source"] in ids and e["Target"] in ids and e["Type"] == "Undirected" for e in edges)
assert all(float(e["Weight"]) > 0 for e in edges)
print("ok")
"#;

// With `node -e`, the arguments start at process.argv[1].
const CYTOSCAPE_CHECK: &str = r#"
const cytoscape = require(process.argv[1]);
const data = JSON.parse(require("fs").readFileSync(process.argv[2], "utf8"));
const cy = cytoscape({ headless: true, elements: data.elements });
const ref = JSON.parse(require("fs").readFileSync(process.argv[3], "utf8"));
if (cy.nodes().length !== ref.nodes.length || cy.edges().length !== ref.links.length) {
  console.error("counts", cy.nodes().length, cy.edges().length); process.exit(1);
}
const r = cy.getElementById("russia");
if (r.degree() !== r.data("degree") || r.data("type") !== "place") { console.error("russia"); process.exit(1); }
console.log("ok", cy.nodes().length, cy.edges().length);
"#;

#[test]
fn formats_load_in_their_readers() {
    let dir = build(&["seeds/", "--formats", "graphml,gexf,csv,cytoscape"]);
    let d = path_str(dir.path());
    if available(
        "python3 with networkx",
        Command::new("python3").args(["-c", "import networkx"]),
    ) {
        assert!(python(NETWORKX_CHECK, &[d]).starts_with("ok"));
    }
    if available("python3", Command::new("python3").arg("--version")) {
        assert!(python(CSV_CHECK, &[d]).starts_with("ok"));
    }
    if available("node", Command::new("node").arg("--version"))
        && available("npm", Command::new("npm").arg("--version"))
    {
        let module = cytoscape_module();
        let out = Command::new("node")
            .args(["-e", CYTOSCAPE_CHECK, path_str(&module)])
            .arg(dir.path().join("graph.cyjs"))
            .arg(dir.path().join("graph.json"))
            .output()
            .unwrap();
        assert!(ok(&out).starts_with("ok"));
    }
}

/// The cytoscape npm package, installed into target/test-npm on first use.
fn cytoscape_module() -> PathBuf {
    let prefix = Path::new(ROOT).join("target/test-npm");
    let module = prefix.join("node_modules/cytoscape");
    if !module.join("package.json").exists() {
        std::fs::create_dir_all(&prefix).unwrap();
        let out = Command::new("npm")
            .args(["install", "--silent", "--no-audit", "--no-fund", "--prefix"])
            .arg(&prefix)
            .arg("cytoscape@3")
            .output()
            .expect("npm");
        ok(&out);
    }
    module
}

fn chromium(args: &[&str], url: &str) -> Output {
    let profile = tempfile::tempdir().unwrap();
    Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--virtual-time-budget=3000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(url)
        .output()
        .expect("chromium")
}

#[test]
fn html_page_selects_lists_evidence_and_escapes() {
    let docs = tempfile::tempdir().unwrap();
    std::fs::write(
        docs.path().join("evil.txt"),
        "Vladimir Putin met Xi Jinping in Moscow <script>document.title='pwned'</script> to \
         discuss Russia and China.\nRussia said <img src=x onerror=\"document.title='pwned'\"> \
         China & India were close.\n",
    )
    .unwrap();
    let dir = build(&[path_str(docs.path()), "--formats", "html"]);
    let page = dir.path().join("graph.html");
    let html = std::fs::read_to_string(&page).unwrap();
    // Self-contained: nothing is fetched.
    for needle in ["src=\"http", "href=\"http", "<link", "src=\"//"] {
        assert!(!html.contains(needle), "{}", needle);
    }
    assert!(!html.contains("<script>document.title"));
    assert!(!html.contains("<img src=x"));
    if !available("chromium", Command::new("chromium").arg("--version")) {
        return;
    }
    let url = format!("file://{}#select=russia", page.display());
    let dom = ok(&chromium(&["--dump-dom"], &url));
    assert!(
        dom.contains("<title>nergraph</title>"),
        "the title was changed"
    );
    assert!(!dom.contains("pwned</title>"));
    let panel = &dom[dom.find("<aside id=\"panel\">").expect("panel")..];
    assert!(
        panel.contains("<h2 id=\"name\">Russia</h2>"),
        "{}",
        &panel[..2000.min(panel.len())]
    );
    assert!(panel.contains("<button class=\"entity\">China</button>"));
    assert!(panel.contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;"));
    assert!(panel.contains("&lt;img src=x onerror="));
    // The node and its neighbours are highlighted in the drawing.
    assert!(dom.contains("class=\"node near chosen\""));
    assert!(dom.matches("class=\"edge near\"").count() >= 4);
    // A screenshot of the seeds page with an entity selected.
    let seeds = build(&["seeds/", "--formats", "html"]);
    let shot = seeds.path().join("shot.png");
    let url = format!(
        "file://{}#select=afghanistan",
        seeds.path().join("graph.html").display()
    );
    ok(&chromium(
        &[
            "--window-size=1400,900",
            &format!("--screenshot={}", shot.display()),
        ],
        &url,
    ));
    let png = std::fs::read(&shot).unwrap();
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 20_000,
        "{} bytes",
        png.len()
    );
}

/// A real click: headless Chromium driven through the DevTools protocol
/// (`tests/support/cdp_click.py`) presses and releases the mouse over the Russia node of the
/// seeds page; the page must select it, list its links with their evidence, and put it in the
/// address. A screenshot is saved next to the page.
#[test]
fn html_page_real_click() {
    if !available("chromium", Command::new("chromium").arg("--version"))
        || !available(
            "Python's websocket-client",
            Command::new("python3").args(["-c", "import websocket"]),
        )
    {
        return;
    }
    let dir = build(&["--formats", "html"]);
    let page = dir.path().join("graph.html");
    let shot = dir.path().join("click.png");
    let out = Command::new("python3")
        .arg(Path::new(ROOT).join("tests/support/cdp_click.py"))
        .arg(format!("file://{}", page.display()))
        .arg("russia")
        .arg(&shot)
        .output()
        .expect("python3");
    let state: Value = serde_json::from_str(&ok(&out)).expect("the page state as JSON");
    assert_eq!(state["chosen"], serde_json::json!(["russia"]), "{}", state);
    assert_eq!(state["name"], "Russia");
    assert_eq!(state["hash"], "#select=russia");
    assert!(state["links"].as_u64().unwrap() >= 10, "{}", state);
    assert!(state["evidence"].as_u64().unwrap() >= state["links"].as_u64().unwrap());
    let png = std::fs::read(&shot).unwrap();
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 10_000,
        "a real screenshot"
    );
}
