//! `[[authors]]`: the people who write the stories, each with a page of their own.
//! Resolved like the other tables of `site.toml` (every error on its line), with the
//! bio rendered from Markdown and sanitised here, once, as story bodies are.
//!
//! A site that declares no author keeps free-text bylines: any name a story writes
//! is printed as it is. Once it declares one, every byline (and the site's default
//! `author`) must name a declared author, as a category must be declared.

use serde::Deserialize;
use toml::Spanned;

use super::resolve::{Bad, line_of};
use super::{CONFIG_FILE, MarkdownOptions};
use crate::error::{Code, Diagnostic, Error, Result};
use crate::index::fold_term;
use crate::markdown::{self, Links, UrlUse, unsafe_scheme};
use crate::url::{BaseUrl, Slug};

/// One `[[authors]]` entry as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAuthor {
    name: Spanned<String>,
    slug: Option<Spanned<String>>,
    bio: Option<Spanned<String>>,
    url: Option<Spanned<String>>,
    avatar: Option<Spanned<String>>,
    #[serde(default)]
    same_as: Vec<Spanned<String>>,
    role: Option<Spanned<String>>,
}

/// A declared author.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Author {
    /// The name bylines use (matched without regard to case or spacing).
    pub name: String,
    /// The URL segment of the author's page, `/authors/<slug>/`.
    pub slug: Slug,
    /// The bio as HTML, rendered from Markdown and sanitised like story bodies.
    pub bio: Option<String>,
    /// The author's own web page (an absolute `http(s)` URL).
    pub url: Option<String>,
    /// A portrait: a site path or URL, as story images are written.
    pub avatar: Option<String>,
    /// Profiles elsewhere (absolute `http(s)` URLs), for structured data.
    pub same_as: Vec<String>,
    /// The author's job on the site ("Senior reporter").
    pub role: Option<String>,
    /// The line of `avatar` in `site.toml`, for `check`'s missing-asset warning.
    pub avatar_line: usize,
}

/// The longest name, role or profile URL, in characters (as a story's `author`).
const MAX_TEXT: usize = 500;

/// Resolves the declared authors: names and slugs unique, links safe and absolute,
/// bios rendered.
pub(super) fn resolve_authors(
    bad: &Bad,
    base_url: &BaseUrl,
    markdown: MarkdownOptions,
    authors: Vec<RawAuthor>,
) -> Result<Vec<Author>> {
    let mut resolved: Vec<(Author, usize)> = Vec::with_capacity(authors.len());
    for raw in authors {
        let name = raw.name.get_ref().trim();
        check_text(bad, &raw.name, "name")?;
        let slug = author_slug(bad, &raw.name, raw.slug.as_ref())?;
        let clash = resolved
            .iter()
            .find(|(a, _)| fold_term(&a.name) == fold_term(name) || a.slug == slug);
        if let Some((other, line)) = clash {
            return Err(bad.at(
                &raw.name,
                "name",
                format!(
                    "author \"{name}\" clashes with \"{}\" (line {line}: same name or slug)",
                    other.name
                ),
                "give each author their own name and slug",
            ));
        }
        if let Some(role) = &raw.role {
            check_text(bad, role, "role")?;
        }
        if let Some(avatar) = &raw.avatar {
            bad.image_url(avatar, "avatar")?;
        }
        for (key, link) in raw
            .url
            .iter()
            .map(|u| ("url", u))
            .chain(raw.same_as.iter().map(|u| ("same_as", u)))
        {
            web_address(bad, link, key)?;
        }
        let bio = match &raw.bio {
            Some(bio) => Some(render_bio(bad, base_url, markdown, bio)?),
            None => None,
        };
        let line = line_of(bad.text, raw.name.span().start);
        resolved.push((
            Author {
                name: name.to_owned(),
                slug,
                bio: bio.filter(|html| !html.trim().is_empty()),
                url: raw.url.map(Spanned::into_inner),
                avatar_line: raw
                    .avatar
                    .as_ref()
                    .map_or(line, |a| line_of(bad.text, a.span().start)),
                avatar: raw.avatar.map(Spanned::into_inner),
                same_as: raw.same_as.into_iter().map(Spanned::into_inner).collect(),
                role: raw.role.map(Spanned::into_inner),
            },
            line,
        ));
    }
    Ok(resolved.into_iter().map(|(a, _)| a).collect())
}

/// The site's default `author`, which must be a declared author once there are any.
pub(super) fn check_default(
    text: &str,
    authors: &[Author],
    default: Option<&Spanned<String>>,
) -> Result<()> {
    let Some(default) = default else {
        return Ok(());
    };
    if authors.is_empty() || find(authors, default.get_ref()).is_some() {
        return Ok(());
    }
    Err(Error::Config(
        Diagnostic::new(
            Code::UnknownAuthor,
            CONFIG_FILE,
            line_of(text, default.span().start),
            unknown_message(authors, default.get_ref()),
        )
        .key("author")
        .hint(UNKNOWN_HINT),
    ))
}

/// The declared author a byline names, if any: names match without regard to case
/// or runs of white space, as terms do.
pub fn find(authors: &[Author], name: &str) -> Option<usize> {
    let folded = fold_term(name);
    authors.iter().position(|a| fold_term(&a.name) == folded)
}

/// What an undeclared author is called in an error: the name and the declared ones.
pub fn unknown_message(authors: &[Author], name: &str) -> String {
    let declared: Vec<&str> = authors.iter().map(|a| a.name.as_str()).collect();
    format!(
        "unknown author \"{}\" (declared: {})",
        name.trim(),
        declared.join(", ")
    )
}

/// How to fix an undeclared author.
pub const UNKNOWN_HINT: &str =
    "use a declared author, or declare them under [[authors]] in site.toml";

/// A name or role: not blank, printable, not too long.
fn check_text(bad: &Bad, value: &Spanned<String>, key: &str) -> Result<()> {
    bad.printable(value, key)?;
    let count = value.get_ref().chars().count();
    if value.get_ref().trim().is_empty() || count > MAX_TEXT {
        return Err(bad.at(
            value,
            key,
            format!("the {key} is empty or longer than {MAX_TEXT} characters ({count})"),
            "write the author's name as bylines spell it",
        ));
    }
    Ok(())
}

fn author_slug(bad: &Bad, name: &Spanned<String>, slug: Option<&Spanned<String>>) -> Result<Slug> {
    match slug {
        Some(s) => Slug::parse(s.get_ref()).ok_or_else(|| {
            bad.at(
                s,
                "slug",
                format!("\"{}\" is not a slug", s.get_ref()),
                "use lower-case letters, digits and dashes",
            )
        }),
        None => Slug::for_term(name.get_ref()).ok_or_else(|| {
            bad.at(
                name,
                "name",
                format!(
                    "author \"{}\" has no letters to make a URL from",
                    name.get_ref()
                ),
                "add slug = \"...\"",
            )
        }),
    }
}

/// A link to the author elsewhere: an absolute `http(s)` URL, which structured data
/// (`sameAs`) needs, and never one that runs code.
fn web_address(bad: &Bad, link: &Spanned<String>, key: &str) -> Result<()> {
    bad.printable(link, key)?;
    let url = link.get_ref().trim();
    let absolute = url.starts_with("https://") || url.starts_with("http://");
    if absolute && unsafe_scheme(url, UrlUse::Link).is_none() && url.chars().count() <= 2_048 {
        return Ok(());
    }
    Err(bad.at(
        link,
        key,
        format!("\"{url}\" is not an absolute http(s) web address"),
        "write the full address, e.g. https://example.org/dana",
    ))
}

/// The bio as sanitised HTML. It is rendered before any story is read, so it may
/// not link to story files (`other.md`); a link or image that runs code, or nesting
/// past the limits, is an error on the bio's line, as in a body.
fn render_bio(
    bad: &Bad,
    base_url: &BaseUrl,
    options: MarkdownOptions,
    bio: &Spanned<String>,
) -> Result<String> {
    bad.printable(bio, "bio")?;
    let links = Links {
        base_path: base_url.path(),
        story: &|target| {
            Err(format!(
                "a bio cannot link to the story file {target}; link to the story's page (/2026/07/05/...) instead"
            ))
        },
        poster: &|path| {
            Err(format!(
                "a bio's video cannot show the poster {path}; leave poster: out"
            ))
        },
    };
    let rendered = markdown::render(bio.get_ref(), &links, options.raw_html);
    let problem = if let Some(broken) = rendered.broken_links.first() {
        Some(broken.message.clone())
    } else if let Some(embed) = rendered.bad_embeds.first() {
        Some(format!("the bio's embed block: {}", embed.message))
    } else if let Some(u) = rendered.unsafe_urls.first() {
        Some(format!(
            "the bio links to a URL that uses {}:, which runs code in readers' browsers",
            u.scheme
        ))
    } else {
        rendered.too_deep.map(|t| {
            format!(
                "the bio nests {} levels of blockquotes, lists or HTML elements; the limit is {}",
                t.depth, t.limit
            )
        })
    };
    match problem {
        Some(message) => Err(bad.at(
            bio,
            "bio",
            message,
            "a bio is a few lines of Markdown: links to web pages or site paths, no scripts",
        )),
        None => Ok(rendered.html),
    }
}
