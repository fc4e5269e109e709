//! The reader decodes every installed Erlang/OTP and Elixir module
//! without error.

mod support;

use compiler::beam::Module;

#[test]
fn every_installed_otp_module_decodes() {
    decode_all("OTP", &support::otp_beam_files());
}

#[test]
fn every_installed_elixir_module_decodes() {
    decode_all("Elixir", &support::elixir_beam_files());
}

fn decode_all(corpus: &str, files: &[std::path::PathBuf]) {
    let mut failures = Vec::new();
    let mut n_instructions = 0;
    for file in files {
        let bytes = std::fs::read(file).expect("reading a .beam");
        match Module::parse(&file.display().to_string(), &bytes) {
            Ok(module) => n_instructions += module.code.len(),
            Err(e) => failures.push(e.to_string()),
        }
    }
    println!(
        "decoded {} {corpus} modules ({n_instructions} instructions), {} failed",
        files.len(),
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
