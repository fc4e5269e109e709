//! The process slot protocol: `Table` (the code of erts-sched's `table.rs`
//! behind `Scheduler::act_on`, `run_one` and `put_back`) holding a model
//! process, which senders act on while a scheduler takes it out of its
//! slot, runs it and puts it back. The run queue is a loom
//! `Mutex<VecDeque>`.
//!
//! Properties: acts from one sender are applied in the order sent; a
//! message to a waiting process makes it runnable exactly once (its id is
//! in the queue once while `queued` is set, never otherwise, and a
//! process that is not queued has no message left to receive); an act
//! that reaches a process after an exit signal killed it is answered by
//! its end, never applied. Nothing is applied to a process while a
//! scheduler runs it by construction: `take_to_run` moves it out of the
//! slot and applying needs it there; the models check that what was sent
//! meanwhile is applied when it is put back.

use std::collections::VecDeque;
use std::sync::Mutex as Record;
use std::time::Instant;

use erts_sched::protocols::{Acted, Applied, Occupant, PutBack, Table};
use loom::sync::{Arc, Mutex};

/// What a sender does to the process; `seq` counts a sender's acts.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Act {
    Message { from: u64, seq: u32 },
    Link { from: u64, seq: u32 },
    Exit { from: u64, seq: u32 },
}

impl Act {
    fn sender(self) -> (u64, u32) {
        match self {
            Act::Message { from, seq } | Act::Link { from, seq } | Act::Exit { from, seq } => {
                (from, seq)
            }
        }
    }
}

/// A process reduced to what the protocol touches.
#[derive(Default)]
struct Proc {
    /// Every act applied to it, in order.
    applied: Vec<Act>,
    /// Messages delivered and not yet received.
    mailbox: VecDeque<Act>,
    received: Vec<Act>,
    /// As `Process::waiting`: in a receive, with its timeout.
    waiting: Option<Option<Instant>>,
}

impl Occupant for Proc {
    type Act = Act;
    type Exit = u64;
    type Deadline = Instant;

    /// As erts-sched's `apply`: a message wakes a waiting process, an exit
    /// signal kills it.
    fn apply(&mut self, act: Act) -> Applied<u64> {
        self.applied.push(act);
        match act {
            Act::Message { .. } => {
                self.mailbox.push_back(act);
                match self.waiting.take() {
                    Some(_) => Applied::Woken,
                    None => Applied::Done,
                }
            }
            Act::Link { .. } => Applied::Done,
            Act::Exit { from, .. } => Applied::Kill(from),
        }
    }

    fn waiting(&self) -> Option<Option<Instant>> {
        self.waiting
    }

    fn time_out(&mut self) {
        self.waiting = None;
    }
}

impl Proc {
    /// A slice: receives every message, then waits for more.
    fn run_slice(&mut self) {
        self.received.extend(self.mailbox.drain(..));
        self.waiting = Some(None);
    }
}

const ID: u64 = 1;

/// The table, the run queue, and what the model saw.
struct World {
    table: Table<Proc, Act>,
    queue: Mutex<VecDeque<u64>>,
    /// Acts answered by the process's end or by its absence.
    answered: Record<Vec<Act>>,
    /// The acts applied to the process by the time it ended.
    ended: Record<Option<Vec<Act>>>,
}

impl World {
    /// Process `ID` in its slot: waiting (not queued), or runnable
    /// (queued).
    fn new(waiting: bool) -> World {
        let world = World {
            table: Table::new(2),
            queue: Mutex::new(VecDeque::new()),
            answered: Record::new(Vec::new()),
            ended: Record::new(None),
        };
        let process = Proc {
            waiting: waiting.then_some(None),
            ..Proc::default()
        };
        world.table.insert(ID, process);
        match waiting {
            true => world.table.with(ID, |slot| slot.unwrap().queued = false),
            false => world.push(ID),
        }
        world
    }

    fn push(&self, id: u64) {
        self.queue.lock().unwrap().push_back(id);
    }

    /// As `Scheduler::act_on`.
    fn act_on(&self, act: Act) {
        match self.table.act_on(ID, act, |id| self.push(id)) {
            Acted::Done => {}
            Acted::Gone => self.answered.lock().unwrap().push(act),
            Acted::Killed(process, _) => self.exit_process(process),
        }
    }

    /// As `Scheduler::exit_process`: the slot goes, and what was left
    /// pending is answered by the end.
    fn exit_process(&self, process: Proc) {
        let leftover = self
            .table
            .remove(ID)
            .map_or_else(Vec::new, |slot| slot.pending);
        self.answered.lock().unwrap().extend(leftover);
        *self.ended.lock().unwrap() = Some(process.applied);
    }

    /// One turn of a scheduler: pops an id and runs it for a slice, as
    /// `run_one` and `put_back` do.
    fn run_one(&self) {
        let Some(id) = self.queue.lock().unwrap().pop_front() else {
            return;
        };
        let Some(mut process) = self.table.take_to_run(id) else {
            return;
        };
        let applied_before = process.applied.len();
        process.run_slice();
        assert_eq!(process.applied.len(), applied_before);
        match self.table.put_back(id, process, false, |id| self.push(id)) {
            PutBack::Runnable | PutBack::Waits(_) => {}
            PutBack::Killed(process, _) => self.exit_process(process),
        }
    }

    /// Runs whatever is queued until nothing is (one thread left).
    fn drain(&self) {
        while !self.queue.lock().unwrap().is_empty() {
            self.run_one();
        }
    }

    /// The queue and the slot agree: the id is queued once while
    /// `queued` is set and not at all otherwise; a process in its slot has
    /// nothing pending, and one not queued waits with nothing to receive.
    fn check_queued(&self) {
        let in_queue = self
            .queue
            .lock()
            .unwrap()
            .iter()
            .filter(|&&id| id == ID)
            .count();
        self.table.with(ID, |slot| {
            let Some(slot) = slot else {
                // Killed while queued: `run_one` skips the id.
                assert!(in_queue <= 1, "a process that ended is queued once at most");
                return;
            };
            let process = slot.process.as_ref().expect("no scheduler runs it now");
            assert!(slot.pending.is_empty(), "pending acts done at put back");
            assert_eq!(in_queue, usize::from(slot.queued), "queued once, or not");
            match slot.queued {
                // Which is why `act_on` finds the flag clear when a
                // message wakes a process: a process waits only out of
                // the queue.
                true => assert!(process.waiting.is_none(), "a queued process does not wait"),
                false => {
                    assert!(process.waiting.is_some(), "a process not queued waits");
                    assert!(process.mailbox.is_empty(), "a lost wake-up");
                }
            }
        });
    }

    /// Every act is applied or answered exactly once, a sender's in the
    /// order sent, and none after a kill.
    fn check_acts(&self, sent: &[Act]) {
        let applied = match self.ended.lock().unwrap().clone() {
            Some(applied) => applied,
            None => self.table.with(ID, |slot| {
                slot.unwrap().process.as_ref().unwrap().applied.clone()
            }),
        };
        if let Some(kill) = applied.iter().position(|a| matches!(a, Act::Exit { .. })) {
            assert_eq!(kill + 1, applied.len(), "nothing applied after a kill");
        }
        let answered = self.answered.lock().unwrap().clone();
        for act in sent {
            let times = applied
                .iter()
                .chain(&answered)
                .filter(|a| *a == act)
                .count();
            assert_eq!(times, 1, "{act:?} applied or answered once");
        }
        for sender in sent.iter().map(|act| act.sender().0) {
            let seqs: Vec<u32> = applied
                .iter()
                .map(|act| act.sender())
                .filter(|&(from, _)| from == sender)
                .map(|(_, seq)| seq)
                .collect();
            assert!(seqs.windows(2).all(|w| w[0] < w[1]), "send order: {seqs:?}");
        }
    }
}

fn sender(world: &Arc<World>, acts: Vec<Act>) -> loom::thread::JoinHandle<()> {
    let world = world.clone();
    loom::thread::spawn(move || {
        for act in acts {
            world.act_on(act);
        }
    })
}

/// Two senders message a waiting process while a scheduler may run it:
/// it is queued exactly once per wake-up and receives every message.
#[test]
fn message_to_waiting_process_queues_it_once() {
    crate::check(None, || {
        let world = Arc::new(World::new(true));
        let first = vec![
            Act::Message { from: 10, seq: 0 },
            Act::Message { from: 10, seq: 1 },
        ];
        let second = vec![Act::Message { from: 20, seq: 0 }];
        let senders = [
            sender(&world, first.clone()),
            sender(&world, second.clone()),
        ];
        world.run_one();
        for handle in senders {
            handle.join().unwrap();
        }
        world.check_queued();
        world.drain();
        world.check_queued();
        let sent: Vec<Act> = first.iter().chain(&second).copied().collect();
        world.check_acts(&sent);
        world.table.with(ID, |slot| {
            let received = &slot.unwrap().process.as_ref().unwrap().received;
            assert_eq!(received.len(), sent.len(), "every message received");
        });
    });
}

/// Acts sent while the process runs are left pending and done at put
/// back, mixed with acts done directly, in each sender's order.
#[test]
fn acts_keep_send_order_across_put_back() {
    crate::check(None, || {
        let world = Arc::new(World::new(false));
        let first = vec![
            Act::Link { from: 10, seq: 0 },
            Act::Message { from: 10, seq: 1 },
            Act::Link { from: 10, seq: 2 },
        ];
        let second = vec![Act::Message { from: 20, seq: 0 }];
        let senders = [
            sender(&world, first.clone()),
            sender(&world, second.clone()),
        ];
        world.run_one();
        for handle in senders {
            handle.join().unwrap();
        }
        world.check_queued();
        let sent: Vec<Act> = first.iter().chain(&second).copied().collect();
        world.check_acts(&sent);
    });
}

/// An exit signal kills the process, directly or at put back: the acts
/// after it are answered by its end (`exit_process`) or find it gone.
#[test]
fn acts_after_a_kill_are_answered_by_the_end() {
    crate::check(None, || {
        let world = Arc::new(World::new(false));
        let first = vec![Act::Exit { from: 10, seq: 0 }];
        let second = vec![
            Act::Message { from: 20, seq: 0 },
            Act::Link { from: 20, seq: 1 },
        ];
        let senders = [
            sender(&world, first.clone()),
            sender(&world, second.clone()),
        ];
        world.run_one();
        for handle in senders {
            handle.join().unwrap();
        }
        world.check_queued();
        world.drain();
        let sent: Vec<Act> = first.iter().chain(&second).copied().collect();
        world.check_acts(&sent);
        assert!(
            world.ended.lock().unwrap().is_some(),
            "the exit signal killed it"
        );
    });
}
