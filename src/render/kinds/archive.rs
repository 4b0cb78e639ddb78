//! Date archives: one page per year (its months, with counts and their newest
//! stories), one per month (all its stories), and the overview of every year and
//! month. A year page shows a few stories per month, not all: a busy year has
//! thousands, which made its page megabytes long.

use crate::content::PubDate;
use crate::engine::Reads;
use crate::error::Result;
use crate::render::context::{Cx, NeighbourView};
use crate::render::kind::{Generator, Key, Route, newest};
use crate::render::metadata::{About, PageText};
use crate::site::Site;
use crate::url::Permalink;

/// How many of each month's newest stories a year page shows.
pub const YEAR_HIGHLIGHTS: usize = 3;

/// `/2026/`, ...
pub struct Years;

/// `/2026/07/`, ...
pub struct Months;

/// `/archive/`.
pub struct Overview;

fn item(key: &Key) -> usize {
    match key {
        Key::Item(i) => *i,
        other => unreachable!("archive routes are items, not {other:?}"),
    }
}

/// The labels of the items before and after `i` in a newest-first list.
fn neighbours(i: usize, len: usize, label: impl Fn(usize) -> String) -> [Option<String>; 2] {
    [
        (i + 1 < len).then(|| label(i + 1)),
        (i > 0).then(|| label(i - 1)),
    ]
}

impl Generator for Years {
    fn name(&self) -> &'static str {
        "year"
    }

    fn outputs(&self, site: &Site, _: &[Route]) -> Vec<Key> {
        (0..site.indexes.archive.years.len())
            .map(Key::Item)
            .collect()
    }

    fn permalink(&self, site: &Site, key: &Key) -> Permalink {
        site.indexes.archive.years[item(key)].permalink.clone()
    }

    fn reads(&self, site: &Site, key: &Key, reads: &mut Reads<'_>) {
        let y = item(key);
        let years = &site.indexes.archive.years;
        reads.view(&crate::render::views::Views::new(site).year(&years[y], 0));
        for &m in &years[y].months {
            let list = &site.indexes.archive.months[m].articles;
            reads.cards(&list[..YEAR_HIGHLIGHTS.min(list.len())]);
        }
        reads.value(&neighbours(y, years.len(), |i| years[i].year.to_string()));
    }

    fn render(&self, cx: &Cx<'_>, route: &Route) -> Result<Vec<u8>> {
        let y = item(&route.key);
        let years = &cx.site.indexes.archive.years;
        let year = &years[y];
        let text = PageText {
            title: year.year.to_string(),
            description: format!("Stories of {}, month by month.", year.year),
            kind: "year",
        };
        let mut ctx = cx.page(route, text, About::List);
        ctx.insert("year", &cx.views.year(year, YEAR_HIGHLIGHTS));
        let neighbour = |i: usize| NeighbourView {
            label: years[i].year.to_string(),
            url: cx.views.href(&years[i].permalink),
        };
        ctx.insert("previous", &(y + 1 < years.len()).then(|| neighbour(y + 1)));
        ctx.insert("next", &(y > 0).then(|| neighbour(y - 1)));
        cx.template("year.html", &ctx, route)
    }

    fn is_page(&self) -> bool {
        true
    }

    fn last_modified(&self, site: &Site, key: &Key) -> Option<PubDate> {
        let ix = &site.indexes;
        ix.archive.years[item(key)]
            .months
            .iter()
            .filter_map(|&m| newest(site, &ix.archive.months[m].articles))
            .max_by_key(|d| d.timestamp)
    }
}

impl Generator for Months {
    fn name(&self) -> &'static str {
        "month"
    }

    fn outputs(&self, site: &Site, _: &[Route]) -> Vec<Key> {
        (0..site.indexes.archive.months.len())
            .map(Key::Item)
            .collect()
    }

    fn permalink(&self, site: &Site, key: &Key) -> Permalink {
        site.indexes.archive.months[item(key)].permalink.clone()
    }

    fn reads(&self, site: &Site, key: &Key, reads: &mut Reads<'_>) {
        let m = item(key);
        let months = &site.indexes.archive.months;
        reads.value(&(months[m].year, months[m].month));
        reads.value(&neighbours(m, months.len(), |i| months[i].label()));
        reads.cards(&months[m].articles);
    }

    fn render(&self, cx: &Cx<'_>, route: &Route) -> Result<Vec<u8>> {
        let m = item(&route.key);
        let ix = &cx.site.indexes;
        let months = &ix.archive.months;
        let month = &months[m];
        let text = PageText {
            title: month.label(),
            description: format!("Stories of {}.", month.label()),
            kind: "month",
        };
        let mut ctx = cx.page(route, text, About::List);
        ctx.insert("month", &cx.views.month(month, usize::MAX));
        let year = ix
            .archive
            .years
            .iter()
            .find(|y| y.year == month.year)
            .expect("a month belongs to a year");
        ctx.insert(
            "year",
            &NeighbourView {
                label: year.year.to_string(),
                url: cx.views.href(&year.permalink),
            },
        );
        let neighbour = |i: usize| NeighbourView {
            label: months[i].label(),
            url: cx.views.href(&months[i].permalink),
        };
        ctx.insert(
            "previous",
            &(m + 1 < months.len()).then(|| neighbour(m + 1)),
        );
        ctx.insert("next", &(m > 0).then(|| neighbour(m - 1)));
        cx.template("month.html", &ctx, route)
    }

    fn is_page(&self) -> bool {
        true
    }

    fn last_modified(&self, site: &Site, key: &Key) -> Option<PubDate> {
        newest(site, &site.indexes.archive.months[item(key)].articles)
    }
}

impl Generator for Overview {
    fn name(&self) -> &'static str {
        "archive"
    }

    fn permalink(&self, _: &Site, _: &Key) -> Permalink {
        Permalink::folder(&["archive"])
    }

    fn reads(&self, site: &Site, _: &Key, reads: &mut Reads<'_>) {
        let views = crate::render::views::Views::new(site);
        for y in &site.indexes.archive.years {
            reads.view(&views.year(y, 0));
        }
    }

    fn render(&self, cx: &Cx<'_>, route: &Route) -> Result<Vec<u8>> {
        let site = cx.site;
        let text = PageText {
            title: "Archive".into(),
            description: format!("Every story on {}, by year and month.", site.config.title),
            kind: "archive",
        };
        let mut ctx = cx.page(route, text, About::List);
        let years: Vec<_> = site
            .indexes
            .archive
            .years
            .iter()
            .map(|y| cx.views.year(y, 0))
            .collect();
        ctx.insert("years", &years);
        cx.template("archive.html", &ctx, route)
    }

    fn is_page(&self) -> bool {
        true
    }
}
