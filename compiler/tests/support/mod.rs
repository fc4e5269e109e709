//! What the compiler's integration tests share: finding the installed
//! Erlang/OTP, which is both the corpus and the oracle.

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
    let mut files = Vec::new();
    for app in std::fs::read_dir(otp_root().join("lib")).expect("reading OTP's lib directory") {
        let ebin = app
            .expect("reading OTP's lib directory")
            .path()
            .join("ebin");
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
        otp_root().display()
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
