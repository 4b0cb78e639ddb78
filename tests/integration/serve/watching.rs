//! Watching: saves, new files, deletions and errors reach the browser.

use std::time::{Duration, Instant};

use super::{ARTICLE, STORY};
use crate::harness::Site;
use crate::server::{Server, free_port};

#[test]
fn edits_new_files_deletions_and_errors_show_up_and_recover() {
    let site = Site::fixture("basic");
    let mut server = Server::start(&site, free_port());
    // A body edit, saved the way editors do: write a temporary file, rename it over.
    let text = std::fs::read_to_string(site.path(STORY)).unwrap();
    let tmp = site.path("content/2026/.deepmind.md.tmp");
    std::fs::write(
        &tmp,
        text.replace(
            "DeepMind researchers will work",
            "FRESHLY EDITED researchers will work",
        ),
    )
    .unwrap();
    std::fs::rename(&tmp, site.path(STORY)).unwrap();
    server.wait_for_body(ARTICLE, "FRESHLY EDITED", Duration::from_secs(5));
    // A new story appears, on its page and on the home page.
    site.write("content/2026/new.md", "---\ntitle: Brand new story\ndate: 2026-07-07\ncategory: AI Technology\nparties: [A24]\n---\nHello.\n");
    server.wait_for_body("/", "Brand new story", Duration::from_secs(5));
    assert_eq!(server.get("/2026/07/07/brand-new-story/").0, 200);
    // Broken front-matter: the terminal says where, the last good site stays up.
    site.write("content/2026/new.md", "---\ntitle: Brand new story\ndate: 2026-07-07\ncategory: Nope\nparties: [A24]\n---\nHello.\n");
    let line = server.wait_for_line("content/2026/new.md:4: category", Duration::from_secs(5));
    assert!(line.contains("unknown category \"Nope\""), "{line}");
    assert_eq!(server.get("/2026/07/07/brand-new-story/").0, 200);
    // Deleting it recovers and removes its page.
    std::fs::remove_file(site.path("content/2026/new.md")).unwrap();
    let deadline = Instant::now() + Duration::from_secs(5);
    while server.get("/2026/07/07/brand-new-story/").0 != 404 {
        assert!(Instant::now() < deadline, "deleted story still served");
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(!server.get("/").2.contains("Brand new story"));
    // A burst of many changes ends in one correct state.
    for i in 0..20 {
        site.write(&format!("content/2026/burst-{i}.md"), format!("---\ntitle: Burst {i}\ndate: 2026-07-08\ncategory: AI Technology\nparties: []\n---\nB.\n"));
    }
    server.wait_for_body("/2026/07/08/burst-19/", "Burst 19", Duration::from_secs(10));
    for i in 0..20 {
        assert_eq!(
            server.get(&format!("/2026/07/08/burst-{i}/")).0,
            200,
            "burst-{i}"
        );
    }
}
