//! The dispatch from each instruction to its lowering. There is no
//! catch-all arm: a new instruction in the opcode table is a compile
//! error here, and the instructions not lowered yet are listed by name.

use super::function::FnLowering;
use super::lower_bits::Get;
use super::lower_control::CallKind;
use super::lower_float::FloatOp;
use super::lower_tests::{Comparison, TypeTest};
use crate::beam::{Instr, Register, Source};

impl FnLowering<'_, '_, '_> {
    pub fn instr(&mut self, instr: &Instr) {
        use Instr as I;
        if !matches!(instr, I::Label { .. }) {
            self.ensure_open();
        }
        match instr {
            I::Label { label } => self.lower_label(*label),
            I::Line { location } => self.line = location.0,
            I::FuncInfo { .. } => self.lower_func_info(),
            I::IntCodeEnd {} => {}
            I::Jump { label } => self.branch_to(*label),
            I::Return {} => self.lower_return(),
            I::SelectVal { arg, fail, list } => self.lower_select_val(arg, *fail, list),
            I::SelectTupleArity { arg, fail, list } => {
                self.lower_select_tuple_arity(arg, *fail, list)
            }
            I::Call { arity, label } => self.lower_local_call(*arity, *label, CallKind::Body),
            I::CallOnly { arity, label } => self.lower_local_call(
                *arity,
                *label,
                CallKind::Tail {
                    deallocate_words: 0,
                },
            ),
            I::CallLast {
                arity,
                label,
                deallocate,
            } => self.lower_local_call(
                *arity,
                *label,
                CallKind::Tail {
                    deallocate_words: deallocate + 1,
                },
            ),
            I::CallExt { arity, import } => {
                self.lower_external_call(*arity, *import, CallKind::Body)
            }
            I::CallExtOnly { arity, import } => self.lower_external_call(
                *arity,
                *import,
                CallKind::Tail {
                    deallocate_words: 0,
                },
            ),
            I::CallExtLast {
                arity,
                import,
                deallocate,
            } => self.lower_external_call(
                *arity,
                *import,
                CallKind::Tail {
                    deallocate_words: deallocate + 1,
                },
            ),
            I::Allocate { stack_need, live } => self.lower_allocate(*stack_need, *live, false),
            I::AllocateZero { stack_need, live } => self.lower_allocate(*stack_need, *live, true),
            I::AllocateHeap {
                stack_need,
                heap_need,
                live,
            } => {
                // The heap test comes first, as on BEAM: the new frame's y
                // registers are not yet initialised, so a collection must
                // not see them.
                self.lower_test_heap(heap_need, *live);
                self.lower_allocate(*stack_need, *live, false);
            }
            I::AllocateHeapZero {
                stack_need,
                heap_need,
                live,
            } => {
                self.lower_test_heap(heap_need, *live);
                self.lower_allocate(*stack_need, *live, true);
            }
            I::Deallocate { n } => self.lower_deallocate(*n),
            I::TestHeap { heap_need, live } => self.lower_test_heap(heap_need, *live),
            I::Trim { n, .. } => self.lower_trim(*n),
            I::InitYregs { regs } => self.lower_init_yregs(regs),
            I::Move { src, dst } => self.lower_move(src, *dst),
            I::Swap { reg1, reg2 } => self.lower_swap(*reg1, *reg2),
            I::GetList { src, head, tail } => self.lower_get_list(src, Some(*head), Some(*tail)),
            I::GetHd { src, dst } => self.lower_get_list(src, Some(*dst), None),
            I::GetTl { src, dst } => self.lower_get_list(src, None, Some(*dst)),
            I::GetTupleElement { src, index, dst } => {
                self.lower_get_tuple_element(src, *index, *dst)
            }
            I::PutList { head, tail, dst } => self.lower_put_list(head, tail, *dst),
            I::PutTuple2 { dst, list } => self.lower_put_tuple2(*dst, list),
            I::IsLt { fail, arg1, arg2 } => {
                self.lower_comparison(Comparison::Lt, *fail, arg1, arg2)
            }
            I::IsGe { fail, arg1, arg2 } => {
                self.lower_comparison(Comparison::Ge, *fail, arg1, arg2)
            }
            I::IsEq { fail, arg1, arg2 } => {
                self.lower_comparison(Comparison::Eq, *fail, arg1, arg2)
            }
            I::IsNe { fail, arg1, arg2 } => {
                self.lower_comparison(Comparison::Ne, *fail, arg1, arg2)
            }
            I::IsEqExact { fail, arg1, arg2 } => {
                self.lower_comparison(Comparison::EqExact, *fail, arg1, arg2)
            }
            I::IsNeExact { fail, arg1, arg2 } => {
                self.lower_comparison(Comparison::NeExact, *fail, arg1, arg2)
            }
            I::IsInteger { fail, arg } => self.lower_type_test(TypeTest::Integer, *fail, arg),
            I::IsAtom { fail, arg } => self.lower_type_test(TypeTest::Atom, *fail, arg),
            I::IsNil { fail, arg } => self.lower_type_test(TypeTest::Nil, *fail, arg),
            I::IsList { fail, arg } => self.lower_type_test(TypeTest::List, *fail, arg),
            I::IsNonemptyList { fail, arg } => {
                self.lower_type_test(TypeTest::NonemptyList, *fail, arg)
            }
            I::IsTuple { fail, arg } => self.lower_type_test(TypeTest::Tuple, *fail, arg),
            I::IsBoolean { fail, arg } => self.lower_type_test(TypeTest::Boolean, *fail, arg),
            I::IsFloat { fail, arg } => self.lower_type_test(TypeTest::Float, *fail, arg),
            I::IsNumber { fail, arg } => self.lower_type_test(TypeTest::Number, *fail, arg),
            I::IsPid { fail, arg } => self.lower_type_test(TypeTest::Pid, *fail, arg),
            I::IsPort { fail, arg } => self.lower_type_test(TypeTest::Port, *fail, arg),
            I::IsReference { fail, arg } => self.lower_type_test(TypeTest::Reference, *fail, arg),
            I::IsMap { fail, arg } => self.lower_type_test(TypeTest::Map, *fail, arg),
            I::IsBinary { fail, arg } => self.lower_type_test(TypeTest::Binary, *fail, arg),
            I::IsBitstr { fail, arg } => self.lower_type_test(TypeTest::Bitstring, *fail, arg),
            I::SetTupleElement {
                value,
                tuple,
                index,
            } => self.lower_set_tuple_element(value, tuple, *index),
            I::TestArity { fail, arg, arity } => self.lower_test_arity(*fail, arg, *arity),
            I::IsTaggedTuple {
                fail,
                arg,
                arity,
                tag,
            } => self.lower_is_tagged_tuple(*fail, arg, *arity, *tag),
            I::Bif0 { bif, dst } => self.lower_bif(crate::beam::Label(0), None, *bif, &[], *dst),
            I::Bif1 {
                fail,
                bif,
                arg,
                dst,
            } => self.lower_bif(*fail, None, *bif, &[arg], *dst),
            I::Bif2 {
                fail,
                bif,
                arg1,
                arg2,
                dst,
            } => self.lower_bif(*fail, None, *bif, &[arg1, arg2], *dst),
            I::GcBif1 {
                fail,
                live,
                bif,
                arg,
                dst,
            } => self.lower_bif(*fail, Some(*live), *bif, &[arg], *dst),
            I::GcBif2 {
                fail,
                live,
                bif,
                arg1,
                arg2,
                dst,
            } => self.lower_bif(*fail, Some(*live), *bif, &[arg1, arg2], *dst),
            I::GcBif3 {
                fail,
                live,
                bif,
                arg1,
                arg2,
                arg3,
                dst,
            } => self.lower_bif(*fail, Some(*live), *bif, &[arg1, arg2, arg3], *dst),
            I::Badmatch { value } => self.lower_raise_tagged("badmatch", Some(value)),
            I::CaseEnd { value } => self.lower_raise_tagged("case_clause", Some(value)),
            I::TryCaseEnd { value } => self.lower_raise_tagged("try_clause", Some(value)),
            I::Badrecord { value } => self.lower_raise_tagged("badrecord", Some(value)),
            I::IfEnd {} => self.lower_raise_tagged("if_clause", None),
            I::Try { dst, label } | I::Catch { dst, label } => self.lower_try(*dst, *label),
            I::TryEnd { dst } => self.lower_clear_catch(*dst),
            I::TryCase { dst } => self.lower_try_case(*dst),
            I::CatchEnd { dst } => self.lower_catch_end(*dst),
            I::Raise { stacktrace, value } => self.lower_raise(stacktrace, value),
            I::RawRaise {} => self.lower_raw_raise(),
            // Marks the function the runtime calls before `main/1` (the
            // program table lists them); nothing to do where it stands.
            I::OnLoad {} => {}
            I::BsInitWritable {} => self.lower_bs_init_writable(),
            I::BuildStacktrace {} => self.lower_build_stacktrace(),
            I::MakeFun3 { lambda, dst, env } => self.lower_make_fun3(*lambda, *dst, env),
            I::CallFun { arity } => self.lower_call_fun(*arity, &Source::Reg(Register::X(*arity))),
            I::CallFun2 { arity, func, .. } => self.lower_call_fun(*arity, func),
            I::Apply { arity } => self.lower_apply(*arity, CallKind::Body),
            I::ApplyLast { arity, deallocate } => self.lower_apply(
                *arity,
                CallKind::Tail {
                    deallocate_words: deallocate + 1,
                },
            ),
            I::IsFunction { fail, arg } => self.lower_is_function(*fail, arg, None),
            I::Fmove { src, dst } => self.lower_fmove(src, dst),
            I::Send {} => self.lower_send(),
            I::BsGetUtf8 {
                fail,
                ctx,
                flags,
                dst,
                ..
            } => self.lower_bs_get_utf(*fail, ctx, 8, *flags, Some(*dst)),
            I::BsGetUtf16 {
                fail,
                ctx,
                flags,
                dst,
                ..
            } => self.lower_bs_get_utf(*fail, ctx, 16, *flags, Some(*dst)),
            I::BsGetUtf32 {
                fail,
                ctx,
                flags,
                dst,
                ..
            } => self.lower_bs_get_utf(*fail, ctx, 32, *flags, Some(*dst)),
            I::BsSkipUtf8 {
                fail, ctx, flags, ..
            } => self.lower_bs_get_utf(*fail, ctx, 8, *flags, None),
            I::BsSkipUtf16 {
                fail, ctx, flags, ..
            } => self.lower_bs_get_utf(*fail, ctx, 16, *flags, None),
            I::BsSkipUtf32 {
                fail, ctx, flags, ..
            } => self.lower_bs_get_utf(*fail, ctx, 32, *flags, None),
            // The Erlang body that follows runs; NIFs that replace it come
            // with the NIF work.
            I::NifStart {} => {}
            I::BsCreateBin {
                fail,
                alloc,
                live,
                dst,
                list,
                ..
            } => self.lower_bs_create_bin(*fail, alloc, *live, *dst, list),
            I::BsStartMatch3 {
                fail,
                src,
                live,
                dst,
            } => self.lower_bs_start_match(Some(*fail), src, *live, *dst),
            I::BsStartMatch4 {
                fail,
                live,
                src,
                dst,
            } => {
                let fail = self.start_match4_fail(fail);
                self.lower_bs_start_match(fail, src, *live, *dst)
            }
            I::BsGetPosition { ctx, dst, .. } => self.lower_bs_get_position(ctx, *dst),
            I::BsSetPosition { ctx, pos } => self.lower_bs_set_position(ctx, pos),
            I::BsTestTail2 { fail, ctx, bits } => self.lower_bs_test(*fail, ctx, 0, None, *bits),
            I::BsTestUnit { fail, ctx, unit } => self.lower_bs_test(*fail, ctx, 1, None, *unit),
            I::BsSkipBits2 {
                fail,
                ctx,
                size,
                unit,
                ..
            } => self.lower_bs_test(*fail, ctx, 2, Some(size), *unit),
            I::BsMatchString {
                fail,
                ctx,
                bits,
                offset,
            } => self.lower_bs_match_string(*fail, ctx, *bits, *offset),
            I::BsGetInteger2 {
                fail,
                ctx,
                live,
                size,
                unit,
                flags,
                dst,
            } => self.lower_bs_get(
                Get::Integer,
                *fail,
                ctx,
                *live,
                Some(size),
                *unit,
                *flags,
                *dst,
            ),
            I::BsGetFloat2 {
                fail,
                ctx,
                live,
                size,
                unit,
                flags,
                dst,
            } => self.lower_bs_get(
                Get::Float,
                *fail,
                ctx,
                *live,
                Some(size),
                *unit,
                *flags,
                *dst,
            ),
            I::BsGetBinary2 {
                fail,
                ctx,
                live,
                size,
                unit,
                flags,
                dst,
            } => self.lower_bs_get(
                Get::Binary,
                *fail,
                ctx,
                *live,
                Some(size),
                *unit,
                *flags,
                *dst,
            ),
            I::BsGetTail { ctx, dst, live } => self.lower_bs_get(
                Get::Tail,
                crate::beam::Label(0),
                ctx,
                *live,
                None,
                1,
                0,
                *dst,
            ),
            I::GetMapElements { fail, src, list } => self.lower_get_map_elements(*fail, src, list),
            I::HasMapFields { fail, src, list } => self.lower_has_map_fields(*fail, src, list),
            I::PutMapAssoc {
                fail,
                src,
                dst,
                live,
                list,
            } => self.lower_put_map(*fail, src, *dst, *live, list, false),
            I::PutMapExact {
                fail,
                src,
                dst,
                live,
                list,
            } => self.lower_put_map(*fail, src, *dst, *live, list, true),
            I::LoopRec { fail, dst } => self.lower_loop_rec(*fail, *dst),
            I::LoopRecEnd { label } => self.lower_loop_rec_end(*label),
            I::RemoveMessage {} => self.call_mailbox("earts_remove_message"),
            I::Timeout {} => self.call_mailbox("earts_timeout"),
            I::Wait { label } => self.lower_wait(*label, None),
            I::WaitTimeout { label, timeout } => self.lower_wait(*label, Some(timeout)),
            I::RecvMarkerReserve { marker } => self.lower_recv_marker_reserve(*marker),
            I::RecvMarkerBind { marker, reference } => {
                self.lower_recv_marker_bind(marker, reference)
            }
            I::RecvMarkerUse { reference } => {
                self.lower_recv_marker("earts_recv_marker_use", reference)
            }
            I::RecvMarkerClear { reference } => {
                self.lower_recv_marker("earts_recv_marker_clear", reference)
            }
            I::Fconv { src, dst } => self.lower_fconv(src, dst),
            I::Fadd {
                fail,
                arg1,
                arg2,
                dst,
            } => self.lower_float_arith(FloatOp::Add, *fail, &[arg1, arg2], dst),
            I::Fsub {
                fail,
                arg1,
                arg2,
                dst,
            } => self.lower_float_arith(FloatOp::Sub, *fail, &[arg1, arg2], dst),
            I::Fmul {
                fail,
                arg1,
                arg2,
                dst,
            } => self.lower_float_arith(FloatOp::Mul, *fail, &[arg1, arg2], dst),
            I::Fdiv {
                fail,
                arg1,
                arg2,
                dst,
            } => self.lower_float_arith(FloatOp::Div, *fail, &[arg1, arg2], dst),
            I::Fnegate { fail, arg, dst } => {
                self.lower_float_arith(FloatOp::Negate, *fail, &[arg], dst)
            }
            I::IsFunction2 { fail, arg, arity } => self.lower_is_function(*fail, arg, Some(arity)),
            I::Init { .. }
            | I::MPlus { .. }
            | I::MMinus { .. }
            | I::MTimes { .. }
            | I::MDiv { .. }
            | I::IntDiv { .. }
            | I::IntRem { .. }
            | I::IntBand { .. }
            | I::IntBor { .. }
            | I::IntBxor { .. }
            | I::IntBsl { .. }
            | I::IntBsr { .. }
            | I::IntBnot { .. }
            | I::IsConstant { .. }
            | I::PutString { .. }
            | I::PutTuple { .. }
            | I::Put { .. }
            | I::MakeFun { .. }
            | I::BsStartMatch { .. }
            | I::BsGetInteger { .. }
            | I::BsGetFloat { .. }
            | I::BsGetBinary { .. }
            | I::BsSkipBits { .. }
            | I::BsTestTail { .. }
            | I::BsSave { .. }
            | I::BsRestore { .. }
            | I::BsInit { .. }
            | I::BsFinal { .. }
            | I::BsPutInteger { .. }
            | I::BsPutBinary { .. }
            | I::BsPutFloat { .. }
            | I::BsPutString { .. }
            | I::BsNeedBuf { .. }
            | I::Fclearerror { .. }
            | I::Fcheckerror { .. }
            | I::MakeFun2 { .. }
            | I::BsInit2 { .. }
            | I::BsBitsToBytes { .. }
            | I::BsAdd { .. }
            | I::BsStartMatch2 { .. }
            | I::BsSave2 { .. }
            | I::BsRestore2 { .. }
            | I::BsFinal2 { .. }
            | I::BsBitsToBytes2 { .. }
            | I::PutLiteral { .. }
            | I::BsContextToBinary { .. }
            | I::BsAppend { .. }
            | I::BsPrivateAppend { .. }
            | I::BsInitBits { .. }
            | I::BsUtf8Size { .. }
            | I::BsPutUtf8 { .. }
            | I::BsUtf16Size { .. }
            | I::BsPutUtf16 { .. }
            | I::BsPutUtf32 { .. }
            | I::RecvMark { .. }
            | I::RecvSet { .. }
            | I::UpdateRecord { .. }
            | I::BsMatch { .. }
            | I::ExecutableLine { .. } => self.unsupported(instr),
        }
    }
}
