//! The corpus's vocabulary: categories with title patterns, parties (most used
//! first), tags (most used first), sentences and code samples.

/// (name, description, title patterns): in titles `{a}` and `{b}` are parties and
/// `{code}` is the story's unique code name, which keeps titles and slugs distinct.
pub const CATEGORIES: [(&str, &str, [&str; 3]); 6] = [
    (
        "AI Technology",
        "Models, research and tools.",
        [
            "{a} unveils {code}, a video model built for filmmakers",
            "{a} opens {code} to studios after a closed beta",
            "Researchers at {a} show {code}, which keeps characters consistent across shots",
        ],
    ),
    (
        "Studios & Deals",
        "Partnerships, investments and acquisitions.",
        [
            "{a} and {b} sign a licensing deal for the {code} slate",
            "{a} invests in {b} to build {code}",
            "{b} joins {a}'s {code} programme",
        ],
    ),
    (
        "Production",
        "How films and series use AI on set and in post.",
        [
            "How {a} used AI in post-production on \u{201c}{code}\u{201d}",
            "{code}: the series {a} shot on virtual sets",
            "Inside the {code} pipeline at {a}",
        ],
    ),
    (
        "Labor & Guilds",
        "Unions, contracts and jobs.",
        [
            "{a} members vote on AI terms in the {code} agreement",
            "{a} warns {b} over digital replicas in {code}",
            "What the {code} contract means for {a} members",
        ],
    ),
    (
        "Law & Policy",
        "Lawsuits, copyright and regulation.",
        [
            "{a} sues {b} over training data in the {code} case",
            "Court hears {a} v. {b}, the {code} case",
            "{a} publishes the {code} guidance on AI and copyright",
        ],
    ),
    (
        "Festivals & Awards",
        "AI film festivals and awards rules.",
        [
            "{code} wins the top prize at the {a} AI film showcase",
            "{a} changes its rules after {code}",
            "{a} selects {code} for its AI shorts programme",
        ],
    ),
];

/// Parties, most often used first: (name, aliases, is a person).
pub const PARTIES: &[(&str, &[&str], bool)] = &[
    ("OpenAI", &["Open AI"], false),
    ("Runway", &["RunwayML", "Runway ML"], false),
    ("Google DeepMind", &["DeepMind"], false),
    ("SAG-AFTRA", &["Screen Actors Guild"], false),
    ("Netflix", &[], false),
    ("Writers Guild of America", &["WGA"], false),
    ("Lionsgate", &[], false),
    ("Stability AI", &[], false),
    ("A24", &[], false),
    ("Adobe", &[], false),
    ("Disney", &["The Walt Disney Company"], false),
    ("Meta", &[], false),
    (
        "Academy of Motion Picture Arts and Sciences",
        &["AMPAS"],
        false,
    ),
    ("Warner Bros. Discovery", &[], false),
    ("NVIDIA", &[], false),
    ("James Cameron", &[], true),
    ("Luma AI", &[], false),
    ("Pika", &[], false),
    ("Directors Guild of America", &["DGA"], false),
    ("European Commission", &[], false),
    ("US Copyright Office", &[], false),
    ("Sony Pictures", &[], false),
    ("Amazon MGM Studios", &[], false),
    ("ElevenLabs", &[], false),
    ("Metaphysic", &[], false),
    ("Moonvalley", &[], false),
    ("Sundance Institute", &[], false),
    ("Tribeca Festival", &[], false),
    ("Getty Images", &[], false),
    ("Darren Aronofsky", &[], true),
    ("Paramount", &[], false),
    ("Wonder Dynamics", &[], false),
    ("IATSE", &[], false),
    ("Midjourney", &[], false),
    ("Synthesia", &[], false),
    ("BAFTA", &[], false),
    ("Ashton Kutcher", &[], true),
    ("Kling", &[], false),
    ("Equity", &[], false),
    ("Shutterstock", &[], false),
];

/// How many of [`PARTIES`] `site.toml` declares; the rest are only written in stories.
pub const DECLARED: usize = 24;

/// Tags, most often used first.
pub const TAGS: &[&str] = &[
    "generative video",
    "licensing",
    "training data",
    "copyright",
    "digital replicas",
    "visual effects",
    "contracts",
    "voice cloning",
    "dubbing",
    "text-to-video",
    "de-aging",
    "animation",
    "post-production",
    "regulation",
    "lawsuits",
    "research",
    "funding",
    "festivals",
    "awards",
    "consent",
    "virtual production",
    "streaming",
    "independent film",
    "documentary",
    "scripts",
    "storyboards",
    "motion capture",
    "lip sync",
    "translation",
    "strikes",
    "watermarking",
    "disclosure",
    "open source",
    "avatars",
    "short films",
    "trailers",
    "marketing",
    "restoration",
    "sound design",
    "casting",
    "archives",
    "music",
    "box office",
    "hardware",
    "acquisitions",
];

/// Body sentences; `{tag}` is one of the story's tags.
pub const SENTENCES: &[&str] = &[
    "{a} said the work had been under way for most of the year.",
    "The announcement puts {tag} at the centre of how {b} plans its next releases.",
    "People familiar with the talks said {a} had pushed for terms covering {tag}.",
    "Neither company disclosed the financial terms.",
    "Critics argue that {tag} is moving faster than the rules meant to govern it.",
    "{b} described the arrangement as a first step rather than a finished product.",
    "Earlier tests were limited to a handful of productions and short clips.",
    "The guild has asked for written consent and pay whenever {tag} is used.",
    "Analysts expect other studios to follow within months.",
    "{a} will publish more details about {tag} at a later date.",
    "The first results are expected to reach audiences next year.",
    "Several filmmakers have already said they want to try the tools on set.",
];

/// Fenced code samples: (language, text).
pub const CODE: [(&str, &str); 4] = [
    (
        "python",
        "from studio import Model\n\nmodel = Model.load(\"{code}\")\nclip = model.generate(prompt=\"a rainy street at night\", seconds=8)\nclip.save(\"shot_012.mp4\")\n",
    ),
    (
        "rust",
        "fn frames(seconds: u32, fps: u32) -> u32 {\n    // {code}: the renderer works in whole frames\n    seconds * fps\n}\n",
    ),
    (
        "yaml",
        "project: {code}\nshots:\n  - id: 12\n    model: video-v2\n    consent: true\n",
    ),
    (
        "json",
        "{\"project\": \"{code}\", \"frames\": 192, \"watermark\": true}\n",
    ),
];

/// The offsets of stories dated with a time.
pub const OFFSETS: [&str; 8] = [
    "Z", "+01:00", "+02:00", "-05:00", "-08:00", "+05:30", "+09:00", "-03:30",
];
