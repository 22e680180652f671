def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

class C:
    pass

t(lambda: "Age: " + 25)
t(lambda: [1] + (2,))
t(lambda: "a" * 1.5)
t(lambda: [1] * "a")
t(lambda: 1.5 * "a")
t(lambda: "a" * "b")
t(lambda: b"a" + "a")
t(lambda: "a" + b"a")
t(lambda: (1,) + [2])
t(lambda: 1 + "a")
t(lambda: [1] + C())
t(lambda: pow(2, -1, 5))
t(lambda: pow(3, -2, 7))
t(lambda: pow(2, -1, 4))
t(lambda: pow(3, -2, -7))
t(lambda: pow(10**30, -1, 7))
t(lambda: pow(5, -1, 1))
t(lambda: pow(2.0, 1, 3))
t(lambda: pow("a", 1, 3))
t(lambda: pow(2, 10, -7))
print(True | False, True & True, True ^ False, type(True | False), True & 1, False ^ False)
x = None
try:
    x += 1
except TypeError as e:
    print(e)
try:
    x -= 1
except TypeError as e:
    print(e)
try:
    x *= C()
except TypeError as e:
    print(e)
try:
    x /= C()
except TypeError as e:
    print(e)
try:
    x //= C()
except TypeError as e:
    print(e)
try:
    x %= C()
except TypeError as e:
    print(e)
try:
    x **= C()
except TypeError as e:
    print(e)
try:
    x <<= C()
except TypeError as e:
    print(e)
try:
    x >>= C()
except TypeError as e:
    print(e)
try:
    x &= C()
except TypeError as e:
    print(e)
try:
    x |= C()
except TypeError as e:
    print(e)
try:
    x ^= C()
except TypeError as e:
    print(e)
try:
    x @= C()
except TypeError as e:
    print(e)
t1 = (1,)
try:
    t1 += [2]
except TypeError as e:
    print(e)
s = "a"
try:
    s += 1
except TypeError as e:
    print(e)
l = [1]
try:
    l -= [1]
except TypeError as e:
    print(e)
try:
    l *= "x"
except TypeError as e:
    print(e)
try:
    l += 1
except TypeError as e:
    print(e)
