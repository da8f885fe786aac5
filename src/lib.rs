//! crosscheck: extract attributed claims from news text and compare them
//! across outlets. See ARCHITECTURE.md for how text flows through the modules.

pub mod compare;
pub mod eval;
pub mod extract;
pub mod furniture;
pub mod grammar;
pub mod ingest;
pub mod lexer;
pub mod model;
pub mod normalise;
pub mod report;
pub mod resolve;
pub mod rules;
pub mod ruletests;
pub mod schema;
pub mod segment;
pub mod snapshot;
