//! A small `--key value` parser: the binaries take a handful of options each, and a
//! command-line crate would cost more compile time than it saves here.

use std::collections::BTreeMap;

/// Options given as `--key value`; anything else is an error with `usage`.
pub struct Args {
    values: BTreeMap<String, String>,
    usage: &'static str,
}

impl Args {
    /// Parses `std::env::args()`, exiting with `usage` on `--help` or a malformed line.
    pub fn parse(usage: &'static str) -> Args {
        Args::parse_from(std::env::args().skip(1), usage)
    }

    /// Parses `args` (the program name already taken off).
    pub fn parse_from(args: impl Iterator<Item = String>, usage: &'static str) -> Args {
        let mut values = BTreeMap::new();
        let mut it = args;
        while let Some(arg) = it.next() {
            if arg == "-h" || arg == "--help" {
                println!("{usage}");
                std::process::exit(0);
            }
            let Some(key) = arg.strip_prefix("--") else {
                fail(usage, &format!("unexpected argument {arg:?}"));
            };
            let Some(value) = it.next() else {
                fail(usage, &format!("--{key} needs a value"));
            };
            values.insert(key.to_owned(), value);
        }
        Args { values, usage }
    }

    /// The value of `--key`, if given.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.values.get(key).map(String::as_str)
    }

    /// The value of `--key`, which must be given.
    pub fn required(&self, key: &str) -> &str {
        self.get(key)
            .unwrap_or_else(|| fail(self.usage, &format!("--{key} is required")))
    }

    /// The value of `--key` as a number, or `default`.
    pub fn number(&self, key: &str, default: u64) -> u64 {
        match self.get(key) {
            None => default,
            Some(v) => v
                .replace('_', "")
                .parse()
                .unwrap_or_else(|_| fail(self.usage, &format!("--{key}: not a number: {v}"))),
        }
    }

    /// Fails unless every given key is one of `known`.
    pub fn only(&self, known: &[&str]) {
        if let Some(k) = self.values.keys().find(|k| !known.contains(&k.as_str())) {
            fail(self.usage, &format!("unknown option --{k}"));
        }
    }
}

/// Prints `message` and the usage, and exits with status 2.
pub fn fail(usage: &str, message: &str) -> ! {
    eprintln!("error: {message}\n\n{usage}");
    std::process::exit(2)
}
