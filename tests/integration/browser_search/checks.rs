//! The checks of the search page in Chromium, run one after the other in one
//! browser by `search_page_in_chromium`.

use super::*;

pub(super) async fn measure_a_two_word_query(client: &Client, server: &StaticServer) {
    open(client, &server.url("/search/")).await;
    client
        .execute(
            "window.__times = { key: 0, shown: [] };\
             document.getElementById('search-q').addEventListener('input', () => __times.key = performance.now());\
             new MutationObserver(records => {\
               if (records.some(r => r.addedNodes.length)) __times.shown.push(performance.now());\
             }).observe(document.getElementById('search-results'), { childList: true });",
            vec![],
        )
        .await
        .unwrap();
    let q = "netflix licensing";
    type_query(client, q).await;
    let latency = eval(
        client,
        "__times.shown.find(t => t >= __times.key) - __times.key",
    )
    .await;
    let resources = eval(
        client,
        "performance.getEntriesByType('resource')\
           .filter(e => e.name.includes('/sub/search/') || e.name.endsWith('/sub/search.js'))\
           .map(e => [new URL(e.name).pathname, e.decodedBodySize, e.transferSize])",
    )
    .await;
    let resources: Vec<(String, f64, f64)> = serde_json::from_value(resources).unwrap();
    let index: Vec<&(String, f64, f64)> = resources
        .iter()
        .filter(|r| !r.0.ends_with("/search.js"))
        .collect();
    let total: f64 = index.iter().map(|r| r.1).sum();
    let transferred: f64 = index.iter().map(|r| r.2).sum();
    let group = |pattern: &str| -> (usize, f64) {
        let matching: Vec<_> = resources.iter().filter(|r| r.0.contains(pattern)).collect();
        (matching.len(), matching.iter().map(|r| r.1).sum())
    };
    eprintln!(
        "search, {} stories, query {q:?}: results: {}; first results {:.1} ms after the \
         last keystroke; the index downloaded {total} bytes ({transferred} transferred) in {} \
         files: manifest {:?}, facets {:?}, shards {:?}, fragments {:?} (files, bytes)",
        stories(),
        titles(client).await.len(),
        latency.as_f64().unwrap_or(f64::NAN),
        index.len(),
        group("manifest.json"),
        group("facets.txt"),
        group("/shards/"),
        group("/f/"),
    );
    eprintln!("search.js: {:?} (files, bytes)", group("search.js"));
    assert!(
        total <= QUERY_BYTES,
        "a two-word query downloaded {total} bytes: {resources:?}"
    );
}

pub(super) async fn results_as_you_type(client: &Client, server: &StaticServer, corpus: &Corpus) {
    let (code, title, _) = story(corpus, TARGET);
    open(client, &server.url("/search/")).await;
    type_query(client, &code).await;
    let shown = titles(client).await;
    assert_eq!(shown.first(), Some(&title), "{code}: {shown:?}");
    // The code is highlighted in the headline, and the page's URL carries the query.
    let marked = eval(
        client,
        "[...document.querySelectorAll('.search-result-title mark')].map(m => m.textContent.toLowerCase())",
    )
    .await;
    assert!(
        marked.as_array().unwrap().contains(&json!(code)),
        "{marked}"
    );
    let search = eval(client, "location.search").await;
    assert_eq!(search, json!(format!("?q={code}")));

    // The word being typed matches as a prefix: all but the last letter still
    // finds the story.
    let prefix = &code[..code.len() - 1];
    type_query(client, prefix).await;
    assert!(titles(client).await.contains(&title), "{prefix}");

    // "More results" shows the next ten and moves the focus to the first of them.
    type_query(client, "netflix").await;
    assert_eq!(titles(client).await.len(), 10);
    client
        .find(fantoccini::Locator::Id("search-more"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    until(
        client,
        "document.querySelectorAll('.search-result').length > 10",
        WAIT,
    )
    .await;
    let focused = eval(
        client,
        "document.activeElement === document.querySelectorAll('.search-result-title a')[10]",
    )
    .await;
    assert_eq!(focused, json!(true));
}

/// The number in an option's label, "Studios & Deals (12)".
pub(super) fn count_of(label: &str) -> usize {
    let open = label.rfind('(').unwrap();
    label[open + 1..label.len() - 1].parse().unwrap()
}

pub(super) async fn filters_narrow_and_count(
    client: &Client,
    server: &StaticServer,
    corpus: &Corpus,
) {
    open(client, &server.url("/search/")).await;
    type_query(client, "netflix").await;
    let status = text(client, "#search-status").await;
    let all: usize = status.split(' ').next().unwrap().parse().unwrap();
    let options = eval(
        client,
        "[...document.getElementById('search-category').options].slice(1).map(o => [o.value, o.text])",
    )
    .await;
    let options: Vec<(String, String)> = serde_json::from_value(options).unwrap();
    let sum: usize = options.iter().map(|(_, label)| count_of(label)).sum();
    assert_eq!(sum, all, "every result has one category: {options:?}");
    let (category, label) = options
        .iter()
        .find(|(_, label)| count_of(label) < all)
        .expect("results in two categories at least");
    let expected = count_of(label);
    let select = client
        .find(fantoccini::Locator::Id("search-category"))
        .await
        .unwrap();
    select.select_by_value(category).await.unwrap();
    let wanted = format!("{expected} result");
    until(
        client,
        &format!(
            "document.getElementById('search-status').textContent.startsWith({:?}) && \
             document.getElementById('search').dataset.state === 'done'",
            wanted
        ),
        WAIT,
    )
    .await;
    let status = text(client, "#search-status").await;
    assert!(status.ends_with(&format!(" in {category}")), "{status}");
    let kickers = eval(
        client,
        "[...document.querySelectorAll('.search-result .kicker')].map(k => k.textContent)",
    )
    .await;
    let kickers: Vec<String> = serde_json::from_value(kickers).unwrap();
    assert_eq!(kickers.len(), expected.min(10));
    assert!(kickers.iter().all(|k| k == category), "{kickers:?}");
    let search = eval(
        client,
        "new URLSearchParams(location.search).get('category')",
    )
    .await;
    assert_eq!(search, json!(category));
    // The categories' own counts leave their own filter out: the others can still
    // be chosen, with the numbers they had.
    let after = eval(
        client,
        "[...document.getElementById('search-category').options].slice(1).map(o => [o.value, o.text])",
    )
    .await;
    let after: Vec<(String, String)> = serde_json::from_value(after).unwrap();
    assert_eq!(after, options);

    // A filter without a query lists the stories carrying it, newest first; the
    // count is the corpus's own.
    open(client, &server.url("/search/?party=Netflix")).await;
    let expected = stories_with_party(corpus, "Netflix");
    let status = text(client, "#search-status").await;
    assert_eq!(status, format!("{expected} stories in Netflix"));
    let dates = eval(
        client,
        "[...document.querySelectorAll('.search-result time')].map(t => t.dateTime)",
    )
    .await;
    let dates: Vec<String> = serde_json::from_value(dates).unwrap();
    assert_eq!(dates.len(), 10);
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
}

pub(super) async fn the_url_is_the_search(client: &Client, server: &StaticServer, corpus: &Corpus) {
    let (code, title, category) = story(corpus, TARGET);
    let query = format!(
        "/search/?q={code}&category={}",
        category.replace('&', "%26").replace(' ', "+")
    );
    open(client, &server.url(&query)).await;
    searched(client, &code).await;
    assert_eq!(titles(client).await.first(), Some(&title));
    let values = eval(
        client,
        "[document.getElementById('search-q').value, document.getElementById('search-category').value]",
    )
    .await;
    assert_eq!(values, json!([code, category]));
}

pub(super) async fn keyboard(client: &Client, server: &StaticServer, corpus: &Corpus) {
    let (code, _, _) = story(corpus, TARGET);
    open(client, &server.url("/search/")).await;
    type_query(client, "netflix").await;
    let links = "[...document.querySelectorAll('.search-result-title a')]";
    let focused = format!("{links}.indexOf(document.activeElement)");
    press(client, Key::Down).await;
    assert_eq!(eval(client, &focused).await, json!(0));
    press(client, Key::Down).await;
    assert_eq!(eval(client, &focused).await, json!(1));
    press(client, Key::Up).await;
    press(client, Key::Up).await;
    let in_box = "document.activeElement.id === 'search-q'";
    assert_eq!(eval(client, in_box).await, json!(true));
    // Escape in a result returns to the box; in the box it clears the query.
    press(client, Key::Down).await;
    press(client, Key::Escape).await;
    assert_eq!(eval(client, in_box).await, json!(true));
    press(client, Key::Escape).await;
    until(
        client,
        "document.getElementById('search-q').value === '' && \
         document.querySelectorAll('.search-result').length === 0 && location.search === ''",
        WAIT,
    )
    .await;

    // ArrowDown and Enter open the first result.
    type_query(client, &code).await;
    let href = eval(client, &format!("{links}[0].href")).await;
    press(client, Key::Down).await;
    press(client, Key::Enter).await;
    until(client, &format!("location.href === {href}"), WAIT).await;
}

pub(super) async fn nothing_found(client: &Client, server: &StaticServer) {
    open(client, &server.url("/search/")).await;
    type_query(client, "zzqxjv").await;
    assert_eq!(
        text(client, "#search-status").await,
        "0 results for “zzqxjv”"
    );
    let empty = eval(
        client,
        "(() => { const e = document.getElementById('search-empty');\
           return [e.hidden, e.innerText, [...e.querySelectorAll('a')].map(a => new URL(a.href).pathname)]; })()",
    )
    .await;
    assert_eq!(empty[0], json!(false), "{empty}");
    assert!(
        empty[1]
            .as_str()
            .unwrap()
            .contains("Nothing matches “zzqxjv”"),
        "{empty}"
    );
    assert_eq!(empty[2], json!(["/sub/categories/", "/sub/parties/"]));
}

pub(super) async fn folding_agrees_with_the_index(client: &Client, server: &StaticServer) {
    open(client, &server.url("/search/")).await;
    // Each is written differently from the headline, which only folding reconciles:
    // ß, final and capital sigma, accents, the ﬁ ligature, full-width letters,
    // Han bigrams, Hangul syllables.
    for q in [
        "strasse",
        "οδυσσευς",
        "ΟΔΥΣΣΕΥΣ",
        "societe filmee",
        "ＦＩＬＭÉＥ",
        "映画祭",
        "한국",
    ] {
        type_query(client, q).await;
        let first = titles(client).await.into_iter().next().unwrap_or_default();
        assert!(first.starts_with("Straße ΟΔΥΣΣΕΥΣ"), "{q}: {first:?}");
    }
}

pub(super) async fn header_box_searches(client: &Client, server: &StaticServer, corpus: &Corpus) {
    let (code, title, _) = story(corpus, TARGET);
    client.goto(&server.url("/")).await.unwrap();
    let input = client
        .find(fantoccini::Locator::Id("site-search-q"))
        .await
        .unwrap();
    input
        .send_keys(&format!("{code}{}", Key::Enter))
        .await
        .unwrap();
    until(client, "location.pathname === '/sub/search/'", WAIT).await;
    searched(client, &code).await;
    assert_eq!(titles(client).await.first(), Some(&title));
}

pub(super) async fn phone_layout(client: &Client, server: &StaticServer) {
    client.set_window_size(390, 844).await.unwrap();
    let overflow = "document.documentElement.scrollWidth - document.documentElement.clientWidth";
    for path in ["/", "/search/?q=netflix&category=Studios+%26+Deals"] {
        client.goto(&server.url(path)).await.unwrap();
        until(client, "document.readyState === 'complete'", WAIT).await;
        if path != "/" {
            searched(client, "netflix").await;
        }
        let sideways = eval(client, overflow).await;
        assert!(
            sideways.as_i64().unwrap() <= 0,
            "{path}: {sideways} px sideways"
        );
    }
    client.set_window_size(1280, 900).await.unwrap();
}

pub(super) async fn accessibility(client: &Client, server: &StaticServer, axe: &str) {
    for path in ["/search/?q=netflix&year=2024", "/search/?q=zzqxjv", "/"] {
        client.goto(&server.url(path)).await.unwrap();
        until(client, "document.readyState === 'complete'", WAIT).await;
        if path != "/" {
            until(
                client,
                "document.getElementById('search').dataset.state === 'done'",
                WAIT,
            )
            .await;
        }
        audit(client, axe, path).await;
    }
}

/// Without its index the page says search is unavailable instead of failing
/// silently.
pub(super) async fn index_missing(client: &Client, server: &StaticServer, site: &Site) {
    std::fs::remove_file(site.path("public/search/manifest.json")).unwrap();
    client
        .goto(&server.url("/search/?q=netflix"))
        .await
        .unwrap();
    until(
        client,
        "document.getElementById('search').dataset.state === 'error'",
        WAIT,
    )
    .await;
    let status = text(client, "#search-status").await;
    assert!(status.starts_with("Search is unavailable"), "{status}");
}
