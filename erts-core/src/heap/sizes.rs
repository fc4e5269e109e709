//! The sequence of heap sizes, in words: Fibonacci numbers (13, 21, 34, …,
//! 233, 377, …) up to about a million words, then 20% growth per step, as
//! BEAM grows heaps. Growing along a fixed sequence keeps the number of
//! collections logarithmic in the heap size while wasting at most ~40%.

/// Above this size the sequence grows by 20% per step instead of φ.
const FIBONACCI_LIMIT: usize = 1 << 20;

/// The smallest size in the sequence that is at least `words`, or `None`
/// if no such size fits in `usize`.
pub(crate) fn heap_size_at_least(words: usize) -> Option<usize> {
    let (mut smaller, mut size) = (8usize, 13usize);
    while size < words {
        let next = if size < FIBONACCI_LIMIT {
            smaller + size
        } else {
            size.checked_add(size / 5)?
        };
        (smaller, size) = (size, next);
    }
    Some(size)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_follow_fibonacci_then_twenty_percent() {
        assert_eq!(heap_size_at_least(0), Some(13));
        assert_eq!(heap_size_at_least(14), Some(21));
        assert_eq!(heap_size_at_least(233), Some(233));
        assert_eq!(heap_size_at_least(234), Some(377));
        let big = heap_size_at_least(FIBONACCI_LIMIT + 1).unwrap();
        let bigger = heap_size_at_least(big + 1).unwrap();
        assert_eq!(bigger, big + big / 5);
        assert_eq!(heap_size_at_least(usize::MAX), None);
    }
}
