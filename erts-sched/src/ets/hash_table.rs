//! The storage of `set`, `bag` and `duplicate_bag` tables: a flat hash
//! table, open addressing with linear probing, kept sorted by hash.
//!
//! The entries lie in one dense vector (in no useful order); the slots,
//! eight bytes each (a hash and an entry's index), are what is probed, so
//! the part a lookup touches at random stays small. An entry's home slot
//! is `hash * buckets / 2^32`, which grows with the hash, and every
//! insert goes after the entries of smaller or equal hash in its run (a
//! deletion shifts the rest of its run back), so the slots, read in
//! order, are sorted by hash; entries of equal hash stay in insertion
//! order. That gives a traversal order that only depends on the hashes:
//! it survives growing and shrinking, an entry inserted or deleted moves
//! no other entry in it, and a walk can go on from a hash
//! ([`HashTable::first_from`]) however the table changed meanwhile. A
//! lookup scans from the home slot and stops at the first larger hash,
//! so a miss costs as little as a hit.
//!
//! A run never wraps around: one that reaches the end of the slots grows
//! the slot vector by one instead (home slots stay where they were).

/// Fewest home slots of a table with entries.
const MIN_BUCKETS: usize = 8;

/// A slot: the hash of an entry and where the entry is, or empty.
#[derive(Clone, Copy)]
struct Slot {
    hash: u32,
    entry: u32,
}

impl Slot {
    /// Its hash is the largest, so a scan for a smaller one stops here.
    const EMPTY: Slot = Slot {
        hash: u32::MAX,
        entry: u32::MAX,
    };

    fn is_empty(self) -> bool {
        self.entry == Slot::EMPTY.entry
    }
}

/// Entries of type `V` by a 32-bit hash, in hash order.
pub struct HashTable<V> {
    slots: Vec<Slot>,
    /// Each entry with its hash (to find its slot when it moves).
    entries: Vec<(u32, V)>,
    /// How many home slots there are (0 while nothing was inserted, a
    /// power of two after); `slots` has at least as many.
    buckets: usize,
}

impl<V> Default for HashTable<V> {
    fn default() -> Self {
        HashTable::new()
    }
}

impl<V> HashTable<V> {
    /// An empty table, allocating nothing.
    pub const fn new() -> HashTable<V> {
        HashTable {
            slots: Vec::new(),
            entries: Vec::new(),
            buckets: 0,
        }
    }

    /// How many entries there are.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// The home slot of `hash`: monotonic in the hash, which keeps the
    /// slots in hash order.
    fn home(&self, hash: u32) -> usize {
        ((u64::from(hash) * self.buckets as u64) >> 32) as usize
    }

    /// The slot of the entry with `hash` that `is` says is the one.
    pub fn find(&self, hash: u32, mut is: impl FnMut(&V) -> bool) -> Option<usize> {
        let home = self.home(hash);
        let slots = self.slots.get(home..)?;
        for (offset, slot) in slots.iter().enumerate() {
            if slot.hash > hash {
                // Empty (unless `hash` is the largest) or past the hash.
                return None;
            }
            if slot.hash == hash {
                if slot.is_empty() {
                    return None;
                }
                if is(&self.entries[slot.entry as usize].1) {
                    return Some(home + offset);
                }
            }
        }
        None
    }

    /// The hash and entry in slot `slot` (one [`find`](Self::find) or a
    /// walk gave, with nothing inserted or removed since).
    pub fn get(&self, slot: usize) -> (u32, &V) {
        let (hash, value) = &self.entries[self.slots[slot].entry as usize];
        (*hash, value)
    }

    /// The entry in slot `slot`, as [`get`](Self::get).
    pub fn get_mut(&mut self, slot: usize) -> &mut V {
        &mut self.entries[self.slots[slot].entry as usize].1
    }

    /// Adds an entry after those with the same hash (the caller knows its
    /// key is not there).
    pub fn insert(&mut self, hash: u32, value: V) {
        let entry = u32::try_from(self.entries.len())
            .ok()
            .filter(|entry| *entry != Slot::EMPTY.entry)
            // Memory runs out long before (each entry holds an object).
            .expect("fewer than 2^32 - 1 keys");
        if (self.len() + 1) * 8 > self.buckets * 7 {
            self.resize((self.buckets * 2).max(MIN_BUCKETS));
        }
        self.entries.push((hash, value));
        let mut at = self.home(hash);
        while let Some(slot) = self.slots.get(at) {
            if slot.is_empty() || slot.hash > hash {
                break;
            }
            at += 1;
        }
        // The run from `at` moves up one slot into the first empty one.
        let empty = match self.slots[at..].iter().position(|s| s.is_empty()) {
            Some(offset) => at + offset,
            None => {
                self.slots.push(Slot::EMPTY);
                self.slots.len() - 1
            }
        };
        self.slots[empty] = Slot { hash, entry };
        self.slots[at..=empty].rotate_right(1);
    }

    /// Removes the entry in slot `slot` (as [`get`](Self::get)), returning
    /// it. Slots found before are stale after this.
    pub fn remove(&mut self, slot: usize) -> V {
        let entry = self.slots[slot].entry;
        // The entries after it that are past their home move back one.
        let mut end = slot + 1;
        while let Some(next) = self.slots.get(end) {
            if next.is_empty() || self.home(next.hash) == end {
                break;
            }
            end += 1;
        }
        self.slots[slot] = Slot::EMPTY;
        self.slots[slot..end].rotate_left(1);
        // The last entry fills the hole: its slot must say so.
        let (_, value) = self.entries.swap_remove(entry as usize);
        if let Some((hash, _)) = self.entries.get(entry as usize) {
            let moved = self.entries.len() as u32;
            let home = self.home(*hash);
            let at = self.slots[home..]
                .iter()
                .position(|s| s.entry == moved)
                .expect("the moved entry's slot");
            self.slots[home + at].entry = entry;
        }
        if self.buckets > MIN_BUCKETS && self.len() * 8 < self.buckets {
            self.resize(self.buckets / 2);
        } else {
            while self.slots.len() > self.buckets && self.slots.last().is_some_and(|s| s.is_empty())
            {
                self.slots.pop();
            }
        }
        value
    }

    /// The first occupied slot from `slot` on.
    fn occupied_from(&self, slot: usize) -> Option<usize> {
        let slots = self.slots.get(slot..)?;
        slots.iter().position(|s| !s.is_empty()).map(|o| slot + o)
    }

    /// The first entry's slot, in hash order.
    pub fn first(&self) -> Option<usize> {
        self.occupied_from(0)
    }

    /// The slot of the entry after the one in `slot`.
    pub fn next(&self, slot: usize) -> Option<usize> {
        self.occupied_from(slot + 1)
    }

    /// The slot of the first entry whose hash is `from` or more.
    pub fn first_from(&self, from: u64) -> Option<usize> {
        let from = u32::try_from(from).ok()?;
        let mut at = self.home(from);
        // Smaller hashes are only before the first empty slot: every slot
        // from an entry's home to the entry is occupied.
        while let Some(slot) = self.slots.get(at) {
            if slot.is_empty() {
                break;
            }
            if slot.hash >= from {
                return Some(at);
            }
            at += 1;
        }
        self.occupied_from(at)
    }

    /// Every entry, in hash order.
    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.slots
            .iter()
            .filter(|s| !s.is_empty())
            .map(|s| &self.entries[s.entry as usize].1)
    }

    /// Runs `f` on every entry, in hash order, while it says go on.
    pub fn for_each_mut(&mut self, mut f: impl FnMut(&mut V) -> bool) {
        for slot in self.slots.iter().filter(|s| !s.is_empty()) {
            if !f(&mut self.entries[slot.entry as usize].1) {
                return;
            }
        }
    }

    /// Keeps the entries `keep` says so of (seeing each, in hash order).
    pub fn retain(&mut self, mut keep: impl FnMut(&mut V) -> bool) {
        let mut kept = vec![false; self.entries.len()];
        for slot in self.slots.iter().filter(|s| !s.is_empty()) {
            kept[slot.entry as usize] = keep(&mut self.entries[slot.entry as usize].1);
        }
        if kept.iter().all(|k| *k) {
            return;
        }
        // Where each kept entry goes once the others are gone.
        let mut moved_to = vec![Slot::EMPTY.entry; kept.len()];
        let mut next = 0;
        for (old, keep) in kept.iter().enumerate() {
            if *keep {
                moved_to[old] = next;
                next += 1;
            }
        }
        let mut old = 0;
        self.entries.retain(|_| {
            old += 1;
            kept[old - 1]
        });
        let mut slots = std::mem::take(&mut self.slots);
        slots.retain(|s| !s.is_empty() && kept[s.entry as usize]);
        for slot in &mut slots {
            slot.entry = moved_to[slot.entry as usize];
        }
        let mut buckets = self.buckets;
        while buckets > MIN_BUCKETS && self.len() * 8 < buckets {
            buckets /= 2;
        }
        self.lay_out(slots, buckets);
    }

    /// Lays the slots out again over `buckets` home slots.
    fn resize(&mut self, buckets: usize) {
        let slots = std::mem::take(&mut self.slots);
        self.lay_out(slots, buckets);
    }

    /// Makes `slots` (in hash order, maybe with empty ones) the slots over
    /// `buckets` home slots, in the same order: each at its home or right
    /// after the one before.
    fn lay_out(&mut self, slots: Vec<Slot>, buckets: usize) {
        self.buckets = buckets;
        self.slots = vec![Slot::EMPTY; buckets];
        let mut next_free = 0;
        for slot in slots.into_iter().filter(|s| !s.is_empty()) {
            let at = self.home(slot.hash).max(next_free);
            if at == self.slots.len() {
                self.slots.push(Slot::EMPTY);
            }
            self.slots[at] = slot;
            next_free = at + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A table of `(key, tag)` entries with a hash of the key.
    fn table_of(keys: &[(u32, u32)]) -> HashTable<(u32, u32)> {
        let mut table = HashTable::new();
        for &(hash, key) in keys {
            table.insert(hash, (key, 0));
        }
        table
    }

    fn find(table: &HashTable<(u32, u32)>, hash: u32, key: u32) -> Option<usize> {
        table.find(hash, |(k, _)| *k == key)
    }

    /// The (hash, key) of every entry in slot order, checking the order
    /// and that every entry sits at or after its home.
    fn entries(table: &HashTable<(u32, u32)>) -> Vec<(u32, u32)> {
        let mut seen = Vec::new();
        let mut slot = table.first();
        while let Some(at) = slot {
            let (hash, (key, _)) = table.get(at);
            assert!(table.home(hash) <= at, "entry before its home");
            assert!(
                table.slots[table.home(hash)..at]
                    .iter()
                    .all(|s| !s.is_empty()),
                "a hole between an entry and its home"
            );
            seen.push((hash, *key));
            slot = table.next(at);
        }
        assert!(
            seen.windows(2).all(|w| w[0].0 <= w[1].0),
            "not in hash order"
        );
        assert_eq!(seen.len(), table.len());
        seen
    }

    /// A hash spread over all 32 bits, distinct for distinct `n`.
    fn spread(n: u32) -> u32 {
        n.wrapping_mul(0x9E37_79B9)
    }

    #[test]
    fn an_empty_table_finds_nothing() {
        let table: HashTable<(u32, u32)> = HashTable::new();
        assert_eq!(find(&table, 5, 5), None);
        assert_eq!(table.first(), None);
        assert_eq!(table.first_from(0), None);
        assert_eq!(table.len(), 0);
    }

    #[test]
    fn inserts_are_found_and_kept_in_hash_order() {
        let keys: Vec<(u32, u32)> = (0..1000).map(|k| (spread(k), k)).collect();
        let table = table_of(&keys);
        for &(hash, key) in &keys {
            let slot = find(&table, hash, key).expect("found");
            assert_eq!(table.get(slot).1 .0, key);
        }
        assert_eq!(find(&table, spread(5000), 5000), None);
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(entries(&table), sorted);
    }

    #[test]
    fn equal_hashes_keep_insertion_order() {
        let table = table_of(&[(7, 1), (3, 2), (7, 3), (7, 4), (3, 5)]);
        assert_eq!(
            entries(&table),
            vec![(3, 2), (3, 5), (7, 1), (7, 3), (7, 4)]
        );
        assert!(find(&table, 7, 4).is_some());
        assert_eq!(find(&table, 7, 5), None);
    }

    #[test]
    fn runs_past_the_last_slot_grow_the_slots() {
        // Every hash at the last home slot: the run goes on past it.
        let keys: Vec<(u32, u32)> = (0..100).map(|k| (u32::MAX, k)).collect();
        let mut table = table_of(&keys);
        assert_eq!(entries(&table), keys);
        for &(hash, key) in &keys[..50] {
            let slot = find(&table, hash, key).expect("found");
            assert_eq!(table.remove(slot).0, key);
        }
        assert_eq!(entries(&table), keys[50..].to_vec());
    }

    #[test]
    fn grows_and_shrinks() {
        let keys: Vec<(u32, u32)> = (0..10_000).map(|k| (spread(k), k)).collect();
        let mut table = table_of(&keys);
        let grown = table.buckets;
        assert!(grown >= 10_000 * 4 / 3);
        for &(hash, key) in &keys[..9_990] {
            let slot = find(&table, hash, key).expect("found");
            table.remove(slot);
        }
        assert!(table.buckets < grown / 64, "shrunk to {}", table.buckets);
        let mut left = keys[9_990..].to_vec();
        left.sort();
        assert_eq!(entries(&table), left);
        for &(hash, key) in &left {
            assert!(find(&table, hash, key).is_some());
        }
        for &(hash, key) in &keys[..9_990] {
            assert_eq!(find(&table, hash, key), None);
        }
    }

    #[test]
    fn removal_shifts_runs_back() {
        // Dense hashes make long runs; remove every third entry.
        let keys: Vec<(u32, u32)> = (0..300).map(|k| ((k / 4) << 24, k)).collect();
        let mut table = table_of(&keys);
        for &(hash, key) in keys.iter().step_by(3) {
            let slot = find(&table, hash, key).expect("found");
            table.remove(slot);
        }
        let left: Vec<(u32, u32)> = keys
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 3 != 0)
            .map(|(_, k)| *k)
            .collect();
        assert_eq!(entries(&table), left);
        for &(hash, key) in &left {
            assert!(find(&table, hash, key).is_some(), "lost {key}");
        }
    }

    #[test]
    fn a_walk_from_a_hash_goes_on_across_changes() {
        let keys: Vec<(u32, u32)> = (0..2000).map(|k| (spread(k), k)).collect();
        let mut table = table_of(&keys);
        let mut sorted = keys.clone();
        sorted.sort();
        // Walk by hash, deleting the entry just seen and inserting new
        // ones, as a fixed ETS table's walker and writers may.
        let mut seen = Vec::new();
        let mut from = 0u64;
        let mut extra = 10_000;
        while let Some(slot) = table.first_from(from) {
            let (hash, (key, _)) = table.get(slot);
            let key = *key;
            seen.push((hash, key));
            from = u64::from(hash) + 1;
            if key % 2 == 0 {
                table.remove(slot);
            }
            table.insert(spread(extra), (extra, 1));
            extra += 1;
        }
        let old: Vec<(u32, u32)> = seen.iter().copied().filter(|(_, k)| *k < 10_000).collect();
        assert_eq!(old, sorted, "every old entry once, in order");
        assert!(seen.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn first_from_skips_smaller_hashes_and_holes() {
        let table = table_of(&[(10, 1), (1 << 31, 2), (u32::MAX, 3)]);
        let key_at = |slot: Option<usize>| slot.map(|s| table.get(s).1 .0);
        assert_eq!(key_at(table.first_from(0)), Some(1));
        assert_eq!(key_at(table.first_from(11)), Some(2));
        assert_eq!(key_at(table.first_from(1 << 31)), Some(2));
        assert_eq!(key_at(table.first_from((1 << 31) + 1)), Some(3));
        assert_eq!(key_at(table.first_from(u64::from(u32::MAX) + 1)), None);
    }

    #[test]
    fn retain_keeps_order_and_lookups() {
        let keys: Vec<(u32, u32)> = (0..5000).map(|k| (spread(k), k)).collect();
        let mut table = table_of(&keys);
        table.retain(|(key, tag)| {
            *tag = 1;
            *key % 10 == 0
        });
        let mut left: Vec<(u32, u32)> = keys.iter().copied().filter(|(_, k)| k % 10 == 0).collect();
        left.sort();
        assert_eq!(entries(&table), left);
        assert!(table.values().all(|(_, tag)| *tag == 1));
        for &(hash, key) in &left {
            assert!(find(&table, hash, key).is_some());
        }
        assert!(table.buckets <= 2048, "shrunk to {}", table.buckets);
    }

    #[test]
    fn for_each_mut_changes_entries_in_place_until_told() {
        let mut table = table_of(&[(1, 1), (2, 2), (3, 3)]);
        table.for_each_mut(|(key, tag)| {
            *tag = 9;
            *key < 2
        });
        let tags: Vec<u32> = table.values().map(|(_, tag)| *tag).collect();
        assert_eq!(tags, vec![9, 9, 0]);
    }
}
