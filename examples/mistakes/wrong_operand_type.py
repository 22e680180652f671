# The failing operator is marked with ^, its operands with ~; each caller's line shows
# the call that led there.
def label_width(label, padding):
    return len(label) + padding


def layout(rows):
    return [label_width(name, pad) for name, pad in rows]


print(layout([("one", 2), ("two", None)]))
