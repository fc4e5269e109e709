//! Which functions are built in: the runtime implements them in Rust, so
//! the linker does not look for Erlang code behind them.
//!
//! The list is OTP 25's `erlang:is_builtin/3` over every module
//! (`compiler/data/otp25-bifs.txt`, one `Module:Function/Arity` a line),
//! plus the few Erlang functions the runtime provides itself.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::Mfa;

const BIF_LIST: &str = include_str!("../../data/otp25-bifs.txt");

/// Functions that OTP writes in Erlang on top of the BEAM system itself,
/// and that the earts runtime provides instead (`erlang:spawn/1` spawns
/// `erlang:apply/2`, which only a BEAM export table has), and the BIFs of
/// earts' own Erlang modules (`compiler/erlang`).
const RUNTIME_PROVIDED: &[&str] = &[
    "erlang:spawn/1",
    "erlang:spawn_link/1",
    "earts_io:write/2",
    "earts_io:read/2",
    "earts_io:arguments/0",
];

/// BIFs the runtime writes as Erlang functions (uniform prototype, called
/// like any Erlang function) because they stop the process or may suspend
/// part-way.
const RUNTIME_FUNCTIONS: &[&str] = erts_core::abi::BIFS_AS_FUNCTIONS;

/// True when the runtime provides `mfa` as an Erlang function.
pub fn is_runtime_function(mfa: &Mfa) -> bool {
    static FUNCTIONS: OnceLock<HashSet<Mfa>> = OnceLock::new();
    FUNCTIONS
        .get_or_init(|| {
            RUNTIME_FUNCTIONS
                .iter()
                .copied()
                .filter_map(parse_line)
                .collect()
        })
        .contains(mfa)
}

/// True when `mfa` is a BIF, or a function the runtime provides in its
/// place, called with the BIF convention.
pub fn is_bif(mfa: &Mfa) -> bool {
    static BIFS: OnceLock<HashSet<Mfa>> = OnceLock::new();
    BIFS.get_or_init(|| {
        BIF_LIST
            .lines()
            .chain(RUNTIME_PROVIDED.iter().copied())
            .filter_map(parse_line)
            .collect()
    })
    .contains(mfa)
        && !is_runtime_function(mfa)
}

/// Parses `module:function/arity`; the function name may itself contain
/// `:` or `/` (`erlang:'/'/2` is written `erlang://2`).
fn parse_line(line: &str) -> Option<Mfa> {
    let (module, rest) = line.split_once(':')?;
    let (function, arity) = rest.rsplit_once('/')?;
    Some(Mfa::new(module, function, arity.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::{is_bif, is_runtime_function, Mfa};

    #[test]
    fn operators_and_named_bifs() {
        assert!(is_bif(&Mfa::new("erlang", "+", 2)));
        assert!(is_bif(&Mfa::new("erlang", "/", 2)));
        assert!(is_bif(&Mfa::new("lists", "keyfind", 3)));
        assert!(!is_bif(&Mfa::new("lists", "reverse", 1)));
        assert!(!is_bif(&Mfa::new("io", "format", 2)));
    }

    /// BIFs the runtime provides as Erlang functions are not called as
    /// BIFs (`erts_core::abi::BIFS_AS_FUNCTIONS`).
    #[test]
    fn long_bifs_are_runtime_functions() {
        let reverse = Mfa::new("lists", "reverse", 2);
        assert!(is_runtime_function(&reverse) && !is_bif(&reverse));
        let yield_0 = Mfa::new("erlang", "yield", 0);
        assert!(is_runtime_function(&yield_0) && !is_bif(&yield_0));
        assert!(!is_runtime_function(&Mfa::new("erlang", "+", 2)));
    }
}
