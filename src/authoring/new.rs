//! `smartpicks new`: writes `content/<date>-<slug>.md` with front-matter in the
//! order of [`KEYS`](crate::content::frontmatter::KEYS) and a body skeleton to fill in.
//!
//! Every string is written as a JSON string, which is also a valid YAML double-quoted
//! scalar, so titles with `:`, `"`, `#` or a leading `-` cannot change the YAML's
//! meaning. Before anything is written the text goes through the content loader, so
//! `new` can never leave a story that `build` rejects.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::NewStory;
use crate::config::Config;
use crate::content::{self, CONTENT_DIR, PubDate};
use crate::error::{Diagnostics, Error, Result};
use crate::url::Slug;

/// The source a new story starts with: an absolute URL, so the story builds, that
/// plainly asks to be replaced.
const PLACEHOLDER_SOURCE_TITLE: &str = "Replace with the announcement's title";
const PLACEHOLDER_SOURCE_URL: &str = "https://example.org/replace-with-the-announcement";

/// What `check` takes as text left from the skeleton: the placeholder source and
/// the start of each paragraph of [`SKELETON`] (a test keeps the two in step).
pub(super) const PLACEHOLDERS: [&str; 4] = [
    PLACEHOLDER_SOURCE_TITLE,
    PLACEHOLDER_SOURCE_URL,
    "Replace this paragraph with the dek",
    "Replace with the details",
];

/// The body of a new story: the dek paragraph, one section, each a slot to fill.
const SKELETON: &str = "\
Replace this paragraph with the dek: what happened, who did it and why it matters, \
in one or two sentences. It becomes the summary when `summary` is empty.

## What was announced

Replace with the details, quoting the primary source listed under `sources`.
";

/// The front-matter values of a story about to be written.
pub(super) struct Fields<'a> {
    pub title: &'a str,
    /// As the writer typed it (`2026-07-05` or RFC 3339), already checked.
    pub date: &'a str,
    pub category: &'a str,
    pub parties: &'a [String],
    pub tags: &'a [String],
    pub source_title: &'a str,
    pub source_url: &'a str,
    pub draft: bool,
}

/// A YAML scalar that means exactly `text`.
fn quote(text: &str) -> String {
    serde_json::to_string(text).expect("a string serialises")
}

/// A YAML flow list of quoted items.
fn quote_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| quote(s)).collect();
    format!("[{}]", quoted.join(", "))
}

/// The whole text of a story file: front-matter in the project's key order, then `body`.
pub(super) fn story_text(f: &Fields<'_>, body: &str) -> String {
    let mut out = String::from("---\n");
    out.push_str(&format!("title: {}\n", quote(f.title)));
    // A checked date stays a plain scalar, as writers type it, unless it holds
    // anything YAML could read differently.
    let plain = f
        .date
        .chars()
        .all(|c| c.is_ascii_digit() || "-:+.TZtz".contains(c));
    let date = if plain {
        f.date.to_owned()
    } else {
        quote(f.date)
    };
    out.push_str(&format!("date: {date}\n"));
    out.push_str(&format!("category: {}\n", quote(f.category)));
    out.push_str(&format!("parties: {}\n", quote_list(f.parties)));
    out.push_str(&format!("tags: {}\n", quote_list(f.tags)));
    out.push_str("summary: \"\"  # the dek for cards and feeds; empty: the first paragraph\n");
    out.push_str("sources:\n");
    out.push_str(&format!("  - title: {}\n", quote(f.source_title)));
    out.push_str(&format!("    url: {}\n", quote(f.source_url)));
    if f.draft {
        out.push_str("draft: true\n");
    }
    out.push_str("---\n\n");
    out.push_str(body);
    out
}

/// Today's date in UTC: a plain date is read as UTC midnight, so a story dated this
/// way is never in the future, whatever the writer's time zone.
pub(super) fn today() -> jiff::civil::Date {
    jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date()
}

/// A story file named on the command line, as `hugo new` takes it.
struct NamedFile {
    /// Its path from the site folder, under `content/`.
    rel: PathBuf,
    /// The headline its name gives ("deepmind-a24" → "Deepmind a24").
    title: String,
    /// The date its name starts with, if any ("2026-07-05-...").
    date: Option<jiff::civil::Date>,
}

/// When `given` is a file path (it ends in `.md`), as `hugo new` takes: the path
/// under `content/` (written with or without that prefix), the headline its name
/// gives and the date it starts with. A path that a build would not read is
/// refused, saying why.
fn story_path(given: &str) -> Result<Option<NamedFile>> {
    let refuse = |why: &str| {
        Error::Usage(format!(
            "cannot write a story at {given}: {why}\n  \
             hint: give a headline in quotes (the file is named after it), or a path \
             such as content/2026/my-story.md"
        ))
    };
    if !given.to_ascii_lowercase().ends_with(".md") {
        return Ok(None);
    }
    // Builds read `*.md` exactly; `Story.MD` would be written and never published.
    if !given.ends_with(".md") {
        return Err(refuse("story files end in .md, in lower case"));
    }
    let relative = Path::new(given.trim_start_matches("./"));
    let inside = relative.strip_prefix(CONTENT_DIR).unwrap_or(relative);
    let mut rel = PathBuf::from(CONTENT_DIR);
    for part in inside.components() {
        match part {
            std::path::Component::Normal(name) if !content::is_ignored(name) => rel.push(name),
            std::path::Component::Normal(_) => {
                return Err(refuse(
                    "builds skip files and folders whose names start with . or _",
                ));
            }
            _ => return Err(refuse("it must be a relative path inside content/")),
        }
    }
    let stem = rel.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    // A leading date is the file's, not the headline's.
    let date = stem
        .get(..10)
        .filter(|_| stem.as_bytes().get(10) == Some(&b'-'))
        .and_then(|d| d.parse::<jiff::civil::Date>().ok());
    let words = match date {
        Some(_) => &stem[11..],
        None => stem,
    }
    .replace(['-', '_'], " ");
    let mut chars = words.trim().chars();
    let title: String = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => return Err(refuse("its name has no words to make a headline from")),
    };
    Ok(Some(NamedFile { rel, title, date }))
}

/// Writes a new story; returns its path (relative to the current folder when the
/// root is the current folder).
pub fn new_story(story: &NewStory) -> Result<PathBuf> {
    let config = Config::load(&story.root)?;
    // `hugo new content/posts/hello.md` names the file; the headline comes from it.
    let named = story_path(story.title.trim())?;
    let (title, path, named_date) = match named {
        Some(NamedFile { rel, title, date }) => (title, Some(rel), date),
        None => (story.title.trim().to_owned(), None, None),
    };
    let title = title.as_str();
    let slug = Slug::from_text(title).ok_or_else(|| {
        Error::Usage(format!(
            "the title \"{title}\" has no letters or digits to make a file name from"
        ))
    })?;
    let Some(declared) = config.category(story.category.trim()) else {
        let category = story.category.trim();
        let declared: Vec<&str> = config.categories.iter().map(|c| c.name.as_str()).collect();
        return Err(Error::Usage(format!(
            "unknown category \"{category}\" (declared: {})\n  \
             hint: pass one of them with --category, or declare it under [[categories]] in site.toml",
            if declared.is_empty() {
                "none".to_owned()
            } else {
                declared.join(", ")
            }
        )));
    };
    // Written as declared, whatever case it was typed in.
    let category = declared.name.as_str();
    let (date, day) = match &story.date {
        Some(text) => {
            let parsed = PubDate::parse(text).map_err(|m| {
                Error::Usage(format!(
                    "--date: {m}\n  hint: write a date like 2026-07-05 or 2026-07-05T09:30:00+02:00"
                ))
            })?;
            (text.trim().to_owned(), parsed.date())
        }
        // A file named `2026-07-05-...` is that day's story.
        None => {
            let day = named_date.unwrap_or_else(today);
            (day.to_string(), day)
        }
    };
    let rel = path.unwrap_or_else(|| Path::new(CONTENT_DIR).join(format!("{day}-{slug}.md")));
    let text = story_text(
        &Fields {
            title,
            date: &date,
            category,
            parties: &story.parties,
            tags: &story.tags,
            source_title: PLACEHOLDER_SOURCE_TITLE,
            source_url: PLACEHOLDER_SOURCE_URL,
            draft: story.draft,
        },
        SKELETON,
    );
    // The loader is the one judge of a valid story; asking it here keeps `new` honest.
    content::parse_story(&config, &rel, &text).map_err(|ds| Error::Content(Diagnostics(ds)))?;
    write_new(&story.root, &rel, text.as_bytes())?;
    Ok(if story.root == Path::new(".") {
        rel
    } else {
        story.root.join(rel)
    })
}

/// Creates `root/rel` with `text`, refusing to replace a file that exists. The file is
/// opened with `create_new`, so the check and the write cannot race.
pub(super) fn write_new(root: &Path, rel: &Path, bytes: &[u8]) -> Result<()> {
    let path = root.join(rel);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Error::io("cannot create", dir, e))?;
    }
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(Error::Usage(format!(
                "{} already exists; refusing to overwrite it\n  \
                 hint: choose another title or --date, or edit the existing story",
                rel.display()
            )));
        }
        Err(e) => return Err(Error::io("cannot create", &path, e)),
    };
    file.write_all(bytes)
        .map_err(|e| Error::io("cannot write", &path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_names_the_file_and_gives_the_headline() {
        let named = story_path("content/2026/hello-world.md").unwrap().unwrap();
        assert_eq!(named.rel, Path::new("content/2026/hello-world.md"));
        assert_eq!(named.title, "Hello world");
        assert_eq!(named.date, None);
        let named = story_path("posts/2026-07-05-deepmind_a24.md")
            .unwrap()
            .unwrap();
        assert_eq!(
            named.rel,
            Path::new("content/posts/2026-07-05-deepmind_a24.md")
        );
        assert_eq!(named.title, "Deepmind a24");
        assert_eq!(named.date, Some(jiff::civil::date(2026, 7, 5)));
        // Byte 10 inside a character: no date, and no panic.
        let named = story_path("ai-reporté-x.md").unwrap().unwrap();
        assert_eq!(named.title, "Ai reporté x");
        assert!(story_path("A headline").unwrap().is_none());
        for bad in [
            "content/_drafts/x.md",
            "../x.md",
            "/tmp/x.md",
            "content/.md",
            "content/Upper.MD",
        ] {
            assert!(story_path(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn every_placeholder_paragraph_of_the_skeleton_is_known_to_check() {
        for paragraph in SKELETON.split("\n\n").filter(|p| p.starts_with("Replace")) {
            assert!(
                PLACEHOLDERS.iter().any(|p| paragraph.starts_with(p)),
                "check would miss: {paragraph}"
            );
        }
        assert_eq!(SKELETON.matches("Replace").count(), 2);
    }

    fn config() -> Config {
        Config::parse(
            Path::new("."),
            "title = \"T\"\nbase_url = \"https://e.org/\"\n\
             [[categories]]\nname = \"AI Technology\"\ndescription = \"d\"\n",
        )
        .unwrap()
    }

    #[test]
    fn tricky_strings_survive_the_round_trip() {
        let title = "Hollywood: \"AI\" #1 - a 'test' \\ of: quoting\t";
        let parties = vec!["C++ Guild".to_owned(), "- dash, comma".to_owned()];
        let tags = vec!["yes".to_owned(), "null".to_owned(), "1.0".to_owned()];
        let text = story_text(
            &Fields {
                title,
                date: "2026-07-05T09:30:00+02:00",
                category: "AI Technology",
                parties: &parties,
                tags: &tags,
                source_title: "Source: \"quoted\"",
                source_url: PLACEHOLDER_SOURCE_URL,
                draft: true,
            },
            SKELETON,
        );
        let story = content::parse_story(&config(), Path::new("s.md"), &text).unwrap();
        assert_eq!(story.front.title, title.trim());
        assert_eq!(story.front.parties, parties);
        assert_eq!(story.front.tags, tags);
        assert_eq!(story.front.sources[0].title, "Source: \"quoted\"");
        assert!(story.front.draft);
        assert_eq!(story.front.summary, None);
    }

    #[test]
    fn keys_follow_the_project_order() {
        let text = story_text(
            &Fields {
                title: "T",
                date: "2026-07-05",
                category: "AI Technology",
                parties: &[],
                tags: &[],
                source_title: "s",
                source_url: PLACEHOLDER_SOURCE_URL,
                draft: true,
            },
            "",
        );
        let keys: Vec<&str> = text
            .lines()
            .filter_map(|l| l.split_once(':').map(|(k, _)| k))
            .filter(|k| crate::content::frontmatter::KEYS.contains(k))
            .collect();
        let mut sorted = keys.clone();
        sorted.sort_by_key(|k| {
            crate::content::frontmatter::KEYS
                .iter()
                .position(|x| x == k)
        });
        assert_eq!(keys, sorted);
    }
}
