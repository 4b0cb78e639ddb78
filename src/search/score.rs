//! BM25F scores, computed at build time so the client only adds numbers: for each
//! stem and story, the weighted term frequency is damped by the story's length
//! against the average and scaled by how rare the stem is, then quantised to
//! `1..=31` against the highest score of the index (one text digit in a shard).

/// Term-frequency saturation.
const K1: f32 = 1.2;
/// Length normalisation.
const B: f32 = 0.75;
/// The highest quantised score.
pub const MAX_SCORE: u32 = 31;

/// Each stem's postings as (doc, quantised score), docs ascending. Takes the
/// weighted frequencies and frees each list as it is scored: the index stage is the
/// build's peak of memory (every body is held then too), so the raw scores are
/// computed twice (once for the highest, once to quantise) rather than kept, 7 MB
/// at 10,000 stories.
pub fn score(postings: Vec<Vec<(u32, f32)>>, lengths: &[f32]) -> Vec<Vec<(u32, u8)>> {
    let docs = lengths.len() as f32;
    let average = (lengths.iter().sum::<f32>() / docs.max(1.0)).max(1.0);
    let bm25 = |list: &[(u32, f32)]| {
        let df = list.len() as f32;
        let idf = (1.0 + (docs - df + 0.5) / (df + 0.5)).ln();
        move |&(doc, tf): &(u32, f32)| {
            let norm = 1.0 - B + B * lengths[doc as usize] / average;
            (doc, idf * tf * (K1 + 1.0) / (tf + K1 * norm))
        }
    };
    let top = (postings.iter())
        .flat_map(|list| list.iter().map(bm25(list)))
        .map(|(_, s)| s)
        .fold(0.0f32, f32::max);
    postings
        .into_iter()
        .map(|list| {
            list.iter()
                .map(bm25(&list))
                .map(|(doc, s)| {
                    let q = (s / top * MAX_SCORE as f32).round() as u32;
                    (doc, q.clamp(1, MAX_SCORE) as u8)
                })
                .collect()
        })
        .collect()
}
