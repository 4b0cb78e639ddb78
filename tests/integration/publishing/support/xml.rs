//! The XML checker the publishing tests run on every feed and sitemap, a reader of
//! simple record lists (sitemap `<url>` entries), and a test of the checker itself.

use std::collections::BTreeMap;

use quick_xml::events::Event;

fn resolve_ref(name: &str, r: &quick_xml::events::BytesRef<'_>) -> String {
    if r.is_char_ref() {
        let c = r
            .resolve_char_ref()
            .unwrap_or_else(|e| panic!("{name}: bad character reference: {e}"))
            .unwrap_or_else(|| panic!("{name}: character reference resolves to nothing"));
        c.to_string()
    } else {
        let entity = r
            .decode()
            .unwrap_or_else(|e| panic!("{name}: undecodable reference: {e}"));
        quick_xml::escape::resolve_predefined_entity(&entity)
            .unwrap_or_else(|| panic!("{name}: undefined entity &{entity};"))
            .to_owned()
    }
}

/// Reads every event of an XML document to `Eof` and checks what quick-xml leaves to
/// the caller: one root element, every element closed, only predefined entities, no
/// `<` in attribute values and no `]]>` in character data.
pub fn assert_well_formed(name: &str, xml: &str) {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut open: Vec<Vec<u8>> = Vec::new();
    let mut roots = 0;
    let check_attrs = |e: &quick_xml::events::BytesStart<'_>| {
        for a in e.attributes() {
            let a = a.unwrap_or_else(|err| panic!("{name}: bad attribute: {err}"));
            assert!(
                !a.value.contains(&b'<'),
                "{name}: '<' in an attribute value"
            );
            a.normalized_value(quick_xml::XmlVersion::Explicit1_0)
                .unwrap_or_else(|err| panic!("{name}: bad attribute value: {err}"));
        }
    };
    loop {
        let event = reader.read_event().unwrap_or_else(|e| {
            panic!(
                "{name}: not well-formed at byte {}: {e}",
                reader.buffer_position()
            )
        });
        match event {
            Event::Eof => break,
            Event::Start(e) => {
                roots += usize::from(open.is_empty());
                check_attrs(&e);
                open.push(e.name().as_ref().to_vec());
            }
            Event::Empty(e) => {
                roots += usize::from(open.is_empty());
                check_attrs(&e);
            }
            Event::End(e) => {
                let start = open
                    .pop()
                    .unwrap_or_else(|| panic!("{name}: end tag without start"));
                assert_eq!(start, e.name().as_ref(), "{name}: mismatched end tag");
            }
            Event::Text(t) => {
                let text = t
                    .decode()
                    .unwrap_or_else(|e| panic!("{name}: undecodable text: {e}"));
                assert!(!text.contains("]]>"), "{name}: raw ]]> in character data");
                if open.is_empty() {
                    assert!(
                        text.trim().is_empty(),
                        "{name}: text outside the root element: {text:?}"
                    );
                }
            }
            Event::GeneralRef(r) => {
                assert!(!open.is_empty(), "{name}: reference outside the root");
                resolve_ref(name, &r);
            }
            Event::DocType(_) => panic!("{name}: unexpected DOCTYPE"),
            Event::CData(_) | Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
        }
    }
    assert!(
        open.is_empty(),
        "{name}: unclosed elements {:?}",
        open.iter()
            .map(|o| String::from_utf8_lossy(o))
            .collect::<Vec<_>>()
    );
    assert_eq!(roots, 1, "{name}: expected one root element");
}

/// The records of an XML document: for each `record` element, the text of every
/// element inside it by qualified name (entities resolved).
pub fn xml_records(xml: &str, record: &str) -> Vec<BTreeMap<String, String>> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out: Vec<BTreeMap<String, String>> = Vec::new();
    let mut inside = false;
    let mut current: Option<(String, String)> = None;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Eof => break,
            Event::Start(e) => {
                let n = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                if n == record {
                    inside = true;
                    out.push(BTreeMap::new());
                } else if inside {
                    current = Some((n, String::new()));
                }
            }
            Event::End(e) => {
                let n = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                if n == record {
                    inside = false;
                } else if let Some((cn, text)) = current.take()
                    && cn == n
                {
                    out.last_mut().unwrap().insert(cn, text);
                }
            }
            Event::Text(t) => {
                if let Some((_, text)) = current.as_mut() {
                    text.push_str(&t.decode().unwrap());
                }
            }
            Event::GeneralRef(r) => {
                if let Some((_, text)) = current.as_mut() {
                    text.push_str(&resolve_ref("record", &r));
                }
            }
            _ => {}
        }
    }
    out
}

/// The XML checker itself: it must refuse what a feed reader would refuse.
#[test]
fn the_xml_checker_rejects_broken_documents() {
    assert_well_formed(
        "good",
        "<?xml version=\"1.0\"?>\n<a x=\"1 &amp; 2\"><b>&lt;&#x41;&#66;</b><c/></a>\n",
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
    ] {
        let caught = std::panic::catch_unwind(|| assert_well_formed("bad", bad));
        assert!(caught.is_err(), "accepted {bad:?}");
    }
}
