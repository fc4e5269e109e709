//! Stress and soak tests of the process runtime, each an Erlang program in
//! `tests/stress/` run as an earts executable and, for reference, on BEAM:
//!
//! - `idle_processes.erl`: N processes alive at once, each blocked in
//!   `receive`, then all messaged and all answering. The harness reads the
//!   resident memory the operating system gives the program
//!   (`/proc/PID/status`) before the processes exist and while they all
//!   wait, on both runtimes, and prints the bytes per process. Only
//!   correctness is asserted. `EARTS_STRESS_PROCESSES` sets N.
//! - `soak.erl`: random spawns, links, exits and messages for
//!   `EARTS_SOAK_MILLIS` milliseconds with a fixed seed; no message may be
//!   lost unless its sender or receiver died, no survivor may stop
//!   answering, nothing may crash.

mod support;

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::Instant;

/// Processes alive at once when `EARTS_STRESS_PROCESSES` is not set.
const DEFAULT_PROCESSES: usize = 1_000_000;
/// The soak's length when `EARTS_SOAK_MILLIS` is not set.
const DEFAULT_SOAK_MILLIS: u64 = 10_000;

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    match std::env::var(name) {
        Ok(text) => text
            .parse()
            .unwrap_or_else(|_| panic!("{name} must be a number, not {text:?}")),
        Err(_) => default,
    }
}

fn program(name: &str) -> PathBuf {
    support::test_path(&format!("stress/{name}.erl"))
}

/// Builds `program` with the `eartsc` of this test run.
fn build_for_earts(program: &Path, work: &Path) -> PathBuf {
    let executable = work.join(program.file_stem().unwrap());
    let build = support::eartsc()
        .args(["build", "-o"])
        .arg(&executable)
        .arg(program)
        .output()
        .expect("running eartsc");
    assert!(
        build.status.success(),
        "eartsc build {} failed:\n{}",
        program.display(),
        String::from_utf8_lossy(&build.stderr)
    );
    executable
}

/// Compiles `program` into `work` for `erl -pa work`.
fn compile_for_beam(program: &Path, work: &Path) {
    let status = Command::new("erlc")
        .arg("-o")
        .arg(work)
        .arg(program)
        .status()
        .expect("erlc not found: run scripts/setup");
    assert!(status.success(), "erlc {} failed", program.display());
}

/// `erl` running `module:main(Args)` and halting, as the benchmarks run.
fn erl(work: &Path, module: &str, args: &[String], flags: &[String]) -> Command {
    let quoted: Vec<String> = args.iter().map(|arg| format!("{arg:?}")).collect();
    let mut command = Command::new("erl");
    command
        .args(flags)
        .arg("-noshell")
        .arg("-pa")
        .arg(work)
        .arg("-eval")
        .arg(format!("{module}:main([{}]), halt().", quoted.join(", ")));
    command
}

/// A program that stops on lines of its standard input.
struct Conversation {
    child: Child,
    input: ChildStdin,
    output: BufReader<ChildStdout>,
}

impl Conversation {
    fn start(mut command: Command) -> Conversation {
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("starting the program");
        let input = child.stdin.take().unwrap();
        let output = BufReader::new(child.stdout.take().unwrap());
        Conversation {
            child,
            input,
            output,
        }
    }

    fn read_line(&mut self) -> String {
        let mut line = String::new();
        self.output
            .read_line(&mut line)
            .expect("reading the program's output");
        line.trim_end().to_string()
    }

    fn go_on(&mut self) {
        writeln!(self.input, "go").expect("writing to the program");
        self.input.flush().expect("writing to the program");
    }

    /// The resident memory of the program, in bytes. `erl` execs the
    /// emulator, so the child's pid is BEAM's.
    fn resident_bytes(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .expect("reading /proc/PID/status");
        let kilobytes: u64 = status
            .lines()
            .find_map(|line| line.strip_prefix("VmRSS:"))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|number| number.parse().ok())
            .expect("VmRSS in /proc/PID/status");
        kilobytes * 1024
    }

    fn finish(mut self) -> std::process::ExitStatus {
        drop(self.input);
        self.child.wait().expect("waiting for the program")
    }
}

/// What one run of `idle_processes.erl` showed.
struct IdleRun {
    bytes_per_process: u64,
    spawn_seconds: f64,
    answer_seconds: f64,
}

/// Runs `idle_processes.erl` with `processes`, checks that every process
/// answered and measures memory while they all wait.
fn idle_run(runtime: &str, command: Command, processes: usize) -> IdleRun {
    let mut program = Conversation::start(command);
    assert_eq!(program.read_line(), "ready", "{runtime}: no ready line");
    let before = program.resident_bytes();
    let start = Instant::now();
    program.go_on();
    assert_eq!(
        program.read_line(),
        format!("alive {processes}"),
        "{runtime}: not every process was spawned"
    );
    let spawned = Instant::now();
    let alive = program.resident_bytes();
    program.go_on();
    let answered = program.read_line();
    let done = Instant::now();
    let expected_sum = processes * (processes + 1);
    assert_eq!(
        answered,
        format!("answered {processes} sum {expected_sum} expected {expected_sum}"),
        "{runtime}: not every process answered"
    );
    let status = program.finish();
    assert!(status.success(), "{runtime}: exited with {status}");
    IdleRun {
        bytes_per_process: alive.saturating_sub(before) / processes as u64,
        spawn_seconds: (spawned - start).as_secs_f64(),
        answer_seconds: (done - spawned).as_secs_f64(),
    }
}

#[test]
fn a_million_idle_processes_all_answer() {
    let processes = env_or("EARTS_STRESS_PROCESSES", DEFAULT_PROCESSES);
    let work = tempfile::tempdir().unwrap();
    let source = program("idle_processes");
    let executable = build_for_earts(&source, work.path());
    compile_for_beam(&source, work.path());
    let args = [processes.to_string()];
    // BEAM's default process limit is 262,144.
    let limit = ["+P".to_string(), (processes + 100_000).to_string()];
    let runs = [
        ("earts", {
            let mut command = Command::new(&executable);
            command.args(&args);
            command
        }),
        ("BEAM", erl(work.path(), "idle_processes", &args, &limit)),
    ];
    for (runtime, command) in runs {
        let run = idle_run(runtime, command, processes);
        println!(
            "{runtime}: {processes} idle processes, {} bytes each (resident memory); \
             spawned in {:.2} s, all answered in {:.2} s",
            run.bytes_per_process, run.spawn_seconds, run.answer_seconds
        );
    }
}

/// Runs the soak program and checks its verdict.
fn soak(runtime: &str, command: &mut Command) {
    let output = command.output().expect("running the soak program");
    let stdout = String::from_utf8_lossy(&output.stdout);
    println!("{runtime}: {}", stdout.trim_end());
    assert!(
        output.status.success() && stdout.starts_with("soak ok:"),
        "{runtime}: the soak failed ({}):\n{stdout}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn random_traffic_loses_no_message() {
    let millis = env_or("EARTS_SOAK_MILLIS", DEFAULT_SOAK_MILLIS);
    let work = tempfile::tempdir().unwrap();
    let source = program("soak");
    let executable = build_for_earts(&source, work.path());
    compile_for_beam(&source, work.path());
    let args = [millis.to_string()];
    soak("earts", Command::new(&executable).args(&args));
    // The same program on BEAM checks the program itself.
    soak("BEAM", &mut erl(work.path(), "soak", &args, &[]));
}
