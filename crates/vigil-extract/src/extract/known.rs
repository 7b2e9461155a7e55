//! Step 2, first half: the names of records already in the case file,
//! wherever they occur and in any spelling ([`Known`]).

use super::*;

pub(super) fn add_entity(doc: &mut Doc<'_>, entity: Entity) -> usize {
    doc.entities.push(entity);
    doc.entities.len() - 1
}

/// The entity of the record `entity` was matched to, if one was made
/// already; otherwise `entity`, added (and noted under its record).
pub(super) fn add_unless_known(doc: &mut Doc<'_>, by_record: &mut HashMap<RecordId, usize>, entity: Entity) -> usize {
    let record = entity.matched.as_ref().map(|m| m.record_id.clone());
    if let Some(&e) = record.as_ref().and_then(|r| by_record.get(r)) {
        return e;
    }
    let e = add_entity(doc, entity);
    if let Some(r) = record {
        by_record.insert(r, e);
    }
    e
}

fn entity_for_record(
    doc: &mut Doc<'_>,
    known: &Known,
    m: &NameMatch,
    by_record: &mut HashMap<RecordId, usize>,
) -> usize {
    if let Some(&e) = by_record.get(&m.record_id) {
        return e;
    }
    let kind = if m.kind == RecordKind::Person {
        EntityKind::Person
    } else {
        EntityKind::Organisation
    };
    let org = known.organisation(&m.record_id);
    let state = org.is_some_and(|o| matches!(o.kind, OrganisationKind::StateBody | OrganisationKind::Court));
    let prize = org.is_some_and(|o| {
        let n = o.name.to_lowercase();
        n.contains("prize") || n.contains("award")
    });
    let e = add_entity(
        doc,
        Entity {
            state,
            prize,
            ..Entity::named(kind, m.name.clone(), Some(m.clone()), 1.0)
        },
    );
    by_record.insert(m.record_id.clone(), e);
    e
}

pub(super) fn note_name(entity: &mut Entity, found: &str) {
    let f = name::fold(found);
    if !entity.names.iter().any(|n| name::fold(n) == f) {
        entity.names.push(found.to_owned());
    }
}

/// Kazakh case endings as they look in a key (see [`name::key`]), longest
/// first: genitive -ның/-нің/-дың/-дің/-тың/-тің, ablative -нан/-нен/-дан/
/// -ден/-тан/-тен, instrumental -мен/-бен/-пен, locative -нда/-нде/-да/-де/
/// -та/-те, dative -на/-не/-ға/-ге/-қа/-ке (and -ына/-іне after a
/// possessive), accusative -ны/-ні/-ды/-ді/-ты/-ті/-н. Kazakh puts the
/// ending on the last word of a name, Russian-shaped surnames included:
/// Балтабайға, Кушакбаевтың.
const KAZAKH_ENDINGS: &[&str] = &[
    "nyn", "nin", "dyn", "din", "tyn", "tin", "nan", "nen", "dan", "den", "tan", "ten", "men", "ben", "pen", "nda",
    "nde", "yna", "ine", "na", "ne", "ga", "ge", "ka", "ke", "da", "de", "ta", "te", "ny", "ni", "dy", "di", "ty",
    "ti", "n",
];

/// The keys a word of a Kazakh text may have without its case ending:
/// every ending it could be read as taken off, the stem kept when it is
/// three letters or more. Candidates only: a stem counts when it is the
/// key of a known name.
pub(super) fn kazakh_stems(key: &str) -> Vec<String> {
    if key.len() < 5 || !key.bytes().all(|b| b.is_ascii_lowercase()) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for stem in KAZAKH_ENDINGS.iter().filter_map(|e| key.strip_suffix(e)) {
        if stem.len() < 3 {
            continue;
        }
        // A surname in -аев keys as -ai (Кушакбаев as Балтабай), which the
        // key of the whole inflected word did not see.
        if let Some(before) = stem.strip_suffix("aev") {
            out.push(format!("{before}ai"));
        }
        out.push(stem.to_owned());
    }
    out
}

/// Word tokens from `t0` matched against `keys`, apostrophes and hyphens
/// between words skipped; the end token index when all match.
fn match_keys(
    tokens: &[Token<'_>],
    first_key: &str,
    t0: usize,
    entry_keys: &[String],
    capitals: &[bool],
    kazakh: bool,
) -> Option<usize> {
    let mut t = t0;
    for (i, k) in entry_keys.iter().enumerate() {
        if i > 0 {
            while t < tokens.len() && !tokens[t].is_word() && matches!(tokens[t].text, "'" | "\u{2019}" | "-" | ".") {
                t += 1;
            }
        }
        let tok = tokens.get(t)?;
        let same = if t == t0 {
            first_key == k
        } else if !tok.is_word() {
            false
        } else {
            let tk = name::key(tok.text);
            tk == *k
                || (!tok.text.is_ascii()
                    && (name::case_forms(&tk).contains(k) || (kazakh && kazakh_stems(&tk).contains(k))))
        };
        if !tok.is_word() || !same {
            return None;
        }
        if capitals.get(i).copied().unwrap_or(false) && !tok.is_capitalised() && !tok.text.chars().all(char::is_numeric)
        {
            return None;
        }
        t += 1;
    }
    Some(t)
}

pub(super) fn find_known(
    doc: &mut Doc<'_>,
    si: usize,
    known: &Known,
    covered: &mut [bool],
    by_record: &mut HashMap<RecordId, usize>,
) {
    let n = doc.sents[si].tokens.len();
    let mut t = 0;
    while t < n {
        let tok = doc.sents[si].tokens[t];
        if !tok.is_word() || covered[t] {
            t += 1;
            continue;
        }
        // Only a capitalised word, or the first word of a name written in
        // lowercase ("riot police"), can begin a known name.
        if !tok.is_capitalised() && !known.starts_lowercase(&doc.sents[si].lower[t]) {
            t += 1;
            continue;
        }
        let key = name::key(tok.text);
        // A word in Cyrillic may be a case form of a known name
        // (Кушакбаевым, Ярошука): its other forms are looked up too.
        let others: Vec<String> = if tok.text.is_ascii() {
            Vec::new()
        } else if doc.kazakh {
            let mut v = name::case_forms(&key);
            v.extend(kazakh_stems(&key));
            v
        } else {
            name::case_forms(&key)
        };
        let mut best: Option<(usize, usize, bool)> = None; // (end, entry, exact)
        for (first, &ei) in std::iter::once(&key)
            .chain(others.iter())
            .flat_map(|f| known.starting_with(f).iter().map(move |ei| (f, ei)))
        {
            let Some(e) = known.entry(ei) else { continue };
            if let Some(end) = match_keys(&doc.sents[si].tokens, first, t, &e.keys, &e.capitals, doc.kazakh) {
                let toks = &doc.sents[si].tokens;
                let exact = name::fold(&doc.text[toks[t].start..toks[end - 1].end]) == e.folded;
                if best.is_none_or(|(b, _, x)| end > b || (end == b && exact && !x)) {
                    best = Some((end, ei, exact));
                }
            }
        }
        let best = best.map(|(end, ei, _)| (end, ei));
        let Some((end, ei)) = best else {
            t += 1;
            continue;
        };
        let Some(e) = known.entry(ei).cloned() else {
            t += 1;
            continue;
        };
        let (start_b, end_b) = (doc.sents[si].tokens[t].start, doc.sents[si].tokens[end - 1].end);
        let found = doc.text[start_b..end_b].to_owned();
        let score = if name::fold(&found) == e.folded { 1.0 } else { 0.92 };
        let m = NameMatch {
            record_id: e.record_id.clone(),
            kind: e.kind,
            score,
            name: known.record_name(&e.record_id).unwrap_or(&e.name).to_owned(),
        };
        let entity = entity_for_record(doc, known, &m, by_record);
        let ent = &mut doc.entities[entity];
        if let Some(old) = &mut ent.matched {
            if score > old.score {
                old.score = score;
            }
        }
        note_name(ent, &found);
        for c in covered.iter_mut().take(end).skip(t) {
            *c = true;
        }
        doc.sents[si].mentions.push(Mention { t0: t, t1: end, entity });
        t = end;
    }
}
