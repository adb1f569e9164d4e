//! Longer names around a mention: what the gazetteer's name is only the beginning or a part of.
//!
//! - A company's legal form, and a `Holding` or `Group` before it, belong to its name:
//!   `Volkswagen AG`, `Novo Nordisk A/S`, `Roche Holding AG`, `Intel Corp.`, `Hyundai Motor
//!   Group` are one mention each, the company's.
//! - A branch or an edition named after a country or a continent is the organisation's
//!   mention: `Amnesty International Kenya`, `Greenpeace Brasil`, `Politico Europe`.
//! - A subdivision's name with its kind after it is one mention: `Aichi Prefecture`, `Borno
//!   State`, `Fujian Province`.
//! - A body of an organisation that the gazetteer does not know holds no mention of it: `UN
//!   Verification Mission`, `AU Commission`, `ECOWAS Commission`.
//! - A place's name inside a foreign name joined by `de`, `do`, `da` (`Banco de Chile`,
//!   `Santiago de Chile`, `Foz do Amazonas`) or after `alias` (`alias "Calarca"`, a nickname)
//!   is no mention of the place.

use super::{capitalised, in_title_case_line, previous_word, word_after, Candidate, Context};
use crate::text::{is_word_byte, Normalized};
use crate::words::WordList;

/// Companies' legal forms as news writes them after the name (`Volkswagen AG`, `Intel Corp.`,
/// `Novo Nordisk A/S`), with their points. Those that are abbreviations also take a final
/// point when written without one inside ([`ABBREVIATED_FORMS`]).
const LEGAL_FORMS: &[&str] = &[
    "A/S",
    "AB",
    "AG",
    "ASA",
    "B.V.",
    "BV",
    "Bhd",
    "Co",
    "Corp",
    "Corporation",
    "GmbH",
    "Inc",
    "Incorporated",
    "KGaA",
    "LLC",
    "LLP",
    "Limited",
    "Ltd",
    "N.V.",
    "NV",
    "Oyj",
    "PJSC",
    "PLC",
    "Plc",
    "Pty",
    "S.A.",
    "S.p.A.",
    "SA",
    "SAB",
    "SE",
    "SpA",
    "plc",
];

/// Legal forms that are abbreviations: a point right after them is theirs (`Intel Corp.`),
/// not the end of a sentence, when they end a company's mention.
const ABBREVIATED_FORMS: &[&str] = &["Bhd", "Co", "Corp", "Inc", "Ltd", "Pty"];

/// Words between a company's name and its legal form, or after its name alone (`Roche Holding
/// AG`, `Volkswagen Group`).
const COMPANY_WORDS: &[&str] = &["Group", "Holding", "Holdings"];

/// A legal form right after `pos` (one space, or `, ` for a second form: `Co., Ltd.`): the
/// end of the form, with its point.
fn legal_form_at(hay: &[u8], pos: usize) -> Option<usize> {
    let rest = hay.get(pos..)?.strip_prefix(b" ")?;
    let form = LEGAL_FORMS
        .iter()
        .filter(|f| rest.starts_with(f.as_bytes()))
        .max_by_key(|f| f.len())?;
    let end = pos + 1 + form.len();
    if hay.get(end).is_some_and(|&b| is_word_byte(b) || b == b'/') {
        return None;
    }
    Some(end + usize::from(ABBREVIATED_FORMS.contains(form) && hay.get(end) == Some(&b'.')))
}

/// The end of the company words and legal forms that follow a company's name ending at `pos`
/// (`Holding AG`, `Corp.`, `Co., Ltd.`, `Group`), or `None` when none follows.
pub(super) fn legal_form_after(hay: &[u8], pos: usize) -> Option<usize> {
    let mut end = pos;
    if let Some(w) = word_after(hay, pos) {
        if COMPANY_WORDS.iter().any(|k| k.as_bytes() == w)
            && hay.get(pos + 1 + w.len()).is_none_or(|&b| !is_word_byte(b))
        {
            end = pos + 1 + w.len();
        }
    }
    if let Some(e) = legal_form_at(hay, end) {
        end = e;
        // A second form: `Co. Ltd`, `Co., Ltd.`.
        let second = if hay[end..].starts_with(b",") {
            end + 1
        } else {
            end
        };
        if let Some(e) = legal_form_at(hay, second) {
            end = e;
        }
    }
    (end > pos).then_some(end)
}

/// Whether an entity is a company, or may be one: an organisation of category `company` or
/// `media`, or of none.
fn company_like(ctx: &Context<'_>, c: &Candidate) -> bool {
    ctx.kinds.organisation(c.entity)
        && ctx
            .gaz
            .entity(c.entity)
            .attribute("category")
            .is_none_or(|k| k == "company" || k == "media")
}

/// Organisations' categories whose branches and editions news names after a country or a
/// continent (`Amnesty International Kenya`, `Safaricom Ethiopia`, `Politico Europe`).
const BRANCHED: &[&str] = &["company", "media", "ngo"];

/// Words before an organisation's name after which a country's name that follows it begins a
/// clause (`told Reuters Ukraine would…`).
const CLAUSE_BEFORE: &[&str] = &["by", "said", "told", "to", "with"];

/// Words after `Org Country` that make the pair two things (`the Google Russia case` is rare;
/// `a Hamas Israel ceasefire` is not), never a branch.
const PAIR_WORDS: &[&str] = &[
    "accord",
    "agreement",
    "border",
    "ceasefire",
    "conflict",
    "deal",
    "dialogue",
    "dispute",
    "partnership",
    "relations",
    "row",
    "summit",
    "talks",
    "ties",
    "trade",
    "war",
];

/// Kinds of subdivision that follow their names in news (`Aichi Prefecture`, `Borno State`).
const SUBDIVISION_WORDS: WordList = WordList::new(&[
    b"County",
    b"Department",
    b"District",
    b"Governorate",
    b"Oblast",
    b"Prefecture",
    b"Province",
    b"Region",
    b"State",
]);

/// Whether the subdivision `c` is followed by its kind (`Borno State`, `Aichi Prefecture`):
/// the place for certain, no longer name.
pub(super) fn kind_after(ctx: &Context<'_>, hay: &[u8], c: &Candidate) -> bool {
    word_after(hay, c.end).is_some_and(|w| {
        SUBDIVISION_WORDS.contains(w)
            && hay
                .get(c.end + 1 + w.len())
                .is_none_or(|&b| !is_word_byte(b))
            && is_kind(ctx, c.entity, w)
    })
}

/// Whether `word` (`State`) is the last word of the entity's `subdivision_type` (`state`,
/// `regional state`), in any case.
fn is_kind(ctx: &Context<'_>, e: crate::gazetteer::EntityId, word: &[u8]) -> bool {
    ctx.gaz
        .entity(e)
        .attribute("subdivision_type")
        .is_some_and(|t| {
            t.rsplit(' ')
                .next()
                .is_some_and(|k| k.as_bytes().eq_ignore_ascii_case(word))
        })
}

/// Widens the document's mentions over the longer names that hold them (see the module
/// docs): legal forms, branches, subdivisions' kinds. `cands` are all the candidates, for a
/// subdivision of the same name as the city found (`Kano State`).
pub(super) fn extend(
    ctx: &Context<'_>,
    norm: &Normalized,
    cands: &[Candidate],
    found: &mut Vec<Candidate>,
) {
    let hay = norm.as_bytes();
    let mut i = 0;
    while i < found.len() {
        let c = found[i];
        let next_start = found.get(i + 1).map(|n| n.start);
        if ctx.kinds.organisation(c.entity) {
            // `Taiwan Semiconductor Manufacturing Co.`: the name ends with a legal form.
            if hay.get(c.end) == Some(&b'.')
                && ABBREVIATED_FORMS.iter().any(|f| {
                    hay[..c.end].ends_with(f.as_bytes()) && hay[..c.end - f.len()].ends_with(b" ")
                })
                && company_like(ctx, &c)
            {
                found[i].end += 1;
            }
            let c = found[i];
            if let Some(end) = legal_form_after(hay, c.end).filter(|_| company_like(ctx, &c)) {
                found[i].end = end;
                // A legal form that is also a name (`SA`) is the company's.
                while found.get(i + 1).is_some_and(|n| n.start < end) {
                    found.remove(i + 1);
                }
            } else if next_start == Some(c.end + 1) && is_branch(ctx, norm, &c, &found[i + 1]) {
                found[i].end = found[i + 1].end;
                found.remove(i + 1);
            }
        } else if ctx.kinds.place(c.entity) {
            if let Some(w) = word_after(hay, c.end).filter(|w| SUBDIVISION_WORDS.contains(w)) {
                let end = c.end + 1 + w.len();
                let subdivision = |e| is_kind(ctx, e, w);
                let same = cands
                    .iter()
                    .find(|k| k.start == c.start && k.end == c.end && subdivision(k.entity));
                if hay.get(end).is_none_or(|&b| !is_word_byte(b))
                    && next_start.is_none_or(|s| s >= end)
                {
                    if let Some(k) = same {
                        found[i].entity = k.entity;
                        found[i].end = end;
                    } else if subdivision(c.entity) {
                        found[i].end = end;
                    }
                }
            }
        }
        i += 1;
    }
}

/// Whether the place `p` right after the organisation `org` names its branch or edition
/// (`Amnesty International Kenya`): `p` is a country or a continent or world region, `org` a
/// company, an outlet or an NGO, not after a word that begins a clause (`told Reuters Ukraine
/// would…`) nor before a word that makes them a pair (`a Google EU deal`).
fn is_branch(ctx: &Context<'_>, norm: &Normalized, org: &Candidate, p: &Candidate) -> bool {
    let hay = norm.as_bytes();
    let e = ctx.gaz.entity(p.entity);
    (ctx.kinds.country(p.entity) || e.attribute("region_type").is_some())
        && !hay[p.start..p.end].contains(&b' ')
        && ctx
            .gaz
            .entity(org.entity)
            .attribute("category")
            .is_some_and(|k| BRANCHED.contains(&k))
        && !norm.breaks_short_line(org.end)
        && !previous_word(hay, org.start).is_some_and(|w| CLAUSE_BEFORE.contains(&w))
        && !hay[p.end..].starts_with(b"'s")
        && !word_after(hay, p.end).is_some_and(|w| PAIR_WORDS.iter().any(|k| k.as_bytes() == w))
        && !hay[p.end..].starts_with(b"-")
}

/// Words that end the name of an organisation's body (`UN Verification Mission`, `AU
/// Commission`) right after the organisation's name.
const BODY_RIGHT_AFTER: WordList = WordList::new(&[b"Commission", b"Mission", b"Secretariat"]);

/// Whether the organisation `found[i]` begins the name of a body of it that the gazetteer
/// does not know: right before `Commission`, `Mission` or `Secretariat` (`AU Commission`; not `Office`: `Kabul
/// UNAMA Office` is Kabul and UNAMA), or one or
/// two capitalised words before a body's word (`UN Verification Mission`, `UN Support Office`),
/// which hold no other mention, outside a headline in Title Case.
pub(super) fn org_in_body_name(
    ctx: &Context<'_>,
    norm: &Normalized,
    found: &[Candidate],
    i: usize,
) -> bool {
    let hay = norm.as_bytes();
    let c = &found[i];
    if !ctx.kinds.organisation(c.entity)
        || !word_after(hay, c.end).is_some_and(|w| w[0].is_ascii_uppercase())
    {
        return false;
    }
    let mut end = c.end;
    let mut body = None;
    for k in 0..3 {
        match word_after(hay, end) {
            Some(w) if k == 0 && BODY_RIGHT_AFTER.contains(w) => {
                body = Some(end + 1 + w.len());
                break;
            }
            Some(w)
                if k > 0
                    && (super::BODY_HEADS.contains(w) || super::INSTITUTION_HEADS.contains(w)) =>
            {
                body = Some(end + 1 + w.len());
                break;
            }
            Some(w) if capitalised(w) => end += 1 + w.len(),
            _ => break,
        }
    }
    body.is_some_and(|e| {
        hay.get(e).is_none_or(|&b| !is_word_byte(b))
            && found.get(i + 1).is_none_or(|n| n.start >= e)
            && !norm.breaks_short_line(c.end)
    }) && !in_title_case_line(norm, c.start)
}

/// Foreign words that join the words of a name (`Banco de Chile`, `Santiago de Chile`,
/// `Foz do Amazonas`, `Banco del Sur`).
const JOINS: &[&str] = &[
    "da", "das", "de", "del", "des", "di", "do", "dos", "du", "por",
];

/// Whether a place's mention is part of a foreign name that the gazetteer does not know,
/// joined by `de`, `do`, `da`: after `Banque de`, `Banco de la`, or before `de Chile`.
pub(super) fn in_foreign_name(ctx: &Context<'_>, hay: &[u8], c: &Candidate) -> bool {
    if !ctx.kinds.place(c.entity) {
        return false;
    }
    let joined_before = || {
        let mut s = c.start;
        if hay[..s].ends_with(b" la ")
            || hay[..s].ends_with(b" las ")
            || hay[..s].ends_with(b" los ")
        {
            s = hay[..s - 1]
                .iter()
                .rposition(|&b| b == b' ')
                .map_or(0, |k| k + 1);
        }
        let Some(join) = previous_word(hay, s) else {
            return false;
        };
        let before = s - 1 - join.len();
        JOINS.contains(&join)
            && super::word_before(hay, before).is_some_and(|(w, _)| capitalised(w))
    };
    let joined_after = || {
        let rest = &hay[c.end..];
        JOINS.iter().any(|j| {
            rest.strip_prefix(b" ")
                .and_then(|r| r.strip_prefix(j.as_bytes()))
                .and_then(|r| r.strip_prefix(b" "))
                .is_some_and(|r| r.first().is_some_and(u8::is_ascii_uppercase))
        })
    };
    joined_before() || joined_after()
}

/// Whether a place's mention follows `alias` (`alias "Calarca"`, `alias Fito`): a nickname.
pub(super) fn after_alias(ctx: &Context<'_>, hay: &[u8], c: &Candidate) -> bool {
    let before = &hay[..c.start];
    let before = before
        .strip_suffix(b"\"")
        .or_else(|| before.strip_suffix(b"'"))
        .unwrap_or(before);
    ctx.kinds.place(c.entity)
        && (before.ends_with(b" alias ")
            || before.ends_with(b" aka ")
            || before.ends_with(b" a.k.a. "))
}
