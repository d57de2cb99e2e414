//! Acronyms defined in the text: "Pusat Data Nasional (PDN)" and "PDN (Pusat Data Nasional)".

use crate::record::Acronym;

/// Finds acronym definitions in `paragraphs`, first definition of each short form wins.
pub fn extract(_paragraphs: &[String]) -> Vec<Acronym> {
    Vec::new()
}
