//! Themes are data: Tera templates under `themes/<name>/templates/` and assets under
//! `themes/<name>/static/`. A site's own `templates/` and `static/` override them file
//! by file, as Zola users expect.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::config::Config;
use crate::error::{Code, Diagnostic, Error, Result};
use crate::media::{MediaStore, card::CardFonts};

/// The template of the search page, which a theme must provide while search is on.
pub const SEARCH_TEMPLATE: &str = "search.html";

/// The templates every theme must provide.
pub const REQUIRED: &[&str] = &[
    "article.html",
    "index.html",
    "taxonomy_list.html",
    "term.html",
    "year.html",
    "month.html",
    "archive.html",
    "digest.html",
    "digest_index.html",
    "corrections.html",
    "404.html",
];

/// A loaded theme: parsed templates and the folders its assets come from.
pub struct Theme {
    /// Every template, parsed.
    pub tera: tera::Tera,
    /// Asset folders, theme first, so the site's files win when copied in order
    /// (either may not exist).
    pub static_dirs: Vec<PathBuf>,
    /// Each template's file relative to the site root (the site's own
    /// `templates/x.html` when it overrides the theme's), so `build` and `check`
    /// name the file a writer would open.
    pub files: std::collections::BTreeMap<String, PathBuf>,
    /// A hash of every template's name and text and of the card fonts: what
    /// pages read of the theme.
    pub digest: u128,
    /// The fonts social cards are set in (`fonts/` of the theme and the site).
    pub card_fonts: CardFonts,
    /// Where drawn cards are kept between builds; [`MediaStore::disabled`] for
    /// `--no-cache` and `check`.
    pub media: MediaStore,
    /// Whether cards are drawn; `check` only lays them out and parses them.
    pub draw_cards: bool,
}

impl Theme {
    /// The file behind a template name, as the site sees it; the name itself when
    /// the template is unknown.
    pub fn file_of(&self, name: &str) -> PathBuf {
        self.files
            .get(name)
            .cloned()
            .unwrap_or_else(|| PathBuf::from(name))
    }
}

impl Theme {
    /// Loads the configured theme and the site's overrides.
    pub fn load(config: &Config) -> Result<Theme> {
        let theme_dir = config.root.join("themes").join(&config.theme);
        if !theme_dir.is_dir() {
            let available: Vec<String> = std::fs::read_dir(config.root.join("themes"))
                .map(|rd| {
                    let mut v: Vec<String> = rd
                        .filter_map(|e| e.ok())
                        .filter(|e| e.path().is_dir())
                        .map(|e| e.file_name().to_string_lossy().into_owned())
                        .collect();
                    v.sort();
                    v
                })
                .unwrap_or_default();
            let hint = if available.is_empty() {
                "add the theme under themes/, or set theme in site.toml".to_owned()
            } else {
                format!("set theme in site.toml to one of: {}", available.join(", "))
            };
            return Err(Error::Theme(
                Diagnostic::new(
                    Code::ThemeError,
                    "site.toml",
                    0,
                    format!(
                        "theme \"{}\" not found: {} does not exist",
                        config.theme,
                        rel(config, &theme_dir).display()
                    ),
                )
                .key("theme")
                .hint(hint),
            ));
        }
        let mut sources: Vec<(String, PathBuf)> = Vec::new();
        for dir in [theme_dir.join("templates"), config.root.join("templates")] {
            for (name, path) in files_under(&dir)? {
                sources.retain(|(n, _)| *n != name);
                sources.push((name, path));
            }
        }
        for (required, hint) in required(config) {
            if !sources.iter().any(|(n, _)| n == required) {
                return Err(Error::Theme(
                    Diagnostic::new(
                        Code::ThemeError,
                        rel(config, &theme_dir.join("templates")),
                        0,
                        format!("template \"{required}\" is missing"),
                    )
                    .hint(hint),
                ));
            }
        }
        let mut texts = Vec::with_capacity(sources.len());
        for (name, path) in &sources {
            let text = std::fs::read_to_string(path)
                .map_err(|e| Error::io("cannot read template", path, e))?;
            texts.push((name.clone(), text));
        }
        let mut digest = xxhash_rust::xxh3::Xxh3::new();
        for (name, text) in &texts {
            digest.update(name.as_bytes());
            digest.update(&[0]);
            digest.update(text.as_bytes());
            digest.update(&[0]);
        }
        let card_fonts = CardFonts::load(
            &config.root,
            &[theme_dir.join("fonts"), config.root.join("fonts")],
        )?;
        digest.update(&card_fonts.digest.to_le_bytes());
        let mut tera = tera::Tera::new();
        // Card templates are SVG: values are escaped like HTML's, so a headline
        // cannot add elements.
        tera.autoescape_on(vec![".html", ".htm", ".xml", ".svg"]);
        super::cards::declare(&mut tera);
        tera.add_raw_templates(texts.iter().map(|(n, t)| (n.as_str(), t.as_str())))
            .map_err(|e| {
                let (name, line, message) = describe(&e);
                let file = sources.iter().find(|(n, _)| *n == name).map_or_else(
                    || PathBuf::from(&name),
                    |(_, p)| rel(config, p).to_path_buf(),
                );
                Error::Theme(
                    Diagnostic::new(Code::ThemeError, file, line, message)
                        .hint("fix the template syntax; see docs/templates.md"),
                )
            })?;
        // Both, even when one does not exist yet: `serve` keeps the theme while
        // a writer creates `static/` and puts the first file in it.
        let static_dirs = vec![theme_dir.join("static"), config.root.join("static")];
        let files = sources
            .iter()
            .map(|(name, path)| (name.clone(), rel(config, path).to_path_buf()))
            .collect();
        Ok(Theme {
            tera,
            static_dirs,
            files,
            digest: digest.digest128(),
            card_fonts,
            media: MediaStore::open(&config.root),
            draw_cards: true,
        })
    }
}

/// The templates this site's theme must have, each with the hint shown when it is
/// missing: [`REQUIRED`], and those of the features `site.toml` has on.
fn required(config: &Config) -> Vec<(&'static str, &'static str)> {
    const ADD: &str = "add it to the theme's templates/ folder or to the site's templates/ folder";
    let mut list: Vec<(&str, &str)> = REQUIRED.iter().map(|&t| (t, ADD)).collect();
    if config.cards {
        for card in [
            super::kinds::card::STORY_TEMPLATE,
            super::kinds::card::SITE_TEMPLATE,
        ] {
            list.push((
                card,
                "add it to the theme's templates/ folder or to the site's templates/ folder \
                 (the default theme has templates/cards/story.svg and site.svg), or turn \
                 social cards off with [cards] enabled = false in site.toml",
            ));
        }
    }
    if config.search {
        list.push((
            SEARCH_TEMPLATE,
            "add it to the theme's templates/ folder or to the site's templates/ folder \
             (the default theme has one, with static/search.js), or turn search off \
             with [search] enabled = false in site.toml",
        ));
    }
    if config.newsletter {
        let email = [
            super::kinds::email::HTML_TEMPLATE,
            super::kinds::email::TEXT_TEMPLATE,
        ];
        list.extend(email.map(|t| {
            (
                t,
                "add it to the theme's templates/ folder or to the site's templates/ folder \
                 (the default theme has email.html and email.txt), or turn the weekly email \
                 editions off with [newsletter] enabled = false in site.toml",
            )
        }));
    }
    list
}

fn rel<'a>(config: &Config, path: &'a Path) -> &'a Path {
    path.strip_prefix(&config.root).unwrap_or(path)
}

/// Files under `dir` as (name relative to `dir` with `/` separators, path), sorted.
pub fn files_under(dir: &Path) -> Result<Vec<(String, PathBuf)>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::io("cannot read", dir, e.into()))?;
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if entry.file_type().is_file() && !hidden {
            let name = entry
                .path()
                .strip_prefix(dir)
                .unwrap_or(entry.path())
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            out.push((name, entry.path().to_path_buf()));
        }
    }
    Ok(out)
}

/// The template name, line and message of a Tera error.
pub fn describe(e: &tera::Error) -> (String, usize, String) {
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => (
            r.filename().to_owned(),
            r.span().start_line,
            r.message().to_owned(),
        ),
        tera::ErrorKind::MissingParent { current, parent } => (
            current.clone(),
            0,
            format!("extends \"{parent}\", which does not exist"),
        ),
        tera::ErrorKind::CircularExtend { tpl, .. } => (tpl.clone(), 0, e.to_string()),
        tera::ErrorKind::TemplateNotFound(name) => (name.clone(), 0, e.to_string()),
        _ => {
            let mut message = e.to_string();
            let mut source = std::error::Error::source(e);
            while let Some(s) = source {
                message.push_str(": ");
                message.push_str(&s.to_string());
                source = s.source();
            }
            (String::new(), 0, message)
        }
    }
}
