# __del__ runs the moment the last reference goes away.
class Noisy:
    def __init__(self, name):
        self.name = name
        print("create", name)

    def __del__(self):
        print("free", self.name)


a = Noisy("a")
b = a
del a
print("a deleted, b still refers")
b = None
print("after b = None")

def scope():
    local = Noisy("local")
    print("leaving scope")

scope()
print("after the call")

items = [Noisy("first"), Noisy("second")]
items.pop()
print("popped one")
items.clear()
print("cleared")
