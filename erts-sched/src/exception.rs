//! An exception being raised: its class, reason, where it happened and,
//! once built, its stack trace.

use erts_core::abi::Location;
use erts_core::{Atom, Term};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Error,
    Exit,
    Throw,
}

impl Class {
    pub fn atom(self) -> Atom {
        match self {
            Class::Error => Atom::ERROR,
            Class::Exit => Atom::EXIT,
            Class::Throw => Atom::THROW,
        }
    }

    pub fn name(self) -> &'static str {
        self.atom().name()
    }
}

#[derive(Debug, Clone)]
pub struct Exception {
    pub class: Class,
    pub reason: Term,
    /// Where it was raised, when known.
    pub location: Option<&'static Location>,
    /// The stack trace list, once built (when a handler catches it, or when
    /// it is raised again with a trace).
    pub trace: Option<Term>,
}

impl Exception {
    pub fn new(class: Class, reason: Term) -> Exception {
        Exception {
            class,
            reason,
            location: None,
            trace: None,
        }
    }

    pub fn error(reason: Term) -> Exception {
        Exception::new(Class::Error, reason)
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

    /// The terms the exception holds, which a collection must keep (and may
    /// move: give them back with [`Exception::set_terms`]).
    pub fn terms(&self) -> Vec<Term> {
        let mut terms = vec![self.reason];
        terms.extend(self.trace);
        terms
    }

    pub fn set_terms(&mut self, terms: &[Term]) {
        self.reason = terms[0];
        if self.trace.is_some() {
            self.trace = Some(terms[1]);
        }
    }

    /// The class an atom names (`error`, `exit`, `throw`).
    pub fn class_of(atom: Term) -> Option<Class> {
        match atom.as_atom()? {
            Atom::ERROR => Some(Class::Error),
            Atom::EXIT => Some(Class::Exit),
            Atom::THROW => Some(Class::Throw),
            _ => None,
        }
    }
}
