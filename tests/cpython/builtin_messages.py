# Error messages of builtins, displays, calls and operators: each case prints the
# exception's type and message, which must be CPython 3.11's.


def check(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, type(e).__name__, e)
    else:
        print(label, "ok", repr(r))


def g(a, b):
    pass


def kw(a, *, k):
    pass


def kw2(a, b=1, *, k, m=2):
    pass


class C:
    def m(self, a):
        pass

    def __index__(self):
        return "x"


def f9():
    raise ValueError from 5


def f10():
    del (1, 2)[0]


def f15():
    x = [1]
    x[0:1] = 5


def set_real():
    (1).real = 3


def del_append():
    del [].append


cases = [
    ("mapping", lambda: {**[1]}),
    ("star list", lambda: [*5]),
    ("star tuple", lambda: (*5,)),
    ("star set", lambda: {*5}),
    ("reversed", lambda: reversed(1)),
    ("divmod", lambda: divmod("a", 1)),
    ("str index", lambda: "abc"["x"]),
    ("list gt", lambda: [1] > [None]),
    ("list lt", lambda: [None] < [1]),
    ("list ge", lambda: [1] >= [None]),
    ("args order", lambda: g(1, 2, 3, 4, d=1, e=1)),
    ("too many", lambda: g(1, 2, 3)),
    ("too many kwonly", lambda: kw(1, 2, k=1)),
    ("too many kwonly 2", lambda: kw(1, 2, 3, k=1)),
    ("too many kwonly 3", lambda: kw2(1, 2, 3, k=1, m=3)),
    ("too many kwonly 4", lambda: kw2(1, 2, 3)),
    ("missing kwonly", lambda: kw(1)),
    ("sorted", lambda: sorted()),
    ("raise from", f9),
    ("del item", f10),
    ("lshift float", lambda: 1 << 1.5),
    ("and float", lambda: 1.5 & 1),
    ("slice assign", f15),
    ("int kwargs", lambda: int("5", base=1, x=2)),
    ("int x=", lambda: int(x=1)),
    ("str 1 2", lambda: str(1, 2)),
    ("list x=", lambda: list(x=1)),
    ("list 1 2", lambda: list(1, 2)),
    ("tuple x=", lambda: tuple(x=1)),
    ("tuple 1 2", lambda: tuple(1, 2)),
    ("float x=", lambda: float(x=1)),
    ("float 1 2", lambda: float(1, 2)),
    ("bool x=", lambda: bool(x=1)),
    ("bool 1 2", lambda: bool(1, 2)),
    ("set x=", lambda: set(x=1)),
    ("set 1 2", lambda: set(1, 2)),
    ("frozenset x=", lambda: frozenset(x=1)),
    ("dict 1 2", lambda: dict(1, 2)),
    ("bytes 1 2 3 4", lambda: bytes(1, 2, 3, 4)),
    ("range", lambda: range()),
    ("range x=", lambda: range(1, x=2)),
    ("object 1", lambda: object(1)),
    ("type 2", lambda: type(1, 2)),
    ("star call", lambda: g(*5)),
    ("dstar call", lambda: g(**5)),
    ("star builtin", lambda: len(*5)),
    ("dstar builtin", lambda: len(**5)),
    ("star method", lambda: C().m(*5)),
    ("dstar method", lambda: C().m(**5)),
    ("star bmethod", lambda: [].append(*5)),
    ("dstar bmethod", lambda: [].append(**5)),
    ("str mul float", lambda: "a" * 1.5),
    ("int None", lambda: int(None)),
    ("list 1", lambda: list(1)),
    ("abs str", lambda: abs("x")),
    ("round str", lambda: round("x")),
    ("min", lambda: min()),
    ("max 1", lambda: max(1)),
    ("chr -1", lambda: chr(-1)),
    ("ord ab", lambda: ord("ab")),
    ("join", lambda: "a".join([1])),
    ("dict 5", lambda: dict(5)),
    ("set 5", lambda: set(5)),
    ("int index", lambda: 5[0]),
    ("hash list", lambda: hash([])),
    ("len 5", lambda: len(5)),
    ("iter 5", lambda: iter(5)),
    ("next list", lambda: next([])),
    ("pow float mod", lambda: pow(1, 2, 3.0)),
    ("index str", lambda: [1][C()]),
    ("hash empty", lambda: hash("")),
    ("hash slice", lambda: hash(slice(1, 2))),
]

for label, f in cases:
    check(label, f)
