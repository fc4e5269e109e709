//! Instructions that raise: `func_info` (function_clause), `badmatch`,
//! `case_end`, `if_end`, `badrecord`, `try_case_end`.

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
        self.raise_with("earts_raise_function_clause", &[location.into()]);
    }

    /// Raises `error:{Tag, Value}`, or `error:Tag` without a value.
    pub fn lower_raise_tagged(&mut self, tag: &str, value: Option<&Source>) {
        let tag_bits = self.m.atoms.term(tag);
        let tag_word = self.word(tag_bits);
        match value {
            Some(source) => {
                let Some(value) = self.source(source) else {
                    return;
                };
                let location = self.location();
                // The runtime builds {Tag, Value}, which may collect.
                self.raise_with(
                    "earts_raise_tagged",
                    &[tag_word.into(), value.into(), location.into()],
                );
            }
            None => {
                let location = self.location();
                self.raise_with("earts_raise_error", &[tag_word.into(), location.into()]);
            }
        }
    }
}
