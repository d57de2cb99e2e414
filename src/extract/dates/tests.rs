//! Tests of the date extractor: the phrase table in `fixtures/dates/phrases.tsv`, the
//! reference article, warnings, and inputs that must not panic.

use chrono::NaiveDate;

use super::extract;
use crate::record::DateKind;

/// Runs the extractor on one sentence and renders `text=value[/value_end]` pairs joined by " | ".
fn render(sentence: &str, reference: Option<NaiveDate>) -> String {
    let (dates, _) = extract(&[sentence.to_string()], reference);
    if dates.is_empty() {
        return "-".to_string();
    }
    dates
        .iter()
        .map(|d| match &d.value_end {
            Some(end) => format!("{}={}/{}", d.text, d.value, end),
            None => format!("{}={}", d.text, d.value),
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

#[test]
fn phrase_table() {
    let table = include_str!("../../../fixtures/dates/phrases.tsv");
    let mut failures = Vec::new();
    let mut count = 0;
    for (n, line) in table.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(cols.len() >= 3, "line {}: needs sentence, reference, expected", n + 1);
        let reference = match cols[1].trim() {
            "-" => None,
            d => Some(NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap_or_else(|_| panic!("line {}: bad date {d}", n + 1))),
        };
        count += 1;
        let got = render(cols[0], reference);
        if got != cols[2].trim() {
            failures.push(format!("line {}: {}\n  expected {}\n  got      {}", n + 1, cols[0], cols[2].trim(), got));
        }
    }
    assert!(failures.is_empty(), "{} of {count} phrases wrong:\n{}", failures.len(), failures.join("\n"));
    assert!(count >= 200, "only {count} phrases");
}

/// The 13 body paragraphs of the reference article.
fn seed() -> Vec<String> {
    crate::extract::test_support::seed_paragraphs()
}

#[test]
fn reference_article() {
    let paragraphs = seed();
    assert_eq!(paragraphs.len(), 13);
    let (dates, warnings) = extract(&paragraphs, None);
    let got: Vec<(usize, &str, &str, Option<&str>)> =
        dates.iter().map(|d| (d.paragraph, d.text.as_str(), d.value.as_str(), d.value_end.as_deref())).collect();
    let expected = vec![
        (0, "Sabtu malam, 22 Juni 2024", "2024-06-22", None),
        (1, "Minggu, 23 Juni 2024", "2024-06-23", None),
        (1, "hari ini", "2024-06-28", None),
        (2, "Kamis pekan lalu", "2024-06-20", None),
        (2, "Jumat, 28 Juni 2024", "2024-06-28", None),
        (6, "Kamis (20/06/2024)", "2024-06-20", None),
        (6, "Jumat (21/06/2024)", "2024-06-21", None),
        (7, "Kamis (27/06/2024)", "2024-06-27", None),
        (7, "Jumat (28/06/2024)", "2024-06-28", None),
        (10, "akhir pekan lalu", "2024-06-22", Some("2024-06-23")),
        (10, "pekan ini", "2024-W26", None),
    ];
    assert_eq!(got, expected);
    assert_eq!(warnings, vec!["relative dates resolved against 2024-06-28, the latest date in the text".to_string()]);
    let kinds: Vec<DateKind> = dates.iter().map(|d| d.kind).collect();
    assert_eq!(kinds[2], DateKind::Relative);
    assert_eq!(kinds[3], DateKind::Relative);
    assert_eq!(kinds[0], DateKind::Absolute);
    // Char offsets point at the text.
    for d in &dates {
        let p: String = paragraphs[d.paragraph].chars().skip(d.start).take(d.end - d.start).collect();
        assert_eq!(p, d.text);
    }
}

#[test]
fn weekday_contradicting_its_date_is_warned() {
    let (dates, warnings) = extract(&["Rapat digelar Senin, 22 Juni 2024 di Jakarta.".to_string()], None);
    assert_eq!(dates.len(), 1);
    assert_eq!(dates[0].value, "2024-06-22");
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("Saturday"), "{warnings:?}");
}

#[test]
fn relative_dates_without_any_reference_are_left_out() {
    let (dates, warnings) = extract(&["Polisi menangkap pelaku kemarin.".to_string()], None);
    assert!(dates.is_empty());
    assert_eq!(warnings.len(), 1);
}

#[test]
fn given_reference_gives_no_warning() {
    let reference = NaiveDate::from_ymd_opt(2024, 6, 28);
    let (dates, warnings) = extract(&["Polisi menangkap pelaku kemarin.".to_string()], reference);
    assert_eq!(dates[0].value, "2024-06-27");
    assert!(warnings.is_empty());
}

#[test]
fn odd_inputs_do_not_panic() {
    let reference = NaiveDate::from_ymd_opt(2024, 2, 29);
    let odd = [
        "", "(", "Kamis (", "Kamis (31/", "31/02/2024", "Jum’at (", "—–“”’…", "99 Juni 99999", "Senin-", "-Minggu",
        "pukul", "Jumat, 28/6/2024 99:99 WIB", "9999999999 hari lalu", "se hari lalu", "Minggu", "minggu",
        "31 Desember 9999 pukul 23:59 WIT", "1 Januari 1000", "Kamis pekan lalu", "Rabu (29/2)",
    ];
    for s in odd {
        let _ = extract(&[s.to_string()], reference);
        let _ = extract(&[s.to_string()], None);
        let _ = extract(&[s.repeat(50)], reference);
    }
}

#[test]
fn seed_is_fast() {
    let paragraphs = seed();
    let _ = extract(&paragraphs, None);
    let runs = 200;
    let t = std::time::Instant::now();
    for _ in 0..runs {
        let _ = extract(&paragraphs, None);
    }
    let per = t.elapsed() / runs;
    // Debug builds are slow; the release figure is in the report. This catches blow-ups only.
    assert!(per.as_millis() < 20, "{per:?} per run");
}

/// Development aid: renders each `sentence<TAB>reference` line of `$DATES_DUMP`.
#[test]
#[ignore]
fn dump() {
    let Ok(path) = std::env::var("DATES_DUMP") else { return };
    let data = std::fs::read_to_string(path).unwrap_or_default();
    for line in data.lines() {
        let mut cols = line.split('\t');
        let sentence = cols.next().unwrap_or("");
        let reference = cols.next().and_then(|d| NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok());
        let r = reference.map_or("-".to_string(), |d| d.to_string());
        println!("{sentence}\t{r}\t{}", render(sentence, reference));
    }
}

/// Development aid: prints the time per run over the reference article
/// (`cargo test --release --lib extract::dates::tests::timing -- --ignored --nocapture`).
#[test]
#[ignore]
fn timing() {
    let paragraphs = seed();
    let _ = extract(&paragraphs, None);
    let runs = 5000;
    let t = std::time::Instant::now();
    for _ in 0..runs {
        std::hint::black_box(extract(std::hint::black_box(&paragraphs), None));
    }
    println!("seed: {:?} per run", t.elapsed() / runs);
    let t = std::time::Instant::now();
    let mut out = Vec::new();
    for _ in 0..runs {
        for para in &paragraphs {
            out.clear();
            super::candidates(std::hint::black_box(para), &mut out);
        }
    }
    println!("candidates only: {:?} per run", t.elapsed() / runs);
}

/// Joins PFSA tokens the way Kompas writes them: "Senin ( 13 / 04 / 2020 )" → "Senin (13/04/2020)".
fn detokenise(tokens: &[&str]) -> String {
    let mut out = String::new();
    for (i, t) in tokens.iter().enumerate() {
        let prev = if i > 0 { tokens[i - 1] } else { "" };
        let glue = i == 0 || prev == "(" || prev == "/" || matches!(*t, ")" | "," | "." | ";" | ":" | "?" | "!" | "%" | "/");
        if !glue {
            out.push(' ');
        }
        out.push_str(t);
    }
    out
}

/// Recognition recall on the DATETIME spans of the PFSA-ID dev split (Kompas):
/// `cargo test --lib extract::dates::tests::pfsa_recall -- --ignored --nocapture`.
/// A span counts as found when a mention's text contains it or lies inside it.
#[test]
#[ignore]
fn pfsa_recall() {
    let Ok(data) = std::fs::read_to_string("/work/shared/corpus-id/pfsa-dev/dev-20.txt") else { return };
    let reference = NaiveDate::from_ymd_opt(2020, 6, 1);
    let (mut gold, mut found, mut mentions) = (0, 0, 0);
    for sentence in data.split("\n\n") {
        let rows: Vec<(&str, &str)> = sentence.lines().filter_map(|l| l.split_once('\t')).collect();
        let tokens: Vec<&str> = rows.iter().map(|r| r.0).collect();
        let mut spans: Vec<Vec<&str>> = Vec::new();
        let mut open = false;
        for (token, tag) in &rows {
            if tag.ends_with("DATETIME") {
                if tag.starts_with('B') || tag.starts_with('U') || !open {
                    spans.push(Vec::new());
                }
                if let Some(s) = spans.last_mut() {
                    s.push(token);
                }
                open = !(tag.starts_with('L') || tag.starts_with('U'));
            } else {
                open = false;
            }
        }
        let text = detokenise(&tokens);
        let (dates, _) = extract(&[text], reference);
        mentions += dates.len();
        for span in spans {
            gold += 1;
            let span = detokenise(&span);
            if dates.iter().any(|d| d.text.contains(&span) || span.contains(&d.text)) {
                found += 1;
            } else {
                println!("missed: {span}");
            }
        }
    }
    println!("PFSA dev DATETIME spans: {gold}, found {found} (recall {:.3}); {mentions} mentions in all", found as f64 / gold.max(1) as f64);
}
