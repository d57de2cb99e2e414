//! Language of the body text, with `lingua` (Indonesian, Malay and English models only).

use std::sync::LazyLock;

use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};

/// The detector, built once with its three models preloaded (about 16 MB); read-only after.
static DETECTOR: LazyLock<LanguageDetector> = LazyLock::new(|| {
    LanguageDetectorBuilder::from_languages(&[Language::Indonesian, Language::Malay, Language::English])
        .with_preloaded_language_models()
        .build()
});

/// Detects the language of `paragraphs` from a sample of at most `sample_chars` characters.
/// Returns the ISO 639-1 code and the confidence, or `None` when there is no text.
pub fn detect(paragraphs: &[String], sample_chars: usize) -> Option<(String, f64)> {
    let sample = sample(paragraphs, sample_chars);
    if sample.chars().filter(|c| c.is_alphabetic()).count() < 20 {
        return None;
    }
    let values = DETECTOR.compute_language_confidence_values(&sample);
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
