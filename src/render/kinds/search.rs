//! Search (docs/search.md): the `/search/` page, and the index files the search
//! stage wrote into the model: the manifest, the term shards, the facets file and
//! one result fragment per story.
//!
//! The manifest, shards and facets are laid out from every story at once: the index
//! stage holds their text, and each is fingerprinted by that text, so only the
//! files whose bytes changed are written again. A fragment reads its one story, and its file is
//! named by the story's doc number, which counts from the oldest: a new (newest)
//! story adds a fragment and leaves the others alone.

use serde::Serialize;

use crate::engine::Reads;
use crate::error::Result;
use crate::render::context::Cx;
use crate::render::kind::{Family, Generator, Key, Route};
use crate::render::metadata::{About, PageText};
use crate::search::doc_of;
use crate::site::Site;
use crate::url::Permalink;

/// `/search/`: the theme's search page.
pub struct SearchPage;

/// `/search/manifest.json`.
pub struct Manifest;

/// `/search/shards/<k>.txt`.
pub struct Shards;

/// `/search/facets.txt`.
pub struct FacetsFile;

/// `/search/f/<doc>.json`, one per story.
pub struct Fragments;

/// Where the manifest is.
fn manifest_link() -> Permalink {
    Permalink::file("/search/manifest.json")
}

#[derive(Serialize)]
struct SearchView {
    manifest: String,
    script: String,
}

impl Generator for SearchPage {
    fn name(&self) -> &'static str {
        "search-page"
    }

    fn outputs(&self, site: &Site, _: &[Route]) -> Vec<Key> {
        single_if_enabled(site)
    }

    fn permalink(&self, _: &Site, _: &Key) -> Permalink {
        Permalink::folder(&["search"])
    }

    fn reads(&self, _: &Site, _: &Key, _: &mut Reads<'_>) {
        // The site-wide values only: the page is filled in by the client.
    }

    fn render(&self, cx: &Cx<'_>, route: &Route) -> Result<Vec<u8>> {
        let site = cx.site;
        let text = PageText {
            title: "Search".into(),
            description: format!("Search every story on {}.", site.config.title),
            kind: "search",
        };
        let mut ctx = cx.page(route, text, About::List);
        let base = &site.config.base_url;
        ctx.insert(
            "search",
            &SearchView {
                manifest: base.href(&manifest_link()),
                script: base.href(&Permalink::file("/search.js")),
            },
        );
        cx.template("search.html", &ctx, route)
    }

    fn is_page(&self) -> bool {
        true
    }
}

impl Generator for Manifest {
    fn name(&self) -> &'static str {
        "search-manifest"
    }

    fn family(&self) -> Family {
        Family::Search
    }

    fn outputs(&self, site: &Site, _: &[Route]) -> Vec<Key> {
        single_if_enabled(site)
    }

    fn permalink(&self, _: &Site, _: &Key) -> Permalink {
        manifest_link()
    }

    fn reads(&self, site: &Site, _: &Key, reads: &mut Reads<'_>) {
        reads.derived(&site.indexes.search.manifest);
    }

    fn render(&self, cx: &Cx<'_>, _: &Route) -> Result<Vec<u8>> {
        Ok(cx.site.indexes.search.manifest.clone().into_bytes())
    }
}

impl Generator for Shards {
    fn name(&self) -> &'static str {
        "search-shard"
    }

    fn family(&self) -> Family {
        Family::Search
    }

    fn outputs(&self, site: &Site, _: &[Route]) -> Vec<Key> {
        (0..site.indexes.search.shards.len())
            .map(Key::Item)
            .collect()
    }

    fn permalink(&self, _: &Site, key: &Key) -> Permalink {
        Permalink::file(&format!("/search/shards/{}.txt", item(key)))
    }

    fn reads(&self, site: &Site, key: &Key, reads: &mut Reads<'_>) {
        reads.derived(&site.indexes.search.shards[item(key)].text);
    }

    fn render(&self, cx: &Cx<'_>, route: &Route) -> Result<Vec<u8>> {
        let shard = &cx.site.indexes.search.shards[item(&route.key)];
        Ok(shard.text.clone().into_bytes())
    }
}

impl Generator for FacetsFile {
    fn name(&self) -> &'static str {
        "search-facets"
    }

    fn family(&self) -> Family {
        Family::Search
    }

    fn outputs(&self, site: &Site, _: &[Route]) -> Vec<Key> {
        single_if_enabled(site)
    }

    fn permalink(&self, _: &Site, _: &Key) -> Permalink {
        Permalink::file("/search/facets.txt")
    }

    fn reads(&self, site: &Site, _: &Key, reads: &mut Reads<'_>) {
        reads.derived(&site.indexes.search.facets);
    }

    fn render(&self, cx: &Cx<'_>, _: &Route) -> Result<Vec<u8>> {
        Ok(cx.site.indexes.search.facets.clone().into_bytes())
    }
}

/// What a result shows of its story.
#[derive(Serialize)]
struct Fragment<'a> {
    title: &'a str,
    url: &'a str,
    date: &'a str,
    iso: &'a str,
    category: &'a str,
    text: &'a str,
}

impl Generator for Fragments {
    fn name(&self) -> &'static str {
        "search-fragment"
    }

    fn family(&self) -> Family {
        Family::Search
    }

    fn outputs(&self, site: &Site, _: &[Route]) -> Vec<Key> {
        let stories = if site.config.search {
            site.articles.len()
        } else {
            0
        };
        (0..stories).map(Key::Item).collect()
    }

    fn permalink(&self, site: &Site, key: &Key) -> Permalink {
        let doc = doc_of(site.articles.len(), item(key));
        Permalink::file(&format!("/search/f/{doc}.json"))
    }

    fn reads(&self, _: &Site, key: &Key, reads: &mut Reads<'_>) {
        reads.article(item(key));
    }

    fn render(&self, cx: &Cx<'_>, route: &Route) -> Result<Vec<u8>> {
        let site = cx.site;
        let i = item(&route.key);
        let a = &site.articles[i];
        let fragment = Fragment {
            title: &a.title,
            url: &a.href,
            date: &a.date_display,
            iso: &a.date_iso,
            category: &site.config.categories[a.category].name,
            text: &site.indexes.search.snippets[doc_of(site.articles.len(), i)],
        };
        Ok(serde_json::to_vec(&fragment).expect("a fragment serialises"))
    }
}

/// The one output of a kind, when the site has search (`[search] enabled`).
fn single_if_enabled(site: &Site) -> Vec<Key> {
    if site.config.search {
        vec![Key::Single]
    } else {
        Vec::new()
    }
}

fn item(key: &Key) -> usize {
    match key {
        Key::Item(i) => *i,
        other => unreachable!("search routes are items, not {other:?}"),
    }
}
