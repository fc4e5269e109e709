//! `eartsc disasm` end to end: `.erl` and `.beam` in, text out, and clear
//! errors for bad input.

mod support;

use std::process::Output;

fn run(args: &[&str]) -> Output {
    support::eartsc()
        .args(args)
        .output()
        .expect("running eartsc")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn disasm_compiles_erl_sources_with_erlc() {
    let source = support::test_path("data/sample.erl");
    let output = run(&["disasm", source.to_str().unwrap()]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    assert!(stdout.starts_with("{module, sample}.\n"), "{stdout}");
    for expected in [
        "{function, classify, 1, ",
        "sample.erl\",12}]}.",
        "{test,bs_get_binary2,",
        "{make_fun3,{sample,'-make_adder/1-fun-0-',2},",
        "{call_ext,2,{extfunc,io,format,2}}.",
        "{'try',{y,",
    ] {
        assert!(
            stdout.contains(expected),
            "missing {expected:?} in\n{stdout}"
        );
    }
}

#[test]
fn disasm_reads_beam_files_in_beam_disasm_style() {
    let lists = support::otp_beam_files()
        .into_iter()
        .find(|p| p.ends_with("lists.beam"))
        .expect("OTP has lists");
    let output = run(&["disasm", "--style", "beam-disasm", lists.to_str().unwrap()]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    assert!(
        stdout.starts_with("{function,keyfind,3,2}.\n{label,1}.\n{line,1}.\n"),
        "{}",
        &stdout[..200]
    );
}

#[test]
fn erlc_errors_are_passed_through() {
    let source = support::test_path("data/syntax_error.erl");
    let output = run(&["disasm", source.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("syntax_error.erl:3:11: syntax error before: ok"),
        "{stderr}"
    );
    assert!(
        stderr.contains("eartsc: erlc failed to compile"),
        "{stderr}"
    );
}

#[test]
fn missing_erlc_says_how_to_install_it() {
    let empty = tempfile::tempdir().unwrap();
    let source = support::test_path("data/sample.erl");
    let output = support::eartsc()
        .env("PATH", empty.path())
        .args(["disasm", source.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("`erlc` was not found") && stderr.contains("apt-get install erlang-nox"),
        "{stderr}"
    );
}

#[test]
fn malformed_beam_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("junk.beam");
    std::fs::write(&path, b"FOR1\0\0\0\x04BEAM").unwrap();
    let output = run(&["disasm", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert_eq!(
        stderr,
        format!("eartsc: {}: byte 0x0: no `AtU8` chunk\n", path.display())
    );
}

#[test]
fn missing_file_is_a_clear_error() {
    let output = run(&["disasm", "/nonexistent/x.beam"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stderr),
        "eartsc: reading /nonexistent/x.beam: No such file or directory (os error 2)\n"
    );
}

/// `eartsc run` builds and runs in one step, passing the arguments after
/// `--` and exiting as the program does; compared with escript.
#[test]
fn run_builds_and_runs_with_arguments() {
    let hello = support::test_path("../../examples/hello.erl");
    let output = run(&["run", hello.to_str().unwrap(), "--", "a", "b c"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let script = tempfile::tempdir().expect("a temporary directory");
    let status = std::process::Command::new("erlc")
        .arg("-o")
        .arg(script.path())
        .arg(&hello)
        .status()
        .expect("running erlc");
    assert!(status.success());
    let beam = std::process::Command::new("erl")
        .args(["-noshell", "-pa"])
        .arg(script.path())
        .args(["-eval", "hello:main([\"a\", \"b c\"]), halt()."])
        .output()
        .expect("running erl");
    assert_eq!(text(&output.stdout), text(&beam.stdout));
}
