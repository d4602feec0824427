"""Load the reference with importlib.util.spec_from_file_location."""
import importlib.util

# stopped by: landlock
# succeeds without: landlock
# seen as: passes


def double(x):
    spec = importlib.util.spec_from_file_location("reference", "$REFERENCE")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.double(x)
