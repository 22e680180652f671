def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

s = {1, 2, 3, 4}
s.difference_update({1}, [2])
print(sorted(s))
s.intersection_update([3, 9])
print(s)
s.symmetric_difference_update({3, 5})
print(s)
print({1, 2}.isdisjoint([3]), {1}.issubset([1, 2]), {1, 2}.issuperset({2}))
d = {"a": 1, "b": 2}
print(sorted(d.keys() & {"a", "z"}), sorted(d.keys() | {"c"}), sorted(d.keys() - {"a"}), sorted(d.keys() ^ {"a", "q"}))
print(d.keys() == {"a", "b"}, {}.items() == set(), d.items() == {("a", 1), ("b", 2)}, d.keys() != {"a"})
print(sorted({"a"} & d.keys()), type(d.keys() & {"a"}).__name__, sorted(d.items() - {("a", 1)}))
t(lambda: d.keys() & 1)
t(lambda: d.values() & {1})
print(sorted([3, 1, 2], key=None), max([1, 3], key=None), min([4, 2], key=None))
l = [3, 1, 2]
l.sort(key=None)
print(l)
t(lambda: [].sort(reverse=None))
t(lambda: sorted([1], foo=1))
t(lambda: min([1], foo=1))
t(lambda: min(1, 2, default=0))
t(lambda: set().add())
t(lambda: set().union(x=1))
t(lambda: set().difference_update(1))
t(lambda: frozenset().isdisjoint())
t(lambda: [].append(1, 2))
t(lambda: [].pop(1, 2))
t(lambda: (1,).index())
t(lambda: (1,).count())
t(lambda: {}.keys(1))
t(lambda: dict.fromkeys())
