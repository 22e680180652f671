# The copy module: shallow and deep copies, the memo, and custom hooks.
import copy
import sys

matrix = [[1, 2], [3, 4]]
shallow = copy.copy(matrix)
deep = copy.deepcopy(matrix)
matrix[0][0] = 99
print("original:", matrix)
print("shallow shares rows:", shallow, shallow[0] is matrix[0])
print("deep owns its rows: ", deep, deep[0] is matrix[0])

# A shallow copy adds one reference to each element.
row = matrix[1]
before = sys.getrefcount(row)
copies = [copy.copy(matrix) for _ in range(3)]
print("references added by 3 shallow copies:", sys.getrefcount(row) - before)
del copies
print("and released with them:", sys.getrefcount(row) - before)

# Dicts and sets copy the same way.
settings = {"colors": ["red"], "size": 3}
s2 = copy.copy(settings)
d2 = copy.deepcopy(settings)
settings["colors"].append("blue")
print("dict shallow:", s2, "deep:", d2)

# Immutable atoms and tuples of them are returned as they are.
t = (1, "two", 3.0)
print("tuple copy is itself:", copy.copy(t) is t, copy.deepcopy(t) is t)
mixed = (1, [2])
print("tuple holding a list is rebuilt:", copy.deepcopy(mixed) is mixed)
print("strings are shared:", copy.deepcopy("text") is "text"[:])

# The memo keeps shared parts shared and makes cycles work.
shared = ["shared"]
outer = [shared, shared, {"again": shared}]
clone = copy.deepcopy(outer)
print("shared once in the copy:", clone[0] is clone[1] is clone[2]["again"])
cycle = {"name": "loop"}
cycle["self"] = cycle
cycle2 = copy.deepcopy(cycle)
print("cycle copied:", cycle2["self"] is cycle2, cycle2 is not cycle)
memo = {}
copy.deepcopy([shared], memo)
print("memo knows the copy of shared:", memo[id(shared)] == shared and memo[id(shared)] is not shared)


# Instances: copied attribute by attribute unless the class says otherwise.
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y


class Path:
    def __init__(self, points):
        self.points = points
        self.cache = {"length": len(points)}

    def __copy__(self):
        print("  Path.__copy__")
        new = Path.__new__(Path)
        new.points = self.points
        new.cache = {}
        return new

    def __deepcopy__(self, memo):
        print("  Path.__deepcopy__, memo has", len(memo), "entries")
        new = Path.__new__(Path)
        memo[id(self)] = new
        new.points = copy.deepcopy(self.points, memo)
        new.cache = {}
        return new


p = Point(1, 2)
q = copy.copy(p)
print("point copy:", q.x, q.y, q is not p, type(q).__name__)
path = Path([Point(0, 0), Point(3, 4)])
light = copy.copy(path)
print("shallow path shares points:", light.points is path.points, light.cache)
heavy = copy.deepcopy(path)
print("deep path owns points:", heavy.points is not path.points, heavy.points[1].x)
