//! The claim records every later stage works on.
//!
//! Spans are byte offsets into the original file (front matter and furniture
//! included), so `text == original[span.start..span.end]` always holds.

use serde::{Deserialize, Serialize};

/// A half-open byte range into the original article text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The text this span covers; empty if the span does not fit `text`.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// How much of the content is quoted verbatim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// The whole content stands inside quotation marks.
    Direct,
    /// No quotation marks: reported speech.
    Indirect,
    /// Reported speech with a quoted fragment inside.
    Mixed,
}

impl QuoteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Indirect => "indirect",
            QuoteKind::Mixed => "mixed",
        }
    }
}

/// What kind of party a source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceType {
    Person,
    Organization,
    Government,
    Media,
    Document,
    Anonymous,
    Collective,
}

impl SourceType {
    pub const ALL: [SourceType; 7] = [
        SourceType::Person,
        SourceType::Organization,
        SourceType::Government,
        SourceType::Media,
        SourceType::Document,
        SourceType::Anonymous,
        SourceType::Collective,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SourceType::Person => "person",
            SourceType::Organization => "organization",
            SourceType::Government => "government",
            SourceType::Media => "media",
            SourceType::Document => "document",
            SourceType::Anonymous => "anonymous",
            SourceType::Collective => "collective",
        }
    }
}

/// Who a claim is credited to, as written and as resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// The mention as written: `Mr Wang`, `he`, `experts`.
    pub text: String,
    pub span: Span,
    /// Canonical name of the party: `Wang Yi`, `Chinese Ministry of Foreign Affairs`.
    pub entity: String,
    #[serde(rename = "type")]
    pub source_type: SourceType,
    /// Title or role when the article gives one: `Chinese Foreign Minister`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

/// The word or phrase that signals the attribution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cue {
    pub text: String,
    pub span: Span,
    /// Dictionary form: `say` for `said`, `according to` for `According to`.
    pub lemma: String,
    /// speech, belief, denial, accusation, document, relay …
    pub family: String,
}

/// What the source is said to have said, believed or claimed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Content {
    pub text: String,
    pub span: Span,
}

/// One attribution relation: a source says a content, signalled by a cue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attribution {
    pub kind: QuoteKind,
    pub source: Source,
    pub cue: Cue,
    pub content: Content,
    /// The party that relays the claim (`Tass, citing the Kremlin, said`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<Source>,
    /// The sentence the attribution was found in.
    pub sentence: Span,
    /// The grammar rule that matched (`source_then_clause`, `quote_then_source` …),
    /// so a rule author can see why a record exists.
    pub pattern: String,
}

/// Metadata known about an article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// ISO 8601 date (`2023-09-18`) as given by the front matter or manifest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

/// The extraction result for one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleAttributions {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(flatten)]
    pub meta: Meta,
    pub attributions: Vec<Attribution>,
}
