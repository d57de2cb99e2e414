//! Near-duplicate articles: a 64-bit SimHash over word shingles of the body, and an index that
//! finds, for each new fingerprint, an earlier one within a few bits.
//!
//! "First copy" means first in the input order of the run: the batch feeds the index in input
//! order (also with many workers), so `duplicate_of` does not depend on which worker finishes
//! first. Only cluster heads (records that are not duplicates themselves) are indexed, so
//! `duplicate_of` always names a record without a `duplicate_of` of its own.

use crate::fasthash::Map as HashMap;

/// Words per shingle. Three words keep word order (a re-shuffled text is not a copy) while a
/// changed number only touches three shingles.
const SHINGLE_WORDS: usize = 3;

/// Bodies with fewer words than this get no fingerprint: short bodies (index pages, photo
/// captions, "no article" pages) would match each other on the few words they share.
pub const MIN_WORDS: usize = 40;

/// Two fingerprints at most this many bits apart are near-duplicates. Measured with
/// `cargo run --release --example bench_batch -- dedup-check` on the 78 corpus and 181 benchmark
/// pages: of 237 copies with a new menu and footer, a "Baca juga" teaser in the body and one
/// number changed, 224 stay within 3 bits and 234 within 6; different articles of one site are
/// 20 bits or more apart (any two different pages: 18 or more). At 6, no false merge and 3 of
/// 237 copies missed (at 3: 13 missed); two random fingerprints fall within 6 bits with a chance
/// of about 4e-12 a pair.
pub const MAX_DISTANCE: u32 = 6;

/// The 64-bit SimHash of a body's word shingles, or `None` when the body is too short.
/// Words are lower-cased alphanumeric runs, so punctuation, quote marks and case do not count.
pub fn simhash(text: &str) -> Option<u64> {
    // The lower-cased words, one after another in one buffer (`ends` marks where each ends):
    // one allocation for the body instead of one a word.
    let mut lowered = String::with_capacity(text.len());
    let mut ends: Vec<usize> = Vec::new();
    for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if word.is_ascii() {
            lowered.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            lowered.push_str(&word.to_lowercase());
        }
        ends.push(lowered.len());
    }
    if ends.len() < MIN_WORDS {
        return None;
    }
    let word = |k: usize| &lowered.as_bytes()[if k == 0 { 0 } else { ends[k - 1] }..ends[k]];
    let mut counts = [0i32; 64];
    for first in 0..=ends.len() - SHINGLE_WORDS {
        let mut hash = FNV_OFFSET;
        for k in first..first + SHINGLE_WORDS {
            hash = fnv1a(hash, word(k));
            hash = fnv1a(hash, b" ");
        }
        let hash = mix(hash);
        for (bit, count) in counts.iter_mut().enumerate() {
            // +1 for a set bit, -1 for a clear one, without a branch.
            *count += ((hash >> bit) & 1) as i32 * 2 - 1;
        }
    }
    Some(counts.iter().enumerate().fold(0u64, |acc, (bit, &c)| if c > 0 { acc | 1 << bit } else { acc }))
}

/// The number of bits two fingerprints differ in.
pub fn distance(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

/// A fingerprint as 16 lower-case hex digits (the record's `fingerprint` field).
pub fn to_hex(fingerprint: u64) -> String {
    format!("{fingerprint:016x}")
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a, continued from `hash`: fixed and portable, so fingerprints are stable across runs
/// and machines (std's hasher is not promised to be).
fn fnv1a(mut hash: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// The splitmix64 finaliser: spreads FNV's weak high bits over all 64 bits.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Bands the 64 bits are cut into: two fingerprints within [`MAX_DISTANCE`] bits agree on at
/// least one whole band (pigeonhole), so a lookup only compares against fingerprints that share a
/// band instead of every earlier one.
const BANDS: u32 = MAX_DISTANCE + 1;

/// The earlier cluster heads of a run, searchable by fingerprint.
#[derive(Debug, Default)]
pub struct NearDuplicates {
    /// (fingerprint, record id) of every head, in input order.
    heads: Vec<(u64, String)>,
    /// (band number, band bits) → indexes into `heads`, ascending.
    bands: HashMap<(u32, u64), Vec<u32>>,
}

impl NearDuplicates {
    /// An empty index.
    pub fn new() -> Self {
        Self::default()
    }

    /// Heads indexed so far.
    pub fn len(&self) -> usize {
        self.heads.len()
    }

    /// True when nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.heads.is_empty()
    }

    /// The id of the earliest head within [`MAX_DISTANCE`] bits of `fingerprint`; when there
    /// is none, records `(fingerprint, id)` as a new head and returns `None`.
    pub fn check(&mut self, fingerprint: u64, id: &str) -> Option<String> {
        let mut best: Option<u32> = None;
        for band in 0..BANDS {
            if let Some(list) = self.bands.get(&(band, band_bits(fingerprint, band))) {
                // Lists are ascending: the first match in each list is that list's earliest.
                if let Some(&i) = list.iter().find(|&&i| distance(self.heads[i as usize].0, fingerprint) <= MAX_DISTANCE) {
                    best = Some(best.map_or(i, |b| b.min(i)));
                }
            }
        }
        if let Some(i) = best {
            return Some(self.heads[i as usize].1.clone());
        }
        let index = u32::try_from(self.heads.len()).unwrap_or(u32::MAX);
        for band in 0..BANDS {
            self.bands.entry((band, band_bits(fingerprint, band))).or_default().push(index);
        }
        self.heads.push((fingerprint, id.to_string()));
        None
    }
}

/// The bits of band `band` (bands are 64 / BANDS bits wide; the last takes the rest).
fn band_bits(fingerprint: u64, band: u32) -> u64 {
    let width = 64 / BANDS;
    let start = band * width;
    let end = if band + 1 == BANDS { 64 } else { start + width };
    let len = end - start;
    let mask = if len >= 64 { u64::MAX } else { (1u64 << len) - 1 };
    (fingerprint >> start) & mask
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Paragraphs of fixtures/pages/kompas-01 (the Lhokseumawe report), as extracted.
    fn body() -> String {
        let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/pages/kompas-01/source.html")).unwrap();
        match crate::extract_document(&crate::Input::from_bytes("k", bytes), &crate::Config::default()) {
            crate::Output::Record(r) => r.text,
            crate::Output::Error(e) => panic!("{}", e.error.message),
        }
    }

    #[test]
    fn a_copy_with_a_teaser_and_a_changed_number_is_near() {
        let text = body();
        let original = simhash(&text).expect("a long body");
        let copy = format!("{}\n\nBaca juga: Banjir rendam ratusan rumah di Aceh Utara\n\n", text.replacen('1', "7", 1));
        let copy = simhash(&copy).unwrap();
        assert!(distance(original, copy) <= MAX_DISTANCE, "{}", distance(original, copy));
    }

    #[test]
    fn different_articles_are_far_and_short_bodies_have_none() {
        let other_bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/pages/tempo-01/source.html")).unwrap();
        let crate::Output::Record(other) = crate::extract_document(&crate::Input::from_bytes("t", other_bytes), &crate::Config::default()) else {
            panic!()
        };
        let a = simhash(&body()).unwrap();
        let b = simhash(&other.text).unwrap();
        assert!(distance(a, b) > 10, "{}", distance(a, b));
        assert_eq!(simhash("Polisi menangkap tiga orang di Jakarta Selatan."), None);
    }

    #[test]
    fn the_index_names_the_earliest_head() {
        let mut index = NearDuplicates::new();
        assert_eq!(index.check(0xFF, "a"), None);
        assert_eq!(index.check(0xFF << 40, "b"), None);
        // Two bits from "a", ten from "b".
        assert_eq!(index.check(0x3F, "c").as_deref(), Some("a"));
        // Six bits from "a" (spread over four bands), eighteen from "b".
        assert_eq!(index.check(0xFC | 1 << 20 | 1 << 33 | 1 << 50 | 1 << 63, "d").as_deref(), Some("a"));
        // Seven bits from "a": a head of its own.
        assert_eq!(index.check(0xFC | 1 << 20 | 1 << 33 | 1 << 50 | 1 << 63 | 1 << 9, "x"), None);
        assert_eq!(index.len(), 3);
        // Far from everything: a new head.
        assert_eq!(index.check(u64::MAX, "e"), None);
    }
}
