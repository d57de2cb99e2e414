//! The reference article: its whole expected record, and one by one the facts the issues name.

use warta::record::{FigureKind, PersonRole, QuoteKind};
use warta::{extract_document, Config, Input, Output, Record};

use crate::golden::check_golden;
use crate::util::root;

const SEED: &str = "seeds/000_5e4d0282cbb32493.txt";

fn seed_record() -> Record {
    let bytes = std::fs::read(root().join(SEED)).unwrap();
    match extract_document(&Input::from_bytes(SEED, bytes), &Config::default()) {
        Output::Record(record) => *record,
        Output::Error(e) => panic!("seed gave an error: {:?}", e.error),
    }
}

#[test]
fn seed_matches_its_expected_record() {
    let record = seed_record();
    check_golden(&serde_json::to_value(&record).unwrap(), &root().join("seeds/000_5e4d0282cbb32493.expected.json"));
}

#[test]
fn seed_cleaning() {
    let r = seed_record();
    assert_eq!(r.title.as_deref(), Some("Server PDN Kembali Pulih, Sistem Pelayanan Imigrasi Berjalan Normal"));
    assert_eq!(r.site.as_deref(), Some("cermat"));
    assert_eq!(r.categories, vec!["Advetorial"]);
    assert_eq!(r.authors, vec!["Agus Salim Abas"]);
    assert_eq!(r.editors, vec!["Ghalim Umabaihi"]);
    assert_eq!(r.language.as_deref(), Some("id"));
    assert_eq!(r.paragraphs.len(), 13, "{:#?}", r.paragraphs);
    assert!(r.paragraphs[0].starts_with("Sistem pelayanan atau perlintasan"));
    assert!(r.paragraphs[12].ends_with("yang lebih baik,” pungkasnya."));
    for teaser in ["Recent Posts", "Kapolda", "Waris Agono", "Pili Torang", "Polairud", "Taliabu", "Morotai", "Halteng", "jam ago", "cermat", "—–", "Penulis", "Editor"] {
        assert!(!r.text.contains(teaser), "teaser or furniture leaked: {teaser}");
    }
}

#[test]
fn seed_quotes() {
    let r = seed_record();
    assert!(r.quotes.len() >= 5, "{:#?}", r.quotes);
    for q in &r.quotes {
        assert_eq!(q.speaker.as_deref(), Some("Silmy Karim"), "{q:#?}");
        assert!(!r.paragraphs[q.paragraph].is_empty() && q.paragraph <= q.paragraph_end);
    }
    let find = |start: &str| r.quotes.iter().find(|q| q.text.starts_with(start)).unwrap_or_else(|| panic!("no quote {start:?}: {:#?}", r.quotes));
    let first = find("Sejak gangguan di PDN");
    assert_eq!(first.kind, QuoteKind::Direct);
    assert_eq!(first.cue.as_deref(), Some("ungkap"));
    assert_eq!(first.speaker_position.as_deref(), Some("Direktur Jenderal Imigrasi"));
    let indirect = find("penanganan paling awal");
    assert_eq!(indirect.kind, QuoteKind::Indirect);
    let two = find("Pengambilan keputusan pemindahan data center");
    assert!(two.text.ends_with("inventarisasi kebutuhan teknis"), "{:?}", two.text);
    assert_eq!(two.cue.as_deref(), Some("tuturnya"));
    assert_eq!(two.paragraph_end, two.paragraph + 1);
    let second = find("Tim IT Ditjen Imigrasi bekerja 24 jam");
    assert_eq!(second.cue.as_deref(), Some("tuturnya"));
    let last = find("Atas kejadian ini ada hikmah");
    assert_eq!(last.cue.as_deref(), Some("pungkasnya"));
}

#[test]
fn seed_people() {
    let r = seed_record();
    let silmy = r.people.iter().find(|p| p.name == "Silmy Karim").expect("Silmy Karim");
    assert_eq!(silmy.role, PersonRole::Source);
    let position = format!("{} {}", silmy.position.clone().unwrap_or_default(), silmy.organization.clone().unwrap_or_default());
    assert!(position.contains("Direktur Jenderal") && position.contains("Imigrasi"), "{silmy:?}");
    assert!(r.people.iter().any(|p| p.name == "Agus Salim Abas" && p.role == PersonRole::Author));
    assert!(r.people.iter().any(|p| p.name == "Ghalim Umabaihi" && p.role == PersonRole::Editor));
    assert_eq!(r.people.len(), 3, "nobody else, least of all the teasers' people: {:#?}", r.people);
}

#[test]
fn seed_dates() {
    let r = seed_record();
    let values: Vec<&str> = r.dates.iter().map(|d| d.value.as_str()).collect();
    for want in ["2024-06-22", "2024-06-23", "2024-06-20", "2024-06-28", "2024-06-21", "2024-06-27"] {
        assert!(values.contains(&want), "{want} missing from {values:?}");
    }
    let last_week = r.dates.iter().find(|d| d.text.contains("Kamis pekan lalu")).expect("Kamis pekan lalu");
    assert_eq!(last_week.value, "2024-06-20");
    // The eight dates, in text order, as a subsequence of all dates found (the text
    // also has "hari ini", "pekan ini" and "akhir pekan lalu", relative to 2024-06-28).
    let wanted = ["2024-06-22", "2024-06-23", "2024-06-20", "2024-06-28", "2024-06-20", "2024-06-21", "2024-06-27", "2024-06-28"];
    let mut rest = values.iter();
    for want in wanted {
        assert!(rest.any(|v| *v == want), "{want} out of order in {values:?}");
    }
    assert!(r.warnings.iter().any(|w| w.contains("2024-06-28")), "reference date guessed: {:?}", r.warnings);
}

#[test]
fn seed_figures_and_acronyms() {
    let r = seed_record();
    let has = |text: &str, value: f64, kind: FigureKind| {
        r.figures.iter().find(|f| f.text.contains(text) && f.value == value && f.kind == kind)
            .unwrap_or_else(|| panic!("figure {text} = {value} ({kind:?}) missing: {:#?}", r.figures))
    };
    has("12 jam", 12.0, FigureKind::Duration);
    has("60%", 60.0, FigureKind::Percent);
    has("100%", 100.0, FigureKind::Percent);
    has("24 jam", 24.0, FigureKind::Duration);
    assert!(has("60.000", 60000.0, FigureKind::Count).approximate);
    has("tiga hari", 3.0, FigureKind::Duration);
    has("431", 431.0, FigureKind::Count);
    has("22", 22.0, FigureKind::Count);
    assert!(!r.figures.iter().any(|f| f.text.contains("Paspor") || f.text.contains("2024")), "{:#?}", r.figures);
    let shorts: Vec<&str> = r.acronyms.iter().map(|a| a.short.as_str()).collect();
    assert!(shorts.contains(&"PDN") && shorts.contains(&"TPI"), "{:?}", r.acronyms);
}
