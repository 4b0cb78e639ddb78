//! Card pixels to PNG, quickly: a card of flat colours with anti-aliased text has
//! few distinct colours, so it is written as an indexed (palette) PNG when it has at
//! most 256 (smaller, and lossless), rounding the anti-aliased edges' colours when
//! it has more; as RGBA when it has transparency. The fast fdeflate mode, with no
//! filter for palette indices and `Sub` for colours.

use png::{BitDepth, ColorType, Compression, Encoder, Filter};
use rustc_hash::FxHashMap;

/// PNG bytes of `width` × `height` premultiplied RGBA pixels (tiny-skia's layout).
pub fn png(width: u32, height: u32, rgba: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(64 * 1024);
    let mut encoder = Encoder::new(&mut out, width, height);
    encoder.set_depth(BitDepth::Eight);
    encoder.set_compression(Compression::Fast);
    let data: Vec<u8> = match palette(rgba) {
        Some((palette, indices)) => {
            encoder.set_color(ColorType::Indexed);
            // Palette indices are names, not levels: differences of them mean nothing.
            encoder.set_filter(Filter::NoFilter);
            encoder.set_palette(palette);
            indices
        }
        None => {
            encoder.set_color(ColorType::Rgba);
            encoder.set_filter(Filter::Sub);
            demultiply(rgba)
        }
    };
    let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
    writer.write_image_data(&data).map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())?;
    Ok(out)
}

/// A pixel as one number (alpha in the top byte), so runs and tables compare
/// and hash one word.
fn word(p: &[u8]) -> u32 {
    u32::from_le_bytes([p[0], p[1], p[2], p[3]])
}

/// The palette (RGB triples) and each pixel's index, for an opaque picture. A
/// card of flat colours and anti-aliased text has few colours but often more
/// than 256 (each blend of text and background has its own): then the 64 most
/// frequent colours (the flat ones) stay exact and the rest, edge pixels, are
/// rounded to 32 levels a channel (16 when that is still too many), which no eye
/// tells from the original. `None` when a pixel is not opaque.
fn palette(rgba: &[u8]) -> Option<(Vec<u8>, Vec<u8>)> {
    let mut counts: FxHashMap<u32, u32> = FxHashMap::default();
    let mut run = (0u32, 0u32);
    for p in rgba.chunks_exact(4) {
        let c = word(p);
        if c == run.0 {
            run.1 += 1;
            continue;
        }
        if c >> 24 != 0xff {
            return None;
        }
        if run.1 > 0 {
            *counts.entry(run.0).or_default() += run.1;
        }
        run = (c, 1);
    }
    if run.1 > 0 {
        *counts.entry(run.0).or_default() += run.1;
    }
    let mut by_use: Vec<(u32, u32)> = counts.into_iter().collect();
    by_use.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let (colours, index) = [0, 3, 4]
        .into_iter()
        .find_map(|bits| mapping(&by_use, bits))?;
    let mut last = (word(&rgba[..4]), index[&word(&rgba[..4])]);
    let indices = rgba
        .chunks_exact(4)
        .map(|p| {
            let c = word(p);
            if c != last.0 {
                last = (c, index[&c]);
            }
            last.1
        })
        .collect();
    Some((colours, indices))
}

/// Each colour's palette index, keeping the 64 most used colours exact and
/// rounding the others' channels to `8 - bits` bits; `None` past 256 entries.
fn mapping(by_use: &[(u32, u32)], bits: u32) -> Option<(Vec<u8>, FxHashMap<u32, u8>)> {
    let exact = if bits == 0 { by_use.len() } else { 64 };
    let mut colours: Vec<u8> = Vec::with_capacity(256 * 3);
    let mut slots: FxHashMap<[u8; 3], u8> = FxHashMap::default();
    let mut index = FxHashMap::default();
    for (n, &(c, _)) in by_use.iter().enumerate() {
        let [r, g, b, _] = c.to_le_bytes();
        let rgb = [r, g, b];
        let target = if n < exact {
            rgb
        } else {
            rgb.map(|v| round(v, bits))
        };
        let i = match slots.get(&target) {
            Some(&i) => i,
            None => {
                let i = u8::try_from(slots.len()).ok()?;
                slots.insert(target, i);
                colours.extend_from_slice(&target);
                i
            }
        };
        index.insert(c, i);
    }
    Some((colours, index))
}

/// `v` rounded to the nearest of the levels `8 - bits` bits can hold.
fn round(v: u8, bits: u32) -> u8 {
    let step = 1u16 << bits;
    let q = ((u16::from(v) + step / 2) / step * step).min(255);
    q as u8
}

/// Straight (not premultiplied) RGBA, as PNG stores it.
fn demultiply(rgba: &[u8]) -> Vec<u8> {
    rgba.chunks_exact(4)
        .flat_map(|p| {
            let a = p[3];
            let un = |c: u8| match a {
                0 => 0,
                255 => c,
                _ => ((u16::from(c) * 255 + u16::from(a) / 2) / u16::from(a)).min(255) as u8,
            };
            [un(p[0]), un(p[1]), un(p[2]), a]
        })
        .collect()
}
