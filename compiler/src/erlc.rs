//! Running the installed Erlang/OTP compiler, `erlc`, which turns `.erl`
//! sources into the `.beam` files earts reads.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, format_err, Context, Result};

/// A `.beam` compiled from source into a temporary directory that lives as
/// long as this value.
pub struct CompiledBeam {
    pub path: PathBuf,
    _dir: tempfile::TempDir,
}

/// Compiles `source` with `erlc`. erlc's own messages (it prints errors and
/// warnings on stdout) go to our stderr unchanged, so that stdout carries
/// only our output; a failed compilation is an error that says so.
pub fn compile(source: &Path) -> Result<CompiledBeam> {
    let dir = tempfile::Builder::new()
        .prefix("earts-erlc")
        .tempdir()
        .context("creating a temporary directory")?;
    let output = Command::new("erlc")
        .arg("-o")
        .arg(dir.path())
        .arg(source)
        .output()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => format_err!(
                "`erlc` was not found: install Erlang/OTP (on Debian: `apt-get install erlang-nox`, or run `scripts/setup`)"
            ),
            _ => format_err!("running erlc: {e}"),
        })?;
    let mut stderr = std::io::stderr().lock();
    // Passing erlc's text on is best effort: a closed stderr is no reason
    // to fail the compilation.
    let _ = stderr.write_all(&output.stdout);
    let _ = stderr.write_all(&output.stderr);
    if !output.status.success() {
        bail!("erlc failed to compile {}", source.display());
    }
    let stem = source
        .file_stem()
        .ok_or_else(|| format_err!("{} has no file name", source.display()))?;
    let path = dir.path().join(stem).with_extension("beam");
    if !path.exists() {
        bail!(
            "erlc wrote no {} (does the file's -module name match its file name?)",
            path.file_name().unwrap_or_default().to_string_lossy()
        );
    }
    Ok(CompiledBeam { path, _dir: dir })
}
