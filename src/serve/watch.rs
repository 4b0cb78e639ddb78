//! Watching the site's inputs and rebuilding. Only the inputs are watched:
//! `content/`, `themes/`, `templates/` and `static/` recursively, and the root
//! itself alone (not what is under it) for `site.toml` and for input folders made
//! or replaced later. `target/`, `public/`, `.git/` and the rest are never watched,
//! so a cargo build or a `smartpicks build` beside the preview costs it nothing.
//! notify's full debouncer stitches the rename pairs of editors' atomic saves and
//! collapses bursts; each settled batch is sorted into [`Changes`] and applied by
//! the [`Session`] on the watcher's own thread.

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use notify::event::ModifyKind;
use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{
    DebounceEventResult, DebouncedEvent, Debouncer, RecommendedCache, new_debouncer,
};

use super::session::push_unique;
use super::{Changes, Live, Outcome, Session, Signal};
use crate::cli::{Verbosity, print};
use crate::config::CONFIG_FILE;
use crate::content::{CONTENT_DIR, is_ignored};
use crate::error::{Error, Result};

/// The folders of a site that hold its inputs, watched recursively when present.
pub const INPUT_DIRS: [&str; 4] = [CONTENT_DIR, "themes", "templates", "static"];
/// How long the watcher waits for a burst of changes to settle.
const DEBOUNCE: Duration = Duration::from_millis(60);
/// How often the watcher thread looks whether the server is stopping.
const STOP_POLL: Duration = Duration::from_millis(100);

type Watcher = Debouncer<notify::RecommendedWatcher, RecommendedCache>;

/// The watcher thread, rebuilding the site on every settled batch of changes.
pub struct Watching {
    stop: Arc<AtomicBool>,
    thread: JoinHandle<()>,
}

impl Watching {
    /// Watches the inputs of the site at `root` and starts the watcher thread.
    pub fn start(
        root: PathBuf,
        session: Session,
        live: Live,
        verbosity: Verbosity,
    ) -> Result<Watching> {
        let cannot_watch =
            |e: notify::Error| Error::Usage(format!("cannot watch {}: {e}", root.display()));
        let (tx, rx) = mpsc::channel();
        let mut watcher = new_debouncer(DEBOUNCE, None, tx).map_err(cannot_watch)?;
        // site.toml is watched through its folder: editors save by renaming a new
        // file over it, which a watch on the file itself would lose.
        watcher
            .watch(&root, RecursiveMode::NonRecursive)
            .map_err(cannot_watch)?;
        for dir in INPUT_DIRS {
            let path = root.join(dir);
            if path.is_dir() {
                watcher
                    .watch(&path, RecursiveMode::Recursive)
                    .map_err(cannot_watch)?;
            }
        }
        let stop = Arc::new(AtomicBool::new(false));
        let stopping = Arc::clone(&stop);
        let thread = std::thread::spawn(move || {
            let mut rebuilder = Rebuilder {
                watcher,
                root,
                session,
                live,
                verbosity,
            };
            while !stopping.load(Ordering::Relaxed) {
                match rx.recv_timeout(STOP_POLL) {
                    Ok(batch) => rebuilder.batch(batch, &rx),
                    Err(RecvTimeoutError::Timeout) => {}
                    Err(RecvTimeoutError::Disconnected) => break,
                }
            }
        });
        Ok(Watching { stop, thread })
    }

    /// Stops watching; returns once a rebuild under way has finished, so nothing
    /// writes into the output after this.
    pub fn stop(self) {
        self.stop.store(true, Ordering::Relaxed);
        let _ = self.thread.join();
    }
}

/// What the watcher thread owns.
struct Rebuilder {
    watcher: Watcher,
    root: PathBuf,
    session: Session,
    live: Live,
    verbosity: Verbosity,
}

impl Rebuilder {
    /// One rebuild for this batch and any that arrived meanwhile.
    fn batch(&mut self, first: DebounceEventResult, rx: &mpsc::Receiver<DebounceEventResult>) {
        let mut paths = changed_paths(first);
        while let Ok(more) = rx.try_recv() {
            paths.extend(changed_paths(more));
        }
        self.rewatch_inputs(&paths);
        // The theme may have changed in site.toml since start-up.
        let theme = self.session.theme().unwrap_or("smartpicks").to_owned();
        let changes = classify(&self.root, &theme, paths);
        if !changes.is_empty() {
            self.rebuild(&changes);
        }
    }

    /// Watches input folders made, moved in or replaced since the last batch (their
    /// old watch, if any, went with the old folder). Done before the rebuild, so a
    /// file written into a new folder is either seen by the rebuild or reported.
    fn rewatch_inputs(&mut self, paths: &[PathBuf]) {
        for dir in INPUT_DIRS {
            let path = self.root.join(dir);
            if !paths.contains(&path) {
                continue;
            }
            let _ = self.watcher.unwatch(&path);
            if path.is_dir()
                && let Err(e) = self.watcher.watch(&path, RecursiveMode::Recursive)
            {
                print::error(&format!("cannot watch {}: {e}", path.display()));
            }
        }
    }

    fn rebuild(&mut self, changes: &Changes) {
        let started = Instant::now();
        let talk = self.verbosity > Verbosity::Quiet;
        if self.verbosity == Verbosity::Verbose {
            println!("Changed: {}", self.describe(changes));
        }
        // The browser is told as soon as the pages are in place; the search index
        // may still be following (`Session::apply_then`).
        let live = &self.live;
        let mut shown = None;
        let result = self.session.apply_then(changes, &mut |outcome| {
            shown = Some(started.elapsed());
            match outcome {
                Outcome::Pages(_) => live.send(Signal::Reload),
                Outcome::Stylesheets(paths) => live.send(Signal::Css(paths.clone())),
            }
        });
        let shown = shown.unwrap_or_default().as_millis();
        let index = match started.elapsed().as_millis().saturating_sub(shown) {
            0 => String::new(),
            later => format!(" (the search index {later} ms later)"),
        };
        match result {
            Ok(Outcome::Pages(stats)) if talk => println!(
                "Rebuilt in {shown} ms{index}: {} written, {} unchanged, {} removed",
                print::count(stats.written, "file", "files"),
                stats.unchanged,
                stats.removed
            ),
            Ok(Outcome::Stylesheets(paths)) if talk => {
                println!("Updated {} in {shown} ms", paths.join(", "));
            }
            Ok(_) => {}
            Err(e) => {
                print::error(&e);
                self.live.send(Signal::BuildError(e.to_string()));
            }
        }
    }

    /// The changed inputs, relative to the site folder, for `--verbose`.
    fn describe(&self, changes: &Changes) -> String {
        let mut names: Vec<String> = changes
            .content
            .iter()
            .chain(&changes.folders)
            .chain(&changes.assets)
            .map(|p| {
                p.strip_prefix(&self.root)
                    .unwrap_or(p)
                    .display()
                    .to_string()
            })
            .collect();
        if changes.templates {
            names.push("templates".to_owned());
        }
        if changes.config {
            names.push(CONFIG_FILE.to_owned());
        }
        names.join(", ")
    }
}

/// Paths whose contents or names changed; reads (access events) are not changes.
fn changed_paths(batch: DebounceEventResult) -> Vec<PathBuf> {
    let Ok(events) = batch else {
        return Vec::new();
    };
    events
        .into_iter()
        .filter(|e: &DebouncedEvent| {
            matches!(
                e.event.kind,
                EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
            ) && !matches!(e.event.kind, EventKind::Modify(ModifyKind::Metadata(_)))
        })
        .flat_map(|e| e.event.paths)
        .collect()
}

/// Sorts changed absolute paths into kinds; paths outside the inputs are ignored.
pub fn classify(root: &Path, theme: &str, paths: impl IntoIterator<Item = PathBuf>) -> Changes {
    let mut changes = Changes::default();
    let theme_dir = Path::new("themes").join(theme);
    for path in paths {
        let Ok(rel) = path.strip_prefix(root) else {
            continue;
        };
        let hidden = rel.components().any(|c| match c {
            Component::Normal(n) => {
                let n = n.to_string_lossy();
                n.starts_with('.') || n.ends_with('~')
            }
            _ => false,
        });
        if hidden || rel.as_os_str().is_empty() {
            continue;
        }
        if rel == Path::new(CONFIG_FILE) {
            changes.config = true;
        } else if rel.starts_with(CONTENT_DIR) {
            // Stories the build skips are not changes to the site either; a folder
            // renamed to a skipped name is seen by its old name.
            if rel.components().any(|c| is_ignored(c.as_os_str())) {
                continue;
            }
            // A folder's name may have a dot (`v1.2`) and a story's path may be a
            // folder: what the path is on disk decides, and a path that is gone may
            // have been either.
            let is_dir = path.is_dir();
            if rel.extension().is_some_and(|x| x == "md") && !is_dir {
                push_unique(&mut changes.content, rel);
            }
            // A file beside a story (a picture it shows, a file of its bundle): copied
            // or made again, as a static file is.
            if !is_dir && rel.extension().is_none_or(|x| x != "md") {
                push_unique(&mut changes.assets, rel);
            }
            if is_dir || !path.exists() {
                push_unique(&mut changes.folders, rel);
            }
        } else if rel.starts_with("templates")
            || rel.starts_with(theme_dir.join("templates"))
            || theme_dir.starts_with(rel)
        {
            // `themes/` or the theme's own folder made or replaced counts as well.
            changes.templates = true;
        } else if rel.starts_with("static") || rel.starts_with(theme_dir.join("static")) {
            push_unique(&mut changes.assets, rel);
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_paths_by_kind() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        for dir in ["content/2026", "content/v1.2", "content/x.md"] {
            std::fs::create_dir_all(root.join(dir)).unwrap();
        }
        for file in ["content/a.md", "content/notes.txt", "content/still.jpg"] {
            std::fs::write(root.join(file), "").unwrap();
        }
        let classify =
            |paths: &[&str]| classify(root, "smartpicks", paths.iter().map(|p| root.join(p)));
        let c = classify(&[
            "content/a.md",
            "content/a.md",
            "content/.a.md.swp",
            "content/_scratch.md",
            "content/_drafts/b.md",
            "content/notes.txt",
            "content/still.jpg",
            "themes/smartpicks/static/style.css",
            "templates/article.html",
            "public/index.html",
            "target/debug/x.md",
        ]);
        assert_eq!(c.content, [PathBuf::from("content/a.md")]);
        assert!(c.folders.is_empty(), "{:?}", c.folders);
        assert_eq!(
            c.assets,
            [
                PathBuf::from("content/notes.txt"),
                PathBuf::from("content/still.jpg"),
                PathBuf::from("themes/smartpicks/static/style.css")
            ]
        );
        assert!(c.templates);
        assert!(!c.config);
        assert!(classify(&["site.toml"]).config);
        assert!(classify(&["themes"]).templates);
        assert!(classify(&["/elsewhere/x.md"]).is_empty());
        // Folders, whatever their names look like, and paths that are gone.
        let c = classify(&[
            "content/2026",
            "content/v1.2",
            "content/x.md",
            "content/gone.d",
        ]);
        assert!(c.content.is_empty(), "{:?}", c.content);
        assert_eq!(c.folders.len(), 4, "{:?}", c.folders);
        // A deleted story is a story change, and may have been a folder.
        let c = classify(&["content/deleted.md"]);
        assert_eq!(c.content, [PathBuf::from("content/deleted.md")]);
        assert_eq!(c.folders, [PathBuf::from("content/deleted.md")]);
        // A folder renamed to a name the build skips is seen by its old name only.
        let c = classify(&["content/2027", "content/_2027"]);
        assert_eq!(c.folders, [PathBuf::from("content/2027")]);
    }
}
