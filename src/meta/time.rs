//! Page dates: ISO-like values from meta tags and JSON-LD, and Indonesian byline dates
//! ("Sabtu, 22 Jun 2024 19:30 WIB"), normalised to RFC 3339 with the page's offset.

use crate::fasthash::Map as HashMap;
use std::sync::LazyLock;

use regex::Regex;

/// Written month forms (lower case) to month numbers, from `months.tsv` (the date extractor's
/// list; bylines also read its English forms).
static MONTHS: LazyLock<HashMap<&'static str, u32>> = LazyLock::new(|| {
    crate::lexicon::rows(include_str!("../lexicon/months.tsv"))
        .filter_map(|row| Some((*row.get(1)?, row.first()?.parse().ok()?)))
        .collect()
});

/// Alternation of a lexicon's entries, longest first so "juni" wins over "jun".
fn alternation<'a>(words: impl Iterator<Item = &'a str>) -> String {
    let mut words: Vec<&str> = words.collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    words.iter().map(|w| regex::escape(w)).collect::<Vec<_>>().join("|")
}

/// ISO-like value: `2024-06-22T19:30:00+07:00`, `2024-06-22 19:30:00`, `2016/02/16`, `…Z`.
static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?)?\s*(Z|z|[+-]\d{2}:?\d{2}|UTC|GMT)?",
    )
    .expect("static regex")
});

/// Byline date: optional day name, day, month name or number, year, optional time and zone.
static TEXT_DATE: LazyLock<Regex> = LazyLock::new(|| {
    let months = alternation(MONTHS.keys().copied());
    let days = alternation(crate::lexicon::rows(include_str!("../lexicon/weekdays.tsv")).filter_map(|row| row.get(1).copied()));
    Regex::new(&format!(
        r"(?i)(?:\b(?:{days})\s*,?\s*)?\b(\d{{1,2}})(?:\s+({months})\.?\s+|[/.-](\d{{1,2}})[/.-])(\d{{4}})\b(?:\s*[,|/-]?\s*(?:pukul\s+|jam\s+)?(\d{{1,2}})[:.](\d{{2}})(?:[:.](\d{{2}}))?)?(?:\s*(WIB|WITA|WIT)\b)?"
    ))
    .expect("lexicon regex")
});

/// Month-first date of English-language Indonesian sites: "Fri, June 19 2015, 7:36 AM",
/// "May 29, 2025".
static MONTH_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    let months = alternation(MONTHS.keys().copied());
    Regex::new(&format!(
        r"(?i)\b({months})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})\b(?:,?\s*(\d{{1,2}})[:.](\d{{2}})\s*(am|pm)?)?(?:\s*(WIB|WITA|WIT)\b)?"
    ))
    .expect("lexicon regex")
});

/// A zone word of Indonesian bylines ("WIB" …) as an offset in seconds east of UTC.
pub fn zone_offset(word: &str) -> Option<i32> {
    match word.to_ascii_uppercase().as_str() {
        "WIB" => Some(7 * 3600),
        "WITA" => Some(8 * 3600),
        "WIT" => Some(9 * 3600),
        _ => None,
    }
}

/// A date as read, before it is shown with the page's offset.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageDate {
    /// The calendar day.
    pub date: chrono::NaiveDate,
    /// Time of day, when given.
    pub time: Option<chrono::NaiveTime>,
    /// Offset in seconds east of UTC, when the value states one; `Some(0)` for `Z`.
    pub offset: Option<i32>,
    /// True when the offset was written `Z` (kept as `Z` when the page states no zone).
    pub zulu: bool,
}

impl PageDate {
    /// RFC 3339 text: a stated offset keeps its instant and is shown in `page_offset` when the
    /// page states one; a value without offset takes `page_offset`, else WIB (+07:00), the zone
    /// of most Indonesian newsrooms. A day without time gives `YYYY-MM-DD`.
    pub fn render(&self, page_offset: Option<i32>) -> String {
        let Some(time) = self.time else { return self.date.format("%Y-%m-%d").to_string() };
        let naive = self.date.and_time(time);
        let (naive, offset, zulu) = match (self.offset, page_offset) {
            (Some(own), Some(page)) => {
                (naive - chrono::Duration::seconds(i64::from(own - page)), page, false)
            }
            (Some(own), None) => (naive, own, self.zulu),
            (None, page) => (naive, page.unwrap_or(7 * 3600), false),
        };
        let mut out = naive.format("%Y-%m-%dT%H:%M:%S").to_string();
        if zulu {
            out.push('Z');
        } else {
            let sign = if offset < 0 { '-' } else { '+' };
            let abs = offset.unsigned_abs();
            out.push_str(&format!("{sign}{:02}:{:02}", abs / 3600, abs % 3600 / 60));
        }
        out
    }
}

/// Parses a machine-written value (meta tag, JSON-LD, `<time datetime>`).
pub fn parse_iso(value: &str) -> Option<PageDate> {
    let c = ISO.captures(value)?;
    let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    let date = chrono::NaiveDate::from_ymd_opt(c[1].parse().ok()?, num(2)?, num(3)?)?;
    let time = match num(4) {
        Some(h) => Some(chrono::NaiveTime::from_hms_opt(h, num(5)?, num(6).unwrap_or(0))?),
        None => None,
    };
    let (offset, zulu) = match c.get(7).map(|m| m.as_str()) {
        None => (None, false),
        Some("Z" | "z" | "UTC" | "GMT") => (Some(0), true),
        Some(o) => {
            let digits: String = o.chars().filter(char::is_ascii_digit).collect();
            let h: i32 = digits.get(..2)?.parse().ok()?;
            let m: i32 = digits.get(2..4)?.parse().ok()?;
            let secs = h * 3600 + m * 60;
            (Some(if o.starts_with('-') { -secs } else { secs }), false)
        }
    };
    Some(PageDate { date, time, offset, zulu })
}

/// Finds the first written date in byline text ("Sabtu, 22 Jun 2024 19:30 WIB",
/// "Selasa, 16/02/2016 14:38 WIB"); returns it and the zone word's offset when present.
pub fn find_text_date(text: &str) -> Option<(PageDate, Option<i32>)> {
    for c in TEXT_DATE.captures_iter(text) {
        let day: u32 = match c[1].parse() {
            Ok(d) => d,
            Err(_) => continue,
        };
        let month = match (c.get(2), c.get(3)) {
            (Some(name), _) => MONTHS.get(name.as_str().to_lowercase().as_str()).copied(),
            (None, Some(num)) => num.as_str().parse().ok(),
            _ => None,
        };
        let (Some(month), Ok(year)) = (month, c[4].parse::<i32>()) else { continue };
        // Why: "1.500 2024" or phone-like digit runs are not dates; news years are recent.
        if !(1990..=2100).contains(&year) {
            continue;
        }
        let Some(date) = chrono::NaiveDate::from_ymd_opt(year, month, day) else { continue };
        let hour = c.get(5).and_then(|m| m.as_str().parse().ok());
        let minute = c.get(6).and_then(|m| m.as_str().parse().ok());
        let second = c.get(7).and_then(|m| m.as_str().parse().ok()).unwrap_or(0);
        let time = match (hour, minute) {
            (Some(h), Some(m)) => chrono::NaiveTime::from_hms_opt(h, m, second),
            _ => None,
        };
        let zone = c.get(8).and_then(|m| zone_offset(m.as_str()));
        return Some((PageDate { date, time, offset: zone, zulu: false }, zone));
    }
    find_month_first(text)
}

/// The month-first form ("June 19 2015, 7:36 AM"), tried when no day-first date is found.
fn find_month_first(text: &str) -> Option<(PageDate, Option<i32>)> {
    for c in MONTH_FIRST.captures_iter(text) {
        let Some(month) = MONTHS.get(c[1].to_lowercase().as_str()).copied() else { continue };
        let (Ok(day), Ok(year)) = (c[2].parse::<u32>(), c[3].parse::<i32>()) else { continue };
        if !(1990..=2100).contains(&year) {
            continue;
        }
        let Some(date) = chrono::NaiveDate::from_ymd_opt(year, month, day) else { continue };
        let hour: Option<u32> = c.get(4).and_then(|m| m.as_str().parse().ok());
        let minute: Option<u32> = c.get(5).and_then(|m| m.as_str().parse().ok());
        let pm = c.get(6).is_some_and(|m| m.as_str().eq_ignore_ascii_case("pm"));
        let am = c.get(6).is_some_and(|m| m.as_str().eq_ignore_ascii_case("am"));
        let time = match (hour, minute) {
            (Some(h), Some(m)) => {
                let h = if pm && h < 12 { h + 12 } else if am && h == 12 { 0 } else { h };
                chrono::NaiveTime::from_hms_opt(h, m, 0)
            }
            _ => None,
        };
        let zone = c.get(7).and_then(|m| zone_offset(m.as_str()));
        return Some((PageDate { date, time, offset: zone, zulu: false }, zone));
    }
    None
}

/// True when `text` has a zone word of its own (a byline line rather than body prose).
pub fn has_zone_word(text: &str) -> bool {
    static ZONE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)\b(?:WIB|WITA|WIT)\b").expect("static regex"));
    ZONE.is_match(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_values_keep_their_instant() {
        // article:published_time of mediaindonesia-01 (corpus-id), already in WIB.
        let d = parse_iso("2026-01-20T18:33:13+07:00").unwrap();
        assert_eq!(d.render(None), "2026-01-20T18:33:13+07:00");
        let z = parse_iso("2024-06-22T12:30:00Z").unwrap();
        assert_eq!(z.render(Some(7 * 3600)), "2024-06-22T19:30:00+07:00");
        assert_eq!(z.render(None), "2024-06-22T12:30:00Z");
        assert_eq!(parse_iso("2024-06-22 19:30:00").unwrap().render(None), "2024-06-22T19:30:00+07:00");
        assert_eq!(parse_iso("2024-06-22 19:30:00").unwrap().render(Some(8 * 3600)), "2024-06-22T19:30:00+08:00");
        assert_eq!(parse_iso("2016-02-16T14:38:23+0700").unwrap().render(None), "2016-02-16T14:38:23+07:00");
        assert_eq!(parse_iso("2024-06-22").unwrap().render(None), "2024-06-22");
        assert!(parse_iso("22 Juni 2024").is_none());
        assert!(parse_iso("2024-13-40").is_none());
    }

    #[test]
    fn byline_dates() {
        let (d, zone) = find_text_date("Sabtu, 22 Jun 2024 19:30 WIB").unwrap();
        assert_eq!(zone, Some(7 * 3600));
        assert_eq!(d.render(zone), "2024-06-22T19:30:00+07:00");
        let (d, zone) = find_text_date("Selasa, 16/02/2016 14:38 WITA").unwrap();
        assert_eq!(d.render(zone), "2016-02-16T14:38:00+08:00");
        let (d, _) = find_text_date("Kamis, 5 Nopember 2015").unwrap();
        assert_eq!(d.render(None), "2015-11-05");
        let (d, zone) = find_text_date("Jum'at, 19 Juni 2015 | 13:06 WIB").unwrap();
        assert_eq!(d.render(zone), "2015-06-19T13:06:00+07:00");
        assert!(find_text_date("sebanyak 60.000 paspor").is_none());
        // thejakartapost-01 byline.
        let (d, zone) = find_text_date("Agence France-Presse, CHARLESTON | World | Fri, June 19 2015, 7:36 AM").unwrap();
        assert_eq!(d.render(zone), "2015-06-19T07:36:00+07:00");
        assert_eq!(find_text_date("May 29, 2025").unwrap().0.render(None), "2025-05-29");
    }
}
