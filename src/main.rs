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
