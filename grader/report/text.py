"""The text report: a table of exercises, the failures that matter now, and the next step."""

from __future__ import annotations

from collections.abc import Collection

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from grader.results import CheckResult, CheckStatus, ExerciseResult, ExerciseStatus, GradeRun
from grader.safe_text import printable

STATUS_LOOK: dict[ExerciseStatus, tuple[str, str]] = {
    ExerciseStatus.PASSED: ("✔ passed", "green"),
    ExerciseStatus.FAILED: ("✘ failed", "red"),
    ExerciseStatus.ERROR: ("! error", "magenta"),
    ExerciseStatus.TIMEOUT: ("⏱ timeout", "yellow"),
    ExerciseStatus.NOT_STARTED: ("○ not started", "dim"),
}
OUTPUT_LINES = 8


def status_text(status: ExerciseStatus) -> Text:
    label, style = STATUS_LOOK[status]
    return Text(label, style=style)


def _points(value: float) -> str:
    return f"{value:g}"


def summary_table(run: GradeRun, numbers: dict[str, int], width: int) -> Table:
    """One row per exercise; the reason column is cut to fit so every row stays on one line."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    widest = max((len(r.id) for r in run.results), default=8)
    room = max(10, width - (2 + widest + 13 + 7) - 12)
    table.add_column("#", justify="right", style="dim", no_wrap=True, min_width=2)
    table.add_column("exercise", no_wrap=True, min_width=widest)
    table.add_column("status", no_wrap=True, width=13)
    table.add_column("score", justify="right", no_wrap=True, width=7)
    table.add_column("", overflow="ellipsis", no_wrap=True, max_width=room)
    for result in run.results:
        table.add_row(
            str(numbers.get(result.id, "")),
            result.id,
            status_text(result.status),
            f"{_points(result.score)}/{_points(result.max_score)}",
            _cut(printable(result.feedback), room),
        )
    return table


def _cut(text: str, room: int) -> str:
    return text if len(text) <= room else text[: room - 1] + "…"


def _indented(text: Text | str, level: int, style: str = "") -> Padding:
    """A paragraph indented by `level` spaces, wrapped lines included (student text shown escaped)."""
    body = text if isinstance(text, Text) else Text(printable(text), style=style)
    return Padding(body, (0, 0, 0, level), expand=False)


def check_block(check: CheckResult) -> Group:
    skipped = check.status is CheckStatus.SKIPPED
    title = Text("✘ " if not skipped else "- ", style="dim" if skipped else "red")
    title.append(check.name, style="bold")
    title.append(f"  {_points(check.points)}/{_points(check.max_points)}", style="dim")
    parts: list[RenderableType] = [_indented(title, 2), _indented(check.summary, 6)]
    for line in check.details:
        parts.append(_indented(line, 8, "dim" if line.startswith(("input", "File", "    ")) else ""))
    if check.hint:
        hint = Text("hint: ", style="bold cyan")
        hint.append(check.hint, style="cyan")
        parts.append(_indented(hint, 6))
    for note in check.notes:
        parts.append(_indented(f"note: {note}", 6, "yellow"))
    return Group(*parts)


def exercise_details(result: ExerciseResult, *, section: str = "") -> RenderableType:
    header = Text()
    header.append(f"{result.id}", style="bold")
    header.append(" · ")
    header.append_text(status_text(result.status))
    header.append(f" · {_points(result.score)}/{_points(result.max_score)}")
    if section:
        header.append(f" · {result.title} ({section})", style="dim")
    parts: list[RenderableType] = [header]
    passed = [c for c in result.checks if c.passed]
    if passed:
        parts.append(_indented(Text(f"✔ {len(passed)} of {len(result.checks)} checks pass", style="green"), 2))
        for check in passed:
            for note in check.notes:
                parts.append(_indented(f"note ({check.name}): {note}", 6, "yellow"))
    skipped = [c for c in result.checks if c.status is CheckStatus.SKIPPED]
    for check in result.checks:
        if not check.passed and check not in skipped:
            parts.append(check_block(check))
    if skipped:
        names = ", ".join(c.name for c in skipped)
        parts.append(_indented(Text(f"- {len(skipped)} more not run ({names}): {skipped[0].summary.removeprefix('not run: ')}", style="dim"), 2))
    if result.output.strip():
        lines = result.output.strip().splitlines()
        shown = "\n".join(f"      {printable(line)}" for line in lines[:OUTPUT_LINES])
        more = f"\n      ... ({len(lines) - OUTPUT_LINES} more lines)" if len(lines) > OUTPUT_LINES else ""
        parts.append(Text("  your code printed:\n" + shown + more, style="dim"))
    return Group(*parts)


def next_step(run: GradeRun, hint_counts: dict[str, tuple[int, int]]) -> Text:
    """One line: what to do now."""
    pending = next((r for r in run.results if r.status is not ExerciseStatus.PASSED), None)
    if pending is None:
        if len(run.results) == 1:
            return Text(f"{run.results[0].id} passes. `grade` grades the whole course.", style="bold green")
        return Text(f"all {len(run.results)} exercises pass. `grade quiz` tests your understanding of the notes.", style="bold green")
    shown, available = hint_counts.get(pending.id, (0, 0))
    hint = f"`grade hint {pending.id}` for a hint" if shown < available else f"`grade hint {pending.id}` shows the hints again"
    if pending.status is ExerciseStatus.NOT_STARTED:
        return Text(f"next: {pending.id}, not started yet: open exercises/{pending.id}.py. {hint}", style="bold")
    return Text(f"next: {pending.id}, {pending.passed_checks}/{len(pending.checks)} checks pass. {hint}", style="bold")


def render(
    run: GradeRun,
    console: Console,
    *,
    title: str,
    numbers: dict[str, int],
    sections: dict[str, str],
    detailed: Collection[str],
    hint_counts: dict[str, tuple[int, int]],
) -> None:
    """Print the whole report to `console`."""
    passed = sum(r.status is ExerciseStatus.PASSED for r in run.results)
    console.print(Text(f"grade · {title} · {run.workspace}", style="bold"))
    if run.sandbox is not None and run.sandbox.strict and run.sandbox.protections is not None:
        console.print(Text(f"graded mode: every protection on ({run.sandbox.protections.describe_on()})", style="dim"))
    console.print(summary_table(run, numbers, console.width))
    console.print(
        Text(f"score {_points(run.score)}/{_points(run.max_score)} · {passed} of {len(run.results)} passed · {run.duration_s:.1f} s", style="bold")
    )
    for result in run.results:
        noted = result.status is ExerciseStatus.PASSED and any(c.notes for c in result.checks)  # a speed note, say
        if result.id in detailed and (noted or result.status not in (ExerciseStatus.PASSED, ExerciseStatus.NOT_STARTED)):
            console.print()
            console.print(exercise_details(result, section=sections.get(result.id, "")))
    console.print()
    console.print(next_step(run, hint_counts))
