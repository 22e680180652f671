# tracemalloc: the API, tracebacks through calls, statistics, compare_to, filters
import tracemalloc

print(tracemalloc.is_tracing(), tracemalloc.get_traced_memory(), tracemalloc.get_traceback_limit())
print(tracemalloc.get_object_traceback([]))
try:
    tracemalloc.take_snapshot()
except RuntimeError as e:
    print(e)
try:
    tracemalloc.start(0)
except ValueError as e:
    print(e)
tracemalloc.start(3)
print(tracemalloc.is_tracing(), tracemalloc.get_traceback_limit())


def make(n):
    return [0] * n


def outer(n):
    return make(n)


big = outer(500_000)
cur, peak = tracemalloc.get_traced_memory()
print("about 4 MB:", 3_990_000 < cur < 4_100_000, peak >= cur)
snap = tracemalloc.take_snapshot()
top = snap.statistics("lineno")[0]
print(top.traceback[0].lineno, round(top.size / 1e6, 1), str(top).split(": size=")[1].split(",")[0])
tb = snap.statistics("traceback")[0].traceback
print(len(tb), [f.lineno for f in tb], tb.total_nframe)
print(tb.format()[-1].strip(), "|", tb.format(most_recent_first=True)[0].split(", ")[1])
print(repr(tb[0]).split(" lineno=")[1], str(tb[-1]).split(":")[1])
print(sum([s.size for s in snap.statistics("filename")]) == sum([t.size for t in snap.traces]))
print([s.traceback[0].lineno for s in snap.statistics("lineno", cumulative=True)[:3]])
del big
snap2 = tracemalloc.take_snapshot()
diff = snap2.compare_to(snap, "lineno")[0]
print(diff.traceback[0].lineno, diff.size, round(diff.size_diff / 1e6, 1), diff.count)
print(str(diff).split(": ")[1].split(",")[0])
only = snap.filter_traces([tracemalloc.Filter(True, "*" + "tracemalloc_api.py", lineno=19)])
print(len(only.traces) >= 1, round(sum([t.size for t in only.traces]) / 1e6, 1))
none = snap.filter_traces([tracemalloc.Filter(False, "*")])
print(len(none.traces), none.statistics("lineno"))
tracemalloc.reset_peak()
cur, peak = tracemalloc.get_traced_memory()
print("peak reset:", peak - cur < 1000)
tracemalloc.clear_traces()
print(tracemalloc.is_tracing(), tracemalloc.get_traced_memory()[0] < 1000)
tracemalloc.stop()
print(tracemalloc.is_tracing(), tracemalloc.get_traced_memory(), tracemalloc.get_traceback_limit())
from tracemalloc import _format_size
print(_format_size(1536, False), _format_size(-100, True), _format_size(10 * 1024 * 1024, False), _format_size(5.5, False))
