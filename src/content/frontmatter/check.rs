//! Checking raw front-matter into [`FrontMatter`]: required keys, lengths, characters,
//! dates, the category, slugs, sources and aliases. Every problem found is reported,
//! each on the line of the key (or list item) it is about, with its own code.

mod corrections;

use std::path::Path;

use super::positions::{KeyPath, Positions};
use super::{FrontMatter, RawFrontMatter, RawSource, SourceLink, UrlLines};
use crate::config::Config;
use crate::content::date::PubDate;
use crate::error::{Code, Diagnostic};
use crate::url::{MAX_SLUG_BYTES, Permalink, Slug};

mod byline;

/// The longest value of each kind a story may hold, in characters. Values past these
/// are mistakes (a pasted article in a title) and would bloat every page that lists
/// the story; they are documented in the README.
pub mod max_chars {
    /// `title`.
    pub const TITLE: usize = 300;
    /// `summary`.
    pub const SUMMARY: usize = 2_000;
    /// One party, tag or the category.
    pub const NAME: usize = 100;
    /// `author`, `image_alt`, a source's title.
    pub const TEXT: usize = 500;
    /// `image`, a source's URL.
    pub const URL: usize = 2_048;
    /// A correction's text.
    pub const CORRECTION: usize = 2_000;
    /// Items in `parties`, `tags`, `sources`, `aliases` or `corrections`.
    pub const ITEMS: usize = 100;
}

pub(super) fn hint_for(key: &str) -> &'static str {
    match key {
        "title" => "write the headline in quotes: title: \"...\"",
        "date" | "updated" => "write a date like 2026-07-05 or 2026-07-05T09:30:00+02:00",
        "category" => "use one of the categories declared in site.toml",
        "parties" => "write a list, e.g. parties: [Google DeepMind, A24] (or [] for none)",
        "tags" => "write a list, e.g. tags: [research, generative video]",
        "sources" => {
            "write a list of {title, url}, e.g.\n    sources:\n      - title: \"The announcement\"\n        url: \"https://example.org/news\""
        }
        "corrections" => {
            "write a list of {date, text}, e.g.\n    corrections:\n      - date: 2026-07-07\n        text: \"An earlier version misstated the size of the investment.\""
        }
        "featured" | "draft" => "write true or false",
        "aliases" => "write a list of old paths, e.g. aliases: [/old/path/]",
        "slug" => "use lower-case letters, digits and dashes, e.g. slug: deepmind-a24",
        "authors" => {
            "write a list, e.g. authors: [Dana Okafor, Lena Brandt] (or author: Dana Okafor for one)"
        }
        _ => "quote text values that contain a colon or start with a special character",
    }
}

/// Collects the problems of one block, each placed by the parser's positions.
struct Findings<'a> {
    file: &'a Path,
    positions: &'a Positions,
    errors: Vec<Diagnostic>,
}

impl Findings<'_> {
    fn at(&mut self, code: Code, path: KeyPath, key: &str, message: String, hint: &str) {
        let at = self.positions.of(&path);
        self.errors.push(
            Diagnostic::new(code, self.file, at.line, message)
                .column(at.column)
                .key(key)
                .hint(hint),
        );
    }

    fn key(&mut self, code: Code, key: &str, message: String) {
        self.at(code, KeyPath::key(key), key, message, hint_for(key));
    }

    /// Reports a missing required key, unless it was written but could not be
    /// decoded (that already has its own error).
    fn missing_unless(&mut self, undecoded: &[String], key: &str) {
        if undecoded.iter().any(|k| k == key) {
            return;
        }
        self.key(
            Code::MissingKey,
            key,
            format!("required key \"{key}\" is missing"),
        );
    }

    /// Checks one text value for length and for characters no page or feed may
    /// carry; `None` when it fails.
    fn text(&mut self, path: KeyPath, key: &str, value: String, max: usize) -> Option<String> {
        let count = value.chars().count();
        if count > max {
            self.at(
                Code::InvalidValue,
                path,
                key,
                format!("the value is {count} characters long; the limit is {max}"),
                "shorten it; the limits are listed in README.md",
            );
            return None;
        }
        if let Some((i, c)) = value
            .char_indices()
            .find(|(_, c)| crate::content::is_forbidden_char(*c))
        {
            let column = value[..i].chars().count() + 1;
            self.at(
                Code::InvalidValue,
                path,
                key,
                format!(
                    "the value holds the control character U+{:04X} (character {column}), which feeds, sitemaps and pages cannot carry",
                    c as u32
                ),
                "delete the invisible character (retype the text around it), or write it out in words",
            );
            return None;
        }
        Some(value)
    }

    /// Checks every item of a list (names, aliases) and the list's length.
    fn list(&mut self, key: &str, list: Option<Vec<String>>, max: usize) -> Vec<String> {
        let list = list.unwrap_or_default();
        if list.len() > max_chars::ITEMS {
            self.key(
                Code::InvalidValue,
                key,
                format!(
                    "the list has {} items; the limit is {}",
                    list.len(),
                    max_chars::ITEMS
                ),
            );
            return Vec::new();
        }
        list.into_iter()
            .enumerate()
            .filter_map(|(i, item)| self.text(KeyPath::item(key, i), key, item, max))
            .collect()
    }

    /// The headline: present, not blank, within its limits.
    fn title(&mut self, undecoded: &[String], title: Option<String>) -> Option<String> {
        match title {
            None => {
                self.missing_unless(undecoded, "title");
                None
            }
            Some(t) if t.trim().is_empty() => {
                self.key(Code::EmptyTitle, "title", "the title is empty".into());
                None
            }
            Some(t) => self.text(
                KeyPath::key("title"),
                "title",
                t.trim().to_owned(),
                max_chars::TITLE,
            ),
        }
    }

    /// Whether the lead image's URL is safe: it lands in `<img src>`, `og:image` and
    /// JSON-LD, so it may not run code.
    fn safe_image(&mut self, url: &str) -> bool {
        let scheme = crate::markdown::unsafe_scheme(url, crate::markdown::UrlUse::Image);
        if let Some(scheme) = scheme {
            self.key(
                Code::UnsafeUrl,
                "image",
                format!("the image URL uses {scheme}:, which can run code in readers' browsers"),
            );
        }
        scheme.is_none()
    }

    /// A slug the writer typed, if it is one.
    fn slug(&mut self, s: &str) -> Option<Slug> {
        let parsed = Slug::parse(s);
        if parsed.is_none() {
            let message = if s.len() > MAX_SLUG_BYTES {
                format!(
                    "the slug is {} bytes long; the limit is {MAX_SLUG_BYTES}",
                    s.len()
                )
            } else {
                format!("\"{s}\" is not a slug")
            };
            self.key(Code::InvalidSlug, "slug", message);
        }
        parsed
    }

    /// The old paths to redirect, each a strict site path.
    fn aliases(&mut self, aliases: Option<Vec<String>>) -> Vec<String> {
        let aliases = self.list("aliases", aliases, usize::MAX);
        for (i, a) in aliases.iter().enumerate() {
            if let Err(message) = Permalink::parse_alias(a) {
                let hint = hint_for("aliases");
                self.at(
                    Code::InvalidAlias,
                    KeyPath::item("aliases", i),
                    "aliases",
                    message,
                    hint,
                );
            }
        }
        aliases
    }
}

pub(super) fn check(
    file: &Path,
    positions: &Positions,
    raw: RawFrontMatter,
    undecoded: &[String],
    config: &Config,
) -> Result<FrontMatter, Vec<Diagnostic>> {
    let RawFrontMatter {
        title,
        date,
        updated,
        corrections,
        category,
        parties,
        tags,
        summary,
        sources,
        author,
        authors,
        image,
        image_alt,
        slug,
        featured,
        draft,
        aliases,
    } = raw;
    let mut f = Findings {
        file,
        positions,
        errors: Vec::new(),
    };
    let text = |f: &mut Findings, key: &str, value: Option<String>, max: usize| {
        value.and_then(|v| f.text(KeyPath::key(key), key, v, max))
    };
    let title = f.title(undecoded, title);
    let date = dates(&mut f, undecoded, date, updated);
    let corrections = corrections::check(&mut f, corrections, date.as_ref().map(|(d, _)| d));
    if category.is_none() {
        f.missing_unless(undecoded, "category");
    }
    let category = text(&mut f, "category", category, max_chars::NAME);
    let category = category.and_then(|name| category_index(&mut f, config, &name));
    if parties.is_none() {
        f.missing_unless(undecoded, "parties");
    }
    let parties = f.list("parties", parties, max_chars::NAME);
    let tags = f.list("tags", tags, max_chars::NAME);
    let summary = text(&mut f, "summary", summary, max_chars::SUMMARY);
    let authors = byline::authors(&mut f, config, author, authors);
    let image = text(&mut f, "image", image, max_chars::URL).filter(|url| f.safe_image(url));
    let image_alt = text(&mut f, "image_alt", image_alt, max_chars::TEXT);
    let slug = text(&mut f, "slug", slug, max_chars::URL).and_then(|s| f.slug(&s));
    let sources = check_sources(&mut f, sources.unwrap_or_default());
    let aliases = f.aliases(aliases);
    if !f.errors.is_empty() {
        return Err(f.errors);
    }
    // A required key of the wrong type was reported by the decoder (it is in
    // `undecoded`), so nothing is added here.
    let (Some(title), Some((date, updated)), Some(category)) = (title, date, category) else {
        return Err(f.errors);
    };
    let url_key = if slug.is_some() { "slug" } else { "title" };
    Ok(FrontMatter {
        title,
        date,
        updated,
        corrections,
        category,
        parties: clean(parties),
        tags: clean(tags),
        summary: summary
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty()),
        sources,
        authors,
        image,
        image_alt,
        lines: UrlLines {
            url_key,
            url: positions.line(url_key),
            aliases: positions.line("aliases"),
        },
        positions: positions.clone(),
        slug,
        featured: featured.unwrap_or(false),
        draft: draft.unwrap_or(false),
        aliases,
    })
}

/// `date` (required) and `updated` (optional, never before `date`); `None` when
/// either is wrong (the error is reported).
fn dates(
    f: &mut Findings,
    undecoded: &[String],
    date: Option<String>,
    updated: Option<String>,
) -> Option<(PubDate, Option<PubDate>)> {
    let parse = |f: &mut Findings, key: &str, value: String| {
        let value = f.text(KeyPath::key(key), key, value, 64)?;
        PubDate::parse(&value)
            .map_err(|m| f.key(Code::InvalidDate, key, m))
            .ok()
    };
    let Some(date) = date else {
        f.missing_unless(undecoded, "date");
        return None;
    };
    let date = parse(f, "date", date);
    let updated = match updated {
        Some(u) => Some(parse(f, "updated", u)?),
        None => None,
    };
    let date = date?;
    if let Some(u) = updated.filter(|u| u.timestamp < date.timestamp) {
        f.key(
            Code::InvalidDate,
            "updated",
            format!(
                "updated ({}) is earlier than date ({})",
                u.rfc3339(),
                date.rfc3339()
            ),
        );
        return None;
    }
    Some((date, updated))
}

/// The index of the declared category the story names.
fn category_index(f: &mut Findings, config: &Config, name: &str) -> Option<usize> {
    let found = config.category_position(name);
    if found.is_none() {
        let declared: Vec<&str> = config.categories.iter().map(|c| c.name.as_str()).collect();
        let message = if declared.is_empty() {
            format!("unknown category \"{name}\" (site.toml declares none)")
        } else {
            format!(
                "unknown category \"{name}\" (declared: {})",
                declared.join(", ")
            )
        };
        let hint = "use a declared category, or declare it under [[categories]] in site.toml";
        f.at(
            Code::UnknownCategory,
            KeyPath::key("category"),
            "category",
            message,
            hint,
        );
    }
    found
}

fn check_sources(f: &mut Findings, sources: Vec<RawSource>) -> Vec<SourceLink> {
    if sources.len() > max_chars::ITEMS {
        f.key(
            Code::InvalidValue,
            "sources",
            format!(
                "the story lists {} sources; the limit is {}",
                sources.len(),
                max_chars::ITEMS
            ),
        );
        return Vec::new();
    }
    let mut out = Vec::with_capacity(sources.len());
    for (i, s) in sources.into_iter().enumerate() {
        let title = f.text(
            KeyPath::field("sources", i, "title"),
            "sources",
            s.title,
            max_chars::TEXT,
        );
        let url = f.text(
            KeyPath::field("sources", i, "url"),
            "sources",
            s.url,
            max_chars::URL,
        );
        let (Some(title), Some(url)) = (title, url) else {
            continue;
        };
        let url = url.trim().to_owned();
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            f.at(
                Code::InvalidSource,
                KeyPath::field("sources", i, "url"),
                "sources",
                format!("source url \"{url}\" is not an absolute http(s) URL"),
                hint_for("sources"),
            );
            continue;
        }
        out.push(SourceLink {
            title: title.trim().to_owned(),
            url,
        });
    }
    out
}

/// Names with runs of white space collapsed, empty and repeated ones dropped.
fn clean(list: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in list {
        let item = item.split_whitespace().collect::<Vec<_>>().join(" ");
        if !item.is_empty() && !out.contains(&item) {
            out.push(item);
        }
    }
    out
}
