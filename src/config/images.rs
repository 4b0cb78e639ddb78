//! `[images]`: how story pictures are processed (the widths made, the encoders'
//! quality, which modern formats beside the original's). Every value is checked here,
//! on its line, so the media stage never meets a width of 0 or a quality of 400.

use serde::Deserialize;
use toml::Spanned;

use super::resolve::Bad;
use crate::error::Result;

/// What the user wrote under `[images]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawImages {
    widths: Option<Spanned<Vec<u32>>>,
    quality: Option<Spanned<u8>>,
    webp_quality: Option<Spanned<u8>>,
    webp: Option<bool>,
    avif: Option<Spanned<bool>>,
}

/// Image processing settings, checked.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ImageSettings {
    /// The widths made of every picture (never wider than the picture itself), in
    /// increasing order, each between 16 and 4096 px.
    pub widths: Vec<u32>,
    /// JPEG quality of the fallback (original-format) variants, 1-100.
    pub quality: u8,
    /// Lossy WebP quality, 1-100.
    pub webp_quality: u8,
    /// Whether WebP variants are made beside the original format.
    pub webp: bool,
}

impl Default for ImageSettings {
    fn default() -> ImageSettings {
        ImageSettings {
            widths: vec![480, 800, 1200, 1600],
            quality: 80,
            webp_quality: 75,
            webp: true,
        }
    }
}

/// The widest variant a setting may ask for: wider costs seconds a picture and no
/// screen needs it for a column of text.
const MAX_WIDTH: u32 = 4096;
const MIN_WIDTH: u32 = 16;

pub(super) fn resolve(bad: &Bad, raw: Option<RawImages>) -> Result<ImageSettings> {
    let mut settings = ImageSettings::default();
    let Some(raw) = raw else {
        return Ok(settings);
    };
    if let Some(widths) = raw.widths {
        let mut list = widths.get_ref().clone();
        list.sort_unstable();
        list.dedup();
        if list.is_empty() || list.iter().any(|w| !(MIN_WIDTH..=MAX_WIDTH).contains(w)) {
            return Err(bad.at(
                &widths,
                "images.widths",
                format!("widths must be a non-empty list of pixel widths from {MIN_WIDTH} to {MAX_WIDTH}"),
                "e.g. widths = [480, 800, 1200, 1600]",
            ));
        }
        settings.widths = list;
    }
    for (value, key, slot) in [
        (raw.quality, "images.quality", &mut settings.quality),
        (
            raw.webp_quality,
            "images.webp_quality",
            &mut settings.webp_quality,
        ),
    ] {
        if let Some(value) = value {
            if !(1..=100).contains(value.get_ref()) {
                return Err(bad.at(
                    &value,
                    key,
                    format!("a quality is from 1 to 100, not {}", value.get_ref()),
                    "75 to 85 suits photographs",
                ));
            }
            *slot = value.into_inner();
        }
    }
    settings.webp = raw.webp.unwrap_or(true);
    if let Some(avif) = raw.avif.filter(|a| *a.get_ref()) {
        return Err(bad.at(
            &avif,
            "images.avif",
            "AVIF encoding is not built into smartpicks yet".to_owned(),
            "remove the line, or set avif = false; WebP variants are made by default",
        ));
    }
    Ok(settings)
}
