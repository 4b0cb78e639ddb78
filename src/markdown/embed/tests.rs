//! Embeds as a body renders them: which paragraphs become embeds, blocks with
//! their options, problems on their lines, and markup a writer cannot forge.

use crate::markdown::{Links, RawHtml, Rendered, render};

fn posters(path: &str) -> Result<String, String> {
    match path {
        "/images/trailer.jpg" => Ok("/picks/images/trailer.jpg".to_owned()),
        _ => Err(format!("{path} is not a file under static/")),
    }
}

fn md_with(source: &str, raw_html: RawHtml) -> Rendered {
    let story = |t: &str| match t {
        "other.md" => Ok("/picks/2026/other/".to_owned()),
        _ => Err(format!("no story {t}")),
    };
    let links = Links {
        base_path: "/picks/",
        story: &story,
        poster: &posters,
    };
    render(source, &links, raw_html)
}

fn md(source: &str) -> Rendered {
    md_with(source, RawHtml::Sanitize)
}

/// The line (1-based, in the body) of a byte offset.
fn line(source: &str, offset: usize) -> usize {
    source[..offset].matches('\n').count() + 1
}

#[test]
fn a_video_url_alone_in_a_paragraph_becomes_an_embed() {
    let r = md("Before.\n\nhttps://youtu.be/aqz-KE-bpKQ?t=90\n\nAfter.\n");
    assert_eq!(r.embeds, 1);
    assert!(
        r.html.contains(
            "<figure class=\"embed\" data-embed=\"youtube:aqz-KE-bpKQ\" data-embed-start=\"90\">\n\
             <a class=\"embed-link\" href=\"https://www.youtube.com/watch?v=aqz-KE-bpKQ&amp;t=90s\">\
             <span class=\"embed-poster embed-placeholder\"></span>\
             <span class=\"embed-play\" aria-hidden=\"true\">▶</span>\n\
             <span class=\"embed-title\">YouTube video</span>\n\
             <span class=\"embed-host\">Watch on YouTube</span></a>\n</figure>\n"
        ),
        "{}",
        r.html
    );
    assert!(!r.html.contains("<p>https://"), "{}", r.html);
    assert!(
        !r.html.contains("<img"),
        "no picture from anywhere: {}",
        r.html
    );
    assert_eq!(r.first_paragraph, "Before.");
    assert_eq!(r.words, 2, "the URL is not a word of the story");
}

#[test]
fn an_autolink_alone_and_vimeo_become_embeds() {
    let r = md(
        "<https://vimeo.com/76979871/8a3b2c1d0e#t=5s>\n\n  https://www.youtube.com/shorts/aqz-KE-bpKQ  \n",
    );
    assert_eq!(r.embeds, 2, "{}", r.html);
    assert!(
        r.html.contains(
            "data-embed=\"vimeo:76979871\" data-embed-hash=\"8a3b2c1d0e\" data-embed-start=\"5\""
        ),
        "{}",
        r.html
    );
    assert!(
        r.html
            .contains("href=\"https://vimeo.com/76979871/8a3b2c1d0e#t=5s\""),
        "{}",
        r.html
    );
    assert!(r.html.contains(">Vimeo video<"), "{}", r.html);
}

#[test]
fn a_video_url_with_anything_around_it_stays_a_link() {
    for source in [
        "Watch <https://youtu.be/aqz-KE-bpKQ> now.\n",
        "[the trailer](https://youtu.be/aqz-KE-bpKQ)\n",
        "- https://youtu.be/aqz-KE-bpKQ\n",
        "> https://youtu.be/aqz-KE-bpKQ\n",
        "1. <https://youtu.be/aqz-KE-bpKQ>\n\n2. other\n",
        "https://youtu.be/aqz-KE-bpKQ https://youtu.be/aqz-KE-bpKQ\n",
        "https://youtu.be/aqz-KE-bpKQ\nand a second line\n",
        "https://example.org/trailer\n",
        "<https://example.org/trailer>\n",
        "https://youtu.be/aqz\"KE-bpKQ\n",
        "`https://youtu.be/aqz-KE-bpKQ`\n",
        "    https://youtu.be/aqz-KE-bpKQ\n",
        "| a |\n|---|\n| https://youtu.be/aqz-KE-bpKQ |\n",
    ] {
        let r = md(source);
        assert_eq!(r.embeds, 0, "{source:?}: {}", r.html);
        assert!(!r.html.contains("embed"), "{source:?}: {}", r.html);
    }
}

#[test]
fn a_block_with_options_becomes_a_captioned_embed() {
    let r = md(concat!(
        "Intro.\n\n",
        "```embed\n",
        "https://www.youtube.com/watch?v=aqz-KE-bpKQ\n",
        "title: The \"official\" <trailer>\n",
        "caption: Released *today*; see [the story](other.md).\n",
        "poster: /images/trailer.jpg\n",
        "start: 1m5s\n",
        "```\n",
    ));
    assert!(r.bad_embeds.is_empty(), "{:?}", r.bad_embeds);
    assert_eq!(r.embeds, 1);
    for part in [
        "data-embed=\"youtube:aqz-KE-bpKQ\" data-embed-start=\"65\"",
        "<span class=\"embed-poster\"><img src=\"/picks/images/trailer.jpg\" alt=\"\" loading=\"lazy\" decoding=\"async\"></span>",
        "<span class=\"embed-title\">The &quot;official&quot; &lt;trailer&gt;</span>",
        "<figcaption>Released <em>today</em>; see <a href=\"/picks/2026/other/\">the story</a>.</figcaption>",
    ] {
        assert!(r.html.contains(part), "{part}\n{}", r.html);
    }
    assert!(!r.html.contains("<pre"), "{}", r.html);
}

#[test]
fn problems_in_a_block_are_on_their_lines() {
    let source = concat!(
        "Intro.\n\n",
        "> ```embed\n",
        "> https://youtu.be/aqz-KE-bpKQ\n",
        "> poster: /images/missing.jpg\n",
        "> caption: see [gone](gone.md)\n",
        "> ```\n\n",
        "```embed\n",
        "https://example.org/trailer\n",
        "colour: red\n",
        "```\n",
    );
    let r = md(source);
    let found: Vec<(usize, Option<&str>)> = r
        .bad_embeds
        .iter()
        .map(|b| (line(source, b.offset), b.key.as_deref()))
        .collect();
    assert_eq!(
        found,
        [(5, Some("poster")), (10, None), (11, Some("colour"))]
    );
    assert_eq!(
        r.bad_embeds[0].message,
        "/images/missing.jpg is not a file under static/"
    );
    assert_eq!(r.broken_links.len(), 1);
    assert_eq!(line(source, r.broken_links[0].offset), 6);
    assert!(r.stops_build());
}

#[test]
fn a_caption_is_sanitised_and_its_removals_reported() {
    let source = "```embed\nhttps://youtu.be/aqz-KE-bpKQ\ncaption: <b onclick=\"x()\">bold</b><script>x()</script>\n```\n";
    let r = md(source);
    assert!(
        r.html.contains("<figcaption><b>bold</b></figcaption>"),
        "{}",
        r.html
    );
    assert_eq!(r.dropped_html.len(), 2, "{:?}", r.dropped_html);
    assert!(r.dropped_html.iter().all(|d| line(source, d.offset) == 3));
    // `check` finds the same removals.
    assert_eq!(
        crate::markdown::dropped_html(source, RawHtml::Sanitize).len(),
        2
    );
}

#[test]
fn raw_html_around_does_not_touch_the_embed_and_cannot_forge_one() {
    let r = md(concat!(
        "<div class=\"wide\">\n\n",
        "https://youtu.be/aqz-KE-bpKQ\n\n",
        "</div>\n\n",
        "<figure class=\"embed\" data-embed=\"youtube:aqz-KE-bpKQ\" data-embed-start=\"1\">",
        "<a class=\"embed-link\" href=\"https://evil.example/\">x</a></figure>\n",
    ));
    assert_eq!(r.embeds, 1);
    assert_eq!(r.html.matches("data-embed=").count(), 1, "{}", r.html);
    assert!(
        r.html.contains(
            "<div class=\"wide\">\n<figure class=\"embed\" data-embed=\"youtube:aqz-KE-bpKQ\">"
        ),
        "{}",
        r.html
    );
    assert!(!r.html.contains("data-embed-start"), "{}", r.html);
}
