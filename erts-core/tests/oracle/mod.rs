//! A running BEAM that answers questions for differential tests.
//!
//! A few `erl -noshell` per test binary: a question takes an idle one
//! from a pool, or starts one when all are busy, so thousands of cases
//! cost one VM start per test thread, and tests running in parallel ask
//! in parallel (the oracle's parsing is most of a property's time). It loads
//! `earts_oracle.erl` (compiled in memory by OTP's `compile`, the compiler
//! `erlc` runs, so no `.beam` is left anywhere) and then serves a line
//! protocol on stdin/stdout:
//!
//! - request: `{Function, [Arg, ...]}.` in Erlang term syntax; the oracle
//!   calls `erlang:Function(Arg, ...)`. Build it with [`call`] and the
//!   [`arg`] helpers. A float argument is written as `{f, Bits}` with its
//!   IEEE 754 bits, so no decimal text stands between the test and BEAM.
//!   An argument built by [`arg::call`] is the result of another call, so a
//!   huge intermediate value need not be printed.
//! - reply: one line, one of `int <decimal>`, `float <16 hex digits of the
//!   bits>`, `atom <name>`, `list <printable ASCII>`, `binary <bytes>`,
//!   `error <Class>:<Reason>` or `term <~w text>`. Build the expected form of
//!   an earts result with the [`reply`] helpers and compare strings.
//!
//! Requests are written by a second thread while the replies are read, so
//! any number can be in flight without the pipes filling up.
//!
//! Without `erl` on the `PATH` every test that asks fails with "erl not
//! found: run scripts/setup"; nothing passes silently.

use std::io::{BufRead, BufReader, BufWriter, ErrorKind, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::Mutex;

/// One question for BEAM and the answer earts gave to it.
#[derive(Clone, Debug)]
pub struct Case {
    pub request: String,
    pub earts: String,
}

/// Asks BEAM every request and panics with a report of the cases where
/// earts answered differently.
pub fn assert_agree(cases: &[Case]) {
    let requests: Vec<String> = cases.iter().map(|case| case.request.clone()).collect();
    let beam_replies = ask(&requests);
    let mismatches: Vec<String> = cases
        .iter()
        .zip(&beam_replies)
        .filter(|(case, beam)| case.earts != **beam)
        .map(|(case, beam)| {
            format!(
                "  {}\n    beam:  {beam}\n    earts: {}",
                case.request, case.earts
            )
        })
        .collect();
    if !mismatches.is_empty() {
        panic!(
            "{} of {} cases differ from BEAM, the first:\n{}",
            mismatches.len(),
            cases.len(),
            mismatches[..mismatches.len().min(10)].join("\n")
        );
    }
}

/// Sends every request to the shared BEAM and returns its replies in order.
pub fn ask(requests: &[String]) -> Vec<String> {
    static IDLE: Mutex<Vec<Oracle>> = Mutex::new(Vec::new());
    // A test that panicked while holding the lock left the pool intact.
    let idle = IDLE
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .pop();
    let mut oracle = idle.unwrap_or_else(Oracle::start);
    // An oracle that fails a question panics here and is not reused.
    let replies = oracle.ask(requests);
    IDLE.lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .push(oracle);
    replies
}

/// The request text for `erlang:function(args...)`.
pub fn call(function: &str, args: &[String]) -> String {
    format!("{{'{function}', [{}]}}.", args.join(", "))
}

/// Arguments in the request syntax.
pub mod arg {
    use std::fmt::Display;

    pub fn integer(value: impl Display) -> String {
        value.to_string()
    }

    pub fn float(value: f64) -> String {
        format!("{{f, 16#{:016X}}}", value.to_bits())
    }

    /// A list of characters, written as integers so any byte survives.
    pub fn charlist(bytes: &[u8]) -> String {
        let chars: Vec<String> = bytes.iter().map(|byte| byte.to_string()).collect();
        format!("[{}]", chars.join(","))
    }

    pub fn binary(bytes: &[u8]) -> String {
        let chars: Vec<String> = bytes.iter().map(|byte| byte.to_string()).collect();
        format!("<<{}>>", chars.join(","))
    }

    /// The result of `erlang:function(args...)`, computed by the oracle.
    pub fn call(function: &str, args: &[String]) -> String {
        format!("{{call, '{function}', [{}]}}", args.join(", "))
    }

    /// Any other term, written in Erlang syntax by the caller.
    pub fn term(text: &str) -> String {
        text.to_string()
    }
}

/// Replies in the oracle's canonical form, to compare with BEAM's.
pub mod reply {
    use std::fmt::Display;

    pub fn integer(value: impl Display) -> String {
        format!("int {value}")
    }

    pub fn float(value: f64) -> String {
        format!("float {:016X}", value.to_bits())
    }

    pub fn atom(name: &str) -> String {
        format!("atom {name}")
    }

    pub fn boolean(value: bool) -> String {
        atom(if value { "true" } else { "false" })
    }

    /// A list result; the text must be printable ASCII, as BEAM's
    /// conversions produce.
    pub fn charlist(text: &str) -> String {
        format!("list {text}")
    }

    pub fn binary(text: &str) -> String {
        format!("binary {text}")
    }

    /// An `error` exception with an atom reason.
    pub fn error(reason: &str) -> String {
        format!("error error:{reason}")
    }
}

struct Oracle {
    /// Never waited for: the oracle lives as long as the test binary, and
    /// halts when the binary exits and closes its stdin.
    _child: Child,
    input: BufWriter<ChildStdin>,
    output: BufReader<ChildStdout>,
}

impl Oracle {
    fn start() -> Oracle {
        let source = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/oracle/earts_oracle.erl");
        let boot = format!(
            "case compile:file(\"{source}\", [binary, report]) of \
                 {{ok, Module, Beam}} -> \
                     {{module, Module}} = code:load_binary(Module, \"{source}\", Beam), \
                     Module:main(); \
                 _ -> halt(3) \
             end."
        );
        let spawned = Command::new("erl")
            .args(["-noshell", "-noinput", "-eval", &boot])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn();
        let mut child = match spawned {
            Ok(child) => child,
            Err(error) if error.kind() == ErrorKind::NotFound => {
                panic!("erl not found: run scripts/setup")
            }
            Err(error) => panic!("could not start erl: {error}"),
        };
        let input = BufWriter::new(child.stdin.take().expect("stdin was piped"));
        let output = BufReader::new(child.stdout.take().expect("stdout was piped"));
        let mut oracle = Oracle {
            _child: child,
            input,
            output,
        };
        let greeting = oracle.read_reply();
        assert_eq!(
            greeting, "ready",
            "unexpected greeting from the BEAM oracle"
        );
        oracle
    }

    fn ask(&mut self, requests: &[String]) -> Vec<String> {
        let Oracle { input, output, .. } = self;
        std::thread::scope(|scope| {
            scope.spawn(move || {
                for request in requests {
                    assert!(!request.contains('\n'), "a request is one line: {request}");
                    writeln!(input, "{request}").expect("writing to the BEAM oracle");
                }
                input.flush().expect("writing to the BEAM oracle");
            });
            requests.iter().map(|_| read_line(output)).collect()
        })
    }

    fn read_reply(&mut self) -> String {
        read_line(&mut self.output)
    }
}

fn read_line(output: &mut BufReader<ChildStdout>) -> String {
    let mut line = String::new();
    let n_read = output
        .read_line(&mut line)
        .expect("reading from the BEAM oracle");
    assert!(0 < n_read, "the BEAM oracle exited (its stderr is above)");
    line.truncate(line.trim_end_matches('\n').len());
    line
}

/// A proptest configuration for properties that send `batch` cases to BEAM
/// per round trip: enough runs for `EARTS_PROPTEST_CASES` cases (or
/// `default_cases` when it is not set).
pub fn batched_config(default_cases: usize, batch: usize) -> proptest::prelude::ProptestConfig {
    let n_cases = match std::env::var("EARTS_PROPTEST_CASES") {
        Ok(text) => text
            .parse::<usize>()
            .expect("EARTS_PROPTEST_CASES must be a number of cases"),
        Err(_) => default_cases,
    };
    let n_batches = u32::try_from(n_cases.div_ceil(batch)).unwrap_or(u32::MAX);
    proptest::prelude::ProptestConfig {
        cases: n_batches.max(1),
        failure_persistence: None,
        ..proptest::prelude::ProptestConfig::default()
    }
}
