//! `str` methods.

use crate::eval::{Args, Interp, PyResult};
use crate::heap::Ref;
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

/// The items of `str.join`'s or `bytes.join`'s argument.
pub(crate) fn join_items(interp: &mut Interp, v: &Ref) -> PyResult<Vec<Ref>> {
    if !interp.is_iterable(v) {
        return Err(interp.err("TypeError", "can only join an iterable"));
    }
    interp.collect_iterable(v)
}

fn join(interp: &mut Interp, args: Args) -> PyResult {
    let sep = text(interp, &args.pos[0])?;
    let items = join_items(interp, &args.pos[1])?;
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
    let name = if from_right { "rsplit" } else { "split" };
    let slots =
        super::sigs::bind_optional(interp, name, &args.pos[1..], args.kw, &["sep", "maxsplit"])?;
    let s = text(interp, &args.pos[0])?;
    let sep = match &slots[0] {
        Some(v) if !matches!(&**v, Obj::None) => match v.as_str_opt() {
            Some(t) => Some(t.to_string()),
            None => {
                let t = interp.type_name(v);
                return Err(interp.err("TypeError", format!("must be str or None, not {t}")));
            }
        },
        _ => None,
    };
    let maxsplit = match &slots[1] {
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
    let s = text(interp, &args.pos[0])?;
    let chars: Option<Vec<char>> = match args.pos.get(1) {
        Some(v) if !matches!(&**v, Obj::None) => match v.as_str_opt() {
            Some(t) => Some(t.chars().collect()),
            None => {
                let name = match (left, right) {
                    (true, true) => "strip",
                    (true, false) => "lstrip",
                    _ => "rstrip",
                };
                return Err(interp.err("TypeError", format!("{name} arg must be None or str")));
            }
        },
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

/// A `start`/`end` argument of the search methods: an index, or None for the default.
pub(crate) fn slice_bound(interp: &mut Interp, v: Option<&Ref>) -> PyResult<Option<i64>> {
    let Some(v) = v else { return Ok(None) };
    let has_index = |interp: &mut Interp| {
        let index = interp.names.get(crate::eval::names::N::index).clone();
        interp.user_special_method(v, &index).is_some()
    };
    match &**v {
        Obj::None => Ok(None),
        // Out-of-range bounds are clipped, as `_PyEval_SliceIndex` does.
        Obj::BigInt(b) if b.sign() == num_bigint::Sign::Minus => Ok(Some(i64::MIN / 2)),
        Obj::BigInt(_) => Ok(Some(i64::MAX / 2)),
        Obj::Int(_) | Obj::Bool(_) => interp.index_value(v).map(Some),
        _ if has_index(interp) => interp.index_value(v).map(Some),
        _ => Err(interp.err(
            "TypeError",
            "slice indices must be integers or None or have an __index__ method",
        )),
    }
}

/// The window `[start, end)` of a sequence of `len` units after CPython's
/// `ADJUST_INDICES`; `None` when it is empty because `start` lies past `end`.
pub(crate) fn window(len: usize, start: Option<i64>, end: Option<i64>) -> Option<(usize, usize)> {
    let n = len as i64;
    let s = start.map_or(0, |i| if i < 0 { (i + n).max(0) } else { i });
    let e = end.map_or(n, |i| if i < 0 { (i + n).max(0) } else { i.min(n) });
    (s <= e).then_some((s as usize, e as usize))
}

/// A str's text addressed by character index: byte offsets of the character boundaries,
/// computed only for non-ASCII text.
pub(crate) struct CharIndex<'a> {
    pub text: &'a str,
    bounds: Option<Vec<usize>>,
}

impl<'a> CharIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let bounds = (!text.is_ascii()).then(|| {
            let mut b: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            b.push(text.len());
            b
        });
        CharIndex { text, bounds }
    }

    pub fn len(&self) -> usize {
        match &self.bounds {
            Some(b) => b.len() - 1,
            None => self.text.len(),
        }
    }

    /// The byte offset of character `i`.
    pub fn byte(&self, i: usize) -> usize {
        match &self.bounds {
            Some(b) => b[i],
            None => i,
        }
    }

    /// The character index of byte offset `b` (a character boundary).
    pub fn char(&self, b: usize) -> usize {
        match &self.bounds {
            Some(bounds) => bounds.binary_search(&b).unwrap_or_else(|i| i),
            None => b,
        }
    }
}

/// The `(start, end)` arguments after the first of `find`, `count`, `startswith` …
fn bounds(interp: &mut Interp, args: &Args) -> PyResult<(Option<i64>, Option<i64>)> {
    let start = slice_bound(interp, args.pos.get(2))?;
    let end = slice_bound(interp, args.pos.get(3))?;
    Ok((start, end))
}

fn affix(interp: &mut Interp, args: Args, start: bool) -> PyResult {
    let s = text(interp, &args.pos[0])?;
    let which = if start { "startswith" } else { "endswith" };
    let (lo, hi) = bounds(interp, &args)?;
    let ix = CharIndex::new(&s);
    let Some((a, b)) = window(ix.len(), lo, hi) else {
        return Ok(interp.bool(false));
    };
    let hay = &s[ix.byte(a)..ix.byte(b)];
    let test = |p: &str| {
        if start {
            hay.starts_with(p)
        } else {
            hay.ends_with(p)
        }
    };
    match &*args.pos[1] {
        Obj::Tuple(t) => {
            for x in t.iter() {
                match x.as_str_opt() {
                    Some(p) if test(p) => return Ok(interp.bool(true)),
                    Some(_) => {}
                    None => {
                        let t = interp.type_name(x);
                        return Err(interp.err(
                            "TypeError",
                            format!("tuple for {which} must only contain str, not {t}"),
                        ));
                    }
                }
            }
            Ok(interp.bool(false))
        }
        Obj::Str(p) => Ok(interp.bool(test(&p.text))),
        _ => {
            let t = interp.type_name(&args.pos[1]);
            Err(interp.err(
                "TypeError",
                format!("{which} first arg must be str or a tuple of str, not {t}"),
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

fn find_impl(interp: &mut Interp, args: Args, right: bool, raise: bool) -> PyResult {
    let s = text(interp, &args.pos[0])?;
    let sub = arg_str(interp, &args.pos[1], "must be str")?;
    let (lo, hi) = bounds(interp, &args)?;
    let ix = CharIndex::new(&s);
    let found = window(ix.len(), lo, hi).and_then(|(a, b)| {
        let (a, b) = (ix.byte(a), ix.byte(b));
        let hay = &s[a..b];
        let at = if right {
            hay.rfind(sub.as_str())
        } else {
            hay.find(sub.as_str())
        };
        at.map(|i| ix.char(a + i))
    });
    match found {
        Some(i) => Ok(interp.new_int(i as i64)),
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

fn rindex(interp: &mut Interp, args: Args) -> PyResult {
    find_impl(interp, args, true, true)
}

fn count(interp: &mut Interp, args: Args) -> PyResult {
    let s = text(interp, &args.pos[0])?;
    let sub = arg_str(interp, &args.pos[1], "must be str")?;
    let (lo, hi) = bounds(interp, &args)?;
    let ix = CharIndex::new(&s);
    let n = match window(ix.len(), lo, hi) {
        None => 0,
        Some((a, b)) if sub.is_empty() => b - a + 1,
        Some((a, b)) => s[ix.byte(a)..ix.byte(b)].matches(sub.as_str()).count(),
    };
    Ok(interp.new_int(n as i64))
}

fn casefold(interp: &mut Interp, args: Args) -> PyResult {
    let s = text(interp, &args.pos[0])?;
    // Full case folding differs from lowercasing in a few letters (ß → ss, ς → σ …).
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'ß' | 'ẞ' => out.push_str("ss"),
            'ς' => out.push('σ'),
            'ſ' => out.push('s'),
            'ﬀ' => out.push_str("ff"),
            'ﬁ' => out.push_str("fi"),
            'ﬂ' => out.push_str("fl"),
            'ﬃ' => out.push_str("ffi"),
            'ﬄ' => out.push_str("ffl"),
            'ﬅ' | 'ﬆ' => out.push_str("st"),
            'µ' => out.push('μ'),
            _ => out.extend(c.to_lowercase()),
        }
    }
    Ok(interp.new_string(out))
}

fn remove_affix(interp: &mut Interp, args: Args, prefix: bool) -> PyResult {
    let s = text(interp, &args.pos[0])?;
    let what = if prefix {
        "removeprefix() argument"
    } else {
        "removesuffix() argument"
    };
    let affix = arg_str(interp, &args.pos[1], what)?;
    let rest = if prefix {
        s.strip_prefix(affix.as_str())
    } else {
        s.strip_suffix(affix.as_str())
    };
    match rest {
        Some(r) if !affix.is_empty() => Ok(interp.new_str(r)),
        _ => Ok(args.pos[0].clone()),
    }
}

fn removeprefix(interp: &mut Interp, args: Args) -> PyResult {
    remove_affix(interp, args, true)
}

fn removesuffix(interp: &mut Interp, args: Args) -> PyResult {
    remove_affix(interp, args, false)
}

fn expandtabs(interp: &mut Interp, args: Args) -> PyResult {
    let slots =
        super::sigs::bind_optional(interp, "expandtabs", &args.pos[1..], args.kw, &["tabsize"])?;
    let s = text(interp, &args.pos[0])?;
    let tabsize = match &slots[0] {
        Some(v) => interp.index_value(v)?,
        None => 8,
    };
    let mut out = String::with_capacity(s.len());
    let mut col: i64 = 0;
    for c in s.chars() {
        match c {
            '\t' => {
                if tabsize > 0 {
                    let n = tabsize - col % tabsize;
                    out.extend(std::iter::repeat_n(' ', n as usize));
                    col += n;
                }
            }
            '\n' | '\r' => {
                out.push(c);
                col = 0;
            }
            _ => {
                out.push(c);
                col += 1;
            }
        }
    }
    Ok(interp.new_string(out))
}

fn istitle(interp: &mut Interp, args: Args) -> PyResult {
    let s = text(interp, &args.pos[0])?;
    let mut cased = false;
    let mut prev_cased = false;
    for c in s.chars() {
        if c.is_uppercase() {
            if prev_cased {
                return Ok(interp.bool(false));
            }
            prev_cased = true;
            cased = true;
        } else if c.is_lowercase() {
            if !prev_cased {
                return Ok(interp.bool(false));
            }
            prev_cased = true;
            cased = true;
        } else {
            prev_cased = false;
        }
    }
    Ok(interp.bool(cased))
}

fn isascii(interp: &mut Interp, args: Args) -> PyResult {
    let s = text(interp, &args.pos[0])?;
    Ok(interp.bool(s.is_ascii()))
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
    let s = text(interp, &args.pos[0])?;
    let width = interp.index_value(&args.pos[1])?.max(0) as usize;
    let fill = match args.pos.get(2) {
        Some(f) => {
            let Some(f) = f.as_str_opt() else {
                let t = interp.type_name(f);
                return Err(interp.err(
                    "TypeError",
                    format!("The fill character must be a unicode character, not {t}"),
                ));
            };
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
    let slots =
        super::sigs::bind_optional(interp, "splitlines", &args.pos[1..], args.kw, &["keepends"])?;
    let s = text(interp, &args.pos[0])?;
    let keep = match &slots[0] {
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
    let slots = super::sigs::bind_optional(
        interp,
        "encode",
        &args.pos[1..],
        args.kw,
        &["encoding", "errors"],
    )?;
    let s = text(interp, &args.pos[0])?;
    let codec = super::bytes_methods::codec_arg(interp, "encode", &slots)?;
    let limit = match codec {
        super::bytes_methods::Codec::Utf8 => return Ok(interp.new_bytes(s.as_bytes())),
        super::bytes_methods::Codec::Ascii => 128,
        super::bytes_methods::Codec::Latin1 => 256,
    };
    let mut out = Vec::with_capacity(s.len());
    for (i, c) in s.chars().enumerate() {
        if (c as u32) < limit {
            out.push(c as u8);
        } else {
            let name = codec.name();
            let code = c as u32;
            let esc = if code < 0x100 {
                format!("\\x{code:02x}")
            } else if code < 0x10000 {
                format!("\\u{code:04x}")
            } else {
                format!("\\U{code:08x}")
            };
            return Err(interp.err(
                "UnicodeEncodeError",
                format!(
                    "'{name}' codec can't encode character '{esc}' in position {i}: ordinal not in range({limit})"
                ),
            ));
        }
    }
    Ok(interp.new_bytes(&out))
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
        ("rindex", rindex),
        ("casefold", casefold),
        ("removeprefix", removeprefix),
        ("removesuffix", removesuffix),
        ("expandtabs", expandtabs),
        ("istitle", istitle),
        ("isascii", isascii),
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
