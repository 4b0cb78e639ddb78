//! Which external URLs the stories point at, and where each is written: every
//! `sources:` URL and the lead `image:` (on the line of the key the parser placed them
//! on), the links of `corrections:` notes (on the line of the note's text), and every
//! link and image of the body that leaves the site (on its line). The
//! same URL written in many places is requested once: places are grouped by the URL
//! a request would send (the `#fragment` is never sent, and the host's case and a
//! default port do not matter).

use std::path::PathBuf;

use crate::content::Story;
use crate::content::frontmatter::positions::KeyPath;
use crate::markdown;

/// One place a story points at an external URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The story file, relative to the site root.
    pub file: PathBuf,
    /// The line the URL is written on.
    pub line: usize,
    /// The front-matter key it is written under (`sources`, `image`, `corrections`);
    /// none in the body.
    pub key: Option<&'static str>,
    /// The URL as written.
    pub url: String,
}

/// One URL to request, with every place it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// What is requested: the URL normalised, without its fragment; as written (and
    /// trimmed) when it does not parse, so the request reports why.
    pub url: String,
    /// Where it is written, in story order.
    pub places: Vec<Place>,
}

/// Every external URL of one story, in the order written: sources, image,
/// corrections, body.
pub fn places(story: &Story) -> Vec<Place> {
    let front = &story.front;
    let at = |line: usize, key: Option<&'static str>, url: &str| Place {
        file: story.path.clone(),
        line,
        key,
        url: url.to_owned(),
    };
    let mut out = Vec::new();
    // A story with a bad source is invalid and never gets here, so the checked
    // sources are the written ones, index for index.
    for (i, source) in front.sources.iter().enumerate() {
        let line = front
            .positions
            .of(&KeyPath::field("sources", i, "url"))
            .line;
        out.push(at(line, Some("sources"), &source.url));
    }
    if let Some(image) = front.image.as_deref().filter(|u| markdown::is_external(u)) {
        out.push(at(front.positions.line("image"), Some("image"), image));
    }
    for note in &front.corrections {
        for link in markdown::external_links(&note.text) {
            let line = note.line + note.text[..link.offset].matches('\n').count();
            out.push(at(line, Some("corrections"), &link.url));
        }
    }
    let body = &story.body;
    let mut line = story.body_line;
    let mut counted = 0;
    for link in markdown::external_links(body) {
        // Links come in order, so lines are counted once over the body; should one
        // ever come before the last, counting starts again from the top.
        if link.offset < counted {
            (line, counted) = (story.body_line, 0);
        }
        line += body[counted..link.offset].matches('\n').count();
        counted = link.offset;
        out.push(at(line, None, &link.url));
    }
    out
}

/// Groups places by the URL a request would send, in the order first written.
pub fn targets(places: impl IntoIterator<Item = Place>) -> Vec<Target> {
    let mut out: Vec<Target> = Vec::new();
    let mut index = std::collections::HashMap::new();
    for place in places {
        let url = request_url(&place.url);
        let i = *index.entry(url.clone()).or_insert_with(|| {
            out.push(Target {
                url,
                places: Vec::new(),
            });
            out.len() - 1
        });
        out[i].places.push(place);
    }
    out
}

/// The URL a request for `written` sends: parsed and printed again (lower-case host
/// and scheme, no default port, spaces encoded), the fragment dropped.
fn request_url(written: &str) -> String {
    let written = written.trim();
    match url::Url::parse(written) {
        Ok(mut url) => {
            url.set_fragment(None);
            url.into()
        }
        Err(_) => written.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::content::parse_story;

    fn story(path: &str, text: &str) -> Story {
        let config = Config::parse(
            std::path::Path::new("."),
            "title = \"T\"\nbase_url = \"https://example.org/\"\n\
             [[categories]]\nname = \"AI\"\ndescription = \"d\"\n",
        )
        .expect("the configuration is valid");
        parse_story(&config, std::path::Path::new(path), text).expect("the story is valid")
    }

    #[test]
    fn sources_image_and_body_links_are_placed_on_their_lines() {
        let s = story(
            "content/a.md",
            "---\ntitle: A\ndate: 2026-07-05\ncategory: AI\nparties: []\n\
             image: https://cdn.example.net/lead.png\nsources:\n  - title: One\n    \
             url: https://one.example/news\n  - title: Two\n    url: \"http://two.example/\"\n\
             corrections:\n  - date: 2026-07-06\n    text: \"Per [the filing](https://court.example/f), not [ours](/x/).\"\n\
             ---\n\nIntro [site](/about/) and [story](b.md).\n\n\
             See [it](https://one.example/news#part)\nand ![pic](https://cdn.example.net/x.png).\n",
        );
        let found = places(&s);
        let found: Vec<(usize, Option<&str>, &str)> = found
            .iter()
            .map(|p| (p.line, p.key, p.url.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (9, Some("sources"), "https://one.example/news"),
                (11, Some("sources"), "http://two.example/"),
                (6, Some("image"), "https://cdn.example.net/lead.png"),
                (14, Some("corrections"), "https://court.example/f"),
                (19, None, "https://one.example/news#part"),
                (20, None, "https://cdn.example.net/x.png"),
            ]
        );
    }

    fn place(file: &str, line: usize, url: &str) -> Place {
        Place {
            file: file.into(),
            line,
            key: None,
            url: url.to_owned(),
        }
    }

    #[test]
    fn one_target_per_requested_url_with_every_place() {
        let found = targets([
            place("a.md", 3, "https://E.org/x#one"),
            place("a.md", 9, "https://other.org/"),
            place("b.md", 4, " https://e.org:443/x "),
            place("b.md", 5, "https://e.org/x?q=1"),
            place("c.md", 2, "https://bad host/"),
        ]);
        let summary: Vec<(&str, Vec<(&str, usize)>)> = found
            .iter()
            .map(|t| {
                let at = t
                    .places
                    .iter()
                    .map(|p| (p.file.to_str().unwrap(), p.line))
                    .collect();
                (t.url.as_str(), at)
            })
            .collect();
        assert_eq!(
            summary,
            [
                ("https://e.org/x", vec![("a.md", 3), ("b.md", 4)]),
                ("https://other.org/", vec![("a.md", 9)]),
                ("https://e.org/x?q=1", vec![("b.md", 5)]),
                ("https://bad host/", vec![("c.md", 2)]),
            ]
        );
    }
}
