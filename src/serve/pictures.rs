//! The preview's picture files: put into the folder from the media store (or made)
//! before the pages showing them, and removed with the next publish once no page
//! shows them.

use std::path::PathBuf;

use crate::engine::Plan;
use crate::error::Result;
use crate::media;
use crate::output::LiveOutput;
use crate::site::Site;

/// Puts the picture files of `site` missing from the preview folder in (from the
/// store, or made), and has the folder remove them once no page shows them; returns
/// every picture file's name.
pub(super) fn place_pictures(
    out: &mut LiveOutput,
    store: &media::MediaStore,
    site: &Site,
    plan: &Plan,
) -> Result<Vec<PathBuf>> {
    let pictures = media::Outputs::new(site, &plan.assets, store);
    let dir = out.dir().to_path_buf();
    pictures.place(&dir, &|v| !dir.join(&v.name).is_file())?;
    let names: Vec<PathBuf> = pictures.files().map(|v| PathBuf::from(&v.name)).collect();
    for name in &names {
        out.adopt(name);
    }
    Ok(names)
}
