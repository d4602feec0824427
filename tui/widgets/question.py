"""One question as shown: where it comes from, the prompt, its figure and code, its options (or
items and steps), and how to answer.

Choice questions (single choice, multiple select, code choice, true/false) are answered with the
number keys; `choice_options` and `choice_answer` say how. Every other kind is typed into the
quiz screen's input in the format `how_to_answer` gives.
"""

from __future__ import annotations

import string

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.highlight import highlight
from textual.visual import VisualType
from textual.widgets import Static

from grader.quiz.checking import QuestionInstance, how_to_answer
from grader.quiz.models import (
    CodeChoiceQuestion,
    MatchingQuestion,
    MultipleSelectQuestion,
    OrderingQuestion,
    Question,
    SingleChoiceQuestion,
    TrueFalseQuestion,
)
from grader.quiz.store import Attempt
from tui.formatting import GOOD, WARN, reflow
from tui.widgets.choices import ChoiceList
from tui.widgets.figure import FigureView

TRUE_FALSE = ("true", "false")
"""The two options of a true/false question, in key order (1 is true, 2 is false)."""


def code(text: str, language: str) -> Content:
    """Code with syntax highlighting from the app's theme (plain for `text`)."""
    source = text.strip("\n")
    return Content(source) if language == "text" else highlight(source, language=language)


def choice_options(question: Question) -> list[VisualType] | None:
    """The options the number keys choose from, or None when the answer is typed."""
    match question:
        case SingleChoiceQuestion() | MultipleSelectQuestion():
            return [Text(reflow(option.text)) for option in question.options]
        case CodeChoiceQuestion():
            return [code(option.code, question.language) for option in question.options]
        case TrueFalseQuestion():
            return [Text(word) for word in TRUE_FALSE]
        case _:
            return None


def option_count(question: Question) -> int:
    """How many options the number keys choose from; 0 when the answer is typed."""
    match question:
        case SingleChoiceQuestion() | MultipleSelectQuestion() | CodeChoiceQuestion():
            return len(question.options)
        case TrueFalseQuestion():
            return len(TRUE_FALSE)
        case _:
            return 0


def choice_answer(question: Question, chosen: frozenset[int]) -> str:
    """What the chosen option numbers mean as a typed answer for `check_answer`."""
    if isinstance(question, TrueFalseQuestion):
        return TRUE_FALSE[min(chosen) - 1]
    return ",".join(str(number) for number in sorted(chosen))


def _previously(attempt: Attempt | None) -> Text:
    if attempt is None:
        return Text("new", style="dim")
    if attempt.passed:
        return Text("last answer ✔ right", style=GOOD)
    if attempt.self_rating is not None:
        return Text(f"last answer ~ {attempt.self_rating.label.lower()}", style=WARN)
    return Text("last answer ✘ wrong", style=WARN)


class QuestionView(Vertical):
    """A question as asked: meta line, prompt, figure, code, options, and how to answer."""

    def __init__(self, instance: QuestionInstance, *, previous: Attempt | None = None) -> None:
        """Show `instance`; `previous` is the student's latest answer to it, if any."""
        super().__init__(id="question")
        self.instance = instance
        self.previous = previous

    def compose(self) -> ComposeResult:
        question = self.instance.question
        meta = Text(f"{question.id} · {question.kind.replace('_', ' ')} · {question.section} · ", style="dim")
        meta.append_text(_previously(self.previous))
        yield Static(meta, id="meta")
        yield Static(Text(reflow(self.instance.prompt)), id="prompt")
        if question.figure is not None:
            yield FigureView(question.figure)
        if isinstance(question, CodeChoiceQuestion) and question.context:
            yield Static(code(question.context, question.language), id="context", classes="code")
        options = choice_options(question)
        if options is not None:
            yield ChoiceList(
                options,
                multiple=isinstance(question, MultipleSelectQuestion),
                code=isinstance(question, CodeChoiceQuestion),
                id="choices",
            )
        elif isinstance(question, MatchingQuestion):
            yield Static(self._matching(question), id="matching")
        elif isinstance(question, OrderingQuestion):
            yield Static(self._numbered("Steps", list(question.steps)), id="steps")
        yield Static(Text(how_to_answer(question), style="italic dim"), id="how")

    @staticmethod
    def _numbered(title: str, lines: list[str], labels: str | None = None) -> Text:
        text = Text(f"{title}\n", style="bold")
        for index, line in enumerate(lines):
            label = labels[index] if labels else str(index + 1)
            text.append(f" {label:>2}. ", style="bold")
            text.append(reflow(line))
            text.append("\n")
        text.rstrip()
        return text

    def _matching(self, question: MatchingQuestion) -> Text:
        text = self._numbered("Items", [item.text for item in question.items])
        text.append("\n")
        text.append_text(self._numbered("Choices", list(question.choices), string.ascii_lowercase))
        return text
