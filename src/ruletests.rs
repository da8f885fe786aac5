//! Inline rule tests: sentences a rules file says must yield given
//! attributions, or nothing. `crosscheck rules test` and `cargo test` run the
//! same checks, so a rule and its examples cannot drift apart.

use crate::extract::Extractor;
use crate::model::Attribution;
use crate::rules::{Expectation, RuleTest, Rules, RulesError};

/// The result of one inline test.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub text: String,
    pub passed: bool,
    /// What was expected, one line each (`source | cue | content`, `*` = any).
    pub expected: Vec<String>,
    /// What extraction found, one line each.
    pub found: Vec<String>,
}

fn line(source: &str, cue: &str, content: &str) -> String {
    format!("{source} | {cue} | {content}")
}

fn describe(e: &Expectation) -> String {
    let any = |f: &Option<String>| f.clone().unwrap_or_else(|| "*".to_string());
    line(&any(&e.source), &any(&e.cue), &any(&e.content))
}

fn fits(e: &Expectation, a: &Attribution) -> bool {
    let ok = |want: &Option<String>, got: &str| want.as_deref().is_none_or(|w| w == got);
    ok(&e.source, &a.source.text) && ok(&e.cue, &a.cue.text) && ok(&e.content, &a.content.text)
}

/// Runs `rules.tests` against an extractor built from `rules`.
pub fn run(rules: &Rules) -> Result<Vec<Outcome>, RulesError> {
    let ex = Extractor::new(rules)?;
    Ok(rules.tests.iter().map(|t| check(&ex, t)).collect())
}

fn check(ex: &Extractor, t: &RuleTest) -> Outcome {
    let found = ex.extract(&t.text, 0);
    // Each expectation claims a different attribution; none may be left over.
    let mut used = vec![false; found.len()];
    let mut all_met = true;
    for e in &t.expect {
        match found
            .iter()
            .enumerate()
            .position(|(i, a)| !used[i] && fits(e, a))
        {
            Some(i) => used[i] = true,
            None => all_met = false,
        }
    }
    Outcome {
        text: t.text.clone(),
        passed: all_met && found.len() == t.expect.len(),
        expected: t.expect.iter().map(describe).collect(),
        found: found
            .iter()
            .map(|a| line(&a.source.text, &a.cue.text, &a.content.text))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_rules_pass_their_own_tests() {
        let rules = Rules::builtin();
        assert!(
            rules.tests.len() >= 10,
            "the built-in rules carry their examples"
        );
        for o in run(&rules).unwrap() {
            assert!(
                o.passed,
                "{}\n  expected {:?}\n  found    {:?}",
                o.text, o.expected, o.found
            );
        }
    }

    #[test]
    fn a_failing_test_reports_what_was_found() {
        let mut rules = Rules::builtin();
        rules.merge(
            Rules::parse(
                "tests:\n  - text: The minister quipped that it was over.\n    expect: [{source: The minister, cue: quipped}]\n",
                "t.yaml",
            )
            .unwrap(),
        );
        let outcomes = run(&rules).unwrap();
        let last = outcomes.last().unwrap();
        assert!(!last.passed);
        assert_eq!(last.expected, ["The minister | quipped | *"]);
        assert!(last.found.is_empty());
    }
}
