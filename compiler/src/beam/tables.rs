//! The table chunks: atoms, imports, exports, lambdas, literals, strings,
//! the line table and the type table.

use super::compact;
use super::cursor::Cursor;
use super::error::{at, Res};
use super::etf;
use super::operand::{Atom, Label, Operand};
use super::term::{Int, Term};

/// Chunks larger than this are refused rather than inflated.
const MAX_LITERAL_TABLE: usize = 256 << 20;

/// `AtU8` (UTF-8) or `Atom` (Latin-1). OTP 28 writes a negative count to
/// say that lengths use the compact encoding instead of one byte.
pub(crate) fn atoms(c: &mut Cursor, utf8: bool) -> Res<Vec<String>> {
    let offset = c.offset();
    let count = c.i32("atom count")?;
    let compact_lengths = count < 0;
    let count = count.unsigned_abs() as usize;
    c.check_count(count, 1, offset, "atom table")?;
    if count == 0 {
        return at(offset, "the atom table is empty (it must name the module)");
    }
    let mut atoms = Vec::with_capacity(count);
    for _ in 0..count {
        let atom_offset = c.offset();
        let len = match compact_lengths {
            true => compact::unsigned(c, "atom length")?,
            false => c.u8("atom length")? as usize,
        };
        let bytes = c.take(len, "atom text")?;
        let text = match utf8 {
            true => match std::str::from_utf8(bytes) {
                Ok(text) => text.to_string(),
                Err(_) => return at(atom_offset, "atom is not valid UTF-8"),
            },
            false => bytes.iter().map(|b| *b as char).collect(),
        };
        atoms.push(text);
    }
    Ok(atoms)
}

/// An entry of the import table: a function of another module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Import {
    pub module: Atom,
    pub function: Atom,
    pub arity: u32,
}

/// An entry of the export or local function table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FunctionRef {
    pub function: Atom,
    pub arity: u32,
    pub label: Label,
}

/// An entry of the lambda table (`FunT`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lambda {
    pub function: Atom,
    /// The arity of the generated function: the fun's arity plus its free
    /// variables.
    pub arity: u32,
    pub label: Label,
    pub index: u32,
    pub n_free: u32,
    pub old_uniq: u32,
}

fn atom_ref(c: &mut Cursor, n_atoms: usize, what: &str) -> Res<Atom> {
    let offset = c.offset();
    let index = c.u32(what)?;
    if index == 0 || index as usize > n_atoms {
        return at(
            offset,
            format!("{what}: atom {index} out of range ({n_atoms} atoms)"),
        );
    }
    Ok(Atom(index))
}

pub(crate) fn imports(c: &mut Cursor, n_atoms: usize) -> Res<Vec<Import>> {
    let n = c.count(12, "import count")?;
    (0..n)
        .map(|_| {
            Ok(Import {
                module: atom_ref(c, n_atoms, "import module")?,
                function: atom_ref(c, n_atoms, "import function")?,
                arity: c.u32("import arity")?,
            })
        })
        .collect()
}

/// `ExpT` and `LocT`.
pub(crate) fn function_refs(c: &mut Cursor, n_atoms: usize) -> Res<Vec<FunctionRef>> {
    let n = c.count(12, "function count")?;
    (0..n)
        .map(|_| {
            Ok(FunctionRef {
                function: atom_ref(c, n_atoms, "function name")?,
                arity: c.u32("function arity")?,
                label: Label(c.u32("function label")?),
            })
        })
        .collect()
}

pub(crate) fn lambdas(c: &mut Cursor, n_atoms: usize) -> Res<Vec<Lambda>> {
    let n = c.count(24, "lambda count")?;
    (0..n)
        .map(|_| {
            Ok(Lambda {
                function: atom_ref(c, n_atoms, "lambda function")?,
                arity: c.u32("lambda arity")?,
                label: Label(c.u32("lambda label")?),
                index: c.u32("lambda index")?,
                n_free: c.u32("lambda free count")?,
                old_uniq: c.u32("lambda uniq")?,
            })
        })
        .collect()
}

/// `LitT`: the uncompressed size, then zlib data holding a count and that
/// many size-prefixed encoded terms. A size of 0 means the table is stored
/// uncompressed.
pub(crate) fn literals(c: &mut Cursor) -> Res<Vec<Term>> {
    let offset = c.offset();
    let size = c.u32("literal table size")? as usize;
    let data_offset = c.offset();
    let inflated;
    let table: &[u8] = if size == 0 {
        c.rest()
    } else {
        if size > MAX_LITERAL_TABLE {
            return at(offset, format!("literal table of {size} bytes"));
        }
        inflated = etf::inflate(c.rest(), size).map_err(|what| super::error::At {
            offset: data_offset,
            what,
        })?;
        &inflated
    };
    // Offsets inside an inflated table are reported from the chunk data's
    // start, as the bytes are not in the file.
    let mut t = Cursor::new(table, data_offset);
    let n = t.count(5, "literal count")?;
    let mut literals = Vec::with_capacity(n);
    for _ in 0..n {
        let len = t.u32("literal size")? as usize;
        let start = t.offset();
        let bytes = t.take(len, "literal")?;
        literals.push(etf::decode(bytes, start)?);
    }
    if !t.is_empty() {
        return at(t.offset(), "bytes after the last literal");
    }
    Ok(literals)
}

/// A source location of the line table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    /// 0 for the module's own source file, otherwise 1 + an index into
    /// [`LineTable::files`].
    pub file: u32,
    pub line: u32,
}

/// The `Line` chunk: locations that `line` instructions refer to by index.
/// Index 0 is "no location".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineTable {
    pub locations: Vec<Option<Location>>,
    /// File names; when empty, every location is in the module's own file.
    pub files: Vec<String>,
}

pub(crate) fn line_table(c: &mut Cursor) -> Res<LineTable> {
    let offset = c.offset();
    let version = c.u32("line table version")?;
    if version != 0 {
        return at(offset, format!("line table version {version}"));
    }
    let _flags = c.u32("line table flags")?;
    let _n_line_instructions = c.u32("line instruction count")?;
    let n_locations = c.count(1, "location count")?;
    let n_files = c.count(2, "file name count")?;
    let mut locations = Vec::with_capacity(n_locations + 1);
    locations.push(None);
    let mut file = 0;
    while locations.len() <= n_locations {
        let item_offset = c.offset();
        match compact::operand(c)? {
            Operand::Integer(Int::Small(line)) if (0..=u32::MAX as i64).contains(&line) => {
                locations.push(Some(Location {
                    file,
                    line: line as u32,
                }))
            }
            Operand::Atom(Atom(n)) if (n as usize) <= n_files => file = n,
            Operand::Nil => file = 0,
            _ => {
                return at(
                    item_offset,
                    "line table item is neither a line nor a file index",
                )
            }
        }
    }
    let mut files = Vec::with_capacity(n_files);
    for _ in 0..n_files {
        let name_offset = c.offset();
        let len = c.u16("file name length")? as usize;
        match std::str::from_utf8(c.take(len, "file name")?) {
            Ok(name) => files.push(name.to_string()),
            Err(_) => return at(name_offset, "file name is not UTF-8"),
        }
    }
    Ok(LineTable { locations, files })
}

/// The kinds of value a type-table entry may include, in one set that is
/// the same for every version of the chunk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TypeKinds(pub u16);

impl TypeKinds {
    pub const ATOM: u16 = 1 << 0;
    pub const BITSTRING: u16 = 1 << 1;
    pub const BS_CONTEXT: u16 = 1 << 2;
    pub const CONS: u16 = 1 << 3;
    pub const FLOAT: u16 = 1 << 4;
    pub const FUN: u16 = 1 << 5;
    pub const INTEGER: u16 = 1 << 6;
    pub const MAP: u16 = 1 << 7;
    pub const NIL: u16 = 1 << 8;
    pub const PID: u16 = 1 << 9;
    pub const PORT: u16 = 1 << 10;
    pub const REFERENCE: u16 = 1 << 11;
    pub const TUPLE: u16 = 1 << 12;

    /// The names of the kinds, in bit order.
    pub const NAMES: [&'static str; 13] = [
        "atom",
        "bitstring",
        "bs_context",
        "cons",
        "float",
        "fun",
        "integer",
        "map",
        "nil",
        "pid",
        "port",
        "reference",
        "tuple",
    ];

    pub fn contains(self, kind: u16) -> bool {
        self.0 & kind != 0
    }
}

/// A type-table entry: what a typed register may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TypeInfo {
    pub kinds: TypeKinds,
    pub min: Option<i64>,
    pub max: Option<i64>,
    /// The unit of a bitstring (OTP 27).
    pub unit: Option<u8>,
}

/// `Type`: version 1 (OTP 25) has fixed 18-byte entries with the integer
/// range always present (empty when min > max); versions 2 and 3 (OTP 26,
/// 27) drop the match-context bit and store bounds and unit only when flags
/// say so.
pub(crate) fn types(c: &mut Cursor) -> Res<Vec<TypeInfo>> {
    let offset = c.offset();
    let version = c.u32("type table version")?;
    let count_offset = c.offset();
    let n = c.u32("type count")? as usize;
    match version {
        1 => {
            c.check_count(n, 18, count_offset, "type table")?;
            (0..n)
                .map(|_| {
                    let kinds = TypeKinds(c.u16("type bits")? & 0x1fff);
                    let (min, max) = (c.i64("type min")?, c.i64("type max")?);
                    let range = min <= max;
                    Ok(TypeInfo {
                        kinds,
                        min: range.then_some(min),
                        max: range.then_some(max),
                        unit: None,
                    })
                })
                .collect()
        }
        2 | 3 => {
            c.check_count(n, 2, count_offset, "type table")?;
            (0..n)
                .map(|_| {
                    let bits = c.u16("type bits")?;
                    // Without the match-context bit, the kinds from cons on
                    // sit one bit lower than in version 1.
                    let kinds = TypeKinds((bits & 0b11) | ((bits & 0x0ffc) << 1));
                    let min = if bits & (1 << 12) != 0 {
                        Some(c.i64("type min")?)
                    } else {
                        None
                    };
                    let max = if bits & (1 << 13) != 0 {
                        Some(c.i64("type max")?)
                    } else {
                        None
                    };
                    let unit = if bits & (1 << 14) != 0 {
                        Some(c.u8("type unit")?)
                    } else {
                        None
                    };
                    Ok(TypeInfo {
                        kinds,
                        min,
                        max,
                        unit,
                    })
                })
                .collect()
        }
        _ => at(offset, format!("type table version {version}")),
    }
}

#[cfg(test)]
mod tests {
    use super::{types, TypeInfo, TypeKinds};
    use crate::beam::cursor::Cursor;

    /// Version 2 (OTP 26) and 3 (OTP 27) entries: kinds without the
    /// match-context bit, then only the bounds and unit their flags name.
    /// No OTP 26/27 is installed to produce these, so the bytes are built
    /// by hand from `beam_types.hrl`'s encoding.
    #[test]
    fn type_table_versions_2_and_3() {
        let integer_with_range = (1u16 << 5) | (1 << 12) | (1 << 13);
        let mut bytes = vec![0, 0, 0, 3, 0, 0, 0, 3];
        bytes.extend_from_slice(&integer_with_range.to_be_bytes());
        bytes.extend_from_slice(&(-5i64).to_be_bytes());
        bytes.extend_from_slice(&7i64.to_be_bytes());
        let bitstring_with_unit = (1u16 << 1) | (1 << 14);
        bytes.extend_from_slice(&bitstring_with_unit.to_be_bytes());
        bytes.push(8);
        let cons_or_tuple = (1u16 << 2) | (1 << 11);
        bytes.extend_from_slice(&cons_or_tuple.to_be_bytes());
        let decoded = types(&mut Cursor::new(&bytes, 0)).unwrap();
        assert_eq!(
            decoded,
            [
                TypeInfo {
                    kinds: TypeKinds(TypeKinds::INTEGER),
                    min: Some(-5),
                    max: Some(7),
                    unit: None
                },
                TypeInfo {
                    kinds: TypeKinds(TypeKinds::BITSTRING),
                    min: None,
                    max: None,
                    unit: Some(8)
                },
                TypeInfo {
                    kinds: TypeKinds(TypeKinds::CONS | TypeKinds::TUPLE),
                    min: None,
                    max: None,
                    unit: None
                },
            ]
        );
    }

    #[test]
    fn truncated_type_table_is_an_error() {
        let bytes = [0, 0, 0, 1, 0, 0, 0, 2, 0, 1];
        let error = types(&mut Cursor::new(&bytes, 0)).unwrap_err();
        assert_eq!(
            error.what,
            "type table: 2 entries cannot fit in the 2 bytes left"
        );
    }
}
