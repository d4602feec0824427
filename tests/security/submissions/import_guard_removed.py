"""Remove the import guard from sys.meta_path and import the references as a package."""
import importlib
import sys

# stopped by: landlock
# succeeds without: landlock
# seen as: passes


def double(x):
    sys.meta_path[:] = [f for f in sys.meta_path if type(f).__name__ != "ReferenceGuard"]
    sys.path.insert(0, "$COURSE")
    importlib.invalidate_caches()
    from solutions.doubling import double as reference
    return reference(x)
