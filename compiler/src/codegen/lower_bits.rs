//! Binary matching: the `bs_*` match instructions, through the runtime
//! (`erts-sched/src/bits.rs` keeps the match state).

use inkwell::values::IntValue;
use inkwell::IntPredicate;

use erts_core::abi;

use super::context::runtime_fn;
use super::function::FnLowering;
use crate::beam::{Label, Operand, Register, Source};

/// The size word meaning "all that is left".
const SIZE_ALL: u64 = u64::MAX;

impl<'ctx> FnLowering<'_, '_, 'ctx> {
    /// A size operand: a term, or `all` as the all-ones word.
    fn bits_size(&mut self, size: &Source) -> Option<IntValue<'ctx>> {
        if let Source::Atom(atom) = size {
            if self.m.module.atom(*atom) == "all" {
                return Some(self.word(SIZE_ALL));
            }
        }
        self.source(size)
    }

    /// Calls a runtime function that may collect, with the first `live` x
    /// registers kept.
    fn call_collecting(
        &mut self,
        name: &str,
        live: u32,
        args: &[IntValue<'ctx>],
    ) -> IntValue<'ctx> {
        self.spill_live(live);
        let function = runtime_fn(self.m.ctx, self.m.llvm, self.m.types, name);
        let sp = self.load_sp();
        let mut all_args: Vec<inkwell::values::BasicValueEnum> = vec![
            self.process.into(),
            sp.into(),
            self.word(live as u64).into(),
        ];
        all_args.extend(
            args.iter()
                .map(|a| inkwell::values::BasicValueEnum::from(*a)),
        );
        let result = self.call_value(function, &all_args, "bits");
        self.reload_live(live);
        result
    }

    /// Jumps to `fail` when `value` is `NON_VALUE` (or 0 for the tests).
    fn fail_if(&mut self, value: IntValue<'ctx>, bad: u64, fail: Label) {
        let failed = self
            .b
            .build_int_compare(IntPredicate::EQ, value, self.word(bad), "no_match")
            .expect("positioned");
        let ok = self.new_block("matched");
        let fail_block = if fail.0 != 0 {
            self.block(fail)
        } else {
            self.unwind_block
        };
        self.b
            .build_conditional_branch(failed, fail_block, ok)
            .expect("positioned");
        self.b.position_at_end(ok);
    }

    pub fn lower_bs_start_match(
        &mut self,
        fail: Option<Label>,
        src: &Source,
        live: u32,
        dst: Register,
    ) {
        let Some(term) = self.source(src) else { return };
        let ctx = self.call_collecting("earts_bs_start_match", live, &[term]);
        if let Some(fail) = fail {
            self.fail_if(ctx, abi::NON_VALUE, fail);
        }
        self.store_register(dst, ctx);
    }

    /// `bs_start_match4`'s failure operand: a label, or `no_fail`/`resume`.
    pub fn start_match4_fail(&self, fail: &Operand) -> Option<Label> {
        match fail {
            Operand::Label(label) => Some(*label),
            _ => None,
        }
    }

    pub fn lower_bs_get_position(&mut self, ctx: &Source, dst: Register) {
        let Some(ctx) = self.source(ctx) else { return };
        let function = runtime_fn(
            self.m.ctx,
            self.m.llvm,
            self.m.types,
            "earts_bs_get_position",
        );
        let position = self.call_value(function, &[ctx.into()], "position");
        self.store_register(dst, position);
    }

    pub fn lower_bs_set_position(&mut self, ctx: &Source, position: &Source) {
        let (Some(ctx), Some(position)) = (self.source(ctx), self.source(position)) else {
            return;
        };
        let function = runtime_fn(
            self.m.ctx,
            self.m.llvm,
            self.m.types,
            "earts_bs_set_position",
        );
        self.b
            .build_call(function, &[ctx.into(), position.into()], "")
            .expect("positioned");
    }

    /// `bs_test_tail2` (kind 0), `bs_test_unit` (1), `bs_skip_bits2` (2).
    pub fn lower_bs_test(
        &mut self,
        fail: Label,
        ctx: &Source,
        kind: u64,
        size: Option<&Source>,
        unit: u32,
    ) {
        let Some(ctx) = self.source(ctx) else { return };
        let size = match size {
            Some(size) => match self.bits_size(size) {
                Some(size) => size,
                None => return,
            },
            None => self.word(0),
        };
        let function = runtime_fn(self.m.ctx, self.m.llvm, self.m.types, "earts_bs_test");
        let holds = self.call_value(
            function,
            &[
                ctx.into(),
                self.word(kind).into(),
                size.into(),
                self.word(unit as u64).into(),
            ],
            "holds",
        );
        self.fail_if(holds, 0, fail);
    }

    pub fn lower_bs_match_string(&mut self, fail: Label, ctx: &Source, bits: u32, offset: u32) {
        let Some(ctx) = self.source(ctx) else { return };
        let len = (bits as usize).div_ceil(8);
        // The reader checked that the string lies inside `StrT`.
        let bytes = &self.m.module.strings[offset as usize..offset as usize + len];
        let global = self.m.llvm.add_global(
            self.m.ctx.i8_type().array_type(len as u32),
            None,
            "match_string",
        );
        global.set_initializer(&self.m.ctx.const_string(bytes, false));
        global.set_constant(true);
        global.set_linkage(inkwell::module::Linkage::Private);
        let function = runtime_fn(
            self.m.ctx,
            self.m.llvm,
            self.m.types,
            "earts_bs_match_string",
        );
        let args = [
            ctx.into(),
            self.word(bits as u64).into(),
            global.as_pointer_value().into(),
        ];
        let holds = self.call_value(function, &args, "holds");
        self.fail_if(holds, 0, fail);
    }

    /// `bs_get_integer2`, `bs_get_binary2` and `bs_get_tail` (size `all`).
    #[allow(clippy::too_many_arguments, reason = "the instruction's operands")]
    pub fn lower_bs_get(
        &mut self,
        binary: bool,
        fail: Label,
        ctx: &Source,
        live: u32,
        size: Option<&Source>,
        unit: u32,
        flags: u32,
        dst: Register,
    ) {
        let Some(ctx) = self.source(ctx) else { return };
        let size = match size {
            Some(size) => match self.bits_size(size) {
                Some(size) => size,
                None => return,
            },
            None => self.word(SIZE_ALL),
        };
        let value = if binary {
            self.call_collecting(
                "earts_bs_get_binary",
                live,
                &[ctx, size, self.word(unit as u64)],
            )
        } else {
            self.call_collecting(
                "earts_bs_get_integer",
                live,
                &[ctx, size, self.word(unit as u64), self.word(flags as u64)],
            )
        };
        self.fail_if(value, abi::NON_VALUE, fail);
        self.store_register(dst, value);
    }
}
