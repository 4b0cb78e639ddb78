//! Where a picture a story names is: a site path (`/images/a.jpg`) in the site's
//! `static/` or else the theme's, a relative path (`still.jpg`) beside the story file
//! (in a page bundle, its folder). External URLs (`https://`, `//`, `data:`) and files
//! the build does not resize (SVG, GIF, ICO...) are left as written.

use std::path::{Component, Path, PathBuf};

use percent_encoding::percent_decode_str;

use super::probe::Format;
use crate::config::Config;
use crate::engine::cache::Stamp;

/// What a written image source refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Not the build's to process: an external URL, or not a JPEG, PNG or WebP.
    Untouched,
    /// A file of the site, relative to its root, with its stamp as it was found
    /// (the one look at it a warm build takes: the stamp says whether the sources
    /// list still knows it).
    File(PathBuf, Stamp),
    /// A picture that should be on the site and is not; says where it was looked for.
    Missing(String),
}

/// The folders site paths are looked up in, the site's own first (it wins).
pub fn static_dirs(config: &Config) -> [PathBuf; 2] {
    [
        PathBuf::from("static"),
        Path::new("themes").join(&config.theme).join("static"),
    ]
}

/// Resolves `written`, named by the story file `story` (relative to the site root).
pub fn resolve(config: &Config, story: &Path, written: &str) -> Target {
    let lower = written.trim_start().to_ascii_lowercase();
    let external = lower.starts_with("//") || lower.contains(':');
    let path = written.split(['?', '#']).next().unwrap_or_default();
    if external || path.is_empty() || Format::of_name(path).is_none() {
        return Target::Untouched;
    }
    let decoded = percent_decode_str(path).decode_utf8_lossy();
    match decoded.strip_prefix('/') {
        Some(site_path) => {
            let dirs = static_dirs(config);
            for dir in &dirs {
                if let Some(rel) = inside(dir, site_path)
                    && let Some(stamp) = Stamp::of(&config.root.join(&rel))
                {
                    return Target::File(rel, stamp);
                }
            }
            Target::Missing(format!(
                "no file {site_path} in {} or {}",
                dirs[0].display(),
                dirs[1].display()
            ))
        }
        None => {
            let folder = story.parent().unwrap_or(Path::new(""));
            match inside(folder, &decoded) {
                Some(rel) => match Stamp::of(&config.root.join(&rel)) {
                    Some(stamp) => Target::File(rel, stamp),
                    None => Target::Missing(format!("no file {}", rel.display())),
                },
                None => Target::Missing(format!("{decoded} leads out of the site")),
            }
        }
    }
}

/// `path` (`/`-separated, `..` allowed) under `dir`, as long as it stays inside
/// the site: a picture is read from the site's own files only.
fn inside(dir: &Path, path: &str) -> Option<PathBuf> {
    let mut out = dir.to_path_buf();
    for part in Path::new(path).components() {
        match part {
            Component::Normal(p) => out.push(p),
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::CurDir => {}
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_site() {
        assert_eq!(
            inside(Path::new("content/2026"), "../a.jpg"),
            Some(PathBuf::from("content/a.jpg"))
        );
        assert_eq!(inside(Path::new("content"), "../../a.jpg"), None);
        assert_eq!(inside(Path::new("static"), "/etc/passwd"), None);
    }
}
