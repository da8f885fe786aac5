//! Scoring comparison output against a gold `comparisons.yaml`.
//!
//! A gold relation is found when one reported relation has claims covering
//! at least two of its snippets: a reported claim covers a snippet when it is
//! in the same article and its sentence contains (overlaps) the snippet.
//! Found with the right kind counts towards recall per kind. A reported
//! `contradict` is correct when it covers a gold contradiction. A
//! distinct-events pair is violated when any reported relation other than
//! `syndicated` covers both of its claims.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{CompareReport, Relation};
use crate::eval::EvalError;
use crate::model::Span;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldClaim {
    pub article: String,
    pub snippet: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldRelation {
    pub id: String,
    #[serde(default)]
    pub relation: Option<String>,
    pub about: String,
    pub claims: Vec<GoldClaim>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldComparisons {
    pub relations: Vec<GoldRelation>,
    #[serde(default, rename = "distinct-events")]
    pub distinct_events: Vec<GoldRelation>,
}

impl GoldComparisons {
    pub fn load(path: &std::path::Path) -> Result<GoldComparisons, EvalError> {
        crate::eval::load_yaml(path)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct KindRecall {
    pub kind: String,
    pub gold: usize,
    pub found_right_kind: usize,
    pub found_any_kind: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct CompareScore {
    pub gold_relations: usize,
    pub found_right_kind: usize,
    pub per_kind: Vec<KindRecall>,
    pub contradictions_reported: usize,
    pub contradictions_correct: usize,
    pub distinct_event_violations: Vec<String>,
    pub missed: Vec<String>,
}

/// Where each gold snippet sits, by article id: `texts` maps id → text.
fn locate(texts: &BTreeMap<String, String>, c: &GoldClaim) -> Option<Span> {
    let text = texts.get(&c.article)?;
    let at = text.find(&c.snippet)?;
    Some(Span::new(at, at + c.snippet.len()))
}

fn covers(r: &Relation, article: &str, snippet: Span) -> bool {
    r.claims.iter().any(|c| {
        c.article == article && c.sentence.start < snippet.end && snippet.start < c.sentence.end
    })
}

/// How many of `gold`'s claims one relation covers (each claim counted once).
fn covered(r: &Relation, gold: &GoldRelation, texts: &BTreeMap<String, String>) -> usize {
    gold.claims
        .iter()
        .filter(|c| locate(texts, c).is_some_and(|s| covers(r, &c.article, s)))
        .count()
}

pub fn score(
    report: &CompareReport,
    gold: &GoldComparisons,
    texts: &BTreeMap<String, String>,
) -> CompareScore {
    let mut per_kind: BTreeMap<String, KindRecall> = BTreeMap::new();
    let mut missed = Vec::new();
    let mut right_total = 0;
    for g in &gold.relations {
        let kind = g.relation.clone().unwrap_or_default();
        let entry = per_kind.entry(kind.clone()).or_insert(KindRecall {
            kind: kind.clone(),
            gold: 0,
            found_right_kind: 0,
            found_any_kind: 0,
        });
        entry.gold += 1;
        let hits: Vec<&Relation> = report
            .relations
            .iter()
            .filter(|r| covered(r, g, texts) >= 2)
            .collect();
        if !hits.is_empty() {
            entry.found_any_kind += 1;
        }
        if hits.iter().any(|r| r.kind == kind) {
            entry.found_right_kind += 1;
            right_total += 1;
        } else {
            let got: Vec<&str> = hits.iter().map(|r| r.kind).collect();
            missed.push(format!(
                "{} ({kind}): found {}",
                g.id,
                if got.is_empty() {
                    "nothing".to_string()
                } else {
                    got.join(", ")
                }
            ));
        }
    }
    let contradictions: Vec<&Relation> = report
        .relations
        .iter()
        .filter(|r| r.kind == "contradict")
        .collect();
    let correct = contradictions
        .iter()
        .filter(|r| {
            gold.relations
                .iter()
                .any(|g| g.relation.as_deref() == Some("contradict") && covered(r, g, texts) >= 2)
        })
        .count();
    let violations = gold
        .distinct_events
        .iter()
        .filter(|g| {
            report
                .relations
                .iter()
                .any(|r| r.kind != "syndicated" && covered(r, g, texts) >= 2)
        })
        .map(|g| g.id.clone())
        .collect();
    CompareScore {
        gold_relations: gold.relations.len(),
        found_right_kind: right_total,
        per_kind: per_kind.into_values().collect(),
        contradictions_reported: contradictions.len(),
        contradictions_correct: correct,
        distinct_event_violations: violations,
        missed,
    }
}

impl CompareScore {
    pub fn render_text(&self) -> String {
        let mut s = format!(
            "found {}/{} gold relations with the right kind\n",
            self.found_right_kind, self.gold_relations
        );
        for k in &self.per_kind {
            s += &format!(
                "  {:<20} {}/{} (any kind {})\n",
                k.kind, k.found_right_kind, k.gold, k.found_any_kind
            );
        }
        s += &format!(
            "contradictions: {} reported, {} match a gold contradiction\n",
            self.contradictions_reported, self.contradictions_correct
        );
        s += &format!(
            "distinct-event pairs related: {}\n",
            self.distinct_event_violations.len()
        );
        for v in &self.distinct_event_violations {
            s += &format!("  {v}\n");
        }
        for m in &self.missed {
            s += &format!("missed: {m}\n");
        }
        s
    }
}
