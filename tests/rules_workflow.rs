//! The rule-author workflow end to end: starter file, snapshots of a small
//! corpus, a rule change that adds attributions, check, accept, and rule errors.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{run_in as run, stderr as err, stdout as out};

/// A fresh scratch directory with an empty `corpus/` in it.
fn scratch(name: &str) -> PathBuf {
    let dir = crate::support::scratch(name);
    std::fs::create_dir_all(dir.join("corpus")).expect("corpus dir");
    dir
}

#[test]
fn a_new_cue_shows_up_as_exactly_the_added_attributions() {
    let dir = scratch("rules-workflow");
    std::fs::write(
        dir.join("corpus/a.txt"),
        "The minister said the talks were over.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("corpus/b.txt"),
        "Officials declined to comment. The envoy intimated that peace was near.\n",
    )
    .unwrap();
    std::fs::write(dir.join("rules.yaml"), "cues: []\n").unwrap();

    let o = run(
        &dir,
        &[
            "snapshot",
            "--rules",
            "rules.yaml",
            "corpus",
            "--dir",
            "snaps",
            "--accept",
        ],
    );
    assert!(o.status.success(), "{}", err(&o));
    let o = run(
        &dir,
        &[
            "snapshot",
            "--rules",
            "rules.yaml",
            "corpus",
            "--dir",
            "snaps",
            "--check",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}{}", out(&o), err(&o));

    std::fs::write(
        dir.join("rules.yaml"),
        "cues:\n  - {lemma: intimate, family: speech, forms: [intimated]}\n",
    )
    .unwrap();
    let o = run(
        &dir,
        &[
            "snapshot",
            "--rules",
            "rules.yaml",
            "corpus",
            "--dir",
            "snaps",
            "--check",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "changes exit 1");
    assert_eq!(
        out(&o),
        "b (changed):\n  + The envoy | intimated | peace was near\n"
    );

    let o = run(
        &dir,
        &[
            "snapshot",
            "--rules",
            "rules.yaml",
            "corpus",
            "--dir",
            "snaps",
            "--accept",
        ],
    );
    assert!(o.status.success());
    let o = run(
        &dir,
        &[
            "snapshot",
            "--rules",
            "rules.yaml",
            "corpus",
            "--dir",
            "snaps",
            "--check",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert_eq!(out(&o), "");
}

#[test]
fn review_refuses_without_a_terminal() {
    let dir = scratch("rules-review");
    std::fs::write(
        dir.join("corpus/a.txt"),
        "The minister said the talks were over.\n",
    )
    .unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .args(["snapshot", "corpus", "--dir", "snaps", "--review"])
        .current_dir(&dir)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("--review needs a terminal"), "{}", err(&o));
}

#[test]
fn starter_file_passes_check_and_test() {
    let dir = scratch("rules-init");
    let o = run(&dir, &["rules", "init", "--out", "mine.yaml"]);
    assert!(o.status.success(), "{}", err(&o));
    let o = run(&dir, &["rules", "init", "--out", "mine.yaml"]);
    assert_eq!(o.status.code(), Some(2), "refuses to overwrite");
    let o = run(&dir, &["rules", "check", "mine.yaml"]);
    assert!(o.status.success(), "{}", err(&o));
    let o = run(&dir, &["rules", "test", "mine.yaml"]);
    assert!(o.status.success(), "{}", out(&o));
    assert!(out(&o).ends_with("3 passed, 0 failed\n"), "{}", out(&o));
}

#[test]
fn builtin_rules_pass_their_inline_tests() {
    let o = run(Path::new(env!("CARGO_MANIFEST_DIR")), &["rules", "test"]);
    assert!(o.status.success(), "{}", out(&o));
}

/// Each kind of rule error is one line naming file, line and what is wrong.
#[test]
fn rule_errors_point_at_the_line() {
    let dir = scratch("rules-errors");
    let cases = [
        ("malformed.yaml", "cues: [\n  {lemma: say\n", "malformed.yaml:"),
        ("unknown.yaml", "cues: []\nsource_nounz: []\n", "unknown.yaml:2:1: unknown field `source_nounz`"),
        ("empty.yaml", "cues:\n  - {lemma: say, family: speech, forms: [said]}\n  - {lemma: '', family: speech, forms: [x]}\n", "empty.yaml:3:"),
        (
            "dup.yaml",
            "entities:\n  - {name: Kim Jong Un, type: person, aliases: [Kim]}\n  - {name: Kim Yo Jong, type: person, aliases: [Kim]}\n",
            "dup.yaml:3:",
        ),
    ];
    for (name, text, want) in cases {
        std::fs::write(dir.join(name), text).unwrap();
        let o = run(&dir, &["rules", "check", name]);
        assert_eq!(o.status.code(), Some(2), "{name}");
        let e = err(&o);
        assert!(e.starts_with(want), "{name}: {e}");
        assert_eq!(e.lines().count(), 1, "{name}: {e}");
    }
}

#[test]
fn schema_matches_snapshot() {
    let o = run(Path::new(env!("CARGO_MANIFEST_DIR")), &["rules", "schema"]);
    assert!(o.status.success());
    insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false, omit_expression => true}, {
        insta::assert_snapshot!("rules-schema", out(&o));
    });
}

/// What the built-in rules' own examples yield, reviewed like any snapshot.
#[test]
fn builtin_rule_examples_match_snapshot() {
    let rules = crosscheck::rules::Rules::builtin();
    let outcomes = crosscheck::ruletests::run(&rules).expect("built-in rules build");
    let text: String = outcomes
        .iter()
        .map(|o| {
            format!(
                "{}\n{}\n",
                o.text,
                o.found
                    .iter()
                    .map(|f| format!("  => {f}\n"))
                    .collect::<String>()
            )
        })
        .collect();
    insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false, omit_expression => true}, {
        insta::assert_snapshot!("rules-builtin-examples", text);
    });
}
