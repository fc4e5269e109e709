//! The run queues' hand-off and sleeping: `RunQueues` (the code of
//! erts-sched's `run_queue.rs`) over one loom `Mutex<VecDeque>` standing in
//! for the crossbeam deques (which have loom tests of their own), driven
//! by schedulers that loop as `Scheduler::run_loop` does.
//!
//! Properties: every pushed id is popped exactly once; no scheduler sleeps
//! forever while work is queued or after the program ended (loom fails a
//! run where every thread is blocked); deadlock detection fires only when
//! nothing is queued and nothing runs.
//!
//! Two schedulers: with three, two idle ones can each see an id counted
//! in `queued` that the third popped and has yet to uncount, and spin on
//! each other; a real scheduler's spin is as short as that window, but
//! loom's scheduling is unfair and never ends it.

use std::collections::VecDeque;
use std::sync::atomic::AtomicUsize as Tally;

use erts_sched::protocols::{Queues, RunQueues, Woken};
use loom::sync::atomic::{AtomicBool, Ordering::SeqCst};
use loom::sync::{Arc, Condvar, Mutex};

struct Fifo(Mutex<VecDeque<u64>>);

impl Queues for Fifo {
    type Local = ();

    fn push(&self, _local: Option<&()>, id: u64) {
        self.0.lock().unwrap().push_back(id);
    }

    fn pop(&self, _local: &()) -> Option<u64> {
        self.0.lock().unwrap().pop_front()
    }
}

/// How the work ends.
#[derive(Clone, Copy, PartialEq)]
enum End {
    /// Running the last id ends the program, as the first process's end
    /// does (`finish`: STOP, then `wake_all`).
    LastIdFinishes,
    /// Nothing ends it: once the work runs out, the schedulers must find
    /// the deadlock.
    WorkRunsOut,
}

/// What the processes do.
#[derive(Clone)]
struct Script {
    /// Running id `i` queues the ids `spawns[i]`, from whichever
    /// scheduler runs it; id 0 is queued first.
    spawns: Vec<Vec<u64>>,
    /// Ids an outside thread queues (as `run_queue::push(None, _)`).
    outside: Vec<u64>,
    end: End,
    /// Id 0's slice lasts until id 1 has run: its scheduler stays busy,
    /// so the other must be woken for id 1.
    long_first_slice: bool,
}

/// A script running. Bookkeeping uses std atomics: it is the observer,
/// not part of the protocol.
struct Program {
    queues: RunQueues<Fifo>,
    script: Script,
    stop: AtomicBool,
    /// An outside thread still has ids to push: like a pending timer, it
    /// may make work, so idle schedulers are not deadlocked.
    outside_pending: AtomicBool,
    runs: Vec<Tally>,
    finished_runs: Tally,
    deadlocks: Tally,
    second_ran: Mutex<bool>,
    second_ran_changed: Condvar,
}

impl Program {
    fn new(script: Script) -> Program {
        let fifo = Fifo(Mutex::new(VecDeque::new()));
        let runs = script.spawns.iter().map(|_| Tally::new(0)).collect();
        let program = Program {
            queues: RunQueues::new(fifo, SCHEDULERS),
            stop: AtomicBool::new(false),
            outside_pending: AtomicBool::new(!script.outside.is_empty()),
            script,
            runs,
            finished_runs: Tally::new(0),
            deadlocks: Tally::new(0),
            second_ran: Mutex::new(false),
            second_ran_changed: Condvar::new(),
        };
        // The first process, queued before the schedulers start.
        program.queues.push(None, 0);
        program
    }

    /// `Scheduler::run_loop`, without timers.
    fn run_loop(&self) {
        while !self.stop.load(SeqCst) {
            if let Some(id) = self.queues.pop(&()) {
                self.run(id);
                continue;
            }
            let outside_pending = || self.outside_pending.load(SeqCst);
            match self.queues.sleep(None, outside_pending) {
                Woken::Deadlock if !self.stop.load(SeqCst) => self.deadlocked(),
                Woken::Deadlock => {}
                // A sleep that ends at once (an id counted in `queued`
                // that another scheduler popped and has yet to uncount)
                // makes this loop spin until that one goes on: tell loom.
                Woken::Maybe => loom::thread::yield_now(),
            }
        }
    }

    fn run(&self, id: u64) {
        self.runs[id as usize].fetch_add(1, SeqCst);
        for &spawned in &self.script.spawns[id as usize] {
            self.queues.push(Some(&()), spawned);
        }
        if id == 0 && self.script.long_first_slice {
            let mut second_ran = self.second_ran.lock().unwrap();
            while !*second_ran {
                second_ran = self.second_ran_changed.wait(second_ran).unwrap();
            }
        }
        if id == 1 {
            *self.second_ran.lock().unwrap() = true;
            self.second_ran_changed.notify_all();
        }
        let finished = self.finished_runs.fetch_add(1, SeqCst) + 1;
        if self.script.end == End::LastIdFinishes && finished == self.script.spawns.len() {
            self.stop.store(true, SeqCst);
            self.queues.wake_all();
        }
    }

    /// The runtime stops with a fatal error here; the model checks the
    /// deadlock is real and ends the program the same way `finish` does.
    fn deadlocked(&self) {
        assert!(
            self.script.end == End::WorkRunsOut,
            "deadlock detected while the program could still finish"
        );
        assert_eq!(
            self.finished_runs.load(SeqCst),
            self.script.spawns.len(),
            "deadlock detected while work was queued or running"
        );
        self.deadlocks.fetch_add(1, SeqCst);
        self.stop.store(true, SeqCst);
        self.queues.wake_all();
    }

    fn check_after(&self) {
        for (id, runs) in self.runs.iter().enumerate() {
            assert_eq!(runs.load(SeqCst), 1, "id {id} ran once");
        }
        if self.script.end == End::WorkRunsOut {
            assert!(self.deadlocks.load(SeqCst) > 0, "the deadlock was found");
        }
    }
}

const SCHEDULERS: usize = 2;

/// Runs `script` on two schedulers (the model's thread and one more),
/// with an outside thread for its outside ids.
fn run(script: Script, preemptions: usize) {
    crate::check(Some(preemptions), move || {
        let program = Arc::new(Program::new(script.clone()));
        let other = {
            let program = program.clone();
            loom::thread::spawn(move || program.run_loop())
        };
        let pusher = (!script.outside.is_empty()).then(|| {
            let program = program.clone();
            loom::thread::spawn(move || {
                for &id in &program.script.outside {
                    program.queues.push(None, id);
                }
                program.outside_pending.store(false, SeqCst);
            })
        });
        program.run_loop();
        other.join().unwrap();
        if let Some(pusher) = pusher {
            pusher.join().unwrap();
        }
        program.check_after();
    });
}

/// The first process spawns two, one of which spawns a third: pushes from
/// both schedulers while the other sleeps or looks for work; the end of
/// the program reaches a scheduler about to sleep.
#[test]
fn no_lost_wakeup() {
    let script = Script {
        spawns: vec![vec![1, 2], vec![3], vec![], vec![]],
        outside: vec![],
        end: End::LastIdFinishes,
        long_first_slice: false,
    };
    run(script, 5);
}

/// The same work with no end: the deadlock is found, and only once all
/// work has run.
#[test]
fn deadlock_only_when_idle() {
    let script = Script {
        spawns: vec![vec![1, 2], vec![3], vec![], vec![]],
        outside: vec![],
        end: End::WorkRunsOut,
        long_first_slice: false,
    };
    run(script, 5);
}

/// A scheduler busy with a long slice spawns work: a sleeping scheduler
/// is woken for it.
#[test]
fn busy_scheduler_wakes_a_sleeper() {
    let script = Script {
        spawns: vec![vec![1], vec![2], vec![]],
        outside: vec![],
        end: End::LastIdFinishes,
        long_first_slice: true,
    };
    run(script, 5);
}

/// Ids pushed from outside the schedulers too, while they run and sleep.
/// Bounded lower: a scheduler can pop an outside id before the pusher
/// counts it, taking `queued` below zero (it wraps, briefly) so that both
/// schedulers spin until the pusher goes on, which loom, being unfair,
/// may postpone for ever.
#[test]
fn no_lost_wakeup_with_outside_pushes() {
    let script = Script {
        spawns: vec![vec![1], vec![], vec![], vec![]],
        outside: vec![2, 3],
        end: End::LastIdFinishes,
        long_first_slice: false,
    };
    run(script, 2);
}
