//! The seed articles: reviewed snapshots of their extraction, and a floor
//! under the scores against the hand-made gold.

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
            let doc = ingest::documents(&[path.to_path_buf()])
                .next()
                .and_then(Result::ok)
                .expect("seed article reads");
            insta::assert_yaml_snapshot!("extract", ex.extract_document(&doc));
        });
    });
}
