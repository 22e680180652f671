# The builtin types' special methods are reachable as attributes
print([].__len__(), [1, 2].__len__(), "abc".__len__(), {1: 2}.__len__())
l = [10, 20, 30]
print(list.__getitem__(l, 0), l.__getitem__(-1), l.__contains__(20), {}.__contains__(1))
print(int.__add__(1, 2), (1).__add__(2), (5).__sub__(3), (2).__rsub__(10), (3).__mul__(4))
print((1).__add__("a"), (1).__lt__(2), (7).__floordiv__(2), (7).__mod__(3), (2).__pow__(10))
print((6).__and__(3), (6).__or__(3), (6).__xor__(3), (1).__lshift__(4), (5).__invert__())
print((1.5).__add__(1), (2.5).__neg__(), (-3).__abs__(), (3.7).__int__(), (3).__float__())
print("a".__eq__("a"), "a".__ne__("a"), "a".__add__("b"), "ab".__mul__(3), "a".__lt__("b"))
print([1].__eq__([1]), [1].__add__([2]), [1].__mul__(2), [1].__rmul__(3), (1, 2).__add__((3,)))
print({1}.__or__({2}), {1, 2}.__and__({2}), {1, 2}.__sub__({1}), {1}.__xor__({2}))
print({"a": 1}.__or__({"b": 2}), {"a": 1}.__getitem__("a"))
it = iter([1, 2])
print(it.__next__(), it.__next__(), it.__iter__() is it)
try:
    it.__next__()
except StopIteration:
    print("StopIteration")
g = iter(range(3))
print(g.__next__(), next(g))
print([1, 2].__repr__(), "x".__repr__(), (1).__repr__(), (1.5).__repr__(), {1: 2}.__repr__())
print("x".__str__(), (5).__str__(), (5).__format__("03d"), "ab".__format__(">4"))
print((5).__hash__() == hash(5), "a".__hash__() == hash("a"), [].__hash__, {}.__hash__)
print((0).__bool__(), (3).__bool__(), (0.0).__bool__(), (5).__index__())
d = {}
d.__setitem__("k", 1)
print(d)
d.__delitem__("k")
print(d)
l = [1, 2, 3]
l.__setitem__(0, 9)
l.__delitem__(1)
print(l, l.__iter__().__next__())
x = [1]
y = x.__iadd__([2])
print(x, y is x)
s = {1}
s.__ior__({2})
print(s)
print(hasattr([], "__len__"), hasattr({}, "__add__"), hasattr(1, "__len__"), hasattr("", "__iter__"))
print(hasattr(1, "__add__"), hasattr((), "__setitem__"), hasattr(frozenset(), "__hash__"))
print(hasattr(iter([]), "__next__"), hasattr(iter({}), "__next__"), hasattr(zip(), "__next__"))
print(object().__repr__()[:15], str(object())[:15], repr(object())[:15])
print(type(int.__add__).__name__ in ("wrapper_descriptor", "method_descriptor", "builtin_function_or_method"))
