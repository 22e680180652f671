//! `import`: only the modules refpy provides (`sys`, `gc`, `weakref`, `copy`,
//! `tracemalloc`, `os`, `math`), created on first import and kept in `sys.modules`.

use super::{Interp, PyResult};
use crate::heap::Ref;
use crate::objects::Obj;

impl Interp {
    pub fn import_module(&mut self, name: &str) -> PyResult {
        let key = self.intern(name);
        let modules = self.modules.clone();
        if let Some(m) = self.dict_get_str(&modules, &key) {
            return Ok(m);
        }
        let Some(module) = crate::modules::create(self, name) else {
            let top = name.split('.').next().unwrap_or(name);
            let class = self.exc_class("ModuleNotFoundError");
            let msg = self.new_string(format!("No module named '{top}'"));
            let exc = self.call(&class, vec![msg])?;
            return Err(super::Unwind::Exception(exc));
        };
        self.dict_set(&modules, key, module.clone())?;
        Ok(module)
    }

    pub fn import_star(&mut self, f: &mut super::frame::Frame, module: &Ref) -> PyResult<()> {
        let Obj::Module(m) = &**module else {
            return Ok(());
        };
        let items = self.dict_items(&m.dict);
        let ns = f.class_ns.clone().unwrap_or_else(|| f.globals.clone());
        for (k, v) in items {
            if k.as_str_opt().is_some_and(|s| !s.starts_with('_')) {
                self.dict_set(&ns, k, v)?;
            }
        }
        Ok(())
    }

    /// A new module object with `__name__` set.
    pub fn new_module(&mut self, name: &str) -> Ref {
        let dict = self.new_dict();
        let key = self.intern("__name__");
        let value = self.new_str(name);
        let _ = self.dict_set(&dict, key, value);
        crate::heap::gc::track_new(Ref::new(Obj::Module(Box::new(crate::objects::ModuleObj {
            name: name.to_string(),
            dict,
        }))))
    }

    /// Adds a builtin function to a module (or any namespace dict).
    pub fn add_function(
        &mut self,
        dict: &Ref,
        name: &'static str,
        func: crate::objects::BuiltinFn,
    ) {
        let f = crate::heap::gc::track_new(Ref::new(Obj::Builtin(Box::new(
            crate::objects::BuiltinObj {
                name,
                func,
                self_: None,
                owner: None,
                sig: crate::objects::sigs::Sig::Own,
            },
        ))));
        let key = self.intern(name);
        let _ = self.dict_set(dict, key, f);
    }

    pub fn module_dict(&self, module: &Ref) -> Ref {
        match &**module {
            Obj::Module(m) => m.dict.clone(),
            _ => self.new_dict(),
        }
    }
}
