//! Checks a gazetteer for what makes matching go wrong.
//!
//! Errors (the gazetteer does not load): missing header columns, duplicate ids, empty names,
//! rows with the wrong number of fields, invalid UTF-8. Warnings: names claimed by several
//! entities (and which one wins), names of one entity that normalise to the same string, names
//! that are common English words (unless marked `ambiguous`), names that are too short, and
//! empty entries in an `aliases` cell.

use std::collections::HashSet;
use std::fmt;
use std::path::Path;

use crate::gazetteer::{Gazetteer, Source};
use crate::text;

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The gazetteer does not load.
    Error,
    /// It loads, but some names will match badly.
    Warning,
}

/// One problem, with where it is.
#[derive(Clone, Debug)]
pub struct Finding {
    /// How bad it is.
    pub severity: Severity,
    /// The file (and line, when known).
    pub location: String,
    /// What it is.
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}: {}: {}", self.location, sev, self.message)
    }
}

/// A list of English words (lower-case entries of a word list such as `/usr/share/dict/words`).
#[derive(Clone, Debug, Default)]
pub struct WordList {
    words: HashSet<String>,
}

impl WordList {
    /// Reads a word list, one word a line; only lower-case entries count (`turkey`, not
    /// `Turkey`), since those are the words ordinary prose uses.
    pub fn from_path(path: &Path) -> std::io::Result<WordList> {
        let text = std::fs::read(path)?;
        let text = String::from_utf8_lossy(&text);
        Ok(WordList::from_words(text.lines()))
    }

    /// A word list from words.
    pub fn from_words<'a>(words: impl IntoIterator<Item = &'a str>) -> WordList {
        WordList {
            words: words
                .into_iter()
                .map(str::trim)
                .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
                .map(String::from)
                .collect(),
        }
    }

    /// Whether `word` (in any case) is a word of the list.
    pub fn contains(&self, word: &str) -> bool {
        self.words.contains(&word.to_lowercase())
    }

    /// The number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

fn at(source: &Source) -> String {
    source.to_string()
}

/// Checks a loaded gazetteer. `errors` are those a lenient load collected
/// ([`crate::GazetteerBuilder::lenient`]); `words`, when given, finds names that are English
/// words.
///
/// # Complexity
/// Linear in the number of names (plus sorting the findings).
pub fn check(gaz: &Gazetteer, errors: &[crate::Error], words: Option<&WordList>) -> Vec<Finding> {
    let mut out: Vec<Finding> = errors
        .iter()
        .map(|e| Finding {
            severity: Severity::Error,
            location: match (e.path(), e.line()) {
                (Some(p), Some(l)) => format!("{}:{}", p.display(), l),
                (Some(p), None) => p.display().to_string(),
                _ => "-".to_string(),
            },
            message: {
                // The location is in front already.
                let s = e.to_string();
                match s.split_once(": ") {
                    Some((_, m)) if e.path().is_some() => m.to_string(),
                    _ => s,
                }
            },
        })
        .collect();
    for w in gaz.warnings() {
        out.push(Finding {
            severity: Severity::Warning,
            location: at(&w.source),
            message: w.message.clone(),
        });
    }
    for e in gaz.entities() {
        let mut keys: Vec<(String, &str)> = Vec::new();
        for name in e.names() {
            let norm = text::normalize_name(name);
            let key = text::name_key(name);
            if let Some((_, other)) = keys.iter().find(|(k, _)| *k == key) {
                out.push(Finding {
                    severity: Severity::Warning,
                    location: at(&e.source),
                    message: format!(
                        "names `{}` and `{}` of `{}` normalise to the same `{}` (one is enough: case, accents and dashes are folded)",
                        other, name, e.id, norm
                    ),
                });
            } else {
                keys.push((key, name));
            }
            let letters = norm.bytes().filter(u8::is_ascii_alphabetic).count();
            let acronym = text::is_acronym(&norm);
            let alnum = norm.bytes().filter(u8::is_ascii_alphanumeric).count();
            if alnum < 2 || (letters < 3 && !acronym) {
                out.push(Finding {
                    severity: Severity::Warning,
                    location: at(&e.source),
                    message: format!("name `{}` of `{}` is very short", name, e.id),
                });
            }
            if let Some(words) = words {
                let single = !norm.contains(' ');
                if single
                    && !acronym
                    && letters >= 2
                    && !e.is_ambiguous(name)
                    && words.contains(&norm)
                {
                    out.push(Finding {
                        severity: Severity::Warning,
                        location: at(&e.source),
                        message: format!(
                            "name `{}` of `{}` is the English word `{}`: it matches only capitalised, but consider marking it `ambiguous`",
                            name,
                            e.id,
                            norm.to_lowercase()
                        ),
                    });
                }
            }
        }
        if e.empty_aliases > 0 {
            out.push(Finding {
                severity: Severity::Warning,
                location: at(&e.source),
                message: format!(
                    "`{}` has {} empty or whitespace-only alias entr{}",
                    e.id,
                    e.empty_aliases,
                    if e.empty_aliases == 1 { "y" } else { "ies" }
                ),
            });
        }
    }
    out.sort_by(|a, b| {
        a.severity
            .cmp(&b.severity)
            .then_with(|| natural_location(&a.location).cmp(&natural_location(&b.location)))
    });
    out
}

/// Sorts `file:12` before `file:100`.
fn natural_location(loc: &str) -> (String, usize) {
    match loc.rsplit_once(':') {
        Some((f, l)) => match l.parse() {
            Ok(n) => (f.to_string(), n),
            Err(_) => (loc.to_string(), 0),
        },
        None => (loc.to_string(), 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::GazetteerBuilder;

    #[test]
    fn findings_table() {
        let tsv = "id\ttype\tname\taliases\tambiguous\n\
                   a\tplace\tReading\t\t\n\
                   b\tplace\tNice\t\tNice\n\
                   c\tplace\tKabul\tKābul|KABUL| |Xi\t\n\
                   d\tplace\tKabul City\tKabul\t\n\
                   d\tplace\tDup\t\t\n\
                   e\tplace\t\t\t\n";
        let mut b = GazetteerBuilder::new()
            .lenient(true)
            .add_str("t.tsv", tsv)
            .unwrap();
        let errors = b.take_errors();
        let gaz = b.build().unwrap();
        let words = WordList::from_words(["reading", "nice", "Kabul"]);
        let got: Vec<String> = check(&gaz, &errors, Some(&words))
            .iter()
            .map(|f| f.to_string())
            .collect();
        let want = [
            "t.tsv:6: error: duplicate id `d` (first defined at t.tsv:5)",
            "t.tsv:7: error: entity `e` has an empty name",
            "t.tsv:2: warning: name `Reading` of `a` is the English word `reading`: it matches only capitalised, but consider marking it `ambiguous`",
            "t.tsv:4: warning: names `Kabul` and `Kābul` of `c` normalise to the same `Kabul` (one is enough: case, accents and dashes are folded)",
            "t.tsv:4: warning: name `Xi` of `c` is very short",
            "t.tsv:4: warning: `c` has 1 empty or whitespace-only alias entry",
            "t.tsv:5: warning: name `Kabul` of `d` is also claimed by `c` (t.tsv:4), which wins (its canonical name)",
        ];
        assert_eq!(got, want);
    }
}
