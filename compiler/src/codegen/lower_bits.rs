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

/// What a `bs_get_*` instruction takes from the match position.
#[derive(Clone, Copy)]
pub enum Get {
    Integer,
    Float,
    Binary,
    /// `bs_get_tail`: the rest, without moving the position.
    Tail,
}

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
        kind: Get,
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
        let (unit, flags) = (self.word(unit as u64), self.word(flags as u64));
        let value = match kind {
            Get::Binary => self.call_collecting("earts_bs_get_binary", live, &[ctx, size, unit]),
            Get::Tail => self.call_collecting("earts_bs_get_tail", live, &[ctx]),
            Get::Integer => {
                self.call_collecting("earts_bs_get_integer", live, &[ctx, size, unit, flags])
            }
            Get::Float => {
                self.call_collecting("earts_bs_get_float", live, &[ctx, size, unit, flags])
            }
        };
        self.fail_if(value, abi::NON_VALUE, fail);
        self.store_register(dst, value);
    }
}

impl<'ctx> FnLowering<'_, '_, 'ctx> {
    /// `bs_create_bin`: the segments go to the runtime as a table of five
    /// words each (kind, unit, flags, value, size).
    /// `bs_create_bin`; the heap keeps `alloc` words free after the
    /// binary, which the instructions that follow use without a test.
    pub fn lower_bs_create_bin(
        &mut self,
        fail: Label,
        alloc: &crate::beam::Alloc,
        live: u32,
        dst: Register,
        list: &[Operand],
    ) {
        if !list.len().is_multiple_of(6) {
            self.unsupported_operand("a bs_create_bin segment list");
            return;
        }
        let n = list.len() / 6;
        let table = self.entry_alloca(self.m.types.word.array_type((5 * n) as u32), "segments");
        for (index, segment) in list.chunks(6).enumerate() {
            let Some(words) = self.segment_words(segment) else {
                return;
            };
            for (k, word) in words.iter().enumerate() {
                self.b
                    .build_store(self.stack_slot(table, (5 * index + k) as i64), *word)
                    .expect("positioned");
            }
        }
        let table = self
            .b
            .build_ptr_to_int(table, self.m.types.word, "table")
            .expect("positioned");
        let extra = self.word(super::lower_data::alloc_words(alloc));
        let binary = self.call_collecting(
            "earts_bs_create",
            live,
            &[extra, table, self.word(n as u64)],
        );
        self.fail_if(binary, abi::NON_VALUE, fail);
        self.store_register(dst, binary);
    }

    /// `bs_init_writable`: x0 (a size hint) becomes an empty binary that
    /// `bs_create_bin`'s `private_append` then extends. The runtime makes
    /// the accumulator a writable binary once it outgrows a heap binary
    /// (`erts_sched::bits_build`), so the empty heap binary is all there
    /// is to make here.
    pub fn lower_bs_init_writable(&mut self) {
        self.lower_test_heap(&crate::beam::Alloc::Words(2), 0);
        let object = self.heap_alloc(2);
        let header = erts_core::Header::new(erts_core::tag::Subtag::HeapBinary, 1).bits();
        self.b
            .build_store(object, self.word(header))
            .expect("positioned");
        self.b
            .build_store(self.stack_slot(object, 1), self.word(0))
            .expect("positioned");
        let binary = self.tagged(object, erts_core::tag::PRIMARY_BOXED);
        self.store_x(0, binary);
    }

    /// The five words of one segment:
    /// `Type, Seg, Unit, Flags, Value, Size` in the instruction.
    fn segment_words(&mut self, segment: &[Operand]) -> Option<[IntValue<'ctx>; 5]> {
        let [Operand::Atom(kind), _, Operand::Unsigned(unit), flags, value, size] = segment else {
            self.unsupported_operand("a bs_create_bin segment");
            return None;
        };
        let kind = match self.m.module.atom(*kind) {
            "integer" => 0,
            "binary" => 1,
            "float" => 2,
            "string" => 3,
            "utf8" => 4,
            "utf16" => 5,
            "utf32" => 6,
            "append" | "private_append" => 7,
            _ => {
                self.unsupported_operand("a bs_create_bin segment kind");
                return None;
            }
        };
        let flags = self.segment_flags(flags)?;
        let (value, size) = if kind == 3 {
            // A string: an offset into `StrT` and a byte count.
            let (Operand::Unsigned(offset), Operand::Integer(crate::beam::Int::Small(len))) =
                (value, size)
            else {
                self.unsupported_operand("a bs_create_bin string segment");
                return None;
            };
            let bytes = self
                .m
                .module
                .strings
                .get(*offset as usize..*offset as usize + *len as usize)?
                .to_vec();
            let global = self.m.llvm.add_global(
                self.m.ctx.i8_type().array_type(bytes.len() as u32),
                None,
                "string",
            );
            global.set_initializer(&self.m.ctx.const_string(&bytes, false));
            global.set_constant(true);
            global.set_linkage(inkwell::module::Linkage::Private);
            let pointer = self
                .b
                .build_ptr_to_int(global.as_pointer_value(), self.m.types.word, "string")
                .expect("positioned");
            (pointer, self.word(*len as u64))
        } else {
            let value =
                self.operand_values(std::slice::from_ref(value), "a bs_create_bin value")?[0];
            let size = match size {
                Operand::Atom(atom) if self.m.module.atom(*atom) == "all" => self.word(SIZE_ALL),
                Operand::Atom(_) | Operand::Nil => self.word(0),
                other => {
                    self.operand_values(std::slice::from_ref(other), "a bs_create_bin size")?[0]
                }
            };
            (value, size)
        };
        Some([
            self.word(kind),
            self.word(*unit),
            self.word(flags),
            value,
            size,
        ])
    }

    /// Segment flags: `nil`, or a literal list of `little`, `signed`,
    /// `native`, … as bits (`native` is little on the targets earts has).
    fn segment_flags(&mut self, flags: &Operand) -> Option<u64> {
        let Operand::Literal(index) = flags else {
            return Some(0);
        };
        let mut bits = 0;
        if let crate::beam::Term::List(elements, _) = &self.m.module.literals[index.0 as usize] {
            for element in elements {
                if let crate::beam::Term::Atom(name) = element {
                    bits |= match name.as_str() {
                        "little" | "native" => 2,
                        "signed" => 4,
                        _ => 0,
                    };
                }
            }
        }
        Some(bits)
    }
}

impl<'ctx> FnLowering<'_, '_, 'ctx> {
    /// `bs_get_utf8`/`16`/`32`, and the skips (without a destination).
    pub fn lower_bs_get_utf(
        &mut self,
        fail: Label,
        ctx: &Source,
        width: u64,
        flags: u32,
        dst: Option<Register>,
    ) {
        let Some(ctx) = self.source(ctx) else { return };
        let function = runtime_fn(self.m.ctx, self.m.llvm, self.m.types, "earts_bs_get_utf");
        let args = [
            ctx.into(),
            self.word(width).into(),
            self.word(flags as u64).into(),
        ];
        let character = self.call_value(function, &args, "char");
        self.fail_if(character, abi::NON_VALUE, fail);
        if let Some(dst) = dst {
            self.store_register(dst, character);
        }
    }
}
