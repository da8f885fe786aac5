//! crosscheck: extract attributed claims from news text and compare them
//! across outlets. See ARCHITECTURE.md for how text flows through the modules.

pub mod model;
pub mod normalise;
