//! The HTML cleaner: finds the article body in a parsed page and drops site boilerplate.

use super::Cleaned;
use crate::config::Config;
use crate::html::{decode_entities, normalize_space, Page};
use crate::meta::Metadata;

/// Extracts the body paragraphs of `page`. `meta` (already read) helps recognise the body.
pub fn clean(page: &Page<'_>, _meta: &Metadata, _config: &Config) -> Cleaned {
    // Baseline: every <p> with some text. The real cleaner replaces this.
    let parser = page.dom.parser();
    let mut paragraphs = Vec::new();
    if let Some(it) = page.dom.query_selector("p") {
        for h in it {
            if let Some(node) = h.get(parser) {
                let t = normalize_space(&decode_entities(&node.inner_text(parser)));
                if t.len() > 40 {
                    paragraphs.push(t);
                }
            }
        }
    }
    let mut warnings = Vec::new();
    if paragraphs.is_empty() {
        warnings.push("no article body found".to_string());
    }
    Cleaned { paragraphs, warnings }
}
