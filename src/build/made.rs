//! What a build records of the files it made, for the build cache: each file's
//! fingerprint (pages: what they read; static files: their bytes; pictures: their
//! media store key) and, once written, its stamp.

use std::path::PathBuf;

use rayon::prelude::*;

use crate::engine::cache::{Entries, Entry};
use crate::engine::{Fingerprint, Plan};
use crate::error::Result;
use crate::media;
use crate::output::Listing;

/// What a build leaves to record: each file it made and its fingerprint (`None`
/// for files made every time, which are then never taken as unchanged).
pub(super) type Made = Vec<(PathBuf, Option<Fingerprint>)>;

/// Each picture file with its store key as its fingerprint (the key covers the
/// source's bytes and the settings).
pub(super) fn fingerprinted(pictures: &media::Outputs<'_>) -> Made {
    pictures
        .files()
        .map(|v| (PathBuf::from(&v.name), Some(Fingerprint(v.key.value()))))
        .collect()
}

/// The fingerprints the plan recorded, for the cache.
pub(super) fn recorded(plan: &Plan) -> Made {
    plan.recorded()
        .map(|(file, fp)| (file.clone(), fp))
        .collect()
}

/// Each static file's output name and a fingerprint of its bytes.
pub(super) fn asset_fingerprints(plan: &Plan) -> Result<Made> {
    plan.assets
        .par_iter()
        .map(|a| {
            let bytes = a.read()?;
            let fp = Fingerprint(xxhash_rust::xxh3::xxh3_128(&bytes));
            Ok((PathBuf::from(&a.name), Some(fp)))
        })
        .collect()
}

/// The cache entries of what a build made: fingerprints with the files' stamps as
/// the `listing` of the output found them once written (files made every time have
/// no fingerprint, only their stamp).
pub(super) fn stamped(made: Made, listing: &Listing) -> Entries {
    // Looked up on both cores: with pictures, 100,000 files.
    made.into_par_iter()
        .filter_map(|(file, fp)| {
            let stamp = listing.stamp(file.to_str()?)?;
            Some((
                file,
                Entry {
                    fingerprint: fp,
                    stamp,
                },
            ))
        })
        .collect()
}
