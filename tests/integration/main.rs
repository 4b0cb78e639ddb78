//! Integration tests: each drives the real `smartpicks` binary on a small fixture
//! site copied from `tests/fixtures/<case>/` into a temporary folder.

mod authoring;
mod bad_input;
mod browser;
mod build;
mod harness;
mod hostile;
mod indexes;
mod links;
mod publishing;
mod serve;
mod server;
