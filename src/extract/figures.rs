//! Figures in the body: numbers (digits or words) with their unit, kind and hedging.
//!
//! One pass over the tokens of each paragraph. A figure is, in order:
//! `[hedge] [currency] number [range] [scale] [% | currency | unit | counted noun]`.
//! Indonesian writes "60.000" for sixty thousand and "1,5" for one and a half.
//! Decisions (documented here because the issue left them open):
//! - the counted noun is one lower-case word after the number, two after a classifier
//!   ("titik", "butir": counted_classifiers.txt); it is never a function word, a capitalised
//!   word or punctuation —
//!   "431 titik layanan Imigrasi" → "titik layanan", "22 kementerian/lembaga terkait" →
//!   "kementerian/lembaga";
//! - dates, years, times, phone numbers, ordinals, article/address numbers ("Pasal 27",
//!   "RT 03"), model names ("G20", "Covid-19") and scores ("menang 3-1", a "range" whose
//!   upper bound is not above its lower bound) are not figures;
//! - years are four ungrouped digits from 1000 to 2100 ("pada 2024", "sejak 1816");
//!   a range with no unit ("takluk 1-5", "4.580 hingga 4.650") is left out;
//! - "mencapai" is not a hedge; "ratusan"/"ribuan" are approximate (value 100/1000);
//! - number words need a unit or a counted noun ("tiga hari", "empat orang"); "satu" and
//!   "setengah" alone need a unit from the lexicon ("satu jam"), since "satu hal" and
//!   "setengah hati" are idioms; "salah satu" is never a figure.

use std::borrow::Cow;
use crate::fasthash::{Map as HashMap, Set as HashSet};
use std::sync::LazyLock;

use regex::Regex;

use crate::lexicon::{entries, rows};
use crate::record::{Figure, FigureKind};

/// A currency: ISO code and whether it is written before the number.
#[derive(Debug, Clone, Copy)]
struct Currency {
    code: &'static str,
    prefix: bool,
}

/// A scale word ("juta") after a number in digits.
#[derive(Debug, Clone, Copy)]
struct Scale {
    factor: f64,
    money_only: bool,
    case_sensitive: bool,
}

/// The role of a number word in the number grammar (see `numbers_words.tsv`).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    Digit,
    Mult,
    Belas,
    Whole,
    Scale,
    SeScale,
    Approx,
    Half,
    Point,
}

/// Which side of the number a blocking context word stands on.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Side {
    Before,
    After,
}

/// A unit's words (after the first), its kind and the unit written into the record.
type UnitEntry = (Vec<String>, FigureKind, &'static str);

/// All the lexicons this module reads, parsed once.
struct Lex {
    words: HashMap<&'static str, (f64, Role)>,
    scales: HashMap<String, Scale>,
    /// Currencies written before the number, by their one word ("rp", "us$").
    prefixes: HashMap<String, &'static str>,
    /// Currencies written after the number, by first word, longest first.
    suffixes: HashMap<String, Vec<(Vec<String>, &'static str)>>,
    /// Units by first word, longest first.
    units: HashMap<String, Vec<UnitEntry>>,
    /// Hedges by last word, longest first.
    markers: HashMap<String, Vec<Vec<String>>>,
    context: HashMap<&'static str, Vec<Side>>,
    stops: HashSet<&'static str>,
    classifiers: HashSet<&'static str>,
}

static LEX: LazyLock<Lex> = LazyLock::new(|| {
    let words = rows(include_str!("../lexicon/numbers_words.tsv"))
        .filter_map(|r| {
            let value = r.get(1)?.parse::<f64>().ok()?;
            let role = match *r.get(2)? {
                "digit" => Role::Digit,
                "mult" => Role::Mult,
                "belas" => Role::Belas,
                "whole" => Role::Whole,
                "scale" => Role::Scale,
                "sescale" => Role::SeScale,
                "approx" => Role::Approx,
                "half" => Role::Half,
                "point" => Role::Point,
                _ => return None,
            };
            Some((r[0], (value, role)))
        })
        .collect();
    let scales = rows(include_str!("../lexicon/numbers_scales.tsv"))
        .filter_map(|r| {
            let factor = r.get(1)?.parse::<f64>().ok()?;
            let flags = r.get(2).copied().unwrap_or("-");
            let case_sensitive = flags.contains("case");
            let key = if case_sensitive {
                r[0].to_string()
            } else {
                r[0].to_lowercase()
            };
            Some((
                key,
                Scale {
                    factor,
                    money_only: flags.contains("money"),
                    case_sensitive,
                },
            ))
        })
        .collect();
    let split = |s: &str| {
        s.split_whitespace()
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    let currencies: Vec<(Vec<String>, Currency)> = rows(include_str!("../lexicon/currency.tsv"))
        .filter_map(|r| {
            Some((
                split(r[0]),
                Currency {
                    code: r.get(1)?,
                    prefix: *r.get(2)? == "prefix",
                },
            ))
        })
        .collect();
    let mut prefixes = HashMap::default();
    let mut suffixes: HashMap<String, Vec<(Vec<String>, &'static str)>> = HashMap::default();
    for (w, c) in currencies {
        if c.prefix {
            if let [one] = w.as_slice() {
                prefixes.insert(one.clone(), c.code);
            }
        } else if let Some(first) = w.first() {
            suffixes
                .entry(first.clone())
                .or_default()
                .push((w.clone(), c.code));
        }
    }
    for list in suffixes.values_mut() {
        list.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    }
    let unit_rows: Vec<(Vec<String>, FigureKind, &'static str)> =
        rows(include_str!("../lexicon/units.tsv"))
            .filter_map(|r| {
                let kind = match *r.get(1)? {
                    "percent" => FigureKind::Percent,
                    "duration" => FigureKind::Duration,
                    "measure" => FigureKind::Measure,
                    "money" => FigureKind::Money,
                    "count" => FigureKind::Count,
                    _ => FigureKind::Number,
                };
                Some((split(r[0]), kind, *r.get(2)?))
            })
            .collect();
    let mut units: HashMap<String, Vec<UnitEntry>> = HashMap::default();
    for row in unit_rows {
        if let Some(first) = row.0.first() {
            units.entry(first.clone()).or_default().push(row.clone());
        }
    }
    for list in units.values_mut() {
        list.sort_by_key(|(w, _, _)| std::cmp::Reverse(w.len()));
    }
    let mut markers: HashMap<String, Vec<Vec<String>>> = HashMap::default();
    for m in entries(include_str!("../lexicon/figures_markers.txt")).map(split) {
        if let Some(last) = m.last() {
            markers.entry(last.clone()).or_default().push(m.clone());
        }
    }
    for list in markers.values_mut() {
        list.sort_by_key(|w| std::cmp::Reverse(w.len()));
    }
    let mut context: HashMap<&'static str, Vec<Side>> = HashMap::default();
    for r in rows(include_str!("../lexicon/figures_context.tsv")) {
        let side = match r.get(1).copied() {
            Some("before") => Side::Before,
            Some("after") => Side::After,
            _ => continue,
        };
        context.entry(r[0]).or_default().push(side);
    }
    let stops = entries(include_str!("../lexicon/counted_noun_stops.txt")).collect();
    let classifiers = entries(include_str!("../lexicon/counted_classifiers.txt")).collect();
    Lex {
        words,
        scales,
        prefixes,
        suffixes,
        units,
        markers,
        context,
        stops,
        classifiers,
    }
});

/// A number written with digits, possibly glued to a currency, a range or a suffix:
/// "60.000", "Rp1,5", "10-20", "60%", "5km", "Rp1,5T".
static COMPOUND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<pre>[^\d]*?)(?P<a>\d(?:[\d.,]*\d)?)(?:[-–](?P<pre2>[^\d]*?)(?P<b>\d(?:[\d.,]*\d)?))?(?P<suf>[^\d]*)$")
        .expect("valid regex")
});

/// A product written glued: "2x24".
static TIMES: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,3})[xX×](\d{1,3})$").expect("valid regex"));

/// Indonesian grouping ("1.234.567,89"), plain ("1,5", "431"), or an English decimal point
/// with one or two decimals ("2.5"), as some pages write.
static PLAIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?|\d+\.\d{1,2})$")
        .expect("valid regex")
});

/// What a token is.
#[derive(Debug, Clone, PartialEq)]
enum Tok<'a> {
    /// Letters (possibly with inner `-` `/` `.`): "paspor", "kementerian/lembaga", "M-Paspor".
    Word,
    /// A number in digits, with what was glued to it.
    Num(NumTok<'a>),
    /// Digits that are not a figure on their own: "20/06/2024", "19:30", "0812-3456".
    Other,
    /// One punctuation character.
    Punct,
}

/// A number in digits and its glued parts.
#[derive(Debug, Clone, PartialEq)]
struct NumTok<'a> {
    /// Glued currency prefix ("Rp1,5").
    currency: Option<&'static str>,
    /// The digits as written.
    raw: &'a str,
    /// The value.
    value: f64,
    /// Upper bound of a glued range ("10-20").
    max: Option<f64>,
    /// Glued suffix ("%", "km", "T"), not yet interpreted.
    suffix: &'a str,
    /// Written with "-an" ("300-an"): approximate.
    about: bool,
}

/// One token with its byte span in the paragraph.
#[derive(Debug, Clone)]
struct Token<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    lower: Cow<'a, str>,
    tok: Tok<'a>,
}

/// Characters that may join inside a token.
fn is_joiner(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | '-' | '–' | '/' | ':' | '$' | '€' | '%' | '°' | '²' | '³'
    )
}

/// Splits `text` into tokens; never slices inside a character.
fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if !(c.is_alphanumeric() || is_joiner(c)) || (is_joiner(c) && !matches!(c, '$' | '€')) {
            // A lone joiner ("-", "%") or other punctuation is a one-character token.
            let end = start + c.len_utf8();
            let s = &text[start..end];
            out.push(Token {
                start,
                end,
                text: s,
                lower: Cow::Borrowed(s),
                tok: Tok::Punct,
            });
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(i, d)) = chars.peek() {
            if d.is_alphanumeric() || is_joiner(d) {
                end = i + d.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        // Trailing joiners are punctuation ("60.000." "Rp." "10.000,-").
        let mut word_end = end;
        while let Some(last) = text[start..word_end].chars().last() {
            if matches!(last, '.' | ',' | '-' | '–' | '/' | ':') {
                word_end -= last.len_utf8();
            } else {
                break;
            }
        }
        let s = &text[start..word_end];
        out.push(Token {
            start,
            end: word_end,
            text: s,
            lower: lowercase(s),
            tok: classify(s),
        });
        let mut p = word_end;
        while p < end {
            let Some(ch) = text[p..].chars().next() else {
                break;
            };
            let q = p + ch.len_utf8();
            let t = &text[p..q];
            out.push(Token {
                start: p,
                end: q,
                text: t,
                lower: Cow::Borrowed(t),
                tok: Tok::Punct,
            });
            p = q;
        }
    }
    out
}

/// `s` in lower case, borrowed when it already is (most tokens).
fn lowercase(s: &str) -> Cow<'_, str> {
    if s.chars().any(char::is_uppercase) {
        Cow::Owned(s.to_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

/// Reads a digit string; `None` for codes with a leading zero ("021", "0812").
fn parse_digits(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    if b.len() > 1 && b[0] == b'0' && b[1].is_ascii_digit() {
        return None;
    }
    if !PLAIN.is_match(s) {
        return None;
    }
    let normal: String = if s.contains(',')
        || s.matches('.').count() > 1
        || s.split('.').nth(1).is_some_and(|f| f.len() == 3)
    {
        // Indonesian: "." groups thousands, "," is the decimal point.
        s.chars()
            .filter(|&c| c != '.')
            .map(|c| if c == ',' { '.' } else { c })
            .collect()
    } else {
        s.to_string()
    };
    normal.parse().ok()
}

/// Classifies one token.
fn classify(s: &str) -> Tok<'_> {
    if !s.chars().any(|c| c.is_ascii_digit()) {
        return if s.chars().any(char::is_alphanumeric) || s.len() > 1 {
            Tok::Word
        } else {
            Tok::Punct
        };
    }
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return match parse_digits(s) {
            Some(value) => Tok::Num(NumTok {
                currency: None,
                raw: s,
                value,
                max: None,
                suffix: "",
                about: false,
            }),
            None => Tok::Other,
        };
    }
    // Why: "2x24 jam" (a legal custody period) is 48 hours.
    if let Some(m) = TIMES.captures(s) {
        let (Some(a), Some(b)) = (m.get(1), m.get(2)) else {
            return Tok::Other;
        };
        return match (parse_digits(a.as_str()), parse_digits(b.as_str())) {
            (Some(x), Some(y)) => Tok::Num(NumTok {
                currency: None,
                raw: s,
                value: x * y,
                max: None,
                suffix: "",
                about: false,
            }),
            _ => Tok::Other,
        };
    }
    let Some(caps) = COMPOUND.captures(s) else {
        return Tok::Other;
    };
    let get = |n: &str| caps.name(n).map_or("", |m| m.as_str());
    let currency = match get("pre") {
        "" => None,
        p => match prefix_currency(&p.to_lowercase()) {
            Some(c) => Some(c),
            None => return Tok::Other,
        },
    };
    if !get("pre2").is_empty()
        && (currency.is_none() || prefix_currency(&get("pre2").to_lowercase()) != currency)
    {
        return Tok::Other;
    }
    let Some(value) = parse_digits(get("a")) else {
        return Tok::Other;
    };
    let max = match caps.name("b") {
        Some(b) => match parse_digits(b.as_str()) {
            Some(v) => Some(v),
            None => return Tok::Other,
        },
        None => None,
    };
    let mut suffix = caps.name("suf").map_or("", |m| m.as_str());
    // Why: "lebih dari 300-an akun" — "-an" after a number means "some", a hedge.
    let about = suffix == "-an" && max.is_none();
    if about {
        suffix = "";
    }
    if !suffix.is_empty() && !glued_suffix_known(suffix) {
        return Tok::Other;
    }
    Tok::Num(NumTok {
        currency,
        raw: caps.name("a").map_or("", |m| m.as_str()),
        value,
        max,
        suffix,
        about,
    })
}

/// A currency written before the number ("rp", "us$").
fn prefix_currency(lower: &str) -> Option<&'static str> {
    LEX.prefixes.get(lower).copied()
}

/// Whether a glued suffix is a scale, "%" or a unit ("5km", "Rp1,5T").
fn glued_suffix_known(suffix: &str) -> bool {
    scale_of(suffix).is_some() || unit_single(&lowercase(suffix)).is_some()
}

/// The scale word `s`, honouring case-sensitive ones.
fn scale_of(s: &str) -> Option<Scale> {
    if let Some(sc) = LEX.scales.get(s).filter(|sc| sc.case_sensitive) {
        return Some(*sc);
    }
    LEX.scales
        .get(lowercase(s).as_ref())
        .filter(|sc| !sc.case_sensitive)
        .copied()
}

/// A one-word unit.
fn unit_single(lower: &str) -> Option<(FigureKind, &'static str)> {
    LEX.units
        .get(lower)?
        .iter()
        .find(|(w, _, _)| w.len() == 1)
        .map(|(_, k, u)| (*k, *u))
}

/// Longest multi-word entry of `list` starting at token `i`; returns its word count.
fn match_words(tokens: &[Token<'_>], i: usize, words: &[String]) -> bool {
    words
        .iter()
        .enumerate()
        .all(|(k, w)| tokens.get(i + k).is_some_and(|t| t.lower == w.as_str()))
}

/// A unit at token `i`: (tokens used, kind, unit).
fn unit_at(tokens: &[Token<'_>], i: usize) -> Option<(usize, FigureKind, &'static str)> {
    let first = tokens.get(i)?;
    LEX.units
        .get(first.lower.as_ref())?
        .iter()
        .find(|(w, _, _)| match_words(tokens, i, w))
        .map(|(w, k, u)| (w.len(), *k, *u))
}

/// A currency written after the number at token `i`: (tokens used, code).
fn suffix_currency_at(tokens: &[Token<'_>], i: usize) -> Option<(usize, &'static str)> {
    let first = tokens.get(i)?;
    LEX.suffixes
        .get(first.lower.as_ref())?
        .iter()
        .find(|(w, _)| match_words(tokens, i, w))
        .map(|(w, c)| (w.len(), *c))
}

/// Whether token `i` is a word of the given context side ("pukul" before, "Juni" after).
fn is_context(token: Option<&Token<'_>>, side: Side) -> bool {
    token.is_some_and(|t| {
        LEX.context
            .get(t.lower.as_ref())
            .is_some_and(|s| s.contains(&side))
    })
}

/// Whether the text looks like a year ("2024", "1816"): four ungrouped digits, since
/// Indonesian writes quantities from a thousand up with a "." ("2.500 orang").
fn is_year(raw: &str, value: f64) -> bool {
    raw.len() == 4 && raw.bytes().all(|b| b.is_ascii_digit()) && (1000.0..=2100.0).contains(&value)
}

/// A number read from tokens starting at `i`: value, upper bound, hedged, tokens used,
/// glued currency, glued suffix, whether it was written in words.
struct Read<'a> {
    value: f64,
    max: Option<f64>,
    approx: bool,
    next: usize,
    currency: Option<&'static str>,
    suffix: &'a str,
    words: bool,
    raw: &'a str,
}

/// Reads number words from token `i` ("dua puluh lima", "satu koma lima", "ratusan ribu").
fn read_words<'a>(tokens: &[Token<'a>], i: usize) -> Option<Read<'a>> {
    let (mut total, mut group, mut pending) = (0.0f64, 0.0f64, None::<f64>);
    let (mut approx, mut decimals, mut in_decimals) = (false, String::new(), false);
    let mut j = i;
    while let Some(t) = tokens.get(j) {
        let Some(&(v, role)) = LEX.words.get(t.lower.as_ref()) else {
            break;
        };
        if in_decimals {
            if role == Role::Digit {
                decimals.push(char::from(b'0' + v as u8));
                j += 1;
                continue;
            }
            if role != Role::Scale {
                break;
            }
        }
        match role {
            Role::Digit | Role::Approx => {
                if pending.is_some() {
                    break;
                }
                pending = Some(v);
                approx |= role == Role::Approx;
            }
            Role::Mult => match pending.take() {
                Some(p) => group += p * v,
                None => break,
            },
            Role::Belas => match pending.take() {
                Some(p) => group += 10.0 + p,
                None => break,
            },
            Role::Whole => {
                if pending.is_some() {
                    break;
                }
                group += v;
            }
            Role::Scale => {
                let mut base = group + pending.take().unwrap_or(0.0);
                if in_decimals {
                    base += format!("0.{decimals}").parse::<f64>().unwrap_or(0.0);
                    in_decimals = false;
                    decimals.clear();
                }
                if base == 0.0 {
                    break;
                }
                total += scaled(base, v);
                group = 0.0;
            }
            Role::SeScale => {
                if pending.is_some() || group > 0.0 {
                    break;
                }
                total += v;
            }
            Role::Half => {
                group += pending.take().unwrap_or(0.0) + 0.5;
            }
            Role::Point => {
                if pending.is_none() && group == 0.0 {
                    break;
                }
                in_decimals = true;
            }
        }
        j += 1;
    }
    if j == i {
        return None;
    }
    let mut value = total + group + pending.unwrap_or(0.0);
    if in_decimals {
        if decimals.is_empty() {
            j -= 1; // a trailing "koma" is punctuation talk, not a decimal point
        } else {
            value += format!("0.{decimals}").parse::<f64>().unwrap_or(0.0);
        }
    }
    Some(Read {
        value,
        max: None,
        approx,
        next: j,
        currency: None,
        suffix: "",
        words: true,
        raw: "",
    })
}

/// `value × factor`, rounded to a thousandth so that "8,2 juta" is 8200000, not 8199999.99….
fn scaled(value: f64, factor: f64) -> f64 {
    ((value * factor) * 1000.0).round() / 1000.0
}

/// Figures found in one paragraph.
fn scan(text: &str, paragraph: usize, out: &mut Vec<Figure>) {
    let tokens = tokenize(text);
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let read = match &t.tok {
            Tok::Num(n) => Some(Read {
                value: n.value,
                max: n.max,
                approx: n.about,
                next: i + 1,
                currency: n.currency,
                suffix: n.suffix,
                words: false,
                raw: n.raw,
            }),
            Tok::Word => read_words(&tokens, i),
            _ => None,
        };
        let Some(read) = read else {
            i += 1;
            continue;
        };
        match figure_at(text, &tokens, i, read) {
            Ok(fig) => {
                let (fig, next) = fig;
                out.push(Figure { paragraph, ..fig });
                i = next.max(i + 1);
            }
            Err(next) => i = next.max(i + 1),
        }
    }
}

/// Builds the figure whose number starts at token `i`. `Err(next)` says where to resume.
fn figure_at(
    text: &str,
    tokens: &[Token<'_>],
    i: usize,
    read: Read<'_>,
) -> Result<(Figure, usize), usize> {
    let prev = i.checked_sub(1).and_then(|p| tokens.get(p));
    // A separate currency prefix ("Rp 1,5", "US$ 3").
    let mut currency = read.currency;
    let mut start_tok = i;
    if currency.is_none() && !read.words {
        if let Some(c) = prev.and_then(|p| prefix_currency(&p.lower)) {
            currency = Some(c);
            start_tok = i - 1;
        }
    }
    let before = start_tok.checked_sub(1).and_then(|p| tokens.get(p));
    // Why: "salah satu" ("one of") and "pukul 10.00", "Pasal 27", "ke 3" are not figures.
    if read.words && before.is_some_and(|b| b.lower == "salah") {
        return Err(read.next);
    }
    if currency.is_none() && is_context(before, Side::Before) {
        // Why: "Pasal 415 dan 416" — the blocked reference may list more numbers.
        let mut k = read.next;
        while matches!(
            tokens.get(k).map(|t| t.lower.as_ref()),
            Some("," | "dan" | "atau" | "-" | "–")
        ) && matches!(tokens.get(k + 1).map(|t| &t.tok), Some(Tok::Num(_)))
        {
            k += 2;
        }
        return Err(k);
    }
    let mut j = read.next;
    // Why: "20 dan 21 Juni 2024", "18, 19, dan 20 Juni": days listed before a month are dates.
    let day_number = |t: Option<&Token<'_>>| matches!(t.map(|t| &t.tok), Some(Tok::Num(n)) if n.raw.len() <= 2 && n.raw.bytes().all(|b| b.is_ascii_digit()));
    let mut day_listed = false;
    let mut k = j;
    for _ in 0..6 {
        let joiners = k;
        while matches!(tokens.get(k).map(|t| t.lower.as_ref()), Some("," | "dan" | "serta" | "atau")) {
            k += 1;
        }
        if k == joiners || !day_number(tokens.get(k)) {
            break;
        }
        k += 1;
        if is_context(tokens.get(k), Side::After) {
            day_listed = read.value.fract() == 0.0 && (1.0..=31.0).contains(&read.value);
            break;
        }
    }
    if day_listed {
        return Err(j);
    }
    // Dates ("22 Juni 2024") and times ("10.00 WIB"): skip the number and what follows.
    if is_context(tokens.get(j), Side::After) {
        let mut k = j + 1;
        if let Some(Tok::Num(n)) = tokens.get(k).map(|t| &t.tok) {
            if is_year(n.raw, n.value) {
                k += 1;
            }
        }
        return Err(k);
    }
    let (mut value, mut max, mut approx) = (read.value, read.max, read.approx);
    let mut suffix = read.suffix;
    // A range written with words or a spaced dash: "10 hingga 20", "Rp 1 juta - Rp 2 juta".
    let mut scale_a = None;
    if read.words
        && matches!(
            tokens.get(j).map(|t| t.lower.as_ref()),
            Some("-" | "–" | "hingga" | "sampai")
        )
    {
        if let Some(upper) = read_words(tokens, j + 1).filter(|u| !u.approx && u.value > value) {
            max = Some(upper.value);
            j = upper.next;
        } else if let Some(Tok::Num(n)) = tokens.get(j + 1).map(|t| &t.tok) {
            // Why: "ranking dari satu hingga 365" — words then digits is still one range.
            if n.max.is_none() && n.currency.is_none() && n.suffix.is_empty() && n.value > value {
                max = Some(n.value);
                j += 2;
            }
        }
    }
    if read.suffix.is_empty() && max.is_none() && !read.words {
        if let Some(sc) = tokens.get(j).and_then(|t| scale_of(t.text)) {
            if !sc.money_only || currency.is_some() {
                scale_a = Some(sc.factor);
                j += 1;
            }
        }
        let conn = tokens.get(j).map(|t| t.lower.as_ref());
        // Why: "Ia ditahan 2 x 24 jam" — the spaced form of "2x24".
        if scale_a.is_none() && matches!(conn, Some("x" | "×")) {
            if let Some(Tok::Num(n)) = tokens.get(j + 1).map(|t| &t.tok) {
                if n.max.is_none()
                    && n.currency.is_none()
                    && n.suffix.is_empty()
                    && n.value < 1000.0
                {
                    value *= n.value;
                    j += 2;
                }
            }
        }
        // Why: "antara 10 dan 20 persen" — "dan" joins a range only after "antara".
        let between = before.is_some_and(|b| b.lower == "antara") && conn == Some("dan");
        let conn = tokens.get(j).map(|t| t.lower.as_ref());
        if between
            || matches!(
                conn,
                Some("-" | "–" | "hingga" | "sampai" | "s.d" | "s/d" | "sd")
            )
        {
            let mut k = j + 1;
            if currency.is_some()
                && tokens.get(k).and_then(|t| prefix_currency(&t.lower)) == currency
            {
                k += 1;
            }
            if let Some(Tok::Num(n)) = tokens.get(k).map(|t| &t.tok) {
                if n.max.is_none() && n.currency.is_none() && !is_year(n.raw, n.value) {
                    if between {
                        start_tok -= 1; // "antara" belongs to the phrase
                    }
                    max = Some(n.value);
                    suffix = n.suffix;
                    j = k + 1;
                }
            }
        }
    }
    if let Some(f) = scale_a {
        value = scaled(value, f);
    }
    // A scale word after the (upper) number: "60 ribu", "Rp 1-2 juta", glued "Rp1,5T".
    let mut scale_b = None;
    if !suffix.is_empty() {
        if let Some(sc) = scale_of(suffix) {
            if sc.money_only && currency.is_none() {
                return Err(j);
            }
            scale_b = Some(sc.factor);
            suffix = "";
        }
    } else if !read.words {
        if let Some(sc) = tokens.get(j).and_then(|t| scale_of(t.text)) {
            if !sc.money_only || currency.is_some() {
                scale_b = Some(sc.factor);
                j += 1;
            }
        }
    }
    if let Some(f) = scale_b {
        match max.as_mut() {
            Some(m) => {
                *m = scaled(*m, f);
                if scale_a.is_none() {
                    value = scaled(value, f);
                }
            }
            None => value = scaled(value, f),
        }
    }
    // Why: "menang 3-1" (a score) or "2019-2024" (a period) is not a range.
    if let Some(m) = max {
        if m <= value || (is_year(read.raw, read.value) && m >= 1900.0) {
            return Err(j);
        }
    }
    // The unit.
    let mut unit: Option<String> = None;
    let mut kind = FigureKind::Number;
    let mut from_lexicon = false;
    if let Some(code) = currency {
        unit = Some(code.to_string());
        kind = FigureKind::Money;
    } else if !suffix.is_empty() {
        if let Some((k, u)) = unit_single(&lowercase(suffix)) {
            unit = Some(u.to_string());
            kind = k;
            from_lexicon = true;
        }
    } else if let Some((n, code)) = suffix_currency_at(tokens, j) {
        unit = Some(code.to_string());
        kind = FigureKind::Money;
        from_lexicon = true;
        j += n;
    } else if let Some((n, k, u)) = unit_at(tokens, j) {
        unit = Some(u.to_string());
        kind = k;
        from_lexicon = true;
        j += n;
    } else if let Some((n, noun)) = counted_noun(tokens, j) {
        unit = Some(noun);
        kind = FigureKind::Count;
        j += n;
    }
    // Why: "(021) 5551234", "takluk 1-5": long ungrouped digits (phones, ids) and bare
    // ranges (scores, spans) mean nothing without a unit.
    if unit.is_none()
        && (max.is_some() || (read.raw.len() >= 5 && read.raw.bytes().all(|b| b.is_ascii_digit())))
    {
        return Err(j);
    }
    // Years are not figures unless money or a lexicon unit follows ("Rp2024" is odd but money).
    if !read.words && kind != FigureKind::Money && !from_lexicon && is_year(read.raw, read.value) {
        return Err(j);
    }
    if read.words {
        let single = read.next == i + 1;
        let weak = matches!(tokens[i].lower.as_ref(), "satu" | "setengah");
        // Why: "satu ekor sapi" — after a classifier "satu" is a real count.
        let classifier = tokens
            .get(read.next)
            .is_some_and(|t| LEX.classifiers.contains(t.lower.as_ref()));
        if unit.is_none() || (single && weak && !from_lexicon && !classifier) {
            return Err(read.next);
        }
    }
    // Why: "1. Amerika Serikat: …" (a list item), "Ayat (1)", "[182]", "('36, 43)" (match
    // minutes): a bare number in brackets, after an apostrophe or numbering a list says nothing.
    let next_text = tokens.get(j).map(|t| t.text);
    // Why: "pukul 07.00 hingga 17.00" — a bare "hh.mm" is a clock time.
    let clock = read.raw.len() >= 4
        && read.raw.as_bytes().get(read.raw.len() - 3) == Some(&b'.')
        && read.value < 24.0;
    if unit.is_none() && clock {
        return Err(j);
    }
    if unit.is_none()
        && (prev.is_some_and(|p| matches!(p.text, "(" | "[" | "'" | "’" | "‘" | "/" | "=" | "#"))
            || matches!(next_text, Some(")" | "]"))
            || (i == 0 && matches!(next_text, Some("." | ")"))))
    {
        return Err(j);
    }
    // Why: a number right after a capitalised name is a model or edition ("Liga 1",
    // "Pesawat kepresidenan Indonesia 1 lepas landas"), unless a lexicon unit follows.
    let sentence_start = |p: usize| {
        p == 0
            || tokens
                .get(p - 1)
                .is_some_and(|t| matches!(t.text, "." | "!" | "?" | "“" | "\"" | "(" | ":" | "—"))
    };
    if (unit.is_none() || (kind == FigureKind::Count && !from_lexicon))
        && !read.words
        && currency.is_none()
        && i > 0
        && !sentence_start(i - 1)
        && prev.is_some_and(|p| {
            p.tok == Tok::Word
                && p.text.chars().next().is_some_and(char::is_uppercase)
                && !LEX.stops.contains(p.lower.as_ref())
        })
    {
        return Err(j);
    }
    // Why: "hingga minus 2 derajat Celsius" — a negative reading.
    if start_tok > 0 && tokens[start_tok - 1].lower == "minus" {
        start_tok -= 1;
        value = -value;
        max = max.map(|m| -m);
    }
    // Hedges before the figure.
    let mut start = tokens[start_tok].start;
    let hedges = start_tok
        .checked_sub(1)
        .and_then(|p| LEX.markers.get(tokens[p].lower.as_ref()));
    for m in hedges.into_iter().flatten() {
        if start_tok >= m.len() && match_words(tokens, start_tok - m.len(), m) {
            approx = true;
            start = tokens[start_tok - m.len()].start;
            break;
        }
    }
    let end = tokens
        .get(j.saturating_sub(1))
        .map_or(text.len(), |t| t.end);
    let phrase = text.get(start..end).unwrap_or_default().to_string();
    Ok((
        Figure {
            text: phrase,
            value,
            value_max: max,
            unit,
            kind,
            approximate: approx,
            paragraph: 0,
        },
        j,
    ))
}

/// The counted noun at token `i`: one or two lower-case content words.
fn counted_noun(tokens: &[Token<'_>], i: usize) -> Option<(usize, String)> {
    // Why: "97 WNI", "80 PMI" — an acronym (all capitals, 2–6 letters) is a counted noun too.
    let acronym = |t: &Token<'_>| {
        (2..=6).contains(&t.text.len()) && t.text.chars().all(|c| c.is_ascii_uppercase())
    };
    let ok = |t: &Token<'_>, second: bool| {
        t.tok == Tok::Word
            && (t.text.chars().next().is_some_and(char::is_lowercase) || (!second && acronym(t)))
            && t.text.chars().any(char::is_alphabetic)
            && !LEX.stops.contains(t.lower.as_ref())
            && !LEX.words.contains_key(t.lower.as_ref())
            && !(second && looks_verbal(&t.lower))
    };
    let first = tokens.get(i).filter(|t| ok(t, false))?;
    // Why: "431 titik layanan" — a classifier ("titik", "butir") takes the counted noun after
    // it; any other noun stands alone ("15 orang hadir").
    if !LEX.classifiers.contains(first.lower.as_ref()) {
        return Some((1, first.text.to_string()));
    }
    if let Some(second) = tokens
        .get(i + 1)
        .filter(|t| ok(t, true) && t.start > first.end)
    {
        return Some((2, format!("{} {}", first.text, second.text)));
    }
    Some((1, first.text.to_string()))
}

/// Whether a word has a verb prefix (me-, ber-, ter-, di-), so it cannot extend a noun.
fn looks_verbal(lower: &str) -> bool {
    const PREFIXES: [&str; 7] = ["mem", "men", "meng", "meny", "ber", "ter", "di"];
    lower.chars().count() > 5 && PREFIXES.iter().any(|p| lower.starts_with(p))
}

/// Finds the figures in `paragraphs`.
pub fn extract(paragraphs: &[String]) -> Vec<Figure> {
    let mut out = Vec::new();
    for (n, p) in paragraphs.iter().enumerate() {
        scan(p, n, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One expected figure as written in `phrases.tsv`: `text|value|unit|kind|approx`.
    fn render(f: &Figure) -> String {
        let value = match f.value_max {
            Some(m) => format!("{}-{}", f.value, m),
            None => format!("{}", f.value),
        };
        let kind = serde_json::to_value(f.kind)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default();
        format!(
            "{}|{}|{}|{}|{}",
            f.text,
            value,
            f.unit.as_deref().unwrap_or("-"),
            kind,
            f.approximate
        )
    }

    /// Normalises an expected value ("1.5e12" → same formatting as `render`).
    fn normal(expected: &str) -> String {
        let parts: Vec<&str> = expected.split('|').collect();
        if parts.len() != 5 {
            return expected.to_string();
        }
        let value = match parts[1].split_once('~') {
            Some((a, b)) => format!(
                "{}-{}",
                a.parse::<f64>().unwrap_or(f64::NAN),
                b.parse::<f64>().unwrap_or(f64::NAN)
            ),
            None => format!("{}", parts[1].parse::<f64>().unwrap_or(f64::NAN)),
        };
        format!(
            "{}|{}|{}|{}|{}",
            parts[0], value, parts[2], parts[3], parts[4]
        )
    }

    #[test]
    fn phrase_table() {
        let data = include_str!("../../fixtures/figures/phrases.tsv");
        let (mut total, mut right) = (0, 0);
        let mut failures = Vec::new();
        for line in data.lines() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            let sentence = cols.next().unwrap_or_default();
            let expected: Vec<String> = cols
                .filter(|c| *c != "-" && !c.is_empty())
                .map(normal)
                .collect();
            let got: Vec<String> = extract(&[sentence.to_string()])
                .iter()
                .map(render)
                .collect();
            total += 1;
            if got == expected {
                right += 1;
            } else {
                failures.push(format!("{sentence}\n   want {expected:?}\n   got  {got:?}"));
            }
        }
        let accuracy = right as f64 / total.max(1) as f64;
        println!(
            "figures phrase table: {right}/{total} = {:.1}%",
            accuracy * 100.0
        );
        for f in &failures {
            println!("{f}");
        }
        assert!(total >= 300, "table has only {total} phrases");
        assert!(accuracy >= 0.98, "accuracy {accuracy}");
    }

    /// Prints the figures of each line of the file named by `WARTA_FIG_DUMP` as table rows,
    /// to help write `phrases.tsv` (expectations are then checked by hand).
    #[test]
    #[ignore]
    fn dump() {
        let Ok(path) = std::env::var("WARTA_FIG_DUMP") else {
            return;
        };
        let Ok(data) = std::fs::read_to_string(path) else {
            return;
        };
        for line in data.lines().filter(|l| !l.trim().is_empty()) {
            let got: Vec<String> = extract(&[line.to_string()]).iter().map(render).collect();
            let cols = if got.is_empty() {
                "-".to_string()
            } else {
                got.join("\t")
            };
            println!("ROW\t{line}\t{cols}");
        }
    }

    /// Times `extract` over the paragraphs (one per line) of the file named by
    /// `WARTA_FIG_BENCH`.
    #[test]
    #[ignore]
    fn bench() {
        let Ok(path) = std::env::var("WARTA_FIG_BENCH") else {
            return;
        };
        let Ok(data) = std::fs::read_to_string(path) else {
            return;
        };
        let paragraphs: Vec<String> = data.lines().map(String::from).collect();
        let _ = extract(&paragraphs[..1.min(paragraphs.len())]);
        let t = std::time::Instant::now();
        let mut n = 0;
        for _ in 0..10 {
            n += extract(&paragraphs).len();
        }
        let figures = t.elapsed();
        for _ in 0..10 {
            n += crate::extract::acronyms::extract(&paragraphs).len();
        }
        println!(
            "BENCH {} paragraphs x10: figures {figures:?}, acronyms {:?} ({n} items)",
            paragraphs.len(),
            t.elapsed() - figures
        );
    }

    #[test]
    fn reference_article() {
        let paragraphs = crate::extract::test_support::seed_paragraphs();
        assert_eq!(paragraphs.len(), 13);
        let got: Vec<(String, f64, Option<String>, FigureKind, bool)> = extract(&paragraphs)
            .into_iter()
            .map(|f| (f.text, f.value, f.unit, f.kind, f.approximate))
            .collect();
        let want = vec![
            ("12 jam", 12.0, Some("jam"), FigureKind::Duration, false),
            ("60%", 60.0, Some("%"), FigureKind::Percent, false),
            ("100%", 100.0, Some("%"), FigureKind::Percent, false),
            ("24 jam", 24.0, Some("jam"), FigureKind::Duration, false),
            (
                "Sekitar 60.000 paspor",
                60000.0,
                Some("paspor"),
                FigureKind::Count,
                true,
            ),
            ("tiga hari", 3.0, Some("hari"), FigureKind::Duration, false),
            (
                "431 titik layanan",
                431.0,
                Some("titik layanan"),
                FigureKind::Count,
                false,
            ),
            (
                "22 kementerian/lembaga",
                22.0,
                Some("kementerian/lembaga"),
                FigureKind::Count,
                false,
            ),
        ];
        let want: Vec<_> = want
            .into_iter()
            .map(|(t, v, u, k, a)| (t.to_string(), v, u.map(String::from), k, a))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn never_panics_on_odd_text() {
        for s in [
            "",
            "Rp",
            "Rp.",
            "–",
            "1,",
            ",5",
            "±",
            "dua koma",
            "satu koma",
            "koma lima",
            "“60%”…",
            "1-",
            "Rp1-",
            "٣ jam",
            "9999999999999999999999999 orang",
        ] {
            let _ = extract(&[s.to_string()]);
        }
        // Every prefix and suffix of a dense sentence, cut at each character boundary.
        let dense = "“Sekitar ±Rp1,5–2 T (25/6) — 60.000 paspor, 12,5% ke-3 antara 10 dan 20 persen, minus 2x24 jam…”";
        for (i, _) in dense.char_indices() {
            let _ = extract(&[dense[..i].to_string(), dense[i..].to_string()]);
            let _ = crate::extract::acronyms::extract(&[
                dense[..i].to_string(),
                dense[i..].to_string(),
            ]);
        }
    }
}
