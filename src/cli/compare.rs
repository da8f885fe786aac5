//! `crosscheck compare` and `crosscheck eval-compare`.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use crosscheck::compare::score::{score, GoldComparisons};
use crosscheck::compare::{compare, CompareReport};
use crosscheck::ingest::Document;
use crosscheck::report::markdown::relations;

use super::output::Output;
use super::table::fit;
use super::{exit_code, CorpusArgs};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum CompareFormat {
    Table,
    Json,
    Yaml,
    Markdown,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    #[command(flatten)]
    corpus: CorpusArgs,
    /// Output format [default: table on a terminal, json otherwise].
    #[arg(long, value_enum)]
    format: Option<CompareFormat>,
    /// Write to FILE (atomically) instead of stdout.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Overwrite FILE given with --out if it exists.
    #[arg(long)]
    force: bool,
}

#[derive(Debug, Args)]
pub struct EvalCompareArgs {
    #[command(flatten)]
    corpus: CorpusArgs,
    /// Gold comparisons file (the format of tests/data/gold/README.md).
    #[arg(long, value_name = "FILE")]
    gold: PathBuf,
    /// Print the score as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(args: CompareArgs) -> anyhow::Result<ExitCode> {
    let ex = args.corpus.extractor()?;
    // Comparison needs every article at once.
    let failed = Cell::new(false);
    let docs: Vec<Document> = args.corpus.readable(&failed).collect();
    let report = compare(&ex, &docs);
    let format = args
        .format
        .unwrap_or(if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
            CompareFormat::Table
        } else {
            CompareFormat::Json
        });
    let mut out = Output::open(args.out.as_deref(), args.force)?;
    let w = out.writer();
    match format {
        CompareFormat::Json => {
            serde_json::to_writer_pretty(&mut *w, &report)?;
            writeln!(w)?;
        }
        CompareFormat::Yaml => w.write_all(serde_yaml::to_string(&report)?.as_bytes())?,
        CompareFormat::Table => table(w, &report)?,
        CompareFormat::Markdown => markdown(w, &report)?,
    }
    out.finish()?;
    Ok(exit_code(&failed))
}

pub fn run_eval(args: EvalCompareArgs) -> anyhow::Result<ExitCode> {
    let gold = GoldComparisons::load(&args.gold)?;
    let ex = args.corpus.extractor()?;
    let failed = Cell::new(false);
    let docs: Vec<Document> = args.corpus.readable(&failed).collect();
    let report = compare(&ex, &docs);
    let texts: BTreeMap<String, String> = docs.into_iter().map(|d| (d.id, d.text)).collect();
    let s = score(&report, &gold, &texts);
    if args.json {
        println!("{}", serde_json::to_string_pretty(&s)?);
    } else {
        print!("{}", s.render_text());
    }
    Ok(exit_code(&failed))
}

fn table(w: &mut dyn Write, r: &CompareReport) -> anyhow::Result<()> {
    for e in &r.events {
        writeln!(
            w,
            "{}  {} .. {}  {}",
            e.id,
            e.from.as_deref().unwrap_or("?"),
            e.to.as_deref().unwrap_or("?"),
            e.articles.join(", ")
        )?;
    }
    writeln!(w)?;
    for rel in &r.relations {
        writeln!(w, "{:<20} {:.2}  {}", rel.kind, rel.confidence, rel.reason)?;
        for c in &rel.claims {
            let source = c
                .source
                .as_deref()
                .map(|s| format!(" [{s}]"))
                .unwrap_or_default();
            writeln!(
                w,
                "    {} ({}){source}: {}",
                c.article,
                fit(&c.outlet, 24),
                fit(&c.text, 90)
            )?;
        }
        if let Some((a, b)) = &rel.diff {
            writeln!(w, "    words: -{} +{}", a.join(" "), b.join(" "))?;
        }
    }
    writeln!(
        w,
        "\n{} claims are single-source (nothing to compare against).",
        r.single_source
    )?;
    Ok(())
}

fn markdown(w: &mut dyn Write, r: &CompareReport) -> anyhow::Result<()> {
    writeln!(w, "# Cross-source comparison\n")?;
    w.write_all(relations(r).as_bytes())?;
    Ok(())
}
