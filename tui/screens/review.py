"""Review mode: the questions FSRS says are due, most overdue first, with new ones interleaved.

It asks like the quiz screen (every graded answer there and here updates the question's FSRS card
in the progress store); only the choice of questions and the empty state differ.
"""

from __future__ import annotations

from rich.text import Text

from tui.formatting import MUTED, until
from tui.screens.quiz import QuizScreen
from tui.session import ReviewPlan, Session

REVIEW_LIMIT = 20
"""At most this many questions per review session."""


class ReviewScreen(QuizScreen):
    """A quiz over the review queue."""

    heading = "Review"

    def __init__(self, session: Session, plan: ReviewPlan) -> None:
        """Ask the questions of `plan` (see `Session.review_plan`)."""
        fresh = len(plan.questions) - plan.due
        super().__init__(session, plan.questions, title=f"{plan.due} due, {fresh} new")
        self.plan = plan

    def empty_message(self) -> Text:
        """Nothing is due: say when something will be."""
        text = Text().append("Nothing is due for review.", style="bold")
        if self.plan.next_due is not None:
            text.append(f" The next question is due {until(self.plan.next_due, self.session.clock())}.")
        text.append("\nEsc goes back.", style=MUTED)
        return text

    def on_mount(self) -> None:
        for problem in self.plan.problems:
            self.notify(problem, severity="warning")
