# iterating a weak container delays removals until the iteration ends (_IterationGuard)
import sys
import weakref

class A:
    def __init__(self, n):
        self.n = n
    def __repr__(self):
        return "A(%d)" % self.n

objs = [A(i) for i in range(4)]
values = weakref.WeakValueDictionary((i, o) for i, o in enumerate(objs))
print(type(values.keys()).__name__)
for k, v in values.items():
    if k == 0:
        objs[2] = None
    print(k, v, sys.getrefcount(v), len(values._pending_removals), len(values.data))
print(len(values), values._pending_removals, sorted(values))
it = iter(values)
next(it)
objs[3] = None
print(len(values.data), values._pending_removals, len(values._iterating))
del it
print(len(values.data), values._pending_removals, len(values._iterating))
keys = weakref.WeakKeyDictionary((o, o.n) for o in objs if o is not None)
for k in keys.keys():
    objs[1] = None
    print("key", k, len(keys), len(keys.data))
print(len(keys), list(keys.values()))
members = weakref.WeakSet(o for o in objs if o is not None)
print(len(members), [m.n for m in members])
print(values == {0: objs[0]}, dict(values.items()))
values.clear()
print(len(values))
