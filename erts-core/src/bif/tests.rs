//! The BIFs on a heap that collects at every `ensure`, so that a term a BIF
//! kept outside its roots is stale (and Miri reports the read); results are
//! compared, as text, with what BEAM returns for the same calls.

use std::fmt::Write;
use std::ptr::NonNull;

use super::{arith, atom, binary, int_text, list, lists, tuple, BifError, BifHeap};
use crate::atom::Atom;
use crate::build::{self, TermAlloc};
use crate::heap::{Heap, HeapConfig, HeapFragment};
use crate::term::Term;

/// A heap whose `ensure` always collects. The test builds a BIF's
/// arguments in its room first (without collecting, so they stay valid),
/// then calls the BIF once.
struct CollectingHeap {
    heap: Heap,
}

impl CollectingHeap {
    /// A heap with room for `words` words of arguments.
    fn with_room(words: usize) -> CollectingHeap {
        let config = HeapConfig {
            min_heap_size: words,
            fullsweep_after: 2,
            torture: true,
            ..HeapConfig::default()
        };
        CollectingHeap {
            heap: Heap::new(config).expect("a heap"),
        }
    }

    fn new() -> CollectingHeap {
        CollectingHeap::with_room(100)
    }

    fn small(value: i64) -> Term {
        Term::small(value).expect("a small")
    }

    fn atom(name: &str) -> Term {
        Term::atom(Atom::intern(name).expect("a short name"))
    }

    /// Builds the proper list of `elements`, without collecting.
    fn list(&mut self, elements: &[Term]) -> Term {
        build::list(self, elements, Term::NIL).expect("room for the arguments")
    }

    /// Builds the tuple of `elements`, without collecting.
    fn tuple(&mut self, elements: &[Term]) -> Term {
        build::tuple(self, elements).expect("room for the arguments")
    }

    /// The list `[1, 2, ..., n]`.
    fn numbers(&mut self, n: i64) -> Term {
        let elements: Vec<Term> = (1..=n).map(CollectingHeap::small).collect();
        self.list(&elements)
    }
}

// SAFETY: words come from the heap's young generation, which stays
// allocated until the next collection.
unsafe impl TermAlloc for CollectingHeap {
    fn alloc_words(&mut self, words: usize) -> Option<NonNull<u64>> {
        self.heap.alloc(words)
    }

    unsafe fn register_off_heap(&mut self, object: NonNull<u64>) {
        // SAFETY: forwarded from the caller.
        unsafe { self.heap.register_off_heap(object) }
    }
}

// SAFETY: the collection leaves at least `words` available or fails.
unsafe impl BifHeap for CollectingHeap {
    unsafe fn ensure(&mut self, words: usize, roots: &mut [Term]) -> Result<(), BifError> {
        // SAFETY: the caller's terms are all in `roots` (its contract).
        unsafe { self.heap.collect(words, &mut [roots]) }
            .map(|_| ())
            .map_err(|_| BifError::SystemLimit)
    }

    fn adopt_fragment(&mut self, fragment: HeapFragment) {
        self.heap.attach_fragment(fragment);
    }
}

/// A term as `erlang:display/1` would write it (smalls, bignums, atoms,
/// tuples, lists, binaries as their bytes), for small test terms.
fn show(term: Term) -> String {
    let mut out = String::new();
    // SAFETY: the term was just returned, and nothing collects here.
    unsafe { show_into(&mut out, term) };
    out
}

/// # Safety
///
/// `term` is valid and nothing collects during the call.
unsafe fn show_into(out: &mut String, term: Term) {
    if let Some(small) = term.as_small() {
        let _ = write!(out, "{small}");
    } else if let Some(atom) = term.as_atom() {
        out.push_str(atom.name());
    } else if term.is_nil() {
        out.push_str("[]");
    // SAFETY: forwarded from the caller.
    } else if let Some(integer) = unsafe { super::number::integer_of(term) } {
        let _ = write!(out, "{integer}");
    // SAFETY: forwarded from the caller.
    } else if let Some(elements) = unsafe { term.tuple_elements() } {
        out.push('{');
        for (index, element) in elements.iter().enumerate() {
            if 0 < index {
                out.push(',');
            }
            // SAFETY: forwarded from the caller.
            unsafe { show_into(out, *element) };
        }
        out.push('}');
    // SAFETY: forwarded from the caller.
    } else if let Some(bytes) = unsafe { term.binary_bytes() } {
        let _ = write!(out, "<<{bytes:?}>>");
    } else if term.is_list() {
        out.push('[');
        let mut rest = term;
        // SAFETY: forwarded from the caller.
        while let Some(head) = unsafe { rest.head() } {
            if rest != term {
                out.push(',');
            }
            // SAFETY: forwarded from the caller.
            unsafe { show_into(out, head) };
            // SAFETY: forwarded from the caller.
            rest = unsafe { rest.tail() }.unwrap_or(Term::NIL);
        }
        if !rest.is_nil() {
            out.push('|');
            // SAFETY: forwarded from the caller.
            unsafe { show_into(out, rest) };
        }
        out.push(']');
    } else {
        out.push('?');
    }
}

/// A BIF's result as text, or its error.
fn check(result: Result<Term, BifError>) -> Result<String, BifError> {
    result.map(show)
}

type H = CollectingHeap;

#[test]
fn tuple_bifs_read_their_arguments_back_after_collecting() {
    let mut heap = H::new();
    let inner = heap.list(&[H::small(1)]);
    let tuple = heap.tuple(&[H::atom("a"), inner, H::atom("c")]);
    let value = heap.tuple(&[H::atom("v")]);
    // SAFETY: the arguments are valid and no longer used afterwards.
    let result = unsafe { tuple::setelement_3(&mut heap, H::small(3), tuple, value) };
    assert_eq!(check(result).as_deref(), Ok("{a,[1],{v}}"));

    let mut heap = H::new();
    let tuple = heap.tuple(&[H::atom("a"), H::atom("b")]);
    // SAFETY: as above.
    let result = unsafe { tuple::setelement_3(&mut heap, H::small(3), tuple, Term::NIL) };
    assert_eq!(result, Err(BifError::Badarg));

    let mut heap = H::new();
    let pairs = [(2, "b"), (4, "x"), (4, "y")].map(|(position, name)| {
        let pair = [H::small(position), H::atom(name)];
        heap.tuple(&pair)
    });
    let init_list = heap.list(&pairs);
    let default = heap.list(&[H::atom("d")]);
    // SAFETY: as above.
    let result = unsafe { tuple::make_tuple_3(&mut heap, H::small(4), default, init_list) };
    assert_eq!(check(result).as_deref(), Ok("{[d],b,[d],y}"));

    let mut heap = H::new();
    let tuple = heap.tuple(&[H::atom("a")]);
    let element = heap.list(&[H::small(2)]);
    // SAFETY: as above.
    let result = unsafe { tuple::append_element_2(&mut heap, tuple, element) };
    assert_eq!(check(result).as_deref(), Ok("{a,[2]}"));

    let mut heap = H::new();
    let element = heap.tuple(&[H::atom("e")]);
    let tuple = heap.tuple(&[element, element]);
    // SAFETY: as above.
    let result = unsafe { tuple::tuple_to_list_1(&mut heap, tuple) };
    assert_eq!(check(result).as_deref(), Ok("[{e},{e}]"));

    let mut heap = H::new();
    let list = heap.numbers(5);
    // SAFETY: as above.
    let result = unsafe { tuple::list_to_tuple_1(&mut heap, list) };
    assert_eq!(check(result).as_deref(), Ok("{1,2,3,4,5}"));

    let mut heap = H::new();
    let initial = heap.tuple(&[H::atom("i")]);
    // SAFETY: as above.
    let result = unsafe { tuple::make_tuple_2(&mut heap, H::small(2), initial) };
    assert_eq!(check(result).as_deref(), Ok("{{i},{i}}"));
}

#[test]
fn list_bifs_read_their_arguments_back_after_collecting() {
    let mut heap = H::new();
    let front = heap.numbers(3);
    let back = heap.tuple(&[H::atom("t")]);
    // SAFETY: the arguments are valid and no longer used afterwards.
    let result = unsafe { list::append_2(&mut heap, front, back) };
    assert_eq!(check(result).as_deref(), Ok("[1,2,3|{t}]"));

    let mut heap = H::new();
    let elements = [1, 2, 3, 2, 1].map(|n| heap.tuple(&[H::small(n)]));
    let minuend = heap.list(&elements);
    let removals = [2, 1, 9].map(|n| heap.tuple(&[H::small(n)]));
    let subtrahend = heap.list(&removals);
    // SAFETY: as above.
    let result = unsafe { list::subtract_2(&mut heap, minuend, subtrahend) };
    assert_eq!(check(result).as_deref(), Ok("[{3},{2},{1}]"));

    let mut heap = H::new();
    let list = heap.numbers(3);
    let tail = heap.list(&[H::atom("t")]);
    // SAFETY: as above.
    let result = unsafe { lists::reverse_2(&mut heap, &mut crate::budget::Unlimited, list, tail) };
    assert_eq!(check(result).as_deref(), Ok("[3,2,1,t]"));

    let mut heap = H::new();
    let found = heap.tuple(&[H::atom("k"), H::small(2)]);
    let other = heap.tuple(&[H::atom("j"), H::small(1)]);
    let list = heap.list(&[other, found]);
    // SAFETY: as above.
    let result = unsafe { lists::keysearch_3(&mut heap, H::atom("k"), H::small(1), list) };
    assert_eq!(check(result).as_deref(), Ok("{value,{k,2}}"));
}

#[test]
fn long_lists_take_no_native_stack() {
    let n = if cfg!(miri) { 50 } else { 200_000 };
    let mut heap = H::with_room(2 * n as usize);
    let list = heap.numbers(n);
    // SAFETY: the arguments are valid and no longer used afterwards.
    let reversed =
        unsafe { lists::reverse_2(&mut heap, &mut crate::budget::Unlimited, list, Term::NIL) }
            .expect("a list");
    // SAFETY: the argument is the result just built; nothing else is held.
    let tuple = unsafe { tuple::list_to_tuple_1(&mut heap, reversed) }.expect("a tuple");
    // SAFETY: nothing collected since.
    let first = unsafe { tuple::element_2(H::small(1), tuple) };
    assert_eq!(first, Ok(H::small(n)));
    // SAFETY: as above.
    let size = unsafe { tuple::tuple_size_1(tuple) };
    assert_eq!(size, Ok(H::small(n)));
}

#[test]
fn numbers_and_text_are_built_on_the_heap() {
    let mut heap = H::new();
    let big = H::small(1 << 58);
    // SAFETY: the arguments are immediates.
    let result = unsafe { arith::times_2(&mut heap, big, big) };
    assert_eq!(
        check(result).as_deref(),
        Ok("83076749736557242056487941267521536")
    );
    // SAFETY: as above.
    let result = unsafe { arith::minus_2(&mut heap, H::atom("a"), big) };
    assert_eq!(result, Err(BifError::Badarith));
    // SAFETY: as above.
    let result = unsafe { arith::abs_1(&mut heap, H::atom("a")) };
    assert_eq!(result, Err(BifError::Badarg));

    // SAFETY: as above.
    let result = unsafe { int_text::integer_to_list_2(&mut heap, H::small(-255), H::small(16)) };
    assert_eq!(check(result).as_deref(), Ok("[45,70,70]"));
    let mut heap = H::new();
    let digits = [b'1'; 30].map(|digit| H::small(i64::from(digit)));
    let list = heap.list(&digits);
    // SAFETY: as above.
    let result = unsafe { int_text::list_to_integer_1(&mut heap, list) };
    assert_eq!(
        check(result).as_deref(),
        Ok("111111111111111111111111111111")
    );

    // SAFETY: as above.
    let result = unsafe { atom::atom_to_list_1(&mut heap, H::atom("ab")) };
    assert_eq!(check(result).as_deref(), Ok("[97,98]"));
    // SAFETY: as above.
    let result = unsafe { atom::atom_to_binary_2(&mut heap, H::atom("ab"), H::atom("latin1")) };
    assert_eq!(check(result).as_deref(), Ok("<<[97, 98]>>"));
}

#[test]
fn binaries_and_iolists_are_read_before_collecting() {
    type H = CollectingHeap;
    let mut heap = H::new();
    let bytes = build::heap_binary(&mut heap, b"bc").expect("room");
    let inner = heap.list(&[bytes, H::small(100)]);
    let iolist = heap.list(&[H::small(97), inner, H::small(101)]);
    // SAFETY: the arguments are valid; nothing has collected since they
    // were built.
    let result =
        unsafe { binary::list_to_binary_1(&mut heap, &mut crate::budget::Unlimited, iolist) };
    assert_eq!(check(result).as_deref(), Ok("<<[97, 98, 99, 100, 101]>>"));

    let mut heap = H::new();
    let bytes = build::heap_binary(&mut heap, &[0, 255]).expect("room");
    // SAFETY: as above.
    let result = unsafe { binary::binary_to_list_1(&mut heap, bytes) };
    assert_eq!(check(result).as_deref(), Ok("[0,255]"));

    let mut heap = H::new();
    let bad = heap.list(&[H::small(256)]);
    // SAFETY: as above.
    let result = unsafe { binary::iolist_size_1(bad) };
    assert_eq!(result, Err(BifError::Badarg));
    // SAFETY: as above.
    let result =
        unsafe { binary::list_to_binary_1(&mut heap, &mut crate::budget::Unlimited, H::atom("a")) };
    assert_eq!(result, Err(BifError::Badarg));
}
