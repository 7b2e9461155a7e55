//! Step 6: each person, organisation and event matched to the case
//! file's records and made a proposal.

use super::capitalised::org_kind;
use super::*;

/// The name a proposal shows: the record's own when matched, else the
/// fullest form found (without a leading "the").
pub(super) fn best_name(ent: &Entity) -> String {
    let name = if let Some(m) = &ent.matched {
        m.name.clone()
    } else if ent.name.chars().any(|c| matches!(c, 'А'..='я')) {
        // A Russian name is proposed in the nominative it was read as; the
        // spellings found are its case forms.
        ent.name.clone()
    } else {
        ent.names
            .iter()
            .filter(|n| !n.chars().all(|c| c.is_uppercase() || !c.is_alphabetic()))
            .max_by_key(|n| n.split_whitespace().count())
            .cloned()
            .unwrap_or_else(|| ent.name.clone())
    };
    name.strip_prefix("the ").unwrap_or(&name).to_owned()
}

pub(super) fn proposals(doc: &Doc<'_>, known: &Known, events: Vec<events::Ev>) -> Vec<Proposal> {
    let mut out: Vec<Proposal> = Vec::new();
    let mut entity_proposal: HashMap<usize, String> = HashMap::new();
    // Which entities are named, in order of first mention.
    let mut order: Vec<usize> = Vec::new();
    let mut first_sentence: HashMap<usize, usize> = HashMap::new();
    for (si, s) in doc.sents.iter().enumerate() {
        for m in &s.mentions {
            if !order.contains(&m.entity) {
                order.push(m.entity);
                first_sentence.insert(m.entity, si);
            }
        }
    }
    let mut next = 1;
    for kind in [EntityKind::Person, EntityKind::Organisation] {
        for &e in &order {
            let ent = &doc.entities[e];
            if ent.kind != kind {
                continue;
            }
            let id = format!("p{next}");
            next += 1;
            entity_proposal.insert(e, id.clone());
            let pkind = if kind == EntityKind::Person {
                ProposalKind::Person
            } else {
                ProposalKind::Organisation
            };
            // The best name: the longest full form found.
            let name = best_name(ent);
            let mut p = Proposal::new(id, pkind, name.clone());
            p.name = Some(name.clone());
            p.found_as = ent.names.clone();
            for a in &ent.acronyms {
                if !p.found_as.contains(a) {
                    p.found_as.push(a.clone());
                }
            }
            let record_names: Vec<String> = match &ent.matched {
                Some(m) => known
                    .person(&m.record_id)
                    .map(|p| p.names().map(name::fold).collect())
                    .or_else(|| {
                        known
                            .organisation(&m.record_id)
                            .map(|o| o.names().map(name::fold).collect())
                    })
                    .unwrap_or_default(),
                None => vec![name::fold(&name)],
            };
            for n in ent.names.iter().chain(&ent.acronyms) {
                let f = name::fold(n);
                // A surname alone is no new name for a person known in full.
                let partial = kind == EntityKind::Person
                    && n.split_whitespace().count() == 1
                    && ent.names.iter().any(|x| x.split_whitespace().count() > 1);
                if !record_names.contains(&f) && !p.aliases.iter().any(|a| name::fold(a) == f) && !partial {
                    p.aliases.push(n.clone());
                }
            }
            match &ent.matched {
                Some(m) => {
                    p.matched_id = Some(m.record_id.clone());
                    p.score = m.score;
                }
                None => p.score = ent.confidence,
            }
            if let Some((role, a, b)) = &ent.role {
                p.role = Some(role.clone());
                p.excerpts.push(doc.excerpt(*a, *b));
            }
            if kind == EntityKind::Organisation {
                let (k, _, _) = org_kind(&name);
                p.organisation_kind = Some(match &ent.matched {
                    Some(m) => known.organisation(&m.record_id).map(|o| o.kind).unwrap_or(k),
                    None => k,
                });
            }
            if ent.matched.is_none() {
                p.country = doc.country.map(str::to_owned);
            }
            if let Some(&si) = first_sentence.get(&e) {
                let s = &doc.sents[si];
                let x = doc.excerpt(s.start, s.end);
                if !p
                    .excerpts
                    .iter()
                    .any(|e| e.start <= x.start && x.end <= e.end || x.start <= e.start && e.end <= x.end)
                {
                    p.excerpts.push(x);
                }
            }
            out.push(p);
        }
    }
    // Affiliations, now that organisations have proposal ids.
    for &e in &order {
        let ent = &doc.entities[e];
        if let (Some(org), Some(pid)) = (ent.affiliation, entity_proposal.get(&e)) {
            let o = &doc.entities[org];
            let aff = ProposedAffiliation {
                role: ent.role.as_ref().map(|r| r.0.clone()),
                record_id: o.matched.as_ref().map(|m| m.record_id.clone()),
                proposal_id: if o.matched.is_none() {
                    entity_proposal.get(&org).cloned()
                } else {
                    None
                },
                label: o
                    .matched
                    .as_ref()
                    .map(|m| m.name.clone())
                    .unwrap_or_else(|| o.name.clone()),
            };
            if let Some(p) = out.iter_mut().find(|p| &p.id == pid) {
                p.affiliation = Some(aff);
            }
        }
    }
    // Aliases: a name found for a known record that it does not have yet.
    let entity_props: Vec<Proposal> = out.clone();
    for p in &entity_props {
        if p.matched_id.is_none() {
            continue;
        }
        for a in &p.aliases {
            let mut ap = Proposal::new(format!("p{next}"), ProposalKind::Alias, format!("{a} = {}", p.label));
            next += 1;
            ap.alias = Some(a.clone());
            ap.of = Some(p.id.clone());
            ap.matched_id = p.matched_id.clone();
            ap.score = p.score;
            // Quote where the new name stands.
            if let Some((si, m)) = doc.sents.iter().enumerate().find_map(|(si, s)| {
                s.mentions
                    .iter()
                    .find(|m| {
                        entity_proposal.get(&m.entity) == Some(&p.id)
                            && name::fold(&doc.text[s.tokens[m.t0].start..s.tokens[m.t1 - 1].end]) == name::fold(a)
                    })
                    .map(|m| (si, *m))
            }) {
                let s = &doc.sents[si];
                let _ = m;
                ap.excerpts.push(doc.excerpt(s.start, s.end));
            } else if let Some(x) = p.excerpts.first() {
                ap.excerpts.push(x.clone());
            }
            out.push(ap);
        }
    }
    // The earlier events each acts on: another proposal of this text by
    // its id, or a record of the case file.
    let links = events::links(doc, known, &events);
    let bounded = events::bounded_dates(&events, &links);
    let ids: Vec<String> = (0..events.len()).map(|k| format!("p{}", next + k)).collect();
    for (((ev, id), targets), bounds) in events.into_iter().zip(&ids).zip(links).zip(bounded) {
        let mut p = ev.into_proposal(id.clone(), doc, &entity_proposal);
        if let Some((date, words)) = bounds {
            p.date = Some(date);
            p.date_basis = Some(crate::proposal::DateBasis::Bounded);
            p.date_text = Some(words);
        }
        for t in targets {
            p.acts_on.push(match t {
                events::Target::Own(j, label) => crate::proposal::ProposedLink {
                    record_id: None,
                    proposal_id: Some(ids[j].clone()),
                    label,
                },
                events::Target::Known(record, label) => crate::proposal::ProposedLink {
                    record_id: Some(record),
                    proposal_id: None,
                    label,
                },
            });
        }
        out.push(p);
    }
    out
}
