//! Comparing claims across articles about the same event.
//!
//! `claims` reads each article into sentence-level claims with normalised
//! values; `events` groups articles into events (and lets a claim that recalls
//! an earlier event join it); `relate` blocks claims by shared keys inside an
//! event and says how each candidate pair relates. This module runs the
//! pipeline and shapes the report.

pub mod claims;
pub mod events;
pub mod relate;
pub mod score;

use serde::Serialize;

use crate::extract::Extractor;
use crate::ingest::Document;
use crate::model::Span;
use claims::{read_article, Article};
use events::{by_month, event_of_claim, group, Event};
use relate::{candidates, denials, relate, Kind};

/// One side of a relation.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimRef {
    pub article: String,
    pub outlet: String,
    pub span: Span,
    /// The sentence the claim stands in.
    pub sentence: Span,
    pub text: String,
    /// Who the claim is credited to; absent when the outlet says it itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The normalised values that decided the relation.
    pub values: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Relation {
    pub kind: &'static str,
    pub reason: String,
    pub confidence: f64,
    pub claims: Vec<ClaimRef>,
    /// For quotation variants: words only on the first side, only on the second.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diff: Option<(Vec<String>, Vec<String>)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EventOut {
    pub id: String,
    pub articles: Vec<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CompareReport {
    pub events: Vec<EventOut>,
    pub relations: Vec<Relation>,
    /// Claims with nothing to compare against: single-source, not findings.
    pub single_source: usize,
}

/// Reads the documents and compares their claims.
pub fn compare(ex: &Extractor, docs: &[Document]) -> CompareReport {
    let mut articles: Vec<Article> = docs.iter().map(|d| read_article(ex, d)).collect();
    for (i, a) in articles.iter_mut().enumerate() {
        for c in &mut a.claims {
            c.article = i;
        }
    }
    compare_articles(&articles)
}

pub fn compare_articles(articles: &[Article]) -> CompareReport {
    let (events, of_article) = group(articles);
    let months = by_month(&events);
    let mut members: Vec<Vec<(usize, usize)>> = vec![Vec::new(); events.len()];
    for (a, art) in articles.iter().enumerate() {
        for (c, claim) in art.claims.iter().enumerate() {
            members[event_of_claim(of_article[a], claim, art, &months)].push((a, c));
        }
    }
    let mut found = Vec::new();
    for m in &members {
        for (x, y) in candidates(articles, m) {
            found.extend(relate(articles, x, y));
        }
    }
    for a in 0..articles.len() {
        found.extend(denials(articles, a));
    }
    // Copies of one wire story count once: drop agreements between syndicated articles.
    let syndicated: std::collections::HashSet<(usize, usize)> = found
        .iter()
        .filter(|f| f.kind == Kind::Syndicated)
        .flat_map(|f| {
            let (p, q) = (f.claims[0].0, f.claims[1].0);
            [(p, q), (q, p)]
        })
        .collect();
    found
        .retain(|f| f.kind != Kind::Agree || !syndicated.contains(&(f.claims[0].0, f.claims[1].0)));
    let related: std::collections::HashSet<(usize, usize)> =
        found.iter().flat_map(|f| f.claims).collect();
    let single_source = articles.iter().map(|a| a.claims.len()).sum::<usize>() - related.len();
    found.sort_by(|p, q| {
        p.kind
            .cmp(&q.kind)
            .then(q.confidence.total_cmp(&p.confidence))
            .then(p.claims.cmp(&q.claims))
    });
    let relations = merge_agreements(articles, found)
        .into_iter()
        .map(|(f, claims)| to_relation(articles, f, &claims))
        .collect();
    let events = events
        .into_iter()
        .map(|e: Event| EventOut {
            id: e.id,
            articles: e.articles.iter().map(|&i| articles[i].id.clone()).collect(),
            from: e.from,
            to: e.to,
        })
        .collect();
    CompareReport {
        events,
        relations,
        single_source,
    }
}

/// Agreements on the same normalised value that share a claim become one
/// relation listing every claim that states it ("Monday to Thursday", "four
/// days", "four days"), so a reader sees how many outlets carry the fact.
/// Other relations keep their two claims.
fn merge_agreements(
    articles: &[Article],
    found: Vec<relate::Found>,
) -> Vec<(relate::Found, Vec<(usize, usize)>)> {
    let mut out: Vec<(relate::Found, Vec<(usize, usize)>)> = Vec::new();
    for f in found {
        let merged = f.value.as_ref().and_then(|v| {
            out.iter_mut().find(|(g, claims)| {
                g.value.as_ref() == Some(v) && f.claims.iter().any(|c| claims.contains(c))
            })
        });
        match merged {
            Some((g, claims)) => {
                for c in f.claims {
                    if !claims.contains(&c) {
                        claims.push(c);
                    }
                }
                let mut outlets: Vec<&str> = claims
                    .iter()
                    .map(|&(a, _)| articles[a].outlet.as_str())
                    .collect();
                outlets.sort_unstable();
                outlets.dedup();
                g.reason = format!(
                    "{} outlets state {}",
                    outlets.len(),
                    g.value.as_deref().unwrap_or("")
                );
                g.confidence = g.confidence.max(f.confidence);
            }
            None => {
                let claims = f.claims.to_vec();
                out.push((f, claims));
            }
        }
    }
    out
}

fn to_relation(articles: &[Article], f: relate::Found, claims: &[(usize, usize)]) -> Relation {
    let claims = claims
        .iter()
        .map(|&(a, c)| {
            let art = &articles[a];
            let claim = &art.claims[c];
            let mut values: Vec<String> = claim
                .times
                .iter()
                .map(|t| format!("{} = {}", t.text, time_value(&t.value)))
                .collect();
            values.extend(
                claim
                    .quantities
                    .iter()
                    .map(|q| format!("{} = {}", q.text, q.value)),
            );
            ClaimRef {
                article: art.id.clone(),
                outlet: art.outlet.clone(),
                span: claim.span,
                sentence: claim.sentence,
                text: claim.text.clone(),
                source: claim.credit.as_ref().map(|c| c.entity.clone()),
                values,
            }
        })
        .collect();
    Relation {
        kind: f.kind.as_str(),
        reason: f.reason,
        confidence: f.confidence,
        claims,
        diff: f.diff,
    }
}

fn time_value(v: &crate::normalise::TimeValue) -> String {
    use crate::normalise::TimeValue::*;
    match v {
        Date(d) | Duration(d) => d.clone(),
        Interval {
            start,
            end,
            duration,
        } => format!(
            "{start}/{end}{}",
            duration
                .as_deref()
                .map(|d| format!(" ({d})"))
                .unwrap_or_default()
        ),
        Anchored { anchor, offset } => format!("{offset} from \"{anchor}\""),
        Unresolved => "unresolved".to_string(),
    }
}
