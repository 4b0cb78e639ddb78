//! The `smartpicks` command. The command line lives in the library
//! (`smartpicks::cli`), where its tests and shell completions can reach it.

use std::process::ExitCode;

fn main() -> ExitCode {
    smartpicks::cli::main()
}

// Page rendering allocates many small, short-lived values; mimalloc handles that
// pattern across threads markedly faster than the system allocator (docs/benchmarks.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A build frees most of what it allocates stage by stage (each story's source once
/// its body is rendered, each page once written). By default mimalloc commits whole
/// arenas eagerly and keeps freed pages a while before returning them, which held the peak of a
/// 10,000-story build at 125-144 MiB; committing on demand and returning pages at
/// once holds it at about 105 MiB, in the same time (docs/benchmarks.md, "Peak
/// memory"). The options must be set before the first arena is reserved, which
/// happens before `main` (the standard library's own start-up allocates), so this
/// runs as an ELF constructor, before the runtime starts. The environment variables
/// `MIMALLOC_ARENA_EAGER_COMMIT` and `MIMALLOC_PURGE_DELAY` still win (not their
/// older or lower-case spellings, which mimalloc also reads).
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static TUNE_ALLOCATOR: extern "C" fn() = tune_allocator;

#[cfg(target_os = "linux")]
extern "C" fn tune_allocator() {
    // mimalloc's `mi_option_e` numbers (its mimalloc.h); libmimalloc-sys names
    // only some of them.
    const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    for (option, name) in [
        (ARENA_EAGER_COMMIT, c"MIMALLOC_ARENA_EAGER_COMMIT"),
        (PURGE_DELAY, c"MIMALLOC_PURGE_DELAY"),
    ] {
        // SAFETY: this runs before `main`, on the only thread there is, where
        // getenv and mi_option_set (which is not thread-safe) are safe; neither
        // allocates through the global allocator.
        unsafe {
            if libc_getenv(name.as_ptr()).is_null() {
                libmimalloc_sys::mi_option_set(option, 0);
            }
        }
    }
}

#[cfg(target_os = "linux")]
unsafe extern "C" {
    #[link_name = "getenv"]
    fn libc_getenv(name: *const std::ffi::c_char) -> *const std::ffi::c_char;
}
