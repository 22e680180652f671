# Weak references: ref, callbacks, proxies, weak containers, finalize.
import gc
import sys
import weakref


class Tree:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return f"Tree({self.name!r})"


oak = Tree("oak")
r = weakref.ref(oak)
print("count unchanged:", sys.getrefcount(oak))
print("alive:", r(), "weakrefs:", weakref.getweakrefcount(oak))
print("same ref reused:", weakref.ref(oak) is r)
del oak
print("dead:", r())


# Callbacks run when the referent dies and receive the dead reference.
def obituary(ref):
    print("  callback: referent gone, ref() is", ref())


elm = Tree("elm")
r2 = weakref.ref(elm, obituary)
print("a ref with a callback is a new ref:", r2 is not weakref.ref(elm))
del elm
print("after del")

# A proxy forwards attribute access; using it after death raises ReferenceError.
pine = Tree("pine")
p = weakref.proxy(pine)
print("through the proxy:", p.name)
del pine
try:
    p.name
except ReferenceError as e:
    print("ReferenceError:", e)

# WeakValueDictionary: entries vanish with their values.
registry = weakref.WeakValueDictionary()
trees = [Tree(n) for n in ("ash", "fir", "yew")]
for t in trees:
    registry[t.name] = t
print("registry:", sorted(registry.keys()))
trees.pop()
print("the loop variable still holds yew:", sorted(registry.keys()), t.name)
del t
print("after dropping yew:", sorted(registry.keys()))
trees.clear()
print("after clearing:", len(registry))

# WeakKeyDictionary: data attached to objects without keeping them alive.
notes = weakref.WeakKeyDictionary()
birch = Tree("birch")
notes[birch] = "planted 1990"
print("note:", notes[birch], len(notes))
del birch
print("notes left:", len(notes))

# WeakSet.
seen = weakref.WeakSet()
a, b = Tree("a"), Tree("b")
seen.add(a)
seen.add(b)
del a
print("weak set:", len(seen), [t.name for t in seen])

# finalize: runs once, at death or when called, and reports whether it is alive.
def released(name):
    print("  finalize:", name, "released")


cedar = Tree("cedar")
f = weakref.finalize(cedar, released, "cedar")
print("pending:", f.alive, f.peek()[0] is cedar)
del cedar
print("done:", f.alive)

# A weak reference to an object in a garbage cycle is cleared before the
# cycle is freed; its callback runs when the ref itself is still alive.
x = Tree("x")
x.self = x
rx = weakref.ref(x, lambda ref: print("  callback for the cycle member"))
del x
print("before collect:", rx() is not None)
print("collected:", gc.collect())
print("after collect:", rx())
