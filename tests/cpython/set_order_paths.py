# set iteration order after displays, set()/copy/frozenset of sets and dicts, and the operators
a = {9, 17, 1, 33, 25, 41, 8}
b = {100, 9, 3, 65, 129, 257}
print(a, b)
print(a | b, b | a, a & b, b & a, a - b, b - a, a ^ b, b ^ a)
print(set(a), a.copy(), frozenset(a), set(range(40, 0, -3)))
c = set(a)
c.update(b)
print(c)
print({*a, *b}, {1, *b})
print({x * 7 for x in range(20)})
d = {x: x for x in [33, 1, 17, 9]}
print(set(d), frozenset(d))
big = set(range(0, 200, 7))
print(big - {7, 14})
print(big ^ {1, 2, 3})
