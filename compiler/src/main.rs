//! `eartsc`, the earts command-line compiler.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};

use compiler::beam::Module;
use compiler::codegen::{self, CodegenOptions, Emit};
use compiler::disasm::{self, Style};
use compiler::erlc;
use compiler::link::{self, LinkOptions, Mfa, SearchPath};
use compiler::native_link;

#[derive(Parser)]
#[command(
    name = "eartsc",
    version,
    about = "Ahead-of-time compiler for BEAM languages"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print BEAM files as instructions, in the textual form of `erlc -S`.
    /// `.erl` files are compiled with the installed `erlc` first.
    Disasm {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output layout.
        #[arg(long, value_enum, default_value_t = StyleArg::Asm)]
        style: StyleArg,
    },
    /// Follow the program's calls function by function and list the
    /// functions a build would compile.
    Link(LinkArgs),
    /// Compile a program into a native executable.
    Build {
        #[command(flatten)]
        link: LinkArgs,
        /// The executable (or, with --emit, the directory of files).
        #[arg(short, long)]
        output: PathBuf,
        /// Write LLVM IR, assembly or objects instead of linking.
        #[arg(long, value_enum)]
        emit: Option<EmitArg>,
        /// Optimisation level.
        #[arg(short = 'O', default_value_t = 2, value_parser = clap::value_parser!(u8).range(0..=3))]
        opt_level: u8,
    },
    /// Build a program into the cache and run it: `eartsc run app.erl --
    /// args...`. Exits with the program's status.
    Run {
        #[command(flatten)]
        link: LinkArgs,
        /// The program's arguments (after `--`).
        #[arg(last = true)]
        args: Vec<String>,
    },
    /// Compile every function of each module (code generation and LLVM's
    /// verifier, no object): the census of what earts can compile. Prints
    /// each module that fails, with the places, and a summary.
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum EmitArg {
    LlvmIr,
    Asm,
    Obj,
}

#[derive(clap::Args)]
struct LinkArgs {
    /// The program's modules (`.erl` or `.beam`); the first one's `main/1`
    /// is the entry unless `--entry` names others.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Directories searched for modules before the installed OTP's.
    #[arg(long = "pa", value_name = "DIR")]
    code_path: Vec<PathBuf>,
    /// Extra entry functions, as `module:function/arity`.
    #[arg(long = "entry", value_name = "M:F/A", value_parser = parse_mfa)]
    entries: Vec<Mfa>,
    /// Modules to keep whole, for calls with run-time names.
    #[arg(long = "keep", value_name = "MODULE")]
    keep_modules: Vec<String>,
    /// Calls to missing modules or functions raise `undef` at run time
    /// instead of failing the build.
    #[arg(long)]
    allow_undefined: bool,
}

fn parse_mfa(text: &str) -> Result<Mfa, String> {
    Mfa::parse(text).ok_or_else(|| format!("`{text}` is not module:function/arity"))
}

#[derive(Clone, Copy, ValueEnum)]
enum StyleArg {
    /// Like `erlc -S`.
    Asm,
    /// The terms OTP's `beam_disasm:file/1` returns.
    BeamDisasm,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Disasm { files, style } => disasm_files(&files, style),
        Command::Link(args) => link_program(&args),
        Command::Build {
            link,
            output,
            emit,
            opt_level,
        } => build_program(&link, &output, emit, opt_level),
        Command::Check { files } => check_modules(&files),
        Command::Run { link, args } => return run_program(&link, &args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("eartsc: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn disasm_files(files: &[PathBuf], style: StyleArg) -> Result<()> {
    let style = match style {
        StyleArg::Asm => Style::Asm,
        StyleArg::BeamDisasm => Style::BeamDisasm,
    };
    let mut stdout = std::io::stdout().lock();
    for file in files {
        let module = read_module(file)?;
        let text = disasm::module_text(&module, style);
        if let Err(e) = stdout.write_all(text.as_bytes()) {
            // A closed pipe (`eartsc disasm x.beam | head`) is not an error.
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                return Ok(());
            }
            return Err(e).context("writing to stdout");
        }
    }
    Ok(())
}

/// Reads the program's modules and links them; returns the program and
/// its entry function (`main/1` of the first module).
fn read_and_link(args: &LinkArgs) -> Result<(link::Program, Mfa)> {
    let modules = args
        .files
        .iter()
        .map(|f| read_module(f))
        .collect::<Result<Vec<_>>>()?;
    let main = Mfa::new(modules[0].name(), "main", 1);
    let program_modules = modules.iter().map(|m| m.name().to_string()).collect();
    let mut entries = args.entries.clone();
    if entries.is_empty() {
        entries.push(main.clone());
    }
    // earts' own modules replace OTP's of the same name; a program's own
    // module of the same name wins, as the first file on a code path does.
    let mut modules = modules;
    for module in compiler::runtime_modules::modules()? {
        if modules.iter().all(|m| m.name() != module.name()) {
            modules.push(module);
        }
    }
    entries.extend(compiler::runtime_modules::entries());
    let options = LinkOptions {
        entries,
        keep_modules: args.keep_modules.clone(),
        program_modules,
        allow_undefined: args.allow_undefined,
    };
    let search = SearchPath::new(&args.code_path, &link::otp_root(&link::cache_dir())?)?;
    Ok((link::link(&search, modules, &options)?, main))
}

fn build_program(
    args: &LinkArgs,
    output: &Path,
    emit: Option<EmitArg>,
    opt_level: u8,
) -> Result<()> {
    let (program, main) = read_and_link(args)?;
    eprintln!(
        "linked {} functions in {} modules",
        program.function_count(),
        program.modules.len()
    );
    let emit_kind = match emit {
        None | Some(EmitArg::Obj) => Emit::Object,
        Some(EmitArg::LlvmIr) => Emit::LlvmIr,
        Some(EmitArg::Asm) => Emit::Assembly,
    };
    let mut cache = compiler::cache::BuildCache::open(&link::cache_dir().join("build"))?;
    let artifacts = codegen::compile_program(
        &program,
        &main,
        &CodegenOptions {
            opt_level,
            emit: emit_kind,
        },
        Some(&mut cache),
    )?;
    let extension = match emit_kind {
        Emit::Object => "o",
        Emit::LlvmIr => "ll",
        Emit::Assembly => "s",
        Emit::Verify => unreachable!("build never only verifies"),
    };
    let temporary = tempfile::tempdir().context("creating a temporary directory")?;
    let dir = match emit {
        Some(_) => output,
        None => temporary.path(),
    };
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut objects = Vec::new();
    for artifact in &artifacts {
        let path = dir.join(format!("{}.{extension}", artifact.name));
        std::fs::write(&path, &artifact.bytes)
            .with_context(|| format!("writing {}", path.display()))?;
        objects.push(path);
    }
    if emit.is_none() {
        match native_link::link_executable(&objects, output) {
            Ok(()) => {}
            // With --allow-undefined, a BIF the runtime lacks raises
            // `undef` when called, as a missing function does.
            Err(native_link::LinkError::MissingBifs(bifs)) if args.allow_undefined => {
                let stubs = codegen::undefined_bifs(&bifs)?;
                let path = dir.join("earts_undefined_bifs.o");
                std::fs::write(&path, &stubs.bytes)
                    .with_context(|| format!("writing {}", path.display()))?;
                objects.push(path);
                native_link::link_executable(&objects, output)?;
            }
            Err(error) => return Err(error.into()),
        }
    }
    Ok(())
}

/// `eartsc run`: builds into `cache_dir()/run` and runs the executable,
/// exiting as it did.
fn run_program(link: &LinkArgs, args: &[String]) -> ExitCode {
    let name = link
        .files
        .first()
        .and_then(|f| f.file_stem())
        .map_or_else(|| "program".into(), |s| s.to_string_lossy().into_owned());
    let dir = link::cache_dir().join("run");
    let executable = dir.join(&name);
    let built = std::fs::create_dir_all(&dir)
        .with_context(|| format!("creating {}", dir.display()))
        .and_then(|()| build_program(link, &executable, None, 2));
    if let Err(e) = built {
        eprintln!("eartsc: {e:#}");
        return ExitCode::FAILURE;
    }
    match std::process::Command::new(&executable).args(args).status() {
        Ok(status) => match status.code() {
            Some(code) => ExitCode::from(code as u8),
            // Killed by a signal: as a shell reports it.
            None => ExitCode::from(128 + exit_signal(&status)),
        },
        Err(e) => {
            eprintln!("eartsc: running {}: {e}", executable.display());
            ExitCode::FAILURE
        }
    }
}

#[cfg(unix)]
fn exit_signal(status: &std::process::ExitStatus) -> u8 {
    use std::os::unix::process::ExitStatusExt;
    status.signal().unwrap_or(0) as u8
}

#[cfg(not(unix))]
fn exit_signal(_status: &std::process::ExitStatus) -> u8 {
    0
}

fn check_modules(files: &[PathBuf]) -> Result<()> {
    let (mut modules, mut functions, mut failed) = (0, 0, 0);
    for file in files {
        let module = read_module(file)?;
        let name = module.name().to_string();
        let all = (0..module.functions.len()).collect();
        functions += module.functions.len();
        modules += 1;
        let program = link::Program {
            modules: [(
                name.clone(),
                link::LinkedModule {
                    module,
                    functions: all,
                },
            )]
            .into_iter()
            .collect(),
            undefined: Vec::new(),
            roots: std::iter::once(name.clone()).collect(),
        };
        let entry = Mfa::new(&name, "module_info", 0);
        let options = CodegenOptions {
            opt_level: 0,
            emit: Emit::Verify,
        };
        if let Err(error) = codegen::compile_program(&program, &entry, &options, None) {
            failed += 1;
            println!("{name}: {error:#}");
        }
    }
    println!(
        "checked {modules} modules ({functions} functions): {} compile, {failed} do not",
        modules - failed
    );
    if failed > 0 {
        anyhow::bail!("{failed} modules do not compile");
    }
    Ok(())
}

fn link_program(args: &LinkArgs) -> Result<()> {
    let (program, _) = read_and_link(args)?;
    let mut out = String::new();
    for (name, linked) in &program.modules {
        for &index in &linked.functions {
            let function = &linked.module.functions[index];
            out.push_str(&format!(
                "{name}:{}/{}\n",
                linked.module.atom(function.name),
                function.arity
            ));
        }
    }
    for undefined in &program.undefined {
        out.push_str(&format!("undefined: {undefined}\n"));
    }
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    eprintln!(
        "linked {} functions in {} modules",
        program.function_count(),
        program.modules.len()
    );
    Ok(())
}

/// Reads a `.beam` file, compiling it from source first if it is `.erl`.
fn read_module(file: &Path) -> Result<Module> {
    let compiled;
    let beam_path = if file.extension().is_some_and(|e| e == "erl") {
        compiled = erlc::compile(file)?;
        &compiled.path
    } else {
        file
    };
    let bytes =
        std::fs::read(beam_path).with_context(|| format!("reading {}", beam_path.display()))?;
    Ok(Module::parse(&file.display().to_string(), &bytes)?)
}
