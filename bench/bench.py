"""How fast does `grade` feel? Medians of whole-command wall times, against `import numpy` as the floor.

    python bench/bench.py [--runs 7] [--compare /path/to/other/grade]

Each measurement is a fresh process (a cold start, as a student's run is): `grade` on the whole
course with every reference solution in place, `grade softmax` alone, `grade` on a fresh
workspace of stubs, and `python -c "import numpy"`, the least any numpy program pays to start.
With `--compare`, another installation's `grade` (an older checkout, say) is timed on the same
workspaces in the same run, interleaved run by run, and the ratio of medians is printed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def grade_command() -> list[str]:
    found = shutil.which("grade")
    return [found] if found else [sys.executable, "-m", "grader.cli"]


def environment() -> dict[str, str]:
    """This environment, but with bytecode caching on, as on a student's machine."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def once(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=environment())
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--compare", metavar="GRADE", help="another `grade` executable to time side by side")
    args = parser.parse_args()
    grade = grade_command()
    contenders = [("", grade)] + ([(" [compared]", [args.compare])] if args.compare else [])
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "fresh"
        solved = Path(tmp) / "solved"
        for target in (fresh, solved):
            subprocess.run([*grade, "init", str(target)], check=True, stdout=subprocess.DEVNULL)
        exercises = sorted(p.stem for p in (solved / "exercises").glob("*.py") if p.stem != "__init__")
        for exercise_id in exercises:
            shutil.copyfile(ROOT / "solutions" / f"{exercise_id}.py", solved / "exercises" / f"{exercise_id}.py")
        for _, command in contenders:
            once([*command], solved)  # warm the disk and bytecode caches, not the process
        scenarios = [
            (f"grade, all {len(exercises)} exercises solved", ["--format", "json"], solved),
            ("grade softmax", ["softmax", "--format", "json"], solved),
            (f"grade, fresh workspace ({len(exercises)} stubs)", ["--format", "json"], fresh),
        ]
        rows: list[tuple[str, list[float]]] = []
        floor_times: list[float] = []
        for label, extra, cwd in scenarios:
            times: dict[str, list[float]] = {suffix: [] for suffix, _ in contenders}
            for _ in range(args.runs):
                for suffix, command in contenders:
                    times[suffix].append(once([*command, *extra], cwd))
                floor_times.append(once([sys.executable, "-c", "import numpy"], cwd))
            rows += [(label + suffix, times[suffix]) for suffix, _ in contenders]
        rows.append(('python -c "import numpy" (floor)', floor_times))
    floor = statistics.median(floor_times)
    print(f"{'command':<54} {'median':>8} {'min':>8} {'max':>8} {'x floor':>8}   ({args.runs} runs each, interleaved)")
    for label, times in rows:
        median = statistics.median(times)
        print(f"{label:<54} {median:>7.3f}s {min(times):>7.3f}s {max(times):>7.3f}s {median / floor:>7.1f}x")
    if args.compare:
        print()
        for index in range(0, len(rows) - 1, 2):
            (label, ours), (_, theirs) = rows[index], rows[index + 1]
            print(f"{label:<54} {statistics.median(ours) / statistics.median(theirs):>7.2f}x the compared grade")
    return 0


if __name__ == "__main__":
    sys.exit(main())
