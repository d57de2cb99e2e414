//! Quotes, direct and indirect, with their speakers resolved.
//!
//! Direct quotes are found by pairing quote marks (`quote_marks.tsv`) paragraph by paragraph;
//! a quote that is still open at the end of a paragraph continues when the next paragraph opens
//! with a mark (the newspaper convention for a quote over several paragraphs), and otherwise ends
//! with its paragraph. Indirect quotes are a speech verb of `speech_verbs_before.txt` followed by
//! a comma or "bahwa" ("Ia menjelaskan, …", "X mengatakan bahwa …") or "Menurut X, …"; their text
//! is the rest of the sentence. A cue set off by commas inside a sentence ("Kebijakan itu, kata
//! Silmy, sudah disiapkan sejak lama.", "Hal itu, menurut Niko, sesuai prosedur.") makes the
//! whole sentence the reported speech, cue included, so the text stays a span of the body;
//! "Menurut dia, …" and "…, kata dia, …" take the speaker in play.
//!
//! Who said it, in this order (the first rule that gives an answer wins):
//! 1. a cue right after the closing mark: a root verb and a person ("…,” kata Kapolres AKBP
//!    Niko", "ungkap Direktur Jenderal Imigrasi, Silmy Karim"; in a comma list the last part of
//!    two or more capitalised words is the name), a root verb and a pronoun ("kata dia"), a root
//!    verb and an epithet ending in "itu"/"ini"/"tersebut" ("kata politisi Partai Hanura itu"),
//!    or a person and a verb ("…,” Choirul menambahkan");
//! 2. a cue right before the opening mark, in the same sentence or at the end of the previous
//!    paragraph: "X mengatakan, “…”", "X mengatakan: “…”", "Menurut X, “…”";
//! 3. a cue whose words name no one the article names ("kata perekam suara", "Salah satu
//!    tetangganya mengatakan,"): speaker null, and no one is in play afterwards;
//! 4. otherwise, and for "-nya" cues ("tuturnya", "katanya"), pronouns ("Ia", "Dia", "Beliau")
//!    and epithets, the speaker in play.
//!
//! The speaker in play is the last of, in reading order:
//! (a) a speaker given by rules 1 or 2 to a direct or indirect quote;
//! (b) a person named outside quote marks next to a speech cue (`Mention::cited`: "Wahyu
//!     mengatakan", "kata Kusnawan"), unless a one-word name right after a lower-case word
//!     ("umat Muslim menilai": a modifier, not a person);
//! (c) a named official (name and position) who is the subject of a sentence, cited or not
//!     ("Ketua Presidium HIMKI Abdul Sobur mendesak …"; Kompas quotes them next with -nya).
//! Skipped, because they are talked about rather than talking: names only mentioned in passing
//! (not cited and not a subject: "Menteri Sosial Juliari Batubara" in a list of attendees),
//! names inside quote marks, and names inside the reported clause of indirect speech ("ia juga
//! mengatakan, Presiden Joko Widodo memerintahkan …"). When no one is in play yet, the last named
//! official before the quote stands in.
//!
//! A speaker written as a short name ("kata Risma") or a bare position ("kata Kapolres") is
//! linked with `people::resolve` to the named person of the article; speaker = their full name
//! (the longest name of the article it is a form of, one given with a position first),
//! speaker_position = their position (with its organisation when the position is a bare head
//! of one or two words: "Direktur Jenderal" + "Imigrasi"). When the article never names the
//! holder of the position, speaker = the position as written and speaker_position = its long
//! form.
//!
//! Not quotes: a span in marks with fewer than `MIN_WORDS_UNCUED` (4) words and no cue (scare
//! quotes, “Autogate”, “hoaks”); a span without a cue written inside a sentence (after a word,
//! not after a comma, colon or sentence end) with fewer than `MIN_WORDS_EMBEDDED` (8) words (a
//! film or programme title); a span in single marks without a cue (a term or title); text that
//! is not prose (a web address or script left in the body). A “…” inside a quote nests (“… ada
//! “jeger-jeger”-nya …”).

use crate::fasthash::Set as HashSet;
use std::sync::LazyLock;

use super::people::{self, Mention, PersonPhrase};
use crate::record::{Quote, QuoteKind};

/// A span in quote marks with fewer words than this and no cue is a scare quote or a term.
const MIN_WORDS_UNCUED: usize = 4;
/// A span without a cue that sits inside a sentence needs this many words to count as a quote;
/// why: titles such as “Jakarta Tanggap Covid-19 Bersama” are written in marks mid-sentence.
const MIN_WORDS_EMBEDDED: usize = 8;
/// At most this many words between "Menurut" and its comma ("Menurut Guru Besar Fakultas
/// Ekonomi dan Bisnis Universitas Lambung Mangkurat Muhammad Handry Imansyah,", PFSA dev-032).
const MAX_MENURUT_WORDS: usize = 14;
/// A full name has at most this many words; a longer "name" from the people finder has an
/// organisation glued on ("Front Pembela Islam Muhammad Rizieq Shihab", PFSA dev-050).
const MAX_NAME_WORDS: usize = 4;
/// An epithet ("politisi Partai Hanura itu") has at most this many words.
const MAX_EPITHET_WORDS: usize = 8;
/// An organisation of at most this many words joins a bare position in `speaker_position`.
const MAX_JOINED_ORG_WORDS: usize = 5;
/// A person description after a cue is read from at most this many bytes.
const MAX_DESCRIPTION_BYTES: usize = 400;
/// At most this many quotes nest inside a quote (bounds the count on broken marks).
const MAX_NESTED: usize = 2;
/// At most this many quote-mark pairs are read per article; real articles have dozens, a page
/// that leaves script data in its body has tens of thousands (article-extraction-benchmark
/// 1ace8c85…: 41,675).
const MAX_SPANS: usize = 2_000;
/// A quote continues over at most this many paragraphs (bounds the scan on broken marks).
const MAX_QUOTE_PARAGRAPHS: usize = 12;
/// How many bytes of text before an opening mark are read for a cue ("Ia mengatakan, “").
const MAX_CUE_BEFORE_BYTES: usize = 300;

/// The compiled word lists.
struct Lexicon {
    /// Root verbs after a quote ("kata", "ujar").
    roots: HashSet<String>,
    /// Verbs between a speaker and what is said ("mengatakan").
    before: HashSet<String>,
    /// Pronouns for the speaker in play.
    pronouns: HashSet<String>,
    /// "menurut"-like words.
    menurut: HashSet<String>,
    /// First letters of the verbs of `before`, `menurut` and `roots`: a cheap filter for the
    /// word scan.
    before_initials: HashSet<char>,
    /// Demonstratives that make a description an epithet of someone named before.
    demonstratives: HashSet<String>,
    /// Quote marks: (char, is double, default role).
    marks: Vec<(char, bool, Role)>,
}

/// What a quote mark usually is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Opens a quote.
    Open,
    /// Closes a quote.
    Close,
    /// Decided by context.
    Either,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    use crate::lexicon::{entries, rows};
    let set = |data: &'static str| entries(data).map(str::to_lowercase).collect::<HashSet<_>>();
    let marks = rows(include_str!("../lexicon/quote_marks.tsv"))
        .filter_map(|r| {
            let c = r.first()?.chars().next()?;
            let double = r.get(1).is_some_and(|f| *f == "double");
            let role = match r.get(2).copied() {
                Some("open") => Role::Open,
                Some("close") => Role::Close,
                _ => Role::Either,
            };
            Some((c, double, role))
        })
        .collect();
    let before = set(include_str!("../lexicon/speech_verbs_before.txt"));
    let menurut = set(include_str!("../lexicon/quote_menurut.txt"));
    let roots = set(include_str!("../lexicon/speech_verbs.txt"));
    let before_initials = before.iter().chain(&menurut).chain(&roots).filter_map(|w| w.chars().next()).collect();
    Lexicon {
        roots,
        before,
        before_initials,
        pronouns: set(include_str!("../lexicon/pronouns.txt")),
        menurut,
        demonstratives: set(include_str!("../lexicon/quote_demonstratives.txt")),
        marks,
    }
});

/// A speaker as far as it is known.
#[derive(Debug, Clone, Default, PartialEq)]
struct Speaker {
    /// Name, or the position as written when no name is known.
    name: String,
    /// Long form of the position.
    position: Option<String>,
}

/// What a cue says about the speaker.
#[derive(Debug, Clone, PartialEq)]
enum Who {
    /// A named or described person.
    Person(Speaker),
    /// "-nya", "dia", "Ia": the speaker in play.
    InPlay,
    /// A cue whose speaker is not a person the article names ("kata perekam suara dalam video
    /// tersebut", "Salah satu tetangganya mengatakan,"): no speaker, and no one in play after.
    Unknown,
}

/// A direct quote found by mark pairing, before attribution.
#[derive(Debug, Clone)]
struct Span {
    /// First paragraph and byte offset of the opening mark in it.
    p0: usize,
    open: usize,
    /// Byte offset of the content start in `p0`.
    start: usize,
    /// Last paragraph, byte offset of the content end and just past the closing mark (== end
    /// when the quote ends with its paragraph).
    p1: usize,
    end: usize,
    after: usize,
    /// Whether the marks are double ones.
    double: bool,
}

/// A word: byte range in its text.
fn words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        let rest = text.get(i..)?;
        let (off, _) = rest.char_indices().find(|(_, c)| c.is_alphanumeric())?;
        let s = i + off;
        let mut e = s;
        let mut chars = text[s..].char_indices().peekable();
        while let Some((k, c)) = chars.next() {
            let inner = matches!(c, '’' | '\'' | '-') && chars.peek().is_some_and(|(_, n)| n.is_alphanumeric()) && e > s;
            if c.is_alphanumeric() || inner {
                e = s + k + c.len_utf8();
            } else {
                break;
            }
        }
        i = e.max(s + 1);
        Some((s, e))
    })
}

/// The first word of `text` after white space and the given punctuation, lower-cased, with its
/// byte range; None when something else comes first.
fn first_word(text: &str, skip: &[char]) -> Option<(usize, usize, String)> {
    let off = text.len() - text.trim_start_matches(|c: char| c.is_whitespace() || skip.contains(&c)).len();
    let (s, e) = words(text).next()?;
    (s == off).then(|| (s, e, text[s..e].to_lowercase()))
}

/// Whether `w` (lower case) is a root verb with "-nya" ("tuturnya", "menurutnya").
fn nya_verb(w: &str) -> bool {
    let lex = &*LEXICON;
    w.strip_suffix("nya").is_some_and(|root| lex.roots.contains(root)) || (w.ends_with("nya") && lex.menurut.contains(w))
}

/// Turns a parsed description into a speaker, linking short names and bare positions to the
/// named person of the article.
fn speaker_of(phrase: &PersonPhrase, text: &str, mentions: &[Mention]) -> Option<Speaker> {
    let written = text.get(phrase.start..phrase.end).unwrap_or("").trim();
    let key = phrase.name.as_deref().unwrap_or(written);
    let resolved = people::resolve(mentions, key).or_else(|| people::resolve(mentions, written));
    if let Some(m) = resolved {
        let name = full_name(m.phrase.name.as_deref()?, mentions);
        // Why: "kata Risma" after "Wali Kota Surabaya Tri Rismaharini": the position is on the
        // first, full mention; a later mention of the same name may carry none.
        let position = m.phrase.position.clone().or_else(|| phrase.position.clone()).or_else(|| {
            mentions.iter().filter(|o| o.phrase.name.as_deref().is_some_and(|n| people::same_name(n, &name))).find_map(|o| o.phrase.position.clone())
        });
        let position = with_org(position, m.phrase.organization.as_deref().or(phrase.organization.as_deref()));
        return Some(Speaker { name, position });
    }
    match &phrase.name {
        Some(name) => Some(Speaker { name: name.clone(), position: with_org(phrase.position.clone(), phrase.organization.as_deref()) }),
        None => {
            let pos = phrase.position.clone()?;
            let shown = phrase.position_written.clone().unwrap_or_else(|| pos.clone());
            // Why: "kata Panglima TNI." (PFSA dev-076): the sentence dot is not part of the title.
            let shown = shown.trim_end_matches(['.', ',', ';', ':']).to_string();
            Some(Speaker { name: shown, position: Some(pos) })
        }
    }
}

/// The position with its organisation when the position alone is a bare head of one or two
/// words ("Direktur Jenderal" + "Imigrasi", "Ketua" + "DPR"); why: the seed article's speaker is
/// "Direktur Jenderal Imigrasi", a title in its own right, and "Ketua" alone says nothing, while
/// "Kepala Kepolisian Daerah" + "Maluku Utara" stays apart.
fn with_org(position: Option<String>, org: Option<&str>) -> Option<String> {
    match (position, org) {
        (Some(p), Some(o)) if p.split_whitespace().count() <= 2 && o.split_whitespace().count() <= MAX_JOINED_ORG_WORDS && !p.contains(o) => Some(format!("{p} {o}")),
        (p, _) => p,
    }
}

/// `text` cut to at most `max` bytes, at a character boundary.
fn clip(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Whether the words of `text` up to the first punctuation are a description ending in a
/// demonstrative ("politisi Partai Hanura itu"): an epithet of the speaker in play.
fn epithet(text: &str) -> bool {
    let head = text.split(['.', ',', ';', ':', '(', '?', '!']).next().unwrap_or("");
    let ws: Vec<&str> = head.split_whitespace().take(MAX_EPITHET_WORDS + 1).collect();
    ws.len() >= 2 && ws.len() <= MAX_EPITHET_WORDS && ws.last().is_some_and(|w| LEXICON.demonstratives.contains(&w.to_lowercase()))
}

/// Reads a person at the start of `text` and makes a speaker of it.
fn person_at(text: &str, mentions: &[Mention]) -> Option<(Speaker, usize)> {
    // Why: the people parser tokenises all it is given; a description is short, so reading the
    // rest of a long paragraph after every cue would be quadratic.
    let text = clip(text, MAX_DESCRIPTION_BYTES);
    if epithet(text) {
        return None;
    }
    let phrase = people::parse_at(text)?;
    let end = phrase.end;
    let mut speaker = speaker_of(&phrase, text, mentions)?;
    // Why: "kata Kepala Bagian Hukum dan Humas, Rumah Sakit Umum Pusat Dr Sardjito, Banu
    // Hermawan, saat dihubungi" (PFSA dev-138): the description is a comma list whose last part
    // is the name; a part of two or more capitalised words without a position is that name.
    let mut at = end;
    for _ in 0..3 {
        let Some(rest) = text.get(at..).and_then(|r| r.strip_prefix(',')) else { break };
        let Some(next) = people::parse_at(rest) else { break };
        let name = next.name.as_deref().unwrap_or("");
        let capitalised = name.split_whitespace().all(|w| w.chars().next().is_some_and(char::is_uppercase));
        if next.position.is_none() && next.rank.is_none() && name.split_whitespace().count() >= 2 && capitalised {
            let position = speaker.position.clone().filter(|_| phrase.name.is_none() || phrase.position.is_some());
            speaker = Speaker { name: full_name(name, mentions), position };
            return Some((speaker, at + 1 + next.end));
        }
        at += 1 + next.end;
    }
    Some((speaker, end))
}

/// The cue after a closing mark: `rest` is the paragraph after the mark. Returns the cue as
/// written and who it names.
fn cue_after(rest: &str, mentions: &[Mention]) -> Option<(String, Who)> {
    let lex = &*LEXICON;
    let (s, e, w) = first_word(rest, &[',', '—', '–', '-'])?;
    let written = rest[s..e].to_string();
    if nya_verb(&w) {
        return Some((written, Who::InPlay));
    }
    if lex.roots.contains(&w) || lex.before.contains(&w) {
        let after = &rest[e..];
        if let Some((_, _, p)) = first_word(after, &[]) {
            if lex.pronouns.contains(&p) {
                return Some((written, Who::InPlay));
            }
        }
        let who = match person_at(after, mentions) {
            Some((sp, _)) => Who::Person(sp),
            None if epithet(after) => Who::InPlay,
            // A capitalised word the people parser did not read as a name ("ujar Imam di
            // Kompas.id", PFSA dev-011): a person of the article by that name, else the one in
            // play; a lower-case description ("kata perekam suara") is someone unnamed.
            None => match first_word(after, &[]) {
                Some((s, e, _)) if after[s..].chars().next().is_some_and(char::is_uppercase) => {
                    people::resolve(mentions, &after[s..e]).map_or(Who::InPlay, |m| Who::Person(speaker_of_mention(m, mentions)))
                }
                Some(_) => Who::Unknown,
                None => Who::InPlay,
            },
        };
        return Some((written, who));
    }
    // "…,” Choirul menambahkan." / "…,” ia menambahkan."
    if lex.pronouns.contains(&w) {
        let (vs, ve, v) = first_word(&rest[e..], &[','])?;
        return (lex.before.contains(&v) || lex.roots.contains(&v)).then(|| (rest[e + vs..e + ve].to_string(), Who::InPlay));
    }
    if rest[s..].chars().next().is_some_and(char::is_uppercase) {
        let head = clip(&rest[s..], MAX_DESCRIPTION_BYTES);
        let phrase = people::parse_at(head)?;
        let tail = &rest[s + phrase.end..];
        let (vs, ve, v) = first_word(tail, &[','])?;
        if lex.before.contains(&v) {
            let sp = speaker_of(&phrase, head, mentions)?;
            return Some((tail[vs..ve].to_string(), Who::Person(sp)));
        }
    }
    None
}

/// The speech cue ending the clause `before` (text before an opening mark or a reported clause,
/// ending with its comma or colon removed): "X mengatakan", "Ia menjelaskan", "Menurut X".
/// `offset` is where `before` starts in paragraph `p`, to find the mentions in it.
fn cue_before<'c>(before: &str, offset: usize, p: usize, all: &[Mention], mentions: &[Mention], common: impl Fn() -> &'c HashSet<String>) -> Option<(String, Who)> {
    let lex = &*LEXICON;
    // The clause: from the last sentence end.
    let start = before.rfind(['.', '?', '!', '”', '“', '"']).map_or(0, |i| i + 1);
    let start = (start..=before.len()).find(|i| before.is_char_boundary(*i)).unwrap_or(before.len());
    let clause = &before[start..];
    let ws: Vec<(usize, usize)> = words(clause).collect();
    // "Menurut X" at the head of the clause.
    for (k, &(s, e)) in ws.iter().enumerate().take(3) {
        let w = clause[s..e].to_lowercase();
        if lex.menurut.contains(&w) {
            if w.ends_with("nya") {
                return Some((clause[s..e].to_string(), Who::InPlay));
            }
            let (sp, _) = person_at(&clause[e..], mentions)?;
            return Some((clause[s..e].to_string(), Who::Person(sp)));
        }
        let _ = k;
    }
    // "X mengatakan": the verb is the last word of the clause, or followed by little.
    let (vk, &(vs, ve)) = ws.iter().enumerate().rev().take(4).find(|(_, (s, e))| lex.before.contains(&clause[*s..*e].to_lowercase()))?;
    let verb = clause[vs..ve].to_string();
    if vk > 0 {
        let (ps, pe) = ws[vk - 1];
        let prev = clause[ps..pe].to_lowercase();
        if lex.pronouns.contains(&prev) {
            return Some((verb, Who::InPlay));
        }
    }
    // The mention that ends closest before the verb, inside the clause.
    let verb_at = offset + start + vs;
    let clause_at = offset + start;
    // `all` is in reading order: the mentions of paragraph `p` are one run of it.
    let (lo, hi) = (all.partition_point(|m| m.paragraph < p), all.partition_point(|m| m.paragraph <= p));
    let m = all[lo..hi].iter().filter(|m| m.paragraph == p && m.phrase.start >= clause_at && m.phrase.end <= verb_at && m.phrase.name.is_some()).max_by_key(|m| m.phrase.end);
    if let Some(m) = m {
        return Some((verb, Who::Person(speaker_of_mention(m, mentions))));
    }
    // A one-word name the people finder did not keep: read the clause head.
    let head = clause.trim_start();
    if let Some((sp, end)) = person_at(head, mentions) {
        // Why: "Sopir mengaku, …", "Rekannya mengatakan, …" (PFSA dev-172, dev-178): a one-word
        // "name" that the article also writes in lower case, or with "-nya", is a noun.
        let one = !sp.name.contains(' ') && sp.position.is_none();
        let lower = sp.name.to_lowercase();
        let noun = one && (lower.ends_with("nya") || common().contains(&lower));
        if !noun && end <= head.len() && head[end..].split_whitespace().count() <= 6 {
            return Some((verb, Who::Person(sp)));
        }
    }
    Some((verb, if epithet(head) { Who::InPlay } else { Who::Unknown }))
}

/// Whether a mention outside quote marks makes its person the speaker in play: a cited person
/// (`Mention::cited`) unless it is a one-word name after a lower-case word, or a named official
/// (name and position) who is the subject of a sentence, cited or not. Why: a
/// cited word inside a phrase ("umat Muslim menilai", PFSA dev-187) is not a speaker, while
/// "Ketua Presidium HIMKI Abdul Sobur mendesak …" (dev-128) introduces the next quote's speaker.
fn sets_in_play(m: &Mention, text: &str) -> bool {
    let lex = &*LEXICON;
    let official = m.phrase.position.is_some();
    let Some(prefix) = text.get(..m.phrase.start) else { return false };
    // A subject is at most a few words after the sentence start: look back a bounded window.
    let prefix = &prefix[(prefix.len().saturating_sub(MAX_CUE_BEFORE_BYTES)..=prefix.len()).find(|i| prefix.is_char_boundary(*i)).unwrap_or(prefix.len())..];
    let subject = {
        let from = prefix.rfind(['.', '?', '!', '”', '“', '"', ';']).map_or(0, |i| i + 1);
        let seg = prefix.get(from..).unwrap_or("").trim();
        // Why: a connective may open the sentence ("Adapun Ketua DPR Puan Maharani berharap",
        // "Sementara itu, …", PFSA dev-110).
        let n = words(seg).count();
        n <= 1 || (seg.ends_with(',') && n <= 3)
    };
    let after_verb = prefix
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .map(str::to_lowercase)
        .is_some_and(|w| lex.roots.contains(&w) || lex.menurut.contains(&w));
    let full = official || m.phrase.name.as_deref().is_some_and(|n| n.split_whitespace().count() >= 2);
    // A one-word name right after a lower-case word is a modifier ("umat Muslim"), not a person.
    let modifier = !full && prefix.trim_end().chars().next_back().is_some_and(char::is_lowercase);
    (m.cited && (subject || after_verb || !modifier)) || (subject && official)
}

/// The longest name in the article that `name` is a form of ("Risma" → "Tri Rismaharini"),
/// names given with a position or rank first (a capitalised headline run may end in the name).
fn full_name(name: &str, mentions: &[Mention]) -> String {
    mentions
        .iter()
        .filter_map(|m| Some((m.phrase.name.as_deref()?, m.phrase.position.is_some() || m.phrase.rank.is_some())))
        .filter(|(n, _)| n.len() > name.len() && n.split_whitespace().count() <= MAX_NAME_WORDS && people::same_name(n, name))
        .max_by_key(|(n, official)| (*official, n.split_whitespace().count()))
        .map_or(name, |(n, _)| n)
        .to_string()
}

/// The speaker a body mention stands for.
fn speaker_of_mention(m: &Mention, mentions: &[Mention]) -> Speaker {
    let name = full_name(m.phrase.name.as_deref().unwrap_or_default(), mentions);
    let position = m.phrase.position.clone().or_else(|| {
        mentions.iter().filter(|o| o.phrase.name.as_deref().is_some_and(|n| people::same_name(n, &name))).find_map(|o| o.phrase.position.clone())
    });
    let org = if m.phrase.position.is_some() { m.phrase.organization.as_deref() } else { None };
    Speaker { name, position: with_org(position, org) }
}

/// The mark at byte `i` of `text`, when `c` is one: (is double, role in this place). An
/// apostrophe inside a word ("Ma’ruf", "Jum'at") is not a mark.
fn mark_role(text: &str, i: usize, c: char, open: bool) -> Option<(bool, Role)> {
    let &(_, double, role) = LEXICON.marks.iter().find(|(m, _, _)| *m == c)?;
    let prev = text[..i].chars().next_back();
    let next = text[i + c.len_utf8()..].chars().next();
    if !double && prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric) {
        return None;
    }
    let open_ctx = prev.is_none_or(|p| p.is_whitespace() || "([{—–-/:".contains(p)) && next.is_some_and(|n| !n.is_whitespace());
    let close_ctx = prev.is_some_and(|p| !p.is_whitespace()) && next.is_none_or(|n| n.is_whitespace() || ".,;:?!)]}—–-".contains(n));
    let role = match role {
        Role::Open if open && close_ctx && !open_ctx => Role::Close,
        Role::Close if !open && open_ctx && !close_ctx => Role::Open,
        Role::Either if open_ctx && !close_ctx => Role::Open,
        Role::Either if close_ctx && !open_ctx => Role::Close,
        Role::Either if open => Role::Close,
        Role::Either => Role::Open,
        r => r,
    };
    Some((double, role))
}

/// A quote left open at its paragraph's end may have been closed with a wrong mark: a mark of
/// any kind after ",", ".", "?" or "!" and followed by a speech verb ("…, ’kata Heri
/// Priyatmoko.", PFSA dev-108). Returns (content end, just past the mark).
fn mismatched_close(text: &str, from: usize) -> Option<(usize, usize)> {
    let lex = &*LEXICON;
    let rest = text.get(from..)?;
    rest.char_indices()
        .rev()
        .filter(|(_, c)| lex.marks.iter().any(|(m, _, _)| m == c))
        .filter_map(|(k, c)| {
            let i = from + k;
            let before = text[..i].trim_end().chars().next_back()?;
            let (_, _, w) = first_word(&text[i + c.len_utf8()..], &[])?;
            ((",.?!".contains(before)) && (lex.roots.contains(&w) || nya_verb(&w))).then_some((i, i + c.len_utf8()))
        })
        .next()
}

/// Pairs the quote marks of all paragraphs into spans.
fn find_spans(paragraphs: &[String]) -> Vec<Span> {
    let mut spans = Vec::new();
    // The quote being read: (span so far, is double).
    let mut cur: Option<(Span, bool)> = None;
    // Marks opened inside the current quote and not yet closed: “… “jeger-jeger”-nya …” (PFSA
    // dev-152) nests a term in a quote. Only a mark that can only open (“) nests.
    let mut nested = 0usize;
    for (p, text) in paragraphs.iter().enumerate() {
        // A quote left open by the previous paragraph continues only when this one opens with a
        // mark; otherwise it ended with its paragraph.
        let mut skip_first = None;
        if let Some((span, double)) = cur.take() {
            let lead = text.len() - text.trim_start().len();
            let first = text[lead..].chars().next();
            let cont = p - span.p0 < MAX_QUOTE_PARAGRAPHS
                && first.and_then(|c| mark_role(text, lead, c, false)).is_some_and(|(d, r)| d == double && r == Role::Open);
            if cont {
                skip_first = Some(lead);
                cur = Some((span, double));
            } else {
                spans.push(span);
            }
        }
        for (i, c) in text.char_indices() {
            if Some(i) == skip_first || c.is_alphanumeric() || c.is_whitespace() {
                continue;
            }
            let Some((double, role)) = mark_role(text, i, c, cur.as_ref().is_some_and(|(_, d)| *d)) else { continue };
            match (&mut cur, role) {
                (None, Role::Open) => {
                    nested = 0;
                    let start = i + c.len_utf8();
                    cur = Some((Span { p0: p, open: i, start, p1: p, end: text.len(), after: text.len(), double }, double));
                }
                (Some((_, d)), Role::Open) if *d == double && c == '“' && nested < MAX_NESTED => nested += 1,
                (Some((_, d)), Role::Close) if *d == double && nested > 0 => nested -= 1,
                (Some((span, d)), Role::Close) if *d == double => {
                    span.p1 = p;
                    span.end = i;
                    span.after = i + c.len_utf8();
                    if let Some((span, _)) = cur.take() {
                        spans.push(span);
                    }
                }
                _ => {}
            }
        }
        if let Some((span, _)) = cur.as_mut() {
            span.p1 = p;
            span.end = text.len();
            span.after = text.len();
            let from = if span.p0 == p { span.start } else { 0 };
            if let Some((end, after)) = mismatched_close(text, from) {
                span.end = end;
                span.after = after;
                if let Some((span, _)) = cur.take() {
                    spans.push(span);
                }
            }
        }
    }
    if let Some((span, _)) = cur {
        spans.push(span);
    }
    spans
}

/// Whether quoted text reads as words, not as a web address or script left in the body.
fn prose(text: &str) -> bool {
    if text.contains("://") || text.starts_with("//") || text.contains(['{', '}', '<', '>', '=', '\\', '_']) {
        return false;
    }
    let total = text.chars().count();
    let wordy = text.chars().filter(|c| c.is_alphabetic() || c.is_whitespace()).count();
    total > 0 && wordy * 10 >= total * 7
}

/// The text of a span, paragraphs joined by a blank line, leading marks of continuation
/// paragraphs and the trailing comma removed.
fn span_text(paragraphs: &[String], s: &Span) -> String {
    let mut parts = Vec::new();
    for p in s.p0..=s.p1 {
        let Some(text) = paragraphs.get(p) else { break };
        let from = if p == s.p0 { s.start } else { 0 };
        let to = if p == s.p1 { s.end } else { text.len() };
        let part = text.get(from..to).unwrap_or("");
        let part = if p == s.p0 { part } else { part.trim_start().trim_start_matches(['“', '”', '"', '„']) };
        parts.push(part.trim());
    }
    let joined = parts.join("\n\n");
    joined.trim_end_matches([',', ' ']).trim().to_string()
}

/// Where one paragraph's sentence ends after byte `from`: just past ". ", "? ", "! " followed
/// by a capital, or the paragraph end.
/// At least this many words before a cue set off by commas inside a sentence.
const MIN_WORDS_BEFORE_MID_CUE: usize = 2;

/// When the cue word at `s..e` stands inside a sentence between commas, with a person or a
/// pronoun after it and the sentence going on after the next comma ("Kebijakan itu, kata
/// Silmy, sudah disiapkan sejak lama.", "Hal itu, menurut dia, wajar."): the byte where the
/// sentence starts.
fn mid_sentence_cue(text: &str, s: usize, e: usize, mentions: &[Mention]) -> Option<usize> {
    let lex = &*LEXICON;
    if !text[..s].trim_end().ends_with(',') {
        return None;
    }
    let mut start = 0;
    loop {
        let end = sentence_end(text, start);
        if end > s || end >= text.len() {
            break;
        }
        start = end;
    }
    let before = &text[start..s];
    if before.contains(['“', '”', '"']) || words(before).count() < MIN_WORDS_BEFORE_MID_CUE {
        return None;
    }
    let rest = &text[e..];
    let after_who = match first_word(rest, &[]) {
        Some((_, pe, w)) if lex.pronouns.contains(&w) => pe,
        _ => person_at(rest, mentions)?.1,
    };
    let tail = rest.get(after_who..)?.trim_start();
    let goes_on = tail.strip_prefix(',').is_some_and(|t| words(&t[..sentence_end(t, 0)]).count() >= MIN_WORDS_BEFORE_MID_CUE);
    (goes_on && !tail.contains(['“', '”', '"'])).then_some(start)
}

fn sentence_end(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        if matches!(bytes[i], b'.' | b'?' | b'!') {
            let next = text[i + 1..].chars().next();
            let after = text[i + 1..].trim_start().chars().next();
            if next.is_none_or(char::is_whitespace) && after.is_none_or(|c| c.is_uppercase() || !c.is_alphanumeric()) {
                // Why: "Pol." or "M." ends an abbreviation, not a sentence: a short capitalised
                // word before the dot.
                let word = text[..i].rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
                if !(word.chars().count() <= 3 && word.chars().next().is_some_and(char::is_uppercase)) {
                    return i + 1;
                }
            }
        }
        i += 1;
    }
    text.len()
}

/// The first mention of each distinct description (name, position, organisation, rank), in
/// reading order.
fn distinct_mentions(mentions: &[Mention]) -> Vec<Mention> {
    let mut seen = HashSet::default();
    mentions
        .iter()
        .filter(|m| {
            let ph = &m.phrase;
            seen.insert((ph.name.clone(), ph.position.clone(), ph.organization.clone(), ph.rank.clone()))
        })
        .cloned()
        .collect()
}

/// Finds the quotes in `paragraphs`; `mentions` are the people found in the body, used to
/// resolve "-nya" cues, pronouns and bare positions ("kata Kapolres") to a person. The rules, in
/// order, are in the module documentation.
pub fn extract(paragraphs: &[String], mentions: &[Mention]) -> Vec<Quote> {
    // Name lookups scan one description per person, not every mention: keeps a long article
    // with thousands of mentions linear.
    let all = mentions;
    let distinct = distinct_mentions(all);
    let mentions = &distinct[..];
    // Words the article writes in lower case: a capitalised one of them is a noun at a sentence
    // start, not a name.
    // Built on first need only.
    let common_cell: std::cell::OnceCell<HashSet<String>> = std::cell::OnceCell::new();
    let common = || {
        common_cell.get_or_init(|| {
            paragraphs
                .iter()
                .flat_map(|t| words(t).map(move |(s, e)| &t[s..e]))
                .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
                .map(str::to_string)
                .collect()
        })
    };
    let lex = &*LEXICON;
    let mut spans = find_spans(paragraphs);
    spans.truncate(MAX_SPANS);
    // Byte ranges in quote marks, per paragraph, sorted and disjoint (spans come in order).
    let mut covered: Vec<Vec<(usize, usize)>> = vec![Vec::new(); paragraphs.len()];
    for s in &spans {
        for (p, ranges) in covered.iter_mut().enumerate().take(s.p1 + 1).skip(s.p0) {
            let from = if p == s.p0 { s.open } else { 0 };
            let to = if p == s.p1 { s.after } else { paragraphs[p].len() };
            ranges.push((from, to));
        }
    }
    let inside = |p: usize, at: usize| {
        let Some(ranges) = covered.get(p) else { return false };
        let k = ranges.partition_point(|r| r.1 <= at);
        ranges.get(k).is_some_and(|r| r.0 <= at)
    };

    // Events in reading order: (paragraph, offset, what).
    enum Event<'a> {
        Mention(&'a Mention),
        Direct(&'a Span),
        Indirect { verb_s: usize, verb_e: usize, clause: usize, mid: bool },
    }
    let mut events: Vec<(usize, usize, Event)> = Vec::new();
    for m in all {
        let Some(text) = paragraphs.get(m.paragraph) else { continue };
        if m.phrase.name.is_some() && !inside(m.paragraph, m.phrase.start) && sets_in_play(m, text) {
            events.push((m.paragraph, m.phrase.start, Event::Mention(m)));
        }
    }
    for s in &spans {
        events.push((s.p0, s.open, Event::Direct(s)));
    }
    for (p, text) in paragraphs.iter().enumerate() {
        for (s, e) in words(text) {
            if !text[s..].chars().next().is_some_and(|c| c.to_lowercase().any(|l| lex.before_initials.contains(&l))) {
                continue;
            }
            let w = text[s..e].to_lowercase();
            // "Kebijakan itu, kata Silmy, sudah disiapkan sejak lama.": a cue set off by commas
            // inside a sentence; the whole sentence is what the speaker said.
            if (lex.roots.contains(&w) || lex.menurut.contains(&w) && !w.ends_with("nya")) && !inside(p, s) {
                if let Some(start) = mid_sentence_cue(text, s, e, mentions) {
                    events.push((p, s, Event::Indirect { verb_s: s, verb_e: e, clause: start, mid: true }));
                    continue;
                }
            }
            let menurut = lex.menurut.contains(&w) && !w.ends_with("nya");
            if !(lex.before.contains(&w) || menurut || w == "menurutnya") || inside(p, s) {
                continue;
            }
            // The reported clause starts after ", " or "bahwa" (after a "Menurut X," the comma
            // after the name).
            let clause = if menurut || w == "menurutnya" {
                let Some(comma) = text[e..].find(',') else { continue };
                let head = &text[e..e + comma];
                if head.split_whitespace().count() > MAX_MENURUT_WORDS || head.contains(['.', '?', '!']) {
                    continue;
                }
                e + comma + 1
            } else {
                let rest = &text[e..];
                let trimmed = rest.trim_start();
                if let Some(t) = trimmed.strip_prefix(',') {
                    let t2 = t.trim_start();
                    let bahwa = t2.get(..5).is_some_and(|b| b.eq_ignore_ascii_case("bahwa"));
                    e + (rest.len() - t2.len()) + if bahwa { 5 } else { 0 }
                } else if trimmed.get(..6).is_some_and(|b| b.eq_ignore_ascii_case("bahwa ")) {
                    e + (rest.len() - trimmed.len()) + 5
                } else {
                    continue;
                }
            };
            let body = text[clause..].trim_start();
            // A mark right after the cue: a direct quote with a cue before, not indirect speech.
            if body.is_empty() || body.starts_with(['“', '”', '"', '‘', '\'']) {
                continue;
            }
            events.push((p, s, Event::Indirect { verb_s: s, verb_e: e, clause, mid: false }));
        }
    }
    events.sort_by_key(|(p, at, _)| (*p, *at));

    let mut out = Vec::new();
    let mut in_play: Option<Speaker> = None;
    // The last reported clause: (paragraph, start, end).
    let mut reported: Option<(usize, usize, usize)> = None;
    let mut last_official: Option<Speaker> = None;
    let mut officials = all.iter().filter(|m| m.phrase.name.is_some() && m.phrase.position.is_some()).peekable();
    for (p, at, event) in events {
        while let Some(m) = officials.next_if(|m| (m.paragraph, m.phrase.start) < (p, at)) {
            if !inside(m.paragraph, m.phrase.start) {
                last_official = Some(speaker_of_mention(m, mentions));
            }
        }
        let fallback = in_play.clone().or_else(|| last_official.clone());
        match event {
            Event::Mention(m) => {
                // Why: "ia juga mengatakan, Presiden Joko Widodo memerintahkan …" (PFSA dev-183):
                // a person inside reported speech is talked about, not talking.
                if reported.is_none_or(|(rp, from, to)| rp != p || at < from || at >= to) {
                    in_play = Some(speaker_of_mention(m, mentions));
                }
            }
            Event::Direct(s) => {
                let Some(text0) = paragraphs.get(s.p0) else { continue };
                let Some(text1) = paragraphs.get(s.p1) else { continue };
                let quote = span_text(paragraphs, s);
                let n_words = words(&quote).count();
                if n_words == 0 {
                    continue;
                }
                let mut cue = (s.after < text1.len() || s.end < s.after).then(|| cue_after(&text1[s.after..], mentions)).flatten();
                if cue.is_none() {
                    // Before the mark: the same paragraph, or the end of the previous one.
                    let lead = &text0[..s.open];
                    let (before, off, bp) = if lead.trim().is_empty() && s.p0 > 0 {
                        let prev = &paragraphs[s.p0 - 1];
                        (prev.as_str(), 0, s.p0 - 1)
                    } else {
                        (lead, 0, s.p0)
                    };
                    let trimmed = before.trim_end();
                    if let Some(stripped) = trimmed.strip_suffix([',', ':']) {
                        let from = stripped.len().saturating_sub(MAX_CUE_BEFORE_BYTES);
                        let from = (from..=stripped.len()).find(|i| stripped.is_char_boundary(*i)).unwrap_or(stripped.len());
                        cue = cue_before(&stripped[from..], off + from, bp, all, mentions, common);
                    }
                }
                if !prose(&quote) {
                    continue;
                }
                if cue.is_none() {
                    // Why: a page that leaves JSON in its body ("key":"value") gives thousands of
                    // pairs; a mark glued to a colon is data, not speech.
                    let glued = text1[s.after..].starts_with(':') || text0[..s.open].ends_with(':');
                    if glued {
                        continue;
                    }
                    // Why: single marks in Indonesian news enclose terms and titles; a speech in
                    // them comes with a cue (kapanlagi-03: 'Album INTERSISI …' is a title).
                    if n_words < MIN_WORDS_UNCUED || !s.double {
                        continue;
                    }
                    let prev = text0[..s.open].trim_end().chars().next_back();
                    let embedded = prev.is_some_and(char::is_alphanumeric);
                    if embedded && n_words < MIN_WORDS_EMBEDDED {
                        continue;
                    }
                }
                let (cue_text, who) = match cue {
                    Some((c, w)) => (Some(c), w),
                    None => (None, Who::InPlay),
                };
                let speaker = match who {
                    Who::Person(sp) => {
                        in_play = Some(sp.clone());
                        Some(sp)
                    }
                    Who::InPlay => fallback,
                    Who::Unknown => {
                        in_play = None;
                        None
                    }
                };
                out.push(Quote {
                    text: quote,
                    kind: QuoteKind::Direct,
                    speaker: speaker.as_ref().map(|s| s.name.clone()),
                    speaker_position: speaker.and_then(|s| s.position),
                    cue: cue_text,
                    paragraph: s.p0,
                    paragraph_end: s.p1,
                });
            }
            Event::Indirect { verb_s, verb_e, clause, mid } => {
                // A cue inside the clause already reported belongs to that quote. Why: a 100 KB
                // paragraph repeating "Menteri … mengatakan," (bad-input probe) gave 1,960
                // overlapping quotes of ~100 KB each, a 98 MB record.
                if reported.is_some_and(|(rp, from, to)| rp == p && verb_s >= from && verb_s < to) {
                    continue;
                }
                let Some(text) = paragraphs.get(p) else { continue };
                let verb = &text[verb_s..verb_e];
                let lw = verb.to_lowercase();
                let after_pronoun = first_word(&text[verb_e..], &[]).is_some_and(|(_, _, w)| lex.pronouns.contains(&w));
                let who = if lw == "menurutnya" || (mid || lex.menurut.contains(&lw)) && after_pronoun {
                    // "Menurut dia, …", "…, kata dia, …": the speaker in play.
                    Some(Who::InPlay)
                } else if mid || lex.menurut.contains(&lw) {
                    person_at(&text[verb_e..], mentions).map(|(sp, _)| Who::Person(sp))
                } else {
                    let from = verb_s.saturating_sub(MAX_CUE_BEFORE_BYTES);
                    let from = (from..=verb_s).find(|i| text.is_char_boundary(*i)).unwrap_or(verb_s);
                    cue_before(&text[from..verb_e], from, p, all, mentions, common).map(|(_, w)| w)
                };
                let Some(who) = who else { continue };
                let end = sentence_end(text, clause);
                let body = text[clause..end].trim().trim_start_matches(',').trim();
                if words(body).count() < MIN_WORDS_UNCUED {
                    continue;
                }
                reported = Some((p, clause, end));
                let speaker = match who {
                    Who::Person(sp) => {
                        in_play = Some(sp.clone());
                        Some(sp)
                    }
                    Who::InPlay => fallback,
                    Who::Unknown => continue,
                };
                out.push(Quote {
                    text: body.to_string(),
                    kind: QuoteKind::Indirect,
                    speaker: speaker.as_ref().map(|s| s.name.clone()),
                    speaker_position: speaker.and_then(|s| s.position),
                    cue: Some(verb.to_string()),
                    paragraph: p,
                    paragraph_end: p,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::extract::test_support::seed_paragraphs;

    fn run(paragraphs: &[String]) -> Vec<Quote> {
        let mentions = people::find_mentions(paragraphs);
        extract(paragraphs, &mentions)
    }

    #[test]
    fn seed_article() {
        let paragraphs = seed_paragraphs();
        assert_eq!(paragraphs.len(), 13);
        let quotes = run(&paragraphs);
        for q in &quotes {
            assert_eq!(q.speaker.as_deref(), Some("Silmy Karim"), "{q:?}");
            assert_eq!(q.speaker_position.as_deref(), Some("Direktur Jenderal Imigrasi"), "{q:?}");
        }
        let find = |start: &str| quotes.iter().find(|q| q.text.starts_with(start)).unwrap_or_else(|| panic!("no quote {start}: {quotes:#?}"));
        let q = find("Sejak gangguan di PDN");
        assert_eq!((q.kind, q.cue.as_deref(), q.paragraph, q.paragraph_end), (QuoteKind::Direct, Some("ungkap"), 2, 2));
        assert!(q.text.ends_with("serangan siber tersebut"));
        let q = find("penanganan paling awal");
        assert_eq!((q.kind, q.cue.as_deref(), q.paragraph), (QuoteKind::Indirect, Some("menjelaskan"), 3));
        assert!(q.text.ends_with("terdokumentasi."));
        let q = find("Pengambilan keputusan pemindahan data center");
        assert_eq!((q.kind, q.cue.as_deref(), q.paragraph, q.paragraph_end), (QuoteKind::Direct, Some("tuturnya"), 4, 5));
        assert!(q.text.ends_with("inventarisasi kebutuhan teknis"));
        let q = find("Tim IT Ditjen Imigrasi bekerja 24 jam");
        assert_eq!((q.cue.as_deref(), q.paragraph, q.paragraph_end), (Some("tuturnya"), 8, 8));
        let q = find("Atas kejadian ini ada hikmah");
        assert_eq!((q.cue.as_deref(), q.paragraph, q.paragraph_end), (Some("pungkasnya"), 12, 12));
        assert_eq!(quotes.len(), 5, "{quotes:#?}");
    }

    /// One expected quote of `cases.tsv`.
    fn check(source: &str, got: &[Quote], want: &str) {
        let f: Vec<&str> = want.split(';').collect();
        assert_eq!(f.len(), 8, "{source}: bad expectation {want}");
        let opt = |s: &str| (s != "-").then(|| s.to_string());
        let q = got.iter().find(|q| q.text.starts_with(f[1])).unwrap_or_else(|| panic!("{source}: no quote starting {:?} in {got:#?}", f[1]));
        let kind = if f[0] == "indirect" { QuoteKind::Indirect } else { QuoteKind::Direct };
        assert_eq!(q.kind, kind, "{source}: {q:?}");
        assert!(q.text.ends_with(f[2]), "{source}: text end {:?} in {q:?}", f[2]);
        assert_eq!(q.speaker, opt(f[3]), "{source}: speaker in {q:?}");
        assert_eq!(q.speaker_position, opt(f[4]), "{source}: position in {q:?}");
        assert_eq!(q.cue, opt(f[5]), "{source}: cue in {q:?}");
        assert_eq!((q.paragraph.to_string(), q.paragraph_end.to_string()), (f[6].to_string(), f[7].to_string()), "{source}: {q:?}");
    }

    #[test]
    fn table_of_real_paragraphs() {
        let mut cases = 0;
        for row in crate::lexicon::rows(include_str!("../../fixtures/quotes/cases.tsv")) {
            let [source, paragraphs, expected] = row[..] else { panic!("bad row {row:?}") };
            let paragraphs: Vec<String> = paragraphs.split(" ¶ ").map(str::to_string).collect();
            let got = run(&paragraphs);
            if expected == "none" {
                assert!(got.is_empty(), "{source}: {got:#?}");
            } else {
                let wants: Vec<&str> = expected.split('|').collect();
                assert_eq!(got.len(), wants.len(), "{source}: {got:#?}");
                for want in wants {
                    check(source, &got, want);
                }
            }
            cases += 1;
        }
        assert!(cases >= 10);
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in ["”", "“", "\"", "’", "‘x’", "”a”b”", "kata", ", katanya", "Menurut", "Ia mengatakan,", "“Tidak, ” kata", "é”ü“ä", "\"\"\"\""] {
            let paragraphs = vec![text.to_string(), text.to_string()];
            let _ = run(&paragraphs);
        }
        // An unclosed quote ends with its paragraph when the next one does not continue it.
        let paragraphs = vec!["“Kami sudah bekerja keras sejak pagi hari".to_string(), "Polisi datang.".to_string()];
        let got = run(&paragraphs);
        assert_eq!(got.len(), 1);
        assert_eq!((got[0].paragraph, got[0].paragraph_end), (0, 0));
    }
}
