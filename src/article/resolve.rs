//! Links between stories: a link written in one story (`other.md`, `../x.md`,
//! `@/2026/a.md`) resolved to the URL of the story it names, or to why it has none.

use super::StoryIndex;
use crate::content::CONTENT_DIR;

/// Resolves a link written in the story at `from` (`2026/a.md`) to a story's URL.
pub(super) fn resolve(
    index: &StoryIndex,
    from: &str,
    target: &str,
) -> std::result::Result<String, String> {
    let joined;
    // Most links name a story by its path in the content folder as it is
    // (`@/2026/a.md`), looked up as written: every reassembly in `serve` answers
    // every link of every story again.
    let key = match target.strip_prefix("@/") {
        Some(rest) if rest.split('/').all(|s| !matches!(s, "" | "." | "..")) => rest,
        _ => {
            joined = story_key(from, target);
            joined.as_str()
        }
    };
    match index.get(key) {
        Some((url, true)) => Ok(url.clone()),
        Some((_, false)) => Err(format!(
            "links to {CONTENT_DIR}/{key}, a draft or future story that this build leaves out"
        )),
        None => Err(format!(
            "links to {CONTENT_DIR}/{key}, which does not exist"
        )),
    }
}

/// The story path a link written in the story at `from` names: `@/` from the
/// content folder, anything else from `from`'s folder; `.` and `..` resolved.
fn story_key(from: &str, target: &str) -> String {
    let (base, rest) = match target.strip_prefix("@/") {
        Some(rest) => ("", rest),
        None => (from.rsplit_once('/').map_or("", |(dir, _)| dir), target),
    };
    let mut segments: Vec<&str> = base.split('/').filter(|s| !s.is_empty()).collect();
    for seg in rest.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    segments.join("/")
}

#[cfg(test)]
mod tests {
    use super::{resolve, story_key};
    use crate::article::{ArticleId, StoryIndex};

    #[test]
    fn links_name_stories_from_the_content_folder_or_their_own() {
        let from = "2026/07/a.md";
        assert_eq!(story_key(from, "b.md"), "2026/07/b.md");
        assert_eq!(story_key(from, "./b.md"), "2026/07/b.md");
        assert_eq!(story_key(from, "../06/c.md"), "2026/06/c.md");
        assert_eq!(story_key(from, "@/2025/d.md"), "2025/d.md");
        assert_eq!(story_key(from, "@/2025//x/../d.md"), "2025/d.md");
    }

    /// Written as the content folder names it or not, a link gets the same answer.
    #[test]
    fn a_link_resolves_alike_however_it_is_written() {
        let id = |p: &str| ArticleId::of(std::path::Path::new(p));
        let index: StoryIndex = [
            (id("2025/d.md"), ("/d/".to_owned(), true)),
            (id("2025/draft.md"), ("/draft/".to_owned(), false)),
        ]
        .into_iter()
        .collect();
        let from = "2026/a.md";
        for target in [
            "@/2025/d.md",
            "../2025/d.md",
            "@/2025/./d.md",
            "@/x/../2025/d.md",
        ] {
            assert_eq!(
                resolve(&index, from, target),
                Ok("/d/".to_owned()),
                "{target}"
            );
        }
        let draft = resolve(&index, from, "@/2025/draft.md").unwrap_err();
        assert!(draft.contains("content/2025/draft.md, a draft"), "{draft}");
        let none = resolve(&index, from, "@/2025/e.md").unwrap_err();
        assert!(
            none.contains("content/2025/e.md, which does not exist"),
            "{none}"
        );
    }
}
