//! The library half of `eartsc`: reading BEAM files ([`beam`]), showing
//! them ([`disasm`]) and running `erlc` ([`erlc`]). Code generation plugs in
//! after the reader; see `ARCHITECTURE.md`.

pub mod beam;
pub mod cache;
pub mod codegen;
pub mod disasm;
pub mod erlc;
pub mod link;
pub mod native_link;
pub mod runtime_modules;
