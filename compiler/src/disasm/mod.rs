//! A decoded [`Module`] as text: one Erlang term per line, in the layout
//! of `erlc -S` ([`Style::Asm`]), or in the exact shapes OTP's
//! `beam_disasm:file/1` returns ([`Style::BeamDisasm`]), which is what the
//! differential tests compare against OTP itself.

mod term_text;

use std::collections::HashMap;
use std::fmt::Write;

use crate::beam::{
    Alloc, AllocKind, Instr, Label, Module, Operand, Register, Source, Term, TypeIdx, TypeKinds,
};

pub use term_text::{write_atom, write_term};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Readable, like `erlc -S`: module header, indented instructions,
    /// line numbers resolved to file and line.
    Asm,
    /// The terms `beam_disasm:file/1` returns, unindented, one function
    /// header `{function,Name,Arity,Entry}.` before each function's code.
    BeamDisasm,
}

/// Renders the whole module.
pub fn module_text(module: &Module, style: Style) -> String {
    let printer = Printer::new(module, style);
    let mut out = String::new();
    if style == Style::Asm {
        printer.header(&mut out);
    }
    for function in &module.functions {
        out.push_str(if style == Style::Asm {
            "\n{function, "
        } else {
            "{function,"
        });
        write_atom(&mut out, module.atom(function.name));
        let sep = if style == Style::Asm { ", " } else { "," };
        writeln!(out, "{sep}{}{sep}{}}}.", function.arity, function.entry.0)
            .expect("writing to a String");
        for instr in &module.code[function.code.clone()] {
            if style == Style::Asm {
                out.push_str(if matches!(instr, Instr::Label { .. }) {
                    "  "
                } else {
                    "    "
                });
            }
            printer.instr(&mut out, instr);
            out.push_str(".\n");
        }
    }
    out
}

struct Printer<'a> {
    module: &'a Module,
    style: Style,
    /// Entry label → (function name, arity), for local calls.
    entries: HashMap<Label, (&'a str, u32)>,
}

impl<'a> Printer<'a> {
    fn new(module: &'a Module, style: Style) -> Self {
        let entries = module
            .functions
            .iter()
            .map(|f| (f.entry, (module.atom(f.name), f.arity)))
            .collect();
        Printer {
            module,
            style,
            entries,
        }
    }

    fn header(&self, out: &mut String) {
        out.push_str("{module, ");
        write_atom(out, self.module.name());
        out.push_str("}.\n\n{exports, [");
        for (n, export) in self.module.exports.iter().enumerate() {
            if n > 0 {
                out.push(',');
            }
            out.push('{');
            write_atom(out, self.module.atom(export.function));
            write!(out, ",{}}}", export.arity).expect("writing to a String");
        }
        out.push_str("]}.\n\n{attributes, ");
        write_term(out, self.module.attributes.as_ref().unwrap_or(&Term::Nil));
        writeln!(
            out,
            "}}.\n\n{{labels, {}}}.",
            self.module.header.label_count
        )
        .expect("writing to a String");
    }

    fn instr(&self, out: &mut String, instr: &Instr) {
        let disasm = self.style == Style::BeamDisasm;
        match instr {
            Instr::Label { label } => {
                write!(out, "{{label,{}}}", label.0).expect("writing to a String")
            }
            Instr::CallExt { arity, import } | Instr::CallExtOnly { arity, import } => {
                self.tuple_start(out, instr.opcode().name());
                write!(out, ",{arity},").expect("writing to a String");
                self.extfunc(out, import.0);
                out.push('}');
            }
            Instr::CallExtLast {
                arity,
                import,
                deallocate,
            } => {
                write!(out, "{{call_ext_last,{arity},").expect("writing to a String");
                self.extfunc(out, import.0);
                write!(out, ",{deallocate}}}").expect("writing to a String");
            }
            Instr::Call { arity, label } | Instr::CallOnly { arity, label } => {
                self.tuple_start(out, instr.opcode().name());
                write!(out, ",{arity},").expect("writing to a String");
                self.local(out, *label);
                out.push('}');
            }
            Instr::CallLast {
                arity,
                label,
                deallocate,
            } => {
                out.push_str("{call_last,");
                write!(out, "{arity},").expect("writing to a String");
                self.local(out, *label);
                write!(out, ",{deallocate}}}").expect("writing to a String");
            }
            Instr::Bif0 { bif, dst } => {
                self.bif_start(out, "bif", bif.0);
                out.push_str(if disasm { ",nofail" } else { ",{f,0}" });
                out.push_str(",[],");
                self.operand(out, &Operand::Reg(*dst));
                out.push('}');
            }
            Instr::Bif1 {
                fail,
                bif,
                arg,
                dst,
            } => self.bif(out, *fail, None, bif.0, &[arg], *dst),
            Instr::Bif2 {
                fail,
                bif,
                arg1,
                arg2,
                dst,
            } => self.bif(out, *fail, None, bif.0, &[arg1, arg2], *dst),
            Instr::GcBif1 {
                fail,
                live,
                bif,
                arg,
                dst,
            } => self.bif(out, *fail, Some(*live), bif.0, &[arg], *dst),
            Instr::GcBif2 {
                fail,
                live,
                bif,
                arg1,
                arg2,
                dst,
            } => self.bif(out, *fail, Some(*live), bif.0, &[arg1, arg2], *dst),
            Instr::GcBif3 {
                fail,
                live,
                bif,
                arg1,
                arg2,
                arg3,
                dst,
            } => self.bif(out, *fail, Some(*live), bif.0, &[arg1, arg2, arg3], *dst),
            Instr::Fadd {
                fail,
                arg1,
                arg2,
                dst,
            }
            | Instr::Fsub {
                fail,
                arg1,
                arg2,
                dst,
            }
            | Instr::Fmul {
                fail,
                arg1,
                arg2,
                dst,
            }
            | Instr::Fdiv {
                fail,
                arg1,
                arg2,
                dst,
            } => self.arithfbif(out, instr.opcode().name(), *fail, &[arg1, arg2], dst),
            Instr::Fnegate { fail, arg, dst } => self.arithfbif(out, "fnegate", *fail, &[arg], dst),
            Instr::Raise { stacktrace, value } => {
                out.push_str("{raise,{f,0},[");
                self.source(out, stacktrace);
                out.push(',');
                self.source(out, value);
                out.push_str("],{x,0}}");
            }
            Instr::Line { location } => match (disasm, self.module.location(*location)) {
                (true, _) => write!(out, "{{line,{}}}", location.0).expect("writing to a String"),
                (false, None) => out.push_str("{line,[]}"),
                (false, Some((file, line))) => {
                    write!(out, "{{line,[{{location,{file:?},{line}}}]}}")
                        .expect("writing to a String")
                }
            },
            Instr::MakeFun3 { lambda, dst, env } => {
                self.lambda_ref(out, "make_fun3", lambda.0);
                out.push(',');
                self.operand(out, &Operand::Reg(*dst));
                out.push(',');
                self.operand(out, &Operand::List(env.clone()));
                out.push('}');
            }
            Instr::MakeFun2 { lambda } => {
                self.lambda_ref(out, "make_fun2", lambda.0);
                write!(out, ",{}}}", self.module.lambdas[lambda.0 as usize].n_free)
                    .expect("writing to a String");
            }
            Instr::BsAdd {
                fail,
                arg1,
                arg2,
                unit,
                dst,
            } => {
                write!(out, "{{bs_add,{{f,{}}},[", fail.0).expect("writing to a String");
                self.source(out, arg1);
                out.push(',');
                self.source(out, arg2);
                write!(out, ",{unit}],").expect("writing to a String");
                self.operand(out, &Operand::Reg(*dst));
                out.push('}');
            }
            Instr::BsPutString { len, offset } => {
                write!(out, "{{bs_put_string,{len},{{string,").expect("writing to a String");
                write_term(out, &bytes_list(self.string_bytes(*offset, *len as usize)));
                out.push_str("}}");
            }
            Instr::BsCreateBin {
                fail,
                alloc,
                live,
                unit,
                dst,
                list,
            } if disasm => {
                // beam_disasm leaves this instruction's operands undecoded.
                write!(out, "{{bs_create_bin,[{{{{f,{}}},{{u,", fail.0)
                    .expect("writing to a String");
                self.operand(out, &Operand::Alloc(alloc.clone()));
                write!(out, "}},{{u,{live}}},{{u,{unit}}},").expect("writing to a String");
                self.operand(out, &Operand::Reg(*dst));
                write!(out, ",{{z,1}},{{u,{}}},[", list.len()).expect("writing to a String");
                self.raw_seq(out, list);
                out.push_str("]}]}");
            }
            Instr::CallFun2 { tag, arity, func } if disasm => {
                out.push_str("{call_fun2,");
                self.raw(out, tag);
                write!(out, ",{arity},").expect("writing to a String");
                self.source(out, func);
                out.push('}');
            }
            Instr::BsStartMatch3 { .. }
            | Instr::BsStartMatch4 { .. }
            | Instr::BsGetPosition { .. }
            | Instr::BsGetTail { .. }
                if disasm =>
            {
                // beam_disasm leaves the live count as `{u,N}` here.
                self.tuple_start(out, instr.opcode().name());
                for operand in instr.operands() {
                    out.push(',');
                    match operand {
                        Operand::Unsigned(_) => self.raw(out, &operand),
                        _ => self.operand(out, &operand),
                    }
                }
                out.push('}');
            }
            _ => match test_shape(instr) {
                Some(shape) => self.test(out, instr, shape),
                None => self.generic(out, instr),
            },
        }
    }

    /// `{name,Op1,...}`, or the bare name without operands; operands that
    /// are field flags are written `{field_flags,N}`.
    fn generic(&self, out: &mut String, instr: &Instr) {
        let operands = instr.operands();
        if operands.is_empty() {
            write_atom(out, instr.opcode().name());
            return;
        }
        self.tuple_start(out, instr.opcode().name());
        let flags_at = field_flags_position(instr);
        for (n, operand) in operands.iter().enumerate() {
            out.push(',');
            self.flags_or_operand(out, operand, flags_at == Some(n));
        }
        out.push('}');
    }

    /// `{test,Name,Fail,[Args]}`: the form of every conditional jump.
    fn test(&self, out: &mut String, instr: &Instr, shape: TestShape) {
        let operands = instr.operands();
        out.push_str("{test,");
        write_atom(out, instr.opcode().name());
        out.push(',');
        self.operand(out, &operands[0]);
        let flags_at = field_flags_position(instr);
        match shape {
            TestShape::ArgList => {
                out.push_str(",[");
                for (n, operand) in operands.iter().enumerate().skip(1) {
                    if n > 1 {
                        out.push(',');
                    }
                    match (instr, n) {
                        (Instr::BsMatchString { bits, offset, .. }, 3) => {
                            let bytes = self.string_bytes(*offset, (*bits as usize).div_ceil(8));
                            write_term(out, &Term::binary(bytes.to_vec()));
                        }
                        _ => self.flags_or_operand(out, operand, flags_at == Some(n)),
                    }
                }
                out.push_str("]}");
            }
            TestShape::Spread => {
                for operand in &operands[1..] {
                    out.push(',');
                    self.operand(out, operand);
                }
                out.push('}');
            }
        }
    }

    fn flags_or_operand(&self, out: &mut String, operand: &Operand, is_flags: bool) {
        match (is_flags, operand) {
            (true, Operand::Unsigned(flags)) => {
                write!(out, "{{field_flags,{flags}}}").expect("writing to a String")
            }
            _ => self.operand(out, operand),
        }
    }

    fn tuple_start(&self, out: &mut String, name: &str) {
        out.push('{');
        write_atom(out, name);
    }

    /// A local call target: the function in beam_disasm's style, the label
    /// otherwise.
    fn local(&self, out: &mut String, label: Label) {
        match (self.style, self.entries.get(&label)) {
            (Style::BeamDisasm, Some((name, arity))) => {
                out.push('{');
                write_atom(out, self.module.name());
                out.push(',');
                write_atom(out, name);
                write!(out, ",{arity}}}").expect("writing to a String");
            }
            _ => write!(out, "{{f,{}}}", label.0).expect("writing to a String"),
        }
    }

    fn extfunc(&self, out: &mut String, import: u32) {
        let import = self.module.imports[import as usize];
        out.push_str("{extfunc,");
        write_atom(out, self.module.atom(import.module));
        out.push(',');
        write_atom(out, self.module.atom(import.function));
        write!(out, ",{}}}", import.arity).expect("writing to a String");
    }

    fn bif_start(&self, out: &mut String, kind: &str, import: u32) {
        let import = self.module.imports[import as usize];
        write!(out, "{{{kind},").expect("writing to a String");
        write_atom(out, self.module.atom(import.function));
    }

    fn bif(
        &self,
        out: &mut String,
        fail: Label,
        live: Option<u32>,
        import: u32,
        args: &[&Source],
        dst: Register,
    ) {
        self.bif_start(out, if live.is_some() { "gc_bif" } else { "bif" }, import);
        write!(out, ",{{f,{}}},", fail.0).expect("writing to a String");
        if let Some(live) = live {
            write!(out, "{live},").expect("writing to a String");
        }
        self.source_list(out, args);
        out.push(',');
        self.operand(out, &Operand::Reg(dst));
        out.push('}');
    }

    fn arithfbif(&self, out: &mut String, name: &str, fail: Label, args: &[&Source], dst: &Source) {
        write!(out, "{{arithfbif,{name},{{f,{}}},", fail.0).expect("writing to a String");
        self.source_list(out, args);
        out.push(',');
        self.source(out, dst);
        out.push('}');
    }

    fn source_list(&self, out: &mut String, sources: &[&Source]) {
        out.push('[');
        for (n, source) in sources.iter().enumerate() {
            if n > 0 {
                out.push(',');
            }
            self.source(out, source);
        }
        out.push(']');
    }

    /// `{Op,{Module,Function,Arity},OldIndex,OldUniq` of a fun creation.
    fn lambda_ref(&self, out: &mut String, name: &str, index: u32) {
        let lambda = self.module.lambdas[index as usize];
        write!(out, "{{{name},{{").expect("writing to a String");
        write_atom(out, self.module.name());
        out.push(',');
        write_atom(out, self.module.atom(lambda.function));
        write!(out, ",{}}},{index},{}", lambda.arity, lambda.old_uniq)
            .expect("writing to a String");
    }

    fn string_bytes(&self, offset: u32, len: usize) -> &[u8] {
        // The reader checked that every string reference is inside `StrT`.
        &self.module.strings[offset as usize..offset as usize + len]
    }

    fn source(&self, out: &mut String, source: &Source) {
        self.operand(out, &source.clone().into());
    }

    fn operand(&self, out: &mut String, operand: &Operand) {
        match operand {
            Operand::Unsigned(n) => write!(out, "{n}").expect("writing to a String"),
            Operand::Integer(n) => write!(out, "{{integer,{n}}}").expect("writing to a String"),
            Operand::Atom(atom) => {
                out.push_str("{atom,");
                write_atom(out, self.module.atom(*atom));
                out.push('}');
            }
            Operand::Nil => out.push_str("nil"),
            Operand::Reg(register) => write_register(out, *register),
            Operand::Label(label) => write!(out, "{{f,{}}}", label.0).expect("writing to a String"),
            Operand::Char(c) => write!(out, "{{char,{c}}}").expect("writing to a String"),
            Operand::Float(f) => {
                out.push_str("{float,");
                write_term(out, &Term::Float(*f));
                out.push('}');
            }
            Operand::List(items) => {
                out.push_str("{list,[");
                for (n, item) in items.iter().enumerate() {
                    if n > 0 {
                        out.push(',');
                    }
                    self.operand(out, item);
                }
                out.push_str("]}");
            }
            Operand::FloatReg(n) => write!(out, "{{fr,{n}}}").expect("writing to a String"),
            Operand::Alloc(Alloc::Words(n)) => write!(out, "{n}").expect("writing to a String"),
            Operand::Alloc(Alloc::List(entries)) => {
                out.push_str("{alloc,[");
                for (n, (kind, count)) in entries.iter().enumerate() {
                    if n > 0 {
                        out.push(',');
                    }
                    let kind = match kind {
                        AllocKind::Words => "words",
                        AllocKind::Floats => "floats",
                        AllocKind::Funs => "funs",
                    };
                    write!(out, "{{{kind},{count}}}").expect("writing to a String");
                }
                out.push_str("]}");
            }
            Operand::Literal(index) => {
                // Float literals are shown as float constants, as both
                // `erlc -S` and beam_disasm do.
                let literal = &self.module.literals[index.0 as usize];
                out.push_str(if matches!(literal, Term::Float(_)) {
                    "{float,"
                } else {
                    "{literal,"
                });
                write_term(out, literal);
                out.push('}');
            }
            Operand::Typed(register, ty) => {
                out.push_str("{tr,");
                write_register(out, *register);
                out.push(',');
                self.type_info(out, *ty);
                out.push('}');
            }
        }
    }

    /// An operand as `beam_disasm` shows operands it does not resolve.
    fn raw(&self, out: &mut String, operand: &Operand) {
        match operand {
            Operand::Unsigned(n) => write!(out, "{{u,{n}}}").expect("writing to a String"),
            Operand::Integer(n) => write!(out, "{{i,{n}}}").expect("writing to a String"),
            other => self.operand(out, other),
        }
    }

    fn raw_seq(&self, out: &mut String, operands: &[Operand]) {
        for (n, operand) in operands.iter().enumerate() {
            if n > 0 {
                out.push(',');
            }
            self.raw(out, operand);
        }
    }

    /// beam_disasm shows `{Kinds, Min, Max}` with the range as the raw
    /// unsigned words of a version-1 type table; `Asm` lists the kinds and
    /// the range.
    fn type_info(&self, out: &mut String, index: TypeIdx) {
        let info = self.module.types[index.0 as usize];
        match self.style {
            Style::BeamDisasm => {
                let min = info.min.map_or(0, |n| n as u64);
                let max = info.max.map_or(u64::MAX, |n| n as u64);
                write!(out, "{{{},{min},{max}}}", info.kinds.0).expect("writing to a String");
            }
            Style::Asm => {
                out.push('[');
                let names = TypeKinds::NAMES
                    .iter()
                    .enumerate()
                    .filter(|(bit, _)| info.kinds.contains(1 << bit));
                for (n, (_, name)) in names.enumerate() {
                    if n > 0 {
                        out.push(',');
                    }
                    out.push_str(name);
                }
                if let (Some(min), Some(max)) = (info.min, info.max) {
                    write!(out, ",{{range,{min},{max}}}").expect("writing to a String");
                }
                out.push(']');
            }
        }
    }
}

fn write_register(out: &mut String, register: Register) {
    match register {
        Register::X(n) => write!(out, "{{x,{n}}}").expect("writing to a String"),
        Register::Y(n) => write!(out, "{{y,{n}}}").expect("writing to a String"),
    }
}

/// How a conditional instruction spreads its operands after the label.
#[derive(Clone, Copy)]
enum TestShape {
    /// `{test,Name,Fail,[Args]}`.
    ArgList,
    /// `{test,Name,Fail,Arg1,Arg2}` (has_map_fields).
    Spread,
}

fn test_shape(instr: &Instr) -> Option<TestShape> {
    use Instr as I;
    Some(match instr {
        I::HasMapFields { .. } => TestShape::Spread,
        I::IsLt { .. }
        | I::IsGe { .. }
        | I::IsEq { .. }
        | I::IsNe { .. }
        | I::IsEqExact { .. }
        | I::IsNeExact { .. }
        | I::IsInteger { .. }
        | I::IsFloat { .. }
        | I::IsNumber { .. }
        | I::IsAtom { .. }
        | I::IsPid { .. }
        | I::IsReference { .. }
        | I::IsPort { .. }
        | I::IsNil { .. }
        | I::IsBinary { .. }
        | I::IsConstant { .. }
        | I::IsList { .. }
        | I::IsNonemptyList { .. }
        | I::IsTuple { .. }
        | I::TestArity { .. }
        | I::IsFunction { .. }
        | I::IsBoolean { .. }
        | I::IsFunction2 { .. }
        | I::IsBitstr { .. }
        | I::IsMap { .. }
        | I::IsTaggedTuple { .. }
        | I::BsStartMatch2 { .. }
        | I::BsGetInteger2 { .. }
        | I::BsGetFloat2 { .. }
        | I::BsGetBinary2 { .. }
        | I::BsSkipBits2 { .. }
        | I::BsTestTail2 { .. }
        | I::BsTestUnit { .. }
        | I::BsMatchString { .. }
        | I::BsGetUtf8 { .. }
        | I::BsSkipUtf8 { .. }
        | I::BsGetUtf16 { .. }
        | I::BsSkipUtf16 { .. }
        | I::BsGetUtf32 { .. }
        | I::BsSkipUtf32 { .. } => TestShape::ArgList,
        _ => return None,
    })
}

/// The index, among an instruction's operands, of its binary field flags.
fn field_flags_position(instr: &Instr) -> Option<usize> {
    use Instr as I;
    Some(match instr {
        I::BsGetInteger2 { .. } | I::BsGetFloat2 { .. } | I::BsGetBinary2 { .. } => 5,
        I::BsSkipBits2 { .. } => 4,
        I::BsGetUtf8 { .. }
        | I::BsSkipUtf8 { .. }
        | I::BsGetUtf16 { .. }
        | I::BsSkipUtf16 { .. }
        | I::BsGetUtf32 { .. }
        | I::BsSkipUtf32 { .. } => 3,
        I::BsPutInteger { .. } | I::BsPutBinary { .. } | I::BsPutFloat { .. } => 3,
        I::BsInit2 { .. } | I::BsInitBits { .. } => 4,
        I::BsAppend { .. } => 6,
        I::BsPrivateAppend { .. } => 4,
        I::BsPutUtf8 { .. } | I::BsPutUtf16 { .. } | I::BsPutUtf32 { .. } => 1,
        _ => return None,
    })
}

fn bytes_list(bytes: &[u8]) -> Term {
    match bytes.is_empty() {
        true => Term::Nil,
        false => Term::List(
            bytes
                .iter()
                .map(|b| Term::Int(crate::beam::Int::Small(*b as i64)))
                .collect(),
            Box::new(Term::Nil),
        ),
    }
}
