//! Where a command's output goes: stdout, or a file written atomically.
//!
//! A file is written to a temporary file beside it and moved into place only
//! when complete, so a failed run never leaves half a report, and an
//! existing file is replaced only with `--force`.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use tempfile::NamedTempFile;

pub enum Output {
    Stdout(BufWriter<io::Stdout>),
    File {
        tmp: BufWriter<NamedTempFile>,
        path: PathBuf,
        force: bool,
    },
}

impl Output {
    /// Fails before any work is done if `path` exists and `force` is off.
    pub fn open(path: Option<&Path>, force: bool) -> anyhow::Result<Output> {
        let Some(path) = path else {
            return Ok(Output::Stdout(BufWriter::new(io::stdout())));
        };
        if path.exists() && !force {
            bail!(
                "{} already exists; use --force to overwrite it",
                path.display()
            );
        }
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let tmp = NamedTempFile::new_in(dir)
            .with_context(|| format!("cannot create a file in {}", dir.display()))?;
        Ok(Output::File {
            tmp: BufWriter::new(tmp),
            path: path.to_path_buf(),
            force,
        })
    }

    pub fn writer(&mut self) -> &mut dyn Write {
        match self {
            Output::Stdout(w) => w,
            Output::File { tmp, .. } => tmp,
        }
    }

    /// Flushes and, for a file, moves it into place.
    pub fn finish(self) -> anyhow::Result<()> {
        match self {
            Output::Stdout(mut w) => Ok(w.flush()?),
            Output::File { tmp, path, force } => {
                let tmp = tmp.into_inner().map_err(|e| e.into_error())?;
                let persisted = if force {
                    tmp.persist(&path).map(drop)
                } else {
                    tmp.persist_noclobber(&path).map(drop)
                };
                persisted.with_context(|| format!("cannot write {}", path.display()))
            }
        }
    }
}
