# sys.getsizeof across the built-in types (CPython 3.11, 64-bit).
import sys


def show(label, value):
    print(f"{label:<28}{sys.getsizeof(value):>6}")


print("-- atoms")
for label, value in [
    ("None", None),
    ("True", True),
    ("0", 0),
    ("1", 1),
    ("2**30", 2**30),
    ("2**64", 2**64),
    ("-(2**100)", -(2**100)),
    ("1.5", 1.5),
    ("b''", b""),
    ("b'abc'", b"abc"),
]:
    show(label, value)

print("-- strings by widest character")
for text in ["", "a", "hello", "é", "naïve", "Ω", "∑x", "😀", "a😀"]:
    show(repr(text), text)

print("-- containers")
show("[]", [])
show("[1, 2, 3]", [1, 2, 3])
show("list(range(3))", list(range(3)))
show("[None] * 100", [None] * 100)
show("()", ())
show("(1, 2, 3)", (1, 2, 3))
show("{}", {})
show("{'a': 1}", {"a": 1})
show("{1: 1}", {1: 1})
show("dict(a=1, b=2)", dict(a=1, b=2))
show("set()", set())
show("{1, 2, 3}", {1, 2, 3})
show("frozenset(range(10))", frozenset(range(10)))
show("range(10)", range(10))
show("slice(1, 2)", slice(1, 2))

print("-- growth of a list by append")
items = []
last = sys.getsizeof(items)
for i in range(40):
    items.append(i)
    size = sys.getsizeof(items)
    if size != last:
        print(f"  len {len(items):>2}: {last} -> {size}")
        last = size

print("-- growth of a set by add")
members = set()
last = sys.getsizeof(members)
for i in range(40):
    members.add(i)
    size = sys.getsizeof(members)
    if size != last:
        print(f"  len {len(members):>2}: {last} -> {size}")
        last = size

print("-- a dict shrinks only when rebuilt")
d = {i: i for i in range(100)}
big = sys.getsizeof(d)
for i in range(95):
    del d[i]
print("  after deleting 95 keys:", sys.getsizeof(d) == big)
print("  a copy is compact:", sys.getsizeof(d.copy()) < big)


print("-- functions, classes, instances")


def function():
    pass


class Plain:
    def __init__(self):
        self.a = 1
        self.b = 2


class Slotted:
    __slots__ = ("a", "b")

    def __init__(self):
        self.a = 1
        self.b = 2


show("a function", function)
show("an instance", Plain())
show("an instance with __slots__", Slotted())
show("a generator", (x for x in ()))
show("a bound method", Plain().__init__)
