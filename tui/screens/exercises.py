"""The exercise screen: every exercise with its status; Enter grades the highlighted one.

Grading runs in a worker thread (`grade_and_record`: the sandboxed grader, then the result stored
through the worker's own connection), so the screen stays responsive: the list can be browsed and
hints read meanwhile. The result comes back as an `ExerciseGraded` message and is shown in full,
failed checks and misconception hints included, as `grade ID` prints it.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static
from textual.worker import Worker, WorkerState

from grader.results import ExerciseResult, ExerciseStatus
from tui.formatting import BAD, status_label
from tui.messages import ExerciseGraded
from tui.session import ExerciseRow, Session, grade_and_record
from tui.widgets.exercise_details import ExerciseDetails
from tui.widgets.exercise_table import ExerciseTable


class ExercisesScreen(Screen[None]):
    """The exercises, their statuses, and grading from inside the app."""

    BINDINGS = [
        Binding("escape", "back", "back"),
        Binding("g", "grade", "grade", show=False),
        Binding("h", "hint", "next hint"),
    ]

    grading: reactive[str | None] = reactive(None, bindings=True, init=False)
    """The exercise being graded, if any (one at a time)."""

    def __init__(self, session: Session, *, select: str | None = None) -> None:
        """The exercises of `session`'s course, with `select` highlighted."""
        super().__init__()
        self.session = session
        self.select = select
        self.rows: list[ExerciseRow] = []
        self.results: dict[str, ExerciseResult] = {}
        """Results graded while this screen was open, shown in full."""

    def compose(self) -> ComposeResult:
        yield Static(id="title", classes="title")
        yield ExerciseTable(id="exercises")
        with VerticalScroll(id="details-scroll"):
            yield ExerciseDetails()
        yield Static(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_rows(select=self.select)
        self.query_one(ExerciseTable).focus()

    def refresh_rows(self, *, select: str | None = None) -> None:
        """Re-read the latest results and redraw the title, the list and the details."""
        self.rows = self.session.exercise_rows()
        self.query_one(ExerciseTable).show(self.rows, grading=self.grading, select=select)
        passed = sum(row.status is ExerciseStatus.PASSED for row in self.rows)
        score = sum(row.result.score for row in self.rows if row.result is not None)
        points = sum(row.spec.points for row in self.rows)
        title = Text().append(" Exercises", style="bold")
        title.append(f" · {passed} of {len(self.rows)} passed · {score:g}/{points:g} points")
        self.query_one("#title", Static).update(title)
        self._show_details()

    @property
    def highlighted(self) -> ExerciseRow | None:
        """The highlighted exercise."""
        exercise_id = self.query_one(ExerciseTable).highlighted
        return next((row for row in self.rows if row.spec.id == exercise_id), None)

    def _show_details(self) -> None:
        row = self.highlighted
        if row is None:
            return
        exercise_id = row.spec.id
        self.query_one(ExerciseDetails).show(
            row,
            result=self.results.get(exercise_id),
            hints=self.session.hints_shown(exercise_id),
            total_hints=len(row.spec.hints),
        )

    @on(DataTable.RowHighlighted, "#exercises")
    def _exercise_highlighted(self) -> None:
        """Show the highlighted exercise's task, result and hints."""
        self._show_details()
        self.query_one("#details-scroll", VerticalScroll).scroll_home(animate=False)

    @on(DataTable.RowSelected, "#exercises")
    def _exercise_selected(self) -> None:
        """Enter grades the highlighted exercise."""
        if self.check_action("grade", ()):
            self.action_grade()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """One grading at a time."""
        if action == "grade":
            return self.grading is None
        return True

    def action_back(self) -> None:
        """Back to the course map (a grading in progress still finishes and is stored)."""
        self.dismiss()

    def action_grade(self) -> None:
        """Grade the highlighted exercise in the background."""
        row = self.highlighted
        if row is None:
            return
        self.grading = row.spec.id
        self.query_one("#status", Static).update(
            Text(f"… grading {row.spec.id} in the background; keep browsing if you like", style="italic")
        )
        self.query_one(ExerciseTable).show(self.rows, grading=self.grading)
        self._grade_in_worker(row.spec.id)

    @work(thread=True, exclusive=True, exit_on_error=False, group="grading")
    def _grade_in_worker(self, exercise_id: str) -> None:
        """Grade and store off the app's thread, then report back."""
        result = grade_and_record(self.session.workspace, self.session.course, exercise_id)
        self.post_message(ExerciseGraded(result))

    @on(ExerciseGraded)
    def _exercise_graded(self, message: ExerciseGraded) -> None:
        """Show the new result in the list and, in full, in the details."""
        result = message.result
        self.grading = None
        self.results[result.id] = result
        status = Text(f"{result.id}: ")
        status.append_text(status_label(result.status))
        status.append(f" {result.score:g}/{result.max_score:g} · graded in {result.duration_s:.1f} s")
        self.query_one("#status", Static).update(status)
        self.refresh_rows()

    @on(Worker.StateChanged)
    def _grading_failed(self, event: Worker.StateChanged) -> None:
        """A grader failure (not the student's code: that is a result) is shown, not hidden."""
        if event.worker.group != "grading" or event.state is not WorkerState.ERROR:
            return
        failed = self.grading
        self.grading = None
        error = event.worker.error
        self.query_one("#status", Static).update(
            Text(f"! grading {failed} failed inside the grader: {type(error).__name__}: {error}", style=BAD)
        )
        self.refresh_rows()

    def action_hint(self) -> None:
        """Reveal the next hint of the highlighted exercise (hints are remembered)."""
        row = self.highlighted
        if row is None:
            return
        level = self.session.reveal_hint(row.spec.id)
        if level is None:
            self.query_one("#status", Static).update(
                Text(f"every hint of {row.spec.id} is already shown", style="dim")
            )
        else:
            self.query_one("#status", Static).update(Text(f"hint {level} of {len(row.spec.hints)} for {row.spec.id}"))
        self._show_details()
        self.query_one("#details-scroll", VerticalScroll).scroll_end(animate=False)
