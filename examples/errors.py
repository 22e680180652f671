# Exceptions: handlers, else/finally, chaining, custom classes, with-statements.
class AppError(Exception):
    pass


class NotFound(AppError):
    def __init__(self, key):
        super().__init__(f"no entry for {key!r}")
        self.key = key


def lookup(table, key):
    try:
        return table[key]
    except KeyError as e:
        raise NotFound(key) from e


table = {"a": 1}
for key in ("a", "b"):
    try:
        value = lookup(table, key)
    except AppError as e:
        print("error:", e, "| cause:", type(e.__cause__).__name__)
    else:
        print("found", value)
    finally:
        print("checked", key)


class Quiet:
    def __enter__(self):
        print("enter")
        return self

    def __exit__(self, kind, value, tb):
        print("exit with", kind.__name__ if kind else None)
        return kind is ZeroDivisionError


with Quiet():
    1 / 0
print("the division error was swallowed")

try:
    [].pop()
except IndexError as e:
    print("IndexError:", e)

def deep(n):
    return deep(n + 1)

try:
    deep(0)
except RecursionError as e:
    print("RecursionError:", e)
