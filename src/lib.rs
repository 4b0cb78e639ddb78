//! smartpicks: a static site generator for news digests.
//!
//! The build is a pipeline, one module per stage, each owning its data:
//!
//! | stage | module | in → out |
//! |---|---|---|
//! | load config | [`config`] | `site.toml` → [`config::Config`] |
//! | load content | [`content`] | `content/**/*.md` → [`content::Story`] (all diagnostics collected) |
//! | render Markdown | [`article`], [`markdown`] | `Story` → [`article::Article`] |
//! | build indexes | [`index`] | `&[Article]` → [`index::Indexes`] |
//! | render pages | [`render`] | read-only [`site::Site`] → routes → bytes |
//! | write output | [`output`] | staging folder, swapped in on success |
//!
//! [`build::build`] strings them together; the command line ([`cli`], called by
//! `src/main.rs`) is a thin shell over it.

pub mod article;
pub mod authoring;
pub mod build;
pub mod cli;
pub mod config;
pub mod content;
pub mod engine;
pub mod error;
pub mod index;
pub mod markdown;
pub mod media;
pub mod output;
pub mod render;
pub mod search;
pub mod serve;
pub mod site;
pub mod url;

pub use build::{BuildOptions, BuildReport, build, load_site};
pub use error::{Diagnostic, Error, Result};
