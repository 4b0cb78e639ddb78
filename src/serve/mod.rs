//! The preview server: build, serve, watch, rebuild, tell the browser.

use std::path::PathBuf;

use crate::error::{Error, Result};

/// How `smartpicks serve` runs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site folder.
    pub root: PathBuf,
    /// The address to listen on.
    pub bind: String,
    /// The first port to try.
    pub port: u16,
    /// Include drafts.
    pub drafts: bool,
    /// Include future stories.
    pub future: bool,
    /// Open a browser.
    pub open: bool,
}

/// Serves the site until Ctrl-C.
pub fn serve(_options: &ServeOptions) -> Result<()> {
    Err(Error::Usage(
        "`smartpicks serve` is not available yet".into(),
    ))
}
