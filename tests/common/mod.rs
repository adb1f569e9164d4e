//! Helpers shared by the end-to-end tests: run the built binary, check its exit status, build
//! a graph into a fresh directory, and decide what to do when an outside tool is missing.
#![allow(dead_code)]
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// The repository root (tests run the binary from here unless told otherwise).
pub const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Runs `nergraph ARGS…` in `cwd`.
pub fn nergraph_in(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nergraph"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run nergraph")
}

/// Runs `nergraph ARGS…` in the repository root.
pub fn nergraph(args: &[&str]) -> Output {
    nergraph_in(args, Path::new(ROOT))
}

/// Runs `nergraph ARGS…` in the repository root with `input` on its standard input.
pub fn nergraph_with_input(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_nergraph"))
        .args(args)
        .current_dir(ROOT)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run nergraph");
    child
        .stdin
        .take()
        .expect("piped")
        .write_all(input.as_bytes())
        .expect("write standard input");
    child.wait_with_output().expect("run nergraph")
}

/// The standard output of a run that must have succeeded (the message shows both streams).
pub fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}\nstdout:\n{}\nstderr:\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Builds the graph (`nergraph build --quiet` with `extra` arguments) into a fresh directory.
pub fn build(extra: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap().to_string();
    let mut args = vec!["build", "--quiet", "--out", &out];
    args.extend_from_slice(extra);
    ok(&nergraph(&args));
    dir
}

/// Called when an outside tool (Graphviz, Python, Node, Chromium) is missing: under CI (which
/// installs them all) that fails the test; otherwise the check is skipped with a note.
pub fn required(tool: &str) -> bool {
    if std::env::var_os("CI").is_some() {
        panic!("{} is required when CI is set (.ci/run installs it)", tool);
    }
    eprintln!("note: {} not available and CI not set: check skipped", tool);
    false
}

/// Whether a tool answers `check` successfully; if not, see [`required`].
pub fn available(tool: &str, check: &mut Command) -> bool {
    let there = check.output().map(|o| o.status.success()).unwrap_or(false);
    there || required(tool)
}
