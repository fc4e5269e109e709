//! Shared off-heap binaries: the bytes behind refc binaries (ProcBins).
//!
//! A `SharedBinary` is an atomically reference-counted byte buffer that any
//! thread may read. Every ProcBin object on a heap, in a heap fragment or in
//! a literal area owns exactly one count, taken with [`SharedBinary::into_raw`]
//! or [`SharedBinary::retain_raw`] and given back with
//! [`SharedBinary::release_raw`] when the ProcBin dies (the heap's off-heap
//! list says which ProcBins exist). The bytes are freed when the last count
//! goes.
//!
//! **Writable binaries** (BEAM's trick for appending in a loop). A buffer
//! has a capacity and a count of bits *written*; every ProcBin and sub
//! binary over it covers only written bits, and each keeps its own size, so
//! a term never sees bits written after it was made. A buffer made by
//! [`SharedBinary::new_writable`] may have bits appended after its written
//! ones, into its spare capacity ([`SharedBinary::append_raw`]), as long as
//! it is writable: the append then costs only the new bits, and the
//! appending process makes a new, longer ProcBin over the same buffer.
//!
//! Invariants that make this safe:
//!
//! - The buffer never moves and never shrinks while the binary lives: a
//!   full buffer is not reallocated, the appender copies into a new,
//!   larger writable buffer instead. So bytes another term reads stay
//!   where they are.
//! - Bits below the written count never change; an append only writes the
//!   bits after it (and, in the partial last byte, only bits no term
//!   covers). Readers take slices of at most their ProcBin's size, which
//!   is at most the written bytes.
//! - A writable buffer belongs to one process: its ProcBins are all on
//!   that process's heap or heap fragments. Copying a ProcBin anywhere
//!   else (a message, a spawn argument, `persistent_term`) goes through
//!   [`crate::copy_term`], which makes the buffer read-only forever
//!   ([`SharedBinary::make_read_only_raw`]) before the copy can reach
//!   another thread. So while a buffer is writable only its owner's thread
//!   can read or write it, and once other threads can see it nobody writes
//!   it again. Its fields are atomics only because the type is `Sync`;
//!   `Relaxed` suffices, as the hand-over to another thread (a mailbox)
//!   synchronises.
//! - Appending through a term requires that the term's bits end exactly at
//!   the written count: if anything was appended through another term
//!   since (two appends to one accumulator), the second copies. So no term
//!   sees another's appended bits.

use std::ptr::NonNull;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;

/// The bytes of a shared binary. Kept behind a thin pointer so one word in a
/// ProcBin can refer to it.
pub struct BinaryBytes {
    /// The buffer: `capacity` bytes, the allocation of a `Vec<u8>`. Never
    /// moves while the binary lives. The first `written.div_ceil(8)` bytes
    /// are initialised; the rest may not be.
    data: NonNull<u8>,
    capacity: usize,
    /// Bits written: every term over this buffer lies within them. Only
    /// grows, and only while `writable`, by the owning process.
    written: AtomicU64,
    /// Whether the owning process may still append in place. Once false,
    /// never true again.
    writable: AtomicBool,
}

// SAFETY: the buffer is owned (freed in `drop`); bytes below `written` are
// never written again, and bytes above it are written only by the one
// thread that owns a writable buffer (see the module documentation).
unsafe impl Send for BinaryBytes {}
// SAFETY: as above.
unsafe impl Sync for BinaryBytes {}

impl Drop for BinaryBytes {
    fn drop(&mut self) {
        // SAFETY: `data` and `capacity` came from a `Vec<u8>` we took apart;
        // a length of 0 needs no initialised bytes (u8 has no destructor).
        drop(unsafe { Vec::from_raw_parts(self.data.as_ptr(), 0, self.capacity) });
    }
}

impl BinaryBytes {
    fn from_vec(bytes: Vec<u8>, written_bits: u64, writable: bool) -> BinaryBytes {
        debug_assert_eq!(bytes.len() as u64, written_bits.div_ceil(8));
        let mut bytes = std::mem::ManuallyDrop::new(bytes);
        BinaryBytes {
            // `Vec::as_mut_ptr` is never null (dangling when nothing is
            // allocated).
            data: NonNull::new(bytes.as_mut_ptr()).expect("a Vec's pointer is not null"),
            capacity: bytes.capacity(),
            written: AtomicU64::new(written_bits),
            writable: AtomicBool::new(writable),
        }
    }

    #[inline]
    fn written_bytes(&self) -> usize {
        self.written.load(Ordering::Relaxed).div_ceil(8) as usize
    }
}

/// A counted handle to a shared binary.
#[derive(Clone)]
pub struct SharedBinary(Arc<BinaryBytes>);

impl SharedBinary {
    /// A new shared, read-only binary holding `bytes`.
    pub fn new(mut bytes: Vec<u8>) -> SharedBinary {
        bytes.shrink_to_fit();
        let bits = bytes.len() as u64 * 8;
        SharedBinary(Arc::new(BinaryBytes::from_vec(bytes, bits, false)))
    }

    /// A new writable binary whose first `bits` bits are in `bytes`
    /// (`bits.div_ceil(8)` bytes, the bits after `bits` in the last byte
    /// zero); the vector's spare capacity is the room for appending in
    /// place.
    pub fn new_writable(bytes: Vec<u8>, bits: u64) -> SharedBinary {
        assert_eq!(bytes.len() as u64, bits.div_ceil(8), "bits and bytes");
        SharedBinary(Arc::new(BinaryBytes::from_vec(bytes, bits, true)))
    }

    /// A handle to the binary at `binary` that takes no count, so must not
    /// be dropped (clones take their own counts).
    ///
    /// # Safety
    ///
    /// `binary` must come from [`SharedBinary::into_raw`] and its binary must
    /// hold a count (a ProcBin's, say) for as long as the handle is used.
    #[inline]
    pub unsafe fn borrow_raw(binary: *const BinaryBytes) -> std::mem::ManuallyDrop<SharedBinary> {
        // SAFETY: the caller guarantees the pointee is alive; the handle is
        // never dropped, so it gives back no count it did not take.
        std::mem::ManuallyDrop::new(SharedBinary(unsafe { Arc::from_raw(binary) }))
    }

    /// The written bytes (the last may be partly written).
    #[inline]
    pub fn as_bytes(&self) -> &[u8] {
        // SAFETY: the written bytes are initialised and never change, and
        // the handle keeps the buffer alive.
        unsafe { std::slice::from_raw_parts(self.0.data.as_ptr(), self.0.written_bytes()) }
    }

    /// Bits written so far.
    #[inline]
    pub fn written_bits(&self) -> u64 {
        self.0.written.load(Ordering::Relaxed)
    }

    /// Bytes the buffer can hold in all.
    #[inline]
    pub fn capacity(&self) -> usize {
        self.0.capacity
    }

    /// Whether its owner may still append in place.
    #[inline]
    pub fn is_writable(&self) -> bool {
        self.0.writable.load(Ordering::Relaxed)
    }

    /// Whether `bits` more bits can be appended in place to a term whose
    /// bits end at `end_bit` of this binary: the binary is writable, the
    /// term's bits end where the written ones do (nothing was appended
    /// through another term since), and the spare capacity holds them.
    #[inline]
    pub fn can_append(&self, end_bit: u64, bits: u64) -> bool {
        let written = self.written_bits();
        self.is_writable()
            && end_bit == written
            && bits <= (self.0.capacity as u64 * 8).saturating_sub(written)
    }

    /// Appends the first `bits` bits of `bytes` after the written ones, if
    /// [`SharedBinary::can_append`] allows it (it returns false, writing
    /// nothing, otherwise). The bits after `bits` in `bytes`' last byte
    /// must be zero.
    ///
    /// # Safety
    ///
    /// The caller runs on the thread of the process that owns the binary
    /// (which holds `self`, so this is the process with its ProcBins), and
    /// no slice of the binary's bytes from byte `written_bits / 8` on is
    /// alive (`bytes` must not be one).
    pub unsafe fn append_raw(&self, end_bit: u64, bytes: &[u8], bits: u64) -> bool {
        if !self.can_append(end_bit, bits) {
            return false;
        }
        debug_assert!(bytes.len() as u64 >= bits.div_ceil(8));
        let shift = (end_bit % 8) as u32;
        let first = (end_bit / 8) as usize;
        let new_written = end_bit + bits;
        let last = new_written.div_ceil(8) as usize;
        // SAFETY: `first..last` lies inside the capacity (checked by
        // `can_append`); the buffer does not move. Only the caller's
        // thread can touch a writable buffer, and no reference to these
        // bytes is alive (the caller's contract), so raw writes are
        // exclusive. Byte `first` is initialised when `shift > 0` (it holds
        // written bits); the others are written before anything reads them.
        unsafe {
            let destination = self.0.data.as_ptr().add(first);
            if shift == 0 {
                std::ptr::copy_nonoverlapping(bytes.as_ptr(), destination, last - first);
            } else {
                // Keep the `shift` written bits of the partial byte, then
                // shift every new byte in after them.
                let mut carry = destination.read() & (0xffu8 << (8 - shift));
                for (index, byte) in bytes[..last - first - 1].iter().enumerate() {
                    destination.add(index).write(carry | byte >> shift);
                    carry = byte << (8 - shift);
                }
                let tail = bytes.get(last - first - 1).copied().unwrap_or(0);
                destination
                    .add(last - first - 1)
                    .write(carry | tail >> shift);
            }
        }
        self.0.written.store(new_written, Ordering::Relaxed);
        true
    }

    /// How many handles and ProcBins hold this binary.
    pub fn ref_count(&self) -> usize {
        Arc::strong_count(&self.0)
    }

    /// Gives up this handle's count to a raw pointer, for storing in a ProcBin.
    #[inline]
    pub fn into_raw(self) -> *const BinaryBytes {
        Arc::into_raw(self.0)
    }

    /// Takes one more count on the binary at `binary`, for a new ProcBin.
    ///
    /// # Safety
    ///
    /// `binary` must come from [`SharedBinary::into_raw`] and its binary must
    /// still hold at least one count.
    #[inline]
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
    #[inline]
    pub unsafe fn release_raw(binary: *const BinaryBytes) {
        // SAFETY: the caller owns one count on this live `Arc` pointer.
        unsafe { Arc::decrement_strong_count(binary) }
    }

    /// Makes the binary at `binary` read-only for good: called before a
    /// ProcBin of it is copied where another process may see it.
    ///
    /// # Safety
    ///
    /// As [`SharedBinary::retain_raw`].
    pub unsafe fn make_read_only_raw(binary: *const BinaryBytes) {
        // SAFETY: the caller guarantees the pointee is alive.
        unsafe { (*binary).writable.store(false, Ordering::Relaxed) }
    }

    /// The first `len` bytes of the binary at `binary`.
    ///
    /// # Safety
    ///
    /// `binary` must come from [`SharedBinary::into_raw`] and hold a count
    /// for at least `'a`, and `len` must be at most its written bytes (the
    /// size of a ProcBin over it is).
    #[inline]
    pub unsafe fn bytes_of_raw<'a>(binary: *const BinaryBytes, len: usize) -> &'a [u8] {
        // SAFETY: the caller guarantees the pointee lives for 'a.
        let binary = unsafe { &*binary };
        debug_assert!(len <= binary.written_bytes());
        // SAFETY: the first `len` bytes are written, initialised and never
        // change again; the buffer does not move while the binary lives.
        unsafe { std::slice::from_raw_parts(binary.data.as_ptr(), len) }
    }
}

impl std::fmt::Debug for SharedBinary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SharedBinary")
            .field("written_bits", &self.written_bits())
            .field("capacity", &self.capacity())
            .field("writable", &self.is_writable())
            .field("ref_count", &self.ref_count())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::SharedBinary;

    #[test]
    fn appends_whole_bytes_in_place_until_full() {
        let mut bytes = Vec::with_capacity(4);
        bytes.extend_from_slice(b"ab");
        let binary = SharedBinary::new_writable(bytes, 16);
        let capacity = binary.capacity() as u64 * 8;
        let before = binary.as_bytes().as_ptr();
        // SAFETY: this thread owns the binary; no slice of it is alive.
        assert!(unsafe { binary.append_raw(16, b"c", 8) });
        assert_eq!(binary.as_bytes(), b"abc");
        assert_eq!(
            binary.as_bytes().as_ptr(),
            before,
            "the buffer did not move"
        );
        // An append through a term that ends before the written bits (an
        // older accumulator) is refused.
        // SAFETY: as above.
        assert!(!unsafe { binary.append_raw(16, b"x", 8) });
        // As is one that does not fit.
        let too_many = vec![0; binary.capacity()];
        // SAFETY: as above.
        assert!(!unsafe { binary.append_raw(24, &too_many, capacity) });
        assert_eq!(binary.as_bytes(), b"abc");
    }

    #[test]
    fn appends_bits_after_a_partial_byte() {
        // 0b101 then 0b1_1110_0001 (9 bits) then 0b01 (2 bits).
        let binary = SharedBinary::new_writable(
            {
                let mut bytes = Vec::with_capacity(8);
                bytes.push(0b1010_0000);
                bytes
            },
            3,
        );
        // SAFETY: this thread owns the binary; no slice of it is alive.
        unsafe {
            assert!(binary.append_raw(3, &[0b1111_0000, 0b1000_0000], 9));
            assert!(binary.append_raw(12, &[0b0100_0000], 2));
        }
        assert_eq!(binary.written_bits(), 14);
        assert_eq!(binary.as_bytes(), [0b1011_1110, 0b0001_0100]);
    }

    #[test]
    fn read_only_binaries_refuse_appends() {
        let binary = SharedBinary::new(b"fixed".to_vec());
        // SAFETY: this thread owns the binary; no slice of it is alive.
        assert!(!unsafe { binary.append_raw(40, b"!", 8) });
        let writable = SharedBinary::new_writable(Vec::with_capacity(16), 0);
        let raw = writable.clone().into_raw();
        // SAFETY: `raw` holds the count just taken, released below.
        unsafe {
            SharedBinary::make_read_only_raw(raw);
            assert!(!writable.append_raw(0, b"!", 8));
            SharedBinary::release_raw(raw);
        }
        assert_eq!(writable.ref_count(), 1);
    }
}
