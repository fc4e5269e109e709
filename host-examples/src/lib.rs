//! C, Rust and Go host programs that link `libearts.a`, each built and run
//! by this crate's tests once the embedding API exists.
