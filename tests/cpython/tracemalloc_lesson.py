# the lesson's tracemalloc examples: a big list, and a leaking vs a clean function
import tracemalloc

tracemalloc.start()
große_liste = [0] * 1000000
current, peak = tracemalloc.get_traced_memory()
print(f"Current: {current / 1024 / 1024:.2f} MB")
print(f"Peak: {peak / 1024 / 1024:.2f} MB")
tracemalloc.stop()

cache = []


def mit_leak():
    cache.append([0] * 10_000)


def ohne_leak():
    daten = [0] * 10_000
    return len(daten)


tracemalloc.start()
for name, func in [("mit Leak", mit_leak), ("ohne Leak", ohne_leak)]:
    start, _ = tracemalloc.get_traced_memory()
    for _ in range(10):
        func()
    end, peak = tracemalloc.get_traced_memory()
    print(name, round((end - start) / 1e5) * 100, "KB", round((peak - start) / 1e3) >= 80)
stats = tracemalloc.take_snapshot().statistics("lineno")
print(stats[0].traceback[0].lineno, round(stats[0].size / 1e5) * 100, "KB")
tracemalloc.stop()
