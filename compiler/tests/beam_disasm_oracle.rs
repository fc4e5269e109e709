//! Differential test against OTP itself: every installed `.beam` of OTP
//! and of Elixir is decoded by earts and by OTP's `beam_disasm:file/1`
//! (plus `beam_lib` for the tables), and the two must print the same,
//! function by function.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use compiler::beam::{Module, Term};
use compiler::disasm::{module_text, write_term, Style};

#[test]
fn every_otp_module_decodes_as_beam_disasm_does() {
    let files = support::otp_beam_files();
    assert!(files.len() >= 50, "fewer OTP modules than expected");
    compare_with_beam_disasm("OTP", &files);
}

#[test]
fn every_elixir_module_decodes_as_beam_disasm_does() {
    compare_with_beam_disasm("Elixir", &support::elixir_beam_files());
}

fn compare_with_beam_disasm(corpus: &str, files: &[PathBuf]) {
    let out = tempfile::tempdir().expect("creating a temporary directory");
    let status = Command::new("escript")
        .arg(support::test_path("oracle/beam_disasm.escript"))
        .arg(out.path())
        .args(files)
        .status()
        .expect("running escript (run scripts/setup to install Erlang/OTP)");
    assert!(status.success(), "the beam_disasm oracle failed");

    let mut mismatches = Vec::new();
    for file in files {
        let name = file
            .file_stem()
            .expect("a .beam has a name")
            .to_string_lossy();
        let bytes = std::fs::read(file).expect("reading a .beam");
        let module = match Module::parse(&file.display().to_string(), &bytes) {
            Ok(module) => module,
            Err(e) => {
                mismatches.push(format!("{name}: earts cannot read it: {e}"));
                continue;
            }
        };
        let expected = read_oracle(out.path(), &name, "txt");
        if let Some(diff) = first_difference(&expected, &module_text(&module, Style::BeamDisasm)) {
            mismatches.push(format!("{name} (code): {diff}"));
        }
        let expected = read_oracle(out.path(), &name, "tables");
        if let Some(diff) = first_difference(&expected, &tables_text(&module)) {
            mismatches.push(format!("{name} (tables): {diff}"));
        }
    }
    println!(
        "compared {} {corpus} modules with beam_disasm, {} differ",
        files.len(),
        mismatches.len()
    );
    assert!(
        mismatches.is_empty(),
        "{} modules differ:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}

fn read_oracle(dir: &Path, name: &str, extension: &str) -> String {
    let path = dir.join(format!("{name}.{extension}"));
    match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(_) => {
            let error =
                std::fs::read_to_string(dir.join(format!("{name}.err"))).unwrap_or_default();
            panic!("beam_disasm gave no {extension} for {name}: {error}")
        }
    }
}

/// The first line where the two texts differ, with both versions.
fn first_difference(expected: &str, actual: &str) -> Option<String> {
    let mut expected_lines = expected.lines();
    let mut actual_lines = actual.lines();
    for n in 1.. {
        match (expected_lines.next(), actual_lines.next()) {
            (None, None) => return None,
            (e, a) if e == a => continue,
            (e, a) => return Some(format!("line {n}: OTP {e:?}, earts {a:?}")),
        }
    }
    unreachable!("the loop returns")
}

/// The tables as the oracle writes them: beam_lib's view, then the
/// literal table one term a line.
fn tables_text(module: &Module) -> String {
    let atom = |a| Term::Atom(module.atom(a).to_string());
    let int = |n: u32| Term::Int(compiler::beam::Int::Small(n as i64));
    let sorted_list = |mut terms: Vec<Term>| {
        terms.sort_by(|a, b| a.erlang_cmp(b));
        list(terms)
    };
    let atoms = (1..=module.atoms.len() as u32)
        .map(|n| Term::Tuple(vec![int(n), atom(compiler::beam::Atom(n))]));
    let imports = module
        .imports
        .iter()
        .map(|i| Term::Tuple(vec![atom(i.module), atom(i.function), int(i.arity)]));
    let functions = |refs: &[compiler::beam::FunctionRef]| {
        sorted_list(
            refs.iter()
                .map(|f| Term::Tuple(vec![atom(f.function), int(f.arity), int(f.label.0)]))
                .collect(),
        )
    };
    let none = || Term::Atom("none".to_string());
    let tables = [
        ("atoms", list(atoms.collect())),
        ("imports", sorted_list(imports.collect())),
        ("exports", functions(&module.exports)),
        ("locals", functions(&module.locals)),
        ("attributes", module.attributes.clone().unwrap_or_else(none)),
        (
            "compile_info",
            module.compile_info.clone().unwrap_or_else(none),
        ),
    ];
    let mut out = String::new();
    for (name, value) in tables {
        write_term(
            &mut out,
            &Term::Tuple(vec![Term::Atom(name.to_string()), value]),
        );
        out.push_str(".\n");
    }
    for literal in &module.literals {
        write_term(&mut out, literal);
        out.push_str(".\n");
    }
    out
}

fn list(terms: Vec<Term>) -> Term {
    match terms.is_empty() {
        true => Term::Nil,
        false => Term::List(terms, Box::new(Term::Nil)),
    }
}
