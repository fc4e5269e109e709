//! Tests of the immediate encoding and of building and reading objects.

use proptest::prelude::*;

use super::build::{self, ExternalKind};
use super::tag::{Subtag, PRIMARY_HEADER, PRIMARY_MASK};
use super::*;
use crate::refc_binary::SharedBinary;

#[test]
fn nil_and_tags() {
    assert_eq!(Term::NIL.bits(), 0x3b);
    assert!(Term::NIL.is_nil() && Term::NIL.is_immediate());
    assert!(!Term::NIL.is_atom() && !Term::NIL.is_list() && !Term::NIL.is_small());
    let one = Term::small(1).unwrap();
    assert_eq!(one.bits(), 0x1f);
    assert!(one.is_immediate() && !one.is_boxed());
    assert_eq!(Term::atom(Atom::FALSE).bits(), 0x0b);
    assert_eq!(Term::catch_tag(2).bits(), 2 << 6 | 0x1b);
    assert_eq!(Term::local_pid(5).unwrap().bits(), 5 << 4 | 0x3);
    assert_eq!(Term::local_port(5).unwrap().bits(), 5 << 4 | 0x7);
}

#[test]
fn small_range_edges() {
    for value in [
        0,
        1,
        -1,
        Term::MIN_SMALL,
        Term::MAX_SMALL,
        Term::MIN_SMALL + 1,
        Term::MAX_SMALL - 1,
    ] {
        assert_eq!(Term::small(value).and_then(Term::as_small), Some(value));
    }
    for value in [Term::MAX_SMALL + 1, Term::MIN_SMALL - 1, i64::MAX, i64::MIN] {
        assert_eq!(Term::small(value), None);
    }
    assert_eq!(Term::MIN_SMALL, -(1 << 59));
}

#[test]
fn local_id_range_edges() {
    let max = Term::MAX_LOCAL_ID;
    assert_eq!(Term::local_pid(max).and_then(Term::as_local_pid), Some(max));
    assert_eq!(
        Term::local_port(max).and_then(Term::as_local_port),
        Some(max)
    );
    assert_eq!(Term::local_pid(max + 1), None);
    assert_eq!(Term::local_port(max + 1), None);
}

#[test]
fn header_fields() {
    let header = Header::new(Subtag::HeapBinary, 7);
    assert_eq!(header.bits(), 7 << 6 | 9 << 2);
    assert_eq!((header.arity(), header.subtag()), (7, Subtag::HeapBinary));
    assert_eq!(header.bits() & PRIMARY_MASK, PRIMARY_HEADER);
    assert_eq!(Header::new(Subtag::SubBinary, 3).raw_prefix_words(), 2);
    assert_eq!(Header::new(Subtag::Fun, 3).raw_prefix_words(), 1);
    assert_eq!(Header::new(Subtag::Tuple, 3).raw_prefix_words(), 0);
}

fn predicates(term: Term) -> [bool; 9] {
    [
        term.is_small(),
        term.is_atom(),
        term.is_nil(),
        term.is_local_pid(),
        term.is_local_port(),
        term.is_catch(),
        term.is_list(),
        term.is_boxed(),
        term.is_immediate(),
    ]
}

proptest! {
    #![proptest_config(crate::test_support::proptest_config(256))]

    #[test]
    fn smalls_round_trip(value in Term::MIN_SMALL..=Term::MAX_SMALL) {
        let term = Term::small(value).unwrap();
        prop_assert_eq!(term.as_small(), Some(value));
        prop_assert_eq!(predicates(term), [true, false, false, false, false, false, false, false, true]);
    }

    #[test]
    fn atoms_and_catches_round_trip(index in 0u32..Atom::count(), catch in 0u64..1 << 58) {
        let atom = Atom::from_interned_index(index);
        let term = Term::atom(atom);
        prop_assert_eq!(term.as_atom(), Some(atom));
        prop_assert_eq!(predicates(term), [false, true, false, false, false, false, false, false, true]);
        let catch_tag = Term::catch_tag(catch);
        prop_assert_eq!(catch_tag.as_catch(), Some(catch));
        prop_assert_eq!(catch_tag.as_atom(), None);
        prop_assert_eq!(predicates(catch_tag), [false, false, false, false, false, true, false, false, true]);
    }

    #[test]
    fn pids_and_ports_round_trip(id in 0..=Term::MAX_LOCAL_ID) {
        let pid = Term::local_pid(id).unwrap();
        let port = Term::local_port(id).unwrap();
        prop_assert_eq!((pid.as_local_pid(), pid.as_local_port()), (Some(id), None));
        prop_assert_eq!((port.as_local_port(), port.as_small()), (Some(id), None));
    }

    #[test]
    fn headers_round_trip(subtag_bits in 0u8..15, arity in 0usize..(1 << 40)) {
        let subtag = Subtag::from_bits(subtag_bits).unwrap();
        let header = Header::new(subtag, arity);
        prop_assert_eq!((header.subtag(), header.arity()), (subtag, arity));
        prop_assert!(header.raw_prefix_words() <= arity);
    }
}

#[test]
fn objects_read_back() {
    let mut literals = LiteralArea::new();
    let alloc = &mut literals;
    let one = Term::small(1).unwrap();
    let tuple = build::tuple(alloc, &[one, Term::NIL]).unwrap();
    let list = build::list(alloc, &[one, tuple], Term::atom(Atom::OK)).unwrap();
    let float = build::float(alloc, -2.5).unwrap();
    let big = build::bignum(alloc, true, &[1, 2]).unwrap();
    let heap_bin = build::heap_binary(alloc, b"hello, world").unwrap();
    let shared = SharedBinary::new(b"shared bytes".to_vec());
    let refc = build::refc_binary(alloc, &shared).unwrap();
    let sub = build::sub_binary(alloc, refc, 8, 20).unwrap();
    let keys = build::tuple(alloc, &[Term::atom(Atom::OK)]).unwrap();
    let map = build::flat_map(alloc, keys, &[float]).unwrap();
    let fun = build::fun(alloc, 77, &[list]).unwrap();
    let export = build::export(alloc, Atom::ERLANG, Atom::UNDEFINED, 3).unwrap();
    let reference = build::reference(alloc, &[1, 2, 3]).unwrap();
    let external = build::external(alloc, ExternalKind::Pid, Atom::NONODE_NOHOST, 4, &[9]).unwrap();
    // SAFETY: every term points into `literals`, which is never freed.
    unsafe {
        assert_eq!(tuple.tuple_elements(), Some(&[one, Term::NIL][..]));
        assert_eq!(list.head(), Some(one));
        assert_eq!(list.tail().and_then(|t| t.head()), Some(tuple));
        assert_eq!(
            list.tail().and_then(|t| t.tail()),
            Some(Term::atom(Atom::OK))
        );
        assert_eq!(float.float_value(), Some(-2.5));
        assert_eq!(big.bignum_digits(), Some((true, &[1u64, 2][..])));
        assert_eq!(heap_bin.binary_bytes(), Some(&b"hello, world"[..]));
        assert_eq!(refc.binary_bytes(), Some(&b"shared bytes"[..]));
        assert_eq!(
            sub.sub_binary(),
            Some(SubBinary {
                original: refc,
                bit_offset: 8,
                bit_size: 20
            })
        );
        assert_eq!(map.flat_map_parts(), Some((keys, &[float][..])));
        assert_eq!(fun.fun_parts(), Some((77, &[list][..])));
        assert_eq!(
            export.export_parts(),
            Some((Atom::ERLANG, Atom::UNDEFINED, 3))
        );
        assert_eq!(reference.reference_words(), Some(&[1u64, 2, 3][..]));
        let parts = external.external().unwrap();
        assert_eq!(
            (parts.kind, parts.node, parts.creation, parts.id),
            (ExternalKind::Pid, Atom::NONODE_NOHOST, 4, &[9u64][..])
        );
        assert_eq!(tuple.float_value(), None);
        assert_eq!(one.tuple_elements(), None);
        assert_eq!(Term::NIL.head(), None);
    }
    assert_eq!(
        shared.ref_count(),
        2,
        "the literal ProcBin keeps its count forever"
    );
}
