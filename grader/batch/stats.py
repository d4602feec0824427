"""What a class got right and wrong: pass rates, score spreads, failing checks, misconceptions held.

Computed from report documents alone (so from a live batch or a saved JSON Lines file alike),
drawn as a rich table and, on request, as a matplotlib figure (imported only then).
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from grader.batch.log import BatchRow


@dataclass(frozen=True)
class ExerciseStats:
    id: str
    graded: int
    passed: int
    scores: tuple[float, ...]
    max_score: float
    not_started: int = 0
    """Submissions that left the stub as it was (their checks count in no failure rate)."""

    @property
    def pass_rate(self) -> float:
        return self.passed / self.graded if self.graded else 0.0

    @property
    def quartiles(self) -> tuple[float, float, float]:
        """The scores' 25th, 50th and 75th percentiles (all the one score when there is one)."""
        if len(self.scores) < 2:
            return (self.scores[0],) * 3 if self.scores else (0.0, 0.0, 0.0)
        low, middle, high = statistics.quantiles(self.scores, n=4, method="inclusive")
        return low, middle, high


@dataclass(frozen=True)
class CheckStats:
    exercise: str
    name: str
    failed: int
    graded: int

    @property
    def failure_rate(self) -> float:
        return self.failed / self.graded if self.graded else 0.0


@dataclass(frozen=True)
class ClassStats:
    submissions: int
    errors: int
    exercises: tuple[ExerciseStats, ...]
    checks: tuple[CheckStats, ...]
    misconceptions: tuple[tuple[str, str, int], ...]
    """(exercise, misconception id, submissions diagnosed with it), most common first."""


def class_stats(rows: Sequence[BatchRow]) -> ClassStats:
    documents = [r.document for r in rows if r.document is not None]
    order: list[str] = []
    per_exercise: dict[str, list[dict]] = {}
    checks: dict[tuple[str, str], list[bool]] = {}
    held: Counter[tuple[str, str]] = Counter()
    for document in documents:
        for exercise in document["exercises"]:
            if exercise["id"] not in per_exercise:
                order.append(exercise["id"])
            per_exercise.setdefault(exercise["id"], []).append(exercise)
            if exercise["status"] == "not_started":
                continue  # an untouched stub fails every check and says nothing about which is hard
            seen: set[str] = set()
            for check in exercise["checks"]:
                checks.setdefault((exercise["id"], check["name"]), []).append(check["status"] != "passed")
                if check.get("misconception") and check["misconception"] not in seen:
                    seen.add(check["misconception"])
                    held[(exercise["id"], check["misconception"])] += 1
    exercise_stats = tuple(
        ExerciseStats(i, len(per_exercise[i]), sum(e["status"] == "passed" for e in per_exercise[i]),
                      tuple(float(e["score"]) for e in per_exercise[i]), float(per_exercise[i][0]["max_score"]),
                      sum(e["status"] == "not_started" for e in per_exercise[i]))
        for i in order
    )
    check_stats = tuple(CheckStats(e, n, sum(f), len(f)) for (e, n), f in checks.items())
    ranked = tuple((e, m, c) for (e, m), c in sorted(held.items(), key=lambda item: (-item[1], item[0])))
    return ClassStats(len(rows), len(rows) - len(documents), exercise_stats, check_stats, ranked)


def print_stats(stats: ClassStats, screen, *, top: int = 10) -> None:
    """The statistics as rich tables on `screen` (a rich Console)."""
    from rich import box
    from rich.table import Table

    screen.print(f"class statistics · {stats.submissions} submissions, {stats.errors} could not be graded")
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for column, justify in (("exercise", "left"), ("pass rate", "right"), ("not started", "right"), ("quartiles", "right"),
                            ("median", "right"), ("mean", "right"), ("max", "right")):
        table.add_column(column, justify=justify)
    for e in stats.exercises:
        low, _, high = e.quartiles
        table.add_row(e.id, f"{e.pass_rate:.0%}", str(e.not_started), f"{low:g}–{high:g}", f"{statistics.median(e.scores):g}",
                      f"{statistics.fmean(e.scores):.1f}", f"{e.max_score:g}")
    screen.print(table)
    failing = sorted((c for c in stats.checks if c.failed), key=lambda c: (-c.failure_rate, c.exercise, c.name))[:top]
    if failing:
        checks = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, title="checks failed most often (by those who started)",
                       title_justify="left")
        for column, justify in (("exercise", "left"), ("check", "left"), ("failed", "right")):
            checks.add_column(column, justify=justify)
        for c in failing:
            checks.add_row(c.exercise, c.name, f"{c.failed}/{c.graded} ({c.failure_rate:.0%})")
        screen.print(checks)
    if stats.misconceptions:
        held = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, title="misconceptions diagnosed", title_justify="left")
        for column, justify in (("students", "right"), ("exercise", "left"), ("misconception", "left")):
            held.add_column(column, justify=justify)
        for exercise, message, count in stats.misconceptions[:top]:
            held.add_row(str(count), exercise, message)
        screen.print(held)


def figure_data(stats: ClassStats, *, top: int = 8) -> tuple[list[str], list[float], list[str], list[int]]:
    """What the figure plots: exercise ids and pass rates, then the top misconceptions and their counts."""
    labels = [e.id for e in stats.exercises]
    rates = [e.pass_rate for e in stats.exercises]
    held = stats.misconceptions[:top]
    return labels, rates, [f"{e}: {_short(m)}" for e, m, _ in held], [c for _, _, c in held]


def save_figure(stats: ClassStats, path: Path) -> Path:
    """Pass rates per exercise and the most common misconceptions, as PNG or SVG (by the suffix)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    labels, rates, misconceptions, counts = figure_data(stats)
    figure = Figure(figsize=(10, 4 + 0.3 * max(len(labels), len(misconceptions))), layout="constrained")
    left, right = figure.subplots(1, 2, width_ratios=(1, 1.4))
    left.barh(labels[::-1], [100 * r for r in rates[::-1]], color="#4c72b0")
    left.set_xlim(0, 100)
    left.set_xlabel("passed (%)")
    left.set_title(f"Pass rate per exercise ({stats.submissions} submissions)")
    if counts:
        from matplotlib.ticker import MaxNLocator

        right.barh(misconceptions[::-1], counts[::-1], color="#dd8452", height=0.6)
        right.set_ylim(-0.75, max(len(counts), 4) - 0.25)
        right.xaxis.set_major_locator(MaxNLocator(integer=True))
        right.set_xlabel("submissions")
        right.set_title("Misconceptions diagnosed")
        right.tick_params(axis="y", labelsize=7)
    else:
        right.set_axis_off()
        right.text(0.5, 0.5, "no misconception diagnosed", ha="center", va="center")
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path)
    return path


def _short(message: str, limit: int = 60) -> str:
    return message if len(message) <= limit else message[: limit - 1] + "…"
