//! How deeply YAML text nests, measured line by line in one pass without parsing.
//! Block nesting is the stack of indentations (plus `- ` and `? ` entries that open
//! a level on the same line); flow nesting counts open `[` and `{`, and the
//! one-pair maps that `key: value` makes inside `[ ]`. Brackets only
//! count where YAML reads them as brackets: not inside quotes, comments, block
//! scalars (`|`, `>`), or plain text such as `title: A [draft] cut`.

/// A quoted scalar that goes on past the end of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quote {
    Single,
    Double,
}

/// The lexer's state between lines.
#[derive(Debug, Default)]
pub(super) struct Nesting {
    /// Indentations of the open block levels, increasing.
    indents: Vec<usize>,
    /// Open `[` and `{`, innermost last.
    flow: Vec<Flow>,
    /// How many of them are lists holding a one-pair map (`[a: b]`) right now.
    pairs: usize,
    /// Inside a quoted scalar that started on an earlier line.
    quote: Option<Quote>,
    /// Inside a `|` or `>` scalar: the indentation of the line that opened it.
    block_scalar: Option<usize>,
    /// The previous line ended in plain text at this indentation; a more-indented
    /// line goes on with that text.
    plain: Option<usize>,
    /// At the start of a node, where brackets, quotes and indicators mean something.
    start: bool,
}

impl Nesting {
    /// Whether the next line starts outside any bracket or quote.
    pub(super) fn at_top_level(&self) -> bool {
        self.flow.is_empty() && self.quote.is_none()
    }

    /// Reads one line (without its line break); returns the deepest nesting on it.
    pub(super) fn line(&mut self, line: &[u8]) -> usize {
        if let Some(quote) = self.quote {
            let Some(end) = close_quote(line, 0, quote) else {
                return self.depth();
            };
            self.quote = None;
            self.start = true;
            return self.scan(line, end, false);
        }
        if !self.flow.is_empty() {
            return self.scan(line, 0, !self.start);
        }
        let indent = line.iter().take_while(|&&b| b == b' ').count();
        let rest = &line[indent..];
        if rest.iter().all(u8::is_ascii_whitespace) {
            return self.depth();
        }
        if self.block_scalar.is_some_and(|node| indent > node) {
            return self.depth();
        }
        self.block_scalar = None;
        if rest[0] == b'#' {
            // A comment ends plain text: the next line cannot go on with it.
            self.plain = None;
            return self.depth();
        }
        if self.plain.take().is_some_and(|node| indent > node) {
            self.start = false;
            return self.scan(line, indent, true);
        }
        self.open_block(indent);
        self.start = true;
        self.scan(line, indent, false)
    }

    /// A block line at `indent`: closes the deeper levels, opens one at `indent`.
    fn open_block(&mut self, indent: usize) {
        while self.indents.last().is_some_and(|&open| open > indent) {
            self.indents.pop();
        }
        self.open(indent);
    }

    /// Opens a block level at `column` unless one is open there already.
    fn open(&mut self, column: usize) {
        if self.indents.last().is_none_or(|&open| open < column) {
            self.indents.push(column);
        }
    }

    fn depth(&self) -> usize {
        self.indents.len() + self.flow.len() + self.pairs
    }

    /// Scans a line from byte `i` on (`plain`: inside plain text), splitting it into
    /// tokens where libyaml's scanner does: at a token start, brackets, quotes,
    /// anchors and indicators mean something; in flow context brackets, commas and
    /// `: ` also end plain text; in block context brackets inside text are text.
    fn scan(&mut self, line: &[u8], mut i: usize, mut plain: bool) -> usize {
        // The column of the innermost block node begun on this line, which text
        // going on in the next lines must be indented past.
        let mut node = self.indents.last().copied().unwrap_or(0);
        // Whether a `- ` or `? ` entry began on this line, and a key after it.
        let (mut entry, mut keyed) = (false, false);
        let mut deepest = self.depth();
        // The deepest point since the last entry began: a key written as `[a]`
        // turns out to be inside the map only once its `:` comes.
        let mut in_entry = deepest;
        while i < line.len() {
            let b = line[i];
            let blank_after = line.get(i + 1).is_none_or(|b| b.is_ascii_whitespace());
            let flow = !self.flow.is_empty();
            match b {
                b' ' | b'\t' => {}
                b'#' if self.start || i == 0 || line[i - 1].is_ascii_whitespace() => {
                    plain = false;
                    break;
                }
                b'"' | b'\'' if self.start => {
                    let quote = Quote::of(b);
                    let Some(end) = close_quote(line, i + 1, quote) else {
                        self.quote = Some(quote);
                        return deepest;
                    };
                    i = end;
                    continue;
                }
                // An anchor, alias or tag: a name, then the next token.
                b'&' | b'*' | b'!' if self.start => i = name_end(line, i, flow),
                b'[' | b'{' | b']' | b'}' | b','
                    if flow || (self.start && matches!(b, b'[' | b'{')) =>
                {
                    self.bracket(b);
                    plain = false;
                }
                b'?' if self.start && flow => self.begin_pair(),
                b':' if blank_after || (flow && self.start) => {
                    self.begin_pair();
                    // `- key: value` opens a map inside the list item, on one line.
                    if !flow && entry && !keyed {
                        self.open(node);
                        deepest = deepest.max(in_entry + 1);
                        keyed = true;
                    }
                    self.start = true;
                    plain = false;
                }
                // An entry stays open for the more-indented lines after it, even
                // when its list shares the column of the map around it.
                b'-' | b'?' if self.start && !flow && blank_after => {
                    self.open(i + 1);
                    entry = true;
                    in_entry = self.depth();
                    node = i + 1 + line[i + 1..].iter().take_while(|&&c| c == b' ').count();
                }
                b'|' | b'>' if self.start && !flow => {
                    self.block_scalar = Some(node);
                    return deepest;
                }
                _ => {
                    self.start = false;
                    plain = true;
                }
            }
            deepest = deepest.max(self.depth());
            in_entry = in_entry.max(self.depth());
            i += 1;
        }
        if self.flow.is_empty() && plain {
            self.plain = Some(node);
        }
        deepest
    }
}

impl Quote {
    fn of(b: u8) -> Quote {
        if b == b'"' {
            Quote::Double
        } else {
            Quote::Single
        }
    }
}

/// The last byte of the anchor, alias or tag name starting at `i`.
fn name_end(line: &[u8], mut i: usize, flow: bool) -> usize {
    while line
        .get(i + 1)
        .is_some_and(|&c| !(c.is_ascii_whitespace() || flow && is_flow(c)))
    {
        i += 1;
    }
    i
}

/// An open `[` or `{`.
#[derive(Debug, Clone, Copy)]
struct Flow {
    /// A list, where `key: value` makes a one-pair map: one more level.
    seq: bool,
    /// That map is open (until the next `,` or `]`).
    pair: bool,
}

impl Nesting {
    /// An opening or closing bracket, or a comma between brackets.
    fn bracket(&mut self, b: u8) {
        match b {
            b'[' | b'{' => self.flow.push(Flow {
                seq: b == b'[',
                pair: false,
            }),
            _ => {
                self.end_pair();
                if b != b',' {
                    self.flow.pop();
                }
            }
        }
        self.start = true;
    }

    /// A `:` or `?` inside brackets: inside a list it opens a one-pair map.
    fn begin_pair(&mut self) {
        if let Some(level) = self.flow.last_mut()
            && level.seq
            && !level.pair
        {
            level.pair = true;
            self.pairs += 1;
        }
    }

    /// A `,` or closing bracket ends the one-pair map, if one is open.
    fn end_pair(&mut self) {
        if let Some(level) = self.flow.last_mut()
            && level.pair
        {
            level.pair = false;
            self.pairs -= 1;
        }
    }
}

/// The flow indicators that end a name inside brackets.
fn is_flow(b: u8) -> bool {
    matches!(b, b',' | b'[' | b']' | b'{' | b'}')
}

/// The index just past the quote that closes a scalar opened before `from`, if it
/// closes on this line. `''` inside single quotes and `\"` inside double quotes do
/// not close.
fn close_quote(line: &[u8], from: usize, quote: Quote) -> Option<usize> {
    let mut i = from;
    while i < line.len() {
        match (quote, line[i]) {
            (Quote::Double, b'\\') => i += 1,
            (Quote::Double, b'"') => return Some(i + 1),
            (Quote::Single, b'\'') if line.get(i + 1) == Some(&b'\'') => i += 1,
            (Quote::Single, b'\'') => return Some(i + 1),
            _ => {}
        }
        i += 1;
    }
    None
}
