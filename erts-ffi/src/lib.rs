//! The C ABI: the `erl_nif.h`-compatible NIF API and the embedding API, built
//! into `libearts.a`; `include/*.h` are generated from it by cbindgen.
//!
//! Empty until the embedding and NIF work: see `ARCHITECTURE.md`.
