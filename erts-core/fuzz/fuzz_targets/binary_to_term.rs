//! `binary_to_term` on arbitrary bytes must return, never panic, and what
//! it returns must encode again.

#![no_main]

use erts_core::{binary_to_term, term_to_binary, DecodeOptions, EncodeOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(decoded) = binary_to_term(bytes, &DecodeOptions::default()) {
        // SAFETY: the term lives in its fragment, which nothing collects.
        let encoded = unsafe { term_to_binary(decoded.term, &EncodeOptions::default()) };
        assert!(encoded.is_ok(), "a decoded term is always encodable");
    }
});
