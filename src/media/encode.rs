//! Making a variant: decoding (EXIF orientation applied, under the decoder limits of
//! `probe.rs`), then resizing (`fast_image_resize`, Lanczos 3) and encoding (lossy
//! WebP through libwebp, JPEG and PNG through `image`) in `crates/codec`.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageReader};

use super::probe::{self, Format, Refusal};
use crate::config::ImageSettings;

/// A decoded picture, upright, as 8-bit RGB or RGBA.
pub struct Decoded {
    pixels: Vec<u8>,
    width: u32,
    height: u32,
    alpha: bool,
}

/// Decodes an image held in memory.
pub fn decode(bytes: &[u8]) -> Result<Decoded, Refusal> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| Refusal::Corrupt(e.to_string()))?;
    reader.limits(probe::limits());
    let mut decoder = reader.into_decoder().map_err(|e| probe::refusal(&e))?;
    let (w, h) = decoder.dimensions();
    probe::check_size(w, h)?;
    let orientation = decoder.orientation().ok();
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| probe::refusal(&e))?;
    if let Some(o) = orientation {
        image.apply_orientation(o);
    }
    let alpha = image.color().has_alpha();
    let (width, height) = (image.width(), image.height());
    let pixels = if alpha {
        image.into_rgba8().into_raw()
    } else {
        image.into_rgb8().into_raw()
    };
    Ok(Decoded {
        pixels,
        width,
        height,
        alpha,
    })
}

impl Decoded {
    fn pixels(&self) -> smartpicks_codec::Pixels<'_> {
        smartpicks_codec::Pixels {
            bytes: &self.pixels,
            width: self.width,
            height: self.height,
            alpha: self.alpha,
        }
    }

    /// Its width and height in pixels.
    pub fn size(&self) -> (u32, u32) {
        (self.width, self.height)
    }

    /// The picture `width` px wide (height in proportion); itself when it is that wide.
    pub fn resized(&self, width: u32, height: u32) -> Decoded {
        let pixels = if width == self.width && height == self.height {
            self.pixels.clone()
        } else {
            smartpicks_codec::resize(&self.pixels(), width, height)
        };
        Decoded {
            pixels,
            width,
            height,
            alpha: self.alpha,
        }
    }

    /// The picture encoded as `format` (JPEG has no alpha: the PNG fallback keeps it).
    pub fn encode(&self, format: Format, settings: &ImageSettings) -> Result<Vec<u8>, String> {
        match format {
            Format::WebP => {
                smartpicks_codec::webp(&self.pixels(), f32::from(settings.webp_quality))
            }
            Format::Jpeg => smartpicks_codec::jpeg(&self.pixels(), settings.quality),
            Format::Png => smartpicks_codec::png(&self.pixels()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::ImageEncoder;

    fn jpeg(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([x as u8, y as u8, 128]));
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
            .write_image(&img, w, h, image::ExtendedColorType::Rgb8)
            .unwrap();
        out
    }

    #[test]
    fn resize_and_encode_every_format() {
        let decoded = decode(&jpeg(300, 200)).unwrap();
        let small = decoded.resized(150, 100);
        let settings = ImageSettings::default();
        for (format, expected) in [
            (Format::WebP, image::ImageFormat::WebP),
            (Format::Jpeg, image::ImageFormat::Jpeg),
            (Format::Png, image::ImageFormat::Png),
        ] {
            let bytes = small.encode(format, &settings).unwrap();
            let back = image::load_from_memory(&bytes).unwrap();
            assert_eq!((back.width(), back.height()), (150, 100));
            assert_eq!(image::guess_format(&bytes).unwrap(), expected);
        }
    }

    #[test]
    fn a_truncated_file_is_corrupt() {
        let bytes = jpeg(64, 64);
        assert!(matches!(
            decode(&bytes[..bytes.len() / 3]),
            Err(Refusal::Corrupt(_))
        ));
    }
}
