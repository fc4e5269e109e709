//! A safe, classified view of one term: which kind of Erlang value it is,
//! with its parts, so that comparison, hashing and the external term format
//! all read terms the same way and none of them touches raw words.
//!
//! Invariants:
//! - [`view`] is the only reader of object memory here; it is `unsafe` with
//!   the contract of `term::access`: the term is valid and no collection
//!   runs while a view (or a slice it holds) is alive.
//! - Identifiers follow BEAM's (OTP 25) split, which earts' encoding keeps
//!   as documented on [`Identity`]: a local pid id is `serial << 15 |
//!   number`, an external pid's id words are `[number, serial]`, a port's id
//!   is its port number, and every reference word holds one 32-bit
//!   reference number, least significant first (a local reference has
//!   three).
//! - Whoever makes local identifiers keeps them within BEAM's ranges, or
//!   they cannot cross the external format and come back: pid ids below
//!   2^28 (15-bit number, 13-bit serial), port ids below 2^28, local
//!   references of three numbers with the first below 2^18.

use crate::atom::Atom;
use crate::term::build::ExternalKind;
use crate::term::tag::Subtag;
use crate::term::Term;

/// A term that earts cannot hash, encode or decode yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnsupportedTerm {
    /// A local closure: its module, index and unique id belong to the code
    /// generator, which does not exist yet.
    Closure,
    /// A word that is no Erlang value (a catch tag, a match state).
    NotAValue,
    /// An atom named by its index in a BEAM's own atom table (the
    /// `ATOM_INTERNAL_REF2`/`3` tags, which `binary_to_term` on BEAM reads).
    BeamAtomIndex,
}

/// The node a pid, port or reference belongs to: its name and creation.
/// The local node of a runtime that is not distributed is
/// `nonode@nohost` with creation 0, as on BEAM.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Node {
    pub(crate) name: Atom,
    pub(crate) creation: u32,
}

impl Node {
    pub(crate) const LOCAL: Node = Node {
        name: Atom::NONODE_NOHOST,
        creation: 0,
    };
}

/// Width of the number part of a local pid id (BEAM's 15 bits).
pub(crate) const PID_NUMBER_BITS: u32 = 15;
/// Width of the serial part of a local pid id (BEAM's 13 bits).
pub(crate) const PID_SERIAL_BITS: u32 = 13;

/// The identity of a pid, port or reference, local or external.
///
/// Pids: `number` and `serial` as BEAM's `NEW_PID_EXT` carries them. Ports:
/// `number` only. References: `words` are the 32-bit reference numbers.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Identity<'a> {
    pub(crate) node: Node,
    pub(crate) number: u64,
    pub(crate) serial: u64,
    pub(crate) words: &'a [u64],
}

/// A bitstring: `bit_size` bits of `bytes` starting `bit_offset` bits in.
///
/// Invariant: the bits lie inside `bytes` (checked by [`Bits::new`]).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Bits<'a> {
    bytes: &'a [u8],
    bit_offset: u64,
    bit_size: u64,
}

impl<'a> Bits<'a> {
    /// `bit_size` bits of `bytes` from `bit_offset`, or `None` when they
    /// do not lie inside `bytes`.
    fn new(bytes: &'a [u8], bit_offset: u64, bit_size: u64) -> Option<Bits<'a>> {
        let end = bit_offset.checked_add(bit_size)?;
        if (bytes.len() as u64).saturating_mul(8) < end {
            return None;
        }
        Some(Bits {
            bytes,
            bit_offset,
            bit_size,
        })
    }

    /// Number of bits.
    pub(crate) fn bit_size(&self) -> u64 {
        self.bit_size
    }

    /// Whole bytes.
    pub(crate) fn byte_len(&self) -> usize {
        (self.bit_size / 8) as usize
    }

    /// Bits after the whole bytes (0..8).
    pub(crate) fn trailing_bits(&self) -> u8 {
        (self.bit_size % 8) as u8
    }

    /// The bits as bytes: whole bytes, then the trailing bits (if any) in
    /// the high bits of one more byte whose low bits are zero.
    pub(crate) fn aligned(self) -> std::borrow::Cow<'a, [u8]> {
        let n_bytes = self.bit_size.div_ceil(8) as usize;
        let start = (self.bit_offset / 8) as usize;
        let shift = (self.bit_offset % 8) as u32;
        if shift == 0 && self.trailing_bits() == 0 {
            return std::borrow::Cow::Borrowed(&self.bytes[start..start + n_bytes]);
        }
        let mut aligned = Vec::with_capacity(n_bytes);
        for index in 0..n_bytes {
            let high = u16::from(self.bytes[start + index]);
            let low = self.bytes.get(start + index + 1).copied().unwrap_or(0);
            aligned.push((((high << 8) | u16::from(low)) << shift >> 8) as u8);
        }
        if self.trailing_bits() != 0 {
            let mask = 0xFFu8 << (8 - self.trailing_bits());
            if let Some(last) = aligned.last_mut() {
                *last &= mask;
            }
        }
        std::borrow::Cow::Owned(aligned)
    }
}

/// One term, classified.
#[derive(Clone, Copy, Debug)]
pub(crate) enum View<'a> {
    Small(i64),
    /// A bignum: sign and magnitude digits, least significant first.
    Big {
        negative: bool,
        digits: &'a [u64],
    },
    Float(f64),
    Atom(Atom),
    Ref(Identity<'a>),
    /// A closure: the code generator's fun entry word and the captured terms.
    Closure {
        entry: u64,
        environment: &'a [Term],
    },
    Export {
        module: Atom,
        function: Atom,
        arity: u8,
    },
    Port(Identity<'a>),
    Pid(Identity<'a>),
    Tuple(&'a [Term]),
    /// A flat map: keys in map-key order and one value per key.
    FlatMap {
        keys: &'a [Term],
        values: &'a [Term],
    },
    /// A hash map (more than 32 keys); the `map` module walks its trie.
    HashMap {
        size: usize,
    },
    Nil,
    Cons {
        head: Term,
        tail: Term,
    },
    Bits(Bits<'a>),
}

/// The ranks of the standard term order: number < atom < reference < fun <
/// port < pid < tuple < map < nil < list < bitstring. Local closures sort
/// before export funs, as on BEAM.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Rank {
    Number,
    Atom,
    Ref,
    Closure,
    Export,
    Port,
    Pid,
    Tuple,
    Map,
    Nil,
    List,
    Bits,
}

impl View<'_> {
    pub(crate) fn rank(&self) -> Rank {
        match self {
            View::Small(_) | View::Big { .. } | View::Float(_) => Rank::Number,
            View::Atom(_) => Rank::Atom,
            View::Ref(_) => Rank::Ref,
            View::Closure { .. } => Rank::Closure,
            View::Export { .. } => Rank::Export,
            View::Port(_) => Rank::Port,
            View::Pid(_) => Rank::Pid,
            View::Tuple(_) => Rank::Tuple,
            View::FlatMap { .. } | View::HashMap { .. } => Rank::Map,
            View::Nil => Rank::Nil,
            View::Cons { .. } => Rank::List,
            View::Bits(_) => Rank::Bits,
        }
    }
}

/// Classifies `term`. Words that are no Erlang value (a catch tag, a match
/// state) are reported as `None`.
///
/// # Safety
///
/// `term` must be valid and its objects must stay in place (no collection)
/// for `'a`.
pub(crate) unsafe fn view<'a>(term: Term) -> Option<View<'a>> {
    if let Some(value) = term.as_small() {
        return Some(View::Small(value));
    }
    if let Some(atom) = term.as_atom() {
        return Some(View::Atom(atom));
    }
    if term.is_nil() {
        return Some(View::Nil);
    }
    if let Some(id) = term.as_local_pid() {
        return Some(View::Pid(Identity {
            node: Node::LOCAL,
            number: id & ((1 << PID_NUMBER_BITS) - 1),
            serial: id >> PID_NUMBER_BITS,
            words: &[],
        }));
    }
    if let Some(id) = term.as_local_port() {
        return Some(View::Port(Identity {
            node: Node::LOCAL,
            number: id,
            serial: 0,
            words: &[],
        }));
    }
    if term.is_list() {
        // SAFETY: a valid list term (caller's contract).
        let (head, tail) = unsafe { (term.head()?, term.tail()?) };
        return Some(View::Cons { head, tail });
    }
    // SAFETY: forwarded from the caller.
    unsafe { view_boxed(term) }
}

/// # Safety
///
/// As [`view`].
unsafe fn view_boxed<'a>(term: Term) -> Option<View<'a>> {
    // SAFETY: forwarded from the caller.
    let header = unsafe { term.header()? };
    // SAFETY: forwarded from the caller; each accessor reads the object
    // kind the header names.
    let viewed = unsafe {
        match header.subtag() {
            Subtag::Tuple => View::Tuple(term.tuple_elements()?),
            Subtag::PositiveBignum | Subtag::NegativeBignum => {
                let (negative, digits) = term.bignum_digits()?;
                View::Big { negative, digits }
            }
            Subtag::Float => View::Float(term.float_value()?),
            Subtag::Ref => View::Ref(Identity {
                node: Node::LOCAL,
                number: 0,
                serial: 0,
                words: term.reference_words()?,
            }),
            Subtag::Fun => {
                let (entry, environment) = term.fun_parts()?;
                View::Closure { entry, environment }
            }
            Subtag::Export => {
                let (module, function, arity) = term.export_parts()?;
                View::Export {
                    module,
                    function,
                    arity,
                }
            }
            Subtag::HeapBinary | Subtag::RefcBinary => {
                let bytes = term.binary_bytes()?;
                View::Bits(Bits::new(bytes, 0, bytes.len() as u64 * 8)?)
            }
            Subtag::SubBinary => {
                let parts = term.sub_binary()?;
                let bytes = parts.original.binary_bytes()?;
                View::Bits(Bits::new(bytes, parts.bit_offset, parts.bit_size)?)
            }
            Subtag::Map => {
                let (keys, values) = term.flat_map_parts()?;
                View::FlatMap {
                    keys: keys.tuple_elements()?,
                    values,
                }
            }
            Subtag::HashMap => {
                let (info, _) = term.hash_map_node_parts()?;
                View::HashMap {
                    size: (info >> 16) as usize,
                }
            }
            Subtag::ExternalPid | Subtag::ExternalPort | Subtag::ExternalRef => {
                let external = term.external()?;
                let node = Node {
                    name: external.node,
                    creation: external.creation,
                };
                let word = |index: usize| external.id.get(index).copied().unwrap_or(0);
                let identity = Identity {
                    node,
                    number: word(0),
                    serial: word(1),
                    words: external.id,
                };
                match external.kind {
                    ExternalKind::Pid => View::Pid(identity),
                    ExternalKind::Port => View::Port(identity),
                    ExternalKind::Ref => View::Ref(identity),
                }
            }
            Subtag::BinMatchState => return None,
        }
    };
    Some(viewed)
}
