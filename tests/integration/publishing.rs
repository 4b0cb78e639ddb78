//! Publishing outputs: feeds (Atom, RSS, JSON Feed) for the site and every term,
//! sitemaps, robots.txt, alias redirects, and what every page's <head> says about
//! itself (feed autodiscovery, canonical, Open Graph, Twitter cards, JSON-LD).
//!
//! The fixture (`tests/fixtures/publishing`) has six stories; the build runs with
//! `--now 2026-11-24T12:00:00Z`, so only the 2026-11-23 story is "news".

mod feeds;
mod hosting;
mod metadata;
mod readers;
mod sitemaps;
mod standards;
mod support;
