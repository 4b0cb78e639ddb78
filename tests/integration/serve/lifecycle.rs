//! Starting and stopping `serve`: stop signals, ports, and refusing to start outside
//! a site.

use std::time::Duration;

use crate::harness::Site;
use crate::server::{Server, free_port, run_to_exit};

/// Stops a server that has a page open (its event stream never ends by itself)
/// with `signal`; asserts a clean exit and no folder left behind.
fn stops_cleanly_on(signal: &str) {
    let site = Site::fixture("basic");
    let mut server = Server::start(&site, free_port());
    let out = server.output_dir();
    assert!(out.join("index.html").is_file());
    let _open_page = server.open_events();
    server.signal(signal);
    server.wait_for_line("Stopped.", Duration::from_secs(20));
    let exit = server.wait_for_exit(Duration::from_secs(20));
    assert!(exit.success(), "SIG{signal}: {exit:?}");
    assert!(!out.exists(), "SIG{signal} left the preview folder behind");
}

#[test]
fn ctrl_c_stops_cleanly_and_removes_the_preview_folder() {
    stops_cleanly_on("INT");
}

#[test]
fn sigterm_stops_cleanly_and_removes_the_preview_folder() {
    stops_cleanly_on("TERM");
}

#[test]
fn sighup_stops_cleanly_and_removes_the_preview_folder() {
    stops_cleanly_on("HUP");
}

#[test]
fn without_a_port_a_taken_default_moves_to_the_next() {
    let site = Site::fixture("basic");
    // Taken by this test, or already by something else: taken either way.
    let _taken = std::net::TcpListener::bind(("127.0.0.1", 1111));
    let server = Server::start_with(&site, &[]);
    assert!((1112..1131).contains(&server.port), "{}", server.port);
    assert!(
        server
            .startup
            .iter()
            .any(|l| l.contains("Port 1111 is taken")),
        "{:?}",
        server.startup
    );
    assert_eq!(server.get("/").0, 200);
}

#[test]
fn an_explicit_port_that_is_taken_is_an_error() {
    let site = Site::fixture("basic");
    let port = free_port();
    let _taken = std::net::TcpListener::bind(("127.0.0.1", port)).unwrap();
    let port = port.to_string();
    let output = run_to_exit(
        site.root(),
        &["serve", "--port", &port],
        Duration::from_secs(20),
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with(&format!("error: port {port} on 127.0.0.1 is taken")),
        "{stderr}"
    );
    assert!(stderr.contains("pass another --port"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        !String::from_utf8_lossy(&output.stdout).contains("Serving on"),
        "it served anyway"
    );
}

#[test]
fn outside_a_site_serve_fails_exactly_as_build_does() {
    let empty = tempfile::tempdir().unwrap();
    for root in [&[][..], &["--root", "no-such-folder"][..]] {
        let build = run_to_exit(
            empty.path(),
            &[&["build"][..], root].concat(),
            Duration::from_secs(20),
        );
        let serve = run_to_exit(
            empty.path(),
            &[&["serve", "--port", "0"][..], root].concat(),
            Duration::from_secs(20),
        );
        let stderr = String::from_utf8_lossy(&serve.stderr);
        assert_eq!(serve.status.code(), Some(1), "{root:?}: {stderr}");
        assert_eq!(serve.status.code(), build.status.code(), "{root:?}");
        assert_eq!(stderr, String::from_utf8_lossy(&build.stderr), "{root:?}");
        assert!(stderr.contains("site.toml"), "{stderr}");
        assert!(
            serve.stdout.is_empty(),
            "{root:?}: serve printed {:?}",
            String::from_utf8_lossy(&serve.stdout)
        );
    }
    assert_eq!(
        std::fs::read_dir(empty.path()).unwrap().count(),
        0,
        "nothing is written outside a site"
    );
}

#[test]
fn previews_of_killed_servers_are_removed_and_running_ones_kept() {
    // Where `serve` keeps previews (in memory when the machine allows).
    let tmp = smartpicks::serve::preview_base();
    let mut gone = std::process::Command::new("true").spawn().unwrap();
    let dead_pid = gone.id();
    gone.wait().unwrap();
    let dead = tmp.join(format!("smartpicks-serve-{dead_pid}"));
    let alive = tmp.join(format!("smartpicks-serve-{}", std::process::id()));
    for folder in [&dead, &alive] {
        std::fs::create_dir_all(folder.join("2026")).unwrap();
        std::fs::write(folder.join("index.html"), "old preview").unwrap();
    }
    let site = Site::fixture("basic");
    let server = Server::start(&site, free_port());
    assert!(!dead.exists(), "a killed server's preview was left behind");
    assert!(alive.exists(), "a running process's folder was removed");
    drop(server);
    std::fs::remove_dir_all(&alive).unwrap();
}
