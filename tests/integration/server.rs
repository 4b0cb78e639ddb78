//! A running `smartpicks serve` for tests: started on a free port, its output
//! collected line by line, with a raw HTTP/1.1 client (no HTTP crate needed for a
//! GET on loopback), polling helpers, and signals.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::time::{Duration, Instant};

use crate::harness::Site;

/// A running `smartpicks serve`, stopped when dropped (SIGTERM, so it removes its
/// folder; SIGKILL only if it does not stop).
pub struct Server {
    pub child: Child,
    pub port: u16,
    /// What the server printed before it was ready.
    pub startup: Vec<String>,
    pub lines: std::sync::mpsc::Receiver<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            self.signal("TERM");
            let deadline = Instant::now() + Duration::from_secs(10);
            while let Ok(None) = self.child.try_wait() {
                if Instant::now() > deadline {
                    break;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port nothing listens on right now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Runs `smartpicks <args>` in `dir` and waits for it to exit; a command still
/// running after `timeout` (a server that should have refused to start) is killed
/// and fails the test.
pub fn run_to_exit(dir: &Path, args: &[&str], timeout: Duration) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_smartpicks"))
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + timeout;
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            let output = child.wait_with_output().unwrap();
            panic!(
                "smartpicks {args:?} still running after {timeout:?}\nstdout:\n{}\nstderr:\n{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

impl Server {
    /// `smartpicks serve --port <port>`, once it says where it serves.
    pub fn start(site: &Site, port: u16) -> Server {
        Server::start_with(site, &["--port", &port.to_string()])
    }

    /// `smartpicks serve <args>`, once it says where it serves.
    pub fn start_with(site: &Site, args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_smartpicks"))
            .arg("serve")
            .args(args)
            .current_dir(site.root())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (tx, lines) = std::sync::mpsc::channel();
        for stream in [
            Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>,
            Box::new(child.stderr.take().unwrap()),
        ] {
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    let _ = tx.send(line);
                }
            });
        }
        let mut server = Server {
            child,
            port: 0,
            startup: Vec::new(),
            lines,
        };
        let line = server.wait_for_line("Serving on ", Duration::from_secs(20));
        server.startup.push(line.clone());
        let url = line
            .split("Serving on ")
            .nth(1)
            .unwrap()
            .split_whitespace()
            .next()
            .unwrap();
        server.port = url
            .trim_end_matches('/')
            .rsplit(':')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        server
    }

    /// Waits for a line of output containing `needle`; returns it.
    pub fn wait_for_line(&mut self, needle: &str, timeout: Duration) -> String {
        let deadline = Instant::now() + timeout;
        let mut seen = Vec::new();
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) if line.contains(needle) => {
                    self.startup.append(&mut seen);
                    return line;
                }
                Ok(line) => seen.push(line),
                Err(_) => break,
            }
        }
        panic!(
            "no line with {needle:?} within {timeout:?}; output so far:\n{}",
            seen.join("\n")
        );
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// The folder the server builds into (for the symlink test).
    pub fn output_dir(&self) -> PathBuf {
        smartpicks::serve::preview_folder(self.child.id())
    }

    /// Sends a signal (`"INT"`, `"TERM"`, `"HUP"`) to the server.
    pub fn signal(&self, name: &str) {
        let status = Command::new("kill")
            .args([format!("-{name}"), self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success(), "kill -{name} failed");
    }

    /// Waits for the server to exit; fails the test if it still runs after `timeout`.
    pub fn wait_for_exit(&mut self, timeout: Duration) -> ExitStatus {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "serve still running {timeout:?} after being told to stop"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Opens the live-reload event stream as an open page does; returns it once the
    /// server has greeted it. It stays open until dropped.
    pub fn open_events(&self) -> TcpStream {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        write!(
            stream,
            "GET /__smartpicks/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        )
        .unwrap();
        let mut seen = Vec::new();
        let mut buf = [0; 1024];
        while !String::from_utf8_lossy(&seen).contains("event: hello") {
            let n = stream.read(&mut buf).unwrap();
            assert!(n > 0, "the event stream closed before its greeting");
            seen.extend_from_slice(&buf[..n]);
        }
        stream
    }

    /// A raw HTTP/1.1 GET: status, headers (lower-cased names), body.
    pub fn get(&self, path: &str) -> Response {
        get(self.port, path, &[])
    }

    /// A GET with extra request headers.
    pub fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> Response {
        get(self.port, path, headers)
    }

    /// Polls `path` until its body contains `needle`.
    pub fn wait_for_body(&self, path: &str, needle: &str, timeout: Duration) -> String {
        let deadline = Instant::now() + timeout;
        loop {
            let (_, _, body) = self.get(path);
            if body.contains(needle) {
                return body;
            }
            assert!(
                Instant::now() < deadline,
                "{path} never contained {needle:?}; last body:\n{body}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// An HTTP response: status, headers (lower-cased names), body.
pub type Response = (u16, Vec<(String, String)>, String);

/// A raw HTTP/1.1 GET on loopback: status, headers (lower-cased names), body.
pub fn get(port: u16, path: &str, headers: &[(&str, &str)]) -> Response {
    try_get(port, path, headers).unwrap_or_else(|e| panic!("GET {path}: {e}"))
}

/// A raw HTTP/1.1 GET on loopback; an error if the exchange fails or the answer is
/// not an HTTP response.
pub fn try_get(port: u16, path: &str, headers: &[(&str, &str)]) -> std::io::Result<Response> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let extra: String = headers
        .iter()
        .map(|(k, v)| format!("{k}: {v}\r\n"))
        .collect();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{extra}Connection: close\r\n\r\n"
    )?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("not an HTTP response: {text:.200}")))?;
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_lowercase(), v.trim().to_owned()))
        .collect::<Vec<_>>();
    let chunked = headers
        .iter()
        .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"));
    let body = if chunked {
        dechunk(body)
    } else {
        body.to_owned()
    };
    Ok((status, headers, body))
}

fn dechunk(body: &str) -> String {
    let mut out = String::new();
    let mut rest = body;
    while let Some((size, tail)) = rest.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 {
            break;
        }
        // A body cut short keeps what arrived (the tests then see it is short).
        let Some(chunk) = tail.get(..n) else {
            out.push_str(tail);
            break;
        };
        out.push_str(chunk);
        rest = tail.get(n + 2..).unwrap_or("");
    }
    out
}

pub fn header<'a>(headers: &'a [(String, String)], name: &str) -> &'a str {
    headers
        .iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}
