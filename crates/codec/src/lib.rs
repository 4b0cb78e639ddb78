//! Resizing and encoding 8-bit RGB or RGBA pixels, behind plain functions (see
//! `Cargo.toml` for why this is a crate of its own). smartpicks's `media::encode`
//! decides what to make; this only does the arithmetic.

use fast_image_resize as fr;
use image::ImageEncoder;

/// Pixels in memory: `width` × `height`, 3 bytes a pixel (RGB) or 4 (RGBA).
pub struct Pixels<'a> {
    /// The bytes, row by row.
    pub bytes: &'a [u8],
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Whether there are 4 bytes a pixel (the fourth: alpha).
    pub alpha: bool,
}

impl Pixels<'_> {
    fn pixel_type(&self) -> fr::PixelType {
        if self.alpha {
            fr::PixelType::U8x4
        } else {
            fr::PixelType::U8x3
        }
    }

    fn color(&self) -> image::ExtendedColorType {
        if self.alpha {
            image::ExtendedColorType::Rgba8
        } else {
            image::ExtendedColorType::Rgb8
        }
    }
}

/// The pixels resized to `width` × `height` (Lanczos 3, alpha premultiplied while
/// filtering), in the same layout.
pub fn resize(src: &Pixels<'_>, width: u32, height: u32) -> Vec<u8> {
    let from = fr::images::ImageRef::new(src.width, src.height, src.bytes, src.pixel_type())
        .expect("the buffer holds width × height pixels");
    let mut to = fr::images::Image::new(width, height, src.pixel_type());
    let options =
        fr::ResizeOptions::new().resize_alg(fr::ResizeAlg::Convolution(fr::FilterType::Lanczos3));
    fr::Resizer::new()
        .resize(&from, &mut to, &options)
        .expect("same pixel type on both sides");
    to.into_vec()
}

/// Lossy WebP at `quality` (0-100), through libwebp.
pub fn webp(src: &Pixels<'_>, quality: f32) -> Result<Vec<u8>, String> {
    let encoder = if src.alpha {
        webp::Encoder::from_rgba(src.bytes, src.width, src.height)
    } else {
        webp::Encoder::from_rgb(src.bytes, src.width, src.height)
    };
    let memory = encoder
        .encode_simple(false, quality)
        .map_err(|e| format!("WebP encoding failed: {e:?}"))?;
    Ok(memory.to_vec())
}

/// Baseline JPEG at `quality` (1-100); an alpha channel is dropped.
pub fn jpeg(src: &Pixels<'_>, quality: u8) -> Result<Vec<u8>, String> {
    let rgb;
    let bytes = if src.alpha {
        rgb = src
            .bytes
            .chunks_exact(4)
            .flat_map(|p| [p[0], p[1], p[2]])
            .collect::<Vec<u8>>();
        &rgb
    } else {
        src.bytes
    };
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
        .write_image(bytes, src.width, src.height, image::ExtendedColorType::Rgb8)
        .map_err(|e| e.to_string())?;
    Ok(out)
}

/// PNG (lossless, alpha kept).
pub fn png(src: &Pixels<'_>) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(src.bytes, src.width, src.height, src.color())
        .map_err(|e| e.to_string())?;
    Ok(out)
}
