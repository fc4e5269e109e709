//! BIFs of module `string`.

use erts_core::bif::string;
use erts_core::Term;

use super::bifs;
use crate::process::Process;

bifs! {
    string:"list_to_integer"/1 (list) => heap string::list_to_integer_1;
    string:"list_to_float"/1 (list) => heap string::list_to_float_1;
}
