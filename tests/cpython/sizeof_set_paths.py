# set sizes: displays, set()/frozenset() of sets and dicts, growth, operators
import sys
g = sys.getsizeof
print(g(set()), g({1}), g({1, 2, 3}), g({1, 2, 3, 4, 5}), g(set(range(5))), g(set(range(10))), g(frozenset(range(5))), g(frozenset()))
s = set()
last = g(s)
for i in range(200):
    s.add(i)
    if g(s) != last:
        last = g(s)
        print("grow", len(s), last)
s.clear()
print("clear", g(s))
x = {i for i in range(100)}
print(g(x), g(set(x)), g(x.copy()), g(frozenset(x)), g(x | {1}), g(x & {1}), g(x - {1}))
a = 1
print(g({a, 2, 3, 4, 5, 6}), g({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}))
print(g(set([1, 2, 3, 4, 5])), g(set("abcdef")), g(set({1: 2, 3: 4, 5: 6, 7: 8, 9: 10})))
