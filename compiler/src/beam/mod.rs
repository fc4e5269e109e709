//! The BEAM file reader: [`Module::parse`] turns the bytes of a `.beam`
//! file into a [`Module`] whose code is a vector of typed [`Instr`]s and
//! whose tables are decoded, with every index checked.
//!
//! Bad input never panics: it is a [`Malformed`] naming the file, the chunk
//! and the byte offset. Memory is bounded by the input: every count is
//! checked against the bytes left before anything is reserved.

mod code;
mod compact;
mod cursor;
mod error;
mod etf;
mod field;
mod opcodes;
mod operand;
mod tables;
mod term;

use std::fmt;

pub use code::{CodeHeader, Function};
pub use error::Malformed;
pub use field::MAX_X_REGISTERS;
pub use opcodes::{Instr, Opcode};
pub use operand::{
    Alloc, AllocKind, Atom, ImportIdx, Label, LambdaIdx, LineIdx, LiteralIdx, Operand, Register,
    Source, TypeIdx,
};
pub use tables::{FunctionRef, Import, Lambda, LineTable, Location, TypeInfo, TypeKinds};
pub use term::{sorted_pairs, FunTerm, Int, Term};

use cursor::Cursor;
use error::{at, At, Res};
use field::Limits;

/// A chunk's four-character id.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ChunkId(pub [u8; 4]);

impl fmt::Display for ChunkId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for b in self.0 {
            match b {
                0x20..=0x7e => write!(f, "{}", b as char)?,
                _ => write!(f, "\\x{b:02x}")?,
            }
        }
        Ok(())
    }
}

impl fmt::Debug for ChunkId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ChunkId({self})")
    }
}

/// A decoded BEAM module.
#[derive(Debug, Clone, PartialEq)]
pub struct Module {
    /// Atom 1 (the first atom) is the module's name.
    pub atoms: Vec<String>,
    pub imports: Vec<Import>,
    pub exports: Vec<FunctionRef>,
    pub locals: Vec<FunctionRef>,
    pub lambdas: Vec<Lambda>,
    pub literals: Vec<Term>,
    /// The `StrT` chunk: bytes that binary instructions refer to by offset.
    pub strings: Vec<u8>,
    pub lines: LineTable,
    pub types: Vec<TypeInfo>,
    /// `Attr`: the module attributes as a list of `{Key, Value}`.
    pub attributes: Option<Term>,
    /// `CInf`: compile information (options, version, source).
    pub compile_info: Option<Term>,
    /// `Meta`: metadata such as enabled features (OTP 25+).
    pub meta: Option<Term>,
    /// `Dbgi`, kept as raw bytes.
    pub debug_info: Option<Vec<u8>>,
    pub header: CodeHeader,
    /// The instruction stream, ending with `int_code_end`.
    pub code: Vec<Instr>,
    /// File offset of each instruction in `code`.
    pub code_offsets: Vec<usize>,
    pub functions: Vec<Function>,
    /// Chunks this reader does not interpret (e.g. `Docs`, `Abst`), raw.
    pub other_chunks: Vec<(ChunkId, Vec<u8>)>,
    /// A digest of the whole file, for caches keyed by content.
    pub digest: u128,
}

/// 128 bits of SipHash over `bytes`: two passes with different prefixes.
/// Stable within one build of `eartsc`, which is all its caches need.
pub fn digest(bytes: &[u8]) -> u128 {
    use std::hash::{DefaultHasher, Hasher};
    let half = |salt: u8| {
        let mut hasher = DefaultHasher::new();
        hasher.write_u8(salt);
        hasher.write(bytes);
        hasher.finish()
    };
    (u128::from(half(1)) << 64) | u128::from(half(2))
}

/// A chunk's id, data and the file offset of the data.
struct RawChunk<'a> {
    id: ChunkId,
    data: &'a [u8],
    offset: usize,
}

impl Module {
    /// Reads a whole `.beam` file. `file` names it in errors.
    pub fn parse(file: &str, bytes: &[u8]) -> Result<Module, Malformed> {
        let malformed = |chunk: Option<ChunkId>, At { offset, what }: At| Malformed {
            file: file.to_string(),
            chunk,
            offset,
            what,
        };
        let chunks = container(bytes).map_err(|e| malformed(None, e))?;
        let find = |name: &[u8; 4]| chunks.iter().find(|c| &c.id.0 == name);
        // Each chunk is decoded with a cursor over its own data; errors
        // name the chunk.
        fn read<'b>(chunk: &RawChunk<'b>) -> Cursor<'b> {
            Cursor::new(chunk.data, chunk.offset)
        }
        macro_rules! in_chunk {
            ($chunk:expr, $body:expr) => {
                ($body).map_err(|e| malformed(Some($chunk.id), e))?
            };
        }
        let missing = |name: &str| Malformed {
            file: file.to_string(),
            chunk: None,
            offset: 0,
            what: format!("no `{name}` chunk"),
        };

        let atoms = match (find(b"AtU8"), find(b"Atom")) {
            (Some(chunk), _) => in_chunk!(chunk, tables::atoms(&mut read(chunk), true)),
            (None, Some(chunk)) => in_chunk!(chunk, tables::atoms(&mut read(chunk), false)),
            (None, None) => return Err(missing("AtU8")),
        };
        let n_atoms = atoms.len();
        let chunk = find(b"ImpT").ok_or_else(|| missing("ImpT"))?;
        let imports = in_chunk!(chunk, tables::imports(&mut read(chunk), n_atoms));
        let chunk = find(b"ExpT").ok_or_else(|| missing("ExpT"))?;
        let exports = in_chunk!(chunk, tables::function_refs(&mut read(chunk), n_atoms));
        let locals = match find(b"LocT") {
            Some(chunk) => in_chunk!(chunk, tables::function_refs(&mut read(chunk), n_atoms)),
            None => Vec::new(),
        };
        let lambdas = match find(b"FunT") {
            Some(chunk) => in_chunk!(chunk, tables::lambdas(&mut read(chunk), n_atoms)),
            None => Vec::new(),
        };
        let literals = match find(b"LitT") {
            Some(chunk) => in_chunk!(chunk, tables::literals(&mut read(chunk))),
            None => Vec::new(),
        };
        let strings = find(b"StrT").map(|c| c.data.to_vec()).unwrap_or_default();
        let lines = match find(b"Line") {
            Some(chunk) => in_chunk!(chunk, tables::line_table(&mut read(chunk))),
            None => LineTable {
                locations: vec![None],
                files: Vec::new(),
            },
        };
        let types = match find(b"Type") {
            Some(chunk) => in_chunk!(chunk, tables::types(&mut read(chunk))),
            None => Vec::new(),
        };
        let term_chunk = |name: &[u8; 4]| -> Result<Option<Term>, Malformed> {
            match find(name) {
                Some(chunk) => Ok(Some(
                    etf::decode(chunk.data, chunk.offset)
                        .map_err(|e| malformed(Some(chunk.id), e))?,
                )),
                None => Ok(None),
            }
        };
        let attributes = term_chunk(b"Attr")?;
        let compile_info = term_chunk(b"CInf")?;
        let meta = term_chunk(b"Meta")?;
        let debug_info = find(b"Dbgi").map(|c| c.data.to_vec());

        let chunk = find(b"Code").ok_or_else(|| missing("Code"))?;
        let mut cursor = read(chunk);
        let header = in_chunk!(chunk, code::header(&mut cursor));
        let limits = Limits {
            atoms: n_atoms as u32,
            labels: header.label_count,
            imports: imports.len() as u32,
            lambdas: lambdas.len() as u32,
            literals: literals.len() as u32,
            types: types.len() as u32,
            lines: lines.locations.len() as u32,
        };
        let decoded = in_chunk!(chunk, code::instructions(&mut cursor, &limits));
        let functions = in_chunk!(chunk, code::functions(&decoded));
        in_chunk!(chunk, check_string_refs(&decoded, strings.len()));
        let (code_offsets, code) = decoded.into_iter().unzip();

        const KNOWN: [&[u8; 4]; 15] = [
            b"AtU8", b"Atom", b"ImpT", b"ExpT", b"LocT", b"FunT", b"LitT", b"StrT", b"Line",
            b"Type", b"Attr", b"CInf", b"Meta", b"Dbgi", b"Code",
        ];
        let other_chunks = chunks
            .iter()
            .filter(|c| !KNOWN.contains(&&c.id.0))
            .map(|c| (c.id, c.data.to_vec()))
            .collect();

        Ok(Module {
            digest: digest(bytes),
            atoms,
            imports,
            exports,
            locals,
            lambdas,
            literals,
            strings,
            lines,
            types,
            attributes,
            compile_info,
            meta,
            debug_info,
            header,
            code,
            code_offsets,
            functions,
            other_chunks,
        })
    }

    /// The module's name (its first atom).
    pub fn name(&self) -> &str {
        &self.atoms[0]
    }

    /// The text of an atom the code refers to.
    pub fn atom(&self, atom: Atom) -> &str {
        &self.atoms[atom.0 as usize - 1]
    }

    /// The location a `line` instruction refers to, with its file name.
    pub fn location(&self, index: LineIdx) -> Option<(String, u32)> {
        let location = (*self.lines.locations.get(index.0 as usize)?)?;
        let file = match location.file {
            0 => format!("{}.erl", self.name()),
            n => self.lines.files.get(n as usize - 1)?.clone(),
        };
        Some((file, location.line))
    }
}

/// Splits the IFF container: `FOR1`, the size of the rest, `BEAM`, then
/// chunks of a four-byte id, a size and the data padded to four bytes.
fn container(bytes: &[u8]) -> Res<Vec<RawChunk<'_>>> {
    let mut c = Cursor::new(bytes, 0);
    if c.take(4, "file header")? != b"FOR1" {
        return at(0, "not a BEAM file (no `FOR1` header)");
    }
    let size = c.u32("form size")? as usize;
    if size > c.remaining() {
        return at(
            4,
            format!("form size {size} but only {} bytes follow", c.remaining()),
        );
    }
    let mut form = Cursor::new(c.take(size, "form")?, 8);
    if form.take(4, "form type")? != b"BEAM" {
        return at(8, "form type is not `BEAM`");
    }
    let mut chunks = Vec::new();
    while !form.is_empty() {
        let offset = form.offset();
        let id = ChunkId(form.take(4, "chunk id")?.try_into().expect("took 4 bytes"));
        let len = form.u32("chunk size")? as usize;
        let data_offset = form.offset();
        if len > form.remaining() {
            return at(
                offset,
                format!(
                    "chunk `{id}` of {len} bytes but only {} bytes follow",
                    form.remaining()
                ),
            );
        }
        let data = form.take(len, "chunk data")?;
        // Chunks are padded to a multiple of four; the last may lack it.
        let padding = (4 - len % 4) % 4;
        form.take(padding.min(form.remaining()), "chunk padding")?;
        if chunks.iter().any(|c: &RawChunk| c.id == id) {
            return at(offset, format!("chunk `{id}` appears twice"));
        }
        chunks.push(RawChunk {
            id,
            data,
            offset: data_offset,
        });
    }
    Ok(chunks)
}

/// `bs_match_string` and `bs_put_string` point into `StrT`.
fn check_string_refs(code: &[(usize, Instr)], n_strings: usize) -> Res<()> {
    for (offset, instr) in code {
        let (start, len) = match instr {
            Instr::BsMatchString { bits, offset, .. } => {
                (*offset as usize, (*bits as usize).div_ceil(8))
            }
            Instr::BsPutString { len, offset } | Instr::PutString { len, offset, .. } => {
                (*offset as usize, *len as usize)
            }
            _ => continue,
        };
        if start.saturating_add(len) > n_strings {
            return at(
                *offset,
                format!("string at {start}+{len} is outside `StrT` ({n_strings} bytes)"),
            );
        }
    }
    Ok(())
}
