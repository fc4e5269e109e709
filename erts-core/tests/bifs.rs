//! Differential tests of BIFs with large input spaces (`unicode`'s
//! conversions, the `binary` module's searches and parts) against BEAM:
//! each generated call runs on a heap that collects at every `ensure`,
//! and its result, printed as `~w` prints it, must be what the running
//! `erl` (see `oracle/mod.rs`) returns, or the same exception.

#![cfg(not(miri))]

#[allow(dead_code, reason = "this binary uses part of the oracle's helpers")]
mod oracle;

use std::fmt::Write;
use std::ptr::NonNull;

use erts_core::bif::{binary_module, math, unicode, BifError, BifHeap};
use erts_core::build::{self, TermAlloc};
use erts_core::{Atom, Heap, HeapConfig, Term};
use num_bigint::BigInt;
use oracle::Case;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;

/// Cases per property when `EARTS_PROPTEST_CASES` is not set.
const DEFAULT_CASES: usize = 4_000;
/// Cases sent to BEAM in one round trip.
const BATCH: usize = 200;

fn config() -> ProptestConfig {
    oracle::batched_config(DEFAULT_CASES, BATCH)
}

// ---- A heap that collects whenever a BIF makes room ----

struct TortureHeap {
    heap: Heap,
}

impl TortureHeap {
    fn new() -> TortureHeap {
        let config = HeapConfig {
            min_heap_size: 4096,
            fullsweep_after: 2,
            torture: true,
            ..HeapConfig::default()
        };
        TortureHeap {
            heap: Heap::new(config).expect("a heap"),
        }
    }
}

// SAFETY: words come from the heap's young generation, which stays
// allocated until the next collection.
unsafe impl TermAlloc for TortureHeap {
    fn alloc_words(&mut self, words: usize) -> Option<NonNull<u64>> {
        self.heap.alloc(words)
    }

    unsafe fn register_off_heap(&mut self, object: NonNull<u64>) {
        // SAFETY: forwarded from the caller.
        unsafe { self.heap.register_off_heap(object) }
    }
}

// SAFETY: the collection leaves at least `words` available or fails.
unsafe impl BifHeap for TortureHeap {
    unsafe fn ensure(&mut self, words: usize, roots: &mut [Term]) -> Result<(), BifError> {
        // SAFETY: the caller's terms are all in `roots` (its contract).
        unsafe { self.heap.collect(words, &mut [roots]) }
            .map(|_| ())
            .map_err(|_| BifError::SystemLimit)
    }

    fn adopt_fragment(&mut self, fragment: erts_core::HeapFragment) {
        self.heap.attach_fragment(fragment);
    }
}

// ---- Argument terms, as models that build on a heap and print for BEAM ----

#[derive(Clone, Debug)]
enum Model {
    Int(BigInt),
    Atom(&'static str),
    Float(f64),
    /// A heap binary.
    Bin(Vec<u8>),
    /// The bytes after `skip` bytes of a larger binary: a sub binary.
    Sub {
        skip: Vec<u8>,
        bytes: Vec<u8>,
    },
    /// Whole bytes and then `bits` bits of `value`.
    Bits {
        bytes: Vec<u8>,
        value: u8,
        bits: u8,
    },
    List(Vec<Model>, Box<Model>),
    Tuple(Vec<Model>),
}

const NIL: Model = Model::Atom("[]");

fn build_model(heap: &mut TortureHeap, model: &Model) -> Term {
    let term = match model {
        Model::Atom("[]") => Some(Term::NIL),
        Model::Atom(name) => Some(Term::atom(Atom::intern(name).expect("an atom"))),
        Model::Int(value) => match i64::try_from(value).ok().and_then(Term::small) {
            Some(small) => Some(small),
            None => {
                let (sign, digits) = value.to_u64_digits();
                build::bignum(heap, sign == num_bigint::Sign::Minus, &digits)
            }
        },
        Model::Float(value) => build::float(heap, *value),
        Model::Bin(bytes) => build::heap_binary(heap, bytes),
        Model::Sub { skip, bytes } => {
            let whole = [skip.as_slice(), bytes].concat();
            let original = build::heap_binary(heap, &whole).expect("room");
            build::sub_binary(
                heap,
                original,
                skip.len() as u64 * 8,
                bytes.len() as u64 * 8,
            )
        }
        Model::Bits { bytes, value, bits } => {
            let mut whole = bytes.clone();
            whole.push(value << (8 - bits));
            let original = build::heap_binary(heap, &whole).expect("room");
            let size = bytes.len() as u64 * 8 + u64::from(*bits);
            build::sub_binary(heap, original, 0, size)
        }
        Model::List(elements, tail) => {
            let tail = build_model(heap, tail);
            let elements: Vec<Term> = elements.iter().map(|e| build_model(heap, e)).collect();
            build::list(heap, &elements, tail)
        }
        Model::Tuple(elements) => {
            let elements: Vec<Term> = elements.iter().map(|e| build_model(heap, e)).collect();
            build::tuple(heap, &elements)
        }
    };
    term.expect("room for the arguments")
}

fn bytes_text(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(u8::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

fn erlang_text(model: &Model) -> String {
    match model {
        Model::Int(value) => value.to_string(),
        Model::Atom(name) => name.to_string(),
        Model::Float(value) => {
            let text = format!("{value:e}");
            match text.split_once('e') {
                Some((mantissa, exponent)) if !mantissa.contains('.') => {
                    format!("{mantissa}.0e{exponent}")
                }
                _ => text,
            }
        }
        Model::Bin(bytes) | Model::Sub { bytes, .. } => format!("<<{}>>", bytes_text(bytes)),
        Model::Bits { bytes, value, bits } => {
            let prefix = if bytes.is_empty() {
                String::new()
            } else {
                format!("{},", bytes_text(bytes))
            };
            format!("<<{prefix}{value}:{bits}>>")
        }
        Model::List(elements, tail) => {
            let elements: Vec<String> = elements.iter().map(erlang_text).collect();
            match **tail {
                Model::Atom("[]") => format!("[{}]", elements.join(",")),
                ref tail if elements.is_empty() => erlang_text(tail),
                ref tail => format!("[{}|{}]", elements.join(","), erlang_text(tail)),
            }
        }
        Model::Tuple(elements) => {
            let elements: Vec<String> = elements.iter().map(erlang_text).collect();
            format!("{{{}}}", elements.join(","))
        }
    }
}

// ---- Results, printed as `~w` does ----

/// The bits of a bitstring term: whole bytes, then the trailing bits.
///
/// # Safety
///
/// `term` is valid and nothing collects.
unsafe fn bitstring(term: Term) -> Option<(Vec<u8>, u8, u8)> {
    // SAFETY: forwarded from the caller.
    let (bytes, offset, size) = match unsafe { term.binary_bytes() } {
        Some(bytes) => (bytes, 0, bytes.len() as u64 * 8),
        None => {
            // SAFETY: as above.
            let sub = unsafe { term.sub_binary() }?;
            // SAFETY: as above.
            (
                unsafe { sub.original.binary_bytes() }?,
                sub.bit_offset,
                sub.bit_size,
            )
        }
    };
    let bit = |n: u64| (bytes[((offset + n) / 8) as usize] >> (7 - (offset + n) % 8)) & 1;
    let byte =
        |start: u64, count: u64| (start..start + count).fold(0u8, |acc, n| acc << 1 | bit(n));
    let whole = (0..size / 8).map(|k| byte(8 * k, 8)).collect();
    Some((whole, byte(size / 8 * 8, size % 8), (size % 8) as u8))
}

/// # Safety
///
/// `term` is valid and nothing collects.
unsafe fn write_term(out: &mut String, term: Term) {
    if let Some(small) = term.as_small() {
        let _ = write!(out, "{small}");
        return;
    }
    if let Some(atom) = term.as_atom() {
        out.push_str(atom.name());
        return;
    }
    if term.is_nil() || term.is_list() {
        out.push('[');
        let mut rest = term;
        let mut first = true;
        // SAFETY: forwarded from the caller.
        while let (Some(head), Some(tail)) = (unsafe { rest.head() }, unsafe { rest.tail() }) {
            if !first {
                out.push(',');
            }
            first = false;
            // SAFETY: as above.
            unsafe { write_term(out, head) };
            rest = tail;
        }
        if !rest.is_nil() {
            out.push('|');
            // SAFETY: as above.
            unsafe { write_term(out, rest) };
        }
        out.push(']');
        return;
    }
    // SAFETY: as above.
    if let Some(elements) = unsafe { term.tuple_elements() } {
        out.push('{');
        for (n, element) in elements.iter().enumerate() {
            if n > 0 {
                out.push(',');
            }
            // SAFETY: as above.
            unsafe { write_term(out, *element) };
        }
        out.push('}');
        return;
    }
    // SAFETY: as above.
    if let Some(value) = unsafe { term.float_value() } {
        out.push_str(&erts_core::float_to_short_string(value));
        return;
    }
    // SAFETY: as above.
    if let Some(integer) = unsafe { erts_core::bif::number::integer_of(term) } {
        let _ = write!(out, "{integer}");
        return;
    }
    // SAFETY: as above.
    match unsafe { bitstring(term) } {
        Some((bytes, value, bits)) => {
            let mut parts: Vec<String> = bytes.iter().map(u8::to_string).collect();
            if bits > 0 {
                parts.push(format!("{value}:{bits}"));
            }
            let _ = write!(out, "<<{}>>", parts.join(","));
        }
        None => {
            let _ = write!(out, "#unknown<{:#x}>", term.bits());
        }
    }
}

fn reply(result: Result<Term, BifError>) -> String {
    match result {
        Ok(term) => {
            let mut text = String::from("term {w,");
            // SAFETY: the result was just returned; nothing collects.
            unsafe { write_term(&mut text, term) };
            text.push('}');
            text
        }
        Err(BifError::Badarg) => oracle::reply::error("badarg"),
        Err(BifError::Badarith) => oracle::reply::error("badarith"),
        Err(BifError::SystemLimit) => oracle::reply::error("system_limit"),
    }
}

/// A BIF called with built arguments.
type Bif = fn(&mut TortureHeap, &[Term]) -> Result<Term, BifError>;

/// Runs `bif` on the models and asks BEAM `module:function(args...)`.
fn case(module: &str, function: &str, bif: Bif, args: &[Model]) -> Case {
    let mut heap = TortureHeap::new();
    let terms: Vec<Term> = args.iter().map(|arg| build_model(&mut heap, arg)).collect();
    let earts = reply(bif(&mut heap, &terms));
    let texts: Vec<String> = args.iter().map(erlang_text).collect();
    let request = format!(
        "{{list_to_tuple, [[w, {{'$earts', {{apply, {module}, {function}, [{}]}}}}]]}}.",
        texts.join(", ")
    );
    Case { request, earts }
}

// ---- unicode ----

/// Code points around every edge of both encodings.
fn code_point() -> impl Strategy<Value = BigInt> {
    prop_oneof![
        4 => 0x20i64..0x7F,
        2 => 0x80i64..0x100,
        2 => 0x100i64..0x10000,
        1 => 0xD7F0i64..0xE010,
        1 => 0x10000i64..0x110010,
        1 => -3i64..0,
        1 => Just(1i64 << 62),
    ]
    .prop_map(BigInt::from)
}

/// Bytes that are often UTF-8, often cut or damaged.
fn utf8_bytes() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        3 => "[a-zé€😀]{0,3}".prop_map(String::into_bytes),
        2 => select(vec![
            vec![0xC3], vec![0xA9], vec![0xE2], vec![0xE2, 0x82], vec![0x82], vec![0xAC],
            vec![0xF0], vec![0xF0, 0x9F], vec![0x98, 0x80], vec![0xED, 0xA0, 0x80],
            vec![0xC0, 0x80], vec![0xF4, 0x90, 0x80, 0x80], vec![0xF8], vec![0xFF],
            vec![0xF5], vec![0xE0, 0x9F],
        ]),
        1 => vec(any::<u8>(), 0..3),
    ];
    vec(piece, 0..3).prop_map(|pieces| pieces.concat())
}

fn binary_model(bytes: impl Strategy<Value = Vec<u8>>) -> impl Strategy<Value = Model> {
    (bytes, 0usize..3).prop_map(|(bytes, skip)| match skip {
        0 => Model::Bin(bytes),
        _ => Model::Sub {
            skip: vec![b'x'; skip],
            bytes,
        },
    })
}

fn chardata() -> impl Strategy<Value = Model> {
    let leaf = prop_oneof![
        4 => code_point().prop_map(Model::Int),
        4 => binary_model(utf8_bytes()),
        1 => Just(NIL),
    ];
    let tree = leaf.prop_recursive(4, 24, 5, |inner| {
        let tail = prop_oneof![4 => Just(NIL), 1 => binary_model(utf8_bytes())];
        (vec(inner, 0..5), tail).prop_map(|(elements, tail)| Model::List(elements, Box::new(tail)))
    });
    prop_oneof![
        20 => tree,
        1 => Just(Model::Atom("a")),
        1 => Just(Model::List(vec![Model::Int(1.into())], Box::new(Model::Int(2.into())))),
        1 => Just(Model::List(vec![Model::Float(1.0)], Box::new(NIL))),
        1 => Just(Model::List(
            vec![Model::Bits { bytes: vec![], value: 1, bits: 1 }],
            Box::new(NIL)
        )),
    ]
}

fn encoding() -> impl Strategy<Value = Model> {
    select(vec![
        Model::Atom("unicode"),
        Model::Atom("utf8"),
        Model::Atom("latin1"),
        Model::Atom("utf9"),
    ])
}

/// The encodings OTP converts in Erlang, and a bad one.
fn wide_encoding() -> impl Strategy<Value = Model> {
    let endian = |name: &'static str, order: &'static str| {
        Model::Tuple(vec![Model::Atom(name), Model::Atom(order)])
    };
    select(vec![
        Model::Atom("utf16"),
        Model::Atom("utf32"),
        endian("utf16", "big"),
        endian("utf16", "little"),
        endian("utf32", "big"),
        endian("utf32", "little"),
        endian("utf16", "middle"),
    ])
}

/// Bytes that are often UTF-16 or UTF-32 units, whole or cut.
fn wide_bytes() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        3 => select(vec![
            vec![0, 65], vec![65, 0], vec![0, 0, 0, 65], vec![65, 0, 0, 0], vec![0xD8, 0x3D],
            vec![0x3D, 0xD8], vec![0xDE, 0x00], vec![0x00, 0xDE], vec![0], vec![0xD8],
            vec![0xDC], vec![0, 0x10, 0xFF], vec![0xFF, 0xFF, 0x10, 0], vec![0, 0, 0xD8, 0],
            vec![0xFE, 0xFF, 0], vec![0, 0x11], vec![0x11, 0], vec![1, 0],
        ]),
        1 => vec(any::<u8>(), 0..4),
    ];
    vec(piece, 0..3).prop_map(|pieces| pieces.concat())
}

fn wide_chardata() -> impl Strategy<Value = Model> {
    let leaf = prop_oneof![
        3 => code_point().prop_map(Model::Int),
        5 => binary_model(wide_bytes()),
        1 => Just(NIL),
        1 => Just(Model::Atom("a")),
    ];
    leaf.prop_recursive(4, 24, 5, |inner| {
        let tail = prop_oneof![
            6 => Just(NIL),
            2 => binary_model(wide_bytes()),
            1 => Just(small(7)),
        ];
        (vec(inner, 0..5), tail).prop_map(|(elements, tail)| Model::List(elements, Box::new(tail)))
    })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn wide_unicode_conversions_agree_with_beam(
        calls in vec((wide_chardata(), wide_encoding(), any::<bool>()), BATCH),
    ) {
        let cases: Vec<Case> = calls
            .iter()
            .map(|(data, encoding, to_list)| {
                let args = [data.clone(), encoding.clone()];
                match to_list {
                    true => case("unicode", "characters_to_list", |heap, args| {
                        // SAFETY: the arguments were just built on `heap`.
                        unsafe { unicode::characters_to_list_2(heap, args[0], args[1]) }
                    }, &args),
                    false => case("unicode", "characters_to_binary", |heap, args| {
                        // SAFETY: as above.
                        unsafe { unicode::characters_to_binary_2(heap, args[0], args[1]) }
                    }, &args),
                }
            })
            .collect();
        oracle::assert_agree(&cases);
    }

    #[test]
    fn unicode_conversions_agree_with_beam(
        calls in vec((chardata(), encoding(), any::<bool>()), BATCH),
    ) {
        let cases: Vec<Case> = calls
            .iter()
            .map(|(data, encoding, to_list)| {
                let args = [data.clone(), encoding.clone()];
                match to_list {
                    true => case("unicode", "characters_to_list", |heap, args| {
                        // SAFETY: the arguments were just built on `heap`.
                        unsafe { unicode::characters_to_list_2(heap, args[0], args[1]) }
                    }, &args),
                    false => case("unicode", "characters_to_binary", |heap, args| {
                        // SAFETY: as above.
                        unsafe { unicode::characters_to_binary_2(heap, args[0], args[1]) }
                    }, &args),
                }
            })
            .collect();
        oracle::assert_agree(&cases);
    }
}

// ---- binary ----

fn subject_bytes() -> impl Strategy<Value = Vec<u8>> {
    vec(select(vec![b'a', b'b', b'c']), 0..14)
}

fn pattern() -> impl Strategy<Value = Model> {
    let one = vec(select(vec![b'a', b'b', b'c']), 0..4);
    prop_oneof![
        3 => one.clone().prop_map(Model::Bin),
        3 => vec(one, 0..4).prop_map(|patterns| {
            Model::List(patterns.into_iter().map(Model::Bin).collect(), Box::new(NIL))
        }),
    ]
}

fn small(value: i64) -> Model {
    Model::Int(BigInt::from(value))
}

fn options(split: bool) -> impl Strategy<Value = Model> {
    let scope = (-1i64..16, -16i64..16).prop_map(|(start, len)| {
        Model::Tuple(vec![
            Model::Atom("scope"),
            Model::Tuple(vec![small(start), small(len)]),
        ])
    });
    let flag = select(if split {
        vec!["global", "trim", "trim_all"]
    } else {
        vec!["global"]
    })
    .prop_map(Model::Atom);
    let option = prop_oneof![3 => scope, 3 => flag];
    vec(option, 0..3).prop_map(|options| Model::List(options, Box::new(NIL)))
}

fn search_call() -> impl Strategy<Value = (usize, Vec<Model>)> {
    (
        0usize..6,
        binary_model(subject_bytes()),
        pattern(),
        options(true),
        options(false),
    )
        .prop_map(
            |(which, subject, pattern, split_options, options)| match which {
                0 => (0, vec![subject, pattern]),
                1 => (1, vec![subject, pattern, options]),
                2 => (2, vec![subject, pattern]),
                3 => (3, vec![subject, pattern, options]),
                4 => (4, vec![subject, pattern]),
                _ => (5, vec![subject, pattern, split_options]),
            },
        )
}

#[allow(
    clippy::undocumented_unsafe_blocks,
    reason = "each entry's arguments were just built on its heap by `case`"
)]
const SEARCHES: [(&str, Bif); 6] = [
    ("match", |heap, a| unsafe {
        binary_module::match_2(heap, a[0], a[1])
    }),
    ("match", |heap, a| unsafe {
        binary_module::match_3(heap, a[0], a[1], a[2])
    }),
    ("matches", |heap, a| unsafe {
        binary_module::matches_2(heap, a[0], a[1])
    }),
    ("matches", |heap, a| unsafe {
        binary_module::matches_3(heap, a[0], a[1], a[2])
    }),
    ("split", |heap, a| unsafe {
        binary_module::split_2(heap, a[0], a[1])
    }),
    ("split", |heap, a| unsafe {
        binary_module::split_3(heap, a[0], a[1], a[2])
    }),
];

fn bits_model() -> impl Strategy<Value = Model> {
    (vec(any::<u8>(), 0..4), any::<u8>(), 1u8..8).prop_map(|(bytes, value, bits)| Model::Bits {
        bytes,
        value: value >> (8 - bits),
        bits,
    })
}

fn any_subject() -> impl Strategy<Value = Model> {
    prop_oneof![
        6 => binary_model(vec(any::<u8>(), 0..10)),
        1 => bits_model(),
        1 => Just(Model::Atom("a")),
    ]
}

fn part_call() -> impl Strategy<Value = (usize, Vec<Model>)> {
    let position = (-2i64..12).prop_map(small);
    let endianness = select(vec!["big", "little", "foo"]).prop_map(Model::Atom);
    let integer = prop_oneof![
        (-2i64..70000).prop_map(BigInt::from),
        any::<u128>().prop_map(BigInt::from),
    ]
    .prop_map(Model::Int);
    let list = vec(any_subject(), 0..4).prop_map(|items| Model::List(items, Box::new(NIL)));
    (
        0usize..10,
        any_subject(),
        position.clone(),
        position,
        endianness,
        integer,
        list,
    )
        .prop_map(
            |(which, subject, start, len, endianness, integer, list)| match which {
                0 => (0, vec![subject, start]),
                1 => (1, vec![subject]),
                2 => (2, vec![subject]),
                3 => (3, vec![subject, start, len]),
                4 => (4, vec![subject, Model::Tuple(vec![start, len])]),
                5 => (5, vec![list]),
                6 => (6, vec![list]),
                7 => (7, vec![subject, endianness]),
                8 => (8, vec![integer, endianness]),
                _ => (9, vec![subject]),
            },
        )
}

#[allow(
    clippy::undocumented_unsafe_blocks,
    reason = "each entry's arguments were just built on its heap by `case`"
)]
const PARTS: [(&str, Bif); 10] = [
    ("at", |_, a| unsafe { binary_module::at_2(a[0], a[1]) }),
    ("first", |_, a| unsafe { binary_module::first_1(a[0]) }),
    ("last", |_, a| unsafe { binary_module::last_1(a[0]) }),
    ("part", |heap, a| unsafe {
        binary_module::part_3(heap, a[0], a[1], a[2])
    }),
    ("part", |heap, a| unsafe {
        binary_module::part_2(heap, a[0], a[1])
    }),
    ("longest_common_prefix", |_, a| unsafe {
        binary_module::longest_common_prefix_1(a[0])
    }),
    ("longest_common_suffix", |_, a| unsafe {
        binary_module::longest_common_suffix_1(a[0])
    }),
    ("decode_unsigned", |heap, a| unsafe {
        binary_module::decode_unsigned_2(heap, a[0], a[1])
    }),
    ("encode_unsigned", |heap, a| unsafe {
        binary_module::encode_unsigned_2(heap, a[0], a[1])
    }),
    ("copy", |heap, a| unsafe {
        binary_module::copy_1(heap, a[0])
    }),
];

proptest! {
    #![proptest_config(config())]

    #[test]
    fn binary_searches_agree_with_beam(calls in vec(search_call(), BATCH)) {
        let cases: Vec<Case> = calls
            .iter()
            .map(|(which, args)| {
                let (name, bif) = SEARCHES[*which];
                case("binary", name, bif, args)
            })
            .collect();
        oracle::assert_agree(&cases);
    }

    #[test]
    fn binary_parts_agree_with_beam(calls in vec(part_call(), BATCH)) {
        let cases: Vec<Case> = calls
            .iter()
            .map(|(which, args)| {
                let (name, bif) = PARTS[*which];
                case("binary", name, bif, args)
            })
            .collect();
        oracle::assert_agree(&cases);
    }
}

// ---- math ----

fn math_argument() -> impl Strategy<Value = Model> {
    prop_oneof![
        4 => (-4.0f64..4.0).prop_map(Model::Float),
        2 => any::<f64>().prop_filter("finite", |x| x.is_finite()).prop_map(Model::Float),
        1 => (-800.0f64..800.0).prop_map(Model::Float),
        2 => (-5i64..5).prop_map(small),
        1 => (-1100i32..1100).prop_map(|exponent| {
            let magnitude = BigInt::from(1) << exponent.unsigned_abs();
            Model::Int(if exponent < 0 { -magnitude } else { magnitude })
        }),
        1 => select(vec![0.0, 1.0, -1.0, 0.5, f64::MAX, f64::MIN_POSITIVE]).prop_map(Model::Float),
        1 => Just(Model::Atom("a")),
    ]
}

fn math_call() -> impl Strategy<Value = (&'static str, Vec<Model>)> {
    let unary = (select(math::Unary::ALL.to_vec()), math_argument())
        .prop_map(|((_, name), x)| (name, vec![x]));
    let binary = (
        select(math::Binary::ALL.to_vec()),
        math_argument(),
        math_argument(),
    )
        .prop_map(|((_, name), x, y)| (name, vec![x, y]));
    prop_oneof![3 => unary, 1 => binary]
}

/// The math BIF named `name`, through its generic entry point.
fn math_bif(name: &str) -> impl Fn(&mut TortureHeap, &[Term]) -> Result<Term, BifError> + use<> {
    let unary = math::Unary::ALL.into_iter().find(|(_, each)| *each == name);
    let binary = math::Binary::ALL
        .into_iter()
        .find(|(_, each)| *each == name);
    move |heap: &mut TortureHeap, args: &[Term]| match (unary, binary) {
        // SAFETY: the arguments were just built on `heap`.
        (Some((function, _)), _) => unsafe { math::unary_bif(heap, function, args[0]) },
        // SAFETY: as above.
        (_, Some((function, _))) => unsafe { math::binary_bif(heap, function, args[0], args[1]) },
        _ => panic!("no such math BIF"),
    }
}

/// As [`case`], for a BIF that returns a float: compared by its bits, not
/// its text (`~w` text is shortest digits, whose ties earts' printer
/// breaks differently, see `numbers.rs`).
fn float_case(
    module: &str,
    function: &str,
    bif: impl Fn(&mut TortureHeap, &[Term]) -> Result<Term, BifError>,
    args: &[Model],
) -> Case {
    let mut heap = TortureHeap::new();
    let terms: Vec<Term> = args.iter().map(|arg| build_model(&mut heap, arg)).collect();
    let earts = match bif(&mut heap, &terms) {
        // SAFETY: the result was just returned; nothing collects.
        Ok(term) => match unsafe { term.float_value() } {
            Some(value) => oracle::reply::float(value),
            None => reply(Ok(term)),
        },
        error => reply(error),
    };
    let texts: Vec<String> = args.iter().map(erlang_text).collect();
    let request = format!(
        "{{element, [2, {{call, list_to_tuple, [[w, {{'$earts', {{apply, {module}, {function}, [{}]}}}}]]}}]}}.",
        texts.join(", ")
    );
    Case { request, earts }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn math_agrees_with_beam(calls in vec(math_call(), BATCH)) {
        let cases: Vec<Case> = calls
            .iter()
            .map(|(name, args)| float_case("math", name, math_bif(name), args))
            .collect();
        oracle::assert_agree(&cases);
    }
}

// ---- erlang: binaries, iovecs, float text, checksums ----

/// Iodata: bytes and binaries of sizes around BEAM's thresholds (64, 256,
/// 512 bytes), nested, with binary tails, and now and then no iodata.
fn iodata() -> impl Strategy<Value = Model> {
    let sized_binary = prop_oneof![
        3 => 0usize..6,
        1 => 60usize..70,
        1 => 250usize..262,
        1 => 300usize..520,
    ]
    .prop_flat_map(|len| binary_model(vec(any::<u8>(), len)));
    let leaf = prop_oneof![
        4 => (0i64..256).prop_map(small),
        3 => sized_binary.clone(),
        1 => Just(NIL),
    ];
    let tree = leaf.prop_recursive(3, 24, 6, move |inner| {
        let tail = prop_oneof![5 => Just(NIL), 1 => sized_binary.clone()];
        (vec(inner, 0..6), tail).prop_map(|(elements, tail)| Model::List(elements, Box::new(tail)))
    });
    prop_oneof![
        20 => tree,
        1 => Just(Model::List(vec![small(256)], Box::new(NIL))),
        1 => Just(Model::List(vec![small(1)], Box::new(small(2)))),
        1 => bits_model(),
    ]
}

fn erlang_call() -> impl Strategy<Value = (&'static str, usize, Vec<Model>)> {
    let position = (-1i64..12).prop_map(small);
    let checksum = prop_oneof![
        4 => any::<u32>().prop_map(|value| Model::Int(value.into())),
        1 => (-2i64..0).prop_map(small),
        1 => Just(Model::Int(BigInt::from(1u64 << 32))),
    ];
    let length = prop_oneof![
        3 => (0u64..100_000).prop_map(|value| Model::Int(value.into())),
        2 => any::<u32>().prop_map(|value| Model::Int(value.into())),
        1 => (0u64..1 << 34).prop_map(|value| Model::Int(value.into())),
        1 => Just(small(-1)),
    ];
    prop_oneof![
        (any_subject(), position.clone()).prop_map(|(b, p)| ("split_binary", 0, vec![b, p])),
        (any_subject(), position.clone(), position).prop_map(|(b, s, e)| (
            "binary_to_list",
            1,
            vec![b, s, e]
        )),
        iodata().prop_map(|data| ("iolist_to_iovec", 2, vec![data])),
        iodata().prop_map(|data| ("crc32", 3, vec![data])),
        (checksum.clone(), iodata()).prop_map(|(old, data)| ("crc32", 4, vec![old, data])),
        iodata().prop_map(|data| ("adler32", 5, vec![data])),
        (checksum.clone(), iodata()).prop_map(|(old, data)| ("adler32", 6, vec![old, data])),
        iodata().prop_map(|data| ("md5", 7, vec![data])),
        (checksum.clone(), checksum.clone(), length.clone()).prop_map(|(a, b, len)| (
            "crc32_combine",
            8,
            vec![a, b, len]
        )),
        (checksum.clone(), checksum, length).prop_map(|(a, b, len)| (
            "adler32_combine",
            9,
            vec![a, b, len]
        )),
        any_subject().prop_map(|b| ("bitstring_to_list", 10, vec![b])),
    ]
}

#[allow(
    clippy::undocumented_unsafe_blocks,
    reason = "each entry's arguments were just built on its heap by `case`"
)]
const ERLANG: [Bif; 11] = [
    |h, a| unsafe { erts_core::bif::binary::split_binary_2(h, a[0], a[1]) },
    |h, a| unsafe { erts_core::bif::binary::binary_to_list_3(h, a[0], a[1], a[2]) },
    |h, a| unsafe { erts_core::bif::binary::iolist_to_iovec_1(h, a[0]) },
    |_, a| unsafe { erts_core::bif::checksum::crc32_1(a[0]) },
    |_, a| unsafe { erts_core::bif::checksum::crc32_2(a[0], a[1]) },
    |_, a| unsafe { erts_core::bif::checksum::adler32_1(a[0]) },
    |_, a| unsafe { erts_core::bif::checksum::adler32_2(a[0], a[1]) },
    |h, a| unsafe { erts_core::bif::checksum::md5_1(h, a[0]) },
    |_, a| unsafe { erts_core::bif::checksum::crc32_combine_3(a[0], a[1], a[2]) },
    |_, a| unsafe { erts_core::bif::checksum::adler32_combine_3(a[0], a[1], a[2]) },
    |h, a| unsafe { erts_core::bif::binary::bitstring_to_list_1(h, a[0]) },
];

proptest! {
    #![proptest_config(config())]

    #[test]
    fn erlang_binary_bifs_agree_with_beam(calls in vec(erlang_call(), BATCH)) {
        let cases: Vec<Case> = calls
            .iter()
            .map(|(name, which, args)| case("erlang", name, ERLANG[*which], args))
            .collect();
        oracle::assert_agree(&cases);
    }
}

fn float_options() -> impl Strategy<Value = Model> {
    let count = prop_oneof![4 => (-2i64..30).prop_map(small), 1 => (240i64..260).prop_map(small)];
    let option = prop_oneof![
        3 => count.clone().prop_map(|n| Model::Tuple(vec![Model::Atom("decimals"), n])),
        3 => count.prop_map(|n| Model::Tuple(vec![Model::Atom("scientific"), n])),
        2 => Just(Model::Atom("compact")),
        2 => Just(Model::Atom("short")),
        1 => Just(Model::Atom("foo")),
        1 => Just(Model::Tuple(vec![Model::Atom("decimals"), Model::Float(1.0)])),
    ];
    prop_oneof![
        10 => vec(option, 0..4).prop_map(|options| Model::List(options, Box::new(NIL))),
        1 => Just(Model::List(vec![Model::Atom("compact")], Box::new(Model::Atom("x")))),
    ]
}

fn float_text_call() -> impl Strategy<Value = (usize, Vec<Model>)> {
    let value = prop_oneof![
        6 => math_argument(),
        1 => any::<f64>().prop_filter("finite", |x| x.is_finite()).prop_map(Model::Float),
    ];
    (0usize..2, value, float_options())
        .prop_map(|(which, value, options)| (which, vec![value, options]))
}

#[allow(
    clippy::undocumented_unsafe_blocks,
    reason = "each entry's arguments were just built on its heap by `case`"
)]
const FLOAT_TEXT: [(&str, Bif); 2] = [
    ("float_to_list", |h, a| unsafe {
        erts_core::bif::float_text::float_to_list_2(h, a[0], a[1])
    }),
    ("float_to_binary", |h, a| unsafe {
        erts_core::bif::float_text::float_to_binary_2(h, a[0], a[1])
    }),
];

proptest! {
    #![proptest_config(config())]

    #[test]
    fn float_text_options_agree_with_beam(calls in vec(float_text_call(), BATCH)) {
        let cases: Vec<Case> = calls
            .iter()
            .map(|(which, args)| {
                let (name, bif) = FLOAT_TEXT[*which];
                case("erlang", name, bif, args)
            })
            .collect();
        oracle::assert_agree(&cases);
    }
}

// ---- the external term format BIFs ----

fn small_term() -> impl Strategy<Value = Model> {
    let leaf = prop_oneof![
        2 => (-300i64..300).prop_map(small),
        1 => any::<i128>().prop_map(|value| Model::Int(value.into())),
        1 => (-4.0f64..4.0).prop_map(Model::Float),
        2 => select(vec!["a", "ok", "[]"]).prop_map(Model::Atom),
        2 => binary_model(vec(any::<u8>(), 0..4)),
        1 => binary_model(vec(any::<u8>(), 60..80)),
        1 => bits_model(),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..4).prop_map(Model::Tuple),
            (vec(inner.clone(), 0..4), inner)
                .prop_map(|(elements, tail)| Model::List(elements, Box::new(tail))),
        ]
    })
}

fn encode_options() -> impl Strategy<Value = Model> {
    let option = prop_oneof![
        3 => (-1i64..4).prop_map(|n| Model::Tuple(vec![Model::Atom("minor_version"), small(n)])),
        1 => Just(Model::Atom("deterministic")),
        1 => select(vec!["local", "foo", "used"]).prop_map(Model::Atom),
        // Only levels that do not compress: miniz_oxide's deflate bytes
        // are not zlib's.
        1 => select(vec![0i64, 10, -1]).prop_map(|n| Model::Tuple(vec![Model::Atom("compressed"), small(n)])),
    ];
    vec(option, 0..3).prop_map(|options| Model::List(options, Box::new(NIL)))
}

fn decode_options() -> impl Strategy<Value = Model> {
    let option = select(vec!["used", "safe", "foo"]).prop_map(Model::Atom);
    vec(option, 0..3).prop_map(|options| Model::List(options, Box::new(NIL)))
}

fn etf_call() -> impl Strategy<Value = (usize, Vec<Model>)> {
    prop_oneof![
        small_term().prop_map(|term| (0, vec![term])),
        (small_term(), encode_options()).prop_map(|(term, options)| (1, vec![term, options])),
        small_term().prop_map(|term| (2, vec![term])),
        (small_term(), encode_options()).prop_map(|(term, options)| (3, vec![term, options])),
        small_term().prop_map(|term| (4, vec![term])),
        (small_term(), encode_options()).prop_map(|(term, options)| (5, vec![term, options])),
    ]
}

#[allow(
    clippy::undocumented_unsafe_blocks,
    reason = "each entry's arguments were just built on its heap by `case`"
)]
const ETF: [(&str, Bif); 6] = [
    ("term_to_binary", |h, a| unsafe {
        erts_core::bif::external::term_to_binary_1(h, &mut erts_core::budget::Unlimited, a[0])
    }),
    ("term_to_binary", |h, a| unsafe {
        erts_core::bif::external::term_to_binary_2(h, &mut erts_core::budget::Unlimited, a[0], a[1])
    }),
    ("external_size", |_, a| unsafe {
        erts_core::bif::external::external_size_1(a[0])
    }),
    ("external_size", |_, a| unsafe {
        erts_core::bif::external::external_size_2(a[0], a[1])
    }),
    ("term_to_iovec", |h, a| unsafe {
        erts_core::bif::external::term_to_iovec_1(h, &mut erts_core::budget::Unlimited, a[0])
    }),
    ("term_to_iovec", |h, a| unsafe {
        erts_core::bif::external::term_to_iovec_2(h, &mut erts_core::budget::Unlimited, a[0], a[1])
    }),
];

proptest! {
    #![proptest_config(config())]

    #[test]
    fn etf_bifs_agree_with_beam(calls in vec(etf_call(), BATCH)) {
        let cases: Vec<Case> = calls
            .iter()
            .map(|(which, args)| {
                let (name, bif) = ETF[*which];
                case("erlang", name, bif, args)
            })
            .collect();
        oracle::assert_agree(&cases);
    }

    #[test]
    fn binary_to_term_options_agree_with_beam(
        calls in vec((small_term(), vec(any::<u8>(), 0..3), any::<bool>(), decode_options()), BATCH),
    ) {
        let cases: Vec<Case> = calls
            .iter()
            .map(|(term, extra, cut, options)| {
                // earts' encoding, which `etf_bifs_agree_with_beam` checks.
                let mut heap = TortureHeap::new();
                let built = build_model(&mut heap, term);
                // SAFETY: just built; nothing collects.
                let mut bytes = unsafe { erts_core::term_to_binary(built, &Default::default()) }
                    .expect("an encodable term");
                match cut {
                    true => { bytes.pop(); }
                    false => bytes.extend_from_slice(extra),
                }
                let args = [Model::Bin(bytes), options.clone()];
                case("erlang", "binary_to_term", |h, a| {
                    // SAFETY: the arguments were just built on `h`.
                    unsafe { erts_core::bif::external::binary_to_term_2(h, &mut erts_core::budget::Unlimited, a[0], a[1]) }
                }, &args)
            })
            .collect();
        oracle::assert_agree(&cases);
    }
}

// ---- string ----

fn number_text() -> impl Strategy<Value = Model> {
    let char = prop_oneof![
        6 => select(b"0123456789".to_vec()),
        1 => select(b"+-.eE_ x".to_vec()),
    ]
    .prop_map(|char| small(i64::from(char)));
    let tail = prop_oneof![
        6 => Just(NIL),
        1 => Just(Model::Atom("a")),
        1 => binary_model(vec(any::<u8>(), 0..2)),
        1 => Just(small(300)),
    ];
    prop_oneof![
        12 => (vec(char, 0..12), tail).prop_map(|(chars, tail)| Model::List(chars, Box::new(tail))),
        1 => Just(Model::Atom("a")),
        1 => Just(Model::Bin(b"12".to_vec())),
        1 => Just(Model::List(vec![small(0x661)], Box::new(NIL))),
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn string_number_bifs_agree_with_beam(calls in vec((number_text(), any::<bool>()), BATCH)) {
        let cases: Vec<Case> = calls
            .iter()
            .map(|(text, float)| match float {
                true => case("string", "list_to_float", |h, a| {
                    // SAFETY: the arguments were just built on `h`.
                    unsafe { erts_core::bif::string::list_to_float_1(h, a[0]) }
                }, std::slice::from_ref(text)),
                false => case("string", "list_to_integer", |h, a| {
                    // SAFETY: as above.
                    unsafe { erts_core::bif::string::list_to_integer_1(h, a[0]) }
                }, std::slice::from_ref(text)),
            })
            .collect();
        oracle::assert_agree(&cases);
    }
}
