//! Exports of an [`EntityGraph`](crate::graph::EntityGraph): node-link JSON (read back
//! losslessly), Graphviz DOT, GraphML, GEXF 1.3, CSV tables for Gephi, Cytoscape.js JSON and a
//! self-contained HTML page.
//!
//! Each format is its own module with its own output types: the file formats are contracts,
//! independent of the in-memory types. Every format but the plain [`json`] and [`dot`]
//! writers takes an [`Analysis`](crate::analysis::Analysis) and writes the node scores as
//! node attributes.

pub mod csv;
pub mod cytoscape;
pub mod dot;
pub mod format;
pub mod gexf;
pub mod graphml;
pub mod html;
pub mod json;

pub use format::Format;

/// Text fit for XML 1.0: drops the characters XML forbids (most control characters, lone
/// surrogates cannot occur in a `&str`, U+FFFE and U+FFFF). Escaping is the writer's job.
pub(crate) fn xml_text(s: &str) -> std::borrow::Cow<'_, str> {
    let ok = |c: char| {
        matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
    };
    if s.chars().all(ok) {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(s.chars().filter(|&c| ok(c)).collect())
    }
}
