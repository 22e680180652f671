# weakref.ref: no count on the target, the basic ref is shared, equality and hash rules, dead refs and proxies
import sys, weakref

class A:
    pass

a = A()
before = sys.getrefcount(a)
r = weakref.ref(a)
print(sys.getrefcount(a) == before, r() is a, weakref.ref(a) is r)
log = []
r1 = weakref.ref(a, lambda w: log.append(1))
r2 = weakref.ref(a, lambda w: log.append(2))
p = weakref.proxy(a)
print(weakref.getweakrefcount(a), [w is r for w in weakref.getweakrefs(a)])
print(r1 == r2, r1 is r2, hash(r1) == hash(a))
del a
print(log, r(), r1 == r2, r1 == r1)
try:
    hash(r2)
except TypeError as e:
    print("TypeError:", e)
print(hash(r1) == hash(r1))
try:
    p.x
except ReferenceError as e:
    print("ReferenceError:", e)
print(repr(r).endswith("; dead>"))
