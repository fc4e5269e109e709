//! A bounds-checked reader over a byte slice that knows where that slice
//! sits in the file, so every error carries an absolute offset.

use super::error::{at, Res};

pub(crate) struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
    /// Offset of `bytes[0]` in the file.
    base: usize,
}

impl<'a> Cursor<'a> {
    pub fn new(bytes: &'a [u8], base: usize) -> Self {
        Cursor {
            bytes,
            pos: 0,
            base,
        }
    }

    /// Absolute file offset of the next byte.
    pub fn offset(&self) -> usize {
        self.base + self.pos
    }

    pub fn remaining(&self) -> usize {
        self.bytes.len() - self.pos
    }

    pub fn is_empty(&self) -> bool {
        self.remaining() == 0
    }

    pub fn rest(&self) -> &'a [u8] {
        &self.bytes[self.pos..]
    }

    pub fn take(&mut self, n: usize, what: &str) -> Res<&'a [u8]> {
        if n > self.remaining() {
            return at(
                self.offset(),
                format!("{what}: needs {n} bytes, {} left", self.remaining()),
            );
        }
        let slice = &self.bytes[self.pos..self.pos + n];
        self.pos += n;
        Ok(slice)
    }

    pub fn u8(&mut self, what: &str) -> Res<u8> {
        Ok(self.take(1, what)?[0])
    }

    pub fn u16(&mut self, what: &str) -> Res<u16> {
        let b = self.take(2, what)?;
        Ok(u16::from_be_bytes([b[0], b[1]]))
    }

    pub fn u32(&mut self, what: &str) -> Res<u32> {
        let b = self.take(4, what)?;
        Ok(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }

    pub fn i32(&mut self, what: &str) -> Res<i32> {
        Ok(self.u32(what)? as i32)
    }

    pub fn i64(&mut self, what: &str) -> Res<i64> {
        let b = self.take(8, what)?;
        Ok(i64::from_be_bytes(b.try_into().expect("took 8 bytes")))
    }

    /// A count of items that each take at least `min_item_size` bytes,
    /// rejected when the rest of the input cannot hold that many: this is
    /// what keeps a corrupt count from reserving unbounded memory.
    pub fn count(&mut self, min_item_size: usize, what: &str) -> Res<usize> {
        let offset = self.offset();
        let n = self.u32(what)? as usize;
        self.check_count(n, min_item_size, offset, what)?;
        Ok(n)
    }

    pub fn check_count(
        &self,
        n: usize,
        min_item_size: usize,
        offset: usize,
        what: &str,
    ) -> Res<()> {
        if n.saturating_mul(min_item_size) > self.remaining() {
            return at(
                offset,
                format!(
                    "{what}: {n} entries cannot fit in the {} bytes left",
                    self.remaining()
                ),
            );
        }
        Ok(())
    }
}
