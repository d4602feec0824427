"""The quiz screen: one question at a time, keyboard first.

Number keys choose an option (and toggle one of several), Enter submits, `n` goes on (or skips an
open question; `ctrl+n` skips while typing). Typed answers go into the input in the format the
question states. Answers are checked in a worker thread, since a symbolic answer can keep sympy
busy for a moment; the verdict comes back as an `AnswerChecked` message, is recorded (with the
question's FSRS card) on the app's thread, and is shown with its feedback and explanation.
Free-text answers show the model answer first and are recorded once the student rates
themselves with 1, 2 or 3.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Input, Static
from textual.worker import Worker, WorkerState

from grader.quiz.checking import QuestionInstance, check_answer, rate_self
from grader.quiz.figures import FigureError
from grader.quiz.models import (
    CodeChoiceQuestion,
    FigureRef,
    MultipleSelectQuestion,
    Question,
    SingleChoiceQuestion,
    TrueFalseQuestion,
)
from grader.quiz.verdicts import Status, Verdict
from tui.formatting import BAD, MUTED, WARN
from tui.messages import AnswerChecked, FigureDrawn, FigureFailed, OptionClicked
from grader.coursework.quizzing import Tally
from tui.session import Session, draw_figure
from tui.widgets.choices import ChoiceList
from tui.widgets.figure import FIGURE_COLUMNS, FigureView
from tui.widgets.question import QuestionView, choice_answer, option_count
from tui.widgets.verdict import RATING_KEYS, VerdictView


class Phase(Enum):
    """Where the current question stands."""

    ASKING = "asking"
    """Waiting for an answer."""
    CHECKING = "checking"
    """A worker is checking the answer."""
    RATING = "rating"
    """A free-text answer waits for the student's self-rating."""
    ANSWERED = "answered"
    """Graded and recorded; the feedback is on screen."""
    DONE = "done"
    """Past the last question: the summary is on screen."""


def tally_line(tally: Tally) -> str:
    """One line for the end of the quiz."""
    return (
        f"{tally.answered} answered: ✔ {tally.correct} correct, ✘ {tally.wrong} not quite, "
        f"{tally.rated} self-rated; {tally.skipped} skipped."
    )


def right_options(question: Question) -> frozenset[int]:
    """The numbers of the right options of a choice question."""
    match question:
        case TrueFalseQuestion():
            return frozenset({1 if question.answer else 2})
        case SingleChoiceQuestion() | MultipleSelectQuestion() | CodeChoiceQuestion():
            return frozenset(n for n, option in enumerate(question.options, start=1) if option.correct)
    return frozenset()


class AnswerInput(Input):
    """The input for typed answers; Enter submits (and says so in the footer)."""

    BINDINGS = [Binding("enter", "submit", "submit")]


class QuizScreen(Screen[None]):
    """Asks `questions` one at a time, starting at `start`."""

    BINDINGS = [
        Binding("escape", "back", "back"),
        Binding("1", "choose(1)", "choose", key_display="1-9"),
        *(Binding(str(n), f"choose({n})", show=False) for n in range(2, 10)),
        Binding("1", "rate(1)", "rate", key_display="1-3"),
        Binding("2", "rate(2)", show=False),
        Binding("3", "rate(3)", show=False),
        Binding("enter", "submit", "submit"),
        Binding("n", "next", "next"),
        Binding("n", "skip('key')", "skip"),
        Binding("ctrl+n", "skip('typing')", "skip"),
        Binding("pageup", "scroll(-1)", "scroll the question", key_display="PgUp/PgDn", show=False),
        Binding("pagedown", "scroll(1)", show=False),
    ]

    phase: reactive[Phase] = reactive(Phase.ASKING, bindings=True, init=False)
    """Where the current question stands; the footer's keys follow it."""

    heading = "Quiz"
    """The first word of the title bar."""

    def __init__(self, session: Session, questions: Sequence[Question], *, title: str, start: int = 0) -> None:
        """Ask `questions` (a topic's, all, or a review queue), titled `title`."""
        super().__init__()
        self.session = session
        self.questions = tuple(questions)
        self.quiz_title = title
        self.index = min(start, max(0, len(self.questions) - 1))
        self.instance: QuestionInstance | None = None
        self.pending: tuple[str, Verdict] | None = None
        self.tally = Tally()

    # Layout ----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="title", classes="title")
        with VerticalScroll(id="body"):
            yield Vertical(id="slot")
            yield VerdictView()
        answer = AnswerInput(placeholder="your answer, then Enter", id="answer")
        answer.cursor_blink = getattr(self.app, "cursor_blink", True)  # off for stable screenshots
        yield answer
        yield Footer()

    async def on_mount(self) -> None:
        if self.questions:
            await self._show_question()
        else:
            await self._show_done(self.empty_message())

    def empty_message(self) -> Text:
        """What to say when there is nothing to ask."""
        return Text("There are no questions here. Esc goes back.")

    def _title(self) -> Text:
        text = Text().append(f" {self.heading} · ", style="bold")
        text.append(self.quiz_title)
        if self.questions and self.phase is not Phase.DONE:
            text.append(f" · question {self.index + 1} of {len(self.questions)}")
        text.append(f"  ✔ {self.tally.correct} ✘ {self.tally.wrong}", style=MUTED)
        return text

    def _refresh_title(self) -> None:
        self.query_one("#title", Static).update(self._title())

    @property
    def question(self) -> Question | None:
        """The question on screen, if any."""
        return self.instance.question if self.instance is not None else None

    @property
    def options(self) -> int:
        """How many options the number keys choose from (0 for a typed answer or none at all)."""
        return option_count(self.question) if self.question is not None else 0

    async def _show_question(self) -> None:
        question = self.questions[self.index]
        self.instance = self.session.instance(question)
        self.pending = None
        slot = self.query_one("#slot", Vertical)
        await slot.remove_children()
        await slot.mount(QuestionView(self.instance, previous=self.session.last_attempt(question.id)))
        self.query_one(VerdictView).display = False
        answer = self.query_one("#answer", AnswerInput)
        answer.value = ""
        answer.display = self.options == 0
        answer.disabled = False
        self.phase = Phase.ASKING
        self.query_one("#body", VerticalScroll).scroll_home(animate=False)
        (answer if answer.display else self.query_one("#body")).focus()
        self._refresh_title()
        if question.figure is not None:
            self._draw_figure(question)

    async def _show_done(self, message: Text) -> None:
        self.instance = None
        self.phase = Phase.DONE
        slot = self.query_one("#slot", Vertical)
        await slot.remove_children()
        await slot.mount(Static(message, id="done"))
        self.query_one(VerdictView).display = False
        self.query_one("#answer", AnswerInput).display = False
        self.query_one("#body").focus()
        self._refresh_title()

    # Actions ---------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys apply only where they make sense, and the footer shows only those."""
        choice = self.options > 0
        match action:
            case "choose":
                number = parameters[0]
                return self.phase is Phase.ASKING and isinstance(number, int) and number <= self.options
            case "rate":
                return self.phase is Phase.RATING
            case "submit":
                return self.phase is Phase.ASKING and choice
            case "next":
                return self.phase is Phase.ANSWERED
            case "skip":
                if self.phase not in (Phase.ASKING, Phase.RATING):
                    return False
                typing = self.phase is Phase.ASKING and not choice
                return typing if parameters[0] == "typing" else not typing
        return True

    def action_back(self) -> None:
        """Go back to the previous screen."""
        self.dismiss()

    def action_scroll(self, pages: int) -> None:
        """Scroll the question by a page, even while typing."""
        body = self.query_one("#body", VerticalScroll)
        (body.scroll_page_down if pages > 0 else body.scroll_page_up)(animate=False)

    def action_choose(self, number: int) -> None:
        """Choose option `number` (toggle it when several may be chosen)."""
        choices = self.query_one(ChoiceList)
        if choices.multiple:
            choices.selected = choices.selected ^ {number}
        else:
            choices.selected = frozenset({number})
        self.query_one(VerdictView).display = False

    @on(OptionClicked)
    def _option_clicked(self, message: OptionClicked) -> None:
        """A clicked option counts as its number key."""
        if self.check_action("choose", (message.number,)):
            self.action_choose(message.number)

    def action_submit(self) -> None:
        """Submit the chosen options."""
        assert self.instance is not None
        chosen = self.query_one(ChoiceList).selected
        if not chosen:
            hint = Text(f"Choose with the number keys 1-{self.options} first, then press Enter.", style=WARN)
            self.query_one(VerdictView).show_text(hint)
            return
        self._check(choice_answer(self.instance.question, chosen))

    @on(Input.Submitted, "#answer")
    def _typed_answer(self, event: Input.Submitted) -> None:
        """Submit the typed answer."""
        if self.phase is Phase.ASKING:
            self._check(event.value)

    def _check(self, raw: str) -> None:
        assert self.instance is not None
        self.phase = Phase.CHECKING
        self.query_one(VerdictView).show_checking()
        self.query_one("#answer", AnswerInput).disabled = True
        self._check_in_worker(self.instance, raw)

    @work(thread=True, exclusive=True, exit_on_error=False, group="check")
    def _check_in_worker(self, instance: QuestionInstance, raw: str) -> None:
        """Check an answer off the app's thread and report back."""
        self.post_message(AnswerChecked(instance, raw, check_answer(instance, raw)))

    @on(AnswerChecked)
    def _answer_checked(self, message: AnswerChecked) -> None:
        """Show the verdict; record it once it is graded."""
        if message.instance is not self.instance:
            return
        verdict = message.verdict
        verdicts = self.query_one(VerdictView)
        answer = self.query_one("#answer", AnswerInput)
        if verdict.status is Status.INVALID:
            self.phase = Phase.ASKING
            verdicts.show(verdict)
            answer.disabled = False
            if answer.display:
                answer.focus()
            self._bring_into_view(verdicts)
        elif verdict.status is Status.NEEDS_RATING:
            self.pending = (message.raw, verdict)
            self.phase = Phase.RATING
            verdicts.show(verdict)
            self._reveal(verdicts)
        else:
            self._graded(message.raw, verdict)

    def action_rate(self, number: int) -> None:
        """Rate a free-text answer against the model answer: 1 missed, 2 partly, 3 had it."""
        assert self.pending is not None
        raw, verdict = self.pending
        self.pending = None
        self._graded(raw, rate_self(verdict, RATING_KEYS[number]))

    def _graded(self, raw: str, verdict: Verdict) -> None:
        assert self.instance is not None
        self.session.record_answer(self.instance, raw, verdict)
        self.tally.add(verdict)
        self.phase = Phase.ANSWERED
        if self.options:
            self.query_one(ChoiceList).right = right_options(self.instance.question)
        verdicts = self.query_one(VerdictView)
        verdicts.show(verdict, code_options=isinstance(self.instance.question, CodeChoiceQuestion))
        self._reveal(verdicts)
        self._refresh_title()

    def _reveal(self, verdicts: VerdictView) -> None:
        """Move the focus off the input (so single keys work) and bring the feedback into view."""
        self.query_one("#answer", AnswerInput).disabled = True
        self.query_one("#body", VerticalScroll).focus()
        self._bring_into_view(verdicts)

    def _bring_into_view(self, verdicts: VerdictView) -> None:
        body = self.query_one("#body", VerticalScroll)
        self.call_after_refresh(body.scroll_to_widget, verdicts, animate=False, top=False)

    async def action_next(self) -> None:
        """Go on to the next question (or the summary after the last one)."""
        await self._advance()

    async def action_skip(self, how: str) -> None:
        """Leave the question unanswered and go on."""
        self.tally.skip()
        await self._advance()

    async def _advance(self) -> None:
        if self.index + 1 < len(self.questions):
            self.index += 1
            await self._show_question()
        else:
            done = Text().append("Done. ", style="bold")
            done.append(tally_line(self.tally))
            done.append("\nEsc goes back.", style=MUTED)
            await self._show_done(done)

    # Figures ---------------------------------------------------------------------------------

    def _draw_figure(self, question: Question) -> None:
        assert question.figure is not None
        self._draw_in_worker(question.id, question.figure, self.app.no_color)

    @work(thread=True, exclusive=True, exit_on_error=False, group="figure")
    def _draw_in_worker(self, question_id: str, figure: FigureRef, monochrome: bool) -> None:
        """Render a figure off the app's thread (matplotlib takes a moment) and report back."""
        try:
            drawing = draw_figure(
                figure, source_dir=self.session.figures_source, cache_dir=self.session.figures_cache,
                columns=FIGURE_COLUMNS, monochrome=monochrome,
            )
        except (FigureError, OSError) as error:
            self.post_message(FigureFailed(question_id, " ".join(str(error).split())))
        else:
            self.post_message(FigureDrawn(question_id, drawing))

    @on(FigureDrawn)
    def _figure_drawn(self, message: FigureDrawn) -> None:
        """Show the drawing if its question is still on screen."""
        if self.question is not None and self.question.id == message.question_id:
            self.query_one(FigureView).show_drawing(message.drawing)

    @on(FigureFailed)
    def _figure_failed(self, message: FigureFailed) -> None:
        """Keep the alt text and say why there is no drawing."""
        if self.question is not None and self.question.id == message.question_id:
            self.query_one(FigureView).show_failure(message.reason)

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        """A bug in a worker is shown, not hidden, and the question stays answerable."""
        if event.state is not WorkerState.ERROR:
            return
        error = event.worker.error
        reason = f"{type(error).__name__}: {error}"
        if event.worker.group == "check" and self.phase is Phase.CHECKING:
            self.phase = Phase.ASKING
            self.query_one(VerdictView).show_text(
                Text(f"! Internal error while checking (not your answer's fault): {reason}", style=BAD)
            )
            answer = self.query_one("#answer", AnswerInput)
            answer.disabled = False
        elif event.worker.group == "figure" and self.query(FigureView):
            self.query_one(FigureView).show_failure(reason)
