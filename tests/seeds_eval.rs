//! Scores `nergraph mentions seeds/` against the gold mentions of the seed articles
//! (`tests/eval/seeds-gold.jsonl`, scored as `tests/eval/ANNOTATION.md` describes).
use std::collections::{HashMap, HashSet};

use serde_json::Value;

mod common;

#[derive(Clone, Debug)]
struct Span {
    doc: String,
    start: u64,
    end: u64,
    kind: String,
    entity: String,
    optional: bool,
}

fn basename(s: &str) -> String {
    s.rsplit('/').next().unwrap().to_string()
}

fn parse(line: &str) -> Span {
    let v: Value = serde_json::from_str(line).unwrap();
    Span {
        doc: basename(v["doc"].as_str().unwrap()),
        start: v["start"].as_u64().unwrap(),
        end: v["end"].as_u64().unwrap(),
        kind: v["type"].as_str().unwrap().to_string(),
        entity: v["entity"].as_str().unwrap().to_string(),
        optional: v["optional"].as_bool().unwrap_or(false),
    }
}

struct Scores {
    precision: f64,
    recall: f64,
    link_precision: f64,
    link_recall: f64,
    report: String,
}

fn score(gold: &[Span], pred: &[Span]) -> Scores {
    let mut report = String::new();
    let key = |s: &Span| (s.doc.clone(), s.start, s.end, s.kind.clone());
    let gold_map: HashMap<_, &Span> = gold
        .iter()
        .filter(|g| !g.optional)
        .map(|g| (key(g), g))
        .collect();
    let optional: Vec<&Span> = gold.iter().filter(|g| g.optional).collect();
    let mut tp = 0usize;
    let mut fp = 0usize;
    let mut matched: Vec<(&Span, &Span)> = Vec::new();
    let mut found = HashSet::new();
    for p in pred {
        if let Some(g) = gold_map.get(&key(p)) {
            tp += 1;
            found.insert(key(p));
            matched.push((p, g));
        } else if optional
            .iter()
            .any(|o| o.doc == p.doc && o.start < p.end && p.start < o.end)
        {
            continue;
        } else {
            fp += 1;
            report.push_str(&format!("FP {:?}\n", p));
        }
    }
    for g in gold.iter().filter(|g| !g.optional) {
        if !found.contains(&key(g)) {
            report.push_str(&format!("FN {:?}\n", g));
        }
    }
    let n_gold = gold_map.len();
    // Pairwise linking over the mentions found.
    let (mut both, mut same_pred, mut same_gold) = (0usize, 0usize, 0usize);
    for i in 0..matched.len() {
        for j in i + 1..matched.len() {
            let sp = matched[i].0.entity == matched[j].0.entity;
            let sg = matched[i].1.entity == matched[j].1.entity;
            same_pred += sp as usize;
            same_gold += sg as usize;
            both += (sp && sg) as usize;
            if sp != sg && report.len() < 20_000 {
                report.push_str(&format!(
                    "LINK {} {:?}/{:?} vs gold {:?}/{:?}\n",
                    if sp { "merged" } else { "split" },
                    matched[i].0.entity,
                    matched[j].0.entity,
                    matched[i].1.entity,
                    matched[j].1.entity
                ));
            }
        }
    }
    let div = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    Scores {
        precision: div(tp, tp + fp),
        recall: div(tp, n_gold),
        link_precision: div(both, same_pred),
        link_recall: div(both, same_gold),
        report,
    }
}

#[test]
fn seeds_against_gold() {
    let gold: Vec<Span> = std::fs::read_to_string("tests/eval/seeds-gold.jsonl")
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(parse)
        .collect();
    let stdout = common::ok(&common::nergraph(&["mentions", "seeds/"]));
    let pred: Vec<Span> = stdout.lines().map(parse).collect();
    let s = score(&gold, &pred);
    eprintln!("{}", s.report);
    eprintln!(
        "strict P={:.4} R={:.4}  linking P={:.4} R={:.4}",
        s.precision, s.recall, s.link_precision, s.link_recall
    );
    assert!(
        s.precision >= 0.97 && s.recall >= 0.97,
        "strict P={} R={}",
        s.precision,
        s.recall
    );
    assert!(
        s.link_precision >= 0.98 && s.link_recall >= 0.98,
        "linking P={} R={}",
        s.link_precision,
        s.link_recall
    );
}
