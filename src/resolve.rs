//! Resolution: from candidate matches to the mentions of a document.
//!
//! 1. **Leftmost-longest.** Of overlapping candidates the one that starts first wins, and of
//!    those that start together the longest: `Tehreek-e-Taliban Pakistan` is one organisation,
//!    not Taliban and Pakistan.
//! 2. **Context.** A name marked `ambiguous` in its gazetteer (`Reading`, `Jordan`) is kept only
//!    when the document also names the entity unambiguously, mentions the country of its
//!    `country` attribute (or, for a country, something in it: `Tbilisi` for `Georgia`), or
//!    when it follows a place preposition (`in Reading`, not in a possessive); never when,
//!    anywhere in the document, another capitalised word follows it (`Charlotte Lucas`: one
//!    sense per document), unless that word is a title (`Fed Chair`, `New South Wales
//!    Premier`) or the line is a headline in Title Case. Once a name has context at one
//!    place (`in Wales`), it has it at its others (`Wales fans`), but at a sentence's start.
//! 3. **Surnames that are places.** A one-word place right after a title (`Mr Nelson`,
//!    `President Toledo`) or a capitalised given name (`Brendan Nelson`, `Alejandro Toledo`:
//!    the first names of the gazetteer's people and the common given names of
//!    `gazetteers/given-names.txt`) is a person's surname, not the place; not when that word
//!    is itself a mention or a place's or organisation's name (`Israel Gaza war`); and then
//!    in the rest of the document, but after a place preposition (`Safi said`, `in Safi`). Likewise a
//!    person's one-word name after a first name that none of the person's names begins with
//!    is another person's surname (`Jill Biden` is not Joe Biden, `Jason Stoltenberg` not Jens
//!    Stoltenberg), here and for the surnames of rule 6.
//!    A place's name right before a word such as `University`, `Hospital`, `Bank` or `Oval`
//!    is the beginning of an institution's or a building's name (`Kabul University`,
//!    `National Australia Bank`), not a mention of the place, as is one before a newspaper's
//!    `Times` or `Post` (`The Kabul Times`), before `crude` (`Brent crude`), or a word or two
//!    before a body's `Authority` or `Office` (`Afghanistan Railway Authority`); so is a
//!    place's name right after a word such as `Radio`, `Soccer` or `Energy` (`Radio New
//!    Zealand`) or after an institution's `of` (`University of Balochistan`).
//! 4. **Acronyms defined in the text.** An acronym in parentheses right after a name
//!    (`Islamic State Khorasan (IS-K)`), whose letters are drawn from the name, means that
//!    entity in the parentheses and for the rest of the document. After lower-case words
//!    whose initials spell it (`genetically modified (GM)`), it is none of the gazetteer's
//!    entities from there on, unless those words are one of the matched entity's names.
//! 5. **Near-miss person names.** A run of two or three capitalised words that is one edit away
//!    from a multi-word person name (two edits for words of eight letters or more) is that
//!    person, when every other word is exactly right, the changed word keeps its first letter,
//!    and exactly one person fits (`Sergey Shoigy` for `Sergey Shoigu`). This needs an exact
//!    word and a capitalised run that no other name covers, so it cannot flood the output:
//!    ordinary words are never candidates.
//! 6. **Surnames.** Once a document names a person in full (`Vasily Nebenzya`), the surname
//!    alone (`Nebenzya`, `Mr. Shugaev`) is that person anywhere in the document, unless two
//!    people named in the document share it. Gazetteer names keep priority over surnames.
//! 7. **Longer names** (`resolve/extend.rs`). A company's legal form (`Volkswagen AG`, `Intel Corp.`),
//!    a branch named after a country (`Amnesty International Kenya`) and a subdivision with its
//!    kind (`Aichi Prefecture`) extend the mention; an unknown body of an organisation (`AU
//!    Commission`) and a foreign name joined by `de` (`Banco de Chile`) hold no mention.

mod extend;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::few::FewWords;
use crate::gazetteer::{EntityId, Gazetteer};
use crate::matcher::Method;
use crate::scan;
use crate::text::{is_word_byte, Normalized};
use crate::words::WordList;

/// How a candidate was produced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum How {
    Name,
    NeedsContext,
    WithContext,
    Acronym,
    Fuzzy,
    Surname,
}

impl How {
    pub(crate) fn method(self) -> Method {
        match self {
            How::Name => Method::Gazetteer,
            How::NeedsContext | How::WithContext => Method::Context,
            How::Acronym => Method::Acronym,
            How::Fuzzy => Method::Fuzzy,
            How::Surname => Method::Surname,
        }
    }
}

/// A candidate mention, in normalised offsets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Candidate {
    pub start: usize,
    pub end: usize,
    pub entity: EntityId,
    pub how: How,
    /// 1 + the index of the places in other countries that share the name
    /// ([`Context::elsewhere`]), or 0.
    pub elsewhere: u32,
}

pub(crate) struct Context<'a> {
    pub gaz: &'a Gazetteer,
    pub kinds: &'a Kinds,
    pub people: &'a PeopleIndex,
    /// For names that places in several countries share: the places other than the
    /// gazetteer's winner, in order of precedence.
    pub elsewhere: &'a [Box<[EntityId]>],
    pub in_document: bool,
    pub fuzzy: bool,
}

/// What the resolver asks of each entity's type, one byte per entity, worked out once when the
/// matcher is built: whether it is a person (of the matcher's person types), a place, an
/// organisation, a country (a place with an `iso2` attribute, gazetteers/README.md). The
/// rules ask this of most mentions of every document; the gazetteer's own fields would cost a
/// string comparison, or a search of the attribute columns, and a cache miss each time.
#[derive(Clone, Debug, Default)]
pub(crate) struct Kinds {
    flags: Vec<u8>,
}

impl Kinds {
    const PERSON: u8 = 1;
    const PLACE: u8 = 2;
    const ORGANISATION: u8 = 4;
    const COUNTRY: u8 = 8;

    pub(crate) fn new(gaz: &Gazetteer, is_person: impl Fn(&str) -> bool) -> Kinds {
        let flags = gaz
            .entities()
            .iter()
            .map(|e| {
                let mut f = 0;
                if is_person(&e.kind) {
                    f |= Kinds::PERSON;
                }
                match e.kind.as_str() {
                    "place" => f |= Kinds::PLACE,
                    "organisation" => f |= Kinds::ORGANISATION,
                    _ => {}
                }
                if e.attribute("iso2").is_some() {
                    f |= Kinds::COUNTRY;
                }
                f
            })
            .collect();
        Kinds { flags }
    }

    fn has(&self, e: EntityId, flag: u8) -> bool {
        self.flags.get(e.0 as usize).is_some_and(|f| f & flag != 0)
    }

    /// Whether the entity is of one of the matcher's person types.
    pub(crate) fn person(&self, e: EntityId) -> bool {
        self.has(e, Kinds::PERSON)
    }

    /// Whether the entity's type is `place`.
    fn place(&self, e: EntityId) -> bool {
        self.has(e, Kinds::PLACE)
    }

    /// Whether the entity's type is `organisation`.
    fn organisation(&self, e: EntityId) -> bool {
        self.has(e, Kinds::ORGANISATION)
    }

    /// Whether the entity is a country: it has an `iso2` attribute.
    fn country(&self, e: EntityId) -> bool {
        self.has(e, Kinds::COUNTRY)
    }
}

/// Words after which an ambiguous place name is read as a place. Words that take people as
/// readily as places (`to`, `from`, `with`, `visited`) are not among them: "said she to
/// Charlotte".
const LOCATIVES: &[&str] = &[
    "in",
    "at",
    "near",
    "into",
    "outside",
    "across",
    "around",
    "throughout",
    "inside",
    "via",
];

/// Capitalised words before a surname that are no first name: roles that are not in
/// [`TITLES`] (`Spokesperson Zakharova`), words that begin sentences (`When Khan arrived`),
/// days and months. Sorted.
const NOT_FIRST_NAMES: WordList = WordList::new(&[
    b"Adviser",
    b"Advisor",
    b"After",
    b"Aide",
    b"Also",
    b"Although",
    b"Amir",
    b"An",
    b"And",
    b"Another",
    b"Any",
    b"April",
    b"Are",
    b"As",
    b"Asked",
    b"At",
    b"August",
    b"Because",
    b"Before",
    b"Both",
    b"But",
    b"By",
    b"Can",
    b"Coach",
    b"Correspondent",
    b"Could",
    b"Dear",
    b"December",
    b"Deputy",
    b"Did",
    b"Director",
    b"Does",
    b"Each",
    b"Earlier",
    b"Emir",
    b"Envoy",
    b"Even",
    b"Every",
    b"February",
    b"Field",
    b"For",
    b"Former",
    b"Founder",
    b"Friday",
    b"From",
    b"Had",
    b"Has",
    b"Have",
    b"He",
    b"Head",
    b"Her",
    b"Here",
    b"His",
    b"How",
    b"However",
    b"If",
    b"In",
    b"It",
    b"Its",
    b"January",
    b"July",
    b"June",
    b"Last",
    b"Later",
    b"Leader",
    b"Let",
    b"Like",
    b"March",
    b"Marshal",
    b"May",
    b"Meanwhile",
    b"Might",
    b"Monday",
    b"More",
    b"Most",
    b"Must",
    b"New",
    b"Next",
    b"No",
    b"Not",
    b"November",
    b"Now",
    b"October",
    b"Officer",
    b"On",
    b"Once",
    b"One",
    b"Only",
    b"Or",
    b"Our",
    b"Pope",
    b"Prosecutor",
    b"Reporter",
    b"Representative",
    b"Said",
    b"Saturday",
    b"Says",
    b"September",
    b"She",
    b"Should",
    b"Since",
    b"So",
    b"Some",
    b"Speaker",
    b"Spokesman",
    b"Spokesperson",
    b"Spokeswoman",
    b"Still",
    b"Sunday",
    b"That",
    b"The",
    b"Their",
    b"Then",
    b"There",
    b"These",
    b"They",
    b"This",
    b"Those",
    b"Though",
    b"Thursday",
    b"To",
    b"Today",
    b"Tuesday",
    b"Two",
    b"Under",
    b"Was",
    b"We",
    b"Wednesday",
    b"Were",
    b"What",
    b"When",
    b"Where",
    b"While",
    b"Who",
    b"Why",
    b"Will",
    b"With",
    b"Would",
    b"Yesterday",
    b"Yet",
    b"You",
]);

/// Words after which a country's ambiguous name is read as the country (beside
/// [`LOCATIVES`]): "travelled to Niger", "the border with Chad", "returned from Jordan".
const COUNTRY_PREPOSITIONS: &[&str] = &[
    "to",
    "from",
    "towards",
    "toward",
    "through",
    "with",
    "against",
    "between",
    "over",
    "neighbouring",
    "neighboring",
];

/// What comes between two names of a list (`Mali, Niger and Chad`).
const LIST_GAPS: &[&str] = &[", ", " and ", ", and ", " or ", ", or ", " & "];

/// Words after a place's ambiguous name that name something after the place, not a person
/// (`Jordan Valley`, `Niger Delta`, `Washington Accords`, `Indus Waters Treaty`): no sign that
/// the name is a person's elsewhere in the document. Sorted.
const NAMED_AFTER_PLACE: WordList = WordList::new(&[
    b"Accord",
    b"Accords",
    b"Agreement",
    b"Basin",
    b"Consensus",
    b"Convention",
    b"Declaration",
    b"Delta",
    b"Format",
    b"Protocol",
    b"River",
    b"Summit",
    b"Treaty",
    b"Valley",
    b"Waters",
]);

/// Titles before a person's name (`Mr Nelson`, `Dr. Khair`, `President Toledo`), as written
/// (capitalised), with or without a final point; sorted by bytes.
const TITLES: WordList = WordList::new(&[
    b"Adm",
    b"Admiral",
    b"Ambassador",
    b"Archbishop",
    b"Ayatollah",
    b"Bishop",
    b"Brigadier",
    b"CEO",
    b"Capt",
    b"Captain",
    b"Cardinal",
    b"Chair",
    b"Chairman",
    b"Chairwoman",
    b"Chancellor",
    b"Chief",
    b"Col",
    b"Colonel",
    b"Commander",
    b"Congressman",
    b"Congresswoman",
    b"Constable",
    b"Crown",
    b"Dame",
    b"Detective",
    b"Dr",
    b"Duchess",
    b"Duke",
    b"Editor",
    b"Emperor",
    b"Empress",
    b"Father",
    b"Gen",
    b"General",
    b"Gov",
    b"Governor",
    b"Haji",
    b"Imam",
    b"Inspector",
    b"Judge",
    b"Justice",
    b"King",
    b"Lady",
    b"Lieutenant",
    b"Lord",
    b"Lt",
    b"MEP",
    b"MEPs",
    b"MLA",
    b"MLAs",
    b"MP",
    b"MPs",
    b"MSP",
    b"MSPs",
    b"Maulana",
    b"Maulvi",
    b"Mawlawi",
    b"Mayor",
    b"Minister",
    b"Miss",
    b"Mlle",
    b"Mme",
    b"Mr",
    b"Mrs",
    b"Ms",
    b"Mufti",
    b"Mullah",
    b"Mx",
    b"Premier",
    b"President",
    b"Prince",
    b"Princess",
    b"Prof",
    b"Professor",
    b"Qari",
    b"Queen",
    b"Rabbi",
    b"Rep",
    b"Rev",
    b"Reverend",
    b"Secretary",
    b"Sen",
    b"Senator",
    b"Sergeant",
    b"Sgt",
    b"Sheikh",
    b"Sir",
    b"TD",
    b"Tanaiste",
    b"Taoiseach",
]);

/// The word right before `pos` (one space before, and no other word byte touching it), with
/// its final point if any: `Mr.` → (`Mr`, true).
fn word_before(hay: &[u8], pos: usize) -> Option<(&[u8], bool)> {
    if pos < 2 || hay[pos - 1] != b' ' {
        return None;
    }
    let mut e = pos - 1;
    let point = hay[e - 1] == b'.';
    e -= usize::from(point);
    let mut s = e;
    while s > 0 && hay[s - 1].is_ascii_alphabetic() {
        s -= 1;
    }
    if s == e || (s > 0 && is_word_byte(hay[s - 1])) {
        return None;
    }
    Some((&hay[s..e], point))
}

/// Whether `pos` begins a sentence or a line: only spaces and opening quotes between it and
/// the text's start, a line break, or a sentence's final `.`, `!` or `?` (`Reading the
/// report, …`).
fn starts_sentence(norm: &Normalized, pos: usize) -> bool {
    let hay = norm.as_bytes();
    let Some(i) = hay[..pos]
        .iter()
        .rposition(|&b| !matches!(b, b' ' | b'"' | b'\'' | b'('))
    else {
        return true;
    };
    matches!(hay[i], b'.' | b'!' | b'?' | b'\n' | b':')
        || norm.line_breaks().binary_search(&((i + 1) as u32)).is_ok()
}

/// The word (ASCII letters) right after `pos`, one space after it: `Chair` after `Fed` in
/// `Fed Chair`.
fn word_after(hay: &[u8], pos: usize) -> Option<&[u8]> {
    let next = hay.get(pos..)?.strip_prefix(b" ")?;
    let len = next.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    (len > 0).then(|| &next[..len])
}

/// Whether the word right before `pos` is a common given name, capitalised (`Brendan`).
fn after_given_name(hay: &[u8], pos: usize) -> bool {
    word_before(hay, pos).is_some_and(|(w, point)| !point && capitalised(w) && is_given_name(w))
}

/// Whether the word right before `pos` is a capitalised first name that none of `entity`'s
/// names begins with: `Jill` in `Jill Biden` is another Biden than `Joe Biden`, `Anwarullah`
/// in `Anwarullah Khan` another Khan than `Imran Khan`. A first name is a common given name, a
/// first name of the gazetteer's people, or any other capitalised word that is no title, role
/// or sentence word ([`NOT_FIRST_NAMES`]) outside a headline in Title Case (`Trump Meets Putin`).
fn after_other_first_name(
    ctx: &Context<'_>,
    norm: &Normalized,
    pos: usize,
    entity: EntityId,
) -> bool {
    let Some((w, false)) = word_before(norm.as_bytes(), pos) else {
        return false;
    };
    if norm.breaks_short_line(pos - 1) {
        return false;
    }
    let other = || {
        w.len() >= 3
            && w[0].is_ascii_uppercase()
            && w[1..].iter().all(u8::is_ascii_lowercase)
            && !is_title(w)
            && !NOT_FIRST_NAMES.contains(w)
            && !in_title_case_line(norm, pos)
    };
    if !(ctx.people.is_first_name(w) || (capitalised(w) && is_given_name(w)) || other()) {
        return false;
    }
    !normalized_names(ctx.gaz, entity).any(|n| {
        n.split_once(' ')
            .is_some_and(|(first, _)| first.as_bytes().eq_ignore_ascii_case(w))
    })
}

/// The names of `entity`, normalised as a document's text is ([`normalize_name`]), so that
/// they compare with its bytes.
///
/// [`normalize_name`]: crate::text::normalize_name
fn normalized_names(gaz: &Gazetteer, entity: EntityId) -> impl Iterator<Item = String> + '_ {
    gaz.entity(entity).names().map(crate::text::normalize_name)
}

/// Whether `text` (normalised bytes of a document) is one of `entity`'s names, in any case.
fn is_name_of(gaz: &Gazetteer, entity: EntityId, text: &[u8]) -> bool {
    normalized_names(gaz, entity).any(|n| n.as_bytes().eq_ignore_ascii_case(text))
}

/// Whether the word right before `pos` is a title (`Mr`, `Dr.`, `President`).
fn after_title(hay: &[u8], pos: usize) -> bool {
    word_before(hay, pos).is_some_and(|(w, _)| is_title(w))
}

/// Whether the name at `[s, e)` begins a longer name that the gazetteer does not know: a
/// capitalised word follows (`Charlotte Lucas`, `Baloch Unity Front`), which is no
/// title (`Fed Chair`), not on the next line after a short one (`Photo: Yunus` / `Reuters`)
/// and not the next word of a headline in Title Case.
fn begins_longer_name(norm: &Normalized, s: usize, e: usize) -> bool {
    word_after(norm.as_bytes(), e).is_some_and(|w| w[0].is_ascii_uppercase() && !is_title(w))
        && !norm.breaks_short_line(e)
        && !in_title_case_line(norm, s)
}

/// Whether the line around `pos` is in Title Case, as headlines often are (`Georgia Bars
/// Opposition Leaders From Election`): three or more words of four letters or more, all
/// capitalised. Only 200 bytes on either side of `pos` are looked at.
fn in_title_case_line(norm: &Normalized, pos: usize) -> bool {
    let line = norm.line_around(pos, pos, 200);
    let hay = norm.as_bytes();
    // After a label (`Also read: Pakistan Closes Torkham Crossing`).
    let start = hay[line.start..pos]
        .iter()
        .rposition(|&b| b == b':')
        .map_or(line.start, |k| line.start + k + 1);
    let mut capitalised = 0;
    for w in hay[start..line.end].split(|b| !b.is_ascii_alphabetic()) {
        if w.len() >= 4 {
            if w[0].is_ascii_lowercase() {
                return false;
            }
            capitalised += 1;
        }
    }
    capitalised >= 3
}

/// Where a person's name begins inside a mention that begins with a title (`Mullah Abdul
/// Ghani Baradar`, `Ayatollah Ali Khamenei`, `King Charles III`), when what follows the title
/// is itself one of the person's names; `None` otherwise (`Mullah Omar`, `Sheikh Hasina`).
fn after_leading_title(ctx: &Context<'_>, hay: &[u8], c: &Candidate) -> Option<usize> {
    if !ctx.kinds.person(c.entity) {
        return None;
    }
    let surface = &hay[c.start..c.end];
    let space = surface.iter().position(|&b| b == b' ')?;
    if !is_title(&surface[..space]) {
        return None;
    }
    is_name_of(ctx.gaz, c.entity, &surface[space + 1..]).then_some(c.start + space + 1)
}

/// Whether a word is one of [`TITLES`].
fn is_title(w: &[u8]) -> bool {
    TITLES.contains(w)
}

/// A name that places in several countries share (`Hyderabad` in India and in Pakistan,
/// `Tripoli` in Libya and in Lebanon) is the gazetteer's winner's, unless the document names
/// nothing in the winner's country and something in another's: then it is the place there
/// that the document names most (the first in precedence on a tie). What counts: the
/// document's other mentions (not the shared names themselves, nor names still without the
/// context they need) of a country (its `iso2`) or of anything with a `country` attribute
/// (`Sindh`, `Karachi`, `Shehbaz Sharif`, `Pakistan Army` for Pakistan). One choice per name
/// and document.
///
/// # Complexity
/// Linear in the candidates, and only when some name is shared so.
pub(crate) fn choose_by_country(ctx: &Context<'_>, cands: &mut [Candidate]) {
    if cands.iter().all(|c| c.elsewhere == 0) {
        return;
    }
    let named = leftmost_longest(
        cands
            .iter()
            .filter(|c| c.elsewhere == 0 && c.how != How::NeedsContext)
            .copied(),
    );
    let mut count: HashMap<String, usize> = HashMap::default();
    for c in &named {
        if let Some(code) = ctx.gaz.country_code(c.entity) {
            *count.entry(code.to_ascii_uppercase()).or_default() += 1;
        }
    }
    let named_in = |id: EntityId| {
        ctx.gaz
            .entity(id)
            .attribute("country")
            .and_then(|code| count.get(&code.to_ascii_uppercase()))
            .copied()
            .unwrap_or(0)
    };
    for c in cands.iter_mut().filter(|c| c.elsewhere != 0) {
        if named_in(c.entity) > 0 {
            continue;
        }
        let Some(others) = ctx.elsewhere.get(c.elsewhere as usize - 1) else {
            continue;
        };
        // The most named; `max_by_key` keeps the last of equals, so go in reverse.
        if let Some(&best) = others
            .iter()
            .rev()
            .filter(|&&o| named_in(o) > 0)
            .max_by_key(|&&o| named_in(o))
        {
            c.entity = best;
        }
    }
}

/// Resolves the candidates of one document into its mentions (sorted, non-overlapping).
pub(crate) fn resolve(
    ctx: &Context<'_>,
    norm: &Normalized,
    mut cands: Vec<Candidate>,
) -> Vec<Candidate> {
    let hay = norm.as_bytes();
    cands.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    // Context for ambiguous names, from the unambiguous ones.
    if cands.iter().any(|c| c.how == How::NeedsContext) {
        let sure = leftmost_longest(cands.iter().filter(|c| c.how != How::NeedsContext).copied());
        let entities: HashSet<EntityId> = sure.iter().map(|c| c.entity).collect();
        let countries: HashSet<&str> = entities
            .iter()
            .filter_map(|&e| ctx.gaz.entity(e).attribute("iso2"))
            .collect();
        // And the countries they are in: `Tbilisi` supports `Georgia`, `Amman` `Jordan`.
        let located: HashSet<&str> = entities
            .iter()
            .filter_map(|&e| ctx.gaz.entity(e).attribute("country"))
            .collect();
        // `Charlotte Lucas`: part of a longer name that the gazetteer does not know. One sense
        // per document: once a name is seen so, none of its occurrences is the place. A title
        // after it is no such name (`Fed Chair Jerome Powell`, `Charlotte Mayor Vi Lyles`).
        // Nor is a capitalised word in a headline in Title Case (`Georgia Bars Opposition
        // Leaders`), where every word is.
        // Nor a country's name (`Sputnik Azerbaijan`, `Amnesty Russia`: an edition, a branch).
        let country_at = |pos: usize| {
            let i = sure.partition_point(|m| m.start < pos);
            sure.get(i)
                .is_some_and(|m| m.start == pos && ctx.kinds.country(m.entity))
        };
        let person_like: HashSet<&[u8]> = cands
            .iter()
            .filter(|c| {
                c.how == How::NeedsContext
                    && begins_longer_name(norm, c.start, c.end)
                    && !country_at(c.end + 1)
                    && !(ctx.kinds.organisation(c.entity)
                        && extend::legal_form_after(hay, c.end).is_some())
                    && !extend::kind_after(ctx, hay, c)
                    && !(ctx.kinds.place(c.entity)
                        && word_after(hay, c.end).is_some_and(|w| NAMED_AFTER_PLACE.contains(w)))
            })
            .map(|c| &hay[c.start..c.end])
            .collect();
        for c in cands.iter_mut().filter(|c| c.how == How::NeedsContext) {
            let e = ctx.gaz.entity(c.entity);
            let possessive = hay[c.end..].starts_with(b"'s");
            let supported = !person_like.contains(&hay[c.start..c.end])
                && (entities.contains(&c.entity)
                    || e.attribute("country").is_some_and(|code| {
                        countries.iter().any(|k| k.eq_ignore_ascii_case(code))
                            // An organisation's or a person's country is also supported by
                            // a place in it (`Democratic Party` by `Texas`).
                            || (!ctx.kinds.place(c.entity)
                                && located.iter().any(|k| k.eq_ignore_ascii_case(code)))
                    })
                    || e.attribute("iso2")
                        .or_else(|| e.attribute("capital_of"))
                        .is_some_and(|code| located.iter().any(|k| k.eq_ignore_ascii_case(code)))
                    // `in Reading`, `in KP`, `at Apple`; not an acronym of anything but a
                    // place (`on TCP`, `via RSS`: the protocols, not the gang or the Indian
                    // organisation).
                    || (!possessive
                        && (ctx.kinds.place(c.entity) || !crate::text::is_all_caps(&hay[c.start..c.end]))
                        && previous_word(hay, c.start).is_some_and(|w| LOCATIVES.contains(&w)))
                    // `Austin, Tex.`, `Charlotte, North Carolina`, `Perth, Australia`: a place
                    // followed by a place of its country, or by the country.
                    || (ctx.kinds.place(c.entity)
                        && hay[c.end..].starts_with(b", ")
                        && e.attribute("country").is_some_and(|code| {
                            let i = sure.partition_point(|m| m.start < c.end + 2);
                            sure.get(i).is_some_and(|m| {
                                m.start == c.end + 2
                                    && ctx.kinds.place(m.entity)
                                    && ctx
                                        .gaz
                                        .country_code(m.entity)
                                        .is_some_and(|k| k.eq_ignore_ascii_case(code))
                            })
                        }))
                    // `Intel Corp.`: a legal form says it is the company.
                    || (ctx.kinds.organisation(c.entity)
                        && word_after(hay, c.end).is_some_and(|w| w != b"Group")
                        && extend::legal_form_after(hay, c.end).is_some())
                    || extend::kind_after(ctx, hay, c));
            if supported {
                c.how = How::WithContext;
            }
        }
        // A country's name after a preposition of movement or relation (`travelled to Niger`,
        // `the border with Chad`), or in a list with another country (`Mali, Burkina Faso and
        // Niger`; a country supported so supports the next: `Chad, Niger and Mali`).
        // Looked up once per candidate; usually no country needs context, and nothing more
        // is done.
        let country: Vec<bool> = cands.iter().map(|c| ctx.kinds.country(c.entity)).collect();
        let waiting = |cands: &[Candidate]| {
            cands
                .iter()
                .zip(&country)
                .any(|(c, &k)| k && c.how == How::NeedsContext)
        };
        for _ in 0..2 {
            if !waiting(&cands) {
                break;
            }
            let sure_countries = cands
                .iter()
                .zip(&country)
                .filter(|(c, &k)| k && c.how != How::NeedsContext)
                .map(|(c, _)| c);
            let ends: HashSet<usize> = sure_countries.clone().map(|c| c.end).collect();
            let starts: HashSet<usize> = sure_countries.map(|c| c.start).collect();
            let mut changed = false;
            for (c, &k) in cands.iter_mut().zip(&country) {
                if !k || c.how != How::NeedsContext || person_like.contains(&hay[c.start..c.end]) {
                    continue;
                }
                let listed = LIST_GAPS.iter().any(|g| {
                    let g = g.as_bytes();
                    (hay[..c.start].ends_with(g) && ends.contains(&(c.start - g.len())))
                        || (hay[c.end..].starts_with(g) && starts.contains(&(c.end + g.len())))
                });
                let moved = !hay[c.end..].starts_with(b"'s")
                    && previous_word(hay, c.start)
                        .is_some_and(|w| COUNTRY_PREPOSITIONS.contains(&w));
                if listed || moved {
                    c.how = How::WithContext;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        // One sense per document: a name that has context at one place (`in Wales`, `Intel
        // Corp.`) has it at the others (`Wales fans`, `Intel said`), but at the start of a
        // sentence (`Reading the report`) and before another capitalised word (`the Jordan
        // Valley`).
        let confirmed: HashSet<(EntityId, &[u8])> = cands
            .iter()
            .filter(|c| c.how == How::WithContext)
            .map(|c| (c.entity, &hay[c.start..c.end]))
            .collect();
        if !confirmed.is_empty() {
            for c in cands.iter_mut().filter(|c| c.how == How::NeedsContext) {
                let text = &hay[c.start..c.end];
                if confirmed.contains(&(c.entity, text))
                    && !person_like.contains(text)
                    && !starts_sentence(norm, c.start)
                    && !begins_longer_name(norm, c.start, c.end)
                {
                    c.how = How::WithContext;
                }
            }
        }
    }
    // Names that places in several countries share, by the countries of the names found (those
    // that had context too: `in England`).
    choose_by_country(ctx, &mut cands);
    // `Paris, Texas`, `Moscow, Idaho`, `Perth, Scotland`: a town's name followed by a comma and
    // a state, province or nation of another country (the "Town, State" of American, Canadian,
    // Australian and British news) is a town of that name there, which the gazetteer does not
    // know; not the town. Not a country's name (`Russia, Donetsk and Luhansk`).
    let state_at = |pos: usize| {
        let i = cands.partition_point(|m| m.start < pos);
        cands[i..].iter().take_while(|m| m.start == pos).find(|m| {
            let e = ctx.gaz.entity(m.entity);
            m.how != How::NeedsContext
                && e.attribute("subdivision_type").is_some()
                && e.attribute("country").is_some_and(|k| {
                    ["US", "CA", "AU", "GB"]
                        .iter()
                        .any(|c| c.eq_ignore_ascii_case(k))
                })
        })
    };
    let towns_elsewhere: Vec<usize> = cands
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            c.how != How::NeedsContext
                && ctx.kinds.place(c.entity)
                && !ctx.kinds.country(c.entity)
                && hay[c.end..].starts_with(b", ")
                && state_at(c.end + 2)
                    .is_some_and(|m| ctx.gaz.is_place_elsewhere(c.entity, m.entity))
        })
        .map(|(i, _)| i)
        .collect();
    for i in towns_elsewhere {
        cands[i].how = How::NeedsContext;
    }
    // The candidates stay whole (the given-name rule below looks at every name of the
    // gazetteer, those without context too); those still needing context are out.
    let mut found = leftmost_longest(cands.iter().filter(|c| c.how != How::NeedsContext).copied());
    // A title is no part of a person's name (`Mullah Baradar` is `Baradar`, as `Mr. Shugaev`
    // is `Shugaev`) when the rest is one of the person's names; `Mullah Omar` stays whole.
    for c in found.iter_mut() {
        if let Some(start) = after_leading_title(ctx, hay, c) {
            c.start = start;
        }
    }
    // `Mr Nelson`, `Vladimir Gusev`, `Brendan Nelson`: a one-word place right after a title, a
    // first name of the gazetteer's people (unless that word is itself a mention: `Israel
    // Gaza war`) or a common given name (unless that word is any name of the gazetteer:
    // `Georgia Ukraine talks`) is a surname; and a person's one-word name right after another
    // first name is another person's surname (`Jill Biden`, `Suha Arafat`).
    let surname = |i: usize, c: &Candidate| {
        let after_mention = i > 0 && found[i - 1].end + 1 == c.start;
        if hay[c.start..c.end].contains(&b' ') {
            return false;
        }
        // `Mark Paul` / `London Correspondent`: a byline's name ends with its line.
        if c.start > 0 && norm.breaks_short_line(c.start - 1) {
            return false;
        }
        if ctx.kinds.person(c.entity) {
            return !after_mention && after_other_first_name(ctx, norm, c.start, c.entity);
        }
        ctx.kinds.place(c.entity)
            && (after_title(hay, c.start)
                || (ctx.people.after_first_name(hay, c.start) && !after_mention)
                || (after_given_name(hay, c.start) && !cands.iter().any(|k| k.end + 1 == c.start)))
    };
    // Usually none: nothing is allocated.
    let surnames_of_places: Vec<usize> = (0..found.len())
        .filter(|&i| surname(i, &found[i]) && ctx.kinds.place(found[i].entity))
        .collect();
    // One sense per document: a place's name read as a surname (`Brendan Nelson`) is the
    // person's elsewhere in the document too (`Nelson said`), but after a place preposition
    // (`in Nelson`).
    let read_as_surname: HashSet<&[u8]> = if ctx.in_document {
        surnames_of_places
            .iter()
            .map(|&i| &hay[found[i].start..found[i].end])
            .collect()
    } else {
        HashSet::default()
    };
    let taken: Vec<usize> = (0..found.len())
        .filter(|&i| {
            let c = &found[i];
            surnames_of_places.binary_search(&i).is_ok()
                || (ctx.kinds.person(c.entity) && surname(i, c))
                || in_longer_org_name(ctx, norm, &found, i)
                || begins_unknown_name(ctx, norm, &found, i)
                || names_something_else(ctx, hay, c)
                || org_in_institution_name(ctx, hay, c)
                || extend::in_foreign_name(ctx, hay, c)
                || extend::after_alias(ctx, hay, c)
                || (!read_as_surname.is_empty()
                    && read_as_surname.contains(&hay[c.start..c.end])
                    && !previous_word(hay, c.start).is_some_and(|w| LOCATIVES.contains(&w)))
        })
        .collect();
    for &i in taken.iter().rev() {
        found.remove(i);
    }
    extend::extend(ctx, norm, &cands, &mut found);
    if ctx.in_document {
        acronym_definitions(ctx.gaz, hay, &mut found);
    }
    // After the acronyms defined in the text: `African Union (AU)` … `AU Commission`.
    let bodies: Vec<usize> = (0..found.len())
        .filter(|&i| extend::org_in_body_name(ctx, norm, &found, i))
        .collect();
    for &i in bodies.iter().rev() {
        found.remove(i);
    }
    if ctx.fuzzy && !ctx.people.is_empty() {
        let extra = ctx.people.near_misses(hay, &found);
        insert_all(&mut found, extra);
    }
    if ctx.in_document {
        surnames(ctx, norm, &mut found);
    }
    found
}

/// Words that end a longer name that begins with a place: an institution or a building
/// (`Kabul University`, `National Australia Bank`, `Adelaide Oval`, `Virginia Tech`), a
/// newspaper (`The Kabul Times`, `Bangkok Post`, `Sydney Morning Herald`) or a crude oil
/// (`Brent crude`, `Urals crude`, `West Texas Intermediate`).
const FACILITY_HEADS: WordList = WordList::new(&[
    b"Academy",
    b"Airport",
    b"Bank",
    b"Cathedral",
    b"Center",
    b"Centre",
    b"Chamber",
    b"Chronicle",
    b"Clinic",
    b"College",
    b"Courier",
    b"Crude",
    b"Daily",
    b"Examiner",
    b"Gazette",
    b"Globe",
    b"Group",
    b"Herald",
    b"Hospital",
    b"Hotel",
    b"Infirmary",
    b"Inquirer",
    b"Institute",
    b"Intermediate",
    b"Journal",
    b"Library",
    b"Morning",
    b"Museum",
    b"News",
    b"Observatory",
    b"Observer",
    b"Oval",
    b"Police",
    b"Polytechnic",
    b"Post",
    b"Prison",
    b"School",
    b"Stadium",
    b"Tech",
    b"Telegraph",
    b"Times",
    b"Tower",
    b"Towers",
    b"Tribune",
    b"University",
    b"Zoo",
    b"crude",
]);

/// Words that begin the name of a body, a broadcaster or a company named after its country:
/// `Soccer Australia`, `Radio New Zealand`, `Energy Australia`.
const BODY_PREFIXES: WordList = WordList::new(&[
    b"Air",
    b"Athletics",
    b"Basketball",
    b"Cricket",
    b"Cycling",
    b"Energy",
    b"Football",
    b"Golf",
    b"Hockey",
    b"Netball",
    b"Nutrition",
    b"Radio",
    b"Rowing",
    b"Rugby",
    b"Soccer",
    b"Swimming",
    b"Telecom",
    b"Tennis",
]);

/// Words that end the name of a body named after a place, a word or two after it (`Afghanistan
/// Railway Authority`, `Taiwan Affairs Office`, `Shanghai Composite Index`).
const BODY_HEADS: WordList = WordList::new(&[
    b"Administration",
    b"Agency",
    b"Alliance",
    b"Association",
    b"Authority",
    b"Board",
    b"Bureau",
    b"Chamber",
    b"Coalition",
    b"Commission",
    b"Committee",
    b"Company",
    b"Confederation",
    b"Congress",
    b"Corporation",
    b"Council",
    b"Department",
    b"Directorate",
    b"Exchange",
    b"Federation",
    b"Force",
    b"Forces",
    b"Foundation",
    b"Front",
    b"Fund",
    b"Group",
    b"Index",
    b"Ministry",
    b"Mission",
    b"Movement",
    b"Network",
    b"Office",
    b"Organisation",
    b"Organization",
    b"Party",
    b"Secretariat",
    b"Society",
    b"Survey",
    b"Trust",
    b"Union",
]);

/// Whether a town's or a region's one-word name begins a longer name the gazetteer does not
/// know: a capitalised word follows (`Fatih Birol`, `Milan Kundera`, `Santiago Peña`, `Kabul
/// River`), which is no title, day or month, begins no other mention (`Kabul Taliban`) and
/// is not in capitals (`Kabul UNAMA`), on the same line, outside a headline in Title Case.
/// Countries' names are left alone (`Pakistan Army` is a name of the gazetteer's, and the
/// context rule sees to `Jordan Peterson`).
fn begins_unknown_name(
    ctx: &Context<'_>,
    norm: &Normalized,
    found: &[Candidate],
    i: usize,
) -> bool {
    let hay = norm.as_bytes();
    let c = &found[i];
    // The cheap tests first: most mentions are followed by no capitalised word.
    word_after(hay, c.end).is_some_and(|w| {
        capitalised(w)
            && !is_title(w)
            && !NOT_FIRST_NAMES.contains(w)
            && !QUALIFIED_BY_PLACE.contains(w)
            // `ambassador to Tehran Alexey Dedov`, `the head of Dagestan Sergei Melikov`.
            && !is_given_name(w)
            && !ctx.people.is_first_name(w)
    }) && found.get(i + 1).is_none_or(|n| n.start != c.end + 1)
        && !hay[c.start..c.end].contains(&b' ')
        && ctx.kinds.place(c.entity)
        && !ctx.kinds.country(c.entity)
        && !norm.breaks_short_line(c.end)
        && !in_title_case_line(norm, c.start)
        && !extend::kind_after(ctx, hay, c)
}

/// Words that a place's name qualifies as an adjective, leaving it a mention: its government,
/// its politicians, its faiths and peoples (`Queensland Government`, `Kabul Municipality`, `a
/// Louisiana Republican`, `a Queensland Anglican school`). Sorted.
const QUALIFIED_BY_PLACE: WordList = WordList::new(&[
    b"Aboriginal",
    b"Administration",
    b"Anglican",
    b"Assembly",
    b"Buddhist",
    b"Cabinet",
    b"Catholic",
    b"Christian",
    b"Democrat",
    b"Democrats",
    b"Government",
    b"Hindu",
    b"Indigenous",
    b"Islamic",
    b"Jewish",
    b"Labor",
    b"Labour",
    b"Liberal",
    b"Liberals",
    b"Municipality",
    b"Muslim",
    b"Parliament",
    b"Republican",
    b"Republicans",
    b"Sikh",
]);

/// Words that begin another place's name, before a place's (`Lake Victoria`, `Mount Kenya`,
/// `Lower Austria`, `Upper Kurram`). Sorted.
const PLACE_PREFIXES: WordList = WordList::new(&[
    b"Fort", b"Lake", b"Las", b"Los", b"Lower", b"Mount", b"Mt", b"Port", b"Puerto", b"Saint",
    b"San", b"Santa", b"Sao", b"St", b"Upper",
]);

/// The links of Persian, Pashto and Urdu compound place names (`Qala-e-Naw`, `Pul-i-Khumri`,
/// `Dera-ul-...`), with their hyphens.
const CONNECTORS: &[&str] = &["-e-", "-i-", "-ul-", "-ur-", "-ud-", "-un-", "-al-", "-o-"];

/// Whether a place's name is part of the name of an institution, a building or a body that
/// the gazetteer does not know (`Kabul University`, `Soccer Australia`, `Afghanistan
/// Railway Authority`, `University of Balochistan`): the longest name is the mention, so the
/// place alone is none. `found[i]` is the place; the others are the document's mentions.
fn in_longer_org_name(ctx: &Context<'_>, norm: &Normalized, found: &[Candidate], i: usize) -> bool {
    let hay = norm.as_bytes();
    let c = &found[i];
    if !ctx.kinds.place(c.entity) {
        return false;
    }
    let head = word_after(hay, c.end).is_some_and(|w| FACILITY_HEADS.contains(w));
    let prefix = word_before(hay, c.start).is_some_and(|(w, point)| {
        (!point && BODY_PREFIXES.contains(w)) || PLACE_PREFIXES.contains(w)
    });
    // A word of a compound joined by `-e-`, `-ul-`, ... (`Qala-e-Naw`, `Bagh-e-Bala`,
    // `Dasht-e-Barchi`): the compound is the name.
    let compound = CONNECTORS
        .iter()
        .any(|k| hay[c.end..].starts_with(k.as_bytes()) || hay[..c.start].ends_with(k.as_bytes()));
    head || prefix || compound || after_head_of(hay, c.start) || {
        // One or two capitalised words, then a body's word, that hold no other mention (`Kabul
        // UNAMA Office` is Kabul and UNAMA), outside a headline in Title Case (`Russia Signs
        // Trade Agreement`).
        let mut end = c.end;
        let mut body = None;
        for _ in 0..3 {
            match word_after(hay, end) {
                Some(w)
                    if end > c.end && (BODY_HEADS.contains(w) || INSTITUTION_HEADS.contains(w)) =>
                {
                    body = Some(end + 1 + w.len());
                    break;
                }
                Some(w) if w[0].is_ascii_uppercase() => end += 1 + w.len(),
                _ => break,
            }
        }
        body.is_some_and(|e| found.get(i + 1).is_none_or(|n| n.start >= e))
            && !in_title_case_line(norm, c.start)
    }
}

/// Words that, after a person's name, make it the name of a place or a body named after the
/// person (with [`FACILITY_HEADS`]: `Jinnah Hospital`, `Trump Tower`, `Carter Center`): `John
/// F. Kennedy International`, `Clinton Foundation`.
const NAMED_AFTER_HEADS: WordList = WordList::new(&[
    b"Boulevard",
    b"Bridge",
    b"Foundation",
    b"Hall",
    b"International",
    b"Memorial",
    b"Square",
]);

/// Whether a person's name begins the name of something named after the person (`John F.
/// Kennedy International Airport`, `Clinton Foundation`): the longest name is the mention.
fn names_something_else(ctx: &Context<'_>, hay: &[u8], c: &Candidate) -> bool {
    ctx.kinds.person(c.entity)
        && word_after(hay, c.end)
            .is_some_and(|w| FACILITY_HEADS.contains(w) || NAMED_AFTER_HEADS.contains(w))
}

/// Whether `of`, after an institution's word, comes right before `pos` (`University of`, `Bank
/// of`, `Chamber of`).
fn after_head_of(hay: &[u8], pos: usize) -> bool {
    // `Central Bank of the Argentine Republic`, `Armed Forces of Liberia`.
    let pos = if hay[..pos].ends_with(b" of the ") {
        pos - 4
    } else {
        pos
    };
    match word_before(hay, pos) {
        Some((b"of", false)) => word_before(hay, pos - 3).is_some_and(|(w, point)| {
            !point && (FACILITY_HEADS.contains(w) || BODY_HEADS.contains(w))
        }),
        _ => false,
    }
}

/// Words that end the name of an institution, after a place's or an organisation's name:
/// `Herat Regional Hospital`, `Pakistan Military Academy`, `Reuters Institute`. The
/// institutions among [`FACILITY_HEADS`] (not its newspapers or crude oils; a test checks).
const INSTITUTION_HEADS: WordList = WordList::new(&[
    b"Academy",
    b"College",
    b"Hospital",
    b"Institute",
    b"Museum",
    b"Prison",
    b"School",
    b"Stadium",
    b"University",
]);

/// Whether an organisation's name begins an institution's that the gazetteer does not know
/// (`Pakistan Military` in `Pakistan Military Academy`, `Reuters` in `Reuters Institute`).
fn org_in_institution_name(ctx: &Context<'_>, hay: &[u8], c: &Candidate) -> bool {
    ctx.kinds.organisation(c.entity)
        && word_after(hay, c.end).is_some_and(|w| INSTITUTION_HEADS.contains(w))
}

/// Greedy leftmost-longest selection from candidates sorted by start, longest first.
fn leftmost_longest(cands: impl Iterator<Item = Candidate>) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    let mut last_end = 0;
    for c in cands {
        if out.is_empty() || c.start >= last_end {
            last_end = c.end;
            out.push(c);
        }
    }
    out
}

/// The lower-cased word right before `pos` (skipping spaces), if any.
fn previous_word(hay: &[u8], pos: usize) -> Option<&str> {
    let mut e = pos;
    while e > 0 && hay[e - 1] == b' ' {
        e -= 1;
    }
    let mut s = e;
    while s > 0 && hay[s - 1].is_ascii_lowercase() {
        s -= 1;
    }
    if s == e || (s > 0 && is_word_byte(hay[s - 1])) {
        return None;
    }
    std::str::from_utf8(&hay[s..e]).ok()
}

/// Whether `[s, e)` overlaps a mention of the sorted list.
fn overlaps(found: &[Candidate], s: usize, e: usize) -> bool {
    let i = found.partition_point(|c| c.end <= s);
    i < found.len() && found[i].start < e
}

/// Adds candidates that overlap nothing already found (nor each other), keeping the order.
///
/// # Complexity
/// O(n + k log k) for n found and k extra candidates.
fn insert_all(found: &mut Vec<Candidate>, mut extra: Vec<Candidate>) {
    if extra.is_empty() {
        return;
    }
    extra.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut keep: Vec<Candidate> = Vec::with_capacity(extra.len());
    for c in extra {
        let clear_of_previous = keep.last().is_none_or(|k| k.end <= c.start);
        if clear_of_previous && !overlaps(found, c.start, c.end) {
            keep.push(c);
        }
    }
    let old = std::mem::take(found);
    found.reserve(old.len() + keep.len());
    let (mut a, mut b) = (old.into_iter().peekable(), keep.into_iter().peekable());
    loop {
        let take_a = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => x.start <= y.start,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        found.push(if take_a { a.next() } else { b.next() }.unwrap());
    }
}

/// `Name (ACR)`: the acronym means the name's entity, there and for the rest of the document.
/// `lower-case words (ACR)` whose initials spell the acronym (`genetically modified (GM)`,
/// `weapons of mass destruction (WMD)`) defines it as something that is no name: from there
/// on the acronym is none of the gazetteer's entities (not General Motors), unless those
/// words are a name of the entity it matched.
///
/// # Complexity
/// One scan of the document for all the acronyms defined in it.
fn acronym_definitions(gaz: &Gazetteer, hay: &[u8], found: &mut Vec<Candidate>) {
    // (position of the definition, acronym, entity or none), in document order.
    let mut defs: Vec<(usize, &[u8], Option<EntityId>)> = Vec::new();
    for c in found.iter() {
        let acr = &hay[c.start..c.end];
        let in_parentheses =
            c.start > 0 && hay[c.start - 1] == b'(' && hay.get(c.end) == Some(&b')');
        if in_parentheses && looks_like_acronym(acr) {
            if let Some(words) = lower_case_definition(hay, c.start - 1, acr) {
                if !is_name_of(gaz, c.entity, words) {
                    defs.push((c.start, acr, None));
                }
                continue;
            }
        }
        let mut p = c.end;
        // A closing quote may come between (`the “Trump Route…” (TRIPP)`).
        if matches!(hay.get(p), Some(b'"' | b'\'')) {
            p += 1;
        }
        if hay.get(p) == Some(&b' ') {
            p += 1;
        }
        if hay.get(p) != Some(&b'(') {
            continue;
        }
        let Some(close) = hay[p + 1..].iter().take(12).position(|&b| b == b')') else {
            continue;
        };
        let acr = &hay[p + 1..p + 1 + close];
        let name = &hay[c.start..c.end];
        if looks_like_acronym(acr) && letters_from(acr, name) {
            defs.push((p + 1, acr, Some(c.entity)));
        }
    }
    if defs.is_empty() {
        return;
    }
    defs.sort_by_key(|d| d.0);
    let mut acronyms: Vec<&[u8]> = defs.iter().map(|d| d.1).collect();
    acronyms.sort();
    acronyms.dedup();
    let Some(searcher) = FewWords::new(&acronyms) else {
        return;
    };
    let mut by_acronym: HashMap<&[u8], Vec<(usize, Option<EntityId>)>> = HashMap::default();
    for &(pos, acr, entity) in &defs {
        by_acronym.entry(acr).or_default().push((pos, entity));
    }
    let first_def = defs[0].0;
    let mut extra = Vec::new();
    // Mentions of acronyms defined as no name (usually none).
    let mut gone: Vec<usize> = Vec::new();
    for (s, e, pid) in searcher.find_all(&hay[first_def..]) {
        let (s, e) = (first_def + s, first_def + e);
        let bounded =
            (s == 0 || !is_word_byte(hay[s - 1])) && (e == hay.len() || !is_word_byte(hay[e]));
        if !bounded {
            continue;
        }
        let acr = acronyms[pid];
        // The latest definition of this acronym at or before this occurrence.
        let list = &by_acronym[acr];
        let k = list.partition_point(|d| d.0 <= s);
        if k == 0 {
            continue;
        }
        let entity = list[k - 1].1;
        // The same span found as a name of another entity is redefined (or, defined as no
        // name, dropped); a longer name containing it stays.
        let i = found.partition_point(|f| f.start < s);
        let same_span = i < found.len() && found[i].start == s && found[i].end == e;
        let Some(entity) = entity else {
            if same_span {
                gone.push(i);
            }
            continue;
        };
        if same_span {
            found[i].entity = entity;
            if found[i].how != How::Name {
                found[i].how = How::Acronym;
            }
        } else {
            extra.push(Candidate {
                start: s,
                end: e,
                entity,
                how: How::Acronym,
                elsewhere: 0,
            });
        }
    }
    for &i in gone.iter().rev() {
        found.remove(i);
    }
    insert_all(found, extra);
}

/// Function words skipped in an acronym's definition (`weapons of mass destruction`).
const DEFINITION_SKIPS: &[&[u8]] = &[b"of", b"and", b"the", b"for", b"in", b"on", b"to", b"&"];

/// The lower-case words right before the parenthesis at `open` whose initials (those of each
/// part of a hyphenated word; function words skipped) are the acronym's capitals, in order:
/// `genetically modified (GM)`, `non-governmental organisations (NGOs)`. At least two words.
fn lower_case_definition<'h>(hay: &'h [u8], open: usize, acr: &[u8]) -> Option<&'h [u8]> {
    let capitals: Vec<u8> = acr
        .iter()
        .filter(|b| b.is_ascii_uppercase())
        .map(u8::to_ascii_lowercase)
        .collect();
    if capitals.len() < 2 {
        return None;
    }
    let end = open.checked_sub(1).filter(|&e| hay[e] == b' ')?;
    // Initials still to find, from the last.
    let mut left = capitals.len();
    let mut start = end;
    let mut words = 0;
    while left > 0 {
        let mut s = start;
        while s > 0 && (hay[s - 1].is_ascii_lowercase() || hay[s - 1] == b'-' || hay[s - 1] == b'&')
        {
            s -= 1;
        }
        let word = &hay[s..start];
        if word.is_empty() || (s > 0 && is_word_byte(hay[s - 1])) {
            return None;
        }
        if !DEFINITION_SKIPS.contains(&word) {
            for part in word.rsplit(|&b| b == b'-').filter(|p| !p.is_empty()) {
                if left == 0 || part[0] != capitals[left - 1] {
                    return None;
                }
                left -= 1;
            }
            words += 1;
        }
        start = s;
        if left > 0 {
            start = start.checked_sub(1).filter(|&e| hay[e] == b' ')?;
        }
    }
    (words >= 2).then(|| &hay[start..end])
}

fn looks_like_acronym(s: &[u8]) -> bool {
    let upper = s.iter().filter(|b| b.is_ascii_uppercase()).count();
    s.len() >= 2
        && upper >= 2
        && s[0].is_ascii_uppercase()
        && s.iter()
            .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'&'))
}

/// Whether the acronym's letters appear, in order, in the name, starting with its first letter.
fn letters_from(acr: &[u8], name: &[u8]) -> bool {
    let letters: Vec<u8> = acr
        .iter()
        .filter(|b| b.is_ascii_alphabetic())
        .map(u8::to_ascii_lowercase)
        .collect();
    if letters.first() != name.first().map(u8::to_ascii_lowercase).as_ref() {
        return false;
    }
    let mut it = name.iter().map(u8::to_ascii_lowercase);
    letters.iter().all(|l| it.any(|c| c == *l))
}

/// The words of a capitalised name: `Sergei` yes, `SERGEI` and `sergei` no.
fn capitalised(w: &[u8]) -> bool {
    w.len() >= 2 && w[0].is_ascii_uppercase() && w[1..].iter().any(u8::is_ascii_lowercase)
}

/// Lower-case particles that belong to the surname (`bin Laden`, `de Mistura`, `van Gogh`).
const PARTICLES: &[&str] = &[
    "al", "el", "bin", "ibn", "bint", "de", "da", "di", "du", "del", "der", "den", "van", "von",
    "la", "le", "dos", "das", "ul",
];

/// Surnames that news also writes, capitalised, as words (`Islam` of `Nahid Islam`, `Joy` of
/// `Sajeeb Wazed Joy`): never a person's mention alone. Sorted.
const WORD_SURNAMES: WordList = WordList::new(&[
    b"Allah", b"Christ", b"Faith", b"Glory", b"God", b"Grace", b"Hope", b"Islam", b"Joy",
    b"Justice", b"Liberty", b"Peace", b"Truth", b"Victory",
]);

/// The forms the surname of a multi-word name takes alone: the last word, with a particle
/// before it (`Osama bin Laden` → `bin Laden`); a hyphenated particle gives both forms
/// (`Bashar al-Assad` → `al-Assad`, `Assad`). A title has none (`William, Prince of Wales`,
/// `Catherine of Aragon`: `Wales` alone is no person).
fn surname_keys(name: &[u8]) -> Vec<Vec<u8>> {
    let words: Vec<&[u8]> = name
        .split(|&b| b == b' ')
        .filter(|w| !w.is_empty())
        .collect();
    let mut keys = Vec::new();
    if words.len() < 2
        || words[..words.len() - 1]
            .iter()
            .any(|w| *w == b"of" || *w == b"the" || w.ends_with(b","))
    {
        return keys;
    }
    let last = words[words.len() - 1];
    let ok = |w: &[u8]| {
        w.len() >= 3
            && capitalised(w)
            && !WORD_SURNAMES.contains(w)
            && w.iter()
                .all(|b| b.is_ascii_alphabetic() || *b == b'-' || *b == b'\'')
    };
    // The particles before the last word, in either case (`von der Leyen`, `De Wever`), when
    // a given name is left before them.
    let particle = |w: &[u8]| {
        std::str::from_utf8(w).is_ok_and(|w| PARTICLES.iter().any(|p| p.eq_ignore_ascii_case(w)))
    };
    let first = words[..words.len() - 1]
        .iter()
        .rposition(|w| !particle(w))
        .map_or(0, |i| i + 1);
    if first >= 1 && first < words.len() - 1 && ok(last) {
        keys.push(words[first..].join(&b' '));
        return keys;
    }
    if let Some(dash) = last.iter().position(|&b| b == b'-') {
        let particle = std::str::from_utf8(&last[..dash]).unwrap_or("");
        if PARTICLES.contains(&particle) && ok(&last[dash + 1..]) {
            keys.push(last.to_vec());
            keys.push(last[dash + 1..].to_vec());
            return keys;
        }
    }
    if ok(last) {
        keys.push(last.to_vec());
    }
    keys
}

/// Surnames of people named in full, found alone elsewhere in the document.
fn surnames(ctx: &Context<'_>, norm: &Normalized, found: &mut Vec<Candidate>) {
    let hay = norm.as_bytes();
    let mut owners: HashMap<Vec<u8>, HashSet<EntityId>> = HashMap::default();
    for c in found.iter() {
        if !ctx.kinds.person(c.entity) || c.how == How::Surname {
            continue;
        }
        let surface = &hay[c.start..c.end];
        if !surface.contains(&b' ') {
            continue;
        }
        let entity = ctx.gaz.entity(c.entity);
        let canonical = crate::text::normalize_name(&entity.name);
        let family_first = entity
            .attribute("country")
            .is_some_and(|k| FAMILY_NAME_FIRST.iter().any(|f| f.eq_ignore_ascii_case(k)));
        for name in [surface, canonical.as_bytes()] {
            // `Mao` of `Mao Ning`, not `Ning`.
            if let Some(k) = family_first.then(|| family_name(name)).flatten() {
                owners.entry(k.to_vec()).or_default().insert(c.entity);
                continue;
            }
            for k in surname_keys(name) {
                owners.entry(k).or_default().insert(c.entity);
            }
        }
    }
    let names: Vec<(Vec<u8>, EntityId)> = owners
        .into_iter()
        .filter(|(_, ents)| ents.len() == 1)
        .map(|(k, ents)| (k, *ents.iter().next().unwrap()))
        .collect();
    if names.is_empty() {
        return;
    }
    // `Kazuo Ueda … Ueda said`: a town's one-word name that is the surname of a person named
    // in full is the person's, but after a place preposition (`in Ueda`). Not a country's or
    // a capital's name (`Michael Jordan` in a story about Jordan).
    let town = |c: &Candidate| {
        ctx.kinds.place(c.entity)
            && !ctx.kinds.country(c.entity)
            && ctx.gaz.entity(c.entity).attribute("capital_of").is_none()
            && names
                .iter()
                .any(|(k, _)| k.as_slice() == &hay[c.start..c.end])
            && !previous_word(hay, c.start).is_some_and(|w| LOCATIVES.contains(&w))
    };
    found.retain(|c| !town(c));
    let mut patterns: Vec<Vec<u8>> = Vec::new();
    let mut owner: Vec<EntityId> = Vec::new();
    for (k, e) in &names {
        patterns.push(k.clone());
        owner.push(*e);
        patterns.push(k.to_ascii_uppercase());
        owner.push(*e);
        if k[0].is_ascii_lowercase() {
            // `Bin Laden` at the start of a sentence.
            let mut title = k.clone();
            title[0] = title[0].to_ascii_uppercase();
            patterns.push(title);
            owner.push(*e);
        }
    }
    let Some(searcher) = FewWords::new(&patterns) else {
        return;
    };
    let mut extra = Vec::new();
    for (s, e, pid) in searcher.find_all(hay) {
        let bounded =
            (s == 0 || !is_word_byte(hay[s - 1])) && (e == hay.len() || !is_word_byte(hay[e]));
        let entity = owner[pid];
        // Another person of the surname (`Jason Stoltenberg`), unless the word before is a
        // mention.
        let another = || {
            s > 1 && !overlaps(found, s - 2, s - 1) && after_other_first_name(ctx, norm, s, entity)
        };
        // Part of a longer name the gazetteer does not know (`Baloch Unity Front` after
        // `Mahrang Baloch`), unless that word is a title or the line a headline.
        if bounded && !overlaps(found, s, e) && !another() && !begins_longer_name(norm, s, e) {
            extra.push(Candidate {
                start: s,
                end: e,
                entity,
                how: How::Surname,
                elsewhere: 0,
            });
        }
    }
    insert_all(found, extra);
}

/// Countries (ISO 3166-1 alpha-2) whose people's names put the family name first: `Kim Jong
/// Un`, `Wang Yi`, `Lee Jae-myung`.
const FAMILY_NAME_FIRST: &[&str] = &["CN", "HK", "KP", "KR", "MO", "TW", "VN"];

/// Common family names of those countries, as news spells them; those that are English words
/// (`Park`, `Moon`, `Song`) or under three letters (`Li`, `Wu`) are left out.
const FAMILY_NAMES: &[&str] = &[
    "Ahn", "Bae", "Baek", "Bui", "Byun", "Cai", "Cao", "Chan", "Chang", "Chen", "Cheng", "Cheung",
    "Chey", "Chiang", "Chiu", "Cho", "Choe", "Choi", "Chou", "Chu", "Chung", "Dai", "Dang", "Deng",
    "Dong", "Duan", "Duong", "Feng", "Fung", "Gao", "Guo", "Han", "Hoang", "Hong", "Hou", "Hsiao",
    "Hsieh", "Hsu", "Huang", "Hui", "Jang", "Jeon", "Jeong", "Jiang", "Jin", "Jung", "Kang", "Kao",
    "Kim", "Koo", "Kuo", "Kwok", "Kwon", "Lai", "Lau", "Lee", "Leung", "Liang", "Lim", "Lin",
    "Liu", "Luo", "Mao", "Meng", "Ngo", "Nguyen", "Peng", "Pham", "Phan", "Qin", "Ren", "Rhee",
    "Ryu", "Seo", "Shao", "Shen", "Tang", "Tian", "Tran", "Tsai", "Tse", "Tseng", "Wang", "Wei",
    "Wong", "Xiao", "Xie", "Xiong", "Yang", "Yao", "Yeo", "Yeung", "Yin", "Ying", "Yoon", "Yuan",
    "Zeng", "Zhang", "Zhao", "Zheng", "Zhong", "Zhou", "Zhu",
];

/// The family name of a name written family name first: the first word when it is one of
/// [`FAMILY_NAMES`] (`Wang` of `Wang Yi`: not `William` of `William Lai`) or when two given
/// names follow it (`Choe` of `Choe Son Hui`); the word before a hyphenated given name
/// (`Han` of `Han Duck-soo`, `Lee` of `John Lee Ka-chiu`).
fn family_name(name: &[u8]) -> Option<&[u8]> {
    let words: Vec<&[u8]> = name.split(|&b| b == b' ').collect();
    let [first, .., last] = words[..] else {
        return None;
    };
    if FAMILY_NAMES.iter().any(|f| f.as_bytes() == first) {
        return Some(first);
    }
    if last.contains(&b'-') && last[0].is_ascii_uppercase() {
        return Some(words[words.len() - 2]).filter(|w| capitalised(w));
    }
    (words.len() == 3 && words.iter().all(|w| capitalised(w))).then_some(first)
}

/// Common given names, capitalised, sorted, one a line after the comments
/// (`scripts/build_given_names.py`).
const GIVEN_NAMES: &str = include_str!("../gazetteers/given-names.txt");

/// Whether a word is one of [`GIVEN_NAMES`], in any case after the first letter (`Brendan`,
/// `BRENDAN`).
///
/// # Complexity
/// A binary search of the list, made once.
fn is_given_name(w: &[u8]) -> bool {
    static LIST: std::sync::OnceLock<Vec<&'static [u8]>> = std::sync::OnceLock::new();
    let list = LIST.get_or_init(|| {
        GIVEN_NAMES
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(str::as_bytes)
            .collect()
    });
    let mut buf = [0u8; 24];
    if w.is_empty() || w.len() > buf.len() {
        return false;
    }
    let key = &mut buf[..w.len()];
    key.copy_from_slice(w);
    key.make_ascii_lowercase();
    key[0] = key[0].to_ascii_uppercase();
    list.binary_search(&&*key).is_ok()
}

/// How many (three letters, length) shapes [`shape`] tells apart.
const SHAPES: usize = 26 * 26 * 26 * 32;

/// A word's first three letters (in either case) and its length up to 31, as one number below
/// [`SHAPES`]; `None` when it does not begin with three ASCII letters. A word and its
/// lower-cased form have the same shape.
fn shape(w: &[u8]) -> Option<usize> {
    let letter = |i: usize| {
        w.get(i)
            .filter(|b| b.is_ascii_alphabetic())
            .map(|b| (b.to_ascii_lowercase() - b'a') as usize)
    };
    let (a, b, c) = (letter(0)?, letter(1)?, letter(2)?);
    Some(((a * 26 + b) * 26 + c) * 32 + w.len().min(31))
}

/// Multi-word person names indexed by their first and last word, for near-miss spellings, and
/// first names.
#[derive(Clone, Debug, Default)]
pub(crate) struct PeopleIndex {
    names: Vec<(EntityId, Vec<String>)>,
    by_word: HashMap<String, Vec<usize>>,
    /// The (lower-cased) first two letters of the words of `by_word`, for the words that
    /// [`shape`] does not tell apart.
    first_two: crate::text::PairSet,
    /// The words of `by_word` that begin with three letters, by those letters and their length
    /// (see [`shape`]): one bit each.
    shapes: Vec<u64>,
    /// The first words of multi-word person names (lower-cased, three letters or more).
    first_names: HashSet<String>,
}

impl PeopleIndex {
    /// The index of the people of `gaz`: the entities `kinds` takes for persons.
    pub(crate) fn new(gaz: &Gazetteer, kinds: &Kinds) -> PeopleIndex {
        let mut idx = PeopleIndex::default();
        for (i, e) in gaz.entities().iter().enumerate() {
            let id = EntityId(i as u32);
            if !kinds.person(id) {
                continue;
            }
            for name in e.names() {
                let norm = crate::text::normalize_name(name).to_ascii_lowercase();
                let words: Vec<String> = norm.split(' ').map(String::from).collect();
                if !(2..=3).contains(&words.len()) || words.iter().any(|w| w.len() < 2) {
                    continue;
                }
                // A stage name that begins with a sentence word or a title (`The Rock`, `Lady
                // Gaga`) has no first name: `The Pakistan-based agency` is no person's, and
                // `The Weekend` is no near miss of `The Weeknd`.
                let mut first = words[0].clone().into_bytes();
                first[0] = first[0].to_ascii_uppercase();
                if NOT_FIRST_NAMES.contains(&first) || is_title(&first) {
                    continue;
                }
                let n = idx.names.len();
                if words[0].len() >= 3 {
                    idx.first_names.insert(words[0].clone());
                }
                for w in [&words[0], &words[words.len() - 1]] {
                    let list = idx.by_word.entry(w.clone()).or_default();
                    if list.last() != Some(&n) {
                        list.push(n);
                    }
                }
                idx.names.push((id, words));
            }
        }
        // Every indexed word has two letters or more (see above).
        idx.first_two = crate::text::PairSet::of(idx.by_word.keys());
        idx.shapes = vec![0; SHAPES / 64];
        for k in idx.by_word.keys() {
            if let Some(i) = shape(k.as_bytes()) {
                idx.shapes[i / 64] |= 1 << (i % 64);
            }
        }
        idx
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Whether the word right before `pos` (one space before) is a capitalised first name of
    /// a person of the gazetteer (`Vladimir` in `Vladimir Gusev`).
    pub(crate) fn after_first_name(&self, hay: &[u8], pos: usize) -> bool {
        word_before(hay, pos).is_some_and(|(w, point)| !point && self.is_first_name(w))
    }

    /// Whether a word is a capitalised first name of a person of the gazetteer (a title that
    /// begins one of their names, `President Biden`, is none).
    fn is_first_name(&self, w: &[u8]) -> bool {
        capitalised(w)
            && !is_title(w)
            && self.may_be_known(w)
            && self
                .first_names
                .contains(String::from_utf8_lossy(w).to_ascii_lowercase().as_str())
    }

    /// Whether a word (two letters or more) may be a word of `by_word`: by its first three
    /// letters and its length when it begins with three letters, else by its first letters.
    #[inline]
    fn may_be_known(&self, w: &[u8]) -> bool {
        if let Some(i) = shape(w) {
            return self
                .shapes
                .get(i / 64)
                .is_some_and(|b| b & (1 << (i % 64)) != 0);
        }
        self.first_two
            .contains(w[0].to_ascii_lowercase(), w[1].to_ascii_lowercase())
    }

    /// Runs of capitalised words outside `found` that are a near miss of one person's name.
    ///
    /// # Complexity
    /// Linear in the text; only runs that begin or end with a word of a person's name (as
    /// first or last word) are compared, and only with the names that have that word.
    fn near_misses(&self, hay: &[u8], found: &[Candidate]) -> Vec<Candidate> {
        // Capitalised words with their spans, lower-cased, and whether an index word.
        struct Word {
            s: usize,
            e: usize,
            known: bool,
        }
        let lower = |w: &Word| String::from_utf8_lossy(&hay[w.s..w.e]).to_ascii_lowercase();
        let mut buf = String::new();
        let mut words: Vec<Word> = Vec::new();
        let mut next_found = 0;
        let mut i = 0;
        // Capitalised word starts only (see `scan`).
        for block in scan::blocks(hay) {
            let mut bits = block.starts & block.upper;
            while bits != 0 {
                let p = block.base + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                if p < i {
                    continue;
                }
                i = p;
                // Words inside a mention never start a near miss (a run over one is dropped).
                while next_found < found.len() && i >= found[next_found].start {
                    i = i.max(found[next_found].end);
                    next_found += 1;
                }
                if p < i {
                    continue;
                }
                let s = i;
                i += 1;
                while i < hay.len() && (hay[i].is_ascii_alphabetic() || hay[i] == b'\'') {
                    i += 1;
                }
                if (i < hay.len() && is_word_byte(hay[i])) || !capitalised(&hay[s..i]) {
                    continue;
                }
                // Hash only words whose first two letters begin a name's first or last word.
                let known = self.may_be_known(&hay[s..i]) && {
                    buf.clear();
                    buf.extend(hay[s..i].iter().map(|b| b.to_ascii_lowercase() as char));
                    self.by_word.contains_key(buf.as_str())
                };
                words.push(Word { s, e: i, known });
            }
        }
        let mut out = Vec::new();
        let mut w = 0;
        while w < words.len() {
            let mut hit = None;
            for n in [3usize, 2] {
                if w + n > words.len() || !(words[w].known || words[w + n - 1].known) {
                    continue;
                }
                let run = &words[w..w + n];
                let joined = |a: &Word, b: &Word| b.s == a.e + 1 && hay[a.e] == b' ';
                let adjacent = run.windows(2).all(|p| joined(&p[0], &p[1]));
                if !adjacent {
                    continue;
                }
                // Not a part of a longer run of capitalised words (`Ahmad Shah Masood` holds
                // no near miss of `Shan Masood`), but after a title or a sentence word
                // (`Minister Sergey Shoigy`, `When Sergey Shoigy`).
                let after_word = w > 0 && joined(&words[w - 1], &words[w]) && {
                    let before = &hay[words[w - 1].s..words[w - 1].e];
                    !is_title(before) && !NOT_FIRST_NAMES.contains(before)
                };
                let before_word = words
                    .get(w + n)
                    .is_some_and(|next| joined(&run[n - 1], next));
                if after_word || before_word {
                    continue;
                }
                let (s, e) = (run[0].s, run[n - 1].e);
                if overlaps(found, s, e) {
                    continue;
                }
                let owned: Vec<String> = run.iter().map(lower).collect();
                let toks: Vec<&str> = owned.iter().map(String::as_str).collect();
                if let Some(entity) = self.best(&toks) {
                    hit = Some((s, e, entity, n));
                    break;
                }
            }
            match hit {
                Some((s, e, entity, n)) => {
                    out.push(Candidate {
                        start: s,
                        end: e,
                        entity,
                        how: How::Fuzzy,
                        elsewhere: 0,
                    });
                    w += n;
                }
                None => w += 1,
            }
        }
        out
    }

    /// The one person whose name is a near miss of `toks`, if exactly one is.
    fn best(&self, toks: &[&str]) -> Option<EntityId> {
        let mut cands: Vec<usize> = Vec::new();
        for t in [&toks[0], &toks[toks.len() - 1]] {
            if let Some(list) = self.by_word.get(*t) {
                cands.extend(list);
            }
        }
        let mut hit: Option<EntityId> = None;
        for &n in &cands {
            let (entity, words) = &self.names[n];
            if words.len() != toks.len() {
                continue;
            }
            let mut diffs = 0;
            let mut ok = true;
            for (a, &b) in words.iter().zip(toks) {
                if a == b {
                    continue;
                }
                diffs += 1;
                let limit = if a.len() >= 8 { 2 } else { 1 };
                if a.len() < 4
                    || b.len() < 4
                    || a.as_bytes()[0] != b.as_bytes()[0]
                    || strsim::damerau_levenshtein(a, b) > limit
                {
                    ok = false;
                    break;
                }
            }
            if !ok || diffs != 1 {
                continue;
            }
            match hit {
                Some(h) if h != *entity => return None,
                _ => hit = Some(*entity),
            }
        }
        hit
    }
}

#[cfg(test)]
mod surname_tests {
    use super::{
        after_title, in_title_case_line, is_given_name, shape, surname_keys, word_after,
        BODY_HEADS, BODY_PREFIXES, FACILITY_HEADS, GIVEN_NAMES, INSTITUTION_HEADS,
        NAMED_AFTER_HEADS, NAMED_AFTER_PLACE, NOT_FIRST_NAMES, PLACE_PREFIXES, QUALIFIED_BY_PLACE,
        SHAPES, TITLES, WORD_SURNAMES,
    };

    #[test]
    fn given_names_sorted_capitalised_and_not_words() {
        let list: Vec<&str> = GIVEN_NAMES
            .lines()
            .filter(|l| !l.starts_with('#'))
            .collect();
        assert!(list.len() > 4000, "{}", list.len());
        assert!(list.windows(2).all(|w| w[0] < w[1]), "sorted, once each");
        for n in &list {
            let b = n.as_bytes();
            assert!(b.len() >= 3 && b[0].is_ascii_uppercase(), "{:?}", n);
            assert!(b[1..].iter().all(u8::is_ascii_lowercase), "{:?}", n);
        }
        for (w, want) in [
            ("Brendan", true),
            ("BRENDAN", true),
            ("Rachael", true),
            ("Alejandro", true),
            ("Will", false),
            ("Mark", false),
            ("The", false),
            ("Kabul", false),
        ] {
            assert_eq!(is_given_name(w.as_bytes()), want, "{}", w);
        }
    }

    #[test]
    fn titles_with_and_without_a_point() {
        for (text, pos, want) in [
            ("Mr Nelson", 3, true),
            ("Mr. Nelson", 4, true),
            ("President Toledo", 10, true),
            ("MrNelson", 2, false),
            ("Mrs  Nelson", 5, false),
            ("the mr Nelson", 7, false),
            ("Xmr Nelson", 4, false),
        ] {
            assert_eq!(after_title(text.as_bytes(), pos), want, "{:?}", text);
        }
    }

    #[test]
    fn shapes() {
        assert_eq!(shape(b"Nebenzya"), shape(b"nebenzya"));
        assert_ne!(shape(b"Nebenzya"), shape(b"Nebenzia1"));
        assert_ne!(shape(b"Nebenzya"), shape(b"Nebenzy"));
        assert_eq!(shape(b"Xi"), None);
        assert_eq!(shape(b"O'Brien"), None);
        assert!(shape(b"zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz").unwrap() < SHAPES);
    }

    #[test]
    fn word_lists_are_sorted() {
        for list in [
            TITLES,
            FACILITY_HEADS,
            BODY_PREFIXES,
            BODY_HEADS,
            NAMED_AFTER_HEADS,
            INSTITUTION_HEADS,
            NAMED_AFTER_PLACE,
            NOT_FIRST_NAMES,
            PLACE_PREFIXES,
            QUALIFIED_BY_PLACE,
            WORD_SURNAMES,
        ] {
            let words = list.words();
            assert!(words.windows(2).all(|p| p[0] < p[1]), "{:?}", words);
        }
        // An institution's word also ends a longer name after a place.
        for w in INSTITUTION_HEADS.words() {
            assert!(FACILITY_HEADS.contains(w), "{:?}", w);
        }
    }

    #[test]
    fn title_case_lines() {
        // (text, a position, whether its line is in Title Case)
        let cases: &[(&str, usize, bool)] = &[
            ("Georgia Bars Opposition Leaders From Vote", 0, true),
            (
                "Russia Warns Of U.S. Weapons Falling Into ISIS Hands",
                0,
                true,
            ),
            (
                "Body text.\n\nGeorgia Bars Opposition Leaders\n\nMore text here.",
                12,
                true,
            ),
            (
                "Body text.\nGeorgia Bars Opposition Leaders\nMore text here.",
                11,
                true,
            ),
            (
                "Body text.\nGeorgia Bars Opposition Leaders\nMore text here.",
                0,
                false,
            ),
            (
                "Charlotte Lucas was a sensible, intelligent young woman",
                0,
                false,
            ),
            ("Russia sees over 150 man-portable US missiles", 0, false),
            ("By Charlotte Lucas", 3, false),
        ];
        for &(text, pos, want) in cases {
            let norm = crate::text::normalize(text.as_bytes());
            assert_eq!(in_title_case_line(&norm, pos), want, "{:?}", text);
        }
    }

    #[test]
    fn word_after_one_space() {
        for (text, pos, want) in [
            ("Fed Chair Powell", 3, Some("Chair")),
            ("Fed Chair", 3, Some("Chair")),
            ("Fed  Chair", 3, None),
            ("Fed, Chair", 3, None),
            ("Fed 2024", 3, None),
            ("Fed", 3, None),
        ] {
            let got = word_after(text.as_bytes(), pos).map(|w| std::str::from_utf8(w).unwrap());
            assert_eq!(got, want, "{:?}", text);
        }
    }

    #[test]
    fn surname_keys_table() {
        let cases: &[(&str, &[&str])] = &[
            ("Vasily Nebenzya", &["Nebenzya"]),
            ("Osama bin Laden", &["bin Laden"]),
            ("Staffan de Mistura", &["de Mistura"]),
            ("Ursula von der Leyen", &["von der Leyen"]),
            ("Bart De Wever", &["De Wever"]),
            ("Marine Le Pen", &["Le Pen"]),
            ("De Wever", &["Wever"]),
            ("Bashar al-Assad", &["al-Assad", "Assad"]),
            ("Xi Jinping", &["Jinping"]),
            ("Shafqat Ali Khan", &["Khan"]),
            ("Nebenzya", &[]),
            ("Kim Jong Un", &[]),
            ("William, Prince of Wales", &[]),
            ("Catherine of Aragon", &[]),
        ];
        for (name, want) in cases {
            let got: Vec<String> = surname_keys(name.as_bytes())
                .into_iter()
                .map(|k| String::from_utf8(k).unwrap())
                .collect();
            assert_eq!(&got, want, "{}", name);
        }
    }
}
