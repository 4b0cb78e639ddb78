//! Authors: `[[authors]]` in `site.toml`, `author:`/`authors:` bylines, author pages
//! and their feeds, bylines that link to them, JSON-LD `Person`s, and the errors of
//! names the site does not declare. On the `authors` fixture (a sub-path site with
//! four declared authors, two stories per page), and on `basic`, which declares none.

mod errors;
mod pages;
mod publishing;

use crate::harness::{Site, texts};

/// The fixture's base path.
const BASE: &str = "/picks/";

/// The `authors` fixture, built.
fn built() -> Site {
    let site = Site::fixture("authors");
    site.build(&[]).ok();
    site
}

/// The headlines of the cards on a built page, in order.
fn card_titles(site: &Site, rel: &str) -> Vec<String> {
    texts(&site.html(rel), ".card-title")
}

/// The JSON-LD of a built page, parsed.
fn json_ld(site: &Site, rel: &str) -> serde_json::Value {
    let doc = site.html(rel);
    let sel = scraper::Selector::parse("script[type=\"application/ld+json\"]").unwrap();
    let text: String = doc
        .select(&sel)
        .next()
        .unwrap_or_else(|| panic!("{rel} has no JSON-LD"))
        .text()
        .collect();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{rel}: {e}\n{text}"))
}
