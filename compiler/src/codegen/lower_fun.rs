//! Funs: making closures (`make_fun3`), calling funs (`call_fun`,
//! `call_fun2`), `apply`, and the fun type tests. A closure is a boxed
//! object: its header, a raw word pointing to its lambda's constant
//! `FunEntry` (`erts_core::abi`), then the captured values. Calls through
//! a fun or `apply` ask the runtime for the code to call (it checks the
//! fun and its arity and puts captured values after the arguments), then
//! call it like any Erlang function.

use inkwell::values::{FunctionValue, IntValue, PointerValue};
use inkwell::IntPredicate;

use erts_core::abi;
use erts_core::tag::{self, Subtag};
use erts_core::Header;

use super::context::runtime_fn;
use super::function::FnLowering;
use super::lower_control::{CallKind, Callee};
use crate::beam::{Label, LambdaIdx, Operand, Register, Source};

impl<'ctx> FnLowering<'_, '_, 'ctx> {
    /// `make_fun3`: a closure of lambda `lambda` capturing `env`.
    pub fn lower_make_fun3(&mut self, lambda: LambdaIdx, dst: Register, env: &[Operand]) {
        let Some(values) = self.operand_values(env, "a make_fun3 environment entry") else {
            return;
        };
        let Some(entry) = self.fun_entry(lambda) else {
            return;
        };
        let words = 2 + values.len() as u64;
        let object = self.heap_alloc(words);
        let header = Header::new(Subtag::Fun, 1 + values.len()).bits();
        self.b
            .build_store(object, self.word(header))
            .expect("positioned");
        let entry_word = self
            .b
            .build_ptr_to_int(entry, self.m.types.word, "entry")
            .expect("positioned");
        self.b
            .build_store(self.stack_slot(object, 1), entry_word)
            .expect("positioned");
        for (n, value) in values.iter().enumerate() {
            self.b
                .build_store(self.stack_slot(object, n as i64 + 2), *value)
                .expect("positioned");
        }
        let fun = self.tagged(object, tag::PRIMARY_BOXED);
        self.store_register(dst, fun);
    }

    /// The constant `FunEntry` of a lambda of this module.
    fn fun_entry(&mut self, lambda: LambdaIdx) -> Option<PointerValue<'ctx>> {
        let name = format!("fun_entry.{}", lambda.0);
        if let Some(global) = self.m.llvm.get_global(&name) {
            return Some(global.as_pointer_value());
        }
        let module = self.m.module;
        let lambda_info = module.lambdas[lambda.0 as usize];
        let Some(&function) = self.m.locals.get(&lambda_info.label) else {
            self.unsupported_operand("a lambda whose function is not linked");
            return None;
        };
        let module_atom = self.m.atoms.term(module.name());
        let name_atom = self.m.atoms.term(module.atom(lambda_info.function));
        let ctx = self.m.ctx;
        let t = self.m.types;
        let entry_type = ctx.struct_type(
            &[
                t.ptr.into(),
                t.i32.into(),
                t.i32.into(),
                t.word.into(),
                t.i32.into(),
                t.i32.into(),
                t.word.into(),
            ],
            false,
        );
        let value = entry_type.const_named_struct(&[
            function.as_global_value().as_pointer_value().into(),
            t.i32
                .const_int((lambda_info.arity - lambda_info.n_free) as u64, false)
                .into(),
            t.i32.const_int(lambda_info.n_free as u64, false).into(),
            t.word.const_int(module_atom, false).into(),
            t.i32.const_int(lambda.0 as u64, false).into(),
            t.i32.const_int(lambda_info.old_uniq as u64, false).into(),
            t.word.const_int(name_atom, false).into(),
        ]);
        let global = self.m.llvm.add_global(entry_type, None, &name);
        global.set_initializer(&value);
        global.set_constant(true);
        global.set_linkage(inkwell::module::Linkage::Private);
        // The entry word is a raw word of the closure: 8-aligned.
        global.set_alignment(8);
        Some(global.as_pointer_value())
    }

    /// `call_fun` (the fun in x`arity`) and `call_fun2` (the fun given).
    pub fn lower_call_fun(&mut self, arity: u32, fun: &Source) {
        let Some(fun) = self.source(fun) else { return };
        self.spill_live(arity);
        let prepare = runtime_fn(
            self.m.ctx,
            self.m.llvm,
            self.m.types,
            "earts_prepare_fun_call",
        );
        let sp = self.load_sp();
        let code = self.call_pointer(
            prepare,
            &[
                self.process.into(),
                sp.into(),
                fun.into(),
                self.word(arity as u64).into(),
            ],
        );
        self.call_code(code, arity, CallKind::Body);
    }

    /// `apply` and `apply_last`: module and function in x`arity` and
    /// x`arity + 1`.
    pub fn lower_apply(&mut self, arity: u32, kind: CallKind) {
        let module = self.load_x(arity);
        let function = self.load_x(arity + 1);
        self.spill_live(arity);
        let resolve = runtime_fn(self.m.ctx, self.m.llvm, self.m.types, "earts_resolve_apply");
        let sp = self.load_sp();
        let args = [
            self.process.into(),
            sp.into(),
            module.into(),
            function.into(),
            self.word(arity as u64).into(),
        ];
        let code = self.call_pointer(resolve, &args);
        self.call_code(code, arity, kind);
    }

    /// `erlang:apply/3` and `erlang:apply/2` called with an argument list
    /// whose length is known only at run time: the runtime spreads the
    /// list over the register array and finds the code.
    pub fn lower_apply_list(&mut self, apply_arity: u32, kind: CallKind) {
        self.spill_live(apply_arity);
        let resolve = runtime_fn(
            self.m.ctx,
            self.m.llvm,
            self.m.types,
            "earts_resolve_apply_list",
        );
        let sp = self.load_sp();
        let args = [
            self.process.into(),
            sp.into(),
            self.word(apply_arity as u64).into(),
        ];
        let code = self.call_pointer(resolve, &args);
        // Every argument is in the array now; only the first ones are
        // passed natively.
        self.call_code(code, abi::X_ARGUMENTS as u32, kind);
    }

    /// Calls `code` (null: the runtime raised) with the arguments now in
    /// the register array.
    fn call_code(&mut self, code: PointerValue<'ctx>, arity: u32, kind: CallKind) {
        let null = self.b.build_is_null(code, "raised").expect("positioned");
        let call = self.new_block("call_fun");
        self.b
            .build_conditional_branch(null, self.unwind_block, call)
            .expect("positioned");
        self.b.position_at_end(call);
        // Captured values may have joined the arguments: reload the
        // natively passed ones.
        self.reload_live(abi::X_ARGUMENTS as u32);
        self.call_erlang(
            Callee::Indirect(code),
            arity.max(abi::X_ARGUMENTS as u32),
            kind,
        );
    }

    fn call_pointer(
        &self,
        function: FunctionValue<'ctx>,
        args: &[inkwell::values::BasicMetadataValueEnum<'ctx>],
    ) -> PointerValue<'ctx> {
        match self
            .b
            .build_call(function, args, "code")
            .expect("positioned")
            .try_as_basic_value()
        {
            inkwell::values::ValueKind::Basic(value) => value.into_pointer_value(),
            inkwell::values::ValueKind::Instruction(_) => unreachable!("returns a pointer"),
        }
    }

    /// `is_function` and `is_function2` (with an arity).
    pub fn lower_is_function(&mut self, fail: Label, arg: &Source, arity: Option<&Source>) {
        let Some(value) = self.source(arg) else {
            return;
        };
        let fun_arity = runtime_fn(self.m.ctx, self.m.llvm, self.m.types, "earts_fun_arity");
        let actual = self.call_value(fun_arity, &[value.into()], "arity");
        let holds: IntValue = match arity {
            None => self
                .b
                .build_int_compare(IntPredicate::SGE, actual, self.word(0), "is_fun")
                .expect("positioned"),
            Some(arity) => {
                let Some(wanted) = self.source(arity) else {
                    return;
                };
                // The arity as a small integer word; anything else fails.
                let shifted = self
                    .b
                    .build_left_shift(actual, self.word(tag::IMMEDIATE1_BITS as u64), "w")
                    .expect("positioned");
                let as_small = self
                    .b
                    .build_or(shifted, self.word(tag::IMMEDIATE1_SMALL), "small")
                    .expect("positioned");
                let is_fun = self
                    .b
                    .build_int_compare(IntPredicate::SGE, actual, self.word(0), "is_fun")
                    .expect("positioned");
                let same = self
                    .b
                    .build_int_compare(IntPredicate::EQ, as_small, wanted, "same")
                    .expect("positioned");
                self.b.build_and(is_fun, same, "holds").expect("positioned")
            }
        };
        let pass = self.new_block("pass");
        let fail_block = self.block(fail);
        self.b
            .build_conditional_branch(holds, pass, fail_block)
            .expect("positioned");
        self.b.position_at_end(pass);
    }
}
