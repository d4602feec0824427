"""How fast does a class grade? Submissions per minute for `grade batch`, against a shell loop of `grade`.

    python bench/batch_bench.py [--class-size 40] [--loop-size 8] [--jobs 2]

Three classes are made from the shipped course: every exercise solved, every stub fresh, and a
realistic mix (per exercise: solved 60 %, not started 20 %, one known misconception 20 %). Each
is graded by `grade batch` (a fresh state folder, so nothing is reused) and, for comparison, by a
loop of `grade --workspace DIR --format json` over the first few submissions, in the same run.
CPU per submission is the whole machine's busy time over the batch divided by its size (run it
on an otherwise idle machine), printed beside the CPU time of `python -c "import numpy"`.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from grader.course import combined_source, load_course  # noqa: E402


def busy_seconds() -> float:
    """The machine's non-idle CPU time so far (all cores), from /proc/stat."""
    with open("/proc/stat") as handle:
        user, nice, system, _idle, _iowait, irq, softirq = map(int, handle.readline().split()[1:8])
    return (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")


def make_class(folder: Path, kind: str, size: int, seed: int = 0) -> list[Path]:
    course = load_course()
    rng = random.Random(seed)
    paths = []
    for number in range(size):
        exercises = folder / f"s{number:03d}" / "exercises"
        exercises.mkdir(parents=True)
        for exercise_id in course.exercises:
            choice = {"solved": "solved", "fresh": "fresh"}.get(kind) or rng.choices(["solved", "fresh", "wrong"], [6, 2, 2])[0]
            wrong = course.exercise(exercise_id).misconceptions
            if choice == "wrong" and wrong:
                mistake = rng.choice(wrong).id
                text = combined_source(course.reference_path(exercise_id).read_text(), course.wrong_path(exercise_id, mistake).read_text())
            elif choice == "fresh":
                text = course.stub_path(exercise_id).read_text()
            else:
                text = course.reference_path(exercise_id).read_text()
            (exercises / f"{exercise_id}.py").write_text(f"# submission {number}\n{text}")
        paths.append(folder / f"s{number:03d}")
    return paths


def grade_command() -> list[str]:
    found = shutil.which("grade")
    return [found] if found else [sys.executable, "-m", "grader.cli"]


def timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and machine CPU seconds of one command."""
    cpu, start = busy_seconds(), time.perf_counter()
    subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start, busy_seconds() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--class-size", type=int, default=40)
    parser.add_argument("--loop-size", type=int, default=8)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    grade = grade_command()
    floor_wall, floor_cpu = min((timed([sys.executable, "-c", "import numpy"], ROOT) for _ in range(5)), key=lambda t: t[0])
    print(f"{'class':<10} {'how':<22} {'per minute':>10} {'wall s':>8} {'CPU s/submission':>17}")
    with tempfile.TemporaryDirectory() as tmp:
        for kind in ("solved", "fresh", "mix"):
            paths = make_class(Path(tmp) / kind, kind, args.class_size)
            loop_wall, loop_cpu = 0.0, 0.0
            for path in paths[: args.loop_size]:
                wall, cpu = timed([*grade, "--workspace", str(path), "--format", "json"], Path(tmp))
                loop_wall, loop_cpu = loop_wall + wall, loop_cpu + cpu
            state = Path(tmp) / f"state-{kind}"
            batch_wall, batch_cpu = timed([*grade, "batch", str(Path(tmp) / kind), "--jobs", str(args.jobs), "--state", str(state)], Path(tmp))
            loop_rate = 60 * args.loop_size / loop_wall
            batch_rate = 60 * args.class_size / batch_wall
            print(f"{kind:<10} {'loop of grade':<22} {loop_rate:>10.0f} {loop_wall:>8.2f} {loop_cpu / args.loop_size:>17.3f}")
            print(f"{kind:<10} {f'grade batch --jobs {args.jobs}':<22} {batch_rate:>10.0f} {batch_wall:>8.2f} {batch_cpu / args.class_size:>17.3f}"
                  f"   {batch_rate / loop_rate:.1f}x the loop")
    print(f"{'floor':<10} {'python -c import numpy':<22} {'':>10} {floor_wall:>8.3f} {floor_cpu:>17.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
