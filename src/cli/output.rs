//! Writing a graph with its scores in the export formats, and drawing it with Graphviz.
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use nergraph::analysis::{Analysis, Weight};
use nergraph::export::{csv, cytoscape, dot, gexf, graphml, html, json, Format};
use nergraph::graph::EntityGraph;
use nergraph::{atomic, Error};

/// An evidence window for a one-line listing: its date (after a space; empty without one) and
/// its text with every run of white space made one space.
pub fn evidence_line(ev: &nergraph::cooccur::Evidence) -> (String, String) {
    let date = ev
        .date
        .as_deref()
        .map(|d| format!(" {}", d))
        .unwrap_or_default();
    let text = ev.text.split_whitespace().collect::<Vec<_>>().join(" ");
    (date, text)
}

/// The `--weight` option's values, for clap.
pub fn parse_weight(s: &str) -> Result<Weight, String> {
    s.parse::<Weight>().map_err(|e| e.to_string())
}

/// The `--format` option's values, for clap.
pub fn parse_format(s: &str) -> Result<Format, String> {
    s.parse::<Format>().map_err(|e| e.to_string())
}

/// Draws DOT text as SVG with Graphviz's `dot`; `None` when `dot` is not on the PATH.
pub fn svg(dot_text: &str) -> nergraph::Result<Option<Vec<u8>>> {
    // Looked up first: trying to start a missing program costs a fork.
    let Ok(dot) = which::which("dot") else {
        return Ok(None);
    };
    let child = Command::new(dot)
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::usage(format!("cannot run `dot`: {}", e))),
    };
    let mut stdin = child.stdin.take().expect("piped");
    let text = dot_text.to_string();
    let feeder = std::thread::spawn(move || stdin.write_all(text.as_bytes()));
    let out = child
        .wait_with_output()
        .map_err(|e| Error::usage(format!("cannot run `dot`: {}", e)))?;
    let _ = feeder.join();
    for line in String::from_utf8_lossy(&out.stderr).lines() {
        if !line.trim().is_empty() {
            eprintln!("nergraph: dot: {}", line);
        }
    }
    if !out.status.success() {
        return Err(Error::usage(format!("`dot -Tsvg` failed ({})", out.status)));
    }
    Ok(Some(out.stdout))
}

fn need_svg(dot_text: &str, format: Format) -> nergraph::Result<Vec<u8>> {
    svg(dot_text)?.ok_or_else(|| {
        Error::usage(format!(
            "the {} format needs Graphviz's `dot`, which is not on the PATH (install Graphviz: \
             `apt-get install graphviz`, `brew install graphviz`, or \
             https://graphviz.org/download/)",
            format
        ))
    })
}

/// The bytes of a one-file format.
pub fn bytes(format: Format, g: &EntityGraph, a: &Analysis) -> nergraph::Result<Vec<u8>> {
    let mut v = Vec::new();
    match format {
        Format::Json => json::write_scored(g, a, &mut v)?,
        Format::Dot => v = dot::to_string_scored(g, a).into_bytes(),
        Format::Svg => v = need_svg(&dot::to_string_scored(g, a), format)?,
        Format::Graphml => graphml::write(g, a, &mut v)?,
        Format::Gexf => gexf::write(g, a, &mut v)?,
        Format::Cytoscape => cytoscape::write(g, a, &mut v)?,
        Format::Html => {
            let drawing = need_svg(&dot::to_string_scored(g, a), format)?;
            v = html::to_string(g, a, &String::from_utf8_lossy(&drawing)).into_bytes();
        }
        Format::Csv => {
            return Err(Error::usage(
                "the csv format is two files (nodes.csv, edges.csv): give a directory with --out",
            ))
        }
    }
    Ok(v)
}

/// Writes a format's files into `dir`, atomically, and returns their paths.
pub fn write_into(
    format: Format,
    g: &EntityGraph,
    a: &Analysis,
    dir: &Path,
) -> nergraph::Result<Vec<PathBuf>> {
    let staged = stage_into(format, g, a, dir)?;
    let paths = staged.iter().map(|s| s.path().to_path_buf()).collect();
    atomic::commit(staged)?;
    Ok(paths)
}

/// Writes a format's files into `dir` as [`atomic::Staged`] files, for
/// [`atomic::commit`] with the other outputs of the same run.
pub fn stage_into(
    format: Format,
    g: &EntityGraph,
    a: &Analysis,
    dir: &Path,
) -> nergraph::Result<Vec<atomic::Staged>> {
    let paths: Vec<PathBuf> = format.files().iter().map(|f| dir.join(f)).collect();
    Ok(match format {
        Format::Csv => vec![
            atomic::stage(&paths[0], |w| csv::write_nodes(g, a, w))?,
            atomic::stage(&paths[1], |w| csv::write_edges(g, a, w))?,
        ],
        _ => vec![atomic::stage_bytes(&paths[0], &bytes(format, g, a)?)?],
    })
}
