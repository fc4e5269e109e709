//! The x register array of a process (`abi::X_REGISTERS` words, 8 KiB).
//!
//! A process blocked in `receive` has no live x register (the compiler
//! keeps everything a receive needs afterwards in y registers, as BEAM's
//! `wait` relies on), so it gives its array back to a per-thread pool and
//! takes one again when it next runs. An idle process then costs its heap
//! and stack, not 8 KiB more: with a million of them waiting, that is most
//! of their memory.

use std::cell::RefCell;
use std::ops::{Deref, DerefMut};

use erts_core::abi::X_REGISTERS;
use erts_core::Term;

/// The x registers, then the words of the BIF running (kept here, not in
/// the process, so an idle process does not pay for them).
type Array = [u64; X_REGISTERS + BIF_SLOTS];

/// Words for the arguments of the BIF running (see `bif::hold_arguments`).
pub const BIF_SLOTS: usize = 4;

/// Arrays kept for reuse per thread; beyond this many, released arrays
/// are freed.
const POOL_LIMIT: usize = 64;

thread_local! {
    static POOL: RefCell<Vec<Box<Array>>> = const { RefCell::new(Vec::new()) };
}

/// A process's x registers: an array while the process may run, none
/// while it waits in `receive`, nor before it first runs (its arguments
/// wait in `arguments` then: spawning a million processes before any runs
/// would otherwise take 8 KiB each).
pub struct Registers {
    array: Option<Box<Array>>,
    arguments: Box<[u64]>,
}

impl Registers {
    /// Registers holding an array.
    pub fn new() -> Registers {
        Registers {
            array: Some(take_array()),
            arguments: Box::default(),
        }
    }

    /// The registers of a new process: no array until it first runs.
    pub fn for_new_process() -> Registers {
        Registers {
            array: None,
            arguments: Box::default(),
        }
    }

    /// Sets x register `n` of a process that is not running (a new
    /// process's arguments).
    pub fn set_argument(&mut self, n: usize, word: u64) {
        if let Some(array) = &mut self.array {
            array[n] = word;
            return;
        }
        if self.arguments.len() <= n {
            let mut grown = std::mem::take(&mut self.arguments).into_vec();
            grown.resize(n + 1, Term::NIL.bits());
            self.arguments = grown.into_boxed_slice();
        }
        self.arguments[n] = word;
    }

    /// Makes sure there is an array, taking one from the pool: its words
    /// are whatever the last user left, all dead.
    pub fn acquire(&mut self) {
        let array = self.array.get_or_insert_with(take_array);
        if !self.arguments.is_empty() {
            let arguments = std::mem::take(&mut self.arguments);
            array[..arguments.len()].copy_from_slice(&arguments);
        }
    }

    /// Gives the array back; the words in it are dead.
    pub fn release(&mut self) {
        if let Some(array) = self.array.take() {
            give_back(array);
        }
    }

    /// The first `live` registers, or none while released (no register is
    /// live then, whatever `live` last said).
    pub fn live(&mut self, live: usize) -> &mut [u64] {
        self.live_and_bif_arguments(live, 0).0
    }

    /// The words kept for the arguments of the BIF running.
    pub fn bif_arguments(&mut self) -> &mut [u64; BIF_SLOTS] {
        self.array
            .as_deref_mut()
            .expect("x registers of a process waiting in receive")
            .last_chunk_mut()
            .expect("the array ends with the BIF slots")
    }

    /// The first `live` registers and the first `bif` BIF argument words,
    /// both roots of a collection; none while released.
    pub fn live_and_bif_arguments(&mut self, live: usize, bif: usize) -> (&mut [u64], &mut [u64]) {
        match &mut self.array {
            Some(array) => {
                let (registers, bif_arguments) = array.split_at_mut(X_REGISTERS);
                (&mut registers[..live], &mut bif_arguments[..bif])
            }
            None => (&mut [], &mut []),
        }
    }
}

impl Default for Registers {
    fn default() -> Self {
        Registers::new()
    }
}

impl Drop for Registers {
    fn drop(&mut self) {
        self.release();
    }
}

impl Deref for Registers {
    type Target = [u64; X_REGISTERS];

    fn deref(&self) -> &[u64; X_REGISTERS] {
        self.array
            .as_deref()
            .expect("x registers of a process waiting in receive")
            .first_chunk()
            .expect("the array starts with the x registers")
    }
}

impl DerefMut for Registers {
    fn deref_mut(&mut self) -> &mut [u64; X_REGISTERS] {
        self.array
            .as_deref_mut()
            .expect("x registers of a process waiting in receive")
            .first_chunk_mut()
            .expect("the array starts with the x registers")
    }
}

/// An array from the pool, or a new one: zeroed by the allocator rather
/// than built on the stack and moved (its words are dead until written).
fn take_array() -> Box<Array> {
    POOL.with_borrow_mut(Vec::pop).unwrap_or_else(|| {
        let words = vec![0u64; X_REGISTERS + BIF_SLOTS].into_boxed_slice();
        words.try_into().expect("X_REGISTERS + BIF_SLOTS words")
    })
}

fn give_back(array: Box<Array>) {
    // A thread that is ending has no pool any more: the array is freed.
    let _ = POOL.try_with(|pool| {
        let mut pool = pool.borrow_mut();
        if pool.len() < POOL_LIMIT {
            pool.push(array);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::Registers;

    #[test]
    fn released_registers_are_reused_and_have_no_live_words() {
        let mut registers = Registers::new();
        registers[3] = 7;
        let address = registers.as_ptr();
        registers.release();
        assert!(registers.live(5).is_empty());
        let mut other = Registers::new();
        assert_eq!(
            other.as_ptr(),
            address,
            "the pool hands the array out again"
        );
        other.release();
        registers.acquire();
        assert_eq!(registers.live(2).len(), 2);
    }
}
