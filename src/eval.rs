//! Scoring extraction against hand-made gold attributions.
//!
//! The gold format is described in `tests/data/gold/README.md`. Matching
//! rules, which are what the scores mean:
//! - only articles present in the gold are scored;
//! - contents are compared as bags of lowercase alphanumeric tokens (curly
//!   and straight quotes alike); the overlap of a gold and a predicted
//!   content is their token F1, and a pair may match when it is ≥ 0.5;
//! - within an article pairs are matched one-to-one, best overlap first;
//! - a prediction matched to an `optional` gold record counts neither way,
//!   and an unmatched optional record is not a miss;
//! - field accuracies are over matched non-optional pairs: source (same
//!   mention, ignoring case and a leading "the", or same canonical entity),
//!   entity, type, cue (text or lemma; "described ... as" compares its first
//!   word), kind, and via (both absent, or one mention inside the other).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{ArticleAttributions, Attribution, QuoteKind, SourceType};

#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("{path}:{line}:{column}: {message}")]
    Yaml {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

/// One gold attribution, as written in the gold file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldAttribution {
    pub content: String,
    pub source: String,
    pub source_entity: String,
    pub source_type: SourceType,
    pub cue: String,
    #[serde(default)]
    pub via: Option<String>,
    pub kind: QuoteKind,
    #[serde(default)]
    pub optional: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Gold {
    pub articles: BTreeMap<String, Vec<GoldAttribution>>,
}

/// Parses a gold file's YAML; errors name the file, line and column.
pub fn parse_yaml<T: serde::de::DeserializeOwned>(text: &str, path: &str) -> Result<T, EvalError> {
    serde_yaml::from_str(text).map_err(|e| {
        let (line, column) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
        EvalError::Yaml {
            path: path.to_string(),
            line,
            column,
            message: e.to_string(),
        }
    })
}

/// Reads and parses a gold file.
pub fn load_yaml<T: serde::de::DeserializeOwned>(path: &std::path::Path) -> Result<T, EvalError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: shown.clone(),
        source,
    })?;
    parse_yaml(&text, &shown)
}

impl Gold {
    pub fn from_yaml(text: &str, path: &str) -> Result<Gold, EvalError> {
        parse_yaml(text, path)
    }

    pub fn load(path: &std::path::Path) -> Result<Gold, EvalError> {
        load_yaml(path)
    }
}

/// A ratio with its parts, so reports can say "41/45".
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Ratio {
    pub hit: usize,
    pub of: usize,
    pub value: f64,
}

impl Ratio {
    fn new(hit: usize, of: usize) -> Ratio {
        Ratio {
            hit,
            of,
            value: if of == 0 { 0.0 } else { hit as f64 / of as f64 },
        }
    }
}

/// A gold record not found, or a prediction not in the gold.
#[derive(Debug, Clone, Serialize)]
pub struct Unmatched {
    pub article: String,
    pub source: String,
    pub cue: String,
    pub content: String,
}

/// A matched pair that disagrees on one field.
#[derive(Debug, Clone, Serialize)]
pub struct Mismatch {
    pub article: String,
    pub field: &'static str,
    pub gold: String,
    pub predicted: String,
    pub content: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct EvalReport {
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
    pub optional_matched: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub source: Ratio,
    pub entity: Ratio,
    pub source_type: Ratio,
    pub cue: Ratio,
    pub kind: Ratio,
    pub via: Ratio,
    pub misses: Vec<Unmatched>,
    pub extras: Vec<Unmatched>,
    pub mismatches: Vec<Mismatch>,
}

fn tokens(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Token F1 between two texts.
pub fn overlap(a: &str, b: &str) -> f64 {
    let (ta, tb) = (tokens(a), tokens(b));
    if ta.is_empty() || tb.is_empty() {
        return 0.0;
    }
    let mut counts: BTreeMap<&str, i32> = BTreeMap::new();
    for t in &ta {
        *counts.entry(t).or_default() += 1;
    }
    let mut common = 0;
    for t in &tb {
        if let Some(c) = counts.get_mut(t.as_str()) {
            if *c > 0 {
                *c -= 1;
                common += 1;
            }
        }
    }
    2.0 * common as f64 / (ta.len() + tb.len()) as f64
}

fn norm(s: &str) -> String {
    let s = s
        .replace(['’', '‘'], "'")
        .replace(['“', '”'], "\"")
        .to_lowercase();
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    s.strip_prefix("the ").map(str::to_string).unwrap_or(s)
}

struct Tally {
    hit: usize,
    of: usize,
}

impl Tally {
    fn add(&mut self, ok: bool) {
        self.of += 1;
        self.hit += usize::from(ok);
    }
    fn ratio(&self) -> Ratio {
        Ratio::new(self.hit, self.of)
    }
}

pub fn score(gold: &Gold, predicted: &[ArticleAttributions]) -> EvalReport {
    let empty = Vec::new();
    let (mut tp, mut fp, mut fn_, mut opt) = (0, 0, 0, 0);
    let mut t: [Tally; 6] = std::array::from_fn(|_| Tally { hit: 0, of: 0 });
    let (mut misses, mut extras, mut mismatches) = (Vec::new(), Vec::new(), Vec::new());
    for (id, golds) in &gold.articles {
        let preds = predicted
            .iter()
            .find(|a| &a.id == id)
            .map_or(&empty, |a| &a.attributions);
        let pairs = align(golds, preds);
        let mut gold_used = vec![false; golds.len()];
        let mut pred_used = vec![false; preds.len()];
        for &(g, p) in &pairs {
            gold_used[g] = true;
            pred_used[p] = true;
            if golds[g].optional {
                opt += 1;
                continue;
            }
            tp += 1;
            let (gr, pr) = (&golds[g], &preds[p]);
            let mut check =
                |tally: &mut Tally, field: &'static str, ok: bool, gold: &str, pred: &str| {
                    tally.add(ok);
                    if !ok {
                        mismatches.push(Mismatch {
                            article: id.clone(),
                            field,
                            gold: gold.to_string(),
                            predicted: pred.to_string(),
                            content: gr.content.chars().take(60).collect(),
                        });
                    }
                };
            let source_ok = norm(&gr.source) == norm(&pr.source.text)
                || norm(&gr.source_entity) == norm(&pr.source.entity);
            check(&mut t[0], "source", source_ok, &gr.source, &pr.source.text);
            let entity_ok = norm(&gr.source_entity) == norm(&pr.source.entity);
            check(
                &mut t[1],
                "entity",
                entity_ok,
                &gr.source_entity,
                &pr.source.entity,
            );
            check(
                &mut t[2],
                "type",
                gr.source_type == pr.source.source_type,
                gr.source_type.as_str(),
                pr.source.source_type.as_str(),
            );
            let gold_cue = norm(&gr.cue);
            let gold_cue = gold_cue.split(" ...").next().unwrap_or("");
            let cue_ok = gold_cue == norm(&pr.cue.text) || gold_cue == norm(&pr.cue.lemma);
            check(&mut t[3], "cue", cue_ok, &gr.cue, &pr.cue.text);
            check(
                &mut t[4],
                "kind",
                gr.kind == pr.kind,
                gr.kind.as_str(),
                pr.kind.as_str(),
            );
            let pv = pr.via.as_ref().map(|v| norm(&v.text));
            let via_ok = match (gr.via.as_deref().map(norm), pv.as_deref()) {
                (None, None) => true,
                (Some(g), Some(p)) => g.contains(p) || p.contains(g.as_str()),
                _ => false,
            };
            check(
                &mut t[5],
                "via",
                via_ok,
                gr.via.as_deref().unwrap_or("-"),
                pv.as_deref().unwrap_or("-"),
            );
        }
        for (g, used) in golds.iter().zip(&gold_used) {
            if !used && !g.optional {
                fn_ += 1;
                misses.push(Unmatched {
                    article: id.clone(),
                    source: g.source.clone(),
                    cue: g.cue.clone(),
                    content: g.content.clone(),
                });
            }
        }
        for (p, used) in preds.iter().zip(&pred_used) {
            if !used {
                fp += 1;
                extras.push(Unmatched {
                    article: id.clone(),
                    source: p.source.text.clone(),
                    cue: p.cue.text.clone(),
                    content: p.content.text.clone(),
                });
            }
        }
    }
    let precision = Ratio::new(tp, tp + fp).value;
    let recall = Ratio::new(tp, tp + fn_).value;
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    EvalReport {
        true_positives: tp,
        false_positives: fp,
        false_negatives: fn_,
        optional_matched: opt,
        precision,
        recall,
        f1,
        source: t[0].ratio(),
        entity: t[1].ratio(),
        source_type: t[2].ratio(),
        cue: t[3].ratio(),
        kind: t[4].ratio(),
        via: t[5].ratio(),
        misses,
        extras,
        mismatches,
    }
}

/// One-to-one pairs (gold index, prediction index), best overlap first.
fn align(golds: &[GoldAttribution], preds: &[Attribution]) -> Vec<(usize, usize)> {
    let mut candidates = Vec::new();
    for (g, gr) in golds.iter().enumerate() {
        for (p, pr) in preds.iter().enumerate() {
            let o = overlap(&gr.content, &pr.content.text);
            if o >= 0.5 {
                candidates.push((o, g, p));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut gold_used = vec![false; golds.len()];
    let mut pred_used = vec![false; preds.len()];
    let mut pairs = Vec::new();
    for (_, g, p) in candidates {
        if !gold_used[g] && !pred_used[p] {
            gold_used[g] = true;
            pred_used[p] = true;
            pairs.push((g, p));
        }
    }
    pairs
}

impl EvalReport {
    /// A short table; with `verbose`, every miss, extra and field mismatch.
    pub fn render_text(&self, verbose: bool) -> String {
        let mut s = format!(
            "precision {:.3}  recall {:.3}  F1 {:.3}   (tp {}, fp {}, fn {}, optional matched {})\n",
            self.precision, self.recall, self.f1, self.true_positives, self.false_positives, self.false_negatives, self.optional_matched
        );
        for (name, r) in [
            ("source", self.source),
            ("entity", self.entity),
            ("type", self.source_type),
            ("cue", self.cue),
            ("kind", self.kind),
            ("via", self.via),
        ] {
            s += &format!("{name:<7} accuracy {:.3}  ({}/{})\n", r.value, r.hit, r.of);
        }
        if verbose {
            s += "\nmissed (in gold, not found):\n";
            for m in &self.misses {
                s += &format!(
                    "  {}  {} | {} | {}\n",
                    m.article, m.source, m.cue, m.content
                );
            }
            s += "\nextra (found, not in gold):\n";
            for m in &self.extras {
                s += &format!(
                    "  {}  {} | {} | {}\n",
                    m.article, m.source, m.cue, m.content
                );
            }
            s += "\nfield mismatches (gold -> found):\n";
            for m in &self.mismatches {
                s += &format!(
                    "  {}  {}: {} -> {}   [{}]\n",
                    m.article, m.field, m.gold, m.predicted, m.content
                );
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Content, Cue, Source, Span};

    fn pred(source: &str, cue: &str, content: &str, kind: QuoteKind) -> Attribution {
        let span = Span::new(0, 0);
        Attribution {
            kind,
            source: Source {
                text: source.into(),
                span,
                entity: source.into(),
                source_type: SourceType::Person,
                role: None,
            },
            cue: Cue {
                text: cue.into(),
                span,
                lemma: cue.into(),
                family: "speech".into(),
            },
            content: Content {
                text: content.into(),
                span,
            },
            via: None,
            sentence: span,
            pattern: "test".into(),
        }
    }

    fn gold(yaml: &str) -> Gold {
        Gold::from_yaml(yaml, "gold.yaml").unwrap()
    }

    const ONE: &str = "articles:\n  a:\n    - {content: the talks went well, source: Kim, source_entity: Kim, source_type: person, cue: said, kind: indirect}\n";

    fn article(attrs: Vec<Attribution>) -> Vec<ArticleAttributions> {
        vec![ArticleAttributions {
            id: "a".into(),
            path: None,
            meta: Default::default(),
            attributions: attrs,
        }]
    }

    #[test]
    fn exact_match_scores_one() {
        let r = score(
            &gold(ONE),
            &article(vec![pred(
                "Kim",
                "said",
                "the talks went well",
                QuoteKind::Indirect,
            )]),
        );
        assert_eq!((r.precision, r.recall, r.f1), (1.0, 1.0, 1.0));
        assert_eq!(r.source.value, 1.0);
    }

    #[test]
    fn missing_and_extra_records() {
        let r = score(&gold(ONE), &article(vec![]));
        assert_eq!((r.recall, r.false_negatives), (0.0, 1));
        let r = score(
            &gold(ONE),
            &article(vec![
                pred("Kim", "said", "the talks went well", QuoteKind::Indirect),
                pred(
                    "Lee",
                    "said",
                    "something else entirely",
                    QuoteKind::Indirect,
                ),
            ]),
        );
        assert_eq!((r.precision, r.false_positives), (0.5, 1));
    }

    #[test]
    fn one_to_one_matching() {
        let r = score(
            &gold(ONE),
            &article(vec![
                pred("Kim", "said", "the talks went well", QuoteKind::Indirect),
                pred(
                    "Kim",
                    "said",
                    "the talks went well indeed",
                    QuoteKind::Indirect,
                ),
            ]),
        );
        assert_eq!((r.true_positives, r.false_positives), (1, 1));
    }

    #[test]
    fn optional_gold_counts_neither_way() {
        let y = ONE.replace("kind: indirect}", "kind: indirect, optional: true}");
        let r = score(&gold(&y), &article(vec![]));
        assert_eq!(r.false_negatives, 0);
        let r = score(
            &gold(&y),
            &article(vec![pred(
                "Kim",
                "said",
                "the talks went well",
                QuoteKind::Indirect,
            )]),
        );
        assert_eq!(
            (r.true_positives, r.false_positives, r.optional_matched),
            (0, 0, 1)
        );
    }

    #[test]
    fn overlap_threshold() {
        assert_eq!(overlap("a b c d", "a b"), 2.0 * 2.0 / 6.0);
        assert!(overlap("Russia’s war", "Russia's war") > 0.99);
        let r = score(
            &gold(ONE),
            &article(vec![pred("Kim", "said", "the talks", QuoteKind::Indirect)]),
        );
        assert_eq!(r.true_positives, 1, "2·2/(4+2) = 0.67");
        let r = score(
            &gold(ONE),
            &article(vec![pred("Kim", "said", "talks", QuoteKind::Indirect)]),
        );
        assert_eq!(r.true_positives, 0, "2·1/(4+1) = 0.4");
    }

    #[test]
    fn field_mismatches_are_listed() {
        let r = score(
            &gold(ONE),
            &article(vec![pred(
                "Lee",
                "told",
                "the talks went well",
                QuoteKind::Direct,
            )]),
        );
        assert_eq!(r.source.value, 0.0);
        assert_eq!(r.kind.value, 0.0);
        assert!(r.render_text(true).contains("kind: indirect -> direct"));
    }

    #[test]
    fn unknown_key_is_an_error_with_position() {
        let err = Gold::from_yaml("articles:\n  a:\n    - {content: x, sauce: y}\n", "g.yaml")
            .unwrap_err();
        assert!(err.to_string().starts_with("g.yaml:3:"), "{err}");
    }

    #[test]
    fn the_shipped_gold_parses() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/gold/attributions.yaml"
        );
        let g = Gold::load(std::path::Path::new(path)).unwrap();
        assert_eq!(g.articles.len(), 5);
        assert_eq!(g.articles.values().map(Vec::len).sum::<usize>(), 94);
    }
}
