//! The benchmark's body metric, shared by the examples: `\w+` tokens, 4-token shingles
//! compared as multisets (as `/work/shared/eval/score_body.py` documents it).

// Each example uses part of this module.
#![allow(dead_code)]

use std::collections::HashMap;

/// The `\w+` tokens of `text` (Unicode letters, digits and `_`), as Python's `re` finds them.
pub fn tokens(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|t| !t.is_empty()).collect()
}

/// The multiset of 4-token shingles (one shorter shingle for 1–3 tokens).
pub fn shingles(text: &str) -> HashMap<Vec<&str>, usize> {
    let toks = tokens(text);
    let mut out = HashMap::new();
    if toks.is_empty() {
        return out;
    }
    if toks.len() < 4 {
        out.insert(toks, 1);
        return out;
    }
    for w in toks.windows(4) {
        *out.entry(w.to_vec()).or_insert(0) += 1;
    }
    out
}

/// Multiset shingle overlap of a page: (true positives, false positives, false negatives).
pub fn counts(pred: &str, truth: &str) -> (usize, usize, usize) {
    let p = shingles(pred);
    let t = shingles(truth);
    let np: usize = p.values().sum();
    let nt: usize = t.values().sum();
    let tp: usize = p.iter().map(|(k, v)| (*v).min(t.get(k).copied().unwrap_or(0))).sum();
    (tp, np - tp, nt - tp)
}

/// Page precision and recall; `None` where the side has no shingle.
pub fn page_scores(pred: &str, truth: &str) -> (Option<f64>, Option<f64>, f64) {
    let (tp, fp, fn_) = counts(pred, truth);
    let (np, nt) = (tp + fp, tp + fn_);
    let prec = if fp == 0 && fn_ == 0 { 1.0 } else if np == 0 { 0.0 } else { tp as f64 / np as f64 };
    let rec = if fp == 0 && fn_ == 0 { 1.0 } else if nt == 0 { 0.0 } else { tp as f64 / nt as f64 };
    let f1 = if prec + rec > 0.0 { 2.0 * prec * rec / (prec + rec) } else { 0.0 };
    ((np > 0).then_some(prec), (nt > 0).then_some(rec), if np == 0 { 0.0 } else { f1 })
}
