//! `erlang:process_info/2`: what one process can learn of another (or of
//! itself). Facts are gathered from the target first, then built on the
//! caller's heap, copying the target's terms (messages, dictionary) when
//! the target is another process.

use erts_core::{build, copy_term, size_of_term, Atom, Term};

use super::{atom, bifs};
use crate::exception::Exception;
use crate::process::Process;

/// One item's value, before it is built.
enum Fact {
    Term(Term),
    Integer(i64),
    Pids(Vec<u64>),
    /// Terms of the target, as a list (copied unless the target is the
    /// caller).
    Terms(Vec<Term>),
    /// `[{process, Pid}]` for each monitored process.
    Monitors(Vec<u64>),
    /// `{Module, Function, Arity}` from atom words.
    Mfa(u64, u64, u64),
    /// A stack trace of these call sites.
    Locations(Vec<&'static erts_core::abi::Location>),
    /// `garbage_collection`'s list, from these figures.
    GarbageCollection {
        min_heap_size: usize,
        fullsweep_after: u32,
        minor_gcs: u32,
    },
}

/// What `process_info/1` reports, in BEAM's order (`registered_name`
/// first, for a process that has a name).
const ALL_ITEMS: &[&str] = &[
    "registered_name",
    "current_function",
    "initial_call",
    "status",
    "message_queue_len",
    "links",
    "dictionary",
    "trap_exit",
    "error_handler",
    "priority",
    "group_leader",
    "total_heap_size",
    "heap_size",
    "stack_size",
    "reductions",
    "garbage_collection",
    "suspending",
];

/// The fact `item` of `target` (`is_self`: the caller itself).
fn fact(target: &mut Process, item: &str, is_self: bool) -> Result<Fact, Exception> {
    Ok(match item {
        "message_queue_len" => Fact::Integer(target.mailbox.messages.len() as i64),
        "messages" => Fact::Terms(target.mailbox.messages.iter().copied().collect()),
        "dictionary" => Fact::Terms(target.dictionary.iter().rev().copied().collect()),
        "links" => Fact::Pids(target.links.iter().copied().collect()),
        "monitors" => Fact::Monitors(target.monitors.holding.iter().map(|m| m.1).collect()),
        "monitored_by" => Fact::Pids(target.monitors.watched_by.iter().map(|m| m.1).collect()),
        "registered_name" => {
            let id = target.pid.as_local_pid().expect("a local pid");
            match crate::names::names().name_of(id) {
                Some(name) => Fact::Term(Term::atom(name)),
                None => Fact::Term(Term::NIL),
            }
        }
        "status" => Fact::Term(atom(if is_self {
            "running"
        } else if target.waiting.is_some() {
            "waiting"
        } else {
            "runnable"
        })?),
        "trap_exit" => Fact::Term(Term::atom(if target.trap_exit {
            Atom::TRUE
        } else {
            Atom::FALSE
        })),
        "group_leader" => Fact::Term(target.group_leader),
        "priority" => {
            let id = target.pid.as_local_pid().expect("a local pid");
            Fact::Term(atom(crate::priorities::of(id).name())?)
        }
        "heap_size" | "total_heap_size" => Fact::Integer(target.heap.young_capacity() as i64),
        "stack_size" => Fact::Integer(target.stack.used_from(target.sp).len() as i64),
        "memory" => Fact::Integer(
            (std::mem::size_of::<Process>()
                + 8 * (target.heap.young_capacity() + target.stack.used_from(target.sp).len()))
                as i64,
        ),
        "reductions" => Fact::Integer(target.reductions as i64),
        "initial_call" => match target.initial_call {
            Some(call) => Fact::Mfa(
                Term::atom(call.module).bits(),
                Term::atom(call.function).bits(),
                u64::from(call.arity),
            ),
            None => Fact::Mfa(
                Term::atom(Atom::ERLANG).bits(),
                Term::atom(Atom::intern("apply").map_err(|_| Exception::system_limit())?).bits(),
                2,
            ),
        },
        "error_handler" => Fact::Term(atom("error_handler")?),
        "suspending" => Fact::Term(Term::NIL),
        "garbage_collection" => Fact::GarbageCollection {
            min_heap_size: target.heap.config().min_heap_size,
            fullsweep_after: target.heap.config().fullsweep_after,
            minor_gcs: target.heap.minor_collections(),
        },
        "current_stacktrace" => Fact::Locations(waiting_calls(target)),
        "current_function" => match current_location(target, is_self) {
            Some(mfa) => mfa,
            None => Fact::Term(atom("undefined")?),
        },
        _ => return Err(Exception::badarg()),
    })
}

/// The function the process is in: the BIF itself for the caller (as on
/// BEAM), else the function of the innermost frame waiting on the stack.
fn current_location(target: &mut Process, is_self: bool) -> Option<Fact> {
    if is_self {
        let erlang = Term::atom(Atom::intern("erlang").ok()?).bits();
        let name = Term::atom(Atom::intern("process_info").ok()?).bits();
        return Some(Fact::Mfa(erlang, name, 2));
    }
    let point = match target.waiting {
        Some(waiting) => waiting.on_message,
        None => {
            let word = *target.stack.used_from(target.sp).first()?;
            if word == 0 || word & 3 != 0 {
                return None;
            }
            // SAFETY: a word tagged 00 at `sp` is a resume point.
            unsafe { &*(word as *const erts_core::abi::ResumePoint) }
        }
    };
    // SAFETY: resume points hold null or a constant location.
    let location = unsafe { point.location.as_ref() }?;
    Some(Fact::Mfa(
        location.module,
        location.function,
        location.arity,
    ))
}

/// The call sites waiting on the process's stack, innermost first, as
/// many as BEAM's stack traces keep.
fn waiting_calls(target: &mut Process) -> Vec<&'static erts_core::abi::Location> {
    let mut locations = Vec::new();
    for word in target.stack.used_from(target.sp).iter() {
        if locations.len() == 8 {
            break;
        }
        if *word == 0 || word & 3 != 0 {
            continue;
        }
        // SAFETY: words tagged 00 on the stack are resume points.
        let point = unsafe { &*(*word as *const erts_core::abi::ResumePoint) };
        // SAFETY: resume points hold null or a constant location.
        if let Some(location) = unsafe { point.location.as_ref() } {
            locations.push(location);
        }
    }
    locations
}

/// Words to build `fact` (with `copy`, the target's terms copied).
fn words(fact: &Fact, copy: bool) -> usize {
    match fact {
        Fact::Term(_) | Fact::Integer(_) => 4,
        Fact::Pids(pids) => 2 * pids.len(),
        Fact::Monitors(pids) => 5 * pids.len(),
        Fact::Mfa(..) => 4,
        // Five pairs in a list, and a three-key map.
        Fact::GarbageCollection { .. } => 5 * 2 + 5 * 3 + 4 + 5,
        Fact::Locations(locations) => locations
            .iter()
            .map(|l| 5 + 2 + 3 + 3 + 2 * l.file_len as usize + 4)
            .sum(),
        Fact::Terms(terms) => {
            let copies: usize = if copy {
                // SAFETY: the target's terms are valid.
                terms.iter().map(|t| unsafe { size_of_term(*t) }).sum()
            } else {
                0
            };
            2 * terms.len() + copies
        }
    }
}

/// `{Item, Value}` for each fact, on `process`'s heap.
fn build_facts(
    process: &mut Process,
    facts: Vec<(Term, Fact)>,
    copy: bool,
) -> Result<Vec<Term>, Exception> {
    let need: usize = facts.iter().map(|(_, f)| words(f, copy) + 3).sum();
    // The caller's own terms among the facts must survive a collection.
    let mut roots: Vec<Term> = Vec::new();
    if !copy {
        for (_, fact) in &facts {
            if let Fact::Terms(terms) = fact {
                roots.extend(terms);
            }
        }
    }
    // SAFETY: the caller's terms in the facts are the roots; another
    // process's terms are not on this heap.
    unsafe { process.ensure_room(need, process.live as usize, &mut roots) }?;
    let mut moved = roots.into_iter();
    let mut built = Vec::new();
    for (item, fact) in facts {
        let value = process
            .build(|heap| {
                Some(match &fact {
                    Fact::Term(term) => *term,
                    Fact::Integer(n) => Term::small(*n)?,
                    Fact::Pids(pids) => {
                        let pids: Vec<Term> =
                            pids.iter().filter_map(|id| Term::local_pid(*id)).collect();
                        build::list(heap, &pids, Term::NIL)?
                    }
                    Fact::Monitors(pids) => {
                        let process_atom = Term::atom(Atom::intern("process").ok()?);
                        let mut entries = Vec::new();
                        for id in pids {
                            let pair = build::tuple(heap, &[process_atom, Term::local_pid(*id)?])?;
                            entries.push(pair);
                        }
                        build::list(heap, &entries, Term::NIL)?
                    }
                    Fact::Mfa(module, function, arity) => {
                        // SAFETY: locations hold atom words.
                        let (m, f) =
                            unsafe { (Term::from_bits(*module), Term::from_bits(*function)) };
                        build::tuple(heap, &[m, f, Term::small(*arity as i64)?])?
                    }
                    Fact::GarbageCollection {
                        min_heap_size,
                        fullsweep_after,
                        minor_gcs,
                    } => garbage_collection(heap, *min_heap_size, *fullsweep_after, *minor_gcs)?,
                    Fact::Locations(locations) => {
                        let mut entries = Vec::new();
                        for location in locations {
                            entries.push(crate::catching::location_entry(heap, location)?);
                        }
                        build::list(heap, &entries, Term::NIL)?
                    }
                    Fact::Terms(terms) => {
                        let mut items = Vec::new();
                        for term in terms {
                            let item = if copy {
                                // SAFETY: the target's term is valid; room
                                // was made for its copy.
                                unsafe { copy_term(*term, heap) }?
                            } else {
                                moved.next()?
                            };
                            items.push(item);
                        }
                        build::list(heap, &items, Term::NIL)?
                    }
                })
            })
            .ok_or_else(Exception::system_limit)?;
        let pair = process
            .build(|heap| build::tuple(heap, &[item, value]))
            .ok_or_else(Exception::system_limit)?;
        built.push(pair);
    }
    Ok(built)
}

/// `garbage_collection`'s value: BEAM's list, with `max_heap_size` off.
fn garbage_collection(
    heap: &mut erts_core::Heap,
    min_heap_size: usize,
    fullsweep_after: u32,
    minor_gcs: u32,
) -> Option<Term> {
    let name = |text: &str| Atom::intern(text).ok().map(Term::atom);
    let keys = build::tuple(heap, &[name("error_logger")?, name("kill")?, name("size")?])?;
    let limits = build::flat_map(
        heap,
        keys,
        &[
            Term::atom(Atom::TRUE),
            Term::atom(Atom::TRUE),
            Term::small(0)?,
        ],
    )?;
    let pairs = [
        ("max_heap_size", limits),
        ("min_bin_vheap_size", Term::small(46422)?),
        ("min_heap_size", Term::small(min_heap_size as i64)?),
        ("fullsweep_after", Term::small(i64::from(fullsweep_after))?),
        ("minor_gcs", Term::small(i64::from(minor_gcs))?),
    ];
    let mut entries = Vec::new();
    for (key, value) in pairs {
        entries.push(build::tuple(heap, &[name(key)?, value])?);
    }
    build::list(heap, &entries, Term::NIL)
}

/// `erlang:process_info(Pid)`: every item of [`ALL_ITEMS`], or
/// `undefined`.
///
/// # Safety
///
/// The term is valid.
unsafe fn process_info_1(process: &mut Process, pid: Term) -> Result<Term, Exception> {
    let names = ALL_ITEMS
        .iter()
        .map(|item| Atom::intern(item).map(Term::atom))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| Exception::system_limit())?;
    // SAFETY: forwarded from the caller.
    unsafe { process_info(process, pid, names, Shape::All) }
}

/// How `process_info` answers.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// One item asked by itself: `{Item, Value}`.
    Single,
    /// A list of items: a list of pairs.
    List,
    /// `process_info/1`: a list of pairs, without `registered_name` for a
    /// process that has no name.
    All,
}

/// `erlang:process_info(Pid, Item | [Item])`: `{Item, Value}` or a list of
/// them; `undefined` for a process that is not alive.
///
/// # Safety
///
/// The terms are valid.
unsafe fn process_info_2(process: &mut Process, pid: Term, items: Term) -> Result<Term, Exception> {
    let (names, shape) = match items.as_atom() {
        Some(name) => (vec![Term::atom(name)], Shape::Single),
        None => {
            let mut names = Vec::new();
            let mut rest = items;
            // SAFETY: forwarded from the caller; every tail is valid.
            while let (Some(head), Some(tail)) = (unsafe { rest.head() }, unsafe { rest.tail() }) {
                head.as_atom().ok_or_else(Exception::badarg)?;
                names.push(head);
                rest = tail;
            }
            if rest != Term::NIL {
                return Err(Exception::badarg());
            }
            (names, Shape::List)
        }
    };
    // SAFETY: forwarded from the caller.
    unsafe { process_info(process, pid, names, shape) }
}

/// `process_info` of the items `names` (atoms), answered in `shape`.
///
/// # Safety
///
/// The terms are valid.
unsafe fn process_info(
    process: &mut Process,
    pid: Term,
    names: Vec<Term>,
    shape: Shape,
) -> Result<Term, Exception> {
    let id = pid.as_local_pid().ok_or_else(Exception::badarg)?;
    let is_self = pid == process.pid;
    let gather = |target: &mut Process| -> Result<Vec<(Term, Fact)>, Exception> {
        names
            .iter()
            .map(|name| {
                let item = name.as_atom().expect("checked").name();
                fact(target, item, is_self).map(|f| (*name, f))
            })
            .collect()
    };
    // Another process's terms are copied out while its slot is locked:
    // once unlocked, it may run and collect.
    let mut copies = Vec::new();
    let facts = if is_self {
        Some(gather(process)?)
    } else {
        let mut gather_copies = |target: &mut Process| {
            let facts = gather(target)?;
            facts
                .into_iter()
                .map(|(name, fact)| Ok((name, detach(fact, &mut copies)?)))
                .collect::<Result<Vec<_>, Exception>>()
        };
        loop {
            // `None`: another scheduler runs it now; wait for its slice
            // to end (a slice is bounded).
            let looked = crate::table::with(id, |slot| match slot {
                None => Some(None),
                Some(slot) => slot.process.as_mut().map(|p| Some(gather_copies(p))),
            });
            match looked {
                Some(found) => break found.transpose()?,
                None => std::thread::yield_now(),
            }
        }
    };
    let Some(mut facts) = facts else {
        return atom("undefined");
    };
    let is_no_name = |(item, fact): &(Term, Fact)| {
        matches!(fact, Fact::Term(Term::NIL))
            && item.as_atom().map(Atom::name) == Some("registered_name")
    };
    // A process without a name answers `registered_name` alone with `[]`
    // (in a list, with `{registered_name, []}`; `process_info/1` leaves
    // it out).
    match shape {
        Shape::Single if is_no_name(&facts[0]) => return Ok(Term::NIL),
        Shape::All => facts.retain(|fact| !is_no_name(fact)),
        _ => {}
    }
    let built = build_facts(process, facts, !is_self)?;
    drop(copies);
    if shape == Shape::Single {
        return Ok(built[0]);
    }
    let mut roots = built;
    // SAFETY: the built pairs are the roots.
    unsafe { process.ensure_room(2 * roots.len(), process.live as usize, &mut roots) }?;
    process
        .build(|heap| build::list(heap, &roots, Term::NIL))
        .ok_or_else(Exception::system_limit)
}

/// `fact` with its terms copied into fragments kept in `copies`.
fn detach(fact: Fact, copies: &mut Vec<erts_core::HeapFragment>) -> Result<Fact, Exception> {
    let mut copy = |term: Term| {
        // SAFETY: the terms of a fact are valid terms of its process.
        let (copy, fragment) =
            unsafe { crate::scheduler::copied(term) }.ok_or_else(Exception::system_limit)?;
        copies.push(fragment);
        Ok::<Term, Exception>(copy)
    };
    Ok(match fact {
        Fact::Term(term) => Fact::Term(copy(term)?),
        Fact::Terms(terms) => Fact::Terms(terms.into_iter().map(copy).collect::<Result<_, _>>()?),
        other => other,
    })
}

bifs! {
    erlang:"process_info"/1 (pid) => process process_info_1;
    erlang:"process_info"/2 (pid, items) => process process_info_2;
}
