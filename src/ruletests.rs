//! Inline rule tests: sentences a rules file says must yield given
//! attributions, or nothing. `crosscheck rules test` and `cargo test` run the
//! same checks, so a rule and its examples cannot drift apart.

use crate::extract::Extractor;
use crate::model::{Attribution, SourceType};
use crate::rules::{Expectation, RuleTest, Rules, RulesError};

/// The result of one inline test.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub text: String,
    pub passed: bool,
    /// What was expected, one line each (`source | cue | content | entity
    /// (type)`, `*` = any, then `via …` if one is given).
    pub expected: Vec<String>,
    /// What extraction found, one line each.
    pub found: Vec<String>,
}

fn line(
    source: &str,
    cue: &str,
    content: &str,
    entity: &str,
    source_type: &str,
    via: Option<&str>,
) -> String {
    let via = via.map(|v| format!(" via {v}")).unwrap_or_default();
    format!("{source} | {cue} | {content} | {entity} ({source_type}){via}")
}

fn describe(e: &Expectation) -> String {
    fn any(f: &Option<String>) -> &str {
        f.as_deref().unwrap_or("*")
    }
    line(
        any(&e.source),
        any(&e.cue),
        any(&e.content),
        any(&e.entity),
        e.source_type.map_or("*", SourceType::as_str),
        e.via.as_deref(),
    )
}

fn found(a: &Attribution) -> String {
    line(
        &a.source.text,
        &a.cue.text,
        &a.content.text,
        &a.source.entity,
        a.source.source_type.as_str(),
        a.via.as_ref().map(|v| v.text.as_str()),
    )
}

fn fits(e: &Expectation, a: &Attribution) -> bool {
    let ok = |want: &Option<String>, got: &str| want.as_deref().is_none_or(|w| w == got);
    ok(&e.source, &a.source.text)
        && ok(&e.cue, &a.cue.text)
        && ok(&e.content, &a.content.text)
        && ok(&e.entity, &a.source.entity)
        && e.source_type.is_none_or(|t| t == a.source.source_type)
        && ok(&e.via, a.via.as_ref().map_or("", |v| v.text.as_str()))
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
        found: found.iter().map(self::found).collect(),
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
        assert_eq!(last.expected, ["The minister | quipped | * | * (*)"]);
        assert!(last.found.is_empty());
    }
}
