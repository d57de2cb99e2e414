//! Quotes, direct and indirect, with their speakers resolved.

use super::people::Mention;
use crate::record::Quote;

/// Finds the quotes in `paragraphs`; `mentions` are the people found in the body, used to
/// resolve "-nya" cues, pronouns and bare positions ("kata Kapolres") to a person.
pub fn extract(_paragraphs: &[String], _mentions: &[Mention]) -> Vec<Quote> {
    Vec::new()
}
