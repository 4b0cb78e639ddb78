//! What machines read about authors: JSON-LD `Person`s with their page and
//! profiles, and every author of every entry in every feed, read by a real feed
//! parser.

use feed_rs::model::{Entry, Feed};
use serde_json::json;

use super::{built, json_ld};
use crate::harness::Site;

const ORIGIN: &str = "https://example.org/picks/";
const DANA_PAGE: &str = "https://example.org/picks/authors/dana-okafor/";
const LENA_PAGE: &str = "https://example.org/picks/authors/lena/";
const DANA_SAME_AS: [&str; 3] = [
    "https://dana.example.com/",
    "https://social.example/@dana",
    "https://www.linkedin.com/in/dana-okafor",
];

#[test]
fn json_ld_names_each_author_as_a_person_with_their_page_and_profiles() {
    let site = built();
    // One author: one Person.
    let ld = json_ld(&site, "2026/07/02/second-deal/index.html");
    assert_eq!(
        ld["author"],
        json!({
            "@type": "Person",
            "name": "Dana Okafor",
            "url": DANA_PAGE,
            "sameAs": DANA_SAME_AS,
            "image": "https://example.org/picks/avatars/dana.svg",
            "jobTitle": "Senior reporter",
        })
    );
    // Several: a list, in byline order.
    let ld = json_ld(&site, "2026/07/03/joint-report/index.html");
    let people = ld["author"].as_array().expect("a list of authors");
    let names: Vec<&str> = people.iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Lena Brandt", "Dana Okafor"]);
    assert!(people.iter().all(|p| p["@type"] == "Person"));
    assert_eq!(people[0]["url"], LENA_PAGE);
    assert!(
        people[0].get("sameAs").is_none(),
        "Lena declares no profile"
    );
    assert_eq!(people[1]["sameAs"], json!(DANA_SAME_AS));
    // The site's default author, declared, links to their page too.
    let ld = json_ld(&site, "2026/07/06/desk-note/index.html");
    assert_eq!(ld["author"]["url"], format!("{ORIGIN}authors/picks-desk/"));
    // An author's page is a profile page about them.
    let ld = json_ld(&site, "authors/dana-okafor/index.html");
    assert_eq!(ld["@type"], "ProfilePage");
    assert_eq!(ld["mainEntity"]["name"], "Dana Okafor");
    assert_eq!(ld["mainEntity"]["url"], DANA_PAGE);
    assert_eq!(ld["mainEntity"]["sameAs"], json!(DANA_SAME_AS));
}

#[test]
fn free_text_bylines_are_persons_without_a_page() {
    let site = Site::fixture("basic");
    site.write(
        "content/two.md",
        "---\ntitle: Two bylines\ndate: 2026-07-02\ncategory: AI Technology\nparties: []\nauthors: [Ada Writer, Bo Writer]\n---\nBody.\n",
    );
    site.build(&[]).ok();
    let ld = json_ld(&site, "2026/07/02/two-bylines/index.html");
    assert_eq!(
        ld["author"],
        json!([
            { "@type": "Person", "name": "Ada Writer" },
            { "@type": "Person", "name": "Bo Writer" },
        ])
    );
}

fn feed(site: &Site, rel: &str) -> Feed {
    let text = site.read(rel);
    feed_rs::parser::parse(text.as_bytes()).unwrap_or_else(|e| panic!("{rel}: {e}\n{text}"))
}

/// The entry of the story at `path` (under the fixture's base URL).
fn entry<'f>(f: &'f Feed, path: &str) -> &'f Entry {
    let id = format!("{ORIGIN}{path}");
    f.entries
        .iter()
        .find(|e| e.id == id)
        .unwrap_or_else(|| panic!("no entry {id}"))
}

fn names(e: &Entry) -> Vec<String> {
    e.authors.iter().filter_map(|p| p.name.clone()).collect()
}

#[test]
fn every_feed_entry_carries_every_author() {
    let site = built();
    for file in ["feed.xml", "rss.xml", "feed.json"] {
        let f = feed(&site, file);
        let joint = entry(&f, "2026/07/03/joint-report/");
        assert_eq!(names(joint), ["Lena Brandt", "Dana Okafor"], "{file}");
        let desk = entry(&f, "2026/07/06/desk-note/");
        assert_eq!(names(desk), ["Picks Desk"], "{file}");
        if file != "rss.xml" {
            // Atom's <uri> and JSON Feed's url: the author's page.
            let pages: Vec<_> = joint.authors.iter().map(|p| p.uri.clone()).collect();
            assert_eq!(
                pages,
                [Some(LENA_PAGE.to_owned()), Some(DANA_PAGE.to_owned())],
                "{file}"
            );
        }
    }
    let rss = site.read("rss.xml");
    assert!(
        rss.contains("<dc:creator>Lena Brandt</dc:creator>\n<dc:creator>Dana Okafor</dc:creator>"),
        "{rss}"
    );
    let j: serde_json::Value = serde_json::from_str(&site.read("feed.json")).unwrap();
    let dana = j["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["title"] == "Second deal")
        .unwrap();
    assert_eq!(
        dana["authors"],
        json!([{
            "name": "Dana Okafor",
            "url": DANA_PAGE,
            "avatar": "https://example.org/picks/avatars/dana.svg",
        }])
    );
}

#[test]
fn each_author_has_feeds_with_only_their_stories() {
    let site = built();
    for file in ["feed.xml", "rss.xml", "feed.json"] {
        let f = feed(&site, &format!("authors/lena/{file}"));
        let titles: Vec<String> = f
            .entries
            .iter()
            .map(|e| e.title.as_ref().unwrap().content.clone())
            .collect();
        assert_eq!(titles, ["Model release", "Joint report"], "{file}");
    }
    let f = feed(&site, "authors/ravi-mehta/feed.xml");
    assert!(f.entries.is_empty());
}
