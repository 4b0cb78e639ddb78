//! Starting and stopping `serve`: stop signals and ports.

use std::time::Duration;

use crate::harness::Site;
use crate::server::{Server, free_port};

#[test]
fn ctrl_c_stops_cleanly_and_removes_the_preview_folder() {
    let site = Site::fixture("basic");
    let mut server = Server::start(&site, free_port());
    let out = server.output_dir();
    assert!(out.join("index.html").is_file());
    server.signal("INT");
    server.wait_for_line("Stopped.", Duration::from_secs(10));
    let exit = server.child.wait().unwrap();
    assert!(exit.success(), "{exit:?}");
    assert!(!out.exists(), "the preview folder was left behind");
}

#[test]
fn a_taken_port_moves_to_the_next() {
    let site = Site::fixture("basic");
    let port = free_port();
    let _taken = std::net::TcpListener::bind(("127.0.0.1", port)).unwrap();
    let server = Server::start(&site, port);
    assert_ne!(server.port, port);
    assert!(
        server
            .startup
            .iter()
            .any(|l| l.contains(&format!("Port {port} is taken"))),
        "{:?}",
        server.startup
    );
    assert_eq!(server.get("/").0, 200);
}
