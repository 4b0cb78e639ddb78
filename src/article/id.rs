//! A story's identity across builds.

use std::borrow::Borrow;
use std::fmt;
use std::path::Path;
use std::sync::Arc;

use crate::content::CONTENT_DIR;

/// A story's identity: its path inside `content/` with `/` separators
/// (`2026/a.md`), the key links between stories are written with (`@/2026/a.md`).
/// It stays the same from build to build, unlike the story's position in the
/// newest-first list, which shifts whenever a newer story is added.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ArticleId(Arc<str>);

impl ArticleId {
    /// The identity of the story file at `path` (relative to the site root:
    /// `content/2026/a.md` gives `2026/a.md`).
    pub fn of(path: &Path) -> ArticleId {
        let inside = path.strip_prefix(CONTENT_DIR).unwrap_or(path);
        // Story paths come from listing `content/`, so they are nearly always
        // plain UTF-8 already: taken as they are, without splitting and joining
        // (every reassembly names all 10,000 stories).
        if let Some(text) = inside.to_str()
            && is_plain(text)
        {
            return ArticleId(text.into());
        }
        let key = inside
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        ArticleId(key.into())
    }

    /// The path inside `content/`, `/`-separated.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Whether `text` is already its components joined by `/`: relative, with no empty
/// or `.` component and no `/` at either end.
fn is_plain(text: &str) -> bool {
    std::path::MAIN_SEPARATOR == '/'
        && !text.is_empty()
        && text.split('/').all(|c| !c.is_empty() && c != ".")
}

impl Borrow<str> for ArticleId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_identity_is_the_path_inside_content() {
        let id = ArticleId::of(Path::new("content/2026/a.md"));
        assert_eq!(id.as_str(), "2026/a.md");
        assert_eq!(id, ArticleId::of(Path::new("content/2026/a.md")));
        assert_ne!(id, ArticleId::of(Path::new("content/2025/a.md")));
    }

    #[test]
    fn a_path_written_loosely_names_the_same_story() {
        let id = ArticleId::of(Path::new("content/2026/a.md"));
        for loose in [
            "content/2026//a.md",
            "content/./2026/a.md",
            "content/2026/./a.md",
        ] {
            assert_eq!(ArticleId::of(Path::new(loose)), id, "{loose}");
        }
        assert_eq!(ArticleId::of(Path::new("2026/a.md")), id);
    }
}
