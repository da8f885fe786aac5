//! From article text to attribution records.
//!
//! ingest gives the text; here it goes through furniture removal
//! ([`crate::furniture`]), paragraphs and sentences ([`crate::segment`]),
//! tokens and tags ([`crate::lexer`]), the grammar ([`crate::grammar`]) and
//! entity resolution ([`crate::resolve`]). This module owns what holds those
//! together:
//! - the shape of a content: trimming, direct / indirect / mixed;
//! - nesting: a content is parsed again, so a quotation inside a quotation
//!   gives two records and "X told Y that P, KCNA reported" gives one record
//!   for X relayed via KCNA;
//! - sources the grammar leaves open: the subject of a clause for "…, saying
//!   P", and the antecedent of a pronoun.

use std::ops::Range;

use crate::furniture::Furniture;
use crate::grammar::{self, Match};
use crate::ingest::Document;
use crate::lexer::{tag, tag_string, CueInfo, Lexicon, Token};
use crate::model::{
    ArticleAttributions, Attribution, Content, Cue, QuoteKind, Source, SourceType, Span,
};
use crate::resolve::{self, ArticleNames, Gazetteer, Gender, Resolved};
use crate::rules::{Frame, Object, Rules, RulesError};
use crate::segment;

/// Everything extraction needs, built once from the rules and shared by all articles.
#[derive(Debug, Clone)]
pub struct Extractor {
    lexicon: Lexicon,
    furniture: Furniture,
    gazetteer: Gazetteer,
}

struct Sentence {
    span: Span,
    tokens: Vec<Token>,
    tags: String,
    /// The sentence ends with a question mark.
    asks: bool,
}

/// An attribution in token indices, before resolution.
#[derive(Debug, Clone)]
struct Found {
    /// The sentence holding the content.
    sentence: usize,
    /// The sentence holding source, cue and via: the same one, except for a
    /// quotation continued after its attribution.
    from: usize,
    /// The last sentence the content runs through: a transcript answer
    /// after a speaker label goes on to the end of its paragraph.
    through: usize,
    pattern: &'static str,
    source: Range<usize>,
    via: Option<Range<usize>>,
    cue: usize,
    content: Range<usize>,
    kind: QuoteKind,
}

impl Extractor {
    pub fn new(rules: &Rules) -> Result<Extractor, RulesError> {
        Ok(Extractor {
            lexicon: Lexicon::new(rules),
            furniture: Furniture::new(&rules.furniture)?,
            gazetteer: Gazetteer::new(rules),
        })
    }

    /// An extractor with the built-in rules only.
    pub fn builtin() -> Extractor {
        let rules = Rules::builtin();
        // The built-in furniture patterns are tested; failing here is a build defect.
        Extractor::new(&rules).unwrap_or_else(|e| panic!("built-in rules: {e}"))
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// The sentences extraction looks at, in order (furniture left out).
    pub fn sentences(&self, text: &str, body_start: usize) -> Vec<Span> {
        let lines = self.furniture.content_spans(text, body_start);
        segment::paragraphs(text, &lines)
            .into_iter()
            .flat_map(|p| segment::sentences(text, p, &self.lexicon))
            .collect()
    }

    /// The extraction record of one document.
    pub fn extract_document(&self, doc: &Document) -> ArticleAttributions {
        ArticleAttributions {
            id: doc.id.clone(),
            path: doc.path.clone(),
            meta: doc.meta.clone(),
            attributions: self.extract_article(
                &doc.text,
                doc.body_start,
                doc.meta.outlet.as_deref(),
            ),
        }
    }

    /// Every attribution in `text[body_start..]`, in reading order.
    pub fn extract(&self, text: &str, body_start: usize) -> Vec<Attribution> {
        self.extract_article(text, body_start, None)
    }

    /// [`Extractor::extract`], knowing the outlet: where the text has no
    /// dateline, the country the outlet names is where the article reports
    /// from ("officials" in an Indian daily are Indian officials).
    pub fn extract_article(
        &self,
        text: &str,
        body_start: usize,
        outlet: Option<&str>,
    ) -> Vec<Attribution> {
        let mut names = ArticleNames::default();
        let sentences: Vec<Sentence> = self
            .sentences(text, body_start)
            .into_iter()
            .map(|span| {
                let tokens = self.lexicon.tokenize(text, span);
                names.observe(text, &tokens);
                let tags = tag_string(&tokens);
                let asks = span.slice(text).trim_end().ends_with('?');
                Sentence {
                    span,
                    tokens,
                    tags,
                    asks,
                }
            })
            .collect();
        names.set_home(
            text,
            sentences
                .iter()
                .take(DATELINE_WITHIN)
                .map(|s| s.tokens.as_slice()),
            outlet,
            &self.gazetteer,
        );

        let mut found = Vec::new();
        for (i, s) in sentences.iter().enumerate() {
            let mut here: Vec<Found> = Vec::new();
            let mut resumed = Vec::new();
            let cues = grammar::matches(&s.tags, |m| {
                !interrupts_a_clause(text, s, m)
                    && !participle_as_source(text, s, m)
                    && !refused_bare_subject(&self.lexicon, text, s, m)
                    && !object_pronoun_first(s, m)
                    && self.names_a_speaker(text, s, m, &names)
                    && self.takes_its_content(text, s, m)
            });
            for m in cues {
                // "…, adding that …" belongs to the speaker of the sentence's
                // previous attribution, if it has one.
                let last = here.last();
                let speaker = last.map(|f| f.source.clone());
                // "Xinhua reported that Li described … and said …": a cue
                // joined to the last one is relayed as that one was.
                let relay = last
                    .and_then(|f| f.via.clone())
                    .filter(|_| m.source.is_none() && m.pattern == "dangling_cue");
                let mut shaped = self.shape(text, s, i, &m, 0..s.tokens.len(), speaker.clone(), 0);
                if let Some(via) = relay {
                    for f in shaped
                        .iter_mut()
                        .filter(|f| Some(&f.source) == speaker.as_ref())
                    {
                        f.via.get_or_insert_with(|| via.clone());
                    }
                }
                if let Some(f) = shaped.first_mut().filter(|f| f.cue == m.cue) {
                    resumed.extend(more_quotations(s, &m, f));
                }
                if let Some(r) = relative_aside(s, &m) {
                    shaped.extend(self.shape(text, s, i, &r, 0..s.tokens.len(), None, 0));
                }
                here.extend(shaped);
            }
            // One cue, one reading: the first (widest) wins.
            let mut seen = Vec::new();
            here.retain(|f: &Found| {
                let new = !seen.contains(&f.cue);
                seen.push(f.cue);
                new
            });
            here.append(&mut resumed);
            here.sort_by_key(|f| (f.cue, f.content.start));
            let quoted_self: Vec<bool> = here
                .iter()
                .map(|f| self.speaker_quoting_self(text, s, f, &here))
                .collect();
            let mut quoted_self = quoted_self.into_iter();
            here.retain(|_| !quoted_self.next().unwrap_or(false));
            for f in here.iter_mut().filter(|f| f.pattern == "speaker_label") {
                transcript(text, &sentences, f);
            }
            // A sentence that is one quotation continuing the last one is
            // that speaker's; cues inside it are the speaker's own words.
            match continued_quote(&sentences, i, found.last()) {
                Some(c) => found.push(c),
                None => found.extend(here),
            }
        }
        open_quote_paragraphs(&sentences, &mut found);
        block_quotes(text, &sentences, &mut found);
        self.resolve_all(text, &sentences, &names, found)
    }

    /// Turns a grammar match into records: fixes the content's extent and
    /// kind, fills a dangling source, and parses the content for nested ones.
    #[allow(clippy::too_many_arguments)]
    fn shape(
        &self,
        text: &str,
        s: &Sentence,
        i: usize,
        m: &Match,
        scope: Range<usize>,
        speaker: Option<Range<usize>>,
        depth: u8,
    ) -> Vec<Found> {
        let opened = self.focus_opens(text, s, m, listener_split(s, m));
        let opened = self.past_gerund_listener(s, m, opened);
        let Some((mut content, mut kind)) = shape_content(&s.tokens, opened) else {
            return Vec::new();
        };
        // "The economy, he said, is recovering" / "The deal, according to
        // aides, is off": the subject before the parenthetical belongs to
        // what was said.
        let aside = match m.pattern {
            "parenthetical" => m.source.as_ref().map(|src| src.start.min(m.cue)),
            "according_first" => Some(m.cue),
            "as_source" => m.source.as_ref().map(|src| src.start.saturating_sub(1)),
            _ => None,
        };
        if let Some(opens) = aside.filter(|&at| at > 0 && s.tokens[at - 1].tag == tag::COMMA) {
            let before = s.tokens.get(scope.start..opens - 1);
            let opens_clause =
                |b: &[Token]| is_subject_fragment(text, b) || is_unfinished_clause(text, b);
            if kind != QuoteKind::Direct && before.is_some_and(opens_clause) {
                content.start = scope.start;
            }
        }
        // "The suspect, police said, fled the scene": a subject alone before
        // a reporting clause whose predicate follows it is the
        // parenthetical's, and the claim runs on after the clause. The
        // predicate opens after the comma that closes the clause (a time
        // may stand before it) and ends where a content would.
        let comma = (m.cue + 1..scope.end).find(|&k| s.tokens[k].tag != tag::TIME);
        let predicate = comma
            .filter(|&k| s.tokens[k].tag == tag::COMMA)
            .map(|k| k + 1)
            .filter(|&k| {
                s.tokens.get(k).is_some_and(|t| {
                    matches!(
                        t.tag,
                        tag::WORD | tag::PARTICIPLE | tag::AUX | tag::BE | tag::NEGATION
                    )
                })
            });
        if let Some(from) = predicate.filter(|_| {
            m.pattern == "clause_then_source"
                && kind == QuoteKind::Indirect
                && is_subject_fragment(text, &s.tokens[content.clone()])
        }) {
            let end = grammar::content_end(&s.tags, from).min(scope.end);
            if s.tokens[content.end..end].iter().any(|t| is_quote(t.tag)) {
                kind = QuoteKind::Mixed;
            }
            content.end = end;
        }
        let source = match &m.source {
            Some(r) => r.clone(),
            None => match speaker.or_else(|| subject_of(s, m, scope.start)) {
                Some(r) => r,
                None => return Vec::new(),
            },
        };
        let source = self.without_time_phrase(text, s, m, source);
        let cue_info = self.cue_info(s, m.cue);
        // What a cue takes as its object is checked only where the content
        // follows the cue ("…, large study finds" puts it first).
        // "As X put it, …" is a report whatever the cue takes elsewhere.
        let checks_object = content.start > m.cue && m.pattern != "as_source";
        if let Some(info) = cue_info.filter(|_| checks_object) {
            // "Markby accused of …" is a passive: nobody accuses here.
            let passive = info.family == "accusation"
                && s.tokens.get(m.cue + 1).is_some_and(|t| t.tag == tag::OF);
            if passive {
                return Vec::new();
            }
            let after_that = content.start > 0 && s.tokens[content.start - 1].tag == tag::THAT;
            // "told that story": a listener cue with no listener takes a
            // clause ("informed that the talks had ended"), not a thing.
            let no_listener = s.tokens[m.cue].tag == tag::CUE_LISTENER
                && s.tokens.get(m.cue + 1).is_some_and(|t| t.tag == tag::THAT);
            if no_listener
                && kind != QuoteKind::Direct
                && !has_verb(text, clause_head(&s.tokens[content.clone()]))
            {
                return Vec::new();
            }
            // "asked not to be identified": the negation goes with the plan.
            let to_at = content.start
                + usize::from(
                    s.tokens
                        .get(content.start)
                        .is_some_and(|t| t.tag == tag::NEGATION),
                );
            let to_first = s.tokens.get(to_at).is_some_and(|t| {
                t.tag == tag::PREP && t.span.slice(text).eq_ignore_ascii_case("to")
            }) && s.tokens.get(to_at + 1).is_some_and(|t| {
                matches!(
                    t.tag,
                    tag::WORD | tag::AUX | tag::BE | tag::CUE | tag::CUE_NOUN | tag::CUE_LISTENER
                )
            });
            let rejected = match info.object {
                Object::Any => false,
                // "threatened to resign", "expects to announce results": a
                // plan of the subject's own, no claim ("confirmed to Reuters
                // the firm was sold" and "argued that to win, …" are claims).
                Object::Clause | Object::That
                    if kind == QuoteKind::Indirect && to_first && !after_that =>
                {
                    true
                }
                Object::Clause => {
                    let head = clause_head(&s.tokens[content.clone()]);
                    // "expects growth to slow": a belief's object may be a
                    // noun with an infinitive.
                    let belief = info.family == "belief" && has_infinitive(text, head);
                    kind != QuoteKind::Direct && !after_that && !has_verb(text, head) && !belief
                }
                Object::Quote => kind == QuoteKind::Indirect,
                // "The inquiry found ‘serious failings’ on several wards":
                // a quotation may open the object.
                Object::That => {
                    let quote_first = s
                        .tokens
                        .get(content.start)
                        .is_some_and(|t| matches!(t.tag, tag::OPEN_QUOTE | tag::OPEN_SINGLE));
                    kind != QuoteKind::Direct && !after_that && !quote_first
                }
                Object::Infinitive => {
                    let toks = &s.tokens[content.clone()];
                    // The listener: a few words, no phrase of place or time;
                    // the verb after "to" may open a quotation ("to ‘stop
                    // managing decline’").
                    let verb = |t: &Token| matches!(t.tag, tag::WORD | tag::AUX | tag::BE);
                    let to = toks
                        .iter()
                        .take(7)
                        .position(|t| t.span.slice(text).eq_ignore_ascii_case("to"));
                    !to.is_some_and(|k| {
                        k > 0
                            && toks[..k]
                                .iter()
                                .all(|t| !matches!(t.tag, tag::PREP | tag::TIME))
                            && match toks.get(k + 1) {
                                Some(t) if is_quote(t.tag) => toks.get(k + 2).is_some_and(verb),
                                t => t.is_some_and(verb),
                            }
                    })
                }
            };
            if rejected {
                return Vec::new();
            }
            if kind == QuoteKind::Indirect && content.start == m.cue + 1 {
                cut_joined_predicate(text, &s.tokens, &mut content);
            }
            if info.family == "accusation" && kind != QuoteKind::Direct {
                self.cut_time_clause(text, &s.tokens, &mut content);
            }
        }
        // "The plan Moscow rejected was revised": a reported clause needs a
        // subject; one that opens with "was" is the sentence's own verb.
        // After a noun it is a relative's ("children it says were taken"),
        // as after "which Moscow said".
        let after_noun = source.start > 0
            && matches!(
                s.tokens[source.start - 1].tag,
                tag::WORD | tag::NOUN | tag::PROPER
            );
        if kind == QuoteKind::Indirect
            && m.pattern == "source_then_clause"
            && !after_noun
            && s.tokens
                .get(content.start)
                .is_some_and(|t| t.tag == tag::BE)
        {
            return Vec::new();
        }
        if s.asks && is_question(&s.tokens, &source, &content) {
            return Vec::new();
        }
        let content = trim_subordinate(s, &source, content);
        let outer = Found {
            sentence: i,
            from: i,
            through: i,
            pattern: m.pattern,
            source,
            via: m
                .via
                .clone()
                .or_else(|| according_after(s, m))
                .or_else(|| self.carried_by(text, s, m, &content)),
            cue: m.cue,
            content,
            kind,
        };
        if depth > 0 {
            return vec![outer];
        }
        // Parse the content again for attributions inside it.
        let inner_scope = outer.content.clone();
        let mut nested = Vec::new();
        if let Some(sub) = s.tags.get(inner_scope.clone()) {
            for n in grammar::matches(sub, |n| {
                let n = n.clone().shifted(inner_scope.start);
                !is_label(n.pattern)
                    && self.takes_its_content(text, s, &n)
                    && !refused_bare_subject(&self.lexicon, text, s, &n)
            }) {
                let n = n.shifted(inner_scope.start);
                // "X accused Y of Z and called for W": the dangling cue's
                // speaker is the outer source, not a noun inside the content.
                nested.extend(self.shape(
                    text,
                    s,
                    i,
                    &n,
                    inner_scope.clone(),
                    Some(outer.source.clone()),
                    depth + 1,
                ));
            }
        }
        // A label always keeps its own record.
        let reports = !is_label(m.pattern)
            && cue_info.is_none_or(|c| matches!(c.family.as_str(), "speech" | "relay"));
        let mut out = Vec::new();
        let mut keep_outer = true;
        for mut n in nested {
            if n.cue == outer.cue {
                // "The move, analysts said, was expected": the content runs
                // over its own reporting clause, which is no nested record.
                continue;
            }
            if n.source.start < inner_scope.start {
                // Its source stands outside the content: a record of its own.
            } else if is_label(m.pattern) {
                // "AFP: South Korea's military said …": the labelled speaker
                // relays it, in words of their own ("Editor's note:" is no
                // speaker of a name).
                let named = s.tokens[outer.source.clone()]
                    .iter()
                    .all(|t| matches!(t.tag, tag::PROPER | tag::TITLE));
                if named {
                    n.via.get_or_insert(outer.source.clone());
                }
            } else if outer.kind == QuoteKind::Direct {
                // A quotation inside a quotation: the speaker quoted is relayed
                // by the outer one, in words the outer one quotes verbatim.
                n.via.get_or_insert(outer.source.clone());
                if n.kind == QuoteKind::Indirect {
                    n.kind = QuoteKind::Direct;
                }
            } else if reports && only_adjunct_before(&s.tokens[inner_scope.start..n.source.start]) {
                let pronoun = n.source.len() == 1 && s.tokens[n.source.start].tag == tag::PRONOUN;
                let family = self.cue_info(s, n.cue).map(|c| c.family.as_str());
                let speech = family == Some("speech");
                if !pronoun && family == Some("belief") && outer.via.is_some() {
                    // "The spy agency believes P, a newspaper reported, citing
                    // lawmakers": the lawmakers relay what the agency believes,
                    // and the lawmakers' report is a record of its own.
                    n.via.get_or_insert(outer.source.clone());
                    out.push(n);
                    continue;
                }
                if pronoun || !speech {
                    // "China hopes P, the spokesperson said": the spokesperson's
                    // words, which voice the state's hope; "Karen said she had
                    // complained": her own account. One record either way.
                    continue;
                }
                // "Suga said Japan will continue to urge China …": what is
                // yet to be said is the outer speaker's claim, not a relay.
                // (Empty when the source follows its cue: "…, said Smith".)
                let modal = (n.source.end..n.cue).any(|k| {
                    let t = &s.tokens[k];
                    t.tag == tag::AUX && self.lexicon.is_modal(t.span.slice(text))
                });
                if modal {
                    continue;
                }
                // "X told Y that P, according to Z": one claim by X, relayed by Z.
                // ("Z denied reports that …" denies them; it relays nothing.)
                n.via.get_or_insert(outer.source.clone());
                keep_outer = false;
            }
            out.push(n);
        }
        if keep_outer {
            out.insert(0, outer);
        }
        out
    }

    /// "accused the officials of “losing their nerve” after Redmere let slip
    /// a lead": a clause of time after the charge says when it was made,
    /// not what it is ("of failing to act before the floods" keeps its
    /// phrase). Only after the charge's "of".
    fn cut_time_clause(&self, text: &str, tokens: &[Token], content: &mut Range<usize>) {
        let toks = &tokens[content.clone()];
        let Some(of) = toks.iter().position(|t| t.tag == tag::OF) else {
            return;
        };
        let clause_at = (of + 1..toks.len()).find(|&k| {
            toks[k].tag == tag::PREP
                && self.lexicon.is_time_preposition(toks[k].span.slice(text))
                && {
                    let rest = &toks[k + 1..];
                    let name = rest.iter().take_while(|t| t.tag == tag::PROPER).count();
                    let named_subject = name > 0
                        && rest
                            .get(name)
                            .is_some_and(|t| matches!(t.tag, tag::WORD | tag::PARTICIPLE));
                    named_subject || has_verb(text, rest)
                }
        });
        if let Some(k) = clause_at {
            content.end = content.start + k;
        }
    }

    /// "said in a statement carried by state news agency Wam": the party a
    /// relay participle after the cue names, outside the content.
    fn carried_by(
        &self,
        text: &str,
        s: &Sentence,
        m: &Match,
        content: &Range<usize>,
    ) -> Option<Range<usize>> {
        let end = if content.start > m.cue {
            content.start
        } else {
            s.tokens.len()
        };
        let at = (m.cue + 1..end.saturating_sub(2)).find(|&k| {
            s.tokens[k + 1].tag == tag::BY
                && self
                    .lexicon
                    .is_relay_participle(s.tokens[k].span.slice(text))
        })?;
        let np = grammar::source_at(&s.tags, at + 2)?;
        Some(at + 2..np.min(end))
    }

    /// `content` widened over the focus adverbs between it and the cue:
    /// "said only fraud could prevent a victory" (but "said only that …").
    fn focus_opens(
        &self,
        text: &str,
        s: &Sentence,
        m: &Match,
        mut content: Range<usize>,
    ) -> Range<usize> {
        while content.start > m.cue + 1 {
            let t = s.tokens[content.start - 1];
            if t.tag != tag::AUX || !self.lexicon.is_focus_adverb(t.span.slice(text)) {
                break;
            }
            content.start -= 1;
        }
        content
    }

    /// `content` after the listener of a listener cue's gerund, which the
    /// grammar cannot tell from a saying's: "assuring customers that P"
    /// reports P.
    fn past_gerund_listener(
        &self,
        s: &Sentence,
        m: &Match,
        mut content: Range<usize>,
    ) -> Range<usize> {
        let listens = s.tokens[m.cue].tag == tag::CUE_GERUND
            && self
                .cue_info(s, m.cue)
                .is_some_and(|c| c.frame == Frame::Listener);
        if !listens || content.start != m.cue + 1 {
            return content;
        }
        let head = &s.tokens[content.clone()];
        // A "that" a clause follows, not "that day".
        let that = head.iter().take(6).enumerate().position(|(k, t)| {
            t.tag == tag::THAT
                && !head
                    .get(k + 1)
                    .is_some_and(|n| matches!(n.tag, tag::TIME | tag::WORD | tag::NOUN))
        });
        let listener = that.is_some_and(|k| {
            k > 0
                && head[..k]
                    .iter()
                    .all(|t| in_noun_phrase(t.tag) || t.tag == tag::PRONOUN)
        });
        if let Some(k) = that.filter(|_| listener) {
            content.start += k + 1;
        }
        content
    }

    /// A source without a phrase of time, which says when, not who: "said
    /// coach Marta Lind after the match" ends before it; in "The remarks
    /// came after the central bank warned that …" (a verb before it) the
    /// source follows it. "a statement released by the ministry after the
    /// talks" was released then: the phrase belongs to the participle.
    fn without_time_phrase(
        &self,
        text: &str,
        s: &Sentence,
        m: &Match,
        source: Range<usize>,
    ) -> Range<usize> {
        let t = &s.tokens;
        // A relative clause is the source's own: "observers who were in
        // the room during the talks".
        let time = (source.start + 1..source.end)
            .take_while(|&k| !matches!(t[k].tag, tag::PARTICIPLE | tag::RELATIVE))
            .find(|&k| {
                t[k].tag == tag::PREP && self.lexicon.is_time_preposition(t[k].span.slice(text))
            });
        match time {
            Some(k) if source.end <= m.cue && k + 1 < source.end && t[k - 1].tag == tag::WORD => {
                k + 1..source.end
            }
            Some(k) => source.start..k,
            None => source,
        }
    }

    /// False for a match whose content its cue cannot take, refused here so
    /// that the sentence is read again without it (`shape` checks what a
    /// cue takes after it once the content is known):
    /// - an inverted cue that needs a quotation, with none: "the drug,
    ///   called Ocaliva, more often" names the drug;
    /// - a content opening with "and" right after the cue, which is a noun
    ///   ("missed Wall Street estimates and issued …");
    /// - an inverted cue after a noun phrase and its apposition, unquoted:
    ///   its subject ("Smith, the coach, said the team …");
    /// - a relative pronoun as the content of anything but a denial: in
    ///   "…, which he denies" it is the claim denied, in "…, which
    ///   analysts expected" or "…, where she testified" no claim.
    fn takes_its_content(&self, text: &str, s: &Sentence, m: &Match) -> bool {
        let info = self.cue_info(s, m.cue);
        let inverted = m.source.as_ref().is_some_and(|r| r.start > m.cue);
        let quoted = || {
            s.tags.as_bytes()[m.content.clone()]
                .iter()
                .any(|&t| matches!(t, tag::OPEN_QUOTE | tag::OPEN_SINGLE))
        };
        if inverted && info.is_some_and(|c| c.object == Object::Quote) && !quoted() {
            return false;
        }
        // "Crime rose, according to police who …" and "Crime rose according
        // to police who …" name a source; "paid according to a formula that
        // rewards seniority" a manner: without the comma, only a named or
        // source noun takes a relative.
        if let Some(src) = m
            .source
            .as_ref()
            .filter(|_| m.pattern == "clause_according")
        {
            let t = &s.tokens;
            let comma = m.cue > 0 && t[m.cue - 1].tag == tag::COMMA;
            let relative = t
                .get(src.end)
                .is_some_and(|t| matches!(t.tag, tag::RELATIVE | tag::THAT));
            let named = matches!(t[src.end - 1].tag, tag::NOUN | tag::PROPER);
            if relative && !comma && !named {
                return false;
            }
        }
        // "The filing shows …": a cue read only with one kind of source
        // needs a noun of that kind in it.
        if let Some(kind) = info.and_then(|c| c.source) {
            let toks = m.source.as_ref().and_then(|r| s.tokens.get(r.clone()));
            if !toks.is_some_and(|t| t.iter().any(|t| t.noun == Some(kind))) {
                return false;
            }
        }
        // "Smith, the coach, said the team played well": a noun phrase and
        // its apposition before the cue are its subject, not what was said.
        let apposition = || {
            let content = &s.tokens[m.content.clone()];
            let noun_phrase = |part: &[Token]| {
                part.first().is_some_and(|t| {
                    matches!(
                        t.tag,
                        tag::PROPER | tag::TITLE | tag::DETERMINER | tag::NUMBER
                    )
                }) && part
                    .iter()
                    .all(|t| in_noun_phrase(t.tag) || matches!(t.tag, tag::NUMBER | tag::OF))
            };
            let mut parts = content.split(|t| t.tag == tag::COMMA);
            parts.next().is_some_and(noun_phrase)
                && parts.next().is_some_and(noun_phrase)
                && parts.all(noun_phrase)
        };
        // "missed Wall Street estimates and issued …": a cue-word followed
        // by "and" is a plural noun; nothing said opens with "and".
        if m.content.start == m.cue + 1 && s.tokens[m.cue + 1].tag == tag::COORD {
            return false;
        }
        let word_cue = matches!(s.tokens[m.cue].tag, tag::CUE | tag::CUE_LISTENER);
        if inverted && word_cue && !quoted() && apposition() {
            return false;
        }
        let relative = m.pattern == "object_relative"
            && m.content.len() == 1
            && s.tokens[m.content.start].tag == tag::RELATIVE;
        !relative
            || s.tokens[m.content.start]
                .span
                .slice(text)
                .eq_ignore_ascii_case("which")
                && info.is_some_and(|c| c.family == "denial")
    }

    /// What the rules say of the cue at token `at`, if it is one.
    fn cue_info(&self, s: &Sentence, at: usize) -> Option<&CueInfo> {
        s.tokens
            .get(at)
            .and_then(|t| t.cue)
            .and_then(|c| self.lexicon.cue(c))
    }

    /// Inside a quotation, "you're telling", "I will say it", "we have
    /// agreed to …" or "we have assessed that …" and a participle hanging
    /// off the speaker's own clause are the speaker's words, not
    /// attributions. "We told them that …" (a message passed to a listener)
    /// is one, unless its cue is in the base form ("before we tell").
    fn speaker_quoting_self(&self, text: &str, s: &Sentence, f: &Found, all: &[Found]) -> bool {
        let quoted = all.iter().any(|g| {
            g.kind == QuoteKind::Direct && g.content.start <= f.cue && f.cue < g.content.end
        });
        if !quoted {
            return false;
        }
        let source = token_span(&s.tokens, &f.source).slice(text).to_lowercase();
        let base_form = || {
            let form = s.tokens[f.cue].span.slice(text).to_lowercase();
            self.cue_info(s, f.cue).is_some_and(|c| c.lemma == form)
        };
        match source.split(['\'', '’']).next().unwrap_or("") {
            "you" => true,
            "i" | "we" => {
                base_form()
                    || self
                        .cue_info(s, f.cue)
                        .is_none_or(|c| c.frame != Frame::Listener)
            }
            _ => f.pattern == "dangling_cue",
        }
    }

    /// A speaker label must be able to name a speaker ("Guo Jiakun:",
    /// "Kremlin:", "…: JCS"; not "Watch:" or a dateline in capitals) and
    /// stand at the start of its line. Other matches pass.
    fn names_a_speaker(&self, text: &str, s: &Sentence, m: &Match, names: &ArticleNames) -> bool {
        let (Some(source), true) = (&m.source, is_label(m.pattern)) else {
            return true;
        };
        let toks = &s.tokens[source.clone()];
        let words = resolve::words_of(text, toks);
        let capitals = !words.chars().any(char::is_lowercase);
        // In capitals: an agency or acronym ("AFP:", "…: JCS"), not a
        // dateline ("ISLAMABAD:", "NEW DELHI -").
        let speaker = if capitals {
            let body = resolve::resolve(text, toks, &self.gazetteer, names).source_type;
            matches!(body, SourceType::Media | SourceType::Organization)
                && self.gazetteer.knows(&words)
                || m.pattern == "headline_source" && words.len() <= 5
        } else {
            // "New Delhi: Home Minister Rajnath Singh said …": a capital
            // before a named source and its cue is a dateline.
            let dateline = || {
                let content = &s.tokens[m.content.clone()];
                let name = content.iter().take_while(|t| in_noun_phrase(t.tag)).count();
                (1..8).contains(&name)
                    && content
                        .get(name)
                        .is_some_and(|t| matches!(t.tag, tag::CUE | tag::CUE_LISTENER))
                    && resolve::resolve(text, toks, &self.gazetteer, names).source_type
                        == SourceType::Government
            };
            (toks.iter().any(resolve::is_role)
                || toks.iter().filter(|t| t.tag == tag::PROPER).count() >= 2
                || self.gazetteer.knows(&words)
                || names.is_name_part(&words))
                && !dateline()
        };
        // What is said has words, not just a date and a time.
        let wordy = s.tokens[m.content.clone()]
            .iter()
            .filter(|t| {
                matches!(
                    t.tag,
                    tag::WORD
                        | tag::PROPER
                        | tag::NOUN
                        | tag::CUE
                        | tag::AUX
                        | tag::BE
                        | tag::PARTICIPLE
                        | tag::PRONOUN
                )
            })
            .count()
            >= 3;
        // "Oduya: Completely. I didn’t set out to …": a short first
        // sentence of an answer that goes on along its line with a clause
        // of its own (a player rating's "Saka: Superb. Ran the defence
        // ragged" has no subject: it is no answer).
        let answer_goes_on = || {
            let rest = text.get(s.span.end..).unwrap_or_default();
            let line = rest.split('\n').next().unwrap_or_default();
            let mut words = line
                .split_whitespace()
                .filter(|w| w.starts_with(char::is_alphabetic));
            let subject =
                |w: &str| self.lexicon.opens_clause(w) || INDEFINITE_PRONOUNS.contains(&w);
            words
                .next()
                .is_some_and(|w| subject(w.trim_end_matches(['’', '\''])))
                && words.count() >= 2
        };
        speaker && (wordy || answer_goes_on()) && starts_line(text, s.span.start)
    }

    /// What a named person's record says of their gender: a gendered word
    /// in the mention ("Ms Kyle", "the spokeswoman").
    fn gender_evidence(&self, text: &str, from: &Sentence, f: &Found) -> Option<Gender> {
        let mention = &from.tokens[f.source.clone()];
        if mention.len() == 1 && mention[0].tag == tag::PRONOUN {
            return None;
        }
        // Only the mention's own words ("Mrs", "spokeswoman") tell: a
        // possessive in it is someone else's ("Her former boss"), and so may
        // be a pronoun in what was said ("His widow said he was murdered",
        // "describes her as calm").
        mention
            .iter()
            .filter(|t| t.tag != tag::DETERMINER)
            .find_map(|t| self.gazetteer.gender_of(t.span.slice(text)))
    }

    fn resolve_all(
        &self,
        text: &str,
        sentences: &[Sentence],
        names: &ArticleNames,
        found: Vec<Found>,
    ) -> Vec<Attribution> {
        let mut memory = Antecedents::default();
        let mut out = Vec::with_capacity(found.len());
        // Sentences before this one have been read for narration.
        let mut narrated = 0;
        for f in found {
            let upto = f.from.min(f.sentence);
            for (i, s) in sentences.iter().enumerate().take(upto).skip(narrated) {
                self.note_issuer(text, sentences, i, s, names, &mut memory);
            }
            narrated = narrated.max(upto);
            let s = &sentences[f.sentence];
            let via = f
                .via
                .as_ref()
                .map(|r| self.source(text, sentences, f.from, r, names, &memory));
            let source = self.source(text, sentences, f.from, &f.source, names, &memory);
            let source = match &via {
                Some(quoter) => first_person(source, quoter),
                None => source,
            };
            if source.source_type == SourceType::Person {
                if let Some(g) = self.gender_evidence(text, &sentences[f.from], &f) {
                    memory.note_gender(&source.entity, g);
                }
                memory.last_person_at = Some(f.through);
            }
            // The grammatical subject is what a later "it"/"he" most likely means.
            let relayed = via.as_ref().filter(|_| f.pattern == "relay_citing");
            // "Police said … They said …": a body named by a plural common
            // noun is a "they" too ("Reuters" and "the Philippines" are no
            // plurals).
            let plural = relayed.is_none()
                && sentences[f.from].tokens[f.source.clone()]
                    .last()
                    .is_some_and(|t| {
                        t.tag == tag::NOUN && resolve::is_plural(&resolve::fold(t.span.slice(text)))
                    });
            memory.remember(relayed.unwrap_or(&source), plural);
            let is_body = !matches!(
                source.source_type,
                SourceType::Person | SourceType::Anonymous | SourceType::Collective
            );
            let toks = &sentences[f.from].tokens[f.source.clone()];
            // The work the latest body credited is its own: another body
            // credited since has none.
            if source.source_type == SourceType::Document {
                memory.document_noun = toks
                    .iter()
                    .rfind(|t| t.noun == Some(SourceType::Document))
                    .map(|t| resolve::fold(t.span.slice(text)));
            } else if is_body {
                memory.document_noun = None;
            }
            if is_body && self.names_a_spokesperson(text, toks) {
                memory.spoken_for = Some(resolved_of(&source));
            }
            match body_head(text, toks) {
                Some((head, false, _)) if is_body => memory.bodies.push((
                    head,
                    Resolved {
                        role: None,
                        ..resolved_of(&source)
                    },
                )),
                _ => {}
            }
            if let Some(noun) = described_person(text, toks, &source) {
                memory.described.push((noun, resolved_of(&source)));
            }
            let cue_tok = sentences[f.from].tokens[f.cue];
            let info = self.cue_info(&sentences[f.from], f.cue);
            let cue_span = cue_tok.span;
            out.push(Attribution {
                kind: f.kind,
                source,
                cue: Cue {
                    text: cue_span.slice(text).to_string(),
                    span: cue_span,
                    lemma: info
                        .map_or_else(|| cue_span.slice(text).to_lowercase(), |c| c.lemma.clone()),
                    family: info.map_or_else(|| "speech".to_string(), |c| c.family.clone()),
                },
                content: {
                    let mut span = token_span(&s.tokens, &f.content);
                    if f.through > f.sentence {
                        span.end = content_end(&sentences[f.through]);
                    }
                    Content {
                        text: span.slice(text).to_string(),
                        span,
                    }
                },
                via,
                // From the first of the cue's and the content's sentences
                // (a block quote or a continued quotation puts the cue
                // before, a quotation run on from a paragraph after it)
                // through the last.
                sentence: Span::new(
                    sentences[f.from.min(f.sentence)].span.start,
                    sentences[f.through.max(f.from)].span.end,
                ),
                pattern: f.pattern.to_string(),
            });
        }
        persons_by_their_words(&mut out, &self.gazetteer);
        self.gazetteer.complete_body_names(sources_of(&mut out));
        resolve::keep_house_style(sources_of(&mut out));
        out
    }

    /// "A ministry spokesman said": later, "the spokesman" is the ministry.
    /// Spokespeople are person nouns: only those are looked up.
    fn names_a_spokesperson(&self, text: &str, toks: &[Token]) -> bool {
        toks.iter().any(|t| {
            t.noun == Some(SourceType::Person)
                && self.gazetteer.speaks_for_a_body(t.span.slice(text))
        })
    }

    /// Narration that credits nothing but says a body issued a document
    /// ("The spokesperson of the ministry issued a statement on Sunday")
    /// makes the body what a later "The statement said" and "the
    /// spokesperson said" mean.
    fn note_issuer(
        &self,
        text: &str,
        sentences: &[Sentence],
        i: usize,
        s: &Sentence,
        names: &ArticleNames,
        memory: &mut Antecedents,
    ) {
        let Some((subject, doc)) = self.document_issuer(text, s) else {
            return;
        };
        let issuer = self.source(text, sentences, i, &subject, names, memory);
        if !matches!(
            issuer.source_type,
            SourceType::Government | SourceType::Organization | SourceType::Media
        ) {
            return;
        }
        if self.names_a_spokesperson(text, &s.tokens[subject]) {
            memory.spoken_for = Some(resolved_of(&issuer));
        }
        memory.remember(&issuer, false);
        memory.document_noun = Some(resolve::fold(s.tokens[doc].span.slice(text)));
    }

    /// The subject of a sentence that says it issued a document, and the
    /// document noun: "The ministry issued a press statement", "Meanwhile,
    /// the agency on Sunday released a report", "Then the party released
    /// one". The subject opens the sentence or follows its opening adverb
    /// or adverbial; between it and the verb only adverbs and phrases of
    /// time stand.
    fn document_issuer(&self, text: &str, s: &Sentence) -> Option<(Range<usize>, usize)> {
        let t = &s.tokens;
        let doc = t
            .iter()
            .position(|x| x.noun == Some(SourceType::Document))?;
        // "issued a statement", "released its annual report": a
        // determiner and at most two modifiers before the document noun.
        let det = (doc.saturating_sub(3)..doc).find(|&k| {
            t[k].tag == tag::DETERMINER
                && t[k + 1..doc].iter().all(|m| {
                    matches!(
                        m.tag,
                        tag::WORD | tag::PARTICIPLE | tag::NOUN | tag::TITLE | tag::PROPER
                    )
                })
        })?;
        let verb = det.checked_sub(1)?;
        // "ran" and "sent" are not read as participles.
        if !matches!(t[verb].tag, tag::PARTICIPLE | tag::WORD)
            || !self.lexicon.is_issue_verb(t[verb].span.slice(text))
        {
            return None;
        }
        let after_opening = t[..verb]
            .iter()
            .position(|x| x.tag == tag::COMMA)
            .map(|c| c + 1);
        let after_adverbs = t[..verb]
            .iter()
            .position(|x| !matches!(x.tag, tag::AUX | tag::COORD));
        let subject = [Some(0), after_adverbs, after_opening]
            .into_iter()
            .flatten()
            .find_map(|start| {
                // The noun phrase rule reads a participle after a noun as its
                // modifier ("a statement issued by"): here it is the verb.
                let end = grammar::source_at(&s.tags, start)?.min(verb);
                // An aside may follow: "Narovia Sinbo, the party daily, carried …".
                let mut rest = end;
                if t.get(end).is_some_and(|x| x.tag == tag::COMMA) {
                    rest = (end + 1..verb).find(|&k| t[k].tag == tag::COMMA)? + 1;
                }
                (end > start
                    && t[rest..verb]
                        .iter()
                        .all(|x| matches!(x.tag, tag::AUX | tag::TIME | tag::PREP)))
                .then_some(start..end)
            });
        Some((subject?, doc))
    }

    fn source(
        &self,
        text: &str,
        sentences: &[Sentence],
        at: usize,
        r: &Range<usize>,
        names: &ArticleNames,
        memory: &Antecedents,
    ) -> Source {
        let s = &sentences[at];
        let toks = &s.tokens[r.clone()];
        let span = token_span(&s.tokens, r);
        let mention = span.slice(text);
        let body = body_head(text, toks);
        let resolved = if is_age_mention(text, toks) {
            // "the 26-year-old" is a person named just before, like "she".
            self.person_antecedent(text, sentences, at, r.start, None, names, memory)
                .unwrap_or_else(|| resolve::resolve(text, toks, &self.gazetteer, names))
        } else if toks.len() == 1 && toks[0].tag == tag::PRONOUN {
            self.antecedent(
                text,
                sentences,
                at,
                r.start,
                &mention.to_lowercase(),
                names,
                memory,
            )
        } else if let Some(earlier) =
            body.as_ref()
                .filter(|(_, bare, _)| *bare)
                .and_then(|(head, _, kind)| {
                    self.earlier_body(text, sentences, at, r, head, *kind, names, memory)
                })
        {
            // "the ministry" after "Russia's defence ministry said".
            earlier
        } else if let Some(earlier) = earlier_document(text, toks, memory, &self.gazetteer) {
            earlier
        } else {
            let own = resolve::resolve(text, toks, &self.gazetteer, names);
            // "A company spokeswoman", "the company's website": a body the
            // mention names only by its common noun is the one meant before.
            let own = match &body {
                Some((head, false, kind)) if resolve::fold(&own.entity) == *head => {
                    match self.earlier_body(text, sentences, at, r, head, *kind, names, memory) {
                        Some(body) => Resolved {
                            source_type: match own.source_type {
                                SourceType::Organization
                                | SourceType::Government
                                | SourceType::Media => body.source_type,
                                other => other,
                            },
                            entity: body.entity,
                            role: own.role,
                        },
                        None => own,
                    }
                }
                _ => own,
            };
            // "the spokesperson" the article never names speaks for the body
            // the last spokesperson credited to one did.
            let own = match (&memory.spoken_for, toks) {
                (Some(body), [det, role])
                    if det.tag == tag::DETERMINER
                        && self.gazetteer.speaks_for_a_body(role.span.slice(text))
                        && own.entity.eq_ignore_ascii_case(role.span.slice(text)) =>
                {
                    body.clone()
                }
                _ => own,
            };
            // "A JCS official said …": later, "the official" is that one.
            let own = match bare_description(text, toks, &own) {
                Some(noun) => memory.described_as(&noun).unwrap_or(own),
                None => own,
            };
            // "One cabinet minister said … Another said …": a determiner
            // standing alone is one more of the group last credited.
            let own = match (toks, &memory.group) {
                ([only], Some(group))
                    if self.lexicon.is_standalone_determiner(only.span.slice(text)) =>
                {
                    group.clone()
                }
                _ => own,
            };
            // "Ukraine's foreign minister, Dmytro Kuleba, said" / "The
            // company's supplier, Dongxia Motor, said": a role or body named
            // in an aside right after it.
            // The head is the last word before "of" or a preposition: a
            // name after it ("the head of the IAEA, Rafael Grossi,") still
            // names the role's holder.
            let head = toks
                .iter()
                .take_while(|t| !matches!(t.tag, tag::OF | tag::PREP))
                .last();
            // A tail "in" or "of" a named place may have the place's region
            // after it ("Police in Newark, New Jersey,", "the mayor of
            // Charlotte, North Carolina,"): then only a person named after a
            // role holds it ("the envoy in Kyiv, Tomas Verell,").
            let placed = toks
                .iter()
                .rposition(|t| !matches!(t.tag, tag::PROPER | tag::DETERMINER))
                .filter(|&k| k + 1 < toks.len())
                .is_some_and(|k| {
                    toks[k].tag == tag::OF
                        || toks[k].tag == tag::PREP
                            && toks[k].span.slice(text).eq_ignore_ascii_case("in")
                });
            let apposed = apposed_name(&s.tokens, r)
                .filter(|_| head.is_some_and(|t| t.tag != tag::PROPER))
                .map(|name| {
                    let named =
                        resolve::resolve(text, &s.tokens[name.clone()], &self.gazetteer, names);
                    (name, named)
                })
                .filter(|(_, named)| {
                    !placed
                        || named.source_type == SourceType::Person
                            && head.is_some_and(resolve::is_role)
                });
            match apposed {
                Some((name, named)) => {
                    let name = &s.tokens[name];
                    // "The foreign ministry spokeswoman, Maria Zakharova,"
                    // / "Chief of the party's foreign department, Dr Ram
                    // Thapa,": a role whose holder the aside names is that
                    // person.
                    let role = toks.last().is_some_and(resolve::is_role)
                        || head.is_some_and(resolve::is_role);
                    if (role
                        || matches!(own.source_type, SourceType::Person | SourceType::Anonymous))
                        && named.source_type == SourceType::Person
                    {
                        Resolved {
                            role: own.role.or(Some(own.entity)),
                            ..named
                        }
                    } else if named.source_type == SourceType::Person {
                        // A capitalised run after a body's noun names the body.
                        Resolved {
                            entity: resolve::words_of(text, name),
                            ..own
                        }
                    } else {
                        named
                    }
                }
                _ => own,
            }
        };
        Source {
            text: mention.to_string(),
            span,
            entity: resolved.entity,
            source_type: resolved.source_type,
            role: resolved.role,
        }
    }

    /// The body a common noun ("the ministry", "the company") means: the
    /// one last named with that noun ("Russia's defence ministry said"),
    /// else for a firm the last firm credited ("Brewmaster said") or, in a
    /// definite mention, named ("Brewmaster has recalled … The firm said").
    #[allow(clippy::too_many_arguments)]
    fn earlier_body(
        &self,
        text: &str,
        sentences: &[Sentence],
        at: usize,
        r: &Range<usize>,
        head: &str,
        kind: SourceType,
        names: &ArticleNames,
        memory: &Antecedents,
    ) -> Option<Resolved> {
        // One firm: "the three water companies" are not the last one named.
        let firm = kind == SourceType::Organization && !resolve::is_plural(head);
        // A body known only by a common noun ("The bank said") is no other
        // body's antecedent ("The think tank estimates").
        let named = |b: &Resolved| b.entity.chars().any(char::is_uppercase);
        memory
            .body_named(head)
            .or_else(|| {
                memory
                    .body
                    .clone()
                    .filter(|b| firm && b.source_type == kind && named(b))
            })
            .or_else(|| {
                let toks = &sentences[at].tokens[r.clone()];
                (firm && resolve::is_definite(text, toks))
                    .then(|| {
                        self.mentions_before(text, sentences, at, r.start)
                            // "Shares fell after the company said": a
                            // sentence's first word is capitalised anyway.
                            // An abbreviation ("Calif.") names no firm.
                            .filter(|(si, m)| {
                                let toks = &sentences[*si].tokens;
                                let first = toks[m.start].span.slice(text);
                                // A place and its region ("Sacramento,
                                // Calif.", "Charlotte, North Carolina").
                                let region = toks.get(m.end).is_some_and(|t| t.tag == tag::COMMA)
                                    && toks.get(m.end + 1).is_some_and(|t| {
                                        let w = t.span.slice(text);
                                        t.tag == tag::PROPER
                                            && (w.ends_with('.') || self.gazetteer.knows(w))
                                    });
                                !(m.len() == 1 && first.ends_with('.') || region)
                            })
                            .filter(|(si, m)| {
                                m.start > 0
                                    || m.len() > 1
                                    || named_mid_sentence(
                                        text,
                                        &sentences[at.saturating_sub(4)..=at],
                                        sentences[*si].tokens[m.start].span.slice(text),
                                    )
                            })
                            .map(|(si, m)| self.resolve_in(text, &sentences[si], m, names))
                            .find(|m| m.source_type == kind)
                    })
                    .flatten()
            })
    }

    /// What a pronoun source refers to. "he"/"she": the last person quoted,
    /// else the last person named. "it": a body at the start of this clause
    /// ("While China is …, it denies"), else the last non-person source,
    /// else the last body named. "they": the last collective source.
    #[allow(clippy::too_many_arguments)]
    fn antecedent(
        &self,
        text: &str,
        sentences: &[Sentence],
        at: usize,
        before: usize,
        pronoun: &str,
        names: &ArticleNames,
        memory: &Antecedents,
    ) -> Resolved {
        let unresolved = || Resolved {
            entity: pronoun.to_string(),
            source_type: SourceType::Anonymous,
            role: None,
        };
        match pronoun {
            "he" | "she" | "i" | "him" => {
                let want = self.gazetteer.gender_of(pronoun);
                self.person_antecedent(text, sentences, at, before, want, names, memory)
            }
            "it" => {
                let s = &sentences[at];
                let lead = usize::from(
                    s.tokens
                        .first()
                        .is_some_and(|t| tag::is_subordinator(t.tag)),
                );
                let clause_start = (lead < before && s.tokens[lead].tag == tag::PROPER)
                    .then(|| grammar::source_at(&s.tags, lead))
                    .flatten()
                    .map(|end| self.resolve_in(text, &sentences[at], lead..end.min(before), names))
                    .filter(|m| {
                        !matches!(m.source_type, SourceType::Person | SourceType::Collective)
                    });
                clause_start
                    .or_else(|| self.body_before(text, sentences, at, before, names, memory))
                    .or_else(|| memory.body.clone())
                    .or_else(|| {
                        self.mentions_before(text, sentences, at, before)
                            .map(|(si, r)| self.resolve_in(text, &sentences[si], r, names))
                            .find(|m| {
                                !matches!(
                                    m.source_type,
                                    SourceType::Person
                                        | SourceType::Collective
                                        | SourceType::Anonymous
                                )
                            })
                    })
            }
            _ => memory.group.clone(),
        }
        .unwrap_or_else(unresolved)
    }

    /// The body a definite singular mention names earlier in the sentence
    /// of an "it" at token `before`, the nearest: "Protesters accused the
    /// government of ignoring the floods, a charge it denies".
    #[allow(clippy::too_many_arguments)]
    fn body_before(
        &self,
        text: &str,
        sentences: &[Sentence],
        at: usize,
        before: usize,
        names: &ArticleNames,
        memory: &Antecedents,
    ) -> Option<Resolved> {
        let toks = &sentences[at].tokens[..before];
        let mention = (0..before).rev().find_map(|head| {
            if toks[head].tag != tag::NOUN || !is_body_noun(&toks[head]) {
                return None;
            }
            // Back over the words of the noun phrase to its determiner.
            let det = toks[..head]
                .iter()
                .rposition(|t| {
                    !matches!(t.tag, tag::PROPER | tag::WORD | tag::NOUN | tag::POSSESSIVE)
                })
                .filter(|&d| toks[d].tag == tag::DETERMINER)?;
            // Not the object of a preposition: in "accused the ministry of
            // hiding a letter from the embassy, a charge it denies" it is
            // the ministry.
            let governed = det > 0 && matches!(toks[det - 1].tag, tag::PREP | tag::OF | tag::BY);
            let singular = !resolve::is_plural(&resolve::fold(toks[head].span.slice(text)));
            // With its tail: "the defense ministry in Pyongyang".
            let end = grammar::source_at(&sentences[at].tags, det)
                .filter(|&end| end > head && end <= before)
                .unwrap_or(head + 1);
            (!governed && singular && resolve::is_definite(text, &toks[det..end]))
                .then_some(det..end)
        })?;
        Some(resolved_of(
            &self.source(text, sentences, at, &mention, names, memory),
        ))
    }

    /// The person a "he", "she" or "the 26-year-old" before token `before`
    /// of sentence `at` means. After a sentence of narration, the person it
    /// names ("The plan, drafted by Graham Pruitt, … He said"); after a
    /// quoted speaker, that speaker.
    #[allow(clippy::too_many_arguments)]
    fn person_antecedent(
        &self,
        text: &str,
        sentences: &[Sentence],
        at: usize,
        before: usize,
        want: Option<Gender>,
        names: &ArticleNames,
        memory: &Antecedents,
    ) -> Option<Resolved> {
        let named = || {
            self.mentions_before(text, sentences, at, before)
                .take_while(|(si, _)| si + 1 >= at)
                .map(|(si, r)| self.resolve_in(text, &sentences[si], r, names))
                .find(|m| m.source_type == SourceType::Person && memory.may_be(&m.entity, want))
        };
        let recent_speaker = memory.last_person_at.is_some_and(|si| si + 1 >= at);
        let narrated = (!recent_speaker).then(named).flatten();
        narrated.or_else(|| memory.person(want)).or_else(|| {
            let named: Vec<Resolved> = self
                .mentions_before(text, sentences, at, before)
                .map(|(si, r)| self.resolve_in(text, &sentences[si], r, names))
                .filter(|m| m.source_type == SourceType::Person)
                .collect();
            let fits = named.iter().position(|m| memory.may_be(&m.entity, want));
            named.into_iter().nth(fits.unwrap_or(0))
        })
    }

    /// What the tokens `range` of sentence `s` name.
    fn resolve_in(
        &self,
        text: &str,
        s: &Sentence,
        range: Range<usize>,
        names: &ArticleNames,
    ) -> Resolved {
        resolve::resolve(text, &s.tokens[range], &self.gazetteer, names)
    }

    /// Runs of capitalised words before token `before` of sentence `at`,
    /// nearest first, looking back a few sentences.
    fn mentions_before<'s>(
        &self,
        text: &'s str,
        sentences: &'s [Sentence],
        at: usize,
        before: usize,
    ) -> impl Iterator<Item = (usize, Range<usize>)> + 's {
        (at.saturating_sub(4)..=at).rev().flat_map(move |si| {
            let toks = &sentences[si].tokens;
            let limit = if si == at {
                before.min(toks.len())
            } else {
                toks.len()
            };
            // A name's words: capitalised names and nouns, and an "of"
            // between two of them ("the Bank of Lusitania").
            let in_name = |t: &Token| {
                t.tag == tag::PROPER
                    || t.tag == tag::NOUN && t.span.slice(text).starts_with(char::is_uppercase)
            };
            let mut runs = Vec::new();
            let mut i = 0;
            while i < limit {
                if in_name(&toks[i]) {
                    let start = i;
                    while i < limit
                        && (in_name(&toks[i])
                            || toks[i].tag == tag::OF
                                && toks.get(i + 1).is_some_and(|t| i + 1 < limit && in_name(t)))
                    {
                        i += 1;
                    }
                    runs.push((si, start..i));
                } else {
                    i += 1;
                }
            }
            runs.into_iter().rev()
        })
    }
}

/// "“…,” Kim said, according to KCNA.": an "according to" closing the
/// sentence after a closing reporting clause names who relays it.
fn according_after(s: &Sentence, m: &Match) -> Option<Range<usize>> {
    if !matches!(m.pattern, "quote_then_source" | "clause_then_source") {
        return None;
    }
    let b = s.tags.as_bytes();
    let at = (m.cue + 1..b.len()).find(|&k| b[k] == b'A' && b[k - 1] == b',')?;
    // The rest of the sentence, a short phrase with no clause of its own
    // that names a party: "according to state-run Xinhua", "according to a
    // pool report" (not "according to the plan", "according to schedule").
    let end = b.len() - usize::from(b.ends_with(b"."));
    let phrase = &b[at + 1..end];
    let plain = phrase
        .iter()
        .all(|t| !matches!(t, b',' | b'.' | b'V' | b'Z' | b'U' | b'O' | b'C' | b'A'));
    let head_end = s.tokens[at + 1..end]
        .iter()
        .position(|t| matches!(t.tag, tag::PARTICIPLE | tag::BY | tag::PREP | tag::OF))
        .map_or(end, |k| at + 1 + k);
    let names_a_party = head_end > at + 1 && {
        let head = &s.tokens[head_end - 1];
        head.tag == tag::PROPER || head.noun.is_some()
    };
    ((1..=10).contains(&phrase.len()) && plain && names_a_party).then_some(at + 1..end)
}

/// "the 26-year-old": a person the article has just named, by age.
fn is_age_mention(text: &str, toks: &[Token]) -> bool {
    let [det, age] = toks else {
        return false;
    };
    let years = age.span.slice(text).strip_suffix("-year-old");
    det.tag == tag::DETERMINER
        && det.span.slice(text).eq_ignore_ascii_case("the")
        && years.is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// How many of the latest people (for "he", "she") or bodies (for "the
/// ministry") a mention is matched against.
const RECENT: usize = 8;

/// How many sentences into an article a dateline may stand: after the
/// headline, standfirst, byline and a photo caption or two.
const DATELINE_WITHIN: usize = 12;

/// Antecedents for pronouns, updated as attributions are read in order.
#[derive(Default)]
struct Antecedents {
    /// People credited so far, the latest last.
    people: Vec<Resolved>,
    /// What the article says of a person's gender, by entity.
    genders: rustc_hash::FxHashMap<String, Gender>,
    /// The sentence of the latest record credited to a person.
    last_person_at: Option<usize>,
    body: Option<Resolved>,
    group: Option<Resolved>,
    /// Bodies named so far, by the common noun heading their mention.
    bodies: Vec<(String, Resolved)>,
    /// The body the latest unnamed spokesperson spoke for.
    spoken_for: Option<Resolved>,
    /// The noun of the document the latest body credited was credited
    /// with or said to issue ("report" in "The report said", "The
    /// ministry released a report").
    document_noun: Option<String>,
    /// People described with more than their noun ("a JCS official", "a
    /// survivor of the attack, Malam Sani Abdullahi,"), by that noun.
    described: Vec<(String, Resolved)>,
}

impl Antecedents {
    /// The latest person a pronoun of this gender can mean: a "she" skips
    /// the men the article has marked as such, and the other way round.
    /// Only the last few people count: a pronoun points back a short way,
    /// and a long article must not make each look-up longer.
    fn person(&self, want: Option<Gender>) -> Option<Resolved> {
        self.people
            .iter()
            .rev()
            .take(RECENT)
            .find(|p| self.may_be(&p.entity, want))
            .cloned()
    }

    /// True unless the article has marked `entity` with another gender.
    fn may_be(&self, entity: &str, want: Option<Gender>) -> bool {
        want.is_none_or(|w| self.genders.get(entity).is_none_or(|&g| g == w))
    }

    fn note_gender(&mut self, entity: &str, g: Gender) {
        self.genders.entry(entity.to_string()).or_insert(g);
    }

    /// The body last named with this head noun.
    fn body_named(&self, head: &str) -> Option<Resolved> {
        latest(&self.bodies, head)
    }

    /// The person last described with this noun.
    fn described_as(&self, noun: &str) -> Option<Resolved> {
        latest(&self.described, noun)
    }

    /// Remembers a source for later pronouns; a body that is `plural` is
    /// the group a "they" means too.
    fn remember(&mut self, r: &Source, plural: bool) {
        let resolved = resolved_of(r);
        match r.source_type {
            SourceType::Person => self.people.push(resolved),
            SourceType::Collective | SourceType::Anonymous => self.group = Some(resolved),
            _ => {
                if plural {
                    self.group = Some(resolved.clone());
                }
                self.body = Some(resolved);
            }
        }
    }
}

/// A quotation run over several paragraphs leaves each paragraph but the
/// last unclosed: `“Q1.¶“Q2,” Kim said.` (the lexer closes each at its
/// end). A paragraph that is one such quotation holds the words of the
/// speaker of the paragraph after; read back to front, a run of them takes
/// the speaker of the last.
fn open_quote_paragraphs(sentences: &[Sentence], found: &mut Vec<Found>) {
    // Records made here, last first; `found` is rebuilt once at the end, as
    // splicing each in would cost quadratic time on a long run.
    let mut made: Vec<Found> = Vec::new();
    for i in (0..sentences.len().saturating_sub(1)).rev() {
        let s = &sentences[i];
        if !s.tokens.last().is_some_and(|t| t.span.is_empty()) {
            continue;
        }
        let Some((content, QuoteKind::Direct)) = shape_content(&s.tokens, 0..s.tokens.len()) else {
            continue;
        };
        let own = found.partition_point(|f| f.sentence < i);
        let k = found.partition_point(|f| f.sentence <= i);
        // The record after: one made here for the next paragraph, else the
        // next paragraph's own.
        let next = made
            .last()
            .filter(|f| f.sentence == i + 1)
            .or_else(|| found.get(k));
        let Some(next) = next.filter(|f| {
            f.sentence == i + 1
                && f.kind == QuoteKind::Direct
                && matches!(f.pattern, "quote_then_source" | "quote_continued")
                && sentences[i + 1]
                    .tokens
                    .first()
                    .is_some_and(|t| t.tag == tag::OPEN_QUOTE)
        }) else {
            continue;
        };
        // Already the run of an earlier speaker's quotation.
        if found[own..k].iter().any(|f| f.pattern == "quote_continued") {
            continue;
        }
        let record = Found {
            sentence: i,
            through: i,
            pattern: "quote_continued",
            content,
            kind: QuoteKind::Direct,
            ..next.clone()
        };
        made.push(record);
    }
    if made.is_empty() {
        return;
    }
    // Cues inside a quotation given to a speaker here are the speaker's own
    // words: the sentence's other records go.
    let mut given = vec![false; sentences.len()];
    for m in &made {
        given[m.sentence] = true;
    }
    found.retain(|f| !given[f.sentence]);
    found.extend(made);
    found.sort_by_key(|f| f.sentence);
}

/// "He said:" or "Lammy posted on X:" closing a paragraph introduces the
/// next paragraph as his words, quoted as a block, often without marks.
/// The grammar reads the source as it would before a quotation: the tags
/// up to the cue, then a colon and a stand-in quotation.
fn block_quotes(text: &str, sentences: &[Sentence], found: &mut Vec<Found>) {
    // What may stand between the cue and the colon: "on X", "in a
    // statement on Sunday", "reporters".
    const ADJUNCT: usize = 8;
    let adjunct = |t: u8| {
        matches!(
            t,
            tag::PREP
                | tag::DETERMINER
                | tag::PROPER
                | tag::NOUN
                | tag::WORD
                | tag::TIME
                | tag::CUE_ADJUNCT
                | tag::AUX
                | tag::NUMBER
                | tag::POSSESSIVE
                | tag::PRONOUN
        )
    };
    for i in 0..sentences.len().saturating_sub(1) {
        let (s, next) = (&sentences[i], &sentences[i + 1]);
        if same_paragraph(text, s, next) || s.tags.as_bytes().last() != Some(&tag::COLON) {
            continue;
        }
        let colon = s.tokens.len() - 1;
        let Some(cue) = (colon.saturating_sub(ADJUNCT + 1)..colon).rev().find(|&k| {
            matches!(
                s.tokens[k].tag,
                tag::CUE | tag::CUE_NOUN | tag::CUE_LISTENER
            )
        }) else {
            continue;
        };
        if !s.tokens[cue + 1..colon].iter().all(|t| adjunct(t.tag))
            || found.iter().any(|f| f.from == i && f.cue == cue)
        {
            continue;
        }
        let stand_in = format!("{}:OwC", &s.tags[..=cue]);
        let Some(m) = grammar::matches(&stand_in, |_| true)
            .into_iter()
            .find(|m| m.cue == cue && m.pattern == "source_then_quote")
        else {
            continue;
        };
        // The block is the next paragraph, unless it holds attributions of
        // its own.
        let through = paragraph_end(text, sentences, i + 1, usize::MAX);
        if found
            .iter()
            .any(|f| (i + 1..=through).contains(&f.sentence))
        {
            continue;
        }
        let Some((content, _)) = shape_content(&next.tokens, 0..next.tokens.len()) else {
            continue;
        };
        let (Some(source), at) = (m.source, found.partition_point(|f| f.sentence <= i)) else {
            continue;
        };
        found.insert(
            at,
            Found {
                sentence: i + 1,
                from: i,
                through,
                pattern: "block_quote",
                source,
                via: m.via,
                cue,
                content,
                kind: QuoteKind::Direct,
            },
        );
    }
}

fn is_label(pattern: &str) -> bool {
    matches!(pattern, "speaker_label" | "headline_source")
}

/// A transcript answer — a speaker label, then sentences of unquoted speech
/// ending like a sentence — runs to the end of its paragraph and is direct
/// speech. A label over a headline ("Kremlin: no date for talks") is not.
fn transcript(text: &str, sentences: &[Sentence], f: &mut Found) {
    if f.kind != QuoteKind::Indirect {
        return;
    }
    // An answer is a few sentences; a paragraph of thousands is no transcript.
    const MAX_ANSWER: usize = 64;
    let through = paragraph_end(text, sentences, f.sentence, MAX_ANSWER);
    let end = sentences[through].span.end;
    if text[..end].ends_with(['.', '?', '!', '"', '”']) {
        f.through = through;
        f.kind = QuoteKind::Direct;
    }
}

/// The last sentence of the paragraph sentence `from` is in, at most
/// `limit` sentences on.
fn paragraph_end(text: &str, sentences: &[Sentence], from: usize, limit: usize) -> usize {
    let mut end = from;
    while end - from < limit
        && sentences
            .get(end + 1)
            .is_some_and(|next| same_paragraph(text, &sentences[end], next))
    {
        end += 1;
    }
    end
}

/// True if no line break stands between sentence `a` and the next one, `b`.
fn same_paragraph(text: &str, a: &Sentence, b: &Sentence) -> bool {
    text.get(a.span.end..b.span.start)
        .is_some_and(|gap| !gap.contains('\n'))
}

/// Where a sentence's text ends, without its final stop.
fn content_end(s: &Sentence) -> usize {
    let last = match s.tokens.split_last() {
        Some((stop, rest)) if stop.tag == tag::STOP && !rest.is_empty() => rest.last(),
        _ => s.tokens.last(),
    };
    last.map_or(s.span.end, |t| t.span.end)
}

/// True if nothing but white space stands between the start of the line
/// and `at`.
fn starts_line(text: &str, at: usize) -> bool {
    text.get(..at).is_some_and(|before| {
        before.trim_end_matches([' ', '\t']).ends_with('\n') || before.trim().is_empty()
    })
}

/// The common noun heading a mention of a body, folded ("ministry" in
/// "Russia's defence ministry"), and whether the mention is bare: only that
/// noun with determiners and plain words before it ("the ministry", "the
/// news agency"), so it can only mean a body named earlier.
fn body_head(text: &str, toks: &[Token]) -> Option<(String, bool, SourceType)> {
    let tail = resolve::tail_start(toks);
    let head = toks[..tail].iter().rposition(is_body_noun)?;
    let bare = tail == toks.len()
        && head + 1 == toks.len()
        && toks[..head]
            .iter()
            .all(|t| matches!(t.tag, tag::DETERMINER | tag::WORD | tag::NOUN));
    let kind = toks[head].noun.unwrap_or(SourceType::Organization);
    Some((resolve::fold(toks[head].span.slice(text)), bare, kind))
}

/// The noun of a person mention that says more than its noun ("a JCS
/// official", "two senior diplomats", a survivor named in an aside): what
/// a later "the official" can mean.
fn described_person(text: &str, toks: &[Token], source: &Source) -> Option<String> {
    if !matches!(
        source.source_type,
        SourceType::Person | SourceType::Anonymous
    ) || !source.entity.contains(' ')
    {
        return None;
    }
    let noun = toks[..resolve::tail_start(toks)].last()?;
    let word = resolve::fold(noun.span.slice(text));
    // Or named in an aside: "A survivor of the attack, Malam Sani
    // Abdullahi, told reporters …": later, "the survivor" is he.
    let described =
        resolve::fold(&source.entity).ends_with(&word) || source.source_type == SourceType::Person;
    let person_noun = matches!(noun.noun, Some(SourceType::Person | SourceType::Anonymous));
    (person_noun && described).then_some(word)
}

/// The noun of a definite mention of an unnamed person that is only
/// "the" and that noun ("the official", "the sources"), resolved to no
/// more than itself.
fn bare_description(text: &str, toks: &[Token], own: &Resolved) -> Option<String> {
    match toks {
        [det, noun]
            if det.tag == tag::DETERMINER
                && resolve::is_definite(text, toks)
                && matches!(noun.noun, Some(SourceType::Person | SourceType::Anonymous))
                && own.entity.eq_ignore_ascii_case(noun.span.slice(text)) =>
        {
            Some(resolve::fold(noun.span.slice(text)))
        }
        _ => None,
    }
}

/// The latest of the recent entries filed under `noun`.
fn latest(filed: &[(String, Resolved)], noun: &str) -> Option<Resolved> {
    filed
        .iter()
        .rev()
        .take(RECENT)
        .find(|(n, _)| n == noun)
        .map(|(_, r)| r.clone())
}

/// A first person inside a quotation is its speaker: in "“I told the guys
/// it would be hard,” Mancini said", "I" is Mancini, and "we" in a
/// ministry's statement is the ministry (a person's "we" may be anyone
/// they speak for).
fn first_person(source: Source, quoter: &Source) -> Source {
    let own = match source.text.to_lowercase().as_str() {
        "i" | "me" => true,
        "we" | "us" => !matches!(
            quoter.source_type,
            SourceType::Person | SourceType::Anonymous
        ),
        _ => false,
    };
    if !own {
        return source;
    }
    Source {
        entity: quoter.entity.clone(),
        source_type: quoter.source_type,
        role: quoter.role.clone(),
        ..source
    }
}

/// A lone name the rules do not know is typed a body ("Thune said"); one
/// quoted speaking of themselves in the singular ("“I think it will
/// pass,” Thune said") is a person, in every record of the article. A body
/// speaks as "we". ("Arsenal said he would miss six weeks" speaks of
/// another: a "he" in indirect speech is no evidence.)
fn persons_by_their_words(records: &mut [Attribution], gaz: &Gazetteer) {
    let lone = |s: &Source| {
        s.source_type == SourceType::Organization
            && !s.entity.contains(' ')
            && !gaz.knows(&s.entity)
    };
    let persons: Vec<String> = records
        .iter()
        .filter(|r| r.kind == QuoteKind::Direct && lone(&r.source))
        .filter(|r| speaks_as_one(&r.content.text))
        .map(|r| r.source.entity.clone())
        .collect();
    for s in sources_of(records) {
        if lone(s) && persons.contains(&s.entity) {
            s.source_type = SourceType::Person;
        }
    }
}

/// True if a quotation has a first person singular: "my", "me", "I’m", or
/// "I" opening a clause ("I think …", "…, I said"), not a numeral after a
/// word ("Phase I results", "type I diabetes", "World War I").
fn speaks_as_one(quote: &str) -> bool {
    let is_mark = |c: char| !(c.is_alphanumeric() || matches!(c, '’' | '\''));
    // At the start, or after a word that ends in punctuation.
    let mut opens = true;
    for chunk in quote.split_whitespace() {
        let word = chunk.trim_matches(is_mark);
        let contraction = word
            .strip_prefix('I')
            .is_some_and(|rest| rest.starts_with(['’', '\'']) && rest.len() > 1);
        let clause_i = word == "I" && (opens || chunk.starts_with(is_mark));
        if matches!(word, "me" | "my" | "myself") || contraction || clause_i {
            return true;
        }
        opens = chunk.ends_with(is_mark);
    }
    false
}

/// Every record's source and via.
fn sources_of(records: &mut [Attribution]) -> impl Iterator<Item = &mut Source> {
    records
        .iter_mut()
        .flat_map(|a| std::iter::once(&mut a.source).chain(a.via.as_mut()))
}

/// What a record's source resolved to.
fn resolved_of(source: &Source) -> Resolved {
    Resolved {
        entity: source.entity.clone(),
        source_type: source.source_type,
        role: source.role.clone(),
    }
}

/// True if the token is a noun of a government, organisation or outlet.
fn is_body_noun(t: &Token) -> bool {
    matches!(
        t.noun,
        Some(SourceType::Government | SourceType::Organization | SourceType::Media)
    )
}

/// True if `word` is a name word inside one of `window`'s sentences, not
/// their first: capitalised where nothing but being a name capitalises
/// it. The window is the few sentences a mention looks back over, so the
/// check costs the same in a long article.
fn named_mid_sentence(text: &str, window: &[Sentence], word: &str) -> bool {
    window.iter().any(|s| {
        s.tokens
            .iter()
            .skip(1)
            .any(|t| t.tag == tag::PROPER && t.span.slice(text) == word)
    })
}

/// What "the statement", "the readout" or "the same report" means: the
/// document last credited, else, for a body's word (not a work such as a
/// study), a statement of the body last credited ("The ministry said …
/// The statement added …").
fn earlier_document(
    text: &str,
    toks: &[Token],
    memory: &Antecedents,
    gaz: &Gazetteer,
) -> Option<Resolved> {
    let (head, before) = toks.split_last()?;
    let bare = head.noun == Some(SourceType::Document)
        && before
            .iter()
            .all(|t| matches!(t.tag, tag::DETERMINER | tag::WORD))
        && resolve::is_definite(text, toks);
    if !bare {
        return None;
    }
    let body = memory.body.as_ref()?;
    let noun = head.span.slice(text);
    // A body's word ("the statement", "the readout") is the body's. A work
    // is one text: it is the one credited or issued before by the same
    // noun ("The newspaper ran an editorial … The editorial said"), not
    // another ("The statement said … The article said", "The BBC
    // reported … The study said").
    let same_work = memory.document_noun.as_deref() == Some(&*resolve::fold(noun));
    let people = matches!(
        body.source_type,
        SourceType::Person | SourceType::Anonymous | SourceType::Collective
    );
    (!people && (!gaz.is_work(noun) || same_work)).then(|| Resolved {
        entity: body.entity.clone(),
        source_type: SourceType::Document,
        role: None,
    })
}

/// `“Q1,” she said. “Q2.”`: a sentence that is one quotation, right after
/// a quotation attributed at its close, goes on with the same speaker and
/// cue — in the same paragraph or opening the next, as news copy runs a
/// speaker's quotes on.
fn continued_quote(sentences: &[Sentence], i: usize, last: Option<&Found>) -> Option<Found> {
    let last = last.filter(|f| {
        f.sentence + 1 == i
            && f.kind == QuoteKind::Direct
            && (matches!(f.pattern, "quote_then_source" | "quote_continued")
                || quote_ends_sentence(&sentences[f.sentence], f))
    })?;
    let s = &sentences[i];
    let (content, kind) = shape_content(&s.tokens, 0..s.tokens.len())?;
    (kind == QuoteKind::Direct).then(|| Found {
        sentence: i,
        through: i,
        pattern: "quote_continued",
        content,
        kind,
        ..last.clone()
    })
}

/// Whether `f`'s content is a quotation that ends its sentence `s`
/// (`She told reporters: “Q1.” “Q2.”`), or runs on past it into the next
/// paragraph, where the lexer closed it with an empty mark (`He said:
/// “Q1.¶“Q2.”`).
fn quote_ends_sentence(s: &Sentence, f: &Found) -> bool {
    f.content.start > 0
        && is_quote(s.tokens[f.content.start - 1].tag)
        && closing(&s.tokens, f.content.start - 1)
            .is_some_and(|close| s.tokens[close + 1..].iter().all(|t| t.tag == tag::STOP))
}

/// One record a quotation, same source and cue: the quotation resumed
/// after its attribution (“A,” she said, “B.”), and the second of two
/// joined by "and" (said “A” and “B”), which `f` gives up.
/// The report in a relative aside between a source and its cue:
/// "Sullivan, who said he had spent the night at the hospital, said …"
/// gives Sullivan's first claim too. The aside runs from its "who" to the
/// last comma before the cue.
fn relative_aside(s: &Sentence, m: &Match) -> Option<Match> {
    let t = &s.tokens;
    let src = m.source.as_ref()?;
    // Past a name in an aside: "Another witness, Samar al-Najjar, who said …".
    let comma = apposed_name(t, src).map_or(src.end, |name| name.end);
    if comma + 1 >= m.cue || t[comma].tag != tag::COMMA || t[comma + 1].tag != tag::RELATIVE {
        return None;
    }
    let cue = (comma + 2..m.cue).find(|&k| t[k].tag != tag::AUX)?;
    if !matches!(t[cue].tag, tag::CUE | tag::CUE_NOUN) {
        return None;
    }
    let close = (cue + 1..m.cue).rev().find(|&k| t[k].tag == tag::COMMA)?;
    let start = cue + 1 + usize::from(t.get(cue + 1).is_some_and(|n| n.tag == tag::THAT));
    (close > start + 1).then(|| Match {
        pattern: "relative_subject",
        source: Some(src.clone()),
        via: None,
        cue,
        content: start..close,
        resumed: None,
        end: close,
    })
}

fn more_quotations(s: &Sentence, m: &Match, f: &mut Found) -> Option<Found> {
    let tokens = &s.tokens;
    let second = match &m.resumed {
        Some(r) => r.clone(),
        None if f.kind == QuoteKind::Mixed => {
            let r = f.content.clone();
            let first_close = tokens
                .get(r.start)
                .filter(|t| is_quote(t.tag))
                .and_then(|_| closing(tokens, r.start))?;
            let and = first_close + 1;
            let second_open = and + 1;
            let joined = tokens.get(and).is_some_and(|t| t.tag == tag::COORD)
                && tokens.get(second_open).is_some_and(|t| is_quote(t.tag))
                && closing(tokens, second_open).is_some_and(|c| c + 1 >= r.end);
            if !joined {
                return None;
            }
            (f.content, f.kind) = shape_content(tokens, r.start..first_close + 1)?;
            second_open..r.end
        }
        None => return None,
    };
    let (content, kind) = shape_content(tokens, second)?;
    Some(Found {
        content,
        kind,
        ..f.clone()
    })
}

/// The byte span from the first to the last token of `r`.
fn token_span(tokens: &[Token], r: &Range<usize>) -> Span {
    match (
        tokens.get(r.start),
        r.end.checked_sub(1).and_then(|e| tokens.get(e)),
    ) {
        (Some(a), Some(b)) if r.start < r.end => Span::new(a.span.start, b.span.end),
        _ => Span::new(0, 0),
    }
}

/// Tags of the words of a plain noun phrase: names, titles, nouns,
/// determiners, possessives and plain words.
fn in_noun_phrase(t: u8) -> bool {
    matches!(
        t,
        tag::PROPER | tag::TITLE | tag::NOUN | tag::DETERMINER | tag::POSSESSIVE | tag::WORD
    )
}

fn is_punct(t: u8) -> bool {
    matches!(
        t,
        tag::COMMA | tag::STOP | tag::SEMICOLON | tag::COLON | tag::DASH | tag::OTHER
    )
}

fn is_quote(t: u8) -> bool {
    matches!(
        t,
        tag::OPEN_QUOTE | tag::CLOSE_QUOTE | tag::OPEN_SINGLE | tag::CLOSE_SINGLE
    )
}

/// The content of a match whose listener ran on into the reported
/// clause's subject: in "tells Biden Taiwan is a red line" and "told
/// reporters Smith had resigned" the clause opens with a verb, so its
/// subject is the listener's last name word.
fn listener_split(s: &Sentence, m: &Match) -> Range<usize> {
    let t = &s.tokens;
    let mut r = m.content.clone();
    // Auxiliaries the grammar left between listener and content: "told
    // Lavrov Moscow would pay".
    let mut k = r.start;
    while k > m.cue + 1 && t[k - 1].tag == tag::AUX {
        k -= 1;
    }
    let verb_first = k < r.start
        || t.get(r.start)
            .is_some_and(|v| matches!(v.tag, tag::BE | tag::AUX));
    if t[m.cue].tag == tag::CUE_LISTENER
        && k >= m.cue + 3
        && verb_first
        && t[k - 1].tag == tag::PROPER
        && matches!(t[k - 2].tag, tag::PROPER | tag::NOUN)
    {
        r.start = k - 1;
    }
    r
}

/// Trims punctuation off a content and decides its kind; a content that is
/// one quotation becomes what is inside the marks.
fn shape_content(tokens: &[Token], mut r: Range<usize>) -> Option<(Range<usize>, QuoteKind)> {
    let trim = |r: &mut Range<usize>| {
        while r.start < r.end && is_punct(tokens[r.end - 1].tag) {
            r.end -= 1;
        }
        while r.start < r.end && matches!(tokens[r.start].tag, tag::COMMA | tag::COLON) {
            r.start += 1;
        }
    };
    trim(&mut r);
    if r.is_empty() || r.end > tokens.len() {
        return None;
    }
    drop_trailing_adjunct(tokens, &mut r);
    // "SEOUL (AP) — Kim told …, state media said": the dateline is the page's.
    r.start += dateline_len(&tokens[r.clone()], r.start == 0);
    r.start += lead_in_len(&tokens[r.clone()]);
    if r.is_empty() {
        return None;
    }
    let open = tokens[r.start].tag;
    if matches!(open, tag::OPEN_QUOTE | tag::OPEN_SINGLE)
        && closing(tokens, r.start) == Some(r.end - 1)
    {
        let mut inner = r.start + 1..r.end - 1;
        trim(&mut inner);
        return (!inner.is_empty()).then_some((inner, QuoteKind::Direct));
    }
    let kind = if tokens[r.clone()].iter().any(|t| is_quote(t.tag)) {
        QuoteKind::Mixed
    } else {
        QuoteKind::Indirect
    };
    Some((r, kind))
}

/// The tokens of a short lead-in the writer sets before a quotation that
/// is all the content, its comma, dash or colon included ("Even so, “…,”
/// said X", "More bluntly — “…”"); 0 if there is none. Only adverbs and
/// phrases: "The drug is, “…,”" has a clause of its own.
fn lead_in_len(tokens: &[Token]) -> usize {
    let Some(open) = tokens
        .iter()
        .take(5)
        .position(|t| matches!(t.tag, tag::OPEN_QUOTE | tag::OPEN_SINGLE))
    else {
        return 0;
    };
    let whole = closing(tokens, open) == Some(tokens.len() - 1);
    let words = &tokens[..open.saturating_sub(1)];
    let set_off = open > 1 && matches!(tokens[open - 1].tag, tag::COMMA | tag::DASH | tag::COLON);
    let phrase = words.iter().all(|t| {
        matches!(
            t.tag,
            tag::WORD
                | tag::AUX
                | tag::COORD
                | tag::PREP
                | tag::DETERMINER
                | tag::TIME
                | tag::CUE_ADJUNCT
        )
    });
    if whole && set_off && phrase {
        open
    } else {
        0
    }
}

/// "denied the allegations in a statement on Friday": how the source said
/// it closes the content, it is not part of it. Only a cue adjunct ("in a
/// statement", "in an interview") and the time words after it are cut.
fn drop_trailing_adjunct(tokens: &[Token], r: &mut Range<usize>) {
    let tail = tokens[r.clone()]
        .iter()
        .rev()
        .take_while(|t| matches!(t.tag, tag::PREP | tag::TIME | tag::DETERMINER | tag::AUX))
        .count();
    let at = r.end - tail;
    if at > r.start + 1 && tokens[at - 1].tag == tag::CUE_ADJUNCT {
        r.end = at - 1;
    }
}

/// The index of the mark closing the quotation opened at `open`.
fn closing(tokens: &[Token], open: usize) -> Option<usize> {
    let (o, c) = match tokens[open].tag {
        tag::OPEN_QUOTE => (tag::OPEN_QUOTE, tag::CLOSE_QUOTE),
        _ => (tag::OPEN_SINGLE, tag::CLOSE_SINGLE),
    };
    let mut depth = 0;
    for (i, t) in tokens.iter().enumerate().skip(open) {
        if t.tag == o {
            depth += 1;
        } else if t.tag == c {
            depth -= 1;
            if depth == 0 {
                return Some(i);
            }
        }
    }
    None
}

/// "The Turkish side, he said, would not interfere": a bare subject (or an
/// adjunct: "Now, experts suggest, prices may fall") before the reporting
/// clause and the rest of the clause after it. The framing reads the
/// fragment alone as what was said; read cue by cue, the sentence is a
/// parenthetical around the whole clause.
fn interrupts_a_clause(text: &str, s: &Sentence, m: &Match) -> bool {
    let tail = s.tokens.get(m.cue + 1..).unwrap_or_default();
    let after_comma = tail
        .iter()
        .position(|t| t.tag == tag::COMMA)
        .and_then(|k| tail.get(k + 1));
    let Some(content) = s.tokens.get(m.content.clone()) else {
        return false;
    };
    // "The Turkish side, he said, would …": a subject, its predicate after;
    // "He was, he told the court, escaping …": the rest of the predicate.
    let subject = is_subject_fragment(text, content)
        && after_comma.is_some_and(|t| matches!(t.tag, tag::AUX | tag::BE))
        || is_unfinished_clause(text, content)
            && after_comma.is_some_and(|t| !is_punct(t.tag) && t.tag != tag::COORD);
    // "The minister, however, said P": a subject and an adverb set off by
    // commas, then its own cue, is no content of an inverted source.
    let subject_aside = content.len() >= 3
        && content[content.len() - 2].tag == tag::COMMA
        && content[content.len() - 1].tag == tag::AUX
        && is_subject_fragment(text, &content[..content.len() - 2]);
    if subject_aside && m.pattern == "clause_then_says" {
        return true;
    }
    // "Now, experts suggest, prices may fall": an adjunct, its clause after;
    // "So far, no group has claimed responsibility for …": an adjunct and
    // no clause after is no claim at all.
    let adjunct_words = is_adjunct_fragment(text, content)
        || content.first().is_some_and(|t| t.tag == tag::COORD) && is_bare_phrase(text, content);
    let adjunct = adjunct_words && after_comma.is_none_or(|t| !is_punct(t.tag));
    matches!(m.pattern, "clause_then_source" | "clause_then_says") && (subject || adjunct)
}

/// "The court fined him and the company said …": a pronoun joined by "and"
/// to what follows is one source only where a clause opens ("He and other
/// Republicans said …", "…, and he and his wife said …", "a charge he and
/// his employer deny"); after a verb it is the verb's object.
fn object_pronoun_first(s: &Sentence, m: &Match) -> bool {
    let Some(src) = m
        .source
        .as_ref()
        .filter(|r| r.len() > 1 && m.pattern != "object_relative")
    else {
        return false;
    };
    let t = &s.tokens;
    t[src.start].tag == tag::PRONOUN
        && t[src.start + 1].tag == tag::COORD
        && src.start > 0
        && !matches!(
            t[src.start - 1].tag,
            tag::COMMA
                | tag::THAT
                | tag::SUBORD
                | tag::FRAMING_SUBORD
                | tag::OPEN_QUOTE
                | tag::OPEN_SINGLE
                | tag::COLON
                | tag::SEMICOLON
                | tag::DASH
                | tag::COORD
        )
}

/// "Commenting on the verdict, her lawyer, Tom Reyes, said …": an opening
/// participle phrase is read as a name with asides after it (the lexer
/// takes any capitalised first word for one); the speaker is after it.
fn participle_as_source(text: &str, s: &Sentence, m: &Match) -> bool {
    // The source opens the sentence or stands in the phrase ("the verdict").
    let phrase_end = s.tokens.iter().position(|t| t.tag == tag::COMMA);
    let Some(src) = m
        .source
        .as_ref()
        .filter(|src| phrase_end.is_some_and(|c| src.start < c))
    else {
        return false;
    };
    let Some(first) = s.tokens.first() else {
        return false;
    };
    let word = first.span.slice(text);
    word.len() > 5
        && word.ends_with("ing")
        && s.tokens.get(1).is_some_and(|t| t.tag == tag::PREP)
        && s.tokens.get(src.end).is_some_and(|t| t.tag == tag::COMMA)
}

/// Pronouns that may open an answer's second sentence ("Chen: Exactly.
/// Nobody expected it").
const INDEFINITE_PRONOUNS: [&str; 6] = [
    "Nobody",
    "Everybody",
    "Everyone",
    "Nothing",
    "Everything",
    "Someone",
];

/// A bare word as the whole source: "traders saying …" has a plural for
/// subject, but "Managers keep telling us …" a verb before the participle;
/// a headline's "… as trust insists …" or "…; dissent says …" has a bare
/// noun where a clause opens, before a claim (not "demand said to be
/// strong"), and anywhere else a bare word before a cue is no subject
/// ("has taken note of", "as nobody believed").
fn refused_bare_subject(cues: &Lexicon, text: &str, s: &Sentence, m: &Match) -> bool {
    let Some(src) = m
        .source
        .as_ref()
        .filter(|r| r.len() == 1 && s.tokens[r.start].tag == tag::WORD)
    else {
        return false;
    };
    if m.pattern == "source_participle" {
        return !resolve::is_plural(&resolve::fold(s.tokens[src.start].span.slice(text)));
    }
    // What it says must read as a claim: "councils warn over funding"
    // says nothing.
    let content = &s.tokens[m.content.clone()];
    let passive = s
        .tokens
        .get(m.cue + 1)
        .is_some_and(|t| t.span.slice(text).eq_ignore_ascii_case("to"));
    let claim = !passive && (has_verb(text, content) || content.iter().any(|t| is_quote(t.tag)));
    // Only a headline (no final stop) drops its articles: in running text
    // "as nobody believed" or "as demand suggests" has no speaker; and
    // only before a verb of speech ("as growth suggests" has none either).
    let speech = s.tokens[m.cue]
        .cue
        .is_some_and(|c| cues.cue(c).is_some_and(|c| c.family == "speech"));
    let headline = speech && s.tokens.last().is_some_and(|t| t.tag != tag::STOP);
    !claim
        || !headline
        || src.start > 0
            && !matches!(
                s.tokens[src.start - 1].tag,
                tag::FRAMING_SUBORD | tag::SUBORD | tag::SEMICOLON | tag::COLON | tag::DASH
            )
}

/// An adverb or a prepositional phrase with nothing else: "Now", "Later",
/// "In the long run". It opens a clause; it says nothing.
fn is_adjunct_fragment(text: &str, tokens: &[Token]) -> bool {
    match tokens {
        [one] => matches!(one.tag, tag::AUX | tag::WORD | tag::TIME),
        [first, ..] => first.tag == tag::PREP && is_bare_phrase(text, tokens),
        [] => false,
    }
}

/// A noun phrase with nothing else: no verb, no clause break, no quotation,
/// opening as a subject does ("The Turkish side", "This", "Prices").
/// An adjunct ("Now", "In Washington") or a whole clause is not one.
fn is_subject_fragment(text: &str, tokens: &[Token]) -> bool {
    const LONGEST: usize = 12;
    let opens = tokens.first().is_some_and(|t| {
        matches!(
            t.tag,
            tag::DETERMINER | tag::PRONOUN | tag::PROPER | tag::NOUN | tag::TITLE | tag::NUMBER
        )
    });
    opens && tokens.len() <= LONGEST && is_bare_phrase(text, tokens)
}

/// A subject and its auxiliaries, the rest of the clause yet to come:
/// "He was", "The plan would not".
fn is_unfinished_clause(text: &str, tokens: &[Token]) -> bool {
    let aux = tokens
        .iter()
        .rev()
        .take_while(|t| matches!(t.tag, tag::AUX | tag::BE | tag::NEGATION))
        .count();
    let subject = &tokens[..tokens.len() - aux];
    aux > 0 && !subject.is_empty() && is_subject_fragment(text, subject)
}

/// No verb, no clause break, no quotation: a phrase and nothing else.
fn is_bare_phrase(text: &str, tokens: &[Token]) -> bool {
    !has_verb(text, tokens) && tokens.iter().all(|t| !is_punct(t.tag) && !is_quote(t.tag))
}

/// "Shouldn’t they just blame …?", "Did he say …?": a yes/no question puts
/// an auxiliary before its subject, and it asks; nobody asserts anything.
/// The caller knows the sentence ends with a question mark.
fn is_question(tokens: &[Token], source: &Range<usize>, content: &Range<usize>) -> bool {
    let mut i = source.start;
    while i > 0 && matches!(tokens[i - 1].tag, tag::AUX | tag::BE | tag::NEGATION) {
        i -= 1;
    }
    // Only an auxiliary takes "n’t": a capitalised "Shouldn’t" read as a
    // name mid-sentence is one too.
    if i > 0
        && i < source.start
        && tokens[i].tag == tag::NEGATION
        && tokens[i - 1].tag == tag::PROPER
    {
        i -= 1;
    }
    // The auxiliary opens its clause: nothing word-like stands before it.
    let inverted = i < source.start && (i == 0 || !tokens[i - 1].tag.is_ascii_alphanumeric());
    // The content runs to that question mark.
    inverted && content.end + 1 >= tokens.len()
}

/// A content up to its first relative pronoun: "a new round of sanctions,
/// which would …" has no verb of its own.
fn clause_head(tokens: &[Token]) -> &[Token] {
    let end = tokens
        .iter()
        .position(|t| t.tag == tag::RELATIVE)
        .unwrap_or(tokens.len());
    &tokens[..end]
}

/// "growth to slow": a noun phrase, then "to" and a bare word.
fn has_infinitive(text: &str, tokens: &[Token]) -> bool {
    tokens.windows(3).any(|w| {
        w[0].tag != tag::PREP
            && w[1].span.slice(text) == "to"
            && matches!(w[2].tag, tag::WORD | tag::AUX | tag::BE)
    })
}

/// "rejected the union claims and raised wages": an object right after the
/// cue that holds no verb ends at an "and" joining the subject's next verb
/// (a cue-word just before the "and" is a noun: "claims", "estimates").
/// Not where a verb follows ("said tariffs and related measures would
/// hurt": a subject), nor after a preposition ("warned of rising prices
/// and increased unemployment": one phrase).
fn cut_joined_predicate(text: &str, tokens: &[Token], content: &mut Range<usize>) {
    if matches!(tokens[content.start].tag, tag::PREP | tag::OF) {
        return;
    }
    let joined = (content.start + 1..content.end).find(|&k| {
        tokens[k].tag == tag::COORD
            && tokens
                .get(k + 1)
                .is_some_and(|t| matches!(t.tag, tag::PARTICIPLE | tag::CUE | tag::CUE_LISTENER))
    });
    let object = |k: usize| {
        let noun = usize::from(tokens[k - 1].cue.is_some());
        !has_verb(text, &tokens[content.start..k - noun])
            && !has_verb(text, &tokens[k + 2..content.end])
    };
    if let Some(k) = joined.filter(|&k| object(k)) {
        content.end = k;
    }
}

/// Whether the tokens hold a verb. The auxiliary class also holds adverbs
/// ("again", "last", "too"), so one counts only before a verb or at the
/// end ("it had"), and "have" also before a determiner or a number ("the
/// club had a problem"): "to China again after …", "to Ms Markby last
/// week" and "against reading too much into …" hold none.
fn has_verb(text: &str, tokens: &[Token]) -> bool {
    tokens.iter().enumerate().any(|(i, t)| match t.tag {
        tag::AUX => tokens.get(i + 1).is_none_or(|next| match next.tag {
            tag::WORD
            | tag::PARTICIPLE
            | tag::BE
            | tag::AUX
            | tag::NEGATION
            | tag::CUE
            | tag::CUE_NOUN
            | tag::CUE_LISTENER => true,
            tag::DETERMINER | tag::NUMBER => ["has", "have", "had"]
                .iter()
                .any(|have| t.span.slice(text).eq_ignore_ascii_case(have)),
            _ => false,
        }),
        tag::BE
        | tag::CUE
        | tag::CUE_NOUN
        | tag::CUE_LISTENER
        | tag::NEGATION
        | tag::PARTICIPLE
        | tag::THAT => true,
        _ => false,
    })
}

/// Who speaks in a match the grammar leaves without a source: the subject
/// of the main clause after an opening participle ("Noting that P, he
/// said …"), else of the clause a dangling cue hangs off.
fn subject_of(s: &Sentence, m: &Match, from: usize) -> Option<Range<usize>> {
    if m.pattern != "leading_participle" {
        return clause_subject(s, from, m.cue);
    }
    let comma = m.content.end;
    if s.tokens.get(comma)?.tag != tag::COMMA {
        return None;
    }
    let end = grammar::source_at(&s.tags, comma + 1)?;
    Some(comma + 1..end)
}

/// The subject of the clause a dangling cue belongs to: the first noun
/// phrase of the clause, after any leading adjunct ("When asked …, X appeared
/// reluctant to comment, saying …").
fn clause_subject(s: &Sentence, from: usize, before: usize) -> Option<Range<usize>> {
    // A dateline ("WASHINGTON (AP) —") is not the subject.
    let mut i = from + dateline_len(&s.tokens[from..before], from == 0);
    while i < before {
        // "When X stood … and hailed …": the cue is in the subordinate
        // clause (no comma closes it first), so the subject is its own.
        if tag::is_subordinator(s.tokens[i].tag)
            && s.tokens[i..before].iter().all(|t| t.tag != tag::COMMA)
        {
            i += 1;
        }
        let Some(t) = s.tokens.get(i).map(|t| t.tag) else {
            break;
        };
        if matches!(
            t,
            tag::PROPER | tag::NOUN | tag::TITLE | tag::DETERMINER | tag::PRONOUN
        ) {
            if let Some(end) = grammar::source_at(&s.tags, i) {
                let end = subject_end(&s.tokens, i, end);
                if end <= before {
                    return Some(i..end);
                }
            }
        }
        let comma = (i..before).find(|&k| s.tokens[k].tag == tag::COMMA)?;
        i = comma + 1;
    }
    None
}

/// Where the subject noun phrase `tokens[start..end]` read by the grammar
/// really ends: the grammar cannot tell a verb from a noun modifier, so
/// a participle ("officials cited"), with any time adjunct after it ("the
/// party refused Monday"), and plain words after the head noun ("the
/// minister left and later said") are the clause's verb.
fn subject_end(tokens: &[Token], start: usize, mut end: usize) -> usize {
    let mut k = end;
    while k > start + 1 && matches!(tokens[k - 1].tag, tag::TIME | tag::PREP | tag::DETERMINER) {
        k -= 1;
    }
    if k < end && tokens[k - 1].tag == tag::PARTICIPLE {
        end = k;
    }
    let head = (start..end)
        .rev()
        .find(|&k| matches!(tokens[k].tag, tag::NOUN | tag::PROPER));
    while end > start + 1 {
        let t = tokens[end - 1].tag;
        let after_head = head.is_some_and(|h| end - 1 > h);
        // Back to the head over the verb and what hangs off it: "Smith
        // resigned after the scandal broke" is Smith.
        let off_verb = matches!(t, tag::WORD | tag::DETERMINER | tag::PREP | tag::OF);
        if t == tag::PARTICIPLE || off_verb && after_head {
            end -= 1;
        } else {
            break;
        }
    }
    end
}

/// The tokens of a dateline opening `tokens` ("SEOUL, South Korea (AP) —",
/// "NEW YORK, March 19 (Reuters) -", "GAZA:"), dash or colon included; 0 if
/// there is none. The longer forms are looked for only at the sentence's
/// start (`at_start`).
fn dateline_len(tokens: &[Token], at_start: bool) -> usize {
    // At the sentence's start, "GAZA:", "New Delhi:": a place name and a
    // colon; and room for "NEW YORK, March 19 (Reuters) -".
    if at_start {
        if let Some(c) = tokens.iter().take(4).position(|t| t.tag == tag::COLON) {
            if c > 0 && tokens[..c].iter().all(|t| t.tag == tag::PROPER) {
                return c + 1;
            }
        }
    }
    tokens
        .iter()
        .take(if at_start { 12 } else { 8 })
        .position(|t| t.tag == tag::DASH)
        .filter(|&d| {
            d > 0
                && tokens[..d].iter().all(|t| {
                    matches!(
                        t.tag,
                        tag::PROPER
                            | tag::OPEN_PAREN
                            | tag::CLOSE_PAREN
                            | tag::COMMA
                            | tag::NUMBER
                            | tag::TIME
                    )
                })
        })
        // "BEIJING, Dec. 17 (Xinhua) -- …": a dash may be doubled.
        .map_or(0, |d| {
            d + 1
                + tokens[d + 1..]
                    .iter()
                    .take_while(|t| t.tag == tag::DASH)
                    .count()
        })
}

/// "While the US believes P, China …": a content that starts inside a
/// leading subordinate clause ends with that clause.
fn trim_subordinate(
    s: &Sentence,
    source: &Range<usize>,
    mut content: Range<usize>,
) -> Range<usize> {
    if s.tokens
        .first()
        .is_none_or(|t| !tag::is_subordinator(t.tag))
    {
        return content;
    }
    let mut depth = 0i32;
    for (k, t) in s.tokens.iter().enumerate() {
        match t.tag {
            tag::OPEN_QUOTE | tag::OPEN_SINGLE => depth += 1,
            tag::CLOSE_QUOTE | tag::CLOSE_SINGLE => depth -= 1,
            tag::COMMA if depth == 0 => {
                if source.start < k && content.start < k && content.end > k {
                    content.end = k;
                }
                return content;
            }
            _ => {}
        }
    }
    content
}

/// True when the tokens before a nested attribution are nothing or a
/// fronted adjunct ("On Saturday, Lavrov described …"), so that the nested
/// attribution is the whole relayed claim.
fn only_adjunct_before(tokens: &[Token]) -> bool {
    match tokens.split_last() {
        None => true,
        Some((last, rest)) => {
            last.tag == tag::COMMA
                && rest.iter().all(|t| {
                    matches!(
                        t.tag,
                        tag::PREP
                            | tag::TIME
                            | tag::DETERMINER
                            | tag::NUMBER
                            | tag::AUX
                            | tag::PROPER
                            | tag::WORD
                    )
                })
                && rest.len() <= 6
        }
    }
}

/// A name of two capitalised words or more between commas right after `r`,
/// as token indices.
fn apposed_name(tokens: &[Token], r: &Range<usize>) -> Option<Range<usize>> {
    let rest = tokens.get(r.end..)?;
    let (first, rest) = rest.split_first()?;
    // ", retired nurse Bernadette Kyle,": role words may stand before the name.
    let role = rest
        .iter()
        .take_while(|t| matches!(t.tag, tag::WORD | tag::PARTICIPLE | tag::NOUN | tag::TITLE))
        .count();
    let len = rest[role..]
        .iter()
        .take_while(|t| t.tag == tag::PROPER)
        .count();
    let closed = rest.get(role + len).is_none_or(|t| {
        matches!(
            t.tag,
            tag::COMMA | tag::CUE | tag::CUE_NOUN | tag::CUE_LISTENER
        )
    });
    let start = r.end + 1 + role;
    (first.tag == tag::COMMA && len >= 2 && closed).then_some(start..start + len)
}

#[cfg(test)]
mod tests {
    use super::speaks_as_one;

    #[test]
    fn a_first_person_singular_opens_a_clause_or_is_unambiguous() {
        assert!(speaks_as_one("I think it will pass"));
        assert!(speaks_as_one("It was hard, I said, but fair"));
        assert!(speaks_as_one("We knew I’m not the favourite"));
        assert!(speaks_as_one("It was my decision"));
        assert!(!speaks_as_one("Phase I results are very encouraging"));
        assert!(!speaks_as_one("Patients with type I diabetes improved"));
        assert!(!speaks_as_one("Traffic on I-95 is slow since World War I."));
        assert!(!speaks_as_one("We will fight"));
    }
}
