# fstring and assert: output must match CPython 3.11
def echo():
    while True:
        print(f"received {(yield)!r:>8} and {1 + 1}")
e = echo(); next(e); e.send("hi"); e.send(42)
def check():
    assert (yield "first"), "falsy sent"
    yield "passed"
c = check(); print(next(c)); print(c.send(1))
c = check(); next(c)
try:
    c.send(0)
except AssertionError as err:
    print("AE", err)
