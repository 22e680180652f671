# Every class is in a reference cycle (its __mro__ starts with itself; the __dict__ and
# __weakref__ descriptors in its namespace hold it): reference counts, what
# gc.collect() finds once a class's name goes, and when weak references to it die.
import gc
import sys
import weakref


def collect(tag):
    print(tag, gc.collect())


gc.collect()

class C:
    pass

print("plain", sys.getrefcount(C))
class F(C):
    pass

print("subclass", sys.getrefcount(F), sys.getrefcount(C))
class G:
    __slots__ = ()

print("empty slots", sys.getrefcount(G))
class H:
    __slots__ = ('a',)

print("one slot", sys.getrefcount(H))
class HD:
    __slots__ = ('a', '__dict__')

print("slot and __dict__", sys.getrefcount(HD))
class HW:
    __slots__ = ('__weakref__',)

print("__weakref__ slot", sys.getrefcount(HW))
del C, F, G, H, HD, HW
collect("the six classes")

class D:
    pass

r = weakref.ref(D)
del D
print("alive after del", r() is not None)
collect("plain class")
print("dead after collect", r() is None)

class B:
    pass

class E(B):
    pass

del B, E
collect("class and subclass")

class M:
    x = [1]

    def m(self):
        return 1

del M
collect("method and list")

class I:
    def __init__(self):
        self.a = 1

i = I()
print("with an instance", sys.getrefcount(I))
r = weakref.ref(I)
del I
collect("instance alive")
print("class alive with its instance", r() is not None)
del i
collect("instance freed")
print("class dead", r() is None)

class S:
    def m(self):
        return super().__repr__

print("with __class__ cell", sys.getrefcount(S))
del S
collect("super cell")

for base in (list, dict, str, int, tuple, float, set, frozenset, bytes, Exception, ValueError):
    class X(base):
        pass

    print(base.__name__, sys.getrefcount(X), '__dict__' in X.__dict__, '__weakref__' in X.__dict__)
    del X
    collect(base.__name__ + " subclass")

class A1:
    pass

class A2:
    pass

class Both(A1, A2):
    pass

print("multiple", sys.getrefcount(A1), sys.getrefcount(A2), Both.__base__ is A1)
del A1, A2, Both
collect("multiple bases")

class P:
    pass

class Q:
    __slots__ = ('a',)

class R(P, Q):
    pass

print("solid base", sys.getrefcount(P), sys.getrefcount(Q), R.__base__ is Q)
print("R adds", '__dict__' in R.__dict__, '__weakref__' in R.__dict__)
del P, Q, R
collect("solid base")

class K:
    pass

print(K.__bases__ is K.__bases__, K.__mro__ is K.__mro__, K.__mro__[0] is K)
print(type(K.__dict__['__dict__']).__name__, type(K.__dict__['__weakref__']).__name__)
print(K.__dict__['__dict__'].__objclass__ is K, K.__dict__['__weakref__'].__objclass__ is K)
print(K.__dict__['__dict__'])
print(gc.is_tracked(K), gc.is_tracked(K.__mro__), gc.is_tracked(K.__bases__))
print(sys.getsizeof(K), sys.getsizeof(K.__mro__), sys.getsizeof(K.__bases__))
print(sys.getsizeof(K.__dict__['__dict__']))
k = K()
k.x = 1
print(k.__dict__, sys.getrefcount(K))
gc.collect()
print("bases untracked", gc.is_tracked(K.__bases__), "mro tracked", gc.is_tracked(K.__mro__))
class K2(K):
    pass

gc.collect()
print("subclass bases tracked", gc.is_tracked(K2.__bases__))
del k, K, K2
collect("after untracking")

class W:
    pass

w = W()
print("no weakref yet", w.__weakref__ is None)
wr = weakref.ref(w)
print("__weakref__ is the ref", w.__weakref__ is wr)
class WE(Exception):
    pass

we = WE()
wer = weakref.ref(we)
print("exception __weakref__", we.__weakref__ is wer)
del w, wr, we, wer, W, WE
collect("weakrefable classes")

class Doc:
    "a docstring"

    def f(self):
        return 1

print(list(Doc.__dict__), Doc.__doc__)
print(list(type('Made', (), {'a': 1}).__dict__))
t = (Doc,)
Made = type('Made', t, {})
print("type() keeps the tuple", Made.__bases__ is t, sys.getrefcount(Made))
del t, Made, Doc
collect("type() and a docstring")

class New:
    def __new__(cls):
        return super().__new__(cls)

print(type(New.__dict__['__new__']).__name__, type(New()).__name__)
del New
collect("implicit staticmethod __new__")

class Hook:
    def __init_subclass__(cls, **kw):
        cls.tag = cls.__name__

class Hooked(Hook):
    pass

print(type(Hook.__dict__['__init_subclass__']).__name__, Hooked.tag)
print(sys.getrefcount(Hook), sys.getrefcount(Hooked))
del Hook, Hooked
collect("implicit classmethod __init_subclass__")

class Decorated:
    @classmethod
    def m(cls):
        return cls

    @staticmethod
    def s():
        return 1

del Decorated
collect("decorated methods")
