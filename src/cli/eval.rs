//! `crosscheck eval`: precision, recall and field accuracy against gold.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use crosscheck::eval::{score, Gold};

use super::{report_input_error, CorpusArgs};

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
    let mut failed = false;
    let mut predicted = Vec::new();
    for doc in args.corpus.documents() {
        match doc {
            // Only gold articles are scored; the others need not be kept.
            Ok(doc) if gold.articles.contains_key(&doc.id) => {
                predicted.push(extractor.extract_document(&doc))
            }
            Ok(_) => {}
            Err(e) => report_input_error(&e, &mut failed),
        }
    }
    let report = score(&gold, &predicted);
    match args.format {
        EvalFormat::Text => print!("{}", report.render_text(args.verbose)),
        EvalFormat::Json => println!("{}", serde_json::to_string_pretty(&report)?),
    }
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}
