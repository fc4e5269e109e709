//! An exception being raised: its class, reason and where it happened.

use erts_core::abi::Location;
use erts_core::{Atom, Term};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Error,
    Exit,
    Throw,
}

impl Class {
    pub fn name(self) -> &'static str {
        match self {
            Class::Error => "error",
            Class::Exit => "exit",
            Class::Throw => "throw",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Exception {
    pub class: Class,
    pub reason: Term,
    /// Where it was raised, when known.
    pub location: Option<&'static Location>,
}

impl Exception {
    pub fn error(reason: Term) -> Exception {
        Exception {
            class: Class::Error,
            reason,
            location: None,
        }
    }

    pub fn badarg() -> Exception {
        Exception::error(Term::atom(Atom::BADARG))
    }

    pub fn badarith() -> Exception {
        Exception::error(Term::atom(Atom::BADARITH))
    }

    pub fn system_limit() -> Exception {
        Exception::error(Term::atom(Atom::SYSTEM_LIMIT))
    }
}
