//! BM25F scores, computed at build time so the client only adds numbers: for each
//! stem and story, the weighted term frequency is damped by the story's length
//! against the average and scaled by how rare the stem is, then quantised to
//! `1..=31` against the highest score of the index (one text digit in a shard).

use super::collect::Collected;

/// Term-frequency saturation.
const K1: f32 = 1.2;
/// Length normalisation.
const B: f32 = 0.75;
/// The highest quantised score.
pub const MAX_SCORE: u32 = 31;

/// Each stem's postings as (doc, quantised score), docs ascending.
pub fn score(collected: &Collected) -> Vec<Vec<(u32, u8)>> {
    let docs = collected.lengths.len() as f32;
    let average = collected.lengths.iter().sum::<f32>() / docs.max(1.0);
    let raw: Vec<Vec<(u32, f32)>> = collected
        .postings
        .iter()
        .map(|list| {
            let df = list.len() as f32;
            let idf = (1.0 + (docs - df + 0.5) / (df + 0.5)).ln();
            list.iter()
                .map(|&(doc, tf)| {
                    let norm = 1.0 - B + B * collected.lengths[doc as usize] / average.max(1.0);
                    (doc, idf * tf * (K1 + 1.0) / (tf + K1 * norm))
                })
                .collect()
        })
        .collect();
    let top = raw.iter().flatten().map(|&(_, s)| s).fold(0.0f32, f32::max);
    raw.into_iter()
        .map(|list| {
            list.into_iter()
                .map(|(doc, s)| {
                    let q = (s / top * MAX_SCORE as f32).round() as u32;
                    (doc, q.clamp(1, MAX_SCORE) as u8)
                })
                .collect()
        })
        .collect()
}
