//! Canonical values for the times and quantities that news text states.
//!
//! Comparing claims across outlets means comparing what they *say*, not how
//! they word it. One article writes "Running from Monday to Thursday", another
//! "stay in Russia for four days"; one writes "December last year", another
//! "December 2022"; one says "more than 10,000 troops", another "10,000". A
//! string comparison sees nothing in common. This module turns such phrases
//! into canonical values that can be compared directly:
//!
//! * [`time`] finds time expressions and gives each a TIMEX3-style value
//!   (`"2023-09-18"`, `"2022-12"`, `"P4D"`, `"2023-W38"`), resolving relative
//!   expressions ("on Sunday", "last year", "the 18th") against the article's
//!   **publication date**, never against today. Offsets from another event
//!   ("two days after talks in Malta") keep the other event's text as an anchor.
//! * [`number`] finds quantities and gives each a value, a tolerance band
//!   from its hedging ("about", "more than", "tens of millions") and a unit,
//!   so that [`number::compatible`] can tell whether two reports can both be true.
//!
//! Both recognisers are hand-written scanners over a shared word tokenizer:
//! each position looks ahead a bounded number of tokens, so they run in time
//! linear in the input. Every span is a byte range into the input, and
//! `&text[span.0..span.1] == expr.text` always holds.

pub mod number;
pub mod time;

pub use number::{compatible, find_quantities, Approx, Quantity};
pub use time::{find_times, TimeExpr, TimeKind, TimeValue};

/// What kind of token the scanner saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokKind {
    /// Starts with a letter, then letters and digits ("Monday", "G20").
    Word,
    /// Starts with an ASCII digit; may hold thousands commas and one decimal
    /// point ("10,000", "1.5").
    Num,
    /// Any other single non-space character.
    Punct,
}

/// One token with its byte range and a lowercased form for matching.
#[derive(Debug, Clone)]
pub(crate) struct Token {
    pub kind: TokKind,
    pub start: usize,
    pub end: usize,
    /// Lowercased text; curly quotes are folded to `'`/`"` and dashes to `-`.
    pub lower: String,
    /// First character is uppercase.
    pub cap: bool,
    /// A line break lies between the previous token and this one.
    pub nl_before: bool,
}

impl Token {
    pub fn is(&self, w: &str) -> bool {
        self.lower == w
    }
    pub fn is_any(&self, ws: &[&str]) -> bool {
        ws.iter().any(|w| self.lower == *w)
    }
    pub fn is_word(&self) -> bool {
        self.kind == TokKind::Word
    }
    pub fn is_num(&self) -> bool {
        self.kind == TokKind::Num
    }
    pub fn is_punct(&self) -> bool {
        self.kind == TokKind::Punct
    }
    /// Numeric value of a `Num` token (commas dropped).
    pub fn num_value(&self) -> Option<f64> {
        if self.kind != TokKind::Num {
            return None;
        }
        let clean: String = self.lower.chars().filter(|c| *c != ',').collect();
        clean.parse::<f64>().ok()
    }
    /// A plain integer with no commas or decimal point, and its digit count.
    pub fn plain_int(&self) -> Option<(u32, usize)> {
        if self.kind != TokKind::Num || self.lower.len() > 9 {
            return None;
        }
        if !self.lower.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        self.lower
            .parse::<u32>()
            .ok()
            .map(|v| (v, self.lower.len()))
    }
}

fn fold_char(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{02BC}' => '\'',
        '\u{201C}' | '\u{201D}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' => '-',
        _ => c,
    }
}

/// Split text into words, numbers and single punctuation characters.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut toks = Vec::new();
    let mut it = text.char_indices().peekable();
    let mut nl = false;
    while let Some((start, c)) = it.next() {
        if c.is_whitespace() {
            if c == '\n' || c == '\r' {
                nl = true;
            }
            continue;
        }
        let (kind, end) = if c.is_ascii_digit() {
            let mut end = start + 1;
            while end < bytes.len() && bytes[end].is_ascii_digit() {
                end += 1;
            }
            // Thousands groups: a comma followed by exactly three digits.
            loop {
                let three = end + 4 <= bytes.len()
                    && bytes[end] == b','
                    && bytes[end + 1..end + 4].iter().all(u8::is_ascii_digit);
                let fourth = bytes.get(end + 4).is_some_and(u8::is_ascii_digit);
                if three && !fourth {
                    end += 4;
                } else {
                    break;
                }
            }
            if end + 1 < bytes.len() && bytes[end] == b'.' && bytes[end + 1].is_ascii_digit() {
                end += 1;
                while end < bytes.len() && bytes[end].is_ascii_digit() {
                    end += 1;
                }
            }
            (TokKind::Num, end)
        } else if c.is_alphabetic() {
            let mut end = start + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if d.is_alphanumeric() {
                    end = j + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            (TokKind::Word, end)
        } else {
            (TokKind::Punct, start + c.len_utf8())
        };
        // Skip the iterator past a number we consumed by bytes (all ASCII).
        if kind == TokKind::Num {
            while let Some(&(j, _)) = it.peek() {
                if j < end {
                    it.next();
                } else {
                    break;
                }
            }
        }
        let slice = &text[start..end];
        let lower = match kind {
            TokKind::Punct => fold_char(c).to_string(),
            _ => slice.to_lowercase(),
        };
        toks.push(Token {
            kind,
            start,
            end,
            lower,
            cap: c.is_uppercase(),
            nl_before: nl,
        });
        nl = false;
    }
    toks
}

/// `toks[i]` is immediately followed by `toks[i + 1]` with no space between.
pub(crate) fn adjacent(toks: &[Token], i: usize) -> bool {
    match (toks.get(i), toks.get(i + 1)) {
        (Some(a), Some(b)) => a.end == b.start,
        _ => false,
    }
}

/// Words that commonly introduce a time expression.
pub(crate) const TIME_PREPS: &[&str] = &[
    "in",
    "since",
    "until",
    "till",
    "by",
    "during",
    "from",
    "of",
    "early",
    "late",
    "mid",
    "last",
    "next",
    "this",
    "before",
    "after",
    "through",
    "to",
    "between",
    "on",
    "around",
    "throughout",
];

/// Is the number at `i` a year standing alone ("in 2022", "Russia's 2022
/// invasion")? Four digits in 1900..=2100, not money, not followed by a
/// magnitude or percent, not hedged like a count ("about 2000"), and not
/// followed by a plural noun ("2000 troops").
pub(crate) fn is_year_at(toks: &[Token], i: usize) -> bool {
    let Some((v, 4)) = toks[i].plain_int() else {
        return false;
    };
    if !(1900..=2100).contains(&v) {
        return false;
    }
    if i > 0 {
        let p = &toks[i - 1];
        if p.is_any(&[
            "$", "£", "€", "¥", "about", "around", "some", "nearly", "almost", "than",
        ]) {
            return false;
        }
        // Part of "10-2000" style ranges or identifiers like "B-2000".
        if p.is("-") && adjacent(toks, i - 1) {
            return false;
        }
    }
    if let Some(n) = toks.get(i + 1) {
        if n.is_any(&[
            "%", "per", "percent", "million", "billion", "thousand", "bn", "m", "k",
        ]) {
            return false;
        }
        if n.is_word() && !n.cap && adjacent(toks, i) {
            // "2000s" is a decade, other suffixes are units ("2000km").
            return false;
        }
        if n.is_word() && !n.cap && n.lower.ends_with('s') && !n.lower.ends_with("ss") {
            return false;
        }
    }
    true
}

/// Sentence-ish boundary: end punctuation or a line break.
pub(crate) fn is_boundary(toks: &[Token], i: usize) -> bool {
    toks[i].is_any(&[".", "!", "?", ";"]) || toks[i].nl_before
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizer_keeps_spans_and_groups() {
        let text = "More than 10,000 troops, $1.5m; Sept. 18 — Monday’s B-52";
        let toks = tokenize(text);
        for t in &toks {
            assert!(text.get(t.start..t.end).is_some());
        }
        let words: Vec<&str> = toks.iter().map(|t| &text[t.start..t.end]).collect();
        assert!(words.contains(&"10,000"));
        assert!(words.contains(&"1.5"));
        assert!(words.contains(&"Monday"));
        assert!(toks.iter().any(|t| t.lower == "'"));
    }

    #[test]
    fn tokenizer_does_not_group_list_commas() {
        let toks = tokenize("1,2,3 and 1,0000");
        assert_eq!(toks[0].lower, "1");
        assert!(toks.iter().all(|t| t.lower != "1,000"));
    }

    proptest::proptest! {
        #[test]
        fn spans_hold_on_any_input(s in "\\PC{0,80}|[0-9a-zA-Z ,.$%’-]{0,80}") {
            let p = jiff::civil::Date::new(2023, 9, 18).ok();
            for t in find_times(&s, p) {
                proptest::prop_assert_eq!(s.get(t.span.0..t.span.1), Some(t.text.as_str()));
            }
            for q in find_quantities(&s) {
                proptest::prop_assert_eq!(s.get(q.span.0..q.span.1), Some(q.text.as_str()));
                proptest::prop_assert!(q.low <= q.high || q.low.is_nan() || q.high.is_nan());
            }
        }
    }

    #[test]
    fn year_predicate() {
        let t = tokenize("in 2022 the 2022 invasion sent 2000 troops about 2000 $2000");
        let years: Vec<usize> = (0..t.len()).filter(|&i| is_year_at(&t, i)).collect();
        assert_eq!(years.len(), 2);
    }
}
