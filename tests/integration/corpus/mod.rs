//! A generated Smart Picks site of any size, for tests and benchmarks. The same seed
//! gives the same files on every machine: story `i` depends only on the seed and `i`
//! (a smaller corpus is a prefix of a larger one), drawn from its own SplitMix64
//! stream with integer arithmetic only, not from a crate whose streams may change.
//!
//! It is built to look like the real archive, including what makes ordering hard:
//! a `site.toml` with the six categories and declared parties (some with aliases,
//! some people); stories with one to four parties and one to five tags drawn with a
//! skewed popularity (a few parties and tags are in most stories, so related stories
//! tie often); dates over eight years, many on the same day, a quarter with a time
//! and an offset; summaries (or none, so the first paragraph is used), sources,
//! bylines (free text, or declared `[[authors]]` with [`Corpus::with_authors`]),
//! editor's picks, old URLs (`aliases`), alias spellings of parties and
//! other capitalisations of tags; Markdown bodies with headings, lists, external
//! links, links to earlier stories, quotes, tables and fenced code. Only `std` and
//! `jiff` are used, so a benchmark can include it with
//! `#[path = "../tests/integration/corpus/mod.rs"] mod corpus;`.

mod bylines;
pub mod words;

use std::fmt::Write as _;
use std::path::Path;

use words::{CATEGORIES, CODE, DECLARED, OFFSETS, PARTIES, SENTENCES, TAGS};

/// A generated site: `stories` stories from `seed`, with `authors` declared
/// authors (none by default: free-text bylines, as before `[[authors]]`).
pub struct Corpus {
    pub stories: usize,
    pub seed: u64,
    pub authors: usize,
}

/// The order in which [`Corpus::write`] creates the story files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    Forward,
    Reverse,
}

/// SplitMix64: small, fast, and fixed forever, unlike a crate's default generator.
struct Rng(u64);

impl Rng {
    /// The stream `stream` of story `i`.
    fn new(seed: u64, i: usize, stream: u64) -> Rng {
        let mut rng = Rng(seed ^ (i as u64).wrapping_mul(0xD1B5_4A32_D192_ED03) ^ stream);
        rng.next();
        rng
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn percent(&mut self, p: usize) -> bool {
        self.below(100) < p
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }

    /// `count` distinct items of `from`, the first ones far more often (the least of
    /// three draws): a few popular parties and tags, many rare ones.
    fn skewed<'a>(&mut self, from: &[&'a str], count: usize) -> Vec<&'a str> {
        let mut out: Vec<&str> = Vec::new();
        while out.len() < count {
            let n = from.len();
            let item = from[self.below(n).min(self.below(n)).min(self.below(n))];
            if !out.contains(&item) {
                out.push(item);
            }
        }
        out
    }
}

/// Where a story is: enough for other stories to link to it.
struct Placement {
    date: jiff::civil::Date,
    code: String,
}

impl Placement {
    /// The file, relative to the site root: `content/2024/2024-05-03-kavoru.md`.
    fn path(&self) -> String {
        let slug = self.code.to_lowercase();
        format!("content/{}/{}-{slug}.md", self.date.year(), self.date)
    }
}

/// What one story is about.
struct Draw<'a> {
    at: Placement,
    category: &'a str,
    title: String,
    parties: Vec<&'a str>,
    tags: Vec<&'a str>,
    source: String,
}

impl Draw<'_> {
    /// A body sentence about this story.
    fn sentence(&self, rng: &mut Rng) -> String {
        let (a, b) = (rng.pick(&self.parties), rng.pick(&self.parties));
        fill(
            rng.pick(SENTENCES),
            a,
            b,
            &self.at.code,
            rng.pick(&self.tags),
        )
    }

    fn paragraph(&self, rng: &mut Rng) -> String {
        let n = 3 + rng.below(3);
        let sentences: Vec<String> = (0..n).map(|_| self.sentence(rng)).collect();
        sentences.join(" ")
    }
}

/// A unique, pronounceable code name for story `i` (three syllables up to 512,000
/// stories), scrambled so neighbouring stories do not look alike.
fn code_name(i: usize) -> String {
    const C: &[u8; 16] = b"bcdfghklmnprstvz";
    const V: &[u8; 5] = b"aeiou";
    let syllables = if i < 512_000 { 3 } else { 4 };
    let mut n = (i * 7_919 + 1_237) % 80usize.pow(syllables);
    let mut name = String::new();
    for k in 0..syllables {
        let (s, c) = (n % 80, C[n % 80 / 5] as char);
        n /= 80;
        name.push(if k == 0 { c.to_ascii_uppercase() } else { c });
        name.push(V[s % 5] as char);
    }
    name
}

fn quote(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

fn fill(pattern: &str, a: &str, b: &str, code: &str, tag: &str) -> String {
    pattern
        .replace("{a}", a)
        .replace("{b}", b)
        .replace("{code}", code)
        .replace("{tag}", tag)
}

fn host(party: &str) -> String {
    party
        .to_lowercase()
        .replace(|c: char| !c.is_ascii_alphanumeric(), "")
}

impl Corpus {
    pub fn new(stories: usize, seed: u64) -> Corpus {
        Corpus {
            stories,
            seed,
            authors: 0,
        }
    }

    /// The site's configuration.
    pub fn site_toml(&self) -> String {
        let mut s = String::from(
            "title = \"Smart Picks\"\nbase_url = \"https://smartpicks.example.org/\"\n\
             description = \"A digest of news about AI in film and television.\"\n\
             permalink = \"/:year/:month/:day/:slug/\"\npaginate_by = 10\n\
             author = \"Smart Picks Staff\"\n\n[feeds]\nlimit = 20\n",
        );
        for (name, description, _) in CATEGORIES {
            let (name, description) = (quote(name), quote(description));
            let _ = write!(
                s,
                "\n[[categories]]\nname = {name}\ndescription = {description}\n"
            );
        }
        s.push_str(&self.authors_toml());
        for (name, aliases, person) in &PARTIES[..DECLARED] {
            let _ = write!(s, "\n[[parties]]\nname = {}\n", quote(name));
            if !aliases.is_empty() {
                let list: Vec<String> = aliases.iter().map(|a| quote(a)).collect();
                let _ = writeln!(s, "aliases = [{}]", list.join(", "));
            }
            let _ = writeln!(s, "website = \"https://{}.example.com/\"", host(name));
            let about = quote(&format!("{name}, as covered by Smart Picks."));
            let _ = writeln!(s, "description = {about}");
            if *person {
                s.push_str("kind = \"person\"\n");
            }
        }
        s
    }

    fn placement(&self, i: usize) -> Placement {
        let mut rng = Rng::new(self.seed, i, 0x5EED);
        // Eight years up to 2026-11-20, so every story is published at the fixture
        // builds' moment (2026-11-24) in any offset; 2,880 days, so days with
        // several stories are common (their order then rests on the titles).
        let days = jiff::Span::new().days(rng.below(2_880) as i64);
        let date = jiff::civil::date(2019, 1, 1).checked_add(days).unwrap();
        Placement {
            date,
            code: code_name(i),
        }
    }

    fn draw(&self, i: usize, rng: &mut Rng) -> Draw<'static> {
        let at = self.placement(i);
        let (category, _, titles) = CATEGORIES[rng.below(CATEGORIES.len())];
        let names: Vec<&str> = PARTIES.iter().map(|p| p.0).collect();
        let party_count = 1 + rng.below(3) + usize::from(rng.percent(15));
        let parties = rng.skewed(&names, party_count);
        let tag_count = 1 + rng.below(5);
        let tags = rng.skewed(TAGS, tag_count);
        let (a, b) = (parties[0], *parties.get(1).unwrap_or(&"the studios"));
        let title = fill(rng.pick(&titles), a, b, &at.code, tags[0]);
        let source = format!(
            "https://{}.example.com/news/{}",
            host(a),
            at.code.to_lowercase()
        );
        Draw {
            at,
            category,
            title,
            parties,
            tags,
            source,
        }
    }

    /// Story `i`: its path relative to the site root and its text.
    pub fn story(&self, i: usize) -> (String, String) {
        let mut rng = Rng::new(self.seed, i, 0xB0D1);
        let draw = self.draw(i, &mut rng);
        let byline = self.byline(i);
        let text = front_matter(&draw, byline, &mut rng) + &self.body(i, &draw, &mut rng);
        (draw.at.path(), text)
    }

    fn body(&self, i: usize, draw: &Draw, rng: &mut Rng) -> String {
        let mut md = draw.paragraph(rng);
        let _ = write!(md, "\n\n## What was announced\n\n{}", draw.paragraph(rng));
        let _ = write!(md, " The [announcement]({}) gives the details", draw.source);
        if i > 0 {
            let earlier = self.placement(i - 1 - rng.below(i.min(200)));
            let anchor = if rng.percent(20) {
                "#why-it-matters"
            } else {
                ""
            };
            let target = &earlier.path()["content/".len()..];
            let _ = write!(
                md,
                "; we covered [{}](@/{target}{anchor}) earlier",
                earlier.code
            );
        }
        md.push_str(".\n\n");
        for tag in &draw.tags {
            let _ = writeln!(md, "- what it means for {tag}");
        }
        let _ = write!(md, "\n## Why it matters\n\n{}\n\n", draw.paragraph(rng));
        if rng.percent(30) {
            let (lang, text) = CODE[rng.below(CODE.len())];
            let _ = write!(
                md,
                "```{lang}\n{}```\n\n",
                text.replace("{code}", &draw.at.code)
            );
        }
        if rng.percent(30) {
            let _ = write!(md, "> {}\n\n", draw.sentence(rng));
        }
        if rng.percent(15) {
            md.push_str(
                "| step | status |\n|---|---|\n| tests | done |\n| release | *planned* |\n\n",
            );
        }
        if rng.percent(30) {
            md.push_str(
                "### Open questions\n\n1. who owns the output\n2. how performers consent\n",
            );
            md.push_str("3. what it costs\n\n");
        }
        md + &draw.paragraph(rng) + "\n"
    }

    /// Writes `site.toml` and every story under `root`, creating the story files in
    /// `order` (their folders as the files need them).
    pub fn write(&self, root: &Path, order: Order) {
        std::fs::write(root.join("site.toml"), self.site_toml()).unwrap();
        let mut indices: Vec<usize> = (0..self.stories).collect();
        if order == Order::Reverse {
            indices.reverse();
        }
        for i in indices {
            let (rel, text) = self.story(i);
            let path = root.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
    }
}

/// The YAML block, with the spellings and optional keys writers vary; `byline`
/// replaces the free-text `author:` when the corpus declares authors.
fn front_matter(draw: &Draw, byline: Option<Vec<String>>, rng: &mut Rng) -> String {
    let mut front = format!("---\ntitle: {}\ndate: {}", quote(&draw.title), draw.at.date);
    if rng.percent(25) {
        let (hour, minute) = (rng.below(24), 5 * rng.below(12));
        let _ = write!(front, "T{hour:02}:{minute:02}:00{}", rng.pick(&OFFSETS));
    }
    let _ = writeln!(front, "\ncategory: {}", quote(draw.category));
    let parties: Vec<String> = draw
        .parties
        .iter()
        .map(|&p| {
            let aliases = PARTIES.iter().find(|q| q.0 == p).map_or(&[][..], |q| q.1);
            match aliases.first() {
                Some(alias) if rng.percent(30) => quote(alias),
                _ => quote(p),
            }
        })
        .collect();
    let _ = writeln!(front, "parties: [{}]", parties.join(", "));
    let tags: Vec<String> = draw
        .tags
        .iter()
        .map(|t| {
            quote(&if rng.percent(5) {
                t.to_uppercase()
            } else {
                t.to_string()
            })
        })
        .collect();
    let _ = writeln!(front, "tags: [{}]", tags.join(", "));
    if rng.percent(80) {
        let _ = writeln!(front, "summary: {}", quote(&draw.sentence(rng)));
    }
    if rng.percent(85) {
        let title = quote(&format!("{}: announcement", draw.parties[0]));
        let _ = write!(
            front,
            "sources:\n  - title: {title}\n    url: {}\n",
            quote(&draw.source)
        );
    }
    // Drawn either way, so the draws after it are the same with or without authors.
    let free_text = rng
        .percent(10)
        .then(|| rng.pick(&["Dana Okafor", "Lena Brandt", "Ravi Mehta"]));
    match byline {
        None => {
            if let Some(name) = free_text {
                let _ = writeln!(front, "author: {}", quote(name));
            }
        }
        Some(names) if names.is_empty() => {}
        Some(names) => {
            let names: Vec<String> = names.iter().map(|n| quote(n)).collect();
            let _ = writeln!(front, "authors: [{}]", names.join(", "));
        }
    }
    if rng.percent(2) {
        front.push_str("featured: true\n");
    }
    if rng.percent(3) {
        let _ = writeln!(front, "aliases: [/news/{}/]", draw.at.code.to_lowercase());
    }
    front + "---\n\n"
}
