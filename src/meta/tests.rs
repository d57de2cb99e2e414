//! Metadata tests on real pages under `fixtures/pages/` (see each SOURCE.md) and on
//! head fragments of corpus-id pages.

use super::*;
use crate::config::Config;

fn meta_of(html: &str) -> Metadata {
    let page = crate::html::parse(html, &Config::default()).expect("parse");
    from_html(&page, None)
}

#[test]
fn mediaindonesia_matches_fundus_gold() {
    // gold/fundus_MediaIndonesia.json: authors ["Naufal Zuhdi"], publishing_date
    // "2026-01-20 18:33:13+07:00", topics as tags. Its JSON-LD wrongly names the editor
    // (byline "Editor : Heryadi") as author.
    let m = meta_of(include_str!("../../fixtures/pages/mediaindonesia-01/source.html"));
    assert_eq!(m.authors, ["Naufal Zuhdi"]);
    assert_eq!(m.editors, ["Heryadi"]);
    assert_eq!(m.published.as_deref(), Some("2026-01-20T18:33:13+07:00"));
    assert_eq!(
        m.title.as_deref(),
        Some("Dari Petani hingga Pendidik Bangsa, Begini Pesan Kuat di Wisuda IGI School of Economics Jakarta 2025")
    );
    assert_eq!(m.tags, ["IGI School of Economics", "Wisuda Magister Manajemen ke-XV"]);
    assert_eq!(m.categories, ["Ekonomi"]);
    assert_eq!(m.site.as_deref(), Some("Media Indonesia"));
    assert_eq!(
        m.url.as_deref(),
        Some("https://mediaindonesia.com/ekonomi/851796/dari-petani-hingga-pendidik-bangsa-begini-pesan-kuat-di-wisuda-igi-school-of-economics-jakarta-2025")
    );
}

#[test]
fn kompas_2015_byline_on_separate_lines() {
    // "Rabu, 4 November 2015 | 21:04 WIB"; "Penulis" and "Editor" labels with the names in
    // the next element; meta author is the company "Kompas Cyber Media".
    let m = meta_of(include_str!("../../fixtures/pages/kompas-01/source.html"));
    assert_eq!(m.published.as_deref(), Some("2015-11-04T21:04:00+07:00"));
    assert_eq!(m.authors, ["Masriadi"]);
    assert_eq!(m.editors, ["Ervan Hardoko"]);
    assert_eq!(m.title.as_deref(), Some("Polres Lhokseumawe Serahkan Anggota Di Minimi ke Kejaksaan"));
    assert_eq!(m.categories, ["News", "Regional"]);
}

#[test]
fn okezone_script_misparse_and_lowercase_zone() {
    // tl nests the page inside a script ("<t" in JavaScript); the byline date is
    // "Jum'at, 19 Juni 2015 - 11:58 wib" and og:site_name repeats the headline.
    let m = meta_of(include_str!("../../fixtures/pages/okezone-04/source.html"));
    assert_eq!(m.published.as_deref(), Some("2015-06-19T11:58:00+07:00"));
    assert_eq!(m.title.as_deref(), Some("Ahok Dukung Jokowi Diberi Pangkat Bintang Lima"));
    assert_eq!(m.site.as_deref(), Some("news.okezone.com"));
    assert_eq!(m.authors, ["Fakhrizal Fakhri"]);
}

#[test]
fn kompas_2023_jsonld_author_is_the_editor() {
    // Head fragment of kompas-07 (money.kompas.com, 2023): JSON-LD author = content_editor.
    let html = r#"<html><head><title>Menhub Bocorkan Penyebab Harga Tiket Pesawat Masih Mahal</title>
<meta name="author" content="Kompas Cyber Media" />
<meta name="content_author" content="Isna Rifka Sri Rahayu" />
<meta name="content_editor" content="Yoga Sukmana" />
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
"headline":"Menhub Bocorkan Penyebab Harga Tiket Pesawat Masih Mahal","datePublished":"2023-11-02T14:34:19+00:00",
"author":{"@type":"Person","name":"Yoga Sukmana"},"publisher":{"@type":"Organization","name":"Kompas.com"}}</script>
</head><body><div class="read__time">Kompas.com - 02/11/2023, 21:34 WIB</div></body></html>"#;
    let m = meta_of(html);
    assert_eq!(m.authors, ["Isna Rifka Sri Rahayu"]);
    assert_eq!(m.editors, ["Yoga Sukmana"]);
    // The Z-less UTC value keeps its instant, shown in the page's WIB.
    assert_eq!(m.published.as_deref(), Some("2023-11-02T21:34:19+07:00"));
    assert_eq!(m.site.as_deref(), Some("Kompas.com"));
}

#[test]
fn title_suffixes_naming_the_site() {
    // <title> values from corpus-id manifest.tsv.
    let kompas = Some("http://regional.kompas.com/read/2015/11/04/21040031/x");
    assert_eq!(
        strip_site_suffix("Polres Lhokseumawe Serahkan Anggota Di Minimi ke Kejaksaan - Kompas.com Regional", Some("KOMPAS.com"), kompas),
        "Polres Lhokseumawe Serahkan Anggota Di Minimi ke Kejaksaan"
    );
    assert_eq!(
        strip_site_suffix("Ahok Dukung Jokowi Diberi Pangkat Bintang Lima :: Okezone News", None, Some("http://news.okezone.com/read/x")),
        "Ahok Dukung Jokowi Diberi Pangkat Bintang Lima"
    );
    assert_eq!(
        strip_site_suffix("Marcella Zalianty Promo Pariwisata Indonesia Lewat Film | Republika Online", Some("Republika Online"), None),
        "Marcella Zalianty Promo Pariwisata Indonesia Lewat Film"
    );
    // A colon inside the headline is not a site suffix.
    assert_eq!(
        strip_site_suffix("Kadishub DKI: Taksi Uber Tak Punya Izin Operasi", Some("Tribunnews.com"), None),
        "Kadishub DKI: Taksi Uber Tak Punya Izin Operasi"
    );
    assert_eq!(
        strip_site_suffix("Kapanlagi.com: Musik - Bikin Gaduh Kota, Rumah Penyanyi Ini Digrebek Polisi", Some("KapanLagi.com"), None),
        "Bikin Gaduh Kota, Rumah Penyanyi Ini Digrebek Polisi"
    );
}

#[test]
fn keyword_lists_of_body_words_are_not_tags() {
    // merdeka-01 fills `keywords` with the lead's first words; its news_keywords are real.
    let html = r#"<html><head><meta name="news_keywords" content="Jabar, Ragam, Pusing" />
<meta name="keywords" content="Umumnya, banyak, orang, sering, mengalami, pusing" /></head><body></body></html>"#;
    assert_eq!(meta_of(html).tags, ["Jabar", "Ragam", "Pusing"]);
    let html = r#"<html><head><meta name="keywords" content="Umumnya, banyak, orang, sering" /></head><body></body></html>"#;
    assert!(meta_of(html).tags.is_empty());
}

#[test]
fn broken_json_ld_and_breadcrumb_element() {
    let html = r#"<html><head><script type="application/ld+json">{"@type":"NewsArticle",</script>
<meta property="og:title" content="Server PDN Kembali Pulih" /><meta property="article:section" content="Nasional" />
</head><body><ul class="breadcrumb"><li><a href="/">Home</a></li><li><a href="/hukum">Hukum</a></li></ul>
<p>Penulis: Agus Salim Abas | Editor: Ghalim Umabaihi</p></body></html>"#;
    let m = meta_of(html);
    assert_eq!(m.title.as_deref(), Some("Server PDN Kembali Pulih"));
    assert_eq!(m.categories, ["Nasional", "Hukum"]);
    assert_eq!(m.authors, ["Agus Salim Abas"]);
    assert_eq!(m.editors, ["Ghalim Umabaihi"]);
    assert_eq!(m.warnings.len(), 1);
}

#[test]
fn wita_byline_sets_the_offset() {
    // Byline form of Makassar/Bali sites ("Sabtu, 22 Jun 2024 19:30 WITA"); the meta value has
    // no offset and the JSON-LD one is UTC.
    let html = r#"<html><head><meta property="article:published_time" content="2024-06-22 19:30:00" />
<meta property="article:modified_time" content="2024-06-22T12:00:00Z" /></head>
<body><div class="date">Sabtu, 22 Jun 2024 19:30 WITA</div></body></html>"#;
    let m = meta_of(html);
    assert_eq!(m.published.as_deref(), Some("2024-06-22T19:30:00+08:00"));
    assert_eq!(m.modified.as_deref(), Some("2024-06-22T20:00:00+08:00"));
}

#[test]
fn publisher_as_only_author_is_kept() {
    // liputan6 pages credit "Liputan6.com" in JSON-LD when no writer is named: kept, as the
    // only credit; dropped when a person is named too.
    let html = r#"<html><head><meta property="og:site_name" content="Liputan6.com" />
<script type="application/ld+json">{"@type":"NewsArticle","author":{"name":"Liputan6.com"}}</script></head><body></body></html>"#;
    assert_eq!(meta_of(html).authors, ["Liputan6.com"]);
    let html = r#"<html><head><meta property="og:site_name" content="Liputan6.com" />
<script type="application/ld+json">{"@type":"NewsArticle","author":[{"name":"Liputan6.com"},{"name":"Tommy Kurnia"}]}</script></head><body></body></html>"#;
    assert_eq!(meta_of(html).authors, ["Tommy Kurnia"]);
}

#[test]
fn odd_pages_do_not_panic() {
    let deep = "<div>".repeat(3_000) + "Penulis: Agus Salim Abas";
    for html in [
        "",
        "<html><head><script type=\"application/ld+json\">[[[[[[[[[[[[{\"@type\":\"NewsArticle\"}]]]]]]]]]]]]</script></head></html>",
        "<meta property=\"article:published_time\" content=\"9999-99-99T99:99:99+99:99\">",
        "<meta property=\"article:published_time\" content=\"0001-01-01T00:00:00-23:59\"><div>Sabtu, 1 Jan 0001 WIB</div>",
        "<title>“ – ”</title><div class=\"author\"><a>Penulis</a></div><div>Editor</div>",
        deep.as_str(),
    ] {
        // Parsed without limits: the pipeline's parse refuses the deep page (`max_depth`), but
        // `meta` must not panic on a deep tree either.
        let page = crate::html::Page::new(html, crate::html::dom::parse(html));
        let _ = from_html(&page, None);
    }
}
