//! Rendered bodies kept on disk between builds (`.smartpicks/bodies`), so a build
//! after a small edit renders only the bodies that changed, as `serve` does in
//! memory: at 10,000 stories, rendering every body is about 400 ms of a warm build.
//! One JSON line a body, read in parallel. The file names the program that wrote it
//! (a changed renderer renders again) and is replaced whole, under a temporary name,
//! only when a body was rendered or dropped. A body that had a problem (a broken
//! link, an unsafe URL, a bad embed, nesting too deep) is not kept: it is rendered,
//! and its problem told, every time.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::{Answer, Cache, Entry};
use crate::markdown::{BodyImage, DroppedHtml, Rendered, TocEntry};

const FORMAT: &str = "smartpicks rendered bodies 1";

/// One body as the file keeps it: its key, the answers its links got, and what
/// rendering it gave.
#[derive(Serialize, Deserialize)]
struct Stored {
    key: u64,
    answers: Vec<Answer>,
    html: String,
    toc: Vec<TocEntry>,
    first_paragraph: String,
    words: usize,
    dropped_html: Vec<DroppedHtml>,
    embeds: usize,
    images: Vec<BodyImage>,
}

fn file(root: &Path) -> PathBuf {
    root.join(crate::engine::cache::DIR).join("bodies")
}

fn header() -> String {
    format!("{FORMAT} {}\n", crate::engine::cache::program())
}

impl Cache {
    /// The bodies the last build of the site in `root` kept; empty when there is
    /// no such file, or another program wrote it.
    pub fn load(root: &Path) -> Cache {
        let cache = Cache::new();
        let Ok(text) = std::fs::read_to_string(file(root)) else {
            return cache;
        };
        let Some(body) = text.strip_prefix(&header()) else {
            return cache;
        };
        let lines: Vec<&str> = body.lines().collect();
        let stored: Vec<(u64, Entry)> = lines
            .par_iter()
            .filter_map(|line| serde_json::from_str::<Stored>(line).ok())
            .map(|s| (s.key, s.into_entry()))
            .collect();
        *cache.entries.write().unwrap_or_else(|e| e.into_inner()) = stored.into_iter().collect();
        cache
    }

    /// Removes the kept bodies of the site in `root` (`--no-cache` keeps no cache).
    pub fn forget(root: &Path) {
        let _ = std::fs::remove_file(file(root));
    }

    /// Keeps the bodies for the next build (best effort: without the file the next
    /// build renders every body). Call after [`Cache::prune`], so only this
    /// build's bodies are kept.
    pub fn save(&self, root: &Path) {
        if !self.changed.swap(false, Ordering::Relaxed) {
            return;
        }
        let entries = self.entries.read().unwrap_or_else(|e| e.into_inner());
        let mut keys: Vec<u64> = entries.keys().copied().collect();
        keys.sort_unstable();
        let path = file(root);
        let tmp = path.with_extension(format!("tmp-{}", std::process::id()));
        let written = (|| -> std::io::Result<()> {
            std::fs::create_dir_all(path.parent().expect("in the cache folder"))?;
            let mut out = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
            out.write_all(header().as_bytes())?;
            for key in keys {
                let Some(stored) = Stored::of(key, &entries[&key]) else {
                    continue;
                };
                serde_json::to_writer(&mut out, &stored)?;
                out.write_all(b"\n")?;
            }
            out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
            std::fs::rename(&tmp, &path)
        })();
        if written.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
    }
}

impl Stored {
    /// The entry as kept, unless its body had a problem.
    fn of(key: u64, entry: &Entry) -> Option<Stored> {
        let r = &*entry.rendered;
        let troubled = !r.broken_links.is_empty()
            || !r.unsafe_urls.is_empty()
            || !r.bad_embeds.is_empty()
            || r.too_deep.is_some();
        (!troubled).then(|| Stored {
            key,
            answers: entry.answers.clone(),
            html: r.html.clone(),
            toc: r.toc.clone(),
            first_paragraph: r.first_paragraph.clone(),
            words: r.words,
            dropped_html: r.dropped_html.clone(),
            embeds: r.embeds,
            images: r.images.clone(),
        })
    }

    fn into_entry(self) -> Entry {
        Entry {
            rendered: Arc::new(Rendered {
                html: self.html,
                toc: self.toc,
                first_paragraph: self.first_paragraph,
                words: self.words,
                broken_links: Vec::new(),
                unsafe_urls: Vec::new(),
                dropped_html: self.dropped_html,
                too_deep: None,
                embeds: self.embeds,
                bad_embeds: Vec::new(),
                images: self.images,
            }),
            answers: self.answers,
            used: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::{Links, RawHtml};

    #[test]
    fn kept_bodies_read_back_equal_and_troubled_ones_are_rendered_again() {
        let dir = tempfile::tempdir().unwrap();
        let links = Links::plain("/");
        let sane = RawHtml::Sanitize;
        let good = "## A\n\nText with ![a picture](p.png) and <u>html</u>.\n";
        let bad = "[x](javascript:alert(1))\n";
        let cache = Cache::new();
        let a = cache.render(good, &links, sane);
        cache.render(bad, &links, sane);
        cache.save(dir.path());
        let back = Cache::load(dir.path());
        assert_eq!(back.len(), 1, "the body with an unsafe link is not kept");
        assert_eq!(back.render(good, &links, sane), a);
        assert!(
            !back.changed.load(Ordering::Relaxed),
            "a hit changes nothing"
        );
        // Another program's file is not read.
        let text = std::fs::read_to_string(file(dir.path())).unwrap();
        std::fs::write(file(dir.path()), text.replacen("program", "programme", 1)).unwrap();
        assert!(Cache::load(dir.path()).is_empty());
    }
}
