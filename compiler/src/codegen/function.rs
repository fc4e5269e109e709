//! Lowering one Erlang function to one LLVM function of the uniform
//! prototype (see `erts_core::abi`). This file holds the function's frame:
//! registers, blocks, the entry and resume dispatch, and the helpers the
//! per-family lowerings (`lower_*.rs`) share.
//!
//! x registers are allocas that LLVM turns into SSA values; y registers
//! are words of the explicit stack (`sp[1 + k]`). Nothing that is a term
//! stays in an LLVM value across a call that may collect: live x registers
//! go to the register array first and are reloaded after.

use std::collections::HashMap;

use inkwell::basic_block::BasicBlock;
use inkwell::builder::Builder;
use inkwell::context::Context;
use inkwell::module::Module as LlvmModule;
use inkwell::values::{BasicValueEnum, FunctionValue, GlobalValue, IntValue, PointerValue};
use inkwell::IntPredicate;

use erts_core::abi;
use erts_core::tag;

use super::atoms::AtomNumbering;
use super::context::{runtime_fn, Types};
use super::frames;
use super::literals::{LiteralArea, Word};
use super::Unsupported;
use crate::beam::{self, Instr, Label, Register, Source};

/// Shared state for lowering the functions of one module.
pub struct ModuleLowering<'a, 'ctx> {
    pub ctx: &'ctx Context,
    pub llvm: &'a LlvmModule<'ctx>,
    pub types: &'a Types<'ctx>,
    pub module: &'a beam::Module,
    pub atoms: &'a mut AtomNumbering,
    /// The LLVM function of every function of this module, by entry label.
    pub locals: &'a HashMap<Label, FunctionValue<'ctx>>,
    pub unsupported: &'a mut Vec<Unsupported>,
    /// Location constants already emitted, by (function index, line index).
    pub locations: HashMap<(usize, u32), GlobalValue<'ctx>>,
    /// The module's literals laid out so far, and the word of each.
    pub literal_area: LiteralArea,
    pub literal_words: HashMap<u32, Word>,
    /// The global the literal area becomes (see `emit_literal_area`).
    pub literal_global: GlobalValue<'ctx>,
}

impl<'ctx> ModuleLowering<'_, 'ctx> {
    /// The word of literal `index`: an immediate, or a constant expression
    /// pointing into the literal area.
    fn literal(&mut self, index: u32) -> Result<IntValue<'ctx>, String> {
        let word = match self.literal_words.get(&index) {
            Some(word) => *word,
            None => {
                let word = self
                    .literal_area
                    .add(&self.module.literals[index as usize], self.atoms)?;
                self.literal_words.insert(index, word);
                word
            }
        };
        Ok(self.word_value(word))
    }

    fn word_value(&self, word: Word) -> IntValue<'ctx> {
        match word {
            Word::Raw(bits) => self.types.word.const_int(bits, false),
            Word::Pointer { offset, tag } => {
                let byte_offset = self.types.word.const_int((offset * 8) as u64 + tag, false);
                let base = self.literal_global.as_pointer_value();
                // SAFETY: the offset stays inside the literal area (the tag
                // adds less than a word to an object's address).
                let address = unsafe { base.const_gep(self.ctx.i8_type(), &[byte_offset]) };
                address.const_to_int(self.types.word)
            }
        }
    }

    /// Gives the literal area its final size and contents. Pointers into
    /// it were made against a placeholder global, which is replaced.
    pub fn emit_literal_area(&mut self) {
        let words = std::mem::take(&mut self.literal_area.words);
        let array_type = self.types.word.array_type(words.len() as u32);
        let global = self.llvm.add_global(array_type, None, "literals");
        global.set_constant(true);
        global.set_linkage(inkwell::module::Linkage::Private);
        global.set_alignment(8);
        let placeholder = self.literal_global;
        self.literal_global = global;
        let values: Vec<IntValue> = words.iter().map(|w| self.word_value(*w)).collect();
        global.set_initializer(&self.types.word.const_array(&values));
        placeholder
            .as_pointer_value()
            .replace_all_uses_with(global.as_pointer_value());
        // SAFETY: every use of the placeholder now refers to `global`.
        unsafe { placeholder.delete() };
    }
}

pub struct FnLowering<'m, 'a, 'ctx> {
    pub m: &'m mut ModuleLowering<'a, 'ctx>,
    pub b: Builder<'ctx>,
    pub function: FunctionValue<'ctx>,
    pub function_index: usize,
    pub arity: u32,
    pub process: PointerValue<'ctx>,
    pub sp_var: PointerValue<'ctx>,
    pub reds_var: PointerValue<'ctx>,
    pub x_vars: Vec<PointerValue<'ctx>>,
    /// Float registers, made on first use.
    pub fr_vars: Vec<PointerValue<'ctx>>,
    pub labels: HashMap<Label, BasicBlock<'ctx>>,
    /// `(entry, block)` of every call site's and handler's resume block.
    pub resumes: Vec<(u32, BasicBlock<'ctx>)>,
    /// Entry numbers handed out whose resume block is not made yet.
    pub pending_entries: u32,
    /// Returns `NON_VALUE` to unwind to the trampoline.
    pub unwind_block: BasicBlock<'ctx>,
    /// Frame size before each instruction.
    pub frame_sizes: Vec<Option<u32>>,
    /// The instruction being lowered (index into the function's code).
    pub at: usize,
    /// The line index of the last `line` instruction.
    pub line: u32,
    /// False once the current block has its terminator.
    pub open: bool,
}

impl<'m, 'a, 'ctx> FnLowering<'m, 'a, 'ctx> {
    /// Lowers function `index` of the module into `function`.
    pub fn lower(m: &'m mut ModuleLowering<'a, 'ctx>, index: usize, function: FunctionValue<'ctx>) {
        let beam_function = &m.module.functions[index];
        let code = &m.module.code[beam_function.code.clone()];
        let ctx = m.ctx;
        let b = ctx.create_builder();
        let entry_block = ctx.append_basic_block(function, "entry");
        let start_block = ctx.append_basic_block(function, "start");
        let yield_block = ctx.append_basic_block(function, "yield");
        let unwind_block = ctx.append_basic_block(function, "unwind");
        b.position_at_end(entry_block);

        let n_x = max_x_register(code)
            .max(abi::X_ARGUMENTS as u32)
            .max(beam_function.arity);
        let word = m.types.word;
        let x_vars: Vec<_> = (0..n_x)
            .map(|n| {
                b.build_alloca(word, &format!("x{n}"))
                    .expect("builder positioned")
            })
            .collect();
        let sp_var = b
            .build_alloca(m.types.ptr, "sp")
            .expect("builder positioned");
        let reds_var = b.build_alloca(word, "reds").expect("builder positioned");
        let param = |n: u32| {
            function
                .get_nth_param(n)
                .expect("the uniform prototype has it")
        };
        let process = param(0).into_pointer_value();
        b.build_store(sp_var, param(1)).expect("builder positioned");
        b.build_store(reds_var, param(2))
            .expect("builder positioned");
        for (n, var) in x_vars.iter().take(abi::X_ARGUMENTS).enumerate() {
            b.build_store(*var, param(4 + n as u32))
                .expect("builder positioned");
        }

        let labels = code
            .iter()
            .filter_map(|instr| match instr {
                Instr::Label { label } => Some((
                    *label,
                    ctx.append_basic_block(function, &format!("L{}", label.0)),
                )),
                _ => None,
            })
            .collect();
        let mut lowering = FnLowering {
            b,
            function,
            function_index: index,
            arity: beam_function.arity,
            process,
            sp_var,
            reds_var,
            x_vars,
            fr_vars: Vec::new(),
            labels,
            resumes: Vec::new(),
            pending_entries: 0,
            unwind_block,
            frame_sizes: frames::frame_sizes(code, beam_function.entry),
            at: 0,
            line: 0,
            open: false,
            m,
        };
        lowering.emit_start(start_block, yield_block, beam_function.entry);
        lowering.emit_unwind();
        for (at, instr) in code.iter().enumerate() {
            lowering.at = at;
            lowering.instr(instr);
        }
        if lowering.open {
            lowering.b.build_unreachable().expect("builder positioned");
        }
        lowering.emit_dispatch(entry_block, start_block);
    }

    /// `start`: spend a reduction, yield when the budget is gone, load the
    /// arguments beyond the native ones and enter the function body.
    fn emit_start(&mut self, start: BasicBlock<'ctx>, yield_block: BasicBlock<'ctx>, entry: Label) {
        let word = self.m.types.word;
        self.b.position_at_end(start);
        let reds = self.load_reds();
        let reds = self
            .b
            .build_int_sub(reds, word.const_int(1, false), "reds")
            .expect("positioned");
        self.b.build_store(self.reds_var, reds).expect("positioned");
        let spent = self
            .b
            .build_int_compare(IntPredicate::SLE, reds, word.const_zero(), "spent")
            .expect("positioned");
        let body = self.b.get_insert_block().expect("positioned");
        let _ = body;
        let load_args = self.m.ctx.append_basic_block(self.function, "args");
        self.b
            .build_conditional_branch(spent, yield_block, load_args)
            .expect("positioned");

        self.b.position_at_end(load_args);
        for n in abi::X_ARGUMENTS as u32..self.arity {
            let value = self.load_x_array(n);
            self.b
                .build_store(self.x_vars[n as usize], value)
                .expect("positioned");
        }
        let target = self.labels[&entry];
        self.b
            .build_unconditional_branch(target)
            .expect("positioned");

        self.b.position_at_end(yield_block);
        for n in 0..(abi::X_ARGUMENTS as u32).min(self.arity) {
            let value = self.load_x(n);
            self.store_x_array(n, value);
        }
        let yield_fn = runtime_fn(
            self.m.ctx,
            self.m.llvm,
            self.m.types,
            "earts_yield_at_entry",
        );
        let sp = self.load_sp();
        let function_ptr = self.function.as_global_value().as_pointer_value();
        let arity = word.const_int(self.arity as u64, false);
        self.b
            .build_call(
                yield_fn,
                &[
                    self.process.into(),
                    sp.into(),
                    function_ptr.into(),
                    arity.into(),
                ],
                "",
            )
            .expect("positioned");
        self.b
            .build_unconditional_branch(self.unwind_block)
            .expect("positioned");
    }

    fn emit_unwind(&mut self) {
        self.b.position_at_end(self.unwind_block);
        let non_value = self.m.types.word.const_int(abi::NON_VALUE, false);
        self.return_pair(non_value, self.m.types.word.const_zero());
    }

    /// The entry block ends in a switch on `entry`: 0 starts the function,
    /// `k` resumes after call site `k`.
    fn emit_dispatch(&mut self, entry_block: BasicBlock<'ctx>, start: BasicBlock<'ctx>) {
        self.b.position_at_end(entry_block);
        let entry = self
            .function
            .get_nth_param(3)
            .expect("uniform prototype")
            .into_int_value();
        if self.resumes.is_empty() {
            self.b
                .build_unconditional_branch(start)
                .expect("positioned");
            return;
        }
        // Calls (entry 0) are what matters for speed: one test, then the
        // switch over resume points only on the way back from a stop.
        let resume = self.new_block("dispatch");
        let is_call = self
            .b
            .build_int_compare(
                IntPredicate::EQ,
                entry,
                self.m.types.i32.const_zero(),
                "is_call",
            )
            .expect("positioned");
        self.b
            .build_conditional_branch(is_call, start, resume)
            .expect("positioned");
        self.b.position_at_end(resume);
        let cases: Vec<_> = self
            .resumes
            .iter()
            .map(|(k, block)| (self.m.types.i32.const_int(*k as u64, false), *block))
            .collect();
        let (_, first) = cases[0];
        self.b
            .build_switch(entry, first, &cases[1..])
            .expect("positioned");
    }

    /// Starts a block for code that follows a terminator without a label
    /// (never reached; kept so the instructions still lower).
    pub fn ensure_open(&mut self) {
        if !self.open {
            let dead = self.m.ctx.append_basic_block(self.function, "dead");
            self.b.position_at_end(dead);
            self.open = true;
        }
    }

    pub fn branch_to(&mut self, label: Label) {
        let block = self.block(label);
        self.b
            .build_unconditional_branch(block)
            .expect("positioned");
        self.open = false;
    }

    pub fn block(&self, label: Label) -> BasicBlock<'ctx> {
        self.labels
            .get(&label)
            .copied()
            .unwrap_or(self.unwind_block)
    }

    pub fn new_block(&self, name: &str) -> BasicBlock<'ctx> {
        self.m.ctx.append_basic_block(self.function, name)
    }

    // Registers, the stack and the process.

    pub fn load_x(&self, n: u32) -> IntValue<'ctx> {
        self.b
            .build_load(self.m.types.word, self.x_vars[n as usize], "x")
            .expect("positioned")
            .into_int_value()
    }

    pub fn store_x(&self, n: u32, value: IntValue<'ctx>) {
        self.b
            .build_store(self.x_vars[n as usize], value)
            .expect("positioned");
    }

    pub fn load_sp(&self) -> PointerValue<'ctx> {
        self.b
            .build_load(self.m.types.ptr, self.sp_var, "sp")
            .expect("positioned")
            .into_pointer_value()
    }

    pub fn store_sp(&self, sp: PointerValue<'ctx>) {
        self.b.build_store(self.sp_var, sp).expect("positioned");
    }

    pub fn load_reds(&self) -> IntValue<'ctx> {
        self.b
            .build_load(self.m.types.word, self.reds_var, "reds")
            .expect("positioned")
            .into_int_value()
    }

    /// The address of stack word `index` from `sp` (negative moves down).
    pub fn stack_slot(&self, sp: PointerValue<'ctx>, index: i64) -> PointerValue<'ctx> {
        let offset = self.m.types.word.const_int(index as u64, true);
        // SAFETY: an in-bounds offset within the process's explicit stack:
        // the frame was allocated (and its size checked) before use.
        unsafe {
            self.b
                .build_in_bounds_gep(self.m.types.word, sp, &[offset], "slot")
                .expect("positioned")
        }
    }

    pub fn load_y(&self, n: u32) -> IntValue<'ctx> {
        let slot = self.stack_slot(self.load_sp(), n as i64 + 1);
        self.b
            .build_load(self.m.types.word, slot, "y")
            .expect("positioned")
            .into_int_value()
    }

    pub fn store_y(&self, n: u32, value: IntValue<'ctx>) {
        let slot = self.stack_slot(self.load_sp(), n as i64 + 1);
        self.b.build_store(slot, value).expect("positioned");
    }

    /// A pointer-sized field of the process at `offset` bytes.
    pub fn process_field(&self, offset: usize) -> PointerValue<'ctx> {
        let offset = self.m.types.word.const_int(offset as u64, false);
        // SAFETY: `offset` is one of `abi::process`'s field offsets.
        unsafe {
            self.b
                .build_in_bounds_gep(self.m.ctx.i8_type(), self.process, &[offset], "field")
                .expect("positioned")
        }
    }

    pub fn load_ptr_field(&self, offset: usize) -> PointerValue<'ctx> {
        let field = self.process_field(offset);
        self.b
            .build_load(self.m.types.ptr, field, "p")
            .expect("positioned")
            .into_pointer_value()
    }

    fn x_array_slot(&self, n: u32) -> PointerValue<'ctx> {
        let array = self.load_ptr_field(abi::process::X);
        let index = self.m.types.word.const_int(n as u64, false);
        // SAFETY: `n` is below `abi::X_REGISTERS` (checked by the reader).
        unsafe {
            self.b
                .build_in_bounds_gep(self.m.types.word, array, &[index], "xa")
                .expect("positioned")
        }
    }

    pub fn load_x_array(&self, n: u32) -> IntValue<'ctx> {
        let slot = self.x_array_slot(n);
        self.b
            .build_load(self.m.types.word, slot, "xa")
            .expect("positioned")
            .into_int_value()
    }

    pub fn store_x_array(&self, n: u32, value: IntValue<'ctx>) {
        let slot = self.x_array_slot(n);
        self.b.build_store(slot, value).expect("positioned");
    }

    /// Before a call that may collect: the first `live` x registers go to
    /// the register array (the collector's roots) and `sp` to the process.
    pub fn spill_live(&self, live: u32) {
        for n in 0..live.min(self.x_vars.len() as u32) {
            let value = self.load_x(n);
            self.store_x_array(n, value);
        }
    }

    /// After such a call: reload what the collector may have moved.
    pub fn reload_live(&self, live: u32) {
        for n in 0..live.min(self.x_vars.len() as u32) {
            let value = self.load_x_array(n);
            self.store_x(n, value);
        }
    }

    pub fn return_pair(&self, x0: IntValue<'ctx>, reds: IntValue<'ctx>) {
        let result = self.m.types.result.get_undef();
        let result = self
            .b
            .build_insert_value(result, x0, 0, "r")
            .expect("positioned");
        let result = self
            .b
            .build_insert_value(result, reds, 1, "r")
            .expect("positioned");
        self.b
            .build_return(Some(&result.into_struct_value()))
            .expect("positioned");
    }

    // Values.

    pub fn word(&self, value: u64) -> IntValue<'ctx> {
        self.m.types.word.const_int(value, false)
    }

    /// The term word a source operand denotes.
    pub fn source(&mut self, source: &Source) -> Option<IntValue<'ctx>> {
        Some(match source {
            Source::Reg(register) | Source::Typed(register, _) => self.load_register(*register),
            Source::Integer(beam::Int::Small(n))
                if (erts_core::Term::MIN_SMALL..=erts_core::Term::MAX_SMALL).contains(n) =>
            {
                self.word(small_word(*n))
            }
            Source::Atom(atom) => {
                let name = self.m.module.atom(*atom).to_string();
                let word = self.m.atoms.term(&name);
                self.word(word)
            }
            Source::Nil => self.word(tag::IMMEDIATE2_NIL),
            Source::Literal(index) => match self.m.literal(index.0) {
                Ok(value) => value,
                Err(what) => {
                    self.unsupported_operand(&what);
                    return None;
                }
            },
            Source::Integer(n) => match self
                .m
                .literal_area
                .add(&beam::Term::Int(n.clone()), self.m.atoms)
            {
                Ok(word) => self.m.word_value(word),
                Err(what) => {
                    self.unsupported_operand(&what);
                    return None;
                }
            },
            Source::Float(value) => match self
                .m
                .literal_area
                .add(&beam::Term::Float(*value), self.m.atoms)
            {
                Ok(word) => self.m.word_value(word),
                Err(what) => {
                    self.unsupported_operand(&what);
                    return None;
                }
            },
            _ => {
                self.unsupported_operand("a constant of this kind");
                return None;
            }
        })
    }

    /// Stack space for the whole call of this function: an alloca in the
    /// entry block (one made in a loop's block would grow each time round).
    pub fn entry_alloca(
        &self,
        ty: impl inkwell::types::BasicType<'ctx>,
        name: &str,
    ) -> PointerValue<'ctx> {
        let here = self.b.get_insert_block();
        let entry = self
            .function
            .get_first_basic_block()
            .expect("the function has its entry block");
        match entry.get_first_instruction() {
            Some(first) => self.b.position_before(&first),
            None => self.b.position_at_end(entry),
        }
        let slot = self.b.build_alloca(ty, name).expect("positioned");
        if let Some(block) = here {
            self.b.position_at_end(block);
        }
        slot
    }

    /// The term words of the value operands of a list operand
    /// (`put_tuple2`'s elements, `make_fun3`'s environment); `None` after
    /// recording an operand that cannot be lowered.
    pub fn operand_values(
        &mut self,
        operands: &[beam::Operand],
        what: &str,
    ) -> Option<Vec<IntValue<'ctx>>> {
        let mut values = Vec::with_capacity(operands.len());
        for operand in operands {
            let source = match operand {
                beam::Operand::Reg(r) => Source::Reg(*r),
                beam::Operand::Typed(r, t) => Source::Typed(*r, *t),
                beam::Operand::Atom(a) => Source::Atom(*a),
                beam::Operand::Nil => Source::Nil,
                beam::Operand::Integer(i) => Source::Integer(i.clone()),
                beam::Operand::Literal(l) => Source::Literal(*l),
                beam::Operand::Float(f) => Source::Float(*f),
                _ => {
                    self.unsupported_operand(what);
                    return None;
                }
            };
            values.push(self.source(&source)?);
        }
        Some(values)
    }

    /// Calls a raising runtime function with the process, `sp` and `args`,
    /// then unwinds: the exception is recorded, the trampoline takes over.
    pub fn raise_with(
        &mut self,
        name: &str,
        args: &[inkwell::values::BasicMetadataValueEnum<'ctx>],
    ) {
        let raise = runtime_fn(self.m.ctx, self.m.llvm, self.m.types, name);
        self.clear_resume_slot();
        let sp = self.load_sp();
        let mut all_args = vec![self.process.into(), sp.into()];
        all_args.extend_from_slice(args);
        self.b.build_call(raise, &all_args, "").expect("positioned");
        self.b
            .build_unconditional_branch(self.unwind_block)
            .expect("positioned");
        self.open = false;
    }

    /// Before a raise: this function's frame (if it has one) has no call
    /// in progress, so its resume slot, which still names the last call
    /// made, must not show in the stack trace.
    pub fn clear_resume_slot(&mut self) {
        if self.frame_sizes[self.at].unwrap_or(0) == 0 {
            return;
        }
        let slot = self.stack_slot(self.load_sp(), 0);
        self.b
            .build_store(slot, self.m.types.word.const_zero())
            .expect("positioned");
    }

    pub fn load_register(&self, register: Register) -> IntValue<'ctx> {
        match register {
            Register::X(n) => self.load_x(n),
            Register::Y(n) => self.load_y(n),
        }
    }

    pub fn store_register(&self, register: Register, value: IntValue<'ctx>) {
        match register {
            Register::X(n) => self.store_x(n, value),
            Register::Y(n) => self.store_y(n, value),
        }
    }

    /// True when `value` has the 4-bit tag `tag` under `mask`.
    pub fn has_tag(&self, value: IntValue<'ctx>, mask: u64, tag: u64) -> IntValue<'ctx> {
        let bits = self
            .b
            .build_and(value, self.word(mask), "tagbits")
            .expect("positioned");
        self.b
            .build_int_compare(IntPredicate::EQ, bits, self.word(tag), "is")
            .expect("positioned")
    }

    /// Records that the current instruction cannot be lowered yet; the
    /// build fails listing every such place.
    pub fn unsupported(&mut self, instr: &Instr) {
        let module = self.m.module;
        let function = &module.functions[self.function_index];
        self.m.unsupported.push(Unsupported {
            module: module.name().to_string(),
            function: format!("{}/{}", module.atom(function.name), function.arity),
            what: instr.opcode().name().to_string(),
        });
    }

    pub fn unsupported_operand(&mut self, what: &str) {
        let module = self.m.module;
        let function = &module.functions[self.function_index];
        self.m.unsupported.push(Unsupported {
            module: module.name().to_string(),
            function: format!("{}/{}", module.atom(function.name), function.arity),
            what: what.to_string(),
        });
    }

    /// A `Location` constant for the current function and line.
    pub fn location(&mut self) -> PointerValue<'ctx> {
        let key = (self.function_index, self.line);
        if let Some(global) = self.m.locations.get(&key) {
            return global.as_pointer_value();
        }
        let module = self.m.module;
        let function = &module.functions[self.function_index];
        let module_atom = self.m.atoms.term(module.name());
        let function_atom = self.m.atoms.term(module.atom(function.name));
        let (file, line) = module
            .location(beam::LineIdx(self.line))
            .unwrap_or_default();
        let file_global = self.m.llvm.add_global(
            self.m.ctx.i8_type().array_type(file.len() as u32),
            None,
            "file",
        );
        file_global.set_initializer(&self.m.ctx.const_string(file.as_bytes(), false));
        file_global.set_constant(true);
        file_global.set_linkage(inkwell::module::Linkage::Private);
        let t = self.m.types;
        let value = t.location.const_named_struct(&[
            t.word.const_int(module_atom, false).into(),
            t.word.const_int(function_atom, false).into(),
            t.word.const_int(function.arity as u64, false).into(),
            file_global.as_pointer_value().into(),
            t.word.const_int(file.len() as u64, false).into(),
            t.word.const_int(line as u64, false).into(),
        ]);
        let global = self.m.llvm.add_global(t.location, None, "location");
        global.set_initializer(&value);
        global.set_constant(true);
        global.set_linkage(inkwell::module::Linkage::Private);
        self.m.locations.insert(key, global);
        global.as_pointer_value()
    }

    pub fn call_value(
        &self,
        function: FunctionValue<'ctx>,
        args: &[BasicValueEnum<'ctx>],
        name: &str,
    ) -> IntValue<'ctx> {
        let args: Vec<_> = args.iter().map(|a| (*a).into()).collect();
        match self
            .b
            .build_call(function, &args, name)
            .expect("positioned")
            .try_as_basic_value()
        {
            inkwell::values::ValueKind::Basic(value) => value.into_int_value(),
            inkwell::values::ValueKind::Instruction(_) => unreachable!("called for its value"),
        }
    }
}

/// The term word of a small integer.
pub fn small_word(n: i64) -> u64 {
    ((n as u64) << tag::IMMEDIATE1_BITS) | tag::IMMEDIATE1_SMALL
}

/// The highest x register any instruction of `code` names, plus one.
fn max_x_register(code: &[Instr]) -> u32 {
    fn visit(operand: &beam::Operand, max: &mut u32) {
        match operand {
            beam::Operand::Reg(Register::X(n)) | beam::Operand::Typed(Register::X(n), _) => {
                *max = (*max).max(n + 1)
            }
            beam::Operand::List(items) => items.iter().for_each(|item| visit(item, max)),
            _ => {}
        }
    }
    let mut max = 0;
    for instr in code {
        for operand in instr.operands() {
            visit(&operand, &mut max);
        }
        // Calls and heap tests name registers by count, not operand.
        let counted = match instr {
            Instr::Call { arity, .. }
            | Instr::CallOnly { arity, .. }
            | Instr::CallLast { arity, .. } => *arity,
            Instr::CallExt { arity, .. }
            | Instr::CallExtOnly { arity, .. }
            | Instr::CallExtLast { arity, .. } => *arity,
            Instr::TestHeap { live, .. }
            | Instr::Allocate { live, .. }
            | Instr::AllocateHeap { live, .. } => *live,
            Instr::GcBif1 { live, .. }
            | Instr::GcBif2 { live, .. }
            | Instr::GcBif3 { live, .. } => *live,
            _ => 0,
        };
        max = max.max(counted);
    }
    max
}
