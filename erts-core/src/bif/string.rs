//! The BIFs of module `string`: `list_to_integer/1` and `list_to_float/1`,
//! which read a number at the start of a list of characters and return it
//! with the rest of the list (`string:to_integer/1` and `to_float/1` are
//! written over them).
//!
//! As on BEAM: an optional sign and decimal digits make an integer; a
//! float also needs a `.` with digits on both sides, and takes an exponent
//! (`e` or `E`, an optional sign, digits) only when it has digits. The
//! rest is the list from the first character not taken, whatever its tail
//! (so `[$1 | a]` gives `{1, a}`). Anything but a list is
//! `{error, not_a_list}`; no number is `{error, no_integer}` or
//! `{error, no_float}`, as is a float beyond the floats.

use super::{built, BifError, BifHeap};
use crate::atom::Atom;
use crate::build;
use crate::num;
use crate::term::Term;

/// `string:list_to_integer/1`.
///
/// # Safety
///
/// The argument is valid; see [`BifHeap::ensure`].
pub unsafe fn list_to_integer_1(heap: &mut impl BifHeap, list: Term) -> Result<Term, BifError> {
    if !list.is_list() && !list.is_nil() {
        return error_tuple(heap, "not_a_list");
    }
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let scan = unsafe { Scan::new(list) };
    let mut taken = scan.sign();
    let digits = scan.digits(taken);
    if digits == 0 {
        return error_tuple(heap, "no_integer");
    }
    taken += digits;
    let text: Vec<u8> = scan.chars[..taken].to_vec();
    let integer = num::parse_integer(&text, 10)?;
    // SAFETY: as above.
    let mut roots = [unsafe { scan.rest_after(taken) }];
    // The integer first (it may be a bignum), with the rest as a root.
    let (sign, magnitude) = integer.to_bigint().to_u64_digits();
    let words = 3 + if integer.fits_small60() {
        0
    } else {
        1 + magnitude.len()
    };
    // SAFETY: the rest is the root, read back below.
    unsafe { heap.ensure(words, &mut roots) }?;
    let value = match integer.as_small60().and_then(Term::small) {
        Some(small) => small,
        None => built(build::bignum(
            heap,
            sign == num_bigint::Sign::Minus,
            &magnitude,
        ))?,
    };
    built(build::tuple(heap, &[value, roots[0]]))
}

/// `string:list_to_float/1`.
///
/// # Safety
///
/// As [`list_to_integer_1`].
pub unsafe fn list_to_float_1(heap: &mut impl BifHeap, list: Term) -> Result<Term, BifError> {
    if !list.is_list() && !list.is_nil() {
        return error_tuple(heap, "not_a_list");
    }
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let scan = unsafe { Scan::new(list) };
    let Some(taken) = scan.float_len() else {
        return error_tuple(heap, "no_float");
    };
    let value = match num::parse_float(&scan.chars[..taken]) {
        Ok(value) => value,
        Err(_) => return error_tuple(heap, "no_float"),
    };
    // SAFETY: as above.
    let mut roots = [unsafe { scan.rest_after(taken) }];
    // SAFETY: the rest is the root, read back below.
    unsafe { heap.ensure(2 + 3, &mut roots) }?;
    let float = built(build::float(heap, value))?;
    built(build::tuple(heap, &[float, roots[0]]))
}

/// `{error, Reason}`.
fn error_tuple(heap: &mut impl BifHeap, reason: &str) -> Result<Term, BifError> {
    let reason = Atom::intern(reason).map_err(|_| BifError::SystemLimit)?;
    // SAFETY: no term is held.
    unsafe { heap.ensure(3, &mut []) }?;
    built(build::tuple(
        heap,
        &[Term::atom(Atom::ERROR), Term::atom(reason)],
    ))
}

/// The characters at the start of a list that can be part of a number
/// (bytes), and the list itself to find the rest in.
struct Scan {
    list: Term,
    chars: Vec<u8>,
}

impl Scan {
    /// # Safety
    ///
    /// `list` is valid and nothing collects during the call.
    unsafe fn new(list: Term) -> Scan {
        let mut chars = Vec::new();
        let mut rest = list;
        // SAFETY: forwarded from the caller; each tail of a cell is valid.
        while let (Some(head), Some(tail)) = (unsafe { rest.head() }, unsafe { rest.tail() }) {
            match head.as_small().and_then(|value| u8::try_from(value).ok()) {
                Some(char) if char.is_ascii_digit() || b"+-.eE".contains(&char) => chars.push(char),
                _ => break,
            }
            rest = tail;
        }
        Scan { list, chars }
    }

    /// 1 if a sign starts the characters, else 0.
    fn sign(&self) -> usize {
        usize::from(matches!(self.chars.first(), Some(b'+' | b'-')))
    }

    /// How many digits follow position `from`.
    fn digits(&self, from: usize) -> usize {
        let rest = self.chars.get(from..).unwrap_or_default();
        rest.iter().take_while(|char| char.is_ascii_digit()).count()
    }

    /// How many characters a float takes, if they make one.
    fn float_len(&self) -> Option<usize> {
        let mut taken = self.sign();
        let whole = self.digits(taken);
        if whole == 0 || self.chars.get(taken + whole) != Some(&b'.') {
            return None;
        }
        taken += whole + 1;
        let fraction = self.digits(taken);
        if fraction == 0 {
            return None;
        }
        taken += fraction;
        if matches!(self.chars.get(taken), Some(b'e' | b'E')) {
            let signed = usize::from(matches!(self.chars.get(taken + 1), Some(b'+' | b'-')));
            let exponent = self.digits(taken + 1 + signed);
            if exponent > 0 {
                taken += 1 + signed + exponent;
            }
        }
        Some(taken)
    }

    /// The list after its first `taken` cells.
    ///
    /// # Safety
    ///
    /// The list is valid and nothing has collected since [`Scan::new`].
    unsafe fn rest_after(&self, taken: usize) -> Term {
        let mut rest = self.list;
        for _ in 0..taken {
            // SAFETY: forwarded from the caller; the first `taken` cells
            // were walked by `new`.
            rest = unsafe { rest.tail() }.unwrap_or(Term::NIL);
        }
        rest
    }
}
