//! The build cache (`link::cache_dir()`): one object per module, keyed by
//! everything the object depends on, so OTP's modules are compiled once
//! per machine; and the machine's atom registry that makes this possible.
//!
//! Generated code uses atoms as constant words (switches need them), so a
//! module's object depends on the atoms' indices. Every build on a machine
//! therefore numbers atoms from one registry (`atoms`), which only grows:
//! an atom keeps its index in every program, and a program registers the
//! registry's atoms (up to the last it uses) at startup in index order.
//! The registry has an epoch, part of every object's key: a new registry
//! never meets objects numbered by an old one.
//!
//! A build holds an exclusive lock on the cache (`lock`) from start to
//! end, so concurrent builds take turns. The registry is saved before any
//! object that depends on it is stored.

use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::beam::digest;

/// The open cache of one build.
pub struct BuildCache {
    dir: PathBuf,
    _lock: File,
    epoch: u128,
    /// The registry's atoms, after the runtime's predefined ones.
    pub atoms: Vec<String>,
    /// Identity of this `eartsc` (size and modification time of its file).
    compiler: u128,
}

impl BuildCache {
    /// Opens (creating) the cache in `dir` and waits for its lock.
    pub fn open(dir: &Path) -> Result<BuildCache> {
        std::fs::create_dir_all(dir.join("objects"))
            .with_context(|| format!("creating {}", dir.display()))?;
        let lock = File::create(dir.join("lock"))
            .with_context(|| format!("creating {}", dir.join("lock").display()))?;
        lock.lock().context("locking the build cache")?;
        let (epoch, atoms) = match read_registry(&dir.join("atoms")) {
            Some(registry) => registry,
            None => (new_epoch(), Vec::new()),
        };
        Ok(BuildCache {
            dir: dir.to_path_buf(),
            _lock: lock,
            epoch,
            atoms,
            compiler: compiler_identity(),
        })
    }

    /// Saves the registry with `atoms` (which extends the one read).
    pub fn save_atoms(&mut self, atoms: &[String]) -> Result<()> {
        if atoms.len() == self.atoms.len() {
            return Ok(());
        }
        let mut text = format!("earts-atoms {:032x}\n", self.epoch).into_bytes();
        for atom in atoms {
            text.extend_from_slice(format!("{}:", atom.len()).as_bytes());
            text.extend_from_slice(atom.as_bytes());
            text.push(b'\n');
        }
        let path = self.dir.join("atoms");
        let temporary = self.dir.join("atoms.new");
        std::fs::write(&temporary, &text)
            .with_context(|| format!("writing {}", temporary.display()))?;
        std::fs::rename(&temporary, &path)
            .with_context(|| format!("writing {}", path.display()))?;
        self.atoms = atoms.to_vec();
        Ok(())
    }

    /// The key of a module's object: the module's content, which of its
    /// functions are linked, how it is compiled, by which compiler, with
    /// which atom registry.
    pub fn object_key(&self, module: u128, functions: &[usize], settings: &str) -> String {
        let mut text = format!(
            "{module:032x} {:032x} {:032x} {settings}",
            self.compiler, self.epoch
        );
        for index in functions {
            text.push_str(&format!(" {index}"));
        }
        format!("{:032x}", digest(text.as_bytes()))
    }

    pub fn load(&self, key: &str) -> Option<Vec<u8>> {
        let mut bytes = Vec::new();
        File::open(self.object_path(key))
            .ok()?
            .read_to_end(&mut bytes)
            .ok()?;
        Some(bytes)
    }

    /// Stores an object (written aside and renamed, so a reader never sees
    /// half of one). A failure only costs a later recompile.
    pub fn store(&self, key: &str, bytes: &[u8]) {
        let path = self.object_path(key);
        let temporary = path.with_extension("new");
        let written = File::create(&temporary).and_then(|mut f| f.write_all(bytes));
        if written.is_ok() {
            let _ = std::fs::rename(&temporary, &path);
        }
    }

    fn object_path(&self, key: &str) -> PathBuf {
        self.dir.join("objects").join(format!("{key}.o"))
    }
}

/// The registry file: a header with the epoch, then `length:name` lines.
fn read_registry(path: &Path) -> Option<(u128, Vec<String>)> {
    let bytes = std::fs::read(path).ok()?;
    let header_end = bytes.iter().position(|b| *b == b'\n')?;
    let header = std::str::from_utf8(&bytes[..header_end]).ok()?;
    let epoch = u128::from_str_radix(header.strip_prefix("earts-atoms ")?, 16).ok()?;
    let mut atoms = Vec::new();
    let mut rest = &bytes[header_end + 1..];
    while !rest.is_empty() {
        let colon = rest.iter().position(|b| *b == b':')?;
        let length: usize = std::str::from_utf8(&rest[..colon]).ok()?.parse().ok()?;
        let name = rest.get(colon + 1..colon + 1 + length)?;
        atoms.push(String::from_utf8(name.to_vec()).ok()?);
        if rest.get(colon + 1 + length) != Some(&b'\n') {
            return None;
        }
        rest = &rest[colon + 2 + length..];
    }
    Some((epoch, atoms))
}

fn new_epoch() -> u128 {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    digest(format!("{now:?} {}", std::process::id()).as_bytes())
}

fn compiler_identity() -> u128 {
    let metadata = std::env::current_exe().and_then(std::fs::metadata);
    let text = match metadata {
        Ok(m) => format!("{} {:?}", m.len(), m.modified().ok()),
        // Unknown: never share objects.
        Err(_) => format!("{:?}", new_epoch()),
    };
    digest(text.as_bytes())
}
