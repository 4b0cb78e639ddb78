//! `site.toml`: read as [`RawConfig`] (exactly what the user wrote, unknown keys
//! rejected) and resolved into [`Config`], where every default is filled in and every
//! value has its checked type.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

mod authors;
mod images;
mod resolve;

pub use authors::{
    Author, UNKNOWN_HINT as UNKNOWN_AUTHOR_HINT, find as find_author,
    unknown_message as unknown_author,
};
pub use images::ImageSettings;

use crate::error::{Code, Diagnostic, Error, Result};
use crate::markdown::RawHtml;
use crate::url::{BaseUrl, PermalinkPattern, Slug};

/// The file name of a site's configuration.
pub const CONFIG_FILE: &str = "site.toml";

/// The publisher logo when the site names none: the default theme ships it
/// (`themes/smartpicks/static/logo.png`); with a theme that does not, set `logo`.
pub const THEME_LOGO: &str = "/logo.png";

/// The image of stories that have none, when the site names none: shipped by the
/// default theme as `static/default-image.png`; with a theme that does not, set
/// `default_image`.
pub const THEME_IMAGE: &str = "/default-image.png";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: Spanned<String>,
    base_url: Spanned<String>,
    description: Option<Spanned<String>>,
    language: Option<Spanned<String>>,
    theme: Option<Spanned<String>>,
    permalink: Option<Spanned<String>>,
    paginate_by: Option<Spanned<usize>>,
    author: Option<Spanned<String>>,
    logo: Option<Spanned<String>>,
    default_image: Option<Spanned<String>>,
    #[serde(default)]
    categories: Vec<RawCategory>,
    #[serde(default)]
    parties: Vec<RawParty>,
    #[serde(default)]
    authors: Vec<authors::RawAuthor>,
    feeds: Option<RawFeeds>,
    markdown: Option<RawMarkdown>,
    search: Option<RawSearch>,
    newsletter: Option<RawNewsletter>,
    cards: Option<RawCards>,
    images: Option<images::RawImages>,
    /// Free values for templates (`config.extra`), as in Zola.
    extra: Option<toml::Table>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCategory {
    name: Spanned<String>,
    slug: Option<Spanned<String>>,
    description: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawParty {
    name: Spanned<String>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    website: Option<Spanned<String>>,
    description: Option<String>,
    kind: Option<PartyKind>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFeeds {
    limit: Option<usize>,
    full_content: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSearch {
    enabled: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNewsletter {
    enabled: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCards {
    enabled: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMarkdown {
    raw_html: Option<RawHtml>,
}

/// The resolved site configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The folder `site.toml` is in; every other path is relative to it.
    pub root: PathBuf,
    /// The site's name, the brand on every page.
    pub title: String,
    /// Where the site is published.
    pub base_url: BaseUrl,
    /// One line about the site, for the home page and feeds.
    pub description: String,
    /// BCP 47 language tag, e.g. `en`.
    pub language: String,
    /// The theme folder's name under `themes/`.
    pub theme: String,
    /// How article URLs are made.
    pub permalink: PermalinkPattern,
    /// Stories per list page.
    pub paginate_by: usize,
    /// The author of stories that name none (a declared author, once the site
    /// declares any).
    pub author: Option<String>,
    /// The publisher's logo (site path or URL), for structured data; the theme's
    /// [`THEME_LOGO`] unless the site names one.
    pub logo: String,
    /// The image of stories that name none (site path or URL), for structured data;
    /// the theme's [`THEME_IMAGE`] unless the site names one.
    pub default_image: String,
    /// The declared categories, in the order the site lists them.
    pub categories: Vec<Category>,
    /// Parties described by the site: display name, aliases, links.
    pub parties: Vec<PartyInfo>,
    /// The declared authors (`[[authors]]`), in the order the site lists them; none
    /// means bylines are free text.
    pub authors: Vec<Author>,
    /// How feeds are made.
    pub feeds: FeedOptions,
    /// How story bodies are rendered.
    pub markdown: MarkdownOptions,
    /// Whether the site has a search page and index (`[search] enabled`, default on).
    pub search: bool,
    /// Whether each weekly digest gets an email edition beside it
    /// (`[newsletter] enabled`, default on).
    pub newsletter: bool,
    /// Whether stories without an image and the site get social cards
    /// (`[cards] enabled`, default on).
    pub cards: bool,
    /// How story pictures are processed (`[images]`).
    pub images: ImageSettings,
    /// `[extra]`: values of the site's own for its templates (analytics snippets,
    /// social handles), given to them as `config.extra`; a JSON object, empty when
    /// the table is absent.
    pub extra: serde_json::Value,
}

/// Markdown settings (`[markdown]`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MarkdownOptions {
    /// What happens to raw HTML in story bodies (default: sanitised).
    pub raw_html: RawHtml,
}

/// A declared category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    /// Its name as writers spell it in front-matter.
    pub name: String,
    /// Its URL segment.
    pub slug: Slug,
    /// The one-line description shown on its page.
    pub description: String,
}

/// Whether a party is an organisation or a person (for structured data).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum PartyKind {
    /// A company, lab, guild, festival or public body.
    #[default]
    Organization,
    /// A named individual.
    Person,
}

/// What the site knows about a party beyond its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartyInfo {
    /// The display name.
    pub name: String,
    /// Other spellings that mean the same party.
    pub aliases: Vec<String>,
    /// Its official website.
    pub website: Option<String>,
    /// One line about it.
    pub description: Option<String>,
    /// Organisation or person.
    pub kind: PartyKind,
}

/// Feed settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedOptions {
    /// Entries per feed.
    pub limit: usize,
    /// Whole stories (true) or summaries (false).
    pub full_content: bool,
}

impl Config {
    /// Reads and resolves `site.toml` in `root`.
    pub fn load(root: &Path) -> Result<Config> {
        let path = root.join(CONFIG_FILE);
        let text = std::fs::read_to_string(&path).map_err(|e| {
            Error::Config(
                Diagnostic::new(
                    Code::InvalidConfig,
                    &path,
                    0,
                    format!("cannot read the site configuration: {e}"),
                )
                .hint("run smartpicks in the folder that holds site.toml, or pass --root DIR"),
            )
        })?;
        Config::parse(root, &text)
    }

    /// Resolves configuration text; `root` is where the site lives.
    pub fn parse(root: &Path, text: &str) -> Result<Config> {
        let file = PathBuf::from(CONFIG_FILE);
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1)
                .unwrap_or(0);
            let message = plain_words(e.message().trim());
            let hint = if message.contains("unknown field") {
                "remove or rename the key; the keys site.toml takes are listed in README.md"
            } else {
                "check the value's type and quoting against README.md"
            };
            Error::Config(Diagnostic::new(Code::InvalidConfig, &file, line, message).hint(hint))
        })?;
        resolve::resolve(root, raw, text)
    }

    /// The declared category with this name, if any.
    /// Case and spacing do not matter, as for parties and tags: "ai  technology"
    /// is "AI Technology".
    pub fn category(&self, name: &str) -> Option<&Category> {
        self.category_position(name).map(|i| &self.categories[i])
    }

    /// The position of the declared category with this name, if any (case and
    /// spacing do not matter).
    pub fn category_position(&self, name: &str) -> Option<usize> {
        let wanted = crate::index::fold_term(name);
        self.categories
            .iter()
            .position(|c| crate::index::fold_term(&c.name) == wanted)
    }
}

/// serde's type words in a TOML message, said the way a writer reads them:
/// `invalid type: string "ten", expected usize` becomes `invalid type: the text
/// "ten", expected a whole number`.
fn plain_words(message: &str) -> String {
    const WORDS: [(&str, &str); 14] = [
        ("expected usize", "expected a whole number (0 or more)"),
        ("expected u8", "expected a whole number (0 to 255)"),
        ("expected u16", "expected a whole number (0 to 65535)"),
        ("expected u32", "expected a whole number (0 or more)"),
        ("expected u64", "expected a whole number (0 or more)"),
        ("expected i32", "expected a whole number"),
        ("expected i64", "expected a whole number"),
        ("expected f32", "expected a number"),
        ("expected f64", "expected a number"),
        ("expected a boolean", "expected true or false"),
        ("expected a string", "expected text in quotes"),
        ("invalid type: string", "invalid type: the text"),
        ("invalid type: integer", "invalid type: the number"),
        ("invalid value: integer", "invalid value:"),
    ];
    let mut text = message.to_owned();
    for (jargon, plain) in WORDS {
        text = text.replace(jargon, plain);
    }
    // Numbers are quoted in backticks (`-3`); writers see them bare.
    text.replace('`', "")
}

#[cfg(test)]
mod tests {

    use super::*;

    const MINIMAL: &str = "title = \"T\"\nbase_url = \"https://example.org/picks\"\n";

    #[test]
    fn extra_reaches_templates_as_json() {
        let text = format!(
            "{MINIMAL}[extra]\nhandle = \"@picks\"\nwhen = 2026-07-05\nids = [1, 2]\n[extra.social]\nmastodon = \"@p@e.org\"\n"
        );
        let c = Config::parse(Path::new("."), &text).unwrap();
        assert_eq!(
            c.extra,
            serde_json::json!({
                "handle": "@picks",
                "when": "2026-07-05",
                "ids": [1, 2],
                "social": { "mastodon": "@p@e.org" }
            })
        );
        let bare = Config::parse(Path::new("."), MINIMAL).unwrap();
        assert_eq!(bare.extra, serde_json::json!({}));
    }

    #[test]
    fn type_errors_are_in_plain_words() {
        for (setting, plain) in [
            ("paginate_by = -3", "expected a whole number (0 or more)"),
            ("paginate_by = \"ten\"", "the text \"ten\""),
        ] {
            let text = format!("{MINIMAL}{setting}\n");
            let message = Config::parse(Path::new("."), &text)
                .unwrap_err()
                .to_string();
            assert!(message.contains(plain), "{message}");
            assert!(
                !message.contains("usize") && !message.contains('`'),
                "{message}"
            );
        }
    }

    #[test]
    fn defaults_fill_in() {
        let c = Config::parse(Path::new("."), MINIMAL).unwrap();
        assert_eq!(c.paginate_by, 10);
        assert_eq!(c.theme, "smartpicks");
        assert_eq!(c.base_url.path(), "/picks/");
        assert_eq!(c.feeds.limit, 20);
        assert_eq!(c.logo, THEME_LOGO);
        assert_eq!(c.default_image, THEME_IMAGE);
        assert_eq!(c.markdown.raw_html, RawHtml::Sanitize);
    }

    #[test]
    fn raw_html_can_be_trusted_and_nothing_else() {
        let text = format!("{MINIMAL}[markdown]\nraw_html = \"trusted\"\n");
        let c = Config::parse(Path::new("."), &text).unwrap();
        assert_eq!(c.markdown.raw_html, RawHtml::Trusted);
        let text = format!("{MINIMAL}[markdown]\nraw_html = \"yes\"\n");
        let err = Config::parse(Path::new("."), &text)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("site.toml:4:"), "{err}");
        assert!(err.contains("sanitize") && err.contains("trusted"), "{err}");
    }

    #[test]
    fn a_theme_is_a_folder_name_under_themes() {
        for theme in ["../shared", "/srv/themes/x", "a/b", ".hidden", ""] {
            let text = format!("{MINIMAL}theme = \"{theme}\"\n");
            let err = Config::parse(Path::new("."), &text)
                .unwrap_err()
                .to_string();
            assert!(err.starts_with("site.toml:3:"), "{theme}: {err}");
            assert!(
                err.contains("not the name of a folder under themes/"),
                "{err}"
            );
        }
        let text = format!("{MINIMAL}theme = \"paper-2\"\n");
        assert_eq!(
            Config::parse(Path::new("."), &text).unwrap().theme,
            "paper-2"
        );
    }

    #[test]
    fn unknown_key_names_line() {
        let text = format!("{MINIMAL}colour = \"red\"\n");
        let err = Config::parse(Path::new("."), &text)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("site.toml:3:"), "{err}");
        assert!(err.contains("colour"), "{err}");
    }

    #[test]
    fn category_slugs_are_derived_and_unique() {
        let text = format!(
            "{MINIMAL}[[categories]]\nname = \"Studios & Deals\"\ndescription = \"d\"\n\
             [[categories]]\nname = \"Studios and Deals\"\ndescription = \"d\"\n"
        );
        let err = Config::parse(Path::new("."), &text)
            .unwrap_err()
            .to_string();
        assert!(err.contains("clashes"), "{err}");
    }
}
