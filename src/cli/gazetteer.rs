//! `nergraph gazetteer check`.
use std::path::PathBuf;

use clap::{Args, Subcommand};
use nergraph::check::{self, Severity, WordList};
use nergraph::GazetteerBuilder;

#[derive(Subcommand, Debug)]
pub enum GazetteerCommand {
    /// Check gazetteers for duplicate ids, shared names (and which entity wins), names that
    /// are English words or too short, empty names, and names that normalise to the same
    /// string. Exits 0 when there are only warnings, 1 on errors.
    Check(CheckArgs),
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Gazetteer files or directories (with none, the bundled gazetteers).
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// A word list, one word a line, to find names that are English words.
    #[arg(long, value_name = "FILE", default_value = "/usr/share/dict/words")]
    words: PathBuf,
    /// Also list the names marked `ambiguous` (matched only in context), on purpose.
    #[arg(long)]
    list_ambiguous: bool,
    /// Print at most N findings (0: all).
    #[arg(long, value_name = "N", default_value_t = 0)]
    max: usize,
}

pub fn run(cmd: GazetteerCommand) -> nergraph::Result<i32> {
    let GazetteerCommand::Check(args) = cmd;
    let mut b = GazetteerBuilder::new().lenient(true);
    if args.paths.is_empty() {
        b = b.add_bundled()?;
    }
    for p in &args.paths {
        b = b.add_path(p)?;
    }
    let errors = b.take_errors();
    let gaz = b.build()?;
    let words = match WordList::from_path(&args.words) {
        Ok(w) => Some(w),
        Err(e) => {
            eprintln!(
                "nergraph: note: no word list at {} ({}); English-word checks skipped (Debian: apt-get install wamerican, or pass --words)",
                args.words.display(),
                e
            );
            None
        }
    };
    let findings = check::check(&gaz, &errors, words.as_ref());
    let n_err = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let n_warn = findings.len() - n_err;
    let limit = if args.max == 0 { usize::MAX } else { args.max };
    for f in findings.iter().take(limit) {
        println!("{}", f);
    }
    if findings.len() > limit {
        println!("… {} more (use --max 0 to see all)", findings.len() - limit);
    }
    let ambiguous: Vec<(&str, &str)> = gaz
        .entities()
        .iter()
        .flat_map(|e| e.ambiguous.iter().map(move |a| (e.id.as_str(), a.as_str())))
        .collect();
    if args.list_ambiguous {
        for (id, name) in &ambiguous {
            println!(
                "ambiguous on purpose: `{}` of `{}` (matched only in context)",
                name, id
            );
        }
    }
    println!(
        "{} entities, {} names in {} file(s): {} error(s), {} warning(s); {} name(s) marked ambiguous on purpose{}",
        gaz.len(),
        gaz.name_count(),
        gaz.files().len(),
        n_err,
        n_warn,
        ambiguous.len(),
        if args.list_ambiguous { "" } else { " (--list-ambiguous lists them)" }
    );
    Ok(if n_err > 0 { 1 } else { 0 })
}
