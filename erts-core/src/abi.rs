//! The contract between generated code and the runtime, in one place: the
//! values, `Process` field offsets and runtime functions that compiled
//! Erlang code relies on. The compiler expands this table into LLVM
//! declarations; `erts-sched` implements it and checks its structs'
//! offsets against it. Nothing else may guess a layout.
//!
//! Every generated Erlang function has one prototype, so that every tail
//! call can be a guaranteed (`musttail`) call:
//!
//! ```text
//! {i64 x0, i64 reds} f(ptr process, ptr sp, i64 reds, i32 entry, i64 x0, i64 x1)
//! ```
//!
//! - `sp` is the process's explicit stack pointer (the stack grows down;
//!   a frame of `allocate N` is `N + 1` words: `sp[0]` the resume point of
//!   the call in progress, `sp[1 + k]` the y register `k`).
//! - `reds` is the reduction budget; each call spends one.
//! - `entry` is 0 for a call; `k > 0` resumes the function after its
//!   `k`-th call site, with `x0` the value that call returned.
//! - `x0`, `x1` are the first x registers; the others are in the
//!   scheduler's register array (`Process::x`).
//! - The result is `x0` and the remaining budget, or [`NON_VALUE`] when the
//!   process must stop (yield, wait, exception): every caller then returns
//!   `NON_VALUE` at once, its state being in its frame, and the scheduler's
//!   trampoline resumes from the frames later.

/// Not a term (a header word with arity 0): returned to unwind to the
/// trampoline, and by runtime functions that raised an exception.
pub const NON_VALUE: u64 = 0;

/// Byte offsets of the `Process` fields generated code reads and writes.
pub mod process {
    /// `*mut u64`: the next free heap word.
    pub const HTOP: usize = 0;
    /// `*mut u64`: the end of the young generation's free space.
    pub const HEND: usize = 8;
    /// `*mut u64`: the lowest address the explicit stack may grow to.
    pub const STACK_LIMIT: usize = 16;
    /// `*mut u64`: the x register array (of [`super::X_REGISTERS`] words).
    pub const X: usize = 24;
    /// `*mut u64`: the explicit stack pointer, stored before calls into the
    /// runtime that may collect or raise (the collector scans the stack
    /// from there).
    pub const SP: usize = 32;
    /// `u64`: how many x registers (from x0, in the register array) are
    /// live across the BIF being called; the collector's roots if the BIF
    /// collects.
    pub const LIVE: usize = 40;
    /// `*mut u64`: one past the last word of the explicit stack. The
    /// stack moves when it grows; a frame keeps its distance from the end,
    /// so after a call a function re-derives its `sp` from the end's move.
    pub const STACK_END: usize = 48;
}

/// How many x registers there are (BEAM's limit).
pub const X_REGISTERS: usize = 1024;

/// How many x registers are passed as native arguments.
pub const X_ARGUMENTS: usize = 2;

// SAFETY: a resume point is immutable constant data; its function pointer
// is code, which every thread may call.
unsafe impl Sync for ResumePoint {}

/// A resume point: what the first word of a frame points to while the
/// frame's function waits for a call to return. Generated code emits one
/// per call site as constant data.
#[repr(C)]
#[derive(Debug)]
pub struct ResumePoint {
    /// The function to call to resume (with the uniform prototype).
    pub function: *const u8,
    /// The `entry` argument that resumes after the call site.
    pub entry: u32,
    /// The size of the frame, in words, including this resume point's slot:
    /// popped when the resumed function returns.
    pub frame_words: u32,
    /// The call site, for stack traces (null when unknown).
    pub location: *const Location,
}

/// Where an exception is caught: the handler of a `try` or `catch`, which
/// resumes its function like a resume point does. Catch tags on the
/// explicit stack (`erts_core::tag::IMMEDIATE2_CATCH`) hold an index into
/// the program's table of these.
#[repr(C)]
#[derive(Debug)]
pub struct CatchHandler {
    pub function: *const u8,
    /// The `entry` argument that resumes at the handler.
    pub entry: u32,
    /// The y register holding the catch tag: the frame starts `y + 1`
    /// words below it.
    pub y: u32,
    /// The size of that frame in words, popped when the function returns.
    pub frame_words: u32,
}

// SAFETY: immutable constant data, as resume points are.
unsafe impl Sync for CatchHandler {}

/// The type of a runtime function's parameter or result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AbiType {
    /// `*mut Process`.
    Process,
    /// The explicit stack pointer, `*mut u64`.
    StackPointer,
    /// A term word (or [`NON_VALUE`]), `u64`.
    Term,
    /// `u64`.
    Word,
    /// `i32` (comparison results, flags).
    Int32,
    /// A pointer to constant data (a [`Location`], a function).
    Pointer,
    /// No result.
    Void,
}

/// A runtime function that generated code calls.
#[derive(Debug)]
pub struct RuntimeFunction {
    pub name: &'static str,
    pub params: &'static [AbiType],
    pub result: AbiType,
}

use AbiType as T;

/// Every runtime function generated code calls (BIFs aside, see
/// [`bif_symbol`]).
pub const RUNTIME_FUNCTIONS: &[RuntimeFunction] = &[
    // Collect so that `need` words are free; the first `live` x registers
    // are in the register array. May move every term.
    RuntimeFunction {
        name: "earts_gc",
        params: &[T::Process, T::StackPointer, T::Word, T::Word],
        result: T::Void,
    },
    // Grow the explicit stack so that `need` more words fit below `sp`;
    // returns the new `sp` (the stack may move).
    RuntimeFunction {
        name: "earts_grow_stack",
        params: &[T::Process, T::StackPointer, T::Word],
        result: T::StackPointer,
    },
    // The budget is spent at the entry of `function` of `arity`, whose
    // arguments are in the register array: record how to restart it.
    RuntimeFunction {
        name: "earts_yield_at_entry",
        params: &[T::Process, T::StackPointer, T::Pointer, T::Word],
        result: T::Void,
    },
    // Term order of two terms: -1, 0 or 1.
    RuntimeFunction {
        name: "earts_compare",
        params: &[T::Term, T::Term],
        result: T::Int32,
    },
    // `=:=` and `==`, for terms that are not both immediates: 1 or 0.
    RuntimeFunction {
        name: "earts_eq_exact",
        params: &[T::Term, T::Term],
        result: T::Int32,
    },
    RuntimeFunction {
        name: "earts_eq",
        params: &[T::Term, T::Term],
        result: T::Int32,
    },
    // Raise `error:Reason` at a `Location`; the caller then unwinds.
    RuntimeFunction {
        name: "earts_raise_error",
        params: &[T::Process, T::StackPointer, T::Term, T::Pointer],
        result: T::Void,
    },
    // A BIF called outside a guard failed at this `Location`: the raise's
    // location, unless the BIF gave one; the caller then unwinds.
    RuntimeFunction {
        name: "earts_locate_failure",
        params: &[T::Process, T::Pointer],
        result: T::Void,
    },
    // Raise `error:{Tag, Value}` at a `Location` (badmatch, case_clause, …).
    RuntimeFunction {
        name: "earts_raise_tagged",
        params: &[T::Process, T::StackPointer, T::Term, T::Term, T::Pointer],
        result: T::Void,
    },
    // A `try` handler starts: x0, x1, x2 of the register array get the
    // class, the reason and the raw stack trace of the caught exception.
    RuntimeFunction {
        name: "earts_try_case",
        params: &[T::Process, T::StackPointer],
        result: T::Void,
    },
    // A `catch` caught an exception: its value (`Reason` for a throw,
    // `{'EXIT', Reason}` for an exit, `{'EXIT', {Reason, Stack}}` for an
    // error). May collect.
    RuntimeFunction {
        name: "earts_catch_value",
        params: &[T::Process, T::StackPointer],
        result: T::Term,
    },
    // `raise`: raise again with a raw stack trace from `earts_try_case`.
    RuntimeFunction {
        name: "earts_raise_raw",
        params: &[T::Process, T::StackPointer, T::Term, T::Term, T::Pointer],
        result: T::Void,
    },
    // `build_stacktrace`: the stack trace list of a raw stack trace.
    RuntimeFunction {
        name: "earts_build_stacktrace",
        params: &[T::Process, T::StackPointer, T::Term],
        result: T::Term,
    },
    // Calling the fun `fun` with `arity` arguments (in the register array
    // from x0): checks it is a fun of that arity, puts a closure's captured
    // values after the arguments, and returns the code to call; or raises
    // `badfun`, `badarity` or `undef` and returns null.
    RuntimeFunction {
        name: "earts_prepare_fun_call",
        params: &[T::Process, T::StackPointer, T::Term, T::Word],
        result: T::Pointer,
    },
    // `apply`: the exported `module:function/arity`, or null after raising
    // `undef` (or `badarg` when they are not atoms).
    RuntimeFunction {
        name: "earts_resolve_apply",
        params: &[T::Process, T::StackPointer, T::Term, T::Term, T::Word],
        result: T::Pointer,
    },
    // `erlang:apply/3` (module, function, argument list in x0..x2) or
    // `erlang:apply/2` (fun and argument list in x0, x1), by the number of
    // those registers: spreads the list over the x registers and returns
    // the code to call (an Erlang function), or null after raising.
    RuntimeFunction {
        name: "earts_resolve_apply_list",
        params: &[T::Process, T::StackPointer, T::Word],
        result: T::Pointer,
    },
    // A BIF the runtime lacks, called in a program built with
    // --allow-undefined: raises `undef` for `module:function/arity` (the
    // text at the pointer, of the given length), whose arguments are in
    // the register array; returns NON_VALUE.
    RuntimeFunction {
        name: "earts_undefined_bif",
        params: &[T::Process, T::Pointer, T::Word],
        result: T::Term,
    },
    // `fconv` of a term that is not a small integer: the float's bits, or
    // NaN's bits after raising `badarith` (NaN is never an Erlang float).
    RuntimeFunction {
        name: "earts_float_of",
        params: &[T::Process, T::StackPointer, T::Term],
        result: T::Word,
    },
    // What kind of bitstring a term is: 0 none, 1 a bitstring that is not
    // whole bytes, 2 a binary.
    RuntimeFunction {
        name: "earts_bitstring_kind",
        params: &[T::Term],
        result: T::Word,
    },
    // `send`: copies `message` into the mailbox of `destination`; returns
    // the message, or NON_VALUE after raising `badarg`.
    RuntimeFunction {
        name: "earts_send",
        params: &[T::Process, T::StackPointer, T::Term, T::Term],
        result: T::Term,
    },
    // `loop_rec`: the message at the receive position, or NON_VALUE when
    // there is none left.
    RuntimeFunction {
        name: "earts_loop_rec",
        params: &[T::Process],
        result: T::Term,
    },
    // `loop_rec_end`: move the receive position to the next message.
    RuntimeFunction {
        name: "earts_loop_rec_end",
        params: &[T::Process],
        result: T::Void,
    },
    // `remove_message`: take the matched message out, and start the next
    // receive from the first message.
    RuntimeFunction {
        name: "earts_remove_message",
        params: &[T::Process],
        result: T::Void,
    },
    // `wait` (timeout `infinity`) and `wait_timeout`: 0 when messages may
    // have arrived (go round the receive loop again), 1 when the timeout
    // has expired (`after 0`), 2 after raising (a bad timeout value), 3
    // when the process blocks (the caller unwinds; the process goes on at
    // the first resume point when a message comes, at the second when the
    // timeout passes).
    RuntimeFunction {
        name: "earts_wait",
        params: &[T::Process, T::StackPointer, T::Term, T::Pointer, T::Pointer],
        result: T::Word,
    },
    // `recv_marker_reserve`: a marker of the mailbox's current end.
    RuntimeFunction {
        name: "earts_recv_marker_reserve",
        params: &[T::Process],
        result: T::Term,
    },
    // `recv_marker_bind`: ties a reserved marker to a reference.
    RuntimeFunction {
        name: "earts_recv_marker_bind",
        params: &[T::Process, T::Term, T::Term],
        result: T::Void,
    },
    // `recv_marker_use`: the receive that follows starts at the marker
    // bound to the reference (messages older than the reference cannot
    // hold it).
    RuntimeFunction {
        name: "earts_recv_marker_use",
        params: &[T::Process, T::Term],
        result: T::Void,
    },
    // `recv_marker_clear`: forgets the marker bound to the reference.
    RuntimeFunction {
        name: "earts_recv_marker_clear",
        params: &[T::Process, T::Term],
        result: T::Void,
    },
    // `timeout`: the next receive starts from the first message.
    RuntimeFunction {
        name: "earts_timeout",
        params: &[T::Process],
        result: T::Void,
    },
    // The value of `key` in `map`, or NON_VALUE when `map` is no map or has
    // no such key (`get_map_elements`, `has_map_fields` jump then).
    RuntimeFunction {
        name: "earts_map_get",
        params: &[T::Term, T::Term],
        result: T::Term,
    },
    // `put_map_assoc` (exact 0) and `put_map_exact` (exact 1): `map` with
    // the `n` key/value pairs at `pairs` (words, keys and values
    // alternating) put in; the first `live` x registers and the pairs are
    // the roots if it collects. NON_VALUE after raising `{badmap, Map}` or
    // `{badkey, Key}`.
    RuntimeFunction {
        name: "earts_put_map",
        params: &[
            T::Process,
            T::StackPointer,
            T::Word,
            T::Term,
            T::Pointer,
            T::Word,
            T::Word,
        ],
        result: T::Term,
    },
    // Binary matching (`erts-sched/src/bits.rs`): a match state for a
    // bitstring (or the state itself), or NON_VALUE when it is none.
    RuntimeFunction {
        name: "earts_bs_start_match",
        params: &[T::Process, T::StackPointer, T::Word, T::Term],
        result: T::Term,
    },
    RuntimeFunction {
        name: "earts_bs_get_position",
        params: &[T::Term],
        result: T::Term,
    },
    RuntimeFunction {
        name: "earts_bs_set_position",
        params: &[T::Term, T::Term],
        result: T::Void,
    },
    // Kind 0: exactly `unit` bits left; 1: what is left is a multiple of
    // `unit`; 2: skip `size * unit` bits. 1 when it holds (and skipped).
    RuntimeFunction {
        name: "earts_bs_test",
        params: &[T::Term, T::Word, T::Term, T::Word],
        result: T::Word,
    },
    RuntimeFunction {
        name: "earts_bs_match_string",
        params: &[T::Term, T::Word, T::Pointer],
        result: T::Word,
    },
    // An integer of `size * unit` bits with the field flags; NON_VALUE when
    // the match fails. (`size` all-ones means all that is left.)
    RuntimeFunction {
        name: "earts_bs_get_integer",
        params: &[
            T::Process,
            T::StackPointer,
            T::Word,
            T::Term,
            T::Term,
            T::Word,
            T::Word,
        ],
        result: T::Term,
    },
    // A float of `size * unit` bits; NON_VALUE when the match fails.
    RuntimeFunction {
        name: "earts_bs_get_float",
        params: &[
            T::Process,
            T::StackPointer,
            T::Word,
            T::Term,
            T::Term,
            T::Word,
            T::Word,
        ],
        result: T::Term,
    },
    RuntimeFunction {
        name: "earts_bs_get_binary",
        params: &[
            T::Process,
            T::StackPointer,
            T::Word,
            T::Term,
            T::Term,
            T::Word,
        ],
        result: T::Term,
    },
    // `bs_get_tail`: the rest of the match as a sub binary, leaving the
    // position where it is (the compiler may match on from it).
    RuntimeFunction {
        name: "earts_bs_get_tail",
        params: &[T::Process, T::StackPointer, T::Word, T::Term],
        result: T::Term,
    },
    // `bs_get_utf8`/`16`/`32` (width 8, 16, 32) and the skips: the next
    // character (moving past it), or NON_VALUE.
    RuntimeFunction {
        name: "earts_bs_get_utf",
        params: &[T::Term, T::Word, T::Word],
        result: T::Term,
    },
    // `bs_create_bin`: a bitstring of `n` segments of five words each
    // (kind, unit, flags, value, size) at the address in the fifth
    // argument, leaving the heap words of the fourth free after it (live
    // registers in the third); NON_VALUE after raising `badarg`.
    RuntimeFunction {
        name: "earts_bs_create",
        params: &[
            T::Process,
            T::StackPointer,
            T::Word,
            T::Word,
            T::Word,
            T::Word,
        ],
        result: T::Term,
    },
    // The arity of a fun (closure or export), or -1 when it is no fun.
    RuntimeFunction {
        name: "earts_fun_arity",
        params: &[T::Term],
        result: T::Word,
    },
    // Raise `function_clause` in the function at a `Location`, whose
    // arguments are in the register array.
    RuntimeFunction {
        name: "earts_raise_function_clause",
        params: &[T::Process, T::StackPointer, T::Pointer],
        result: T::Void,
    },
];

/// What a closure's fun entry word points to: the lambda's code and
/// identity. One per lambda of a module, emitted as constant data.
#[repr(C)]
#[derive(Debug)]
pub struct FunEntry {
    /// The lambda's function (uniform prototype); it takes the fun's
    /// arguments, then the captured values, as x registers.
    pub function: *const u8,
    /// The fun's arity (without the captured values).
    pub arity: u32,
    /// How many values the closure captures.
    pub n_free: u32,
    /// The module (an atom word).
    pub module: u64,
    /// The lambda's index in its module and the module's uniq, as BEAM
    /// shows funs (`#Fun<Module.Index.Uniq>`).
    pub index: u32,
    pub old_uniq: u32,
    /// The lambda's function name (an atom word), as `erlang:fun_info/2`
    /// gives it.
    pub name: u64,
}

// SAFETY: immutable constant data, as resume points are.
unsafe impl Sync for FunEntry {}

/// An exported function of the linked program, for calls whose target is
/// known only at run time (`apply/3`, `fun M:F/A`).
#[repr(C)]
#[derive(Debug)]
pub struct ExportEntry {
    /// Atom words.
    pub module: u64,
    pub function: u64,
    pub arity: u64,
    pub code: *const u8,
}

// SAFETY: immutable constant data.
unsafe impl Sync for ExportEntry {}

/// A static description of a place in the code, for errors and stack
/// traces: the function and the source line.
#[repr(C)]
#[derive(Debug)]
pub struct Location {
    /// `module`, `function` (atoms, as term words) and arity.
    pub module: u64,
    pub function: u64,
    pub arity: u64,
    /// The file name (UTF-8, not terminated) and its length; empty when
    /// the location has no line.
    pub file: *const u8,
    pub file_len: u64,
    /// 0 when unknown.
    pub line: u64,
}

/// The symbol of the Rust function implementing a BIF: it takes the process
/// and the arguments as terms and returns a term, or [`NON_VALUE`] after
/// recording the exception in the process.
pub fn bif_symbol(module: &str, function: &str, arity: u32) -> String {
    format!("earts_bif:{module}:{function}/{arity}")
}

/// BIFs the runtime provides as Erlang functions (the uniform prototype,
/// exported under [`function_symbol`]'s name), which compiled code calls
/// like any Erlang function: those that stop the process (`yield`,
/// `hibernate`) and those whose work grows with their input, which run as
/// suspendable long work (erts-sched's `long_work`).
pub const BIFS_AS_FUNCTIONS: &[&str] = &[
    "erlang:yield/0",
    "erlang:hibernate/3",
    "erlang:term_to_binary/1",
    "erlang:term_to_binary/2",
    "erlang:term_to_iovec/1",
    "erlang:term_to_iovec/2",
    "erlang:binary_to_term/1",
    "erlang:binary_to_term/2",
    "erlang:list_to_binary/1",
    "erlang:iolist_to_binary/1",
    "lists:reverse/2",
];

/// The symbol of a compiled Erlang function.
pub fn function_symbol(module: &str, function: &str, arity: u32) -> String {
    format!("{module}:{function}/{arity}")
}
