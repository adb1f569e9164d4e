//! Sentence and paragraph segmentation of normalised text.
//!
//! A rule-based splitter in the style of SRX rule sets, written for news:
//!
//! - a paragraph break (a blank line) always ends a sentence and a paragraph;
//! - a single line break ends a sentence and a paragraph (headlines, datelines, bylines and
//!   one-line paragraphs of web articles), unless the next line starts with a lower-case letter
//!   or the line ends with `,`, `-` or `;` (hard-wrapped prose), or a name runs across it;
//! - `.`, `!` and `?` (with closing quotes or brackets after them) end a sentence when followed
//!   by a space and an upper-case letter, a digit or an opening quote, except after
//!   abbreviations (`Mr.`, `Gen.`, `St.`, `Jan.`, `No.` before a number), single initials
//!   (`S. Jaishankar`, `Donald J. Trump`), and dotted acronyms (`U.S. President`), which end a
//!   sentence only when the next word is one that typically starts a sentence (`The`, `He`, …);
//! - a point inside a number (`3.5`) or a URL never splits, since no space follows it.
//!
//! The `srx` crate with LanguageTool's rules was considered; its rules file is LGPL and it
//! drops the look-behind rules that handle abbreviations, so these rules are written here and
//! tested on the seed articles.

use crate::words::WordList;

/// A sentence: a span of normalised text and the paragraph it belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    /// Start offset (normalised text).
    pub start: usize,
    /// End offset, exclusive (normalised text).
    pub end: usize,
    /// The 0-based paragraph index.
    pub paragraph: usize,
}

/// Titles and other abbreviations after which a point never ends a sentence.
const TITLES: WordList = WordList::new(&[
    b"Adm", b"Amb", b"Apr", b"Art", b"Aug", b"Ave", b"Blvd", b"Brig", b"Capt", b"Cdr", b"Ch",
    b"Cmdr", b"Col", b"Cpl", b"Dec", b"Dept", b"Det", b"Dr", b"Feb", b"Fig", b"Fr", b"Ft", b"Gen",
    b"Gov", b"Gov't", b"Hon", b"Insp", b"Jan", b"Jr", b"Jul", b"Jun", b"Lt", b"Maj", b"Mar",
    b"Messrs", b"Mr", b"Mrs", b"Ms", b"Mt", b"Nov", b"Oct", b"Pres", b"Prof", b"Pvt", b"Rd",
    b"Rep", b"Rev", b"Sec", b"Sen", b"Sep", b"Sept", b"Sgt", b"Sr", b"St", b"Supt", b"Univ",
    b"Vol", b"approx", b"ca", b"cf", b"p", b"pp", b"v", b"vs",
]);

/// Abbreviations that can also end a sentence: they do when a sentence starter follows.
const WEAK: WordList = WordList::new(&[
    b"Bros", b"Co", b"Corp", b"E.U", b"Inc", b"Jr", b"Ltd", b"Plc", b"Sr", b"U.K", b"U.N", b"U.S",
    b"a.m", b"al", b"etc", b"p.m",
]);

/// Words that typically begin a sentence: after a weak abbreviation, they mark a boundary.
const STARTERS: WordList = WordList::new(&[
    b"A",
    b"According",
    b"After",
    b"Also",
    b"An",
    b"And",
    b"As",
    b"Asked",
    b"At",
    b"Before",
    b"Both",
    b"But",
    b"Despite",
    b"During",
    b"Earlier",
    b"Following",
    b"For",
    b"Furthermore",
    b"He",
    b"Her",
    b"His",
    b"How",
    b"However",
    b"I",
    b"If",
    b"In",
    b"It",
    b"Its",
    b"Last",
    b"Later",
    b"Many",
    b"Meanwhile",
    b"Moreover",
    b"Most",
    b"Now",
    b"Officials",
    b"On",
    b"Our",
    b"Over",
    b"Separately",
    b"She",
    b"Since",
    b"So",
    b"Some",
    b"Speaking",
    b"Still",
    b"Such",
    b"That",
    b"The",
    b"Their",
    b"Then",
    b"There",
    b"These",
    b"They",
    b"This",
    b"Those",
    b"Under",
    b"We",
    b"What",
    b"When",
    b"While",
    b"Who",
    b"Why",
    b"Yet",
    b"You",
]);

/// Splits normalised text into sentences.
///
/// `inside` tells whether a position lies inside a mention (a name written across a line
/// break keeps its sentence together).
///
/// # Example
/// ```
/// use nergraph::{segment, text};
/// let n = text::normalize(b"Kabul Talks\nU.S. President Trump met Mr. Shugaev. He left.");
/// let s = segment::sentences(&n, |_| false);
/// let got: Vec<&str> = s.iter().map(|s| &n.as_str()[s.start..s.end]).collect();
/// assert_eq!(got, ["Kabul Talks", "U.S. President Trump met Mr. Shugaev.", "He left."]);
/// assert_eq!((s[0].paragraph, s[1].paragraph, s[2].paragraph), (0, 1, 1));
/// ```
///
/// # Complexity
/// O(n) in the length of the text.
pub fn sentences(norm: &crate::text::Normalized, inside: impl Fn(usize) -> bool) -> Vec<Span> {
    let text = norm.as_bytes();
    let n = text.len();
    let mut out = Vec::new();
    let mut paragraph = 0usize;
    let mut start = skip_space(text, 0);
    let mut breaks = norm.line_breaks().iter().map(|&b| b as usize).peekable();
    let mut i = start;
    // Push the sentence [start, end) and move on to `next`.
    let mut emit = |start: &mut usize, end: usize, next: usize, new_para: bool| {
        let e = trim_end(text, *start, end);
        if e > *start {
            out.push(Span {
                start: *start,
                end: e,
                paragraph,
            });
            if new_para {
                paragraph += 1;
            }
        } else if new_para && !out.is_empty() && out.last().unwrap().paragraph == paragraph {
            paragraph += 1;
        }
        *start = skip_space(text, next);
    };
    // Jump from one event to the next: a paragraph break, a single line break, or `.!?`.
    let find_punct =
        |from: usize| memchr::memchr3(b'.', b'!', b'?', &text[from..]).map_or(n, |p| from + p);
    let find_nl = |from: usize| memchr::memchr(b'\n', &text[from..]).map_or(n, |p| from + p);
    let (mut next_punct, mut next_nl) = (find_punct(i.min(n)), find_nl(i.min(n)));
    while i < n {
        if next_punct < i {
            next_punct = find_punct(i);
        }
        if next_nl < i {
            next_nl = find_nl(i);
        }
        while breaks.peek().is_some_and(|&p| p < i) {
            breaks.next();
        }
        let next_break = breaks.peek().copied().unwrap_or(n);
        i = next_punct.min(next_nl).min(next_break);
        if i >= n {
            break;
        }
        let b = text[i];
        if b == b'\n' {
            emit(&mut start, i, i + 1, true);
            i += 1;
            continue;
        }
        if i == next_break {
            if line_break_splits(text, i, &inside) {
                emit(&mut start, i, i + 1, true);
            }
            i += 1;
            continue;
        }
        // `.`, `!` or `?`: the end of the punctuation cluster, with closing quotes and brackets.
        let mut j = i + 1;
        while j < n && matches!(text[j], b'.' | b'!' | b'?') {
            j += 1;
        }
        while j < n && matches!(text[j], b'"' | b'\'' | b')' | b']') {
            j += 1;
        }
        if j >= n {
            break;
        }
        if text[j] == b' ' || text[j] == b'\n' {
            let single_point = b == b'.' && j == i + 1;
            let splits = if single_point {
                !inside(i) && period_splits(text, i, j)
            } else {
                next_starts_sentence(text, j)
            };
            if splits {
                emit(&mut start, j, j, false);
            }
        }
        i = j;
    }
    if start < n {
        let e = trim_end(text, start, n);
        if e > start {
            out.push(Span {
                start,
                end: e,
                paragraph,
            });
        }
    }
    out
}

fn skip_space(text: &[u8], mut i: usize) -> usize {
    while i < text.len() && (text[i] == b' ' || text[i] == b'\n') {
        i += 1;
    }
    i
}

fn trim_end(text: &[u8], start: usize, mut end: usize) -> usize {
    while end > start && (text[end - 1] == b' ' || text[end - 1] == b'\n') {
        end -= 1;
    }
    end
}

/// The word after the space at `j` (letters, digits, `'`, `-`).
fn next_word(text: &[u8], j: usize) -> &[u8] {
    let s = skip_space(text, j);
    let mut e = s;
    while e < text.len() && (text[e].is_ascii_alphanumeric() || text[e] == b'\'') {
        e += 1;
    }
    &text[s..e]
}

fn next_starts_sentence(text: &[u8], j: usize) -> bool {
    let s = skip_space(text, j);
    match text.get(s) {
        Some(c) => {
            c.is_ascii_uppercase() || c.is_ascii_digit() || matches!(c, b'"' | b'\'' | b'(' | b'[')
        }
        None => true,
    }
}

fn line_break_splits(text: &[u8], i: usize, inside: &impl Fn(usize) -> bool) -> bool {
    if inside(i) {
        return false;
    }
    let prev = text[..i].iter().rev().find(|&&c| c != b' ');
    if matches!(prev, Some(b',') | Some(b'-') | Some(b';')) {
        return false;
    }
    match text.get(i + 1) {
        Some(c) => !c.is_ascii_lowercase(),
        None => false,
    }
}

/// Whether the point at `i` (followed by space at `j`) ends a sentence.
fn period_splits(text: &[u8], i: usize, j: usize) -> bool {
    if !next_starts_sentence(text, j) {
        return false;
    }
    // The token before the point.
    let mut s = i;
    while s > 0 && !matches!(text[s - 1], b' ' | b'\n' | b'(' | b'"' | b'[') {
        s -= 1;
    }
    let token = &text[s..i];
    let token_str = std::str::from_utf8(token).unwrap_or("");
    let next = next_word(text, j);
    let starter = STARTERS.contains(next);
    if token.is_empty() {
        return true;
    }
    // A single initial: `S. Jaishankar`, `Donald J. Trump`.
    if token.len() == 1 && token[0].is_ascii_uppercase() {
        return false;
    }
    if token_str == "No" || token_str == "no" || token_str == "Nos" {
        return !next.first().is_some_and(u8::is_ascii_digit);
    }
    if TITLES.contains(token) {
        return false;
    }
    if WEAK.contains(token) {
        return starter;
    }
    // Dotted acronyms and initials: `U.S.`, `a.m.`, `J.R.R.`.
    let dotted = token.contains(&b'.')
        && token
            .split(|&c| c == b'.')
            .all(|part| part.len() <= 2 && part.iter().all(u8::is_ascii_alphabetic));
    if dotted {
        return starter;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize;

    fn split(input: &str) -> Vec<String> {
        let n = normalize(input.as_bytes());
        sentences(&n, |_| false)
            .iter()
            .map(|s| n.as_str()[s.start..s.end].to_string())
            .collect()
    }

    #[test]
    fn table() {
        let cases: &[(&str, &[&str])] = &[
            (
                "He met U.S. President Biden. Then he left.",
                &["He met U.S. President Biden.", "Then he left."],
            ),
            (
                "Mr. Shugaev spoke. Gen. Smith did not.",
                &["Mr. Shugaev spoke.", "Gen. Smith did not."],
            ),
            (
                "The St. Petersburg forum opened.",
                &["The St. Petersburg forum opened."],
            ),
            ("On Jan. 5 talks began.", &["On Jan. 5 talks began."]),
            (
                "S. Jaishankar met Donald J. Trump.",
                &["S. Jaishankar met Donald J. Trump."],
            ),
            (
                "It grew 3.5 per cent. Prices fell.",
                &["It grew 3.5 per cent.", "Prices fell."],
            ),
            ("Room No. 5 is shut.", &["Room No. 5 is shut."]),
            (
                "terror plots in Europe and the U.S. The United Nations met.",
                &[
                    "terror plots in Europe and the U.S.",
                    "The United Nations met.",
                ],
            ),
            (
                "Headline Here\nMOSCOW, Nov 3 - Body text. More.",
                &["Headline Here", "MOSCOW, Nov 3 - Body text.", "More."],
            ),
            (
                "“Go,” he said. “Now!” She left.",
                &["\"Go,\" he said.", "\"Now!\"", "She left."],
            ),
            (
                "hard wrapped line\ncontinues here.",
                &["hard wrapped line continues here."],
            ),
            ("Is it? Yes! Fine...", &["Is it?", "Yes!", "Fine..."]),
            ("Acme Inc. The firm said.", &["Acme Inc.", "The firm said."]),
            (
                "Acme Inc. Chief Executive said.",
                &["Acme Inc. Chief Executive said."],
            ),
            (
                "See https://a.b/c.html for more.",
                &["See https://a.b/c.html for more."],
            ),
        ];
        for (input, want) in cases {
            assert_eq!(&split(input), want, "{:?}", input);
        }
    }

    #[test]
    fn seed_articles() {
        // Whole sentences of the seeds that hold abbreviations, initials and numbers.
        let whole = [
            "Former U.S. President Donald Trump had previously expressed his intention to retrieve American military equipment left in Afghanistan.",
            "Mr. Shugaev explained that because the Taliban is banned in Russia, \"we have no military technical cooperation with such a movement.",
            "\"The security situation in Afghanistan is tense,\" she pointed out at a briefing on the sidelines of the St. Petersburg International Economic Forum,\" is involved in acts that are subversive to the governments of the countries, Tass reported.",
            "On 12 November last year, India Today reported that three militants killed in a clash in Akhnoor were found with U.S.-manufactured firearms, prompting an investigation into how these weapons reached from Afghanistan to the region.",
            "With the U.S leaving the region, Kabul has started to look elsewhere for assistance, especially in the area of military cooperation.",
            "The Islamic State is in control of more than 90,000 square kilometers (34,700 square miles), and the number of fighters working under the flag of the Islamic State ranges from 50,000 to 200,000 fighters, Sputnik International reports.",
        ];
        // Headlines and bylines are sentences of their own.
        let alone = [
            "Russia Warns Of U.S. Weapons Falling Into ISIS Hands In Afghanistan",
            "IS-K Strengthens Hold in Afghanistan, Poses Escalating Danger: Russia",
            "By Fidel Rahmati in Khaama Press online, June 15, 2023",
            "Kabul looking for new friends",
        ];
        let mut all = Vec::new();
        for (_, bytes) in crate::bundled::SEEDS {
            let n = normalize(bytes);
            for sp in sentences(&n, |_| false) {
                all.push(n.as_str()[sp.start..sp.end].to_string());
            }
        }
        for w in whole.iter().chain(&alone) {
            assert!(
                all.iter().any(|s| s == w),
                "not a sentence of the seeds: {:?}",
                w
            );
        }
    }

    #[test]
    fn paragraphs() {
        let n = normalize(b"Title\n\nFirst one. Second.\nThird.\n\n\nFourth.");
        let s = sentences(&n, |_| false);
        let p: Vec<usize> = s.iter().map(|s| s.paragraph).collect();
        assert_eq!(p, [0, 1, 1, 2, 3]);
    }
}
