//! The `smartpicks` command line: parses arguments, calls the library, prints the
//! outcome once, and maps it to an exit code. No site logic lives here; `src/main.rs`
//! only calls [`main`].

pub mod args;
pub mod print;

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use crate::authoring::{self, CheckOptions, LinkOptions, NewStory};
use crate::serve::{self, Port, ServeOptions};
use crate::{BuildOptions, Error};
use args::{Cli, Command, Format};
pub use print::Verbosity;

/// Runs the command line and returns the process's exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            print::error(&e);
            ExitCode::FAILURE
        }
    }
}

fn verbosity(cli: &Cli) -> Verbosity {
    match (cli.quiet, cli.verbose) {
        (true, _) => Verbosity::Quiet,
        (_, true) => Verbosity::Verbose,
        _ => Verbosity::Normal,
    }
}

fn parse_now(now: Option<&str>) -> Result<Option<jiff::Timestamp>, Error> {
    now.map(|s| {
        s.parse::<jiff::Timestamp>().map_err(|_| {
            Error::Usage(format!(
                "--now \"{s}\" is not a moment with a time zone offset\n  hint: write it like 2026-07-05T09:30:00Z or 2026-07-05T09:30:00+02:00"
            ))
        })
    })
    .transpose()
}

fn split_list(list: &str) -> Vec<String> {
    list.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

fn run(cli: Cli) -> Result<ExitCode, Error> {
    let verbosity = verbosity(&cli);
    let root = cli.root;
    match cli.command {
        Command::Build(args) => {
            let options = BuildOptions {
                now: parse_now(args.now.as_deref())?,
                root,
                output: args.output,
                force: args.force,
                base_url: args.base_url,
                drafts: args.include.drafts,
                future: args.include.future,
                no_cache: args.no_cache,
            };
            let report = crate::build(&options)?;
            print::build_summary(&options.root, &report, verbosity);
        }
        Command::Serve(args) => serve::serve(&ServeOptions {
            root,
            bind: args.bind,
            port: args.port.map_or(Port::Default, Port::Exactly),
            base_url: args.base_url,
            drafts: args.include.drafts,
            future: args.include.future,
            open: args.open,
            verbosity,
        })?,
        Command::New(args) => {
            let path = authoring::new_story(&NewStory {
                root,
                title: args.title,
                category: args.category,
                parties: split_list(&args.parties),
                tags: split_list(&args.tags),
                date: args.date,
                draft: !args.publish,
            })?;
            println!("{}", path.display());
        }
        Command::Check(args) => {
            let report = authoring::check(&CheckOptions {
                now: parse_now(args.now.as_deref())?,
                root,
                links: args.links.then(|| LinkOptions {
                    concurrency: usize::from(args.link_concurrency),
                    timeout: std::time::Duration::from_secs(args.link_timeout),
                }),
            })?;
            match args.format {
                Format::Text => print::check_text(&report),
                Format::Json => print!("{}", report.to_json()),
            }
            if report.has_errors() {
                return Ok(ExitCode::FAILURE);
            }
        }
        Command::Init(args) => {
            let dir = args.dir.unwrap_or(root);
            authoring::init(&dir, args.force)?;
            if verbosity > Verbosity::Quiet {
                if dir == Path::new(".") {
                    println!("Created a new site here: run `smartpicks serve` to preview it");
                } else {
                    println!(
                        "Created a new site in {}: run `smartpicks serve` there to preview it",
                        dir.display()
                    );
                }
            }
        }
        Command::Completions(args) => {
            // Written whole, so a closed pipe is an error to report, not a panic.
            let mut script = Vec::new();
            clap_complete::generate(args.shell, &mut Cli::command(), "smartpicks", &mut script);
            let mut out = std::io::stdout().lock();
            if let Err(e) = out.write_all(&script).and_then(|()| out.flush())
                && e.kind() != std::io::ErrorKind::BrokenPipe
            {
                return Err(Error::io(
                    "cannot write the script to",
                    Path::new("stdout"),
                    e,
                ));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
