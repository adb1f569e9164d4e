//! # nergraph
//!
//! Turns news articles and a gazetteer (people, organisations and places with their aliases)
//! into a graph of who is linked to whom.
//!
//! The pipeline reads like the data flows:
//! [`Gazetteer`] → [`text`] (normalise) → [`Matcher`] (scan) → [`resolve`] (overlaps,
//! in-document aliases) → [`segment`] (sentences) → mentions.
//!
//! # Example
//!
//! ```
//! use nergraph::{Gazetteer, MatcherBuilder};
//!
//! let gazetteer = Gazetteer::bundled().unwrap();
//! let matcher = MatcherBuilder::new().build(gazetteer).unwrap();
//! let text = "Vasily Nebenzya, Russia\u{2019}s envoy to the UN, spoke. Nebenzya said ISIS-K is growing.";
//! let doc = matcher.annotate(text);
//! let names: Vec<&str> = doc
//!     .mentions
//!     .iter()
//!     .map(|m| matcher.gazetteer().entity(m.entity).id.as_str())
//!     .collect();
//! assert_eq!(names, ["vasily-nebenzya", "russia", "united-nations", "vasily-nebenzya", "isis-k"]);
//! assert_eq!(&text[doc.mentions[1].start..doc.mentions[1].end], "Russia");
//! assert_eq!(doc.mentions[3].sentence, 1);
//! ```
#![warn(missing_docs)]

mod bundled {
    include!(concat!(env!("OUT_DIR"), "/bundled.rs"));
}
pub mod analysis;
pub mod atomic;
pub mod check;
pub mod cooccur;
mod error;
pub mod export;
mod few;
pub mod gazetteer;
pub mod graph;
pub mod input;
mod intern;
pub mod matcher;
mod ordered;
pub mod pipeline;
pub mod resolve;
mod scan;
pub mod segment;
pub mod text;
mod words;

pub use error::{Error, Result};
pub use gazetteer::{Entity, EntityId, Gazetteer, GazetteerBuilder};
pub use matcher::{Annotated, Matcher, MatcherBuilder, Mention, Mentions, Method, Sentence};
