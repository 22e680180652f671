# copy/deepcopy: atomic objects, tuples rebuilt only when an item changes, the memo and its keep-alive list, cycles, instances without __init__, __slots__, hooks, list subclasses
import copy, sys

t = (1, "a", (2, 3))
print(copy.copy(t) is t, copy.deepcopy(t) is t)
u = (1, [2])
print(copy.deepcopy(u) is u, copy.deepcopy(u) == u)
fs = frozenset([1])
print(copy.copy(fs) is fs, copy.deepcopy(fs) is fs)
def f():
    pass
print(copy.deepcopy(f) is f, copy.deepcopy(int) is int, copy.copy(None) is None)

shared = [1]
data = [shared, shared, {"k": shared}, (shared,)]
memo = {}
c = copy.deepcopy(data, memo)
print(c[0] is c[1] is c[2]["k"] is c[3][0], c[0] is not shared)
print(len(memo), type(memo[id(memo)]).__name__, [x is shared for x in memo[id(memo)]])
print([type(v).__name__ for v in memo.values()])

cyc = [1]
cyc.append(cyc)
cc = copy.deepcopy(cyc)
print(cc[1] is cc, cc is not cyc)

class Point:
    def __init__(self, x, y):
        print("__init__ runs")
        self.x, self.y = x, y

p = Point([1], 2)
q = copy.copy(p)
r = copy.deepcopy(p)
print(q.x is p.x, r.x is p.x, r.x == p.x, q.__dict__ is p.__dict__)

class Slots:
    __slots__ = ("a", "b")

s = Slots()
s.a = [1]
s2 = copy.deepcopy(s)
print(s2.a, s2.a is s.a, hasattr(s2, "b"))

class Hooks:
    def __copy__(self):
        return "from __copy__"
    def __deepcopy__(self, memo):
        return "from __deepcopy__ with memo " + type(memo).__name__

print(copy.copy(Hooks()), copy.deepcopy(Hooks()))

class Stack(list):
    pass

st = Stack([[1], [2]])
st.name = "stack"
st2 = copy.deepcopy(st)
print(type(st2).__name__, st2, st2.name, st2[0] is st[0])
print(issubclass(copy.Error, Exception))
