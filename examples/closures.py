# Closures keep their captured variables alive in cells.
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
