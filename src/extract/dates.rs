//! Dates in the body: absolute ("Kamis (20/06/2024)") and relative ("Kamis pekan lalu"),
//! normalised against a reference date.
//!
//! One pass per paragraph with a few precompiled regexes built from the `dates_*` lexicons
//! collects candidates; overlapping candidates keep the longest leftmost one; relative
//! candidates are resolved at the end, once the reference date is known.
//!
//! Conventions (news style):
//! - a bare weekday ("pada Kamis") is the most recent such day on or before the reference;
//!   "Kamis lalu" is strictly before it, "Kamis depan" strictly after it, "Kamis pekan lalu"
//!   the Thursday of the previous ISO week;
//! - a day and month without a year ("Selasa (25/6)") take the year that puts the date
//!   closest to the reference, preferring a year whose weekday agrees with the written one;
//! - weeks ("pekan ini", "dua minggu lalu") are ISO weeks `YYYY-Www`; a weekend
//!   ("akhir pekan lalu") is Saturday with `value_end` Sunday;
//! - "3 jam lalu" is the reference day (the reference carries no time of day);
//! - `kind` is `absolute` when day and month (or month and year) are written, even if the
//!   year comes from the reference, and `relative` otherwise;
//! - without a reference, the latest full date written in the text stands in, with a warning;
//!   with neither, relative dates are left out (with a warning);
//! - years alone ("pada 2019"), durations ("selama tiga hari") and times alone ("pukul
//!   10.00") are not dates; a time right after a day joins it.

use std::sync::LazyLock;

use chrono::{Datelike, Days, Duration, NaiveDate};
use regex::{CaptureLocations, Regex, RegexSet};

use crate::lexicon::{entries, rows};
use crate::record::{DateKind, DateMention};

/// ASCII word boundary: Unicode `\b` would push the regex engine off its fast path on
/// non-ASCII text (“ ” — are common in the body). For the same reason the patterns are
/// case-insensitive in ASCII only (`(?i-u)`); white space stays Unicode (`(?u:\s)`, NBSP).
const B: &str = r"(?-u:\b)";

/// Earliest and latest year accepted as written; outside this a four-digit number is not a year.
const YEARS: std::ops::RangeInclusive<i32> = 1000..=2999;

/// How far either side of the reference a year-less day may be placed (years).
const YEAR_SPREAD: i32 = 1;

/// The `dates_*` lexicons, parsed once.
struct Lexicon {
    /// Written form (lower case) → month number, and whether it is a full name.
    months: Vec<(&'static str, u32, bool)>,
    /// Written form (lower case) → ISO weekday number (1 = Monday).
    weekdays: Vec<(&'static str, u32)>,
    /// Written form → offset in days from the reference ("kemarin" → -1).
    relative_days: Vec<(&'static str, i64)>,
    /// Written form → calendar unit ("hari" → "day").
    units: Vec<(&'static str, &'static str)>,
    /// Number word → value ("dua" → 2).
    numbers: Vec<(&'static str, u32)>,
    /// Time-zone abbreviation (lower case) → UTC offset.
    zones: Vec<(&'static str, &'static str)>,
    /// Parts of the day ("malam").
    dayparts: Vec<&'static str>,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| Lexicon {
    // English forms ("may", "march") are byline words only; in body text they are not months.
    months: rows(include_str!("../lexicon/months.tsv"))
        .filter(|r| r.get(2) != Some(&"en"))
        .filter_map(|r| Some((*r.get(1)?, r.first()?.parse().ok()?, r.get(2) == Some(&"full"))))
        .collect(),
    weekdays: rows(include_str!("../lexicon/weekdays.tsv"))
        .filter(|r| r.get(2) != Some(&"en"))
        .filter_map(|r| Some((*r.get(1)?, r.first()?.parse().ok()?)))
        .collect(),
    relative_days: rows(include_str!("../lexicon/dates_relative.tsv"))
        .filter_map(|r| Some((*r.get(1)?, r.first()?.parse().ok()?)))
        .collect(),
    units: rows(include_str!("../lexicon/dates_units.tsv")).filter_map(|r| Some((*r.get(1)?, *r.first()?))).collect(),
    numbers: rows(include_str!("../lexicon/dates_numbers.tsv"))
        .filter_map(|r| Some((*r.get(1)?, r.first()?.parse().ok()?)))
        .collect(),
    zones: rows(include_str!("../lexicon/dates_zones.tsv")).filter_map(|r| Some((*r.get(1)?, *r.first()?))).collect(),
    dayparts: entries(include_str!("../lexicon/dates_dayparts.txt")).collect(),
});

/// Lower-cases `word`, folds runs of white space to one space and drops a final period.
fn norm(word: &str) -> String {
    let lower = word.trim_end_matches('.').to_lowercase();
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The regex alternation of `forms`, longest first, spaces matching any white space.
fn alternation<'a>(forms: impl Iterator<Item = &'a str>) -> String {
    let mut forms: Vec<&str> = forms.collect();
    forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
    forms.dedup();
    let escaped: Vec<String> = forms.iter().map(|f| regex::escape(f).replace(' ', r"(?u:\s)+")).collect();
    format!("(?:{})", escaped.join("|"))
}

/// The compiled patterns.
struct Patterns {
    /// "Sabtu malam, 22 Juni 2024", "20-22 Juni 2024", "30 Juni-2 Juli 2024", "28 Desember
    /// 2023-3 Januari 2024", "22 Juni".
    text: Regex,
    /// "Juni 2024", "akhir Juni 2024".
    month_year: Regex,
    /// "Kamis (20/06/2024)", "Selasa (25/6)", "28/6/2024", "Senin ( 13 / 04 / 2020 )".
    numeric: Regex,
    /// "2024-06-28".
    iso: Regex,
    /// A time right after a date: ", pukul 10.15 WIB", " 10:15 WIB".
    time: Regex,
    /// A time right before a date: "pukul 14.30 WIB, " (then "Sabtu (22/6/2024)").
    time_before: Regex,
    /// "pada Kamis", "Kamis pekan lalu", "Sabtu malam", "Senin depan".
    weekday: Regex,
    /// "pekan lalu", "minggu ini", "bulan lalu", "tahun depan", "akhir pekan lalu".
    period: Regex,
    /// "3 hari lalu", "2 jam yang lalu", "2 jam ago", "sebulan lalu".
    ago: Regex,
    /// "pada Juli", "awal Juli", "Desember lalu".
    month_alone: Regex,
    /// "kemarin", "kemarin lusa", "besok", "hari ini".
    relative_day: Regex,
    /// What may follow a month that borrows the year of the next one: " dan Juni 2019".
    month_then_year: Regex,
    /// The nine candidate patterns above, `text` to `relative_day`, in one scan: a paragraph
    /// is searched again only with the patterns that match somewhere in it.
    any: RegexSet,
}

static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| {
    let lex = &*LEXICON;
    let mon = alternation(lex.months.iter().map(|m| m.0));
    let full_mon = alternation(lex.months.iter().filter(|m| m.2).map(|m| m.0));
    let wd = alternation(lex.weekdays.iter().map(|w| w.0));
    let part = alternation(lex.dayparts.iter().copied());
    let rel = alternation(lex.relative_days.iter().map(|r| r.0));
    let units = alternation(lex.units.iter().map(|u| u.0));
    let numbers = alternation(lex.numbers.iter().map(|n| n.0));
    let zones = alternation(lex.zones.iter().map(|z| z.0));
    let lead = format!(r"(?:{B}(?P<wd>{wd}){B}(?:(?u:\s)+(?P<part>{part}){B})?(?u:\s)*,?(?u:\s)*)?");
    let build = |p: String| Regex::new(&p).unwrap_or_else(|e| panic!("date pattern: {e}"));
    let mut patterns = Patterns {
        text: build(format!(
            r"(?i-u){lead}{B}(?P<d1>[0-9]{{1,2}})(?:(?:(?u:\s)+(?P<m1>{mon}){B}\.?(?:(?u:\s)+(?P<y1>[0-9]{{4}}){B})?)?(?u:\s)*(?:(?:-|–|—)|(?u:\s)(?:hingga|sampai|s\.(?u:\s)?d\.?|s/d)(?u:\s))(?u:\s)*(?P<d2>[0-9]{{1,2}}))?(?u:\s)+(?P<m>{mon}){B}\.?(?:(?u:\s)+(?P<y>[0-9]{{4}}){B}|(?u:\s)+(?P<q>lalu|silam|kemarin|mendatang|nanti|depan){B})?"
        )),
        month_year: build(format!(
            r"(?i-u){B}(?:(?P<edge>awal|akhir|pertengahan|medio)(?u:\s)+)?(?:(?P<m0>{mon}){B}\.?(?u:\s)*(?:(?:-|–|—)|(?u:\s)(?:hingga|sampai|s/d)(?u:\s))(?u:\s)*)?(?P<m>{mon}){B}\.?(?u:\s)+(?P<y>[0-9]{{4}}){B}"
        )),
        numeric: build(format!(
            r"(?i-u)(?:{B}(?P<wd>{wd}){B}(?:(?u:\s)+(?P<part>{part}){B})?(?u:\s)*,?(?u:\s)*(?P<open>\()?(?u:\s)*)?{B}(?P<d>[0-9]{{1,2}})(?u:\s)*(?P<s1>[/.-])(?u:\s)*(?P<m>[0-9]{{1,2}})(?:(?u:\s)*(?P<s2>[/.-])(?u:\s)*(?P<y>[0-9]{{4}}|[0-9]{{2}}))?{B}(?:(?u:\s)*(?P<close>\)))?"
        )),
        iso: build(format!(r"{B}(?P<y>[0-9]{{4}})-(?P<m>[0-9]{{2}})-(?P<d>[0-9]{{2}}){B}")),
        time: build(format!(
            r"(?i-u)^(?u:\s)*(?:[,|-]|–|—)?(?u:\s)*(?:(?P<pre>sekitar|sekira|sejak|mulai|pada|hingga|sampai|at)(?u:\s)+)?(?:(?P<kw>pukul|pkl\.?|jam)(?u:\s)*)?(?P<h>[0-9]{{1,2}})(?P<sep>[.:])(?P<mi>[0-9]{{2}}){B}(?:(?u:\s)*(?P<z>{zones}){B})?"
        )),
        time_before: build(format!(
            r"(?i-u){B}(?:pukul|pkl\.?)(?u:\s)*(?P<h>[0-9]{{1,2}})[.:](?P<mi>[0-9]{{2}}){B}(?:(?u:\s)*(?P<z>{zones}){B})?(?u:\s)*,?(?u:\s)*$"
        )),
        weekday: build(format!(
            r"(?i-u){B}(?P<wd>{wd}){B}(?:(?u:\s)+(?P<part>{part}){B})?(?:(?u:\s)+(?P<rel>(?:pekan|minggu)(?u:\s)+(?:lalu|kemarin|depan|ini|mendatang)|lalu|kemarin|depan|mendatang|besok|ini){B})?"
        )),
        period: build(format!(
            r"(?i-u){B}(?:(?P<edge>akhir|awal)(?u:\s)+)?(?P<u>pekan|minggu|bulan|tahun)(?u:\s)+(?P<q>lalu|kemarin|depan|ini|mendatang){B}"
        )),
        ago: build(format!(
            r"(?i-u){B}(?:(?P<n>[0-9]{{1,3}}|{numbers})(?u:\s)+(?P<u>{units})|se(?P<su>hari|minggu|pekan|bulan|tahun|jam))(?u:\s)+(?:(?:yang(?u:\s)+)?(?:lalu|silam)|ago){B}"
        )),
        month_alone: build(format!(
            r"(?i-u){B}(?:(?P<prep>pada|sejak|hingga|sampai|bulan|selama|sepanjang|per|mulai|jelang|menjelang|setelah|sebelum|medio)(?u:\s)+)?(?:(?P<edge>awal|akhir|pertengahan)(?u:\s)+)?(?P<m>{full_mon}){B}(?:(?u:\s)+(?P<q>lalu|silam|kemarin|mendatang|depan|ini|nanti){B})?"
        )),
        relative_day: build(format!(r"(?i-u){B}(?P<w>{rel}){B}")),
        month_then_year: build(format!(
            r"(?i-u)^(?u:\s)*(?:,|dan|serta|hingga|sampai|(?:-|–|—))(?u:\s)*(?:(?:awal|akhir|pertengahan)(?u:\s)+)?(?:[0-9]{{1,2}}(?u:\s)+)?(?:{mon}){B}\.?(?u:\s)+(?P<y>[0-9]{{4}}){B}"
        )),
        any: RegexSet::empty(),
    };
    let p = &patterns;
    let all = [&p.text, &p.month_year, &p.numeric, &p.iso, &p.weekday, &p.period, &p.ago, &p.month_alone, &p.relative_day];
    patterns.any = RegexSet::new(all.iter().map(|r| r.as_str())).unwrap_or_else(|e| panic!("date pattern set: {e}"));
    patterns
});

/// Which way a weekday points from the reference.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Direction {
    /// Most recent on or before the reference ("pada Kamis").
    OnOrBefore,
    /// Strictly before ("Kamis lalu").
    Before,
    /// Strictly after ("Kamis depan").
    After,
    /// In the ISO week this many weeks from the reference's ("Kamis pekan lalu" = -1).
    Week(i64),
}

/// What a candidate means, before the reference is known.
#[derive(Debug, Clone, PartialEq)]
enum Meaning {
    /// A day written with its year; `end` for a range.
    Day { date: NaiveDate, end: Option<NaiveDate> },
    /// A day and month without a year; `end` (day, month) for a range; `direction`
    /// from a following "lalu" (before) or "mendatang" (after), else nearest.
    DayNoYear { day: u32, month: u32, end: Option<(u32, u32)>, direction: Direction },
    /// A month with its year; `end` the last month of a range ("Januari-Mei 2020").
    Month { year: i32, month: u32, end: Option<u32> },
    /// A month without a year, with its direction ("Desember lalu").
    MonthNoYear { month: u32, direction: Direction },
    /// Days from the reference ("kemarin" = -1).
    DayOffset(i64),
    /// A weekday ("pada Kamis").
    Weekday { weekday: u32, direction: Direction },
    /// ISO weeks from the reference's ("pekan lalu" = -1).
    WeekOffset(i64),
    /// The weekend of the ISO week this many weeks from the reference's.
    WeekendOffset(i64),
    /// Months from the reference's ("bulan lalu" = -1).
    MonthOffset(i64),
    /// Years from the reference's ("tahun lalu" = -1).
    YearOffset(i32),
}

/// A found phrase, byte offsets into its paragraph.
#[derive(Debug, Clone)]
struct Candidate {
    start: usize,
    end: usize,
    meaning: Meaning,
    /// The weekday written with a calendar date, to check ("Senin, 22 Juni 2024").
    weekday: Option<u32>,
    /// Hour, minute and UTC offset of a time that joined the date.
    time: Option<(u32, u32, Option<&'static str>)>,
}

impl Candidate {
    /// True when the value has day precision (a time may join it).
    fn is_day(&self) -> bool {
        matches!(
            self.meaning,
            Meaning::Day { end: None, .. } | Meaning::DayNoYear { end: None, .. } | Meaning::DayOffset(_) | Meaning::Weekday { .. }
        )
    }
}

/// The month number of a single written word ("Juni", "Agt.").
fn month_of(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.');
    LEXICON.months.iter().find(|m| m.0.eq_ignore_ascii_case(w)).map(|m| m.1)
}

/// The ISO weekday number of a single written word ("Jum'at" = 5).
fn weekday_of(word: &str) -> Option<u32> {
    LEXICON.weekdays.iter().find(|m| m.0.eq_ignore_ascii_case(word)).map(|m| m.1)
}

/// The value of a number in digits or in words ("tiga" = 3).
fn number_of(word: &str) -> Option<u32> {
    word.parse().ok().or_else(|| LEXICON.numbers.iter().find(|m| m.0.eq_ignore_ascii_case(word)).map(|m| m.1))
}

fn weekday_name(n: u32) -> &'static str {
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        .get(n.wrapping_sub(1) as usize)
        .copied()
        .unwrap_or("?")
}

fn iso_weekday(date: NaiveDate) -> u32 {
    date.weekday().number_from_monday()
}

/// The word just before byte `at` (lower case, empty if none) and its byte start.
fn word_before_at(text: &str, at: usize) -> (String, usize) {
    let head = text.get(..at).unwrap_or("").trim_end();
    let start = head.rfind(|c: char| !c.is_alphanumeric()).map_or(0, |i| i + head[i..].chars().next().map_or(1, char::len_utf8));
    (head.get(start..).unwrap_or("").to_lowercase(), start)
}

/// The word just before byte `at` (lower case), empty if none.
fn word_before(text: &str, at: usize) -> String {
    word_before_at(text, at).0
}

/// The char just before byte `at`, skipping nothing.
fn char_before(text: &str, at: usize) -> Option<char> {
    text.get(..at).and_then(|h| h.chars().next_back())
}

/// The char at byte `at`.
fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..).and_then(|t| t.chars().next())
}

/// True when a number ends right before `at` ("1.000" before "tahun", "Covid-19").
fn glued_to_number(text: &str, at: usize) -> bool {
    match char_before(text, at) {
        Some(c) if c.is_ascii_digit() => true,
        Some(c @ ('.' | ',' | '/' | '-' | ':')) => char_before(text, at - c.len_utf8()).is_some_and(|d| d.is_ascii_digit()),
        _ => false,
    }
}

/// True when the word before `at` counts something ("dua Minggu", "2 Minggu", "beberapa minggu").
fn counted(text: &str, at: usize) -> bool {
    let w = word_before(text, at);
    number_of(&w).is_some() || matches!(w.as_str(), "beberapa" | "tiap" | "setiap" | "per" | "sepanjang" | "selama")
}

/// Whether "Minggu" at `start`, followed by `qualifier`, names Sunday rather than "week".
/// Why: the reference article has "pada Minggu, 23 Juni" (Sunday) and news also writes
/// "minggu lalu" / "dua minggu" (week): Sunday needs a capital and no count before it, and
/// with "lalu/depan/ini" after it a day preposition before it ("pada Minggu lalu").
fn minggu_is_sunday(text: &str, start: usize, qualifier: Option<&str>) -> bool {
    if !char_at(text, start).is_some_and(char::is_uppercase) || counted(text, start) {
        return false;
    }
    // Why: "Covid-19 di Minggu Pertama" (fimela) is the first week.
    let next = text.get(start..).unwrap_or("").split_whitespace().nth(1).unwrap_or("").to_lowercase();
    if matches!(next.as_str(), "pertama" | "kedua" | "ketiga" | "keempat" | "kelima" | "terakhir" | "depannya") || next.starts_with("ke-") {
        return false;
    }
    match qualifier {
        None => true,
        Some(_) => matches!(word_before(text, start).as_str(), "pada" | "hari" | "sejak" | "hingga" | "sampai"),
    }
}

/// Collects the candidates of one paragraph (may overlap).
fn candidates(text: &str, out: &mut Vec<Candidate>) {
    candidates_in(text, (0, text.len()), out);
}

/// A matched group: byte range into the paragraph.
#[derive(Debug, Clone, Copy)]
struct Span<'t> {
    text: &'t str,
    start: usize,
    end: usize,
}

impl<'t> Span<'t> {
    fn start(&self) -> usize {
        self.start
    }
    fn end(&self) -> usize {
        self.end
    }
    fn as_str(&self) -> &'t str {
        self.text.get(self.start..self.end).unwrap_or("")
    }
}

/// The groups of one match, looked up by name without allocating (`regex::Captures`
/// allocates per match and hashes names; this was a third of the time on the seed).
struct Caps<'a, 't> {
    text: &'t str,
    locs: &'a CaptureLocations,
    names: &'a [Option<&'a str>],
}

impl<'t> Caps<'_, 't> {
    fn get(&self, i: usize) -> Option<Span<'t>> {
        self.locs.get(i).map(|(start, end)| Span { text: self.text, start, end })
    }
    fn name(&self, name: &str) -> Option<Span<'t>> {
        self.get(self.names.iter().position(|n| *n == Some(name))?)
    }
}

/// Calls `f` on each match of `re` that starts in `start..end` of `text` and ends by `end`.
fn each<'t>(re: &Regex, text: &'t str, (start, end): (usize, usize), mut f: impl FnMut(&Caps<'_, 't>)) {
    let Some(hay) = text.get(..end) else { return };
    let names: Vec<Option<&str>> = re.capture_names().collect();
    let mut locs = re.capture_locations();
    let mut at = start;
    while at <= hay.len() {
        let Some(m) = re.captures_read_at(&mut locs, hay, at) else { break };
        f(&Caps { text, locs: &locs, names: &names });
        at = if m.end() > m.start() { m.end() } else { m.end() + hay[m.end()..].chars().next().map_or(1, char::len_utf8) };
    }
}

/// Collects the candidates in the byte range `window` of a paragraph (may overlap).
fn candidates_in(text: &str, window: (usize, usize), out: &mut Vec<Candidate>) {
    let p = &*PATTERNS;
    let Some(hay) = text.get(..window.1) else { return };
    let hits = p.any.matches_at(hay, window.0);
    type Handler = fn(&str, &Caps, &mut Vec<Candidate>);
    let handlers: [(&Regex, Handler); 9] = [
        (&p.text, text_date),
        (&p.month_year, month_year),
        (&p.numeric, numeric_date),
        (&p.iso, iso_date),
        (&p.weekday, weekday_alone),
        (&p.period, period),
        (&p.ago, ago),
        (&p.month_alone, month_alone),
        (&p.relative_day, relative_day),
    ];
    for (i, (re, handler)) in handlers.into_iter().enumerate() {
        if hits.matched(i) {
            each(re, text, window, |c| handler(text, c, out));
        }
    }
}

/// "Juni 2024", "akhir Juni 2024", "Januari-Mei 2020".
fn month_year(_text: &str, c: &Caps, out: &mut Vec<Candidate>) {
    let (Some(m), Some(y), Some(all)) = (c.name("m"), c.name("y"), c.get(0)) else { return };
    let (Some(month), Ok(year)) = (month_of(m.as_str()), y.as_str().parse::<i32>()) else { return };
    if !YEARS.contains(&year) {
        return;
    }
    let first = match c.name("m0") {
        Some(m0) => match month_of(m0.as_str()) {
            Some(v) if v < month => Some(v),
            _ => return,
        },
        None => None,
    };
    let meaning = match first {
        Some(first) => Meaning::Month { year, month: first, end: Some(month) },
        None => Meaning::Month { year, month, end: None },
    };
    out.push(Candidate { start: all.start(), end: all.end(), meaning, weekday: None, time: None });
}

/// "2024-06-28".
fn iso_date(text: &str, c: &Caps, out: &mut Vec<Candidate>) {
    let (Some(all), Some(y), Some(m), Some(d)) = (c.get(0), c.name("y"), c.name("m"), c.name("d")) else { return };
    if glued_to_number(text, all.start()) || matches!(char_at(text, all.end()), Some('-' | '/')) {
        return;
    }
    let date = (|| NaiveDate::from_ymd_opt(y.as_str().parse().ok()?, m.as_str().parse().ok()?, d.as_str().parse().ok()?))();
    if let Some(date) = date.filter(|d| YEARS.contains(&d.year())) {
        out.push(Candidate { start: all.start(), end: all.end(), meaning: Meaning::Day { date, end: None }, weekday: None, time: None });
    }
}

/// "kemarin", "kemarin lusa", "besok", "hari ini".
fn relative_day(text: &str, c: &Caps, out: &mut Vec<Candidate>) {
    let (Some(all), Some(w)) = (c.get(0), c.name("w")) else { return };
    let w = norm(w.as_str());
    // Why: "dalam beberapa hari ini" (fimela) is "these past days", not today.
    let before = word_before(text, all.start());
    if w.starts_with("hari") && (number_of(&before).is_some() || before == "beberapa") {
        return;
    }
    if let Some(offset) = LEXICON.relative_days.iter().find(|r| r.0 == w).map(|r| r.1) {
        out.push(Candidate { start: all.start(), end: all.end(), meaning: Meaning::DayOffset(offset), weekday: None, time: None });
    }
}

/// "Sabtu malam, 22 Juni 2024", "20-22 Juni 2024", "30 Juni-2 Juli 2024", "22 Juni".
fn text_date(text: &str, c: &Caps, out: &mut Vec<Candidate>) {
    let (Some(all), Some(d1), Some(m)) = (c.get(0), c.name("d1"), c.name("m")) else { return };
    if glued_to_number(text, d1.start()) {
        return;
    }
    let Some(month) = month_of(m.as_str()) else { return };
    let Ok(day) = d1.as_str().parse::<u32>() else { return };
    let start_month = match c.name("m1") {
        Some(m1) => match month_of(m1.as_str()) {
            Some(v) => v,
            None => return,
        },
        None => month,
    };
    let end_day = c.name("d2").and_then(|d| d.as_str().parse::<u32>().ok());
    let weekday = c.name("wd").and_then(|w| weekday_of(w.as_str()));
    let start = if weekday.is_some() { all.start() } else { d1.start() };
    // Why: "Setiap 17 Agustus kami adakan lomba" (Kompas) is a yearly event, not a date.
    if c.name("y").is_none() && matches!(word_before(text, start).as_str(), "setiap" | "tiap" | "saban") {
        return;
    }
    let year = c.name("y").and_then(|y| y.as_str().parse::<i32>().ok()).filter(|y| YEARS.contains(y));
    let end = match (c.name("y"), year) {
        (Some(_), None) => return,
        (None, _) if c.name("q").is_none() => without_period(m, all.end()),
        _ => all.end(),
    };
    // "28 Desember 2023-3 Januari 2024": the first day carries its own year.
    let start_year = match c.name("y1") {
        Some(y1) => match (y1.as_str().parse::<i32>().ok().filter(|y| YEARS.contains(y)), year) {
            (Some(y1), Some(y)) if y1 <= y => Some(y1),
            _ => return,
        },
        None => year,
    };
    let meaning = match year {
        Some(year) => {
            let Some(date) = NaiveDate::from_ymd_opt(start_year.unwrap_or(year), start_month, day) else { return };
            let last = match end_day {
                Some(d2) => match NaiveDate::from_ymd_opt(year, month, d2) {
                    Some(l) if l > date => Some(l),
                    _ => return,
                },
                None => None,
            };
            Meaning::Day { date, end: last }
        }
        None => {
            // Validity is checked against a leap year; the resolver checks the real one.
            if NaiveDate::from_ymd_opt(2024, start_month, day).is_none() {
                return;
            }
            let last = match end_day {
                Some(d2) if NaiveDate::from_ymd_opt(2024, month, d2).is_some() && (month, d2) > (start_month, day) => Some((d2, month)),
                Some(_) => return,
                None => None,
            };
            let direction = match c.name("q").map(|q| norm(q.as_str())).as_deref() {
                Some("lalu" | "silam" | "kemarin") => Direction::Before,
                Some(_) => Direction::After,
                None => Direction::OnOrBefore,
            };
            Meaning::DayNoYear { day, month: start_month, end: last, direction }
        }
    };
    if end_day.is_none() && c.name("m1").is_none() {
        listed_days(text, d1.start(), &meaning, out);
    }
    out.push(Candidate { start, end, meaning, weekday, time: None });
}

/// At most this many days listed before a month ("18, 19, dan 20 Juni").
const MAX_LISTED_DAYS: usize = 6;

/// The days listed before `at` that share the month and year of `last`: "20 dan 21 Juni 2024",
/// "18, 19, dan 20 Juni"; each is its own date, with the number alone as its text.
fn listed_days(text: &str, at: usize, last: &Meaning, out: &mut Vec<Candidate>) {
    let mut at = at;
    let mut joined = false;
    for _ in 0..MAX_LISTED_DAYS {
        let head = text.get(..at).unwrap_or("").trim_end();
        // The joiner: "dan", "serta", "atau" (after an optional comma) or a comma.
        let (word, word_start) = word_before_at(text, at);
        let before_number = if matches!(word.as_str(), "dan" | "serta" | "atau") {
            text.get(..word_start).unwrap_or("").trim_end().trim_end_matches(',').trim_end()
        } else if joined && head.ends_with(',') {
            head.trim_end_matches(',').trim_end()
        } else {
            return;
        };
        let digits = before_number.len() - before_number.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        if !(1..=2).contains(&digits) {
            return;
        }
        let start = before_number.len() - digits;
        if glued_to_number(text, start) || before_number[..start].ends_with(|c: char| c.is_alphanumeric()) {
            return;
        }
        let Ok(day) = before_number[start..].parse::<u32>() else { return };
        let meaning = match *last {
            Meaning::Day { date, end: None } => match NaiveDate::from_ymd_opt(date.year(), date.month(), day) {
                Some(d) if d < date => Meaning::Day { date: d, end: None },
                _ => return,
            },
            Meaning::DayNoYear { day: last_day, month, end: None, direction } if day < last_day => {
                Meaning::DayNoYear { day, month, end: None, direction }
            }
            _ => return,
        };
        out.push(Candidate { start, end: start + digits, meaning, weekday: None, time: None });
        at = start;
        joined = true;
    }
}

/// `end`, less a final period when the month `m` before it is a full name: "14 November." ends
/// a sentence, "14 Nov." is an abbreviation.
fn without_period(m: Span, end: usize) -> usize {
    let full = LEXICON.months.iter().any(|x| x.2 && x.0 == norm(m.as_str()));
    if full && end > m.end() {
        m.end()
    } else {
        end
    }
}

/// "Kamis (20/06/2024)", "Selasa (25/6)", "Jumat, 28/6/2024", "28/6/2024".
fn numeric_date(text: &str, c: &Caps, out: &mut Vec<Candidate>) {
    let (Some(all), Some(d), Some(m), Some(s1)) = (c.get(0), c.name("d"), c.name("m"), c.name("s1")) else { return };
    if glued_to_number(text, d.start()) || char_before(text, d.start()).is_some_and(|ch| ch.is_alphabetic()) {
        return;
    }
    let weekday = c.name("wd").and_then(|w| weekday_of(w.as_str()));
    let (open, close) = (c.name("open").is_some(), c.name("close"));
    let y = c.name("y");
    let tail = y.unwrap_or(m).end();
    // A number continuing after the date is a phone number, a version or a sum, not a date.
    if matches!(char_at(text, tail), Some('/' | '-' | '.' | ',' | ':')) && char_at(text, tail + 1).is_some_and(|ch| ch.is_ascii_digit()) {
        return;
    }
    if let (Some(_), Some(s2)) = (y, c.name("s2")) {
        if s2.as_str() != s1.as_str() {
            return;
        }
    }
    let (Ok(day), Ok(month)) = (d.as_str().parse::<u32>(), m.as_str().parse::<u32>()) else { return };
    let end = match (open, close) {
        (true, Some(cl)) => cl.end(),
        _ => tail,
    };
    let start = if weekday.is_some() { all.start() } else { d.start() };
    let meaning = match y {
        Some(y) => {
            let digits = y.as_str();
            // Why: "28/6/24" is a date only next to its weekday; alone it may be a ratio or a code.
            if digits.len() == 2 && weekday.is_none() {
                return;
            }
            let Ok(mut year) = digits.parse::<i32>() else { return };
            if digits.len() == 2 {
                year += 2000;
            }
            if !YEARS.contains(&year) || (s1.as_str() == "." && weekday.is_none() && !open) {
                return;
            }
            let Some(date) = NaiveDate::from_ymd_opt(year, month, day) else { return };
            Meaning::Day { date, end: None }
        }
        None => {
            // Why: "(25/6)" is a date in Kompas style only after a weekday ("Selasa (25/6)");
            // bare "30/9" (G30S), "2-1" (scores) and "45/13" are not.
            // Why: "per 23/01 pkl 08.00 WIB" (liputan6) is a date after "per" / "tanggal".
            let dated = matches!(word_before(text, d.start()).as_str(), "per" | "tanggal" | "tgl") && s1.as_str() == "/";
            if !dated && (weekday.is_none() || !open || close.is_none() || s1.as_str() == ".") {
                return;
            }
            if NaiveDate::from_ymd_opt(2024, month, day).is_none() {
                return;
            }
            Meaning::DayNoYear { day, month, end: None, direction: Direction::OnOrBefore }
        }
    };
    out.push(Candidate { start, end, meaning, weekday, time: None });
}

/// "pada Kamis", "Kamis pekan lalu", "Sabtu malam", "Senin depan".
fn weekday_alone(text: &str, c: &Caps, out: &mut Vec<Candidate>) {
    let (Some(all), Some(wd)) = (c.get(0), c.name("wd")) else { return };
    let Some(weekday) = weekday_of(wd.as_str()) else { return };
    // Weekdays are written with a capital; lower case "minggu" is "week".
    if !char_at(text, all.start()).is_some_and(char::is_uppercase) {
        return;
    }
    let rel = c.name("rel").map(|r| norm(r.as_str()));
    if weekday == 7 {
        let simple = rel.as_deref().filter(|r| !r.contains(' '));
        if !minggu_is_sunday(text, all.start(), simple) {
            return;
        }
    }
    // Why: "(Sabtu-Minggu)" in the reference article is "the weekend", not two dates.
    let after = text.get(wd.end()..).unwrap_or("");
    let before = text.get(..all.start()).unwrap_or("");
    let pair = |s: &str| s.split(|ch: char| !ch.is_alphabetic() && ch != '\'' && ch != '’').find(|w| !w.is_empty()).and_then(weekday_of);
    let after = after.trim_start();
    let before = before.trim_end();
    if (after.starts_with('-') && pair(&after[1..]).is_some())
        || (before.ends_with('-') && before[..before.len() - 1].trim_end().rsplit(|ch: char| !ch.is_alphabetic()).next().and_then(weekday_of).is_some())
    {
        return;
    }
    // Why: "tiap hari Minggu tidak ada petugas" (Kompas) is a recurring day, not a date.
    let (prev, prev_start) = word_before_at(text, all.start());
    let prev = if prev == "hari" { word_before(text, prev_start) } else { prev };
    if matches!(prev.as_str(), "tiap" | "setiap" | "saban") {
        return;
    }
    // Why: a weekday before a bracketed number that is no valid date ("Selasa (45/13)") is a
    // broken date; guessing the day from the weekday alone would be wrong.
    let rest = text.get(all.end()..).unwrap_or("").trim_start();
    if rest.starts_with('(') && rest[1..].trim_start().starts_with(|ch: char| ch.is_ascii_digit()) {
        return;
    }
    // Why: "salat Jumat" is the Friday prayer, not a date.
    if weekday == 5 && matches!(word_before(text, all.start()).as_str(), "salat" | "sholat" | "shalat" | "solat" | "ibadah") {
        return;
    }
    let direction = match rel.as_deref() {
        None => Direction::OnOrBefore,
        Some("lalu" | "kemarin") => Direction::Before,
        Some("depan" | "mendatang" | "besok") => Direction::After,
        Some("ini") => Direction::Week(0),
        Some(r) if r.ends_with("lalu") || r.ends_with("kemarin") => Direction::Week(-1),
        Some(r) if r.ends_with("depan") || r.ends_with("mendatang") => Direction::Week(1),
        Some(_) => Direction::Week(0),
    };
    out.push(Candidate { start: all.start(), end: all.end(), meaning: Meaning::Weekday { weekday, direction }, weekday: None, time: None });
}

/// "pekan lalu", "minggu ini", "bulan lalu", "tahun depan", "akhir pekan lalu".
fn period(text: &str, c: &Caps, out: &mut Vec<Candidate>) {
    let (Some(all), Some(u), Some(q)) = (c.get(0), c.name("u"), c.name("q")) else { return };
    let unit = norm(u.as_str());
    let q = norm(q.as_str());
    if counted(text, all.start()) {
        return;
    }
    if unit == "minggu" && c.name("edge").is_none() && minggu_is_sunday(text, all.start(), Some(&q)) {
        return;
    }
    let k: i64 = match q.as_str() {
        "lalu" | "kemarin" => -1,
        "depan" | "mendatang" => 1,
        _ => 0,
    };
    let weekend = c.name("edge").is_some_and(|e| norm(e.as_str()) == "akhir");
    let meaning = match unit.as_str() {
        "pekan" | "minggu" if weekend => Meaning::WeekendOffset(k),
        "pekan" | "minggu" => Meaning::WeekOffset(k),
        "bulan" => Meaning::MonthOffset(k),
        _ => Meaning::YearOffset(k as i32),
    };
    out.push(Candidate { start: all.start(), end: all.end(), meaning, weekday: None, time: None });
}

/// "3 hari lalu", "2 jam yang lalu", "2 jam ago", "sebulan lalu".
fn ago(text: &str, c: &Caps, out: &mut Vec<Candidate>) {
    let Some(all) = c.get(0) else { return };
    if glued_to_number(text, all.start()) {
        return;
    }
    let (n, unit) = match (c.name("n"), c.name("u"), c.name("su")) {
        (Some(n), Some(u), _) => (number_of(n.as_str()), norm(u.as_str())),
        (_, _, Some(su)) => (Some(1), norm(su.as_str())),
        _ => return,
    };
    let Some(n) = n else { return };
    let Some(unit) = LEXICON.units.iter().find(|x| x.0 == unit).map(|x| x.1) else { return };
    let n = i64::from(n);
    let meaning = match unit {
        "day" => Meaning::DayOffset(-n),
        "week" => Meaning::WeekOffset(-n),
        "month" => Meaning::MonthOffset(-n),
        "year" => Meaning::YearOffset(-(n as i32)),
        _ => Meaning::DayOffset(0),
    };
    out.push(Candidate { start: all.start(), end: all.end(), meaning, weekday: None, time: None });
}

/// "pada Juli", "awal Juli", "Desember lalu": a month of the reference's year or near it.
fn month_alone(text: &str, c: &Caps, out: &mut Vec<Candidate>) {
    let (Some(all), Some(m)) = (c.get(0), c.name("m")) else { return };
    if !char_at(text, m.start()).is_some_and(char::is_uppercase) {
        return;
    }
    let (prep, edge, q) = (c.name("prep"), c.name("edge"), c.name("q"));
    if prep.is_none() && edge.is_none() && q.is_none() {
        return;
    }
    let Some(month) = month_of(m.as_str()) else { return };
    let start = edge.map_or(m.start(), |e| e.start());
    // Why: "pada Januari dan Juni 2019" (Kompas): the first month shares the second one's year.
    if let Some(y) = PATTERNS.month_then_year.captures(text.get(all.end()..).unwrap_or("")).and_then(|y| y.name("y")?.as_str().parse::<i32>().ok()) {
        if YEARS.contains(&y) {
            out.push(Candidate { start, end: m.end(), meaning: Meaning::Month { year: y, month, end: None }, weekday: None, time: None });
            return;
        }
    }
    let direction = match q.map(|q| norm(q.as_str())).as_deref() {
        Some("lalu" | "silam" | "kemarin") => Direction::Before,
        Some("depan" | "mendatang" | "nanti") => Direction::After,
        _ => Direction::Week(0),
    };
    out.push(Candidate { start, end: all.end(), meaning: Meaning::MonthNoYear { month, direction }, weekday: None, time: None });
}

/// A time right after a day: extends `cand` when one follows at byte `cand.end`.
fn join_time(text: &str, cand: &mut Candidate) {
    let Some(tail) = text.get(cand.end..) else { return };
    let Some(c) = PATTERNS.time.captures(tail) else { return };
    let (Some(all), Some(h), Some(mi), Some(sep)) = (c.get(0), c.name("h"), c.name("mi"), c.name("sep")) else { return };
    let kw = c.name("kw").is_some();
    let zone = c.name("z").and_then(|z| zone_offset(z.as_str()));
    let pre_at = c.name("pre").is_some_and(|p| p.as_str().eq_ignore_ascii_case("at"));
    if (c.name("pre").is_some() && !kw && !(pre_at && zone.is_some())) || !(kw || zone.is_some() || sep.as_str() == ":") {
        return;
    }
    let (Ok(h), Ok(mi)) = (h.as_str().parse::<u32>(), mi.as_str().parse::<u32>()) else { return };
    if h > 23 || mi > 59 || char_at(tail, all.end()).is_some_and(|ch| ch.is_ascii_digit()) {
        return;
    }
    cand.time = Some((h, mi, zone));
    cand.end += all.end();
}

/// The UTC offset of a time zone written after a time ("WIB" → "+07:00").
fn zone_offset(written: &str) -> Option<&'static str> {
    let z = norm(written);
    LEXICON.zones.iter().find(|x| x.0 == z).map(|x| x.1)
}

/// How far before a date a time written first may start, in bytes ("pukul 14.30 WIB, ").
const TIME_BEFORE_BYTES: usize = 40;

/// Joins a time written right before the date ("pukul 14.30 WIB, Sabtu (22/6/2024)"), when
/// no time follows it. Only with "pukul", which marks a clock time.
fn join_time_before(text: &str, cand: &mut Candidate) {
    if cand.time.is_some() {
        return;
    }
    let Some(head) = text.get(..cand.start) else { return };
    let from = (head.len().saturating_sub(TIME_BEFORE_BYTES)..=head.len()).find(|i| head.is_char_boundary(*i)).unwrap_or(head.len());
    let Some(c) = PATTERNS.time_before.captures(&head[from..]) else { return };
    let (Some(all), Some(h), Some(mi)) = (c.get(0), c.name("h"), c.name("mi")) else { return };
    let (Ok(h), Ok(mi)) = (h.as_str().parse::<u32>(), mi.as_str().parse::<u32>()) else { return };
    if h > 23 || mi > 59 {
        return;
    }
    let zone = c.name("z").and_then(|z| zone_offset(z.as_str()));
    cand.time = Some((h, mi, zone));
    cand.start = from + all.start();
}

/// The Monday of the ISO week of `date`, moved by `weeks`.
fn monday(date: NaiveDate, weeks: i64) -> Option<NaiveDate> {
    let back = i64::from(iso_weekday(date)) - 1;
    date.checked_sub_signed(Duration::days(back))?.checked_add_signed(Duration::weeks(weeks))
}

fn iso_week(date: NaiveDate) -> String {
    let w = date.iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}

fn ymd(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// The year for a day and month without one: closest to `reference`, preferring `weekday`;
/// on or before it for `Before` ("15 Mei lalu"), on or after it for `After` ("9 Desember nanti").
fn place_year(day: u32, month: u32, weekday: Option<u32>, direction: Direction, reference: NaiveDate) -> Option<NaiveDate> {
    let options: Vec<NaiveDate> = (-YEAR_SPREAD..=YEAR_SPREAD)
        .filter_map(|k| NaiveDate::from_ymd_opt(reference.year() + k, month, day))
        .filter(|d| match direction {
            Direction::Before => *d <= reference,
            Direction::After => *d >= reference,
            _ => true,
        })
        .collect();
    let closest = |it: &mut dyn Iterator<Item = &NaiveDate>| it.min_by_key(|d| (**d - reference).num_days().abs()).copied();
    weekday
        .and_then(|w| closest(&mut options.iter().filter(|d| iso_weekday(**d) == w)))
        .or_else(|| closest(&mut options.iter()))
}

/// The value, end value and kind of `cand` (None when it cannot be resolved).
fn resolve(cand: &Candidate, reference: Option<NaiveDate>) -> Option<(String, Option<String>, DateKind)> {
    use DateKind::{Absolute, Relative};
    let need = || reference;
    let (value, end, kind) = match &cand.meaning {
        Meaning::Day { date, end } => (ymd(*date), end.map(ymd), Absolute),
        Meaning::Month { year, month, end } => (format!("{year:04}-{month:02}"), end.map(|e| format!("{year:04}-{e:02}")), Absolute),
        Meaning::DayNoYear { day, month, end, direction } => {
            let date = place_year(*day, *month, cand.weekday, *direction, need()?)?;
            let last = match end {
                Some((d2, m2)) => Some(ymd(NaiveDate::from_ymd_opt(date.year(), *m2, *d2)?)),
                None => None,
            };
            (ymd(date), last, Absolute)
        }
        Meaning::MonthNoYear { month, direction } => {
            let r = need()?;
            let year = match direction {
                Direction::Before if *month >= r.month() => r.year() - 1,
                Direction::After if *month <= r.month() => r.year() + 1,
                _ => r.year(),
            };
            (format!("{year:04}-{month:02}"), None, Relative)
        }
        Meaning::DayOffset(k) => (ymd(need()?.checked_add_signed(Duration::days(*k))?), None, Relative),
        Meaning::Weekday { weekday, direction } => {
            let r = need()?;
            let today = i64::from(iso_weekday(r));
            let wd = i64::from(*weekday);
            let date = match direction {
                Direction::OnOrBefore => r.checked_sub_signed(Duration::days((today - wd).rem_euclid(7)))?,
                Direction::Before => {
                    let back = (today - wd).rem_euclid(7);
                    r.checked_sub_signed(Duration::days(if back == 0 { 7 } else { back }))?
                }
                Direction::After => {
                    let ahead = (wd - today).rem_euclid(7);
                    r.checked_add_signed(Duration::days(if ahead == 0 { 7 } else { ahead }))?
                }
                Direction::Week(k) => monday(r, *k)?.checked_add_signed(Duration::days(wd - 1))?,
            };
            (ymd(date), None, Relative)
        }
        Meaning::WeekOffset(k) => (iso_week(monday(need()?, *k)?), None, Relative),
        Meaning::WeekendOffset(k) => {
            let sat = monday(need()?, *k)?.checked_add_days(Days::new(5))?;
            (ymd(sat), Some(ymd(sat.checked_add_days(Days::new(1))?)), Relative)
        }
        Meaning::MonthOffset(k) => {
            let r = need()?;
            let index = i64::from(r.year()) * 12 + i64::from(r.month0()) + k;
            (format!("{:04}-{:02}", index.div_euclid(12), index.rem_euclid(12) + 1), None, Relative)
        }
        Meaning::YearOffset(k) => (format!("{:04}", need()?.year() + k), None, Relative),
    };
    let value = match cand.time {
        Some((h, mi, zone)) if end.is_none() && value.len() == 10 => format!("{value}T{h:02}:{mi:02}{}", zone.unwrap_or("")),
        _ => value,
    };
    Some((value, end, kind))
}

/// True when `meaning` needs the reference date.
fn needs_reference(meaning: &Meaning) -> bool {
    !matches!(meaning, Meaning::Day { .. } | Meaning::Month { .. })
}

/// Finds and normalises the dates in `paragraphs`; relative ones resolve against `reference`
/// (else the latest explicit date in the text, with a warning). Returns dates and warnings.
pub fn extract(paragraphs: &[String], reference: Option<NaiveDate>) -> (Vec<DateMention>, Vec<String>) {
    let mut found: Vec<(usize, Candidate)> = Vec::new();
    let mut all = Vec::new();
    for (index, text) in paragraphs.iter().enumerate() {
        all.clear();
        candidates(text, &mut all);
        all.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end)));
        let mut last_end = 0;
        let mut kept: Vec<Candidate> = Vec::new();
        for cand in all.drain(..) {
            if cand.start < last_end {
                continue;
            }
            last_end = cand.end;
            kept.push(cand);
        }
        // Why: "(15/8/2022) kemarin malam" restates the date just written; "kemarin" adds nothing.
        let mut i = 1;
        while i < kept.len() {
            let gap = text.get(kept[i - 1].end..kept[i].start).unwrap_or("x");
            if matches!(kept[i - 1].meaning, Meaning::Day { .. }) && matches!(kept[i].meaning, Meaning::DayOffset(_)) && gap.trim_matches(|ch: char| ch == ')' || ch.is_whitespace()).is_empty() {
                kept.remove(i);
            } else {
                i += 1;
            }
        }
        for i in 0..kept.len() {
            if kept[i].is_day() {
                let mut cand = kept[i].clone();
                join_time(text, &mut cand);
                let previous_end = if i > 0 { kept[i - 1].end } else { 0 };
                let mut before = cand.clone();
                join_time_before(text, &mut before);
                if before.start >= previous_end {
                    cand = before;
                }
                if kept.get(i + 1).is_none_or(|next| next.start >= cand.end) {
                    kept[i] = cand;
                }
            }
        }
        found.extend(kept.into_iter().map(|c| (index, c)));
    }

    let mut warnings = Vec::new();
    let reference = reference.or_else(|| {
        let latest = found.iter().filter_map(|(_, c)| if let Meaning::Day { date, .. } = c.meaning { Some(date) } else { None }).max();
        if found.iter().any(|(_, c)| needs_reference(&c.meaning)) {
            match latest {
                Some(d) => warnings.push(format!("relative dates resolved against {}, the latest date in the text", ymd(d))),
                None => warnings.push("relative dates left out: no publication date and no full date in the text".to_string()),
            }
        }
        latest
    });

    let mut dates = Vec::new();
    for (index, cand) in found {
        let Some(text) = paragraphs.get(index) else { continue };
        let Some((value, value_end, kind)) = resolve(&cand, reference) else { continue };
        let phrase = text.get(cand.start..cand.end).unwrap_or("").to_string();
        if let (Some(wd), Meaning::Day { date, end: None }) = (cand.weekday, &cand.meaning) {
            if iso_weekday(*date) != wd {
                warnings.push(format!("\"{phrase}\": {} was a {}, not the weekday written", ymd(*date), weekday_name(iso_weekday(*date))));
            }
        }
        if let (Some(wd), Meaning::DayNoYear { .. }) = (cand.weekday, &cand.meaning) {
            if let Ok(date) = NaiveDate::parse_from_str(value.get(..10).unwrap_or(""), "%Y-%m-%d") {
                if iso_weekday(date) != wd {
                    warnings.push(format!("\"{phrase}\": {} was a {}, not the weekday written", ymd(date), weekday_name(iso_weekday(date))));
                }
            }
        }
        let start = text.get(..cand.start).map_or(0, |h| h.chars().count());
        let end = start + phrase.chars().count();
        dates.push(DateMention { text: phrase, value, kind, paragraph: index, value_end, start, end });
    }
    (dates, warnings)
}

#[cfg(test)]
mod tests;
