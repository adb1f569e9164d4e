use std::fmt;
use std::path::{Path, PathBuf};

/// An error from nergraph.
///
/// The kind of error is private so that it can grow without breaking callers; use
/// [`Error::path`] and [`Error::line`] to find where it happened, and `Display` for a message
/// fit to show a user (it names the file and the line when there is one).
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    path: Option<PathBuf>,
    line: Option<usize>,
}

#[derive(Debug)]
enum ErrorKind {
    Io(std::io::Error),
    Gazetteer(String),
    Json(serde_json::Error),
    Graph(String),
    Usage(String),
    Export(String),
}

impl Error {
    /// An I/O error (a file that cannot be read or written).
    pub fn io(err: std::io::Error) -> Error {
        Error::new(ErrorKind::Io(err))
    }

    pub(crate) fn gazetteer(msg: impl Into<String>) -> Error {
        Error::new(ErrorKind::Gazetteer(msg.into()))
    }

    pub(crate) fn json(err: serde_json::Error) -> Error {
        let line = err.line();
        let mut e = Error::new(ErrorKind::Json(err));
        if line > 0 {
            e.line = Some(line);
        }
        e
    }

    pub(crate) fn graph(msg: impl Into<String>) -> Error {
        Error::new(ErrorKind::Graph(msg.into()))
    }

    /// An error in what the caller asked for (an unknown name, a bad option value).
    pub fn usage(msg: impl Into<String>) -> Error {
        Error::new(ErrorKind::Usage(msg.into()))
    }

    pub(crate) fn export(msg: impl Into<String>) -> Error {
        Error::new(ErrorKind::Export(msg.into()))
    }

    fn new(kind: ErrorKind) -> Error {
        Error {
            kind,
            path: None,
            line: None,
        }
    }

    /// Attaches the file the error is about.
    pub fn with_path(mut self, path: impl AsRef<Path>) -> Error {
        self.path = Some(path.as_ref().to_path_buf());
        self
    }

    /// Attaches the 1-based line the error is about.
    pub fn with_line(mut self, line: usize) -> Error {
        self.line = Some(line);
        self
    }

    /// The file the error is about, if any.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The 1-based line of [`Error::path`] the error is about, if any.
    pub fn line(&self) -> Option<usize> {
        self.line
    }

    /// Whether this error is an I/O error (a file that cannot be read or written).
    pub fn is_io(&self) -> bool {
        matches!(self.kind, ErrorKind::Io(_))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.path, self.line) {
            (Some(p), Some(l)) => write!(f, "{}:{}: ", p.display(), l)?,
            (Some(p), None) => write!(f, "{}: ", p.display())?,
            (None, Some(l)) => write!(f, "line {}: ", l)?,
            (None, None) => {}
        }
        match &self.kind {
            ErrorKind::Io(e) => write!(f, "{}", e),
            ErrorKind::Gazetteer(m) => write!(f, "{}", m),
            ErrorKind::Json(e) => {
                // serde_json appends "at line L column C"; the line is already in front.
                let s = e.to_string();
                match s.rfind(" at line ") {
                    Some(i) if self.line.is_some() => write!(f, "invalid JSON: {}", &s[..i]),
                    _ => write!(f, "invalid JSON: {}", s),
                }
            }
            ErrorKind::Graph(m) => write!(f, "{}", m),
            ErrorKind::Usage(m) => write!(f, "{}", m),
            ErrorKind::Export(m) => write!(f, "{}", m),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            ErrorKind::Io(e) => Some(e),
            ErrorKind::Json(e) => Some(e),
            _ => None,
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        Error::io(e)
    }
}

/// A `Result` whose error is [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
