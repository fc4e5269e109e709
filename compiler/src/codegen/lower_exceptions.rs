//! `try`, `catch` and their ends, and raising again: catch tags on the
//! explicit stack that hold the address of their constant handler (see
//! `erts_core::abi::CatchHandler` and the runtime's `catching.rs`), so
//! that a module's object needs nothing from the rest of the program.

use inkwell::module::Linkage;
use inkwell::IntPredicate;

use erts_core::abi;
use erts_core::tag;

use super::context::runtime_fn;
use super::function::FnLowering;
use crate::beam::{Label, Register, Source};

impl<'ctx> FnLowering<'_, '_, 'ctx> {
    /// `try` and `catch`: the handler at `label` becomes a resume entry, a
    /// constant handler names it, and the catch tag goes in `y`.
    pub fn lower_try(&mut self, y: Register, label: Label) {
        let Register::Y(y_index) = y else {
            self.unsupported_operand("a catch tag outside a y register");
            return;
        };
        let entry = self.next_entry();
        self.pending_entries += 1;
        let target = self.block(label);
        self.add_resume(entry, target);
        let name = "catch";
        let frame_words = self.frame_sizes[self.at].unwrap_or(0);
        let t = self.m.types;
        let handler = self.m.llvm.add_global(t.catch_handler, None, name);
        handler.set_initializer(&t.catch_handler.const_named_struct(&[
            self.function.as_global_value().as_pointer_value().into(),
            t.i32.const_int(entry as u64, false).into(),
            t.i32.const_int(y_index as u64, false).into(),
            t.i32.const_int(frame_words as u64, false).into(),
        ]));
        handler.set_constant(true);
        handler.set_linkage(Linkage::Private);
        handler.set_alignment(8);
        let address = self
            .b
            .build_ptr_to_int(handler.as_pointer_value(), t.word, "handler")
            .expect("positioned");
        let shifted = self
            .b
            .build_left_shift(address, self.word(tag::IMMEDIATE2_BITS as u64), "tag")
            .expect("positioned");
        let catch_tag = self
            .b
            .build_or(shifted, self.word(tag::IMMEDIATE2_CATCH), "catch_tag")
            .expect("positioned");
        self.store_y(y_index, catch_tag);
    }

    /// `try_end`, and the start of `try_case` and `catch_end`: the catch
    /// tag is no longer in force.
    pub fn lower_clear_catch(&mut self, y: Register) {
        self.store_register(y, self.word(tag::IMMEDIATE2_NIL));
    }

    /// `try_case`: the handler gets class, reason and raw stack trace in
    /// x0, x1, x2.
    pub fn lower_try_case(&mut self, y: Register) {
        self.lower_clear_catch(y);
        let try_case = runtime_fn(self.m.ctx, self.m.llvm, self.m.types, "earts_try_case");
        let sp = self.load_sp();
        self.b
            .build_call(try_case, &[self.process.into(), sp.into()], "")
            .expect("positioned");
        self.reload_live(3);
    }

    /// `catch_end`: x0 holds the value of the protected expression, or
    /// `NON_VALUE` when the handler was entered by an exception; then the
    /// runtime makes the value the `catch` evaluates to.
    pub fn lower_catch_end(&mut self, y: Register) {
        self.lower_clear_catch(y);
        let x0 = self.load_x(0);
        let caught = self
            .b
            .build_int_compare(IntPredicate::EQ, x0, self.word(abi::NON_VALUE), "caught")
            .expect("positioned");
        let make = self.new_block("catch_value");
        let done = self.new_block("catch_done");
        self.b
            .build_conditional_branch(caught, make, done)
            .expect("positioned");
        self.b.position_at_end(make);
        let sp = self.load_sp();
        let catch_value = runtime_fn(self.m.ctx, self.m.llvm, self.m.types, "earts_catch_value");
        let value = self.call_value(catch_value, &[self.process.into(), sp.into()], "value");
        self.store_x(0, value);
        self.b.build_unconditional_branch(done).expect("positioned");
        self.b.position_at_end(done);
    }

    /// `raise`: raise again with the class and trace of a raw stack trace.
    pub fn lower_raise(&mut self, stacktrace: &Source, value: &Source) {
        let (Some(raw), Some(reason)) = (self.source(stacktrace), self.source(value)) else {
            return;
        };
        let location = self.location();
        self.raise_with(
            "earts_raise_raw",
            &[raw.into(), reason.into(), location.into()],
        );
    }

    /// `raw_raise`: raise again with class, reason and raw stack trace in
    /// x0, x1, x2 (after an `after` clause ran); the raw trace carries the
    /// class too.
    pub fn lower_raw_raise(&mut self) {
        let (reason, raw) = (self.load_x(1), self.load_x(2));
        let location = self.location();
        self.raise_with(
            "earts_raise_raw",
            &[raw.into(), reason.into(), location.into()],
        );
    }

    /// `build_stacktrace`: x0 from a raw stack trace to a list.
    pub fn lower_build_stacktrace(&mut self) {
        let raw = self.load_x(0);
        let sp = self.load_sp();
        let build = runtime_fn(
            self.m.ctx,
            self.m.llvm,
            self.m.types,
            "earts_build_stacktrace",
        );
        let trace = self.call_value(
            build,
            &[self.process.into(), sp.into(), raw.into()],
            "trace",
        );
        self.store_x(0, trace);
    }
}
