//! Catching an exception: the stack trace of where it was raised, the
//! nearest handler on the explicit stack, and what a handler receives.
//!
//! A `try` or `catch` puts a catch tag in a y register of its frame; the
//! tag indexes the program's table of handlers. An exception unwinds the
//! native stack to the trampoline, which looks for the nearest catch tag
//! above the point of the raise and resumes its handler in its frame.

use erts_core::abi::{CatchHandler, Location, ResumePoint};
use erts_core::tag::PRIMARY_MASK;
use erts_core::{build, Atom, Term};

use crate::exception::{BifFrame, Class, Exception, TopFrame};
use crate::process::Process;

/// BEAM keeps this many entries of a stack trace (`backtrace_depth`).
const TRACE_DEPTH: usize = 8;

/// Finds the handler for the process's exception, builds the exception's
/// stack trace, and points the process's stack at the handler's frame.
/// `None` when nothing catches it.
pub fn find_handler(process: &mut Process) -> Option<&'static CatchHandler> {
    if process.exception.as_ref().is_some_and(|e| e.uncatchable) {
        return None;
    }
    if process
        .exception
        .as_ref()
        .is_some_and(|e| e.trace.is_none())
    {
        // SAFETY: the stack from `sp` holds the frames the raise left.
        let trace = unsafe { stack_trace(process) };
        if let Some(exception) = &mut process.exception {
            exception.trace = Some(trace);
        }
    }
    let used = process.stack.used_from(process.sp);
    let (offset, index) = used.iter().enumerate().find_map(|(offset, word)| {
        // SAFETY: stack words are terms, catch tags or resume points.
        let term = unsafe { Term::from_bits(*word) };
        term.as_catch().map(|index| (offset, index))
    })?;
    // SAFETY: compiled code makes a catch tag of the address of a
    // constant handler (8-aligned, shifted past the tag bits).
    let handler = unsafe { &*(index as usize as *const CatchHandler) };
    // SAFETY: the catch tag is in y register `handler.y` of its frame.
    process.sp = unsafe { process.sp.add(offset - handler.y as usize - 1) };
    Some(handler)
}

/// The stack trace of the raise: its location, then each waiting call
/// site above it, as BEAM writes them: `{Module, Function, Arity,
/// [{file, File}, {line, Line}]}`.
///
/// # Safety
///
/// The stack from the process's `sp` holds the frames left by the raise.
unsafe fn stack_trace(process: &mut Process) -> Term {
    let mut locations: Vec<&'static Location> = Vec::new();
    if let Some(location) = process.exception.as_ref().and_then(|e| e.location) {
        locations.push(location);
    }
    for word in process.stack.used_from(process.sp).iter() {
        if locations.len() == TRACE_DEPTH {
            break;
        }
        if word & PRIMARY_MASK != 0 || *word == 0 {
            continue;
        }
        // SAFETY: words tagged 00 on the stack are resume points.
        let point = unsafe { &*(*word as *const ResumePoint) };
        // SAFETY: resume points hold null or a constant location.
        if let Some(location) = unsafe { point.location.as_ref() } {
            locations.push(location);
        }
    }
    // Each location's entry, a `Missing` entry, or a `Bif` entry: its
    // arguments, the entry, `[{error_info, #{module => M}}]` and a cell.
    let words: usize = locations
        .iter()
        .map(|l| 5 + 2 + 3 + 3 + 2 * l.file_len as usize + 4)
        .sum::<usize>()
        + 2 * 4 + 5 + 2 + 3 + 7 + 2 + 7
        // `erlang:error/3`'s information: a longer list, a tuple, an entry.
        + 2 * 3 + 3 + 5;
    // SAFETY: the exception's terms are roots of the collection.
    if unsafe { process.ensure_room(words, 0, &mut []) }.is_err() {
        return Term::NIL;
    }
    // The collection may have moved the arguments.
    let top = process.exception.as_ref().and_then(|e| e.top.clone());
    process
        .build(|heap| {
            let mut trace = Term::NIL;
            for (n, location) in locations.iter().enumerate().rev() {
                let mut entry = location_entry(heap, location)?;
                if let (0, Some(TopFrame::Arguments(arguments))) = (n, &top) {
                    let arguments = *arguments;
                    // SAFETY: just built, a 4-tuple.
                    let elements = unsafe { entry.tuple_elements() }?;
                    entry =
                        build::tuple(heap, &[elements[0], elements[1], arguments, elements[3]])?;
                }
                if let (0, Some(TopFrame::Raised([arguments, error_info]))) = (n, &top) {
                    entry = raised_entry(heap, entry, *arguments, *error_info)?;
                }
                trace = build::cons(heap, entry, trace)?;
            }
            if let Some(TopFrame::Missing {
                module,
                function,
                arguments,
            }) = &top
            {
                let entry = build::tuple(
                    heap,
                    &[
                        Term::atom(*module),
                        Term::atom(*function),
                        *arguments,
                        Term::NIL,
                    ],
                )?;
                trace = build::cons(heap, entry, trace)?;
            }
            if let Some(TopFrame::Bif(frame)) = &top {
                let BifFrame {
                    module,
                    function,
                    arity,
                    arguments,
                    error_module,
                    cause,
                } = **frame;
                let arguments = build::list(heap, &arguments[..arity as usize], Term::NIL)?;
                let module_key = Term::atom(Atom::MODULE);
                // Keys in term order: `cause` before `module`.
                let map = match cause {
                    Some(cause) => {
                        let cause_key = Term::atom(Atom::intern("cause").ok()?);
                        let keys = build::tuple(heap, &[cause_key, module_key])?;
                        let values = [Term::atom(cause), Term::atom(error_module)];
                        build::flat_map(heap, keys, &values)?
                    }
                    None => {
                        let keys = build::tuple(heap, &[module_key])?;
                        build::flat_map(heap, keys, &[Term::atom(error_module)])?
                    }
                };
                let error_info = Term::atom(Atom::intern("error_info").ok()?);
                let error_info = build::tuple(heap, &[error_info, map])?;
                let info = build::list(heap, &[error_info], Term::NIL)?;
                let entry = build::tuple(
                    heap,
                    &[Term::atom(module), Term::atom(function), arguments, info],
                )?;
                trace = build::cons(heap, entry, trace)?;
            }
            Some(trace)
        })
        .unwrap_or(Term::NIL)
}

/// A location's entry as `erlang:error/2,3` asked: `arguments` in place of
/// the arity when they are a list, and `{error_info, ErrorInfo}` after the
/// file and line unless `error_info` is `[]`.
fn raised_entry(
    heap: &mut erts_core::Heap,
    entry: Term,
    arguments: Term,
    error_info: Term,
) -> Option<Term> {
    // SAFETY: a location entry, a 4-tuple just built.
    let [module, function, arity, info] = unsafe { entry.tuple_elements() }?.try_into().ok()?;
    let arity = if arguments.is_list() || arguments.is_nil() {
        arguments
    } else {
        arity
    };
    let info = if error_info.is_nil() {
        info
    } else {
        let mut items = Vec::new();
        let mut rest = info;
        // SAFETY: the entry's information is a proper list just built.
        while let (Some(head), Some(tail)) = unsafe { (rest.head(), rest.tail()) } {
            items.push(head);
            rest = tail;
        }
        let error_info_atom = Term::atom(Atom::intern("error_info").ok()?);
        items.push(build::tuple(heap, &[error_info_atom, error_info])?);
        build::list(heap, &items, Term::NIL)?
    };
    build::tuple(heap, &[module, function, arity, info])
}

/// The first `arity` x registers as a list on the process heap, for a
/// stack trace's first entry (they are live while the list is made).
pub fn arguments_list(process: &mut Process, arity: usize) -> Term {
    // SAFETY: the registers up to `arity` hold the call's arguments.
    if unsafe { process.ensure_room(2 * arity, arity, &mut []) }.is_err() {
        return Term::NIL;
    }
    let arguments: Vec<Term> = process.registers[..arity]
        .iter()
        // SAFETY: as above.
        .map(|word| unsafe { Term::from_bits(*word) })
        .collect();
    process
        .build(|heap| build::list(heap, &arguments, Term::NIL))
        .unwrap_or(Term::NIL)
}

/// `{Module, Function, Arity, [{file, File}, {line, Line}]}`.
pub(crate) fn location_entry(heap: &mut erts_core::Heap, location: &Location) -> Option<Term> {
    // SAFETY: locations hold atom words of registered atoms.
    let (module, function) = unsafe {
        (
            Term::from_bits(location.module),
            Term::from_bits(location.function),
        )
    };
    let arity = Term::small(location.arity as i64)?;
    let mut info = Term::NIL;
    if location.line != 0 {
        // SAFETY: the compiler emits `file_len` bytes of UTF-8 at `file`.
        let file = unsafe { std::slice::from_raw_parts(location.file, location.file_len as usize) };
        let chars: Vec<Term> = String::from_utf8_lossy(file)
            .chars()
            .map(|c| Term::small(c as i64).expect("a char is small"))
            .collect();
        let file = build::list(heap, &chars, Term::NIL)?;
        let file = build::tuple(heap, &[Term::atom(Atom::FILE), file])?;
        let line = build::tuple(
            heap,
            &[Term::atom(Atom::LINE), Term::small(location.line as i64)?],
        )?;
        info = build::list(heap, &[file, line], Term::NIL)?;
    }
    build::tuple(heap, &[module, function, arity, info])
}

/// What `try_case` hands the handler: class, reason and the raw stack
/// trace `{Class, Trace}` (which `raise` and `build_stacktrace` take).
pub fn try_case_values(process: &mut Process) -> [Term; 3] {
    let Some(exception) = process.exception.take() else {
        return [Term::atom(Atom::ERROR), Term::atom(Atom::BADARG), Term::NIL];
    };
    let class = Term::atom(exception.class.atom());
    let trace = exception.trace.unwrap_or(Term::NIL);
    let mut roots = [exception.reason, trace];
    // SAFETY: the reason and trace are the roots; x registers are dead at a
    // handler's start.
    let raw = match unsafe { process.ensure_room(3, 0, &mut roots) } {
        Ok(()) => process
            .build(|heap| build::tuple(heap, &[class, roots[1]]))
            .unwrap_or(Term::NIL),
        Err(_) => Term::NIL,
    };
    [class, roots[0], raw]
}

/// What a `catch` expression evaluates to when it caught an exception.
pub fn catch_value(process: &mut Process) -> Term {
    let Some(exception) = process.exception.take() else {
        return Term::atom(Atom::BADARG);
    };
    let trace = exception.trace.unwrap_or(Term::NIL);
    let mut roots = [exception.reason, trace];
    // SAFETY: the reason and trace are the roots; nothing else is live.
    if unsafe { process.ensure_room(6, 0, &mut roots) }.is_err() {
        return Term::atom(Atom::SYSTEM_LIMIT);
    }
    let [reason, trace] = roots;
    let exit = Term::atom(Atom::EXIT_SIGNAL);
    process
        .build(|heap| match exception.class {
            Class::Throw => Some(reason),
            Class::Exit => build::tuple(heap, &[exit, reason]),
            Class::Error => {
                let inner = build::tuple(heap, &[reason, trace])?;
                build::tuple(heap, &[exit, inner])
            }
        })
        .unwrap_or(Term::atom(Atom::SYSTEM_LIMIT))
}

/// Raises again from a raw stack trace `{Class, Trace}`: the same class
/// and trace with `reason`. A raw trace that is not one raises `badarg`.
///
/// # Safety
///
/// `raw` and `reason` are valid terms.
pub unsafe fn reraise(raw: Term, reason: Term) -> Exception {
    // SAFETY: forwarded from the caller.
    let parts = unsafe { raw.tuple_elements() };
    match parts {
        Some([class, trace]) => match Exception::class_of(*class) {
            Some(class) => Exception {
                trace: Some(*trace),
                ..Exception::new(class, reason)
            },
            None => Exception::badarg(),
        },
        _ => Exception::badarg(),
    }
}

/// The trace list of a raw stack trace.
///
/// # Safety
///
/// `raw` is a valid term.
pub unsafe fn trace_of(raw: Term) -> Term {
    // SAFETY: forwarded from the caller.
    match unsafe { raw.tuple_elements() } {
        Some([_, trace]) => *trace,
        _ => Term::NIL,
    }
}
