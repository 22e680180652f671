# The gc module: collecting cycles, generations, tracking, finalizers, callbacks.
import gc
import weakref


class Node:
    def __init__(self, name):
        self.name = name
        self.links = []


def ring(size):
    """Builds a ring of nodes and returns nothing: only the cycle keeps it alive."""
    nodes = [Node(f"n{i}") for i in range(size)]
    for a, b in zip(nodes, nodes[1:] + nodes[:1]):
        a.links.append(b)


gc.collect()
ring(3)
# Each node is one object; its list of links is another.
print("ring of 3:", gc.collect())
ring(10)
print("ring of 10:", gc.collect())
print("nothing left:", gc.collect())

print("thresholds:", gc.get_threshold())
gc.set_threshold(500, 5, 5)
print("changed:", gc.get_threshold())
gc.set_threshold(700, 10, 10)

print("tracked:", [gc.is_tracked(x) for x in (1, 2.5, "s", b"b", None, [], set(), Node("t"))])
print("dicts:", gc.is_tracked({"a": 1}), gc.is_tracked({"a": [1]}))

# A survivor of a young collection moves to generation 1.
gc.collect()
keep = [[] for _ in range(5)]
gc.collect(0)
print("after collect(0):", gc.get_count()[0], gc.get_count()[1])
gc.collect(1)
print("after collect(1):", gc.get_count()[0], gc.get_count()[1], gc.get_count()[2])


# Finalizers in a cycle run once, then the cycle is freed (PEP 442).
class Resource:
    def __init__(self, name):
        self.name = name
        self.peer = None

    def __del__(self):
        print("  finalizing", self.name)


a, b = Resource("a"), Resource("b")
a.peer, b.peer = b, a
probe = weakref.ref(a)
del a, b
print("cycle still alive:", probe() is not None)
print("collected:", gc.collect())
print("cycle gone:", probe() is None, "garbage:", gc.garbage)


# gc.callbacks are told when a collection starts and stops.
def watch(phase, info):
    print("  callback:", phase, "generation", info["generation"])


gc.callbacks.append(watch)
gc.collect(1)
gc.callbacks.remove(watch)

# Referents: what an object refers to.
pair = ["left", "right"]
holder = {"pair": pair}
print("referents of the list:", gc.get_referents(pair))
print("the dict refers to the list:", any(r is pair for r in gc.get_referents(holder)))

# With automatic collection off, cycles wait for an explicit collect.
gc.disable()
for _ in range(3):
    ring(2)
print("disabled:", gc.isenabled(), "collected:", gc.collect())
gc.enable()
print("enabled again:", gc.isenabled())
