//! What each output file was fingerprinted as the last time, as [`Plan::compare`]
//! asks for it: from the build cache (`build`), or from the plan `serve` kept.

use std::path::Path;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::Plan;
use super::cache::Unchanged;
use super::inputs::Fingerprint;

/// The last fingerprints of a site's output files.
pub enum Before<'a> {
    /// Nothing was made before: every output is rendered.
    Nothing,
    /// The files the build cache says are as the last build left them.
    Files(&'a Unchanged),
    /// The plan `serve` made last. An edit leaves most outputs where they were in
    /// the route table, so each is looked for at its own position first; only when
    /// the table moved (a story or a page more or less) are the last plan's files
    /// mapped, once, by their bytes: hashing 30,000 `Path`s component by
    /// component, or cloning them into a map, cost a reassembly 10 ms or more.
    Plan {
        last: &'a Plan,
        by_file: OnceLock<FxHashMap<&'a [u8], Fingerprint>>,
    },
}

impl<'a> Before<'a> {
    /// The plan `last`'s fingerprints.
    pub fn plan(last: &'a Plan) -> Before<'a> {
        Before::Plan {
            last,
            by_file: OnceLock::new(),
        }
    }

    /// What output `n` of the new plan, written to `file`, was last fingerprinted
    /// as (`None` when it was not made, or not recorded).
    pub fn get(&self, n: usize, file: &Path) -> Option<Fingerprint> {
        match self {
            Before::Nothing => None,
            Before::Files(files) => files.get(file).copied(),
            Before::Plan { last, by_file } => {
                if let Some((_, there)) = last.outputs.get(n)
                    && there.as_os_str() == file.as_os_str()
                {
                    return last.last.get(n).copied().flatten();
                }
                let by_file = by_file.get_or_init(|| {
                    (last.outputs.iter().zip(&last.last))
                        .filter_map(|((_, f), fp)| Some((f.as_os_str().as_encoded_bytes(), (*fp)?)))
                        .collect()
                });
                by_file.get(file.as_os_str().as_encoded_bytes()).copied()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::{BuildOptions, load_site};
    use crate::engine::tests::site_folder;
    use crate::render::Theme;

    const SITE: &str = "title = \"T\"\nbase_url = \"https://example.org/\"\n\
                        [[categories]]\nname = \"News\"\ndescription = \"All of it.\"\n";

    fn story(title: &str, date: &str) -> String {
        format!("---\ntitle: {title}\ndate: {date}\ncategory: News\nparties: [A24]\n---\n\nBody.\n")
    }

    /// Found at its position or through the map, an output's last fingerprint is
    /// the one the build cache would give for its file: after an edit that keeps
    /// the route table, and after a new story that shifts it.
    #[test]
    fn the_last_plan_answers_as_the_files_it_recorded() {
        let dir = site_folder(SITE);
        let root = dir.path();
        for (n, day) in ["01", "02", "03"].iter().enumerate() {
            let text = story(&format!("Story {n}"), &format!("2026-07-{day}"));
            std::fs::write(root.join(format!("content/s{n}.md")), text).unwrap();
        }
        let plan = || {
            let site = load_site(&BuildOptions::new(root)).unwrap();
            let theme = Theme::load(&site.config).unwrap();
            let mut plan = Plan::new(&site, &theme).unwrap();
            let made = plan.compare(&site, &Before::Nothing);
            assert_eq!(made, plan.len(), "nothing before: every output is made");
            (site, plan)
        };
        let (_, first) = plan();
        let recorded: Unchanged = (first.recorded())
            .filter_map(|(f, fp)| Some((f.clone(), fp?)))
            .collect();
        let edits: [(&str, &str); 2] = [
            // The oldest story a day later: same outputs, other pages.
            ("content/s0.md", "2026-07-02T12:00:00Z"),
            // A new story, newest: every output of its lists moves.
            ("content/s9.md", "2026-07-09"),
        ];
        for (file, date) in edits {
            std::fs::write(root.join(file), story("Moved", date)).unwrap();
            let (site, mut now) = plan();
            now.compare(&site, &Before::Files(&recorded));
            let by_files = now.stale.clone();
            now.compare(&site, &Before::plan(&first));
            assert_eq!(now.stale, by_files, "after {file}");
            let stale = by_files.iter().filter(|&&s| s).count();
            assert!(stale > 0 && stale < now.len(), "{stale} of {}", now.len());
        }
    }
}
