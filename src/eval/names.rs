//! Interned names of the special attributes, created once so lookups compare pointers
//! and reuse the string's cached hash.

use super::Interp;
use crate::heap::Ref;

#[derive(Default)]
pub struct Names {
    pub all: Vec<Ref>,
}

macro_rules! name_indices {
    ($($ident:ident = $text:expr),* $(,)?) => {
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        #[derive(Clone, Copy)]
        #[repr(usize)]
        pub enum N { $($ident),* }
        pub const TEXTS: &[&str] = &[$($text),*];
    };
}

name_indices! {
    init = "__init__",
    new = "__new__",
    repr = "__repr__",
    str = "__str__",
    eq = "__eq__",
    ne = "__ne__",
    lt = "__lt__",
    le = "__le__",
    gt = "__gt__",
    ge = "__ge__",
    hash = "__hash__",
    len = "__len__",
    iter = "__iter__",
    next = "__next__",
    getitem = "__getitem__",
    setitem = "__setitem__",
    delitem = "__delitem__",
    contains = "__contains__",
    enter = "__enter__",
    exit = "__exit__",
    del = "__del__",
    call = "__call__",
    bool = "__bool__",
    add = "__add__",
    radd = "__radd__",
    sub = "__sub__",
    rsub = "__rsub__",
    mul = "__mul__",
    rmul = "__rmul__",
    truediv = "__truediv__",
    rtruediv = "__rtruediv__",
    floordiv = "__floordiv__",
    rfloordiv = "__rfloordiv__",
    mod_ = "__mod__",
    rmod = "__rmod__",
    pow = "__pow__",
    rpow = "__rpow__",
    neg = "__neg__",
    pos = "__pos__",
    abs = "__abs__",
    invert = "__invert__",
    and = "__and__",
    rand = "__rand__",
    or = "__or__",
    ror = "__ror__",
    xor = "__xor__",
    rxor = "__rxor__",
    lshift = "__lshift__",
    rlshift = "__rlshift__",
    rshift = "__rshift__",
    rrshift = "__rrshift__",
    matmul = "__matmul__",
    rmatmul = "__rmatmul__",
    iadd = "__iadd__",
    isub = "__isub__",
    imul = "__imul__",
    itruediv = "__itruediv__",
    ifloordiv = "__ifloordiv__",
    imod = "__imod__",
    ipow = "__ipow__",
    iand = "__iand__",
    ior = "__ior__",
    ixor = "__ixor__",
    ilshift = "__ilshift__",
    irshift = "__irshift__",
    imatmul = "__imatmul__",
    getattr = "__getattr__",
    getattribute = "__getattribute__",
    setattr = "__setattr__",
    delattr = "__delattr__",
    get = "__get__",
    set = "__set__",
    delete = "__delete__",
    dict = "__dict__",
    class = "__class__",
    name = "__name__",
    qualname = "__qualname__",
    module = "__module__",
    doc = "__doc__",
    slots = "__slots__",
    weakref = "__weakref__",
    copy = "__copy__",
    deepcopy = "__deepcopy__",
    sizeof = "__sizeof__",
    format = "__format__",
    index = "__index__",
    int = "__int__",
    float = "__float__",
    reversed = "__reversed__",
    missing = "__missing__",
    init_subclass = "__init_subclass__",
    set_name = "__set_name__",
    class_getitem = "__class_getitem__",
    annotations = "__annotations__",
    main = "__main__",
    builtins = "__builtins__",
    file = "__file__",
    spec = "__spec__",
    loader = "__loader__",
    package = "__package__",
    reduce = "__reduce__",
    reduce_ex = "__reduce_ex__",
    dir = "__dir__",
    length_hint = "__length_hint__",
    round = "__round__",
    trunc = "__trunc__",
}

impl Names {
    pub fn new(interp: &mut Interp) -> Names {
        Names {
            all: TEXTS.iter().map(|t| interp.intern(t)).collect(),
        }
    }

    /// The interned string for a special name.
    pub fn get(&self, n: N) -> &Ref {
        &self.all[n as usize]
    }
}
