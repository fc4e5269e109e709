//! The objects of one key of a hash table, in insertion order: one (every
//! key of a `set`, most keys of a bag) is kept without a vector of its own.

use super::Stored;

pub enum KeyObjects {
    One(Stored),
    /// Empty only for a moment, while objects are removed.
    Many(Vec<Stored>),
}

impl KeyObjects {
    pub fn as_slice(&self) -> &[Stored] {
        match self {
            KeyObjects::One(object) => std::slice::from_ref(object),
            KeyObjects::Many(objects) => objects,
        }
    }

    pub fn as_mut_slice(&mut self) -> &mut [Stored] {
        match self {
            KeyObjects::One(object) => std::slice::from_mut(object),
            KeyObjects::Many(objects) => objects,
        }
    }

    /// The first object, which holds the key.
    pub fn first(&self) -> &Stored {
        &self.as_slice()[0]
    }

    pub fn is_empty(&self) -> bool {
        self.as_slice().is_empty()
    }

    /// Adds an object after the others.
    pub fn push(&mut self, object: Stored) {
        match self {
            KeyObjects::Many(objects) => objects.push(object),
            KeyObjects::One(_) => {
                let KeyObjects::One(first) = std::mem::replace(self, KeyObjects::Many(Vec::new()))
                else {
                    unreachable!("one object")
                };
                *self = KeyObjects::Many(vec![first, object]);
            }
        }
    }

    pub fn into_vec(self) -> Vec<Stored> {
        match self {
            KeyObjects::One(object) => vec![object],
            KeyObjects::Many(objects) => objects,
        }
    }

    /// Removes the objects `remove` says so of, returning them, the others
    /// kept in order (maybe none: the caller removes the key then).
    pub fn remove_where(&mut self, mut remove: impl FnMut(&Stored) -> bool) -> Vec<Stored> {
        match self {
            KeyObjects::One(object) => {
                if !remove(object) {
                    return Vec::new();
                }
                match std::mem::replace(self, KeyObjects::Many(Vec::new())) {
                    KeyObjects::One(object) => vec![object],
                    KeyObjects::Many(_) => unreachable!("one object"),
                }
            }
            KeyObjects::Many(objects) => {
                let (removed, kept): (Vec<Stored>, Vec<Stored>) =
                    std::mem::take(objects).into_iter().partition(|o| remove(o));
                *objects = kept;
                removed
            }
        }
    }
}
