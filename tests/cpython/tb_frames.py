# Tracebacks and frame objects: one entry per frame an exception passes through, frames
# kept alive by tracebacks, and the cycles they make with the collector's counts.
import gc
import sys


def chain(e):
    out = []
    tb = e.__traceback__
    while tb is not None:
        out.append((tb.tb_frame.f_code.co_name, tb.tb_lineno))
        tb = tb.tb_next
    return out


def inner():
    raise ValueError("inner")


def middle():
    inner()


# Raised and caught in the same frame: the entry is there at once.
try:
    raise KeyError(1)
except KeyError as e:
    print("same frame", chain(e), e.__traceback__.tb_next)
    print("tb_frame is module frame", e.__traceback__.tb_frame.f_code.co_name)

try:
    middle()
except ValueError as e:
    print("three frames", chain(e))


# Nested try statements in one frame: one entry.
def nested():
    try:
        try:
            inner()
        except KeyError:
            pass
    except ValueError as e:
        return chain(e)


print("nested", nested())


# A bare raise adds no entry of its own; `raise e` does.
def bare():
    try:
        inner()
    except ValueError:
        raise


def explicit():
    try:
        inner()
    except ValueError as e:
        raise e


def reraise_elsewhere():
    raise


def caller_of_reraise():
    try:
        inner()
    except ValueError:
        reraise_elsewhere()


for fn in (bare, explicit, caller_of_reraise):
    try:
        fn()
    except ValueError as e:
        print(fn.__name__, chain(e))


# finally and with see the entry of their own frame.
class Watch:
    def __enter__(self):
        return self

    def __exit__(self, typ, value, tb):
        print("exit sees", tb.tb_frame.f_code.co_name, tb.tb_lineno, tb.tb_next is not None)
        return False


def with_finally():
    try:
        with Watch():
            inner()
    finally:
        print("finally handling", sys.exc_info()[0].__name__)


try:
    with_finally()
except ValueError as e:
    print("with_finally", chain(e))


# Comprehensions, class bodies and generators are frames too.
try:
    [1 // x for x in [1, 0]]
except ZeroDivisionError as e:
    print("listcomp", chain(e))

try:
    class Broken:
        a = 1
        inner()
except ValueError as e:
    print("class body", chain(e))


def gen():
    yield 1
    inner()


try:
    for v in gen():
        pass
except ValueError as e:
    print("generator", chain(e))


def gen_catch():
    try:
        yield 1
    except KeyError as e:
        yield chain(e)


g = gen_catch()
next(g)
print("thrown", g.throw(KeyError("k")))
del g

# f_back links the frames a traceback keeps.


def keep():
    try:
        middle()
    except ValueError as e:
        return e.__traceback__


t = keep()
frames = []
tb = t
while tb is not None:
    frames.append(tb.tb_frame)
    tb = tb.tb_next
print("f_back", [f.f_back.f_code.co_name if f.f_back else None for f in frames])
print("f_lineno", [f.f_lineno for f in frames])
print("getrefcount tb, frame", sys.getrefcount(t), sys.getrefcount(frames[0]))
print("f_locals", sorted(frames[0].f_locals))
del frames, tb, t
gc.collect()


# Cycles through a frame: the collector counts what CPython counts.
def cycle_local():
    x = [1, 2]
    try:
        raise ValueError("c")
    except ValueError as e:
        exc = e


cycle_local()
print("cycle through local", gc.collect())


def cycle_exc_info():
    try:
        inner()
    except ValueError:
        info = sys.exc_info()


cycle_exc_info()
print("cycle through exc_info", gc.collect())


def keep_traceback():
    try:
        middle()
    except ValueError as e:
        t = e.__traceback__
    return t


t = keep_traceback()
print("refcounts", sys.getrefcount(t), sys.getrefcount(t.tb_frame))
del t
print("cycle through traceback", gc.collect())


def no_cycle():
    try:
        inner()
    except ValueError as e:
        pass
    return 1


no_cycle()
print("implicit del e", gc.collect())


def returns_exc():
    try:
        inner()
    except ValueError as e:
        return e


e = returns_exc()
print("returned", chain(e), sys.getrefcount(e))
del e
print("returned freed", gc.collect())


class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


def frame_holds_locals():
    n = Noisy("local")
    try:
        raise ValueError
    except ValueError as e:
        err = e
    print("leaving frame_holds_locals")


frame_holds_locals()
print("after the call")
print("collected", gc.collect())


def lambda_frame():
    f = lambda: 1 / 0
    try:
        f()
    except ZeroDivisionError as e:
        err = e


lambda_frame()
print("lambda cycle", gc.collect())

gc.set_debug(gc.DEBUG_SAVEALL)
cycle_exc_info()
print("saved", gc.collect(), sorted(type(o).__name__ for o in gc.garbage))
gc.garbage.clear()
gc.set_debug(0)


# f_locals of an ended frame is a dict the frame keeps: it holds the values.
def ended_locals():
    item = [1, 2, 3]
    try:
        raise ValueError
    except ValueError as e:
        return e.__traceback__, item


t, item = ended_locals()
print("before f_locals", sys.getrefcount(item))
d = t.tb_frame.f_locals
print("f_locals", sorted(d), d is t.tb_frame.f_locals, sys.getrefcount(item))
del d, t
print("after", sys.getrefcount(item))


def closure_locals():
    a = "cell"
    b = 2

    def use():
        return a

    try:
        raise ValueError
    except ValueError as e:
        return e.__traceback__


t = closure_locals()
fl = t.tb_frame.f_locals
print("closure f_locals", sorted(fl), fl["a"], fl["b"])
del fl
del t
gc.collect()

g = gen_catch()
print("gi_frame", g.gi_frame is g.gi_frame, g.gi_frame.f_code.co_name)
next(g)
del g
try:
    raise ValueError
except ValueError as e:
    print("module f_locals is globals", e.__traceback__.tb_frame.f_locals is globals())
