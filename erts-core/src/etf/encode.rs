//! `term_to_binary/1,2`: a term as the bytes OTP 25 writes for it.
//!
//! OTP 25's choices, kept here: Latin-1 atoms as `ATOM_EXT` (UTF-8 forms
//! only for other atoms, or for all under `{minor_version, 2}`); floats as
//! `NEW_FLOAT_EXT` (`FLOAT_EXT` text under `{minor_version, 0}`); integers
//! in the smallest of `SMALL_INTEGER_EXT`, `INTEGER_EXT`, `SMALL_BIG_EXT`,
//! `LARGE_BIG_EXT`; proper lists of bytes of up to 65535 elements
//! as `STRING_EXT`; pids, ports and references in their newest forms.
//! Compression keeps the compressed form only when it is smaller, as BEAM
//! does; the deflate stream is miniz_oxide's, which can differ from zlib's
//! bytes at the same level (the content after inflating is the same).

use std::io::Write;

use super::tags::*;
use crate::atom::Atom;
use crate::budget::{Budget, TermMeter, Unlimited, BYTES_PER_UNIT};
use crate::term::Term;
use crate::view::{view, Identity, UnsupportedTerm, View};

/// `{minor_version, N}`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MinorVersion {
    /// Floats as text (`FLOAT_EXT`).
    V0,
    /// The default: floats as IEEE 754 bits.
    #[default]
    V1,
    /// As `V1`, and every atom as UTF-8.
    V2,
}

/// A zlib compression level, 0 (none) to 9.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Compression {
    level: u8,
}

impl Compression {
    /// The level of the plain `compressed` option.
    pub const DEFAULT: Compression = Compression { level: 6 };

    /// `{compressed, Level}`, or `None` outside 0..=9 (BEAM's `badarg`).
    pub fn level(level: u8) -> Option<Compression> {
        (level <= 9).then_some(Compression { level })
    }

    /// Whether the level compresses at all (level 0 does not).
    pub fn compresses(self) -> bool {
        self.level != 0
    }
}

/// The options of `term_to_binary/2`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EncodeOptions {
    pub minor_version: MinorVersion,
    pub compression: Option<Compression>,
}

/// `term_to_binary(Term, Options)`.
///
/// # Safety
///
/// `term` must be valid and nothing may collect its heap during the call.
pub unsafe fn term_to_binary(
    term: Term,
    options: &EncodeOptions,
) -> Result<Vec<u8>, UnsupportedTerm> {
    // SAFETY: forwarded from the caller.
    unsafe { term_to_binary_spending(term, options, &mut Unlimited) }
}

/// [`term_to_binary`], reporting its progress to `budget`.
///
/// # Safety
///
/// As [`term_to_binary`]; `budget` may suspend the work, but nothing may
/// collect the term's heap meanwhile.
pub unsafe fn term_to_binary_spending<B: Budget + ?Sized>(
    term: Term,
    options: &EncodeOptions,
    budget: &mut B,
) -> Result<Vec<u8>, UnsupportedTerm> {
    let mut encoder = Encoder {
        out: vec![VERSION_MAGIC],
        minor_version: options.minor_version,
        shared: None,
        meter: TermMeter::new(budget),
    };
    // SAFETY: forwarded from the caller.
    unsafe { encoder.encode(term)? };
    let plain = encoder.out;
    match options.compression {
        Some(compression) if compression.level != 0 => {
            Ok(compress(plain, compression, encoder.meter.budget()))
        }
        _ => Ok(plain),
    }
}

/// Binaries larger than this (BEAM's refc binaries) are left out of the
/// bytes of [`term_to_iovec`], to be shared.
const SHARED_BINARY_MIN: usize = 65;

/// The bytes of [`term_to_iovec`] and the binaries left out of them, each
/// with the position its bytes belong at.
pub type IovecEncoding = (Vec<u8>, Vec<(usize, Term)>);

/// `term_to_iovec(Term, Options)` without compression: the bytes of
/// `term_to_binary`, except those of byte-aligned binaries of more than 64
/// bytes, which are to be shared. Each `(position, binary)` says that the
/// bytes of the binary term `binary` belong at `position` of the bytes.
///
/// # Safety
///
/// As [`term_to_binary`].
pub unsafe fn term_to_iovec<B: Budget + ?Sized>(
    term: Term,
    minor_version: MinorVersion,
    budget: &mut B,
) -> Result<IovecEncoding, UnsupportedTerm> {
    let mut encoder = Encoder {
        out: vec![VERSION_MAGIC],
        minor_version,
        shared: Some(Vec::new()),
        meter: TermMeter::new(budget),
    };
    // SAFETY: forwarded from the caller.
    unsafe { encoder.encode(term)? };
    Ok((encoder.out, encoder.shared.unwrap_or_default()))
}

/// Bytes deflated between progress reports.
const DEFLATE_CHUNK: usize = 16 * 1024;

/// Deflating a byte costs this many times copying one.
const DEFLATE_COST: usize = 32;

/// The compressed form if zlib's output fits in the size of the plain
/// encoding minus five bytes (so it is smaller), else the plain one.
fn compress<B: Budget + ?Sized>(
    plain: Vec<u8>,
    compression: Compression,
    budget: &mut B,
) -> Vec<u8> {
    let body = &plain[1..];
    let room = body.len().saturating_sub(5);
    let level = flate2::Compression::new(u32::from(compression.level));
    let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), level);
    let mut written = Ok(());
    for chunk in body.chunks(DEFLATE_CHUNK) {
        written = zlib.write_all(chunk);
        if written.is_err() {
            break;
        }
        budget.spend(chunk.len() * DEFLATE_COST / BYTES_PER_UNIT);
    }
    let deflated = match written.and_then(|()| zlib.finish()) {
        Ok(deflated) => deflated,
        Err(_) => return plain,
    };
    let Ok(body_len) = u32::try_from(body.len()) else {
        return plain;
    };
    if room < deflated.len() {
        return plain;
    }
    let mut out = Vec::with_capacity(6 + deflated.len());
    out.extend_from_slice(&[VERSION_MAGIC, COMPRESSED]);
    out.extend_from_slice(&body_len.to_be_bytes());
    out.extend_from_slice(&deflated);
    out
}

/// Work left to encode.
enum Pending<'a> {
    Term(Term),
    /// Elements of a tuple (non-empty).
    Elements(&'a [Term]),
    /// Keys and values of a map, written key, value, key, value (non-empty).
    Entries(&'a [Term], &'a [Term]),
    /// The rest of a `LIST_EXT` list: more cells, or the final tail.
    ListRest(Term),
}

struct Encoder<'b, B: Budget + ?Sized> {
    out: Vec<u8>,
    minor_version: MinorVersion,
    /// For [`term_to_iovec`]: the binaries left out of `out`, and where.
    shared: Option<Vec<(usize, Term)>>,
    meter: TermMeter<'b, B>,
}

impl<B: Budget + ?Sized> Encoder<'_, B> {
    /// # Safety
    ///
    /// As [`term_to_binary`].
    unsafe fn encode(&mut self, term: Term) -> Result<(), UnsupportedTerm> {
        let mut stack: Vec<Pending<'_>> = vec![Pending::Term(term)];
        while let Some(pending) = stack.pop() {
            self.meter.term();
            let term = match pending {
                Pending::Term(term) => term,
                Pending::Elements(elements) => {
                    if 1 < elements.len() {
                        stack.push(Pending::Elements(&elements[1..]));
                    }
                    elements[0]
                }
                Pending::Entries(keys, values) => {
                    if 1 < keys.len() {
                        stack.push(Pending::Entries(&keys[1..], &values[1..]));
                    }
                    stack.push(Pending::Term(values[0]));
                    keys[0]
                }
                Pending::ListRest(rest) => {
                    // SAFETY: `rest` is a valid list cell or tail (caller's contract).
                    match unsafe { view(rest) } {
                        Some(View::Cons { head, tail }) => {
                            stack.push(Pending::ListRest(tail));
                            head
                        }
                        _ => rest,
                    }
                }
            };
            // SAFETY: `term` is valid and unmoved (caller's contract), and
            // the slices pushed below point into live objects.
            let viewed = unsafe { view(term) }.ok_or(UnsupportedTerm::NotAValue)?;
            match viewed {
                View::Small(value) => self.integer(value),
                View::Big { negative, digits } => self.bignum(negative, digits),
                View::Float(value) => self.float(value),
                View::Atom(atom) => self.atom(atom),
                View::Nil => self.out.push(NIL_EXT),
                View::Tuple(elements) => {
                    match u8::try_from(elements.len()) {
                        Ok(arity) => self.out.extend_from_slice(&[SMALL_TUPLE_EXT, arity]),
                        Err(_) => {
                            self.out.push(LARGE_TUPLE_EXT);
                            self.u32(elements.len());
                        }
                    }
                    if !elements.is_empty() {
                        stack.push(Pending::Elements(elements));
                    }
                }
                View::FlatMap { keys, values } => {
                    self.out.push(MAP_EXT);
                    self.u32(keys.len());
                    if !keys.is_empty() {
                        stack.push(Pending::Entries(keys, values));
                    }
                }
                View::HashMap { .. } => {
                    // SAFETY: as above.
                    let pairs = unsafe { crate::map::to_list_order(term) }
                        .map_err(|_| UnsupportedTerm::NotAValue)?;
                    self.out.push(MAP_EXT);
                    self.u32(pairs.len());
                    for (key, value) in pairs.into_iter().rev() {
                        stack.push(Pending::Term(value));
                        stack.push(Pending::Term(key));
                    }
                }
                View::Cons { .. } => {
                    // SAFETY: as above.
                    let shape = unsafe { list_shape(term, &mut self.meter) };
                    match shape.bytes {
                        Some(bytes) => {
                            self.out.push(STRING_EXT);
                            self.out
                                .extend_from_slice(&(bytes.len() as u16).to_be_bytes());
                            self.out.extend_from_slice(&bytes);
                        }
                        None => {
                            self.out.push(LIST_EXT);
                            self.u32(shape.length);
                            stack.push(Pending::ListRest(term));
                        }
                    }
                }
                View::Bits(bits) => {
                    let aligned = bits.aligned();
                    let trailing = bits.trailing_bits();
                    if trailing == 0 {
                        self.out.push(BINARY_EXT);
                        self.u32(aligned.len());
                    } else {
                        self.out.push(BIT_BINARY_EXT);
                        self.u32(aligned.len());
                        self.out.push(trailing);
                    }
                    self.meter.bytes(aligned.len());
                    let borrowed = matches!(aligned, std::borrow::Cow::Borrowed(_));
                    match &mut self.shared {
                        Some(shared) if borrowed && SHARED_BINARY_MIN <= aligned.len() => {
                            shared.push((self.out.len(), term));
                        }
                        _ => self.out.extend_from_slice(&aligned),
                    }
                }
                View::Export {
                    module,
                    function,
                    arity,
                } => {
                    self.out.push(EXPORT_EXT);
                    self.atom(module);
                    self.atom(function);
                    self.out.extend_from_slice(&[SMALL_INTEGER_EXT, arity]);
                }
                View::Closure { .. } => return Err(UnsupportedTerm::Closure),
                View::Pid(pid) => {
                    self.out.push(NEW_PID_EXT);
                    self.atom(pid.node.name);
                    self.out
                        .extend_from_slice(&(pid.number as u32).to_be_bytes());
                    self.out
                        .extend_from_slice(&(pid.serial as u32).to_be_bytes());
                    self.out.extend_from_slice(&pid.node.creation.to_be_bytes());
                }
                View::Port(port) => self.port(&port),
                View::Ref(reference) => {
                    self.out.push(NEWER_REFERENCE_EXT);
                    self.out
                        .extend_from_slice(&(reference.words.len() as u16).to_be_bytes());
                    self.atom(reference.node.name);
                    self.out
                        .extend_from_slice(&reference.node.creation.to_be_bytes());
                    for word in reference.words {
                        self.out.extend_from_slice(&(*word as u32).to_be_bytes());
                    }
                }
            }
        }
        Ok(())
    }

    fn u32(&mut self, value: usize) {
        self.out.extend_from_slice(&(value as u32).to_be_bytes());
    }

    fn integer(&mut self, value: i64) {
        if let Ok(byte) = u8::try_from(value) {
            self.out.extend_from_slice(&[SMALL_INTEGER_EXT, byte]);
        } else if let Ok(word) = i32::try_from(value) {
            self.out.push(INTEGER_EXT);
            self.out.extend_from_slice(&word.to_be_bytes());
        } else {
            self.bignum(value < 0, &[value.unsigned_abs()]);
        }
    }

    fn bignum(&mut self, negative: bool, digits: &[u64]) {
        let mut bytes: Vec<u8> = digits
            .iter()
            .flat_map(|digit| digit.to_le_bytes())
            .collect();
        while bytes.last() == Some(&0) {
            bytes.pop();
        }
        match u8::try_from(bytes.len()) {
            Ok(n_bytes) => self.out.extend_from_slice(&[SMALL_BIG_EXT, n_bytes]),
            Err(_) => {
                self.out.push(LARGE_BIG_EXT);
                self.u32(bytes.len());
            }
        }
        self.out.push(u8::from(negative));
        self.out.extend_from_slice(&bytes);
    }

    fn float(&mut self, value: f64) {
        if self.minor_version != MinorVersion::V0 {
            self.out.push(NEW_FLOAT_EXT);
            self.out.extend_from_slice(&value.to_bits().to_be_bytes());
            return;
        }
        self.out.push(FLOAT_EXT);
        let text = c_exponent_text(value);
        let mut field = [0u8; 31];
        let n_copied = text.len().min(field.len());
        field[..n_copied].copy_from_slice(&text.as_bytes()[..n_copied]);
        self.out.extend_from_slice(&field);
    }

    fn atom(&mut self, atom: Atom) {
        let name = atom.name();
        let latin1: Option<Vec<u8>> = name.chars().map(|c| u8::try_from(c).ok()).collect();
        match (latin1, self.minor_version) {
            (Some(latin1), MinorVersion::V0 | MinorVersion::V1) => {
                self.out.push(ATOM_EXT);
                self.out
                    .extend_from_slice(&(latin1.len() as u16).to_be_bytes());
                self.out.extend_from_slice(&latin1);
            }
            _ => {
                match u8::try_from(name.len()) {
                    Ok(n_bytes) => self.out.extend_from_slice(&[SMALL_ATOM_UTF8_EXT, n_bytes]),
                    Err(_) => {
                        self.out.push(ATOM_UTF8_EXT);
                        self.out
                            .extend_from_slice(&(name.len() as u16).to_be_bytes());
                    }
                }
                self.out.extend_from_slice(name.as_bytes());
            }
        }
    }

    /// `NEW_PORT_EXT` for numbers a local port could have (28 bits),
    /// `V4_PORT_EXT` above, as OTP 25 chooses.
    fn port(&mut self, port: &Identity<'_>) {
        match u32::try_from(port.number)
            .ok()
            .filter(|number| *number < 1 << 28)
        {
            Some(number) => {
                self.out.push(NEW_PORT_EXT);
                self.atom(port.node.name);
                self.out.extend_from_slice(&number.to_be_bytes());
            }
            None => {
                self.out.push(V4_PORT_EXT);
                self.atom(port.node.name);
                self.out.extend_from_slice(&port.number.to_be_bytes());
            }
        }
        self.out
            .extend_from_slice(&port.node.creation.to_be_bytes());
    }
}

/// The longest list BEAM writes as `STRING_EXT`.
const MAX_STRING_EXT_LEN: usize = 65535;

/// What the encoder needs to know of a list before writing it.
struct ListShape {
    /// Number of cons cells.
    length: usize,
    /// The bytes, if it is a proper list of bytes short enough for
    /// `STRING_EXT`.
    bytes: Option<Vec<u8>>,
}

/// # Safety
///
/// `list` and its cells must be valid and unmoved.
unsafe fn list_shape<B: Budget + ?Sized>(list: Term, meter: &mut TermMeter<'_, B>) -> ListShape {
    let mut length = 0;
    let mut bytes = Some(Vec::new());
    let mut rest = list;
    // SAFETY: forwarded from the caller.
    while let Some(View::Cons { head, tail }) = unsafe { view(rest) } {
        meter.term();
        length += 1;
        let byte = head.as_small().and_then(|value| u8::try_from(value).ok());
        match (&mut bytes, byte) {
            (Some(collected), Some(byte)) if length <= MAX_STRING_EXT_LEN => collected.push(byte),
            _ => bytes = None,
        }
        rest = tail;
    }
    if !rest.is_nil() {
        bytes = None;
    }
    ListShape { length, bytes }
}

/// C's `printf("%.20e", value)`: a digit, 20 decimals, and an exponent of
/// at least two digits with its sign.
fn c_exponent_text(value: f64) -> String {
    let text = format!("{value:.20e}");
    match text.split_once('e') {
        Some((mantissa, exponent)) => {
            let (sign, digits) = match exponent.strip_prefix('-') {
                Some(digits) => ('-', digits),
                None => ('+', exponent),
            };
            format!("{mantissa}e{sign}{digits:0>2}")
        }
        None => text,
    }
}
