//! Page bundles: a story written as `<name>/index.md` keeps its files beside it and
//! they are published beside its page (Hugo's leaf bundles, Zola's colocated
//! assets): a PDF it links to, a picture it shows (also resized like any other).
//! Markdown files and hidden names stay out; a folder holding its own `index.md` is
//! another bundle; `:filename` is the folder's name.

use crate::harness::{Site, attrs};
use crate::images::{jpeg, variant_of};

const BUNDLE: &str = "content/2026/on-set/";
const STORY: &str = "---\ntitle: On set with the crew\ndate: 2026-07-06\ncategory: AI Technology\n\
    parties: []\nimage: still.jpg\nimage_alt: The stage\n---\n\n\
    The [filing](filing.pdf) is public.\n\n![The crane](shots/crane.jpg)\n";
const PAGE: &str = "2026/07/06/on-set-with-the-crew/";

fn bundle_site() -> Site {
    let site = Site::fixture("basic");
    site.write(&format!("{BUNDLE}index.md"), STORY);
    site.write(&format!("{BUNDLE}still.jpg"), jpeg(900, 600));
    site.write(&format!("{BUNDLE}shots/crane.jpg"), jpeg(700, 500));
    site.write(&format!("{BUNDLE}filing.pdf"), b"%PDF-1.4 filing");
    site.write(&format!("{BUNDLE}.notes.txt"), "private");
    site.write(&format!("{BUNDLE}_scratch.txt"), "private");
    // Another story's bundle inside this one: its files are its own.
    site.write(
        &format!("{BUNDLE}extra/index.md"),
        "---\ntitle: The extra\ndate: 2026-07-07\ncategory: AI Technology\nparties: []\n---\n\nMore.\n",
    );
    site.write(&format!("{BUNDLE}extra/call-sheet.pdf"), b"%PDF-1.4 sheet");
    site
}

#[test]
fn a_bundle_publishes_its_files_beside_its_page() {
    let site = bundle_site();
    site.build(&[]).ok();
    assert!(site.exists(&format!("{PAGE}index.html")));
    assert_eq!(
        std::fs::read(site.path(&format!("public/{PAGE}filing.pdf"))).unwrap(),
        b"%PDF-1.4 filing"
    );
    assert!(site.exists(&format!("{PAGE}shots/crane.jpg")));
    for left_out in [
        "index.md",
        ".notes.txt",
        "_scratch.txt",
        "extra/call-sheet.pdf",
    ] {
        assert!(!site.exists(&format!("{PAGE}{left_out}")), "{left_out}");
    }
    assert!(site.exists("2026/07/07/the-extra/call-sheet.pdf"));
    // The story's relative link resolves beside its page; its pictures are resized.
    let page = site.html(&format!("{PAGE}index.html"));
    assert!(attrs(&page, "article a", "href").contains(&"filing.pdf".to_owned()));
    let sources = attrs(&page, "article picture source", "srcset");
    let narrowest: Vec<_> = (sources.iter())
        .filter_map(|s| variant_of(s.split(' ').next()?))
        .collect();
    assert!(narrowest.contains(&("still", 480, "webp")), "{sources:?}");
    assert!(narrowest.contains(&("crane", 480, "webp")), "{sources:?}");
}

#[test]
fn a_bundle_is_named_by_its_folder() {
    let site = bundle_site();
    let toml = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write("site.toml", format!("permalink = \"/:filename/\"\n{toml}"));
    site.build(&[]).ok();
    assert!(site.exists("on-set/index.html"), "{:?}", site.files());
    assert!(site.exists("on-set/filing.pdf"));
    assert!(site.exists("extra/call-sheet.pdf"));
}

/// A bundled story's embed may take its poster from the bundle, by a relative path:
/// the poster is published beside the page and the figure points at it. A story that
/// is no bundle still cannot name a relative poster.
#[test]
fn an_embed_poster_beside_a_bundled_story() {
    let site = bundle_site();
    let embed = "\n```embed\nhttps://youtu.be/aqz-KE-bpKQ\nposter: shots/crane.jpg\n```\n";
    site.write(&format!("{BUNDLE}index.md"), format!("{STORY}{embed}"));
    site.build(&[]).ok();
    let page = site.html(&format!("{PAGE}index.html"));
    let posters = attrs(&page, ".embed-poster img", "src");
    assert_eq!(posters, [format!("/{PAGE}shots/crane.jpg")]);
    assert!(site.exists(&format!("{PAGE}shots/crane.jpg")));

    // A file that is not there, or that the bundle does not publish (a hidden
    // name), is refused on the option's line.
    site.write(&format!("{BUNDLE}_still.jpg"), jpeg(300, 200));
    for poster in ["shots/missing.jpg", "_still.jpg"] {
        site.write(
            &format!("{BUNDLE}index.md"),
            format!("{STORY}{}", embed.replace("shots/crane.jpg", poster)),
        );
        let err = site.build(&[]).fails();
        let said = format!("{poster} is not a file content/2026/on-set publishes");
        assert!(err.contains(&said), "{err}");
    }
}

/// A bundle's file on the very path of its story's page would replace the story:
/// both `build` and `check` refuse it, naming the file.
#[test]
fn a_bundled_file_on_the_page_path_is_refused_by_build_and_check() {
    let site = bundle_site();
    site.write(&format!("{BUNDLE}index.html"), "<p>not the story</p>");
    let err = site.build(&[]).fails();
    let said = "content/2026/on-set/index.html: the bundled file content/2026/on-set/index.html would replace the page";
    assert!(err.contains(said), "{err}");
    let check = site.run(&["check", "--now", crate::harness::NOW]);
    let said_by_check = format!("{}{}", check.stdout(), check.stderr());
    assert!(said_by_check.contains(said), "{said_by_check}");
    check.fails();
}
