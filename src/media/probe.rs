//! Reading what an image is before decoding it: its format and size from the header
//! alone, refused past [`MAX_SIDE`] a side or [`MAX_PIXELS`] in all, so a 200-byte
//! PNG claiming 50,000 × 50,000 pixels (10 GB once decoded) costs a few microseconds
//! and a clear error instead of the machine's memory. The decoder gets the same
//! limits again ([`limits`]) in case a header lies about what follows.

use std::io::Cursor;

use image::{ImageDecoder, ImageFormat, ImageReader, Limits};

/// The widest or tallest picture decoded.
pub const MAX_SIDE: u32 = 16_384;
/// The most pixels a picture may have (100 megapixels: 400 MB as RGBA).
pub const MAX_PIXELS: u64 = 100_000_000;
/// The largest image file read at all.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The raster formats the build resizes; anything else passes through untouched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// JPEG: variants in JPEG.
    Jpeg,
    /// PNG (may have transparency): variants in PNG.
    Png,
    /// WebP: variants in WebP only.
    WebP,
}

impl Format {
    /// The file extension of variants in this format.
    pub fn ext(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::WebP => "webp",
        }
    }

    /// The media type, for `<source type>`.
    pub fn mime(self) -> &'static str {
        match self {
            Format::Jpeg => "image/jpeg",
            Format::Png => "image/png",
            Format::WebP => "image/webp",
        }
    }

    /// Whether a file name is one the build processes, by its extension.
    pub fn of_name(name: &str) -> Option<Format> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "jpg" | "jpeg" => Some(Format::Jpeg),
            "png" => Some(Format::Png),
            "webp" => Some(Format::WebP),
            _ => None,
        }
    }
}

/// What the header says: the format by the bytes (not the name) and the size as
/// shown, EXIF orientation applied (a portrait photo stored sideways is portrait).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Header {
    /// The format the bytes are in.
    pub format: Format,
    /// Width as displayed, in pixels.
    pub width: u32,
    /// Height as displayed, in pixels.
    pub height: u32,
}

/// Why an image cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Not an image the build reads, or a header that does not parse.
    Corrupt(String),
    /// Larger than the limits: the size it claims.
    TooLarge(String),
}

/// The limits the decoder enforces on top of the header check.
pub fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    // Decoded RGBA plus the decoder's own buffers.
    limits.max_alloc = Some(MAX_PIXELS * 4 + (64 << 20));
    limits
}

/// Reads the header of an image held in memory.
pub fn header(bytes: &[u8]) -> Result<Header, Refusal> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| Refusal::Corrupt(e.to_string()))?;
    let format = match reader.format() {
        Some(ImageFormat::Jpeg) => Format::Jpeg,
        Some(ImageFormat::Png) => Format::Png,
        Some(ImageFormat::WebP) => Format::WebP,
        Some(other) => {
            return Err(Refusal::Corrupt(format!(
                "it is a {other:?} file, which the build does not resize"
            )));
        }
        None => {
            return Err(Refusal::Corrupt(
                "it is not a JPEG, PNG or WebP image".into(),
            ));
        }
    };
    // The PNG decoder reads up to the pixel data before it gives a size, so the
    // size a PNG claims is read here, straight from its first chunk (IHDR).
    if format == Format::Png
        && let Some(ihdr) = bytes.get(16..24)
    {
        let side = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
        check_size(side(&ihdr[..4]), side(&ihdr[4..]))?;
    }
    let mut decoder = reader.into_decoder().map_err(|e| refusal(&e))?;
    let (w, h) = decoder.dimensions();
    check_size(w, h)?;
    let turned = decoder.orientation().is_ok_and(|o| {
        use image::metadata::Orientation::*;
        matches!(o, Rotate90 | Rotate270 | Rotate90FlipH | Rotate270FlipH)
    });
    let (width, height) = if turned { (h, w) } else { (w, h) };
    Ok(Header {
        format,
        width,
        height,
    })
}

/// Refuses a size past the limits.
pub fn check_size(width: u32, height: u32) -> Result<(), Refusal> {
    if width == 0 || height == 0 {
        return Err(Refusal::Corrupt(format!(
            "it claims {width} × {height} pixels"
        )));
    }
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(Refusal::TooLarge(format!(
            "it is {width} × {height} pixels; the build decodes at most {MAX_SIDE} px a side and {} megapixels",
            MAX_PIXELS / 1_000_000
        )));
    }
    Ok(())
}

/// An `image` error as a refusal: limits are "too large", the rest "corrupt".
pub fn refusal(e: &image::ImageError) -> Refusal {
    match e {
        image::ImageError::Limits(l) => Refusal::TooLarge(l.to_string()),
        other => Refusal::Corrupt(other.to_string()),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A PNG signature and IHDR chunk claiming `w` × `h`, nothing after.
    pub(crate) fn png_header(w: u32, h: u32) -> Vec<u8> {
        let mut ihdr = Vec::new();
        ihdr.extend_from_slice(&w.to_be_bytes());
        ihdr.extend_from_slice(&h.to_be_bytes());
        ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
        let mut chunk = b"IHDR".to_vec();
        chunk.extend_from_slice(&ihdr);
        let crc = crc32(&chunk);
        let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
        bytes.extend_from_slice(&13u32.to_be_bytes());
        bytes.extend_from_slice(&chunk);
        bytes.extend_from_slice(&crc.to_be_bytes());
        bytes
    }

    /// A whole PNG of `w` × `h` grey pixels.
    pub(crate) fn png(w: u32, h: u32) -> Vec<u8> {
        use image::ImageEncoder;
        let mut out = Vec::new();
        image::codecs::png::PngEncoder::new(&mut out)
            .write_image(
                &vec![128; (w * h) as usize],
                w,
                h,
                image::ExtendedColorType::L8,
            )
            .unwrap();
        out
    }

    fn crc32(data: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &b in data {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    #[test]
    fn a_huge_header_is_refused_before_decoding() {
        let err = header(&png_header(50_000, 50_000)).unwrap_err();
        assert!(
            matches!(err, Refusal::TooLarge(ref m) if m.contains("50000 × 50000")),
            "{err:?}"
        );
        // Under the side limit but over the pixel limit.
        assert!(matches!(
            header(&png_header(16_000, 16_000)),
            Err(Refusal::TooLarge(_))
        ));
    }

    #[test]
    fn a_header_gives_format_and_size() {
        let h = header(&png(64, 48)).unwrap();
        assert_eq!((h.format, h.width, h.height), (Format::Png, 64, 48));
        assert!(matches!(header(b"not an image"), Err(Refusal::Corrupt(_))));
        assert!(matches!(
            header(&png_header(0, 5)),
            Err(Refusal::Corrupt(_))
        ));
    }

    #[test]
    fn formats_by_name() {
        assert_eq!(Format::of_name("a/B.JPEG"), Some(Format::Jpeg));
        assert_eq!(Format::of_name("x.svg"), None);
        assert_eq!(Format::of_name("noext"), None);
    }
}
