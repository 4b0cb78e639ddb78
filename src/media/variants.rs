//! Which files a picture becomes: the configured widths it is wider than (never
//! upscaled), plus its own width when it is narrower than the widest setting, in
//! WebP, and in the picture's own format at the widths what cannot read WebP is
//! linked at (see [`fallback_widths`]).
//! Names are stable: `images/<hh>/<name>-<hhhhhhhhhhhhhh>-<width>.<ext>`, the 16
//! hex digits of a hash of the source's bytes and the settings split into a
//! folder (the first two) and the name (the rest), so a changed picture gets new
//! URLs (browsers may cache variants forever) and an unchanged one keeps them.
//! Pictures share at most 256 folders: a folder per picture was 10,000 folders to
//! create, open and list again on every build of a 10,000-picture site.

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

/// The width of the variant a shared link shows (`og:image`, `twitter:image`,
/// JSON-LD): the narrowest at least this wide.
pub const SOCIAL_WIDTH: u32 = 1200;
/// The width of the variant email editions show: 552 px at most, 2× for sharp
/// screens would be 1104; 600 (the narrowest variant at least that wide) keeps the
/// message light on phones, which most mail is read on.
pub const EMAIL_WIDTH: u32 = 600;

/// The widths made in the picture's own format when WebP variants are made
/// beside it. Every browser of the last five years takes the WebP `srcset`; the
/// fallback is for what does not: social networks' crawlers (`og:image`), mail
/// clients, and old browsers. It is made at the widths those are linked at (of
/// `widths`, the narrowest at least [`EMAIL_WIDTH`] and at least
/// [`SOCIAL_WIDTH`] wide, else the widest), not at every width: six files a
/// picture instead of eight, which at 10,000 pictures is 20,000 files fewer to
/// link, list and record on every build (docs/benchmarks.md, "Media").
pub fn fallback_widths(widths: &[u32]) -> Vec<u32> {
    let mut out: Vec<u32> = [EMAIL_WIDTH, SOCIAL_WIDTH]
        .into_iter()
        .filter_map(|at| {
            widths
                .iter()
                .copied()
                .find(|&w| w >= at)
                .or(widths.last().copied())
        })
        .collect();
    out.dedup();
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
    let all = widths(header.width, &settings.widths);
    let formats = formats(header.format, settings);
    for &format in &formats {
        let widths = if format == header.format && formats.len() > 1 {
            fallback_widths(&all)
        } else {
            all.clone()
        };
        for width in widths {
            let height = scaled_height(header, width);
            out.push(Variant {
                name: format!(
                    "{DIR}/{}/{stem}-{}-{width}.{}",
                    &folder[..2],
                    &folder[2..16],
                    format.ext()
                ),
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
        let made: Vec<(u32, u32, Format)> =
            v.iter().map(|v| (v.width, v.height, v.format)).collect();
        assert_eq!(
            made,
            [
                (480, 312, Format::WebP),
                (800, 520, Format::WebP),
                (1200, 780, Format::WebP),
                (1600, 1040, Format::WebP),
                (800, 520, Format::Jpeg),
                (1200, 780, Format::Jpeg),
            ],
            "every width in WebP, the widths emails and shared links show in JPEG"
        );
        let (folder, file) = v[5].name.rsplit_once('/').unwrap();
        let digits = |s: &str| s.chars().all(|c| c.is_ascii_hexdigit());
        assert!(folder.starts_with("images/") && folder.len() == 9 && digits(&folder[7..]));
        let hash = file
            .strip_prefix("still-")
            .unwrap()
            .strip_suffix("-1200.jpg");
        assert!(hash.is_some_and(|h| h.len() == 14 && digits(h)), "{file}");
        let folders: std::collections::HashSet<_> = v
            .iter()
            .map(|v| v.name.rsplit_once('/').unwrap().0)
            .collect();
        assert_eq!(folders.len(), 1, "a picture's variants share a folder");
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
        let alone = plan(7, "s", &header, &no_webp);
        assert!(alone.iter().all(|v| v.format == Format::Jpeg));
        assert_eq!(alone.len(), 4, "without WebP the fallback is every width");
    }

    #[test]
    fn the_fallback_is_made_where_it_is_linked() {
        assert_eq!(fallback_widths(&[480, 800, 1200, 1600]), [800, 1200]);
        assert_eq!(fallback_widths(&[480, 800, 1000]), [800, 1000]);
        assert_eq!(fallback_widths(&[480, 600]), [600]);
        assert_eq!(fallback_widths(&[300]), [300]);
        assert_eq!(fallback_widths(&[640, 1280, 2048]), [640, 1280]);
    }
}
