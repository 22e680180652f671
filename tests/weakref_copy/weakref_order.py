# __del__ runs before the weakref callbacks, which run newest first; a failing callback is reported and ignored
import weakref

class A:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name, probe() is self)

a = A("a")
probe = weakref.ref(a, lambda w: print("probe callback, target gone:", w() is None))
w1 = weakref.ref(a, lambda w: print("callback 1"))
w2 = weakref.ref(a, lambda w: print("callback 2"))
del a
print("after del")

def failing(w):
    raise ValueError("ignored")

b = A("b")
wb = weakref.ref(b, failing)
del b
print("a failing callback is reported and ignored")
