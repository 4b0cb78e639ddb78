//! Where an embed's `poster:` is: a picture among the site's static files (the
//! site's `static/` or the theme's), named by its site path (`/images/trailer.jpg`),
//! or, in a story written as a bundle, a picture beside it named by its relative path
//! (`still.jpg`), published beside the story's page.
//! Only files of the site are taken, never a web address, so a page with an embed
//! asks nothing of another server before the reader clicks play; and only files
//! that exist, so a poster misspelled stops the build instead of showing a hole.

use std::path::{Component, Path};

use crate::config::Config;
use crate::engine::bundles;

/// The picture formats a poster may be in.
const FORMATS: [&str; 7] = ["jpg", "jpeg", "png", "webp", "avif", "gif", "svg"];

/// The story whose body names a poster: its source (`content/...`) and its page's
/// URL, when the story has one.
pub(super) struct Naming<'a> {
    pub source: &'a Path,
    pub href: Option<&'a str>,
}

/// The URL of the poster written as `written` (the base path in front), or why it
/// cannot be one.
pub(super) fn resolve(
    config: &Config,
    story: &Naming<'_>,
    written: &str,
) -> Result<String, String> {
    if written.contains("://") || written.starts_with("//") || written.starts_with("data:") {
        return Err(format!(
            "{written} is not a file of this site: a poster from elsewhere would be requested before the reader chose to play"
        ));
    }
    let Some(rel) = written.strip_prefix('/') else {
        return beside(config, story, written);
    };
    let path = plain_picture(rel, written)?;
    let theme = Path::new("themes").join(&config.theme).join("static");
    let found = [Path::new("static"), theme.as_path()]
        .iter()
        .any(|dir| config.root.join(dir).join(path).is_file());
    if !found {
        return Err(format!(
            "{written} is not a file under static/ or themes/{}/static/",
            config.theme
        ));
    }
    Ok(format!("{}{rel}", config.base_url.path()))
}

/// A relative poster: a file of the story's bundle, at the URL it is published at.
fn beside(config: &Config, story: &Naming<'_>, written: &str) -> Result<String, String> {
    let (true, Some(href)) = (bundles::is_bundle(story.source), story.href) else {
        return Err(format!(
            "{written} is relative: a poster is named by its site path, such as /{written} for static/{written} (or relative, in a story written as a folder with index.md)"
        ));
    };
    let path = plain_picture(written, written)?;
    let folder = story.source.parent().expect("a bundle is in a folder");
    if !bundles::publishes(&config.root.join(folder), path) {
        return Err(format!(
            "{written} is not a file {} publishes (hidden names, starting with . or _, and other stories' folders are not)",
            folder.display()
        ));
    }
    let page_folder = &href[..href.rfind('/').map_or(0, |i| i + 1)];
    Ok(format!("{page_folder}{written}"))
}

/// `rel` as a path, when it is a plain path (no `..`, query or fragment) to a picture.
fn plain_picture<'a>(rel: &'a str, written: &str) -> Result<&'a Path, String> {
    let path = Path::new(rel);
    let plain = !rel.is_empty()
        && !rel.contains(['?', '#', '\\'])
        && path.components().all(|c| matches!(c, Component::Normal(_)));
    if !plain {
        return Err(format!("{written} is not a plain path to a file"));
    }
    let format_known = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| FORMATS.iter().any(|f| e.eq_ignore_ascii_case(f)));
    if !format_known {
        return Err(format!(
            "{written} is not a picture (a .jpg, .jpeg, .png, .webp, .avif, .gif or .svg file)"
        ));
    }
    Ok(path)
}
