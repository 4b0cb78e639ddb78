//! The one module that owns URLs: slugs, permalinks and joining them onto the site's
//! base URL (which may carry a sub-path such as `https://example.org/picks/`).
//! Nothing else in the crate formats a link.

use std::fmt;
use std::path::PathBuf;

use serde::Serialize;

/// The longest slug: well under the 255 bytes most file systems allow in a name,
/// leaving room for the `-2` suffixes that keep colliding names apart.
pub const MAX_SLUG_BYTES: usize = 200;

/// The longest alias a writer may give, in bytes.
pub const MAX_ALIAS_BYTES: usize = 1024;

/// The longest path segment a file system takes.
pub const MAX_SEGMENT_BYTES: usize = 255;

/// How a character is named in a message: visible ones quoted, the rest by code point.
fn describe_char(c: char) -> String {
    if c.is_control() || c.is_whitespace() {
        format!("the character U+{:04X}", c as u32)
    } else {
        format!("\"{c}\"")
    }
}

/// A URL-safe, lower-case ASCII path segment such as `societe-generale`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Slug(String);

impl Slug {
    /// Transliterates `text` to ASCII and slugifies it; `None` when nothing is left.
    /// Slugs made from long text are cut at a word boundary to [`MAX_SLUG_BYTES`],
    /// so a headline can never make a path segment the file system refuses (255
    /// bytes), however much transliteration lengthens it.
    pub fn from_text(text: &str) -> Option<Slug> {
        let mut slug = slug::slugify(text);
        if slug.len() > MAX_SLUG_BYTES {
            let cut = slug[..=MAX_SLUG_BYTES].rfind('-').unwrap_or(MAX_SLUG_BYTES);
            slug.truncate(cut);
            while slug.ends_with('-') {
                slug.pop();
            }
        }
        (!slug.is_empty()).then_some(Slug(slug))
    }

    /// Like [`Slug::from_text`], but spells out the symbols that make term names
    /// distinct ("C++" and "C#" must not both become `c`).
    pub fn for_term(name: &str) -> Option<Slug> {
        let mut spelled = String::with_capacity(name.len() + 8);
        for c in name.chars() {
            match c {
                '+' => spelled.push_str(" plus "),
                '#' => spelled.push_str(" sharp "),
                '&' => spelled.push_str(" and "),
                '@' => spelled.push_str(" at "),
                c => spelled.push(c),
            }
        }
        Slug::from_text(&spelled)
    }

    /// Accepts a slug a writer typed, if it is already in slug form and at most
    /// [`MAX_SLUG_BYTES`] long.
    pub fn parse(text: &str) -> Option<Slug> {
        let ok = !text.is_empty()
            && text.len() <= MAX_SLUG_BYTES
            && text
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !text.starts_with('-')
            && !text.ends_with('-');
        ok.then(|| Slug(text.to_owned()))
    }

    /// This slug with a numeric suffix, used to keep colliding names apart.
    pub fn with_suffix(&self, n: usize) -> Slug {
        Slug(format!("{}-{n}", self.0))
    }

    /// The slug text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A path inside the site, relative to the base URL: `/2026/07/05/story/`, `/feed.xml`.
/// Always starts with `/`; a folder path ends with `/` and is written as `index.html`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Permalink(String);

impl Permalink {
    /// The site's root, `/`.
    pub fn root() -> Permalink {
        Permalink("/".to_owned())
    }

    /// A folder path made of segments: `["tags", "ai"]` gives `/tags/ai/`.
    pub fn folder<S: AsRef<str>>(segments: &[S]) -> Permalink {
        let mut path = String::from("/");
        for s in segments {
            path.push_str(s.as_ref());
            path.push('/');
        }
        Permalink(path)
    }

    /// A file path: `/feed.xml`, `/tags/ai/feed.xml`.
    pub fn file(path: &str) -> Permalink {
        debug_assert!(path.starts_with('/') && !path.ends_with('/'));
        Permalink(path.to_owned())
    }

    /// A path a writer typed (`/old/path/` or `/old.html`), normalised; `None` if it
    /// tries to leave the site.
    pub fn from_site_path(path: &str) -> Option<Permalink> {
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        if !path.starts_with('/')
            || segments
                .iter()
                .any(|s| *s == "." || *s == ".." || s.contains('\\'))
        {
            return None;
        }
        // A last segment without an extension is a folder, as Hugo and Zola read
        // aliases: `/old-story` becomes `/old-story/index.html`, which hosts serve as
        // a page rather than as a download.
        let folder = segments.last().is_none_or(|last| !last.contains('.'));
        if path.ends_with('/') || folder {
            Some(Permalink::folder(&segments))
        } else {
            Some(Permalink(format!("/{}", segments.join("/"))))
        }
    }

    /// An alias a writer typed, checked strictly: it becomes a file on any static
    /// host, so it must be an absolute site path of plain segments (no spaces,
    /// controls, `?`, `#`, `%`, `\\`, `.`/`..` segments or dotfiles such as
    /// `/.htaccess`, no segment over 255 bytes). Aliases that land on a generated file
    /// (`/feed.xml`, `/_redirects`) are caught with every other clash by the route table.
    pub fn parse_alias(path: &str) -> Result<Permalink, String> {
        if !path.starts_with('/') {
            return Err(format!(
                "alias \"{path}\" must be a site path starting with /"
            ));
        }
        if path.len() > MAX_ALIAS_BYTES {
            return Err(format!(
                "alias is {} bytes long; the limit is {MAX_ALIAS_BYTES}",
                path.len()
            ));
        }
        if let Some(c) = path
            .chars()
            .find(|c| c.is_whitespace() || c.is_control() || matches!(c, '?' | '#' | '\\' | '%'))
        {
            return Err(format!(
                "alias \"{}\" contains {}, which a static host cannot serve as a file name",
                path.escape_debug(),
                describe_char(c)
            ));
        }
        for segment in path.split('/').filter(|s| !s.is_empty()) {
            if segment.starts_with('.') {
                return Err(format!(
                    "alias \"{path}\" has the segment \"{segment}\": dot-segments and hidden files (such as .htaccess) are not allowed"
                ));
            }
            if segment.len() > MAX_SEGMENT_BYTES {
                return Err(format!(
                    "alias \"{path}\" has a segment of {} bytes; file systems take at most {MAX_SEGMENT_BYTES}",
                    segment.len()
                ));
            }
        }
        Permalink::from_site_path(path)
            .ok_or_else(|| format!("alias \"{path}\" must be a site path starting with /"))
    }

    /// The path text, without the base URL.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A folder below this folder: `/tags/ai/` and `["page", "2"]` give `/tags/ai/page/2/`.
    pub fn child<S: AsRef<str>>(&self, segments: &[S]) -> Permalink {
        debug_assert!(self.0.ends_with('/'));
        let mut path = self.0.clone();
        for s in segments {
            path.push_str(s.as_ref());
            path.push('/');
        }
        Permalink(path)
    }

    /// Joins a file name onto a folder path: `/tags/ai/` + `feed.xml`.
    pub fn join_file(&self, name: &str) -> Permalink {
        Permalink(format!("{}{name}", self.0))
    }

    /// Where this page is written, relative to the output folder.
    pub fn output_file(&self) -> PathBuf {
        let rel = self.0.trim_start_matches('/');
        if self.0.ends_with('/') {
            PathBuf::from(rel).join("index.html")
        } else {
            PathBuf::from(rel)
        }
    }
}

impl fmt::Display for Permalink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The site's public address: an origin (`https://example.org`) and a base path (`/picks/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    origin: String,
    path: String,
}

impl BaseUrl {
    /// Parses `https://example.org/picks` or `http://127.0.0.1:1111/`.
    pub fn parse(url: &str) -> Result<BaseUrl, String> {
        let url = url.trim();
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))
            .ok_or_else(|| format!("\"{url}\" must start with https:// or http://"))?;
        let (host, path) = match rest.find('/') {
            Some(i) => rest.split_at(i),
            None => (rest, "/"),
        };
        if host.is_empty() || host.contains(['?', '#', ' ']) {
            return Err(format!("\"{url}\" has no valid host"));
        }
        if path.contains(['?', '#', ' ']) {
            return Err(format!(
                "\"{url}\" may not have a query, fragment or spaces"
            ));
        }
        let scheme_len = url.len() - rest.len();
        let mut path = path.to_owned();
        if !path.ends_with('/') {
            path.push('/');
        }
        Ok(BaseUrl {
            origin: format!("{}{host}", &url[..scheme_len]),
            path,
        })
    }

    /// The origin, `https://example.org`, without a trailing slash.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The base path, `/` or `/picks/`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// A link usable from any page of the site: `/picks/2026/07/05/story/`.
    pub fn href(&self, link: &Permalink) -> String {
        format!("{}{}", self.path, &link.as_str()[1..])
    }

    /// The absolute URL, for canonical links, feeds and sitemaps.
    pub fn absolute(&self, link: &Permalink) -> String {
        format!("{}{}", self.origin, self.href(link))
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.origin, self.path)
    }
}

/// The pattern an article's URL is made from, e.g. `/:year/:month/:day/:slug/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PermalinkPattern {
    segments: Vec<Segment>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Literal(String),
    Year,
    Month,
    Day,
    Slug,
    Category,
    FileName,
}

/// The values a [`PermalinkPattern`] is filled with.
pub struct PermalinkParts<'a> {
    /// Publication year, month and day as the story states them.
    pub date: jiff::civil::Date,
    /// The story's slug.
    pub slug: &'a Slug,
    /// The slug of the story's category.
    pub category: &'a Slug,
    /// The source file's name without `.md`, slugified (Hugo's and Zola's default).
    pub file_name: &'a Slug,
}

impl PermalinkPattern {
    /// Parses a pattern; it must contain `:slug` and only known placeholders.
    pub fn parse(pattern: &str) -> Result<PermalinkPattern, String> {
        if !pattern.starts_with('/') || !pattern.ends_with('/') {
            return Err(format!("\"{pattern}\" must start and end with /"));
        }
        let mut segments = Vec::new();
        for part in pattern.split('/').filter(|p| !p.is_empty()) {
            segments.push(match part {
                ":year" => Segment::Year,
                ":month" => Segment::Month,
                ":day" => Segment::Day,
                ":slug" => Segment::Slug,
                ":category" => Segment::Category,
                ":filename" => Segment::FileName,
                "." | ".." => return Err(format!("\"{pattern}\" may not contain . or .. segments")),
                p if p.contains('\\') => return Err(format!("\"{pattern}\" may not contain \\")),
                p if p.starts_with(':') => {
                    return Err(format!(
                        "unknown placeholder \"{p}\" (known: :year, :month, :day, :slug, :category, :filename)"
                    ));
                }
                p => Segment::Literal(p.to_owned()),
            });
        }
        if !segments.contains(&Segment::Slug) && !segments.contains(&Segment::FileName) {
            return Err(format!("\"{pattern}\" must contain :slug or :filename"));
        }
        Ok(PermalinkPattern { segments })
    }

    /// The permalink of one story.
    pub fn apply(&self, parts: &PermalinkParts<'_>) -> Permalink {
        let segs: Vec<String> = self
            .segments
            .iter()
            .map(|s| match s {
                Segment::Literal(l) => l.clone(),
                Segment::Year => format!("{:04}", parts.date.year()),
                Segment::Month => format!("{:02}", parts.date.month()),
                Segment::Day => format!("{:02}", parts.date.day()),
                Segment::Slug => parts.slug.to_string(),
                Segment::Category => parts.category.to_string(),
                Segment::FileName => parts.file_name.to_string(),
            })
            .collect();
        Permalink::folder(&segs)
    }
}

#[cfg(test)]
mod tests;
