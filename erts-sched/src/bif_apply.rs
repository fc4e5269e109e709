//! BIFs called through `apply/3` or `fun erlang:F/A`, where compiled code
//! expects an Erlang function of the uniform prototype. The runtime finds
//! the BIF in its table (`bif::lookup`), puts the BIF's address after the
//! arguments (as a closure's captured values go) and hands back the caller
//! of that arity below, which passes the arguments to the BIF.

use erts_core::abi::NON_VALUE;
use erts_core::{Atom, Term};

use crate::process::{ErlangFn, FnResult, Process};

/// The BIF `module:function/arity` as code compiled code can call, and
/// the word that must follow the `arity` arguments in the registers (the
/// BIF's address, as a small integer so the word is a term whatever looks
/// at it).
pub fn caller(module: Atom, function: Atom, arity: u64) -> Option<(*const u8, Term)> {
    let caller = *CALLERS.get(arity as usize)?;
    let address = crate::bif::lookup(module, function, arity as u32)?;
    Some((caller as *const u8, Term::small(address as i64)?))
}

/// The callers, by arity (the widest BIF takes 4 arguments).
const CALLERS: [ErlangFn; 5] = [call_0, call_1, call_2, call_3, call_4];

/// The address stored after the arguments: in a native argument when
/// there are fewer than `abi::X_ARGUMENTS` arguments, else in the array.
fn bif_address(process: &Process, arity: usize, x0: u64, x1: u64) -> usize {
    let word = match arity {
        0 => x0,
        1 => x1,
        _ => process.registers[arity],
    };
    // SAFETY: `caller` gave a small integer there.
    let term = unsafe { Term::from_bits(word) };
    term.as_small().expect("a BIF address") as usize
}

/// Calls the BIF `caller` set up for a call of `arity` arguments and
/// returns its result as an Erlang function does; a failed BIF has
/// recorded its exception, and `NON_VALUE` unwinds.
///
/// # Safety
///
/// Called from a caller below, by compiled code after `caller`.
unsafe fn call(
    process: *mut Process,
    sp: *mut u64,
    reds: i64,
    arity: usize,
    x0: u64,
    x1: u64,
) -> FnResult {
    // SAFETY: compiled code passes its own running process.
    let running = unsafe { &mut *process };
    running.sp = sp;
    // The arguments go by value; the BIF keeps them as its own roots.
    running.live = 0;
    let address = bif_address(running, arity, x0, x1);
    let r = &running.registers;
    type Word = u64;
    // SAFETY: (all arms) `caller` found this address in the BIF table for
    // a BIF of this arity; the arguments are the call's valid terms.
    let result = unsafe {
        match arity {
            0 => std::mem::transmute::<usize, unsafe extern "C" fn(*mut Process) -> Word>(address)(
                process,
            ),
            1 => std::mem::transmute::<usize, unsafe extern "C" fn(*mut Process, Word) -> Word>(
                address,
            )(process, x0),
            2 => {
                std::mem::transmute::<usize, unsafe extern "C" fn(*mut Process, Word, Word) -> Word>(
                    address,
                )(process, x0, x1)
            }
            3 => {
                let x2 = r[2];
                std::mem::transmute::<
                    usize,
                    unsafe extern "C" fn(*mut Process, Word, Word, Word) -> Word,
                >(address)(process, x0, x1, x2)
            }
            _ => {
                let (x2, x3) = (r[2], r[3]);
                std::mem::transmute::<
                    usize,
                    unsafe extern "C" fn(*mut Process, Word, Word, Word, Word) -> Word,
                >(address)(process, x0, x1, x2, x3)
            }
        }
    };
    FnResult {
        x0: result,
        reds: if result == NON_VALUE { reds } else { reds - 1 },
    }
}

macro_rules! caller {
    ($($name:ident = $arity:literal),*) => {$(
        /// # Safety
        ///
        /// Called by compiled code as an Erlang function, after `caller`.
        unsafe extern "C" fn $name(
            process: *mut Process,
            sp: *mut u64,
            reds: i64,
            _entry: u32,
            x0: u64,
            x1: u64,
        ) -> FnResult {
            // SAFETY: forwarded from compiled code.
            unsafe { call(process, sp, reds, $arity, x0, x1) }
        }
    )*};
}

caller!(call_0 = 0, call_1 = 1, call_2 = 2, call_3 = 3, call_4 = 4);
