//! Loom models of the schedulers' concurrent protocols, over the very
//! code the runtime runs: `erts_sched::protocols` exists only when
//! erts-sched is built with `--cfg loom`, which puts loom's primitives
//! under its `sync` module. `scripts/test` runs them as
//!
//! ```text
//! RUSTFLAGS="--cfg loom" CARGO_TARGET_DIR="$CARGO_TARGET_DIR-loom" cargo test -p loom-tests
//! ```
//!
//! (`LOOM_MAX_PREEMPTIONS` widens or narrows the search.) Without
//! `--cfg loom` this crate is empty.
//!
//! - `run_queue`: hand-off and sleeping of the run queues.
//! - `slots`: the process table's slots (acts, pending acts, queueing).
//! - `timers`: cancelling against firing, stale receive deadlines.
#![cfg(loom)]

#[cfg(test)]
mod run_queue;
#[cfg(test)]
mod slots;
#[cfg(test)]
mod timers;

/// Checks `model` under every interleaving, or those with at most
/// `preemptions` preemptions (unless `LOOM_MAX_PREEMPTIONS` says
/// otherwise): bounded where the whole search would take more than
/// seconds on two cores.
#[cfg(test)]
fn check(preemptions: Option<usize>, model: impl Fn() + Sync + Send + 'static) {
    let mut builder = loom::model::Builder::new();
    if builder.preemption_bound.is_none() {
        builder.preemption_bound = preemptions;
    }
    let runs = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counted = runs.clone();
    builder.check(move || {
        counted.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        model();
    });
    // Shown with `--nocapture`: how much each bound explores.
    println!(
        "{} interleavings",
        runs.load(std::sync::atomic::Ordering::Relaxed)
    );
}
