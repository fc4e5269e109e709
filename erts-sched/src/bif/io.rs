//! The bytes under earts' group leader (`earts_group_leader.erl`, the
//! Erlang I/O protocol): `earts_io:write/2` and `earts_io:read/2` on the
//! standard streams. They block the scheduler while the stream does,
//! which one scheduler accepts; erts-io takes over with the processes
//! issue.

use std::io::{Read, Write};

use erts_core::bif::binary::walk_iolist;
use erts_core::{build, Atom, Term};

use super::bifs;
use crate::exception::Exception;
use crate::process::Process;

/// `earts_io:write(Fd, IoData)`: bytes to standard output (1) or
/// standard error (2), unbuffered.
///
/// # Safety
///
/// The terms are valid.
unsafe fn write_2(_process: &mut Process, fd: Term, data: Term) -> Result<Term, Exception> {
    let mut bytes = Vec::new();
    // SAFETY: forwarded from the caller; nothing collects here.
    unsafe { walk_iolist(data, &mut |chunk| bytes.extend_from_slice(chunk)) }
        .ok_or_else(Exception::badarg)?;
    let written = match fd.as_small() {
        Some(1) => {
            let mut out = std::io::stdout().lock();
            out.write_all(&bytes).and_then(|()| out.flush())
        }
        Some(2) => std::io::stderr().lock().write_all(&bytes),
        _ => return Err(Exception::badarg()),
    };
    // A closed stream is the reader's business, as on BEAM.
    let _ = written;
    Atom::intern("ok")
        .map(Term::atom)
        .map_err(|_| Exception::system_limit())
}

/// `earts_io:read(Fd, Max)`: up to `Max` bytes of standard input (0) as
/// a binary, or `eof`.
fn read_2(process: &mut Process, fd: Term, max: Term) -> Result<Term, Exception> {
    let (Some(0), Some(max)) = (fd.as_small(), max.as_small()) else {
        return Err(Exception::badarg());
    };
    let mut buffer = vec![0; max.clamp(1, 1 << 16) as usize];
    let count = loop {
        match std::io::stdin().lock().read(&mut buffer) {
            Ok(count) => break count,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => break 0,
        }
    };
    if count == 0 {
        return Atom::intern("eof")
            .map(Term::atom)
            .map_err(|_| Exception::system_limit());
    }
    let words = build::heap_binary_words(count);
    // SAFETY: no term is held across the collection.
    unsafe { process.ensure_room(words, process.live as usize, &mut []) }?;
    process
        .build(|heap| build::heap_binary(heap, &buffer[..count]))
        .ok_or_else(Exception::system_limit)
}

/// `earts_io:arguments/0`: the program's name and its arguments, as
/// strings (`init:get_plain_arguments/0`).
fn arguments_0(process: &mut Process) -> Result<Term, Exception> {
    let arguments = crate::entry::program_arguments();
    let chars: usize = arguments.iter().map(|a| a.chars().count()).sum();
    // SAFETY: no term is held across the collection.
    unsafe {
        process.ensure_room(
            2 * (chars + arguments.len()),
            process.live as usize,
            &mut [],
        )
    }?;
    process
        .build(|heap| {
            let mut list = Term::NIL;
            for argument in arguments.iter().rev() {
                let chars: Vec<Term> = argument
                    .chars()
                    .map(|c| Term::small(i64::from(u32::from(c))).expect("a char is small"))
                    .collect();
                let string = build::list(heap, &chars, Term::NIL)?;
                list = build::cons(heap, string, list)?;
            }
            Some(list)
        })
        .ok_or_else(Exception::system_limit)
}

/// `erlang:halt/0,1,2`: ends the program with a status (an integer), a
/// crash slogan (a string: status 1, as BEAM after its crash dump), or
/// `abort`. Output is never buffered here, so there is nothing to flush.
///
/// # Safety
///
/// The terms are valid.
unsafe fn halt(status: Term, options: Term) -> Result<Term, Exception> {
    let mut rest = options;
    // SAFETY: forwarded from the caller; every tail is valid.
    while let (Some(option), Some(tail)) = (unsafe { rest.head() }, unsafe { rest.tail() }) {
        // SAFETY: as above.
        let flush = unsafe { option.tuple_elements() }.is_some_and(|e| {
            e.len() == 2
                && e[0].as_atom().map(Atom::name) == Some("flush")
                && (e[1] == Term::atom(Atom::TRUE) || e[1] == Term::atom(Atom::FALSE))
        });
        if !flush {
            return Err(Exception::badarg());
        }
        rest = tail;
    }
    if rest != Term::NIL {
        return Err(Exception::badarg());
    }
    if let Some(code) = status.as_small().filter(|c| *c >= 0) {
        std::process::exit(code as i32);
    }
    if status.as_atom().map(Atom::name) == Some("abort") {
        std::process::abort();
    }
    // SAFETY: as above.
    let is_string = status == Term::NIL || unsafe { status.head() }.is_some();
    if is_string {
        std::process::exit(1);
    }
    Err(Exception::badarg())
}

fn halt_0(_process: &mut Process) -> Result<Term, Exception> {
    // SAFETY: immediates are valid terms.
    unsafe { halt(Term::small(0).expect("small"), Term::NIL) }
}

/// # Safety
///
/// The term is valid.
unsafe fn halt_1(_process: &mut Process, status: Term) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    unsafe { halt(status, Term::NIL) }
}

/// # Safety
///
/// The terms are valid.
unsafe fn halt_2(_process: &mut Process, status: Term, options: Term) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    unsafe { halt(status, options) }
}

bifs! {
    erlang:"halt"/0 () => process halt_0;
    erlang:"halt"/1 (status) => process halt_1;
    erlang:"halt"/2 (status, options) => process halt_2;
    earts_io:"arguments"/0 () => process arguments_0;
    earts_io:"write"/2 (fd, data) => process write_2;
    earts_io:"read"/2 (fd, max) => process read_2;
}
