//! Reports people read: attributions per article with a sourcing profile,
//! who is cited by which outlet, and the cross-source relations to review.
//!
//! [`build`] gathers everything once; `term`, `markdown` and `html` render it.
//! JSON and YAML are the same [`Report`] serialised.

pub mod html;
pub mod markdown;
pub mod term;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::compare::claims::read_article;
use crate::compare::Relation;
use crate::compare::{compare_articles, CompareReport};
use crate::extract::Extractor;
use crate::ingest::Document;
use crate::model::{Attribution, QuoteKind, SourceType};

/// How an article sources what it says.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Profile {
    /// Claims (sentence-level statements) in the article.
    pub claims: usize,
    /// Claims credited to a source.
    pub attributed: usize,
    /// Claims the outlet makes in its own voice.
    pub own_voice: usize,
    pub named_sources: usize,
    pub anonymous_sources: usize,
    pub by_type: BTreeMap<String, usize>,
    pub direct: usize,
    pub indirect: usize,
    pub mixed: usize,
    /// Relayed chains: "Tass citing Kremlin".
    pub relayed: Vec<String>,
    /// Sources most relied on, most cited first.
    pub top_sources: Vec<(String, usize)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ArticleReport {
    pub id: String,
    pub outlet: String,
    pub published: Option<String>,
    pub path: Option<String>,
    /// The article text, for the HTML page's highlighted view.
    #[serde(skip)]
    pub text: String,
    pub profile: Profile,
    pub attributions: Vec<Attribution>,
}

/// A claim only one outlet carries.
#[derive(Debug, Clone, Serialize)]
pub struct OnlyHere {
    pub article: String,
    pub outlet: String,
    pub source: String,
    pub content: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub articles: Vec<ArticleReport>,
    /// Source entity → outlet → number of attributions.
    pub cited_by: BTreeMap<String, BTreeMap<String, usize>>,
    /// Attributed claims no other article lines up with.
    pub only_one_outlet: Vec<OnlyHere>,
    pub comparison: CompareReport,
}

/// Reads, extracts and compares the documents; `progress` is told after each one.
pub fn build(ex: &Extractor, docs: &[Document], progress: &mut dyn FnMut(usize)) -> Report {
    let mut articles = Vec::with_capacity(docs.len());
    let mut reports = Vec::with_capacity(docs.len());
    for (i, d) in docs.iter().enumerate() {
        let mut a = read_article(ex, d);
        for c in &mut a.claims {
            c.article = i;
        }
        let attributions = a.attributions.clone();
        reports.push(ArticleReport {
            id: d.id.clone(),
            outlet: a.outlet.clone(),
            published: d.meta.published.clone(),
            path: d.path.clone(),
            text: d.text.clone(),
            profile: profile(&attributions, a.claims.len()),
            attributions,
        });
        articles.push(a);
        progress(i + 1);
    }
    let comparison = compare_articles(&articles);
    let mut cited_by: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for r in &reports {
        for a in &r.attributions {
            *cited_by
                .entry(a.source.entity.clone())
                .or_default()
                .entry(r.outlet.clone())
                .or_default() += 1;
        }
    }
    let related: BTreeSet<(&str, usize)> = comparison
        .relations
        .iter()
        .flat_map(|rel| {
            rel.claims
                .iter()
                .map(|c| (c.article.as_str(), c.span.start))
        })
        .collect();
    let only_one_outlet = reports
        .iter()
        .flat_map(|r| {
            r.attributions
                .iter()
                .filter(|a| !related.contains(&(r.id.as_str(), a.content.span.start)))
                .map(|a| OnlyHere {
                    article: r.id.clone(),
                    outlet: r.outlet.clone(),
                    source: a.source.entity.clone(),
                    content: a.content.text.clone(),
                })
        })
        .collect();
    Report {
        articles: reports,
        cited_by,
        only_one_outlet,
        comparison,
    }
}

fn profile(attributions: &[Attribution], claims: usize) -> Profile {
    let mut p = Profile {
        claims,
        attributed: attributions.len(),
        own_voice: claims.saturating_sub(attributions.len()),
        ..Profile::default()
    };
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for a in attributions {
        match a.source.source_type {
            SourceType::Anonymous => p.anonymous_sources += 1,
            _ => p.named_sources += 1,
        }
        *p.by_type
            .entry(a.source.source_type.as_str().to_string())
            .or_default() += 1;
        match a.kind {
            QuoteKind::Direct => p.direct += 1,
            QuoteKind::Indirect => p.indirect += 1,
            QuoteKind::Mixed => p.mixed += 1,
        }
        if let Some(v) = &a.via {
            p.relayed
                .push(format!("{} citing {}", v.entity, a.source.entity));
        }
        *counts.entry(&a.source.entity).or_default() += 1;
    }
    let mut top: Vec<(String, usize)> = counts
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    top.truncate(5);
    p.top_sources = top;
    p
}

/// Relations in review order: contradictions and quotation variants first.
pub fn review_order(r: &CompareReport) -> Vec<usize> {
    let rank = |k: &str| match k {
        "contradict" => 0,
        "quote-variant" => 1,
        "attribution-differs" => 2,
        "tension" => 3,
        "agree" => 4,
        _ => 5,
    };
    let mut order: Vec<usize> = (0..r.relations.len()).collect();
    order.sort_by_key(|&i| (rank(r.relations[i].kind), i));
    order
}

/// The stretches of a claim's text a reviewer should see highlighted: the
/// words only this side of a quotation variant has, and the time and number
/// expressions that decided the relation.
pub fn emphasis(rel: &Relation, side: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if let Some((a, b)) = &rel.diff {
        out.extend(if side == 0 { a.clone() } else { b.clone() });
    }
    if matches!(rel.kind, "contradict" | "tension") {
        if let Some(c) = rel.claims.get(side) {
            out.extend(
                c.values
                    .iter()
                    .filter_map(|v| v.split(" = ").next())
                    .map(str::to_string),
            );
        }
    }
    out.retain(|w| !w.is_empty());
    out
}

/// Splits `text` into (piece, emphasised) runs at the first occurrence of
/// each emphasis string that stands on word boundaries.
pub fn emphasise<'t>(text: &'t str, marks: &[String]) -> Vec<(&'t str, bool)> {
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for m in marks {
        let mut from = 0;
        while let Some(at) = text.get(from..).and_then(|rest| rest.find(m.as_str())) {
            let (s, e) = (from + at, from + at + m.len());
            let before_ok = text[..s]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let after_ok = text[e..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            if before_ok && after_ok {
                ranges.push((s, e));
                break;
            }
            from = e;
        }
    }
    ranges.sort_unstable();
    let mut out = Vec::new();
    let mut pos = 0;
    for (s, e) in ranges {
        if s < pos {
            continue;
        }
        if s > pos {
            out.push((&text[pos..s], false));
        }
        out.push((&text[s..e], true));
        pos = e;
    }
    if pos < text.len() {
        out.push((&text[pos..], false));
    }
    out
}
