//! Calling funs and `apply`: finding the code to call and checking the
//! call, for compiled code (`erts_core::abi`'s `earts_prepare_fun_call`,
//! `earts_resolve_apply`, `earts_fun_arity`).

use std::collections::HashMap;
use std::sync::OnceLock;

use erts_core::abi::{self, ExportEntry, FunEntry, Location};
use erts_core::{build, Atom, Term};

use crate::exception::Exception;
use crate::process::Process;

/// The program's exported functions by (module, function, arity) atom
/// words, set once at startup.
static EXPORTS: OnceLock<HashMap<(u64, u64, u64), &'static ExportEntry>> = OnceLock::new();

/// Registers the program's export table.
pub fn register_exports(exports: &'static [ExportEntry]) {
    let table = exports
        .iter()
        .map(|e| ((e.module, e.function, e.arity), e))
        .collect();
    let _ = EXPORTS.set(table);
}

fn lookup(module: Term, function: Term, arity: u64) -> Option<*const u8> {
    let exports = EXPORTS.get()?;
    exports
        .get(&(module.bits(), function.bits(), arity))
        .map(|e| e.code)
}

/// The code of `module:function/arity`, an exported Erlang function or a
/// BIF, and what goes after the arguments (a BIF's address).
fn code_of(module: Atom, function: Atom, arity: u64) -> Option<(*const u8, Option<Term>)> {
    if let Some(code) = lookup(Term::atom(module), Term::atom(function), arity)
        .or_else(|| crate::runtime_functions::lookup(module, function, arity))
    {
        return Some((code, None));
    }
    crate::bif_apply::caller(module, function, arity).map(|(code, address)| (code, Some(address)))
}

/// As [`code_of`], with the BIF's address put after the arguments; raises
/// `undef` when there is no such function.
fn prepare_call(process: &mut Process, module: Atom, function: Atom, arity: u64) -> *const u8 {
    match code_of(module, function, arity) {
        Some((code, extra)) => {
            if let Some(extra) = extra {
                process.registers[arity as usize] = extra.bits();
            }
            code
        }
        None => {
            let arguments = crate::catching::arguments_list(process, arity as usize);
            let exception = Exception {
                top: Some(crate::exception::TopFrame::Missing {
                    module,
                    function,
                    arguments,
                }),
                ..Exception::error(Term::atom(Atom::UNDEF))
            };
            fail(process, exception)
        }
    }
}

/// The code of the exported `module:function/arity`, if the program has it.
pub fn export_code(module: Term, function: Term, arity: u64) -> Option<*const u8> {
    lookup(module, function, arity)
}

/// The module and name of the exported function whose code is `code`.
pub fn export_of(code: *const u8) -> Option<(Atom, Atom)> {
    let exports = EXPORTS.get()?;
    let entry = exports.values().find(|e| e.code == code)?;
    // SAFETY: the compiler writes atom words in the export table.
    let (module, function) = unsafe {
        (
            Term::from_bits(entry.module),
            Term::from_bits(entry.function),
        )
    };
    Some((module.as_atom()?, function.as_atom()?))
}

/// Whether the program has module `module` (any exported function).
pub fn has_module(module: Atom) -> bool {
    let module = Term::atom(module).bits();
    EXPORTS
        .get()
        .is_some_and(|exports| exports.keys().any(|(m, _, _)| *m == module))
}

/// What a fun is, for a call.
enum Fun {
    Closure(&'static FunEntry, Vec<Term>),
    Export(Atom, Atom, u64),
}

/// # Safety
///
/// `term` is a valid term.
unsafe fn fun_of(term: Term) -> Option<Fun> {
    // SAFETY: forwarded from the caller.
    if let Some((entry, env)) = unsafe { term.fun_parts() } {
        // SAFETY: compiled code writes a pointer to a constant `FunEntry`
        // as a closure's entry word.
        let entry = unsafe { &*(entry as *const FunEntry) };
        return Some(Fun::Closure(entry, env.to_vec()));
    }
    // SAFETY: forwarded from the caller.
    let (module, function, arity) = unsafe { term.export_parts() }?;
    Some(Fun::Export(module, function, u64::from(arity)))
}

/// # Safety
///
/// Called by compiled code with its process, stack pointer and a valid
/// term; the call's arguments are in the register array.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn earts_prepare_fun_call(
    process: *mut Process,
    sp: *mut u64,
    fun: u64,
    arity: u64,
) -> *const u8 {
    // SAFETY: forwarded from the caller.
    let process = unsafe { &mut *process };
    process.sp = sp;
    // SAFETY: forwarded from the caller.
    let fun = unsafe { Term::from_bits(fun) };
    // SAFETY: forwarded from the caller.
    match unsafe { fun_of(fun) } {
        Some(Fun::Closure(entry, env)) if u64::from(entry.arity) == arity => {
            for (n, value) in env.iter().enumerate() {
                process.registers[arity as usize + n] = value.bits();
            }
            entry.function
        }
        Some(Fun::Export(module, function, export_arity)) if export_arity == arity => {
            prepare_call(process, module, function, arity)
        }
        Some(_) => {
            // {badarity, {Fun, Args}}
            let exception = badarity(process, fun, arity as usize);
            fail(process, exception)
        }
        None => {
            let exception = tagged_error(process, Atom::BADFUN, fun);
            fail(process, exception)
        }
    }
}

/// # Safety
///
/// As [`earts_prepare_fun_call`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn earts_resolve_apply(
    process: *mut Process,
    sp: *mut u64,
    module: u64,
    function: u64,
    arity: u64,
) -> *const u8 {
    // SAFETY: forwarded from the caller.
    let process = unsafe { &mut *process };
    process.sp = sp;
    // SAFETY: forwarded from the caller.
    let (module, function) = unsafe { (Term::from_bits(module), Term::from_bits(function)) };
    match (module.as_atom(), function.as_atom()) {
        (Some(module), Some(function)) => prepare_call(process, module, function, arity),
        _ => fail(process, Exception::badarg()),
    }
}

/// # Safety
///
/// As [`earts_prepare_fun_call`]; the registers hold the module, function
/// and argument list (`apply_arity` 3) or the fun and argument list (2).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn earts_resolve_apply_list(
    process: *mut Process,
    sp: *mut u64,
    apply_arity: u64,
) -> *const u8 {
    // SAFETY: forwarded from the caller.
    let running = unsafe { &mut *process };
    running.sp = sp;
    let registers = &running.registers;
    // SAFETY: compiled code put valid terms there.
    let word = |n: usize| unsafe { Term::from_bits(registers[n]) };
    let (target, list) = match apply_arity {
        3 => ((word(0), Some(word(1))), word(2)),
        _ => ((word(0), None), word(1)),
    };
    let mut arguments = Vec::new();
    let mut rest = list;
    // SAFETY: the list is valid; so is every tail.
    while let (Some(head), Some(tail)) = (unsafe { rest.head() }, unsafe { rest.tail() }) {
        arguments.push(head);
        rest = tail;
    }
    if rest != Term::NIL || arguments.len() >= abi::X_REGISTERS - 8 {
        return fail(running, Exception::badarg());
    }
    for (n, argument) in arguments.iter().enumerate() {
        running.registers[n] = argument.bits();
    }
    let arity = arguments.len() as u64;
    match target {
        (module, Some(function)) => {
            // SAFETY: forwarded from the caller.
            unsafe { earts_resolve_apply(process, sp, module.bits(), function.bits(), arity) }
        }
        // SAFETY: forwarded from the caller.
        (fun, None) => unsafe { earts_prepare_fun_call(process, sp, fun.bits(), arity) },
    }
}

/// A BIF the runtime lacks, in a program built with --allow-undefined:
/// raises `undef` with `{M, F, Args, []}` first in the stack trace.
///
/// # Safety
///
/// Called by a stub BIF with its process, after it stored its arguments
/// in the registers, and `len` bytes of UTF-8 `module:function/arity` at
/// `text`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn earts_undefined_bif(
    process: *mut Process,
    text: *const u8,
    len: u64,
) -> u64 {
    // SAFETY: forwarded from the caller.
    let process = unsafe { &mut *process };
    // SAFETY: as above.
    let text = unsafe { std::slice::from_raw_parts(text, len as usize) };
    let text = std::str::from_utf8(text).unwrap_or("");
    let parsed = text.split_once(':').and_then(|(module, rest)| {
        let (function, arity) = rest.rsplit_once('/')?;
        Some((
            Atom::intern(module).ok()?,
            Atom::intern(function).ok()?,
            arity.parse::<usize>().ok()?,
        ))
    });
    let exception = match parsed {
        Some((module, function, arity)) => {
            // The stub's arguments are the only live registers.
            process.live = arity as u64;
            let arguments = crate::catching::arguments_list(process, arity);
            Exception {
                top: Some(crate::exception::TopFrame::Missing {
                    module,
                    function,
                    arguments,
                }),
                ..Exception::error(Term::atom(Atom::UNDEF))
            }
        }
        None => Exception::error(Term::atom(Atom::UNDEF)),
    };
    fail(process, exception);
    erts_core::abi::NON_VALUE
}

/// # Safety
///
/// `term` is a valid term.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn earts_fun_arity(term: u64) -> i64 {
    // SAFETY: forwarded from the caller.
    match unsafe { fun_of(Term::from_bits(term)) } {
        Some(Fun::Closure(entry, _)) => i64::from(entry.arity),
        Some(Fun::Export(_, _, arity)) => arity as i64,
        None => -1,
    }
}

fn fail(process: &mut Process, mut exception: Exception) -> *const u8 {
    exception.location = None::<&'static Location>;
    process.exception = Some(Box::new(exception));
    process.stop = crate::process::Stop::Exception;
    std::ptr::null()
}

/// `error:{Tag, Value}`.
fn tagged_error(process: &mut Process, tag: Atom, value: Term) -> Exception {
    let mut roots = [value];
    // SAFETY: the value is a root; the arguments in the registers are not
    // needed after a failed call.
    if unsafe { process.ensure_room(3, 0, &mut roots) }.is_err() {
        return Exception::system_limit();
    }
    let reason = process.build(|heap| build::tuple(heap, &[Term::atom(tag), roots[0]]));
    reason.map_or_else(Exception::system_limit, Exception::error)
}

/// `error:{badarity, {Fun, Args}}` with the arguments from the registers.
fn badarity(process: &mut Process, fun: Term, arity: usize) -> Exception {
    let mut roots = vec![fun];
    for word in &process.registers[..arity] {
        // SAFETY: the call's arguments are valid terms in the registers.
        roots.push(unsafe { Term::from_bits(*word) });
    }
    // SAFETY: the fun and arguments are the roots.
    if unsafe { process.ensure_room(2 * arity + 6, 0, &mut roots) }.is_err() {
        return Exception::system_limit();
    }
    let reason = process.build(|heap| {
        let args = build::list(heap, &roots[1..], Term::NIL)?;
        let pair = build::tuple(heap, &[roots[0], args])?;
        build::tuple(heap, &[Term::atom(Atom::BADARITY), pair])
    });
    reason.map_or_else(Exception::system_limit, Exception::error)
}

/// The code a fun of `arity` arguments runs and the values it captured
/// (which go after the arguments), for starting a process with it.
///
/// # Safety
///
/// `fun` is a valid term.
pub unsafe fn code_and_environment(fun: Term, arity: u64) -> Option<(*const u8, Vec<Term>)> {
    // SAFETY: forwarded from the caller.
    match unsafe { fun_of(fun) }? {
        Fun::Closure(entry, env) if u64::from(entry.arity) == arity => Some((entry.function, env)),
        Fun::Export(module, function, export_arity) if export_arity == arity => {
            mfa_code_and_environment(module, function, arity)
        }
        _ => None,
    }
}

/// As [`code_and_environment`], for `module:function/arity`.
pub fn mfa_code_and_environment(
    module: Atom,
    function: Atom,
    arity: u64,
) -> Option<(*const u8, Vec<Term>)> {
    let (code, extra) = code_of(module, function, arity)?;
    Some((code, extra.into_iter().collect()))
}
