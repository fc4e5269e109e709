//! Moving terms, building and taking apart lists and tuples, the heap and
//! the stack frame.

use inkwell::values::{IntValue, PointerValue};
use inkwell::IntPredicate;

use erts_core::abi;
use erts_core::tag;

use super::context::runtime_fn;
use super::function::FnLowering;
use super::lower_control::tuple_header;
use crate::beam::{Alloc, AllocKind, Operand, Register, Source};

impl<'ctx> FnLowering<'_, '_, 'ctx> {
    pub fn lower_move(&mut self, src: &Source, dst: Register) {
        if let Some(value) = self.source(src) {
            self.store_register(dst, value);
        }
    }

    pub fn lower_swap(&mut self, a: Register, b: Register) {
        let (va, vb) = (self.load_register(a), self.load_register(b));
        self.store_register(a, vb);
        self.store_register(b, va);
    }

    /// The untagged address of a list or boxed term.
    fn untag(&self, term: IntValue<'ctx>, primary_tag: u64) -> PointerValue<'ctx> {
        let address = self
            .b
            .build_int_sub(term, self.word(primary_tag), "addr")
            .expect("positioned");
        self.b
            .build_int_to_ptr(address, self.m.types.ptr, "obj")
            .expect("positioned")
    }

    /// Word `index` of the cons cell `list` points to (0 head, 1 tail).
    pub fn load_cons_word(&self, list: IntValue<'ctx>, index: i64) -> IntValue<'ctx> {
        let cell = self.untag(list, tag::PRIMARY_LIST);
        let slot = self.stack_slot(cell, index);
        self.b
            .build_load(self.m.types.word, slot, "cons")
            .expect("positioned")
            .into_int_value()
    }

    /// Word `index` of the boxed object `term` points to (0 the header).
    pub fn load_boxed_word(&self, term: IntValue<'ctx>, index: i64) -> IntValue<'ctx> {
        let object = self.untag(term, tag::PRIMARY_BOXED);
        let slot = self.stack_slot(object, index);
        self.b
            .build_load(self.m.types.word, slot, "boxed")
            .expect("positioned")
            .into_int_value()
    }

    pub fn lower_get_list(&mut self, src: &Source, head: Option<Register>, tail: Option<Register>) {
        let Some(list) = self.source(src) else { return };
        // Read both before writing either: a destination may be the source.
        let head_value = head.map(|_| self.load_cons_word(list, 0));
        let tail_value = tail.map(|_| self.load_cons_word(list, 1));
        if let (Some(register), Some(value)) = (head, head_value) {
            self.store_register(register, value);
        }
        if let (Some(register), Some(value)) = (tail, tail_value) {
            self.store_register(register, value);
        }
    }

    /// `set_tuple_element`: writes into a tuple this function just built
    /// (the compiler only emits it for such tuples, so no one else sees it).
    pub fn lower_set_tuple_element(&mut self, value: &Source, tuple: &Source, index: u32) {
        let (Some(value), Some(tuple)) = (self.source(value), self.source(tuple)) else {
            return;
        };
        let object = self.untag(tuple, tag::PRIMARY_BOXED);
        let slot = self.stack_slot(object, index as i64 + 1);
        self.b.build_store(slot, value).expect("positioned");
    }

    pub fn lower_get_tuple_element(&mut self, src: &Source, index: u32, dst: Register) {
        let Some(tuple) = self.source(src) else {
            return;
        };
        let element = self.load_boxed_word(tuple, index as i64 + 1);
        self.store_register(dst, element);
    }

    /// Takes `words` from the heap, which a `test_heap` has made room for.
    pub(super) fn heap_alloc(&self, words: u64) -> PointerValue<'ctx> {
        let field = self.process_field(abi::process::HTOP);
        let htop = self
            .b
            .build_load(self.m.types.ptr, field, "htop")
            .expect("positioned")
            .into_pointer_value();
        let next = self.stack_slot(htop, words as i64);
        self.b.build_store(field, next).expect("positioned");
        htop
    }

    pub(super) fn tagged(&self, address: PointerValue<'ctx>, primary_tag: u64) -> IntValue<'ctx> {
        let word = self
            .b
            .build_ptr_to_int(address, self.m.types.word, "addr")
            .expect("positioned");
        self.b
            .build_or(word, self.word(primary_tag), "term")
            .expect("positioned")
    }

    pub fn lower_put_list(&mut self, head: &Source, tail: &Source, dst: Register) {
        let (Some(head), Some(tail)) = (self.source(head), self.source(tail)) else {
            return;
        };
        let cell = self.heap_alloc(2);
        self.b.build_store(cell, head).expect("positioned");
        self.b
            .build_store(self.stack_slot(cell, 1), tail)
            .expect("positioned");
        let list = self.tagged(cell, tag::PRIMARY_LIST);
        self.store_register(dst, list);
    }

    pub fn lower_put_tuple2(&mut self, dst: Register, elements: &[Operand]) {
        let Some(values) = self.operand_values(elements, "a put_tuple2 element") else {
            return;
        };
        let object = self.heap_alloc(values.len() as u64 + 1);
        self.b
            .build_store(object, self.word(tuple_header(values.len() as u64)))
            .expect("positioned");
        for (n, value) in values.iter().enumerate() {
            self.b
                .build_store(self.stack_slot(object, n as i64 + 1), *value)
                .expect("positioned");
        }
        let tuple = self.tagged(object, tag::PRIMARY_BOXED);
        self.store_register(dst, tuple);
    }

    /// Makes room for `need` heap words, collecting if there is none.
    pub fn lower_test_heap(&mut self, need: &Alloc, live: u32) {
        let words = alloc_words(need);
        if words == 0 {
            return;
        }
        let htop = self.load_ptr_field(abi::process::HTOP);
        let hend = self.load_ptr_field(abi::process::HEND);
        let after = self.stack_slot(htop, words as i64);
        let after = self
            .b
            .build_ptr_to_int(after, self.m.types.word, "after")
            .expect("positioned");
        let hend = self
            .b
            .build_ptr_to_int(hend, self.m.types.word, "hend")
            .expect("positioned");
        let full = self
            .b
            .build_int_compare(IntPredicate::UGT, after, hend, "full")
            .expect("positioned");
        let collect = self.new_block("gc");
        let done = self.new_block("heap_ok");
        self.b
            .build_conditional_branch(full, collect, done)
            .expect("positioned");
        self.b.position_at_end(collect);
        self.spill_live(live);
        let sp = self.load_sp();
        let gc = runtime_fn(self.m.ctx, self.m.llvm, self.m.types, "earts_gc");
        self.b
            .build_call(
                gc,
                &[
                    self.process.into(),
                    sp.into(),
                    self.word(words).into(),
                    self.word(live as u64).into(),
                ],
                "",
            )
            .expect("positioned");
        self.reload_live(live);
        self.b.build_unconditional_branch(done).expect("positioned");
        self.b.position_at_end(done);
    }

    /// `allocate`: a frame of `stack_need` y registers and the resume-point
    /// slot, growing the stack first when it would pass its limit.
    pub fn lower_allocate(&mut self, stack_need: u32, live: u32, zero: bool) {
        let words = stack_need as i64 + 1;
        let sp = self.load_sp();
        let new_sp = self.stack_slot(sp, -words);
        let limit = self.load_ptr_field(abi::process::STACK_LIMIT);
        let below = self
            .b
            .build_ptr_to_int(new_sp, self.m.types.word, "new_sp")
            .expect("positioned");
        let limit = self
            .b
            .build_ptr_to_int(limit, self.m.types.word, "limit")
            .expect("positioned");
        let overflow = self
            .b
            .build_int_compare(IntPredicate::ULT, below, limit, "overflow")
            .expect("positioned");
        let grow = self.new_block("grow_stack");
        let done = self.new_block("frame");
        self.b
            .build_conditional_branch(overflow, grow, done)
            .expect("positioned");
        self.b.position_at_end(grow);
        self.spill_live(live);
        let grow_fn = runtime_fn(self.m.ctx, self.m.llvm, self.m.types, "earts_grow_stack");
        let args = [
            self.process.into(),
            sp.into(),
            self.word(words as u64).into(),
        ];
        let grown = match self
            .b
            .build_call(grow_fn, &args, "grown")
            .expect("positioned")
            .try_as_basic_value()
        {
            inkwell::values::ValueKind::Basic(value) => value.into_pointer_value(),
            inkwell::values::ValueKind::Instruction(_) => {
                unreachable!("earts_grow_stack returns the new sp")
            }
        };
        self.store_sp(grown);
        self.reload_live(live);
        self.b.build_unconditional_branch(done).expect("positioned");
        self.b.position_at_end(done);
        let sp = self.load_sp();
        let new_sp = self.stack_slot(sp, -words);
        self.store_sp(new_sp);
        // The resume slot holds no resume point until the frame's first
        // call; a collection before that must not take what an earlier
        // frame left there for a term (0 is skipped).
        self.b
            .build_store(new_sp, self.word(0))
            .expect("positioned");
        if zero {
            for n in 0..stack_need {
                self.store_y(n, self.word(tag::IMMEDIATE2_NIL));
            }
        }
    }

    pub fn lower_deallocate(&mut self, n: u32) {
        let sp = self.stack_slot(self.load_sp(), n as i64 + 1);
        self.store_sp(sp);
    }

    pub fn lower_trim(&mut self, n: u32) {
        let sp = self.stack_slot(self.load_sp(), n as i64);
        self.store_sp(sp);
        // The new resume slot was a y register: clear it as `allocate`
        // does, so it holds no term until the frame's next call.
        self.b.build_store(sp, self.word(0)).expect("positioned");
    }

    pub fn lower_init_yregs(&mut self, regs: &[Operand]) {
        for reg in regs {
            if let Operand::Reg(Register::Y(n)) = reg {
                self.store_y(*n, self.word(tag::IMMEDIATE2_NIL));
            }
        }
    }
}

/// The heap words an allocation list asks for.
pub fn alloc_words(need: &Alloc) -> u64 {
    match need {
        Alloc::Words(n) => *n as u64,
        Alloc::List(entries) => entries
            .iter()
            .map(|(kind, n)| match kind {
                AllocKind::Words => *n as u64,
                // A float is a header and one word.
                AllocKind::Floats => 2 * *n as u64,
                // A closure is a header and its entry word; its captured
                // values are counted in the words.
                AllocKind::Funs => 2 * *n as u64,
            })
            .sum(),
    }
}
