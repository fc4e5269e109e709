//! BIFs of module `binary`.

use erts_core::bif::binary_module as binary;
use erts_core::Term;

use super::bifs;
use crate::process::Process;

bifs! {
    binary:"compile_pattern"/1 (pattern) => heap binary::compile_pattern_1;
    binary:"match"/2 (subject, pattern) => heap binary::match_2;
    binary:"match"/3 (subject, pattern, options) => heap binary::match_3;
    binary:"matches"/2 (subject, pattern) => heap binary::matches_2;
    binary:"matches"/3 (subject, pattern, options) => heap binary::matches_3;
    binary:"split"/2 (subject, pattern) => heap binary::split_2;
    binary:"split"/3 (subject, pattern, options) => heap binary::split_3;
    binary:"at"/2 (subject, position) => pure binary::at_2;
    binary:"first"/1 (subject) => pure binary::first_1;
    binary:"last"/1 (subject) => pure binary::last_1;
    binary:"copy"/1 (subject) => heap binary::copy_1;
    binary:"copy"/2 (subject, times) => heap binary::copy_2;
    binary:"decode_unsigned"/1 (subject) => heap binary::decode_unsigned_1;
    binary:"decode_unsigned"/2 (subject, endianness) => heap binary::decode_unsigned_2;
    binary:"encode_unsigned"/1 (integer) => heap binary::encode_unsigned_1;
    binary:"encode_unsigned"/2 (integer, endianness) => heap binary::encode_unsigned_2;
    binary:"list_to_bin"/1 (list) => heap binary::list_to_bin_1;
    binary:"longest_common_prefix"/1 (list) => pure binary::longest_common_prefix_1;
    binary:"longest_common_suffix"/1 (list) => pure binary::longest_common_suffix_1;
    binary:"part"/2 (subject, range) => heap binary::part_2;
    binary:"part"/3 (subject, start, length) => heap binary::part_3;
    binary:"referenced_byte_size"/1 (subject) => pure binary::referenced_byte_size_1;
}
