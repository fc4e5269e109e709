//! BIFs about processes on the scheduler: references, monitors, names,
//! group leaders and nodes. A program runs as one node that is not
//! distributed, `nonode@nohost`, as `escript` does.

use erts_core::{build, Atom, Term};

use super::{atom, bifs};
use crate::exception::Exception;
use crate::priorities::Priority;
use crate::process::Process;
use crate::scheduler::{with_current, Acted, Scheduler};
use crate::table::Pending;
use crate::{links, monitors, refs};

/// Runs `f` with the scheduler, for a BIF of the running process.
fn scheduler<T>(f: impl FnOnce(&mut Scheduler) -> T) -> T {
    // SAFETY: BIFs run inside the scheduler, which does not hold the
    // running process (it is out of the table while it runs).
    unsafe { with_current(f) }
}

fn boolean(value: bool) -> Term {
    Term::atom(if value { Atom::TRUE } else { Atom::FALSE })
}

/// The process a pid or registered name stands for: `Ok(None)` when it
/// names no process, `Err` when it is neither.
fn resolve(scheduler: &Scheduler, target: Term) -> Result<Option<u64>, Exception> {
    if let Some(id) = target.as_local_pid() {
        return Ok(Some(id));
    }
    match target.as_atom() {
        Some(name) => Ok(scheduler.whereis(name)),
        None => Err(Exception::badarg()),
    }
}

/// `erlang:make_ref/0`.
fn make_ref_0(process: &mut Process) -> Result<Term, Exception> {
    refs::build(process, refs::next_number())
}

/// The last integer `unique_integer/0,1` gave.
static UNIQUE_INTEGER: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(0);

/// `erlang:unique_integer/0`: one counter for the whole runtime, so every
/// integer is also positive and increasing (what the options ask for).
fn unique_integer_0(process: &mut Process) -> Result<Term, Exception> {
    let next = UNIQUE_INTEGER.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
    super::time::integer(process, next)
}

/// `erlang:unique_integer/1`: the options must be a list of `positive`
/// and `monotonic`.
///
/// # Safety
///
/// The term is valid.
unsafe fn unique_integer_1(process: &mut Process, options: Term) -> Result<Term, Exception> {
    let mut rest = options;
    // SAFETY: forwarded from the caller; every tail is valid.
    while let (Some(option), Some(tail)) = (unsafe { rest.head() }, unsafe { rest.tail() }) {
        if !matches!(
            option.as_atom().map(Atom::name),
            Some("positive" | "monotonic")
        ) {
            return Err(Exception::badarg());
        }
        rest = tail;
    }
    if rest != Term::NIL {
        return Err(Exception::badarg());
    }
    unique_integer_0(process)
}

/// `erlang:monitor(process, Target)`, with `Target` a pid or a registered
/// name.
///
/// # Safety
///
/// The terms are valid.
unsafe fn monitor_2(process: &mut Process, kind: Term, target: Term) -> Result<Term, Exception> {
    if kind != atom("process")? {
        return Err(Exception::badarg());
    }
    scheduler(|scheduler| {
        let id = resolve(scheduler, target)?;
        monitors::monitor(scheduler, process, id, target)
    })
}

/// `erlang:monitor/3`: options `[]` or `[{alias, demonitor}]` (the
/// monitor's reference is also an alias of the caller until the monitor
/// goes; `reply_demonitor` and `explicit_unalias` are treated the same).
///
/// # Safety
///
/// The terms are valid.
unsafe fn monitor_3(
    process: &mut Process,
    kind: Term,
    target: Term,
    options: Term,
) -> Result<Term, Exception> {
    let mut alias = false;
    let mut rest = options;
    // SAFETY: forwarded from the caller; every tail is valid.
    while let (Some(option), Some(tail)) = (unsafe { rest.head() }, unsafe { rest.tail() }) {
        // SAFETY: as above.
        match unsafe { option.tuple_elements() } {
            Some([key, mode])
                if key.as_atom().map(Atom::name) == Some("alias")
                    && matches!(
                        mode.as_atom().map(Atom::name),
                        Some("demonitor" | "reply_demonitor" | "explicit_unalias")
                    ) =>
            {
                alias = true;
            }
            _ => return Err(Exception::badarg()),
        }
        rest = tail;
    }
    if rest != Term::NIL {
        return Err(Exception::badarg());
    }
    // SAFETY: forwarded from the caller.
    let reference = unsafe { monitor_2(process, kind, target) }?;
    if alias {
        // SAFETY: just made, a reference.
        let number = unsafe { refs::number_of(reference) }.expect("a reference");
        let id = process.pid.as_local_pid().expect("a local pid");
        scheduler(|scheduler| scheduler.add_alias(number, id));
    }
    Ok(reference)
}

/// `erlang:send/2`.
///
/// # Safety
///
/// The terms are valid.
unsafe fn send_2(
    process: &mut Process,
    destination: Term,
    message: Term,
) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    unsafe { crate::mailbox::send(process, destination, message) }?;
    Ok(message)
}

/// `erlang:send/3`: options `nosuspend` and `noconnect` change nothing
/// on one node.
///
/// # Safety
///
/// The terms are valid.
unsafe fn send_3(
    process: &mut Process,
    destination: Term,
    message: Term,
    _options: Term,
) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    unsafe { crate::mailbox::send(process, destination, message) }?;
    atom("ok")
}

/// `erlang:nodes/0`: a node that is not distributed is connected to none.
fn nodes_0(_process: &mut Process) -> Result<Term, Exception> {
    Ok(Term::NIL)
}

/// `erlang:demonitor/1`.
///
/// # Safety
///
/// The term is valid.
unsafe fn demonitor_1(process: &mut Process, reference: Term) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    unsafe { demonitor_2(process, reference, Term::NIL) }
}

/// `erlang:demonitor/2` with the options `flush` and `info`.
///
/// # Safety
///
/// The terms are valid.
unsafe fn demonitor_2(
    process: &mut Process,
    reference: Term,
    options: Term,
) -> Result<Term, Exception> {
    let (flush, info) = (atom("flush")?, atom("info")?);
    let (mut flushing, mut informing, mut rest) = (false, false, options);
    // SAFETY: the options are a valid term; so is every tail.
    while let (Some(option), Some(tail)) = (unsafe { rest.head() }, unsafe { rest.tail() }) {
        match option {
            o if o == flush => flushing = true,
            o if o == info => informing = true,
            _ => return Err(Exception::badarg()),
        }
        rest = tail;
    }
    // SAFETY: the reference is a valid term.
    let number = unsafe { refs::number_of(reference) };
    let (Some(number), Term::NIL) = (number, rest) else {
        return Err(Exception::badarg());
    };
    let removed = scheduler(|scheduler| monitors::demonitor(scheduler, process, number));
    if flushing {
        monitors::flush_down(process, number);
    }
    Ok(boolean(!informing || removed))
}

/// `erlang:register/2`.
fn register_2(process: &mut Process, name: Term, pid: Term) -> Result<Term, Exception> {
    let (Some(name), Some(id)) = (name.as_atom(), pid.as_local_pid()) else {
        return Err(Exception::badarg());
    };
    if name.name() == "undefined" {
        return Err(Exception::badarg());
    }
    if scheduler(|scheduler| scheduler.register(name, id, process)) {
        Ok(Term::atom(Atom::TRUE))
    } else {
        Err(Exception::badarg())
    }
}

/// `erlang:unregister/1`.
fn unregister_1(_process: &mut Process, name: Term) -> Result<Term, Exception> {
    let name = name.as_atom().ok_or_else(Exception::badarg)?;
    scheduler(|scheduler| scheduler.unregister(name)).ok_or_else(Exception::badarg)?;
    Ok(Term::atom(Atom::TRUE))
}

/// `erlang:whereis/1`.
fn whereis_1(_process: &mut Process, name: Term) -> Result<Term, Exception> {
    let name = name.as_atom().ok_or_else(Exception::badarg)?;
    match scheduler(|scheduler| scheduler.whereis(name)) {
        Some(id) => Term::local_pid(id).ok_or_else(Exception::badarg),
        None => atom("undefined"),
    }
}

/// `erlang:registered/0`.
fn registered_0(process: &mut Process) -> Result<Term, Exception> {
    let names = scheduler(|scheduler| scheduler.registered());
    // SAFETY: no term is held across the collection.
    unsafe { process.ensure_room(2 * names.len(), process.live as usize, &mut []) }?;
    let names: Vec<Term> = names.into_iter().map(Term::atom).collect();
    process
        .build(|heap| build::list(heap, &names, Term::NIL))
        .ok_or_else(Exception::system_limit)
}

/// `erlang:group_leader/0`.
fn group_leader_0(process: &mut Process) -> Result<Term, Exception> {
    Ok(process.group_leader)
}

/// `erlang:group_leader(Leader, Pid)`.
fn group_leader_2(process: &mut Process, leader: Term, pid: Term) -> Result<Term, Exception> {
    let (Some(_), Some(id)) = (leader.as_local_pid(), pid.as_local_pid()) else {
        return Err(Exception::badarg());
    };
    if pid == process.pid {
        process.group_leader = leader;
        return Ok(Term::atom(Atom::TRUE));
    }
    match scheduler(|scheduler| scheduler.act_on(id, Pending::GroupLeader { leader })) {
        Acted::Done => Ok(Term::atom(Atom::TRUE)),
        Acted::Gone => Err(Exception::badarg()),
    }
}

/// `erts_internal:group_leader/2`, under `erlang:group_leader/2`: `true`
/// once done (here always at once).
fn internal_group_leader_2(
    process: &mut Process,
    leader: Term,
    pid: Term,
) -> Result<Term, Exception> {
    group_leader_2(process, leader, pid)
}

/// `erts_internal:group_leader/3`: as `/2`, with the result sent as
/// `{Ref, Result}` (BEAM's way when the change must wait on a signal).
fn internal_group_leader_3(
    process: &mut Process,
    leader: Term,
    pid: Term,
    reference: Term,
) -> Result<Term, Exception> {
    let done = match group_leader_2(process, leader, pid) {
        Ok(done) => done,
        Err(_) => atom("badarg")?,
    };
    let mut roots = [reference];
    // SAFETY: the reference is the root; `done` is an atom.
    unsafe { process.ensure_room(3, process.live as usize, &mut roots) }?;
    let message = process
        .build(|heap| build::tuple(heap, &[roots[0], done]))
        .ok_or_else(Exception::system_limit)?;
    // SAFETY: just built on the caller's heap.
    unsafe { crate::mailbox::deliver(process, message) }?;
    Ok(Term::atom(Atom::OK))
}

/// `erts_internal:garbage_collect(major | minor)`, under
/// `erlang:garbage_collect/0,1,2`: collects the caller now.
fn garbage_collect_1(process: &mut Process, mode: Term) -> Result<Term, Exception> {
    let live = process.live as usize;
    match mode.as_atom().map(Atom::name) {
        // SAFETY: a BIF's roots are the live registers and the stack.
        Some("major") => unsafe { process.collect_fully(live) }?,
        // SAFETY: as above.
        Some("minor") => unsafe { process.collect(0, live, &mut []) }?,
        _ => return Err(Exception::badarg()),
    }
    Ok(Term::atom(Atom::TRUE))
}

/// `erlang:list_to_pid/1`: the local pid `"<0.N.0>"` names.
///
/// # Safety
///
/// The term is valid.
unsafe fn list_to_pid_1(_process: &mut Process, text: Term) -> Result<Term, Exception> {
    let mut read = String::new();
    let mut rest = text;
    // SAFETY: forwarded from the caller; every tail is valid.
    while let (Some(head), Some(tail)) = (unsafe { rest.head() }, unsafe { rest.tail() }) {
        let code = head.as_small().and_then(|c| u8::try_from(c).ok());
        read.push(char::from(code.ok_or_else(Exception::badarg)?));
        rest = tail;
    }
    let number = (rest == Term::NIL)
        .then_some(())
        .and_then(|()| {
            read.strip_prefix("<0.")?
                .strip_suffix(".0>")?
                .parse::<u64>()
                .ok()
        })
        .filter(|_| {
            read.bytes()
                .skip(3)
                .take_while(|b| *b != b'.')
                .all(|b| b.is_ascii_digit())
        });
    number
        .and_then(Term::local_pid)
        .ok_or_else(Exception::badarg)
}

/// `erlang:is_process_alive/1`.
fn is_process_alive_1(process: &mut Process, pid: Term) -> Result<Term, Exception> {
    let id = pid.as_local_pid().ok_or_else(Exception::badarg)?;
    Ok(boolean(scheduler(|scheduler| {
        scheduler.is_alive(id, process)
    })))
}

/// `erlang:processes/0`: every live process, in creation order.
fn processes_0(process: &mut Process) -> Result<Term, Exception> {
    let ids = crate::table::ids();
    // The running process is out of the table but alive.
    let mut pids: Vec<Term> = ids.into_iter().filter_map(Term::local_pid).collect();
    if !pids.contains(&process.pid) {
        pids.push(process.pid);
        pids.sort_by_key(|pid| pid.as_local_pid());
    }
    // SAFETY: no term of the heap is held across the collection.
    unsafe { process.ensure_room(2 * pids.len(), process.live as usize, &mut []) }?;
    process
        .build(|heap| build::list(heap, &pids, Term::NIL))
        .ok_or_else(Exception::system_limit)
}

/// `erlang:node/0`.
fn node_0(_process: &mut Process) -> Result<Term, Exception> {
    atom("nonode@nohost")
}

/// `erlang:node/1`: the node of a pid, port or reference.
///
/// # Safety
///
/// The term is valid.
unsafe fn node_1(_process: &mut Process, term: Term) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    if let Some(external) = unsafe { term.external() } {
        return Ok(Term::atom(external.node));
    }
    // SAFETY: as above.
    let local =
        term.is_local_pid() || term.is_local_port() || unsafe { term.reference_words() }.is_some();
    if local {
        node_0(_process)
    } else {
        Err(Exception::badarg())
    }
}

/// `net_kernel:dflag_unicode_io/1`: whether the node of a pid takes
/// Unicode I/O requests; this node does.
fn dflag_unicode_io_1(_process: &mut Process, pid: Term) -> Result<Term, Exception> {
    if pid.is_local_pid() {
        Ok(Term::atom(Atom::TRUE))
    } else {
        Err(Exception::badarg())
    }
}

/// `erlang:link/1`: a link to a process that is gone gives a process
/// that traps exits `{'EXIT', Pid, noproc}`, and nothing else (as OTP 25).
fn link_1(process: &mut Process, pid: Term) -> Result<Term, Exception> {
    let id = pid.as_local_pid().ok_or_else(Exception::badarg)?;
    let linked = scheduler(|scheduler| links::link(scheduler, process, id));
    if !linked && process.trap_exit {
        // SAFETY: an atom is a valid term.
        unsafe { links::deliver_exit_message(process, pid, atom("noproc")?) }?;
    }
    Ok(Term::atom(Atom::TRUE))
}

/// `erlang:unlink/1`.
fn unlink_1(process: &mut Process, pid: Term) -> Result<Term, Exception> {
    let id = pid.as_local_pid().ok_or_else(Exception::badarg)?;
    scheduler(|scheduler| links::unlink(scheduler, process, id));
    Ok(Term::atom(Atom::TRUE))
}

/// `erlang:exit/2`: an exit signal to a pid (or to the process a name
/// stands for is `badarg`, as on BEAM: only pids and ports).
///
/// # Safety
///
/// The terms are valid.
unsafe fn exit_2(process: &mut Process, pid: Term, reason: Term) -> Result<Term, Exception> {
    let id = pid.as_local_pid().ok_or_else(Exception::badarg)?;
    // SAFETY: forwarded from the caller.
    scheduler(|scheduler| unsafe { links::exit_2(scheduler, process, id, reason) })?;
    Ok(Term::atom(Atom::TRUE))
}

/// `erlang:process_flag/2` for `trap_exit`, and the flags that only tune
/// a process here (`priority`, `min_heap_size`, `min_bin_vheap_size`,
/// `max_heap_size`, `message_queue_data`, `sensitive`, `fullsweep_after`)
/// with their defaults as the old values.
fn process_flag_2(process: &mut Process, flag: Term, value: Term) -> Result<Term, Exception> {
    let name = flag
        .as_atom()
        .map(Atom::name)
        .ok_or_else(Exception::badarg)?;
    let boolean_value = match value.as_atom() {
        Some(Atom::TRUE) => Some(true),
        Some(Atom::FALSE) => Some(false),
        _ => None,
    };
    match name {
        "trap_exit" => {
            let new = boolean_value.ok_or_else(Exception::badarg)?;
            Ok(boolean(std::mem::replace(&mut process.trap_exit, new)))
        }
        "priority" => {
            let new = value
                .as_atom()
                .and_then(Priority::from_atom)
                .ok_or_else(Exception::badarg)?;
            let id = process.pid.as_local_pid().expect("a local pid");
            atom(crate::priorities::set(id, new).name())
        }
        "sensitive" => boolean_value
            .map(|_| boolean(false))
            .ok_or_else(Exception::badarg),
        "min_heap_size" | "min_bin_vheap_size" | "fullsweep_after" => {
            value
                .as_small()
                .filter(|v| *v >= 0)
                .ok_or_else(Exception::badarg)?;
            let old = match name {
                "min_heap_size" => 233,
                "min_bin_vheap_size" => 46422,
                _ => 65535,
            };
            Ok(Term::small(old).expect("small"))
        }
        "message_queue_data" => match value.as_atom().map(Atom::name) {
            Some("on_heap" | "off_heap") => atom("on_heap"),
            _ => Err(Exception::badarg()),
        },
        _ => Err(Exception::badarg()),
    }
}

bifs! {
    erlang:"monitor"/3 (kind, target, options) => process monitor_3;
    erlang:"send"/2 (destination, message) => process send_2;
    erlang:"send"/3 (destination, message, options) => process send_3;
    erlang:"nodes"/0 () => process nodes_0;
    erlang:"link"/1 (pid) => process link_1;
    erlang:"unlink"/1 (pid) => process unlink_1;
    erlang:"exit"/2 (pid, reason) => process exit_2;
    erlang:"process_flag"/2 (flag, value) => process process_flag_2;
    erlang:"make_ref"/0 () => process make_ref_0;
    erlang:"unique_integer"/0 () => process unique_integer_0;
    erlang:"unique_integer"/1 (options) => process unique_integer_1;
    erlang:"monitor"/2 (kind, target) => process monitor_2;
    erlang:"demonitor"/1 (reference) => process demonitor_1;
    erlang:"demonitor"/2 (reference, options) => process demonitor_2;
    erlang:"register"/2 (name, pid) => process register_2;
    erlang:"unregister"/1 (name) => process unregister_1;
    erlang:"whereis"/1 (name) => process whereis_1;
    erlang:"registered"/0 () => process registered_0;
    erlang:"group_leader"/0 () => process group_leader_0;
    erlang:"group_leader"/2 (leader, pid) => process group_leader_2;
    erts_internal:"garbage_collect"/1 (mode) => process garbage_collect_1;
    erlang:"list_to_pid"/1 (text) => process list_to_pid_1;
    erts_internal:"group_leader"/2 (leader, pid) => process internal_group_leader_2;
    erts_internal:"group_leader"/3 (leader, pid, reference) => process internal_group_leader_3;
    erlang:"is_process_alive"/1 (pid) => process is_process_alive_1;
    erlang:"processes"/0 () => process processes_0;
    erlang:"node"/0 () => process node_0;
    erlang:"node"/1 (term) => process node_1;
    net_kernel:"dflag_unicode_io"/1 (pid) => process dflag_unicode_io_1;
}
