//! Code generation: the linked program's functions become LLVM functions
//! of one uniform prototype (see `erts_core::abi`), one LLVM module per
//! Erlang module, plus a small program module that tells the runtime the
//! entry function and the program's atoms. Each module becomes an object
//! for the target.

mod atoms;
mod context;
mod frames;
mod function;
mod literals;
mod lower;
mod lower_bif;
mod lower_bits;
mod lower_control;
mod lower_data;
mod lower_errors;
mod lower_exceptions;
mod lower_float;
mod lower_fun;
mod lower_map;
mod lower_receive;
mod lower_tests;

use std::collections::HashMap;
use std::fmt;

use anyhow::{bail, format_err, Result};
use inkwell::context::Context;
use inkwell::module::{Linkage, Module as LlvmModule};
use inkwell::passes::PassBuilderOptions;
use inkwell::targets::{
    CodeModel, FileType, InitializationConfig, RelocMode, Target, TargetMachine, TargetTriple,
};
use inkwell::OptimizationLevel;

use crate::cache::BuildCache;
use crate::link::{Mfa, Program};
use atoms::AtomNumbering;
use context::Types;
use function::{FnLowering, ModuleLowering};

/// What `eartsc build` produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Emit {
    Object,
    LlvmIr,
    Assembly,
    /// Lower and verify only (the census of what compiles).
    Verify,
}

#[derive(Debug, Clone)]
pub struct CodegenOptions {
    /// 0 to 3, as `-O`.
    pub opt_level: u8,
    pub emit: Emit,
}

/// An instruction (or operand) the code generator cannot lower yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsupported {
    pub module: String,
    pub function: String,
    pub what: String,
}

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: `{}` is not supported yet",
            self.module, self.function, self.what
        )
    }
}

/// One emitted unit: an Erlang module (or the program table) as an object,
/// LLVM IR or assembly.
pub struct Artifact {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Compiles every linked function; `entry` is the program's `main/1`.
/// With a cache, atoms are numbered from its registry and each module's
/// object is taken from it when there, stored in it when made.
pub fn compile_program(
    program: &Program,
    entry: &Mfa,
    options: &CodegenOptions,
    mut cache: Option<&mut BuildCache>,
) -> Result<Vec<Artifact>> {
    Target::initialize_native(&InitializationConfig::default())
        .map_err(|e| format_err!("LLVM: {e}"))?;
    let triple = TargetMachine::get_default_triple();
    let machine = target_machine(&triple, options.opt_level)?;
    let ctx = Context::create();
    let types = Types::new(&ctx);
    let mut atoms = match &cache {
        Some(cache) => AtomNumbering::with_registry(&cache.atoms),
        None => AtomNumbering::new(),
    };
    let mut unsupported = Vec::new();
    let mut artifacts = Vec::new();
    // Objects made here, stored once the registry that numbers their
    // atoms is saved.
    let mut to_store = Vec::new();
    let settings = format!("{triple} O{}", options.opt_level);
    let progress = Progress::new(program.modules.len());

    for (name, linked) in &program.modules {
        let functions: Vec<usize> = linked.functions.iter().copied().collect();
        let key = match (&cache, options.emit) {
            (Some(cache), Emit::Object) => {
                Some(cache.object_key(linked.module.digest, &functions, &settings))
            }
            _ => None,
        };
        if let Some(bytes) = key.as_ref().and_then(|key| cache.as_ref()?.load(key)) {
            artifacts.push(Artifact {
                name: name.clone(),
                bytes,
            });
            continue;
        }
        let unsupported_before = unsupported.len();
        progress.compiling(name);
        let llvm = ctx.create_module(name);
        llvm.set_triple(&triple);
        llvm.set_data_layout(&machine.get_target_data().get_data_layout());
        let module = &linked.module;
        let mut locals = HashMap::new();
        for (index, function) in module.functions.iter().enumerate() {
            let symbol =
                erts_core::abi::function_symbol(name, module.atom(function.name), function.arity);
            let linkage = if linked.functions.contains(&index) {
                None
            } else {
                continue;
            };
            let value = llvm.add_function(&symbol, types.erlang_fn, linkage);
            locals.insert(function.entry, value);
        }
        // The literal area's size is known only after lowering; its global
        // starts as an empty array and is replaced at the end.
        let literal_global = llvm.add_global(types.word.array_type(0), None, "literals.pending");
        let mut lowering = ModuleLowering {
            ctx: &ctx,
            llvm: &llvm,
            types: &types,
            module,
            atoms: &mut atoms,
            locals: &locals,
            unsupported: &mut unsupported,
            locations: HashMap::new(),
            literal_area: literals::LiteralArea::default(),
            literal_words: HashMap::new(),
            literal_global,
        };
        for &index in &linked.functions {
            let function = locals[&module.functions[index].entry];
            FnLowering::lower(&mut lowering, index, function);
        }
        lowering.emit_literal_area();
        let artifact = emit(&llvm, &machine, name, options)?;
        if let Some(key) = key.filter(|_| unsupported.len() == unsupported_before) {
            to_store.push((key, artifacts.len()));
        }
        artifacts.push(artifact);
    }
    progress.done();
    if !unsupported.is_empty() {
        let list: Vec<String> = unsupported.iter().map(|u| u.to_string()).collect();
        bail!(
            "{} places cannot be compiled yet:\n  {}",
            list.len(),
            list.join("\n  ")
        );
    }
    let undef = atoms.term("undef");
    let exports = exported_functions(program, &mut atoms);
    if let Some(cache) = cache.as_mut() {
        cache.save_atoms(atoms.program_atoms())?;
        for (key, index) in &to_store {
            cache.store(key, &artifacts[*index].bytes);
        }
    }
    // The program's own modules' on_load functions; OTP's (crypto and the
    // like) load NIFs that earts does not have, and run only if loaded.
    let on_load = program
        .modules
        .iter()
        .filter(|(name, _)| program.roots.contains(*name))
        .filter_map(|(name, linked)| {
            let index = crate::link::on_load_function(&linked.module)?;
            let function = &linked.module.functions[index];
            Some(erts_core::abi::function_symbol(
                name,
                linked.module.atom(function.name),
                function.arity,
            ))
        })
        .collect();
    let facts = ProgramFacts {
        entry,
        atoms: &atoms,
        exports: &exports,
        on_load,
    };
    let table = program_table(&ctx, &types, &triple, &machine, &facts)?;
    undefined_stubs(&ctx, &table, &types, program, undef);
    artifacts.push(emit(&table, &machine, "earts_program", options)?);
    Ok(artifacts)
}

/// A progress line for the modules being compiled, when stderr is a
/// terminal (quiet otherwise).
struct Progress {
    total: usize,
    done: std::cell::Cell<usize>,
    shown: bool,
}

impl Progress {
    fn new(total: usize) -> Progress {
        use std::io::IsTerminal;
        Progress {
            total,
            done: std::cell::Cell::new(0),
            shown: std::io::stderr().is_terminal(),
        }
    }

    fn compiling(&self, module: &str) {
        self.done.set(self.done.get() + 1);
        if self.shown {
            eprint!(
                "\r\x1b[Kcompiling [{}/{}] {module}",
                self.done.get(),
                self.total
            );
        }
    }

    fn done(&self) {
        if self.shown && self.done.get() > 0 {
            eprint!("\r\x1b[K");
        }
    }
}

fn target_machine(triple: &TargetTriple, opt_level: u8) -> Result<TargetMachine> {
    let target =
        Target::from_triple(triple).map_err(|e| format_err!("LLVM target {triple}: {e}"))?;
    let level = match opt_level {
        0 => OptimizationLevel::None,
        1 => OptimizationLevel::Less,
        2 => OptimizationLevel::Default,
        _ => OptimizationLevel::Aggressive,
    };
    target
        .create_target_machine(
            triple,
            "generic",
            "",
            level,
            RelocMode::PIC,
            CodeModel::Default,
        )
        .ok_or_else(|| format_err!("LLVM cannot generate code for {triple}"))
}

/// What the program module records about the whole program:
/// `earts_program_main` (the entry function), the program's atoms
/// (`earts_program_atoms`, `earts_program_atom_count`) that the runtime
/// registers in order at startup, and the exported functions
/// (`earts_program_exports`, `earts_program_export_count`).
struct ProgramFacts<'a> {
    entry: &'a Mfa,
    atoms: &'a AtomNumbering,
    exports: &'a [ProgramExport],
    /// Symbols of the modules' `-on_load` functions.
    on_load: Vec<String>,
}

fn program_table<'ctx>(
    ctx: &'ctx Context,
    types: &Types<'ctx>,
    triple: &TargetTriple,
    machine: &TargetMachine,
    facts: &ProgramFacts,
) -> Result<LlvmModule<'ctx>> {
    let ProgramFacts {
        entry,
        atoms,
        exports,
        ..
    } = *facts;
    let llvm = ctx.create_module("earts_program");
    llvm.set_triple(triple);
    llvm.set_data_layout(&machine.get_target_data().get_data_layout());
    let main_symbol = erts_core::abi::function_symbol(&entry.module, &entry.function, entry.arity);
    let main = llvm.add_function(&main_symbol, types.erlang_fn, None);
    let main_global = llvm.add_global(types.ptr, None, "earts_program_main");
    main_global.set_initializer(&main.as_global_value().as_pointer_value());
    main_global.set_constant(true);

    let entry_type = ctx.struct_type(&[types.ptr.into(), types.word.into()], false);
    let mut entries = Vec::new();
    for name in atoms.program_atoms() {
        let text = llvm.add_global(ctx.i8_type().array_type(name.len() as u32), None, "atom");
        text.set_initializer(&ctx.const_string(name.as_bytes(), false));
        text.set_constant(true);
        text.set_linkage(Linkage::Private);
        entries.push(entry_type.const_named_struct(&[
            text.as_pointer_value().into(),
            types.word.const_int(name.len() as u64, false).into(),
        ]));
    }
    let table = llvm.add_global(
        entry_type.array_type(entries.len() as u32),
        None,
        "earts_program_atoms",
    );
    table.set_initializer(&entry_type.const_array(&entries));
    table.set_constant(true);
    let count = llvm.add_global(types.word, None, "earts_program_atom_count");
    count.set_initializer(&types.word.const_int(entries.len() as u64, false));
    count.set_constant(true);

    // The exported functions, for `apply` and `fun M:F/A`.
    let export_type = ctx.struct_type(
        &[
            types.word.into(),
            types.word.into(),
            types.word.into(),
            types.ptr.into(),
        ],
        false,
    );
    let entries: Vec<_> = exports
        .iter()
        .map(|export| {
            let code = match llvm.get_function(&export.symbol) {
                Some(function) => function,
                None => llvm.add_function(&export.symbol, types.erlang_fn, None),
            };
            export_type.const_named_struct(&[
                types.word.const_int(export.module, false).into(),
                types.word.const_int(export.function, false).into(),
                types.word.const_int(export.arity as u64, false).into(),
                code.as_global_value().as_pointer_value().into(),
            ])
        })
        .collect();
    let table = llvm.add_global(
        export_type.array_type(entries.len() as u32),
        None,
        "earts_program_exports",
    );
    table.set_initializer(&export_type.const_array(&entries));
    table.set_constant(true);
    let count = llvm.add_global(types.word, None, "earts_program_export_count");
    count.set_initializer(&types.word.const_int(entries.len() as u64, false));
    count.set_constant(true);

    // The `-on_load` functions, run before `main/1`.
    let on_load: Vec<_> = facts
        .on_load
        .iter()
        .map(|symbol| {
            let function = match llvm.get_function(symbol) {
                Some(function) => function,
                None => llvm.add_function(symbol, types.erlang_fn, None),
            };
            function.as_global_value().as_pointer_value()
        })
        .collect();
    let table = llvm.add_global(
        types.ptr.array_type(on_load.len() as u32),
        None,
        "earts_program_on_load",
    );
    table.set_initializer(&types.ptr.const_array(&on_load));
    table.set_constant(true);
    let count = llvm.add_global(types.word, None, "earts_program_on_load_count");
    count.set_initializer(&types.word.const_int(on_load.len() as u64, false));
    count.set_constant(true);
    Ok(llvm)
}

/// With `--allow-undefined`, each call that leads nowhere gets a function
/// that raises `error:undef`, as calling a missing function does on BEAM.
fn undefined_stubs<'ctx>(
    ctx: &'ctx Context,
    llvm: &LlvmModule<'ctx>,
    types: &Types<'ctx>,
    program: &Program,
    undef: u64,
) {
    let raise = context::runtime_fn(ctx, llvm, types, "earts_raise_error");
    let builder = ctx.create_builder();
    for undefined in &program.undefined {
        let mfa = &undefined.mfa;
        let symbol = erts_core::abi::function_symbol(&mfa.module, &mfa.function, mfa.arity);
        if llvm
            .get_function(&symbol)
            .is_some_and(|f| f.count_basic_blocks() > 0)
        {
            continue;
        }
        let function = llvm
            .get_function(&symbol)
            .unwrap_or_else(|| llvm.add_function(&symbol, types.erlang_fn, None));
        builder.position_at_end(ctx.append_basic_block(function, "entry"));
        let param = |n: u32| function.get_nth_param(n).expect("uniform prototype");
        let args = [
            param(0).into(),
            param(1).into(),
            types.word.const_int(undef, false).into(),
            types.ptr.const_null().into(),
        ];
        builder.build_call(raise, &args, "").expect("positioned");
        builder
            .build_return(Some(&types.result.const_zero()))
            .expect("positioned");
    }
}

/// An object defining each of `bifs` (`module:function/arity`, which the
/// runtime lacks) as a BIF that raises `undef`: it puts its arguments in
/// the register array and calls `earts_undefined_bif` with its name.
pub fn undefined_bifs(bifs: &[String]) -> Result<Artifact> {
    Target::initialize_native(&InitializationConfig::default())
        .map_err(|e| format_err!("LLVM: {e}"))?;
    let triple = TargetMachine::get_default_triple();
    let machine = target_machine(&triple, 1)?;
    let ctx = Context::create();
    let types = Types::new(&ctx);
    let llvm = ctx.create_module("earts_undefined_bifs");
    llvm.set_triple(&triple);
    llvm.set_data_layout(&machine.get_target_data().get_data_layout());
    let raise = context::runtime_fn(&ctx, &llvm, &types, "earts_undefined_bif");
    let builder = ctx.create_builder();
    for bif in bifs {
        let Some(mfa) = Mfa::parse(bif) else {
            bail!("`{bif}` is not module:function/arity");
        };
        let symbol = erts_core::abi::bif_symbol(&mfa.module, &mfa.function, mfa.arity);
        let function = context::bif_fn(&llvm, &types, &symbol, mfa.arity);
        builder.position_at_end(ctx.append_basic_block(function, "entry"));
        let process = function
            .get_nth_param(0)
            .expect("the process")
            .into_pointer_value();
        // SAFETY: the x register array's address is at its ABI offset.
        let x_field = unsafe {
            builder
                .build_in_bounds_gep(
                    ctx.i8_type(),
                    process,
                    &[types
                        .word
                        .const_int(erts_core::abi::process::X as u64, false)],
                    "x_field",
                )
                .expect("positioned")
        };
        let x = builder
            .build_load(types.ptr, x_field, "x")
            .expect("positioned")
            .into_pointer_value();
        for n in 0..mfa.arity {
            // SAFETY: the register array has room for every BIF's arity.
            let slot = unsafe {
                builder
                    .build_in_bounds_gep(
                        types.word,
                        x,
                        &[types.word.const_int(n as u64, false)],
                        "slot",
                    )
                    .expect("positioned")
            };
            let argument = function.get_nth_param(n + 1).expect("an argument");
            builder.build_store(slot, argument).expect("positioned");
        }
        let text = llvm.add_global(ctx.i8_type().array_type(bif.len() as u32), None, "name");
        text.set_initializer(&ctx.const_string(bif.as_bytes(), false));
        text.set_constant(true);
        text.set_linkage(Linkage::Private);
        let result = builder
            .build_call(
                raise,
                &[
                    process.into(),
                    text.as_pointer_value().into(),
                    types.word.const_int(bif.len() as u64, false).into(),
                ],
                "undef",
            )
            .expect("positioned")
            .try_as_basic_value();
        let inkwell::values::ValueKind::Basic(value) = result else {
            unreachable!("earts_undefined_bif returns a word")
        };
        builder.build_return(Some(&value)).expect("positioned");
    }
    let options = CodegenOptions {
        opt_level: 1,
        emit: Emit::Object,
    };
    emit(&llvm, &machine, "earts_undefined_bifs", &options)
}

/// An exported function of the program, for the run-time export table.
struct ProgramExport {
    module: u64,
    function: u64,
    arity: u32,
    symbol: String,
}

/// Every linked function its module exports.
fn exported_functions(program: &Program, atoms: &mut AtomNumbering) -> Vec<ProgramExport> {
    let mut exports = Vec::new();
    for (name, linked) in &program.modules {
        let module = &linked.module;
        for &index in &linked.functions {
            let function = &module.functions[index];
            if !module
                .exports
                .iter()
                .any(|export| export.label == function.entry)
            {
                continue;
            }
            let function_name = module.atom(function.name);
            exports.push(ProgramExport {
                module: atoms.term(name),
                function: atoms.term(function_name),
                arity: function.arity,
                symbol: erts_core::abi::function_symbol(name, function_name, function.arity),
            });
        }
    }
    exports
}

fn emit(
    llvm: &LlvmModule,
    machine: &TargetMachine,
    name: &str,
    options: &CodegenOptions,
) -> Result<Artifact> {
    llvm.verify()
        .map_err(|e| format_err!("LLVM rejected the code for {name}: {}", e.to_string()))?;
    if options.emit == Emit::Verify {
        return Ok(Artifact {
            name: name.to_string(),
            bytes: Vec::new(),
        });
    }
    let passes = format!("default<O{}>", options.opt_level.min(3));
    llvm.run_passes(&passes, machine, PassBuilderOptions::create())
        .map_err(|e| format_err!("optimising {name}: {}", e.to_string()))?;
    let bytes = match options.emit {
        Emit::LlvmIr => llvm.print_to_string().to_bytes().to_vec(),
        Emit::Verify => unreachable!("returned above"),
        Emit::Object | Emit::Assembly => {
            let file_type = if options.emit == Emit::Object {
                FileType::Object
            } else {
                FileType::Assembly
            };
            let buffer = machine
                .write_to_memory_buffer(llvm, file_type)
                .map_err(|e| format_err!("generating code for {name}: {}", e.to_string()))?;
            buffer.as_slice().to_vec()
        }
    };
    Ok(Artifact {
        name: name.to_string(),
        bytes,
    })
}
