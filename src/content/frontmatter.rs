//! Front-matter: the YAML block between `---` lines at the top of a story. Parsed into
//! [`RawFrontMatter`] (exactly what the writer typed, unknown keys rejected), then
//! checked into [`FrontMatter`]. Every problem becomes a [`Diagnostic`] whose line is a
//! line of the story file, not of the YAML block.

use std::path::Path;

use serde::Deserialize;

use super::date::PubDate;
use crate::config::Config;
use crate::error::{Code, Diagnostic};
use crate::url::Slug;

mod check;
pub mod limits;

/// The keys a story may set, in the order `smartpicks new` writes them.
pub const KEYS: &[&str] = &[
    "title",
    "date",
    "updated",
    "category",
    "parties",
    "tags",
    "summary",
    "sources",
    "author",
    "image",
    "image_alt",
    "slug",
    "featured",
    "draft",
    "aliases",
];

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawFrontMatter {
    title: Option<String>,
    date: Option<String>,
    updated: Option<String>,
    category: Option<String>,
    parties: Option<Vec<String>>,
    tags: Option<Vec<String>>,
    summary: Option<String>,
    sources: Option<Vec<RawSource>>,
    author: Option<String>,
    image: Option<String>,
    image_alt: Option<String>,
    slug: Option<String>,
    featured: Option<bool>,
    draft: Option<bool>,
    aliases: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    title: String,
    url: String,
}

/// A primary source a story is based on.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SourceLink {
    /// What the link is, e.g. "Google DeepMind's announcement".
    pub title: String,
    /// The absolute URL.
    pub url: String,
}

/// Checked front-matter: required keys present, dates valid, category declared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatter {
    /// The headline.
    pub title: String,
    /// When it was published.
    pub date: PubDate,
    /// When it was last changed, if it was.
    pub updated: Option<PubDate>,
    /// The index of its category in [`Config::categories`].
    pub category: usize,
    /// Who the story is about, as written.
    pub parties: Vec<String>,
    /// Topic tags, as written.
    pub tags: Vec<String>,
    /// The dek, if the writer gave one.
    pub summary: Option<String>,
    /// Primary sources.
    pub sources: Vec<SourceLink>,
    /// Byline.
    pub author: Option<String>,
    /// Lead image URL or site path.
    pub image: Option<String>,
    /// The lead image's alternative text.
    pub image_alt: Option<String>,
    /// A slug that replaces the one made from the title.
    pub slug: Option<Slug>,
    /// An editor's pick.
    pub featured: bool,
    /// Left out of builds unless drafts are asked for.
    pub draft: bool,
    /// Old paths that should redirect to this story.
    pub aliases: Vec<String>,
    /// The file lines of the keys a URL comes from (`slug`, else `title`) and of
    /// `aliases`, so clashes found later still point at a line.
    pub lines: UrlLines,
}

/// File lines of the front-matter keys that decide a story's URLs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct UrlLines {
    /// The key the URL comes from: `slug`, or `title` when there is no slug.
    pub url_key: &'static str,
    /// The line of that key.
    pub url: usize,
    /// The line of `aliases` (1 when absent).
    pub aliases: usize,
}

/// A story file split into its front-matter and body.
pub struct Split<'a> {
    /// The YAML text.
    pub yaml: &'a str,
    /// The Markdown body.
    pub body: &'a str,
    /// The file line the body starts on (1-based).
    pub body_line: usize,
}

/// Splits a story into front-matter and body, or says what is wrong with the fences.
pub fn split<'a>(file: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(
            Diagnostic::new(Code::EmptyFile, file, 1, "the file is empty").hint(
                "start it with front-matter between --- lines, e.g. `smartpicks new \"Title\"`",
            ),
        );
    }
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or_default();
    if first.trim_end() != "---" {
        return Err(Diagnostic::new(
            Code::NoFrontMatter,
            file,
            1,
            "the file does not start with front-matter",
        )
        .hint("put the story's YAML front-matter between two --- lines at the very top"));
    }
    let yaml_start = first.len();
    let mut offset = yaml_start;
    for (i, line) in lines.enumerate() {
        if line.trim_end() == "---" {
            let body_start = offset + line.len();
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                body: &text[body_start..],
                body_line: i + 3,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::new(
        Code::UnclosedFrontMatter,
        file,
        1,
        "the front-matter opened here is never closed",
    )
    .hint("add a line with only --- after the last front-matter key"))
}

/// Parses and checks a front-matter block; all problems found are returned.
pub fn parse(file: &Path, yaml: &str, config: &Config) -> Result<FrontMatter, Vec<Diagnostic>> {
    let raw = deserialize(file, yaml).map_err(|d| vec![d])?;
    check::check(file, yaml, raw, config)
}

fn deserialize(file: &Path, yaml: &str) -> Result<RawFrontMatter, Diagnostic> {
    if yaml.trim().is_empty() {
        return Ok(RawFrontMatter::default());
    }
    limits::check(file, yaml)?;
    let de = serde_yaml::Deserializer::from_str(yaml);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let message = inner.to_string();
        let message = message.split(" at line ").next().unwrap_or(&message);
        // serde_yaml starts with the key path, which the diagnostic shows as its key.
        let message = message
            .strip_prefix(&format!("{path}: "))
            .unwrap_or(message)
            .to_owned();
        let unknown = message
            .strip_prefix("unknown field `")
            .and_then(|m| m.split('`').next())
            .map(str::to_owned);
        let key = unknown
            .clone()
            .unwrap_or_else(|| path.split(['.', '[']).next().unwrap_or_default().to_owned());
        let line = inner
            .location()
            .map(|l| l.line() + 1)
            .unwrap_or_else(|| check::key_line(yaml, &key));
        let (message, hint) = match &unknown {
            Some(k) => (
                format!("unknown key \"{k}\""),
                format!(
                    "remove it or fix its spelling; the keys are: {}",
                    KEYS.join(", ")
                ),
            ),
            None => (message, check::hint_for(&key).to_owned()),
        };
        let code = if unknown.is_some() {
            Code::UnknownKey
        } else if message.starts_with("invalid type: ") || message.starts_with("invalid value: ") {
            Code::InvalidType
        } else {
            Code::InvalidYaml
        };
        let column = inner.location().map_or(0, |l| l.column());
        let d = Diagnostic::new(code, file, line, message)
            .hint(hint)
            .column(column);
        if key.is_empty() || key == "." || key == "?" {
            d
        } else {
            d.key(key)
        }
    })
}

#[cfg(test)]
mod tests {
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
        let e = errors(
            "---\ntitle: T\ndate: 2026-07-05\ncategory: AI Technology\nparties: {a: 1}\n---\n",
        );
        assert!(e[0].starts_with("s.md:5: parties: "), "{e:?}");
    }

    #[test]
    fn impossible_date_and_unknown_category() {
        let e = errors("---\ntitle: T\ndate: 2026-02-30\ncategory: AI Tech\nparties: []\n---\n");
        assert_eq!(e.len(), 2, "{e:?}");
        assert!(e[0].starts_with("s.md:3: date: "), "{e:?}");
        assert!(
            e[1].contains(
                "s.md:4: category: unknown category \"AI Tech\" (declared: AI Technology)"
            ),
            "{e:?}"
        );
    }

    #[test]
    fn fences_are_checked() {
        assert!(errors("")[0].contains("empty"));
        assert!(errors("title: x\n")[0].contains("does not start with front-matter"));
        assert!(errors("---\ntitle: x\n")[0].contains("never closed"));
        assert!(errors("---\ntitle: [x\n---\n")[0].starts_with("s.md:"));
    }
}
