//! The render-and-write stage: what changed since the cached build, rendered in
//! memory and written into the output in place, or the whole site, staged beside
//! the output and swapped in. Either way it returns what was made, stamped, for the
//! next build's cache.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::BuildOptions;
use super::made::{asset_fingerprints, fingerprinted, recorded, stamped};
use crate::engine::cache::{BuildCache, Entries, Unchanged};
use crate::engine::{Before, Fingerprint, Plan};
use crate::error::Result;
use crate::media::{self, MediaStore};
use crate::output::{self, Staging, Target};
use crate::render::Theme;
use crate::site::Site;

/// Outputs a cached build may always render in memory and write in place, however
/// large a share of the site they are.
const SMALL_UPDATE: usize = 64;

/// Renders and writes what this build makes: what changed since the cached build,
/// in place, or everything, beside the output. Returns how many outputs were
/// rendered and what was made, for the cache.
pub(super) fn write(
    (site, theme): (&Site, &Theme),
    (plan, pictures): (&mut Plan, &media::Outputs<'_>),
    target: &Target,
    options: &BuildOptions,
) -> Result<(usize, Entries)> {
    let store = MediaStore::open(&options.root);
    let cache = if options.no_cache {
        // This build uses no store, but the next one will: an edited picture file
        // still mends its entry first.
        if let Some(old) = BuildCache::load(&options.root, &target.path) {
            let listing = output::Listing::of(&target.path);
            evict_edited((pictures, &store), &old, &listing);
        }
        BuildCache::forget(&options.root, &target.path)?;
        None
    } else {
        BuildCache::load(&options.root, &target.path)
    };
    // A file changed or removed since the last build is made again.
    let listing = match &cache {
        Some(_) => output::Listing::of(&target.path),
        None => output::Listing::default(),
    };
    let before = cache
        .as_ref()
        .map(|cache| cache.unchanged(&listing))
        .unwrap_or_default();
    if let Some(cache) = &cache {
        evict_edited((pictures, &store), cache, &listing);
    }
    let stale = plan.compare(site, &Before::Files(&before));
    // A cached build updates the output in place, holding what it renders in
    // memory; when more than a quarter changed (a template, site.toml), a full
    // build beside the output keeps memory that of any full build. A few dozen
    // pages in memory cost nothing, so a small site's edits stay in place too.
    match cache {
        Some(_) if stale * 4 <= plan.len() || stale <= SMALL_UPDATE => update(
            (site, theme),
            (plan, pictures),
            target,
            &options.root,
            (&before, listing),
        ),
        _ => {
            plan.mark_all();
            full(site, theme, (plan, pictures), target)
        }
    }
}

/// Forgets the media store entries of picture files the last build placed and
/// someone changed since, maybe in place: such a file shares its inode, so its
/// bytes, with the store entry it was linked from. The entry goes, and the file is
/// made again from its source, whether this build updates the output or not.
fn evict_edited(
    (pictures, store): (&media::Outputs<'_>, &MediaStore),
    cache: &BuildCache,
    listing: &output::Listing,
) {
    for v in pictures.files() {
        let placed = cache.entries.get(Path::new(&v.name));
        let edited = placed.is_some_and(|e| {
            e.fingerprint == Some(Fingerprint(v.key.value()))
                && listing.holds(&v.name)
                && listing.stamp(&v.name) != Some(e.stamp)
        });
        if edited {
            store.evict(v.key, v.format.ext());
        }
    }
}

/// A whole new site, staged beside the output and swapped in.
fn full(
    site: &Site,
    theme: &Theme,
    (plan, pictures): (&Plan, &media::Outputs<'_>),
    target: &Target,
) -> Result<(usize, Entries)> {
    let staging = Staging::create(target)?;
    staging.create_dirs(plan.files().map(PathBuf::as_path))?;
    let write = |file: &PathBuf, bytes: &[u8]| staging.write(file, bytes);
    plan.render(site, theme, Some(&write))?;
    pictures.place(staging.dir(), &|_| true)?;
    staging.copy_static(&plan.assets)?;
    staging.commit()?;
    let mut made = recorded(plan);
    made.extend(asset_fingerprints(plan)?);
    made.extend(fingerprinted(pictures));
    Ok((
        plan.len(),
        stamped(made, &output::Listing::of(&target.path)),
    ))
}

/// Only what changed since the cached build (what [`Plan::compare`] marked),
/// written into the output in place once every page has rendered.
fn update(
    (site, theme): (&Site, &Theme),
    (plan, pictures): (&Plan, &media::Outputs<'_>),
    target: &Target,
    root: &Path,
    (before, mut listing): (&Unchanged, output::Listing),
) -> Result<(usize, Entries)> {
    let mut changed = plan.render(site, theme, None)?;
    let assets = asset_fingerprints(plan)?;
    for (name, fp) in &assets {
        if fp.as_ref() != before.get(name) {
            let asset = plan
                .assets
                .iter()
                .find(|a| a.name == *name.to_string_lossy());
            if let Some(asset) = asset {
                changed.push((name.clone(), asset.read()?));
            }
        }
    }
    let mut made = recorded(plan);
    made.extend(assets);
    let images = fingerprinted(pictures);
    let missing: HashSet<&Path> = images
        .iter()
        .filter(|(name, fp)| fp.as_ref() != before.get(name))
        .map(|(name, _)| name.as_path())
        .collect();
    made.extend(images.iter().cloned());
    output::remove_killed_builds(target);
    // Files no longer made, and files added by hand: a full build has neither.
    let now: HashSet<&Path> = made.iter().map(|(f, _)| f.as_path()).collect();
    let removed = output::update::strays(&listing, &now);
    let count = changed.len();
    if count > 0 || !missing.is_empty() || !removed.is_empty() {
        BuildCache::forget(root, &target.path)?;
        pictures.place(&target.path, &|v| missing.contains(Path::new(&v.name)))?;
        output::update::apply(&target.path, &changed, &removed)?;
        // The listing was taken before: what this build wrote or removed is
        // looked at again.
        let touched = changed.iter().map(|(f, _)| f.as_path());
        listing.refresh(
            &target.path,
            touched
                .chain(missing)
                .chain(removed.iter().map(PathBuf::as_path)),
        );
    }
    Ok((count, stamped(made, &listing)))
}
