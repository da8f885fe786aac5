//! Command-line options and dispatch. Each subcommand has its own module.
//!
//! Exit codes: 0 success, 1 findings or changes (where a command has them),
//! 2 an error — including some inputs that could not be read, in which case
//! the others are still processed.

mod compare;
mod eval;
mod extract;
mod output;
mod report;
mod rules;
mod snapshot;
mod table;
mod times;

use std::cell::Cell;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crosscheck::extract::Extractor;
use crosscheck::ingest::{self, Document, IngestError};
use crosscheck::rules::Rules;

#[derive(Debug, Parser)]
#[command(
    name = "crosscheck",
    version,
    about = "Extract attributed claims from news text and compare them across outlets"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Find every attribution (source, cue, content) in articles.
    Extract(extract::ExtractArgs),
    /// Score extraction against a gold attributions file.
    Eval(eval::EvalArgs),
    /// Line up claims across articles: agreements, contradictions, quote variants.
    Compare(compare::CompareArgs),
    /// Score comparison against a gold comparisons file.
    EvalCompare(compare::EvalCompareArgs),
    /// List time expressions with their values resolved against the publication date.
    Times(times::TimesArgs),
    /// Attribution reports and the cross-source discrepancy review (terminal, Markdown, HTML, JSON, YAML).
    Report(report::ReportArgs),
    /// Write, check and test extraction rules files.
    Rules(rules::RulesArgs),
    /// Snapshot a corpus's extraction and see what a rule change adds or removes.
    Snapshot(snapshot::SnapshotArgs),
}

/// Where articles come from and which rules read them; shared by subcommands.
#[derive(Debug, Args)]
pub struct CorpusArgs {
    /// Files or directories (.txt, .md, .jsonl); `-` reads stdin. Default: the built-in seed articles.
    paths: Vec<PathBuf>,
    /// Extra rules files, merged over the built-in rules in order.
    #[arg(long = "rules", value_name = "FILE")]
    rules: Vec<PathBuf>,
}

/// Extractors for a corpus: the rules' own, and one per outlet that has
/// overrides, built the first time an article from that outlet comes by.
pub struct Extractors {
    rules: Rules,
    base: Extractor,
    by_outlet: std::collections::HashMap<String, Extractor>,
}

impl Extractors {
    fn new(corpus: &CorpusArgs) -> anyhow::Result<Extractors> {
        let rules = Rules::with_files(&corpus.rules)?;
        Ok(Extractors {
            base: Extractor::new(&rules)?,
            rules,
            by_outlet: std::collections::HashMap::new(),
        })
    }

    fn get(&mut self, outlet: Option<&str>) -> anyhow::Result<&Extractor> {
        let Some(outlet) = outlet.filter(|o| self.rules.outlets.contains_key(*o)) else {
            return Ok(&self.base);
        };
        if !self.by_outlet.contains_key(outlet) {
            let rules = self
                .rules
                .for_outlet(outlet)
                .unwrap_or_else(|| self.rules.clone());
            self.by_outlet
                .insert(outlet.to_string(), Extractor::new(&rules)?);
        }
        Ok(self.by_outlet.get(outlet).unwrap_or(&self.base))
    }
}

impl CorpusArgs {
    fn extractor(&self) -> anyhow::Result<Extractor> {
        let rules = Rules::with_files(&self.rules)?;
        Ok(Extractor::new(&rules)?)
    }

    /// The documents that could be read, lazily: each one that could not is
    /// reported on one line and recorded in `failed`, and the rest go on.
    fn readable<'a>(&'a self, failed: &'a Cell<bool>) -> impl Iterator<Item = Document> + 'a {
        self.documents().filter_map(move |d| {
            d.map_err(|e| {
                eprintln!("crosscheck: {e}");
                failed.set(true);
            })
            .ok()
        })
    }

    /// The documents to read, lazily; the built-in seeds when no path is given.
    fn documents(&self) -> Box<dyn Iterator<Item = Result<Document, IngestError>>> {
        if self.paths.is_empty() {
            Box::new(ingest::builtin_seeds().into_iter().map(Ok))
        } else {
            Box::new(ingest::documents(&self.paths))
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Jsonl,
    Yaml,
}

impl Format {
    /// Table for people at a terminal, JSON for programs.
    fn or_default(f: Option<Format>) -> Format {
        f.unwrap_or(if std::io::stdout().is_terminal() {
            Format::Table
        } else {
            Format::Json
        })
    }
}

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Extract(args) => extract::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Compare(args) => compare::run(args),
        Command::EvalCompare(args) => compare::run_eval(args),
        Command::Times(args) => times::run(args),
        Command::Report(args) => report::run(args),
        Command::Rules(args) => rules::run(args),
        Command::Snapshot(args) => snapshot::run(args),
    }
}

/// Exit code 2 when some input could not be read, else success.
fn exit_code(failed: &Cell<bool>) -> ExitCode {
    if failed.get() {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    let pipe = Some(std::io::ErrorKind::BrokenPipe);
    err.chain().any(|e| {
        // serde_json keeps the io::Error inside and reports only its kind.
        e.downcast_ref::<std::io::Error>().map(std::io::Error::kind) == pipe
            || e.downcast_ref::<serde_json::Error>()
                .and_then(serde_json::Error::io_error_kind)
                == pipe
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
