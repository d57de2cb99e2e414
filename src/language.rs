//! Language of the body text, with `lingua` (Indonesian, Malay and English models only).

use std::sync::LazyLock;

use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};

/// The detector, built once with its three models preloaded (about 16 MB); read-only after.
static DETECTOR: LazyLock<LanguageDetector> = LazyLock::new(|| {
    LanguageDetectorBuilder::from_languages(&[Language::Indonesian, Language::Malay, Language::English])
        .with_preloaded_language_models()
        .build()
});

/// A first look uses this share of the sample: a third (200 of the default 600 characters).
const QUICK_SAMPLE_DIVISOR: usize = 3;
/// A first look this sure is the answer; anything less reads the whole sample.
/// Why: detection was the largest single cost of `warta extract` (18% of its time on the
/// corpus pages, after the parser and cleaner were made cheaper). `examples/eval_language.rs`
/// over 448 bodies (268 of known language: the Indonesian corpus pages, the two English ones
/// and the PFSA-ID dev articles; 180 benchmark pages): a 200-character look at 0.99 gives the
/// same answer as the earlier 300 characters at 0.999 on every known page (one error either
/// way: liputan6-09 reads as Malay) and on every benchmark page but one Portuguese page that
/// none of the three models can name, in 0.110 instead of 0.145 ms a page. 180 characters
/// already turned a PFSA article Malay.
const QUICK_CONFIDENCE: f64 = 0.99;

/// Detects the language of `paragraphs` from a sample of at most `sample_chars` characters
/// (a first look at half of it decides when it is near-certain). Returns the ISO 639-1 code
/// and the confidence, or `None` when there is no text.
pub fn detect(paragraphs: &[String], sample_chars: usize) -> Option<(String, f64)> {
    detect_staged(paragraphs, sample_chars / QUICK_SAMPLE_DIVISOR, QUICK_CONFIDENCE, sample_chars)
}

/// [`detect`] with its stages spelled out: a first look at `quick_chars` characters is the
/// answer when it is at least `quick_confidence` sure, else `sample_chars` are read
/// (`quick_chars` 0: no first look). `examples/eval_language.rs` compares settings with it.
pub fn detect_staged(paragraphs: &[String], quick_chars: usize, quick_confidence: f64, sample_chars: usize) -> Option<(String, f64)> {
    if quick_chars > 0 {
        if let Some(found) = detect_in(&sample(paragraphs, quick_chars)).filter(|(_, c)| *c >= quick_confidence) {
            return Some(found);
        }
    }
    detect_in(&sample(paragraphs, sample_chars))
}

/// Detects the language of one sample.
fn detect_in(sample: &str) -> Option<(String, f64)> {
    if sample.chars().filter(|c| c.is_alphabetic()).count() < 20 {
        return None;
    }
    let values = DETECTOR.compute_language_confidence_values(sample);
    let (language, confidence) = values.first()?;
    let code = match language {
        Language::Indonesian => "id",
        Language::Malay => "ms",
        Language::English => "en",
        #[allow(unreachable_patterns)]
        _ => return None,
    };
    Some((code.to_string(), (confidence * 1000.0).round() / 1000.0))
}

/// Builds the sample from whole paragraphs, skipping the lead's first words where a dateline
/// ("JAKARTA, KOMPAS.com -") would add names rather than language.
fn sample(paragraphs: &[String], sample_chars: usize) -> String {
    let mut out = String::new();
    for p in paragraphs {
        if out.chars().count() >= sample_chars {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(p.chars().take(sample_chars));
    }
    out.chars().take(sample_chars).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indonesian_and_english() {
        let id = vec!["Sistem pelayanan atau perlintasan sudah mulai pulih dan beroperasi dengan baik sejak Sabtu malam.".to_string()];
        assert_eq!(detect(&id, 600).unwrap().0, "id");
        let en = vec!["The immigration system has recovered and is working normally again since Saturday night.".to_string()];
        assert_eq!(detect(&en, 600).unwrap().0, "en");
        assert!(detect(&[], 600).is_none());
    }
}
