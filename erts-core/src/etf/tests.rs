//! Round trips through the external format on terms of every kind, and
//! every prefix of an encoding decoded. These check invariants only (a
//! decoded term is `=:=` to the original, hashes agree on equal terms,
//! no input panics); the values themselves are checked against BEAM in
//! `erts-core/tests/terms.rs`. Small enough to run under Miri.

use crate::atom::Atom;
use crate::compare::{compare, eq_exact};
use crate::etf::{
    binary_to_term, term_to_binary, Compression, DecodeOptions, EncodeOptions, MinorVersion,
};
use crate::hash::{phash2, phash_range};
use crate::term::build::{self, ExternalKind};
use crate::term::LiteralArea;
use crate::term::Term;

/// A tuple holding one term of every kind the format has.
fn every_kind(area: &mut LiteralArea) -> Term {
    let room = "the literal area grows";
    let small = |value| Term::small(value).expect("small");
    let atom = |name| Term::atom(Atom::intern(name).expect("atom"));
    let binary = build::heap_binary(area, &[1, 2, 3, 0xff]).expect(room);
    let keys = [small(1), atom("k"), Term::NIL];
    let keys_tuple = build::tuple(area, &keys).expect(room);
    let elements = [
        small(0),
        small(-1),
        small(300),
        small(Term::MAX_SMALL),
        build::bignum(area, true, &[0, 1]).expect(room),
        build::float(area, -0.0).expect(room),
        build::float(area, 1.5e300).expect(room),
        atom("ok"),
        atom("λ"),
        Term::NIL,
        build::list(area, &[small(104), small(105)], Term::NIL).expect(room),
        build::list(area, &[small(1000), atom("x")], small(3)).expect(room),
        binary,
        build::sub_binary(area, binary, 3, 17).expect(room),
        build::flat_map(area, keys_tuple, &[small(1), small(2), small(3)]).expect(room),
        build::export(area, Atom::ERLANG, Atom::intern("node").expect("atom"), 0).expect(room),
        Term::local_pid((3 << 15) | 7).expect("pid"),
        Term::local_port(9).expect("port"),
        build::reference(area, &[1, 2, 3]).expect(room),
        build::external(
            area,
            ExternalKind::Pid,
            Atom::intern("a@b").expect("atom"),
            2,
            &[4, 5],
        )
        .expect(room),
        build::external(
            area,
            ExternalKind::Port,
            Atom::intern("a@b").expect("atom"),
            2,
            &[1 << 40],
        )
        .expect(room),
        build::external(
            area,
            ExternalKind::Ref,
            Atom::intern("a@b").expect("atom"),
            2,
            &[6, 7],
        )
        .expect(room),
    ];
    build::tuple(area, &elements).expect(room)
}

#[test]
fn every_kind_survives_a_round_trip_in_every_form() {
    let mut area = LiteralArea::new();
    let term = every_kind(&mut area);
    let forms = [
        EncodeOptions::default(),
        EncodeOptions {
            minor_version: MinorVersion::V0,
            compression: None,
        },
        EncodeOptions {
            minor_version: MinorVersion::V2,
            compression: Compression::level(9),
        },
    ];
    for options in &forms {
        // SAFETY: literal terms are never moved or freed; decoded terms
        // live in their fragments, which nothing collects.
        unsafe {
            let bytes = term_to_binary(term, options).expect("no closures");
            let decoded = binary_to_term(&bytes, &DecodeOptions::default()).expect("decodes");
            assert_eq!(decoded.bytes_used, bytes.len());
            assert!(eq_exact(decoded.term, term));
            assert_eq!(compare(decoded.term, term), std::cmp::Ordering::Equal);
            assert_eq!(phash2(decoded.term), phash2(term));
            assert_eq!(phash_range(decoded.term, 1000), phash_range(term, 1000));
            assert_eq!(term_to_binary(decoded.term, options), Ok(bytes));
        }
    }
}

#[test]
fn no_prefix_or_single_byte_change_of_an_encoding_panics() {
    let mut area = LiteralArea::new();
    let term = every_kind(&mut area);
    // SAFETY: literal terms are never moved or freed.
    let bytes = unsafe { term_to_binary(term, &EncodeOptions::default()) }.expect("no closures");
    // Under Miri, a sample of the positions.
    let step = if cfg!(miri) { 29 } else { 1 };
    for len in (0..bytes.len()).step_by(step) {
        assert!(binary_to_term(&bytes[..len], &DecodeOptions::default()).is_err());
    }
    for position in (1..bytes.len()).step_by(step) {
        for byte in [0, 1, 0x7f, 0xff] {
            let mut changed = bytes.clone();
            changed[position] = byte;
            if let Ok(decoded) = binary_to_term(&changed, &DecodeOptions::default()) {
                // SAFETY: the decoded term lives in its fragment.
                let again = unsafe { term_to_binary(decoded.term, &EncodeOptions::default()) };
                assert!(again.is_ok());
            }
        }
    }
}
