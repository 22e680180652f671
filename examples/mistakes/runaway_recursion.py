# Recursion without a base case stops at the recursion limit; the traceback folds the
# repeated line instead of printing a thousand copies.
import sys

sys.setrecursionlimit(60)


def countdown(n):
    print(n) if n % 20 == 0 else None
    return countdown(n - 1)


countdown(40)
