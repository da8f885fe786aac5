//! `crosscheck extract`: attributions per article as a table, JSON, JSON Lines or YAML.

use std::cell::Cell;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crosscheck::model::ArticleAttributions;

use super::output::Output;
use super::table::{cell, fit, width};
use super::{exit_code, CorpusArgs, Format};

#[derive(Debug, Args)]
pub struct ExtractArgs {
    #[command(flatten)]
    corpus: CorpusArgs,
    /// Output format [default: table on a terminal, json otherwise].
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Write to FILE (atomically) instead of stdout.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Overwrite FILE given with --out if it exists.
    #[arg(long)]
    force: bool,
}

pub fn run(args: ExtractArgs) -> anyhow::Result<ExitCode> {
    let mut extractors = super::Extractors::new(&args.corpus)?;
    let format = Format::or_default(args.format);
    let mut out = Output::open(args.out.as_deref(), args.force)?;
    let failed = Cell::new(false);
    let mut writer = Writer::new(format);
    {
        let w = out.writer();
        writer.begin(w)?;
        for doc in args.corpus.readable(&failed) {
            let record = extractors
                .get(doc.meta.outlet.as_deref())?
                .extract_document(&doc);
            writer.article(w, &record)?
        }
        writer.end(w)?;
    }
    out.finish()?;
    Ok(exit_code(&failed))
}

/// Streams articles out one at a time, so memory holds one article, not the corpus.
struct Writer {
    format: Format,
    first: bool,
}

impl Writer {
    fn new(format: Format) -> Writer {
        Writer {
            format,
            first: true,
        }
    }

    fn begin(&mut self, w: &mut dyn Write) -> anyhow::Result<()> {
        match self.format {
            Format::Json => writeln!(w, "{{\"articles\": [")?,
            Format::Yaml => writeln!(w, "articles:")?,
            Format::Table | Format::Jsonl => {}
        }
        Ok(())
    }

    fn article(&mut self, w: &mut dyn Write, a: &ArticleAttributions) -> anyhow::Result<()> {
        match self.format {
            Format::Json => {
                if !self.first {
                    writeln!(w, ",")?;
                }
                serde_json::to_writer(&mut *w, a)?;
            }
            Format::Jsonl => {
                serde_json::to_writer(&mut *w, a)?;
                writeln!(w)?;
            }
            Format::Yaml => {
                let yaml = serde_yaml::to_string(std::slice::from_ref(a))?;
                w.write_all(yaml.as_bytes())?;
            }
            Format::Table => table(w, a)?,
        }
        self.first = false;
        Ok(())
    }

    fn end(&mut self, w: &mut dyn Write) -> anyhow::Result<()> {
        if self.format == Format::Json {
            writeln!(w, "\n]}}")?;
        }
        Ok(())
    }
}

fn table(w: &mut dyn Write, a: &ArticleAttributions) -> anyhow::Result<()> {
    let outlet = a.meta.outlet.as_deref().unwrap_or("unknown outlet");
    let date = a.meta.published.as_deref().unwrap_or("undated");
    writeln!(
        w,
        "{}  {outlet}, {date}  ({} attributions)",
        a.id,
        a.attributions.len()
    )?;
    let content_width = width().saturating_sub(8 + 30 + 12 + 8).max(20);
    for (i, at) in a.attributions.iter().enumerate() {
        let mut source = at.source.text.clone();
        if at.source.entity != at.source.text {
            source = format!("{} ({})", at.source.text, at.source.entity);
        }
        if let Some(via) = &at.via {
            source = format!("{source} via {}", via.text);
        }
        writeln!(
            w,
            "{:>3}  {} {} {} {}",
            i + 1,
            cell(at.kind.as_str(), 8),
            cell(&source, 30),
            cell(&at.cue.text, 12),
            fit(&at.content.text, content_width)
        )?;
    }
    writeln!(w)?;
    Ok(())
}
