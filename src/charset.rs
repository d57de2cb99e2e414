//! Bytes to text: BOM first, then the HTTP header's charset, then `<meta charset>`,
//! then detection. Says how the encoding was chosen so a guess can be reported.

use std::borrow::Cow;

use encoding_rs::Encoding;

/// How the encoding of a document was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EncodingSource {
    /// A byte-order mark.
    Bom,
    /// The HTTP `Content-Type` header.
    Header,
    /// `<meta charset>` or `<meta http-equiv="Content-Type">`.
    Meta,
    /// No declaration; the bytes are valid UTF-8.
    Utf8,
    /// No declaration; detected statistically (a guess).
    Detected,
}

/// Text decoded from an input, with the encoding used and how it was chosen.
#[derive(Debug, Clone)]
pub struct Decoded<'a> {
    /// The document as UTF-8: the input bytes themselves when they already were UTF-8.
    pub text: Cow<'a, str>,
    /// The encoding the bytes were read with.
    pub encoding: &'static Encoding,
    /// How that encoding was chosen.
    pub source: EncodingSource,
    /// True when some bytes were invalid in that encoding and replaced by U+FFFD.
    pub had_errors: bool,
}

impl Decoded<'_> {
    /// A warning for the record when the encoding was a guess or the bytes were broken.
    pub fn warnings(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.source == EncodingSource::Detected {
            out.push(format!("charset: no declaration, detected {} (a guess)", self.encoding.name()));
        }
        if self.had_errors {
            out.push(format!(
                "charset: some bytes were invalid {} and were replaced",
                self.encoding.name()
            ));
        }
        out
    }
}

/// Decodes `bytes`, taking the charset from the BOM, `content_type`, the markup, or detection.
pub fn decode<'a>(bytes: &'a [u8], content_type: Option<&str>) -> Decoded<'a> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return finish(&bytes[bom_len..], encoding, EncodingSource::Bom);
    }
    if let Some(encoding) = content_type.and_then(charset_param).and_then(lookup) {
        return finish(bytes, encoding, EncodingSource::Header);
    }
    if let Some(encoding) = meta_charset(&bytes[..bytes.len().min(4096)]) {
        // A page that declares a legacy charset but is valid UTF-8 with non-ASCII bytes was
        // re-saved as UTF-8 (common in scraped corpora): the bytes win over the stale label.
        let encoding = if encoding != encoding_rs::UTF_8
            && !bytes.is_ascii()
            && std::str::from_utf8(bytes).is_ok()
        {
            encoding_rs::UTF_8
        } else {
            encoding
        };
        return finish(bytes, encoding, EncodingSource::Meta);
    }
    if std::str::from_utf8(bytes).is_ok() {
        return finish(bytes, encoding_rs::UTF_8, EncodingSource::Utf8);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(Some(b"id"), chardetng::Utf8Detection::Allow);
    finish(bytes, encoding, EncodingSource::Detected)
}

fn finish<'a>(bytes: &'a [u8], encoding: &'static Encoding, source: EncodingSource) -> Decoded<'a> {
    // UTF-16 labels inside markup are wrong by definition (the markup was readable as ASCII).
    let encoding = if source == EncodingSource::Meta && encoding.output_encoding() != encoding {
        encoding.output_encoding()
    } else {
        encoding
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    Decoded { text, encoding, source, had_errors }
}

fn lookup(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().trim_matches(|c| c == '"' || c == '\'').as_bytes())
}

/// The `charset=` parameter of a `Content-Type` value.
pub fn charset_param(content_type: &str) -> Option<&str> {
    let lower = content_type.to_ascii_lowercase();
    let at = lower.find("charset")?;
    let rest = &content_type[at + "charset".len()..];
    let rest = rest.trim_start().strip_prefix('=')?.trim_start();
    let end = rest
        .find(|c: char| c == ';' || c == ',' || c.is_whitespace() || c == '>' || c == '/')
        .unwrap_or(rest.len());
    let value = rest[..end].trim_matches(|c| c == '"' || c == '\'');
    (!value.is_empty()).then_some(value)
}

/// Finds `<meta charset=…>` or a `http-equiv` content type in the first bytes of a page.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let text = String::from_utf8_lossy(head);
    let lower = text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = lower[from..].find("<meta") {
        let start = from + pos;
        let end = lower[start..].find('>').map(|e| start + e).unwrap_or(lower.len());
        let tag = &text[start..end];
        if let Some(value) = charset_param(tag) {
            if let Some(encoding) = lookup(value) {
                return Some(encoding);
            }
        }
        from = end.max(start + 5);
        if from >= lower.len() {
            break;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_wins_over_meta() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice("<meta charset=\"iso-8859-1\"><p>Café</p>".as_bytes());
        let d = decode(&bytes, None);
        assert_eq!(d.source, EncodingSource::Bom);
        assert!(d.text.contains("Café"));
    }

    #[test]
    fn header_wins_over_meta() {
        let bytes = b"<meta charset=utf-8><p>Caf\xe9</p>";
        let d = decode(bytes, Some("text/html; charset=ISO-8859-1"));
        assert_eq!(d.source, EncodingSource::Header);
        assert!(d.text.contains("Café"));
    }

    #[test]
    fn latin1_meta_is_honoured() {
        let bytes = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"></head><p>Caf\xe9</p>";
        let d = decode(bytes, None);
        assert_eq!(d.source, EncodingSource::Meta);
        assert!(d.text.contains("Café"));
        assert!(d.warnings().is_empty());
    }

    #[test]
    fn undeclared_legacy_bytes_are_detected_and_reported() {
        let bytes = b"<p>Menteri berkata: caf\xe9 dan r\xe9sum\xe9 untuk semua orang di sana</p>";
        let d = decode(bytes, None);
        assert_eq!(d.source, EncodingSource::Detected);
        assert!(d.text.contains("café"));
        assert_eq!(d.warnings().len(), 1);
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "<p>Halo dunia</p>".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let d = decode(&bytes, None);
        assert_eq!(d.text, "<p>Halo dunia</p>");
    }
}
