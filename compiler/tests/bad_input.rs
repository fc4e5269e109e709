//! Malformed `.beam` files give an error naming the file, the chunk and
//! the byte offset: never a panic, a hang or unbounded memory use.

mod support;

use std::path::PathBuf;
use std::sync::OnceLock;

use compiler::beam::{Malformed, Module};
use compiler::disasm::{module_text, Style};
use proptest::prelude::*;

/// `tests/data/sample.erl` compiled by the installed erlc (once), and
/// OTP's own `binary.beam`: the inputs the mutations start from.
fn seeds() -> &'static [(String, Vec<u8>)] {
    static SEEDS: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let compiled = compiler::erlc::compile(&support::test_path("data/sample.erl"))
            .expect("compiling sample.erl");
        let binary_beam = support::otp_beam_files()
            .into_iter()
            .find(|p| p.file_name().is_some_and(|n| n == "binary.beam"))
            .expect("OTP has binary.beam");
        [compiled.path.clone(), binary_beam]
            .iter()
            .map(|p: &PathBuf| {
                (
                    p.file_name().unwrap().to_string_lossy().into_owned(),
                    std::fs::read(p).unwrap(),
                )
            })
            .collect()
    })
}

fn sample() -> &'static [u8] {
    &seeds()[0].1
}

fn parse(bytes: &[u8]) -> Result<Module, Malformed> {
    Module::parse("sample.beam", bytes)
}

fn error_of(bytes: &[u8]) -> String {
    match parse(bytes) {
        Ok(_) => panic!("malformed input was accepted"),
        Err(e) => e.to_string(),
    }
}

/// The data offset of a chunk in the sample.
fn chunk_offset(id: &[u8; 4]) -> usize {
    let bytes = sample();
    let at = bytes
        .windows(4)
        .position(|w| w == id)
        .expect("the sample has the chunk");
    at + 8
}

#[test]
fn the_unmodified_seeds_decode() {
    for (name, bytes) in seeds() {
        Module::parse(name, bytes).unwrap_or_else(|e| panic!("{e}"));
    }
}

#[test]
fn empty_file() {
    assert_eq!(
        error_of(b""),
        "sample.beam: byte 0x0: file header: needs 4 bytes, 0 left"
    );
}

#[test]
fn not_a_beam_file() {
    assert_eq!(
        error_of(b"hello, world"),
        "sample.beam: byte 0x0: not a BEAM file (no `FOR1` header)"
    );
}

#[test]
fn truncated_file() {
    let bytes = sample();
    let message = error_of(&bytes[..bytes.len() / 2]);
    assert!(
        message.starts_with("sample.beam: byte 0x4: form size "),
        "{message}"
    );
}

#[test]
fn chunk_larger_than_the_file() {
    let mut bytes = sample().to_vec();
    let size_at = chunk_offset(b"Code") - 4;
    bytes[size_at..size_at + 4].copy_from_slice(&0x00ff_ffffu32.to_be_bytes());
    let message = error_of(&bytes);
    assert!(
        message.contains("chunk `Code` of 16777215 bytes but only"),
        "{message}"
    );
}

#[test]
fn unknown_opcode() {
    let mut bytes = sample().to_vec();
    let code = chunk_offset(b"Code");
    let header_size = u32::from_be_bytes(bytes[code..code + 4].try_into().unwrap()) as usize;
    let first_instruction = code + 4 + header_size;
    bytes[first_instruction] = 200;
    let expected =
        format!("sample.beam: chunk `Code`, byte {first_instruction:#x}: unknown opcode 200 (from a newer OTP?)");
    assert_eq!(error_of(&bytes), expected);
}

#[test]
fn missing_code_chunk() {
    let mut bytes = sample().to_vec();
    let id_at = chunk_offset(b"Code") - 8;
    bytes[id_at..id_at + 4].copy_from_slice(b"Cod\0");
    assert_eq!(error_of(&bytes), "sample.beam: byte 0x0: no `Code` chunk");
}

#[test]
fn corrupt_literal_table() {
    let mut bytes = sample().to_vec();
    let data = chunk_offset(b"LitT") + 4;
    bytes[data + 2] ^= 0xff;
    let message = error_of(&bytes);
    assert!(
        message.starts_with("sample.beam: chunk `LitT`, byte "),
        "{message}"
    );
}

#[test]
fn atom_index_out_of_range() {
    let mut bytes = sample().to_vec();
    // The first import's module atom.
    let imports = chunk_offset(b"ImpT") + 4;
    bytes[imports..imports + 4].copy_from_slice(&9999u32.to_be_bytes());
    let message = error_of(&bytes);
    assert!(
        message.contains("chunk `ImpT`") && message.contains("atom 9999 out of range"),
        "{message}"
    );
}

/// How a mutation changes a seed.
#[derive(Debug, Clone)]
enum Mutation {
    FlipBits(Vec<(usize, u8)>),
    Truncate(usize),
    /// Overwrite four bytes with a chosen word: hits sizes and counts.
    PutWord(usize, u32),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let position = any::<prop::sample::Index>();
    prop_oneof![
        prop::collection::vec((any::<prop::sample::Index>(), 0u8..8), 1..8).prop_map(|flips| {
            Mutation::FlipBits(
                flips
                    .into_iter()
                    .map(|(i, bit)| (i.index(usize::MAX), bit))
                    .collect(),
            )
        }),
        position
            .clone()
            .prop_map(|i| Mutation::Truncate(i.index(usize::MAX))),
        (
            position.clone(),
            prop_oneof![
                Just(0u32),
                Just(u32::MAX),
                Just(0x8000_0000),
                0u32..1024,
                any::<u32>()
            ]
        )
            .prop_map(|(i, word)| Mutation::PutWord(i.index(usize::MAX), word)),
        (position.clone(), prop::collection::vec(any::<u8>(), 1..16))
            .prop_map(|(i, bytes)| Mutation::Insert(i.index(usize::MAX), bytes)),
        (position, 1usize..64).prop_map(|(i, n)| Mutation::Delete(i.index(usize::MAX), n)),
    ]
}

fn apply(seed: &[u8], mutation: &Mutation) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    let len = bytes.len().max(1);
    let at = |i: usize| i % len;
    match mutation {
        Mutation::FlipBits(flips) => {
            for (i, bit) in flips {
                let i = at(*i);
                bytes[i] ^= 1 << bit;
            }
        }
        Mutation::Truncate(n) => bytes.truncate(at(*n)),
        Mutation::PutWord(i, word) => {
            let i = at(*i).min(bytes.len() - 4);
            bytes[i..i + 4].copy_from_slice(&word.to_be_bytes());
        }
        Mutation::Insert(i, extra) => {
            let i = at(*i);
            bytes.splice(i..i, extra.iter().copied());
        }
        Mutation::Delete(i, n) => {
            let i = at(*i);
            let end = (i + n).min(bytes.len());
            bytes.drain(i..end);
        }
    }
    bytes
}

fn mutation_cases() -> u32 {
    std::env::var("EARTS_MUTATION_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: mutation_cases(), failure_persistence: None, ..ProptestConfig::default() })]

    /// Any mutation of a real file either decodes (and then prints) or
    /// gives an error that names the file and a byte offset.
    #[test]
    fn mutated_files_never_panic(seed_index in 0usize..2, mutation in mutation()) {
        let (name, seed) = &seeds()[seed_index];
        let bytes = apply(seed, &mutation);
        match Module::parse(name, &bytes) {
            Ok(module) => {
                module_text(&module, Style::Asm);
                module_text(&module, Style::BeamDisasm);
            }
            Err(e) => {
                let message = e.to_string();
                prop_assert!(message.starts_with(&format!("{name}: ")), "{}", message);
                prop_assert!(message.contains("byte 0x"), "{}", message);
                prop_assert!(e.offset <= bytes.len() + 8, "offset {} beyond the input", e.offset);
            }
        }
    }

    /// Random bytes behind a valid container header.
    #[test]
    fn random_chunks_never_panic(chunks in prop::collection::vec((prop::sample::select(vec![*b"AtU8", *b"Code", *b"ImpT", *b"ExpT", *b"LitT", *b"Line", *b"Type", *b"FunT", *b"Attr"]), prop::collection::vec(any::<u8>(), 0..64)), 0..10)) {
        let mut body = b"BEAM".to_vec();
        for (id, data) in &chunks {
            body.extend_from_slice(id);
            body.extend_from_slice(&(data.len() as u32).to_be_bytes());
            body.extend_from_slice(data);
            body.resize(body.len().next_multiple_of(4), 0);
        }
        let mut bytes = b"FOR1".to_vec();
        bytes.extend_from_slice(&(body.len() as u32).to_be_bytes());
        bytes.extend_from_slice(&body);
        let _ = Module::parse("random.beam", &bytes);
    }
}

#[test]
fn report_mutation_count() {
    println!(
        "mutated inputs tried: {} (+ random-chunk files: {})",
        mutation_cases(),
        mutation_cases()
    );
}
