//! No input makes extraction panic, hang or produce a span that is not a
//! slice of the original text.

use crosscheck::extract::Extractor;
use proptest::prelude::*;

fn extractor() -> &'static Extractor {
    static EX: std::sync::OnceLock<Extractor> = std::sync::OnceLock::new();
    EX.get_or_init(Extractor::builtin)
}

/// Every span of every record is a valid slice whose text is the record's text.
fn assert_spans_valid(text: &str) {
    for a in extractor().extract(text, 0) {
        for (span, s) in [
            (a.source.span, &a.source.text),
            (a.cue.span, &a.cue.text),
            (a.content.span, &a.content.text),
        ] {
            assert_eq!(
                text.get(span.start..span.end),
                Some(s.as_str()),
                "span {span:?} in {text:?}"
            );
        }
        if let Some(v) = &a.via {
            assert_eq!(text.get(v.span.start..v.span.end), Some(v.text.as_str()));
        }
        assert!(text.get(a.sentence.start..a.sentence.end).is_some());
        assert!(
            a.sentence.contains(a.cue.span),
            "cue outside its sentence in {text:?}"
        );
    }
}

/// Text made of the pieces attributions are built from, so the generator
/// reaches the grammar's corners far more often than random characters do.
fn newsish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "said",
        "says",
        "told",
        "according to",
        "citing",
        "Mr",
        "Kim",
        "Wang",
        "the",
        "ministry",
        "experts",
        "“",
        "”",
        "\"",
        "‘",
        "’",
        "'",
        ",",
        ".",
        ":",
        ";",
        "–",
        "(",
        ")",
        "which",
        "that",
        "he",
        "it",
        "and",
        "was",
        "by",
        "of",
        "not",
        "U.S.",
        "Mr.",
        "…",
        "...",
        "\n",
        "\n\n",
        "reported",
        "saying",
        "as",
        "is",
        "concerned",
        "denied",
        "a",
        "claim",
        "Reuters",
        "’s",
        "Advertisement",
        "é",
        "😀",
        "\r\n",
        "Mao Ning:",
        "—",
        "who",
        "she",
        "Ms",
        "30,000",
        "(JCS)",
        "'Prachanda'",
        "Related Articles",
        "in a statement",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings_never_panic_and_spans_are_valid(text in any::<String>()) {
        assert_spans_valid(&text);
    }

    #[test]
    fn news_like_strings_never_panic_and_spans_are_valid(text in newsish()) {
        assert_spans_valid(&text);
    }

    #[test]
    fn body_start_anywhere_is_safe(text in newsish(), cut in 0usize..400) {
        let _ = extractor().extract(&text, cut);
    }
}

#[test]
fn empty_text_gives_no_records() {
    assert!(extractor().extract("", 0).is_empty());
    assert!(extractor().extract("\n\n  \n", 0).is_empty());
}

#[test]
fn ten_megabyte_paragraph_without_punctuation_finishes() {
    // Time is measured by the benchmark, not here: this only shows that a
    // pathological paragraph finishes (sentences are capped) and still yields.
    let text = "officials said the talks went on and on ".repeat(250_000);
    assert!(text.len() >= 10_000_000);
    let found = extractor().extract(&text, 0);
    assert!(!found.is_empty());
}

#[test]
fn thousands_of_labels_continued_quotes_and_pronouns_finish() {
    // Labels, quotations run on over paragraphs and pronoun look-ups each
    // look back or ahead a bounded way, so a long article stays linear.
    let labels = "Mao Ning: We hope the talks resume. We will see.\n".repeat(20_000);
    let found = extractor().extract(&labels, 0);
    assert_eq!(found.len(), 20_000);
    let quotes = "“We lost,” Ms Ann Lee said. “Again.”\n\n“Rain came.\n\nShe said he was wrong. He said it was fine.\n\n"
        .repeat(5_000);
    assert!(!extractor().extract(&quotes, 0).is_empty());
    // A quotation run on over 20,000 paragraphs goes back to one speaker.
    let run_on = "“We won.\n\n".repeat(20_000) + "“Yes,” Kim said.\n";
    assert_eq!(extractor().extract(&run_on, 0).len(), 20_001);
}

#[test]
fn a_quotation_run_on_backwards_keeps_its_cue_in_the_sentence() {
    assert_spans_valid("“We won.\n\n“Again,” Kim said.");
    assert_spans_valid("\n\n“ ( \n\n“ said ” Mr read in a statement");
}

#[test]
fn ten_thousand_unbalanced_quotes_finish() {
    let text = "“ he said ".repeat(10_000);
    let _ = extractor().extract(&text, 0);
    let text = "\"".repeat(10_000);
    let _ = extractor().extract(&text, 0);
}

fn doc(id: &str, text: String, published: Option<String>) -> crosscheck::ingest::Document {
    crosscheck::ingest::Document {
        id: id.to_string(),
        path: None,
        text,
        body_start: 0,
        meta: crosscheck::model::Meta {
            published,
            ..Default::default()
        },
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Comparison and every report format take any text without panicking.
    #[test]
    fn compare_and_reports_never_panic(a in newsish(), b in any::<String>(), day in 1u8..28, garbage in "[0-9a-z-]{0,12}") {
        let docs = vec![
            doc("a", a, Some(format!("2023-09-{day:02}"))),
            doc("b", b, Some(garbage)),
            doc("c", String::new(), None),
        ];
        let report = crosscheck::report::build(extractor(), &docs, &mut |_| {});
        let _ = crosscheck::report::html::render(&report);
        let _ = crosscheck::report::markdown::render(&report);
        let _ = crosscheck::report::term::render(&report, true);
        for rel in &report.comparison.relations {
            for c in &rel.claims {
                let text = &docs.iter().find(|d| d.id == c.article).map(|d| d.text.clone()).unwrap_or_default();
                prop_assert!(text.get(c.span.start..c.span.end).is_some());
            }
        }
    }
}
