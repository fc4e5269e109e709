//! The `ets` BIFs with match specifications (`select`, `match`,
//! `match_object` and their chunked and reverse forms, `select_count`,
//! `select_delete`, `select_replace`, the compiled specifications) and
//! `erlang:match_spec_test/3`, over `crate::ets::select`.
//!
//! Continuations have BEAM's shapes: `{Tab, LastKey, [], Chunk, Spec,
//! [], Reverse, 0}` for `ordered_set` tables, `{Tab, NextHash, Chunk,
//! Spec, Rest, RestCount}` for the others (`Rest`: results of the last
//! hash walked beyond the chunk). `Spec` is the specification term itself
//! where BEAM has a compiled one, so continuations cost nothing to keep.
//!
//! Results may point into table storage, the specification and the run's
//! scratch, and arguments into the process heap: everything is read and
//! run first, results copied onto the heap last, in one allocation.

use std::sync::Arc;

use erts_core::{build, copy_term, eq_exact, size_of_term, Atom, HeapFragment, Resource, Term};

use super::bifs;
use super::ets::{atom, end_of_table, list_elements, read_table, small, tuple, write_table};
use crate::ets::match_spec::{Context, MatchSpec, Scratch};
use crate::ets::select::{self, Selection};
use crate::ets::{Kind, Need, Resume, Stored, Table};
use crate::exception::Exception;
use crate::process::Process;
use crate::refs;

/// A specification argument: compiled (a copy) or held by the magic
/// reference `match_spec_compile` made; `None` for `[]`, which matches
/// nothing.
enum Spec {
    Own(MatchSpec),
    Kept(Arc<MatchSpec>),
}

impl Spec {
    fn get(&self) -> &MatchSpec {
        match self {
            Spec::Own(spec) => spec,
            Spec::Kept(spec) => spec,
        }
    }
}

/// # Safety
///
/// `spec` is valid.
unsafe fn spec_of(spec: Term) -> Result<Option<Spec>, Exception> {
    if spec.is_nil() {
        return Ok(None);
    }
    // SAFETY: forwarded from the caller.
    if unsafe { refs::number_of(spec) }.is_some() {
        // SAFETY: as above.
        return unsafe { compiled_of(spec) }
            .map(|spec| Some(Spec::Kept(spec)))
            .ok_or_else(Exception::badarg);
    }
    // SAFETY: as above.
    match unsafe { MatchSpec::compile(spec) } {
        Ok(spec) => Ok(Some(Spec::Own(spec))),
        Err(_) => Err(Exception::badarg()),
    }
}

/// `[{Pattern, [], [Body]}]` for `match` (`'$$'`) and `match_object`
/// (`'$_'`), in `fragment`.
///
/// # Safety
///
/// `pattern` is valid.
unsafe fn pattern_spec(fragment: &mut HeapFragment, pattern: Term, body: &str) -> Option<Term> {
    let body = build::list(fragment, &[Term::atom(Atom::intern(body).ok()?)], Term::NIL)?;
    let clause = build::tuple(fragment, &[pattern, Term::NIL, body])?;
    build::list(fragment, &[clause], Term::NIL)
}

/// The specification of a `match`/`match_object` pattern.
///
/// # Safety
///
/// `pattern` is valid.
unsafe fn pattern_to_spec(pattern: Term, body: &str) -> Result<Option<Spec>, Exception> {
    let mut fragment = HeapFragment::with_capacity(16).map_err(|_| Exception::system_limit())?;
    // SAFETY: forwarded from the caller.
    let spec = unsafe { pattern_spec(&mut fragment, pattern, body) }
        .ok_or_else(Exception::system_limit)?;
    // SAFETY: as above; the spec lives in the fragment.
    unsafe { spec_of(spec) }
}

fn context(process: &Process) -> Context {
    Context {
        self_pid: process.pid,
    }
}

/// Words `terms` take copied as a list.
///
/// # Safety
///
/// The terms are valid.
unsafe fn list_words(terms: &[Term]) -> usize {
    // SAFETY: forwarded from the caller.
    terms.iter().map(|t| unsafe { size_of_term(*t) } + 2).sum()
}

/// Copies `terms` (off the process heap) onto `heap` as a list.
///
/// # Safety
///
/// The terms are valid and the heap has room.
unsafe fn copy_list(heap: &mut impl build::TermAlloc, terms: &[Term]) -> Option<Term> {
    let mut copies = Vec::with_capacity(terms.len());
    for term in terms {
        // SAFETY: forwarded from the caller.
        copies.push(unsafe { copy_term(*term, heap) }?);
    }
    build::list(heap, &copies, Term::NIL)
}

/// Copies `terms` (off the process heap) onto it as a list.
///
/// # Safety
///
/// The terms are valid; no term of the process heap is held.
unsafe fn results_out(process: &mut Process, terms: &[Term]) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    let words = unsafe { list_words(terms) };
    // SAFETY: as above.
    unsafe { process.ensure_room(words, process.live as usize, &mut []) }?;
    // SAFETY: as above; the heap has room.
    process
        .build(|heap| unsafe { copy_list(heap, terms) })
        .ok_or_else(Exception::system_limit)
}

/// Where a chunked selection goes on, its terms off the process heap.
enum Continuation {
    Ordered {
        table: u64,
        last_key: Term,
        chunk: usize,
        spec: Term,
        reverse: bool,
    },
    Hash {
        table: u64,
        next_hash: u64,
        chunk: usize,
        spec: Term,
        rest: Vec<Term>,
    },
}

/// `{Chunk, Continuation | '$end_of_table'}` on the process heap.
///
/// # Safety
///
/// The terms are valid; no term of the process heap is held.
unsafe fn chunk_out(
    process: &mut Process,
    chunk: &[Term],
    continuation: Option<Continuation>,
) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    let size = |term: Term| unsafe { size_of_term(term) };
    // SAFETY: as above.
    let mut words = unsafe { list_words(chunk) } + 3;
    words += match &continuation {
        Some(Continuation::Ordered { last_key, spec, .. }) => {
            9 + refs::WORDS + size(*last_key) + size(*spec)
        }
        Some(Continuation::Hash { spec, rest, .. }) => {
            // SAFETY: as above.
            let rest_words = unsafe { list_words(rest) };
            7 + refs::WORDS + size(*spec) + rest_words
        }
        None => 0,
    };
    let end = end_of_table()?;
    // SAFETY: as above.
    unsafe { process.ensure_room(words, process.live as usize, &mut []) }?;
    let count = |n: usize| i64::try_from(n).ok().and_then(Term::small);
    process
        .build(|heap| {
            // SAFETY: as above; the heap has room for everything.
            let list = unsafe { copy_list(heap, chunk) }?;
            let continuation = match &continuation {
                None => end,
                Some(Continuation::Ordered {
                    table,
                    last_key,
                    chunk,
                    spec,
                    reverse,
                }) => {
                    let tab = refs::build_on(heap, *table)?;
                    // SAFETY: as above.
                    let key = unsafe { copy_term(*last_key, heap) }?;
                    // SAFETY: as above.
                    let spec = unsafe { copy_term(*spec, heap) }?;
                    let elements = [
                        tab,
                        key,
                        Term::NIL,
                        count(*chunk)?,
                        spec,
                        Term::NIL,
                        count(usize::from(*reverse))?,
                        count(0)?,
                    ];
                    build::tuple(heap, &elements)?
                }
                Some(Continuation::Hash {
                    table,
                    next_hash,
                    chunk,
                    spec,
                    rest,
                }) => {
                    let tab = refs::build_on(heap, *table)?;
                    // SAFETY: as above.
                    let spec = unsafe { copy_term(*spec, heap) }?;
                    // SAFETY: as above.
                    let rest_list = unsafe { copy_list(heap, rest) }?;
                    let elements = [
                        tab,
                        Term::small(*next_hash as i64)?,
                        count(*chunk)?,
                        spec,
                        rest_list,
                        count(rest.len())?,
                    ];
                    build::tuple(heap, &elements)?
                }
            };
            build::tuple(heap, &[list, continuation])
        })
        .ok_or_else(Exception::system_limit)
}

/// A limit argument: a positive small.
fn limit_of(term: Term) -> Result<usize, Exception> {
    term.as_small()
        .and_then(|n| usize::try_from(n).ok())
        .filter(|n| *n >= 1)
        .ok_or_else(Exception::badarg)
}

/// A chunk of a selection from `resume`, with `earlier` results (a hash
/// continuation's rest) first, as `select/3` and `select/1` return it.
///
/// # Safety
///
/// The terms are valid and off the process heap.
#[allow(clippy::too_many_arguments)]
unsafe fn chunk(
    process: &mut Process,
    table: &Table,
    spec: &MatchSpec,
    spec_term: Term,
    resume: Resume,
    reverse: bool,
    limit: usize,
    earlier: Vec<Term>,
) -> Result<Term, Exception> {
    let context = context(process);
    let mut scratch = Scratch::new();
    let mut results = earlier;
    let next = if results.len() >= limit {
        Some(resume)
    } else {
        let wanted = limit - results.len();
        // SAFETY: forwarded from the caller; the table stays locked.
        let Selection {
            results: found,
            next,
        } = unsafe {
            select::select(
                table,
                spec,
                &context,
                &mut scratch,
                resume,
                reverse,
                Some(wanted),
            )
        };
        results.extend(found);
        next
    };
    if results.is_empty() && next.is_none() {
        return end_of_table();
    }
    let rest = results.split_off(results.len().min(limit));
    let continuation = match next {
        None => None,
        Some(Resume::AfterKey(last_key)) => Some(Continuation::Ordered {
            table: table.number,
            last_key,
            chunk: limit,
            spec: spec_term,
            reverse,
        }),
        Some(Resume::FromHash(next_hash)) => Some(Continuation::Hash {
            table: table.number,
            next_hash,
            chunk: limit,
            spec: spec_term,
            rest,
        }),
        Some(Resume::Start) => Some(Continuation::Hash {
            table: table.number,
            next_hash: 0,
            chunk: limit,
            spec: spec_term,
            rest,
        }),
    };
    // SAFETY: as above.
    unsafe { chunk_out(process, &results, continuation) }
}

/// Every result of `spec` on the table, as a list.
///
/// # Safety
///
/// The terms are valid.
unsafe fn select_all(
    process: &mut Process,
    tab: Term,
    spec: Option<Spec>,
    reverse: bool,
) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    unsafe {
        read_table(process, tab, |process, table| {
            let Some(spec) = spec else {
                return Ok(Term::NIL);
            };
            let context = context(process);
            let mut scratch = Scratch::new();
            let selection = select::select(
                table,
                spec.get(),
                &context,
                &mut scratch,
                Resume::Start,
                reverse,
                None,
            );
            results_out(process, &selection.results)
        })
    }
}

/// The first chunk of `spec` on the table.
///
/// # Safety
///
/// The terms are valid.
unsafe fn select_limited(
    process: &mut Process,
    tab: Term,
    spec: Option<Spec>,
    limit: Term,
    reverse: bool,
) -> Result<Term, Exception> {
    let limit = limit_of(limit)?;
    // SAFETY: forwarded from the caller.
    unsafe {
        read_table(process, tab, |process, table| {
            let Some(spec) = spec else {
                return end_of_table();
            };
            let spec = spec.get();
            let reverse = reverse && table.kind == Kind::OrderedSet;
            chunk(
                process,
                table,
                spec,
                spec.source(),
                Resume::Start,
                reverse,
                limit,
                Vec::new(),
            )
        })
    }
}

/// The next chunk of a continuation (`select/1`, `match/1`, …).
///
/// # Safety
///
/// The term is valid.
unsafe fn select_1(process: &mut Process, continuation: Term) -> Result<Term, Exception> {
    if continuation.as_atom().map(Atom::name) == Some("$end_of_table") {
        return Ok(continuation);
    }
    // SAFETY: forwarded from the caller.
    let elements = unsafe { tuple(continuation) }.ok_or_else(Exception::badarg)?;
    let small_of = |term: Term| term.as_small().and_then(|n| u64::try_from(n).ok());
    // Copies of the parts the walk and the result need, off the heap.
    let (tab, spec_term, limit, resume, reverse, rest) = match elements {
        [tab, last_key, _, chunk, spec, _, reverse, _] => {
            let reverse = match small_of(*reverse) {
                Some(0) => false,
                Some(1) => true,
                _ => return Err(Exception::badarg()),
            };
            (*tab, *spec, *chunk, Some(*last_key), reverse, None)
        }
        [tab, next_hash, chunk, spec, rest, _] => {
            let next = small_of(*next_hash).ok_or_else(Exception::badarg)?;
            (*tab, *spec, *chunk, None, false, Some((next, *rest)))
        }
        _ => return Err(Exception::badarg()),
    };
    let limit = limit_of(limit)?;
    // A continuation names its table by reference, never by name.
    // SAFETY: as above.
    if unsafe { refs::number_of(tab) }.is_none() {
        return Err(Exception::badarg());
    }
    // SAFETY: as above.
    let spec_copy = unsafe { Stored::copy(spec_term) }.ok_or_else(Exception::system_limit)?;
    // SAFETY: the copy is valid.
    let spec = unsafe { spec_of(spec_copy.term()) }?.ok_or_else(Exception::badarg)?;
    let key_copy = match resume {
        // SAFETY: as above.
        Some(key) => Some(unsafe { Stored::copy(key) }.ok_or_else(Exception::system_limit)?),
        None => None,
    };
    let rest_copy = match rest {
        Some((_, rest)) => {
            // SAFETY: as above.
            let copy = unsafe { Stored::copy(rest) }.ok_or_else(Exception::system_limit)?;
            // SAFETY: as above.
            let terms = unsafe { list_elements(copy.term()) }?;
            Some((copy, terms))
        }
        None => None,
    };
    // SAFETY: the reference is valid; every other term is a copy off the
    // heap, alive until the end.
    unsafe {
        read_table(process, tab, |process, table| {
            let (resume, earlier) = match (&key_copy, &rest_copy, table.kind) {
                (Some(key), None, Kind::OrderedSet) => (Resume::AfterKey(key.term()), Vec::new()),
                (None, Some((_, terms)), kind) if kind != Kind::OrderedSet => {
                    let next = rest.map_or(0, |r| r.0);
                    (Resume::FromHash(next), terms.clone())
                }
                _ => return Err(Exception::badarg()),
            };
            chunk(
                process,
                table,
                spec.get(),
                spec_copy.term(),
                resume,
                reverse,
                limit,
                earlier,
            )
        })
    }
}

/// # Safety
///
/// The terms are valid.
unsafe fn select_2(process: &mut Process, tab: Term, spec: Term) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    unsafe { select_all(process, tab, spec_of(spec)?, false) }
}

/// # Safety
///
/// The terms are valid.
unsafe fn select_3(
    process: &mut Process,
    tab: Term,
    spec: Term,
    limit: Term,
) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    unsafe { select_limited(process, tab, spec_of(spec)?, limit, false) }
}

/// # Safety
///
/// The terms are valid.
unsafe fn select_reverse_2(
    process: &mut Process,
    tab: Term,
    spec: Term,
) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    unsafe { select_all(process, tab, spec_of(spec)?, true) }
}

/// # Safety
///
/// The terms are valid.
unsafe fn select_reverse_3(
    process: &mut Process,
    tab: Term,
    spec: Term,
    limit: Term,
) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    unsafe { select_limited(process, tab, spec_of(spec)?, limit, true) }
}

/// # Safety
///
/// The terms are valid.
unsafe fn match_2(process: &mut Process, tab: Term, pattern: Term) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    unsafe { select_all(process, tab, pattern_to_spec(pattern, "$$")?, false) }
}

/// # Safety
///
/// The terms are valid.
unsafe fn match_3(
    process: &mut Process,
    tab: Term,
    pattern: Term,
    limit: Term,
) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    unsafe { select_limited(process, tab, pattern_to_spec(pattern, "$$")?, limit, false) }
}

/// # Safety
///
/// The terms are valid.
unsafe fn match_object_2(
    process: &mut Process,
    tab: Term,
    pattern: Term,
) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    unsafe { select_all(process, tab, pattern_to_spec(pattern, "$_")?, false) }
}

/// # Safety
///
/// The terms are valid.
unsafe fn match_object_3(
    process: &mut Process,
    tab: Term,
    pattern: Term,
    limit: Term,
) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    unsafe { select_limited(process, tab, pattern_to_spec(pattern, "$_")?, limit, false) }
}

/// `ets:select_count/2`: the objects the specification gives `true` for.
///
/// # Safety
///
/// The terms are valid.
unsafe fn select_count_2(process: &mut Process, tab: Term, spec: Term) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    let spec = unsafe { spec_of(spec) }?;
    let context = context(process);
    // SAFETY: as above.
    unsafe {
        read_table(process, tab, |_, table| {
            let Some(spec) = spec else {
                return Ok(small(0));
            };
            let mut count = 0;
            table.walk(Resume::Start, false, |objects| {
                for object in objects {
                    count += usize::from(select::gives_true(spec.get(), &context, *object));
                }
                true
            });
            Ok(small(count))
        })
    }
}

/// `ets:internal_select_delete/2`, what `select_delete/2` calls: deletes
/// the objects the specification gives `true` for; how many.
///
/// # Safety
///
/// The terms are valid.
unsafe fn internal_select_delete_2(
    process: &mut Process,
    tab: Term,
    spec: Term,
) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    let spec = unsafe { spec_of(spec) }?;
    let context = context(process);
    // SAFETY: as above.
    unsafe {
        write_table(process, tab, Need::Write, |_, table| {
            let Some(spec) = spec else {
                return Ok(small(0));
            };
            let before = table.size();
            table.remove_where(|object| select::gives_true(spec.get(), &context, object));
            Ok(small(before - table.size()))
        })
    }
}

/// `ets:select_replace/2`: each object the specification matches becomes
/// its result, which must be a tuple with the same key (`=:=`); how many.
/// `bag` tables have no `select_replace` (BEAM's choice).
///
/// # Safety
///
/// The terms are valid.
unsafe fn select_replace_2(
    process: &mut Process,
    tab: Term,
    spec: Term,
) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    let spec = unsafe { spec_of(spec) }?;
    let context = context(process);
    // SAFETY: as above.
    unsafe {
        write_table(process, tab, Need::Write, |_, table| {
            if table.kind == Kind::Bag {
                return Err(Exception::badarg());
            }
            let Some(spec) = spec else {
                return Ok(small(0));
            };
            let keypos = table.keypos;
            let mut count = 0;
            table.replace_where(|object| {
                let mut scratch = Scratch::new();
                let Some(result) = spec.get().run(object, &context, &mut scratch) else {
                    return Ok(None);
                };
                let key = tuple(object).expect("an object")[keypos - 1];
                match tuple(result) {
                    Some(elements)
                        if elements.len() >= keypos && eq_exact(elements[keypos - 1], key) => {}
                    _ => return Err(Exception::badarg()),
                }
                count += 1;
                Stored::copy(result)
                    .map(Some)
                    .ok_or_else(Exception::system_limit)
            })?;
            Ok(small(count))
        })
    }
}

/// The specification the magic reference `term` made by
/// `match_spec_compile` holds.
///
/// # Safety
///
/// The term is valid.
unsafe fn compiled_of(term: Term) -> Option<Arc<MatchSpec>> {
    // SAFETY: forwarded from the caller.
    let resource = unsafe { term.magic_resource() }?;
    Arc::clone(resource).downcast::<MatchSpec>().ok()
}

/// `ets:match_spec_compile/1`: a magic reference holding the compiled
/// specification, freed with the last term referring to it.
///
/// # Safety
///
/// The term is valid.
unsafe fn match_spec_compile_1(process: &mut Process, spec: Term) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    let compiled = unsafe { MatchSpec::compile(spec) }.map_err(|_| Exception::badarg())?;
    let resource: Resource = Arc::new(compiled);
    refs::build_magic(process, &resource)
}

/// `ets:is_compiled_ms/1`.
///
/// # Safety
///
/// The term is valid.
unsafe fn is_compiled_ms_1(_process: &mut Process, term: Term) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    let compiled = unsafe { compiled_of(term) };
    Ok(super::ets::boolean(compiled.is_some()))
}

/// `ets:match_spec_run_r/3`: the results of a compiled specification on
/// each term of a list, reversed onto `acc`.
///
/// # Safety
///
/// The terms are valid.
unsafe fn match_spec_run_r_3(
    process: &mut Process,
    list: Term,
    compiled: Term,
    acc: Term,
) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    let spec = unsafe { compiled_of(compiled) }.ok_or_else(Exception::badarg)?;
    // The objects are copied, so results stay valid across a collection.
    // SAFETY: as above.
    let copy = unsafe { Stored::copy(list) }.ok_or_else(Exception::system_limit)?;
    // SAFETY: the copy is valid while `copy` lives.
    let objects = unsafe { list_elements(copy.term()) }?;
    let context = context(process);
    let mut scratch = Scratch::new();
    let results: Vec<Term> = objects
        .iter()
        // SAFETY: as above.
        .filter_map(|object| unsafe { spec.run(*object, &context, &mut scratch) })
        .collect();
    // SAFETY: as above.
    let words = unsafe { list_words(&results) };
    let mut roots = [acc];
    // SAFETY: `acc` is the one heap term held, a root.
    unsafe { process.ensure_room(words, process.live as usize, &mut roots) }?;
    process
        .build(|heap| {
            let mut list = roots[0];
            for result in &results {
                // SAFETY: as above; the heap has room.
                let copy = unsafe { copy_term(*result, heap) }?;
                list = build::cons(heap, copy, list)?;
            }
            Some(list)
        })
        .ok_or_else(Exception::system_limit)
}

/// `erlang:match_spec_test/3`: `{ok, Result, [], []}` (`Result` is
/// `false` when nothing matched) or `{error, [{error, Message}]}`. The
/// `trace` dialect matches argument lists and gives `true`, without its
/// action functions (`message`, `return_trace`, …), which earts does not
/// trace yet.
///
/// # Safety
///
/// The terms are valid.
unsafe fn match_spec_test_3(
    process: &mut Process,
    term: Term,
    spec: Term,
    kind: Term,
) -> Result<Term, Exception> {
    let trace = match kind.as_atom().map(Atom::name) {
        Some("table") => false,
        Some("trace") => true,
        _ => return Err(Exception::badarg()),
    };
    // SAFETY: forwarded from the caller.
    let copy = unsafe { Stored::copy(term) }.ok_or_else(Exception::system_limit)?;
    // SAFETY: as above.
    let compiled = match unsafe { MatchSpec::compile(spec) } {
        Ok(compiled) => compiled,
        Err(error) => return error_out(process, &error.0),
    };
    let mut scratch = Scratch::new();
    // SAFETY: the copy is valid.
    let result = unsafe { compiled.run(copy.term(), &context(process), &mut scratch) };
    let result = match result {
        Some(_) if trace => super::ets::boolean(true),
        Some(result) => result,
        None => super::ets::boolean(false),
    };
    let ok = atom("ok")?;
    // SAFETY: the result is off the heap.
    let words = unsafe { size_of_term(result) } + 5;
    // SAFETY: no heap term is held.
    unsafe { process.ensure_room(words, process.live as usize, &mut []) }?;
    process
        .build(|heap| {
            // SAFETY: as above; the heap has room.
            let result = unsafe { copy_term(result, heap) }?;
            build::tuple(heap, &[ok, result, Term::NIL, Term::NIL])
        })
        .ok_or_else(Exception::system_limit)
}

/// `{error, [{error, Message}]}`, the message a string.
fn error_out(process: &mut Process, message: &str) -> Result<Term, Exception> {
    let error = atom("error")?;
    let chars: Vec<Term> = message
        .chars()
        .map(|c| Term::small(i64::from(u32::from(c))).expect("a char"))
        .collect();
    let words = 2 * chars.len() + 3 + 2 + 3;
    // SAFETY: no heap term is held.
    unsafe { process.ensure_room(words, process.live as usize, &mut []) }?;
    process
        .build(|heap| {
            let text = build::list(heap, &chars, Term::NIL)?;
            let inner = build::tuple(heap, &[error, text])?;
            let list = build::list(heap, &[inner], Term::NIL)?;
            build::tuple(heap, &[error, list])
        })
        .ok_or_else(Exception::system_limit)
}

bifs! {
    ets:"select"/1 (continuation) => process select_1;
    ets:"select"/2 (tab, spec) => process select_2;
    ets:"select"/3 (tab, spec, limit) => process select_3;
    ets:"select_reverse"/1 (continuation) => process select_1;
    ets:"select_reverse"/2 (tab, spec) => process select_reverse_2;
    ets:"select_reverse"/3 (tab, spec, limit) => process select_reverse_3;
    ets:"match"/1 (continuation) => process select_1;
    ets:"match"/2 (tab, pattern) => process match_2;
    ets:"match"/3 (tab, pattern, limit) => process match_3;
    ets:"match_object"/1 (continuation) => process select_1;
    ets:"match_object"/2 (tab, pattern) => process match_object_2;
    ets:"match_object"/3 (tab, pattern, limit) => process match_object_3;
    ets:"select_count"/2 (tab, spec) => process select_count_2;
    ets:"internal_select_delete"/2 (tab, spec) => process internal_select_delete_2;
    ets:"select_replace"/2 (tab, spec) => process select_replace_2;
    ets:"match_spec_compile"/1 (spec) => process match_spec_compile_1;
    ets:"is_compiled_ms"/1 (term) => process is_compiled_ms_1;
    ets:"match_spec_run_r"/3 (list, compiled, acc) => process match_spec_run_r_3;
    erlang:"match_spec_test"/3 (term, spec, kind) => process match_spec_test_3;
}
