//! Slugs, permalinks, base URLs and patterns.

use super::*;

#[test]
fn slugs_transliterate_to_ascii() {
    assert_eq!(
        Slug::from_text("Société Générale").unwrap().as_str(),
        "societe-generale"
    );
    assert_eq!(
        Slug::from_text("Google DeepMind & A24").unwrap().as_str(),
        "google-deepmind-a24"
    );
    assert!(Slug::from_text("!!!").is_none());
}

#[test]
fn term_slugs_keep_symbols_apart() {
    let cpp = Slug::for_term("C++").unwrap();
    let cs = Slug::for_term("C#").unwrap();
    assert_ne!(cpp, cs);
    assert_eq!(
        Slug::for_term("Studios & Deals").unwrap().as_str(),
        "studios-and-deals"
    );
}

#[test]
fn slug_parse_rejects_non_slugs() {
    assert!(Slug::parse("ok-slug-2").is_some());
    assert!(Slug::parse("Not Ok").is_none());
    assert!(Slug::parse("-x").is_none());
    assert!(Slug::parse("").is_none());
}

#[test]
fn base_url_with_sub_path() {
    let base = BaseUrl::parse("https://example.org/picks").unwrap();
    let link = Permalink::folder(&["tags", "ai"]);
    assert_eq!(base.href(&link), "/picks/tags/ai/");
    assert_eq!(base.absolute(&link), "https://example.org/picks/tags/ai/");
    assert_eq!(
        base.absolute(&Permalink::root()),
        "https://example.org/picks/"
    );
    assert!(BaseUrl::parse("example.org").is_err());
}

#[test]
fn permalink_output_files() {
    assert_eq!(Permalink::root().output_file(), PathBuf::from("index.html"));
    assert_eq!(
        Permalink::file("/feed.xml").output_file(),
        PathBuf::from("feed.xml")
    );
}

#[test]
fn pattern_applies_zero_padded_dates() {
    let p = PermalinkPattern::parse("/:year/:month/:day/:slug/").unwrap();
    let slug = Slug::parse("x").unwrap();
    let cat = Slug::parse("ai").unwrap();
    let date = jiff::civil::date(2026, 7, 5);
    let link = p.apply(&PermalinkParts {
        date,
        slug: &slug,
        category: &cat,
        file_name: &slug,
    });
    assert_eq!(link.as_str(), "/2026/07/05/x/");
    assert!(PermalinkPattern::parse("/:year/").is_err());
    assert!(PermalinkPattern::parse("/:bogus/:slug/").is_err());
    assert!(PermalinkPattern::parse("/../:slug/").is_err());
    assert!(PermalinkPattern::parse("/a\\b/:slug/").is_err());
}

#[test]
fn site_paths_are_folders_unless_they_name_a_file() {
    assert_eq!(
        Permalink::from_site_path("/old-story").unwrap().as_str(),
        "/old-story/"
    );
    assert_eq!(
        Permalink::from_site_path("/old/").unwrap().as_str(),
        "/old/"
    );
    assert_eq!(
        Permalink::from_site_path("/old.html").unwrap().as_str(),
        "/old.html"
    );
    assert!(Permalink::from_site_path("/../x/").is_none());
    assert!(Permalink::from_site_path("relative/").is_none());
}
