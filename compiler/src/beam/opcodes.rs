//! The one table of BEAM instructions. Each row gives the opcode number,
//! whether compilers still emit it, its name as `genop.tab` spells it, the
//! variant name, and its operands with their types. The [`Opcode`] and
//! [`Instr`] enums, arities, names and the typed decoding all come from
//! this table, so adding a row is the only change a new instruction needs
//! here; every `match` on `Instr` elsewhere then names what is missing.
//!
//! `current` rows are emitted by OTP 23–27 compilers (and by OTP 24's, for
//! Debian's Elixir); `obsolete` rows are older instructions, decoded so
//! that `disasm` can show them, never emitted since OTP 23.

use super::field::{Field, Limits};
use super::operand::{
    Alloc, Atom, ImportIdx, Label, LambdaIdx, LineIdx, Operand, Register, Source,
};

macro_rules! count {
    () => { 0usize };
    ($head:ident $($tail:ident)*) => { 1usize + count!($($tail)*) };
}

macro_rules! is_obsolete {
    (current) => {
        false
    };
    (obsolete) => {
        true
    };
}

macro_rules! opcodes {
    ($( $num:literal $status:ident $name:literal $Variant:ident { $($field:ident : $ty:ty),* $(,)? } )*) => {
        /// An instruction's opcode, numbered as in the `Code` chunk.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Opcode {
            $($Variant = $num,)*
        }

        impl Opcode {
            pub const ALL: &'static [Opcode] = &[$(Opcode::$Variant,)*];

            pub fn from_number(number: u8) -> Option<Opcode> {
                match number {
                    $($num => Some(Opcode::$Variant),)*
                    _ => None,
                }
            }

            /// The name `genop.tab` and `erlc -S` use.
            pub fn name(self) -> &'static str {
                match self {
                    $(Opcode::$Variant => $name,)*
                }
            }

            /// How many operands the instruction has in the encoding.
            pub fn arity(self) -> usize {
                match self {
                    $(Opcode::$Variant => count!($($field)*),)*
                }
            }

            /// True for instructions no compiler since OTP 23 emits.
            pub fn is_obsolete(self) -> bool {
                match self {
                    $(Opcode::$Variant => is_obsolete!($status),)*
                }
            }
        }

        /// A decoded instruction with typed operands.
        #[derive(Debug, Clone, PartialEq)]
        pub enum Instr {
            $($Variant { $($field: $ty),* },)*
        }

        impl Instr {
            pub fn opcode(&self) -> Opcode {
                match self {
                    $(Instr::$Variant { .. } => Opcode::$Variant,)*
                }
            }

            /// Types the generic operands of `opcode`; `operands` has
            /// exactly `opcode.arity()` entries.
            pub(crate) fn from_operands(
                opcode: Opcode,
                operands: Vec<Operand>,
                limits: &Limits,
            ) -> Result<Instr, String> {
                let mut operands = operands.into_iter();
                #[allow(unused_mut, unused_variables, reason = "rows without operands")]
                let mut next = |name: &str| {
                    operands.next().ok_or_else(|| format!("missing operand `{name}`"))
                };
                Ok(match opcode {
                    $(Opcode::$Variant => Instr::$Variant {
                        $($field: Field::from_operand(next(stringify!($field))?, limits)
                            .map_err(|e| format!("{}, operand `{}`: {e}", $name, stringify!($field)))?,)*
                    },)*
                })
            }

            /// The operands back in generic form, in encoding order.
            pub fn operands(&self) -> Vec<Operand> {
                match self {
                    $(Instr::$Variant { $($field),* } => vec![$($field.to_operand()),*],)*
                }
            }
        }
    };
}

opcodes! {
    1 current "label" Label { label: Label }
    2 current "func_info" FuncInfo { module: Atom, function: Atom, arity: u32 }
    3 current "int_code_end" IntCodeEnd {}
    4 current "call" Call { arity: u32, label: Label }
    5 current "call_last" CallLast { arity: u32, label: Label, deallocate: u32 }
    6 current "call_only" CallOnly { arity: u32, label: Label }
    7 current "call_ext" CallExt { arity: u32, import: ImportIdx }
    8 current "call_ext_last" CallExtLast { arity: u32, import: ImportIdx, deallocate: u32 }
    9 current "bif0" Bif0 { bif: ImportIdx, dst: Register }
    10 current "bif1" Bif1 { fail: Label, bif: ImportIdx, arg: Source, dst: Register }
    11 current "bif2" Bif2 { fail: Label, bif: ImportIdx, arg1: Source, arg2: Source, dst: Register }
    12 current "allocate" Allocate { stack_need: u32, live: u32 }
    13 current "allocate_heap" AllocateHeap { stack_need: u32, heap_need: Alloc, live: u32 }
    14 obsolete "allocate_zero" AllocateZero { stack_need: u32, live: u32 }
    15 obsolete "allocate_heap_zero" AllocateHeapZero { stack_need: u32, heap_need: Alloc, live: u32 }
    16 current "test_heap" TestHeap { heap_need: Alloc, live: u32 }
    17 obsolete "init" Init { dst: Register }
    18 current "deallocate" Deallocate { n: u32 }
    19 current "return" Return {}
    20 current "send" Send {}
    21 current "remove_message" RemoveMessage {}
    22 current "timeout" Timeout {}
    23 current "loop_rec" LoopRec { fail: Label, dst: Register }
    24 current "loop_rec_end" LoopRecEnd { label: Label }
    25 current "wait" Wait { label: Label }
    26 current "wait_timeout" WaitTimeout { label: Label, timeout: Source }
    27 obsolete "m_plus" MPlus { fail: Label, arg1: Source, arg2: Source, dst: Register }
    28 obsolete "m_minus" MMinus { fail: Label, arg1: Source, arg2: Source, dst: Register }
    29 obsolete "m_times" MTimes { fail: Label, arg1: Source, arg2: Source, dst: Register }
    30 obsolete "m_div" MDiv { fail: Label, arg1: Source, arg2: Source, dst: Register }
    31 obsolete "int_div" IntDiv { fail: Label, arg1: Source, arg2: Source, dst: Register }
    32 obsolete "int_rem" IntRem { fail: Label, arg1: Source, arg2: Source, dst: Register }
    33 obsolete "int_band" IntBand { fail: Label, arg1: Source, arg2: Source, dst: Register }
    34 obsolete "int_bor" IntBor { fail: Label, arg1: Source, arg2: Source, dst: Register }
    35 obsolete "int_bxor" IntBxor { fail: Label, arg1: Source, arg2: Source, dst: Register }
    36 obsolete "int_bsl" IntBsl { fail: Label, arg1: Source, arg2: Source, dst: Register }
    37 obsolete "int_bsr" IntBsr { fail: Label, arg1: Source, arg2: Source, dst: Register }
    38 obsolete "int_bnot" IntBnot { fail: Label, arg: Source, dst: Register }
    39 current "is_lt" IsLt { fail: Label, arg1: Source, arg2: Source }
    40 current "is_ge" IsGe { fail: Label, arg1: Source, arg2: Source }
    41 current "is_eq" IsEq { fail: Label, arg1: Source, arg2: Source }
    42 current "is_ne" IsNe { fail: Label, arg1: Source, arg2: Source }
    43 current "is_eq_exact" IsEqExact { fail: Label, arg1: Source, arg2: Source }
    44 current "is_ne_exact" IsNeExact { fail: Label, arg1: Source, arg2: Source }
    45 current "is_integer" IsInteger { fail: Label, arg: Source }
    46 current "is_float" IsFloat { fail: Label, arg: Source }
    47 current "is_number" IsNumber { fail: Label, arg: Source }
    48 current "is_atom" IsAtom { fail: Label, arg: Source }
    49 current "is_pid" IsPid { fail: Label, arg: Source }
    50 current "is_reference" IsReference { fail: Label, arg: Source }
    51 current "is_port" IsPort { fail: Label, arg: Source }
    52 current "is_nil" IsNil { fail: Label, arg: Source }
    53 current "is_binary" IsBinary { fail: Label, arg: Source }
    54 obsolete "is_constant" IsConstant { fail: Label, arg: Source }
    55 current "is_list" IsList { fail: Label, arg: Source }
    56 current "is_nonempty_list" IsNonemptyList { fail: Label, arg: Source }
    57 current "is_tuple" IsTuple { fail: Label, arg: Source }
    58 current "test_arity" TestArity { fail: Label, arg: Source, arity: u32 }
    59 current "select_val" SelectVal { arg: Source, fail: Label, list: Vec<Operand> }
    60 current "select_tuple_arity" SelectTupleArity { arg: Source, fail: Label, list: Vec<Operand> }
    61 current "jump" Jump { label: Label }
    62 current "catch" Catch { dst: Register, label: Label }
    63 current "catch_end" CatchEnd { dst: Register }
    64 current "move" Move { src: Source, dst: Register }
    65 current "get_list" GetList { src: Source, head: Register, tail: Register }
    66 current "get_tuple_element" GetTupleElement { src: Source, index: u32, dst: Register }
    67 current "set_tuple_element" SetTupleElement { value: Source, tuple: Source, index: u32 }
    68 obsolete "put_string" PutString { len: u32, offset: u32, dst: Register }
    69 current "put_list" PutList { head: Source, tail: Source, dst: Register }
    70 obsolete "put_tuple" PutTuple { arity: u32, dst: Register }
    71 obsolete "put" Put { value: Source }
    72 current "badmatch" Badmatch { value: Source }
    73 current "if_end" IfEnd {}
    74 current "case_end" CaseEnd { value: Source }
    75 current "call_fun" CallFun { arity: u32 }
    76 obsolete "make_fun" MakeFun { function: Operand, label: Operand, n_free: Operand }
    77 current "is_function" IsFunction { fail: Label, arg: Source }
    78 current "call_ext_only" CallExtOnly { arity: u32, import: ImportIdx }
    79 obsolete "bs_start_match" BsStartMatch { fail: Operand, src: Operand }
    80 obsolete "bs_get_integer" BsGetInteger { fail: Operand, size: Operand, unit: Operand, flags: Operand, dst: Operand }
    81 obsolete "bs_get_float" BsGetFloat { fail: Operand, size: Operand, unit: Operand, flags: Operand, dst: Operand }
    82 obsolete "bs_get_binary" BsGetBinary { fail: Operand, size: Operand, unit: Operand, flags: Operand, dst: Operand }
    83 obsolete "bs_skip_bits" BsSkipBits { fail: Operand, size: Operand, unit: Operand, flags: Operand }
    84 obsolete "bs_test_tail" BsTestTail { fail: Operand, bits: Operand }
    85 obsolete "bs_save" BsSave { slot: Operand }
    86 obsolete "bs_restore" BsRestore { slot: Operand }
    87 obsolete "bs_init" BsInit { size: Operand, flags: Operand }
    88 obsolete "bs_final" BsFinal { fail: Operand, dst: Operand }
    89 current "bs_put_integer" BsPutInteger { fail: Label, size: Source, unit: u32, flags: u32, src: Source }
    90 current "bs_put_binary" BsPutBinary { fail: Label, size: Source, unit: u32, flags: u32, src: Source }
    91 current "bs_put_float" BsPutFloat { fail: Label, size: Source, unit: u32, flags: u32, src: Source }
    92 current "bs_put_string" BsPutString { len: u32, offset: u32 }
    93 obsolete "bs_need_buf" BsNeedBuf { bits: Operand }
    94 obsolete "fclearerror" Fclearerror {}
    95 obsolete "fcheckerror" Fcheckerror { fail: Label }
    96 current "fmove" Fmove { src: Source, dst: Source }
    97 current "fconv" Fconv { src: Source, dst: Source }
    98 current "fadd" Fadd { fail: Label, arg1: Source, arg2: Source, dst: Source }
    99 current "fsub" Fsub { fail: Label, arg1: Source, arg2: Source, dst: Source }
    100 current "fmul" Fmul { fail: Label, arg1: Source, arg2: Source, dst: Source }
    101 current "fdiv" Fdiv { fail: Label, arg1: Source, arg2: Source, dst: Source }
    102 current "fnegate" Fnegate { fail: Label, arg: Source, dst: Source }
    103 obsolete "make_fun2" MakeFun2 { lambda: LambdaIdx }
    104 current "try" Try { dst: Register, label: Label }
    105 current "try_end" TryEnd { dst: Register }
    106 current "try_case" TryCase { dst: Register }
    107 current "try_case_end" TryCaseEnd { value: Source }
    108 current "raise" Raise { stacktrace: Source, value: Source }
    109 current "bs_init2" BsInit2 { fail: Label, size: Operand, words: Alloc, live: u32, flags: u32, dst: Register }
    110 obsolete "bs_bits_to_bytes" BsBitsToBytes { fail: Operand, src: Operand, dst: Operand }
    111 current "bs_add" BsAdd { fail: Label, arg1: Source, arg2: Source, unit: u32, dst: Register }
    112 current "apply" Apply { arity: u32 }
    113 current "apply_last" ApplyLast { arity: u32, deallocate: u32 }
    114 current "is_boolean" IsBoolean { fail: Label, arg: Source }
    115 current "is_function2" IsFunction2 { fail: Label, arg: Source, arity: Source }
    116 obsolete "bs_start_match2" BsStartMatch2 { fail: Label, src: Source, live: u32, slots: u32, dst: Register }
    117 current "bs_get_integer2" BsGetInteger2 { fail: Label, ctx: Source, live: u32, size: Source, unit: u32, flags: u32, dst: Register }
    118 current "bs_get_float2" BsGetFloat2 { fail: Label, ctx: Source, live: u32, size: Source, unit: u32, flags: u32, dst: Register }
    119 current "bs_get_binary2" BsGetBinary2 { fail: Label, ctx: Source, live: u32, size: Source, unit: u32, flags: u32, dst: Register }
    120 current "bs_skip_bits2" BsSkipBits2 { fail: Label, ctx: Source, size: Source, unit: u32, flags: u32 }
    121 current "bs_test_tail2" BsTestTail2 { fail: Label, ctx: Source, bits: u32 }
    122 obsolete "bs_save2" BsSave2 { ctx: Source, slot: Operand }
    123 obsolete "bs_restore2" BsRestore2 { ctx: Source, slot: Operand }
    124 current "gc_bif1" GcBif1 { fail: Label, live: u32, bif: ImportIdx, arg: Source, dst: Register }
    125 current "gc_bif2" GcBif2 { fail: Label, live: u32, bif: ImportIdx, arg1: Source, arg2: Source, dst: Register }
    126 obsolete "bs_final2" BsFinal2 { src: Operand, dst: Operand }
    127 obsolete "bs_bits_to_bytes2" BsBitsToBytes2 { src: Operand, dst: Operand }
    128 obsolete "put_literal" PutLiteral { index: Operand, dst: Operand }
    129 current "is_bitstr" IsBitstr { fail: Label, arg: Source }
    130 obsolete "bs_context_to_binary" BsContextToBinary { ctx: Source }
    131 current "bs_test_unit" BsTestUnit { fail: Label, ctx: Source, unit: u32 }
    132 current "bs_match_string" BsMatchString { fail: Label, ctx: Source, bits: u32, offset: u32 }
    133 current "bs_init_writable" BsInitWritable {}
    134 current "bs_append" BsAppend { fail: Label, size: Source, extra: u32, live: u32, unit: u32, src: Source, flags: u32, dst: Register }
    135 current "bs_private_append" BsPrivateAppend { fail: Label, size: Source, unit: u32, src: Source, flags: u32, dst: Register }
    136 current "trim" Trim { n: u32, remaining: u32 }
    137 current "bs_init_bits" BsInitBits { fail: Label, size: Operand, words: Alloc, live: u32, flags: u32, dst: Register }
    138 current "bs_get_utf8" BsGetUtf8 { fail: Label, ctx: Source, live: u32, flags: u32, dst: Register }
    139 current "bs_skip_utf8" BsSkipUtf8 { fail: Label, ctx: Source, live: u32, flags: u32 }
    140 current "bs_get_utf16" BsGetUtf16 { fail: Label, ctx: Source, live: u32, flags: u32, dst: Register }
    141 current "bs_skip_utf16" BsSkipUtf16 { fail: Label, ctx: Source, live: u32, flags: u32 }
    142 current "bs_get_utf32" BsGetUtf32 { fail: Label, ctx: Source, live: u32, flags: u32, dst: Register }
    143 current "bs_skip_utf32" BsSkipUtf32 { fail: Label, ctx: Source, live: u32, flags: u32 }
    144 current "bs_utf8_size" BsUtf8Size { fail: Label, src: Source, dst: Register }
    145 current "bs_put_utf8" BsPutUtf8 { fail: Label, flags: u32, src: Source }
    146 current "bs_utf16_size" BsUtf16Size { fail: Label, src: Source, dst: Register }
    147 current "bs_put_utf16" BsPutUtf16 { fail: Label, flags: u32, src: Source }
    148 current "bs_put_utf32" BsPutUtf32 { fail: Label, flags: u32, src: Source }
    149 current "on_load" OnLoad {}
    150 obsolete "recv_mark" RecvMark { label: Label }
    151 obsolete "recv_set" RecvSet { label: Label }
    152 current "gc_bif3" GcBif3 { fail: Label, live: u32, bif: ImportIdx, arg1: Source, arg2: Source, arg3: Source, dst: Register }
    153 current "line" Line { location: LineIdx }
    154 current "put_map_assoc" PutMapAssoc { fail: Label, src: Source, dst: Register, live: u32, list: Vec<Operand> }
    155 current "put_map_exact" PutMapExact { fail: Label, src: Source, dst: Register, live: u32, list: Vec<Operand> }
    156 current "is_map" IsMap { fail: Label, arg: Source }
    157 current "has_map_fields" HasMapFields { fail: Label, src: Source, list: Vec<Operand> }
    158 current "get_map_elements" GetMapElements { fail: Label, src: Source, list: Vec<Operand> }
    159 current "is_tagged_tuple" IsTaggedTuple { fail: Label, arg: Source, arity: u32, tag: Atom }
    160 current "build_stacktrace" BuildStacktrace {}
    161 current "raw_raise" RawRaise {}
    162 current "get_hd" GetHd { src: Source, dst: Register }
    163 current "get_tl" GetTl { src: Source, dst: Register }
    164 current "put_tuple2" PutTuple2 { dst: Register, list: Vec<Operand> }
    165 current "bs_get_tail" BsGetTail { ctx: Source, dst: Register, live: u32 }
    166 current "bs_start_match3" BsStartMatch3 { fail: Label, src: Source, live: u32, dst: Register }
    167 current "bs_get_position" BsGetPosition { ctx: Source, dst: Register, live: u32 }
    168 current "bs_set_position" BsSetPosition { ctx: Source, pos: Source }
    169 current "swap" Swap { reg1: Register, reg2: Register }
    170 current "bs_start_match4" BsStartMatch4 { fail: Operand, live: u32, src: Source, dst: Register }
    171 current "make_fun3" MakeFun3 { lambda: LambdaIdx, dst: Register, env: Vec<Operand> }
    172 current "init_yregs" InitYregs { regs: Vec<Operand> }
    173 current "recv_marker_bind" RecvMarkerBind { marker: Source, reference: Source }
    174 current "recv_marker_clear" RecvMarkerClear { reference: Source }
    175 current "recv_marker_reserve" RecvMarkerReserve { marker: Register }
    176 current "recv_marker_use" RecvMarkerUse { reference: Source }
    177 current "bs_create_bin" BsCreateBin { fail: Label, alloc: Alloc, live: u32, unit: u32, dst: Register, list: Vec<Operand> }
    178 current "call_fun2" CallFun2 { tag: Operand, arity: u32, func: Source }
    179 current "nif_start" NifStart {}
    180 current "badrecord" Badrecord { value: Source }
    181 current "update_record" UpdateRecord { hint: Atom, size: u32, src: Source, dst: Register, updates: Vec<Operand> }
    182 current "bs_match" BsMatch { fail: Label, ctx: Source, commands: Vec<Operand> }
    183 current "executable_line" ExecutableLine { location: LineIdx, index: u32 }
}
