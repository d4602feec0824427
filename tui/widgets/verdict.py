"""The feedback on an answer: the verdict in a symbol and words, targeted feedback, the right
answer and the explanation; for free text the model answer and the self-rating prompt."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual.widgets import Static

from grader.quiz.verdicts import SelfRating, Status, Verdict
from tui.formatting import BAD, GOOD, WARN, reflow

RATING_KEYS = {1: SelfRating.MISSED, 2: SelfRating.PARTLY, 3: SelfRating.HAD_IT}
"""The number keys of the self-rating and what they mean."""


_RATED_LOOK = {
    SelfRating.HAD_IT: ("✔", GOOD),
    SelfRating.PARTLY: ("~", WARN),
    SelfRating.MISSED: ("✘", BAD),
}


def strong(text: str, meaning: str) -> Text:
    """Bold text in the style of a meaning (`GOOD`, `BAD`...); theme names do not combine with
    attributes in one style string, so they go on as two spans."""
    result = Text(text, style="bold")
    result.stylize(meaning)
    return result


def _headline(verdict: Verdict) -> Text:
    if verdict.status is Status.CORRECT:
        return strong("✔ Correct.", GOOD)
    if verdict.status is Status.SELF_RATED and verdict.self_rating is not None:
        symbol, style = _RATED_LOOK[verdict.self_rating]
        return strong(f"{symbol} {verdict.message}", style)
    partial = f" (partly right: score {verdict.score:.2g})" if verdict.score > 0 else ""
    return strong(f"✘ Not quite.{partial}", BAD)


def _labelled(label: str, body: str) -> Text:
    text = Text().append(f"{label} ", style="bold")
    text.append(reflow(body))
    return text


def _bullets(lines: tuple[str, ...]) -> list[Text]:
    return [Text("• ").append(reflow(line)) for line in lines]


def verdict_renderable(verdict: Verdict, *, code_options: bool = False) -> RenderableType:
    """Everything the student should see after an answer, in reading order. With `code_options`
    the right answer is named by its number (its code is on screen, marked ✔) rather than run
    together into one line."""
    if verdict.status is Status.INVALID:
        return Group(
            strong(f"! Cannot read that answer: {verdict.message}.", WARN),
            Text("Try again: an unreadable answer costs nothing.", style="dim"),
        )
    model = verdict.status in {Status.NEEDS_RATING, Status.SELF_RATED}
    expected = [_labelled("Model answer:" if model else "Answer:", verdict.expected)] if verdict.expected else []
    if code_options and verdict.expected:
        number = verdict.expected.split(":", 1)[0]
        expected = [Text().append("Answer: ", style="bold").append(f"option {number}, marked ✔ above")]
    if verdict.status is Status.NEEDS_RATING:
        rate = Text().append("Rate your answer against it:\n", style="bold")
        rate.append("   ".join(f"{key} {rating.label}" for key, rating in RATING_KEYS.items()))
        return Group(*expected, *_bullets(verdict.feedback), rate)
    why = [_labelled("Why:", verdict.explanation)] if verdict.explanation else []
    return Group(_headline(verdict), *_bullets(verdict.feedback), *expected, *why)


class VerdictView(Static):
    """Feedback on the latest answer; empty while the question is open."""

    def __init__(self) -> None:
        super().__init__(id="verdict")
        self.verdict: Verdict | None = None
        self.display = False

    def show_checking(self) -> None:
        """Say that the answer is being checked."""
        self.verdict = None
        self.display = True
        self.update(Text("… checking your answer", style="italic"))

    def show(self, verdict: Verdict, *, code_options: bool = False) -> None:
        """Show a verdict (of any status); `code_options` for a code-choice question."""
        self.verdict = verdict
        self.display = True
        self.set_class(verdict.status is Status.INVALID, "-invalid")
        self.set_class(verdict.passed, "-passed")
        self.set_class(verdict.graded and not verdict.passed, "-failed")
        self.update(verdict_renderable(verdict, code_options=code_options))

    def show_text(self, text: Text) -> None:
        """Show a plain message (e.g. a hint to choose an option first)."""
        self.verdict = None
        self.display = True
        self.update(text)
