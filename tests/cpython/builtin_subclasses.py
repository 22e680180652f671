# Subclasses of builtin types: construction, builtin operations, super(), sizes, counts
import sys


class D(dict):
    pass


d = D(a=1)
print(d, len(d), d["a"], isinstance(d, dict), type(d).__name__, D({"x": 1}, y=2))


class Stack(list):
    def push(self, x):
        self.append(x)

    def peek(self):
        return self[-1]


s = Stack([1])
s.push(2)
print(s, s.peek(), len(s), s + [3], [0] + s, s == [1, 2], s != [1, 2], s * 2, bool(Stack()))
s += [4]
print(type(s).__name__, s, s[1:], list(reversed(s)), 4 in s, sorted(Stack([3, 1, 2])))


class L(list):
    def __init__(self, it):
        super().__init__(x * 2 for x in it)


print(L([1, 2]), L(range(3)) == [0, 2, 4])


class CI(dict):
    def __setitem__(self, k, v):
        super().__setitem__(k.lower(), v)

    def __getitem__(self, k):
        return super().__getitem__(k.lower())


c = CI()
c["A"] = 1
print(c["a"], c["A"], c, "a" in c, list(c), c.get("a"))


class Counter(dict):
    def __missing__(self, key):
        return 0


cnt = Counter()
cnt["x"] += 1
print(cnt, cnt["y"])


class S(str):
    def shout(self):
        return self.upper() + "!"


w = S("hi")
print(w.upper(), w + "x", "x" + w, len(w), w == "hi", repr(w), str(w), w[1], w * 2, w.shout())
print(type(w.strip()).__name__, type(str(w)).__name__, w.startswith("h"), isinstance(w, str), f"[{w:>4}]")
print({w: 1}["hi"], "hi" in {w}, hash(w) == hash("hi"), sorted([S("b"), S("a")]))


class I(int):
    pass


n = I(5)
print(n + 1, 1 + n, n * I(2), n == 5, n < 6, hash(n) == hash(5), -n, abs(I(-4)), I("ff", 16))
print(type(+n).__name__, type(n + 0).__name__, f"{n:03d}", int(n), float(n), n // 2, n % 3, n ** 2)
print(isinstance(n, int), repr(n), str(n), [10, 20, 30, 40, 50, 60][n], bool(I(0)))


class F(float):
    pass


print(F(1.5) + 1, F(2.5) * 2, str(F(1.5)), repr(F(2.0)), F("3.25"), float(F(2.5)), F(1.5) < 2)


class T(tuple):
    pass


t = T((1, 2))
print(len(t), t, t + (3,), t[0], list(t), hash(T((1,))) == hash((1,)), t == (1, 2), T(), T([5]))


class St(set):
    pass


print(St([1]) | {2}, {2} | St([1]), len(St([1, 2])), 1 in St([1]), sorted(St([3, 1])), St([1]) == {1})


class FS(frozenset):
    pass


print(FS([1]) | {2}, len(FS([1, 2])), FS([1]) == frozenset([1]))


class Point(tuple):
    def __new__(cls, x, y):
        return super().__new__(cls, (x, y))

    @property
    def x(self):
        return self[0]


p = Point(3, 4)
print(p, p.x, p[1], type(p).__name__, len(p))


class Celsius(float):
    def __new__(cls, v):
        return super().__new__(cls, v + 0.5)


print(Celsius(1), type(Celsius(1)).__name__)

# sizes: the builtin part lives inside the instance
for v in ["", "a", "abc" * 10, "é", "€", "😀"]:
    print(sys.getsizeof(S(v)), end=" ")
print()
for v in [0, 1, 2**30, 2**60, -5, 2**100]:
    print(sys.getsizeof(I(v)), end=" ")
print()
print(sys.getsizeof(F(1.5)), sys.getsizeof(T()), sys.getsizeof(T((1, 2, 3))), sys.getsizeof(FS()))
print(sys.getsizeof(D()), sys.getsizeof(St()), sys.getsizeof(Stack()))


class S2(str):
    __slots__ = ()


class F2(float):
    __slots__ = ()


class T2(tuple):
    __slots__ = ()


print(sys.getsizeof(S2("ab")), sys.getsizeof(F2(1.0)), sys.getsizeof(T2((1,))))

# reference counts: the instance holds its items as the builtin would
x = []
tt = T((x, x))
print(sys.getrefcount(x))
lst = Stack([x])
print(sys.getrefcount(x))
del tt, lst
print(sys.getrefcount(x))
k = S("key")
dd = {k: 1}
print(sys.getrefcount(k))
del dd
print(sys.getrefcount(k))
u = I(7)
print(sys.getrefcount(u))
