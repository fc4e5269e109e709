//! PCRE pattern syntax to `fancy-regex` syntax.
//!
//! One pass over the pattern's characters. What both syntaxes write alike
//! is copied; what PCRE means differently is rewritten:
//!
//! - Without `ucp`, `\d`, `\w`, `\s` and `\b` use the Latin-1 tables OTP's
//!   PCRE is built with (letters `ª µ º À-Ö Ø-ö ø-ÿ` are word characters,
//!   whitespace is ASCII only), also for the characters of a `unicode`
//!   subject; with `ucp` they are Unicode's.
//! - `$` without `multiline` also matches before a final newline (unless
//!   `dollar_endonly`), `\Z` likewise; `\h`, `\v`, `\H`, `\V` are PCRE's
//!   horizontal and vertical space (fancy-regex's `\h` is a hex digit).
//! - `extended` is done here (PCRE keeps white space inside classes, the
//!   `x` flag of `regex` would not); `(?#...)` comments, `\Q...\E`, octal
//!   and control escapes, `\g`/`\k` reference forms and `(?R)`/`(?N)`
//!   recursion are rewritten into forms fancy-regex knows.
//! - Every literal that `regex` could read as an operator is written as
//!   `\x{...}`, and `[` inside a class is literal as in PCRE.
//!
//! Errors that BEAM reports for common mistakes carry PCRE's message and
//! offset (`missing )`, `unmatched parentheses`, `nothing to repeat`, ...).
//! PCRE features with no counterpart (`\C`, `\X`, backtracking verbs other
//! than `(*FAIL)`, branch-reset groups holding captures) are compile
//! errors, never silently different matching.

use std::fmt::Write as _;

/// The compile options the translation depends on.
#[derive(Clone, Copy, Debug, Default)]
pub struct Syntax {
    pub extended: bool,
    pub multiline: bool,
    pub dollar_endonly: bool,
    pub no_auto_capture: bool,
    pub ucp: bool,
    /// Characters are at most 255 (a pattern without `unicode`).
    pub latin1: bool,
}

/// A pattern fancy-regex can compile.
#[derive(Debug)]
pub struct Translated {
    pub source: String,
    /// The number of capturing groups.
    pub n_captures: usize,
    /// The names of named groups with their numbers, in pattern order.
    pub names: Vec<(String, usize)>,
    /// Set by a leading `(*UTF8)` or `(*UTF)`.
    pub utf: bool,
}

/// A compile error as PCRE reports it: message and byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    pub message: String,
    pub position: usize,
}

const WORD_LATIN1: &str =
    "0-9A-Za-z_\\x{AA}\\x{B5}\\x{BA}\\x{C0}-\\x{D6}\\x{D8}-\\x{F6}\\x{F8}-\\x{FF}";
const SPACE_LATIN1: &str = "\\x{09}-\\x{0D}\\x{20}";
const HSPACE: &str =
    "\\x{09}\\x{20}\\x{A0}\\x{1680}\\x{180E}\\x{2000}-\\x{200A}\\x{202F}\\x{205F}\\x{3000}";
const VSPACE: &str = "\\x{0A}-\\x{0D}\\x{85}\\x{2028}\\x{2029}";

/// Translates `pattern`, whose characters start at the byte offsets in
/// `offsets` (one more entry than characters: the length).
pub fn translate(
    pattern: &[char],
    offsets: &[usize],
    syntax: Syntax,
) -> Result<Translated, PatternError> {
    let mut translator = Translator {
        chars: pattern,
        offsets,
        idx: 0,
        out: String::with_capacity(pattern.len() * 2),
        syntax,
        extended: syntax.extended,
        multiline: syntax.multiline,
        groups: Vec::new(),
        n_captures: 0,
        names: Vec::new(),
        utf: false,
        ucp: syntax.ucp,
        can_repeat: false,
        max_backref: None,
    };
    translator.leading_verbs();
    translator.run()?;
    Ok(Translated {
        source: translator.out,
        n_captures: translator.n_captures,
        names: translator.names,
        utf: translator.utf,
    })
}

/// An open group: the flags to restore at its `)`.
struct Group {
    extended: bool,
    multiline: bool,
    /// Set for `(?|`: the captures count when it opened.
    branch_reset: Option<usize>,
    /// A lookbehind, and whether something in it repeats a variable
    /// number of times.
    lookbehind: bool,
    variable: bool,
}

struct Translator<'a> {
    chars: &'a [char],
    offsets: &'a [usize],
    idx: usize,
    out: String,
    syntax: Syntax,
    extended: bool,
    multiline: bool,
    groups: Vec<Group>,
    n_captures: usize,
    names: Vec<(String, usize)>,
    utf: bool,
    ucp: bool,
    /// Whether a quantifier here has something to repeat.
    can_repeat: bool,
    /// The highest group number `\N` refers to, and where that ends.
    max_backref: Option<(usize, usize)>,
}

impl Translator<'_> {
    fn error(&self, message: &str, char_idx: usize) -> PatternError {
        let char_idx = char_idx.min(self.chars.len());
        PatternError {
            message: message.to_string(),
            position: self.offsets[char_idx],
        }
    }

    /// Copies a Unicode property escape (`\p{Greek}`, `\pL`, or the
    /// negated `\P` forms, `escape` being `p` or `P`) as it is.
    fn property(&mut self, escape: char) {
        self.out.push('\\');
        self.out.push(escape);
        if self.peek(0) == Some('{') {
            while let Some(c) = self.peek(0) {
                self.idx += 1;
                self.out.push(c);
                if c == '}' {
                    break;
                }
            }
        } else if let Some(c) = self.peek(0) {
            self.idx += 1;
            self.out.push(c);
        }
    }

    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.idx + ahead).copied()
    }

    fn starts_with(&self, text: &str) -> bool {
        let wanted: Vec<char> = text.chars().collect();
        self.chars[self.idx..].starts_with(&wanted)
    }

    /// `(*UTF8)`, `(*UTF)`, `(*UCP)` and the newline verbs at the start.
    fn leading_verbs(&mut self) {
        loop {
            let Some(end) = self.chars[self.idx..].iter().position(|c| *c == ')') else {
                return;
            };
            if !self.starts_with("(*") {
                return;
            }
            let verb: String = self.chars[self.idx + 2..self.idx + end].iter().collect();
            match verb.as_str() {
                "UTF8" | "UTF" => self.utf = true,
                "UCP" => self.ucp = true,
                "CR" | "LF" | "CRLF" | "ANYCRLF" | "ANY" | "BSR_ANYCRLF" | "BSR_UNICODE"
                | "NO_START_OPT" => {}
                _ => return,
            }
            self.idx += end + 1;
        }
    }

    fn run(&mut self) -> Result<(), PatternError> {
        while let Some(c) = self.peek(0) {
            let start = self.idx;
            self.idx += 1;
            match c {
                '\\' => {
                    self.can_repeat = true;
                    self.escape(start)?;
                }
                '[' => {
                    self.class(start)?;
                    self.can_repeat = true;
                }
                '(' => self.open_group(start)?,
                ')' => {
                    let Some(group) = self.groups.pop() else {
                        return Err(self.error("unmatched parentheses", start));
                    };
                    if let Some(before) = group.branch_reset {
                        if before < self.n_captures {
                            return Err(self.error(
                                "branch reset groups with captures are not supported",
                                start,
                            ));
                        }
                    }
                    if group.lookbehind && group.variable {
                        return Err(self.error("lookbehind assertion is not fixed length", start));
                    }
                    self.extended = group.extended;
                    self.multiline = group.multiline;
                    self.out.push(')');
                    self.can_repeat = true;
                }
                '|' => {
                    self.out.push('|');
                    self.can_repeat = false;
                }
                '^' => {
                    self.out.push('^');
                    self.can_repeat = true;
                }
                '$' => {
                    let dollar = if self.multiline {
                        "$"
                    } else if self.syntax.dollar_endonly {
                        "\\z"
                    } else {
                        "(?:\\z|(?=\\n\\z))"
                    };
                    self.out.push_str(dollar);
                    self.can_repeat = true;
                }
                '.' => {
                    self.out.push('.');
                    self.can_repeat = true;
                }
                '*' | '+' | '?' => {
                    if !self.can_repeat {
                        return Err(self.error("nothing to repeat", start));
                    }
                    self.variable_length();
                    self.out.push(c);
                    self.quantifier_suffix();
                }
                '{' => match self.counted_repeat(start)? {
                    Some(text) => {
                        if !self.can_repeat {
                            return Err(self.error("nothing to repeat", self.idx - 1));
                        }
                        let (low, high) = text[1..text.len() - 1]
                            .split_once(',')
                            .unwrap_or((&text[1..text.len() - 1], &text[1..text.len() - 1]));
                        if low != high {
                            self.variable_length();
                        }
                        self.out.push_str(&text);
                        self.quantifier_suffix();
                    }
                    None => {
                        self.literal('{');
                        self.can_repeat = true;
                    }
                },
                c if self.extended && is_pcre_space(c) => {}
                '#' if self.extended => {
                    while let Some(c) = self.peek(0) {
                        self.idx += 1;
                        if c == '\n' {
                            break;
                        }
                    }
                }
                c => {
                    self.literal(c);
                    self.can_repeat = true;
                }
            }
        }
        if !self.groups.is_empty() {
            return Err(self.error("missing )", self.chars.len()));
        }
        if let Some((number, end)) = self.max_backref {
            if self.n_captures < number {
                return Err(self.error("reference to non-existent subpattern", end));
            }
        }
        Ok(())
    }

    /// Marks the innermost lookbehind as not of fixed length, which PCRE
    /// rejects (fancy-regex would accept it).
    fn variable_length(&mut self) {
        if let Some(group) = self.groups.iter_mut().rev().find(|group| group.lookbehind) {
            group.variable = true;
        }
    }

    /// A lazy `?` or possessive `+` after a quantifier.
    fn quantifier_suffix(&mut self) {
        if let Some(c @ ('?' | '+')) = self.peek(0) {
            self.out.push(c);
            self.idx += 1;
        }
        self.can_repeat = false;
    }

    /// `{n}`, `{n,}` or `{n,m}` after the `{` at `start`; `None` when the
    /// text is no quantifier (PCRE reads it literally).
    fn counted_repeat(&mut self, start: usize) -> Result<Option<String>, PatternError> {
        let mut idx = self.idx;
        let digits = |idx: &mut usize| {
            let from = *idx;
            while self.chars.get(*idx).is_some_and(|c| c.is_ascii_digit()) {
                *idx += 1;
            }
            (from < *idx).then(|| self.chars[from..*idx].iter().collect::<String>())
        };
        let Some(low) = digits(&mut idx) else {
            return Ok(None);
        };
        let mut high = Some(low.clone());
        if self.chars.get(idx) == Some(&',') {
            idx += 1;
            high = digits(&mut idx);
        }
        if self.chars.get(idx) != Some(&'}') {
            return Ok(None);
        }
        let parse = |text: &str| text.parse::<u32>().ok().filter(|n| *n <= 65535);
        let too_big = || self.error("number too big in {} quantifier", idx);
        let low_value = parse(&low).ok_or_else(too_big)?;
        let text = match high {
            Some(high) => {
                let high_value = parse(&high).ok_or_else(too_big)?;
                if high_value < low_value {
                    return Err(self.error("numbers out of order in {} quantifier", idx));
                }
                if self.chars[start..idx].contains(&',') {
                    format!("{{{low_value},{high_value}}}")
                } else {
                    format!("{{{low_value}}}")
                }
            }
            None => format!("{{{low_value},}}"),
        };
        self.idx = idx + 1;
        Ok(Some(text))
    }

    fn literal(&mut self, c: char) {
        if c.is_alphanumeric() || c == '_' || c == ' ' || (!c.is_ascii() && !c.is_control()) {
            self.out.push(c);
        } else {
            let _ = write!(self.out, "\\x{{{:X}}}", c as u32);
        }
    }

    fn open_group(&mut self, start: usize) -> Result<(), PatternError> {
        self.can_repeat = false;
        let saved = Group {
            extended: self.extended,
            multiline: self.multiline,
            branch_reset: None,
            lookbehind: false,
            variable: false,
        };
        if self.peek(0) == Some('*') {
            let end = self.chars[self.idx..]
                .iter()
                .position(|c| *c == ')')
                .ok_or_else(|| self.error("missing )", self.chars.len()))?;
            let verb: String = self.chars[self.idx + 1..self.idx + end].iter().collect();
            if verb == "FAIL" || verb == "F" {
                self.out.push_str("(*FAIL)");
                self.idx += end + 1;
                return Ok(());
            }
            return Err(self.error("(*VERB) not supported", start + 1));
        }
        if self.peek(0) != Some('?') {
            self.groups.push(saved);
            if self.syntax.no_auto_capture {
                self.out.push_str("(?:");
            } else {
                self.n_captures += 1;
                self.out.push('(');
            }
            return Ok(());
        }
        self.idx += 1;
        let Some(kind) = self.peek(0) else {
            return Err(self.error("unrecognized character after (? or (?-", self.idx));
        };
        match kind {
            '#' => {
                let end = self.chars[self.idx..]
                    .iter()
                    .position(|c| *c == ')')
                    .ok_or_else(|| self.error("missing ) after comment", self.chars.len()))?;
                self.idx += end + 1;
                self.can_repeat = true;
                return Ok(());
            }
            ':' | '=' | '!' | '>' => {
                self.idx += 1;
                self.out.push_str("(?");
                self.out.push(kind);
            }
            '|' => {
                self.idx += 1;
                self.out.push_str("(?:");
                self.groups.push(Group {
                    branch_reset: Some(self.n_captures),
                    ..saved
                });
                return Ok(());
            }
            '<' if matches!(self.peek(1), Some('=' | '!')) => {
                self.out.push_str("(?<");
                self.out.push(self.peek(1).unwrap_or('='));
                self.idx += 2;
                self.groups.push(Group {
                    lookbehind: true,
                    ..saved
                });
                return Ok(());
            }
            '<' | '\'' | 'P' => {
                if kind == 'P' && self.peek(1) == Some('=') {
                    self.idx += 2;
                    let name = self.name_until(')')?;
                    let _ = write!(self.out, "(?:\\k<{name}>)");
                    self.can_repeat = true;
                    return Ok(());
                }
                if kind == 'P' && self.peek(1) == Some('>') {
                    self.idx += 2;
                    let name = self.name_until(')')?;
                    let _ = write!(self.out, "(?:\\g<{name}>)");
                    self.can_repeat = true;
                    return Ok(());
                }
                self.idx += if kind == 'P' { 2 } else { 1 };
                let close = if kind == '\'' { '\'' } else { '>' };
                let name = self.name_until(close)?;
                self.n_captures += 1;
                self.names.push((name.clone(), self.n_captures));
                let _ = write!(self.out, "(?<{name}>");
            }
            '&' => {
                self.idx += 1;
                let name = self.name_until(')')?;
                let _ = write!(self.out, "(?:\\g<{name}>)");
                self.can_repeat = true;
                return Ok(());
            }
            'R' | '0'..='9' | '+' | '-'
                if kind != '-' || self.peek(1).is_some_and(|c| c.is_ascii_digit()) =>
            {
                let number = self.group_call_number(start)?;
                let _ = write!(self.out, "(?:\\g<{number}>)");
                self.can_repeat = true;
                return Ok(());
            }
            '(' => {
                // A condition: copied as fancy-regex reads it.
                self.out.push_str("(?");
            }
            _ => return self.flag_group(start, saved),
        }
        self.groups.push(saved);
        Ok(())
    }

    /// `(?R)`, `(?N)`, `(?+N)`, `(?-N)`: the absolute group number called.
    fn group_call_number(&mut self, start: usize) -> Result<usize, PatternError> {
        let sign = self.peek(0);
        if matches!(sign, Some('R' | '+' | '-')) {
            self.idx += 1;
        }
        let from = self.idx;
        while self.peek(0).is_some_and(|c| c.is_ascii_digit()) {
            self.idx += 1;
        }
        if self.peek(0) != Some(')') {
            return Err(self.error("(?R or (?[+-]digits must be followed by )", self.idx));
        }
        let digits: String = self.chars[from..self.idx].iter().collect();
        self.idx += 1;
        let value: usize = if sign == Some('R') {
            0
        } else {
            digits.parse().unwrap_or(0)
        };
        match sign {
            Some('+') => Ok(self.n_captures + value),
            Some('-') if value == 0 || self.n_captures + 1 < value => {
                Err(self.error("reference to non-existent subpattern", start))
            }
            Some('-') => Ok(self.n_captures + 1 - value),
            _ => Ok(value),
        }
    }

    /// `(?imsxJXU-imsx)` or `(?imsx-imsx:`.
    fn flag_group(&mut self, start: usize, saved: Group) -> Result<(), PatternError> {
        let mut on = true;
        let mut kept = String::new();
        let (mut extended, mut multiline) = (self.extended, self.multiline);
        loop {
            let Some(c) = self.peek(0) else {
                return Err(self.error("missing )", self.chars.len()));
            };
            self.idx += 1;
            match c {
                '-' if on => {
                    on = false;
                    kept.push('-');
                }
                'x' => extended = on,
                'm' => {
                    multiline = on;
                    kept.push('m');
                }
                'i' | 's' | 'U' => kept.push(c),
                'J' | 'X' => {}
                ')' | ':' => {
                    let kept = kept.trim_end_matches('-');
                    if c == ')' {
                        self.extended = extended;
                        self.multiline = multiline;
                        if !kept.is_empty() {
                            let _ = write!(self.out, "(?{kept})");
                        }
                        return Ok(());
                    }
                    self.groups.push(saved);
                    self.extended = extended;
                    self.multiline = multiline;
                    let _ = write!(self.out, "(?{kept}:");
                    return Ok(());
                }
                _ => {
                    let _ = start;
                    return Err(self.error("unrecognized character after (? or (?-", self.idx - 1));
                }
            }
        }
    }

    /// A group name up to `close`, which is consumed.
    fn name_until(&mut self, close: char) -> Result<String, PatternError> {
        let from = self.idx;
        while self
            .peek(0)
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            self.idx += 1;
        }
        if self.peek(0) != Some(close) || from == self.idx {
            return Err(self.error(
                "syntax error in subpattern name (missing terminator)",
                self.idx,
            ));
        }
        if self.chars[from].is_ascii_digit() {
            return Err(self.error("group name must start with a non-digit", from));
        }
        let name: String = self.chars[from..self.idx].iter().collect();
        self.idx += 1;
        Ok(name)
    }

    /// The escape after the `\` at `start`, outside a class.
    fn escape(&mut self, start: usize) -> Result<(), PatternError> {
        let Some(c) = self.peek(0) else {
            return Err(self.error("\\ at end of pattern", self.chars.len()));
        };
        self.idx += 1;
        match c {
            'd' | 'D' | 'w' | 'W' | 's' | 'S' | 'h' | 'H' | 'v' | 'V' => {
                let class = self.class_escape(c);
                self.out.push_str(&class);
            }
            'b' | 'B' if self.ucp => {
                self.out.push('\\');
                self.out.push(c);
            }
            'b' | 'B' => {
                // Latin-1 word characters on either side, as lookaround.
                let w = WORD_LATIN1;
                let _ = if c == 'b' {
                    write!(self.out, "(?:(?<=[{w}])(?![{w}])|(?<![{w}])(?=[{w}]))")
                } else {
                    write!(self.out, "(?:(?<=[{w}])(?=[{w}])|(?<![{w}])(?![{w}]))")
                };
                self.can_repeat = false;
            }
            'A' | 'z' | 'G' | 'K' | 'R' => {
                self.out.push('\\');
                self.out.push(c);
                self.can_repeat = c == 'R';
            }
            'Z' => {
                self.out.push_str("(?=\\n?\\z)");
                self.can_repeat = false;
            }
            'N' => self.out.push_str("[^\\n]"),
            'E' => self.can_repeat = false,
            'Q' => {
                while let Some(c) = self.peek(0) {
                    if self.starts_with("\\E") {
                        self.idx += 2;
                        return Ok(());
                    }
                    self.idx += 1;
                    self.literal(c);
                }
            }
            'g' => self.g_reference(start)?,
            'k' => {
                let close = match self.peek(0) {
                    Some('<') => '>',
                    Some('\'') => '\'',
                    Some('{') => '}',
                    _ => {
                        return Err(self.error(
                            "\\k is not followed by a braced, angle-bracketed, or quoted name",
                            self.idx,
                        ))
                    }
                };
                self.idx += 1;
                let name = self.name_until(close)?;
                let _ = write!(self.out, "(?:\\k<{name}>)");
            }
            '1'..='9' => {
                let from = self.idx - 1;
                while self.peek(0).is_some_and(|c| c.is_ascii_digit()) {
                    self.idx += 1;
                }
                let digits: String = self.chars[from..self.idx].iter().collect();
                let number: usize = digits.parse().unwrap_or(usize::MAX);
                if number < 8 || number <= self.n_captures {
                    if self.max_backref.is_none_or(|(max, _)| max < number) {
                        self.max_backref = Some((number, self.idx));
                    }
                    let _ = write!(self.out, "(?:\\{number})");
                } else {
                    self.idx = from;
                    let value = self.octal_or_digit()?;
                    self.push_code(value, start)?;
                }
            }
            'p' | 'P' => self.property(c),
            'C' | 'X' => {
                return Err(self.error(&format!("\\{c} is not supported"), self.idx));
            }
            _ => {
                let value = self.character_escape(c, start)?;
                self.push_code(value, start)?;
            }
        }
        Ok(())
    }

    /// `\g{N}`, `\gN`, `\g{-N}`, `\g{name}` (references) and `\g<...>`,
    /// `\g'...'` (subroutine calls).
    fn g_reference(&mut self, start: usize) -> Result<(), PatternError> {
        let (close, call) = match self.peek(0) {
            Some('{') => ('}', false),
            Some('<') => ('>', true),
            Some('\'') => ('\'', true),
            _ => ('\0', false),
        };
        if close != '\0' {
            self.idx += 1;
        }
        let negative = self.peek(0) == Some('-');
        let positive = self.peek(0) == Some('+');
        if negative || positive {
            self.idx += 1;
        }
        let from = self.idx;
        while self
            .peek(0)
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            self.idx += 1;
            if close == '\0' && !self.peek(0).is_some_and(|c| c.is_ascii_digit()) {
                break;
            }
        }
        let text: String = self.chars[from..self.idx].iter().collect();
        if close != '\0' {
            if self.peek(0) != Some(close) {
                return Err(self.error("a numbered reference must not be zero", self.idx));
            }
            self.idx += 1;
        }
        let target = match text.parse::<usize>() {
            Ok(n) if negative => {
                if n == 0 || self.n_captures < n {
                    return Err(self.error("reference to non-existent subpattern", start));
                }
                (self.n_captures + 1 - n).to_string()
            }
            Ok(n) if positive => (self.n_captures + n).to_string(),
            Ok(0) if !call => {
                return Err(self.error("a numbered reference must not be zero", start))
            }
            Ok(n) => n.to_string(),
            Err(_) if text.is_empty() => {
                return Err(self.error("a numbered reference must not be zero", start));
            }
            Err(_) => text,
        };
        if call {
            let _ = write!(self.out, "(?:\\g<{target}>)");
        } else if target.as_bytes()[0].is_ascii_digit() {
            let _ = write!(self.out, "(?:\\{target})");
        } else {
            let _ = write!(self.out, "(?:\\k<{target}>)");
        }
        Ok(())
    }

    /// Up to three octal digits (PCRE reads `\8` and `\9` as the digits).
    fn octal_or_digit(&mut self) -> Result<u32, PatternError> {
        let mut value = 0;
        let mut n_digits = 0;
        while n_digits < 3 {
            match self.peek(0) {
                Some(c @ '0'..='7') => {
                    value = value * 8 + c as u32 - '0' as u32;
                    self.idx += 1;
                    n_digits += 1;
                }
                _ => break,
            }
        }
        if n_digits == 0 {
            let c = self.peek(0).unwrap_or('0');
            self.idx += 1;
            return Ok(c as u32);
        }
        Ok(value)
    }

    /// The code of a character escape (the letter `c` already read).
    fn character_escape(&mut self, c: char, start: usize) -> Result<u32, PatternError> {
        Ok(match c {
            'a' => 7,
            'e' => 0x1B,
            'f' => 0x0C,
            'n' => 0x0A,
            'r' => 0x0D,
            't' => 0x09,
            '0' => {
                let mut value = 0;
                for _ in 0..2 {
                    match self.peek(0) {
                        Some(c @ '0'..='7') => {
                            value = value * 8 + c as u32 - '0' as u32;
                            self.idx += 1;
                        }
                        _ => break,
                    }
                }
                value
            }
            'o' if self.peek(0) == Some('{') => {
                self.idx += 1;
                self.braced_number(8, start)?
            }
            'x' if self.peek(0) == Some('{') => {
                self.idx += 1;
                self.braced_number(16, start)?
            }
            'x' => {
                let mut value = 0;
                for _ in 0..2 {
                    match self.peek(0).and_then(|c| c.to_digit(16)) {
                        Some(digit) => {
                            value = value * 16 + digit;
                            self.idx += 1;
                        }
                        None => break,
                    }
                }
                value
            }
            'c' => match self.peek(0) {
                Some(c) if c.is_ascii() => {
                    self.idx += 1;
                    c.to_ascii_uppercase() as u32 ^ 0x40
                }
                _ => return Err(self.error("\\c at end of pattern", self.idx)),
            },
            c => c as u32,
        })
    }

    fn braced_number(&mut self, radix: u32, start: usize) -> Result<u32, PatternError> {
        let mut value: u32 = 0;
        while let Some(digit) = self.peek(0).and_then(|c| c.to_digit(radix)) {
            self.idx += 1;
            value = value.saturating_mul(radix).saturating_add(digit);
        }
        if self.peek(0) != Some('}') {
            return Err(self.error("missing terminating } in \\x{}", self.idx));
        }
        self.idx += 1;
        let _ = start;
        Ok(value)
    }

    /// A character given by code.
    fn push_code(&mut self, value: u32, start: usize) -> Result<(), PatternError> {
        let limit = if self.syntax.latin1 && !self.utf {
            0xFF
        } else {
            0x10FFFF
        };
        match char::from_u32(value).filter(|_| value <= limit) {
            Some(c) => {
                self.literal(c);
                Ok(())
            }
            None => Err(self.error(
                "character value in \\x{} or \\o{} is too large",
                self.idx.max(start + 1),
            )),
        }
    }

    /// The class for `\d`, `\w`, ... as a bracketed class.
    fn class_escape(&self, c: char) -> String {
        let (set, unicode) = match c.to_ascii_lowercase() {
            'd' => ("0-9", "\\d"),
            'w' => (WORD_LATIN1, "\\w"),
            's' => (SPACE_LATIN1, "\\s"),
            'h' => (HSPACE, ""),
            _ => (VSPACE, ""),
        };
        let negated = c.is_ascii_uppercase();
        if self.ucp && !unicode.is_empty() {
            let mut text = unicode.to_string();
            if negated {
                text = text.to_uppercase();
            }
            return text;
        }
        format!("[{}{set}]", if negated { "^" } else { "" })
    }

    /// A class, after the `[` at `start`.
    fn class(&mut self, start: usize) -> Result<(), PatternError> {
        let missing = |this: &Self| {
            this.error(
                "missing terminating ] for character class",
                this.chars.len(),
            )
        };
        self.out.push('[');
        if self.peek(0) == Some('^') {
            self.idx += 1;
            self.out.push('^');
        }
        let mut first = true;
        // The last single character, and the low end of a range after `-`.
        let mut last: Option<u32> = None;
        let mut range_low: Option<u32> = None;
        loop {
            let Some(c) = self.peek(0) else {
                return Err(missing(self));
            };
            let single = match c {
                '\\' => None,
                ']' if !first => None,
                '-' => None,
                '[' => None,
                c => Some(c as u32),
            };
            let mut ends_range = false;
            if let (Some(low), Some(high)) = (range_low.take(), single) {
                if high < low {
                    return Err(self.error("range out of order in character class", self.idx));
                }
                ends_range = true;
            }
            self.idx += 1;
            match c {
                ']' if !first => break,
                '[' if matches!(self.peek(0), Some(':' | '.' | '=')) => {
                    let kind = self.peek(0).unwrap_or(':');
                    let rest = &self.chars[self.idx + 1..];
                    let end = rest.windows(2).position(|w| w[0] == kind && w[1] == ']');
                    match end {
                        Some(end) if kind == ':' => {
                            let name: String = rest[..end].iter().collect();
                            let (negated, bare) = match name.strip_prefix('^') {
                                Some(bare) => (true, bare.to_string()),
                                None => (false, name.clone()),
                            };
                            let class = self.posix_class(&bare, negated).ok_or_else(|| {
                                self.error("unknown POSIX class name", self.idx - 1)
                            })?;
                            self.out.push_str(&class);
                            self.idx += end + 3;
                        }
                        Some(_) => {
                            return Err(self
                                .error("POSIX collating elements are not supported", self.idx - 1))
                        }
                        None => self.literal('['),
                    }
                }
                '\\' => {
                    let Some(e) = self.peek(0) else {
                        return Err(missing(self));
                    };
                    self.idx += 1;
                    match e {
                        'd' | 'D' | 'w' | 'W' | 's' | 'S' | 'h' | 'H' | 'v' | 'V' => {
                            let class = self.class_escape(e);
                            self.out.push_str(&class);
                        }
                        'p' | 'P' => self.property(e),
                        'b' => self.literal('\u{8}'),
                        'Q' => {
                            while self.peek(0).is_some() && !self.starts_with("\\E") {
                                let c = self.chars[self.idx];
                                self.idx += 1;
                                self.literal(c);
                            }
                            if self.starts_with("\\E") {
                                self.idx += 2;
                            }
                        }
                        'E' => {}
                        '1'..='7' => {
                            self.idx -= 1;
                            let value = self.octal_or_digit()?;
                            self.push_code(value, start)?;
                        }
                        _ => {
                            let value = self.character_escape(e, start)?;
                            self.push_code(value, start)?;
                        }
                    }
                }
                '-' => {
                    range_low = last.take();
                    self.out.push('-');
                }
                c => self.literal(c),
            }
            first = false;
            last = if ends_range { None } else { single };
        }
        self.out.push(']');
        Ok(())
    }

    /// A POSIX class name as a class, Latin-1 unless `ucp`.
    fn posix_class(&self, name: &str, negated: bool) -> Option<String> {
        let set = match name {
            "alpha" => "A-Za-z\\x{AA}\\x{B5}\\x{BA}\\x{C0}-\\x{D6}\\x{D8}-\\x{F6}\\x{F8}-\\x{FF}",
            "alnum" => {
                "0-9A-Za-z\\x{AA}\\x{B5}\\x{BA}\\x{C0}-\\x{D6}\\x{D8}-\\x{F6}\\x{F8}-\\x{FF}"
            }
            "word" => WORD_LATIN1,
            "digit" => "0-9",
            "xdigit" => "0-9A-Fa-f",
            "space" => SPACE_LATIN1,
            "blank" => "\\x{09}\\x{20}",
            "lower" => "a-z\\x{B5}\\x{DF}-\\x{F6}\\x{F8}-\\x{FF}",
            "upper" => "A-Z\\x{C0}-\\x{D6}\\x{D8}-\\x{DE}",
            "cntrl" => "\\x{00}-\\x{1F}\\x{7F}",
            "ascii" => "\\x{00}-\\x{7F}",
            "print" => "\\x{20}-\\x{7E}\\x{A0}-\\x{FF}",
            "graph" => "\\x{21}-\\x{7E}\\x{A1}-\\x{FF}",
            "punct" => "\\x{21}-\\x{2F}\\x{3A}-\\x{40}\\x{5B}-\\x{60}\\x{7B}-\\x{7E}",
            _ => return None,
        };
        Some(format!("[{}{set}]", if negated { "^" } else { "" }))
    }
}

/// White space that `extended` skips.
fn is_pcre_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\x0B' | '\x0C' | '\r')
}
