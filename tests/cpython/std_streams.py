# sys.stdout and sys.stderr are text files: print(file=...), write() returning the
# number of characters, flush(), their names and reprs.
import sys

print("to stdout", file=sys.stdout)
print("to stderr", file=sys.stderr)
count = sys.stdout.write("written directly\n")
print("write returned", count)
sys.stdout.flush()
print(sys.stdout)
print(sys.stderr)
print(sys.stdout.name, sys.stdout.mode, sys.stdout.closed)
sys.stdout.writelines(["a\n", "b\n"])
print("one", "two", sep=", ", end="!\n", file=sys.stdout)
