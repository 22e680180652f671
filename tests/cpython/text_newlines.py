# Reading text files: universal newlines turn \r\n and \r into \n unless newline=""
# asks for the line endings as they are.
import os

path = "refpy_newlines.txt"
with open(path, "w") as f:
    f.write("first\r\nsecond\rthird\nfourth")
with open(path) as f:
    print(repr(f.read()))
with open(path, encoding="utf-8") as f:
    print([line for line in f])
with open(path, newline="") as f:
    print(repr(f.read()))
with open(path) as f:
    print(repr(f.readline()), repr(f.readline()))
os.remove(path)
print(os.path.exists(path))
