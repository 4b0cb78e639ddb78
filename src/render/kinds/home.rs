//! The home page, paginated: the editor's picks on page one, then every other
//! story, newest first (a pick is not repeated in the list below it).

use crate::content::PubDate;
use crate::engine::Reads;
use crate::error::Result;
use crate::render::context::Cx;
use crate::render::kind::{Generator, Key, Route, newest};
use crate::render::metadata::{About, PageText};
use crate::render::routes::{page_count, page_permalink, page_slice};
use crate::site::Site;
use crate::url::Permalink;

/// `/`, `/page/2/`, ...
pub struct Home;

fn page(key: &Key) -> usize {
    match key {
        Key::Page(p) => *p,
        other => unreachable!("home routes are pages, not {other:?}"),
    }
}

impl Generator for Home {
    fn name(&self) -> &'static str {
        "home"
    }

    fn outputs(&self, site: &Site, _: &[Route]) -> Vec<Key> {
        let pages = page_count(site.indexes.latest.len(), site.config.paginate_by);
        (1..=pages).map(Key::Page).collect()
    }

    fn permalink(&self, _: &Site, key: &Key) -> Permalink {
        page_permalink(&Permalink::root(), page(key))
    }

    fn reads(&self, site: &Site, key: &Key, reads: &mut Reads<'_>) {
        let p = page(key);
        let all = &site.indexes.latest;
        reads.value(&(p, all.len()));
        if p == 1 {
            reads.cards(&site.indexes.picks);
        }
        reads.cards(page_slice(site, all, p));
    }

    fn render(&self, cx: &Cx<'_>, route: &Route) -> Result<Vec<u8>> {
        let p = page(&route.key);
        let site = cx.site;
        let all = &site.indexes.latest;
        let text = PageText {
            title: if p == 1 {
                String::new()
            } else {
                format!("Page {p}")
            },
            description: site.config.description.clone(),
            kind: "home",
        };
        let mut ctx = cx.page(route, text, About::Home(p));
        let picks = if p == 1 {
            cx.card_views(&site.indexes.picks)
        } else {
            Vec::new()
        };
        ctx.insert("picks", &picks);
        ctx.insert("stories", &cx.card_views(page_slice(site, all, p)));
        ctx.insert(
            "pagination",
            &cx.pagination(&Permalink::root(), p, all.len()),
        );
        cx.template("index.html", &ctx, route)
    }

    fn is_page(&self) -> bool {
        true
    }

    fn last_modified(&self, site: &Site, key: &Key) -> Option<PubDate> {
        let p = page(key);
        let mut shown = page_slice(site, &site.indexes.latest, p).to_vec();
        if p == 1 {
            shown.extend(&site.indexes.picks);
        }
        newest(site, &shown)
    }
}
