//! BIFs of module `erlang`.

use std::io::Write;

use erts_core::bif::{
    arith, atom, binary, boolean, checksum, compare, external, float_text, int_text, list, tuple,
    types,
};
use erts_core::{Atom, Term};

use super::{bifs, raise};
use crate::birth::Birth;
use crate::display::display;
use crate::exception::{Class, Exception, TopFrame};
use crate::priorities::Priority;
use crate::process::{InitialCall, Process};

/// `erlang:display/1`: writes the term and a newline to standard output.
/// BEAM writes it through its terminal driver, which ends lines with CR LF
/// even when the output is not a terminal.
///
/// # Safety
///
/// Called by compiled code with its running process and valid terms.
unsafe fn display_1(_process: *mut Process, term: u64) -> u64 {
    let mut text = String::new();
    // SAFETY: compiled code passes a valid term.
    unsafe { display(&mut text, Term::from_bits(term)) };
    text.push_str("\r\n");
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
    Term::atom(Atom::TRUE).bits()
}

/// Raises `class:reason` from a BIF.
///
/// # Safety
///
/// As [`display_1`].
unsafe fn raise_class(process: *mut Process, class: Class, reason: u64) -> u64 {
    // SAFETY: compiled code passes its own running process.
    let process = unsafe { &mut *process };
    // SAFETY: compiled code passes a valid term.
    let reason = unsafe { Term::from_bits(reason) };
    raise(process, Exception::new(class, reason))
}

/// `erlang:error/1`.
///
/// # Safety
///
/// As [`display_1`].
unsafe fn error_1(process: *mut Process, reason: u64) -> u64 {
    // SAFETY: forwarded from the caller.
    unsafe { raise_class(process, Class::Error, reason) }
}

/// `erlang:error/2`: the arguments (a list, or `none`) take the place of
/// the arity in the stack trace's first entry.
///
/// # Safety
///
/// As [`display_1`].
unsafe fn error_2(process: *mut Process, reason: u64, args: u64) -> u64 {
    // SAFETY: forwarded from the caller.
    unsafe { raise_error(process, reason, args, Term::NIL) }
}

/// `erlang:error/3`: as `error/2`, and options `[{error_info, Map}]` put
/// `{error_info, Map}` in the first entry's information. As on BEAM, the
/// options count only when every one of them is such a pair (the last
/// wins); any other list, or option, is ignored.
///
/// # Safety
///
/// As [`display_1`].
unsafe fn error_3(process: *mut Process, reason: u64, args: u64, options: u64) -> u64 {
    // SAFETY: compiled code passes a valid term.
    let error_info = unsafe { error_info_option(Term::from_bits(options)) };
    // SAFETY: forwarded from the caller.
    unsafe { raise_error(process, reason, args, error_info.unwrap_or(Term::NIL)) }
}

/// The `Map` of `error/3`'s options if they are all `{error_info, Map}`.
///
/// # Safety
///
/// `options` is valid.
unsafe fn error_info_option(options: Term) -> Option<Term> {
    let mut error_info = None;
    let mut rest = options;
    // SAFETY: `rest` is the options or a tail of them.
    while let (Some(option), Some(tail)) = unsafe { (rest.head(), rest.tail()) } {
        // SAFETY: an element of a valid list.
        let [key, value] = <[Term; 2]>::try_from(unsafe { option.tuple_elements() }?).ok()?;
        // SAFETY: as above.
        let is_map = unsafe { erts_core::map::size(value) }.is_ok();
        if key.as_atom().map(Atom::name) != Some("error_info") || !is_map {
            return None;
        }
        error_info = Some(value);
        rest = tail;
    }
    rest.is_nil().then_some(error_info)?
}

/// Raises `error:reason` with `erlang:error/2,3`'s wishes for the first
/// stack trace entry.
///
/// # Safety
///
/// As [`display_1`].
unsafe fn raise_error(process: *mut Process, reason: u64, args: u64, error_info: Term) -> u64 {
    // SAFETY: compiled code passes its own running process.
    let process = unsafe { &mut *process };
    // SAFETY: compiled code passes valid terms.
    let (reason, args) = unsafe { (Term::from_bits(reason), Term::from_bits(args)) };
    let exception = Exception {
        top: Some(TopFrame::Raised([args, error_info])),
        ..Exception::new(Class::Error, reason)
    };
    raise(process, exception)
}

/// `erlang:throw/1`.
///
/// # Safety
///
/// As [`display_1`].
unsafe fn throw_1(process: *mut Process, reason: u64) -> u64 {
    // SAFETY: forwarded from the caller.
    unsafe { raise_class(process, Class::Throw, reason) }
}

/// `erlang:exit/1`.
///
/// # Safety
///
/// As [`display_1`].
unsafe fn exit_1(process: *mut Process, reason: u64) -> u64 {
    // SAFETY: forwarded from the caller.
    unsafe { raise_class(process, Class::Exit, reason) }
}

/// `erlang:raise/3`: raises `class:reason` with `stacktrace` as its trace;
/// a bad class or trace makes it return `badarg` instead, as on BEAM.
///
/// # Safety
///
/// As [`display_1`].
unsafe fn raise_3(process: *mut Process, class: u64, reason: u64, stacktrace: u64) -> u64 {
    // SAFETY: compiled code passes its own running process.
    let process = unsafe { &mut *process };
    // SAFETY: compiled code passes valid terms.
    let (class, reason, stacktrace) = unsafe {
        (
            Term::from_bits(class),
            Term::from_bits(reason),
            Term::from_bits(stacktrace),
        )
    };
    let is_list = stacktrace.is_list() || stacktrace == Term::NIL;
    match Exception::class_of(class) {
        Some(class) if is_list => raise(
            process,
            Exception {
                trace: Some(stacktrace),
                ..Exception::new(class, reason)
            },
        ),
        _ => raise(process, Exception::badarg()),
    }
}

/// `erlang:is_function/2`.
///
/// # Safety
///
/// Called by compiled code with valid terms.
unsafe fn is_function_2(process: *mut Process, fun: u64, arity: u64) -> u64 {
    // SAFETY: compiled code passes valid terms.
    let arity = unsafe { Term::from_bits(arity) };
    match arity.as_small() {
        Some(arity) if arity >= 0 => {
            // SAFETY: forwarded from the caller.
            let actual = unsafe { crate::funs::earts_fun_arity(fun) };
            Term::atom(if actual == arity {
                Atom::TRUE
            } else {
                Atom::FALSE
            })
            .bits()
        }
        // SAFETY: compiled code passes its own running process.
        _ => raise(unsafe { &mut *process }, Exception::badarg()),
    }
}

/// `erlang:self/0`.
///
/// # Safety
///
/// Called by compiled code with its running process.
unsafe fn self_0(process: *mut Process) -> u64 {
    // SAFETY: compiled code passes its own running process.
    unsafe { &*process }.pid.bits()
}

/// Starts a process that calls `code` with `args` (copied to its heap).
///
/// # Safety
///
/// `code` is a compiled function; `args` are valid terms of the caller.
unsafe fn spawn_with(
    process: &mut Process,
    code: *const u8,
    args: &[Term],
    initial_call: Option<InitialCall>,
) -> u64 {
    // SAFETY: the caller passes compiled code (uniform prototype).
    let function: crate::process::ErlangFn = unsafe { std::mem::transmute(code) };
    let setup = |child: &mut Process| {
        child.initial_call = initial_call;
        for (n, arg) in args.iter().enumerate() {
            // SAFETY: the arguments are valid terms of the parent.
            let words = unsafe { erts_core::size_of_term(*arg) };
            let mut fragment =
                erts_core::HeapFragment::with_capacity(words).map_err(|e| format!("{e:?}"))?;
            // SAFETY: as above; the fragment has room for the term.
            let copy = unsafe { erts_core::copy_term(*arg, &mut fragment) }
                .ok_or("no room for an argument")?;
            child.sync_heap_top();
            child.heap.attach_fragment(fragment);
            child.load_heap_top();
            child.registers.set_argument(n, copy.bits());
        }
        Ok(())
    };
    // SAFETY: the scheduler runs the calling process, which is not in its
    // table while it runs.
    match unsafe {
        crate::scheduler::with_current(|scheduler| {
            scheduler.spawn(
                function,
                args.len() as u64,
                setup,
                Some(process.group_leader),
            )
        })
    } {
        Ok(pid) => pid.bits(),
        Err(_) => raise(process, Exception::system_limit()),
    }
}

/// Runs `spawn` (the body of a spawn BIF, giving its pid or `NON_VALUE`)
/// so that the new process is born with `birth`, then records the
/// parent's side of the link and the monitor.
///
/// # Safety
///
/// As [`spawn_1`].
unsafe fn spawn_born(process: *mut Process, birth: Birth, spawn: impl FnOnce() -> u64) -> u64 {
    let result = crate::birth::spawning_with(birth, spawn);
    // SAFETY: a pid is an immediate.
    let Some(child) = (unsafe { Term::from_bits(result) }).as_local_pid() else {
        return result;
    };
    // SAFETY: compiled code passes its own running process.
    let parent = unsafe { &mut *process };
    if birth.linked_to.is_some() {
        parent.links.insert(child);
    }
    if let Some((number, _)) = birth.monitored_by {
        parent.monitors.holding.push((number, child));
    }
    result
}

/// The id of the calling process.
///
/// # Safety
///
/// As [`spawn_1`].
unsafe fn own_id(process: *mut Process) -> u64 {
    // SAFETY: compiled code passes its own running process.
    let pid = unsafe { &*process }.pid;
    pid.as_local_pid().expect("a local pid")
}

/// A spawn that links the new process to the caller.
///
/// # Safety
///
/// As [`spawn_1`].
unsafe fn linked_birth(process: *mut Process) -> Birth {
    Birth {
        // SAFETY: forwarded from the caller.
        linked_to: Some(unsafe { own_id(process) }),
        ..Birth::default()
    }
}

/// What a spawn's options ask for beyond starting the process.
#[derive(Default)]
struct SpawnOptions {
    link: bool,
    monitor: bool,
    /// `spawn_request`: the reply's tag, and whether to send it.
    reply_tag: Option<Term>,
    reply: bool,
    priority: Priority,
}

/// Reads a spawn option list; the options that tune a process here
/// (priority, heap sizes, message queue data) are checked and accepted.
///
/// # Safety
///
/// `options` is a valid term.
unsafe fn spawn_options(options: Term) -> Option<SpawnOptions> {
    let mut read = SpawnOptions {
        reply: true,
        ..SpawnOptions::default()
    };
    let mut rest = options;
    // SAFETY: forwarded from the caller; every tail is valid.
    while let (Some(option), Some(tail)) = (unsafe { rest.head() }, unsafe { rest.tail() }) {
        match option.as_atom().map(Atom::name) {
            Some("link") => read.link = true,
            Some("monitor") => read.monitor = true,
            Some(_) => return None,
            None => {
                // SAFETY: as above.
                let [key, value] = unsafe { option.tuple_elements() }? else {
                    return None;
                };
                match key.as_atom()?.name() {
                    "monitor" => read.monitor = true,
                    "reply_tag" => read.reply_tag = Some(*value),
                    "reply" => {
                        read.reply = matches!(value.as_atom()?.name(), "yes" | "success_only")
                    }
                    "priority" => read.priority = Priority::from_atom(value.as_atom()?)?,
                    "message_queue_data" | "async_dist" => {
                        value.as_atom()?;
                    }
                    "fullsweep_after" | "min_heap_size" | "min_bin_vheap_size" => {
                        value.as_small().filter(|n| *n >= 0)?;
                    }
                    "max_heap_size" => {}
                    _ => return None,
                }
            }
        }
        rest = tail;
    }
    (rest == Term::NIL).then_some(read)
}

/// `spawn/3` with an option list: the options read, the new pid (linked
/// when asked) and the number of the caller's monitor on it (when asked),
/// or the word to return after raising.
///
/// # Safety
///
/// As [`spawn_1`].
unsafe fn spawn_with_options(
    process: *mut Process,
    module: u64,
    function: u64,
    args: u64,
    options: u64,
) -> Result<(SpawnOptions, u64, Option<u64>), u64> {
    // SAFETY: compiled code passes a valid term.
    let Some(read) = (unsafe { spawn_options(Term::from_bits(options)) }) else {
        // SAFETY: compiled code passes its own running process.
        return Err(raise(unsafe { &mut *process }, Exception::badarg()));
    };
    // SAFETY: forwarded from the caller.
    let parent = unsafe { own_id(process) };
    let monitor = read.monitor.then(crate::refs::next_number);
    let birth = Birth {
        priority: read.priority,
        linked_to: read.link.then_some(parent),
        monitored_by: monitor.map(|number| (number, parent)),
    };
    // SAFETY: forwarded from the caller.
    let pid = unsafe { spawn_born(process, birth, || spawn_3(process, module, function, args)) };
    if pid == erts_core::abi::NON_VALUE {
        return Err(pid);
    }
    Ok((read, pid, monitor))
}

/// `erlang:spawn_opt/4`: the pid, or `{Pid, MonitorRef}` with `monitor`.
///
/// # Safety
///
/// As [`spawn_1`].
unsafe fn spawn_opt_4(
    process: *mut Process,
    module: u64,
    function: u64,
    args: u64,
    options: u64,
) -> u64 {
    // SAFETY: forwarded from the caller.
    let (pid, monitor) =
        match unsafe { spawn_with_options(process, module, function, args, options) } {
            Ok((_, pid, Some(monitor))) => (pid, monitor),
            Ok((_, pid, None)) => return pid,
            Err(raised) => return raised,
        };
    // SAFETY: compiled code passes its own running process.
    let process = unsafe { &mut *process };
    // SAFETY: a pid is an immediate.
    let pid = unsafe { Term::from_bits(pid) };
    let pair = crate::refs::build(process, monitor).and_then(|reference| {
        let mut roots = [reference];
        // SAFETY: the reference is the root; the pid is an immediate.
        unsafe { process.ensure_room(3, process.live as usize, &mut roots) }?;
        process
            .build(|heap| erts_core::build::tuple(heap, &[pid, roots[0]]))
            .ok_or_else(Exception::system_limit)
    });
    match pair {
        Ok(pair) => pair.bits(),
        Err(exception) => raise(process, exception),
    }
}

/// `erts_internal:spawn_request/4`, under `erlang:spawn_request/1..5`: the
/// request's reference; `{Tag, Ref, ok, Pid}` comes as a message (unless
/// `{reply, no}` or `error_only`), and a `monitor` option's monitor uses
/// the same reference, as on BEAM.
///
/// # Safety
///
/// As [`spawn_1`].
unsafe fn spawn_request_4(
    process: *mut Process,
    module: u64,
    function: u64,
    args: u64,
    options: u64,
) -> u64 {
    // SAFETY: forwarded from the caller.
    let (read, pid, monitor) =
        match unsafe { spawn_with_options(process, module, function, args, options) } {
            Ok(spawned) => spawned,
            Err(raised) => return raised,
        };
    // SAFETY: compiled code passes its own running process.
    let process = unsafe { &mut *process };
    // SAFETY: a pid is an immediate.
    let pid = unsafe { Term::from_bits(pid) };
    let number = monitor.unwrap_or_else(crate::refs::next_number);
    let reference = crate::refs::build(process, number);
    let reference = match reference {
        Ok(reference) => reference,
        Err(exception) => return raise(process, exception),
    };
    if read.reply {
        let tag = read
            .reply_tag
            .unwrap_or_else(|| Term::atom(Atom::intern("spawn_reply").expect("a short atom")));
        let ok = Term::atom(Atom::intern("ok").expect("a short atom"));
        let mut roots = [reference, tag];
        // SAFETY: the reference and tag are the roots.
        let built = unsafe { process.ensure_room(5, process.live as usize, &mut roots) }
            .ok()
            .and_then(|()| {
                process.build(|heap| erts_core::build::tuple(heap, &[roots[1], roots[0], ok, pid]))
            });
        match built {
            Some(message) => {
                // SAFETY: just built on the caller's heap.
                if let Err(exception) = unsafe { crate::mailbox::deliver(process, message) } {
                    return raise(process, exception);
                }
            }
            None => return raise(process, Exception::system_limit()),
        }
        return roots[0].bits();
    }
    reference.bits()
}

/// `erlang:spawn_request_abandon/1`: the reply of a local spawn request
/// is sent at once, so there is never a request left to abandon.
///
/// # Safety
///
/// As [`spawn_1`].
unsafe fn spawn_request_abandon_1(process: *mut Process, request: u64) -> u64 {
    // SAFETY: compiled code passes a valid term.
    if unsafe { crate::refs::number_of(Term::from_bits(request)) }.is_none() {
        // SAFETY: compiled code passes its own running process.
        return raise(unsafe { &mut *process }, Exception::badarg());
    }
    Term::atom(Atom::FALSE).bits()
}

/// `erts_internal:dist_spawn_request/4`: spawning on another node; this
/// node is not distributed and knows no other.
///
/// # Safety
///
/// As [`spawn_1`].
unsafe fn dist_spawn_request_4(
    process: *mut Process,
    _node: u64,
    _mfa: u64,
    _options: u64,
    _kind: u64,
) -> u64 {
    // SAFETY: compiled code passes its own running process.
    raise(unsafe { &mut *process }, Exception::badarg())
}

/// `erlang:spawn_link/1`.
///
/// # Safety
///
/// As [`spawn_1`].
unsafe fn spawn_link_1(process: *mut Process, fun: u64) -> u64 {
    // SAFETY: forwarded from the caller.
    unsafe { spawn_born(process, linked_birth(process), || spawn_1(process, fun)) }
}

/// `erlang:spawn_link/3`.
///
/// # Safety
///
/// As [`spawn_1`].
unsafe fn spawn_link_3(process: *mut Process, module: u64, function: u64, args: u64) -> u64 {
    // SAFETY: forwarded from the caller.
    unsafe {
        spawn_born(process, linked_birth(process), || {
            spawn_3(process, module, function, args)
        })
    }
}

/// `erlang:spawn/1`.
///
/// # Safety
///
/// Called by compiled code with its running process and a valid term.
unsafe fn spawn_1(process: *mut Process, fun: u64) -> u64 {
    // SAFETY: compiled code passes its own running process.
    let process = unsafe { &mut *process };
    // SAFETY: compiled code passes a valid term.
    match unsafe { crate::funs::code_and_environment(Term::from_bits(fun), 0) } {
        // SAFETY: the code is compiled; the environment is the fun's.
        Some((code, environment)) => unsafe { spawn_with(process, code, &environment, None) },
        None => raise(process, Exception::badarg()),
    }
}

/// `erlang:spawn/3`.
///
/// # Safety
///
/// As [`spawn_1`].
unsafe fn spawn_3(process: *mut Process, module: u64, function: u64, args: u64) -> u64 {
    // SAFETY: compiled code passes its own running process.
    let process = unsafe { &mut *process };
    // SAFETY: compiled code passes valid terms.
    let (module, function, mut rest) = unsafe {
        (
            Term::from_bits(module),
            Term::from_bits(function),
            Term::from_bits(args),
        )
    };
    let list = rest;
    let mut arguments = Vec::new();
    // SAFETY: `rest` is valid; each tail of a cons is.
    while let (Some(head), Some(tail)) = (unsafe { rest.head() }, unsafe { rest.tail() }) {
        arguments.push(head);
        rest = tail;
    }
    let (Some(module_name), Some(function_name), Term::NIL) =
        (module.as_atom(), function.as_atom(), rest)
    else {
        return raise(process, Exception::badarg());
    };
    let initial_call = Some(InitialCall {
        module: module_name,
        function: function_name,
        arity: arguments.len() as u32,
    });
    // `spawn(erlang, apply, [Fun, Args])`, which `erlang:spawn_opt/2` and
    // friends make of a fun: `apply/2` is an instruction, not a function
    // of the program, so the fun is spawned itself.
    if let ([fun, fun_args], Some("erlang"), Some("apply")) = (
        arguments.as_slice(),
        module.as_atom().map(Atom::name),
        function.as_atom().map(Atom::name),
    ) {
        let mut fun_arguments = Vec::new();
        let mut rest = *fun_args;
        // SAFETY: `rest` is valid; each tail of a cons is.
        while let (Some(head), Some(tail)) = (unsafe { rest.head() }, unsafe { rest.tail() }) {
            fun_arguments.push(head);
            rest = tail;
        }
        // SAFETY: compiled code passes valid terms.
        let target = unsafe { crate::funs::code_and_environment(*fun, fun_arguments.len() as u64) };
        if let (Some((code, environment)), Term::NIL) = (target, rest) {
            fun_arguments.extend(environment);
            // SAFETY: the code is compiled; the arguments are valid terms.
            return unsafe { spawn_with(process, code, &fun_arguments, None) };
        }
    }
    let target =
        crate::funs::mfa_code_and_environment(module_name, function_name, arguments.len() as u64);
    match target {
        Some((code, environment)) => {
            arguments.extend(environment);
            // SAFETY: the code is compiled; the arguments are valid terms.
            unsafe { spawn_with(process, code, &arguments, initial_call) }
        }
        // A process that fails with `undef` at once, as on BEAM.
        None => {
            let apply = crate::runtime_functions::apply_3 as *const u8;
            // SAFETY: `apply_3` has the uniform prototype; the terms are
            // valid.
            unsafe { spawn_with(process, apply, &[module, function, list], initial_call) }
        }
    }
}

/// `erlang:map_size/1`.
///
/// # Safety
///
/// Called by compiled code with its running process and a valid term.
unsafe fn map_size_1(process: *mut Process, map: u64) -> u64 {
    // SAFETY: compiled code passes a valid term.
    let map = unsafe { Term::from_bits(map) };
    // SAFETY: as above.
    match unsafe { erts_core::map::size(map) } {
        Ok(size) => Term::small(size as i64).map_or(Term::NIL.bits(), Term::bits),
        Err(error) => {
            // SAFETY: compiled code passes its own running process.
            let process = unsafe { &mut *process };
            let exception = crate::maps::map_error(process, error, map, map);
            raise(process, exception)
        }
    }
}

/// `erlang:bit_size/1` and `erlang:byte_size/1`: the size of a bitstring
/// in bits, or in bytes rounded up.
///
/// # Safety
///
/// Called by compiled code with its running process and a valid term.
unsafe fn bitstring_size(process: *mut Process, term: u64, bits: bool) -> u64 {
    // SAFETY: compiled code passes a valid term.
    let term = unsafe { Term::from_bits(term) };
    // SAFETY: as above.
    let size = unsafe { term.binary_bytes() }
        .map(|bytes| bytes.len() as u64 * 8)
        // SAFETY: as above.
        .or_else(|| unsafe { term.sub_binary() }.map(|sub| sub.bit_size));
    match size.and_then(|size| Term::small(if bits { size } else { size.div_ceil(8) } as i64)) {
        Some(size) => size.bits(),
        // SAFETY: compiled code passes its own running process.
        None => raise(unsafe { &mut *process }, Exception::badarg()),
    }
}

/// `erlang:bit_size/1`.
///
/// # Safety
///
/// As [`bitstring_size`].
unsafe fn bit_size_1(process: *mut Process, term: u64) -> u64 {
    // SAFETY: forwarded from the caller.
    unsafe { bitstring_size(process, term, true) }
}

/// `erlang:byte_size/1`.
///
/// # Safety
///
/// As [`bitstring_size`].
unsafe fn byte_size_1(process: *mut Process, term: u64) -> u64 {
    // SAFETY: forwarded from the caller.
    unsafe { bitstring_size(process, term, false) }
}

/// `erlang:make_fun(Module, Function, Arity)`: the fun `fun M:F/A`.
fn make_fun_3(
    process: &mut Process,
    module: Term,
    function: Term,
    arity: Term,
) -> Result<Term, Exception> {
    let (Some(module), Some(function), Some(arity)) = (
        module.as_atom(),
        function.as_atom(),
        arity.as_small().and_then(|a| u8::try_from(a).ok()),
    ) else {
        return Err(Exception::badarg());
    };
    // SAFETY: no term is held across the collection.
    unsafe { process.ensure_room(4, process.live as usize, &mut []) }?;
    process
        .build(|heap| erts_core::build::export(heap, module, function, arity))
        .ok_or_else(Exception::system_limit)
}

/// `erlang:display_string/1`: writes a string to the standard error, as
/// BEAM does.
///
/// # Safety
///
/// The term is valid.
unsafe fn display_string_1(_process: &mut Process, string: Term) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    let text = unsafe { super::char_list_text(string) }.ok_or_else(Exception::badarg)?;
    let mut stderr = std::io::stderr().lock();
    let _ = stderr.write_all(text.as_bytes());
    let _ = stderr.flush();
    Ok(Term::atom(Atom::TRUE))
}

bifs! {
    erlang:"make_fun"/3 (module, function, arity) => process make_fun_3;
    erlang:"display_string"/1 (string) => process display_string_1;
    erlang:"is_atom"/1 (term) => pure types::is_atom_1;
    erlang:"is_boolean"/1 (term) => pure types::is_boolean_1;
    erlang:"is_list"/1 (term) => pure types::is_list_1;
    erlang:"is_pid"/1 (term) => pure types::is_pid_1;
    erlang:"is_tuple"/1 (term) => pure types::is_tuple_1;
    erlang:"is_integer"/1 (term) => pure types::is_integer_1;
    erlang:"is_float"/1 (term) => pure types::is_float_1;
    erlang:"is_number"/1 (term) => pure types::is_number_1;
    erlang:"is_function"/1 (term) => pure types::is_function_1;
    erlang:"is_binary"/1 (term) => pure types::is_binary_1;
    erlang:"is_bitstring"/1 (term) => pure types::is_bitstring_1;
    erlang:"is_map"/1 (term) => pure types::is_map_1;
    erlang:"element"/2 (index, tuple) => pure tuple::element_2;
    erlang:"setelement"/3 (index, tuple, value) => heap tuple::setelement_3;
    erlang:"tuple_size"/1 (tuple) => pure tuple::tuple_size_1;
    erlang:"make_tuple"/2 (arity, initial) => heap tuple::make_tuple_2;
    erlang:"make_tuple"/3 (arity, default, init_list) => heap tuple::make_tuple_3;
    erlang:"append_element"/2 (tuple, element) => heap tuple::append_element_2;
    erlang:"tuple_to_list"/1 (tuple) => heap tuple::tuple_to_list_1;
    erlang:"list_to_tuple"/1 (list) => heap tuple::list_to_tuple_1;
    erlang:"hd"/1 (list) => pure list::hd_1;
    erlang:"tl"/1 (list) => pure list::tl_1;
    erlang:"length"/1 (list) => pure list::length_1;
    erlang:"++"/2 (front, back) => heap list::append_2;
    erlang:"--"/2 (minuend, subtrahend) => heap list::subtract_2;
    erlang:"atom_to_list"/1 (atom) => heap atom::atom_to_list_1;
    erlang:"list_to_atom"/1 (list) => pure atom::list_to_atom_1;
    erlang:"list_to_existing_atom"/1 (list) => pure atom::list_to_existing_atom_1;
    erlang:"atom_to_binary"/1 (atom) => heap atom::atom_to_binary_1;
    erlang:"atom_to_binary"/2 (atom, encoding) => heap atom::atom_to_binary_2;
    erlang:"binary_to_list"/1 (binary) => heap binary::binary_to_list_1;
    erlang:"list_to_binary"/1 (list) => long_term binary::list_to_binary_1;
    erlang:"iolist_to_binary"/1 (iolist) => long_term binary::iolist_to_binary_1;
    erlang:"iolist_size"/1 (iolist) => pure binary::iolist_size_1;
    erlang:"float_to_list"/1 (float) => heap float_text::float_to_list_1;
    erlang:"float_to_binary"/1 (float) => heap float_text::float_to_binary_1;
    erlang:"integer_to_list"/1 (integer) => heap int_text::integer_to_list_1;
    erlang:"integer_to_list"/2 (integer, base) => heap int_text::integer_to_list_2;
    erlang:"list_to_integer"/1 (list) => heap int_text::list_to_integer_1;
    erlang:"list_to_integer"/2 (list, base) => heap int_text::list_to_integer_2;
    erlang:"+"/2 (lhs, rhs) => heap arith::plus_2;
    erlang:"-"/2 (lhs, rhs) => heap arith::minus_2;
    erlang:"*"/2 (lhs, rhs) => heap arith::times_2;
    erlang:"/"/2 (lhs, rhs) => heap arith::divide_2;
    erlang:"div"/2 (lhs, rhs) => heap arith::div_2;
    erlang:"rem"/2 (lhs, rhs) => heap arith::rem_2;
    erlang:"band"/2 (lhs, rhs) => heap arith::band_2;
    erlang:"bor"/2 (lhs, rhs) => heap arith::bor_2;
    erlang:"bxor"/2 (lhs, rhs) => heap arith::bxor_2;
    erlang:"bsl"/2 (lhs, rhs) => heap arith::bsl_2;
    erlang:"bsr"/2 (lhs, rhs) => heap arith::bsr_2;
    erlang:"bnot"/1 (operand) => heap arith::bnot_1;
    erlang:"-"/1 (operand) => heap arith::minus_1;
    erlang:"+"/1 (operand) => heap arith::plus_1;
    erlang:"abs"/1 (number) => heap arith::abs_1;
    erlang:"float"/1 (number) => heap arith::float_1;
    erlang:"round"/1 (number) => heap arith::round_1;
    erlang:"trunc"/1 (number) => heap arith::trunc_1;
    erlang:"ceil"/1 (number) => heap arith::ceil_1;
    erlang:"floor"/1 (number) => heap arith::floor_1;
    erlang:"=:="/2 (lhs, rhs) => pure compare::exact_eq_2;
    erlang:"=/="/2 (lhs, rhs) => pure compare::exact_neq_2;
    erlang:"=="/2 (lhs, rhs) => pure compare::eq_2;
    erlang:"/="/2 (lhs, rhs) => pure compare::neq_2;
    erlang:"<"/2 (lhs, rhs) => pure compare::lt_2;
    erlang:">"/2 (lhs, rhs) => pure compare::gt_2;
    erlang:"=<"/2 (lhs, rhs) => pure compare::le_2;
    erlang:">="/2 (lhs, rhs) => pure compare::ge_2;
    erlang:"min"/2 (lhs, rhs) => pure compare::min_2;
    erlang:"max"/2 (lhs, rhs) => pure compare::max_2;
    erlang:"and"/2 (lhs, rhs) => pure boolean::and_2;
    erlang:"or"/2 (lhs, rhs) => pure boolean::or_2;
    erlang:"xor"/2 (lhs, rhs) => pure boolean::xor_2;
    erlang:"not"/1 (operand) => pure boolean::not_1;
    erlang:"display"/1 (term) => raw display_1;
    erlang:"error"/1 (reason) => raw error_1;
    erlang:"error"/2 (reason, args) => raw error_2;
    erlang:"error"/3 (reason, args, options) => raw error_3;
    erlang:"nif_error"/1 (reason) => raw error_1;
    erlang:"nif_error"/2 (reason, args) => raw error_2;
    erlang:"throw"/1 (reason) => raw throw_1;
    erlang:"exit"/1 (reason) => raw exit_1;
    erlang:"raise"/3 (class, reason, stacktrace) => raw raise_3;
    erlang:"is_function"/2 (fun, arity) => raw is_function_2;
    erlang:"self"/0 () => raw self_0;
    erlang:"spawn"/1 (fun) => raw spawn_1;
    erlang:"spawn"/3 (module, function, args) => raw spawn_3;
    erlang:"spawn_link"/1 (fun) => raw spawn_link_1;
    erlang:"spawn_link"/3 (module, function, args) => raw spawn_link_3;
    erlang:"spawn_opt"/4 (module, function, args, options) => raw spawn_opt_4;
    erts_internal:"spawn_request"/4 (module, function, args, options) => raw spawn_request_4;
    erlang:"spawn_request_abandon"/1 (request) => raw spawn_request_abandon_1;
    erts_internal:"dist_spawn_request"/4 (node, mfa, options, kind) => raw dist_spawn_request_4;
    erlang:"map_size"/1 (map) => raw map_size_1;
    erlang:"bit_size"/1 (term) => raw bit_size_1;
    erlang:"byte_size"/1 (term) => raw byte_size_1;
    erlang:"split_binary"/2 (binary, position) => heap binary::split_binary_2;
    erlang:"binary_to_list"/3 (binary, start, stop) => heap binary::binary_to_list_3;
    erlang:"iolist_to_iovec"/1 (iolist) => heap binary::iolist_to_iovec_1;
    erlang:"float_to_list"/2 (float, options) => heap float_text::float_to_list_2;
    erlang:"float_to_binary"/2 (float, options) => heap float_text::float_to_binary_2;
    erlang:"bitstring_to_list"/1 (bitstring) => heap binary::bitstring_to_list_1;
    erlang:"list_to_float"/1 (list) => heap float_text::list_to_float_1;
    erlang:"binary_to_float"/1 (binary) => heap float_text::binary_to_float_1;
    erlang:"integer_to_binary"/1 (integer) => heap int_text::integer_to_binary_1;
    erlang:"integer_to_binary"/2 (integer, base) => heap int_text::integer_to_binary_2;
    erlang:"binary_to_integer"/1 (binary) => heap int_text::binary_to_integer_1;
    erlang:"binary_to_integer"/2 (binary, base) => heap int_text::binary_to_integer_2;
    erlang:"crc32"/1 (data) => pure checksum::crc32_1;
    erlang:"crc32"/2 (old, data) => pure checksum::crc32_2;
    erlang:"crc32_combine"/3 (crc1, crc2, len2) => pure checksum::crc32_combine_3;
    erlang:"adler32"/1 (data) => pure checksum::adler32_1;
    erlang:"adler32"/2 (old, data) => pure checksum::adler32_2;
    erlang:"adler32_combine"/3 (adler1, adler2, len2) => pure checksum::adler32_combine_3;
    erlang:"md5"/1 (data) => heap checksum::md5_1;
    erlang:"md5_init"/0 () => heap checksum::md5_init_0;
    erlang:"md5_update"/2 (context, data) => heap checksum::md5_update_2;
    erlang:"md5_final"/1 (context) => heap checksum::md5_final_1;
    erlang:"term_to_binary"/1 (term) => long_term external::term_to_binary_1;
    erlang:"term_to_binary"/2 (term, options) => long_term external::term_to_binary_2;
    erlang:"term_to_iovec"/1 (term) => long_term external::term_to_iovec_1;
    erlang:"term_to_iovec"/2 (term, options) => long_term external::term_to_iovec_2;
    erlang:"binary_to_term"/1 (binary) => long_binary external::binary_to_term_1;
    erlang:"binary_to_term"/2 (binary, options) => long_binary external::binary_to_term_2;
    erlang:"external_size"/1 (term) => pure external::external_size_1;
    erlang:"external_size"/2 (term, options) => pure external::external_size_2;
    erlang:"append"/2 (front, back) => heap list::append_2;
    erlang:"subtract"/2 (minuend, subtrahend) => heap list::subtract_2;
    erlang:"binary_part"/2 (binary, range) => heap binary::binary_part_2;
    erlang:"binary_part"/3 (binary, start, length) => heap binary::binary_part_3;
    erlang:"list_to_bitstring"/1 (list) => heap binary::list_to_bitstring_1;
    erlang:"binary_to_atom"/2 (binary, encoding) => pure atom::binary_to_atom_2;
    erlang:"binary_to_existing_atom"/2 (binary, encoding) => pure atom::binary_to_existing_atom_2;
    erlang:"delete_element"/2 (index, tuple) => heap tuple::delete_element_2;
    erlang:"insert_element"/3 (index, tuple, element) => heap tuple::insert_element_3;
    erlang:"size"/1 (term) => pure tuple::size_1;
    erlang:"is_port"/1 (term) => pure types::is_port_1;
    erlang:"is_reference"/1 (term) => pure types::is_reference_1;
    erlang:"is_record"/2 (term, tag) => pure types::is_record_2;
    erlang:"is_record"/3 (term, tag, size) => pure types::is_record_3;
    erlang:"phash2"/1 (term) => pure types::phash2_1;
    erlang:"phash2"/2 (term, range) => pure types::phash2_2;
}
