//! Time expressions with TIMEX3-style values, resolved against the article's
//! publication date.
//!
//! Conventions (TIMEX3, as in TimeML):
//! * prepositions are outside the span ("on **Sunday**"), modifiers and
//!   determiners inside ("**last March**", "**the 18th**", "**early summer**");
//! * dates are `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, ISO weeks `YYYY-Www`, seasons
//!   `YYYY-SP|SU|FA|WI` (winter is labelled by the year its December falls
//!   in), decades `199`, parts of day `YYYY-MM-DDTMO|TAF|TEV|TNI`;
//! * durations are `P4D`, `P2Y`, `PT6H`, with `X` for an unstated count
//!   (`PXD` for "days", "several days").
//!
//! Resolution rules, all against the publication date `P`, never today:
//! * a bare weekday ("on Sunday", "Monday's meeting") is the most recent such
//!   day on or before `P`, unless the sentence before it has a future cue
//!   ("will", "would", "expected", "scheduled", "until", ...), when it is the
//!   first such day on or after `P`. "last Monday" is strictly before `P`,
//!   "next/coming Monday" strictly after, "this Monday" in `P`'s ISO week.
//!   "Monday to Thursday" resolves the end to the first Thursday on or after
//!   the start and carries the inclusive day count (`P4D`).
//! * "the 18th" is the 18th of `P`'s month, or of the month before when that
//!   would fall more than three days after `P`.
//! * a month without a year ("in March") follows the weekday rule at month
//!   granularity: the most recent such month up to `P`'s month, or the next
//!   one from `P`'s month on when the sentence has a future cue. "last March"
//!   is the most recent March strictly before `P`'s month, "next March" the
//!   first strictly after, "this March" and "March this year" in `P`'s year.
//! * a day and month without a year ("Sept. 18") take whichever of the years
//!   around `P` puts the date closest to `P`.
//! * seasons ("early summer") take `P`'s year; "last/next summer" the one
//!   before/after the season `P` falls in.
//! * "N hours ago" gives the day range the event can fall in, since `P` has
//!   no time of day: "6 hours ago" is the interval `P-1 .. P`.
//!
//! Without a publication date, everything that needs one is still found but
//! has [`TimeValue::Unresolved`]; explicit dates, years and durations resolve.
//!
//! "two days after talks in Malta" is [`TimeValue::Anchored`]: the other
//! event's text is kept as the anchor and the offset is signed in the sense
//! of the sentence (the main event is two days *after* the anchor: `+P2D`).
//! Its span covers the anchor, and time expressions inside the anchor are
//! also reported on their own.

use jiff::civil::Date;
use jiff::Span;
use serde::{Deserialize, Serialize};

use super::number::parse_number;
use super::{adjacent, is_boundary, is_year_at, tokenize, Token, TIME_PREPS};

/// A canonical time value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum TimeValue {
    /// TIMEX3 date value: "2023-09-18", "2023-09", "2022", "2023-W38", "2024-SU".
    Date(String),
    /// TIMEX3 duration value: "P4D", "P2Y", "PT6H", "PXD".
    Duration(String),
    /// A stretch between two dates, with its length when known.
    Interval {
        start: String,
        end: String,
        duration: Option<String>,
    },
    /// An offset from another event named in the text.
    Anchored {
        /// Text of the other event ("talks in Malta"); empty when the text
        /// names none ("two days later").
        anchor: String,
        /// Signed TIMEX3 duration: "+P2D" (after the anchor), "-P1D" (before).
        offset: String,
    },
    /// Recognised, but the value needs a publication date that was not given
    /// (or the arithmetic fell outside the calendar).
    Unresolved,
}

/// What kind of expression was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TimeKind {
    /// A point or period on the calendar: "Sunday", "last March", "2022".
    Date,
    /// A length of time: "four days", "a three-day visit".
    Duration,
    /// A range between two dates: "Monday to Thursday", "6 hours ago".
    Interval,
    /// A repetition: "every Monday", "weekly".
    Set,
    /// An offset from another event: "two days after talks in Malta".
    Relative,
}

/// One time expression found in text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeExpr {
    /// Byte offsets into the input; `text == input[span.0..span.1]`.
    pub span: (usize, usize),
    pub text: String,
    pub value: TimeValue,
    pub kind: TimeKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Fortnight,
    Month,
    Year,
    Decade,
    Century,
}

fn unit_of(w: &str) -> Option<(Unit, bool)> {
    let u = match w {
        "seconds" => (Unit::Second, true),
        "minute" => (Unit::Minute, false),
        "minutes" => (Unit::Minute, true),
        "hour" => (Unit::Hour, false),
        "hours" => (Unit::Hour, true),
        "day" => (Unit::Day, false),
        "days" => (Unit::Day, true),
        "week" => (Unit::Week, false),
        "weeks" => (Unit::Week, true),
        "fortnight" => (Unit::Fortnight, false),
        "fortnights" => (Unit::Fortnight, true),
        "month" => (Unit::Month, false),
        "months" => (Unit::Month, true),
        "year" => (Unit::Year, false),
        "years" => (Unit::Year, true),
        "decade" => (Unit::Decade, false),
        "decades" => (Unit::Decade, true),
        "century" => (Unit::Century, false),
        "centuries" => (Unit::Century, true),
        _ => return None,
    };
    Some(u)
}

fn fmt_count(n: Option<f64>) -> String {
    match n {
        None => "X".into(),
        Some(v) if v.fract() == 0.0 && v.abs() < 1e15 => format!("{}", v as i64),
        Some(v) => format!("{v}"),
    }
}

/// TIMEX3 duration for a count of units ("P4D", "PT6H", "PXY").
fn duration(n: Option<f64>, unit: Unit) -> String {
    let (n, unit) = match (unit, n) {
        (Unit::Fortnight, Some(v)) => (Some(v * 2.0), Unit::Week),
        (Unit::Fortnight, None) => (None, Unit::Week),
        _ => (n, unit),
    };
    let c = fmt_count(n);
    match unit {
        Unit::Second => format!("PT{c}S"),
        Unit::Minute => format!("PT{c}M"),
        Unit::Hour => format!("PT{c}H"),
        Unit::Day => format!("P{c}D"),
        Unit::Week | Unit::Fortnight => format!("P{c}W"),
        Unit::Month => format!("P{c}M"),
        Unit::Year => format!("P{c}Y"),
        Unit::Decade => format!("P{c}DE"),
        Unit::Century => format!("P{c}CE"),
    }
}

fn weekday_of(w: &str) -> Option<i8> {
    let d = match w {
        "monday" => 1,
        "tuesday" => 2,
        "wednesday" => 3,
        "thursday" => 4,
        "friday" => 5,
        "saturday" => 6,
        "sunday" => 7,
        _ => return None,
    };
    Some(d)
}

/// Month number, whether the word is ambiguous on its own ("May", "March",
/// "August"), and whether it is an abbreviation. Must be capitalised.
fn month_of(t: &Token) -> Option<(i8, bool, bool)> {
    if !t.cap || !t.is_word() {
        return None;
    }
    let m = match t.lower.as_str() {
        "january" => (1, false, false),
        "february" => (2, false, false),
        "march" => (3, true, false),
        "april" => (4, false, false),
        "may" => (5, true, false),
        "june" => (6, false, false),
        "july" => (7, false, false),
        "august" => (8, true, false),
        "september" => (9, false, false),
        "october" => (10, false, false),
        "november" => (11, false, false),
        "december" => (12, false, false),
        "jan" => (1, true, true),
        "feb" => (2, true, true),
        "mar" => (3, true, true),
        "apr" => (4, true, true),
        "jun" => (6, true, true),
        "jul" => (7, true, true),
        "aug" => (8, true, true),
        "sep" | "sept" => (9, true, true),
        "oct" => (10, true, true),
        "nov" => (11, true, true),
        "dec" => (12, true, true),
        _ => return None,
    };
    Some(m)
}

/// Newspaper-title words: "Sunday Times" is a paper, not a day.
const TITLE_WORDS: &[&str] = &[
    "times",
    "telegraph",
    "mirror",
    "express",
    "herald",
    "post",
    "mail",
    "people",
    "star",
    "tribune",
    "independent",
    "observer",
    "sport",
    "world",
    "night",
    "school",
    "league",
    "service",
    "edition",
    "magazine",
    "review",
    "journal",
];

/// Nouns after an ordinal that make it not a day of the month.
const ORDINAL_NOUNS: &[&str] = &[
    "century",
    "centuries",
    "anniversary",
    "birthday",
    "time",
    "times",
    "floor",
    "place",
    "minute",
    "round",
    "amendment",
    "edition",
    "congress",
    "party",
    "day",
    "week",
    "month",
    "year",
    "term",
    "session",
    "straight",
    "consecutive",
    "largest",
    "biggest",
    "most",
];

/// Words in the sentence before an expression that point to the future.
const FUTURE_CUES: &[&str] = &[
    "will",
    "shall",
    "ll",
    "would",
    "plans",
    "plan",
    "planned",
    "planning",
    "scheduled",
    "due",
    "expected",
    "expects",
    "upcoming",
    "until",
    "till",
    "next",
    "coming",
    "later",
];

/// Words that end the text of an anchor event.
const ANCHOR_STOP: &[&str] = &[
    "with",
    "when",
    "where",
    "which",
    "who",
    "that",
    "while",
    "and",
    "but",
    "as",
    "because",
    "since",
    "amid",
    "despite",
    "for",
    "on",
    "at",
    "after",
    "before",
    "until",
    "said",
    "says",
    "according",
    "than",
    "then",
];

fn fmt_date(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

fn fmt_ym(idx: i32) -> Option<String> {
    let y = idx.div_euclid(12);
    let m = idx.rem_euclid(12) + 1;
    (0..=9999).contains(&y).then(|| format!("{y:04}-{m:02}"))
}

fn fmt_year(y: i32) -> Option<String> {
    (0..=9999).contains(&y).then(|| format!("{y:04}"))
}

fn fmt_week(d: Date) -> String {
    let w = d.iso_week_date();
    format!("{:04}-W{:02}", w.year(), w.week())
}

fn add_days(d: Date, n: i64) -> Option<Date> {
    d.checked_add(Span::new().try_days(n).ok()?).ok()
}

fn ym_index(d: Date) -> i32 {
    i32::from(d.year()) * 12 + i32::from(d.month()) - 1
}

fn date_of(y: i32, m: i8, day: i8) -> Option<Date> {
    let y = i16::try_from(y).ok()?;
    Date::new(y, m, day).ok()
}

fn day_of_week(d: Date) -> i8 {
    d.weekday().to_monday_one_offset()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dir {
    OnOrBefore,
    OnOrAfter,
    Before,
    After,
    SameWeek,
}

fn resolve_weekday(p: Date, wd: i8, dir: Dir) -> Option<Date> {
    let pw = day_of_week(p);
    let back = i64::from((pw - wd).rem_euclid(7));
    let fwd = i64::from((wd - pw).rem_euclid(7));
    let delta = match dir {
        Dir::OnOrBefore => -back,
        Dir::Before => -(if back == 0 { 7 } else { back }),
        Dir::OnOrAfter => fwd,
        Dir::After => {
            if fwd == 0 {
                7
            } else {
                fwd
            }
        }
        Dir::SameWeek => i64::from(wd - pw),
    };
    add_days(p, delta)
}

/// Found expression, in token indices.
#[derive(Debug, Clone)]
struct Hit {
    start: usize,
    end: usize,
    value: TimeValue,
    kind: TimeKind,
    /// Where scanning continues (inside an anchor), if not at `end`.
    resume: Option<usize>,
}

impl Hit {
    fn new(start: usize, end: usize, value: TimeValue, kind: TimeKind) -> Self {
        Hit {
            start,
            end,
            value,
            kind,
            resume: None,
        }
    }
}

fn date_value(v: Option<String>) -> TimeValue {
    v.map_or(TimeValue::Unresolved, TimeValue::Date)
}

struct Scanner<'a> {
    text: &'a str,
    toks: &'a [Token],
    p: Option<Date>,
}

/// Find every time expression in `text`, resolving relative ones against the
/// publication date `published` (see the module docs for the rules).
pub fn find_times(text: &str, published: Option<Date>) -> Vec<TimeExpr> {
    let toks = tokenize(text);
    let sc = Scanner {
        text,
        toks: &toks,
        p: published,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let Some(hit) = sc.match_at(i) else {
            i += 1;
            continue;
        };
        let hit = sc.join_interval(hit);
        let span = (toks[hit.start].start, toks[hit.end - 1].end);
        out.push(TimeExpr {
            span,
            text: text[span.0..span.1].to_string(),
            value: hit.value,
            kind: hit.kind,
        });
        i = hit.resume.unwrap_or(hit.end).max(i + 1);
    }
    out
}

impl Scanner<'_> {
    fn tok(&self, i: usize) -> Option<&Token> {
        self.toks.get(i)
    }

    fn is(&self, i: usize, w: &str) -> bool {
        self.tok(i).is_some_and(|t| t.is(w))
    }

    fn is_any(&self, i: usize, ws: &[&str]) -> bool {
        self.tok(i).is_some_and(|t| t.is_any(ws))
    }

    fn prev_is_any(&self, i: usize, ws: &[&str]) -> bool {
        i > 0 && self.toks[i - 1].is_any(ws)
    }

    /// Future cue among the dozen tokens before `i`, within the sentence.
    fn future_cue(&self, i: usize) -> bool {
        let lo = i.saturating_sub(12);
        let mut k = i;
        while k > lo {
            k -= 1;
            if self.toks[k].is_any(FUTURE_CUES) {
                return true;
            }
            if is_boundary(self.toks, k) {
                return false;
            }
        }
        false
    }

    fn match_at(&self, i: usize) -> Option<Hit> {
        let t = &self.toks[i];
        if t.is_punct() && !t.is("(") {
            return None;
        }
        self.counted(i)
            .or_else(|| self.iso_date(i))
            .or_else(|| self.ordinal_day(i))
            .or_else(|| self.day_month(i, i))
            .or_else(|| self.weekday(i))
            .or_else(|| self.month(i))
            .or_else(|| self.season(i))
            .or_else(|| self.deictic(i))
            .or_else(|| self.set(i))
            .or_else(|| self.year(i))
    }

    /// "Monday to Thursday" is handled by `weekday`; here any other two
    /// dates of the same granularity joined by "to"/"until"/"-" or
    /// "between .. and ..".
    fn join_interval(&self, hit: Hit) -> Hit {
        let TimeValue::Date(ref a) = hit.value else {
            return hit;
        };
        if hit.kind != TimeKind::Date || hit.resume.is_some() {
            return hit;
        }
        let between = hit.start > 0 && self.toks[hit.start - 1].is("between");
        let joined = self.is_any(hit.end, &["to", "through", "thru", "until", "till", "-"])
            || (between && self.is(hit.end, "and"));
        if !joined || hit.end + 1 >= self.toks.len() {
            return hit;
        }
        let Some(other) = self.match_at(hit.end + 1) else {
            return hit;
        };
        let TimeValue::Date(ref b) = other.value else {
            return hit;
        };
        if other.kind != TimeKind::Date
            || other.start != hit.end + 1
            || a.len() != b.len()
            || a.as_str() > b.as_str()
        {
            return hit;
        }
        let duration = match a.len() {
            10 => day_count(a, b).map(|n| format!("P{n}D")),
            7 => month_count(a, b).map(|n| format!("P{n}M")),
            4 => match (a.parse::<i32>(), b.parse::<i32>()) {
                (Ok(x), Ok(y)) => Some(format!("P{}Y", y - x + 1)),
                _ => None,
            },
            _ => None,
        };
        Hit::new(
            hit.start,
            other.end,
            TimeValue::Interval {
                start: a.clone(),
                end: b.clone(),
                duration,
            },
            TimeKind::Interval,
        )
    }

    // ---- counted units: durations, "N days ago", "N days after X" ----

    /// A count and a unit: "four days", "a day", "several weeks", "3-day",
    /// or a bare unit ("days", "day"). Returns (count, unit, plural, end,
    /// bare, hyphenated).
    fn count_unit(&self, i: usize) -> Option<(Option<f64>, Unit, usize, bool, bool)> {
        let t = self.tok(i)?;
        if let Some((u, _)) = unit_of(&t.lower) {
            return Some((None, u, i + 1, true, false));
        }
        let (n, j) =
            if t.is_any(&["several", "few", "many"]) || (t.is("a") && self.is(i + 1, "few")) {
                let j = if t.is("a") { i + 2 } else { i + 1 };
                let (u, plural) = unit_of(&self.tok(j)?.lower)?;
                return plural.then_some((None, u, j + 1, false, false));
            } else if t.is_any(&["a", "an"]) {
                if self.is(i + 1, "couple") && self.is(i + 2, "of") {
                    (Some(2.0), i + 3)
                } else {
                    (Some(1.0), i + 1)
                }
            } else {
                if t.is_num() && is_year_at(self.toks, i) {
                    return None;
                }
                let np = parse_number(self.toks, i)?;
                (Some(np.value), np.end)
            };
        let u = self.tok(j)?;
        if let Some((unit, _)) = unit_of(&u.lower) {
            return Some((n, unit, j + 1, false, false));
        }
        // "three-day visit", "24-hour"; not "four-year-old".
        if u.is("-") && adjacent(self.toks, j - 1) && adjacent(self.toks, j) {
            let (unit, plural) = unit_of(&self.tok(j + 1)?.lower)?;
            let old = self.is(j + 2, "-") && self.is(j + 3, "old");
            if !plural && !old && !t.is_any(&["a", "an"]) {
                return Some((n, unit, j + 2, false, true));
            }
        }
        None
    }

    fn counted(&self, i: usize) -> Option<Hit> {
        let (n, unit, end, bare, hyphen) = self.count_unit(i)?;
        let next = self.tok(end);
        let sign = if hyphen {
            None
        } else if self.is_any(end, &["after", "later"]) {
            Some('+')
        } else if self.is_any(end, &["before", "earlier"])
            || (self.is(end, "prior") && self.is(end + 1, "to"))
            || (self.is(end, "ahead") && self.is(end + 1, "of"))
        {
            Some('-')
        } else {
            None
        };
        if let Some(sign) = sign {
            let plural_bare = bare && unit_of(&self.toks[i].lower).is_some_and(|(_, p)| p);
            if bare && !plural_bare && self.prev_is_any(i, &["same", "every", "each", "one"]) {
                return None;
            }
            // A bare singular unit ("day after") counts one.
            let n = if bare && !plural_bare { Some(1.0) } else { n };
            let kw = end;
            let kw_end = if self.is_any(kw, &["prior", "ahead"]) {
                kw + 2
            } else {
                kw + 1
            };
            let later = self.is_any(kw, &["later", "earlier"]);
            let (anchor, a_end) = if later {
                (String::new(), kw_end)
            } else {
                self.anchor(kw_end)
            };
            let offset = format!("{sign}{}", duration(n, unit));
            let mut hit = Hit::new(
                i,
                a_end,
                TimeValue::Anchored { anchor, offset },
                TimeKind::Relative,
            );
            if a_end > kw_end {
                hit.resume = Some(kw_end);
            }
            return Some(hit);
        }
        if next.is_some_and(|t| t.is("ago")) && !bare {
            return Some(self.ago(i, end + 1, n, unit));
        }
        if bare {
            // Bare plural units are durations only after "for"/"recent".
            let plural = unit_of(&self.toks[i].lower).is_some_and(|(_, p)| p);
            if !(plural && self.prev_is_any(i, &["for", "recent"])) {
                return None;
            }
            // "recent months" keeps its modifier; "for" stays outside.
            if self.prev_is_any(i, &["recent"]) {
                return Some(Hit::new(
                    i - 1,
                    end,
                    TimeValue::Duration(duration(n, unit)),
                    TimeKind::Duration,
                ));
            }
        }
        Some(Hit::new(
            i,
            end,
            TimeValue::Duration(duration(n, unit)),
            TimeKind::Duration,
        ))
    }

    /// The other event's text after "after"/"before": up to a dozen tokens,
    /// stopping at punctuation, a line break or a clause word.
    fn anchor(&self, k: usize) -> (String, usize) {
        let mut e = k;
        while e < self.toks.len() && e < k + 12 {
            let t = &self.toks[e];
            if e > k && t.nl_before {
                break;
            }
            if t.is_word() {
                if t.is_any(ANCHOR_STOP) {
                    break;
                }
            } else if t.is_num() {
                // keep going
            } else if e > k && t.is_any(&["'", "-"]) && adjacent(self.toks, e - 1) {
                // possessive or hyphenated name: "Korea’s", "Jong-un"
            } else {
                break;
            }
            e += 1;
        }
        // Do not end on a connective or a dangling apostrophe/hyphen.
        while e > k && self.toks[e - 1].is_any(&["of", "the", "a", "an", "to", "in", "'", "-"]) {
            e -= 1;
        }
        if e == k {
            return (String::new(), k);
        }
        let (s, t) = (self.toks[k].start, self.toks[e - 1].end);
        (self.text.get(s..t).unwrap_or_default().to_string(), e)
    }

    fn ago(&self, i: usize, end: usize, n: Option<f64>, unit: Unit) -> Hit {
        let un = |k| Hit::new(i, end, TimeValue::Unresolved, k);
        let (Some(p), Some(n)) = (self.p, n) else {
            return un(TimeKind::Date);
        };
        if !(0.0..=1e6).contains(&n) {
            return un(TimeKind::Date);
        }
        let whole = n.fract() == 0.0;
        let ni = n as i64;
        let date = |v: Option<String>| Hit::new(i, end, date_value(v), TimeKind::Date);
        match unit {
            Unit::Day if whole => date(add_days(p, -ni).map(fmt_date)),
            Unit::Week if whole => date(add_days(p, -7 * ni).map(fmt_week)),
            Unit::Fortnight if whole => date(add_days(p, -14 * ni).map(fmt_week)),
            Unit::Month if whole => date(fmt_ym(ym_index(p) - ni as i32)),
            Unit::Year if whole => date(fmt_year(i32::from(p.year()) - ni as i32)),
            Unit::Decade if whole => date(fmt_year(i32::from(p.year()) - 10 * ni as i32)),
            Unit::Hour | Unit::Minute | Unit::Second => {
                let hours = match unit {
                    Unit::Hour => n,
                    Unit::Minute => n / 60.0,
                    _ => n / 3600.0,
                };
                // The event lies in [P 00:00 - h, P 24:00 - h).
                let lo = (-hours / 24.0).floor() as i64;
                let hi = ((24.0 - hours) / 24.0).ceil() as i64 - 1;
                match (add_days(p, lo), add_days(p, hi)) {
                    (Some(a), Some(_)) if lo == hi => date(Some(fmt_date(a))),
                    (Some(a), Some(b)) => Hit::new(
                        i,
                        end,
                        TimeValue::Interval {
                            start: fmt_date(a),
                            end: fmt_date(b),
                            duration: None,
                        },
                        TimeKind::Interval,
                    ),
                    _ => un(TimeKind::Date),
                }
            }
            _ => un(TimeKind::Date),
        }
    }

    // ---- explicit dates ----

    /// 2023-09-18 or 2023-09.
    fn iso_date(&self, i: usize) -> Option<Hit> {
        let (y, 4) = self.tok(i)?.plain_int()? else {
            return None;
        };
        let toks = self.toks;
        if !(self.is(i + 1, "-") && adjacent(toks, i) && adjacent(toks, i + 1)) {
            return None;
        }
        let (m, 2) = self.tok(i + 2)?.plain_int()? else {
            return None;
        };
        let m = i8::try_from(m).ok().filter(|m| (1..=12).contains(m))?;
        if self.is(i + 3, "-") && adjacent(toks, i + 2) && adjacent(toks, i + 3) {
            if let Some((d, 2)) = self.tok(i + 4).and_then(Token::plain_int) {
                let d = i8::try_from(d).ok()?;
                let date = date_of(i32::try_from(y).ok()?, m, d)?;
                return Some(Hit::new(
                    i,
                    i + 5,
                    TimeValue::Date(fmt_date(date)),
                    TimeKind::Date,
                ));
            }
        }
        Some(Hit::new(
            i,
            i + 3,
            TimeValue::Date(format!("{y:04}-{m:02}")),
            TimeKind::Date,
        ))
    }

    /// A day number 1..=31 at `i`, with an optional ordinal suffix.
    /// Returns (day, end, had_suffix).
    fn day_num(&self, i: usize) -> Option<(i8, usize, bool)> {
        let (d, digits) = self.tok(i)?.plain_int()?;
        if digits > 2 || !(1..=31).contains(&d) {
            return None;
        }
        let d = i8::try_from(d).ok()?;
        if adjacent(self.toks, i) && self.is_any(i + 1, &["st", "nd", "rd", "th"]) {
            return Some((d, i + 2, true));
        }
        if adjacent(self.toks, i) && self.tok(i + 1).is_some_and(|t| t.is_word()) {
            return None; // "18km"
        }
        Some((d, i + 1, false))
    }

    /// A 4-digit year at `i`, optionally after a comma: (year, end).
    fn year_after(&self, i: usize) -> Option<(i32, usize)> {
        let j = if self.is(i, ",") { i + 1 } else { i };
        let (y, 4) = self.tok(j)?.plain_int()? else {
            return None;
        };
        if adjacent(self.toks, j) && self.tok(j + 1).is_some_and(|t| t.is_word()) {
            return None;
        }
        (1000..=2999)
            .contains(&y)
            .then(|| (i32::try_from(y).ok(), j + 1))
            .and_then(|(y, e)| y.map(|y| (y, e)))
    }

    /// "last year" / "this year" / "next year" (optionally "of ..."):
    /// the year offset and end.
    fn rel_year_after(&self, i: usize) -> Option<(i32, usize)> {
        let j = if self.is(i, "of") { i + 1 } else { i };
        if !self.is(j + 1, "year") {
            return None;
        }
        let off = match self.tok(j)?.lower.as_str() {
            "last" => -1,
            "this" => 0,
            "next" => 1,
            _ => return None,
        };
        Some((off, j + 2))
    }

    /// Year for a day and month given with no year: the one closest to P.
    fn closest_year(&self, m: i8, d: i8) -> Option<Date> {
        let p = self.p?;
        let y = i32::from(p.year());
        (y - 1..=y + 1)
            .filter_map(|yy| date_of(yy, m, d))
            .min_by_key(|c| {
                let days = (c.since(p).ok()).map_or(i64::MAX, |s| i64::from(s.get_days()));
                days.abs()
            })
    }

    /// Finish a day-month date: year explicit, relative, or closest to P.
    fn finish_dm(&self, start: usize, after: usize, m: i8, d: i8) -> Option<Hit> {
        if let Some((y, e)) = self.year_after(after) {
            let date = date_of(y, m, d)?;
            return Some(Hit::new(
                start,
                e,
                TimeValue::Date(fmt_date(date)),
                TimeKind::Date,
            ));
        }
        if let Some((off, e)) = self.rel_year_after(after) {
            let v = self
                .p
                .and_then(|p| date_of(i32::from(p.year()) + off, m, d))
                .map(fmt_date);
            return Some(Hit::new(start, e, date_value(v), TimeKind::Date));
        }
        let v = self.closest_year(m, d).map(fmt_date);
        Some(Hit::new(start, after, date_value(v), TimeKind::Date))
    }

    /// "18 September 2023", "18th of September", "the 18th of Sept.".
    /// `start` is where the span begins (a "the" before the number).
    fn day_month(&self, start: usize, i: usize) -> Option<Hit> {
        let (d, j, _) = self.day_num(i)?;
        let k = if self.is(j, "of") { j + 1 } else { j };
        let (m, _, abbrev) = month_of(self.tok(k)?)?;
        let mut after = k + 1;
        if abbrev && self.is(after, ".") && adjacent(self.toks, k) {
            after += 1;
        }
        self.finish_dm(start, after, m, d)
    }

    /// "the 18th", "on the 18th", "(18th)".
    fn ordinal_day(&self, i: usize) -> Option<Hit> {
        let open = self.is(i, "(");
        if !(open || self.is(i, "the")) {
            return None;
        }
        let (d, end, suffix) = self.day_num(i + 1)?;
        if !suffix {
            return None;
        }
        if !open {
            if let Some(h) = self.day_month(i, i + 1) {
                return Some(h);
            }
        }
        let start = if open { i + 1 } else { i };
        if open {
            if !self.is(end, ")") {
                return None;
            }
        } else if let Some(n) = self.tok(end) {
            if n.is_word() {
                let on = self.prev_is_any(i, &["on"]);
                if !on || n.is_any(ORDINAL_NOUNS) || month_of(n).is_some() {
                    return None;
                }
            }
        }
        let v = self.p.and_then(|p| {
            let this = date_of(i32::from(p.year()), p.month(), d);
            let late = this.is_none_or(|c| add_days(p, 3).is_some_and(|lim| c > lim));
            if late {
                let prev = ym_index(p) - 1;
                date_of(prev.div_euclid(12), (prev.rem_euclid(12) + 1) as i8, d)
            } else {
                this
            }
        });
        Some(Hit::new(
            start,
            end,
            date_value(v.map(fmt_date)),
            TimeKind::Date,
        ))
    }

    // ---- weekdays ----

    fn weekday(&self, i: usize) -> Option<Hit> {
        let modifier = self
            .tok(i)
            .filter(|t| t.is_any(&["last", "next", "this", "coming"]))
            .map(|t| t.lower.as_str());
        let w = if modifier.is_some() { i + 1 } else { i };
        let wd = weekday_of(&self.tok(w)?.lower)?;
        // "Sunday Times", "Monday Night Football".
        if self
            .tok(w + 1)
            .is_some_and(|n| n.cap && n.is_any(TITLE_WORDS) && !n.nl_before)
        {
            return None;
        }
        // "Monday, September 18" / "Monday 18 September": the date wins.
        let d_at = if self.is(w + 1, ",") { w + 2 } else { w + 1 };
        if let Some(h) = self.day_month(i, d_at).or_else(|| self.month_day(i, d_at)) {
            return Some(h);
        }
        let dir = match modifier {
            Some("last") => Dir::Before,
            Some("next") | Some("coming") => Dir::After,
            Some(_) => Dir::SameWeek,
            None if self.future_cue(i) || self.prev_is_any(i, &["until", "till", "by"]) => {
                Dir::OnOrAfter
            }
            None => Dir::OnOrBefore,
        };
        let start = self.p.and_then(|p| resolve_weekday(p, wd, dir));
        // "Monday to Thursday", "between Monday and Thursday".
        let between = self.prev_is_any(i, &["between"]);
        let joined = self.is_any(w + 1, &["to", "through", "thru", "until", "till", "-"])
            || (between && self.is(w + 1, "and"));
        if joined {
            if let Some(wd2) = self.tok(w + 2).and_then(|t| weekday_of(&t.lower)) {
                let mut n = i64::from((wd2 - wd).rem_euclid(7));
                if n == 0 {
                    n = 7;
                }
                let value = match start.and_then(|s| Some((s, add_days(s, n)?))) {
                    Some((s, e)) => TimeValue::Interval {
                        start: fmt_date(s),
                        end: fmt_date(e),
                        duration: Some(format!("P{}D", n + 1)),
                    },
                    None => TimeValue::Unresolved,
                };
                return Some(Hit::new(i, w + 3, value, TimeKind::Interval));
            }
        }
        // Parts of a day: "Monday morning".
        Some(Hit::new(
            i,
            w + 1,
            date_value(start.map(fmt_date)),
            TimeKind::Date,
        ))
    }

    // ---- months ----

    /// "September 18", "Sept. 18, 2023", "September 18th".
    fn month_day(&self, start: usize, k: usize) -> Option<Hit> {
        let (m, _, abbrev) = month_of(self.tok(k)?)?;
        let mut j = k + 1;
        if abbrev && self.is(j, ".") && adjacent(self.toks, k) {
            j += 1;
        }
        let (d, after, _) = self.day_num(j)?;
        // "May 5:30" or "March 3-day" are not dates.
        if self.is_any(after, &[":", "-"]) && adjacent(self.toks, after - 1) {
            return None;
        }
        self.finish_dm(start, after, m, d)
    }

    fn month(&self, i: usize) -> Option<Hit> {
        let mut k = i;
        let mut modifier = None;
        if let Some(t) = self.tok(i) {
            if t.is_any(&["last", "next", "this", "coming", "early", "late", "mid"]) {
                modifier = Some(t.lower.as_str());
                k = i + 1;
                if t.is("mid") && self.is(k, "-") && adjacent(self.toks, i) {
                    k += 1;
                }
            }
        }
        let (m, ambiguous, abbrev) = month_of(self.tok(k)?)?;
        if let Some(h) = self.month_day(i, k) {
            return Some(h);
        }
        let mut after = k + 1;
        if abbrev && self.is(after, ".") && adjacent(self.toks, k) {
            after += 1;
        }
        if let Some((y, e)) = self.year_after(after) {
            let v = fmt_ym(y * 12 + i32::from(m) - 1);
            return Some(Hit::new(i, e, date_value(v), TimeKind::Date));
        }
        if let Some((off, e)) = self.rel_year_after(after) {
            let v = self
                .p
                .and_then(|p| fmt_ym((i32::from(p.year()) + off) * 12 + i32::from(m) - 1));
            return Some(Hit::new(i, e, date_value(v), TimeKind::Date));
        }
        // A month on its own needs some support when it could be a word or
        // a name: "Russia may be", "March on", "April Smith".
        let supported = modifier.is_some() || self.prev_is_any(k, TIME_PREPS);
        if abbrev && !supported {
            return None;
        }
        if !supported && (ambiguous || self.tok(after).is_some_and(|n| n.cap && n.is_word())) {
            return None;
        }
        let Some(p) = self.p else {
            return Some(Hit::new(i, after, TimeValue::Unresolved, TimeKind::Date));
        };
        let pi = ym_index(p);
        let py = i32::from(p.year());
        let m0 = i32::from(m) - 1;
        let at_or_before = py * 12 + m0 - if m0 > pi.rem_euclid(12) { 12 } else { 0 };
        let at_or_after = py * 12 + m0 + if m0 < pi.rem_euclid(12) { 12 } else { 0 };
        let idx = match modifier {
            Some("last") => {
                if at_or_before == pi {
                    pi - 12
                } else {
                    at_or_before
                }
            }
            Some("next") | Some("coming") => {
                if at_or_after == pi {
                    pi + 12
                } else {
                    at_or_after
                }
            }
            Some("this") => py * 12 + m0,
            _ if self.future_cue(i) => at_or_after,
            _ => at_or_before,
        };
        Some(Hit::new(i, after, date_value(fmt_ym(idx)), TimeKind::Date))
    }

    // ---- seasons ----

    fn season(&self, i: usize) -> Option<Hit> {
        let mut k = i;
        let mut modifier = None;
        if let Some(t) = self.tok(i) {
            if t.is_any(&["last", "next", "this", "early", "late", "mid"]) {
                modifier = Some(t.lower.as_str());
                k = i + 1;
                if t.is("mid") && self.is(k, "-") && adjacent(self.toks, i) {
                    k += 1;
                }
            }
        }
        let (code, start_month) = match self.tok(k)?.lower.as_str() {
            "spring" => ("SP", 3),
            "summer" => ("SU", 6),
            "autumn" | "fall" => ("FA", 9),
            "winter" => ("WI", 12),
            _ => return None,
        };
        let after = k + 1;
        let label = |y: i32| fmt_year(y).map(|y| format!("{y}-{code}"));
        if let Some((y, e)) = self.year_after(after) {
            return Some(Hit::new(i, e, date_value(label(y)), TimeKind::Date));
        }
        if let Some((off, e)) = self.rel_year_after(after) {
            let v = self.p.and_then(|p| label(i32::from(p.year()) + off));
            return Some(Hit::new(i, e, date_value(v), TimeKind::Date));
        }
        let is_fall = self.is(k, "fall");
        let strong = matches!(modifier, Some("last" | "next" | "this"));
        if is_fall && !strong {
            return None;
        }
        if modifier.is_none() && !self.prev_is_any(k, TIME_PREPS) && !self.prev_is_any(k, &["the"])
        {
            return None;
        }
        let Some(p) = self.p else {
            return Some(Hit::new(i, after, TimeValue::Unresolved, TimeKind::Date));
        };
        let py = i32::from(p.year());
        let pm = i32::from(p.month());
        // Start (as a month index) of the season P falls in.
        let cur_start = match pm {
            1 | 2 => (py - 1) * 12 + 11,
            3..=5 => py * 12 + 2,
            6..=8 => py * 12 + 5,
            9..=11 => py * 12 + 8,
            _ => py * 12 + 11,
        };
        let s_of = |y: i32| y * 12 + start_month - 1;
        let y = match modifier {
            Some("last") => (py - 2..=py).rev().find(|&y| s_of(y) < cur_start),
            Some("next") => (py..=py + 1).find(|&y| s_of(y) > cur_start),
            _ if code == "WI" && pm <= 2 => Some(py - 1),
            _ => Some(py),
        };
        Some(Hit::new(
            i,
            after,
            date_value(y.and_then(label)),
            TimeKind::Date,
        ))
    }

    // ---- today, last week, earlier this month ----

    fn deictic(&self, i: usize) -> Option<Hit> {
        let t = self.tok(i)?;
        let p = self.p;
        let day = |off: i64, suffix: &str| {
            p.and_then(|p| add_days(p, off))
                .map(|d| format!("{}{suffix}", fmt_date(d)))
        };
        let simple = match t.lower.as_str() {
            "today" => Some(day(0, "")),
            "yesterday" => Some(day(-1, "")),
            "tomorrow" => Some(day(1, "")),
            "tonight" => Some(day(0, "TNI")),
            _ => None,
        };
        if let Some(v) = simple {
            return Some(Hit::new(i, i + 1, date_value(v), TimeKind::Date));
        }
        // Optional "earlier"/"later"/"early"/"late" before "this month".
        let mut k = i;
        if t.is_any(&["earlier", "later", "early", "late"]) {
            k += 1;
        }
        let rel = self.tok(k)?;
        let off: i64 = match rel.lower.as_str() {
            "last" => -1,
            "this" => 0,
            "next" | "coming" => 1,
            _ => return None,
        };
        let unit = self.tok(k + 1)?;
        let end = k + 2;
        let v = match unit.lower.as_str() {
            "week" => p.and_then(|p| add_days(p, 7 * off)).map(fmt_week),
            "weekend" => p
                .and_then(|p| add_days(p, 7 * off))
                .map(|d| format!("{}-WE", fmt_week(d))),
            "month" => p.and_then(|p| fmt_ym(ym_index(p) + off as i32)),
            "year" => p.and_then(|p| fmt_year(i32::from(p.year()) + off as i32)),
            "morning" | "afternoon" | "evening" | "night" if off <= 0 && k == i => {
                let part = match unit.lower.as_str() {
                    "morning" => "TMO",
                    "afternoon" => "TAF",
                    "evening" => "TEV",
                    _ => "TNI",
                };
                if off == -1 && unit.lower != "night" {
                    return None; // "last morning" is not an expression
                }
                day(off, part)
            }
            _ => return None,
        };
        Some(Hit::new(i, end, date_value(v), TimeKind::Date))
    }

    // ---- sets ----

    fn set(&self, i: usize) -> Option<Hit> {
        let t = self.tok(i)?;
        let adverb = match t.lower.as_str() {
            "daily" => Some("P1D"),
            "weekly" => Some("P1W"),
            "monthly" => Some("P1M"),
            "annually" | "yearly" => Some("P1Y"),
            _ => None,
        };
        if let Some(v) = adverb {
            // "China Daily" is a paper.
            if t.cap && i > 0 && self.toks[i - 1].cap {
                return None;
            }
            return Some(Hit::new(
                i,
                i + 1,
                TimeValue::Duration(v.into()),
                TimeKind::Set,
            ));
        }
        if !t.is_any(&["every", "each"]) {
            return None;
        }
        if let Some(wd) = self.tok(i + 1).and_then(|w| weekday_of(&w.lower)) {
            return Some(Hit::new(
                i,
                i + 2,
                TimeValue::Date(format!("XXXX-WXX-{wd}")),
                TimeKind::Set,
            ));
        }
        if let Some((unit, false)) = self.tok(i + 1).and_then(|w| unit_of(&w.lower)) {
            return Some(Hit::new(
                i,
                i + 2,
                TimeValue::Duration(duration(Some(1.0), unit)),
                TimeKind::Set,
            ));
        }
        let (n, unit, end, bare, _) = self.count_unit(i + 1)?;
        if bare || n.is_none() {
            return None;
        }
        Some(Hit::new(
            i,
            end,
            TimeValue::Duration(duration(n, unit)),
            TimeKind::Set,
        ))
    }

    // ---- years and decades ----

    fn year(&self, i: usize) -> Option<Hit> {
        let t = self.tok(i)?;
        let (y, 4) = t.plain_int()? else {
            return None;
        };
        // "the 1990s"
        if y % 10 == 0
            && (1000..=2999).contains(&y)
            && adjacent(self.toks, i)
            && self.is(i + 1, "s")
        {
            return Some(Hit::new(
                i,
                i + 2,
                TimeValue::Date(format!("{}", y / 10)),
                TimeKind::Date,
            ));
        }
        if !is_year_at(self.toks, i) {
            return None;
        }
        Some(Hit::new(
            i,
            i + 1,
            TimeValue::Date(format!("{y:04}")),
            TimeKind::Date,
        ))
    }
}

fn parse_ymd(s: &str) -> Option<Date> {
    let y = s.get(0..4)?.parse::<i16>().ok()?;
    let m = s.get(5..7)?.parse::<i8>().ok()?;
    let d = s.get(8..10)?.parse::<i8>().ok()?;
    Date::new(y, m, d).ok()
}

fn day_count(a: &str, b: &str) -> Option<i64> {
    let (a, b) = (parse_ymd(a)?, parse_ymd(b)?);
    let span = b.since(a).ok()?;
    Some(i64::from(span.get_days()) + 1)
}

fn month_count(a: &str, b: &str) -> Option<i32> {
    let ym = |s: &str| -> Option<i32> {
        Some(s.get(0..4)?.parse::<i32>().ok()? * 12 + s.get(5..7)?.parse::<i32>().ok()?)
    };
    Some(ym(b)? - ym(a)? + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().expect("test date")
    }

    /// All expressions, checking the span invariant.
    fn times(text: &str, published: &str) -> Vec<TimeExpr> {
        let out = find_times(text, Some(d(published)));
        for t in &out {
            assert_eq!(&text[t.span.0..t.span.1], t.text);
        }
        out
    }

    fn one(text: &str, published: &str) -> TimeExpr {
        let out = times(text, published);
        assert_eq!(out.len(), 1, "{text:?} gave {out:?}");
        out.into_iter().next().expect("one")
    }

    fn date(v: &str) -> TimeValue {
        TimeValue::Date(v.into())
    }

    fn dur(v: &str) -> TimeValue {
        TimeValue::Duration(v.into())
    }

    // ---- weekdays (2023-09-18 is a Monday) ----

    #[test]
    fn on_sunday_is_most_recent_before_publication_monday_2023_09_18() {
        let t = one(
            "Mr Kim left Russia on Sunday after a farewell",
            "2023-09-18",
        );
        assert_eq!(t.text, "Sunday");
        assert_eq!(t.value, date("2023-09-17"));
        assert_eq!(t.kind, TimeKind::Date);
    }

    #[test]
    fn same_weekday_as_publication_is_that_day_2025_07_13() {
        // 2025-07-13 is a Sunday.
        let t = one("Wang told Lavrov on Sunday that", "2025-07-13");
        assert_eq!(t.value, date("2025-07-13"));
        let t = one("a defence exercise on Friday.", "2025-07-13");
        assert_eq!(t.value, date("2025-07-11"));
    }

    #[test]
    fn possessive_weekday_2024_02_27() {
        let t = one("Monday’s meeting came", "2024-02-27");
        assert_eq!(t.text, "Monday");
        assert_eq!(t.value, date("2024-02-26"));
    }

    #[test]
    fn next_last_this_weekday_2023_09_18() {
        assert_eq!(one("next Monday", "2023-09-18").value, date("2023-09-25"));
        assert_eq!(one("last Monday", "2023-09-18").value, date("2023-09-11"));
        assert_eq!(one("this Friday", "2023-09-18").value, date("2023-09-22"));
        assert_eq!(one("next Monday", "2023-09-18").text, "next Monday");
    }

    #[test]
    fn future_cue_moves_weekday_forward_2023_09_18() {
        let t = one("will be in Russia until Thursday for talks", "2023-09-18");
        assert_eq!(t.value, date("2023-09-21"));
        let t = one("He will meet Lavrov on Wednesday.", "2023-09-18");
        assert_eq!(t.value, date("2023-09-20"));
        // The cue does not cross a sentence end.
        let t = one("He will go. Kim left on Wednesday.", "2023-09-18");
        assert_eq!(t.value, date("2023-09-13"));
    }

    #[test]
    fn weekday_interval_2023_09_18() {
        let t = one("Running from Monday to Thursday, the visit", "2023-09-18");
        assert_eq!(t.text, "Monday to Thursday");
        assert_eq!(t.kind, TimeKind::Interval);
        assert_eq!(
            t.value,
            TimeValue::Interval {
                start: "2023-09-18".into(),
                end: "2023-09-21".into(),
                duration: Some("P4D".into()),
            }
        );
        let t = one("between Friday and Sunday", "2023-09-18");
        assert_eq!(
            t.value,
            TimeValue::Interval {
                start: "2023-09-15".into(),
                end: "2023-09-17".into(),
                duration: Some("P3D".into()),
            }
        );
    }

    #[test]
    fn sunday_times_is_a_newspaper() {
        assert!(times("told the Sunday Times that", "2023-09-18").is_empty());
    }

    #[test]
    fn weekday_with_date_takes_the_date() {
        let t = one("on Monday, September 18, 2023 he", "2023-09-20");
        assert_eq!(t.value, date("2023-09-18"));
        assert_eq!(t.text, "Monday, September 18, 2023");
    }

    // ---- the 18th (publication 2023-09-19) ----

    #[test]
    fn on_the_18th_2023_09_19() {
        let t = one("visited Russia on the 18th (local time).", "2023-09-19");
        assert_eq!(t.text, "the 18th");
        assert_eq!(t.value, date("2023-09-18"));
    }

    #[test]
    fn parenthesised_ordinal_2023_09_19() {
        let t = one(
            "returned home on the same day (18th) with gifts",
            "2023-09-19",
        );
        assert_eq!(t.text, "18th");
        assert_eq!(t.value, date("2023-09-18"));
    }

    #[test]
    fn ordinal_after_publication_is_previous_month_2023_09_05() {
        let t = one("the meeting on the 28th, officials said", "2023-09-05");
        assert_eq!(t.value, date("2023-08-28"));
        // A few days ahead stays in the month.
        let t = one("due on the 7th.", "2023-09-05");
        assert_eq!(t.value, date("2023-09-07"));
    }

    #[test]
    fn ordinal_not_a_day() {
        assert!(times("in the 18th century", "2023-09-19").is_empty());
        assert!(times("the 3rd largest", "2023-09-19").is_empty());
        assert!(times("the 18th time", "2023-09-19").is_empty());
    }

    #[test]
    fn the_18th_of_september_2023_09_19() {
        let t = one("on the 18th of September", "2023-09-19");
        assert_eq!(t.text, "the 18th of September");
        assert_eq!(t.value, date("2023-09-18"));
    }

    // ---- explicit dates ----

    #[test]
    fn explicit_day_month_year() {
        assert_eq!(
            one("on 18 September 2023", "2024-01-01").value,
            date("2023-09-18")
        );
        assert_eq!(
            one("on September 18, 2023,", "2024-01-01").value,
            date("2023-09-18")
        );
        assert_eq!(
            one("18th September 2023", "2024-01-01").value,
            date("2023-09-18")
        );
        assert_eq!(one("2023-09-18", "2024-01-01").value, date("2023-09-18"));
        assert_eq!(one("2023-09", "2024-01-01").value, date("2023-09"));
    }

    #[test]
    fn abbreviated_month_without_year_2023_09_19() {
        let t = one("on Sept. 18 the", "2023-09-19");
        assert_eq!(t.text, "Sept. 18");
        assert_eq!(t.value, date("2023-09-18"));
        // Closest year: late December seen from early January.
        assert_eq!(one("Dec 30", "2024-01-02").value, date("2023-12-30"));
    }

    #[test]
    fn in_march_past_default_2023_09_18() {
        let t = one("issued a warrant for him in March over", "2023-09-18");
        assert_eq!(t.text, "March");
        assert_eq!(t.value, date("2023-03"));
    }

    #[test]
    fn month_after_publication_month_is_last_year_without_future_cue_2024_02_27() {
        let t = one(
            "hosted Kim in Russia’s Far East in September, accepted",
            "2024-02-27",
        );
        assert_eq!(t.value, date("2023-09"));
        let t = one("said in January it had evidence", "2024-02-27");
        assert_eq!(t.value, date("2024-01"));
    }

    #[test]
    fn month_with_future_cue_2024_02_27() {
        let t = one(
            "would hold a leaders’ summit in Kazan in October.",
            "2024-02-27",
        );
        assert_eq!(t.value, date("2024-10"));
    }

    #[test]
    fn month_year_and_relative_year_2023_09_19() {
        assert_eq!(
            one("in December 2022 when", "2023-09-19").value,
            date("2022-12")
        );
        let t = one("was in December last year, when", "2023-09-19");
        assert_eq!(t.text, "December last year");
        assert_eq!(t.value, date("2022-12"));
        assert_eq!(one("March this year", "2023-09-19").value, date("2023-03"));
    }

    #[test]
    fn last_and_next_month_name_2023_09_19() {
        let t = one("war crimes in Ukraine last March.", "2023-09-19");
        assert_eq!(t.text, "last March");
        assert_eq!(t.value, date("2023-03"));
        assert_eq!(one("last September", "2023-09-19").value, date("2022-09"));
        assert_eq!(one("next March", "2023-09-19").value, date("2024-03"));
        assert_eq!(one("last March", "2023-02-10").value, date("2022-03"));
    }

    #[test]
    fn may_as_modal_is_not_a_month() {
        assert!(times("Russia may be looking to brief", "2023-09-18").is_empty());
        assert!(times("May I ask.", "2023-09-18").is_empty());
        assert!(times("They March on.", "2023-09-18").is_empty());
        assert_eq!(one("since May", "2023-09-18").value, date("2023-05"));
    }

    #[test]
    fn season_2024_02_27() {
        let t = one("which could begin in early summer.", "2024-02-27");
        assert_eq!(t.text, "early summer");
        assert_eq!(t.value, date("2024-SU"));
        assert_eq!(one("last summer", "2024-02-27").value, date("2023-SU"));
        assert_eq!(one("next winter", "2024-02-27").value, date("2024-WI"));
        assert_eq!(one("this winter", "2024-02-27").value, date("2023-WI"));
        assert!(times("a summer camp", "2024-02-27").is_empty());
        assert!(times("prices fall", "2024-02-27").is_empty());
    }

    #[test]
    fn deictic_months_years_weeks_2023_09_18() {
        let p = "2023-09-18";
        let t = one("Earlier this month Mr Putin said", p);
        assert_eq!(t.text, "Earlier this month");
        assert_eq!(t.value, date("2023-09"));
        assert_eq!(one("this month", p).value, date("2023-09"));
        assert_eq!(one("last month", p).value, date("2023-08"));
        assert_eq!(one("next month", p).value, date("2023-10"));
        assert_eq!(one("last year", p).value, date("2022"));
        assert_eq!(one("this year", p).value, date("2023"));
        assert_eq!(one("next year", p).value, date("2024"));
        assert_eq!(one("this week", p).value, date("2023-W38"));
        assert_eq!(one("last week", p).value, date("2023-W37"));
        assert_eq!(one("early this year", p).value, date("2023"));
        assert_eq!(one("last month", "2024-01-10").value, date("2023-12"));
    }

    #[test]
    fn today_yesterday_tomorrow_2023_09_18() {
        let p = "2023-09-18";
        assert_eq!(one("today", p).value, date("2023-09-18"));
        assert_eq!(one("Yesterday,", p).value, date("2023-09-17"));
        assert_eq!(one("tomorrow", p).value, date("2023-09-19"));
        assert_eq!(one("this morning", p).value, date("2023-09-18TMO"));
        assert_eq!(one("last night", p).value, date("2023-09-17TNI"));
    }

    #[test]
    fn ago_2023_09_18() {
        let p = "2023-09-18";
        assert_eq!(one("three days ago", p).value, date("2023-09-15"));
        assert_eq!(one("two years ago", p).value, date("2021"));
        assert_eq!(one("a month ago", p).value, date("2023-08"));
        assert_eq!(one("2 weeks ago", p).value, date("2023-W36"));
        let t = one("6 hours ago", p);
        assert_eq!(t.kind, TimeKind::Interval);
        assert_eq!(
            t.value,
            TimeValue::Interval {
                start: "2023-09-17".into(),
                end: "2023-09-18".into(),
                duration: None,
            }
        );
        assert_eq!(one("24 hours ago", p).value, date("2023-09-17"));
        assert_eq!(one("several days ago", p).value, TimeValue::Unresolved);
    }

    #[test]
    fn years_and_decades() {
        assert_eq!(
            one("Russia’s 2022 invasion", "2025-07-13").value,
            date("2022")
        );
        assert_eq!(one("since 2014,", "2025-07-13").value, date("2014"));
        assert_eq!(one("in the 1990s", "2025-07-13").value, date("199"));
        assert!(times("sent 2000 troops", "2025-07-13").is_empty());
    }

    #[test]
    fn durations() {
        let p = "2023-09-18";
        let t = one("Mr Kim spent six days in Russia", p);
        assert_eq!((t.text.as_str(), t.kind), ("six days", TimeKind::Duration));
        assert_eq!(t.value, dur("P6D"));
        let t = one("stay in Russia for four days for", p);
        assert_eq!(t.text, "four days");
        assert_eq!(t.value, dur("P4D"));
        let t = one("Lavrov was on a three-day visit to", p);
        assert_eq!(t.text, "three-day");
        assert_eq!(t.value, dur("P3D"));
        assert_eq!(one("two years", p).value, dur("P2Y"));
        assert_eq!(one("3 hours", p).value, dur("PT3H"));
        assert_eq!(one("a fortnight", p).value, dur("P2W"));
        assert_eq!(one("1.5 years", p).value, dur("P1.5Y"));
        assert_eq!(one("for years", p).value, dur("PXY"));
        let t = one("in recent months", p);
        assert_eq!((t.text.as_str(), t.value), ("recent months", dur("PXM")));
        assert_eq!(one("twenty-five years", p).value, dur("P25Y"));
    }

    #[test]
    fn non_durations() {
        let p = "2023-09-18";
        assert!(times("a four-year-old girl", p).is_empty());
        assert!(times("years of sanctions", p).is_empty());
        assert!(times("a second term", p).is_empty());
        assert!(times("one more day", p).is_empty());
    }

    #[test]
    fn anchored_after() {
        let t = one(
            "arrives in Russia just two days after talks in Malta with US adviser",
            "2023-09-18",
        );
        assert_eq!(t.text, "two days after talks in Malta");
        assert_eq!(t.kind, TimeKind::Relative);
        assert_eq!(
            t.value,
            TimeValue::Anchored {
                anchor: "talks in Malta".into(),
                offset: "+P2D".into(),
            }
        );
    }

    #[test]
    fn anchored_before() {
        let t = one(
            "met Sullivan in Malta a day before going to Russia. According",
            "2023-09-19",
        );
        assert_eq!(t.text, "a day before going to Russia");
        assert_eq!(
            t.value,
            TimeValue::Anchored {
                anchor: "going to Russia".into(),
                offset: "-P1D".into(),
            }
        );
    }

    #[test]
    fn anchored_variants() {
        let p = "2023-09-18";
        let t = one("arriving just a day after North Korea’s leader, Kim", p);
        assert_eq!(
            t.value,
            TimeValue::Anchored {
                anchor: "North Korea’s leader".into(),
                offset: "+P1D".into(),
            }
        );
        let t = one("security talks day after Kim Jong-un leaves country\n", p);
        assert_eq!(
            t.value,
            TimeValue::Anchored {
                anchor: "Kim Jong-un leaves country".into(),
                offset: "+P1D".into(),
            }
        );
        let t = one("two days later, he", p);
        assert_eq!(
            t.value,
            TimeValue::Anchored {
                anchor: String::new(),
                offset: "+P2D".into(),
            }
        );
        let t = one("3 hours prior to the vote.", p);
        assert_eq!(
            t.value,
            TimeValue::Anchored {
                anchor: "the vote".into(),
                offset: "-PT3H".into(),
            }
        );
    }

    #[test]
    fn anchor_can_hold_another_time() {
        let out = times(
            "came just days after the anniversary of the invasion two years ago.",
            "2024-02-27",
        );
        assert_eq!(out.len(), 2, "{out:?}");
        assert_eq!(
            out[0].value,
            TimeValue::Anchored {
                anchor: "the anniversary of the invasion two years ago".into(),
                offset: "+PXD".into(),
            }
        );
        assert_eq!(out[1].value, date("2022"));
    }

    #[test]
    fn sets() {
        let p = "2023-09-18";
        let t = one("every Monday", p);
        assert_eq!((t.kind, t.value), (TimeKind::Set, date("XXXX-WXX-1")));
        assert_eq!(one("every week", p).value, dur("P1W"));
        assert_eq!(one("every two years", p).value, dur("P2Y"));
        assert_eq!(one("meets weekly", p).kind, TimeKind::Set);
        assert!(times("told China Daily", p).is_empty());
    }

    #[test]
    fn month_intervals() {
        let t = one("from March to May", "2023-09-18");
        assert_eq!(
            t.value,
            TimeValue::Interval {
                start: "2023-03".into(),
                end: "2023-05".into(),
                duration: Some("P3M".into()),
            }
        );
        let t = one("between 1 March 2023 and 3 March 2023", "2023-09-18");
        assert_eq!(
            t.value,
            TimeValue::Interval {
                start: "2023-03-01".into(),
                end: "2023-03-03".into(),
                duration: Some("P3D".into()),
            }
        );
    }

    #[test]
    fn without_publication_date() {
        let text = "on Sunday, last year, the 18th, in March, 18 September 2023, four days, \
                    two days after talks in Malta, Monday to Thursday";
        let out = find_times(text, None);
        let vals: Vec<(&str, &TimeValue)> =
            out.iter().map(|t| (t.text.as_str(), &t.value)).collect();
        assert_eq!(vals.len(), 8, "{vals:?}");
        assert_eq!(vals[0], ("Sunday", &TimeValue::Unresolved));
        assert_eq!(vals[1], ("last year", &TimeValue::Unresolved));
        assert_eq!(vals[2], ("the 18th", &TimeValue::Unresolved));
        assert_eq!(vals[3], ("March", &TimeValue::Unresolved));
        assert_eq!(vals[4].1, &date("2023-09-18"));
        assert_eq!(vals[5].1, &dur("P4D"));
        assert!(matches!(vals[6].1, TimeValue::Anchored { .. }));
        assert_eq!(vals[7], ("Monday to Thursday", &TimeValue::Unresolved));
    }

    #[test]
    fn nothing_in_plain_text() {
        assert!(times("", "2023-09-18").is_empty());
        assert!(times("Sun Weidong met Lavrov from time to time.", "2023-09-18").is_empty());
        assert!(times("a B-52 bomber at 09:43", "2023-09-18").is_empty());
    }

    #[test]
    fn huge_counts_do_not_panic() {
        let text = "99999999999999999999 days ago and 32767 years ago and 9999999 days after x \
                    and the 31st";
        let out = find_times(text, Some(d("2023-02-10")));
        assert!(out.iter().any(|t| t.value == TimeValue::Unresolved));
        let _ = find_times("1e308 hours ago", Some(d("0001-01-01")));
        let _ = find_times(
            "9999-12 next year next month tomorrow",
            Some(d("9999-12-31")),
        );
        let low = Date::new(-9999, 1, 1).expect("min date");
        let _ = find_times("last year yesterday last week the 1st", Some(low));
    }

    #[test]
    fn seed_000_independent() {
        let text = include_str!("../../seeds/000_4ca55dbd3066fc4f.txt");
        let out = times(text, "2023-09-18");
        let find = |s: &str| {
            out.iter()
                .find(|t| t.text == s)
                .map(|t| t.value.clone())
                .unwrap_or_else(|| panic!("{s:?} not found in {out:?}"))
        };
        assert_eq!(find("this week"), date("2023-W38"));
        assert_eq!(find("six days"), dur("P6D"));
        assert_eq!(find("Sunday"), date("2023-09-17"));
        assert_eq!(find("Thursday"), date("2023-09-21"));
        assert!(matches!(
            find("Monday to Thursday"),
            TimeValue::Interval { duration: Some(ref d), .. } if d == "P4D"
        ));
    }

    #[test]
    fn seed_002_and_004_agree_on_putins_last_trip() {
        let a = times(
            include_str!("../../seeds/002_2296b516f3618b16.txt"),
            "2023-09-19",
        );
        let b = times(
            include_str!("../../seeds/004_48af7910958ecb10.txt"),
            "2023-09-18",
        );
        let has = |v: &[TimeExpr], text: &str, val: &str| {
            v.iter().any(|t| t.text == text && t.value == date(val))
        };
        assert!(has(&a, "December last year", "2022-12"));
        assert!(has(&b, "December 2022", "2022-12"));
        assert!(has(&a, "last March", "2023-03"));
        assert!(has(&b, "March", "2023-03"));
        assert!(has(&a, "the 18th", "2023-09-18"));
        assert!(a
            .iter()
            .any(|t| t.text == "four days" && t.value == dur("P4D")));
        assert!(b
            .iter()
            .any(|t| t.text == "four days" && t.value == dur("P4D")));
    }

    #[test]
    fn long_random_input_is_fast() {
        let words = [
            "the", "Monday", "on", "March", "days", "after", "two", "last", "year", "18th", "2023",
            "-", "in", "May", "ago", "every", "between", "and", "to", ",", "talks",
        ];
        let mut s = String::new();
        let mut x: u32 = 12345;
        while s.len() < 1_000_000 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            s.push_str(words[(x >> 16) as usize % words.len()]);
            s.push(' ');
        }
        let t0 = std::time::Instant::now();
        let out = find_times(&s, Some(d("2023-09-18")));
        assert!(!out.is_empty());
        for t in &out {
            assert_eq!(&s[t.span.0..t.span.1], t.text);
        }
        assert!(t0.elapsed().as_secs() < 10, "took {:?}", t0.elapsed());
        let t0 = std::time::Instant::now();
        let _ = crate::normalise::find_quantities(&s);
        assert!(t0.elapsed().as_secs() < 10, "took {:?}", t0.elapsed());
    }
}
