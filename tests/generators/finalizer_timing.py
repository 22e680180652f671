# finalizer timing: output must match CPython 3.11
class R:
    def __init__(self, n): self.n = n
    def __del__(self): print("del", self.n)
def g(n):
    r = R(n)
    yield 1
    print("leaving", n)
for x in g("a"):
    print("got", x)
print("after for")
print(list(g("b")), "printed")
it = g("c")
print(next(it), next(it, "dflt"), "line")
def h():
    yield R("yielded")
for v in h():
    print("loop", v.n)
    del v
print("end")
def tmp():
    x = R("tmp-in-expr")
    y = [x, (yield)]
    print("resumed")
    yield
it = tmp(); next(it)
del it
print("deleted tmp")
