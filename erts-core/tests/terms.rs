//! Differential tests of term order, equality, hashing and the external
//! term format against BEAM (see `oracle/mod.rs`).
//!
//! Terms come from a [`Model`]: an owned description that is both built on
//! an earts heap (with `erts_core::build`) and written as a request that the
//! oracle turns into the same BEAM term, so neither side's term comes from
//! the code under test. Each property checks `EARTS_PROPTEST_CASES` cases
//! (default [`DEFAULT_CASES`]) in batches of [`BATCH`] per round trip.
//! The named tests at the end cover options, edges and inputs too large for
//! a native stack.
//!
//! Not under Miri, which cannot start the BEAM; `src/etf/tests.rs` runs
//! the same code there.
#![cfg(not(miri))]

#[allow(dead_code, reason = "this binary uses part of the oracle's helpers")]
mod oracle;

use std::cmp::Ordering;
use std::io::Read;

use erts_core::build::{self, ExternalKind};
use erts_core::{
    binary_to_term, compare, eq, eq_exact, phash2, phash2_range, phash_range, term_to_binary, Atom,
    Compression, DecodeError, DecodeOptions, EncodeOptions, LiteralArea, MinorVersion, Term,
};
use num_bigint::{BigInt, Sign};
use oracle::{reply, Case};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;

/// Cases per property when `EARTS_PROPTEST_CASES` is not set; the whole
/// file then runs in well under a minute in a debug build.
const DEFAULT_CASES: usize = 1_000;
/// Cases sent to BEAM in one round trip.
const BATCH: usize = 100;

fn config() -> ProptestConfig {
    oracle::batched_config(DEFAULT_CASES, BATCH)
}

// ---- The model ----

/// The node of a pid, port or reference; `None` is the local node.
type NodeModel = Option<(String, u32)>;

#[derive(Clone, Debug)]
enum Model {
    Int(BigInt),
    Float(f64),
    Atom(String),
    /// `bit_size` bits of `bytes` from `bit_offset`: a heap binary, or a
    /// sub binary of one when the bits are not all of it.
    Bits {
        bytes: Vec<u8>,
        bit_offset: u64,
        bit_size: u64,
    },
    Tuple(Vec<Model>),
    /// Elements and a tail (`None` for `[]`).
    List(Vec<Model>, Option<Box<Model>>),
    /// Distinct keys (exactly), with values.
    Map(Vec<(Model, Model)>),
    Pid {
        node: NodeModel,
        number: u32,
        serial: u32,
    },
    Port {
        node: NodeModel,
        number: u64,
    },
    Ref {
        node: NodeModel,
        words: Vec<u32>,
    },
    Export(String, String, u8),
}

/// `bit_size` bits from `bit_offset`, left-aligned, zero-padded.
fn aligned_bits(bytes: &[u8], bit_offset: u64, bit_size: u64) -> Vec<u8> {
    let bit = |index: u64| (bytes[(index / 8) as usize] >> (7 - index % 8)) & 1;
    let mut out = vec![0u8; bit_size.div_ceil(8) as usize];
    for index in 0..bit_size {
        out[(index / 8) as usize] |= bit(bit_offset + index) << (7 - index % 8);
    }
    out
}

/// `=:=` on models, for keeping map keys distinct.
fn model_exact_eq(lhs: &Model, rhs: &Model) -> bool {
    match (lhs, rhs) {
        (Model::Int(a), Model::Int(b)) => a == b,
        (Model::Float(a), Model::Float(b)) => a == b,
        (Model::Atom(a), Model::Atom(b)) => a == b,
        (
            Model::Bits {
                bytes: a,
                bit_offset: a_offset,
                bit_size: a_size,
            },
            Model::Bits {
                bytes: b,
                bit_offset: b_offset,
                bit_size: b_size,
            },
        ) => {
            a_size == b_size
                && aligned_bits(a, *a_offset, *a_size) == aligned_bits(b, *b_offset, *b_size)
        }
        (Model::Tuple(a), Model::Tuple(b)) => all_exact_eq(a, b),
        (Model::List(a, a_tail), Model::List(b, b_tail)) => {
            all_exact_eq(a, b)
                && match (a_tail, b_tail) {
                    (None, None) => true,
                    (Some(a), Some(b)) => model_exact_eq(a, b),
                    _ => false,
                }
        }
        (Model::Map(a), Model::Map(b)) => {
            a.len() == b.len()
                && a.iter().all(|(key, value)| {
                    b.iter().any(|(other_key, other_value)| {
                        model_exact_eq(key, other_key) && model_exact_eq(value, other_value)
                    })
                })
        }
        (
            Model::Pid {
                node: a,
                number: a_number,
                serial: a_serial,
            },
            Model::Pid {
                node: b,
                number: b_number,
                serial: b_serial,
            },
        ) => a == b && a_number == b_number && a_serial == b_serial,
        (
            Model::Port {
                node: a,
                number: a_number,
            },
            Model::Port {
                node: b,
                number: b_number,
            },
        ) => a == b && a_number == b_number,
        (
            Model::Ref {
                node: a,
                words: a_words,
            },
            Model::Ref {
                node: b,
                words: b_words,
            },
        ) => a == b && a_words == b_words,
        (Model::Export(a_m, a_f, a_a), Model::Export(b_m, b_f, b_a)) => {
            a_m == b_m && a_f == b_f && a_a == b_a
        }
        _ => false,
    }
}

fn all_exact_eq(lhs: &[Model], rhs: &[Model]) -> bool {
    lhs.len() == rhs.len() && lhs.iter().zip(rhs).all(|(a, b)| model_exact_eq(a, b))
}

/// The entries `maps:from_list/1` keeps: of exactly equal keys (`0.0` and
/// `-0.0`, say), the last key and its value.
fn distinct_keys(pairs: Vec<(Model, Model)>) -> Vec<(Model, Model)> {
    let mut kept: Vec<(Model, Model)> = Vec::new();
    for (key, value) in pairs {
        match kept
            .iter()
            .position(|(other, _)| model_exact_eq(&key, other))
        {
            Some(index) => kept[index] = (key, value),
            None => kept.push((key, value)),
        }
    }
    kept
}

// ---- Models on an earts heap ----

fn atom(name: &str) -> Atom {
    Atom::intern(name).expect("test atoms fit the table")
}

fn node_atom_and_creation(node: &NodeModel) -> (Atom, u32) {
    match node {
        Some((name, creation)) => (atom(name), *creation),
        None => (Atom::NONODE_NOHOST, 0),
    }
}

/// Builds `model` in `area` (literal areas never move or free terms).
fn build_term(area: &mut LiteralArea, model: &Model) -> Term {
    let room = "the literal area grows";
    match model {
        Model::Int(value) => match i64::try_from(value).ok().and_then(Term::small) {
            Some(small) => small,
            None => {
                let (sign, digits) = value.to_u64_digits();
                build::bignum(area, sign == Sign::Minus, &digits).expect(room)
            }
        },
        Model::Float(value) => build::float(area, *value).expect(room),
        Model::Atom(name) => Term::atom(atom(name)),
        Model::Bits {
            bytes,
            bit_offset,
            bit_size,
        } => {
            let binary = build::heap_binary(area, bytes).expect(room);
            if *bit_offset == 0 && *bit_size == bytes.len() as u64 * 8 {
                binary
            } else {
                build::sub_binary(area, binary, *bit_offset, *bit_size).expect(room)
            }
        }
        Model::Tuple(elements) => {
            let elements: Vec<Term> = elements.iter().map(|e| build_term(area, e)).collect();
            build::tuple(area, &elements).expect(room)
        }
        Model::List(elements, tail) => {
            let elements: Vec<Term> = elements.iter().map(|e| build_term(area, e)).collect();
            let tail = match tail {
                Some(tail) => build_term(area, tail),
                None => Term::NIL,
            };
            build::list(area, &elements, tail).expect(room)
        }
        Model::Map(pairs) => {
            let mut pairs: Vec<(Term, Term)> = pairs
                .iter()
                .map(|(key, value)| (build_term(area, key), build_term(area, value)))
                .collect();
            // SAFETY: literal terms are never moved or freed.
            pairs.sort_by(|a, b| unsafe { erts_core::compare_exact(a.0, b.0) });
            let keys: Vec<Term> = pairs.iter().map(|pair| pair.0).collect();
            let values: Vec<Term> = pairs.iter().map(|pair| pair.1).collect();
            let keys = build::tuple(area, &keys).expect(room);
            build::flat_map(area, keys, &values).expect(room)
        }
        Model::Pid {
            node: None,
            number,
            serial,
        } => Term::local_pid((u64::from(*serial) << 15) | u64::from(*number)).expect("28 bits"),
        Model::Pid {
            node,
            number,
            serial,
        } => {
            let (name, creation) = node_atom_and_creation(node);
            let id = [u64::from(*number), u64::from(*serial)];
            build::external(area, ExternalKind::Pid, name, creation, &id).expect(room)
        }
        Model::Port { node: None, number } => Term::local_port(*number).expect("28 bits"),
        Model::Port { node, number } => {
            let (name, creation) = node_atom_and_creation(node);
            build::external(area, ExternalKind::Port, name, creation, &[*number]).expect(room)
        }
        Model::Ref { node, words } => {
            let words: Vec<u64> = words.iter().map(|word| u64::from(*word)).collect();
            match node {
                None => build::reference(area, &words).expect(room),
                Some(_) => {
                    let (name, creation) = node_atom_and_creation(node);
                    build::external(area, ExternalKind::Ref, name, creation, &words).expect(room)
                }
            }
        }
        Model::Export(module, function, arity) => {
            build::export(area, atom(module), atom(function), *arity).expect(room)
        }
    }
}

// ---- Models as oracle requests ----

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02X}")).collect()
}

fn from_hex(text: &str) -> Vec<u8> {
    (0..text.len() / 2)
        .map(|index| u8::from_str_radix(&text[2 * index..2 * index + 2], 16).expect("hex"))
        .collect()
}

fn atom_text(name: &str) -> String {
    if name.chars().all(|c| c.is_ascii_graphic() || c == ' ') {
        let escaped = name.replace('\\', "\\\\").replace('\'', "\\'");
        return format!("'{escaped}'");
    }
    let chars: Vec<String> = name.chars().map(|c| (c as u32).to_string()).collect();
    format!("{{'$earts', {{atom, [{}]}}}}", chars.join(","))
}

fn node_text(node: &NodeModel) -> (String, u32) {
    match node {
        Some((name, creation)) => (atom_text(name), *creation),
        None => ("'nonode@nohost'".to_string(), 0),
    }
}

fn erlang_text(model: &Model) -> String {
    let join = |models: &[Model]| {
        models
            .iter()
            .map(erlang_text)
            .collect::<Vec<_>>()
            .join(", ")
    };
    match model {
        Model::Int(value) => value.to_string(),
        Model::Float(value) => oracle::arg::float(*value),
        Model::Atom(name) => atom_text(name),
        Model::Bits {
            bytes,
            bit_offset,
            bit_size,
        } => format!(
            "{{'$earts', {{bits, \"{}\", {bit_size}}}}}",
            hex(&aligned_bits(bytes, *bit_offset, *bit_size))
        ),
        Model::Tuple(elements) => format!("{{{}}}", join(elements)),
        Model::List(elements, None) => format!("[{}]", join(elements)),
        Model::List(elements, Some(tail)) => format!(
            "{{'$earts', {{improper, [{}], {}}}}}",
            join(elements),
            erlang_text(tail)
        ),
        Model::Map(pairs) => {
            let pairs: Vec<String> = pairs
                .iter()
                .map(|(key, value)| format!("{{{}, {}}}", erlang_text(key), erlang_text(value)))
                .collect();
            format!("{{'$earts', {{map, [{}]}}}}", pairs.join(", "))
        }
        Model::Pid {
            node,
            number,
            serial,
        } => {
            let (name, creation) = node_text(node);
            format!("{{'$earts', {{pid, {name}, {number}, {serial}, {creation}}}}}")
        }
        Model::Port { node, number } => {
            let (name, creation) = node_text(node);
            format!("{{'$earts', {{port, {name}, {number}, {creation}}}}}")
        }
        Model::Ref { node, words } => {
            let (name, creation) = node_text(node);
            let words: Vec<String> = words.iter().map(u32::to_string).collect();
            format!(
                "{{'$earts', {{ref, {name}, {creation}, [{}]}}}}",
                words.join(",")
            )
        }
        Model::Export(module, function, arity) => format!(
            "{{'$earts', {{export, {}, {}, {arity}}}}}",
            atom_text(module),
            atom_text(function)
        ),
    }
}

/// A request whose reply is the value of `argument` (the oracle calls an
/// `erlang` function at the top, so this goes through `hd/1`).
fn value_request(argument: &str) -> String {
    oracle::call("hd", &[format!("[{argument}]")])
}

/// A request for the hex digits of the binary `argument`.
fn hex_request(argument: &str) -> String {
    value_request(&format!("{{'$earts', {{hex, {argument}}}}}"))
}

fn options_text(options: &EncodeOptions) -> String {
    let mut parts = Vec::new();
    match options.minor_version {
        MinorVersion::V0 => parts.push("{minor_version, 0}".to_string()),
        MinorVersion::V1 => {}
        MinorVersion::V2 => parts.push("{minor_version, 2}".to_string()),
    }
    if options.compression.is_some() {
        parts.push("compressed".to_string());
    }
    format!("[{}]", parts.join(", "))
}

// ---- Strategies ----

/// Names that the request syntax reserves as tuple tags are left out.
const ATOM_NAMES: &[&str] = &[
    "a",
    "b",
    "ok",
    "error",
    "true",
    "false",
    "undefined",
    "nonode@nohost",
    "hello world",
    "it's",
    "back\\slash",
    "",
    "λ",
    "héllo",
    "ÿ",
    "日本語",
    "aa",
    "ab",
    "B",
    "_",
    "A1",
    "zzzz",
];

fn atom_name() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => select(ATOM_NAMES).prop_map(str::to_string),
        1 => "[a-z]{1,6}".prop_filter("reserved tags", |name| name != "f" && name != "call"),
        1 => "[a-zé]{250,255}",
    ]
}

fn integer() -> impl Strategy<Value = BigInt> {
    let edges: Vec<i128> = [27, 28, 31, 32, 53, 59, 60, 63, 64, 65]
        .iter()
        .flat_map(|bits| {
            let power = 1i128 << bits;
            [power - 1, power, power + 1, -power - 1, -power, 1 - power]
        })
        .collect();
    prop_oneof![
        3 => (-300i64..300).prop_map(BigInt::from),
        2 => any::<i64>().prop_map(|value| BigInt::from(value >> (value & 63))),
        2 => select(edges).prop_map(BigInt::from),
        2 => (any::<bool>(), vec(any::<u8>(), 1..40)).prop_map(|(negative, bytes)| {
            BigInt::from_bytes_le(if negative { Sign::Minus } else { Sign::Plus }, &bytes)
        }),
        1 => (any::<bool>(), vec(any::<u8>(), 120..260)).prop_map(|(negative, bytes)| {
            BigInt::from_bytes_le(if negative { Sign::Minus } else { Sign::Plus }, &bytes)
        }),
    ]
}

fn float() -> impl Strategy<Value = f64> {
    let specials = vec![
        0.0,
        -0.0,
        1.0,
        -1.0,
        0.5,
        1.5,
        9007199254740992.0,
        9007199254740994.0,
        1152921504606846976.0,
        9223372036854775808.0,
        18446744073709551616.0,
        1.0e300,
        -1.0e300,
        5.0e-324,
        f64::MAX,
        f64::MIN,
    ];
    prop_oneof![
        2 => select(specials),
        2 => any::<f64>().prop_filter("finite", |value| value.is_finite()),
        2 => (-300i64..300).prop_map(|value| value as f64),
        1 => any::<i64>().prop_map(|value| value as f64),
    ]
}

fn bits() -> impl Strategy<Value = Model> {
    (vec(any::<u8>(), 0..24), 0u64..8, 0u64..200).prop_map(|(bytes, offset, size)| {
        let total = bytes.len() as u64 * 8;
        let bit_offset = offset.min(total);
        let bit_size = size.min(total - bit_offset);
        let whole = size % 3 == 0;
        match whole {
            true => Model::Bits {
                bit_size: total,
                bit_offset: 0,
                bytes,
            },
            false => Model::Bits {
                bytes,
                bit_offset,
                bit_size,
            },
        }
    })
}

fn node() -> impl Strategy<Value = NodeModel> {
    prop_oneof![
        2 => Just(None),
        1 => (select(vec!["a@b", "other@host", "nonode@nohost", "λ@b"]), 1u32..4)
            .prop_map(|(name, creation)| Some((name.to_string(), creation))),
    ]
}

fn identifier() -> impl Strategy<Value = Model> {
    prop_oneof![
        (node(), any::<u32>(), any::<u32>()).prop_map(|(node, number, serial)| match node {
            None => Model::Pid {
                node,
                number: number % (1 << 15),
                serial: serial % (1 << 13),
            },
            // Mostly small numbers, so pids often tie on them.
            Some(_) => Model::Pid {
                node,
                number: if number % 2 == 0 { number % 8 } else { number },
                serial: if serial % 2 == 0 { serial % 3 } else { serial },
            },
        }),
        (node(), any::<u64>()).prop_map(|(node, number)| match node {
            None => Model::Port {
                node,
                number: number % (1 << 28),
            },
            Some(_) => Model::Port { node, number },
        }),
        (node(), vec(any::<u32>(), 1..6)).prop_map(|(node, words)| match node {
            None => {
                let mut local = [0u32; 3];
                for (slot, word) in local.iter_mut().zip(&words) {
                    *slot = *word;
                }
                local[0] %= 1 << 18;
                Model::Ref {
                    node,
                    words: local.to_vec(),
                }
            }
            Some(_) => Model::Ref { node, words },
        }),
        (atom_name(), atom_name(), 0u8..=255)
            .prop_map(|(module, function, arity)| Model::Export(module, function, arity)),
    ]
}

/// Values of every kind, spread wide.
fn wide_leaf() -> impl Strategy<Value = Model> {
    prop_oneof![
        3 => integer().prop_map(Model::Int),
        2 => float().prop_map(Model::Float),
        2 => atom_name().prop_map(Model::Atom),
        2 => bits(),
        2 => identifier(),
        1 => Just(Model::List(Vec::new(), None)),
    ]
}

/// Few distinct values, so that pairs are often equal or nearly so.
fn narrow_leaf() -> impl Strategy<Value = Model> {
    prop_oneof![
        (-2i64..3).prop_map(|value| Model::Int(BigInt::from(value))),
        select(vec![0.0, -0.0, 1.0, 2.0, -1.0]).prop_map(Model::Float),
        select(vec![1i128 << 60, -(1i128 << 60), 1 << 64])
            .prop_map(|value| Model::Int(BigInt::from(value))),
        Just(Model::Float(1152921504606846976.0)),
        select(vec!["a", "b", "λ"]).prop_map(|name| Model::Atom(name.to_string())),
        select(vec![
            (vec![], 0u64),
            (vec![1], 8),
            (vec![1], 1),
            (vec![1, 2], 16),
            (vec![1, 2], 9)
        ])
        .prop_map(|(bytes, bit_size)| Model::Bits {
            bytes,
            bit_offset: 0,
            bit_size,
        }),
        Just(Model::List(Vec::new(), None)),
    ]
}

fn containers(leaf: BoxedStrategy<Model>) -> impl Strategy<Value = Model> {
    leaf.prop_recursive(5, 48, 6, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..6).prop_map(Model::Tuple),
            vec(inner.clone(), 0..6).prop_map(|elements| Model::List(elements, None)),
            (vec(inner.clone(), 1..4), inner.clone())
                .prop_map(|(elements, tail)| Model::List(elements, Some(Box::new(tail)))),
            vec((inner.clone(), inner.clone()), 0..6)
                .prop_map(|pairs| Model::Map(distinct_keys(pairs))),
            vec(0u8..=255, 0..12).prop_map(|bytes| Model::List(
                bytes
                    .into_iter()
                    .map(|byte| Model::Int(BigInt::from(byte)))
                    .collect(),
                None
            )),
        ]
    })
}

fn term() -> impl Strategy<Value = Model> {
    prop_oneof![
        6 => containers(wide_leaf().boxed()),
        1 => vec((wide_leaf(), wide_leaf()), 20..=32)
            .prop_map(|pairs| Model::Map(distinct_keys(pairs))),
    ]
}

fn term_pair() -> impl Strategy<Value = (Model, Model)> {
    let narrow = || containers(narrow_leaf().boxed());
    prop_oneof![
        (term(), term()),
        (narrow(), narrow()),
        term().prop_map(|model| (model.clone(), model)),
        narrow().prop_map(|model| (model.clone(), model)),
    ]
}

// ---- Properties ----

fn boolean_case(request: String, value: bool) -> Case {
    Case {
        request,
        earts: reply::boolean(value),
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn order_and_equality_agree_with_beam(pairs in vec(term_pair(), BATCH)) {
        let mut area = LiteralArea::new();
        let mut cases = Vec::new();
        for (lhs, rhs) in &pairs {
            let (lhs_term, rhs_term) = (build_term(&mut area, lhs), build_term(&mut area, rhs));
            let args = [erlang_text(lhs), erlang_text(rhs)];
            // SAFETY: literal terms are never moved or freed.
            let (order, equal, exact) = unsafe {
                (compare(lhs_term, rhs_term), eq(lhs_term, rhs_term), eq_exact(lhs_term, rhs_term))
            };
            cases.push(boolean_case(oracle::call("<", &args), order == Ordering::Less));
            cases.push(boolean_case(oracle::call("==", &args), equal));
            cases.push(boolean_case(oracle::call("=:=", &args), exact));
        }
        oracle::assert_agree(&cases);
    }

    #[test]
    fn hashes_agree_with_beam(
        models in vec((term(), 1u64..=(1 << 32)), BATCH),
    ) {
        let mut area = LiteralArea::new();
        let mut cases = Vec::new();
        for (model, range) in &models {
            let term = build_term(&mut area, model);
            let text = erlang_text(model);
            // SAFETY: literal terms are never moved or freed.
            let (hash2, hash2_range, hash_range) = unsafe {
                (phash2(term), phash2_range(term, *range), phash_range(term, *range))
            };
            let (hash2, hash2_range, hash_range) = (
                hash2.expect("no closures"),
                hash2_range.expect("no closures").expect("range in bounds"),
                hash_range.expect("no closures").expect("range in bounds"),
            );
            let range_text = range.to_string();
            cases.push(Case {
                request: oracle::call("phash2", std::slice::from_ref(&text)),
                earts: reply::integer(hash2),
            });
            cases.push(Case {
                request: oracle::call("phash2", &[text.clone(), range_text.clone()]),
                earts: reply::integer(hash2_range),
            });
            cases.push(Case {
                request: oracle::call("phash", &[text, range_text]),
                earts: reply::integer(hash_range),
            });
        }
        oracle::assert_agree(&cases);
    }

    #[test]
    fn term_to_binary_agrees_with_beam(models in vec(term(), BATCH)) {
        let mut area = LiteralArea::new();
        let mut cases = Vec::new();
        for model in &models {
            let term = build_term(&mut area, model);
            for minor_version in [MinorVersion::V0, MinorVersion::V1, MinorVersion::V2] {
                let options = EncodeOptions { minor_version, compression: None };
                // SAFETY: literal terms are never moved or freed.
                let bytes = unsafe { term_to_binary(term, &options) }.expect("no closures");
                let request = hex_request(&format!(
                    "{{call, term_to_binary, [{}, {}]}}",
                    erlang_text(model),
                    options_text(&options)
                ));
                cases.push(Case { request, earts: reply::charlist(&hex(&bytes)) });
            }
        }
        oracle::assert_agree(&cases);
    }

    #[test]
    fn binary_to_term_reads_beams_encodings(models in vec(term(), BATCH)) {
        let mut area = LiteralArea::new();
        let all_options = [
            EncodeOptions { minor_version: MinorVersion::V0, compression: None },
            EncodeOptions::default(),
            EncodeOptions { minor_version: MinorVersion::V2, compression: None },
            EncodeOptions { minor_version: MinorVersion::V1, compression: Some(Compression::DEFAULT) },
        ];
        let mut requests = Vec::new();
        for model in &models {
            for options in &all_options {
                requests.push(hex_request(&format!(
                    "{{call, term_to_binary, [{}, {}]}}",
                    erlang_text(model),
                    options_text(options)
                )));
            }
        }
        let replies = oracle::ask(&requests);
        for (index, reply) in replies.iter().enumerate() {
            let model = &models[index / all_options.len()];
            let options = &all_options[index % all_options.len()];
            let beam_bytes = from_hex(reply.strip_prefix("list ").expect("a hex string"));
            let expected = build_term(&mut area, model);
            let decoded = binary_to_term(&beam_bytes, &DecodeOptions::default())
                .unwrap_or_else(|error| panic!("{error:?} decoding {reply} of {model:?}"));
            prop_assert_eq!(decoded.bytes_used, beam_bytes.len());
            // SAFETY: the decoded term lives in its fragment; literals never move.
            prop_assert!(unsafe { eq_exact(decoded.term, expected) }, "{:?} from {}", model, reply);
            // SAFETY: as above.
            let again = unsafe { term_to_binary(decoded.term, options) }.expect("no closures");
            match options.compression {
                None => prop_assert_eq!(hex(&again), hex(&beam_bytes)),
                Some(_) => prop_assert_eq!(inflated(&again), inflated(&beam_bytes)),
            }
        }
    }

    #[test]
    fn binary_to_term_of_damaged_bytes_agrees_with_beam(
        damaged in vec(damaged_bytes(), BATCH),
    ) {
        let mut cases = Vec::new();
        for bytes in &damaged {
            let earts = match binary_to_term(bytes, &DecodeOptions::default()) {
                Ok(decoded) => {
                    // SAFETY: the decoded term lives in its fragment.
                    let term_bytes = unsafe { term_to_binary(decoded.term, &EncodeOptions::default()) };
                    let Ok(term_bytes) = term_bytes else { continue };
                    reply::charlist(&hex(&used_tuple_bytes(&term_bytes, decoded.bytes_used)))
                }
                // BEAM also decodes its internal atom-index tags ('I', 'K')
                // as whatever atom sits at that index of its own atom table,
                // which no other runtime can reproduce: earts refuses them
                // (see ARCHITECTURE.md), so such inputs are not compared.
                Err(DecodeError::Badarg) if bytes.iter().any(|&b| b == b'I' || b == b'K') => continue,
                Err(DecodeError::Badarg) => reply::error("badarg"),
                Err(DecodeError::Unsupported(_)) => continue,
            };
            let request = hex_request(&format!(
                "{{call, term_to_binary, [{{call, binary_to_term, [{{'$earts', {{bin, \"{}\"}}}}, [used]]}}]}}",
                hex(bytes)
            ));
            cases.push(Case { request, earts });
        }
        oracle::assert_agree(&cases);
    }
}

/// The encoding of `{Term, Used}` from the encoding of `Term`.
fn used_tuple_bytes(term_bytes: &[u8], used: usize) -> Vec<u8> {
    let used = Term::small(used as i64).expect("small");
    // SAFETY: a small integer is an immediate.
    let used_bytes = unsafe { term_to_binary(used, &EncodeOptions::default()) }.expect("small");
    let mut out = vec![131, 104, 2];
    out.extend_from_slice(&term_bytes[1..]);
    out.extend_from_slice(&used_bytes[1..]);
    out
}

/// The external format body of `bytes`, inflated if compressed.
fn inflated(bytes: &[u8]) -> Vec<u8> {
    match bytes {
        [131, 80, _, _, _, _, stream @ ..] => {
            let mut out = Vec::new();
            flate2::read::ZlibDecoder::new(stream)
                .read_to_end(&mut out)
                .expect("a zlib stream");
            out
        }
        [131, body @ ..] => body.to_vec(),
        _ => bytes.to_vec(),
    }
}

/// Bytes near valid encodings: a model's encoding with a few bytes changed,
/// inserted, removed or cut off, or noise after the version byte.
fn damaged_bytes() -> impl Strategy<Value = Vec<u8>> {
    let encoded = term().prop_map(|model| {
        let mut area = LiteralArea::new();
        let term = build_term(&mut area, &model);
        // SAFETY: literal terms are never moved or freed.
        unsafe { term_to_binary(term, &EncodeOptions::default()) }.expect("no closures")
    });
    let edit = (0u8..4, any::<prop::sample::Index>(), any::<u8>());
    prop_oneof![
        4 => (encoded, vec(edit, 1..4)).prop_map(|(mut bytes, edits)| {
            for (kind, index, byte) in edits {
                let position = index.index(bytes.len());
                match kind {
                    0 if 1 < position => bytes[position] = byte,
                    1 => bytes.insert(position.max(1), byte),
                    2 if 1 < position => {
                        bytes.remove(position);
                    }
                    _ => bytes.truncate(position.max(1)),
                }
            }
            bytes
        }),
        1 => vec(any::<u8>(), 0..24).prop_map(|noise| {
            let mut bytes = vec![131];
            bytes.extend(noise);
            bytes
        }),
        1 => vec(select(vec![97u8, 98, 100, 104, 106, 107, 108, 109, 110, 116, 119, 0, 1, 2, 255]), 0..24)
            .prop_map(|noise| {
                let mut bytes = vec![131];
                bytes.extend(noise);
                bytes
            }),
    ]
}

proptest! {
    #![proptest_config(config())]

    /// Compressed encodings: the same bytes once inflated. The deflate
    /// streams differ (miniz_oxide against zlib), and with them, near the
    /// size threshold, whether the compressed form is the smaller one; how
    /// often the bytes and the choice match is printed.
    #[test]
    fn compressed_term_to_binary_agrees_with_beam(
        models in vec((term(), 1u8..=9), BATCH),
    ) {
        let mut area = LiteralArea::new();
        let mut requests = Vec::new();
        let mut ours = Vec::new();
        for (model, level) in &models {
            let term = build_term(&mut area, model);
            let options = EncodeOptions {
                minor_version: MinorVersion::V1,
                compression: Compression::level(*level),
            };
            // SAFETY: literal terms are never moved or freed.
            ours.push(unsafe { term_to_binary(term, &options) }.expect("no closures"));
            requests.push(hex_request(&format!(
                "{{call, term_to_binary, [{}, [{{compressed, {level}}}]]}}",
                erlang_text(model)
            )));
        }
        let replies = oracle::ask(&requests);
        let is_compressed = |bytes: &[u8]| bytes.get(1) == Some(&80);
        let (mut identical, mut same_choice) = (0, 0);
        for (reply, earts_bytes) in replies.iter().zip(&ours) {
            let beam_bytes = from_hex(reply.strip_prefix("list ").expect("a hex string"));
            prop_assert_eq!(inflated(earts_bytes), inflated(&beam_bytes));
            identical += usize::from(*earts_bytes == beam_bytes);
            same_choice += usize::from(is_compressed(earts_bytes) == is_compressed(&beam_bytes));
        }
        eprintln!(
            "compressed: {identical} of {} byte-identical to BEAM, {same_choice} compressed alike",
            ours.len()
        );
    }
}

// ---- Named cases ----

/// Inputs whose decoding BEAM answers in a particular way, each checked
/// against BEAM as the damaged-bytes property does.
#[test]
fn binary_to_term_edges_agree_with_beam() {
    let inputs: &[&str] = &[
        // Trailing bytes after a term are ignored.
        "83610100",
        // An external reference without numbers: alone, last, not last.
        "835A000064000161000000 01".trim(),
        "835A0000640001610000000161",
        "8368025A00006400016100000001610 1",
        "8368026101 5A0000640001610000000 1",
        // BIT_BINARY_EXT: empty, whole last byte, bad bit counts.
        "834D0000000000",
        "834D0000000108FF",
        "834D0000000103FF",
        "834D0000000003",
        "834D0000000100FF",
        "834D0000000109FF",
        // Duplicate map keys.
        "837400000002610161026101 6103",
        // Local pids, ports and references at and past BEAM's limits.
        "835864000D6E6F6E6F6465406E6F686F737400007FFF00001FFF00000000",
        "835864000D6E6F6E6F6465406E6F686F737400008000000000000000000",
        "835864000D6E6F6E6F6465406E6F686F73740000000000002000 00000000",
        "837864000D6E6F6E6F6465406E6F686F7374000000000FFFFFFF00000000",
        "837864000D6E6F6E6F6465406E6F686F73740000000010000000 00000000",
        "835A000364000D6E6F6E6F6465406E6F686F73740000000000 03FFFF0000000100000002",
        "835A000364000D6E6F6E6F6465406E6F686F73740000000000 0400000000000100000002",
        "835A000464000D6E6F6E6F6465406E6F686F737400000000000000010000000200000003 00000004",
        "835A000664000161000000010000000100000002000000030000000400000005 00000006",
        // Integers: empty and negative-zero bignums, a small in a bignum.
        "836E0000",
        "836E0001",
        "836E080100000000000000 80",
        "836F00000001000 5",
        // Floats: NaN bits, text floats good and bad.
        "8346 7FF8000000000000",
        "8363312E3530303030303030303030303030303030303030652B303000000000 00",
        "8363312E35000000000000000000000000000000000000000000000000000000",
        "836331650000000000000000000000000000000000000000000000000000000000",
        // Atoms: Latin-1 text, bad UTF-8, too long.
        "836400036869E9",
        "837702C328",
        "8373036162 63",
        // Lists: an empty LIST_EXT with a tail, a string, truncation.
        "836C000000006101",
        "836B0003616263",
        "836C00000002610161",
        // Compressed: good, with trailing bytes, wrong declared size.
        "835000000003789C4B640400 00C50063",
        "835000000003789C4B6404000 0C5006301 02",
        "835000000002789C4B6404000 0C50063",
        // An export fun with an INTEGER_EXT arity.
        "837164000 16D640001666200000003",
        // Tags BEAM does not read in binary_to_term.
        "835200",
        "8344",
        "",
        "83",
        "82610 1",
    ];
    let mut cases = Vec::new();
    for input in inputs {
        let input: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        let bytes = from_hex(&input);
        let earts = match binary_to_term(&bytes, &DecodeOptions::default()) {
            Ok(decoded) => {
                // SAFETY: the decoded term lives in its fragment.
                let term_bytes = unsafe { term_to_binary(decoded.term, &EncodeOptions::default()) }
                    .expect("no closures");
                reply::charlist(&hex(&used_tuple_bytes(&term_bytes, decoded.bytes_used)))
            }
            Err(DecodeError::Badarg) => reply::error("badarg"),
            Err(DecodeError::Unsupported(what)) => panic!("{input}: unsupported {what:?}"),
        };
        let request = hex_request(&format!(
            "{{call, term_to_binary, [{{call, binary_to_term, [{{'$earts', {{bin, \"{input}\"}}}}, [used]]}}]}}"
        ));
        cases.push(Case { request, earts });
    }
    oracle::assert_agree(&cases);
}

#[test]
fn safe_refuses_only_new_atoms() {
    let fresh = "earts_safe_test_atom_that_exists_nowhere_else";
    let known = "ok";
    let mut cases = Vec::new();
    for name in [fresh, known] {
        let mut bytes = vec![131, 119, name.len() as u8];
        bytes.extend_from_slice(name.as_bytes());
        let safe = DecodeOptions { safe: true };
        let earts = match binary_to_term(&bytes, &safe) {
            Ok(decoded) => reply::atom(decoded.term.as_atom().expect("an atom").name()),
            Err(_) => reply::error("badarg"),
        };
        let request = oracle::call(
            "binary_to_term",
            &[
                format!("{{'$earts', {{bin, \"{}\"}}}}", hex(&bytes)),
                "[safe]".to_string(),
            ],
        );
        cases.push(Case { request, earts });
    }
    oracle::assert_agree(&cases);
    // Without `safe` the atom is created.
    let mut bytes = vec![131, 119, fresh.len() as u8];
    bytes.extend_from_slice(fresh.as_bytes());
    assert!(binary_to_term(&bytes, &DecodeOptions::default()).is_ok());
}

#[test]
fn hash_ranges_outside_one_to_two_to_the_32_are_badarg() {
    let term = Term::small(1).expect("small");
    let mut cases = Vec::new();
    for range in [0u64, 1, (1 << 32) - 1, 1 << 32, (1 << 32) + 1] {
        // SAFETY: an immediate.
        let (hash2, hash) = unsafe { (phash2_range(term, range), phash_range(term, range)) };
        let hash2 = hash2.expect("an integer");
        let hash = hash.expect("an integer");
        cases.push(Case {
            request: oracle::call("phash2", &["1".to_string(), range.to_string()]),
            earts: hash2.map_or_else(|| reply::error("badarg"), reply::integer),
        });
        cases.push(Case {
            request: oracle::call("phash", &["1".to_string(), range.to_string()]),
            earts: hash.map_or_else(|| reply::error("badarg"), reply::integer),
        });
    }
    oracle::assert_agree(&cases);
}

/// FIXME: BEAM reads export funs of any arity below 2^31 (`fun m:f/256`);
/// earts' export objects hold an arity of at most 255, so it refuses them.
#[test]
fn export_arities_above_255_are_refused() {
    let bytes = from_hex("83716400016D640001666200000100");
    assert_eq!(
        binary_to_term(&bytes, &DecodeOptions::default()).err(),
        Some(DecodeError::Badarg)
    );
}

#[test]
fn compression_levels_outside_zero_to_nine_are_refused() {
    assert!(Compression::level(0).is_some());
    assert!(Compression::level(9).is_some());
    assert!(Compression::level(10).is_none());
    let cases = [Case {
        request: oracle::call(
            "term_to_binary",
            &["a".to_string(), "[{compressed, 10}]".to_string()],
        ),
        earts: reply::error("badarg"),
    }];
    oracle::assert_agree(&cases);
}

#[test]
fn closures_are_reported_unsupported() {
    let mut area = LiteralArea::new();
    let closure = build::fun(&mut area, 0, &[Term::NIL]).expect("room");
    let tuple = build::tuple(&mut area, &[closure]).expect("room");
    // SAFETY: literal terms are never moved or freed.
    unsafe {
        assert_eq!(phash2(tuple), Err(erts_core::UnsupportedTerm::Closure));
        assert_eq!(
            phash_range(tuple, 7),
            Err(erts_core::UnsupportedTerm::Closure)
        );
        assert_eq!(
            term_to_binary(tuple, &EncodeOptions::default()),
            Err(erts_core::UnsupportedTerm::Closure)
        );
        assert!(eq_exact(tuple, tuple));
    }
    let new_fun_ext = [131, 112, 0, 0, 0, 0];
    assert_eq!(
        binary_to_term(&new_fun_ext, &DecodeOptions::default()).err(),
        Some(DecodeError::Unsupported(
            erts_core::UnsupportedTerm::Closure
        ))
    );
}

/// A list of `length` copies of `element`, built cell by cell.
fn long_list(area: &mut LiteralArea, length: usize, element: Term) -> Term {
    let elements = vec![element; length];
    build::list(area, &elements, Term::NIL).expect("room")
}

/// Ten million elements: order, hashes and both directions of the
/// external format walk lists without native recursion.
#[test]
fn ten_million_element_lists_use_no_native_stack() {
    const LENGTH: usize = 10_000_000;
    let mut area = LiteralArea::new();
    let seven = Term::small(7).expect("small");
    let eight = Term::small(8).expect("small");
    let list = long_list(&mut area, LENGTH, seven);
    let copy = long_list(&mut area, LENGTH, seven);
    let mut elements = vec![seven; LENGTH];
    elements[LENGTH - 1] = eight;
    let differs_at_end = build::list(&mut area, &elements, Term::NIL).expect("room");
    drop(elements);
    let beam_list = format!("{{call, tuple_to_list, [{{call, make_tuple, [{LENGTH}, 7]}}]}}");
    // SAFETY: literal terms are never moved or freed.
    let (hash2, bytes) = unsafe {
        assert!(eq_exact(list, copy));
        assert_eq!(compare(list, differs_at_end), Ordering::Less);
        (
            phash2(list).expect("no closures"),
            term_to_binary(list, &EncodeOptions::default()).expect("no closures"),
        )
    };
    let decoded = binary_to_term(&bytes, &DecodeOptions::default()).expect("decodes");
    // SAFETY: the decoded term lives in its fragment; literals never move.
    assert!(unsafe { eq_exact(decoded.term, list) });
    let encoded = build::heap_binary(&mut area, &bytes).expect("room");
    // SAFETY: as above.
    let bytes_hash = unsafe { phash2(encoded) }.expect("a binary");
    oracle::assert_agree(&[
        Case {
            request: oracle::call("phash2", std::slice::from_ref(&beam_list)),
            earts: reply::integer(hash2),
        },
        Case {
            request: oracle::call(
                "phash2",
                &[format!("{{call, term_to_binary, [{beam_list}]}}")],
            ),
            earts: reply::integer(bytes_hash),
        },
    ]);
}

/// A million nested tuples: the walks keep their own stacks.
#[test]
fn deeply_nested_tuples_use_no_native_stack() {
    const DEPTH: usize = 1_000_000;
    let mut area = LiteralArea::new();
    let nested = |area: &mut LiteralArea| {
        let mut term = Term::NIL;
        for _ in 0..DEPTH {
            term = build::tuple(area, &[term]).expect("room");
        }
        term
    };
    let (lhs, rhs) = (nested(&mut area), nested(&mut area));
    // SAFETY: literal terms are never moved or freed.
    let bytes = unsafe {
        assert!(eq_exact(lhs, rhs));
        assert!(phash2(lhs).is_ok() && phash_range(lhs, 100).is_ok());
        term_to_binary(lhs, &EncodeOptions::default()).expect("no closures")
    };
    let decoded = binary_to_term(&bytes, &DecodeOptions::default()).expect("decodes");
    // SAFETY: the decoded term lives in its fragment.
    assert!(unsafe { eq_exact(decoded.term, lhs) });
}
