//! Watching the site's sources with notify's full debouncer, which stitches the
//! rename pairs of editors' atomic saves and collapses bursts, and sorting what
//! changed into [`Changes`].

use std::path::{Component, Path, PathBuf};

use super::Changes;
use super::session::push_unique;

/// Sorts changed absolute paths into kinds; paths outside the sources are ignored.
pub fn classify(root: &Path, theme: &str, paths: impl IntoIterator<Item = PathBuf>) -> Changes {
    let mut changes = Changes::default();
    let theme_dir = Path::new("themes").join(theme);
    for path in paths {
        let Ok(rel) = path.strip_prefix(root) else {
            continue;
        };
        let hidden = rel.components().any(|c| match c {
            Component::Normal(n) => {
                let n = n.to_string_lossy();
                n.starts_with('.') || n.ends_with('~')
            }
            _ => false,
        });
        if hidden || rel.as_os_str().is_empty() {
            continue;
        }
        if rel == Path::new(crate::config::CONFIG_FILE) {
            changes.config = true;
        } else if rel.starts_with(crate::content::CONTENT_DIR) {
            // Stories the build skips are not changes to the site either.
            if rel
                .components()
                .any(|c| crate::content::is_ignored(c.as_os_str()))
            {
                continue;
            }
            match rel.extension() {
                Some(x) if x == "md" => push_unique(&mut changes.content, rel),
                // A folder moved or deleted: every story under it may have changed.
                None => changes.config = true,
                Some(_) => {}
            }
        } else if rel.starts_with("templates") || rel.starts_with(theme_dir.join("templates")) {
            changes.templates = true;
        } else if rel.starts_with("static") || rel.starts_with(theme_dir.join("static")) {
            push_unique(&mut changes.assets, rel);
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_paths_by_kind() {
        let root = Path::new("/site");
        let c = classify(
            root,
            "smartpicks",
            [
                "/site/content/a.md",
                "/site/content/a.md",
                "/site/content/.a.md.swp",
                "/site/content/_scratch.md",
                "/site/content/_drafts/b.md",
                "/site/content/notes.txt",
                "/site/themes/smartpicks/static/style.css",
                "/site/templates/article.html",
                "/site/public/index.html",
                "/elsewhere/x.md",
            ]
            .map(PathBuf::from),
        );
        assert_eq!(c.content, [PathBuf::from("content/a.md")]);
        assert_eq!(
            c.assets,
            [PathBuf::from("themes/smartpicks/static/style.css")]
        );
        assert!(c.templates);
        assert!(!c.config);
        assert!(classify(root, "smartpicks", [PathBuf::from("/site/site.toml")]).config);
        assert!(classify(root, "smartpicks", [PathBuf::from("/site/content/2026")]).config);
    }
}
