//! The outside world for `check --links` tests: a small HTTP/1.1 server on
//! 127.0.0.1 with one path for each kind of answer, recording what it was asked.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A server for links: `/ok` and `/landing` answer 200, `/moved` is a 301 to
/// `/landing`, `/moved-away` a 302 to `/gone-too`, `/no-head` answers `HEAD` with 405
/// and `GET` with 200, `/silent` takes the request and never answers, and every other
/// path is 404. It records each request as `METHOD /path`, and answers a TLS
/// handshake with a plain 400, as any HTTP-only server does.
pub struct LinkServer {
    pub port: u16,
    requests: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
    accepting: Option<std::thread::JoinHandle<()>>,
}

impl LinkServer {
    pub fn start() -> LinkServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let accepting = {
            let (requests, stop) = (requests.clone(), stop.clone());
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    let requests = requests.clone();
                    std::thread::spawn(move || answer(stream, port, &requests));
                }
            })
        };
        LinkServer {
            port,
            requests,
            stop,
            accepting: Some(accepting),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    pub fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }

    /// How many times `request` (`HEAD /ok`) was made.
    pub fn count(&self, request: &str) -> usize {
        self.requests().iter().filter(|r| *r == request).count()
    }
}

impl Drop for LinkServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the accepting thread so it sees the flag.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(t) = self.accepting.take() {
            let _ = t.join();
        }
    }
}

/// Reads one request and answers it by its path (or holds it, for `/silent`).
fn answer(mut stream: TcpStream, port: u16, requests: &Mutex<Vec<String>>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(60)));
    let mut head = Vec::new();
    let mut chunk = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&chunk[..n]),
        }
        // A TLS handshake (record type 22), as a plain HTTP server answers one.
        if head.first() == Some(&22) {
            let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
            return;
        }
    }
    let head = String::from_utf8_lossy(&head).into_owned();
    let mut words = head.split_whitespace();
    let (method, path) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    requests.lock().unwrap().push(format!("{method} {path}"));
    let (status, location) = match (method, path) {
        (_, "/ok" | "/landing") | ("GET", "/no-head") => ("200 OK", None),
        ("HEAD", "/no-head") => ("405 Method Not Allowed", None),
        (_, "/moved") => ("301 Moved Permanently", Some("/landing".to_owned())),
        (_, "/moved-away") => (
            "302 Found",
            Some(format!("http://127.0.0.1:{port}/gone-too")),
        ),
        (_, "/silent") => {
            // Holds the connection until the checker gives up and closes it.
            let _ = stream.read(&mut chunk);
            return;
        }
        _ => ("404 Not Found", None),
    };
    let location = location.map_or(String::new(), |l| format!("Location: {l}\r\n"));
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\n{location}Content-Length: 2\r\nConnection: close\r\n\r\nok"
    );
}
