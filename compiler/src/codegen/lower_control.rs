//! Labels, jumps, switches, returns and calls.

use inkwell::values::{BasicValueEnum, FunctionValue, IntValue, PointerValue};
use inkwell::IntPredicate;

use erts_core::abi;
use erts_core::tag;

use super::context::{bif_fn, runtime_fn};
use super::function::FnLowering;
use crate::beam::{ImportIdx, Label, Operand, Source};
use crate::link::{is_bif, Mfa};

/// What a call calls: a known function, or code found at run time.
#[derive(Clone, Copy)]
pub enum Callee<'ctx> {
    Direct(FunctionValue<'ctx>),
    Indirect(inkwell::values::PointerValue<'ctx>),
}

/// How a call leaves the caller.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum CallKind {
    /// A body call: the caller continues after it.
    Body,
    /// A tail call that first pops a frame of this many words (0: none).
    Tail { deallocate_words: u32 },
}

impl<'ctx> FnLowering<'_, '_, 'ctx> {
    pub fn lower_label(&mut self, label: Label) {
        let block = self.block(label);
        if self.open {
            self.b
                .build_unconditional_branch(block)
                .expect("positioned");
        }
        self.b.position_at_end(block);
        self.open = true;
    }

    pub fn lower_return(&mut self) {
        let x0 = self.load_x(0);
        let reds = self.load_reds();
        self.return_pair(x0, reds);
        self.open = false;
    }

    /// `select_val`: a switch over immediate values (small integers and
    /// atoms compare as words).
    pub fn lower_select_val(&mut self, arg: &Source, fail: Label, list: &[Operand]) {
        let Some(value) = self.source(arg) else {
            return;
        };
        let mut cases = Vec::new();
        for pair in list.chunks(2) {
            let [constant, Operand::Label(target)] = pair else {
                self.unsupported_operand("select_val list");
                return;
            };
            let word = match constant {
                Operand::Integer(crate::beam::Int::Small(n)) => super::function::small_word(*n),
                Operand::Atom(atom) => {
                    let name = self.m.module.atom(*atom).to_string();
                    self.m.atoms.term(&name)
                }
                Operand::Nil => tag::IMMEDIATE2_NIL,
                _ => {
                    self.unsupported_operand("select_val on a non-immediate value");
                    return;
                }
            };
            cases.push((self.word(word), self.block(*target)));
        }
        let default = self.block(fail);
        self.b
            .build_switch(value, default, &cases)
            .expect("positioned");
        self.open = false;
    }

    /// `select_tuple_arity`: a switch over the tuple's header word.
    pub fn lower_select_tuple_arity(&mut self, arg: &Source, fail: Label, list: &[Operand]) {
        let Some(tuple) = self.source(arg) else {
            return;
        };
        let header = self.load_boxed_word(tuple, 0);
        let mut cases = Vec::new();
        for pair in list.chunks(2) {
            let [Operand::Unsigned(arity), Operand::Label(target)] = pair else {
                self.unsupported_operand("select_tuple_arity list");
                return;
            };
            cases.push((self.word(tuple_header(*arity)), self.block(*target)));
        }
        let default = self.block(fail);
        self.b
            .build_switch(header, default, &cases)
            .expect("positioned");
        self.open = false;
    }

    /// A call to function `label` of this module.
    pub fn lower_local_call(&mut self, arity: u32, label: Label, kind: CallKind) {
        let Some(&callee) = self.m.locals.get(&label) else {
            self.unsupported_operand("a call to a label that is no function entry");
            return;
        };
        self.call_erlang(Callee::Direct(callee), arity, kind);
    }

    /// A call through the import table: a BIF, or another module's function.
    pub fn lower_external_call(&mut self, arity: u32, import: ImportIdx, kind: CallKind) {
        let module = self.m.module;
        let import = module.imports[import.0 as usize];
        let mfa = Mfa::new(
            module.atom(import.module),
            module.atom(import.function),
            import.arity,
        );
        if &*mfa.module == "erlang" && &*mfa.function == "apply" && matches!(mfa.arity, 2 | 3) {
            self.lower_apply_list(mfa.arity, kind);
            return;
        }
        if is_bif(&mfa) {
            self.call_bif_in_place(&mfa, kind);
            return;
        }
        let symbol = erts_core::abi::function_symbol(&mfa.module, &mfa.function, mfa.arity);
        let callee = match self.m.llvm.get_function(&symbol) {
            Some(function) => function,
            None => self
                .m
                .llvm
                .add_function(&symbol, self.m.types.erlang_fn, None),
        };
        self.call_erlang(Callee::Direct(callee), arity, kind);
    }

    /// Calls an Erlang function with the uniform prototype. A body call
    /// writes its resume point into the frame first, and unwinds when the
    /// callee returns `NON_VALUE`; a tail call is a `musttail` call.
    pub(super) fn call_erlang(&mut self, callee: Callee<'ctx>, arity: u32, kind: CallKind) {
        for n in abi::X_ARGUMENTS as u32..arity {
            let value = self.load_x(n);
            self.store_x_array(n, value);
        }
        let mut sp = self.load_sp();
        if let CallKind::Tail { deallocate_words } = kind {
            sp = self.stack_slot(sp, deallocate_words as i64);
        }
        let entry = match kind {
            CallKind::Body => {
                let (entry, resume_point) = self.new_resume_point();
                self.pending_entries += 1;
                self.b.build_store(sp, resume_point).expect("positioned");
                Some(entry)
            }
            CallKind::Tail { .. } => None,
        };
        let mut args: Vec<BasicValueEnum> = vec![
            self.process.into(),
            sp.into(),
            self.load_reds().into(),
            self.m.types.i32.const_zero().into(),
        ];
        for n in 0..abi::X_ARGUMENTS as u32 {
            let value = if n < arity {
                self.load_x(n)
            } else {
                self.word(0)
            };
            args.push(value.into());
        }
        let args: Vec<_> = args.iter().map(|a| (*a).into()).collect();
        // The callee may grow (and so move) the stack; this frame keeps its
        // distance from the stack's end.
        let end_before = entry.map(|_| self.load_ptr_field(abi::process::STACK_END));
        let call = match callee {
            Callee::Direct(function) => self.b.build_call(function, &args, "call"),
            Callee::Indirect(code) => {
                self.b
                    .build_indirect_call(self.m.types.erlang_fn, code, &args, "call")
            }
        }
        .expect("positioned");
        let result = match call.try_as_basic_value() {
            inkwell::values::ValueKind::Basic(value) => value.into_struct_value(),
            inkwell::values::ValueKind::Instruction(_) => {
                unreachable!("Erlang functions return a pair")
            }
        };
        let Some(entry) = entry else {
            call.set_tail_call_kind(inkwell::values::LLVMTailCallKind::LLVMTailCallKindMustTail);
            self.b.build_return(Some(&result)).expect("positioned");
            self.open = false;
            return;
        };
        let x0 = self
            .b
            .build_extract_value(result, 0, "x0")
            .expect("positioned")
            .into_int_value();
        let reds = self
            .b
            .build_extract_value(result, 1, "reds")
            .expect("positioned")
            .into_int_value();
        let returned = self.new_block("returned");
        let stopped = self
            .b
            .build_int_compare(IntPredicate::EQ, x0, self.word(abi::NON_VALUE), "stopped")
            .expect("positioned");
        self.b
            .build_conditional_branch(stopped, self.unwind_block, returned)
            .expect("positioned");
        self.b.position_at_end(returned);
        self.store_x(0, x0);
        self.b.build_store(self.reds_var, reds).expect("positioned");
        if let Some(end_before) = end_before {
            self.follow_stack_move(sp, end_before);
        }
        let continuation = self.new_block("continue");
        self.b
            .build_unconditional_branch(continuation)
            .expect("positioned");

        self.add_resume(entry, continuation);
        self.b.position_at_end(continuation);
    }

    /// After a call: `sp` is the frame's address before it; the stack may
    /// have moved since `end_before` was its end.
    fn follow_stack_move(&mut self, sp: PointerValue<'ctx>, end_before: PointerValue<'ctx>) {
        let end_after = self.load_ptr_field(abi::process::STACK_END);
        let word = self.m.types.word;
        let before = self
            .b
            .build_ptr_to_int(end_before, word, "end_before")
            .expect("positioned");
        let after = self
            .b
            .build_ptr_to_int(end_after, word, "end_after")
            .expect("positioned");
        let moved = self
            .b
            .build_int_sub(after, before, "moved")
            .expect("positioned");
        // SAFETY: the frame moved with the stack by exactly `moved` bytes.
        let new_sp = unsafe {
            self.b
                .build_gep(self.m.ctx.i8_type(), sp, &[moved], "sp")
                .expect("positioned")
        };
        self.store_sp(new_sp);
    }

    /// The next `entry` number of this function.
    pub fn next_entry(&mut self) -> u32 {
        self.resumes.len() as u32 + self.pending_entries + 1
    }

    /// Resuming at `target` with entry `entry`: the trampoline passes the
    /// frame's `sp`, the budget and a value for x0.
    pub fn add_resume(&mut self, entry: u32, target: inkwell::basic_block::BasicBlock<'ctx>) {
        let here = self.b.get_insert_block();
        let resume = self.new_block("resume");
        self.b.position_at_end(resume);
        let param = |n: u32| self.function.get_nth_param(n).expect("uniform prototype");
        self.b
            .build_store(self.sp_var, param(1))
            .expect("positioned");
        self.b
            .build_store(self.reds_var, param(2))
            .expect("positioned");
        self.store_x(0, param(4).into_int_value());
        self.b
            .build_unconditional_branch(target)
            .expect("positioned");
        self.resumes.push((entry, resume));
        self.pending_entries = self.pending_entries.saturating_sub(1);
        if let Some(block) = here {
            self.b.position_at_end(block);
        }
    }

    /// A constant `ResumePoint` that goes on at `target` in this frame.
    pub fn resume_point_to(
        &mut self,
        target: inkwell::basic_block::BasicBlock<'ctx>,
    ) -> inkwell::values::PointerValue<'ctx> {
        let (entry, point) = self.new_resume_point();
        self.pending_entries += 1;
        self.add_resume(entry, target);
        point
    }

    /// A constant `ResumePoint` for the next call site; returns its entry
    /// number and address.
    fn new_resume_point(&mut self) -> (u32, inkwell::values::PointerValue<'ctx>) {
        let entry = self.next_entry();
        let frame_words = self.frame_sizes[self.at].unwrap_or(0);
        let location = self.location();
        let t = self.m.types;
        let value = t.resume_point.const_named_struct(&[
            self.function.as_global_value().as_pointer_value().into(),
            t.i32.const_int(entry as u64, false).into(),
            t.i32.const_int(frame_words as u64, false).into(),
            location.into(),
        ]);
        let global = self.m.llvm.add_global(t.resume_point, None, "resume_point");
        global.set_initializer(&value);
        global.set_constant(true);
        global.set_linkage(inkwell::module::Linkage::Private);
        // Resume points are told apart from terms by their low bits (00).
        global.set_alignment(8);
        (entry, global.as_pointer_value())
    }

    /// `call_ext` of a BIF: the result goes to x0; an exception unwinds.
    fn call_bif_in_place(&mut self, mfa: &Mfa, kind: CallKind) {
        let symbol = erts_core::abi::bif_symbol(&mfa.module, &mfa.function, mfa.arity);
        let bif = bif_fn(self.m.llvm, self.m.types, &symbol, mfa.arity);
        // Only the arguments are live, and they are passed by value.
        let result = self.call_bif(bif, mfa.arity, 0, None);
        self.store_x(0, result);
        match kind {
            CallKind::Body => {}
            CallKind::Tail { deallocate_words } => {
                let sp = self.stack_slot(self.load_sp(), deallocate_words as i64);
                self.store_sp(sp);
                self.lower_return();
            }
        }
    }

    /// Calls a BIF with the first `arity` x registers (or `args`) as
    /// arguments, telling it that the first `live` x registers (in the
    /// register array) are roots if it collects; on `NON_VALUE` jumps to
    /// `fail`, or unwinds without one.
    pub fn call_bif(
        &mut self,
        bif: FunctionValue<'ctx>,
        arity: u32,
        live: u32,
        args: Option<(&[IntValue<'ctx>], Label)>,
    ) -> IntValue<'ctx> {
        let sp = self.load_sp();
        self.b
            .build_store(self.process_field(abi::process::SP), sp)
            .expect("positioned");
        self.b
            .build_store(
                self.process_field(abi::process::LIVE),
                self.word(live as u64),
            )
            .expect("positioned");
        let mut call_args: Vec<BasicValueEnum> = vec![self.process.into()];
        match args {
            Some((values, _)) => call_args.extend(values.iter().map(|v| BasicValueEnum::from(*v))),
            None => call_args.extend((0..arity).map(|n| BasicValueEnum::from(self.load_x(n)))),
        }
        let result = self.call_value(bif, &call_args, "bif");
        let failed = self
            .b
            .build_int_compare(
                IntPredicate::EQ,
                result,
                self.word(abi::NON_VALUE),
                "failed",
            )
            .expect("positioned");
        let ok = self.new_block("bif_ok");
        let fail_block = match args {
            Some((_, fail)) if fail.0 != 0 => self.block(fail),
            _ => {
                // The raise happened here: the stack trace starts at this
                // call (as BEAM's does), not at this frame's last call.
                let here = self.b.get_insert_block().expect("positioned");
                let failed_here = self.new_block("bif_failed");
                self.b.position_at_end(failed_here);
                self.clear_resume_slot();
                let location = self.location();
                let locate = runtime_fn(
                    self.m.ctx,
                    self.m.llvm,
                    self.m.types,
                    "earts_locate_failure",
                );
                self.b
                    .build_call(locate, &[self.process.into(), location.into()], "")
                    .expect("positioned");
                self.b
                    .build_unconditional_branch(self.unwind_block)
                    .expect("positioned");
                self.b.position_at_end(here);
                failed_here
            }
        };
        self.b
            .build_conditional_branch(failed, fail_block, ok)
            .expect("positioned");
        self.b.position_at_end(ok);
        result
    }
}

/// The header word of a tuple of `arity` elements.
pub fn tuple_header(arity: u64) -> u64 {
    arity << tag::HEADER_ARITY_SHIFT
}
