# generators of every state abandoned in a loop: nothing may stay alive
import sys
N = int(sys.argv[1]) if len(sys.argv) > 1 else 1

class Res:
    pass

def plain(a):
    x = [a]
    yield x
    yield a

def guarded(a):
    try:
        with open_ctx():
            yield a
    finally:
        a = None

class open_ctx:
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        return False

def delegating(a):
    r = yield from plain(a)
    return r

closed = 0
for i in range(N):
    r = Res()
    plain(r)                      # never started
    g = plain(r); next(g)         # suspended, freed without closing
    g = guarded(r); next(g)       # suspended in try/with: closed when freed
    g = delegating(r); next(g)    # suspended in yield from
    g = (x for x in [r, r]); next(g)
    list(plain(r))                # exhausted
    g = guarded(r); next(g); g.close(); closed += 1
    g = None
print("done", closed)
