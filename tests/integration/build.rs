//! The core build: pages made, their anatomy, links, escaping, drafts and future
//! stories, overrides, reproducibility.

use crate::harness::{Site, attrs, broken_links, texts};

const ARTICLE: &str =
    "2026/07/05/google-deepmind-and-a24-announce-a-research-partnership/index.html";

#[test]
fn builds_article_pages_with_the_whole_anatomy() {
    let site = Site::fixture("basic");
    let run = site.build(&[]).ok();
    assert!(
        run.stdout().starts_with("Built 3 stories into "),
        "summary line: {}",
        run.stdout()
    );
    assert!(
        run.stdout().lines().next().unwrap().ends_with("→ public/"),
        "{}",
        run.stdout()
    );

    let doc = site.html(ARTICLE);
    assert_eq!(
        texts(&doc, "h1"),
        ["Google DeepMind and A24 announce a research partnership"]
    );
    assert!(texts(&doc, "header").join(" ").contains("Fixture Picks"));
    assert_eq!(texts(&doc, ".story-header .kicker"), ["AI Technology"]);
    assert_eq!(
        attrs(&doc, ".story-header .kicker", "href"),
        ["/categories/ai-technology/"]
    );
    assert_eq!(
        attrs(&doc, "article time", "datetime")[0],
        "2026-07-05T00:00:00+00:00"
    );
    assert!(texts(&doc, "article time")[0].contains("July 5, 2026"));
    assert_eq!(
        texts(&doc, ".story-header .dek"),
        ["A first-of-its-kind collaboration, with an investment from Google."]
    );
    let parties = texts(&doc, "section.parties a");
    assert_eq!(parties, ["Google DeepMind", "A24"]);
    assert_eq!(
        attrs(&doc, "section.parties a", "href"),
        ["/parties/google-deepmind/", "/parties/a24/"]
    );
    // "research" and "Research" are one tag (a tie in use: the first spelling in order wins).
    assert_eq!(
        texts(&doc, "section.tags a"),
        ["Research", "independent film"]
    );
    assert_eq!(
        attrs(&doc, "section.tags a", "href"),
        ["/tags/research/", "/tags/independent-film/"]
    );
    let source = attrs(&doc, "a.source-link", "href");
    assert_eq!(source, ["https://deepmind.google/discover/blog/"]);
    assert!(texts(&doc, "a.source-link")[0].contains("Read the full announcement"));
    // Body: H2 sections with anchors, highlighted code.
    assert_eq!(
        attrs(&doc, ".article-body h2", "id"),
        ["what-was-announced", "what-comes-next"]
    );
    assert_eq!(
        attrs(&doc, ".article-body h2 a.anchor", "href"),
        ["#what-was-announced", "#what-comes-next"]
    );
    // The code block is highlighted: the keyword and the string are told apart,
    // and the code's text survives.
    assert_eq!(
        texts(&doc, "pre.code code.language-rust .hl-storage.hl-type"),
        ["fn"]
    );
    assert_eq!(
        texts(&doc, "pre.code .hl-string.hl-quoted"),
        ["\"no roadmap\""]
    );
    assert_eq!(
        texts(&doc, "pre.code code"),
        ["fn main() { println!(\"no roadmap\"); }"]
    );
    // Related stories share the party (via its alias) and the tag (different case).
    let related = texts(&doc, ".related .card-title a");
    assert!(
        related.iter().any(|t| t.contains("Société Générale")),
        "{related:?}"
    );
}

#[test]
fn summary_defaults_to_first_paragraph_and_dates_keep_offsets() {
    let site = Site::fixture("basic");
    site.build(&[]).ok();
    let doc = site.html("2026/07/03/societe-generale-studies-ai-budgets/index.html");
    // The summary (meta description, cards, feeds) is the first paragraph; the page
    // shows that paragraph once, in the body, not again as a dek.
    assert_eq!(
        attrs(&doc, "meta[name=description]", "content"),
        ["The first paragraph becomes the summary when none is given, across two lines."]
    );
    assert!(texts(&doc, ".story-header .dek").is_empty());
    assert_eq!(
        attrs(&doc, "article time", "datetime")[0],
        "2026-07-03T18:30:00+02:00"
    );
    // An alias resolves to the declared party's name and page.
    assert_eq!(
        attrs(&doc, "section.parties a", "href")[0],
        "/parties/google-deepmind/"
    );
    assert_eq!(texts(&doc, "section.parties a")[0], "Google DeepMind");
}

#[test]
fn drafts_future_hidden_and_underscore_files_are_left_out_unless_asked() {
    let site = Site::fixture("basic");
    site.build(&[]).ok();
    assert!(!site.exists("2026/06/20/a-draft-story/index.html"));
    assert!(!site.exists("2026/12/31/a-story-from-the-future/index.html"));
    let run = site.build(&["--drafts", "--future"]).ok();
    assert!(
        run.stdout().starts_with("Built 5 stories"),
        "{}",
        run.stdout()
    );
    assert!(site.exists("2026/06/20/a-draft-story/index.html"));
    assert!(site.exists("2026/12/31/a-story-from-the-future/index.html"));
    // --now decides what counts as the future.
    site.build(&["--now", "2027-01-01T00:00:00Z"]).ok();
    assert!(site.exists("2026/12/31/a-story-from-the-future/index.html"));
}

#[test]
fn front_matter_cannot_inject_markup() {
    let site = Site::fixture("basic");
    site.build(&[]).ok();
    let files = site.files();
    let page = files
        .iter()
        .find(|f| f.contains("script-script-alert") && f.ends_with(".html"))
        .expect("escape story page");
    let html = site.read(page);
    assert!(!html.contains("<script>alert(1)"), "raw script in page");
    assert!(!html.contains("<img src=x"), "raw img in page");
    assert!(!html.contains("<em>not emphasis</em>"));
    assert!(!html.contains("<i>Source</i>"));
    assert!(
        html.contains("&lt;&#x2F;script&gt;") || html.contains("&lt;/script&gt;"),
        "escaped title"
    );
    assert!(!site.read("index.html").contains("<script>alert(1)"));
    let doc = site.html(page);
    assert_eq!(
        texts(&doc, "h1"),
        ["</script><script>alert(1)</script> & <b>bold</b> ]]>"]
    );
    assert_eq!(
        attrs(&doc, "a.source-link", "href"),
        ["https://example.org/?a=1&b=2"]
    );
}

#[test]
fn every_internal_link_resolves() {
    let site = Site::fixture("basic");
    site.build(&[]).ok();
    assert_eq!(broken_links(&site, "/"), Vec::<String>::new());
}

#[test]
fn sub_path_base_url_prefixes_every_link() {
    let site = Site::fixture("basic");
    site.build(&["--base-url", "https://example.org/picks/"])
        .ok();
    let doc = site.html(ARTICLE);
    assert_eq!(
        attrs(&doc, ".story-header .kicker", "href"),
        ["/picks/categories/ai-technology/"]
    );
    let css = attrs(&doc, "link[rel=stylesheet]", "href");
    assert_eq!(css, ["/picks/style.css"]);
    assert_eq!(
        attrs(&doc, "link[rel=canonical]", "href"),
        [
            "https://example.org/picks/2026/07/05/google-deepmind-and-a24-announce-a-research-partnership/"
        ]
    );
    assert_eq!(broken_links(&site, "/picks/"), Vec::<String>::new());
}

#[test]
fn site_templates_and_static_override_the_theme() {
    let site = Site::fixture("basic");
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}OVERRIDDEN 404{% endblock %}",
    )
    .write("static/style.css", "body { color: red }");
    site.build(&[]).ok();
    assert!(site.read("404.html").contains("OVERRIDDEN 404"));
    assert_eq!(site.read("style.css"), "body { color: red }");
    assert_eq!(site.read("robots-note.txt"), "fixture asset\n");
}

#[test]
fn the_first_paragraph_is_shown_once_when_it_is_the_dek() {
    let site = Site::fixture("basic");
    site.build(&[]).ok();
    // No summary: the dek is the first paragraph, which the body shows.
    let doc = site.html("2026/07/03/societe-generale-studies-ai-budgets/index.html");
    assert!(texts(&doc, ".story-header .dek").is_empty());
    let body = texts(&doc, ".article-body p");
    assert_eq!(
        body.iter()
            .filter(|p| p.contains("The first paragraph becomes"))
            .count(),
        1
    );
    // Lists still show it as the card's dek.
    let home = site.html("index.html");
    assert!(
        texts(&home, ".card .dek, .card p")
            .iter()
            .any(|t| t.contains("The first paragraph becomes"))
    );
    // A written summary is the dek under the headline.
    let with_summary = site.html(ARTICLE);
    assert_eq!(texts(&with_summary, ".story-header .dek").len(), 1);
}

#[test]
fn a_category_matches_whatever_its_case_as_parties_and_tags_do() {
    let site = Site::fixture("basic");
    site.write(
        "content/2026/cased.md",
        "---\ntitle: \"Cased\"\ndate: 2026-07-04\ncategory: \"ai  technology\"\nparties: []\n---\n\nBody.\n",
    );
    site.build(&[]).ok();
    let doc = site.html("2026/07/04/cased/index.html");
    assert_eq!(texts(&doc, ".story-header .kicker"), ["AI Technology"]);
}

#[test]
fn the_table_of_contents_nests_h3s_under_their_h2() {
    let site = Site::fixture("basic");
    site.write(
        "content/2026/toc.md",
        "---\ntitle: \"Sections\"\ndate: 2026-07-04\ncategory: \"AI Technology\"\nparties: []\n---\n\nLede.\n\n## One\n\nA.\n\n## Two\n\nB.\n\n### Two and a half\n\nC.\n\n## Three\n\nD.\n",
    );
    site.build(&[]).ok();
    let doc = site.html("2026/07/04/sections/index.html");
    assert_eq!(
        texts(&doc, "nav.toc > ol > li > a"),
        ["One", "Two", "Three"]
    );
    assert_eq!(
        texts(&doc, "nav.toc > ol > li > ol > li > a"),
        ["Two and a half"]
    );
}

#[test]
fn extra_in_site_toml_reaches_every_template_as_config_extra() {
    let site = Site::fixture("basic");
    let config = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write(
        "site.toml",
        format!("{config}\n[extra]\nhandle = \"@smartpicks\"\n[extra.analytics]\nid = 42\n"),
    )
    .write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}[{{ config.extra.handle }}|{{ config.extra.analytics.id }}]{% endblock %}",
    );
    site.build(&[]).ok();
    assert!(site.read("404.html").contains("[@smartpicks|42]"));
    // A site without [extra] has an empty one: `config.extra.x` is simply undefined.
    site.write("site.toml", &config).write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}[{{ config.extra | length }}]{% endblock %}",
    );
    site.build(&[]).ok();
    assert!(site.read("404.html").contains("[0]"));
}

#[test]
fn output_is_byte_identical_across_builds() {
    let site = Site::fixture("basic");
    site.build(&["--output", "one"]).ok();
    site.build(&["--output", "two"]).ok();
    let read_all = |dir: &str| -> Vec<(String, Vec<u8>)> {
        let root = site.path(dir);
        let mut v: Vec<_> = walkdir::WalkDir::new(&root)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (
                    e.path().strip_prefix(&root).unwrap().display().to_string(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        v.sort();
        v
    };
    let (one, two) = (read_all("one"), read_all("two"));
    assert!(one.len() > 10);
    assert_eq!(one, two);
}

#[test]
fn refuses_dangerous_output_folders() {
    let site = Site::fixture("basic");
    for out in [".", "content", "themes", "/"] {
        let err = site.build(&["--output", out]).fails();
        assert!(err.contains("refusing to write output"), "{out}: {err}");
    }
    assert!(
        site.path("content/2026/2026-07-05-deepmind-a24.md")
            .exists()
    );
}

#[test]
fn a_twenty_megabyte_story_builds() {
    let site = Site::fixture("basic");
    let paragraph =
        "A long line of **news** text about [studios](https://example.org) and `tools`.\n\n";
    let mut body = paragraph.repeat(20 * 1024 * 1024 / paragraph.len());
    body.push_str("The very last sentence of the big story.\n");
    site.write(
        "content/big.md",
        format!(
            "---\ntitle: Big\ndate: 2026-07-01\ncategory: AI Technology\nparties: []\n---\n{body}"
        ),
    );
    site.build(&[]).ok();
    let page = site.read("2026/07/01/big/index.html");
    assert!(page.len() > 20 * 1024 * 1024);
    // Nothing was cut: the last paragraph is on the page, once, as a paragraph.
    assert_eq!(
        page.matches("<p>The very last sentence of the big story.</p>")
            .count(),
        1
    );
}

#[test]
fn verbose_prints_the_time_of_each_stage() {
    let site = Site::fixture("basic");
    let normal = site.build(&[]).ok().stdout();
    assert!(!normal.contains("render Markdown"), "{normal}");
    let out = site.build(&["--verbose"]).ok().stdout();
    for stage in [
        "read stories",
        "render Markdown",
        "build indexes",
        "plan",
        "render and write",
        "save cache",
    ] {
        assert!(
            out.lines()
                .any(|l| l.trim_start().starts_with(stage) && l.ends_with(" ms")),
            "{stage} missing: {out}"
        );
    }
}
