//! Related stories after an edit (`serve`), from the last site's rankings. A
//! ranking reads the article's own terms and category, the lists of the parties
//! and tags it carries (which stories, in what order), the categories of the
//! stories found there, and, only when fewer than [`super::MAX_RELATED`] were found, the
//! list of its category. A story that is added, removed, or changed in any of what
//! ranking reads (date, headline and file, which order the lists; category; parties;
//! tags) changes exactly the lists it is in, before and after. So an article none
//! of whose lists holds such a story, before or after, ranks as it did, with
//! positions moved: its list is the last one, mapped through the stories' ids.
//! Every other article is ranked again. `tests/integration/incremental.rs` checks
//! the result against full builds after random edits of every kind.

use rustc_hash::{FxHashMap, FxHashSet};

use super::{Graph, Related};
use crate::article::{Article, ArticleId};
use crate::index::ArticleTerms;
use crate::index::taxonomy::Taxonomy;

/// The terms whose lists changed.
#[derive(Default)]
struct Touched {
    parties: FxHashSet<usize>,
    tags: FxHashSet<usize>,
    categories: FxHashSet<usize>,
}

/// [`super::related`] for `articles`, given the last site's articles and rankings
/// (`before`): equal to ranking every article again.
pub fn related_since(
    before: (&[Article], &Related),
    articles: &[Article],
    terms: &[ArticleTerms],
    (categories, tags, parties): (&Taxonomy, &Taxonomy, &Taxonomy),
) -> Related {
    let (old, ranked) = before;
    let now: FxHashMap<&ArticleId, usize> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (&a.id, i))
        .collect();
    let then: FxHashMap<&ArticleId, usize> =
        old.iter().enumerate().map(|(i, a)| (&a.id, i)).collect();
    let mut touched = Touched::default();
    let mut affected = vec![false; articles.len()];
    let mut touch = |a: &Article| {
        touched
            .parties
            .extend(a.parties.iter().filter_map(|n| parties.term_index(n)));
        touched
            .tags
            .extend(a.tags.iter().filter_map(|n| tags.term_index(n)));
        touched.categories.insert(a.category);
    };
    for o in old {
        match now.get(&o.id) {
            None => touch(o),
            Some(&q) if !ranks_alike(o, &articles[q]) => {
                touch(o);
                touch(&articles[q]);
                affected[q] = true;
            }
            Some(_) => {}
        }
    }
    for (q, a) in articles.iter().enumerate() {
        if !then.contains_key(&a.id) {
            touch(a);
            affected[q] = true;
        }
    }
    for (set, tax) in [(&touched.parties, parties), (&touched.tags, tags)] {
        for &t in set {
            for &q in &tax.terms[t].articles {
                affected[q] = true;
            }
        }
    }
    for &k in &touched.categories {
        for &q in &categories.terms[k].articles {
            // New stories are affected already, so the others have a last ranking.
            if !affected[q] && ranked.by_category[then[&articles[q].id]] {
                affected[q] = true;
            }
        }
    }
    let mut lists = vec![Vec::new(); articles.len()];
    let mut by_category = vec![false; articles.len()];
    let mut again: Vec<usize> = Vec::new();
    for (q, a) in articles.iter().enumerate() {
        if affected[q] {
            again.push(q);
            continue;
        }
        let p = then[&a.id];
        let moved: Option<Vec<usize>> = ranked.lists[p]
            .iter()
            .map(|&j| now.get(&old[j].id).copied())
            .collect();
        match moved {
            Some(list) => {
                lists[q] = list;
                by_category[q] = ranked.by_category[p];
            }
            // Unreachable by the argument above; ranking again is always right.
            None => again.push(q),
        }
    }
    let graph = Graph::new(articles, terms, (categories, tags, parties));
    for (&q, (list, fell_back)) in again.iter().zip(graph.rank_all(&again)) {
        lists[q] = list;
        by_category[q] = fell_back;
    }
    Related { lists, by_category }
}

/// Whether two versions of a story rank and are ranked alike: the same place in
/// the order ([`crate::article::newest_first`]) and the same terms.
fn ranks_alike(a: &Article, b: &Article) -> bool {
    a.date.timestamp == b.date.timestamp
        && a.title == b.title
        && a.source == b.source
        && a.category == b.category
        && a.parties == b.parties
        && a.tags == b.tags
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::{BuildOptions, load_site};
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

    /// After each kind of edit that moves a story or changes its terms (and a story
    /// added and one removed), ranking from the last site equals ranking afresh.
    #[test]
    fn ranking_from_the_last_site_equals_ranking_again() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::write(root.join("site.toml"), SITE).unwrap();
        let write = |n: usize, text: String| {
            std::fs::write(root.join(format!("content/s{n}.md")), text).unwrap();
        };
        for n in 0..60 {
            write(n, story(n, day_of(n), n % 3, n));
        }
        let edits: [(usize, Option<String>); 7] = [
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
        let mut last = load(root);
        for (n, text) in edits {
            match text {
                Some(text) => write(n, text),
                None => std::fs::remove_file(root.join(format!("content/s{n}.md"))).unwrap(),
            }
            let site = load(root);
            let ix = &site.indexes;
            let since = related_since(
                (&last.articles, &last.indexes.related),
                &site.articles,
                &ix.article_terms,
                (&ix.categories, &ix.tags, &ix.parties),
            );
            assert_eq!(since.lists, ix.related.lists, "after editing story {n}");
            assert_eq!(
                since.by_category, ix.related.by_category,
                "after editing story {n}"
            );
            last = site;
        }
    }
}
