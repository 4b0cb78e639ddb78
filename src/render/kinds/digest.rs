//! Weekly digests: one page per ISO week with stories, grouped by category, and
//! the list of every week.

use crate::content::PubDate;
use crate::engine::Reads;
use crate::error::Result;
use crate::render::context::{Cx, NeighbourView};
use crate::render::kind::{Generator, Key, Route, newest};
use crate::render::metadata::{About, PageText};
use crate::site::Site;
use crate::url::Permalink;

/// `/digest/`.
pub struct DigestIndex;

/// `/digest/2026-w27/`, ...
pub struct Digests;

fn week(key: &Key) -> usize {
    match key {
        Key::Item(w) => *w,
        other => unreachable!("digest routes are items, not {other:?}"),
    }
}

impl Generator for DigestIndex {
    fn name(&self) -> &'static str {
        "digest-index"
    }

    fn permalink(&self, _: &Site, _: &Key) -> Permalink {
        Permalink::folder(&["digest"])
    }

    fn reads(&self, site: &Site, _: &Key, reads: &mut Reads<'_>) {
        let views = crate::render::views::Views::new(site);
        for w in &site.indexes.archive.weeks {
            reads.view(&views.week(w, false));
        }
    }

    fn render(&self, cx: &Cx<'_>, route: &Route) -> Result<Vec<u8>> {
        let site = cx.site;
        let text = PageText {
            title: "Weekly digests".into(),
            description: format!("{}, week by week.", site.config.title),
            kind: "digest_index",
        };
        let mut ctx = cx.page(route, text, About::List);
        let weeks: Vec<_> = site
            .indexes
            .archive
            .weeks
            .iter()
            .map(|w| cx.views.week(w, false))
            .collect();
        ctx.insert("weeks", &weeks);
        cx.template("digest_index.html", &ctx, route)
    }

    fn is_page(&self) -> bool {
        true
    }
}

impl Generator for Digests {
    fn name(&self) -> &'static str {
        "digest"
    }

    fn outputs(&self, site: &Site, _: &[Route]) -> Vec<Key> {
        (0..site.indexes.archive.weeks.len())
            .map(Key::Item)
            .collect()
    }

    fn permalink(&self, site: &Site, key: &Key) -> Permalink {
        site.indexes.archive.weeks[week(key)].permalink.clone()
    }

    fn reads(&self, site: &Site, key: &Key, reads: &mut Reads<'_>) {
        let w = week(key);
        let weeks = &site.indexes.archive.weeks;
        reads.value(&(weeks[w].year, weeks[w].week));
        let label = |i: usize| weeks[i].label();
        reads.value(&[
            (w + 1 < weeks.len()).then(|| label(w + 1)),
            (w > 0).then(|| label(w - 1)),
        ]);
        // Cards carry their category, which decides the group.
        reads.cards(&weeks[w].articles);
    }

    fn render(&self, cx: &Cx<'_>, route: &Route) -> Result<Vec<u8>> {
        let w = week(&route.key);
        let site = cx.site;
        let weeks = &site.indexes.archive.weeks;
        let this = &weeks[w];
        let text = PageText {
            title: this.label(),
            description: format!(
                "The week's stories on {}: {}.",
                site.config.title,
                this.label()
            ),
            kind: "digest",
        };
        let mut ctx = cx.page(route, text, About::List);
        ctx.insert("week", &cx.views.week(this, true));
        let neighbour = |i: usize| NeighbourView {
            label: weeks[i].label(),
            url: cx.views.href(&weeks[i].permalink),
        };
        ctx.insert("previous", &(w + 1 < weeks.len()).then(|| neighbour(w + 1)));
        ctx.insert("next", &(w > 0).then(|| neighbour(w - 1)));
        cx.template("digest.html", &ctx, route)
    }

    fn is_page(&self) -> bool {
        true
    }

    fn last_modified(&self, site: &Site, key: &Key) -> Option<PubDate> {
        newest(site, &site.indexes.archive.weeks[week(key)].articles)
    }
}
