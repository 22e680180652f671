# A tour of the language subset: literals, operators, comprehensions, unpacking.
größe = 1_000_000
print(größe, 0x1F, 0o17, 0b1010, 2 ** 100, -7 // 2, -7 % 2, 7 / 2)
print(0.1 + 0.2, 1e-5, 1e16, round(2.675, 2), f"{3.14159:.2f}", f"{1234567:,}")
name, *rest = "refpy", 1, 2, 3
print(name, rest, f"{name!r:>10}|{len(rest):<3}|")
matrix = [[r * 3 + c for c in range(3)] for r in range(3)]
print(matrix, [row[i] for i, row in enumerate(matrix)])
print({k: v for k, v in zip("abc", range(3))}, {x % 3 for x in range(10)})
words = "the quick brown fox".split()
print(sorted(words, key=len), max(words, key=len), " ".join(w.upper() for w in words))
print([1, 2, 3][::-1], "hello"[1:4], (1, 2) + (3,), {1, 2} | {3})
if (n := len(words)) > 3:
    print("walrus:", n)
print(isinstance(True, int), 3 < 5 <= 5 != 6, not [], "x" in "xyz")

# Looping over a dict's items unpacks each (key, value) pair.
stock = {"apples": 3, "pears": 0, "plums": 7}
for fruit, count in stock.items():
    if count == 0:
        print("out of", fruit)
        break
else:
    print("never printed: the loop broke")
for [fruit, count] in {}.items():
    print("never printed: nothing to loop over")
else:
    print("an empty dict runs the else block")
try:
    for fruit, count in stock.items():
        stock[fruit + "!"] = count
except RuntimeError as err:
    print("RuntimeError:", err)
for fruit, (first, *rest) in {"kiwi": "kw", "fig": "fg"}.items():
    print(fruit, first, rest)
