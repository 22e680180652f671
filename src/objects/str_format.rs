//! `str.format` (the format-string syntax: `{}`, `{0}`, `{name.attr[key]!r:>{width}}`) and
//! `str % args`, on the pure formatting functions of [`crate::format`].

use crate::eval::{Interp, PyResult, Unwind};
use crate::format::{FormatError, PercentSource, PercentValue};
use crate::heap::Ref;
use crate::objects::Obj;

pub fn format(
    interp: &mut Interp,
    template: &str,
    pos: &[Ref],
    kw: &[(Ref, Ref)],
) -> PyResult<String> {
    let mut auto = 0usize;
    let mut manual = false;
    format_into(interp, template, pos, kw, &mut auto, &mut manual, 0)
}

fn format_into(
    interp: &mut Interp,
    template: &str,
    pos: &[Ref],
    kw: &[(Ref, Ref)],
    auto: &mut usize,
    manual: &mut bool,
    depth: usize,
) -> PyResult<String> {
    if depth > 2 {
        return Err(interp.err("ValueError", "Max string recursion exceeded"));
    }
    let mut out = String::new();
    let chars: Vec<char> = template.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '{' {
            if chars.get(i + 1) == Some(&'{') {
                out.push('{');
                i += 2;
                continue;
            }
            // Find the matching close brace (nested braces in the spec).
            let mut level = 1;
            let mut j = i + 1;
            while j < chars.len() {
                match chars[j] {
                    '{' => level += 1,
                    '}' => {
                        level -= 1;
                        if level == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            if j >= chars.len() {
                return Err(interp.err("ValueError", "expected '}' before end of string"));
            }
            let field: String = chars[i + 1..j].iter().collect();
            let (name_part, conversion, spec) = split_field(&field);
            let value = resolve_field(interp, &name_part, pos, kw, auto, manual)?;
            let value = match conversion {
                Some('r') => {
                    let s = interp.repr(&value)?;
                    interp.new_string(s)
                }
                Some('s') => {
                    let s = interp.str(&value)?;
                    interp.new_string(s)
                }
                Some('a') => {
                    let s = interp.repr(&value)?;
                    interp.new_string(crate::format::ascii_escape(&s))
                }
                Some(other) => {
                    return Err(interp.err(
                        "ValueError",
                        format!("Unknown conversion specifier {other}"),
                    ))
                }
                None => value,
            };
            let spec = if spec.contains('{') {
                format_into(interp, &spec, pos, kw, auto, manual, depth + 1)?
            } else {
                spec
            };
            out.push_str(&interp.format_value(&value, &spec)?);
            i = j + 1;
        } else if c == '}' {
            if chars.get(i + 1) == Some(&'}') {
                out.push('}');
                i += 2;
                continue;
            }
            return Err(interp.err("ValueError", "Single '}' encountered in format string"));
        } else {
            out.push(c);
            i += 1;
        }
    }
    Ok(out)
}

/// `name!conv:spec` → (name, conversion, spec).
fn split_field(field: &str) -> (String, Option<char>, String) {
    let mut name_end = field.len();
    let mut bracket = false;
    for (i, c) in field.char_indices() {
        match c {
            '[' => bracket = true,
            ']' => bracket = false,
            '!' | ':' if !bracket => {
                name_end = i;
                break;
            }
            _ => {}
        }
    }
    let name = field[..name_end].to_string();
    let rest = &field[name_end..];
    let (conversion, spec) = if let Some(r) = rest.strip_prefix('!') {
        let mut cs = r.chars();
        let conv = cs.next();
        let after: String = cs.collect();
        (conv, after.strip_prefix(':').unwrap_or("").to_string())
    } else if let Some(s) = rest.strip_prefix(':') {
        (None, s.to_string())
    } else {
        (None, String::new())
    };
    (name, conversion, spec)
}

fn resolve_field(
    interp: &mut Interp,
    name: &str,
    pos: &[Ref],
    kw: &[(Ref, Ref)],
    auto: &mut usize,
    manual: &mut bool,
) -> PyResult<Ref> {
    let first_end = name.find(['.', '[']).unwrap_or(name.len());
    let first = &name[..first_end];
    let mut value = if first.is_empty() {
        if *manual {
            return Err(interp.err(
                "ValueError",
                "cannot switch from manual field specification to automatic field numbering",
            ));
        }
        let i = *auto;
        *auto += 1;
        match pos.get(i) {
            Some(v) => v.clone(),
            None => {
                return Err(interp.err(
                    "IndexError",
                    format!("Replacement index {i} out of range for positional args tuple"),
                ))
            }
        }
    } else if let Ok(i) = first.parse::<usize>() {
        if *auto > 0 {
            return Err(interp.err(
                "ValueError",
                "cannot switch from automatic field numbering to manual field specification",
            ));
        }
        *manual = true;
        match pos.get(i) {
            Some(v) => v.clone(),
            None => {
                return Err(interp.err(
                    "IndexError",
                    format!("Replacement index {i} out of range for positional args tuple"),
                ))
            }
        }
    } else {
        match kw.iter().find(|(k, _)| k.as_str_opt() == Some(first)) {
            Some((_, v)) => v.clone(),
            None => {
                let key = interp.new_str(first);
                return Err(Unwind::Exception(interp.key_error(&key)));
            }
        }
    };
    let mut rest = &name[first_end..];
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('.') {
            let end = r.find(['.', '[']).unwrap_or(r.len());
            let attr = interp.intern(&r[..end]);
            value = interp.getattr(&value, &attr)?;
            rest = &r[end..];
        } else if let Some(r) = rest.strip_prefix('[') {
            let end = r.find(']').unwrap_or(r.len());
            let key_text = &r[..end];
            let key = match key_text.parse::<i64>() {
                Ok(i) => interp.new_int(i),
                Err(_) => interp.new_str(key_text),
            };
            value = interp.getitem(&value, &key)?;
            rest = r.get(end + 1..).unwrap_or("");
        } else {
            break;
        }
    }
    Ok(value)
}

// ---------------------------------------------------------------------- %-formatting

pub enum PercentError {
    Py(Unwind),
    Format(FormatError),
}

impl From<FormatError> for PercentError {
    fn from(e: FormatError) -> Self {
        PercentError::Format(e)
    }
}

struct Source<'a> {
    interp: &'a mut Interp,
    operand: Ref,
}

impl PercentSource for Source<'_> {
    type Value = Ref;
    type Error = PercentError;

    fn tuple_len(&self) -> Option<usize> {
        match &*self.operand {
            Obj::Tuple(t) => Some(t.len()),
            _ => None,
        }
    }

    fn is_mapping(&self) -> bool {
        match &*self.operand {
            Obj::Tuple(_) | Obj::Str(_) => false,
            Obj::Dict(_) | Obj::List(_) => true,
            Obj::Instance(_) => {
                let gi = self
                    .interp
                    .names
                    .get(crate::eval::names::N::getitem)
                    .clone();
                self.interp
                    .class_has(&self.interp.type_of(&self.operand), &gi)
            }
            _ => false,
        }
    }

    fn operand(&mut self) -> Ref {
        self.operand.clone()
    }

    fn item(&mut self, index: usize) -> Ref {
        match &*self.operand {
            Obj::Tuple(t) => t[index].clone(),
            _ => self.operand.clone(),
        }
    }

    fn lookup(&mut self, key: &str) -> Result<Ref, PercentError> {
        let k = self.interp.new_str(key);
        let op = self.operand.clone();
        self.interp.getitem(&op, &k).map_err(PercentError::Py)
    }

    fn classify(&mut self, value: &Ref) -> Result<PercentValue, PercentError> {
        Ok(match &**value {
            Obj::Int(i) => PercentValue::Int((*i).into()),
            Obj::Bool(b) => PercentValue::Int((*b as i64).into()),
            Obj::BigInt(b) => PercentValue::Int((**b).clone()),
            Obj::Float(f) => PercentValue::Float(*f),
            Obj::Str(s) => PercentValue::Str(s.text.to_string()),
            // An instance of a subclass of int or float formats as its value.
            Obj::Instance(i) => match i.base_value.as_deref() {
                Some(Obj::Int(i)) => PercentValue::Int((*i).into()),
                Some(Obj::BigInt(b)) => PercentValue::Int((**b).clone()),
                Some(Obj::Float(f)) => PercentValue::Float(*f),
                _ => PercentValue::Other,
            },
            _ => PercentValue::Other,
        })
    }

    fn type_name(&mut self, value: &Ref) -> String {
        self.interp.type_name(value)
    }

    fn str(&mut self, value: &Ref) -> Result<String, PercentError> {
        self.interp.str(value).map_err(PercentError::Py)
    }

    fn repr(&mut self, value: &Ref) -> Result<String, PercentError> {
        self.interp.repr(value).map_err(PercentError::Py)
    }
}

impl Interp {
    /// `template % args`.
    pub fn percent_format(&mut self, template: &Ref, args: &Ref) -> PyResult {
        let text = template.as_str_opt().unwrap_or("").to_string();
        let mut source = Source {
            interp: self,
            operand: args.clone(),
        };
        match crate::format::percent_format(&text, &mut source) {
            Ok(s) => Ok(self.new_string(s)),
            Err(PercentError::Py(e)) => Err(e),
            Err(PercentError::Format(e)) => Err(self.format_error(e)),
        }
    }
}
