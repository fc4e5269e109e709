//! The LLVM side of the runtime contract (`erts_core::abi`): the uniform
//! function type, the runtime functions and BIFs as declarations, and the
//! term constants generated code compares against.

use inkwell::context::Context;
use inkwell::module::{Linkage, Module};
use inkwell::types::{BasicMetadataTypeEnum, FunctionType, IntType, PointerType, StructType};
use inkwell::values::FunctionValue;
use inkwell::AddressSpace;

use erts_core::abi::{self, AbiType, RuntimeFunction};

/// The LLVM types every lowering uses.
pub struct Types<'ctx> {
    pub word: IntType<'ctx>,
    pub i32: IntType<'ctx>,
    pub i1: IntType<'ctx>,
    pub ptr: PointerType<'ctx>,
    /// `{i64 x0, i64 reds}`, what every Erlang function returns.
    pub result: StructType<'ctx>,
    /// The one prototype of every Erlang function.
    pub erlang_fn: FunctionType<'ctx>,
    /// `{ptr function, i32 entry, i32 frame_words, ptr location}`
    /// (`abi::ResumePoint`).
    pub resume_point: StructType<'ctx>,
    /// `{ptr function, i32 entry, i32 y, i32 frame_words}`
    /// (`abi::CatchHandler`).
    pub catch_handler: StructType<'ctx>,
    /// `abi::Location`.
    pub location: StructType<'ctx>,
}

impl<'ctx> Types<'ctx> {
    pub fn new(ctx: &'ctx Context) -> Self {
        let word = ctx.i64_type();
        let i32 = ctx.i32_type();
        let ptr = ctx.ptr_type(AddressSpace::default());
        let result = ctx.struct_type(&[word.into(), word.into()], false);
        let mut params: Vec<BasicMetadataTypeEnum> =
            vec![ptr.into(), ptr.into(), word.into(), i32.into()];
        params.extend((0..abi::X_ARGUMENTS).map(|_| BasicMetadataTypeEnum::from(word)));
        let erlang_fn = result.fn_type(&params, false);
        let resume_point =
            ctx.struct_type(&[ptr.into(), i32.into(), i32.into(), ptr.into()], false);
        let catch_handler =
            ctx.struct_type(&[ptr.into(), i32.into(), i32.into(), i32.into()], false);
        let location = ctx.struct_type(
            &[
                word.into(),
                word.into(),
                word.into(),
                ptr.into(),
                word.into(),
                word.into(),
            ],
            false,
        );
        Types {
            word,
            i32,
            i1: ctx.bool_type(),
            ptr,
            result,
            erlang_fn,
            resume_point,
            catch_handler,
            location,
        }
    }

    fn abi_type(&self, ty: AbiType) -> BasicMetadataTypeEnum<'ctx> {
        match ty {
            AbiType::Process | AbiType::StackPointer | AbiType::Pointer => self.ptr.into(),
            AbiType::Term | AbiType::Word => self.word.into(),
            AbiType::Int32 => self.i32.into(),
            AbiType::Void => unreachable!("void is only a result"),
        }
    }

    fn runtime_fn_type(
        &self,
        ctx: &'ctx Context,
        function: &RuntimeFunction,
    ) -> FunctionType<'ctx> {
        let params: Vec<_> = function.params.iter().map(|p| self.abi_type(*p)).collect();
        match function.result {
            AbiType::Void => ctx.void_type().fn_type(&params, false),
            AbiType::Process | AbiType::StackPointer | AbiType::Pointer => {
                self.ptr.fn_type(&params, false)
            }
            AbiType::Term | AbiType::Word => self.word.fn_type(&params, false),
            AbiType::Int32 => self.i32.fn_type(&params, false),
        }
    }
}

/// Declares (once per module) the runtime function `name` from the ABI
/// table.
pub fn runtime_fn<'ctx>(
    ctx: &'ctx Context,
    module: &Module<'ctx>,
    types: &Types<'ctx>,
    name: &str,
) -> FunctionValue<'ctx> {
    if let Some(function) = module.get_function(name) {
        return function;
    }
    let entry = abi::RUNTIME_FUNCTIONS
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("`{name}` is not in erts_core::abi::RUNTIME_FUNCTIONS"));
    module.add_function(
        name,
        types.runtime_fn_type(ctx, entry),
        Some(Linkage::External),
    )
}

/// Declares the BIF `module:function/arity`: `i64 (ptr process, i64 args...)`.
pub fn bif_fn<'ctx>(
    module: &Module<'ctx>,
    types: &Types<'ctx>,
    symbol: &str,
    arity: u32,
) -> FunctionValue<'ctx> {
    if let Some(function) = module.get_function(symbol) {
        return function;
    }
    let mut params: Vec<BasicMetadataTypeEnum> = vec![types.ptr.into()];
    params.extend((0..arity).map(|_| BasicMetadataTypeEnum::from(types.word)));
    module.add_function(
        symbol,
        types.word.fn_type(&params, false),
        Some(Linkage::External),
    )
}
