//! Map instructions: `get_map_elements` and `has_map_fields` read keys,
//! `put_map_assoc` and `put_map_exact` build a new map; both through the
//! runtime (`erts_core::map` does the work).

use inkwell::values::IntValue;
use inkwell::IntPredicate;

use erts_core::abi;

use super::context::runtime_fn;
use super::function::FnLowering;
use crate::beam::{Label, Operand, Register, Source};

impl<'ctx> FnLowering<'_, '_, 'ctx> {
    /// The value of `key` in `map`, jumping to `fail` when there is none.
    fn map_get_or_fail(
        &mut self,
        map: IntValue<'ctx>,
        key: IntValue<'ctx>,
        fail: Label,
    ) -> IntValue<'ctx> {
        let get = runtime_fn(self.m.ctx, self.m.llvm, self.m.types, "earts_map_get");
        let value = self.call_value(get, &[map.into(), key.into()], "value");
        let missing = self
            .b
            .build_int_compare(
                IntPredicate::EQ,
                value,
                self.word(abi::NON_VALUE),
                "missing",
            )
            .expect("positioned");
        let found = self.new_block("found");
        self.b
            .build_conditional_branch(missing, self.block(fail), found)
            .expect("positioned");
        self.b.position_at_end(found);
        value
    }

    /// `get_map_elements`: every key's value into its register, or `fail`
    /// when one is missing (nothing written then).
    pub fn lower_get_map_elements(&mut self, fail: Label, src: &Source, list: &[Operand]) {
        let Some(map) = self.source(src) else { return };
        let mut found = Vec::new();
        for pair in list.chunks(2) {
            let [key, Operand::Reg(dst)] = pair else {
                self.unsupported_operand("a get_map_elements pair");
                return;
            };
            let Some(keys) = self.operand_values(std::slice::from_ref(key), "a map key") else {
                return;
            };
            let value = self.map_get_or_fail(map, keys[0], fail);
            found.push((*dst, value));
        }
        for (dst, value) in found {
            self.store_register(dst, value);
        }
    }

    /// `has_map_fields`: falls through when the map has every key.
    pub fn lower_has_map_fields(&mut self, fail: Label, src: &Source, keys: &[Operand]) {
        let Some(map) = self.source(src) else { return };
        let Some(keys) = self.operand_values(keys, "a map key") else {
            return;
        };
        for key in keys {
            self.map_get_or_fail(map, key, fail);
        }
    }

    /// `put_map_assoc` and `put_map_exact`.
    pub fn lower_put_map(
        &mut self,
        fail: Label,
        src: &Source,
        dst: Register,
        live: u32,
        list: &[Operand],
        exact: bool,
    ) {
        let Some(map) = self.source(src) else { return };
        let Some(pairs) = self.operand_values(list, "a map key or value") else {
            return;
        };
        let word = self.m.types.word;
        let buffer = self.entry_alloca(word.array_type(pairs.len() as u32), "pairs");
        for (n, value) in pairs.iter().enumerate() {
            self.b
                .build_store(self.stack_slot(buffer, n as i64), *value)
                .expect("positioned");
        }
        self.spill_live(live);
        let put = runtime_fn(self.m.ctx, self.m.llvm, self.m.types, "earts_put_map");
        let sp = self.load_sp();
        let args = [
            self.process.into(),
            sp.into(),
            self.word(live as u64).into(),
            map.into(),
            buffer.into(),
            self.word(pairs.len() as u64 / 2).into(),
            self.word(u64::from(exact)).into(),
        ];
        let result = self.call_value(put, &args, "map");
        self.reload_live(live);
        let failed = self
            .b
            .build_int_compare(
                IntPredicate::EQ,
                result,
                self.word(abi::NON_VALUE),
                "failed",
            )
            .expect("positioned");
        let ok = self.new_block("put_ok");
        let fail_block = if fail.0 != 0 {
            self.block(fail)
        } else {
            self.unwind_block
        };
        self.b
            .build_conditional_branch(failed, fail_block, ok)
            .expect("positioned");
        self.b.position_at_end(ok);
        self.store_register(dst, result);
    }
}
