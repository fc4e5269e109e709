//! Distribution BIFs on a node that is never alive (earts programs are
//! not distributed): the node is `nonode@nohost`, it knows no other node,
//! and what would connect to one fails as BEAM fails on a node that is
//! not alive.

use erts_core::{build, Atom, Term};

use super::{atom, bifs};
use crate::exception::Exception;
use crate::process::Process;

/// This node's name.
fn this_node() -> Term {
    Term::atom(Atom::NONODE_NOHOST)
}

/// The items of `nodes/1`'s argument: an atom or a list of atoms.
///
/// # Safety
///
/// `kinds` is valid.
unsafe fn node_kinds(kinds: Term) -> Result<Vec<Atom>, Exception> {
    if let Some(kind) = kinds.as_atom() {
        return Ok(vec![kind]);
    }
    let mut read = Vec::new();
    let mut rest = kinds;
    // SAFETY: forwarded from the caller; every tail is valid.
    while let (Some(head), Some(tail)) = (unsafe { rest.head() }, unsafe { rest.tail() }) {
        read.push(head.as_atom().ok_or_else(Exception::badarg)?);
        rest = tail;
    }
    if rest != Term::NIL {
        return Err(Exception::badarg());
    }
    Ok(read)
}

/// Whether the node kinds `kinds` take in this node (only `this` and
/// `known` do: no other node is known).
fn includes_this_node(kinds: &[Atom]) -> Result<bool, Exception> {
    let mut this = false;
    for kind in kinds {
        match kind.name() {
            "this" | "known" => this = true,
            "visible" | "hidden" | "connected" => {}
            _ => return Err(Exception::badarg()),
        }
    }
    Ok(this)
}

/// `erlang:nodes/1`.
///
/// # Safety
///
/// The terms are valid.
unsafe fn nodes_1(process: &mut Process, kinds: Term) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    if !includes_this_node(&unsafe { node_kinds(kinds) }?)? {
        return Ok(Term::NIL);
    }
    // SAFETY: no term is held across the collection.
    unsafe { process.ensure_room(2, process.live as usize, &mut []) }?;
    process
        .build(|heap| build::list(heap, &[this_node()], Term::NIL))
        .ok_or_else(Exception::system_limit)
}

/// `erlang:nodes/2`: `{Node, Info}` pairs, the info map holding the keys
/// asked for (`connection_id` and `node_type`).
///
/// # Safety
///
/// The terms are valid.
unsafe fn nodes_2(process: &mut Process, kinds: Term, options: Term) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    let this = includes_this_node(&unsafe { node_kinds(kinds) }?)?;
    // SAFETY: as above.
    let asked =
        unsafe { erts_core::map::iteration_order(options) }.map_err(|_| Exception::badarg())?;
    let mut info = Vec::new();
    for (key, value) in asked {
        let wanted = match value.as_atom() {
            Some(Atom::TRUE) => true,
            Some(Atom::FALSE) => false,
            _ => return Err(Exception::badarg()),
        };
        match key.as_atom().map(Atom::name) {
            Some("connection_id") if wanted => info.push((key, Term::atom(Atom::UNDEFINED))),
            Some("node_type") if wanted => info.push((key, atom("this")?)),
            Some("connection_id" | "node_type") => {}
            _ => return Err(Exception::badarg()),
        }
    }
    if !this {
        return Ok(Term::NIL);
    }
    // SAFETY: the keys are atoms.
    info.sort_by(|a, b| unsafe { erts_core::compare(a.0, b.0) });
    let words = 2 + 3 + 2 + (info.len() + 1) + 2 * info.len() + 4;
    // SAFETY: the keys and values are atoms.
    unsafe { process.ensure_room(words, process.live as usize, &mut []) }?;
    process
        .build(|heap| {
            let keys: Vec<Term> = info.iter().map(|(key, _)| *key).collect();
            let values: Vec<Term> = info.iter().map(|(_, value)| *value).collect();
            let keys = build::tuple(heap, &keys)?;
            let map = build::flat_map(heap, keys, &values)?;
            let pair = build::tuple(heap, &[this_node(), map])?;
            build::list(heap, &[pair], Term::NIL)
        })
        .ok_or_else(Exception::system_limit)
}

/// `erlang:monitor_node(Node, Flag)`: `true` for this node (which never
/// goes down); `notalive` for any other, as on a node that is not alive.
fn monitor_node_2(process: &mut Process, node: Term, flag: Term) -> Result<Term, Exception> {
    let (Some(node), Some(Atom::TRUE | Atom::FALSE)) = (node.as_atom(), flag.as_atom()) else {
        return Err(Exception::badarg());
    };
    let _ = process;
    if node != Atom::NONODE_NOHOST {
        return Err(Exception::error(atom("notalive")?));
    }
    Ok(Term::atom(Atom::TRUE))
}

/// `erlang:monitor_node/3`: as `monitor_node/2`, with the options
/// `allow_passive_connect` (the only one BEAM knows).
///
/// # Safety
///
/// The terms are valid.
unsafe fn monitor_node_3(
    process: &mut Process,
    node: Term,
    flag: Term,
    options: Term,
) -> Result<Term, Exception> {
    let mut rest = options;
    // SAFETY: forwarded from the caller; every tail is valid.
    while let (Some(head), Some(tail)) = (unsafe { rest.head() }, unsafe { rest.tail() }) {
        if head.as_atom().map(Atom::name) != Some("allow_passive_connect") {
            return Err(Exception::badarg());
        }
        rest = tail;
    }
    if rest != Term::NIL {
        return Err(Exception::badarg());
    }
    monitor_node_2(process, node, flag)
}

/// `erlang:setnode/2` (what `net_kernel` calls to make the node alive):
/// `badarg`, the node cannot become distributed.
fn setnode_2(_process: &mut Process, _node: Term, _creation: Term) -> Result<Term, Exception> {
    Err(Exception::badarg())
}

/// `erts_internal:new_connection/1`: `notalive`.
fn new_connection_1(_process: &mut Process, _node: Term) -> Result<Term, Exception> {
    Err(Exception::error(atom("notalive")?))
}

/// `erts_internal:abort_pending_connection/2`: `badarg`, as for any
/// connection id this node did not make.
fn abort_pending_connection_2(
    _process: &mut Process,
    _node: Term,
    _connection: Term,
) -> Result<Term, Exception> {
    Err(Exception::badarg())
}

bifs! {
    erlang:"nodes"/1 (kinds) => process nodes_1;
    erlang:"nodes"/2 (kinds, options) => process nodes_2;
    erlang:"monitor_node"/2 (node, flag) => process monitor_node_2;
    erlang:"monitor_node"/3 (node, flag, options) => process monitor_node_3;
    erlang:"setnode"/2 (node, creation) => process setnode_2;
    erts_internal:"new_connection"/1 (node) => process new_connection_1;
    erts_internal:"abort_pending_connection"/2 (node, connection) => process abort_pending_connection_2;
}
