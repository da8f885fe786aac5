//! `crosscheck snapshot`: one snapshot per article, and what a rule change
//! adds or removes across a corpus.
//!
//! Exit codes: 0 no change, 1 changes, 2 error.

use std::cell::Cell;
use std::collections::BTreeSet;
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;

use crosscheck::snapshot::{change, parse, render, Change};

use super::output::Output;
use super::{CorpusArgs, Extractors};

#[derive(Debug, Args)]
pub struct SnapshotArgs {
    #[command(flatten)]
    corpus: CorpusArgs,
    /// Directory holding one `<id>.snap` per article.
    #[arg(long, value_name = "DIR")]
    dir: PathBuf,
    /// Write nothing; exit 1 if any article's extraction changed.
    #[arg(long, conflicts_with_all = ["accept", "review"])]
    check: bool,
    /// Record the new state of every changed article.
    #[arg(long, conflicts_with = "review")]
    accept: bool,
    /// Step through changes on a terminal, accepting or skipping each.
    #[arg(long)]
    review: bool,
}

fn print_change(w: &mut dyn Write, c: &Change) -> std::io::Result<()> {
    let what = if c.new { "new article" } else { "changed" };
    writeln!(w, "{} ({what}):", c.id)?;
    for l in &c.removed {
        writeln!(w, "  - {l}")?;
    }
    for l in &c.added {
        writeln!(w, "  + {l}")?;
    }
    Ok(())
}

fn write_snap(path: &Path, text: &str) -> anyhow::Result<()> {
    let mut o = Output::open(Some(path), true)?;
    o.writer().write_all(text.as_bytes())?;
    o.finish()
}

pub fn run(args: SnapshotArgs) -> anyhow::Result<ExitCode> {
    if args.review && !std::io::stdin().is_terminal() {
        anyhow::bail!("--review needs a terminal on stdin; use --check to list changes or --accept to record them");
    }
    std::fs::create_dir_all(&args.dir)
        .with_context(|| format!("cannot create {}", args.dir.display()))?;
    let mut extractors = Extractors::new(&args.corpus)?;
    let failed = Cell::new(false);
    let mut changes = 0;
    let mut seen = BTreeSet::new();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut answers = std::io::stdin().lock().lines();
    for doc in args.corpus.readable(&failed) {
        let record = extractors
            .get(doc.meta.outlet.as_deref())?
            .extract_document(&doc);
        let path = args.dir.join(format!("{}.snap", doc.id));
        seen.insert(format!("{}.snap", doc.id));
        let old = match std::fs::read_to_string(&path) {
            Ok(text) => Some(parse(&text, &path.display().to_string())?),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
        };
        let Some(c) = change(old.as_ref(), &record) else {
            continue;
        };
        changes += 1;
        print_change(&mut out, &c)?;
        let write = if args.check {
            false
        } else if args.review {
            write!(out, "accept? [a]ccept / [s]kip / [q]uit: ")?;
            out.flush()?;
            match answers.next().transpose()?.as_deref().map(str::trim) {
                Some("a" | "accept" | "y") => true,
                Some("q" | "quit") | None => break,
                _ => false,
            }
        } else {
            // Without a flag only new articles are recorded: nothing the user
            // accepted before is overwritten without asking.
            args.accept || c.new
        };
        if write {
            write_snap(&path, &render(&record))?;
            changes -= 1;
        }
    }
    // Snapshots of articles no longer in the corpus.
    if let Ok(entries) = std::fs::read_dir(&args.dir) {
        let mut stale: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "snap"))
            .filter(|p| {
                p.file_name()
                    .is_some_and(|n| !seen.contains(&*n.to_string_lossy()))
            })
            .collect();
        stale.sort();
        for p in stale {
            writeln!(out, "{} (no longer in the corpus)", p.display())?;
            if args.accept {
                std::fs::remove_file(&p)
                    .with_context(|| format!("cannot remove {}", p.display()))?;
            } else {
                changes += 1;
            }
        }
    }
    Ok(if failed.get() {
        ExitCode::from(2)
    } else if changes > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
