//! The HTML report in a real browser: headless Chromium loads the page built
//! from the seeds plus an article carrying injected markup, runs the page's
//! self-test (click a relation, apply filters) and dumps the DOM; a second
//! run takes a screenshot. `.ci/run` installs Debian's chromium if missing.

use std::path::{Path, PathBuf};
use std::process::Command;

use crosscheck::extract::Extractor;
use crosscheck::ingest::{builtin_seeds, Document};
use crosscheck::report::{build, html};

const INJECTED: &str = "Officials said the plan was \"><img src=x onerror=\"window.__pwned=2\"> and <script>window.__pwned=1</script> safe.";

fn chromium() -> Option<PathBuf> {
    let candidates = ["chromium", "chromium-browser", "google-chrome"];
    std::env::var_os("CHROMIUM").map(PathBuf::from).or_else(|| {
        candidates.iter().find_map(|c| {
            Command::new("which")
                .arg(c)
                .output()
                .ok()
                .filter(|o| o.status.success())
                .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim().to_string()))
        })
    })
}

fn headless(browser: &Path, profile: &Path) -> Command {
    let mut c = Command::new(browser);
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--virtual-time-budget=3000",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    c
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[test]
fn html_report_works_in_a_real_browser() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "chromium is missing in CI: .ci/run should have installed it"
        );
        eprintln!("skipping: no chromium on this machine (run .ci/run to install it)");
        return;
    };
    let mut docs = builtin_seeds();
    docs.push(Document {
        id: "zz_injected".into(),
        path: None,
        text: INJECTED.into(),
        body_start: 0,
        meta: Default::default(),
    });
    let report = build(&Extractor::builtin(), &docs, &mut |_| {});
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("html-report");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let page = dir.join("report.html");
    std::fs::write(&page, html::render(&report)).unwrap();
    let url = format!("file://{}#selftest", page.display());

    let dom = headless(&browser, &dir.join("profile-a"))
        .arg("--dump-dom")
        .arg(&url)
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&dom.stdout);
    let start = dom
        .find("<pre id=\"selftest-result\">")
        .expect("result element")
        + "<pre id=\"selftest-result\">".len();
    let end = start + dom[start..].find("</pre>").expect("closing pre");
    let result: serde_json::Value =
        serde_json::from_str(&unescape(&dom[start..end])).expect("self-test ran and wrote JSON");

    assert_eq!(result["events"], 4, "{result}"); // three seed events and the injected article
    assert_eq!(result["articles"], 6, "{result}");
    assert!(result["sources"].as_u64() > Some(50), "{result}");
    assert!(result["cues"].as_u64() > Some(50), "{result}");
    assert!(result["relations"].as_u64() > Some(10), "{result}");
    assert!(
        result["highlighted_after_click"].as_u64() >= Some(2),
        "a click highlights both sides: {result}"
    );
    assert_eq!(result["agree_visible_after_filter"], 0, "{result}");
    assert!(
        result["dimmed_after_type_filter"].as_u64() > Some(0),
        "{result}"
    );
    assert_eq!(result["injected_script_ran"], false, "{result}");
    assert_eq!(result["injected_text_shown"], true, "{result}");
    assert!(
        !dom.contains("<img src=\"x\""),
        "injected markup became an element"
    );

    let shot = dir.join("report.png");
    let status = headless(&browser, &dir.join("profile-b"))
        .arg(format!("--screenshot={}", shot.display()))
        .arg("--window-size=1280,1600")
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let size = std::fs::metadata(&shot).map(|m| m.len()).unwrap_or(0);
    assert!(size > 20_000, "screenshot is {size} bytes");
}
