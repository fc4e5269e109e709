//! Built-in functions, one module per Erlang module. Each is exported under
//! `erts_core::abi::bif_symbol`'s name with the BIF calling convention:
//! the process and the arguments in, a term or `NON_VALUE` (the exception
//! recorded in the process) out.
//!
//! Most BIFs are `erts_core::bif` functions, exported by [`bif!`]; the
//! ones written here are those that need the process itself (raising,
//! output).

mod atomics;
mod binary;
pub(crate) mod date_time;
mod dictionary;
mod distribution;
mod erlang;
mod ets;
mod ets_select;
mod file_names;
pub(crate) mod heap;
mod io;
mod lists;
mod maps;
mod maps_more;
mod math;
mod ports;
mod process;
mod process_info;
mod re;
mod string;
mod system;
mod time;
mod unicode;

use std::collections::HashMap;
use std::sync::OnceLock;

use erts_core::abi::NON_VALUE;
use erts_core::bif::BifError;
use erts_core::{Atom, Term};

use crate::exception::{BifFrame, Class, Exception, TopFrame};
use crate::process::{ErlangFn, Process, Stop};

/// Records `exception` in `process` and returns `NON_VALUE`.
fn raise(process: &mut Process, exception: Exception) -> u64 {
    process.exception = Some(Box::new(exception));
    process.stop = Stop::Exception;
    NON_VALUE
}

/// What a BIF function returns: a term, or a term or the exception to
/// raise (a `BifError` from `erts_core::bif`, or any exception from the
/// BIFs that need the process).
trait BifOutcome {
    fn into_result(self) -> Result<Term, Exception>;
}

impl BifOutcome for Term {
    fn into_result(self) -> Result<Term, Exception> {
        Ok(self)
    }
}

impl BifOutcome for Result<Term, BifError> {
    fn into_result(self) -> Result<Term, Exception> {
        self.map_err(|error| Exception::error(Term::atom(error.reason())))
    }
}

impl BifOutcome for Result<Term, Exception> {
    fn into_result(self) -> Result<Term, Exception> {
        self
    }
}

/// Keeps the argument words of the BIF about to run as roots of the
/// process's collections, for [`finish_bif`].
fn hold_arguments(process: &mut Process, words: &[u64]) {
    let slots = process.registers.bif_arguments();
    let arity = words.len().min(slots.len());
    slots[..arity].copy_from_slice(&words[..arity]);
    process.bif_arity = arity as u8;
}

/// The arguments [`hold_arguments`] kept, as terms.
fn held_arguments(process: &mut Process, arity: usize) -> Vec<Term> {
    process.registers.bif_arguments()[..arity]
        .iter()
        // SAFETY: compiled code passed valid terms, kept up to date by
        // every collection since.
        .map(|word| unsafe { Term::from_bits(*word) })
        .collect()
}

/// The word the BIF `module:name` returns to compiled code for `outcome`:
/// the term, or `NON_VALUE` with the exception recorded in `process`. An
/// error the BIF raised gets BEAM's first stack trace entry, the BIF with
/// the arguments [`hold_arguments`] kept (moved by any collection since).
fn finish_bif(process: &mut Process, outcome: impl BifOutcome, module: &str, name: &str) -> u64 {
    let arity = std::mem::take(&mut process.bif_arity) as usize;
    match outcome.into_result() {
        Ok(term) => term.bits(),
        Err(mut exception) => {
            let arguments = held_arguments(process, arity);
            show_bif(&mut exception, module, name, &arguments);
            raise(process, exception)
        }
    }
}

/// [`finish_bif`] for a `raw` BIF, which returned `word` having recorded
/// any exception itself.
fn finish_raw_bif(process: &mut Process, word: u64, module: &str, name: &str) -> u64 {
    let arity = std::mem::take(&mut process.bif_arity) as usize;
    if word == NON_VALUE && process.stop == Stop::Exception {
        let arguments = held_arguments(process, arity);
        if let Some(exception) = &mut process.exception {
            show_bif(exception, module, name, &arguments);
        }
    }
    word
}

/// Gives an error the BIF `module:name` raised BEAM's first stack trace
/// entry: the BIF with its `arguments`.
fn show_bif(exception: &mut Exception, module: &str, name: &str, arguments: &[Term]) {
    let fails_itself = exception.class == Class::Error
        && exception.top.is_none()
        && exception.trace.is_none()
        && !raises_on_purpose(module, name);
    let (true, Ok(module_atom), Ok(function)) =
        (fails_itself, Atom::intern(module), Atom::intern(name))
    else {
        return;
    };
    let mut held = [Term::NIL; 4];
    let arity = arguments.len().min(held.len());
    held[..arity].copy_from_slice(&arguments[..arity]);
    exception.top = Some(TopFrame::Bif(Box::new(BifFrame {
        module: module_atom,
        function,
        arity: arity as u8,
        arguments: held,
        error_module: error_module(module),
        cause: exception.cause,
    })));
}

/// The BIFs whose exceptions are their purpose (`erlang:error/1`): the
/// stack trace starts at their caller.
fn raises_on_purpose(module: &str, name: &str) -> bool {
    module == "erlang" && matches!(name, "error" | "nif_error" | "raise" | "throw" | "exit")
}

/// The module BEAM names in a BIF error's `error_info`: the one that
/// explains errors of the BIF's module.
fn error_module(module: &str) -> Atom {
    let name = match module {
        "erlang" | "erts_internal" | "persistent_term" | "atomics" | "counters" => {
            "erl_erts_errors"
        }
        "os" | "file" | "code" | "inet" => "erl_kernel_errors",
        _ => "erl_stdlib_errors",
    };
    Atom::intern(name).unwrap_or(Atom::ERLANG)
}

/// The atom `name` as a term (`system_limit` when the atom table is full).
fn atom(name: &str) -> Result<Term, Exception> {
    Atom::intern(name)
        .map(Term::atom)
        .map_err(|_| Exception::system_limit())
}

/// The text of a flat list of code points; `None` for anything else.
///
/// # Safety
///
/// `list` is a valid term.
unsafe fn char_list_text(list: Term) -> Option<String> {
    let mut text = String::new();
    let mut rest = list;
    // SAFETY: forwarded from the caller; every tail is valid.
    while let (Some(head), Some(tail)) = (unsafe { rest.head() }, unsafe { rest.tail() }) {
        text.push(char::from_u32(u32::try_from(head.as_small()?).ok()?)?);
        rest = tail;
    }
    (rest == Term::NIL).then_some(text)
}

/// A BIF the runtime implements, for calls whose target is known only at
/// run time (`apply/3`, `fun erlang:length/1`).
pub struct BifEntry {
    pub module: &'static str,
    pub name: &'static str,
    pub arity: u32,
    /// The `extern "C"` function, taking the process and `arity` terms.
    pub address: *const (),
    /// For a long BIF, the Erlang function (uniform prototype) that runs
    /// it as suspendable long work (`crate::long_work`).
    pub long: Option<ErlangFn>,
}

// SAFETY: the address is of a function, immutable code.
unsafe impl Sync for BifEntry {}

/// Defines a file's BIFs and their table, `BIFS`, one line per BIF:
///
/// ```text
/// erlang:"element"/2 (index, tuple) => pure tuple::element_2;
/// erlang:"setelement"/3 (index, tuple, value) => heap tuple::setelement_3;
/// erlang:"self"/0 () => process self_0;
/// ```
///
/// Each becomes an `extern "C"` function exported as `abi::bif_symbol`'s
/// name. A `pure` function takes the argument terms and returns a
/// [`BifOutcome`]; with `heap` it gets the process heap first (a
/// [`heap::ProcessHeap`]) and may collect; with `process` it gets the
/// running process itself; with `raw`, the process pointer and the words
/// as compiled code passes them. A `long_*` function is a `heap` one that
/// also takes an `erts_core::budget::Budget` (after the heap): its work
/// grows with its input, so compiled code calls it as an Erlang function
/// that can suspend it part-way (`crate::long_work`), exported under the
/// Erlang function's symbol; the BIF-convention export runs it to the end.
/// The kind says which first argument is small enough to run at once:
/// `long_term` a term of few terms, `long_binary` a short binary,
/// `long_list` a short list (`erts_core::budget::is_quick_*`).
macro_rules! bifs {
    ($($module:ident : $name:literal / $arity:literal ($($arg:ident),*) => $kind:ident $function:path;)*) => {
        pub(super) static BIFS: &[$crate::bif::BifEntry] = &[$(
            $crate::bif::BifEntry {
                module: stringify!($module),
                name: $name,
                arity: $arity,
                address: $crate::bif::bifs!(@export $module $name $arity ($($arg),*) $kind $function),
                long: $crate::bif::bifs!(@long $module $name $arity ($($arg),*) $kind $function),
            }
        ),*];
    };
    (@long $module:ident $name:literal $arity:literal ($($arg:ident),*) long_term $function:path) => {
        $crate::bif::bifs!(@long_with erts_core::budget::is_quick_term, $module $name $arity ($($arg),*) $function)
    };
    (@long $module:ident $name:literal $arity:literal ($($arg:ident),*) long_binary $function:path) => {
        $crate::bif::bifs!(@long_with erts_core::budget::is_quick_binary, $module $name $arity ($($arg),*) $function)
    };
    (@long $module:ident $name:literal $arity:literal ($($arg:ident),*) long_list $function:path) => {
        $crate::bif::bifs!(@long_with erts_core::budget::is_quick_list, $module $name $arity ($($arg),*) $function)
    };
    (@long_with $quick:path, $module:ident $name:literal $arity:literal ($($arg:ident),*) $function:path) => {{
        /// The long BIF's body, for `long_work::run`.
        ///
        /// # Safety
        ///
        /// `process` is the running process (`sp` and `live` stored) and
        /// `words` are its `arity` valid argument terms.
        unsafe fn body(
            process: *mut Process,
            words: &[u64],
            budget: &mut dyn erts_core::budget::Budget,
        ) -> u64 {
            // SAFETY: forwarded from the caller.
            let process = unsafe { &mut *process };
            $crate::bif::hold_arguments(process, words);
            let mut heap = $crate::bif::heap::ProcessHeap::new(process);
            let mut words = words.iter().copied();
            // SAFETY: `run` passes exactly `arity` valid terms, which only
            // the BIF holds from here on; the heap is theirs.
            let outcome = unsafe {
                $function(
                    &mut heap,
                    budget,
                    $(Term::from_bits({ let $arg = words.next().unwrap_or(0); $arg })),*
                )
            };
            $crate::bif::finish_bif(heap.process(), outcome, stringify!($module), $name)
        }
        /// # Safety
        ///
        /// Called as an Erlang function by compiled code (or the
        /// trampoline) with its running process and valid terms.
        #[unsafe(export_name = concat!(
            stringify!($module), ":", $name, "/", stringify!($arity)
        ))]
        unsafe extern "C" fn erlang_function(
            process: *mut Process,
            sp: *mut u64,
            reds: i64,
            _entry: u32,
            x0: u64,
            x1: u64,
        ) -> $crate::process::FnResult {
            static BIF: $crate::long_work::LongBif = $crate::long_work::LongBif {
                arity: $arity,
                quick: $quick,
                body,
            };
            // SAFETY: forwarded from the caller.
            unsafe { $crate::long_work::run(process, sp, reds, x0, x1, &BIF) }
        }
        Some(erlang_function as $crate::process::ErlangFn)
    }};
    (@long $module:ident $name:literal $arity:literal ($($arg:ident),*) $kind:ident $function:path) => {
        None
    };
    (@export $module:ident $name:literal $arity:literal ($($arg:ident),*) long_term $function:path) => {
        $crate::bif::bifs!(@export_long $module $name $arity ($($arg),*) $function)
    };
    (@export $module:ident $name:literal $arity:literal ($($arg:ident),*) long_binary $function:path) => {
        $crate::bif::bifs!(@export_long $module $name $arity ($($arg),*) $function)
    };
    (@export $module:ident $name:literal $arity:literal ($($arg:ident),*) long_list $function:path) => {
        $crate::bif::bifs!(@export_long $module $name $arity ($($arg),*) $function)
    };
    (@export_long $module:ident $name:literal $arity:literal ($($arg:ident),*) $function:path) => {
        $crate::bif::bifs!(@export_heap $module $name $arity ($($arg),*) $function, (&mut erts_core::budget::Unlimited))
    };
    (@export $module:ident $name:literal $arity:literal ($($arg:ident),*) heap $function:path) => {
        $crate::bif::bifs!(@export_heap $module $name $arity ($($arg),*) $function, ())
    };
    (@export_heap $module:ident $name:literal $arity:literal ($($arg:ident),*) $function:path, ($($extra:expr),*)) => {{
        /// # Safety
        ///
        /// Called by compiled code with its running process (`sp` and
        /// `live` stored) and valid terms.
        #[unsafe(export_name = concat!(
            "earts_bif:", stringify!($module), ":", $name, "/", stringify!($arity)
        ))]
        unsafe extern "C" fn bif(process: *mut Process, $($arg: u64),*) -> u64 {
            // SAFETY: compiled code passes its own running process.
            let process = unsafe { &mut *process };
            $crate::bif::hold_arguments(process, &[$($arg),*]);
            let mut heap = $crate::bif::heap::ProcessHeap::new(process);
            // SAFETY: compiled code passes valid terms, which only the
            // BIF holds from here on; the heap is theirs.
            let outcome = unsafe { $function(&mut heap, $($extra,)* $(Term::from_bits($arg)),*) };
            $crate::bif::finish_bif(heap.process(), outcome, stringify!($module), $name)
        }
        bif as *const ()
    }};
    (@export $module:ident $name:literal $arity:literal ($($arg:ident),*) process $function:path) => {{
        /// # Safety
        ///
        /// Called by compiled code with its running process (`sp` and
        /// `live` stored) and valid terms.
        #[unsafe(export_name = concat!(
            "earts_bif:", stringify!($module), ":", $name, "/", stringify!($arity)
        ))]
        unsafe extern "C" fn bif(process: *mut Process, $($arg: u64),*) -> u64 {
            // SAFETY: compiled code passes its own running process.
            let process = unsafe { &mut *process };
            $crate::bif::hold_arguments(process, &[$($arg),*]);
            // SAFETY: compiled code passes valid terms.
            #[allow(unused_unsafe)]
            let outcome = unsafe { $function(process, $(Term::from_bits($arg)),*) };
            $crate::bif::finish_bif(process, outcome, stringify!($module), $name)
        }
        bif as *const ()
    }};
    (@export $module:ident $name:literal $arity:literal ($($arg:ident),*) raw $function:path) => {{
        /// # Safety
        ///
        /// Called by compiled code with its running process (`sp` and
        /// `live` stored) and valid terms.
        #[unsafe(export_name = concat!(
            "earts_bif:", stringify!($module), ":", $name, "/", stringify!($arity)
        ))]
        unsafe extern "C" fn bif(process: *mut Process, $($arg: u64),*) -> u64 {
            // SAFETY: compiled code passes its own running process.
            $crate::bif::hold_arguments(unsafe { &mut *process }, &[$($arg),*]);
            // SAFETY: forwarded from compiled code.
            let word = unsafe { $function(process, $($arg),*) };
            // SAFETY: as above; the BIF is done with the process.
            $crate::bif::finish_raw_bif(unsafe { &mut *process }, word, stringify!($module), $name)
        }
        bif as *const ()
    }};
    (@export $module:ident $name:literal $arity:literal ($($arg:ident),*) pure $function:path) => {{
        /// # Safety
        ///
        /// Called by compiled code with its running process and valid
        /// terms.
        #[unsafe(export_name = concat!(
            "earts_bif:", stringify!($module), ":", $name, "/", stringify!($arity)
        ))]
        unsafe extern "C" fn bif(process: *mut Process, $($arg: u64),*) -> u64 {
            // SAFETY: compiled code passes valid terms, and the BIF does
            // not allocate.
            let outcome = unsafe { $function($(Term::from_bits($arg)),*) };
            // SAFETY: compiled code passes its own running process.
            let process = unsafe { &mut *process };
            let outcome = $crate::bif::BifOutcome::into_result(outcome);
            if outcome.is_err() {
                $crate::bif::hold_arguments(process, &[$($arg),*]);
            }
            $crate::bif::finish_bif(process, outcome, stringify!($module), $name)
        }
        bif as *const ()
    }};
}

pub(crate) use bifs;

/// Every file's table.
fn tables() -> [&'static [BifEntry]; 22] {
    [
        erlang::BIFS,
        maps_more::BIFS,
        process_info::BIFS,
        dictionary::BIFS,
        time::BIFS,
        date_time::BIFS,
        math::BIFS,
        string::BIFS,
        lists::BIFS,
        maps::BIFS,
        binary::BIFS,
        unicode::BIFS,
        process::BIFS,
        io::BIFS,
        system::BIFS,
        ets::BIFS,
        ets_select::BIFS,
        atomics::BIFS,
        distribution::BIFS,
        file_names::BIFS,
        ports::BIFS,
        re::BIFS,
    ]
}

/// The BIF `module:function/arity`, if the runtime has it.
fn entry(module: Atom, function: Atom, arity: u32) -> Option<&'static BifEntry> {
    static TABLE: OnceLock<HashMap<(Atom, Atom, u32), &'static BifEntry>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut table = HashMap::new();
        for entry in tables().into_iter().flatten() {
            let (Ok(module), Ok(name)) = (Atom::intern(entry.module), Atom::intern(entry.name))
            else {
                continue;
            };
            table.insert((module, name, entry.arity), entry);
        }
        table
    });
    table.get(&(module, function, arity)).copied()
}

/// The address of the BIF `module:function/arity`, if the runtime has it.
pub fn lookup(module: Atom, function: Atom, arity: u32) -> Option<*const ()> {
    entry(module, function, arity).map(|entry| entry.address)
}

/// The Erlang function that runs the long BIF `module:function/arity`
/// as suspendable work, if it is one.
pub fn long_function(module: Atom, function: Atom, arity: u32) -> Option<ErlangFn> {
    entry(module, function, arity)?.long
}

#[cfg(test)]
mod tests {
    /// Prints every BIF the runtime implements, one `bif M:F/A` a line
    /// (seen with `--nocapture`; `scripts/bif-census` compares them with
    /// OTP's list), and checks that no BIF is listed twice.
    #[test]
    fn lists_every_bif_once() {
        let mut bifs: Vec<String> = super::tables()
            .into_iter()
            .flatten()
            .map(|entry| format!("{}:{}/{}", entry.module, entry.name, entry.arity))
            .collect();
        bifs.sort();
        for bif in &bifs {
            println!("bif {bif}");
        }
        let n_listed = bifs.len();
        bifs.dedup();
        assert_eq!(bifs.len(), n_listed, "a BIF is in two tables");
    }

    /// The compiler calls a BIF as an Erlang function exactly when it is
    /// in `abi::BIFS_AS_FUNCTIONS`, so every long BIF must be there, and
    /// every name there must be a function the runtime has.
    #[test]
    fn long_bifs_are_the_functions_the_compiler_calls() {
        let as_functions = erts_core::abi::BIFS_AS_FUNCTIONS;
        for entry in super::tables().into_iter().flatten() {
            let name = format!("{}:{}/{}", entry.module, entry.name, entry.arity);
            assert_eq!(
                entry.long.is_some(),
                as_functions.contains(&name.as_str()),
                "{name}"
            );
        }
        for name in as_functions {
            let (module, rest) = name.split_once(':').expect("module:function/arity");
            let (function, arity) = rest.rsplit_once('/').expect("function/arity");
            let atom = |text: &str| erts_core::Atom::intern(text).expect("a short atom");
            let arity = arity.parse().expect("an arity");
            assert!(
                crate::runtime_functions::lookup(atom(module), atom(function), arity).is_some(),
                "{name} has no function"
            );
        }
    }
}
