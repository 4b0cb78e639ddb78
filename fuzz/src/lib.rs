//! The fuzz targets' bodies, kept in one file (`oracles.rs`) that the top-level
//! smoke test (`tests/fuzz_smoke.rs`) includes too, so `cargo test` runs the same
//! checks on a fixed set of inputs.

mod oracles;

pub use oracles::{PreviewSite, story};
