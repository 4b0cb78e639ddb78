//! Declared authors for a corpus ([`Corpus::with_authors`]): their `[[authors]]`
//! tables and each story's byline, drawn from a stream of its own so that every
//! other value of a story is the same with or without authors.

use std::fmt::Write as _;

use super::{Corpus, Rng, host, quote};

impl Corpus {
    /// The same stories with `n` declared authors (`[[authors]]`, with the site's
    /// default author declared too), each story credited to one or two of them
    /// (a tenth to the default author). Every other value of a story is as without
    /// authors: the bylines are drawn from a stream of their own.
    pub fn with_authors(self, n: usize) -> Corpus {
        Corpus { authors: n, ..self }
    }

    /// Declared author `k` (up to 100 distinct names).
    pub fn author(k: usize) -> String {
        const FIRST: [&str; 10] = [
            "Dana", "Lena", "Ravi", "Mira", "Tomás", "Aiko", "Noor", "Jonas", "Priya", "Kwame",
        ];
        const LAST: [&str; 10] = [
            "Okafor", "Brandt", "Mehta", "Chen", "Alvarez", "Sato", "Haddad", "Berg", "Nair",
            "Mensah",
        ];
        format!("{} {}", FIRST[k % 10], LAST[(3 * k + k / 10) % 10])
    }

    /// The `[[authors]]` tables: the site's default author, then the generated ones.
    pub fn authors_toml(&self) -> String {
        if self.authors == 0 {
            return String::new();
        }
        let mut s =
            String::from("\n[[authors]]\nname = \"Smart Picks Staff\"\nrole = \"Newsroom\"\n");
        for k in 0..self.authors {
            let name = Corpus::author(k);
            let host = host(&name);
            let _ = write!(
                s,
                "\n[[authors]]\nname = {}\nrole = \"Reporter\"\n\
                 bio = \"{name} covers *AI in film* for Smart Picks. [Say hello](https://{host}.example.net/).\"\n\
                 url = \"https://{host}.example.net/\"\n\
                 same_as = [\"https://social.example/@{host}\"]\n",
                quote(&name)
            );
        }
        s
    }

    /// The byline of story `i` when the corpus declares authors: one or two of
    /// them, or none (the default author) for a tenth of the stories.
    pub(super) fn byline(&self, i: usize) -> Option<Vec<String>> {
        if self.authors == 0 {
            return None;
        }
        let mut rng = Rng::new(self.seed, i, 0xA07);
        if rng.percent(10) {
            return Some(Vec::new());
        }
        let first = rng.below(self.authors);
        let mut names = vec![Corpus::author(first)];
        if rng.percent(25) && self.authors > 1 {
            let second = (first + 1 + rng.below(self.authors - 1)) % self.authors;
            names.push(Corpus::author(second));
        }
        Some(names)
    }
}
