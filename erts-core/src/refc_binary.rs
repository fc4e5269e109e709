//! Shared off-heap binaries: the bytes behind refc binaries (ProcBins).
//!
//! A `SharedBinary` is an atomically reference-counted byte buffer that any
//! thread may read. Every ProcBin object on a heap, in a heap fragment or in
//! a literal area owns exactly one count, taken with [`SharedBinary::into_raw`]
//! or [`SharedBinary::retain_raw`] and given back with
//! [`SharedBinary::release_raw`] when the ProcBin dies (the heap's off-heap
//! list says which ProcBins exist). The bytes are freed when the last count
//! goes.

use std::sync::Arc;

/// The bytes of a shared binary. Kept behind a thin pointer so one word in a
/// ProcBin can refer to it.
pub struct BinaryBytes {
    bytes: Box<[u8]>,
}

/// A counted handle to a shared, immutable binary.
#[derive(Clone)]
pub struct SharedBinary(Arc<BinaryBytes>);

impl SharedBinary {
    /// A new shared binary holding `bytes`.
    pub fn new(bytes: Vec<u8>) -> SharedBinary {
        SharedBinary(Arc::new(BinaryBytes {
            bytes: bytes.into_boxed_slice(),
        }))
    }

    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0.bytes
    }

    /// How many handles and ProcBins hold this binary.
    pub fn ref_count(&self) -> usize {
        Arc::strong_count(&self.0)
    }

    /// Gives up this handle's count to a raw pointer, for storing in a ProcBin.
    pub fn into_raw(self) -> *const BinaryBytes {
        Arc::into_raw(self.0)
    }

    /// Takes one more count on the binary at `binary`, for a new ProcBin.
    ///
    /// # Safety
    ///
    /// `binary` must come from [`SharedBinary::into_raw`] and its binary must
    /// still hold at least one count.
    pub unsafe fn retain_raw(binary: *const BinaryBytes) {
        // SAFETY: the caller guarantees `binary` is a live `Arc` pointer.
        unsafe { Arc::increment_strong_count(binary) }
    }

    /// Gives back the count a dead ProcBin held, freeing the bytes at zero.
    ///
    /// # Safety
    ///
    /// `binary` must come from [`SharedBinary::into_raw`] or have been passed
    /// to [`SharedBinary::retain_raw`], and that count must not be released
    /// twice.
    pub unsafe fn release_raw(binary: *const BinaryBytes) {
        // SAFETY: the caller owns one count on this live `Arc` pointer.
        unsafe { Arc::decrement_strong_count(binary) }
    }

    /// The bytes of the binary at `binary`.
    ///
    /// # Safety
    ///
    /// `binary` must come from [`SharedBinary::into_raw`] and hold a count
    /// for at least `'a`.
    pub unsafe fn bytes_of_raw<'a>(binary: *const BinaryBytes) -> &'a [u8] {
        // SAFETY: the caller guarantees the pointee lives for 'a; it is never
        // mutated after creation.
        unsafe { &(*binary).bytes }
    }
}

impl std::fmt::Debug for SharedBinary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SharedBinary")
            .field("len", &self.0.bytes.len())
            .field("ref_count", &self.ref_count())
            .finish()
    }
}
