# Reference counts: every name, container slot and argument is one reference.
import sys

shopping = ["bread", "milk"]
print("one name:", sys.getrefcount(shopping) - 1)

basket = shopping
print("two names:", sys.getrefcount(shopping) - 1)

pantry = {"today": shopping, "tomorrow": shopping}
print("plus two dict values:", sys.getrefcount(shopping) - 1)

def peek(items):
    # the parameter is one more reference while the call runs
    return sys.getrefcount(items) - 1

print("inside a call:", peek(shopping))

del pantry
print("dict gone:", sys.getrefcount(shopping) - 1)
basket = None
print("back to one:", sys.getrefcount(shopping) - 1)
