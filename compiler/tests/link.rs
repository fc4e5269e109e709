//! The function-level linker: what it follows, what it leaves out, and
//! how it reports calls that lead nowhere.

mod support;

use std::collections::BTreeSet;

use compiler::beam::{Instr, Module};
use compiler::link::{
    is_bif, is_runtime_function, link, LinkOptions, Mfa, Program, SearchPath, UndefinedReason,
};

fn search() -> SearchPath {
    SearchPath::new(&[], support::otp_root()).expect("OTP's lib directory")
}

fn compile(name: &str) -> Module {
    let compiled =
        compiler::erlc::compile(&support::test_path(&format!("data/{name}.erl"))).unwrap();
    Module::parse(name, &std::fs::read(&compiled.path).unwrap()).unwrap()
}

fn reached(program: &Program) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for (name, linked) in &program.modules {
        for &index in &linked.functions {
            let function = &linked.module.functions[index];
            names.insert(format!(
                "{name}:{}/{}",
                linked.module.atom(function.name),
                function.arity
            ));
        }
    }
    names
}

/// Every call inside a reached function leads to a reached function or a
/// BIF: the program is closed.
fn assert_closed(program: &Program) {
    let names = reached(program);
    for (name, linked) in &program.modules {
        let module = &linked.module;
        for &index in &linked.functions {
            for instr in &module.code[module.functions[index].code.clone()] {
                let target = match instr {
                    Instr::CallExt { import, .. }
                    | Instr::CallExtLast { import, .. }
                    | Instr::CallExtOnly { import, .. } => {
                        let import = module.imports[import.0 as usize];
                        Mfa::new(
                            module.atom(import.module),
                            module.atom(import.function),
                            import.arity,
                        )
                    }
                    Instr::Call { label, .. }
                    | Instr::CallLast { label, .. }
                    | Instr::CallOnly { label, .. } => {
                        let callee = module.functions.iter().find(|f| f.entry == *label).unwrap();
                        Mfa::new(name, module.atom(callee.name), callee.arity)
                    }
                    _ => continue,
                };
                assert!(
                    is_bif(&target)
                        || is_runtime_function(&target)
                        || names.contains(&target.to_string()),
                    "{target} is called but not linked"
                );
            }
        }
    }
}

#[test]
fn follows_calls_funs_and_export_literals_only() {
    let options = LinkOptions {
        entries: vec![Mfa::new("linkme", "main", 1)],
        ..LinkOptions::default()
    };
    let program = link(&search(), vec![compile("linkme")], &options).unwrap();
    let names = reached(&program);
    for expected in [
        "linkme:main/1",
        "linkme:helper/1",
        "linkme:-main/1-fun-0-/1",
        "lists:reverse/1",
    ] {
        assert!(names.contains(expected), "{expected} not linked: {names:?}");
    }
    for unexpected in [
        "linkme:unused_export/0",
        "lists:sort/1",
        "linkme:module_info/0",
    ] {
        assert!(!names.contains(unexpected), "{unexpected} linked");
    }
    assert_closed(&program);
}

#[test]
fn io_lib_format_links_a_small_closed_program() {
    let options = LinkOptions {
        entries: vec![Mfa::new("io_lib", "format", 2)],
        ..LinkOptions::default()
    };
    let program = link(&search(), vec![], &options).unwrap();
    println!(
        "io_lib:format/2 reaches {} functions in {} modules",
        program.function_count(),
        program.modules.len()
    );
    assert_closed(&program);
    // Module granularity would pull in far more (the compiler among them).
    assert!(program.modules.len() < 40, "{:?}", program.modules.keys());
    assert!(!program.modules.contains_key("compile"));
}

#[test]
fn a_missing_module_is_an_error_naming_it_and_the_caller() {
    let options = LinkOptions {
        entries: vec![Mfa::new("missing", "main", 1)],
        ..LinkOptions::default()
    };
    let error = link(&search(), vec![compile("missing")], &options)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains(
            "module `nosuchmodule` not found (needed by missing:main/1 for nosuchmodule:go/1)"
        ),
        "{error}"
    );
    assert!(
        error
            .contains("function lists:not_a_function/1 is not exported (needed by missing:main/1)"),
        "{error}"
    );
}

#[test]
fn allow_undefined_lists_what_will_raise_undef() {
    let options = LinkOptions {
        entries: vec![Mfa::new("missing", "main", 1)],
        allow_undefined: true,
        ..LinkOptions::default()
    };
    let program = link(&search(), vec![compile("missing")], &options).unwrap();
    let reasons: Vec<_> = program
        .undefined
        .iter()
        .map(|u| (u.mfa.to_string(), u.reason))
        .collect();
    assert_eq!(
        reasons,
        [
            (
                "nosuchmodule:go/1".to_string(),
                UndefinedReason::NoSuchModule
            ),
            (
                "lists:not_a_function/1".to_string(),
                UndefinedReason::NotExported
            ),
        ]
    );
}

#[test]
fn keep_links_whole_modules() {
    let options = LinkOptions {
        entries: vec![Mfa::new("linkme", "main", 1)],
        keep_modules: vec!["linkme".to_string()],
        ..LinkOptions::default()
    };
    let program = link(&search(), vec![compile("linkme")], &options).unwrap();
    let names = reached(&program);
    assert!(
        names.contains("linkme:unused_export/0") && names.contains("lists:sort/1"),
        "{names:?}"
    );
    assert_closed(&program);
}

/// Links `timers_only` from `entry` with earts' own modules, as a build
/// does.
fn link_timers_only(entry: &str) -> BTreeSet<String> {
    let mut roots = compiler::runtime_modules::modules().unwrap();
    roots.insert(0, compile("timers_only"));
    let options = LinkOptions {
        entries: vec![Mfa::new("timers_only", entry, 0)],
        allow_undefined: true,
        ..LinkOptions::default()
    };
    reached(&link(&search(), roots, &options).unwrap())
}

#[test]
fn companions_come_with_the_functions_that_need_them() {
    let sending = link_timers_only("later");
    for expected in [
        "timer:start_link/0",
        "timer:handle_call/3",
        "earts_kernel:start/0",
        "earts_kernel:init/1",
        "earts_logger_h:log/2",
    ] {
        assert!(sending.contains(expected), "{expected} not linked");
    }
    let main = link_timers_only("main");
    assert!(!main.iter().any(|f| f.starts_with("gen_server:")
        || f.starts_with("earts_kernel:")
        || f.starts_with("timer:start_link")));
}
