//! Chardata in UTF-16 or UTF-32 (either endianness). BEAM's BIF hands
//! these to Erlang (`unicode:characters_to_binary_int/2`, which maps over
//! the data with `ml_map/3`), so their results follow that code, which
//! differs from the UTF-8 path:
//!
//! - nothing is checked beforehand: an element that is no integer, binary
//!   or list is `badarg` only when the walk reaches it;
//! - a failing code point `C` gives the rest `[[C] | Tail]`;
//! - a binary that ends inside a unit leaves the unit's bytes pending
//!   (how many bytes are missing follows OTP's `cbv/2`, which knows which
//!   beginnings can still become a character): a following binary element
//!   fills them (the completed unit is converted as a binary of its own,
//!   before the rest of that binary), a shorter one is appended, a code
//!   point is an error with the rest `[Pending | List]`, and the end of a
//!   list returns `incomplete` to the enclosing list, which goes on with
//!   the bytes still pending;
//! - a binary longer than 8192 bytes is converted as two parts, the first
//!   8192 bytes and the others, which shows in the rest of an error;
//! - each error's rest is wrapped as `[Rest | Tail]` by every enclosing
//!   list, `Tail` being what followed the failing element there.
//!
//! The walk keeps its own stack of lists, and rests are built from an
//! arena of nodes in the order they were made, so neither uses native
//! stack in proportion to nesting.

use std::collections::VecDeque;

use super::{converted, converted_words, Encoding, Output};
use crate::bif::binary::whole_bytes;
use crate::bif::{built, BifError, BifHeap};
use crate::build;
use crate::term::Term;

/// `characters_to_binary/2` (`to_list` false) or `characters_to_list/2`.
///
/// # Safety
///
/// The arguments are valid; see [`BifHeap::ensure`].
pub(super) unsafe fn characters_to(
    heap: &mut impl BifHeap,
    data: Term,
    encoding: Encoding,
    to_list: bool,
) -> Result<Term, BifError> {
    let output = if to_list {
        Output::List
    } else {
        Output::Binary
    };
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let (chars, end, mut rest) = unsafe { ml_map(data, encoding) }?;
    let converted_words = converted_words(&chars, output);
    let tag = match end {
        MapEnd::Complete => {
            // SAFETY: no term is held.
            unsafe { heap.ensure(converted_words, &mut []) }?;
            return built(converted(heap, &chars, output));
        }
        MapEnd::Error(_) => crate::atom::Atom::ERROR,
        MapEnd::Incomplete(_) => {
            crate::atom::Atom::intern("incomplete").map_err(|_| BifError::SystemLimit)?
        }
    };
    let rest_node = match end {
        MapEnd::Error(node) => node,
        MapEnd::Incomplete(bytes) => rest.bytes(bytes),
        MapEnd::Complete => unreachable!("returned above"),
    };
    let words = converted_words + rest.words() + 4;
    // SAFETY: every term held is one of the arena's roots.
    unsafe { heap.ensure(words, &mut rest.roots) }?;
    let rest_term = rest.build(heap, rest_node)?;
    let converted = built(converted(heap, &chars, output))?;
    built(build::tuple(heap, &[Term::atom(tag), converted, rest_term]))
}

/// A node of a rest term under construction.
enum Node {
    Nil,
    /// A term of the argument: `roots[k]`.
    Input(usize),
    /// A new binary.
    Bytes(Vec<u8>),
    /// `[Head | Tail]` of two earlier nodes.
    Cons(usize, usize),
}

/// The nodes of rest terms, each after the nodes it refers to.
#[derive(Default)]
struct Arena {
    nodes: Vec<Node>,
    /// The argument's terms the nodes use, rewritten by a collection.
    roots: Vec<Term>,
}

impl Arena {
    fn push(&mut self, node: Node) -> usize {
        self.nodes.push(node);
        self.nodes.len() - 1
    }

    fn input(&mut self, term: Term) -> usize {
        self.roots.push(term);
        self.push(Node::Input(self.roots.len() - 1))
    }

    fn bytes(&mut self, bytes: Vec<u8>) -> usize {
        self.push(Node::Bytes(bytes))
    }

    fn cons(&mut self, head: usize, tail: usize) -> usize {
        self.push(Node::Cons(head, tail))
    }

    /// The node of a list's remainder: its items, then its end.
    fn remainder(&mut self, list: &List) -> usize {
        let mut tail = match list.end {
            Some(term) => self.input(term),
            None => self.push(Node::Nil),
        };
        for item in list.items.iter().rev() {
            let head = match item {
                Item::Input(term) => self.input(*term),
                Item::Bytes(bytes) => self.bytes(bytes.clone()),
            };
            tail = self.cons(head, tail);
        }
        tail
    }

    /// Words to build every node.
    fn words(&self) -> usize {
        self.nodes
            .iter()
            .map(|node| match node {
                Node::Bytes(bytes) => build::heap_binary_words(bytes.len()),
                Node::Cons(..) => 2,
                Node::Nil | Node::Input(_) => 0,
            })
            .sum()
    }

    /// Builds the nodes up to `last`, in order, and returns `last`'s term.
    fn build(&self, heap: &mut impl BifHeap, last: usize) -> Result<Term, BifError> {
        let mut terms: Vec<Term> = Vec::with_capacity(last + 1);
        for node in &self.nodes[..=last] {
            let term = match node {
                Node::Nil => Term::NIL,
                Node::Input(root) => self.roots[*root],
                Node::Bytes(bytes) => built(build::heap_binary(heap, bytes))?,
                Node::Cons(head, tail) => built(build::cons(heap, terms[*head], terms[*tail]))?,
            };
            terms.push(term);
        }
        Ok(terms[last])
    }
}

/// An element of a list being walked.
#[derive(Clone)]
enum Item {
    /// An element of the argument.
    Input(Term),
    /// A binary made during the walk (a completed unit, a part).
    Bytes(Vec<u8>),
}

/// A list being walked: made items first, then the rest of the argument
/// (`None` for an end that is nil, made by the walk).
struct List {
    items: VecDeque<Item>,
    end: Option<Term>,
}

/// What is taken next from a list.
enum Next {
    /// The list is done (`[]`).
    Done,
    /// An element.
    Element(Item),
    /// A binary that ends the list in place of `[]` (or is the argument).
    TailBinary(Vec<u8>),
}

/// What has been converted, and bytes of a unit waiting for more.
struct Accum {
    chars: Vec<u32>,
    pending: Option<(Vec<u8>, usize)>,
}

/// How a walk of one list ended, before the enclosing one goes on.
enum Outcome {
    Done,
    Error(usize),
    Incomplete(Vec<u8>, usize),
}

/// How the whole conversion ended.
enum MapEnd {
    Complete,
    Error(usize),
    Incomplete(Vec<u8>),
}

/// The length at which `ml_map/3` cuts binaries in two.
const PART_LIMIT: usize = 8192;

/// Walks chardata as OTP's `ml_map/3` does.
///
/// # Safety
///
/// `data` is valid and nothing collects during the call.
unsafe fn ml_map(data: Term, encoding: Encoding) -> Result<(Vec<u32>, MapEnd, Arena), BifError> {
    let mut arena = Arena::default();
    let mut accum = Accum {
        chars: Vec::new(),
        pending: None,
    };
    let mut lists = vec![List {
        items: VecDeque::new(),
        end: Some(data),
    }];
    while let Some(list) = lists.last_mut() {
        // SAFETY: forwarded from the caller.
        let outcome = match unsafe { next(list) }? {
            Next::Done => match accum.pending.take() {
                Some((bytes, missing)) => Outcome::Incomplete(bytes, missing),
                None => Outcome::Done,
            },
            Next::Element(Item::Input(element)) if element.is_small() || is_bignum(element) => {
                if let Some((bytes, _)) = accum.pending.take() {
                    // `[Pending | Whole]`: the element and what follows.
                    let pending = arena.bytes(bytes);
                    let element = arena.input(element);
                    let rest = arena.remainder(list);
                    let whole = arena.cons(element, rest);
                    Outcome::Error(arena.cons(pending, whole))
                } else if let Some(char) = code_point(element) {
                    accum.chars.push(char);
                    continue;
                } else {
                    // `[[C] | Tail]`.
                    let element = arena.input(element);
                    let nil = arena.push(Node::Nil);
                    let failing = arena.cons(element, nil);
                    let tail = arena.remainder(list);
                    Outcome::Error(arena.cons(failing, tail))
                }
            }
            Next::Element(Item::Input(element)) if element.is_list() || element.is_nil() => {
                lists.push(List {
                    items: VecDeque::new(),
                    end: Some(element),
                });
                continue;
            }
            Next::Element(item) => {
                let bytes = match &item {
                    // SAFETY: as above.
                    Item::Input(element) => unsafe { whole_bytes(*element) }
                        .ok_or(BifError::Badarg)?
                        .into_owned(),
                    Item::Bytes(bytes) => bytes.clone(),
                };
                if let Some((waiting, missing)) = accum.pending.take() {
                    if bytes.len() < missing {
                        let mut joined = waiting;
                        joined.extend_from_slice(&bytes);
                        accum.pending = Some((joined, missing - bytes.len()));
                    } else {
                        let mut unit = waiting;
                        unit.extend_from_slice(&bytes[..missing]);
                        list.items
                            .push_front(Item::Bytes(bytes[missing..].to_vec()));
                        list.items.push_front(Item::Bytes(unit));
                    }
                    continue;
                }
                if PART_LIMIT < bytes.len() {
                    list.items
                        .push_front(Item::Bytes(bytes[PART_LIMIT..].to_vec()));
                    list.items
                        .push_front(Item::Bytes(bytes[..PART_LIMIT].to_vec()));
                    continue;
                }
                match decode(&bytes, encoding, &mut accum.chars) {
                    Decoded::Complete => continue,
                    Decoded::Incomplete(from, missing) => {
                        accum.pending = Some((bytes[from..].to_vec(), missing));
                        continue;
                    }
                    Decoded::Error(from) => {
                        let failing = arena.bytes(bytes[from..].to_vec());
                        let tail = arena.remainder(list);
                        Outcome::Error(arena.cons(failing, tail))
                    }
                }
            }
            Next::TailBinary(bytes) => {
                if let Some((waiting, missing)) = accum.pending.take() {
                    if bytes.len() < missing {
                        let mut joined = waiting;
                        joined.extend_from_slice(&bytes);
                        Outcome::Incomplete(joined, missing - bytes.len())
                    } else {
                        // `ml_map([Pending, Binary], ...)`.
                        list.items = VecDeque::from([Item::Bytes(waiting), Item::Bytes(bytes)]);
                        list.end = None;
                        continue;
                    }
                } else if PART_LIMIT < bytes.len() {
                    let first = Item::Bytes(bytes[..PART_LIMIT].to_vec());
                    let second = Item::Bytes(bytes[PART_LIMIT..].to_vec());
                    list.items = VecDeque::from([first, second]);
                    list.end = None;
                    continue;
                } else {
                    match decode(&bytes, encoding, &mut accum.chars) {
                        Decoded::Complete => Outcome::Done,
                        Decoded::Incomplete(from, missing) => {
                            Outcome::Incomplete(bytes[from..].to_vec(), missing)
                        }
                        Decoded::Error(from) => Outcome::Error(arena.bytes(bytes[from..].to_vec())),
                    }
                }
            }
        };
        // This list is done: the enclosing one goes on, or wraps an error.
        lists.pop();
        match outcome {
            Outcome::Done => {}
            Outcome::Incomplete(bytes, missing) => {
                if lists.is_empty() {
                    return Ok((accum.chars, MapEnd::Incomplete(bytes), arena));
                }
                accum.pending = Some((bytes, missing));
            }
            Outcome::Error(mut rest) => {
                while let Some(enclosing) = lists.pop() {
                    let tail = arena.remainder(&enclosing);
                    rest = arena.cons(rest, tail);
                }
                return Ok((accum.chars, MapEnd::Error(rest), arena));
            }
        }
    }
    Ok((accum.chars, MapEnd::Complete, arena))
}

/// Takes the next element of `list`; `badarg` for an end that is neither
/// `[]` nor a binary.
///
/// # Safety
///
/// The list's terms are valid and nothing collects.
unsafe fn next(list: &mut List) -> Result<Next, BifError> {
    if let Some(item) = list.items.pop_front() {
        return Ok(Next::Element(item));
    }
    let Some(end) = list.end else {
        return Ok(Next::Done);
    };
    // SAFETY: forwarded from the caller.
    if let (Some(head), Some(tail)) = (unsafe { end.head() }, unsafe { end.tail() }) {
        list.end = Some(tail);
        return Ok(Next::Element(Item::Input(head)));
    }
    if end.is_nil() {
        list.end = None;
        return Ok(Next::Done);
    }
    // SAFETY: as above.
    let bytes = unsafe { whole_bytes(end) }
        .ok_or(BifError::Badarg)?
        .into_owned();
    list.end = None;
    Ok(Next::TailBinary(bytes))
}

fn is_bignum(term: Term) -> bool {
    // SAFETY: the term is part of the argument, valid and unmoved.
    unsafe { term.bignum_digits() }.is_some()
}

/// A code point UTF-8 can encode.
fn code_point(term: Term) -> Option<u32> {
    let value = u32::try_from(term.as_small()?).ok()?;
    char::from_u32(value).map(u32::from)
}

/// How decoding a binary ended.
enum Decoded {
    Complete,
    /// A unit cut short at this byte, this many bytes missing.
    Incomplete(usize, usize),
    /// An invalid unit at this byte.
    Error(usize),
}

/// Decodes `bytes` onto `chars` up to the first unit that is not a
/// character (as Erlang's `/utf16` and `/utf32` segments match).
fn decode(bytes: &[u8], encoding: Encoding, chars: &mut Vec<u32>) -> Decoded {
    let mut index = 0;
    while index < bytes.len() {
        match unit(&bytes[index..], encoding) {
            Some((char, width)) => {
                chars.push(char);
                index += width;
            }
            None => {
                return match missing(&bytes[index..], encoding) {
                    Some(missing) => Decoded::Incomplete(index, missing),
                    None => Decoded::Error(index),
                }
            }
        }
    }
    Decoded::Complete
}

/// The character at the start of `bytes` and its width in bytes.
fn unit(bytes: &[u8], encoding: Encoding) -> Option<(u32, usize)> {
    let word = |at: usize, width: usize, little: bool| -> Option<u32> {
        let unit = bytes.get(at..at + width)?;
        let value = match little {
            true => unit
                .iter()
                .rev()
                .fold(0u32, |acc, &byte| acc << 8 | u32::from(byte)),
            false => unit
                .iter()
                .fold(0u32, |acc, &byte| acc << 8 | u32::from(byte)),
        };
        Some(value)
    };
    match encoding {
        Encoding::Utf16 { little } => match word(0, 2, little)? {
            high @ 0xD800..=0xDBFF => match word(2, 2, little)? {
                low @ 0xDC00..=0xDFFF => {
                    Some((0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00), 4))
                }
                _ => None,
            },
            0xDC00..=0xDFFF => None,
            value => Some((value, 2)),
        },
        Encoding::Utf32 { little } => {
            let value = word(0, 4, little)?;
            char::from_u32(value).map(|char| (u32::from(char), 4))
        }
        Encoding::Latin1 | Encoding::Utf8 => None,
    }
}

/// OTP's `cbv/2`: how many bytes the remaining `bytes` (which are no
/// character) lack to be one, or `None` when no more bytes would help.
fn missing(bytes: &[u8], encoding: Encoding) -> Option<usize> {
    let is_high = |byte: u8| byte >> 2 == 0b11_0110;
    let is_low = |byte: u8| byte >> 2 == 0b11_0111;
    match (encoding, bytes) {
        (Encoding::Utf16 { little: false }, [first]) if !(216..224).contains(first) => Some(1),
        (Encoding::Utf16 { little: false }, [first]) if is_high(*first) => Some(3),
        (Encoding::Utf16 { little: false }, [first, _]) if is_high(*first) => Some(2),
        (Encoding::Utf16 { little: false }, [first, _, third])
            if is_high(*first) && is_low(*third) =>
        {
            Some(1)
        }
        (Encoding::Utf16 { little: true }, [_]) => Some(1),
        (Encoding::Utf16 { little: true }, [_, second]) if is_high(*second) => Some(2),
        (Encoding::Utf16 { little: true }, [_, second, _]) if is_high(*second) => Some(1),
        (Encoding::Utf32 { little: false }, [0]) => Some(3),
        (Encoding::Utf32 { little: false }, [0, x]) if *x <= 16 => Some(2),
        (Encoding::Utf32 { little: false }, [0, x, y])
            if *x <= 16 && (0 < *x || !(216..224).contains(y)) =>
        {
            Some(1)
        }
        (Encoding::Utf32 { little: true }, [_]) => Some(3),
        (Encoding::Utf32 { little: true }, [_, _]) => Some(2),
        (Encoding::Utf32 { little: true }, [254 | 255, 255, 0]) => None,
        (Encoding::Utf32 { little: true }, [_, y, x])
            if *x <= 16 && (0 < *x || !(216..224).contains(y)) =>
        {
            Some(1)
        }
        _ => None,
    }
}
