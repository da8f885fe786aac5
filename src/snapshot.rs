//! Snapshots of a corpus's extraction, for seeing what a rule change does.
//!
//! One file per article, `<id>.snap`, in insta's format (a `---` header,
//! then YAML), so `cargo insta review` can read them too. The content is the
//! article's attribution records in reading order with their spans: stable,
//! sorted, no timestamps. Changes are reported as attributions added and
//! removed, one line each, not as a YAML diff.

use serde::Serialize;

use crate::model::ArticleAttributions;

#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    #[error("{path}: not a crosscheck snapshot: {message}")]
    Malformed { path: String, message: String },
}

/// What a snapshot file holds: the article's records without its path,
/// which differs between machines.
#[derive(Serialize)]
struct Body<'a> {
    id: &'a str,
    #[serde(flatten)]
    meta: &'a crate::model::Meta,
    attributions: &'a [crate::model::Attribution],
}

/// The snapshot file for one article.
pub fn render(a: &ArticleAttributions) -> String {
    let body = Body {
        id: &a.id,
        meta: &a.meta,
        attributions: &a.attributions,
    };
    let yaml = serde_yaml::to_string(&body).unwrap_or_default();
    format!("---\nsource: crosscheck\nexpression: {}\n---\n{yaml}", a.id)
}

/// One line per attribution, the unit a change is reported in.
pub fn lines(a: &ArticleAttributions) -> Vec<String> {
    a.attributions
        .iter()
        .map(|x| {
            let via = x
                .via
                .as_ref()
                .map(|v| format!(" (via {})", v.text))
                .unwrap_or_default();
            format!(
                "{}{via} | {} | {}",
                x.source.text, x.cue.text, x.content.text
            )
        })
        .collect()
}

/// Reads a snapshot file back into its records.
pub fn parse(text: &str, path: &str) -> Result<ArticleAttributions, SnapshotError> {
    let malformed = |message: String| SnapshotError::Malformed {
        path: path.to_string(),
        message,
    };
    let body = text
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .map(|(_, body)| body)
        .ok_or_else(|| malformed("no insta header".into()))?;
    serde_yaml::from_str(body).map_err(|e| malformed(e.to_string()))
}

/// How an article's extraction differs from its snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub id: String,
    pub added: Vec<String>,
    pub removed: Vec<String>,
    /// No snapshot existed.
    pub new: bool,
}

/// The change from `old` (None: no snapshot yet) to `new`, if any. Records
/// whose line is unchanged but whose spans moved count as removed and added.
pub fn change(old: Option<&ArticleAttributions>, new: &ArticleAttributions) -> Option<Change> {
    let Some(old) = old else {
        return Some(Change {
            id: new.id.clone(),
            added: lines(new),
            removed: Vec::new(),
            new: true,
        });
    };
    if old.attributions == new.attributions {
        return None;
    }
    let (was, now) = (lines(old), lines(new));
    let mut added: Vec<String> = now.iter().filter(|l| !was.contains(l)).cloned().collect();
    let mut removed: Vec<String> = was.iter().filter(|l| !now.contains(l)).cloned().collect();
    if added.is_empty() && removed.is_empty() {
        added.push("(same attributions, different spans or fields)".into());
        removed.push("(same attributions, different spans or fields)".into());
    }
    Some(Change {
        id: new.id.clone(),
        added,
        removed,
        new: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Extractor;

    fn article(text: &str) -> ArticleAttributions {
        ArticleAttributions {
            id: "a1".into(),
            path: Some("/somewhere/a1.txt".into()),
            meta: Default::default(),
            attributions: Extractor::builtin().extract(text, 0),
        }
    }

    #[test]
    fn snapshot_round_trips_and_omits_the_path() {
        let a = article("The minister said the talks were over.");
        let text = render(&a);
        assert!(text.starts_with("---\nsource: crosscheck\nexpression: a1\n---\n"));
        assert!(!text.contains("/somewhere"));
        let back = parse(&text, "a1.snap").unwrap();
        assert_eq!(back.attributions, a.attributions);
        assert_eq!(change(Some(&back), &a), None);
    }

    #[test]
    fn changes_list_added_and_removed_lines() {
        let old = article("The minister said the talks were over.");
        let new =
            article("The minister said the talks were over. Experts believe the deal will hold.");
        let c = change(Some(&old), &new).unwrap();
        assert_eq!(c.added, ["Experts | believe | the deal will hold"]);
        assert!(c.removed.is_empty());
        let c = change(Some(&new), &old).unwrap();
        assert_eq!(c.removed, ["Experts | believe | the deal will hold"]);
    }

    #[test]
    fn malformed_snapshot_is_an_error_naming_the_file() {
        let err = parse("just text", "x.snap").unwrap_err();
        assert!(err
            .to_string()
            .starts_with("x.snap: not a crosscheck snapshot"));
    }
}
