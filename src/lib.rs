//! crosscheck: extract attributed claims from news text and compare them
//! across outlets. See ARCHITECTURE.md for how text flows through the modules.

pub mod ingest;
pub mod model;
pub mod lexer;
pub mod rules;
pub mod furniture;
pub mod segment;
pub mod grammar;
pub mod resolve;
pub mod extract;
pub mod normalise;
pub mod eval;
pub mod compare;
pub mod report;
