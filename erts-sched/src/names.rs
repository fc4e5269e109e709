//! Registered names (`register/2`) and active aliases (`monitor/3` with
//! `{alias, _}`), shared by all schedulers. A name is recorded both ways,
//! so a process's end frees its name without a search.

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex, MutexGuard};

use erts_core::Atom;

#[derive(Default)]
pub struct Names {
    by_name: HashMap<Atom, u64>,
    by_id: HashMap<u64, Atom>,
    /// Reference number → the process messages to the alias go to.
    aliases: HashMap<u64, u64>,
}

static NAMES: LazyLock<Mutex<Names>> = LazyLock::new(|| Mutex::new(Names::default()));

pub fn names() -> MutexGuard<'static, Names> {
    NAMES.lock().unwrap_or_else(|p| p.into_inner())
}

impl Names {
    pub fn whereis(&self, name: Atom) -> Option<u64> {
        self.by_name.get(&name).copied()
    }

    pub fn name_of(&self, id: u64) -> Option<Atom> {
        self.by_id.get(&id).copied()
    }

    /// Registers process `id` as `name`; false if the name is taken or the
    /// process has a name already.
    pub fn register(&mut self, name: Atom, id: u64) -> bool {
        if self.by_name.contains_key(&name) || self.by_id.contains_key(&id) {
            return false;
        }
        self.by_name.insert(name, id);
        self.by_id.insert(id, name);
        true
    }

    pub fn unregister(&mut self, name: Atom) -> Option<u64> {
        let id = self.by_name.remove(&name)?;
        self.by_id.remove(&id);
        Some(id)
    }

    /// Frees the name of process `id`, which ended.
    pub fn forget_process(&mut self, id: u64) {
        if let Some(name) = self.by_id.remove(&id) {
            self.by_name.remove(&name);
        }
    }

    /// Every registered name.
    pub fn registered(&self) -> Vec<Atom> {
        self.by_name.keys().copied().collect()
    }

    pub fn alias(&self, number: u64) -> Option<u64> {
        self.aliases.get(&number).copied()
    }

    pub fn add_alias(&mut self, number: u64, id: u64) {
        self.aliases.insert(number, id);
    }

    pub fn remove_alias(&mut self, number: u64) {
        self.aliases.remove(&number);
    }
}
