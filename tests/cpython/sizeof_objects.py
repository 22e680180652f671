# sys.getsizeof of every kind of object, __sizeof__ overrides, the default argument
import sys
g = sys.getsizeof
def f(): pass
def f2(a, b=1, *c, **d):
    x = 1
    return x
lam = lambda: 0
class C:
    def m(self): pass
class D: pass
class E(Exception): pass
class E2(ValueError): pass
class OE(OSError): pass
class L(list): pass
class Dd(dict): pass
class St(set): pass
class Sl:
    __slots__ = ('a',)
class SD:
    __slots__ = ('a', '__dict__')
class SW:
    __slots__ = ('__weakref__',)
print("func", g(f), g(f2), g(lam))
print("builtin", g(len), g([].append), g(print))
print("method", g(C().m))
print("class", g(C), g(D), g(int), g(object), g(type), g(E), g(L), g(Sl), g(SD), g(SW), g(St), g(ValueError))
print("inst", g(C()), g(D()), g(L()), g(L([1, 2, 3])), g(Dd()), g(St()), g(St(range(10))), g(Sl()), g(SD()), g(SW()))
print("exc", g(Exception()), g(ValueError("x")), g(E()), g(E2()), g(OE()), g(KeyError(1)), g(StopIteration()), g(OSError(2, "x")), g(BaseException()), g(AttributeError()), g(NameError()), g(ImportError()), g(FileNotFoundError()), g(SyntaxError()))
def mk():
    y = 1
    def inner():
        return y
    return inner
print("cell", g(mk().__closure__[0]))
print("module", g(sys))
fh = open(__file__)
print("file", g(fh))
fh.close()
print("slice", g(slice(1, 2)), "ellipsis", g(...), "NotImpl", g(NotImplemented), "None", g(None))
print("property", g(property(f)), "staticmethod", g(staticmethod(f)), "classmethod", g(classmethod(f)))
print("super", g(super(C, C())))
print("iters", g(iter([])), g(iter(())), g(iter({})), g(iter(set())), g(iter("ab")), g(iter(range(3))), g(iter(b"")), g(reversed([])))
print("views", g({}.keys()), g({}.values()), g({}.items()))
print("enumerate", g(enumerate([])), g(zip()), g(map(f, [])), g(filter(None, [])))
print("bool", g(True), g(False))
print("tuple", g(()), g((1,)), g((1, 2, 3)))
print("big int", g(2**64), g(-2**64), g(10**1000), g(0), g(-1))
print("float", g(1.5))
print("str big", g("a" * 1000), g("é" * 1000))
try:
    1 / 0
except Exception as e:
    print("caught", type(e).__name__)
w = C()
w.a = 1
w.b = 2
print("inst dict", g(w.__dict__), g(w))
w2 = C()
print("inst dict2", g(w.__dict__), g(w2.__dict__))
w3 = D()
for i in range(35):
    setattr(w3, "a" + str(i), i)
print("many attrs", g(w3.__dict__))
w4 = D()
w4.__dict__[1] = 2
print("nonstr", g(w4.__dict__))
print("copy split", g(w.__dict__.copy()), g(dict(w.__dict__)))
class A:
    def __sizeof__(self): return 100
class B:
    __slots__ = ()
    def __sizeof__(self): return 100
class N:
    def __sizeof__(self): return -1
class F:
    def __sizeof__(self): return 1.5
class Big:
    def __sizeof__(self): return 2**70
class Bo:
    def __sizeof__(self): return True
class LL(list):
    def __sizeof__(self): return 10
class Sup:
    def __sizeof__(self): return super().__sizeof__() + 1000
print(g(A()), g(B()), g(LL()), g(Bo()), g(Sup()))
for cls in (N, F, Big):
    try:
        print(g(cls()))
    except Exception as e:
        print(type(e).__name__, e)
    try:
        print(g(cls(), "dflt"))
    except Exception as e:
        print("D", type(e).__name__, e)
print(g(1, 2), g(object=5), g(5, default=3))
try:
    g()
except TypeError as e:
    print(e)
try:
    g(1, 2, 3)
except TypeError as e:
    print(e)
print(A().__sizeof__(), object().__sizeof__(), [].__sizeof__(), (1,).__sizeof__(), {}.__sizeof__(), "a".__sizeof__(), (5).__sizeof__())
class P: pass
print(P().__sizeof__())
class S1:
    __slots__ = ('a',)
print(S1().__sizeof__())
