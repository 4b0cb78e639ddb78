//! `check --links`: requests every external URL the published stories point at and
//! reports the dead ones, on every line that writes them. Never part of a build: it
//! needs the network, takes seconds, and its answers change with other people's sites.
//!
//! The stages: [`collect`] finds the URLs and their places and groups them by the URL
//! a request sends (each is requested once); a few worker threads take URLs in turn
//! and [`probe`] asks each server; [`verdict`] says what an answer means, in words a
//! writer reads.

mod collect;
mod probe;
mod verdict;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use crate::content::Story;
use crate::error::{Code, Diagnostic};
use collect::Target;
use verdict::Dead;

/// How `check --links` requests links.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkOptions {
    /// Requests in flight at once (at least one).
    pub concurrency: usize,
    /// How long one URL may take in all, its redirects and retries included.
    pub timeout: Duration,
}

impl Default for LinkOptions {
    /// Eight requests at once, ten seconds each.
    fn default() -> Self {
        LinkOptions {
            concurrency: 8,
            timeout: Duration::from_secs(10),
        }
    }
}

/// What a link check did, for the summary line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LinkSummary {
    /// Distinct URLs requested.
    pub checked: usize,
    /// How many of them are dead.
    pub dead: usize,
}

/// Requests every external URL of `stories` and returns a `dead-link` finding for each
/// place a dead one is written, with the counts.
pub fn check_links(stories: &[&Story], options: &LinkOptions) -> (Vec<Diagnostic>, LinkSummary) {
    let targets = collect::targets(stories.iter().flat_map(|s| collect::places(s)));
    let verdicts = probe_all(&targets, options);
    let mut findings = Vec::new();
    let mut dead = 0;
    for (target, verdict) in targets.iter().zip(verdicts) {
        if let Err(why) = verdict {
            dead += 1;
            findings.extend(diagnostics(target, &why));
        }
    }
    let summary = LinkSummary {
        checked: targets.len(),
        dead,
    };
    (findings, summary)
}

/// Probes every target with at most `options.concurrency` requests in flight; the
/// verdicts come back in the targets' order.
fn probe_all(targets: &[Target], options: &LinkOptions) -> Vec<Result<(), Dead>> {
    let client = probe::Client::new(options.timeout);
    let next = AtomicUsize::new(0);
    let workers = options.concurrency.clamp(1, targets.len().max(1));
    // Threads, not rayon: they wait on the network, and rayon's threads are the
    // CPU's; a handful of blocking requests in flight is what the user asked for.
    let answered: Vec<(usize, Result<(), Dead>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(target) = targets.get(i) else {
                            return mine;
                        };
                        mine.push((i, client.probe(&target.url)));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("a link-checking thread panicked"))
            .collect()
    });
    let mut verdicts = vec![Ok(()); targets.len()];
    for (i, verdict) in answered {
        verdicts[i] = verdict;
    }
    verdicts
}

/// One finding per place a dead URL is written.
fn diagnostics(target: &Target, why: &Dead) -> Vec<Diagnostic> {
    target
        .places
        .iter()
        .map(|place| {
            let d = Diagnostic::new(
                Code::DeadLink,
                &place.file,
                place.line,
                format!("{}: {why}", place.url.trim()),
            )
            .hint(why.hint());
            match place.key {
                Some(key) => d.key(key),
                None => d,
            }
        })
        .collect()
}
