//! What the compiler's integration tests share: finding the installed
//! Erlang/OTP and Elixir, which are both corpus and oracle.

#![allow(dead_code, reason = "each test binary uses a different part")]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The root of the installed Erlang/OTP, from `code:root_dir()`. Tests
/// that need OTP fail (never skip) when it is missing.
pub fn otp_root() -> &'static Path {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        let output = Command::new("erl")
            .args([
                "-noshell",
                "-eval",
                "io:format(\"~s\", [code:root_dir()]), halt().",
            ])
            .output()
            .expect("`erl` not found: run scripts/setup to install Erlang/OTP");
        assert!(
            output.status.success(),
            "erl failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        PathBuf::from(String::from_utf8(output.stdout).expect("root dir is UTF-8"))
    })
}

/// Every `.beam` of the installed OTP's applications (`lib/*/ebin`),
/// sorted by path.
pub fn otp_beam_files() -> Vec<PathBuf> {
    beam_files_under(&otp_root().join("lib"))
}

/// Every `.beam` of the installed Elixir (Debian's 1.14, compiled by OTP
/// 24: it uses the older binary construction instructions that OTP 25's
/// own modules no longer do).
pub fn elixir_beam_files() -> Vec<PathBuf> {
    let output = Command::new("elixir")
        .args(["-e", "IO.write(:code.lib_dir(:elixir))"])
        .output()
        .expect("`elixir` not found: run scripts/setup to install it");
    assert!(
        output.status.success(),
        "elixir failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let elixir_app = PathBuf::from(String::from_utf8(output.stdout).expect("lib dir is UTF-8"));
    beam_files_under(
        elixir_app
            .parent()
            .expect("the elixir app is in a lib directory"),
    )
}

/// The `.beam` files in `lib_dir/*/ebin`, sorted by path.
fn beam_files_under(lib_dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for app in std::fs::read_dir(lib_dir).expect("reading a lib directory") {
        let ebin = app.expect("reading a lib directory").path().join("ebin");
        let Ok(entries) = std::fs::read_dir(&ebin) else {
            continue;
        };
        for entry in entries {
            let path = entry.expect("reading an ebin directory").path();
            if path.extension().is_some_and(|e| e == "beam") {
                files.push(path);
            }
        }
    }
    files.sort();
    assert!(
        !files.is_empty(),
        "no .beam files under {}",
        lib_dir.display()
    );
    files
}

/// The `eartsc` binary built for this test run.
pub fn eartsc() -> Command {
    Command::new(env!("CARGO_BIN_EXE_eartsc"))
}

/// A test file under `compiler/tests/`.
pub fn test_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(relative)
}
