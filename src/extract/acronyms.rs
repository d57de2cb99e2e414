//! Acronyms defined in the text: "Pusat Data Nasional (PDN)" and "PDN (Pusat Data Nasional)".
//!
//! A definition is a parenthesis next to a phrase, where the short form's letters can be read
//! off the long form's words in order. Function words ("dan", "di", …) may give no letter.
//! An all-capitals short form ("PDN", "TPI") takes each letter run from the start of a word;
//! a mixed-case one ("Kapolda" ← "Kepala Kepolisian Daerah", "Polri" ← "Kepolisian
//! Republik Indonesia") may take letters from inside a word. Every other word of the long
//! form gives at least one letter, which is what keeps "(Sabtu-Minggu)" and dates out.

use crate::fasthash::Set as HashSet;
use std::sync::LazyLock;

use regex::Regex;

use crate::lexicon::entries;
use crate::record::Acronym;

/// Function words that may stand in a long form without giving a letter.
static FUNCTION_WORDS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| entries(include_str!("../lexicon/acronym_function_words.txt")).collect());

/// A parenthesis without nested parentheses.
static PAREN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\(([^()]{1,160})\)").expect("valid regex"));

/// A short form: a capital then letters, 2–12 in all ("PDN", "Kapolda").
static SHORT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Z][A-Za-z]{1,11}$").expect("valid regex"));

/// How far back before "(" a long form is looked for, in bytes.
const LOOK_BACK_BYTES: usize = 320;

/// Most words a long form may have.
const MAX_LONG_WORDS: usize = 12;

/// Characters trimmed off a word's ends before it is compared.
fn is_edge_punct(c: char) -> bool {
    !c.is_alphanumeric()
}

/// Whether `part` is a subsequence of `word`, starting at its first letter when `anchored`.
fn takes(part: &[char], word: &[char], anchored: bool) -> bool {
    if anchored && part.first() != word.first() {
        return false;
    }
    let mut it = word.iter();
    part.iter().all(|c| it.any(|w| w == c))
}

/// Whether the letters `short` can be read off `words` in order (see the module note).
fn matches(short: &[char], words: &[(Vec<char>, bool)], anchored: bool) -> bool {
    // memo[w * (n + 1) + s]: words[w..] cannot give short[s..].
    let n = short.len();
    let mut failed = vec![false; (words.len() + 1) * (n + 1)];
    fn go(
        w: usize,
        s: usize,
        short: &[char],
        words: &[(Vec<char>, bool)],
        anchored: bool,
        failed: &mut [bool],
    ) -> bool {
        let n = short.len();
        if w == words.len() {
            return s == n;
        }
        if failed[w * (n + 1) + s] {
            return false;
        }
        let (word, function) = &words[w];
        let ok = (*function && go(w + 1, s, short, words, anchored, failed))
            || (s < n
                && (1..=n - s).any(|take| {
                    takes(&short[s..s + take], word, anchored)
                        && go(w + 1, s + take, short, words, anchored, failed)
                }));
        if !ok {
            failed[w * (n + 1) + s] = true;
        }
        ok
    }
    go(0, 0, short, words, anchored, &mut failed)
}

/// A word of the text: its byte span and lower-case letters.
struct Word {
    start: usize,
    end: usize,
    letters: Vec<char>,
    function: bool,
    /// Clause punctuation right after the word (",", ".", "”"): a long form stops there.
    closes: bool,
    /// An opening quote or bracket right before the word: a long form starts there at most.
    opens: bool,
}

/// Splits `text` (found at byte `offset` of its paragraph) into words.
fn words(text: &str, offset: usize) -> Vec<Word> {
    let base = text.as_ptr() as usize;
    text.split_whitespace()
        .map(|raw| {
            let raw_start = raw.as_ptr() as usize - base;
            let trimmed_start = raw.trim_start_matches(is_edge_punct);
            let trimmed = trimmed_start.trim_end_matches(is_edge_punct);
            let lead = &raw[..raw.len() - trimmed_start.len()];
            let trail = &trimmed_start[trimmed.len()..];
            let start = offset + raw_start + lead.len();
            let lower = trimmed.to_lowercase();
            Word {
                start,
                end: start + trimmed.len(),
                letters: lower.chars().filter(|c| c.is_alphabetic()).collect(),
                function: FUNCTION_WORDS.contains(lower.as_str()),
                closes: trail.contains(|c: char| ",.;:!?\"”“)]—".contains(c)),
                opens: lead.contains(|c: char| "\"“”(['‘".contains(c)),
            }
        })
        .collect()
}

/// The long form for `short` among `words` (all of them when `whole`, else the shortest
/// tail that matches). Returns the byte span of the long form.
fn long_form(short: &str, words: &[Word], whole: bool) -> Option<(usize, usize)> {
    let letters: Vec<char> = short.to_lowercase().chars().collect();
    let anchored = short.chars().all(|c| c.is_ascii_uppercase());
    let max = if whole {
        words.len()
    } else {
        words.len().min(MAX_LONG_WORDS).min(letters.len() * 2 + 2)
    };
    let range: Vec<usize> = if whole {
        vec![words.len()]
    } else {
        (2..=max).collect()
    };
    for k in range {
        let Some(tail) = words.get(words.len().saturating_sub(k)..) else {
            continue;
        };
        if tail.len() != k || !(2..=MAX_LONG_WORDS).contains(&k) {
            continue;
        }
        let first = &tail[0];
        let last = &tail[k - 1];
        if first.function || last.function || first.letters.is_empty() {
            continue;
        }
        // Why: "Kementerian Kominfo, pusat data nasional (PDN)" — stop at a comma.
        let broken = tail[..k - 1].iter().any(|w| w.closes) || tail[1..].iter().any(|w| w.opens);
        if broken || tail.iter().any(|w| w.letters.is_empty()) {
            if whole {
                return None;
            }
            break;
        }
        let content = tail.iter().filter(|w| !w.function).count();
        if content < 2 {
            continue;
        }
        let ws: Vec<(Vec<char>, bool)> = tail
            .iter()
            .map(|w| (w.letters.clone(), w.function))
            .collect();
        if matches(&letters, &ws, anchored) {
            return Some((first.start, last.end));
        }
    }
    None
}

/// Finds acronym definitions in `paragraphs`, first definition of each short form wins.
pub fn extract(paragraphs: &[String]) -> Vec<Acronym> {
    let mut out: Vec<Acronym> = Vec::new();
    let mut seen = HashSet::default();
    for text in paragraphs {
        for caps in PAREN.captures_iter(text) {
            let (Some(whole), Some(inner)) = (caps.get(0), caps.get(1)) else {
                continue;
            };
            let content = inner.as_str().trim();
            let before = &text[..whole.start()];
            let found = if SHORT.is_match(content) {
                // "Pusat Data Nasional (PDN)"
                // Only the last few hundred bytes can hold the long form (MAX_LONG_WORDS words).
                let mut from = before.len().saturating_sub(LOOK_BACK_BYTES);
                while !before.is_char_boundary(from) {
                    from += 1;
                }
                let ws = words(&before[from..], from);
                long_form(content, &ws, false)
                    .map(|(s, e)| (content.to_string(), text[s..e].to_string()))
            } else {
                // "PDN (Pusat Data Nasional)": the short form is the word before the parenthesis.
                let short = before
                    .trim_end()
                    .rsplit(char::is_whitespace)
                    .next()
                    .unwrap_or_default()
                    .trim_start_matches(is_edge_punct);
                if SHORT.is_match(short) {
                    let ws = words(inner.as_str(), inner.start());
                    long_form(short, &ws, true)
                        .map(|(s, e)| (short.to_string(), text[s..e].to_string()))
                } else {
                    None
                }
            };
            if let Some((short, long)) = found {
                if short != long && seen.insert(short.clone()) {
                    out.push(Acronym { short, long });
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(text: &str) -> Vec<String> {
        extract(&[text.to_string()])
            .into_iter()
            .map(|a| format!("{}={}", a.short, a.long))
            .collect()
    }

    #[test]
    fn acronym_table() {
        let data = include_str!("../../fixtures/figures/acronyms.tsv");
        let mut failures = Vec::new();
        let mut total = 0;
        for line in data
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        {
            let mut cols = line.split('\t');
            let sentence = cols.next().unwrap_or_default();
            let want: Vec<String> = cols
                .filter(|c| *c != "-" && !c.is_empty())
                .map(String::from)
                .collect();
            let got = pairs(sentence);
            total += 1;
            if got != want {
                failures.push(format!("{sentence}\n   want {want:?}\n   got  {got:?}"));
            }
        }
        println!("acronym table: {}/{total}", total - failures.len());
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    /// Prints the definitions found in each line of the file named by `WARTA_ACRONYM_DUMP`.
    #[test]
    #[ignore]
    fn dump() {
        let Ok(path) = std::env::var("WARTA_ACRONYM_DUMP") else {
            return;
        };
        let Ok(data) = std::fs::read_to_string(path) else {
            return;
        };
        for line in data.lines() {
            for p in pairs(line) {
                println!("ACR\t{p}");
            }
        }
    }

    #[test]
    fn reference_article() {
        let paragraphs = crate::extract::test_support::seed_paragraphs();
        let got: Vec<(String, String)> = extract(&paragraphs)
            .into_iter()
            .map(|a| (a.short, a.long))
            .collect();
        assert_eq!(
            got,
            vec![
                ("PDN".to_string(), "Pusat Data Nasional".to_string()),
                ("TPI".to_string(), "tempat perlintasan imigrasi".to_string()),
            ]
        );
    }
}
