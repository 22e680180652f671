# Looking up a key that is not there: the subscript is underlined, the missing key is
# the message.
stock = {"apples": 3, "pears": 0}
for fruit in ["apples", "plums"]:
    print(fruit, stock[fruit])
