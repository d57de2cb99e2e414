//! Dates in the body: absolute ("Kamis (20/06/2024)") and relative ("Kamis pekan lalu"),
//! normalised against a reference date.

use chrono::NaiveDate;

use crate::record::DateMention;

/// Finds and normalises the dates in `paragraphs`; relative ones resolve against `reference`
/// (else the latest explicit date in the text, with a warning). Returns dates and warnings.
pub fn extract(_paragraphs: &[String], _reference: Option<NaiveDate>) -> (Vec<DateMention>, Vec<String>) {
    (Vec::new(), Vec::new())
}
