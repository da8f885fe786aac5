//! `crosscheck times`: every time expression with its normalised value.

use std::cell::Cell;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use serde::Serialize;

use crosscheck::normalise::{find_times, TimeExpr};

use super::output::Output;
use super::{exit_code, CorpusArgs};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum TimesFormat {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct TimesArgs {
    #[command(flatten)]
    corpus: CorpusArgs,
    #[arg(long, value_enum, default_value = "table")]
    format: TimesFormat,
}

#[derive(Serialize)]
struct ArticleTimes<'a> {
    id: &'a str,
    published: Option<&'a str>,
    times: Vec<TimeExpr>,
}

pub fn run(args: TimesArgs) -> anyhow::Result<ExitCode> {
    let ex = args.corpus.extractor()?;
    let mut out = Output::open(None, false)?;
    let w = out.writer();
    let failed = Cell::new(false);
    for doc in args.corpus.readable(&failed) {
        let published = doc
            .meta
            .published
            .as_deref()
            .and_then(|p| p.get(..10).unwrap_or(p).parse().ok());
        // Times are read in article text only, sentence by sentence, so
        // furniture ("6 hours ago") stays out.
        let mut times = Vec::new();
        for s in ex.sentences(&doc.text, doc.body_start) {
            for mut t in find_times(s.slice(&doc.text), published) {
                t.span = (t.span.0 + s.start, t.span.1 + s.start);
                times.push(t);
            }
        }
        let article = ArticleTimes {
            id: &doc.id,
            published: doc.meta.published.as_deref(),
            times,
        };
        match args.format {
            TimesFormat::Json => {
                serde_json::to_writer(&mut *w, &article)?;
                writeln!(w)?;
            }
            TimesFormat::Table => {
                writeln!(
                    w,
                    "{}  published {}",
                    article.id,
                    article.published.unwrap_or("unknown")
                )?;
                for t in &article.times {
                    writeln!(
                        w,
                        "  {:>6}  {:<40} {}",
                        t.span.0,
                        t.text,
                        serde_json::to_string(&t.value)?
                    )?;
                }
            }
        }
    }
    out.finish()?;
    Ok(exit_code(&failed))
}
