# refcounts while suspended: output must match CPython 3.11
import sys
class O: pass
o = O()
def g(a):
    print("in gen", sys.getrefcount(a))
    lst = [a, a]
    for x in lst:
        print("loop", sys.getrefcount(a))
        yield x
    print("after loop", sys.getrefcount(a))
    y = [a, (yield)]
    print(sys.getrefcount(a))
    print(a, (yield 5)) if False else None
    z = (a, (yield 6))
    print("z", sys.getrefcount(a))
    del z, y, lst, x
    print("cleared", sys.getrefcount(a))
    yield 7
it = g(o)
print(sys.getrefcount(o))
for v in it:
    print("outer", sys.getrefcount(o))
print(sys.getrefcount(o))
it = iter([o])
print(sys.getrefcount(it))
gx = (x for x in it)
print(sys.getrefcount(it))
next(gx)
print(sys.getrefcount(it), sys.getrefcount(o))
del gx
print(sys.getrefcount(it), sys.getrefcount(o))
def f(o):
    x = yield from [o, o]
    return x
ff = f(o); next(ff)
print(sys.getrefcount(o))
del ff
print(sys.getrefcount(o))
def w():
    try:
        yield
    except Exception as e:
        print("exc refs", sys.getrefcount(e))
        yield e
ee = ValueError()
print(sys.getrefcount(ee))
ww = w(); next(ww); ww.throw(ee)
print(sys.getrefcount(ee))
del ww
print(sys.getrefcount(ee))
