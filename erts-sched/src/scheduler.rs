//! One scheduler on the calling thread: the process table, a run queue
//! and the deadlines of receives that wait with a timeout. Processes run a
//! slice at a time (a reduction budget); the program ends when its first
//! process (`main/1`) ends, as escript's does. The multi-core schedulers
//! of the processes issue replace this; the process model stays.

use std::cell::Cell;
use std::collections::{BTreeSet, HashMap, VecDeque};
use std::time::Instant;

use erts_core::{Atom, Term};

use crate::exception::{Class, Exception};
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
    /// Active aliases (`monitor/3` with `{alias, _}`, `alias/0,1`): the
    /// reference number and the process messages to it go to.
    aliases: HashMap<u64, u64>,
    pub timers: crate::timers::Timers,
    /// The first process, once an exit signal killed it, with its reason
    /// (the process kept so its heap holds the reason).
    main_killed: Option<(Box<Process>, Term)>,
    main: u64,
    /// The process running now, out of the table.
    running: Option<u64>,
    /// What other processes did to the running one while it ran, done
    /// once it is back in the table.
    deferred: Vec<Deferred>,
}

/// Something for the running process, done after its slice.
enum Deferred {
    /// A message, copied into a fragment of its own.
    Message {
        message: Term,
        _fragment: erts_core::HeapFragment,
    },
    /// An exit signal from `from`, the reason in the fragment.
    Signal {
        from: Term,
        reason: Term,
        _fragment: erts_core::HeapFragment,
    },
    /// Forget the link to process `other`.
    Unlink { other: u64 },
    /// Forget the monitor `number` it held.
    ForgetMonitor { number: u64 },
}

/// `term` copied into a fragment of its own.
///
/// # Safety
///
/// `term` is valid.
unsafe fn copied(term: Term) -> Option<(Term, erts_core::HeapFragment)> {
    // SAFETY: forwarded from the caller.
    let words = unsafe { erts_core::size_of_term(term) };
    let mut fragment = erts_core::HeapFragment::with_capacity(words).ok()?;
    // SAFETY: as above; the fragment has room.
    let copy = unsafe { erts_core::copy_term(term, &mut fragment) }?;
    Some((copy, fragment))
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
            aliases: HashMap::new(),
            timers: crate::timers::Timers::default(),
            main_killed: None,
            main: 0,
            running: None,
            deferred: Vec::new(),
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

    /// Sends `message` to process `id`: now, or after the slice when it is
    /// the running process.
    ///
    /// # Safety
    ///
    /// `message` is a valid term.
    pub unsafe fn deliver(&mut self, id: u64, message: Term) {
        if let Some(receiver) = self.processes.get_mut(&id) {
            // SAFETY: forwarded from the caller.
            if unsafe { crate::mailbox::deliver(receiver, message) }.is_ok() {
                self.wake(id);
            }
        } else if self.running == Some(id) {
            // SAFETY: forwarded from the caller.
            if let Some((message, fragment)) = unsafe { copied(message) } {
                self.deferred.push(Deferred::Message {
                    message,
                    _fragment: fragment,
                });
            }
        }
    }

    /// An exit signal for the running process `id`, handled after its
    /// slice; false when `id` is not the running process.
    ///
    /// # Safety
    ///
    /// `reason` is a valid term.
    pub unsafe fn defer_signal(&mut self, id: u64, from: Term, reason: Term) -> bool {
        if self.running != Some(id) {
            return false;
        }
        // SAFETY: forwarded from the caller.
        if let Some((reason, fragment)) = unsafe { copied(reason) } {
            self.deferred.push(Deferred::Signal {
                from,
                reason,
                _fragment: fragment,
            });
        }
        true
    }

    /// Process `id` forgets its link to `other` (after the slice, when it
    /// is the running process).
    pub fn forget_link(&mut self, id: u64, other: u64) {
        match self.processes.get_mut(&id) {
            Some(process) => {
                process.links.remove(&other);
            }
            None if self.running == Some(id) => self.deferred.push(Deferred::Unlink { other }),
            None => {}
        }
    }

    /// Process `id` forgets the monitor `number` it held.
    pub fn forget_monitor(&mut self, id: u64, number: u64) {
        match self.processes.get_mut(&id) {
            Some(process) => process.monitors.holding.retain(|m| m.0 != number),
            None if self.running == Some(id) => {
                self.deferred.push(Deferred::ForgetMonitor { number })
            }
            None => {}
        }
    }

    /// Does what was deferred for process `id`, now back in the table.
    fn run_deferred(&mut self, id: u64) {
        for deferred in std::mem::take(&mut self.deferred) {
            match deferred {
                // SAFETY: the message lives in its fragment, dropped after.
                Deferred::Message { message, _fragment } => unsafe { self.deliver(id, message) },
                Deferred::Signal {
                    from,
                    reason,
                    _fragment,
                } => {
                    // SAFETY: as above, for the reason.
                    unsafe { crate::links::signal(self, id, from, reason) }
                }
                Deferred::Unlink { other } => self.forget_link(id, other),
                Deferred::ForgetMonitor { number } => self.forget_monitor(id, number),
            }
        }
    }

    /// Takes process `id` out of the table (to end it).
    pub fn take(&mut self, id: u64) -> Option<Box<Process>> {
        self.processes.remove(&id)
    }

    /// Tells the monitors and links of `process`, out of the table, that
    /// it ended with `reason` (a term of its heap). The first process's
    /// end is kept for `run` to report.
    pub fn process_exited(&mut self, mut process: Box<Process>, reason: Term) {
        crate::monitors::process_ended(self, &mut process, reason);
        // SAFETY: the reason is a term of the process, out of the table.
        unsafe { crate::links::notify_links(self, &mut process, reason) };
        crate::ets::owner_exited(self, process.pid);
        if process.pid.as_local_pid() == Some(self.main) {
            self.main_killed = Some((process, reason));
        }
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
    /// name, `{Name, Node}` on this node, or an active alias (`Some(None)`:
    /// an inactive alias, where messages vanish). `None` (`badarg` for
    /// `!`) for a name nobody has or anything else.
    pub fn destination(&self, destination: Term) -> Option<Option<Term>> {
        if destination.is_local_pid() {
            return Some(Some(destination));
        }
        // SAFETY: compiled code sends valid terms.
        if let Some(number) = unsafe { crate::refs::number_of(destination) } {
            return Some(
                self.aliases
                    .get(&number)
                    .and_then(|id| Term::local_pid(*id)),
            );
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
        Term::local_pid(self.whereis(name)?).map(Some)
    }

    /// Makes reference `number` an alias of process `id`.
    pub fn add_alias(&mut self, number: u64, id: u64) {
        self.aliases.insert(number, id);
    }

    pub fn remove_alias(&mut self, number: u64) {
        self.aliases.remove(&number);
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
        self.main = main;
        let outcome = loop {
            if let Some((_, reason)) = &self.main_killed {
                break Outcome::Raised(Exception::new(Class::Exit, *reason));
            }
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
            self.running = Some(id);
            let slice = run_slice(&mut process);
            self.running = None;
            match slice {
                Slice::Yielded => {
                    self.processes.insert(id, process);
                    self.run_queue.push_back(id);
                    self.run_deferred(id);
                }
                Slice::Waiting => {
                    if let Some(deadline) = process.waiting.and_then(|w| w.deadline) {
                        self.deadlines.insert((deadline, id));
                    }
                    self.processes.insert(id, process);
                    self.run_deferred(id);
                }
                Slice::Ended(outcome) => {
                    // What was on its way to it goes nowhere.
                    self.deferred.clear();
                    if id == main {
                        break outcome;
                    }
                    let exception = match &outcome {
                        Outcome::Raised(exception) => Some(exception),
                        Outcome::Returned => None,
                    };
                    let reason = crate::monitors::exit_reason(&mut process, exception);
                    // BEAM reports processes that crash with an error (or
                    // an uncaught throw), not those that exit.
                    if exception.is_some_and(|e| !e.uncatchable && e.class != Class::Exit) {
                        crate::entry::report_crash(process.pid, reason);
                    }
                    self.process_exited(process, reason);
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
            let Some(Some(pid)) = self.destination(timer.destination) else {
                continue;
            };
            let id = pid.as_local_pid().expect("a local pid");
            // SAFETY: the message lives in the timer's fragment, kept
            // until the copy is made.
            unsafe { self.deliver(id, timer.message) };
            drop(timer);
        }
    }
}
