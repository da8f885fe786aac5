//! The seed articles: reviewed snapshots of their extraction, and a floor
//! under the scores against the hand-made gold.

use crosscheck::eval::{score, EvalReport, Gold};
use crosscheck::extract::Extractor;
use crosscheck::ingest;

#[test]
fn seed_extractions_match_snapshots() {
    let ex = Extractor::builtin();
    insta::with_settings!({
        snapshot_path => "../snapshots",
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::glob!("../seeds", "*.txt", |path| {
            let mut doc = ingest::documents(&[path.to_path_buf()])
                .next()
                .and_then(Result::ok)
                .expect("seed article reads");
            // The same on every machine: the path relative to the crate.
            doc.path = Some(format!("seeds/{}.txt", doc.id));
            insta::assert_yaml_snapshot!("extract", ex.extract_document(&doc));
        });
    });
}

/// Extracts `docs` and scores them against the gold file at `gold`
/// (relative to the crate).
fn scores(gold: &str, docs: Vec<ingest::Document>) -> (EvalReport, usize) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(gold);
    let gold = Gold::load(&path).expect("gold parses");
    let ex = Extractor::builtin();
    let predicted: Vec<_> = docs.iter().map(|d| ex.extract_document(d)).collect();
    (score(&gold, &predicted), predicted.len())
}

/// Fails with the whole verbose report when a score is below its floor.
fn assert_floor(r: &EvalReport, floors: &[(&str, f64)]) {
    for &(name, floor) in floors {
        let value = match name {
            "F1" => r.f1,
            "source" => r.source.value,
            "kind" => r.kind.value,
            "entity" => r.entity.value,
            "type" => r.source_type.value,
            "via" => r.via.value,
            _ => panic!("no score named {name}"),
        };
        assert!(
            value >= floor,
            "{name} {value:.3} < {floor}\n{}",
            r.render_text(true)
        );
    }
}

/// The extraction scores on the seeds must not fall below what they reached.
/// Raise these floors when extraction improves; never lower them to let a
/// change in.
#[test]
fn seed_scores_stay_above_the_reached_floor() {
    let (r, _) = scores("tests/data/gold/attributions.yaml", ingest::builtin_seeds());
    assert_floor(
        &r,
        &[
            ("F1", 0.97),
            ("source", 0.97),
            ("kind", 0.97),
            ("type", 0.95),
            ("entity", 0.89),
        ],
    );
}

/// The held-out sets were written and annotated by someone who had not
/// seen the rules: they measure how extraction carries over to text nobody
/// tuned for. `heldout` (8 articles) has since been used to find general
/// fixes; `heldout2` (10 articles in other styles: wire, state media,
/// briefing, court, earnings, science, sports, local news, analysis) was
/// added later; `heldout3` (10 scraped-looking international-affairs pages:
/// wire, state media, briefings, live blog, machine translation) after it,
/// `heldout4` (10 more such pages in other outlets' styles) after it;
/// then `heldout5` (10 pages in yet other styles: Reuters, Al Jazeera,
/// Guardian, Politico, Kyiv Independent, Global Times, Dawn, a magazine
/// profile, markets, a local court story), used to find fixes since, and
/// `heldout6` (10 more from outlets around the world), then `heldout7`
/// (10 more: AP, AFP, The Hindu, ABC Australia, Anadolu, Nation, DW, a
/// match report, a health study, a UK planning story), then `heldout8`
/// (10 more: CBC, Irish Times, News24, Bloomberg, tech press, Times of
/// Israel, a press conference, a science release, Japan Times, a feature)
/// and `heldout9` (10 more, used to find fixes since). `heldout4`,
/// `heldout6`, `heldout7` and `heldout8` are measured only: no rule has
/// been tuned on them.
/// Floors just below what was reached.
fn held_out(set: &str, articles: usize, floors: &[(&str, f64)]) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(set);
    let docs: Vec<_> = ingest::documents(&[dir]).filter_map(Result::ok).collect();
    let (r, n) = scores(&format!("tests/data/{set}/attributions.yaml"), docs);
    assert_eq!(n, articles);
    assert_floor(&r, floors);
}

#[test]
fn held_out_scores_stay_above_the_reached_floor() {
    held_out(
        "heldout",
        8,
        &[
            ("F1", 0.97),
            ("source", 0.97),
            ("kind", 0.97),
            ("entity", 0.765),
            ("type", 0.92),
        ],
    );
    held_out(
        "heldout2",
        10,
        &[
            ("F1", 0.975),
            ("source", 0.95),
            ("kind", 0.97),
            ("entity", 0.80),
            ("type", 0.95),
        ],
    );
    held_out(
        "heldout3",
        10,
        &[
            ("F1", 0.97),
            ("source", 0.97),
            ("kind", 0.96),
            ("entity", 0.875),
            ("type", 0.95),
            ("via", 0.965),
        ],
    );
    held_out(
        "heldout4",
        10,
        &[
            ("F1", 0.94),
            ("source", 0.955),
            ("kind", 0.97),
            ("entity", 0.815),
            ("type", 0.92),
            ("via", 0.96),
        ],
    );
    held_out(
        "heldout5",
        10,
        &[
            ("F1", 0.97),
            ("source", 0.97),
            // Its gold calls a report inside a quotation indirect where the
            // seed gold calls it direct (quoted verbatim); the seeds win.
            ("kind", 0.965),
            ("entity", 0.78),
            ("type", 0.93),
            ("via", 0.99),
        ],
    );
    held_out(
        "heldout6",
        10,
        &[
            ("F1", 0.94),
            ("source", 0.945),
            ("kind", 0.99),
            ("entity", 0.74),
            ("type", 0.915),
            ("via", 0.95),
        ],
    );
    held_out(
        "heldout7",
        10,
        &[
            ("F1", 0.925),
            ("source", 0.965),
            ("kind", 0.965),
            ("entity", 0.71),
            ("type", 0.925),
            ("via", 0.98),
        ],
    );
    held_out(
        "heldout8",
        10,
        &[
            ("F1", 0.815),
            ("source", 0.92),
            ("kind", 0.975),
            ("entity", 0.55),
            ("type", 0.755),
            ("via", 0.965),
        ],
    );
    held_out(
        "heldout9",
        10,
        &[
            ("F1", 0.925),
            ("source", 0.93),
            ("kind", 0.965),
            ("entity", 0.405),
            ("type", 0.765),
            ("via", 0.96),
        ],
    );
}
