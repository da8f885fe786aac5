//! Claims: what each sentence asserts, in comparable form.
//!
//! A claim is a sentence-level statement. When the sentence holds an
//! attribution the claim is its content and keeps who it is credited to, so
//! the comparer can tell what a source said from what the outlet says in its
//! own voice. Each claim carries the values comparison needs: canonical
//! entities, content terms, quotations, time expressions resolved against the
//! publication date, and quantities.

use serde::Serialize;

use crate::extract::Extractor;
use crate::ingest::Document;
use crate::lexer::{tag, Token};
use crate::model::{Attribution, SourceType, Span};
use crate::normalise::{find_quantities, find_times, Quantity, TimeExpr};
use crate::resolve::{self, fold, ArticleNames};

/// Who a claim is credited to, when it is attributed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Credit {
    pub source: String,
    pub entity: String,
    #[serde(rename = "type")]
    pub source_type: SourceType,
    pub cue: String,
    pub family: String,
    pub via: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Claim {
    /// Index of the article in the corpus.
    pub article: usize,
    pub span: Span,
    pub sentence: Span,
    pub text: String,
    pub credit: Option<Credit>,
    /// Canonical entities, folded, sorted, unique.
    pub entities: Vec<String>,
    /// Content words, folded and crudely stemmed, sorted, unique.
    pub terms: Vec<String>,
    /// Text inside quotation marks of two words or more.
    pub quotes: Vec<(Span, String)>,
    pub times: Vec<TimeExpr>,
    pub quantities: Vec<Quantity>,
}

/// One article read for comparison.
#[derive(Debug, Clone)]
pub struct Article {
    pub id: String,
    pub outlet: String,
    pub published: Option<jiff::civil::Date>,
    pub text: String,
    pub claims: Vec<Claim>,
    /// The attributions the claims were read from.
    pub attributions: Vec<Attribution>,
}

/// Words that carry no content for matching.
const STOP: &[&str] = &[
    "the",
    "a",
    "an",
    "of",
    "to",
    "in",
    "on",
    "at",
    "for",
    "with",
    "and",
    "or",
    "but",
    "by",
    "from",
    "as",
    "that",
    "this",
    "these",
    "those",
    "it",
    "its",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "has",
    "have",
    "had",
    "will",
    "would",
    "could",
    "can",
    "may",
    "might",
    "should",
    "not",
    "no",
    "he",
    "she",
    "they",
    "his",
    "her",
    "their",
    "which",
    "who",
    "said",
    "says",
    "say",
    "also",
    "than",
    "into",
    "about",
    "after",
    "before",
    "while",
    "said",
    "told",
    "reported",
    "according",
    "mr",
    "ms",
    "mrs",
    "s",
    "t",
    "there",
];

/// A crude stem so "consultation" meets "consultations" and "visits" "visit".
pub fn stem(w: &str) -> String {
    let w = w.to_lowercase();
    for suffix in ["ing", "ed", "es", "s"] {
        if w.len() > suffix.len() + 3 {
            if let Some(stem) = w.strip_suffix(suffix) {
                return stem.to_string();
            }
        }
    }
    w
}

/// The content words of a text, stemmed.
pub fn terms(text: &str) -> Vec<String> {
    let mut out: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 1 && !STOP.contains(&w.to_lowercase().as_str()))
        .map(stem)
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Reads one document into claims.
pub fn read_article(ex: &Extractor, doc: &Document) -> Article {
    let published = doc
        .meta
        .published
        .as_deref()
        .and_then(|p| p.get(..10).unwrap_or(p).parse().ok());
    let attributions = ex.extract_article(&doc.text, doc.body_start, doc.meta.outlet.as_deref());
    let sentences = ex.sentences(&doc.text, doc.body_start);
    let mut names = ArticleNames::default();
    let tokens: Vec<Vec<Token>> = sentences
        .iter()
        .map(|&s| {
            let t = ex.lexicon().tokenize(&doc.text, s);
            names.observe(&doc.text, &t);
            t
        })
        .collect();
    let mut claims = Vec::new();
    for (s, toks) in sentences.iter().zip(&tokens) {
        let entities = entities_in(ex, &doc.text, toks, &names);
        let here: Vec<&Attribution> = attributions.iter().filter(|a| a.sentence == *s).collect();

        if here.is_empty() {
            claims.push(make_claim(doc, published, *s, *s, None, entities));
            continue;
        }
        for a in here {
            let credit = Credit {
                source: a.source.text.clone(),
                // Undotted: "U.S. Navy" in one house style is "US Navy" in another.
                entity: resolve::undotted(&a.source.entity),
                source_type: a.source.source_type,
                cue: a.cue.lemma.clone(),
                family: a.cue.family.clone(),
                via: a.via.as_ref().map(|v| resolve::undotted(&v.entity)),
            };
            let mut ents = entities.clone();
            ents.retain(|e| *e != fold(&resolve::undotted(&a.source.entity)));
            claims.push(make_claim(
                doc,
                published,
                a.content.span,
                *s,
                Some(credit),
                ents,
            ));
        }
    }
    Article {
        id: doc.id.clone(),
        outlet: doc.meta.outlet.clone().unwrap_or_else(|| doc.id.clone()),
        published,
        text: doc.text.clone(),
        claims,
        attributions,
    }
}

fn make_claim(
    doc: &Document,
    published: Option<jiff::civil::Date>,
    span: Span,
    sentence: Span,
    credit: Option<Credit>,
    entities: Vec<String>,
) -> Claim {
    let text = span.slice(&doc.text);
    // Times and numbers are read in the whole sentence: "Running from Monday
    // to Thursday, the visit …, the ministry said" dates the claim.
    let sentence_text = sentence.slice(&doc.text);
    let shift = |(a, b): (usize, usize)| (a + sentence.start, b + sentence.start);
    let times = find_times(sentence_text, published)
        .into_iter()
        .map(|mut t| {
            t.span = shift(t.span);
            t
        })
        .collect();
    let quantities = find_quantities(sentence_text)
        .into_iter()
        .map(|mut q| {
            q.span = shift(q.span);
            q
        })
        .collect();
    Claim {
        article: 0,
        span,
        sentence,
        text: text.to_string(),
        credit,
        entities,
        terms: terms(text),
        quotes: quotes_in(&doc.text, span),
        times,
        quantities,
    }
}

/// Canonical entities named in a sentence: each run of capitalised words.
fn entities_in(ex: &Extractor, text: &str, tokens: &[Token], names: &ArticleNames) -> Vec<String> {
    let mut out: Vec<String> = tokens
        .split(|t| t.tag != tag::PROPER && t.tag != tag::TITLE)
        .filter(|run| run.iter().any(|t| t.tag == tag::PROPER))
        .map(|run| {
            let r = resolve::resolve(text, run, ex.gazetteer(), names);
            fold(&resolve::undotted(&r.entity))
        })
        .filter(|e| !e.is_empty())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Quotations of two words or more inside `span`.
fn quotes_in(text: &str, span: Span) -> Vec<(Span, String)> {
    let s = span.slice(text);
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in s.char_indices() {
        match c {
            '“' | '‘' => open = Some(i + c.len_utf8()),
            '"' if open.is_none() => open = Some(i + 1),
            '”' | '"' | '’' => {
                // An apostrophe inside a word is not a closing mark.
                let next = s[i + c.len_utf8()..].chars().next();
                if c == '’' && next.is_some_and(char::is_alphanumeric) {
                    continue;
                }
                if let Some(o) = open.take() {
                    let q = s[o..i].trim_end_matches(['.', ',']);
                    if q.split_whitespace().count() >= 2 {
                        out.push((
                            Span::new(span.start + o, span.start + o + q.len()),
                            q.to_string(),
                        ));
                    }
                }
            }
            _ => {}
        }
    }
    out
}
