//! End-to-end tests of `nergraph build` and `nergraph neighbors`, running the built binary.
//!
//! Golden files live in `tests/golden/`; after an intended change of the output, regenerate
//! them with `NERGRAPH_BLESS=1 cargo test --release --test graph_cli` and review the diff.
//!
//! The Graphviz and networkx checks are skipped (with a note) when `dot` or Python's networkx
//! is missing, unless `CI` is set, where they must run (`.ci/run` installs both).
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

mod common;
use common::{build, nergraph_in as nergraph, ok, required, ROOT};

fn read(p: impl AsRef<Path>) -> String {
    std::fs::read_to_string(p.as_ref())
        .unwrap_or_else(|e| panic!("{}: {}", p.as_ref().display(), e))
}

/// The graph.json text with the nergraph version masked, so that a version bump does not
/// break the golden files.
fn mask_version(json: &str) -> String {
    json.lines()
        .map(|l| {
            if l.trim_start().starts_with("\"nergraph\": ") {
                "    \"nergraph\": \"VERSION\""
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn golden(name: &str, got: &str) {
    let path = Path::new(ROOT).join("tests/golden").join(name);
    if std::env::var_os("NERGRAPH_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, got).unwrap();
        return;
    }
    let want = read(&path);
    if want != got {
        let (w, g): (Vec<&str>, Vec<&str>) = (want.lines().collect(), got.lines().collect());
        let first = w
            .iter()
            .zip(&g)
            .position(|(a, b)| a != b)
            .unwrap_or(w.len().min(g.len()));
        panic!(
            "{} differs from the output at line {}:\n  want: {}\n  got:  {}\n\
             (if the change is intended: NERGRAPH_BLESS=1 cargo test --release --test graph_cli)",
            path.display(),
            first + 1,
            w.get(first).unwrap_or(&"<end>"),
            g.get(first).unwrap_or(&"<end>")
        );
    }
}

#[test]
fn golden_seeds_graph() {
    let dir = build(&["seeds/"]);
    golden(
        "seeds.graph.json",
        &mask_version(&read(dir.path().join("graph.json"))),
    );
    golden("seeds.graph.dot", &read(dir.path().join("graph.dot")));
}

#[test]
fn json_reads_back_losslessly() {
    let dir = build(&["seeds/", "--window", "tokens:12", "--evidence", "2"]);
    let path = dir.path().join("graph.json");
    let text = read(&path);
    let g = nergraph::export::json::read_path(&path).unwrap();
    assert!(g.graph().edge_count() > 0);
    // The file has the scores of the default weight; they are computed again on reading.
    let scores = nergraph::analysis::Analysis::new(&g, nergraph::analysis::Weight::Count);
    let mut again = Vec::new();
    nergraph::export::json::write_scored(&g, &scores, &mut again).unwrap();
    assert_eq!(String::from_utf8(again).unwrap(), text);
    // The evidence spans point into the documents.
    let v: Value = serde_json::from_str(&text).unwrap();
    for link in v["links"].as_array().unwrap() {
        for ev in link["evidence"].as_array().unwrap() {
            let doc = std::fs::read(Path::new(ROOT).join(ev["doc"].as_str().unwrap())).unwrap();
            let (s, e) = (
                ev["start"].as_u64().unwrap() as usize,
                ev["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(
                String::from_utf8_lossy(&doc[s..e]),
                ev["text"].as_str().unwrap()
            );
        }
    }
}

#[test]
fn dot_renders_without_warnings() {
    let dir = build(&["seeds/"]);
    let dot = dir.path().join("graph.dot");
    let out = match Command::new("dot").arg("-Tsvg").arg(&dot).output() {
        Ok(o) => o,
        Err(_) if !required("Graphviz's dot") => return,
        Err(e) => panic!("CI is set but `dot` cannot run: {}", e),
    };
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "",
        "dot printed warnings"
    );
    let svg = String::from_utf8(out.stdout).unwrap();
    assert!(svg.contains("<svg") && svg.contains("Afghanistan"));
    // build wrote the same picture.
    assert!(read(dir.path().join("graph.svg")).contains("<svg"));
}

#[test]
fn dot_escapes_hostile_names() {
    let dir = tempfile::tempdir().unwrap();
    let gaz = dir.path().join("hostile.tsv");
    std::fs::write(
        &gaz,
        "id\ttype\tname\taliases\n\
         q\tperson\tSay \"Quote\" Smith\tQuote Smith\n\
         b\torganisation\tBack\\\\slash <Corp> & Co\tBackslash Corp\n\
         u\tplace\tSão Tomé\t\n",
    )
    .unwrap();
    let doc = dir.path().join("doc.txt");
    std::fs::write(
        &doc,
        "Quote Smith met \"Backslash Corp\" <people> in São Tomé.\nQuote Smith \\n \"left\".\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    ok(&nergraph(
        &[
            "build",
            "--quiet",
            "--gazetteer",
            gaz.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            doc.to_str().unwrap(),
        ],
        dir.path(),
    ));
    let dot = read(out.join("graph.dot"));
    assert!(dot.is_ascii(), "DOT is not ASCII");
    assert!(dot.contains("S&#227;o Tom&#233;"));
    assert!(dot.contains("Say &quot;Quote&quot; Smith"));
    assert!(
        graphviz_rust::parse(&dot).is_ok(),
        "graphviz-rust cannot parse it back"
    );
    if let Ok(o) = Command::new("dot")
        .arg("-Tsvg")
        .arg(out.join("graph.dot"))
        .output()
    {
        assert!(o.status.success());
        assert_eq!(String::from_utf8_lossy(&o.stderr), "");
        assert!(String::from_utf8_lossy(&o.stdout).contains("São Tomé"));
    }
}

#[test]
fn networkx_loads_the_json() {
    let dir = build(&["seeds/"]);
    let path = dir.path().join("graph.json");
    let v: Value = serde_json::from_str(&read(&path)).unwrap();
    let script = "import json, sys, networkx as nx\n\
                  g = nx.node_link_graph(json.load(open(sys.argv[1])), edges='links')\n\
                  print(g.number_of_nodes(), g.number_of_edges(), g.is_directed())\n";
    let out = Command::new("python3")
        .args(["-c", script, path.to_str().unwrap()])
        .output();
    let out = match out {
        Ok(o) if o.status.success() => o,
        Ok(o) if !required("Python's networkx") => {
            eprintln!("{}", String::from_utf8_lossy(&o.stderr));
            return;
        }
        Err(_) if !required("python3") => return,
        other => panic!("CI is set but networkx cannot load the graph: {:?}", other),
    };
    let want = format!(
        "{} {} False",
        v["nodes"].as_array().unwrap().len(),
        v["links"].as_array().unwrap().len()
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), want);
}

/// A corpus of `n` documents made of the seed articles' lines in shifting orders.
fn corpus(dir: &Path, n: usize) -> PathBuf {
    let mut lines: Vec<String> = Vec::new();
    for e in std::fs::read_dir(Path::new(ROOT).join("seeds")).unwrap() {
        let text = read(e.unwrap().path());
        lines.extend(text.lines().filter(|l| l.len() > 20).map(str::to_string));
    }
    lines.sort();
    let root = dir.join("corpus");
    for i in 0..n {
        let sub = root.join(format!("d{}", i % 7));
        std::fs::create_dir_all(&sub).unwrap();
        let doc: Vec<&str> = (0..8)
            .map(|k| lines[(i * 5 + k * 11) % lines.len()].as_str())
            .collect();
        std::fs::write(sub.join(format!("{:04}.txt", i)), doc.join("\n")).unwrap();
    }
    root
}

#[test]
fn jobs_do_not_change_the_graph() {
    let dir = tempfile::tempdir().unwrap();
    let root = corpus(dir.path(), 120);
    let root = root.to_str().unwrap();
    for window in ["sentence", "document", "tokens:8"] {
        let one = build(&[root, "--jobs", "1", "--window", window, "--evidence", "3"]);
        let four = build(&[root, "--jobs", "4", "--window", window, "--evidence", "3"]);
        let (a, b) = (
            read(one.path().join("graph.json")),
            read(four.path().join("graph.json")),
        );
        assert!(a == b, "--jobs 1 and --jobs 4 differ ({} window)", window);
        assert_eq!(
            read(one.path().join("graph.dot")),
            read(four.path().join("graph.dot"))
        );
    }
}

#[test]
fn jsonl_input_with_a_malformed_line() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("news.jsonl");
    let mut lines = Vec::new();
    for (i, e) in std::fs::read_dir(Path::new(ROOT).join("seeds"))
        .unwrap()
        .enumerate()
    {
        let text = read(e.unwrap().path());
        lines.push(serde_json::json!({"uid": format!("a{}", i), "body": text, "day": "2024-05-0".to_string() + &i.to_string()}).to_string());
    }
    lines.insert(2, "{\"uid\": \"broken\", \"body\": ".to_string());
    lines.insert(4, "".to_string());
    std::fs::write(&archive, lines.join("\n") + "\n").unwrap();
    let out = dir.path().join("out");
    let run = nergraph(
        &[
            "build",
            "--jsonl",
            archive.to_str().unwrap(),
            "--text-field",
            "body",
            "--id-field",
            "uid",
            "--date-field",
            "day",
            "--out",
            out.to_str().unwrap(),
        ],
        dir.path(),
    );
    let stdout = ok(&run);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("news.jsonl:3: invalid JSON"),
        "no warning naming the line: {}",
        stderr
    );
    assert!(stdout.contains("5 documents"), "{}", stdout);
    let v: Value = serde_json::from_str(&read(out.join("graph.json"))).unwrap();
    let ev = &v["links"][0]["evidence"][0];
    assert!(ev["doc"].as_str().unwrap().starts_with('a'));
    assert!(ev["date"].as_str().unwrap().starts_with("2024-05-0"));
}

#[test]
fn bad_inputs_are_reported_and_the_rest_processed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("blob.bin"), b"Russia\0\0\x01 and China").unwrap();
    let out = dir.path().join("out");
    let run = nergraph(
        &[
            "build",
            "--quiet",
            "--out",
            out.to_str().unwrap(),
            dir.path().join("blob.bin").to_str().unwrap(),
            dir.path().join("missing.txt").to_str().unwrap(),
            &format!("{}/seeds/000_2b1621a79f8fc441.txt", ROOT),
        ],
        dir.path(),
    );
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{}", stderr);
    assert!(stderr.contains("blob.bin: looks binary"), "{}", stderr);
    assert!(stderr.contains("missing.txt"), "{}", stderr);
    let v: Value = serde_json::from_str(&read(out.join("graph.json"))).unwrap();
    assert_eq!(v["graph"]["documents"], 1);
}

#[test]
fn window_cap_warns_once() {
    let dir = tempfile::tempdir().unwrap();
    let names = [
        "Russia", "China", "India", "Iran", "Syria", "Iraq", "Pakistan", "Moscow",
    ];
    let line = names.join(", ");
    std::fs::write(
        dir.path().join("list.txt"),
        format!("{}.\n{}.\n", line, line),
    )
    .unwrap();
    let out = dir.path().join("out");
    let run = nergraph(
        &[
            "build",
            "--quiet",
            "--max-window-entities",
            "4",
            "--out",
            out.to_str().unwrap(),
            "list.txt",
        ],
        dir.path(),
    );
    ok(&run);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(
        stderr.matches("more than 4 entities").count(),
        1,
        "{}",
        stderr
    );
    let v: Value = serde_json::from_str(&read(out.join("graph.json"))).unwrap();
    assert_eq!(v["links"].as_array().unwrap().len(), 6);
    assert_eq!(v["nodes"].as_array().unwrap().len(), 8);
}

#[test]
fn filters_apply() {
    let all = build(&["seeds/"]);
    let some = build(&[
        "seeds/",
        "--min-weight",
        "2",
        "--types",
        "place,organisation",
        "--exclude",
        "afghanistan",
        "--top",
        "6",
    ]);
    let v: Value = serde_json::from_str(&read(some.path().join("graph.json"))).unwrap();
    let nodes = v["nodes"].as_array().unwrap();
    assert_eq!(nodes.len(), 6);
    assert!(nodes
        .iter()
        .all(|n| n["type"] != "person" && n["id"] != "afghanistan"));
    assert!(v["links"]
        .as_array()
        .unwrap()
        .iter()
        .all(|l| l["weight"].as_u64().unwrap() >= 2));
    let w: Value = serde_json::from_str(&read(all.path().join("graph.json"))).unwrap();
    assert!(w["nodes"].as_array().unwrap().len() > 6);
}

#[test]
fn neighbors_lists_the_strongest_first() {
    let dir = build(&["seeds/"]);
    let graph = dir.path().join("graph.json");
    let graph = graph.to_str().unwrap();
    let stdout = ok(&nergraph(
        &["neighbors", graph, "NEBENZYA", "--evidence"],
        Path::new(ROOT),
    ));
    let first = stdout.lines().next().unwrap();
    assert!(
        first.starts_with("Vasily Nebenzya (person, id vasily-nebenzya)"),
        "{}",
        stdout
    );
    let weights: Vec<u64> = stdout
        .lines()
        .skip(2)
        .filter(|l| !l.starts_with("               "))
        .filter_map(|l| l.split_whitespace().next()?.parse().ok())
        .collect();
    assert!(!weights.is_empty());
    assert!(weights.windows(2).all(|w| w[0] >= w[1]), "{}", stdout);
    assert!(
        stdout.contains("seeds/000_2b1621a79f8fc441.txt #"),
        "{}",
        stdout
    );

    let bad = nergraph(&["neighbors", graph, "Afganistan"], Path::new(ROOT));
    assert!(!bad.status.success());
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(
        stderr.contains("no entity named `Afganistan`") && stderr.contains("Afghanistan"),
        "{}",
        stderr
    );
}

#[test]
fn no_command_builds_the_bundled_seeds_into_out() {
    let dir = tempfile::tempdir().unwrap();
    let stdout = ok(&nergraph(&[], dir.path()));
    assert!(stdout.contains("5 documents"), "{}", stdout);
    assert!(stdout.contains("top entities"), "{}", stdout);
    for f in ["graph.json", "graph.dot"] {
        assert!(dir.path().join("out").join(f).is_file(), "{} missing", f);
    }
    // Only the outputs: no temporary files left behind.
    let names: BTreeSet<String> = std::fs::read_dir(dir.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| n.starts_with("graph.")), "{:?}", names);
}

/// Gold spans of one document: (start, end, entity) of the non-optional mentions, and all
/// spans.
struct Gold {
    spans: HashMap<(String, u64, u64), String>,
    line_sets: Vec<BTreeSet<String>>,
}

fn gold() -> Gold {
    let mut spans = HashMap::new();
    let mut per_line: BTreeMap<(String, usize), BTreeSet<String>> = BTreeMap::new();
    for l in read(Path::new(ROOT).join("tests/eval/seeds-gold.jsonl")).lines() {
        if l.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(l).unwrap();
        if v["optional"].as_bool().unwrap_or(false) {
            continue;
        }
        let doc = doc_name(&v);
        let (s, e) = (v["start"].as_u64().unwrap(), v["end"].as_u64().unwrap());
        let entity = v["entity"].as_str().unwrap().to_string();
        let text = std::fs::read(Path::new(ROOT).join("seeds").join(&doc)).unwrap();
        let line = text[..s as usize].iter().filter(|&&b| b == b'\n').count();
        per_line
            .entry((doc.clone(), line))
            .or_default()
            .insert(entity.clone());
        spans.insert((doc, s, e), entity);
    }
    Gold {
        spans,
        line_sets: per_line.into_values().collect(),
    }
}

/// The file name of a mention's `doc` (the gold names files without their folder).
fn doc_name(v: &Value) -> String {
    let doc = v["doc"].as_str().unwrap();
    doc.rsplit('/').next().unwrap().to_string()
}

#[test]
fn paragraph_edges_agree_with_the_gold() {
    let gold = gold();
    // Map graph entities to gold entities through the mentions that match gold spans.
    let mentions = ok(&nergraph(&["mentions", "seeds/"], Path::new(ROOT)));
    let mut votes: HashMap<String, BTreeMap<String, usize>> = HashMap::new();
    for l in mentions.lines() {
        let v: Value = serde_json::from_str(l).unwrap();
        let doc = doc_name(&v);
        let key = (
            doc,
            v["start"].as_u64().unwrap(),
            v["end"].as_u64().unwrap(),
        );
        if let Some(g) = gold.spans.get(&key) {
            *votes
                .entry(v["entity"].as_str().unwrap().to_string())
                .or_default()
                .entry(g.clone())
                .or_default() += 1;
        }
    }
    let to_gold: HashMap<String, String> = votes
        .into_iter()
        .map(|(k, v)| (k, v.into_iter().max_by_key(|(_, n)| *n).unwrap().0))
        .collect();
    let mapped: BTreeSet<&String> = to_gold.values().collect();

    let mut want: BTreeSet<(String, String)> = BTreeSet::new();
    for set in &gold.line_sets {
        let set: Vec<&String> = set.iter().filter(|e| mapped.contains(e)).collect();
        for (i, a) in set.iter().enumerate() {
            for b in &set[i + 1..] {
                want.insert(((*a).clone(), (*b).clone()));
            }
        }
    }
    let dir = build(&["seeds/", "--window", "paragraph"]);
    let v: Value = serde_json::from_str(&read(dir.path().join("graph.json"))).unwrap();
    let mut got: BTreeSet<(String, String)> = BTreeSet::new();
    for link in v["links"].as_array().unwrap() {
        let (s, t) = (
            link["source"].as_str().unwrap(),
            link["target"].as_str().unwrap(),
        );
        if let (Some(a), Some(b)) = (to_gold.get(s), to_gold.get(t)) {
            if a != b {
                got.insert((a.min(b).clone(), a.max(b).clone()));
            }
        }
    }
    let missing: Vec<_> = want.difference(&got).collect();
    let extra: Vec<_> = got.difference(&want).collect();
    eprintln!(
        "gold pairs {}, graph pairs {}, missing {}, extra {}",
        want.len(),
        got.len(),
        missing.len(),
        extra.len()
    );
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing: {:?}\nextra: {:?}",
        missing,
        extra
    );
}

#[test]
fn timings_name_every_step() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let run = nergraph(
        &["build", "--quiet", "--timings", "--out", out, "seeds/"],
        Path::new(ROOT),
    );
    ok(&run);
    let err = String::from_utf8_lossy(&run.stderr);
    let line = err
        .lines()
        .find(|l| l.starts_with("nergraph: timings: "))
        .unwrap_or_else(|| panic!("no timings line in {:?}", err));
    for step in [
        "gazetteers ",
        "vocabulary pre-pass ",
        "matcher ",
        "patterns)",
        "documents ",
        "outputs ",
        "total ",
    ] {
        assert!(line.contains(step), "{:?} lacks {:?}", line, step);
    }
}
