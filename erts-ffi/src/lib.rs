//! The C ABI of the runtime, built into `liberts_ffi.a`: today the process
//! entry point of compiled executables; later the `erl_nif.h` NIF API and
//! the embedding API (headers generated into `include/` by cbindgen).

// Only executables have a program table; this crate's own tests do not.
#[cfg(not(test))]
mod executable;
