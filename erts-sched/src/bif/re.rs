//! BIFs of module `re`: `compile/1,2`, `run/2,3`, `internal_run/4`,
//! `inspect/2` and `version/0`. OTP's `re.beam` builds `replace`, `split`
//! and the rest on them.
//!
//! A compiled pattern has BEAM's shape, `{re_pattern, NumCaptures,
//! IsUnicode, UseCrlf, Binary}`, but the binary holds [`MP_MAGIC`], the
//! compile options (32 bits, little-endian) and the pattern's bytes: a
//! run compiles it again through `crate::re`'s cache. So the tuple is
//! plain data, and survives messages, ETS and `term_to_binary`.
//!
//! Arguments are read into Rust values first; results are planned as an
//! [`Out`] tree, whose size is known, and built after one `ensure`.

use erts_core::bif::binary::walk_iolist;
use erts_core::bif::{BifError, BifHeap};
use erts_core::{build, Atom, Term};

use super::bifs;
use crate::process::Process;
use crate::re::{self, Compiled, Groups, Options, RunFlags, Subject};

bifs! {
    re:"compile"/1 (pattern) => heap compile_1;
    re:"compile"/2 (pattern, options) => heap compile_2;
    re:"run"/2 (subject, pattern) => heap run_2;
    re:"run"/3 (subject, pattern, options) => heap run_3;
    re:"internal_run"/4 (subject, pattern, options, first_call) => heap internal_run_4;
    re:"inspect"/2 (pattern, what) => heap inspect_2;
    re:"version"/0 () => heap version_0;
}

/// The start of a compiled pattern's binary.
const MP_MAGIC: &[u8] = b"earts-re\x01";

/// A result to build: its size is known before anything is allocated.
enum Out {
    Immediate(Term),
    Tuple(Vec<Out>),
    List(Vec<Out>),
    Binary(Vec<u8>),
}

impl Out {
    fn atom(name: &str) -> Result<Out, BifError> {
        let atom = Atom::intern(name).map_err(|_| BifError::SystemLimit)?;
        Ok(Out::Immediate(Term::atom(atom)))
    }

    fn int(value: i64) -> Result<Out, BifError> {
        Term::small(value)
            .map(Out::Immediate)
            .ok_or(BifError::SystemLimit)
    }

    fn chars(chars: impl Iterator<Item = u32>) -> Result<Out, BifError> {
        let items: Result<Vec<Out>, BifError> = chars.map(|c| Out::int(c.into())).collect();
        Ok(Out::List(items?))
    }

    fn words(&self) -> usize {
        match self {
            Out::Immediate(_) => 0,
            Out::Tuple(items) => 1 + items.len() + items.iter().map(Out::words).sum::<usize>(),
            Out::List(items) => 2 * items.len() + items.iter().map(Out::words).sum::<usize>(),
            Out::Binary(bytes) => build::heap_binary_words(bytes.len()),
        }
    }

    fn build(&self, heap: &mut impl BifHeap) -> Result<Term, BifError> {
        let built = match self {
            Out::Immediate(term) => Some(*term),
            Out::Tuple(items) => {
                let terms = build_all(heap, items)?;
                build::tuple(heap, &terms)
            }
            Out::List(items) => {
                let terms = build_all(heap, items)?;
                build::list(heap, &terms, Term::NIL)
            }
            Out::Binary(bytes) => build::heap_binary(heap, bytes),
        };
        built.ok_or(BifError::SystemLimit)
    }

    /// Builds the result after making room for all of it.
    fn finish(self, heap: &mut impl BifHeap) -> Result<Term, BifError> {
        // SAFETY: no term of the heap is held: everything is in `self`.
        unsafe { heap.ensure(self.words(), &mut []) }?;
        self.build(heap)
    }
}

fn build_all(heap: &mut impl BifHeap, items: &[Out]) -> Result<Vec<Term>, BifError> {
    items.iter().map(|item| item.build(heap)).collect()
}

/// The bytes of iodata.
///
/// # Safety
///
/// `term` is valid and nothing collects during the call.
unsafe fn iodata_bytes(term: Term) -> Option<Vec<u8>> {
    let mut bytes = Vec::new();
    // SAFETY: forwarded from the caller.
    unsafe { walk_iolist(term, &mut |chunk| bytes.extend_from_slice(chunk)) }?;
    Some(bytes)
}

/// Chardata (code points and UTF-8 binaries, nested) as UTF-8 bytes.
///
/// # Safety
///
/// As [`iodata_bytes`].
unsafe fn chardata_utf8(term: Term) -> Option<Vec<u8>> {
    let mut bytes = Vec::new();
    let mut pending = vec![term];
    while let Some(mut item) = pending.pop() {
        while !item.is_nil() {
            // SAFETY: every item is part of `term`; a binary is iodata.
            if unsafe { item.head() }.is_none() {
                // SAFETY: as above.
                let binary = unsafe { iodata_bytes(item) }?;
                bytes.extend_from_slice(&binary);
                break;
            }
            // SAFETY: as above; `item` is a cons cell.
            let (head, tail) = unsafe { (item.head()?, item.tail()?) };
            match head.as_small() {
                Some(code) => {
                    let c = char::from_u32(u32::try_from(code).ok()?)?;
                    let mut buffer = [0; 4];
                    bytes.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
                }
                None => {
                    pending.push(tail);
                    item = head;
                    continue;
                }
            }
            item = tail;
        }
    }
    Some(bytes)
}

/// Text given as `unicode` chardata or as iodata.
///
/// # Safety
///
/// As [`iodata_bytes`].
unsafe fn text_bytes(term: Term, unicode: bool) -> Result<Vec<u8>, BifError> {
    // SAFETY: forwarded from the caller.
    let bytes = unsafe {
        match unicode {
            true => chardata_utf8(term),
            false => iodata_bytes(term),
        }
    };
    bytes.ok_or(BifError::Badarg)
}

/// The elements of a proper list.
///
/// # Safety
///
/// As [`iodata_bytes`].
unsafe fn list_items(list: Term) -> Result<Vec<Term>, BifError> {
    let mut items = Vec::new();
    let mut rest = list;
    // SAFETY: `rest` is `list` or a tail of it.
    while let Some(head) = unsafe { rest.head() } {
        items.push(head);
        // SAFETY: as above.
        rest = unsafe { rest.tail() }.ok_or(BifError::Badarg)?;
    }
    match rest.is_nil() {
        true => Ok(items),
        false => Err(BifError::Badarg),
    }
}

/// The compile option `option`, if it is one.
fn compile_option(option: Term) -> Option<u32> {
    if let Some(atom) = option.as_atom() {
        return Some(match atom.name() {
            "unicode" => Options::UNICODE,
            "anchored" => Options::ANCHORED,
            "caseless" => Options::CASELESS,
            "dollar_endonly" => Options::DOLLAR_ENDONLY,
            "dotall" => Options::DOTALL,
            "extended" => Options::EXTENDED,
            "firstline" => Options::FIRSTLINE,
            "multiline" => Options::MULTILINE,
            "no_auto_capture" => Options::NO_AUTO_CAPTURE,
            "dupnames" => Options::DUPNAMES,
            "ungreedy" => Options::UNGREEDY,
            "ucp" => Options::UCP,
            "never_utf" => Options::NEVER_UTF,
            "bsr_anycrlf" | "bsr_unicode" | "no_start_optimize" => 0,
            _ => return None,
        });
    }
    // SAFETY: an option term passed to the BIF is valid.
    let [key, value] = unsafe { option.tuple_elements() }? else {
        return None;
    };
    match (key.as_atom()?.name(), value.as_atom()?.name()) {
        ("newline", "crlf") => Some(Options::NEWLINE_CRLF),
        ("newline", "cr" | "lf" | "anycrlf" | "any") => Some(0),
        _ => None,
    }
}

/// What to capture and how.
#[derive(Clone)]
enum Capture {
    All,
    AllButFirst,
    First,
    None,
    AllNames,
    Listed(Vec<Term>),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum CaptureType {
    Index,
    List,
    Binary,
}

/// `re:run/3`'s options.
struct RunOptions {
    compile: u32,
    flags: RunFlags,
    global: bool,
    offset: usize,
    capture: Capture,
    capture_type: CaptureType,
    report_errors: bool,
}

/// # Safety
///
/// As [`iodata_bytes`].
unsafe fn run_options(options: Term) -> Result<RunOptions, BifError> {
    let mut parsed = RunOptions {
        compile: 0,
        flags: RunFlags::default(),
        global: false,
        offset: 0,
        capture: Capture::All,
        capture_type: CaptureType::Index,
        report_errors: false,
    };
    // SAFETY: forwarded from the caller.
    for option in unsafe { list_items(options) }? {
        if let Some(atom) = option.as_atom() {
            match atom.name() {
                "global" => parsed.global = true,
                "notbol" => parsed.flags.notbol = true,
                "noteol" => parsed.flags.noteol = true,
                "notempty" => parsed.flags.notempty = true,
                "notempty_atstart" => parsed.flags.notempty_atstart = true,
                "report_errors" => parsed.report_errors = true,
                "anchored" => parsed.flags.anchored = true,
                _ => parsed.compile |= compile_option(option).ok_or(BifError::Badarg)?,
            }
            continue;
        }
        // SAFETY: as above.
        let elements = unsafe { option.tuple_elements() }.ok_or(BifError::Badarg)?;
        let key = elements.first().and_then(|key| key.as_atom());
        match (key.map(|key| key.name()), elements) {
            (Some("offset"), [_, offset]) => {
                parsed.offset = offset
                    .as_small()
                    .and_then(|offset| usize::try_from(offset).ok())
                    .ok_or(BifError::Badarg)?;
            }
            (Some("match_limit" | "match_limit_recursion"), [_, limit]) => {
                limit
                    .as_small()
                    .filter(|limit| 0 <= *limit)
                    .ok_or(BifError::Badarg)?;
            }
            (Some("capture"), [_, spec, rest @ ..]) if rest.len() <= 1 => {
                // SAFETY: as above.
                parsed.capture = unsafe { capture_spec(*spec) }?;
                if let [kind] = rest {
                    parsed.capture_type = match kind.as_atom().map(|kind| kind.name()) {
                        Some("index") => CaptureType::Index,
                        Some("list") => CaptureType::List,
                        Some("binary") => CaptureType::Binary,
                        _ => return Err(BifError::Badarg),
                    };
                }
            }
            _ => parsed.compile |= compile_option(option).ok_or(BifError::Badarg)?,
        }
    }
    Ok(parsed)
}

/// # Safety
///
/// As [`iodata_bytes`].
unsafe fn capture_spec(spec: Term) -> Result<Capture, BifError> {
    if let Some(atom) = spec.as_atom() {
        return Ok(match atom.name() {
            "all" => Capture::All,
            "all_but_first" => Capture::AllButFirst,
            "first" => Capture::First,
            "none" => Capture::None,
            "all_names" => Capture::AllNames,
            _ => return Err(BifError::Badarg),
        });
    }
    // SAFETY: forwarded from the caller.
    Ok(Capture::Listed(unsafe { list_items(spec) }?))
}

/// The compiled pattern a `re_pattern` tuple stands for, `None` if `term`
/// is not one, `Err` if it is one earts did not make.
///
/// # Safety
///
/// As [`iodata_bytes`].
unsafe fn compiled_of(term: Term) -> Option<Result<std::sync::Arc<Compiled>, BifError>> {
    // SAFETY: forwarded from the caller.
    let elements = unsafe { term.tuple_elements() }?;
    let [tag, _, _, _, binary] = elements else {
        return None;
    };
    if tag.as_atom().map(|tag| tag.name()) != Some("re_pattern") {
        return None;
    }
    // SAFETY: as above.
    let Some(bytes) = (unsafe { iodata_bytes(*binary) }) else {
        return Some(Err(BifError::Badarg));
    };
    let Some(rest) = bytes.strip_prefix(MP_MAGIC) else {
        return Some(Err(BifError::Badarg));
    };
    if rest.len() < 4 {
        return Some(Err(BifError::Badarg));
    }
    let options = u32::from_le_bytes([rest[0], rest[1], rest[2], rest[3]]);
    Some(re::compile(&rest[4..], Options(options)).map_err(|_| BifError::Badarg))
}

/// `{error, {Message, Position}}`.
fn compile_error(error: &re::PatternError) -> Result<Out, BifError> {
    let detail = Out::Tuple(vec![
        Out::chars(error.message.bytes().map(u32::from))?,
        Out::int(error.position as i64)?,
    ]);
    Ok(Out::Tuple(vec![Out::atom("error")?, detail]))
}

/// `re:compile/1`.
///
/// # Safety
///
/// The argument is valid; see [`BifHeap::ensure`].
unsafe fn compile_1(heap: &mut impl BifHeap, pattern: Term) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller.
    unsafe { compile_2(heap, pattern, Term::NIL) }
}

/// `re:compile/2`: `{ok, MP}` or `{error, {Message, Position}}`.
///
/// # Safety
///
/// As [`compile_1`].
unsafe fn compile_2(
    heap: &mut impl BifHeap,
    pattern: Term,
    options: Term,
) -> Result<Term, BifError> {
    let mut bits = 0;
    // SAFETY: forwarded from the caller; nothing collects before `finish`.
    for option in unsafe { list_items(options) }? {
        bits |= compile_option(option).ok_or(BifError::Badarg)?;
    }
    // SAFETY: as above.
    let bytes = unsafe { text_bytes(pattern, bits & Options::UNICODE != 0) }?;
    let out = match re::compile(&bytes, Options(bits)) {
        Ok(compiled) => {
            let mut binary = MP_MAGIC.to_vec();
            binary.extend_from_slice(&bits.to_le_bytes());
            binary.extend_from_slice(&bytes);
            let mp = Out::Tuple(vec![
                Out::atom("re_pattern")?,
                Out::int(compiled.n_captures as i64)?,
                Out::int(i64::from(compiled.unicode))?,
                Out::int(i64::from(bits & Options::NEWLINE_CRLF != 0))?,
                Out::Binary(binary),
            ]);
            Out::Tuple(vec![Out::atom("ok")?, mp])
        }
        Err(error) => compile_error(&error)?,
    };
    out.finish(heap)
}

/// `re:run/2`.
///
/// # Safety
///
/// As [`compile_1`].
unsafe fn run_2(heap: &mut impl BifHeap, subject: Term, pattern: Term) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller.
    unsafe { run_3(heap, subject, pattern, Term::NIL) }
}

/// `re:internal_run/4`, which OTP's `re` calls as `run/3` (the last
/// argument only changes how BEAM reports a bad argument).
///
/// # Safety
///
/// As [`compile_1`].
unsafe fn internal_run_4(
    heap: &mut impl BifHeap,
    subject: Term,
    pattern: Term,
    options: Term,
    _first_call: Term,
) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller.
    unsafe { run_3(heap, subject, pattern, options) }
}

/// `re:run/3`.
///
/// # Safety
///
/// As [`compile_1`].
unsafe fn run_3(
    heap: &mut impl BifHeap,
    subject: Term,
    pattern: Term,
    options: Term,
) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing collects before `finish`.
    let options = unsafe { run_options(options) }?;
    // SAFETY: as above.
    let compiled = match unsafe { compiled_of(pattern) } {
        Some(compiled) => {
            if options.compile & !Options::UNICODE != 0 {
                return Err(BifError::Badarg);
            }
            compiled?
        }
        None => {
            let unicode = options.compile & Options::UNICODE != 0;
            // SAFETY: as above.
            let bytes = unsafe { text_bytes(pattern, unicode) }?;
            match re::compile(&bytes, Options(options.compile)) {
                Ok(compiled) => compiled,
                Err(error) if options.report_errors => {
                    let detail = compile_error(&error)?;
                    let Out::Tuple(mut parts) = detail else {
                        unreachable!()
                    };
                    let reason = parts.pop().unwrap_or(Out::Immediate(Term::NIL));
                    let compile = Out::Tuple(vec![Out::atom("compile")?, reason]);
                    return Out::Tuple(vec![Out::atom("error")?, compile]).finish(heap);
                }
                Err(_) => return Err(BifError::Badarg),
            }
        }
    };
    // SAFETY: as above.
    let bytes = unsafe { text_bytes(subject, compiled.unicode) }?;
    let subject = match compiled.unicode {
        true => Subject::utf8(bytes).ok_or(BifError::Badarg)?,
        false => Subject::latin1(bytes),
    };
    if subject.len() < options.offset || !subject.is_boundary(options.offset) {
        return Err(BifError::Badarg);
    }
    let found = match options.global {
        true => re::find_all(&compiled, &subject, options.offset, options.flags),
        false => re::find(&compiled, &subject, options.offset, options.flags)
            .map(|found| found.into_iter().collect()),
    };
    let all = match found {
        Ok(all) => all,
        Err(re::MatchLimit) if options.report_errors => {
            return Out::Tuple(vec![Out::atom("error")?, Out::atom("match_limit")?]).finish(heap);
        }
        Err(re::MatchLimit) => Vec::new(),
    };
    if all.is_empty() {
        return Out::atom("nomatch")?.finish(heap);
    }
    if matches!(options.capture, Capture::None) {
        return Out::atom("match")?.finish(heap);
    }
    let mut results = Vec::with_capacity(all.len());
    for groups in &all {
        results.push(captured(&compiled, &subject, groups, &options)?);
    }
    let captured = match options.global {
        true => Out::List(results),
        false => results.pop().unwrap_or(Out::List(Vec::new())),
    };
    Out::Tuple(vec![Out::atom("match")?, captured]).finish(heap)
}

/// One match's captured values.
fn captured(
    compiled: &Compiled,
    subject: &Subject,
    groups: &Groups,
    options: &RunOptions,
) -> Result<Out, BifError> {
    let numbers: Vec<Option<usize>> = match &options.capture {
        Capture::All | Capture::AllButFirst => {
            // As PCRE reports them: up to the last group that matched.
            let last = groups.iter().rposition(Option::is_some).unwrap_or(0);
            let from = usize::from(matches!(options.capture, Capture::AllButFirst));
            (from..=last).map(Some).collect()
        }
        Capture::First => vec![Some(0)],
        Capture::None => Vec::new(),
        Capture::AllNames => compiled.names.iter().map(|(_, n)| Some(*n)).collect(),
        Capture::Listed(items) => items
            .iter()
            .map(|item| group_number(compiled, *item))
            .collect::<Result<_, _>>()?,
    };
    let values = numbers
        .into_iter()
        .map(|number| {
            let range = number.and_then(|number| groups.get(number).copied().flatten());
            capture_value(subject, range, compiled.unicode, options.capture_type)
        })
        .collect::<Result<_, _>>()?;
    Ok(Out::List(values))
}

/// The group a `{capture, [...]}` item names: a number, or a name as atom,
/// string or binary (`None` if there is no such group).
fn group_number(compiled: &Compiled, item: Term) -> Result<Option<usize>, BifError> {
    if let Some(number) = item.as_small() {
        let number = usize::try_from(number).map_err(|_| BifError::Badarg)?;
        return Ok((number <= compiled.n_captures).then_some(number));
    }
    let name = match item.as_atom() {
        Some(atom) => atom.name().as_bytes().to_vec(),
        // SAFETY: the item is part of the BIF's valid argument, and nothing
        // collects until the result is built.
        None => unsafe { iodata_bytes(item) }.ok_or(BifError::Badarg)?,
    };
    Ok(compiled
        .names
        .iter()
        .find(|(group, _)| group.as_bytes() == name)
        .map(|(_, number)| *number))
}

/// One captured value.
fn capture_value(
    subject: &Subject,
    range: Option<(usize, usize)>,
    unicode: bool,
    kind: CaptureType,
) -> Result<Out, BifError> {
    let bytes = range.map_or(&[][..], |(start, end)| subject.bytes(start, end));
    match kind {
        CaptureType::Index => {
            let (start, len) = match range {
                Some((start, end)) => (start as i64, (end - start) as i64),
                None => (-1, 0),
            };
            Ok(Out::Tuple(vec![Out::int(start)?, Out::int(len)?]))
        }
        CaptureType::Binary => Ok(Out::Binary(bytes.to_vec())),
        CaptureType::List if unicode => {
            let text = std::str::from_utf8(bytes).map_err(|_| BifError::Badarg)?;
            Out::chars(text.chars().map(u32::from))
        }
        CaptureType::List => Out::chars(bytes.iter().map(|byte| u32::from(*byte))),
    }
}

/// `re:inspect(MP, namelist)`: `{namelist, [Name]}`, names sorted.
///
/// # Safety
///
/// As [`compile_1`].
unsafe fn inspect_2(heap: &mut impl BifHeap, pattern: Term, what: Term) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing collects before `finish`.
    let compiled = unsafe { compiled_of(pattern) }.ok_or(BifError::Badarg)??;
    if what.as_atom().map(|what| what.name()) != Some("namelist") {
        return Err(BifError::Badarg);
    }
    let names = compiled
        .names
        .iter()
        .map(|(name, _)| Out::Binary(name.as_bytes().to_vec()))
        .collect();
    Out::Tuple(vec![Out::atom("namelist")?, Out::List(names)]).finish(heap)
}

/// `re:version/0`.
///
/// # Safety
///
/// See [`BifHeap::ensure`].
unsafe fn version_0(heap: &mut impl BifHeap) -> Result<Term, BifError> {
    Out::Binary(re::VERSION.as_bytes().to_vec()).finish(heap)
}
