# delegation and genexps: output must match CPython 3.11
import sys
class It:
    def __init__(self): self.i = 0
    def __iter__(self): return self
    def __next__(self):
        self.i += 1
        if self.i > 3:
            raise StopIteration("ret-from-it")
        return self.i
    def send(self, v):
        print("It.send", v)
        return self.__next__()
    def throw(self, e):
        print("It.throw", repr(e))
        return 42
    def close(self):
        print("It.close")
def d():
    r = yield from It()
    print("r", r)
    r2 = yield from It()
    print("r2", r2)
g = d()
print(next(g), g.send(None), g.send(5))
print(next(g))
print(g.throw(ValueError("v")))
g.close()
print("closed")

def inner():
    try:
        x = yield 1
        print("inner got", x)
        yield 2
    except ValueError as e:
        print("inner VE", e)
        return "handled"
    finally:
        print("inner finally")
def outer():
    try:
        v = yield from inner()
        print("v", v)
        yield 3
    finally:
        print("outer finally")
g = outer()
print(next(g))
print(g.send("hello"))
print(g.throw(ValueError("boom")))
g.close()
g = outer(); next(g); g.close(); print("closed2")
g = outer(); next(g)
try:
    g.throw(KeyError("kk"))
except KeyError as e:
    print("KE", e)

# genexps
gx = (x * y for x in range(3) if x for y in range(x) if y != 1)
print(gx.__name__, gx.__qualname__, repr(gx)[:26])
print(list(gx))
def f():
    return (i for i in [1, 2])
print(f().__qualname__)
class C:
    def m(self):
        yield self
    gq = (1 for _ in [0])
print(C().m().__qualname__, C().m().__name__, C.gq.__qualname__)
try:
    (x for x in 5)
except TypeError as e:
    print("TE", e)
gx = (1 / x for x in [1, 0])
print(next(gx))
try:
    next(gx)
except ZeroDivisionError as e:
    print("ZDE", e)
print(list(gx))
gx = (x for x in [1, 2, 3])
print(gx.send(None), gx.send("ignored"))
gx.close()
print(list(gx))
lam = lambda: (yield 1)
g = lam()
print(next(g))
try:
    g.send("lam")
except StopIteration as e:
    print("lam stop", e.value)
def rec(n):
    if n:
        yield n
        yield from rec(n - 1)
print(list(rec(50)))
print(sum(x for x in range(10)), max(x % 7 for x in range(20)), sorted(x for x in "bca"))
print(dict((k, v) for k, v in zip("ab", [1, 2])))
print(tuple(x for x in range(3)), set(x % 2 for x in range(5)), " ".join(str(x) for x in range(3)))
it = iter(range(5))
print(any(x > 2 for x in it), list(it))
def gen_ret():
    return 5
    yield
try:
    next(gen_ret())
except StopIteration as e:
    print("ret", e.value, e.args)
print(next(gen_ret(), "default"))
def send_before():
    yield
try:
    send_before().send(1)
except TypeError as e:
    print(e)
try:
    send_before().send()
except TypeError as e:
    print(e)
print(type(send_before()).__name__, iter(g) is g)
