//! Match specification terms into [`MatchSpec`]s, with BEAM's checks and
//! messages. Terms are walked with explicit stacks.

use erts_core::{Atom, Term};

use super::{Bif, Clause, CompileError, MatchSpec, Op, PatOp};
use crate::ets::Stored;

fn error<T>(message: impl Into<String>) -> Result<T, CompileError> {
    Err(CompileError(message.into()))
}

/// The elements of a proper list, or `None`.
///
/// # Safety
///
/// `list` is valid.
unsafe fn proper_list(mut list: Term) -> Option<Vec<Term>> {
    let mut elements = Vec::new();
    // SAFETY: forwarded from the caller; every tail is valid.
    while let (Some(head), Some(tail)) = (unsafe { list.head() }, unsafe { list.tail() }) {
        elements.push(head);
        list = tail;
    }
    list.is_nil().then_some(elements)
}

/// The number of a match variable `'$N'`, as BEAM reads it: decimal
/// digits without a leading zero, accumulated in 32 bits, and not
/// negative as a signed 32-bit number.
pub(super) fn variable_number(atom: Atom) -> Option<u32> {
    let digits = atom.name().strip_prefix('$')?;
    let bytes = digits.as_bytes();
    if bytes.is_empty() || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    if bytes.len() > 1 && bytes[0] == b'0' {
        return None;
    }
    let n = bytes.iter().fold(0u32, |n, digit| {
        n.wrapping_mul(10).wrapping_add(u32::from(digit - b'0'))
    });
    ((n as i32) >= 0).then_some(n)
}

/// The term as BEAM prints it in messages.
///
/// # Safety
///
/// `term` is valid.
unsafe fn text(term: Term) -> String {
    let mut out = String::new();
    // SAFETY: forwarded from the caller.
    unsafe { crate::display::display(&mut out, term) };
    out
}

fn atom_text(atom: Atom) -> String {
    let mut out = String::new();
    // SAFETY: an atom is an immediate.
    unsafe { crate::display::display(&mut out, Term::atom(atom)) };
    out
}

/// Whether `term` holds a match variable or `'_'` anywhere.
///
/// # Safety
///
/// `term` is valid.
unsafe fn has_variables(term: Term) -> bool {
    let mut pending = vec![term];
    while let Some(term) = pending.pop() {
        if let Some(atom) = term.as_atom() {
            if atom.name() == "_" || variable_number(atom).is_some() {
                return true;
            }
        // SAFETY: forwarded from the caller; parts of a valid term.
        } else if let Some(elements) = unsafe { term.tuple_elements() } {
            pending.extend_from_slice(elements);
        // SAFETY: as above.
        } else if let (Some(head), Some(tail)) = unsafe { (term.head(), term.tail()) } {
            pending.push(head);
            pending.push(tail);
        // SAFETY: as above.
        } else if let Ok(pairs) = unsafe { erts_core::map::to_list_order(term) } {
            for (key, value) in pairs {
                pending.push(key);
                pending.push(value);
            }
        }
    }
    false
}

/// Variables of one clause: numbers by slot.
#[derive(Default)]
struct Variables {
    numbers: Vec<u32>,
}

impl Variables {
    fn slot(&self, number: u32) -> Option<usize> {
        self.numbers.iter().position(|n| *n == number)
    }
}

/// A head into pattern operations, in pre-order.
///
/// # Safety
///
/// `head` is valid.
unsafe fn compile_head(head: Term, variables: &mut Variables) -> Result<Vec<PatOp>, CompileError> {
    let mut ops = Vec::new();
    let mut pending = vec![head];
    while let Some(term) = pending.pop() {
        if let Some(atom) = term.as_atom() {
            if atom.name() == "_" {
                ops.push(PatOp::Any);
            } else if let Some(number) = variable_number(atom) {
                match variables.slot(number) {
                    Some(slot) => ops.push(PatOp::Same(slot)),
                    None => {
                        ops.push(PatOp::Bind(variables.numbers.len()));
                        variables.numbers.push(number);
                    }
                }
            } else {
                ops.push(PatOp::Literal(term));
            }
        // SAFETY: forwarded from the caller; parts of a valid term.
        } else if let Some(elements) = unsafe { term.tuple_elements() } {
            ops.push(PatOp::Tuple(elements.len()));
            pending.extend(elements.iter().rev());
        // SAFETY: as above.
        } else if let (Some(first), Some(rest)) = unsafe { (term.head(), term.tail()) } {
            ops.push(PatOp::Cons);
            pending.push(rest);
            pending.push(first);
        // SAFETY: as above.
        } else if let Ok(pairs) = unsafe { erts_core::map::to_list_order(term) } {
            let mut keys = Vec::with_capacity(pairs.len());
            for (key, _) in &pairs {
                // SAFETY: as above.
                if unsafe { has_variables(*key) } {
                    return error("Variable found in map key.");
                }
                keys.push(*key);
            }
            ops.push(PatOp::Map(keys));
            pending.extend(pairs.iter().rev().map(|(_, value)| *value));
        } else {
            ops.push(PatOp::Literal(term));
        }
    }
    Ok(ops)
}

/// Special forms of the trace dialect: wrong in tables.
const TRACE_FORMS: [&str; 15] = [
    "is_seq_trace",
    "message",
    "return_trace",
    "exception_trace",
    "display",
    "process_dump",
    "enable_trace",
    "disable_trace",
    "trace",
    "caller",
    "silent",
    "set_seq_token",
    "get_seq_token",
    "caller_line",
    "current_stacktrace",
];

/// The guard function `name/arity`, if match specifications have it.
fn bif(name: &str, arity: usize) -> Option<Bif> {
    Some(match (name, arity) {
        ("is_atom", 1) => Bif::IsAtom,
        ("is_float", 1) => Bif::IsFloat,
        ("is_integer", 1) => Bif::IsInteger,
        ("is_list", 1) => Bif::IsList,
        ("is_number", 1) => Bif::IsNumber,
        ("is_pid", 1) => Bif::IsPid,
        ("is_port", 1) => Bif::IsPort,
        ("is_reference", 1) => Bif::IsReference,
        ("is_tuple", 1) => Bif::IsTuple,
        ("is_map", 1) => Bif::IsMap,
        ("is_binary", 1) => Bif::IsBinary,
        ("is_function", 1) => Bif::IsFunction,
        ("is_map_key", 2) => Bif::IsMapKey,
        ("is_record", 3) => Bif::IsRecord,
        ("not", 1) => Bif::Not,
        ("xor", 2) => Bif::Xor,
        ("abs", 1) => Bif::Abs,
        ("element", 2) => Bif::Element,
        ("hd", 1) => Bif::Hd,
        ("tl", 1) => Bif::Tl,
        ("length", 1) => Bif::Length,
        ("map_get", 2) => Bif::MapGet,
        ("map_size", 1) => Bif::MapSize,
        ("node", 1) => Bif::Node1,
        ("round", 1) => Bif::Round,
        ("trunc", 1) => Bif::Trunc,
        ("float", 1) => Bif::Float,
        ("size", 1) => Bif::Size,
        ("bit_size", 1) => Bif::BitSize,
        ("byte_size", 1) => Bif::ByteSize,
        ("binary_part", 2) => Bif::BinaryPart2,
        ("binary_part", 3) => Bif::BinaryPart3,
        ("+", 1) => Bif::Plus1,
        ("-", 1) => Bif::Minus1,
        ("+", 2) => Bif::Plus,
        ("-", 2) => Bif::Minus,
        ("*", 2) => Bif::Times,
        ("/", 2) => Bif::Divide,
        ("div", 2) => Bif::Div,
        ("rem", 2) => Bif::Rem,
        ("band", 2) => Bif::Band,
        ("bor", 2) => Bif::Bor,
        ("bxor", 2) => Bif::Bxor,
        ("bnot", 1) => Bif::Bnot,
        ("bsl", 2) => Bif::Bsl,
        ("bsr", 2) => Bif::Bsr,
        (">", 2) => Bif::Gt,
        (">=", 2) => Bif::Ge,
        ("<", 2) => Bif::Lt,
        ("=<", 2) => Bif::Le,
        ("=:=", 2) => Bif::ExactEq,
        ("==", 2) => Bif::Eq,
        ("=/=", 2) => Bif::ExactNeq,
        ("/=", 2) => Bif::Neq,
        _ => return None,
    })
}

/// What is left to do while compiling an expression.
enum Task {
    Expr(Term),
    Emit(Op),
    /// Emits a short circuit whose target is patched by `Land(group)`.
    Test {
        decides: bool,
        group: usize,
    },
    Land(usize),
}

/// An expression (a guard condition or a body term) into postfix code.
///
/// # Safety
///
/// `expr` is valid.
unsafe fn compile_expr(expr: Term, variables: &Variables) -> Result<Vec<Op>, CompileError> {
    let mut code = Vec::new();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut tasks = vec![Task::Expr(expr)];
    while let Some(task) = tasks.pop() {
        let term = match task {
            Task::Expr(term) => term,
            Task::Emit(op) => {
                code.push(op);
                continue;
            }
            Task::Test { decides, group } => {
                groups[group].push(code.len());
                code.push(Op::ShortCircuit { decides, to: 0 });
                continue;
            }
            Task::Land(group) => {
                let here = code.len();
                for at in &groups[group] {
                    if let Op::ShortCircuit { to, .. } = &mut code[*at] {
                        *to = here;
                    }
                }
                continue;
            }
        };
        if let Some(atom) = term.as_atom() {
            code.push(match atom.name() {
                "$_" => Op::Object,
                "$$" => Op::AllVars,
                _ => match variable_number(atom) {
                    Some(number) => match variables.slot(number) {
                        Some(slot) => Op::Var(slot),
                        None => return error(format!("Variable ${number} is unbound.")),
                    },
                    None => Op::Const(term),
                },
            });
            continue;
        }
        // SAFETY: forwarded from the caller; parts of a valid term.
        if let (Some(first), Some(rest)) = unsafe { (term.head(), term.tail()) } {
            // Pushed in reverse: the head is compiled first.
            tasks.push(Task::Emit(Op::Cons));
            tasks.push(Task::Expr(rest));
            tasks.push(Task::Expr(first));
            continue;
        }
        // SAFETY: as above.
        if let Ok(pairs) = unsafe { erts_core::map::to_list_order(term) } {
            tasks.push(Task::Emit(Op::Map(pairs.len())));
            for (key, value) in pairs.iter().rev() {
                tasks.push(Task::Expr(*value));
                tasks.push(Task::Expr(*key));
            }
            continue;
        }
        // SAFETY: as above.
        let Some(elements) = (unsafe { term.tuple_elements() }) else {
            code.push(Op::Const(term));
            continue;
        };
        // SAFETY: as above.
        let not_a_call = || unsafe {
            format!(
                "{} is neither a function call, nor a tuple (tuples are written {{{{ ... }}}}).",
                text(term)
            )
        };
        let Some(&first) = elements.first() else {
            return error(not_a_call());
        };
        // SAFETY: as above.
        if let (1, Some(inner)) = (elements.len(), unsafe { first.tuple_elements() }) {
            tasks.push(Task::Emit(Op::Tuple(inner.len())));
            tasks.extend(inner.iter().rev().map(|e| Task::Expr(*e)));
            continue;
        }
        let Some(name) = first.as_atom() else {
            return error(not_a_call());
        };
        let args = &elements[1..];
        // SAFETY: as above.
        let whole = || unsafe { text(term) };
        match name.name() {
            "const" => {
                if args.len() != 1 {
                    return error(format!(
                        "Special form 'const' called with more than one argument in {}.",
                        whole()
                    ));
                }
                code.push(Op::Const(args[0]));
            }
            "self" => {
                if !args.is_empty() {
                    return error(format!(
                        "Special form 'self' called with arguments in {}.",
                        whole()
                    ));
                }
                code.push(Op::SelfPid);
            }
            "node" if args.is_empty() => code.push(Op::Node),
            form @ ("and" | "or" | "andalso" | "orelse") => {
                if args.is_empty() {
                    return error(format!(
                        "Special form '{form}' called without arguments in {}.",
                        whole()
                    ));
                }
                match form {
                    "and" | "or" => {
                        let n = args.len();
                        tasks.push(Task::Emit(if form == "and" {
                            Op::And(n)
                        } else {
                            Op::Or(n)
                        }));
                        tasks.extend(args.iter().rev().map(|a| Task::Expr(*a)));
                    }
                    _ => {
                        // a1, test, a2, test, …, an, land.
                        let decides = form == "orelse";
                        let group = groups.len();
                        groups.push(Vec::new());
                        tasks.push(Task::Land(group));
                        let (last, rest) = args.split_last().expect("not empty");
                        tasks.push(Task::Expr(*last));
                        for arg in rest.iter().rev() {
                            tasks.push(Task::Test { decides, group });
                            tasks.push(Task::Expr(*arg));
                        }
                    }
                }
            }
            form if TRACE_FORMS.contains(&form) => {
                let shown = if form == "set_seq_token" {
                    "set_seq_trace"
                } else {
                    form
                };
                return error(format!("Special form '{shown}' used in wrong dialect."));
            }
            "get_tcw" | "set_tcw" if args.len() == usize::from(name.name() == "set_tcw") => {
                return error(format!(
                    "Function {}/{} cannot be called in this context.",
                    name.name(),
                    args.len()
                ));
            }
            _ => match bif(name.name(), args.len()) {
                Some(bif) => {
                    tasks.push(Task::Emit(Op::Call(bif, args.len())));
                    tasks.extend(args.iter().rev().map(|a| Task::Expr(*a)));
                }
                None => {
                    return error(format!(
                        "Function {}/{} does_not_exist.",
                        atom_text(name),
                        args.len()
                    ))
                }
            },
        }
    }
    Ok(code)
}

/// One `{Head, Guards, Body}`.
///
/// # Safety
///
/// `clause` is valid.
unsafe fn compile_clause(clause: Term) -> Result<Clause, CompileError> {
    // SAFETY: forwarded from the caller.
    let Some(&[head, guards, body]) = (unsafe { clause.tuple_elements() }) else {
        return error("Match program part is not a tuple of arity 3.");
    };
    let mut variables = Variables::default();
    // SAFETY: as above.
    let head_ops = unsafe { compile_head(head, &mut variables) }?;
    // SAFETY: as above.
    let Some(guards) = (unsafe { proper_list(guards) }) else {
        return error("Match expression is not a list.");
    };
    // SAFETY: as above.
    let body = match unsafe { proper_list(body) } {
        Some(body) if !body.is_empty() => body,
        _ => return error("Body clause does not return anything."),
    };
    let guards = guards
        .into_iter()
        // SAFETY: as above.
        .map(|guard| unsafe { compile_expr(guard, &variables) })
        .collect::<Result<Vec<_>, _>>()?;
    let body = body
        .into_iter()
        // SAFETY: as above.
        .map(|expr| unsafe { compile_expr(expr, &variables) })
        .collect::<Result<Vec<_>, _>>()?;
    // SAFETY: as above.
    let literal_elements = match unsafe { head.tuple_elements() } {
        Some(elements) => elements
            .iter()
            // SAFETY: as above.
            .map(|e| (!unsafe { has_variables(*e) }).then_some(*e))
            .collect(),
        None => Vec::new(),
    };
    let mut slots_by_number: Vec<usize> = (0..variables.numbers.len()).collect();
    slots_by_number.sort_by_key(|slot| variables.numbers[*slot]);
    Ok(Clause {
        head: head_ops,
        slots_by_number,
        n_slots: variables.numbers.len(),
        guards,
        body,
        literal_elements,
    })
}

impl MatchSpec {
    /// Compiles `spec`.
    ///
    /// # Safety
    ///
    /// `spec` is valid.
    pub unsafe fn compile(spec: Term) -> Result<MatchSpec, CompileError> {
        // SAFETY: forwarded from the caller.
        let source =
            unsafe { Stored::copy(spec) }.ok_or_else(|| CompileError("out of memory".into()))?;
        let spec = source.term();
        // SAFETY: the copy is valid while `source` lives.
        let clauses = match unsafe { proper_list(spec) } {
            Some(clauses) if !clauses.is_empty() => clauses,
            None if spec.is_list() && !spec.is_nil() => {
                return error("Match programs are not in a proper list.")
            }
            _ => return error("Match programs are not in a list."),
        };
        let clauses = clauses
            .into_iter()
            // SAFETY: as above.
            .map(|clause| unsafe { compile_clause(clause) })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(MatchSpec { clauses, source })
    }
}
