//! Regular expressions for module `re`, over `fancy-regex`.
//!
//! A pattern is translated from PCRE syntax ([`translate`]) and compiled
//! once per distinct (pattern, options) pair: compiled patterns are kept in
//! a process-wide cache, so the `re_pattern` tuple a program holds needs to
//! carry only the pattern's text and options (see `bif/re.rs`).
//!
//! Matching always runs on UTF-8 text. A `unicode` subject is that text
//! already; a Latin-1 subject (no `unicode`) is widened, each byte one
//! character, and match offsets are mapped back to byte offsets through
//! [`Subject`], so `.` matches one byte and classes see Latin-1
//! characters as OTP's PCRE tables do. Subjects without bytes above 127
//! need no mapping.

mod translate;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use fancy_regex::{RegexBuilder, RegexInput};

pub use translate::PatternError;

/// Compile options, as bits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Options(pub u32);

impl Options {
    pub const UNICODE: u32 = 1;
    pub const ANCHORED: u32 = 1 << 1;
    pub const CASELESS: u32 = 1 << 2;
    pub const DOLLAR_ENDONLY: u32 = 1 << 3;
    pub const DOTALL: u32 = 1 << 4;
    pub const EXTENDED: u32 = 1 << 5;
    pub const FIRSTLINE: u32 = 1 << 6;
    pub const MULTILINE: u32 = 1 << 7;
    pub const NO_AUTO_CAPTURE: u32 = 1 << 8;
    pub const DUPNAMES: u32 = 1 << 9;
    pub const UNGREEDY: u32 = 1 << 10;
    pub const UCP: u32 = 1 << 11;
    pub const NEVER_UTF: u32 = 1 << 12;
    pub const NEWLINE_CRLF: u32 = 1 << 13;
    /// Not compile options: the variants a run needs.
    const NOT_EMPTY: u32 = 1 << 30;
    const OVERRIDES: u32 = 1 << 31;

    pub fn has(self, bit: u32) -> bool {
        self.0 & bit != 0
    }
}

/// A compiled pattern.
pub struct Compiled {
    regex: fancy_regex::Regex,
    pub n_captures: usize,
    /// Named groups and their numbers, sorted by name.
    pub names: Vec<(String, usize)>,
    /// Whether subjects are UTF-8 (`unicode`, or `(*UTF8)` in the pattern).
    pub unicode: bool,
    pub options: Options,
}

/// What a run asks besides the pattern.
#[derive(Clone, Copy, Debug, Default)]
pub struct RunFlags {
    pub anchored: bool,
    pub notbol: bool,
    pub noteol: bool,
    pub notempty: bool,
    pub notempty_atstart: bool,
}

/// A match: each group's `(start, end)` in the subject's text, group 0
/// first; `None` for a group that did not take part.
pub type Groups = Vec<Option<(usize, usize)>>;

/// A run failed for a reason PCRE would report as `match_limit`.
#[derive(Debug)]
pub struct MatchLimit;

/// How many compiled patterns the cache keeps before starting over.
const CACHE_LIMIT: usize = 512;

type Cache = HashMap<(Vec<u8>, u32), Arc<Compiled>>;

static CACHE: Mutex<Option<Cache>> = Mutex::new(None);

/// Compiles `pattern` (UTF-8 with `unicode`, else Latin-1 bytes).
pub fn compile(pattern: &[u8], options: Options) -> Result<Arc<Compiled>, PatternError> {
    let key = (pattern.to_vec(), options.0);
    {
        let cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(compiled) = cache.as_ref().and_then(|cache| cache.get(&key)) {
            return Ok(compiled.clone());
        }
    }
    let compiled = Arc::new(compile_uncached(pattern, options)?);
    let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    let cache = cache.get_or_insert_with(HashMap::new);
    if CACHE_LIMIT <= cache.len() {
        cache.clear();
    }
    cache.insert(key, compiled.clone());
    Ok(compiled)
}

fn compile_uncached(pattern: &[u8], options: Options) -> Result<Compiled, PatternError> {
    let mut unicode = options.has(Options::UNICODE);
    let (chars, offsets) = match unicode {
        true => {
            let text = std::str::from_utf8(pattern).map_err(|e| PatternError {
                message: "invalid UTF-8 string".to_string(),
                position: e.valid_up_to(),
            })?;
            let mut offsets: Vec<usize> = text.char_indices().map(|(idx, _)| idx).collect();
            offsets.push(text.len());
            (text.chars().collect::<Vec<char>>(), offsets)
        }
        false => (
            pattern.iter().map(|byte| char::from(*byte)).collect(),
            (0..=pattern.len()).collect(),
        ),
    };
    let syntax = translate::Syntax {
        extended: options.has(Options::EXTENDED),
        multiline: options.has(Options::MULTILINE),
        dollar_endonly: options.has(Options::DOLLAR_ENDONLY),
        no_auto_capture: options.has(Options::NO_AUTO_CAPTURE),
        ucp: options.has(Options::UCP),
        latin1: !unicode,
    };
    let translated = translate::translate(&chars, &offsets, syntax)?;
    if translated.utf {
        if options.has(Options::NEVER_UTF) {
            return Err(PatternError {
                message: "(*UTF) not allowed because PCRE_NEVER_UTF is set".to_string(),
                position: 0,
            });
        }
        unicode = true;
    }
    let mut builder = RegexBuilder::new(&translated.source);
    builder
        .case_insensitive(options.has(Options::CASELESS))
        .multi_line(options.has(Options::MULTILINE))
        .dot_matches_new_line(options.has(Options::DOTALL))
        .find_not_empty(options.has(Options::NOT_EMPTY))
        .allow_input_assertion_overrides(options.has(Options::OVERRIDES));
    if options.has(Options::UNGREEDY) {
        builder.pattern(format!("(?U){}", translated.source));
    }
    let regex = builder.build().map_err(|error| PatternError {
        message: pcre_message(&error),
        position: 0,
    })?;
    if regex.captures_len() != translated.n_captures + 1 {
        return Err(PatternError {
            message: "internal error: capture groups miscounted".to_string(),
            position: 0,
        });
    }
    let mut names = translated.names;
    names.sort();
    if !options.has(Options::DUPNAMES) {
        if let Some(pair) = names.windows(2).find(|pair| pair[0].0 == pair[1].0) {
            let _ = pair;
            return Err(PatternError {
                message: "two named subpatterns have the same name".to_string(),
                position: 0,
            });
        }
    }
    Ok(Compiled {
        regex,
        n_captures: translated.n_captures,
        names,
        unicode,
        options,
    })
}

/// The text of a fancy-regex error, for `{error, {Text, Position}}`.
fn pcre_message(error: &fancy_regex::Error) -> String {
    let text = error.to_string();
    match text.lines().next() {
        Some(first) => first.to_string(),
        None => "unsupported pattern".to_string(),
    }
}

/// A subject as the text the regex runs on.
pub struct Subject {
    text: String,
    /// For a widened Latin-1 subject: the byte offset of each text offset
    /// (entries inside a character unused). Empty when the text is the
    /// subject's bytes.
    original: Vec<usize>,
    /// For a widened subject: the text offset of each byte offset.
    widened: Vec<usize>,
    /// For a widened subject: its bytes.
    latin1: Vec<u8>,
}

impl Subject {
    /// A UTF-8 subject; `None` if the bytes are not UTF-8.
    pub fn utf8(bytes: Vec<u8>) -> Option<Subject> {
        let text = String::from_utf8(bytes).ok()?;
        Some(Subject {
            text,
            original: Vec::new(),
            widened: Vec::new(),
            latin1: Vec::new(),
        })
    }

    /// A Latin-1 subject.
    pub fn latin1(bytes: Vec<u8>) -> Subject {
        if bytes.is_ascii() {
            return Subject::utf8(bytes).unwrap_or_else(|| unreachable!());
        }
        let mut text = String::with_capacity(bytes.len() * 2);
        let mut original = Vec::with_capacity(bytes.len() * 2 + 1);
        let mut widened = Vec::with_capacity(bytes.len() + 1);
        for (idx, byte) in bytes.iter().enumerate() {
            widened.push(text.len());
            let c = char::from(*byte);
            for _ in 0..c.len_utf8() {
                original.push(idx);
            }
            text.push(c);
        }
        widened.push(text.len());
        original.push(bytes.len());
        Subject {
            text,
            original,
            widened,
            latin1: bytes,
        }
    }

    /// The subject's length in bytes.
    pub fn len(&self) -> usize {
        match self.widened.is_empty() {
            true => self.text.len(),
            false => self.widened.len() - 1,
        }
    }

    /// The subject's bytes from `start` to `end`.
    pub fn bytes(&self, start: usize, end: usize) -> &[u8] {
        match self.widened.is_empty() {
            true => &self.text.as_bytes()[start..end],
            false => &self.latin1[start..end],
        }
    }

    /// The byte offset of a text offset.
    pub fn byte_offset(&self, text_offset: usize) -> usize {
        match self.original.is_empty() {
            true => text_offset,
            false => self.original[text_offset],
        }
    }

    /// The text offset of a byte offset (at most the length).
    fn text_offset(&self, byte_offset: usize) -> usize {
        match self.widened.is_empty() {
            true => byte_offset,
            false => self.widened[byte_offset],
        }
    }

    /// The text offset after the character at `text_offset`.
    fn next_char(&self, text_offset: usize) -> usize {
        let rest = &self.text[text_offset..];
        text_offset + rest.chars().next().map_or(1, char::len_utf8)
    }

    /// Whether `byte_offset` starts a character (UTF-8) or is any byte.
    pub fn is_boundary(&self, byte_offset: usize) -> bool {
        match self.widened.is_empty() {
            true => self.text.is_char_boundary(byte_offset),
            false => byte_offset < self.widened.len(),
        }
    }
}

/// The variant of `compiled` for a run with `flags`.
fn variant(compiled: &Compiled, notempty: bool, overrides: bool) -> Option<Arc<Compiled>> {
    let mut bits = compiled.options.0;
    if notempty {
        bits |= Options::NOT_EMPTY;
    }
    if overrides {
        bits |= Options::OVERRIDES;
    }
    let pattern = compiled.regex.as_str();
    // The variant's key is the translated pattern under its own bit set,
    // distinct from any user pattern's key because of the extra bits.
    let key = (pattern.as_bytes().to_vec(), bits | (1 << 29));
    {
        let cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(found) = cache.as_ref().and_then(|cache| cache.get(&key)) {
            return Some(found.clone());
        }
    }
    let options = Options(bits);
    let regex = RegexBuilder::new(pattern)
        .case_insensitive(options.has(Options::CASELESS))
        .multi_line(options.has(Options::MULTILINE))
        .dot_matches_new_line(options.has(Options::DOTALL))
        .find_not_empty(notempty)
        .allow_input_assertion_overrides(overrides)
        .build()
        .ok()?;
    let built = Arc::new(Compiled {
        regex,
        n_captures: compiled.n_captures,
        names: compiled.names.clone(),
        unicode: compiled.unicode,
        options,
    });
    let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    let cache = cache.get_or_insert_with(HashMap::new);
    if CACHE_LIMIT <= cache.len() {
        cache.clear();
    }
    cache.insert(key, built.clone());
    Some(built)
}

/// The first match at or after byte offset `start`, with group offsets in
/// bytes of the subject.
pub fn find(
    compiled: &Compiled,
    subject: &Subject,
    start: usize,
    flags: RunFlags,
) -> Result<Option<Groups>, MatchLimit> {
    let text_start = subject.text_offset(start);
    let anchored = flags.anchored || compiled.options.has(Options::ANCHORED);
    let found = if flags.notempty {
        find_text(compiled, subject, text_start, anchored, flags, true)?
    } else if flags.notempty_atstart {
        match find_text(compiled, subject, text_start, anchored, flags, false)? {
            Some(groups) if groups[0] == Some((text_start, text_start)) => {
                match find_text(compiled, subject, text_start, true, flags, true)? {
                    Some(groups) => Some(groups),
                    None if anchored || subject.text.len() <= text_start => None,
                    None => {
                        let next = subject.next_char(text_start);
                        find_text(compiled, subject, next, false, flags, false)?
                    }
                }
            }
            other => other,
        }
    } else {
        find_text(compiled, subject, text_start, anchored, flags, false)?
    };
    let Some(mut groups) = found else {
        return Ok(None);
    };
    if compiled.options.has(Options::FIRSTLINE) {
        let first_line_end = subject.text.find('\n').unwrap_or(subject.text.len());
        if groups[0].is_some_and(|(begin, _)| first_line_end < begin) {
            return Ok(None);
        }
    }
    for group in groups.iter_mut().flatten() {
        *group = (subject.byte_offset(group.0), subject.byte_offset(group.1));
    }
    Ok(Some(groups))
}

/// One search in text offsets.
fn find_text(
    compiled: &Compiled,
    subject: &Subject,
    text_start: usize,
    anchored: bool,
    flags: RunFlags,
    notempty: bool,
) -> Result<Option<Groups>, MatchLimit> {
    if subject.text.len() < text_start {
        return Ok(None);
    }
    let overrides = flags.notbol || flags.noteol;
    let owned;
    let compiled = if notempty || overrides {
        match variant(compiled, notempty, overrides) {
            Some(variant) => {
                owned = variant;
                &*owned
            }
            // The pattern only ever matches the empty string.
            None => return Ok(None),
        }
    } else {
        compiled
    };
    let input = RegexInput::new(subject.text.as_str())
        .from_pos(text_start)
        .anchored(anchored)
        .start_text(!flags.notbol)
        .end_text(!flags.noteol);
    let captures = match compiled.regex.captures_input(input) {
        Ok(captures) => captures,
        Err(_) => return Err(MatchLimit),
    };
    let Some(captures) = captures else {
        return Ok(None);
    };
    let groups = (0..=compiled.n_captures)
        .map(|idx| captures.get(idx).map(|m| (m.start(), m.end())))
        .collect();
    Ok(Some(groups))
}

/// Every match as `global` finds them: after an empty match, a non-empty
/// one at the same place, else the search goes on a character later.
pub fn find_all(
    compiled: &Compiled,
    subject: &Subject,
    start: usize,
    flags: RunFlags,
) -> Result<Vec<Groups>, MatchLimit> {
    let mut all = Vec::new();
    let mut start = start;
    while let Some(groups) = find(compiled, subject, start, flags)? {
        let (begin, end) = groups[0].unwrap_or((start, start));
        all.push(groups);
        if begin < end {
            start = end;
            continue;
        }
        let retry = RunFlags {
            anchored: true,
            notempty_atstart: true,
            ..flags
        };
        match find(compiled, subject, end, retry)? {
            Some(groups) => {
                start = groups[0].map_or(end, |(_, end)| end);
                all.push(groups);
            }
            None => {
                if subject.len() <= end {
                    break;
                }
                let text_end = subject.text_offset(end);
                start = subject.byte_offset(subject.next_char(text_end));
            }
        }
    }
    Ok(all)
}

/// `re:version/0`: the PCRE version OTP 25 reports.
pub const VERSION: &str = "8.44 2020-02-12";
