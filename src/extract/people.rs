//! People and officials: name, position, rank and organisation, mentions merged.
//!
//! Three entry points, used by `extract::run` and by `quotes`:
//! [`parse_at`] reads one person description at the start of a text ("Direktur Jenderal
//! Imigrasi, Silmy Karim", "Kapolres Ternate AKBP Niko"), [`find_mentions`] finds every
//! description in the body, and [`merge`] turns mentions, quote speakers and the byline into
//! one [`Person`] per person.

use crate::record::{Person, PersonRole, Quote};

/// A person as one phrase of the text describes them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PersonPhrase {
    /// The name without rank and honorifics ("Waris Agono"); None for a bare position ("Kapolres").
    pub name: Option<String>,
    /// The position in its long form ("Kepala Kepolisian Resor").
    pub position: Option<String>,
    /// The position as written ("Kapolres").
    pub position_written: Option<String>,
    /// Rank and honorifics as written ("Irjen Pol.", "AKBP", "Dr.").
    pub rank: Option<String>,
    /// The organisation or region the position belongs to ("Maluku Utara", "Imigrasi").
    pub organization: Option<String>,
    /// Byte offset where the description starts, in the text it was read from.
    pub start: usize,
    /// Byte offset just past the description.
    pub end: usize,
}

/// One description of a person found in the body.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Mention {
    /// Index of the paragraph.
    pub paragraph: usize,
    /// What the phrase says; `start`/`end` are offsets in that paragraph.
    pub phrase: PersonPhrase,
}

/// Reads a person description at the very start of `text` (leading white space allowed).
/// Returns None when `text` does not start with a name or a position.
pub fn parse_at(text: &str) -> Option<PersonPhrase> {
    // Placeholder until the officials parser lands: a run of capitalised words is a name.
    let trimmed = text.trim_start();
    let start = text.len() - trimmed.len();
    let mut end = start;
    for word in trimmed.split(' ') {
        let clean = word.trim_end_matches([',', '.', ';', ':']);
        if clean.chars().next().is_some_and(char::is_uppercase) {
            end += word.len() + 1;
            if clean.len() != word.len() {
                end = end - 1 - (word.len() - clean.len());
                break;
            }
        } else {
            break;
        }
    }
    let end = end.min(text.len());
    let name = text[start..end].trim();
    (!name.is_empty()).then(|| PersonPhrase { name: Some(name.to_string()), start, end: start + name.len(), ..Default::default() })
}

/// Finds every person description in `paragraphs`, in reading order.
pub fn find_mentions(_paragraphs: &[String]) -> Vec<Mention> {
    Vec::new()
}

/// One entry per person: merges body mentions ("Silmy Karim", "Silmy", "Dirjen Imigrasi"),
/// marks quote speakers as sources, and adds byline authors and editors.
pub fn merge(mentions: &[Mention], quotes: &[Quote], authors: &[String], editors: &[String]) -> Vec<Person> {
    let mut people: Vec<Person> = Vec::new();
    for m in mentions {
        if let Some(name) = &m.phrase.name {
            if !people.iter().any(|p| &p.name == name) {
                people.push(Person { name: name.clone(), position: m.phrase.position.clone(), rank: m.phrase.rank.clone(), organization: m.phrase.organization.clone(), role: PersonRole::Mentioned, mentions: vec![name.clone()] });
            }
        }
    }
    for q in quotes {
        if let Some(speaker) = &q.speaker {
            match people.iter_mut().find(|p| &p.name == speaker) {
                Some(p) => p.role = PersonRole::Source,
                None => people.push(Person { name: speaker.clone(), position: q.speaker_position.clone(), role: PersonRole::Source, mentions: vec![speaker.clone()], ..Default::default() }),
            }
        }
    }
    for (names, role) in [(authors, PersonRole::Author), (editors, PersonRole::Editor)] {
        for name in names {
            people.push(Person { name: name.clone(), role, mentions: vec![name.clone()], ..Default::default() });
        }
    }
    people
}
