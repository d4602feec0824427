"""Read the reference solution by its absolute path and run it."""
# stopped by: landlock
# succeeds without: landlock
# seen as: passes


def double(x):
    namespace = {}
    exec(open("$REFERENCE").read(), namespace)
    return namespace["double"](x)
