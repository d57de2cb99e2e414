//! Boilerplate out, body paragraphs in: `html` for markup, `text` for plain-text articles.

pub mod boilerplate;
pub mod html;
pub mod text;

/// The body of an article as the cleaner found it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cleaned {
    /// Body paragraphs in reading order, white space normalised.
    pub paragraphs: Vec<String>,
    /// Notes for the record ("no article body found", "paragraph cut at the size limit").
    pub warnings: Vec<String>,
}
