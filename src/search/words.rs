//! Words as the index and the browser client both see them (docs/search.md,
//! "Words"): folded character by character (NFKD, marks removed, lower case,
//! `ß` → `ss`, `ς` → `σ`; Hangul syllables kept whole), split
//! into runs of letters and digits with CJK runs apart, CJK runs cut into bigrams,
//! one-letter words left out ([`Words`] gives stop words too; the index and the
//! client leave them out with [`is_stop_word`]). `themes/smartpicks/static/search.js`
//! runs the same rules on queries; the two must agree character for character.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// The longest word kept, in characters; anything longer is noise (a hash, a URL).
pub const MAX_WORD: usize = 40;

/// Words too common to tell stories apart, folded. The manifest lists them so the
/// client drops them from queries too. (Snowball's English list, less the words that
/// are also names in film news: "will", "can", "us", "it".)
pub const STOP_WORDS: &[&str] = &[
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "if",
    "in",
    "into",
    "is",
    "its",
    "itself",
    "just",
    "me",
    "more",
    "most",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "same",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
];

/// Whether a folded word is a stop word.
pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
}

/// Whether `c` is written without spaces between words (Han, kana, Hangul), so its
/// runs are indexed as character bigrams. The ranges are docs/search.md's.
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{11FF}'
        | '\u{3040}'..='\u{30FF}'
        | '\u{3130}'..='\u{318F}'
        | '\u{31F0}'..='\u{31FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{AC00}'..='\u{D7AF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2A6DF}')
}

/// Calls `out` with each folded character of `c` (none, one or several).
#[inline]
fn fold_char(c: char, out: &mut impl FnMut(char)) {
    if c.is_ascii() {
        out(c.to_ascii_lowercase());
        return;
    }
    // A Hangul syllable would decompose into its letters (jamo): it is kept whole.
    if ('\u{AC00}'..='\u{D7A3}').contains(&c) {
        out(c);
        return;
    }
    decompose_compatible(c, |d| {
        if is_combining_mark(d) {
            return;
        }
        for l in d.to_lowercase() {
            match l {
                'ß' => {
                    out('s');
                    out('s');
                }
                'ς' => out('σ'),
                l => out(l),
            }
        }
    });
}

/// `text` folded as a whole (what a snippet or a test compares).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, &mut |f| out.push(f));
    }
    out
}

/// What a byte is to the splitter's fast paths: ASCII letters and digits (upper
/// case marked, as it needs lowering), other ASCII, and bytes of longer characters.
const ALNUM: u8 = 1;
const UPPER: u8 = 2;
const SEPARATOR: u8 = 4;
const NON_ASCII: u8 = 8;

static CLASS: [u8; 256] = {
    let mut table = [NON_ASCII; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_uppercase() {
            ALNUM | UPPER
        } else if c.is_ascii_alphanumeric() {
            ALNUM
        } else {
            SEPARATOR
        };
        b += 1;
    }
    table
};

/// What a run of characters is.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
enum Run {
    #[default]
    None,
    Word,
    Cjk,
}

/// Splits text into index terms, reusing its buffers between calls.
#[derive(Default)]
pub struct Words {
    word: String,
    chars: usize,
    cjk: Vec<char>,
    /// The run the last character fed belongs to (it may go on in the next text).
    run: Run,
}

impl Words {
    /// Calls `term` with every term of `text`, in order: each word of a length
    /// kept, folded, and each CJK bigram (or lone CJK character). Stop words are
    /// among them: the index tells them apart once per distinct word
    /// ([`is_stop_word`]), not once per occurrence.
    pub fn each(&mut self, text: &str, term: &mut impl FnMut(&str)) {
        self.feed(text, term);
        self.end(term);
    }

    /// Ends the word (or CJK run) being read: what [`Words::feed`] reads next
    /// starts a new one.
    pub fn end(&mut self, term: &mut impl FnMut(&str)) {
        let run = std::mem::take(&mut self.run);
        self.flush(run, term);
    }

    /// Reads `text` as the continuation of what was fed before (a word split by
    /// an inline tag is one word), calling `term` with every term it completes.
    pub fn feed(&mut self, text: &str, term: &mut impl FnMut(&str)) {
        let mut run = std::mem::take(&mut self.run);
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let class = CLASS[b as usize];
            // Between words, ASCII that is neither letter nor digit only ends what
            // came before: once that is done, it is skipped a byte at a time.
            if class == SEPARATOR && run == Run::None {
                i += 1;
                continue;
            }
            // A whole ASCII word, most of any English text, is taken as it is (or
            // lower-cased) when nothing but ASCII is around it.
            if class & ALNUM != 0 && run != Run::Word {
                let mut end = i;
                let mut seen = 0;
                while let Some(&c) = bytes.get(end) {
                    let c = CLASS[c as usize];
                    if c & ALNUM == 0 {
                        break;
                    }
                    seen |= c;
                    end += 1;
                }
                // It ends here unless it may go on: past this text, or into a
                // non-ASCII letter.
                if bytes.get(end).is_some_and(u8::is_ascii) {
                    // Most words follow a separator: nothing to end then.
                    if run != Run::None {
                        self.flush(run, term);
                        run = Run::None;
                    }
                    let word = &text[i..end];
                    if (2..=MAX_WORD).contains(&word.len()) {
                        if seen & UPPER != 0 {
                            self.word.clear();
                            self.word.push_str(word);
                            self.word.make_ascii_lowercase();
                            term(&self.word);
                            self.word.clear();
                        } else {
                            term(word);
                        }
                    }
                    i = end;
                    continue;
                }
            }
            // Other ASCII folds by lower-casing a byte.
            if b.is_ascii() {
                i += 1;
                let kind = if class & ALNUM != 0 {
                    Run::Word
                } else {
                    Run::None
                };
                self.push(kind, b.to_ascii_lowercase() as char, &mut run, term);
                continue;
            }
            let c = text[i..].chars().next().expect("a character starts here");
            i += c.len_utf8();
            fold_char(c, &mut |f| {
                let kind = if is_cjk(f) {
                    Run::Cjk
                } else if f.is_alphanumeric() {
                    Run::Word
                } else {
                    Run::None
                };
                self.push(kind, f, &mut run, term);
            });
        }
        self.run = run;
    }

    /// Adds a folded character of a kind, ending the run before it if it differs.
    #[inline]
    fn push(&mut self, kind: Run, c: char, run: &mut Run, term: &mut impl FnMut(&str)) {
        if kind != *run {
            self.flush(*run, term);
            *run = kind;
        }
        match kind {
            Run::Word => {
                self.word.push(c);
                self.chars += 1;
            }
            Run::Cjk => self.cjk.push(c),
            Run::None => {}
        }
    }

    fn flush(&mut self, run: Run, term: &mut impl FnMut(&str)) {
        match run {
            Run::None => {}
            Run::Word => {
                if (2..=MAX_WORD).contains(&self.chars) {
                    term(&self.word);
                }
                self.word.clear();
                self.chars = 0;
            }
            Run::Cjk => {
                let mut pair = String::with_capacity(8);
                if let [one] = self.cjk[..] {
                    pair.push(one);
                    term(&pair);
                }
                for w in self.cjk.windows(2) {
                    pair.clear();
                    pair.extend(w);
                    term(&pair);
                }
                self.cjk.clear();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        Words::default().each(text, &mut |t| {
            if !is_stop_word(t) {
                out.push(t.to_owned());
            }
        });
        out
    }

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(is_stop_word("the") && !is_stop_word("film"));
    }

    #[test]
    fn folding_removes_case_accents_and_compatibility_forms() {
        assert_eq!(fold("Société Générale"), "societe generale");
        assert_eq!(fold("ﬁlm ＡＩ"), "film ai");
        assert_eq!(fold("Straße ΟΔΥΣΣΕΥΣ"), "strasse οδυσσευσ");
        assert_eq!(
            fold("Ærø Ł"),
            "ærø ł",
            "letters that are not decomposable stay"
        );
    }

    #[test]
    fn words_split_on_anything_but_letters_and_digits() {
        assert_eq!(
            terms("The A24/DeepMind deal: $1.5bn, it's “AI-first”."),
            ["a24", "deepmind", "deal", "5bn", "it", "ai", "first"]
        );
    }

    #[test]
    fn one_letter_stop_and_overlong_words_are_left_out() {
        let long = "x".repeat(MAX_WORD + 1);
        assert_eq!(terms(&format!("a I of and {long} ok")), ["ok"]);
        assert_eq!(terms(&"y".repeat(MAX_WORD)).len(), 1);
    }

    #[test]
    fn cjk_runs_become_bigrams_and_a_lone_character_a_term() {
        assert_eq!(terms("電影節"), ["電影", "影節"]);
        assert_eq!(terms("東 映画"), ["東", "映画"]);
        assert_eq!(terms("Sora동영상"), ["sora", "동영", "영상"]);
        assert_eq!(terms("アニメ化"), ["アニ", "ニメ", "メ化"]);
    }
}
