//! Exports of an [`EntityGraph`](crate::graph::EntityGraph): node-link JSON (read back
//! losslessly) and Graphviz DOT.
//!
//! Each format is its own module with its own output types: the file formats are contracts,
//! independent of the in-memory types.

pub mod dot;
pub mod json;
