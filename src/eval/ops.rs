//! Operators: arithmetic with CPython's int/float rules, comparison, truth, hashing,
//! `repr`/`str`/`format` dispatch. Builtin operands take fast paths; anything else goes
//! through the special methods (`__add__`, then the reflected `__radd__`).

use super::names::N;
use super::{Interp, PyResult, Unwind};
use crate::heap::Ref;
use crate::objects::Obj;
use crate::syntax::ast::{BinOp, CmpOp, UnaryOp};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

/// A numeric view of an int, bool or float operand.
enum Num {
    Small(i64),
    Big(BigInt),
    Float(f64),
}

fn num_of(obj: &Obj) -> Option<Num> {
    match obj {
        Obj::Int(i) => Some(Num::Small(*i)),
        Obj::Bool(b) => Some(Num::Small(*b as i64)),
        Obj::BigInt(b) => Some(Num::Big((**b).clone())),
        Obj::Float(f) => Some(Num::Float(*f)),
        _ => None,
    }
}

/// Whether `op` holds between two values ordered `ord`.
fn cmp_holds(op: CmpOp, ord: std::cmp::Ordering) -> bool {
    use std::cmp::Ordering::*;
    match op {
        CmpOp::Eq => ord == Equal,
        CmpOp::NotEq => ord != Equal,
        CmpOp::Lt => ord == Less,
        CmpOp::LtE => ord != Greater,
        CmpOp::Gt => ord == Greater,
        CmpOp::GtE => ord != Less,
        _ => false,
    }
}

fn to_big(n: &Num) -> BigInt {
    match n {
        Num::Small(i) => BigInt::from(*i),
        Num::Big(b) => b.clone(),
        Num::Float(_) => BigInt::zero(),
    }
}

fn to_f64(n: &Num) -> Option<f64> {
    match n {
        Num::Small(i) => Some(*i as f64),
        Num::Big(b) => crate::format::int_to_f64(b).ok(),
        Num::Float(f) => Some(*f),
    }
}

pub fn binop_dunders(op: BinOp) -> (N, N, N) {
    match op {
        BinOp::Add => (N::add, N::radd, N::iadd),
        BinOp::Sub => (N::sub, N::rsub, N::isub),
        BinOp::Mult => (N::mul, N::rmul, N::imul),
        BinOp::MatMult => (N::matmul, N::rmatmul, N::imatmul),
        BinOp::Div => (N::truediv, N::rtruediv, N::itruediv),
        BinOp::Mod => (N::mod_, N::rmod, N::imod),
        BinOp::Pow => (N::pow, N::rpow, N::ipow),
        BinOp::LShift => (N::lshift, N::rlshift, N::ilshift),
        BinOp::RShift => (N::rshift, N::rrshift, N::irshift),
        BinOp::BitOr => (N::or, N::ror, N::ior),
        BinOp::BitXor => (N::xor, N::rxor, N::ixor),
        BinOp::BitAnd => (N::and, N::rand, N::iand),
        BinOp::FloorDiv => (N::floordiv, N::rfloordiv, N::ifloordiv),
    }
}

impl Interp {
    #[inline]
    pub fn binary_op(&mut self, a: &Ref, b: &Ref, op: BinOp) -> PyResult {
        self.binary_op_as(a, b, op, false)
    }

    /// `a op b`, or the fallback of `a op= b` when `inplace` (which names the in-place
    /// operator in the error).
    fn binary_op_as(&mut self, a: &Ref, b: &Ref, op: BinOp, inplace: bool) -> PyResult {
        // Fast path: two machine ints.
        if let (Obj::Int(x), Obj::Int(y)) = (&**a, &**b) {
            let (x, y) = (*x, *y);
            let r = match op {
                BinOp::Add => x.checked_add(y),
                BinOp::Sub => x.checked_sub(y),
                BinOp::Mult => x.checked_mul(y),
                BinOp::FloorDiv if y != 0 && !(x == i64::MIN && y == -1) => {
                    Some(Integer::div_floor(&x, &y))
                }
                BinOp::Mod if y != 0 && y != -1 => Some(Integer::mod_floor(&x, &y)),
                BinOp::BitAnd => Some(x & y),
                BinOp::BitOr => Some(x | y),
                BinOp::BitXor => Some(x ^ y),
                _ => None,
            };
            if let Some(r) = r {
                return Ok(self.new_int(r));
            }
        }
        if let Some(r) = self.builtin_binary(a, b, op)? {
            return Ok(r);
        }
        let (method, rmethod, _) = binop_dunders(op);
        self.dunder_binary(a, b, op, method, rmethod, inplace)
    }

    /// `a op= b`: the in-place method if there is one (lists extend in place), else `op`.
    pub fn inplace_op(&mut self, a: Ref, b: &Ref, op: BinOp) -> PyResult {
        match (&*a, op) {
            (Obj::List(_), BinOp::Add) => {
                crate::objects::list::extend_list(self, &a, b)?;
                return Ok(a);
            }
            (Obj::List(l), BinOp::Mult)
                if matches!(&**b, Obj::Int(_) | Obj::Bool(_) | Obj::BigInt(_)) =>
            {
                let n = self.index_value(b)?;
                l.borrow_mut().repeat_in_place(n.max(0) as usize);
                return Ok(a);
            }
            (Obj::Instance(_), _) => {
                let (_, _, iname) = binop_dunders(op);
                let name = self.names.get(iname).clone();
                if let Some(m) = self.special_method(&a, &name) {
                    let r = self.call(&m, vec![b.clone()])?;
                    if !matches!(&*r, Obj::NotImplemented) {
                        return Ok(r);
                    }
                }
            }
            _ => {}
        }
        if let Obj::Set(_) = &*a {
            if matches!(
                op,
                BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor
            ) {
                if let Some(r) = self.set_inplace(&a, b, op)? {
                    return Ok(r);
                }
            }
        }
        self.binary_op_as(&a, b, op, true)
    }

    fn dunder_binary(
        &mut self,
        a: &Ref,
        b: &Ref,
        op: BinOp,
        method: N,
        rmethod: N,
        inplace: bool,
    ) -> PyResult {
        let name_ref = self.names.get(method).clone();
        let rname_ref = self.names.get(rmethod).clone();
        let a_type = self.type_of(a);
        let b_type = self.type_of(b);
        let different = !a_type.is(&b_type);
        // A subclass's reflected method goes first (CPython's binary_op1 rule).
        let b_first =
            different && self.is_subclass(&b_type, &a_type) && self.class_has(&b_type, &rname_ref);
        if b_first {
            if let Some(m) = self.special_method(b, &rname_ref) {
                let r = self.call(&m, vec![a.clone()])?;
                if !matches!(&*r, Obj::NotImplemented) {
                    return Ok(r);
                }
            }
        }
        if let Some(m) = self.special_method(a, &name_ref) {
            let r = self.call(&m, vec![b.clone()])?;
            if !matches!(&*r, Obj::NotImplemented) {
                return Ok(r);
            }
        }
        if different && !b_first {
            if let Some(m) = self.special_method(b, &rname_ref) {
                let r = self.call(&m, vec![a.clone()])?;
                if !matches!(&*r, Obj::NotImplemented) {
                    return Ok(r);
                }
            }
        }
        if let Some(msg) = self.sequence_op_error(a, b, op) {
            return Err(self.err("TypeError", msg));
        }
        let sym = match op {
            BinOp::Pow if !inplace => "** or pow()".to_string(),
            _ if inplace => format!("{}=", op.symbol()),
            _ => op.symbol().to_string(),
        };
        Err(self.err(
            "TypeError",
            format!(
                "unsupported operand type(s) for {sym}: '{}' and '{}'",
                self.type_name(a),
                self.type_name(b)
            ),
        ))
    }

    /// The error of `+` or `*` when a builtin sequence's concatenation or repetition
    /// rejects the other operand (`sq_concat`, `sq_repeat`), with CPython's texts.
    fn sequence_op_error(&mut self, a: &Ref, b: &Ref, op: BinOp) -> Option<String> {
        let is_seq = |v: &Ref| {
            matches!(
                &**v,
                Obj::Str(_) | Obj::List(_) | Obj::Tuple(_) | Obj::Bytes(_)
            )
        };
        match op {
            BinOp::Add if matches!(&**a, Obj::Bytes(_)) => {
                Some(format!("can't concat {} to bytes", self.type_name(b)))
            }
            BinOp::Add if is_seq(a) => {
                let (ta, tb) = (self.type_name(a), self.type_name(b));
                Some(format!("can only concatenate {ta} (not \"{tb}\") to {ta}"))
            }
            BinOp::Mult if is_seq(a) || is_seq(b) => {
                let count = if is_seq(a) { b } else { a };
                Some(format!(
                    "can't multiply sequence by non-int of type '{}'",
                    self.type_name(count)
                ))
            }
            _ => None,
        }
    }

    /// The builtin types' operators; `None` when the operands are not builtin ones.
    pub(crate) fn builtin_binary(&mut self, a: &Ref, b: &Ref, op: BinOp) -> PyResult<Option<Ref>> {
        if let (Obj::Bool(x), Obj::Bool(y)) = (&**a, &**b) {
            let r = match op {
                BinOp::BitAnd => Some(*x & *y),
                BinOp::BitOr => Some(*x | *y),
                BinOp::BitXor => Some(*x ^ *y),
                _ => None,
            };
            if let Some(r) = r {
                return Ok(Some(self.bool(r)));
            }
        }
        if let (Some(x), Some(y)) = (num_of(a), num_of(b)) {
            return self.numeric_binary(x, y, op);
        }
        let r = match (&**a, &**b, op) {
            (Obj::Str(x), Obj::Str(y), BinOp::Add) => {
                let mut s = String::with_capacity(x.text.len() + y.text.len());
                s.push_str(&x.text);
                s.push_str(&y.text);
                self.new_string(s)
            }
            (Obj::Str(_), _, BinOp::Mod) => return self.percent_format(a, b).map(Some),
            (Obj::Str(x), Obj::Int(_) | Obj::Bool(_) | Obj::BigInt(_), BinOp::Mult)
            | (Obj::Int(_) | Obj::Bool(_) | Obj::BigInt(_), Obj::Str(x), BinOp::Mult) => {
                let n = if matches!(&**a, Obj::Str(_)) {
                    self.index_value(b)?
                } else {
                    self.index_value(a)?
                };
                let n = n.max(0) as usize;
                if x.text.len().saturating_mul(n) > isize::MAX as usize / 2 {
                    return Err(self.err("MemoryError", ""));
                }
                self.new_string(x.text.repeat(n))
            }
            (Obj::Bytes(x), Obj::Int(_) | Obj::Bool(_) | Obj::BigInt(_), BinOp::Mult)
            | (Obj::Int(_) | Obj::Bool(_) | Obj::BigInt(_), Obj::Bytes(x), BinOp::Mult) => {
                let n = if matches!(&**a, Obj::Bytes(_)) {
                    self.index_value(b)?
                } else {
                    self.index_value(a)?
                };
                let n = n.max(0) as usize;
                if x.len().saturating_mul(n) > isize::MAX as usize / 2 {
                    return Err(self.err("MemoryError", ""));
                }
                self.new_bytes(&x.repeat(n))
            }
            (Obj::Bytes(x), Obj::Bytes(y), BinOp::Add) => {
                let mut v = x.to_vec();
                v.extend_from_slice(y);
                self.new_bytes(&v)
            }
            (Obj::List(x), Obj::List(y), BinOp::Add) => {
                let mut v = x.borrow().clone();
                v.extend(y.borrow().iter().cloned());
                self.new_list(v)
            }
            (Obj::Tuple(x), Obj::Tuple(y), BinOp::Add) => {
                let mut v = x.to_vec();
                v.extend(y.iter().cloned());
                self.new_tuple(v)
            }
            (
                Obj::List(_) | Obj::Tuple(_),
                Obj::Int(_) | Obj::Bool(_) | Obj::BigInt(_),
                BinOp::Mult,
            )
            | (
                Obj::Int(_) | Obj::Bool(_) | Obj::BigInt(_),
                Obj::List(_) | Obj::Tuple(_),
                BinOp::Mult,
            ) => {
                let (seq, count) = if matches!(&**a, Obj::List(_) | Obj::Tuple(_)) {
                    (a, b)
                } else {
                    (b, a)
                };
                let n = self.index_value(count)?.max(0) as usize;
                let items: Vec<Ref> = match &**seq {
                    Obj::List(l) => l.borrow().clone(),
                    Obj::Tuple(t) => t.to_vec(),
                    _ => Vec::new(),
                };
                let total = items
                    .len()
                    .checked_mul(n)
                    .filter(|&t| t <= (isize::MAX as usize) / 16);
                let Some(total) = total else {
                    return Err(self.err("MemoryError", ""));
                };
                let mut v = Vec::new();
                if v.try_reserve_exact(total).is_err() {
                    return Err(self.err("MemoryError", ""));
                }
                for _ in 0..n {
                    v.extend(items.iter().cloned());
                }
                if matches!(&**seq, Obj::List(_)) {
                    self.new_list(v)
                } else {
                    self.new_tuple(v)
                }
            }
            (Obj::Set(_) | Obj::FrozenSet(_), Obj::Set(_) | Obj::FrozenSet(_), _)
                if matches!(
                    op,
                    BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor
                ) =>
            {
                return self.set_binary(a, b, op).map(Some)
            }
            (Obj::DictView(v), _, BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor)
            | (_, Obj::DictView(v), BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor)
                if v.1 != crate::objects::DictViewKind::Values =>
            {
                // The set operations of keys and items views give a set.
                let x = self.set_of(a)?;
                let y = self.set_of(b)?;
                return self.set_binary(&x, &y, op).map(Some);
            }
            (Obj::Dict(_), Obj::Dict(_), BinOp::BitOr) => {
                let d = self.dict_copy(a)?;
                self.dict_update(&d, b)?;
                d
            }
            _ => return Ok(None),
        };
        Ok(Some(r))
    }

    /// A set holding an operand's items (itself when it already is a set).
    fn set_of(&mut self, v: &Ref) -> PyResult<Ref> {
        if matches!(&**v, Obj::Set(_)) {
            return Ok(v.clone());
        }
        let items = self.collect_iterable(v)?;
        self.set_from_items(items, false)
    }

    /// `None` when the numbers do not support `op` (`1.5 & 1`, `1 @ 2`): the caller
    /// reports it with the operands' own types.
    fn numeric_binary(&mut self, x: Num, y: Num, op: BinOp) -> PyResult<Option<Ref>> {
        if matches!(x, Num::Float(_)) || matches!(y, Num::Float(_)) || op == BinOp::Div {
            if op == BinOp::Div && !matches!(x, Num::Float(_)) && !matches!(y, Num::Float(_)) {
                // int / int: exact quotient, correctly rounded.
                let (a, b) = (to_big(&x), to_big(&y));
                if b.is_zero() {
                    return Err(self.err("ZeroDivisionError", "division by zero"));
                }
                return match int_true_divide(&a, &b) {
                    Ok(f) => Ok(Some(self.new_float(f))),
                    Err(e) => Err(self.format_error(e)),
                };
            }
            let (Some(a), Some(b)) = (to_f64(&x), to_f64(&y)) else {
                return Err(self.err("OverflowError", "int too large to convert to float"));
            };
            return self.float_binary(a, b, op);
        }
        let (a, b) = (to_big(&x), to_big(&y));
        let r = match op {
            BinOp::Add => a + b,
            BinOp::Sub => a - b,
            BinOp::Mult => a * b,
            BinOp::FloorDiv | BinOp::Mod => {
                if b.is_zero() {
                    let msg = if op == BinOp::Mod {
                        "integer modulo by zero"
                    } else {
                        "integer division or modulo by zero"
                    };
                    return Err(self.err("ZeroDivisionError", msg));
                }
                if op == BinOp::FloorDiv {
                    a.div_floor(&b)
                } else {
                    a.mod_floor(&b)
                }
            }
            BinOp::Pow => {
                if b.is_negative() {
                    let (Some(fa), Some(fb)) = (to_f64(&Num::Big(a.clone())), b.to_f64()) else {
                        return Err(self.err("OverflowError", "int too large to convert to float"));
                    };
                    if fa == 0.0 {
                        return Err(self.err(
                            "ZeroDivisionError",
                            "0.0 cannot be raised to a negative power",
                        ));
                    }
                    return Ok(Some(self.new_float(fa.powf(fb))));
                }
                let Some(e) = b.to_u32() else {
                    if a.is_zero() || a == BigInt::from(1) {
                        return Ok(Some(self.new_bigint(a)));
                    }
                    return Err(self.err("MemoryError", ""));
                };
                if a.bits() as u128 * e as u128 > 1 << 32 {
                    return Err(self.err("MemoryError", ""));
                }
                num_traits::pow(a, e as usize)
            }
            BinOp::LShift => {
                if b.is_negative() {
                    return Err(self.err("ValueError", "negative shift count"));
                }
                let Some(s) = b.to_u32().filter(|&s| s < (1 << 31)) else {
                    return Err(self.err("OverflowError", "too many digits in integer"));
                };
                a << s
            }
            BinOp::RShift => {
                if b.is_negative() {
                    return Err(self.err("ValueError", "negative shift count"));
                }
                match b.to_u32() {
                    Some(s) => a >> s,
                    None => {
                        if a.is_negative() {
                            BigInt::from(-1)
                        } else {
                            BigInt::zero()
                        }
                    }
                }
            }
            BinOp::BitAnd => a & b,
            BinOp::BitOr => a | b,
            BinOp::BitXor => a ^ b,
            BinOp::MatMult | BinOp::Div => return Ok(None),
        };
        Ok(Some(self.new_bigint(r)))
    }

    fn float_binary(&mut self, a: f64, b: f64, op: BinOp) -> PyResult<Option<Ref>> {
        let r = match op {
            BinOp::Add => a + b,
            BinOp::Sub => a - b,
            BinOp::Mult => a * b,
            BinOp::Div => {
                if b == 0.0 {
                    return Err(self.err("ZeroDivisionError", "float division by zero"));
                }
                a / b
            }
            BinOp::FloorDiv | BinOp::Mod => {
                if b == 0.0 {
                    let msg = if op == BinOp::Mod {
                        "float modulo"
                    } else {
                        "float floor division by zero"
                    };
                    return Err(self.err("ZeroDivisionError", msg));
                }
                let (div, m) = float_divmod(a, b);
                if op == BinOp::FloorDiv {
                    div
                } else {
                    m
                }
            }
            BinOp::Pow => {
                if a == 0.0 && b < 0.0 {
                    return Err(self.err(
                        "ZeroDivisionError",
                        "0.0 cannot be raised to a negative power",
                    ));
                }
                if a < 0.0 && b.fract() != 0.0 {
                    return Err(self.err("ValueError", "complex results are not supported"));
                }
                let r = a.powf(b);
                if r.is_infinite() && a.is_finite() && b.is_finite() {
                    return Err(self.err("OverflowError", "(34, 'Numerical result out of range')"));
                }
                r
            }
            _ => return Ok(None),
        };
        Ok(Some(self.new_float(r)))
    }

    pub fn unary_op(&mut self, v: &Ref, op: UnaryOp) -> PyResult {
        if op == UnaryOp::Not {
            let t = self.truthy(v)?;
            return Ok(self.bool(!t));
        }
        match (&**v, op) {
            (Obj::Int(i), UnaryOp::USub) if *i != i64::MIN => return Ok(self.new_int(-i)),
            (Obj::Int(i), UnaryOp::UAdd) => return Ok(self.new_int(*i)),
            (Obj::Int(i), UnaryOp::Invert) => return Ok(self.new_int(!i)),
            (Obj::Bool(b), _) => {
                let i = *b as i64;
                return Ok(match op {
                    UnaryOp::USub => self.new_int(-i),
                    UnaryOp::UAdd => self.new_int(i),
                    _ => self.new_int(!i),
                });
            }
            (Obj::Int(i), UnaryOp::USub) => return Ok(self.new_bigint(-BigInt::from(*i))),
            (Obj::BigInt(b), UnaryOp::USub) => return Ok(self.new_bigint(-(**b).clone())),
            (Obj::BigInt(b), UnaryOp::UAdd) => return Ok(self.new_bigint((**b).clone())),
            (Obj::BigInt(b), UnaryOp::Invert) => return Ok(self.new_bigint(-(**b).clone() - 1)),
            (Obj::Float(f), UnaryOp::USub) => return Ok(self.new_float(-f)),
            (Obj::Float(f), UnaryOp::UAdd) => return Ok(self.new_float(*f)),
            _ => {}
        }
        let (method, sym) = match op {
            UnaryOp::USub => (N::neg, "-"),
            UnaryOp::UAdd => (N::pos, "+"),
            _ => (N::invert, "~"),
        };
        let method = self.names.get(method).clone();
        match self.special_method(v, &method) {
            Some(m) => self.call(&m, vec![]),
            None => Err(self.err(
                "TypeError",
                format!("bad operand type for unary {sym}: '{}'", self.type_name(v)),
            )),
        }
    }

    // ------------------------------------------------------------------ comparison

    pub fn compare(&mut self, a: &Ref, b: &Ref, op: CmpOp) -> PyResult {
        if let (Obj::Int(x), Obj::Int(y)) = (&**a, &**b) {
            let r = match op {
                CmpOp::Eq => x == y,
                CmpOp::NotEq => x != y,
                CmpOp::Lt => x < y,
                CmpOp::LtE => x <= y,
                CmpOp::Gt => x > y,
                CmpOp::GtE => x >= y,
                CmpOp::Is => a.is(b),
                CmpOp::IsNot => !a.is(b),
                _ => return self.compare_slow(a, b, op),
            };
            return Ok(self.bool(r));
        }
        self.compare_slow(a, b, op)
    }

    fn compare_slow(&mut self, a: &Ref, b: &Ref, op: CmpOp) -> PyResult {
        let r = match op {
            CmpOp::Is => a.is(b),
            CmpOp::IsNot => !a.is(b),
            CmpOp::In => self.contains(b, a)?,
            CmpOp::NotIn => !self.contains(b, a)?,
            _ => return self.rich_compare(a, b, op),
        };
        Ok(self.bool(r))
    }

    /// Sets are ordered by inclusion (`<=` subset, `<` proper subset).
    fn set_inclusion(&mut self, a: &Ref, b: &Ref, op: CmpOp) -> PyResult {
        let (small, big) = if matches!(op, CmpOp::Lt | CmpOp::LtE) {
            (a, b)
        } else {
            (b, a)
        };
        let small_items = self.set_items(small);
        let big_len = self.set_items(big).len();
        let mut subset = small_items.len() <= big_len;
        if subset {
            for x in &small_items {
                if !self.set_contains(big, x)? {
                    subset = false;
                    break;
                }
            }
        }
        let strict = matches!(op, CmpOp::Lt | CmpOp::Gt);
        let r = subset && (!strict || small_items.len() < big_len);
        Ok(self.bool(r))
    }

    /// `a == b` as a bool.
    pub fn eq(&mut self, a: &Ref, b: &Ref) -> PyResult<bool> {
        if a.is(b) {
            return Ok(true);
        }
        if let Some(r) = builtin_eq(a, b) {
            return Ok(r);
        }
        let r = self.rich_compare(a, b, CmpOp::Eq)?;
        self.truthy(&r)
    }

    pub fn rich_compare(&mut self, a: &Ref, b: &Ref, op: CmpOp) -> PyResult {
        if matches!(&**a, Obj::WeakRef(_)) || matches!(&**b, Obj::WeakRef(_)) {
            if let Some(r) = crate::modules::weakref::rich_compare(self, a, b, op)? {
                return Ok(r);
            }
        }
        if let Some(r) = self.builtin_rich_compare(a, b, op)? {
            return Ok(r);
        }
        self.dunder_compare(a, b, op)
    }

    /// The comparison of two builtin values (sets by inclusion, numbers, strings,
    /// sequences, containers); `None` when the builtin types do not compare these.
    pub(crate) fn builtin_rich_compare(
        &mut self,
        a: &Ref,
        b: &Ref,
        op: CmpOp,
    ) -> PyResult<Option<Ref>> {
        if matches!(&**a, Obj::Set(_) | Obj::FrozenSet(_))
            && matches!(&**b, Obj::Set(_) | Obj::FrozenSet(_))
            && matches!(op, CmpOp::Lt | CmpOp::LtE | CmpOp::Gt | CmpOp::GtE)
        {
            return self.set_inclusion(a, b, op).map(Some);
        }
        if matches!(
            (&**a, &**b),
            (Obj::List(_), Obj::List(_)) | (Obj::Tuple(_), Obj::Tuple(_))
        ) {
            return self.sequence_compare(a, b, op).map(Some);
        }
        if let Some(ord) = self.builtin_order(a, b)? {
            let r = match ord {
                Some(ord) => cmp_holds(op, ord),
                None => op == CmpOp::NotEq,
            };
            return Ok(Some(self.bool(r)));
        }
        if matches!(op, CmpOp::Eq | CmpOp::NotEq) {
            if let Some(r) = self.builtin_container_eq(a, b)? {
                return Ok(Some(self.bool(if op == CmpOp::Eq { r } else { !r })));
            }
        }
        Ok(None)
    }

    /// Comparison through the operands' special methods written in Python, then, for
    /// instances of subclasses of builtin types, their builtin parts.
    fn dunder_compare(&mut self, a: &Ref, b: &Ref, op: CmpOp) -> PyResult {
        let (method, reflected) = match op {
            CmpOp::Eq => (N::eq, N::eq),
            CmpOp::NotEq => (N::ne, N::ne),
            CmpOp::Lt => (N::lt, N::gt),
            CmpOp::LtE => (N::le, N::ge),
            CmpOp::Gt => (N::gt, N::lt),
            CmpOp::GtE => (N::ge, N::le),
            _ => unreachable!("identity and membership are handled by compare"),
        };
        let name_ref = self.names.get(method).clone();
        let refl_ref = self.names.get(reflected).clone();
        let a_type = self.type_of(a);
        let b_type = self.type_of(b);
        let b_first = !a_type.is(&b_type) && self.is_subclass(&b_type, &a_type);
        let order: [(&Ref, &Ref, &Ref); 2] = if b_first {
            [(b, a, &refl_ref), (a, b, &name_ref)]
        } else {
            [(a, b, &name_ref), (b, a, &refl_ref)]
        };
        let eq_ref = self.names.get(N::eq).clone();
        for (x, y, n) in order {
            if let Some(m) = self.user_special_method(x, n) {
                let r = self.call(&m, vec![y.clone()])?;
                if !matches!(&*r, Obj::NotImplemented) {
                    return Ok(r);
                }
            } else if op == CmpOp::NotEq {
                // object.__ne__ inverts __eq__ unless it returns NotImplemented.
                if let Some(m) = self.user_special_method(x, &eq_ref) {
                    let r = self.call(&m, vec![y.clone()])?;
                    if !matches!(&*r, Obj::NotImplemented) {
                        let t = self.truthy(&r)?;
                        return Ok(self.bool(!t));
                    }
                }
            }
        }
        let (pa, pb) = (self.base_value(a), self.base_value(b));
        if pa.is_some() || pb.is_some() {
            let pa = pa.unwrap_or_else(|| a.clone());
            let pb = pb.unwrap_or_else(|| b.clone());
            if let Some(r) = self.builtin_rich_compare(&pa, &pb, op)? {
                return Ok(r);
            }
        }
        match op {
            CmpOp::Eq => Ok(self.bool(a.is(b))),
            CmpOp::NotEq => Ok(self.bool(!a.is(b))),
            _ => {
                let sym = op.symbol();
                Err(self.err(
                    "TypeError",
                    format!(
                        "'{sym}' not supported between instances of '{}' and '{}'",
                        self.type_name(a),
                        self.type_name(b)
                    ),
                ))
            }
        }
    }

    /// `list_richcompare`/`tuplerichcompare`: the first items that differ decide, compared
    /// with `op` itself (so its result, and any error, is that comparison's); with no
    /// difference, the lengths.
    fn sequence_compare(&mut self, a: &Ref, b: &Ref, op: CmpOp) -> PyResult {
        let xs = self.sequence_items(a);
        let ys = self.sequence_items(b);
        // Lists of different lengths are unequal at once; tuples compare their items first.
        if xs.len() != ys.len()
            && matches!(op, CmpOp::Eq | CmpOp::NotEq)
            && matches!(&**a, Obj::List(_))
        {
            return Ok(self.bool(op == CmpOp::NotEq));
        }
        for (x, y) in xs.iter().zip(ys.iter()) {
            if x.is(y) || self.eq(x, y)? {
                continue;
            }
            return match op {
                CmpOp::Eq => Ok(self.bool(false)),
                CmpOp::NotEq => Ok(self.bool(true)),
                _ => self.rich_compare(x, y, op),
            };
        }
        let ord = xs.len().cmp(&ys.len());
        Ok(self.bool(cmp_holds(op, ord)))
    }

    /// Ordering of builtin values: numbers, strings, bytes.
    /// `Ok(None)` when these are not two comparable builtin values.
    fn builtin_order(&mut self, a: &Ref, b: &Ref) -> PyResult<Option<Option<std::cmp::Ordering>>> {
        if let (Some(x), Some(y)) = (num_of(a), num_of(b)) {
            return Ok(Some(num_cmp(&x, &y)));
        }
        Ok(match (&**a, &**b) {
            (Obj::Str(x), Obj::Str(y)) => Some(Some(x.text.cmp(&y.text))),
            (Obj::Bytes(x), Obj::Bytes(y)) => Some(Some(x.cmp(y))),
            _ => None,
        })
    }

    /// Equality of builtin containers; `None` when not two such containers.
    fn builtin_container_eq(&mut self, a: &Ref, b: &Ref) -> PyResult<Option<bool>> {
        let view = |v: &Ref| matches!(&**v, Obj::DictView(d) if d.1 != crate::objects::DictViewKind::Values);
        let setlike = |v: &Ref| view(v) || matches!(&**v, Obj::Set(_) | Obj::FrozenSet(_));
        if (view(a) || view(b)) && setlike(a) && setlike(b) {
            // `dictview_richcompare`: equal sizes and every item of one found in the other.
            let xs = self.collect_iterable(a)?;
            if xs.len() != self.collect_iterable(b)?.len() {
                return Ok(Some(false));
            }
            for x in xs {
                if !self.contains(b, &x)? {
                    return Ok(Some(false));
                }
            }
            return Ok(Some(true));
        }
        match (&**a, &**b) {
            (Obj::Dict(x), Obj::Dict(y)) => {
                if x.borrow().len() != y.borrow().len() {
                    return Ok(Some(false));
                }
                let entries: Vec<(Ref, Ref)> = x
                    .borrow()
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                for (k, v) in entries {
                    match self.dict_get(b, &k)? {
                        Some(other) => {
                            if !(other.is(&v) || self.eq(&v, &other)?) {
                                return Ok(Some(false));
                            }
                        }
                        None => return Ok(Some(false)),
                    }
                }
                Ok(Some(true))
            }
            (Obj::Set(_) | Obj::FrozenSet(_), Obj::Set(_) | Obj::FrozenSet(_)) => {
                let xs = self.set_items(a);
                if xs.len() != self.set_items(b).len() {
                    return Ok(Some(false));
                }
                for x in xs {
                    if !self.set_contains(b, &x)? {
                        return Ok(Some(false));
                    }
                }
                Ok(Some(true))
            }
            (Obj::Method(x), Obj::Method(y)) => Ok(Some(x.0.is(&y.0) && x.1.is(&y.1))),
            (Obj::Range(x), Obj::Range(y)) => {
                let (lx, ly) = (x.len(), y.len());
                Ok(Some(
                    lx == ly && (lx == 0 || (x.start == y.start && (lx == 1 || x.step == y.step))),
                ))
            }
            _ => Ok(None),
        }
    }

    pub fn sequence_items(&self, seq: &Ref) -> Vec<Ref> {
        match &**seq {
            Obj::List(l) => l.borrow().clone(),
            Obj::Tuple(t) => t.to_vec(),
            _ => Vec::new(),
        }
    }

    // ------------------------------------------------------------------ truth, hash

    pub fn truthy(&mut self, v: &Ref) -> PyResult<bool> {
        Ok(match &**v {
            Obj::Bool(b) => *b,
            Obj::None => false,
            Obj::Int(i) => *i != 0,
            Obj::BigInt(_) => true,
            Obj::Float(f) => *f != 0.0,
            Obj::Str(s) => !s.text.is_empty(),
            Obj::Bytes(b) => !b.is_empty(),
            Obj::List(l) => !l.borrow().is_empty(),
            Obj::Tuple(t) => !t.is_empty(),
            Obj::Dict(d) => !d.borrow().is_empty(),
            Obj::Set(s) => !s.borrow().is_empty(),
            Obj::FrozenSet(s) => !s.is_empty(),
            Obj::Range(r) => !r.is_empty(),
            Obj::WeakRef(_) => return crate::modules::weakref::truthy(self, v),
            Obj::Instance(_) => {
                let bool_name = self.names.get(N::bool).clone();
                if let Some(m) = self.special_method(v, &bool_name) {
                    let r = self.call(&m, vec![])?;
                    return match &*r {
                        Obj::Bool(b) => Ok(*b),
                        _ => Err(self.err(
                            "TypeError",
                            format!(
                                "__bool__ should return bool, returned {}",
                                self.type_name(&r)
                            ),
                        )),
                    };
                }
                let len_name = self.names.get(N::len).clone();
                if let Some(m) = self.special_method(v, &len_name) {
                    let r = self.call(&m, vec![])?;
                    return Ok(self.index_value(&r)? != 0);
                }
                if let Some(base) = self.base_value(v) {
                    return self.truthy(&base);
                }
                true
            }
            _ => true,
        })
    }

    pub fn hash(&mut self, v: &Ref) -> PyResult<i64> {
        Ok(match &**v {
            Obj::Int(i) => hash_i64(*i),
            Obj::Bool(b) => *b as i64,
            Obj::BigInt(b) => hash_bigint(b),
            Obj::Float(f) => hash_float(*f),
            Obj::Str(s) => s.hash(),
            Obj::Bytes(b) => crate::objects::str::str_hash(&String::from_utf8_lossy(b)),
            Obj::None => 0xFCA_8640_0000_0000_u64 as i64 >> 4,
            Obj::Tuple(items) => {
                let items = items.to_vec();
                let mut hashes = Vec::with_capacity(items.len());
                for x in &items {
                    hashes.push(self.hash(x)?);
                }
                tuple_hash(&hashes)
            }
            Obj::FrozenSet(s) => {
                let hashes: Vec<i64> = s.iter().map(|(h, _)| h).collect();
                frozenset_hash(&hashes)
            }
            Obj::List(_) | Obj::Dict(_) | Obj::Set(_) | Obj::Slice(_) => {
                return Err(self.err(
                    "TypeError",
                    format!("unhashable type: '{}'", self.type_name(v)),
                ))
            }
            Obj::DictView(d) if d.1 != crate::objects::DictViewKind::Values => {
                return Err(self.err(
                    "TypeError",
                    format!("unhashable type: '{}'", self.type_name(v)),
                ))
            }
            Obj::WeakRef(_) => return crate::modules::weakref::hash(self, v),
            Obj::Instance(_) | Obj::Exception(_) => {
                let class = self.type_of(v);
                let hash_name = self.names.get(N::hash).clone();
                match self.class_lookup(&class, &hash_name) {
                    Some(h) if matches!(&*h, Obj::None) => {
                        return Err(self.err(
                            "TypeError",
                            format!("unhashable type: '{}'", self.type_name(v)),
                        ))
                    }
                    Some(h) if !matches!(&*h, Obj::Builtin(_)) => {
                        let r = self.call(&h, vec![v.clone()])?;
                        return match &*r {
                            Obj::Int(i) => Ok(if *i == -1 { -2 } else { *i }),
                            Obj::BigInt(b) => Ok(hash_bigint(b)),
                            Obj::Bool(b) => Ok(*b as i64),
                            _ => {
                                Err(self
                                    .err("TypeError", "__hash__ method should return an integer"))
                            }
                        };
                    }
                    _ => match self.base_value(v) {
                        Some(base) => return self.hash(&base),
                        None => identity_hash(v),
                    },
                }
            }
            _ => identity_hash(v),
        })
    }

    // ------------------------------------------------------------------ repr, str, format

    pub fn repr(&mut self, v: &Ref) -> PyResult<String> {
        crate::objects::repr::repr(self, v)
    }

    pub fn str(&mut self, v: &Ref) -> PyResult<String> {
        match &**v {
            Obj::Str(s) => Ok(s.text.to_string()),
            _ => crate::objects::repr::str(self, v),
        }
    }

    /// `format(value, spec)`.
    pub fn format_value(&mut self, v: &Ref, spec: &str) -> PyResult<String> {
        use crate::format::{format_float, format_int, format_str, Spec};
        let result = match &**v {
            Obj::Str(s) if spec.is_empty() => return Ok(s.text.to_string()),
            Obj::Str(s) => Spec::parse(spec, "str").and_then(|sp| format_str(&s.text, &sp)),
            Obj::Bool(b) if spec.is_empty() => return Ok(if *b { "True" } else { "False" }.into()),
            Obj::Int(_) | Obj::BigInt(_) | Obj::Bool(_) if spec.is_empty() => return self.str(v),
            Obj::Int(i) => {
                Spec::parse(spec, "int").and_then(|sp| format_int(&BigInt::from(*i), &sp))
            }
            Obj::Bool(b) => {
                Spec::parse(spec, "bool").and_then(|sp| format_int(&BigInt::from(*b as i64), &sp))
            }
            Obj::BigInt(b) => Spec::parse(spec, "int").and_then(|sp| format_int(b, &sp)),
            Obj::Float(_) if spec.is_empty() => return self.str(v),
            Obj::Float(f) => Spec::parse(spec, "float").and_then(|sp| format_float(*f, &sp)),
            Obj::Instance(_) | Obj::Exception(_) => {
                let fmt = self.names.get(N::format).clone();
                if let Some(m) = self.user_special_method(v, &fmt) {
                    let arg = self.new_str(spec);
                    let r = self.call(&m, vec![arg])?;
                    return match r.as_str_opt() {
                        Some(s) => Ok(s.to_string()),
                        None => Err(self.err(
                            "TypeError",
                            format!("__format__ must return a str, not {}", self.type_name(&r)),
                        )),
                    };
                }
                if spec.is_empty() {
                    return self.str(v);
                }
                if let Some(base) = self.base_value(v) {
                    return self.format_value(&base, spec);
                }
                return Err(self.err(
                    "TypeError",
                    format!(
                        "unsupported format string passed to {}.__format__",
                        self.type_name(v)
                    ),
                ));
            }
            _ if spec.is_empty() => return self.str(v),
            _ => {
                return Err(self.err(
                    "TypeError",
                    format!(
                        "unsupported format string passed to {}.__format__",
                        self.type_name(v)
                    ),
                ))
            }
        };
        result.map_err(|e| self.format_error(e))
    }

    pub fn format_error(&mut self, e: crate::format::FormatError) -> Unwind {
        use crate::format::ErrorKind;
        let class = match e.kind {
            ErrorKind::ValueError => "ValueError",
            ErrorKind::TypeError => "TypeError",
            ErrorKind::OverflowError => "OverflowError",
            ErrorKind::MemoryError => "MemoryError",
        };
        self.err(class, e.message)
    }

    /// An int-like value as i64 (`__index__`), for repetition counts and indices.
    pub fn index_value(&mut self, v: &Ref) -> PyResult<i64> {
        match &**v {
            Obj::Int(i) => Ok(*i),
            Obj::Bool(b) => Ok(*b as i64),
            Obj::BigInt(_) => Err(self.err(
                "OverflowError",
                "cannot fit 'int' into an index-sized integer",
            )),
            _ => {
                let index = self.names.get(N::index).clone();
                if let Some(m) = self.user_special_method(v, &index) {
                    let r = self.call(&m, vec![])?;
                    if !matches!(&*r, Obj::Int(_) | Obj::Bool(_) | Obj::BigInt(_))
                        && self.int_part(&r).is_none()
                    {
                        return Err(self.err(
                            "TypeError",
                            format!("__index__ returned non-int (type {})", self.type_name(&r)),
                        ));
                    }
                    return self.index_value(&r);
                }
                if let Some(base) = self.int_part(v) {
                    return self.index_value(&base);
                }
                Err(self.err(
                    "TypeError",
                    format!(
                        "'{}' object cannot be interpreted as an integer",
                        self.type_name(v)
                    ),
                ))
            }
        }
    }
}

fn num_cmp(x: &Num, y: &Num) -> Option<std::cmp::Ordering> {
    match (x, y) {
        (Num::Small(a), Num::Small(b)) => Some(a.cmp(b)),
        (Num::Float(a), Num::Float(b)) => a.partial_cmp(b),
        (Num::Float(a), other) | (other, Num::Float(a)) => {
            let swapped = matches!(y, Num::Float(_)) && !matches!(x, Num::Float(_));
            let ord = float_int_cmp(*a, &to_big(other))?;
            Some(if swapped { ord.reverse() } else { ord })
        }
        _ => Some(to_big(x).cmp(&to_big(y))),
    }
}

/// Exact comparison of a float with an int (no rounding of the int).
fn float_int_cmp(f: f64, i: &BigInt) -> Option<std::cmp::Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Less
        });
    }
    let floor = f.floor();
    let fi = crate::format::f64_to_int(floor).ok()?;
    match fi.cmp(i) {
        std::cmp::Ordering::Equal => Some(if f > floor {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }),
        other => Some(other),
    }
}

/// Equality of builtin scalars without calling Python code.
pub fn builtin_eq(a: &Ref, b: &Ref) -> Option<bool> {
    if a.is(b) {
        return Some(true);
    }
    match (&**a, &**b) {
        (Obj::Str(x), Obj::Str(y)) => Some(x.text == y.text),
        (Obj::Int(x), Obj::Int(y)) => Some(x == y),
        (Obj::Bytes(x), Obj::Bytes(y)) => Some(x == y),
        (Obj::None, _) | (_, Obj::None) => Some(false),
        _ => {
            if let (Some(x), Some(y)) = (num_of(a), num_of(b)) {
                return Some(num_cmp(&x, &y) == Some(std::cmp::Ordering::Equal));
            }
            match (&**a, &**b) {
                (Obj::Str(_), Obj::Int(_) | Obj::Float(_) | Obj::Tuple(_) | Obj::List(_))
                | (Obj::Int(_) | Obj::Float(_) | Obj::Tuple(_) | Obj::List(_), Obj::Str(_)) => {
                    Some(false)
                }
                _ => None,
            }
        }
    }
}

/// CPython's `float_divmod`.
fn float_divmod(vx: f64, wx: f64) -> (f64, f64) {
    let mut m = vx % wx;
    let mut div = (vx - m) / wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
            div -= 1.0;
        }
    } else {
        m = 0.0_f64.copysign(wx);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0_f64.copysign(vx / wx)
    };
    (floordiv, m)
}

const HASH_MODULUS: u64 = (1 << 61) - 1;

/// `hash(int)`: the value modulo 2**61 − 1, with −1 mapped to −2.
pub fn hash_i64(i: i64) -> i64 {
    let m = (i.unsigned_abs() % HASH_MODULUS) as i64;
    let h = if i < 0 { -m } else { m };
    if h == -1 {
        -2
    } else {
        h
    }
}

pub fn hash_bigint(b: &BigInt) -> i64 {
    let m = BigInt::from(HASH_MODULUS);
    let r = (b.abs() % &m).to_i64().unwrap_or(0);
    let h = if b.is_negative() { -r } else { r };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// `hash(float)` per CPython's `_Py_HashDouble`: equal to the int hash for integral values.
pub fn hash_float(f: f64) -> i64 {
    if f.is_nan() {
        return 0;
    }
    if f.is_infinite() {
        return if f > 0.0 { 314159 } else { -314159 };
    }
    let (mut m, mut e) = frexp(f.abs());
    let sign: i64 = if f < 0.0 { -1 } else { 1 };
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & HASH_MODULUS) | (x >> (61 - 28));
        m *= 268435456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= HASH_MODULUS {
            x -= HASH_MODULUS;
        }
    }
    let e = if e >= 0 {
        e % 61
    } else {
        61 - 1 - ((-1 - e) % 61)
    };
    x = ((x << e) & HASH_MODULUS) | (x >> (61 - e));
    let h = x as i64 * sign;
    if h == -1 {
        -2
    } else {
        h
    }
}

fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 {
        return (0.0, 0);
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        let (m, e) = frexp(x * 2f64.powi(54));
        return (m, e - 54);
    }
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, exp - 1022)
}

/// CPython 3.11's tuple hash (xxHash-based).
pub fn tuple_hash(hashes: &[i64]) -> i64 {
    const P1: u64 = 11400714785074694791;
    const P2: u64 = 14029467366897019727;
    const P5: u64 = 2870177450012600261;
    let mut acc: u64 = P5;
    for &h in hashes {
        acc = acc.wrapping_add((h as u64).wrapping_mul(P2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(P1);
    }
    acc = acc.wrapping_add((hashes.len() as u64) ^ (P5 ^ 3527539));
    if acc == u64::MAX {
        return 1546275796;
    }
    acc as i64
}

/// CPython's frozenset hash (`frozenset_hash`).
pub fn frozenset_hash(hashes: &[i64]) -> i64 {
    fn shuffle(h: u64) -> u64 {
        ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167)
    }
    let mut hash: u64 = 0;
    for &h in hashes {
        hash ^= shuffle(h as u64);
    }
    hash ^= (hashes.len() as u64)
        .wrapping_add(1)
        .wrapping_mul(1927868237);
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash.wrapping_mul(69069).wrapping_add(907133923);
    if hash == u64::MAX {
        hash = 590923713;
    }
    hash as i64
}

/// Objects without `__hash__` hash by identity (CPython: the address rotated by 4).
pub fn identity_hash(v: &Ref) -> i64 {
    let id = v.id();
    id.rotate_right(4) as i64
}

/// `a / b` for ints, correctly rounded (CPython's `long_true_divide`): exact when both fit
/// in 53 bits, otherwise a scaled integer quotient with a sticky bit, rounded once.
pub fn int_true_divide(a: &BigInt, b: &BigInt) -> Result<f64, crate::format::FormatError> {
    if let (Some(x), Some(y)) = (a.to_i64(), b.to_i64()) {
        if x.unsigned_abs() < (1 << 53) && y.unsigned_abs() < (1 << 53) {
            return Ok(x as f64 / y as f64);
        }
    }
    let negative = a.is_negative() != b.is_negative();
    let (a, b) = (a.abs(), b.abs());
    let shift = 64i64 + b.bits() as i64 - a.bits() as i64;
    let (num, den) = if shift >= 0 {
        (a << shift as u64, b)
    } else {
        (a, b << (-shift) as u64)
    };
    let (q, r) = num.div_rem(&den);
    let q = if r.is_zero() {
        q
    } else {
        (q << 1u32) | BigInt::from(1)
    };
    let extra = if r.is_zero() { 0 } else { 1 };
    let f = crate::format::int_to_f64(&q)?;
    let exp = -(shift as i32) - extra;
    let result = f
        * 2f64.powi(exp.max(-1000))
        * if exp < -1000 {
            2f64.powi(exp + 1000)
        } else {
            1.0
        };
    if result.is_infinite() {
        return Err(crate::format::FormatError {
            kind: crate::format::ErrorKind::OverflowError,
            message: "integer division result too large for a float".into(),
        });
    }
    Ok(if negative { -result } else { result })
}
