//! BIFs of module `binary`.

use erts_core::bif::binary_module as binary;
use erts_core::Term;

use super::bif;
use crate::process::Process;

bif!(binary:"compile_pattern"/1 (pattern) => heap binary::compile_pattern_1);
bif!(binary:"match"/2 (subject, pattern) => heap binary::match_2);
bif!(binary:"match"/3 (subject, pattern, options) => heap binary::match_3);
bif!(binary:"matches"/2 (subject, pattern) => heap binary::matches_2);
bif!(binary:"matches"/3 (subject, pattern, options) => heap binary::matches_3);
bif!(binary:"split"/2 (subject, pattern) => heap binary::split_2);
bif!(binary:"split"/3 (subject, pattern, options) => heap binary::split_3);
bif!(binary:"at"/2 (subject, position) => binary::at_2);
bif!(binary:"first"/1 (subject) => binary::first_1);
bif!(binary:"last"/1 (subject) => binary::last_1);
bif!(binary:"copy"/1 (subject) => heap binary::copy_1);
bif!(binary:"copy"/2 (subject, times) => heap binary::copy_2);
bif!(binary:"decode_unsigned"/1 (subject) => heap binary::decode_unsigned_1);
bif!(binary:"decode_unsigned"/2 (subject, endianness) => heap binary::decode_unsigned_2);
bif!(binary:"encode_unsigned"/1 (integer) => heap binary::encode_unsigned_1);
bif!(binary:"encode_unsigned"/2 (integer, endianness) => heap binary::encode_unsigned_2);
bif!(binary:"list_to_bin"/1 (list) => heap binary::list_to_bin_1);
bif!(binary:"longest_common_prefix"/1 (list) => binary::longest_common_prefix_1);
bif!(binary:"longest_common_suffix"/1 (list) => binary::longest_common_suffix_1);
bif!(binary:"part"/2 (subject, range) => heap binary::part_2);
bif!(binary:"part"/3 (subject, start, length) => heap binary::part_3);
bif!(binary:"referenced_byte_size"/1 (subject) => binary::referenced_byte_size_1);
