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
    /// None when the source is the subject of a clause (`dangling_cue`,
    /// `leading_participle`).
    pub source: Option<Range<usize>>,
    pub via: Option<Range<usize>>,
    pub cue: usize,
    pub content: Range<usize>,
    /// A quotation resumed after its attribution: “A,” she said, “B.”
    pub resumed: Option<Range<usize>>,
    /// One past the last token of the match.
    pub end: usize,
}

impl Match {
    /// The match read `by` tokens further on: matches found in a slice of
    /// the tags, back in the indices of the whole.
    pub fn shifted(self, by: usize) -> Match {
        let shift = |r: Range<usize>| r.start + by..r.end + by;
        Match {
            pattern: self.pattern,
            source: self.source.map(shift),
            via: self.via.map(shift),
            cue: self.cue + by,
            content: shift(self.content),
            resumed: self.resumed.map(shift),
            end: self.end + by,
        }
    }
}

/// All attributions in a sentence's tag string, in order.
///
/// A PEG tried at every token would cost a few hundred rule calls per token;
/// instead the sentence is tried once as a whole (only if it can be framed
/// at all), then the grammar is tried at the tokens just before each cue
/// that is not already inside an earlier match. `accept` vets a match on
/// the words (the grammar sees only tags): a sentence whose framing is
/// refused is read cue by cue, and a refused reading at one start gives
/// way to a later start.
pub fn matches(tags: &str, accept: impl Fn(&Match) -> bool) -> Vec<Match> {
    let b = tags.as_bytes();
    // Every match fills a cue slot (`cue`, `cue_listener`, …, `label_cue`):
    // without one of these tags there is nothing to find, and most nested
    // contents have none.
    if !b
        .iter()
        .any(|&t| matches!(t, b'V' | b'Z' | b'U' | b'G' | b'Y' | b'A' | b':' | b'-'))
    {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut free = 0; // tokens before this are inside an earlier match
    let mut after = 0; // cues before this are inside an earlier match
    if let Some(m) = framings(b).find_map(|rule| parse_at(rule, tags, 0).filter(&accept)) {
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
        // The last failed try that opened with a name word, if any.
        let mut failed_name = None;
        for start in candidates(b, cue, free) {
            if failed_name.is_some_and(|i| same_name_run(b, i, start)) {
                continue;
            }
            if let Some(m) = attribution_at(tags, start).filter(&accept) {
                free = m.end;
                out.push(m);
                break;
            }
            if is_name_start(b[start]) {
                failed_name = Some(start);
            }
        }
    }
    out
}

/// Tags that can open a noun phrase as a name (`np_first`).
fn is_name_start(t: u8) -> bool {
    matches!(t, b'P' | b'N' | b'J' | b'n')
}

/// Whether a try at token `k` must fail because the try at `i` did: both
/// open a name, and the tokens between are single-tag name pieces, so the
/// noun phrase from `k` ends where the one from `i` did and the rest of the
/// parse is the same. Skipping "Jong Un" after "Kim Jong Un" failed saves
/// ~8k instructions a try (a property test holds this to the grammar).
fn same_name_run(b: &[u8], i: usize, k: usize) -> bool {
    i < k
        && is_name_start(b[i])
        && is_name_start(b[k])
        && b[i + 1..k]
            .iter()
            .all(|&t| matches!(t, b'P' | b'N' | b'J' | b's' | b'n'))
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
            | b'('
            | b')'
    )
}

/// The framed shapes this sentence could have, judged from its tags alone,
/// in the order the grammar prefers them.
fn framings(b: &[u8]) -> impl Iterator<Item = Rule> {
    // A short run of name words, then a colon: a speaker label.
    let label = |run: &[u8]| {
        (1..=6).contains(&run.len())
            && run
                .iter()
                .all(|&t| matches!(t, b'P' | b'J' | b'N' | b's' | b'n' | b'w' | b'(' | b')'))
    };
    // A label is at most six tokens: only the first seven can hold its colon.
    let opening_label = b
        .iter()
        .take(7)
        .position(|&t| t == b':')
        .is_some_and(|c| label(&b[..c]));
    let tail = b.strip_suffix(b".").unwrap_or(b);
    let closing_label = tail
        .iter()
        .rposition(|&t| matches!(t, b':' | b'-'))
        .is_some_and(|c| c > 0 && label(&tail[c + 1..]));
    let has_cue = b.iter().any(|&t| matches!(t, b'V' | b'Z' | b'U'));
    // Where a quotation closes on its comma: "… dangerous,” the FDA said".
    let comma_quote_at = || {
        b.windows(2)
            .enumerate()
            .filter(|(_, w)| w == b",C")
            .map(|(i, _)| i)
    };
    let according = b.contains(&b'A');
    let framed = |rule, possible: bool| possible.then_some(rule);
    [
        framed(Rule::framed_label, opening_label),
        framed(Rule::framed_label_end, closing_label),
        framed(
            Rule::framed_quote,
            (has_cue || b.contains(&b'Q') || b.windows(2).any(|w| w == b"xG"))
                && matches!(b.first(), Some(b'O' | b'[')),
        ),
        framed(
            Rule::framed_clause,
            has_cue && closing_clause(b) && trailer_after_cue(b),
        ),
        framed(
            Rule::framed_quoted_clause,
            has_cue
                && comma_quote_at().any(|i| source_then_cue(&b[i + 2..], Some(0)))
                && trailer_after_cue(b),
        ),
        framed(Rule::framed_according, according),
        framed(Rule::framed_participle, b.first() == Some(&b'G')),
        framed(
            Rule::framed_says,
            has_cue
                && b.windows(2)
                    .any(|w| matches!(w[0], b',' | b':') && matches!(w[1], b'V' | b'Z')),
        ),
        framed(
            Rule::framed_quoted_says,
            has_cue && comma_quote_at().any(|i| matches!(b.get(i + 2), Some(b'V' | b'Z'))),
        ),
    ]
    .into_iter()
    .flatten()
}

/// Whether a comma or dash is followed by a source and then a cue (",
/// SOURCE CUE", "— he said"), in one pass. What stands between (a name,
/// asides, adverbs, phrases of time) may be any tag but a stop or a
/// quotation mark.
fn closing_clause(b: &[u8]) -> bool {
    source_then_cue(b, None)
}

/// Whether a run of tokens after a comma (of length `run` so far, if in
/// one) is closed by a cue: `trailing_source` and `source_close` need one.
fn source_then_cue(b: &[u8], mut run: Option<usize>) -> bool {
    for &t in b {
        run = match (t, run) {
            (b'V' | b'Z' | b'U', Some(len)) if len > 0 => return true,
            (b'.' | b'O' | b'C', _) => None,
            (b',' | b'-', None) => Some(0),
            (_, Some(len)) => Some(len + 1),
            (_, None) => None,
        };
    }
    false
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
            // ", as …" and "as he …" may close a reporting clause, and so
            // may anything after a semicolon.
            b',' | b'S' | b'W' | b';' => true,
            b'.' => j + 1 == b.len(),
            // A cue-noun or gerund may stand inside a phrase of the
            // trailer: "said in its warning" (a cue with `closes` has
            // returned above).
            b'a' | b'x' | b'p' | b'd' | b'm' | b'e' | b'V' | b'Z' | b'G' | b'P' | b'N' | b'J'
            | b's' | b'n' | b'w' | b'o' | b'y' | b'c' => closes,
            _ => false,
        };
    }
    false
}

/// Where an attribution holding the cue at `cue` may start, earliest first:
/// back from the cue over words (not punctuation or other cues), across up
/// to four asides set off by commas or dashes, and the comma or quotation
/// mark just before.
fn candidates(b: &[u8], cue: usize, free: usize) -> impl Iterator<Item = usize> + '_ {
    const WORDS: usize = 16;
    const ASIDE: usize = 26;
    let word = |t: u8| {
        !matches!(
            t,
            // Brackets may be part of a name: "Joint Chiefs of Staff (JCS)".
            b',' | b'.' | b';' | b':' | b'-' | b'O' | b'C' | b'[' | b']' | b'~'
        ) && !is_cue(t)
    };
    // A nickname in single quotes is part of a name: "Dahal 'Prachanda' said".
    let nickname = |i: usize| i >= free + 3 && b[i - 3..i] == *b"[P]";
    let back = |from: usize, limit: usize| {
        let mut i = from;
        while i > free && from - i < limit {
            if word(b[i - 1]) {
                i -= 1;
            } else if nickname(i) {
                i -= 3;
            } else {
                break;
            }
        }
        i
    };
    let mut start = back(cue, WORDS);
    // ", an expert on …, said" / ", 72, of Castle Hill, said": step over up
    // to three asides (or one between dashes) to the name before them.
    // An aside may hold a cue of its own (", who asked not to be named,"):
    // it runs back to the comma before it.
    let aside = |comma: usize| {
        let mut i = comma;
        while i > free
            && comma - i < ASIDE
            && !matches!(b[i - 1], b',' | b'-' | b'.' | b';' | b':' | b'O' | b'C')
        {
            i -= 1;
        }
        i
    };
    for _ in 0..4 {
        if start <= free || !matches!(b[start - 1], b',' | b'-') {
            break;
        }
        start = aside(start - 1);
    }
    // The comma of ", saying …" / ", experts suggest, …" starts a match too.
    if start > free && matches!(b[start - 1], b',' | b'C' | b']') {
        start -= 1;
    }
    // A noun phrase after a preposition and before a comma is an adjunct
    // ("In Washington, a spokesman said"), not a source ("with experts
    // saying" still has one).
    let adjunct = move |i: usize| {
        i > 0
            && b[i - 1] == b'p'
            && b[i..]
                .iter()
                .position(|&t| !in_source(t))
                .is_some_and(|k| b[i + k] == b',')
    };
    (start..=cue).filter(move |&i| !adjunct(i) && may_start(b, i))
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
        // A pronoun is a whole source, or its first member ("he and other
        // Republicans"): what follows a source must follow it.
        b'R' => matches!(
            next,
            b',' | b'-' | b'x' | b'd' | b'Q' | b'B' | b'V' | b'Z' | b'U' | b'G' | b'c'
        ),
        // …, which SOURCE said / money that SOURCE said was …
        b'h' | b't' => starts_source(next),
        // according to data compiled by …: any phrase may follow
        b'A' => starts_source(next) || matches!(next, b'Z' | b'x'),
        // was suspected by SOURCE
        b'B' => matches!(after_adv(), (Some(b'V' | b'Z'), Some(b'y'))),
        // as one diplomat put it,
        b'S' => starts_source(next),
        // … and later said / … and told reporters
        b'c' => matches!(after_adv().0, Some(b'V' | b'Z' | b'U')),
        // … by claiming
        b'y' => next == b'G',
        // …, experts suggest, / …, saying
        // …, said X, / …, before adding
        b',' => {
            starts_source(next)
                || matches!(next, b'S' | b'W' | b'x' | b'd' | b',' | b'G' | b'V' | b'Z')
                || next == b'p' && b.get(i + 2) == Some(&b'G')
        }
        // A lowercase word starts a source only before a source noun
        // ("state media said") or as a bare subject of a participle
        // ("traders saying"); elsewhere trying it is wasted work.
        b'w' => {
            let rest = &b[i + 1..];
            let words = rest.iter().take_while(|&&t| t == b'w').count();
            matches!(rest.get(words), Some(b'N' | b'Z')) && words < 3
                || next == b'V'
                || rest
                    .iter()
                    .find(|&&t| t != b'x')
                    .is_some_and(|&t| t == b'G')
        }
        // "unnamed officials": a participle adjective before a source noun.
        b'e' => {
            let rest = &b[i + 1..];
            let words = rest
                .iter()
                .take_while(|&&t| matches!(t, b'w' | b'e'))
                .count();
            words < 3 && matches!(rest.get(words), Some(b'N' | b'Z'))
        }
        _ => false,
    }
}

/// Tags a source (`source`, `source_noun`) can open with.
fn starts_source(t: u8) -> bool {
    matches!(t, b'R' | b'd' | b'P' | b'N' | b'J' | b'n' | b'w' | b'e')
}

/// The attribution starting at token `start`, if any: `attribution_here`,
/// run as the entry rule that holds only the alternatives that can open
/// with the token's tag. Most tries fail, and a failing try no longer
/// fails through all nine alternatives (~3k instructions each).
fn attribution_at(tags: &str, start: usize) -> Option<Match> {
    let rule = match *tags.as_bytes().get(start)? {
        b'R' | b'P' | b'N' | b'J' | b'n' | b'e' => Rule::opens_source,
        b'd' => Rule::opens_d,
        b'w' => Rule::opens_w,
        b',' => Rule::opens_comma,
        b'A' => Rule::opens_according,
        b'B' => Rule::opens_be,
        b'h' | b't' => Rule::opens_relative,
        b'c' | b'y' => Rule::opens_dangling,
        b'S' => Rule::opens_as,
        _ => return None,
    };
    parse_at(rule, tags, start)
}

/// Runs `rule` on `tags[start..]` and reads the match, if any, back in
/// sentence token indices.
fn parse_at(rule: Rule, tags: &str, start: usize) -> Option<Match> {
    let rest = tags.get(start..)?;
    let pair = AttributionParser::parse(rule, rest).ok()?.next()?;
    let mut m = to_match(pair)?.shifted(start);
    // "The plan, which critics say is unworkable, will go ahead": a
    // relative set off by a comma ends at the next one. "The mayor, who
    // said she was shocked, visited the scene": a relative after the
    // sentence's subject ends at the comma before the main verb.
    let b = tags.as_bytes();
    let cut = match m.pattern {
        "relative_cue" if start > 0 && b[start - 1] == b',' => {
            Some(first_comma(b, m.content.clone()))
        }
        // "The car that police said was used in the robbery was found
        // burned out": the relative ends where a second verb group opens.
        "relative_cue" if b[start] == b't' => second_verb(b, m.content.clone()),
        "relative_subject" if start == 0 => comma_before_verb(b, m.content.clone()),
        _ => None,
    };
    if let Some(end) = cut {
        m.content.end = end;
        m.end = end;
    }
    Some(m)
}

/// Where a second group of auxiliaries and be-verbs opens in `b[within]`,
/// after a word that is neither: "was used in the robbery | was found",
/// "was stolen | had been returned".
fn second_verb(b: &[u8], within: Range<usize>) -> Option<usize> {
    let verb = |t: u8| matches!(t, b'B' | b'x');
    // After a noun or participle, not "to" ("was expected to be spent").
    let word = |t: u8| matches!(t, b'w' | b'N' | b'P' | b'n' | b'm' | b'e' | b'C' | b']');
    (within.start + 1..within.end).find(|&k| verb(b[k]) && word(b[k - 1]))
}

/// The first comma in `b[within]` outside a quotation that a verb follows.
fn comma_before_verb(b: &[u8], mut within: Range<usize>) -> Option<usize> {
    loop {
        let comma = first_comma(b, within.clone());
        if comma == within.end {
            return None;
        }
        if matches!(b.get(comma + 1), Some(b'e' | b'V' | b'Z' | b'U' | b'B')) {
            return Some(comma);
        }
        within.start = comma + 1;
    }
}

/// The first comma in `b[within]` outside a quotation, else the end.
fn first_comma(b: &[u8], within: Range<usize>) -> usize {
    let mut i = within.start;
    while i < within.end {
        i = match b[i] {
            b',' => return i,
            b'O' | b'[' => quote_end(b, i).unwrap_or(i + 1),
            _ => i + 1,
        };
    }
    within.end
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
/// the grammar's `(plain_token | quote | dash_pair | !content_stop ~ ANY)+`,
/// run on bytes. Pest is asked only where a stop needs a noun phrase, so a content
/// costs a few instructions per token instead of a few hundred.
pub fn content_end(tags: &str, from: usize) -> usize {
    let b = tags.as_bytes();
    // A comma can stop a content only before a cue (see `content_stop`).
    let last_cue = b.iter().rposition(|&t| is_cue(t));
    let mut i = from;
    while let Some(&t) = b.get(i) {
        i = match t {
            b'O' | b'[' => quote_end(b, i).unwrap_or(i + 1),
            b'.' if i + 1 == b.len() => return i,
            b';' => return i,
            b'-' => match dash_pair_end(tags, i) {
                Some(after) => after,
                None => return i,
            },
            b'c' if matches!(b[i + 1..].iter().find(|&&u| u != b'x'), Some(b'V' | b'U')) => {
                return i
            }
            b',' if comma_stops(tags, i, last_cue) => return i,
            b'S' | b'W' if stops_here(tags, i) => return i,
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
        // "the exercise, in which a carrier took part, is …" goes on.
        (Some(b'p'), Some(b'h')) => false,
        (Some(b'S' | b'p' | b'A' | b'G' | b'K'), _) => true,
        // ", while insisting …", "when asked …", ", while the allies insist
        // …": a next act, the occasion or another speaker, not what was said.
        (Some(b'W'), _) => stops_here(tags, i),
        (Some(b'c'), Some(b'x' | b'B' | b'V' | b'Z' | b'U' | b'!' | b'e')) => true,
        // ", and a summit could yet …": a clause with a subject of its own
        // (", and he would …" may still be the speaker's).
        (Some(b'c'), Some(&t)) if t != b'R' && starts_source(t) => stops_here(tags, i),
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

/// One past the pair of dashes (`dash_pair`) opening at token `i`, if the
/// content goes on after it. Dashes are rare: pest is asked.
fn dash_pair_end(tags: &str, i: usize) -> Option<usize> {
    let pair = AttributionParser::parse(Rule::dash_pair, tags.get(i..)?).ok()?;
    Some(i + pair.as_str().len())
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
        resumed: None,
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
                Rule::source
                | Rule::source_noun
                | Rule::source_word
                | Rule::according_source
                | Rule::label_source => m.source = Some(range(&slot)),
                Rule::cited => cited = Some(range(&slot)),
                Rule::resumed => m.resumed = Some(range(&slot)),
                Rule::relayer => m.via = Some(range(&slot)),
                Rule::cue
                | Rule::cue_listener
                | Rule::cue_gerund
                | Rule::cue_adjective
                | Rule::cue_according
                | Rule::label_cue
                | Rule::label_colon => m.cue = slot.as_span().start(),
                Rule::content | Rule::clause_opening => {
                    let first = range(&slot);
                    let end = content_end(slot.as_span().get_input(), first.end);
                    m.content = first.start..end;
                    m.end = m.end.max(end);
                }
                Rule::lead_content
                | Rule::according_content
                | Rule::says_content
                | Rule::quote_lead_content
                | Rule::quote_says_content
                | Rule::object_content
                | Rule::which_content
                | Rule::label_content
                | Rule::label_claim
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
        Rule::speaker_label => "speaker_label",
        Rule::headline_source => "headline_source",
        Rule::clause_then_source => "clause_then_source",
        Rule::clause_according => "clause_according",
        Rule::clause_then_says => "clause_then_says",
        Rule::relay_citing => "relay_citing",
        Rule::relay_citing_after => "relay_citing",
        Rule::quoted_clause_then_source => "clause_then_source",
        Rule::quoted_clause_then_says => "clause_then_says",
        Rule::relay_quoted => "relay_quoted",
        Rule::relay_passive => "relay_passive",
        Rule::according_first => "according_first",
        Rule::parenthetical => "parenthetical",
        Rule::source_then_quote => "source_then_quote",
        Rule::passive_agent => "passive_agent",
        Rule::relative_cue => "relative_cue",
        Rule::object_relative => "object_relative",
        Rule::source_then_clause => "source_then_clause",
        Rule::relative_subject => "relative_subject",
        Rule::source_participle => "source_participle",
        Rule::bare_participle => "source_participle",
        Rule::dangling_cue => "dangling_cue",
        Rule::as_source => "as_source",
        Rule::leading_participle => "leading_participle",
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

    /// (pattern, source, cue, content) of one record `read` gave.
    fn fields(r: &(String, String, String, String, QuoteKind)) -> (&str, &str, &str, &str) {
        (&r.0, &r.1, &r.2, &r.3)
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
    fn quote_then_source_with_a_passive_relay_or_an_auxiliary() {
        let text = "“We are ready,” Mr Tamm was quoted by the agency as saying.";
        let (p, s, c, q, _) = one(text);
        assert_eq!(
            (p.as_str(), s.as_str(), c.as_str(), q.as_str()),
            ("quote_then_source", "Mr Tamm", "saying", "We are ready")
        );
        assert_eq!(via(text), [Some("the agency".to_string())]);
        let text = "“It is over,” the source was quoted as saying by the paper.";
        assert_eq!(one(text).1, "the source");
        assert_eq!(via(text), [Some("the paper".to_string())]);
        assert_eq!(one("“It is over,” she kept saying.").1, "she");
        // A gerund with no auxiliary before it closes no reporting clause.
        none("“It is over,” the crowd chanting.");
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
    fn quote_then_source_resumed_after_its_attribution() {
        for text in [
            "“We will not back down,” the minister said, “and we will win.”",
            "“We will not back down,” said the minister, “and we will win.”",
        ] {
            let all = read(text);
            let got: Vec<(&str, &str, &str)> = all
                .iter()
                .map(|a| (a.1.as_str(), a.2.as_str(), a.3.as_str()))
                .collect();
            assert_eq!(
                got,
                [
                    ("the minister", "said", "We will not back down"),
                    ("the minister", "said", "and we will win")
                ],
                "{text}"
            );
        }
        // Words after the resumed quotation are no part of the frame.
        let all = read("“We will not back down,” the minister said, “ever,” and left.");
        assert_eq!(all.len(), 1, "{all:#?}");
    }

    #[test]
    fn two_quotations_joined_by_and_are_two_records() {
        let all = read("The doctor said “the season is longer” and “we must watch it closely.”");
        let got: Vec<(&str, QuoteKind)> = all.iter().map(|a| (a.3.as_str(), a.4)).collect();
        assert_eq!(
            got,
            [
                ("the season is longer", QuoteKind::Direct),
                ("we must watch it closely", QuoteKind::Direct)
            ]
        );
        // Quoted words inside a paraphrase stay one mixed record.
        let (_, _, _, q, k) = one("She said the plan was “bold” and “overdue”.");
        assert_eq!(
            (q.as_str(), k),
            ("the plan was “bold” and “overdue”", QuoteKind::Mixed)
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
    fn clause_then_source_with_a_relative_after_the_cited_party() {
        let text = "The test may come within months, the Daily Ledger reported Monday, \
                    citing lawmakers who were briefed by the spy agency.";
        let all = read(text);
        assert_eq!(all.len(), 1, "{all:#?}");
        assert_eq!(all[0].1, "lawmakers who were briefed by the spy agency");
        assert_eq!(via(text), [Some("the Daily Ledger".to_string())]);
    }

    #[test]
    fn clause_then_source_with_a_subordinate_clause_after_the_cue() {
        let (p, s, _, q, _) = one(
            "The border must stay calm, Foreign Minister Ana Ruiz said on Monday as she welcomed her counterpart.",
        );
        assert_eq!(
            (p.as_str(), s.as_str(), q.as_str()),
            (
                "clause_then_source",
                "Foreign Minister Ana Ruiz",
                "The border must stay calm"
            )
        );
        // Without its subordinator, a clause after the cue is a new one.
        let all = read("The border must stay calm, Ana Ruiz said on Monday she welcomed it.");
        assert!(all.iter().all(|a| a.0 != "clause_then_source"), "{all:#?}");
    }

    #[test]
    fn clause_then_source_with_a_named_body_in_its_adjunct() {
        let (p, s, _, q, _) = one(
            "Revenue will fall, the company said in a filing with the Securities and Exchange Commission.",
        );
        assert_eq!(
            (p.as_str(), s.as_str(), q.as_str()),
            ("clause_then_source", "the company", "Revenue will fall")
        );
    }

    #[test]
    fn content_stops_before_a_coordinated_clause_with_its_own_subject() {
        let (_, _, _, q, _) =
            one("Officials insist the rift is over, and a summit in May could yet seal a deal.");
        assert_eq!(q, "the rift is over");
        // A second "that" clause, or the speaker again, is still said.
        let (_, _, _, q, _) = one("He said gas would be cheaper, and that prices would fall.");
        assert_eq!(q, "gas would be cheaper, and that prices would fall");
        let (_, _, _, q, _) = one("He said the plan was sound, and he would defend it.");
        assert_eq!(q, "the plan was sound, and he would defend it");
    }

    #[test]
    fn content_never_opens_on_a_closing_quotation_mark() {
        // "reports" closing a quotation has nothing after it to report.
        let all = read("“We studied the relevant reports” and the door is open.");
        assert!(all.is_empty(), "{all:#?}");
        let (_, _, _, q, _) = one("Officials said “the door is open”.");
        assert_eq!(q, "the door is open");
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
    fn according_source_with_a_relative_clause() {
        let (p, s, _, q, _) =
            one("Wards are full, according to a union that represents staff at the site.");
        assert_eq!((p.as_str(), s.as_str()), ("clause_according", "a union"));
        assert_eq!(q, "Wards are full");
        let (p, s, _, q, _) =
            one("According to people who were briefed on the talks, the deal is off.");
        assert_eq!((p.as_str(), s.as_str()), ("according_first", "people"));
        assert_eq!(q, "the deal is off");
        // A comma after the relative closes it: the rest is a clause of its own.
        let (_, _, _, q, _) =
            one("The deal is off, according to people who were briefed, as talks ended.");
        assert_eq!(q, "The deal is off");
        none("It was sorted according to rules that nobody knew.");
        none("Bonuses are paid according to a formula that rewards seniority.");
        // Without the comma a source noun still takes its relative.
        let (_, s, ..) = one("Crime rose according to police who released the figures.");
        assert_eq!(s, "police");
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
    fn relay_citing_after_the_cue() {
        let text = "NHK reported, citing defence officials, that the missile flew low.";
        let (p, s, c, q, _) = one(text);
        assert_eq!(
            (p.as_str(), s.as_str(), c.as_str(), q.as_str()),
            (
                "relay_citing",
                "defence officials",
                "reported",
                "the missile flew low"
            )
        );
        assert_eq!(via(text), [Some("NHK".to_string())]);
        let (_, s, ..) = one(
            "NHK reported, citing officials who spoke on condition of anonymity, that it flew low.",
        );
        assert_eq!(s, "officials who spoke on condition of anonymity");
        // Without "that" the cited party's clause is not marked as content.
        none("NHK reported, citing defence officials, a low flight.");
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
    fn as_source_credits_the_clause_after_it() {
        let (p, s, c, q, _) = one("As one diplomat put it, the summit was a failure.");
        assert_eq!(
            (p.as_str(), s.as_str(), c.as_str(), q.as_str()),
            (
                "as_source",
                "one diplomat",
                "put it",
                "the summit was a failure"
            )
        );
        let (_, s, c, q, _) = one("Prices, as the bank noted, rose sharply in May.");
        assert_eq!(
            (s.as_str(), c.as_str(), q.as_str()),
            (
                "the bank",
                "noted",
                "Prices, as the bank noted, rose sharply in May"
            )
        );
        // Another subordinator makes no report, and "put it" elsewhere is
        // no cue without a quotation.
        none("While the minister spoke, the opposition walked out.");
        none("While the minister said, the opposition walked out.");
        none("He put it on the table.");
    }

    #[test]
    fn parenthetical_source_after_its_cue() {
        let (p, s, c, q, _) = one("In the long run, said Ms Ruiz, the deal will collapse.");
        assert_eq!(
            (p.as_str(), s.as_str(), c.as_str(), q.as_str()),
            ("parenthetical", "Ms Ruiz", "said", "the deal will collapse")
        );
        let (_, _, _, q, _) = one("The economy, said Ms Ruiz, is recovering.");
        assert_eq!(q, "The economy, said Ms Ruiz, is recovering");
        // A new clause after the aside is not what was said.
        let (_, _, _, q, _) = one("Prices will rise, said Ms Ruiz, and wages will not.");
        assert_eq!(q, "Prices will rise");
        none("He arrived, said hello, and left.");
    }

    #[test]
    fn a_headline_bare_noun_opening_a_clause_is_a_source() {
        let (_, s, c, q, _) =
            one("Long waits go on as trust insists safety ‘remains our priority’");
        assert_eq!(
            (s.as_str(), c.as_str(), q.as_str()),
            ("trust", "insists", "safety ‘remains our priority’")
        );
        let (_, s, ..) =
            one("Court limits warrants; dissent says decision will ‘let the guilty walk’");
        assert_eq!(s, "dissent");
        // Not mid-clause, not before a phrase, not a passive.
        none("The firm has taken note of the reports.");
        none("‘We were not consulted’: councils warn over school funding");
        none("Prices rose as demand said to be strong grew.");
        none("The shops stayed shut as nobody believed the storm would pass.");
        // Only a verb of speech: "growth suggests" has no speaker.
        none("Pound slides as growth suggests economy is stalling");
    }

    #[test]
    fn a_bare_subject_before_a_closing_clause_keeps_its_predicate() {
        let (p, s, _, q, _) = one("The suspect, police said, fled the scene on foot.");
        assert_eq!((p.as_str(), s.as_str()), ("clause_then_source", "police"));
        assert_eq!(q, "The suspect, police said, fled the scene on foot");
        // A clause before the comma is the whole claim.
        let (_, _, _, q, _) = one("The suspect fled, police said, citing witnesses.");
        assert_eq!(q, "The suspect fled");
        let (_, _, _, q, _) = one("Two dead in crash, police said.");
        assert_eq!(q, "Two dead in crash");
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
    fn relative_cue_after_that_needs_the_gap() {
        let (p, s, c, q, _) = one("He stole the money, which prosecutors say was spent on a boat.");
        assert_eq!(
            (p.as_str(), s.as_str(), c.as_str()),
            ("relative_cue", "prosecutors", "say")
        );
        let (p, s, c, q2, _) = one("He stole money that prosecutors say was spent on a boat.");
        assert_eq!(
            (p.as_str(), s.as_str(), c.as_str(), q2.as_str()),
            ("relative_cue", "prosecutors", "say", q.as_str())
        );
        // A "that" whose clause has its own subject opens what was said.
        let all = read("He argued that prosecutors say nothing new.");
        assert!(all.iter().all(|m| m.0 != "relative_cue"), "{all:#?}");
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
    fn object_relative_by_relative_pronoun_closes_its_clause() {
        let all = read("Prosecutors accused Smith of fraud, which he denied on Monday.");
        assert_eq!(all.len(), 2, "{all:#?}");
        assert_eq!(all[0].3, "Smith of fraud");
        assert_eq!(
            fields(&all[1]),
            ("object_relative", "he", "denied", "which")
        );
        // Mid-sentence the relative is the noun's, and stays in the content.
        let (.., q, _) = one("The report said the plan, which Moscow rejected, was sound.");
        assert_eq!(q, "the plan, which Moscow rejected, was sound");
        assert!(AttributionParser::parse(Rule::object_relative, "hRV.").is_ok());
        assert!(AttributionParser::parse(Rule::object_relative, "hRVpm.").is_ok());
        assert!(AttributionParser::parse(Rule::object_relative, "hPV,").is_err());
    }

    #[test]
    fn a_restrictive_relative_may_hold_a_cue_of_its_own() {
        let (_, s, c, q, _) =
            one("An official who asked to remain anonymous has said progress had been made.");
        assert_eq!(
            (s.as_str(), c.as_str(), q.as_str()),
            (
                "An official who asked to remain anonymous",
                "said",
                "progress had been made"
            )
        );
        // Only before "to" or "not": "who said his client denied" is no source.
        assert!(!read("A lawyer who said his client denied the charges.")
            .iter()
            .any(|r| r.1.starts_with("A lawyer")));
        // Only its first word: a second cue is the sentence's.
        assert!(AttributionParser::parse(Rule::lead, "dNhVpwxV").is_ok());
        assert_eq!(
            AttributionParser::parse(Rule::lead, "dNhVV")
                .ok()
                .and_then(|mut p| p.next())
                .map(|p| p.as_str().len()),
            Some(2)
        );
    }

    #[test]
    fn a_subordinate_clause_may_open_the_content_after_that() {
        let (p, _, _, q, _) =
            one("The chief executive said that although sales had grown, profit fell.");
        assert_eq!(
            (p.as_str(), q.as_str()),
            (
                "source_then_clause",
                "although sales had grown, profit fell"
            )
        );
        // Without "that" the subordinate clause is the speaker's own.
        assert!(read("He said as he left.").is_empty());
        // The relayed report of an informed source.
        assert_eq!(
            via("Kim told aides that the reports were false, an informed source said."),
            [Some("an informed source".to_string())]
        );
    }

    #[test]
    fn an_aside_between_dashes_after_the_source() {
        let (_, s, c, q, _) = one(
            "Shahbaz Sharif — brother of the former premier — alleged that the vote was rigged.",
        );
        assert_eq!(
            (s.as_str(), c.as_str(), q.as_str()),
            ("Shahbaz Sharif", "alleged", "the vote was rigged")
        );
        // The aside must close right before the cue.
        let matched = |tags: &str| attribution_at(tags, 0).is_some();
        assert!(matched("PP-wowP-Vdw."));
        assert!(!matched("PP-wowP-wVdw."));
        assert!(!matched("PP-wowP,Vdw."));
    }

    #[test]
    fn a_comma_inside_the_quotation_before_the_source() {
        let (p, s, _, q, k) = one("The drug is “dangerous,” the FDA said.");
        assert_eq!(
            (p.as_str(), s.as_str(), q.as_str(), k),
            (
                "clause_then_source",
                "the FDA",
                "The drug is “dangerous,”",
                QuoteKind::Mixed
            )
        );
        let (p, s, ..) = one("Despite the delays, “the vote was fair,” said Sardar Raza.");
        assert_eq!(
            (p.as_str(), s.as_str()),
            ("clause_then_says", "Sardar Raza")
        );
        let (.., q, _) = one("The drug “is being misused,” the FDA said in its warning.");
        assert_eq!(q, "The drug “is being misused,”");
        // A quotation whose comma is not its last word closes no clause.
        assert!(AttributionParser::parse(Rule::quoted_clause_then_source, "dwBOw,wCdPV.").is_err());
        assert!(AttributionParser::parse(Rule::quoted_clause_then_source, "dwBOw,CdPV.").is_ok());
    }

    #[test]
    fn a_trailing_phrase_after_the_cue_may_hold_a_cue_noun() {
        let (p, s, _, q, _) = one("“It is fake,” Trump said in his refutation of the report.");
        assert_eq!(
            (p.as_str(), s.as_str(), q.as_str()),
            ("quote_then_source", "Trump", "It is fake")
        );
        let (.., q, _) = one("“It is wrong,” the FDA said in its warning.");
        assert_eq!(q, "It is wrong");
        // Not without a determiner before it: "in reports" ends no clause.
        assert!(AttributionParser::parse(Rule::quote_then_source, "OwC,PVpZ.").is_err());
        assert!(AttributionParser::parse(Rule::quote_then_source, "OwC,PVpdZ.").is_ok());
    }

    #[test]
    fn a_relaying_party_may_follow_the_quotation_or_the_reporting_clause() {
        let (p, s, _, q, _) = one("“We will not talk,” the agency quoted Al Thani as saying.");
        assert_eq!(
            (p.as_str(), s.as_str(), q.as_str()),
            ("quote_then_source", "Al Thani", "We will not talk")
        );
        assert_eq!(
            via("“We will not talk,” the agency quoted Al Thani as saying."),
            [Some("the agency".to_string())]
        );
        assert_eq!(
            via("“We will act,” Peskov said on Monday, as quoted by Interfax."),
            [Some("Interfax".to_string())]
        );
        assert_eq!(
            via("The talks stalled, Peskov said, as cited by Yonhap."),
            [Some("Yonhap".to_string())]
        );
        // "as" must be followed by a relay verb and "by".
        assert_eq!(via("“We will act,” Peskov said, as he left."), [None]);
        assert_eq!(
            via("“It is done,” Kim said, as confirmed by the ministry."),
            [None]
        );
        assert!(AttributionParser::parse(Rule::quote_then_source, "OwC,dNQPSG.").is_ok());
        assert!(AttributionParser::parse(Rule::quote_then_source, "OwC,dNQPG.").is_err());
    }

    #[test]
    fn a_trailer_may_hold_a_participle_phrase() {
        let (.., q, _) = one("“We will act,” the ministry said in a statement issued on Monday.");
        assert_eq!(q, "We will act");
        let (.., q, _) = one("“We will act,” she wrote in a letter sent to members.");
        assert_eq!(q, "We will act");
        // A plain word in a trailer only before a preposition.
        assert!(AttributionParser::parse(Rule::quote_then_source, "OwC,RVawpN.").is_ok());
        assert!(AttributionParser::parse(Rule::quote_then_source, "OwC,RVawwN.").is_err());
    }

    #[test]
    fn a_report_of_a_report_keeps_its_speaker() {
        let senator = one("The senator is reported to have said that the bill was dead.");
        assert_eq!(
            fields(&senator),
            (
                "source_then_clause",
                "The senator",
                "said",
                "the bill was dead"
            )
        );
        let (_, s, c, _, _) = one("The minister is understood to have told aides she would go.");
        assert_eq!((s.as_str(), c.as_str()), ("The minister", "told"));
        // Without a cue after it there is nothing reported.
        assert!(read("The company is believed to have lost money.").is_empty());
    }

    #[test]
    fn a_source_may_be_a_list_closed_by_and() {
        let (_, s, _, c, _) = one("British, French and German diplomats said the talks failed.");
        assert_eq!(
            (s.as_str(), c.as_str()),
            ("British, French and German diplomats", "the talks failed")
        );
        let (_, s, _, _, _) = one("Officials in Seoul, Washington and Kyiv said it was Iranian.");
        assert_eq!(s, "Officials in Seoul, Washington and Kyiv");
        // An aside with a determiner is no list member.
        let (_, s, _, _, _) =
            one("Dr Rao, the lead author and an epidemiologist, said it was hot.");
        assert_eq!(s, "Dr Rao");
    }

    #[test]
    fn object_relative_without_that_ends_the_content_before_it() {
        let all = read("Prosecutors say he stole $2 million, a claim the company disputes.");
        assert_eq!(all.len(), 2, "{all:#?}");
        assert_eq!(all[0].3, "he stole $2 million");
        assert_eq!(
            (all[1].0.as_str(), all[1].1.as_str(), all[1].3.as_str()),
            ("object_relative", "the company", "a claim")
        );
        // Not at the end of its clause, the relative is no report.
        assert!(read("The plan Moscow rejected was revised.").is_empty());
        assert!(read("A charge Moscow denies was dropped.").is_empty());
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
    fn a_listener_cue_may_go_straight_to_that() {
        let (_, s, c, q, _) =
            one("The foreign secretary informed that nine agreements were signed.");
        assert_eq!(
            (s.as_str(), c.as_str(), q.as_str()),
            (
                "The foreign secretary",
                "informed",
                "nine agreements were signed"
            )
        );
        // "that" opening a thing, not a clause, is no attribution.
        none("He told that story many times.");
    }

    #[test]
    fn a_relative_aside_may_follow_the_listener() {
        let (_, s, c, q, _) = one(
            "He told reporters in Vilnius, where he attended a summit, that the talks went well.",
        );
        assert_eq!(
            (s.as_str(), c.as_str(), q.as_str()),
            ("He", "told", "the talks went well")
        );
        // Without "that" after it, the aside is not the listener's.
        none("He told reporters in Vilnius, where he attended a summit, the talks went well.");
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
        // A verb before the participle is no bare subject.
        none("Managers keep telling us it is temporary.");
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
    fn leading_participle_takes_the_main_clause_subject() {
        let all = read("Noting that exports had doubled, the minister said the plan had worked.");
        assert_eq!(all.len(), 2, "{all:#?}");
        assert_eq!(
            fields(&all[0]),
            (
                "leading_participle",
                "the minister",
                "Noting",
                "exports had doubled"
            )
        );
        assert_eq!(all[1].3, "the plan had worked");
        // Without "that", and without a subject after it, nothing is credited.
        none("Noting the date, he left.");
        none("Stressing that the deal was final.");
    }

    #[test]
    fn dangling_cue_after_a_preposition() {
        let all = read("“We are ready,” he said, before adding, with a smile: “The enemy is not.”");
        assert_eq!(all.len(), 2, "{all:#?}");
        assert_eq!(
            fields(&all[1]),
            ("dangling_cue", "he", "adding", "The enemy is not")
        );
        let all = read("He denied the claim, before adding that he would sue.");
        assert_eq!(all.len(), 2, "{all:#?}");
        assert_eq!(
            (all[1].2.as_str(), all[1].3.as_str()),
            ("adding", "he would sue")
        );
        // A preposition and a gerund that is no cue make no report.
        none("He left the talks, before signing the deal.");
    }

    #[test]
    fn dangling_cue_inside_a_subordinate_clause() {
        let (p, s, ..) =
            one("When the mayor visited the site and praised the builders, the crowd cheered.");
        assert_eq!((p.as_str(), s.as_str()), ("dangling_cue", "the mayor"));
        // A cue after the subordinate clause belongs to the main one.
        let (_, s, ..) =
            one("While the talks stalled, the envoy flew home and later said talks were over.");
        assert_eq!(s, "the envoy");
        // A participle and its time adjunct are the verb, not the subject.
        let (_, s, ..) =
            one("The main opposition party refused Monday to concede, saying votes were lost.");
        assert_eq!(s, "The main opposition party");
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
    fn an_adverb_opens_no_aside_before_the_cue() {
        // ", already …, said the IMF," is an inverted reporting clause.
        let (_, s, _, q, _) = one(
            "The economy, already the weakest in Europe, said the IMF, would shrink this year.",
        );
        assert_eq!(
            (s.as_str(), q.as_str()),
            ("the IMF", "would shrink this year")
        );
        // The source's own verb group may hold an adverb: "has since said".
        let (_, s, c, _, _) = one("Hollis, who is 79, has since said the round will be harder.");
        assert_eq!((s.as_str(), c.as_str()), ("Hollis", "said"));
    }

    #[test]
    fn a_tail_of_bare_words_may_chain() {
        let (_, s, c, _, _) =
            one("The secretary of state for health said waiting lists would fall.");
        assert_eq!(
            (s.as_str(), c.as_str()),
            ("The secretary of state for health", "said")
        );
        // A bare tail still needs a cue, a comma or another tail after it.
        assert!(read("The secretary of state for health care reform.").is_empty());
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
            fields(&all[1]),
            (
                "quote_continued",
                "the coach",
                "said",
                "We will be back next year"
            )
        );
        assert_eq!(all[1].4, QuoteKind::Direct);
    }

    #[test]
    fn quote_continued_in_the_next_paragraph_but_not_after_narration() {
        let all = read("“We lost,” the coach said.\n\n“Rain is due.”");
        assert_eq!(all.len(), 2, "{all:#?}");
        assert_eq!(all[1].1, "the coach");
        let text = "“We lost,” the coach said.\n\nThe bus left.\n\n“Rain is due.”";
        assert_eq!(read(text).len(), 1);
        assert_eq!(read("“We lost,” the coach said. Rain is due.").len(), 1);
        // An indirect attribution before it does not carry over.
        assert_eq!(read("The coach said they lost. “Rain is due.”").len(), 1);
    }

    /// (source entity, type) of each attribution in `text`.
    fn entities(text: &str) -> Vec<(String, &'static str)> {
        Extractor::builtin()
            .extract(text, 0)
            .into_iter()
            .map(|a| (a.source.entity, a.source.source_type.as_str()))
            .collect()
    }

    #[test]
    fn several_asides_between_source_and_cue() {
        let text =
            "One resident, retired nurse Ann Kyle, 72, of Hillside, said the water was brown.";
        let (_, s, c, q, _) = one(text);
        assert_eq!(
            (s.as_str(), c.as_str(), q.as_str()),
            ("One resident", "said", "the water was brown")
        );
        assert_eq!(entities(text), [("Ann Kyle".to_string(), "person")]);
        let text =
            "Councillor Ray Doyle, who represents Ward 3, where the school is, said it must stay.";
        assert_eq!(entities(text), [("Ray Doyle".to_string(), "person")]);
        // A list of parties is one source, not a source with asides.
        let (_, s, ..) = one("Britain, France and Germany said the talks had failed.");
        assert_eq!(s, "Britain, France and Germany");
    }

    #[test]
    fn a_body_named_in_an_aside_or_after_its_noun() {
        let text = "The firm’s main supplier, Dongxia Precision Motor, said output had resumed.";
        assert_eq!(
            entities(text),
            [("Dongxia Precision Motor".to_string(), "organization")]
        );
        let text = "The industry association EuroHeat said prices had fallen.";
        assert_eq!(entities(text), [("EuroHeat".to_string(), "organization")]);
    }

    #[test]
    fn a_role_mention_resolves_to_the_person_introduced_with_it() {
        let text = "Judge Helena Marsh heard the case. The judge said jurors could be trusted.";
        assert_eq!(entities(text), [("Helena Marsh".to_string(), "person")]);
        let text = "Pieter Van Damme, the trade spokesman, spoke first. The spokesman said talks would go on. \
                    Van Damme said no date was set.";
        assert_eq!(
            entities(text),
            [
                ("Pieter Van Damme".to_string(), "person"),
                ("Pieter Van Damme".to_string(), "person")
            ]
        );
        // Someone the article will not name is anonymous; a definite role
        // is someone known.
        assert_eq!(
            entities("A senior official said the talks were frank."),
            [("senior official".to_string(), "anonymous")]
        );
        // A role with a country is the one introduced with that country.
        let text = "Russian Foreign Minister Sergey Lavrov met Indian External Affairs Minister \
                    S. Jaishankar. The Indian minister said trade was growing. \
                    The Russian minister said ties were strong.";
        let found: Vec<String> = entities(text).into_iter().map(|(e, _)| e).collect();
        assert_eq!(found, ["Subrahmanyam Jaishankar", "Sergey Lavrov"]);
        // With nobody introduced as judge, the role stays a role.
        assert_eq!(
            entities("The judge said jurors could be trusted."),
            [("judge".to_string(), "person")]
        );
    }

    #[test]
    fn an_unnamed_spokesperson_speaks_for_the_body() {
        assert_eq!(
            entities(
                "A spokesperson for the Japanese defence ministry said the missile fell at sea."
            ),
            [("Japanese Ministry of Defence".to_string(), "government")]
        );
        assert_eq!(
            entities("A Kremlin spokesman said no meeting was planned."),
            [("Kremlin".to_string(), "government")]
        );
    }

    #[test]
    fn because_and_if_clauses_stay_in_the_content() {
        let (.., q, _) = one("He said the figures were wrong because they left out online users.");
        assert_eq!(
            q,
            "the figures were wrong because they left out online users"
        );
        let (.., q, _) = one("She said the committee would act if no date was set.");
        assert_eq!(q, "the committee would act if no date was set");
        // A "while" clause with a speaker of its own is the writer's.
        let (.., q, _) = one("He said the plan was sound while critics called it reckless.");
        assert_eq!(q, "the plan was sound");
        let (.., q, _) = one("He said the plan was sound while the party was divided.");
        assert_eq!(q, "the plan was sound while the party was divided");
    }

    #[test]
    fn according_to_takes_any_phrase_up_to_the_comma() {
        let (p, s, _, q, _) =
            one("According to data compiled by Quantra, analysts had expected a loss.");
        assert_eq!(
            (p.as_str(), s.as_str(), q.as_str()),
            (
                "according_first",
                "data compiled by Quantra",
                "analysts had expected a loss"
            )
        );
        let (_, s, _, q, _) = one(
            "According to people familiar with the matter, who asked not to be named, the firm is for sale.",
        );
        assert_eq!(
            (s.as_str(), q.as_str()),
            ("people familiar with the matter", "the firm is for sale")
        );
        let (_, s, ..) =
            one("Heat kills thousands a year, according to a study of 2 million births in Asia.");
        assert_eq!(s, "a study of 2 million births in Asia");
        // A bare word is no source: "closed according to plan".
        none("The plant was closed according to plan.");
    }

    #[test]
    fn source_with_a_negated_postmodifier() {
        let (_, s, c, q, _) =
            one("Experts not involved in the research cautioned that the sample was small.");
        assert_eq!(
            (s.as_str(), c.as_str(), q.as_str()),
            (
                "Experts not involved in the research",
                "cautioned",
                "the sample was small"
            )
        );
    }

    #[test]
    fn a_by_tail_stays_in_the_source() {
        let (_, s, ..) = one("A report by the Halden Institute said most voters backed the deal.");
        assert_eq!(s, "A report by the Halden Institute");
        // A passive agent is no source of its own.
        none("The deal was backed by the Halden Institute.");
    }

    #[test]
    fn a_participle_aside_and_a_participle_in_the_listener() {
        let (_, s, ..) =
            one("A WHO spokesperson, asked about the study, said it added to the evidence.");
        assert_eq!(s, "A WHO spokesperson");
        let (_, s, c, ..) = one("“It will stay open,” she told a packed meeting of the council.");
        assert_eq!((s.as_str(), c.as_str()), ("she", "told"));
    }

    #[test]
    fn a_new_reporting_clause_after_comma_and_ends_the_content() {
        let all = read("Beijing accused Brussels of “protectionism”, and China’s commerce ministry said it would respond.");
        assert_eq!(all.len(), 2, "{all:#?}");
        assert_eq!(all[0].3, "Brussels of “protectionism”");
        // Without the comma "and" joins two things the source said.
        let (.., q, _) = one("He said the talks failed and a new round was planned.");
        assert_eq!(q, "the talks failed and a new round was planned");
    }

    #[test]
    fn cues_inside_a_quotation_that_report_nothing() {
        // Base-form cues after I/we and anything after "you" are the
        // speaker's own words.
        let all = read("“We need trials before we tell every woman to stay indoors,” Eklund said.");
        assert_eq!(all.len(), 1, "{all:#?}");
        let all = read("“You're telling those kids they don't matter,” she said.");
        assert_eq!(all.len(), 1, "{all:#?}");
        // A report in the past tense is a quotation inside a quotation.
        let all = read("“We told the panel that the sample was clean,” the lawyer said.");
        assert_eq!(all.len(), 2, "{all:#?}");
        assert!(all.iter().any(|a| a.1 == "We"), "{all:#?}");
    }

    #[test]
    fn a_continued_quotation_owns_the_cues_inside_it() {
        let all = read("“The biology makes sense,” Eklund said. “But we need trials before we tell anyone to stay indoors.”");
        assert_eq!(all.len(), 2, "{all:#?}");
        assert_eq!(
            (all[1].0.as_str(), all[1].1.as_str()),
            ("quote_continued", "Eklund")
        );
    }

    #[test]
    fn denounce_and_make_clear_are_cues() {
        let (_, _, c, q, _) = one("Pyongyang denounced the drills as rehearsals for an invasion.");
        assert_eq!(
            (c.as_str(), q.as_str()),
            ("denounced", "the drills as rehearsals for an invasion")
        );
        let (_, _, c, _, _) = one("Officials have made clear that the inquiry is moving fast.");
        assert_eq!(c, "made clear");
        none("Member states met in Brussels.");
    }

    #[test]
    fn a_bare_body_noun_is_the_body_named_before() {
        let text = "The Ministry of Foreign Affairs said the swap was agreed. \
                    Russia’s defence ministry said 146 soldiers were back. \
                    The ministry said they were in Belarus.";
        assert_eq!(
            entities(text),
            [
                ("Ministry of Foreign Affairs".to_string(), "government"),
                ("Russian Ministry of Defence".to_string(), "government"),
                ("Russian Ministry of Defence".to_string(), "government"),
            ]
        );
        // "the company" after a firm was credited by name.
        let text = "Brewmaster said the fault was rare. The company said refunds would follow.";
        assert_eq!(
            entities(text)[1],
            ("Brewmaster".to_string(), "organization")
        );
        // A person heading a body is not the body; the body named with
        // her is what "the council" means.
        let text = "The Electoral Council's head Elena Saucedo said turnout was high. \
                    The council said results were due on Friday.";
        assert_eq!(
            entities(text)[1],
            ("Electoral Council".to_string(), "government")
        );
    }

    #[test]
    fn owners_and_areas_of_ministries_and_bodies() {
        for (text, entity) in [
            (
                "The South Korean Unification Ministry said it was monitoring the trip.",
                "South Korean Ministry of Unification",
            ),
            (
                "The Ostravian foreign ministry said the diplomats must leave.",
                "Ostravian Ministry of Foreign Affairs",
            ),
            (
                "Japan's government said the missiles fell outside its waters.",
                "Japanese government",
            ),
            (
                "Foreign Ministry Spokeswoman Maria Zakharova said the talks were useful.",
                "Maria Zakharova",
            ),
            (
                "Chief Cabinet Secretary Yoshimasa Hayashi said Japan had protested.",
                "Yoshimasa Hayashi",
            ),
        ] {
            assert_eq!(entities(text)[0].0, entity, "{text}");
        }
        // A group keeps the possessive.
        assert_eq!(
            entities("Ukraine’s allies believe the aid will come.")[0].0,
            "Ukraine’s allies"
        );
    }

    #[test]
    fn a_known_name_after_an_owner_and_adjectives() {
        let text = "North Korea's official Korean Central News Agency said the test succeeded.";
        assert_eq!(entities(text), [("KCNA".to_string(), "media")]);
        // A person's role before a known body stays the person's.
        assert_eq!(
            entities("A Kremlin official said no date was set.")[0].1,
            "anonymous"
        );
    }

    #[test]
    fn a_byline_in_capitals_is_not_a_name() {
        let text = "By KIM TONG-HYUNG\n\nNorth Korean leader Kim Jong Un visited a factory. \
                    Kim said output must rise.";
        assert_eq!(entities(text)[0].0, "Kim Jong Un");
    }

    #[test]
    fn a_time_adjunct_between_source_and_cue() {
        let (_, s, c, ..) = one("The Foreign Office on Thursday rejected the remarks as baseless.");
        assert_eq!((s.as_str(), c.as_str()), ("The Foreign Office", "rejected"));
        // Announcing an action is no claim, even with a relative clause after it.
        none("The EU last week announced new sanctions, which would hit three firms.");
        let (.., q, _) = one("The EU last week announced that new sanctions would follow.");
        assert_eq!(q, "new sanctions would follow");
    }

    #[test]
    fn a_date_after_the_cue_is_no_content() {
        let (.., q, _) = one("The minister said on January 23 that the plan was dead.");
        assert_eq!(q, "the plan was dead");
        let (.., q, _) = one("The envoy said on Friday, Jan. 23, that talks would resume.");
        assert_eq!(q, "talks would resume");
        // A number after a weekday opens the content.
        let (.., q, _) = one("The ministry said on Friday 23 people had died.");
        assert_eq!(q, "23 people had died");
    }

    #[test]
    fn bracketed_parts_of_names() {
        let text = "North Korea fired a missile, South Korea's Joint Chiefs of Staff (JCS) said.";
        let (p, s, ..) = one(text);
        assert_eq!(
            (p.as_str(), s.as_str()),
            (
                "clause_then_source",
                "South Korea's Joint Chiefs of Staff (JCS)"
            )
        );
        assert_eq!(entities(text)[0].0, "South Korean Joint Chiefs of Staff");
        let (_, s, ..) =
            one("CPN (Maoist Centre) Chair Pushpa Kamal Dahal 'Prachanda' said he welcomed it.");
        assert_eq!(
            s,
            "CPN (Maoist Centre) Chair Pushpa Kamal Dahal 'Prachanda'"
        );
    }

    #[test]
    fn denying_reports_is_not_relaying_them() {
        let all = read("Zakharova denied media reports that the talks had been postponed.");
        assert!(
            all.iter().any(|a| a.1 == "Zakharova" && a.2 == "denied"),
            "{all:#?}"
        );
        // A report of what someone said is relayed by the reporter.
        assert_eq!(
            via("The minister told reporters the border would stay shut, state television reported."),
            [Some("state television".to_string())]
        );
    }

    #[test]
    fn an_accusation_in_the_passive_has_no_source() {
        none("Minister accused of ‘sitting on’ damning review.");
        let (_, s, ..) = one("The union accused the minister of sitting on the review.");
        assert_eq!(s, "The union");
    }

    #[test]
    fn more_cues_and_source_nouns() {
        for (text, cue) in [
            (
                "Observers note that the approach has cast a shadow over the talks.",
                "note",
            ),
            (
                "Dr Mahat also viewed that transparency will be important.",
                "viewed",
            ),
            (
                "The minister revealed that the three countries had agreed to meet.",
                "revealed",
            ),
            (
                "Ukraine's air force said Russia had launched 80 drones.",
                "said",
            ),
            (
                "Beijing slammed the tariffs as “economic bullying”.",
                "slammed",
            ),
            (
                "The embassy lashed out at the report, calling it biased.",
                "lashed out at",
            ),
            (
                "The minister conceded that the talks had stalled.",
                "conceded",
            ),
            ("Protesters demanded that the mayor resign.", "demanded"),
        ] {
            assert_eq!(one(text).2, cue, "{text}");
        }
    }

    #[test]
    fn speaker_labels_in_transcripts_and_headlines() {
        let all = read("Mao Ning: We have noted the reports. We hope all parties will stay calm.");
        assert_eq!(
            (all[0].0.as_str(), all[0].1.as_str(), all[0].2.as_str()),
            ("speaker_label", "Mao Ning", ":")
        );
        // A transcript answer runs to the end of its paragraph and is direct.
        assert_eq!(
            all[0].3,
            "We have noted the reports. We hope all parties will stay calm"
        );
        assert_eq!(all[0].4, QuoteKind::Direct);
        // A headline label is reported speech.
        let (p, s, _, q, k) = one("Kremlin: no date set for a summit with Kyiv");
        assert_eq!(
            (p.as_str(), s.as_str(), q.as_str(), k),
            (
                "speaker_label",
                "Kremlin",
                "no date set for a summit with Kyiv",
                QuoteKind::Indirect
            )
        );
        let (p, s, c, ..) = one("Seoul and Tokyo to expand currency swaps — Lavrov");
        assert_eq!(
            (p.as_str(), s.as_str(), c.as_str()),
            ("headline_source", "Lavrov", "—")
        );
        let (p, s, ..) = one("North Korea fires two missiles toward East Sea: JCS");
        assert_eq!((p.as_str(), s.as_str()), ("headline_source", "JCS"));
        // A one-word first sentence of an answer that goes on along its line.
        let all = read("Helga Lind wrote a novel.\nLind: Twice. I nearly gave up on the book.");
        let label = all.iter().find(|r| r.0 == "speaker_label");
        assert_eq!(
            label.map(|r| r.3.as_str()),
            Some("Twice. I nearly gave up on the book")
        );
        none("Saka: Superb. Ran the defence ragged and scored twice.");
        let all = read("Ann Chen won.\nChen: Exactly. Nobody expected the result.");
        assert!(all.iter().any(|r| r.0 == "speaker_label"));
    }

    #[test]
    fn labels_that_name_nobody() {
        none("Watch: the moment the missile hit the depot");
        none("Updated: August 24, 2025, 6:12 PM");
        // A dateline in capitals is no speaker; the sentence is read as usual.
        let (_, s, ..) = one("ISLAMABAD: The Foreign Office rejected the remarks as baseless.");
        assert_eq!(s, "The Foreign Office");
        // A label must open its line.
        none("The plan had one aim. Kremlin: no date set for a summit");
    }

    #[test]
    fn a_quotation_run_over_paragraphs_belongs_to_the_speaker_after_it() {
        let text = "“The friendship between our countries has grown into an alliance.\n\n\
                    “Whatever happens, we stand with you,” the leader said.";
        let all = read(text);
        assert_eq!(all.len(), 2, "{all:#?}");
        assert_eq!(
            (
                all[0].0.as_str(),
                all[0].1.as_str(),
                all[0].3.as_str(),
                all[0].4
            ),
            (
                "quote_continued",
                "the leader",
                "The friendship between our countries has grown into an alliance",
                QuoteKind::Direct
            )
        );
        // An unclosed quotation before narration stays unattributed.
        none("“The friendship has grown.\n\nThe leader left on Sunday.");
    }

    #[test]
    fn relative_subject_names_the_speaker_before_who() {
        let text = "He met Deputy Prime Minister Denis Manturov, who said after the meeting that a road map was agreed.";
        let (p, s, c, q, _) = one(text);
        assert_eq!(
            (p.as_str(), s.as_str(), c.as_str(), q.as_str()),
            (
                "relative_subject",
                "Deputy Prime Minister Denis Manturov",
                "said",
                "a road map was agreed"
            )
        );
        // Asking not to be named claims nothing.
        none("She spoke to an aide, who asked not to be named because talks are private.");
    }

    #[test]
    fn restrictive_relative_clause_after_the_source() {
        let (_, s, ..) =
            one("A senior official who was present at the talks said the mood was frank.");
        assert_eq!(s, "A senior official who was present at the talks");
        let (_, s, ..) =
            one("“The mood was frank,” a senior official who was present at the talks said.");
        assert_eq!(s, "a senior official");
        // A phrase of time inside the relative is the relative's own.
        let (_, s, ..) =
            one("Observers who were in the room during the talks say the mood was frank.");
        assert_eq!(s, "Observers who were in the room during the talks");
    }

    #[test]
    fn one_of_a_pronoun_is_a_source() {
        let (_, s, ..) = one("One of them, a Gulf delegate, said the talks had stalled.");
        assert_eq!(s, "One of them");
        // The pronoun alone after "of" ends the phrase: no name follows.
        let (_, s, ..) = one("Several of them said the talks had stalled.");
        assert_eq!(s, "Several of them");
    }

    #[test]
    fn asides_with_cues_of_their_own() {
        let text = "One Gulf-based diplomat, who asked not to be named, described the UAE as “a rare channel”.";
        let (_, s, c, ..) = one(text);
        assert_eq!(
            (s.as_str(), c.as_str()),
            ("One Gulf-based diplomat", "described")
        );
        // An aside never swallows the cue: the asides before it are counted back.
        let text = "Russia’s rights commissioner, Tatyana Moskalkova, wrote on Telegram that she had met her counterpart, Dmytro Lubinets, in Minsk.";
        let (_, s, c, ..) = one(text);
        assert_eq!(
            (s.as_str(), c.as_str()),
            ("Russia’s rights commissioner", "wrote")
        );
    }

    #[test]
    fn a_place_after_a_preposition_is_not_the_source() {
        let text = "In Washington, a State Department spokesperson, speaking on condition of anonymity, said talks could resume.";
        let (_, s, ..) = one(text);
        assert_eq!(s, "a State Department spokesperson");
        let (_, s, c, ..) = one("The deal stalled, with experts saying Moscow wanted more.");
        assert_eq!((s.as_str(), c.as_str()), ("experts", "saying"));
    }

    #[test]
    fn trailing_source_with_a_relayed_statement() {
        let text = "Each side released 146 captives, the ministry said in a statement carried by state news agency Wam, adding that the total passed 4,000.";
        let all = read(text);
        assert_eq!(
            (all[0].0.as_str(), all[0].1.as_str(), all[0].3.as_str()),
            (
                "clause_then_source",
                "the ministry",
                "Each side released 146 captives"
            )
        );
    }

    #[test]
    fn according_to_him_and_calling_and_clarifying() {
        let (_, s, ..) = one("According to him, bilateral trade has reached a record level.");
        assert_eq!(s, "him");
        let all = read("Secretary Rai said the deal was based on grants and clarified that it brings no loans.");
        assert_eq!(all.len(), 2, "{all:#?}");
        assert_eq!(
            (all[1].1.as_str(), all[1].2.as_str()),
            ("Secretary Rai", "clarified")
        );
    }

    #[test]
    fn he_and_she_follow_gender_and_narration() {
        // "she" skips a speaker the article marked as a man.
        let text = "Ms Ann Kyle said the fund was gone. Mr Greg Vane said he was innocent. \
                    She said she wanted her money back.";
        assert_eq!(entities(text)[2].0, "Ann Kyle");
        // After a sentence of narration, "he" is the person it names.
        let text = "Mayor Rita Lane said the library would stay open. \
                    The plan was drafted by City Manager Tom Platt. He said the city was short of money.";
        assert_eq!(entities(text)[1].0, "Tom Platt");
        // Right after a quoted speaker, "he" is that speaker.
        let text = "“We will appeal,” said Tom Platt, speaking to Rita Lane. He said the ruling was wrong.";
        assert_eq!(entities(text)[1].0, "Tom Platt");
    }

    #[test]
    fn how_the_source_said_it_is_not_content() {
        let (.., q, _) = one("Mr Dragan denied the allegations in a statement on Friday.");
        assert_eq!(q, "the allegations");
        let (p, _, _, q, _) =
            one("‘I never took it,’ Ms Okoye said in a statement posted on social media.");
        assert_eq!(
            (p.as_str(), q.as_str()),
            ("quote_then_source", "I never took it")
        );
    }

    #[test]
    fn a_state_voiced_by_its_spokesperson_is_one_record() {
        let all = read("China hopes all parties will stay calm, the spokesperson said.");
        assert_eq!(all.len(), 1, "{all:#?}");
        assert_eq!(all[0].1, "the spokesperson");
        // A dateline is the page's, not part of what was said.
        let text = "SEOUL, South Korea (AP) — The North fired two missiles, state media said.";
        let (_, s, _, q, _) = one(text);
        assert_eq!(
            (s.as_str(), q.as_str()),
            ("state media", "The North fired two missiles")
        );
    }

    /// Random tag strings of `len` tags drawn from `alphabet` (repeat a tag to
    /// draw it more often).
    fn tag_strings(
        alphabet: &'static [u8],
        len: std::ops::Range<usize>,
    ) -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::strategy::Strategy;
        proptest::collection::vec(proptest::sample::select(alphabet), len)
            .prop_map(|tags| String::from_utf8(tags).unwrap_or_default())
    }

    // The shortcuts in front of the grammar, held to it on random tag strings.
    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(10_000))]
        /// `may_start` never turns away a token where the grammar finds an
        /// attribution (bar the deliberate narrowing for lowercase words).
        #[test]
        fn may_start_admits_every_match(
            tags in tag_strings(b"RRdPPNJnwhhBBccAA,,,xxdVVZUGQKytSWpeo.O[C]-", 1..14),
        ) {
            let b = tags.as_bytes();
            for i in 0..b.len() {
                if b[i] != b'w' && parse_at(Rule::attribution_here, &tags, i).is_some() {
                    proptest::prop_assert!(may_start(b, i), "{} at {}", tags, i);
                }
            }
        }

        /// The entry rule picked by the first tag finds what the full
        /// `attribution_here` finds, everywhere.
        #[test]
        fn attribution_at_agrees_with_attribution_here(
            tags in tag_strings(b"RRdPPNJnwwhhBBccAA,,,xxdVVZUGQKytSWpeo.O[C]", 1..16),
        ) {
            for i in 0..tags.len() {
                proptest::prop_assert_eq!(
                    attribution_at(&tags, i),
                    parse_at(Rule::attribution_here, &tags, i),
                    "{} at {}", tags, i
                );
            }
        }

        /// A try inside a name run fails wherever the try at its first
        /// name word failed.
        #[test]
        fn a_failed_name_dooms_the_rest_of_its_run(
            tags in tag_strings(b"PPPNNJJnsswwdRxB,,cVVZUGQKtSWpeoh.O[C]()", 2..16),
        ) {
            let b = tags.as_bytes();
            for i in 0..b.len() {
                if attribution_at(&tags, i).is_some() {
                    continue;
                }
                for k in i + 1..b.len() {
                    if same_name_run(b, i, k) {
                        proptest::prop_assert!(attribution_at(&tags, k).is_none(), "{} at {} then {}", tags, i, k);
                    }
                }
            }
        }

        /// `trailer_after_cue` holds wherever the grammar reads a sentence
        /// as content then closing reporting clause.
        #[test]
        fn framed_clause_needs_a_trailer_after_its_cue(
            tags in tag_strings(b"wwPPNJd,,,VVZUUaxpmeosnncytK.SWGOCBh-", 2..14),
        ) {
            if parse_at(Rule::framed_clause, &tags, 0).is_some() {
                proptest::prop_assert!(trailer_after_cue(tags.as_bytes()), "{}", tags);
                proptest::prop_assert!(closing_clause(tags.as_bytes()), "{}", tags);
            }
            let framed = |rule| framings(tags.as_bytes()).any(|r| r == rule);
            for rule in [Rule::framed_quoted_clause, Rule::framed_quoted_says] {
                if parse_at(rule, &tags, 0).is_some() {
                    proptest::prop_assert!(framed(rule), "{:?} {}", rule, tags);
                }
            }
        }
    }

    proptest::proptest! {
        /// The byte scan ends a content where asking pest's `content_stop`
        /// at every token would: its shortcuts agree with the grammar.
        #[test]
        fn content_end_agrees_with_content_stop(
            tags in tag_strings(b",,,ccSSWWPPPNdwwwxxVVZUGAKpRtBeO[C].;--hpp", 1..40),
            from in 0usize..40,
        ) {
            let b = tags.as_bytes();
            let mut i = from.min(b.len());
            let from = i;
            let expected = loop {
                match b.get(i) {
                    None => break i,
                    Some(b'O' | b'[') => i = quote_end(b, i).unwrap_or(i + 1),
                    Some(b'-') => match dash_pair_end(&tags, i) {
                        Some(after) => i = after,
                        None if stops_here(&tags, i) => break i,
                        None => i += 1,
                    },
                    Some(_) if stops_here(&tags, i) => break i,
                    Some(_) => i += 1,
                }
            };
            proptest::prop_assert_eq!(content_end(&tags, from), expected);
        }
    }

    #[test]
    fn things_recalled_and_found_are_no_claims() {
        none("Brewmaster has recalled more than 2.1 million kettles after customers were scalded.");
        let (.., q, _) = one("The minister recalled that the talks had failed twice.");
        assert_eq!(q, "the talks had failed twice");
        // Before its cue the content is no object: a headline keeps its finding.
        let (_, s, c, ..) = one("Extreme heat linked to early birth, large study finds");
        assert_eq!((s.as_str(), c.as_str()), ("large study", "finds"));
        // "issued a warning that …": a gerund after a determiner is a noun.
        none("The agency issued a warning that cases are rising.");
    }

    #[test]
    fn a_relative_clause_after_a_comma_stays_in_the_content() {
        let (.., q, _) = one(
            "The statement said the exercise, in which a carrier took part, was a provocation.",
        );
        assert_eq!(
            q,
            "the exercise, in which a carrier took part, was a provocation"
        );
        // A prepositional phrase after a comma still ends it.
        let (.., q, _) = one("The ministry said the talks failed, in a blow to the plan.");
        assert_eq!(q, "the talks failed");
    }

    #[test]
    fn an_aside_between_cue_and_that() {
        let (.., q, _) = one("The court has said, in terms, that the law binds ministers.");
        assert_eq!(q, "the law binds ministers");
    }

    #[test]
    fn an_of_phrase_of_plain_words_in_a_source() {
        let text =
            "The agency’s head of case management, Dr Luis Ferreira, said the appeal had failed.";
        let (_, s, ..) = one(text);
        assert_eq!(s, "The agency’s head of case management");
        assert_eq!(entities(text)[0].0, "Luis Ferreira");
        // "30,000" is one number: the content does not stop at its comma.
        let (.., q, _) =
            one("It added that the hotline had taken more than 30,000 calls since Monday.");
        assert_eq!(
            q,
            "the hotline had taken more than 30,000 calls since Monday"
        );
    }

    #[test]
    fn more_source_and_cue_shapes_of_wire_copy() {
        // A participle adjective opens a source; a relayed report cites them.
        let (_, s, ..) = one("Unnamed officials told the newspaper that the deal was off.");
        assert_eq!(s, "Unnamed officials");
        assert_eq!(
            via("The strike was planned for weeks, the report said, citing unnamed sources."),
            [Some("the report".to_string())]
        );
        // Any short phrase between the cue and "that".
        let (.., q, _) =
            one("Seoul’s defence ministry said in a text message to reporters that a launch was detected.");
        assert_eq!(q, "a launch was detected");
        // A relative clause with its own verb after the source…
        let (_, s, ..) =
            one("Several lawmakers who attended the briefing said the threat was real.");
        assert_eq!(s, "Several lawmakers who attended the briefing");
        // …but not one with its own subject.
        let all = read("He praised a plan which the forces said was sound.");
        assert!(
            all.iter()
                .all(|a| a.1 != "He praised a plan which the forces"),
            "{all:#?}"
        );
        // An inverted cue needs someone after it: "…, reported the launch" is none.
        none("Yonhap news agency, citing military officials, reported the launch.");
        // Family roles head sources; a participle phrase may precede "that".
        let text = "Kim’s powerful sister, Kim Yo Jong, said in a statement carried by KCNA that the drills were a provocation.";
        let (_, s, _, q, _) = one(text);
        assert_eq!(
            (s.as_str(), q.as_str()),
            ("Kim’s powerful sister", "the drills were a provocation")
        );
        assert_eq!(entities(text)[0].0, "Kim Yo Jong");
        // A role named in an aside is that person.
        let text = "The foreign ministry spokeswoman, Maria Zakharova, said it was a provocation.";
        assert_eq!(entities(text), [("Maria Zakharova".to_string(), "person")]);
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
