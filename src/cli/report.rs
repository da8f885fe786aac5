//! `crosscheck report`: attribution reports and the discrepancy review.

use std::cell::Cell;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use crosscheck::ingest::Document;
use crosscheck::report::{build, html, markdown, term};

use super::output::Output;
use super::{exit_code, CorpusArgs};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReportFormat {
    Term,
    Markdown,
    Json,
    Yaml,
    Html,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    corpus: CorpusArgs,
    /// Output format [default: term on a terminal, markdown otherwise].
    #[arg(long, value_enum)]
    format: Option<ReportFormat>,
    /// Write to FILE (atomically) instead of stdout.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Overwrite FILE given with --out if it exists.
    #[arg(long)]
    force: bool,
    /// No progress on stderr.
    #[arg(long, short)]
    quiet: bool,
}

/// Progress on stderr, only for people watching a terminal.
struct Progress {
    on: bool,
    total: usize,
}

impl Progress {
    fn tick(&self, done: usize) {
        if self.on && (done % 10 == 0 || done == self.total) {
            let width = 30;
            let filled = done * width / self.total.max(1);
            eprint!(
                "\r[{}{}] {done}/{} articles",
                "#".repeat(filled),
                " ".repeat(width - filled),
                self.total
            );
            if done == self.total {
                eprintln!();
            }
        }
    }
}

pub fn run(args: ReportArgs) -> anyhow::Result<ExitCode> {
    let ex = args.corpus.extractor()?;
    let failed = Cell::new(false);
    let docs: Vec<Document> = args.corpus.readable(&failed).collect();
    let stdout_tty = std::io::stdout().is_terminal();
    let format = args.format.unwrap_or(if stdout_tty && args.out.is_none() {
        ReportFormat::Term
    } else {
        ReportFormat::Markdown
    });
    let mut out = Output::open(args.out.as_deref(), args.force)?;
    let progress = Progress {
        on: !args.quiet && std::io::stderr().is_terminal() && docs.len() >= 20,
        total: docs.len(),
    };
    let report = build(&ex, &docs, &mut |done| progress.tick(done));
    let w = out.writer();
    match format {
        ReportFormat::Term => {
            let colour = stdout_tty
                && args.out.is_none()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            w.write_all(term::render(&report, colour).as_bytes())?;
        }
        ReportFormat::Markdown => w.write_all(markdown::render(&report).as_bytes())?,
        ReportFormat::Html => w.write_all(html::render(&report).as_bytes())?,
        ReportFormat::Json => {
            serde_json::to_writer_pretty(&mut *w, &report)?;
            writeln!(w)?;
        }
        ReportFormat::Yaml => w.write_all(serde_yaml::to_string(&report)?.as_bytes())?,
    }
    out.finish()?;
    Ok(exit_code(&failed))
}
