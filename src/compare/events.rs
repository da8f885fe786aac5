//! Grouping articles into events, and claims that recall another event.
//!
//! Two articles cover the same event when they were published within a few
//! days of each other and name enough of the same parties. Articles are
//! sorted by date and only neighbours inside the window are compared, so the
//! cost stays near-linear in the corpus size.
//!
//! A claim is compared within its article's event, unless it dates itself to
//! another event's time ("hosted Kim in Russia's Far East in September", in a
//! 2024 article, recalls the September 2023 visit). Look-alike claims from
//! different events are therefore never lined up against each other.

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use super::claims::Article;
use crate::normalise::TimeValue;

/// Days between publications that can still be one event.
const WINDOW_DAYS: i32 = 4;
/// Share of named parties two articles need in common.
const MIN_OVERLAP: f64 = 0.2;

#[derive(Debug, Clone, Serialize)]
pub struct Event {
    pub id: String,
    /// Article indices.
    pub articles: Vec<usize>,
    /// Earliest and latest publication date, ISO.
    pub from: Option<String>,
    pub to: Option<String>,
}

fn entity_set(a: &Article) -> BTreeSet<&str> {
    a.claims
        .iter()
        .flat_map(|c| c.entities.iter().map(String::as_str))
        .collect()
}

fn overlap(a: &BTreeSet<&str>, b: &BTreeSet<&str>) -> f64 {
    let common = a.intersection(b).count() as f64;
    let smaller = a.len().min(b.len()).max(1) as f64;
    common / smaller
}

fn find(parent: &mut [usize], i: usize) -> usize {
    let mut r = i;
    while parent[r] != r {
        parent[r] = parent[parent[r]];
        r = parent[r];
    }
    r
}

/// Events over the corpus, and for each article the index of its event.
pub fn group(articles: &[Article]) -> (Vec<Event>, Vec<usize>) {
    let sets: Vec<BTreeSet<&str>> = articles.iter().map(entity_set).collect();
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.sort_by_key(|&i| (articles[i].published, i));
    let mut parent: Vec<usize> = (0..articles.len()).collect();
    for (k, &i) in order.iter().enumerate() {
        for &j in &order[k + 1..] {
            let (Some(a), Some(b)) = (articles[i].published, articles[j].published) else {
                break;
            };
            if (b - a).get_days().abs() > WINDOW_DAYS {
                break;
            }
            if overlap(&sets[i], &sets[j]) >= MIN_OVERLAP {
                let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
                parent[ri] = rj;
            }
        }
    }
    let mut by_root: HashMap<usize, usize> = HashMap::new();
    let mut events: Vec<Event> = Vec::new();
    let mut of_article = vec![0; articles.len()];
    for &i in &order {
        let root = find(&mut parent, i);
        let e = *by_root.entry(root).or_insert_with(|| {
            events.push(Event {
                id: format!("E{}", events.len() + 1),
                articles: Vec::new(),
                from: None,
                to: None,
            });
            events.len() - 1
        });
        of_article[i] = e;
        let ev = &mut events[e];
        ev.articles.push(i);
        if let Some(d) = articles[i].published {
            let d = d.to_string();
            if ev.from.is_none() {
                ev.from = Some(d.clone());
            }
            ev.to = Some(d);
        }
    }
    (events, of_article)
}

/// Events by the months they cover ("2023-09"), for finding the event a
/// claim recalls without scanning every event.
pub fn by_month(events: &[Event]) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    for (i, e) in events.iter().enumerate() {
        for d in e.from.iter().chain(&e.to) {
            if let Some(m) = d.get(..7) {
                out.entry(m.to_string()).or_insert(i);
            }
        }
    }
    out
}

/// The event a claim belongs to: its article's, unless the claim dates
/// itself to a month well away from publication that another event covers.
pub fn event_of_claim(
    article_event: usize,
    claim: &super::claims::Claim,
    article: &Article,
    months: &HashMap<String, usize>,
) -> usize {
    let Some(published) = article.published else {
        return article_event;
    };
    for t in &claim.times {
        let TimeValue::Date(v) = &t.value else {
            continue;
        };
        // Only month or day precision dates recall another event.
        let Some(key) = v
            .get(..7)
            .filter(|k| k.len() == 7 && k.as_bytes()[4] == b'-')
        else {
            continue;
        };
        let Ok(month) = format!("{key}-01").parse::<jiff::civil::Date>() else {
            continue;
        };
        if (published - month).get_days().abs() < 60 {
            continue;
        }
        if let Some(&e) = months.get(key) {
            return e;
        }
    }
    article_event
}
