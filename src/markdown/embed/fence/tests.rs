//! Reading embed blocks: options, and every problem on its line.

use super::*;
use crate::markdown::embed::video::Provider;

fn problems(text: &str) -> Vec<(usize, Option<String>, String)> {
    parse(text)
        .1
        .into_iter()
        .map(|p| (p.line, p.key, p.message))
        .collect()
}

/// A block that reads without a problem.
fn fine(text: &str) -> (Fence, Video) {
    let (fence, problems) = parse(text);
    assert_eq!(problems, [], "{text}");
    let video = fence.video.clone().expect("a video");
    (fence, video)
}

#[test]
fn a_url_alone_is_enough() {
    let (fence, video) = fine("https://youtu.be/aqz-KE-bpKQ\n");
    assert_eq!(video.provider, Provider::YouTube);
    assert_eq!(video.id, "aqz-KE-bpKQ");
    assert_eq!(
        (fence.title, fence.caption, fence.poster),
        (None, None, None)
    );
    // Blank lines first, an autolink's brackets and spaces do not matter.
    let (_, video) = fine("\n  <https://vimeo.com/76979871>  \n");
    assert_eq!(video.provider, Provider::Vimeo);
}

#[test]
fn options_are_read_with_their_lines() {
    let (fence, video) = fine(
        "https://youtu.be/aqz-KE-bpKQ?t=10\n\
         title: \"The official trailer\"\n\
         \n\
         caption: Released *today*: see [the story](other.md).\n\
         poster: /images/trailer.jpg\n\
         start: 1:30\n",
    );
    assert_eq!(fence.title.as_deref(), Some("The official trailer"));
    assert_eq!(
        fence.caption,
        Some(Value {
            text: "Released *today*: see [the story](other.md).".into(),
            line: 3
        })
    );
    assert_eq!(
        fence.poster,
        Some(Value {
            text: "/images/trailer.jpg".into(),
            line: 4
        })
    );
    assert_eq!(video.start, Some(90), "start: wins over the URL's t=");
}

#[test]
fn the_url_keeps_its_start_without_a_start_option() {
    let (fence, video) = fine("https://youtu.be/aqz-KE-bpKQ?t=10\ntitle: 'T'\n");
    assert_eq!(video.start, Some(10));
    assert_eq!(fence.title.as_deref(), Some("T"));
}

#[test]
fn every_problem_is_found_on_its_line() {
    let found = problems(
        "https://example.org/trailer\n\
         titel: Trailer\n\
         just words\n\
         start: soon\n\
         caption: one\n\
         caption: two\n\
         poster:\n",
    );
    assert_eq!(
        found,
        [
            (
                0,
                None,
                "\"https://example.org/trailer\" is not a YouTube or Vimeo video URL".into()
            ),
            (
                1,
                Some("titel".into()),
                "embed blocks have no option \"titel\"".into()
            ),
            (
                2,
                None,
                "\"just words\" is not a `key: value` option".into()
            ),
            (5, Some("caption".into()), "caption is given twice".into()),
            (6, Some("poster".into()), "poster is empty".into()),
            (
                3,
                Some("start".into()),
                "\"soon\" is not a start time".into()
            ),
        ]
    );
}

#[test]
fn options_that_read_are_given_beside_the_problems() {
    let (fence, problems) = parse("https://example.org/x\nposter: /p.jpg\ncolour: red\n");
    assert_eq!(fence.video, None);
    assert_eq!(fence.poster.map(|p| p.line), Some(1));
    assert_eq!(problems.len(), 2, "{problems:?}");
}

#[test]
fn a_url_with_a_bad_id_is_refused() {
    let found = problems("\n\nhttps://www.youtube.com/watch?v=aqz\"onload=x\n");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, 2);
}

#[test]
fn an_empty_block_is_refused() {
    assert_eq!(
        problems("\n  \n"),
        [(0, None, "this embed block is empty".into())]
    );
}

#[test]
fn long_values_are_refused() {
    let text = format!("https://youtu.be/aqz-KE-bpKQ\ntitle: {}\n", "t".repeat(301));
    let found = problems(&text);
    assert_eq!(
        found,
        [(
            1,
            Some("title".into()),
            "title is 301 characters long; the limit is 300".into()
        )]
    );
}
