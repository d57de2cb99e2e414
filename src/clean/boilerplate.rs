//! Boilerplate lines judged by their text ("Baca juga: …", "ADVERTISEMENT", "2 jam lalu"), from
//! the phrase list in `src/lexicon/boilerplate.txt`.

use std::sync::LazyLock;

use regex::Regex;

/// The phrase list, compiled in.
const BOILERPLATE: &str = include_str!("../lexicon/boilerplate.txt");

/// Lower-cased phrases, split by how they match.
struct Phrases {
    /// The paragraph starts with one of these.
    prefix: Vec<&'static str>,
    /// The paragraph is one of these.
    exact: Vec<&'static str>,
    /// A short paragraph starts with one of these.
    short: Vec<&'static str>,
    /// The paragraph is one of these credit labels (its value follows).
    label: Vec<&'static str>,
}

static PHRASES: LazyLock<Phrases> = LazyLock::new(|| {
    let mut phrases = Phrases { prefix: Vec::new(), exact: Vec::new(), short: Vec::new(), label: Vec::new() };
    for row in crate::lexicon::rows(BOILERPLATE) {
        match row.as_slice() {
            ["prefix", phrase] => phrases.prefix.push(phrase),
            ["exact", phrase] => phrases.exact.push(phrase),
            ["short", phrase] => phrases.short.push(phrase),
            ["label", phrase] => phrases.label.push(phrase),
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

/// A page marker standing alone: "2 dari 6 halaman" (page 2 of 6, liputan6-08).
static PAGE_MARK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\d+\s+dari\s+\d+\s+halaman$").expect("static regex"));

/// A short line that ends in a date and a time with nothing but punctuation between them: a
/// byline ("Vania Ika Aldida | Jum'at, 17 Februari 2017 - 13:30 wib", okezone-02; "Gayuh Tri
/// Pinjungwati02 Jun 2020, 19:15 WIB", fimela-01). Prose says "pukul" (at) before a time.
static BYLINE_STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:19|20)\d{2}[^\p{L}\d]{0,4}\d{1,2}[:.]\d{2}(?:\s*(?:wib|wita|wit))?$").expect("static regex")
});

/// A photo caption's credit at its end: "… Foto: Grammy" (viva-01), "… (Sumber: Pixabay)"
/// (fimela-01), "… (Liputan6.com/Triyasni)" (liputan6-05).
static CAPTION_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\bfoto\s*:\s*[^.:]{1,40}|\((?:sumber|foto|dok|ilustrasi)\s*:[^)]{1,60}\)|\([\w.-]+\.(?:com|co\.id|id)/[^)]{1,40}\))$")
        .expect("static regex")
});

/// A photo credit standing alone: "Republika/ Wihdan Hidayat" (republika-03), "Site/Name".
static PHOTO_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\p{Lu}][\w.]*\s*/\s*\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*){0,3}$").expect("static regex")
});

/// A credit signature in parentheses: "(fyk/ash)", "(kpl/pur/tch)", "(Cas/Isk)", "(FHM)".
static SIGNATURE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\(\s*[A-Za-z]{2,6}(?:\s*/\s*[A-Za-z]{2,6}){0,3}\s*\)$").expect("static regex"));

/// The same signature, with a slash, ending a paragraph: " (mdk/yan)" (merdeka-05).
static TRAILING_SIGNATURE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s+\(\s*[A-Za-z]{2,6}(?:\s*/\s*[A-Za-z]{2,6}){1,3}\s*\)$").expect("static regex"));

/// Photo credits are short; a long paragraph mentioning © is kept.
// Why: kapanlagi-01's caption "… drama musikal/©KapanLagi.com®/M. Akrom Sukarya" is 140 bytes.
const MAX_CREDIT_BYTES: usize = 200;
/// Longest line read as a byline or a source line.
const MAX_BYLINE_BYTES: usize = 120;
/// Longest paragraph read as a photo caption.
const MAX_CAPTION_BYTES: usize = 300;
/// Longest line read as the value of a credit label.
pub const MAX_LABEL_VALUE_BYTES: usize = 60;

/// Whether `text` is a credit label ("Redaktur", "Penulis") whose value is the next line.
pub fn is_credit_label(text: &str) -> bool {
    if text.chars().count() > 48 {
        return false;
    }
    let lower = text.to_lowercase();
    PHRASES.label.contains(&lower.trim_end_matches([':', ' ']))
}

/// `text` without a trailing credit signature " (mdk/yan)".
pub fn strip_signature(text: &str) -> &str {
    match TRAILING_SIGNATURE.find(text) {
        Some(m) if m.start() > 0 => &text[..m.start()],
        _ => text,
    }
}

/// Whether `text` (white space already normalised) is a boilerplate line rather than body text.
pub fn is_boilerplate(text: &str) -> bool {
    // The longest phrase is short: only the head of the paragraph needs lower-casing.
    let head: String = text.chars().take(48).flat_map(char::to_lowercase).collect();
    let trimmed = head.trim_end_matches([':', ' ', '.', '»', '>', '›']);
    let whole = text.chars().count() <= 48;
    if whole && (PHRASES.exact.contains(&trimmed) || PHRASES.label.contains(&trimmed)) {
        return true;
    }
    if text.len() <= MAX_BYLINE_BYTES {
        let starts = |p: &&str| head.strip_prefix(*p).is_some_and(|rest| rest.chars().next().is_none_or(|c| !c.is_alphanumeric()));
        if PHRASES.short.iter().any(starts) || BYLINE_STAMP.is_match(text) || PHOTO_CREDIT.is_match(text) {
            return true;
        }
    }
    if text.len() <= MAX_CAPTION_BYTES && CAPTION_CREDIT.is_match(text) {
        return true;
    }
    if SIGNATURE.is_match(text) || PAGE_MARK.is_match(text) {
        return true;
    }
    for p in &PHRASES.prefix {
        if let Some(rest) = head.strip_prefix(p) {
            // The phrase must end at a word boundary: "Baca juga:" yes, "Bacaan" no; a phrase
            // ending in punctuation ("dok.", kompas-05 "Dok.Saleh Husin …") is one already.
            let boundary = !p.ends_with(char::is_alphanumeric);
            if boundary || rest.chars().next().is_none_or(|c| !c.is_alphanumeric()) {
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

    #[test]
    fn bylines_captions_and_signatures() {
        // okezone-02, fimela-01, viva-01, liputan6-05/08, detik-01, okezone-02, republika-03.
        assert!(is_boilerplate("Vania Ika Aldida | Jum'at, 17 Februari 2017 - 13:30 wib"));
        assert!(is_boilerplate("Gayuh Tri Pinjungwati02 Jun 2020, 19:15 WIB"));
        assert!(is_boilerplate("Taylor Swift memberikan standing ovation untuk Joey Alexander. Foto: Grammy"));
        assert!(is_boilerplate("Infografis Shin Tae-yong Pelatih Baru Timnas Indonesia (Liputan6.com/Triyasni)"));
        assert!(is_boilerplate("2 dari 6 halaman"));
        assert!(is_boilerplate("(fyk/ash)"));
        assert!(is_boilerplate("(FHM)"));
        assert!(is_boilerplate("Sumber : kemenag.go.id"));
        assert!(is_boilerplate("Republika/ Wihdan Hidayat"));
        assert!(is_boilerplate("Dok.Saleh Husin Menperin bersama pejabat ekselon satu Kementerian Perindustrian"));
        assert!(!is_boilerplate("Dokter itu menolak berkomentar."));
        // Prose that ends with a time or mentions a source stays.
        assert!(!is_boilerplate("Rapat berlangsung Senin (17/2/2017) pukul 13.30 WIB"));
        assert!(!is_boilerplate("Pemerintah telah menyiapkan anggaran sebesar Rp 2 triliun (sumber APBN)."));
        assert_eq!(super::strip_signature("8. Pintu keluar Tol Buahbatu (mdk/yan)"), "8. Pintu keluar Tol Buahbatu");
        assert_eq!(super::strip_signature("Harga naik (BBM/solar) kemarin"), "Harga naik (BBM/solar) kemarin");
    }
}
