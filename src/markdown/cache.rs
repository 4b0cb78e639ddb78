//! Rendered Markdown kept between rebuilds, by content hash: a rebuild that must
//! reassemble the site re-renders only the bodies that changed. A body that links to
//! other stories is kept with the answers its links got (`other.md` → the story's
//! URL, or why it has none), and reused only while every one of those links still
//! resolves to the same answer: a story renamed or made a draft renders the bodies
//! that link to it again, and only those. An embed's poster is kept the same way
//! (its URL, or why there is none), so a poster file removed renders the bodies that
//! show it again, and the build reports them.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use rustc_hash::FxBuildHasher;
use xxhash_rust::xxh3::Xxh3;

use super::{Links, RawHtml, Rendered, render, render_inline};

/// What a body asked while it rendered: a story link's target or a poster's path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Asked {
    Story,
    Poster,
}

/// What a link to a story or a poster resolved to.
type Answer = (Asked, String, Result<String, String>);

impl Links<'_> {
    /// What `links` answer now to a question a body asked.
    fn answer(&self, asked: Asked, target: &str) -> Result<String, String> {
        match asked {
            Asked::Story => (self.story)(target),
            Asked::Poster => (self.poster)(target),
        }
    }
}

/// A rendered body, the answers its links got, and whether it was used since the
/// last [`Cache::prune`].
#[derive(Debug)]
struct Entry {
    rendered: Arc<Rendered>,
    answers: Vec<Answer>,
    used: AtomicBool,
}

/// Rendered bodies by hash of (source, base path, raw HTML policy).
#[derive(Debug, Default)]
pub struct Cache {
    entries: RwLock<HashMap<u128, Entry, FxBuildHasher>>,
}

/// 128 bits of XXH3: every story's source is hashed on every reassembly, so the
/// hash must be fast (SipHash took a third of looking the bodies up at 10,000
/// stories), and wide enough that two sources never share a key.
fn key(form: Form, source: &str, base_path: &str, raw_html: RawHtml) -> u128 {
    let mut h = Xxh3::new();
    source.hash(&mut h);
    base_path.hash(&mut h);
    raw_html.hash(&mut h);
    form.hash(&mut h);
    h.digest128()
}

/// Whether a source is a story's body or an inline text (a correction's note),
/// which render differently: the same text is two entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Form {
    Body,
    Inline,
}

impl Cache {
    /// An empty cache.
    pub fn new() -> Cache {
        Cache::default()
    }

    /// Renders `source`, or returns the copy rendered before if its links still
    /// resolve as they did then.
    pub fn render(&self, source: &str, links: &Links<'_>, raw_html: RawHtml) -> Arc<Rendered> {
        self.render_as(Form::Body, source, links, raw_html)
    }

    /// [`Cache::render`] for inline text, as [`render_inline`] renders it: a
    /// correction's note, rendered again on every reassembly otherwise.
    pub fn render_inline(
        &self,
        source: &str,
        links: &Links<'_>,
        raw_html: RawHtml,
    ) -> Arc<Rendered> {
        self.render_as(Form::Inline, source, links, raw_html)
    }

    fn render_as(
        &self,
        form: Form,
        source: &str,
        links: &Links<'_>,
        raw_html: RawHtml,
    ) -> Arc<Rendered> {
        let k = key(form, source, links.base_path, raw_html);
        {
            let read = self.entries.read().unwrap_or_else(|e| e.into_inner());
            if let Some(entry) = read.get(&k)
                && entry
                    .answers
                    .iter()
                    .all(|(asked, target, answer)| links.answer(*asked, target) == *answer)
            {
                entry.used.store(true, Ordering::Relaxed);
                return entry.rendered.clone();
            }
        }
        let answers: Mutex<Vec<Answer>> = Mutex::default();
        let record = |asked: Asked, target: &str| {
            let answer = links.answer(asked, target);
            answers.lock().unwrap_or_else(|e| e.into_inner()).push((
                asked,
                target.to_owned(),
                answer.clone(),
            ));
            answer
        };
        let story = |target: &str| record(Asked::Story, target);
        let poster = |path: &str| record(Asked::Poster, path);
        let recording = Links {
            base_path: links.base_path,
            story: &story,
            poster: &poster,
        };
        let rendered = Arc::new(match form {
            Form::Body => render(source, &recording, raw_html),
            Form::Inline => render_inline(source, &recording, raw_html),
        });
        let entry = Entry {
            rendered: rendered.clone(),
            answers: answers.into_inner().unwrap_or_else(|e| e.into_inner()),
            used: AtomicBool::new(true),
        };
        self.entries
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(k, entry);
        rendered
    }

    /// Forgets the bodies not used since the last call, so the cache holds one
    /// copy of the site and no more.
    pub fn prune(&self) {
        let mut entries = self.entries.write().unwrap_or_else(|e| e.into_inner());
        entries.retain(|_, e| std::mem::take(e.used.get_mut()));
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
        cache.prune();
        assert_eq!(cache.len(), 1, "used since the last prune");
        cache.prune();
        assert!(cache.is_empty(), "unused since the last prune");
    }

    #[test]
    fn inline_text_is_kept_apart_from_a_body_of_the_same_text() {
        let cache = Cache::new();
        let links = Links::plain("/");
        let sane = RawHtml::Sanitize;
        let text = "Fixed *the* date.";
        let inline = cache.render_inline(text, &links, sane);
        let body = cache.render(text, &links, sane);
        assert_eq!(*inline, render_inline(text, &links, sane));
        assert_eq!(*body, render(text, &links, sane));
        assert_ne!(
            inline.html, body.html,
            "a body wraps its text in a paragraph"
        );
        assert!(Arc::ptr_eq(
            &cache.render_inline(text, &links, sane),
            &inline
        ));
        assert_eq!(cache.len(), 2);
    }

    #[test]
    fn a_linked_body_is_reused_only_while_its_links_resolve_the_same() {
        fn links(story: &(dyn Fn(&str) -> Result<String, String> + Sync)) -> Links<'_> {
            Links {
                base_path: "/",
                story,
                ..Links::plain("/")
            }
        }
        let cache = Cache::new();
        let body = "See [the other story](other.md).\n";
        let sane = RawHtml::Sanitize;
        let first = |_: &str| Ok("/2026/first/".to_owned());
        let renamed = |_: &str| Ok("/2026/renamed/".to_owned());
        let gone = |_: &str| Err("a draft".to_owned());
        let a = cache.render(body, &links(&first), sane);
        assert!(a.html.contains("/2026/first/"), "{}", a.html);
        assert_eq!(cache.render(body, &links(&first), sane), a);
        let moved = cache.render(body, &links(&renamed), sane);
        assert!(moved.html.contains("/2026/renamed/"), "{}", moved.html);
        let broken = cache.render(body, &links(&gone), sane);
        assert_eq!(broken.broken_links.len(), 1, "{broken:?}");
        assert_eq!(cache.len(), 1, "one body, its latest rendering");
    }

    #[test]
    fn a_body_with_a_poster_is_reused_only_while_the_poster_resolves_the_same() {
        fn links(poster: &(dyn Fn(&str) -> Result<String, String> + Sync)) -> Links<'_> {
            Links {
                poster,
                ..Links::plain("/")
            }
        }
        let cache = Cache::new();
        let body = "```embed\nhttps://youtu.be/aqz-KE-bpKQ\nposter: /p.jpg\n```\n";
        let sane = RawHtml::Sanitize;
        let there = |p: &str| Ok(p.to_owned());
        let gone = |p: &str| Err(format!("{p} is gone"));
        let a = cache.render(body, &links(&there), sane);
        assert!(a.html.contains("src=\"/p.jpg\""), "{}", a.html);
        assert!(Arc::ptr_eq(&cache.render(body, &links(&there), sane), &a));
        let missing = cache.render(body, &links(&gone), sane);
        assert_eq!(missing.bad_embeds.len(), 1, "{missing:?}");
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
