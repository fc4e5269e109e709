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
    /// What the first entry of the stack trace shows beyond locations.
    pub top: Option<TopFrame>,
    /// An exit signal that kills the process: no handler catches it.
    pub uncatchable: bool,
    /// Why a BIF refused its arguments, for its stack trace entry's
    /// `error_info` (`#{cause => id}` for an ETS table that does not
    /// exist), as BEAM's BIFs say it.
    pub cause: Option<Atom>,
}

/// The first stack trace entry, when it shows arguments (BEAM shows the
/// arguments of the call that failed for `function_clause` and `undef`).
#[derive(Debug, Clone)]
pub enum TopFrame {
    /// The entry of the raise's location has these arguments (a list)
    /// instead of its arity.
    Arguments(Term),
    /// An entry `{Module, Function, Arguments, []}` before all others: the
    /// call that could not be made.
    Missing {
        module: Atom,
        function: Atom,
        arguments: Term,
    },
    /// What `erlang:error/2,3` asks of the entry of the raise's location:
    /// `[Arguments, ErrorInfo]`. A list of arguments replaces its arity;
    /// an `ErrorInfo` other than `[]` joins its information as
    /// `{error_info, ErrorInfo}`.
    Raised([Term; 2]),
    /// An entry `{Module, Function, Arguments, [{error_info, #{module =>
    /// ErrorModule}}]}` before all others: the BIF that failed, as BEAM
    /// shows a BIF's error. Boxed: every process holds room for an
    /// exception, and this is the largest.
    Bif(Box<BifFrame>),
}

/// The BIF that failed, with the first `arity` of `arguments`, and what
/// its `error_info` says.
#[derive(Debug, Clone)]
pub struct BifFrame {
    pub module: Atom,
    pub function: Atom,
    pub arity: u8,
    pub arguments: [Term; 4],
    pub error_module: Atom,
    pub cause: Option<Atom>,
}

impl TopFrame {
    /// The terms the entry holds.
    fn terms(&self) -> &[Term] {
        match self {
            TopFrame::Arguments(arguments) | TopFrame::Missing { arguments, .. } => {
                std::slice::from_ref(arguments)
            }
            TopFrame::Raised(terms) => terms,
            TopFrame::Bif(frame) => &frame.arguments[..frame.arity as usize],
        }
    }

    fn terms_mut(&mut self) -> &mut [Term] {
        match self {
            TopFrame::Arguments(arguments) | TopFrame::Missing { arguments, .. } => {
                std::slice::from_mut(arguments)
            }
            TopFrame::Raised(terms) => terms,
            TopFrame::Bif(frame) => &mut frame.arguments[..frame.arity as usize],
        }
    }
}

impl Exception {
    pub fn new(class: Class, reason: Term) -> Exception {
        Exception {
            class,
            reason,
            location: None,
            trace: None,
            top: None,
            uncatchable: false,
            cause: None,
        }
    }

    pub fn error(reason: Term) -> Exception {
        Exception::new(Class::Error, reason)
    }

    pub fn badarg() -> Exception {
        Exception::error(Term::atom(Atom::BADARG))
    }

    /// `badarg` for the reason `cause` (see [`Exception::cause`]).
    pub fn badarg_because(cause: &str) -> Exception {
        Exception {
            cause: Atom::intern(cause).ok(),
            ..Exception::badarg()
        }
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
        if let Some(top) = &self.top {
            terms.extend_from_slice(top.terms());
        }
        terms
    }

    pub fn set_terms(&mut self, terms: &[Term]) {
        self.reason = terms[0];
        let mut next = 1;
        if self.trace.is_some() {
            self.trace = Some(terms[next]);
            next += 1;
        }
        if let Some(top) = &mut self.top {
            let slots = top.terms_mut();
            let count = slots.len();
            slots.copy_from_slice(&terms[next..next + count]);
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
