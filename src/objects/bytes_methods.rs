//! `bytes` methods, and the codecs `str.encode` and `bytes.decode` know (UTF-8, ASCII,
//! Latin-1).

use super::str_methods::{join_items, slice_bound, window};
use crate::eval::{Args, Interp, PyResult};
use crate::heap::Ref;
use crate::objects::{BuiltinFn, Obj};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Codec {
    Utf8,
    Ascii,
    Latin1,
}

impl Codec {
    pub fn name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Ascii => "ascii",
            Codec::Latin1 => "latin-1",
        }
    }
}

/// The codec named by the first of `(encoding, errors)` slots (default UTF-8).
pub fn codec_arg(interp: &mut Interp, fname: &str, slots: &[Option<Ref>]) -> PyResult<Codec> {
    for (slot, what) in slots.iter().zip(["encoding", "errors"]) {
        if let Some(v) = slot {
            if v.as_str_opt().is_none() {
                let t = interp.type_name(v);
                return Err(interp.err(
                    "TypeError",
                    format!("{fname}() argument '{what}' must be str, not {t}"),
                ));
            }
        }
    }
    let Some(name) = slots.first().cloned().flatten() else {
        return Ok(Codec::Utf8);
    };
    let name = name.as_str_opt().unwrap_or("");
    let norm: String = name
        .chars()
        .map(|c| match c {
            '-' | ' ' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    match norm.as_str() {
        "utf_8" | "utf8" | "u8" | "utf" | "cp65001" => Ok(Codec::Utf8),
        "ascii" | "us_ascii" | "646" => Ok(Codec::Ascii),
        "latin_1" | "latin1" | "latin" | "l1" | "iso_8859_1" | "iso8859_1" | "8859" | "cp819" => {
            Ok(Codec::Latin1)
        }
        _ => Err(interp.err("LookupError", format!("unknown encoding: {name}"))),
    }
}

fn this<'a>(interp: &mut Interp, v: &'a Ref) -> PyResult<&'a [u8]> {
    match &**v {
        Obj::Bytes(b) => Ok(b),
        _ => {
            let t = interp.type_name(v);
            Err(interp.err(
                "TypeError",
                format!("descriptor requires a 'bytes' object but received a '{t}'"),
            ))
        }
    }
}

/// An argument that must be bytes (`split`'s separator, `replace`'s old and new …).
fn bytes_arg<'a>(interp: &mut Interp, v: &'a Ref) -> PyResult<&'a [u8]> {
    match &**v {
        Obj::Bytes(b) => Ok(b),
        _ => {
            let t = interp.type_name(v);
            Err(interp.err(
                "TypeError",
                format!("a bytes-like object is required, not '{t}'"),
            ))
        }
    }
}

/// The needle of `find`, `count`, `index` and `in`: bytes, or an int that is one byte.
pub fn needle(interp: &mut Interp, v: &Ref) -> PyResult<Vec<u8>> {
    match &**v {
        Obj::Bytes(b) => Ok(b.to_vec()),
        Obj::Int(_) | Obj::Bool(_) | Obj::BigInt(_) => {
            let n = interp.index_value(v).unwrap_or(-1);
            if !(0..256).contains(&n) {
                return Err(interp.err("ValueError", "byte must be in range(0, 256)"));
            }
            Ok(vec![n as u8])
        }
        _ => {
            let t = interp.type_name(v);
            Err(interp.err(
                "TypeError",
                format!("argument should be integer or bytes-like object, not '{t}'"),
            ))
        }
    }
}

pub fn find_bytes(hay: &[u8], sub: &[u8]) -> Option<usize> {
    if sub.is_empty() {
        return Some(0);
    }
    hay.windows(sub.len()).position(|w| w == sub)
}

fn rfind_bytes(hay: &[u8], sub: &[u8]) -> Option<usize> {
    if sub.is_empty() {
        return Some(hay.len());
    }
    hay.windows(sub.len()).rposition(|w| w == sub)
}

/// Non-overlapping occurrences of a non-empty `sub`, left to right.
fn matches(hay: &[u8], sub: &[u8]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = 0;
    while i + sub.len() <= hay.len() {
        if &hay[i..i + sub.len()] == sub {
            out.push(i);
            i += sub.len();
        } else {
            i += 1;
        }
    }
    out
}

fn find_impl(interp: &mut Interp, args: Args, right: bool, raise: bool) -> PyResult {
    let s = this(interp, &args.pos[0])?;
    let sub = needle(interp, &args.pos[1])?;
    let start = slice_bound(interp, args.pos.get(2))?;
    let end = slice_bound(interp, args.pos.get(3))?;
    let found = window(s.len(), start, end).and_then(|(a, b)| {
        let hay = &s[a..b];
        if right {
            rfind_bytes(hay, &sub)
        } else {
            find_bytes(hay, &sub)
        }
        .map(|i| a + i)
    });
    match found {
        Some(i) => Ok(interp.new_int(i as i64)),
        None if raise => Err(interp.err("ValueError", "subsection not found")),
        None => Ok(interp.new_int(-1)),
    }
}

fn find(interp: &mut Interp, args: Args) -> PyResult {
    find_impl(interp, args, false, false)
}

fn rfind(interp: &mut Interp, args: Args) -> PyResult {
    find_impl(interp, args, true, false)
}

fn index(interp: &mut Interp, args: Args) -> PyResult {
    find_impl(interp, args, false, true)
}

fn rindex(interp: &mut Interp, args: Args) -> PyResult {
    find_impl(interp, args, true, true)
}

fn count(interp: &mut Interp, args: Args) -> PyResult {
    let s = this(interp, &args.pos[0])?;
    let sub = needle(interp, &args.pos[1])?;
    let start = slice_bound(interp, args.pos.get(2))?;
    let end = slice_bound(interp, args.pos.get(3))?;
    let n = match window(s.len(), start, end) {
        None => 0,
        Some((a, b)) if sub.is_empty() => b - a + 1,
        Some((a, b)) => matches(&s[a..b], &sub).len(),
    };
    Ok(interp.new_int(n as i64))
}

fn affix(interp: &mut Interp, args: Args, start: bool) -> PyResult {
    let s = this(interp, &args.pos[0])?;
    let which = if start { "startswith" } else { "endswith" };
    let lo = slice_bound(interp, args.pos.get(2))?;
    let hi = slice_bound(interp, args.pos.get(3))?;
    let Some((a, b)) = window(s.len(), lo, hi) else {
        return Ok(interp.bool(false));
    };
    let hay = &s[a..b];
    let test = |p: &[u8]| {
        if start {
            hay.starts_with(p)
        } else {
            hay.ends_with(p)
        }
    };
    match &*args.pos[1] {
        Obj::Tuple(t) => {
            for x in t.iter() {
                if test(bytes_arg(interp, x)?) {
                    return Ok(interp.bool(true));
                }
            }
            Ok(interp.bool(false))
        }
        Obj::Bytes(p) => Ok(interp.bool(test(p))),
        _ => {
            let t = interp.type_name(&args.pos[1]);
            Err(interp.err(
                "TypeError",
                format!("{which} first arg must be bytes or a tuple of bytes, not {t}"),
            ))
        }
    }
}

fn startswith(interp: &mut Interp, args: Args) -> PyResult {
    affix(interp, args, true)
}

fn endswith(interp: &mut Interp, args: Args) -> PyResult {
    affix(interp, args, false)
}

fn split_impl(interp: &mut Interp, args: Args, from_right: bool) -> PyResult {
    let name = if from_right { "rsplit" } else { "split" };
    let slots =
        super::sigs::bind_optional(interp, name, &args.pos[1..], args.kw, &["sep", "maxsplit"])?;
    let s = this(interp, &args.pos[0])?;
    let sep = match &slots[0] {
        Some(v) if !matches!(&**v, Obj::None) => Some(bytes_arg(interp, v)?),
        _ => None,
    };
    let maxsplit = match &slots[1] {
        Some(v) => interp.index_value(v)?,
        None => -1,
    };
    let limit = if maxsplit < 0 {
        usize::MAX
    } else {
        maxsplit as usize
    };
    let mut parts: Vec<&[u8]> = Vec::new();
    match sep {
        Some(sep) => {
            if sep.is_empty() {
                return Err(interp.err("ValueError", "empty separator"));
            }
            let mut cuts = matches(s, sep);
            if from_right {
                // Separators found from the right do not overlap from that side either.
                cuts.clear();
                let mut end = s.len();
                while cuts.len() < limit {
                    match rfind_bytes(&s[..end], sep) {
                        Some(i) => {
                            cuts.push(i);
                            end = i;
                        }
                        None => break,
                    }
                }
                cuts.reverse();
            } else {
                cuts.truncate(limit);
            }
            let mut prev = 0;
            for c in cuts {
                parts.push(&s[prev..c]);
                prev = c + sep.len();
            }
            parts.push(&s[prev..]);
        }
        None => {
            let ws = |b: &u8| b.is_ascii_whitespace() || *b == 0x0b;
            if from_right {
                let mut end = s.len();
                loop {
                    while end > 0 && ws(&s[end - 1]) {
                        end -= 1;
                    }
                    if end == 0 {
                        break;
                    }
                    if parts.len() == limit {
                        parts.push(&s[..end]);
                        break;
                    }
                    let mut start = end;
                    while start > 0 && !ws(&s[start - 1]) {
                        start -= 1;
                    }
                    parts.push(&s[start..end]);
                    end = start;
                }
                parts.reverse();
            } else {
                let mut i = 0;
                loop {
                    while i < s.len() && ws(&s[i]) {
                        i += 1;
                    }
                    if i == s.len() {
                        break;
                    }
                    if parts.len() == limit {
                        parts.push(&s[i..]);
                        break;
                    }
                    let start = i;
                    while i < s.len() && !ws(&s[i]) {
                        i += 1;
                    }
                    parts.push(&s[start..i]);
                }
            }
        }
    }
    let items = parts.into_iter().map(|p| interp.new_bytes(p)).collect();
    Ok(interp.new_list(items))
}

fn split(interp: &mut Interp, args: Args) -> PyResult {
    split_impl(interp, args, false)
}

fn rsplit(interp: &mut Interp, args: Args) -> PyResult {
    split_impl(interp, args, true)
}

fn join(interp: &mut Interp, args: Args) -> PyResult {
    let sep = this(interp, &args.pos[0])?.to_vec();
    let items = join_items(interp, &args.pos[1])?;
    let mut out = Vec::new();
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        match &**x {
            Obj::Bytes(b) => out.extend_from_slice(b),
            _ => {
                let t = interp.type_name(x);
                return Err(interp.err(
                    "TypeError",
                    format!("sequence item {i}: expected a bytes-like object, {t} found"),
                ));
            }
        }
    }
    Ok(interp.new_bytes(&out))
}

fn strip_impl(interp: &mut Interp, args: Args, left: bool, right: bool) -> PyResult {
    let s = this(interp, &args.pos[0])?;
    let chars: Option<&[u8]> = match args.pos.get(1) {
        Some(v) if !matches!(&**v, Obj::None) => Some(bytes_arg(interp, v)?),
        _ => None,
    };
    let strip = |b: &u8| match chars {
        Some(cs) => cs.contains(b),
        None => b.is_ascii_whitespace() || *b == 0x0b,
    };
    let mut a = 0;
    let mut b = s.len();
    if left {
        while a < b && strip(&s[a]) {
            a += 1;
        }
    }
    if right {
        while b > a && strip(&s[b - 1]) {
            b -= 1;
        }
    }
    Ok(interp.new_bytes(&s[a..b]))
}

fn strip(interp: &mut Interp, args: Args) -> PyResult {
    strip_impl(interp, args, true, true)
}

fn lstrip(interp: &mut Interp, args: Args) -> PyResult {
    strip_impl(interp, args, true, false)
}

fn rstrip(interp: &mut Interp, args: Args) -> PyResult {
    strip_impl(interp, args, false, true)
}

fn upper(interp: &mut Interp, args: Args) -> PyResult {
    let s = this(interp, &args.pos[0])?;
    Ok(interp.new_bytes(&s.to_ascii_uppercase()))
}

fn lower(interp: &mut Interp, args: Args) -> PyResult {
    let s = this(interp, &args.pos[0])?;
    Ok(interp.new_bytes(&s.to_ascii_lowercase()))
}

fn replace(interp: &mut Interp, args: Args) -> PyResult {
    let s = this(interp, &args.pos[0])?;
    let old = bytes_arg(interp, &args.pos[1])?;
    let new = bytes_arg(interp, &args.pos[2])?;
    let count = match args.pos.get(3) {
        Some(c) => interp.index_value(c)?,
        None => -1,
    };
    let limit = if count < 0 {
        usize::MAX
    } else {
        count as usize
    };
    let mut out = Vec::with_capacity(s.len());
    if old.is_empty() {
        // An empty pattern matches before every byte and at the end.
        let mut n = 0;
        for b in s {
            if n < limit {
                out.extend_from_slice(new);
                n += 1;
            }
            out.push(*b);
        }
        if n < limit {
            out.extend_from_slice(new);
        }
    } else {
        let mut prev = 0;
        for c in matches(s, old).into_iter().take(limit) {
            out.extend_from_slice(&s[prev..c]);
            out.extend_from_slice(new);
            prev = c + old.len();
        }
        out.extend_from_slice(&s[prev..]);
    }
    Ok(interp.new_bytes(&out))
}

fn decode(interp: &mut Interp, args: Args) -> PyResult {
    let slots = super::sigs::bind_optional(
        interp,
        "decode",
        &args.pos[1..],
        args.kw,
        &["encoding", "errors"],
    )?;
    let codec = codec_arg(interp, "decode", &slots)?;
    let b = this(interp, &args.pos[0])?;
    match codec {
        Codec::Latin1 => Ok(interp.new_string(b.iter().map(|&x| x as char).collect())),
        Codec::Ascii => match b.iter().position(|x| !x.is_ascii()) {
            None => Ok(interp.new_string(b.iter().map(|&x| x as char).collect())),
            Some(pos) => Err(interp.err(
                "UnicodeDecodeError",
                format!(
                    "'ascii' codec can't decode byte 0x{:02x} in position {pos}: ordinal not in range(128)",
                    b[pos]
                ),
            )),
        },
        Codec::Utf8 => match std::str::from_utf8(b) {
            Ok(s) => Ok(interp.new_str(s)),
            Err(e) => {
                let pos = e.valid_up_to();
                let msg = match e.error_len() {
                    None if b.len() - pos > 1 => format!(
                        "can't decode bytes in position {pos}-{}: unexpected end of data",
                        b.len() - 1
                    ),
                    None => format!(
                        "can't decode byte 0x{:02x} in position {pos}: unexpected end of data",
                        b[pos]
                    ),
                    Some(_) => {
                        let lead = b[pos];
                        let why = if (0xc2..=0xf4).contains(&lead) {
                            "invalid continuation byte"
                        } else {
                            "invalid start byte"
                        };
                        format!("can't decode byte 0x{lead:02x} in position {pos}: {why}")
                    }
                };
                Err(interp.err("UnicodeDecodeError", format!("'utf-8' codec {msg}")))
            }
        },
    }
}

fn hex(interp: &mut Interp, args: Args) -> PyResult {
    let slots = super::sigs::bind_optional(
        interp,
        "hex",
        &args.pos[1..],
        args.kw,
        &["sep", "bytes_per_sep"],
    )?;
    let b = this(interp, &args.pos[0])?;
    let digits: Vec<String> = b.iter().map(|x| format!("{x:02x}")).collect();
    let Some(sep) = &slots[0] else {
        return Ok(interp.new_string(digits.concat()));
    };
    let sep = match &**sep {
        Obj::Str(s) if s.text.chars().count() == 1 && s.text.is_ascii() => s.text.to_string(),
        Obj::Bytes(s) if s.len() == 1 && s.is_ascii() => (s[0] as char).to_string(),
        Obj::Str(_) | Obj::Bytes(_) => {
            return Err(interp.err("ValueError", "sep must be length 1."));
        }
        _ => {
            let t = interp.type_name(sep);
            return Err(interp.err("TypeError", format!("sep must be str or bytes, not '{t}'")));
        }
    };
    let per = match &slots[1] {
        Some(v) => interp.index_value(v)?,
        None => 1,
    };
    if per == 0 || digits.is_empty() {
        return Ok(interp.new_string(digits.concat()));
    }
    let group = per.unsigned_abs().min(digits.len() as u64) as usize;
    // Groups are counted from the right for a positive count, from the left otherwise.
    let groups: Vec<String> = if per > 0 {
        let mut g: Vec<String> = digits.rchunks(group).map(|c| c.concat()).collect();
        g.reverse();
        g
    } else {
        digits.chunks(group).map(|c| c.concat()).collect()
    };
    Ok(interp.new_string(groups.join(&sep)))
}

pub fn methods() -> Vec<(&'static str, BuiltinFn)> {
    vec![
        ("decode", decode),
        ("hex", hex),
        ("find", find),
        ("rfind", rfind),
        ("index", index),
        ("rindex", rindex),
        ("count", count),
        ("startswith", startswith),
        ("endswith", endswith),
        ("split", split),
        ("rsplit", rsplit),
        ("join", join),
        ("strip", strip),
        ("lstrip", lstrip),
        ("rstrip", rstrip),
        ("upper", upper),
        ("lower", lower),
        ("replace", replace),
    ]
}
