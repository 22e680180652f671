# A misspelt variable: the report names the line, underlines the name and suggests
# the closest name the function could have meant.
def average(values):
    total = 0
    for v in values:
        total += v
    return totl / len(values)


print(average([3, 4, 5]))
