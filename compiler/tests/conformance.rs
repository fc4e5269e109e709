//! The differential conformance suite: every `tests/conformance/*.erl`
//! runs on BEAM (as escript runs `main/1`) and as an earts executable, with
//! the same arguments; stdout, the exit status and the first line of
//! stderr must be the same.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Arguments every program gets.
const ARGS: [&str; 2] = ["one", "two"];

fn programs() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/conformance");
    let mut programs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("reading tests/conformance")
        .map(|entry| entry.expect("reading tests/conformance").path())
        .filter(|path| path.extension().is_some_and(|e| e == "erl"))
        .collect();
    programs.sort();
    programs
}

/// What a run shows of itself.
#[derive(Debug, PartialEq, Eq)]
struct Observed {
    stdout: String,
    status: Option<i32>,
    stderr_first_line: String,
}

impl From<Output> for Observed {
    fn from(output: Output) -> Self {
        let stderr = String::from_utf8_lossy(&output.stderr);
        Observed {
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            status: output.status.code(),
            stderr_first_line: stderr.lines().next().unwrap_or("").to_string(),
        }
    }
}

/// Runs `main/1` of the program on BEAM through escript, as escript would
/// run a script whose `main/1` is the program's.
fn run_on_beam(program: &Path, work: &Path) -> Result<Observed, String> {
    let module = program.file_stem().unwrap().to_string_lossy().into_owned();
    let status = Command::new("erlc")
        .arg("-o")
        .arg(work)
        .arg(program)
        .status()
        .map_err(|e| format!("erlc: {e}"))?;
    if !status.success() {
        return Err("erlc failed".to_string());
    }
    let script = work.join("run.escript");
    let schedulers = directives(program)
        .schedulers
        .map_or(String::new(), |count| format!(" +S {count}"));
    let text = format!(
        "#!/usr/bin/env escript\n%%! -pa {}{schedulers}\nmain(Args) -> {module}:main(Args).\n",
        work.display()
    );
    std::fs::write(&script, text).map_err(|e| e.to_string())?;
    let output = Command::new("escript")
        .arg(&script)
        .args(ARGS)
        .output()
        .map_err(|e| format!("escript: {e}"))?;
    Ok(output.into())
}

/// What a program asks of the harness, in lines at its top.
#[derive(Default)]
struct Directives {
    /// `%% eartsc: FLAGS`: extra `eartsc build` flags (e.g.
    /// `--allow-undefined` for a program that links OTP code calling what
    /// earts lacks but the program never reaches).
    build_flags: Vec<String>,
    /// `%% schedulers: N`: both runtimes run N schedulers (`+S N`,
    /// `EARTS_SCHEDULERS=N`), for programs about scheduling.
    schedulers: Option<u32>,
    /// `%% gc_torture: skip`: no run with a collection at every
    /// allocation, for programs whose point needs inputs so large that its
    /// cost (quadratic in the heap's size) would take minutes; another
    /// program must check the same code under torture at a smaller size.
    skip_torture: bool,
}

fn directives(program: &Path) -> Directives {
    let text = std::fs::read_to_string(program).unwrap_or_default();
    let mut directives = Directives::default();
    for line in text.lines() {
        if let Some(flags) = line.strip_prefix("%% eartsc:") {
            directives
                .build_flags
                .extend(flags.split_whitespace().map(str::to_string));
        } else if let Some(count) = line.strip_prefix("%% schedulers:") {
            directives.schedulers = count.trim().parse().ok();
        } else if line.trim() == "%% gc_torture: skip" {
            directives.skip_torture = true;
        }
    }
    directives
}

/// Builds the program with earts and runs it, normally and with the
/// collector running at every allocation (`EARTS_GC_TORTURE`); both runs
/// must behave the same.
fn run_on_earts(program: &Path, work: &Path) -> Result<Observed, String> {
    let executable = work.join("program");
    let directives = directives(program);
    let build = support::eartsc()
        .args(["build", "-o"])
        .arg(&executable)
        .args(&directives.build_flags)
        .arg(program)
        .output()
        .map_err(|e| format!("eartsc: {e}"))?;
    if !build.status.success() {
        return Err(format!(
            "eartsc build failed:\n{}",
            String::from_utf8_lossy(&build.stderr)
        ));
    }
    let run = |torture: bool| -> Result<Observed, String> {
        let mut command = Command::new(&executable);
        command.args(ARGS);
        if let Some(count) = directives.schedulers {
            command.env("EARTS_SCHEDULERS", count.to_string());
        }
        if torture {
            command.env("EARTS_GC_TORTURE", "1");
        }
        Ok(command
            .output()
            .map_err(|e| format!("running: {e}"))?
            .into())
    };
    let normal = run(false)?;
    if directives.skip_torture {
        return Ok(normal);
    }
    let tortured = run(true)?;
    if normal != tortured {
        return Err(format!(
            "the run differs with a collection at every allocation:\n  normal:   {normal:?}\n  tortured: {tortured:?}"
        ));
    }
    Ok(normal)
}

/// Runs one program on both and says how they differ, if they do.
fn check(program: &Path) -> Option<String> {
    let name = program.file_name().unwrap().to_string_lossy().into_owned();
    let beam_dir = tempfile::tempdir().unwrap();
    let earts_dir = tempfile::tempdir().unwrap();
    let result = run_on_beam(program, beam_dir.path())
        .and_then(|beam| Ok((beam, run_on_earts(program, earts_dir.path())?)));
    match result {
        Ok((beam, earts)) if beam == earts => None,
        Ok((beam, earts)) => Some(format!("{name}:\n  BEAM:  {beam:?}\n  earts: {earts:?}")),
        Err(error) => Some(format!("{name}: {error}")),
    }
}

/// `EARTS_CONFORMANCE=ets,gen_` runs only the programs whose names
/// contain one of the words.
fn selected(program: &Path) -> bool {
    let Ok(words) = std::env::var("EARTS_CONFORMANCE") else {
        return true;
    };
    let name = program.file_name().unwrap().to_string_lossy();
    words.split(',').any(|word| name.contains(word))
}

#[test]
fn programs_behave_as_on_beam() {
    let programs: Vec<PathBuf> = programs().into_iter().filter(|p| selected(p)).collect();
    assert!(!programs.is_empty(), "no conformance programs");
    // One worker per core: each program is a build and three runs.
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let next = std::sync::atomic::AtomicUsize::new(0);
    let failures = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(program) = programs.get(index) else {
                    break;
                };
                if let Some(failure) = check(program) {
                    failures.lock().unwrap().push(failure);
                }
            });
        }
    });
    let mut failures = failures.into_inner().unwrap();
    failures.sort();
    println!(
        "conformance: {} passed, {} failed",
        programs.len() - failures.len(),
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
