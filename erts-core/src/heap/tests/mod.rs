//! Collector tests: random term trees kept only in roots survive torture
//! collections and garbage unchanged; refc binaries are released exactly
//! when unreachable; deep copies, fragments, literals and very long lists.

mod magic;
mod model;

use proptest::prelude::*;

use super::*;
use crate::refc_binary::SharedBinary;
use crate::term::build;
use crate::term::{LiteralArea, Term};
use model::{check, model, reachable_proc_bins, Builder, Expect, Model, Sharing, SHARED_BINARIES};

fn shared_pool() -> Vec<SharedBinary> {
    (0..SHARED_BINARIES)
        .map(|index| SharedBinary::new(vec![index as u8; 10 + index]))
        .collect()
}

fn torture_config() -> HeapConfig {
    HeapConfig {
        min_heap_size: 13,
        fullsweep_after: 3,
        torture: true,
        ..HeapConfig::default()
    }
}

fn small_heap_config() -> HeapConfig {
    HeapConfig {
        min_heap_size: 13,
        fullsweep_after: 5,
        torture: false,
        ..HeapConfig::default()
    }
}

/// Allocates `words` of unreachable objects: tuples that point at live
/// terms, cons cells, floats and ProcBins.
fn make_garbage(builder: &mut Builder<'_>, words: usize) {
    let mut made = 0;
    while made < words {
        builder.ensure(3);
        let live = builder.stack.last().copied().unwrap_or(Term::NIL);
        build::tuple(builder.heap, &[live, Term::NIL]).unwrap();
        builder.ensure(2);
        build::cons(builder.heap, live, live).unwrap();
        builder.ensure(3);
        build::refc_binary(builder.heap, &builder.shared[made % SHARED_BINARIES]).unwrap();
        made += 8;
    }
}

/// Builds `models` interleaved with garbage, collects, and checks that the
/// heap holds exactly the models and their ProcBins.
fn survive(
    config: HeapConfig,
    models: &[Model],
    garbage_words: usize,
) -> Result<(), TestCaseError> {
    let pool = shared_pool();
    let mut heap = Heap::new(config).unwrap();
    let mut builder = Builder {
        heap: &mut heap,
        stack: Vec::new(),
        shared: &pool,
    };
    for model in models {
        builder.build(model);
        make_garbage(&mut builder, garbage_words);
    }
    let mut roots = std::mem::take(&mut builder.stack);
    let expect = Expect {
        pool: &pool,
        sharing: Sharing::Kept,
    };
    for (term, model) in roots.iter().zip(models) {
        // SAFETY: no collection since the roots were last updated.
        unsafe { check(*term, model, expect) }.map_err(TestCaseError::fail)?;
    }
    // SAFETY: `roots` holds every live term.
    unsafe { heap.collect_full(0, &mut [&mut roots[..]]) }.unwrap();
    for (term, model) in roots.iter().zip(models) {
        // SAFETY: as above.
        unsafe { check(*term, model, expect) }.map_err(TestCaseError::fail)?;
    }
    // SAFETY: as above.
    let reachable = unsafe { reachable_proc_bins(&roots) };
    prop_assert_eq!(heap.off_heap_count(), reachable.values().sum::<usize>());
    for binary in &pool {
        let live = reachable
            .get(&binary.as_bytes().as_ptr())
            .copied()
            .unwrap_or(0);
        prop_assert_eq!(binary.ref_count(), 1 + live);
    }
    drop(heap);
    for binary in &pool {
        prop_assert_eq!(binary.ref_count(), 1);
    }
    Ok(())
}

proptest! {
    #![proptest_config(crate::test_support::proptest_config(48))]

    #[test]
    fn terms_survive_torture_collections(models in proptest::collection::vec(model(), 1..5)) {
        survive(torture_config(), &models, 40)?;
    }

    #[test]
    fn terms_survive_growing_and_shrinking_heaps(models in proptest::collection::vec(model(), 1..5)) {
        let garbage = if cfg!(miri) { 200 } else { 4000 };
        survive(small_heap_config(), &models, garbage)?;
    }

    #[test]
    fn deep_copies_match_and_fragments_are_swept_in(model in model()) {
        let pool = shared_pool();
        let mut source = Heap::new(HeapConfig::default()).unwrap();
        let mut builder = Builder { heap: &mut source, stack: Vec::new(), shared: &pool };
        builder.build(&model);
        let original = builder.stack[0];
        // SAFETY: `original` is rooted in nothing but no collection runs
        // while it is read.
        let size = unsafe { size_of_term(original) };
        let mut fragment = HeapFragment::with_capacity(size).unwrap();
        // SAFETY: as above.
        let copy = unsafe { copy_term(original, &mut fragment) }.unwrap();
        prop_assert_eq!(fragment.free_words(), 0);
        drop(source);

        let mut heap = Heap::new(torture_config()).unwrap();
        heap.attach_fragment(fragment);
        prop_assert_eq!(heap.fragment_words(), size);
        let expect = Expect { pool: &pool, sharing: Sharing::Duplicated };
        // SAFETY: the fragment holding `copy` is attached and not collected.
        unsafe { check(copy, &model, expect) }.map_err(TestCaseError::fail)?;
        let mut roots = [copy];
        // SAFETY: `roots` holds the only live term.
        unsafe { heap.collect(0, &mut [&mut roots[..]]) }.unwrap();
        prop_assert_eq!(heap.fragment_words(), 0);
        // SAFETY: `roots` was updated by the collection.
        unsafe { check(roots[0], &model, expect) }.map_err(TestCaseError::fail)?;
        drop(heap);
        for binary in &pool {
            prop_assert_eq!(binary.ref_count(), 1);
        }
    }
}

/// Collects with `roots` as the only roots, by `collect` or a full sweep.
fn collect_one(heap: &mut Heap, roots: &mut [Term], full: bool) -> Option<CollectionKind> {
    collect_for(heap, 0, roots, full)
}

/// As `collect_one`, leaving `need` words available.
fn collect_for(
    heap: &mut Heap,
    need: usize,
    roots: &mut [Term],
    full: bool,
) -> Option<CollectionKind> {
    if full {
        // SAFETY: the tests keep every live term in `roots`.
        unsafe { heap.collect_full(need, &mut [roots]) }.unwrap();
        return None;
    }
    // SAFETY: as above.
    Some(unsafe { heap.collect(need, &mut [roots]) }.unwrap())
}

#[test]
fn refc_binaries_are_released_exactly_when_unreachable() {
    let kept = SharedBinary::new(b"kept".to_vec());
    let dropped = SharedBinary::new(b"dropped".to_vec());
    let config = HeapConfig {
        fullsweep_after: 10,
        ..HeapConfig::default()
    };
    let mut heap = Heap::new(config).unwrap();
    let mut roots = [build::refc_binary(&mut heap, &kept).unwrap(), Term::NIL];
    build::refc_binary(&mut heap, &dropped).unwrap();
    assert_eq!((kept.ref_count(), dropped.ref_count()), (2, 2));

    assert_eq!(
        collect_one(&mut heap, &mut roots, false),
        Some(CollectionKind::Minor)
    );
    assert_eq!((kept.ref_count(), dropped.ref_count()), (2, 1));

    // A second minor collection promotes the ProcBin; once unreachable, only
    // a full sweep releases it.
    assert_eq!(
        collect_one(&mut heap, &mut roots, false),
        Some(CollectionKind::Minor)
    );
    assert!(heap.old_used() > 0);
    roots[0] = Term::NIL;
    collect_one(&mut heap, &mut roots, false);
    assert_eq!(kept.ref_count(), 2);
    collect_one(&mut heap, &mut roots, true);
    assert_eq!(kept.ref_count(), 1);
    assert_eq!(heap.off_heap_count(), 0);
}

#[test]
fn full_sweeps_follow_fullsweep_after() {
    let config = HeapConfig {
        fullsweep_after: 2,
        ..HeapConfig::default()
    };
    let mut heap = Heap::new(config).unwrap();
    let mut roots = [build::tuple(&mut heap, &[Term::NIL]).unwrap()];
    let kinds: Vec<_> = (0..4)
        .map(|_| collect_one(&mut heap, &mut roots, false))
        .collect();
    use CollectionKind::{Major, Minor};
    assert_eq!(kinds, [Some(Minor), Some(Minor), Some(Major), Some(Minor)]);
    // SAFETY: `roots` was updated by the last collection.
    assert_eq!(unsafe { roots[0].tuple_elements() }, Some(&[Term::NIL][..]));
}

#[test]
fn long_list_survives_collection() {
    let length: usize = if cfg!(miri) { 1000 } else { 10_000_000 };
    let mut heap = Heap::new(HeapConfig::default()).unwrap();
    let mut roots = [Term::NIL];
    collect_for(&mut heap, 2 * length, &mut roots, false);
    for value in 0..length {
        let head = Term::small(value as i64).unwrap();
        roots[0] = build::cons(&mut heap, head, roots[0]).unwrap();
    }
    collect_one(&mut heap, &mut roots, false);
    collect_one(&mut heap, &mut roots, false);
    collect_one(&mut heap, &mut roots, true);
    let mut rest = roots[0];
    for expected in (0..length).rev() {
        // SAFETY: `roots` was updated by the last collection.
        let (head, tail) = unsafe { (rest.head(), rest.tail()) };
        assert_eq!(head.and_then(Term::as_small), Some(expected as i64));
        rest = tail.unwrap();
    }
    assert!(rest.is_nil());
    assert_eq!(heap.young_used(), 2 * length);
}

#[test]
fn literals_and_non_term_root_words_are_left_alone() {
    let mut literals = LiteralArea::new();
    let literal = build::tuple(&mut literals, &[Term::small(7).unwrap()]).unwrap();
    let mut heap = Heap::new(torture_config()).unwrap();
    let holder = build::tuple(&mut heap, &[literal]).unwrap();
    // SAFETY: a header-tagged word is allowed in a root slot, where frames
    // keep resume points; the collector leaves it alone.
    let resume_point = unsafe { Term::from_bits(0x1230) };
    let mut roots = [holder, literal, resume_point, Term::catch_tag(5)];
    collect_one(&mut heap, &mut roots, false);
    // The young generation was copied while the old one still existed.
    assert_ne!(roots[0], holder);
    collect_one(&mut heap, &mut roots, true);
    assert_eq!(roots[1..], [literal, resume_point, Term::catch_tag(5)]);
    // SAFETY: `roots` was updated by the last collection.
    assert_eq!(unsafe { roots[0].tuple_elements() }, Some(&[literal][..]));
}

#[test]
fn heap_grows_with_live_data_and_shrinks_after() {
    let length = if cfg!(miri) { 300 } else { 50_000 };
    let mut heap = Heap::new(HeapConfig::default()).unwrap();
    let minimum = heap.young_capacity();
    let mut roots = [Term::NIL];
    for value in 0..length {
        let head = Term::small(value).unwrap();
        if heap.available() < 2 {
            collect_for(&mut heap, 2, &mut roots, false);
        }
        roots[0] = build::cons(&mut heap, head, roots[0]).unwrap();
    }
    collect_one(&mut heap, &mut roots, true);
    assert!(heap.young_capacity() >= 2 * length as usize);
    roots[0] = Term::NIL;
    collect_one(&mut heap, &mut roots, true);
    assert_eq!(heap.young_capacity(), minimum);
}

#[test]
fn oversized_requests_are_errors() {
    let mut heap = Heap::new(HeapConfig::default()).unwrap();
    let mut roots = [Term::NIL];
    // SAFETY: `roots` holds every live term.
    let result = unsafe { heap.collect(usize::MAX / 2, &mut [&mut roots[..]]) };
    assert_eq!(result, Err(HeapError::SizeLimit));
    assert!(heap.alloc(1).is_some());
}

#[test]
fn a_full_old_generation_forces_a_full_sweep() {
    let length = if cfg!(miri) { 2000 } else { 20_000 };
    let config = HeapConfig {
        fullsweep_after: u32::MAX,
        ..HeapConfig::default()
    };
    let mut heap = Heap::new(config).unwrap();
    let mut roots = [Term::NIL];
    let mut kinds = Vec::new();
    for value in 0..length {
        if heap.available() < 2 {
            kinds.push(collect_for(&mut heap, 2, &mut roots, false));
        }
        roots[0] = build::cons(&mut heap, Term::small(value).unwrap(), roots[0]).unwrap();
    }
    assert!(kinds.contains(&Some(CollectionKind::Minor)));
    assert!(kinds.contains(&Some(CollectionKind::Major)));
    // SAFETY: `roots` was updated by the last collection.
    let newest = unsafe { roots[0].head() }.and_then(Term::as_small);
    assert_eq!(newest, Some(length - 1));
}

#[test]
fn a_hash_map_of_binaries_and_lists_survives_torture_collections() {
    let value = |index: u8| match index % 3 {
        0 => Model::HeapBinary(vec![index; usize::from(index)]),
        1 => Model::RefcBinary(usize::from(index) % SHARED_BINARIES),
        _ => Model::List(vec![Model::Small(i64::from(index))], Box::new(Model::Nil)),
    };
    let hash_map = Model::HashMap {
        first: -20,
        step: 3,
        values: (0..45).map(value).collect(),
    };
    let nested = Model::HashMap {
        first: 1,
        step: 1,
        values: std::iter::once(hash_map.clone())
            .chain((0..35).map(Model::Small))
            .collect(),
    };
    survive(torture_config(), &[hash_map, nested], 40).unwrap();
}

/// Appending in place to a writable binary: the older ProcBin keeps its
/// own bytes, a collection keeps the buffer alive and still, and a copy
/// (what a message is) makes the binary read-only.
#[test]
fn writable_binaries_grow_under_older_proc_bins() {
    let mut heap = Heap::new(HeapConfig::default()).unwrap();
    let mut bytes = Vec::with_capacity(64);
    bytes.extend_from_slice(b"head");
    let binary = SharedBinary::new_writable(bytes, 32);
    let old = build::refc_binary(&mut heap, &binary).unwrap();
    // SAFETY: this thread owns the binary and holds no slice of it.
    assert!(unsafe { binary.append_raw(32, b"-tail", 40) });
    let new = build::refc_binary(&mut heap, &binary).unwrap();
    let mut roots = [old, new];
    // SAFETY: every live term is in `roots`.
    unsafe { heap.collect(0, &mut [&mut roots]) }.unwrap();
    let [old, new] = roots;
    // SAFETY: the terms were rewritten by the collection and nothing ran
    // since.
    unsafe {
        assert_eq!(old.binary_bytes(), Some(&b"head"[..]));
        assert_eq!(new.binary_bytes(), Some(&b"head-tail"[..]));
    }
    // Appending through the old ProcBin is refused: bits were appended
    // through another since.
    // SAFETY: as above.
    assert!(!unsafe { binary.append_raw(32, b"!", 8) });
    let mut fragment = HeapFragment::with_capacity(3).unwrap();
    // SAFETY: `new` is valid and nothing collects during the copy.
    let copy = unsafe { copy_term(new, &mut fragment) }.unwrap();
    assert!(!binary.is_writable(), "a copy may reach another process");
    // SAFETY: as above.
    assert!(!unsafe { binary.append_raw(72, b"!", 8) });
    // SAFETY: the fragment is alive and unmoved.
    unsafe { assert_eq!(copy.binary_bytes(), Some(&b"head-tail"[..])) };
    drop(fragment);
    drop(heap);
    assert_eq!(binary.ref_count(), 1);
}
