//! Magic references: they read, compare, hash and encode as the plain
//! reference with their number, and the collector, copies, fragments and
//! dying heaps keep their resource exactly as long as a term refers to it.

use std::any::Any;
use std::sync::Arc;

use super::{collect_one, torture_config};
use crate::heap::{copy_term, size_of_term, Heap, HeapConfig, HeapFragment};
use crate::magic_ref::Resource;
use crate::term::build;
use crate::term::{LiteralArea, Term};

const NUMBER: [u64; 3] = [7, 0xdead_beef, 42];

fn resource(value: u64) -> Resource {
    Arc::new(value)
}

/// How many handles hold `resource`, the test's own included.
fn holders(resource: &Resource) -> usize {
    Arc::strong_count(resource)
}

#[test]
fn magic_references_behave_as_their_plain_reference() {
    let mut area = LiteralArea::new();
    let value = resource(5);
    let magic = build::magic_reference(&mut area, &NUMBER, &value).unwrap();
    let plain = build::reference(&mut area, &NUMBER).unwrap();
    let other = build::reference(&mut area, &[8, 0xdead_beef, 42]).unwrap();
    // SAFETY: every term lives in `area`, which is never freed.
    unsafe {
        assert_eq!(magic.reference_words(), Some(&NUMBER[..]));
        let read: &Resource = magic.magic_resource().unwrap();
        assert_eq!(read.downcast_ref::<u64>(), Some(&5));
        assert!(plain.magic_resource().is_none());
        assert!(Term::NIL.magic_resource().is_none());
        assert!(crate::eq_exact(magic, plain));
        assert!(crate::eq(magic, plain));
        assert_eq!(crate::compare(magic, plain), std::cmp::Ordering::Equal);
        assert_eq!(crate::compare(magic, other), crate::compare(plain, other));
        assert_eq!(crate::phash2(magic), crate::phash2(plain));
        let options = crate::EncodeOptions::default();
        let encoded = crate::term_to_binary(magic, &options).unwrap();
        assert_eq!(Ok(encoded.clone()), crate::term_to_binary(plain, &options));
        let decoded = crate::binary_to_term(&encoded, &Default::default()).unwrap();
        assert!(crate::eq_exact(decoded.term, magic));
        assert!(
            decoded.term.magic_resource().is_none(),
            "decoding gives a plain reference"
        );
        assert_eq!(size_of_term(magic), 5);
    }
    assert_eq!(holders(&value), 2, "the literal keeps its count forever");
}

#[test]
fn collections_keep_reachable_resources_and_free_the_rest() {
    let kept = resource(1);
    let dropped = resource(2);
    let mut heap = Heap::new(torture_config()).unwrap();
    let mut roots = [Term::NIL, Term::NIL];
    roots[0] = build::magic_reference(&mut heap, &NUMBER, &kept).unwrap();
    build::magic_reference(&mut heap, &NUMBER, &dropped).unwrap();
    assert_eq!((holders(&kept), holders(&dropped)), (2, 2));
    assert_eq!(heap.off_heap_count(), 2);

    collect_one(&mut heap, &mut roots, false);
    assert_eq!((holders(&kept), holders(&dropped)), (2, 1));
    // Promoted by a second minor collection, then unreachable: the full
    // sweep frees it.
    collect_one(&mut heap, &mut roots, false);
    collect_one(&mut heap, &mut roots, false);
    // SAFETY: `roots` was updated by the collections.
    let read = unsafe { roots[0].magic_resource() }.map(Arc::clone);
    assert_eq!(read.and_then(|r| r.downcast_ref::<u64>().copied()), Some(1));
    roots[0] = Term::NIL;
    collect_one(&mut heap, &mut roots, true);
    assert_eq!(holders(&kept), 1);
    assert_eq!(heap.off_heap_count(), 0);
}

#[test]
fn copies_keep_the_resource_after_the_original_heap_dies() {
    let value = resource(3);
    let mut source = Heap::new(HeapConfig::default()).unwrap();
    let magic = build::magic_reference(&mut source, &NUMBER, &value).unwrap();
    let tuple = build::tuple(&mut source, &[magic, magic]).unwrap();
    // SAFETY: no collection runs while the source terms are read.
    let size = unsafe { size_of_term(tuple) };
    let mut fragment = HeapFragment::with_capacity(size).unwrap();
    // SAFETY: as above.
    let copy = unsafe { copy_term(tuple, &mut fragment) }.unwrap();
    assert_eq!(holders(&value), 2, "one cell, counted by three objects");
    drop(source);
    assert_eq!(holders(&value), 2);

    let mut heap = Heap::new(torture_config()).unwrap();
    heap.attach_fragment(fragment);
    let mut roots = [copy];
    collect_one(&mut heap, &mut roots, true);
    assert_eq!(
        heap.off_heap_count(),
        2,
        "the shared subterm was copied twice"
    );
    // SAFETY: `roots` was updated by the collection.
    let elements = unsafe { roots[0].tuple_elements() }.unwrap().to_vec();
    for element in elements {
        // SAFETY: as above.
        let read = unsafe { element.magic_resource() }.unwrap();
        assert!(Arc::ptr_eq(read, &value));
    }
    drop(heap);
    assert_eq!(
        holders(&value),
        1,
        "a dying heap releases its magic references"
    );
}

#[test]
fn a_dropped_fragment_releases_its_magic_references() {
    let value: Arc<dyn Any + Send + Sync> = resource(4);
    let mut fragment = HeapFragment::with_capacity(10).unwrap();
    build::magic_reference(&mut fragment, &NUMBER, &value).unwrap();
    assert_eq!(holders(&value), 2);
    drop(fragment);
    assert_eq!(holders(&value), 1);
}
