//! The `Code` chunk: its header, the instruction stream, and the split of
//! that stream into functions.

use std::ops::Range;

use super::compact;
use super::cursor::Cursor;
use super::error::{at, Res};
use super::field::Limits;
use super::opcodes::{Instr, Opcode};
use super::operand::{Atom, Label};

/// The instruction set number every BEAM file uses.
const INSTRUCTION_SET: u32 = 0;

/// The `Code` chunk's header fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeHeader {
    /// The highest opcode number the module uses.
    pub max_opcode: u32,
    pub label_count: u32,
    pub function_count: u32,
}

/// One function: its name, arity, entry label and its instructions as a
/// range of [`super::Module::code`], from the labels before its
/// `func_info` to the instruction before the next function's labels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Function {
    pub name: Atom,
    pub arity: u32,
    pub entry: Label,
    pub code: Range<usize>,
}

pub(crate) fn header(c: &mut Cursor) -> Res<CodeHeader> {
    let offset = c.offset();
    let header_size = c.u32("code header size")? as usize;
    if header_size < 16 {
        return at(
            offset,
            format!("code header of {header_size} bytes, expected at least 16"),
        );
    }
    let mut h = Cursor::new(c.take(header_size, "code header")?, offset + 4);
    let set_offset = h.offset();
    let instruction_set = h.u32("instruction set")?;
    if instruction_set != INSTRUCTION_SET {
        return at(
            set_offset,
            format!("instruction set {instruction_set}, expected {INSTRUCTION_SET}"),
        );
    }
    Ok(CodeHeader {
        max_opcode: h.u32("max opcode")?,
        label_count: h.u32("label count")?,
        function_count: h.u32("function count")?,
    })
}

/// Decodes instructions up to and including `int_code_end`, each paired
/// with its file offset.
pub(crate) fn instructions(c: &mut Cursor, limits: &Limits) -> Res<Vec<(usize, Instr)>> {
    let mut code = Vec::new();
    loop {
        let offset = c.offset();
        if c.is_empty() {
            return at(offset, "code ends without int_code_end");
        }
        let number = c.u8("opcode")?;
        let Some(opcode) = Opcode::from_number(number) else {
            return at(
                offset,
                format!("unknown opcode {number} (from a newer OTP?)"),
            );
        };
        let operands = (0..opcode.arity())
            .map(|_| compact::operand(c))
            .collect::<Res<Vec<_>>>()?;
        let instr = match Instr::from_operands(opcode, operands, limits) {
            Ok(instr) => instr,
            Err(what) => return at(offset, what),
        };
        let end = matches!(instr, Instr::IntCodeEnd {});
        code.push((offset, instr));
        if end {
            return Ok(code);
        }
    }
}

/// Splits the stream into functions as BEAM's loader and `beam_disasm` do:
/// a function starts at the `label` and `line` instructions that precede
/// its `func_info`, and its entry is the label right after `func_info`.
pub(crate) fn functions(code: &[(usize, Instr)]) -> Res<Vec<Function>> {
    let func_infos: Vec<usize> = code
        .iter()
        .enumerate()
        .filter(|(_, (_, i))| matches!(i, Instr::FuncInfo { .. }))
        .map(|(n, _)| n)
        .collect();
    let starts: Vec<usize> = func_infos
        .iter()
        .map(|&fi| {
            let mut start = fi;
            while start > 0 && matches!(code[start - 1].1, Instr::Label { .. } | Instr::Line { .. })
            {
                start -= 1;
            }
            start
        })
        .collect();
    let mut functions = Vec::with_capacity(func_infos.len());
    for (n, &fi) in func_infos.iter().enumerate() {
        let Instr::FuncInfo {
            function, arity, ..
        } = code[fi].1
        else {
            unreachable!("filtered above")
        };
        let end = starts.get(n + 1).copied().unwrap_or(code.len() - 1);
        let entry = match code.get(fi + 1) {
            Some((_, Instr::Label { label })) if fi + 1 < end => *label,
            _ => {
                return at(
                    code[fi].0,
                    "func_info is not followed by the function's entry label",
                )
            }
        };
        functions.push(Function {
            name: function,
            arity,
            entry,
            code: starts[n]..end,
        });
    }
    let first_start = starts.first().copied().unwrap_or(code.len() - 1);
    if first_start != 0 {
        return at(code[0].0, "code outside any function");
    }
    Ok(functions)
}
