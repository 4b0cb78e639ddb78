//! URLs that run code when followed or loaded: `javascript:`, `vbscript:` and
//! `data:` (other than a raster image shown as an image). Browsers drop tabs, newlines
//! and leading control characters and ignore case before reading a scheme, and
//! Markdown has already decoded entities (`jav&#x09;ascript:`), so the check squeezes
//! out every space and control character and lower-cases what is left first.

/// Schemes whose URLs run script in the page's origin (or, for `data:`, can).
const SCRIPT_SCHEMES: &[&str] = &["javascript", "vbscript", "livescript", "data"];

/// Image types a `data:` URL may carry: raster formats run no script anywhere.
const RASTER_TYPES: &[&str] = &[
    "image/png",
    "image/jpeg",
    "image/jpg",
    "image/gif",
    "image/webp",
    "image/avif",
];

/// What a URL is used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlUse {
    /// The target of a link.
    Link,
    /// The source of an image.
    Image,
}

/// The scheme that makes `url` unsafe where it is used, if any (`"javascript"`,
/// `"data"`, ...).
pub fn unsafe_scheme(url: &str, usage: UrlUse) -> Option<&'static str> {
    // Most URLs have no colon near the start, or a scheme that differs at once; this
    // runs for every link, so it allocates nothing.
    let mut written = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .map(|c| c.to_ascii_lowercase());
    let mut scheme = [0u8; LONGEST];
    let mut len = 0;
    loop {
        match written.next()? {
            ':' => break,
            c if c.is_ascii_lowercase() && len < LONGEST => {
                scheme[len] = c as u8;
                len += 1;
            }
            _ => return None,
        }
    }
    let scheme = SCRIPT_SCHEMES
        .iter()
        .find(|s| s.as_bytes() == &scheme[..len])?;
    if *scheme == "data" && usage == UrlUse::Image && is_raster_data_image(url) {
        return None;
    }
    Some(scheme)
}

/// The longest of [`SCRIPT_SCHEMES`].
const LONGEST: usize = 10;

/// Whether a `data:` URL (any case, any spacing) carries a raster image.
pub(crate) fn is_raster_data_image(url: &str) -> bool {
    let squeezed: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .flat_map(char::to_lowercase)
        .collect();
    let Some(rest) = squeezed.strip_prefix("data:") else {
        return false;
    };
    RASTER_TYPES.iter().any(|t| {
        rest.strip_prefix(t)
            .is_some_and(|after| after.starts_with([';', ',']))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn obfuscated_script_urls_are_caught() {
        for url in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "jav\tascript:alert(1)",
            "java\nscript:alert(1)",
            "\u{1}javascript:alert(1)",
            "java\u{0}script:alert(1)",
            "vbscript:msgbox(1)",
            "VBScript:msgbox(1)",
            "data:text/html;base64,PHNjcmlwdD4=",
            "DATA:text/html,<script>alert(1)</script>",
        ] {
            assert!(unsafe_scheme(url, UrlUse::Link).is_some(), "{url:?}");
            assert!(unsafe_scheme(url, UrlUse::Image).is_some(), "{url:?}");
        }
    }

    #[test]
    fn ordinary_urls_and_raster_images_pass() {
        for url in [
            "https://example.org/javascript:x",
            "/2026/07/05/story/",
            "other.md",
            "mailto:desk@example.org",
            "#javascript",
            "tel:+441234",
        ] {
            assert_eq!(unsafe_scheme(url, UrlUse::Link), None, "{url:?}");
        }
        assert_eq!(
            unsafe_scheme("data:image/png;base64,AAAA", UrlUse::Image),
            None
        );
        assert_eq!(
            unsafe_scheme("data:image/png;base64,AAAA", UrlUse::Link),
            Some("data")
        );
        assert_eq!(
            unsafe_scheme("data:image/svg+xml,<svg onload=x>", UrlUse::Image),
            Some("data")
        );
    }
}
