//! The report as one self-contained HTML page: no network requests, no
//! external fonts or scripts. Every string that comes from an article or a
//! user is escaped, so a page built from an article holding `<script>` or
//! `"><img onerror=…>` shows those characters and executes nothing.

use std::fmt::Write;

use super::{emphasis, emphasise, review_order, Report};
use crate::model::Span;

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#222;background:#fafafa}
header{background:#1d3557;color:#fff;padding:12px 24px}
main{display:grid;grid-template-columns:340px 1fr;gap:16px;padding:16px}
nav,section{background:#fff;border:1px solid #ddd;border-radius:6px;padding:12px}
.rel{border-left:4px solid #999;padding:6px 10px;margin:8px 0;cursor:pointer;background:#fff}
.rel:hover,.rel:focus{background:#f0f4ff}
.rel[data-kind=contradict]{border-color:#d62828}.rel[data-kind=quote-variant]{border-color:#8338ec}
.rel[data-kind=tension],.rel[data-kind=attribution-differs]{border-color:#f4a261}.rel[data-kind=agree]{border-color:#2a9d8f}
.rel.hidden,.hidden{display:none}
.kind{font-weight:bold;text-transform:uppercase;font-size:12px}
.claim{margin:4px 0 0 8px;font-size:14px}
mark{background:#ffe066}
.text{white-space:pre-wrap;font-family:Georgia,serif}
.src{background:#cde4ff;border-bottom:2px solid #1d70b8}
.cue{background:#ffd6a5;font-weight:bold}
.cnt{background:#e2f7e1}
.dim{background:none;border:none;font-weight:normal}
.hl{outline:3px solid #d62828;background:#ffccd5}
.legend span{padding:0 4px;margin-right:6px}
table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ddd;padding:2px 6px}
"#;

const SCRIPT: &str = r#"
(function(){
  function highlight(rel){
    document.querySelectorAll('.hl').forEach(function(e){e.classList.remove('hl')});
    var first=null;
    (rel.dataset.ev||'').split(' ').forEach(function(id){
      if(!id)return;
      document.querySelectorAll('.text [data-ev~="'+id+'"]').forEach(function(e){
        e.classList.add('hl'); if(!first)first=e;
      });
    });
    if(first&&first.scrollIntoView)first.scrollIntoView({block:'center'});
  }
  document.querySelectorAll('.rel').forEach(function(rel){
    rel.addEventListener('click',function(){highlight(rel)});
    rel.addEventListener('keydown',function(e){if(e.key==='Enter')highlight(rel)});
  });
  document.querySelectorAll('input[data-kind]').forEach(function(box){
    box.addEventListener('change',function(){
      document.querySelectorAll('.rel[data-kind="'+box.dataset.kind+'"]').forEach(function(r){
        r.classList.toggle('hidden',!box.checked);
      });
    });
  });
  var type=document.getElementById('type-filter');
  type.addEventListener('change',function(){
    document.querySelectorAll('.text .src,.text .cnt').forEach(function(e){
      e.classList.toggle('dim',type.value!=='all'&&!e.classList.contains('t-'+type.value));
    });
  });
  if(location.hash==='#selftest'){
    var out={};
    out.events=document.querySelectorAll('#index .event').length;
    out.articles=document.querySelectorAll('article').length;
    out.sources=document.querySelectorAll('.text .src').length;
    out.cues=document.querySelectorAll('.text .cue').length;
    out.contents=document.querySelectorAll('.text .cnt').length;
    var rel=document.querySelector('.rel');
    out.relations=document.querySelectorAll('.rel').length;
    if(rel){rel.click();}
    out.highlighted_after_click=document.querySelectorAll('.hl').length;
    var box=document.querySelector('input[data-kind="agree"]');
    if(box){box.checked=false;box.dispatchEvent(new Event('change'));}
    out.agree_visible_after_filter=document.querySelectorAll('.rel[data-kind="agree"]:not(.hidden)').length;
    type.value='person';type.dispatchEvent(new Event('change'));
    out.dimmed_after_type_filter=document.querySelectorAll('.dim').length;
    out.injected_script_ran=(window.__pwned!==undefined);
    out.injected_text_shown=document.body.textContent.indexOf('<script>')>=0;
    document.getElementById('selftest-result').textContent=JSON.stringify(out);
  }
})();
"#;

/// One article's text with attribution parts and evidence marked up.
fn article_text(r: &Report, index: usize, evidence: &[(String, Span)]) -> String {
    let a = &r.articles[index];
    let text = &a.text;
    // (span, class) for attribution parts; (span, evidence id) for relations.
    let mut parts: Vec<(Span, String)> = Vec::new();
    for at in &a.attributions {
        let t = at.source.source_type.as_str();
        parts.push((at.source.span, format!("src t-{t}")));
        parts.push((at.cue.span, "cue".to_string()));
        parts.push((at.content.span, format!("cnt t-{t}")));
    }
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for s in parts
        .iter()
        .map(|(s, _)| s)
        .chain(evidence.iter().map(|(_, s)| s))
    {
        cuts.push(s.start.min(text.len()));
        cuts.push(s.end.min(text.len()));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = String::with_capacity(text.len() * 2);
    for w in cuts.windows(2) {
        let (s, e) = (w[0], w[1]);
        let Some(piece) = text.get(s..e) else {
            continue;
        };
        let inside = |sp: &Span| sp.start <= s && e <= sp.end;
        // The innermost class of each family wins: cue over content.
        let mut classes: Vec<&str> = parts
            .iter()
            .filter(|(sp, _)| inside(sp))
            .map(|(_, c)| c.as_str())
            .collect();
        if classes.contains(&"cue") {
            classes.retain(|c| *c == "cue");
        } else if classes.iter().any(|c| c.starts_with("src")) {
            classes.retain(|c| c.starts_with("src"));
        }
        classes.dedup();
        let ev: Vec<&str> = evidence
            .iter()
            .filter(|(_, sp)| inside(sp))
            .map(|(id, _)| id.as_str())
            .collect();
        if classes.is_empty() && ev.is_empty() {
            out.push_str(&escape(piece));
        } else {
            let _ = write!(
                out,
                "<span class=\"{}\" data-ev=\"{}\">{}</span>",
                classes.join(" "),
                ev.join(" "),
                escape(piece)
            );
        }
    }
    out
}

pub fn render(r: &Report) -> String {
    let mut h = String::new();
    h.push_str("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>crosscheck report</title><style>");
    h.push_str(STYLE);
    h.push_str("</style></head><body><header><h1>crosscheck report</h1></header><main><div>");

    // Index of events and articles.
    h.push_str("<nav id=\"index\"><h2>Events</h2><ul>");
    for e in &r.comparison.events {
        let links: Vec<String> = e
            .articles
            .iter()
            .filter_map(|id| r.articles.iter().position(|a| &a.id == id).map(|i| (i, id)))
            .map(|(i, id)| format!("<a href=\"#art-{i}\">{}</a>", escape(id)))
            .collect();
        let _ = write!(
            h,
            "<li class=\"event\"><b>{}</b> {} – {}<br>{}</li>",
            escape(&e.id),
            escape(e.from.as_deref().unwrap_or("?")),
            escape(e.to.as_deref().unwrap_or("?")),
            links.join(", ")
        );
    }
    h.push_str("</ul><h2>Articles</h2><ul>");
    for (i, a) in r.articles.iter().enumerate() {
        let _ = write!(
            h,
            "<li><a href=\"#art-{i}\">{}</a> — {}</li>",
            escape(&a.outlet),
            escape(&a.id)
        );
    }
    h.push_str("</ul></nav>");

    // Filters and relations, contradictions and quote variants first.
    h.push_str("<section id=\"filters\"><h2>Relations</h2>");
    for k in [
        "contradict",
        "quote-variant",
        "attribution-differs",
        "tension",
        "agree",
        "syndicated",
    ] {
        let _ = write!(
            h,
            "<label><input type=\"checkbox\" checked data-kind=\"{k}\"> {k}</label> "
        );
    }
    h.push_str(
        "<br><label>Source type <select id=\"type-filter\"><option value=\"all\">all</option>",
    );
    for t in crate::model::SourceType::ALL {
        let _ = write!(h, "<option value=\"{0}\">{0}</option>", t.as_str());
    }
    h.push_str("</select></label>");
    let mut evidence: Vec<Vec<(String, Span)>> = vec![Vec::new(); r.articles.len()];
    for i in review_order(&r.comparison) {
        let rel = &r.comparison.relations[i];
        let ids: Vec<String> = (0..rel.claims.len())
            .map(|side| format!("e{i}-{side}"))
            .collect();
        let _ = write!(
            h,
            "<div class=\"rel\" tabindex=\"0\" data-kind=\"{}\" data-ev=\"{}\"><span class=\"kind\">{}</span> {:.2} — {}",
            escape(rel.kind),
            ids.join(" "),
            escape(rel.kind),
            rel.confidence,
            escape(&rel.reason)
        );
        for (side, c) in rel.claims.iter().enumerate() {
            if let Some(a) = r.articles.iter().position(|a| a.id == c.article) {
                evidence[a].push((ids[side].clone(), c.span));
            }
            let text: String = emphasise(&c.text, &emphasis(rel, side))
                .into_iter()
                .map(|(t, em)| {
                    if em {
                        format!("<mark>{}</mark>", escape(t))
                    } else {
                        escape(t)
                    }
                })
                .collect();
            let credit = c
                .source
                .as_deref()
                .map(|x| format!(" [{}]", escape(x)))
                .unwrap_or_default();
            let _ = write!(
                h,
                "<div class=\"claim\"><b>{}</b>{credit}: {text}</div>",
                escape(&c.outlet)
            );
        }
        h.push_str("</div>");
    }
    let _ = write!(
        h,
        "<p>{} claims are single-source.</p></section></div><div>",
        r.comparison.single_source
    );

    // Each article with its sourcing profile and highlighted text.
    h.push_str("<section><p class=\"legend\"><span class=\"src\">source</span><span class=\"cue\">cue</span><span class=\"cnt\">content</span><span class=\"hl\">evidence</span></p></section>");
    for (i, a) in r.articles.iter().enumerate() {
        let p = &a.profile;
        let _ = write!(
            h,
            "<article id=\"art-{i}\"><section><h2>{} — {}</h2><p>{} · {} claims: {} attributed, {} own voice · sources {} named, {} anonymous · {} direct, {} indirect, {} mixed</p><div class=\"text\">{}</div></section></article>",
            escape(&a.outlet),
            escape(&a.id),
            escape(a.published.as_deref().unwrap_or("undated")),
            p.claims,
            p.attributed,
            p.own_voice,
            p.named_sources,
            p.anonymous_sources,
            p.direct,
            p.indirect,
            p.mixed,
            article_text(r, i, &evidence[i])
        );
    }
    h.push_str("</div></main><pre id=\"selftest-result\"></pre><script>");
    h.push_str(SCRIPT);
    h.push_str("</script></body></html>\n");
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("<script>\"x\"&'y'</script>"),
            "&lt;script&gt;&quot;x&quot;&amp;&#39;y&#39;&lt;/script&gt;"
        );
    }
}
