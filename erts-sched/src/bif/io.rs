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

bifs! {
    earts_io:"write"/2 (fd, data) => process write_2;
    earts_io:"read"/2 (fd, max) => process read_2;
}
