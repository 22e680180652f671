# dict sizes along every construction and growth path (displays, copy, merge, fromkeys, deletions)
import sys
g = sys.getsizeof
print("{}:", g({}))
print(g({'k0': 0, 'k1': 1, 'k2': 2, 'k3': 3, 'k4': 4, 'k5': 5}))
print(g({'k0': 0, 'k1': 1, 'k2': 2, 'k3': 3, 'k4': 4, 'k5': 5, 'k6': 6, 'k7': 7, 'k8': 8, 'k9': 9, 'k10': 10}))
print(g({1: 0, 2: 1, 3: 2, 4: 3, 5: 4, 6: 5}))
a = 'x'
print(g({a: 1, 'b': 2, 'c': 3, 'd': 4, 'e': 5, 'f': 6, 'g': 7}))
print(g({0: 0, 1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 6, 7: 7, 8: 8, 9: 9, 10: 10, 11: 11, 12: 12, 13: 13, 14: 14, 15: 15, 16: 16, 17: 17, 18: 18, 19: 19, 20: 20}))
print(g({0: 0, 1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 6, 7: 7, 8: 8, 9: 9, 10: 10, 11: 11, 12: 12, 13: 13, 14: 14, 15: 15}))
print(g({0: 0, 1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 6, 7: 7, 8: 8, 9: 9, 10: 10, 11: 11, 12: 12, 13: 13, 14: 14, 15: 15, 16: 16, 17: 17, 18: 18, 19: 19, 20: 20, 21: 21}))
for n in [0, 1, 3, 5, 6, 7, 10, 11, 20, 21, 22, 42, 43, 44, 85, 86, 100, 170, 171, 1000]:
    d = {}
    for i in range(n):
        d[i] = i
    s = {}
    for i in range(n):
        s["k" + str(i)] = i
    print(n, g(d), g(s), g(dict.fromkeys(d)), g(dict.fromkeys(s)), g(dict.fromkeys(set(d))), g(dict.fromkeys(list(d))), g({i: i for i in range(n)}), g(dict(zip(range(n), range(n)))), g(d.copy()), g(dict(d)), g(s.copy()), g(dict(s)), g({**s}), g(dict(**s)))
print("holes")
for n in [6, 10, 20, 50]:
    d = {i: i for i in range(n)}
    for i in range(n - 2):
        del d[i]
    print(n, g(d), g(d.copy()), g(dict(d)), g({**d}), len(d))
    d.clear()
    print(" clear", g(d))
    d = {i: i for i in range(n)}
    while len(d) > 1:
        d.popitem()
    print(" popitem", g(d), g(d.copy()))
    d = {i: i for i in range(n)}
    for i in range(n):
        d.pop(i)
    print(" all popped", g(d), g(d.copy()))
    d[1000] = 1
    print(" re-add", g(d))
d = {i: i for i in range(10)}
for i in range(10):
    del d[i]
    d[i + 100] = i
print("churn", g(d))
d = {}
d.update({1: 1, 2: 2})
print("update", g(d))
d = {}
d.update({i: i for i in range(20)})
print("update20", g(d))
d = {1: 1}
d.update({i: i for i in range(20)})
print("update20 nonempty", g(d))
d = {}
d.update([(i, i) for i in range(20)])
print("update pairs20", g(d))
d = {}
d.update(a=1, b=2)
print("update kw", g(d))
d = {}
d.setdefault(1, 2)
print("setdefault", g(d))
print("mixed", g({1: 1, "a": 2}), g({"a": 2, 1: 1}))
d = {"a": 1}
d[1] = 2
print("str then int", g(d))
print("dict()", g(dict()), g(dict(a=1)), g(dict(a=1, b=2, c=3, d=4, e=5, f=6)), g(dict(a=1, b=2, c=3, d=4, e=5, f=6, h=7, i=8, j=9, k=10, l=11)))
d = dict.fromkeys(range(21))
for i in range(11):
    del d[i]
print("sparse", g(d), g(d.copy()), g(dict(d)))
x = {'a': 1}
print("unpack", g({**x, 'b': 2}), g({'b': 2, **x}), g({'b': 2, **x, 'c': 3, 'd': 4, 'e': 5, 'f': 6, 'g': 7}))
print("fromkeys str", g(dict.fromkeys(['a', 'b'])), g(dict.fromkeys({'a'})), g(dict.fromkeys({'a': 1})), g(dict.fromkeys('abcdefg')))
d = {i: i for i in range(5)}
d.update({"x": 1, "y": 2, "z": 3})
print("update grow", g(d))
d = {"a": 1}
e = d.copy()
e["b"] = 2
print(g(e))
print(g({}.copy()), g(dict({})))
