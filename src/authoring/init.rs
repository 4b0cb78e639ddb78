//! `smartpicks init DIR`: a new site that builds at once: `site.toml` with the six
//! Smart Picks categories, one story dated today, and the default theme.
//!
//! Every file comes from the binary itself (`include_bytes!` of `themes/smartpicks/`
//! and of `starter/`), so `init` works anywhere, not only inside this repository. A
//! unit test keeps the embedded theme equal to the files on disk.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use super::new::{Fields, story_text, today, write_new};
use crate::config::CONFIG_FILE;
use crate::content::CONTENT_DIR;
use crate::error::{Error, Result};
use crate::url::Slug;

/// The default theme's files, as (path inside `themes/smartpicks/`, contents).
/// Adding a file to the theme means adding its path here; the drift test says so.
macro_rules! theme_files {
    ($($path:literal),* $(,)?) => {
        &[$((
            $path,
            include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/smartpicks/", $path)),
        )),*]
    };
}

/// The theme `init` installs, by name.
const THEME: &str = "smartpicks";

/// The default theme, embedded.
pub(super) const THEME_FILES: &[(&str, &[u8])] = theme_files![
    // The social cards' fonts (5.4 MB): a new site draws its cards at once.
    "fonts/DejaVuSans-Bold.ttf",
    "fonts/DroidSansFallbackFull.ttf",
    "fonts/LICENSE-DejaVu.txt",
    "fonts/LICENSE-DroidSansFallback.txt",
    "fonts/LICENSE-NotoEmoji.txt",
    "fonts/NotoEmoji-Regular.ttf",
    "static/default-image.png",
    "static/embed.js",
    "static/favicon.svg",
    "static/logo.png",
    "static/search.js",
    "static/style.css",
    "templates/404.html",
    "templates/archive.html",
    "templates/article.html",
    "templates/base.html",
    "templates/cards/site.svg",
    "templates/cards/story.svg",
    "templates/corrections.html",
    "templates/digest.html",
    "templates/digest_index.html",
    "templates/email.html",
    "templates/email.txt",
    "templates/index.html",
    "templates/month.html",
    "templates/partials/card.html",
    "templates/partials/components.html",
    "templates/search.html",
    "templates/taxonomy_list.html",
    "templates/term.html",
    "templates/year.html",
];

/// The new site's configuration.
const STARTER_CONFIG: &str = include_str!("starter/site.toml");

/// The body of the new site's first story.
const WELCOME_BODY: &str = include_str!("starter/welcome.md");
const WELCOME_TITLE: &str = "Welcome to your Smart Picks site";

/// Creates a new site in `dir`, which must be absent or empty; with `force`, a
/// folder holding other files too, as long as none of the site's files is there
/// already (nothing is replaced, and nothing is written if one is).
pub fn init(dir: &Path, force: bool) -> Result<()> {
    if !force && dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(|e| Error::io("cannot read", dir, e))?;
        if entries.next().is_some() {
            return Err(Error::Usage(format!(
                "{} is not empty; refusing to create a site there\n  \
                 hint: pass a new folder or an empty one, or --force to add the site's \
                 files beside what is there (none is replaced)",
                shown(dir)
            )));
        }
    }
    let files = starter_files();
    if let Some((taken, _)) = files.iter().find(|(rel, _)| dir.join(rel).exists()) {
        return Err(Error::Usage(format!(
            "{} already exists in {}; refusing to replace it\n  \
             hint: move it away first, or create the site in another folder",
            taken.display(),
            shown(dir)
        )));
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io("cannot create", dir, e))?;
    for (rel, bytes) in &files {
        write_new(dir, rel, bytes)?;
    }
    ignore_outputs(dir)
}

/// The output and the build cache are made from the sources: not for git. A folder
/// that has a `.gitignore` already (a repository made on a forge) keeps it, with
/// the two lines added if it lacks them.
fn ignore_outputs(dir: &Path) -> Result<()> {
    const IGNORED: [&str; 2] = ["/public/", "/.smartpicks/"];
    let path = dir.join(".gitignore");
    let mut text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(Error::io("cannot read", &path, e)),
    };
    let missing: Vec<&str> = IGNORED
        .into_iter()
        .filter(|line| !text.lines().any(|l| l.trim() == *line))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    for line in missing {
        text.push_str(line);
        text.push('\n');
    }
    std::fs::write(&path, text).map_err(|e| Error::io("cannot write", &path, e))
}

/// How a folder is named in messages (`.` reads as "the current folder").
fn shown(dir: &Path) -> String {
    if dir == Path::new(".") {
        "the current folder".to_owned()
    } else {
        dir.display().to_string()
    }
}

/// Every file a new site starts with, by its path in the site.
fn starter_files() -> Vec<(PathBuf, Cow<'static, [u8]>)> {
    let mut files: Vec<(PathBuf, Cow<'static, [u8]>)> =
        vec![(PathBuf::from(CONFIG_FILE), STARTER_CONFIG.as_bytes().into())];
    let theme = Path::new("themes").join(THEME);
    files.extend(
        THEME_FILES
            .iter()
            .map(|(rel, bytes)| (theme.join(rel), Cow::Borrowed(*bytes))),
    );
    let day = today();
    let slug = Slug::from_text(WELCOME_TITLE).expect("the title has letters");
    let text = story_text(
        &Fields {
            title: WELCOME_TITLE,
            date: &day.to_string(),
            category: "AI Technology",
            parties: &[],
            tags: &["getting started".to_owned()],
            source_title: "The smartpicks README",
            source_url: "https://example.org/smartpicks/",
            draft: false,
        },
        WELCOME_BODY,
    );
    files.push((
        Path::new(CONTENT_DIR).join(format!("{day}-{slug}.md")),
        text.into_bytes().into(),
    ));
    files
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::config::Config;

    fn repo() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
    }

    #[test]
    fn starter_config_declares_the_sites_categories() {
        let starter = Config::parse(Path::new("."), STARTER_CONFIG).unwrap();
        let ours = Config::load(&repo()).unwrap();
        let names =
            |c: &Config| -> Vec<String> { c.categories.iter().map(|c| c.name.clone()).collect() };
        assert_eq!(names(&starter), names(&ours));
        assert_eq!(starter.categories.len(), 6);
        assert_eq!(starter.theme, THEME);
    }
}
