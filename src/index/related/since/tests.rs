//! `related_since` against ranking afresh, after edits of every kind, inside and past the window.
use super::*;
use crate::build::{BuildOptions, load_site};
use crate::index::related::WINDOW;
use crate::site::Site;

const SITE: &str = "title = \"T\"\nbase_url = \"https://example.org/\"\n\
    [[categories]]\nname = \"A\"\ndescription = \"a\"\n\
    [[categories]]\nname = \"B\"\ndescription = \"b\"\n\
    [[categories]]\nname = \"C\"\ndescription = \"c\"\n";

/// Story `n` of a site where terms are spread thin (so that most stories share
/// nothing with a given one), some with no party or tag at all (so that some
/// rankings fall back on their category).
fn story(n: usize, day: usize, category: usize, party: usize) -> String {
    let parties = match party % 5 {
        0 => String::new(),
        p => format!("\"P{p}-{}\"", n % 4),
    };
    let tags = match n % 3 {
        0 => String::new(),
        t => format!("\"t{t}-{}\"", n % 6),
    };
    format!(
        "---\ntitle: \"Story {n}\"\ndate: 2026-03-{day:02}\ncategory: \"{}\"\n\
         parties: [{parties}]\ntags: [{tags}]\n---\n\nBody {n}.\n",
        ["A", "B", "C"][category % 3]
    )
}

/// The day of March story `n` is first dated.
fn day_of(n: usize) -> usize {
    1 + n % 28
}

fn load(root: &std::path::Path) -> Site {
    load_site(&BuildOptions::new(root)).unwrap()
}

/// Writes `stories` into a new site, then makes each edit in turn (a story's new
/// text, or `None` to remove it) and checks that ranking from the last site equals
/// ranking afresh.
fn check_edits(
    stories: impl Iterator<Item = (usize, String)>,
    edits: Vec<(usize, Option<String>)>,
) {
    check_edits_in(WINDOW, stories, edits);
}

/// [`check_edits`] with windows of `size` stories, on both sides.
fn check_edits_in(
    size: usize,
    stories: impl Iterator<Item = (usize, String)>,
    edits: Vec<(usize, Option<String>)>,
) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(root.join("site.toml"), SITE).unwrap();
    let file = |n: usize| root.join(format!("content/s{n}.md"));
    for (n, text) in stories {
        std::fs::write(file(n), text).unwrap();
    }
    let afresh = |site: &Site| {
        let ix = &site.indexes;
        let taxonomies = (&ix.categories, &ix.tags, &ix.parties);
        super::super::related_in(size, &site.articles, &ix.article_terms, taxonomies)
    };
    let mut last = load(root);
    let mut ranked = afresh(&last);
    for (n, text) in edits {
        match text {
            Some(text) => std::fs::write(file(n), text).unwrap(),
            None => std::fs::remove_file(file(n)).unwrap(),
        }
        let site = load(root);
        let ix = &site.indexes;
        let since = related_since_in(
            size,
            Last {
                related: &ranked,
                ..Last::of(&last.articles, &last.indexes)
            },
            &site.articles,
            &ix.article_terms,
            (&ix.categories, &ix.tags, &ix.parties),
        );
        let fresh = afresh(&site);
        assert_eq!(
            since.lists, fresh.lists,
            "window {size}, after editing story {n}"
        );
        assert_eq!(
            since.by_category, fresh.by_category,
            "window {size}, after editing story {n}"
        );
        (last, ranked) = (site, fresh);
    }
}

/// A small deterministic generator of test choices (no dependency for one test).
struct Choices(u64);

impl Choices {
    /// A number below `n`.
    fn below(&mut self, n: usize) -> usize {
        // Knuth's MMIX linear congruential generator; the high bits are the good ones.
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// Story `n` of a site whose every list is longer than a small window: dated
/// `day` days into 2020 (days repeat, so the order's later keys count), with
/// party `party` (none for 3) and the tag "all" beside tag `tag` (none for 4).
fn dense(n: usize, day: usize, category: usize, (party, tag): (usize, usize)) -> String {
    let date = jiff::civil::date(2020, 1, 1) + jiff::Span::new().days(day as i64);
    let parties = if party < 3 {
        format!("\"P{party}\"")
    } else {
        String::new()
    };
    let tags = if tag < 4 {
        format!("\"all\", \"t{tag}\"")
    } else {
        "\"all\"".to_owned()
    };
    format!(
        "---\ntitle: \"Story {n}\"\ndate: {date}\ncategory: \"{}\"\n\
         parties: [{parties}]\ntags: [{tags}]\n---\n\nBody {n}.\n",
        ["A", "B", "C"][category % 3]
    )
}

/// With windows of two to seven stories, every list of a 40-story site is past
/// its window, so random edits of every kind (a story moved in time, its party or
/// tag switched, one added, one removed) reach the carried-over, checked and
/// ranked-again paths alike; after each, ranking from the last site equals
/// ranking afresh. (The other tests here use the real window, which only
/// thousands of stories reach.)
#[test]
fn with_small_windows_random_edits_rank_as_afresh() {
    for (size, seed) in [(2, 11), (3, 12), (4, 13), (5, 14), (7, 15)] {
        let mut pick = Choices(seed);
        let random_story = |n: usize, pick: &mut Choices| {
            let (day, category) = (pick.below(30), pick.below(3));
            dense(n, day, category, (pick.below(4), pick.below(5)))
        };
        let stories: Vec<(usize, String)> =
            (0..40).map(|n| (n, random_story(n, &mut pick))).collect();
        let mut live: Vec<usize> = (0..40).collect();
        let mut next = 40;
        let mut edits = Vec::new();
        for _ in 0..30 {
            match pick.below(5) {
                // A new story.
                0 => {
                    edits.push((next, Some(random_story(next, &mut pick))));
                    live.push(next);
                    next += 1;
                }
                // A story removed.
                1 if live.len() > 20 => {
                    let n = live.swap_remove(pick.below(live.len()));
                    edits.push((n, None));
                }
                // A story rewritten: another day, category, party or tag.
                _ => {
                    let n = live[pick.below(live.len())];
                    edits.push((n, Some(random_story(n, &mut pick))));
                }
            }
        }
        check_edits_in(size, stories.into_iter(), edits);
    }
}

/// After each kind of edit that moves a story or changes its terms (and a story
/// added and one removed), ranking from the last site equals ranking afresh.
#[test]
fn ranking_from_the_last_site_equals_ranking_again() {
    let stories = (0..60).map(|n| (n, story(n, day_of(n), n % 3, n)));
    let edits = vec![
        // The newest story of category B, with no party or tag: it reaches
        // only the rankings that fell back on the category.
        (63, Some(story(63, 28, 1, 0))),
        (7, Some(story(7, 27, 7 % 3, 7))),
        (8, Some(story(8, day_of(8), 2, 8))),
        (9, Some(story(9, day_of(9), 9 % 3, 12))),
        (
            10,
            Some(story(10, day_of(10), 10 % 3, 10).replace("tags: [", "tags: [\"t9\", ")),
        ),
        (60, Some(story(60, 5, 1, 3))),
        (11, None),
    ];
    check_edits(stories, edits);
}

/// Story `n` of a site whose lists are longer than the window: every story
/// carries the tag "all", one of two parties and one of three tags, and is
/// dated `day` days into 2020.
fn crowded(n: usize, day: i64, party: usize) -> String {
    let date = jiff::civil::date(2020, 1, 1) + jiff::Span::new().days(day);
    format!(
        "---\ntitle: \"Story {n}\"\ndate: {date}\ncategory: \"{}\"\n\
         parties: [\"P{}\"]\ntags: [\"all\", \"t{}\"]\n---\n\nBody {n}.\n",
        ["A", "B", "C"][n % 3],
        party % 2,
        n % 3
    )
}

/// Past the window, an article is ranked again only when a moved story is in
/// one of its windows, before or after; every other ranking is carried over.
/// Ranking from the last site still equals ranking afresh.
#[test]
fn past_the_window_ranking_from_the_last_site_equals_ranking_again() {
    let n = 2 * WINDOW + 400;
    let stories = (0..n).map(|k| (k, crowded(k, k as i64, k)));
    let edits = vec![
        // The oldest story becomes the newest: it leaves every window at one
        // end of its lists and enters every window at the other.
        (0, Some(crowded(0, n as i64 + 5, 0))),
        // A story moves a few hundred places, inside its windows.
        (1200, Some(crowded(1200, 1500, 1200))),
        // A story changes party, from one long list to the other.
        (700, Some(crowded(700, 700, 701))),
        (n, Some(crowded(n, 900, 3))),
        (1900, None),
    ];
    check_edits(stories, edits);
}
