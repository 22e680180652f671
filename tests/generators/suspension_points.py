# suspension points: output must match CPython 3.11
def g1():
    x = yield (yield 1)
    print("x", x)
it = g1(); print(next(it)); print(it.send("a")); 
try: it.send("b")
except StopIteration: print("stop")
def g2():
    while (yield "test"):
        print("body")
    for x in (yield "iter"):
        print("x", x)
    if (yield "if"):
        print("true branch")
    else:
        print("false branch")
    return (yield "ret")
it = g2()
print(next(it), it.send(1), it.send(0), it.send([1, 2]), it.send(False))
try:
    it.send("R")
except StopIteration as e:
    print("ret", e.value)
def g3():
    g = (x * 2 for x in range(3))
    r = yield from g
    print("genexp returns", r)
print(list(g3()))
def selfthrow():
    yield 1
    me.throw(ValueError)
me = selfthrow(); next(me)
try:
    next(me)
except ValueError as e:
    print("VE", e)
def selfclose():
    me2.close()
    yield
me2 = selfclose()
try:
    next(me2)
except ValueError as e:
    print("VE", e)
class BadExit:
    def __enter__(self): return self
    def __exit__(self, *a):
        raise KeyError("from exit")
def g4():
    with BadExit():
        yield 1
it = g4(); next(it)
try:
    it.close()
except KeyError as e:
    print("KE", e)
def g5():
    try:
        yield 1
    finally:
        print("finally in g5")
def wrap():
    yield from g5()
w = wrap(); next(w)
print(w.gi_yieldfrom and w.gi_yieldfrom.__name__)
w.close()
print(w.gi_yieldfrom and w.gi_yieldfrom.__name__)
def g6():
    x = 1
    del x
    yield
    try:
        print(x)
    except UnboundLocalError as e:
        print("ULE", e)
for _ in g6(): pass
def g7():
    a = yield
    b = yield
    yield a + b
it = g7(); next(it); it.send(3); print(it.send(4))
def g8(n):
    for i in range(n):
        if i % 2:
            continue
        yield i
    else:
        yield "else"
print(list(g8(5)))
def g9():
    try:
        yield 1
        yield 2
    except GeneratorExit:
        yield "ignored"
it = g9(); next(it)
try:
    it.close()
except RuntimeError as e:
    print("RE", e)
print(list(zip(g8(3), (c for c in "abc"))))
print([*g8(4)], sorted({*g8(3)} - {"else"}), (lambda *a: a)(*g8(4)))
def kw(**k): return sorted(k.items())
def g10():
    print(kw(a=(yield 1), **{"b": (yield 2)}))
it = g10(); next(it); it.send("A")
try: it.send("B")
except StopIteration: pass
