//! `crosscheck eval`: precision, recall and field accuracy against gold.

use std::cell::Cell;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use crosscheck::eval::{score, Gold};

use super::{exit_code, CorpusArgs};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum EvalFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    #[command(flatten)]
    corpus: CorpusArgs,
    /// Gold attributions file (the format of tests/data/gold/README.md).
    #[arg(long, value_name = "FILE")]
    gold: PathBuf,
    /// List misses, extras and field mismatches.
    #[arg(long, short)]
    verbose: bool,
    #[arg(long, value_enum, default_value = "text")]
    format: EvalFormat,
}

pub fn run(args: EvalArgs) -> anyhow::Result<ExitCode> {
    let gold = Gold::load(&args.gold)?;
    let extractor = args.corpus.extractor()?;
    let failed = Cell::new(false);
    // Only gold articles are scored; the others need not be kept.
    let predicted: Vec<_> = args
        .corpus
        .readable(&failed)
        .filter(|doc| gold.articles.contains_key(&doc.id))
        .map(|doc| extractor.extract_document(&doc))
        .collect();
    let report = score(&gold, &predicted);
    match args.format {
        EvalFormat::Text => print!("{}", report.render_text(args.verbose)),
        EvalFormat::Json => println!("{}", serde_json::to_string_pretty(&report)?),
    }
    Ok(exit_code(&failed))
}
