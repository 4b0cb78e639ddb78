//! The command line as Zola and Hugo users type it: short flags and their aliases,
//! `--root` on either side of the subcommand, `server`, `init` in the current
//! folder, completions, colour only on a terminal, `--quiet`/`--verbose`, the build
//! summary, and messages in plain words.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use crate::harness::{NOW, Run, Site, tree};
use crate::server::{Server, get};

fn run_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_smartpicks"))
        .args(args)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .envs(env.iter().copied())
        .current_dir(dir)
        .output()
        .unwrap();
    Run { output }
}

#[test]
fn short_flags_build_what_the_long_ones_build() {
    let site = Site::fixture("basic");
    let long = site
        .build(&[
            "--output",
            "long",
            "--base-url",
            "https://staging.example.org/",
            "--drafts",
            "--future",
        ])
        .ok();
    let short = site
        .build(&[
            "-o",
            "short",
            "-u",
            "https://staging.example.org/",
            "-D",
            "-F",
        ])
        .ok();
    let alias = site
        .build(&[
            "--output-dir",
            "alias",
            "-u",
            "https://staging.example.org/",
            "-DF",
        ])
        .ok();
    let plain = site.build(&["-o", "plain"]).ok();
    let first = |run: &Run| run.stdout().lines().next().unwrap().to_owned();
    // Drafts and future stories are in: more stories than without the flags.
    assert_ne!(
        first(&long).split(" into").next(),
        first(&plain).split(" into").next()
    );
    let expected = tree(&site.path("long"));
    assert!(
        expected
            .values()
            .any(|b| String::from_utf8_lossy(b).contains("https://staging.example.org/"))
    );
    for (name, run) in [("short", &short), ("alias", &alias)] {
        assert_eq!(
            first(run).split(" in ").next(),
            first(&long).split(" in ").next()
        );
        assert!(
            tree(&site.path(name)) == expected,
            "{name} differs from long"
        );
    }
}

#[test]
fn root_goes_before_or_after_the_subcommand() {
    let site = Site::fixture("basic");
    let parent = site.root().parent().unwrap();
    let name = site.root().file_name().unwrap().to_str().unwrap();
    for args in [
        vec!["--root", name, "build", "--now", NOW],
        vec!["build", "-r", name, "--now", NOW],
        vec!["-r", name, "check", "--now", NOW],
        vec!["check", "--root", name, "--now", NOW],
    ] {
        let run = run_in(parent, &args, &[]);
        assert!(
            run.output.status.success(),
            "{args:?} was refused:\n{}",
            run.stderr()
        );
        assert!(
            !run.stderr().contains("site.toml"),
            "{args:?}: {}",
            run.stderr()
        );
    }
    assert!(site.exists("index.html"));
}

#[test]
fn server_is_serve_and_its_short_flags_work() {
    let site = Site::fixture("basic");
    // -i / --interface, -p, -u, -D, -F: links name the given host, never 0.0.0.0.
    let server = Server::start_with(
        &site,
        &[
            "--interface",
            "0.0.0.0",
            "-p",
            "0",
            "-u",
            "preview.local",
            "-D",
            "-F",
        ],
    );
    let (status, _, body) = get(server.port, "/", &[]);
    assert_eq!(status, 200);
    let canonical = format!("http://preview.local:{}/", server.port);
    assert!(body.contains(&canonical), "no {canonical} in the home page");
    assert!(!body.contains("0.0.0.0"));
    drop(server);

    // `server`, and 0.0.0.0 without a base URL: this machine's address, not 0.0.0.0.
    let mut child = Command::new(env!("CARGO_BIN_EXE_smartpicks"))
        .args(["server", "-i", "0.0.0.0", "-p", "0"])
        .current_dir(site.root())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    // Ends at the line, or at end of output if the server stops.
    let serving = std::io::BufRead::lines(stdout)
        .map_while(Result::ok)
        .find(|l| l.contains("Serving on"))
        .unwrap_or_default();
    let _ = child.kill();
    let _ = child.wait();
    assert!(serving.contains("Serving on http://"), "{serving:?}");
    assert!(!serving.contains("Serving on http://0.0.0.0"), "{serving}");
}

#[test]
fn open_starts_the_browser_on_the_served_address() {
    let site = Site::fixture("basic");
    // A stand-in `xdg-open` records the address it is given.
    let bin = tempfile::tempdir().unwrap();
    let record = bin.path().join("opened");
    let opener = bin.path().join("xdg-open");
    std::fs::write(
        &opener,
        format!("#!/bin/sh\necho \"$1\" > '{}'\n", record.display()),
    )
    .unwrap();
    std::fs::set_permissions(&opener, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_smartpicks"))
        .args(["serve", "-O", "-p", "0"])
        .env("PATH", path)
        .current_dir(site.root())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while !record.exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    let opened = std::fs::read_to_string(&record).unwrap_or_default();
    assert!(opened.starts_with("http://127.0.0.1:"), "opened {opened:?}");
}

#[test]
fn init_defaults_to_the_current_folder_and_force_never_replaces() {
    let tmp = tempfile::tempdir().unwrap();
    let empty = tmp.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let run = run_in(&empty, &["init"], &[]).ok();
    assert!(
        run.stdout().contains("Created a new site here"),
        "{}",
        run.stdout()
    );
    assert!(empty.join("site.toml").is_file());
    run_in(&empty, &["build"], &[]).ok();

    let busy = tmp.path().join("busy");
    std::fs::create_dir(&busy).unwrap();
    std::fs::write(busy.join("notes.txt"), "mine").unwrap();
    std::fs::write(busy.join(".gitignore"), "target/").unwrap();
    let err = run_in(&busy, &["init"], &[]).fails();
    assert!(
        err.contains("not empty") && err.contains("--force"),
        "{err}"
    );
    assert!(!busy.join("site.toml").exists());
    run_in(&busy, &["init", "--force"], &[]).ok();
    assert!(busy.join("site.toml").is_file());
    assert_eq!(
        std::fs::read_to_string(busy.join("notes.txt")).unwrap(),
        "mine"
    );
    // A repository's own .gitignore is kept, with the site's outputs added.
    assert_eq!(
        std::fs::read_to_string(busy.join(".gitignore")).unwrap(),
        "target/\n/public/\n/.smartpicks/\n"
    );

    // A site file already there: refused, and nothing written.
    let taken = tmp.path().join("taken");
    std::fs::create_dir(&taken).unwrap();
    std::fs::write(taken.join("site.toml"), "mine").unwrap();
    let err = run_in(tmp.path(), &["init", "taken", "--force"], &[]).fails();
    assert!(err.contains("site.toml already exists"), "{err}");
    assert_eq!(
        std::fs::read_to_string(taken.join("site.toml")).unwrap(),
        "mine"
    );
    assert_eq!(std::fs::read_dir(&taken).unwrap().count(), 1);
}

#[test]
fn completions_are_scripts_the_shells_accept() {
    let tmp = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let run = run_in(tmp.path(), &["completions", shell], &[]).ok();
        let script = run.stdout();
        for word in ["serve", "output-dir", "base-url", "completions"] {
            assert!(script.contains(word), "{shell} lacks {word}");
        }
    }
    // bash loads it and completes the subcommands.
    let script = run_in(tmp.path(), &["completions", "bash"], &[]).stdout();
    std::fs::write(tmp.path().join("c.bash"), script).unwrap();
    let out = Command::new("bash")
        .args([
            "-c",
            "source ./c.bash && COMP_WORDS=(smartpicks se) COMP_CWORD=1 && _smartpicks smartpicks se smartpicks && echo \"${COMPREPLY[@]}\"",
        ])
        .current_dir(tmp.path())
        .output()
        .unwrap();
    let words = String::from_utf8_lossy(&out.stdout);
    assert!(
        words.contains("serve") && words.contains("server"),
        "{words:?}"
    );
}

#[test]
fn colour_only_on_request_or_a_terminal() {
    let site = Site::fixture("basic");
    let esc = |run: &Run| run.stdout().contains('\u{1b}') || run.stderr().contains('\u{1b}');
    let piped = run_in(site.root(), &["build", "--now", NOW], &[]).ok();
    assert!(!esc(&piped), "colour in a pipe");
    let forced = run_in(
        site.root(),
        &["build", "--now", NOW],
        &[("CLICOLOR_FORCE", "1")],
    )
    .ok();
    assert!(esc(&forced), "no colour when forced");
    let no_color = run_in(
        site.root(),
        &["build", "--now", NOW],
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")],
    )
    .ok();
    assert!(!esc(&no_color), "NO_COLOR ignored");
    site.write("site.toml", "title = broken");
    let failed = run_in(site.root(), &["build"], &[("CLICOLOR_FORCE", "1")]);
    assert!(
        failed.stderr().starts_with("\u{1b}["),
        "{}",
        failed.stderr()
    );
}

#[test]
fn quiet_verbose_and_the_summary() {
    let site = Site::fixture("basic");
    let normal = site.build(&[]).ok().stdout();
    for line in ["Pages", "Feeds", "Sitemaps", "Redirects", "Static files"] {
        assert!(normal.contains(line), "no {line} in\n{normal}");
    }
    assert!(!normal.contains("time per stage"));
    let verbose = site.build(&["--verbose"]).ok().stdout();
    assert!(verbose.contains("time per stage") && verbose.contains("render Markdown"));
    let quiet = site.build(&["-q"]).ok();
    assert_eq!(quiet.stdout(), "");
    // Quiet wins over verbose, and errors are still told.
    assert_eq!(
        site.run(&["-q", "build", "-v", "--now", NOW]).ok().stdout(),
        ""
    );
    site.write("site.toml", "title = broken");
    assert!(site.build(&["-q"]).fails().contains("site.toml"));
}

#[test]
fn messages_speak_the_writers_language() {
    let site = Site::fixture("basic");
    let config = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write(
        "site.toml",
        config.replace("paginate_by = 2", "paginate_by = \"ten\""),
    );
    let err = site.build(&[]).fails();
    assert!(err.contains("expected a whole number"), "{err}");
    assert!(!err.contains("usize"), "{err}");
    site.write("site.toml", &config);

    let story = "content/2026/cli-story.md";
    let front = |title: &str, date: &str| {
        format!(
            "---\ntitle: {title}\ndate: {date}\ncategory: \"AI Technology\"\nsources:\n  - title: \"S\"\n    url: \"https://example.org/s\"\n---\nBody.\n"
        )
    };
    site.write(story, front("\"A headline", "2026-07-05"));
    let err = site.build(&[]).fails();
    assert!(err.contains("cli-story.md:2: title:"), "{err}");
    assert!(err.contains("close the quote"), "{err}");
    assert!(!err.contains("in quotes"), "{err}");

    site.write(story, front("Sora: a review", "2026-07-05"));
    let err = site.build(&[]).fails();
    assert!(
        err.contains("write the value in quotes: title: \"Sora: a review\""),
        "{err}"
    );

    site.write(story, front("\"Fine\"", "20x6-07-05"));
    let err = site.build(&[]).fails();
    assert!(err.contains("write it as YYYY-MM-DD"), "{err}");
    assert!(!err.contains("integer"), "{err}");
    // check finds the same.
    let check = site.run(&["check", "--now", NOW]);
    assert!(check.stdout().contains("write it as YYYY-MM-DD"));
}

#[test]
fn help_covers_every_option_the_readme_lists() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let block = readme
        .split("## Commands")
        .nth(1)
        .and_then(|s| s.split("```").nth(1))
        .expect("README has a Commands block");
    let tmp = tempfile::tempdir().unwrap();
    let mut checked = 0;
    for line in block.lines().filter(|l| l.starts_with("smartpicks ")) {
        let command = line.split_whitespace().nth(1).unwrap();
        let help = run_in(tmp.path(), &[command, "--help"], &[]).ok().stdout();
        for flag in line
            .split(|c: char| c.is_whitespace() || "[]|".contains(c))
            .filter(|w| w.starts_with('-'))
        {
            assert!(help.contains(flag), "`{command} --help` lacks {flag}");
            checked += 1;
        }
    }
    assert!(checked > 20, "only {checked} flags found in the README");
}

#[test]
fn serve_counts_what_a_rebuild_wrote_in_plain_words() {
    let site = Site::fixture("basic");
    let mut server = Server::start(&site, crate::server::free_port());
    // A new static file: exactly one file written.
    site.write("static/notes.txt", "notes");
    let line = server.wait_for_line("Rebuilt in", Duration::from_secs(30));
    assert!(line.contains(": 1 file written, "), "{line}");
}
