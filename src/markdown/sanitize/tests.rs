//! Tests of raw HTML sanitising: what goes, what stays, where it is reported, and
//! that known attacks stay inert with Markdown around them.

use super::*;
use crate::markdown::UrlUse;
use crate::markdown::{Links, Rendered, render};

fn md(source: &str) -> Rendered {
    render(source, &Links::plain("/"), RawHtml::Sanitize)
}

fn trusted(source: &str) -> Rendered {
    render(source, &Links::plain("/"), RawHtml::Trusted)
}

fn dropped(r: &Rendered) -> Vec<(usize, usize, &str)> {
    r.dropped_html
        .iter()
        .map(|d| (d.offset, d.lines, d.what.as_str()))
        .collect()
}

#[test]
fn scripts_handlers_and_script_urls_go_and_are_reported() {
    let r = md(
        "Hi <script>alert(1)</script> there <img src=x onerror=alert(1)>\n\n\
         A <a href=\"jav&#x09;ascript:alert(1)\">x</a> <a href=\"https://ok\" onclick=\"x\">ok</a>\n",
    );
    assert_eq!(
        r.html,
        "<p>Hi  there <img src=\"x\"></p>\n<p>A <a>x</a> <a href=\"https://ok\">ok</a></p>\n"
    );
    assert_eq!(
        dropped(&r),
        [
            (3, 0, "<script> and everything in it"),
            (35, 0, "the onerror attribute of <img>"),
            (67, 0, "href=\"jav\\tascript:alert(1)\" from <a>"),
            (109, 0, "the onclick attribute of <a>"),
        ]
    );
    // Trusted HTML is published as written.
    assert!(
        trusted("<script>x()</script>\n")
            .html
            .contains("<script>x()</script>")
    );
    assert!(trusted("<script>x()</script>\n").dropped_html.is_empty());
}

#[test]
fn markdown_inside_raw_html_keeps_its_structure() {
    let r = md(
        "<details>\n<summary>More</summary>\n\n**bold** and [a](https://e.org/)\n\n</details>\n",
    );
    assert_eq!(
        r.html,
        "<details>\n<summary>More</summary>\n<p><strong>bold</strong> and <a href=\"https://e.org/\">a</a></p>\n</details>\n"
    );
    assert!(r.dropped_html.is_empty());
}

#[test]
fn markdown_output_is_never_rewritten() {
    // Table alignment, task lists, heading anchors and highlighting are not
    // markup a writer may use, yet they survive beside raw HTML untouched.
    let body = "## Head <em>x</em>\n\n| a | b |\n|:-:|---|\n| <b>x</b> | y |\n\n\
                - [x] done <kbd>K</kbd>\n\n```rust\nfn main() {}\n```\n<aside class=\"note\" id=\"n\">Aside</aside>\n";
    let r = md(body);
    assert_eq!(r.html, trusted(body).html);
    assert!(
        r.html.contains("style=\"text-align: center\""),
        "{}",
        r.html
    );
    assert!(r.html.contains("type=\"checkbox\""), "{}", r.html);
    assert!(r.dropped_html.is_empty(), "{:?}", r.dropped_html);
}

#[test]
fn bodies_without_raw_html_are_not_touched() {
    let body = "Plain *text* with [a link](https://e.org/) and `<code>`.\n";
    assert_eq!(md(body), trusted(body));
}

#[test]
fn markdown_swallowed_into_an_attribute_cannot_break_out() {
    // The quote of `title="` closes at the next raw quote, so the Markdown
    // between (with a quote of its own) was attribute text: it must not be
    // pasted back into the attribute.
    let r =
        md("<div title=\"\n\n**md** \"onmouseover=alert(1)//\n\n<b title=\"x\">b</b>\n\nAfter.\n");
    assert!(!r.html.contains("onmouseover"), "{}", r.html);
    assert!(r.html.contains("<p>After.</p>"), "{}", r.html);
    assert_eq!(
        dropped(&r),
        [
            (
                0,
                0,
                "the Markdown after this HTML, which leaves a quote, comment or tag open"
            ),
            (46, 0, "the x\" attribute of <div>"),
        ]
    );
    // Raw HTML in an image's alt text is text, escaped by the renderer.
    let r = md("![<b title='\" onerror=alert(1) x='>](x.png)\n");
    assert_eq!(
        r.html,
        "<p><img src=\"x.png\" alt=\"&lt;b title=&#39;&quot; onerror=alert(1) x=&#39;&gt;\" /></p>\n"
    );
}

#[test]
fn placeholders_cannot_be_forged() {
    let r = md("Text \u{FDD0}0\u{FDD1} <b title=\"\u{FDD0}0\u{FDD1}\">b \u{FDD0}1\u{FDD1}</b>\n");
    assert_eq!(
        r.html,
        "<p>Text \u{FDD0}0\u{FDD1} <b title=\"\u{FFFD}0\u{FFFD}\">b \u{FDD0}1\u{FDD1}</b></p>\n"
    );
}

#[test]
fn script_text_is_not_read_as_tags_and_lines_are_counted() {
    let r = md(
        "<script>\nalert('<img src=x onerror=y>')\n</script>\n\n<figure>\n<img src=\"a.png\"\n  onload=\"x()\">\n</figure>\n",
    );
    assert_eq!(
        dropped(&r),
        [
            (0, 0, "<script> and everything in it"),
            (77, 0, "the onload attribute of <img>"),
        ]
    );
    assert_eq!(r.html, "\n<figure>\n<img src=\"a.png\">\n</figure>\n");
}

#[test]
fn media_keep_safe_urls_only() {
    let r = md(
        "<img src=\"data:image/png;base64,AAAA\" alt=\"dot\">\n<img src=\"data:text/html,x\">\n\
         <video controls src=\"/clip.mp4\" poster=\"javascript:x\"></video>\n<iframe src=\"https://e.org/\"></iframe>\n",
    );
    assert!(
        r.html.contains("src=\"data:image/png;base64,AAAA\""),
        "{}",
        r.html
    );
    assert!(!r.html.contains("text/html"), "{}", r.html);
    assert!(
        r.html.contains("<video controls=\"\" src=\"/clip.mp4\">"),
        "{}",
        r.html
    );
    assert!(!r.html.contains("iframe"), "{}", r.html);
    let what: Vec<&str> = dropped(&r).into_iter().map(|d| d.2).collect();
    assert_eq!(
        what,
        [
            "src=\"data:text/html,x\" from <img>",
            "poster=\"javascript:x\" from <video>",
            "the <iframe> tag (its text is kept)",
        ]
    );
}

/// Every element and attribute of `html` as a browser parses it, checked for
/// anything that runs script.
fn assert_inert(html: &str, vector: &str) {
    let doc = scraper::Html::parse_fragment(html);
    for node in doc.tree.nodes() {
        let Some(el) = node.value().as_element() else {
            continue;
        };
        let name = el.name();
        assert!(
            ![
                "script", "style", "iframe", "object", "embed", "svg", "math", "noscript"
            ]
            .contains(&name),
            "<{name}> from {vector:?}:\n{html}"
        );
        for (attr, value) in el.attrs() {
            assert!(!attr.starts_with("on"), "{attr} from {vector:?}:\n{html}");
            let url = crate::markdown::unsafe_url::unsafe_scheme(value, UrlUse::Image);
            assert!(url.is_none(), "{attr}={value:?} from {vector:?}:\n{html}");
        }
    }
}

#[test]
fn known_attacks_stay_inert_with_markdown_around_them() {
    for vector in [
        "<svg><style><img src=x onerror=alert(1)></style></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
        "<textarea>*md*</textarea><img src=x onerror=alert(1)>",
        "<a href=\"&#106;avascript:alert(1)\">x</a>",
        "<a href=\"javas&#x0A;cript:alert(1)\">x</a>",
        "<img src=\"data:image/svg+xml,<svg onload=alert(1)>\">",
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "<details open ontoggle=alert(1)>",
        "<video><source onerror=alert(1) src=x></video>",
        "<a href=\"vbscript:msgbox(1)\">x</a>",
        "<form action=\"javascript:alert(1)\"><button>x</button></form>",
        "<object data=\"javascript:alert(1)\"></object>",
        "<!--<img src=x onerror=alert(1)>-->",
        "<div title=\"\n\n*md* \" onmouseover=alert(1) x=\"\n\n<b title=\"q\">",
        "<style>*{x:expression(alert(1))}</style>",
        "<p style=\"background:url(javascript:alert(1))\">x</p>",
        "<img src=x one\u{0}rror=alert(1)>",
        "<scr<script>ipt>alert(1)</scr</script>ipt>",
    ] {
        for body in [
            format!("{vector}\n"),
            format!("Before *md* {vector} after [a](https://e.org/).\n"),
            format!("<div>\n\n**md** {vector}\n\n</div>\n"),
        ] {
            assert_inert(&md(&body).html, &body);
        }
    }
}
