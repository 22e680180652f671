# Identity: small ints are shared, equal constants in one file are one object,
# identifier-like strings are interned, values built at run time are new objects.
import sys

a = 256
b = 256
print("small ints shared:", a is b)

big1 = 10 ** 6
big2 = 10 ** 6
print("equal results built twice:", big1 == big2, big1 is big2)

c1 = 123456
c2 = 123456
print("one constant in this file:", c1 is c2)

word = "refpy"
other = "ref" + "py"
print("folded constant interned:", word is other)
runtime = "".join(["ref", "py"])
print("built at run time:", word == runtime, word is runtime)
print("interned on request:", sys.intern(runtime) is word)

first = []
second = []
print("two empty lists:", first == second, first is second)
