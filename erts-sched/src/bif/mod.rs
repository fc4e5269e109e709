//! Built-in functions, one module per Erlang module. Each is exported under
//! `erts_core::abi::bif_symbol`'s name with the BIF calling convention:
//! the process and the arguments in, a term or `NON_VALUE` (the exception
//! recorded in the process) out.
//!
//! Most BIFs are `erts_core::bif` functions, exported by [`bif!`]; the
//! ones written here are those that need the process itself (raising,
//! output).

mod binary;
mod erlang;
pub(crate) mod heap;
mod lists;
mod maps;
mod math;
mod string;
mod unicode;

use erts_core::abi::NON_VALUE;
use erts_core::bif::BifError;
use erts_core::Term;

use crate::exception::Exception;
use crate::process::{Process, Stop};

/// Records `exception` in `process` and returns `NON_VALUE`.
fn raise(process: &mut Process, exception: Exception) -> u64 {
    process.exception = Some(exception);
    process.stop = Stop::Exception;
    NON_VALUE
}

/// What an `erts_core::bif` function returns: a term, or a term or the
/// exception to raise.
trait BifOutcome {
    fn into_result(self) -> Result<Term, BifError>;
}

impl BifOutcome for Term {
    fn into_result(self) -> Result<Term, BifError> {
        Ok(self)
    }
}

impl BifOutcome for Result<Term, BifError> {
    fn into_result(self) -> Result<Term, BifError> {
        self
    }
}

/// The word a BIF returns to compiled code for `outcome`: the term, or
/// `NON_VALUE` with the exception recorded in `process`.
fn finish(process: &mut Process, outcome: impl BifOutcome) -> u64 {
    match outcome.into_result() {
        Ok(term) => term.bits(),
        Err(error) => raise(process, Exception::error(Term::atom(error.reason()))),
    }
}

/// Exports an `erts_core::bif` function as the BIF `module:name/arity`,
/// e.g. `bif!(erlang:"element"/2 (index, tuple) => tuple::element_2);`.
/// With `heap` before the function, it gets the process heap first
/// (a [`heap::ProcessHeap`]) and may collect.
macro_rules! bif {
    ($module:ident : $name:literal / $arity:literal ($($arg:ident),*) => heap $function:path) => {
        const _: () = {
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
                let mut heap = $crate::bif::heap::ProcessHeap::new(process);
                // SAFETY: compiled code passes valid terms, which only the
                // BIF holds from here on; the heap is theirs.
                let outcome = unsafe { $function(&mut heap, $(Term::from_bits($arg)),*) };
                $crate::bif::finish(heap.process(), outcome)
            }
        };
    };
    ($module:ident : $name:literal / $arity:literal ($($arg:ident),*) => $function:path) => {
        const _: () = {
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
                $crate::bif::finish(unsafe { &mut *process }, outcome)
            }
        };
    };
}

pub(crate) use bif;
