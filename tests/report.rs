//! Reviewed snapshots of the seeds' Markdown and JSON reports.

use crosscheck::extract::Extractor;
use crosscheck::ingest::builtin_seeds;
use crosscheck::report::{build, markdown};

#[test]
fn seed_reports_match_snapshots() {
    let report = build(&Extractor::builtin(), &builtin_seeds(), &mut |_| {});
    insta::with_settings!({
        snapshot_path => "../snapshots",
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!("report-seeds-markdown", markdown::render(&report));
        insta::assert_json_snapshot!("report-seeds-json", report);
    });
}

#[test]
fn markdown_escapes_article_text() {
    assert_eq!(
        markdown::escape("a *b* [c](d) <e> | #f"),
        "a \\*b\\* \\[c\\](d) \\<e\\> \\| \\#f"
    );
}
