//! Built-in functions, one module per Erlang module. Each is exported under
//! `erts_core::abi::bif_symbol`'s name with the BIF calling convention:
//! the process and the arguments in, a term or `NON_VALUE` (the exception
//! recorded in the process) out.

mod erlang;
