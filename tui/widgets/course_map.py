"""The course map: one row per topic with its exercises' statuses and its quiz mastery."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from grader.results import ExerciseStatus
from tui.formatting import clip, counted_bar, status_symbol
from tui.session import TopicRow

TOPIC_WIDTH = 44
EXERCISES_WIDTH = 11
QUIZ_WIDTH = 16
BAR_WIDTH = 8


def exercises_cell(row: TopicRow) -> Text:
    """One symbol per exercise (✔ ✘ ! ⏱ ○ ·) and how many passed, or a dash when there are none."""
    if not row.exercises:
        return Text("—", style="dim")
    text = Text()
    for exercise in row.exercises:
        text.append_text(status_symbol(exercise.status))
    passed = sum(exercise.status is ExerciseStatus.PASSED for exercise in row.exercises)
    text.append(f" {passed}/{len(row.exercises)}")
    return text


class CourseMap(DataTable[Text]):
    """Topics in course order; Enter starts the highlighted topic's quiz."""

    BINDINGS = [Binding("enter", "select_cursor", "quiz")]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=False)
        self.topic_ids: list[str] = []

    def on_mount(self) -> None:
        self.add_column("topic", width=TOPIC_WIDTH, key="topic")
        self.add_column("exercises", width=EXERCISES_WIDTH, key="exercises")
        self.add_column("quiz mastered", width=QUIZ_WIDTH, key="quiz")

    def show(self, rows: Sequence[TopicRow]) -> None:
        """Fill the table with `rows`, keeping the highlighted topic."""
        cursor = self.cursor_row
        self.clear()
        self.topic_ids = [row.progress.id for row in rows]
        for row in rows:
            mastery = row.mastery
            self.add_row(
                Text(clip(row.progress.title, TOPIC_WIDTH)),
                exercises_cell(row),
                counted_bar(mastery.mastered, mastery.questions, BAR_WIDTH),
                key=row.progress.id,
            )
        if rows:
            self.move_cursor(row=min(cursor, len(rows) - 1), animate=False)
