//! Finding modules: the `-pa` directories first, then the installed
//! Erlang/OTP's `lib/*/ebin`. OTP's root is asked of `erl` once and cached.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, format_err, Context, Result};

/// Where modules are looked for, in order.
pub struct SearchPath {
    dirs: Vec<PathBuf>,
    /// Module name → file, filled on first use of a directory listing.
    index: HashMap<String, PathBuf>,
}

impl SearchPath {
    /// `extra_dirs` (from `-pa`) come before OTP's own directories.
    pub fn new(extra_dirs: &[PathBuf], otp_root: &Path) -> Result<SearchPath> {
        let mut dirs = extra_dirs.to_vec();
        let lib = otp_root.join("lib");
        let mut otp_dirs: Vec<PathBuf> = std::fs::read_dir(&lib)
            .with_context(|| format!("reading {}", lib.display()))?
            .filter_map(|entry| Some(entry.ok()?.path().join("ebin")))
            .filter(|ebin| ebin.is_dir())
            .collect();
        otp_dirs.sort();
        dirs.extend(otp_dirs);
        let mut index = HashMap::new();
        // Earlier directories win, as with the code path.
        for dir in dirs.iter().rev() {
            let Ok(entries) = std::fs::read_dir(dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.extension().is_some_and(|e| e == "beam") {
                    if let Some(stem) = path.file_stem().and_then(|s| s.to_str()) {
                        index.insert(stem.to_string(), path);
                    }
                }
            }
        }
        Ok(SearchPath { dirs, index })
    }

    /// The file of module `name`, if any directory has it.
    pub fn find(&self, name: &str) -> Option<&Path> {
        self.index.get(name).map(PathBuf::as_path)
    }

    pub fn dirs(&self) -> &[PathBuf] {
        &self.dirs
    }
}

/// The installed OTP's root directory (`code:root_dir()`), cached in
/// `cache_dir/otp-root` so that `erl` runs once per machine. The cache is
/// checked: a root that no longer exists is asked for again.
pub fn otp_root(cache_dir: &Path) -> Result<PathBuf> {
    let cache_file = cache_dir.join("otp-root");
    if let Ok(cached) = std::fs::read_to_string(&cache_file) {
        let root = PathBuf::from(cached.trim());
        if root.join("lib").is_dir() {
            return Ok(root);
        }
    }
    let output = Command::new("erl")
        .args(["-noshell", "-eval", "io:format(\"~s\", [code:root_dir()]), halt()."])
        .output()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => format_err!(
                "`erl` was not found: install Erlang/OTP (on Debian: `apt-get install erlang-nox`, or run `scripts/setup`)"
            ),
            _ => format_err!("running erl: {e}"),
        })?;
    if !output.status.success() {
        bail!("erl failed: {}", String::from_utf8_lossy(&output.stderr));
    }
    let root = PathBuf::from(String::from_utf8(output.stdout).context("OTP's root is not UTF-8")?);
    // The cache is an optimisation: failing to write it is not an error.
    let _ = std::fs::create_dir_all(cache_dir)
        .and_then(|()| std::fs::write(&cache_file, root.to_string_lossy().as_bytes()));
    Ok(root)
}

/// earts' cache directory: `$EARTS_CACHE_DIR`, else `$XDG_CACHE_HOME/earts`,
/// else `~/.cache/earts`, else a directory under the system's temp dir.
pub fn cache_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("EARTS_CACHE_DIR") {
        return PathBuf::from(dir);
    }
    if let Some(dir) = std::env::var_os("XDG_CACHE_HOME") {
        return PathBuf::from(dir).join("earts");
    }
    if let Some(home) = std::env::var_os("HOME") {
        return PathBuf::from(home).join(".cache").join("earts");
    }
    std::env::temp_dir().join("earts-cache")
}
