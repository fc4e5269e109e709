//! The reader decodes every installed Erlang/OTP module without error.

mod support;

use compiler::beam::Module;

#[test]
fn every_installed_otp_module_decodes() {
    let files = support::otp_beam_files();
    let mut failures = Vec::new();
    let mut n_instructions = 0;
    for file in &files {
        let bytes = std::fs::read(file).expect("reading a .beam");
        match Module::parse(&file.display().to_string(), &bytes) {
            Ok(module) => n_instructions += module.code.len(),
            Err(e) => failures.push(e.to_string()),
        }
    }
    println!(
        "decoded {} OTP modules ({n_instructions} instructions), {} failed",
        files.len(),
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
