//! The export formats by name, as `--format` and `--formats` take them.

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, Result};

/// An export format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// Node-link JSON (`graph.json`), read back by nergraph.
    Json,
    /// Graphviz DOT (`graph.dot`).
    Dot,
    /// The DOT drawn by Graphviz (`graph.svg`).
    Svg,
    /// GraphML (`graph.graphml`).
    Graphml,
    /// GEXF 1.3 (`graph.gexf`).
    Gexf,
    /// Gephi's spreadsheet tables (`nodes.csv`, `edges.csv`).
    Csv,
    /// Cytoscape.js JSON (`graph.cyjs`).
    Cytoscape,
    /// The interactive page (`graph.html`).
    Html,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 8] = [
        Format::Json,
        Format::Dot,
        Format::Svg,
        Format::Graphml,
        Format::Gexf,
        Format::Csv,
        Format::Cytoscape,
        Format::Html,
    ];

    /// The files it writes into an output directory.
    ///
    /// # Example
    /// ```
    /// use nergraph::export::Format;
    /// assert_eq!(Format::Csv.files(), ["nodes.csv", "edges.csv"]);
    /// assert_eq!("gexf".parse::<Format>().unwrap().files(), ["graph.gexf"]);
    /// ```
    pub fn files(self) -> &'static [&'static str] {
        match self {
            Format::Json => &["graph.json"],
            Format::Dot => &["graph.dot"],
            Format::Svg => &["graph.svg"],
            Format::Graphml => &["graph.graphml"],
            Format::Gexf => &["graph.gexf"],
            Format::Csv => &["nodes.csv", "edges.csv"],
            Format::Cytoscape => &["graph.cyjs"],
            Format::Html => &["graph.html"],
        }
    }

    /// Whether writing it needs Graphviz's `dot`.
    pub fn needs_graphviz(self) -> bool {
        matches!(self, Format::Svg | Format::Html)
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Json => "json",
            Format::Dot => "dot",
            Format::Svg => "svg",
            Format::Graphml => "graphml",
            Format::Gexf => "gexf",
            Format::Csv => "csv",
            Format::Cytoscape => "cytoscape",
            Format::Html => "html",
        })
    }
}

impl FromStr for Format {
    type Err = Error;

    fn from_str(s: &str) -> Result<Format> {
        let s = s.trim().to_ascii_lowercase();
        let alias = match s.as_str() {
            "cyjs" | "cytoscapejs" | "cytoscape.js" => "cytoscape",
            "gv" => "dot",
            other => other,
        };
        Format::ALL
            .into_iter()
            .find(|f| f.to_string() == alias)
            .ok_or_else(|| {
                Error::usage(format!(
                    "unknown format `{}`: expected json, dot, svg, graphml, gexf, csv, cytoscape \
                     or html",
                    s
                ))
            })
    }
}
