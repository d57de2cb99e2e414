//! Typesense: the collection is created with [`schema`] when missing, then records go in
//! through `POST /collections/NAME/documents/import?action=upsert`, one flat search document
//! ([`document`]) per JSON line; the answer has one result line per document, in order.

use serde_json::{json, Map, Value};

use super::{endpoint, exchange, Failure, Item};

/// The header Typesense reads the API key from.
const API_KEY_HEADER: &str = "X-TYPESENSE-API-KEY";

/// A Typesense collection to push to.
#[derive(Debug, Clone)]
pub struct Typesense {
    base: url::Url,
    collection: String,
    api_key: String,
}

impl Typesense {
    /// The server at `base`, collection `collection`, authenticated with `api_key`.
    pub fn new(base: url::Url, collection: impl Into<String>, api_key: impl Into<String>) -> Self {
        Typesense { base, collection: collection.into(), api_key: api_key.into() }
    }

    /// For messages.
    pub fn describe(&self) -> String {
        format!("Typesense collection {} at {}", self.collection, endpoint(&self.base, &[]))
    }

    /// The search document of one record, as one JSON line.
    pub(super) fn encode(&self, record: &Value) -> Result<Vec<u8>, String> {
        let mut bytes = serde_json::to_vec(&document(record)).map_err(|e| e.to_string())?;
        bytes.push(b'\n');
        Ok(bytes)
    }

    /// Creates the collection unless it exists (a 409 from a concurrent creator is fine).
    pub(super) async fn ensure_collection(&self, client: &reqwest::Client) -> Result<(), Failure> {
        let get = client.get(endpoint(&self.base, &["collections", &self.collection])).header(API_KEY_HEADER, &self.api_key);
        match exchange(get).await {
            Ok(_) => return Ok(()),
            Err(failure) if failure.status == Some(404) => {}
            Err(failure) => return Err(failure),
        }
        let post = client
            .post(endpoint(&self.base, &["collections"]))
            .header(API_KEY_HEADER, &self.api_key)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(schema(&self.collection).to_string());
        match exchange(post).await {
            Ok(_) => Ok(()),
            Err(failure) if failure.status == Some(409) => Ok(()),
            Err(failure) => Err(failure),
        }
    }

    /// One import request of `count` documents.
    pub(super) async fn send(&self, client: &reqwest::Client, body: Vec<u8>, count: usize) -> Result<Vec<Item>, Failure> {
        let mut url = endpoint(&self.base, &["collections", &self.collection, "documents", "import"]);
        url.set_query(Some("action=upsert"));
        let request = client
            .post(url)
            .header(API_KEY_HEADER, &self.api_key)
            .header(reqwest::header::CONTENT_TYPE, "text/plain")
            .body(body);
        let (_, body) = exchange(request).await?;
        parse_import_response(&body, count)
    }
}

/// The collection schema: prose fields searchable, names and sections as facets, `published`
/// and `modified` as Unix seconds (int64) for sorting and ranges. `url`, `source` and
/// `fingerprint` are stored, not indexed. `duplicate_of` is a facet; `duplicate` is a bool every
/// document has, because Typesense (0.24) cannot filter on an optional field that is missing:
/// `filter_by: duplicate:false` keeps first copies only.
pub fn schema(name: &str) -> Value {
    let field = |name: &str, kind: &str, facet: bool| json!({"name": name, "type": kind, "facet": facet, "optional": true});
    json!({
        "name": name,
        "fields": [
            field("title", "string", false),
            {"name": "text", "type": "string"},
            field("quotes", "string[]", false),
            field("speakers", "string[]", true),
            field("people", "string[]", true),
            field("site", "string", true),
            field("categories", "string[]", true),
            field("tags", "string[]", true),
            field("authors", "string[]", true),
            field("editors", "string[]", true),
            field("language", "string", true),
            field("published", "int64", false),
            field("modified", "int64", false),
            {"name": "url", "type": "string", "index": false, "optional": true},
            {"name": "source", "type": "string", "index": false, "optional": true},
            field("duplicate_of", "string", true),
            {"name": "duplicate", "type": "bool", "facet": true},
            {"name": "fingerprint", "type": "string", "index": false, "optional": true},
        ]
    })
}

/// The flat search document of a record: quotes' texts, distinct speakers, people's names,
/// times as Unix seconds, and `duplicate` (whether the record is a near-duplicate of another);
/// absent values are left out (every field but `text` and `duplicate` is optional).
pub fn document(record: &Value) -> Value {
    let mut doc = Map::new();
    let string = |key: &str| record.get(key).and_then(Value::as_str).map(str::to_owned);
    doc.insert("id".into(), json!(string("id").unwrap_or_default()));
    doc.insert("text".into(), json!(string("text").unwrap_or_default()));
    for key in ["title", "site", "language", "url", "source"] {
        if let Some(value) = string(key) {
            doc.insert(key.into(), json!(value));
        }
    }
    // An empty `duplicate_of` or `fingerprint` names nothing: left out, as warta never writes one.
    let duplicate_of = string("duplicate_of").filter(|id| !id.is_empty());
    doc.insert("duplicate".into(), json!(duplicate_of.is_some()));
    if let Some(first) = duplicate_of {
        doc.insert("duplicate_of".into(), json!(first));
    }
    if let Some(fingerprint) = string("fingerprint").filter(|f| !f.is_empty()) {
        doc.insert("fingerprint".into(), json!(fingerprint));
    }
    for key in ["categories", "tags", "authors", "editors"] {
        doc.insert(key.into(), json!(strings(record.get(key), None)));
    }
    doc.insert("quotes".into(), json!(strings(record.get("quotes"), Some("text"))));
    let mut speakers = strings(record.get("quotes"), Some("speaker"));
    let mut seen = std::collections::HashSet::new();
    speakers.retain(|s| seen.insert(s.clone()));
    doc.insert("speakers".into(), json!(speakers));
    doc.insert("people".into(), json!(strings(record.get("people"), Some("name"))));
    for key in ["published", "modified"] {
        if let Some(seconds) = string(key).as_deref().and_then(unix_seconds) {
            doc.insert(key.into(), json!(seconds));
        }
    }
    Value::Object(doc)
}

/// The strings of an array, or of one field of each object in it.
fn strings(value: Option<&Value>, field: Option<&str>) -> Vec<String> {
    let Some(items) = value.and_then(Value::as_array) else { return Vec::new() };
    items
        .iter()
        .filter_map(|item| match field {
            Some(f) => item.get(f)?.as_str(),
            None => item.as_str(),
        })
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Unix seconds of a record time: RFC 3339 (seconds optional), or a bare `YYYY-MM-DD`, taken
/// as midnight UTC (the record does not say the page's zone when it gives only the day).
pub fn unix_seconds(text: &str) -> Option<i64> {
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(text) {
        return Some(t.timestamp());
    }
    if let Ok(t) = chrono::DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M%:z") {
        return Some(t.timestamp());
    }
    if let Ok(t) = chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S") {
        return Some(t.and_utc().timestamp());
    }
    if let Ok(t) = chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M") {
        return Some(t.and_utc().timestamp());
    }
    let day = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
    Some(day.and_hms_opt(0, 0, 0)?.and_utc().timestamp())
}

/// Reads an import answer: one JSON line per document, `{"success":true}` or
/// `{"success":false,"error":…,"code":…}`. A wrong number of lines refuses the batch.
pub fn parse_import_response(body: &[u8], count: usize) -> Result<Vec<Item>, Failure> {
    let fail = |reason: String| Failure { retryable: false, status: None, reason, retry_after: None };
    let text = String::from_utf8_lossy(body);
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    if lines.len() != count {
        return Err(fail(format!("the import answer has {} lines for {count} documents", lines.len())));
    }
    lines
        .iter()
        .map(|line| {
            let result: Value = serde_json::from_str(line).map_err(|e| fail(format!("an import result is not JSON ({e}): {line}")))?;
            if result.get("success").and_then(Value::as_bool) == Some(true) {
                return Ok(Item::Indexed);
            }
            let status = result.get("code").and_then(Value::as_u64).map(|c| c.min(999) as u16);
            let reason = result.get("error").and_then(Value::as_str).unwrap_or("no error given").to_string();
            Ok(match status {
                Some(429) | Some(503) => Item::Retry(reason),
                _ => Item::Rejected { status, reason },
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_becomes_a_flat_document() {
        let seed: Value = serde_json::from_str(include_str!("../../seeds/000_5e4d0282cbb32493.expected.json")).unwrap();
        let doc = document(&seed);
        assert_eq!(doc["id"], "62696345d141096969f34905c5b67a43");
        assert_eq!(doc["title"], "Server PDN Kembali Pulih, Sistem Pelayanan Imigrasi Berjalan Normal");
        assert_eq!(doc["speakers"], json!(["Silmy Karim"]));
        assert!(doc["people"].as_array().unwrap().contains(&json!("Silmy Karim")));
        assert!(doc["quotes"][0].as_str().unwrap().starts_with("Sejak gangguan di PDN"));
        assert_eq!(doc["site"], "cermat");
        assert_eq!(doc["categories"], json!(["Advetorial"]));
        assert!(doc.get("published").is_none(), "the seed has no publication date");
        assert_eq!(doc["duplicate"], false, "set on every document, so `duplicate:false` can filter");
        assert!(doc.get("duplicate_of").is_none() && doc.get("fingerprint").is_none());
        // Every schema field the document fills is declared.
        let declared: Vec<String> = schema("x")["fields"].as_array().unwrap().iter().map(|f| f["name"].as_str().unwrap().to_string()).collect();
        for key in doc.as_object().unwrap().keys().filter(|k| *k != "id") {
            assert!(declared.contains(key), "{key} declared in the schema");
        }

        // A near-duplicate copy, as `warta extract --fingerprint` writes it.
        let mut copy = seed.clone();
        copy["id"] = json!("00000000000000000000000000000001");
        copy["duplicate_of"] = json!("62696345d141096969f34905c5b67a43");
        copy["fingerprint"] = json!("9f3c0a55e1d27b46");
        let doc = document(&copy);
        assert_eq!(doc["duplicate"], true);
        assert_eq!(doc["duplicate_of"], "62696345d141096969f34905c5b67a43");
        assert_eq!(doc["fingerprint"], "9f3c0a55e1d27b46");
        for key in doc.as_object().unwrap().keys().filter(|k| *k != "id") {
            assert!(declared.contains(key), "{key} declared in the schema");
        }
        let field = |name: &str| schema("x")["fields"].as_array().unwrap().iter().find(|f| f["name"] == name).cloned().unwrap();
        assert_eq!(field("duplicate")["type"], "bool");
        assert!(field("duplicate").get("optional").is_none(), "every document has it");
        assert_eq!(field("duplicate_of")["facet"], true);
        assert_eq!(field("fingerprint")["index"], false);
    }

    #[test]
    fn record_times_become_unix_seconds() {
        assert_eq!(unix_seconds("2024-06-22T19:30:00+07:00"), Some(1_719_059_400));
        assert_eq!(unix_seconds("2024-06-22T19:30+07:00"), Some(1_719_059_400));
        assert_eq!(unix_seconds("2024-06-22"), Some(1_719_014_400));
        assert_eq!(unix_seconds("22 Juni 2024"), None);
    }

    #[test]
    fn import_lines_become_items() {
        let body = b"{\"success\":true}\n{\"success\":false,\"error\":\"Field `text` has been declared in the schema, but is not found in the document.\",\"code\":400,\"document\":\"{}\"}\n{\"success\":false,\"error\":\"Not Ready or Lagging\",\"code\":503}";
        let items = parse_import_response(body, 3).unwrap();
        assert_eq!(items[0], Item::Indexed);
        assert!(matches!(&items[1], Item::Rejected { status: Some(400), reason } if reason.contains("not found in the document")));
        assert!(matches!(&items[2], Item::Retry(_)));
        assert!(parse_import_response(b"{\"success\":true}", 2).is_err());
    }
}
