//! Atom numbers. Generated code uses atoms as constant words, so every
//! atom the program names gets its global index at compile time: the
//! runtime's predefined atoms keep theirs, the registry's (see
//! `crate::cache`) follow, then new ones in order of first use; the
//! program registers all but the predefined at startup in that order.

use std::collections::HashMap;

use erts_core::tag::{IMMEDIATE2_ATOM, IMMEDIATE2_BITS};
use erts_core::PREDEFINED_ATOMS;

#[derive(Debug, Default)]
pub struct AtomNumbering {
    index: HashMap<String, u32>,
    /// The program's own atoms, in index order after the predefined ones.
    program: Vec<String>,
}

impl AtomNumbering {
    pub fn new() -> Self {
        let index = PREDEFINED_ATOMS
            .iter()
            .enumerate()
            .map(|(i, name)| (name.to_string(), i as u32))
            .collect();
        AtomNumbering {
            index,
            program: Vec::new(),
        }
    }

    /// Numbering that starts from a registry's atoms, in its order.
    pub fn with_registry(registry: &[String]) -> Self {
        let mut numbering = AtomNumbering::new();
        for name in registry {
            numbering.number(name);
        }
        numbering
    }

    /// The global index of `name`, numbering it if it is new.
    pub fn number(&mut self, name: &str) -> u32 {
        if let Some(&index) = self.index.get(name) {
            return index;
        }
        let index = (PREDEFINED_ATOMS.len() + self.program.len()) as u32;
        self.program.push(name.to_string());
        self.index.insert(name.to_string(), index);
        index
    }

    /// The term word of atom `name`.
    pub fn term(&mut self, name: &str) -> u64 {
        ((self.number(name) as u64) << IMMEDIATE2_BITS) | IMMEDIATE2_ATOM
    }

    /// The atoms the program registers at startup, in order.
    pub fn program_atoms(&self) -> &[String] {
        &self.program
    }
}
