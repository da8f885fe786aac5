//! Extraction rules: the word lists and patterns the grammar is parameterised by.
//!
//! The pest grammar is compiled into the binary and works on word *classes*
//! (see [`crate::lexer::Tag`]). Which word belongs to which class is data, held
//! here: the built-in `grammar/rules.yaml` plus any files given with `--rules`,
//! so users change what is extracted without recompiling.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::Deserialize;

use crate::model::SourceType;

/// The built-in rules, embedded so the binary works from any directory.
pub const DEFAULT_RULES: &str = include_str!("../grammar/rules.yaml");

#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    #[error("{path}:{line}:{column}: {message}")]
    Yaml {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path}:{line}:{column}: {message}")]
    Invalid {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

/// What follows a cue, which decides how the grammar reads the sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Frame {
    #[default]
    Clause,
    Listener,
    Adjective,
    According,
    Relay,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CueRule {
    pub lemma: String,
    pub family: String,
    #[serde(default)]
    pub frame: Frame,
    pub forms: Vec<String>,
    #[serde(default)]
    pub gerund: Option<String>,
    #[serde(default)]
    pub object: Object,
    /// The only kind of source the cue is read with, if any: "the filing
    /// shows …" reports a document's content, "images show smoke" nothing.
    #[serde(default)]
    pub source: Option<SourceType>,
}

/// What a cue's content may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Object {
    /// Anything: a clause, a quotation or a noun phrase ("denied these claims").
    #[default]
    Any,
    /// Only a clause: "maintains that …" but not "maintains close ties".
    Clause,
    /// Only something with a quotation in it: "called the move “absurd”"
    /// but not "called the minister".
    Quote,
    /// Only a clause opened by "that" (or a quotation): for verbs whose bare
    /// object is usually a thing, "recalled that …" but not "recalled
    /// 2 million kettles".
    That,
    /// Only a listener and what they are urged to do: "called on the US to
    /// abide by …", not the visit of "called on officials in Peshawar".
    Infinitive,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityRule {
    pub name: String,
    #[serde(rename = "type")]
    pub entity_type: SourceType,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Adjective used for the country's institutions: "Chinese" foreign ministry.
    #[serde(default)]
    pub adjective: Option<String>,
    /// Short form used as a modifier: "US ambassador".
    #[serde(default)]
    pub prefix: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WordClasses {
    #[serde(default)]
    pub determiners: Vec<String>,
    #[serde(default)]
    pub prepositions: Vec<String>,
    #[serde(default)]
    pub of: Vec<String>,
    #[serde(default)]
    pub by: Vec<String>,
    #[serde(default)]
    pub that: Vec<String>,
    #[serde(default)]
    pub relatives: Vec<String>,
    #[serde(default)]
    pub coordinators: Vec<String>,
    #[serde(default)]
    pub subordinators: Vec<String>,
    #[serde(default)]
    pub framing_subordinators: Vec<String>,
    #[serde(default)]
    pub pronouns: Vec<String>,
    #[serde(default)]
    pub be: Vec<String>,
    #[serde(default)]
    pub auxiliaries: Vec<String>,
    #[serde(default)]
    pub negations: Vec<String>,
    #[serde(default)]
    pub time: Vec<String>,
    /// Role nouns of people who speak for a body ("spokesperson"): an
    /// unnamed one is credited to the body they speak for.
    #[serde(default)]
    pub spokespeople: Vec<String>,
    /// Words that say a person is a woman or a man (Ms, spokeswoman; Mr,
    /// king): evidence for which person "she" or "he" refers to.
    #[serde(default)]
    pub feminine: Vec<String>,
    #[serde(default)]
    pub masculine: Vec<String>,
    /// Words that end the name of a body, not of a person: a run of
    /// capitalised words such as "Athletics Integrity Unit" is no one's name.
    #[serde(default)]
    pub body_names: Vec<String>,
    /// Words that end the name of a news outlet: "The Sentinel", "Austin
    /// American-Statesman" and "China Daily" are media, and no one's name.
    #[serde(default)]
    pub outlet_names: Vec<String>,
    /// Document nouns of works in their own right: "a report by the WHO" is
    /// the "WHO report", where "a statement by the ministry" is the ministry's.
    #[serde(default)]
    pub works: Vec<String>,
    /// Words that make an unnamed source speak for a state: "officials",
    /// "diplomatic sources" in an article datelined New Delhi are Indian.
    #[serde(default)]
    pub state_words: Vec<String>,
    /// Prepositions of time: a phrase they open after a source is when it
    /// spoke, not part of who it is ("said coach Marta Lind after the match").
    #[serde(default)]
    pub time_prepositions: Vec<String>,
    /// Words that end places' names, not people's: a run of capitalised
    /// words such as "Philadelphi Strip" is no one a "he" can mean.
    #[serde(default)]
    pub place_names: Vec<String>,
    /// Lowercase particles inside a name: "Louis van Gaal", "Taher al Nono".
    /// Only between two capitalised words is one read as part of the name.
    #[serde(default)]
    pub name_particles: Vec<String>,
    /// Auxiliaries of what is yet to happen or may: "Japan will continue to
    /// urge China" inside a report is a plan, not a claim the report relays.
    #[serde(default)]
    pub modals: Vec<String>,
    /// Adverbs that narrow what follows them (each also in `auxiliaries`):
    /// right after a cue they open what was said ("said only fraud could
    /// prevent a victory"), not the cue's adjunct.
    #[serde(default)]
    pub focus_adverbs: Vec<String>,
    /// Words that make a phrase of time of the time word after them ("said
    /// late Friday", "early Monday"); elsewhere they are plain words.
    #[serde(default)]
    pub time_modifiers: Vec<String>,
    /// Participles that pass a statement on: in "said in a statement
    /// carried by state news agency Wam", Wam relays what was said.
    #[serde(default)]
    pub relay_participles: Vec<String>,
    /// Past tenses that say a party put a document out: after "The
    /// ministry issued a statement", "The statement said …" is the
    /// ministry's.
    #[serde(default)]
    pub issue_verbs: Vec<String>,
    /// Determiners that can stand for their noun phrase: before a cue
    /// that is only a verb ("Another said", "Some told") they are the
    /// source.
    #[serde(default)]
    pub standalone_determiners: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FurnitureRules {
    #[serde(default)]
    pub line: Vec<String>,
    #[serde(default)]
    pub tail: Vec<String>,
    /// Headings of a teaser block ("Recommended", "Related News"): the
    /// heading and the headlines under it are dropped, up to the next line
    /// of prose.
    #[serde(default)]
    pub teasers: Vec<String>,
    #[serde(default)]
    pub inline: Vec<String>,
}

/// One rules file as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    #[serde(default)]
    pub cues: Vec<CueRule>,
    #[serde(default)]
    pub cue_adjuncts: Vec<String>,
    #[serde(default)]
    pub source_nouns: HashMap<SourceType, Vec<String>>,
    #[serde(default)]
    pub titles: Vec<String>,
    /// Other names of a role, the role word last in each: "top diplomat" →
    /// ["foreign minister", "foreign secretary"], so "the top Russian
    /// diplomat" is the person the article introduced as "Russian Foreign
    /// Minister …" (if no one else was).
    #[serde(default)]
    pub role_aliases: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub entities: Vec<EntityRule>,
    #[serde(default)]
    pub words: WordClasses,
    #[serde(default)]
    pub abbreviations: Vec<String>,
    #[serde(default)]
    pub furniture: FurnitureRules,
    /// Sentences with what they must (or must not) yield, run by `rules test`.
    #[serde(default)]
    pub tests: Vec<RuleTest>,
    /// Rules merged on top for articles from one outlet, keyed by outlet name.
    #[serde(default)]
    pub outlets: BTreeMap<String, Rules>,
}

/// An inline test: extraction of `text` must yield exactly the `expect`ed
/// attributions (an empty list: nothing at all).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleTest {
    pub text: String,
    #[serde(default)]
    pub expect: Vec<Expectation>,
}

/// What one expected attribution must have; fields left out are not checked.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expectation {
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub cue: Option<String>,
    #[serde(default)]
    pub content: Option<String>,
    /// The source's canonical entity: checks aliases and resolution.
    #[serde(default)]
    pub entity: Option<String>,
    #[serde(default, rename = "type")]
    pub source_type: Option<SourceType>,
    /// The relaying party as written ("Xinhua"); left out, any or none.
    #[serde(default)]
    pub via: Option<String>,
}

/// 1-based line and column of byte `at` in `text`.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = text.get(..at).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Where the `n`-th occurrence (0-based) of `needle` stands, or 0:0.
fn nth_position(text: &str, needle: &str, n: usize) -> (usize, usize) {
    text.match_indices(needle)
        .nth(n)
        .map_or((0, 0), |(at, _)| line_col(text, at))
}

/// Where `value` last stands as a whole YAML scalar (not inside a longer one).
fn last_scalar_position(text: &str, value: &str) -> (usize, usize) {
    let whole = |at: usize| {
        let before = text[..at].chars().next_back().unwrap_or(' ');
        let after = text[at + value.len()..].chars().next().unwrap_or('\n');
        !before.is_alphanumeric() && !after.is_alphanumeric() && after != ' '
    };
    text.match_indices(value)
        .map(|(at, _)| at)
        .filter(|&at| whole(at))
        .last()
        .map_or((0, 0), |at| line_col(text, at))
}

impl Rules {
    /// The built-in rules.
    pub fn builtin() -> Rules {
        // The embedded file is checked by the test suite, so failing here is a
        // build defect, not an input error.
        Rules::parse(DEFAULT_RULES, "grammar/rules.yaml").unwrap_or_else(|e| panic!("{e}"))
    }

    pub fn parse(text: &str, path: &str) -> Result<Rules, RulesError> {
        let rules: Rules = serde_yaml::from_str(text).map_err(|e| {
            let (line, column) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
            RulesError::Yaml {
                path: path.to_string(),
                line,
                column,
                message: e.to_string(),
            }
        })?;
        rules.validate(text, path)?;
        Ok(rules)
    }

    pub fn load(path: &Path) -> Result<Rules, RulesError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| RulesError::Io {
            path: shown.clone(),
            source,
        })?;
        Rules::parse(&text, &shown)
    }

    /// Checks what serde cannot: empty cues, aliases naming two entities,
    /// patterns that do not compile. Each error points at the line.
    fn validate(&self, text: &str, path: &str) -> Result<(), RulesError> {
        let invalid = |(line, column): (usize, usize), message: String| RulesError::Invalid {
            path: path.to_string(),
            line,
            column,
            message,
        };
        for (i, cue) in self.cues.iter().enumerate() {
            let at = nth_position(text, "lemma:", i);
            if cue.lemma.trim().is_empty() {
                return Err(invalid(at, "a cue has an empty lemma".into()));
            }
            if cue.forms.is_empty() || cue.forms.iter().any(|f| f.trim().is_empty()) {
                return Err(invalid(
                    at,
                    format!("cue '{}' has an empty form", cue.lemma),
                ));
            }
        }
        let mut aliases: HashMap<String, &str> = HashMap::new();
        for e in &self.entities {
            for alias in std::iter::once(&e.name).chain(&e.aliases) {
                let key = crate::resolve::fold(alias);
                match aliases.get(&key) {
                    Some(other) if *other != e.name => {
                        let at = last_scalar_position(text, alias);
                        return Err(invalid(
                            at,
                            format!(
                                "duplicate alias \"{alias}\" for \"{other}\" and \"{}\"",
                                e.name
                            ),
                        ));
                    }
                    _ => {
                        aliases.insert(key, &e.name);
                    }
                }
            }
        }
        for pattern in self
            .furniture
            .line
            .iter()
            .chain(&self.furniture.tail)
            .chain(&self.furniture.teasers)
            .chain(&self.furniture.inline)
        {
            regex::Regex::new(pattern).map_err(|e| {
                let first_line = e
                    .to_string()
                    .lines()
                    .last()
                    .unwrap_or("")
                    .trim()
                    .to_string();
                invalid(
                    nth_position(text, pattern, 0),
                    format!("furniture pattern '{pattern}' does not compile: {first_line}"),
                )
            })?;
        }
        for (outlet, rules) in &self.outlets {
            if !rules.outlets.is_empty() {
                return Err(invalid(
                    nth_position(text, outlet, 0),
                    format!("outlet '{outlet}' has outlets of its own"),
                ));
            }
        }
        Ok(())
    }

    /// These rules with the overrides for `outlet` merged on top, if it has any.
    pub fn for_outlet(&self, outlet: &str) -> Option<Rules> {
        let extra = self.outlets.get(outlet)?;
        let mut rules = self.clone();
        rules.merge(extra.clone());
        Some(rules)
    }

    /// Adds `other` on top of these rules: lists grow, and a cue or entity
    /// with the same lemma or name replaces the earlier one.
    pub fn merge(&mut self, other: Rules) {
        for cue in other.cues {
            self.cues.retain(|c| c.lemma != cue.lemma);
            self.cues.push(cue);
        }
        for entity in other.entities {
            self.entities.retain(|e| e.name != entity.name);
            self.entities.push(entity);
        }
        self.cue_adjuncts.extend(other.cue_adjuncts);
        for (ty, nouns) in other.source_nouns {
            self.source_nouns.entry(ty).or_default().extend(nouns);
        }
        self.titles.extend(other.titles);
        self.role_aliases.extend(other.role_aliases);
        let (w, o) = (&mut self.words, other.words);
        for (mine, theirs) in [
            (&mut w.determiners, o.determiners),
            (&mut w.prepositions, o.prepositions),
            (&mut w.of, o.of),
            (&mut w.by, o.by),
            (&mut w.that, o.that),
            (&mut w.relatives, o.relatives),
            (&mut w.coordinators, o.coordinators),
            (&mut w.subordinators, o.subordinators),
            (&mut w.framing_subordinators, o.framing_subordinators),
            (&mut w.pronouns, o.pronouns),
            (&mut w.be, o.be),
            (&mut w.auxiliaries, o.auxiliaries),
            (&mut w.negations, o.negations),
            (&mut w.time, o.time),
            (&mut w.spokespeople, o.spokespeople),
            (&mut w.feminine, o.feminine),
            (&mut w.masculine, o.masculine),
            (&mut w.body_names, o.body_names),
            (&mut w.outlet_names, o.outlet_names),
            (&mut w.works, o.works),
            (&mut w.state_words, o.state_words),
            (&mut w.time_prepositions, o.time_prepositions),
            (&mut w.place_names, o.place_names),
            (&mut w.name_particles, o.name_particles),
            (&mut w.modals, o.modals),
            (&mut w.focus_adverbs, o.focus_adverbs),
            (&mut w.time_modifiers, o.time_modifiers),
            (&mut w.relay_participles, o.relay_participles),
            (&mut w.issue_verbs, o.issue_verbs),
            (&mut w.standalone_determiners, o.standalone_determiners),
        ] {
            mine.extend(theirs);
        }
        self.abbreviations.extend(other.abbreviations);
        self.furniture.line.extend(other.furniture.line);
        self.furniture.tail.extend(other.furniture.tail);
        self.furniture.teasers.extend(other.furniture.teasers);
        self.furniture.inline.extend(other.furniture.inline);
        self.tests.extend(other.tests);
        for (outlet, rules) in other.outlets {
            match self.outlets.get_mut(&outlet) {
                Some(mine) => mine.merge(rules),
                None => {
                    self.outlets.insert(outlet, rules);
                }
            }
        }
    }

    /// The built-in rules with each file in `paths` merged on top, in order.
    pub fn with_files(paths: &[impl AsRef<Path>]) -> Result<Rules, RulesError> {
        let mut rules = Rules::builtin();
        for path in paths {
            rules.merge(Rules::load(path.as_ref())?);
        }
        Ok(rules)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_rules_parse() {
        let rules = Rules::builtin();
        assert!(rules.cues.iter().any(|c| c.lemma == "say"));
        assert!(!rules.furniture.line.is_empty());
    }

    #[test]
    fn unknown_key_is_an_error_with_position() {
        let err = Rules::parse("cues: []\ncolour: red\n", "x.yaml").unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("x.yaml:2:"), "{msg}");
        assert!(msg.contains("colour"), "{msg}");
    }

    #[test]
    fn empty_cue_form_is_an_error() {
        let err = Rules::parse(
            "cues:\n  - {lemma: say, family: speech, forms: ['']}\n",
            "x.yaml",
        )
        .unwrap_err();
        assert!(err.to_string().contains("empty form"), "{err}");
        assert!(err.to_string().starts_with("x.yaml:2:"), "{err}");
    }

    #[test]
    fn bad_furniture_regex_is_an_error() {
        let err = Rules::parse("furniture:\n  line: ['(']\n", "x.yaml").unwrap_err();
        assert!(err.to_string().starts_with("x.yaml:2:"), "{err}");
        assert!(err.to_string().contains("furniture pattern"), "{err}");
    }

    #[test]
    fn duplicate_alias_names_both_entities_and_the_line() {
        let text = "entities:\n  - {name: Kim Jong Un, type: person, aliases: [Kim]}\n  - {name: Kim Yo Jong, type: person, aliases: [Kim]}\n";
        let err = Rules::parse(text, "x.yaml").unwrap_err().to_string();
        assert!(err.starts_with("x.yaml:3:"), "{err}");
        assert!(
            err.contains("duplicate alias \"Kim\" for \"Kim Jong Un\" and \"Kim Yo Jong\""),
            "{err}"
        );
    }

    #[test]
    fn empty_lemma_is_an_error_with_line() {
        let err = Rules::parse("cues:\n  - {lemma: say, family: speech, forms: [said]}\n  - {lemma: '', family: speech, forms: [x]}\n", "x.yaml").unwrap_err();
        assert!(err.to_string().starts_with("x.yaml:3:"), "{err}");
    }

    #[test]
    fn outlet_overrides_merge_on_top() {
        let rules = Rules::parse("outlets:\n  Daily Bugle:\n    cues:\n      - {lemma: quip, family: speech, forms: [quipped]}\n", "x.yaml").unwrap();
        let bugle = rules.for_outlet("Daily Bugle").unwrap();
        assert!(bugle.cues.iter().any(|c| c.lemma == "quip"));
        assert!(rules.for_outlet("Other").is_none());
    }

    #[test]
    fn merge_replaces_cue_with_same_lemma() {
        let mut rules = Rules::builtin();
        let extra = Rules::parse(
            "cues:\n  - {lemma: say, family: speech, forms: [quipped]}\n",
            "x.yaml",
        )
        .unwrap();
        rules.merge(extra);
        let says: Vec<_> = rules.cues.iter().filter(|c| c.lemma == "say").collect();
        assert_eq!(says.len(), 1);
        assert_eq!(says[0].forms, vec!["quipped".to_string()]);
    }
}
