# control flow: output must match CPython 3.11
import sys
def g1():
    for i in range(5):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            yield i
        finally:
            print("fin", i)
            yield -i
    else:
        print("no break")
    yield "end"
print(list(g1()))
def g2():
    for i in range(2):
        yield i
    else:
        yield "else"
    while False:
        pass
    else:
        yield "welse"
    n = 0
    while n < 2:
        n += 1
        if n == 1:
            yield "n1"
        elif n == 2:
            yield "n2"
        else:
            yield "never"
print(list(g2()))
def g3(x):
    def inner():
        return x * 2
    y = 5
    def use_y():
        return y
    yield inner()
    x = 10
    y = 6
    yield inner(), use_y()
print(list(g3(1)))
class B:
    def gen(self):
        yield "B"
class D(B):
    def gen(self):
        yield "D"
        yield from B.gen(self)
        yield __class__.__name__
print(list(D().gen()))
class Suppress:
    def __enter__(self): return self
    def __exit__(self, *a):
        print("suppressing", a[0])
        return True
def g4():
    with Suppress():
        yield 1
        yield 2
    yield "after"
it = g4()
print(next(it), it.throw(KeyError), next(it, "exhausted"))
def g5():
    try:
        raise ValueError("inner")
    except ValueError:
        yield "in handler"
        raise
try:
    it = g5()
    print(next(it))
    next(it)
except ValueError as e:
    print("reraised", e, e.__context__)
def g6():
    try:
        yield 1
    except ValueError:
        raise KeyError("k")
it = g6(); next(it)
try:
    try:
        raise TypeError("outer")
    except TypeError:
        it.throw(ValueError("v"))
except KeyError as e:
    print("ctx", repr(e.__context__), repr(e.__context__.__context__))
def deep(n):
    yield from deep(n + 1)
try:
    next(deep(0))
except RecursionError as e:
    print("RecursionError")
def ret_in_try():
    try:
        for i in range(3):
            yield i
            return "early"
    finally:
        print("cleanup")
g = ret_in_try()
print(next(g))
try:
    next(g)
except StopIteration as e:
    print("val", e.value)
def nested_gen():
    def sub():
        yield 1
        yield 2
    for a in sub():
        for b in sub():
            yield a, b
print(list(nested_gen()))
def gsize():
    g = (yield)
    print("refs of self", sys.getrefcount(g))
    yield
it = gsize(); next(it); it.send(it)
print(sys.getrefcount(it))
def counter():
    count = 0
    while True:
        cmd = yield count
        if cmd == "reset":
            count = 0
        elif cmd is None:
            count += 1
        else:
            return cmd
c = counter()
print(next(c), next(c), next(c), c.send("reset"), next(c))
try:
    c.send("stop")
except StopIteration as e:
    print("stopped with", e.value)
