//! Boilerplate lines judged by their text ("Baca juga: …", "ADVERTISEMENT", "2 jam lalu"), from
//! the phrase list in `src/lexicon/boilerplate.txt`.

use std::sync::LazyLock;

use regex::Regex;

/// The phrase list, compiled in.
const BOILERPLATE: &str = include_str!("../lexicon/boilerplate.txt");

/// Lower-cased phrases, split by how they match.
struct Phrases {
    prefix: Vec<&'static str>,
    exact: Vec<&'static str>,
}

static PHRASES: LazyLock<Phrases> = LazyLock::new(|| {
    let mut phrases = Phrases { prefix: Vec::new(), exact: Vec::new() };
    for row in crate::lexicon::rows(BOILERPLATE) {
        match row.as_slice() {
            ["prefix", phrase] => phrases.prefix.push(phrase),
            ["exact", phrase] => phrases.exact.push(phrase),
            _ => {}
        }
    }
    phrases
});

/// Teaser time stamps and counters that stand alone: "2 jam ago", "5 menit lalu", "3 hours ago".
// Why: the "Recent Posts" lists of turnbackhoax-01 and the detik sidebars end in such stamps.
static TEASER_STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:\d+|se)\s*(?:detik|menit|jam|hari|minggu|bulan|tahun|seconds?|minutes?|hours?|days?|weeks?|months?|years?)\s+(?:yang\s+)?(?:lalu|ago)$",
    )
    .expect("static regex")
});

/// A date-and-time line standing alone: "Rabu, 17 Juni 2015 | 22:26 WIB" (kompas-09).
static DATE_STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\w+\s*,\s*)?(?:\d{1,2}\s+\w+\s+\d{4}|\d{1,2}/\d{1,2}/\d{2,4})\s*[|,\-–]?\s*(?:\d{1,2}[:.]\d{2}(?:\s*(?:WIB|WITA|WIT|GMT|UTC))?)?$")
        .expect("static regex")
});

/// Photo credits are short; a long paragraph mentioning © is kept.
const MAX_CREDIT_BYTES: usize = 120;

/// Whether `text` (white space already normalised) is a boilerplate line rather than body text.
pub fn is_boilerplate(text: &str) -> bool {
    // The longest phrase is short: only the head of the paragraph needs lower-casing.
    let head: String = text.chars().take(48).flat_map(char::to_lowercase).collect();
    let trimmed = head.trim_end_matches([':', ' ', '.', '»', '>', '›']);
    let whole = text.chars().count() <= 48;
    if whole && PHRASES.exact.contains(&trimmed) {
        return true;
    }
    for p in &PHRASES.prefix {
        if let Some(rest) = head.strip_prefix(p) {
            // The phrase must end at a word boundary: "Baca juga:" yes, "Bacaan" no.
            if rest.chars().next().is_none_or(|c| !c.is_alphanumeric()) {
                return true;
            }
        }
    }
    // A short line with a copyright sign is a photo credit ("Terry Holdbrooks.
    // ©witnesstoguantanamo.com", merdeka-11; "Dian Sastro © instagram.com/…", kapanlagi-02).
    if text.len() <= MAX_CREDIT_BYTES && text.contains('©') {
        return true;
    }
    whole && (TEASER_STAMP.is_match(text) || DATE_STAMP.is_match(text))
}

#[cfg(test)]
mod tests {
    use super::is_boilerplate;

    #[test]
    fn lines_from_real_pages() {
        // detik-03, kompas-08 and merdeka pages.
        assert!(is_boilerplate("Baca juga: Polisi Tangkap Pemotor yang Cekcok dengan Pemobil"));
        assert!(is_boilerplate("BACA JUGA: Jadwal Lengkap Piala Dunia 2022"));
        assert!(is_boilerplate("ADVERTISEMENT"));
        assert!(is_boilerplate("SCROLL TO CONTINUE WITH CONTENT"));
        assert!(is_boilerplate("2 jam ago"));
        assert!(is_boilerplate("Berita Terkait"));
        assert!(is_boilerplate("Rabu, 17 Juni 2015 | 22:26 WIB"));
        assert!(is_boilerplate("Terry Holdbrooks. ©witnesstoguantanamo.com"));
        assert!(is_boilerplate("Jumat , 17 February 2017, 13:16 WIB"));
        assert!(is_boilerplate("Selasa, 23/02/2016 15:32 WIB"));
        assert!(is_boilerplate("Reporter : Ramadhian Fadillah | Jumat, 19 Juni 2015 03:40"));
        assert!(!is_boilerplate("Bacaan niat sholat jamak dan qasar berikut ini perlu dihafalkan."));
        assert!(!is_boilerplate(
            "Jakarta - Polisi menyebut pistol dalam kasus cekcok pemobil vs pemotor cuma diperlihatkan."
        ));
        assert!(!is_boilerplate("Terpopuler di kalangan pelajar, aplikasi itu diunduh 2 juta kali."));
    }
}
