//! The Elasticsearch/OpenSearch index mapping of a record (`warta mapping`), kept as data in
//! `mapping.json`: the body of `PUT /INDEX`, with the built-in `indonesian` analyzer on the
//! prose fields, keywords for names, site and categories, dates and numbers typed.

/// The mapping file, compiled in: `{"mappings": {…}}`, ready for `PUT /INDEX`.
pub const MAPPING_JSON: &str = include_str!("mapping.json");

/// The mapping as JSON.
pub fn mapping() -> serde_json::Value {
    serde_json::from_str(MAPPING_JSON).expect("src/push/mapping.json is valid JSON (checked by a test)")
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;

    /// Follows a `$ref` into the schema's `$defs`.
    fn resolve<'a>(schema: &'a Value, node: &'a Value) -> &'a Value {
        match node.get("$ref").and_then(Value::as_str) {
            Some(r) => {
                let name = r.rsplit('/').next().unwrap_or(r);
                &schema["$defs"][name]
            }
            None => node,
        }
    }

    /// The JSON types a schema node allows, null left out (every field may be absent in ES).
    fn types(node: &Value) -> Vec<String> {
        match node.get("type") {
            Some(Value::String(t)) => vec![t.clone()],
            Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).filter(|t| *t != "null").map(String::from).collect(),
            _ => Vec::new(),
        }
    }

    /// Checks one object level: every schema property is mapped with a type that can hold it,
    /// and every mapped property exists in the schema (no stale names). Returns the paths seen.
    fn check_object(schema: &Value, object: &Value, mapped: &Value, path: &str, seen: &mut Vec<String>) {
        let props = object["properties"].as_object().expect("an object schema has properties");
        let mapped_props = mapped["properties"].as_object().unwrap_or_else(|| panic!("{path}: mapping has no properties"));
        for name in mapped_props.keys() {
            assert!(props.contains_key(name), "{path}.{name} is mapped but not in the record schema");
        }
        for (name, node) in props {
            let field = format!("{path}.{name}");
            let m = mapped_props.get(name).unwrap_or_else(|| panic!("{field} is in the record schema but not mapped"));
            seen.push(field.clone());
            let mut node = resolve(schema, node);
            let mut ts = types(node);
            if ts == ["array"] {
                node = resolve(schema, &node["items"]);
                ts = types(node);
            }
            let es_type = m["type"].as_str().unwrap_or("object");
            let ok: &[&str] = if node.get("enum").is_some() || node.get("oneOf").is_some() {
                &["keyword"]
            } else if ts == ["object"] {
                check_object(schema, node, m, &field, seen);
                &["object", "nested"]
            } else if ts == ["string"] {
                &["keyword", "text", "date"]
            } else if ts == ["integer"] {
                &["integer", "long"]
            } else if ts == ["number"] {
                &["float", "double", "scaled_float"]
            } else if ts == ["boolean"] {
                &["boolean"]
            } else {
                panic!("{field}: schema type {ts:?} has no rule here")
            };
            assert!(ok.contains(&es_type), "{field}: mapped as {es_type}, expected one of {ok:?}");
        }
    }

    #[test]
    fn every_record_field_is_mapped_and_nothing_else() {
        let schema = serde_json::to_value(schemars::schema_for!(crate::record::Output)).unwrap();
        let record = &schema["$defs"]["Record"];
        let m = mapping();
        assert_eq!(m["mappings"]["dynamic"], Value::Bool(false), "unknown fields stay out of the index");
        let mut seen = Vec::new();
        check_object(&schema, record, &m["mappings"], "record", &mut seen);
        for must in ["record.quotes.speaker", "record.people.name", "record.dates.value", "record.figures.value"] {
            assert!(seen.iter().any(|s| s == must), "{must} walked");
        }
    }

    #[test]
    fn prose_is_indonesian_names_are_keywords_dates_are_dates() {
        let m = mapping();
        let p = &m["mappings"]["properties"];
        for prose in [&p["title"], &p["text"], &p["quotes"]["properties"]["text"]] {
            assert_eq!(prose["analyzer"], "indonesian");
        }
        for keyword in [&p["site"], &p["categories"], &p["people"]["properties"]["name"], &p["quotes"]["properties"]["speaker"]] {
            assert_eq!(keyword["type"], "keyword");
        }
        assert_eq!(p["published"]["type"], "date");
        assert_eq!(p["quotes"]["type"], "nested");
        assert_eq!(p["figures"]["properties"]["value"]["type"], "double");
        // dates.value is "2024-06-22", "2024-06", "2024", "2024-W25" or a date-time: one format
        // per form, and a malformed one must not reject the article.
        let date = &p["dates"]["properties"]["value"]["fields"]["date"];
        assert_eq!(date["type"], "date");
        assert_eq!(date["ignore_malformed"], true);
        let formats: Vec<&str> = date["format"].as_str().unwrap().split("||").collect();
        for f in ["strict_date_optional_time", "strict_year_month", "strict_year", "strict_weekyear_week"] {
            assert!(formats.contains(&f), "{f} in {formats:?}");
        }
    }
}
