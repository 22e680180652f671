# A bracket that is never closed is reported where it opens, before anything runs.
print("this line never runs")
totals = [1, 2,
          3, 4
print(totals)
