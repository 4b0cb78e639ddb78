//! `check --links`: every external URL of the published stories is requested once (a
//! local server on 127.0.0.1 plays the outside world) and each dead one is reported
//! on every line that writes it; a site whose links all live passes. Nothing else
//! (`build`, a plain `check`) makes a request.

mod link_server;

use std::net::TcpListener;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::harness::{NOW, Run, Site};
use link_server::LinkServer;

/// `smartpicks <args>` in the site, with no proxy from the environment in the way of
/// 127.0.0.1, killed (and the test failed) if it has not ended after two minutes: a
/// guard against hangs only.
fn run_guarded(site: &Site, args: &[&str]) -> Run {
    let child = Command::new(env!("CARGO_BIN_EXE_smartpicks"))
        .args(args)
        .current_dir(site.root())
        .env_remove("http_proxy")
        .env_remove("HTTP_PROXY")
        .env_remove("https_proxy")
        .env_remove("HTTPS_PROXY")
        .env_remove("all_proxy")
        .env_remove("ALL_PROXY")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || tx.send(child.wait_with_output()));
    match rx.recv_timeout(Duration::from_secs(120)) {
        Ok(output) => Run {
            output: output.unwrap(),
        },
        Err(_) => {
            let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
            panic!("smartpicks {args:?} did not end within two minutes");
        }
    }
}

fn story(title: &str, extra_front: &str, body: &str) -> String {
    format!(
        "---\ntitle: {title}\ndate: 2026-07-01\ncategory: AI Technology\nparties: []\n\
         {extra_front}---\n{body}"
    )
}

/// A site whose stories point at every kind of answer; returns it with the URL of a
/// port nothing listens on.
fn mixed_site(server: &LinkServer) -> (Site, String) {
    // A port that was free a moment ago: connecting to it is refused.
    let closed = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://127.0.0.1:{}/x", l.local_addr().unwrap().port())
    };
    let u = |p: &str| server.url(p);
    let site = Site::fixture("empty");
    site.write(
        "content/a.md",
        story(
            "Sources",
            &format!(
                "sources:\n  - title: Live\n    url: \"{}\"\n  - title: Gone\n    url: \"{}\"\n",
                u("/ok"),
                u("/gone")
            ),
            &format!(
                "\nRead [the page]({}) and [the moved one]({}).\n\n\
                 Then [a dead end]({}), [no HEAD]({}),\n[a silent server]({}) and [nobody]({closed}).\n",
                u("/ok#section"),
                u("/moved"),
                u("/moved-away"),
                u("/no-head"),
                u("/silent"),
            ),
        ),
    )
    .write(
        "content/b.md",
        story(
            "Again",
            "",
            &format!("\n![A picture]({})\n\n[Gone again]({})\n", u("/ok"), u("/gone")),
        ),
    )
    // A draft is not published, so its links are not requested.
    .write(
        "content/c.md",
        story(
            "Draft",
            "draft: true\n",
            &format!("\n[Unpublished]({})\n", u("/draft-only")),
        ),
    );
    (site, closed)
}

#[test]
fn dead_links_are_reported_where_written_and_each_url_is_asked_once() {
    let server = LinkServer::start();
    let (site, closed) = mixed_site(&server);
    let args = [
        "check",
        "--now",
        NOW,
        "--links",
        "--link-timeout",
        "1",
        "--format",
        "json",
    ];
    let run = run_guarded(&site, &args);
    let stdout = run.stdout();
    run.fails();
    let dead: Vec<(String, u64, Option<String>, String)> = stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|v| v["code"] == "dead-link")
        .map(|v| {
            assert_eq!(v["severity"], "error", "{v}");
            assert!(v["hint"].as_str().is_some_and(|h| !h.is_empty()), "{v}");
            (
                v["file"].as_str().unwrap().to_owned(),
                v["line"].as_u64().unwrap(),
                v["key"].as_str().map(str::to_owned),
                v["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let u = |p: &str| server.url(p);
    let expected = [
        (
            "content/a.md",
            10,
            Some("sources"),
            format!("{}: 404 Not Found", u("/gone")),
        ),
        (
            "content/a.md",
            15,
            None,
            format!(
                "{}: redirected to {}, then 404 Not Found",
                u("/moved-away"),
                u("/gone-too")
            ),
        ),
        (
            "content/a.md",
            16,
            None,
            format!("{}: no answer within 1 s", u("/silent")),
        ),
        (
            "content/a.md",
            16,
            None,
            format!("{closed}: the server refused the connection"),
        ),
        (
            "content/b.md",
            10,
            None,
            format!("{}: 404 Not Found", u("/gone")),
        ),
    ];
    let expected: Vec<(String, u64, Option<String>, String)> = expected
        .into_iter()
        .map(|(f, l, k, m)| (f.to_owned(), l, k.map(str::to_owned), m))
        .collect();
    let mut sorted = dead.clone();
    sorted.sort();
    let mut expected_sorted = expected.clone();
    expected_sorted.sort();
    assert_eq!(sorted, expected_sorted, "all findings:\n{stdout}");

    // Written three times (one with a fragment), requested once; HEAD refused, GET asked.
    assert_eq!(server.count("HEAD /ok"), 1, "{:?}", server.requests());
    assert_eq!(server.count("HEAD /gone"), 1, "{:?}", server.requests());
    assert_eq!(server.count("HEAD /landing"), 1, "{:?}", server.requests());
    assert_eq!(server.count("GET /no-head"), 1, "{:?}", server.requests());
    assert!(
        !server.requests().iter().any(|r| r.contains("draft-only")),
        "a draft's link was requested: {:?}",
        server.requests()
    );
}

#[test]
fn the_text_report_counts_links_and_exits_1() {
    let server = LinkServer::start();
    let (site, closed) = mixed_site(&server);
    let run = run_guarded(
        &site,
        &["check", "--now", NOW, "--links", "--link-timeout", "1"],
    );
    let stdout = run.stdout();
    run.fails();
    assert!(
        stdout.contains(&format!(
            "error: content/a.md:10: sources: {}: 404 Not Found\n  hint: ",
            server.url("/gone")
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("content/a.md:16: {closed}: the server refused")),
        "{stdout}"
    );
    // Seven distinct URLs, four of them dead.
    assert!(
        stdout.contains("\nChecked 7 links: 4 dead\n5 errors, "),
        "{stdout}"
    );
}

#[test]
fn a_site_whose_links_all_live_passes() {
    let server = LinkServer::start();
    let site = Site::fixture("empty");
    site.write(
        "content/a.md",
        story(
            "Live",
            &format!(
                "sources:\n  - title: Live\n    url: \"{}\"\n",
                server.url("/ok")
            ),
            &format!(
                "\n[Moved]({}) and [no HEAD]({}).\n",
                server.url("/moved"),
                server.url("/no-head")
            ),
        ),
    );
    let run = run_guarded(
        &site,
        &["check", "--now", NOW, "--links", "--link-timeout", "5"],
    )
    .ok();
    assert_eq!(
        run.stdout(),
        "Checked 3 links: 0 dead\n0 errors, 0 warnings\n"
    );
}

#[test]
fn build_and_a_plain_check_request_nothing() {
    let server = LinkServer::start();
    let (site, _) = mixed_site(&server);
    let run = run_guarded(&site, &["check", "--now", NOW]).ok();
    assert!(!run.stdout().contains("Checked"), "{}", run.stdout());
    site.build(&[]).ok();
    assert_eq!(server.requests(), Vec::<String>::new());
}

#[test]
fn link_options_need_links_and_a_usable_value() {
    let site = Site::fixture("empty");
    for (args, named) in [
        (&["check", "--link-timeout", "3"][..], "--links"),
        (
            &["check", "--links", "--link-concurrency", "0"][..],
            "--link-concurrency",
        ),
        (
            &["check", "--links", "--link-timeout", "0"][..],
            "--link-timeout",
        ),
    ] {
        let run = site.run(args);
        // clap's usage errors exit with 2.
        assert_eq!(run.output.status.code(), Some(2), "{args:?}");
        assert!(run.stderr().contains(named), "{args:?}: {}", run.stderr());
    }
}

#[test]
fn an_https_link_to_a_server_without_tls_is_dead_in_plain_words() {
    let server = LinkServer::start();
    let site = Site::fixture("empty");
    let url = format!("https://127.0.0.1:{}/ok", server.port);
    site.write(
        "content/a.md",
        story(
            "TLS",
            &format!("sources:\n  - title: Secure\n    url: \"{url}\"\n"),
            "\nBody.\n",
        ),
    );
    let run = run_guarded(
        &site,
        &["check", "--now", NOW, "--links", "--link-timeout", "5"],
    );
    let stdout = run.stdout();
    run.fails();
    assert!(
        stdout.contains(&format!(
            "content/a.md:8: sources: {url}: the secure connection failed ("
        )),
        "{stdout}"
    );
}
