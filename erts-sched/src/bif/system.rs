//! BIFs about the running system rather than terms: identities as text,
//! the environment, `persistent_term`, and what code loading asks of a
//! program that cannot load code.

use std::collections::HashMap;
use std::sync::Mutex;

use erts_core::{build, copy_term, size_of_term, Atom, HeapFragment, Term};
use erts_core::{term_to_binary, EncodeOptions};

use super::{atom, bifs};
use crate::display::identity_text;
use crate::exception::Exception;
use crate::process::Process;

/// A string (a list of characters) on the process heap.
fn string(process: &mut Process, text: &str) -> Result<Term, Exception> {
    let chars: Vec<Term> = text
        .chars()
        .map(|c| Term::small(i64::from(u32::from(c))).expect("a char is small"))
        .collect();
    // SAFETY: no term is held across the collection.
    unsafe { process.ensure_room(2 * chars.len(), process.live as usize, &mut []) }?;
    process
        .build(|heap| build::list(heap, &chars, Term::NIL))
        .ok_or_else(Exception::system_limit)
}

/// `pid_to_list/1`, `port_to_list/1`, `ref_to_list/1`, `fun_to_list/1`:
/// the text of a term that `accepts` says is of the right kind.
///
/// # Safety
///
/// The term is valid.
unsafe fn identity_to_list(
    process: &mut Process,
    term: Term,
    accepts: impl Fn(Term) -> bool,
) -> Result<Term, Exception> {
    if !accepts(term) {
        return Err(Exception::badarg());
    }
    // SAFETY: forwarded from the caller.
    let text = unsafe { identity_text(term) }.ok_or_else(Exception::badarg)?;
    string(process, &text)
}

/// # Safety
///
/// The term is valid.
unsafe fn pid_to_list_1(process: &mut Process, pid: Term) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    unsafe { identity_to_list(process, pid, Term::is_local_pid) }
}

/// # Safety
///
/// The term is valid.
unsafe fn port_to_list_1(process: &mut Process, port: Term) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    unsafe { identity_to_list(process, port, Term::is_local_port) }
}

/// # Safety
///
/// The term is valid.
unsafe fn ref_to_list_1(process: &mut Process, reference: Term) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller (every check reads a valid term).
    unsafe { identity_to_list(process, reference, |t| t.reference_words().is_some()) }
}

/// # Safety
///
/// The term is valid.
unsafe fn fun_to_list_1(process: &mut Process, fun: Term) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller (every check reads a valid term).
    unsafe {
        identity_to_list(process, fun, |t| {
            t.fun_parts().is_some() || t.export_parts().is_some()
        })
    }
}

/// The characters of a string argument, or `badarg`.
///
/// # Safety
///
/// The term is valid.
unsafe fn string_argument(mut list: Term) -> Result<String, Exception> {
    let mut text = String::new();
    // SAFETY: forwarded from the caller; every tail is valid.
    while let (Some(head), Some(tail)) = (unsafe { list.head() }, unsafe { list.tail() }) {
        let c = head
            .as_small()
            .and_then(|c| u32::try_from(c).ok())
            .and_then(char::from_u32)
            .ok_or_else(Exception::badarg)?;
        text.push(c);
        list = tail;
    }
    if list != Term::NIL {
        return Err(Exception::badarg());
    }
    Ok(text)
}

/// `os:getenv/1`: the variable's value as a string, or `false`.
///
/// # Safety
///
/// The term is valid.
unsafe fn getenv_1(process: &mut Process, name: Term) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    let name = unsafe { string_argument(name) }?;
    if name.is_empty() || name.contains('=') || name.contains('\0') {
        return Ok(Term::atom(Atom::FALSE));
    }
    match std::env::var_os(&name) {
        Some(value) => string(process, &value.to_string_lossy()),
        None => Ok(Term::atom(Atom::FALSE)),
    }
}

/// `io:printable_range/0`: which characters `~p` shows as text; BEAM's
/// default (`+pc latin1`).
fn printable_range_0(_process: &mut Process) -> Result<Term, Exception> {
    atom("latin1")
}

/// `erlang:module_loaded/1`: whether the program has the module.
fn module_loaded_1(_process: &mut Process, module: Term) -> Result<Term, Exception> {
    let module = module.as_atom().ok_or_else(Exception::badarg)?;
    let linked = crate::funs::has_module(module);
    Ok(Term::atom(if linked { Atom::TRUE } else { Atom::FALSE }))
}

/// `erts_internal:prepare_loading/2`: earts loads no code at run time
/// (every module is compiled into the program), so every binary is one it
/// cannot load.
fn prepare_loading_2(process: &mut Process, _module: Term, _code: Term) -> Result<Term, Exception> {
    let (error, badfile) = (atom("error")?, atom("badfile")?);
    // SAFETY: no term is held across the collection.
    unsafe { process.ensure_room(3, process.live as usize, &mut []) }?;
    process
        .build(|heap| build::tuple(heap, &[error, badfile]))
        .ok_or_else(Exception::system_limit)
}

/// `erlang:has_prepared_code_on_load/1`: there is never prepared code.
fn has_prepared_code_on_load_1(_process: &mut Process, _code: Term) -> Result<Term, Exception> {
    Err(Exception::badarg())
}

/// `persistent_term`'s table: each value copied once outside every
/// process heap, where it stays (as literals do) for the run of the
/// program; keys by their external term format, equal exactly when the
/// keys are `=:=`. A replaced value's copy is not freed (BEAM frees it
/// after a global collection).
struct PersistentTerms {
    /// The key and its value, both copied.
    values: HashMap<Vec<u8>, (Term, Term)>,
}

// SAFETY: the values live in leaked fragments that nothing writes.
unsafe impl Send for PersistentTerms {}

static PERSISTENT: Mutex<Option<PersistentTerms>> = Mutex::new(None);

/// # Safety
///
/// The term is valid.
unsafe fn key_bytes(key: Term) -> Result<Vec<u8>, Exception> {
    // SAFETY: forwarded from the caller.
    unsafe { term_to_binary(key, &EncodeOptions::default()) }.map_err(|_| Exception::badarg())
}

fn persistent_get(key: &[u8]) -> Option<Term> {
    let table = PERSISTENT.lock().unwrap_or_else(|e| e.into_inner());
    table.as_ref()?.values.get(key).map(|(_, value)| *value)
}

/// `persistent_term:get/1`.
///
/// # Safety
///
/// The term is valid.
unsafe fn persistent_get_1(_process: &mut Process, key: Term) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    persistent_get(&unsafe { key_bytes(key) }?).ok_or_else(Exception::badarg)
}

/// `persistent_term:get/2`.
///
/// # Safety
///
/// The terms are valid.
unsafe fn persistent_get_2(
    _process: &mut Process,
    key: Term,
    default: Term,
) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    Ok(persistent_get(&unsafe { key_bytes(key) }?).unwrap_or(default))
}

/// `persistent_term:put/2`.
///
/// # Safety
///
/// The terms are valid.
unsafe fn persistent_put_2(
    _process: &mut Process,
    key: Term,
    value: Term,
) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    let key_text = unsafe { key_bytes(key) }?;
    // SAFETY: as above.
    let words = unsafe { size_of_term(key) + size_of_term(value) };
    let mut fragment = HeapFragment::with_capacity(words).map_err(|_| Exception::system_limit())?;
    // SAFETY: as above; the fragment has room for both.
    let copies = unsafe { copy_term(key, &mut fragment).zip(copy_term(value, &mut fragment)) }
        .ok_or_else(Exception::system_limit)?;
    // The copies must outlive every process that reads them.
    std::mem::forget(fragment);
    let mut table = PERSISTENT.lock().unwrap_or_else(|e| e.into_inner());
    let table = table.get_or_insert_with(|| PersistentTerms {
        values: HashMap::new(),
    });
    table.values.insert(key_text, copies);
    atom("ok")
}

/// `persistent_term:get/0`: every `{Key, Value}`, in no particular order
/// (BEAM's is its hash table's).
fn persistent_get_0(process: &mut Process) -> Result<Term, Exception> {
    let pairs: Vec<(Term, Term)> = {
        let table = PERSISTENT.lock().unwrap_or_else(|e| e.into_inner());
        table
            .as_ref()
            .map(|t| t.values.values().copied().collect())
            .unwrap_or_default()
    };
    // SAFETY: the keys and values live outside every heap, never moved.
    unsafe { process.ensure_room(5 * pairs.len(), process.live as usize, &mut []) }?;
    process
        .build(|heap| {
            let mut list = Term::NIL;
            for (key, value) in &pairs {
                let pair = build::tuple(heap, &[*key, *value])?;
                list = build::cons(heap, pair, list)?;
            }
            Some(list)
        })
        .ok_or_else(Exception::system_limit)
}

/// `persistent_term:erase/1`: whether the key was there.
///
/// # Safety
///
/// The term is valid.
unsafe fn persistent_erase_1(_process: &mut Process, key: Term) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    let key = unsafe { key_bytes(key) }?;
    let mut table = PERSISTENT.lock().unwrap_or_else(|e| e.into_inner());
    let erased = table
        .as_mut()
        .is_some_and(|t| t.values.remove(&key).is_some());
    Ok(Term::atom(if erased { Atom::TRUE } else { Atom::FALSE }))
}

/// `erlang:fun_info/2` for the items BEAM gives of every fun: `arity`,
/// `module`, `name`, `env`, `type`, `index`, `uniq`, `pid` (the fun's
/// creator is not kept: the caller stands in, as for `erl_eval` funs).
///
/// # Safety
///
/// The terms are valid.
unsafe fn fun_info_2(process: &mut Process, fun: Term, item: Term) -> Result<Term, Exception> {
    let item_name = item.as_atom().ok_or_else(Exception::badarg)?;
    // SAFETY: forwarded from the caller.
    let value = if let Some((entry, environment)) = unsafe { fun.fun_parts() } {
        // SAFETY: compiled code writes a pointer to a constant `FunEntry`
        // as a closure's entry word.
        let entry = unsafe { &*(entry as *const erts_core::abi::FunEntry) };
        // SAFETY: the entry holds atom words.
        let (module, name) =
            unsafe { (Term::from_bits(entry.module), Term::from_bits(entry.name)) };
        match item_name.name() {
            "arity" => Term::small(i64::from(entry.arity)).expect("small"),
            "module" => module,
            "name" => name,
            "type" => atom("local")?,
            "index" | "new_index" => Term::small(i64::from(entry.index)).expect("small"),
            "uniq" => Term::small(i64::from(entry.old_uniq)).expect("small"),
            "pid" => process.pid,
            "env" => {
                let values = environment.to_vec();
                let mut roots = values.clone();
                roots.push(item);
                // SAFETY: the values and the item are the roots.
                unsafe {
                    process.ensure_room(2 * values.len() + 3, process.live as usize, &mut roots)
                }?;
                let list = process
                    .build(|heap| build::list(heap, &roots[..values.len()], Term::NIL))
                    .ok_or_else(Exception::system_limit)?;
                return pair_of(process, roots[values.len()], list);
            }
            _ => return Err(Exception::badarg()),
        }
    // SAFETY: as above.
    } else if let Some((module, name, arity)) = unsafe { fun.export_parts() } {
        match item_name.name() {
            "arity" => Term::small(i64::from(arity)).expect("small"),
            "module" => Term::atom(module),
            "name" => Term::atom(name),
            "type" => atom("external")?,
            "env" => Term::NIL,
            "index" | "new_index" | "uniq" | "new_uniq" | "pid" => atom("undefined")?,
            _ => return Err(Exception::badarg()),
        }
    } else {
        return Err(Exception::badarg());
    };
    pair_of(process, item, value)
}

/// `{First, Second}` on the process heap.
fn pair_of(process: &mut Process, first: Term, second: Term) -> Result<Term, Exception> {
    let mut roots = [first, second];
    // SAFETY: the two terms are the roots.
    unsafe { process.ensure_room(3, process.live as usize, &mut roots) }?;
    process
        .build(|heap| build::tuple(heap, &roots))
        .ok_or_else(Exception::system_limit)
}

/// `erlang:function_exported/3`: an exported function of the program,
/// or a BIF.
fn function_exported_3(
    _process: &mut Process,
    module: Term,
    function: Term,
    arity: Term,
) -> Result<Term, Exception> {
    let (Some(m), Some(f), Some(a)) = (module.as_atom(), function.as_atom(), arity.as_small())
    else {
        return Err(Exception::badarg());
    };
    let exported = u32::try_from(a).is_ok_and(|a| {
        crate::funs::export_code(module, function, u64::from(a)).is_some()
            || crate::bif::lookup(m, f, a).is_some()
    });
    Ok(Term::atom(if exported { Atom::TRUE } else { Atom::FALSE }))
}

/// `erlang:fun_info_mfa/1`: `{Module, Name, Arity}` of a fun (a local
/// fun's name is its lambda's, its arity the fun's own).
///
/// # Safety
///
/// The term is valid.
unsafe fn fun_info_mfa_1(process: &mut Process, fun: Term) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    let parts = if let Some((entry, _)) = unsafe { fun.fun_parts() } {
        // SAFETY: compiled code writes a pointer to a constant `FunEntry`
        // as a closure's entry word.
        let entry = unsafe { &*(entry as *const erts_core::abi::FunEntry) };
        // SAFETY: the entry holds atom words.
        let (module, name) =
            unsafe { (Term::from_bits(entry.module), Term::from_bits(entry.name)) };
        (module, name, i64::from(entry.arity))
    // SAFETY: as above.
    } else if let Some((module, name, arity)) = unsafe { fun.export_parts() } {
        (Term::atom(module), Term::atom(name), i64::from(arity))
    } else {
        return Err(Exception::badarg());
    };
    // SAFETY: the parts are immediates.
    unsafe { process.ensure_room(4, process.live as usize, &mut []) }?;
    let arity = Term::small(parts.2).expect("small");
    process
        .build(|heap| build::tuple(heap, &[parts.0, parts.1, arity]))
        .ok_or_else(Exception::system_limit)
}

/// `erlang:system_info/1`, for the items programs ask most: the
/// schedulers (what `ets:all/0` counts replies by).
fn system_info_1(_process: &mut Process, item: Term) -> Result<Term, Exception> {
    match item.as_atom().map(Atom::name) {
        Some("schedulers" | "schedulers_online") => {
            Ok(Term::small(crate::run_queue::schedulers() as i64).expect("small"))
        }
        _ => Err(Exception::badarg()),
    }
}

/// `erlang:load_nif/2`: `{error, {load_failed, Text}}`. An earts
/// executable loads no shared library at run time.
///
/// # Safety
///
/// The terms are valid.
unsafe fn load_nif_2(process: &mut Process, path: Term, _info: Term) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    let path = unsafe { super::char_list_text(path) }.ok_or_else(Exception::badarg)?;
    let mut text = format!("Failed to load NIF library {path}");
    text.push_str(": 'earts executables load no NIF library at run time'");
    let characters: Vec<Term> = text.chars().filter_map(|c| Term::small(c as i64)).collect();
    let words = 2 * characters.len() + 3 + 3;
    // SAFETY: no term is held across the collection.
    unsafe { process.ensure_room(words, process.live as usize, &mut []) }?;
    let (error, failed) = (atom("error")?, atom("load_failed")?);
    process
        .build(|heap| {
            let text = build::list(heap, &characters, Term::NIL)?;
            let reason = build::tuple(heap, &[failed, text])?;
            build::tuple(heap, &[error, reason])
        })
        .ok_or_else(Exception::system_limit)
}

/// `erlang:dt_spread_tag/1` on a runtime without DTrace tags: `true`.
fn dt_spread_tag_1(_process: &mut Process, flag: Term) -> Result<Term, Exception> {
    match flag.as_atom() {
        Some(Atom::TRUE | Atom::FALSE) => Ok(Term::atom(Atom::TRUE)),
        _ => Err(Exception::badarg()),
    }
}

/// `erlang:dt_restore_tag/1`: takes back what `dt_spread_tag/1` gave.
fn dt_restore_tag_1(_process: &mut Process, tag: Term) -> Result<Term, Exception> {
    match tag.as_atom() {
        Some(Atom::TRUE) => Ok(Term::atom(Atom::TRUE)),
        _ => Err(Exception::badarg()),
    }
}

bifs! {
    erlang:"load_nif"/2 (path, info) => process load_nif_2;
    erlang:"dt_spread_tag"/1 (flag) => process dt_spread_tag_1;
    erlang:"dt_restore_tag"/1 (tag) => process dt_restore_tag_1;
    erlang:"system_info"/1 (item) => process system_info_1;
    erlang:"fun_info_mfa"/1 (fun) => process fun_info_mfa_1;
    erlang:"function_exported"/3 (module, function, arity) => process function_exported_3;
    erlang:"fun_info"/2 (fun, item) => process fun_info_2;
    erlang:"pid_to_list"/1 (pid) => process pid_to_list_1;
    erlang:"port_to_list"/1 (port) => process port_to_list_1;
    erlang:"ref_to_list"/1 (reference) => process ref_to_list_1;
    erlang:"fun_to_list"/1 (fun) => process fun_to_list_1;
    os:"getenv"/1 (name) => process getenv_1;
    io:"printable_range"/0 () => process printable_range_0;
    erlang:"module_loaded"/1 (module) => process module_loaded_1;
    erts_internal:"prepare_loading"/2 (module, code) => process prepare_loading_2;
    erlang:"has_prepared_code_on_load"/1 (code) => process has_prepared_code_on_load_1;
    persistent_term:"get"/0 () => process persistent_get_0;
    persistent_term:"get"/1 (key) => process persistent_get_1;
    persistent_term:"get"/2 (key, default) => process persistent_get_2;
    persistent_term:"put"/2 (key, value) => process persistent_put_2;
    persistent_term:"erase"/1 (key) => process persistent_erase_1;
}
