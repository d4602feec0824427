"""Import an installed package the course does not allow, through __builtins__ (the static check cannot see it)."""
# stopped by: landlock
# succeeds without: landlock
# seen as: passes


def double(x):
    __builtins__["__import__"]("rich") if isinstance(__builtins__, dict) else __builtins__.__import__("rich")
    return 2 * x
