//! Progress reports from native work that can take long (a BIF over a huge
//! term), so that the runtime can suspend it part-way and let other
//! processes run: erts-sched runs such work on a coroutine whose budget
//! suspends it when a slice is spent. Elsewhere (tests, wasm32, calls that
//! cannot suspend) [`Unlimited`] lets the work run to its end, and the
//! reports cost nothing: the work is generic over its budget.

use crate::term::Term;
use crate::view::{view, View};

/// What long work reports its progress to.
pub trait Budget {
    /// `units` more work done. A unit is about one reduction: a few terms
    /// visited, or [`BYTES_PER_UNIT`] bytes copied or scanned.
    fn spend(&mut self, units: usize);
}

/// Bytes copied or scanned per unit of work.
pub const BYTES_PER_UNIT: usize = 512;

/// Terms visited per unit of work.
pub const TERMS_PER_UNIT: usize = 4;

/// A budget that never runs out.
pub struct Unlimited;

impl Budget for Unlimited {
    #[inline(always)]
    fn spend(&mut self, _units: usize) {}
}

/// Counts terms visited and reports them a batch at a time, so that the
/// per-term cost of reporting is an increment and a compare.
pub struct TermMeter<'b, B: Budget + ?Sized> {
    budget: &'b mut B,
    terms: usize,
}

/// Terms counted before a report.
const TERMS_PER_REPORT: usize = 256;

impl<'b, B: Budget + ?Sized> TermMeter<'b, B> {
    pub fn new(budget: &'b mut B) -> TermMeter<'b, B> {
        TermMeter { budget, terms: 0 }
    }

    /// One more term visited.
    #[inline]
    pub fn term(&mut self) {
        self.terms += 1;
        if self.terms == TERMS_PER_REPORT {
            self.terms = 0;
            self.budget.spend(TERMS_PER_REPORT / TERMS_PER_UNIT);
        }
    }

    /// `bytes` bytes copied or scanned.
    pub fn bytes(&mut self, bytes: usize) {
        if BYTES_PER_UNIT <= bytes {
            self.budget.spend(bytes / BYTES_PER_UNIT);
        }
    }

    /// The budget itself, for work the meter does not count.
    pub fn budget(&mut self) -> &mut B {
        self.budget
    }
}

/// Terms, bytes or cells below which a BIF's whole work costs less than
/// starting it somewhere it can be suspended: it runs at once.
pub const QUICK_TERMS: usize = 1024;
pub const QUICK_BYTES: usize = 16 * 1024;
pub const QUICK_CELLS: usize = 4096;

/// Whether `term` has fewer than [`QUICK_TERMS`] terms (binaries counted
/// by their size), looking at no more than that many.
///
/// # Safety
///
/// `term` is valid and nothing collects during the call.
pub unsafe fn is_quick_term(term: Term) -> bool {
    let mut pending = [Term::NIL; 32];
    pending[0] = term;
    let mut depth = 1;
    let mut seen = 0;
    while 0 < depth {
        depth -= 1;
        seen += 1;
        if QUICK_TERMS <= seen {
            return false;
        }
        // SAFETY: every pending term is `term` or a part of it.
        let children: &[Term] = match unsafe { view(pending[depth]) } {
            Some(View::Tuple(elements)) => elements,
            Some(View::Cons { head, tail }) => {
                if pending.len() < depth + 2 {
                    return false;
                }
                pending[depth] = tail;
                pending[depth + 1] = head;
                depth += 2;
                continue;
            }
            Some(View::FlatMap { keys, values }) => {
                if pending.len() < depth + keys.len() + values.len() {
                    return false;
                }
                for child in keys.iter().chain(values) {
                    pending[depth] = *child;
                    depth += 1;
                }
                continue;
            }
            Some(View::Bits(bits)) => {
                seen += bits.byte_len() / BYTES_PER_UNIT;
                continue;
            }
            Some(View::HashMap { .. } | View::Closure { .. }) => return false,
            _ => continue,
        };
        if pending.len() < depth + children.len() {
            return false;
        }
        pending[depth..depth + children.len()].copy_from_slice(children);
        depth += children.len();
    }
    true
}

/// Whether `binary` is not a binary of [`QUICK_BYTES`] bytes or more (a
/// term that is not a binary fails at once).
///
/// # Safety
///
/// As [`is_quick_term`].
pub unsafe fn is_quick_binary(binary: Term) -> bool {
    // SAFETY: forwarded from the caller.
    match unsafe { view(binary) } {
        Some(View::Bits(bits)) => bits.byte_len() < QUICK_BYTES,
        _ => true,
    }
}

/// Whether `list` has fewer than [`QUICK_CELLS`] cells.
///
/// # Safety
///
/// As [`is_quick_term`].
pub unsafe fn is_quick_list(list: Term) -> bool {
    let mut rest = list;
    for _ in 0..QUICK_CELLS {
        // SAFETY: `rest` is `list` or the tail of one of its cells.
        match unsafe { rest.tail() } {
            Some(tail) => rest = tail,
            None => return true,
        }
    }
    false
}
