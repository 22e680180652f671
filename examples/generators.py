# Generators: lazy pipelines, send, yield from, return values.
def numbers(limit):
    n = 0
    while n < limit:
        yield n
        n += 1


def squares(source):
    for x in source:
        yield x * x


pipeline = squares(numbers(6))
print(list(pipeline))
print(sum(x for x in range(10) if x % 3 == 0))


def averager():
    total = count = 0
    average = None
    while True:
        value = yield average
        if value is None:
            return count
        total += value
        count += 1
        average = total / count


avg = averager()
next(avg)
for v in (10, 20, 60):
    print("average:", avg.send(v))
try:
    avg.send(None)
except StopIteration as stop:
    print("values seen:", stop.value)


def chain(*iterables):
    for it in iterables:
        yield from it


print(list(chain("ab", [1, 2], range(2))))
