//! Compiles earts' own Erlang modules (`erlang/*.erl`: the group leader, the escript runner, `init`, `code`,
//! the kernel services and the logger handler)
//! with the installed `erlc`; `src/runtime_modules.rs` embeds the `.beam`
//! files, which every program links.

use std::path::PathBuf;
use std::process::Command;

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let sources = [
        "erlang/earts_group_leader.erl",
        "erlang/earts_escript.erl",
        "erlang/init.erl",
        "erlang/code.erl",
        "erlang/earts_kernel.erl",
        "erlang/earts_logger_h.erl",
    ];
    for source in sources {
        println!("cargo:rerun-if-changed={source}");
        let status = Command::new("erlc")
            .arg("-o")
            .arg(&out)
            .arg(source)
            .status()
            .unwrap_or_else(|e| {
                panic!("running erlc for {source}: {e} (install Erlang/OTP: scripts/setup)")
            });
        assert!(status.success(), "erlc failed on {source}");
    }
}
