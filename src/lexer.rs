//! Tokenising a sentence and tagging each token with its word class.
//!
//! The grammar (`grammar/attribution.pest`) is compiled into the binary but
//! the word lists are user data, so the grammar does not read words: it reads
//! one ASCII tag per token. This module is the bridge: it splits a sentence
//! into tokens (words, quotation marks, punctuation), decides what each quote
//! character is (opening, closing, apostrophe), and looks every word up in the
//! [`Lexicon`] built from the rules. Because one token is one tag byte, a
//! position in the tag string is a token index, and every grammar match maps
//! straight back to byte spans in the article.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::model::{SourceType, Span};
use crate::rules::{Frame, Object, Rules};

/// The word classes the grammar sees. Each is one ASCII byte in the tag string.
pub mod tag {
    /// Finite cue verb: said, says, denied, believes.
    pub const CUE: u8 = b'V';
    /// Cue verb that also heads a noun phrase: reports, report.
    pub const CUE_NOUN: u8 = b'Z';
    /// Cue verb with a listener: told, informed.
    pub const CUE_LISTENER: u8 = b'U';
    /// -ing form of a cue: saying, accusing.
    pub const CUE_GERUND: u8 = b'G';
    /// Adjectival cue after "be": concerned, confident.
    pub const CUE_ADJECTIVE: u8 = b'Y';
    /// "according to".
    pub const ACCORDING: u8 = b'A';
    /// Relay gerund: citing, quoting.
    pub const RELAY: u8 = b'K';
    /// Finite relay verb: quoted (X as saying).
    pub const RELAY_FINITE: u8 = b'Q';
    /// Phrase that belongs to the cue: "in a statement".
    pub const CUE_ADJUNCT: u8 = b'a';
    /// Capitalised word or acronym.
    pub const PROPER: u8 = b'P';
    /// Common noun that can head a source: ministry, experts.
    pub const NOUN: u8 = b'N';
    /// Title before a name: President, Mr.
    pub const TITLE: u8 = b'J';
    /// Personal pronoun: he, it, they.
    pub const PRONOUN: u8 = b'R';
    pub const DETERMINER: u8 = b'd';
    /// Possessive 's or plural ’.
    pub const POSSESSIVE: u8 = b's';
    pub const OF: u8 = b'o';
    pub const BY: u8 = b'y';
    pub const THAT: u8 = b't';
    /// Relative pronoun: which, who.
    pub const RELATIVE: u8 = b'h';
    /// Coordinator: and, or, but.
    pub const COORD: u8 = b'c';
    /// Subordinator of a clause about the report, not part of what was
    /// said: as ("said on Monday as he left", "as one diplomat put it").
    pub const FRAMING_SUBORD: u8 = b'S';
    /// Subordinator of a clause that may be part of what was said: while,
    /// when, although ("said police fired when they were attacked").
    pub const SUBORD: u8 = b'W';
    /// Form of "be".
    pub const BE: u8 = b'B';
    /// Auxiliary or adverb that may stand between a source and its cue.
    pub const AUX: u8 = b'x';
    pub const NEGATION: u8 = b'!';
    /// Time word: Sunday, month.
    pub const TIME: u8 = b'm';
    pub const PREP: u8 = b'p';
    /// Other lowercase word.
    pub const WORD: u8 = b'w';
    /// Lowercase word ending in -ed: a likely participle (released, based).
    pub const PARTICIPLE: u8 = b'e';
    pub const NUMBER: u8 = b'n';
    pub const OPEN_QUOTE: u8 = b'O';
    pub const CLOSE_QUOTE: u8 = b'C';
    pub const OPEN_SINGLE: u8 = b'[';
    pub const CLOSE_SINGLE: u8 = b']';
    pub const COMMA: u8 = b',';
    pub const COLON: u8 = b':';
    pub const SEMICOLON: u8 = b';';
    pub const DASH: u8 = b'-';
    pub const OPEN_PAREN: u8 = b'(';
    pub const CLOSE_PAREN: u8 = b')';
    /// Sentence-final punctuation: . ! ?
    pub const STOP: u8 = b'.';
    /// Anything else, including quotation marks that never close.
    pub const OTHER: u8 = b'~';

    /// Either subordinator: what opens a leading clause ("While the US
    /// believes …, China …").
    pub fn is_subordinator(t: u8) -> bool {
        matches!(t, SUBORD | FRAMING_SUBORD)
    }
}

/// What the lexicon knows about a cue.
#[derive(Debug, Clone)]
pub struct CueInfo {
    pub lemma: String,
    pub family: String,
    pub frame: Frame,
    pub object: Object,
    /// The source's noun must be of this kind (see [`crate::rules::CueRule`]).
    pub source: Option<SourceType>,
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    tag: u8,
    cue: Option<u16>,
    noun: Option<SourceType>,
}

/// One token of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub tag: u8,
    pub span: Span,
    /// Index into [`Lexicon::cues`] for cue tokens.
    pub cue: Option<u16>,
    /// The source type a common noun implies.
    pub noun: Option<SourceType>,
}

/// Id of a lowercase word the lexicon knows, as an index into its slots.
type WordId = u32;
/// The id of every word the lexicon does not know.
const UNKNOWN: WordId = WordId::MAX;

/// What the lexicon knows about one lowercase word: its class, and the
/// phrases that start with it. One lookup per token answers both.
#[derive(Debug, Clone, Default)]
struct Slot {
    single: Option<Entry>,
    /// Multi-word phrases starting with this word: the ids of the rest,
    /// longest first.
    phrases: Vec<(Box<[WordId]>, Entry)>,
    /// Some title of the rules lowercases to this word, or to it without
    /// its final period (a word keeps at most one): the word may be a
    /// title, and only then is the case-sensitive title set asked.
    title: bool,
    /// A time modifier: a time word right after makes it part of the
    /// phrase of time ("late Friday").
    time_modifier: bool,
    /// A determiner that can stand for its noun phrase: "Another said …",
    /// "Some said …" have a source.
    standalone: bool,
    /// The rules list the word as a pronoun and a determiner ("her"): it is
    /// tagged a determiner, and a pronoun where no noun phrase follows.
    pronoun_too: bool,
}

/// The key a lowercased word is stored under. Words of up to eight bytes,
/// most words, are packed into one integer: hashing and comparing it is far
/// cheaper than hashing and comparing a string. No word packed contains a
/// NUL byte, so zero padding keeps the packing one-to-one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Key<'a> {
    Short(u64),
    Long(&'a str),
}

impl Key<'_> {
    fn of(lower: &str) -> Key<'_> {
        pack(lower.as_bytes()).map_or(Key::Long(lower), Key::Short)
    }
}

/// Up to eight bytes, none of them NUL, as one integer; None otherwise.
fn pack(bytes: &[u8]) -> Option<u64> {
    if bytes.len() > 8 {
        return None;
    }
    let mut key = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == 0 {
            return None;
        }
        key |= u64::from(b) << (8 * i);
    }
    Some(key)
}

/// Word classes compiled from the rules for fast lookup.
#[derive(Debug, Clone)]
pub struct Lexicon {
    /// Every word of the rules, lowercased, to its slot: short words by
    /// their packed [`Key`], the others by their text. Words that occur
    /// only inside phrases have an empty slot, so that phrases compare ids.
    short_ids: ShortIds,
    long_ids: HashMap<Box<str>, WordId>,
    /// The packed first eight bytes of every key of `long_ids`: a long word
    /// whose lowercase starts otherwise is not looked up (most are not).
    long_prefixes: HashSet<u64>,
    slots: Vec<Slot>,
    titles: HashSet<String>,
    abbreviations: HashSet<String>,
    time_prepositions: HashSet<String>,
    name_particles: HashSet<String>,
    modals: HashSet<String>,
    focus_adverbs: HashSet<String>,
    relay_participles: HashSet<String>,
    issue_verbs: HashSet<String>,
    pub cues: Vec<CueInfo>,
}

/// A token as [`split`] finds it: words are looked up but not yet tagged.
#[derive(Debug, Clone, Copy)]
struct Raw {
    tag: u8,
    span: Span,
    /// The lexicon id of a word or negation token, `UNKNOWN` otherwise.
    id: WordId,
}

impl Raw {
    /// A word that opens with a capital letter: a name's word, or a
    /// sentence's first.
    fn is_capitalised_word(&self, text: &str) -> bool {
        self.tag == tag::WORD && self.span.slice(text).starts_with(char::is_uppercase)
    }
}

/// Buffers reused from sentence to sentence: allocating them afresh for
/// every sentence showed up in profiles.
#[derive(Default)]
struct Scratch {
    raw: Vec<Raw>,
    lower: String,
    open_quotes: Vec<usize>,
}

impl Lexicon {
    pub fn new(rules: &Rules) -> Lexicon {
        let mut lex = Lexicon {
            short_ids: ShortIds::new(),
            long_ids: HashMap::default(),
            long_prefixes: HashSet::default(),
            slots: Vec::new(),
            titles: rules.titles.iter().cloned().collect(),
            abbreviations: rules.abbreviations.iter().cloned().collect(),
            time_prepositions: lowercase_set(&rules.words.time_prepositions),
            name_particles: lowercase_set(&rules.words.name_particles),
            modals: lowercase_set(&rules.words.modals),
            focus_adverbs: lowercase_set(&rules.words.focus_adverbs),
            relay_participles: lowercase_set(&rules.words.relay_participles),
            issue_verbs: lowercase_set(&rules.words.issue_verbs),
            cues: Vec::new(),
        };
        for cue in &rules.cues {
            let id = lex.cues.len() as u16;
            lex.cues.push(CueInfo {
                lemma: cue.lemma.clone(),
                family: cue.family.clone(),
                frame: cue.frame,
                object: cue.object,
                source: cue.source,
            });
            let (finite, gerund) = match cue.frame {
                Frame::Clause => (tag::CUE, tag::CUE_GERUND),
                Frame::Listener => (tag::CUE_LISTENER, tag::CUE_GERUND),
                Frame::Adjective => (tag::CUE_ADJECTIVE, tag::CUE_ADJECTIVE),
                Frame::According => (tag::ACCORDING, tag::ACCORDING),
                Frame::Relay => (tag::RELAY_FINITE, tag::RELAY),
            };
            for form in &cue.forms {
                lex.add(form, finite, Some(id), None);
            }
            if let Some(g) = &cue.gerund {
                lex.add(g, gerund, Some(id), None);
            }
        }
        for adjunct in &rules.cue_adjuncts {
            lex.add(adjunct, tag::CUE_ADJUNCT, None, None);
        }
        let w = &rules.words;
        for (list, t) in [
            (&w.that, tag::THAT),
            (&w.relatives, tag::RELATIVE),
            (&w.coordinators, tag::COORD),
            (&w.subordinators, tag::SUBORD),
            (&w.framing_subordinators, tag::FRAMING_SUBORD),
            (&w.pronouns, tag::PRONOUN),
            (&w.be, tag::BE),
            (&w.negations, tag::NEGATION),
            (&w.of, tag::OF),
            (&w.by, tag::BY),
            (&w.determiners, tag::DETERMINER),
            (&w.prepositions, tag::PREP),
            (&w.auxiliaries, tag::AUX),
            (&w.time, tag::TIME),
        ] {
            for word in list {
                lex.add(word, t, None, None);
                if t != tag::DETERMINER {
                    continue;
                }
                // "her", listed among the pronouns (added first) and the
                // determiners: a determiner ("her lawyer"), read as a
                // pronoun by context ("told her that", `pronouns_by_context`).
                let id = lex.intern(&lowercase(word));
                let slot = &mut lex.slots[id as usize];
                if slot.single.is_some_and(|e| e.tag == tag::PRONOUN) {
                    slot.single = Some(Entry {
                        tag: tag::DETERMINER,
                        cue: None,
                        noun: None,
                    });
                    slot.pronoun_too = true;
                }
            }
        }
        // Source nouns last: a word that is also a cue form ("reports") keeps
        // its cue and is marked as able to head a noun phrase too.
        let mut types: Vec<_> = rules.source_nouns.iter().collect();
        types.sort_by_key(|(t, _)| **t);
        for (ty, nouns) in types {
            for noun in nouns {
                if noun.contains(char::is_whitespace) {
                    lex.add(noun, tag::NOUN, None, Some(*ty));
                    continue;
                }
                let id = lex.intern(&lowercase(noun));
                match lex.slots[id as usize].single.as_mut() {
                    Some(e) if e.tag == tag::CUE => {
                        e.tag = tag::CUE_NOUN;
                        e.noun.get_or_insert(*ty);
                    }
                    Some(_) => {}
                    None => lex.add(noun, tag::NOUN, None, Some(*ty)),
                }
            }
        }
        for word in &rules.words.time_modifiers {
            let id = lex.intern(&lowercase(word));
            lex.slots[id as usize].time_modifier = true;
        }
        for word in &rules.words.standalone_determiners {
            let id = lex.intern(&lowercase(word));
            lex.slots[id as usize].standalone = true;
        }
        for title in &rules.titles {
            let lower = lowercase(title);
            for word in [lower.clone(), lower + "."] {
                let id = lex.intern(&word);
                lex.slots[id as usize].title = true;
            }
        }
        for slot in &mut lex.slots {
            slot.phrases.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
        }
        lex
    }

    fn intern(&mut self, lower: &str) -> WordId {
        if let Some(id) = self.id_of(lower) {
            return id;
        }
        let id = self.slots.len() as WordId;
        self.slots.push(Slot::default());
        match Key::of(lower) {
            Key::Short(k) => self.short_ids.insert(k, id),
            Key::Long(k) => {
                if let Some(prefix) = k.as_bytes().get(..8).and_then(pack) {
                    self.long_prefixes.insert(prefix);
                }
                self.long_ids.insert(k.into(), id);
            }
        }
        id
    }

    /// The id of a lowercased word, None if the rules never mention it.
    fn id_of(&self, lower: &str) -> Option<WordId> {
        match Key::of(lower) {
            Key::Short(k) => self.short_ids.get(k),
            Key::Long(k) => self.long_ids.get(k).copied(),
        }
    }

    /// First definition of a word wins, so the order of `new` is the priority.
    fn add(&mut self, text: &str, tag: u8, cue: Option<u16>, noun: Option<SourceType>) {
        let entry = Entry { tag, cue, noun };
        let ids: Vec<WordId> = text
            .split_whitespace()
            .map(|w| self.intern(&lowercase(w)))
            .collect();
        match ids.as_slice() {
            [] => {}
            [one] => {
                self.slots[*one as usize].single.get_or_insert(entry);
            }
            [first, rest @ ..] => {
                let list = &mut self.slots[*first as usize].phrases;
                if !list.iter().any(|(r, _)| **r == *rest) {
                    list.push((rest.into(), entry));
                }
            }
        }
    }

    pub fn is_abbreviation(&self, word_with_period: &str) -> bool {
        self.abbreviations.contains(word_with_period)
    }

    /// True if `word` opens a phrase of time ("after", "during"). Only
    /// words the rules also list as prepositions are asked.
    pub fn is_time_preposition(&self, word: &str) -> bool {
        self.time_prepositions.contains(&lowercase(word))
    }

    /// True if `word` is a cue verb of the rules that is no noun: "said",
    /// "asked", "told" (not "report").
    pub fn is_cue_verb(&self, word: &str) -> bool {
        self.id_of(&lowercase(word))
            .and_then(|id| self.entry(id))
            .is_some_and(|e| matches!(e.tag, tag::CUE | tag::CUE_LISTENER))
    }

    /// The class the rules give a word on its own, by id.
    fn entry(&self, id: WordId) -> Option<Entry> {
        self.slots.get(id as usize)?.single
    }

    /// True if `word` is a determiner or pronoun of the rules ("The",
    /// "He"): it opens a clause, so no name goes on before it.
    pub fn opens_clause(&self, word: &str) -> bool {
        self.id_of(&lowercase(word))
            .and_then(|id| self.entry(id))
            .is_some_and(|e| matches!(e.tag, tag::DETERMINER | tag::PRONOUN))
    }

    /// True if `word` is an auxiliary of the future or the possible: "will".
    pub fn is_modal(&self, word: &str) -> bool {
        self.modals.contains(&lowercase(word))
    }

    /// True if `word` narrows what follows it: "only", "just".
    pub fn is_focus_adverb(&self, word: &str) -> bool {
        self.focus_adverbs.contains(&lowercase(word))
    }

    /// True if `word` passes a statement on before "by": "carried", "quoted".
    pub fn is_relay_participle(&self, word: &str) -> bool {
        self.relay_participles.contains(&lowercase(word))
    }

    /// True if `word` is a determiner that can stand for its noun phrase:
    /// "another", "some".
    pub fn is_standalone_determiner(&self, word: &str) -> bool {
        self.id_of(&lowercase(word))
            .and_then(|id| self.slots.get(id as usize))
            .is_some_and(|s| s.standalone)
    }

    /// True if `word` says a party put a document out: "issued", "filed".
    pub fn is_issue_verb(&self, word: &str) -> bool {
        self.issue_verbs.contains(&lowercase(word))
    }

    pub fn is_title(&self, word: &str) -> bool {
        self.titles.contains(word)
    }

    pub fn cue(&self, id: u16) -> Option<&CueInfo> {
        self.cues.get(id as usize)
    }

    /// Tokenises and tags `text[span]`.
    pub fn tokenize(&self, text: &str, span: Span) -> Vec<Token> {
        let mut out = Vec::new();
        self.tokenize_into(text, span, &mut out);
        out
    }

    /// Tokenises and tags `text[span]`, appending the tokens to `out`, so a
    /// caller can keep a whole article's tokens in one vector.
    pub fn tokenize_into(&self, text: &str, span: Span, out: &mut Vec<Token>) {
        thread_local!(static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default());
        SCRATCH.with(|scratch| {
            let scratch = &mut *scratch.borrow_mut();
            scratch.raw.clear();
            split(text, span, self, scratch);
            let run_on = crate::segment::quote_runs_on(text, span.end).then_some(span.end);
            balance_quotes(&mut scratch.raw, &mut scratch.open_quotes, run_on);
            // At most one token per raw token: grow once, not doubling from empty.
            out.reserve(scratch.raw.len());
            self.tag_words(text, &scratch.raw, out);
        });
    }

    /// The id of the word or negation token `s[start..end]`, `UNKNOWN` if
    /// the rules never mention it. Taking the whole of `s` lets a short word
    /// be read in one 8-byte load (see [`ascii_key_in`]).
    // Inlined into the split loop: called once per word, its register
    // saves and restores alone were ~16 instructions a word (-2.5M per MB).
    #[inline(always)]
    fn word_id(&self, s: &str, start: usize, end: usize, lower: &mut String) -> WordId {
        let b = s.as_bytes();
        let id = match ascii_key_in(b, start, end) {
            Some(key) => self.short_ids.get(key),
            // An ASCII prefix lowercases to its ASCII lowercase whatever
            // follows, so a word whose prefix no long key has is unknown.
            None if end > start + 8
                && ascii_key_in(b, start, start + 8)
                    .is_some_and(|p| !self.long_prefixes.contains(&p)) =>
            {
                None
            }
            None => {
                lowercase_into(s.get(start..end).unwrap_or(""), lower);
                self.id_of(lower)
            }
        };
        id.unwrap_or(UNKNOWN)
    }

    fn tag_words(&self, text: &str, raw: &[Raw], out: &mut Vec<Token>) {
        let first_out = out.len();
        let mut i = 0;
        let mut sentence_start = true;
        // Tokens of words both determiner and pronoun, by index into
        // `out`, and of cue forms that are nouns too or take a listener, by
        // index into this sentence's tokens.
        let mut pronoun_too = Vec::new();
        let mut cue_forms = Vec::new();
        while let Some(&tok) = raw.get(i) {
            if tok.tag != tag::WORD {
                // An ampersand between capitalised words joins one name:
                // "Johnson & Johnson", "Procter & Gamble".
                let joins_name = tok.tag == tag::OTHER
                    && tok.span.slice(text) == "&"
                    && out[first_out..]
                        .last()
                        .is_some_and(|p| p.tag == tag::PROPER)
                    && raw.get(i + 1).is_some_and(|n| n.is_capitalised_word(text));
                // A colon or dash opens a clause of its own: "ISLAMABAD:
                // The Foreign Office said …" and "OSLO, June 3 - The
                // ministry said …" have a determiner, not a name; so does a
                // stop inside a quotation of several sentences ("… bad
                // news. He thinks …").
                if matches!(tok.tag, tag::COLON | tag::DASH | tag::STOP) {
                    sentence_start = true;
                } else if !matches!(
                    tok.tag,
                    tag::OPEN_QUOTE | tag::OPEN_SINGLE | tag::OPEN_PAREN
                ) {
                    sentence_start = false;
                }
                out.push(Token {
                    tag: if joins_name { tag::PROPER } else { tok.tag },
                    span: tok.span,
                    cue: None,
                    noun: None,
                });
                i += 1;
                continue;
            }
            let slot = self.slots.get(tok.id as usize);
            if slot.is_some_and(|s| s.pronoun_too) {
                pronoun_too.push(out.len());
            }
            let phrase = slot.and_then(|slot| Self::phrase_at(&raw[i + 1..], &slot.phrases));
            if let Some((len, entry)) = phrase {
                let end = raw[i + len - 1].span.end;
                out.push(Token {
                    tag: entry.tag,
                    span: Span::new(tok.span.start, end),
                    cue: entry.cue,
                    noun: entry.noun,
                });
                i += len;
                sentence_start = false;
                continue;
            }
            let word = tok.span.slice(text);
            let mut t = self.tag_word(word, slot, tok.span, sentence_start);
            let prev = out[first_out..].last().map(|p| p.tag);
            let capitalised_next = || raw.get(i + 1).is_some_and(|n| n.is_capitalised_word(text));
            // A capitalised time word inside a name is part of it: "The
            // Sunday Times", "South China Morning Post" (but "on Monday North
            // Korea fired" and "Biden Monday said" keep the day).
            if t.tag == tag::TIME
                && !sentence_start
                && word.starts_with(|c: char| c.is_uppercase())
                && matches!(prev, Some(tag::PROPER | tag::DETERMINER))
                && capitalised_next()
            {
                t.tag = tag::PROPER;
            }
            // A particle between capitalised words is part of the name:
            // "Louis van Gaal", "Taher al Nono", "President de Klerk".
            if t.tag == tag::WORD
                && matches!(prev, Some(tag::PROPER | tag::TITLE))
                && capitalised_next()
                && self.name_particles.contains(word)
            {
                t.tag = tag::PROPER;
            }
            // A word the rules do not know, between a cue or a closing
            // quotation and a name of two words, is the person's role:
            // "said fisherman Raimundo Souza", "“…,” bartender Tom Hart
            // said".
            if t.tag == tag::WORD
                && slot.is_none_or(|s| s.single.is_none())
                && matches!(prev, Some(tag::CUE | tag::COMMA | tag::CLOSE_QUOTE))
                && (1..=2).all(|k| raw.get(i + k).is_some_and(|n| n.is_capitalised_word(text)))
                && (prev == Some(tag::CUE) || self.cue_after_name(text, raw, i))
            {
                t.tag = tag::TITLE;
            }
            // A determiner that opens its clause and stands for its noun
            // phrase before a cue that is only a verb is the source:
            // "Another said", "“…,” one said", ", while some told".
            if matches!(t.tag, tag::CUE | tag::CUE_LISTENER)
                && t.noun.is_none()
                && self.stands_alone(raw, i, &out[first_out..])
            {
                if let Some(p) = out.last_mut() {
                    p.tag = tag::NOUN;
                    p.noun = Some(SourceType::Anonymous);
                }
            }
            // A cue form right after a determiner or possessive is a noun
            // or an adjective: "a claim", "China’s claims", "the report",
            // "an informed source".
            if matches!(t.tag, tag::CUE | tag::CUE_NOUN | tag::CUE_LISTENER)
                && out[first_out..]
                    .last()
                    .is_some_and(|p| is_noun_determiner(p, text))
            {
                t.tag = if t.noun.is_some() {
                    tag::NOUN
                } else {
                    tag::WORD
                };
            }
            // "Analysts broadly described …": an adverb the rules do not
            // list, right before a cue, stands between source and cue.
            if matches!(t.tag, tag::CUE | tag::CUE_LISTENER) {
                if let Some(p) = out[first_out..].last_mut().filter(|p| {
                    p.tag == tag::WORD && p.noun.is_none() && is_adverb_form(p.span.slice(text))
                }) {
                    p.tag = tag::AUX;
                }
            }
            // "Unsurprisingly, Southgate …": an adverb opening the sentence
            // is no name, though capitalised and unknown to the rules.
            if t.tag == tag::PROPER
                && sentence_start
                && raw.get(i + 1).is_some_and(|n| n.tag == tag::COMMA)
                && is_adverb_form(word)
            {
                t.tag = tag::AUX;
            }
            if matches!(t.tag, tag::CUE_NOUN | tag::CUE_LISTENER) {
                cue_forms.push(out.len() - first_out);
            }
            let time_next = || {
                raw.get(i + 1)
                    .and_then(|n| self.entry(n.id))
                    .is_some_and(|e| e.tag == tag::TIME)
            };
            // "late Friday", "this week": a determiner too ("this week
            // officials said" has a time, "the Friday meeting" none).
            let modifier = matches!(t.tag, tag::WORD | tag::DETERMINER);
            if modifier && slot.is_some_and(|s| s.time_modifier) && time_next() {
                t.tag = tag::TIME;
            }
            out.push(t);
            sentence_start = false;
            i += 1;
        }
        pronouns_by_context(out, &pronoun_too);
        cue_forms_by_context(&mut out[first_out..], &cue_forms);
        prepositions_by_context(text, &mut out[first_out..]);
    }

    /// Whether a cue verb follows the capitalised words after raw token `i`.
    fn cue_after_name(&self, text: &str, raw: &[Raw], i: usize) -> bool {
        raw.get(i + 1..)
            .unwrap_or_default()
            .iter()
            .find(|n| !n.is_capitalised_word(text))
            .and_then(|n| self.entry(n.id))
            .is_some_and(|e| matches!(e.tag, tag::CUE | tag::CUE_LISTENER))
    }

    /// Whether the token before raw token `i` (the last of `before`, this
    /// sentence's tokens so far) is a determiner that can stand alone and
    /// opens its clause: nothing, or no word of a noun phrase, before it.
    fn stands_alone(&self, raw: &[Raw], i: usize, before: &[Token]) -> bool {
        let Some((prev, earlier)) = before.split_last() else {
            return false;
        };
        // After a clause boundary only: not "Not one said", "said that
        // some told him", "Once all said".
        let opens = earlier.last().is_none_or(|p| {
            matches!(
                p.tag,
                tag::COMMA
                    | tag::COORD
                    | tag::SUBORD
                    | tag::FRAMING_SUBORD
                    | tag::OPEN_QUOTE
                    | tag::CLOSE_QUOTE
                    | tag::OPEN_SINGLE
                    | tag::CLOSE_SINGLE
                    | tag::COLON
                    | tag::SEMICOLON
                    | tag::STOP
                    | tag::DASH
                    | tag::OPEN_PAREN
            )
        });
        prev.tag == tag::DETERMINER
            && opens
            && i.checked_sub(1)
                .and_then(|k| self.slots.get(raw[k].id as usize))
                .is_some_and(|s| s.standalone)
    }

    /// The longest phrase of `candidates` whose words after the first are
    /// the words that start `after`, compared by word id; with its length
    /// in tokens.
    fn phrase_at(after: &[Raw], candidates: &[(Box<[WordId]>, Entry)]) -> Option<(usize, Entry)> {
        candidates.iter().find_map(|(rest, entry)| {
            let words = after.get(..rest.len())?;
            let spelled = words
                .iter()
                .zip(rest.iter())
                .all(|(t, &want)| matches!(t.tag, tag::WORD | tag::NEGATION) && t.id == want);
            spelled.then_some((rest.len() + 1, *entry))
        })
    }

    fn tag_word(&self, word: &str, slot: Option<&Slot>, span: Span, sentence_start: bool) -> Token {
        let plain = |tag| Token {
            tag,
            span,
            cue: None,
            noun: None,
        };
        let listed = |e: Entry| Token {
            tag: e.tag,
            span,
            cue: e.cue,
            noun: e.noun,
        };
        let first = word.chars().next().unwrap_or(' ');
        // A lowercase first letter already rules out an acronym. An acronym
        // is a name ("WHO" is no relative), unless it is a person's role:
        // "CEO says …", "MP".
        if !first.is_lowercase() && is_acronym(word) {
            return match slot.and_then(|s| s.single) {
                Some(e) if e.tag == tag::NOUN && e.noun == Some(SourceType::Person) => listed(e),
                _ => plain(tag::PROPER),
            };
        }
        let capitalised = first.is_uppercase();
        let may_be_title = slot.is_some_and(|s| s.title);
        if capitalised && may_be_title && self.is_title(word.trim_end_matches('.')) {
            return plain(tag::TITLE);
        }
        // "Major-General", "Vice-Admiral": titles joined by a hyphen.
        if capitalised && word.contains('-') && word.split('-').all(|p| self.is_title(p)) {
            return plain(tag::TITLE);
        }
        if let Some(e) = slot.and_then(|s| s.single) {
            // Mid-sentence, a capitalised word is a name unless it is a
            // source noun or a time word: "Will", "May", "United States".
            let keeps_class = matches!(e.tag, tag::NOUN | tag::TIME);
            if !(capitalised && !sentence_start && !keeps_class) {
                return listed(e);
            }
        }
        // "al-Zahar", "el-Sissi": a particle joined to a capitalised name.
        let particle_name = || {
            // Particles are short ("della"): only the first bytes are searched.
            let hyphen = word.bytes().take(6).position(|b| b == b'-');
            hyphen.is_some_and(|h| {
                word[h + 1..].starts_with(char::is_uppercase)
                    && self.name_particles.contains(&word[..h])
            })
        };
        if capitalised || particle_name() {
            plain(tag::PROPER)
        } else if first.is_ascii_digit() {
            plain(tag::NUMBER)
        } else if word.len() > 4 && (word.ends_with("ed") || word.ends_with("ED")) {
            plain(tag::PARTICIPLE)
        } else {
            plain(tag::WORD)
        }
    }
}

/// A word both a determiner and a pronoun ("her"; its tokens at `at` in
/// `tokens`) is a pronoun where no noun phrase follows it: "told her that
/// …", "told her the plan …", "thanked her for …", "told her he …" (but
/// "her lawyer", "her claims").
fn pronouns_by_context(tokens: &mut [Token], at: &[usize]) {
    for &k in at {
        let no_noun_phrase = tokens.get(k + 1).is_none_or(|n| {
            matches!(
                n.tag,
                tag::DETERMINER
                    | tag::THAT
                    | tag::PRONOUN
                    | tag::PREP
                    | tag::COMMA
                    | tag::STOP
                    | tag::COLON
                    | tag::OPEN_QUOTE
                    | tag::COORD
                    | tag::SUBORD
                    | tag::BE
            )
        });
        if tokens[k].tag == tag::DETERMINER && no_noun_phrase {
            tokens[k].tag = tag::PRONOUN;
        }
    }
}

/// A preposition between an auxiliary and a cue is an adverb of the verb
/// group: "has since said", "had before denied". Not "to": "has to say" is
/// an obligation, not a report.
fn prepositions_by_context(text: &str, tokens: &mut [Token]) {
    for k in 1..tokens.len().saturating_sub(1) {
        if tokens[k].tag == tag::PREP
            && tokens[k - 1].tag == tag::AUX
            && matches!(tokens[k + 1].tag, tag::CUE | tag::CUE_LISTENER)
            && !tokens[k].span.slice(text).eq_ignore_ascii_case("to")
        {
            tokens[k].tag = tag::AUX;
        }
    }
}

/// Cue forms (their tokens at `at` in `tokens`) that context shows to be
/// no cue. One that is a noun too is a noun where no clause can follow it
/// as a verb: before a cue ("reports say", "media reports said"), and
/// inside a noun phrase opened by a determiner when what follows cannot
/// open a content ("its full-year profit forecast.", "the landmark report
/// by the UN", "the most important scientific reports ever published"; but
/// "the think tank estimates that …"). A listener cue right before "by",
/// with no "be" before it, is a participle: "The bank, advised by Lazard,
/// said …" ("was told by" stays a passive cue).
fn cue_forms_by_context(tokens: &mut [Token], at: &[usize]) {
    for &k in at {
        let next = tokens.get(k + 1).map(|n| n.tag);
        if tokens[k].tag == tag::CUE_LISTENER {
            let passive = k > 0 && matches!(tokens[k - 1].tag, tag::BE | tag::AUX | tag::NEGATION);
            if next == Some(tag::BY) && !passive {
                tokens[k].tag = tag::PARTICIPLE;
            }
            continue;
        }
        let after_next = tokens.get(k + 2).map(|n| n.tag);
        let before_cue = matches!(next, Some(tag::CUE | tag::CUE_LISTENER));
        // Not an adjunct the verb may take before its clause ("estimates,
        // however, that", "reports on Thursday that").
        let no_content = match next {
            None => true,
            Some(
                tag::BY | tag::OF | tag::PARTICIPLE | tag::STOP | tag::SEMICOLON | tag::CLOSE_PAREN,
            ) => true,
            Some(tag::COMMA) => after_next != Some(tag::AUX),
            Some(tag::AUX) => after_next == Some(tag::PARTICIPLE),
            Some(_) => false,
        };
        if before_cue || no_content && in_determined_phrase(&tokens[..k]) {
            tokens[k].tag = tag::NOUN;
        }
    }
}

/// Whether `before` ends inside a noun phrase: a determiner or possessive,
/// then one or more plain words, participles, adverbs or numbers ("the
/// 212-page").
fn in_determined_phrase(before: &[Token]) -> bool {
    let words = before
        .iter()
        .rev()
        .take_while(|t| matches!(t.tag, tag::WORD | tag::PARTICIPLE | tag::AUX | tag::NUMBER))
        .count();
    words > 0
        && before.len() > words
        && matches!(
            before[before.len() - words - 1].tag,
            tag::DETERMINER | tag::POSSESSIVE
        )
}

/// Whether a capitalised word unknown to the rules looks like an adverb of
/// manner or stance: "Unsurprisingly", "Reportedly", "Finally". These
/// endings are rare in names ("Kimberly", "Connolly", "Anatoly" and
/// "Mullally" have none of them); an inner capital ("McNally") marks a name.
fn is_adverb_form(word: &str) -> bool {
    const ENDINGS: [&str; 17] = [
        "cally", "nally", "ually", "ily", "ngly", "dly", "tly", "ously", "ively", "ably", "ibly",
        "arly", "fully", "ssly", "sely", "mply", "rmly",
    ];
    word.len() >= 7
        && !word.chars().skip(1).any(char::is_uppercase)
        && ENDINGS.iter().any(|e| word.ends_with(e))
}

/// True if `prev` makes a following cue form a noun: a possessive, or a
/// determiner other than a floating quantifier ("they both said").
fn is_noun_determiner(prev: &Token, text: &str) -> bool {
    let floating = |w: &str| {
        ["both", "all", "each"]
            .iter()
            .any(|q| q.eq_ignore_ascii_case(w))
    };
    prev.tag == tag::POSSESSIVE || prev.tag == tag::DETERMINER && !floating(prev.span.slice(text))
}

/// The packed [`Key`] of `lowercase(b[start..end])` for a short ASCII word,
/// read straight from its bytes; None for any other word, which takes the
/// general path through [`lowercase_into`] and [`pack`].
///
/// Away from the end of `b` the word is read with one 8-byte load and the
/// bytes after it are masked off; all its bytes are then checked at once.
fn ascii_key_in(b: &[u8], start: usize, end: usize) -> Option<u64> {
    let len = end.checked_sub(start).filter(|&n| n <= 8)?;
    if len == 0 {
        return Some(0);
    }
    let window = match b.get(start..start + 8) {
        Some(w) => u64::from_le_bytes(w.try_into().ok()?),
        None => b
            .get(start..end)?
            .iter()
            .rev()
            .fold(0, |key, &c| key << 8 | u64::from(c)),
    };
    let in_word = u64::MAX >> (64 - 8 * len);
    let key = window & in_word;
    // Per byte, the high bit of `(c & 0x7f) + 0x7f` says c & 0x7f is not
    // zero (no carry leaves the byte); with `!c` it says c is ASCII and not
    // NUL, as `pack` and the ASCII lowercase require.
    let wanted = HIGH & in_word;
    let ascii_not_nul = ((key & !HIGH) + !HIGH) & !key & wanted;
    (ascii_not_nul == wanted).then(|| ascii_lowercase_packed(key))
}

/// The ids of the short words, by their packed [`Key`]: an open-addressing
/// table with a multiplicative hash and linear probing, which answers a
/// look-up in a few instructions where a general hash map took about thirty.
/// It is at most a quarter full: most words of a text are not in it, and
/// a miss probes until a free entry, which at half full took 2.5 probes on
/// average and at a quarter about 1.4.
#[derive(Debug, Clone)]
struct ShortIds {
    /// `(key, id)`; a free entry has the id `UNKNOWN`. The length is a
    /// power of two.
    entries: Vec<(u64, WordId)>,
    len: usize,
}

impl ShortIds {
    fn new() -> ShortIds {
        ShortIds {
            entries: vec![(0, UNKNOWN); 16],
            len: 0,
        }
    }

    /// Where probing for `key` starts: the top bits of a Fibonacci hash,
    /// which spreads the low-byte-heavy keys of short words well.
    fn home(&self, key: u64) -> usize {
        let bits = self.entries.len().trailing_zeros();
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize
    }

    /// The entry holding `key`, or the free entry where it would go.
    fn slot(&self, key: u64) -> usize {
        let mask = self.entries.len() - 1;
        let mut i = self.home(key);
        while self.entries[i].1 != UNKNOWN && self.entries[i].0 != key {
            i = (i + 1) & mask;
        }
        i
    }

    fn get(&self, key: u64) -> Option<WordId> {
        let id = self.entries[self.slot(key)].1;
        (id != UNKNOWN).then_some(id)
    }

    fn insert(&mut self, key: u64, id: WordId) {
        if 4 * (self.len + 1) > self.entries.len() {
            let bigger = vec![(0, UNKNOWN); 2 * self.entries.len()];
            let old = std::mem::replace(&mut self.entries, bigger);
            self.len = 0;
            for (k, v) in old.into_iter().filter(|e| e.1 != UNKNOWN) {
                self.insert(k, v);
            }
        }
        let i = self.slot(key);
        if self.entries[i].1 == UNKNOWN {
            self.len += 1;
        }
        self.entries[i] = (key, id);
    }
}

/// One in every byte of a packed word, and the high bit of every byte.
const EACH: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = EACH * 0x80;

/// Per byte of seven bits, the high bit of `low + (0x80 - k)` says the
/// byte is at least `k`; the sum stays within the byte.
fn at_least(low: u64, k: u8) -> u64 {
    (low + EACH * (0x80 - u64::from(k))) & HIGH
}

/// The ASCII lowercase of packed ASCII bytes, all eight at once: adding
/// to each byte (below 0x80, so no carry crosses into the next) sets its
/// high bit exactly when it is at least `A`, and at least one past `Z`.
fn ascii_lowercase_packed(key: u64) -> u64 {
    let upper = at_least(key, b'A') & !at_least(key, b'Z' + 1);
    // The high bit shifted down to 0x20: 'A' + 0x20 = 'a'.
    key | (upper >> 2)
}

/// Two letters or more and none in lowercase: `US`, `KCNA`, `B-52`.
fn is_acronym(word: &str) -> bool {
    let mut letters = 0;
    if word.is_ascii() {
        for b in word.bytes() {
            if b.is_ascii_lowercase() {
                return false;
            }
            letters += usize::from(b.is_ascii_uppercase());
        }
    } else {
        for c in word.chars() {
            if c.is_lowercase() {
                return false;
            }
            letters += usize::from(c.is_alphabetic());
        }
    }
    letters >= 2
}

/// The lowercase of each word, as a set to ask with a lowercased word.
fn lowercase_set(words: &[String]) -> HashSet<String> {
    words.iter().map(|w| lowercase(w)).collect()
}

fn lowercase(word: &str) -> String {
    let mut s = String::new();
    lowercase_into(word, &mut s);
    s
}

fn lowercase_into(word: &str, buf: &mut String) {
    buf.clear();
    if word.is_ascii() {
        buf.push_str(word);
        buf.make_ascii_lowercase();
    } else {
        for c in word.chars() {
            // Curly apostrophes and straight ones are the same letter here.
            let c = if c == '’' { '\'' } else { c };
            buf.extend(c.to_lowercase());
        }
    }
}

/// The character at byte `i` of `s` and its length, None at the end.
/// ASCII, nearly all of news text, is read without decoding.
#[inline]
fn char_at(s: &str, i: usize) -> Option<(char, usize)> {
    let b = *s.as_bytes().get(i)?;
    if b < 0x80 {
        Some((b as char, 1))
    } else {
        s.get(i..)?.chars().next().map(|c| (c, c.len_utf8()))
    }
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if GENERAL_PUNCTUATION.contains(&c) {
        // Curly quotes, dashes and ellipses, frequent in news text: the
        // block holds no letter or digit, so the Unicode tables need not
        // be searched.
        false
    } else {
        c.is_alphanumeric()
    }
}

/// `ASCII_ALNUM[b]`: byte `b` is an ASCII letter or digit. A table look-up
/// per byte is cheaper than the three range tests, in the loop over words.
static ASCII_ALNUM: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// The end of the run of ASCII letters and digits that starts at byte `j`
/// of `b`. Eight bytes are tested at once while eight remain: most words
/// end within the first eight.
fn ascii_alnum_run(b: &[u8], mut j: usize) -> usize {
    while let Some(window) = b.get(j..j + 8).and_then(|w| w.try_into().ok()) {
        let others = not_ascii_alnum(u64::from_le_bytes(window));
        if others != 0 {
            // Little-endian: the lowest flagged byte comes first.
            return j + (others.trailing_zeros() / 8) as usize;
        }
        j += 8;
    }
    while b.get(j).is_some_and(|&c| ASCII_ALNUM[usize::from(c)]) {
        j += 1;
    }
    j
}

/// The high bit of each byte of `x` that is not an ASCII letter or digit.
fn not_ascii_alnum(x: u64) -> u64 {
    let low = x & !HIGH;
    let digit = at_least(low, b'0') & !at_least(low, b'9' + 1);
    // Setting 0x20 folds exactly the capitals onto the lowercase letters.
    let folded = low | (EACH * 0x20);
    let letter = at_least(folded, b'a') & !at_least(folded, b'z' + 1);
    // Bytes with the high bit set are not ASCII.
    !((digit | letter) & !x) & HIGH
}

/// The Unicode General Punctuation block.
const GENERAL_PUNCTUATION: std::ops::RangeInclusive<char> = '\u{2000}'..='\u{206F}';

/// Splits `text[span]` into `scratch.raw`: words (tag WORD, looked up but
/// not yet tagged), punctuation, and quotation marks resolved as opening,
/// closing or apostrophe. Works on byte offsets; only non-ASCII characters
/// are decoded.
fn split(text: &str, span: Span, lex: &Lexicon, scratch: &mut Scratch) {
    let s = span.slice(text);
    let base = span.start;
    let Scratch { raw, lower, .. } = scratch;
    // Kept apart from the word look-up so that it stays small enough to be
    // inlined: as one closure, the calls cost about twenty instructions each.
    let mut push = |tag: u8, start: usize, end: usize, id: WordId| {
        raw.push(Raw {
            tag,
            span: Span::new(base + start, base + end),
            id,
        });
    };
    let mut word_id = |start: usize, end: usize| lex.word_id(s, start, end, lower);
    let is_alnum_at = |i: usize| char_at(s, i).is_some_and(|(c, _)| is_word_char(c));
    let mut single_open = false;
    let mut double_open = false;
    let bytes = s.as_bytes();
    // A list bullet (a dash, "•", "*" or "·" and a space) is layout, not
    // punctuation: "- Russia said …" reads as "Russia said …".
    let mut i = s
        .strip_prefix(['-', '–', '—', '•', '*', '·'])
        .filter(|rest| rest.starts_with(char::is_whitespace))
        .map_or(0, |rest| s.len() - rest.len());
    while let Some((c, len)) = char_at(s, i) {
        if c.is_whitespace() {
            i += len;
            continue;
        }
        if is_word_char(c) {
            // Most words are ASCII letters followed by a space: that case
            // needs none of the checks of `word_at`.
            let run = ascii_alnum_run(bytes, i + len);
            let (word_end, next) = if bytes.get(run).is_none_or(|&n| n == b' ') {
                (run, run)
            } else {
                word_at(s, i, len, lex)
            };
            push(tag::WORD, i, word_end, word_id(i, word_end));
            i = next;
            if word_end < next {
                // The word ended in "n't": a token of its own.
                push(tag::NEGATION, word_end, next, word_id(word_end, next));
            } else if let Some((_, ql)) = char_at(s, i).filter(|&(q, _)| matches!(q, '’' | '\''))
            {
                if matches!(char_at(s, i + ql), Some(('s' | 'S', _))) && !is_alnum_at(i + ql + 1) {
                    push(tag::POSSESSIVE, i, i + ql + 1, UNKNOWN);
                    i += ql + 1;
                }
            }
            continue;
        }
        let prev = s[..i].chars().next_back();
        let next = char_at(s, i + len).map(|(n, _)| n);
        let t = match c {
            '“' | '«' | '„' => {
                double_open = true;
                tag::OPEN_QUOTE
            }
            '”' | '»' => {
                double_open = false;
                tag::CLOSE_QUOTE
            }
            '"' => {
                let opens = !double_open
                    && prev.is_none_or(|p| p.is_whitespace() || "([{—–-".contains(p))
                    && next.is_some_and(|n| !n.is_whitespace());
                double_open = opens;
                if opens {
                    tag::OPEN_QUOTE
                } else {
                    tag::CLOSE_QUOTE
                }
            }
            '‘' => {
                single_open = true;
                tag::OPEN_SINGLE
            }
            '’' | '\'' => {
                let after_word = prev.is_some_and(char::is_alphanumeric);
                let before_word = next.is_some_and(char::is_alphanumeric);
                if c == '\'' && !after_word && before_word {
                    single_open = true;
                    tag::OPEN_SINGLE
                } else if single_open {
                    single_open = false;
                    tag::CLOSE_SINGLE
                } else if after_word && matches!(prev, Some('s' | 'S')) {
                    tag::POSSESSIVE
                } else {
                    tag::OTHER
                }
            }
            '.' | '!' | '?' => {
                // An ellipsis is not a sentence end.
                if matches!(next, Some('.')) || matches!(prev, Some('.')) {
                    tag::OTHER
                } else {
                    tag::STOP
                }
            }
            '…' => tag::OTHER,
            ',' => tag::COMMA,
            ':' => tag::COLON,
            ';' => tag::SEMICOLON,
            // A hyphen between two words is no clause dash: "$470
            // million-$485 million".
            '-' if prev.is_some_and(|p| !p.is_whitespace() && !matches!(p, '-' | ')'))
                && next.is_some_and(|n| !n.is_whitespace() && n != '-') =>
            {
                tag::OTHER
            }
            '–' | '—' | '-' => tag::DASH,
            '(' | '[' => tag::OPEN_PAREN,
            ')' | ']' => tag::CLOSE_PAREN,
            _ => tag::OTHER,
        };
        push(t, i, i + len, UNKNOWN);
        i += len;
    }
}

/// True if the comma at `at` separates thousands: a digit before it and
/// exactly three digits after.
fn thousands_group(b: &[u8], at: usize) -> bool {
    at > 0
        && b[at - 1].is_ascii_digit()
        && b.get(at + 1..at + 4)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
        && !b.get(at + 4).is_some_and(u8::is_ascii_digit)
}

/// The word starting at byte `start` of `s` (its first character `first_len`
/// bytes long): where the word ends, and where scanning resumes — later than
/// the end when a trailing "n't" follows. Joiners (`B-52`, `U.S`, `AT&T`)
/// and inner apostrophes (`O’Brien`) stay inside; a possessive `’s` does
/// not; abbreviations and initials keep their period.
fn word_at(s: &str, start: usize, first_len: usize, lex: &Lexicon) -> (usize, usize) {
    let b = s.as_bytes();
    let alnum_at = |i: usize| char_at(s, i).is_some_and(|(c, _)| is_word_char(c));
    let mut j = start + first_len;
    // Where a trailing "n't" starts, if the word has one.
    let mut negation_at = None;
    loop {
        // ASCII letters and digits, most of any word, in a tight loop.
        j = ascii_alnum_run(b, j);
        let Some((c, len)) = char_at(s, j) else {
            break;
        };
        if is_word_char(c) {
            j += len;
        } else if c == ',' && thousands_group(b, j) {
            // "30,000" is one number, not "30" and "000".
            j += 4;
        } else if c == '%' && b[j - 1].is_ascii_digit() {
            // "4%" is one number: a content must not lose its sign.
            j += 1;
            break;
        } else if matches!(c, '-' | '.' | '/' | '&' | '\u{2011}') && alnum_at(j + len) {
            j += len + char_at(s, j + len).map_or(0, |(_, l)| l);
        } else if matches!(c, '’' | '\'')
            && char_at(s, j + len).is_some_and(|(n, _)| n.is_alphabetic())
        {
            let after = j + len; // the letter after the apostrophe
            let ends_after = !char_at(s, after + 1).is_some_and(|(n, _)| n.is_alphanumeric());
            let possessive = matches!(b[after], b's' | b'S') && ends_after;
            let negation = b[after] == b't' && b[j - 1] == b'n' && j - 1 > start && ends_after;
            if negation {
                negation_at = Some(j - 1);
            }
            if possessive || negation {
                break;
            }
            j = after + char_at(s, after).map_or(0, |(_, l)| l);
        } else {
            break;
        }
    }
    if let Some(n) = negation_at {
        // "n" + apostrophe + "t"
        let apostrophe = char_at(s, n + 1).map_or(1, |(_, l)| l);
        return (n, n + 1 + apostrophe + 1);
    }
    // Abbreviations and initials keep their period, and so do initialisms
    // with an inner one ("N.Y.", "D-N.Y.").
    if b.get(j) == Some(&b'.') {
        let initial = j == start + first_len && s[start..].starts_with(char::is_uppercase);
        // "D-Calif.": a party and a state.
        let last_part = s[start..j].rfind('-').map_or(start, |h| start + h + 1);
        // Letters between periods, not a domain ("Amazon.com").
        let letters = &s[last_part..j];
        let initialism =
            letters.contains('.') && letters.split('.').all(|p| p.chars().count() == 1);
        if initial || initialism || lex.is_abbreviation(&s[last_part..=j]) {
            j += 1;
        }
    }
    (j, j)
}

/// Turns quotation marks that do not pair up into plain punctuation, so the
/// grammar only ever sees balanced quotes and can never run away with one.
/// A quotation that runs on into the next paragraph (`run_on`, the
/// sentence's end) is closed there by an empty closing mark instead: the
/// first double quote still open. `stack` is a buffer for the open quotes,
/// empty on return.
fn balance_quotes(tokens: &mut Vec<Raw>, stack: &mut Vec<usize>, run_on: Option<usize>) {
    stack.clear();
    for i in 0..tokens.len() {
        let t = tokens[i].tag;
        match t {
            tag::OPEN_QUOTE | tag::OPEN_SINGLE => stack.push(i),
            tag::CLOSE_QUOTE | tag::CLOSE_SINGLE => {
                let want = if t == tag::CLOSE_QUOTE {
                    tag::OPEN_QUOTE
                } else {
                    tag::OPEN_SINGLE
                };
                match stack.iter().rposition(|&j| tokens[j].tag == want) {
                    Some(pos) => {
                        // Opens between the match and here never closed.
                        for j in stack.drain(pos..).skip(1) {
                            tokens[j].tag = tag::OTHER;
                        }
                    }
                    None => {
                        tokens[i].tag = if t == tag::CLOSE_SINGLE {
                            tag::POSSESSIVE
                        } else {
                            tag::OTHER
                        }
                    }
                }
            }
            _ => {}
        }
    }
    // Only a mark that opens a speaker's words runs on (as
    // `segment::quote_runs_on` reads it): first in the sentence or after a
    // colon or comma, not a stray mark inside it.
    let opens_words = |j: usize| {
        tokens[j].tag == tag::OPEN_QUOTE
            && (j == 0 || matches!(tokens[j - 1].tag, tag::COLON | tag::COMMA))
    };
    let kept = run_on
        .and(stack.iter().position(|&j| tokens[j].tag == tag::OPEN_QUOTE))
        .filter(|&k| opens_words(stack[k]));
    if let Some(first) = kept {
        stack.remove(first);
    }
    for j in stack.drain(..) {
        tokens[j].tag = tag::OTHER;
    }
    if let (Some(end), Some(_)) = (run_on, kept) {
        tokens.push(Raw {
            tag: tag::CLOSE_QUOTE,
            span: Span::new(end, end),
            id: UNKNOWN,
        });
    }
}

/// The tag string of `tokens`: byte `i` is the tag of token `i`.
pub fn tag_string(tokens: &[Token]) -> String {
    // Tags are ASCII, so the bytes are valid UTF-8 and validating them is one
    // fast pass; pushing them as chars cost ~20 instructions a token.
    String::from_utf8(tokens.iter().map(|t| t.tag).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(s: &str) -> String {
        let lex = Lexicon::new(&Rules::builtin());
        tag_string(&lex.tokenize(s, Span::new(0, s.len())))
    }

    fn words(s: &str) -> Vec<String> {
        let lex = Lexicon::new(&Rules::builtin());
        lex.tokenize(s, Span::new(0, s.len()))
            .iter()
            .map(|t| t.span.slice(s).to_string())
            .collect()
    }

    #[test]
    fn tags_a_simple_attribution() {
        assert_eq!(tags("Mr Kim said North Korea would help."), "JPVPPxw.");
    }

    #[test]
    fn a_preposition_inside_a_verb_group_is_an_adverb() {
        assert_eq!(tags("He has since said it"), "RxxVR");
        // Not "to", and not outside a verb group.
        assert_eq!(tags("He has to say it"), "RxpVR");
        assert_eq!(tags("since said"), "pV");
    }

    #[test]
    fn a_determiner_standing_alone_before_a_verb_cue_heads_the_source() {
        assert_eq!(tags("Another said it"), "NVR");
        assert_eq!(tags("“It is,” one told me"), "ORB,CNUw");
        // Not inside a noun phrase, nor before a cue that is a noun too,
        // nor when it is no standalone determiner.
        assert_eq!(tags("They all said it"), "RdVR");
        assert_eq!(tags("Some reports say it"), "dNVR");
        assert_eq!(tags("The said it"), "dwR");
        assert_eq!(tags("Not one said it"), "!dwR");
        assert_eq!(tags("He said that some told him"), "RVtdwR");
    }

    #[test]
    fn an_unknown_word_between_a_cue_and_a_name_is_a_role() {
        assert_eq!(tags("said fisherman Rui Souza"), "VJPP");
        assert_eq!(tags("“Yes,” bartender Tom Hart said"), "OP,CJPPV");
        // Not a word the rules know, not before a single name, and not
        // where no cue frames it.
        assert_eq!(tags("said police Chief Hart"), "VNJP");
        assert_eq!(tags("said fisherman Souza"), "VwP");
        assert_eq!(tags("in May fisherman Rui Souza left"), "pPwPPw");
    }

    #[test]
    fn an_ampersand_between_capitalised_words_joins_a_name() {
        assert_eq!(tags("Johnson & Johnson said"), "PPPV");
        assert_eq!(tags("Johnson & fans"), "P~N");
    }

    #[test]
    fn a_percent_sign_after_digits_is_part_of_the_number() {
        assert_eq!(
            words("rose by 4% and 12.5%"),
            ["rose", "by", "4%", "and", "12.5%"]
        );
        assert_eq!(tags("4% of"), "no");
        // Not after a letter: "A%" is a word and a sign.
        assert_eq!(words("A% b"), ["A", "%", "b"]);
    }

    #[test]
    fn possessive_and_apostrophe() {
        assert_eq!(words("Russia’s war"), ["Russia", "’s", "war"]);
        assert_eq!(words("Putin hasn’t left"), ["Putin", "has", "n’t", "left"]);
        assert_eq!(tags("Putin hasn’t left"), "Px!w");
        assert_eq!(tags("the leaders’ summit"), "dNsw");
    }

    #[test]
    fn single_quotes_as_quotation_marks() {
        assert_eq!(tags("support ‘very troubling’, says"), "w[ww],V");
        assert_eq!(tags("the countries’ ministers"), "dNsN");
    }

    #[test]
    fn straight_quotes_pair_up() {
        assert_eq!(tags("for \"strategic talks\"."), "pOwwC.");
    }

    #[test]
    fn unbalanced_quotes_become_plain_punctuation() {
        assert_eq!(tags("“open words"), "~ww");
        assert_eq!(tags("done” only"), "w~x");
    }

    #[test]
    fn a_quotation_running_into_the_next_paragraph_closes_at_its_end() {
        let lex = Lexicon::new(&Rules::builtin());
        let text = "He said: “We won.\n\n“Again.”";
        let first = Span::new(0, text.find('\n').unwrap_or_default());
        let tokens = lex.tokenize(text, first);
        assert_eq!(tag_string(&tokens), "RV:ORw.C");
        let close = tokens.last().map(|t| t.span);
        assert_eq!(close, Some(Span::new(first.end, first.end)));
        // Without a quotation opening the next paragraph, the mark is loose.
        let text = "He said: “We won.\n\nAgain.";
        assert_eq!(tag_string(&lex.tokenize(text, first)), "RV:~Pw.");
    }

    #[test]
    fn a_list_bullet_is_no_token() {
        assert_eq!(tags("- Kim said it."), "PVR.");
        assert_eq!(tags("• Kim said it."), "PVR.");
        // A dash that is not a bullet is punctuation.
        assert_eq!(tags("-Kim said it."), "-PVR.");
    }

    #[test]
    fn multi_word_cues_are_one_token() {
        assert_eq!(
            words("according to Russian media reports"),
            ["according to", "Russian", "media", "reports"]
        );
        assert_eq!(tags("according to Russian media reports"), "APNZ");
    }

    #[test]
    fn abbreviations_keep_their_period() {
        assert_eq!(
            words("the U.S. B-52 flew."),
            ["the", "U.S.", "B-52", "flew", "."]
        );
        assert_eq!(words("Mr. Smith said"), ["Mr.", "Smith", "said"]);
    }

    #[test]
    fn capitalised_function_word_mid_sentence_is_a_name() {
        assert_eq!(tags("The man"), "dw");
        assert_eq!(tags("said Will"), "VP");
    }

    #[test]
    fn a_particle_between_capitalised_words_is_part_of_the_name() {
        assert_eq!(tags("Louis van Gaal said"), "PPPV");
        assert_eq!(tags("Taher al Nono said"), "PPPV");
        assert_eq!(tags("Mr van Gaal said"), "JPPV");
        // Not at the edge of a name, nor after a lowercase word.
        assert_eq!(tags("Gaal van said"), "PwV");
        assert_eq!(tags("the van Gaal drove"), "dwPw");
    }

    #[test]
    fn a_cue_after_a_determiner_is_no_cue() {
        assert_eq!(tags("an informed source said"), "dwNV");
        assert_eq!(tags("the report said"), "dNV");
        assert_eq!(tags("they informed"), "RU");
    }

    #[test]
    fn an_unlisted_adverb_right_before_a_cue_is_an_adverb() {
        assert_eq!(tags("analysts broadly described"), "NxV");
        assert_eq!(tags("the ministry quietly told"), "dNxU");
        // Not a word that only looks like one, nor one before anything else.
        assert_eq!(tags("the deadly said"), "dwV");
        assert_eq!(tags("broadly similar"), "ww");
    }

    #[test]
    fn cue_verbs_are_known() {
        let lex = Lexicon::new(&Rules::builtin());
        assert!(lex.is_cue_verb("Asked") && lex.is_cue_verb("said"));
        assert!(!lex.is_cue_verb("saying") && !lex.is_cue_verb("report"));
    }

    #[test]
    fn an_acronym_is_a_name_unless_it_is_a_role() {
        assert_eq!(tags("CEO says"), "NV");
        assert_eq!(tags("WHO said"), "PV");
        assert_eq!(tags("NATO said"), "PV");
    }

    #[test]
    fn titles_joined_by_a_hyphen_are_a_title() {
        assert_eq!(tags("Major-General Ivan Petrov said"), "JPPV");
        // Not when a part is no title: a double-barrelled name.
        assert_eq!(tags("Major-Smith said"), "PV");
        assert_eq!(tags("Lloyd-Webber said"), "PV");
    }

    #[test]
    fn a_colon_or_dash_opens_a_clause() {
        assert_eq!(tags("ISLAMABAD: The ministry said"), "P:dNV");
        assert_eq!(tags("OSLO - The ministry said"), "P-dNV");
        assert_eq!(tags("Kim: The talks"), "P:dw");
    }

    #[test]
    fn a_time_word_inside_a_name_is_part_of_it() {
        assert_eq!(tags("The Sunday Times said"), "dPPV");
        // ("post" is a document noun)
        assert_eq!(tags("the South China Morning Post said"), "dPPPNV");
        // A day before a name, or after one before a verb, is still a day.
        assert_eq!(tags("On Monday North Korea said"), "pmPPV");
        assert_eq!(tags("Biden Monday said"), "PmV");
    }

    #[test]
    fn word_chars_are_the_alphanumeric_chars() {
        // Every char, so the fast paths of `is_word_char` are covered.
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn alnum_table_is_ascii_alphanumeric() {
        for b in 0..=u8::MAX {
            assert_eq!(
                ASCII_ALNUM[usize::from(b)],
                b.is_ascii_alphanumeric(),
                "{b}"
            );
        }
    }

    #[test]
    fn swar_alnum_test_is_the_table() {
        // Every byte value at every position of the window, among letters.
        for b in 0..=u8::MAX {
            for at in 0..8 {
                let mut window = *b"aZ09zA9q";
                window[at] = b;
                let flagged = not_ascii_alnum(u64::from_le_bytes(window));
                let expected = if ASCII_ALNUM[usize::from(b)] {
                    0
                } else {
                    0x80 << (8 * at)
                };
                assert_eq!(flagged, expected, "{b} at {at}");
            }
        }
    }

    #[test]
    fn every_title_is_flagged() {
        let rules = Rules::builtin();
        let lex = Lexicon::new(&rules);
        let mut lower = String::new();
        for title in &rules.titles {
            for word in [title.clone(), format!("{title}.")] {
                let id = lex.word_id(&word, 0, word.len(), &mut lower);
                assert!(lex.slots[id as usize].title, "{word}");
            }
        }
    }

    static BUILTIN: std::sync::LazyLock<Lexicon> =
        std::sync::LazyLock::new(|| Lexicon::new(&Rules::builtin()));

    /// Words of the lexicon in any case, with or without a period, and
    /// words made of the characters the fast paths treat specially: ASCII
    /// of both cases, NUL, curly and straight apostrophes, letters whose
    /// lowercase is longer or not ASCII.
    fn word_strategy() -> impl proptest::strategy::Strategy<Value = String> {
        proptest::string::string_regex(
            "(?:Mr|mR|Dr|Gen|General|President|PRESIDENT|Vice-President|Sir|said|SAID|The|\
             according|Ministry|hasn’t|n’t|N'T)[.]?\
             |[a-zA-Z0-9.'’\\x00-\\x7fÀ-ÿİΣẞǅ\\u{2000}-\\u{206f}]{0,12}",
        )
        .expect("valid regex")
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(20_000))]

        /// The packed ASCII key read off a word is the key of its lowercase.
        #[test]
        fn ascii_key_is_the_key_of_the_lowercase(word in word_strategy()) {
            if let Some(key) = ascii_key_in(word.as_bytes(), 0, word.len()) {
                let lower = lowercase(&word);
                proptest::prop_assert_eq!(Key::Short(key), Key::of(&lower));
            }
        }

        /// Reading a word inside a longer text, by one 8-byte load when
        /// enough bytes follow, gives the key of the word on its own.
        #[test]
        fn ascii_key_in_text_is_the_key_of_the_word(
            before in word_strategy(),
            word in word_strategy(),
            after in word_strategy(),
        ) {
            let text = format!("{before}{word}{after}");
            let (start, end) = (before.len(), before.len() + word.len());
            let alone = ascii_key_in(word.as_bytes(), 0, word.len());
            proptest::prop_assert_eq!(ascii_key_in(text.as_bytes(), start, end), alone);
            let general = pack(lowercase(&word).as_bytes()).filter(|_| word.is_ascii());
            proptest::prop_assert_eq!(alone, general);
        }

        /// The run found eight bytes at a time ends where the run found
        /// byte by byte does.
        #[test]
        fn alnum_run_is_the_bytewise_run(
            bytes in proptest::collection::vec(
                proptest::prop_oneof![b'0'..=b'9', b'a'..=b'z', b'A'..=b'Z', proptest::num::u8::ANY],
                0..40,
            ),
            start in 0usize..40,
        ) {
            let start = start.min(bytes.len());
            let bytewise = bytes[start..]
                .iter()
                .position(|&c| !ASCII_ALNUM[usize::from(c)])
                .map_or(bytes.len(), |k| start + k);
            proptest::prop_assert_eq!(ascii_alnum_run(&bytes, start), bytewise);
        }

        /// The open-addressing table answers as a general map would,
        /// through growth and collisions (keys from a small range collide).
        #[test]
        fn short_ids_is_a_map(keys in proptest::collection::vec(0u64..5000, 0..400)) {
            let mut table = ShortIds::new();
            let mut map = HashMap::default();
            for (id, &k) in keys.iter().enumerate() {
                table.insert(k, id as WordId);
                map.insert(k, id as WordId);
            }
            for k in 0..5000 {
                proptest::prop_assert_eq!(table.get(k), map.get(&k).copied());
            }
        }

        /// Looking a word up by its packed key finds what looking up its
        /// lowercase finds.
        #[test]
        fn word_id_is_the_id_of_the_lowercase(word in word_strategy()) {
            let lex = &*BUILTIN;
            let general = lex.id_of(&lowercase(&word)).unwrap_or(UNKNOWN);
            let found = lex.word_id(&word, 0, word.len(), &mut String::new());
            proptest::prop_assert_eq!(found, general);
        }

        /// Only words the lexicon flags may be titles.
        #[test]
        fn titles_are_flagged(word in word_strategy()) {
            let lex = &*BUILTIN;
            // A word keeps at most one final period (see `word_at`).
            if lex.is_title(word.trim_end_matches('.')) && !word.ends_with("..") {
                let id = lex.word_id(&word, 0, word.len(), &mut String::new());
                proptest::prop_assert!(lex.slots[id as usize].title);
            }
        }

        /// A word that starts in lowercase is never an acronym, so
        /// `tag_word` need not ask.
        #[test]
        fn lowercase_start_is_no_acronym(word in word_strategy()) {
            if word.chars().next().is_some_and(char::is_lowercase) {
                proptest::prop_assert!(!is_acronym(&word));
            }
        }
    }

    #[test]
    fn ellipsis_is_not_a_stop() {
        assert_eq!(tags("to... deepen"), "p~~~w");
    }
}
