//! The explicit Erlang stack of a process: a block of words that grows
//! downward from its end. It holds only terms, catch tags and resume
//! points (never pointers into itself), so it can move when it grows.

use erts_core::abi::ResumePoint;
use erts_core::Term;

/// Words of a new process's stack: enough for a few frames. Most
/// processes stay shallow, and a million idle ones would otherwise spend
/// more on stacks than on heaps; deep ones double it as they grow.
const INITIAL_WORDS: usize = 32;

pub struct Stack {
    words: Vec<u64>,
}

impl Stack {
    pub fn new() -> Stack {
        Stack {
            words: vec![Term::NIL.bits(); INITIAL_WORDS],
        }
    }

    /// Puts `bottom` in the last word; returns the stack pointer.
    pub fn push_bottom(&mut self, bottom: &'static ResumePoint) -> *mut u64 {
        let last = self.words.len() - 1;
        self.words[last] = std::ptr::from_ref(bottom) as u64;
        // SAFETY: `last` is in bounds.
        unsafe { self.words.as_mut_ptr().add(last) }
    }

    /// The lowest address the stack pointer may take.
    pub fn limit(&mut self) -> *mut u64 {
        self.words.as_mut_ptr()
    }

    /// One past the last word.
    pub fn end(&mut self) -> *mut u64 {
        self.words.as_mut_ptr_range().end
    }

    /// The words in use, from `sp` to the end.
    pub fn used_from(&mut self, sp: *mut u64) -> &mut [u64] {
        let start = (sp.addr() - self.words.as_ptr().addr()) / size_of::<u64>();
        &mut self.words[start..]
    }

    /// Grows the stack so that `need` more words fit below `sp`; returns
    /// the stack pointer of the moved stack.
    pub fn grow(&mut self, sp: *mut u64, need: usize) -> *mut u64 {
        let used = self.used_from(sp).len();
        let new_len = (self.words.len() * 2).max(used + need + INITIAL_WORDS);
        let mut words = vec![Term::NIL.bits(); new_len];
        words[new_len - used..].copy_from_slice(&self.words[self.words.len() - used..]);
        self.words = words;
        // SAFETY: `new_len - used` is in bounds of the new block.
        unsafe { self.words.as_mut_ptr().add(new_len - used) }
    }
}

impl Default for Stack {
    fn default() -> Self {
        Stack::new()
    }
}
