//! Atomic file output: write to a temporary file next to the target, then rename it into
//! place.
//!
//! A failed or interrupted write never leaves a half-written file, and never clobbers the
//! previous good one: the rename happens only after everything was written and synced.
//! The files of one output (a build's graph.json, graph.dot, graph.svg, ...) are
//! [`stage`]d one by one and [`commit`]ted together, so that a failure in any of them leaves
//! every previous file in place. What is staged goes to the disk while it is written (a
//! megabyte at a time, without waiting), and its sync starts as soon as it is written, on a
//! thread of its own, so the commit waits for the last file's last part only.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

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
    commit(vec![stage(path, write)?])
}

/// Writes `bytes` to `path` atomically.
pub fn write_bytes(path: &Path, bytes: &[u8]) -> Result<()> {
    commit(vec![stage_bytes(path, bytes)?])
}

/// A file written in full to a temporary file beside its path, not yet in place: made by
/// [`stage`], put in place by [`commit`] together with the other files of the same output.
/// Dropped without a commit, the temporary file is removed and the path left as it was.
#[derive(Debug)]
pub struct Staged {
    tmp: tempfile::NamedTempFile,
    path: PathBuf,
    /// The file's `fsync`, started when it was written (see [`stage`]); `None` when no
    /// thread could be started for it: [`commit`] syncs it then.
    sync: Option<std::thread::JoinHandle<std::io::Result<()>>>,
}

impl Staged {
    /// The path the file goes to.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Writes what `write` writes to a temporary file beside `path` (created in the same
/// directory, so that the rename does not cross file systems), to be put in place by
/// [`commit`]. Once written, the file's sync to disk starts in the background; nothing is
/// renamed yet. If `write` fails, the temporary file is removed.
///
/// # Example
/// ```
/// use std::io::Write;
/// use nergraph::atomic;
///
/// let dir = tempfile::tempdir().unwrap();
/// let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
/// let staged = vec![
///     atomic::stage(&a, |w| Ok(w.write_all(b"one")?)).unwrap(),
///     atomic::stage(&b, |w| Ok(w.write_all(b"two")?)).unwrap(),
/// ];
/// // Neither is in place until both are committed.
/// assert!(!a.exists() && !b.exists());
/// atomic::commit(staged).unwrap();
/// assert_eq!(std::fs::read_to_string(&b).unwrap(), "two");
/// ```
pub fn stage<F>(path: &Path, write: F) -> Result<Staged>
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
    let mut w = BufWriter::new(WriteBehind::new(tmp));
    write(&mut w).map_err(|e| match e.path() {
        Some(_) => e,
        None => e.with_path(path),
    })?;
    let tmp = w
        .into_inner()
        .map_err(|e| Error::io(e.into_error()).with_path(path))?
        .finish();
    // The sync starts now, on a thread of its own (it waits for the disk, it does not
    // compute), so that it runs while the next file of the output is made, not after all of
    // them; `commit` waits for it before any rename.
    let sync = tmp.as_file().try_clone().ok().and_then(|file| {
        std::thread::Builder::new()
            .name("nergraph-sync".into())
            .spawn(move || file.sync_all())
            .ok()
    });
    Ok(Staged {
        tmp,
        path: path.to_path_buf(),
        sync,
    })
}

/// A temporary file that hands what is written to the disk as it goes, every
/// [`WriteBehind::STRIDE`] bytes and at the end, without waiting (Linux's `sync_file_range`
/// with `SYNC_FILE_RANGE_WRITE`; elsewhere nothing): the disk writes one part while the next
/// is made, and [`commit`]'s `fsync` waits for the rest only (and for the file system's
/// metadata), not for the whole file. A hint: its errors are left to the `fsync`, which
/// reports them.
struct WriteBehind {
    tmp: tempfile::NamedTempFile,
    written: u64,
    handed: u64,
}

impl WriteBehind {
    /// Bytes between two hand-overs.
    const STRIDE: u64 = 1 << 20;

    fn new(tmp: tempfile::NamedTempFile) -> WriteBehind {
        WriteBehind {
            tmp,
            written: 0,
            handed: 0,
        }
    }

    /// Starts writing out what was written since the last hand-over.
    fn hand_over(&mut self) {
        #[cfg(target_os = "linux")]
        if self.written > self.handed {
            use std::os::fd::AsRawFd;
            let (from, len) = (self.handed as libc::off64_t, self.written - self.handed);
            // SAFETY: a plain system call on an open file descriptor; no memory is passed.
            unsafe {
                libc::sync_file_range(
                    self.tmp.as_file().as_raw_fd(),
                    from,
                    len as libc::off64_t,
                    libc::SYNC_FILE_RANGE_WRITE,
                );
            }
        }
        self.handed = self.written;
    }

    /// The file, its last part handed over.
    fn finish(mut self) -> tempfile::NamedTempFile {
        self.hand_over();
        self.tmp
    }
}

impl Write for WriteBehind {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.tmp.write(buf)?;
        self.written += n as u64;
        if self.written - self.handed >= Self::STRIDE {
            self.hand_over();
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.tmp.flush()
    }
}

/// [`stage`] of `bytes`.
pub fn stage_bytes(path: &Path, bytes: &[u8]) -> Result<Staged> {
    stage(path, |w| Ok(w.write_all(bytes)?))
}

/// Puts staged files in place: waits until each is synced to disk (each sync started when
/// its file was written, so they overlap the making of the files after it), then renames
/// each over its path, in order. If a sync fails, none is renamed; a rename that fails
/// (rare: the directory changed meanwhile) leaves the files after it unrenamed, and their
/// temporary files removed.
///
/// # Complexity
/// One `fsync` per file, on a thread of its own, waited for in turn, and one rename per
/// file.
pub fn commit(mut files: Vec<Staged>) -> Result<()> {
    for s in &mut files {
        let done = match s.sync.take().map(|h| h.join()) {
            Some(Ok(done)) => done,
            // No thread for it, or it panicked: synced here.
            Some(Err(_)) | None => s.tmp.as_file().sync_all(),
        };
        done.map_err(|e| Error::io(e).with_path(&s.path))?;
    }
    for s in files {
        s.tmp.persist(&s.path).map_err(|e| {
            Error::export(format!("cannot move the new file into place: {}", e.error))
                .with_path(&s.path)
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_set_of_files_goes_in_place_together_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b, c) = (
            dir.path().join("a.txt"),
            dir.path().join("b.txt"),
            dir.path().join("c.txt"),
        );
        write_bytes(&a, b"old a").unwrap();
        write_bytes(&b, b"old b").unwrap();
        // The third file fails: the first two, already staged, are dropped with it.
        let staged = (|| -> Result<Vec<Staged>> {
            Ok(vec![
                stage_bytes(&a, b"new a")?,
                stage_bytes(&b, b"new b")?,
                stage(&c, |w| {
                    w.write_all(b"half")?;
                    Err(std::io::Error::other("disk full").into())
                })?,
            ])
        })();
        let e = staged.unwrap_err().to_string();
        assert!(e.contains("c.txt") && e.contains("disk full"), "{}", e);
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "old a");
        assert_eq!(std::fs::read_to_string(&b).unwrap(), "old b");
        // No temporary file is left behind.
        assert_eq!(names(dir.path()), ["a.txt", "b.txt"]);
        // All three good: all three in place, nothing else.
        let staged = vec![
            stage_bytes(&a, b"new a").unwrap(),
            stage_bytes(&b, b"new b").unwrap(),
            stage_bytes(&c, b"new c").unwrap(),
        ];
        assert_eq!(staged[2].path(), c);
        assert_eq!(names(dir.path()).len(), 5, "two old files, three staged");
        commit(staged).unwrap();
        assert_eq!(names(dir.path()), ["a.txt", "b.txt", "c.txt"]);
        for (p, want) in [(&a, "new a"), (&b, "new b"), (&c, "new c")] {
            assert_eq!(std::fs::read_to_string(p).unwrap(), want);
        }
    }

    #[test]
    fn files_handed_to_the_disk_in_parts_are_whole() {
        // Past several strides, in writes of odd sizes and one larger than a stride, and a
        // file under one stride: each the bytes written, in order.
        let dir = tempfile::tempdir().unwrap();
        let stride = WriteBehind::STRIDE as usize;
        let big: Vec<u8> = (0..3 * stride + 12_345).map(|i| (i % 251) as u8).collect();
        let (a, b, c) = (
            dir.path().join("a"),
            dir.path().join("b"),
            dir.path().join("c"),
        );
        let staged = vec![
            stage(&a, |w| {
                for part in big.chunks(7_919) {
                    w.write_all(part)?;
                }
                Ok(())
            })
            .unwrap(),
            stage_bytes(&b, &big).unwrap(),
            stage_bytes(&c, b"small").unwrap(),
        ];
        commit(staged).unwrap();
        assert!(std::fs::read(&a).unwrap() == big);
        assert!(std::fs::read(&b).unwrap() == big);
        assert_eq!(std::fs::read(&c).unwrap(), b"small");
    }

    #[test]
    fn a_missing_directory_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("no-such-dir").join("x.txt");
        let e = stage_bytes(&p, b"x").unwrap_err().to_string();
        assert!(e.contains("no-such-dir"), "{}", e);
    }
}
