//! Erlang terms as the compiler holds them: owned trees decoded from the
//! literal table and other term-valued chunks, never runtime heap terms.

use std::cmp::Ordering;

use num_bigint::BigInt;

/// An integer of any size; `Big` is used only outside `i64`'s range, so two
/// equal integers always have the same representation.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Int {
    Small(i64),
    Big(BigInt),
}

impl Int {
    pub fn from_big(value: BigInt) -> Int {
        match i64::try_from(&value) {
            Ok(small) => Int::Small(small),
            Err(_) => Int::Big(value),
        }
    }

    pub fn to_big(&self) -> BigInt {
        match self {
            Int::Small(n) => BigInt::from(*n),
            Int::Big(n) => n.clone(),
        }
    }
}

impl std::fmt::Display for Int {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Int::Small(n) => write!(f, "{n}"),
            Int::Big(n) => write!(f, "{n}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Term {
    Int(Int),
    Float(f64),
    Atom(String),
    /// A reference: node, creation and the id words.
    Ref {
        node: Box<Term>,
        creation: u32,
        ids: Vec<u32>,
    },
    /// A closure (`NEW_FUN_EXT`); literals never hold one, but the decoder
    /// accepts every type the external format has.
    Fun(Box<FunTerm>),
    Export {
        module: Box<Term>,
        function: Box<Term>,
        arity: u8,
    },
    Port {
        node: Box<Term>,
        id: u64,
        creation: u32,
    },
    Pid {
        node: Box<Term>,
        id: u32,
        serial: u32,
        creation: u32,
    },
    Tuple(Vec<Term>),
    /// Key/value pairs in the order the encoding gave them.
    Map(Vec<(Term, Term)>),
    Nil,
    /// A non-empty list: its elements and its tail (`Nil` when proper).
    List(Vec<Term>, Box<Term>),
    /// A bitstring: `bytes` with only the high `bits_in_last` bits of the
    /// last byte used (8 for a binary).
    Bits {
        bytes: Vec<u8>,
        bits_in_last: u8,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct FunTerm {
    pub module: Term,
    pub arity: u8,
    pub uniq: [u8; 16],
    pub index: u32,
    pub old_index: Term,
    pub old_uniq: Term,
    pub pid: Term,
    pub free: Vec<Term>,
}

impl Term {
    pub fn binary(bytes: Vec<u8>) -> Term {
        Term::Bits {
            bytes,
            bits_in_last: 8,
        }
    }

    /// The rank of the term's type in Erlang's term order:
    /// number < atom < reference < fun < port < pid < tuple < map < nil < list < bitstring.
    fn type_rank(&self) -> u8 {
        match self {
            Term::Int(_) | Term::Float(_) => 0,
            Term::Atom(_) => 1,
            Term::Ref { .. } => 2,
            Term::Fun(_) | Term::Export { .. } => 3,
            Term::Port { .. } => 4,
            Term::Pid { .. } => 5,
            Term::Tuple(_) => 6,
            Term::Map(_) => 7,
            Term::Nil => 8,
            Term::List(..) => 9,
            Term::Bits { .. } => 10,
        }
    }

    /// Erlang's standard term order (`<`, `lists:sort/1`), with `1` before
    /// `1.0` so that the order is total, as it is for map keys.
    pub fn erlang_cmp(&self, other: &Term) -> Ordering {
        self.compare(other, false)
    }

    /// The order of map keys (BEAM's exact order): as [`Term::erlang_cmp`],
    /// except that every integer comes before every float, at any depth.
    pub fn map_key_cmp(&self, other: &Term) -> Ordering {
        self.compare(other, true)
    }

    fn compare(&self, other: &Term, exact: bool) -> Ordering {
        match (self, other) {
            (Term::Int(a), Term::Int(b)) => a.to_big().cmp(&b.to_big()),
            (Term::Float(a), Term::Float(b)) => a.total_cmp(b),
            (Term::Int(_), Term::Float(_)) if exact => Ordering::Less,
            (Term::Float(_), Term::Int(_)) if exact => Ordering::Greater,
            (Term::Int(a), Term::Float(b)) => cmp_int_float(a, *b).then(Ordering::Less),
            (Term::Float(a), Term::Int(b)) => {
                cmp_int_float(b, *a).reverse().then(Ordering::Greater)
            }
            (Term::Atom(a), Term::Atom(b)) => a.chars().cmp(b.chars()),
            (Term::Tuple(a), Term::Tuple(b)) => a
                .len()
                .cmp(&b.len())
                .then_with(|| cmp_iter(a.iter(), b.iter(), exact)),
            (Term::Map(a), Term::Map(b)) => {
                let (a, b) = (sorted_pairs(a), sorted_pairs(b));
                a.len()
                    .cmp(&b.len())
                    .then_with(|| cmp_iter(a.iter().map(|p| &p.0), b.iter().map(|p| &p.0), exact))
                    .then_with(|| cmp_iter(a.iter().map(|p| &p.1), b.iter().map(|p| &p.1), exact))
            }
            (Term::List(ea, ta), Term::List(eb, tb)) => {
                for (x, y) in ea.iter().zip(eb) {
                    let o = x.compare(y, exact);
                    if o != Ordering::Equal {
                        return o;
                    }
                }
                let n = ea.len().min(eb.len());
                let rest_a = rest_of_list(ea, ta, n);
                let rest_b = rest_of_list(eb, tb, n);
                rest_a.compare(&rest_b, exact)
            }
            (
                Term::Bits {
                    bytes: a,
                    bits_in_last: la,
                },
                Term::Bits {
                    bytes: b,
                    bits_in_last: lb,
                },
            ) => a.cmp(b).then(la.cmp(lb)),
            (
                Term::Export {
                    module: ma,
                    function: fa,
                    arity: aa,
                },
                Term::Export {
                    module: mb,
                    function: fb,
                    arity: ab,
                },
            ) => ma
                .compare(mb, exact)
                .then_with(|| fa.compare(fb, exact))
                .then(aa.cmp(ab)),
            _ => self.type_rank().cmp(&other.type_rank()),
        }
    }
}

fn cmp_int_float(a: &Int, b: f64) -> Ordering {
    match a {
        Int::Small(n) => (*n as f64).partial_cmp(&b).unwrap_or(Ordering::Equal),
        Int::Big(n) => {
            let as_float: f64 = num_traits::ToPrimitive::to_f64(n).unwrap_or(f64::INFINITY);
            as_float.partial_cmp(&b).unwrap_or(Ordering::Equal)
        }
    }
}

fn cmp_iter<'a>(
    a: impl Iterator<Item = &'a Term>,
    b: impl Iterator<Item = &'a Term>,
    exact: bool,
) -> Ordering {
    for (x, y) in a.zip(b) {
        let o = x.compare(y, exact);
        if o != Ordering::Equal {
            return o;
        }
    }
    Ordering::Equal
}

/// What remains of a list after its first `n` elements.
fn rest_of_list(elements: &[Term], tail: &Term, n: usize) -> Term {
    if n < elements.len() {
        Term::List(elements[n..].to_vec(), Box::new(tail.clone()))
    } else {
        tail.clone()
    }
}

/// A map's pairs sorted by key, the order in which small maps iterate.
pub fn sorted_pairs(pairs: &[(Term, Term)]) -> Vec<&(Term, Term)> {
    let mut sorted: Vec<_> = pairs.iter().collect();
    sorted.sort_by(|a, b| a.0.erlang_cmp(&b.0));
    sorted
}
