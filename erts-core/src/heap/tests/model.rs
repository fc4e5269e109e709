//! An owned model of terms for the collector tests: random trees of every
//! object kind, built onto a heap (collecting as they go) and compared
//! structurally with what the heap holds afterwards.

use std::collections::HashMap;

use proptest::prelude::*;

use crate::heap::Heap;
use crate::map;
use crate::refc_binary::SharedBinary;
use crate::term::build::{self, ExternalKind};
use crate::term::tag::Subtag;
use crate::term::Term;
use crate::Atom;

/// Shared binaries the models refer to by index.
pub(super) const SHARED_BINARIES: usize = 4;

#[derive(Clone, Debug)]
pub(super) enum Model {
    Small(i64),
    Atom(Atom),
    Nil,
    Float(u64),
    Bignum {
        negative: bool,
        digits: Vec<u64>,
    },
    HeapBinary(Vec<u8>),
    RefcBinary(usize),
    Reference(Vec<u64>),
    External(u64),
    Export(u8),
    Tuple(Vec<Model>),
    List(Vec<Model>, Box<Model>),
    /// A 2-tuple whose two elements are the same object.
    SharedPair(Box<Model>),
    SubBinary {
        original: Box<Model>,
        bit_offset: u64,
        bit_size: u64,
    },
    Map(Vec<Model>, Vec<Model>),
    Fun(u64, Vec<Model>),
    /// A hash map (more than 32 keys) of the keys `first + index * step`
    /// to the values, built with `map::MapPlan`.
    HashMap {
        first: i32,
        step: i32,
        values: Vec<Model>,
    },
}

fn leaf() -> impl Strategy<Value = Model> {
    let binary = prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..40).prop_map(Model::HeapBinary),
        (0..SHARED_BINARIES).prop_map(Model::RefcBinary),
    ];
    prop_oneof![
        (Term::MIN_SMALL..=Term::MAX_SMALL).prop_map(Model::Small),
        prop_oneof![Just(Atom::OK), Just(Atom::ERROR), Just(Atom::TRUE)].prop_map(Model::Atom),
        Just(Model::Nil),
        any::<u64>().prop_map(Model::Float),
        (any::<bool>(), proptest::collection::vec(any::<u64>(), 1..4))
            .prop_map(|(negative, digits)| Model::Bignum { negative, digits }),
        binary.clone(),
        (binary, 0u64..16, 0u64..32).prop_map(|(original, bit_offset, bit_size)| {
            Model::SubBinary {
                original: Box::new(original),
                bit_offset,
                bit_size,
            }
        }),
        proptest::collection::vec(any::<u64>(), 1..4).prop_map(Model::Reference),
        any::<u64>().prop_map(Model::External),
        any::<u8>().prop_map(Model::Export),
    ]
}

pub(super) fn model() -> impl Strategy<Value = Model> {
    // Hash maps of 33 or more trees are slow to build under torture in
    // Miri; there a named test builds one instead.
    let hash_map_weight = if cfg!(miri) { 0 } else { 1 };
    leaf().prop_recursive(5, 96, 6, move |inner| {
        let items = proptest::collection::vec(inner.clone(), 0..6);
        prop_oneof![
            1 => items.clone().prop_map(Model::Tuple),
            1 => (items.clone(), prop_oneof![Just(Model::Nil), inner.clone()])
                .prop_map(|(elements, tail)| Model::List(elements, Box::new(tail))),
            1 => inner
                .clone()
                .prop_map(|shared| Model::SharedPair(Box::new(shared))),
            1 => proptest::collection::vec((inner.clone(), inner.clone()), 0..4)
                .prop_map(|pairs| pairs.into_iter().unzip())
                .prop_map(|(keys, values)| Model::Map(keys, values)),
            1 => (any::<u64>(), items).prop_map(|(entry, environment)| Model::Fun(entry, environment)),
            hash_map_weight => (
                any::<i32>(),
                1..1000i32,
                proptest::collection::vec(inner.clone(), 33..50)
            )
                .prop_map(|(first, step, values)| Model::HashMap {
                    first,
                    step,
                    values
                }),
        ]
    })
}

/// Builds models on a heap, collecting whenever it is full. `stack` is the
/// only root: it holds finished terms and the parts of unfinished ones.
pub(super) struct Builder<'a> {
    pub(super) heap: &'a mut Heap,
    pub(super) stack: Vec<Term>,
    pub(super) shared: &'a [SharedBinary],
}

impl Builder<'_> {
    /// Makes `words` available, collecting with the stack as the roots.
    pub(super) fn ensure(&mut self, words: usize) {
        if self.heap.available() < words {
            // SAFETY: every live term of the heap is on the stack.
            unsafe { self.heap.collect(words, &mut [&mut self.stack[..]]) }.unwrap();
        }
    }

    /// Builds `model` and pushes it on the stack.
    pub(super) fn build(&mut self, model: &Model) {
        let pool = self.shared;
        let term = match model {
            Model::Small(value) => Term::small(*value).unwrap(),
            Model::Atom(atom) => Term::atom(*atom),
            Model::Nil => Term::NIL,
            Model::Float(bits) => self.object(2, |heap| build::float(heap, f64::from_bits(*bits))),
            Model::Bignum { negative, digits } => self.object(1 + digits.len(), |heap| {
                build::bignum(heap, *negative, digits)
            }),
            Model::HeapBinary(bytes) => self
                .object(build::heap_binary_words(bytes.len()), |heap| {
                    build::heap_binary(heap, bytes)
                }),
            Model::RefcBinary(index) => {
                self.object(3, |heap| build::refc_binary(heap, &pool[*index]))
            }
            Model::Reference(words) => {
                self.object(1 + words.len(), |heap| build::reference(heap, words))
            }
            Model::External(id) => self.object(4, |heap| {
                build::external(heap, ExternalKind::Ref, Atom::NONODE_NOHOST, 3, &[*id])
            }),
            Model::Export(arity) => self.object(4, |heap| {
                build::export(heap, Atom::ERLANG, Atom::UNDEFINED, *arity)
            }),
            Model::Tuple(elements) => {
                let first = self.build_all(elements);
                self.ensure(1 + elements.len());
                let tuple = build::tuple(self.heap, &self.stack[first..]).unwrap();
                self.stack.truncate(first);
                tuple
            }
            Model::List(elements, tail) => {
                let first = self.build_all(elements);
                self.build(tail);
                self.ensure(2 * elements.len());
                let tail = self.stack.pop().unwrap();
                let list = build::list(self.heap, &self.stack[first..], tail).unwrap();
                self.stack.truncate(first);
                list
            }
            Model::SharedPair(shared) => {
                self.build(shared);
                self.ensure(3);
                let shared = self.stack.pop().unwrap();
                build::tuple(self.heap, &[shared, shared]).unwrap()
            }
            Model::SubBinary {
                original,
                bit_offset,
                bit_size,
            } => {
                self.build(original);
                self.ensure(4);
                let original = self.stack.pop().unwrap();
                build::sub_binary(self.heap, original, *bit_offset, *bit_size).unwrap()
            }
            Model::Map(keys, values) => {
                let first = self.build_all(keys);
                self.build_all(values);
                self.ensure(3 + keys.len() + values.len());
                let (keys, values) = self.stack[first..].split_at(keys.len());
                let keys_tuple = build::tuple(self.heap, keys).unwrap();
                let map = build::flat_map(self.heap, keys_tuple, values).unwrap();
                self.stack.truncate(first);
                map
            }
            Model::Fun(entry, environment) => {
                let first = self.build_all(environment);
                self.ensure(2 + environment.len());
                let fun = build::fun(self.heap, *entry, &self.stack[first..]).unwrap();
                self.stack.truncate(first);
                fun
            }
            Model::HashMap {
                first: first_key,
                step,
                values,
            } => {
                let first = self.build_all(values);
                let words = self.hash_map_plan(first, *first_key, *step).words();
                self.ensure(words);
                // Planned again: the collection may have moved the values.
                let plan = self.hash_map_plan(first, *first_key, *step);
                // SAFETY: nothing collected since the plan was made.
                let map = unsafe { plan.build(self.heap) }.unwrap();
                self.stack.truncate(first);
                map
            }
        };
        self.stack.push(term);
    }

    /// The plan of a hash map from the keys `first_key + index * step` to
    /// the values on the stack from `first`.
    fn hash_map_plan(&self, first: usize, first_key: i32, step: i32) -> map::MapPlan {
        let pairs = self.stack[first..]
            .iter()
            .enumerate()
            .map(|(index, value)| (hash_map_key(first_key, step, index), *value))
            .collect();
        // SAFETY: the stack's terms are valid; nothing collects meanwhile.
        unsafe { map::MapPlan::new(pairs) }
    }

    /// Builds each model, leaving them on the stack; returns where the
    /// first one is.
    fn build_all(&mut self, models: &[Model]) -> usize {
        let first = self.stack.len();
        for model in models {
            self.build(model);
        }
        first
    }

    /// Allocates room, then builds one object that needs no stack terms.
    fn object(&mut self, words: usize, make: impl FnOnce(&mut Heap) -> Option<Term>) -> Term {
        self.ensure(words);
        make(self.heap).unwrap()
    }
}

/// Key `index` of a `Model::HashMap`: distinct for distinct indexes.
fn hash_map_key(first_key: i32, step: i32, index: usize) -> Term {
    Term::small(i64::from(first_key) + i64::from(step) * index as i64).unwrap()
}

/// Whether copies keep shared subterms shared (collections do, deep copies
/// between heaps do not).
#[derive(Clone, Copy)]
pub(super) enum Sharing {
    Kept,
    Duplicated,
}

/// The shared binaries and sharing rule a check compares against.
#[derive(Clone, Copy)]
pub(super) struct Expect<'a> {
    pub(super) pool: &'a [SharedBinary],
    pub(super) sharing: Sharing,
}

/// Checks that `term` has the structure of `model`, and (if sharing is
/// kept) that the two elements of a shared pair are one object.
///
/// # Safety
///
/// `term` must be valid (no collection since it was read from a root).
pub(super) unsafe fn check(term: Term, model: &Model, expect: Expect<'_>) -> Result<(), String> {
    let pool = expect.pool;
    let mismatch = || Err(format!("{term:?} is not {model:?}"));
    // SAFETY: `term` and every term read from it are valid (caller's contract).
    unsafe {
        let matched = match model {
            Model::Small(value) => term.as_small() == Some(*value),
            Model::Atom(atom) => term.as_atom() == Some(*atom),
            Model::Nil => term.is_nil(),
            Model::Float(bits) => term.float_value().map(f64::to_bits) == Some(*bits),
            Model::Bignum { negative, digits } => {
                term.bignum_digits() == Some((*negative, &digits[..]))
            }
            Model::HeapBinary(bytes) => {
                term.header().map(|header| header.subtag()) == Some(Subtag::HeapBinary)
                    && term.binary_bytes() == Some(&bytes[..])
            }
            Model::RefcBinary(index) => {
                term.header().map(|header| header.subtag()) == Some(Subtag::RefcBinary)
                    && term.binary_bytes().map(<[u8]>::as_ptr)
                        == Some(pool[*index].as_bytes().as_ptr())
            }
            Model::Reference(words) => term.reference_words() == Some(&words[..]),
            Model::External(id) => term.external().is_some_and(|external| {
                (external.kind, external.node, external.creation, external.id)
                    == (ExternalKind::Ref, Atom::NONODE_NOHOST, 3, &[*id][..])
            }),
            Model::Export(arity) => {
                term.export_parts() == Some((Atom::ERLANG, Atom::UNDEFINED, *arity))
            }
            Model::Tuple(models) => {
                let Some(elements) = term.tuple_elements() else {
                    return mismatch();
                };
                return check_all(elements, models, expect).or_else(|_| mismatch());
            }
            Model::List(models, tail_model) => {
                let mut rest = term;
                for model in models {
                    let (Some(head), Some(tail)) = (rest.head(), rest.tail()) else {
                        return mismatch();
                    };
                    check(head, model, expect)?;
                    rest = tail;
                }
                return check(rest, tail_model, expect);
            }
            Model::SharedPair(shared) => {
                let Some(&[first, second]) = term.tuple_elements() else {
                    return mismatch();
                };
                if first != second && matches!(expect.sharing, Sharing::Kept) {
                    return Err(format!("shared element copied twice: {first:?} {second:?}"));
                }
                return check(first, shared, expect);
            }
            Model::SubBinary {
                original,
                bit_offset,
                bit_size,
            } => {
                let Some(sub) = term.sub_binary() else {
                    return mismatch();
                };
                if (sub.bit_offset, sub.bit_size) != (*bit_offset, *bit_size) {
                    return mismatch();
                }
                return check(sub.original, original, expect);
            }
            Model::Map(keys, values) => {
                let Some((keys_tuple, value_terms)) = term.flat_map_parts() else {
                    return mismatch();
                };
                check(keys_tuple, &Model::Tuple(keys.clone()), expect)?;
                return check_all(value_terms, values, expect);
            }
            Model::Fun(entry, environment) => {
                let Some((fun_entry, terms)) = term.fun_parts() else {
                    return mismatch();
                };
                if fun_entry != *entry {
                    return mismatch();
                }
                return check_all(terms, environment, expect);
            }
            Model::HashMap {
                first,
                step,
                values,
            } => {
                if map::size(term) != Ok(values.len()) {
                    return mismatch();
                }
                for (index, value) in values.iter().enumerate() {
                    let Ok(Some(found)) = map::get(term, hash_map_key(*first, *step, index)) else {
                        return mismatch();
                    };
                    check(found, value, expect)?;
                }
                return Ok(());
            }
        };
        if matched {
            Ok(())
        } else {
            mismatch()
        }
    }
}

/// # Safety
///
/// As for [`check`].
unsafe fn check_all(terms: &[Term], models: &[Model], expect: Expect<'_>) -> Result<(), String> {
    if terms.len() != models.len() {
        return Err(format!("{} terms for {} models", terms.len(), models.len()));
    }
    for (term, model) in terms.iter().zip(models) {
        // SAFETY: forwarded from the caller.
        unsafe { check(*term, model, expect)? };
    }
    Ok(())
}

/// Counts the distinct ProcBins reachable from `roots`, by the address of
/// their bytes.
///
/// # Safety
///
/// As for [`check`], for every root.
pub(super) unsafe fn reachable_proc_bins(roots: &[Term]) -> HashMap<*const u8, usize> {
    let mut counts = HashMap::new();
    let mut visited = std::collections::HashSet::new();
    let mut pending = roots.to_vec();
    while let Some(term) = pending.pop() {
        let Some(address) = term.pointer() else {
            continue;
        };
        if !visited.insert(address) {
            continue;
        }
        // SAFETY: every term reached from valid roots is valid.
        unsafe {
            if let (Some(head), Some(tail)) = (term.head(), term.tail()) {
                pending.extend([head, tail]);
                continue;
            }
            let header = term.header().unwrap();
            if header.subtag() == Subtag::RefcBinary {
                *counts
                    .entry(term.binary_bytes().unwrap().as_ptr())
                    .or_insert(0) += 1;
            }
            let body = term.boxed_body().unwrap();
            let children = body[header.raw_prefix_words()..].iter();
            pending.extend(children.map(|&word| Term::from_bits(word)));
        }
    }
    counts
}
