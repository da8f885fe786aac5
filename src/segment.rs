//! Paragraphs and sentences.
//!
//! A sentence boundary is a `.`, `!` or `?` (with any closing quotes or
//! brackets after it) followed by white space and something that can start a
//! sentence: a capital, a digit or an opening quote. Three things keep that
//! simple rule from cutting where a reader would not:
//! - abbreviations from the rules (`Mr.`, `U.S.`, `No.`) and initials;
//! - quotations: inside a quotation that closes in the same paragraph no
//!   boundary is taken, so a multi-sentence quote stays with the attribution
//!   that follows it; a quotation mark that never closes is ignored;
//! - ellipses (`...`, `…`) followed by a lowercase word.
//!
//! Sentences are capped at [`MAX_SENTENCE_BYTES`], so a megabyte paragraph with
//! no punctuation costs linear time downstream.

use crate::lexer::Lexicon;
use crate::model::Span;

/// Longer sentences are cut at a space: attributions are far shorter.
pub const MAX_SENTENCE_BYTES: usize = 2000;

/// Joins content lines into paragraphs: a line that ends mid-sentence and is
/// followed by one starting in lowercase was wrapped, not broken.
pub fn paragraphs(text: &str, lines: &[Span]) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::with_capacity(lines.len());
    for &line in lines {
        if let Some(last) = out.last_mut() {
            let prev = last.slice(text);
            let ends_open = prev
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == ',');
            let starts_lower = line
                .slice(text)
                .chars()
                .next()
                .is_some_and(char::is_lowercase);
            let adjacent = text.get(last.end..line.start).is_some_and(|gap| {
                gap.chars().all(char::is_whitespace) && gap.matches('\n').count() == 1
            });
            if ends_open && starts_lower && adjacent {
                last.end = line.end;
                continue;
            }
        }
        out.push(line);
    }
    out
}

/// Splits one paragraph into sentences.
///
/// Only stops and double quotation marks matter here, and both are rare, so
/// they are found with `memchr` (many bytes at a time) rather than by
/// decoding every character; quotes are read first, as their pairing is
/// needed before the stops.
pub fn sentences(text: &str, paragraph: Span, lex: &Lexicon) -> Vec<Span> {
    let p = paragraph.slice(text);
    let base = paragraph.start;
    let quotes = quote_marks(p);
    let (closing, single_closers) = quote_closings(p, &quotes, quote_runs_on(text, paragraph.end));
    // Offsets are asked in increasing order and `closing` is sorted, so a
    // cursor replaces a search of the whole list.
    let mut next_closing = 0;
    let mut closes = |i: usize| {
        while closing.get(next_closing).is_some_and(|&o| o < i) {
            next_closing += 1;
        }
        closing.get(next_closing) == Some(&i)
    };
    let mut out = Vec::new();
    let mut start = 0;
    let mut depth = 0usize; // open quotations that will close in this paragraph
    let mut q = 0; // next quotation mark in `quotes`
    for i in memchr::memchr3_iter(b'.', b'!', b'?', p.as_bytes()) {
        // The quotation marks before this stop, in order.
        while let Some(&(j, c)) = quotes.get(q).filter(|&&(j, _)| j < i) {
            match c {
                '“' | '«' | '‘' if closes(j) => depth += 1,
                '”' | '»' => depth = depth.saturating_sub(1),
                '’' if single_closers.binary_search(&j).is_ok() => {
                    depth = depth.saturating_sub(1);
                }
                '"' => {
                    if closes(j) {
                        depth += 1;
                    } else {
                        depth = depth.saturating_sub(1);
                    }
                }
                _ => {}
            }
            q += 1;
        }
        let mut end = i + 1;
        let mut d = depth;
        // Closing marks that belong to this sentence.
        while let Some(c2) = p.get(end..).and_then(|r| r.chars().next()) {
            if matches!(c2, '”' | '"' | '’' | '\'' | ')' | ']' | '»') {
                if matches!(c2, '”' | '"' | '»')
                    || c2 == '’' && single_closers.binary_search(&end).is_ok()
                {
                    d = d.saturating_sub(1);
                }
                end += c2.len_utf8();
            } else {
                break;
            }
        }
        // The marks just read belong to the stop, not to the loop above.
        while quotes.get(q).is_some_and(|&(j, _)| j < end) {
            q += 1;
        }
        depth = d;
        if depth == 0 && is_boundary(p, start, i, end, lex) {
            push_sentence(p, base, start, end, &mut out);
            start = end;
        }
    }
    push_sentence(p, base, start, p.len(), &mut out);
    out
}

/// The quotation marks of `p` with their byte offsets: double marks
/// (straight, curly, guillemets), curly single opening marks, and the curly
/// single closing marks that may close a quotation rather than stand for an
/// apostrophe (see [`may_close_single`]). 0xE2 and 0xC2 lead the curly
/// quotes and guillemets.
fn quote_marks(p: &str) -> Vec<(usize, char)> {
    memchr::memchr3_iter(b'"', 0xE2, 0xC2, p.as_bytes())
        .filter_map(|i| {
            let c = p.get(i..)?.chars().next()?;
            let mark = match c {
                '"' | '“' | '”' | '«' | '»' => true,
                '‘' => may_open_single(p, i),
                '’' => may_close_single(p, i),
                _ => false,
            };
            mark.then_some((i, c))
        })
        .collect()
}

/// Whether the ‘ at byte `at` of `p` may open a quotation: not an
/// elision mark ("the ‘90s", "rock ‘n’ roll"; "‘2024 was …" opens one).
fn may_open_single(p: &str, at: usize) -> bool {
    let rest = &p[at + '‘'.len_utf8()..];
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let decade = digits > 0 && rest[digits..].starts_with('s');
    !decade && !rest.starts_with("n’")
}

/// Whether the ’ at byte `at` of `p` may close a quotation in single marks
/// (British usage: ‘We are sorry. It was hard,’ she said): after
/// punctuation; after a word, before punctuation, the end, or a space and
/// a word that is not lowercase ("‘It is over. We lost’ Smith said").
/// Inside a word ("don’t"), before a lowercase word ("the students’
/// union") or after a plural's s before a name ("The Beatles’ Paul
/// McCartney") it is an apostrophe.
fn may_close_single(p: &str, at: usize) -> bool {
    let rest = &p[at + '’'.len_utf8()..];
    let before = p[..at].chars().next_back();
    let after_punctuation =
        before.is_some_and(|c| matches!(c, '.' | ',' | '!' | '?' | ';' | ':' | '…'));
    match rest.chars().next() {
        Some(c) if c.is_alphanumeric() => false,
        _ if after_punctuation => true,
        None => true,
        Some(c) if c.is_whitespace() => {
            !before.is_some_and(|b| matches!(b, 's' | 'S'))
                && !rest.trim_start().starts_with(char::is_lowercase)
        }
        Some(c) => matches!(c, ',' | '.' | ';' | ':' | '!' | '?' | ')'),
    }
}

/// Whether a quotation still open at `end`, a paragraph's end, runs on
/// into the next paragraph. Copy that quotes a speaker over several
/// paragraphs closes no mark at the breaks and opens each paragraph with
/// one: `“Q1.¶“Q2,” she said.`
pub fn quote_runs_on(text: &str, end: usize) -> bool {
    let rest = text.get(end..).unwrap_or_default();
    let next = rest.trim_start();
    rest[..rest.len() - next.len()].contains('\n') && next.starts_with(['“', '"', '«'])
}

/// Whether the quotation mark at byte `at` of `p` opens a speaker's words
/// that may run on: at the start of the paragraph or of a sentence, or
/// after a colon or comma ("He said: “…", "said, “…"), not a stray mark
/// mid-sentence ("called the plan “unworkable", the inch mark of `6.1"`).
/// The lexer asks the same of the sentence's tokens.
fn opens_run_on(p: &str, at: usize) -> bool {
    p[..at]
        .trim_end()
        .chars()
        .next_back()
        .is_none_or(|c| matches!(c, ':' | ',' | '.' | '!' | '?'))
        && p[at..].chars().nth(1).is_some_and(|c| !c.is_whitespace())
}

/// Byte offsets of the opening quotation marks that have a closing partner
/// later in the paragraph (straight quotes alternate), or that `run_on`
/// closes at its end: the first double mark still open, if it opens a
/// run-on. Second, the offsets of the single closing marks that close one.
fn quote_closings(p: &str, quotes: &[(usize, char)], run_on: bool) -> (Vec<usize>, Vec<usize>) {
    let mut stack = Vec::new();
    let mut singles = Vec::new();
    let mut opens = Vec::new();
    let mut single_closers = Vec::new();
    let mut straight_open: Option<usize> = None;
    for &(i, c) in quotes {
        match c {
            '‘' => singles.push(i),
            '’' => {
                if let Some(o) = singles.pop() {
                    opens.push(o);
                    single_closers.push(i);
                }
            }
            '“' | '«' => stack.push(i),
            // A straight mark may open what a curly one closes: "… ”.
            '”' | '»' => {
                if let Some(o) = stack.pop().or_else(|| straight_open.take()) {
                    opens.push(o);
                }
            }
            '"' => match straight_open.take() {
                Some(o) => opens.push(o),
                None => straight_open = Some(i),
            },
            _ => {}
        }
    }
    if run_on {
        let first = stack.first().into_iter().chain(&straight_open).min();
        opens.extend(first.filter(|&&o| opens_run_on(p, o)));
    }
    opens.sort_unstable();
    (opens, single_closers)
}

fn is_boundary(p: &str, start: usize, stop: usize, end: usize, lex: &Lexicon) -> bool {
    let before = &p[start..stop];
    let after = &p[end..];
    let Some(next) = after.trim_start().chars().next() else {
        return true;
    };
    if !after.starts_with(char::is_whitespace) {
        return false;
    }
    if &p[stop..stop + 1] == "." {
        let word_start = before
            .rfind(|c: char| c.is_whitespace() || c == '(' || c == '“' || c == '"')
            .map_or(0, |k| {
                k + before[k..].chars().next().map_or(1, char::len_utf8)
            });
        let word = &before[word_start..];
        let with_dot = &p[start + word_start..stop + 1];
        let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
        // "… in Sacramento, Calif. The mayor said …": after an
        // abbreviation a determiner or pronoun still opens a sentence.
        let next_word = after.split_whitespace().next().unwrap_or("");
        let abbreviated = lex.is_abbreviation(with_dot) || initial || word.ends_with('.');
        if abbreviated && !lex.opens_clause(next_word.trim_end_matches([',', '.'])) {
            return false;
        }
    }
    // "“Will they stand with Tehran?” Bates asked.": a question or
    // exclamation closed by its quote, then only its reporting clause.
    let quoted_question =
        matches!(&p[stop..stop + 1], "?" | "!") && p[stop + 1..end].contains(['”', '"', '»']);
    if quoted_question && reporting_clause_only(after, lex) {
        return false;
    }
    next.is_uppercase()
        || next.is_ascii_digit()
        || matches!(next, '“' | '"' | '‘' | '\'' | '(' | '[' | '«' | '•' | '#')
        || !next.is_alphabetic() && !next.is_ascii_punctuation()
}

/// True if `after` opens with a short clause that only reports — a
/// lowercase cue verb first or last among at most six words ("Bates
/// asked.", "asked the minister.") — and then ends.
fn reporting_clause_only(after: &str, lex: &Lexicon) -> bool {
    let Some(stop) = after.find(['.', '!', '?']) else {
        return false;
    };
    let clause = &after[..stop];
    if clause.len() > 80 || clause.contains(['“', '”', '"', ',', ':', ';']) {
        return false;
    }
    let reports = |w: &str| w.starts_with(|c: char| c.is_lowercase()) && lex.is_cue_verb(w);
    let mut words = clause.split_whitespace();
    (2..=6).contains(&words.clone().count())
        && (words.next().is_some_and(reports) || words.next_back().is_some_and(reports))
}

fn push_sentence(p: &str, base: usize, start: usize, end: usize, out: &mut Vec<Span>) {
    let mut s = start;
    while s < end {
        let piece = &p[s..end];
        let lead = piece.len() - piece.trim_start().len();
        let body = piece.trim();
        if body.is_empty() {
            return;
        }
        let from = s + lead;
        if body.len() <= MAX_SENTENCE_BYTES {
            out.push(Span::new(base + from, base + from + body.len()));
            return;
        }
        // Cut an over-long run at the last space before the cap.
        let mut cut = from + MAX_SENTENCE_BYTES;
        while !p.is_char_boundary(cut) {
            cut -= 1;
        }
        let cut = p[from..cut].rfind(' ').map_or(cut, |k| from + k + 1);
        out.push(Span::new(base + from, base + cut));
        s = cut;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rules;

    fn split(text: &str) -> Vec<String> {
        let lex = Lexicon::new(&Rules::builtin());
        sentences(text, Span::new(0, text.len()), &lex)
            .iter()
            .map(|s| s.slice(text).to_string())
            .collect()
    }

    #[test]
    fn splits_on_stops_before_capitals() {
        assert_eq!(split("Kim left. Wang came."), ["Kim left.", "Wang came."]);
    }

    #[test]
    fn keeps_abbreviations_and_initials() {
        assert_eq!(
            split("Mr. Wang met the U.S. envoy. J. Smith said so."),
            ["Mr. Wang met the U.S. envoy.", "J. Smith said so."]
        );
    }

    #[test]
    fn keeps_quoted_sentences_with_their_attribution() {
        let t = "“We won. We will win again,” he said. Then he left.";
        assert_eq!(
            split(t),
            ["“We won. We will win again,” he said.", "Then he left."]
        );
    }

    #[test]
    fn a_quoted_question_keeps_its_reporting_clause() {
        let t = "“Will they stand with Tehran?” Bates asked. Nobody answered.";
        assert_eq!(
            split(t),
            [
                "“Will they stand with Tehran?” Bates asked.",
                "Nobody answered."
            ]
        );
        let t = "“Stop!” shouted the officer on duty. He ran.";
        assert_eq!(
            split(t),
            ["“Stop!” shouted the officer on duty.", "He ran."]
        );
        // A new sentence that is not only a reporting clause stands alone.
        let t = "“Is it over?” Officials said no. He left.";
        assert_eq!(
            split(t),
            ["“Is it over?”", "Officials said no.", "He left."]
        );
        let t = "“Why?” The minister said the plan had failed.";
        assert_eq!(
            split(t),
            ["“Why?”", "The minister said the plan had failed."]
        );
        let t = "“Is it legal?” Read the full report.";
        assert_eq!(split(t), ["“Is it legal?”", "Read the full report."]);
        let t = "Was it legal? (He asked.) Nobody knew.";
        assert_eq!(split(t), ["Was it legal?", "(He asked.)", "Nobody knew."]);
    }

    #[test]
    fn closing_quote_after_stop_ends_sentence() {
        let t = "He said “we won.” Then he left.";
        assert_eq!(split(t), ["He said “we won.”", "Then he left."]);
    }

    #[test]
    fn a_straight_opening_quote_may_close_curly() {
        let t = "He said: \"It is shameful. The law is gone!” Then he left.";
        assert_eq!(
            split(t),
            [
                "He said: \"It is shameful. The law is gone!”",
                "Then he left."
            ]
        );
        // Straight quotes still pair with each other first.
        let t = "He said \"no.\" Then he left. She said “yes.”";
        assert_eq!(
            split(t),
            ["He said \"no.\"", "Then he left.", "She said “yes.”"]
        );
    }

    #[test]
    fn keeps_quotations_in_single_marks_whole() {
        let t = "A spokesman said: ‘We are sorry. It was hard.’ Then he left.";
        assert_eq!(
            split(t),
            [
                "A spokesman said: ‘We are sorry. It was hard.’",
                "Then he left."
            ]
        );
        let t = "‘We won. We will win again,’ he said. Then he left.";
        assert_eq!(
            split(t),
            ["‘We won. We will win again,’ he said.", "Then he left."]
        );
        // A word may close one before a name or a dash; a year may open one.
        let t = "‘It is over. We lost’ Smith said. He left.";
        assert_eq!(split(t), ["‘It is over. We lost’ Smith said.", "He left."]);
        let t = "‘2024 was good. We grew,’ she said. He left.";
        assert_eq!(
            split(t),
            ["‘2024 was good. We grew,’ she said.", "He left."]
        );
        // Apostrophes close nothing: in a word, after a plural before a
        // lowercase word, or with no opening mark.
        let t = "The students’ union met. It didn’t vote. Russia’s envoy left.";
        assert_eq!(
            split(t),
            [
                "The students’ union met.",
                "It didn’t vote.",
                "Russia’s envoy left."
            ]
        );
        let t = "He called it ‘absurd. The Smiths’ house was sold.";
        assert_eq!(
            split(t),
            ["He called it ‘absurd.", "The Smiths’ house was sold."]
        );
        let t = "It was rock ‘n’ roll. The Beatles’ Paul McCartney played.";
        assert_eq!(
            split(t),
            [
                "It was rock ‘n’ roll.",
                "The Beatles’ Paul McCartney played."
            ]
        );
        let t = "In the ‘90s, it was small. Its founders’ Irish roots are known.";
        assert_eq!(
            split(t),
            [
                "In the ‘90s, it was small.",
                "Its founders’ Irish roots are known."
            ]
        );
    }

    #[test]
    fn unclosed_quote_does_not_swallow_the_paragraph() {
        let t = "He said “we won. Then he left.";
        assert_eq!(split(t), ["He said “we won.", "Then he left."]);
    }

    #[test]
    fn ellipsis_before_lowercase_is_not_a_boundary() {
        assert_eq!(
            split("The focus is to... deepen ties."),
            ["The focus is to... deepen ties."]
        );
    }

    #[test]
    fn lowercase_after_stop_is_not_a_boundary() {
        assert_eq!(
            split("in Australia. approval.” he said."),
            ["in Australia. approval.” he said."]
        );
    }

    #[test]
    fn over_long_sentences_are_cut() {
        let t = "word ".repeat(2000);
        let parts = split(&t);
        assert!(parts.len() >= 5);
        assert!(parts.iter().all(|p| p.len() <= MAX_SENTENCE_BYTES));
    }

    #[test]
    fn wrapped_lines_join_into_one_paragraph() {
        let t = "The minister said\nthat talks went well.\nNew paragraph.";
        let lines = [Span::new(0, 17), Span::new(18, 39), Span::new(40, 54)];
        let paras = paragraphs(t, &lines);
        assert_eq!(paras.len(), 2);
        assert_eq!(
            paras[0].slice(t),
            "The minister said\nthat talks went well."
        );
    }
}
