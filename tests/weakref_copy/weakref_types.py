# which objects accept weak references (CPython's TypeError messages)
import weakref

class Plain:
    pass

class Slotted:
    __slots__ = ("a",)

class SlottedWeak:
    __slots__ = ("a", "__weakref__")

class MyList(list):
    pass

class MyDict(dict):
    pass

for obj in [[], {}, (), 1, "s", None, Plain(), Slotted(), SlottedWeak(), MyList(), MyDict(), len, {1}, Plain]:
    try:
        weakref.ref(obj)
        print(type(obj).__name__, "ok")
    except TypeError as e:
        print(type(obj).__name__, e)
