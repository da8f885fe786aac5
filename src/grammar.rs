//! The pest grammar of attribution patterns, and what a match of it means.
//!
//! `grammar/attribution.pest` runs over the tag string from [`crate::lexer`]:
//! one byte per token, so every pest position is a token index. This module
//! turns the pairs pest returns into [`Match`]es — token ranges for the
//! source, cue, content and relaying party — and knows nothing of words.

use std::ops::Range;

use pest::iterators::Pair;
use pest::Parser;
use pest_derive::Parser;

#[derive(Parser)]
#[grammar = "../grammar/attribution.pest"]
pub struct AttributionParser;

/// One attribution found by the grammar, in token indices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// The grammar rule that matched, e.g. `source_then_clause`.
    pub pattern: &'static str,
    /// None when the source is the subject of the clause (`dangling_cue`).
    pub source: Option<Range<usize>>,
    pub via: Option<Range<usize>>,
    pub cue: usize,
    pub content: Range<usize>,
    /// One past the last token of the match.
    pub end: usize,
}

/// All attributions in a sentence's tag string, in order.
///
/// A PEG tried at every token would cost a few hundred rule calls per token;
/// instead the sentence is tried once as a whole (only if it can be framed
/// at all), then the grammar is tried at the tokens just before each cue
/// that is not already inside an earlier match.
pub fn matches(tags: &str) -> Vec<Match> {
    let b = tags.as_bytes();
    let mut out = Vec::new();
    let mut free = 0; // tokens before this are inside an earlier match
    let mut after = 0; // cues before this are inside an earlier match
    if let Some(m) = framings(b)
        .into_iter()
        .find_map(|rule| parse_at(rule, tags, 0))
    {
        // A framed match spans the sentence, but its tail may hold another
        // cue: "“…,” he said, adding that …".
        after = m.cue.max(m.content.end) + 1;
        free = after;
        out.push(m);
    }
    for cue in (after..b.len()).filter(|&i| is_cue(b[i])) {
        if cue < free {
            continue;
        }
        for start in candidates(b, cue, free) {
            if let Some(m) = parse_at(Rule::attribution_here, tags, start) {
                free = m.end;
                out.push(m);
                break;
            }
        }
    }
    out
}

fn is_cue(t: u8) -> bool {
    matches!(t, b'V' | b'Z' | b'U' | b'G' | b'Y' | b'A' | b'Q')
}

/// Tags that can stand between a comma and the cue of a closing reporting
/// clause (", North Korea’s state news agency KCNA reported").
fn in_source(t: u8) -> bool {
    matches!(
        t,
        b'P' | b'N'
            | b'J'
            | b's'
            | b'n'
            | b'w'
            | b'd'
            | b'o'
            | b'p'
            | b'x'
            | b'e'
            | b'y'
            | b'c'
            | b'R'
            | b'h'
    )
}

/// The framed shapes this sentence could have, judged from its tags alone,
/// in the order the grammar prefers them.
fn framings(b: &[u8]) -> Vec<Rule> {
    let mut rules = Vec::new();
    let Some(last_cue) = b.iter().rposition(|&t| matches!(t, b'V' | b'Z' | b'U')) else {
        if b.contains(&b'A') {
            rules.push(Rule::framed_according);
        }
        return rules;
    };
    if matches!(b.first(), Some(b'O' | b'[')) {
        rules.push(Rule::framed_quote);
    }
    // ", SOURCE CUE" with only source words between the comma and a cue.
    let closing = b.iter().enumerate().any(|(k, &t)| {
        t == b','
            && k < last_cue
            && b[k + 1..]
                .iter()
                .position(|&u| !in_source(u))
                .is_some_and(|len| len > 0 && matches!(b[k + 1 + len], b'V' | b'Z' | b'U'))
    });
    if closing && trailer_after_cue(b) {
        rules.push(Rule::framed_clause);
    }
    if b.contains(&b'A') {
        rules.push(Rule::framed_according);
    }
    if b.windows(2)
        .any(|w| matches!(w[0], b',' | b':') && matches!(w[1], b'V' | b'Z'))
    {
        rules.push(Rule::framed_says);
    }
    rules
}

/// Whether some cue (V, Z, U) is followed, up to a comma or the end, only by
/// tags a listener and the adjuncts of a closing reporting clause can hold
/// ("…, the agency said on its website."). `trailing_source` needs this (a
/// test checks it against the grammar); a framed try that fails costs ~15k
/// instructions, as it walks the whole sentence.
fn trailer_after_cue(b: &[u8]) -> bool {
    // Whether the tags after the current one can close the clause.
    let mut closes = true;
    for (j, &t) in b.iter().enumerate().rev() {
        if closes && matches!(t, b'V' | b'Z' | b'U') {
            return true;
        }
        closes = match t {
            b',' => true,
            b'.' => j + 1 == b.len(),
            b'a' | b'x' | b'p' | b'd' | b'm' | b'e' | b'V' | b'P' | b'N' | b'J' | b's' | b'n'
            | b'w' | b'o' | b'y' | b'c' => closes,
            _ => false,
        };
    }
    false
}

/// Where an attribution holding the cue at `cue` may start, earliest first:
/// back from the cue over words (not punctuation or other cues), across one
/// comma-delimited aside, and the comma or quotation mark just before.
fn candidates(b: &[u8], cue: usize, free: usize) -> impl Iterator<Item = usize> + '_ {
    const WORDS: usize = 16;
    const ASIDE: usize = 26;
    let word = |t: u8| {
        !matches!(
            t,
            b',' | b'.' | b';' | b':' | b'-' | b'O' | b'C' | b'[' | b']' | b'(' | b')' | b'~'
        ) && !is_cue(t)
    };
    let back = |from: usize, limit: usize| {
        let mut i = from;
        while i > free && from - i < limit && word(b[i - 1]) {
            i -= 1;
        }
        i
    };
    let mut start = back(cue, WORDS);
    // ", an expert on …, said": step over the aside to the name before it.
    if start > free && b[start - 1] == b',' {
        let aside = back(start - 1, ASIDE);
        if aside > free && b[aside - 1] == b',' {
            start = back(aside - 1, WORDS);
        }
    }
    // The comma of ", saying …" / ", experts suggest, …" starts a match too.
    if start > free && matches!(b[start - 1], b',' | b'C' | b']') {
        start -= 1;
    }
    (start..=cue).filter(move |&i| may_start(b, i))
}

/// Whether an attribution can start at token `i`, judged from the next
/// token or two: what `attribution` allows after each first tag (a test
/// checks this against the grammar). A try cut here costs a few
/// instructions; one that pest fails costs thousands.
fn may_start(b: &[u8], i: usize) -> bool {
    let next = b.get(i + 1).copied().unwrap_or(b'.');
    // Where `adv*` after token `i` ends: it holds only these tags.
    let after_adv = || {
        let rest = b.get(i + 1..).unwrap_or_default();
        let run = rest
            .iter()
            .take_while(|&&t| matches!(t, b'x' | b'd' | b','))
            .count();
        (b.get(i + 1 + run).copied(), b.get(i + 2 + run).copied())
    };
    match b[i] {
        b'd' | b'P' | b'N' | b'J' | b'n' => true,
        // A pronoun is a whole source: what follows a source must follow it.
        b'R' => matches!(
            next,
            b',' | b'x' | b'd' | b'Q' | b'B' | b'V' | b'Z' | b'U' | b'G'
        ),
        // …, which SOURCE said / according to SOURCE
        b'h' | b'A' => starts_source(next),
        // was suspected by SOURCE
        b'B' => matches!(after_adv(), (Some(b'V' | b'Z'), Some(b'y'))),
        // … and later said
        b'c' => matches!(after_adv().0, Some(b'V' | b'Z')),
        // …, experts suggest, / …, saying
        b',' => starts_source(next) || matches!(next, b'S' | b'x' | b'd' | b',' | b'G'),
        // A lowercase word starts a source only before a source noun
        // ("state media said") or as a bare subject of a participle
        // ("traders saying"); elsewhere trying it is wasted work.
        b'w' => {
            let rest = &b[i + 1..];
            let words = rest.iter().take_while(|&&t| t == b'w').count();
            matches!(rest.get(words), Some(b'N' | b'Z')) && words < 3
                || rest
                    .iter()
                    .find(|&&t| t != b'x')
                    .is_some_and(|&t| t == b'G')
        }
        _ => false,
    }
}

/// Tags a source (`source`, `source_noun`) can open with.
fn starts_source(t: u8) -> bool {
    matches!(t, b'R' | b'd' | b'P' | b'N' | b'J' | b'n' | b'w')
}

/// Runs `rule` on `tags[start..]` and reads the match, if any, back in
/// sentence token indices.
fn parse_at(rule: Rule, tags: &str, start: usize) -> Option<Match> {
    let rest = tags.get(start..)?;
    let pair = AttributionParser::parse(rule, rest).ok()?.next()?;
    let mut m = to_match(pair)?;
    let shift = |r: Range<usize>| r.start + start..r.end + start;
    m.source = m.source.map(shift);
    m.via = m.via.map(shift);
    m.cue += start;
    m.content = shift(m.content);
    m.end += start;
    Some(m)
}

/// The end of the noun phrase that starts at token `start`, if one does.
pub fn source_at(tags: &str, start: usize) -> Option<usize> {
    let rest = tags.get(start..)?;
    let pair = AttributionParser::parse(Rule::source, rest).ok()?.next()?;
    Some(start + pair.as_span().end())
}

fn range(pair: &Pair<Rule>) -> Range<usize> {
    let s = pair.as_span();
    s.start()..s.end()
}

/// Where a content whose first piece ends at token `from` ends: the loop of
/// the grammar's `(plain_token | quote | !content_stop ~ ANY)+`, run on
/// bytes. Pest is asked only where a stop needs a noun phrase, so a content
/// costs a few instructions per token instead of a few hundred.
fn content_end(tags: &str, from: usize) -> usize {
    let b = tags.as_bytes();
    // A comma can stop a content only before a cue (see `content_stop`).
    let last_cue = b.iter().rposition(|&t| is_cue(t));
    let mut i = from;
    while let Some(&t) = b.get(i) {
        i = match t {
            b'O' | b'[' => quote_end(b, i).unwrap_or(i + 1),
            b'.' if i + 1 == b.len() => return i,
            b';' | b'-' => return i,
            b'c' if matches!(b[i + 1..].iter().find(|&&u| u != b'x'), Some(b'V' | b'U')) => {
                return i
            }
            b',' if comma_stops(tags, i, last_cue) => return i,
            b'S' if stops_here(tags, i) => return i,
            _ => i + 1,
        };
    }
    i
}

/// `content_stop` at the comma at token `i`: a subordinate, prepositional or
/// relay clause after it, a coordinated verb, or a source with its cue
/// (asked of pest, and only if a cue follows).
fn comma_stops(tags: &str, i: usize, last_cue: Option<usize>) -> bool {
    let b = tags.as_bytes();
    match (b.get(i + 1), b.get(i + 2)) {
        (Some(b'S' | b'p' | b'A' | b'G' | b'K'), _) => true,
        (Some(b'c'), Some(b'x' | b'B' | b'V' | b'Z' | b'U' | b'!' | b'e')) => true,
        _ => last_cue.is_some_and(|c| c > i) && stops_here(tags, i),
    }
}

/// Whether the grammar's `content_stop` matches at token `i`.
fn stops_here(tags: &str, i: usize) -> bool {
    tags.get(i..)
        .and_then(|rest| AttributionParser::parse(Rule::stop_here, rest).ok())
        .and_then(|mut pairs| pairs.next())
        .is_some_and(|p| !p.as_str().is_empty())
}

/// One past the quotation (`quote` in the grammar) opening at token `i`,
/// if it closes.
fn quote_end(b: &[u8], i: usize) -> Option<usize> {
    let single_end = |i: usize| {
        let rest = b.get(i + 1..)?;
        rest.iter().position(|&t| t == b']').map(|k| i + k + 2)
    };
    if b[i] == b'[' {
        return single_end(i);
    }
    let mut j = i + 1;
    loop {
        j = match *b.get(j)? {
            b'C' => return Some(j + 1),
            b'[' => single_end(j).unwrap_or(j + 1),
            _ => j + 1,
        };
    }
}

/// Reads the slots of a match. `found` is the entry rule's pair; its
/// children are the pattern and, for source-led patterns, the `lead` before it.
fn to_match(found: Pair<Rule>) -> Option<Match> {
    let end = found.as_span().end();
    let mut m = Match {
        pattern: "",
        source: None,
        via: None,
        cue: usize::MAX,
        content: 0..0,
        end,
    };
    let mut lead = None;
    let mut cited = None;
    for child in found.into_inner() {
        if child.as_rule() == Rule::lead {
            lead = Some(range(&child));
            continue;
        }
        // EOI shows up as a pair too; only pattern rules have names.
        let Some(name) = rule_name(child.as_rule()) else {
            continue;
        };
        m.pattern = name;
        for slot in child.into_inner() {
            match slot.as_rule() {
                Rule::source | Rule::source_noun | Rule::source_word => {
                    m.source = Some(range(&slot))
                }
                Rule::cited => cited = Some(range(&slot)),
                Rule::relayer => m.via = Some(range(&slot)),
                Rule::cue
                | Rule::cue_listener
                | Rule::cue_gerund
                | Rule::cue_adjective
                | Rule::cue_according => m.cue = slot.as_span().start(),
                Rule::content => {
                    let first = range(&slot);
                    let end = content_end(slot.as_span().get_input(), first.end);
                    m.content = first.start..end;
                    m.end = m.end.max(end);
                }
                Rule::lead_content
                | Rule::according_content
                | Rule::says_content
                | Rule::object_content
                | Rule::quoted => m.content = range(&slot),
                _ => {}
            }
        }
    }
    // In a relay the lead is the relaying party; otherwise it is the source.
    if let Some(l) = lead {
        if m.source.is_some() {
            m.via = Some(l);
        } else {
            m.source = Some(l);
        }
    }
    // "X reported, citing Y": Y is the source, X relays it.
    if let Some(c) = cited {
        m.via = m.source.replace(c);
    }
    (!m.pattern.is_empty() && m.cue != usize::MAX && !m.content.is_empty()).then_some(m)
}

fn rule_name(rule: Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::quote_then_source => "quote_then_source",
        Rule::clause_then_source => "clause_then_source",
        Rule::clause_according => "clause_according",
        Rule::clause_then_says => "clause_then_says",
        Rule::relay_citing => "relay_citing",
        Rule::relay_quoted => "relay_quoted",
        Rule::relay_passive => "relay_passive",
        Rule::according_first => "according_first",
        Rule::parenthetical => "parenthetical",
        Rule::source_then_quote => "source_then_quote",
        Rule::passive_agent => "passive_agent",
        Rule::relative_cue => "relative_cue",
        Rule::object_relative => "object_relative",
        Rule::source_then_clause => "source_then_clause",
        Rule::source_participle => "source_participle",
        Rule::bare_participle => "source_participle",
        Rule::dangling_cue => "dangling_cue",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    //! One block per grammar rule: sentences it must read, and sentences it
    //! must leave alone. Sentences are made up, not taken from the seeds.
    use super::*;
    use crate::extract::Extractor;
    use crate::model::QuoteKind;

    /// (pattern, source, cue, content, kind) for each attribution in `text`.
    fn read(text: &str) -> Vec<(String, String, String, String, QuoteKind)> {
        thread_local!(static EX: Extractor = Extractor::builtin());
        EX.with(|ex| {
            ex.extract(text, 0)
                .into_iter()
                .map(|a| (a.pattern, a.source.text, a.cue.text, a.content.text, a.kind))
                .collect()
        })
    }

    fn one(text: &str) -> (String, String, String, String, QuoteKind) {
        let mut all = read(text);
        assert_eq!(
            all.len(),
            1,
            "expected one attribution in {text:?}, got {all:#?}"
        );
        all.remove(0)
    }

    fn none(text: &str) {
        let all = read(text);
        assert!(all.is_empty(), "expected nothing in {text:?}, got {all:#?}");
    }

    fn via(text: &str) -> Vec<Option<String>> {
        Extractor::builtin()
            .extract(text, 0)
            .into_iter()
            .map(|a| a.via.map(|v| v.text))
            .collect()
    }

    #[test]
    fn quote_then_source_with_source_before_cue() {
        let (p, s, c, q, k) = one("“We will not back down,” the spokesman said.");
        assert_eq!(
            (p.as_str(), s.as_str(), c.as_str()),
            ("quote_then_source", "the spokesman", "said")
        );
        assert_eq!(
            (q.as_str(), k),
            ("We will not back down", QuoteKind::Direct)
        );
    }

    #[test]
    fn quote_then_source_inverted_with_apposition() {
        let (p, s, c, q, _) =
            one("“Prices will rise,” said Maria Lopez, an economist at the central bank.");
        assert_eq!(
            (p.as_str(), s.as_str(), c.as_str(), q.as_str()),
            (
                "quote_then_source",
                "Maria Lopez",
                "said",
                "Prices will rise"
            )
        );
    }

    #[test]
    fn quote_then_source_with_trailing_clause() {
        let (_, s, _, q, _) =
            one("“Talks were useful,” the statement said, without giving details.");
        assert_eq!(
            (s.as_str(), q.as_str()),
            ("the statement", "Talks were useful")
        );
    }

    #[test]
    fn quote_then_source_needs_a_cue() {
        none("“Very troubling” times lie ahead for the alliance.");
    }

    #[test]
    fn clause_then_source_reads_a_closing_reporting_clause() {
        let (p, s, c, q, k) =
            one("The talks will last three days, the Japanese foreign ministry said on Monday.");
        assert_eq!(
            (p.as_str(), s.as_str(), c.as_str()),
            (
                "clause_then_source",
                "the Japanese foreign ministry",
                "said"
            )
        );
        assert_eq!(
            (q.as_str(), k),
            ("The talks will last three days", QuoteKind::Indirect)
        );
    }

    #[test]
    fn clause_then_source_relays_the_inner_speaker() {
        let all = read(
            "The minister told reporters the border would stay shut, state television reported.",
        );
        assert_eq!(all.len(), 1, "{all:#?}");
        assert_eq!(all[0].1, "The minister");
        assert_eq!(via("The minister told reporters the border would stay shut, state television reported."), [Some("state television".to_string())]);
    }

    #[test]
    fn clause_then_source_with_citing() {
        let text = "The summit was postponed, Reuters reported, citing two diplomats.";
        let all = read(text);
        assert_eq!(all.len(), 1, "{all:#?}");
        assert_eq!(all[0].1, "two diplomats");
        assert_eq!(via(text), [Some("Reuters".to_string())]);
    }

    #[test]
    fn clause_then_source_leaves_a_new_clause_alone() {
        // After the comma a new clause starts with its own content.
        let all = read("The vote was close, and officials said a recount would follow.");
        assert_eq!(all.len(), 1, "{all:#?}");
        assert_eq!(all[0].3, "a recount would follow");
    }

    #[test]
    fn clause_according_at_the_end() {
        let (p, s, c, q, _) =
            one("The ceasefire will hold until Friday, according to a senior official.");
        assert_eq!(
            (p.as_str(), s.as_str(), c.as_str()),
            ("clause_according", "a senior official", "according to")
        );
        assert_eq!(q, "The ceasefire will hold until Friday");
    }

    #[test]
    fn according_first_at_the_start() {
        let (p, s, _, q, _) = one("According to local media reports, the plant was closed.");
        assert_eq!(
            (p.as_str(), s.as_str(), q.as_str()),
            (
                "according_first",
                "local media reports",
                "the plant was closed"
            )
        );
    }

    #[test]
    fn according_needs_a_source() {
        none("The plant was closed according to plan.");
    }

    #[test]
    fn clause_then_says_reads_headline_inversions() {
        let (p, s, c, q, k) = one("Sanctions ‘are working’, says EU envoy");
        assert_eq!(
            (p.as_str(), s.as_str(), c.as_str()),
            ("clause_then_says", "EU envoy", "says")
        );
        assert_eq!(
            (q.as_str(), k),
            ("Sanctions ‘are working’", QuoteKind::Mixed)
        );
    }

    #[test]
    fn relay_citing_credits_the_cited_party() {
        let text = "Xinhua, citing the commerce ministry, said exports rose in May.";
        let (p, s, c, q, _) = one(text);
        assert_eq!(
            (p.as_str(), s.as_str(), c.as_str(), q.as_str()),
            (
                "relay_citing",
                "the commerce ministry",
                "said",
                "exports rose in May"
            )
        );
        assert_eq!(via(text), [Some("Xinhua".to_string())]);
    }

    #[test]
    fn relay_quoted_as_saying() {
        let text = "Tass quoted Dmitry Peskov as saying that no meeting was planned.";
        let (p, s, c, q, _) = one(text);
        assert_eq!(
            (p.as_str(), s.as_str(), c.as_str(), q.as_str()),
            (
                "relay_quoted",
                "Dmitry Peskov",
                "saying",
                "no meeting was planned"
            )
        );
        assert_eq!(via(text), [Some("Tass".to_string())]);
    }

    #[test]
    fn parenthetical_source_between_commas() {
        let (p, s, c, q, _) = one("In the long run, analysts believe, the deal will collapse.");
        assert_eq!(
            (p.as_str(), s.as_str(), c.as_str(), q.as_str()),
            (
                "parenthetical",
                "analysts",
                "believe",
                "the deal will collapse"
            )
        );
    }

    #[test]
    fn source_then_quote_with_comma_or_colon() {
        let (p, s, _, q, k) = one("The mayor said: “We are ready.”");
        assert_eq!(
            (p.as_str(), s.as_str(), q.as_str(), k),
            (
                "source_then_quote",
                "The mayor",
                "We are ready",
                QuoteKind::Direct
            )
        );
        let (p, ..) = one("Ms Okafor said, “Nothing has changed.”");
        assert_eq!(p, "source_then_quote");
    }

    #[test]
    fn passive_agent_names_the_source_after_by() {
        let (p, s, c, q, _) = one("The company was accused by regulators of hiding losses.");
        assert_eq!(
            (p.as_str(), s.as_str(), c.as_str(), q.as_str()),
            ("passive_agent", "regulators", "accused", "hiding losses")
        );
    }

    #[test]
    fn agentless_passive_is_not_an_attribution() {
        none("The company is believed to be hiding losses.");
        none("The firm was suspected of fraud.");
    }

    #[test]
    fn relative_cue_after_which() {
        let (p, s, c, q, _) = one("They discussed trade, which Tokyo said was the main topic.");
        assert_eq!(
            (p.as_str(), s.as_str(), c.as_str(), q.as_str()),
            ("relative_cue", "Tokyo", "said", "was the main topic")
        );
    }

    #[test]
    fn object_relative_takes_the_head_noun_as_content() {
        let all = read("It sold drones to Iran, an allegation that Minsk denied.");
        assert_eq!(all.len(), 1, "{all:#?}");
        assert_eq!(
            (all[0].0.as_str(), all[0].1.as_str(), all[0].3.as_str()),
            ("object_relative", "Minsk", "an allegation")
        );
    }

    #[test]
    fn source_then_clause_with_auxiliaries_and_that() {
        let (p, s, c, q, _) =
            one("The central bank has repeatedly said that rates will stay high.");
        assert_eq!(
            (p.as_str(), s.as_str(), c.as_str(), q.as_str()),
            (
                "source_then_clause",
                "The central bank",
                "said",
                "rates will stay high"
            )
        );
    }

    #[test]
    fn source_then_clause_with_a_listener() {
        let (_, s, c, q, _) = one("Senator Hale told the BBC on Tuesday that the bill was dead.");
        assert_eq!(
            (s.as_str(), c.as_str(), q.as_str()),
            ("Senator Hale", "told", "the bill was dead")
        );
    }

    #[test]
    fn source_then_clause_with_an_adjectival_cue() {
        let (_, s, c, q, _) = one("Germany is concerned that the pipeline could be damaged.");
        assert_eq!(
            (s.as_str(), c.as_str(), q.as_str()),
            ("Germany", "concerned", "the pipeline could be damaged")
        );
    }

    #[test]
    fn source_then_clause_described_as_and_accused_of() {
        let (_, _, c, q, _) = one("The union described the offer as insulting.");
        assert_eq!(
            (c.as_str(), q.as_str()),
            ("described", "the offer as insulting")
        );
        let (_, _, c, q, _) = one("Kenya accused its neighbour of arming rebels.");
        assert_eq!(
            (c.as_str(), q.as_str()),
            ("accused", "its neighbour of arming rebels")
        );
    }

    #[test]
    fn source_then_clause_mixed_quote() {
        let (_, _, _, q, k) =
            one("The minister said the plan was “dead on arrival” in its current form.");
        assert_eq!(
            (q.as_str(), k),
            (
                "the plan was “dead on arrival” in its current form",
                QuoteKind::Mixed
            )
        );
    }

    #[test]
    fn negated_cue_is_not_an_attribution() {
        none("The ministry did not say when the talks would resume.");
        none("Officials have never denied the report.");
    }

    #[test]
    fn clause_only_cue_needs_a_clause() {
        none("Canada maintains close ties with Mexico.");
        let (_, s, c, _, _) = one("Canada maintains the tariffs are illegal.");
        assert_eq!((s.as_str(), c.as_str()), ("Canada", "maintains"));
    }

    #[test]
    fn source_participle_with_saying() {
        let (p, s, c, q, _) = one("Markets fell, with traders saying the rally was over.");
        assert_eq!(
            (p.as_str(), s.as_str(), c.as_str(), q.as_str()),
            (
                "source_participle",
                "traders",
                "saying",
                "the rally was over"
            )
        );
    }

    #[test]
    fn dangling_cue_takes_the_clause_subject() {
        let (p, s, c, q, _) = one("The embassy declined to comment, saying the matter was closed.");
        assert_eq!(
            (p.as_str(), s.as_str(), c.as_str(), q.as_str()),
            (
                "dangling_cue",
                "The embassy",
                "saying",
                "the matter was closed"
            )
        );
        let (_, s, ..) = one("Mr Ruto left Nairobi on Monday and later said he was satisfied.");
        assert_eq!(s, "Mr Ruto");
    }

    #[test]
    fn quotation_inside_quotation_gives_two_records() {
        let text = "“The general insisted the bridge was safe,” the report said.";
        let all = read(text);
        assert_eq!(all.len(), 2, "{all:#?}");
        // In reading order: the inner cue comes first.
        assert_eq!(via(text), [Some("the report".to_string()), None]);
    }

    #[test]
    fn pronoun_sources_resolve_to_the_last_speaker() {
        let ex = Extractor::builtin();
        let text =
            "Anna Berg, a lawyer, said the ruling was wrong. “It will be appealed,” she said.";
        let all = ex.extract(text, 0);
        assert_eq!(all.len(), 2, "{all:#?}");
        assert_eq!(all[1].source.entity, "Anna Berg");
    }

    #[test]
    fn capitalised_name_parts_are_not_cues() {
        let (_, s, ..) = one("The United States says the deal is off.");
        assert_eq!(s, "The United States");
    }

    #[test]
    fn np_does_not_swallow_a_verb() {
        // "Kim met Lavrov" is not a noun phrase, so no source spans it.
        let all = read("Kim met Lavrov and the two officials said ties were strong.");
        assert_eq!(all.len(), 1, "{all:#?}");
        assert_eq!(all[0].1, "the two officials");
    }

    #[test]
    fn trailing_source_with_a_listener() {
        let (p, s, c, q, _) = one("The plant will close next year, two executives told Reuters.");
        assert_eq!(
            (p.as_str(), s.as_str(), c.as_str(), q.as_str()),
            (
                "clause_then_source",
                "two executives",
                "told",
                "The plant will close next year"
            )
        );
    }

    #[test]
    fn framed_quote_then_adding_that() {
        let text = "“We did nothing wrong,” the coach said, adding that an appeal was planned.";
        let all = read(text);
        assert_eq!(all.len(), 2, "{all:#?}");
        assert_eq!(
            (all[1].1.as_str(), all[1].2.as_str(), all[1].3.as_str()),
            ("the coach", "adding", "an appeal was planned")
        );
    }

    #[test]
    fn people_familiar_with_the_matter() {
        let (_, s, ..) = one("People familiar with the matter said the bid had been withdrawn.");
        assert_eq!(s, "People familiar with the matter");
        let (_, s, ..) = one("The bid was withdrawn, according to a person close to the company.");
        assert_eq!(s, "a person close to the company");
    }

    #[test]
    fn cue_with_a_prepositional_phrase_before_that() {
        let (_, s, c, q, _) =
            one("The minister confirmed to reporters that the embassy would reopen.");
        assert_eq!(
            (s.as_str(), c.as_str(), q.as_str()),
            ("The minister", "confirmed", "the embassy would reopen")
        );
    }

    #[test]
    fn closing_clause_with_a_place_after_the_cue() {
        let (p, s, ..) = one("Exports fell by a fifth, the agency said on its website.");
        assert_eq!(
            (p.as_str(), s.as_str()),
            ("clause_then_source", "the agency")
        );
    }

    #[test]
    fn adverb_aside_between_source_and_cue() {
        let (_, s, c, q, _) = one("The regulator, however, said the merger could proceed.");
        assert_eq!(
            (s.as_str(), c.as_str(), q.as_str()),
            ("The regulator", "said", "the merger could proceed")
        );
    }

    #[test]
    fn quote_then_source_with_a_listener() {
        let (p, s, c, q, _) = one("“We are not there yet,” the governor told a news conference.");
        assert_eq!(
            (p.as_str(), s.as_str(), c.as_str(), q.as_str()),
            (
                "quote_then_source",
                "the governor",
                "told",
                "We are not there yet"
            )
        );
    }

    #[test]
    fn coordinated_cue_ends_the_content_and_keeps_the_speaker() {
        let all = read("The union accused managers of lying and called for a strike.");
        assert_eq!(all.len(), 2, "{all:#?}");
        assert_eq!(
            (all[0].1.as_str(), all[0].3.as_str()),
            ("The union", "managers of lying")
        );
        assert_eq!(
            (all[1].1.as_str(), all[1].2.as_str(), all[1].3.as_str()),
            ("The union", "called for", "a strike")
        );
    }

    #[test]
    fn plural_groups_are_sources() {
        let (_, s, ..) = one("Opposition lawmakers said the vote was rigged.");
        assert_eq!(s, "Opposition lawmakers");
    }

    #[test]
    fn name_before_an_affiliation_is_the_entity() {
        let ex = Extractor::builtin();
        let text = "Professor Ada Lind of the University of Leeds said the data were flawed.";
        let all = ex.extract(text, 0);
        assert_eq!(all.len(), 1, "{all:#?}");
        assert_eq!(
            (
                all[0].source.entity.as_str(),
                all[0].source.source_type.as_str()
            ),
            ("Ada Lind", "person")
        );
    }

    #[test]
    fn role_named_in_an_aside_resolves_to_the_name() {
        let ex = Extractor::builtin();
        let all = ex.extract(
            "Kenya's trade minister, Amina Odhiambo, said talks would resume.",
            0,
        );
        assert_eq!(all.len(), 1, "{all:#?}");
        assert_eq!(all[0].source.entity, "Amina Odhiambo");
        assert_eq!(
            all[0].source.role.as_deref(),
            Some("Kenya's trade minister")
        );
    }

    #[test]
    fn a_role_noun_before_a_name_keeps_the_name() {
        let ex = Extractor::builtin();
        let all = ex.extract("“No comment,” press officer Lena Varga told reporters.", 0);
        assert_eq!(all[0].source.entity, "Lena Varga");
    }

    #[test]
    fn a_dateline_is_not_the_subject_of_a_dangling_cue() {
        let (_, s, c, ..) =
            one("OSLO (Reuters) — The ministry defended the plan on Monday, saying it was lawful.");
        assert_eq!((s.as_str(), c.as_str()), ("The ministry", "saying"));
    }

    #[test]
    fn relay_passive_quoted_by() {
        let text = "Peskov was quoted by RIA Novosti as saying that no summit was planned.";
        let (p, s, c, q, _) = one(text);
        assert_eq!(
            (p.as_str(), s.as_str(), c.as_str(), q.as_str()),
            ("relay_passive", "Peskov", "saying", "no summit was planned")
        );
        assert_eq!(via(text), [Some("RIA Novosti".to_string())]);
    }

    #[test]
    fn inverted_reporting_clause_with_an_aside() {
        let (p, s, c, q, _) = one("The deal is dead, said Tom Ruiz, a union spokesman.");
        assert_eq!(
            (p.as_str(), s.as_str(), c.as_str(), q.as_str()),
            ("clause_then_says", "Tom Ruiz", "said", "The deal is dead")
        );
    }

    #[test]
    fn quote_continued_after_its_attribution() {
        let all = read("“We lost,” the coach said. “We will be back next year.”");
        assert_eq!(all.len(), 2, "{all:#?}");
        assert_eq!(
            (all[1].0.as_str(), all[1].1.as_str(), all[1].2.as_str(), all[1].3.as_str()),
            ("quote_continued", "the coach", "said", "We will be back next year")
        );
        assert_eq!(all[1].4, QuoteKind::Direct);
    }

    #[test]
    fn quote_continued_stops_at_the_paragraph_or_a_sentence_without_quotes() {
        assert_eq!(read("“We lost,” the coach said.\n\n“Rain is due.”").len(), 1);
        assert_eq!(read("“We lost,” the coach said. Rain is due.").len(), 1);
        // An indirect attribution before it does not carry over.
        assert_eq!(read("The coach said they lost. “Rain is due.”").len(), 1);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(10_000))]
        /// `may_start` never turns away a token where the grammar finds an
        /// attribution (bar the deliberate narrowing for lowercase words).
        #[test]
        fn may_start_admits_every_match(
            tags in proptest::collection::vec(
                proptest::sample::select(b"RRdPPNJnwhhBBccAA,,,xxdVVZUGQKytSpeo.O[C]".to_vec()),
                1..14,
            ),
        ) {
            let tags = String::from_utf8(tags).unwrap_or_default();
            let b = tags.as_bytes();
            for i in 0..b.len() {
                if b[i] != b'w' && parse_at(Rule::attribution_here, &tags, i).is_some() {
                    proptest::prop_assert!(may_start(b, i), "{} at {}", tags, i);
                }
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(10_000))]
        /// `trailer_after_cue` holds wherever the grammar reads a sentence
        /// as content then closing reporting clause.
        #[test]
        fn framed_clause_needs_a_trailer_after_its_cue(
            tags in proptest::collection::vec(
                proptest::sample::select(b"wwPPNJd,,,VVZUUaxpmeosnncytK.S".to_vec()),
                2..14,
            ),
        ) {
            let tags = String::from_utf8(tags).unwrap_or_default();
            if parse_at(Rule::framed_clause, &tags, 0).is_some() {
                proptest::prop_assert!(trailer_after_cue(tags.as_bytes()), "{}", tags);
            }
        }
    }

    proptest::proptest! {
        /// The byte scan ends a content where asking pest's `content_stop`
        /// at every token would: its shortcuts agree with the grammar.
        #[test]
        fn content_end_agrees_with_content_stop(
            tags in proptest::collection::vec(
                proptest::sample::select(b",,,ccSSPPPNdwwwxxVVZUGAKpRtBeO[C].;-".to_vec()),
                1..40,
            ),
            from in 0usize..40,
        ) {
            let tags = String::from_utf8(tags).unwrap_or_default();
            let b = tags.as_bytes();
            let mut i = from.min(b.len());
            let from = i;
            let expected = loop {
                match b.get(i) {
                    None => break i,
                    Some(b'O' | b'[') => i = quote_end(b, i).unwrap_or(i + 1),
                    Some(_) if stops_here(&tags, i) => break i,
                    Some(_) => i += 1,
                }
            };
            proptest::prop_assert_eq!(content_end(&tags, from), expected);
        }
    }

    #[test]
    fn tag_level_rules_parse_directly() {
        // The grammar can be tested on tag strings too.
        assert!(AttributionParser::parse(Rule::source, "dPwN").is_ok());
        assert_eq!(source_at("dPwNV", 0), Some(4));
        assert_eq!(source_at("PwPV", 0), Some(1));
        assert!(AttributionParser::parse(Rule::quoted, "OwwC").is_ok());
        assert!(AttributionParser::parse(Rule::quoted, "Oww").is_err());
    }
}
