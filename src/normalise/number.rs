//! Quantities with a tolerance band and a unit.
//!
//! "more than 10,000 troops" becomes value 10,000, band 10,000..15,000, unit
//! "troops"; "tens of millions of ... shells" becomes the band 1e7..1e8. Two
//! reports agree on a number when their bands overlap and their units can be
//! compared ([`compatible`]).
//!
//! Years standing alone ("in 2022") and ordinals ("the 18th") are not
//! quantities; [`super::time`] handles them.

use serde::{Deserialize, Serialize};

use super::{adjacent, is_year_at, tokenize, Token};

/// How a number was hedged in the text.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Approx {
    /// Stated plainly: "10,000", "four".
    Exact,
    /// "about", "around", "some", "roughly", "an estimated": ±10%.
    About,
    /// "more than", "over", "above", "in excess of": value..1.5×value.
    MoreThan,
    /// "at least": value..1.5×value.
    AtLeast,
    /// "less than", "fewer than", "under", "below": value/1.5..value.
    LessThan,
    /// "up to", "as many as", "no more than", "at most": 0..value.
    UpTo,
    /// "nearly", "almost", "close to", "just under": 0.9×value..value.
    Nearly,
    /// "10-15", "between 10 and 15": the stated range.
    Range,
    /// "tens of millions" (7), "hundreds of thousands" (5), "dozens" (1):
    /// the band runs from 10^n to 10^(n+1); the value is its geometric middle.
    Order(i32),
}

/// One quantity found in text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// Byte offsets into the input; `text == input[span.0..span.1]`.
    pub span: (usize, usize),
    pub text: String,
    pub value: f64,
    /// Lower end of the tolerance band.
    pub low: f64,
    /// Upper end of the tolerance band.
    pub high: f64,
    /// Lowercased unit as written ("troops", "miles", "days"), "$"/"£"/"€"/
    /// "¥" (or "hk$" and the like) for money, "%" for percentages.
    pub unit: Option<String>,
    pub approx: Approx,
}

/// A number read from tokens `start..end`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct NumParse {
    pub value: f64,
    pub end: usize,
}

const UNITS: &[(&str, f64)] = &[
    ("zero", 0.0),
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
];

const TENS: &[(&str, f64)] = &[
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
];

const MAGNITUDES: &[(&str, f64)] = &[
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
    ("trillion", 1e12),
];

/// Suffixes written straight after digits: "200bn", "$1.5m", "10k".
const SUFFIXES: &[(&str, f64)] = &[
    ("k", 1e3),
    ("m", 1e6),
    ("mn", 1e6),
    ("bn", 1e9),
    ("b", 1e9),
    ("tn", 1e12),
    ("trn", 1e12),
];

fn lookup(table: &[(&str, f64)], w: &str) -> Option<f64> {
    table.iter().find(|(k, _)| *k == w).map(|(_, v)| *v)
}

/// A units/teens/tens word, including "twenty-five"; returns value and end.
fn small_word(toks: &[Token], i: usize) -> Option<(f64, usize)> {
    let t = toks.get(i)?;
    if !t.is_word() {
        return None;
    }
    if let Some(v) = lookup(UNITS, &t.lower) {
        return Some((v, i + 1));
    }
    let tens = lookup(TENS, &t.lower)?;
    // "twenty-five" / "twenty five"
    if toks.get(i + 1).is_some_and(|h| h.is("-")) && adjacent(toks, i) && adjacent(toks, i + 1) {
        if let Some(u) = toks.get(i + 2).and_then(|u| lookup(UNITS, &u.lower)) {
            if (1.0..10.0).contains(&u) {
                return Some((tens + u, i + 3));
            }
        }
    }
    if let Some(u) = toks.get(i + 1).and_then(|u| lookup(UNITS, &u.lower)) {
        if (1.0..10.0).contains(&u) {
            return Some((tens + u, i + 2));
        }
    }
    Some((tens, i + 1))
}

/// Parse a number starting at token `i`: digits (with an optional magnitude
/// suffix or word) or number words ("two hundred and fifty thousand",
/// "a hundred", "a dozen", "half a million").
pub(crate) fn parse_number(toks: &[Token], i: usize) -> Option<NumParse> {
    let t = toks.get(i)?;
    if t.is_num() {
        let mut value = t.num_value()?;
        let mut end = i + 1;
        if let Some(n) = toks.get(i + 1) {
            if adjacent(toks, i) && n.is_word() {
                if let Some(m) = lookup(SUFFIXES, &n.lower) {
                    value *= m;
                    end = i + 2;
                }
            } else if let Some(m) = lookup(MAGNITUDES, &n.lower) {
                value *= m;
                end = i + 2;
            } else if n.is("hundred") {
                value *= 100.0;
                end = i + 2;
                if let Some(m) = toks.get(end).and_then(|w| lookup(MAGNITUDES, &w.lower)) {
                    value *= m;
                    end += 1;
                }
            }
        }
        return Some(NumParse { value, end });
    }
    if !t.is_word() {
        return None;
    }
    // "a hundred", "a dozen", "a million", "half a million"
    let mut j = i;
    let mut lead = None;
    if t.is_any(&["a", "an"]) {
        let n = toks.get(i + 1)?;
        if !(n.is("hundred") || n.is("dozen") || lookup(MAGNITUDES, &n.lower).is_some()) {
            return None;
        }
        lead = Some(1.0);
        j = i + 1;
    } else if t.is("half") && toks.get(i + 1).is_some_and(|a| a.is("a")) {
        let m = toks.get(i + 2).and_then(|w| lookup(MAGNITUDES, &w.lower))?;
        return Some(NumParse {
            value: 0.5 * m,
            end: i + 3,
        });
    }
    let mut total = 0.0;
    let mut current: Option<f64> = lead;
    let mut seen = lead.is_some();
    while let Some(w) = toks.get(j) {
        if let Some((v, e)) = small_word(toks, j) {
            if current.is_some_and(|c| c % 100.0 != 0.0 || c == 0.0) {
                break; // "two three" is not a number
            }
            current = Some(current.unwrap_or(0.0) + v);
            seen = true;
            j = e;
        } else if w.is("hundred") && seen {
            current = Some(current.unwrap_or(1.0).max(1.0) * 100.0);
            j += 1;
            // "two hundred and fifty"
            if toks.get(j).is_some_and(|a| a.is("and")) && small_word(toks, j + 1).is_some() {
                j += 1;
            }
        } else if w.is("dozen") && seen {
            current = Some(current.unwrap_or(1.0).max(1.0) * 12.0);
            j += 1;
        } else if let Some(m) = lookup(MAGNITUDES, &w.lower).filter(|_| seen) {
            total += current.unwrap_or(1.0).max(1.0) * m;
            current = None;
            j += 1;
            if toks.get(j).is_some_and(|a| a.is("and")) && small_word(toks, j + 1).is_some() {
                j += 1;
            }
        } else {
            break;
        }
    }
    if !seen || j == i {
        return None;
    }
    Some(NumParse {
        value: total + current.unwrap_or(0.0),
        end: j,
    })
}

/// Hedging phrases before a number, longest first within each start word.
const HEDGES: &[(&[&str], Approx)] = &[
    (&["in", "excess", "of"], Approx::MoreThan),
    (&["upwards", "of"], Approx::MoreThan),
    (&["more", "than"], Approx::MoreThan),
    (&["just", "over"], Approx::MoreThan),
    (&["over"], Approx::MoreThan),
    (&["above"], Approx::MoreThan),
    (&["at", "least"], Approx::AtLeast),
    (&["at", "most"], Approx::UpTo),
    (&["less", "than"], Approx::LessThan),
    (&["fewer", "than"], Approx::LessThan),
    (&["under"], Approx::LessThan),
    (&["below"], Approx::LessThan),
    (&["up", "to"], Approx::UpTo),
    (&["as", "many", "as"], Approx::UpTo),
    (&["as", "much", "as"], Approx::UpTo),
    (&["no", "more", "than"], Approx::UpTo),
    (&["nearly"], Approx::Nearly),
    (&["almost"], Approx::Nearly),
    (&["close", "to"], Approx::Nearly),
    (&["just", "under"], Approx::Nearly),
    (&["about"], Approx::About),
    (&["around"], Approx::About),
    (&["approximately"], Approx::About),
    (&["roughly"], Approx::About),
    (&["some"], Approx::About),
    (&["an", "estimated"], Approx::About),
    (&["estimated"], Approx::About),
];

fn match_hedge(toks: &[Token], i: usize) -> Option<(Approx, usize)> {
    for (words, approx) in HEDGES {
        let ok = words
            .iter()
            .enumerate()
            .all(|(k, w)| toks.get(i + k).is_some_and(|t| t.is(w)));
        if ok {
            return Some((*approx, i + words.len()));
        }
    }
    None
}

const CURRENCY_SYMBOLS: &[&str] = &["$", "£", "€", "¥"];

const CURRENCY_WORDS: &[(&str, &str)] = &[
    ("dollars", "$"),
    ("dollar", "$"),
    ("usd", "$"),
    ("pounds", "£"),
    ("sterling", "£"),
    ("euros", "€"),
    ("euro", "€"),
    ("yuan", "¥"),
    ("renminbi", "¥"),
    ("rmb", "¥"),
    ("yen", "yen"),
    ("roubles", "rub"),
    ("rubles", "rub"),
    ("won", "won"),
];

/// Words that end a unit phrase after a number.
const UNIT_STOP: &[&str] = &[
    "of", "and", "or", "to", "in", "on", "at", "for", "from", "with", "by", "the", "a", "an",
    "that", "which", "who", "whom", "as", "than", "were", "was", "is", "are", "be", "been", "have",
    "has", "had", "will", "would", "could", "can", "may", "might", "should", "did", "do", "does",
    "said", "says", "more", "ago", "after", "before", "later", "earlier", "per", "into", "over",
    "under", "since", "until", "while", "when", "where", "but", "not", "it", "its", "their", "his",
    "her", "they", "he", "she", "we", "this", "these", "those",
];

/// Magnitude plurals for "tens of millions" and the like.
fn order_base(w: &str) -> Option<(f64, f64)> {
    // (low, high) of the band for the bare plural.
    match w {
        "tens" => Some((10.0, 100.0)),
        "dozens" => Some((24.0, 120.0)),
        "hundreds" => Some((100.0, 1e3)),
        "thousands" => Some((1e3, 1e4)),
        "millions" => Some((1e6, 1e7)),
        "billions" => Some((1e9, 1e10)),
        _ => None,
    }
}

fn order_multiplier(w: &str) -> Option<f64> {
    match w {
        "thousands" => Some(1e3),
        "millions" => Some(1e6),
        "billions" => Some(1e9),
        _ => None,
    }
}

/// Read the unit after a number ending before token `j`. Returns the unit
/// and the token index after it (the span end), if it belongs in the span.
fn read_unit(toks: &[Token], j: usize) -> (Option<String>, usize) {
    let Some(n) = toks.get(j) else {
        return (None, j);
    };
    if n.is("%") {
        return (Some("%".into()), j + 1);
    }
    if n.is("percent") || n.is("pc") {
        return (Some("%".into()), j + 1);
    }
    if n.is("per") && toks.get(j + 1).is_some_and(|c| c.is("cent")) {
        return (Some("%".into()), j + 2);
    }
    if let Some((_, sym)) = CURRENCY_WORDS.iter().find(|(w, _)| n.is(w)) {
        return (Some((*sym).to_string()), j + 1);
    }
    // "three-day visit": the unit is the hyphenated word.
    if n.is("-") && j > 0 && adjacent(toks, j - 1) && adjacent(toks, j) {
        if let Some(w) = toks.get(j + 1).filter(|w| w.is_word()) {
            return (Some(w.lower.clone()), j + 2);
        }
    }
    // Head noun: the last of up to three lowercase words before a stop word
    // or a break. "of" is skipped once at the start ("millions of shells").
    let mut k = j;
    if n.is("of") {
        k += 1;
    }
    // Capitalised adjectives may sit inside ("three mainland Chinese firms")
    // but the head noun itself is lowercase.
    let mut last = None;
    let mut last_at = k;
    let mut taken = 0;
    while let Some(w) = toks.get(k) {
        if taken == 3 || !w.is_word() || w.nl_before || UNIT_STOP.contains(&w.lower.as_str()) {
            break;
        }
        if w.lower.ends_with("ly") && taken > 0 {
            break;
        }
        if !w.cap {
            last = Some(w.lower.clone());
            last_at = k;
        }
        taken += 1;
        k += 1;
        // A plural noun ends the phrase: "two countries held talks".
        if !w.cap && w.lower.len() > 2 && w.lower.ends_with('s') && !w.lower.ends_with("ss") {
            break;
        }
    }
    // The unit joins the span only when it follows the number directly
    // ("10,000 troops"), not across "of" or adjectives.
    let end = if last.is_some() && last_at == j {
        j + 1
    } else {
        j
    };
    (last, end)
}

fn band(value: f64, approx: Approx) -> (f64, f64) {
    match approx {
        Approx::Exact | Approx::Range | Approx::Order(_) => (value, value),
        Approx::About => (value * 0.9, value * 1.1),
        Approx::MoreThan | Approx::AtLeast => (value, value * 1.5),
        Approx::LessThan => (value / 1.5, value),
        Approx::UpTo => (0.0, value),
        Approx::Nearly => (value * 0.9, value),
    }
}

/// Tokens `i..` look like a date, a clock time or an identifier, not a count.
fn skip_non_quantity(toks: &[Token], i: usize) -> Option<usize> {
    let t = &toks[i];
    // Ordinals: "18th", "1st".
    if adjacent(toks, i)
        && toks
            .get(i + 1)
            .is_some_and(|s| s.is_any(&["st", "nd", "rd", "th"]))
    {
        return Some(i + 2);
    }
    // ISO dates and clock times: 2023-09-18, 09:43.
    if adjacent(toks, i) && adjacent(toks, i + 1) {
        if let (Some(sep), Some(n2)) = (toks.get(i + 1), toks.get(i + 2)) {
            let iso = sep.is("-") && t.lower.len() == 4 && n2.is_num() && n2.lower.len() == 2;
            let clock = sep.is(":") && n2.is_num();
            if iso || clock {
                let mut e = i + 3;
                while e + 1 < toks.len()
                    && adjacent(toks, e - 1)
                    && adjacent(toks, e)
                    && toks[e].is_any(&["-", ":"])
                    && toks[e + 1].is_num()
                {
                    e += 2;
                }
                return Some(e);
            }
        }
    }
    // Identifiers: "B-52", "Covid-19", "Su-57".
    if i >= 2
        && toks[i - 1].is("-")
        && adjacent(toks, i - 2)
        && adjacent(toks, i - 1)
        && toks[i - 2].is_word()
    {
        return Some(i + 1);
    }
    if is_year_at(toks, i) {
        return Some(i + 1);
    }
    None
}

/// Find every quantity in `text`.
pub fn find_quantities(text: &str) -> Vec<Quantity> {
    let toks = tokenize(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match quantity_at(&toks, i) {
            Some((q_start, q_end, value, low, high, unit, approx)) => {
                let span = (toks[q_start].start, toks[q_end - 1].end);
                out.push(Quantity {
                    span,
                    text: text[span.0..span.1].to_string(),
                    value,
                    low,
                    high,
                    unit,
                    approx,
                });
                i = q_end;
            }
            None => {
                if toks[i].is_num() {
                    if let Some(e) = skip_non_quantity(&toks, i) {
                        i = e;
                        continue;
                    }
                }
                i += 1;
            }
        }
    }
    out
}

type Found = (usize, usize, f64, f64, f64, Option<String>, Approx);

fn quantity_at(toks: &[Token], i: usize) -> Option<Found> {
    let start = i;
    let mut j = i;
    let mut approx = Approx::Exact;
    let mut range_between = false;
    if let Some((a, e)) = match_hedge(toks, j) {
        approx = a;
        j = e;
    } else if toks[j].is("between") {
        range_between = true;
        j += 1;
    }

    // "tens of millions", "hundreds of thousands", "dozens".
    if let Some((lo, hi)) = toks.get(j).and_then(|t| order_base(&t.lower)) {
        if approx == Approx::Exact && !range_between {
            let mut e = j + 1;
            let (mut lo, mut hi) = (lo, hi);
            if toks.get(e).is_some_and(|t| t.is("of")) {
                if let Some(m) = toks.get(e + 1).and_then(|t| order_multiplier(&t.lower)) {
                    lo *= m;
                    hi *= m;
                    e += 2;
                }
            }
            // A bare "hundreds"/"thousands" needs "of" after it to count.
            let needs_of = e == j + 1 && toks[j].is_any(&["tens", "hundreds", "dozens"]);
            if needs_of && !toks.get(e).is_some_and(|t| t.is("of")) {
                return None;
            }
            let (unit, _) = read_unit(toks, e);
            let mag = lo.log10().floor() as i32;
            return Some((start, e, (lo * hi).sqrt(), lo, hi, unit, Approx::Order(mag)));
        }
    }

    // Currency symbol, possibly with a country prefix ("US$", "HK$").
    let mut unit: Option<String> = None;
    if let Some(t) = toks.get(j) {
        if t.is_word()
            && t.cap
            && t.lower.len() <= 2
            && toks.get(j + 1).is_some_and(|s| s.is("$"))
            && adjacent(toks, j)
        {
            unit = Some(if t.is("us") {
                "$".into()
            } else {
                format!("{}$", t.lower)
            });
            j += 2;
        } else if CURRENCY_SYMBOLS.contains(&t.lower.as_str()) {
            unit = Some(t.lower.clone());
            j += 1;
        }
    }
    let first = toks.get(j)?;
    if first.is_num() && skip_non_quantity(toks, j).is_some() {
        return None;
    }
    if first.is("one") && i == j {
        // "one of the", "no one", "the one who": not a count.
        let prev_blocks = j > 0
            && toks[j - 1].is_any(&[
                "no", "any", "every", "each", "the", "this", "that", "someone",
            ]);
        let next_blocks = toks
            .get(j + 1)
            .is_some_and(|n| n.is_any(&["of", "another", "who", "that", "which", "day", "way"]));
        if prev_blocks || next_blocks {
            return None;
        }
    }
    let np = parse_number(toks, j)?;
    let mut value = np.value;
    let mut end = np.end;
    let (mut low, mut high) = band(value, approx);

    // Ranges: "10-15", "10 to 15" after "between"/"from", "between 10 and 15".
    let joiner = toks.get(end).map(|t| t.lower.as_str());
    let dash_range = joiner == Some("-") && adjacent(toks, end - 1) && adjacent(toks, end);
    let word_range = range_between && joiner == Some("and");
    if approx == Approx::Exact && (dash_range || word_range) {
        if let Some(np2) = parse_number(toks, end + 1) {
            if np2.value >= value {
                low = value;
                high = np2.value;
                value = (low + high) / 2.0;
                approx = Approx::Range;
                end = np2.end;
            }
        }
    } else if range_between {
        return None;
    }

    if unit.is_none() {
        let (u, e) = read_unit(toks, end);
        unit = u;
        end = e;
    } else if let Some((_, sym)) = toks
        .get(end)
        .and_then(|t| CURRENCY_WORDS.iter().find(|(w, _)| t.is(w)))
    {
        // "$5 dollars": keep the symbol, take the word into the span.
        let _ = sym;
        end += 1;
    }
    Some((start, end, value, low, high, unit, approx))
}

/// Unit in a comparable form: singular, currencies folded, lengths and
/// times with a factor to a base unit.
fn canon_unit(u: &str) -> (String, f64) {
    let s = u.to_lowercase();
    let fold = match s.as_str() {
        "us$" | "usd" | "dollars" | "dollar" => "$".to_string(),
        "mile" | "miles" => return ("km".into(), 1.609_344),
        "km" | "kms" | "kilometre" | "kilometres" | "kilometer" | "kilometers" => {
            return ("km".into(), 1.0)
        }
        "metre" | "metres" | "meter" | "meters" => return ("km".into(), 0.001),
        "hour" | "hours" => return ("day".into(), 1.0 / 24.0),
        "day" | "days" => return ("day".into(), 1.0),
        "week" | "weeks" => return ("day".into(), 7.0),
        "month" | "months" => return ("day".into(), 30.44),
        "year" | "years" => return ("day".into(), 365.25),
        _ => s,
    };
    let stem = if let Some(b) = fold.strip_suffix("ies") {
        format!("{b}y")
    } else if fold.ends_with("ches")
        || fold.ends_with("shes")
        || fold.ends_with("sses")
        || fold.ends_with("xes")
    {
        fold[..fold.len() - 2].to_string()
    } else if fold.len() > 3 && fold.ends_with('s') && !fold.ends_with("ss") {
        fold[..fold.len() - 1].to_string()
    } else {
        fold
    };
    (stem, 1.0)
}

fn is_strict_unit(u: &str) -> bool {
    u == "%" || u.ends_with('$') || ["£", "€", "¥", "yen", "rub", "won"].contains(&u)
}

/// Can `a` and `b` both be true of the same thing? Their bands overlap (after
/// converting miles/km or days/weeks/years where needed) and their units agree.
/// A missing unit matches any unit except money and percentages.
pub fn compatible(a: &Quantity, b: &Quantity) -> bool {
    let factor = match (&a.unit, &b.unit) {
        (Some(ua), Some(ub)) => {
            let (ca, fa) = canon_unit(ua);
            let (cb, fb) = canon_unit(ub);
            if ca != cb {
                return false;
            }
            (fa, fb)
        }
        (Some(u), None) | (None, Some(u)) => {
            if is_strict_unit(&canon_unit(u).0) {
                return false;
            }
            (1.0, 1.0)
        }
        (None, None) => (1.0, 1.0),
    };
    let (alo, ahi) = (a.low * factor.0, a.high * factor.0);
    let (blo, bhi) = (b.low * factor.1, b.high * factor.1);
    let eps = 1e-9
        * alo
            .abs()
            .max(ahi.abs())
            .max(blo.abs())
            .max(bhi.abs())
            .max(1.0);
    alo <= bhi + eps && blo <= ahi + eps
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Quantity {
        let qs = find_quantities(text);
        assert_eq!(qs.len(), 1, "{text:?} gave {qs:?}");
        let q = qs.into_iter().next().expect("one quantity");
        assert_eq!(&text[q.span.0..q.span.1], q.text);
        q
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0)
    }

    #[test]
    fn digits_with_commas() {
        let q = one("deploying 10,000 troops and arms");
        assert!(close(q.value, 10_000.0));
        assert_eq!(q.unit.as_deref(), Some("troops"));
        assert_eq!(q.approx, Approx::Exact);
        assert_eq!(q.text, "10,000 troops");
        let q = one("three mainland Chinese firms");
        assert_eq!(q.text, "three");
        assert_eq!(q.unit.as_deref(), Some("firms"));
    }

    #[test]
    fn decimals() {
        let q = one("a rise of 2.75 points");
        assert!(close(q.value, 2.75));
        assert_eq!(q.unit.as_deref(), Some("points"));
    }

    #[test]
    fn number_words() {
        assert!(close(one("four members").value, 4.0));
        assert!(close(one("twenty-five people").value, 25.0));
        assert!(close(one("a hundred ships").value, 100.0));
        assert!(close(one("two million people").value, 2e6));
        assert!(close(
            one("two hundred and fifty thousand voters").value,
            250_000.0
        ));
        assert!(close(one("half a million refugees").value, 5e5));
        assert!(close(one("a dozen drones").value, 12.0));
    }

    #[test]
    fn tens_of_millions() {
        let q = one("a stockpile of tens of millions of ageing artillery shells");
        assert!(close(q.low, 1e7) && close(q.high, 1e8));
        assert_eq!(q.approx, Approx::Order(7));
        assert_eq!(q.unit.as_deref(), Some("shells"));
        assert_eq!(q.text, "tens of millions");
    }

    #[test]
    fn hundreds_of_thousands() {
        let q = one("which has left hundreds of thousands of dead");
        assert!(close(q.low, 1e5) && close(q.high, 1e6));
        assert_eq!(q.approx, Approx::Order(5));
        assert_eq!(q.unit.as_deref(), Some("dead"));
    }

    #[test]
    fn bare_hundreds_needs_of() {
        assert!(find_quantities("in the hundreds").is_empty());
        let q = one("thousands fled");
        assert!(close(q.low, 1e3));
    }

    #[test]
    fn about_miles() {
        let q = one("in Artyom, about 125 miles from the North Korean border");
        assert!(close(q.value, 125.0));
        assert!(close(q.low, 112.5) && close(q.high, 137.5));
        assert_eq!(q.unit.as_deref(), Some("miles"));
        assert_eq!(q.approx, Approx::About);
        assert_eq!(q.text, "about 125 miles");
    }

    #[test]
    fn more_than() {
        let q = one("more than 10,000 troops");
        assert_eq!(q.approx, Approx::MoreThan);
        assert!(close(q.low, 10_000.0) && close(q.high, 15_000.0));
        assert_eq!(q.text, "more than 10,000 troops");
    }

    #[test]
    fn nearly_dollars_bn() {
        let q = one("trade worth nearly $200bn last year");
        assert_eq!(q.unit.as_deref(), Some("$"));
        assert!(close(q.value, 2e11));
        assert!(close(q.low, 1.8e11) && close(q.high, 2e11));
        assert_eq!(q.approx, Approx::Nearly);
        assert_eq!(q.text, "nearly $200bn");
    }

    #[test]
    fn money_forms() {
        assert!(close(one("$1.5m").value, 1.5e6));
        let q = one("200 billion dollars");
        assert!(close(q.value, 2e11));
        assert_eq!(q.unit.as_deref(), Some("$"));
        let q = one("US$3 billion");
        assert_eq!(q.unit.as_deref(), Some("$"));
        assert!(close(q.value, 3e9));
        let q = one("HK$3 billion");
        assert_eq!(q.unit.as_deref(), Some("hk$"));
        let q = one("£40m");
        assert_eq!(q.unit.as_deref(), Some("£"));
    }

    #[test]
    fn percentages() {
        let q = one("growth of 5% this year");
        assert_eq!(q.unit.as_deref(), Some("%"));
        assert!(close(q.value, 5.0));
        let q = one("five per cent");
        assert_eq!(q.unit.as_deref(), Some("%"));
        assert_eq!(q.text, "five per cent");
        assert_eq!(one("5.5 percent").unit.as_deref(), Some("%"));
    }

    #[test]
    fn hyphenated_unit() {
        let q = one("a three-day visit");
        assert!(close(q.value, 3.0));
        assert_eq!(q.unit.as_deref(), Some("day"));
        assert_eq!(q.text, "three-day");
    }

    #[test]
    fn ranges() {
        let q = one("10-15 people");
        assert_eq!(q.approx, Approx::Range);
        assert!(close(q.low, 10.0) && close(q.high, 15.0));
        let q = one("between 20 and 30 ships");
        assert!(close(q.low, 20.0) && close(q.high, 30.0));
    }

    #[test]
    fn skips_years_and_ordinals() {
        assert!(find_quantities("in December 2022 he left").is_empty());
        assert!(find_quantities("visited Russia on the 18th (local time)").is_empty());
        assert!(find_quantities("Russia’s 2022 invasion").is_empty());
        assert!(find_quantities("on 2023-09-18 at 09:43").is_empty());
        assert!(find_quantities("a B-52 bomber and Covid-19").is_empty());
    }

    #[test]
    fn count_that_looks_like_a_year_is_kept() {
        let q = one("sent 2000 troops");
        assert!(close(q.value, 2000.0));
    }

    #[test]
    fn one_as_pronoun_is_skipped() {
        assert!(find_quantities("one of the most").is_empty());
        assert!(find_quantities("no one knows").is_empty());
        assert!(close(one("one more day").value, 1.0));
    }

    #[test]
    fn plural_noun_ends_the_unit() {
        let q = one("the two countries held high-level talks");
        assert_eq!(q.unit.as_deref(), Some("countries"));
        assert_eq!(q.text, "two countries");
    }

    #[test]
    fn plain_words_are_not_numbers() {
        assert!(find_quantities("a man and a dog").is_empty());
        assert!(find_quantities("").is_empty());
        assert!(find_quantities("tens").is_empty());
    }

    #[test]
    fn compatible_bands() {
        let a = one("more than 10,000 troops");
        let b = one("10,000 troops");
        let c = one("nearly 9,000 troops");
        let d = one("20,000 troops");
        assert!(compatible(&a, &b));
        assert!(!compatible(&a, &c));
        assert!(!compatible(&a, &d));
        let e = one("about 12,000 soldiers");
        assert!(!compatible(&b, &e), "different nouns do not compare");
    }

    #[test]
    fn compatible_units() {
        let miles = one("about 125 miles");
        let km = one("200 km");
        assert!(compatible(&miles, &km));
        let days = one("four days");
        let weeks = one("two weeks");
        assert!(!compatible(&days, &weeks));
        let money = one("$5");
        let bare = one("5");
        assert!(!compatible(&money, &bare));
        let troop = one("one troop");
        let troops = one("1 troops");
        assert!(compatible(&troop, &troops));
    }

    #[test]
    fn compatible_orders() {
        let a = one("tens of millions of shells");
        let b = one("about 20 million shells");
        let c = one("5 million shells");
        assert!(compatible(&a, &b));
        assert!(!compatible(&a, &c));
    }

    #[test]
    fn spans_hold_on_unicode() {
        let text = "“Some 40 ships” — about 3 miles off. ünïcödé 7";
        for q in find_quantities(text) {
            assert_eq!(&text[q.span.0..q.span.1], q.text);
        }
        assert_eq!(find_quantities(text).len(), 3);
    }

    #[test]
    fn huge_numbers_do_not_panic() {
        let text = "99999999999999999999999999999999999999 people and 1e999 and 9.9.9";
        let _ = find_quantities(text);
    }
}
