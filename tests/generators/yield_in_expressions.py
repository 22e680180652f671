# yield in expressions: output must match CPython 3.11
import sys
# expression-level yields
def g1():
    x = 10
    y = x + (yield 1) * 2
    print("y", y)
    z = [x, (yield 2), x + 1]
    print("z", z)
    print("call", (yield 3), "end")
    d = {"a": (yield 4), (yield 5): "b"}
    print("d", d)
    t = (yield 6) if (yield 7) else (yield 8)
    print("t", t)
    s = "abc"[(yield 9)]
    print("s", s)
    l = []
    l.append((yield 10))
    print("l", l)
    n = 0
    n += yield 11
    print("n", n)
    class A: pass
    a = A(); a.v = 1
    a.v += yield 12
    print("a.v", a.v)
    lst = [1, 2]
    lst[0] -= yield 13
    print("lst", lst)
    c = 1 < (yield 14) < 10
    print("c", c)
    b = (yield 15) and (yield 16)
    print("b", b)
    f = print(*[1, 2], (yield 17), sep=str((yield 18)))
    return "done"

g = g1()
v = next(g)
i = 1
try:
    while True:
        print("yielded", v)
        v = g.send(i)
        i = (i + 1) % 3
except StopIteration as e:
    print("stop", e.value, e.args)
