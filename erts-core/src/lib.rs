//! The data half of the earts runtime: how Erlang values are laid out and
//! computed on, independent of schedulers, threads and I/O.
//!
//! Today it holds what the compiler already shares with the runtime: the
//! textual form of floats that `float_to_list(F, [short])` and `~w` print.

mod float_text;
pub mod num;

pub use float_text::float_to_short_string;
