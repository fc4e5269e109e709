//! The reachability walk over functions.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

use anyhow::{bail, Context, Result};

use super::search::SearchPath;
use super::{is_bif, is_runtime_function, Mfa};
use crate::beam::{Instr, Label, Module, Operand, Term};

#[derive(Debug, Clone, Default)]
pub struct LinkOptions {
    /// Functions to start from (the entry `main/1`, functions named on the
    /// command line). `on_load` functions of linked modules are added.
    pub entries: Vec<Mfa>,
    /// Modules kept whole, for calls the walk cannot see.
    pub keep_modules: Vec<String>,
    /// The modules the program was built from: every export of theirs is
    /// reached, as any may be called by a name known only at run time
    /// (`gen_server:start(?MODULE, ...)` without a `-behaviour`
    /// attribute, `apply`, `spawn/3`).
    pub program_modules: Vec<String>,
    /// Turn calls to missing modules and functions into run-time `undef`
    /// instead of an error.
    pub allow_undefined: bool,
}

/// A module and which of its functions are reachable.
#[derive(Debug)]
pub struct LinkedModule {
    pub module: Module,
    /// Indexes into `module.functions`.
    pub functions: BTreeSet<usize>,
}

/// The linked program: the modules with their reachable functions, and the
/// calls that lead nowhere (only with `allow_undefined`).
#[derive(Debug)]
pub struct Program {
    pub modules: BTreeMap<String, LinkedModule>,
    pub undefined: Vec<Undefined>,
    /// The modules given as files (the program's own), as opposed to those
    /// found on the search path.
    pub roots: BTreeSet<String>,
}

impl Program {
    pub fn function_count(&self) -> usize {
        self.modules.values().map(|m| m.functions.len()).sum()
    }
}

/// A call to a function the program does not have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undefined {
    pub mfa: Mfa,
    pub needed_by: Mfa,
    pub reason: UndefinedReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UndefinedReason {
    NoSuchModule,
    NotExported,
}

impl fmt::Display for Undefined {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.reason {
            UndefinedReason::NoSuchModule => {
                write!(
                    f,
                    "module `{}` not found (needed by {} for {})",
                    self.mfa.module, self.needed_by, self.mfa
                )
            }
            UndefinedReason::NotExported => {
                write!(
                    f,
                    "function {} is not exported (needed by {})",
                    self.mfa, self.needed_by
                )
            }
        }
    }
}

/// Links `roots` (modules given as files, which take precedence over any
/// of the same name on the search path) and what they reach.
pub fn link(
    search: &SearchPath,
    root_modules: Vec<Module>,
    options: &LinkOptions,
) -> Result<Program> {
    let roots = &root_modules;
    let mut walk = Walk {
        search,
        modules: BTreeMap::new(),
        indexes: HashMap::new(),
        queue: Vec::new(),
        undefined: Vec::new(),
    };
    let roots = roots.iter().map(|m| m.name().to_string()).collect();
    for module in root_modules {
        let whole = options.program_modules.iter().any(|m| m == module.name());
        walk.add_module(module, whole);
    }
    for name in &options.keep_modules {
        if !walk.load(name)? {
            bail!("module `{name}` (kept with --keep) not found");
        }
        let n = walk.modules[name.as_str()].module.functions.len();
        for index in 0..n {
            walk.reach(name, index);
        }
    }
    for entry in &options.entries {
        match walk.resolve_export(entry)? {
            Ok(index) => walk.reach(&entry.module, index),
            Err(reason) => bail!(
                "{}",
                Undefined {
                    mfa: entry.clone(),
                    needed_by: entry.clone(),
                    reason
                }
            ),
        }
    }
    while let Some((module, index)) = walk.queue.pop() {
        walk.scan(&module, index)?;
    }
    if !options.allow_undefined && !walk.undefined.is_empty() {
        let list: Vec<String> = walk.undefined.iter().map(|u| u.to_string()).collect();
        bail!(
            "undefined functions (use --allow-undefined to make them raise `undef` at run time):\n  {}",
            list.join("\n  ")
        );
    }
    // earts' own modules that nothing reached (the logger's, in a program
    // that does not log) are left out.
    walk.modules
        .retain(|_, linked| !linked.functions.is_empty());
    Ok(Program {
        modules: walk.modules,
        undefined: walk.undefined,
        roots,
    })
}

/// Per-module lookups built once.
struct ModuleIndex {
    /// Entry label → function index.
    by_entry: HashMap<Label, usize>,
    /// (name, arity) → function index, for exported functions only.
    exports: HashMap<(String, u32), usize>,
}

struct Walk<'a> {
    search: &'a SearchPath,
    modules: BTreeMap<String, LinkedModule>,
    indexes: HashMap<String, ModuleIndex>,
    /// Reached functions not yet scanned.
    queue: Vec<(String, usize)>,
    undefined: Vec<Undefined>,
}

impl Walk<'_> {
    /// Adds `module`, with all its exports reached when `every_export`
    /// (see [`LinkOptions::program_modules`]).
    fn add_module(&mut self, module: Module, every_export: bool) {
        let name = module.name().to_string();
        let by_entry = module
            .functions
            .iter()
            .enumerate()
            .map(|(i, f)| (f.entry, i))
            .collect::<HashMap<_, _>>();
        let exports: HashMap<(String, u32), usize> = module
            .exports
            .iter()
            .filter_map(|e| {
                Some((
                    (module.atom(e.function).to_string(), e.arity),
                    *by_entry.get(&e.label)?,
                ))
            })
            .collect();
        let on_load = on_load_function(&module);
        let implied: Vec<usize> = if every_export {
            let callable = exports
                .iter()
                .filter(|((name, _), _)| name != "module_info");
            let mut all: Vec<usize> = callable.map(|(_, index)| *index).collect();
            all.sort_unstable();
            all
        } else {
            implied_exports(&module, &exports)
        };
        self.indexes
            .insert(name.clone(), ModuleIndex { by_entry, exports });
        self.modules.insert(
            name.clone(),
            LinkedModule {
                module,
                functions: BTreeSet::new(),
            },
        );
        if let Some(index) = on_load {
            self.reach(&name, index);
        }
        for index in implied {
            self.reach(&name, index);
        }
    }

    /// Loads module `name` from the search path unless it is loaded;
    /// false when no directory has it.
    fn load(&mut self, name: &str) -> Result<bool> {
        if self.modules.contains_key(name) {
            return Ok(true);
        }
        let Some(path) = self.search.find(name) else {
            return Ok(false);
        };
        let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
        let module = Module::parse(&path.display().to_string(), &bytes)?;
        if module.name() != name {
            bail!(
                "{} holds module `{}`, not `{name}`",
                path.display(),
                module.name()
            );
        }
        self.add_module(module, false);
        Ok(true)
    }

    fn resolve_export(&mut self, mfa: &Mfa) -> Result<Result<usize, UndefinedReason>> {
        if !self.load(&mfa.module)? {
            return Ok(Err(UndefinedReason::NoSuchModule));
        }
        let index = &self.indexes[&*mfa.module];
        Ok(index
            .exports
            .get(&(mfa.function.to_string(), mfa.arity))
            .copied()
            .ok_or(UndefinedReason::NotExported))
    }

    fn reach(&mut self, module: &str, index: usize) {
        let linked = self
            .modules
            .get_mut(module)
            .expect("reached functions are in loaded modules");
        if linked.functions.insert(index) {
            self.queue.push((module.to_string(), index));
        }
    }

    /// Follows everything function `index` of `module` refers to.
    fn scan(&mut self, module_name: &str, index: usize) -> Result<()> {
        let mut locals = Vec::new();
        let mut externals = Vec::new();
        // `apply`/`spawn` of literal module and function names: followed
        // when present, a run-time `undef` when not (as on BEAM).
        let mut dynamic = Vec::new();
        {
            let module = &self.modules[module_name].module;
            let function = &module.functions[index];
            let by_entry = &self.indexes[module_name].by_entry;
            let mut local = |label: &Label| {
                if let Some(&target) = by_entry.get(label) {
                    locals.push(target);
                }
            };
            let mut constants = KnownArguments::default();
            for instr in &module.code[function.code.clone()] {
                if let Some(mfa) = constants.dynamic_call(module, instr) {
                    dynamic.push(mfa);
                }
                constants.track(module, instr);
                match instr {
                    Instr::Call { label, .. }
                    | Instr::CallLast { label, .. }
                    | Instr::CallOnly { label, .. } => local(label),
                    Instr::MakeFun3 { lambda, .. } | Instr::MakeFun2 { lambda } => {
                        local(&module.lambdas[lambda.0 as usize].label)
                    }
                    Instr::CallExt { import, .. }
                    | Instr::CallExtLast { import, .. }
                    | Instr::CallExtOnly { import, .. } => {
                        let import = module.imports[import.0 as usize];
                        externals.push(Mfa::new(
                            module.atom(import.module),
                            module.atom(import.function),
                            import.arity,
                        ));
                    }
                    _ => {}
                }
                for operand in instr.operands() {
                    literal_exports(module, &operand, &mut externals);
                }
            }
        }
        for target in locals {
            self.reach(module_name, target);
        }
        for mfa in dynamic {
            if let Ok(target) = self.resolve_export(&mfa)? {
                self.reach(&mfa.module, target);
            }
        }
        let caller = {
            let module = &self.modules[module_name].module;
            let function = &module.functions[index];
            Mfa::new(module_name, module.atom(function.name), function.arity)
        };
        let companions = COMPANIONS.iter().filter(|(key, _)| {
            let (module, function, arity) = *key;
            &*caller.module == module && &*caller.function == function && caller.arity == arity
        });
        for (_, functions) in companions {
            for &(module, function, arity) in functions.iter() {
                if let Ok(target) = self.resolve_export(&Mfa::new(module, function, arity))? {
                    self.reach(module, target);
                }
            }
        }
        for mfa in externals {
            if is_bif(&mfa) || is_runtime_function(&mfa) {
                continue;
            }
            match self.resolve_export(&mfa)? {
                Ok(target) => self.reach(&mfa.module, target),
                Err(reason) => {
                    let undefined = Undefined {
                        mfa,
                        needed_by: caller.clone(),
                        reason,
                    };
                    if !self.undefined.contains(&undefined) {
                        self.undefined.push(undefined);
                    }
                }
            }
        }
        Ok(())
    }
}

/// What the straight-line code before a call has put in the first x
/// registers: an atom, or a list of known length.
#[derive(Default)]
struct KnownArguments {
    atoms: [Option<crate::beam::Atom>; 3],
    list_length: Option<u32>,
}

impl KnownArguments {
    /// Forgets what an instruction may change: everything at labels and
    /// calls, the destination of moves.
    fn track(&mut self, module: &Module, instr: &Instr) {
        use crate::beam::{Register, Source};
        match instr {
            Instr::Move {
                src,
                dst: Register::X(n),
            } if *n < 3 => {
                self.atoms[*n as usize] = match src {
                    Source::Atom(atom) => Some(*atom),
                    _ => None,
                };
                if *n == 2 {
                    self.list_length = match src {
                        Source::Nil => Some(0),
                        Source::Literal(index) => match &module.literals[index.0 as usize] {
                            Term::List(elements, tail) if **tail == Term::Nil => {
                                Some(elements.len() as u32)
                            }
                            _ => None,
                        },
                        _ => None,
                    };
                }
            }
            // An argument list built cell by cell into x2 (`[self()]`).
            Instr::PutList {
                tail,
                dst: Register::X(2),
                ..
            } => {
                self.atoms[2] = None;
                self.list_length = match tail {
                    Source::Nil => Some(1),
                    Source::Reg(Register::X(2)) | Source::Typed(Register::X(2), _) => {
                        self.list_length.map(|n| n + 1)
                    }
                    _ => None,
                };
            }
            Instr::Move { .. } | Instr::Line { .. } | Instr::TestHeap { .. } => {}
            _ => *self = KnownArguments::default(),
        }
    }

    /// `erlang:apply/3` or a spawn (`erlang:spawn/3`, `spawn_link/3`,
    /// `spawn_monitor/3`, `spawn_opt/4`, and `proc_lib`'s) with literal
    /// module and function names and a literal argument list, the first
    /// three arguments.
    fn dynamic_call(&self, module: &Module, instr: &Instr) -> Option<Mfa> {
        let (Instr::CallExt { import, .. }
        | Instr::CallExtLast { import, .. }
        | Instr::CallExtOnly { import, .. }) = instr
        else {
            return None;
        };
        let import = module.imports[import.0 as usize];
        let name = (
            module.atom(import.module),
            module.atom(import.function),
            import.arity,
        );
        let known = matches!(
            name,
            (
                "erlang",
                "apply" | "spawn" | "spawn_link" | "spawn_monitor",
                3
            ) | ("erlang", "spawn_opt", 4)
                | ("proc_lib", "spawn" | "spawn_link", 3)
                | ("proc_lib", "spawn_opt", 4)
        );
        if !known {
            return None;
        }
        let (target_module, function) = (self.atoms[0]?, self.atoms[1]?);
        Some(Mfa::new(
            module.atom(target_module),
            module.atom(function),
            self.list_length?,
        ))
    }
}

/// The `fun M:F/A` values inside literal operands.
fn literal_exports(module: &Module, operand: &Operand, out: &mut Vec<Mfa>) {
    match operand {
        Operand::Literal(index) => term_exports(&module.literals[index.0 as usize], out),
        Operand::List(items) => items
            .iter()
            .for_each(|item| literal_exports(module, item, out)),
        _ => {}
    }
}

fn term_exports(term: &Term, out: &mut Vec<Mfa>) {
    match term {
        Term::Export {
            module,
            function,
            arity,
        } => {
            if let (Term::Atom(module), Term::Atom(function)) = (&**module, &**function) {
                out.push(Mfa::new(module, function, *arity as u32));
            }
        }
        Term::Tuple(elements) => elements.iter().for_each(|e| term_exports(e, out)),
        Term::List(elements, tail) => {
            elements.iter().for_each(|e| term_exports(e, out));
            term_exports(tail, out);
        }
        Term::Map(pairs) => pairs.iter().for_each(|(k, v)| {
            term_exports(k, out);
            term_exports(v, out);
        }),
        _ => {}
    }
}

/// The function named by `-on_load(F/0)`, which runs when the module loads.
/// Functions of OTP's that OTP itself only ever calls with run-time names
/// (the processes `proc_lib` and `gen` spawn, the callbacks `sys` makes):
/// linked whenever their module is.
const RUN_TIME_ENTRIES: &[(&str, &[&str])] = &[
    ("proc_lib", &["init_p", "wake_up"]),
    ("gen", &["init_it"]),
    (
        "gen_server",
        &[
            "init_it",
            "wake_hib",
            "system_continue",
            "system_terminate",
            "system_code_change",
            "system_get_state",
            "system_replace_state",
            "format_status",
        ],
    ),
    (
        "gen_statem",
        &[
            "init_it",
            "wakeup_from_hibernate",
            "system_continue",
            "system_terminate",
            "system_code_change",
            "system_get_state",
            "system_replace_state",
            "format_status",
        ],
    ),
    (
        "gen_event",
        &[
            "init_it",
            "wake_hib",
            "system_continue",
            "system_terminate",
            "system_code_change",
            "system_get_state",
            "system_replace_state",
            "format_status",
        ],
    ),
];

/// Functions linked whenever a function is, though nothing calls them by
/// name: what OTP's kernel would have started for that code.
type Function = (&'static str, &'static str, u32);
const COMPANIONS: &[(Function, &[Function])] = &[
    // OTP's logger needs its server and a default handler:
    // `earts_kernel:start/0` (which the runtime calls before `main/1` when
    // it is linked) starts them, and `kernel_sup` with `init/1` as its
    // callback; `logger_backend` calls `earts_logger_h:log/2` by a
    // run-time name.
    (
        ("logger_backend", "log_allowed", 3),
        &[
            ("earts_kernel", "start", 0),
            ("earts_kernel", "init", 1),
            ("earts_logger_h", "log", 2),
        ],
    ),
    // `timer` starts its server under `kernel_sup` from a child
    // specification, `{timer, start_link, []}`; the server's callbacks
    // are `timer`'s own (it has no `-behaviour` attribute).
    (
        ("timer", "do_start", 0),
        &[
            ("timer", "start_link", 0),
            ("timer", "init", 1),
            ("timer", "handle_call", 3),
            ("timer", "handle_info", 2),
            ("timer", "handle_cast", 2),
            ("timer", "terminate", 2),
            ("timer", "code_change", 3),
        ],
    ),
];

/// The exported functions of `module` that are called only with names
/// known at run time: every export of a module that implements a
/// behaviour (its callbacks), and the [`RUN_TIME_ENTRIES`].
fn implied_exports(module: &Module, exports: &HashMap<(String, u32), usize>) -> Vec<usize> {
    let entries = RUN_TIME_ENTRIES
        .iter()
        .find(|(name, _)| *name == module.name())
        .map_or(&[][..], |(_, functions)| *functions);
    let is_behaviour = attribute_values(module, "behaviour").is_some()
        || attribute_values(module, "behavior").is_some();
    let mut implied: Vec<usize> = exports
        .iter()
        .filter(|((name, _), _)| {
            (is_behaviour && name != "module_info") || entries.contains(&name.as_str())
        })
        .map(|(_, index)| *index)
        .collect();
    implied.sort_unstable();
    implied
}

/// The values of the module attribute `key`, if it has one.
fn attribute_values<'m>(module: &'m Module, key: &str) -> Option<&'m [Term]> {
    let Some(Term::List(attributes, _)) = &module.attributes else {
        return None;
    };
    attributes.iter().find_map(|attribute| {
        let Term::Tuple(pair) = attribute else {
            return None;
        };
        match pair.as_slice() {
            [Term::Atom(k), Term::List(values, _)] if k == key => Some(values.as_slice()),
            _ => None,
        }
    })
}

/// The index of `module`'s `-on_load` function, if it has one: the
/// function whose code holds the `on_load` instruction (erlc keeps the
/// attribute out of `Attr`).
pub fn on_load_function(module: &Module) -> Option<usize> {
    module.functions.iter().position(|function| {
        module.code[function.code.clone()]
            .iter()
            .any(|instr| matches!(instr, Instr::OnLoad {}))
    })
}
