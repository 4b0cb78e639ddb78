//! Which files a picture becomes: the configured widths it is wider than (never
//! upscaled), plus its own width when it is narrower than the widest setting, each in
//! WebP and in the picture's own format (the fallback for browsers without WebP).
//! Names are stable: `images/<16 hex digits of the source's hash and the
//! settings>/<name>-<width>.<ext>`, so a changed picture gets new URLs (browsers
//! may cache variants forever) and an unchanged one keeps them.

use super::probe::{Format, Header};
use super::store::MediaKey;
use crate::config::ImageSettings;

/// The folder of the site variants are written under.
pub const DIR: &str = "images";

/// One file made from a picture.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Variant {
    /// Its path in the output, relative, `/`-separated.
    pub name: String,
    /// Its size in pixels.
    pub width: u32,
    /// Height, in proportion.
    pub height: u32,
    /// What it is encoded as.
    pub format: Format,
    /// Its key in the media store.
    pub key: MediaKey,
}

/// The widths a picture `width` px wide is made in, smallest first: every setting
/// narrower than it, and its own width when no setting reaches it (a 600 px
/// picture with 480 and 800 configured gets 480 and 600; a 300 px one gets 300).
pub fn widths(width: u32, settings: &[u32]) -> Vec<u32> {
    let mut out: Vec<u32> = settings.iter().copied().filter(|&w| w < width).collect();
    if settings.iter().any(|&w| w >= width) || out.is_empty() {
        out.push(width);
    }
    out
}

/// The formats of a picture's variants: WebP first (when on), then its own.
pub fn formats(source: Format, settings: &ImageSettings) -> Vec<Format> {
    let mut out = Vec::new();
    if settings.webp && source != Format::WebP {
        out.push(Format::WebP);
    }
    out.push(source);
    out
}

/// Every variant of a picture whose bytes hash to `hash`, named after `stem`.
pub fn plan(hash: u128, stem: &str, header: &Header, settings: &ImageSettings) -> Vec<Variant> {
    let settings_text = format!("{settings:?}");
    let folder = MediaKey::of(&[&hash.to_le_bytes(), settings_text.as_bytes()]).hex();
    let mut out = Vec::new();
    for format in formats(header.format, settings) {
        for width in widths(header.width, &settings.widths) {
            let height = scaled_height(header, width);
            out.push(Variant {
                name: format!("{DIR}/{}/{stem}-{width}.{}", &folder[..16], format.ext()),
                width,
                height,
                format,
                key: MediaKey::of(&[
                    &hash.to_le_bytes(),
                    settings_text.as_bytes(),
                    &width.to_le_bytes(),
                    format.ext().as_bytes(),
                ]),
            });
        }
    }
    out
}

/// The height of a `width`-wide variant, in proportion, at least 1.
pub fn scaled_height(header: &Header, width: u32) -> u32 {
    let h = (u64::from(header.height) * u64::from(width) + u64::from(header.width) / 2)
        / u64::from(header.width);
    (h as u32).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SET: [u32; 4] = [480, 800, 1200, 1600];

    #[test]
    fn never_upscaled() {
        assert_eq!(widths(2000, &SET), [480, 800, 1200, 1600]);
        assert_eq!(widths(1600, &SET), [480, 800, 1200, 1600]);
        assert_eq!(widths(600, &SET), [480, 600]);
        assert_eq!(widths(300, &SET), [300]);
        assert_eq!(widths(480, &SET), [480]);
    }

    #[test]
    fn webp_and_the_original_format() {
        let header = Header {
            format: Format::Jpeg,
            width: 2000,
            height: 1300,
        };
        let settings = ImageSettings::default();
        let v = plan(7, "still", &header, &settings);
        assert_eq!(v.len(), 8);
        assert_eq!(
            (v[0].width, v[0].height, v[0].format),
            (480, 312, Format::WebP)
        );
        assert_eq!(
            (v[7].width, v[7].height, v[7].format),
            (1600, 1040, Format::Jpeg)
        );
        assert!(v[7].name.starts_with("images/") && v[7].name.ends_with("/still-1600.jpg"));
        // Other bytes or other settings: other names and keys.
        let other = plan(8, "still", &header, &settings);
        assert_ne!(v[0].name, other[0].name);
        let q = ImageSettings {
            quality: 60,
            ..settings.clone()
        };
        assert_ne!(v[0].key, plan(7, "still", &header, &q)[0].key);
        let no_webp = ImageSettings {
            webp: false,
            ..settings
        };
        assert!(
            plan(7, "s", &header, &no_webp)
                .iter()
                .all(|v| v.format == Format::Jpeg)
        );
    }
}
