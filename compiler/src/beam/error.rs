//! The one error a BEAM file can produce: where it is malformed, and how.

use std::fmt;

use super::ChunkId;

/// A BEAM file that cannot be read: the file, the chunk (if the problem is
/// inside one), the byte offset from the start of the file, and what is
/// wrong there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed {
    pub file: String,
    pub chunk: Option<ChunkId>,
    pub offset: usize,
    pub what: String,
}

impl fmt::Display for Malformed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.chunk {
            Some(chunk) => write!(
                f,
                "{}: chunk `{}`, byte {:#x}: {}",
                self.file, chunk, self.offset, self.what
            ),
            None => write!(f, "{}: byte {:#x}: {}", self.file, self.offset, self.what),
        }
    }
}

impl std::error::Error for Malformed {}

/// An error found inside a chunk, before the file name is attached: the
/// absolute byte offset and the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct At {
    pub offset: usize,
    pub what: String,
}

pub(crate) type Res<T> = Result<T, At>;

pub(crate) fn at<T>(offset: usize, what: impl Into<String>) -> Res<T> {
    Err(At {
        offset,
        what: what.into(),
    })
}
