//! `binary_to_term/1,2`: bytes in the external term format into a heap
//! fragment.
//!
//! Two passes, as BEAM does. The first walks the input once, checks every
//! tag, count and length against the bytes left, and records each term as
//! a [`TermNode`] in pre-order together with the heap words the whole term will
//! need; it allocates nothing on the heap. The second allocates one
//! fragment of exactly that size and builds the nodes in reverse order,
//! so that every object's children already exist when it is built (the
//! builders take finished children). Atoms are created only in the second
//! pass, so malformed input creates none.
//!
//! Neither pass recurses: the first counts the terms still expected, the
//! second keeps the finished children on a stack.

use std::io::Read;
use std::ops::Range;

use super::tags::*;
use crate::atom::Atom;
use crate::budget::{Budget, TermMeter, Unlimited, BYTES_PER_UNIT};
use crate::compare::compare_exact;
use crate::heap::HeapFragment;
use crate::map::{self, MapPlan};
use crate::num::{parse_float, MAX_INTEGER_BITS};
use crate::term::build::{self, ExternalKind};
use crate::term::Term;
use crate::view::{UnsupportedTerm, PID_NUMBER_BITS, PID_SERIAL_BITS};

/// The options of `binary_to_term/2` that change what is decoded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DecodeOptions {
    /// `safe`: refuse to create atoms (an unknown atom is `badarg`).
    /// BEAM also refuses export funs that are not in its export table;
    /// erts-core has no export table, so earts does not (yet).
    pub safe: bool,
}

/// A decoded term and the fragment that holds its objects.
///
/// `term` stays valid as long as `fragment` lives; attach the fragment to a
/// process heap (`Heap::attach_fragment`) to keep the term.
pub struct Decoded {
    pub term: Term,
    pub fragment: HeapFragment,
    /// How many bytes of the input the term took (`used`), counting the
    /// version byte.
    pub bytes_used: usize,
}

/// Why decoding failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Malformed or refused input: BEAM's `badarg`.
    Badarg,
    /// Well-formed input for a term earts cannot build yet.
    Unsupported(UnsupportedTerm),
}

/// `binary_to_term(Bytes, Options)`.
pub fn binary_to_term(bytes: &[u8], options: &DecodeOptions) -> Result<Decoded, DecodeError> {
    binary_to_term_spending(bytes, options, &mut Unlimited)
}

/// [`binary_to_term`], reporting its progress to `budget`.
pub fn binary_to_term_spending<B: Budget + ?Sized>(
    bytes: &[u8],
    options: &DecodeOptions,
    budget: &mut B,
) -> Result<Decoded, DecodeError> {
    let Some((&VERSION_MAGIC, body)) = bytes.split_first() else {
        return Err(DecodeError::Badarg);
    };
    let mut meter = TermMeter::new(budget);
    if body.first() == Some(&COMPRESSED) {
        let (inflated, compressed_used) = inflate(&body[1..], meter.budget())?;
        let parsed = parse(&inflated, &mut meter)?;
        let (term, fragment) = build_term(&inflated, &parsed, options, &mut meter)?;
        return Ok(Decoded {
            term,
            fragment,
            bytes_used: 2 + compressed_used,
        });
    }
    let parsed = parse(body, &mut meter)?;
    let (term, fragment) = build_term(body, &parsed, options, &mut meter)?;
    Ok(Decoded {
        term,
        fragment,
        bytes_used: 1 + parsed.end + parsed.phantom_bytes,
    })
}

/// The body of a compressed term: its declared size, then a zlib stream
/// that must inflate to exactly that many bytes. Returns the inflated
/// bytes and how many bytes the size and the stream took (bytes after the
/// stream are ignored, as BEAM ignores bytes after a term). Output grows
/// as the stream produces it, never beyond the declared size.
fn inflate<B: Budget + ?Sized>(
    compressed: &[u8],
    budget: &mut B,
) -> Result<(Vec<u8>, usize), DecodeError> {
    let mut cursor = Cursor::new(compressed);
    let size = cursor.u32()? as usize;
    let stream = &compressed[cursor.pos..];
    let mut zlib = flate2::bufread::ZlibDecoder::new(stream);
    let mut inflated = Vec::new();
    let mut limited = (&mut zlib).take(size as u64 + 1);
    loop {
        let before = inflated.len();
        let read = (&mut limited)
            .take(INFLATE_CHUNK as u64)
            .read_to_end(&mut inflated)
            .map_err(|_| DecodeError::Badarg)?;
        if read == 0 {
            break;
        }
        budget.spend((inflated.len() - before) * INFLATE_COST / BYTES_PER_UNIT);
    }
    if inflated.len() != size {
        return Err(DecodeError::Badarg);
    }
    // The stream must also end here, not merely have produced enough.
    let mut probe = [0u8; 1];
    match zlib.read(&mut probe) {
        Ok(0) => {}
        _ => return Err(DecodeError::Badarg),
    }
    let stream_used = zlib.total_in() as usize;
    Ok((inflated, cursor.pos + stream_used))
}

/// Bytes inflated between progress reports.
const INFLATE_CHUNK: usize = 64 * 1024;

/// Inflating a byte costs this many times copying one.
const INFLATE_COST: usize = 4;

/// Where an atom's text is, and how it is encoded.
#[derive(Clone, Debug)]
struct AtomText {
    range: Range<usize>,
    latin1: bool,
}

/// One decoded term, children not included (they follow in pre-order).
#[derive(Clone, Debug)]
enum TermNode {
    Small(i64),
    Big {
        negative: bool,
        digits: Vec<u64>,
    },
    Float(f64),
    Atom(AtomText),
    Nil,
    /// Followed by this many elements.
    Tuple(usize),
    /// Followed by this many elements and the tail.
    List(usize),
    String(Range<usize>),
    Binary(Range<usize>),
    /// Bytes, and the number of bits used in the last one (1..=7).
    Bits(Range<usize>, u8),
    /// Followed by this many keys and values, alternating.
    Map(usize),
    Export {
        module: AtomText,
        function: AtomText,
        arity: u8,
    },
    Pid {
        node: AtomText,
        creation: u32,
        number: u32,
        serial: u32,
    },
    Port {
        node: AtomText,
        creation: u32,
        number: u64,
    },
    Ref {
        node: AtomText,
        creation: u32,
        words: Vec<u32>,
    },
}

/// The result of the first pass.
struct Parsed {
    nodes: Vec<TermNode>,
    /// Heap words the second pass will build.
    words: usize,
    /// Offset just past the term.
    end: usize,
    /// Bytes BEAM counts as used beyond `end`: an external reference
    /// without numbers is read as if it had one (4 bytes that need not
    /// exist), which is also why it can only come last.
    phantom_bytes: usize,
}

struct Cursor<'a> {
    input: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn new(input: &'a [u8]) -> Cursor<'a> {
        Cursor { input, pos: 0 }
    }

    fn remaining(&self) -> usize {
        self.input.len() - self.pos
    }

    fn take(&mut self, len: usize) -> Result<Range<usize>, DecodeError> {
        if self.remaining() < len {
            return Err(DecodeError::Badarg);
        }
        let range = self.pos..self.pos + len;
        self.pos += len;
        Ok(range)
    }

    fn bytes<const N: usize>(&mut self) -> Result<[u8; N], DecodeError> {
        let range = self.take(N)?;
        let mut bytes = [0; N];
        bytes.copy_from_slice(&self.input[range]);
        Ok(bytes)
    }

    fn u8(&mut self) -> Result<u8, DecodeError> {
        Ok(self.bytes::<1>()?[0])
    }

    fn u16(&mut self) -> Result<u16, DecodeError> {
        Ok(u16::from_be_bytes(self.bytes()?))
    }

    fn u32(&mut self) -> Result<u32, DecodeError> {
        Ok(u32::from_be_bytes(self.bytes()?))
    }

    fn u64(&mut self) -> Result<u64, DecodeError> {
        Ok(u64::from_be_bytes(self.bytes()?))
    }

    /// A count of things that take at least `min_bytes` bytes each,
    /// refused when the input cannot hold them.
    fn count(&self, count: usize, min_bytes: usize) -> Result<usize, DecodeError> {
        match count.checked_mul(min_bytes) {
            Some(needed) if needed <= self.remaining() => Ok(count),
            _ => Err(DecodeError::Badarg),
        }
    }
}

/// The text of the local node's name.
const LOCAL_NODE: &[u8] = b"nonode@nohost";

/// The first pass: validates one term at the start of `input`.
fn parse<B: Budget + ?Sized>(
    input: &[u8],
    meter: &mut TermMeter<'_, B>,
) -> Result<Parsed, DecodeError> {
    let mut cursor = Cursor::new(input);
    // Every node takes a byte at least; small inputs need one allocation.
    let mut nodes = Vec::with_capacity(input.len().min(32));
    let mut words: usize = 0;
    let mut expected: usize = 1;
    while 0 < expected {
        meter.term();
        expected -= 1;
        // BEAM reads an external reference without numbers only as the
        // last term of the input (see `Parsed::phantom_bytes`).
        if let Some(TermNode::Ref { words, .. }) = nodes.last() {
            if words.is_empty() {
                return Err(DecodeError::Badarg);
            }
        }
        let (node, children, node_words) = parse_node(&mut cursor)?;
        nodes.push(node);
        words = words.checked_add(node_words).ok_or(DecodeError::Badarg)?;
        expected = expected.checked_add(children).ok_or(DecodeError::Badarg)?;
        // Every expected term takes at least one byte.
        if cursor.remaining() < expected {
            return Err(DecodeError::Badarg);
        }
    }
    let phantom_bytes = match nodes.last() {
        Some(TermNode::Ref { words, .. }) if words.is_empty() => 4,
        _ => 0,
    };
    Ok(Parsed {
        nodes,
        words,
        end: cursor.pos,
        phantom_bytes,
    })
}

/// One node: the node, how many child terms follow it, and its heap words.
fn parse_node(cursor: &mut Cursor<'_>) -> Result<(TermNode, usize, usize), DecodeError> {
    let tag = cursor.u8()?;
    let leaf = |node: TermNode, words: usize| Ok((node, 0, words));
    match tag {
        SMALL_INTEGER_EXT => leaf(TermNode::Small(i64::from(cursor.u8()?)), 0),
        INTEGER_EXT => leaf(TermNode::Small(i64::from(cursor.u32()? as i32)), 0),
        SMALL_BIG_EXT | LARGE_BIG_EXT => {
            let n_bytes = match tag {
                SMALL_BIG_EXT => usize::from(cursor.u8()?),
                _ => cursor.u32()? as usize,
            };
            let negative = cursor.u8()? != 0;
            let range = cursor.take(n_bytes)?;
            if MAX_INTEGER_BITS < n_bytes as u64 * 8 {
                return Err(DecodeError::Badarg);
            }
            let node = integer_node(negative, &cursor.input[range]);
            let words = match &node {
                TermNode::Big { digits, .. } => 1 + digits.len(),
                _ => 0,
            };
            leaf(node, words)
        }
        NEW_FLOAT_EXT => {
            let value = f64::from_bits(cursor.u64()?);
            if !value.is_finite() {
                return Err(DecodeError::Badarg);
            }
            leaf(TermNode::Float(value), 2)
        }
        FLOAT_EXT => {
            let range = cursor.take(31)?;
            let value = parse_float(&cursor.input[range]).map_err(|_| DecodeError::Badarg)?;
            leaf(TermNode::Float(value), 2)
        }
        ATOM_EXT | SMALL_ATOM_EXT | ATOM_UTF8_EXT | SMALL_ATOM_UTF8_EXT => {
            leaf(TermNode::Atom(atom_text(cursor, tag)?), 0)
        }
        NIL_EXT => leaf(TermNode::Nil, 0),
        SMALL_TUPLE_EXT | LARGE_TUPLE_EXT => {
            let arity = match tag {
                SMALL_TUPLE_EXT => usize::from(cursor.u8()?),
                _ => cursor.u32()? as usize,
            };
            let arity = cursor.count(arity, 1)?;
            Ok((TermNode::Tuple(arity), arity, 1 + arity))
        }
        LIST_EXT => {
            let length = cursor.u32()? as usize;
            let length = cursor.count(length, 1)?;
            Ok((TermNode::List(length), length + 1, 2 * length))
        }
        STRING_EXT => {
            let length = usize::from(cursor.u16()?);
            leaf(TermNode::String(cursor.take(length)?), 2 * length)
        }
        BINARY_EXT => {
            let length = cursor.u32()? as usize;
            leaf(
                TermNode::Binary(cursor.take(length)?),
                build::heap_binary_words(length),
            )
        }
        BIT_BINARY_EXT => {
            let length = cursor.u32()? as usize;
            let bits = cursor.u8()?;
            let range = cursor.take(length)?;
            match (length, bits) {
                (0, 0) | (1.., 8) => {
                    leaf(TermNode::Binary(range), build::heap_binary_words(length))
                }
                (0, _) | (_, 0) | (_, 9..) => Err(DecodeError::Badarg),
                _ => leaf(
                    TermNode::Bits(range, bits),
                    build::heap_binary_words(length) + 4,
                ),
            }
        }
        MAP_EXT => {
            let size = cursor.u32()? as usize;
            let size = cursor.count(size, 2)?;
            Ok((TermNode::Map(size), 2 * size, map::words_bound(size)))
        }
        EXPORT_EXT => {
            let module = atom_ext(cursor)?;
            let function = atom_ext(cursor)?;
            let arity = match cursor.u8()? {
                SMALL_INTEGER_EXT => cursor.u8()?,
                INTEGER_EXT => u8::try_from(cursor.u32()?).map_err(|_| DecodeError::Badarg)?,
                _ => return Err(DecodeError::Badarg),
            };
            leaf(
                TermNode::Export {
                    module,
                    function,
                    arity,
                },
                4,
            )
        }
        NEW_PID_EXT | PID_EXT => {
            let node = atom_ext(cursor)?;
            let number = cursor.u32()?;
            let serial = cursor.u32()?;
            let creation = match tag {
                NEW_PID_EXT => cursor.u32()?,
                _ => u32::from(cursor.u8()?),
            };
            let words = if is_local(cursor.input, &node, creation) {
                0
            } else {
                5
            };
            leaf(
                TermNode::Pid {
                    node,
                    creation,
                    number,
                    serial,
                },
                words,
            )
        }
        NEW_PORT_EXT | PORT_EXT | V4_PORT_EXT => {
            let node = atom_ext(cursor)?;
            let number = match tag {
                V4_PORT_EXT => cursor.u64()?,
                _ => u64::from(cursor.u32()?),
            };
            let creation = match tag {
                PORT_EXT => u32::from(cursor.u8()?),
                _ => cursor.u32()?,
            };
            let words = if is_local(cursor.input, &node, creation) {
                0
            } else {
                4
            };
            leaf(
                TermNode::Port {
                    node,
                    creation,
                    number,
                },
                words,
            )
        }
        NEWER_REFERENCE_EXT | NEW_REFERENCE_EXT | REFERENCE_EXT => {
            let n_words = match tag {
                REFERENCE_EXT => 1,
                _ => usize::from(cursor.u16()?),
            };
            let node = atom_ext(cursor)?;
            let read_creation = |cursor: &mut Cursor<'_>| match tag {
                NEWER_REFERENCE_EXT => cursor.u32(),
                _ => cursor.u8().map(u32::from),
            };
            let (words, creation) = if tag == REFERENCE_EXT {
                let word = cursor.u32()?;
                (vec![word], read_creation(cursor)?)
            } else {
                let creation = read_creation(cursor)?;
                let n_words = cursor.count(n_words, 4)?;
                let words = (0..n_words)
                    .map(|_| cursor.u32())
                    .collect::<Result<_, _>>()?;
                (words, creation)
            };
            let heap_words = if is_local(cursor.input, &node, creation) {
                1 + LOCAL_REF_WORDS
            } else {
                3 + words.len()
            };
            leaf(
                TermNode::Ref {
                    node,
                    creation,
                    words,
                },
                heap_words,
            )
        }
        NEW_FUN_EXT => Err(DecodeError::Unsupported(UnsupportedTerm::Closure)),
        ATOM_INTERNAL_REF2 | ATOM_INTERNAL_REF3 => {
            Err(DecodeError::Unsupported(UnsupportedTerm::BeamAtomIndex))
        }
        _ => Err(DecodeError::Badarg),
    }
}

/// Local references have three 32-bit numbers on BEAM.
const LOCAL_REF_WORDS: usize = 3;
/// The first number of a local reference has 18 bits.
const LOCAL_REF_FIRST_WORD_MAX: u32 = (1 << 18) - 1;

/// Whether an identifier of `node` and `creation` is this node's.
fn is_local(input: &[u8], node: &AtomText, creation: u32) -> bool {
    creation == 0 && &input[node.range.clone()] == LOCAL_NODE
}

/// An atom in any of the four atom encodings.
fn atom_ext(cursor: &mut Cursor<'_>) -> Result<AtomText, DecodeError> {
    let tag = cursor.u8()?;
    atom_text(cursor, tag)
}

fn atom_text(cursor: &mut Cursor<'_>, tag: u8) -> Result<AtomText, DecodeError> {
    let (length, latin1) = match tag {
        ATOM_EXT => (usize::from(cursor.u16()?), true),
        SMALL_ATOM_EXT => (usize::from(cursor.u8()?), true),
        ATOM_UTF8_EXT => (usize::from(cursor.u16()?), false),
        SMALL_ATOM_UTF8_EXT => (usize::from(cursor.u8()?), false),
        _ => return Err(DecodeError::Badarg),
    };
    Ok(AtomText {
        range: cursor.take(length)?,
        latin1,
    })
}

/// An integer from its magnitude's bytes, least significant first:
/// normalised to a small when it fits one.
fn integer_node(negative: bool, magnitude: &[u8]) -> TermNode {
    let significant = magnitude.len() - magnitude.iter().rev().take_while(|b| **b == 0).count();
    let digits: Vec<u64> = magnitude[..significant]
        .chunks(8)
        .map(|chunk| {
            let mut bytes = [0u8; 8];
            bytes[..chunk.len()].copy_from_slice(chunk);
            u64::from_le_bytes(bytes)
        })
        .collect();
    match digits.as_slice() {
        [] => TermNode::Small(0),
        [digit] if *digit <= Term::MAX_SMALL as u64 => {
            let value = *digit as i64;
            TermNode::Small(if negative { -value } else { value })
        }
        [digit] if negative && *digit == Term::MAX_SMALL as u64 + 1 => {
            TermNode::Small(Term::MIN_SMALL)
        }
        _ => TermNode::Big { negative, digits },
    }
}

/// The second pass: builds the parsed nodes in a fragment.
fn build_term<B: Budget + ?Sized>(
    input: &[u8],
    parsed: &Parsed,
    options: &DecodeOptions,
    meter: &mut TermMeter<'_, B>,
) -> Result<(Term, HeapFragment), DecodeError> {
    let mut fragment =
        HeapFragment::with_capacity(parsed.words).map_err(|_| DecodeError::Badarg)?;
    let mut builder = Builder {
        input,
        options,
        fragment: &mut fragment,
        finished: Vec::new(),
        slack: 0,
    };
    for node in parsed.nodes.iter().rev() {
        meter.term();
        let term = builder.build(node)?;
        builder.finished.push(term);
    }
    let term = builder.finished.pop().ok_or(DecodeError::Badarg)?;
    let slack = builder.slack;
    debug_assert_eq!(
        fragment.free_words(),
        slack,
        "the first pass sized the term exactly, but for hash maps' bounds"
    );
    Ok((term, fragment))
}

struct Builder<'a> {
    input: &'a [u8],
    options: &'a DecodeOptions,
    fragment: &'a mut HeapFragment,
    /// Built terms whose parent is not built yet; a node's first child is
    /// on top.
    finished: Vec<Term>,
    /// Words reserved for hash maps (`map::words_bound`) but not used.
    slack: usize,
}

impl Builder<'_> {
    fn build(&mut self, node: &TermNode) -> Result<Term, DecodeError> {
        // A builder that finds no room means the first pass sized the term
        // wrongly; refuse the input rather than build half of it.
        let no_room = DecodeError::Badarg;
        let term = match node {
            TermNode::Small(value) => Term::small(*value).ok_or(DecodeError::Badarg)?,
            TermNode::Big { negative, digits } => {
                build::bignum(self.fragment, *negative, digits).ok_or(no_room)?
            }
            TermNode::Float(value) => build::float(self.fragment, *value).ok_or(no_room)?,
            TermNode::Atom(text) => Term::atom(self.atom(text)?),
            TermNode::Nil => Term::NIL,
            TermNode::Tuple(arity) => {
                let elements = self.children(*arity)?;
                build::tuple(self.fragment, &elements).ok_or(no_room)?
            }
            TermNode::List(length) => {
                let elements = self.children(*length)?;
                let tail = self.children(1)?[0];
                build::list(self.fragment, &elements, tail).ok_or(no_room)?
            }
            TermNode::String(range) => {
                let elements: Vec<Term> = self.input[range.clone()]
                    .iter()
                    .filter_map(|byte| Term::small(i64::from(*byte)))
                    .collect();
                build::list(self.fragment, &elements, Term::NIL).ok_or(no_room)?
            }
            TermNode::Binary(range) => {
                build::heap_binary(self.fragment, &self.input[range.clone()]).ok_or(no_room)?
            }
            TermNode::Bits(range, bits) => {
                let bytes = &self.input[range.clone()];
                let binary = build::heap_binary(self.fragment, bytes).ok_or(no_room)?;
                let bit_size = (bytes.len() as u64 - 1) * 8 + u64::from(*bits);
                build::sub_binary(self.fragment, binary, 0, bit_size).ok_or(no_room)?
            }
            TermNode::Map(size) => self.map(*size)?,
            TermNode::Export {
                module,
                function,
                arity,
            } => {
                let module = self.atom(module)?;
                let function = self.atom(function)?;
                build::export(self.fragment, module, function, *arity).ok_or(no_room)?
            }
            TermNode::Pid {
                node,
                creation,
                number,
                serial,
            } => {
                let node_atom = self.atom(node)?;
                if is_local(self.input, node, *creation) {
                    if (1 << PID_NUMBER_BITS) <= *number || (1 << PID_SERIAL_BITS) <= *serial {
                        return Err(DecodeError::Badarg);
                    }
                    let id = (u64::from(*serial) << PID_NUMBER_BITS) | u64::from(*number);
                    Term::local_pid(id).ok_or(DecodeError::Badarg)?
                } else {
                    let id = [u64::from(*number), u64::from(*serial)];
                    build::external(self.fragment, ExternalKind::Pid, node_atom, *creation, &id)
                        .ok_or(no_room)?
                }
            }
            TermNode::Port {
                node,
                creation,
                number,
            } => {
                let node_atom = self.atom(node)?;
                if is_local(self.input, node, *creation) {
                    if LOCAL_PORT_LIMIT <= *number {
                        return Err(DecodeError::Badarg);
                    }
                    Term::local_port(*number).ok_or(DecodeError::Badarg)?
                } else {
                    build::external(
                        self.fragment,
                        ExternalKind::Port,
                        node_atom,
                        *creation,
                        &[*number],
                    )
                    .ok_or(no_room)?
                }
            }
            TermNode::Ref {
                node,
                creation,
                words,
            } => {
                let node_atom = self.atom(node)?;
                if is_local(self.input, node, *creation) {
                    if words.is_empty()
                        || LOCAL_REF_WORDS < words.len()
                        || LOCAL_REF_FIRST_WORD_MAX < words[0]
                    {
                        return Err(DecodeError::Badarg);
                    }
                    let mut local = [0u64; LOCAL_REF_WORDS];
                    for (slot, word) in local.iter_mut().zip(words) {
                        *slot = u64::from(*word);
                    }
                    build::reference(self.fragment, &local).ok_or(no_room)?
                } else {
                    if MAX_REF_WORDS < words.len() {
                        return Err(DecodeError::Badarg);
                    }
                    let id: Vec<u64> = words.iter().map(|word| u64::from(*word)).collect();
                    build::external(self.fragment, ExternalKind::Ref, node_atom, *creation, &id)
                        .ok_or(no_room)?
                }
            }
        };
        Ok(term)
    }

    /// The next `count` finished terms, first child first.
    fn children(&mut self, count: usize) -> Result<Vec<Term>, DecodeError> {
        if self.finished.len() < count {
            return Err(DecodeError::Badarg);
        }
        let split = self.finished.len() - count;
        let mut children = self.finished.split_off(split);
        children.reverse();
        Ok(children)
    }

    fn atom(&self, text: &AtomText) -> Result<Atom, DecodeError> {
        let bytes = &self.input[text.range.clone()];
        // ASCII text (nearly every atom) is the same in both encodings and
        // needs no copy.
        let name: std::borrow::Cow<'_, str> = match (bytes.is_ascii(), text.latin1) {
            (true, _) => std::str::from_utf8(bytes)
                .map_err(|_| DecodeError::Badarg)?
                .into(),
            (false, true) => bytes.iter().map(|byte| char::from(*byte)).collect(),
            (false, false) => std::str::from_utf8(bytes)
                .map_err(|_| DecodeError::Badarg)?
                .into(),
        };
        if self.options.safe {
            return Atom::lookup_existing(&name).ok_or(DecodeError::Badarg);
        }
        Atom::intern(&name).map_err(|_| DecodeError::Badarg)
    }

    /// A map from `size` keys and values (flat up to 32 keys, a hash map
    /// above); duplicate keys refused.
    fn map(&mut self, size: usize) -> Result<Term, DecodeError> {
        let entries = self.children(2 * size)?;
        let mut pairs: Vec<(Term, Term)> = entries
            .chunks_exact(2)
            .map(|pair| (pair[0], pair[1]))
            .collect();
        // SAFETY: the keys were built in this fragment, which is alive and
        // never collected.
        pairs.sort_by(|lhs, rhs| unsafe { compare_exact(lhs.0, rhs.0) });
        for window in pairs.windows(2) {
            // SAFETY: as above.
            if unsafe { compare_exact(window[0].0, window[1].0) }.is_eq() {
                return Err(DecodeError::Badarg);
            }
        }
        // SAFETY: as above.
        let plan = unsafe { MapPlan::new(pairs) };
        self.slack += map::words_bound(size).saturating_sub(plan.words());
        // SAFETY: nothing collects the fragment between plan and build.
        unsafe { plan.build(self.fragment) }.ok_or(DecodeError::Badarg)
    }
}

/// Local port numbers are below 2^28 on BEAM.
const LOCAL_PORT_LIMIT: u64 = 1 << 28;
/// The most numbers an external reference has.
const MAX_REF_WORDS: usize = 5;
