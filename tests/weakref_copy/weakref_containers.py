# WeakValueDictionary, WeakKeyDictionary and WeakSet lose their entries as the objects die
import weakref

class Item:
    def __init__(self, n):
        self.n = n
    def __repr__(self):
        return "Item(%d)" % self.n

items = [Item(i) for i in range(4)]
values = weakref.WeakValueDictionary()
keys = weakref.WeakKeyDictionary()
members = weakref.WeakSet()
for it in items:
    values[it.n] = it
    keys[it] = it.n * 10
    members.add(it)
print(len(values), len(keys), len(members))
del items[0]
print(sorted(values.keys()), sorted(keys.values()), len(members))
print(values.get(0), values.get(1), values.setdefault(1, None), 1 in values, 0 in values)
print(values.pop(2), len(values), keys.get(items[0]), items[0] in members)
items.clear()
print(len(values), list(values.items()), len(keys), len(members))
