//! Decoding of the external term format (what `term_to_binary/1` writes),
//! into owned [`Term`]s: the literal table, `Attr`, `CInf` and `Meta`.

use std::io::Read;

use num_bigint::{BigInt, Sign};

use super::cursor::Cursor;
use super::error::{at, Res};
use super::term::{FunTerm, Int, Term};

const VERSION: u8 = 131;
/// Deeper nesting than this is rejected rather than risking the native stack.
const MAX_DEPTH: usize = 1000;
/// A compressed term may not claim to inflate beyond this.
const MAX_INFLATED: usize = 256 << 20;

/// Decodes one complete encoded term (starting with the version byte 131);
/// `base` is the offset of `bytes` in the file, for error messages.
pub(crate) fn decode(bytes: &[u8], base: usize) -> Res<Term> {
    let mut cursor = Cursor::new(bytes, base);
    let version = cursor.u8("term version")?;
    if version != VERSION {
        return at(
            base,
            format!("external term format version {version}, expected 131"),
        );
    }
    let term = if cursor.rest().first() == Some(&80) {
        cursor.u8("tag")?;
        decode_compressed(&mut cursor)?
    } else {
        Decoder { depth: 0 }.term(&mut cursor)?
    };
    if !cursor.is_empty() {
        return at(
            cursor.offset(),
            format!("{} bytes after the encoded term", cursor.remaining()),
        );
    }
    Ok(term)
}

fn decode_compressed(cursor: &mut Cursor) -> Res<Term> {
    let offset = cursor.offset();
    let size = cursor.u32("inflated size")? as usize;
    if size > MAX_INFLATED {
        return at(offset, format!("compressed term claims {size} bytes"));
    }
    let inflated =
        inflate(cursor.rest(), size).map_err(|what| super::error::At { offset, what })?;
    cursor.take(cursor.remaining(), "compressed term")?;
    let mut inner = Cursor::new(&inflated, offset);
    let term = Decoder { depth: 0 }.term(&mut inner)?;
    if !inner.is_empty() {
        return at(offset, "bytes after the compressed term");
    }
    Ok(term)
}

/// Inflates zlib data that must come to exactly `size` bytes.
pub(crate) fn inflate(compressed: &[u8], size: usize) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(size.min(compressed.len().saturating_mul(16)));
    let mut decoder = flate2::read::ZlibDecoder::new(compressed).take(size as u64 + 1);
    decoder
        .read_to_end(&mut out)
        .map_err(|e| format!("zlib: {e}"))?;
    if out.len() != size {
        return Err(format!(
            "inflates to {}{} bytes, header says {size}",
            if out.len() > size { "more than " } else { "" },
            out.len().min(size + 1)
        ));
    }
    Ok(out)
}

struct Decoder {
    depth: usize,
}

impl Decoder {
    fn term(&mut self, c: &mut Cursor) -> Res<Term> {
        let offset = c.offset();
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return at(offset, format!("term nested deeper than {MAX_DEPTH}"));
        }
        let tag = c.u8("term tag")?;
        let term = match tag {
            97 => Term::Int(Int::Small(c.u8("integer")? as i64)),
            98 => Term::Int(Int::Small(c.i32("integer")? as i64)),
            99 => {
                let text = c.take(31, "float string")?;
                let text = text.split(|b| *b == 0).next().unwrap_or(&[]);
                let parsed = std::str::from_utf8(text)
                    .ok()
                    .and_then(|s| s.trim().parse::<f64>().ok());
                match parsed {
                    Some(f) if f.is_finite() => Term::Float(f),
                    _ => return at(offset, "unreadable FLOAT_EXT"),
                }
            }
            70 => {
                let bits = c.take(8, "float")?;
                let f = f64::from_be_bytes(bits.try_into().expect("took 8 bytes"));
                if !f.is_finite() {
                    return at(offset, "float is not finite");
                }
                Term::Float(f)
            }
            100 | 118 => {
                let n = c.u16("atom length")? as usize;
                atom(c, n, tag == 100, offset)?
            }
            115 | 119 => {
                let n = c.u8("atom length")? as usize;
                atom(c, n, tag == 115, offset)?
            }
            104 => {
                let n = c.u8("tuple arity")? as usize;
                Term::Tuple(self.terms(c, n)?)
            }
            105 => {
                let n = c.count(1, "tuple arity")?;
                Term::Tuple(self.terms(c, n)?)
            }
            106 => Term::Nil,
            107 => {
                let n = c.u16("string length")? as usize;
                let bytes = c.take(n, "string")?;
                match n {
                    0 => Term::Nil,
                    _ => Term::List(
                        bytes
                            .iter()
                            .map(|b| Term::Int(Int::Small(*b as i64)))
                            .collect(),
                        Box::new(Term::Nil),
                    ),
                }
            }
            108 => {
                let n = c.count(1, "list length")?;
                let elements = self.terms(c, n)?;
                let tail = self.term(c)?;
                match n {
                    0 => tail,
                    _ => Term::List(elements, Box::new(tail)),
                }
            }
            109 => {
                let n = c.count(1, "binary length")?;
                Term::binary(c.take(n, "binary")?.to_vec())
            }
            77 => {
                let n = c.count(1, "bitstring length")?;
                let bits_in_last = c.u8("bits in last byte")?;
                if n == 0 || !(1..=8).contains(&bits_in_last) {
                    return at(
                        offset,
                        format!("bitstring of {n} bytes with {bits_in_last} bits in the last"),
                    );
                }
                let mut bytes = c.take(n, "bitstring")?.to_vec();
                // The unused low bits are not part of the value.
                bytes[n - 1] &= 0xffu8 << (8 - bits_in_last);
                Term::Bits {
                    bytes,
                    bits_in_last,
                }
            }
            110 => {
                let n = c.u8("bignum length")? as usize;
                bignum(c, n)?
            }
            111 => {
                let n = c.count(1, "bignum length")?;
                bignum(c, n)?
            }
            116 => {
                let n = c.count(2, "map size")?;
                let mut pairs = Vec::with_capacity(n);
                for _ in 0..n {
                    let key = self.term(c)?;
                    let value = self.term(c)?;
                    pairs.push((key, value));
                }
                Term::Map(pairs)
            }
            113 => {
                let module = Box::new(self.atom_term(c)?);
                let function = Box::new(self.atom_term(c)?);
                let arity = match self.term(c)? {
                    Term::Int(Int::Small(n)) if (0..=255).contains(&n) => n as u8,
                    _ => return at(offset, "export arity is not a small integer"),
                };
                Term::Export {
                    module,
                    function,
                    arity,
                }
            }
            112 => self.new_fun(c, offset)?,
            103 | 88 => {
                let node = Box::new(self.atom_term(c)?);
                let id = c.u32("pid id")?;
                let serial = c.u32("pid serial")?;
                let creation = if tag == 103 {
                    c.u8("creation")? as u32
                } else {
                    c.u32("creation")?
                };
                Term::Pid {
                    node,
                    id,
                    serial,
                    creation,
                }
            }
            102 | 89 | 120 => {
                let node = Box::new(self.atom_term(c)?);
                let id = if tag == 120 {
                    c.i64("port id")? as u64
                } else {
                    c.u32("port id")? as u64
                };
                let creation = if tag == 102 {
                    c.u8("creation")? as u32
                } else {
                    c.u32("creation")?
                };
                Term::Port { node, id, creation }
            }
            101 => {
                let node = Box::new(self.atom_term(c)?);
                let id = c.u32("reference id")?;
                let creation = c.u8("creation")? as u32;
                Term::Ref {
                    node,
                    creation,
                    ids: vec![id],
                }
            }
            114 | 90 => {
                let n = c.u16("reference length")? as usize;
                if n > 5 {
                    return at(offset, format!("reference of {n} words"));
                }
                let node = Box::new(self.atom_term(c)?);
                let creation = if tag == 114 {
                    c.u8("creation")? as u32
                } else {
                    c.u32("creation")?
                };
                let ids = (0..n)
                    .map(|_| c.u32("reference id"))
                    .collect::<Res<Vec<_>>>()?;
                Term::Ref {
                    node,
                    creation,
                    ids,
                }
            }
            _ => return at(offset, format!("unknown term tag {tag}")),
        };
        self.depth -= 1;
        Ok(term)
    }

    fn terms(&mut self, c: &mut Cursor, n: usize) -> Res<Vec<Term>> {
        c.check_count(n, 1, c.offset(), "elements")?;
        (0..n).map(|_| self.term(c)).collect()
    }

    fn atom_term(&mut self, c: &mut Cursor) -> Res<Term> {
        let offset = c.offset();
        match self.term(c)? {
            term @ Term::Atom(_) => Ok(term),
            _ => at(offset, "expected an atom"),
        }
    }

    fn new_fun(&mut self, c: &mut Cursor, offset: usize) -> Res<Term> {
        let size = c.u32("fun size")? as usize;
        if size < 4 || size - 4 > c.remaining() {
            return at(offset, format!("fun of {size} bytes"));
        }
        let arity = c.u8("fun arity")?;
        let uniq: [u8; 16] = c.take(16, "fun uniq")?.try_into().expect("took 16 bytes");
        let index = c.u32("fun index")?;
        let n_free = c.u32("fun free count")? as usize;
        let module = self.atom_term(c)?;
        let old_index = self.term(c)?;
        let old_uniq = self.term(c)?;
        let pid = self.term(c)?;
        let free = self.terms(c, n_free)?;
        Ok(Term::Fun(Box::new(FunTerm {
            module,
            arity,
            uniq,
            index,
            old_index,
            old_uniq,
            pid,
            free,
        })))
    }
}

fn atom(c: &mut Cursor, n: usize, latin1: bool, offset: usize) -> Res<Term> {
    let bytes = c.take(n, "atom text")?;
    let text = if latin1 {
        bytes.iter().map(|b| *b as char).collect()
    } else {
        match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(_) => return at(offset, "atom text is not UTF-8"),
        }
    };
    if text.chars().count() > 255 {
        return at(offset, "atom longer than 255 characters");
    }
    Ok(Term::Atom(text))
}

fn bignum(c: &mut Cursor, n: usize) -> Res<Term> {
    let sign = c.u8("bignum sign")?;
    let digits = c.take(n, "bignum digits")?;
    let sign = match sign {
        0 => Sign::Plus,
        1 => Sign::Minus,
        _ => return at(c.offset(), format!("bignum sign byte {sign}")),
    };
    Ok(Term::Int(Int::from_big(BigInt::from_bytes_le(
        sign, digits,
    ))))
}
