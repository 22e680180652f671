//! The calling convention of each builtin method, as CPython 3.11 declares it, and the
//! argument-count check every call of a method descriptor goes through before the method
//! runs. The counts exclude `self`; the messages are CPython's, which differ by convention:
//! `str.upper() takes no arguments (1 given)` (METH_NOARGS), `set.add() takes exactly one
//! argument (0 given)` (METH_O), `get expected at least 1 argument, got 0` (Argument
//! Clinic, positional only), `count() takes at least 1 argument (0 given)`
//! (`PyArg_ParseTuple`).

use crate::eval::{Interp, PyResult};
use crate::heap::Ref;
use crate::objects::kinds::TypeKind;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sig {
    /// The method checks its own arguments (keyword arguments, `*args`).
    Own,
    /// METH_NOARGS.
    NoArgs,
    /// METH_O: exactly one positional argument.
    One,
    /// Argument Clinic, positional only: between `min` and `max` arguments.
    Pos(u8, u8),
    /// `PyArg_ParseTuple` without keywords.
    Tuple(u8, u8),
    /// `*args` without keywords (`set.union`).
    VarArgs,
}

/// The convention of `kind`'s method `name`.
pub fn sig_of(kind: TypeKind, name: &str) -> Sig {
    use Sig::*;
    use TypeKind as K;
    match (kind, name) {
        (K::Str | K::Bytes, "find" | "rfind" | "index" | "rindex" | "count") => Tuple(1, 3),
        (K::Str | K::Bytes, "startswith" | "endswith") => Tuple(1, 3),
        (K::Str | K::Bytes, "center" | "ljust" | "rjust") => Pos(1, 2),
        (K::Str | K::Bytes, "strip" | "lstrip" | "rstrip") => Pos(0, 1),
        (K::Str | K::Bytes, "replace") => Pos(2, 3),
        (
            K::Str | K::Bytes,
            "join" | "zfill" | "partition" | "rpartition" | "removeprefix" | "removesuffix",
        ) => One,
        (K::Str, "format_map" | "translate") => One,
        (K::Str, "maketrans") => Pos(1, 3),
        (K::Bytes, "fromhex") => One,
        (
            K::Str | K::Bytes,
            "upper" | "lower" | "title" | "capitalize" | "swapcase" | "casefold" | "isdigit"
            | "isdecimal" | "isnumeric" | "isalpha" | "isalnum" | "isspace" | "isupper" | "islower"
            | "istitle" | "isascii" | "isidentifier" | "isprintable",
        ) => NoArgs,
        (K::List, "append" | "extend" | "remove" | "count") => One,
        (K::List, "insert") => Pos(2, 2),
        (K::List, "pop") => Pos(0, 1),
        (K::List | K::Tuple, "index") => Pos(1, 3),
        (K::List, "reverse" | "clear" | "copy") => NoArgs,
        (K::Tuple, "count") => One,
        (K::Dict, "get" | "pop" | "setdefault" | "fromkeys") => Pos(1, 2),
        (K::Dict, "keys" | "values" | "items" | "popitem" | "clear" | "copy") => NoArgs,
        (K::Set | K::FrozenSet, "union" | "intersection" | "difference") => VarArgs,
        (K::Set, "update" | "intersection_update" | "difference_update") => VarArgs,
        (
            K::Set | K::FrozenSet,
            "symmetric_difference" | "issubset" | "issuperset" | "isdisjoint",
        ) => One,
        (K::Set, "add" | "discard" | "remove" | "symmetric_difference_update") => One,
        (K::Set | K::FrozenSet, "copy") => NoArgs,
        (K::Set, "pop" | "clear") => NoArgs,
        (K::Int, "bit_length" | "bit_count" | "conjugate" | "as_integer_ratio") => NoArgs,
        (K::Float, "is_integer" | "conjugate" | "as_integer_ratio" | "hex") => NoArgs,
        _ => Own,
    }
}

fn plural(n: u8) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Checks the arguments of a call of `owner`'s method `name` (`pos[0]` is `self`);
/// `bound` when a bound method object is called rather than the method looked up for
/// the call (`f = s.find; f(x=1)` rather than `s.find(x=1)`), which words some
/// keyword errors differently.
#[inline]
pub fn check(
    interp: &mut Interp,
    sig: Sig,
    owner: TypeKind,
    name: &str,
    bound: bool,
    pos: &[Ref],
    kw: &[(Ref, Ref)],
) -> PyResult<()> {
    if sig == Sig::Own {
        return Ok(());
    }
    let tname = owner.name();
    let Some(n) = pos.len().checked_sub(1) else {
        return Err(interp.err(
            "TypeError",
            format!("unbound method {tname}.{name}() needs an argument"),
        ));
    };
    if !kw.is_empty() {
        let msg = match sig {
            Sig::Tuple(..) | Sig::VarArgs if bound => {
                format!("{name}() takes no keyword arguments")
            }
            _ => format!("{tname}.{name}() takes no keyword arguments"),
        };
        return Err(interp.err("TypeError", msg));
    }
    let msg = match sig {
        Sig::Own | Sig::VarArgs => return Ok(()),
        Sig::NoArgs if n == 0 => return Ok(()),
        Sig::NoArgs => format!("{tname}.{name}() takes no arguments ({n} given)"),
        Sig::One if n == 1 => return Ok(()),
        Sig::One => format!("{tname}.{name}() takes exactly one argument ({n} given)"),
        Sig::Pos(min, max) | Sig::Tuple(min, max) if (min as usize..=max as usize).contains(&n) => {
            return Ok(())
        }
        Sig::Pos(min, max) if min == max => {
            format!("{name} expected {min} argument{}, got {n}", plural(min))
        }
        Sig::Pos(min, _) if n < min as usize => {
            format!(
                "{name} expected at least {min} argument{}, got {n}",
                plural(min)
            )
        }
        Sig::Pos(_, max) => {
            format!(
                "{name} expected at most {max} argument{}, got {n}",
                plural(max)
            )
        }
        Sig::Tuple(min, max) if min == max => {
            format!(
                "{name}() takes exactly {min} argument{} ({n} given)",
                plural(min)
            )
        }
        Sig::Tuple(min, _) if n < min as usize => {
            format!(
                "{name}() takes at least {min} argument{} ({n} given)",
                plural(min)
            )
        }
        Sig::Tuple(_, max) => {
            format!(
                "{name}() takes at most {max} argument{} ({n} given)",
                plural(max)
            )
        }
    };
    Err(interp.err("TypeError", msg))
}

/// Binds the arguments of a method that takes keywords (Argument Clinic): `pos` and `kw`
/// exclude `self`; `names` are the parameters in order, all optional. Gives one slot per
/// parameter, with CPython's messages for extra, unknown or repeated arguments.
pub fn bind_optional(
    interp: &mut Interp,
    fname: &str,
    pos: &[Ref],
    kw: &[(Ref, Ref)],
    names: &[&str],
) -> PyResult<Vec<Option<Ref>>> {
    let given = pos.len() + kw.len();
    if given > names.len() {
        let max = names.len();
        return Err(interp.err(
            "TypeError",
            format!(
                "{fname}() takes at most {max} argument{} ({given} given)",
                if max == 1 { "" } else { "s" }
            ),
        ));
    }
    let mut slots: Vec<Option<Ref>> = pos.iter().cloned().map(Some).collect();
    slots.resize(names.len(), None);
    for (k, v) in kw {
        let key = k.as_str_opt().unwrap_or("");
        match names.iter().position(|n| *n == key) {
            Some(i) if slots[i].is_some() => {
                return Err(interp.err(
                    "TypeError",
                    format!(
                        "argument for {fname}() given by name ('{key}') and position ({})",
                        i + 1
                    ),
                ))
            }
            Some(i) => slots[i] = Some(v.clone()),
            None => {
                return Err(interp.err(
                    "TypeError",
                    format!("'{key}' is an invalid keyword argument for {fname}()"),
                ))
            }
        }
    }
    Ok(slots)
}
