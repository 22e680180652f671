# Closures keep their captured variables alive in cells.
import sys


def counter(start):
    count = start

    def step(by=1):
        nonlocal count
        count += by
        return count

    return step


tick = counter(10)
print(tick(), tick(), tick(5))
print("cell holds:", tick.__closure__[0].cell_contents)

adders = [lambda x, n=n: x + n for n in range(3)]
print([f(10) for f in adders])

late = [lambda x: x + n for n in range(3)]
print("late binding:", [f(10) for f in late])

total = 0

def add_to_total(x):
    global total
    total += x

for v in (1, 2, 3):
    add_to_total(v)
print("global total:", total)

# Every function made by one `def` shares its code object's names.
def make_greeter():
    def greet():
        return "hi"

    return greet


g1, g2 = make_greeter(), make_greeter()
print(g1.__qualname__, g1.__qualname__ is g2.__qualname__)
print("qualname held by the code and two functions:", sys.getrefcount(g1.__qualname__))
print("top-level qualname is the name:", make_greeter.__qualname__ is make_greeter.__name__)
