//! The JSON contract: the serde types of one output record. No logic lives here.
//!
//! Search indexes and other tools rely on these field names; add fields freely,
//! never rename or remove one. `schema_version` changes only when a field's meaning does.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The version of the record contract written into every record.
pub const SCHEMA_VERSION: u32 = 1;

/// One output line: either an article record or an error record for one input.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(untagged)]
pub enum Output {
    /// The input was read and cleaned (possibly with warnings).
    Record(Box<Record>),
    /// The input could not be turned into a record.
    Error(ErrorRecord),
}

/// The clean, structured record of one news article.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Stable hex id: hash of the canonical URL when known, else of the input bytes.
    pub id: String,
    /// Where the input came from: a file path, `-` for stdin, or a URL.
    pub source: String,
    /// The article's canonical URL, when known.
    pub url: Option<String>,
    /// The site's name or host ("kompas.com", "cermat").
    pub site: Option<String>,
    /// The headline without a " - Site" suffix.
    pub title: Option<String>,
    /// Publication time: RFC 3339 with the page's offset, or `YYYY-MM-DD` when only the day is known.
    pub published: Option<String>,
    /// Last modification time, same format as `published`.
    pub modified: Option<String>,
    /// Writers (byline "Penulis", "Reporter", "Pewarta", JSON-LD author …).
    pub authors: Vec<String>,
    /// Editors (byline "Editor", "Redaktur" …).
    pub editors: Vec<String>,
    /// Site sections ("Nasional", "Advetorial").
    pub categories: Vec<String>,
    /// Keywords and tags the page gives.
    pub tags: Vec<String>,
    /// ISO 639-1 language code of the body text, or null when there is no body.
    pub language: Option<String>,
    /// Confidence of `language`, 0–1.
    pub language_confidence: Option<f64>,
    /// Body paragraphs joined by a blank line.
    pub text: String,
    /// Body paragraphs in reading order; extraction fields point into this list by index.
    pub paragraphs: Vec<String>,
    /// Things the reader of this record should know: guessed charset, no article found, …
    pub warnings: Vec<String>,
    /// Direct and indirect quotes with their speakers.
    pub quotes: Vec<Quote>,
    /// People named in the body or the byline, one entry per person.
    pub people: Vec<Person>,
    /// Dates mentioned in the body, normalised.
    pub dates: Vec<DateMention>,
    /// Numbers with their meaning.
    pub figures: Vec<Figure>,
    /// Acronyms defined in the text ("Pusat Data Nasional (PDN)").
    pub acronyms: Vec<Acronym>,
    /// 64-bit SimHash of the body's word shingles as 16 hex digits; written by `warta extract
    /// --fingerprint` for bodies of 40 words or more, absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<String>,
    /// The `id` of the first record of the run (in input order) whose body is a near-duplicate
    /// of this one (a syndicated or republished copy); absent when this is a first copy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<String>,
}

/// A quote and who said it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Quote {
    /// The quoted content, without the quote marks.
    pub text: String,
    /// `direct` (in quote marks) or `indirect` (reported speech).
    pub kind: QuoteKind,
    /// The speaker's name, else the position when no name is ever given, else null.
    pub speaker: Option<String>,
    /// The speaker's position, when the article gives one.
    pub speaker_position: Option<String>,
    /// The speech verb as written ("ungkap", "tuturnya", "menjelaskan").
    pub cue: Option<String>,
    /// Index into `paragraphs` of the quote's first paragraph.
    pub paragraph: usize,
    /// Index into `paragraphs` of the quote's last paragraph.
    pub paragraph_end: usize,
}

/// Whether a quote is in quote marks or reported.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Words in quote marks.
    #[default]
    Direct,
    /// Reported speech ("X mengatakan bahwa …").
    Indirect,
}

/// A person named in the article, with all mentions merged.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// The full name without rank or honorifics ("Waris Agono").
    pub name: String,
    /// Position, long form ("Kepala Kepolisian Daerah").
    pub position: Option<String>,
    /// Rank or honorifics as written ("Irjen Pol.").
    pub rank: Option<String>,
    /// Organisation or region of the position ("Maluku Utara", "Imigrasi").
    pub organization: Option<String>,
    /// `source` (quoted), `author`, `editor` or `mentioned`.
    pub role: PersonRole,
    /// The forms this person is mentioned by ("Silmy Karim", "Silmy", "Dirjen Imigrasi").
    pub mentions: Vec<String>,
}

/// Why a person is in the record.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum PersonRole {
    /// Quoted in the article.
    Source,
    /// Wrote the article (byline).
    Author,
    /// Edited the article (byline).
    Editor,
    /// Named without being quoted.
    #[default]
    Mentioned,
}

/// A date mentioned in the body.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DateMention {
    /// The phrase as written ("Kamis (20/06/2024)", "Kamis pekan lalu").
    pub text: String,
    /// `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, `YYYY-Www` (an ISO week: "pekan lalu"), or
    /// `YYYY-MM-DDTHH:MM+07:00` when a time is given (no offset when no time zone is written).
    pub value: String,
    /// `absolute` (written out) or `relative` (resolved against a reference date).
    pub kind: DateKind,
    /// Index into `paragraphs`.
    pub paragraph: usize,
    /// Last day of a range ("20-22 Juni 2024" → `2024-06-22`; a weekend), else null.
    pub value_end: Option<String>,
    /// Char offset of `text` in its paragraph.
    pub start: usize,
    /// Char offset just past `text` in its paragraph.
    pub end: usize,
}

/// How a date was written.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum DateKind {
    /// Written as a calendar date.
    #[default]
    Absolute,
    /// Relative to the publication date ("kemarin", "Kamis pekan lalu").
    Relative,
}

/// A number with its meaning.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// The phrase as written ("sekitar 60.000 paspor", "Rp 1,5 triliun").
    pub text: String,
    /// The number (1.5e12 for "Rp 1,5 triliun"; the lower bound of a range).
    pub value: f64,
    /// Upper bound of a range ("10-20 persen"), else null.
    pub value_max: Option<f64>,
    /// The counted noun or currency ("paspor", "IDR", "jam"), or null.
    pub unit: Option<String>,
    /// `count`, `percent`, `money`, `duration`, `measure` or `number`.
    pub kind: FigureKind,
    /// True when hedged ("sekitar", "lebih dari", "±").
    pub approximate: bool,
    /// Index into `paragraphs`.
    pub paragraph: usize,
}

/// What a figure measures.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum FigureKind {
    /// A number of things ("431 titik layanan").
    Count,
    /// A percentage.
    Percent,
    /// An amount of money.
    Money,
    /// A length of time ("12 jam").
    Duration,
    /// A physical quantity ("5 km", "2 ton").
    Measure,
    /// A bare number.
    #[default]
    Number,
}

/// An acronym defined in the text.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Acronym {
    /// The short form ("PDN").
    pub short: String,
    /// The long form ("Pusat Data Nasional").
    pub long: String,
}

/// The record for an input that could not be processed.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ErrorRecord {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Hash of the input bytes, or of the source name when nothing could be read.
    pub id: String,
    /// Where the input came from.
    pub source: String,
    /// What went wrong.
    pub error: ErrorInfo,
}

/// The kind and message of an error record.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ErrorInfo {
    /// A stable machine-readable kind (`empty`, `binary`, `io`, `too_large`, …).
    pub kind: String,
    /// A human-readable explanation.
    pub message: String,
    /// The HTTP status code, for `http_status` errors of `warta fetch`; absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
}
