//! A deterministic photo-like picture for the benchmark corpus: two gradients in
//! colours of the seed's choosing, soft blobs, and a little grain, so it compresses
//! like a photograph (a flat or random image would not), encoded as a 2000 × 1300
//! JPEG at quality 85: about 300-500 KB.

/// The size of every corpus picture.
pub const WIDTH: u16 = 2000;
/// Its height.
pub const HEIGHT: u16 = 1300;

/// The JPEG of picture `seed`.
pub fn jpeg(seed: u64) -> Vec<u8> {
    let (w, h) = (usize::from(WIDTH), usize::from(HEIGHT));
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let base: [f32; 3] = [0, 1, 2].map(|_| (next() % 160) as f32 + 40.0);
    let tilt: [f32; 3] = [0, 1, 2].map(|_| (next() % 120) as f32 - 60.0);
    let blobs: Vec<(f32, f32, f32)> = (0..6)
        .map(|_| {
            let x = (next() % w as u64) as f32;
            let y = (next() % h as u64) as f32;
            (x, y, (next() % 300 + 100) as f32)
        })
        .collect();
    let mut pixels = Vec::with_capacity(w * h * 3);
    for y in 0..h {
        for x in 0..w {
            let (fx, fy) = (x as f32 / w as f32, y as f32 / h as f32);
            let light: f32 = blobs
                .iter()
                .map(|&(bx, by, r)| {
                    let d2 = ((x as f32 - bx).powi(2) + (y as f32 - by).powi(2)) / (r * r);
                    40.0 / (1.0 + d2)
                })
                .sum();
            let grain = (next() % 13) as f32 - 6.0;
            for c in 0..3 {
                let v = base[c]
                    + tilt[c] * (fx - fy)
                    + light
                    + grain
                    + 25.0 * (fy * 3.0 + c as f32).sin();
                pixels.push(v.clamp(0.0, 255.0) as u8);
            }
        }
    }
    let mut out = Vec::new();
    jpeg_encoder::Encoder::new(&mut out, 85)
        .encode(&pixels, WIDTH, HEIGHT, jpeg_encoder::ColorType::Rgb)
        .expect("an in-memory JPEG");
    out
}
