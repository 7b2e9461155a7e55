//! Events from trigger words, with their date, participants, terms, count
//! of people and place (see the rules in the module above).

use foldhash::HashMap;

use vigil_core::{Ban, Date, Duration, EventType, Fine, PartialDate, RecordId, Role, Terms};

use super::dates::number_value;
use super::lexicon::*;
use super::{best_name, lower_in, Doc, EntityKind, Sent};
use crate::names::Known;
use crate::proposal::{Proposal, ProposalKind, ProposedParticipant};

#[derive(Clone, Debug)]
pub(crate) struct Ev {
    pub event: EventType,
    pub date: Option<(PartialDate, String)>,
    /// (entity, role)
    pub participants: Vec<(usize, Role)>,
    pub terms: Terms,
    pub victim_count: Option<u32>,
    pub place: Option<String>,
    pub country: Option<String>,
    pub excerpts: Vec<(usize, usize)>,
    pub matched: Option<(RecordId, f64)>,
    /// Told as an ongoing or general practice ([`states_pattern`]), not
    /// one dated act.
    pub pattern: bool,
}

impl Ev {
    fn key_people(&self) -> Vec<usize> {
        let mut v: Vec<usize> = self
            .participants
            .iter()
            .filter(|(_, r)| matches!(r, Role::Victim | Role::Target))
            .map(|(e, _)| *e)
            .collect();
        if v.is_empty() {
            v = self
                .participants
                .iter()
                .filter(|(_, r)| *r == Role::Actor)
                .map(|(e, _)| *e)
                .collect();
        }
        v.sort_unstable();
        v.dedup();
        v
    }

    pub fn into_proposal(self, id: String, doc: &Doc<'_>, entity_proposal: &HashMap<usize, String>) -> Proposal {
        let label_of = |e: usize| best_name(&doc.entities[e]);
        let mut title = self.event.label().to_owned();
        let victims: Vec<String> = self
            .participants
            .iter()
            .filter(|(_, r)| matches!(r, Role::Victim | Role::Target))
            .map(|(e, _)| label_of(*e))
            .collect();
        let actors: Vec<String> = self
            .participants
            .iter()
            .filter(|(_, r)| *r == Role::Actor)
            .map(|(e, _)| label_of(*e))
            .collect();
        if !victims.is_empty() {
            title = format!("{title}: {}", victims.join(", "));
        } else if !actors.is_empty() {
            title = format!("{title} by {}", actors.join(", "));
        } else if let Some(n) = self.victim_count {
            title = format!("{title} of {n} people");
        }
        if let Some(p) = &self.place {
            title = format!("{title}, {p}");
        }
        let mut p = Proposal::new(id, ProposalKind::Event, title);
        p.event_type = Some(self.event);
        p.pattern = self.pattern;
        if self.pattern {
            // A practice the text reports as ongoing: dated by the article
            // that reports it, as far as it is known.
            p.date = doc.article_date;
            p.date_basis = doc.article_date.map(|_| crate::proposal::DateBasis::Reported);
        } else {
            p.date = self.date.as_ref().map(|d| d.0);
            p.date_basis = self
                .date
                .as_ref()
                .map(|d| super::dates::basis(&d.1, doc.article_date.is_some()));
            p.date_text = self.date.map(|d| d.1);
        }
        p.place = self.place;
        p.country = self.country;
        p.terms = Some(self.terms).filter(|t| !t.is_empty());
        p.victim_count = self.victim_count;
        for (e, role) in self.participants {
            let ent = &doc.entities[e];
            p.participants.push(ProposedParticipant {
                role,
                record_id: ent.matched.as_ref().map(|m| m.record_id.clone()),
                proposal_id: if ent.matched.is_none() {
                    entity_proposal.get(&e).cloned()
                } else {
                    None
                },
                label: label_of(e),
            });
        }
        for (a, b) in self.excerpts {
            p.excerpts.push(doc.excerpt(a, b));
        }
        match self.matched {
            Some((id, score)) => {
                p.matched_id = Some(id);
                p.score = score;
            }
            None => {
                p.score = if p.date.is_some() && !p.participants.is_empty() {
                    0.8
                } else {
                    0.6
                };
            }
        }
        p
    }
}

fn word<'a>(s: &'a Sent<'_>, i: usize) -> &'a str {
    s.lower.get(i).map(|w| w.as_ref()).unwrap_or("")
}

/// Said as a wish, a demand or a denial, or as an adjective: not an event.
fn not_an_event(s: &Sent<'_>, t: usize) -> bool {
    let prev = |k: usize| if t >= k { word(s, t - k) } else { "" };
    let p1 = prev(1);
    let p2 = prev(2);
    if matches!(p1, "to" | "not" | "never" | "no" | "without" | "не") {
        return true;
    }
    // "not brought a criminal case": a denial a few words before.
    if matches!(prev(3), "not" | "never") && !matches!(p2, "only") {
        return true;
    }
    if matches!(p2, "to" | "not" | "never") && matches!(p1, "be" | "have" | "the" | "a") {
        return true;
    }
    if p2 == "не" && matches!(p1, "был" | "была" | "были" | "было" | "будет" | "будут") {
        return true;
    }
    // "that X be freed", "will be released", "is being dissolved", "from
    // being detained": wished, to come or under way, not what happened;
    // "house arrest" is a term.
    if matches!(p1, "be" | "house") {
        return true;
    }
    if p1 == "being" && matches!(p2, "is" | "are" | "was" | "were" | "from" | "of" | "avoid") {
        return true;
    }
    // "his sentence", "this release", "Baltabay's sentencing": an event
    // told elsewhere — unless "of" or a date follows it.
    let w = word(s, t);
    if EVENT_NOUN_TRIGGERS.contains(&w) {
        let determiner = |x: &str| {
            matches!(
                x,
                "his" | "her" | "their" | "its" | "this" | "that" | "these" | "s" | "the" | "against"
            )
        };
        let p3 = prev(3);
        let before = determiner(p1)
            || (determiner(p2) && !matches!(p2, "the"))
            || (p1 != "the" && determiner(p3) && p3 != "the");
        // "the release from prison on parole of two leaders": named after.
        let window = t + 1..(t + 7).min(s.tokens.len());
        let of_follows = window.clone().any(|i| word(s, i) == "of")
            && !window
                .clone()
                .take_while(|&i| word(s, i) != "of")
                .any(|i| matches!(word(s, i), "," | "."));
        // "the detention on Tuesday": a date makes it this one; not after
        // "this" or "his": "this release from prison in August".
        let dated = p1 == "the" && s.dates.iter().any(|d| d.t0 > t && d.t0 <= t + 4);
        if before && !of_follows && !dated {
            return true;
        }
    }
    // A participle used as an adjective: "a banned movement", "the dissolved
    // Confederation", "harassed union leaders".
    let w = word(s, t);
    if w.ends_with("ed") && matches!(p1, "a" | "an" | "the" | "of" | "recently" | "newly") {
        return true;
    }
    // A call or an obligation in the clause before it.
    let seg = s.segment[t];
    (0..t).filter(|&i| s.segment[i] == seg).any(|i| {
        matches!(
            word(s, i),
            "should"
                | "must"
                | "could"
                | "would"
                | "calling"
                | "calls"
                | "urged"
                | "demanding"
                | "upcoming"
                // Russian: a demand, a call, an intention.
                | "требуют"
                | "требует"
                | "призвал"
                | "призвали"
                | "призывает"
                | "призывают"
                | "должны"
                | "должен"
                | "намерен"
                | "намерена"
                | "чтобы"
                | "добиваться"
        )
    })
}

/// Words that make an act a habit: "are regularly denied", "систематически
/// отказывают".
const HABITUAL: &[&str] = &[
    "regularly",
    "routinely",
    "systematically",
    "repeatedly",
    "often",
    "frequently",
    "constantly",
    "continually",
    "habitually",
    "increasingly",
    "систематически",
    "регулярно",
    "постоянно",
    "неоднократно",
    "часто",
];

/// Triggers that are themselves a present tense of a habit: "отказывают в
/// регистрации" (they refuse registration, as a rule).
const PRESENT_TRIGGERS: &[&str] = &["отказывают", "отказывает", "denies", "deny", "refuses", "refuse"];

/// Whether the trigger at `t` states an ongoing or general practice
/// rather than one act: said in the present tense ("organisations … are
/// denied official registration", "отказывают в регистрации") or as a
/// habit ("are regularly detained", "систематически"). The caller adds
/// what makes it one act after all: a date in its clause, or a named
/// person it falls on.
fn states_pattern(s: &Sent<'_>, t: usize) -> bool {
    let prev = |k: usize| if t >= k { word(s, t - k) } else { "" };
    let (p1, p2) = (prev(1), prev(2));
    let present = |w: &str| matches!(w, "are" | "is" | "remain" | "remains");
    if present(p1) || (HABITUAL.contains(&p1) && present(p2)) || PRESENT_TRIGGERS.contains(&word(s, t)) {
        return true;
    }
    let seg = s.segment[t];
    (0..t)
        .filter(|&i| s.segment[i] == seg)
        .any(|i| HABITUAL.contains(&word(s, i)))
}

fn trigger_at(s: &Sent<'_>, t: usize) -> Option<EventType> {
    let tok = s.tokens[t];
    if !tok.is_word() {
        return None;
    }
    let w: &str = &s.lower[t];
    for tr in super::triggers_of(w).iter().map(|&i| &TRIGGERS[i]) {
        if let Some(then) = tr.then {
            let ok = (t + 1..(t + 8).min(s.tokens.len())).any(|i| then.contains(&word(s, i)));
            if !ok {
                continue;
            }
        }
        // Nouns only where the word is one: "searches", "review of".
        if w == "review" && !(tok.is_capitalised() || word(s, t + 1) == "of") {
            continue;
        }
        if not_an_event(s, t) {
            return None;
        }
        return Some(tr.event);
    }
    None
}

/// The date of an event at token `t` of sentence `s`.
fn date_for(s: &Sent<'_>, t: usize, text: &str, article: Option<PartialDate>) -> Option<(PartialDate, String)> {
    let seg = s.segment[t];
    let out = |d: &super::DateMention| Some((d.date, text[d.start..d.end].to_owned()));
    // A dateline ("19 December, 2019On 3 December, …") dates the article,
    // not what the sentence tells.
    let dateline =
        |d: &super::DateMention| d.t0 == 0 && article.is_some_and(|a| a.encloses(&d.date) && d.date.exact().is_some());
    // A date beside the noun of another happening is its date: "after a
    // protest in October", "in an April 11 statement", "last year's strike".
    let of_other = |d: &super::DateMention| {
        let near = d.t0.saturating_sub(3)..(d.t1 + 3).min(s.tokens.len());
        near.clone()
            .filter(|&i| i != t && !(d.t0..d.t1).contains(&i))
            .any(|i| OTHER_EVENT_NOUNS.contains(&word(s, i)))
            && !near.contains(&t)
    };
    // In its own clause: the nearest.
    if let Some(d) = s
        .dates
        .iter()
        .filter(|d| s.segment[d.t0] == seg && !of_other(d) && !dateline(d))
        .min_by_key(|d| if d.t0 > t { d.t0 - t } else { t - d.t1 + 1 })
    {
        return out(d);
    }
    // In a relative clause ("…, which was banned by …"): not the date
    // that opens the sentence, which tells of something else.
    if (0..t).any(|i| s.segment[i] == seg && matches!(word(s, i), "which" | "who" | "whom")) {
        return None;
    }
    if seg == 0 {
        return None;
    }
    let seg_start = (0..s.tokens.len()).find(|&i| s.segment[i] == seg).unwrap_or(t);
    // The clauses that open the sentence, naming no one: "In September
    // 2018, …", "Also on November 15, …", "A day earlier, on November 14,
    // …", "On 3 December, …" — their last date.
    let opening_names_no_one = !s.mentions.iter().any(|m| m.t0 < seg_start);
    if opening_names_no_one {
        if let Some(d) = s
            .dates
            .iter()
            .rfind(|d| d.t1 <= seg_start && !dateline(d) && !of_other(d))
        {
            return out(d);
        }
    }
    // The clause that opens the sentence: "In September 2018, X, …".
    if let Some(d) = s.dates.iter().find(|d| s.segment[d.t0] == 0 && !dateline(d)) {
        let opener = word(s, 0);
        if matches!(
            opener,
            "in" | "on" | "during" | "since" | "from" | "by" | "until" | "after" | "last" | "this" | "instead" | "also"
        ) || d.t0 == 0
        {
            return out(d);
        }
    }
    // Coordinated with a clause before: "…, and more than 100 were
    // detained", "… in August, and in response he was beaten, detained
    // and sentenced" — not a state that lasts ("but remains prohibited").
    let starts = |k: usize| (0..s.tokens.len()).find(|&i| s.segment[i] == k);
    let coordinated = [Some(seg), seg.checked_sub(2), seg.checked_sub(1)]
        .into_iter()
        .flatten()
        .filter_map(starts)
        .filter(|&i| i <= seg_start)
        .any(|i| matches!(word(s, i), "and" | "while" | "but" | "or" | "then"));
    let lasting = (seg_start..t).any(|i| matches!(word(s, i), "remains" | "remain" | "still" | "currently"));
    if coordinated && !lasting {
        let person_between = |d: &super::DateMention| s.mentions.iter().any(|m| m.t0 > d.t1 && m.t1 <= seg_start);
        if let Some(d) = s
            .dates
            .iter()
            .rfind(|d| d.t1 <= seg_start && !person_between(d) && !dateline(d) && !of_other(d))
        {
            return out(d);
        }
    }
    // A clause that is only a date: "…, Tuesday, March 19, 2019."
    for d in &s.dates {
        let dseg = s.segment[d.t0];
        let only_date = (0..s.tokens.len())
            .filter(|&i| s.segment[i] == dseg && s.tokens[i].is_word())
            .all(|i| {
                (d.t0..d.t1).contains(&i)
                    || lower_in(s.tokens[i].text, WEEKDAYS)
                    || matches!(word(s, i), "on" | "in" | "since")
            });
        if dseg > seg && only_date && s.dates.len() == 1 {
            return out(d);
        }
    }
    None
}

/// The date of the sentence before, for an event told as part of what it
/// told: "On this day" (or "that day", "the same day"), "The court also
/// banned him" — when that sentence has one date.
fn date_of_previous(doc: &Doc<'_>, si: usize, t: usize) -> Option<(PartialDate, String)> {
    let s = &doc.sents[si];
    let seg = s.segment[t];
    let same_day =
        (0..s.tokens.len()).any(|i| matches!(word(s, i), "this" | "that" | "same") && word(s, i + 1) == "day");
    let also = (0..t).any(|i| s.segment[i] == seg && word(s, i) == "also");
    if !(same_day || also) || si == 0 {
        return None;
    }
    let prev = &doc.sents[si - 1];
    match prev.dates.as_slice() {
        [d] => Some((d.date, doc.text[d.start..d.end].to_owned())),
        _ => None,
    }
}

/// The date of the sentence after, for an event its own sentence leaves
/// undated when the next one only dates it: "The court sentenced X to two
/// years. The verdict was handed down on April 3." / "Суд приговорил X …
/// Приговор был оглашён 3 апреля." The next sentence must open on the
/// decision (a court's: decision, verdict, ruling, judgment, sentence; for
/// court events only) or on "this"/"it" with happened/took place (any
/// event), be in the same paragraph, tell no event of its own and have one
/// date. "Об этом стало известно 5 мая" is not read so: the day news came
/// out is not the day of the event.
fn date_of_next(doc: &Doc<'_>, si: usize, event: EventType) -> Option<(PartialDate, String, usize)> {
    let s = &doc.sents[si];
    let next = doc.sents.get(si + 1)?;
    // The same paragraph: no line break between.
    if next.repeated || doc.text.get(s.end..next.start).is_none_or(|gap| gap.contains('\n')) {
        return None;
    }
    let [d] = next.dates.as_slice() else {
        return None;
    };
    let words: Vec<&str> = (0..next.tokens.len().min(8)).map(|i| word(next, i)).collect();
    let has = |list: &[&str]| words.iter().any(|w| list.contains(w));
    let court = matches!(
        event,
        EventType::Sentence
            | EventType::Conviction
            | EventType::Acquittal
            | EventType::Ban
            | EventType::Fine
            | EventType::Dissolution
            | EventType::Appeal
            | EventType::RegistrationDenial
            | EventType::Pardon
    );
    let first = words.first().copied().unwrap_or("");
    let second = words.get(1).copied().unwrap_or("");
    let decision_noun = |w: &str| {
        matches!(
            w,
            "decision"
                | "verdict"
                | "ruling"
                | "judgment"
                | "judgement"
                | "sentence"
                | "решение"
                | "приговор"
                | "постановление"
        )
    };
    let decision = court
        && ((first == "the" && decision_noun(second)) || decision_noun(first))
        && has(&[
            "made",
            "announced",
            "handed",
            "delivered",
            "pronounced",
            "issued",
            "passed",
            "read",
            "вынесен",
            "вынесено",
            "оглашен",
            "оглашён",
            "объявлен",
            "объявлено",
            "принято",
            "принят",
            "вынес",
            "огласил",
        ]);
    let happened = matches!(first, "this" | "it" | "это") && has(&["happened", "occurred", "произошло", "случилось"])
        || (matches!(first, "this" | "it") && second == "took" && words.get(2) == Some(&"place"));
    if !(decision || happened) {
        return None;
    }
    if (0..next.tokens.len()).any(|i| trigger_at(next, i).is_some()) {
        return None;
    }
    Some((d.date, doc.text[d.start..d.end].to_owned(), si + 1))
}

struct People<'a> {
    doc: &'a Doc<'a>,
    /// Every person mention, in text order: (sentence, token, entity).
    persons: Vec<(usize, usize, usize)>,
}

impl People<'_> {
    /// The last person named before token `t` of sentence `si`.
    fn last_before(&self, si: usize, t: usize) -> Option<usize> {
        self.persons
            .iter()
            .rev()
            .find(|(s, tok, _)| (*s, *tok) < (si, t))
            .map(|(_, _, e)| *e)
    }

    fn kind_ok(&self, e: usize, want: EntityKind, for_victim: bool) -> bool {
        let ent = &self.doc.entities[e];
        // A judge or a prosecutor acts for the state.
        let official = ent
            .role
            .as_ref()
            .is_some_and(|(r, _, _)| matches!(r.as_str(), "judge" | "prosecutor" | "investigator"));
        ent.kind == want && !(for_victim && (ent.state || ent.prize || official))
    }

    /// Mentions of `want` in the sentence, as (t0, t1, entity).
    fn in_sentence(&self, si: usize, want: EntityKind, for_victim: bool) -> Vec<(usize, usize, usize)> {
        let s = &self.doc.sents[si];
        s.mentions
            .iter()
            .filter(|m| self.kind_ok(m.entity, want, for_victim))
            // "a pardon decree issued by President X": the agent of a
            // passive is not its victim.
            .filter(|m| !for_victim || !(m.t0.saturating_sub(3)..m.t0).any(|i| word(s, i) == "by"))
            .map(|m| (m.t0, m.t1, m.entity))
            .collect()
    }

    /// The named in the trigger's clause, else the nearest before it (with
    /// the list it stands in), else "he"/"his" read as the last person
    /// named, else the nearest after it.
    fn near(&self, si: usize, t: usize, want: EntityKind, for_victim: bool, after: bool) -> Vec<usize> {
        let s = &self.doc.sents[si];
        let all = self.in_sentence(si, want, for_victim);
        let seg = s.segment[t];
        let with_list = |idx: usize| -> Vec<usize> {
            // Names joined only by commas and "and": one list.
            let mut out = vec![all[idx].2];
            let linked = |a: &(usize, usize, usize), b: &(usize, usize, usize)| {
                (a.1..b.0).all(|i| matches!(s.tokens[i].text, "," | "and" | "or" | "и" | "или"))
            };
            let mut i = idx;
            while i > 0 && linked(&all[i - 1], &all[i]) {
                i -= 1;
                out.push(all[i].2);
            }
            let mut j = idx;
            while j + 1 < all.len() && linked(&all[j], &all[j + 1]) {
                j += 1;
                out.push(all[j].2);
            }
            out.sort_unstable();
            out.dedup();
            out
        };
        // "X was detained", "X went on trial": the one it befalls comes
        // before; after an active verb ("the court sentenced X"), after.
        let passive = matches!(word(s, t), "went" | "stood")
            || (t.saturating_sub(3)..t).any(|i| {
                matches!(
                    word(s, i),
                    "was" | "were" | "been" | "is" | "are" | "went" | "stood" | "got" | "has" | "have"
                )
            });
        let in_seg: Vec<usize> = (0..all.len())
            .filter(|&i| s.segment[all[i].0] == seg && (!passive || all[i].1 <= t))
            .collect();
        if let Some(&i) = in_seg
            .iter()
            .min_by_key(|&&i| if all[i].0 > t { all[i].0 - t } else { t - all[i].1 + 1 })
        {
            return with_list(i);
        }
        if let Some(i) = (0..all.len()).rfind(|&i| all[i].1 <= t) {
            return with_list(i);
        }
        if want == EntityKind::Person {
            let pronoun = (0..s.tokens.len())
                .filter(|&i| i <= t + 3 && (s.segment[i] == seg || i < t))
                .any(|i| {
                    matches!(
                        word(s, i),
                        "he" | "his" | "him" | "she" | "her" | "он" | "его" | "ему" | "она" | "ее" | "её" | "ей"
                    )
                        || (word(s, i) == "leader" && word(s, i.saturating_sub(2)) == "the")
                        // A Russian sentence opened by the role of the one
                        // just named: "Председатель … был задержан".
                        || (i == 0
                            && matches!(
                                word(s, i),
                                "председатель" | "лидер" | "руководитель" | "руководство" | "глава" | "активист"
                            ))
                });
            if pronoun {
                if let Some(e) = self.last_before(si, t) {
                    return vec![e];
                }
            }
        }
        if after {
            if let Some(i) = (0..all.len()).find(|&i| all[i].0 > t) {
                return with_list(i);
            }
        }
        Vec::new()
    }
}

fn durations(s: &Sent<'_>, from: usize, to: usize) -> Vec<(usize, Duration)> {
    // Russian terms, when the sentence is written in Cyrillic.
    if s.tokens.get(from..to.min(s.tokens.len())).is_some_and(|t| {
        t.iter()
            .any(|x| x.text.chars().next().is_some_and(|c| matches!(c, 'А'..='я')))
    }) {
        let ru = super::russian::durations(s, from, to);
        if !ru.is_empty() {
            return ru;
        }
    }
    let mut out = Vec::new();
    let mut i = from;
    while i < to {
        let tok = s.tokens[i];
        // "seven-year": one token.
        if tok.text.contains('-') && tok.is_word() {
            if let Ok(d) = Duration::parse_article(tok.text) {
                out.push((i, d));
            }
            i += 1;
            continue;
        }
        if tok.is_word() && (number_value(tok.text).is_some() || matches!(word(s, i), "a" | "an" | "one")) {
            let mut j = i + 2;
            let mut best = None;
            while j <= to {
                let phrase: String = s.tokens[i..j].iter().map(|t| t.text).collect::<Vec<_>>().join(" ");
                if let Ok(d) = Duration::parse_article(&phrase) {
                    best = Some((j, d));
                }
                if j + 1 < to && word(s, j) == "and" {
                    j += 3;
                } else {
                    break;
                }
            }
            if let Some((j, d)) = best {
                let after = word(s, j);
                let before = if i > 0 { word(s, i - 1) } else { "" };
                if after != "old" && after != "ago" && !matches!(before, "last" | "past" | "next") {
                    out.push((i, d));
                }
                i = j;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// The currency a word names, as an ISO 4217 code; `Some("")` for a unit
/// that is not one (Kazakhstan's МРП, the monthly calculation index in
/// which its fines are set: its value in tenge changes every year).
fn currency_of(w: &str) -> Option<&'static str> {
    Some(match w {
        "тенге" | "tenge" | "kzt" | "₸" => "KZT",
        "byn" => "BYN",
        "usd" | "$" | "dollars" | "долларов" | "доллара" | "доллар" => "USD",
        "eur" | "€" | "euros" | "euro" | "евро" => "EUR",
        "rub" | "roubles" | "rubles" | "рублей" | "рубля" | "рубль" | "руб" => "RUB",
        "мрп" | "mrp" | "mci" | "мзп" => "",
        _ => return None,
    })
}

/// A multiplier word: "тысяч", "млн", "million".
fn multiplier_of(w: &str) -> Option<u64> {
    Some(match w {
        "тысяч" | "тысячи" | "тысяча" | "тыс" | "thousand" => 1_000,
        "млн" | "миллион" | "миллиона" | "миллионов" | "million" => 1_000_000,
        "млрд" | "миллиард" | "миллиарда" | "миллиардов" | "billion" => 1_000_000_000,
        _ => return None,
    })
}

/// The amount of a fine told between tokens `from` and `to`: a number
/// ("500", "200 000", "150,000", "8,212 млн", "1.5 million"), its currency
/// after it ("тенге", "tenge", "рублей") or before it ("EUR 75,000", "$500");
/// "белорусских рублей" and "Belarusian roubles" are BYN. A fine in МРП
/// is told, but has no amount in money (see [`currency_of`]).
fn fine_amount(s: &Sent<'_>, from: usize, to: usize) -> Option<Fine> {
    let digits = |i: usize| {
        s.tokens
            .get(i)
            .is_some_and(|t| !t.text.is_empty() && t.text.bytes().all(|b| b.is_ascii_digit()))
    };
    let mut i = from;
    while i < to {
        if !digits(i) || s.tokens[i].text.len() > 9 {
            i += 1;
            continue;
        }
        // The number: groups of three after a space, a comma or a point.
        let start = i;
        let mut whole: u64 = s.tokens[i].text.parse().ok()?;
        let mut fraction: Option<&str> = None;
        let mut j = i + 1;
        while j < to {
            let sep = s.tokens[j].text;
            let adjacent = s.tokens[j].start == s.tokens[j - 1].end;
            if digits(j) && s.tokens[j].text.len() == 3 && s.tokens[j].start == s.tokens[j - 1].end + 1 {
                // "200 000"
                whole = whole.checked_mul(1000)?.checked_add(s.tokens[j].text.parse().ok()?)?;
                j += 1;
            } else if matches!(sep, "," | ".") && adjacent && digits(j + 1) && s.tokens[j + 1].start == s.tokens[j].end
            {
                if s.tokens[j + 1].text.len() == 3 && multiplier_of(word(s, j + 2)).is_none() {
                    whole = whole
                        .checked_mul(1000)?
                        .checked_add(s.tokens[j + 1].text.parse().ok()?)?;
                } else {
                    fraction = Some(s.tokens[j + 1].text);
                }
                j += 2;
            } else {
                break;
            }
        }
        let mut amount = whole;
        if let Some(m) = multiplier_of(word(s, j).trim_end_matches('.')) {
            amount = whole.checked_mul(m)?;
            if let Some(f) = fraction {
                let scale = 10u64.checked_pow(f.len() as u32)?;
                amount = amount.checked_add(f.parse::<u64>().ok()?.checked_mul(m)? / scale)?;
            }
            j += 1;
        }
        let belarusian = |k: usize| {
            (k.saturating_sub(2)..k).any(|b| {
                let w = word(s, b);
                w.starts_with("белорусск") || w == "belarusian"
            })
        };
        // "1 600 белорусских рублей", "500 Belarusian roubles".
        let w = word(s, j);
        if w.starts_with("белорусск") || w.starts_with("российск") || matches!(w, "belarusian" | "russian")
        {
            j += 1;
        }
        let after = currency_of(word(s, j)).map(|c| (c, j));
        let before = start
            .checked_sub(1)
            .and_then(|b| currency_of(word(s, b)).or_else(|| currency_of(s.tokens[b].text)))
            .map(|c| (c, start));
        if let Some((code, at)) = after.or(before) {
            if code.is_empty() {
                return Some(Fine::Undisclosed);
            }
            let code = if code == "RUB" && belarusian(at) { "BYN" } else { code };
            return Some(Fine::Amount {
                amount,
                currency: code.to_owned(),
            });
        }
        i = j.max(i + 1);
    }
    None
}

/// "banned from X": the scope, to the end of its clause (an "including …"
/// that follows is part of it).
fn ban_scope(s: &Sent<'_>, t: usize, text: &str) -> Option<String> {
    let from = (t + 1..(t + 4).min(s.tokens.len())).find(|&i| word(s, i) == "from")? + 1;
    let mut end = from;
    while end < s.tokens.len() {
        let w = word(s, end);
        let tok = s.tokens[end];
        if matches!(tok.text, "." | ";" | ")" | "(") {
            break;
        }
        if tok.text == "," && word(s, end + 1) != "including" {
            break;
        }
        if w == "and"
            && (matches!(word(s, end + 1), "the" | "a" | "an")
                || s.tokens.get(end + 1).is_some_and(|t| t.is_capitalised()))
        {
            break;
        }
        if matches!(w, "for" | "until" | "after") && end > from {
            break;
        }
        end += 1;
    }
    (end > from).then(|| text[s.tokens[from].start..s.tokens[end - 1].end].to_owned())
}

fn victim_count(s: &Sent<'_>, t: usize) -> Option<u32> {
    let seg = s.segment[t];
    for i in 0..s.tokens.len() {
        if s.segment[i] != seg {
            continue;
        }
        let Some(n) = number_value(s.tokens[i].text) else {
            continue;
        };
        if n < 2 || s.dates.iter().any(|d| (d.t0..d.t1).contains(&i)) {
            continue;
        }
        if (i + 1..(i + 3).min(s.tokens.len())).any(|j| lower_in(s.tokens[j].text, PEOPLE)) {
            return Some(n);
        }
    }
    None
}

pub(crate) fn find(doc: &Doc<'_>, known: &Known) -> Vec<Ev> {
    let mut people = People {
        doc,
        persons: Vec::new(),
    };
    for (si, s) in doc.sents.iter().enumerate() {
        for m in &s.mentions {
            if doc.entities[m.entity].kind == EntityKind::Person {
                people.persons.push((si, m.t0, m.entity));
            }
        }
    }
    let mut evs: Vec<Ev> = Vec::new();
    for (si, s) in doc.sents.iter().enumerate() {
        if s.repeated {
            continue;
        }
        let mut in_sentence: Vec<Ev> = Vec::new();
        let mut t = 0;
        while t < s.tokens.len() {
            let Some(event) = trigger_at(s, t) else {
                t += 1;
                continue;
            };
            let seg = s.segment[t];
            let seg_end = (t..s.tokens.len())
                .take_while(|&i| s.segment[i] == seg)
                .last()
                .unwrap_or(t)
                + 1;
            let mut participants: Vec<(usize, Role)> = Vec::new();
            let states: Vec<usize> = people
                .in_sentence(si, EntityKind::Organisation, false)
                .into_iter()
                .filter(|m| doc.entities[m.2].state)
                .map(|m| m.2)
                .collect();
            match voice(event) {
                Voice::Persons => {
                    let mut victims = people.near(si, t, EntityKind::Person, true, true);
                    // A ban or a fine on a body: "the union was blacklisted".
                    // "an organisation which was … banned": the one the
                    // relative clause tells of, named before it.
                    let relative = (0..t).any(|i| s.segment[i] == seg && matches!(word(s, i), "which"));
                    if relative {
                        if let Some(m) = people
                            .in_sentence(si, EntityKind::Organisation, true)
                            .into_iter()
                            .rfind(|m| m.1 <= t)
                        {
                            victims = vec![m.2];
                        }
                    }
                    if victims.is_empty()
                        && matches!(
                            event,
                            EventType::Ban | EventType::Fine | EventType::Charge | EventType::Appeal
                        )
                    {
                        victims = people
                            .in_sentence(si, EntityKind::Organisation, true)
                            .into_iter()
                            .filter(|m| s.segment[m.0] == seg)
                            .map(|m| m.2)
                            .collect();
                    }
                    if event == EventType::Campaign {
                        for o in people.in_sentence(si, EntityKind::Organisation, true) {
                            if s.segment[o.0] == seg {
                                participants.push((o.2, Role::Actor));
                            }
                        }
                        victims.retain(|v| !participants.iter().any(|p| p.0 == *v));
                    }
                    participants.extend(victims.into_iter().map(|v| (v, Role::Victim)));
                    let role = if matches!(event, EventType::Pardon | EventType::Amnesty | EventType::Release) {
                        Role::Actor
                    } else {
                        Role::Perpetrator
                    };
                    if event != EventType::Campaign {
                        participants.extend(states.iter().map(|&e| (e, role)));
                    }
                }
                Voice::Organisations => {
                    let mut victims = people.near(si, t, EntityKind::Organisation, true, true);
                    // "police searched his home": a person's.
                    if victims.is_empty() && matches!(event, EventType::Search | EventType::Seizure) {
                        victims = people.near(si, t, EntityKind::Person, true, false);
                    }
                    participants.extend(victims.into_iter().map(|v| (v, Role::Victim)));
                    participants.extend(states.iter().map(|&e| (e, Role::Perpetrator)));
                }
                Voice::Actors => match event {
                    EventType::Award => {
                        for o in people.in_sentence(si, EntityKind::Organisation, false) {
                            if doc.entities[o.2].prize {
                                participants.push((o.2, Role::Actor));
                            }
                        }
                        let recipients: Vec<usize> = people
                            .in_sentence(si, EntityKind::Organisation, true)
                            .into_iter()
                            .filter(|o| o.1 <= t)
                            .map(|o| o.2)
                            .next_back()
                            .into_iter()
                            .collect();
                        participants.extend(recipients.into_iter().map(|e| (e, Role::Target)));
                    }
                    EventType::Review | EventType::Sanction => {
                        for o in people.in_sentence(si, EntityKind::Organisation, true) {
                            participants.push((o.2, Role::Actor));
                        }
                    }
                    _ => {
                        let mut actors = people.near(si, t, EntityKind::Person, false, false);
                        if actors.is_empty() {
                            actors = people.near(si, t, EntityKind::Organisation, false, false);
                        }
                        participants.extend(actors.into_iter().map(|a| (a, Role::Actor)));
                    }
                },
            }
            let mut seen = Vec::new();
            participants.retain(|p| {
                let fresh = !seen.contains(&p.0);
                seen.push(p.0);
                fresh
            });
            let mut terms = Terms::default();
            if event == EventType::Sentence {
                if let Some((_, d)) = durations(
                    s,
                    t.saturating_sub(4).max(s.tokens.iter().position(|_| true).unwrap_or(0)),
                    s.tokens.len(),
                )
                .into_iter()
                .filter(|(i, _)| *i + 6 >= t)
                .min_by_key(|(i, _)| i.abs_diff(t))
                {
                    let restricted = (0..s.tokens.len()).any(|i| {
                        matches!(
                            word(s, i),
                            "restricted" | "restriction" | "probation" | "ограничения" | "ограничение"
                        )
                    });
                    if restricted {
                        terms.restricted_freedom = Some(d);
                    } else {
                        terms.imprisonment = Some(d);
                    }
                }
            }
            if event == EventType::Ban {
                if let Some(scope) = ban_scope(s, t, doc.text) {
                    let duration = durations(s, t, seg_end).into_iter().map(|(_, d)| d).next();
                    terms.bans.push(Ban { scope, duration });
                }
            }
            if event == EventType::Fine {
                terms.fine = Some(fine_amount(s, t + 1, (t + 12).min(s.tokens.len())).unwrap_or(Fine::Undisclosed));
            }
            let place = s
                .places
                .iter()
                .filter(|p| p.country.is_none() && (s.segment[p.t0] == seg || s.segment[p.t0] == 0))
                .min_by_key(|p| p.t0.abs_diff(t))
                .map(|p| p.name.clone());
            let country = s
                .places
                .iter()
                .find_map(|p| p.country)
                .or(doc.country)
                .map(str::to_owned);
            let victim_count = if matches!(
                event,
                EventType::Arrest | EventType::Detention | EventType::Interrogation
            ) {
                victim_count(s, t)
            } else {
                None
            };
            let mut date = date_for(s, t, doc.text, doc.article_date);
            // A practice stated in the present, with no date of its own
            // and on no one named: a pattern, not an act of the day the
            // sentences around it tell of.
            let pattern = date.is_none()
                && states_pattern(s, t)
                && !participants
                    .iter()
                    .any(|(e, r)| *r != Role::Perpetrator && doc.entities[*e].kind == EntityKind::Person);
            if date.is_none() && !pattern {
                date = date_of_previous(doc, si, t);
            }
            let mut excerpts = vec![(s.start, s.end)];
            if date.is_none() && !pattern {
                if let Some((d, words, next)) = date_of_next(doc, si, event) {
                    date = Some((d, words));
                    // The sentence that gives the date is evidence too.
                    excerpts.push((doc.sents[next].start, doc.sents[next].end));
                }
            }
            in_sentence.push(Ev {
                event,
                date,
                participants,
                terms,
                victim_count,
                place,
                country,
                excerpts,
                matched: None,
                pattern,
            });
            t += 1;
            // "ordered to close": one trigger.
            while t < s.tokens.len()
                && super::triggers_of(word(s, t))
                    .iter()
                    .any(|&i| TRIGGERS[i].event == event)
            {
                t += 1;
            }
        }
        // A ban in the same sentence as a sentence of the same people is
        // one of its terms: "sentenced to seven years and banned from …".
        let sentences: Vec<usize> = (0..in_sentence.len())
            .filter(|&i| in_sentence[i].event == EventType::Sentence)
            .collect();
        let mut folded = Vec::new();
        for (i, ev) in in_sentence.iter().enumerate() {
            if ev.event != EventType::Ban {
                continue;
            }
            if let Some(&j) = sentences
                .iter()
                .find(|&&j| in_sentence[j].key_people() == ev.key_people())
            {
                folded.push((i, j));
            }
        }
        for &(i, j) in &folded {
            let bans = in_sentence[i].terms.bans.clone();
            in_sentence[j].terms.bans.extend(bans);
        }
        let drop: Vec<usize> = folded.iter().map(|f| f.0).collect();
        // Several victims of one sentence or ban: one event each, as each
        // person's restraint runs its own course.
        for (i, ev) in in_sentence.into_iter().enumerate() {
            if drop.contains(&i) {
                continue;
            }
            let victims: Vec<usize> = ev
                .participants
                .iter()
                .filter(|(_, r)| *r == Role::Victim)
                .map(|(e, _)| *e)
                .collect();
            if victims.len() > 1 && matches!(ev.event, EventType::Ban | EventType::Sentence | EventType::Conviction) {
                for v in victims {
                    let mut one = ev.clone();
                    one.participants.retain(|(e, r)| *r != Role::Victim || *e == v);
                    evs.push(one);
                }
            } else {
                evs.push(ev);
            }
        }
        // "The remaining portion of his term was replaced by a fine": the
        // last pardon of that person carries the fine.
        let lw = &s.lower;
        let replaced = lw
            .windows(4)
            .any(|w| w[0] == "replaced" && w[1] == "by" && w[2] == "a" && w[3] == "fine")
            || lw
                .windows(4)
                .any(|w| w[0] == "commuted" && w[1] == "to" && w[2] == "a" && w[3] == "fine");
        if replaced {
            let mut who = people.near(si, 0, EntityKind::Person, true, false);
            if who.is_empty() {
                who.extend(people.last_before(si, 0));
            }
            if let Some(pardon) = evs
                .iter_mut()
                .rev()
                .find(|e| e.event == EventType::Pardon && who.iter().any(|w| e.key_people().contains(w)))
            {
                pardon.terms.fine = Some(Fine::Undisclosed);
                pardon.excerpts.push((s.start, s.end));
            }
        }
    }
    let evs = merge(evs);
    let mut evs: Vec<Ev> = evs
        .into_iter()
        .filter(|e| {
            let named = e.participants.iter().any(|(_, r)| *r != Role::Perpetrator);
            e.date.is_some() || named || e.victim_count.is_some() || e.pattern
        })
        .collect();
    for e in &mut evs {
        e.matched = match_known(doc, known, e);
    }
    evs
}

/// An earlier event an event acts on: another event of the text (by its
/// place in the list), or a record; with a label for the reviewer.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Target {
    Own(usize, String),
    Known(RecordId, String),
}

/// Words saying a sentence punishes a fine left unpaid.
const NON_PAYMENT: &[&str] = &[
    "pay the fine",
    "paying the fine",
    "pay a fine",
    "pay his fine",
    "pay her fine",
    "non-payment",
    "unpaid fine",
    "неуплат",
    "не уплатил",
    "не оплатил",
    "неоплат",
    "айыппұлды төлемеген",
    "төлемегені",
];

fn for_non_payment(doc: &Doc<'_>, e: &Ev) -> bool {
    e.excerpts.iter().any(|&(a, b)| {
        let text = doc.text.get(a..b).unwrap_or_default().to_lowercase();
        NON_PAYMENT.iter().any(|w| text.contains(w))
    })
}

/// The earlier events each event acts on, which the status engine needs
/// (see `vigil_core::Event::relates_to`): a pardon, amnesty, acquittal or
/// appeal acts on the latest sentence or conviction of its person before
/// it, a release also on custody; a sentence for not paying a fine acts on
/// the latest fine (or pardon that imposed one) before it. Found among the
/// text's own events first, then among the case file's.
pub(crate) fn links(doc: &Doc<'_>, known: &Known, evs: &[Ev]) -> Vec<Vec<Target>> {
    use EventType as T;
    let label_of = |t: EventType, who: &[usize]| {
        let names: Vec<String> = who.iter().map(|&p| best_name(&doc.entities[p])).collect();
        format!("{}: {}", t.label(), names.join(", "))
    };
    evs.iter()
        .enumerate()
        .map(|(i, e)| {
            let targets: &[EventType] = match e.event {
                T::Pardon | T::Amnesty | T::Acquittal | T::Appeal => &[T::Sentence, T::Conviction],
                T::Release => &[T::Sentence, T::Conviction, T::Arrest, T::Detention],
                T::Sentence if for_non_payment(doc, e) => &[T::Fine, T::Pardon],
                _ => return Vec::new(),
            };
            // A pardon is acted on only when it imposed a fine.
            let fits = |t: EventType, fined: bool| targets.contains(&t) && (t != T::Pardon || fined);
            let Some((day, _)) = &e.date else {
                return Vec::new();
            };
            let people = e.key_people();
            if people.is_empty() {
                return Vec::new();
            }
            let mine = e.matched.as_ref().map(|(id, _)| id);
            // The latest; on a tie what carries terms (a sentence) over a
            // conviction or custody, then the one told later.
            let weight = |t: EventType| match t {
                T::Arrest | T::Detention => 0u8,
                T::Conviction => 1,
                _ => 2,
            };
            let mut best: Option<((Date, u8, usize), Target)> = None;
            let mut consider = |key: (Date, u8, usize), t: Target| {
                if best.as_ref().is_none_or(|(k, _)| key > *k) {
                    best = Some((key, t));
                }
            };
            for (j, o) in evs.iter().enumerate() {
                let shared = o.key_people().iter().any(|p| people.contains(p));
                if j == i || !shared || !fits(o.event, o.terms.fine.is_some()) {
                    continue;
                }
                // An undated one is told of as before (the text tells of it
                // first); it yields to any dated one.
                let from = match &o.date {
                    None if j < i => Date::MIN,
                    None => continue,
                    Some((od, _)) => {
                        let after = od.earliest() >= day.earliest() && od.latest() >= day.latest() && od != day;
                        if od.earliest() > day.latest() || after {
                            continue;
                        }
                        od.earliest()
                    }
                };
                let label = label_of(o.event, &o.key_people());
                // Told here of an event the case file holds: that record.
                let t = match &o.matched {
                    Some((id, _)) => Target::Known(id.clone(), label),
                    None => Target::Own(j, label),
                };
                consider((from, weight(o.event), j), t);
            }
            for p in &people {
                let Some(m) = &doc.entities[*p].matched else { continue };
                for k in known.events_of(&m.record_id) {
                    let fined = k.terms.as_ref().is_some_and(|t| t.fine.is_some());
                    if Some(&k.id) == mine || !fits(k.event_type, fined) || k.date.earliest() > day.latest() {
                        continue;
                    }
                    if k.date.earliest() >= day.earliest() && k.date.latest() >= day.latest() && k.date != *day {
                        continue;
                    }
                    let key = (k.date.earliest(), weight(k.event_type), 0);
                    consider(key, Target::Known(k.id.clone(), label_of(k.event_type, &[*p])));
                }
            }
            best.map(|(_, t)| t).into_iter().collect()
        })
        .collect()
}

fn dates_agree(a: &Option<(PartialDate, String)>, b: &Option<(PartialDate, String)>) -> bool {
    match (a, b) {
        (Some((a, _)), Some((b, _))) => a.encloses(b) || b.encloses(a),
        _ => true,
    }
}

/// How far apart two sources may put one act's day and still be read as
/// disagreeing about it rather than telling of two acts.
const DISPUTED_DAYS: i64 = 21;

/// Two exact days close enough to be two accounts of one act's day.
fn another_account_of_the_day(a: &PartialDate, b: &PartialDate) -> bool {
    match (a.exact(), b.exact()) {
        (Some(x), Some(y)) => (x - y).whole_days().abs() <= DISPUTED_DAYS,
        _ => false,
    }
}

fn terms_agree(a: &Terms, b: &Terms) -> bool {
    let both = |x: &Option<Duration>, y: &Option<Duration>| x.is_none() || y.is_none() || x == y;
    both(&a.imprisonment, &b.imprisonment) && both(&a.restricted_freedom, &b.restricted_freedom)
}

/// The same event told twice becomes one: same type and key people, dates
/// that agree (one within the other), terms that do not conflict. Dated
/// mentions are merged first; an undated one then joins the one dated
/// event it can be.
fn merge(evs: Vec<Ev>) -> Vec<Ev> {
    let mut out: Vec<Ev> = Vec::new();
    let (dated, undated): (Vec<Ev>, Vec<Ev>) = evs.into_iter().partition(|e| e.date.is_some());
    let same = |a: &Ev, b: &Ev| {
        a.event == b.event
            && a.pattern == b.pattern
            && mergeable(a.event)
            && a.key_people() == b.key_people()
            && (!a.key_people().is_empty() || (a.victim_count.is_some() && a.victim_count == b.victim_count))
            && terms_agree(&a.terms, &b.terms)
    };
    let absorb = |into: &mut Ev, e: Ev| {
        // The more precise date wins.
        if let (Some(a), Some(b)) = (&into.date, &e.date) {
            if a.0.encloses(&b.0) && a.0 != b.0 {
                into.date = e.date.clone();
            }
        } else if into.date.is_none() {
            into.date = e.date.clone();
        }
        for p in e.participants {
            if !into.participants.iter().any(|q| q.0 == p.0) {
                into.participants.push(p);
            }
        }
        if into.terms.imprisonment.is_none() {
            into.terms.imprisonment = e.terms.imprisonment;
        }
        if into.terms.restricted_freedom.is_none() {
            into.terms.restricted_freedom = e.terms.restricted_freedom;
        }
        if into.terms.fine.is_none() {
            into.terms.fine = e.terms.fine;
        }
        for b in e.terms.bans {
            if !into.terms.bans.contains(&b) {
                into.terms.bans.push(b);
            }
        }
        into.victim_count = into.victim_count.or(e.victim_count);
        into.place = into.place.take().or(e.place);
        for x in e.excerpts {
            if !into.excerpts.contains(&x) {
                into.excerpts.push(x);
            }
        }
    };
    for e in dated {
        match out.iter_mut().find(|o| same(o, &e) && dates_agree(&o.date, &e.date)) {
            Some(o) => absorb(o, e),
            None => out.push(e),
        }
    }
    let mut rest: Vec<Ev> = Vec::new();
    for e in undated {
        let candidates: Vec<usize> = (0..out.len()).filter(|&i| same(&out[i], &e)).collect();
        // "On 26 December the verdict against the leadership was read out.
        // X was sentenced to 4 years, …": the sentence right after a dated
        // event that names no one details that event.
        let details = |o: &Ev| {
            let end = o.excerpts.iter().map(|x| x.1).max().unwrap_or(0);
            let start = e.excerpts.iter().map(|x| x.0).min().unwrap_or(0);
            o.event == e.event
                && mergeable(e.event)
                && o.key_people().is_empty()
                && o.victim_count.is_none()
                && !e.key_people().is_empty()
                && start >= end
                && start - end <= 2
        };
        if candidates.len() == 1 {
            absorb(&mut out[candidates[0]], e);
        } else if let Some(o) = out.iter_mut().find(|o| details(o)) {
            absorb(o, e);
        } else if let Some(r) = rest.iter_mut().find(|r| same(r, &e)) {
            absorb(r, e);
        } else {
            rest.push(e);
        }
    }
    out.extend(rest);
    // Back in the order of the text.
    out.sort_by_key(|e| e.excerpts.iter().map(|x| x.0).min().unwrap_or(0));
    out
}

/// The existing event this one is, if any: same type, a shared victim (or
/// actor), dates that agree.
fn match_known(doc: &Doc<'_>, known: &Known, e: &Ev) -> Option<(RecordId, f64)> {
    let ids: Vec<RecordId> = e
        .key_people()
        .into_iter()
        .filter_map(|p| doc.entities[p].matched.as_ref().map(|m| m.record_id.clone()))
        .collect();
    let mut best: Option<(RecordId, f64)> = None;
    for id in &ids {
        for k in known.events_of(id) {
            if k.event_type != e.event {
                continue;
            }
            let score = match &e.date {
                Some((d, _)) if *d == k.date => 1.0,
                Some((d, _)) if d.encloses(&k.date) || k.date.encloses(d) => 0.85,
                Some((d, _)) if d.earliest() <= k.date.latest() && k.date.earliest() <= d.latest() => 0.8,
                // Another account of the same act's day ("on 20 January"
                // against "on 21 January"): a claim on it, not a new event.
                Some((d, _)) if another_account_of_the_day(d, &k.date) => 0.7,
                Some(_) => continue,
                None => 0.75,
            };
            // Terms that differ are another sentence, unless both are told
            // of the very same day: then they are another account of it.
            if let (Some(kt), false) = (&k.terms, e.terms.is_empty()) {
                if !terms_agree(kt, &e.terms) && score < 1.0 {
                    continue;
                }
            }
            // Equal scores go to the smaller id, whatever order the
            // events were learnt in.
            if best
                .as_ref()
                .is_none_or(|b| score > b.1 || (score == b.1 && k.id < b.0))
            {
                best = Some((k.id.clone(), score));
            }
        }
    }
    if best.is_none() && ids.is_empty() {
        // Unnamed people: same type, dates that agree, same count or place;
        // the earliest such event, and of those beginning the same day the
        // smallest id.
        let mut first: Option<(Date, &RecordId)> = None;
        for k in known.events() {
            if first.is_some_and(|(day, _)| k.date.earliest() > day) {
                break;
            }
            let dates = match &e.date {
                Some((d, _)) => d.encloses(&k.date) || k.date.encloses(d),
                None => true,
            };
            if k.event_type == e.event
                && dates
                && (e.victim_count.is_some() && e.victim_count == k.victim_count
                    || e.place.is_some() && e.place == k.place)
                && first.is_none_or(|(_, id)| &k.id < id)
            {
                first = Some((k.date.earliest(), &k.id));
            }
        }
        best = first.map(|(_, id)| (id.clone(), if e.date.is_some() { 0.8 } else { 0.75 }));
    }
    best
}

/// Where the text first tells of an event.
fn told_at(e: &Ev) -> usize {
    e.excerpts.iter().map(|x| x.0).min().unwrap_or(usize::MAX)
}

/// The date a court decision has when the text gives it none but fixes it
/// between two of its own dated events: after the opening of its person's
/// proceedings told before it (an investigation, a charge, an arrest or a
/// detention), and no later than the acts that end it (those `links` found
/// acting on it: a pardon, a release, an amnesty, an acquittal, an appeal).
/// A sentence cannot precede its case or follow its pardon, so the range
/// is what the text supports, not a guess; both bounds must be in the
/// text, or the date stays empty for the editor. The words quote both
/// bounds, in the text's language ("September 2018 … August 2019").
pub(crate) fn bounded_dates(evs: &[Ev], links: &[Vec<Target>]) -> Vec<Option<(PartialDate, String)>> {
    use EventType as T;
    evs.iter()
        .enumerate()
        .map(|(i, e)| {
            if e.date.is_some() || e.pattern || !matches!(e.event, T::Sentence | T::Conviction) {
                return None;
            }
            let people = e.key_people();
            if people.is_empty() {
                return None;
            }
            let (end, end_words) = evs
                .iter()
                .zip(links)
                .filter(|(_, ts)| ts.iter().any(|t| matches!(t, Target::Own(j, _) if *j == i)))
                .filter_map(|(o, _)| o.date.as_ref())
                .min_by_key(|(d, _)| d.latest())?;
            let at = told_at(e);
            let (start, start_words) = evs
                .iter()
                .filter(|o| matches!(o.event, T::Investigation | T::Charge | T::Arrest | T::Detention))
                .filter(|o| !o.pattern && told_at(o) < at)
                .filter(|o| o.key_people().iter().any(|p| people.contains(p)))
                .filter_map(|o| o.date.as_ref().map(|d| (told_at(o), d)))
                .filter(|(_, (d, _))| d.earliest() < end.earliest())
                .max_by_key(|(pos, _)| *pos)
                .map(|(_, d)| d)?;
            let date = PartialDate::spanning(start.earliest(), end.latest());
            Some((date, format!("{start_words} … {end_words}")))
        })
        .collect()
}
