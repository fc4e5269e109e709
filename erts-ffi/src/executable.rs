//! `main` of a compiled executable, over the program table the compiler
//! emits (see `compiler::codegen`).

use std::ffi::{c_char, c_int, CStr};

use erts_core::abi::ExportEntry;
use erts_sched::{AtomEntry, ErlangFn};

unsafe extern "C" {
    static earts_program_main: ErlangFn;
    static earts_program_atoms: [AtomEntry; 0];
    static earts_program_atom_count: u64;
    static earts_program_exports: [ExportEntry; 0];
    static earts_program_export_count: u64;
    static earts_program_on_load: [ErlangFn; 0];
    static earts_program_on_load_count: u64;
}

/// Argument `n` of the command line.
fn argument(argv: *const *const c_char, n: usize) -> String {
    // SAFETY: `main` passes `n < argc`, and the C runtime passes `argc`
    // valid C strings.
    let text = unsafe { CStr::from_ptr(*argv.add(n)) };
    text.to_string_lossy().into_owned()
}

/// Runs the program's `main/1` with the arguments (after the program name)
/// as strings.
///
/// # Safety
///
/// Called by the C runtime with `argc` strings in `argv`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn main(argc: c_int, argv: *const *const c_char) -> c_int {
    let args: Vec<String> = (1..argc.max(0) as usize)
        .map(|n| argument(argv, n))
        .collect();
    // SAFETY: the compiler emits the table; the atoms array has
    // `earts_program_atom_count` entries, the exports array
    // `earts_program_export_count` entries.
    unsafe {
        let atoms = std::slice::from_raw_parts(
            std::ptr::addr_of!(earts_program_atoms).cast::<AtomEntry>(),
            earts_program_atom_count as usize,
        );
        let exports = std::slice::from_raw_parts(
            std::ptr::addr_of!(earts_program_exports).cast::<ExportEntry>(),
            earts_program_export_count as usize,
        );
        let on_load = std::slice::from_raw_parts(
            std::ptr::addr_of!(earts_program_on_load).cast::<ErlangFn>(),
            earts_program_on_load_count as usize,
        );
        erts_sched::run_program(earts_program_main, atoms, exports, on_load, &args)
    }
}
