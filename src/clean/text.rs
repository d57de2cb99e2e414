//! The plain-text cleaner: the same job as the HTML cleaner, on lines of a saved text article.
//! Blocks are blank-line separated. Before the body: label lines ("Categories: X"), a date
//! line, a byline and the headline (the first short line without a final period). After it:
//! separators ("—–"), byline blocks, a lone site-name line and teaser runs ("Recent Posts"
//! then title / snippet… / "2 jam ago" lines). Every other block is a body paragraph — also
//! short subheadings inside the body, so that no sentence of the article is lost.

use std::sync::LazyLock;

use regex::Regex;

use super::Cleaned;
use crate::config::Config;
use crate::meta::{byline, time, Metadata};

/// Teaser block headers, from `site_boilerplate.txt`.
static TEASER_HEADERS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| crate::lexicon::entries(include_str!("../lexicon/site_boilerplate.txt")).collect());

/// Header labels and their fields, from `text_labels.tsv`.
static LABELS: LazyLock<Vec<(&'static str, &'static str)>> = LazyLock::new(|| {
    crate::lexicon::rows(include_str!("../lexicon/text_labels.tsv"))
        .filter_map(|row| Some((*row.first()?, *row.get(1)?)))
        .collect()
});

/// A teaser's age line: "2 jam ago", "3 hari yang lalu", "5 menit lalu".
static AGE: LazyLock<Regex> = LazyLock::new(|| {
    let units = crate::lexicon::entries(include_str!("../lexicon/site_ages.txt"))
        .map(regex::escape)
        .collect::<Vec<_>>()
        .join("|");
    Regex::new(&format!(r"(?i)^\d{{1,3}}\s+(?:{units})\s*(?:ago|lalu|yang\s+lalu)?$")).expect("lexicon regex")
});

/// Longest block (in characters) read as a heading, label, byline or teaser line.
const MAX_HEADING_CHARS: usize = 200;
/// Most words in a heading.
const MAX_HEADING_WORDS: usize = 25;
/// Longest block read as a date line.
const MAX_DATE_CHARS: usize = 60;
/// Most words in one byline name ("Muhammad Renald Shiftanto", "Tim Redaksi").
const MAX_NAME_WORDS: usize = 6;
/// Longest single token taken as a site name ("cermat").
const MAX_SITE_CHARS: usize = 30;

/// What a block is, before its neighbours are looked at.
#[derive(Debug, Clone, PartialEq)]
enum Kind {
    /// Only punctuation ("—–", "***").
    Separator,
    /// "Categories: X" and the like: field and values.
    Label(&'static str, Vec<String>),
    /// Byline lines: authors and editors.
    Byline(Vec<String>, Vec<String>),
    /// "Recent Posts", "Baca Juga" alone.
    TeaserHeader,
    /// "Baca juga: Some other title".
    InlineTeaser,
    /// "2 jam ago".
    Age,
    /// A single word ("cermat").
    Token,
    /// Short, no final period.
    Heading,
    /// Anything else: a paragraph.
    Text,
}

/// Splits a plain-text article into metadata (title, category, byline) and body paragraphs.
pub fn clean(text: &str, config: &Config) -> (Metadata, Cleaned) {
    let blocks = blocks(text);
    let kinds: Vec<Kind> = blocks.iter().map(|b| kind(b)).collect();
    let mut meta = Metadata::default();
    let mut cleaned = Cleaned::default();
    let has_text_later = |from: usize| kinds.get(from..).is_some_and(|rest| rest.contains(&Kind::Text));
    let mut body_started = false;
    let mut in_teasers = false;
    for (i, (block, kind)) in blocks.iter().zip(&kinds).enumerate() {
        if in_teasers {
            if is_teaser(block, kind) {
                continue;
            }
            in_teasers = false;
        }
        let near = |wanted: fn(&Kind) -> bool| {
            (i > 0 && wanted(&kinds[i - 1])) || kinds.get(i + 1).is_some_and(wanted)
        };
        match kind {
            Kind::Separator | Kind::InlineTeaser | Kind::Age => {}
            // A header followed by a paragraph is a subheading that happens to read
            // "Terkini" or "Rekomendasi": body text, not a teaser run.
            Kind::TeaserHeader
                if blocks.get(i + 1).zip(kinds.get(i + 1)).is_none_or(|(b, k)| is_teaser(b, k)) =>
            {
                in_teasers = true
            }
            Kind::Label(field, values) => match *field {
                "category" => meta.categories.extend(values.iter().cloned()),
                _ => meta.tags.extend(values.iter().cloned()),
            },
            Kind::Byline(authors, editors) => {
                meta.authors.extend(authors.iter().cloned());
                meta.editors.extend(editors.iter().cloned());
            }
            // Why: the seed's lone "cermat" line sits between its byline and "Recent Posts".
            Kind::Token
                if meta.site.is_none()
                    && near(|k| matches!(k, Kind::Byline(..) | Kind::TeaserHeader | Kind::Label(..))) =>
            {
                meta.site = Some(block.clone());
            }
            // A masthead word above the headline ("cermat" then the title) names the site.
            Kind::Token
                if !body_started
                    && meta.site.is_none()
                    && kinds.get(i + 1).is_some_and(|k| matches!(k, Kind::Heading | Kind::Label(..) | Kind::Byline(..))) =>
            {
                meta.site = Some(block.clone());
            }
            Kind::Heading | Kind::Token if !body_started => {
                if let Some((date, z)) = date_line(block) {
                    meta.published.get_or_insert_with(|| date.render(z));
                } else if meta.title.is_none() && *kind == Kind::Heading && has_text_later(i + 1) {
                    meta.title = Some(block.clone());
                } else {
                    body_started = true;
                    push(&mut cleaned, block, config);
                }
            }
            _ => {
                body_started = true;
                push(&mut cleaned, block, config);
            }
        }
    }
    if cleaned.paragraphs.is_empty() {
        cleaned.warnings.push("no article body found".to_string());
    }
    meta.authors = dedup(std::mem::take(&mut meta.authors));
    meta.editors = dedup(std::mem::take(&mut meta.editors));
    meta.categories = dedup(std::mem::take(&mut meta.categories));
    meta.tags = dedup(std::mem::take(&mut meta.tags));
    (meta, cleaned)
}

/// True for a teaser line: a title, a snippet cut with "…", an age line ("2 jam ago").
/// Why: the seed's "Recent Posts" run is exactly these three kinds of line.
fn is_teaser(block: &str, kind: &Kind) -> bool {
    matches!(kind, Kind::Heading | Kind::Age | Kind::Token | Kind::Separator)
        || block.ends_with('…')
        || block.ends_with("...")
}

/// Adds a body paragraph, within the configured limits.
fn push(cleaned: &mut Cleaned, block: &str, config: &Config) {
    if cleaned.paragraphs.len() >= config.max_paragraphs {
        if !cleaned.warnings.iter().any(|w| w.starts_with("paragraphs after")) {
            cleaned.warnings.push(format!("paragraphs after the first {} dropped", config.max_paragraphs));
        }
        return;
    }
    let mut p = block.to_string();
    if p.len() > config.max_paragraph_bytes {
        let mut cut = config.max_paragraph_bytes;
        while cut > 0 && !p.is_char_boundary(cut) {
            cut -= 1;
        }
        p.truncate(cut);
        cleaned.warnings.push("paragraph cut at the size limit".to_string());
    }
    cleaned.paragraphs.push(p);
}

fn dedup(items: Vec<String>) -> Vec<String> {
    let mut seen = crate::fasthash::Set::default();
    items.into_iter().filter(|i| seen.insert(i.to_lowercase())).collect()
}

/// The text's blocks, white space normalised. Blank lines separate blocks and single newlines
/// inside one are spaces; in a text without any blank line, a line ending a sentence ends a
/// block (one paragraph per line) and shorter wrapped lines are joined.
fn blocks(text: &str) -> Vec<String> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = text.lines().collect();
    let first = lines.iter().position(|l| !l.trim().is_empty());
    let last = lines.iter().rposition(|l| !l.trim().is_empty());
    let has_blank = match (first, last) {
        (Some(first), Some(last)) => lines[first..=last].iter().any(|l| l.trim().is_empty()),
        _ => false,
    };
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let flush = |current: &mut Vec<&str>, out: &mut Vec<String>| {
        let t = crate::html::normalize_space(&current.join(" "));
        current.clear();
        if !t.is_empty() {
            out.push(t);
        }
    };
    for line in lines {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            flush(&mut current, &mut out);
            continue;
        }
        current.push(trimmed);
        // Why: a text without blank lines has one paragraph per line when lines end sentences;
        // short label or heading lines ("Penulis: X", a headline) stand alone too.
        if !has_blank && (ends_sentence(trimmed) || is_standalone_line(trimmed)) {
            flush(&mut current, &mut out);
        }
    }
    flush(&mut current, &mut out);
    out
}

/// True when the line is a label, byline or separator line that never continues a sentence.
fn is_standalone_line(line: &str) -> bool {
    !line.chars().any(char::is_alphanumeric) || label(line).is_some() || !byline::parse_line(line).is_empty()
}

/// True when the text ends a sentence (a final period, ?, !, … possibly inside a closing quote).
fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(['”', '’', '"', '\'', ')', ']', '»', ' ']);
    t.ends_with(['.', '!', '?', '…'])
}

/// "Categories: A, B" → the field and its values.
fn label(block: &str) -> Option<(&'static str, Vec<String>)> {
    let (key, value) = block.split_once(':')?;
    let key = crate::html::normalize_space(key).to_lowercase();
    let field = LABELS.iter().find(|(l, _)| *l == key).map(|(_, f)| *f)?;
    let values: Vec<String> = value
        .split([',', ';', '|'])
        .map(crate::html::normalize_space)
        .filter(|v| !v.is_empty())
        .collect();
    (!values.is_empty()).then_some((field, values))
}

/// A short block that is mostly a date ("Sabtu, 22 Jun 2024 19:30 WIB").
fn date_line(block: &str) -> Option<(time::PageDate, Option<i32>)> {
    if block.chars().count() > MAX_DATE_CHARS || block.split_whitespace().count() > 8 {
        return None;
    }
    time::find_text_date(block)
}

/// Classifies one block on its own text.
fn kind(block: &str) -> Kind {
    if !block.chars().any(char::is_alphanumeric) {
        return Kind::Separator;
    }
    let chars = block.chars().count();
    if chars > MAX_HEADING_CHARS {
        return Kind::Text;
    }
    if let Some((field, values)) = label(block) {
        return Kind::Label(field, values);
    }
    let lower = block.to_lowercase();
    let bare = lower.trim_end_matches([':', ' ']);
    if TEASER_HEADERS.contains(&bare) {
        return Kind::TeaserHeader;
    }
    // Why: "Baca juga: <other headline>" lines sit between body paragraphs on many sites.
    if let Some((head, rest)) = lower.split_once(':') {
        if TEASER_HEADERS.contains(&head.trim()) && !ends_sentence(rest) {
            return Kind::InlineTeaser;
        }
    }
    let found = byline::parse_line(block);
    // Why: interview transcripts write "Reporter: Apa kabar?"; a byline holds short names.
    let names_only = found.iter().flat_map(|(_, names)| names).all(|n| {
        n.split_whitespace().count() <= MAX_NAME_WORDS && !n.contains(['?', '!', '“', '”', '"'])
    });
    if !found.is_empty() && names_only {
        let mut authors = Vec::new();
        let mut editors = Vec::new();
        for (role, names) in found {
            match role {
                byline::Role::Author => authors.extend(names),
                byline::Role::Editor => editors.extend(names),
            }
        }
        return Kind::Byline(authors, editors);
    }
    if AGE.is_match(block) {
        return Kind::Age;
    }
    if !block.contains(char::is_whitespace) && chars <= MAX_SITE_CHARS {
        return Kind::Token;
    }
    let words = block.split_whitespace().count();
    if !ends_sentence(block) && !block.ends_with([':', ',', ';']) && words <= MAX_HEADING_WORDS {
        return Kind::Heading;
    }
    Kind::Text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cermat reference article (see seeds/SOURCE.md).
    const SEED: &str = include_str!("../../seeds/000_5e4d0282cbb32493.txt");

    #[test]
    fn seed_article() {
        let (meta, cleaned) = clean(SEED, &Config::default());
        let p = &cleaned.paragraphs;
        assert_eq!(p.len(), 13, "{p:#?}");
        assert!(p[0].starts_with("Sistem pelayanan atau perlintasan"));
        assert!(p[12].ends_with("yang lebih baik,” pungkasnya."));
        assert_eq!(meta.title.as_deref(), Some("Server PDN Kembali Pulih, Sistem Pelayanan Imigrasi Berjalan Normal"));
        assert_eq!(meta.categories, ["Advetorial"]);
        assert_eq!(meta.site.as_deref(), Some("cermat"));
        assert_eq!(meta.authors, ["Agus Salim Abas"]);
        assert_eq!(meta.editors, ["Ghalim Umabaihi"]);
        let all = p.join("\n");
        for teaser in ["Recent Posts", "Kapolda Maluku Utara Kunjungi", "Pili Torang", "jam ago", "Taliabu", "Halteng", "—–"] {
            assert!(!all.contains(teaser), "{teaser}");
        }
    }

    #[test]
    fn kompas_article_without_title_keeps_every_block() {
        // PFSA-ID dev article 000 as written by eval/pfsa_to_text.py: no title line, starts
        // with the dateline, and has a short subheading ("Sanitasi masyarakat") in the body.
        let text = include_str!("../../fixtures/meta/pfsa_dev_000.txt");
        let expected: Vec<String> =
            text.split("\n\n").map(crate::html::normalize_space).filter(|b| !b.is_empty()).collect();
        let (meta, cleaned) = clean(text, &Config::default());
        assert_eq!(cleaned.paragraphs, expected);
        assert!(cleaned.paragraphs[0].starts_with("JAKARTA, KOMPAS — Presiden Joko Widodo"));
        assert!(meta.title.is_none());
    }

    #[test]
    fn lines_without_blank_lines() {
        let text = "Penulis: Agus Salim Abas\nSistem pelayanan sudah mulai pulih sejak Sabtu malam.\nAutogate sudah normal pada Minggu.\n";
        let (meta, cleaned) = clean(text, &Config::default());
        assert_eq!(meta.authors, ["Agus Salim Abas"]);
        assert_eq!(cleaned.paragraphs, ["Sistem pelayanan sudah mulai pulih sejak Sabtu malam.", "Autogate sudah normal pada Minggu."]);
    }

    #[test]
    fn wrapped_lines_are_joined() {
        let text = "Judul Berita\n\nSistem pelayanan sudah mulai\npulih sejak Sabtu malam.\n\nAutogate sudah normal.\n";
        let (meta, cleaned) = clean(text, &Config::default());
        assert_eq!(meta.title.as_deref(), Some("Judul Berita"));
        assert_eq!(cleaned.paragraphs, ["Sistem pelayanan sudah mulai pulih sejak Sabtu malam.", "Autogate sudah normal."]);
    }

    #[test]
    fn masthead_and_read_also_lines() {
        // Shape of the seed's header with the site word on top, and a "Baca juga:" line
        // between body paragraphs as Indonesian sites print it.
        let text = "cermat\n\nServer PDN Kembali Pulih\n\nSistem pelayanan sudah mulai pulih sejak Sabtu malam.\n\nBaca juga: Kapolda Maluku Utara Kunjungi Polres Halut\n\nAutogate sudah normal pada Minggu.\n";
        let (meta, cleaned) = clean(text, &Config::default());
        assert_eq!(meta.site.as_deref(), Some("cermat"));
        assert_eq!(meta.title.as_deref(), Some("Server PDN Kembali Pulih"));
        assert_eq!(cleaned.paragraphs, ["Sistem pelayanan sudah mulai pulih sejak Sabtu malam.", "Autogate sudah normal pada Minggu."]);
    }

    #[test]
    fn interview_lines_are_not_bylines() {
        let text = "Reporter: Apa kabar hari ini?\n\nSistem pelayanan sudah mulai pulih sejak Sabtu malam.\n";
        let (meta, cleaned) = clean(text, &Config::default());
        assert!(meta.authors.is_empty());
        assert_eq!(cleaned.paragraphs.len(), 2);
    }

    #[test]
    fn teaser_word_as_subheading_stays() {
        let text = "Sistem pelayanan sudah mulai pulih sejak Sabtu malam.\n\nTerkini\n\nAutogate sudah normal pada Minggu, kata petugas.\n";
        let (_, cleaned) = clean(text, &Config::default());
        assert_eq!(cleaned.paragraphs.len(), 3);
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        let long = "é“".repeat(60_000);
        let config = Config { max_paragraph_bytes: 1_001, max_paragraphs: 2, ..Config::default() };
        for text in ["", "\n\n\n", "—–", "Penulis:", "Editor:\n", "31/02/2024 25:61 WIB", "Recent Posts", long.as_str(),
            "a\n\nb\n\nc\n\nd.", "Categories:\n\n“", "2 jam ago\n\nRecent Posts\n\ncermat"] {
            let (_, cleaned) = clean(text, &config);
            assert!(cleaned.paragraphs.len() <= 2);
            assert!(cleaned.paragraphs.iter().all(|p| p.len() <= 1_001));
        }
    }

    #[test]
    fn dateline_and_date_header() {
        let text = "Sabtu, 22 Jun 2024 19:30 WIB\n\nServer PDN Kembali Pulih\n\nSistem pelayanan sudah mulai pulih sejak Sabtu malam.\n";
        let (meta, cleaned) = clean(text, &Config::default());
        assert_eq!(meta.published.as_deref(), Some("2024-06-22T19:30:00+07:00"));
        assert_eq!(meta.title.as_deref(), Some("Server PDN Kembali Pulih"));
        assert_eq!(cleaned.paragraphs.len(), 1);
    }
}
