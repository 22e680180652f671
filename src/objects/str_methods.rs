//! `str` methods.

use crate::eval::{Args, Interp, PyResult};
use crate::heap::Ref;
use crate::modules::builtins::check_arity;
use crate::objects::{BuiltinFn, Obj};

fn text(interp: &mut Interp, v: &Ref) -> PyResult<String> {
    match v.as_str_opt() {
        Some(s) => Ok(s.to_string()),
        None => {
            let t = interp.type_name(v);
            Err(interp.err(
                "TypeError",
                format!("descriptor requires a 'str' object but received a '{t}'"),
            ))
        }
    }
}

fn arg_str(interp: &mut Interp, v: &Ref, what: &str) -> PyResult<String> {
    match v.as_str_opt() {
        Some(s) => Ok(s.to_string()),
        None => {
            let t = interp.type_name(v);
            Err(interp.err("TypeError", format!("{what} must be str, not {t}")))
        }
    }
}

fn join(interp: &mut Interp, args: Args) -> PyResult {
    check_arity(interp, "join", &args, 2, 2)?;
    let sep = text(interp, &args.pos[0])?;
    let items = interp.collect_iterable(&args.pos[1])?;
    let mut out = String::new();
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(&sep);
        }
        match x.as_str_opt() {
            Some(s) => out.push_str(s),
            None => {
                let t = interp.type_name(x);
                return Err(interp.err(
                    "TypeError",
                    format!("sequence item {i}: expected str instance, {t} found"),
                ));
            }
        }
    }
    Ok(interp.new_string(out))
}

fn split_impl(interp: &mut Interp, args: Args, from_right: bool) -> PyResult {
    check_arity(interp, "split", &args, 1, 3)?;
    let s = text(interp, &args.pos[0])?;
    let sep = match args.pos.get(1).or(args.kwarg("sep")) {
        Some(v) if !matches!(&**v, Obj::None) => Some(arg_str(interp, v, "must be str or None")?),
        _ => None,
    };
    let maxsplit = match args.pos.get(2).or(args.kwarg("maxsplit")) {
        Some(v) => interp.index_value(v)?,
        None => -1,
    };
    let parts: Vec<String> = match &sep {
        Some(sep) => {
            if sep.is_empty() {
                return Err(interp.err("ValueError", "empty separator"));
            }
            if maxsplit < 0 {
                s.split(sep.as_str()).map(str::to_string).collect()
            } else if from_right {
                let mut v: Vec<String> = s
                    .rsplitn(maxsplit as usize + 1, sep.as_str())
                    .map(str::to_string)
                    .collect();
                v.reverse();
                v
            } else {
                s.splitn(maxsplit as usize + 1, sep.as_str())
                    .map(str::to_string)
                    .collect()
            }
        }
        None => {
            let words: Vec<&str> = s.split_whitespace().collect();
            if maxsplit < 0 || (maxsplit as usize) >= words.len() {
                words.into_iter().map(str::to_string).collect()
            } else if from_right {
                let mut rest = s.trim_end();
                let mut out = Vec::new();
                for _ in 0..maxsplit {
                    match rest.rfind(char::is_whitespace) {
                        Some(i) => {
                            out.push(rest[i + 1..].to_string());
                            rest = rest[..i].trim_end();
                        }
                        None => break,
                    }
                }
                out.push(rest.to_string());
                out.reverse();
                out
            } else {
                let mut rest = s.trim_start();
                let mut out = Vec::new();
                for _ in 0..maxsplit {
                    match rest.find(char::is_whitespace) {
                        Some(i) => {
                            out.push(rest[..i].to_string());
                            rest = rest[i..].trim_start();
                        }
                        None => break,
                    }
                }
                out.push(rest.to_string());
                out
            }
        }
    };
    let items = parts.into_iter().map(|p| interp.new_string(p)).collect();
    // CPython's split preallocates 12 slots (PREALLOC_SIZE) when maxsplit is unlimited.
    let prealloc = if !(0..12).contains(&maxsplit) {
        12
    } else {
        maxsplit as usize + 1
    };
    Ok(interp.list_from(crate::objects::ListObj::with_prealloc(items, prealloc)))
}

fn split(interp: &mut Interp, args: Args) -> PyResult {
    split_impl(interp, args, false)
}

fn rsplit(interp: &mut Interp, args: Args) -> PyResult {
    split_impl(interp, args, true)
}

fn strip_impl(interp: &mut Interp, args: Args, left: bool, right: bool) -> PyResult {
    check_arity(interp, "strip", &args, 1, 2)?;
    let s = text(interp, &args.pos[0])?;
    let chars: Option<Vec<char>> = match args.pos.get(1) {
        Some(v) if !matches!(&**v, Obj::None) => {
            Some(arg_str(interp, v, "strip arg")?.chars().collect())
        }
        _ => None,
    };
    let is_strip = |c: char| match &chars {
        Some(cs) => cs.contains(&c),
        None => c.is_whitespace(),
    };
    let mut r: &str = &s;
    if left {
        r = r.trim_start_matches(is_strip);
    }
    if right {
        r = r.trim_end_matches(is_strip);
    }
    Ok(interp.new_str(r))
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

fn replace(interp: &mut Interp, args: Args) -> PyResult {
    check_arity(interp, "replace", &args, 3, 4)?;
    let s = text(interp, &args.pos[0])?;
    let old = arg_str(interp, &args.pos[1], "replace() argument 1")?;
    let new = arg_str(interp, &args.pos[2], "replace() argument 2")?;
    let count = match args.pos.get(3) {
        Some(c) => interp.index_value(c)?,
        None => -1,
    };
    let r = if count < 0 {
        s.replace(&old, &new)
    } else {
        s.replacen(&old, &new, count as usize)
    };
    Ok(interp.new_string(r))
}

fn upper(interp: &mut Interp, args: Args) -> PyResult {
    let s = text(interp, &args.pos[0])?;
    Ok(interp.new_string(s.to_uppercase()))
}

fn lower(interp: &mut Interp, args: Args) -> PyResult {
    let s = text(interp, &args.pos[0])?;
    Ok(interp.new_string(s.to_lowercase()))
}

fn affix(interp: &mut Interp, args: Args, start: bool) -> PyResult {
    check_arity(interp, "startswith", &args, 2, 4)?;
    let s = text(interp, &args.pos[0])?;
    let candidates: Vec<String> = match &*args.pos[1] {
        Obj::Tuple(t) => t
            .iter()
            .filter_map(|x| x.as_str_opt().map(str::to_string))
            .collect(),
        Obj::Str(p) => vec![p.text.to_string()],
        _ => {
            let t = interp.type_name(&args.pos[1]);
            let which = if start { "startswith" } else { "endswith" };
            return Err(interp.err(
                "TypeError",
                format!("{which} first arg must be str or a tuple of str, not {t}"),
            ));
        }
    };
    let r = candidates.iter().any(|p| {
        if start {
            s.starts_with(p.as_str())
        } else {
            s.ends_with(p.as_str())
        }
    });
    Ok(interp.bool(r))
}

fn startswith(interp: &mut Interp, args: Args) -> PyResult {
    affix(interp, args, true)
}

fn endswith(interp: &mut Interp, args: Args) -> PyResult {
    affix(interp, args, false)
}

fn find_impl(interp: &mut Interp, args: Args, right: bool, raise: bool) -> PyResult {
    check_arity(interp, "find", &args, 2, 4)?;
    let s = text(interp, &args.pos[0])?;
    let sub = arg_str(interp, &args.pos[1], "must be str")?;
    let found = if right {
        s.rfind(sub.as_str())
    } else {
        s.find(sub.as_str())
    };
    match found {
        Some(byte) => Ok(interp.new_int(s[..byte].chars().count() as i64)),
        None if raise => Err(interp.err("ValueError", "substring not found")),
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

fn count(interp: &mut Interp, args: Args) -> PyResult {
    check_arity(interp, "count", &args, 2, 4)?;
    let s = text(interp, &args.pos[0])?;
    let sub = arg_str(interp, &args.pos[1], "must be str")?;
    let n = if sub.is_empty() {
        s.chars().count() + 1
    } else {
        s.matches(sub.as_str()).count()
    };
    Ok(interp.new_int(n as i64))
}

fn predicate(interp: &mut Interp, args: Args, f: fn(char) -> bool) -> PyResult {
    let s = text(interp, &args.pos[0])?;
    Ok(interp.bool(!s.is_empty() && s.chars().all(f)))
}

fn isdigit(interp: &mut Interp, args: Args) -> PyResult {
    predicate(interp, args, |c| {
        c.is_ascii_digit() || crate::format::unicode::decimal_value(c).is_some()
    })
}

fn isalpha(interp: &mut Interp, args: Args) -> PyResult {
    predicate(interp, args, char::is_alphabetic)
}

fn isalnum(interp: &mut Interp, args: Args) -> PyResult {
    predicate(interp, args, char::is_alphanumeric)
}

fn isspace(interp: &mut Interp, args: Args) -> PyResult {
    predicate(interp, args, crate::format::unicode::is_space)
}

fn isupper(interp: &mut Interp, args: Args) -> PyResult {
    let s = text(interp, &args.pos[0])?;
    let r = s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase);
    Ok(interp.bool(r))
}

fn islower(interp: &mut Interp, args: Args) -> PyResult {
    let s = text(interp, &args.pos[0])?;
    let r = s.chars().any(char::is_lowercase) && !s.chars().any(char::is_uppercase);
    Ok(interp.bool(r))
}

fn title(interp: &mut Interp, args: Args) -> PyResult {
    let s = text(interp, &args.pos[0])?;
    let mut out = String::new();
    let mut prev_cased = false;
    for c in s.chars() {
        if prev_cased {
            out.extend(c.to_lowercase());
        } else {
            out.extend(c.to_uppercase());
        }
        prev_cased = c.is_alphabetic();
    }
    Ok(interp.new_string(out))
}

fn capitalize(interp: &mut Interp, args: Args) -> PyResult {
    let s = text(interp, &args.pos[0])?;
    let mut chars = s.chars();
    let out: String = match chars.next() {
        Some(c) => c
            .to_uppercase()
            .chain(chars.flat_map(char::to_lowercase))
            .collect(),
        None => String::new(),
    };
    Ok(interp.new_string(out))
}

fn pad(interp: &mut Interp, args: Args, align: char) -> PyResult {
    check_arity(interp, "center", &args, 2, 3)?;
    let s = text(interp, &args.pos[0])?;
    let width = interp.index_value(&args.pos[1])?.max(0) as usize;
    let fill = match args.pos.get(2) {
        Some(f) => {
            let f = arg_str(interp, f, "fill character")?;
            let mut cs = f.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => c,
                _ => {
                    return Err(interp.err(
                        "TypeError",
                        "The fill character must be exactly one character long",
                    ))
                }
            }
        }
        None => ' ',
    };
    let n = s.chars().count();
    if width <= n {
        return Ok(args.pos[0].clone());
    }
    let total = width - n;
    let (left, right) = match align {
        '<' => (0, total),
        '>' => (total, 0),
        _ => {
            let left = total / 2 + (total & width & 1);
            (left, total - left)
        }
    };
    let f = fill.to_string();
    Ok(interp.new_string(format!("{}{s}{}", f.repeat(left), f.repeat(right))))
}

fn center(interp: &mut Interp, args: Args) -> PyResult {
    pad(interp, args, '^')
}

fn ljust(interp: &mut Interp, args: Args) -> PyResult {
    pad(interp, args, '<')
}

fn rjust(interp: &mut Interp, args: Args) -> PyResult {
    pad(interp, args, '>')
}

fn zfill(interp: &mut Interp, args: Args) -> PyResult {
    check_arity(interp, "zfill", &args, 2, 2)?;
    let s = text(interp, &args.pos[0])?;
    let width = interp.index_value(&args.pos[1])?.max(0) as usize;
    let n = s.chars().count();
    if width <= n {
        return Ok(interp.new_string(s));
    }
    let zeros = "0".repeat(width - n);
    let out = match s.chars().next() {
        Some(c @ ('+' | '-')) => format!("{c}{zeros}{}", &s[1..]),
        _ => format!("{zeros}{s}"),
    };
    Ok(interp.new_string(out))
}

fn splitlines(interp: &mut Interp, args: Args) -> PyResult {
    let s = text(interp, &args.pos[0])?;
    let keep = match args.pos.get(1).or(args.kwarg("keepends")) {
        Some(k) => interp.truthy(k)?,
        None => false,
    };
    let mut out = Vec::new();
    let mut start = 0;
    let bytes: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    while i < bytes.len() {
        let (pos, c) = bytes[i];
        let is_break = matches!(
            c,
            '\n' | '\r'
                | '\x0b'
                | '\x0c'
                | '\x1c'
                | '\x1d'
                | '\x1e'
                | '\u{85}'
                | '\u{2028}'
                | '\u{2029}'
        );
        if is_break {
            let mut end = pos + c.len_utf8();
            if c == '\r' && i + 1 < bytes.len() && bytes[i + 1].1 == '\n' {
                end += 1;
                i += 1;
            }
            out.push(if keep {
                s[start..end].to_string()
            } else {
                s[start..pos].to_string()
            });
            start = end;
        }
        i += 1;
    }
    if start < s.len() {
        out.push(s[start..].to_string());
    }
    let items = out.into_iter().map(|p| interp.new_string(p)).collect();
    Ok(interp.new_list(items))
}

fn partition_impl(interp: &mut Interp, args: Args, right: bool) -> PyResult {
    check_arity(interp, "partition", &args, 2, 2)?;
    let s = text(interp, &args.pos[0])?;
    let sep = arg_str(interp, &args.pos[1], "must be str")?;
    if sep.is_empty() {
        return Err(interp.err("ValueError", "empty separator"));
    }
    let found = if right {
        s.rfind(sep.as_str())
    } else {
        s.find(sep.as_str())
    };
    let (a, b, c) = match found {
        Some(i) => (
            s[..i].to_string(),
            sep.clone(),
            s[i + sep.len()..].to_string(),
        ),
        None if right => (String::new(), String::new(), s.clone()),
        None => (s.clone(), String::new(), String::new()),
    };
    let items = vec![
        interp.new_string(a),
        interp.new_string(b),
        interp.new_string(c),
    ];
    Ok(interp.new_tuple(items))
}

fn partition(interp: &mut Interp, args: Args) -> PyResult {
    partition_impl(interp, args, false)
}

fn rpartition(interp: &mut Interp, args: Args) -> PyResult {
    partition_impl(interp, args, true)
}

fn encode(interp: &mut Interp, args: Args) -> PyResult {
    let s = text(interp, &args.pos[0])?;
    Ok(interp.new_bytes(s.as_bytes()))
}

fn format(interp: &mut Interp, args: Args) -> PyResult {
    let s = text(interp, &args.pos[0])?;
    let out = crate::objects::str_format::format(interp, &s, &args.pos[1..], args.kw)?;
    Ok(interp.new_string(out))
}

fn swapcase(interp: &mut Interp, args: Args) -> PyResult {
    let s = text(interp, &args.pos[0])?;
    let out: String = s
        .chars()
        .flat_map(|c| {
            if c.is_uppercase() {
                c.to_lowercase().collect::<Vec<_>>()
            } else {
                c.to_uppercase().collect::<Vec<_>>()
            }
        })
        .collect();
    Ok(interp.new_string(out))
}

pub fn methods() -> Vec<(&'static str, BuiltinFn)> {
    vec![
        ("join", join),
        ("split", split),
        ("rsplit", rsplit),
        ("strip", strip),
        ("lstrip", lstrip),
        ("rstrip", rstrip),
        ("replace", replace),
        ("upper", upper),
        ("lower", lower),
        ("startswith", startswith),
        ("endswith", endswith),
        ("find", find),
        ("rfind", rfind),
        ("index", index),
        ("count", count),
        ("isdigit", isdigit),
        ("isdecimal", isdigit),
        ("isnumeric", isdigit),
        ("isalpha", isalpha),
        ("isalnum", isalnum),
        ("isspace", isspace),
        ("isupper", isupper),
        ("islower", islower),
        ("title", title),
        ("capitalize", capitalize),
        ("center", center),
        ("ljust", ljust),
        ("rjust", rjust),
        ("zfill", zfill),
        ("splitlines", splitlines),
        ("partition", partition),
        ("rpartition", rpartition),
        ("encode", encode),
        ("format", format),
        ("swapcase", swapcase),
    ]
}

fn bytes_of(interp: &mut Interp, v: &Ref) -> PyResult<Vec<u8>> {
    match &**v {
        Obj::Bytes(b) => Ok(b.to_vec()),
        _ => {
            let t = interp.type_name(v);
            Err(interp.err(
                "TypeError",
                format!("descriptor requires a 'bytes' object but received a '{t}'"),
            ))
        }
    }
}

fn decode(interp: &mut Interp, args: Args) -> PyResult {
    let b = bytes_of(interp, &args.pos[0])?;
    match String::from_utf8(b) {
        Ok(s) => Ok(interp.new_string(s)),
        Err(e) => {
            let pos = e.utf8_error().valid_up_to();
            let byte = e.as_bytes()[pos];
            Err(interp.err(
                "UnicodeDecodeError",
                format!("'utf-8' codec can't decode byte 0x{byte:02x} in position {pos}: invalid start byte"),
            ))
        }
    }
}

fn bytes_hex(interp: &mut Interp, args: Args) -> PyResult {
    let b = bytes_of(interp, &args.pos[0])?;
    let s: String = b.iter().map(|x| format!("{x:02x}")).collect();
    Ok(interp.new_string(s))
}

pub fn bytes_methods() -> Vec<(&'static str, BuiltinFn)> {
    vec![("decode", decode), ("hex", bytes_hex)]
}
