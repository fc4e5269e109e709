//! The global atom table: atom names by index, and the index of a name.
//!
//! Invariants:
//! - Indexes are dense and never reused: index `i` is published only after
//!   every index below it, and an atom's name never changes or goes away
//!   (names are leaked, as BEAM never frees atoms).
//! - Reading a name by index takes no lock: slots live in segments that
//!   double in size, each segment and each slot written once and published
//!   through `OnceLock` (an acquire load to read).
//! - Interning takes a mutex around the name → index map; the slot is
//!   published before the mutex is released, so an index handed out is
//!   always readable.
//! - The predefined atoms (the `Atom::FALSE`… constants) occupy the first
//!   indexes, in the order of `PREDEFINED`, from the moment the table exists.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, OnceLock};

/// An interned atom, by its index in the global table.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Atom(u32);

/// Why an atom could not be created. Both are BEAM's `system_limit`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AtomError {
    /// The name has more than [`MAX_ATOM_CHARS`] characters.
    NameTooLong { chars: usize },
    /// The table already holds `limit` atoms.
    TableFull { limit: u32 },
}

/// Why the atom limit could not be changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AtomLimitError {
    /// The table is already in use; the limit is fixed at first use.
    AlreadyInUse,
    /// The limit is below the number of predefined atoms or above
    /// [`MAX_ATOM_LIMIT`].
    OutOfRange { requested: u32 },
}

/// The longest atom name, in characters (not bytes), as in BEAM.
pub const MAX_ATOM_CHARS: usize = 255;
/// The default limit on the number of atoms, as BEAM's `+t` default.
pub const DEFAULT_ATOM_LIMIT: u32 = 1 << 20;
/// The largest limit that may be configured: what the segments can hold.
pub const MAX_ATOM_LIMIT: u32 = FIRST_SEGMENT_SLOTS * ((1 << SEGMENT_COUNT) - 1);

/// Slots in the first segment; segment `k` has `FIRST_SEGMENT_SLOTS << k`.
const FIRST_SEGMENT_SLOTS: u32 = 1 << 10;
/// Number of segments: enough for a little under 2^31 atoms.
const SEGMENT_COUNT: u32 = 21;

macro_rules! predefined_atoms {
    ($($(#[$doc:meta])* $constant:ident = $name:literal,)*) => {
        /// Names of the predefined atoms, in index order: atom `k` of a
        /// fresh table is `PREDEFINED_ATOMS[k]`. The compiler numbers a
        /// program's other atoms after these.
        pub const PREDEFINED_ATOMS: &[&str] = &[$($name),*];

        impl Atom {
            predefined_atoms!(@consts 0u32, $($(#[$doc])* $constant = $name,)*);
        }
    };
    (@consts $index:expr, $(#[$doc:meta])* $constant:ident = $name:literal, $($rest:tt)*) => {
        $(#[$doc])*
        pub const $constant: Atom = Atom($index);
        predefined_atoms!(@consts $index + 1, $($rest)*);
    };
    (@consts $index:expr,) => {};
}

predefined_atoms! {
    /// `false`
    FALSE = "false",
    /// `true`
    TRUE = "true",
    /// `undefined`
    UNDEFINED = "undefined",
    /// `ok`
    OK = "ok",
    /// `error`
    ERROR = "error",
    /// `exit`
    EXIT = "exit",
    /// `throw`
    THROW = "throw",
    /// `'EXIT'`, the tag of exit signals turned into messages.
    EXIT_SIGNAL = "EXIT",
    /// `normal`
    NORMAL = "normal",
    /// `kill`
    KILL = "kill",
    /// `killed`
    KILLED = "killed",
    /// `noproc`
    NOPROC = "noproc",
    /// `badarg`
    BADARG = "badarg",
    /// `badarith`
    BADARITH = "badarith",
    /// `badmatch`
    BADMATCH = "badmatch",
    /// `badkey`
    BADKEY = "badkey",
    /// `badmap`
    BADMAP = "badmap",
    /// `badfun`
    BADFUN = "badfun",
    /// `badarity`
    BADARITY = "badarity",
    /// `badrecord`
    BADRECORD = "badrecord",
    /// `function_clause`
    FUNCTION_CLAUSE = "function_clause",
    /// `case_clause`
    CASE_CLAUSE = "case_clause",
    /// `if_clause`
    IF_CLAUSE = "if_clause",
    /// `try_clause`
    TRY_CLAUSE = "try_clause",
    /// `undef`
    UNDEF = "undef",
    /// `nocatch`
    NOCATCH = "nocatch",
    /// `system_limit`
    SYSTEM_LIMIT = "system_limit",
    /// `timeout_value`
    TIMEOUT_VALUE = "timeout_value",
    /// `infinity`
    INFINITY = "infinity",
    /// `timeout`
    TIMEOUT = "timeout",
    /// `erlang`
    ERLANG = "erlang",
    /// `nonode@nohost`, the node name of a node that is not distributed.
    NONODE_NOHOST = "nonode@nohost",
    /// `module`
    MODULE = "module",
    /// `function`
    FUNCTION = "function",
    /// `arity`
    ARITY = "arity",
    /// `file`
    FILE = "file",
    /// `line`
    LINE = "line",
    /// `value`
    VALUE = "value",
}

impl Atom {
    /// Returns the atom named `name`, adding it to the table if it is new.
    pub fn intern(name: &str) -> Result<Atom, AtomError> {
        global_table().intern(name)
    }

    /// Returns the atom named `name` if it already exists
    /// (`list_to_existing_atom`).
    pub fn lookup_existing(name: &str) -> Option<Atom> {
        global_table().lookup_existing(name)
    }

    /// The atom's name.
    pub fn name(self) -> &'static str {
        global_table().name(self.0)
    }

    /// The atom's index in the table.
    pub const fn index(self) -> u32 {
        self.0
    }

    /// The atom at `index`, which an earlier `intern` returned.
    pub(crate) const fn from_interned_index(index: u32) -> Atom {
        Atom(index)
    }

    /// Sets the maximum number of atoms; only before the table is first used
    /// (call it at start-up, before other threads can intern atoms).
    pub fn set_limit(limit: u32) -> Result<(), AtomLimitError> {
        if !(PREDEFINED_ATOMS.len() as u32..=MAX_ATOM_LIMIT).contains(&limit) {
            return Err(AtomLimitError::OutOfRange { requested: limit });
        }
        if GLOBAL_TABLE.get().is_some() {
            return Err(AtomLimitError::AlreadyInUse);
        }
        CONFIGURED_LIMIT.store(limit, Ordering::Relaxed);
        Ok(())
    }

    /// Number of atoms interned so far.
    pub fn count() -> u32 {
        global_table().count()
    }
}

impl AtomError {
    /// The exception reason BEAM raises for this error.
    pub fn reason(self) -> Atom {
        Atom::SYSTEM_LIMIT
    }
}

impl std::fmt::Debug for Atom {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Atom({}, {:?})", self.0, self.name())
    }
}

static CONFIGURED_LIMIT: AtomicU32 = AtomicU32::new(DEFAULT_ATOM_LIMIT);
static GLOBAL_TABLE: OnceLock<AtomTable> = OnceLock::new();

fn global_table() -> &'static AtomTable {
    GLOBAL_TABLE.get_or_init(|| AtomTable::new(CONFIGURED_LIMIT.load(Ordering::Relaxed)))
}

/// One published atom slot.
type Slot = OnceLock<&'static str>;

/// An atom table; the runtime uses one global instance.
struct AtomTable {
    limit: u32,
    segments: [OnceLock<Box<[Slot]>>; SEGMENT_COUNT as usize],
    /// Name → index; also serialises the writers.
    indexes: Mutex<HashMap<&'static str, u32>>,
    /// Number of published atoms (written under `indexes`' lock).
    count: AtomicU32,
}

impl AtomTable {
    fn new(limit: u32) -> AtomTable {
        debug_assert!((PREDEFINED_ATOMS.len() as u32..=MAX_ATOM_LIMIT).contains(&limit));
        let table = AtomTable {
            limit,
            segments: std::array::from_fn(|_| OnceLock::new()),
            indexes: Mutex::new(HashMap::new()),
            count: AtomicU32::new(0),
        };
        for (index, name) in PREDEFINED_ATOMS.iter().enumerate() {
            let interned = table.intern(name);
            debug_assert_eq!(interned, Ok(Atom(index as u32)));
        }
        table
    }

    fn intern(&self, name: &str) -> Result<Atom, AtomError> {
        let chars = name.chars().count();
        if MAX_ATOM_CHARS < chars {
            return Err(AtomError::NameTooLong { chars });
        }
        // A panic while holding the lock leaves the map consistent (an
        // insert either happened or not), so a poisoned lock is still usable.
        let mut indexes = self
            .indexes
            .lock()
            .unwrap_or_else(|poison| poison.into_inner());
        if let Some(&index) = indexes.get(name) {
            return Ok(Atom(index));
        }
        let index = self.count.load(Ordering::Relaxed);
        if self.limit <= index {
            return Err(AtomError::TableFull { limit: self.limit });
        }
        let name: &'static str = Box::leak(name.to_owned().into_boxed_str());
        let (segment, offset) = slot_position(index);
        let slots = self.segments[segment]
            .get_or_init(|| (0..segment_slots(segment)).map(|_| Slot::new()).collect());
        let published = slots[offset].set(name);
        debug_assert!(published.is_ok(), "atom slot {index} written twice");
        indexes.insert(name, index);
        self.count.store(index + 1, Ordering::Release);
        Ok(Atom(index))
    }

    fn lookup_existing(&self, name: &str) -> Option<Atom> {
        let indexes = self
            .indexes
            .lock()
            .unwrap_or_else(|poison| poison.into_inner());
        indexes.get(name).map(|&index| Atom(index))
    }

    fn name(&self, index: u32) -> &'static str {
        let (segment, offset) = slot_position(index);
        let slot = self.segments[segment]
            .get()
            .and_then(|slots| slots[offset].get());
        match slot {
            Some(name) => name,
            None => unreachable!("atom index {index} was never interned"),
        }
    }

    fn count(&self) -> u32 {
        self.count.load(Ordering::Acquire)
    }
}

/// Segment and offset of slot `index`: segment `k` starts at
/// `FIRST_SEGMENT_SLOTS * (2^k - 1)`.
fn slot_position(index: u32) -> (usize, usize) {
    let scaled = index / FIRST_SEGMENT_SLOTS + 1;
    let segment = (u32::BITS - 1 - scaled.leading_zeros()) as usize;
    let segment_start = FIRST_SEGMENT_SLOTS * ((1 << segment) - 1);
    (segment, (index - segment_start) as usize)
}

fn segment_slots(segment: usize) -> usize {
    (FIRST_SEGMENT_SLOTS as usize) << segment
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn predefined_atoms_have_fixed_indexes() {
        assert_eq!(Atom::FALSE.index(), 0);
        assert_eq!(Atom::TRUE.name(), "true");
        assert_eq!(Atom::SYSTEM_LIMIT.name(), "system_limit");
        assert_eq!(Atom::EXIT_SIGNAL.name(), "EXIT");
        assert_eq!(Atom::intern("ok"), Ok(Atom::OK));
        assert_eq!(Atom::lookup_existing("badarg"), Some(Atom::BADARG));
    }

    #[test]
    fn interning_is_idempotent_and_lookup_finds_only_existing() {
        let name = "atom_test_interning_is_idempotent";
        assert_eq!(Atom::lookup_existing(name), None);
        let atom = Atom::intern(name).unwrap();
        assert_eq!(Atom::intern(name), Ok(atom));
        assert_eq!(Atom::lookup_existing(name), Some(atom));
        assert_eq!(atom.name(), name);
    }

    #[test]
    fn names_are_limited_to_255_characters_not_bytes() {
        let longest: String = "é".repeat(MAX_ATOM_CHARS);
        assert!(Atom::intern(&longest).is_ok());
        let too_long: String = "x".repeat(MAX_ATOM_CHARS + 1);
        assert_eq!(
            Atom::intern(&too_long),
            Err(AtomError::NameTooLong { chars: 256 })
        );
        assert_eq!(
            AtomError::NameTooLong { chars: 256 }.reason(),
            Atom::SYSTEM_LIMIT
        );
    }

    #[test]
    fn full_table_is_an_error() {
        let limit = PREDEFINED_ATOMS.len() as u32 + 2;
        let table = AtomTable::new(limit);
        assert!(table.intern("first").is_ok());
        assert!(table.intern("second").is_ok());
        assert_eq!(table.intern("third"), Err(AtomError::TableFull { limit }));
        assert_eq!(table.intern("first").map(Atom::index), Ok(limit - 2));
    }

    #[test]
    fn limit_is_fixed_after_first_use() {
        let _ = Atom::TRUE.name();
        assert_eq!(Atom::set_limit(5000), Err(AtomLimitError::AlreadyInUse));
        assert_eq!(
            Atom::set_limit(1),
            Err(AtomLimitError::OutOfRange { requested: 1 })
        );
    }

    #[test]
    fn slots_cross_segment_boundaries() {
        assert_eq!(slot_position(0), (0, 0));
        assert_eq!(slot_position(FIRST_SEGMENT_SLOTS - 1), (0, 1023));
        assert_eq!(slot_position(FIRST_SEGMENT_SLOTS), (1, 0));
        assert_eq!(slot_position(3 * FIRST_SEGMENT_SLOTS), (2, 0));
        let (segment, offset) = slot_position(MAX_ATOM_LIMIT - 1);
        assert_eq!(segment, SEGMENT_COUNT as usize - 1);
        assert_eq!(offset, segment_slots(segment) - 1);
    }

    #[test]
    fn concurrent_interning_agrees() {
        let names: Vec<String> = (0..if cfg!(miri) { 20 } else { 2000 })
            .map(|i| format!("atom_test_concurrent_{i}"))
            .collect();
        let results: Vec<Vec<Atom>> = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..4)
                .map(|_| scope.spawn(|| names.iter().map(|n| Atom::intern(n).unwrap()).collect()))
                .collect();
            workers.into_iter().map(|w| w.join().unwrap()).collect()
        });
        for atoms in &results[1..] {
            assert_eq!(atoms, &results[0]);
        }
        for (atom, name) in results[0].iter().zip(&names) {
            assert_eq!(atom.name(), name);
        }
    }
}
