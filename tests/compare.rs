//! The comparer on the seeds: gold relations found, every contradiction
//! real, distinct events kept apart, and a reviewed snapshot of the report.

use std::collections::BTreeMap;
use std::path::Path;

use crosscheck::compare::score::{score, GoldComparisons};
use crosscheck::compare::{compare, CompareReport};
use crosscheck::extract::Extractor;
use crosscheck::ingest::builtin_seeds;

fn seeds_report() -> (CompareReport, BTreeMap<String, String>) {
    let docs = builtin_seeds();
    let report = compare(&Extractor::builtin(), &docs);
    let texts = docs.into_iter().map(|d| (d.id, d.text)).collect();
    (report, texts)
}

fn gold() -> GoldComparisons {
    GoldComparisons::load(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/gold/comparisons.yaml"
    )))
    .expect("gold comparisons parse")
}

#[test]
fn seeds_group_into_three_events() {
    let (report, _) = seeds_report();
    let mut groups: Vec<Vec<String>> = report.events.iter().map(|e| e.articles.clone()).collect();
    groups.iter_mut().for_each(|g| g.sort());
    groups.sort();
    assert_eq!(
        groups,
        [
            vec![
                "000_4ca55dbd3066fc4f",
                "002_2296b516f3618b16",
                "004_48af7910958ecb10"
            ],
            vec!["001_045e6c689e3a5045"],
            vec!["003_243ef0f0cd43787a"],
        ]
    );
}

#[test]
fn gold_relations_found_with_the_right_kind() {
    let (report, texts) = seeds_report();
    let s = score(&report, &gold(), &texts);
    // 13 of 15 reached; the floor is the bar of 80 % plus what was reached.
    assert!(s.found_right_kind >= 13, "{}", s.render_text());
}

#[test]
fn every_reported_contradiction_is_a_gold_contradiction() {
    // Read by hand: the only contradiction in the seeds is how long before
    // arriving in Russia Wang met Sullivan in Malta (two days against one).
    let (report, texts) = seeds_report();
    let s = score(&report, &gold(), &texts);
    assert_eq!(
        s.contradictions_reported,
        s.contradictions_correct,
        "{}",
        s.render_text()
    );
    assert!(s.contradictions_reported >= 1);
}

#[test]
fn distinct_events_are_never_related() {
    let (report, texts) = seeds_report();
    let s = score(&report, &gold(), &texts);
    assert!(
        s.distinct_event_violations.is_empty(),
        "{}",
        s.render_text()
    );
}

#[test]
fn seed_comparison_matches_snapshot() {
    let (report, _) = seeds_report();
    insta::with_settings!({
        snapshot_path => "../snapshots",
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_yaml_snapshot!("compare-seeds", report);
    });
}
