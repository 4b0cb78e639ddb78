//! The fonts social cards are set in: every `.ttf`/`.otf` under the theme's `fonts/`
//! and the site's own `fonts/` (a site's file replaces the theme's of the same name),
//! read once when the theme loads (their hash is part of what every card reads) and
//! parsed into one shared font database the first time a card is rendered, so a
//! build that renders no card never parses a font, and no card parses one again.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use resvg::usvg::fontdb;

use crate::error::{Error, Result};
use crate::render::files_under;

/// The font files of a site, and the database made from them on first use.
pub struct CardFonts {
    /// Each file's name as the site sees it (for messages) and its bytes.
    files: Vec<(PathBuf, Arc<Vec<u8>>)>,
    /// A hash of every file's name and bytes: what cards read of the fonts.
    pub digest: u128,
    db: OnceLock<Arc<fontdb::Database>>,
}

impl std::fmt::Debug for CardFonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CardFonts")
            .field(
                "files",
                &self.files.iter().map(|(p, _)| p).collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl CardFonts {
    /// Reads the fonts under `dirs` (theme first, then the site's), naming them
    /// relative to `root`.
    pub fn load(root: &Path, dirs: &[PathBuf]) -> Result<CardFonts> {
        let mut by_name: Vec<(String, PathBuf)> = Vec::new();
        for dir in dirs {
            for (name, path) in files_under(dir)? {
                let lower = name.to_ascii_lowercase();
                if lower.ends_with(".ttf") || lower.ends_with(".otf") || lower.ends_with(".ttc") {
                    by_name.retain(|(n, _)| *n != name);
                    by_name.push((name, path));
                }
            }
        }
        by_name.sort();
        let mut digest = xxhash_rust::xxh3::Xxh3::new();
        let mut files = Vec::with_capacity(by_name.len());
        for (name, path) in by_name {
            let bytes =
                std::fs::read(&path).map_err(|e| Error::io("cannot read font", &path, e))?;
            digest.update(name.as_bytes());
            digest.update(&[0]);
            digest.update(&(bytes.len() as u64).to_le_bytes());
            digest.update(&bytes);
            let shown = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
            files.push((shown, Arc::new(bytes)));
        }
        Ok(CardFonts {
            files,
            digest: digest.digest128(),
            db: OnceLock::new(),
        })
    }

    /// Fonts from bytes already in memory (tests, benchmarks).
    pub fn from_bytes(fonts: Vec<(PathBuf, Vec<u8>)>) -> CardFonts {
        let mut digest = xxhash_rust::xxh3::Xxh3::new();
        for (name, bytes) in &fonts {
            digest.update(name.to_string_lossy().as_bytes());
            digest.update(bytes);
        }
        CardFonts {
            files: fonts.into_iter().map(|(p, b)| (p, Arc::new(b))).collect(),
            digest: digest.digest128(),
            db: OnceLock::new(),
        }
    }

    /// Whether there is no font at all (cards could show no text).
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The shared database, parsed on first use. Faces keep the files' order, which
    /// is the order resvg tries them in for characters the chosen font lacks.
    pub fn database(&self) -> Arc<fontdb::Database> {
        self.db
            .get_or_init(|| {
                let mut db = fontdb::Database::new();
                for (_, bytes) in &self.files {
                    db.load_font_source(fontdb::Source::Binary(bytes.clone()));
                }
                Arc::new(db)
            })
            .clone()
    }
}
