//! Float registers and float arithmetic: `fmove`, `fconv` and the
//! `arithfbif` family. Float registers are `f64` allocas (LLVM keeps them
//! in registers); moving one to an x or y register boxes it on the heap,
//! which a `test_heap` with a float count has made room for.

use inkwell::values::FloatValue;
use inkwell::FloatPredicate;

use erts_core::tag::{self, Subtag};
use erts_core::Header;

use super::context::runtime_fn;
use super::function::FnLowering;
use crate::beam::{Label, Source, Term};

/// The `arithfbif` operations.
#[derive(Clone, Copy)]
pub enum FloatOp {
    Add,
    Sub,
    Mul,
    Div,
    Negate,
}

impl<'ctx> FnLowering<'_, '_, 'ctx> {
    fn float_reg(&mut self, n: u32) -> inkwell::values::PointerValue<'ctx> {
        while self.fr_vars.len() <= n as usize {
            let var = self.entry_alloca(self.m.ctx.f64_type(), "fr");
            self.fr_vars.push(var);
        }
        self.fr_vars[n as usize]
    }

    fn load_float_reg(&mut self, n: u32) -> FloatValue<'ctx> {
        let var = self.float_reg(n);
        self.b
            .build_load(self.m.ctx.f64_type(), var, "fr")
            .expect("positioned")
            .into_float_value()
    }

    fn store_float_reg(&mut self, n: u32, value: FloatValue<'ctx>) {
        let var = self.float_reg(n);
        self.b.build_store(var, value).expect("positioned");
    }

    /// The float a source denotes: a float register, a float constant, or
    /// a boxed float term (the compiler has checked it is one).
    fn float_source(&mut self, source: &Source) -> Option<FloatValue<'ctx>> {
        let f64_type = self.m.ctx.f64_type();
        match source {
            Source::FloatReg(n) => Some(self.load_float_reg(*n)),
            Source::Float(value) => Some(f64_type.const_float(*value)),
            Source::Literal(index) => match self.m.module.literals[index.0 as usize] {
                Term::Float(value) => Some(f64_type.const_float(value)),
                _ => {
                    self.unsupported_operand("a float move of a non-float literal");
                    None
                }
            },
            _ => {
                let term = self.source(source)?;
                let bits = self.load_boxed_word(term, 1);
                Some(
                    self.b
                        .build_bit_cast(bits, f64_type, "float")
                        .expect("positioned")
                        .into_float_value(),
                )
            }
        }
    }

    /// `fmove`: between float registers and terms.
    pub fn lower_fmove(&mut self, src: &Source, dst: &Source) {
        let Some(value) = self.float_source(src) else {
            return;
        };
        match dst {
            Source::FloatReg(n) => self.store_float_reg(*n, value),
            Source::Reg(register) => {
                let object = self.heap_alloc(2);
                self.b
                    .build_store(object, self.word(Header::new(Subtag::Float, 1).bits()))
                    .expect("positioned");
                let bits = self
                    .b
                    .build_bit_cast(value, self.m.types.word, "bits")
                    .expect("positioned");
                self.b
                    .build_store(self.stack_slot(object, 1), bits)
                    .expect("positioned");
                let term = self.tagged(object, tag::PRIMARY_BOXED);
                self.store_register(*register, term);
            }
            _ => self.unsupported_operand("an fmove destination"),
        }
    }

    /// `fconv`: a number term into a float register; `badarith` for
    /// anything else.
    pub fn lower_fconv(&mut self, src: &Source, dst: &Source) {
        let Source::FloatReg(n) = dst else {
            self.unsupported_operand("an fconv destination");
            return;
        };
        let Some(term) = self.source(src) else { return };
        let f64_type = self.m.ctx.f64_type();
        let small = self.has_tag(term, tag::IMMEDIATE1_MASK, tag::IMMEDIATE1_SMALL);
        let from_small = self.new_block("fconv_small");
        let from_runtime = self.new_block("fconv_other");
        let done = self.new_block("fconv_done");
        self.b
            .build_conditional_branch(small, from_small, from_runtime)
            .expect("positioned");

        self.b.position_at_end(from_small);
        let value = self
            .b
            .build_right_shift(term, self.word(tag::IMMEDIATE1_BITS as u64), true, "v")
            .expect("positioned");
        let small_float = self
            .b
            .build_signed_int_to_float(value, f64_type, "f")
            .expect("positioned");
        let small_end = self.b.get_insert_block().expect("positioned");
        self.b.build_unconditional_branch(done).expect("positioned");

        self.b.position_at_end(from_runtime);
        let float_of = runtime_fn(self.m.ctx, self.m.llvm, self.m.types, "earts_float_of");
        let sp = self.load_sp();
        let bits = self.call_value(
            float_of,
            &[self.process.into(), sp.into(), term.into()],
            "bits",
        );
        let other_float = self
            .b
            .build_bit_cast(bits, f64_type, "f")
            .expect("positioned")
            .into_float_value();
        let raised = self
            .b
            .build_float_compare(FloatPredicate::UNO, other_float, other_float, "raised")
            .expect("positioned");
        let converted = self.new_block("fconv_ok");
        self.b
            .build_conditional_branch(raised, self.unwind_block, converted)
            .expect("positioned");
        self.b.position_at_end(converted);
        self.b.build_unconditional_branch(done).expect("positioned");

        self.b.position_at_end(done);
        let phi = self.b.build_phi(f64_type, "float").expect("positioned");
        phi.add_incoming(&[(&small_float, small_end), (&other_float, converted)]);
        self.store_float_reg(*n, phi.as_basic_value().into_float_value());
    }

    /// `arithfbif`: float arithmetic; a result that is not finite is
    /// `badarith` (at `fail`, or raised).
    pub fn lower_float_arith(&mut self, op: FloatOp, fail: Label, args: &[&Source], dst: &Source) {
        let mut values = Vec::with_capacity(args.len());
        for arg in args {
            let Some(value) = self.float_source(arg) else {
                return;
            };
            values.push(value);
        }
        let b = &self.b;
        let result = match (op, values.as_slice()) {
            (FloatOp::Add, [x, y]) => b.build_float_add(*x, *y, "sum"),
            (FloatOp::Sub, [x, y]) => b.build_float_sub(*x, *y, "difference"),
            (FloatOp::Mul, [x, y]) => b.build_float_mul(*x, *y, "product"),
            (FloatOp::Div, [x, y]) => b.build_float_div(*x, *y, "quotient"),
            (FloatOp::Negate, [x]) => b.build_float_neg(*x, "negated"),
            _ => {
                self.unsupported_operand("an arithfbif with the wrong number of operands");
                return;
            }
        }
        .expect("positioned");
        // Finite exactly when |result| < infinity (false for NaN too).
        let fabs = inkwell::intrinsics::Intrinsic::find("llvm.fabs")
            .and_then(|i| i.get_declaration(self.m.llvm, &[self.m.ctx.f64_type().into()]))
            .expect("LLVM has fabs");
        let magnitude = match self
            .b
            .build_call(fabs, &[result.into()], "abs")
            .expect("positioned")
            .try_as_basic_value()
        {
            inkwell::values::ValueKind::Basic(value) => value.into_float_value(),
            inkwell::values::ValueKind::Instruction(_) => unreachable!("fabs returns a float"),
        };
        let infinity = self.m.ctx.f64_type().const_float(f64::INFINITY);
        let finite = self
            .b
            .build_float_compare(FloatPredicate::OLT, magnitude, infinity, "finite")
            .expect("positioned");
        let ok = self.new_block("float_ok");
        let bad = if fail.0 != 0 {
            self.block(fail)
        } else {
            self.new_block("badarith")
        };
        self.b
            .build_conditional_branch(finite, ok, bad)
            .expect("positioned");
        if fail.0 == 0 {
            self.b.position_at_end(bad);
            self.lower_raise_tagged("badarith", None);
        }
        self.b.position_at_end(ok);
        self.open = true;
        match dst {
            Source::FloatReg(n) => self.store_float_reg(*n, result),
            _ => self.unsupported_operand("an arithfbif destination"),
        }
    }
}
