//! Turning what the user points us at (files, directories, JSON Lines, stdin)
//! into [`Document`]s.
//!
//! Every later stage reports spans as byte offsets into [`Document::text`], so
//! the text is kept exactly as read: front matter and a byte-order mark are not
//! stripped, only skipped via [`Document::body_start`].
//!
//! Reading is lazy so that a large corpus can be streamed: the iterator from
//! [`documents`] holds at most one file (or one JSON line) in memory, plus the
//! small per-directory manifests.

use std::collections::HashMap;
use std::fmt;
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};

use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;

use crate::model::Meta;

/// One article ready for extraction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// File stem (`000_4ca55dbd3066fc4f`), the JSON Lines `id`, or `stdin`.
    pub id: String,
    /// Display path of the file it came from; `None` for stdin.
    pub path: Option<String>,
    /// The full original text, front matter included: spans index into it.
    pub text: String,
    /// Byte offset where the article body starts (after a BOM and/or YAML
    /// front matter); 0 if there is neither.
    pub body_start: usize,
    pub meta: Meta,
}

impl Document {
    /// The article body, without BOM or front matter.
    pub fn body(&self) -> &str {
        self.text.get(self.body_start..).unwrap_or("")
    }
}

/// Why an input could not be turned into a document.
///
/// Each message is one line naming the input (and the byte offset or line
/// where it applies), so the CLI can print it and move on to the next file.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: io::Error,
    },
    #[error("{path}: invalid UTF-8 at byte {offset}")]
    InvalidUtf8 { path: String, offset: usize },
    #[error("{path}: binary data (NUL byte at byte {offset})")]
    Binary { path: String, offset: usize },
    #[error("{path}{}: malformed manifest: {message}", fmt_location(*.line, *.column))]
    Manifest {
        path: String,
        /// 1-based; 0 when the YAML parser gave no location.
        line: usize,
        column: usize,
        message: String,
    },
    /// One bad line of a JSON Lines input; the other lines are still read.
    #[error("{path}:{line}: {message}")]
    JsonLine {
        path: String,
        line: usize,
        message: String,
    },
}

fn fmt_location(line: usize, column: usize) -> String {
    if line == 0 {
        String::new()
    } else {
        format!(":{line}:{column}")
    }
}

/// Error messages from parsers may span lines; ours must not.
fn one_line(message: &str) -> String {
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How far into a file we look for a NUL byte to call it binary (as git does).
const BINARY_SNIFF_LEN: usize = 8 * 1024;

const BOM: &str = "\u{feff}";

/// Extensions taken when walking a directory. Anything else (manifests,
/// images, editor backups) is skipped; an explicitly named file is always read.
const TEXT_EXTENSIONS: &[&str] = &["txt", "md", "markdown"];
const JSONL_EXTENSIONS: &[&str] = &["jsonl", "ndjson"];

fn extension_in(path: &Path, list: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| list.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// Lazily yields documents from `paths`, in a stable order.
///
/// * Each path is handled in the order given. Directories are walked
///   recursively, entries sorted by name; inside a directory only files ending
///   in `.txt`, `.md`, `.markdown`, `.jsonl` or `.ndjson` are taken, and
///   dot-files and dot-directories (`.git`) are skipped. Symlinked directories
///   are not followed, so a link cycle cannot make the walk endless.
/// * An explicitly named file is taken whatever its extension; `.jsonl` and
///   `.ndjson` files are read as JSON Lines (one document per line).
/// * `-` reads stdin. Stdin has no name to tell its format by, so it is read as
///   JSON Lines if its first non-blank character is `{` (an article practically
///   never starts with a brace), otherwise as one article.
/// * A `manifest.yaml` next to an article file gives its metadata; YAML front
///   matter in the file overrides it.
///
/// A bad file (or bad JSON line, or malformed manifest) yields one `Err` and
/// iteration continues with the next input, so one broken file does not stop a
/// corpus run.
pub fn documents(paths: &[PathBuf]) -> impl Iterator<Item = Result<Document, IngestError>> {
    Documents {
        stack: paths
            .iter()
            .rev()
            .map(|p| Pending {
                path: p.clone(),
                explicit: true,
            })
            .collect(),
        jsonl: None,
        manifests: HashMap::new(),
    }
}

/// An input not yet opened.
struct Pending {
    path: PathBuf,
    /// Named by the user rather than found in a directory walk.
    explicit: bool,
}

/// Metadata per article file name, from one directory's `manifest.yaml`.
type ManifestMetas = HashMap<String, Meta>;

struct Documents {
    /// Inputs still to read; the next one is at the end.
    stack: Vec<Pending>,
    /// The JSON Lines input currently being streamed, if any.
    jsonl: Option<JsonLines>,
    /// Parsed manifests by directory, so each is read once per run.
    manifests: HashMap<PathBuf, ManifestMetas>,
}

impl Iterator for Documents {
    type Item = Result<Document, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(lines) = &mut self.jsonl {
                match lines.next() {
                    Some(item) => return Some(item),
                    None => self.jsonl = None,
                }
            }
            let pending = self.stack.pop()?;
            if let Some(item) = self.open(pending) {
                return Some(item);
            }
        }
    }
}

impl Documents {
    /// Starts reading one input. `None` means it produced nothing yet (a
    /// directory was expanded, or a JSON Lines stream was set up).
    fn open(&mut self, pending: Pending) -> Option<Result<Document, IngestError>> {
        let Pending { path, explicit } = pending;
        if explicit && path.as_os_str() == "-" {
            return self.open_stdin();
        }
        let display = path.display().to_string();
        let io_err = |source| IngestError::Io {
            path: display.clone(),
            source,
        };
        // Explicit paths follow symlinks (the user asked for them); walked
        // entries do not, to stay clear of cycles.
        let meta = if explicit {
            fs::metadata(&path)
        } else {
            fs::symlink_metadata(&path)
        };
        let meta = match meta {
            Ok(m) => m,
            Err(e) => return Some(Err(io_err(e))),
        };
        if meta.is_dir() {
            return self.expand_dir(&path).err().map(|e| Err(io_err(e)));
        }
        if !explicit {
            let is_file = if meta.file_type().is_symlink() {
                fs::metadata(&path).map(|m| m.is_file()).unwrap_or(false)
            } else {
                meta.is_file()
            };
            if !is_file {
                return None;
            }
        }
        if extension_in(&path, JSONL_EXTENSIONS) {
            let file = match File::open(&path) {
                Ok(f) => f,
                Err(e) => return Some(Err(io_err(e))),
            };
            let reader = BufReader::with_capacity(BINARY_SNIFF_LEN, file);
            let stem = file_stem(&path);
            return match JsonLines::new(Box::new(reader), display, stem, Some(path_string(&path))) {
                Ok(lines) => {
                    self.jsonl = Some(lines);
                    None
                }
                Err(e) => Some(Err(e)),
            };
        }
        let base = match self.manifest_meta(&path) {
            Ok(m) => m,
            Err(e) => {
                // Report the manifest once, then read the article without it.
                self.stack.push(Pending { path, explicit });
                return Some(Err(e));
            }
        };
        Some(read_text_file(&path, &display).and_then(|bytes| {
            text_document(
                file_stem(&path),
                Some(path_string(&path)),
                &display,
                bytes,
                base,
            )
        }))
    }

    /// Queues a directory's entries, sorted by name so runs are reproducible
    /// whatever order the filesystem lists them in.
    fn expand_dir(&mut self, dir: &Path) -> io::Result<()> {
        let mut entries = Vec::new();
        for entry in fs::read_dir(dir)? {
            let entry = entry?;
            let name = entry.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            let path = entry.path();
            let is_dir = entry.file_type().map(|t| t.is_dir()).unwrap_or(false);
            if is_dir
                || extension_in(&path, TEXT_EXTENSIONS)
                || extension_in(&path, JSONL_EXTENSIONS)
            {
                entries.push((name, path));
            }
        }
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        self.stack
            .extend(entries.into_iter().rev().map(|(_, path)| Pending {
                path,
                explicit: false,
            }));
        Ok(())
    }

    /// The manifest meta for `file`, from its directory's manifest (read on
    /// first use). On a malformed manifest the directory is cached as having
    /// none, so the error is reported once rather than for every article.
    fn manifest_meta(&mut self, file: &Path) -> Result<Meta, IngestError> {
        let dir = file.parent().unwrap_or(Path::new("")).to_path_buf();
        let lookup = |metas: &ManifestMetas| {
            file.file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| metas.get(n))
                .cloned()
                .unwrap_or_default()
        };
        if let Some(metas) = self.manifests.get(&dir) {
            return Ok(lookup(metas));
        }
        let manifest_path = dir.join("manifest.yaml");
        let loaded = match fs::read_to_string(&manifest_path) {
            Ok(text) => parse_manifest(&text, &manifest_path.display().to_string()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(ManifestMetas::new()),
            Err(e) => Err(IngestError::Io {
                path: manifest_path.display().to_string(),
                source: e,
            }),
        };
        let (metas, result) = match loaded {
            Ok(m) => {
                let meta = lookup(&m);
                (m, Ok(meta))
            }
            Err(e) => (ManifestMetas::new(), Err(e)),
        };
        self.manifests.insert(dir, metas);
        result
    }

    fn open_stdin(&mut self) -> Option<Result<Document, IngestError>> {
        // Not `stdin().lock()`: the lock is not `Send`, and the iterator should
        // be movable to another thread.
        match read_stream(Box::new(BufReader::new(io::stdin())), "stdin") {
            Ok(Stream::Article(bytes)) => Some(text_document(
                "stdin".to_string(),
                None,
                "stdin",
                bytes,
                Meta::default(),
            )),
            Ok(Stream::Lines(lines)) => {
                self.jsonl = Some(lines);
                None
            }
            Err(e) => Some(Err(e)),
        }
    }
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn path_string(path: &Path) -> String {
    path.display().to_string()
}

/// What a stream of unknown format turned out to be.
enum Stream {
    Article(Vec<u8>),
    Lines(JsonLines),
}

/// Decides between one article and JSON Lines by the first non-blank byte,
/// without losing the bytes looked at (the article text must stay complete).
fn read_stream(mut reader: Box<dyn BufRead + Send>, name: &str) -> Result<Stream, IngestError> {
    let io_err = |source| IngestError::Io {
        path: name.to_string(),
        source,
    };
    let mut prefix = Vec::new();
    let first = loop {
        let buf = reader.fill_buf().map_err(io_err)?;
        if buf.is_empty() {
            break None;
        }
        let mut n = 0;
        while n < buf.len() && buf[n].is_ascii_whitespace() {
            n += 1;
        }
        // A leading BOM counts as blank for the format decision.
        if n == 0 && prefix.is_empty() && buf.starts_with(BOM.as_bytes()) {
            n = BOM.len();
        }
        let found = buf.get(n).copied();
        prefix.extend_from_slice(&buf[..n]);
        reader.consume(n);
        if found.is_some() {
            break found;
        }
    };
    if first == Some(b'{') {
        let chained = Cursor::new(prefix).chain(reader);
        let lines = JsonLines::new(Box::new(chained), name.to_string(), name.to_string(), None)?;
        return Ok(Stream::Lines(lines));
    }
    reader.read_to_end(&mut prefix).map_err(io_err)?;
    Ok(Stream::Article(prefix))
}

/// Reads a whole article file, refusing binaries before reading all of them.
fn read_text_file(path: &Path, display: &str) -> Result<Vec<u8>, IngestError> {
    let io_err = |source| IngestError::Io {
        path: display.to_string(),
        source,
    };
    let mut file = File::open(path).map_err(io_err)?;
    let mut bytes = Vec::new();
    (&mut file)
        .take(BINARY_SNIFF_LEN as u64)
        .read_to_end(&mut bytes)
        .map_err(io_err)?;
    check_not_binary(&bytes, display)?;
    file.read_to_end(&mut bytes).map_err(io_err)?;
    Ok(bytes)
}

fn check_not_binary(bytes: &[u8], display: &str) -> Result<(), IngestError> {
    let head = &bytes[..bytes.len().min(BINARY_SNIFF_LEN)];
    match head.iter().position(|&b| b == 0) {
        Some(offset) => Err(IngestError::Binary {
            path: display.to_string(),
            offset,
        }),
        None => Ok(()),
    }
}

/// Validates raw bytes and builds the document, with `base` (manifest meta)
/// overridden by any front matter.
fn text_document(
    id: String,
    path: Option<String>,
    display: &str,
    bytes: Vec<u8>,
    base: Meta,
) -> Result<Document, IngestError> {
    check_not_binary(&bytes, display)?;
    let text = String::from_utf8(bytes).map_err(|e| IngestError::InvalidUtf8 {
        path: display.to_string(),
        offset: e.utf8_error().valid_up_to(),
    })?;
    Ok(build_document(id, path, text, base))
}

fn build_document(id: String, path: Option<String>, text: String, base: Meta) -> Document {
    let start = if text.starts_with(BOM) { BOM.len() } else { 0 };
    let (body_start, meta) = match parse_front_matter(&text, start) {
        Some((end, fm)) => (end, merge(fm, base)),
        None => (start, base),
    };
    Document {
        id,
        path,
        text,
        body_start,
        meta,
    }
}

/// Per field, `over` wins where it has a value.
fn merge(over: Meta, base: Meta) -> Meta {
    Meta {
        outlet: over.outlet.or(base.outlet),
        published: over.published.or(base.published),
        url: over.url.or(base.url),
        title: over.title.or(base.title),
    }
}

/// Finds a `---` … `---` block at `start` and parses it. `None` when there is
/// no closed block or it is not a YAML mapping: then the text is most likely an
/// article that happens to open with a rule, and dropping it would lose text.
fn parse_front_matter(text: &str, start: usize) -> Option<(usize, Meta)> {
    let rest = text.get(start..)?;
    let inner = rest
        .strip_prefix("---\n")
        .or_else(|| rest.strip_prefix("---\r\n"))?;
    let yaml_start = start + (rest.len() - inner.len());
    let mut pos = yaml_start;
    for line in inner.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let yaml = text.get(yaml_start..pos)?;
            let fm = if yaml.trim().is_empty() {
                FrontMatter::default()
            } else {
                serde_yaml::from_str::<FrontMatter>(yaml).ok()?
            };
            return Some((pos + line.len(), fm.into_meta()));
        }
        pos += line.len();
    }
    None
}

/// Metadata fields as written in front matter, manifests and JSON Lines.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct FrontMatter {
    outlet: Scalar,
    published: Scalar,
    /// Common front matter spelling (Jekyll, Hugo) of `published`.
    date: Scalar,
    url: Scalar,
    title: Scalar,
}

impl FrontMatter {
    fn into_meta(self) -> Meta {
        Meta {
            outlet: self.outlet.0,
            published: self.published.0.or(self.date.0),
            url: self.url.0,
            title: self.title.0,
        }
    }
}

#[derive(Debug, Default, Deserialize)]
struct Manifest {
    #[serde(default)]
    articles: HashMap<String, FrontMatter>,
}

fn parse_manifest(text: &str, display: &str) -> Result<ManifestMetas, IngestError> {
    // An empty or comment-only manifest is a YAML null, not a mapping.
    let parsed: Option<Manifest> = serde_yaml::from_str(text).map_err(|e| {
        let (line, column) = e
            .location()
            .map(|l| (l.line(), l.column()))
            .unwrap_or((0, 0));
        let full = e.to_string();
        let suffix = format!(" at line {line} column {column}");
        let message = full.strip_suffix(&suffix).unwrap_or(&full);
        IngestError::Manifest {
            path: display.to_string(),
            line,
            column,
            message: one_line(message),
        }
    })?;
    Ok(parsed
        .unwrap_or_default()
        .articles
        .into_iter()
        .map(|(name, fm)| (name, fm.into_meta()))
        .collect())
}

/// A metadata value kept as a string whatever scalar type YAML or JSON gave it
/// (`published: 2023-09-18` stays a date string; `published: 2023` is fine
/// too). Mappings and sequences are rejected so typos surface.
#[derive(Debug, Default)]
struct Scalar(Option<String>);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string, number, boolean or null")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar(Some(v.to_string())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar, E> {
                Ok(Scalar(Some(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar(Some(v.to_string())))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar(Some(v.to_string())))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar(Some(v.to_string())))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar(Some(v.to_string())))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
                Ok(Scalar(None))
            }
            fn visit_none<E: de::Error>(self) -> Result<Scalar, E> {
                Ok(Scalar(None))
            }
            fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Scalar, D2::Error> {
                d.deserialize_any(V)
            }
        }
        d.deserialize_any(V)
    }
}

/// One JSON Lines record; `text` is required and checked by hand so the error
/// reads `missing field "text"` rather than serde's positional wording.
#[derive(Debug, Deserialize)]
struct JsonRecord {
    #[serde(default)]
    id: Scalar,
    #[serde(default)]
    text: Option<String>,
    /// Unknown keys are ignored, as everywhere else.
    #[serde(flatten)]
    meta: FrontMatter,
}

/// Streams one document per line from a JSON Lines input.
struct JsonLines {
    reader: Box<dyn BufRead + Send>,
    display: String,
    /// Default id prefix: `<stem>-<line>`.
    stem: String,
    path: Option<String>,
    line: usize,
    /// Byte offset of the next line in the input, for UTF-8 errors.
    offset: usize,
    buf: Vec<u8>,
    done: bool,
}

impl JsonLines {
    /// Refuses obvious binaries up front: otherwise every "line" of one would
    /// be reported separately.
    fn new(
        mut reader: Box<dyn BufRead + Send>,
        display: String,
        stem: String,
        path: Option<String>,
    ) -> Result<Self, IngestError> {
        let head = reader.fill_buf().map_err(|source| IngestError::Io {
            path: display.clone(),
            source,
        })?;
        check_not_binary(head, &display)?;
        Ok(JsonLines {
            reader,
            display,
            stem,
            path,
            line: 0,
            offset: 0,
            buf: Vec::new(),
            done: false,
        })
    }

    fn line_err(&self, message: String) -> IngestError {
        IngestError::JsonLine {
            path: self.display.clone(),
            line: self.line,
            message,
        }
    }

    fn parse_line(&self, line_start: usize) -> Option<Result<Document, IngestError>> {
        let mut bytes: &[u8] = &self.buf;
        let mut skipped = 0;
        if self.line == 1 && bytes.starts_with(BOM.as_bytes()) {
            bytes = &bytes[BOM.len()..];
            skipped = BOM.len();
        }
        let text = match std::str::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let at = line_start + skipped + e.valid_up_to();
                return Some(Err(self.line_err(format!("invalid UTF-8 at byte {at}"))));
            }
        };
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return None;
        }
        if !trimmed.starts_with('{') {
            return Some(Err(self.line_err("expected a JSON object".to_string())));
        }
        let record: JsonRecord = match serde_json::from_str(text) {
            Ok(r) => r,
            Err(e) => {
                let full = e.to_string();
                let suffix = format!(" at line {} column {}", e.line(), e.column());
                let message = full.strip_suffix(&suffix).unwrap_or(&full);
                let what = if e.is_data() {
                    "bad record"
                } else {
                    "invalid JSON"
                };
                let at = match e.column() {
                    0 => String::new(),
                    c => format!(" at column {c}"),
                };
                return Some(Err(
                    self.line_err(format!("{what}{at}: {}", one_line(message)))
                ));
            }
        };
        let Some(body) = record.text else {
            return Some(Err(self.line_err("missing field \"text\"".to_string())));
        };
        let id = record
            .id
            .0
            .unwrap_or_else(|| format!("{}-{}", self.stem, self.line));
        Some(Ok(Document {
            id,
            path: self.path.clone(),
            text: body,
            body_start: 0,
            meta: record.meta.into_meta(),
        }))
    }
}

impl Iterator for JsonLines {
    type Item = Result<Document, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.buf.clear();
            let n = match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(n) => n,
                Err(source) => {
                    // A failing stream will likely keep failing: stop here.
                    self.done = true;
                    return Some(Err(IngestError::Io {
                        path: format!("{}:{}", self.display, self.line + 1),
                        source,
                    }));
                }
            };
            if n == 0 {
                self.done = true;
                break;
            }
            self.line += 1;
            let line_start = self.offset;
            self.offset += n;
            if let Some(item) = self.parse_line(line_start) {
                return Some(item);
            }
        }
        None
    }
}

/// The seed articles, embedded so `crosscheck` has a demo corpus with no files
/// around.
const SEEDS: [(&str, &str); 5] = [
    (
        "000_4ca55dbd3066fc4f.txt",
        include_str!("../seeds/000_4ca55dbd3066fc4f.txt"),
    ),
    (
        "001_045e6c689e3a5045.txt",
        include_str!("../seeds/001_045e6c689e3a5045.txt"),
    ),
    (
        "002_2296b516f3618b16.txt",
        include_str!("../seeds/002_2296b516f3618b16.txt"),
    ),
    (
        "003_243ef0f0cd43787a.txt",
        include_str!("../seeds/003_243ef0f0cd43787a.txt"),
    ),
    (
        "004_48af7910958ecb10.txt",
        include_str!("../seeds/004_48af7910958ecb10.txt"),
    ),
];

const SEED_MANIFEST: &str = include_str!("../seeds/manifest.yaml");

/// The built-in demo corpus: the seed articles with meta from their manifest,
/// under the paths they have in the source tree (`seeds/<file>`).
pub fn builtin_seeds() -> Vec<Document> {
    // The manifest is compiled in and covered by tests; if it ever broke, the
    // seeds are still usable without meta.
    let manifest = parse_manifest(SEED_MANIFEST, "seeds/manifest.yaml").unwrap_or_default();
    SEEDS
        .iter()
        .map(|(name, text)| {
            let id = name.strip_suffix(".txt").unwrap_or(name).to_string();
            let base = manifest.get(*name).cloned().unwrap_or_default();
            build_document(id, Some(format!("seeds/{name}")), text.to_string(), base)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A scratch directory removed on drop, unique per test and process.
    struct Scratch(PathBuf);

    impl Scratch {
        fn new(tag: &str) -> Scratch {
            static N: AtomicUsize = AtomicUsize::new(0);
            let n = N.fetch_add(1, Ordering::SeqCst);
            let dir = std::env::temp_dir().join(format!(
                "crosscheck-ingest-{}-{tag}-{n}",
                std::process::id()
            ));
            let _ = fs::remove_dir_all(&dir);
            fs::create_dir_all(&dir).unwrap();
            Scratch(dir)
        }

        fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
            let p = self.0.join(rel);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(&p, bytes).unwrap();
            p
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    fn all(paths: &[PathBuf]) -> Vec<Result<Document, IngestError>> {
        documents(paths).collect()
    }

    fn ok_docs(paths: &[PathBuf]) -> Vec<Document> {
        all(paths).into_iter().map(|r| r.unwrap()).collect()
    }

    #[test]
    fn dir_walk_is_sorted_recursive_and_filtered() {
        let s = Scratch::new("walk");
        s.write("b.txt", "b");
        s.write("a.md", "a");
        s.write("sub/c.markdown", "c");
        s.write("sub/deeper/d.txt", "d");
        s.write("z.TXT", "z");
        s.write("image.png", "x");
        s.write("notes.yaml", "x: 1");
        s.write(".hidden.txt", "h");
        s.write(".git/e.txt", "e");
        s.write("m.jsonl", "{\"text\": \"m\"}\n");
        let docs = ok_docs(std::slice::from_ref(&s.0));
        let ids: Vec<_> = docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "m-1", "c", "d", "z"]);
        assert!(docs[0].path.as_deref().unwrap().ends_with("a.md"));
    }

    #[test]
    fn paths_keep_given_order_and_explicit_files_ignore_extension() {
        let s = Scratch::new("order");
        let x = s.write("x.log", "log text");
        let a = s.write("a.txt", "a text");
        let docs = ok_docs(&[x, a]);
        assert_eq!(docs[0].id, "x");
        assert_eq!(docs[0].text, "log text");
        assert_eq!(docs[1].id, "a");
    }

    #[test]
    fn missing_path_is_an_error_and_iteration_continues() {
        let s = Scratch::new("missing");
        let a = s.write("a.txt", "a");
        let out = all(&[s.0.join("nope.txt"), a]);
        assert_eq!(out.len(), 2);
        let msg = out[0].as_ref().unwrap_err().to_string();
        assert!(msg.contains("nope.txt: "), "{msg}");
        assert!(!msg.contains('\n'));
        assert_eq!(out[1].as_ref().unwrap().id, "a");
    }

    #[test]
    fn manifest_gives_meta() {
        let s = Scratch::new("manifest");
        s.write(
            "manifest.yaml",
            "articles:\n  one.txt:\n    outlet: The Paper\n    published: 2023-09-18\n    language: en\n    extra: [1, 2]\n",
        );
        s.write("one.txt", "Body one.");
        s.write("two.txt", "Body two.");
        let docs = ok_docs(std::slice::from_ref(&s.0));
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].meta.outlet.as_deref(), Some("The Paper"));
        assert_eq!(docs[0].meta.published.as_deref(), Some("2023-09-18"));
        assert_eq!(docs[0].body_start, 0);
        assert_eq!(docs[1].meta, Meta::default());
    }

    #[test]
    fn manifest_applies_to_explicitly_named_file() {
        let s = Scratch::new("manifest-explicit");
        s.write("manifest.yaml", "articles:\n  one.txt:\n    outlet: O\n");
        let one = s.write("one.txt", "Body.");
        let docs = ok_docs(&[one]);
        assert_eq!(docs[0].meta.outlet.as_deref(), Some("O"));
    }

    #[test]
    fn malformed_manifest_is_one_error_naming_line_and_articles_still_read() {
        let s = Scratch::new("badmanifest");
        s.write(
            "manifest.yaml",
            "articles:\n  one.txt:\n    outlet: [unclosed\n  two.txt: {\n",
        );
        s.write("one.txt", "Body one.");
        s.write("two.txt", "Body two.");
        let out = all(std::slice::from_ref(&s.0));
        let errs: Vec<_> = out.iter().filter_map(|r| r.as_ref().err()).collect();
        assert_eq!(errs.len(), 1, "{out:?}");
        let msg = errs[0].to_string();
        assert!(msg.contains("manifest.yaml:"), "{msg}");
        match errs[0] {
            IngestError::Manifest { line, .. } => assert!(*line >= 3, "{msg}"),
            other => panic!("unexpected {other:?}"),
        }
        assert!(!msg.contains('\n'));
        let docs: Vec<_> = out.iter().filter_map(|r| r.as_ref().ok()).collect();
        assert_eq!(docs.len(), 2);
        assert!(docs.iter().all(|d| d.meta == Meta::default()));
    }

    #[test]
    fn manifest_with_wrong_type_reports_location() {
        let err =
            parse_manifest("articles:\n  a.txt:\n    outlet: {x: 1}\n", "m.yaml").unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("m.yaml:3:"), "{msg}");
    }

    #[test]
    fn empty_manifest_is_fine() {
        assert!(parse_manifest("# nothing yet\n", "m.yaml")
            .unwrap()
            .is_empty());
    }

    #[test]
    fn front_matter_gives_meta_and_body_start() {
        let text = "---\ntitle: Hello\ndate: 2024-02-27\nurl: https://x.example/a\ntags: [a]\n---\nBody here.\n";
        let d = build_document("t".into(), None, text.into(), Meta::default());
        assert_eq!(d.text, text);
        assert_eq!(d.body(), "Body here.\n");
        assert_eq!(&text[d.body_start..], "Body here.\n");
        assert_eq!(d.meta.title.as_deref(), Some("Hello"));
        assert_eq!(d.meta.published.as_deref(), Some("2024-02-27"));
        assert_eq!(d.meta.url.as_deref(), Some("https://x.example/a"));
    }

    #[test]
    fn front_matter_with_crlf_and_empty_block() {
        let d = build_document(
            "t".into(),
            None,
            "---\r\noutlet: X\r\n---\r\nBody".into(),
            Meta::default(),
        );
        assert_eq!(d.body(), "Body");
        assert_eq!(d.meta.outlet.as_deref(), Some("X"));
        let d = build_document("t".into(), None, "---\n---\nBody".into(), Meta::default());
        assert_eq!(d.body_start, 8);
    }

    #[test]
    fn front_matter_overrides_manifest() {
        let s = Scratch::new("override");
        s.write(
            "manifest.yaml",
            "articles:\n  a.md:\n    outlet: Manifest Outlet\n    published: 2020-01-01\n",
        );
        s.write("a.md", "---\noutlet: Front Outlet\n---\nBody");
        let d = &ok_docs(std::slice::from_ref(&s.0))[0];
        assert_eq!(d.meta.outlet.as_deref(), Some("Front Outlet"));
        assert_eq!(d.meta.published.as_deref(), Some("2020-01-01"));
        assert_eq!(d.body(), "Body");
    }

    #[test]
    fn bad_or_unclosed_front_matter_is_body() {
        for text in [
            "---\njust a rule then prose\n---\nmore",
            "---\ntitle: [unclosed\n---\nBody",
            "---\ntitle: no closing line\nBody",
            "--- not front matter\n---\n",
        ] {
            let d = build_document("t".into(), None, text.into(), Meta::default());
            assert_eq!(d.body_start, 0, "{text:?}");
            assert_eq!(d.meta, Meta::default());
        }
    }

    #[test]
    fn bom_is_kept_in_text_but_skipped_by_body_start() {
        let s = Scratch::new("bom");
        let p = s.write("a.txt", "\u{feff}---\ntitle: T\n---\nBody");
        let d = &ok_docs(std::slice::from_ref(&p))[0];
        assert!(d.text.starts_with('\u{feff}'));
        assert_eq!(d.body(), "Body");
        assert_eq!(d.meta.title.as_deref(), Some("T"));
        fs::write(&p, "\u{feff}Plain").unwrap();
        let d = &ok_docs(&[p])[0];
        assert_eq!(d.body_start, 3);
        assert_eq!(d.body(), "Plain");
    }

    #[test]
    fn jsonl_good_and_bad_lines() {
        let s = Scratch::new("jsonl");
        let p = s.write(
            "corpus.jsonl",
            concat!(
                "{\"id\": \"first\", \"text\": \"One.\", \"outlet\": \"O\", \"published\": \"2023-09-18\", \"extra\": 1}\n",
                "\n",
                "{\"title\": \"no text\"}\n",
                "{not json\n",
                "[1, 2]\n",
                "{\"text\": \"Four.\", \"url\": \"u\"}\r\n",
                "{\"id\": 7, \"text\": \"Last, no newline.\"}",
            ),
        );
        let out = all(&[p]);
        assert_eq!(out.len(), 6, "{out:?}");
        let first = out[0].as_ref().unwrap();
        assert_eq!(first.id, "first");
        assert_eq!(first.text, "One.");
        assert_eq!(first.meta.outlet.as_deref(), Some("O"));
        assert_eq!(first.meta.published.as_deref(), Some("2023-09-18"));
        assert!(first.path.as_deref().unwrap().ends_with("corpus.jsonl"));

        let e = out[1].as_ref().unwrap_err().to_string();
        assert!(e.ends_with("corpus.jsonl:3: missing field \"text\""), "{e}");
        let e = out[2].as_ref().unwrap_err().to_string();
        assert!(e.contains("corpus.jsonl:4: invalid JSON"), "{e}");
        let e = out[3].as_ref().unwrap_err().to_string();
        assert!(e.ends_with("corpus.jsonl:5: expected a JSON object"), "{e}");

        let four = out[4].as_ref().unwrap();
        assert_eq!(four.id, "corpus-6");
        assert_eq!(four.text, "Four.");
        assert_eq!(four.meta.url.as_deref(), Some("u"));
        assert_eq!(out[5].as_ref().unwrap().id, "7");
        for r in &out {
            if let Err(e) = r {
                assert!(!e.to_string().contains('\n'));
            }
        }
    }

    #[test]
    fn jsonl_invalid_utf8_names_line_and_file_offset() {
        let s = Scratch::new("jsonl-utf8");
        let mut bytes = b"{\"text\": \"ok\"}\n{\"text\": \"".to_vec();
        bytes.push(0xff);
        bytes.extend_from_slice(b"\"}\n{\"text\": \"after\"}\n");
        let p = s.write("c.ndjson", bytes);
        let out = all(&[p]);
        assert_eq!(out.len(), 3);
        let e = out[1].as_ref().unwrap_err().to_string();
        assert!(e.ends_with("c.ndjson:2: invalid UTF-8 at byte 25"), "{e}");
        assert_eq!(out[2].as_ref().unwrap().text, "after");
    }

    #[test]
    fn invalid_utf8_error_names_byte_offset_and_next_file_is_read() {
        let s = Scratch::new("utf8");
        let mut bytes = "héllo ".as_bytes().to_vec();
        bytes.extend_from_slice(&[0xc3, 0x28]);
        let bad = s.write("bad.txt", bytes);
        let good = s.write("good.txt", "fine");
        let out = all(&[bad, good]);
        let e = out[0].as_ref().unwrap_err();
        assert!(
            matches!(e, IngestError::InvalidUtf8 { offset: 7, .. }),
            "{e:?}"
        );
        assert!(e.to_string().ends_with("bad.txt: invalid UTF-8 at byte 7"));
        assert_eq!(out[1].as_ref().unwrap().text, "fine");
    }

    #[test]
    fn nul_byte_is_binary() {
        let s = Scratch::new("nul");
        let p = s.write("notes.txt", b"seventeen bytes..\0more");
        let e = all(&[p]).remove(0).unwrap_err().to_string();
        assert!(
            e.ends_with("notes.txt: binary data (NUL byte at byte 17)"),
            "{e}"
        );
        let j = s.write("bin.jsonl", b"\0\0\0\n\0\n");
        let out = all(&[j]);
        assert_eq!(out.len(), 1);
        assert!(matches!(out[0], Err(IngestError::Binary { offset: 0, .. })));
    }

    #[test]
    fn nul_after_sniff_window_is_not_binary_but_utf8_valid() {
        let mut bytes = vec![b'a'; BINARY_SNIFF_LEN + 10];
        bytes[BINARY_SNIFF_LEN + 2] = 0;
        let d = text_document("x".into(), None, "x", bytes, Meta::default()).unwrap();
        assert_eq!(d.text.len(), BINARY_SNIFF_LEN + 10);
    }

    #[test]
    fn empty_file_is_an_empty_document() {
        let s = Scratch::new("empty");
        let p = s.write("empty.txt", "");
        let d = &ok_docs(&[p])[0];
        assert_eq!(d.id, "empty");
        assert_eq!(d.text, "");
        assert_eq!(d.body_start, 0);
        let j = s.write("empty.jsonl", "");
        assert!(all(&[j]).is_empty());
    }

    #[test]
    fn stream_is_article_unless_it_starts_with_brace() {
        let text = "\n  Article text {with braces}\n";
        match read_stream(Box::new(Cursor::new(text.as_bytes().to_vec())), "stdin") {
            Ok(Stream::Article(bytes)) => assert_eq!(bytes, text.as_bytes()),
            _ => panic!("expected article"),
        }
        let lines = "\n\n {\"text\": \"a\"}\n{\"text\": \"b\"}\n";
        match read_stream(Box::new(Cursor::new(lines.as_bytes().to_vec())), "stdin") {
            Ok(Stream::Lines(l)) => {
                let docs: Vec<_> = l.map(|r| r.unwrap()).collect();
                assert_eq!(docs.len(), 2);
                assert_eq!(docs[0].id, "stdin-3");
                assert_eq!(docs[1].text, "b");
                assert_eq!(docs[1].path, None);
            }
            _ => panic!("expected lines"),
        }
        match read_stream(Box::new(Cursor::new(Vec::new())), "stdin") {
            Ok(Stream::Article(bytes)) => assert!(bytes.is_empty()),
            _ => panic!("expected empty article"),
        }
    }

    #[test]
    fn iterator_is_send() {
        fn assert_send<T: Send>(_: &T) {}
        assert_send(&documents(&[]));
    }

    #[test]
    fn builtin_seeds_have_meta() {
        let seeds = builtin_seeds();
        assert_eq!(seeds.len(), 5);
        for d in &seeds {
            assert!(d.meta.outlet.is_some(), "{}", d.id);
            assert!(d.meta.published.is_some(), "{}", d.id);
            assert!(!d.text.is_empty());
            assert_eq!(
                d.path.as_deref(),
                Some(format!("seeds/{}.txt", d.id).as_str())
            );
        }
        assert_eq!(seeds[0].id, "000_4ca55dbd3066fc4f");
        assert_eq!(seeds[0].meta.outlet.as_deref(), Some("The Independent"));
        assert_eq!(seeds[0].meta.published.as_deref(), Some("2023-09-18"));
        assert_eq!(
            seeds[3].meta.outlet.as_deref(),
            Some("South China Morning Post")
        );
    }

    #[test]
    fn seeds_manifest_on_disk_matches_builtin() {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let disk = ok_docs(&[dir]);
        let builtin = builtin_seeds();
        assert_eq!(disk.len(), builtin.len());
        for (a, b) in disk.iter().zip(&builtin) {
            assert_eq!(a.id, b.id);
            assert_eq!(a.meta, b.meta);
            assert_eq!(a.text, b.text);
        }
    }
}
