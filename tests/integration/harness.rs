//! A fixture site in a temporary folder, and the helpers the tests chain on it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The moment the fixture builds take as "now".
pub const NOW: &str = "2026-11-24T12:00:00Z";

/// A copy of a fixture site (with the repository's themes) in a temporary folder.
pub struct Site {
    dir: tempfile::TempDir,
}

/// The outcome of running the binary.
pub struct Run {
    pub output: Output,
}

impl Run {
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }

    /// Asserts success and returns self.
    pub fn ok(self) -> Run {
        assert!(
            self.output.status.success(),
            "command failed\nstdout:\n{}\nstderr:\n{}",
            self.stdout(),
            self.stderr()
        );
        self
    }

    /// Asserts failure with exit code 1 and no panic, and returns stderr.
    pub fn fails(self) -> String {
        let err = self.stderr();
        assert_eq!(
            self.output.status.code(),
            Some(1),
            "expected exit 1\nstdout:\n{}\nstderr:\n{err}",
            self.stdout()
        );
        assert!(!err.contains("panicked"), "the binary panicked:\n{err}");
        err
    }
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let dest = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

impl Site {
    /// Copies `tests/fixtures/<name>` and, unless it has its own, the repository's themes.
    pub fn fixture(name: &str) -> Site {
        let dir = tempfile::tempdir().unwrap();
        copy_tree(&repo().join("tests/fixtures").join(name), dir.path());
        if !dir.path().join("themes").exists() {
            copy_tree(&repo().join("themes"), &dir.path().join("themes"));
        }
        Site { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Writes (or replaces) a file of the site.
    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) -> &Site {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    pub fn remove(&self, rel: &str) -> &Site {
        let path = self.path(rel);
        if path.is_dir() {
            std::fs::remove_dir_all(path).unwrap();
        } else {
            std::fs::remove_file(path).unwrap();
        }
        self
    }

    /// Runs `smartpicks <args>` in the site folder.
    pub fn run(&self, args: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_smartpicks"))
            .args(args)
            .current_dir(self.root())
            .output()
            .unwrap();
        Run { output }
    }

    /// `smartpicks build --now NOW <extra>` (`extra` may set its own `--now`).
    pub fn build(&self, extra: &[&str]) -> Run {
        let mut args = vec!["build"];
        if !extra.contains(&"--now") {
            args.extend(["--now", NOW]);
        }
        args.extend_from_slice(extra);
        self.run(&args)
    }

    /// [`Site::build`] with environment variables set for the run (thread count,
    /// time zone, locale).
    pub fn build_with_env(&self, env: &[(&str, &str)], extra: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_smartpicks"))
            .args(["build", "--now", NOW])
            .args(extra)
            .envs(env.iter().copied())
            .current_dir(self.root())
            .output()
            .unwrap();
        Run { output }
    }

    /// A file of the built site.
    pub fn read(&self, rel: &str) -> String {
        let path = self.path("public").join(rel);
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.path("public").join(rel).exists()
    }

    /// Every file of the built site, relative to `public/`, sorted.
    pub fn files(&self) -> Vec<String> {
        let public = self.path("public");
        let mut v: Vec<String> = walkdir::WalkDir::new(&public)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                e.path()
                    .strip_prefix(&public)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        v.sort();
        v
    }

    /// A page parsed as HTML.
    pub fn html(&self, rel: &str) -> scraper::Html {
        scraper::Html::parse_document(&self.read(rel))
    }
}

/// Texts of the elements matching a CSS selector.
pub fn texts(doc: &scraper::Html, selector: &str) -> Vec<String> {
    let sel = scraper::Selector::parse(selector).unwrap();
    doc.select(&sel)
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// Values of an attribute on the elements matching a CSS selector.
pub fn attrs(doc: &scraper::Html, selector: &str, attr: &str) -> Vec<String> {
    let sel = scraper::Selector::parse(selector).unwrap();
    doc.select(&sel)
        .filter_map(|e| e.value().attr(attr).map(str::to_owned))
        .collect()
}

/// Checks that every internal link (href/src starting with `base_path`) of every HTML
/// page resolves to a file of the built site. Returns the broken ones.
pub fn broken_links(site: &Site, base_path: &str) -> Vec<String> {
    let mut broken = Vec::new();
    let public = site.path("public");
    for file in site.files().iter().filter(|f| f.ends_with(".html")) {
        let doc = site.html(file);
        for attr in ["href", "src"] {
            for link in attrs(&doc, &format!("[{attr}]"), attr) {
                let Some(path) = link.strip_prefix(base_path) else {
                    continue;
                };
                if link.starts_with("//") {
                    continue;
                }
                let path = path.split(['#', '?']).next().unwrap();
                let target = if path.is_empty() || path.ends_with('/') {
                    public.join(path).join("index.html")
                } else {
                    public.join(path)
                };
                if !target.is_file() {
                    broken.push(format!("{file}: {link}"));
                }
            }
        }
    }
    broken
}

/// Every file under `dir` by its path relative to `dir`.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            let rel = rel.to_string_lossy().replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// How `other` differs from `base`: missing and extra files, and each differing file
/// with its first differing line.
pub fn differences(
    base: &BTreeMap<String, Vec<u8>>,
    other: &BTreeMap<String, Vec<u8>>,
) -> Vec<String> {
    let mut out = Vec::new();
    for (path, bytes) in base {
        match other.get(path) {
            None => out.push(format!("{path}: missing")),
            Some(theirs) if theirs != bytes => {
                let (ours, theirs) = (
                    String::from_utf8_lossy(bytes),
                    String::from_utf8_lossy(theirs),
                );
                let line = ours.lines().zip(theirs.lines()).position(|(a, b)| a != b);
                let (n, a, b) = match line {
                    Some(n) => (
                        n,
                        ours.lines().nth(n).unwrap(),
                        theirs.lines().nth(n).unwrap(),
                    ),
                    None => (ours.lines().count().min(theirs.lines().count()), "", ""),
                };
                out.push(format!(
                    "{path}, line {}:\n    - {}\n    + {}",
                    n + 1,
                    a.trim(),
                    b.trim()
                ));
            }
            Some(_) => {}
        }
    }
    out.extend(
        other
            .keys()
            .filter(|p| !base.contains_key(*p))
            .map(|p| format!("{p}: extra")),
    );
    out
}
