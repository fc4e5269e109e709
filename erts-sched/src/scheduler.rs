//! One scheduler on the calling thread: the process table, a run queue
//! and the deadlines of receives that wait with a timeout. Processes run a
//! slice at a time (a reduction budget); the program ends when its first
//! process (`main/1`) ends, as escript's does. The multi-core schedulers
//! of the processes issue replace this; the process model stays.

use std::cell::Cell;
use std::collections::{BTreeSet, HashMap, VecDeque};
use std::time::Instant;

use erts_core::{Atom, Term};

use crate::process::{ErlangFn, Process, Resume};
use crate::trampoline::{run_slice, Outcome, Slice};

pub struct Scheduler {
    processes: HashMap<u64, Box<Process>>,
    run_queue: VecDeque<u64>,
    /// (deadline, process id) of processes waiting with a timeout.
    deadlines: BTreeSet<(Instant, u64)>,
    next_id: u64,
    /// Registered names (`register/2`).
    names: HashMap<Atom, u64>,
    pub timers: crate::timers::Timers,
}

thread_local! {
    /// The scheduler running on this thread, for the runtime functions
    /// compiled code calls (spawn, send).
    static CURRENT: Cell<*mut Scheduler> = const { Cell::new(std::ptr::null_mut()) };
}

/// Runs `f` with the scheduler of this thread.
///
/// # Safety
///
/// Called while [`Scheduler::run`] runs on this thread; `f` must not
/// touch the running process through the scheduler (it is borrowed by the
/// caller).
pub unsafe fn with_current<T>(f: impl FnOnce(&mut Scheduler) -> T) -> T {
    let scheduler = CURRENT.with(Cell::get);
    assert!(
        !scheduler.is_null(),
        "runtime functions run inside the scheduler"
    );
    // SAFETY: `run` set the pointer to a scheduler that outlives it, and
    // nothing else borrows the scheduler while a process runs.
    f(unsafe { &mut *scheduler })
}

impl Scheduler {
    pub fn new() -> Scheduler {
        Scheduler {
            processes: HashMap::new(),
            run_queue: VecDeque::new(),
            deadlines: BTreeSet::new(),
            next_id: 0,
            names: HashMap::new(),
            timers: crate::timers::Timers::default(),
        }
    }

    /// A new runnable process that will call `function`; `setup` puts its
    /// arguments in place (in its registers, built on its heap). It gets
    /// `group_leader`, or is its own.
    pub fn spawn(
        &mut self,
        function: ErlangFn,
        arity: u64,
        setup: impl FnOnce(&mut Process) -> Result<(), String>,
        group_leader: Option<Term>,
    ) -> Result<Term, String> {
        let id = self.next_id;
        let mut process = Process::new(function, arity, id)?;
        if let Some(group_leader) = group_leader {
            process.group_leader = group_leader;
        }
        setup(&mut process)?;
        self.next_id += 1;
        let pid = process.pid;
        self.processes.insert(id, process);
        self.run_queue.push_back(id);
        Ok(pid)
    }

    /// The process `id`, if it is alive.
    pub fn process(&mut self, id: u64) -> Option<&mut Process> {
        self.processes.get_mut(&id).map(|p| &mut **p)
    }

    /// Whether process `id` is alive; the running process is, though it
    /// is out of the table while it runs.
    pub fn is_alive(&self, id: u64, running: &Process) -> bool {
        running.pid.as_local_pid() == Some(id) || self.processes.contains_key(&id)
    }

    /// The process registered as `name`.
    pub fn whereis(&self, name: Atom) -> Option<u64> {
        self.names.get(&name).copied()
    }

    /// Registers process `id` as `name`; false if the name is taken.
    pub fn register(&mut self, name: Atom, id: u64) -> bool {
        if self.names.contains_key(&name) {
            return false;
        }
        self.names.insert(name, id);
        true
    }

    pub fn unregister(&mut self, name: Atom) -> Option<u64> {
        self.names.remove(&name)
    }

    /// The pid a message to `destination` goes to: a pid, a registered
    /// name, or `{Name, Node}` on this node. `None` (`badarg` for `!`)
    /// for a name nobody has or anything else.
    pub fn destination(&self, destination: Term) -> Option<Term> {
        if destination.is_local_pid() {
            return Some(destination);
        }
        let name = match destination.as_atom() {
            Some(name) => name,
            None => {
                // SAFETY: compiled code sends valid terms.
                let elements = unsafe { destination.tuple_elements() }?;
                match elements {
                    [name, node] if node.as_atom().map(Atom::name) == Some("nonode@nohost") => {
                        name.as_atom()?
                    }
                    _ => return None,
                }
            }
        };
        Term::local_pid(self.whereis(name)?)
    }

    /// Every registered name.
    pub fn registered(&self) -> Vec<Atom> {
        self.names.keys().copied().collect()
    }

    /// Makes a waiting process runnable after a message arrived.
    pub fn wake(&mut self, id: u64) {
        let Some(process) = self.processes.get_mut(&id) else {
            return;
        };
        if let Some(waiting) = process.waiting.take() {
            if let Some(deadline) = waiting.deadline {
                self.deadlines.remove(&(deadline, id));
            }
            process.resume = Resume::At {
                point: waiting.on_message,
            };
            self.run_queue.push_back(id);
        }
    }

    /// Runs the processes until process `main` ends; returns how it ended.
    pub fn run(&mut self, main: u64) -> Outcome {
        CURRENT.with(|current| current.set(self));
        let outcome = loop {
            let Some(id) = self.next_runnable() else {
                crate::entry::fatal(
                    "deadlock: every process waits for a message that no process can send",
                )
            };
            // The process leaves the table while it runs, so runtime
            // functions can reach the scheduler without touching it.
            let Some(mut process) = self.processes.remove(&id) else {
                continue;
            };
            match run_slice(&mut process) {
                Slice::Yielded => {
                    self.processes.insert(id, process);
                    self.run_queue.push_back(id);
                }
                Slice::Waiting => {
                    if let Some(deadline) = process.waiting.and_then(|w| w.deadline) {
                        self.deadlines.insert((deadline, id));
                    }
                    self.processes.insert(id, process);
                }
                Slice::Ended(outcome) => {
                    if id == main {
                        break outcome;
                    }
                    let exception = match &outcome {
                        Outcome::Raised(exception) => Some(exception),
                        Outcome::Returned => None,
                    };
                    if let Some(exception) = exception {
                        crate::entry::report_crash(process.pid, exception);
                    }
                    let reason = crate::monitors::exit_reason(&mut process, exception);
                    crate::monitors::process_ended(self, &mut process, reason);
                }
            }
        };
        CURRENT.with(|current| current.set(std::ptr::null_mut()));
        outcome
    }

    /// The next process to run: from the run queue, else the one whose
    /// receive timeout comes first (after sleeping until then).
    fn next_runnable(&mut self) -> Option<u64> {
        loop {
            self.fire_due_timers();
            if let Some(id) = self.run_queue.pop_front() {
                return Some(id);
            }
            let receive = self.deadlines.first().map(|(deadline, _)| *deadline);
            let timer = self.timers.next_deadline();
            let next = match (receive, timer) {
                (Some(r), Some(t)) => r.min(t),
                (Some(r), None) => r,
                (None, Some(t)) => t,
                (None, None) => return None,
            };
            let now = Instant::now();
            if next > now {
                std::thread::sleep(next - now);
            }
            if receive == Some(next) {
                let (_, id) = self.deadlines.pop_first()?;
                let Some(process) = self.processes.get_mut(&id) else {
                    continue;
                };
                let Some(waiting) = process.waiting.take() else {
                    continue;
                };
                process.resume = Resume::At {
                    point: waiting.on_timeout,
                };
                return Some(id);
            }
        }
    }

    /// Sends the messages of the timers that are due.
    fn fire_due_timers(&mut self) {
        if self.timers.next_deadline().is_none() {
            return;
        }
        let now = Instant::now();
        while let Some(timer) = self.timers.pop_due(now) {
            let Some(pid) = self.destination(timer.destination) else {
                continue;
            };
            let id = pid.as_local_pid().expect("a local pid");
            if let Some(receiver) = self.processes.get_mut(&id) {
                // SAFETY: the message lives in the timer's fragment, kept
                // until the copy is made.
                if unsafe { crate::mailbox::deliver(receiver, timer.message) }.is_ok() {
                    self.wake(id);
                }
            }
            drop(timer);
        }
    }
}
