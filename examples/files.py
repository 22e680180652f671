# Text files: write, append, read whole, by line and by iteration.
import os

path = "refpy_example_notes.txt"
with open(path, "w") as f:
    f.write("first line\n")
    f.write("größe=42\n")
with open(path, "a") as f:
    print("appended", f.write("last line\n"), "characters")

with open(path) as f:
    print(repr(f.read()))
with open(path) as f:
    print(f.readline().strip(), "|", f.readlines())
with open(path) as f:
    for number, line in enumerate(f, 1):
        print(number, line.rstrip())
os.remove(path)
print("exists after remove:", os.path.exists(path))
try:
    open(path)
except FileNotFoundError as e:
    print(e)
