//! Rendered Markdown kept between `serve` rebuilds, by content hash: a rebuild that
//! must re-render the whole site re-renders only the bodies that changed. A body
//! that links to other stories is never cached, since its HTML depends on where
//! those stories live.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::RwLock;

use super::{Links, RawHtml, Rendered, render};

/// Rendered bodies by hash of (source, base path, raw HTML policy).
#[derive(Debug, Default)]
pub struct Cache {
    entries: RwLock<HashMap<u64, (Rendered, bool)>>,
}

fn key(source: &str, base_path: &str, raw_html: RawHtml) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    source.hash(&mut h);
    base_path.hash(&mut h);
    raw_html.hash(&mut h);
    h.finish()
}

impl Cache {
    /// An empty cache.
    pub fn new() -> Cache {
        Cache::default()
    }

    /// Renders `source`, or returns the copy rendered before.
    pub fn render(&self, source: &str, links: &Links<'_>, raw_html: RawHtml) -> Rendered {
        if source.contains(".md") {
            return render(source, links, raw_html);
        }
        let k = key(source, links.base_path, raw_html);
        {
            let read = self.entries.read().unwrap_or_else(|e| e.into_inner());
            if let Some((rendered, _)) = read.get(&k) {
                let hit = rendered.clone();
                drop(read);
                if let Some(entry) = self
                    .entries
                    .write()
                    .unwrap_or_else(|e| e.into_inner())
                    .get_mut(&k)
                {
                    entry.1 = true;
                }
                return hit;
            }
        }
        let rendered = render(source, links, raw_html);
        self.entries
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(k, (rendered.clone(), true));
        rendered
    }

    /// Forgets the bodies not used since the last call, so the cache holds one
    /// copy of the site and no more.
    pub fn prune(&self) {
        let mut entries = self.entries.write().unwrap_or_else(|e| e.into_inner());
        entries.retain(|_, (_, used)| std::mem::take(used));
    }

    /// How many bodies are cached.
    pub fn len(&self) -> usize {
        self.entries.read().unwrap_or_else(|e| e.into_inner()).len()
    }

    /// Whether nothing is cached.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hits_are_equal_to_fresh_renders_and_unused_entries_go() {
        let cache = Cache::new();
        let links = Links::plain("/");
        let sane = RawHtml::Sanitize;
        let a = cache.render("## A\n\nText.\n", &links, sane);
        assert_eq!(cache.render("## A\n\nText.\n", &links, sane), a);
        assert_eq!(cache.len(), 1);
        cache.render("Linked [x](other.md).\n", &links, sane);
        assert_eq!(cache.len(), 1, "bodies with story links are not cached");
        cache.prune();
        assert_eq!(cache.len(), 1, "used since the last prune");
        cache.prune();
        assert!(cache.is_empty(), "unused since the last prune");
    }

    #[test]
    fn the_raw_html_policy_is_part_of_the_key() {
        let cache = Cache::new();
        let links = Links::plain("/");
        let body = "<u onclick=\"go()\">u</u>\n";
        let clean = cache.render(body, &links, RawHtml::Sanitize);
        let trusted = cache.render(body, &links, RawHtml::Trusted);
        assert!(!clean.html.contains("onclick"), "{}", clean.html);
        assert!(trusted.html.contains("onclick"), "{}", trusted.html);
    }
}
