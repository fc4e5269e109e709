//! BIFs of module `unicode`.

use erts_core::bif::unicode;
use erts_core::Term;

use super::bifs;
use crate::process::Process;

bifs! {
    unicode:"characters_to_binary"/2 (data, encoding) => heap unicode::characters_to_binary_2;
    unicode:"characters_to_list"/2 (data, encoding) => heap unicode::characters_to_list_2;
    unicode:"bin_is_7bit"/1 (binary) => pure unicode::bin_is_7bit_1;
}
