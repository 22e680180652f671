# property.getter/.setter/.deleter make new property objects
import sys


class Temp:
    def __init__(self):
        self._c = 0

    @property
    def celsius(self):
        return self._c

    @celsius.setter
    def celsius(self, value):
        if value < -273.15:
            raise ValueError("below absolute zero")
        self._c = value

    @celsius.deleter
    def celsius(self):
        print("deleting")
        del self._c


t = Temp()
t.celsius = 25
print(t.celsius)
try:
    t.celsius = -300
except ValueError as e:
    print("ValueError:", e)
del t.celsius
print(hasattr(t, "_c"))

p = property(lambda self: 1)
q = p.setter(lambda self, v: None)
r = q.deleter(lambda self: None)
g = r.getter(lambda self: 2)
print(p is q, q is r, type(q).__name__)
print(p.fset is None, q.fset is not None, q.fget is p.fget, r.fdel is not None, g.fget is not p.fget)
print(Temp.celsius.fget.__name__, Temp.celsius.fset.__name__, Temp.celsius.fdel.__name__)


class RO:
    @property
    def x(self):
        return 1


try:
    RO().x = 2
except AttributeError as e:
    print("AttributeError:", e)

f = lambda self: 0
print(sys.getrefcount(f))
prop = property(f)
print(sys.getrefcount(f))
prop2 = prop.setter(f)
print(sys.getrefcount(f))
del prop, prop2
print(sys.getrefcount(f))
print(sys.getsizeof(property()))
