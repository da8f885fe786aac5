//! Extraction rules: the word lists and patterns the grammar is parameterised by.
//!
//! The pest grammar is compiled into the binary and works on word *classes*
//! (see [`crate::lexer::Tag`]). Which word belongs to which class is data, held
//! here: the built-in `grammar/rules.yaml` plus any files given with `--rules`,
//! so users change what is extracted without recompiling.

use std::collections::HashMap;
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
    #[error("{path}: {message}")]
    Invalid { path: String, message: String },
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
    pub pronouns: Vec<String>,
    #[serde(default)]
    pub be: Vec<String>,
    #[serde(default)]
    pub auxiliaries: Vec<String>,
    #[serde(default)]
    pub negations: Vec<String>,
    #[serde(default)]
    pub time: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FurnitureRules {
    #[serde(default)]
    pub line: Vec<String>,
    #[serde(default)]
    pub tail: Vec<String>,
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
    #[serde(default)]
    pub entities: Vec<EntityRule>,
    #[serde(default)]
    pub words: WordClasses,
    #[serde(default)]
    pub abbreviations: Vec<String>,
    #[serde(default)]
    pub furniture: FurnitureRules,
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
        rules.validate(path)?;
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

    fn validate(&self, path: &str) -> Result<(), RulesError> {
        let invalid = |message: String| RulesError::Invalid {
            path: path.to_string(),
            message,
        };
        for cue in &self.cues {
            if cue.lemma.trim().is_empty() {
                return Err(invalid("a cue has an empty lemma".into()));
            }
            if cue.forms.iter().any(|f| f.trim().is_empty()) {
                return Err(invalid(format!("cue '{}' has an empty form", cue.lemma)));
            }
        }
        for pattern in self
            .furniture
            .line
            .iter()
            .chain(&self.furniture.tail)
            .chain(&self.furniture.inline)
        {
            regex::Regex::new(pattern)
                .map_err(|e| invalid(format!("furniture pattern '{pattern}': {e}")))?;
        }
        Ok(())
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
            (&mut w.pronouns, o.pronouns),
            (&mut w.be, o.be),
            (&mut w.auxiliaries, o.auxiliaries),
            (&mut w.negations, o.negations),
            (&mut w.time, o.time),
        ] {
            mine.extend(theirs);
        }
        self.abbreviations.extend(other.abbreviations);
        self.furniture.line.extend(other.furniture.line);
        self.furniture.tail.extend(other.furniture.tail);
        self.furniture.inline.extend(other.furniture.inline);
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
    }

    #[test]
    fn bad_furniture_regex_is_an_error() {
        let err = Rules::parse("furniture:\n  line: ['(']\n", "x.yaml").unwrap_err();
        assert!(err.to_string().contains("furniture pattern"), "{err}");
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
