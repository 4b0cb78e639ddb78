//! The engine: one driver for `build`, `serve` and `check`. From an assembled site
//! and a theme it makes a [`Plan`]: the route table (clashes refused), the static
//! files (which win over a generated file of the same name, here and nowhere else),
//! and the hashes of everything outputs read ([`Inputs`]). Each output's kind
//! declares what it reads ([`Reads`]); the hash of those reads is its
//! [`Fingerprint`], and only outputs whose fingerprint differs from the one recorded
//! for their file last time are rendered. A full build is the case where nothing
//! was recorded.

mod assets;
mod before;
pub mod bundles;
pub mod cache;
mod inputs;
#[cfg(test)]
pub(crate) mod tests;

use std::path::PathBuf;

use rayon::prelude::*;

pub use assets::{Asset, assets};
pub use before::Before;
pub use inputs::{Fingerprint, Inputs, Reads, Recorded};

use crate::error::{Error, Result};
use crate::output::{Files, file_key};
use crate::render::kind::Family;
use crate::render::{Cards, Cx, Route, RouteTable, Theme, check_static_clashes, routes};
use crate::site::Site;

/// Everything a site will output, before any of it is rendered. It owns what it
/// computed and borrows nothing, so `serve` keeps it beside the site it planned
/// and patches it when one story's body changes.
pub struct Plan {
    /// Every route, in table order (sitemaps list them all, shadowed ones too).
    routes: Vec<Route>,
    /// The routes written: those no static file replaces, with their files.
    outputs: Vec<(usize, PathBuf)>,
    /// The static files, theme first with the site's own winning.
    pub assets: Vec<Asset>,
    inputs: Inputs,
    /// In `serve`, the story cards rendered for this plan's outputs (and the card
    /// views list pages were given), with those of the last plan for stories whose
    /// card did not change, kept for the next plan. `None` in a build, whose renders keep their cards only while
    /// they run: it makes no next plan, and at 10,000 stories the cards' 16 MiB
    /// would stay through the steps after rendering and raise the peak.
    cards: Option<Cards>,
    /// What the last [`Plan::compare`] found: each output's fingerprint, whether
    /// it is to be rendered, and the articles it read. Only `serve` asks which
    /// outputs read an article, after a body edit: it scans these (a fraction of
    /// a millisecond at 10,000 stories) rather than every comparison inverting
    /// them for a question most never get.
    last: Vec<Option<Fingerprint>>,
    stale: Vec<bool>,
    reads: Vec<Vec<u32>>,
    /// The outputs that read something derived from every story.
    derived: Vec<u32>,
    /// The outputs [`Plan::compare`] left unfingerprinted because the search
    /// index they read was pending; [`Plan::compare_pending`] does them.
    pending: Vec<u32>,
}

/// Takes each rendered file as it comes (a full build writes it to staging).
pub type Keep<'k> = dyn Fn(&PathBuf, &[u8]) -> Result<()> + Sync + 'k;

impl Plan {
    /// Plans `site` with `theme`: routes, clashes with static files, inputs.
    pub fn new(site: &Site, theme: &Theme) -> Result<Plan> {
        Plan::with_table(
            site,
            theme,
            || Plan::checked_table(site, theme),
            None,
            false,
        )
    }

    /// [`Plan::new`] with `last`, the site planned before and its plan (`serve`):
    /// the stories an edit left as they were keep the hashes of their inputs.
    /// It keeps the cards it renders for the plan after it, and takes over
    /// `last`'s (those whose card stands), so `last` renders with an empty card
    /// cache should it render again.
    pub fn after(site: &Site, theme: &Theme, last: Option<(&Site, &mut Plan)>) -> Result<Plan> {
        Plan::with_table(site, theme, || Plan::checked_table(site, theme), last, true)
    }

    /// The route table of `site`, refused when a static file clashes with a page.
    fn checked_table(site: &Site, theme: &Theme) -> Result<RouteTable> {
        let table = routes(site)?;
        let bundled = bundles::files(site)?;
        check_static_clashes(site, &table, &theme.static_dirs, &bundled)?;
        Ok(table)
    }

    /// [`Plan::new`] from a route table already made, without refusing static
    /// files that clash with pages: `check` reports those itself and still renders
    /// every page for template errors.
    pub fn of_table(site: &Site, theme: &Theme, table: RouteTable) -> Result<Plan> {
        Plan::with_table(site, theme, || Ok(table), None, false)
    }

    /// Plans `site` with the route table that `table` makes. The table and the
    /// static files are made while the inputs are hashed: each is a pass over the
    /// whole site, and the table's runs mostly on one thread.
    fn with_table(
        site: &Site,
        theme: &Theme,
        table: impl FnOnce() -> Result<RouteTable> + Send,
        last: Option<(&Site, &mut Plan)>,
        keep_cards: bool,
    ) -> Result<Plan> {
        let last_inputs = last.as_ref().map(|(s, p)| (*s, &p.inputs));
        let (made, inputs) = rayon::join(
            || Ok::<_, Error>((table()?, assets(site, theme)?)),
            || Inputs::new(site, theme.digest, last_inputs),
        );
        let (table, assets) = made?;
        // A site's own static file wins over a generated one of the same name.
        // Compared by bytes (`file_key`): the route table's files and the assets'
        // names are made alike, and naming 30,000 files as text was most of this
        // step in a `serve` reassembly.
        let shadowed: Files<'_> = assets.iter().map(|a| a.name.as_bytes()).collect();
        let RouteTable { routes, files } = table;
        let outputs = files
            .into_iter()
            .enumerate()
            .filter(|(_, file)| !shadowed.contains(file_key(file)))
            .collect();
        // The last plan's cards, when it kept any, for the stories whose card
        // stands: taken from it, as it renders nothing once this plan exists.
        let cards = keep_cards.then(|| {
            let Some((last_site, plan)) = last else {
                return Cards::lasting();
            };
            match plan.cards.take() {
                Some(cards) => {
                    let unchanged = inputs.unchanged_cards(site, (last_site, &plan.inputs));
                    cards.narrowed(|url| unchanged.contains(url))
                }
                None => Cards::lasting(),
            }
        });
        Ok(Plan {
            routes,
            outputs,
            assets,
            inputs,
            cards,
            last: Vec::new(),
            stale: Vec::new(),
            reads: Vec::new(),
            derived: Vec::new(),
            pending: Vec::new(),
        })
    }

    /// The cards a render fills and takes from: the plan's own, or in a build,
    /// a cache of the render's own.
    fn cards(&self) -> Cards {
        self.cards.clone().unwrap_or_default()
    }

    /// Every route.
    pub fn routes(&self) -> &[Route] {
        &self.routes
    }

    /// The files the routes are written to (shadowed routes left out).
    pub fn files(&self) -> impl Iterator<Item = &PathBuf> {
        self.outputs.iter().map(|(_, f)| f)
    }

    /// How many output files each family of kinds makes, in summary order; families
    /// with none are left out.
    pub fn families(&self) -> Vec<(Family, usize)> {
        let mut counts = [0; Family::ALL.len()];
        for (route, _) in &self.outputs {
            // `ALL` lists the families in declaration order.
            counts[self.routes[*route].kind.family() as usize] += 1;
        }
        Family::ALL
            .into_iter()
            .zip(counts)
            .filter(|(_, n)| *n > 0)
            .collect()
    }

    /// How many output files the routes make.
    pub fn len(&self) -> usize {
        self.outputs.len()
    }

    /// Whether the routes make no output file (static files may replace them all).
    pub fn is_empty(&self) -> bool {
        self.outputs.is_empty()
    }

    /// The fingerprint of output `n` (a position in the outputs) of `site`, and
    /// the articles it reads.
    fn fingerprint(&self, site: &Site, n: usize) -> Recorded {
        let route = &self.routes[self.outputs[n].0];
        let mut reads = self.inputs.reads();
        // Not the key: its positions shift when a story is added before it. The
        // file is the output's identity; what the key means, the kind reads.
        reads.value(route.kind.name());
        route.kind.reads(site, &route.key, &mut reads);
        reads.finish()
    }

    /// Fingerprints every output of `site` and marks for [`Plan::render`] those
    /// whose fingerprint is not the one in `before` (all of them when `before` is
    /// empty), and those made every time. Returns how many are marked. While the
    /// site's search index is pending, its outputs are marked and left for
    /// [`Plan::compare_pending`]: what they read does not exist yet (a third of
    /// the outputs at 10,000 stories, and `serve` reloads the browser before).
    pub fn compare(&mut self, site: &Site, before: &Before<'_>) -> usize {
        let deferred = |n: usize| {
            site.indexes.search.is_pending()
                && self.routes[self.outputs[n].0].kind.family() == Family::Search
        };
        let prints: Vec<(Option<Recorded>, bool)> = (0..self.outputs.len())
            .into_par_iter()
            .map(|n| {
                if deferred(n) {
                    return (None, true);
                }
                let recorded = self.fingerprint(site, n);
                let fp = recorded.fingerprint;
                let stale = fp.is_none() || fp != before.get(n, &self.outputs[n].1);
                (Some(recorded), stale)
            })
            .collect();
        let len = prints.len();
        self.last = Vec::with_capacity(len);
        self.stale = Vec::with_capacity(len);
        self.reads = Vec::with_capacity(len);
        self.derived = Vec::new();
        self.pending = Vec::new();
        for (n, (recorded, stale)) in prints.into_iter().enumerate() {
            self.stale.push(stale);
            let Some(recorded) = recorded else {
                self.pending.push(n as u32);
                self.last.push(None);
                self.reads.push(Vec::new());
                continue;
            };
            self.last.push(recorded.fingerprint);
            if recorded.derived {
                self.derived.push(n as u32);
            }
            self.reads.push(recorded.stories);
        }
        self.stale.iter().filter(|&&stale| stale).count()
    }

    /// Fingerprints the outputs [`Plan::compare`] left while the search index was
    /// pending, once it is made (`serve`, after the pages are written), and marks
    /// those that changed since `before`. What the other outputs read stands as
    /// compared.
    pub fn compare_pending(&mut self, site: &Site, before: &Before<'_>) {
        let pending = std::mem::take(&mut self.pending);
        let prints: Vec<(usize, Recorded)> = pending
            .par_iter()
            .map(|&n| (n as usize, self.fingerprint(site, n as usize)))
            .collect();
        for (n, recorded) in prints {
            let fp = recorded.fingerprint;
            self.stale[n] = fp.is_none() || fp != before.get(n, &self.outputs[n].1);
            self.last[n] = fp;
            if recorded.derived {
                self.derived.push(n as u32);
            }
            self.reads[n] = recorded.stories;
        }
    }

    /// Marks every output for [`Plan::render`] (a full build), keeping what
    /// [`Plan::compare`] recorded.
    pub fn mark_all(&mut self) {
        self.stale.iter_mut().for_each(|stale| *stale = true);
    }

    /// What each output file was last fingerprinted as (files made every time
    /// left out): the `before` of the next [`Plan::compare`], and the build cache.
    pub fn recorded(&self) -> impl Iterator<Item = (&PathBuf, Option<Fingerprint>)> {
        self.outputs
            .iter()
            .map(|(_, f)| f)
            .zip(self.last.iter().copied())
    }

    /// Renders, in parallel, the outputs [`Plan::compare`] marked; `keep` is
    /// called with each rendered file instead of collecting it when given (a full
    /// build writes pages as they come rather than holding the site in memory).
    pub fn render(
        &self,
        site: &Site,
        theme: &Theme,
        keep: Option<&Keep<'_>>,
    ) -> Result<Vec<(PathBuf, Vec<u8>)>> {
        self.render_in(site, theme, keep, &|_| true)
    }

    /// [`Plan::render`] for the outputs of the families `wanted` accepts (`serve`
    /// writes the pages before it makes the search index).
    pub fn render_in(
        &self,
        site: &Site,
        theme: &Theme,
        keep: Option<&Keep<'_>>,
        wanted: &(dyn Fn(Family) -> bool + Sync),
    ) -> Result<Vec<(PathBuf, Vec<u8>)>> {
        let cx = Cx::new(site, theme, &self.routes, &self.cards());
        // A pending search index (`serve`, before the pages are written) has
        // nothing to render the search outputs from.
        let pending = site.indexes.search.is_pending();
        let rendered: Vec<Option<(PathBuf, Vec<u8>)>> = (0..self.outputs.len())
            .into_par_iter()
            .filter(|&n| self.stale[n])
            .filter(|&n| {
                let family = self.routes[self.outputs[n].0].kind.family();
                wanted(family) && !(pending && family == Family::Search)
            })
            .map(|n| {
                let (route, file) = &self.outputs[n];
                let bytes = cx.render(&self.routes[*route])?;
                match keep {
                    Some(keep) => keep(file, &bytes).map(|()| None),
                    None => Ok(Some((file.clone(), bytes))),
                }
            })
            .collect::<Result<_>>()?;
        Ok(rendered.into_iter().flatten().collect())
    }

    /// After article `i` of `site` changed in place (its body; nothing that moves
    /// it or changes which outputs exist), hashes it again and renders the outputs
    /// that read it, or that are made every time, whose fingerprint changed. Only
    /// valid after a [`Plan::compare`] of this site. Returns the files rendered.
    pub fn patch_article(
        &mut self,
        site: &Site,
        theme: &Theme,
        i: usize,
    ) -> Result<Vec<(PathBuf, Vec<u8>)>> {
        self.patch_article_in(site, theme, i, &|_| true)
    }

    /// [`Plan::patch_article`] for the outputs of the families `wanted` accepts;
    /// the others are left as they were recorded, for a later patch to find.
    pub fn patch_article_in(
        &mut self,
        site: &Site,
        theme: &Theme,
        i: usize,
        wanted: &dyn Fn(Family) -> bool,
    ) -> Result<Vec<(PathBuf, Vec<u8>)>> {
        if let (true, Some(cards)) = (self.inputs.refresh_article(site, i), &self.cards) {
            cards.forget(&site.articles[i].href);
        }
        let story = i as u32;
        let mut candidates: Vec<u32> = (0..self.reads.len() as u32)
            .into_par_iter()
            .filter(|&n| self.reads[n as usize].contains(&story))
            .collect();
        candidates.extend(&self.derived);
        candidates.extend((0..self.last.len() as u32).filter(|&n| self.last[n as usize].is_none()));
        candidates.sort_unstable();
        candidates.dedup();
        let routes = &self.routes;
        let outputs = &self.outputs;
        candidates.retain(|&n| wanted(routes[outputs[n as usize].0].kind.family()));
        let cx = Cx::new(site, theme, &self.routes, &self.cards());
        type Patched = (usize, Option<Fingerprint>, (PathBuf, Vec<u8>));
        let results: Vec<Option<Patched>> = candidates
            .par_iter()
            .map(|&n| {
                let n = n as usize;
                let fp = self.fingerprint(site, n).fingerprint;
                if fp.is_some() && fp == self.last[n] {
                    return Ok(None);
                }
                let bytes = cx.render(&self.routes[self.outputs[n].0])?;
                Ok(Some((n, fp, (self.outputs[n].1.clone(), bytes))))
            })
            .collect::<Result<_>>()?;
        Ok(results
            .into_iter()
            .flatten()
            .map(|(n, fp, file)| {
                self.last[n] = fp;
                file
            })
            .collect())
    }
}

impl Plan {
    /// Renders every output in memory and returns the errors, for `check`.
    pub fn render_errors(&self, site: &Site, theme: &Theme) -> Vec<Error> {
        let cx = Cx::new(site, theme, &self.routes, &self.cards());
        self.outputs
            .par_iter()
            .filter_map(|(route, _)| cx.render(&self.routes[*route]).err())
            .collect()
    }
}
