//! Site furniture: the lines a scraper keeps that are not the article.
//!
//! "Advertisement", newsletter boxes, teasers of other stories, comment forms,
//! hashtag lines and photo credits are recognised by patterns from the rules
//! (data, not code) and returned as byte spans to skip. Nothing is cut out of
//! the text, so every later span still points into the original bytes.

use regex::{Regex, RegexSet};

use crate::model::Span;
use crate::rules::{FurnitureRules, RulesError};

/// Compiled furniture patterns.
#[derive(Debug, Clone)]
pub struct Furniture {
    line: RegexSet,
    tail: RegexSet,
    teasers: RegexSet,
    inline: Vec<Regex>,
}

impl Furniture {
    pub fn new(rules: &FurnitureRules) -> Result<Furniture, RulesError> {
        let anchored = |p: &String| format!("^(?:{p})$");
        // Patterns were checked when their file was read; this only fails
        // for rules built in code.
        let invalid = |e: regex::Error| RulesError::Invalid {
            path: "furniture".into(),
            line: 0,
            column: 0,
            message: e.to_string(),
        };
        Ok(Furniture {
            line: RegexSet::new(rules.line.iter().map(anchored)).map_err(invalid)?,
            tail: RegexSet::new(rules.tail.iter().map(anchored)).map_err(invalid)?,
            teasers: RegexSet::new(rules.teasers.iter().map(anchored)).map_err(invalid)?,
            inline: rules
                .inline
                .iter()
                .map(|p| Regex::new(p))
                .collect::<Result<_, _>>()
                .map_err(invalid)?,
        })
    }

    /// The parts of `text[body_start..]` that are article text: each line,
    /// minus furniture lines, inline credits, teaser blocks, and everything
    /// after a tail marker.
    pub fn content_spans(&self, text: &str, body_start: usize) -> Vec<Span> {
        let mut out = Vec::new();
        let mut offset = body_start.min(text.len());
        // A body start that falls inside a character moves to its end.
        while !text.is_char_boundary(offset) {
            offset += 1;
        }
        let mut in_teasers = false;
        while offset < text.len() {
            let rest = &text[offset..];
            let line_len = memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len());
            let line = &rest[..line_len];
            let trimmed = line.trim();
            if !trimmed.is_empty() {
                if self.tail.is_match(trimmed) {
                    break;
                }
                if self.teasers.is_match(trimmed) {
                    in_teasers = true;
                } else if in_teasers && !is_prose(trimmed) {
                    // A headline under a teaser heading.
                } else if !self.line.is_match(trimmed) {
                    in_teasers = false;
                    self.push_without_inline(line, offset, &mut out);
                }
            }
            offset += line_len + 1;
        }
        out
    }

    fn push_without_inline(&self, line: &str, offset: usize, out: &mut Vec<Span>) {
        // Nearly no line holds an inline match, and asking whether one
        // does is cheaper than collecting the matches.
        if self.inline.iter().any(|re| re.is_match(line)) {
            self.push_cut(line, offset, out);
        } else {
            push_trimmed(line, 0, line.len(), offset, out);
        }
    }

    /// Pushes the parts of `line` between its inline matches.
    fn push_cut(&self, line: &str, offset: usize, out: &mut Vec<Span>) {
        let mut cuts: Vec<(usize, usize)> = self
            .inline
            .iter()
            .flat_map(|re| re.find_iter(line).map(|m| (m.start(), m.end())))
            .collect();
        cuts.sort_unstable();
        let mut pos = 0;
        for (start, end) in cuts {
            if start > pos {
                push_trimmed(line, pos, start, offset, out);
            }
            pos = pos.max(end);
        }
        push_trimmed(line, pos, line.len(), offset, out);
    }
}

/// A line that reads as article text rather than a headline: a sentence of
/// six or more words ending in a stop, or in a quotation mark closing one
/// (a headline may end in a scare quote: "…, 'rehearsal for war'").
fn is_prose(line: &str) -> bool {
    let end = line.trim_end_matches(['"', '”', '’', '\'']);
    line.split_whitespace().nth(5).is_some() && end.ends_with(['.', '!', '?'])
}

fn push_trimmed(line: &str, start: usize, end: usize, offset: usize, out: &mut Vec<Span>) {
    let piece = &line[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        let s = offset + start + lead;
        out.push(Span::new(s, s + trimmed.len()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rules;

    fn kept(text: &str) -> Vec<String> {
        let f = Furniture::new(&Rules::builtin().furniture).unwrap();
        f.content_spans(text, 0)
            .iter()
            .map(|s| s.slice(text).to_string())
            .collect()
    }

    #[test]
    fn drops_furniture_lines() {
        let text = "Advertisement\nKim said it.\nNewsletter\n#Wang #visits\n";
        assert_eq!(kept(text), ["Kim said it."]);
    }

    #[test]
    fn drops_link_lines() {
        let text = "READ MORE: Gulf crisis: All the latest updates
Kim said it.
Watch: the speech
";
        assert_eq!(kept(text), ["Kim said it."]);
        let text = "Related: he said it would pass.";
        assert!(kept(text).is_empty());
        // Not at the start of the line: prose.
        let text = "He said: read more: nothing.";
        assert_eq!(kept(text), [text]);
    }

    #[test]
    fn keeps_ordinary_lines_that_mention_furniture_words() {
        let text = "The advertisement campaign, officials said, failed.";
        assert_eq!(kept(text), [text]);
    }

    #[test]
    fn tail_marker_drops_everything_after() {
        let text = "Body text.\nComments\nI think the minister said it well.\n";
        assert_eq!(kept(text), ["Body text."]);
    }

    #[test]
    fn teaser_block_is_dropped_up_to_the_next_prose() {
        let text = "Body text.\nRelated News\nTeaser: truce to continue, army says\n\
                    UAE and Ukraine sign trade pact\n\
                    The ministry said the swap was the largest so far.\n";
        assert_eq!(
            kept(text),
            [
                "Body text.",
                "The ministry said the swap was the largest so far."
            ]
        );
        // A teaser headline ending in a scare quote is still a headline.
        let text = "Body text.\nRelated Articles\nN. Korea slams drills as 'rehearsal for war'\n";
        assert_eq!(kept(text), ["Body text."]);
        // Teasers at the end of a page leave nothing behind.
        let text = "Body text.\nRecommended\nKim visits Moscow\nTruce holds, army says\n";
        assert_eq!(kept(text), ["Body text."]);
    }

    #[test]
    fn inline_credit_is_cut_and_offsets_stay_original() {
        // (A line "x" alone would be a share button.)
        let text = "Body.\nMinister in Russia  (POOL/AFP via Getty Images)\n";
        let f = Furniture::new(&Rules::builtin().furniture).unwrap();
        let spans = f.content_spans(text, 0);
        assert_eq!(spans.len(), 2);
        assert_eq!(spans[1].slice(text), "Minister in Russia");
        assert_eq!(spans[1].start, 6);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2_000))]

        /// Skipping the cut for a line without inline matches changes nothing.
        #[test]
        fn lines_without_credits_are_kept_whole(
            line in "(?: |word|\\(|\\)|\\(Photo: AFP\\)|\\(POOL/AFP via Getty Images\\)|é|’){0,12}"
        ) {
            let f = &*FURNITURE;
            let (mut fast, mut cut) = (Vec::new(), Vec::new());
            f.push_without_inline(&line, 7, &mut fast);
            f.push_cut(&line, 7, &mut cut);
            proptest::prop_assert_eq!(fast, cut);
        }
    }

    static FURNITURE: std::sync::LazyLock<Furniture> = std::sync::LazyLock::new(|| {
        Furniture::new(&Rules::builtin().furniture).expect("built-in patterns compile")
    });

    #[test]
    fn body_start_skips_front_matter() {
        let text = "---\noutlet: X\n---\nBody.";
        let f = Furniture::new(&Rules::builtin().furniture).unwrap();
        let spans = f.content_spans(text, 18);
        assert_eq!(
            spans.iter().map(|s| s.slice(text)).collect::<Vec<_>>(),
            ["Body."]
        );
    }
}
