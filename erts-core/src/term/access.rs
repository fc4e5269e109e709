//! Reading the contents of cons cells and boxed objects.
//!
//! Every accessor is `unsafe` with the same contract: the term must still
//! be valid, meaning no collection of the heap holding its object has run
//! since the term was read from a root, and the object must stay in place
//! (no collection) for the lifetime `'a` of any returned slice. Accessors
//! for one kind of object return `None` for terms of any other kind.

use super::tag::Subtag;
use super::{Header, Term};
use crate::atom::Atom;
use crate::magic_ref::{self, Resource, MAGIC_REF_ARITY, REF_NUMBER_WORDS};
use crate::refc_binary::{BinaryBytes, SharedBinary};
use crate::term::build::ExternalKind;

/// The parts of a sub binary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SubBinary {
    /// The heap or refc binary the bits are taken from.
    pub original: Term,
    /// First bit, counted from the start of `original`.
    pub bit_offset: u64,
    /// Number of bits.
    pub bit_size: u64,
}

/// The parts of an external pid, port or reference.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct External<'a> {
    /// Pid, port or reference.
    pub kind: ExternalKind,
    /// The node it belongs to.
    pub node: Atom,
    /// The node's creation number.
    pub creation: u32,
    /// Identifier or reference number words.
    pub id: &'a [u64],
}

impl Term {
    /// The head of a non-empty list, `None` for other terms.
    ///
    /// # Safety
    ///
    /// See the module documentation: the cell must be live and unmoved.
    pub unsafe fn head(self) -> Option<Term> {
        let cell = self.cons_cell()?;
        // SAFETY: a valid list term points at two term words (caller's contract).
        Some(unsafe { Term(cell.read()) })
    }

    /// The tail of a non-empty list, `None` for other terms.
    ///
    /// # Safety
    ///
    /// See the module documentation: the cell must be live and unmoved.
    pub unsafe fn tail(self) -> Option<Term> {
        let cell = self.cons_cell()?;
        // SAFETY: a valid list term points at two term words (caller's contract).
        Some(unsafe { Term(cell.add(1).read()) })
    }

    /// The header of a boxed object, `None` for other terms.
    ///
    /// # Safety
    ///
    /// See the module documentation: the object must be live and unmoved.
    pub unsafe fn header(self) -> Option<Header> {
        if !self.is_boxed() {
            return None;
        }
        // SAFETY: a valid boxed term points at a header word (caller's contract).
        Some(unsafe { Header::from_bits(self.untagged_pointer().read()) })
    }

    /// The body words of a boxed object (everything after the header).
    ///
    /// # Safety
    ///
    /// See the module documentation: the object must be live and unmoved
    /// for `'a`.
    pub unsafe fn boxed_body<'a>(self) -> Option<&'a [u64]> {
        // SAFETY: forwarded from the caller.
        let header = unsafe { self.header()? };
        // SAFETY: the header is followed by `arity` words of the same object.
        Some(unsafe { std::slice::from_raw_parts(self.untagged_pointer().add(1), header.arity()) })
    }

    /// The elements of a tuple.
    ///
    /// # Safety
    ///
    /// See the module documentation.
    pub unsafe fn tuple_elements<'a>(self) -> Option<&'a [Term]> {
        // SAFETY: forwarded from the caller.
        let body = unsafe { self.body_of(Subtag::Tuple)? };
        Some(as_terms(body))
    }

    /// The value of a float.
    ///
    /// # Safety
    ///
    /// See the module documentation.
    pub unsafe fn float_value(self) -> Option<f64> {
        // SAFETY: forwarded from the caller.
        let body = unsafe { self.body_of(Subtag::Float)? };
        Some(f64::from_bits(body[0]))
    }

    /// Whether a bignum is negative, and its magnitude's digits, least
    /// significant first.
    ///
    /// # Safety
    ///
    /// See the module documentation.
    pub unsafe fn bignum_digits<'a>(self) -> Option<(bool, &'a [u64])> {
        // SAFETY: forwarded from the caller.
        let header = unsafe { self.header()? };
        let negative = match header.subtag() {
            Subtag::PositiveBignum => false,
            Subtag::NegativeBignum => true,
            _ => return None,
        };
        // SAFETY: forwarded from the caller.
        Some((negative, unsafe { self.boxed_body()? }))
    }

    /// The bytes of a heap or refc binary.
    ///
    /// # Safety
    ///
    /// See the module documentation.
    pub unsafe fn binary_bytes<'a>(self) -> Option<&'a [u8]> {
        // SAFETY: forwarded from the caller.
        let header = unsafe { self.header()? };
        // SAFETY: forwarded from the caller.
        let body: &[u64] = unsafe { self.boxed_body()? };
        match header.subtag() {
            Subtag::HeapBinary => {
                let len = body[0] as usize;
                // SAFETY: a heap binary's data words hold `len` bytes right
                // after the size word, inside the object.
                Some(unsafe { std::slice::from_raw_parts(body[1..].as_ptr().cast::<u8>(), len) })
            }
            Subtag::RefcBinary => {
                let binary: *const BinaryBytes =
                    std::ptr::with_exposed_provenance(body[1] as usize);
                // SAFETY: the live ProcBin holds a count on its shared binary,
                // which therefore outlives the ProcBin (the caller's 'a), and
                // its size is at most the binary's written bytes.
                Some(unsafe { SharedBinary::bytes_of_raw(binary, body[0] as usize) })
            }
            _ => None,
        }
    }

    /// The size in bytes and the shared binary of a refc binary (ProcBin).
    ///
    /// # Safety
    ///
    /// See the module documentation. The pointer is valid while the
    /// ProcBin lives (it holds a count).
    #[inline]
    pub unsafe fn refc_binary_parts(self) -> Option<(u64, *const BinaryBytes)> {
        // SAFETY: forwarded from the caller.
        let body = unsafe { self.body_of(Subtag::RefcBinary)? };
        Some((body[0], std::ptr::with_exposed_provenance(body[1] as usize)))
    }

    /// The parts of a sub binary.
    ///
    /// # Safety
    ///
    /// See the module documentation.
    pub unsafe fn sub_binary(self) -> Option<SubBinary> {
        // SAFETY: forwarded from the caller.
        let body = unsafe { self.body_of(Subtag::SubBinary)? };
        Some(SubBinary {
            bit_size: body[0],
            bit_offset: body[1],
            original: Term(body[2]),
        })
    }

    /// The keys tuple and the values of a flat map.
    ///
    /// # Safety
    ///
    /// See the module documentation.
    pub unsafe fn flat_map_parts<'a>(self) -> Option<(Term, &'a [Term])> {
        // SAFETY: forwarded from the caller.
        let body = unsafe { self.body_of(Subtag::Map)? };
        let terms = as_terms(body);
        Some((terms[0], &terms[1..]))
    }

    /// The raw `size << 16 | bitmap` word and the children of a hash-map
    /// node.
    ///
    /// # Safety
    ///
    /// See the module documentation.
    pub unsafe fn hash_map_node_parts<'a>(self) -> Option<(u64, &'a [Term])> {
        // SAFETY: forwarded from the caller.
        let body = unsafe { self.body_of(Subtag::HashMap)? };
        let (info, children) = body.split_first()?;
        Some((*info, as_terms(children)))
    }

    /// The fun entry and the captured environment of a closure.
    ///
    /// # Safety
    ///
    /// See the module documentation.
    pub unsafe fn fun_parts<'a>(self) -> Option<(u64, &'a [Term])> {
        // SAFETY: forwarded from the caller.
        let body = unsafe { self.body_of(Subtag::Fun)? };
        Some((body[0], as_terms(&body[1..])))
    }

    /// Module, function and arity of an export fun.
    ///
    /// # Safety
    ///
    /// See the module documentation.
    pub unsafe fn export_parts(self) -> Option<(Atom, Atom, u8)> {
        // SAFETY: forwarded from the caller.
        let body = unsafe { self.body_of(Subtag::Export)? };
        let terms = as_terms(body);
        let arity = u8::try_from(terms[2].as_small()?).ok()?;
        Some((terms[0].as_atom()?, terms[1].as_atom()?, arity))
    }

    /// The reference number words of a local reference, magic or not.
    ///
    /// # Safety
    ///
    /// See the module documentation.
    pub unsafe fn reference_words<'a>(self) -> Option<&'a [u64]> {
        // SAFETY: forwarded from the caller.
        let body = unsafe { self.body_of(Subtag::Ref)? };
        match body.len() {
            MAGIC_REF_ARITY => Some(&body[..REF_NUMBER_WORDS]),
            _ => Some(body),
        }
    }

    /// The resource a magic reference keeps alive (see
    /// `crate::magic_ref`); `None` for every other term, plain references
    /// included.
    ///
    /// # Safety
    ///
    /// See the module documentation. The resource lives at least as long as
    /// the reference does; clone it to keep it past a collection.
    pub unsafe fn magic_resource<'a>(self) -> Option<&'a Resource> {
        // SAFETY: forwarded from the caller.
        let body = unsafe { self.body_of(Subtag::Ref)? };
        if body.len() != MAGIC_REF_ARITY {
            return None;
        }
        let cell = std::ptr::with_exposed_provenance(body[REF_NUMBER_WORDS] as usize);
        // SAFETY: the live magic reference holds a count on its cell, which
        // therefore outlives it (the caller's 'a).
        Some(unsafe { magic_ref::borrow_raw(cell) })
    }

    /// The parts of an external pid, port or reference.
    ///
    /// # Safety
    ///
    /// See the module documentation.
    pub unsafe fn external<'a>(self) -> Option<External<'a>> {
        // SAFETY: forwarded from the caller.
        let header = unsafe { self.header()? };
        let kind = match header.subtag() {
            Subtag::ExternalPid => ExternalKind::Pid,
            Subtag::ExternalPort => ExternalKind::Port,
            Subtag::ExternalRef => ExternalKind::Ref,
            _ => return None,
        };
        // SAFETY: forwarded from the caller.
        let body: &[u64] = unsafe { self.boxed_body()? };
        Some(External {
            kind,
            node: Term(body[0]).as_atom()?,
            creation: body[1] as u32,
            id: &body[2..],
        })
    }

    /// The address of the cons cell of a list term.
    fn cons_cell(self) -> Option<*const u64> {
        if !self.is_list() {
            return None;
        }
        Some(self.untagged_pointer())
    }

    /// The body of a boxed object of kind `subtag`.
    ///
    /// # Safety
    ///
    /// See the module documentation.
    unsafe fn body_of<'a>(self, subtag: Subtag) -> Option<&'a [u64]> {
        // SAFETY: forwarded from the caller.
        let header = unsafe { self.header()? };
        if header.subtag() != subtag {
            return None;
        }
        // SAFETY: forwarded from the caller.
        unsafe { self.boxed_body() }
    }
}

/// Views body words that hold terms as terms.
fn as_terms(words: &[u64]) -> &[Term] {
    // SAFETY: `Term` is a `repr(transparent)` wrapper of `u64`; the callers
    // pass only the term words of an object, which are valid terms.
    unsafe { std::slice::from_raw_parts(words.as_ptr().cast::<Term>(), words.len()) }
}
