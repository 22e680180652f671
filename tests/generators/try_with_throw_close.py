# try with throw close: output must match CPython 3.11
import sys
# try/except/finally/with inside generators, throw, close
class CM:
    def __init__(self, n): self.n = n
    def __enter__(self):
        print("enter", self.n); return self
    def __exit__(self, t, v, tb):
        print("exit", self.n, t.__name__ if t else None)
        return False

def g():
    with CM(1) as a, CM(2):
        try:
            x = yield 1
            print("x", x)
        except KeyError as e:
            print("caught", repr(e))
            y = yield 2
            print("y", y)
        else:
            print("else")
            yield 3
        finally:
            print("finally")
            yield 4
            print("after finally yield")
    print("after with")
    return 7

it = g()
print(next(it))
print(it.throw(KeyError("k")))
print(it.send("Y"))
try:
    it.send(None)
except StopIteration as e:
    print("stop", e.value)

it = g()
print(next(it))
print(it.send("X"))
print(next(it))
try:
    next(it)
except StopIteration as e:
    print("stop", e.value)

it = g()
next(it)
try:
    it.close()
except RuntimeError as e:
    print("RuntimeError", e)

def h():
    try:
        yield 1
    except GeneratorExit:
        print("exit caught")
        return 5
it = h(); next(it); print("close ->", it.close())

def k():
    try:
        yield 1
    finally:
        return 9
it = k(); next(it)
try:
    it.throw(ValueError)
except StopIteration as e:
    print("swallowed", e.value)

def m():
    yield 1
it = m()
try:
    it.throw(ValueError("unstarted"))
except ValueError as e:
    print("unstarted throw", e)
print(list(it))
it = m()
try:
    it.throw(ValueError, "v")
except ValueError as e:
    print("class throw", e)
try:
    m().throw(1)
except TypeError as e:
    print(e)
try:
    m().throw(ValueError("a"), 1)
except TypeError as e:
    print(e)

def loop():
    for i in range(3):
        try:
            yield i
        except ValueError:
            print("VE at", i)
            continue
        print("ok", i)
it = loop()
print(next(it))
print(it.throw(ValueError))
print(next(it))
print(list(it))
