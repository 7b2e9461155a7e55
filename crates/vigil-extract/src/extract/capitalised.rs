//! Step 2, second half: runs of capitalised words read as organisations,
//! places or persons; the places named, and the country most of them are in.

use super::known::{add_unless_known, note_name};
use super::*;

/// A run of capitalised words that may name something.
#[derive(Clone, Debug)]
struct Run {
    sent: usize,
    t0: usize,
    t1: usize,
    /// A title written before the name ("President").
    title: Option<String>,
}

fn is_title_case(s: &Sent<'_>) -> bool {
    // Names in a list ("Yana Malash, Vital Chychmarau, Hanna Dus and …")
    // are as capitalised as a headline, but a headline has no run of commas.
    if s.tokens.iter().filter(|t| t.text == ",").count() >= 2 {
        return false;
    }
    let words: Vec<&Token<'_>> = s
        .tokens
        .iter()
        .filter(|t| t.is_word() && t.text.chars().any(char::is_alphabetic))
        .collect();
    if words.len() < 4 {
        return false;
    }
    let caps = words.iter().filter(|t| t.is_capitalised()).count();
    caps * 10 >= words.len() * 7
}

const CONNECTORS: &[&str] = &["of", "for", "and", "the", "de", "on"];

fn runs(doc: &Doc<'_>, si: usize, covered: &[bool], mid_caps: &HashSet<&str>) -> Vec<Run> {
    let s = &doc.sents[si];
    let toks = &s.tokens;
    let n = toks.len();
    let mut out = Vec::new();
    let mut t = 0;
    let starts_run = |i: usize| -> bool {
        let tok = &toks[i];
        if covered[i] || !tok.is_capitalised() || tok.text.chars().all(|c| c.is_ascii_digit()) {
            return false;
        }
        if lower_in(tok.text, MONTHS) || lower_in(tok.text, WEEKDAYS) {
            return false;
        }
        let first = i == 0 || (i == 1 && matches!(toks[0].text, "\"" | "\u{201C}" | "("));
        if first && lower_in(tok.text, COMMON) {
            return false;
        }
        if first
            && !tok.is_acronym()
            && !mid_caps.contains(tok.text)
            && !surname_like(tok.text)
            && !camel_case(tok.text)
        {
            // Sentence-initial and never capitalised elsewhere: a name only
            // if another capitalised word follows.
            return toks.get(i + 1).is_some_and(|x| x.is_capitalised() && !covered[i + 1]);
        }
        true
    };
    while t < n {
        if !starts_run(t) {
            t += 1;
            continue;
        }
        let mut end = t + 1;
        loop {
            if end < n && !covered[end] && toks[end].is_capitalised() && !lower_in(toks[end].text, MONTHS) {
                end += 1;
                continue;
            }
            // Workers’ Union: a plural possessive inside a name.
            if end + 1 < n
                && matches!(toks[end].text, "'" | "\u{2019}")
                && toks[end - 1].text.ends_with('s')
                && toks[end + 1].is_capitalised()
                && !covered[end + 1]
            {
                end += 2;
                continue;
            }
            // A numbered body: "Specialised Inter-District Court No. 2 of
            // Almaty", "Penal Colony No. 15".
            if end + 1 < n
                && toks[end - 1].text == "No"
                && toks[end].text == "."
                && toks[end + 1].text.bytes().all(|b| b.is_ascii_digit())
                && toks[end + 1].text.len() <= 3
            {
                end += 2;
                continue;
            }
            // Connectors between capitalised words: of, for, and, the.
            let mut k = end;
            while k < n && toks[k].is_word() && CONNECTORS.contains(&toks[k].text) && k - end < 2 {
                k += 1;
            }
            if k > end && k < n && toks[k].is_capitalised() && !covered[k] && !lower_in(toks[k].text, MONTHS) {
                end = k + 1;
                continue;
            }
            break;
        }
        // A lowercase head word after the name: "the Arthur Svensson award".
        if end < n
            && toks[end].is_word()
            && matches!(
                toks[end].text,
                "award" | "prize" | "union" | "confederation" | "movement" | "party"
            )
        {
            end += 1;
        }
        out.push(Run {
            sent: si,
            t0: t,
            t1: end,
            title: None,
        });
        t = end;
    }
    out
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    Person,
    Organisation,
    Place,
    Nothing,
}

fn words_of<'a>(s: &'a Sent<'a>, r: &Run) -> Vec<&'a str> {
    s.tokens[r.t0..r.t1]
        .iter()
        .filter(|t| t.is_word())
        .map(|t| t.text)
        .collect()
}

/// Head nouns of bodies' names that name no body alone.
const GENERIC_HEADS: &[&str] = &[
    "union",
    "unions",
    "confederation",
    "federation",
    "council",
    "organization",
    "organisation",
    "court",
    "ministry",
    "committee",
    "conference",
    "party",
    "movement",
    "association",
    "institute",
    "agency",
    "commission",
    "government",
    "police",
    "foundation",
    "network",
    "office",
    "center",
    "centre",
    "league",
    "alliance",
    "society",
    "company",
    "corporation",
    "assembly",
    "bureau",
    "department",
    "board",
    "plant",
    "factory",
];

fn classify(s: &Sent<'_>, r: &Run) -> Class {
    let words = words_of(s, r);
    // The sentence's lowercased tokens, for the same words.
    let lower: Vec<&str> = s.tokens[r.t0..r.t1]
        .iter()
        .zip(&s.lower[r.t0..r.t1])
        .filter(|(t, _)| t.is_word())
        .map(|(_, l)| l.as_ref())
        .collect();
    let Some(&last) = lower.last() else {
        return Class::Nothing;
    };
    if NOT_ORGANISATION_HEADS.contains(&last) {
        return Class::Nothing;
    }
    // A head noun alone ("the Union", "the Court", a line opening on
    // "Union activists") refers back to a body or is no name at all.
    if lower.len() == 1 && GENERIC_HEADS.contains(&last) && !s.tokens[r.t0].is_acronym() {
        return Class::Nothing;
    }
    if lower.iter().any(|w| ORGANISATION_WORDS.contains(w)) {
        return Class::Organisation;
    }
    if words.len() == 1 {
        let w = words[0];
        let tok_after = s.tokens.get(r.t1);
        if s.tokens[r.t0].is_acronym() {
            if tok_after.is_some_and(|t| t.text == "$" || t.text.chars().all(|c| c.is_ascii_digit())) {
                return Class::Nothing;
            }
            // A dateline (MINSK), a company form (JSC).
            if place_of(w).is_some() {
                return Class::Place;
            }
            if NOT_ACRONYMS.contains(&w) {
                return Class::Nothing;
            }
            if matches!(w, "US" | "USA" | "UK" | "EU") {
                return Class::Place;
            }
            return Class::Organisation;
        }
        if place_of(w).is_some() {
            return Class::Place;
        }
        if is_demonym(w) || lower_in(w, COMMON) {
            return Class::Nothing;
        }
        // "NGOs": the plural of a common noun's acronym.
        if w.len() > 2 && w.ends_with('s') && w[..w.len() - 1].chars().all(|c| c.is_ascii_uppercase()) {
            return Class::Nothing;
        }
        if camel_case(w) {
            return Class::Organisation;
        }
        if surname_like(w) {
            return Class::Person;
        }
        let prev = r.t0.checked_sub(1).map(|i| s.lower[i].as_ref());
        if matches!(prev, Some("in" | "at" | "from" | "near")) {
            return Class::Place;
        }
        return Class::Nothing;
    }
    if words.iter().all(|w| place_of(w).is_some() || is_demonym(w)) {
        return if words.iter().any(|w| place_of(w).is_some()) {
            Class::Place
        } else {
            Class::Nothing
        };
    }
    if lower.iter().any(|w| CONNECTORS.contains(w)) {
        return Class::Nothing;
    }
    if (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().all(|c| c.is_alphabetic() || c == '-')
                && !lower_in(w, COMMON)
                && !is_demonym(w)
                && !lower_in(w, MONTHS)
                && !lower_in(w, WEEKDAYS)
                && place_of(w).is_none()
                && !ORGANISATION_WORDS.iter().any(|o| same_word(w, o))
        })
    {
        return Class::Person;
    }
    Class::Nothing
}

/// The parts of a run cut at "and", when each part is a person's name.
fn persons_joined(s: &Sent<'_>, r: &Run) -> Option<Vec<Run>> {
    let cuts: Vec<usize> = (r.t0..r.t1).filter(|&i| s.lower[i] == "and").collect();
    if cuts.is_empty() {
        return None;
    }
    let mut parts = Vec::new();
    let mut from = r.t0;
    for &c in cuts.iter().chain(std::iter::once(&r.t1)) {
        let part = Run {
            sent: r.sent,
            t0: from,
            t1: c,
            title: if from == r.t0 { r.title.clone() } else { None },
        };
        if c <= from || classify(s, &part) != Class::Person {
            return None;
        }
        parts.push(part);
        from = c + 1;
    }
    Some(parts)
}

pub(super) fn org_kind(name: &str) -> (OrganisationKind, bool, bool) {
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).collect();
    let has = |w: &str| words.contains(&w);
    let state = STATE_WORDS.iter().any(|w| has(w));
    let prize = has("prize") || has("award");
    let kind = if has("confederation") || has("federation") {
        OrganisationKind::Confederation
    } else if has("union") || has("unions") || has("syndicate") {
        OrganisationKind::Union
    } else if has("court") {
        OrganisationKind::Court
    } else if state {
        OrganisationKind::StateBody
    } else if has("nations") || (has("council") && (has("un") || has("united"))) || has("labour") && has("organization")
    {
        OrganisationKind::Intergovernmental
    } else if has("movement") || has("party") || has("front") {
        OrganisationKind::PoliticalMovement
    } else if has("watch")
        || has("foundation")
        || has("association")
        || has("society")
        || has("institute")
        || has("center")
        || has("centre")
    {
        OrganisationKind::Ngo
    } else if has("news") || has("press") || has("radio") || has("times") {
        OrganisationKind::Media
    } else {
        OrganisationKind::Other
    };
    (kind, state, prize)
}

pub(super) fn find_unknown<'a>(
    doc: &mut Doc<'a>,
    known: &Known,
    covered: &mut [Vec<bool>],
    by_record: &mut HashMap<RecordId, usize>,
) {
    // Words capitalised other than at the start of a sentence.
    let mut mid_caps: HashSet<&'a str> = HashSet::new();
    for s in &doc.sents {
        for (i, t) in s.tokens.iter().enumerate() {
            if i > 1 && t.is_capitalised() {
                mid_caps.insert(t.text);
            }
        }
    }
    let mut all: Vec<(Run, Class)> = Vec::new();
    for si in 0..doc.sents.len() {
        if doc.sents[si].repeated || is_title_case(&doc.sents[si]) {
            continue;
        }
        for mut r in runs(doc, si, &covered[si], &mid_caps) {
            let s = &doc.sents[si];
            // Strip a nationality and a title from the front:
            // "Kazakh President Nursultan Nazarbayev".
            let full_t0 = r.t0;
            let mut nationality = None;
            while r.t1 - r.t0 > 1
                && (lower_in(s.tokens[r.t0].text, NATIONALITIES)
                    || (r.t0 == 0 && lower_in(s.tokens[r.t0].text, COMMON)))
            {
                if lower_in(s.tokens[r.t0].text, NATIONALITIES) {
                    nationality = Some(r.t0);
                }
                r.t0 += 1;
            }
            // A run never ends on a connector ("IndustriALL and the").
            while r.t1 - r.t0 > 1 && lower_in(s.tokens[r.t1 - 1].text, CONNECTORS) {
                r.t1 -= 1;
            }
            // "ITUC General Secretary": the office is not the name.
            let mut office = r.t1;
            while office > r.t0 + 1 && lower_in(s.tokens[office - 1].text, OFFICE_WORDS) {
                office -= 1;
                while office > r.t0 + 1
                    && lower_in(s.tokens[office - 1].text, &["general", "deputy", "vice", "executive"])
                {
                    office -= 1;
                }
            }
            if office < r.t1
                && (s.tokens[r.t0].is_acronym() || {
                    let head = Run {
                        t1: office,
                        ..r.clone()
                    };
                    classify(s, &head) == Class::Organisation
                })
            {
                r.t1 = office;
            }
            let mut title = None;
            while r.t1 - r.t0 > 1
                && lower_in(s.tokens[r.t0].text, TITLES)
                && !lower_in(s.tokens[r.t0 + 1].text, CONNECTORS)
            {
                title = Some(s.tokens[r.t0].text.to_owned());
                r.t0 += 1;
            }
            // "Chairperson of the Confederation …": the office before the
            // body is not part of its name.
            if r.t1 - r.t0 > 2
                && (lower_in(s.tokens[r.t0].text, OFFICE_WORDS) || lower_in(s.tokens[r.t0].text, ROLES))
                && s.lower[r.t0 + 1] == "of"
            {
                r.t0 += 2;
                if r.t1 - r.t0 > 1 && s.lower[r.t0] == "the" {
                    r.t0 += 1;
                }
            }
            r.title = title.clone();
            let mut class = classify(s, &r);
            // "Deputy Chairperson": a title before an office is no name.
            let office_only = r.t1 - r.t0 == 1
                && (lower_in(s.tokens[r.t0].text, ROLES) || lower_in(s.tokens[r.t0].text, OFFICE_WORDS));
            if class == Class::Nothing && title.is_some() && !office_only {
                class = Class::Person;
            }
            if office_only {
                class = Class::Nothing;
            }
            // "Belarusian Congress of Democratic Trade Unions": an
            // organisation keeps the nationality that opens its name.
            if class == Class::Organisation {
                if let Some(n) = nationality {
                    r.t0 = n.max(full_t0);
                }
            }
            // "Radio and Electronic Industry Workers' Union REP": an acronym
            // after the name, without brackets, is another name of it.
            if class == Class::Organisation && r.t1 - r.t0 > 2 && s.tokens[r.t1 - 1].is_acronym() {
                let mut head = Run {
                    t1: r.t1 - 1,
                    ..r.clone()
                };
                // "IndustriALL and the ITUC": two bodies.
                while head.t1 - head.t0 > 1 && lower_in(s.tokens[head.t1 - 1].text, CONNECTORS) {
                    head.t1 -= 1;
                }
                if classify(s, &head) == Class::Organisation {
                    all.push((head, Class::Organisation));
                    all.push((
                        Run {
                            t0: r.t1 - 1,
                            ..r.clone()
                        },
                        Class::Organisation,
                    ));
                    continue;
                }
            }
            // A one-word name beside a noun of a body: "the human rights
            // group Viasna", "the Belaruskali factory".
            if class == Class::Nothing
                && r.t1 - r.t0 == 1
                && !lower_in(s.tokens[r.t0].text, COMMON)
                && !s.tokens[r.t0].text.contains('-')
            {
                let before = r.t0.checked_sub(1).map(|i| s.lower[i].as_ref());
                let after = s.lower.get(r.t1).map(|w| w.as_ref());
                if before.is_some_and(|w| BODY_NOUNS.contains(&w))
                    || (after.is_some_and(|w| BODY_NOUNS.contains(&w)) && !s.tokens[r.t1].is_capitalised())
                    || (after == Some("strike") && s.lower.get(r.t1 + 1).is_some_and(|w| w == "committee"))
                {
                    class = Class::Organisation;
                }
            }
            // "Vasil Berasneu and Vatslau Areshka": two persons joined by
            // "and" are two names, not one (an organisation's "and" was
            // read above, by its head word).
            if class == Class::Nothing {
                if let Some(parts) = persons_joined(s, &r) {
                    all.extend(parts.into_iter().map(|p| (p, Class::Person)));
                    continue;
                }
            }
            all.push((r, class));
        }
    }
    // Persons named in full give their surnames: "Baltabay" after "Erlan Baltabay".
    let mut surnames: HashMap<String, usize> = HashMap::new();
    let mut person_keys: HashMap<Vec<String>, usize> = HashMap::new();
    let mut org_names: HashMap<String, usize> = HashMap::new();
    // The first word of each organisation named in two words or more, for
    // a short form ("Amnesty" after "Amnesty International").
    let mut org_first_words: HashMap<String, usize> = HashMap::new();
    for (i, e) in doc.entities.iter().enumerate() {
        if e.kind == EntityKind::Organisation {
            let k = keys(&e.name);
            if k.len() >= 2 {
                org_first_words.entry(k[0].clone()).or_insert(i);
            }
        }
    }
    let mut acronyms: HashMap<String, usize> = HashMap::new();
    // Acronyms of things that are not organisations: "Universal Periodic Review (UPR)".
    let mut not_acronyms: HashSet<String> = HashSet::new();
    // Surnames of known persons found in this text.
    for (i, e) in doc.entities.iter().enumerate() {
        if e.kind == EntityKind::Person {
            if let Some(m) = &e.matched {
                if let Some(p) = known.person(&m.record_id) {
                    for n in p.names() {
                        if let Some(k) = keys(n).last() {
                            surnames.entry(k.clone()).or_insert(i);
                        }
                    }
                }
            }
        }
    }
    let order: Vec<usize> = {
        // Multi-word runs first, so single words can take their surnames.
        let mut o: Vec<usize> = (0..all.len()).collect();
        o.sort_by_key(|&i| (all[i].0.t1 - all[i].0.t0 == 1, i));
        o
    };
    for i in order {
        let (r, class) = all[i].clone();
        let si = r.sent;
        let s = &doc.sents[si];
        let (start, end) = (s.tokens[r.t0].start, s.tokens[r.t1 - 1].end);
        let found = doc.text[start..end].to_owned();
        let single = words_of(s, &r).len() == 1;
        let title_start = r.title.as_ref().map(|_| s.tokens[r.t0 - 1].start);
        let toks = &s.tokens;
        let acronym = (r.t1 + 2 < toks.len()
            && toks[r.t1].text == "("
            && toks[r.t1 + 1].is_acronym()
            && toks[r.t1 + 2].text == ")")
            .then(|| toks[r.t1 + 1].text.to_owned())
            // "… Workers' Union REP": an acronym written straight after.
            .or_else(|| {
                (class == Class::Organisation && !single)
                    .then(|| toks.get(r.t1).filter(|t| t.is_acronym()).map(|t| t.text.to_owned()))
                    .flatten()
            });
        let k = keys(&found);
        let mut class = class;
        // "Democratic Choice of Kazakhstan (DCK)": a name "… of <country>"
        // given an acronym is a body's.
        if class == Class::Nothing
            && acronym.is_some()
            && !single
            && words_of(s, &r).last().is_some_and(|w| place_of(w).is_some())
            && words_of(s, &r).contains(&"of")
        {
            class = Class::Organisation;
        }
        if class == Class::Nothing {
            if let Some(a) = &acronym {
                not_acronyms.insert(a.clone());
            }
        }
        if single && not_acronyms.contains(&found) {
            class = Class::Nothing;
        }
        if single && class != Class::Organisation {
            if let Some(k0) = k.first() {
                if surnames.contains_key(k0) {
                    class = Class::Person;
                }
            }
        }
        let entity = match class {
            Class::Person => {
                let existing = if single {
                    k.first().and_then(|k0| surnames.get(k0).copied())
                } else {
                    person_keys.get(&k).copied().or_else(|| {
                        k.last().and_then(|kl| surnames.get(kl).copied()).filter(|&e| {
                            // A full name joins an entity known by the same
                            // surname only when the given names agree.
                            let ek = keys(&doc.entities[e].name);
                            ek.len() < 2 || ek == k
                        })
                    })
                };
                let e = match existing {
                    Some(e) => e,
                    None => {
                        let matched = known.best_match(&found, RecordKind::Person, &[]);
                        let confidence = if single { 0.6 } else { 0.8 };
                        let entity = Entity::named(EntityKind::Person, found.clone(), matched, confidence);
                        let e = add_unless_known(doc, by_record, entity);
                        if !single {
                            person_keys.insert(k.clone(), e);
                        }
                        if let Some(kl) = k.last() {
                            surnames.entry(kl.clone()).or_insert(e);
                        }
                        e
                    }
                };
                if let (Some(t), Some(ts)) = (&r.title, title_start) {
                    if doc.entities[e].role.is_none() {
                        doc.entities[e].role = Some((t.to_lowercase(), ts, end));
                    }
                }
                Some(e)
            }
            Class::Organisation => {
                let folded = name::fold(&found);
                let folded = folded.strip_prefix("the ").unwrap_or(&folded).to_owned();
                // "Kazakhstan Oil Construction Company" is the "Oil
                // Construction Company": a place before a name adds nothing.
                let without_place = folded
                    .split_once(' ')
                    .filter(|(first, _)| place_of(first).is_some())
                    .map(|(_, rest)| rest.to_owned());
                let existing = org_names
                    .get(&folded)
                    .copied()
                    .or_else(|| without_place.as_ref().and_then(|f| org_names.get(f).copied()))
                    .or_else(|| acronyms.get(&found).copied())
                    .or_else(|| {
                        // "IndustriALL" after "IndustriALL Global Union",
                        // "Amnesty" after "Amnesty International".
                        let k0 = k.first()?;
                        if !single || lower_in(&found, COMMON) {
                            return None;
                        }
                        org_first_words.get(k0).copied()
                    });
                let e = match existing {
                    Some(e) => e,
                    None => {
                        let matched = known
                            .best_match(&found, RecordKind::Organisation, &[])
                            .or_else(|| org_prefix_match(known, &found));
                        let (_, state, prize) = org_kind(&found);
                        let confidence = if single { 0.6 } else { 0.8 };
                        let entity = Entity {
                            state,
                            prize,
                            ..Entity::named(EntityKind::Organisation, found.clone(), matched, confidence)
                        };
                        let e = add_unless_known(doc, by_record, entity);
                        if k.len() >= 2 {
                            org_first_words.entry(k[0].clone()).or_insert(e);
                        }
                        org_names.insert(folded, e);
                        if let Some(f) = without_place {
                            org_names.insert(f, e);
                        }
                        e
                    }
                };
                // "Long Name (ACR)": the acronym is another name of it.
                if let Some(acr) = acronym {
                    let ent = &mut doc.entities[e];
                    if !ent.acronyms.contains(&acr) {
                        ent.acronyms.push(acr.clone());
                    }
                    acronyms.insert(acr, e);
                }
                Some(e)
            }
            Class::Place => {
                doc.sents[si].places.push(PlaceMention {
                    t0: r.t0,
                    name: found.clone(),
                    country: place_of(&found).flatten(),
                });
                None
            }
            Class::Nothing => None,
        };
        if let Some(e) = entity {
            note_name(&mut doc.entities[e], &found);
            for c in covered[si].iter_mut().take(r.t1).skip(r.t0) {
                *c = true;
            }
            doc.sents[si].mentions.push(Mention {
                t0: r.t0,
                t1: r.t1,
                entity: e,
            });
        }
    }
    // Acronyms defined after the run was read, and acronyms of known
    // records written beside their long names: link the mentions.
    for si in 0..doc.sents.len() {
        let mut ms = std::mem::take(&mut doc.sents[si].mentions);
        for m in &mut ms {
            let s = &doc.sents[si];
            if m.t1 - m.t0 == 1 && s.tokens[m.t0].is_acronym() {
                if let Some(&e) = acronyms.get(s.tokens[m.t0].text) {
                    if doc.entities[m.entity].matched.is_none() && doc.entities[m.entity].names.len() == 1 {
                        m.entity = e;
                    }
                }
            }
        }
        ms.sort_by_key(|m| m.t0);
        doc.sents[si].mentions = ms;
    }
}

/// "Senate" for "Senate of Kazakhstan": the found name is the record's
/// name without its "of …".
fn org_prefix_match(known: &Known, found: &str) -> Option<NameMatch> {
    let fk = keys(found);
    let mut hit: Option<NameMatch> = None;
    for e in known.entries().filter(|e| e.kind == RecordKind::Organisation) {
        if e.keys.len() > fk.len() && e.keys[..fk.len()] == fk[..] && e.keys[fk.len()] == "of" {
            if hit.as_ref().is_some_and(|h| h.record_id != e.record_id) {
                return None;
            }
            hit = Some(NameMatch {
                record_id: e.record_id.clone(),
                kind: RecordKind::Organisation,
                score: 0.8,
                name: known.record_name(&e.record_id).unwrap_or_default().to_owned(),
            });
        }
    }
    hit
}

pub(super) fn find_places(doc: &mut Doc<'_>, si: usize) {
    let s = &mut doc.sents[si];
    for (i, t) in s.tokens.iter().enumerate() {
        if t.is_capitalised() && !s.places.iter().any(|p| p.t0 == i) {
            if let Some(country) = place_of(t.text) {
                s.places.push(PlaceMention {
                    t0: i,
                    name: t.text.to_owned(),
                    country,
                });
            }
        }
    }
    s.places.sort_by_key(|p| p.t0);
}

pub(super) fn main_country(doc: &Doc<'_>) -> Option<&'static str> {
    let mut counts: HashMap<&'static str, usize> = HashMap::new();
    for s in &doc.sents {
        for p in &s.places {
            if let Some(c) = p.country {
                *counts.entry(c).or_default() += 1;
            }
        }
    }
    counts.into_iter().max_by_key(|(c, n)| (*n, *c)).map(|(c, _)| c)
}
