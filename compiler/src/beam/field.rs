//! Narrowing generic operands into the typed fields of [`Instr`], checking
//! every index against the tables it points into.
//!
//! [`Instr`]: super::Instr

use super::operand::{
    Alloc, Atom, ImportIdx, Label, LambdaIdx, LineIdx, LiteralIdx, Operand, Register, Source,
    TypeIdx,
};

/// BEAM's register file has 1024 x registers.
pub const MAX_X_REGISTERS: u32 = 1024;

/// The sizes of the tables an operand may index.
#[derive(Debug, Clone, Default)]
pub(crate) struct Limits {
    pub atoms: u32,
    pub labels: u32,
    pub imports: u32,
    pub lambdas: u32,
    pub literals: u32,
    pub types: u32,
    pub lines: u32,
}

pub(crate) trait Field: Sized {
    fn from_operand(operand: Operand, limits: &Limits) -> Result<Self, String>;
    fn to_operand(&self) -> Operand;
}

fn check_index(what: &str, index: u32, count: u32) -> Result<(), String> {
    if index < count {
        Ok(())
    } else {
        Err(format!(
            "{what} {index} out of range ({count} in the table)"
        ))
    }
}

fn check_register(register: Register) -> Result<(), String> {
    match register {
        Register::X(n) if n >= MAX_X_REGISTERS => Err(format!("x register {n} out of range")),
        _ => Ok(()),
    }
}

/// Checks the indexes inside any operand, recursively for lists.
pub(crate) fn check_operand(operand: &Operand, limits: &Limits) -> Result<(), String> {
    match operand {
        Operand::Atom(Atom(n)) => check_index("atom", n.wrapping_sub(1), limits.atoms),
        Operand::Label(Label(n)) => check_index("label", *n, limits.labels),
        Operand::Literal(LiteralIdx(n)) => check_index("literal", *n, limits.literals),
        Operand::Reg(register) => check_register(*register),
        Operand::Typed(register, TypeIdx(t)) => {
            check_register(*register)?;
            check_index("type", *t, limits.types)
        }
        Operand::List(items) => items
            .iter()
            .try_for_each(|item| check_operand(item, limits)),
        Operand::Unsigned(_)
        | Operand::Integer(_)
        | Operand::Nil
        | Operand::Char(_)
        | Operand::Float(_)
        | Operand::FloatReg(_)
        | Operand::Alloc(_) => Ok(()),
    }
}

fn describe(operand: &Operand) -> &'static str {
    match operand {
        Operand::Unsigned(_) => "an unsigned number",
        Operand::Integer(_) => "an integer",
        Operand::Atom(_) => "an atom",
        Operand::Nil => "nil",
        Operand::Reg(_) => "a register",
        Operand::Label(_) => "a label",
        Operand::Char(_) => "a character",
        Operand::Float(_) => "a float",
        Operand::List(_) => "a list",
        Operand::FloatReg(_) => "a float register",
        Operand::Alloc(_) => "an allocation list",
        Operand::Literal(_) => "a literal",
        Operand::Typed(..) => "a typed register",
    }
}

fn expected<T>(what: &str, operand: &Operand) -> Result<T, String> {
    Err(format!("expected {what}, found {}", describe(operand)))
}

impl Field for Operand {
    fn from_operand(operand: Operand, limits: &Limits) -> Result<Self, String> {
        check_operand(&operand, limits)?;
        Ok(operand)
    }
    fn to_operand(&self) -> Operand {
        self.clone()
    }
}

impl Field for u32 {
    fn from_operand(operand: Operand, _: &Limits) -> Result<Self, String> {
        match operand {
            Operand::Unsigned(n) => u32::try_from(n).map_err(|_| format!("{n} out of range")),
            other => expected("an unsigned number", &other),
        }
    }
    fn to_operand(&self) -> Operand {
        Operand::Unsigned(*self as u64)
    }
}

impl Field for Label {
    /// `label/1` defines its label with a `u` operand; every other use is `f`.
    fn from_operand(operand: Operand, limits: &Limits) -> Result<Self, String> {
        let label = match operand {
            Operand::Label(label) => label,
            Operand::Unsigned(n) => {
                Label(u32::try_from(n).map_err(|_| format!("label {n} out of range"))?)
            }
            other => return expected("a label", &other),
        };
        check_index("label", label.0, limits.labels)?;
        Ok(label)
    }
    fn to_operand(&self) -> Operand {
        Operand::Label(*self)
    }
}

impl Field for Atom {
    fn from_operand(operand: Operand, limits: &Limits) -> Result<Self, String> {
        match operand {
            Operand::Atom(atom) => {
                check_index("atom", atom.0.wrapping_sub(1), limits.atoms)?;
                Ok(atom)
            }
            other => expected("an atom", &other),
        }
    }
    fn to_operand(&self) -> Operand {
        Operand::Atom(*self)
    }
}

impl Field for Register {
    fn from_operand(operand: Operand, _: &Limits) -> Result<Self, String> {
        match operand {
            Operand::Reg(register) => {
                check_register(register)?;
                Ok(register)
            }
            other => expected("a register", &other),
        }
    }
    fn to_operand(&self) -> Operand {
        Operand::Reg(*self)
    }
}

impl Field for Source {
    fn from_operand(operand: Operand, limits: &Limits) -> Result<Self, String> {
        check_operand(&operand, limits)?;
        Ok(match operand {
            Operand::Reg(r) => Source::Reg(r),
            Operand::Typed(r, t) => Source::Typed(r, t),
            Operand::FloatReg(n) => Source::FloatReg(n),
            Operand::Integer(i) => Source::Integer(i),
            Operand::Atom(a) => Source::Atom(a),
            Operand::Nil => Source::Nil,
            Operand::Literal(l) => Source::Literal(l),
            Operand::Float(f) => Source::Float(f),
            Operand::Char(c) => Source::Char(c),
            other @ (Operand::Unsigned(_)
            | Operand::Label(_)
            | Operand::List(_)
            | Operand::Alloc(_)) => return expected("a register or a constant", &other),
        })
    }
    fn to_operand(&self) -> Operand {
        self.clone().into()
    }
}

impl Field for Vec<Operand> {
    fn from_operand(operand: Operand, limits: &Limits) -> Result<Self, String> {
        match operand {
            Operand::List(items) => {
                items
                    .iter()
                    .try_for_each(|item| check_operand(item, limits))?;
                Ok(items)
            }
            other => expected("a list", &other),
        }
    }
    fn to_operand(&self) -> Operand {
        Operand::List(self.clone())
    }
}

impl Field for Alloc {
    fn from_operand(operand: Operand, _: &Limits) -> Result<Self, String> {
        match operand {
            Operand::Unsigned(n) => Ok(Alloc::Words(
                u32::try_from(n).map_err(|_| format!("{n} words"))?,
            )),
            Operand::Alloc(alloc) => Ok(alloc),
            other => expected("a heap need", &other),
        }
    }
    fn to_operand(&self) -> Operand {
        match self {
            Alloc::Words(n) => Operand::Unsigned(*n as u64),
            list => Operand::Alloc(list.clone()),
        }
    }
}

macro_rules! index_field {
    ($Ty:ident, $what:literal, $limit:ident) => {
        impl Field for $Ty {
            fn from_operand(operand: Operand, limits: &Limits) -> Result<Self, String> {
                match operand {
                    Operand::Unsigned(n) => {
                        let n =
                            u32::try_from(n).map_err(|_| format!("{} {n} out of range", $what))?;
                        check_index($what, n, limits.$limit)?;
                        Ok($Ty(n))
                    }
                    other => expected($what, &other),
                }
            }
            fn to_operand(&self) -> Operand {
                Operand::Unsigned(self.0 as u64)
            }
        }
    };
}

index_field!(ImportIdx, "import", imports);
index_field!(LambdaIdx, "lambda", lambdas);
index_field!(LineIdx, "line", lines);
