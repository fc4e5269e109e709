//! Whole-program linking at function granularity: starting from the entry
//! functions, follow local calls, external calls, funs made by
//! `make_fun3` and `fun M:F/A` literals, function by function, and keep
//! only what is reachable. Whole modules are never pulled in for one
//! function: following `io`'s imports module by module would drag in the
//! Erlang compiler.
//!
//! Calls whose target is known only at run time (`apply/3`, `M:F()` with
//! variables) cannot be followed; they go through the table of linked
//! exports at run time, and `LinkOptions::keep_modules` keeps whole
//! modules for them.

mod bifs;
mod reach;
mod search;

use std::fmt;
use std::sync::Arc;

pub use bifs::{is_bif, is_runtime_function};
pub use reach::{
    link, on_load_function, LinkOptions, LinkedModule, Program, Undefined, UndefinedReason,
};
pub use search::{cache_dir, otp_root, SearchPath};

/// A function named across modules: `module:function/arity`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Mfa {
    pub module: Arc<str>,
    pub function: Arc<str>,
    pub arity: u32,
}

impl Mfa {
    pub fn new(module: &str, function: &str, arity: u32) -> Mfa {
        Mfa {
            module: module.into(),
            function: function.into(),
            arity,
        }
    }

    /// Parses `module:function/arity`.
    pub fn parse(text: &str) -> Option<Mfa> {
        let (module, rest) = text.split_once(':')?;
        let (function, arity) = rest.rsplit_once('/')?;
        Some(Mfa::new(module, function, arity.parse().ok()?))
    }
}

impl fmt::Display for Mfa {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}/{}", self.module, self.function, self.arity)
    }
}
