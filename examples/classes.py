# Classes: inheritance, super(), properties, class and static methods, slots.
class Shape:
    count = 0

    def __init__(self, name):
        self.name = name
        Shape.count += 1

    def area(self):
        raise NotImplementedError

    def __repr__(self):
        return f"{type(self).__name__}({self.name!r}, area={self.area():.2f})"


class Rect(Shape):
    def __init__(self, w, h):
        super().__init__("rect")
        self.w, self.h = w, h

    def area(self):
        return self.w * self.h

    @property
    def square(self):
        return self.w == self.h

    @classmethod
    def unit(cls):
        return cls(1, 1)

    @staticmethod
    def describe():
        return "four right angles"


class Circle(Shape):
    __slots__ = ("r",)

    def __init__(self, r):
        super().__init__("circle")
        self.r = r

    def area(self):
        return 3.14159 * self.r ** 2


shapes = [Rect(2, 3), Rect.unit(), Circle(1.5)]
for s in shapes:
    print(s)
print("squares:", [s.square for s in shapes if isinstance(s, Rect)])
print("made:", Shape.count, "-", Rect.describe())
print("mro:", [c.__name__ for c in Rect.__mro__])
try:
    shapes[2].colour = "red"
except AttributeError as e:
    print("slots refuse new attributes:", e)
