//! Inputs: the documents a run reads.
//!
//! Paths are files, directories (read recursively, in sorted order, hidden entries skipped) or
//! `-` for standard input. Documents are read one at a time, so a corpus is never held in
//! memory whole.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Where a document comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// A file.
    File(PathBuf),
    /// Standard input.
    Stdin,
    /// One of the sample articles bundled with nergraph.
    Bundled(&'static str, &'static [u8]),
}

impl Source {
    /// The document's name as the outputs show it: the path as given (directories joined with
    /// the file's relative path), `-` for standard input, `seeds/NAME` for bundled articles.
    pub fn name(&self) -> String {
        match self {
            Source::File(p) => p.display().to_string(),
            Source::Stdin => "-".to_string(),
            Source::Bundled(n, _) => format!("seeds/{}", n),
        }
    }

    /// Reads the document.
    pub fn read(&self) -> Result<Document> {
        let bytes = match self {
            Source::File(p) => std::fs::read(p).map_err(|e| Error::io(e).with_path(p))?,
            Source::Stdin => {
                let mut v = Vec::new();
                std::io::stdin()
                    .lock()
                    .read_to_end(&mut v)
                    .map_err(|e| Error::io(e).with_path("-"))?;
                v
            }
            Source::Bundled(_, b) => b.to_vec(),
        };
        Ok(Document {
            name: self.name(),
            bytes,
        })
    }
}

/// A document: a name and its bytes (which may be invalid UTF-8).
#[derive(Clone, Debug)]
pub struct Document {
    /// The name outputs use for it.
    pub name: String,
    /// The contents.
    pub bytes: Vec<u8>,
}

impl Document {
    /// Whether the bytes are not valid UTF-8 (they are still read; invalid bytes become `?`
    /// for matching, and offsets still index these bytes).
    pub fn is_invalid_utf8(&self) -> bool {
        std::str::from_utf8(&self.bytes).is_err()
    }

    /// Whether the document looks binary (a NUL byte in its first 8 KiB).
    pub fn is_binary(&self) -> bool {
        self.bytes.iter().take(8192).any(|&b| b == 0)
    }
}

/// The bundled sample articles (`seeds/` of the source tree).
pub fn bundled_seeds() -> Vec<Source> {
    crate::bundled::SEEDS
        .iter()
        .map(|(n, b)| Source::Bundled(n, b))
        .collect()
}

/// Expands paths into document sources, in order; directories are walked recursively in
/// sorted order. Paths that cannot be read come back as errors in their place, so the other
/// inputs can still be processed.
pub fn expand(paths: &[PathBuf]) -> Vec<Result<Source>> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Ok(Source::Stdin));
            continue;
        }
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => walk(p, &mut |f| out.push(f.map(Source::File))),
            Ok(_) => out.push(Ok(Source::File(p.clone()))),
            Err(e) => out.push(Err(Error::io(e).with_path(p))),
        }
    }
    out
}

/// The files of a directory, walked recursively in sorted order as [`expand`] walks it; `None`
/// if the walk meets an error.
pub fn files_of(dir: &Path) -> Option<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut failed = false;
    walk(dir, &mut |f| match f {
        Ok(f) if !failed => files.push(f),
        _ => failed = true,
    });
    (!failed).then_some(files)
}

/// Walks a directory, giving each file (or error) to `out` in order.
fn walk(dir: &Path, out: &mut dyn FnMut(Result<PathBuf>)) {
    let rd = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            out(Err(Error::io(e).with_path(dir)));
            return;
        }
    };
    let mut entries: Vec<std::fs::DirEntry> = rd.filter_map(|e| e.ok()).collect();
    // Entries of one directory: by name is by path (the key made once, not per comparison).
    entries.sort_by_cached_key(std::fs::DirEntry::file_name);
    for e in entries {
        if e.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let p = e.path();
        // The type as the directory lists it (no stat); a link is followed.
        let kind = match e.file_type() {
            Ok(t) if t.is_symlink() => std::fs::metadata(&p).map(|m| m.file_type()),
            other => other,
        };
        match kind {
            Ok(t) if t.is_dir() => walk(&p, out),
            Ok(t) if t.is_file() => out(Ok(p)),
            Ok(_) => {}
            Err(e) => out(Err(Error::io(e).with_path(&p))),
        }
    }
}
