# weakref.finalize: alive, peek, detach, calling it once, and the atexit run (newest first)
import weakref

class Res:
    pass

def close(name):
    print("close", name)
    return name

r = Res()
f = weakref.finalize(r, close, "r")
print(f.alive, f.peek()[1] is close, f.peek()[2:])
del r
print(f.alive, f(), f.peek(), f.detach())
s = Res()
g = weakref.finalize(s, close, "s")
print(g() , g.alive, g())
t = Res()
h = weakref.finalize(t, close, "t")
obj, func, args, kwargs = h.detach()
print(obj is t, args, h.alive)
keep1 = Res()
keep2 = Res()
weakref.finalize(keep1, close, "first registered")
weakref.finalize(keep2, close, "last registered")
off = weakref.finalize(keep2, close, "not at exit")
off.atexit = False
print("end")
