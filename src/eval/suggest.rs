//! "Did you mean" for an uncaught NameError or AttributeError, chosen as CPython 3.11's
//! `_Py_Offer_Suggestions` chooses: the closest candidate by an edit distance where a
//! case flip costs half a move, within a third of the characters involved.

use super::Interp;
use crate::heap::Ref;
use crate::objects::Obj;

/// More candidates than this and no suggestion is looked for.
const MAX_CANDIDATES: usize = 750;
/// Longer names (after common prefix and suffix are trimmed) are never close.
const MAX_NAME_BYTES: usize = 40;
const MOVE_COST: usize = 2;
const CASE_COST: usize = 1;

impl Interp {
    /// The name to suggest for an exception of exactly type NameError or AttributeError
    /// that carries the missing name.
    pub fn suggestion_for(&mut self, exc: &Ref) -> Option<String> {
        let Obj::Exception(e) = &**exc else {
            return None;
        };
        let class = e.class.borrow().clone();
        let name = e.name.borrow().clone()?;
        let name = name.as_str_opt()?.to_string();
        if class.is(&self.exc_class("AttributeError")) {
            let obj = e.obj.borrow().clone()?;
            let dir = self.builtins_get("dir")?;
            let listing = self.call(&dir, vec![obj]).ok()?;
            let candidates = self.sequence_items(&listing);
            return closest(&name, &string_items(&candidates));
        }
        if !class.is(&self.exc_class("NameError")) {
            return None;
        }
        // The names of the innermost frame's code, then its globals, then the builtins.
        let mut tb = e.traceback.borrow().clone()?;
        loop {
            let Obj::Traceback(t) = &*tb else { return None };
            let next = t.next.borrow().clone();
            match next {
                Some(n) => tb = n,
                None => break,
            }
        }
        let Obj::Traceback(t) = &*tb else { return None };
        let Obj::Frame(frame) = &*t.frame else {
            return None;
        };
        if let Some(code) = &frame.code {
            let locals: Vec<String> = code.scope.locals.iter().map(|n| n.to_string()).collect();
            if let Some(s) = closest(&name, &locals) {
                return Some(s);
            }
        }
        if let Some(globals) = frame.globals.upgrade_alive() {
            if let Some(s) = closest(&name, &dict_key_names(&globals)) {
                return Some(s);
            }
        }
        closest(&name, &dict_key_names(&self.builtins))
    }

    fn builtins_get(&mut self, name: &str) -> Option<Ref> {
        let key = self.intern(name);
        let builtins = self.builtins.clone();
        self.dict_get_str(&builtins, &key)
    }
}

fn dict_key_names(dict: &Ref) -> Vec<String> {
    match &**dict {
        Obj::Dict(d) => d
            .borrow()
            .iter()
            .filter_map(|(k, _)| k.as_str_opt().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

fn string_items(items: &[Ref]) -> Vec<String> {
    items
        .iter()
        .filter_map(|r| r.as_str_opt().map(str::to_string))
        .collect()
}

/// `calculate_suggestions`: the first candidate at the smallest distance, if close enough.
fn closest(name: &str, candidates: &[String]) -> Option<String> {
    if candidates.len() >= MAX_CANDIDATES {
        return None;
    }
    let mut best: Option<(&String, usize)> = None;
    for item in candidates {
        if item == name {
            continue;
        }
        // No more than a third of the characters involved may change.
        let mut max_cost = (name.len() + item.len() + 3) * MOVE_COST / 6;
        if let Some((_, d)) = best {
            max_cost = max_cost.min(d.saturating_sub(1));
        }
        let d = edit_distance(name.as_bytes(), item.as_bytes(), max_cost);
        if d > max_cost {
            continue;
        }
        if best.is_none_or(|(_, b)| d < b) {
            best = Some((item, d));
        }
    }
    best.map(|(s, _)| s.clone())
}

fn substitution_cost(a: u8, b: u8) -> usize {
    if a & 31 != b & 31 {
        return MOVE_COST;
    }
    if a == b {
        return 0;
    }
    if a.eq_ignore_ascii_case(&b) {
        CASE_COST
    } else {
        MOVE_COST
    }
}

/// Levenshtein distance over UTF-8 bytes, bailing out once every path costs more than
/// `max_cost` (CPython's `levenshtein_distance`).
fn edit_distance<'a>(mut a: &'a [u8], mut b: &'a [u8], max_cost: usize) -> usize {
    while let (Some(x), Some(y)) = (a.first(), b.first()) {
        if x != y {
            break;
        }
        a = &a[1..];
        b = &b[1..];
    }
    while let (Some(x), Some(y)) = (a.last(), b.last()) {
        if x != y {
            break;
        }
        a = &a[..a.len() - 1];
        b = &b[..b.len() - 1];
    }
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE_COST;
    }
    if a.len() > MAX_NAME_BYTES || b.len() > MAX_NAME_BYTES {
        return max_cost + 1;
    }
    if b.len() < a.len() {
        std::mem::swap(&mut a, &mut b);
    }
    if (b.len() - a.len()) * MOVE_COST > max_cost {
        return max_cost + 1;
    }
    let mut row: Vec<usize> = (1..=a.len()).map(|i| i * MOVE_COST).collect();
    let mut result = 0;
    for (b_index, &code) in b.iter().enumerate() {
        let mut distance = b_index * MOVE_COST;
        result = distance;
        let mut minimum = usize::MAX;
        for (index, &ch) in a.iter().enumerate() {
            let substitute = distance + substitution_cost(code, ch);
            distance = row[index];
            let insert_delete = result.min(distance) + MOVE_COST;
            result = insert_delete.min(substitute);
            row[index] = result;
            minimum = minimum.min(result);
        }
        if minimum > max_cost {
            return max_cost + 1;
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::{closest, edit_distance};

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn distances_weigh_case_flips_half() {
        assert_eq!(edit_distance(b"prnt", b"print", 10), 2);
        assert_eq!(edit_distance(b"Print", b"print", 10), 1);
        assert_eq!(edit_distance(b"valeu", b"value", 10), 4);
    }

    #[test]
    fn the_closest_close_name_is_suggested() {
        let builtins = names(&["len", "list", "print", "property", "None"]);
        assert_eq!(closest("prnt", &builtins).as_deref(), Some("print"));
        assert_eq!(closest("lst", &builtins).as_deref(), Some("list"));
        assert_eq!(closest("none", &builtins).as_deref(), Some("None"));
        assert_eq!(closest("xyzzy", &builtins), None);
        assert_eq!(closest("len", &builtins), None);
    }
}
