//! The `ets` BIFs that need no match specifications (those are in
//! `ets_select`), over the tables of `crate::ets`. Every failure is `badarg`, as on BEAM: a table that does
//! not exist, access the caller lacks (`private` tables are the owner's,
//! `protected` ones only the owner writes), bad arguments.
//!
//! A BIF finds its table (the registry locked for the lookup only) and
//! then locks that table alone: read-locked ([`read_table`]) when it only
//! reads, so readers of one table run at once, write-locked
//! ([`write_table`]) when it changes it. It reads its arguments and the
//! table before anything is built on the process heap; results are copied
//! out of table storage last, still under the table's lock (a collection
//! never touches ETS), with no argument term held across the collection
//! that may cause.

use erts_core::num::Integer;
use erts_core::{build, copy_term, size_of_term, Atom, HeapFragment, Term};

use super::bifs;
use crate::ets::{self, Access, Kind, Need, Step, Stored, Table};
use crate::exception::Exception;
use crate::process::Process;
use crate::refs;

pub(super) fn atom(name: &str) -> Result<Term, Exception> {
    Atom::intern(name)
        .map(Term::atom)
        .map_err(|_| Exception::system_limit())
}

pub(super) fn boolean(value: bool) -> Term {
    Term::atom(if value { Atom::TRUE } else { Atom::FALSE })
}

pub(super) fn small(value: usize) -> Term {
    i64::try_from(value)
        .ok()
        .and_then(Term::small)
        .expect("a count fits a small")
}

pub(super) fn end_of_table() -> Result<Term, Exception> {
    atom("$end_of_table")
}

/// The id of the running process.
pub(super) fn caller(process: &Process) -> u64 {
    process.pid.as_local_pid().expect("a local pid")
}

/// `badarg` for a table that does not exist (BEAM's `error_info` cause
/// `id`).
pub(super) fn no_table() -> Exception {
    Exception::badarg_because("id")
}

/// `badarg` for a table the caller may not use as it asked: deleted
/// meanwhile (`id`), or not open to it (`access`).
pub(super) fn refused(table: &Table) -> Exception {
    if table.is_deleted() {
        no_table()
    } else {
        Exception::badarg_because("access")
    }
}

/// Runs `f` on the table `tab` names, read-locked (other readers may
/// run at once), if the caller may read it.
///
/// # Safety
///
/// `tab` is valid.
pub(super) unsafe fn read_table<T>(
    process: &mut Process,
    tab: Term,
    f: impl FnOnce(&mut Process, &Table) -> Result<T, Exception>,
) -> Result<T, Exception> {
    let id = caller(process);
    // SAFETY: forwarded from the caller.
    let cell = unsafe { ets::find(tab) }.ok_or_else(no_table)?;
    let table = cell.read();
    if !table.allows(id, Need::Read) {
        return Err(refused(&table));
    }
    f(process, &table)
}

/// Runs `f` on the table `tab` names, write-locked (alone), if the caller
/// may do `need` to it.
///
/// # Safety
///
/// `tab` is valid.
pub(super) unsafe fn write_table<T>(
    process: &mut Process,
    tab: Term,
    need: Need,
    f: impl FnOnce(&mut Process, &mut Table) -> Result<T, Exception>,
) -> Result<T, Exception> {
    let id = caller(process);
    // SAFETY: forwarded from the caller.
    let cell = unsafe { ets::find(tab) }.ok_or_else(no_table)?;
    let mut table = cell.write();
    if !table.allows(id, need) {
        return Err(refused(&table));
    }
    f(process, &mut table)
}

/// Copies `terms` (of table storage, which no collection moves: the table
/// locked, or objects taken out of it and still alive) onto the process
/// heap as a list.
fn copy_out_list(process: &mut Process, terms: &[Term]) -> Result<Term, Exception> {
    // SAFETY: the terms are valid for the call (see above).
    let words: usize = terms.iter().map(|t| unsafe { size_of_term(*t) } + 2).sum();
    // SAFETY: no term of the process heap is held across the collection.
    unsafe { process.ensure_room(words, process.live as usize, &mut []) }?;
    process
        .build(|heap| {
            let mut copies = Vec::with_capacity(terms.len());
            for term in terms {
                // SAFETY: as above; the heap has room.
                copies.push(unsafe { copy_term(*term, heap) }?);
            }
            build::list(heap, &copies, Term::NIL)
        })
        .ok_or_else(Exception::system_limit)
}

/// Copies one term of table storage onto the process heap.
fn copy_out(process: &mut Process, term: Term) -> Result<Term, Exception> {
    // SAFETY: the term is valid for the call (the table is locked).
    let words = unsafe { size_of_term(term) };
    // SAFETY: no term of the process heap is held across the collection.
    unsafe { process.ensure_room(words, process.live as usize, &mut []) }?;
    // SAFETY: as above; the heap has room.
    process
        .build(|heap| unsafe { copy_term(term, heap) })
        .ok_or_else(Exception::system_limit)
}

/// The elements of a proper list, or `badarg`.
///
/// # Safety
///
/// `list` is valid.
pub(super) unsafe fn list_elements(mut list: Term) -> Result<Vec<Term>, Exception> {
    let mut elements = Vec::new();
    // SAFETY: forwarded from the caller; every tail is valid.
    while let (Some(head), Some(tail)) = (unsafe { list.head() }, unsafe { list.tail() }) {
        elements.push(head);
        list = tail;
    }
    if list != Term::NIL {
        return Err(Exception::badarg());
    }
    Ok(elements)
}

/// A tuple argument's elements.
///
/// # Safety
///
/// `term` is valid.
pub(super) unsafe fn tuple<'a>(term: Term) -> Option<&'a [Term]> {
    // SAFETY: forwarded from the caller.
    unsafe { term.tuple_elements() }
}

/// A 1-based position argument.
fn position(term: Term) -> Option<usize> {
    term.as_small()
        .and_then(|p| usize::try_from(p).ok())
        .filter(|p| *p >= 1)
}

/// `ets:new/2`.
///
/// # Safety
///
/// The terms are valid.
unsafe fn new_2(process: &mut Process, name: Term, options: Term) -> Result<Term, Exception> {
    let name = name.as_atom().ok_or_else(Exception::badarg)?;
    let mut kind = Kind::Set;
    let mut access = Access::Protected;
    let mut named = false;
    let mut keypos = 1;
    let mut heir = None;
    let (mut read_concurrency, mut write_concurrency, mut compressed) = (false, false, false);
    // SAFETY: forwarded from the caller.
    for option in unsafe { list_elements(options) }? {
        if let Some(flag) = option.as_atom() {
            match flag.name() {
                "set" => kind = Kind::Set,
                "ordered_set" => kind = Kind::OrderedSet,
                "bag" => kind = Kind::Bag,
                "duplicate_bag" => kind = Kind::DuplicateBag,
                "public" => access = Access::Public,
                "protected" => access = Access::Protected,
                "private" => access = Access::Private,
                "named_table" => named = true,
                "compressed" => compressed = true,
                _ => return Err(Exception::badarg()),
            }
            continue;
        }
        // SAFETY: as above.
        let elements = unsafe { tuple(option) }.ok_or_else(Exception::badarg)?;
        let key = elements.first().and_then(|k| k.as_atom()).map(Atom::name);
        let flag = elements.get(1).and_then(|v| v.as_atom());
        let is_bool = matches!(flag, Some(Atom::TRUE | Atom::FALSE));
        match (key, elements.len()) {
            (Some("keypos"), 2) => keypos = position(elements[1]).ok_or_else(Exception::badarg)?,
            (Some("read_concurrency"), 2) if is_bool => read_concurrency = flag == Some(Atom::TRUE),
            (Some("write_concurrency"), 2) if is_bool || flag.map(Atom::name) == Some("auto") => {
                write_concurrency = flag != Some(Atom::FALSE)
            }
            (Some("decentralized_counters"), 2) if is_bool => {}
            (Some("heir"), 2) if flag.map(Atom::name) == Some("none") => heir = None,
            (Some("heir"), 3) => {
                let pid = elements[1].as_local_pid().ok_or_else(Exception::badarg)?;
                heir = Some((pid, elements[2]));
            }
            _ => return Err(Exception::badarg()),
        }
    }
    let heir = match heir {
        // SAFETY: the data is a valid term of the caller.
        Some((pid, data)) => Some((
            pid,
            unsafe { Stored::copy(data) }.ok_or_else(Exception::system_limit)?,
        )),
        None => None,
    };
    let number = refs::next_number();
    let mut table = Table::new(number, name, kind, keypos, caller(process));
    table.named = named;
    table.access = access;
    table.heir = heir;
    table.read_concurrency = read_concurrency;
    table.write_concurrency = write_concurrency;
    table.compressed = compressed;
    if !ets::create(table) {
        return Err(Exception::badarg());
    }
    if named {
        Ok(Term::atom(name))
    } else {
        refs::build(process, number)
    }
}

/// The objects an `insert` argument gives, copied into storage: a tuple
/// or a list of tuples, each with a key at the table's position.
///
/// # Safety
///
/// `objects` is valid.
unsafe fn objects_to_store(
    kind: Kind,
    keypos: usize,
    objects: Term,
) -> Result<Vec<Stored>, Exception> {
    // SAFETY: forwarded from the caller.
    let terms = if unsafe { tuple(objects) }.is_some() {
        vec![objects]
    } else {
        // SAFETY: as above.
        unsafe { list_elements(objects) }?
    };
    let mut stored = Vec::with_capacity(terms.len());
    for term in terms {
        // SAFETY: as above.
        match unsafe { tuple(term) } {
            Some(elements) if elements.len() >= keypos => {}
            _ => return Err(Exception::badarg()),
        }
        // SAFETY: as above.
        stored.push(unsafe { Stored::copy(term) }.ok_or_else(Exception::system_limit)?);
    }
    // BEAM inserts a list into a bag last object first.
    if kind == Kind::Bag {
        stored.reverse();
    }
    Ok(stored)
}

/// Runs `f` with the objects an `insert` argument gives on the table
/// `tab` names, write-locked, if the caller may write it. The objects
/// are copied into storage before the lock is taken, so a writer holds it
/// for the change only.
///
/// # Safety
///
/// The terms are valid.
unsafe fn with_objects(
    process: &mut Process,
    tab: Term,
    objects: Term,
    f: impl FnOnce(&mut Table, Vec<Stored>) -> Term,
) -> Result<Term, Exception> {
    let id = caller(process);
    // SAFETY: forwarded from the caller.
    let cell = unsafe { ets::find(tab) }.ok_or_else(no_table)?;
    // SAFETY: as above.
    let stored = unsafe { objects_to_store(cell.kind(), cell.keypos(), objects) }?;
    let mut table = cell.write();
    if !table.allows(id, Need::Write) {
        return Err(refused(&table));
    }
    Ok(f(&mut table, stored))
}

/// # Safety
///
/// The terms are valid.
unsafe fn insert_2(process: &mut Process, tab: Term, objects: Term) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    unsafe {
        with_objects(process, tab, objects, |table, stored| {
            for object in stored {
                table.insert(object);
            }
            boolean(true)
        })
    }
}

/// # Safety
///
/// The terms are valid.
unsafe fn insert_new_2(process: &mut Process, tab: Term, objects: Term) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    unsafe {
        with_objects(process, tab, objects, |table, stored| {
            let keypos = table.keypos;
            // The keys are in the objects' fragments.
            let taken = |o: &Stored| table.member(o.elements()[keypos - 1]);
            if stored.iter().any(taken) {
                return boolean(false);
            }
            for object in stored {
                table.insert(object);
            }
            boolean(true)
        })
    }
}

/// # Safety
///
/// The terms are valid.
unsafe fn lookup_2(process: &mut Process, tab: Term, key: Term) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    unsafe {
        read_table(process, tab, |process, table| {
            let objects = table.lookup(key);
            copy_out_list(process, &objects)
        })
    }
}

/// # Safety
///
/// The terms are valid.
unsafe fn lookup_element_3(
    process: &mut Process,
    tab: Term,
    key: Term,
    pos: Term,
) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    unsafe {
        read_table(process, tab, |process, table| {
            let pos = position(pos).ok_or_else(Exception::badarg)?;
            let objects = table.lookup(key);
            let mut elements = Vec::with_capacity(objects.len());
            for object in &objects {
                let element = tuple(*object).and_then(|e| e.get(pos - 1));
                elements.push(*element.ok_or_else(Exception::badarg)?);
            }
            match (table.kind.is_set(), elements.as_slice()) {
                (_, []) => Err(Exception::badarg_because("badkey")),
                (true, [element]) => copy_out(process, *element),
                _ => copy_out_list(process, &elements),
            }
        })
    }
}

/// # Safety
///
/// The terms are valid.
unsafe fn member_2(process: &mut Process, tab: Term, key: Term) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    unsafe { read_table(process, tab, |_, table| Ok(boolean(table.member(key)))) }
}

/// # Safety
///
/// The term is valid.
unsafe fn delete_1(process: &mut Process, tab: Term) -> Result<Term, Exception> {
    let id = caller(process);
    // SAFETY: forwarded from the caller.
    let cell = unsafe { ets::find(tab) }.ok_or_else(no_table)?;
    let table = cell.write();
    if !table.allows(id, Need::Write) {
        return Err(refused(&table));
    }
    ets::delete(table);
    Ok(boolean(true))
}

/// # Safety
///
/// The terms are valid.
unsafe fn delete_2(process: &mut Process, tab: Term, key: Term) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    unsafe {
        write_table(process, tab, Need::Write, |_, table| {
            drop(table.take(key));
            Ok(boolean(true))
        })
    }
}

/// # Safety
///
/// The terms are valid.
unsafe fn delete_object_2(
    process: &mut Process,
    tab: Term,
    object: Term,
) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    unsafe {
        write_table(process, tab, Need::Write, |_, table| {
            match tuple(object) {
                Some(elements) if elements.len() >= table.keypos => {}
                _ => return Err(Exception::badarg()),
            }
            table.delete_object(object);
            Ok(boolean(true))
        })
    }
}

/// `ets:internal_delete_all/2`, what `delete_all_objects/1` calls: the
/// number of objects deleted.
///
/// # Safety
///
/// The term is valid.
unsafe fn internal_delete_all_2(
    process: &mut Process,
    tab: Term,
    _how: Term,
) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    unsafe {
        write_table(process, tab, Need::Write, |_, table| {
            let size = table.size();
            table.clear();
            Ok(small(size))
        })
    }
}

/// # Safety
///
/// The terms are valid.
unsafe fn take_2(process: &mut Process, tab: Term, key: Term) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    let taken = unsafe { write_table(process, tab, Need::Write, |_, table| Ok(table.take(key))) }?;
    // The objects are out of the table: copied with it unlocked.
    let terms: Vec<Term> = taken.iter().map(Stored::term).collect();
    copy_out_list(process, &terms)
}

/// A key of table storage as a result: copied, or `'$end_of_table'`.
fn key_result(process: &mut Process, key: Option<Term>) -> Result<Term, Exception> {
    match key {
        Some(key) => copy_out(process, key),
        None => end_of_table(),
    }
}

/// # Safety
///
/// The term is valid.
unsafe fn first_1(process: &mut Process, tab: Term) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    unsafe {
        read_table(process, tab, |process, table| {
            key_result(process, table.first())
        })
    }
}

/// # Safety
///
/// The term is valid.
unsafe fn last_1(process: &mut Process, tab: Term) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    unsafe {
        read_table(process, tab, |process, table| {
            key_result(process, table.last())
        })
    }
}

fn step_result(process: &mut Process, step: Step) -> Result<Term, Exception> {
    match step {
        Step::Key(key) => copy_out(process, key),
        Step::End => end_of_table(),
        Step::Missing => Err(Exception::badarg()),
    }
}

/// # Safety
///
/// The terms are valid.
unsafe fn next_2(process: &mut Process, tab: Term, key: Term) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    unsafe {
        read_table(process, tab, |process, table| {
            let step = table.next(key);
            step_result(process, step)
        })
    }
}

/// # Safety
///
/// The terms are valid.
unsafe fn prev_2(process: &mut Process, tab: Term, key: Term) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    unsafe {
        read_table(process, tab, |process, table| {
            let step = table.prev(key);
            step_result(process, step)
        })
    }
}

/// # Safety
///
/// The terms are valid.
unsafe fn slot_2(process: &mut Process, tab: Term, index: Term) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    unsafe {
        read_table(process, tab, |process, table| {
            let index = index
                .as_small()
                .and_then(|i| usize::try_from(i).ok())
                .ok_or_else(Exception::badarg)?;
            match table.slot(index).ok_or_else(Exception::badarg)? {
                Some(objects) => copy_out_list(process, &objects),
                None => end_of_table(),
            }
        })
    }
}

/// One operation of `update_counter`.
struct CounterOp {
    pos: usize,
    incr: Integer,
    reset: Option<(Integer, Integer)>,
}

/// An integer argument.
///
/// # Safety
///
/// `term` is valid.
unsafe fn integer(term: Term) -> Result<Integer, Exception> {
    // SAFETY: forwarded from the caller.
    unsafe { erts_core::bif::number::integer_of(term) }.ok_or_else(Exception::badarg)
}

/// # Safety
///
/// `op` is valid.
unsafe fn counter_op(op: Term, keypos: usize) -> Result<CounterOp, Exception> {
    // SAFETY: forwarded from the caller.
    if let Ok(incr) = unsafe { integer(op) } {
        return Ok(CounterOp {
            pos: keypos + 1,
            incr,
            reset: None,
        });
    }
    // SAFETY: as above.
    let (pos, incr, reset) = match unsafe { tuple(op) } {
        Some([pos, incr]) => (*pos, *incr, None),
        Some([pos, incr, threshold, set]) => (*pos, *incr, Some((*threshold, *set))),
        _ => return Err(Exception::badarg()),
    };
    let pos = position(pos).ok_or_else(Exception::badarg)?;
    if pos == keypos {
        return Err(Exception::badarg());
    }
    let reset = match reset {
        // SAFETY: as above.
        Some((threshold, set)) => Some(unsafe { (integer(threshold)?, integer(set)?) }),
        None => None,
    };
    Ok(CounterOp {
        pos,
        // SAFETY: as above.
        incr: unsafe { integer(incr) }?,
        reset,
    })
}

/// `integer` as a term: a small, or a bignum built in `fragment`.
fn integer_term(fragment: &mut impl build::TermAlloc, integer: &Integer) -> Option<Term> {
    if let Some(small) = integer.as_small60().and_then(Term::small) {
        return Some(small);
    }
    let (_, digits) = integer.to_bigint().to_u64_digits();
    build::bignum(fragment, integer.is_negative(), &digits)
}

/// Words `integer` takes on a heap.
fn integer_words(integer: &Integer) -> usize {
    if integer.fits_small60() {
        0
    } else {
        1 + integer.to_bigint().to_u64_digits().1.len()
    }
}

/// `ets:update_counter/3,4`.
///
/// # Safety
///
/// The terms are valid.
unsafe fn update_counter(
    process: &mut Process,
    tab: Term,
    key: Term,
    ops: Term,
    default: Option<Term>,
) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    let (results, as_list) = unsafe {
        write_table(process, tab, Need::Write, |_, table| {
            if !table.kind.is_set() {
                return Err(Exception::badarg_because("table_type"));
            }
            let keypos = table.keypos;
            let (ops, as_list) = if tuple(ops).is_some() || integer(ops).is_ok() {
                (vec![counter_op(ops, keypos)?], false)
            } else {
                let ops = list_elements(ops)?;
                let ops = ops.into_iter().map(|op| counter_op(op, keypos));
                (ops.collect::<Result<Vec<_>, _>>()?, true)
            };
            let mut elements: Vec<Term> = match (table.lookup(key).first(), default) {
                (Some(object), _) => tuple(*object).expect("an object").to_vec(),
                (None, Some(default)) => match tuple(default) {
                    Some(elements) if elements.len() >= keypos => {
                        let mut elements = elements.to_vec();
                        elements[keypos - 1] = key;
                        elements
                    }
                    _ => return Err(Exception::badarg()),
                },
                (None, None) => return Err(Exception::badarg_because("badkey")),
            };
            let mut values: Vec<Option<Integer>> = elements.iter().map(|_| None).collect();
            let mut results = Vec::with_capacity(ops.len());
            for op in ops {
                let value = match values.get(op.pos - 1) {
                    Some(Some(value)) => value.clone(),
                    Some(None) => integer(elements[op.pos - 1])?,
                    None => return Err(Exception::badarg()),
                };
                let sum = Integer::from_bigint(value.to_bigint() + op.incr.to_bigint())
                    .map_err(|_| Exception::system_limit())?;
                let result = match op.reset {
                    Some((threshold, set))
                        if (op.incr.is_negative() && sum < threshold)
                            || (!op.incr.is_negative() && sum > threshold) =>
                    {
                        set
                    }
                    _ => sum,
                };
                values[op.pos - 1] = Some(result.clone());
                results.push(result);
            }
            // New values that are bignums live in a fragment until copied.
            let words = values.iter().flatten().map(integer_words).sum::<usize>();
            let mut fragment =
                HeapFragment::with_capacity(words.max(1)).map_err(|_| Exception::system_limit())?;
            for (element, value) in elements.iter_mut().zip(&values) {
                if let Some(value) = value {
                    *element =
                        integer_term(&mut fragment, value).ok_or_else(Exception::system_limit)?;
                }
            }
            let object = Stored::tuple_of(&elements).ok_or_else(Exception::system_limit)?;
            table.replace(key, object);
            drop(fragment);
            Ok((results, as_list))
        })
    }?;
    // The results are numbers of their own: built with the table unlocked.
    let words = results.iter().map(|r| integer_words(r) + 2).sum::<usize>();
    // SAFETY: no term of the process heap is held across it.
    unsafe { process.ensure_room(words, process.live as usize, &mut []) }?;
    process
        .build(|heap| {
            let terms = results
                .iter()
                .map(|r| integer_term(heap, r))
                .collect::<Option<Vec<Term>>>()?;
            if as_list {
                build::list(heap, &terms, Term::NIL)
            } else {
                terms.first().copied()
            }
        })
        .ok_or_else(Exception::system_limit)
}

/// # Safety
///
/// The terms are valid.
unsafe fn update_counter_3(
    process: &mut Process,
    tab: Term,
    key: Term,
    ops: Term,
) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    unsafe { update_counter(process, tab, key, ops, None) }
}

/// # Safety
///
/// The terms are valid.
unsafe fn update_counter_4(
    process: &mut Process,
    tab: Term,
    key: Term,
    ops: Term,
    default: Term,
) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    unsafe { update_counter(process, tab, key, ops, Some(default)) }
}

/// # Safety
///
/// The terms are valid.
unsafe fn update_element_3(
    process: &mut Process,
    tab: Term,
    key: Term,
    updates: Term,
) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    unsafe {
        write_table(process, tab, Need::Write, |_, table| {
            if !table.kind.is_set() {
                return Err(Exception::badarg());
            }
            let updates = if tuple(updates).is_some() {
                vec![updates]
            } else {
                list_elements(updates)?
            };
            let mut changes = Vec::with_capacity(updates.len());
            for update in updates {
                match tuple(update) {
                    Some([pos, value]) => {
                        let pos = position(*pos).ok_or_else(Exception::badarg)?;
                        if pos == table.keypos {
                            return Err(Exception::badarg_because("keypos"));
                        }
                        changes.push((pos, *value));
                    }
                    _ => return Err(Exception::badarg()),
                }
            }
            let Some(object) = table.lookup(key).first().copied() else {
                return Ok(boolean(false));
            };
            let mut elements = tuple(object).expect("an object").to_vec();
            for (pos, value) in changes {
                *elements.get_mut(pos - 1).ok_or_else(Exception::badarg)? = value;
            }
            let object = Stored::tuple_of(&elements).ok_or_else(Exception::system_limit)?;
            table.replace(key, object);
            Ok(boolean(true))
        })
    }
}

/// `ets:info/1`: every item, `undefined` for a table that is gone.
///
/// # Safety
///
/// The term is valid.
unsafe fn info_1(process: &mut Process, tab: Term) -> Result<Term, Exception> {
    let items = [
        "id",
        "decentralized_counters",
        "read_concurrency",
        "write_concurrency",
        "compressed",
        "memory",
        "owner",
        "heir",
        "name",
        "size",
        "node",
        "named_table",
        "type",
        "keypos",
        "protection",
    ];
    // SAFETY: forwarded from the caller.
    let Some(values) = (unsafe { info_values(process, tab, &items) })? else {
        return atom("undefined");
    };
    let mut pairs = Vec::with_capacity(items.len());
    for (item, value) in items.iter().zip(values) {
        pairs.push((atom(item)?, value));
    }
    let mut roots: Vec<Term> = pairs.iter().map(|p| p.1).collect();
    // SAFETY: the values (the only heap terms) are the roots.
    unsafe { process.ensure_room(5 * items.len(), process.live as usize, &mut roots) }?;
    process
        .build(|heap| {
            let mut tuples = Vec::with_capacity(items.len());
            for (pair, value) in pairs.iter().zip(&roots) {
                tuples.push(build::tuple(heap, &[pair.0, *value])?);
            }
            build::list(heap, &tuples, Term::NIL)
        })
        .ok_or_else(Exception::system_limit)
}

/// `ets:info/2`.
///
/// # Safety
///
/// The terms are valid.
unsafe fn info_2(process: &mut Process, tab: Term, item: Term) -> Result<Term, Exception> {
    let name = item.as_atom().ok_or_else(Exception::badarg)?.name();
    // SAFETY: forwarded from the caller.
    match unsafe { info_values(process, tab, &[name]) }? {
        Some(values) => Ok(values[0]),
        None => atom("undefined"),
    }
}

/// The values of `items` for table `tab` (on the process heap), `None`
/// when the table is gone, `badarg` for an unknown item or a term that
/// cannot name a table.
///
/// # Safety
///
/// The term is valid.
unsafe fn info_values(
    process: &mut Process,
    tab: Term,
    items: &[&str],
) -> Result<Option<Vec<Term>>, Exception> {
    // SAFETY: forwarded from the caller.
    let cell = unsafe { ets::find(tab) };
    let guard = cell.as_ref().map(|cell| cell.read());
    let table = match &guard {
        Some(table) if !table.is_deleted() => table,
        // SAFETY: as above.
        _ if tab.is_atom() || unsafe { ets::was_issued(tab) } => return Ok(None),
        _ => return Err(Exception::badarg()),
    };
    let mut values = Vec::with_capacity(items.len());
    // Built last: the one value needing the heap (references).
    let mut id_at = None;
    let mut fixed_at = None;
    for item in items {
        let value = match *item {
            "id" => {
                id_at = Some(values.len());
                Term::NIL
            }
            "decentralized_counters" => boolean(false),
            "read_concurrency" => boolean(table.read_concurrency),
            "write_concurrency" => boolean(table.write_concurrency),
            "compressed" => boolean(table.compressed),
            "memory" => small(table.memory()),
            "owner" => Term::local_pid(table.owner).expect("a pid"),
            "heir" => match &table.heir {
                Some((heir, _)) => Term::local_pid(*heir).expect("a pid"),
                None => atom("none")?,
            },
            "name" => Term::atom(table.name),
            "size" => small(table.size()),
            "node" => atom("nonode@nohost")?,
            "named_table" => boolean(table.named),
            "type" => atom(table.kind.name())?,
            "keypos" => small(table.keypos),
            "protection" => atom(table.access.name())?,
            "fixed" => boolean(!table.fixes.is_empty()),
            "safe_fixed" | "safe_fixed_monotonic_time" => match table.fixed_at {
                Some(at) if !table.fixes.is_empty() => {
                    fixed_at = Some((values.len(), at, table.fixes.clone()));
                    Term::NIL
                }
                _ => boolean(false),
            },
            _ => return Err(Exception::badarg()),
        };
        values.push(value);
    }
    let (number, named, name) = (table.number, table.named, table.name);
    // Unlocked before anything is built on the heap.
    drop(guard);
    if let Some(at) = id_at {
        values[at] = if named {
            Term::atom(name)
        } else {
            // SAFETY: the values so far are immediates.
            refs::build(process, number)?
        };
    }
    if let Some((at, (mega, secs, micros), fixes)) = fixed_at {
        let mut roots = values.clone();
        let words = 4 + 4 + 5 * fixes.len() + 3;
        // SAFETY: the values are the roots.
        unsafe { process.ensure_room(words, process.live as usize, &mut roots) }?;
        let built = process.build(|heap| {
            let time = [mega, secs, micros].map(|n| small(n as usize));
            let time = build::tuple(heap, &time)?;
            let mut pairs = Vec::with_capacity(fixes.len());
            for (id, count) in &fixes {
                let pid = Term::local_pid(*id)?;
                pairs.push(build::tuple(heap, &[pid, small(*count)])?);
            }
            let pairs = build::list(heap, &pairs, Term::NIL)?;
            build::tuple(heap, &[time, pairs])
        });
        values = roots;
        values[at] = built.ok_or_else(Exception::system_limit)?;
    }
    Ok(Some(values))
}

/// `ets:whereis/1`: the reference of the table named so, or `undefined`.
fn whereis_1(process: &mut Process, name: Term) -> Result<Term, Exception> {
    let name = name.as_atom().ok_or_else(Exception::badarg)?;
    let number = ets::whereis(name);
    match number {
        Some(number) => refs::build(process, number),
        None => atom("undefined"),
    }
}

/// `ets:rename/2`: a named table's new name (taken: `badarg`); an
/// unnamed table only changes the name `info` shows.
///
/// # Safety
///
/// The terms are valid.
unsafe fn rename_2(process: &mut Process, tab: Term, name: Term) -> Result<Term, Exception> {
    let name = name.as_atom().ok_or_else(Exception::badarg)?;
    let id = caller(process);
    // SAFETY: forwarded from the caller.
    let (number, named) = unsafe { ets::rename(tab, id, name) }.ok_or_else(Exception::badarg)?;
    if named {
        Ok(Term::atom(name))
    } else {
        refs::build(process, number)
    }
}

/// `ets:give_away/3`: the owner hands the table to another live process,
/// which gets `{'ETS-TRANSFER', Tab, FromPid, GiftData}`.
///
/// # Safety
///
/// The terms are valid.
unsafe fn give_away_3(
    process: &mut Process,
    tab: Term,
    pid: Term,
    gift: Term,
) -> Result<Term, Exception> {
    let to = pid.as_local_pid().ok_or_else(Exception::badarg)?;
    if to == caller(process) {
        return Err(Exception::badarg_because("owner"));
    }
    let from = process.pid;
    // SAFETY: forwarded from the caller.
    let (message, fragment) = unsafe {
        write_table(process, tab, Need::Owner, |_, table| {
            // Checked under the table's lock: a receiver ending meanwhile
            // finds the table when it looks at its tables.
            if !crate::table::contains(to) {
                return Err(Exception::badarg());
            }
            table.owner = to;
            ets::transfer_message(table, from, gift).ok_or_else(Exception::system_limit)
        })
    }?;
    // SAFETY: the message lives in its fragment until copied; as above
    // for the scheduler.
    unsafe { crate::scheduler::with_current(|s| s.deliver(to, message)) };
    drop(fragment);
    Ok(boolean(true))
}

/// `ets:setopts/2`: `{heir, Pid, Data}` or `{heir, none}`, alone or in a
/// list; the owner's only.
///
/// # Safety
///
/// The terms are valid.
unsafe fn setopts_2(process: &mut Process, tab: Term, options: Term) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    let options = if unsafe { tuple(options) }.is_some() {
        vec![options]
    } else {
        // SAFETY: as above.
        unsafe { list_elements(options) }?
    };
    let mut heirs = Vec::new();
    for option in options {
        // SAFETY: as above.
        let elements = unsafe { tuple(option) }.ok_or_else(Exception::badarg)?;
        let key = elements.first().and_then(|k| k.as_atom()).map(Atom::name);
        match (key, elements) {
            (Some("heir"), [_, none]) if none.as_atom().map(Atom::name) == Some("none") => {
                heirs.push(None)
            }
            (Some("heir"), [_, pid, data]) => {
                let pid = pid.as_local_pid().ok_or_else(Exception::badarg)?;
                // SAFETY: as above.
                let data = unsafe { Stored::copy(*data) }.ok_or_else(Exception::system_limit)?;
                heirs.push(Some((pid, data)));
            }
            _ => return Err(Exception::badarg()),
        }
    }
    // SAFETY: as above.
    unsafe {
        write_table(process, tab, Need::Owner, |_, table| {
            for heir in heirs {
                table.heir = heir;
            }
            Ok(boolean(true))
        })
    }
}

/// `ets:safe_fixtable/2`: counted per process; a fixed hash table lets
/// `next/2` go on from a key deleted meanwhile.
///
/// # Safety
///
/// The terms are valid.
unsafe fn safe_fixtable_2(process: &mut Process, tab: Term, fix: Term) -> Result<Term, Exception> {
    let fix = match fix.as_atom() {
        Some(Atom::TRUE) => true,
        Some(Atom::FALSE) => false,
        _ => return Err(Exception::badarg()),
    };
    let id = caller(process);
    // SAFETY: forwarded from the caller.
    unsafe {
        write_table(process, tab, Need::Read, |_, table| {
            let at = table.fixes.iter().position(|(fixer, _)| *fixer == id);
            match (fix, at) {
                (true, Some(at)) => table.fixes[at].1 += 1,
                (true, None) => {
                    if table.fixes.is_empty() {
                        table.fixed_at = Some(timestamp());
                    }
                    table.fixes.push((id, 1));
                }
                (false, Some(at)) => {
                    table.fixes[at].1 -= 1;
                    if table.fixes[at].1 == 0 {
                        table.fixes.remove(at);
                    }
                }
                (false, None) => {}
            }
            Ok(boolean(true))
        })
    }
}

/// Now as `erlang:timestamp/0`'s parts.
fn timestamp() -> (u64, u64, u64) {
    let micros = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_micros() as u64);
    (
        micros / 1_000_000_000_000,
        micros / 1_000_000 % 1_000_000,
        micros % 1_000_000,
    )
}

/// `ets:internal_request_all/0`, what `ets:all/0` calls: a reference, and
/// `{Ref, Tables}` sent to the caller, as if from the first scheduler,
/// and `{Ref, []}` from each other one.
fn internal_request_all_0(process: &mut Process) -> Result<Term, Exception> {
    let ids = ets::all();
    let number = refs::next_number();
    let words = 3 + refs::WORDS * (ids.len() + 2) + 2 * ids.len();
    let mut fragment =
        HeapFragment::with_capacity(words.max(1)).map_err(|_| Exception::system_limit())?;
    let message = (|| {
        let mut tables = Vec::with_capacity(ids.len());
        for (id, name) in &ids {
            tables.push(match name {
                Some(name) => Term::atom(*name),
                None => refs::build_on(&mut fragment, *id)?,
            });
        }
        let tables = build::list(&mut fragment, &tables, Term::NIL)?;
        let reference = refs::build_on(&mut fragment, number)?;
        build::tuple(&mut fragment, &[reference, tables])
    })()
    .ok_or_else(Exception::system_limit)?;
    // SAFETY: the message lives in its fragment until delivered (copied).
    unsafe { crate::mailbox::deliver(process, message) }?;
    drop(fragment);
    // `ets:all/0` waits for one reply per scheduler; the others are empty.
    for _ in 1..crate::run_queue::schedulers() {
        let mut fragment =
            HeapFragment::with_capacity(3 + refs::WORDS).map_err(|_| Exception::system_limit())?;
        let message = refs::build_on(&mut fragment, number)
            .and_then(|reference| build::tuple(&mut fragment, &[reference, Term::NIL]))
            .ok_or_else(Exception::system_limit)?;
        // SAFETY: as above.
        unsafe { crate::mailbox::deliver(process, message) }?;
    }
    refs::build(process, number)
}

bifs! {
    ets:"new"/2 (name, options) => process new_2;
    ets:"insert"/2 (tab, objects) => process insert_2;
    ets:"insert_new"/2 (tab, objects) => process insert_new_2;
    ets:"lookup"/2 (tab, key) => process lookup_2;
    ets:"lookup_element"/3 (tab, key, pos) => process lookup_element_3;
    ets:"member"/2 (tab, key) => process member_2;
    ets:"delete"/1 (tab) => process delete_1;
    ets:"delete"/2 (tab, key) => process delete_2;
    ets:"delete_object"/2 (tab, object) => process delete_object_2;
    ets:"internal_delete_all"/2 (tab, how) => process internal_delete_all_2;
    ets:"take"/2 (tab, key) => process take_2;
    ets:"first"/1 (tab) => process first_1;
    ets:"last"/1 (tab) => process last_1;
    ets:"next"/2 (tab, key) => process next_2;
    ets:"prev"/2 (tab, key) => process prev_2;
    ets:"slot"/2 (tab, index) => process slot_2;
    ets:"update_counter"/3 (tab, key, ops) => process update_counter_3;
    ets:"update_counter"/4 (tab, key, ops, default) => process update_counter_4;
    ets:"update_element"/3 (tab, key, updates) => process update_element_3;
    ets:"info"/1 (tab) => process info_1;
    ets:"info"/2 (tab, item) => process info_2;
    ets:"whereis"/1 (name) => process whereis_1;
    ets:"rename"/2 (tab, name) => process rename_2;
    ets:"give_away"/3 (tab, pid, gift) => process give_away_3;
    ets:"setopts"/2 (tab, options) => process setopts_2;
    ets:"safe_fixtable"/2 (tab, fix) => process safe_fixtable_2;
    ets:"internal_request_all"/0 () => process internal_request_all_0;
}
