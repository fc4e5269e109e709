//! `send` and the `receive` loop: `loop_rec` looks at the message at the
//! receive position (jumping to its label when there is none),
//! `loop_rec_end` moves on, `remove_message` takes the match out, `wait`
//! and `wait_timeout` block until messages arrive or the timeout expires
//! (the process unwinds and goes on later at one of two resume points),
//! `timeout` ends a receive that timed out. The mailbox is the runtime's,
//! and so are the receive markers: a marker reserved before `make_ref()`
//! and bound to the reference lets the receive for replies carrying it
//! start after the messages that arrived before (which cannot hold it).

use inkwell::IntPredicate;

use erts_core::abi;

use super::context::runtime_fn;
use super::function::FnLowering;
use crate::beam::{Label, Register, Source};

impl<'ctx> FnLowering<'_, '_, 'ctx> {
    /// `send`: x0 ! x1, leaving the message in x0.
    pub fn lower_send(&mut self) {
        let (destination, message) = (self.load_x(0), self.load_x(1));
        let send = runtime_fn(self.m.ctx, self.m.llvm, self.m.types, "earts_send");
        let sp = self.load_sp();
        let result = self.call_value(
            send,
            &[
                self.process.into(),
                sp.into(),
                destination.into(),
                message.into(),
            ],
            "sent",
        );
        self.store_x(0, result);
        self.unwind_if_non_value(result);
    }

    pub fn lower_loop_rec(&mut self, fail: Label, dst: Register) {
        let peek = runtime_fn(self.m.ctx, self.m.llvm, self.m.types, "earts_loop_rec");
        let message = self.call_value(peek, &[self.process.into()], "message");
        let none = self
            .b
            .build_int_compare(IntPredicate::EQ, message, self.word(abi::NON_VALUE), "none")
            .expect("positioned");
        let found = self.new_block("message");
        self.b
            .build_conditional_branch(none, self.block(fail), found)
            .expect("positioned");
        self.b.position_at_end(found);
        self.store_register(dst, message);
    }

    pub fn lower_loop_rec_end(&mut self, label: Label) {
        self.call_mailbox("earts_loop_rec_end");
        self.branch_to(label);
    }

    /// `remove_message` and `timeout`.
    pub fn call_mailbox(&mut self, name: &str) {
        let function = runtime_fn(self.m.ctx, self.m.llvm, self.m.types, name);
        self.b
            .build_call(function, &[self.process.into()], "")
            .expect("positioned");
    }

    /// `wait` (no timeout: `infinity`) and `wait_timeout`: back to
    /// `label` when messages may have arrived, on when the time is up.
    pub fn lower_wait(&mut self, label: Label, timeout: Option<&Source>) {
        let timeout = match timeout {
            Some(source) => match self.source(source) {
                Some(value) => value,
                None => return,
            },
            None => {
                let infinity = self.m.atoms.term("infinity");
                self.word(infinity)
            }
        };
        // Where the process goes on when it blocks: back to the receive
        // loop when a message comes, past the wait when the time is up.
        let timed_out = self.new_block("timed_out");
        let on_message = self.resume_point_to(self.block(label));
        let on_timeout = self.resume_point_to(timed_out);
        let wait = runtime_fn(self.m.ctx, self.m.llvm, self.m.types, "earts_wait");
        let sp = self.load_sp();
        let args = [
            self.process.into(),
            sp.into(),
            timeout.into(),
            on_message.into(),
            on_timeout.into(),
        ];
        let outcome = self.call_value(wait, &args, "outcome");
        // 0: messages to look at; 1: timed out; 2 (raised) and 3 (blocked)
        // unwind.
        let cases = [(self.word(0), self.block(label)), (self.word(1), timed_out)];
        self.b
            .build_switch(outcome, self.unwind_block, &cases)
            .expect("positioned");
        self.b.position_at_end(timed_out);
    }

    /// `recv_marker_reserve`: an opaque marker the other marker
    /// instructions get back.
    pub fn lower_recv_marker_reserve(&mut self, marker: Register) {
        let reserve = runtime_fn(
            self.m.ctx,
            self.m.llvm,
            self.m.types,
            "earts_recv_marker_reserve",
        );
        let value = self.call_value(reserve, &[self.process.into()], "marker");
        self.store_register(marker, value);
    }

    pub fn lower_recv_marker_bind(&mut self, marker: &Source, reference: &Source) {
        let bind = runtime_fn(
            self.m.ctx,
            self.m.llvm,
            self.m.types,
            "earts_recv_marker_bind",
        );
        // Markers only shorten the walk: an operand not understood skips it.
        let (Some(marker), Some(reference)) = (self.source(marker), self.source(reference)) else {
            return;
        };
        self.b
            .build_call(
                bind,
                &[self.process.into(), marker.into(), reference.into()],
                "",
            )
            .expect("positioned");
    }

    /// `recv_marker_use` and `recv_marker_clear`.
    pub fn lower_recv_marker(&mut self, name: &str, reference: &Source) {
        let function = runtime_fn(self.m.ctx, self.m.llvm, self.m.types, name);
        let Some(reference) = self.source(reference) else {
            return;
        };
        self.b
            .build_call(function, &[self.process.into(), reference.into()], "")
            .expect("positioned");
    }

    fn unwind_if_non_value(&mut self, value: inkwell::values::IntValue<'ctx>) {
        let failed = self
            .b
            .build_int_compare(IntPredicate::EQ, value, self.word(abi::NON_VALUE), "failed")
            .expect("positioned");
        let ok = self.new_block("ok");
        self.b
            .build_conditional_branch(failed, self.unwind_block, ok)
            .expect("positioned");
        self.b.position_at_end(ok);
    }
}
