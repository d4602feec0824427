"""What the exercise screen says about the highlighted exercise: the task, the latest result (in
full, with every failed check, when it was graded in this session) and the hints revealed so far."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual.widgets import Static

from grader.report.text import exercise_details
from grader.results import ExerciseResult
from tui.formatting import NOTE, status_label
from tui.session import ExerciseRow


def details_renderable(
    row: ExerciseRow, *, result: ExerciseResult | None, hints: tuple[str, ...], total_hints: int
) -> RenderableType:
    """The task, the result and the hints of one exercise."""
    spec = row.spec
    head = Text().append(f"{spec.id}", style="bold")
    head.append(f" · {spec.title} · {spec.section} · {spec.points:g} points", style="dim")
    parts: list[RenderableType] = [head, Text(spec.summary), Text(f"your file: exercises/{spec.id}.py", style="dim")]
    if result is not None:
        parts += [Text(""), exercise_details(result, section=spec.section)]
    elif row.result is not None:
        last = Text().append("last graded: ", style="bold")
        last.append_text(status_label(row.status))
        last.append(f" {row.result.score:g}/{row.result.max_score:g} · {row.result.checks_passed}/"
                    f"{row.result.checks_total} checks pass")
        parts += [Text(""), last, Text(row.result.feedback)]
    else:
        parts += [Text(""), Text("not graded yet: Enter grades it", style="italic")]
    if hints:
        parts.append(Text(""))
        for number, hint in enumerate(hints, start=1):
            line = Text().append(f"hint {number} of {total_hints}: ", style=NOTE)
            line.append(hint)
            parts.append(line)
    return Group(*parts)


class ExerciseDetails(Static):
    """Details of one exercise; `show` replaces them."""

    def __init__(self) -> None:
        super().__init__(id="details")

    def show(self, row: ExerciseRow, *, result: ExerciseResult | None, hints: tuple[str, ...], total_hints: int) -> None:
        """Show `row`'s task, its result and its revealed hints."""
        self.update(details_renderable(row, result=result, hints=hints, total_hints=total_hints))
