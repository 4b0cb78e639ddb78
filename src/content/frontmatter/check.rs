//! Checking raw front-matter into [`FrontMatter`]: required keys, dates, the
//! category, slugs, sources and aliases. Every problem found is reported, each on
//! the line of its key.

use std::path::Path;

use super::{FrontMatter, RawFrontMatter, SourceLink, UrlLines};
use crate::config::Config;
use crate::content::date::PubDate;
use crate::error::{Code, Diagnostic};
use crate::url::Slug;

/// The file line of each top-level key in the YAML block.
pub(super) fn key_line(yaml: &str, key: &str) -> usize {
    yaml.lines()
        .position(|l| {
            l.strip_prefix(key)
                .is_some_and(|r| r.trim_start().starts_with(':'))
        })
        .map_or(1, |i| i + 2)
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
        "featured" | "draft" => "write true or false",
        "aliases" => "write a list of old paths, e.g. aliases: [/old/path/]",
        "slug" => "use lower-case letters, digits and dashes, e.g. slug: deepmind-a24",
        _ => "quote text values that contain a colon or start with a special character",
    }
}

pub(super) fn check(
    file: &Path,
    yaml: &str,
    raw: RawFrontMatter,
    config: &Config,
) -> Result<FrontMatter, Vec<Diagnostic>> {
    let RawFrontMatter {
        title,
        date,
        updated,
        category,
        parties,
        tags,
        summary,
        sources,
        author,
        image,
        image_alt,
        slug,
        featured,
        draft,
        aliases,
    } = raw;
    let mut errors = Vec::new();
    let mut err = |key: &str, message: String, hint: String| {
        let code = if message.starts_with("required key") {
            Code::MissingKey
        } else {
            match key {
                "title" => Code::EmptyTitle,
                "date" | "updated" => Code::InvalidDate,
                "category" => Code::UnknownCategory,
                "slug" => Code::InvalidSlug,
                "sources" => Code::InvalidSource,
                "aliases" => Code::InvalidAlias,
                _ => Code::InvalidValue,
            }
        };
        errors.push(
            Diagnostic::new(code, file, key_line(yaml, key), message)
                .key(key)
                .hint(hint),
        );
    };
    let missing = |key: &str| {
        (
            format!("required key \"{key}\" is missing"),
            hint_for(key).to_owned(),
        )
    };

    let title = match title.map(|t| t.trim().to_owned()) {
        Some(t) if !t.is_empty() => Some(t),
        Some(_) => {
            err(
                "title",
                "the title is empty".into(),
                hint_for("title").into(),
            );
            None
        }
        None => {
            let (m, h) = missing("title");
            err("title", m, h);
            None
        }
    };
    let mut parse_date = |key: &str, value: Option<String>, required: bool| match value {
        Some(v) => PubDate::parse(&v)
            .map_err(|m| err(key, m, hint_for(key).into()))
            .ok(),
        None => {
            if required {
                let (m, h) = missing(key);
                err(key, m, h);
            }
            None
        }
    };
    let date = parse_date("date", date, true);
    let updated = parse_date("updated", updated, false);
    let category = match category {
        Some(name) => {
            let found = config.categories.iter().position(|c| c.name == name.trim());
            if found.is_none() {
                let declared: Vec<&str> =
                    config.categories.iter().map(|c| c.name.as_str()).collect();
                let message = if declared.is_empty() {
                    format!("unknown category \"{name}\" (site.toml declares none)")
                } else {
                    format!(
                        "unknown category \"{name}\" (declared: {})",
                        declared.join(", ")
                    )
                };
                err(
                    "category",
                    message,
                    "use a declared category, or declare it under [[categories]] in site.toml"
                        .into(),
                );
            }
            found
        }
        None => {
            let (m, h) = missing("category");
            err("category", m, h);
            None
        }
    };
    if parties.is_none() {
        let (m, h) = missing("parties");
        err("parties", m, h);
    }
    let slug = slug.and_then(|s| {
        let parsed = Slug::parse(&s);
        if parsed.is_none() {
            err(
                "slug",
                format!("\"{s}\" is not a slug"),
                hint_for("slug").into(),
            );
        }
        parsed
    });
    let sources: Vec<SourceLink> = sources
        .unwrap_or_default()
        .into_iter()
        .map(|s| SourceLink {
            title: s.title.trim().to_owned(),
            url: s.url.trim().to_owned(),
        })
        .collect();
    for s in &sources {
        if !(s.url.starts_with("https://") || s.url.starts_with("http://")) {
            err(
                "sources",
                format!("source url \"{}\" is not an absolute http(s) URL", s.url),
                hint_for("sources").into(),
            );
        }
    }
    let aliases = aliases.unwrap_or_default();
    for a in &aliases {
        if crate::url::Permalink::from_site_path(a).is_none() {
            err(
                "aliases",
                format!("alias \"{a}\" must be a site path starting with /"),
                hint_for("aliases").into(),
            );
        }
    }
    let clean = |list: Option<Vec<String>>| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for item in list.unwrap_or_default() {
            let item = item.split_whitespace().collect::<Vec<_>>().join(" ");
            if !item.is_empty() && !out.contains(&item) {
                out.push(item);
            }
        }
        out
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let (Some(title), Some(date), Some(category)) = (title, date, category) else {
        unreachable!("each missing required key pushed an error")
    };
    Ok(FrontMatter {
        title,
        date,
        updated,
        category,
        parties: clean(parties),
        tags: clean(tags),
        summary: summary
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty()),
        sources,
        author,
        image,
        image_alt,
        lines: UrlLines {
            url_key: if slug.is_some() { "slug" } else { "title" },
            url: key_line(yaml, if slug.is_some() { "slug" } else { "title" }),
            aliases: key_line(yaml, "aliases"),
        },
        slug,
        featured: featured.unwrap_or(false),
        draft: draft.unwrap_or(false),
        aliases,
    })
}
