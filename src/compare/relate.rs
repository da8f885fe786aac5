//! Lining claims up and saying how they relate.
//!
//! Candidate pairs come from blocking: within one event, claims are indexed
//! by their entities and rarer terms, and only claims sharing at least two
//! keys are compared — never all pairs of the corpus. Each pair then gets at
//! most one relation, tried from the most specific to the most general:
//! syndicated copy, quotation worded differently, incompatible values
//! (contradict), a close date (tension), the same statement credited to
//! different sources, and finally agreement. A denial that points back at an
//! earlier claim of the same article ("China continues to deny these
//! claims") is a tension with that claim.

use std::collections::HashMap;

use super::claims::{terms, Article, Claim};
use crate::normalise::{compatible, TimeValue};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Contradict,
    QuoteVariant,
    AttributionDiffers,
    Tension,
    Agree,
    Syndicated,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Agree => "agree",
            Kind::Contradict => "contradict",
            Kind::QuoteVariant => "quote-variant",
            Kind::AttributionDiffers => "attribution-differs",
            Kind::Tension => "tension",
            Kind::Syndicated => "syndicated",
        }
    }
}

/// A relation between two claims, by (article, claim) index.
#[derive(Debug, Clone)]
pub struct Found {
    pub kind: Kind,
    pub reason: String,
    pub confidence: f64,
    pub claims: [(usize, usize); 2],
    /// For quotation variants: the words each side has that the other lacks.
    pub diff: Option<(Vec<String>, Vec<String>)>,
    /// For agreement on a normalised value: the value, so that every outlet
    /// stating it can be shown in one relation.
    pub value: Option<String>,
}

/// Postings longer than this are too common to block on.
const MAX_POSTING: usize = 64;

fn jaccard(a: &[String], b: &[String]) -> f64 {
    let common = a.iter().filter(|x| b.binary_search(x).is_ok()).count() as f64;
    let union = (a.len() + b.len()) as f64 - common;
    if union == 0.0 {
        0.0
    } else {
        common / union
    }
}

fn similarity(a: &Claim, b: &Claim) -> f64 {
    0.5 * jaccard(&a.terms, &b.terms) + 0.5 * jaccard(&a.entities, &b.entities)
}

/// Candidate pairs among `members` (article, claim) that share two keys or more.
pub fn candidates(
    articles: &[Article],
    members: &[(usize, usize)],
) -> Vec<((usize, usize), (usize, usize))> {
    let mut postings: HashMap<&str, Vec<usize>> = HashMap::new();
    for (k, &(a, c)) in members.iter().enumerate() {
        let claim = &articles[a].claims[c];
        for key in claim.entities.iter().chain(&claim.terms) {
            postings.entry(key.as_str()).or_default().push(k);
        }
    }
    let mut shared: HashMap<(usize, usize), u32> = HashMap::new();
    for list in postings.values().filter(|l| l.len() <= MAX_POSTING) {
        for (x, &i) in list.iter().enumerate() {
            for &j in &list[x + 1..] {
                *shared.entry((i, j)).or_default() += 1;
            }
        }
    }
    let mut out: Vec<_> = shared
        .into_iter()
        .filter(|&(_, n)| n >= 2)
        .map(|((i, j), _)| (members[i], members[j]))
        .collect();
    out.sort();
    out
}

/// The relations between two claims worth showing: a quotation worded
/// differently, and what their facts say (one relation at most).
pub fn relate(articles: &[Article], x: (usize, usize), y: (usize, usize)) -> Vec<Found> {
    let (a, b) = (&articles[x.0].claims[x.1], &articles[y.0].claims[y.1]);
    if x.0 == y.0 {
        return Vec::new(); // within one article only denials relate, see `denials`
    }
    let mut out: Vec<Found> = quote_variant(a, b)
        .map(|f| Found {
            claims: [x, y],
            ..f
        })
        .into_iter()
        .collect();
    // Two articles of one outlet are not independent confirmation.
    let same_outlet = articles[x.0].outlet == articles[y.0].outlet;
    out.extend(relate_facts(a, b, x, y, same_outlet));
    out
}

fn relate_facts(
    a: &Claim,
    b: &Claim,
    x: (usize, usize),
    y: (usize, usize),
    same_outlet: bool,
) -> Option<Found> {
    let found = |kind, reason: &str, confidence: f64| Found {
        kind,
        reason: reason.to_string(),
        confidence: (confidence * 100.0).round() / 100.0,
        claims: [x, y],
        diff: None,
        value: None,
    };
    let sim = similarity(a, b);
    let term_sim = jaccard(&a.terms, &b.terms);
    if term_sim >= 0.85 && a.terms.len() >= 8 {
        return Some(found(Kind::Syndicated, "near-identical wording", term_sim));
    }
    let same_people = !disjoint_people(a, b);
    if same_people {
        if let Some((reason, conf)) = value_conflict(a, b, sim) {
            return Some(found(Kind::Contradict, &reason, conf));
        }
        if let Some(reason) = close_dates(a, b, sim) {
            return Some(found(Kind::Tension, &reason, 0.5));
        }
        if let Some(reason) = differing_numbers(a, b, sim) {
            return Some(found(Kind::Tension, &reason, 0.5));
        }
    }
    if let (Some(ca), Some(cb)) = (&a.credit, &b.credit) {
        if term_sim >= 0.5
            && ca.entity != cb.entity
            && cb.via.as_ref() != Some(&ca.entity)
            && ca.via.as_ref() != Some(&cb.entity)
        {
            return Some(found(
                Kind::AttributionDiffers,
                "same statement, different sources",
                term_sim,
            ));
        }
    }
    if same_people && !same_outlet {
        if let Some((value, reason)) = same_values(a, b) {
            return Some(Found {
                value: Some(value),
                ..found(Kind::Agree, &reason, 0.5 + sim / 2.0)
            });
        }
        let same_source =
            matches!((&a.credit, &b.credit), (Some(ca), Some(cb)) if ca.entity == cb.entity);
        if same_source && term_sim >= 0.6 {
            return Some(found(Kind::Agree, "same statement, same source", term_sim));
        }
        if sim >= 0.3 && jaccard(&a.entities, &b.entities) >= 0.3 {
            return Some(found(Kind::Agree, "same parties and wording", sim));
        }
    }
    None
}

/// People named on both sides, but none in common: not the same fact.
fn disjoint_people(a: &Claim, b: &Claim) -> bool {
    let people = |c: &Claim| -> Vec<String> {
        c.entities
            .iter()
            .filter(|e| e.contains(' ') && !e.contains("ministry"))
            .cloned()
            .collect()
    };
    let (pa, pb) = (people(a), people(b));
    !pa.is_empty() && !pb.is_empty() && !pa.iter().any(|p| pb.contains(p))
}

fn quote_variant(a: &Claim, b: &Claim) -> Option<Found> {
    let mut best: Option<(f64, &str, &str)> = None;
    for (_, qa) in &a.quotes {
        for (_, qb) in &b.quotes {
            let (ta, tb) = (terms(qa), terms(qb));
            let s = jaccard(&ta, &tb);
            let identical = qa.to_lowercase() == qb.to_lowercase();
            if s >= 0.5 && !identical && best.is_none_or(|(bs, _, _)| s > bs) {
                best = Some((s, qa, qb));
            }
        }
    }
    let (s, qa, qb) = best?;
    let words = |q: &str| -> Vec<String> {
        q.split_whitespace()
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .collect()
    };
    let (wa, wb) = (words(qa), words(qb));
    let only_a = wa.iter().filter(|w| !wb.contains(w)).cloned().collect();
    let only_b = wb.iter().filter(|w| !wa.contains(w)).cloned().collect();
    Some(Found {
        kind: Kind::QuoteVariant,
        reason: "same quotation, different words".to_string(),
        confidence: (s * 100.0).round() / 100.0,
        claims: [(0, 0), (0, 0)],
        diff: Some((only_a, only_b)),
        value: None,
    })
}

/// Durations, offsets to another event, or quantities that cannot both be true.
fn value_conflict(a: &Claim, b: &Claim, sim: f64) -> Option<(String, f64)> {
    // "two days after talks in Malta" against "a day before going to Russia":
    // the same gap between the same two events, told with different lengths.
    for ta in &a.times {
        for tb in &b.times {
            if let (
                TimeValue::Anchored {
                    offset: oa,
                    anchor: aa,
                },
                TimeValue::Anchored {
                    offset: ob,
                    anchor: ab,
                },
            ) = (&ta.value, &tb.value)
            {
                // Each side's anchor must be something the other side talks
                // about, so both measure the gap between the same two events.
                let mentions = |anchor: &str, other: &Claim| {
                    terms(anchor)
                        .iter()
                        .any(|t| other.terms.binary_search(t).is_ok())
                };
                let (da, db) = (offset_days(oa), offset_days(ob));
                if let (Some(da), Some(db)) = (da, db) {
                    if da.abs() != db.abs()
                        && sim >= 0.15
                        && shares_entity(a, b)
                        && mentions(aa, b)
                        && mentions(ab, a)
                    {
                        return Some((format!("interval: {} against {}", ta.text, tb.text), 0.7));
                    }
                }
            }
        }
    }
    // Numbers only conflict when the claims are plainly about the same thing.
    if sim >= 0.5 {
        for qa in &a.quantities {
            for qb in &b.quantities {
                if qa.unit.is_some() && qa.unit == qb.unit && !compatible(qa, qb) {
                    return Some((format!("number: {} against {}", qa.text, qb.text), 0.6));
                }
            }
        }
    }
    None
}

fn shares_entity(a: &Claim, b: &Claim) -> bool {
    a.entities
        .iter()
        .any(|e| b.entities.binary_search(e).is_ok())
}

/// "+P2D" → 2, "-P1D" → -1; None for unknown sizes.
fn offset_days(offset: &str) -> Option<i64> {
    let (sign, rest) = match offset.strip_prefix('-') {
        Some(r) => (-1, r),
        None => (1, offset.trim_start_matches('+')),
    };
    let n: i64 = rest.strip_prefix('P')?.strip_suffix('D')?.parse().ok()?;
    Some(sign * n)
}

/// Day-precision dates a day or two apart for the same party: possibly
/// both true (leaving and arriving), worth a look, not a contradiction.
fn close_dates(a: &Claim, b: &Claim, sim: f64) -> Option<String> {
    if sim < 0.1 || !shares_entity(a, b) || explains_offset(a, b) || explains_offset(b, a) {
        return None;
    }
    for ta in &a.times {
        for tb in &b.times {
            if let (TimeValue::Date(da), TimeValue::Date(db)) = (&ta.value, &tb.value) {
                if da.len() == 10 && db.len() == 10 && da != db {
                    let (Ok(x), Ok(y)) = (
                        da.parse::<jiff::civil::Date>(),
                        db.parse::<jiff::civil::Date>(),
                    ) else {
                        continue;
                    };
                    if (y - x).get_days().abs() <= 2 {
                        return Some(format!("dates: {da} against {db}"));
                    }
                }
            }
        }
    }
    None
}

/// "on Tuesday, a day after the quake": a claim that itself dates one event
/// from the other accounts for the gap between the two dates.
fn explains_offset(a: &Claim, b: &Claim) -> bool {
    a.times.iter().any(|t| match &t.value {
        TimeValue::Anchored { anchor, .. } => terms(anchor)
            .iter()
            .any(|w| b.terms.binary_search(w).is_ok()),
        _ => false,
    })
}

/// Counts of the same thing that differ but can both hold ("at least 120
/// people" and "more than 150 people"): a toll that rose, or a discrepancy.
fn differing_numbers(a: &Claim, b: &Claim, sim: f64) -> Option<String> {
    if sim < 0.3 {
        return None;
    }
    for qa in &a.quantities {
        for qb in &b.quantities {
            if qa.unit.is_some() && qa.unit == qb.unit && qa.value != qb.value && compatible(qa, qb)
            {
                return Some(format!("numbers differ: {} against {}", qa.text, qb.text));
            }
        }
    }
    None
}

/// Both sides state the same normalised value (a duration, a date).
fn same_values(a: &Claim, b: &Claim) -> Option<(String, String)> {
    for ta in &a.times {
        for tb in &b.times {
            let (va, vb) = (duration_or_date(&ta.value), duration_or_date(&tb.value));
            if let (Some(va), Some(vb)) = (va, vb) {
                if va == vb && va.len() >= 3 && va != "P1D" {
                    return Some((
                        va.to_string(),
                        format!("same value {va}: {} / {}", ta.text, tb.text),
                    ));
                }
            }
        }
    }
    None
}

fn duration_or_date(v: &TimeValue) -> Option<&str> {
    match v {
        TimeValue::Duration(d) => Some(d),
        TimeValue::Interval {
            duration: Some(d), ..
        } => Some(d),
        TimeValue::Date(d) if d.len() >= 7 => Some(d),
        _ => None,
    }
}

/// Within one article: a denial whose content only points back ("these
/// claims", "this", "a claim") is in tension with the accusations made
/// earlier in the article (the two nearest), or else with the claim it
/// follows in the same sentence ("…, a claim that Pyongyang denied").
pub fn denials(articles: &[Article], a: usize) -> Vec<Found> {
    let claims = &articles[a].claims;
    let mut out = Vec::new();
    for (i, c) in claims.iter().enumerate() {
        let Some(credit) = &c.credit else { continue };
        let anaphoric = c.text.split_whitespace().count() <= 3;
        if credit.family != "denial" || !anaphoric {
            continue;
        }
        let other = |j: &usize| {
            claims[*j]
                .credit
                .as_ref()
                .filter(|o| o.entity != credit.entity)
        };
        let mut targets: Vec<usize> = (0..i)
            .rev()
            .filter(|j| other(j).is_some_and(|o| o.family == "accusation"))
            .take(2)
            .collect();
        if targets.is_empty() {
            targets.extend((0..i).rev().find(|j| {
                claims[*j].sentence == c.sentence && other(j).is_some_and(|o| o.family != "denial")
            }));
        }
        for j in targets {
            let accuser = claims[j].credit.as_ref().map_or("", |o| o.entity.as_str());
            out.push(Found {
                kind: Kind::Tension,
                reason: format!("{} denies what {accuser} says", credit.entity),
                confidence: 0.6,
                claims: [(a, j), (a, i)],
                diff: None,
                value: None,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::claims::{Claim, Credit};
    use crate::model::{SourceType, Span};
    use crate::normalise::{find_quantities, find_times};

    fn claim(text: &str, entities: &[&str], credit: Option<(&str, &str)>) -> Claim {
        let published = "2023-09-18".parse().ok();
        Claim {
            article: 0,
            span: Span::new(0, text.len()),
            sentence: Span::new(0, text.len()),
            text: text.to_string(),
            credit: credit.map(|(entity, family)| Credit {
                source: entity.to_string(),
                entity: entity.to_string(),
                source_type: SourceType::Government,
                cue: "say".into(),
                family: family.into(),
                via: None,
            }),
            entities: {
                let mut e: Vec<String> = entities.iter().map(|s| s.to_string()).collect();
                e.sort();
                e
            },
            terms: terms(text),
            quotes: {
                let q = text.split('“').nth(1).and_then(|r| r.split('”').next());
                q.map(|q| vec![(Span::new(0, 0), q.to_string())])
                    .unwrap_or_default()
            },
            times: find_times(text, published),
            quantities: find_quantities(text),
        }
    }

    fn article(claims: Vec<Claim>) -> Article {
        Article {
            id: "a".into(),
            outlet: "o".into(),
            published: None,
            text: String::new(),
            claims,
            attributions: Vec::new(),
        }
    }

    #[test]
    fn offsets_parse_with_sign() {
        assert_eq!(offset_days("+P2D"), Some(2));
        assert_eq!(offset_days("-P1D"), Some(-1));
        assert_eq!(offset_days("+PXD"), None);
    }

    #[test]
    fn different_intervals_between_the_same_events_contradict() {
        let a = claim(
            "Mr Lee arrives in Tokyo two days after talks in Geneva",
            &["geneva", "tokyo"],
            None,
        );
        let b = claim(
            "Lee met officials in Geneva a day before going to Tokyo",
            &["geneva", "tokyo"],
            None,
        );
        let arts = vec![article(vec![a]), article(vec![b])];
        let found = relate(&arts, (0, 0), (1, 0));
        assert!(
            found.iter().any(|f| f.kind == Kind::Contradict),
            "{found:?}"
        );
    }

    #[test]
    fn same_interval_does_not_contradict() {
        let a = claim(
            "Mr Lee arrives in Tokyo two days after talks in Geneva",
            &["geneva", "tokyo"],
            None,
        );
        let b = claim(
            "Lee arrived in Tokyo two days after talks in Geneva ended",
            &["geneva", "tokyo"],
            None,
        );
        let arts = vec![article(vec![a]), article(vec![b])];
        assert!(relate(&arts, (0, 0), (1, 0))
            .iter()
            .all(|f| f.kind != Kind::Contradict));
    }

    #[test]
    fn different_people_never_contradict() {
        let a = claim(
            "Kim Jong Un spent six days in Russia touring sites",
            &["kim jong un", "russia"],
            None,
        );
        let b = claim(
            "Wang Yi will spend four days in Russia touring sites",
            &["russia", "wang yi"],
            None,
        );
        let arts = vec![article(vec![a]), article(vec![b])];
        assert!(relate(&arts, (0, 0), (1, 0))
            .iter()
            .all(|f| f.kind != Kind::Contradict));
    }

    #[test]
    fn quotation_worded_differently_is_a_variant_with_a_diff() {
        let a = claim(
            "talks will cover “strategic security consultation” issues",
            &["china"],
            None,
        );
        let b = claim(
            "talks will cover “strategic and security consultations” issues",
            &["china"],
            None,
        );
        let arts = vec![article(vec![a]), article(vec![b])];
        let found = relate(&arts, (0, 0), (1, 0));
        let v = found
            .iter()
            .find(|f| f.kind == Kind::QuoteVariant)
            .expect("a quote variant");
        let (only_a, only_b) = v.diff.clone().unwrap_or_default();
        assert_eq!(only_a, ["consultation"]);
        assert_eq!(only_b, ["and", "consultations"]);
    }

    #[test]
    fn different_counts_that_can_both_hold_are_a_tension() {
        let a = claim(
            "At least 120 people were killed when the quake struck Peru",
            &["peru"],
            None,
        );
        let b = claim(
            "More than 150 people were killed when the quake struck Peru",
            &["peru"],
            None,
        );
        let arts = vec![article(vec![a]), article(vec![b])];
        let found = relate(&arts, (0, 0), (1, 0));
        assert!(
            found
                .iter()
                .any(|f| f.kind == Kind::Tension && f.reason.starts_with("numbers differ")),
            "{found:?}"
        );
    }

    #[test]
    fn a_claim_that_dates_itself_from_the_other_is_no_tension() {
        let a = claim("The quake struck Peru on Monday", &["peru"], None);
        let b = claim(
            "Rescuers searched Peru on Tuesday, a day after the quake struck",
            &["peru"],
            None,
        );
        let arts = vec![article(vec![a]), article(vec![b])];
        assert!(relate(&arts, (0, 0), (1, 0))
            .iter()
            .all(|f| f.kind != Kind::Tension));
    }

    #[test]
    fn one_outlet_does_not_agree_with_itself() {
        let a = claim(
            "The quake struck Peru on Monday, killing dozens",
            &["peru"],
            None,
        );
        let b = claim(
            "The quake struck Peru on Monday and killed dozens",
            &["peru"],
            None,
        );
        let mut arts = vec![article(vec![a]), article(vec![b])];
        assert!(relate(&arts, (0, 0), (1, 0))
            .iter()
            .all(|f| f.kind != Kind::Agree));
        arts[1].outlet = "another".into();
        assert!(relate(&arts, (0, 0), (1, 0))
            .iter()
            .any(|f| f.kind == Kind::Agree));
    }

    #[test]
    fn anaphoric_denial_is_in_tension_with_the_accusation() {
        let arts = vec![article(vec![
            claim(
                "Ruritania of arming the rebels",
                &["ruritania"],
                Some(("Freedonia", "accusation")),
            ),
            claim("the weather was fine", &[], None),
            claim("these claims", &[], Some(("Ruritania", "denial"))),
        ])];
        let found = denials(&arts, 0);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].claims, [(0, 0), (0, 2)]);
    }

    #[test]
    fn a_denial_with_its_own_content_is_not_anaphoric() {
        let arts = vec![article(vec![
            claim(
                "Ruritania of arming the rebels",
                &["ruritania"],
                Some(("Freedonia", "accusation")),
            ),
            claim(
                "that it had ever sent weapons across the border",
                &[],
                Some(("Ruritania", "denial")),
            ),
        ])];
        assert!(denials(&arts, 0).is_empty());
    }
}
