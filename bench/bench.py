"""How fast does `grade` feel? Medians of whole-command wall times, against `import numpy` as the floor.

    python bench/bench.py [--runs 7]

Each measurement is a fresh process (a cold start, as a student's run is): `grade` on the whole
course with every reference solution in place, `grade softmax` alone, `grade` on a fresh
workspace of stubs, and `python -c "import numpy"`, the least any numpy program pays to start.
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


def timed(command: list[str], cwd: Path, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=environment())
        times.append(time.perf_counter() - start)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    grade = grade_command()
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "fresh"
        solved = Path(tmp) / "solved"
        for target in (fresh, solved):
            subprocess.run([*grade, "init", str(target)], check=True, stdout=subprocess.DEVNULL)
        exercises = sorted(p.stem for p in (solved / "exercises").glob("*.py") if p.stem != "__init__")
        for exercise_id in exercises:
            shutil.copyfile(ROOT / "solutions" / f"{exercise_id}.py", solved / "exercises" / f"{exercise_id}.py")
        timed([*grade], solved, 1)  # warm the disk and bytecode caches, not the process
        rows = [
            (f"grade, all {len(exercises)} exercises solved", timed([*grade, "--format", "json"], solved, args.runs)),
            ("grade softmax", timed([*grade, "softmax", "--format", "json"], solved, args.runs)),
            (f"grade, fresh workspace ({len(exercises)} stubs)", timed([*grade, "--format", "json"], fresh, args.runs)),
            ('python -c "import numpy" (floor)', timed([sys.executable, "-c", "import numpy"], solved, args.runs)),
        ]
    floor = statistics.median(rows[-1][1])
    print(f"{'command':<42} {'median':>8} {'min':>8} {'max':>8} {'x floor':>8}   ({args.runs} runs each)")
    for label, times in rows:
        median = statistics.median(times)
        print(f"{label:<42} {median:>7.3f}s {min(times):>7.3f}s {max(times):>7.3f}s {median / floor:>7.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
