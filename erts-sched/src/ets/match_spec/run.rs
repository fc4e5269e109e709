//! Running a compiled specification against one term: the head's
//! pattern on an explicit stack, then each guard (which must give
//! `true`; one that raises fails the clause), then the body (one that
//! raises gives `'EXIT'`), as BEAM does.

use erts_core::bif::{self, BifError, BifHeap};
use erts_core::{build, eq_exact, Atom, Term};

use super::{Bif, Clause, MatchSpec, Op, PatOp, Scratch};

/// What a run may ask of its caller: `self()`.
pub struct Context {
    pub self_pid: Term,
}

fn boolean(value: bool) -> Term {
    Term::atom(if value { Atom::TRUE } else { Atom::FALSE })
}

fn as_boolean(term: Term) -> Result<bool, BifError> {
    match term.as_atom() {
        Some(Atom::TRUE) => Ok(true),
        Some(Atom::FALSE) => Ok(false),
        _ => Err(BifError::Badarg),
    }
}

fn node_name() -> Term {
    Term::atom(Atom::intern("nonode@nohost").expect("a short atom"))
}

impl Clause {
    /// Matches the head against `object`, filling `slots`.
    ///
    /// # Safety
    ///
    /// `object` and the clause's literals are valid.
    unsafe fn match_head(&self, object: Term, slots: &mut Vec<Term>) -> bool {
        slots.clear();
        slots.resize(self.n_slots, Term::NIL);
        let mut pending = vec![object];
        for op in &self.head {
            let Some(term) = pending.pop() else {
                return false;
            };
            match op {
                PatOp::Any => {}
                PatOp::Bind(slot) => slots[*slot] = term,
                PatOp::Same(slot) => {
                    // SAFETY: forwarded from the caller.
                    if !unsafe { eq_exact(slots[*slot], term) } {
                        return false;
                    }
                }
                PatOp::Literal(literal) => {
                    // SAFETY: as above.
                    if !unsafe { eq_exact(*literal, term) } {
                        return false;
                    }
                }
                // SAFETY: as above.
                PatOp::Tuple(arity) => match unsafe { term.tuple_elements() } {
                    Some(elements) if elements.len() == *arity => {
                        pending.extend(elements.iter().rev());
                    }
                    _ => return false,
                },
                // SAFETY: as above.
                PatOp::Cons => match unsafe { (term.head(), term.tail()) } {
                    (Some(head), Some(tail)) => {
                        pending.push(tail);
                        pending.push(head);
                    }
                    _ => return false,
                },
                PatOp::Map(keys) => {
                    let mut values = Vec::with_capacity(keys.len());
                    for key in keys {
                        // SAFETY: as above.
                        match unsafe { erts_core::map::get(term, *key) } {
                            Ok(Some(value)) => values.push(value),
                            _ => return false,
                        }
                    }
                    pending.extend(values.iter().rev());
                }
            }
        }
        true
    }
}

/// The values of one run: the object, the bound variables.
struct Env<'a> {
    object: Term,
    slots: &'a [Term],
    slots_by_number: &'a [usize],
    context: &'a Context,
}

/// Runs `code`, its value or the error it raised.
///
/// # Safety
///
/// The terms of `env` and of the code are valid.
unsafe fn eval(code: &[Op], env: &Env, scratch: &mut Scratch) -> Result<Term, BifError> {
    let mut stack: Vec<Term> = Vec::new();
    let mut pc = 0;
    while let Some(op) = code.get(pc) {
        pc += 1;
        let value = match op {
            Op::Const(term) => *term,
            Op::Var(slot) => env.slots[*slot],
            Op::Object => env.object,
            Op::AllVars => {
                let values: Vec<Term> = env.slots_by_number.iter().map(|s| env.slots[*s]).collect();
                // SAFETY: scratch terms never move.
                unsafe { scratch.ensure(2 * values.len(), &mut []) }?;
                build::list(scratch, &values, Term::NIL).ok_or(BifError::SystemLimit)?
            }
            Op::Tuple(n) => {
                let elements = stack.split_off(stack.len() - n);
                // SAFETY: as above.
                unsafe { scratch.ensure(1 + n, &mut []) }?;
                build::tuple(scratch, &elements).ok_or(BifError::SystemLimit)?
            }
            Op::Cons => {
                let tail = stack.pop().expect("a tail");
                let head = stack.pop().expect("a head");
                // SAFETY: as above.
                unsafe { scratch.ensure(2, &mut []) }?;
                build::cons(scratch, head, tail).ok_or(BifError::SystemLimit)?
            }
            Op::Map(n) => {
                let flat = stack.split_off(stack.len() - 2 * n);
                let pairs = flat.chunks(2).map(|pair| (pair[0], pair[1])).collect();
                // SAFETY: the pairs are valid terms.
                let plan = unsafe { erts_core::map::from_pairs(pairs) };
                // SAFETY: as above.
                unsafe { scratch.ensure(plan.words(), &mut []) }?;
                // SAFETY: nothing moved since the plan was made.
                unsafe { plan.build(scratch) }.ok_or(BifError::SystemLimit)?
            }
            Op::Call(function, n) => {
                let args = stack.split_off(stack.len() - n);
                // SAFETY: forwarded from the caller.
                unsafe { call(*function, &args, scratch) }?
            }
            Op::And(n) | Op::Or(n) => {
                let args = stack.split_off(stack.len() - n);
                let values = args
                    .into_iter()
                    .map(as_boolean)
                    .collect::<Result<Vec<bool>, _>>()?;
                boolean(match op {
                    Op::And(_) => values.iter().all(|v| *v),
                    _ => values.iter().any(|v| *v),
                })
            }
            Op::ShortCircuit { decides, to } => {
                let value = as_boolean(stack.pop().expect("an operand"))?;
                if value == *decides {
                    pc = *to;
                    boolean(value)
                } else {
                    continue;
                }
            }
            Op::SelfPid => env.context.self_pid,
            Op::Node => node_name(),
        };
        stack.push(value);
    }
    Ok(stack.pop().expect("a value"))
}

/// Calls a guard function.
///
/// # Safety
///
/// The arguments are valid.
unsafe fn call(function: Bif, args: &[Term], heap: &mut Scratch) -> Result<Term, BifError> {
    use bif::{arith, binary, compare, list, tuple, types};
    let a = args[0];
    let b = args.get(1).copied().unwrap_or(Term::NIL);
    // SAFETY: forwarded from the caller; the scratch heap never moves
    // terms, so the BIFs' `ensure` keeps everything valid.
    unsafe {
        Ok(match function {
            Bif::IsAtom => types::is_atom_1(a),
            Bif::IsFloat => types::is_float_1(a),
            Bif::IsInteger => types::is_integer_1(a),
            Bif::IsList => types::is_list_1(a),
            Bif::IsNumber => types::is_number_1(a),
            Bif::IsPid => types::is_pid_1(a),
            Bif::IsPort => types::is_port_1(a),
            Bif::IsReference => types::is_reference_1(a),
            Bif::IsTuple => types::is_tuple_1(a),
            Bif::IsMap => types::is_map_1(a),
            Bif::IsBinary => types::is_binary_1(a),
            Bif::IsFunction => types::is_function_1(a),
            Bif::IsMapKey => boolean(erts_core::map::is_key(b, a).map_err(|_| BifError::Badarg)?),
            Bif::IsRecord => {
                if !a.is_atom() && b.as_atom().is_none() {
                    return Err(BifError::Badarg);
                }
                types::is_record_3(a, b, args[2])?
            }
            Bif::Not => bif::boolean::not_1(a)?,
            Bif::Xor => bif::boolean::xor_2(a, b)?,
            Bif::Abs => arith::abs_1(heap, a)?,
            Bif::Element => tuple::element_2(a, b)?,
            Bif::Hd => list::hd_1(a)?,
            Bif::Tl => list::tl_1(a)?,
            Bif::Length => list::length_1(a)?,
            Bif::MapGet => erts_core::map::get(b, a)
                .ok()
                .flatten()
                .ok_or(BifError::Badarg)?,
            Bif::MapSize => {
                let size = erts_core::map::size(a).map_err(|_| BifError::Badarg)?;
                Term::small(size as i64).ok_or(BifError::Badarg)?
            }
            Bif::Node1 => {
                let local = a.is_local_pid() || a.is_local_port() || a.reference_words().is_some();
                match a.external() {
                    Some(external) => Term::atom(external.node),
                    None if local => node_name(),
                    None => return Err(BifError::Badarg),
                }
            }
            Bif::Round => arith::round_1(heap, a)?,
            Bif::Trunc => arith::trunc_1(heap, a)?,
            Bif::Float => arith::float_1(heap, a)?,
            Bif::Size => tuple::size_1(a)?,
            Bif::BitSize | Bif::ByteSize => {
                let bits = a
                    .binary_bytes()
                    .map(|bytes| bytes.len() as u64 * 8)
                    .or_else(|| a.sub_binary().map(|sub| sub.bit_size))
                    .ok_or(BifError::Badarg)?;
                let size = if function == Bif::BitSize {
                    bits
                } else {
                    bits.div_ceil(8)
                };
                Term::small(size as i64).ok_or(BifError::Badarg)?
            }
            Bif::BinaryPart2 => binary::binary_part_2(heap, a, b)?,
            Bif::BinaryPart3 => binary::binary_part_3(heap, a, b, args[2])?,
            Bif::Plus1 => arith::plus_1(heap, a)?,
            Bif::Minus1 => arith::minus_1(heap, a)?,
            Bif::Plus => arith::plus_2(heap, a, b)?,
            Bif::Minus => arith::minus_2(heap, a, b)?,
            Bif::Times => arith::times_2(heap, a, b)?,
            Bif::Divide => arith::divide_2(heap, a, b)?,
            Bif::Div => arith::div_2(heap, a, b)?,
            Bif::Rem => arith::rem_2(heap, a, b)?,
            Bif::Band => arith::band_2(heap, a, b)?,
            Bif::Bor => arith::bor_2(heap, a, b)?,
            Bif::Bxor => arith::bxor_2(heap, a, b)?,
            Bif::Bnot => arith::bnot_1(heap, a)?,
            Bif::Bsl => arith::bsl_2(heap, a, b)?,
            Bif::Bsr => arith::bsr_2(heap, a, b)?,
            Bif::Gt => compare::gt_2(a, b),
            Bif::Ge => compare::ge_2(a, b),
            Bif::Lt => compare::lt_2(a, b),
            Bif::Le => compare::le_2(a, b),
            Bif::ExactEq => compare::exact_eq_2(a, b),
            Bif::Eq => compare::eq_2(a, b),
            Bif::ExactNeq => compare::exact_neq_2(a, b),
            Bif::Neq => compare::neq_2(a, b),
        })
    }
}

/// What one clause made of a term.
enum Outcome {
    NoMatch,
    Result(Term),
}

impl MatchSpec {
    /// Runs the specification on `object`: the body's value of the first
    /// clause whose head matches and whose guards hold, or `None`.
    ///
    /// # Safety
    ///
    /// `object` is valid and stays so while the result is used; the
    /// result may point into `object`, the specification and `scratch`.
    pub unsafe fn run(
        &self,
        object: Term,
        context: &Context,
        scratch: &mut Scratch,
    ) -> Option<Term> {
        let mut slots = Vec::new();
        for clause in &self.clauses {
            // SAFETY: forwarded from the caller.
            match unsafe { run_clause(clause, object, context, scratch, &mut slots) } {
                Outcome::NoMatch => continue,
                Outcome::Result(result) => return Some(result),
            }
        }
        None
    }
}

/// # Safety
///
/// As [`MatchSpec::run`].
unsafe fn run_clause(
    clause: &Clause,
    object: Term,
    context: &Context,
    scratch: &mut Scratch,
    slots: &mut Vec<Term>,
) -> Outcome {
    // SAFETY: forwarded from the caller.
    if !unsafe { clause.match_head(object, slots) } {
        return Outcome::NoMatch;
    }
    let env = Env {
        object,
        slots,
        slots_by_number: &clause.slots_by_number,
        context,
    };
    for guard in &clause.guards {
        // SAFETY: as above.
        match unsafe { eval(guard, &env, scratch) } {
            Ok(value) if value.as_atom() == Some(Atom::TRUE) => {}
            _ => return Outcome::NoMatch,
        }
    }
    let mut result = Term::NIL;
    for expr in &clause.body {
        // SAFETY: as above.
        match unsafe { eval(expr, &env, scratch) } {
            Ok(value) => result = value,
            Err(_) => {
                return Outcome::Result(Term::atom(Atom::intern("EXIT").expect("a short atom")))
            }
        }
    }
    Outcome::Result(result)
}
