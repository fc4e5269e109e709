//! Timers against cancelling, and receive deadlines against messages:
//! `TimerService` (the code of erts-sched's `timers.rs`) with the firing
//! loop of `fire_due` (mirrored here: take what is due under the lock,
//! deliver after it), `cancel` as `cancel_timer` calls it, and `Table`'s
//! `time_out` and `put_back` for receives (as in the `slots` models).
//!
//! Properties: a timer is delivered at most once, and `cancel` finds it
//! (so `cancel_timer` returns the time left) exactly when it is never
//! delivered; the first deadline published without the lock says whether
//! anything is pending once the threads are done; a stale receive
//! deadline (the process was woken by a message) never times out a later
//! receive, and a receive that still waits when its deadline is taken
//! (its process was running) times out all the same.

use std::collections::VecDeque;
use std::sync::Mutex as Record;
use std::time::{Duration, Instant};

use erts_sched::protocols::{Acted, Applied, Occupant, PutBack, Table, TimerService};
use loom::sync::{Arc, Mutex};

const TIMER: u64 = 7;

/// `fire_due`'s timer half: what is due goes out of the table under the
/// lock and is delivered after.
fn fire_timers(service: &TimerService<u64>, now: Instant, delivered: &Record<Vec<u64>>) {
    if !service.maybe_due(now) {
        return;
    }
    let (timers, _receives) = service.lock().take_due(now);
    for timer in timers {
        delivered.lock().unwrap().push(timer);
    }
}

/// Two schedulers fire a due timer while a process cancels it.
#[test]
fn cancel_or_deliver_exactly_once() {
    crate::check(None, || {
        let start = Instant::now();
        let deadline = start + Duration::from_millis(1);
        let service = Arc::new(TimerService::new(start));
        service.lock().timers.insert(TIMER, deadline, TIMER);
        let delivered = Arc::new(Record::new(Vec::new()));
        let firing: Vec<_> = (0..2)
            .map(|_| {
                let (service, delivered) = (service.clone(), delivered.clone());
                loom::thread::spawn(move || fire_timers(&service, deadline, &delivered))
            })
            .collect();
        let cancelled = service.lock().timers.cancel(TIMER);
        for handle in firing {
            handle.join().unwrap();
        }
        let times = delivered.lock().unwrap().len();
        assert!(times <= 1, "delivered at most once");
        match cancelled {
            Some(found) => {
                assert_eq!(found, deadline);
                assert_eq!(times, 0, "a cancelled timer is never delivered");
            }
            None => assert_eq!(times, 1, "a timer cancel missed was delivered"),
        }
        assert!(!service.any_pending());
    });
}

/// Timers added and fired from several threads: once they are done, the
/// published first deadline agrees with the table.
#[test]
fn first_deadline_follows_the_table() {
    crate::check(None, || {
        let start = Instant::now();
        let due = start + Duration::from_millis(1);
        let later = start + Duration::from_millis(2);
        let service = Arc::new(TimerService::new(start));
        let delivered = Arc::new(Record::new(Vec::new()));
        let adders: Vec<_> = [(1, due), (2, later)]
            .into_iter()
            .map(|(number, deadline)| {
                let service = service.clone();
                loom::thread::spawn(move || {
                    service.lock().timers.insert(number, deadline, number);
                })
            })
            .collect();
        fire_timers(&service, due, &delivered);
        for handle in adders {
            handle.join().unwrap();
        }
        let delivered = delivered.lock().unwrap().clone();
        assert!(
            delivered.iter().all(|&number| number == 1),
            "only the due one"
        );
        let expected = match delivered.is_empty() {
            true => Some(due),
            false => Some(later),
        };
        assert_eq!(service.first_deadline(), expected);
    });
}

/// A process whose receives have the given deadlines, one after another.
struct Receiver {
    deadlines: Vec<Instant>,
    /// Whether a message ends the receive (else it waits on in it).
    messages_match: bool,
    /// The receive in progress.
    receive: usize,
    /// As `Process::waiting`.
    waiting: Option<Option<Instant>>,
    /// Messages not yet looked at.
    new_messages: usize,
    /// The receives that timed out, in order.
    timed_out: Vec<usize>,
    /// Resumes at the timeout.
    on_timeout: bool,
}

impl Receiver {
    fn new(deadlines: Vec<Instant>, messages_match: bool) -> Receiver {
        let mut receiver = Receiver {
            deadlines,
            messages_match,
            receive: 0,
            waiting: None,
            new_messages: 0,
            timed_out: Vec::new(),
            on_timeout: false,
        };
        receiver.wait();
        receiver
    }

    fn wait(&mut self) {
        self.waiting = Some(self.deadlines.get(self.receive).copied());
    }

    /// A slice: a timeout or a matching message ends the receive, and the
    /// next one starts; a message that does not match leaves it waiting
    /// in the same receive, with the same deadline.
    fn run_slice(&mut self) {
        let matched = self.messages_match && self.new_messages > 0;
        self.new_messages = 0;
        if std::mem::take(&mut self.on_timeout) || matched {
            self.receive += 1;
        }
        self.wait();
    }
}

impl Occupant for Receiver {
    type Act = ();
    type Exit = ();
    type Deadline = Instant;

    fn apply(&mut self, _message: ()) -> Applied<()> {
        self.new_messages += 1;
        match self.waiting.take() {
            Some(_) => Applied::Woken,
            None => Applied::Done,
        }
    }

    fn waiting(&self) -> Option<Option<Instant>> {
        self.waiting
    }

    fn time_out(&mut self) {
        self.waiting = None;
        self.timed_out.push(self.receive);
        self.on_timeout = true;
    }
}

const ID: u64 = 1;

struct World {
    table: Table<Receiver, ()>,
    queue: Mutex<VecDeque<u64>>,
    service: TimerService<u64>,
}

impl World {
    /// The receiver waits in its slot, its first deadline registered.
    fn new(start: Instant, receiver: Receiver) -> World {
        let first = receiver.deadlines[0];
        let world = World {
            table: Table::new(1),
            queue: Mutex::new(VecDeque::new()),
            service: TimerService::new(start),
        };
        world.table.insert(ID, receiver);
        world.table.with(ID, |slot| slot.unwrap().queued = false);
        world.service.lock().add_receive(first, ID);
        world
    }

    fn push(&self, id: u64) {
        self.queue.lock().unwrap().push_back(id);
    }

    /// `fire_due`'s receive half.
    fn fire_receives(&self, now: Instant) {
        if !self.service.maybe_due(now) {
            return;
        }
        let (_timers, receives) = self.service.lock().take_due(now);
        for (deadline, id) in receives {
            self.table.time_out(id, deadline, |id| self.push(id));
        }
    }

    fn send(&self) {
        match self.table.act_on(ID, (), |id| self.push(id)) {
            Acted::Done => {}
            Acted::Gone | Acted::Killed(..) => unreachable!("it never ends"),
        }
    }

    /// `run_one` and `put_back`, which registers the deadline of the
    /// receive it waits in; false if nothing was queued.
    fn run_one(&self) -> bool {
        let Some(id) = self.queue.lock().unwrap().pop_front() else {
            return false;
        };
        let mut process = self.table.take_to_run(id).unwrap();
        process.run_slice();
        match self.table.put_back(id, process, false, |id| self.push(id)) {
            PutBack::Waits(Some(deadline)) => self.service.lock().add_receive(deadline, id),
            PutBack::Waits(None) | PutBack::Runnable => {}
            PutBack::Killed(..) => unreachable!("it never ends"),
        }
        true
    }

    /// Fires and runs until nothing is left to do at `now`.
    fn settle(&self, now: Instant) {
        loop {
            self.fire_receives(now);
            if !self.run_one() {
                break;
            }
        }
    }

    fn timed_out(&self) -> Vec<usize> {
        self.table.with(ID, |slot| {
            slot.unwrap().process.as_ref().unwrap().timed_out.clone()
        })
    }
}

/// Runs `world` with a sender, a scheduler firing at `now` and this
/// thread scheduling, then settles at `now`.
fn race(world: World, now: Instant) -> Arc<World> {
    let world = Arc::new(world);
    let sender = {
        let world = world.clone();
        loom::thread::spawn(move || world.send())
    };
    let firing = {
        let world = world.clone();
        loom::thread::spawn(move || world.fire_receives(now))
    };
    world.run_one();
    sender.join().unwrap();
    firing.join().unwrap();
    world.settle(now);
    world
}

/// The first receive's deadline passes as a message ends it and the
/// process waits in its next receive (a later deadline): the stale entry
/// never times that one out.
#[test]
fn stale_deadline_never_times_out_a_later_receive() {
    crate::check(None, || {
        let start = Instant::now();
        let first = start + Duration::from_millis(1);
        let second = start + Duration::from_millis(2);
        let world = World::new(start, Receiver::new(vec![first, second], true));
        let world = race(world, first);
        let timed_out = world.timed_out();
        assert!(
            timed_out.iter().all(|&receive| receive == 0),
            "{timed_out:?}"
        );
    });
}

/// A message that does not match wakes the process as its deadline
/// passes: whether the deadline is taken while it runs or not, its
/// receive times out, once.
#[test]
fn deadline_taken_while_running_still_times_out() {
    crate::check(None, || {
        let start = Instant::now();
        let deadline = start + Duration::from_millis(1);
        let world = World::new(start, Receiver::new(vec![deadline], false));
        let world = race(world, deadline);
        assert_eq!(world.timed_out(), vec![0]);
    });
}
