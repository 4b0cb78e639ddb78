//! Social cards: every story without an `image:` gets a 1200 × 630 PNG card that
//! its page's `og:image`, `twitter:image` and JSON-LD `image` point at by absolute
//! URL; list pages show the site's card; cards are kept in the media store, so a
//! second build draws none; a broken card template is reported with its file.

use crate::harness::{Site, attrs};
use crate::images::variant_of;

/// The width and height of a PNG, decoded.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    let reader = png::Decoder::new(std::io::Cursor::new(bytes))
        .read_info()
        .unwrap();
    (reader.info().width, reader.info().height)
}

/// The output file an absolute URL of `origin_and_base` stands for.
fn file_of(url: &str, origin_and_base: &str) -> String {
    let rel = url
        .strip_prefix(origin_and_base)
        .unwrap_or_else(|| panic!("{url} is not under {origin_and_base}"));
    format!("public/{rel}")
}

const STORY: &str = "2026/07/05/google-deepmind-and-a24-announce-a-research-partnership/index.html";

#[test]
fn a_story_without_an_image_shows_its_card_by_absolute_url() {
    let site = Site::fixture("basic");
    site.build(&[]).ok();
    let page = site.html(STORY);
    let og = attrs(&page, r#"meta[property="og:image"]"#, "content");
    assert_eq!(
        og,
        [
            "https://example.org/2026/07/05/google-deepmind-and-a24-announce-a-research-partnership/card.png"
        ]
    );
    let bytes = std::fs::read(site.path(&file_of(&og[0], "https://example.org/"))).unwrap();
    assert_eq!(png_size(&bytes), (1200, 630));
    assert_eq!(attrs(&page, r#"meta[name="twitter:image"]"#, "content"), og);
    assert_eq!(
        attrs(&page, r#"meta[name="twitter:card"]"#, "content"),
        ["summary_large_image"]
    );
    assert_eq!(
        attrs(&page, r#"meta[property="og:image:width"]"#, "content"),
        ["1200"]
    );
    assert_eq!(
        attrs(&page, r#"meta[property="og:image:height"]"#, "content"),
        ["630"]
    );
    let json: serde_json::Value = serde_json::from_str(
        &crate::harness::texts(&page, r#"script[type="application/ld+json"]"#)[0],
    )
    .unwrap();
    assert_eq!(json["image"][0], og[0].as_str());
}

#[test]
fn list_pages_show_the_site_card_and_a_story_with_an_image_shows_its_1200_px_variant() {
    let site = Site::fixture("basic");
    let path = "content/2026/2026-07-05-deepmind-a24.md";
    let text = std::fs::read_to_string(site.path(path)).unwrap().replacen(
        "featured: true",
        "featured: true\nimage: /lead.jpg\nimage_alt: A lead",
        1,
    );
    site.write(path, text);
    site.write("static/lead.jpg", crate::images::jpeg(2000, 1000));
    site.build(&[]).ok();
    for page in ["index.html", "categories/index.html", "archive/index.html"] {
        let doc = site.html(page);
        assert_eq!(
            attrs(&doc, r#"meta[property="og:image"]"#, "content"),
            ["https://example.org/card.png"],
            "{page}"
        );
    }
    assert_eq!(
        png_size(&std::fs::read(site.path("public/card.png")).unwrap()),
        (1200, 630)
    );
    // A shared story shows its own picture: the 1200 px JPEG variant (not every
    // network reads WebP), by absolute URL, with its size.
    let page = site.html(STORY);
    let og = attrs(&page, r#"meta[property="og:image"]"#, "content");
    assert!(
        og[0].starts_with("https://example.org/images/")
            && variant_of(&og[0]) == Some(("lead", 1200, "jpg")),
        "{og:?}"
    );
    let file = site.path(&file_of(&og[0], "https://example.org/"));
    let made = image::load_from_memory(&std::fs::read(file).unwrap()).unwrap();
    assert_eq!((made.width(), made.height()), (1200, 600));
    assert_eq!(
        attrs(&page, r#"meta[property="og:image:width"]"#, "content"),
        ["1200"]
    );
    assert_eq!(
        attrs(&page, r#"meta[property="og:image:height"]"#, "content"),
        ["600"]
    );
    assert_eq!(attrs(&page, r#"meta[name="twitter:image"]"#, "content"), og);
    let json: serde_json::Value = serde_json::from_str(
        &crate::harness::texts(&page, r#"script[type="application/ld+json"]"#)[0],
    )
    .unwrap();
    assert_eq!(json["image"][0], og[0].as_str());
    assert!(!site.exists(&STORY.replace("index.html", "card.png")));
}

#[test]
fn cards_follow_a_base_path() {
    let site = Site::fixture("basic");
    site.build(&["--base-url", "https://example.org/picks/"])
        .ok();
    let page = site.html(STORY);
    let og = attrs(&page, r#"meta[property="og:image"]"#, "content");
    assert!(
        og[0].starts_with("https://example.org/picks/2026/07/05/"),
        "{og:?}"
    );
    let bytes = std::fs::read(site.path(&file_of(&og[0], "https://example.org/picks/"))).unwrap();
    assert_eq!(png_size(&bytes), (1200, 630));
    let home = site.html("index.html");
    assert_eq!(
        attrs(&home, r#"meta[property="og:image"]"#, "content"),
        ["https://example.org/picks/card.png"]
    );
}

/// The verbose summary's count of media files made and reused.
fn media_counts(stdout: &str) -> (usize, usize) {
    let count = |label: &str| {
        stdout
            .lines()
            .find(|l| l.trim_start().starts_with(label))
            .and_then(|l| l.split_whitespace().last())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no {label} in {stdout}"))
    };
    (count("Media files made"), count("reused from store"))
}

#[test]
fn a_second_build_draws_no_card_again() {
    let site = Site::fixture("basic");
    let first = site.build(&["--verbose"]).ok().stdout();
    let (made, reused) = media_counts(&first);
    assert!(made >= 2 && reused == 0, "{first}");
    let card = "public/card.png";
    let before = std::fs::read(site.path(card)).unwrap();
    // Without the build cache every output is rendered again: the store still
    // holds every card.
    site.remove("public");
    let second = site.build(&["--verbose"]).ok().stdout();
    assert_eq!(media_counts(&second), (0, made), "{second}");
    assert_eq!(std::fs::read(site.path(card)).unwrap(), before);
    // A new headline is a new card; the others are reused.
    let path = "content/2026/2026-07-05-deepmind-a24.md";
    site.write(
        path,
        std::fs::read_to_string(site.path(path))
            .unwrap()
            .replace("announce a research", "sign a research"),
    );
    site.remove("public");
    let third = site.build(&["--verbose"]).ok().stdout();
    assert_eq!(media_counts(&third), (1, made - 1), "{third}");
}

/// `check`'s report of a site that must fail it.
fn check_fails(site: &Site) -> String {
    let run = site.run(&["check"]);
    let out = run.stdout();
    run.fails();
    out
}

#[test]
fn a_broken_card_template_is_reported_with_its_file() {
    let site = Site::fixture("basic");
    let svg = r#"<svg xmlns="http://www.w3.org/2000/svg"><text data-fit="" x="0" y="0" font-size="20">{{ card.title }}</text></svg>"#;
    site.write("templates/cards/story.svg", svg);
    let out = check_fails(&site);
    assert!(
        out.contains("error: templates/cards/story.svg") && out.contains("needs data-width"),
        "{out}"
    );
    let err = site.build(&[]).fails();
    assert!(
        err.contains("templates/cards/story.svg") && err.contains("needs data-width"),
        "{err}"
    );
    site.write(
        "templates/cards/story.svg",
        "<svg><rect></svg>{{ card.title }}",
    );
    let out = check_fails(&site);
    assert!(
        out.contains("templates/cards/story.svg") && out.contains("does not parse"),
        "{out}"
    );
    // Tera's own syntax errors name the template in their message.
    site.write("templates/cards/story.svg", "{{ card.title | nope }}");
    let out = check_fails(&site);
    assert!(out.contains("cards/story.svg:1"), "{out}");
}

#[test]
fn cards_can_be_turned_off() {
    let site = Site::fixture("basic");
    let toml = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write("site.toml", format!("{toml}\n[cards]\nenabled = false\n"));
    site.remove("themes/smartpicks/templates/cards");
    site.build(&[]).ok();
    assert!(!site.exists("card.png"));
    assert!(!site.exists(&STORY.replace("index.html", "card.png")));
    assert!(attrs(&site.html(STORY), r#"meta[property="og:image"]"#, "content").is_empty());
}
