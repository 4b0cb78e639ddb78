//! The static files of a site: the theme's, the site's own (which win over the
//! theme's of the same name) and the files of page-bundle stories.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::bundles;
use crate::error::{Error, Result};
use crate::render::{Theme, files_under};
use crate::site::Site;

/// A static file of the site: its name in the output and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// Its path in the output, relative, `/`-separated.
    pub name: String,
    /// The file to copy.
    pub path: PathBuf,
}

/// Static files, theme first and the site's own winning, by output name, and the
/// files of page-bundle stories beside their pages (a static file of the same name
/// wins over those too).
pub fn assets(site: &Site, theme: &Theme) -> Result<Vec<Asset>> {
    let mut by_name: BTreeMap<String, PathBuf> = bundles::files(site)?.into_iter().collect();
    for dir in &theme.static_dirs {
        for (name, path) in files_under(dir)? {
            by_name.insert(name, path);
        }
    }
    Ok(by_name
        .into_iter()
        .map(|(name, path)| Asset { name, path })
        .collect())
}

impl Asset {
    /// The file's bytes.
    pub fn read(&self) -> Result<Vec<u8>> {
        std::fs::read(&self.path).map_err(|e| Error::io("cannot read", &self.path, e))
    }
}
