# __set_name__, __init_subclass__, and descriptors read through the class
class Field:
    def __set_name__(self, owner, name):
        self.name = name
        print("set_name", owner.__name__, name)

    def __get__(self, obj, objtype=None):
        if obj is None:
            return "descriptor on " + objtype.__name__
        return obj.__dict__.get(self.name, 0)

    def __set__(self, obj, value):
        obj.__dict__[self.name] = value


class Model:
    x = Field()
    y = Field()


m = Model()
m.x = 5
print(m.x, m.y, Model.x)

registry = []


class Plugin:
    def __init_subclass__(cls):
        super().__init_subclass__()
        registry.append(cls.__name__)


class A(Plugin):
    pass


class B(A):
    pass


print(registry)
print(type(Plugin.__dict__["__init_subclass__"]).__name__)
