//! Information extraction from the cleaned body: quotes and speakers, people, dates, figures,
//! acronyms. Each extractor is a pure function of the paragraphs and the metadata.

pub mod acronyms;
pub mod dates;
pub mod figures;
pub mod people;
pub mod quotes;

use chrono::NaiveDate;

/// Test data shared by the extractors' unit tests.
#[cfg(test)]
pub(crate) mod test_support {
    /// The 13 body paragraphs of the reference article (`seeds/000_5e4d0282cbb32493.txt`): its
    /// blank-line blocks from "Sistem pelayanan atau perlintasan…" to "…pungkasnya.", read
    /// without the cleaner so that each extractor's test stands on its own.
    pub(crate) fn seed_paragraphs() -> Vec<String> {
        let text = include_str!("../../seeds/000_5e4d0282cbb32493.txt");
        let blocks: Vec<String> = text.split("\n\n").map(|b| b.trim().to_string()).filter(|b| !b.is_empty()).collect();
        let first = blocks.iter().position(|b| b.starts_with("Sistem pelayanan atau perlintasan")).expect("seed start");
        let last = blocks.iter().position(|b| b.ends_with("pungkasnya.")).expect("seed end");
        blocks[first..=last].to_vec()
    }
}

use crate::meta::Metadata;
use crate::record::{Acronym, DateMention, Figure, Person, Quote};

/// Everything the extractors found in one article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extracted {
    /// Quotes with speakers.
    pub quotes: Vec<Quote>,
    /// People, one entry each.
    pub people: Vec<Person>,
    /// Dates.
    pub dates: Vec<DateMention>,
    /// Figures.
    pub figures: Vec<Figure>,
    /// Acronyms.
    pub acronyms: Vec<Acronym>,
    /// Notes for the record (a weekday that contradicts its date, a guessed reference date …).
    pub warnings: Vec<String>,
}

/// Runs every extractor over `paragraphs`. `fallback_reference` is `--published`, used for
/// relative dates when the page itself has no publication date.
pub fn run(paragraphs: &[String], meta: &Metadata, fallback_reference: Option<NaiveDate>) -> Extracted {
    let reference = meta
        .published
        .as_deref()
        .and_then(|p| p.get(..10))
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .or(fallback_reference);
    let (dates, mut warnings) = dates::extract(paragraphs, reference);
    let figures = figures::extract(paragraphs);
    let acronyms = acronyms::extract(paragraphs);
    let mentions = people::drop_organizations(people::find_mentions(paragraphs), &acronyms);
    let quotes = quotes::extract(paragraphs, &mentions);
    let people = people::merge(&mentions, &quotes, &acronyms, &meta.authors, &meta.editors);
    warnings.sort();
    warnings.dedup();
    Extracted { quotes, people, dates, figures, acronyms, warnings }
}
