//! Match specifications (`[{Head, Guards, Body}]`), as ETS and
//! `erlang:match_spec_test/3` use them: compiled once per call into flat
//! programs (a head's pattern operations in pre-order, guard and body
//! expressions in postfix with jumps for `andalso`/`orelse`), then run
//! against objects. Both compiling and running use explicit stacks, so
//! no nesting depth of a specification or an object uses native stack.
//!
//! A compiled specification owns a copy of its source term; every
//! literal it refers to lives there, so it outlives the caller's heap and
//! can be kept (`ets:match_spec_compile/1`). A run builds in a
//! [`Scratch`]; results may also point into the object and the
//! specification, so the caller copies them out while all three live.

mod compile;
mod run;
mod scratch;

use erts_core::Term;

pub use run::Context;
pub use scratch::Scratch;

use super::Stored;

/// A guard or body function, what `Op::Call` calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bif {
    IsAtom,
    IsFloat,
    IsInteger,
    IsList,
    IsNumber,
    IsPid,
    IsPort,
    IsReference,
    IsTuple,
    IsMap,
    IsBinary,
    IsFunction,
    IsMapKey,
    IsRecord,
    Not,
    Xor,
    Abs,
    Element,
    Hd,
    Tl,
    Length,
    MapGet,
    MapSize,
    Node1,
    Round,
    Trunc,
    Float,
    Size,
    BitSize,
    ByteSize,
    BinaryPart2,
    BinaryPart3,
    Plus1,
    Minus1,
    Plus,
    Minus,
    Times,
    Divide,
    Div,
    Rem,
    Band,
    Bor,
    Bxor,
    Bnot,
    Bsl,
    Bsr,
    Gt,
    Ge,
    Lt,
    Le,
    ExactEq,
    Eq,
    ExactNeq,
    Neq,
}

/// One step of an expression, on a stack of values.
#[derive(Debug, Clone)]
enum Op {
    Const(Term),
    /// The variable bound to slot `n`.
    Var(usize),
    /// `'$_'`.
    Object,
    /// `'$$'`.
    AllVars,
    /// Pops `n` values into a tuple.
    Tuple(usize),
    /// Pops the tail, then the head.
    Cons,
    /// Pops `n` key/value pairs (pushed key first).
    Map(usize),
    Call(Bif, usize),
    /// `'and'`/`'or'` of `n` booleans, every one evaluated.
    And(usize),
    Or(usize),
    /// `andalso`/`orelse` between two operands: pops a boolean; when it is
    /// `decides`, pushes it and jumps to `to`.
    ShortCircuit {
        decides: bool,
        to: usize,
    },
    SelfPid,
    Node,
}

/// One step of a head pattern, taking the next term of the match stack.
#[derive(Debug, Clone)]
enum PatOp {
    Any,
    Bind(usize),
    /// The slot is bound: the term must be `=:=` to it.
    Same(usize),
    Literal(Term),
    /// A tuple of `n` elements, which are matched next, in order.
    Tuple(usize),
    /// A cons cell: its head, then its tail are matched next.
    Cons,
    /// A map with these keys: their values are matched next, in order.
    Map(Vec<Term>),
}

struct Clause {
    head: Vec<PatOp>,
    /// The slots in the order of their variables' numbers (`'$$'`).
    slots_by_number: Vec<usize>,
    n_slots: usize,
    guards: Vec<Vec<Op>>,
    body: Vec<Vec<Op>>,
    /// The head's element at each position when it is a whole literal:
    /// the key of every object it may match, when that position is the
    /// table's key.
    literal_elements: Vec<Option<Term>>,
}

/// A compiled match specification.
pub struct MatchSpec {
    clauses: Vec<Clause>,
    source: Stored,
}

impl MatchSpec {
    /// The specification as given (a copy).
    pub fn source(&self) -> Term {
        self.source.term()
    }

    /// The keys every object a run can match has at `keypos` (1-based),
    /// when every clause's head binds it to a literal.
    pub fn bound_keys(&self, keypos: usize) -> Option<Vec<Term>> {
        self.clauses
            .iter()
            .map(|clause| clause.literal_elements.get(keypos - 1).copied().flatten())
            .collect()
    }
}

/// Why a specification does not compile: BEAM's message, which
/// `erlang:match_spec_test/3` returns.
#[derive(Debug)]
pub struct CompileError(pub String);

// SAFETY: a compiled specification is never written after `compile`;
// its terms point into its own source copy, which only it frees, so any
// thread may read it while another does.
unsafe impl Send for MatchSpec {}
// SAFETY: as above.
unsafe impl Sync for MatchSpec {}
