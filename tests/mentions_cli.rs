//! End-to-end tests of `nergraph mentions` and `nergraph gazetteer check`, running the built
//! binary on inputs made in a temporary directory: the JSON Lines contract, awkward inputs
//! (byte-order mark, CRLF, empty and non-UTF-8 files, standard input, unreadable paths), bad
//! gazetteers (errors name file and line), and the checker's exit status.

use serde_json::Value;

mod common;
use common::{nergraph, nergraph_in, nergraph_with_input, ok};

fn lines(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

#[test]
fn json_lines_contract() {
    let out = ok(&nergraph(&["mentions", "seeds/001_8fbf7b8233b0c918.txt"]));
    let first = &lines(&out)[0];
    // The fields, in this order (serde_json's Value would sort them: read the raw line).
    let raw = out.lines().next().unwrap();
    let keys = [
        "doc", "start", "end", "text", "type", "entity", "name", "sentence",
    ];
    let at: Vec<usize> = keys
        .iter()
        .map(|k| raw.find(&format!("\"{}\":", k)).expect(k))
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{}", raw);
    assert_eq!(first.as_object().unwrap().len(), keys.len());
    assert_eq!(first["doc"], "seeds/001_8fbf7b8233b0c918.txt");
    assert_eq!(first["text"], "IS-K");
    assert_eq!(first["entity"], "isis-k");
    assert_eq!(
        (first["start"].as_u64(), first["end"].as_u64()),
        (Some(0), Some(4))
    );
}

#[test]
fn awkward_inputs_are_read_with_offsets_into_the_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    // A byte-order mark and CRLF line ends.
    std::fs::write(
        p.join("a-bom.txt"),
        "\u{feff}Kabul talks\r\nRussia\u{2019}s envoy met the UN.\r\n",
    )
    .unwrap();
    std::fs::write(p.join("b-empty.txt"), "").unwrap();
    // Not UTF-8: Latin-1 bytes around a name.
    std::fs::write(p.join("c-latin1.txt"), b"Caf\xe9 in Moscow \xff.\n").unwrap();
    let out = nergraph_in(&["mentions", "."], p);
    let stdout = ok(&out);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let got: Vec<(String, u64, u64, String)> = lines(&stdout)
        .iter()
        .map(|v| {
            (
                v["doc"].as_str().unwrap().to_string(),
                v["start"].as_u64().unwrap(),
                v["end"].as_u64().unwrap(),
                v["text"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want = [
        ("./a-bom.txt", 3, 8, "Kabul"),
        ("./a-bom.txt", 16, 22, "Russia"),
        ("./a-bom.txt", 41, 43, "UN"),
        ("./c-latin1.txt", 8, 14, "Moscow"),
    ];
    let want: Vec<(String, u64, u64, String)> = want
        .iter()
        .map(|(d, s, e, t)| (d.to_string(), *s, *e, t.to_string()))
        .collect();
    assert_eq!(got, want);
    // Sentence indices: the headline line, then the body.
    assert_eq!(lines(&stdout)[1]["sentence"], 1);
    assert!(
        stderr.contains("c-latin1.txt: not valid UTF-8"),
        "{}",
        stderr
    );
    assert_eq!(stderr.matches("not valid UTF-8").count(), 1, "{}", stderr);
}

#[test]
fn standard_input_and_tsv() {
    let out = nergraph_with_input(
        &["mentions", "--format", "tsv", "-"],
        "Vasily Nebenzya spoke. Later Nebenzya left for Kabul.",
    );
    let text = ok(&out);
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(
        rows[0],
        ["doc", "start", "end", "text", "type", "entity", "name", "sentence"]
    );
    assert_eq!(rows[1][..4], ["-", "0", "15", "Vasily Nebenzya"]);
    assert_eq!(rows[2][3..6], ["Nebenzya", "person", "vasily-nebenzya"]);
    assert_eq!(rows[2][7], "1");
    assert_eq!(rows[3][5], "kabul");
}

#[test]
fn unreadable_path_is_named_and_the_rest_is_processed() {
    let out = nergraph(&[
        "mentions",
        "no/such/file.txt",
        "seeds/000_2b1621a79f8fc441.txt",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no/such/file.txt"), "{}", stderr);
    assert!(!lines(&String::from_utf8_lossy(&out.stdout)).is_empty());
}

#[test]
fn bad_gazetteers_name_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "id\tname\nx\tX\n",
            "bad.tsv:1: header row lacks required column type",
        ),
        (
            "id\ttype\tname\nx\tplace\tX\nx\tplace\tY\n",
            "bad.tsv:3: duplicate id `x` (first defined at",
        ),
        (
            "id\ttype\tname\nx\tplace\n",
            "bad.tsv:2: expected 3 tab-separated fields",
        ),
        (
            "id\ttype\tname\nx\tplace\t  \n",
            "bad.tsv:2: entity `x` has an empty name",
        ),
    ];
    for (tsv, want) in cases {
        let path = dir.path().join("bad.tsv");
        std::fs::write(&path, tsv).unwrap();
        let out = nergraph(&["mentions", "-g", path.to_str().unwrap(), "seeds/"]);
        assert_eq!(out.status.code(), Some(2), "{:?}", tsv);
        assert!(
            out.stdout.is_empty(),
            "nothing is written on a bad gazetteer"
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(want), "{:?}: {}", tsv, stderr);
    }
}

#[test]
fn gazetteer_check_exit_status() {
    // The bundled gazetteers: no error.
    let out = nergraph(&["gazetteer", "check"]);
    let text = ok(&out);
    assert!(text.contains(" 0 error(s)"), "{}", text);
    // A gazetteer with errors and warnings: all reported with file and line, exit 1.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.tsv");
    std::fs::write(
        &path,
        "id\ttype\tname\taliases\na\tplace\tKabul\tKābul\nb\tplace\tKabul City\tKabul\na\tplace\tDup\t\n",
    )
    .unwrap();
    let out = nergraph(&["gazetteer", "check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("g.tsv:4: error: duplicate id `a`"),
        "{}",
        text
    );
    assert!(
        text.contains("g.tsv:3: warning: name `Kabul` of `b` is also claimed by `a`"),
        "{}",
        text
    );
    assert!(
        text.contains("g.tsv:2: warning: names `Kabul` and `Kābul` of `a` normalise"),
        "{}",
        text
    );
}

/// Regression: a pipe has no size, so it must never be read ahead (for the matcher's
/// vocabulary) and then found empty: `--jsonl /dev/stdin` and `mentions /dev/stdin` keep
/// every document.
#[test]
fn pipes_are_read_once() {
    let text = "Vasily Nebenzya met Sergei Lavrov in Moscow.";
    let out = ok(&nergraph_with_input(&["mentions", "/dev/stdin"], text));
    assert_eq!(lines(&out).len(), 3, "{}", out);
    let dir = tempfile::tempdir().unwrap();
    let jsonl = format!("{}\n", serde_json::json!({"id": "a", "text": text}));
    let out_dir = dir.path().to_str().unwrap();
    ok(&nergraph_with_input(
        &[
            "build",
            "--quiet",
            "--out",
            out_dir,
            "--jsonl",
            "/dev/stdin",
        ],
        &jsonl,
    ));
    let graph: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("graph.json")).unwrap())
            .unwrap();
    assert_eq!(graph["nodes"].as_array().unwrap().len(), 3);
    assert_eq!(graph["links"].as_array().unwrap().len(), 3);
}
