# A misspelt attribute: the closest attribute of the object is suggested.
class Account:
    def __init__(self, owner):
        self.owner = owner
        self.balance = 0


acct = Account("ada")
acct.balance += 10
print(acct.balence)
