//! Instructions that raise: `func_info` (function_clause), `badmatch`,
//! `case_end`, `if_end`, `badrecord`, `try_case_end`.

use super::context::runtime_fn;
use super::function::FnLowering;
use crate::beam::Source;

impl<'ctx> FnLowering<'_, '_, 'ctx> {
    /// The block before the entry label: no clause matched the arguments.
    pub fn lower_func_info(&mut self) {
        for n in 0..self.arity {
            let value = self.load_x(n);
            self.store_x_array(n, value);
        }
        let location = self.location();
        let sp = self.load_sp();
        let raise = runtime_fn(
            self.m.ctx,
            self.m.llvm,
            self.m.types,
            "earts_raise_function_clause",
        );
        self.b
            .build_call(
                raise,
                &[self.process.into(), sp.into(), location.into()],
                "",
            )
            .expect("positioned");
        self.b
            .build_unconditional_branch(self.unwind_block)
            .expect("positioned");
        self.open = false;
    }

    /// Raises `error:{Tag, Value}`, or `error:Tag` without a value.
    pub fn lower_raise_tagged(&mut self, tag: &str, value: Option<&Source>) {
        let tag_word = self.m.atoms.term(tag);
        let reason = match value {
            Some(source) => {
                let Some(value) = self.source(source) else {
                    return;
                };
                // {Tag, Value}: built by the runtime, which may collect.
                let raise = runtime_fn(self.m.ctx, self.m.llvm, self.m.types, "earts_raise_tagged");
                let location = self.location();
                let sp = self.load_sp();
                self.b
                    .build_call(
                        raise,
                        &[
                            self.process.into(),
                            sp.into(),
                            self.word(tag_word).into(),
                            value.into(),
                            location.into(),
                        ],
                        "",
                    )
                    .expect("positioned");
                self.b
                    .build_unconditional_branch(self.unwind_block)
                    .expect("positioned");
                self.open = false;
                return;
            }
            None => self.word(tag_word),
        };
        let raise = runtime_fn(self.m.ctx, self.m.llvm, self.m.types, "earts_raise_error");
        let location = self.location();
        let sp = self.load_sp();
        self.b
            .build_call(
                raise,
                &[
                    self.process.into(),
                    sp.into(),
                    reason.into(),
                    location.into(),
                ],
                "",
            )
            .expect("positioned");
        self.b
            .build_unconditional_branch(self.unwind_block)
            .expect("positioned");
        self.open = false;
    }
}
