//! The Indonesian language knowledge, as plain data files compiled into the binary.
//! Each file is headed by `#` comments saying where its list came from; this module only
//! reads them. Lists are parsed once, on first use, and never change afterwards.

/// The entries of a lexicon file: one per line, `#` comments and blank lines skipped,
/// surrounding white space trimmed.
pub fn entries(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(|line| line.split_once(" #").map_or(line, |(entry, _)| entry).trim())
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

/// Entries of a tab-separated lexicon file, split into fields.
pub fn rows(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    entries(data).map(|line| line.split('\t').map(str::trim).collect())
}
