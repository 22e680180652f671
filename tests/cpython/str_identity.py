# which conversions give a new str and which a shared one
import sys

n, s = 5, "hello"
print(str(n) is str(n), repr(n) is repr(n), format(n) is format(n))
print(f"{n}" is f"{n}", f"{n!r}" is f"{n!r}", format(n, "d") is format(n, "d"))
print("%d" % n is "%d" % n, str(True) is str(True), chr(53) is str(n)[0])
print(f"{s}" is s, f"{s!s}" is s, f"{s:}" is s, f"{s!r}" is s, str(s) is s)
print(sys.getrefcount(str(12345)), sys.getrefcount(f"{n}"))
