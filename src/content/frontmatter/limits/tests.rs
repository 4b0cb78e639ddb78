use std::path::Path;

use super::*;

fn deep(yaml: &str) -> Option<(Option<&str>, usize)> {
    too_deep(yaml).map(|d| (d.key.map(|k| k.name), d.line))
}

fn nested(levels: usize) -> String {
    format!("summary: {}{}\n", "[".repeat(levels), "]".repeat(levels))
}

/// How deeply a parsed YAML value nests lists and maps.
fn value_depth(value: &serde_yaml::Value) -> usize {
    match value {
        serde_yaml::Value::Sequence(items) => 1 + items.iter().map(value_depth).max().unwrap_or(0),
        serde_yaml::Value::Mapping(map) => {
            1 + map
                .iter()
                .map(|(k, v)| value_depth(k).max(value_depth(v)))
                .max()
                .unwrap_or(0)
        }
        serde_yaml::Value::Tagged(t) => value_depth(&t.value),
        _ => 0,
    }
}

#[test]
fn the_sites_own_stories_pass() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let split = crate::content::frontmatter::split(&path, &text).unwrap();
        assert_eq!(check(&path, split.yaml), Ok(()), "{}", path.display());
    }
}

#[test]
fn nesting_up_to_the_limit_passes_and_one_more_is_refused() {
    // The top-level map is one level, so the summary may open MAX_DEPTH - 1 brackets.
    assert_eq!(deep(&nested(MAX_DEPTH - 1)), None);
    assert_eq!(deep(&nested(MAX_DEPTH)), Some((Some("summary"), 2)));
    let maps = format!(
        "title: T\nsummary: {}x{}\n",
        "{a: ".repeat(20),
        "}".repeat(20)
    );
    assert_eq!(deep(&maps), Some((Some("summary"), 3)));
    let block = format!("title: T\nparties:\n{}x\n", "- ".repeat(20));
    assert_eq!(deep(&block), Some((Some("parties"), 4)));
    // Found by fuzzing: a key after list dashes opens one more level on the line.
    let compact = format!("title: T\ntags:\n{}. -title: x\n", "- ".repeat(15));
    assert_eq!(deep(&compact), Some((Some("tags"), 4)));
    let indented: String = (0..20)
        .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
        .collect();
    assert_eq!(deep(&indented).map(|d| d.0), Some(Some("k0")));
}

#[test]
fn brackets_in_text_do_not_count() {
    let b = "[".repeat(40);
    for yaml in [
        format!("title: \"{b}\"\n"),
        format!("title: '{b} it''s'\n"),
        format!("title: A {b} cut\n"),
        format!("title: A\n  {b} long title\n"),
        format!("title: \"two\n  {b} lines\"\n"),
        format!("summary: |\n  {b}\n\n  more\ntitle: T\n"),
        format!("summary: >-\n  {b}\n"),
        format!("title: T # {b}\n# {b}\n"),
        format!("tags: ['{b}', \"{b}\", a]\n"),
        format!("sources:\n  - title: \"{b}\"\n    url: https://e.org/{b}\n"),
        format!("tags: &t [x]\naliases: *t\ntitle: !!str A {b}\n"),
    ] {
        assert_eq!(deep(&yaml), None, "{yaml}");
        assert!(
            serde_yaml::from_str::<serde_yaml::Value>(&yaml).is_ok(),
            "{yaml}"
        );
    }
}

#[test]
fn the_diagnostic_names_file_line_key_and_limit() {
    let yaml = format!("title: T\ndate: 2026-07-05\n{}", nested(30_000));
    let d = check(Path::new("content/bomb.md"), &yaml).unwrap_err();
    assert_eq!(d.code, Code::FrontMatterLimit);
    assert_eq!((d.line, d.key.as_deref()), (4, Some("summary")));
    assert_eq!(
        d.message,
        "lists and maps are nested more than 16 levels deep"
    );
    assert!(d.hint.unwrap().contains("remove the extra"));

    let d = check(Path::new("s.md"), &format!("{}\n", "[".repeat(50))).unwrap_err();
    assert_eq!((d.line, d.key), (2, None));
}

#[test]
fn front_matter_over_the_size_limit_names_its_largest_key() {
    let title = "a".repeat(MAX_BYTES);
    let yaml = format!("date: 2026-07-05\ntitle: {title}\ncategory: AI\n");
    let d = check(Path::new("s.md"), &yaml).unwrap_err();
    assert_eq!(d.code, Code::FrontMatterLimit);
    assert_eq!((d.line, d.key.as_deref()), (3, Some("title")));
    assert_eq!(
        d.message,
        "the front-matter is 64.0 KiB, more than the limit of 64.0 KiB; \"title\" alone takes 64.0 KiB"
    );
    let just_fits = format!("title: {}\n", "a".repeat(MAX_BYTES - 8));
    assert_eq!(just_fits.len(), MAX_BYTES);
    assert_eq!(check(Path::new("s.md"), &just_fits), Ok(()));
    assert_eq!(size(50 << 20), "50.0 MiB");
    assert_eq!(size(12), "12 bytes");
}

/// A small deterministic generator (xorshift), so the test needs no extra crate and
/// fails the same way every time.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// The lexer may overcount but never undercount: for YAML-ish text built from the
/// characters that matter, whenever libyaml parses it, the lexer's depth is at least
/// the parsed value's.
#[test]
fn the_lexer_never_counts_fewer_levels_than_the_parser_finds() {
    const PIECES: &[&str] = &[
        "[", "]", "{", "}", ",", ":", ": ", "- ", "? ", "'", "\"", "''", "\\\"", "#", " #", "|",
        ">", "&a ", "*a", "!t ", "a", "b c", "\n", "\n  ", "\n    ", " ", "\t", "k:\n",
    ];
    let mut rng = Rng(0x5eed_cafe_f00d_d00d);
    let mut parsed = 0;
    for _ in 0..100_000 {
        let len = 1 + rng.next() % 24;
        let yaml: String = (0..len)
            .map(|_| PIECES[(rng.next() % PIECES.len() as u64) as usize])
            .collect();
        if let Ok(value) = serde_yaml::from_str::<serde_yaml::Value>(&yaml) {
            parsed += 1;
            let mut nesting = nesting::Nesting::default();
            let lexed = yaml.lines().map(|l| nesting.line(l.as_bytes())).max();
            assert!(
                lexed.unwrap_or(0) >= value_depth(&value),
                "undercounted {yaml:?}: lexer {lexed:?}, parser {}",
                value_depth(&value)
            );
        }
    }
    assert!(parsed > 1_000, "too few inputs parsed: {parsed}");
}

/// Alias bombs are small and shallow as written, so the limits let them through;
/// the YAML crate caps how often aliases are replayed, and front-matter's own types
/// refuse a list where text is expected before expanding anything.
#[test]
fn alias_bombs_are_capped_by_the_yaml_crate() {
    let mut yaml = String::from("l0: &l0 [x,x,x,x,x,x,x,x,x]\n");
    for i in 1..10 {
        let aliases = vec![format!("*l{}", i - 1); 9].join(",");
        yaml.push_str(&format!("l{i}: &l{i} [{aliases}]\n"));
    }
    yaml.push_str("tags: *l9\n");
    assert_eq!(check(Path::new("s.md"), &yaml), Ok(()));
    let err = serde_yaml::from_str::<serde_yaml::Value>(&yaml).unwrap_err();
    assert!(
        err.to_string().contains("repetition limit exceeded"),
        "{err}"
    );
}
