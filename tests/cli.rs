//! The binary as users run it.

use std::path::Path;
use std::process::{Command, Output};

use crate::support::{run_in, scratch, stderr, stdout};

fn crosscheck(args: &[&str]) -> Output {
    run_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

#[test]
fn extract_without_paths_reads_the_builtin_seeds() {
    let o = crosscheck(&["extract", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("valid JSON");
    let articles = v["articles"].as_array().expect("articles array");
    assert_eq!(articles.len(), 5);
    assert_eq!(articles[0]["outlet"], "The Independent");
    assert!(articles
        .iter()
        .all(|a| a["attributions"].as_array().is_some_and(|x| !x.is_empty())));
}

#[test]
fn extract_formats_all_parse() {
    let o = crosscheck(&["extract", "--format", "jsonl", "seeds"]);
    assert!(o.status.success());
    let lines: Vec<_> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("json line"))
        .collect();
    assert_eq!(lines.len(), 5);
    let o = crosscheck(&[
        "extract",
        "--format",
        "yaml",
        "seeds/004_48af7910958ecb10.txt",
    ]);
    let v: serde_yaml::Value = serde_yaml::from_str(&stdout(&o)).expect("valid YAML");
    assert_eq!(
        v["articles"][0]["id"].as_str(),
        Some("004_48af7910958ecb10")
    );
    let o = crosscheck(&[
        "extract",
        "--format",
        "table",
        "seeds/004_48af7910958ecb10.txt",
    ]);
    assert!(stdout(&o).contains("NepalKhabar"));
}

#[test]
fn bad_files_are_reported_and_the_rest_still_processed() {
    let dir = scratch("bad-input");
    std::fs::write(
        dir.join("a_good.txt"),
        "The minister said the talks would resume.",
    )
    .unwrap();
    std::fs::write(dir.join("b_bad.txt"), b"The minister \xff\xfe said.").unwrap();
    std::fs::write(dir.join("c_empty.txt"), "").unwrap();
    std::fs::write(dir.join("d_binary.txt"), b"\x00\x01\x02ELF").unwrap();
    let o = crosscheck(&["extract", "--format", "jsonl", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "some inputs failed");
    let err = stderr(&o);
    assert!(err.contains("b_bad.txt: invalid UTF-8 at byte 13"), "{err}");
    assert!(err.contains("d_binary.txt: binary data"), "{err}");
    assert_eq!(err.lines().count(), 2, "one line per bad file: {err}");
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 2, "the good and the empty file: {out}");
    assert!(out.contains("the talks would resume"));
}

#[test]
fn out_writes_atomically_and_refuses_to_overwrite() {
    let dir = scratch("out");
    let target = dir.join("result.json");
    let t = target.to_str().unwrap();
    let o = crosscheck(&["extract", "--format", "json", "--out", t]);
    assert!(o.status.success(), "{}", stderr(&o));
    let first = std::fs::read_to_string(&target).unwrap();
    assert!(first.contains("\"articles\""));

    std::fs::write(&target, "precious").unwrap();
    let o = crosscheck(&["extract", "--format", "json", "--out", t]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "precious");

    let o = crosscheck(&["extract", "--format", "json", "--out", t, "--force"]);
    assert!(o.status.success());
    assert_eq!(std::fs::read_to_string(&target).unwrap(), first);
    // No temporary files left behind.
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
}

#[test]
fn rules_file_adds_a_cue_without_recompiling() {
    let dir = scratch("rules");
    let article = dir.join("a.txt");
    std::fs::write(&article, "The minister quipped that the talks were over.").unwrap();
    let before = crosscheck(&["extract", "--format", "jsonl", article.to_str().unwrap()]);
    assert!(!stdout(&before).contains("quipped"));
    let rules = dir.join("rules.yaml");
    std::fs::write(
        &rules,
        "cues:\n  - {lemma: quip, family: speech, forms: [quipped]}\n",
    )
    .unwrap();
    let after = crosscheck(&[
        "extract",
        "--format",
        "jsonl",
        "--rules",
        rules.to_str().unwrap(),
        article.to_str().unwrap(),
    ]);
    assert!(after.status.success(), "{}", stderr(&after));
    assert!(
        stdout(&after).contains("\"lemma\":\"quip\""),
        "{}",
        stdout(&after)
    );
}

#[test]
fn bad_rules_file_names_file_and_line() {
    let dir = scratch("bad-rules");
    let rules = dir.join("rules.yaml");
    std::fs::write(&rules, "cues: []\nsource_nounz: []\n").unwrap();
    let o = crosscheck(&["extract", "--rules", rules.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("rules.yaml:2:"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn stdin_is_read_with_a_dash() {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .args(["extract", "--format", "jsonl", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"{\"id\": \"x1\", \"text\": \"Experts believe the plan will fail.\", \"outlet\": \"Wire\"}\n")
        .unwrap();
    let o = child.wait_with_output().unwrap();
    let out = stdout(&o);
    assert!(out.contains("\"id\":\"x1\""), "{out}");
    assert!(out.contains("the plan will fail"), "{out}");
}

/// `crosscheck extract … | head` is normal use: a reader that stops early
/// ends the run quietly, with success.
#[test]
fn a_closed_pipe_is_not_an_error() {
    use std::io::Read;
    for format in ["jsonl", "json", "yaml", "table"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
            .args(["extract", "--format", format, "seeds", "tests/data"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 16];
        child.stdout.take().unwrap().read_exact(&mut first).unwrap();
        // The output is larger than a pipe holds; dropping the read end
        // makes the next write fail with EPIPE.
        let o = child.wait_with_output().unwrap();
        assert!(o.status.success(), "{format}: {}", stderr(&o));
        assert_eq!(stderr(&o), "", "{format}");
    }
}
