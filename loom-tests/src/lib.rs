//! Loom models of the runtime's concurrent structures (run queues, mailbox,
//! timer wheel, process table), added with the processes issue.
