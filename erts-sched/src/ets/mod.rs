//! ETS tables: their storage and the registry of every table.
//!
//! Each object (and a heir's gift data) is copied into a heap fragment of
//! its own, outside every process heap; readers copy objects out into
//! their heap, so deleting an object frees its fragment at once. `set`,
//! `bag` and `duplicate_bag` tables keep keys in a flat hash table sorted
//! by hash ([`hash_table`]; first/next walk it in that order), keys equal
//! when `=:=`; `ordered_set` tables keep keys in the standard term order,
//! equal when `==`. A table's id is a reference (its number here); named tables are
//! also found by name. The owner's end deletes its tables, or hands them
//! to their heir ([`owner_exited`]).
//!
//! # Locks
//!
//! Each table has a lock of its own (a [`TableCell`], a `RwLock`: readers
//! share it, writers have it alone); the registry, behind one `RwLock`
//! (read-locked to find a table, write-locked to add, rename or remove
//! one), maps numbers and names to the cells. The order is registry, then table,
//! then a shard of the process table:
//!
//! - A BIF takes the registry's lock only to find the cell ([`find`]),
//!   and releases it before it locks the table.
//! - Creating a table takes only the registry's lock; [`rename`] holds
//!   the registry's lock and then its table's, the one place both are
//!   held.
//! - Deleting a table ([`delete`], also at its owner's end) marks it
//!   deleted under its write lock, releases that, and then removes it
//!   from the registry. Whoever still holds the cell sees the mark under
//!   the table's lock and fails with `badarg`, as after a delete on BEAM.
//! - Under a table's lock only leaf locks are taken: the process table's
//!   shard (whether a heir is alive, so that a heir's own end, which
//!   locks the table after it left the process table, finds it), the
//!   atom table, the kept match specifications. No message is delivered
//!   and no process acted on with a table locked.
//!
//! A collection of a process heap never touches ETS, so results are
//! copied out of table storage while the table is locked (read-locked
//! for every BIF that only reads).

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::BuildHasherDefault;
use std::ops::Bound;
use std::sync::{Arc, LazyLock, PoisonError};
use std::sync::{RwLock, RwLockReadGuard, RwLockWriteGuard};

use erts_core::{build, compare, copy_term, eq_exact, phash2, size_of_term};
use erts_core::{Atom, HeapFragment, Term};

use crate::scheduler::Scheduler;
use crate::table::IdHasher;
use hash_table::HashTable;
use key_objects::KeyObjects;

mod hash_table;
mod key_objects;
pub mod match_spec;
pub mod select;

/// A table's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Set,
    OrderedSet,
    Bag,
    DuplicateBag,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Set => "set",
            Kind::OrderedSet => "ordered_set",
            Kind::Bag => "bag",
            Kind::DuplicateBag => "duplicate_bag",
        }
    }

    /// Whether a key holds one object at most.
    pub fn is_set(self) -> bool {
        matches!(self, Kind::Set | Kind::OrderedSet)
    }
}

/// Who may read and write a table besides its owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Public,
    Protected,
    Private,
}

impl Access {
    pub fn name(self) -> &'static str {
        match self {
            Access::Public => "public",
            Access::Protected => "protected",
            Access::Private => "private",
        }
    }
}

/// What an operation does to a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    Read,
    Write,
    /// Only the owner may (`give_away`, `setopts`).
    Owner,
}

/// A term copied into a fragment of its own.
pub struct Stored {
    term: Term,
    words: usize,
    _fragment: HeapFragment,
}

// SAFETY: a stored term is never written after it is made: readers of a
// read-locked table only read its words (comparing, hashing, matching,
// copying out, which touches a shared binary's atomic count and flag
// only), so threads may read one at once.
unsafe impl Sync for Stored {}

impl Stored {
    /// A copy of `term`; `None` when memory runs out.
    ///
    /// # Safety
    ///
    /// `term` is valid.
    pub unsafe fn copy(term: Term) -> Option<Stored> {
        // SAFETY: forwarded from the caller.
        let words = unsafe { size_of_term(term) };
        let mut fragment = HeapFragment::with_capacity(words.max(1)).ok()?;
        // SAFETY: as above; the fragment has room for the whole term.
        let term = unsafe { copy_term(term, &mut fragment) }?;
        Some(Stored {
            term,
            words,
            _fragment: fragment,
        })
    }

    /// A tuple of `elements` (valid terms), each copied.
    ///
    /// # Safety
    ///
    /// The elements are valid.
    pub unsafe fn tuple_of(elements: &[Term]) -> Option<Stored> {
        // SAFETY: forwarded from the caller.
        let words = 1
            + elements.len()
            + elements
                .iter()
                .map(|e| unsafe { size_of_term(*e) })
                .sum::<usize>();
        let mut fragment = HeapFragment::with_capacity(words.max(1)).ok()?;
        let mut copies = Vec::with_capacity(elements.len());
        for element in elements {
            // SAFETY: as above; the fragment has room for every element.
            copies.push(unsafe { copy_term(*element, &mut fragment) }?);
        }
        let term = build::tuple(&mut fragment, &copies)?;
        Some(Stored {
            term,
            words,
            _fragment: fragment,
        })
    }

    /// The copy, valid while `self` lives.
    pub fn term(&self) -> Term {
        self.term
    }

    /// The elements of a stored tuple.
    pub fn elements(&self) -> &[Term] {
        // SAFETY: the term lives in the fragment `self` owns.
        unsafe { self.term.tuple_elements() }.unwrap_or(&[])
    }

    pub fn words(&self) -> usize {
        self.words
    }
}

/// A key in term order, for `ordered_set` tables.
#[derive(Clone, Copy)]
struct OrdKey(Term);

impl Ord for OrdKey {
    fn cmp(&self, other: &OrdKey) -> Ordering {
        // SAFETY: an `OrdKey` holds a valid term: the key of an object of
        // its table (removed before the object goes), or a caller's key
        // for the length of one call.
        unsafe { compare(self.0, other.0) }
    }
}

impl PartialOrd for OrdKey {
    fn partial_cmp(&self, other: &OrdKey) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for OrdKey {
    fn eq(&self, other: &OrdKey) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for OrdKey {}

/// The objects of a table.
enum Storage {
    /// By the hash of the key ([`hash_of`]); each entry the objects of
    /// one key, in insertion order (never empty).
    Hash(HashTable<KeyObjects>),
    Ordered(BTreeMap<OrdKey, Stored>),
}

/// The hash a key is stored under, which also orders traversal.
///
/// A small integer or an atom is all in its word and `=:=` only to the
/// same word, so the word is hashed (cheaper than `phash2`'s walk over
/// the term); other keys by `phash2`. Both are mixed over all 32 bits,
/// as the home slots of the table need.
///
/// # Safety
///
/// `key` is valid.
unsafe fn hash_of(key: Term) -> u32 {
    let word = if key.is_small() || key.is_atom() {
        key.bits()
    } else {
        // Terms phash2 cannot hash yet (local funs) share one hash.
        // SAFETY: forwarded from the caller.
        u64::from(unsafe { phash2(key) }.unwrap_or(0))
    };
    spread(word)
}

/// A 64-bit word mixed down to 32 bits (two rounds of multiply and
/// xor-shift, as in splitmix64), so nearby keys land far apart.
fn spread(word: u64) -> u32 {
    const MULTIPLIER: u64 = 0xD6E8_FEB8_6659_FD93;
    let word = (word ^ (word >> 32)).wrapping_mul(MULTIPLIER);
    let word = (word ^ (word >> 32)).wrapping_mul(MULTIPLIER);
    (word >> 32) as u32
}

/// The key of `object` of a table with key position `keypos`.
fn key_at(object: &Stored, keypos: usize) -> Term {
    object.elements()[keypos - 1]
}

/// What `next`/`prev` find after a key.
pub enum Step {
    Key(Term),
    End,
    /// The key is not in an unfixed hash table: `badarg`.
    Missing,
}

/// Where a walk goes on.
#[derive(Clone, Copy)]
pub enum Resume {
    Start,
    /// After (before, walking in reverse) this key of an `ordered_set`.
    AfterKey(Term),
    /// From this hash on, in the other tables.
    FromHash(u64),
}

/// One table.
pub struct Table {
    pub number: u64,
    pub name: Atom,
    pub named: bool,
    pub kind: Kind,
    /// 1-based.
    pub keypos: usize,
    pub access: Access,
    /// The owner's process id.
    pub owner: u64,
    /// The heir's process id and the data it gets.
    pub heir: Option<(u64, Stored)>,
    pub read_concurrency: bool,
    pub write_concurrency: bool,
    pub compressed: bool,
    /// (process id, count) of `safe_fixtable(T, true)` calls.
    pub fixes: Vec<(u64, usize)>,
    /// When the table was first fixed, as `erlang:timestamp/0`'s parts.
    pub fixed_at: Option<(u64, u64, u64)>,
    storage: Storage,
    size: usize,
    words: usize,
    /// Set once, by [`delete`]: the table is gone for whoever still holds
    /// its cell.
    deleted: bool,
}

/// Words BEAM reports for an empty table (`info(T, memory)`).
const TABLE_WORDS: usize = 300;

impl Table {
    /// An empty table.
    pub fn new(number: u64, name: Atom, kind: Kind, keypos: usize, owner: u64) -> Table {
        Table {
            number,
            name,
            named: false,
            kind,
            keypos,
            access: Access::Protected,
            owner,
            heir: None,
            read_concurrency: false,
            write_concurrency: false,
            compressed: false,
            fixes: Vec::new(),
            fixed_at: None,
            storage: match kind {
                Kind::OrderedSet => Storage::Ordered(BTreeMap::new()),
                _ => Storage::Hash(HashTable::new()),
            },
            size: 0,
            words: 0,
            deleted: false,
        }
    }

    /// Whether process `id` may do `need` to the table; nobody may once
    /// it is deleted.
    pub fn allows(&self, id: u64, need: Need) -> bool {
        if self.deleted {
            return false;
        }
        self.owner == id
            || match need {
                Need::Owner => false,
                Need::Read => self.access != Access::Private,
                Need::Write => self.access == Access::Public,
            }
    }

    pub fn is_deleted(&self) -> bool {
        self.deleted
    }

    pub fn size(&self) -> usize {
        self.size
    }

    /// `info(T, memory)` in words.
    pub fn memory(&self) -> usize {
        TABLE_WORDS + self.words + 3 * self.size
    }

    fn key_of(&self, object: &Stored) -> Term {
        key_at(object, self.keypos)
    }

    /// The hash of `key` and its slot, if it is in a hash table.
    ///
    /// # Safety
    ///
    /// `key` is valid.
    unsafe fn find_hashed(
        table: &HashTable<KeyObjects>,
        keypos: usize,
        key: Term,
    ) -> (u32, Option<usize>) {
        // SAFETY: forwarded from the caller.
        let hash = unsafe { hash_of(key) };
        let slot = table.find(hash, |objects| {
            // SAFETY: both keys are valid (the stored one in its fragment).
            unsafe { eq_exact(key_at(objects.first(), keypos), key) }
        });
        (hash, slot)
    }

    /// The objects with `key` (terms of the table's storage).
    ///
    /// # Safety
    ///
    /// `key` is valid.
    pub unsafe fn lookup(&self, key: Term) -> Vec<Term> {
        match &self.storage {
            Storage::Ordered(map) => map
                .get(&OrdKey(key))
                .map(Stored::term)
                .into_iter()
                .collect(),
            Storage::Hash(table) => {
                // SAFETY: forwarded from the caller.
                match unsafe { Table::find_hashed(table, self.keypos, key) } {
                    (_, Some(slot)) => {
                        let objects = table.get(slot).1.as_slice();
                        objects.iter().map(Stored::term).collect()
                    }
                    (_, None) => Vec::new(),
                }
            }
        }
    }

    /// # Safety
    ///
    /// `key` is valid.
    pub unsafe fn member(&self, key: Term) -> bool {
        match &self.storage {
            Storage::Ordered(map) => map.contains_key(&OrdKey(key)),
            Storage::Hash(table) => {
                // SAFETY: forwarded from the caller.
                unsafe { Table::find_hashed(table, self.keypos, key) }
                    .1
                    .is_some()
            }
        }
    }

    /// Inserts one object (a tuple with at least `keypos` elements):
    /// replacing the object of its key (sets), added after the others
    /// unless the same object is there (`bag`), or added (`duplicate_bag`).
    pub fn insert(&mut self, object: Stored) {
        let key = self.key_of(&object);
        let words = object.words();
        match &mut self.storage {
            Storage::Ordered(map) => {
                // The key stored must be the new object's: remove first.
                if let Some(old) = map.remove(&OrdKey(key)) {
                    self.size -= 1;
                    self.words -= old.words();
                }
                map.insert(OrdKey(key), object);
            }
            Storage::Hash(table) => {
                // SAFETY: the key is in the object's fragment.
                let (hash, slot) = unsafe { Table::find_hashed(table, self.keypos, key) };
                let Some(slot) = slot else {
                    table.insert(hash, KeyObjects::One(object));
                    self.size += 1;
                    self.words += words;
                    return;
                };
                let objects = table.get_mut(slot);
                match self.kind {
                    Kind::Set => {
                        let old = std::mem::replace(&mut objects.as_mut_slice()[0], object);
                        self.size -= 1;
                        self.words -= old.words();
                    }
                    Kind::Bag => {
                        let same = |o: &Stored| {
                            // SAFETY: both objects are in their fragments.
                            unsafe { eq_exact(o.term(), object.term()) }
                        };
                        if objects.as_slice().iter().any(same) {
                            return;
                        }
                        objects.push(object);
                    }
                    _ => objects.push(object),
                }
            }
        }
        self.size += 1;
        self.words += words;
    }

    /// Removes the objects with `key`, returning them.
    ///
    /// # Safety
    ///
    /// `key` is valid.
    pub unsafe fn take(&mut self, key: Term) -> Vec<Stored> {
        let taken = match &mut self.storage {
            Storage::Ordered(map) => map.remove(&OrdKey(key)).into_iter().collect(),
            Storage::Hash(table) => {
                // SAFETY: forwarded from the caller.
                match unsafe { Table::find_hashed(table, self.keypos, key) } {
                    (_, Some(slot)) => table.remove(slot).into_vec(),
                    (_, None) => Vec::new(),
                }
            }
        };
        self.forget(&taken);
        taken
    }

    fn forget(&mut self, removed: &[Stored]) {
        self.size -= removed.len();
        self.words -= removed.iter().map(Stored::words).sum::<usize>();
    }

    /// Removes the objects `=:=` to `object` (a tuple with a key).
    ///
    /// # Safety
    ///
    /// `object` is valid.
    pub unsafe fn delete_object(&mut self, object: Term) {
        // SAFETY: forwarded from the caller.
        let key = unsafe { object.tuple_elements() }.expect("a tuple")[self.keypos - 1];
        let removed = match &mut self.storage {
            Storage::Ordered(map) => {
                // SAFETY: both are valid.
                let same = |o: &Stored| unsafe { eq_exact(o.term(), object) };
                match map.get(&OrdKey(key)) {
                    Some(stored) if same(stored) => map.remove(&OrdKey(key)).into_iter().collect(),
                    _ => Vec::new(),
                }
            }
            Storage::Hash(table) => {
                // SAFETY: as above.
                let (_, Some(slot)) = (unsafe { Table::find_hashed(table, self.keypos, key) })
                else {
                    return;
                };
                let objects = table.get_mut(slot);
                // SAFETY: both are valid.
                let removed = objects.remove_where(|o| unsafe { eq_exact(o.term(), object) });
                if objects.is_empty() {
                    table.remove(slot);
                }
                removed
            }
        };
        self.forget(&removed);
    }

    /// Replaces the object of `key` (set tables) by `object`, whose key
    /// is `key`.
    ///
    /// # Safety
    ///
    /// `key` is valid.
    pub unsafe fn replace(&mut self, key: Term, object: Stored) {
        if !self.kind.is_set() {
            // SAFETY: forwarded from the caller.
            drop(unsafe { self.take(key) });
        }
        // A set's insert replaces the object of the key in place.
        self.insert(object);
    }

    pub fn clear(&mut self) {
        self.storage = match self.kind {
            Kind::OrderedSet => Storage::Ordered(BTreeMap::new()),
            _ => Storage::Hash(HashTable::new()),
        };
        self.size = 0;
        self.words = 0;
    }

    /// The key in `slot` of a hash table.
    fn key_in(&self, table: &HashTable<KeyObjects>, slot: usize) -> Term {
        self.key_of(table.get(slot).1.first())
    }

    /// The first key (in term order for `ordered_set`), or `None`.
    pub fn first(&self) -> Option<Term> {
        match &self.storage {
            Storage::Ordered(map) => map.keys().next().map(|k| k.0),
            Storage::Hash(table) => table.first().map(|slot| self.key_in(table, slot)),
        }
    }

    /// The last key: term order for `ordered_set`, else as `first`.
    pub fn last(&self) -> Option<Term> {
        match &self.storage {
            Storage::Ordered(map) => map.keys().next_back().map(|k| k.0),
            Storage::Hash(_) => self.first(),
        }
    }

    /// The key after `key`.
    ///
    /// # Safety
    ///
    /// `key` is valid.
    pub unsafe fn next(&self, key: Term) -> Step {
        let found = match &self.storage {
            Storage::Ordered(map) => map
                .range((Bound::Excluded(OrdKey(key)), Bound::Unbounded))
                .next()
                .map(|(k, _)| k.0),
            Storage::Hash(table) => {
                // SAFETY: forwarded from the caller.
                let next = match unsafe { Table::find_hashed(table, self.keypos, key) } {
                    (_, Some(slot)) => table.next(slot),
                    // A fixed table goes on after a deleted key (BEAM
                    // keeps deleted objects of a fixed table till
                    // unfixed): the order is by hash, so from the next
                    // hash, however the table changed.
                    (hash, None) if !self.fixes.is_empty() => table.first_from(u64::from(hash) + 1),
                    (_, None) => return Step::Missing,
                };
                next.map(|slot| self.key_in(table, slot))
            }
        };
        found.map_or(Step::End, Step::Key)
    }

    /// The key before `key`: term order for `ordered_set`, else as `next`.
    ///
    /// # Safety
    ///
    /// `key` is valid.
    pub unsafe fn prev(&self, key: Term) -> Step {
        match &self.storage {
            Storage::Ordered(map) => map
                .range((Bound::Unbounded, Bound::Excluded(OrdKey(key))))
                .next_back()
                .map_or(Step::End, |(k, _)| Step::Key(k.0)),
            // SAFETY: forwarded from the caller.
            Storage::Hash(_) => unsafe { self.next(key) },
        }
    }

    /// Walks the objects from `resume` a unit at a time (one object of an
    /// `ordered_set`, in key order or `reverse`; the objects of one hash
    /// of the other tables) while `visit` says go on. Where a walk
    /// stopped by `visit` would go on, `None` at the end.
    pub fn walk(
        &self,
        resume: Resume,
        reverse: bool,
        mut visit: impl FnMut(&[Term]) -> bool,
    ) -> Option<Resume> {
        match &self.storage {
            Storage::Ordered(map) => {
                let range = match resume {
                    Resume::AfterKey(key) if reverse => {
                        map.range((Bound::Unbounded, Bound::Excluded(OrdKey(key))))
                    }
                    Resume::AfterKey(key) => {
                        map.range((Bound::Excluded(OrdKey(key)), Bound::Unbounded))
                    }
                    _ => map.range::<OrdKey, _>(..),
                };
                let mut step = |(key, object): (&OrdKey, &Stored)| {
                    (!visit(&[object.term()])).then_some(Resume::AfterKey(key.0))
                };
                if reverse {
                    range.rev().find_map(&mut step)
                } else {
                    range.into_iter().find_map(&mut step)
                }
            }
            Storage::Hash(table) => {
                let from = match resume {
                    Resume::FromHash(hash) => hash,
                    _ => 0,
                };
                // The objects of one hash (of one key but for collisions),
                // gathered in one reused buffer.
                let mut objects: Vec<Term> = Vec::new();
                let mut slot = table.first_from(from);
                while let Some(at) = slot {
                    let (hash, _) = table.get(at);
                    objects.clear();
                    while let Some(at) = slot.filter(|at| table.get(*at).0 == hash) {
                        objects.extend(table.get(at).1.as_slice().iter().map(Stored::term));
                        slot = table.next(at);
                    }
                    if !visit(&objects) {
                        return Some(Resume::FromHash(u64::from(hash) + 1));
                    }
                }
                None
            }
        }
    }

    /// Removes every object `remove` says so of.
    pub fn remove_where(&mut self, mut remove: impl FnMut(Term) -> bool) {
        let mut removed = Vec::new();
        match &mut self.storage {
            Storage::Ordered(map) => {
                let keys: Vec<OrdKey> = map
                    .iter()
                    .filter(|(_, object)| remove(object.term()))
                    .map(|(key, _)| *key)
                    .collect();
                for key in keys {
                    removed.extend(map.remove(&key));
                }
            }
            Storage::Hash(table) => table.retain(|objects| {
                removed.extend(objects.remove_where(|object| remove(object.term())));
                !objects.is_empty()
            }),
        }
        self.forget(&removed);
    }

    /// Replaces objects by what `replace` makes of them (a tuple with the
    /// same key), stopping at its first error.
    pub fn replace_where<E>(
        &mut self,
        mut replace: impl FnMut(Term) -> Result<Option<Stored>, E>,
    ) -> Result<(), E> {
        let mut result = Ok(());
        let mut changes: Vec<(usize, usize)> = Vec::new();
        match &mut self.storage {
            Storage::Ordered(map) => {
                let mut replacements = Vec::new();
                for (key, object) in map.iter() {
                    match replace(object.term()) {
                        Ok(Some(new)) => replacements.push((*key, new)),
                        Ok(None) => {}
                        Err(e) => {
                            result = Err(e);
                            break;
                        }
                    }
                }
                for (key, new) in replacements {
                    // The key stored must be the new object's: remove first.
                    let old = map.remove(&key).expect("a key of the table");
                    let new_key = new.elements()[self.keypos - 1];
                    changes.push((old.words(), new.words()));
                    map.insert(OrdKey(new_key), new);
                }
            }
            Storage::Hash(table) => {
                table.for_each_mut(|objects| {
                    for object in objects.as_mut_slice() {
                        match replace(object.term()) {
                            Ok(Some(new)) => {
                                changes.push((object.words(), new.words()));
                                *object = new;
                            }
                            Ok(None) => {}
                            Err(e) => {
                                result = Err(e);
                                return false;
                            }
                        }
                    }
                    true
                });
            }
        }
        for (old, new) in changes {
            self.words = self.words - old + new;
        }
        result
    }

    /// `slot(T, I)`: the objects of the `index`th key here (`ordered_set`:
    /// the `index`th object); `Some(None)` at the end, `None` beyond.
    pub fn slot(&self, index: usize) -> Option<Option<Vec<Term>>> {
        let (found, count) = match &self.storage {
            Storage::Ordered(map) => (map.values().nth(index).map(|o| vec![o.term()]), map.len()),
            Storage::Hash(table) => {
                let found = table
                    .values()
                    .nth(index)
                    .map(|objects| objects.as_slice().iter().map(Stored::term).collect());
                (found, table.len())
            }
        };
        match found {
            Some(objects) => Some(Some(objects)),
            None if index == count => Some(None),
            None => None,
        }
    }
}

/// A table behind its own lock, shared by the registry and the BIFs
/// using it, with copies of what never changes, readable unlocked.
pub struct TableCell {
    kind: Kind,
    keypos: usize,
    lock: RwLock<Table>,
}

impl TableCell {
    /// The table, read-locked (shared with other readers).
    pub fn read(&self) -> RwLockReadGuard<'_, Table> {
        self.lock.read().unwrap_or_else(PoisonError::into_inner)
    }

    /// The table, write-locked (alone).
    pub fn write(&self) -> RwLockWriteGuard<'_, Table> {
        self.lock.write().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn kind(&self) -> Kind {
        self.kind
    }

    pub fn keypos(&self) -> usize {
        self.keypos
    }
}

/// Table numbers (counted up) and atoms hashed by a multiplication:
/// SipHash, the default, was a tenth of a lookup-heavy ETS benchmark.
type ById = BuildHasherDefault<IdHasher>;

/// Every table, by number, and the names of named tables.
#[derive(Default)]
struct Registry {
    tables: HashMap<u64, Arc<TableCell>, ById>,
    names: HashMap<Atom, u64, ById>,
    /// The numbers of every table made: a deleted table's id is still a
    /// table id (`info/1` says `undefined`, where other references are
    /// `badarg`).
    issued: HashSet<u64, ById>,
}

static REGISTRY: LazyLock<RwLock<Registry>> = LazyLock::new(|| RwLock::new(Registry::default()));

/// The registry, read-locked (lookups run at once); never taken with a
/// table locked.
fn registry() -> RwLockReadGuard<'static, Registry> {
    REGISTRY.read().unwrap_or_else(PoisonError::into_inner)
}

/// The registry, write-locked (alone); never taken with a table locked.
fn registry_mut() -> RwLockWriteGuard<'static, Registry> {
    REGISTRY.write().unwrap_or_else(PoisonError::into_inner)
}

impl Registry {
    /// The number of the table `tab` names, if it is registered.
    ///
    /// # Safety
    ///
    /// `tab` is valid.
    unsafe fn number_of(&self, tab: Term) -> Option<u64> {
        match tab.as_atom() {
            Some(name) => self.names.get(&name).copied(),
            // SAFETY: forwarded from the caller.
            None => unsafe { crate::refs::number_of(tab) }.filter(|n| self.tables.contains_key(n)),
        }
    }
}

/// The table `tab` (a name or a reference) names, if there is one. The
/// registry is locked for the lookup only; the table may be deleted by
/// the time the caller locks it ([`Table::allows`] says no then).
///
/// # Safety
///
/// `tab` is valid.
pub unsafe fn find(tab: Term) -> Option<Arc<TableCell>> {
    let registry = registry();
    // SAFETY: forwarded from the caller.
    let number = unsafe { registry.number_of(tab) }?;
    registry.tables.get(&number).cloned()
}

/// Whether `tab` is the reference of a table made in this run (deleted
/// or not).
///
/// # Safety
///
/// `tab` is valid.
pub unsafe fn was_issued(tab: Term) -> bool {
    // SAFETY: forwarded from the caller.
    let number = unsafe { crate::refs::number_of(tab) };
    number.is_some_and(|n| registry().issued.contains(&n))
}

/// Registers a new table; false (and the table dropped) when it is named
/// and its name is taken.
pub fn create(table: Table) -> bool {
    let mut registry = registry_mut();
    let number = table.number;
    if table.named {
        if registry.names.contains_key(&table.name) {
            return false;
        }
        registry.names.insert(table.name, number);
    }
    registry.issued.insert(number);
    let cell = TableCell {
        kind: table.kind,
        keypos: table.keypos,
        lock: RwLock::new(table),
    };
    registry.tables.insert(number, Arc::new(cell));
    true
}

/// Deletes a table the caller has write-locked: marked deleted and
/// emptied under its lock, then, with the lock released, removed from the
/// registry. Its objects are freed after both.
pub fn delete(mut table: RwLockWriteGuard<'_, Table>) {
    table.deleted = true;
    let storage = std::mem::replace(&mut table.storage, Storage::Hash(HashTable::new()));
    let heir = table.heir.take();
    table.size = 0;
    table.words = 0;
    table.fixes.clear();
    let (number, named, name) = (table.number, table.named, table.name);
    drop(table);
    {
        let mut registry = registry_mut();
        registry.tables.remove(&number);
        if named && registry.names.get(&name) == Some(&number) {
            registry.names.remove(&name);
        }
    }
    drop(storage);
    drop(heir);
}

/// `ets:rename/2` for process `id`: the table's new name; a named
/// table's name must be free. The table's number and whether it is
/// named, `None` when the table is gone, not the caller's to write or
/// the name taken.
///
/// # Safety
///
/// `tab` is valid.
pub unsafe fn rename(tab: Term, id: u64, name: Atom) -> Option<(u64, bool)> {
    let mut registry = registry_mut();
    // SAFETY: forwarded from the caller.
    let number = unsafe { registry.number_of(tab) }?;
    let cell = registry.tables.get(&number)?.clone();
    // Registry, then table: the lock order.
    let mut table = cell.write();
    if !table.allows(id, Need::Write) {
        return None;
    }
    if table.named {
        if registry.names.contains_key(&name) {
            return None;
        }
        registry.names.remove(&table.name);
        registry.names.insert(name, number);
    }
    table.name = name;
    Some((number, table.named))
}

/// The number of the table named `name`.
pub fn whereis(name: Atom) -> Option<u64> {
    registry().names.get(&name).copied()
}

/// Every table: its number, and its name when it is named.
pub fn all() -> Vec<(u64, Option<Atom>)> {
    let registry = registry();
    let named: HashMap<u64, Atom> = registry.names.iter().map(|(a, n)| (*n, *a)).collect();
    registry
        .tables
        .keys()
        .map(|number| (*number, named.get(number).copied()))
        .collect()
}

/// The id a message names table `table` by: its name when named, else its
/// reference.
fn table_id_in(table: &Table, fragment: &mut HeapFragment) -> Option<Term> {
    if table.named {
        Some(Term::atom(table.name))
    } else {
        crate::refs::build_on(fragment, table.number)
    }
}

/// `{'ETS-TRANSFER', Tab, From, Data}` in a fragment of its own.
///
/// # Safety
///
/// `data` is valid.
pub unsafe fn transfer_message(
    table: &Table,
    from: Term,
    data: Term,
) -> Option<(Term, HeapFragment)> {
    // SAFETY: forwarded from the caller.
    let words = 5 + crate::refs::WORDS + unsafe { size_of_term(data) };
    let mut fragment = HeapFragment::with_capacity(words.max(1)).ok()?;
    let tag = Term::atom(Atom::intern("ETS-TRANSFER").ok()?);
    let id = table_id_in(table, &mut fragment)?;
    // SAFETY: as above; the fragment has room.
    let data = unsafe { copy_term(data, &mut fragment) }?;
    let message = build::tuple(&mut fragment, &[tag, id, from, data])?;
    Some((message, fragment))
}

/// Process `id` (out of the scheduler's table) ended: its tables go to
/// their heirs (when alive), which get `{'ETS-TRANSFER', Tab, From,
/// HeirData}`, or are deleted. Fixations it held are released.
///
/// The registry is locked only to list the tables; each is then looked
/// at alone, read-locked, and write-locked only when it has something of
/// the process. No table becomes the process's after the list is taken:
/// a transfer to it checks, under the table's lock, that it is still in
/// the process table, which it left before this call.
pub fn owner_exited(scheduler: &mut Scheduler, pid: Term) {
    let Some(id) = pid.as_local_pid() else {
        return;
    };
    let cells: Vec<Arc<TableCell>> = registry().tables.values().cloned().collect();
    let mut messages = Vec::new();
    for cell in cells {
        {
            let table = cell.read();
            let fixed = table.fixes.iter().any(|(fixer, _)| *fixer == id);
            if table.deleted || (table.owner != id && !fixed) {
                continue;
            }
        }
        let mut table = cell.write();
        if table.deleted {
            continue;
        }
        table.fixes.retain(|(fixer, _)| *fixer != id);
        if table.fixes.is_empty() {
            table.fixed_at = None;
        }
        if table.owner != id {
            continue;
        }
        let heir = match &table.heir {
            Some((heir, _)) if *heir != id && crate::table::contains(*heir) => *heir,
            _ => {
                delete(table);
                continue;
            }
        };
        table.owner = heir;
        let data = table.heir.as_ref().expect("a heir").1.term();
        // SAFETY: the data lives in the table's fragment.
        match unsafe { transfer_message(&table, pid, data) } {
            Some(message) => messages.push((heir, message)),
            None => delete(table),
        }
    }
    for (heir, (message, fragment)) in messages {
        // SAFETY: the message lives in its fragment, dropped after the copy.
        unsafe { scheduler.deliver(heir, message) };
        drop(fragment);
    }
}
