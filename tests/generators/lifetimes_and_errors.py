# lifetimes and errors: output must match CPython 3.11
import sys
class R:
    def __init__(self, n): self.n = n
    def __del__(self): print("del", self.n)
r = R("r")
def gen(a, b):
    c = a
    for x in [a, b]:
        yield x
    with_list = [a]
    yield len(with_list)
print(sys.getrefcount(r))
g = gen(r, r)
print("created", sys.getrefcount(r))
next(g)
print("first", sys.getrefcount(r))
next(g)
print("second", sys.getrefcount(r))
next(g)
print("third", sys.getrefcount(r))
print(list(g))
print("done", sys.getrefcount(r))
print(sys.getrefcount(gen))
g = gen(r, 1)
print(sys.getrefcount(gen))
del g
print(sys.getrefcount(gen))

def holder():
    a = R("a")
    b = R("b")
    yield 1
    yield 2
g = holder()
next(g)
print("deleting")
del g
print("deleted")
g = holder()
next(g)
g = None
print("reassigned")
def tryholder():
    a = R("ta")
    try:
        yield 1
    finally:
        print("finally ta")
g = tryholder()
next(g)
del g
print("after del tryholder")
def outer():
    x = R("outer-local")
    yield from tryholder()
g = outer()
next(g)
print(g.gi_yieldfrom is not None, g.gi_running, g.gi_suspended)
del g
print("after del outer")
def selfref():
    yield me
me = selfref()
print(next(me) is me)
print(me.gi_running)
def running():
    print(gg.gi_running)
    yield 1
    next(gg)
gg = running()
next(gg)
try:
    next(gg)
except ValueError as e:
    print("VE", e)
print(gg.gi_frame)
def stopper():
    yield 1
    raise StopIteration("x")
try:
    list(stopper())
except RuntimeError as e:
    print("RE", e, repr(e.__cause__), e.__suppress_context__)
def stopper2():
    yield next(iter([]))
try:
    next(stopper2())
except RuntimeError as e:
    print("RE2", e)
print("end")
