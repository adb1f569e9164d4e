//! Atomic file output: write to a temporary file next to the target, then rename it into
//! place.
//!
//! A failed or interrupted write never leaves a half-written file, and never clobbers the
//! previous good one: the rename happens only after everything was written and synced.

use std::io::{BufWriter, Write};
use std::path::Path;

use crate::error::{Error, Result};

/// Writes `path` atomically with what `write` writes.
///
/// The temporary file is created in the same directory (so the rename does not cross file
/// systems) and is removed if anything fails.
///
/// # Example
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("out.txt");
/// nergraph::atomic::write(&path, |w| Ok(w.write_all(b"hello")?)).unwrap();
/// assert_eq!(std::fs::read_to_string(&path).unwrap(), "hello");
/// // A failing writer leaves the previous file alone.
/// let failed = nergraph::atomic::write(&path, |w| {
///     w.write_all(b"half")?;
///     Err(std::io::Error::other("disk full").into())
/// });
/// assert!(failed.is_err());
/// assert_eq!(std::fs::read_to_string(&path).unwrap(), "hello");
/// ```
pub fn write<F>(path: &Path, write: F) -> Result<()>
where
    F: FnOnce(&mut dyn Write) -> Result<()>,
{
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".nergraph-").suffix(".tmp");
    // Temporary files are private (0600); outputs are ordinary files.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    let tmp = builder
        .tempfile_in(dir)
        .map_err(|e| Error::io(e).with_path(dir))?;
    let mut w = BufWriter::new(tmp);
    write(&mut w).map_err(|e| match e.path() {
        Some(_) => e,
        None => e.with_path(path),
    })?;
    let tmp = w
        .into_inner()
        .map_err(|e| Error::io(e.into_error()).with_path(path))?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| Error::io(e).with_path(path))?;
    tmp.persist(path).map_err(|e| {
        Error::export(format!("cannot move the new file into place: {}", e.error)).with_path(path)
    })?;
    Ok(())
}

/// Writes `bytes` to `path` atomically.
pub fn write_bytes(path: &Path, bytes: &[u8]) -> Result<()> {
    write(path, |w| Ok(w.write_all(bytes)?))
}
