//! The corrections page, paginated: every correction of the site, newest first,
//! each with its date, its text and a link to the story it corrects, as newsrooms
//! publish them for transparency. A site without corrections still has the page,
//! saying so: the footer links to it from every page, and "no corrections" is
//! itself what a reader of such a page wants to know.

use crate::content::PubDate;
use crate::engine::Reads;
use crate::error::Result;
use crate::index::CorrectionRef;
use crate::render::context::Cx;
use crate::render::kind::{Generator, Key, Route};
use crate::render::metadata::{About, PageText};
use crate::render::routes::{page_count, page_permalink, page_slice};
use crate::render::views::Views;
use crate::site::Site;
use crate::url::Permalink;

/// `/corrections/`, `/corrections/page/2/`, ...
pub struct Corrections;

fn page(key: &Key) -> usize {
    match key {
        Key::Page(p) => *p,
        other => unreachable!("corrections routes are pages, not {other:?}"),
    }
}

fn base() -> Permalink {
    Permalink::folder(&["corrections"])
}

/// The corrections on page `p`.
fn on_page(site: &Site, p: usize) -> &[CorrectionRef] {
    page_slice(site, &site.indexes.corrections, p)
}

impl Generator for Corrections {
    fn name(&self) -> &'static str {
        "corrections"
    }

    fn outputs(&self, site: &Site, _: &[Route]) -> Vec<Key> {
        let pages = page_count(site.indexes.corrections.len(), site.config.paginate_by);
        (1..=pages).map(Key::Page).collect()
    }

    fn permalink(&self, _: &Site, key: &Key) -> Permalink {
        page_permalink(&base(), page(key))
    }

    fn reads(&self, site: &Site, key: &Key, reads: &mut Reads<'_>) {
        let p = page(key);
        // The page number and the count decide the pagination links; the entries
        // are exactly what the page prints of each correction and its story.
        reads.value(&(p, site.indexes.corrections.len()));
        let entries = on_page(site, p);
        reads.view(&Views::new(site).corrections(entries));
        // Each entry names its story: an edit patched into one finds this page.
        for r in entries {
            reads.card(r.article);
        }
    }

    fn render(&self, cx: &Cx<'_>, route: &Route) -> Result<Vec<u8>> {
        let p = page(&route.key);
        let site = cx.site;
        let text = PageText {
            title: if p == 1 {
                "Corrections".to_owned()
            } else {
                format!("Corrections, page {p}")
            },
            description: format!(
                "Every correction to {} stories, newest first.",
                site.config.title
            ),
            kind: "corrections",
        };
        let mut ctx = cx.page(route, text, About::List);
        ctx.insert("corrections", &cx.views.corrections(on_page(site, p)));
        ctx.insert(
            "pagination",
            &cx.pagination(&base(), p, site.indexes.corrections.len()),
        );
        cx.template("corrections.html", &ctx, route)
    }

    fn is_page(&self) -> bool {
        true
    }

    /// The newest correction on the page; none on a page without corrections.
    fn last_modified(&self, site: &Site, key: &Key) -> Option<PubDate> {
        on_page(site, page(key))
            .iter()
            .map(|r| site.articles[r.article].corrections[r.note].date)
            .max_by_key(|d| d.timestamp)
    }
}
