//! The report for a terminal: coloured when stdout is a terminal and
//! NO_COLOR is unset, plain otherwise.

use std::fmt::Write;

use super::{emphasis, emphasise, review_order, Report};

struct Paint {
    on: bool,
}

impl Paint {
    fn wrap(&self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn bold(&self, s: &str) -> String {
        self.wrap("1", s)
    }
    fn kind(&self, k: &str) -> String {
        let code = match k {
            "contradict" => "1;31",
            "quote-variant" => "1;35",
            "tension" | "attribution-differs" => "1;33",
            "agree" => "1;32",
            _ => "1",
        };
        self.wrap(code, k)
    }
}

pub fn render(r: &Report, colour: bool) -> String {
    let p = Paint { on: colour };
    let mut s = String::new();
    let _ = writeln!(s, "{}", p.bold("Discrepancies to review"));
    for i in review_order(&r.comparison) {
        let rel = &r.comparison.relations[i];
        let _ = writeln!(
            s,
            "  {} ({:.2}) {}",
            p.kind(rel.kind),
            rel.confidence,
            rel.reason
        );
        for (side, c) in rel.claims.iter().enumerate() {
            let text: String = emphasise(&c.text, &emphasis(rel, side))
                .into_iter()
                .map(|(t, em)| if em { p.wrap("4;1", t) } else { t.to_string() })
                .collect();
            let credit = c
                .source
                .as_deref()
                .map(|x| format!(" [{x}]"))
                .unwrap_or_default();
            let _ = writeln!(s, "    {}{credit}: {text}", p.bold(&c.outlet));
        }
    }
    let _ = writeln!(
        s,
        "  {} claims are single-source.\n",
        r.comparison.single_source
    );
    for a in &r.articles {
        let pr = &a.profile;
        let _ = writeln!(
            s,
            "{}  {} {}",
            p.bold(&a.outlet),
            a.id,
            a.published.as_deref().unwrap_or("")
        );
        let _ = writeln!(
            s,
            "  {} claims, {} attributed, {} own voice · {} named, {} anonymous · {} direct, {} indirect, {} mixed",
            pr.claims, pr.attributed, pr.own_voice, pr.named_sources, pr.anonymous_sources, pr.direct, pr.indirect, pr.mixed
        );
        for at in &a.attributions {
            let via = at
                .via
                .as_ref()
                .map(|v| format!(" via {}", v.entity))
                .unwrap_or_default();
            let _ = writeln!(
                s,
                "  {} {} ({}){via} {} — {}",
                p.wrap("36", at.kind.as_str()),
                p.bold(&at.source.entity),
                at.source.source_type.as_str(),
                p.wrap("33", &at.cue.text),
                at.content.text
            );
        }
        let _ = writeln!(s);
    }
    s
}
