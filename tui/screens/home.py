"""The home screen: the course map, with every topic's exercises and quiz mastery.

Enter starts the highlighted topic's quiz (at its first question not yet answered right), `a`
asks every question, `r` reviews what FSRS says is due, `e` opens the exercises at this topic,
`p` the progress; `q` quits. The map is re-read from the progress store whenever the screen
comes back, so what was done elsewhere shows at once.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from grader.results import ExerciseStatus
from tui.formatting import MUTED, status_label
from tui.screens.exercises import ExercisesScreen
from tui.screens.progress import ProgressScreen
from tui.screens.quiz import QuizScreen
from tui.screens.review import REVIEW_LIMIT, ReviewScreen
from tui.session import Session, TopicRow
from tui.widgets.course_map import CourseMap


class HomeScreen(Screen[None]):
    """The course map."""

    BINDINGS = [
        Binding("a", "quiz_all", "all"),
        Binding("r", "review", "review"),
        Binding("e", "exercises", "exercises"),
        Binding("p", "progress", "progress"),
        Binding("q", "app.quit", "quit"),
    ]

    def __init__(self, session: Session) -> None:
        """The map of `session`'s course."""
        super().__init__()
        self.session = session
        self.rows: list[TopicRow] = []

    def compose(self) -> ComposeResult:
        title = Text().append(" grade · ", style="bold")
        title.append(self.session.course.title, style="bold")
        title.append(f" · workspace {self.session.workspace.root.name}", style="dim")
        yield Static(title, id="title", classes="title")
        yield Static(id="summary")
        yield CourseMap(id="map")
        yield Static(id="topic")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(CourseMap).focus()

    def on_screen_resume(self) -> None:
        self.refresh_map()

    def refresh_map(self) -> None:
        """Re-read the progress and redraw the summary, the map and the topic details."""
        self.rows = self.session.topic_rows()
        self.query_one(CourseMap).show(self.rows)
        self.query_one("#summary", Static).update(self._summary())
        self._show_topic()

    def _summary(self) -> Text:
        exercises = [exercise for row in self.rows for exercise in row.exercises]
        passed = sum(exercise.status is ExerciseStatus.PASSED for exercise in exercises)
        score = sum(row.progress.score for row in self.rows)
        max_score = sum(row.progress.max_score for row in self.rows)
        questions = sum(row.mastery.questions for row in self.rows)
        mastered = sum(row.mastery.mastered for row in self.rows)
        due = self.session.due_count()
        text = Text(f" exercises {passed}/{len(exercises)} passed, {score:g}/{max_score:g} points")
        text.append(f" · questions {mastered}/{questions} mastered")
        text.append(f" · review: {due} due", style="bold" if due else MUTED)
        return text

    @property
    def topic(self) -> TopicRow | None:
        """The highlighted topic."""
        index = self.query_one(CourseMap).cursor_row
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def _show_topic(self) -> None:
        row = self.topic
        details = self.query_one("#topic", Static)
        if row is None:
            details.update("")
            return
        text = Text().append(f"{row.progress.title}", style="bold")
        text.append(f" · {row.progress.section}\n", style="dim")
        text.append("exercises: ", style="bold")
        if row.exercises:
            for index, exercise in enumerate(row.exercises):
                if index:
                    text.append(" · ")
                text.append(f"{exercise.spec.id} ")
                text.append_text(status_label(exercise.status))
        else:
            text.append("none in this topic", style="dim")
        mastery = row.mastery
        text.append("\nquiz: ", style="bold")
        text.append(f"{mastery.mastered} of {mastery.questions} questions mastered, {mastery.answered} answered")
        details.update(text)

    @on(DataTable.RowHighlighted, "#map")
    def _topic_highlighted(self) -> None:
        """Show the highlighted topic's exercises and quiz numbers."""
        self._show_topic()

    @on(DataTable.RowSelected, "#map")
    def _topic_selected(self) -> None:
        """Start the highlighted topic's quiz."""
        row = self.topic
        if row is None:
            return
        questions = self.session.questions(row.progress.id)
        if not questions:
            self.notify(f"{row.progress.title} has no quiz questions yet.", severity="warning")
            return
        start = self.session.resume_index(questions)
        self.app.push_screen(QuizScreen(self.session, questions, title=row.progress.title, start=start))

    def action_quiz_all(self) -> None:
        """Ask every question of the course, starting at the first one not yet answered right."""
        questions = self.session.questions()
        start = self.session.resume_index(questions)
        self.app.push_screen(QuizScreen(self.session, questions, title="all topics", start=start))

    def action_review(self) -> None:
        """Review the questions that are due (and some new ones)."""
        self.app.push_screen(ReviewScreen(self.session, self.session.review_plan(limit=REVIEW_LIMIT)))

    def action_exercises(self) -> None:
        """Open the exercises, at the highlighted topic's first one."""
        row = self.topic
        first = row.exercises[0].spec.id if row is not None and row.exercises else None
        self.app.push_screen(ExercisesScreen(self.session, select=first))

    def action_progress(self) -> None:
        """Open the progress screen."""
        self.app.push_screen(ProgressScreen(self.session))
