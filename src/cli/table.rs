//! Plain-text tables for people at a terminal.

/// Shortens `s` to at most `width` characters, marking the cut with `…`.
pub fn fit(s: &str, width: usize) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= width {
        return flat;
    }
    let mut out: String = flat.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Left-aligns `s` in `width` characters (cutting it if longer).
pub fn cell(s: &str, width: usize) -> String {
    let s = fit(s, width);
    let pad = width.saturating_sub(s.chars().count());
    format!("{s}{}", " ".repeat(pad))
}

/// The width to lay tables out in: $COLUMNS, else 120.
pub fn width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|&w: &usize| w >= 60)
        .unwrap_or(120)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_cuts_on_characters_not_bytes() {
        assert_eq!(fit("Russia’s war", 8), "Russia’…");
        assert_eq!(fit("a  b\nc", 10), "a b c");
    }

    #[test]
    fn cell_pads() {
        assert_eq!(cell("ab", 4), "ab  ");
    }
}
