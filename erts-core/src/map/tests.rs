//! Map operations checked against an owned model (a `BTreeMap` of integer
//! keys), and the sizes plans promise, without BEAM, so they also run
//! under Miri. Each map is built into a heap fragment of exactly
//! `MapPlan::words` words, which must come out full.

use std::collections::BTreeMap;

use proptest::prelude::*;

use super::{MapError, MapPlan, MAX_FLAT_SIZE};
use crate::heap::HeapFragment;
use crate::term::Term;

/// Operations per case: enough to grow hash maps natively; fewer under
/// Miri, where the named tests build hash maps.
const MAX_OPS: usize = if cfg!(miri) { 30 } else { 120 };

/// The operations the property applies.
#[derive(Clone, Debug)]
enum Op {
    Put(i64, i64),
    Update(i64, i64),
    Remove(i64),
}

fn op() -> impl Strategy<Value = Op> {
    // Few distinct keys, so puts replace and removes hit.
    let key = -40i64..40;
    prop_oneof![
        4 => (key.clone(), any::<i32>()).prop_map(|(key, value)| Op::Put(key, value.into())),
        1 => (key.clone(), any::<i32>()).prop_map(|(key, value)| Op::Update(key, value.into())),
        2 => key.prop_map(Op::Remove),
    ]
}

fn small(value: i64) -> Term {
    Term::small(value).expect("test values fit a small")
}

/// Builds `plan` into a fragment of exactly its size, kept in `fragments`.
fn build(fragments: &mut Vec<HeapFragment>, plan: &MapPlan) -> Term {
    assert!(plan.words() <= super::words_bound(plan.size()));
    let mut fragment = HeapFragment::with_capacity(plan.words()).expect("a small fragment");
    // SAFETY: the plan's terms live in `fragments`, never collected.
    let map = unsafe { plan.build(&mut fragment) }.expect("the plan's words suffice");
    assert_eq!(fragment.free_words(), 0, "the plan sized the map exactly");
    fragments.push(fragment);
    map
}

/// The trie of a hash map as data: each node's info word, then its
/// children (leaves as their key and value words), depth first.
fn shape(map: Term, out: &mut Vec<u64>) {
    // SAFETY: the map lives in a fragment that is never collected.
    let (info, children) = unsafe { map.hash_map_node_parts() }.expect("a node");
    out.push(info);
    for child in children {
        // SAFETY: as above.
        match unsafe { (child.head(), child.tail()) } {
            (Some(key), Some(value)) => out.extend([key.bits(), value.bits()]),
            _ => shape(*child, out),
        }
    }
}

/// Checks `map` against `model`: size, every key's value, a missing key,
/// the iteration order of a flat map, and the trie of a hash map against
/// one built from scratch.
fn check(
    fragments: &mut Vec<HeapFragment>,
    map: Term,
    model: &BTreeMap<i64, i64>,
) -> Result<(), TestCaseError> {
    // SAFETY: `map` lives in a fragment that is never collected.
    unsafe {
        if MAX_FLAT_SIZE < model.len() {
            let rebuilt = build(
                fragments,
                &MapPlan::new(super::iteration_order(map).expect("a map")),
            );
            let (mut expected, mut found) = (Vec::new(), Vec::new());
            shape(rebuilt, &mut expected);
            shape(map, &mut found);
            prop_assert_eq!(found, expected);
        }
        prop_assert_eq!(super::size(map), Ok(model.len()));
        for (key, value) in model {
            prop_assert_eq!(super::get(map, small(*key)), Ok(Some(small(*value))));
        }
        prop_assert_eq!(super::get(map, small(1000)), Ok(None));
        let pairs = super::iteration_order(map).expect("a map");
        prop_assert_eq!(pairs.len(), model.len());
        if model.len() <= MAX_FLAT_SIZE {
            let expected: Vec<(Term, Term)> = model
                .iter()
                .map(|(key, value)| (small(*key), small(*value)))
                .collect();
            prop_assert_eq!(pairs, expected);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(crate::test_support::proptest_config(64))]

    #[test]
    fn operations_match_a_model(ops in proptest::collection::vec(op(), 0..MAX_OPS)) {
        let mut fragments = Vec::new();
        let mut model = BTreeMap::new();
        let mut map = build(&mut fragments, &super::new());
        for op in &ops {
            // SAFETY: every map lives in `fragments`, never collected.
            let plan = unsafe {
                match *op {
                    Op::Put(key, value) => {
                        model.insert(key, value);
                        super::put(map, small(key), small(value))
                    }
                    Op::Update(key, value) => match model.contains_key(&key) {
                        true => {
                            model.insert(key, value);
                            super::update(map, small(key), small(value))
                        }
                        false => {
                            let result = super::update(map, small(key), small(value));
                            prop_assert_eq!(result.err(), Some(MapError::BadKey));
                            continue;
                        }
                    },
                    Op::Remove(key) => {
                        model.remove(&key);
                        super::remove(map, small(key))
                    }
                }
            }
            .expect("a map");
            map = build(&mut fragments, &plan);
            check(&mut fragments, map, &model)?;
        }
    }
}

#[test]
fn from_list_keeps_the_last_value_and_merge_the_second() {
    let mut fragments = Vec::new();
    let mut area = crate::term::LiteralArea::new();
    let pairs: Vec<Term> = (0..80)
        .map(|index| {
            let elements = [small(index % 50), small(index)];
            crate::term::build::tuple(&mut area, &elements).expect("room")
        })
        .collect();
    let list = crate::term::build::list(&mut area, &pairs, Term::NIL).expect("room");
    // SAFETY: literal and fragment terms are never moved or freed.
    let from_list = unsafe { super::from_list(list) }.expect("a list of pairs");
    let map = build(&mut fragments, &from_list);
    let model: BTreeMap<i64, i64> = (0..80).map(|index| (index % 50, index)).collect();
    check(&mut fragments, map, &model).expect("the last value of each key");
    let small_map = build(&mut fragments, &super::new());
    // SAFETY: as above.
    let merged = unsafe { super::merge(small_map, map) }.expect("maps");
    let merged = build(&mut fragments, &merged);
    check(&mut fragments, merged, &model).expect("the second map's entries");
}

/// Pairs of integers whose 32-bit internal hashes are equal.
const COLLIDING: [(i64, i64); 2] = [(40_660, 59_671), (22_575, 119_693)];

#[test]
fn colliding_keys_split_down_to_collision_nodes_and_collapse_back() {
    let mut fragments = Vec::new();
    let mut model: BTreeMap<i64, i64> = (0..40).map(|key| (key, -key)).collect();
    let pairs = model
        .iter()
        .map(|(key, value)| (small(*key), small(*value)))
        .collect();
    // SAFETY: no terms but smalls.
    let mut map = build(&mut fragments, &unsafe { MapPlan::new(pairs) });
    let colliding = COLLIDING
        .iter()
        .flat_map(|(first, second)| [*first, *second]);
    for (step, key) in colliding.clone().enumerate() {
        model.insert(key, step as i64);
        // SAFETY: every map lives in `fragments`, never collected.
        let plan = unsafe { super::put(map, small(key), small(step as i64)) }.expect("a map");
        map = build(&mut fragments, &plan);
        check(&mut fragments, map, &model).expect("a put");
    }
    for key in colliding {
        model.remove(&key);
        // SAFETY: as above.
        let plan = unsafe { super::remove(map, small(key)) }.expect("a map");
        map = build(&mut fragments, &plan);
        check(&mut fragments, map, &model).expect("a remove");
    }
    // SAFETY: as above.
    let missing = unsafe { super::remove(map, small(COLLIDING[0].0)) }.expect("a map");
    assert_eq!(missing.words(), 0, "removing a missing key keeps the map");
}
