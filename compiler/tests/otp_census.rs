//! The census of what earts compiles: every function of every installed
//! OTP module of `stdlib`, `kernel` and `compiler` lowers to LLVM IR that
//! LLVM's verifier accepts (`eartsc check`, no object emitted). A module
//! that does not names the function and instruction.

mod support;

use std::path::PathBuf;

fn modules_of(app: &str) -> Vec<PathBuf> {
    let lib = support::otp_root().join("lib");
    let dir = std::fs::read_dir(&lib)
        .expect("reading OTP's lib directory")
        .map(|entry| entry.expect("reading OTP's lib directory").path())
        .find(|path| {
            path.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&format!("{app}-")))
        })
        .unwrap_or_else(|| panic!("OTP has no {app} application"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("ebin"))
        .expect("reading ebin")
        .map(|entry| entry.expect("reading ebin").path())
        .filter(|path| path.extension().is_some_and(|e| e == "beam"))
        .collect();
    files.sort();
    files
}

#[test]
fn stdlib_kernel_and_compiler_compile() {
    for app in ["stdlib", "kernel", "compiler"] {
        let files = modules_of(app);
        let output = support::eartsc()
            .arg("check")
            .args(&files)
            .output()
            .expect("running eartsc check");
        let stdout = String::from_utf8_lossy(&output.stdout);
        println!("{app}: {}", stdout.lines().last().unwrap_or(""));
        assert!(
            output.status.success(),
            "{app}: some modules do not compile:\n{stdout}{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}
