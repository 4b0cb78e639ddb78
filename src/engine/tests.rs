//! The plan's story cards carried from one `serve` plan to the next, and the
//! site folder unit tests build (the engine's, the taxonomies' and the route
//! table's).

use std::path::Path;

use super::{Before, Plan};
use crate::build::{BuildOptions, load_site};
use crate::render::Theme;
use crate::site::Site;

const SITE: &str = "title = \"T\"\nbase_url = \"https://example.org/\"\n\
                    [[categories]]\nname = \"News\"\ndescription = \"All of it.\"\n\
                    [[categories]]\nname = \"Film\"\ndescription = \"Pictures.\"\n";

fn story(title: &str, date: &str, category: &str) -> String {
    format!(
        "---\ntitle: {title}\ndate: {date}\ncategory: {category}\nparties: [A24]\n---\n\nBody.\n"
    )
}

/// A site folder for unit tests: `site` as its `site.toml`, an empty
/// `content/`, and the bundled themes linked in.
pub(crate) fn site_folder(site: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(root.join("site.toml"), site).unwrap();
    let themes = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes");
    std::os::unix::fs::symlink(themes, root.join("themes")).unwrap();
    dir
}

/// Every output of `plan` rendered, by file.
fn rendered(plan: &Plan, site: &Site, theme: &Theme) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut files = plan.render(site, theme, None).unwrap();
    files.sort();
    files
}

/// A story moves to another category: the next plan keeps the cards of the two
/// stories that did not change and renders the moved one's again (its kicker),
/// and every page it renders is the page a fresh plan renders.
#[test]
fn a_plan_keeps_the_cards_of_unchanged_stories_and_no_other() {
    let dir = site_folder(SITE);
    let root = dir.path();
    for (n, day) in ["01", "02", "03"].iter().enumerate() {
        let text = story(&format!("Story {n}"), &format!("2026-07-{day}"), "News");
        std::fs::write(root.join(format!("content/s{n}.md")), text).unwrap();
    }
    let load = || load_site(&BuildOptions::new(root)).unwrap();
    let site = load();
    let theme = Theme::load(&site.config).unwrap();
    let mut first = Plan::after(&site, &theme, None).unwrap();
    first.compare(&site, &Before::Nothing);
    rendered(&first, &site, &theme);
    assert_eq!(
        first.cards.as_ref().unwrap().len(),
        3,
        "every story's card is rendered"
    );

    std::fs::write(
        root.join("content/s1.md"),
        story("Story 1", "2026-07-02", "Film"),
    )
    .unwrap();
    let moved = load();
    let mut next = Plan::after(&moved, &theme, Some((&site, &mut first))).unwrap();
    assert_eq!(
        next.cards.as_ref().unwrap().len(),
        2,
        "the moved story's card is not kept"
    );
    next.compare(&moved, &Before::plan(&first));
    let made = rendered(&next, &moved, &theme);
    let mut fresh = Plan::new(&moved, &theme).unwrap();
    fresh.compare(&moved, &Before::Nothing);
    let all = rendered(&fresh, &moved, &theme);
    assert!(!made.is_empty() && made.len() < all.len());
    for (file, bytes) in &made {
        let (_, expected) = all.iter().find(|(f, _)| f == file).unwrap();
        assert!(
            bytes == expected,
            "{} differs from a fresh plan's",
            file.display()
        );
    }
}
