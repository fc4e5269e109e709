//! earts' own Erlang modules, compiled from `compiler/erlang` by the
//! build script and linked into every program: the group leader that
//! serves `io` (started by the runtime before `main/1`), the runner that
//! calls `main/1` and reports what it raises as escript does, and `init`
//! and `code`,
//! which OTP's own `init` would be on BEAM (they replace OTP's modules of
//! the same name), and what kernel would have started for programs that
//! log (`earts_kernel`, `earts_logger_h`).

use crate::beam::{Malformed, Module};
use crate::link::Mfa;

/// (name, BEAM file) of each module.
const MODULES: &[(&str, &[u8])] = &[
    (
        "earts_group_leader",
        include_bytes!(concat!(env!("OUT_DIR"), "/earts_group_leader.beam")),
    ),
    (
        "earts_escript",
        include_bytes!(concat!(env!("OUT_DIR"), "/earts_escript.beam")),
    ),
    (
        "init",
        include_bytes!(concat!(env!("OUT_DIR"), "/init.beam")),
    ),
    (
        "code",
        include_bytes!(concat!(env!("OUT_DIR"), "/code.beam")),
    ),
    (
        "earts_kernel",
        include_bytes!(concat!(env!("OUT_DIR"), "/earts_kernel.beam")),
    ),
    (
        "earts_logger_h",
        include_bytes!(concat!(env!("OUT_DIR"), "/earts_logger_h.beam")),
    ),
];

/// The modules, parsed.
pub fn modules() -> Result<Vec<Module>, Malformed> {
    MODULES
        .iter()
        .map(|(name, bytes)| Module::parse(&format!("<earts>/{name}.beam"), bytes))
        .collect()
}

/// The functions the runtime starts, which the linker must keep.
pub fn entries() -> Vec<Mfa> {
    vec![
        Mfa::new("earts_group_leader", "start", 0),
        Mfa::new("earts_escript", "run", 3),
    ]
}
