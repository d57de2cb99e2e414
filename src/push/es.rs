//! Elasticsearch / OpenSearch: records go in through `POST /_bulk` as NDJSON pairs (the same
//! lines `--format es-bulk` writes), and the bulk answer is read item by item.

use serde_json::Value;

use super::{endpoint, exchange, Failure, Item};
use crate::output::es_bulk::action_line;

/// An Elasticsearch/OpenSearch index to push to.
#[derive(Debug, Clone)]
pub struct Es {
    base: url::Url,
    index: String,
    auth: Option<(String, Option<String>)>,
    /// Create the index with warta's mapping when it does not exist (the default).
    pub create_index: bool,
}

impl Es {
    /// The cluster at `base` (user and password in the URL become basic auth), index `index`.
    pub fn new(base: url::Url, index: impl Into<String>) -> Self {
        let auth = (!base.username().is_empty()).then(|| {
            let decode = |s: &str| url::form_urlencoded::parse(format!("x={s}").as_bytes()).next().map(|(_, v)| v.into_owned()).unwrap_or_default();
            (decode(base.username()), base.password().map(decode))
        });
        Es { base, index: index.into(), auth, create_index: true }
    }

    /// For messages: the index and the cluster, without credentials.
    pub fn describe(&self) -> String {
        format!("Elasticsearch index {} at {}", self.index, endpoint(&self.base, &[]))
    }

    /// The action line and the record, each ending in a newline.
    pub(super) fn encode(&self, record: &Value) -> Result<Vec<u8>, String> {
        let id = record.get("id").and_then(Value::as_str).ok_or("no id")?;
        let mut bytes = action_line(&self.index, id).into_bytes();
        serde_json::to_writer(&mut bytes, record).map_err(|e| e.to_string())?;
        bytes.push(b'\n');
        Ok(bytes)
    }

    /// Creates the index with [`super::mapping`] unless it exists (`HEAD /INDEX` answers 200,
    /// also for an alias); a 400 `resource_already_exists_exception` from a concurrent
    /// creator is fine.
    pub(super) async fn ensure_index(&self, client: &reqwest::Client) -> Result<(), Failure> {
        if !self.create_index {
            return Ok(());
        }
        match exchange(self.authed(client.head(endpoint(&self.base, &[&self.index])))).await {
            Ok(_) => return Ok(()),
            Err(failure) if failure.status == Some(404) => {}
            Err(failure) => return Err(failure),
        }
        let put = client
            .put(endpoint(&self.base, &[&self.index]))
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(super::mapping::MAPPING_JSON);
        match exchange(self.authed(put)).await {
            Ok(_) => Ok(()),
            Err(failure) if failure.status == Some(400) && failure.reason.contains("resource_already_exists_exception") => Ok(()),
            Err(failure) => Err(failure),
        }
    }

    fn authed(&self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        match &self.auth {
            Some((user, password)) => request.basic_auth(user, password.as_ref()),
            None => request,
        }
    }

    /// One `_bulk` request.
    pub(super) async fn send(&self, client: &reqwest::Client, body: Vec<u8>, count: usize) -> Result<Vec<Item>, Failure> {
        let request = client
            .post(endpoint(&self.base, &["_bulk"]))
            .header(reqwest::header::CONTENT_TYPE, "application/x-ndjson")
            .body(body);
        let (_, body) = exchange(self.authed(request)).await?;
        parse_bulk_response(&body, count)
    }
}

/// Reads a `_bulk` answer: one item per document, in order. Item status 2xx is indexed, 429
/// is retried (the cluster's write queue was full), anything else is rejected with the
/// error's type and reason. An answer that does not list exactly `count` items is refused
/// as a whole (not retried: the same batch would get the same answer).
pub fn parse_bulk_response(body: &[u8], count: usize) -> Result<Vec<Item>, Failure> {
    let fail = |reason: String| Failure { retryable: false, status: None, reason, retry_after: None };
    let answer: Value = serde_json::from_slice(body).map_err(|e| fail(format!("the bulk answer is not JSON: {e}")))?;
    let items = answer.get("items").and_then(Value::as_array).ok_or_else(|| fail("the bulk answer has no items".into()))?;
    if items.len() != count {
        return Err(fail(format!("the bulk answer lists {} items for {count} documents", items.len())));
    }
    Ok(items
        .iter()
        .map(|item| {
            // Each item is {"index": {...}} (or create/update/delete): the one value inside.
            let inner = item.as_object().and_then(|o| o.values().next()).unwrap_or(&Value::Null);
            let status = inner.get("status").and_then(Value::as_u64).map(|s| s.min(999) as u16);
            match status {
                Some(200..=299) => Item::Indexed,
                Some(429) => Item::Retry(error_text(inner)),
                _ => Item::Rejected { status, reason: error_text(inner) },
            }
        })
        .collect())
}

/// "type: reason (caused by: …)" from a bulk item's `error`.
fn error_text(item: &Value) -> String {
    let error = &item["error"];
    let part = |e: &Value| {
        let kind = e.get("type").and_then(Value::as_str).unwrap_or("error");
        match e.get("reason").and_then(Value::as_str) {
            Some(reason) => format!("{kind}: {reason}"),
            None => kind.to_string(),
        }
    };
    match error {
        Value::Null => "no error given".into(),
        Value::String(s) => s.clone(),
        _ => match error.get("caused_by") {
            Some(cause) if cause.is_object() => format!("{} (caused by {})", part(error), part(cause)),
            _ => part(error),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_become_indexed_retry_or_rejected() {
        let body = br#"{"took":3,"errors":true,"items":[
            {"index":{"_index":"warta","_id":"a","status":201,"result":"created"}},
            {"index":{"_index":"warta","_id":"b","status":400,"error":{"type":"mapper_parsing_exception","reason":"failed to parse field [published] of type [date]","caused_by":{"type":"illegal_argument_exception","reason":"bad date"}}}},
            {"index":{"_index":"warta","_id":"c","status":429,"error":{"type":"es_rejected_execution_exception","reason":"rejected execution"}}},
            {"index":{"_index":"warta","_id":"d","status":200,"result":"updated"}}]}"#;
        let items = parse_bulk_response(body, 4).unwrap();
        assert_eq!(items[0], Item::Indexed);
        assert_eq!(
            items[1],
            Item::Rejected {
                status: Some(400),
                reason: "mapper_parsing_exception: failed to parse field [published] of type [date] (caused by illegal_argument_exception: bad date)".into()
            }
        );
        assert_eq!(items[2], Item::Retry("es_rejected_execution_exception: rejected execution".into()));
        assert_eq!(items[3], Item::Indexed);
    }

    #[test]
    fn a_short_or_broken_answer_is_refused() {
        assert!(parse_bulk_response(br#"{"errors":false,"items":[]}"#, 1).is_err());
        assert!(parse_bulk_response(b"<html>proxy error</html>", 1).is_err());
    }

    #[test]
    fn encode_gives_an_action_and_the_record() {
        let es = Es::new(url::Url::parse("http://u%40x:p@127.0.0.1:9200").unwrap(), "berita");
        assert_eq!(es.auth, Some(("u@x".to_string(), Some("p".to_string()))));
        assert!(!es.describe().contains("p@"));
        let bytes = es.encode(&serde_json::json!({"id": "abc", "title": "Judul"})).unwrap();
        assert_eq!(String::from_utf8(bytes).unwrap(), "{\"index\":{\"_id\":\"abc\",\"_index\":\"berita\"}}\n{\"id\":\"abc\",\"title\":\"Judul\"}\n");
    }
}
