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


class Mapping:
    def keys(self):
        return ["b"]

    def __getitem__(self, k):
        return 2


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


def in_generator():
    try:
        g((yield), *5)
    except TypeError as e:
        print("generator star", type(e).__name__, e)
    try:
        g(*(yield))
    except TypeError as e:
        print("generator lone star", type(e).__name__, e)
    try:
        x = [(yield), *5]
    except TypeError as e:
        print("generator display", type(e).__name__, e)


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
    ("set real", set_real),
    ("del append", del_append),
    ("pow float mod", lambda: pow(1, 2, 3.0)),
    ("index str", lambda: [1][C()]),
    ("round big", lambda: round(1e300, -300)),
    ("hash empty", lambda: hash("")),
    ("hash slice", lambda: hash(slice(1, 2))),
    ("bit_count", lambda: (255).bit_count()),
    ("bit_count neg", lambda: (-7).bit_count()),
    ("to_bytes", lambda: (1024).to_bytes(2, "big")),
    ("to_bytes little", lambda: (1024).to_bytes(4, byteorder="little")),
    ("to_bytes default", lambda: (5).to_bytes()),
    ("to_bytes signed", lambda: (-1).to_bytes(2, "big", signed=True)),
    ("to_bytes neg", lambda: (-1).to_bytes(2, "big")),
    ("to_bytes over", lambda: (256).to_bytes(1, "big")),
    ("to_bytes over signed", lambda: (128).to_bytes(1, "big", signed=True)),
    ("to_bytes order", lambda: (1).to_bytes(1, "middle")),
    ("to_bytes len", lambda: (1).to_bytes(-1)),
    ("to_bytes zero", lambda: (0).to_bytes(0, "big")),
    ("from_bytes", lambda: int.from_bytes(b"\x04\x00", "big")),
    ("from_bytes little", lambda: int.from_bytes(b"\x04\x00", "little")),
    ("from_bytes signed", lambda: int.from_bytes(b"\xff\xff", "big", signed=True)),
    ("from_bytes default", lambda: int.from_bytes(b"\x01\x00")),
    ("from_bytes list", lambda: int.from_bytes([1, 2], byteorder="big")),
    ("from_bytes empty", lambda: int.from_bytes(b"")),
    ("from_bytes order", lambda: int.from_bytes(b"\x01", "x")),
    ("from_bytes big", lambda: int.from_bytes(b"\x01" * 20, "little")),
    ("int ratio", lambda: (7).as_integer_ratio()),
    ("float ratio", lambda: (0.75).as_integer_ratio()),
    ("float ratio neg", lambda: (-2.5).as_integer_ratio()),
    ("float ratio inf", lambda: float("inf").as_integer_ratio()),
    ("float ratio nan", lambda: float("nan").as_integer_ratio()),
    ("is_integer", lambda: (2.0).is_integer()),
    ("is_integer no", lambda: (2.5).is_integer()),
    ("is_integer inf", lambda: float("inf").is_integer()),
    ("round neg", lambda: round(-1.5e300, -300)),
    ("round tens", lambda: (round(25.0, -1), round(35.0, -1), round(-0.4, -1))),
    ("round over", lambda: round(1.7e308, -308)),
    ("set other", lambda: setattr(1, "x", 3)),
    ("set method", lambda: setattr("a", "upper", 1)),
    ("set imag", lambda: setattr(1.5, "imag", 2)),
    ("del x", lambda: delattr([], "x")),
    ("del real", lambda: delattr(1, "real")),
    ("to_bytes 3 args", lambda: (1).to_bytes(1, "big", True)),
    ("to_bytes kw", lambda: (1).to_bytes(x=1)),
    ("to_bytes twice", lambda: (1).to_bytes(1, byteorder="big", length=2)),
    ("to_bytes str", lambda: (1).to_bytes("a")),
    ("to_bytes order type", lambda: (1).to_bytes(1, 5)),
    ("to_bytes -128", lambda: (-128).to_bytes(1, signed=True)),
    ("to_bytes -129", lambda: (-129).to_bytes(1, signed=True)),
    ("to_bytes big", lambda: (2**70).to_bytes(10, "little")),
    ("from_bytes none", lambda: int.from_bytes()),
    ("from_bytes str", lambda: int.from_bytes("ab")),
    ("from_bytes int", lambda: int.from_bytes(5)),
    ("from_bytes 256", lambda: int.from_bytes([256])),
    ("from_bytes 3 args", lambda: int.from_bytes(b"a", "big", 1)),
    ("from_bytes bool", lambda: bool.from_bytes(b"\x01")),
    ("bit_count arg", lambda: (1).bit_count(1)),
    ("bool ratio", lambda: True.as_integer_ratio()),
    ("float ratio zero", lambda: (-0.0).as_integer_ratio()),
    ("float ratio tiny", lambda: (5e-324).as_integer_ratio()),
    ("float ratio big", lambda: (1e300).as_integer_ratio()[1]),
    ("int base kw", lambda: int(base=10)),
    ("str name and pos", lambda: str(1, object=2)),
    ("str encoding int", lambda: str(b"a", encoding=1)),
    ("str decode int", lambda: str(1, "utf-8")),
    ("str object kw", lambda: str(object=1)),
    ("str errors gap", lambda: str(b"a", errors="strict")),
    ("bytes encoding int", lambda: bytes("a", 1)),
    ("bytes no string", lambda: bytes(1, "utf-8")),
    ("bytes source kw", lambda: bytes(source=3)),
    ("enumerate", lambda: enumerate()),
    ("enumerate 3", lambda: enumerate([], 0, 1)),
    ("enumerate kw", lambda: enumerate([], x=1)),
    ("enumerate start", lambda: list(enumerate("ab", start=5))),
    ("slice kw", lambda: slice(x=1)),
    ("map kw", lambda: map(x=1)),
    ("filter 1", lambda: filter(1)),
    ("reversed kw", lambda: reversed(x=1)),
    ("reversed 2", lambda: reversed([], 1)),
    ("staticmethod", lambda: staticmethod()),
    ("hash keys", lambda: hash({}.keys())),
    ("divmod ok", lambda: divmod(7, -2)),
    ("tuple lt", lambda: (1, "a") < (1, 2)),
    ("list eq", lambda: [1, 2] == [1, 2.0]),
    ("list le", lambda: [1, 2] <= [1, 2, 3]),
    ("matmul", lambda: 1 @ 2),
    ("bool matmul", lambda: True @ 1.5),
    ("floordiv ok", lambda: (7 // 2, 7.5 // 2, 2**70 >> 3)),
    ("dstar mapping", lambda: g(1, **Mapping())),
    ("dstar mapping twice", lambda: g(1, b=3, **Mapping())),
    ("display mapping", lambda: {**Mapping()}),
    ("min kw", lambda: min([], default=1, key=None, x=2)),
    ("min bad kw", lambda: min([1], x=2)),
    ("sum none", lambda: sum()),
    ("sum 3", lambda: sum([1], 2, 3)),
    ("sum start kw", lambda: sum([1], start=10)),
    ("sum iterable kw", lambda: sum(iterable=[1])),
    ("round 3", lambda: round(1, 2, 3)),
    ("round kw", lambda: round(number=2.675, ndigits=2)),
    ("round bad kw", lambda: round(1.5, x=1)),
    ("pow none", lambda: pow()),
    ("pow kw", lambda: pow(base=2, exp=10, mod=1000)),
    ("pow twice", lambda: pow(2, 3, base=1)),
    ("open none", lambda: open()),
    ("open bad kw", lambda: open("x", spam=1)),
    ("iter not callable", lambda: iter(1, 2)),
    ("globals 1", lambda: globals(1)),
    ("divmod float zero", lambda: divmod(1.0, 0)),
    ("divmod int zero", lambda: divmod(1, 0)),
    ("reversed keys", lambda: list(reversed({1: 2, 3: 4}.keys()))),
    ("reversed items", lambda: list(reversed({1: 2, 3: 4}.items()))),
    ("object new int", lambda: object.__new__(1)),
    ("len kw", lambda: len(x=1)),
    ("len kw 2", lambda: len([1], x=1)),
    ("repr kw", lambda: repr(x=1)),
    ("float conjugate", lambda: (1.5).conjugate()),
    ("star after arg", lambda: g(1, *5)),
    ("star before arg", lambda: g(*5, 1)),
    ("two stars", lambda: g(*[1], *5)),
    ("star with kw", lambda: g(*5, b=1)),
    ("star builtin after arg", lambda: len(1, *5)),
    ("star method after arg", lambda: C().m(1, *5)),
]

for label, f in cases:
    check(label, f)

gen = in_generator()
next(gen)
gen.send(None)
gen.send(5)
try:
    gen.send(None)
except StopIteration:
    pass
