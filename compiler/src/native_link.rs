//! Linking objects and the runtime library into a static executable with
//! the system's C compiler driver.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, format_err, Context, Result};

/// The runtime library's file name, as cargo builds `erts-ffi`.
const RUNTIME_LIBRARY: &str = "liberts_ffi.a";

/// Where the runtime library is: `$EARTS_RUNTIME_LIB`, or beside the
/// `eartsc` binary (cargo builds both into the same directory).
pub fn runtime_library() -> Result<PathBuf> {
    if let Some(path) = std::env::var_os("EARTS_RUNTIME_LIB") {
        return Ok(PathBuf::from(path));
    }
    let exe = std::env::current_exe().context("finding eartsc's own path")?;
    let mut dirs: Vec<&Path> = exe.ancestors().skip(1).take(2).collect();
    dirs.dedup();
    for dir in dirs {
        let candidate = dir.join(RUNTIME_LIBRARY);
        if candidate.exists() {
            return Ok(candidate);
        }
    }
    bail!("the runtime library {RUNTIME_LIBRARY} was not found beside eartsc (build it with `cargo build -p erts-ffi`, or set EARTS_RUNTIME_LIB)")
}

/// Why linking failed.
#[derive(Debug)]
pub enum LinkError {
    /// The runtime has no such BIFs (`module:function/arity`).
    MissingBifs(Vec<String>),
    Other(anyhow::Error),
}

impl std::fmt::Display for LinkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LinkError::MissingBifs(bifs) => write!(
                f,
                "these BIFs are not implemented yet: {} (--allow-undefined makes them raise `undef` at run time)",
                bifs.join(", ")
            ),
            LinkError::Other(error) => write!(f, "{error:#}"),
        }
    }
}

impl std::error::Error for LinkError {}

/// Links `objects` with the runtime into the executable `output`.
pub fn link_executable(objects: &[PathBuf], output: &Path) -> Result<(), LinkError> {
    link(objects, output).map_err(|e| match e.downcast::<LinkError>() {
        Ok(error) => error,
        Err(other) => LinkError::Other(other),
    })
}

fn link(objects: &[PathBuf], output: &Path) -> Result<()> {
    let runtime = runtime_library()?;
    let result = Command::new("cc")
        .args(objects)
        .arg(&runtime)
        .args(["-static", "-o"])
        .arg(output)
        .args(["-lpthread", "-ldl", "-lm"])
        .output()
        .map_err(|e| format_err!("running cc: {e}"))?;
    // The linker's text matters only when linking failed: on success it is
    // glibc's note that static programs resolve host names with the
    // system's libraries, which earts programs do not use yet.
    if !result.status.success() {
        let stderr = String::from_utf8_lossy(&result.stderr);
        let missing_bifs = missing_bifs(&stderr);
        if !missing_bifs.is_empty() {
            return Err(LinkError::MissingBifs(missing_bifs).into());
        }
        bail!("linking {} failed:\n{stderr}", output.display());
    }
    Ok(())
}

/// The BIFs the linker found no definition of, from its messages.
fn missing_bifs(linker_output: &str) -> Vec<String> {
    let mut bifs: Vec<String> = linker_output
        .lines()
        .filter_map(|line| line.split("undefined reference to `earts_bif:").nth(1))
        .filter_map(|rest| rest.split('\'').next())
        .map(str::to_string)
        .collect();
    bifs.sort();
    bifs.dedup();
    bifs
}
