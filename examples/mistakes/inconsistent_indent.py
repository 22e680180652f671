# Indentation that matches no outer block.
def greet(name):
    if name:
        print("hello", name)
      print("bye")
