//! BIF calls with a failure label (`bif`, `gc_bif`), with inline fast
//! paths for small-integer arithmetic that fall back to the BIF on
//! overflow or other operand types.

use inkwell::values::IntValue;
use inkwell::IntPredicate;

use erts_core::tag;

use super::context::bif_fn;
use super::function::FnLowering;
use crate::beam::{ImportIdx, Label, Register, Source};

impl<'ctx> FnLowering<'_, '_, 'ctx> {
    /// `bif` or `gc_bif` (with `live` when it may collect): `dst = Bif(args)`.
    pub fn lower_bif(
        &mut self,
        fail: Label,
        live: Option<u32>,
        bif: ImportIdx,
        args: &[&Source],
        dst: Register,
    ) {
        let module = self.m.module;
        let import = module.imports[bif.0 as usize];
        let (bif_module, name) = (module.atom(import.module), module.atom(import.function));
        let mut values = Vec::with_capacity(args.len());
        for arg in args {
            let Some(value) = self.source(arg) else {
                return;
            };
            values.push(value);
        }
        let done = self.new_block("bif_done");
        let mut incoming = Vec::new();
        if bif_module == "erlang" && values.len() == 2 {
            if let Some(op) = SmallOp::from_name(name) {
                let slow = self.new_block("arith_slow");
                let (result, fast_end) = self.small_arith(op, values[0], values[1], slow);
                self.b.build_unconditional_branch(done).expect("positioned");
                incoming.push((result, fast_end));
                self.b.position_at_end(slow);
            } else if let Some(op) = SmallBitOp::from_name(name) {
                let slow = self.new_block("bits_slow");
                let (result, fast_end) = self.small_bits(op, values[0], values[1], slow);
                self.b.build_unconditional_branch(done).expect("positioned");
                incoming.push((result, fast_end));
                self.b.position_at_end(slow);
            }
        }
        let symbol = erts_core::abi::bif_symbol(bif_module, name, import.arity);
        let function = bif_fn(self.m.llvm, self.m.types, &symbol, import.arity);
        if let Some(live) = live {
            self.spill_live(live);
        }
        let result = self.call_bif(
            function,
            import.arity,
            live.unwrap_or(0),
            Some((&values, fail)),
        );
        if let Some(live) = live {
            self.reload_live(live);
        }
        let slow_end = self.b.get_insert_block().expect("positioned");
        self.b.build_unconditional_branch(done).expect("positioned");
        incoming.push((result, slow_end));
        self.b.position_at_end(done);
        let phi = self
            .b
            .build_phi(self.m.types.word, "bif_result")
            .expect("positioned");
        for (value, block) in &incoming {
            phi.add_incoming(&[(value, *block)]);
        }
        self.store_register(dst, phi.as_basic_value().into_int_value());
    }

    /// Small-integer `+`, `-`, `*` on the tagged words; branches to `slow`
    /// unless both operands are small and the result fits.
    fn small_arith(
        &mut self,
        op: SmallOp,
        a: IntValue<'ctx>,
        b: IntValue<'ctx>,
        slow: inkwell::basic_block::BasicBlock<'ctx>,
    ) -> (IntValue<'ctx>, inkwell::basic_block::BasicBlock<'ctx>) {
        let both = self.b.build_and(a, b, "both").expect("positioned");
        let small = self.has_tag(both, tag::IMMEDIATE1_MASK, tag::IMMEDIATE1_SMALL);
        let compute = self.new_block("arith_fast");
        self.b
            .build_conditional_branch(small, compute, slow)
            .expect("positioned");
        self.b.position_at_end(compute);
        let tag_bits = self.word(tag::IMMEDIATE1_SMALL);
        // With a = va << 4 | 15 and b = vb << 4 | 15, one overflow check on
        // the 64-bit operation is exactly "the result is not a small".
        let (intrinsic, lhs, rhs) = match op {
            SmallOp::Add => (
                "llvm.sadd.with.overflow",
                a,
                self.b.build_int_sub(b, tag_bits, "b").expect("positioned"),
            ),
            SmallOp::Sub => ("llvm.ssub.with.overflow", a, b),
            SmallOp::Mul => {
                let va = self
                    .b
                    .build_right_shift(a, self.word(tag::IMMEDIATE1_BITS as u64), true, "va")
                    .expect("positioned");
                (
                    "llvm.smul.with.overflow",
                    va,
                    self.b.build_int_sub(b, tag_bits, "b").expect("positioned"),
                )
            }
        };
        let function = inkwell::intrinsics::Intrinsic::find(intrinsic)
            .and_then(|i| i.get_declaration(self.m.llvm, &[self.m.types.word.into()]))
            .expect("LLVM has the overflow intrinsics");
        let pair = match self
            .b
            .build_call(function, &[lhs.into(), rhs.into()], "ov")
            .expect("positioned")
            .try_as_basic_value()
        {
            inkwell::values::ValueKind::Basic(value) => value.into_struct_value(),
            inkwell::values::ValueKind::Instruction(_) => {
                unreachable!("the intrinsic returns a pair")
            }
        };
        let value = self
            .b
            .build_extract_value(pair, 0, "value")
            .expect("positioned")
            .into_int_value();
        let overflow = self
            .b
            .build_extract_value(pair, 1, "overflow")
            .expect("positioned")
            .into_int_value();
        let value = match op {
            SmallOp::Add => value,
            SmallOp::Sub | SmallOp::Mul => self
                .b
                .build_or(value, tag_bits, "tagged")
                .expect("positioned"),
        };
        let ok = self.new_block("arith_ok");
        self.b
            .build_conditional_branch(overflow, slow, ok)
            .expect("positioned");
        self.b.position_at_end(ok);
        (value, ok)
    }
}

impl<'ctx> FnLowering<'_, '_, 'ctx> {
    /// Small-integer `rem`, `div`, `band`, `bor`, `bxor` on the tagged
    /// words; branches to `slow` unless both operands are small (and, for
    /// `rem` and `div`, the divisor is not 0 and the quotient is small).
    fn small_bits(
        &mut self,
        op: SmallBitOp,
        a: IntValue<'ctx>,
        b: IntValue<'ctx>,
        slow: inkwell::basic_block::BasicBlock<'ctx>,
    ) -> (IntValue<'ctx>, inkwell::basic_block::BasicBlock<'ctx>) {
        let both = self.b.build_and(a, b, "both").expect("positioned");
        let small = self.has_tag(both, tag::IMMEDIATE1_MASK, tag::IMMEDIATE1_SMALL);
        let compute = self.new_block("bits_fast");
        self.b
            .build_conditional_branch(small, compute, slow)
            .expect("positioned");
        self.b.position_at_end(compute);
        let tag_bits = self.word(tag::IMMEDIATE1_SMALL);
        let shift = self.word(tag::IMMEDIATE1_BITS as u64);
        let b_ = &self.b;
        let result = match op {
            // The tag bits are all ones: they survive `and` and `or`.
            SmallBitOp::Band => b_.build_and(a, b, "band").expect("positioned"),
            SmallBitOp::Bor => b_.build_or(a, b, "bor").expect("positioned"),
            SmallBitOp::Bxor => {
                let x = b_.build_xor(a, b, "bxor").expect("positioned");
                b_.build_or(x, tag_bits, "tagged").expect("positioned")
            }
            SmallBitOp::Rem | SmallBitOp::Div => {
                let va = b_
                    .build_right_shift(a, shift, true, "va")
                    .expect("positioned");
                let vb = b_
                    .build_right_shift(b, shift, true, "vb")
                    .expect("positioned");
                let zero = b_
                    .build_int_compare(IntPredicate::EQ, vb, self.word(0), "zero")
                    .expect("positioned");
                let divide = self.new_block("divide");
                self.b
                    .build_conditional_branch(zero, slow, divide)
                    .expect("positioned");
                self.b.position_at_end(divide);
                // Small integers are 60 bits: neither overflows i64.
                let value = match op {
                    SmallBitOp::Rem => self.b.build_int_signed_rem(va, vb, "rem"),
                    _ => self.b.build_int_signed_div(va, vb, "div"),
                }
                .expect("positioned");
                // Only -min / -1 leaves the small range; it goes slow.
                let back = self
                    .b
                    .build_left_shift(value, shift, "shifted")
                    .expect("positioned");
                let check = self
                    .b
                    .build_right_shift(back, shift, true, "check")
                    .expect("positioned");
                let fits = self
                    .b
                    .build_int_compare(IntPredicate::EQ, check, value, "fits")
                    .expect("positioned");
                let tagged = self
                    .b
                    .build_or(back, tag_bits, "tagged")
                    .expect("positioned");
                let ok = self.new_block("divide_ok");
                self.b
                    .build_conditional_branch(fits, ok, slow)
                    .expect("positioned");
                self.b.position_at_end(ok);
                return (tagged, ok);
            }
        };
        (result, compute)
    }
}

#[derive(Clone, Copy)]
enum SmallBitOp {
    Rem,
    Div,
    Band,
    Bor,
    Bxor,
}

impl SmallBitOp {
    fn from_name(name: &str) -> Option<SmallBitOp> {
        match name {
            "rem" => Some(SmallBitOp::Rem),
            "div" => Some(SmallBitOp::Div),
            "band" => Some(SmallBitOp::Band),
            "bor" => Some(SmallBitOp::Bor),
            "bxor" => Some(SmallBitOp::Bxor),
            _ => None,
        }
    }
}

#[derive(Clone, Copy)]
enum SmallOp {
    Add,
    Sub,
    Mul,
}

impl SmallOp {
    fn from_name(name: &str) -> Option<SmallOp> {
        match name {
            "+" => Some(SmallOp::Add),
            "-" => Some(SmallOp::Sub),
            "*" => Some(SmallOp::Mul),
            _ => None,
        }
    }
}
