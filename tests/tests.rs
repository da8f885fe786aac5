//! All integration tests, compiled into one binary (one link step on a
//! 2-core machine). Unit tests for each module live next to the code.

mod cli;
mod compare;
mod html;
mod report;
mod robustness;
mod rules_workflow;
mod seeds;
mod support;
