//! BIFs of module `unicode`.

use erts_core::bif::unicode;
use erts_core::Term;

use super::bif;
use crate::process::Process;

bif!(unicode:"characters_to_binary"/2 (data, encoding) => heap unicode::characters_to_binary_2);
bif!(unicode:"characters_to_list"/2 (data, encoding) => heap unicode::characters_to_list_2);
bif!(unicode:"bin_is_7bit"/1 (binary) => unicode::bin_is_7bit_1);
