//! Redirect stubs: `page/1/` of every list to the list itself, and each story's
//! `aliases:` (old URLs) to its page. Hosts that read `_redirects` get rules for
//! the aliases too (see `sitemap.rs`).

use crate::engine::Reads;
use crate::error::Result;
use crate::index::TaxonomyKind;
use crate::render::context::{Cx, redirect_page};
use crate::render::kind::{Family, Generator, Key, Route, Source};
use crate::site::Site;
use crate::url::Permalink;

/// Every redirect stub.
pub struct Redirects;

impl Generator for Redirects {
    fn name(&self) -> &'static str {
        "redirect"
    }

    fn family(&self) -> Family {
        Family::Redirect
    }

    fn outputs(&self, site: &Site, _: &[Route]) -> Vec<Key> {
        let stub = |base: &Permalink| Key::Redirect {
            from: base.child(&["page", "1"]),
            to: base.clone(),
            alias_of: None,
        };
        let mut keys = vec![stub(&Permalink::root())];
        for kind in TaxonomyKind::ALL {
            keys.extend(
                site.indexes
                    .taxonomy(kind)
                    .terms
                    .iter()
                    .map(|t| stub(&t.permalink)),
            );
        }
        for (i, a) in site.articles.iter().enumerate() {
            for alias in &a.aliases {
                keys.push(Key::Redirect {
                    from: Permalink::parse_alias(alias).expect("aliases are checked when loading"),
                    to: a.permalink.clone(),
                    alias_of: Some(i),
                });
            }
        }
        keys
    }

    fn permalink(&self, _: &Site, key: &Key) -> Permalink {
        match key {
            Key::Redirect { from, .. } => from.clone(),
            other => unreachable!("redirect routes are redirects, not {other:?}"),
        }
    }

    fn reads(&self, _: &Site, key: &Key, reads: &mut Reads<'_>) {
        if let Key::Redirect { to, .. } = key {
            reads.value(to);
        }
    }

    fn render(&self, cx: &Cx<'_>, route: &Route) -> Result<Vec<u8>> {
        match &route.key {
            Key::Redirect { to, .. } => Ok(redirect_page(&cx.site.config.base_url.absolute(to))),
            other => unreachable!("redirect routes are redirects, not {other:?}"),
        }
    }

    fn source(&self, key: &Key) -> Source {
        match key {
            Key::Redirect {
                alias_of: Some(i), ..
            } => Source::Alias(*i),
            _ => Source::Generated,
        }
    }
}
