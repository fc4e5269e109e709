//! Selecting objects of a table with a match specification: the whole
//! table, the objects of the keys every clause binds (one lookup each),
//! or a chunk of at most a limit, with where to go on.

use erts_core::{compare, eq_exact, Term};

use super::match_spec::{Context, MatchSpec, Scratch};
use super::{Kind, Resume, Table};

/// The results of a selection, in the scratch, the table or the
/// specification.
pub struct Selection {
    pub results: Vec<Term>,
    /// Where a limited selection goes on; `None` at the end.
    pub next: Option<Resume>,
}

/// Runs `spec` on the objects of `table`: every object, or, with a
/// `limit`, units of objects from `resume` until at least `limit`
/// results. `each` sees every object with its result.
///
/// # Safety
///
/// The table is locked for as long as the results are used.
pub unsafe fn select(
    table: &Table,
    spec: &MatchSpec,
    context: &Context,
    scratch: &mut Scratch,
    resume: Resume,
    reverse: bool,
    limit: Option<usize>,
) -> Selection {
    let mut results = Vec::new();
    if let (None, Some(keys)) = (limit, spec.bound_keys(table.keypos)) {
        for object in lookup_all(table, keys) {
            // SAFETY: forwarded from the caller.
            results.extend(unsafe { spec.run(object, context, scratch) });
        }
        return Selection {
            results,
            next: None,
        };
    }
    let next = table.walk(resume, reverse, |objects| {
        for object in objects {
            // SAFETY: forwarded from the caller.
            results.extend(unsafe { spec.run(*object, context, scratch) });
        }
        limit.is_none_or(|limit| results.len() < limit)
    });
    Selection { results, next }
}

/// The objects of `keys`, each key once (in key order in an
/// `ordered_set`).
fn lookup_all(table: &Table, mut keys: Vec<Term>) -> Vec<Term> {
    if table.kind == Kind::OrderedSet {
        // SAFETY: the keys are literals of a live specification.
        keys.sort_by(|a, b| unsafe { compare(*a, *b) });
        // SAFETY: as above.
        keys.dedup_by(|a, b| unsafe { compare(*a, *b) }.is_eq());
    } else {
        let mut distinct: Vec<Term> = Vec::with_capacity(keys.len());
        for key in keys {
            // SAFETY: as above.
            if !distinct.iter().any(|k| unsafe { eq_exact(*k, key) }) {
                distinct.push(key);
            }
        }
        keys = distinct;
    }
    // SAFETY: as above.
    keys.into_iter()
        .flat_map(|key| unsafe { table.lookup(key) })
        .collect()
}

/// The objects of `table` the specification gives `true` for, what
/// `select_count` counts and `select_delete` deletes.
///
/// # Safety
///
/// As [`select`].
pub unsafe fn gives_true(spec: &MatchSpec, context: &Context, object: Term) -> bool {
    let mut scratch = Scratch::new();
    // SAFETY: forwarded from the caller.
    let result = unsafe { spec.run(object, context, &mut scratch) };
    result.and_then(Term::as_atom) == Some(erts_core::Atom::TRUE)
}
