# A failed assert underlines the comparison that failed.
def mean(xs):
    return sum(xs) / len(xs)


readings = [2.0, 4.0, 9.0]
assert mean(readings) == 4.0, "mean is off"
print("never printed")
