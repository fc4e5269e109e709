//! Literals as constant data in the object file: each module's literals
//! are laid out as heap objects in one word array, with the pointers
//! between them as relocations, so they cost nothing at run time and are
//! never copied or collected (the collector leaves pointers outside the
//! process heap alone).

use erts_core::tag::{self, Subtag};
use erts_core::Header;
use num_bigint::Sign;

use super::atoms::AtomNumbering;
use super::function::small_word;
use crate::beam::{Int, Term};

/// A word of the literal area: a number, or a tagged pointer into the
/// area itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Word {
    Raw(u64),
    /// `address of word `offset` of the area | tag`.
    Pointer {
        offset: usize,
        tag: u64,
    },
}

/// Maps (flat) hold at most this many keys; larger ones are a HAMT.
const MAX_FLAT_MAP_KEYS: usize = 32;

#[derive(Debug, Default)]
pub struct LiteralArea {
    pub words: Vec<Word>,
}

impl LiteralArea {
    /// Lays out `term`; returns the word that denotes it.
    pub fn add(&mut self, term: &Term, atoms: &mut AtomNumbering) -> Result<Word, String> {
        Ok(match term {
            Term::Int(Int::Small(n))
                if (erts_core::Term::MIN_SMALL..=erts_core::Term::MAX_SMALL).contains(n) =>
            {
                Word::Raw(small_word(*n))
            }
            Term::Int(n) => {
                let (sign, digits) = n.to_big().to_u64_digits();
                let subtag = if sign == Sign::Minus {
                    Subtag::NegativeBignum
                } else {
                    Subtag::PositiveBignum
                };
                self.object(subtag, digits.into_iter().map(Word::Raw).collect())
            }
            Term::Float(value) => self.object(Subtag::Float, vec![Word::Raw(value.to_bits())]),
            Term::Atom(name) => Word::Raw(atoms.term(name)),
            Term::Nil => Word::Raw(tag::IMMEDIATE2_NIL),
            Term::Tuple(elements) => {
                let body = elements
                    .iter()
                    .map(|e| self.add(e, atoms))
                    .collect::<Result<Vec<_>, _>>()?;
                self.object(Subtag::Tuple, body)
            }
            Term::List(elements, tail) => {
                let mut list = self.add(tail, atoms)?;
                for element in elements.iter().rev() {
                    let head = self.add(element, atoms)?;
                    let offset = self.words.len();
                    self.words.extend([head, list]);
                    list = Word::Pointer {
                        offset,
                        tag: tag::PRIMARY_LIST,
                    };
                }
                list
            }
            Term::Bits {
                bytes,
                bits_in_last,
            } => {
                let binary = self.heap_binary(bytes);
                if *bits_in_last == 8 {
                    binary
                } else {
                    let bit_size = (bytes.len() as u64 - 1) * 8 + *bits_in_last as u64;
                    self.object(
                        Subtag::SubBinary,
                        vec![Word::Raw(bit_size), Word::Raw(0), binary],
                    )
                }
            }
            Term::Map(pairs) if pairs.len() <= MAX_FLAT_MAP_KEYS => {
                // A flat map's keys are in map-key order (integers first).
                let mut sorted: Vec<&(Term, Term)> = pairs.iter().collect();
                sorted.sort_by(|a, b| a.0.map_key_cmp(&b.0));
                let keys = sorted
                    .iter()
                    .map(|(k, _)| self.add(k, atoms))
                    .collect::<Result<Vec<_>, _>>()?;
                let keys = self.object(Subtag::Tuple, keys);
                let mut body = vec![keys];
                for (_, value) in sorted {
                    body.push(self.add(value, atoms)?);
                }
                self.object(Subtag::Map, body)
            }
            Term::Export {
                module,
                function,
                arity,
            } => {
                let (Term::Atom(module), Term::Atom(function)) = (&**module, &**function) else {
                    return Err("an export literal without atoms".to_string());
                };
                let body = vec![
                    Word::Raw(atoms.term(module)),
                    Word::Raw(atoms.term(function)),
                    Word::Raw(small_word(*arity as i64)),
                ];
                self.object(Subtag::Export, body)
            }
            Term::Map(_) => return Err("a literal map of more than 32 keys".to_string()),
            Term::Ref { .. } | Term::Fun(_) | Term::Port { .. } | Term::Pid { .. } => {
                return Err("a literal pid, port, reference or closure".to_string())
            }
        })
    }

    /// Appends an object with `body` after its header.
    fn object(&mut self, subtag: Subtag, body: Vec<Word>) -> Word {
        let offset = self.words.len();
        self.words
            .push(Word::Raw(Header::new(subtag, body.len()).bits()));
        self.words.extend(body);
        Word::Pointer {
            offset,
            tag: tag::PRIMARY_BOXED,
        }
    }

    /// A heap binary: header, byte size, the bytes in little-endian words.
    fn heap_binary(&mut self, bytes: &[u8]) -> Word {
        let mut body = vec![Word::Raw(bytes.len() as u64)];
        body.extend(bytes.chunks(8).map(|chunk| {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            Word::Raw(u64::from_le_bytes(word))
        }));
        self.object(Subtag::HeapBinary, body)
    }
}
