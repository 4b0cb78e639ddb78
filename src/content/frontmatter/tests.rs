//! Front-matter decoding and checking, from YAML text to findings.

use super::*;

fn config() -> Config {
    Config::parse(
        Path::new("."),
        "title = \"T\"\nbase_url = \"https://e.org/\"\n[[categories]]\nname = \"AI Technology\"\ndescription = \"d\"\n",
    )
    .unwrap()
}

fn errors(text: &str) -> Vec<String> {
    let split = split(Path::new("s.md"), text).map_err(|d| vec![d]);
    match split.and_then(|s| parse(Path::new("s.md"), s.yaml, &config())) {
        Ok(_) => vec![],
        Err(ds) => ds.iter().map(ToString::to_string).collect(),
    }
}

const GOOD: &str =
    "---\ntitle: T\ndate: 2026-07-05\ncategory: AI Technology\nparties: [A24]\n---\nBody\n";

#[test]
fn good_front_matter_parses() {
    assert!(errors(GOOD).is_empty());
    let s = split(Path::new("s.md"), GOOD).unwrap();
    assert_eq!(s.body, "Body\n");
    assert_eq!(s.body_line, 7);
}

#[test]
fn unknown_key_names_file_line_and_key() {
    let e = errors(
        "---\ntitle: T\ndate: 2026-07-05\ncolour: red\ncategory: AI Technology\nparties: []\n---\n",
    );
    assert_eq!(e.len(), 1);
    assert!(
        e[0].starts_with("s.md:4: colour: unknown key \"colour\""),
        "{e:?}"
    );
}

#[test]
fn all_missing_keys_are_reported() {
    let e = errors("---\nsummary: x\n---\n");
    assert_eq!(e.len(), 4, "{e:?}");
    assert!(e.iter().any(|m| m.contains("\"parties\" is missing")));
}

#[test]
fn wrong_type_names_key() {
    let e =
        errors("---\ntitle: T\ndate: 2026-07-05\ncategory: AI Technology\nparties: {a: 1}\n---\n");
    assert!(e[0].starts_with("s.md:5: parties: "), "{e:?}");
}

#[test]
fn impossible_date_and_unknown_category() {
    let e = errors("---\ntitle: T\ndate: 2026-02-30\ncategory: AI Tech\nparties: []\n---\n");
    assert_eq!(e.len(), 2, "{e:?}");
    assert!(e[0].starts_with("s.md:3: date: "), "{e:?}");
    assert!(
        e[1].contains("s.md:4: category: unknown category \"AI Tech\" (declared: AI Technology)"),
        "{e:?}"
    );
}

#[test]
fn yaml_errors_stay_inside_the_block_despite_lone_carriage_returns() {
    let e = errors("---\ntitle: a\rb\rc\rd\ntags: [x\n---\n");
    let line: usize = e[0].split(':').nth(1).unwrap().parse().unwrap();
    assert!((2..=4).contains(&line), "{e:?}");
}

#[test]
fn fences_are_checked() {
    assert!(errors("")[0].contains("empty"));
    assert!(errors("title: x\n")[0].contains("does not start with front-matter"));
    assert!(errors("---\ntitle: x\n")[0].contains("never closed"));
    assert!(errors("---\ntitle: [x\n---\n")[0].starts_with("s.md:"));
}
