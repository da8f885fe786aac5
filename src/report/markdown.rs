//! The report as Markdown, for pasting into a review ticket or a wiki.

use std::fmt::Write;

use super::{emphasis, emphasise, review_order, Report};
use crate::compare::CompareReport;

/// Escapes Markdown so article text cannot change the document's structure.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out.replace('\n', " ")
}

/// The discrepancy review: events, then relations, contradictions and
/// quotation variants first, with the deciding words emphasised.
pub fn relations(cmp: &CompareReport) -> String {
    let mut s = String::new();
    for e in &cmp.events {
        let _ = writeln!(
            s,
            "- **{}** ({} – {}): {}",
            e.id,
            e.from.as_deref().unwrap_or("?"),
            e.to.as_deref().unwrap_or("?"),
            e.articles.join(", ")
        );
    }
    let _ = writeln!(s);
    for i in review_order(cmp) {
        let rel = &cmp.relations[i];
        let _ = writeln!(
            s,
            "### {} — {} (confidence {:.2})\n",
            rel.kind,
            escape(&rel.reason),
            rel.confidence
        );
        for (side, c) in rel.claims.iter().enumerate() {
            let marks = emphasis(rel, side);
            let text: String = emphasise(&c.text, &marks)
                .into_iter()
                .map(|(t, em)| {
                    if em {
                        format!("**{}**", escape(t))
                    } else {
                        escape(t)
                    }
                })
                .collect();
            let credit = c
                .source
                .as_deref()
                .map(|x| format!(", credited to {}", escape(x)))
                .unwrap_or_else(|| ", in the outlet's own voice".to_string());
            let _ = writeln!(s, "- {} ({}{credit}): {text}", escape(&c.outlet), c.article);
        }
        let _ = writeln!(s);
    }
    let _ = writeln!(s, "{} claims are single-source.\n", cmp.single_source);

    s
}

pub fn render(r: &Report) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# Attribution report\n");
    let _ = writeln!(s, "## Discrepancies to review\n");
    s.push_str(&relations(&r.comparison));
    let _ = writeln!(s, "## Who is cited by which outlet\n");
    let outlets: Vec<&str> = {
        let mut o: Vec<&str> = r.articles.iter().map(|a| a.outlet.as_str()).collect();
        o.sort();
        o.dedup();
        o
    };
    let _ = writeln!(
        s,
        "| source | {} |",
        outlets
            .iter()
            .map(|o| escape(o))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    let _ = writeln!(s, "|---|{}", "---|".repeat(outlets.len()));
    for (source, by) in &r.cited_by {
        let cells: Vec<String> = outlets
            .iter()
            .map(|o| by.get(*o).map_or(String::new(), |n| n.to_string()))
            .collect();
        let _ = writeln!(s, "| {} | {} |", escape(source), cells.join(" | "));
    }
    let _ = writeln!(s, "\n## Claims only one outlet carries\n");
    for o in &r.only_one_outlet {
        let _ = writeln!(
            s,
            "- {} ({}): {} — {}",
            escape(&o.outlet),
            o.article,
            escape(&o.source),
            escape(&o.content)
        );
    }
    let _ = writeln!(s, "\n## Articles\n");
    for a in &r.articles {
        let p = &a.profile;
        let _ = writeln!(
            s,
            "### {} — {} ({})\n",
            escape(&a.outlet),
            a.id,
            a.published.as_deref().unwrap_or("undated")
        );
        let _ = writeln!(
            s,
            "{} claims: {} attributed, {} in the outlet's own voice; sources {} named, {} anonymous; quotes {} direct, {} indirect, {} mixed.",
            p.claims, p.attributed, p.own_voice, p.named_sources, p.anonymous_sources, p.direct, p.indirect, p.mixed
        );
        let types: Vec<String> = p.by_type.iter().map(|(t, n)| format!("{t} {n}")).collect();
        let _ = writeln!(s, "By type: {}.", types.join(", "));
        if !p.relayed.is_empty() {
            let _ = writeln!(s, "Relayed: {}.", escape(&p.relayed.join("; ")));
        }
        let top: Vec<String> = p
            .top_sources
            .iter()
            .map(|(e, n)| format!("{} ({n})", escape(e)))
            .collect();
        let _ = writeln!(s, "Leans on: {}.\n", top.join(", "));
        let _ = writeln!(
            s,
            "| # | source | type | cue | kind | content | via |\n|---|---|---|---|---|---|---|"
        );
        for (i, at) in a.attributions.iter().enumerate() {
            let role = at
                .source
                .role
                .as_deref()
                .map(|r| format!(", {}", escape(r)))
                .unwrap_or_default();
            let _ = writeln!(
                s,
                "| {} | {} ({}{role}) | {} | {} | {} | {} | {} |",
                i + 1,
                escape(&at.source.text),
                escape(&at.source.entity),
                at.source.source_type.as_str(),
                escape(&at.cue.text),
                at.kind.as_str(),
                escape(&at.content.text),
                at.via
                    .as_ref()
                    .map(|v| escape(&v.entity))
                    .unwrap_or_default()
            );
        }
        let _ = writeln!(s);
    }
    s
}
