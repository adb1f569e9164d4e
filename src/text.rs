//! Text normalisation: the first step of the pipeline.
//!
//! News text writes the same name in many ways: curly or straight quotes, non-breaking spaces,
//! en dashes, accents, a line break in the middle of a name. [`normalize`] turns the bytes of a
//! document into plain ASCII text in which all of those are folded, and keeps an
//! [`OffsetMap`] so that every position in the normalised text maps back to a byte offset of
//! the original input. Invalid UTF-8 is read too: each invalid byte becomes `?`.
//!
//! Folding rules, each char of the input:
//! - ASCII letters, digits and punctuation are kept as they are (case is kept);
//! - a run of whitespace (any Unicode space, tab, CR, LF, NBSP, …) becomes one space, or one
//!   `\n` when it holds two line breaks or more (a paragraph break), so names match across a
//!   single line break but never across paragraphs; single line breaks are remembered in
//!   [`Normalized::line_breaks`];
//! - curly and other quotes become `'` or `"`, every dash and hyphen becomes `-`;
//! - letters with diacritics lose them, other scripts are transliterated (`deunicode`);
//! - a byte-order mark, zero-width characters and soft hyphens disappear.

/// Text folded to ASCII, with the map back to the input's bytes.
#[derive(Clone, Debug, Default)]
pub struct Normalized {
    text: String,
    map: OffsetMap,
    line_breaks: Vec<u32>,
    /// The length of the longest line (between line breaks of either kind), in bytes.
    longest_line: u32,
    /// Where invisible characters were dropped (zero-width spaces, soft hyphens): the
    /// normalised offset and the input offset of the first dropped one (see `to_original_end`).
    dropped: Vec<(u32, u32)>,
}

impl Normalized {
    /// The normalised text (ASCII only).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The normalised text as bytes.
    pub fn as_bytes(&self) -> &[u8] {
        self.text.as_bytes()
    }

    /// The length of the normalised text in bytes.
    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// Whether the normalised text is empty.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The offset in the original input of normalised offset `pos` (`pos` may be `len()`).
    /// The result is always on a UTF-8 character boundary of the input (or an invalid byte).
    pub fn to_original(&self, pos: usize) -> usize {
        self.map.to_original(pos)
    }

    /// The offset in the original input of normalised offset `pos` as the end of a span: the
    /// same as [`Normalized::to_original`], but before the invisible characters (zero-width
    /// spaces, soft hyphens, joiners) that follow the span's last character, if any:
    /// `Iran\u{200b} said` ends `Iran` at byte 4.
    ///
    /// # Example
    /// ```
    /// let n = nergraph::text::normalize("Iran\u{200b} said".as_bytes());
    /// assert_eq!(n.as_str(), "Iran said");
    /// assert_eq!((n.to_original(4), n.to_original_end(4)), (7, 4));
    /// ```
    pub fn to_original_end(&self, pos: usize) -> usize {
        match self
            .dropped
            .binary_search_by_key(&(pos as u32), |&(n, _)| n)
        {
            Ok(i) => self.dropped[i].1 as usize,
            Err(_) => self.to_original(pos),
        }
    }

    /// Blanks out web addresses (`https://…`, `www.…`, up to the next space or closing
    /// bracket or quote), e-mail addresses (`kabul.bureau@reuters.com`) and social-media
    /// handles (`@UN`), so that nothing is found inside them (`…/wiki/Vladimir_Putin`). The
    /// length, and so every offset, stays the same.
    ///
    /// # Complexity
    /// One substring search for `://`, one for `www.` and one for `@`, linear in the text.
    pub fn mask_urls(&mut self) {
        let mut spans: Vec<(usize, usize)> = Vec::new();
        {
            let hay = self.text.as_bytes();
            let opens = |b: u8| matches!(b, b' ' | b'\n' | b'(' | b'<' | b'"' | b'[' | b'\'');
            let closes = |b: u8| matches!(b, b' ' | b'\n' | b')' | b'>' | b'"' | b']');
            for needle in ["://", "www."] {
                for at in memchr::memmem::find_iter(hay, needle) {
                    if needle == "www." && at > 0 && is_word_byte(hay[at - 1]) {
                        continue;
                    }
                    let mut s = at;
                    while s > 0 && !opens(hay[s - 1]) {
                        s -= 1;
                    }
                    let mut e = at;
                    while e < hay.len() && !closes(hay[e]) {
                        e += 1;
                    }
                    spans.push((s, e));
                }
            }
            for at in memchr::memchr_iter(b'@', hay) {
                let word_after = hay.get(at + 1).is_some_and(|&b| is_word_byte(b));
                if !word_after {
                    continue;
                }
                let mut s = at;
                if at > 0 && is_word_byte(hay[at - 1]) {
                    // An e-mail address: back to its start.
                    while s > 0 && !opens(hay[s - 1]) {
                        s -= 1;
                    }
                } else if at > 0 && !opens(hay[at - 1]) {
                    continue;
                }
                let mut e = at + 1;
                while e < hay.len() && (is_word_byte(hay[e]) || matches!(hay[e], b'.' | b'-')) {
                    e += 1;
                }
                // Not a sentence's final point.
                while e > at + 1 && matches!(hay[e - 1], b'.' | b'-') {
                    e -= 1;
                }
                spans.push((s, e));
            }
        }
        if spans.is_empty() {
            return;
        }
        // Still ASCII: every byte of a span becomes a space.
        let mut bytes = std::mem::take(&mut self.text).into_bytes();
        for (s, e) in spans {
            bytes[s..e].fill(b' ');
        }
        self.text = String::from_utf8(bytes).expect("ASCII");
    }

    /// Positions (in the normalised text) of spaces that stand for a single line break.
    pub fn line_breaks(&self) -> &[u32] {
        &self.line_breaks
    }

    /// Whether the space at `pos` stands for a line break that ends a name: one that ends a
    /// short line (under 50 bytes: a headline, a caption, an item of a list, a byline), or any
    /// single line break of a document whose lines are paragraphs (one line is over 100 bytes),
    /// as scraped articles are; not one that wraps prose at a fixed width, where a name may
    /// go on on the next line. A name at the end of such a line is not the start of a longer
    /// name on the next.
    ///
    /// # Complexity
    /// O(log b) for b single line breaks in the document.
    pub fn breaks_short_line(&self, pos: usize) -> bool {
        let breaks = &self.line_breaks;
        let k = breaks.partition_point(|&b| (b as usize) < pos);
        if breaks.get(k).is_none_or(|&b| b as usize != pos) {
            return false;
        }
        if self.longest_line > 100 {
            return true;
        }
        let start = self.line_around(pos, pos, 50).start;
        pos - start < 50
    }

    /// The bounds of the line that holds `[s, e)`, at most `reach` bytes on either side: a
    /// line ends at a paragraph break (`\n`) or at a single line break.
    ///
    /// # Complexity
    ///
    /// O(log b + reach) for b single line breaks in the document.
    pub fn line_around(&self, s: usize, e: usize, reach: usize) -> std::ops::Range<usize> {
        let hay = self.text.as_bytes();
        let breaks = &self.line_breaks;
        let k = breaks.partition_point(|&b| (b as usize) < s);
        let line_start = if k > 0 { breaks[k - 1] as usize + 1 } else { 0 };
        let line_end = breaks.get(k).map_or(hay.len(), |&b| b as usize);
        let lo = s.saturating_sub(reach).max(line_start).min(s);
        let lo = hay[lo..s]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(lo, |p| lo + p + 1);
        let hi = (e + reach).min(line_end).max(e);
        let hi = hay[e..hi]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(hi, |p| e + p);
        lo..hi
    }
}

/// Maps offsets of normalised text back to offsets of the original input.
///
/// Stored as segments: in a *linear* segment each normalised byte stands for one input byte
/// (plain ASCII); in a *fixed* segment (a folded character or whitespace run) every position
/// maps to the start of that input character. Plain ASCII text needs a single segment.
#[derive(Clone, Debug, Default)]
pub struct OffsetMap {
    segs: Vec<Seg>,
}

#[derive(Clone, Copy, Debug)]
struct Seg {
    norm: u32,
    orig: u32,
    linear: bool,
}

impl OffsetMap {
    fn push(&mut self, norm: usize, orig: usize, linear: bool) {
        if let Some(last) = self.segs.last_mut() {
            if last.norm as usize == norm {
                *last = Seg {
                    norm: norm as u32,
                    orig: orig as u32,
                    linear,
                };
                return;
            }
        }
        self.segs.push(Seg {
            norm: norm as u32,
            orig: orig as u32,
            linear,
        });
    }

    /// The original offset of normalised offset `pos`.
    ///
    /// # Complexity
    /// O(log s) for s segments.
    pub fn to_original(&self, pos: usize) -> usize {
        let i = self.segs.partition_point(|s| s.norm as usize <= pos);
        if i == 0 {
            return 0;
        }
        let s = self.segs[i - 1];
        if s.linear {
            s.orig as usize + (pos - s.norm as usize)
        } else {
            s.orig as usize
        }
    }
}

/// Normalises a document (see the module docs).
///
/// # Example
/// ```
/// let n = nergraph::text::normalize("Russia\u{2019}s  D\u{e9}fense".as_bytes());
/// assert_eq!(n.as_str(), "Russia's Defense");
/// assert_eq!(n.to_original(9), 12); // "Defense" starts after the 3-byte apostrophe, `s` and 2 spaces
/// ```
///
/// # Complexity
/// O(n) time; the output is about as long as the input.
pub fn normalize(input: &[u8]) -> Normalized {
    assert!(
        input.len() < u32::MAX as usize,
        "documents over 4 GiB are not supported"
    );
    let mut out: Vec<u8> = Vec::with_capacity(input.len() + 16);
    let mut map = OffsetMap::default();
    let mut line_breaks = Vec::new();
    let mut dropped = Vec::new();
    let mut line_start = 0;
    let mut longest_line = 0;
    map.push(0, 0, true);
    // Whether the current map segment is linear and in step with (out.len(), i).
    let mut in_step = true;
    let mut i = 0;
    let n = input.len();
    while i < n {
        let b = input[i];
        if is_plain(b) {
            // Fast path: a run of plain ASCII, with single spaces between words.
            let j = crate::scan::plain_run_end(input, i);
            if !in_step {
                map.push(out.len(), i, true);
                in_step = true;
            }
            out.extend_from_slice(&input[i..j]);
            i = j;
            continue;
        }
        // Whitespace runs (ASCII or Unicode).
        if let Some((_, _)) = space_at(input, i) {
            let start = i;
            let mut newlines = 0;
            while i < n {
                match space_at(input, i) {
                    Some((len, nl)) => {
                        if nl == 1 && input[i] == b'\r' && input.get(i + 1) == Some(&b'\n') {
                            // CR LF counts once: the LF is counted next.
                        } else {
                            newlines += nl;
                        }
                        i += len;
                    }
                    None => break,
                }
            }
            let ch = if newlines >= 2 { b'\n' } else { b' ' };
            if newlines >= 1 {
                longest_line = longest_line.max(out.len() - line_start);
                line_start = out.len() + 1;
            }
            if newlines == 1 {
                line_breaks.push(out.len() as u32);
            }
            if i - start == 1 && (ch == input[start]) {
                // A lone ASCII space (or LF standing for itself): stays in step.
                if !in_step {
                    map.push(out.len(), start, true);
                    in_step = true;
                }
            } else {
                map.push(out.len(), start, false);
                in_step = false;
            }
            out.push(ch);
            continue;
        }
        // A non-ASCII character, or an invalid byte.
        let (c, len) = match decode(input, i) {
            Some(x) => x,
            None => {
                map.push(out.len(), i, false);
                in_step = false;
                out.push(b'?');
                i += 1;
                continue;
            }
        };
        let start = i;
        i += len;
        let folded = fold_char(c);
        if folded.is_empty() {
            if dropped.last().is_none_or(|&(p, _)| p as usize != out.len()) {
                dropped.push((out.len() as u32, start as u32));
            }
            in_step = false;
            continue;
        }
        map.push(out.len(), start, false);
        in_step = false;
        out.extend_from_slice(folded.as_bytes());
    }
    map.push(out.len(), n, true);
    let longest_line = longest_line.max(out.len().saturating_sub(line_start)) as u32;
    // SAFETY-free: everything pushed is ASCII.
    let text = String::from_utf8(out).expect("normalised text is ASCII");
    Normalized {
        text,
        map,
        line_breaks,
        longest_line,
        dropped,
    }
}

/// Printable ASCII other than space: copied as it is.
#[inline(always)]
fn is_plain(b: u8) -> bool {
    b > b' ' && b < 0x7f
}

/// If a whitespace character starts at `i`: its length and how many line breaks it is.
#[inline]
fn space_at(input: &[u8], i: usize) -> Option<(usize, usize)> {
    let b = input[i];
    match b {
        b' ' | b'\t' | 0x0b | 0x0c => Some((1, 0)),
        b'\n' | b'\r' => Some((1, 1)),
        _ if b < 0x80 => None,
        _ => {
            let (c, len) = decode(input, i)?;
            match c {
                '\u{2028}' | '\u{85}' => Some((len, 1)),
                '\u{2029}' => Some((len, 2)),
                c if c.is_whitespace() => Some((len, 0)),
                _ => None,
            }
        }
    }
}

/// Decodes the UTF-8 character at `i`, or `None` for an invalid byte.
#[inline]
fn decode(input: &[u8], i: usize) -> Option<(char, usize)> {
    let b = input[i];
    let len = match b {
        0x00..=0x7f => 1,
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return None,
    };
    let bytes = input.get(i..i + len)?;
    let s = std::str::from_utf8(bytes).ok()?;
    s.chars().next().map(|c| (c, len))
}

/// The ASCII folding of one non-ASCII, non-space character ("" to drop it).
fn fold_char(c: char) -> &'static str {
    match c {
        '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{00ad}' => "",
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '\u{02bc}'
        | '\u{02bb}' | '\u{00b4}' => "'",
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{00ab}'
        | '\u{00bb}' => "\"",
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' | '\u{fe58}' | '\u{fe63}' | '\u{ff0d}' => "-",
        '\u{2026}' => "...",
        // Combining marks (decomposed accents: `S\u{303}a\u{303}o`) vanish like precomposed ones.
        '\u{0300}'..='\u{036f}'
        | '\u{1ab0}'..='\u{1aff}'
        | '\u{1dc0}'..='\u{1dff}'
        | '\u{20d0}'..='\u{20ff}'
        | '\u{fe20}'..='\u{fe2f}' => "",
        _ => match deunicode::deunicode_char(c) {
            Some(s) if !s.trim().is_empty() && s.is_ascii() => s.trim(),
            _ => "?",
        },
    }
}

/// Normalises a name the way [`normalize`] normalises text, trimmed.
pub fn normalize_name(name: &str) -> String {
    let t = name.trim_matches(|c: char| c.is_ascii_whitespace());
    let b = t.as_bytes();
    // Most names are plain ASCII with single spaces: nothing to fold.
    let plain = b.iter().all(|&c| is_plain(c) || c == b' ') && !t.contains("  ");
    if plain {
        return t.to_string();
    }
    normalize(name.as_bytes()).as_str().trim().to_string()
}

/// Whether a normalised name is an acronym: it has an upper-case letter and no lower-case
/// letter (`US`, `U.S.`, `IS-K`, `NATO`, `G7`). Acronyms match only exactly as written.
pub fn is_acronym(norm: &str) -> bool {
    is_all_caps(norm.as_bytes())
}

/// Whether bytes hold capitals and no lower-case letter (an acronym as written).
pub fn is_all_caps(b: &[u8]) -> bool {
    b.iter().any(u8::is_ascii_uppercase) && !b.iter().any(u8::is_ascii_lowercase)
}

/// The key under which a name is matched: its normalisation, lower-cased unless it is an
/// acronym (then prefixed with `=` and kept as written). Two names with the same key are the
/// same pattern to the matcher.
pub fn name_key(name: &str) -> String {
    key_of_form(&normalize_name(name))
}

/// [`name_key`] of a name already normalised.
pub fn key_of_form(form: &str) -> String {
    if is_acronym(form) {
        format!("={}", form)
    } else {
        form.to_ascii_lowercase()
    }
}

/// The number of words of `text` that start in `[from, to)` (a word is a run of ASCII
/// letters and digits).
pub fn count_word_starts(text: &[u8], from: usize, to: usize) -> usize {
    if from >= to {
        return 0;
    }
    let first = (is_word_byte(text[from]) && (from == 0 || !is_word_byte(text[from - 1]))) as usize;
    // Branch-free, so that it vectorises.
    first
        + text[from..to]
            .windows(2)
            .map(|w| (!is_word_byte(w[0]) & is_word_byte(w[1])) as usize)
            .sum::<usize>()
}

/// A set of byte pairs: the first two bytes of names (a one-byte name is every pair that
/// begins with its byte), to rule out most places quickly.
#[derive(Clone, Debug)]
pub struct PairSet {
    bits: std::sync::Arc<[u64]>,
}

impl Default for PairSet {
    fn default() -> PairSet {
        PairSet::of(std::iter::empty::<&[u8]>())
    }
}

impl PairSet {
    /// The set of the first two bytes of `names`.
    pub fn of<I, N>(names: I) -> PairSet
    where
        I: IntoIterator<Item = N>,
        N: AsRef<[u8]>,
    {
        let mut bits = vec![0u64; 1024];
        let mut set = |k: usize| bits[k >> 6] |= 1 << (k & 63);
        for n in names {
            match *n.as_ref() {
                [] => {}
                [a] => (0..256).for_each(|b| set((a as usize) << 8 | b)),
                [a, b, ..] => set((a as usize) << 8 | b as usize),
            }
        }
        PairSet { bits: bits.into() }
    }

    /// The pairs of both sets.
    pub fn union(&self, other: &PairSet) -> PairSet {
        PairSet {
            bits: self
                .bits
                .iter()
                .zip(other.bits.iter())
                .map(|(a, b)| a | b)
                .collect(),
        }
    }

    /// Whether a name may begin with `a` followed by `b` (`b` is 0 at the end of a text).
    #[inline]
    pub fn contains(&self, a: u8, b: u8) -> bool {
        let k = (a as usize) << 8 | b as usize;
        self.bits[k >> 6] & (1 << (k & 63)) != 0
    }
}

/// The words (runs of ASCII letters and digits) of normalised documents, for
/// [`MatcherBuilder::vocabulary`](crate::MatcherBuilder::vocabulary).
#[derive(Clone, Debug, Default)]
pub struct Vocabulary {
    words: WordSet,
    starts: Option<PairSet>,
}

/// Distinct words (runs of ASCII letters and digits), those of up to 16 bytes packed into a
/// `u128`: a word holds no zero byte, so zero padding keeps any two apart. Most look-ups of a
/// pre-pass are of short words that are there already, and a packed word is hashed and
/// compared in registers instead of byte by byte through `memcmp` (the pass over every word
/// of 100 MB of news with the large gazetteer took a quarter of the run).
#[derive(Clone, Debug, Default)]
struct WordSet {
    short: rustc_hash::FxHashSet<u128>,
    long: rustc_hash::FxHashSet<Box<[u8]>>,
}

impl WordSet {
    /// The bytes of a word of at most 16 bytes as one number.
    #[inline]
    fn packed(word: &[u8]) -> Option<u128> {
        let mut buf = [0u8; 16];
        buf.get_mut(..word.len())?.copy_from_slice(word);
        Some(u128::from_le_bytes(buf))
    }

    /// [`WordSet::packed`] of the `len` bytes at `at` in `text`, read 16 bytes at a time where
    /// the text has them.
    #[inline]
    fn packed_at(text: &[u8], at: usize, len: usize) -> Option<u128> {
        if len > 16 {
            return None;
        }
        match text.get(at..at + 16) {
            Some(chunk) => {
                let all = u128::from_le_bytes(chunk.try_into().expect("16 bytes"));
                Some(if len == 16 {
                    all
                } else {
                    all & ((1u128 << (8 * len)) - 1)
                })
            }
            None => WordSet::packed(&text[at..at + len]),
        }
    }

    /// A packed word with its small letters in capitals. A packed word's bytes are below
    /// 0x80, so adding 0x1f or 0x05 to each sets its high bit exactly when the byte is at
    /// least `a` or past `z`, and never carries into the next byte.
    #[inline]
    fn packed_upper(k: u128) -> u128 {
        const ONES: u128 = u128::from_le_bytes([1; 16]);
        let at_least_a = k.wrapping_add(ONES * 0x1f);
        let past_z = k.wrapping_add(ONES * 0x05);
        let small = at_least_a & !past_z & (ONES * 0x80);
        k ^ (small >> 2)
    }

    fn contains(&self, word: &[u8]) -> bool {
        match WordSet::packed(word) {
            Some(k) => self.short.contains(&k),
            None => self.long.contains(word),
        }
    }

    /// Whether the set holds a word as written, with its first letter in capitals, or all in
    /// capitals (a packed word's capitals made in registers).
    fn contains_in_any_case(&self, word: &[u8]) -> bool {
        if let Some(k) = WordSet::packed(word) {
            let first = WordSet::packed_upper(k & 0xff) | (k & !0xff);
            return [k, first, WordSet::packed_upper(k)]
                .iter()
                .any(|k| self.short.contains(k));
        }
        let mut cased = word.to_vec();
        if self.long.contains(&cased[..]) {
            return true;
        }
        cased[0] = cased[0].to_ascii_uppercase();
        if self.long.contains(&cased[..]) {
            return true;
        }
        cased.make_ascii_uppercase();
        self.long.contains(&cased[..])
    }

    /// Adds the `len` bytes at `at` in `text`.
    #[inline]
    fn insert_at(&mut self, text: &[u8], at: usize, len: usize) {
        match WordSet::packed_at(text, at, len) {
            Some(k) => {
                self.short.insert(k);
            }
            None => {
                let word = &text[at..at + len];
                if !self.long.contains(word) {
                    self.long.insert(word.into());
                }
            }
        }
    }

    fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    fn extend(&mut self, other: WordSet) {
        fn union<T: std::hash::Hash + Eq>(
            a: &mut rustc_hash::FxHashSet<T>,
            b: rustc_hash::FxHashSet<T>,
        ) {
            if b.len() > a.len() {
                let small = std::mem::replace(a, b);
                a.extend(small);
            } else {
                a.extend(b);
            }
        }
        union(&mut self.short, other.short);
        union(&mut self.long, other.long);
    }
}

impl Vocabulary {
    /// An empty vocabulary.
    pub fn new() -> Vocabulary {
        Vocabulary::default()
    }

    /// An empty vocabulary that keeps only the words whose first two bytes (in the text:
    /// with the byte after a one-letter word) begin a name of `starts`: a name can only be
    /// found where its first two bytes are, so [`Vocabulary::admits`] answers the same for
    /// those names, and most words of a text (in small letters) are never hashed.
    pub fn for_names(starts: PairSet) -> Vocabulary {
        Vocabulary {
            words: Default::default(),
            starts: Some(starts),
        }
    }

    /// Adds the words of a document (raw bytes; normalised here).
    pub fn add_document(&mut self, doc: &[u8]) {
        let norm = normalize(doc);
        let b = norm.as_bytes();
        for block in crate::scan::blocks(b) {
            let mut bits = block.starts;
            while bits != 0 {
                let s = block.base + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let next = b.get(s + 1).copied().unwrap_or(0);
                if self
                    .starts
                    .as_ref()
                    .is_some_and(|f| !f.contains(b[s], next))
                {
                    continue;
                }
                // The word's end: from the block's word bits, unless it runs past the block.
                let off = s - block.base;
                let run = (!block.word >> off).trailing_zeros() as usize;
                let e = if off + run < 64 {
                    s + run
                } else {
                    b[s..]
                        .iter()
                        .position(|&c| !is_word_byte(c))
                        .map_or(b.len(), |k| s + k)
                };
                self.words.insert_at(b, s, e - s);
            }
        }
    }

    /// Adds the words of another vocabulary.
    pub fn extend(&mut self, other: Vocabulary) {
        self.words.extend(other.words);
    }

    /// The number of distinct words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether there are no words.
    pub fn is_empty(&self) -> bool {
        self.words.len() == 0
    }

    /// Whether a normalised name can occur in one of the capitalisations the matcher tries
    /// (as written, first letter capitalised, all capitals, a leading Arabic article `Al` in
    /// lower case); a quick test before the others.
    pub fn admits_in_any_case(&self, name: &str) -> bool {
        let b = name.as_bytes();
        let end = b.iter().position(|&c| !is_word_byte(c)).unwrap_or(b.len());
        if end == 0 {
            return true;
        }
        let w = &b[..end];
        // The Arabic article in lower case (`al-Tanf` for `Al-Tanf`).
        self.words.contains_in_any_case(w) || (w == b"Al" && self.words.contains(b"al"))
    }

    /// Whether a normalised name can occur: its first word is a word of the vocabulary (a
    /// name that does not start with a letter or digit always can).
    pub fn admits(&self, name: &str) -> bool {
        let b = name.as_bytes();
        let end = b.iter().position(|&c| !is_word_byte(c)).unwrap_or(b.len());
        end == 0 || self.words.contains(&b[..end])
    }
}

/// Whether a byte of normalised text is part of a word.
#[inline]
pub fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

/// The text as names are looked for in it: a hyphen between two letters or digits reads as a
/// space (`El-Fasher` is `El Fasher`, `Khalil-ur-Rahman` is `Khalil ur Rahman`), byte for
/// byte, so offsets are the same. Names are folded alike ([`fold_hyphens_str`]).
///
/// # Complexity
/// One pass; the text is copied only when it holds such a hyphen.
pub fn fold_hyphens(text: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    let inner = |i: usize| {
        text[i] == b'-'
            && i > 0
            && i + 1 < text.len()
            && is_word_byte(text[i - 1])
            && is_word_byte(text[i + 1])
    };
    let Some(first) = memchr::memchr_iter(b'-', text).find(|&i| inner(i)) else {
        return std::borrow::Cow::Borrowed(text);
    };
    let mut out = text.to_vec();
    for i in memchr::memchr_iter(b'-', &text[first..]).map(|i| i + first) {
        if inner(i) {
            out[i] = b' ';
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A name folded as [`fold_hyphens`] folds text.
pub fn fold_hyphens_str(name: &str) -> String {
    match fold_hyphens(name.as_bytes()) {
        std::borrow::Cow::Borrowed(_) => name.to_string(),
        // Only ASCII hyphens became ASCII spaces.
        std::borrow::Cow::Owned(b) => String::from_utf8(b).expect("still UTF-8"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A packed word's capitals are the word's.
    #[test]
    fn packed_words_in_capitals() {
        let chars = b"aAzZmM09`{@[_";
        for len in 1..=16 {
            for shift in 0..chars.len() {
                let w: Vec<u8> = (0..len)
                    .map(|i| chars[(i * 7 + shift) % chars.len()])
                    .collect();
                let k = WordSet::packed(&w).unwrap();
                let up = WordSet::packed(&w.to_ascii_uppercase()).unwrap();
                assert_eq!(
                    WordSet::packed_upper(k),
                    up,
                    "{:?}",
                    String::from_utf8_lossy(&w)
                );
            }
        }
    }

    /// A name's first word is admitted as written, capitalised or in capitals, up to 16 bytes
    /// and beyond.
    #[test]
    fn vocabulary_admits_in_any_case() {
        let long = "Abcdefghijklmnopqrstu";
        let mut v = Vocabulary::new();
        v.add_document(
            format!("Kabul NATO al Qaeda {} {}", long, long.to_ascii_uppercase()).as_bytes(),
        );
        for (name, want) in [
            ("Kabul", true),
            ("kabul", true),
            ("KABUL", false),
            ("nato", true),
            ("Nato", true),
            ("Al Qaeda", true),
            ("qaeda", true),
            ("kAbul", false),
            ("abcdefghijklmnopqrstu", true),
            ("Abcdefghijklmnopqrstu x", true),
            ("abcdefghijklmnopqrstv", false),
            ("-x", true),
        ] {
            assert_eq!(v.admits_in_any_case(name), want, "{name}");
        }
    }

    /// Words of every length around the 16 bytes a word is packed in, at a block's end, across
    /// two blocks and at the text's end, are found whole and only whole.
    #[test]
    fn vocabulary_words_of_every_length() {
        let words: Vec<String> = (1..=40)
            .map(|n| {
                (0..n)
                    .map(|i| (b'a' + ((n + i) % 26) as u8) as char)
                    .collect()
            })
            .collect();
        for lead in 0..70 {
            let mut text = " ".repeat(lead);
            text.push_str(&words.join(" "));
            let mut v = Vocabulary::new();
            v.add_document(text.as_bytes());
            assert_eq!(v.len(), words.len(), "lead {lead}");
            for w in &words {
                assert!(v.admits(w), "{w} (lead {lead})");
                assert!(w.len() == 1 || !v.admits(&w[1..]) || words.contains(&w[1..].to_string()));
                assert!(!v.admits(&format!("{w}q")), "{w}q (lead {lead})");
            }
        }
        // The last word of a text, shorter than 16 bytes from its end.
        let mut v = Vocabulary::new();
        v.add_document(b"x Kabul");
        assert!(v.admits("Kabul") && v.admits("x") && !v.admits("Kabu") && v.len() == 2);
    }

    #[test]
    fn hyphens_fold_between_letters() {
        for (text, want) in [
            ("El-Fasher", "El Fasher"),
            ("Khalil-ur-Rahman Haqqani", "Khalil ur Rahman Haqqani"),
            ("U.S.-made", "U.S.-made"),
            ("F-16s", "F 16s"),
            ("a - b", "a - b"),
            ("-Kabul-", "-Kabul-"),
            ("no hyphen", "no hyphen"),
        ] {
            assert_eq!(
                fold_hyphens(text.as_bytes()).as_ref(),
                want.as_bytes(),
                "{}",
                text
            );
            assert_eq!(fold_hyphens_str(text), want);
        }
    }

    fn check_map(input: &str) {
        let n = normalize(input.as_bytes());
        for p in 0..=n.len() {
            let o = n.to_original(p);
            assert!(input.is_char_boundary(o), "{:?}: {} -> {}", input, p, o);
        }
        assert_eq!(n.to_original(n.len()), input.len());
    }

    #[test]
    fn folding_table() {
        let cases = [
            ("Russia\u{2019}s", "Russia's"),
            ("\u{201c}Kabul\u{201d}", "\"Kabul\""),
            ("New\u{a0}Delhi", "New Delhi"),
            ("Vasily\nNebenzya", "Vasily Nebenzya"),
            ("Vasily \r\n  Nebenzya", "Vasily Nebenzya"),
            ("end.\n\nStart", "end.\nStart"),
            ("end.\r\n\r\nStart", "end.\nStart"),
            ("Tehreek\u{2013}e\u{2013}Taliban", "Tehreek-e-Taliban"),
            (
                "D\u{e9}fense Z\u{fc}rich \u{141}\u{f3}d\u{17a}",
                "Defense Zurich Lodz",
            ),
            ("\u{feff}Moscow", "Moscow"),
            ("Mos\u{ad}cow", "Moscow"),
            ("\u{41c}\u{43e}\u{441}\u{43a}\u{432}\u{430}", "Moskva"),
            ("a\u{2003}\u{2009}b", "a b"),
            ("Sa\u{303}o Paulo, Zu\u{308}rich", "Sao Paulo, Zurich"),
        ];
        for (input, want) in cases {
            assert_eq!(normalize(input.as_bytes()).as_str(), want, "{:?}", input);
            check_map(input);
        }
    }

    #[test]
    fn offsets_point_into_original() {
        let input = "\u{feff}Russia\u{2019}s  D\u{e9}fense\r\nMinistry";
        let n = normalize(input.as_bytes());
        let s = n.as_str();
        let at = s.find("Defense").unwrap();
        let (a, b) = (n.to_original(at), n.to_original(at + "Defense".len()));
        assert_eq!(&input[a..b], "D\u{e9}fense");
        let at = s.find("Ministry").unwrap();
        assert_eq!(&input[n.to_original(at)..], "Ministry");
        assert_eq!(n.line_breaks(), &[s.find(" Ministry").unwrap() as u32]);
    }

    #[test]
    fn invisible_characters_after_a_name_stay_outside_it() {
        for input in [
            "Iran\u{200b} said",
            "Iran\u{ad}'s",
            "Iran\u{feff} said",
            "Iran\u{2060}\u{200d} said",
        ] {
            let n = normalize(input.as_bytes());
            assert_eq!(&input[..n.to_original_end(4)], "Iran", "{:?}", input);
        }
        // Inside a name they are part of it.
        let input = "Paki\u{200b}stan said";
        let n = normalize(input.as_bytes());
        assert_eq!(&input[..n.to_original_end(8)], "Paki\u{200b}stan");
    }

    #[test]
    fn invalid_utf8_is_read() {
        let input = b"Kabul \xff\xfe Moscow";
        let n = normalize(input);
        assert_eq!(n.as_str(), "Kabul ?? Moscow");
        let at = n.as_str().find("Moscow").unwrap();
        assert_eq!(n.to_original(at), 9);
    }

    #[test]
    fn urls_are_blanked() {
        let input =
            "See https://en.wikipedia.org/wiki/Vladimir_Putin (or www.Reuters.com). Putin spoke.";
        let mut n = normalize(input.as_bytes());
        n.mask_urls();
        assert_eq!(n.len(), input.len());
        assert!(!n.as_str().contains("Vladimir") && !n.as_str().contains("Reuters"));
        assert!(n.as_str().ends_with(" Putin spoke."));
        assert!(n.as_str().contains(" (or "));
        let input = "Write to Kabul.Bureau@reuters.com or follow @UN and @NATO. Kabul said.";
        let mut n = normalize(input.as_bytes());
        n.mask_urls();
        let blanked = n.as_str();
        assert_eq!(blanked.len(), input.len());
        assert!(!blanked.contains('@') && !blanked.contains("Bureau") && !blanked.contains("UN"));
        assert!(blanked.contains(" or follow ") && blanked.ends_with(". Kabul said."));
    }

    #[test]
    fn keys() {
        assert_eq!(name_key("U.S."), "=U.S.");
        assert_eq!(name_key("Côte d’Ivoire"), "cote d'ivoire");
        assert!(is_acronym("IS-K"));
        assert!(!is_acronym("Mi-17"));
    }
}
