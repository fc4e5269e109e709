//! Differential tests of maps against BEAM (see `oracle/mod.rs`): the
//! order of `maps:to_list/1`, `maps:keys/1`, `maps:values/1` and
//! `maps:fold/3`, `term_to_binary` bytes, `phash2`, term order and
//! equality, and the results of `put`, `update`, `remove`, `from_list` and
//! `merge`, for maps of 0 to 100 keys, flat and hash maps.
//!
//! Maps are described by a [`Key`]/value model, built on earts with
//! `erts_core::map` and written as requests that BEAM builds with
//! `maps:from_list/1`. Results are compared as the hex bytes of their
//! external format, so order matters. Atom keys hash by their index in the
//! atom table, which differs between earts and BEAM, so maps with atom keys
//! are compared only in ways that do not depend on order (BEAM decoding
//! earts' bytes into an equal map, `phash2`, term order). Each property
//! checks `EARTS_PROPTEST_CASES` cases (default [`DEFAULT_CASES`]) in
//! batches of [`BATCH`].
#![cfg(not(miri))]

#[allow(dead_code, reason = "this binary uses part of the oracle's helpers")]
mod oracle;

use std::cmp::Ordering;

use erts_core::build;
use erts_core::map::{self, ListKind, MapError};
use erts_core::{
    compare, eq, eq_exact, phash2, term_to_binary, Atom, EncodeOptions, LiteralArea, Term,
};
use oracle::{reply, Case};
use proptest::collection::vec;
use proptest::prelude::*;

/// Cases per property when `EARTS_PROPTEST_CASES` is not set.
const DEFAULT_CASES: usize = 300;
/// Cases sent to BEAM in one round trip.
const BATCH: usize = 50;

fn config() -> ProptestConfig {
    oracle::batched_config(DEFAULT_CASES, BATCH)
}

// ---- The model ----

/// A map key or value.
#[derive(Clone, Debug, PartialEq)]
enum Key {
    Int(i64),
    /// A float; never `-0.0`, which is `=:=`-distinct from `0.0` but
    /// printed alike.
    Float(f64),
    Binary(Vec<u8>),
    Atom(String),
    Tuple(Vec<Key>),
    List(Vec<Key>),
}

type Pairs = Vec<(Key, Key)>;

fn build_key(area: &mut LiteralArea, key: &Key) -> Term {
    let room = "the literal area grows";
    match key {
        Key::Int(value) => match Term::small(*value) {
            Some(small) => small,
            None => {
                let digits = [value.unsigned_abs()];
                build::bignum(area, *value < 0, &digits).expect(room)
            }
        },
        Key::Float(value) => build::float(area, *value).expect(room),
        Key::Binary(bytes) => build::heap_binary(area, bytes).expect(room),
        Key::Atom(name) => Term::atom(Atom::intern(name).expect("test atoms fit")),
        Key::Tuple(elements) => {
            let elements: Vec<Term> = elements.iter().map(|e| build_key(area, e)).collect();
            build::tuple(area, &elements).expect(room)
        }
        Key::List(elements) => {
            let elements: Vec<Term> = elements.iter().map(|e| build_key(area, e)).collect();
            build::list(area, &elements, Term::NIL).expect(room)
        }
    }
}

/// The list `[{K, V}, …]` of `pairs` in `area`.
fn build_pairs(area: &mut LiteralArea, pairs: &[(Key, Key)]) -> Term {
    let tuples: Vec<Term> = pairs
        .iter()
        .map(|(key, value)| {
            let (key, value) = (build_key(area, key), build_key(area, value));
            build::tuple(area, &[key, value]).expect("room")
        })
        .collect();
    build::list(area, &tuples, Term::NIL).expect("room")
}

/// Builds a planned map in `area`, checking the plan's size.
fn build_plan(area: &mut LiteralArea, plan: map::MapPlan) -> Term {
    // SAFETY: literal terms are never moved or freed.
    unsafe { plan.build(area) }.expect("the literal area grows")
}

/// `maps:from_list(pairs)` on earts.
fn build_map(area: &mut LiteralArea, pairs: &[(Key, Key)]) -> Term {
    let list = build_pairs(area, pairs);
    // SAFETY: literal terms are never moved or freed.
    let plan = unsafe { map::from_list(list) }.expect("a proper list of pairs");
    build_plan(area, plan)
}

fn key_text(key: &Key) -> String {
    let join = |keys: &[Key]| keys.iter().map(key_text).collect::<Vec<_>>().join(", ");
    match key {
        Key::Int(value) => value.to_string(),
        Key::Float(value) => oracle::arg::float(*value),
        Key::Binary(bytes) => oracle::arg::binary(bytes),
        Key::Atom(name) => format!("'{name}'"),
        Key::Tuple(elements) => format!("{{{}}}", join(elements)),
        Key::List(elements) => format!("[{}]", join(elements)),
    }
}

fn map_text(pairs: &[(Key, Key)]) -> String {
    let pairs: Vec<String> = pairs
        .iter()
        .map(|(key, value)| format!("{{{}, {}}}", key_text(key), key_text(value)))
        .collect();
    format!(
        "{{'$earts', {{maps, from_list, [[{}]]}}}}",
        pairs.join(", ")
    )
}

fn maps_text(function: &str, args: &[String]) -> String {
    format!("{{'$earts', {{maps, {function}, [{}]}}}}", args.join(", "))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02X}")).collect()
}

/// The request for the hex bytes of `term_to_binary(argument)`.
fn etf_request(argument: &str) -> String {
    oracle::call(
        "hd",
        &[format!(
            "[{{'$earts', {{hex, {{call, term_to_binary, [{argument}]}}}}}}]"
        )],
    )
}

/// The reply that `etf_request` expects for earts' `term`.
fn etf_reply(term: Term) -> String {
    // SAFETY: literal terms are never moved or freed.
    let bytes = unsafe { term_to_binary(term, &EncodeOptions::default()) }.expect("no closures");
    reply::charlist(&hex(&bytes))
}

fn list_of(area: &mut LiteralArea, map: Term, kind: ListKind) -> Term {
    // SAFETY: literal terms are never moved or freed.
    unsafe { map::build_list(area, map, kind) }
        .expect("a map")
        .expect("the literal area grows")
}

// ---- Strategies ----

const ATOMS: &[&str] = &[
    "a",
    "b",
    "ok",
    "error",
    "zeta",
    "k1",
    "k2",
    "k3",
    "x_y",
    "undefined",
];

fn scalar(with_atoms: bool) -> BoxedStrategy<Key> {
    let atom_weight = if with_atoms { 2 } else { 0 };
    prop_oneof![
        6 => (-1000i64..1000).prop_map(Key::Int),
        2 => any::<i64>().prop_map(|value| Key::Int(value >> (value & 63))),
        2 => (-1000i32..1000).prop_map(|value| Key::Float(f64::from(value) / 4.0 + 0.5)),
        2 => vec(any::<u8>(), 0..14).prop_map(Key::Binary),
        atom_weight => proptest::sample::select(ATOMS).prop_map(|name| Key::Atom(name.to_string())),
    ]
    .boxed()
}

fn key(with_atoms: bool) -> BoxedStrategy<Key> {
    scalar(with_atoms)
        .prop_recursive(2, 8, 3, |inner| {
            prop_oneof![
                vec(inner.clone(), 0..3).prop_map(Key::Tuple),
                vec(inner, 0..3).prop_map(Key::List),
            ]
        })
        .boxed()
}

/// Pairs with possibly repeated keys, so `from_list` has to keep the last.
fn pairs(with_atoms: bool) -> impl Strategy<Value = Pairs> {
    prop_oneof![
        vec((key(with_atoms), key(false)), 0..=100),
        vec((key(with_atoms), key(false)), 30..=40),
        // Small integer keys collide often.
        vec(((0i64..60).prop_map(Key::Int), key(false)), 20..=100),
    ]
}

// ---- Properties ----

proptest! {
    #![proptest_config(config())]

    #[test]
    fn lists_and_bytes_agree_with_beam(models in vec(pairs(false), BATCH)) {
        let mut area = LiteralArea::new();
        let mut cases = Vec::new();
        for pairs in &models {
            let map = build_map(&mut area, pairs);
            let text = map_text(pairs);
            cases.push(Case { request: etf_request(&text), earts: etf_reply(map) });
            for (function, kind) in
                [("to_list", ListKind::ToList), ("keys", ListKind::Keys), ("values", ListKind::Values)]
            {
                let list = list_of(&mut area, map, kind);
                cases.push(Case {
                    request: etf_request(&maps_text(function, std::slice::from_ref(&text))),
                    earts: etf_reply(list),
                });
            }
            // SAFETY: literal terms are never moved or freed.
            let visited = unsafe { map::iteration_order(map) }.expect("a map");
            let tuples: Vec<Term> = visited
                .iter()
                .map(|(key, value)| build::tuple(&mut area, &[*key, *value]).expect("room"))
                .collect();
            let fold_order = build::list(&mut area, &tuples, Term::NIL).expect("room");
            cases.push(Case {
                request: etf_request(&format!("{{'$earts', {{fold_order, {text}}}}}")),
                earts: etf_reply(fold_order),
            });
            // SAFETY: as above.
            let size = unsafe { map::size(map) }.expect("a map");
            cases.push(Case {
                request: oracle::call("map_size", std::slice::from_ref(&text)),
                earts: reply::integer(size),
            });
        }
        oracle::assert_agree(&cases);
    }

    #[test]
    fn maps_with_atom_keys_agree_with_beam(models in vec(pairs(true), BATCH)) {
        let mut area = LiteralArea::new();
        let mut cases = Vec::new();
        for pairs in &models {
            let map = build_map(&mut area, pairs);
            let text = map_text(pairs);
            // SAFETY: literal terms are never moved or freed.
            let bytes = unsafe { term_to_binary(map, &EncodeOptions::default()) }.expect("no closures");
            let decoded = format!("{{call, binary_to_term, [{}]}}", oracle::arg::binary(&bytes));
            cases.push(Case {
                request: oracle::call("=:=", &[decoded, text.clone()]),
                earts: reply::boolean(true),
            });
            // SAFETY: as above.
            let hash = unsafe { phash2(map) }.expect("no closures");
            cases.push(Case {
                request: oracle::call("phash2", &[text]),
                earts: reply::integer(hash),
            });
        }
        oracle::assert_agree(&cases);
    }

    #[test]
    fn order_and_equality_agree_with_beam(
        models in vec((pairs(true), pairs(true), any::<bool>()), BATCH),
    ) {
        let mut area = LiteralArea::new();
        let mut cases = Vec::new();
        for (lhs, rhs, same_keys) in &models {
            // Half the cases share keys, so values and key order decide.
            let rhs: Pairs = match same_keys {
                true => lhs.iter().zip(rhs.iter().cycle()).map(|(l, r)| (l.0.clone(), r.1.clone())).collect(),
                false => rhs.clone(),
            };
            let (lhs_map, rhs_map) = (build_map(&mut area, lhs), build_map(&mut area, &rhs));
            let args = [map_text(lhs), map_text(&rhs)];
            // SAFETY: literal terms are never moved or freed.
            let (order, equal, exact) = unsafe {
                (compare(lhs_map, rhs_map), eq(lhs_map, rhs_map), eq_exact(lhs_map, rhs_map))
            };
            cases.push(Case { request: oracle::call("<", &args), earts: reply::boolean(order == Ordering::Less) });
            cases.push(Case { request: oracle::call("==", &args), earts: reply::boolean(equal) });
            cases.push(Case { request: oracle::call("=:=", &args), earts: reply::boolean(exact) });
        }
        oracle::assert_agree(&cases);
    }

    #[test]
    fn operations_agree_with_beam(
        models in vec((pairs(false), key(false), key(false), pairs(false)), BATCH),
    ) {
        let mut area = LiteralArea::new();
        let mut cases = Vec::new();
        for (pairs, key, value, other) in &models {
            let map = build_map(&mut area, pairs);
            let text = map_text(pairs);
            // Half the time, a key the map has.
            let key = match (pairs.first(), matches!(value, Key::Int(_))) {
                (Some((existing, _)), true) => existing.clone(),
                _ => key.clone(),
            };
            let (key_term, value_term) = (build_key(&mut area, &key), build_key(&mut area, value));
            let (key_text, value_text) = (key_text(&key), key_text(value));
            let other_map = build_map(&mut area, other);
            // SAFETY: literal terms are never moved or freed.
            let (put, remove, merge, got) = unsafe {
                (
                    map::put(map, key_term, value_term).expect("a map"),
                    map::remove(map, key_term).expect("a map"),
                    map::merge(map, other_map).expect("maps"),
                    map::get(map, key_term).expect("a map"),
                )
            };
            let args = [key_text.clone(), value_text.clone(), text.clone()];
            cases.push(Case {
                request: etf_request(&maps_text("put", &args)),
                earts: etf_reply(build_plan(&mut area, put)),
            });
            cases.push(Case {
                request: etf_request(&maps_text("remove", &[key_text.clone(), text.clone()])),
                earts: etf_reply(build_plan(&mut area, remove)),
            });
            cases.push(Case {
                request: etf_request(&maps_text("merge", &[text.clone(), map_text(other)])),
                earts: etf_reply(build_plan(&mut area, merge)),
            });
            let found = match got {
                Some(found) => build::tuple(&mut area, &[Term::atom(Atom::OK), found]).expect("room"),
                None => Term::atom(Atom::ERROR),
            };
            cases.push(Case {
                request: etf_request(&maps_text("find", &[key_text.clone(), text.clone()])),
                earts: etf_reply(found),
            });
            // SAFETY: as above.
            let updated = unsafe { map::update(map, key_term, value_term) };
            let request = etf_request(&maps_text("update", &args));
            match updated {
                Ok(plan) => cases.push(Case { request, earts: etf_reply(build_plan(&mut area, plan)) }),
                // `{badkey, Key}`, printed with `~w`; integer keys print alike.
                Err(MapError::BadKey) if matches!(key, Key::Int(_)) => cases.push(Case {
                    request,
                    earts: format!("error error:{{badkey,{key_text}}}"),
                }),
                Err(MapError::BadKey) => {}
                Err(error) => panic!("update of a map: {error:?}"),
            }
        }
        oracle::assert_agree(&cases);
    }

    #[test]
    fn beams_bytes_decode_to_the_same_map(models in vec(pairs(false), BATCH)) {
        let replies = oracle::ask(
            &models.iter().map(|pairs| etf_request(&map_text(pairs))).collect::<Vec<_>>(),
        );
        let mut area = LiteralArea::new();
        for (pairs, reply) in models.iter().zip(replies) {
            let text = reply.strip_prefix("list ").expect("hex bytes");
            let bytes: Vec<u8> = (0..text.len() / 2)
                .map(|index| u8::from_str_radix(&text[2 * index..2 * index + 2], 16).expect("hex"))
                .collect();
            let decoded = erts_core::binary_to_term(&bytes, &erts_core::DecodeOptions::default())
                .expect("BEAM's bytes decode");
            let expected = build_map(&mut area, pairs);
            // SAFETY: the fragment and literal terms are alive and unmoved.
            unsafe {
                prop_assert!(eq_exact(decoded.term, expected));
                let again = term_to_binary(decoded.term, &EncodeOptions::default()).expect("no closures");
                prop_assert_eq!(hex(&again), text);
            }
        }
    }
}

#[test]
fn update_of_a_missing_key_is_badkey_and_non_maps_are_badmap() {
    let mut area = LiteralArea::new();
    let map = build_map(&mut area, &[(Key::Int(1), Key::Int(2))]);
    let missing = Term::small(7).expect("a small");
    // SAFETY: literal terms are never moved or freed.
    unsafe {
        assert_eq!(
            map::update(map, missing, missing).err(),
            Some(MapError::BadKey)
        );
        assert_eq!(map::size(missing).err(), Some(MapError::BadMap));
        assert_eq!(map::get(missing, missing).err(), Some(MapError::BadMap));
        assert_eq!(map::from_list(missing).err(), Some(MapError::BadArg));
    }
}

/// Pairs of integers whose 32-bit internal hashes are equal (found by
/// search), so the maps below have collision nodes.
const COLLIDING: [(i64, i64); 2] = [(40_660, 59_671), (22_575, 119_693)];

#[test]
fn colliding_keys_are_found_kept_and_removed_as_on_beam() {
    let mut area = LiteralArea::new();
    let mut cases = Vec::new();
    let int = |value: i64| Key::Int(value);
    let mut pairs: Pairs = (1..=31).map(|key| (int(key), int(-key))).collect();
    for (first, second) in COLLIDING {
        pairs.push((int(first), int(1)));
        pairs.push((int(second), int(2)));
    }
    let map = build_map(&mut area, &pairs);
    let text = map_text(&pairs);
    // SAFETY: literal terms are never moved or freed.
    let bytes = unsafe { term_to_binary(map, &EncodeOptions::default()) }.expect("no closures");
    let decoded = format!(
        "{{call, binary_to_term, [{}]}}",
        oracle::arg::binary(&bytes)
    );
    cases.push(Case {
        request: oracle::call("=:=", &[decoded, text.clone()]),
        earts: reply::boolean(true),
    });
    for (first, second) in COLLIDING {
        for key in [first, second] {
            let key_term = Term::small(key).expect("a small");
            // SAFETY: as above.
            let found = unsafe { map::get(map, key_term) }.expect("a map");
            let found = build::tuple(&mut area, &[Term::atom(Atom::OK), found.expect("present")])
                .expect("room");
            cases.push(Case {
                request: etf_request(&maps_text("find", &[key.to_string(), text.clone()])),
                earts: etf_reply(found),
            });
            // One colliding pair and 31 other keys; removing one key of
            // the pair leaves a flat map, whose order is BEAM's too.
            let mut smaller: Pairs = pairs[..31].to_vec();
            smaller.extend([(int(first), int(1)), (int(second), int(2))]);
            let smaller_map = build_map(&mut area, &smaller);
            // SAFETY: as above.
            let removed = unsafe { map::remove(smaller_map, key_term) }.expect("a map");
            cases.push(Case {
                request: etf_request(&maps_text("remove", &[key.to_string(), map_text(&smaller)])),
                earts: etf_reply(build_plan(&mut area, removed)),
            });
        }
    }
    // SAFETY: as above.
    let hash = unsafe { phash2(map) }.expect("no closures");
    cases.push(Case {
        request: oracle::call("phash2", &[text]),
        earts: reply::integer(hash),
    });
    oracle::assert_agree(&cases);
}
