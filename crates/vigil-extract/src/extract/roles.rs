//! Step 4: a person's role, from the phrase beside the name.

use super::*;

/// The role phrase beside a person's name.
pub(super) fn find_roles(doc: &mut Doc<'_>) {
    for si in 0..doc.sents.len() {
        if doc.sents[si].repeated {
            continue;
        }
        let mentions = doc.sents[si].mentions.clone();
        for m in &mentions {
            if doc.entities[m.entity].kind != EntityKind::Person {
                continue;
            }
            let s = &doc.sents[si];
            let toks = &s.tokens;
            let mut found: Option<(String, usize, usize, Option<usize>)> = None;
            // After: "NAME, chair of the X (ACR), …" / "NAME, a trade union activist who …"
            if m.t1 < toks.len() && toks[m.t1].text == "," {
                let seg = s.segment.get(m.t1 + 1).copied();
                let mut end = m.t1 + 1;
                while end < toks.len() && Some(s.segment[end]) == seg {
                    end += 1;
                }
                // Take the closing bracket's acronym too.
                if end + 2 < toks.len() && toks[end].text == "(" && toks[end + 2].text == ")" {
                    end += 3;
                }
                found = role_in(doc, si, m.t1 + 1, end, true)
                    .map(|(role, a, b, org)| (role, a.min(toks[m.t0].start), b, org));
                if let Some(f) = &mut found {
                    f.1 = toks[m.t0].start;
                }
            }
            // Before: "the leader of the X, NAME" / "X general secretary NAME".
            if found.is_none() && m.t0 > 0 {
                let (from, to) = if toks[m.t0 - 1].text == "," {
                    let seg = s.segment[m.t0 - 1].saturating_sub(1);
                    let mut a = m.t0 - 1;
                    while a > 0 && s.segment[a - 1] == seg {
                        a -= 1;
                    }
                    (a, m.t0 - 1)
                } else {
                    let mut a = m.t0;
                    while a > 0
                        && toks[a - 1].is_word()
                        && (lower_in(toks[a - 1].text, ROLES) || toks[a - 1].text == "general")
                    {
                        a -= 1;
                    }
                    // The organisation just before the role: "IndustriALL general secretary".
                    if a < m.t0 {
                        if let Some(om) = s.mentions.iter().find(|o| o.t1 == a) {
                            a = om.t0;
                        }
                    }
                    (a, m.t0)
                };
                if from < to {
                    found =
                        role_in(doc, si, from, to, false).map(|(role, a, _, org)| (role, a, toks[m.t1 - 1].end, org));
                }
            }
            if let Some((role, a, b, org)) = found {
                let e = &mut doc.entities[m.entity];
                if e.role.is_none() {
                    e.role = Some((role, a, b));
                }
                if e.affiliation.is_none() {
                    e.affiliation = org;
                }
            }
        }
    }
}

/// A role noun in `tokens[from..to]` of sentence `si`, near its edge: the
/// role words, the span from its first word, and the organisation named
/// with it.
fn role_in(
    doc: &Doc<'_>,
    si: usize,
    from: usize,
    to: usize,
    after: bool,
) -> Option<(String, usize, usize, Option<usize>)> {
    let s = &doc.sents[si];
    let toks = &s.tokens;
    let words: Vec<usize> = (from..to).filter(|&i| toks[i].is_word()).collect();
    let role_at = words.iter().position(|&i| lower_in(toks[i].text, ROLES))?;
    // Close to the edge the phrase stands at.
    if after && role_at > 5 {
        return None;
    }
    if !after {
        let from_end = words.len() - role_at;
        let org_between = s.mentions.iter().any(|m| m.t0 > words[role_at] && m.t1 <= to);
        if from_end > 3 && !org_between {
            return None;
        }
    }
    // Compound roles: "general secretary", "human rights activist".
    let mut first = role_at;
    while first > 0 {
        let w = toks[words[first - 1]].text;
        let lw = w.to_lowercase();
        if ROLE_ADJECTIVES.contains(&lw.as_str()) || toks[words[first - 1]].is_capitalised() {
            break;
        }
        if ["of", "in", "at", "and", "to", "by", "for", "with", "on", "who", "that"].contains(&lw.as_str()) {
            break;
        }
        first -= 1;
    }
    let mut last = role_at;
    while last + 1 < words.len() && lower_in(toks[words[last + 1]].text, ROLES) {
        last += 1;
    }
    let role: Vec<String> = words[first..=last]
        .iter()
        .map(|&i| toks[i].text.to_lowercase())
        .collect();
    let role = role.join(" ");
    // The phrase starts at its determiner when there is one just before.
    let mut start_tok = words[first];
    let mut k = first;
    while k > 0 && ROLE_ADJECTIVES.contains(&toks[words[k - 1]].text.to_lowercase().as_str()) {
        k -= 1;
        start_tok = words[k];
    }
    if !after {
        // "and the leader of …": start at the determiner, not before.
        start_tok = start_tok.max(from);
    }
    // The organisation named in the phrase, after "of", "in" or "at", or
    // just before the role.
    let org = s
        .mentions
        .iter()
        .filter(|m| m.t0 >= from && m.t1 <= to && doc.entities[m.entity].kind == EntityKind::Organisation)
        .map(|m| m.entity)
        .next();
    let start = toks[start_tok.min(from.max(start_tok))].start;
    let start = if after { toks[from].start.min(start) } else { start };
    let end = toks[to.saturating_sub(1).max(from)].end;
    Some((role, start, end, org))
}
