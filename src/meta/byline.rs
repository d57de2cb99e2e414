//! Byline text: "Penulis: X | Editor: Y", "Reporter : A, B", "Pewarta: C" → authors and
//! editors, with lists of people split into names.

use std::sync::LazyLock;

use regex::Regex;

/// Who a byline name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Wrote the article.
    Author,
    /// Edited the article.
    Editor,
}

/// Byline labels and their roles, from `byline_labels.tsv`.
static LABELS: LazyLock<Vec<(&'static str, Role)>> = LazyLock::new(|| {
    crate::lexicon::rows(include_str!("../lexicon/byline_labels.tsv"))
        .filter_map(|row| {
            let role = match *row.get(1)? {
                "editor" => Role::Editor,
                _ => Role::Author,
            };
            Some((*row.first()?, role))
        })
        .collect()
});

/// A label followed by ":" (or " -" after "Oleh"), at the line start or after a separator.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    let mut labels: Vec<&str> = LABELS.iter().map(|(l, _)| *l).collect();
    labels.sort_by_key(|l| std::cmp::Reverse(l.len()));
    let alt = labels.iter().map(|l| regex::escape(l).replace(' ', r"\s+")).collect::<Vec<_>>().join("|");
    Regex::new(&format!(r"(?i)(?:^|[|•·;,/]\s*|\s{{2,}}|\s)({alt})\s*:\s*")).expect("lexicon regex")
});

/// Characters of the longest label (white space included).
static MAX_LABEL_CHARS: LazyLock<usize> = LazyLock::new(|| LABELS.iter().map(|(l, _)| l.chars().count()).max().unwrap_or(0));

/// Role of a label as written ("Penulis", "REDAKTUR").
fn role_of(label: &str) -> Option<Role> {
    // Normalising and lower-casing never shorten a text below its visible characters, so a
    // text with more of them than the longest label is no label. Why: `is_label` is asked of
    // every short line of the page, and building the key for each was a tenth of `meta`.
    if label.len() > *MAX_LABEL_CHARS && crate::html::visible_chars(label) > *MAX_LABEL_CHARS {
        return None;
    }
    let key = crate::html::normalize_space(label).to_lowercase();
    LABELS.iter().find(|(l, _)| *l == key).map(|(_, r)| *r)
}

/// True when `line` is only a label ("Penulis", "Editor :"), its names on the next line.
pub fn is_label(line: &str) -> bool {
    role_of(line.trim().trim_end_matches(':')).is_some()
}

/// True for credits that name an organisation rather than a person ("Kompas Cyber Media",
/// "PT. VIVA MEDIA BARU", "mediaindonesia.com developer"): used only when no person is named.
pub fn is_organization(name: &str) -> bool {
    let lower = name.to_lowercase();
    lower.starts_with("pt ") || lower.starts_with("pt.") || lower.contains(" media") || lower.contains(".com")
        || lower.contains(".co") || lower.contains("developer") || lower.starts_with("http")
}

/// Reads one byline line: the names after each label, in order. A line whose first label is
/// not at its start is prose ("… kata editor: …") and gives nothing.
pub fn parse_line(line: &str) -> Vec<(Role, Vec<String>)> {
    let line = line.trim();
    let found: Vec<_> = LABEL.captures_iter(line).filter_map(|c| Some((c.get(0)?, c.get(1)?))).collect();
    let Some((first, _)) = found.first() else { return Vec::new() };
    if !line[..first.start()].trim().is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, (whole, label)) in found.iter().enumerate() {
        let end = found.get(i + 1).map_or(line.len(), |(next, _)| next.start());
        let value = &line[whole.end()..end];
        let Some(role) = role_of(label.as_str()) else { continue };
        let names = split_names(value);
        if !names.is_empty() {
            out.push((role, names));
        }
    }
    out
}

/// Words of a credit around a name ("Kontributor Lhokseumawe, Masriadi", "Oleh X",
/// "Dewi Kania Jurnalis"), from `byline_credit_words.txt`.
static CREDIT_WORDS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| crate::lexicon::entries(include_str!("../lexicon/byline_credit_words.txt")).collect());

/// Removes a leading or trailing credit word ("Oleh", "Jurnalis") from a name.
fn strip_credit(name: &str) -> String {
    let mut words: Vec<&str> = name.split_whitespace().collect();
    while words.len() > 1 && words.first().is_some_and(|w| CREDIT_WORDS.contains(&w.to_lowercase().as_str())) {
        words.remove(0);
    }
    while words.len() > 1 && words.last().is_some_and(|w| CREDIT_WORDS.contains(&w.to_lowercase().as_str())) {
        words.pop();
    }
    words.join(" ")
}

/// Splits a byline value into names. "X dan Y", "X, Y", "X/Y", "X & Y" are split only when
/// every part looks like a name; otherwise the value is kept as written ("Tim Redaksi").
pub fn split_names(value: &str) -> Vec<String> {
    let value = clean_value(value);
    if value.is_empty() {
        return Vec::new();
    }
    static SEP: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)\s*(?:,|/|&|\s+dan\s+|\s+and\s+)\s*").expect("static regex"));
    let parts: Vec<String> = SEP
        .split(&value)
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        // Why: Kompas writes "Penulis : Kontributor Lhokseumawe, Masriadi" (kompas-01): a
        // part opening with a credit word is a place credit, not a person.
        .filter(|p| {
            let first = p.split_whitespace().next().unwrap_or("").to_lowercase();
            !["kontributor", "koresponden", "laporan"].contains(&first.as_str())
        })
        // Why: "Ilana Muhlstein, MS, RDN" (benchmark page) and "Budi Santoso, S.H., M.Si" put
        // degrees after the name: a one-word part with a dot or in short capitals is a degree.
        .filter(|p| !is_degree(p))
        // Why: antaranews-05 credits "Oleh Desca Lidya Natalia", okezone-01 "Dewi Kania Jurnalis".
        .map(|p| strip_credit(&p))
        .collect();
    if parts.len() > 1 && parts.iter().all(|p| looks_like_name(p)) {
        return parts;
    }
    if parts.len() == 1 {
        return parts;
    }
    vec![strip_credit(&value)]
}

/// True for an academic degree written after a name ("MS", "S.H.", "M.Si", "PhD").
fn is_degree(part: &str) -> bool {
    !part.contains(' ')
        && (part.contains('.')
            || (part.chars().count() <= 4 && part.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase))
            || part == "PhD")
}

/// Trims separators, a trailing date or zone, and bracketed notes off a byline value.
fn clean_value(value: &str) -> String {
    let mut v = crate::html::normalize_space(value);
    // Why: "Editor: Y | Sabtu, 22 Jun 2024" leaves the date after a separator.
    if let Some(at) = v.find(['|', '•', '·', '\u{2013}', '\u{2014}']) {
        v.truncate(at);
    }
    if let Some(at) = v.find(" - ") {
        v.truncate(at);
    }
    if let Some(at) = v.find('(') {
        v.truncate(at);
    }
    v.trim_matches(|c: char| c.is_whitespace() || ",;:-|".contains(c)).to_string()
}

/// One to five words, each starting with an upper-case letter (particles like "bin" allowed).
pub fn looks_like_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 5
        && text.chars().count() <= 60
        && !text.chars().any(|c| c.is_ascii_digit())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                || ["bin", "binti", "al", "van", "de", "der", "von", "el"].contains(&w.to_lowercase().as_str())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(line: &str, role: Role) -> Vec<String> {
        parse_line(line).into_iter().filter(|(r, _)| *r == role).flat_map(|(_, n)| n).collect()
    }

    #[test]
    fn seed_byline_lines() {
        // cermat seed article (seeds/000_5e4d0282cbb32493.txt).
        assert_eq!(names("Penulis: Agus Salim Abas", Role::Author), ["Agus Salim Abas"]);
        assert_eq!(names("Editor: Ghalim Umabaihi", Role::Editor), ["Ghalim Umabaihi"]);
    }

    #[test]
    fn one_line_bylines() {
        // Kompas byline form (kompas-01, regional.kompas.com 2015).
        let line = "Penulis : Kontributor Lhokseumawe, Masriadi | Editor : Glori K. Wadrianto";
        assert_eq!(names(line, Role::Author), ["Masriadi"]);
        assert_eq!(names(line, Role::Editor), ["Glori K. Wadrianto"]);
        assert_eq!(names("Reporter: Fika Nurul dan Adi Suhendi", Role::Author), ["Fika Nurul", "Adi Suhendi"]);
        assert_eq!(names("Pewarta: Antara", Role::Author), ["Antara"]);
        // Republika (republika-01): "Rep: X/ Red: Y".
        assert_eq!(names("Red: Yudha Manggala P Putra", Role::Editor), ["Yudha Manggala P Putra"]);
        assert_eq!(names("Rep: Fika Nurul/ Red: Yudha Manggala P Putra", Role::Author), ["Fika Nurul"]);
        assert_eq!(names("Penulis: Tim Redaksi", Role::Author), ["Tim Redaksi"]);
        assert_eq!(names("Penulis: Budi Santoso, S.H., M.Si", Role::Author), ["Budi Santoso"]);
        assert_eq!(names("Penulis: Budisantoso Budiman, Agus S", Role::Author), ["Budisantoso Budiman", "Agus S"]);
    }

    #[test]
    fn prose_is_not_a_byline() {
        // PFSA dev-124: a sentence starting with "Penulis naskah …" has no label colon.
        assert!(parse_line("Penulis naskah Story of Kale, Irfan Ramli, mengakui banyak keterbatasan.").is_empty());
        assert!(parse_line("Ia berkata kepada editor: semua baik.").is_empty());
    }
}
