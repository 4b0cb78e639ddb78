//! Making a variant: decoding (EXIF orientation applied, under the decoder limits of
//! `probe.rs`), resizing with `fast_image_resize` (Lanczos 3), and encoding: lossy
//! WebP through libwebp, JPEG and PNG through `image`.

use std::io::Cursor;

use fast_image_resize as fr;
use image::{DynamicImage, ImageDecoder, ImageEncoder, ImageReader};

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
    fn pixel_type(&self) -> fr::PixelType {
        if self.alpha {
            fr::PixelType::U8x4
        } else {
            fr::PixelType::U8x3
        }
    }

    /// The picture `width` px wide (height in proportion); itself when it is that wide.
    pub fn resized(&self, width: u32, height: u32) -> Decoded {
        if width == self.width && height == self.height {
            return Decoded {
                pixels: self.pixels.clone(),
                ..*self
            };
        }
        let src =
            fr::images::ImageRef::new(self.width, self.height, &self.pixels, self.pixel_type())
                .expect("the buffer holds width × height pixels");
        let mut dst = fr::images::Image::new(width, height, self.pixel_type());
        let options = fr::ResizeOptions::new()
            .resize_alg(fr::ResizeAlg::Convolution(fr::FilterType::Lanczos3));
        fr::Resizer::new()
            .resize(&src, &mut dst, &options)
            .expect("same pixel type on both sides");
        Decoded {
            pixels: dst.into_vec(),
            width,
            height,
            alpha: self.alpha,
        }
    }

    /// The picture encoded as `format`.
    pub fn encode(&self, format: Format, settings: &ImageSettings) -> Result<Vec<u8>, String> {
        let (w, h) = (self.width, self.height);
        let color = if self.alpha {
            image::ExtendedColorType::Rgba8
        } else {
            image::ExtendedColorType::Rgb8
        };
        let mut out = Vec::new();
        match format {
            Format::WebP => {
                let encoder = if self.alpha {
                    webp::Encoder::from_rgba(&self.pixels, w, h)
                } else {
                    webp::Encoder::from_rgb(&self.pixels, w, h)
                };
                let memory = encoder
                    .encode_simple(false, f32::from(settings.webp_quality))
                    .map_err(|e| format!("WebP encoding failed: {e:?}"))?;
                out.extend_from_slice(&memory);
            }
            Format::Jpeg => {
                // JPEG has no alpha channel: the PNG fallback keeps it.
                let pixels = if self.alpha {
                    drop_alpha(&self.pixels)
                } else {
                    self.pixels.clone()
                };
                image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, settings.quality)
                    .write_image(&pixels, w, h, image::ExtendedColorType::Rgb8)
                    .map_err(|e| e.to_string())?;
            }
            Format::Png => image::codecs::png::PngEncoder::new(&mut out)
                .write_image(&self.pixels, w, h, color)
                .map_err(|e| e.to_string())?,
        }
        Ok(out)
    }
}

fn drop_alpha(rgba: &[u8]) -> Vec<u8> {
    rgba.chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
