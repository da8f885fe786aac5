//! The JSON Schema of the rules format, for editors and CI validation.
//!
//! Hand-written next to the serde types it describes; a test checks that
//! every key the built-in rules use is in it, so the two cannot drift apart.

use serde_json::{json, Value};

fn strings() -> Value {
    json!({"type": "array", "items": {"type": "string", "minLength": 1}})
}

/// The schema of one rules document (`outlets` holds documents without `outlets`).
pub fn rules_schema() -> Value {
    let source_type = json!({"enum": ["person", "organization", "government", "media", "document", "anonymous", "collective"]});
    // Built apart: inline, they take `json!` past its recursion limit.
    let role_aliases = json!({"type": "object", "additionalProperties": strings()});
    let words = json!({
        "type": "object",
        "additionalProperties": false,
        "properties": {
            "determiners": strings(), "prepositions": strings(), "of": strings(), "by": strings(),
            "that": strings(), "relatives": strings(), "coordinators": strings(), "subordinators": strings(), "framing_subordinators": strings(),
            "pronouns": strings(), "be": strings(), "auxiliaries": strings(), "negations": strings(), "time": strings(),
            "spokespeople": strings(), "feminine": strings(), "masculine": strings(), "body_names": strings(), "outlet_names": strings(), "works": strings(), "state_words": strings(),
            "time_prepositions": strings(), "place_names": strings(), "name_particles": strings(), "modals": strings(), "focus_adverbs": strings(), "time_modifiers": strings(),
            "relay_participles": strings(), "issue_verbs": strings(), "standalone_determiners": strings()
        }
    });
    let tests = json!({
        "type": "array",
        "items": {
            "type": "object",
            "additionalProperties": false,
            "required": ["text"],
            "properties": {
                "text": {"type": "string"},
                "expect": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "additionalProperties": false,
                        "properties": {"source": {"type": "string"}, "cue": {"type": "string"}, "content": {"type": "string"}, "entity": {"type": "string"}, "type": source_type.clone(), "via": {"type": "string"}}
                    }
                }
            }
        }
    });
    let mut doc = json!({
        "type": "object",
        "additionalProperties": false,
        "properties": {
            "cues": {
                "type": "array",
                "description": "Cue words and phrases that signal an attribution.",
                "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["lemma", "family", "forms"],
                    "properties": {
                        "lemma": {"type": "string", "minLength": 1},
                        "family": {"type": "string", "description": "speech, belief, accusation, denial, relay, document …"},
                        "frame": {"enum": ["clause", "listener", "adjective", "according", "relay"]},
                        "forms": {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}},
                        "gerund": {"type": "string", "minLength": 1},
                        "object": {"enum": ["any", "clause", "quote", "that", "infinitive"]},
                        "source": {"enum": ["person", "organization", "government", "media", "document", "anonymous", "collective"]}
                    }
                }
            },
            "cue_adjuncts": strings(),
            "source_nouns": {
                "type": "object",
                "description": "Common nouns that can head a source, by the source type they imply.",
                "propertyNames": source_type.clone(),
                "additionalProperties": strings()
            },
            "titles": strings(),
            "role_aliases": role_aliases,
            "entities": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["name", "type"],
                    "properties": {
                        "name": {"type": "string", "minLength": 1},
                        "type": source_type,
                        "aliases": strings(),
                        "adjective": {"type": "string"},
                        "prefix": {"type": "string"}
                    }
                }
            },
            "words": words,
            "abbreviations": strings(),
            "furniture": {
                "type": "object",
                "additionalProperties": false,
                "properties": {"line": strings(), "tail": strings(), "teasers": strings(), "inline": strings()}
            },
            "tests": tests
        }
    });
    // An outlet override is a rules document without outlets of its own.
    let outlet = doc.clone();
    if let Some(props) = doc.get_mut("properties").and_then(Value::as_object_mut) {
        props.insert(
            "outlets".to_string(),
            json!({"type": "object", "description": "Rules merged on top for one outlet's articles.", "additionalProperties": outlet}),
        );
    }
    let mut schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "crosscheck rules",
    });
    if let (Some(s), Some(d)) = (schema.as_object_mut(), doc.as_object()) {
        s.extend(d.clone());
    }
    schema
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_of_the_builtin_rules_is_in_the_schema() {
        let schema = rules_schema();
        let props = schema["properties"].as_object().unwrap();
        let builtin: serde_yaml::Value = serde_yaml::from_str(crate::rules::DEFAULT_RULES).unwrap();
        for key in builtin.as_mapping().unwrap().keys() {
            let key = key.as_str().unwrap();
            assert!(props.contains_key(key), "schema lacks {key}");
        }
        assert!(props.contains_key("outlets"));
        assert_eq!(schema["additionalProperties"], false);
        let words = builtin["words"].as_mapping().unwrap();
        for key in words.keys() {
            assert!(schema["properties"]["words"]["properties"]
                .get(key.as_str().unwrap())
                .is_some());
        }
    }
}
