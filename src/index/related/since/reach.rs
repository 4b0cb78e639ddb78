//! How far an edit reaches into the other rankings, one term's list at a time.
//!
//! A ranking counts, for each party and tag of the ranked story, the stories in
//! that term's window: the [`super::super::WINDOW`] stories of the list nearest
//! the ranked one. Take the moved stories out of a list (the last one and the new
//! one) and what remains is the same sequence in both sites, since the stories
//! that stayed kept their terms and their order: the common list. The stories an
//! unmoved article's window holds, moved ones aside, are a run of the common list,
//! in the last site and now. Where the two runs are the same and neither window
//! held a moved story, this term counts the same stories as before. Where they
//! differ, only the stories at the runs' ends are counted differently (a story
//! moving past the ranked one, or into the list near it, shifts its window by a
//! place): those and the moved stories are the only ones whose score can have
//! changed ([`Reach::Check`]).

use super::super::bounds;

/// What an edit can have changed of one article's ranking.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) enum Reach {
    /// Nothing it reads: the last ranking stands.
    #[default]
    Untouched,
    /// Only the scores of the moved stories and of these (positions now): the new
    /// ranking is the best of those and the last one's stories, unless one of the
    /// last ones' scores changed.
    Check(Vec<usize>),
    /// Too much to compare: rank again.
    Again,
}

/// More stories than this counted differently, and an article is ranked again
/// rather than compared.
const MOST_SHIFTED: usize = 16;

impl Reach {
    /// Adds what one more list says.
    fn add(&mut self, shifted: impl Iterator<Item = usize>) {
        match self {
            Reach::Again => {}
            Reach::Untouched => *self = Reach::Check(shifted.collect()),
            Reach::Check(more) => more.extend(shifted),
        }
        if matches!(self, Reach::Check(more) if more.len() > MOST_SHIFTED) {
            *self = Reach::Again;
        }
    }
}

/// One term's list in the last site and now (positions, ascending), with which
/// stories of each site moved.
pub(super) struct Lists<'a> {
    /// How many stories of a list a window holds.
    pub window: usize,
    pub then: &'a [usize],
    pub now: &'a [usize],
    pub moved_then: &'a [bool],
    pub moved_now: &'a [bool],
}

/// Updates `reach` (by position now) for the unmoved stories of the term's list.
pub(super) fn walk(lists: &Lists<'_>, reach: &mut [Reach]) {
    let held = |list: &[usize], moved: &[bool]| -> Vec<usize> {
        (0..list.len()).filter(|&i| moved[list[i]]).collect()
    };
    let (held_then, held_now) = (
        held(lists.then, lists.moved_then),
        held(lists.now, lists.moved_now),
    );
    if held_then.is_empty() && held_now.is_empty() {
        return;
    }
    let common: Vec<usize> = lists
        .now
        .iter()
        .copied()
        .filter(|&q| !lists.moved_now[q])
        .collect();
    // Where each common story is in the last list and in the new one: the places
    // the moved stories do not take, in order.
    let places = |len: usize, held: &[usize]| -> Vec<usize> {
        (0..len)
            .filter(|i| held.binary_search(i).is_err())
            .collect()
    };
    let (at_then, at_now) = (
        places(lists.then.len(), &held_then),
        places(lists.now.len(), &held_now),
    );
    if at_then.len() != common.len() || at_now.len() != common.len() {
        // Not the same stories in both: an edit this module does not model. Ranking
        // again is always right.
        for &q in &common {
            reach[q] = Reach::Again;
        }
        return;
    }
    for (k, &me) in common.iter().enumerate() {
        let (then, seen_then) = run((lists.then.len(), at_then[k]), &held_then, lists.window);
        let (now, seen_now) = run((lists.now.len(), at_now[k]), &held_now, lists.window);
        if then == now && !seen_then && !seen_now {
            continue;
        }
        // The common stories in one run and not the other: the parts of `a` before
        // and after `b` (a few places, not the thousand of a window).
        let outside =
            |a: (usize, usize), b: (usize, usize)| (a.0..a.1.min(b.0)).chain(a.0.max(b.1)..a.1);
        let shifted = outside(then, now)
            .chain(outside(now, then))
            .map(|i| common[i]);
        reach[me].add(shifted);
    }
}

/// The run of the common list that the window of the story at `at` holds, in a
/// list where the moved stories are at `held` (half-open, in the common list's
/// places), and whether the window holds a moved story.
fn run((len, at): (usize, usize), held: &[usize], size: usize) -> ((usize, usize), bool) {
    let (start, end) = bounds(len, at, size);
    let before = |i: usize| held.partition_point(|&h| h < i);
    let (a, b) = (before(start), before(end));
    ((start - a, end - b), b > a)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::index::related::WINDOW;

    /// The stories a window holds, moved ones aside, by brute force.
    fn held_by(list: &[usize], at: usize, moved: &[bool]) -> Vec<usize> {
        let (start, end) = bounds(list.len(), at, WINDOW);
        list[start..end]
            .iter()
            .copied()
            .filter(|&j| !moved[j])
            .collect()
    }

    /// After moving one story of a list longer than the window to every other
    /// place, an article left untouched holds the same stories, and one to check
    /// holds the same stories but those named.
    #[test]
    fn an_untouched_window_holds_the_same_stories() {
        let n = WINDOW + 300;
        let then: Vec<usize> = (0..n).collect();
        for (from, to) in [
            (0, n - 1),
            (n - 1, 0),
            (400, 405),
            (1000, 992),
            (700, 20),
            (10, 1100),
        ] {
            // Story `from` moves to place `to`; positions are ids here.
            let mut now: Vec<usize> = then.iter().copied().filter(|&j| j != from).collect();
            now.insert(to, from);
            let moved: Vec<bool> = (0..n).map(|j| j == from).collect();
            // Positions now are places in `now`, so map ids through it.
            let place: Vec<usize> = {
                let mut p = vec![0; n];
                for (i, &j) in now.iter().enumerate() {
                    p[j] = i;
                }
                p
            };
            let now_positions: Vec<usize> = (0..n).collect();
            let moved_now: Vec<bool> = (0..n).map(|i| now[i] == from).collect();
            let mut reach = vec![Reach::default(); n];
            walk(
                &Lists {
                    window: WINDOW,
                    then: &then,
                    now: &now_positions,
                    moved_then: &moved,
                    moved_now: &moved_now,
                },
                &mut reach,
            );
            for me in (0..n).filter(|&j| j != from) {
                let old: Vec<usize> = held_by(&then, me, &moved);
                let new: Vec<usize> = held_by(&now_positions, place[me], &moved_now)
                    .into_iter()
                    .map(|i| now[i])
                    .collect();
                match &reach[place[me]] {
                    Reach::Untouched => assert_eq!(old, new, "{from} to {to}, story {me}"),
                    Reach::Check(shifted) => {
                        let shifted: Vec<usize> = shifted.iter().map(|&i| now[i]).collect();
                        let (old_set, new_set): (BTreeSet<usize>, BTreeSet<usize>) =
                            (old.into_iter().collect(), new.into_iter().collect());
                        let differ: Vec<usize> =
                            old_set.symmetric_difference(&new_set).copied().collect();
                        assert!(
                            differ.iter().all(|j| shifted.contains(j)),
                            "{from} to {to}, story {me}: {differ:?} not in {shifted:?}"
                        );
                    }
                    Reach::Again => {}
                }
            }
            let checked = reach.iter().filter(|r| **r != Reach::Untouched).count();
            // A story moved a few places shifts the windows of the stories it passes.
            let shifted = reach
                .iter()
                .filter(|r| matches!(r, Reach::Check(s) if !s.is_empty()))
                .count();
            // Inside every window it stays in, a story moved a few places shifts the
            // windows of the stories it passes; crossing the end of the first
            // windows (place 1,000 of the list) shifts all of them, each by a story.
            if (from, to) == (400, 405) {
                assert!(shifted <= 2 * 5, "{from} to {to}: {shifted}");
            }
            assert!(checked >= shifted);
            let again = reach.iter().filter(|r| **r == Reach::Again).count();
            assert_eq!(again, 0, "a single move shifts a window by one place");
        }
    }
}
