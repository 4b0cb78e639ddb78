//! The Markdown images of a body, with the body line each is on, for the media
//! stage (`crate::media`) to resolve and turn into `<picture>`s.

/// A Markdown image of a body.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BodyImage {
    /// The body line it is on, counting from 0 (the file line is the body's first
    /// line plus this, so a cached body stays right when the front-matter grows).
    pub line: usize,
    /// The source as written (`still.jpg`, `/images/a.png`).
    pub written: String,
    /// The `src` the HTML has for it (the site's base path put in front of a site
    /// path).
    pub src: String,
}

/// Lines of offsets given in increasing order, counted once.
#[derive(Default)]
pub(super) struct LineCounter {
    offset: usize,
    line: usize,
}

impl LineCounter {
    pub(super) fn line_at(&mut self, source: &str, offset: usize) -> usize {
        let offset = offset.min(source.len());
        if offset < self.offset {
            *self = LineCounter::default();
        }
        self.line += source.as_bytes()[self.offset..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.offset = offset;
        self.line
    }
}
