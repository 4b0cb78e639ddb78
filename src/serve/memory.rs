//! How long the allocator keeps the pages `serve` frees.
//!
//! The binary tells mimalloc to give freed pages back to the system at once
//! (`src/main.rs`), which holds a build's peak low. `serve` is the other case: each
//! reassembly frees the last site (about 100 MB at 10,000 stories) and allocates
//! the next, so pages given back are asked for again a second later, and the
//! kernel zeroes every one of them on the first touch (9 % of a date edit's
//! profile). At 10,000 stories, pages given back after mimalloc's default 10 ms
//! against pages kept: a category edit 277-284 → 236-256 ms to the reload, a
//! parties edit 235-251 → 200-215 ms (docs/benchmarks.md, "serve: save to
//! rebuilt", 2026-12-03, later). A preview holds the site between saves anyway,
//! so its memory is kept.

/// mimalloc's `mi_option_purge_delay` (its mimalloc.h); libmimalloc-sys does not
/// name it.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// What `serve` runs with: freed pages are kept for reuse, never given back,
/// unless `MIMALLOC_PURGE_DELAY` says otherwise.
///
/// # Safety
///
/// As [`set_purge_delay`].
pub unsafe fn keep_freed_pages() {
    // SAFETY: this function's own condition.
    unsafe { set_purge_delay(-1) }
}

/// Sets how many milliseconds mimalloc keeps a freed page before giving it back
/// (`-1`: never; its default is 10), unless `MIMALLOC_PURGE_DELAY` was set.
///
/// # Safety
///
/// No other thread may allocate meanwhile: mimalloc's options are plain
/// variables, written and read without synchronisation.
pub unsafe fn set_purge_delay(ms: i64) {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
        return;
    }
    // SAFETY: a plain store into mimalloc's option table, which the caller makes
    // sure no other thread reads meanwhile.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, ms as std::ffi::c_long) }
}
