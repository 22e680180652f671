# tracemalloc: measuring what a piece of code allocates, and where.
import tracemalloc


def build_table(rows):
    return [[0] * 10 for _ in range(rows)]


def leaky(store):
    store.append([0] * 1000)


def tidy():
    data = [0] * 1000
    return len(data)


tracemalloc.start()
print("tracing:", tracemalloc.is_tracing())

# One big list: eight bytes per reference. (The list's 56-byte header may not be
# counted: CPython reuses the headers of freed lists without a new allocation.)
zeros = [0] * 1_000_000
current, peak = tracemalloc.get_traced_memory()
print("one million references:", current // 1_000_000, "MB")
del zeros
current, _ = tracemalloc.get_traced_memory()
print("released:", current < 1000, "peak kept:", peak >= 8_000_000)

# Peak versus current: a temporary list raises the peak only.
tracemalloc.reset_peak()
total = sum([n for n in range(100_000)])
current, peak = tracemalloc.get_traced_memory()
print("sum of a temporary list:", total, "peak > 800 KB:", peak > 800_000, "current < 10 KB:", current < 10_000)

# Statistics by line: who holds the memory now?
table = build_table(1000)
snapshot = tracemalloc.take_snapshot()
top = snapshot.statistics("lineno")[0]
print("biggest line:", top.traceback[0].lineno, "holds over 1900 blocks:", top.count > 1900, "over 130 KB:", top.size > 130_000)

# Comparing snapshots: a leak shows up as growth on one line.
store = []
before = tracemalloc.take_snapshot()
for _ in range(50):
    leaky(store)
    tidy()
after = tracemalloc.take_snapshot()
growth = after.compare_to(before, "lineno")[0]
print("grew on line", growth.traceback[0].lineno, "by", growth.size_diff // 1000, "KB in", growth.count_diff, "blocks")

tracemalloc.stop()
print("tracing:", tracemalloc.is_tracing(), tracemalloc.get_traced_memory())
