//! A request path through the preview server's router and path guard; see
//! `smartpicks_fuzz::PreviewSite`.
#![no_main]

use std::sync::LazyLock;

static SITE: LazyLock<smartpicks_fuzz::PreviewSite> =
    LazyLock::new(smartpicks_fuzz::PreviewSite::new);

libfuzzer_sys::fuzz_target!(|data: &[u8]| SITE.request(data));
