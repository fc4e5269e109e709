//! Erlang terms as text, the way `io_lib:write/1` (`~w`) writes them.

use std::fmt::Write;

use erts_core::float_to_short_string;

use crate::beam::{sorted_pairs, Term};

pub fn write_term(out: &mut String, term: &Term) {
    match term {
        Term::Int(n) => write!(out, "{n}").expect("writing to a String"),
        Term::Float(f) => out.push_str(&float_to_short_string(*f)),
        Term::Atom(name) => write_atom(out, name),
        Term::Nil => out.push_str("[]"),
        Term::Tuple(elements) => {
            out.push('{');
            write_seq(out, elements);
            out.push('}');
        }
        Term::List(elements, tail) => {
            out.push('[');
            write_seq(out, elements);
            if **tail != Term::Nil {
                out.push('|');
                write_term(out, tail);
            }
            out.push(']');
        }
        Term::Map(pairs) => {
            out.push_str("#{");
            for (n, (key, value)) in sorted_pairs(pairs).into_iter().enumerate() {
                if n > 0 {
                    out.push(',');
                }
                write_term(out, key);
                out.push_str(" => ");
                write_term(out, value);
            }
            out.push('}');
        }
        Term::Bits {
            bytes,
            bits_in_last,
        } => {
            out.push_str("<<");
            for (n, byte) in bytes.iter().enumerate() {
                if n > 0 {
                    out.push(',');
                }
                let last = n + 1 == bytes.len();
                if last && *bits_in_last < 8 {
                    let value = byte >> (8 - bits_in_last);
                    write!(out, "{value}:{bits_in_last}").expect("writing to a String");
                } else {
                    write!(out, "{byte}").expect("writing to a String");
                }
            }
            out.push_str(">>");
        }
        Term::Export {
            module,
            function,
            arity,
        } => {
            out.push_str("fun ");
            write_term(out, module);
            out.push(':');
            write_term(out, function);
            write!(out, "/{arity}").expect("writing to a String");
        }
        Term::Fun(fun) => {
            out.push_str("#Fun<");
            write_term(out, &fun.module);
            write!(out, ".{}.{}>", fun.index, u128::from_be_bytes(fun.uniq))
                .expect("writing to a String");
        }
        Term::Pid { id, serial, .. } => {
            write!(out, "<0.{id}.{serial}>").expect("writing to a String")
        }
        Term::Port { id, .. } => write!(out, "#Port<0.{id}>").expect("writing to a String"),
        Term::Ref { ids, .. } => {
            out.push_str("#Ref<0");
            for id in ids.iter().rev() {
                write!(out, ".{id}").expect("writing to a String");
            }
            out.push('>');
        }
    }
}

fn write_seq(out: &mut String, terms: &[Term]) {
    for (n, term) in terms.iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        write_term(out, term);
    }
}

/// Writes an atom, quoted unless it reads back unquoted.
pub fn write_atom(out: &mut String, name: &str) {
    if is_unquoted_atom(name) {
        out.push_str(name);
        return;
    }
    out.push('\'');
    for c in name.chars() {
        match c {
            '\'' => out.push_str("\\'"),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{b}' => out.push_str("\\v"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            '\u{1b}' => out.push_str("\\e"),
            '\u{7f}' => out.push_str("\\d"),
            c if (c as u32) < 0x20 || (0x80..0xa0).contains(&(c as u32)) => {
                write!(out, "\\{:03o}", c as u32).expect("writing to a String")
            }
            c if (c as u32) > 0xff => {
                write!(out, "\\x{{{:X}}}", c as u32).expect("writing to a String")
            }
            c => out.push(c),
        }
    }
    out.push('\'');
}

fn is_unquoted_atom(name: &str) -> bool {
    let mut chars = name.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    is_latin1_lower(first) && chars.all(is_latin1_name_char) && !is_reserved_word(name)
}

fn is_latin1_lower(c: char) -> bool {
    c.is_ascii_lowercase() || (('\u{df}'..='\u{ff}').contains(&c) && c != '\u{f7}')
}

fn is_latin1_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || c == '_'
        || c == '@'
        || (('\u{c0}'..='\u{ff}').contains(&c) && c != '\u{d7}' && c != '\u{f7}')
}

fn is_reserved_word(name: &str) -> bool {
    matches!(
        name,
        "after"
            | "and"
            | "andalso"
            | "band"
            | "begin"
            | "bnot"
            | "bor"
            | "bsl"
            | "bsr"
            | "bxor"
            | "case"
            | "catch"
            | "cond"
            | "div"
            | "end"
            | "fun"
            | "if"
            | "let"
            | "not"
            | "of"
            | "or"
            | "orelse"
            | "receive"
            | "rem"
            | "try"
            | "when"
            | "xor"
    )
}

#[cfg(test)]
mod tests {
    use super::write_atom;

    fn atom(name: &str) -> String {
        let mut out = String::new();
        write_atom(&mut out, name);
        out
    }

    /// Pairs printed by `erl` (OTP 25) with `~w`.
    #[test]
    fn atoms_quote_as_beam_does() {
        let cases = [
            ("a b", "'a b'"),
            ("Ab", "'Ab'"),
            ("\u{e9}", "\u{e9}"),
            ("\n", "'\\n'"),
            ("a\\b", "'a\\\\b'"),
            ("it's", "'it\\'s'"),
            ("\u{65e5}\u{672c}", "'\\x{65E5}\\x{672C}'"),
            ("\u{7f}", "'\\d'"),
            ("\u{1}", "'\\001'"),
            ("\u{a0}", "'\u{a0}'"),
            ("@a", "'@a'"),
            ("a@b", "a@b"),
            ("a\u{d7}", "'a\u{d7}'"),
            ("", "''"),
            ("catch", "'catch'"),
            ("a1_", "a1_"),
        ];
        for (name, expected) in cases {
            assert_eq!(atom(name), expected);
        }
    }
}
