//! The port BIFs in a runtime without ports. No port can exist, so every
//! port operation answers as BEAM does for a term that is not a port (the
//! `erts_internal` ones return the error for `erlang`'s Erlang code to raise),
//! and opening one fails with `enotsup` (through `erlang:open_port/2`,
//! whose Erlang code raises what `erts_internal:open_port/2` returns).

use erts_core::Term;

use super::{atom, bifs};
use crate::exception::Exception;
use crate::process::Process;

/// `erts_internal:open_port/2`: the reason `erlang:open_port/2` raises.
fn open_port_2(_process: &mut Process, _name: Term, _settings: Term) -> Result<Term, Exception> {
    atom("enotsup")
}

/// `erts_internal:port_info/1`: `undefined` for a name (no port is
/// registered), else `badarg`.
fn port_info_1(_process: &mut Process, port: Term) -> Result<Term, Exception> {
    atom(if port.is_atom() {
        "undefined"
    } else {
        "badarg"
    })
}

/// `erts_internal:port_info/2`: `undefined` for a name, else `badtype`.
fn port_info_2(_process: &mut Process, port: Term, _item: Term) -> Result<Term, Exception> {
    atom(if port.is_atom() {
        "undefined"
    } else {
        "badtype"
    })
}

/// `erts_internal:port_close/1`.
fn port_close_1(_process: &mut Process, _port: Term) -> Result<Term, Exception> {
    atom("badarg")
}

/// `erts_internal:port_command/3`.
fn port_command_3(
    _process: &mut Process,
    _port: Term,
    _data: Term,
    _options: Term,
) -> Result<Term, Exception> {
    atom("badarg")
}

/// `erts_internal:port_control/3`.
fn port_control_3(
    _process: &mut Process,
    _port: Term,
    _operation: Term,
    _data: Term,
) -> Result<Term, Exception> {
    atom("badarg")
}

/// `erlang:port_set_data/2` and `port_get_data/1`: `badarg`, as for any
/// term that is not a port.
fn port_set_data_2(_process: &mut Process, _port: Term, _data: Term) -> Result<Term, Exception> {
    Err(Exception::badarg())
}

fn port_get_data_1(_process: &mut Process, _port: Term) -> Result<Term, Exception> {
    Err(Exception::badarg())
}

bifs! {
    erts_internal:"open_port"/2 (name, settings) => process open_port_2;
    erts_internal:"port_info"/1 (port) => process port_info_1;
    erts_internal:"port_info"/2 (port, item) => process port_info_2;
    erts_internal:"port_close"/1 (port) => process port_close_1;
    erts_internal:"port_command"/3 (port, data, options) => process port_command_3;
    erts_internal:"port_control"/3 (port, operation, data) => process port_control_3;
    erlang:"port_set_data"/2 (port, data) => process port_set_data_2;
    erlang:"port_get_data"/1 (port) => process port_get_data_1;
}
