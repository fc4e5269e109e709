//! The only crate that does I/O on behalf of Erlang code: the mio event loop,
//! standard streams, files and sockets.
//!
//! Empty until the codegen issue wires up the group leader: see
//! `ARCHITECTURE.md`.
