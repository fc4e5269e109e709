//! Schedulers: one thread per core (`EARTS_SCHEDULERS` sets the count;
//! one on wasm32), each running processes a slice at a time (a reduction
//! budget) from its run queue, stealing from the others when idle and
//! sleeping when there is nothing to do. The program ends when its first
//! process (`main/1`) ends, as escript's does.
//!
//! Processes live in the shared table (`table`); everything one process
//! does to another (messages, exit signals, links, monitors) goes through
//! [`Scheduler::act_on`], which acts on the target at once when it is in
//! its slot and leaves the act pending while another scheduler runs it.

use std::cell::Cell;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use erts_core::{Atom, HeapFragment, Term};

use crate::exception::{Class, Exception};
use crate::links::Received;
use crate::names::names;
use crate::process::{ErlangFn, Process, Resume};
use crate::run_queue::{self, Woken};
use crate::table::{self, Applied, Occupant, Pending, PutBack, TABLE};
use crate::trampoline::{run_slice, Outcome, Slice};

/// The scheduler of one thread.
pub struct Scheduler {
    /// Its own run queue.
    local: run_queue::LocalQueue,
}

/// The id the next process gets.
static NEXT_ID: AtomicU64 = AtomicU64::new(0);
/// The first process's id.
static MAIN: AtomicU64 = AtomicU64::new(u64::MAX);
/// Set when the first process ended: every scheduler stops.
static STOP: AtomicBool = AtomicBool::new(false);
/// How the first process ended, and the process (whose heap holds the
/// reason), for the thread that started the program.
static FINISHED: Mutex<Option<(Outcome, Option<Box<Process>>)>> = Mutex::new(None);
/// The local queues of the schedulers not yet started.
static IDLE_WORKERS: Mutex<Vec<run_queue::LocalQueue>> = Mutex::new(Vec::new());

// SAFETY: the outcome's terms live in the process kept with it, and only
// the thread that takes it reads them.
unsafe impl Send for Outcome {}

thread_local! {
    /// The scheduler running on this thread, for the runtime functions
    /// compiled code calls (spawn, send).
    static CURRENT: Cell<*mut Scheduler> = const { Cell::new(std::ptr::null_mut()) };
}

/// Runs `f` with the scheduler of this thread.
///
/// # Safety
///
/// Called while a scheduler runs on this thread; `f` must not touch the
/// running process through the scheduler (it is borrowed by the caller).
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

/// How many schedulers to run: `EARTS_SCHEDULERS`, else one per core.
fn scheduler_count() -> usize {
    if cfg!(target_family = "wasm") {
        return 1;
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    match std::env::var("EARTS_SCHEDULERS") {
        Ok(text) => match text.trim().parse::<usize>() {
            Ok(count) if (1..=1024).contains(&count) => count,
            _ => crate::entry::fatal("EARTS_SCHEDULERS must be a number from 1 to 1024"),
        },
        Err(_) => cores,
    }
}

/// What acting on another process came to.
pub enum Acted {
    /// Done, or left pending for when its scheduler puts it back.
    Done,
    /// There is no such process.
    Gone,
}

impl Scheduler {
    /// The scheduler of the calling thread, which starts the others in
    /// [`Scheduler::run`].
    pub fn new() -> Scheduler {
        let mut workers = run_queue::setup(scheduler_count());
        let local = workers.remove(0);
        *IDLE_WORKERS.lock().unwrap_or_else(|p| p.into_inner()) = workers;
        Scheduler { local }
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
        let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
        let mut process = Process::new(function, arity, id)?;
        if let Some(group_leader) = group_leader {
            process.group_leader = group_leader;
        }
        setup(&mut process)?;
        let pid = process.pid;
        let birth = crate::birth::current();
        if birth.priority != crate::priorities::Priority::Normal {
            crate::priorities::set(id, birth.priority);
        }
        if let Some(parent) = birth.linked_to {
            process.links.insert(parent);
        }
        if let Some(monitor) = birth.monitored_by {
            process.monitors.watched_by.push(monitor);
        }
        table::insert(id, process);
        run_queue::push(Some(&self.local), id);
        Ok(pid)
    }

    /// Does `act` to process `id` (not the running one): now if it is in
    /// its slot, else when its scheduler puts it back.
    pub fn act_on(&mut self, id: u64, act: Pending) -> Acted {
        let local = &self.local;
        match TABLE.act_on(id, act, |id| run_queue::push(Some(local), id)) {
            table::Acted::Done => Acted::Done,
            table::Acted::Gone => Acted::Gone,
            table::Acted::Killed(process, reason) => {
                self.exit_process(id, process, reason);
                Acted::Done
            }
        }
    }

    /// Sends `message` to process `id` (not the running one).
    ///
    /// # Safety
    ///
    /// `message` is a valid term.
    pub unsafe fn deliver(&mut self, id: u64, message: Term) {
        // The message is copied under the receiver's slot lock: straight
        // into its heap when it is in its slot and has room.
        self.act_on(id, Pending::MessageFrom { message });
    }

    /// Whether process `id` is alive; the running process is.
    pub fn is_alive(&self, id: u64, running: &Process) -> bool {
        running.pid.as_local_pid() == Some(id) || table::contains(id)
    }

    /// The process registered as `name`.
    pub fn whereis(&self, name: Atom) -> Option<u64> {
        names().whereis(name)
    }

    /// Registers process `id` as `name`; false if the name is taken, the
    /// process has a name or is not alive.
    pub fn register(&mut self, name: Atom, id: u64, running: &Process) -> bool {
        if !names().register(name, id) {
            return false;
        }
        // A process ending leaves the table, then frees its name: checked
        // after registering, a name given to a process that ended
        // meanwhile is freed by one of the two.
        if !self.is_alive(id, running) {
            names().forget_process(id);
            return false;
        }
        true
    }

    pub fn unregister(&mut self, name: Atom) -> Option<u64> {
        names().unregister(name)
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
            return Some(names().alias(number).and_then(Term::local_pid));
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
        names().add_alias(number, id);
    }

    pub fn remove_alias(&mut self, number: u64) {
        names().remove_alias(number);
    }

    /// Every registered name.
    pub fn registered(&self) -> Vec<Atom> {
        names().registered()
    }

    /// Ends process `id`, out of the table's slot, with `reason` (a term of
    /// its heap): it leaves the table, and its monitors, links and tables
    /// hear of it. The first process's end ends the program.
    pub fn exit_process(&mut self, id: u64, mut process: Box<Process>, reason: Term) {
        let leftover = table::remove(id).map_or_else(Vec::new, |slot| slot.pending);
        // Its name and tables go before anyone hears of its end, as on
        // BEAM: a `'DOWN'` means they are gone.
        names().forget_process(id);
        crate::priorities::forget(id);
        crate::ets::owner_exited(self, process.pid);
        // Building the `'DOWN'` messages may collect: the reason moves.
        let reason = crate::monitors::process_ended(self, &mut process, reason);
        // SAFETY: the reason is a term of the process, out of the table.
        unsafe { crate::links::notify_links(self, &mut process, reason) };
        // Links and monitors that reached it too late hear of its end as
        // if it had never been.
        for pending in leftover {
            match pending {
                Pending::Link { other } => {
                    // SAFETY: `noproc` is an atom.
                    unsafe { crate::links::signal(self, other, process.pid, noproc()) };
                }
                Pending::Monitor { number, watcher } => {
                    crate::monitors::down_noproc(self, watcher, number, process.pid);
                }
                _ => {}
            }
        }
        if id == MAIN.load(Ordering::SeqCst) {
            finish(
                Outcome::Raised(Exception::new(Class::Exit, reason)),
                Some(process),
            );
        }
    }

    /// Runs the processes until process `main` ends; returns how it ended.
    /// The other schedulers run on threads of their own.
    pub fn run(&mut self, main: u64) -> Outcome {
        MAIN.store(main, Ordering::SeqCst);
        let workers = std::mem::take(&mut *IDLE_WORKERS.lock().unwrap_or_else(|p| p.into_inner()));
        for (n, local) in workers.into_iter().enumerate() {
            let started = std::thread::Builder::new()
                .name(format!("scheduler {}", n + 2))
                .stack_size(16 << 20)
                .spawn(move || {
                    crate::timers::set_own_shard(n + 1);
                    Scheduler { local }.run_loop()
                });
            if let Err(error) = started {
                crate::entry::fatal(&format!("starting a scheduler thread: {error}"));
            }
        }
        self.run_loop();
        let finished = FINISHED.lock().unwrap_or_else(|p| p.into_inner()).take();
        match finished {
            Some((outcome, process)) => {
                // The reason's terms live on the process's heap, which
                // lives as long as the program now.
                std::mem::forget(process);
                outcome
            }
            None => crate::entry::fatal("the schedulers stopped before the program ended"),
        }
    }

    /// Runs processes until the program ends.
    fn run_loop(&mut self) {
        CURRENT.with(|current| current.set(self));
        while !STOP.load(Ordering::SeqCst) {
            fire_due(self);
            if let Some(id) = run_queue::pop(&self.local) {
                self.run_one(id);
                continue;
            }
            if let Woken::Deadlock = run_queue::sleep(crate::timers::first_deadline()) {
                if !STOP.load(Ordering::SeqCst) {
                    crate::entry::fatal(
                        "deadlock: every process waits for a message that no process can send",
                    );
                }
            }
        }
        CURRENT.with(|current| current.set(std::ptr::null_mut()));
    }

    /// Runs process `id` for a slice, if it is still there.
    fn run_one(&mut self, id: u64) {
        let Some(mut process) = TABLE.take_to_run(id) else {
            return;
        };
        match run_slice(&mut process) {
            Slice::Yielded => self.put_back(id, process, true),
            Slice::Waiting => self.put_back(id, process, false),
            Slice::Ended(outcome) => {
                let exception = match &outcome {
                    Outcome::Raised(exception) => Some(exception),
                    Outcome::Returned => None,
                };
                let reason = crate::monitors::exit_reason(&mut process, exception);
                if id == MAIN.load(Ordering::SeqCst) {
                    // The program ends with it, as under escript: nobody
                    // else hears of it.
                    finish(outcome, Some(process));
                    return;
                }
                // BEAM reports processes that crash with an error (or an
                // uncaught throw), not those that exit.
                if exception.is_some_and(|e| !e.uncatchable && e.class != Class::Exit) {
                    crate::crash_report::report_crash(self, &process, reason);
                }
                self.exit_process(id, process, reason);
            }
        }
    }

    /// Puts process `id` back in its slot after a slice, doing what
    /// others left pending, and queues it again if it can go on.
    fn put_back(&mut self, id: u64, process: Box<Process>, yielded: bool) {
        let local = &self.local;
        match TABLE.put_back(id, process, yielded, |id| run_queue::push(Some(local), id)) {
            PutBack::Runnable | PutBack::Waits(None) => {}
            PutBack::Waits(Some(deadline)) => crate::timers::own_shard().add_receive(deadline, id),
            PutBack::Killed(process, reason) => self.exit_process(id, process, reason),
        }
    }
}

impl Occupant for Box<Process> {
    type Act = Pending;
    type Exit = Term;
    type Deadline = Instant;

    fn apply(&mut self, act: Pending) -> Applied<Term> {
        apply(self, act)
    }

    fn waiting(&self) -> Option<Option<Instant>> {
        self.waiting.map(|waiting| waiting.deadline)
    }

    fn keep(act: Pending) -> Option<Pending> {
        match act {
            // SAFETY: as in `apply`: the term is valid while the sender acts.
            Pending::MessageFrom { message } => unsafe { copied(message) }
                .map(|(message, fragment)| Pending::Message { message, fragment }),
            other => Some(other),
        }
    }

    fn time_out(&mut self) {
        if let Some(waiting) = self.waiting.take() {
            self.resume = Resume::At {
                point: waiting.on_timeout,
            };
        }
    }
}

/// Does `act` to `process`, which is in its slot (the caller holds the
/// lock) or just out of it.
fn apply(process: &mut Process, act: Pending) -> Applied<Term> {
    match act {
        Pending::Message { message, fragment } => {
            crate::mailbox::deliver_copied(process, message, fragment);
            wake(process)
        }
        Pending::MessageFrom { message } => {
            // SAFETY: the sender, running on this thread, keeps the term
            // valid while it acts.
            unsafe { crate::mailbox::deliver_from(process, message) };
            wake(process)
        }
        Pending::Exit {
            from,
            reason,
            fragment,
        } => {
            // SAFETY: the reason lives in the fragment, kept until after.
            match unsafe { crate::links::receive_exit(process, from, reason, fragment) } {
                Received::Dies(reason) => Applied::Kill(reason),
                Received::Queued => wake(process),
                Received::Ignored => Applied::Done,
            }
        }
        Pending::Link { other } => {
            process.links.insert(other);
            Applied::Done
        }
        Pending::Unlink { other } => {
            process.links.remove(&other);
            Applied::Done
        }
        Pending::Monitor { number, watcher } => {
            process.monitors.watched_by.push((number, watcher));
            Applied::Done
        }
        Pending::Unwatch { number } => {
            process.monitors.watched_by.retain(|m| m.0 != number);
            Applied::Done
        }
        Pending::ForgetMonitor { number } => {
            process.monitors.holding.retain(|m| m.0 != number);
            Applied::Done
        }
        Pending::GroupLeader { leader } => {
            process.group_leader = leader;
            Applied::Done
        }
    }
}

/// Makes `process` runnable if it waits in `receive` (a message came).
fn wake(process: &mut Process) -> Applied<Term> {
    match process.waiting.take() {
        Some(waiting) => {
            process.resume = Resume::At {
                point: waiting.on_message,
            };
            Applied::Woken
        }
        None => Applied::Done,
    }
}

/// Records how the first process ended and stops every scheduler.
fn finish(outcome: Outcome, process: Option<Box<Process>>) {
    *FINISHED.lock().unwrap_or_else(|p| p.into_inner()) = Some((outcome, process));
    STOP.store(true, Ordering::SeqCst);
    run_queue::wake_all();
}

fn noproc() -> Term {
    Term::atom(Atom::intern("noproc").expect("a short atom"))
}

/// `term` copied into a fragment of its own.
///
/// # Safety
///
/// `term` is valid.
pub unsafe fn copied(term: Term) -> Option<(Term, HeapFragment)> {
    // SAFETY: forwarded from the caller.
    let words = unsafe { erts_core::size_of_term(term) };
    let mut fragment = HeapFragment::with_capacity(words).ok()?;
    // SAFETY: as above; the fragment has room.
    let copy = unsafe { erts_core::copy_term(term, &mut fragment) }?;
    Some((copy, fragment))
}

/// Sends the messages of the timers that are due and ends the receives
/// whose timeout passed.
fn fire_due(scheduler: &mut Scheduler) {
    let now = Instant::now();
    if !crate::timers::maybe_due(now) {
        return;
    }
    let (timers, receives) = crate::timers::own_shard().take_due(now);
    for timer in timers {
        let Some(Some(pid)) = scheduler.destination(timer.destination) else {
            continue;
        };
        let id = pid.as_local_pid().expect("a local pid");
        // SAFETY: the message lives in the timer's fragment, kept until
        // the copy is made.
        unsafe { scheduler.deliver(id, timer.message) };
        drop(timer);
    }
    let local = &scheduler.local;
    for (deadline, id) in receives {
        TABLE.time_out(id, deadline, |id| run_queue::push(Some(local), id));
    }
}
