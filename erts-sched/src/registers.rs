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

type Array = [u64; X_REGISTERS];

/// Arrays kept for reuse per thread; beyond this many, released arrays
/// are freed.
const POOL_LIMIT: usize = 64;

thread_local! {
    static POOL: RefCell<Vec<Box<Array>>> = const { RefCell::new(Vec::new()) };
}

/// A process's x registers: an array while the process may run, none
/// while it waits in `receive`.
pub struct Registers {
    array: Option<Box<Array>>,
}

impl Registers {
    /// Registers holding an array (a new process gets its arguments in
    /// them before it first runs).
    pub fn new() -> Registers {
        Registers {
            array: Some(take_array()),
        }
    }

    /// Makes sure there is an array, taking one from the pool: its words
    /// are whatever the last user left, all dead.
    pub fn acquire(&mut self) {
        if self.array.is_none() {
            self.array = Some(take_array());
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
        match &mut self.array {
            Some(array) => &mut array[..live],
            None => &mut [],
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
    type Target = Array;

    fn deref(&self) -> &Array {
        self.array
            .as_deref()
            .expect("x registers of a process waiting in receive")
    }
}

impl DerefMut for Registers {
    fn deref_mut(&mut self) -> &mut Array {
        self.array
            .as_deref_mut()
            .expect("x registers of a process waiting in receive")
    }
}

fn take_array() -> Box<Array> {
    POOL.with_borrow_mut(Vec::pop)
        .unwrap_or_else(|| Box::new([Term::NIL.bits(); X_REGISTERS]))
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
