//! Processes, mailboxes and signals, timers, the schedulers and the ABI that
//! compiled code calls.
//!
//! Empty until the codegen and processes issues: see `ARCHITECTURE.md` for
//! what lands here and what it may depend on.
