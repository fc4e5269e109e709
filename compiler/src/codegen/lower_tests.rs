//! Conditional jumps: type tests and comparisons. Each jumps to its fail
//! label when the test does not hold and falls through when it does.

use inkwell::values::IntValue;
use inkwell::IntPredicate;

use erts_core::tag::{self, Subtag};

use super::context::runtime_fn;
use super::function::FnLowering;
use super::lower_control::tuple_header;
use crate::beam::{Atom, Label, Source};

/// The comparisons `is_lt`, `is_ge`, `is_eq`, `is_ne`, `is_eq_exact`,
/// `is_ne_exact`.
#[derive(Clone, Copy)]
pub enum Comparison {
    Lt,
    Ge,
    Eq,
    Ne,
    EqExact,
    NeExact,
}

/// The simple type tests.
#[derive(Clone, Copy)]
pub enum TypeTest {
    Integer,
    Atom,
    Nil,
    List,
    NonemptyList,
    Tuple,
    Boolean,
    Float,
    Number,
    Pid,
    Port,
    Reference,
    Map,
    /// A bitstring of whole bytes.
    Binary,
    Bitstring,
}

impl<'ctx> FnLowering<'_, '_, 'ctx> {
    /// Falls through when `holds` is true, jumps to `fail` otherwise.
    fn test_result(&mut self, holds: IntValue<'ctx>, fail: Label) {
        let pass = self.new_block("pass");
        let fail_block = self.block(fail);
        self.b
            .build_conditional_branch(holds, pass, fail_block)
            .expect("positioned");
        self.b.position_at_end(pass);
    }

    fn both_small(&self, a: IntValue<'ctx>, b: IntValue<'ctx>) -> IntValue<'ctx> {
        let both = self.b.build_and(a, b, "both").expect("positioned");
        self.has_tag(both, tag::IMMEDIATE1_MASK, tag::IMMEDIATE1_SMALL)
    }

    fn is_immediate(&self, value: IntValue<'ctx>) -> IntValue<'ctx> {
        self.has_tag(value, tag::PRIMARY_MASK, tag::PRIMARY_IMMEDIATE)
    }

    pub fn lower_comparison(
        &mut self,
        comparison: Comparison,
        fail: Label,
        a: &Source,
        b: &Source,
    ) {
        let (Some(a), Some(b)) = (self.source(a), self.source(b)) else {
            return;
        };
        let fast = self.new_block("cmp_fast");
        let slow = self.new_block("cmp_slow");
        let done = self.new_block("cmp_done");
        let bool_type = self.m.types.i1;
        // Small integers order as their words do, and two immediates are
        // equal exactly when their words are. Everything else asks the
        // runtime.
        let fast_case = match comparison {
            Comparison::Lt | Comparison::Ge => self.both_small(a, b),
            Comparison::Eq | Comparison::Ne => {
                let ai = self.is_immediate(a);
                let bi = self.is_immediate(b);
                self.b.build_and(ai, bi, "imm").expect("positioned")
            }
            Comparison::EqExact | Comparison::NeExact => {
                let same = self
                    .b
                    .build_int_compare(IntPredicate::EQ, a, b, "same")
                    .expect("positioned");
                let ai = self.is_immediate(a);
                let bi = self.is_immediate(b);
                let either = self.b.build_or(ai, bi, "imm").expect("positioned");
                self.b
                    .build_or(same, either, "decided")
                    .expect("positioned")
            }
        };
        self.b
            .build_conditional_branch(fast_case, fast, slow)
            .expect("positioned");

        self.b.position_at_end(fast);
        let predicate = match comparison {
            Comparison::Lt => IntPredicate::SLT,
            Comparison::Ge => IntPredicate::SGE,
            Comparison::Eq | Comparison::EqExact => IntPredicate::EQ,
            Comparison::Ne | Comparison::NeExact => IntPredicate::NE,
        };
        let fast_result = self
            .b
            .build_int_compare(predicate, a, b, "fast")
            .expect("positioned");
        let fast_end = self.b.get_insert_block().expect("positioned");
        self.b.build_unconditional_branch(done).expect("positioned");

        self.b.position_at_end(slow);
        let (name, predicate, against) = match comparison {
            Comparison::Lt => ("earts_compare", IntPredicate::SLT, 0),
            Comparison::Ge => ("earts_compare", IntPredicate::SGE, 0),
            Comparison::Eq => ("earts_eq", IntPredicate::NE, 0),
            Comparison::Ne => ("earts_eq", IntPredicate::EQ, 0),
            Comparison::EqExact => ("earts_eq_exact", IntPredicate::NE, 0),
            Comparison::NeExact => ("earts_eq_exact", IntPredicate::EQ, 0),
        };
        let function = runtime_fn(self.m.ctx, self.m.llvm, self.m.types, name);
        let answer = self.call_value(function, &[a.into(), b.into()], "cmp");
        let slow_result = self
            .b
            .build_int_compare(
                predicate,
                answer,
                self.m.types.i32.const_int(against, true),
                "slow",
            )
            .expect("positioned");
        let slow_end = self.b.get_insert_block().expect("positioned");
        self.b.build_unconditional_branch(done).expect("positioned");

        self.b.position_at_end(done);
        let holds = self.b.build_phi(bool_type, "holds").expect("positioned");
        holds.add_incoming(&[(&fast_result, fast_end), (&slow_result, slow_end)]);
        self.test_result(holds.as_basic_value().into_int_value(), fail);
    }

    pub fn lower_type_test(&mut self, test: TypeTest, fail: Label, arg: &Source) {
        let Some(value) = self.source(arg) else {
            return;
        };
        let holds = match test {
            TypeTest::Integer => {
                let small = self.has_tag(value, tag::IMMEDIATE1_MASK, tag::IMMEDIATE1_SMALL);
                let big =
                    self.is_boxed_of(value, &[Subtag::PositiveBignum, Subtag::NegativeBignum]);
                self.b.build_or(small, big, "integer").expect("positioned")
            }
            TypeTest::Atom => self.has_tag(value, tag::IMMEDIATE2_MASK, tag::IMMEDIATE2_ATOM),
            TypeTest::Nil => self
                .b
                .build_int_compare(
                    IntPredicate::EQ,
                    value,
                    self.word(tag::IMMEDIATE2_NIL),
                    "nil",
                )
                .expect("positioned"),
            TypeTest::NonemptyList => self.has_tag(value, tag::PRIMARY_MASK, tag::PRIMARY_LIST),
            TypeTest::List => {
                let cons = self.has_tag(value, tag::PRIMARY_MASK, tag::PRIMARY_LIST);
                let nil = self
                    .b
                    .build_int_compare(
                        IntPredicate::EQ,
                        value,
                        self.word(tag::IMMEDIATE2_NIL),
                        "nil",
                    )
                    .expect("positioned");
                self.b.build_or(cons, nil, "list").expect("positioned")
            }
            TypeTest::Tuple => self.is_boxed_of(value, &[Subtag::Tuple]),
            TypeTest::Float => self.is_boxed_of(value, &[Subtag::Float]),
            TypeTest::Number => {
                let small = self.has_tag(value, tag::IMMEDIATE1_MASK, tag::IMMEDIATE1_SMALL);
                let boxed = self.is_boxed_of(
                    value,
                    &[
                        Subtag::Float,
                        Subtag::PositiveBignum,
                        Subtag::NegativeBignum,
                    ],
                );
                self.b.build_or(small, boxed, "number").expect("positioned")
            }
            TypeTest::Pid => {
                let local = self.has_tag(value, tag::IMMEDIATE1_MASK, tag::IMMEDIATE1_PID);
                let external = self.is_boxed_of(value, &[Subtag::ExternalPid]);
                self.b.build_or(local, external, "pid").expect("positioned")
            }
            TypeTest::Port => {
                let local = self.has_tag(value, tag::IMMEDIATE1_MASK, tag::IMMEDIATE1_PORT);
                let external = self.is_boxed_of(value, &[Subtag::ExternalPort]);
                self.b
                    .build_or(local, external, "port")
                    .expect("positioned")
            }
            TypeTest::Reference => self.is_boxed_of(value, &[Subtag::Ref, Subtag::ExternalRef]),
            TypeTest::Map => self.is_boxed_of(value, &[Subtag::Map, Subtag::HashMap]),
            TypeTest::Binary | TypeTest::Bitstring => {
                // Whether a bitstring is whole bytes is the runtime's to say:
                // sub binaries carry their bit size.
                let function = runtime_fn(
                    self.m.ctx,
                    self.m.llvm,
                    self.m.types,
                    "earts_bitstring_kind",
                );
                let kind = self.call_value(function, &[value.into()], "kind");
                let least = if matches!(test, TypeTest::Binary) {
                    2
                } else {
                    1
                };
                self.b
                    .build_int_compare(IntPredicate::SGE, kind, self.word(least), "bits")
                    .expect("positioned")
            }
            TypeTest::Boolean => {
                let t = self.atom_word("true");
                let f = self.atom_word("false");
                let is_true = self
                    .b
                    .build_int_compare(IntPredicate::EQ, value, t, "t")
                    .expect("positioned");
                let is_false = self
                    .b
                    .build_int_compare(IntPredicate::EQ, value, f, "f")
                    .expect("positioned");
                self.b
                    .build_or(is_true, is_false, "bool")
                    .expect("positioned")
            }
        };
        self.test_result(holds, fail);
    }

    /// True when `value` is boxed with one of `subtags`. The header is
    /// read only on the boxed path.
    fn is_boxed_of(&mut self, value: IntValue<'ctx>, subtags: &[Subtag]) -> IntValue<'ctx> {
        let boxed = self.has_tag(value, tag::PRIMARY_MASK, tag::PRIMARY_BOXED);
        let start = self.b.get_insert_block().expect("positioned");
        let read = self.new_block("header");
        let done = self.new_block("boxed_done");
        self.b
            .build_conditional_branch(boxed, read, done)
            .expect("positioned");
        self.b.position_at_end(read);
        let header = self.load_boxed_word(value, 0);
        let subtag = self
            .b
            .build_and(header, self.word(tag::HEADER_SUBTAG_MASK), "subtag")
            .expect("positioned");
        let mut any = self.m.types.i1.const_zero();
        for wanted in subtags {
            let bits = self.word((*wanted as u64) << tag::HEADER_SUBTAG_SHIFT);
            let is = self
                .b
                .build_int_compare(IntPredicate::EQ, subtag, bits, "is")
                .expect("positioned");
            any = self.b.build_or(any, is, "any").expect("positioned");
        }
        let read_end = self.b.get_insert_block().expect("positioned");
        self.b.build_unconditional_branch(done).expect("positioned");
        self.b.position_at_end(done);
        let result = self
            .b
            .build_phi(self.m.types.i1, "boxed_of")
            .expect("positioned");
        result.add_incoming(&[(&self.m.types.i1.const_zero(), start), (&any, read_end)]);
        result.as_basic_value().into_int_value()
    }

    fn atom_word(&mut self, name: &str) -> IntValue<'ctx> {
        let word = self.m.atoms.term(name);
        self.word(word)
    }

    /// Jumps to `fail` unless `value` is boxed and `check(header)` holds.
    fn test_boxed_header(
        &mut self,
        value: IntValue<'ctx>,
        fail: Label,
        check: impl FnOnce(&mut Self, IntValue<'ctx>) -> IntValue<'ctx>,
    ) {
        let boxed = self.has_tag(value, tag::PRIMARY_MASK, tag::PRIMARY_BOXED);
        self.test_result(boxed, fail);
        let header = self.load_boxed_word(value, 0);
        let holds = check(self, header);
        self.test_result(holds, fail);
    }

    pub fn lower_test_arity(&mut self, fail: Label, arg: &Source, arity: u32) {
        let Some(tuple) = self.source(arg) else {
            return;
        };
        let header = self.load_boxed_word(tuple, 0);
        let holds = self
            .b
            .build_int_compare(
                IntPredicate::EQ,
                header,
                self.word(tuple_header(arity as u64)),
                "arity",
            )
            .expect("positioned");
        self.test_result(holds, fail);
    }

    pub fn lower_is_tagged_tuple(&mut self, fail: Label, arg: &Source, arity: u32, tag_atom: Atom) {
        let Some(value) = self.source(arg) else {
            return;
        };
        let expected = self.word(tuple_header(arity as u64));
        self.test_boxed_header(value, fail, |this, header| {
            this.b
                .build_int_compare(IntPredicate::EQ, header, expected, "arity")
                .expect("positioned")
        });
        let first = self.load_boxed_word(value, 1);
        let name = self.m.module.atom(tag_atom).to_string();
        let tag_word = self.atom_word(&name);
        let holds = self
            .b
            .build_int_compare(IntPredicate::EQ, first, tag_word, "tag")
            .expect("positioned");
        self.test_result(holds, fail);
    }
}
