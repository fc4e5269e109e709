//! `eartsc`, the earts command-line compiler.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};

use compiler::beam::Module;
use compiler::disasm::{self, Style};
use compiler::erlc;

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
