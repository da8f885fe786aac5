//! `crosscheck eval`: precision, recall and field accuracy against gold.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::CorpusArgs;

#[derive(Debug, Args)]
pub struct EvalArgs {
    #[command(flatten)]
    corpus: CorpusArgs,
    /// Gold attributions file (format: see README).
    #[arg(long, value_name = "FILE")]
    gold: PathBuf,
    /// List misses, extras and field mismatches.
    #[arg(long, short)]
    verbose: bool,
}

pub fn run(_args: EvalArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("eval is not wired yet")
}
