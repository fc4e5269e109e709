//! Deep copies of a term from anywhere (another heap, a literal area, a
//! fragment) into any [`TermAlloc`]: how messages and results cross heaps.
//!
//! The source is only read, never forwarded, so shared subterms are copied
//! once per path that reaches them, as BEAM's message copy does;
//! `size_of_term` counts the same way. Both walk iteratively: the size with
//! an explicit stack, the copy by Cheney-scanning the destination block.

use crate::magic_ref::{self, Resource, MAGIC_REF_ARITY, REF_NUMBER_WORDS};
use crate::refc_binary::{BinaryBytes, SharedBinary};
use crate::term::build::TermAlloc;
use crate::term::tag::{Subtag, PRIMARY_BOXED, PRIMARY_HEADER, PRIMARY_LIST, PRIMARY_MASK};
use crate::term::{Header, Term};

/// Words a deep copy of `term` takes, counting shared subterms once per
/// path that reaches them.
///
/// # Safety
///
/// `term` must be valid and its objects unmoved during the call.
pub unsafe fn size_of_term(term: Term) -> usize {
    if term.is_immediate() {
        return 0;
    }
    let mut size = 0;
    let mut pending = Pending::default();
    pending.push(term);
    while let Some(mut term) = pending.pop() {
        loop {
            if term.is_list() {
                size += 2;
                // SAFETY: the term is valid (caller's contract).
                let (head, tail) = unsafe { (term.head(), term.tail()) };
                if let Some(head) = head.filter(|head| !head.is_immediate()) {
                    pending.push(head);
                }
                match tail {
                    Some(tail) => term = tail,
                    None => break,
                }
                continue;
            }
            // SAFETY: the term is valid (caller's contract).
            if let Some(header) = unsafe { term.header() } {
                size += header.object_words();
                // SAFETY: as above.
                let body = unsafe { term.boxed_body().unwrap_or_default() };
                let term_words = &body[header.raw_prefix_words()..];
                // SAFETY: words after the raw prefix are valid terms.
                let children = term_words
                    .iter()
                    .map(|&word| unsafe { Term::from_bits(word) });
                for child in children.filter(|child| !child.is_immediate()) {
                    pending.push(child);
                }
            }
            break;
        }
    }
    size
}

/// The terms [`size_of_term`] has still to visit: a few inline, so that
/// sizing a small message allocates nothing, the rest spilled to a `Vec`.
struct Pending {
    inline: [Term; 16],
    len: usize,
    spilled: Vec<Term>,
}

impl Default for Pending {
    fn default() -> Pending {
        Pending {
            inline: [Term::NIL; 16],
            len: 0,
            spilled: Vec::new(),
        }
    }
}

impl Pending {
    fn push(&mut self, term: Term) {
        if self.len < self.inline.len() {
            self.inline[self.len] = term;
            self.len += 1;
        } else {
            self.spilled.push(term);
        }
    }

    fn pop(&mut self) -> Option<Term> {
        if let Some(term) = self.spilled.pop() {
            return Some(term);
        }
        self.len = self.len.checked_sub(1)?;
        Some(self.inline[self.len])
    }
}

/// Copies `term` into `alloc`, returning the copy, or `None` (having
/// allocated nothing) if `alloc` has no room for [`size_of_term`] words.
/// ProcBins and magic references in the copy take their own count on the
/// shared binary or resource and are registered with `alloc`.
///
/// # Safety
///
/// `term` must be valid and its objects unmoved during the call; `alloc`
/// must not collect (none of this crate's allocators do).
pub unsafe fn copy_term(term: Term, alloc: &mut impl TermAlloc) -> Option<Term> {
    if term.is_immediate() {
        return Some(term);
    }
    // SAFETY: forwarded from the caller.
    let words = unsafe { size_of_term(term) };
    let block = alloc.alloc_words(words)?.as_ptr();
    let mut copier = Copier {
        top: block,
        end: block.wrapping_add(words),
        alloc,
    };
    // SAFETY: `term` is a valid pointer term, and `block` has room for the
    // whole copy.
    let root = unsafe { copier.copy_object(term.bits()) };
    let mut scan = block;
    while scan < copier.top {
        // SAFETY: `scan` is below `top`, in words copied by this call.
        let word = unsafe { scan.read() };
        if word & PRIMARY_MASK == PRIMARY_HEADER {
            // SAFETY: a header word starts a copied object; skip its raw words.
            let header = unsafe { Header::from_bits(word) };
            // SAFETY: the raw words are part of the same copied object.
            scan = unsafe { scan.add(1 + header.raw_prefix_words()) };
            continue;
        }
        if word & PRIMARY_MASK == PRIMARY_LIST || word & PRIMARY_MASK == PRIMARY_BOXED {
            // SAFETY: term words of the copy still point at valid source
            // objects; the size computed above leaves room for them.
            let copied = unsafe { copier.copy_object(word) };
            // SAFETY: `scan` is a word of the block `alloc` gave us.
            unsafe { scan.write(copied) };
        }
        // SAFETY: still inside the block (`scan < top <= end`).
        scan = unsafe { scan.add(1) };
    }
    debug_assert_eq!(copier.top, copier.end);
    // SAFETY: `root` is the tagged address of the first copied object, now
    // with every term word pointing into the copy or at immediates.
    Some(unsafe { Term::from_bits(root) })
}

/// The state of one deep copy.
struct Copier<'a, A: TermAlloc> {
    /// Next free word of the destination block.
    top: *mut u64,
    /// End of the destination block.
    end: *mut u64,
    alloc: &'a mut A,
}

impl<A: TermAlloc> Copier<'_, A> {
    /// Copies the object `word` points to (shallowly) and returns the
    /// pointer term to the copy.
    ///
    /// # Safety
    ///
    /// `word` must be a valid list or boxed term, and the block must have
    /// room for its object.
    unsafe fn copy_object(&mut self, word: u64) -> u64 {
        let tag = word & PRIMARY_MASK;
        let object: *const u64 = std::ptr::with_exposed_provenance((word & !PRIMARY_MASK) as usize);
        let words = if tag == PRIMARY_LIST {
            2
        } else {
            // SAFETY: a valid boxed term points at its header.
            unsafe { Header::from_bits(object.read()) }.object_words()
        };
        let copy = self.top;
        assert!(
            words <= (self.end.addr() - copy.addr()) / size_of::<u64>(),
            "copy overflow"
        );
        // SAFETY: `copy` has room for `words` (checked above) and the source
        // object is readable; the destination is fresh memory.
        unsafe {
            std::ptr::copy_nonoverlapping(object, copy, words);
            self.top = copy.add(words);
        }
        if tag == PRIMARY_BOXED {
            // SAFETY: the header was copied into `copy`.
            let header = unsafe { Header::from_bits(copy.read()) };
            if header.subtag() == Subtag::Ref && header.arity() == MAGIC_REF_ARITY {
                // SAFETY: the copied magic reference's last word refers to
                // a resource cell kept alive by the source object; the copy
                // takes its own count and is registered once, fully written.
                unsafe {
                    let cell: *const Resource = std::ptr::with_exposed_provenance(
                        copy.add(1 + REF_NUMBER_WORDS).read() as usize,
                    );
                    magic_ref::retain_raw(cell);
                    self.alloc
                        .register_off_heap(std::ptr::NonNull::new_unchecked(copy));
                }
            }
            if header.subtag() == Subtag::RefcBinary {
                // SAFETY: the copied ProcBin's pointer word refers to a shared
                // binary kept alive by the source ProcBin; the copy takes its
                // own count and is registered once, fully written. The copy
                // may reach another process, so the binary stops being
                // writable (see `refc_binary`).
                unsafe {
                    let binary: *const BinaryBytes =
                        std::ptr::with_exposed_provenance(copy.add(2).read() as usize);
                    SharedBinary::make_read_only_raw(binary);
                    SharedBinary::retain_raw(binary);
                    self.alloc
                        .register_off_heap(std::ptr::NonNull::new_unchecked(copy));
                }
            }
        }
        copy.expose_provenance() as u64 | tag
    }
}
