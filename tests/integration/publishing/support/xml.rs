//! The XML checker the publishing tests run on every feed and sitemap, a reader of
//! simple record lists (sitemap `<url>` entries), and a test of the checker itself.
//!
//! The checker is roxmltree, a strict XML 1.0 parser: it rejects characters XML
//! forbids (raw or as references), undefined entities, bad nesting, duplicate
//! attributes, unbound namespace prefixes and a second root, and refuses DTDs.

use std::collections::BTreeMap;

/// Parses `xml` strictly, or panics naming the file and the position of the error.
pub fn parse<'x>(name: &str, xml: &'x str) -> roxmltree::Document<'x> {
    roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("{name}: not well-formed: {e}"))
}

/// Checks that `xml` is a well-formed, namespace-well-formed XML 1.0 document.
pub fn assert_well_formed(name: &str, xml: &str) {
    let doc = parse(name, xml);
    // The parser accepts `]]>` in character data, which XML 1.0 forbids there.
    for node in doc.descendants().filter(|n| n.is_text()) {
        let raw = &xml[node.range()];
        assert!(!raw.contains("]]>"), "{name}: raw ]]> in character data");
    }
}

/// The element's qualified name as written (`news:title`, `loc`).
fn qualified_name(node: roxmltree::Node<'_, '_>) -> String {
    let tag = node.tag_name();
    match tag.namespace().and_then(|ns| node.lookup_prefix(ns)) {
        Some(prefix) if !prefix.is_empty() => format!("{prefix}:{}", tag.name()),
        _ => tag.name().to_owned(),
    }
}

/// The records of an XML document: for each `record` element, the text of every
/// innermost element inside it by qualified name (entities resolved).
pub fn xml_records(xml: &str, record: &str) -> Vec<BTreeMap<String, String>> {
    let doc = parse("records", xml);
    doc.descendants()
        .filter(|n| n.is_element() && qualified_name(*n) == record)
        .map(|r| {
            r.descendants()
                .skip(1)
                .filter(|n| n.is_element() && !n.children().any(|c| c.is_element()))
                .map(|n| (qualified_name(n), n.text().unwrap_or_default().to_owned()))
                .collect()
        })
        .collect()
}

/// The XML checker itself: it must refuse what a feed reader would refuse.
#[test]
fn the_xml_checker_rejects_broken_documents() {
    assert_well_formed(
        "good",
        "<?xml version=\"1.0\"?>\n<a x=\"1 &amp; 2\" xmlns:n=\"urn:n\"><b>&lt;&#x41;&#66;\t\r\n</b><n:c/></a>\n",
    );
    for bad in [
        "<a><b></a>",
        "<a><b></b>",
        "<a></a><a></a>",
        "<a>&nbsp;</a>",
        "<a>x ]]> y</a>",
        "<a x=\"<\"/>",
        "<a x=\"1\" x=\"2\"/>",
        "text<a/>",
        "<a>&#0;</a>",
        "<a>&#x1F;</a>",
        "<a>\u{1}</a>",
        "<a>x\u{8}y</a>",
        "<a x=\"\u{1b}\"/>",
        "<a>\u{ffff}</a>",
        "<n:a/>",
        "<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>",
    ] {
        let caught = std::panic::catch_unwind(|| assert_well_formed("bad", bad));
        assert!(caught.is_err(), "accepted {bad:?}");
    }
}
