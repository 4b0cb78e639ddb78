//! Resolving what `site.toml` says ([`RawConfig`]) into [`Config`]: defaults filled
//! in, values checked, each error placed on its line by `toml::Spanned`.

use std::path::Path;

use toml::Spanned;

use super::{
    CONFIG_FILE, Category, Config, FeedOptions, MarkdownOptions, PartyInfo, RawCategory, RawConfig,
    RawParty, THEME_IMAGE, THEME_LOGO, authors,
};
use crate::error::{Code, Diagnostic, Error, Result};
use crate::markdown::{UrlUse, unsafe_scheme};
use crate::url::{BaseUrl, PermalinkPattern, Slug};

/// The 1-based line of a byte offset in the configuration text.
pub(super) fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// A configuration error on the line where `span` begins, about `key`.
pub(super) struct Bad<'a> {
    pub(super) text: &'a str,
}

impl Bad<'_> {
    pub(super) fn at<T>(
        &self,
        value: &Spanned<T>,
        key: &str,
        message: String,
        hint: &str,
    ) -> Error {
        Error::Config(
            Diagnostic::new(
                Code::InvalidConfig,
                CONFIG_FILE,
                line_of(self.text, value.span().start),
                message,
            )
            .key(key)
            .hint(hint),
        )
    }

    /// A BCP 47 language tag as pages (`<html lang>`) and feeds carry it: letters
    /// and digits in subtags of 1 to 8, joined by `-`, starting with a language.
    fn language_tag(&self, value: &Spanned<String>) -> Result<()> {
        let tag = value.get_ref();
        let mut subtags = tag.split('-');
        let language = subtags.next().unwrap_or_default();
        let well_formed = (2..=8).contains(&language.len())
            && language.bytes().all(|b| b.is_ascii_alphabetic())
            && subtags.all(|s| {
                (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric())
            });
        if well_formed {
            return Ok(());
        }
        Err(self.at(
            value,
            "language",
            format!("\"{}\" is not a language tag", tag.escape_debug()),
            "write a BCP 47 tag such as en, en-GB or fr-CA",
        ))
    }

    /// An image the site names for every page (logo, default image): printable, and
    /// no URL that runs code, since it reaches `og:image` and structured data.
    pub(super) fn image_url(&self, value: &Spanned<String>, key: &str) -> Result<()> {
        self.printable(value, key)?;
        match unsafe_scheme(value.get_ref(), UrlUse::Image) {
            Some(scheme) => Err(self.at(
                value,
                key,
                format!(
                    "\"{}\" uses {scheme}:, which can run code in readers' browsers",
                    value.get_ref()
                ),
                "give a site path such as /logo.png, or an https:// address",
            )),
            None => Ok(()),
        }
    }

    /// Text the site prints on every page and in every feed must not hold
    /// characters those formats cannot carry.
    pub(super) fn printable(&self, value: &Spanned<String>, key: &str) -> Result<()> {
        match value.get_ref().chars().find(|c| crate::content::is_forbidden_char(*c)) {
            Some(c) => Err(self.at(
                value,
                key,
                format!(
                    "the value holds the control character U+{:04X}, which feeds and pages cannot carry",
                    c as u32
                ),
                "delete the invisible character",
            )),
            None => Ok(()),
        }
    }
}

pub(super) fn resolve(root: &Path, raw: RawConfig, text: &str) -> Result<Config> {
    let RawConfig {
        title,
        base_url,
        description,
        language,
        theme,
        permalink,
        paginate_by,
        author,
        logo,
        default_image,
        categories,
        parties,
        authors,
        feeds,
        markdown,
        search,
        newsletter,
        cards,
        images,
        extra,
    } = raw;
    let bad = Bad { text };
    bad.printable(&title, "title")?;
    if let Some(a) = &author {
        bad.printable(a, "author")?;
    }
    if let Some(l) = &language {
        bad.language_tag(l)?;
    }
    for (key, url) in [("logo", &logo), ("default_image", &default_image)] {
        if let Some(url) = url {
            bad.image_url(url, key)?;
        }
    }
    if let Some(d) = &description {
        bad.printable(d, "description")?;
    }
    // A theme is a folder of `themes/`, by its name: never a path out of it, which
    // nothing else (the build cache's list of what a build reads) would follow.
    if let Some(t) = &theme {
        let name = t.get_ref();
        let plain = !name.is_empty() && !name.starts_with('.') && !name.contains(['/', '\\', ':']);
        if !plain {
            return Err(bad.at(
                t,
                "theme",
                format!("\"{name}\" is not the name of a folder under themes/"),
                "put the theme in themes/<name>/ and write theme = \"<name>\"",
            ));
        }
    }
    let base_url = BaseUrl::parse(base_url.get_ref()).map_err(|m| {
        bad.at(
            &base_url,
            "base_url",
            m,
            "write it like https://example.org/ or https://example.org/picks/",
        )
    })?;
    let permalink = match permalink {
        Some(p) => PermalinkPattern::parse(p.get_ref()).map_err(|m| {
            bad.at(
                &p,
                "permalink",
                m,
                "the default is \"/:year/:month/:day/:slug/\"",
            )
        })?,
        None => PermalinkPattern::parse("/:year/:month/:day/:slug/").expect("the default parses"),
    };
    let paginate_by = match paginate_by {
        Some(p) if *p.get_ref() == 0 => {
            return Err(bad.at(
                &p,
                "paginate_by",
                "must be at least 1".into(),
                "the default is 10",
            ));
        }
        Some(p) => p.into_inner(),
        None => 10,
    };
    let categories = resolve_categories(&bad, categories)?;
    let parties = resolve_parties(&bad, parties)?;
    let markdown = MarkdownOptions {
        raw_html: markdown.and_then(|m| m.raw_html).unwrap_or_default(),
    };
    let authors = authors::resolve_authors(&bad, &base_url, markdown, authors)?;
    authors::check_default(text, &authors, author.as_ref())?;
    let feeds = feeds.map_or(
        FeedOptions {
            limit: 20,
            full_content: false,
        },
        |f| FeedOptions {
            limit: f.limit.unwrap_or(20),
            full_content: f.full_content.unwrap_or(false),
        },
    );
    Ok(Config {
        root: root.to_path_buf(),
        title: title.into_inner(),
        base_url,
        description: description.map(Spanned::into_inner).unwrap_or_default(),
        language: language.map_or_else(|| "en".into(), Spanned::into_inner),
        theme: theme.map_or_else(|| "smartpicks".into(), Spanned::into_inner),
        permalink,
        paginate_by,
        author: author.map(Spanned::into_inner),
        logo: logo.map_or_else(|| THEME_LOGO.into(), Spanned::into_inner),
        default_image: default_image.map_or_else(|| THEME_IMAGE.into(), Spanned::into_inner),
        categories,
        parties,
        authors,
        feeds,
        markdown,
        search: search.and_then(|s| s.enabled).unwrap_or(true),
        newsletter: newsletter.and_then(|n| n.enabled).unwrap_or(true),
        cards: cards.and_then(|c| c.enabled).unwrap_or(true),
        images: super::images::resolve(&bad, images)?,
        extra: json_of(toml::Value::Table(extra.unwrap_or_default())),
    })
}

/// A TOML value as JSON for templates: dates and times as the text they were
/// written in (serde would give them as an internal wrapper object).
fn json_of(value: toml::Value) -> serde_json::Value {
    use serde_json::Value as Json;
    match value {
        toml::Value::String(s) => Json::String(s),
        toml::Value::Integer(i) => Json::from(i),
        toml::Value::Float(f) => Json::from(f),
        toml::Value::Boolean(b) => Json::Bool(b),
        toml::Value::Datetime(d) => Json::String(d.to_string()),
        toml::Value::Array(items) => Json::Array(items.into_iter().map(json_of).collect()),
        toml::Value::Table(table) => {
            Json::Object(table.into_iter().map(|(k, v)| (k, json_of(v))).collect())
        }
    }
}

fn resolve_categories(bad: &Bad, categories: Vec<RawCategory>) -> Result<Vec<Category>> {
    let mut resolved: Vec<Category> = Vec::with_capacity(categories.len());
    for RawCategory {
        name,
        slug,
        description,
    } in categories
    {
        bad.printable(&name, "name")?;
        let slug = match &slug {
            Some(s) => Slug::parse(s.get_ref()).ok_or_else(|| {
                bad.at(
                    s,
                    "slug",
                    format!("\"{}\" is not a slug", s.get_ref()),
                    "use lower-case letters, digits and dashes",
                )
            })?,
            None => Slug::for_term(name.get_ref()).ok_or_else(|| {
                bad.at(
                    &name,
                    "name",
                    format!(
                        "category \"{}\" has no letters to make a URL from",
                        name.get_ref()
                    ),
                    "add slug = \"...\"",
                )
            })?,
        };
        if let Some(prev) = resolved
            .iter()
            .find(|c| c.name == *name.get_ref() || c.slug == slug)
        {
            return Err(bad.at(
                &name,
                "name",
                format!(
                    "category \"{}\" clashes with \"{}\" (same name or slug)",
                    name.get_ref(),
                    prev.name
                ),
                "give each category its own name and slug",
            ));
        }
        resolved.push(Category {
            name: name.into_inner(),
            slug,
            description,
        });
    }
    Ok(resolved)
}

/// The declared parties. A name may mean only one party: a party named like another
/// party's alias (or two parties sharing an alias) is an error naming both lines.
fn resolve_parties(bad: &Bad, parties: Vec<RawParty>) -> Result<Vec<PartyInfo>> {
    // Every spelling, folded as terms are folded, with the party it belongs to.
    let mut spellings: Vec<(String, &Spanned<String>, &Spanned<String>)> = Vec::new();
    for p in &parties {
        bad.printable(&p.name, "name")?;
        if let Some(website) = &p.website
            && let Some(scheme) = unsafe_scheme(website.get_ref(), UrlUse::Link)
        {
            return Err(bad.at(
                website,
                "website",
                format!(
                    "website \"{}\" uses {scheme}:, which runs code in the reader's browser",
                    website.get_ref()
                ),
                "write the party's web address, e.g. https://example.org/",
            ));
        }
        for spelling in std::iter::once(&p.name).chain(&p.aliases) {
            bad.printable(spelling, "aliases")?;
            let folded = crate::index::fold_term(spelling.get_ref());
            let other = spellings
                .iter()
                .find(|(f, _, owner)| *f == folded && owner.get_ref() != p.name.get_ref());
            if let Some((_, first, owner)) = other {
                let (what, key) = if std::ptr::eq(spelling, &p.name) {
                    ("party", "name")
                } else {
                    ("alias", "aliases")
                };
                return Err(bad.at(
                    spelling,
                    key,
                    format!(
                        "{what} \"{}\" is already a spelling of party \"{}\" (line {})",
                        spelling.get_ref(),
                        owner.get_ref(),
                        line_of(bad.text, first.span().start)
                    ),
                    "a name may mean only one party: remove the alias, or merge the two parties",
                ));
            }
            spellings.push((folded, spelling, &p.name));
        }
    }
    Ok(parties
        .into_iter()
        .map(|p| PartyInfo {
            name: p.name.into_inner(),
            aliases: p.aliases.into_iter().map(Spanned::into_inner).collect(),
            website: p.website.map(Spanned::into_inner),
            description: p.description,
            kind: p.kind.unwrap_or_default(),
        })
        .collect())
}
