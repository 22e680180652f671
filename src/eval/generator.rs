//! Generators: suspended frames resumed by `next()`, `send()`, `throw()`, `close()`.

use super::frame::Frame;
use super::{Interp, PyResult};
use crate::heap::Ref;
use crate::syntax::ast::{Comprehension, Expr};

pub struct GeneratorObj {
    pub name: String,
    pub frame: std::cell::RefCell<Option<Frame>>,
}

impl Interp {
    pub fn new_generator(&mut self, _function: &Ref, _frame: Frame) -> Ref {
        self.none()
    }

    pub fn make_generator_expression(&mut self, _f: &mut Frame, _c: &std::rc::Rc<Comprehension>) -> PyResult {
        Err(self.err("NotImplementedError", "generator expressions"))
    }

    pub fn generator_next(&mut self, _gen: &Ref) -> PyResult<Option<Ref>> {
        Ok(None)
    }

    pub fn eval_yield(&mut self, _f: &mut Frame, _e: &Expr) -> PyResult {
        Err(self.err("NotImplementedError", "yield"))
    }
}

impl GeneratorObj {
    /// A suspended generator must be closed (its `finally` blocks run) when freed.
    pub fn needs_close(&self) -> bool {
        false
    }
}

impl Interp {
    pub fn generator_finalize(&mut self, _gen: &Ref) {}
}

pub fn methods() -> Vec<(&'static str, crate::objects::BuiltinFn)> {
    Vec::new()
}
