//! Term comparison for compiled code's slow paths. Numbers compare by
//! value (`erts_core::num`), atoms by name, tuples and lists element-wise;
//! the full standard order over every type comes with erts-core's term
//! comparison (the ETF/ordering work), which replaces this module.

use std::cmp::Ordering;

use erts_core::num;
use erts_core::Term;

use crate::numbers::number_of;

/// Rank of a term's type in the standard order (numbers first).
///
/// # Safety
///
/// `term` is valid.
unsafe fn rank(term: Term) -> u8 {
    // SAFETY: forwarded from the caller.
    if unsafe { number_of(term) }.is_some() {
        0
    } else if term.is_atom() {
        1
    } else if term.is_local_pid() {
        5
    // SAFETY: forwarded from the caller.
    } else if unsafe { term.tuple_elements() }.is_some() {
        6
    } else if term == Term::NIL {
        8
    } else if term.is_list() {
        9
    } else {
        10
    }
}

/// The standard order of two terms.
///
/// # Safety
///
/// Both terms are valid.
pub unsafe fn compare(a: Term, b: Term) -> Ordering {
    // SAFETY: forwarded from the caller.
    unsafe { compare_with(a, b, false) }
}

/// `==`.
///
/// # Safety
///
/// Both terms are valid.
pub unsafe fn equal(a: Term, b: Term) -> bool {
    // SAFETY: forwarded from the caller.
    let order = unsafe { compare_with(a, b, false) };
    order == Ordering::Equal
}

/// `=:=`.
///
/// # Safety
///
/// Both terms are valid.
pub unsafe fn exact_equal(a: Term, b: Term) -> bool {
    // SAFETY: forwarded from the caller.
    let order = unsafe { compare_with(a, b, true) };
    order == Ordering::Equal
}

/// # Safety
///
/// Both terms are valid.
unsafe fn compare_with(a: Term, b: Term, exact: bool) -> Ordering {
    if a == b {
        return Ordering::Equal;
    }
    // SAFETY: forwarded from the caller.
    let (na, nb) = unsafe { (number_of(a), number_of(b)) };
    if let (Some(na), Some(nb)) = (&na, &nb) {
        return match exact && !num::exact_equal(na, nb) && num::equal(na, nb) {
            // `1 =:= 1.0` is false; order the integer first.
            true => {
                if matches!(na, num::Number::Int(_)) {
                    Ordering::Less
                } else {
                    Ordering::Greater
                }
            }
            false => num::compare(na, nb),
        };
    }
    // SAFETY: forwarded from the caller.
    let (ra, rb) = unsafe { (rank(a), rank(b)) };
    if ra != rb {
        return ra.cmp(&rb);
    }
    if let (Some(x), Some(y)) = (a.as_atom(), b.as_atom()) {
        return x.name().cmp(y.name());
    }
    // SAFETY: forwarded from the caller.
    if let (Some(x), Some(y)) = unsafe { (a.tuple_elements(), b.tuple_elements()) } {
        return x.len().cmp(&y.len()).then_with(|| {
            // SAFETY: forwarded from the caller.
            x.iter()
                .zip(y)
                .map(|(p, q)| unsafe { compare_with(*p, *q, exact) })
                .find(|o| o.is_ne())
                .unwrap_or(Ordering::Equal)
        });
    }
    let (mut x, mut y) = (a, b);
    // SAFETY: forwarded from the caller; both are conses in the loop.
    while let (Some(hx), Some(hy)) = unsafe { (x.head(), y.head()) } {
        // SAFETY: forwarded from the caller.
        let order = unsafe { compare_with(hx, hy, exact) };
        if order.is_ne() {
            return order;
        }
        // SAFETY: both are conses.
        (x, y) = unsafe { (x.tail().expect("a cons"), y.tail().expect("a cons")) };
    }
    if x == Term::NIL || y == Term::NIL || x.is_list() || y.is_list() {
        // SAFETY: forwarded from the caller.
        return unsafe { compare_with(x, y, exact) };
    }
    a.bits().cmp(&b.bits())
}
