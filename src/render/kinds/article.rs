//! Article pages: one per published story, at its permalink.

use crate::content::PubDate;
use crate::engine::Reads;
use crate::error::Result;
use crate::render::context::Cx;
use crate::render::kind::{Generator, Key, Route, Source, newest};
use crate::render::metadata::{About, PageText};
use crate::site::Site;
use crate::url::Permalink;

/// Every story's page.
pub struct Articles;

fn index(key: &Key) -> usize {
    match key {
        Key::Item(i) => *i,
        other => unreachable!("article routes are items, not {other:?}"),
    }
}

impl Generator for Articles {
    fn name(&self) -> &'static str {
        "article"
    }

    fn outputs(&self, site: &Site, _: &[Route]) -> Vec<Key> {
        (0..site.articles.len()).map(Key::Item).collect()
    }

    fn permalink(&self, site: &Site, key: &Key) -> Permalink {
        site.articles[index(key)].permalink.clone()
    }

    fn reads(&self, site: &Site, key: &Key, reads: &mut Reads<'_>) {
        let i = index(key);
        let n = site.articles.len();
        reads.article(i);
        // The neighbours' and related stories' cards.
        reads.value(&(i + 1 < n, i > 0));
        if i + 1 < n {
            reads.card(i + 1);
        }
        if i > 0 {
            reads.card(i - 1);
        }
        reads.cards(&site.indexes.related.lists[i]);
    }

    fn render(&self, cx: &Cx<'_>, route: &Route) -> Result<Vec<u8>> {
        let i = index(&route.key);
        let a = &cx.site.articles[i];
        let text = PageText {
            title: a.title.clone(),
            description: a.summary.clone(),
            kind: "article",
        };
        let mut ctx = cx.page(route, text, About::Article(i));
        ctx.insert("article", &cx.views.article(i));
        cx.template("article.html", &ctx, route)
    }

    fn is_page(&self) -> bool {
        true
    }

    fn last_modified(&self, site: &Site, key: &Key) -> Option<PubDate> {
        newest(site, &[index(key)])
    }

    fn source(&self, key: &Key) -> Source {
        Source::Story(index(key))
    }
}
