//! From a parsed module to a runnable unit: names resolved to slots ([`resolve`]),
//! constants folded and pooled per code object ([`consts`]).

pub mod consts;
pub mod lines;
pub mod resolve;

use crate::eval::Interp;
use crate::heap::Ref;
use crate::syntax::ast::Module;
use crate::syntax::{parser, SyntaxError};
use std::cell::RefCell;
use std::rc::Rc;

/// One compiled unit: a file, a `-c` string, one REPL statement or one lesson block.
pub struct Unit {
    pub filename: Rc<str>,
    pub source: Rc<str>,
    pub module: Module,
    /// The parse tree's references to its literals, held while the unit's top-level code
    /// runs (as CPython holds the AST arena while it runs a file).
    pub literals: RefCell<Vec<Ref>>,
    /// Every distinct constant table of the unit's code objects.
    pub const_tables: Vec<Rc<[Ref]>>,
    /// Compiled for the interactive prompt: top-level expression statements show their
    /// value (CPython's `single` mode).
    pub interactive: bool,
    /// Byte offset of each line's start, for the lines and columns of tracebacks.
    line_starts: Vec<u32>,
}

impl Unit {
    /// Lines and columns of the source.
    pub fn lines(&self) -> crate::syntax::LineIndex<'_> {
        crate::syntax::LineIndex::with_starts(&self.source, &self.line_starts)
    }

    /// Drops the parse tree's references once the top-level code has finished.
    pub fn release_literals(&self) {
        self.literals.borrow_mut().clear();
    }
}

pub fn compile(interp: &mut Interp, source: &str, filename: &str) -> Result<Rc<Unit>, SyntaxError> {
    compile_unit(interp, source, filename, false)
}

/// Compiles one statement typed at the prompt: expression statements outside functions
/// and classes echo their value, as in CPython's interactive mode.
pub fn compile_interactive(
    interp: &mut Interp,
    source: &str,
    filename: &str,
) -> Result<Rc<Unit>, SyntaxError> {
    compile_unit(interp, source, filename, true)
}

fn compile_unit(
    interp: &mut Interp,
    source: &str,
    filename: &str,
    interactive: bool,
) -> Result<Rc<Unit>, SyntaxError> {
    let mut module = parser::parse_module(source)?;
    let index = crate::syntax::LineIndex::new(source);
    lines::annotate(&mut module.body, &index);
    resolve::resolve_module(&mut module);
    let (literals, const_tables) = consts::build(interp, &mut module);
    Ok(Rc::new(Unit {
        filename: filename.into(),
        source: source.into(),
        module,
        literals: RefCell::new(literals),
        const_tables,
        interactive,
        line_starts: index.into_starts(),
    }))
}
