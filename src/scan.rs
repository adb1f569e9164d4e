//! Byte classes of text, 64 bytes at a time: where words start and which start with a
//! capital, for the passes that only care about word starts (the matcher's, the near-miss
//! search's); and how far a run of plain ASCII goes, for normalisation.
//!
//! On x86-64 the classes are computed with SSE2 (part of the base instruction set, so no
//! run-time detection is needed), elsewhere byte by byte; both give the same answers (tested).
//! Either way a pass over the text costs a few instructions per 16 bytes instead of a branch
//! per byte, and the callers visit only the positions whose bit is set.

use crate::text::is_word_byte;

/// The classes of a block of up to 64 bytes: bit `i` is about byte `base + i`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Block {
    /// The offset of the block's first byte.
    pub base: usize,
    /// Bytes in the block (bits at or above it are zero).
    pub valid: u64,
    /// ASCII letters and digits (see [`is_word_byte`]).
    pub word: u64,
    /// ASCII capital letters.
    pub upper: u64,
    /// ASCII small letters.
    pub lower: u64,
    /// Word bytes not preceded by a word byte.
    pub starts: u64,
}

impl Block {
    /// ASCII digits.
    #[inline]
    pub fn digit(&self) -> u64 {
        self.word & !self.upper & !self.lower
    }

    /// Bytes that are not word bytes.
    #[inline]
    pub fn non_word(&self) -> u64 {
        !self.word & self.valid
    }
}

/// The blocks of `hay`, from its start.
///
/// # Complexity
/// O(n) for n bytes, a block of 64 bytes at a time.
pub(crate) fn blocks(hay: &[u8]) -> Blocks<'_> {
    Blocks {
        hay,
        pos: 0,
        prev_word: false,
    }
}

/// An iterator over the [`Block`]s of a text.
pub(crate) struct Blocks<'a> {
    hay: &'a [u8],
    pos: usize,
    prev_word: bool,
}

impl Iterator for Blocks<'_> {
    type Item = Block;

    #[inline]
    fn next(&mut self) -> Option<Block> {
        let rest = &self.hay[self.pos.min(self.hay.len())..];
        if rest.is_empty() {
            return None;
        }
        let (mut block, len) = match rest.first_chunk::<64>() {
            Some(chunk) => (classify(chunk), 64),
            None => {
                let mut padded = [0u8; 64];
                padded[..rest.len()].copy_from_slice(rest);
                (classify(&padded), rest.len())
            }
        };
        block.base = self.pos;
        block.valid = if len == 64 { !0 } else { (1u64 << len) - 1 };
        block.starts = block.word & !(block.word << 1 | self.prev_word as u64);
        self.prev_word = block.word >> 63 & 1 == 1;
        self.pos += len;
        Some(block)
    }
}

/// The classes of 64 bytes (a zero byte is in none).
#[inline]
fn classify(chunk: &[u8; 64]) -> Block {
    #[cfg(target_arch = "x86_64")]
    {
        classify_sse2(chunk)
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        classify_scalar(chunk)
    }
}

#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn classify_scalar(chunk: &[u8; 64]) -> Block {
    let mut b = Block::default();
    for (i, &c) in chunk.iter().enumerate() {
        b.word |= (is_word_byte(c) as u64) << i;
        b.upper |= (c.is_ascii_uppercase() as u64) << i;
        b.lower |= (c.is_ascii_lowercase() as u64) << i;
    }
    b
}

#[cfg(target_arch = "x86_64")]
#[inline]
fn classify_sse2(chunk: &[u8; 64]) -> Block {
    use std::arch::x86_64::*;
    let mut b = Block::default();
    for k in 0..4 {
        // SAFETY: SSE2 is part of the x86-64 base instruction set; the unaligned load reads
        // the 16 bytes at 16 * k, inside the 64-byte array.
        unsafe {
            let x = _mm_loadu_si128(chunk.as_ptr().add(16 * k) as *const __m128i);
            // Signed compares: bytes from 0x80 are negative, so in no ASCII range.
            let within = |lo: u8, hi: u8| {
                _mm_and_si128(
                    _mm_cmpgt_epi8(x, _mm_set1_epi8(lo as i8 - 1)),
                    _mm_cmplt_epi8(x, _mm_set1_epi8(hi as i8 + 1)),
                )
            };
            let upper = within(b'A', b'Z');
            let lower = within(b'a', b'z');
            let word = _mm_or_si128(_mm_or_si128(upper, lower), within(b'0', b'9'));
            let mask = |v: __m128i| (_mm_movemask_epi8(v) as u32 as u64) << (16 * k);
            b.word |= mask(word);
            b.upper |= mask(upper);
            b.lower |= mask(lower);
        }
    }
    b
}

/// The end of the run of plain text that starts at `i` (`input[i]` is printable ASCII other
/// than a space): the first byte from `i + 1` that is not printable ASCII, except single
/// spaces between printable bytes.
///
/// # Complexity
/// O(r) for a run of r bytes, 16 bytes at a time on x86-64.
#[inline]
pub(crate) fn plain_run_end(input: &[u8], i: usize) -> usize {
    let n = input.len();
    // The first byte that stops the run: not printable ASCII, or a space after a space.
    let mut j = i + 1;
    let mut prev_space = false;
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::*;
        while j + 16 <= n {
            // SAFETY: SSE2 is part of x86-64; the load reads input[j..j + 16], in bounds.
            let (odd, space) = unsafe {
                let x = _mm_loadu_si128(input.as_ptr().add(j) as *const __m128i);
                let odd = _mm_or_si128(
                    _mm_cmplt_epi8(x, _mm_set1_epi8(b' ' as i8)),
                    _mm_cmpeq_epi8(x, _mm_set1_epi8(0x7f)),
                );
                let space = _mm_cmpeq_epi8(x, _mm_set1_epi8(b' ' as i8));
                (
                    _mm_movemask_epi8(odd) as u32,
                    _mm_movemask_epi8(space) as u32,
                )
            };
            let stop = odd | (space & (space << 1 | prev_space as u32));
            if stop != 0 {
                return back_off(input, j + stop.trailing_zeros() as usize);
            }
            prev_space = space >> 15 & 1 == 1;
            j += 16;
        }
    }
    while j < n {
        let c = input[j];
        let space = c == b' ';
        if !(b' '..0x7f).contains(&c) || (space && prev_space) {
            return back_off(input, j);
        }
        prev_space = space;
        j += 1;
    }
    back_off(input, n)
}

/// A run does not end in a space (it belongs to the whitespace that follows).
#[inline]
fn back_off(input: &[u8], k: usize) -> usize {
    if input[k - 1] == b' ' {
        k - 1
    } else {
        k
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference_run_end(input: &[u8], i: usize) -> usize {
        let plain = |b: u8| b > b' ' && b < 0x7f;
        let n = input.len();
        let mut j = i + 1;
        while j < n {
            let c = input[j];
            if plain(c) || (c == b' ' && j + 1 < n && plain(input[j + 1])) {
                j += 1;
            } else {
                break;
            }
        }
        j
    }

    fn texts() -> Vec<Vec<u8>> {
        let mut v: Vec<Vec<u8>> = [
            "Russia's envoy to the UN, Vasily Nebenzya, said on Friday that the U.S.-made drones",
            "two  spaces and a tab\there, a line\nbreak, CR\r\nLF and caf\u{e9} au lait \u{2019}s ",
            "ALL CAPS HEADLINE: IS IT 2024? 12345 abc DEF gHi x",
            " leading space",
            "trailing space ",
            "a",
            "",
        ]
        .iter()
        .map(|s| s.as_bytes().to_vec())
        .collect();
        // Every byte value, at every alignment, and long runs across the 16/64-byte steps.
        let all: Vec<u8> = (0..=255u8).chain((0..=255u8).rev()).collect();
        v.push(all);
        let long = "The Islamic State  claimed it. ".repeat(9);
        v.push(long.into_bytes());
        v
    }

    #[test]
    fn blocks_match_byte_by_byte() {
        for t in texts() {
            for from in 0..t.len().min(70) {
                let hay = &t[from..];
                let mut seen = 0;
                for b in blocks(hay) {
                    for i in 0..64 {
                        let p = b.base + i;
                        let bit = |m: u64| m >> i & 1 == 1;
                        if p >= hay.len() {
                            assert!(!bit(b.valid) && !bit(b.word) && !bit(b.starts));
                            continue;
                        }
                        seen += 1;
                        let c = hay[p];
                        assert!(bit(b.valid));
                        assert_eq!(bit(b.word), is_word_byte(c), "{:?} at {}", hay, p);
                        assert_eq!(bit(b.upper), c.is_ascii_uppercase());
                        assert_eq!(bit(b.lower), c.is_ascii_lowercase());
                        assert_eq!(bit(b.digit()), c.is_ascii_digit());
                        let start = is_word_byte(c) && (p == 0 || !is_word_byte(hay[p - 1]));
                        assert_eq!(bit(b.starts), start, "{:?} at {}", hay, p);
                    }
                }
                assert_eq!(seen, hay.len());
            }
        }
    }

    #[test]
    fn plain_runs_match_byte_by_byte() {
        for t in texts() {
            for i in 0..t.len() {
                if t[i] > b' ' && t[i] < 0x7f {
                    assert_eq!(
                        plain_run_end(&t, i),
                        reference_run_end(&t, i),
                        "{:?} from {}",
                        String::from_utf8_lossy(&t),
                        i
                    );
                }
            }
        }
    }

    #[cfg(target_arch = "x86_64")]
    #[test]
    fn sse2_and_scalar_agree() {
        for t in texts() {
            for w in t.chunks(64) {
                let mut c = [0u8; 64];
                c[..w.len()].copy_from_slice(w);
                assert_eq!(classify_sse2(&c), classify_scalar(&c));
            }
        }
    }
}
