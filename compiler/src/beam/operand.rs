//! Instruction operands: the generic [`Operand`] the compact term encoding
//! produces, and the narrower types an instruction's fields are declared
//! with (see `opcodes.rs`).

use super::term::Int;

/// An atom of the module's atom table (1-based, as the code refers to it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Atom(pub u32);

/// A code label; `Label(0)` means "no failure label" (raise instead).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Label(pub u32);

/// An index into the literal table (`LitT`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LiteralIdx(pub u32);

/// An index into the import table (`ImpT`), 0-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ImportIdx(pub u32);

/// An index into the lambda table (`FunT`), 0-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LambdaIdx(pub u32);

/// An index into the type table (`Type`), 0-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TypeIdx(pub u32);

/// An index into the line table (`Line`); 0 is "no location".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LineIdx(pub u32);

/// An x or y register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Register {
    X(u32),
    Y(u32),
}

/// What an allocation list entry counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AllocKind {
    Words,
    Floats,
    Funs,
}

/// A heap need: a plain word count, or an allocation list.
#[derive(Debug, Clone, PartialEq)]
pub enum Alloc {
    Words(u32),
    List(Vec<(AllocKind, u32)>),
}

/// Any operand of the compact term encoding, after tag decoding.
#[derive(Debug, Clone, PartialEq)]
pub enum Operand {
    /// `u`: an untagged number (counts, arities, indexes).
    Unsigned(u64),
    /// `i`: an integer constant.
    Integer(Int),
    Atom(Atom),
    Nil,
    Reg(Register),
    Label(Label),
    /// `h`: a character constant (obsolete).
    Char(u32),
    /// `z0`: an inline float (obsolete; floats are literals since OTP 20).
    Float(f64),
    List(Vec<Operand>),
    FloatReg(u32),
    Alloc(Alloc),
    Literal(LiteralIdx),
    /// A register annotated with a type from the `Type` chunk.
    Typed(Register, TypeIdx),
}

/// A value an instruction reads: a register or a constant.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    Reg(Register),
    Typed(Register, TypeIdx),
    FloatReg(u32),
    Integer(Int),
    Atom(Atom),
    Nil,
    Literal(LiteralIdx),
    Float(f64),
    Char(u32),
}

impl Source {
    /// The register this source reads, if it is one.
    pub fn register(&self) -> Option<Register> {
        match self {
            Source::Reg(r) | Source::Typed(r, _) => Some(*r),
            _ => None,
        }
    }
}

impl From<Source> for Operand {
    fn from(source: Source) -> Operand {
        match source {
            Source::Reg(r) => Operand::Reg(r),
            Source::Typed(r, t) => Operand::Typed(r, t),
            Source::FloatReg(n) => Operand::FloatReg(n),
            Source::Integer(i) => Operand::Integer(i),
            Source::Atom(a) => Operand::Atom(a),
            Source::Nil => Operand::Nil,
            Source::Literal(l) => Operand::Literal(l),
            Source::Float(f) => Operand::Float(f),
            Source::Char(c) => Operand::Char(c),
        }
    }
}
