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
    fn color(&self) -> image::ExtendedColorType {
        if self.alpha {
            image::ExtendedColorType::Rgba8
        } else {
            image::ExtendedColorType::Rgb8
        }
    }
}

/// The pixels resized to `width` × `height` (Lanczos 3), in the same layout. RGBA
/// is filtered with alpha premultiplied; RGB is widened to opaque RGBA for the
/// filter and narrowed again, with no alpha arithmetic.
pub fn resize(src: &Pixels<'_>, width: u32, height: u32) -> Vec<u8> {
    if src.alpha {
        return resize_rgba(src.bytes, src, width, height, true);
    }
    let rgba: Vec<u8> = src
        .bytes
        .chunks_exact(3)
        .flat_map(|p| [p[0], p[1], p[2], 255])
        .collect();
    let resized = resize_rgba(&rgba, src, width, height, false);
    resized
        .chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect()
}

/// One pixel type only (fast_image_resize's `only_u8x4`, the typed API): each pixel
/// type the resizer is instantiated for compiles its convolutions for every SIMD
/// extension, 25 s of CPU a type in a cold build. RGB and RGBA through both types
/// made this crate 68 s of a cold `cargo build`; the widening costs a copy.
fn resize_rgba(bytes: &[u8], src: &Pixels<'_>, width: u32, height: u32, alpha: bool) -> Vec<u8> {
    type P = fr::pixels::U8x4;
    let from = fr::images::TypedImageRef::<P>::from_buffer(src.width, src.height, bytes)
        .expect("the buffer holds width × height pixels");
    let mut out = vec![0u8; width as usize * height as usize * 4];
    let mut to = fr::images::TypedImage::<P>::from_buffer(width, height, &mut out)
        .expect("the buffer was made for width × height pixels");
    let options = fr::ResizeOptions::new()
        .resize_alg(fr::ResizeAlg::Convolution(fr::FilterType::Lanczos3))
        .use_alpha(alpha);
    fr::Resizer::new()
        .resize_typed(&from, &mut to, &options)
        .expect("same pixel type on both sides");
    out
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
