//! Terms as `erlang:display/1` writes them: like `~w`, except that
//! printable lists and binaries are shown as strings, floats with `%e`
//! and maps without spaces.

use std::fmt::Write;

use erts_core::tag::Subtag;
use erts_core::{Atom, Term};

/// Writes `term` as `erlang:display/1` does.
///
/// # Safety
///
/// `term` and everything it refers to are valid (no collection since).
pub unsafe fn display(out: &mut String, term: Term) {
    if let Some(n) = term.as_small() {
        let _ = write!(out, "{n}");
    } else if let Some(atom) = term.as_atom() {
        write_atom(out, atom);
    } else if term == Term::NIL {
        out.push_str("[]");
    } else if term.is_local_pid() || term.is_local_port() {
        // SAFETY: forwarded from the caller.
        out.push_str(&unsafe { identity_text(term) }.unwrap_or_default());
    } else if term.is_list() {
        // SAFETY: forwarded from the caller.
        unsafe { display_list(out, term) };
    } else if term.is_boxed() {
        // SAFETY: forwarded from the caller.
        unsafe { display_boxed(out, term) };
    } else {
        let _ = write!(out, "#Term<{:#x}>", term.bits());
    }
}

/// # Safety
///
/// As [`display`]; `list` is a cons.
unsafe fn display_list(out: &mut String, list: Term) {
    // SAFETY: forwarded from the caller.
    if let Some(text) = unsafe { printable_list(list) } {
        out.push('"');
        out.push_str(&text);
        out.push('"');
        return;
    }
    out.push('[');
    let mut rest = list;
    let mut first = true;
    while rest.is_list() && rest != Term::NIL {
        if !first {
            out.push(',');
        }
        first = false;
        // SAFETY: `rest` is a cons (checked), valid per the caller.
        let (Some(head), Some(tail)) = (unsafe { rest.head() }, unsafe { rest.tail() }) else {
            break;
        };
        // SAFETY: forwarded from the caller.
        unsafe { display(out, head) };
        rest = tail;
    }
    if rest != Term::NIL {
        out.push('|');
        // SAFETY: forwarded from the caller.
        unsafe { display(out, rest) };
    }
    out.push(']');
}

/// The text of a proper list of printable ASCII characters.
///
/// # Safety
///
/// As [`display`].
unsafe fn printable_list(list: Term) -> Option<String> {
    let mut text = String::new();
    let mut rest = list;
    while rest != Term::NIL {
        if !rest.is_list() {
            return None;
        }
        // SAFETY: `rest` is a cons (checked), valid per the caller.
        let (Some(head), Some(tail)) = (unsafe { rest.head() }, unsafe { rest.tail() }) else {
            break;
        };
        let c = head.as_small().filter(|c| (32..127).contains(c))? as u8 as char;
        if c == '"' || c == '\\' {
            text.push('\\');
        }
        text.push(c);
        rest = tail;
    }
    Some(text)
}

/// # Safety
///
/// As [`display`]; `term` is boxed.
unsafe fn display_boxed(out: &mut String, term: Term) {
    // SAFETY: forwarded from the caller.
    let Some(header) = (unsafe { term.header() }) else {
        return;
    };
    match header.subtag() {
        Subtag::Tuple => {
            out.push('{');
            // SAFETY: a tuple, valid per the caller.
            let elements = unsafe { term.tuple_elements() }.unwrap_or_default();
            for (n, element) in elements.iter().enumerate() {
                if n > 0 {
                    out.push(',');
                }
                // SAFETY: forwarded from the caller.
                unsafe { display(out, *element) };
            }
            out.push('}');
        }
        Subtag::Float => {
            // SAFETY: a float, valid per the caller.
            let value = unsafe { term.float_value() }.unwrap_or_default();
            let _ = write!(out, "{}", c_style_e(value));
        }
        Subtag::PositiveBignum | Subtag::NegativeBignum => {
            // SAFETY: a bignum, valid per the caller.
            let value = unsafe { erts_core::bif::number::integer_of(term) };
            if let Some(value) = value {
                let _ = write!(out, "{value}");
            }
        }
        Subtag::HeapBinary | Subtag::RefcBinary | Subtag::SubBinary => {
            // SAFETY: a bitstring, valid per the caller.
            match unsafe { crate::bits::binary_bytes(term) }.as_deref() {
                Some(bytes) if !bytes.is_empty() && bytes.iter().all(|b| (32..127).contains(b)) => {
                    out.push_str("<<\"");
                    for byte in bytes {
                        if *byte == b'"' || *byte == b'\\' {
                            out.push('\\');
                        }
                        out.push(*byte as char);
                    }
                    out.push_str("\">>");
                }
                Some(bytes) => {
                    let text: Vec<String> = bytes.iter().map(|b| b.to_string()).collect();
                    let _ = write!(out, "<<{}>>", text.join(","));
                }
                // SAFETY: as above.
                None => match unsafe { crate::bits::bitstring_parts(term) } {
                    Some((bytes, value, n_bits)) => {
                        let mut parts: Vec<String> = bytes.iter().map(|b| b.to_string()).collect();
                        parts.push(format!("{value}:{n_bits}"));
                        let _ = write!(out, "<<{}>>", parts.join(","));
                    }
                    None => {
                        let _ = write!(out, "#Term<{:#x}>", term.bits());
                    }
                },
            }
        }
        Subtag::Map | Subtag::HashMap => {
            out.push_str("#{");
            // SAFETY: a map, valid per the caller.
            let entries = unsafe { erts_core::map::iteration_order(term) }.unwrap_or_default();
            for (n, (key, value)) in entries.into_iter().enumerate() {
                if n > 0 {
                    out.push(',');
                }
                // SAFETY: forwarded from the caller.
                unsafe { display(out, key) };
                out.push_str("=>");
                // SAFETY: forwarded from the caller.
                unsafe { display(out, value) };
            }
            out.push('}');
        }
        _ => {
            // SAFETY: forwarded from the caller.
            match unsafe { identity_text(term) } {
                Some(text) => out.push_str(&text),
                None => {
                    let _ = write!(out, "#Term<{:#x}>", term.bits());
                }
            }
        }
    }
}

/// How BEAM writes a pid, port, reference or fun (`pid_to_list/1` and
/// the like, `~w`): `<0.N.0>`, `#Port<0.N>`, `#Ref<0.A.B.C>`,
/// `#Fun<Module.Index.Uniq>`, `fun M:F/A`. `None` for other terms.
///
/// # Safety
///
/// `term` is valid.
pub unsafe fn identity_text(term: Term) -> Option<String> {
    if let Some(id) = term.as_local_pid() {
        return Some(format!("<0.{id}.0>"));
    }
    if let Some(id) = term.as_local_port() {
        return Some(format!("#Port<0.{id}>"));
    }
    // SAFETY: forwarded from the caller.
    if let Some(words) = unsafe { term.reference_words() } {
        let parts: Vec<String> = words.iter().rev().map(u64::to_string).collect();
        return Some(format!("#Ref<0.{}>", parts.join(".")));
    }
    // SAFETY: as above.
    if let Some((entry, _)) = unsafe { term.fun_parts() } {
        // SAFETY: compiled code writes a pointer to a constant `FunEntry`
        // as a closure's entry word.
        let entry = unsafe { &*(entry as *const erts_core::abi::FunEntry) };
        // SAFETY: the entry holds its module's atom word.
        let module = unsafe { Term::from_bits(entry.module) }.as_atom()?;
        let mut text = String::from("#Fun<");
        write_atom(&mut text, module);
        let _ = write!(text, ".{}.{}>", entry.index, entry.old_uniq);
        return Some(text);
    }
    // SAFETY: as above.
    if let Some((module, function, arity)) = unsafe { term.export_parts() } {
        let mut text = String::from("fun ");
        write_atom(&mut text, module);
        text.push(':');
        write_atom(&mut text, function);
        let _ = write!(text, "/{arity}");
        return Some(text);
    }
    None
}

/// `printf("%e")`: six digits after the point, a signed two-digit exponent.
fn c_style_e(value: f64) -> String {
    let text = format!("{value:.6e}");
    let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let sign = if exponent < 0 { '-' } else { '+' };
    format!("{mantissa}e{sign}{:02}", exponent.abs())
}

fn write_atom(out: &mut String, atom: Atom) {
    let name = atom.name();
    let plain = name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '@');
    if plain {
        out.push_str(name);
    } else {
        out.push('\'');
        for c in name.chars() {
            if c == '\'' || c == '\\' {
                out.push('\\');
            }
            out.push(c);
        }
        out.push('\'');
    }
}
