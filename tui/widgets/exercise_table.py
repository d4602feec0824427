"""The exercise list: number, id, topic, status (symbol and word) and score of every exercise."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from tui.formatting import clip, status_label
from tui.session import ExerciseRow

ID_WIDTH = 22
TOPIC_WIDTH = 20
STATUS_WIDTH = 14
SCORE_WIDTH = 7


class ExerciseTable(DataTable[Text]):
    """Exercises in course order; Enter grades the highlighted one."""

    BINDINGS = [Binding("enter", "select_cursor", "grade")]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row")
        self.exercise_ids: list[str] = []

    def on_mount(self) -> None:
        self.add_column("#", width=2, key="number")
        self.add_column("exercise", width=ID_WIDTH, key="exercise")
        self.add_column("topic", width=TOPIC_WIDTH, key="topic")
        self.add_column("status", width=STATUS_WIDTH, key="status")
        self.add_column("score", width=SCORE_WIDTH, key="score")

    def show(self, rows: Sequence[ExerciseRow], *, grading: str | None = None, select: str | None = None) -> None:
        """Fill the table, keeping the highlighted row (or moving to `select`); the exercise being
        graded says so in its status cell."""
        cursor = self.cursor_row
        self.clear()
        self.exercise_ids = [row.spec.id for row in rows]
        for row in rows:
            score = f"{row.result.score:g}/{row.spec.points:g}" if row.result else f"–/{row.spec.points:g}"
            status = Text("… grading", style="bold") if row.spec.id == grading else status_label(row.status)
            self.add_row(
                Text(str(row.number), style="dim"),
                Text(clip(row.spec.id, ID_WIDTH)),
                Text(clip(row.spec.topic, TOPIC_WIDTH), style="dim"),
                status,
                Text(score, justify="right"),
                key=row.spec.id,
            )
        if select in self.exercise_ids:
            cursor = self.exercise_ids.index(select)
        if rows:
            self.move_cursor(row=min(max(cursor, 0), len(rows) - 1), animate=False)

    @property
    def highlighted(self) -> str | None:
        """The id of the highlighted exercise."""
        index = self.cursor_row
        return self.exercise_ids[index] if 0 <= index < len(self.exercise_ids) else None
