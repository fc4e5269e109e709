//! Starting a compiled program: register its atoms, run `main/1` with the
//! command-line arguments as strings, and exit as escript does.

use std::io::Write;

use erts_core::abi::ExportEntry;
use erts_core::{build, Atom, Term};

use crate::display::display;
use crate::process::{ErlangFn, Process};
use crate::scheduler::Scheduler;
use crate::trampoline::Outcome;

/// The program's name and arguments, for `init:get_plain_arguments/0`.
static PROGRAM_ARGUMENTS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();

pub fn program_arguments() -> &'static [String] {
    PROGRAM_ARGUMENTS.get().map_or(&[], Vec::as_slice)
}

/// One of the program's atoms, as the compiler lays them out.
#[repr(C)]
pub struct AtomEntry {
    pub text: *const u8,
    pub len: u64,
}

/// Runs the program; returns the exit status.
///
/// # Safety
///
/// `main` is the compiled `main/1`; `atoms` are the program's atoms in the
/// order the compiler numbered them, each valid UTF-8; `exports` its
/// exported functions; `on_load` the modules' `-on_load` functions.
pub unsafe fn run_program(
    main: ErlangFn,
    atoms: &[AtomEntry],
    exports: &'static [ExportEntry],
    on_load: &[ErlangFn],
    args: &[String],
) -> i32 {
    crate::funs::register_exports(exports);
    let program = std::env::args().next().unwrap_or_default();
    let _ = PROGRAM_ARGUMENTS.set(
        std::iter::once(program)
            .chain(args.iter().cloned())
            .collect(),
    );
    for (n, entry) in atoms.iter().enumerate() {
        // SAFETY: the compiler emits the text and its length.
        let bytes = unsafe { std::slice::from_raw_parts(entry.text, entry.len as usize) };
        let name = std::str::from_utf8(bytes)
            .unwrap_or_else(|_| fatal("an atom of the program is not UTF-8"));
        let atom = Atom::intern(name)
            .unwrap_or_else(|e| fatal(&format!("registering atom {name}: {e:?}")));
        let expected = erts_core::PREDEFINED_ATOMS.len() + n;
        if atom.index() as usize != expected {
            fatal(&format!(
                "atom {name} got index {}, the program expects {expected}",
                atom.index()
            ));
        }
    }
    let mut scheduler = Scheduler::new();
    let group_leader = start_group_leader(&mut scheduler);
    // The modules' `-on_load` functions run first, as loading them would
    // on BEAM (each in a process of its own).
    for function in on_load {
        scheduler
            .spawn(*function, 0, |_| Ok(()), group_leader)
            .unwrap_or_else(|e| fatal(&e));
    }
    let main_pid = match escript_runner(main) {
        // `earts_escript:run(fun M:main/1, Args, Boot)`.
        Some((runner, module, function)) => scheduler.spawn(
            runner,
            3,
            |process| {
                let arg_list = argument_list(process, args);
                let boot = boot_functions();
                let mut roots = [arg_list];
                // SAFETY: the argument list is the only term, a root.
                unsafe { process.ensure_room(4 + 6 * boot.len(), 0, &mut roots) }
                    .map_err(|e| format!("{e:?}"))?;
                let (main_fun, boot_list) = process
                    .build(|heap| {
                        let main_fun = build::export(heap, module, function, 1)?;
                        let mut boot_list = Term::NIL;
                        for &(module, function) in boot.iter().rev() {
                            let start = build::export(heap, module, function, 0)?;
                            boot_list = build::cons(heap, start, boot_list)?;
                        }
                        Some((main_fun, boot_list))
                    })
                    .ok_or("no room for main/1")?;
                process.registers.set_argument(0, main_fun.bits());
                process.registers.set_argument(1, roots[0].bits());
                process.registers.set_argument(2, boot_list.bits());
                Ok(())
            },
            group_leader,
        ),
        None => scheduler.spawn(
            main,
            1,
            |process| {
                let arg_list = argument_list(process, args);
                process.registers.set_argument(0, arg_list.bits());
                Ok(())
            },
            group_leader,
        ),
    }
    .unwrap_or_else(|e| fatal(&e));
    let main_id = main_pid.as_local_pid().expect("a local pid");
    match scheduler.run(main_id) {
        Outcome::Returned => 0,
        Outcome::Raised(exception) => {
            let mut text = String::new();
            // SAFETY: the process ended; its heap still holds the reason.
            unsafe { display(&mut text, exception.reason) };
            let mut stderr = std::io::stderr().lock();
            let _ = writeln!(
                stderr,
                "escript: exception {}: {text}",
                exception.class.name()
            );
            if let Some(location) = exception.location {
                let (module, function) = (atom_name(location.module), atom_name(location.function));
                let _ = writeln!(
                    stderr,
                    "  in function  {module}:{function}/{}",
                    location.arity
                );
            }
            127
        }
    }
}

/// The functions the runner calls before `main/1`, those of the program:
/// `earts_kernel:start/0` (linked with OTP's logger) starts what kernel
/// would have.
fn boot_functions() -> Vec<(Atom, Atom)> {
    [("earts_kernel", "start")]
        .into_iter()
        .filter_map(|(module, function)| {
            let pair = (Atom::intern(module).ok()?, Atom::intern(function).ok()?);
            crate::funs::mfa_code_and_environment(pair.0, pair.1, 0)?;
            Some(pair)
        })
        .collect()
}

/// `earts_escript:run/3`, which runs `main/1` as escript does, and the
/// module and name of `main`; `None` for a program linked without them
/// (then `main/1` runs alone, and this module reports what it raises).
fn escript_runner(main: ErlangFn) -> Option<(ErlangFn, Atom, Atom)> {
    let (module, function) = crate::funs::export_of(main as *const u8)?;
    let runner = (
        Atom::intern("earts_escript").ok()?,
        Atom::intern("run").ok()?,
    );
    let (code, _) = crate::funs::mfa_code_and_environment(runner.0, runner.1, 3)?;
    // SAFETY: the export table holds compiled functions.
    let runner: ErlangFn = unsafe { std::mem::transmute(code) };
    Some((runner, module, function))
}

/// Starts earts' group leader, `earts_group_leader:start/0` (Erlang code
/// the compiler links into every program), the first process to run;
/// `None` for a program linked without it.
fn start_group_leader(scheduler: &mut Scheduler) -> Option<Term> {
    let (module, function) = (
        Atom::intern("earts_group_leader").ok()?,
        Atom::intern("start").ok()?,
    );
    let (code, _) = crate::funs::mfa_code_and_environment(module, function, 0)?;
    // SAFETY: the export table holds compiled functions.
    let start: ErlangFn = unsafe { std::mem::transmute(code) };
    let pid = scheduler
        .spawn(start, 0, |_| Ok(()), None)
        .unwrap_or_else(|e| fatal(&e));
    Some(pid)
}

/// The arguments as a list of strings on the process heap.
fn argument_list(process: &mut Process, args: &[String]) -> Term {
    let words: usize = args.iter().map(|a| 2 * a.chars().count() + 2).sum();
    // SAFETY: a new process holds no terms yet.
    unsafe { process.ensure_room(words, 0, &mut []) }
        .unwrap_or_else(|_| fatal("no room for the arguments"));
    process
        .build(|heap| {
            let mut list = Term::NIL;
            for arg in args.iter().rev() {
                let chars: Vec<Term> = arg
                    .chars()
                    .map(|c| Term::small(c as i64).expect("a char is small"))
                    .collect();
                let string = build::list(heap, &chars, Term::NIL)?;
                list = build::cons(heap, string, list)?;
            }
            Some(list)
        })
        .unwrap_or_else(|| fatal("no room for the arguments"))
}

/// The name of an atom the compiler wrote as a term word.
fn atom_name(word: u64) -> &'static str {
    // SAFETY: locations hold atom words the program registered.
    unsafe { Term::from_bits(word) }
        .as_atom()
        .map_or("?", Atom::name)
}

/// Ends the whole program after an internal error.
pub fn fatal(message: &str) -> ! {
    let _ = writeln!(std::io::stderr(), "earts: {message}");
    std::process::exit(70)
}
