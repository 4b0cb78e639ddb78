//! What the standards and the big consumers ask for beyond well-formedness: an author
//! on every Atom feed (RFC 4287), a publisher logo and an image on every
//! `NewsArticle` (Google), absolute image URLs even when a writer types a
//! protocol-relative one, and a new site from `init` that has all of it.

use serde_json::json;

use crate::harness::Site;

use super::support::{
    A24, NEWS, ORIGIN, SITE_TITLE, TERMS, abs, built, feed, fixture_with_site_toml, one_json_ld,
    one_meta, page_file,
};

fn feed_authors(site: &Site, rel: &str) -> Vec<String> {
    feed(site, rel)
        .authors
        .iter()
        .filter_map(|p| p.name.clone())
        .collect()
}

#[test]
fn every_atom_feed_names_an_author() {
    let site = built();
    let scopes = std::iter::once(String::new()).chain(TERMS.iter().map(|t| format!("{t}/")));
    for scope in scopes {
        let rel = format!("{scope}feed.xml");
        assert_eq!(
            feed_authors(&site, &rel),
            ["Picks Desk"],
            "{rel}: the site's author"
        );
    }
    // Without a site author, the site's name stands in (RFC 4287 requires an author
    // on the feed when an entry has none).
    let site = fixture_with_site_toml(|text| text.replace("author = \"Picks Desk\"\n", ""));
    site.build(&[]).ok();
    assert_eq!(feed_authors(&site, "feed.xml"), [SITE_TITLE]);
    assert_eq!(feed_authors(&site, "tags/research/feed.xml"), [SITE_TITLE]);
}

#[test]
fn without_logo_or_default_image_the_themes_are_used() {
    // Social cards off: stories without an image fall back on the default image.
    let site = fixture_with_site_toml(|text| {
        text.replace("logo = \"/images/logo.svg\"\n", "") + "\n[cards]\nenabled = false\n"
    });
    site.build(&[]).ok();
    for path in [NEWS, A24, ""] {
        let ld = one_json_ld(&site, path);
        assert_eq!(
            ld["publisher"]["logo"],
            json!({ "@type": "ImageObject", "url": abs("logo.png") }),
            "{path}"
        );
    }
    assert_eq!(
        one_json_ld(&site, A24)["image"],
        json!([abs("default-image.png")])
    );
    // The theme ships both, as PNG (Google wants a raster logo).
    for file in ["logo.png", "default-image.png"] {
        let bytes = std::fs::read(site.path("public").join(file)).unwrap();
        assert!(
            bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
            "{file} is not a PNG"
        );
    }
}

#[test]
fn a_default_image_in_site_toml_stands_in_for_stories_without_one() {
    let site = fixture_with_site_toml(|text| {
        text.replace(
            "logo = \"/images/logo.svg\"\n",
            "logo = \"https://cdn.example.net/logo.png\"\ndefault_image = \"images/lead.svg\"\n",
        ) + "\n[cards]\nenabled = false\n"
    });
    site.build(&[]).ok();
    let ld = one_json_ld(&site, A24);
    assert_eq!(ld["image"], json!([abs("images/lead.svg")]));
    assert_eq!(
        ld["publisher"]["logo"]["url"],
        "https://cdn.example.net/logo.png"
    );
    // A story's own image wins.
    assert_eq!(
        one_json_ld(&site, NEWS)["image"],
        json!([abs("images/lead.svg")])
    );
}

#[test]
fn a_protocol_relative_image_takes_the_base_urls_scheme() {
    let site = Site::fixture("publishing");
    let story = "content/2026-11-23-studio-lab.md";
    let text = std::fs::read_to_string(site.path(story)).unwrap();
    site.write(
        story,
        text.replace(
            "image: /images/lead.svg",
            "image: //cdn.example.net/lead.png",
        ),
    );
    for (base, scheme) in [(None, "https"), (Some("http://127.0.0.1:1111/"), "http")] {
        let mut args = vec![];
        if let Some(base) = base {
            args = vec!["--base-url", base];
        }
        site.build(&args).ok();
        let want = format!("{scheme}://cdn.example.net/lead.png");
        let doc = site.html(&page_file(NEWS));
        assert_eq!(one_meta(&doc, "og:image", NEWS), want);
        assert_eq!(one_json_ld(&site, NEWS)["image"], json!([want]));
    }
}

#[test]
fn a_new_site_names_its_logo_and_default_image() {
    let site = Site::fixture("empty");
    site.run(&["init", "news"]).ok();
    let config = std::fs::read_to_string(site.path("news/site.toml")).unwrap();
    assert!(config.contains("\nlogo = \"/logo.png\"\n"), "{config}");
    assert!(
        config.contains("\ndefault_image = \"/default-image.png\"\n"),
        "{config}"
    );
    site.run(&["build", "--root", "news"]).ok();
    let public = site.path("news/public");
    assert!(public.join("logo.png").is_file());
    assert!(public.join("default-image.png").is_file());
    let home = std::fs::read_to_string(public.join("index.html")).unwrap();
    assert!(
        home.contains(&format!(
            "\"logo\":{{\"@type\":\"ImageObject\",\"url\":\"{ORIGIN}/logo.png\"}}"
        )),
        "{home}"
    );
}
