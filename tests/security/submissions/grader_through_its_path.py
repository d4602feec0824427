"""Put the grader's folder on sys.path and load the course's reference through the grader's own API."""
import sys
from pathlib import Path

# stopped by: landlock
# succeeds without: landlock
# seen as: passes


def double(x):
    sys.meta_path[:] = [f for f in sys.meta_path if type(f).__name__ != "ReferenceGuard"]
    sys.path.insert(0, "$GRADER_ROOT")
    for name in [n for n in sys.modules if n.startswith("grader")]:
        del sys.modules[name]
    from grader.course import load_course
    return load_course(Path("$COURSE")).reference("doubling").double(x)
