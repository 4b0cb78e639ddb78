//! Integration tests: each drives the real `smartpicks` binary on a small fixture
//! site copied from `tests/fixtures/<case>/` into a temporary folder.

mod agreement;
mod authoring;
mod authors;
mod bad_input;
mod browser;
mod browser_embeds;
mod browser_pictures;
mod browser_search;
mod build;
mod build_cache;
mod bundles;
mod cards;
mod cli;
mod corpus;
mod corrections;
mod determinism;
mod documented;
mod embeds;
mod external_links;
mod harness;
mod hostile;
mod images;
mod incremental;
mod indexes;
mod links;
mod markdown_safety;
mod newsletter;
mod output;
mod publishing;
mod search;
mod serve;
mod server;
mod story_files;
