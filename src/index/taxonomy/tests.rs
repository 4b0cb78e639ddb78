//! Terms keep their identity while their positions shift.

use super::{TaxonomyKind, TermId};
use crate::build::{BuildOptions, load_site};
use crate::engine::tests::site_folder;
use crate::url::Slug;

const SITE: &str = "title = \"T\"\nbase_url = \"https://example.org/news/\"\n\
                    [[categories]]\nname = \"News\"\ndescription = \"All of it.\"\n\
                    [[categories]]\nname = \"Film\"\ndescription = \"Pictures.\"\n";

fn id(kind: TaxonomyKind, slug: &str) -> TermId {
    TermId::new(kind, Slug::parse(slug).unwrap())
}

/// A tag that sorts first arrives: the other tag's position shifts, its id does
/// not; its page and link are made from the id.
#[test]
fn a_term_keeps_its_id_when_its_position_shifts() {
    let dir = site_folder(SITE);
    let root = dir.path();
    let story = |tags: &str| {
        format!(
            "---\ntitle: S\ndate: 2026-07-01\ncategory: Film\nparties: []\ntags: [{tags}]\n---\n\nBody.\n"
        )
    };
    std::fs::write(root.join("content/s.md"), story("Zeta")).unwrap();
    let before = load_site(&BuildOptions::new(root)).unwrap();
    std::fs::write(root.join("content/s.md"), story("Zeta, Alpha")).unwrap();
    let after = load_site(&BuildOptions::new(root)).unwrap();

    let ids = |tax: &super::Taxonomy| {
        tax.terms
            .iter()
            .map(|t| t.id.to_string())
            .collect::<Vec<_>>()
    };
    let (then, now) = (&before.indexes.tags, &after.indexes.tags);
    assert_eq!(ids(then), ["tags/zeta"]);
    assert_eq!(ids(now), ["tags/alpha", "tags/zeta"], "Alpha sorts first");
    assert_eq!(now.terms[1].id, then.terms[0].id);
    assert_eq!(now.terms[1].id, id(TaxonomyKind::Tag, "zeta"));
    assert_ne!(now.terms[1].id, id(TaxonomyKind::Party, "zeta"));
    let categories = ids(&after.indexes.categories);
    assert_eq!(
        categories,
        ["categories/news", "categories/film"],
        "declared order"
    );

    let term = &now.terms[1];
    assert_eq!(term.id.to_string(), "tags/zeta");
    assert_eq!(term.permalink.as_str(), "/tags/zeta/");
    assert_eq!(term.href, "/news/tags/zeta/");
}
