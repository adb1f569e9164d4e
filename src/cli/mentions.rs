//! `nergraph mentions`.
use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use nergraph::input::Source;
use serde::Serialize;

use super::GazetteerArgs;

#[derive(Args, Debug, Default)]
pub struct MentionsArgs {
    #[command(flatten)]
    gaz: GazetteerArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
    /// Files or directories (read recursively, in sorted order); `-` reads standard input.
    /// With none, the bundled sample articles.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
}

#[derive(ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Format {
    /// JSON Lines, one mention a line.
    #[default]
    Json,
    /// Tab-separated values with a header row, for people to read.
    Tsv,
}

/// One line of `nergraph mentions` output: a contract other programs read.
#[derive(Serialize)]
struct MentionOut<'a> {
    doc: &'a str,
    start: usize,
    end: usize,
    text: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    entity: &'a str,
    name: &'a str,
    sentence: usize,
}

pub fn run(args: MentionsArgs) -> nergraph::Result<i32> {
    use nergraph::pipeline::{Input, JsonlFields};
    let inputs: Vec<Input> = if args.paths.is_empty() {
        vec![Input::Bundled]
    } else {
        args.paths.iter().cloned().map(Input::Path).collect()
    };
    let (matcher, inputs) = args.gaz.matcher_for(
        inputs,
        &JsonlFields::default(),
        false,
        None,
        &mut super::Timings::default(),
    )?;
    let gaz = matcher.gazetteer();
    let sources: Vec<_> = inputs.iter().flat_map(Input::sources).collect();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.format == Format::Tsv {
        writeln!(out, "doc\tstart\tend\ttext\ttype\tentity\tname\tsentence")?;
    }
    let mut failed = 0;
    for src in sources {
        let doc = match src.and_then(|s: Source| s.read()) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("nergraph: error: {}", e);
                failed += 1;
                continue;
            }
        };
        if doc.is_binary() {
            eprintln!(
                "nergraph: warning: {}: looks binary (NUL bytes), skipped",
                doc.name
            );
            continue;
        }
        if doc.is_invalid_utf8() {
            eprintln!(
                "nergraph: warning: {}: not valid UTF-8; invalid bytes are read as U+FFFD",
                doc.name
            );
        }
        let annotated = matcher.annotate(&doc.bytes);
        for m in &annotated.mentions {
            let e = gaz.entity(m.entity);
            let text = String::from_utf8_lossy(&doc.bytes[m.start..m.end]);
            let rec = MentionOut {
                doc: &doc.name,
                start: m.start,
                end: m.end,
                text: &text,
                kind: &e.kind,
                entity: &e.id,
                name: &e.name,
                sentence: m.sentence,
            };
            match args.format {
                Format::Json => {
                    serde_json::to_writer(&mut out, &rec).map_err(std::io::Error::from)?;
                    writeln!(out)?;
                }
                Format::Tsv => {
                    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
                    writeln!(
                        out,
                        "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                        clean(rec.doc),
                        rec.start,
                        rec.end,
                        clean(rec.text),
                        rec.kind,
                        rec.entity,
                        clean(rec.name),
                        rec.sentence
                    )?;
                }
            }
        }
    }
    out.flush()?;
    if failed > 0 {
        eprintln!("nergraph: {} input(s) could not be read", failed);
        return Ok(1);
    }
    Ok(0)
}
