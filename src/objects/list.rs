//! `list` methods. `sort` is stable, supports `key=` and `reverse=`, and like CPython
//! empties the list while user comparisons run (`list modified during sort`).

use crate::eval::{Args, Interp, PyResult, Unwind};
use crate::heap::Ref;
use crate::objects::{ListObj, Obj};
use crate::syntax::ast::CmpOp;
use std::cell::RefCell;

/// `list(iterable)`: sized iterables preallocate their length, others a hint of 8.
pub fn list_of_iterable(interp: &mut Interp, v: &Ref) -> PyResult {
    let sized = matches!(
        &**v,
        Obj::List(_)
            | Obj::Tuple(_)
            | Obj::Str(_)
            | Obj::Dict(_)
            | Obj::Set(_)
            | Obj::FrozenSet(_)
            | Obj::Range(_)
            | Obj::DictView(_)
            | Obj::Bytes(_)
    );
    let items = interp.collect_iterable(v)?;
    let store = if sized {
        ListObj::from_sequence(items)
    } else {
        ListObj::from_unsized(items)
    };
    Ok(interp.list_from(store))
}

/// `list.extend(x)` / `+=`: lists and tuples extend exactly, other iterables by their
/// length hint.
pub fn extend_list(interp: &mut Interp, list: &Ref, source: &Ref) -> PyResult<()> {
    let exact = matches!(&**source, Obj::List(_) | Obj::Tuple(_));
    let hint = match &**source {
        Obj::Str(_)
        | Obj::Dict(_)
        | Obj::Set(_)
        | Obj::FrozenSet(_)
        | Obj::Range(_)
        | Obj::DictView(_)
        | Obj::Bytes(_) => None,
        _ => Some(8),
    };
    let items = interp.collect_iterable(source)?;
    let t = target(interp, list);
    let l = list_of(interp, &t, "extend")?;
    let mut l = l.borrow_mut();
    if exact {
        l.extend_exact(items);
    } else {
        let n = items.len();
        l.extend_iter(items, hint.unwrap_or(n));
    }
    Ok(())
}

fn list_of<'a>(interp: &mut Interp, v: &'a Ref, method: &str) -> PyResult<&'a RefCell<ListObj>> {
    match &**v {
        Obj::List(l) => Ok(l),
        Obj::Instance(i) => match &i.base_value {
            Some(b) => match &**b {
                // SAFETY-free re-borrow: the instance keeps its base list alive.
                Obj::List(_) => Err(interp.err("TypeError", "use base")),
                _ => Err(interp.err(
                    "TypeError",
                    format!("descriptor '{method}' requires a 'list' object"),
                )),
            },
            None => Err(interp.err(
                "TypeError",
                format!("descriptor '{method}' requires a 'list' object"),
            )),
        },
        _ => Err(interp.err(
            "TypeError",
            format!(
                "descriptor '{method}' for 'list' objects doesn't apply to a '{}' object",
                interp.type_name(v)
            ),
        )),
    }
}

/// The list a method works on: the list itself, or a list subclass instance's base.
fn target(interp: &Interp, v: &Ref) -> Ref {
    interp.base_value(v).unwrap_or_else(|| v.clone())
}

fn append(interp: &mut Interp, args: Args) -> PyResult {
    let t = target(interp, &args.pos[0]);
    list_of(interp, &t, "append")?
        .borrow_mut()
        .push(args.pos[1].clone());
    Ok(interp.none())
}

fn extend(interp: &mut Interp, args: Args) -> PyResult {
    extend_list(interp, &args.pos[0], &args.pos[1])?;
    Ok(interp.none())
}

fn insert(interp: &mut Interp, args: Args) -> PyResult {
    let t = target(interp, &args.pos[0]);
    let i = interp.index_value(&args.pos[1])?;
    let l = list_of(interp, &t, "insert")?;
    let mut l = l.borrow_mut();
    let n = l.len() as i64;
    let at = if i < 0 { (i + n).max(0) } else { i.min(n) } as usize;
    l.insert(at, args.pos[2].clone());
    drop(l);
    Ok(interp.none())
}

fn pop(interp: &mut Interp, args: Args) -> PyResult {
    let t = target(interp, &args.pos[0]);
    let index = match args.pos.get(1) {
        Some(i) => interp.index_value(i)?,
        None => -1,
    };
    let l = list_of(interp, &t, "pop")?;
    let popped = {
        let mut l = l.borrow_mut();
        if l.is_empty() {
            None
        } else {
            crate::eval::containers::normalize(index, l.len()).map(|i| Ok(l.remove(i)))
        }
    };
    match popped {
        Some(Ok(v)) => Ok(v),
        Some(Err(())) => unreachable!(),
        None => {
            let empty = l.borrow().is_empty();
            Err(interp.err(
                "IndexError",
                if empty {
                    "pop from empty list"
                } else {
                    "pop index out of range"
                },
            ))
        }
    }
}

fn remove(interp: &mut Interp, args: Args) -> PyResult {
    let t = target(interp, &args.pos[0]);
    let items = list_of(interp, &t, "remove")?.borrow().clone();
    for (i, x) in items.iter().enumerate() {
        if x.is(&args.pos[1]) || interp.eq(x, &args.pos[1])? {
            let removed = {
                let l = list_of(interp, &t, "remove")?;
                let mut l = l.borrow_mut();
                (i < l.len()).then(|| l.remove(i))
            };
            drop(removed);
            return Ok(interp.none());
        }
    }
    Err(interp.err("ValueError", "list.remove(x): x not in list"))
}

fn index(interp: &mut Interp, args: Args) -> PyResult {
    let t = target(interp, &args.pos[0]);
    let items = interp.sequence_items(&t);
    let n = items.len() as i64;
    let clamp = |i: i64| if i < 0 { (i + n).max(0) } else { i.min(n) } as usize;
    let start = match args.pos.get(2) {
        Some(s) => clamp(interp.index_value(s)?),
        None => 0,
    };
    let stop = match args.pos.get(3) {
        Some(s) => clamp(interp.index_value(s)?),
        None => items.len(),
    };
    for (i, x) in items.iter().enumerate().take(stop).skip(start) {
        if x.is(&args.pos[1]) || interp.eq(x, &args.pos[1])? {
            return Ok(interp.new_int(i as i64));
        }
    }
    let what = if matches!(&*t, Obj::Tuple(_)) {
        "tuple.index(x): x not in tuple".to_string()
    } else {
        let r = interp.repr(&args.pos[1])?;
        format!("{r} is not in list")
    };
    Err(interp.err("ValueError", what))
}

fn count(interp: &mut Interp, args: Args) -> PyResult {
    let t = target(interp, &args.pos[0]);
    let items = interp.sequence_items(&t);
    let mut n = 0;
    for x in &items {
        if x.is(&args.pos[1]) || interp.eq(x, &args.pos[1])? {
            n += 1;
        }
    }
    Ok(interp.new_int(n))
}

fn reverse(interp: &mut Interp, args: Args) -> PyResult {
    let t = target(interp, &args.pos[0]);
    list_of(interp, &t, "reverse")?.borrow_mut().reverse();
    Ok(interp.none())
}

fn clear(interp: &mut Interp, args: Args) -> PyResult {
    let t = target(interp, &args.pos[0]);
    let old = list_of(interp, &t, "clear")?.borrow_mut().clear();
    drop(old);
    Ok(interp.none())
}

fn copy(interp: &mut Interp, args: Args) -> PyResult {
    let t = target(interp, &args.pos[0]);
    let items = list_of(interp, &t, "copy")?.borrow().clone();
    Ok(interp.new_list(items))
}

fn sort(interp: &mut Interp, args: Args) -> PyResult {
    if args.pos.len() > 1 {
        return Err(interp.err("TypeError", "sort() takes no positional arguments"));
    }
    let t = target(interp, &args.pos[0]);
    sort_list(interp, &t, args.kw)?;
    Ok(interp.none())
}

/// Sorts a list in place (stable), with `key=` and `reverse=` keyword arguments.
pub fn sort_list(interp: &mut Interp, list: &Ref, kw: &[(Ref, Ref)]) -> PyResult<()> {
    let mut key: Option<Ref> = None;
    let mut reverse = false;
    for (k, v) in kw {
        match k.as_str_opt() {
            Some("key") => key = (!matches!(&**v, Obj::None)).then(|| v.clone()),
            // `reverse` is converted as an int (`bool(x)` would accept any object).
            Some("reverse") => match &**v {
                Obj::Int(_) | Obj::Bool(_) | Obj::BigInt(_) => reverse = interp.truthy(v)?,
                _ => reverse = interp.index_value(v)? != 0,
            },
            Some(other) => {
                return Err(interp.err(
                    "TypeError",
                    format!("'{other}' is an invalid keyword argument for sort()"),
                ))
            }
            None => {}
        }
    }
    let Obj::List(cell) = &**list else {
        return Ok(());
    };
    // CPython empties the list while sorting.
    let items = cell.borrow_mut().take_items();
    let result = sort_items(interp, items, key.as_ref(), reverse);
    match result {
        Ok(sorted) => {
            let modified = !cell.borrow().is_empty();
            let old = cell.borrow_mut().restore_items(sorted);
            drop(old);
            if modified {
                return Err(interp.err("ValueError", "list modified during sort"));
            }
            Ok(())
        }
        Err((items, e)) => {
            let old = cell.borrow_mut().restore_items(items);
            drop(old);
            Err(e)
        }
    }
}

type SortFailure = (Vec<Ref>, Unwind);

fn sort_items(
    interp: &mut Interp,
    items: Vec<Ref>,
    key: Option<&Ref>,
    reverse: bool,
) -> Result<Vec<Ref>, SortFailure> {
    let mut keys = Vec::with_capacity(items.len());
    for x in &items {
        match key {
            Some(f) => match interp.call(f, vec![x.clone()]) {
                Ok(k) => keys.push(k),
                Err(e) => return Err((items, e)),
            },
            None => keys.push(x.clone()),
        }
    }
    let mut order: Vec<usize> = (0..items.len()).collect();
    if reverse {
        order.reverse();
    }
    // Keys that are all ints or all strs compare without Python code: a stable sort on
    // their values gives the order CPython's sort gives.
    if sort_plain_keys(&keys, &mut order) {
        if reverse {
            order.reverse();
        }
        return Ok(reorder(items, &order));
    }
    // Merge sort on indices with a fallible `<` (CPython's sort is stable both ways:
    // reverse sorts the reversed list and reverses the result).
    let mut error: Option<Unwind> = None;
    let mut less = |a: usize, b: usize| -> bool {
        if error.is_some() {
            return false;
        }
        let (x, y) = (&keys[a], &keys[b]);
        if let (Obj::Int(p), Obj::Int(q)) = (&**x, &**y) {
            return p < q;
        }
        if let (Obj::Str(p), Obj::Str(q)) = (&**x, &**y) {
            return p.text < q.text;
        }
        match interp
            .rich_compare(x, y, CmpOp::Lt)
            .and_then(|r| interp.truthy(&r))
        {
            Ok(b) => b,
            Err(e) => {
                error = Some(e);
                false
            }
        }
    };
    merge_sort(&mut order, &mut less);
    if let Some(e) = error {
        return Err((items, e));
    }
    if reverse {
        order.reverse();
    }
    Ok(reorder(items, &order))
}

/// Sorts `order` (stably) by the keys when they are all small ints or all strs; false
/// when they are not, leaving `order` as it was.
fn sort_plain_keys(keys: &[Ref], order: &mut [usize]) -> bool {
    let ints: Option<Vec<i64>> = keys
        .iter()
        .map(|k| match &**k {
            Obj::Int(i) => Some(*i),
            _ => None,
        })
        .collect();
    if let Some(ints) = ints {
        order.sort_by_key(|&i| ints[i]);
        return true;
    }
    let strs: Option<Vec<&str>> = keys
        .iter()
        .map(|k| match &**k {
            Obj::Str(s) => Some(&*s.text),
            _ => None,
        })
        .collect();
    if let Some(strs) = strs {
        // Python compares strs by code point, as Rust's `str` order does.
        order.sort_by(|&a, &b| strs[a].cmp(strs[b]));
        return true;
    }
    false
}

/// The items in the order of the positions `order` gives.
fn reorder(items: Vec<Ref>, order: &[usize]) -> Vec<Ref> {
    let mut slots: Vec<Option<Ref>> = items.into_iter().map(Some).collect();
    order.iter().filter_map(|&i| slots[i].take()).collect()
}

fn merge_sort(v: &mut [usize], less: &mut dyn FnMut(usize, usize) -> bool) {
    let n = v.len();
    if n <= 1 {
        return;
    }
    if n <= 16 {
        for i in 1..n {
            let mut j = i;
            while j > 0 && less(v[j], v[j - 1]) {
                v.swap(j, j - 1);
                j -= 1;
            }
        }
        return;
    }
    let mid = n / 2;
    merge_sort(&mut v[..mid], less);
    merge_sort(&mut v[mid..], less);
    let mut merged = Vec::with_capacity(n);
    let (mut i, mut j) = (0, mid);
    while i < mid && j < n {
        if less(v[j], v[i]) {
            merged.push(v[j]);
            j += 1;
        } else {
            merged.push(v[i]);
            i += 1;
        }
    }
    merged.extend_from_slice(&v[i..mid]);
    merged.extend_from_slice(&v[j..n]);
    v.copy_from_slice(&merged);
}

pub fn methods() -> Vec<(&'static str, crate::objects::BuiltinFn)> {
    vec![
        ("append", append),
        ("extend", extend),
        ("insert", insert),
        ("pop", pop),
        ("remove", remove),
        ("index", index),
        ("count", count),
        ("reverse", reverse),
        ("clear", clear),
        ("copy", copy),
        ("sort", sort),
    ]
}

/// `tuple.index` and `tuple.count` share the list implementations.
pub fn tuple_methods() -> Vec<(&'static str, crate::objects::BuiltinFn)> {
    vec![("index", index), ("count", count)]
}
