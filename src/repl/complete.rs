//! Tab completion at the prompt: names (keywords, `__main__` globals, builtins) and, after
//! a dot, the attributes `dir()` lists for the object a dotted name leads to — as
//! CPython's `rlcompleter` does, names starting with `_` only when `_` was typed.

use crate::eval::Interp;
use crate::heap::Ref;
use crate::objects::Obj;
use rustyline::completion::Completer;
use rustyline::{Context, Helper, Highlighter, Hinter, Validator};
use std::cell::RefCell;
use std::rc::Rc;

const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "break", "class", "continue", "def", "del",
    "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
    "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
];

/// The rustyline helper: completion only; lines are validated by the prompt loop.
#[derive(Helper, Highlighter, Hinter, Validator)]
pub struct PromptHelper {
    pub interp: Rc<RefCell<Interp>>,
}

impl Completer for PromptHelper {
    type Candidate = String;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<String>)> {
        let head = &line[..pos];
        let start = head
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphanumeric() || *c == '_' || *c == '.')
            .last()
            .map_or(pos, |(i, _)| i);
        let word = &head[start..];
        let Ok(mut interp) = self.interp.try_borrow_mut() else {
            return Ok((pos, Vec::new()));
        };
        Ok(match word.rfind('.') {
            Some(dot) => {
                let attrs = attributes(&mut interp, &word[..dot]);
                let partial = &word[dot + 1..];
                (start + dot + 1, matching(attrs, partial))
            }
            None => (start, matching(names(&mut interp), word)),
        })
    }
}

/// The candidates starting with `partial`, sorted, without duplicates; private names
/// only when `partial` starts with `_`.
fn matching(mut candidates: Vec<String>, partial: &str) -> Vec<String> {
    candidates
        .retain(|c| c.starts_with(partial) && (partial.starts_with('_') || !c.starts_with('_')));
    candidates.sort();
    candidates.dedup();
    candidates
}

fn dict_keys(dict: &Ref) -> Vec<String> {
    match &**dict {
        Obj::Dict(d) => d.try_borrow().map_or_else(
            |_| Vec::new(),
            |d| {
                d.iter()
                    .filter_map(|(k, _)| k.as_str_opt().map(str::to_string))
                    .collect()
            },
        ),
        _ => Vec::new(),
    }
}

/// Keywords, globals and builtins.
pub fn names(interp: &mut Interp) -> Vec<String> {
    let main = interp.main_module();
    let globals = interp.module_dict(&main);
    let mut out: Vec<String> = KEYWORDS.iter().map(|k| k.to_string()).collect();
    out.extend(dict_keys(&globals));
    out.extend(dict_keys(&interp.builtins.clone()));
    out
}

/// `dir()` of the object `path` (a dotted name) leads to; empty when any step fails.
pub fn attributes(interp: &mut Interp, path: &str) -> Vec<String> {
    let mut parts = path.split('.');
    let Some(first) = parts.next().filter(|p| !p.is_empty()) else {
        return Vec::new();
    };
    let main = interp.main_module();
    let globals = interp.module_dict(&main);
    let key = interp.intern(first);
    let builtins = interp.builtins.clone();
    let Some(mut obj) = interp
        .dict_get_str(&globals, &key)
        .or_else(|| interp.dict_get_str(&builtins, &key))
    else {
        return Vec::new();
    };
    for part in parts {
        let name = interp.intern(part);
        match interp.getattr(&obj, &name) {
            Ok(next) => obj = next,
            Err(_) => return Vec::new(),
        }
    }
    let dir_key = interp.intern("dir");
    let Some(dir) = interp.dict_get_str(&builtins, &dir_key) else {
        return Vec::new();
    };
    match interp.call(&dir, vec![obj]) {
        Ok(list) => interp
            .sequence_items(&list)
            .iter()
            .filter_map(|s| s.as_str_opt().map(str::to_string))
            .collect(),
        Err(_) => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_attributes_complete() {
        let mut interp = Interp::new();
        let unit = crate::compile::compile(&mut interp, "numbers = [1]\n", "<test>").unwrap();
        interp.run_unit(&unit).unwrap();
        drop(unit);
        let found = matching(names(&mut interp), "num");
        assert_eq!(found, ["numbers"]);
        assert!(matching(names(&mut interp), "whi").contains(&"while".to_string()));
        let found = matching(attributes(&mut interp, "numbers"), "app");
        assert_eq!(found, ["append"]);
        assert!(attributes(&mut interp, "nothing.here").is_empty());
        interp.shutdown();
    }
}
