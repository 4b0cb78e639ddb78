//! Tests of Markdown rendering and link handling.

use super::*;

fn md(source: &str) -> Rendered {
    render(source, &Links::plain("/"), RawHtml::Sanitize)
}

#[test]
fn root_relative_links_get_the_base_path() {
    let r = render(
        "[a](/2026/x/) [b](https://e.org/) ![i](/img.png) [c](//cdn.example/x)",
        &Links::plain("/picks/"),
        RawHtml::Sanitize,
    );
    assert!(r.html.contains("href=\"/picks/2026/x/\""), "{}", r.html);
    assert!(r.html.contains("src=\"/picks/img.png\""), "{}", r.html);
    assert!(r.html.contains("href=\"https://e.org/\""), "{}", r.html);
    assert!(r.html.contains("href=\"//cdn.example/x\""), "{}", r.html);
}

#[test]
fn story_links_resolve_or_are_reported() {
    let story = |t: &str| match t {
        "a.md" | "@/2026/a.md" => Ok("/2026/07/05/a/".to_owned()),
        _ => Err(format!("no story {t}")),
    };
    let links = Links {
        base_path: "/",
        story: &story,
        ..Links::plain("/")
    };
    let r = render(
        "[x](a.md#part) [y](@/2026/a.md)\n\n[z](missing.md) [w](https://e.org/a.md)\n\n## See [h](a.md) and [m](gone.md)\n",
        &links,
        RawHtml::Sanitize,
    );
    assert!(
        r.html.contains("href=\"/2026/07/05/a/#part\""),
        "{}",
        r.html
    );
    assert!(r.html.contains("href=\"/2026/07/05/a/\""), "{}", r.html);
    assert!(r.html.contains("href=\"https://e.org/a.md\""), "{}", r.html);
    assert_eq!(r.broken_links.len(), 2);
    assert_eq!(r.broken_links[0].offset, 33);
    assert_eq!(r.broken_links[0].message, "no story missing.md");
    // Links inside headings are resolved and checked too.
    assert!(
        r.html.contains("See <a href=\"/2026/07/05/a/\">h</a>"),
        "{}",
        r.html
    );
    assert_eq!(r.broken_links[1].message, "no story gone.md");
}

#[test]
fn story_links_keep_their_query_and_anchor() {
    let story = |t: &str| match t {
        "a.md" => Ok("/2026/07/05/a/".to_owned()),
        _ => Err(format!("no story {t}")),
    };
    let links = Links {
        base_path: "/",
        story: &story,
        ..Links::plain("/")
    };
    let r = render(
        "[q](a.md?utm=x) [b](a.md?utm=x&v=2#part) [c](a.md#part?x)\n",
        &links,
        RawHtml::Sanitize,
    );
    assert!(r.broken_links.is_empty(), "{:?}", r.broken_links);
    let hrefs: Vec<&str> = r
        .html
        .split("href=\"")
        .skip(1)
        .map(|h| &h[..h.find('"').unwrap()])
        .collect();
    assert_eq!(
        hrefs,
        [
            "/2026/07/05/a/?utm=x",
            "/2026/07/05/a/?utm=x&amp;v=2#part",
            "/2026/07/05/a/#part?x",
        ]
    );
}

#[test]
fn urls_that_run_code_are_reported_and_never_written() {
    let body = "[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](jav&#x09;ascript:alert(1))\n\n\
                ![d](data:text/html;base64,PHNjcmlwdD4=) <vbscript:msgbox(1)> [e][ref]\n\n\
                ## See [f]( javascript:x)\n\n\
                ![ok](data:image/png;base64,AAAA) [ok](https://e.org/javascript:x)\n\n\
                [ref]: DATA:text/html,x\n";
    let at = |s: &str| body.find(s).unwrap();
    let r = md(body);
    let found: Vec<(usize, UrlUse, &str)> = r
        .unsafe_urls
        .iter()
        .map(|u| (u.offset, u.usage, u.scheme))
        .collect();
    assert_eq!(
        found,
        [
            (at("[a]"), UrlUse::Link, "javascript"),
            (at("[b]"), UrlUse::Link, "javascript"),
            (at("[c]"), UrlUse::Link, "javascript"),
            (at("![d]"), UrlUse::Image, "data"),
            (at("<vb"), UrlUse::Link, "vbscript"),
            (at("[e]"), UrlUse::Link, "data"),
            (at("[f]"), UrlUse::Link, "javascript"),
        ]
    );
    assert_eq!(r.unsafe_urls[2].url, "jav\tascript:alert(1)");
    for bad in [
        "javascript:alert",
        "JaVaScRiPt",
        "text/html",
        "\"vbscript",
        "DATA",
    ] {
        assert!(!r.html.contains(bad), "{bad} in {}", r.html);
    }
    assert!(
        r.html.contains("src=\"data:image/png;base64,AAAA\""),
        "{}",
        r.html
    );
}

#[test]
fn headings_get_unique_ids_and_anchors() {
    let r = md("## What was announced\n\ntext\n\n## What was announced\n");
    assert!(
        r.html.contains("<h2 id=\"what-was-announced\">"),
        "{}",
        r.html
    );
    assert!(
        r.html.contains("<h2 id=\"what-was-announced-1\">"),
        "{}",
        r.html
    );
    assert!(
        r.html.contains("href=\"#what-was-announced\""),
        "{}",
        r.html
    );
    assert_eq!(r.toc.len(), 2);
}

#[test]
fn extensions_are_on() {
    let r = md(
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ \"quoted\"\n\n- [x] done\n\nNote[^1].\n\n[^1]: A footnote.\n",
    );
    assert!(r.html.contains("<table>"));
    assert!(r.html.contains("<del>old</del>"));
    assert!(r.html.contains("\u{201c}quoted\u{201d}"));
    assert!(r.html.contains("type=\"checkbox\""));
    assert!(r.html.contains("footnote-definition"));
}

#[test]
fn first_paragraph_is_plain_text() {
    let r = md("## Heading\n\n> quoted first\n\nThe *real* lede,\nwith `code`.\n\nSecond.\n");
    assert_eq!(r.first_paragraph, "The real lede, with code.");
}

#[test]
fn words_and_reading_time() {
    let body = "word ".repeat(461);
    let r = md(&body);
    assert_eq!(r.words, 461);
    assert_eq!(r.reading_minutes(), 3);
    assert_eq!(md("").reading_minutes(), 1);
}

#[test]
fn fenced_code_is_highlighted_or_escaped() {
    let r = md("```python\nprint('<b>')\n```\n\n```zzz\n<i>\n```\n");
    assert!(r.html.contains("language-python"));
    assert!(r.html.contains("&lt;i&gt;"));
}

#[test]
fn code_past_the_highlighting_budget_is_plain_but_whole() {
    let block = format!("```rust\n{}```\n\n", "let x = 1;\n".repeat(8 * 1024));
    let body = block.repeat(3);
    let html = md(&body).html;
    // The first blocks fit the budget and are coloured; the last is plain, with
    // its language kept and every line there.
    let blocks: Vec<&str> = html.split("<pre class=\"code\"").skip(1).collect();
    assert_eq!(blocks.len(), 3);
    assert!(blocks[0].contains("hl-"));
    assert!(!blocks[2].contains("hl-"));
    assert!(blocks[2].starts_with(" data-lang=\"rust\"><code class=\"language-rust\">"));
    assert_eq!(blocks[2].matches("let x = 1;").count(), 8 * 1024);
}

#[test]
fn external_links_are_absolute_http_urls_of_links_and_images() {
    let body = "[a](https://e.org/a) [s](a.md) [r](/2026/x/) [m](mailto:x@e.org)\n\n\
                ## See [h](HTTP://E.org/h)\n\n![i](https://cdn.e.org/i.png) <https://e.org/auto>\n\n\
                [ref][1] `[code](https://no.org/)` [p](//cdn.e.org/x)\n\n[1]: https://e.org/ref\n";
    let found = external_links(body);
    let urls: Vec<&str> = found.iter().map(|l| l.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            "https://e.org/a",
            "HTTP://E.org/h",
            "https://cdn.e.org/i.png",
            "https://e.org/auto",
            "https://e.org/ref",
        ]
    );
    assert_eq!(found[0].offset, 0);
    assert_eq!(&body[found[1].offset..found[1].offset + 3], "[h]");
    assert!(is_external("https://x") && is_external("Http://x"));
    assert!(!is_external("ftp://x") && !is_external("//x") && !is_external("https:x"));
}
