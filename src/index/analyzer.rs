//! The Indonesian analyzer of the embedded index: simple tokenizer → lower-case → ASCII folding →
//! Snowball Indonesian stemming (`frostem`), except for words known to be over-stemmed.
//!
//! Snowball Indonesian strips prefixes and suffixes by rule and cannot tell a root that merely
//! looks affixed: "menteri" (minister) loses "men-" and becomes "teri" (anchovy), "pemerintah"
//! (government) becomes "perintah" (command), "kepolisian" (the police force) becomes "polisi"
//! (a policeman). Such words are kept whole: the hand list `stem_keep.txt`, every word of the
//! positions in `positions.tsv` and of the place names in `organizations_places.txt`. A kept word
//! followed by a clitic (`stem_clitics.txt`: "menterinya", "pemerintahlah") keeps its root whole too.
//!
//! Names: by the time a token reaches the stemmer it is lower-cased, so "Karim" cannot be told
//! from a common word. Stemming is the same at index and query time, so a name still finds
//! itself; exact name filters go through the raw `speakers` / `people` keyword fields, which are
//! never stemmed. Well-known places (data above) are kept whole so they do not fold into words.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::LazyLock;

use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, Token,
    TokenFilter, TokenStream, Tokenizer,
};

use crate::lexicon;

/// The name the Indonesian full-text analyzer is registered under in the index.
pub const TEXT_ANALYZER: &str = "warta_id";
/// The name of the keyword analyzer (whole value, lower-cased, folded) used by exact filters.
pub const KEYWORD_ANALYZER: &str = "warta_keyword";
/// Tokens longer than this many bytes are dropped (URLs run together, base64 junk): they would
/// bloat the term dictionary and nobody searches for them.
const MAX_TOKEN_BYTES: usize = 40;

static KEEP_WORDS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    let mut keep = HashSet::new();
    let mut normalise = folding_analyzer();
    let mut add = |phrase: &str| {
        let mut stream = normalise.token_stream(phrase);
        while stream.advance() {
            keep.insert(stream.token().text.clone());
        }
    };
    lexicon::entries(include_str!("../lexicon/stem_keep.txt")).for_each(&mut add);
    for row in lexicon::rows(include_str!("../lexicon/positions.tsv")) {
        row.iter().take(2).filter(|field| **field != "=").for_each(|field| add(field));
    }
    lexicon::entries(include_str!("../lexicon/organizations_places.txt")).for_each(&mut add);
    keep
});

static CLITICS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| lexicon::entries(include_str!("../lexicon/stem_clitics.txt")).collect());

/// Tokenizer, lower-casing and folding without the stemmer: how lexicon words are normalised,
/// so they compare equal to the tokens the stemmer sees.
fn folding_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// The full-text analyzer for title, text and quotes.
pub fn text_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(IndonesianStemmer)
        .build()
}

/// The keyword analyzer: the whole value as one token, lower-cased and folded, so `--site
/// KOMPAS.com` and `--speaker "silmy karim"` match what the page wrote.
pub fn keyword_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default()).filter(LowerCaser).filter(AsciiFoldingFilter).build()
}

/// Registers both analyzers on `index`; needed every time an index is created or opened, since
/// tantivy stores analyzer names, not analyzers.
pub fn register(index: &tantivy::Index) {
    index.tokenizers().register(TEXT_ANALYZER, text_analyzer());
    index.tokenizers().register(KEYWORD_ANALYZER, keyword_analyzer());
}

/// The stem of one lower-cased, folded word, as the index stores it.
pub fn stem(word: &str) -> Cow<'_, str> {
    if KEEP_WORDS.contains(word) {
        return Cow::Borrowed(word);
    }
    for clitic in CLITICS.iter() {
        if let Some(root) = word.strip_suffix(clitic) {
            if KEEP_WORDS.contains(root) {
                return Cow::Borrowed(root);
            }
        }
    }
    STEMMER.stem(word)
}

static STEMMER: LazyLock<frostem::Stemmer> = LazyLock::new(|| frostem::Stemmer::new(frostem::Algorithm::Indonesian));

/// Token filter applying [`stem`] to every token.
#[derive(Clone, Copy, Debug, Default)]
pub struct IndonesianStemmer;

impl TokenFilter for IndonesianStemmer {
    type Tokenizer<T: Tokenizer> = StemmerTokenizer<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> StemmerTokenizer<T> {
        StemmerTokenizer { inner: tokenizer }
    }
}

/// A tokenizer wrapped by [`IndonesianStemmer`].
#[derive(Clone)]
pub struct StemmerTokenizer<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for StemmerTokenizer<T> {
    type TokenStream<'a> = StemmerStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        StemmerStream { inner: self.inner.token_stream(text) }
    }
}

/// The token stream of [`StemmerTokenizer`].
pub struct StemmerStream<S> {
    inner: S,
}

impl<S: TokenStream> TokenStream for StemmerStream<S> {
    fn advance(&mut self) -> bool {
        if !self.inner.advance() {
            return false;
        }
        let token = self.inner.token_mut();
        let replacement = match stem(&token.text) {
            Cow::Owned(stemmed) => Some(stemmed),
            Cow::Borrowed(root) if root.len() != token.text.len() => Some(root.to_string()),
            Cow::Borrowed(_) => None,
        };
        if let Some(text) = replacement {
            token.text = text;
        }
        true
    }

    fn token(&self) -> &Token {
        self.inner.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.inner.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        let mut analyzer = text_analyzer();
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    fn one(word: &str) -> String {
        let all = terms(word);
        assert_eq!(all.len(), 1, "{word}: {all:?}");
        all[0].clone()
    }

    #[test]
    fn over_stemmed_roots_stay_whole() {
        // Snowball alone: menteri→teri, pemerintah→perintah, kepolisian→polisi.
        assert_eq!(STEMMER.stem("menteri"), "teri", "the error this module exists for");
        assert_eq!(one("Menteri"), "menteri");
        assert_eq!(one("pemerintah"), "pemerintah");
        assert_ne!(one("pemerintah"), one("perintah"), "government is not a command");
        assert_eq!(one("kepolisian"), "kepolisian");
        assert_eq!(one("paspor"), "paspor");
        assert_eq!(one("Menterinya"), "menteri", "a clitic after a kept root");
    }

    #[test]
    fn affixed_forms_meet_their_root() {
        assert_eq!(one("serangan"), one("serang"));
        assert_eq!(one("menyerang"), one("serangan"));
        assert_eq!(one("diserang"), one("serang"));
        assert_eq!(one("penanganan"), one("menangani"));
    }

    #[test]
    fn seed_sentence_tokens() {
        // From the seed: "… untuk menangani dampak serangan siber tersebut".
        let t = terms("untuk menangani dampak serangan siber tersebut,” ungkap Direktur Jenderal Imigrasi");
        assert!(t.contains(&one("serang")), "{t:?}");
        assert!(t.contains(&"direktur".to_string()) && t.contains(&"jenderal".to_string()), "{t:?}");
    }

    #[test]
    fn folding_and_odd_input() {
        assert_eq!(terms("Café"), terms("cafe"));
        assert!(terms("“ ” ’ — …").is_empty());
        let long = "a".repeat(500);
        assert!(terms(&long).is_empty(), "over-long tokens are dropped");
    }

    #[test]
    fn keyword_values_are_whole_and_folded() {
        let mut analyzer = keyword_analyzer();
        let mut stream = analyzer.token_stream("Silmy Karim");
        assert!(stream.advance());
        assert_eq!(stream.token().text, "silmy karim");
        assert!(!stream.advance());
    }
}
