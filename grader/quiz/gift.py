"""Moodle GIFT import and export for the quiz bank.

`import_gift` turns a GIFT file into questions of our kinds and `export_gift` turns a bank into
GIFT; both report, as `GiftProblem`s, every question that uses something the other side cannot
hold. Import never drops a question silently: a question we cannot represent at all (a description,
several right answers to a single-answer question...) is skipped with a problem, and one that
we can represent only approximately (an essay, a short answer, partial credit, missing feedback
our models require...) is converted with a problem that says what changed. Missing texts that our
models require are written as placeholders starting with `TODO`.

What GIFT has no place for travels in comments Moodle ignores, `// @key: value` (`\\n` is a
newline there): `@title` (in a block of its own: the bank's title), and above a question
`@section`, `@figure: name: alt`, `@feedback N` (matching item N), `@model-answer` and
`@key-point N` (a free-text question, exported as an essay). The topic is the last part of the
`$CATEGORY:` path and the id the question's `::title::`, so our own exports come back unchanged.

Mapping, GIFT to ours (and back):

- multiple choice with one `=` → single_choice; a `[markdown]` one whose options are all fenced
  code blocks → code_choice (a fenced block ending the prompt is its context);
- multiple choice without `=`, weights `~%w%` → multiple_select (positive weight = right);
- `{T}`/`{TRUE}`/`{F}`/`{FALSE}` → true_false; `{#x:tol}` / `{#lo..hi}` → numeric, and its
  `=%0%` answers with feedback → known wrong answers;
- short answer `{=a =b}` → numeric when every accepted answer is the same number or shape,
  else free_text (the accepted answers become the model answer and key points);
- matching `{=a -> 1 ...}` → matching (`= -> x` is an extra choice); essay `{}` → free_text;
- missing word (text after `}`) keeps its place in the prompt as `_____`.

Export writes each kind back in the form above. Skipped (GIFT has no such question):
parameterised_numeric, symbolic, ordering. Converted with a problem: a shape (`7x7`) becomes a
short answer, a relative tolerance an absolute one, free_text an essay, and a figure or matching
feedback, which Moodle cannot show, stays in its `@` comment. Without `@section` an imported
question's section is `FILE line N`.
"""

from __future__ import annotations

import re
import string
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from grader.quiz.gift_parse import (
    BLANK,
    ChoicesBody,
    EssayBody,
    GiftAnswer,
    GiftError,
    GiftQuestion,
    NumericBody,
    TrueFalseBody,
    parse_gift,
)
from grader.quiz.models import Question, QuizFile
from grader.quiz.parsing import AnswerFormatError, parse_numbers
from grader.spec_base import describe_validation_error

__all__ = [
    "BLANK", "GiftError", "GiftExport", "GiftImport", "GiftProblem",
    "export_gift", "export_gift_file", "import_gift", "import_gift_file",
]

EXPLANATION_PLACEHOLDER = "TODO: explain the answer (the GIFT question has no general feedback)."
FEEDBACK_PLACEHOLDER = "TODO: say what this answer gets wrong (the GIFT answer has no feedback)."
MODEL_ANSWER_PLACEHOLDER = "TODO: write a model answer (the GIFT essay has none)."
KEY_POINT_PLACEHOLDER = "TODO: list what a complete answer mentions."


@dataclass(frozen=True)
class GiftProblem:
    """A question that uses something the other format cannot hold, and what was done about it."""

    question: str
    """The question: its GIFT title or `line N` on import, its id on export."""
    feature: str
    """The feature, in a word or two: `essay`, `partial credit`, `symbolic`, `missing feedback`..."""
    detail: str
    """What it means for this question, in one sentence."""
    skipped: bool
    """True when the question was left out; False when it was converted with this change."""
    line: int | None = None
    """The question's first line in the GIFT text (import only)."""

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line is not None and self.question != f"line {self.line}" else ""
        action = "skipped" if self.skipped else "converted"
        return f"{where}{self.question}: {self.feature} ({action}): {self.detail}"


@dataclass
class GiftImport:
    """The questions read from a GIFT file, and the problems met on the way."""

    title: str
    """The bank title: the file's `// @title:` comment, else `Imported from FILE`."""
    questions: list[Question]
    """The converted questions, in file order; each validated by its model."""
    problems: list[GiftProblem] = field(default_factory=list)
    """One or more per question that used something unsupported (skipped or converted)."""
    source: str = "<gift>"
    """The file name the GIFT text came from, for messages."""

    def bank(self) -> QuizFile:
        """The questions as a spec file; `GiftError` if none could be imported."""
        if not self.questions:
            raise GiftError(self.source, None, f"no question could be imported ({len(self.problems)} problems)")
        return QuizFile(title=self.title, questions=tuple(self.questions))

    def to_toml(self) -> str:
        """The bank as the text of a `course/quizzes/*.toml` spec file."""
        from grader.quiz.gift_write import bank_toml

        return bank_toml(self.bank(), header=f"Imported from {self.source} by grade's GIFT import.")


@dataclass
class GiftExport:
    """A bank written as GIFT, and the questions GIFT could not hold as they are."""

    text: str
    """The GIFT text."""
    problems: list[GiftProblem] = field(default_factory=list)
    """One or more per question that was skipped or changed."""
    exported: int = 0
    """How many questions the GIFT text holds."""


_QUESTION = TypeAdapter(Question)


def import_gift(text: str, *, source: str) -> GiftImport:
    """Parse GIFT text and convert it into our questions; `GiftError` ("FILE:LINE: reason") if malformed."""
    document = parse_gift(text, source=source)
    title = next((value for key, _, value in document.notes if key == "title"), None)
    result = GiftImport(title=title or f"Imported from {Path(source).name}", questions=[], source=source)
    used: set[str] = set()
    for question in document.questions:
        converted = _Converter(question, source, result.problems).convert()
        if converted is None:
            continue
        data = converted | {"id": _unique(_question_id(question), used)}
        try:
            result.questions.append(_QUESTION.validate_python(data))
        except ValidationError as error:
            reason = describe_validation_error(Question, error)
            result.problems.append(GiftProblem(question.name, "invalid", reason, True, question.line))
            used.discard(data["id"])
    return result


def export_gift(bank: QuizFile) -> GiftExport:
    """Write a bank as GIFT; questions GIFT cannot hold are skipped or changed, each with a problem."""
    from grader.quiz.gift_write import write_gift

    text, problems = write_gift(bank)
    skipped = {problem.question for problem in problems if problem.skipped}
    return GiftExport(text=text, problems=problems, exported=sum(q.id not in skipped for q in bank.questions))


def import_gift_file(src: Path, dest: Path) -> GiftImport:
    """Import the GIFT file `src` and write the bank to `dest`, which must not exist yet."""
    if dest.exists():
        raise GiftError(str(dest), None, "already exists; not overwriting it (choose another file or remove it)")
    try:
        text = src.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise GiftError(str(src), None, f"cannot read: {getattr(error, 'strerror', None) or error}") from None
    result = import_gift(text, source=src.name)
    toml = result.to_toml()
    try:
        with dest.open("x", encoding="utf-8") as handle:
            handle.write(toml)
    except FileExistsError:
        raise GiftError(str(dest), None, "already exists; not overwriting it") from None
    except OSError as error:
        raise GiftError(str(dest), None, f"cannot write: {error.strerror or error}") from None
    return result


def export_gift_file(bank_path: Path, dest: Path) -> GiftExport:
    """Load one bank file with the bank loader, export it, and write the GIFT text to `dest`."""
    from grader.quiz.bank import QuizSpecError, load_quiz_file

    try:
        bank = load_quiz_file(bank_path)
    except QuizSpecError as error:
        raise GiftError(str(bank_path), None, str(error).partition(": ")[2] or str(error)) from None  # the path once
    result = export_gift(bank)
    try:
        dest.write_text(result.text, encoding="utf-8")
    except OSError as error:
        raise GiftError(str(dest), None, f"cannot write: {error.strerror or error}") from None
    return result


# --- ids and topics ------------------------------------------------------------------------


def _slug(text: str, separator: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", separator, ascii_text).strip(separator)


def _question_id(question: GiftQuestion) -> str:
    slug = _slug(question.title or "", "-")[:56].strip("-")
    return slug or f"line-{question.line}"


def _unique(base: str, used: set[str]) -> str:
    candidate, number = base, 1
    while candidate in used:
        number += 1
        candidate = f"{base[:60 - len(str(number))].strip('-')}-{number}"
    used.add(candidate)
    return candidate


def _topic(category: str | None, source: str) -> str:
    """The last part of the `$CATEGORY:` path as a topic id, else the file's name, else `imported`."""
    for text in (category.rstrip("/").rsplit("/", 1)[-1] if category else "", Path(source).stem):
        if slug := _slug(text, "_")[:64].strip("_"):
            return slug if slug[0].isalpha() else f"topic_{slug}"[:64]
    return "imported"


# --- converting one question ---------------------------------------------------------------

_FENCE = re.compile(r"```([\w+-]*)\n(.*)\n```", flags=re.DOTALL)
_LANGUAGES = {"python": "python", "py": "python", "text": "text", "": "text"}


def _fenced(text: str) -> tuple[str, str] | None:
    """(language, code) when the whole text is one fenced code block."""
    match = _FENCE.fullmatch(text)
    if match is None or "\n```" in match[2]:
        return None
    return match[1], match[2]


def _trailing_fence(text: str) -> tuple[str, str, str] | None:
    """(text before, language, code) when the text ends with a fenced code block."""
    lines = text.split("\n")
    if len(lines) < 2 or lines[-1] != "```":
        return None
    opening = next((i for i in range(len(lines) - 2, -1, -1) if re.fullmatch(r"```[\w+-]*", lines[i])), None)
    if opening is None:
        return None
    return "\n".join(lines[:opening]).rstrip(), lines[opening][3:], "\n".join(lines[opening + 1:-1])


def _numbers(text: str) -> tuple[Any, ...] | None:
    """The number or shape a short answer stands for, or None; commas only inside brackets."""
    if "," in text and not re.fullmatch(r"[(\[].*[)\]]", text.strip()):
        return None
    try:
        return parse_numbers(text)
    except AnswerFormatError:
        return None


@dataclass
class _Converter:
    """Converts one parsed question into the data of one of our models (or None), noting problems."""

    question: GiftQuestion
    source: str
    problems: list[GiftProblem]

    def report(self, feature: str, detail: str, *, skipped: bool = False) -> None:
        self.problems.append(GiftProblem(self.question.name, feature, detail, skipped, self.question.line))

    def convert(self) -> dict[str, Any] | None:
        q = self.question
        if q.html:
            self.report("html", "the HTML markup was turned into plain text")
        if q.body is None:
            self.report("description", "a text without answers is no question here", skipped=True)
            return None
        if not q.text:
            self.report("no question text", "the question has answers but no text", skipped=True)
            return None
        data = self._by_kind(q.body)
        if data is None:
            return None
        section = q.note("section") or f"{Path(self.source).name} line {q.line}"
        base = {"topic": _topic(q.category, self.source), "section": section, "prompt": q.text}
        if figure := q.note("figure"):
            name, _, alt = figure.partition(":")
            base["figure"] = {"name": name.strip(), "alt": alt.strip()}
        return base | data

    def _by_kind(self, body: object) -> dict[str, Any] | None:
        match body:
            case EssayBody():
                return self._essay()
            case TrueFalseBody():
                return self._true_false(body)
            case NumericBody():
                return self._numeric(body)
            case ChoicesBody(answers) if any(a.marker == "~" for a in answers):
                return self._choice(answers)
            case ChoicesBody(answers) if any("->" in a.text for a in answers):
                return self._matching(answers)
            case ChoicesBody(answers):
                return self._short_answer(answers)
        raise TypeError(f"unknown GIFT body {body!r}")  # pragma: no cover

    def explanation(self, *parts: str | None) -> str:
        """The general feedback (after any right-answer feedback that has no place of its own)."""
        text = "\n\n".join(p for p in (*parts, self.question.general_feedback) if p)
        if text:
            return text
        self.report("missing feedback", "no general feedback (####): the explanation is a placeholder")
        return EXPLANATION_PLACEHOLDER

    def feedbacks(self, texts: list[str | None], what: str, numbers: list[int] | None = None) -> list[str]:
        """Each text, or a placeholder where it is missing (reported once, naming the answers by number)."""
        numbers = numbers or list(range(1, len(texts) + 1))
        missing = [str(n) for n, text in zip(numbers, texts, strict=True) if not text]
        if len(texts) == 1 and missing:
            self.report("missing feedback", f"{what} has no feedback (#): a placeholder is written")
        elif missing:
            verb = "has" if len(missing) == 1 else "have"
            self.report("missing feedback", f"{what} {', '.join(missing)} {verb} no feedback (#): placeholders written")
        return [text or FEEDBACK_PLACEHOLDER for text in texts]

    def _essay(self) -> dict[str, Any]:
        q = self.question
        model_answer = q.note("model-answer")
        points = [point for _, point in sorted(q.numbered_notes("key-point").items())]
        if model_answer is None or not points:
            self.report("essay", "graded by the student against a model answer here: placeholders written")
        return {
            "kind": "free_text", "explanation": self.explanation(),
            "model_answer": model_answer or MODEL_ANSWER_PLACEHOLDER, "key_points": points or [KEY_POINT_PLACEHOLDER],
        }

    def _true_false(self, body: TrueFalseBody) -> dict[str, Any]:
        (feedback,) = self.feedbacks([body.wrong_feedback], "the wrong judgement")
        return {"kind": "true_false", "answer": body.answer, "feedback": feedback,
                "explanation": self.explanation(body.right_feedback)}

    def _numeric(self, body: NumericBody) -> dict[str, Any] | None:
        right = [n for n in body.numbers if n.weight is None or n.weight == 100]
        wrong = [n for n in body.numbers if n.weight == 0]
        partial = [n for n in body.numbers if n not in right and n not in wrong]
        if not right:
            self.report("partial credit", "no answer earns full marks", skipped=True)
            return None
        answer = right[0]
        if len(right) > 1:
            self.report("several answers", f"only the first right answer ({answer.value}) is kept")
        if partial:
            values = ", ".join(f"{n.value} ({n.weight:g}%)" for n in partial)
            self.report("partial credit", f"answers worth part of the marks are dropped: {values}")
        if body.other_feedback is not None:
            self.report("other-answer feedback", "the feedback for any other answer (~#) is dropped")
        if any(n.tolerance != answer.tolerance for n in wrong):
            self.report("wrong-answer tolerance", f"known wrong answers are matched within {answer.tolerance:g}")
        feedback = self.feedbacks([n.feedback for n in wrong], "known wrong answers")
        return {
            "kind": "numeric", "answer": answer.value, "abs_tol": answer.tolerance,
            "wrong_answers": [{"answer": n.value, "feedback": f} for n, f in zip(wrong, feedback, strict=True)],
            "explanation": self.explanation(answer.feedback),
        }

    def _choice(self, answers: tuple[GiftAnswer, ...]) -> dict[str, Any] | None:
        right = [i for i, a in enumerate(answers) if a.marker == "="]
        if not right:
            return self._multiple_select(answers)
        if len(right) > 1:
            self.report("several right answers", "a single-answer question with several '=' answers", skipped=True)
            return None
        (correct,) = right
        partial = [a for i, a in enumerate(answers)
                   if (i != correct and (a.weight or 0) > 0) or (i == correct and a.weight not in (None, 100))]
        if partial:
            names = ", ".join(repr(a.text) for a in partial)
            self.report("partial credit", f"only the '=' answer counts as right; the marks of {names} are dropped")
        feedback = [a.feedback for a in answers]
        right_feedback = None
        if self.question.general_feedback is None:  # then the right answer's feedback explains it best
            right_feedback, feedback[correct] = feedback[correct], None
        wrong = [i for i in range(len(answers)) if i != correct]
        for i, text in zip(wrong, self.feedbacks([feedback[i] for i in wrong], "wrong options",
                                                 [i + 1 for i in wrong]), strict=True):
            feedback[i] = text
        options = [(a.text, i == correct, feedback[i]) for i, a in enumerate(answers)]
        explanation = self.explanation(right_feedback)
        code = self._code(options)
        if code is not None:
            return code | {"explanation": explanation}
        return {"kind": "single_choice", "explanation": explanation,
                "options": [_option("text", text, is_right, fb) for text, is_right, fb in options]}

    def _code(self, options: list[tuple[str, bool, str | None]]) -> dict[str, Any] | None:
        """A code_choice when the prompt is markdown and every option is one fenced code block."""
        q = self.question
        fences = [_fenced(text) for text, _, _ in options]
        if q.text_format != "markdown" or any(fence is None for fence in fences):
            return None
        languages = {language for language, _ in fences}  # type: ignore[misc]
        data: dict[str, Any] = {"kind": "code_choice", "prompt": q.text}
        if (context := _trailing_fence(q.text)) is not None and context[0]:
            data["prompt"], language, data["context"] = context
            languages.add(language)
        names = {_LANGUAGES.get(language, "text") for language in languages}
        if len(names) > 1 or not languages <= _LANGUAGES.keys():
            self.report("code language", f"code in {', '.join(sorted(languages))} is shown as {max(names)}")
        data["language"] = "python" if names == {"python"} else "text"
        data["options"] = [_option("code", fence[1], correct, fb)  # type: ignore[index]
                           for fence, (_, correct, fb) in zip(fences, options, strict=True)]
        return data

    def _multiple_select(self, answers: tuple[GiftAnswer, ...]) -> dict[str, Any] | None:
        weights = [a.weight or 0.0 for a in answers]
        positive = [w for w in weights if w > 0]
        if not positive:
            self.report("no right answer", "no answer is marked '=' or has a positive weight", skipped=True)
            return None
        if abs(sum(positive) - 100) > 0.01 or max(positive) - min(positive) > 0.01:
            self.report("partial credit", "the weights are not equal shares of 100%: every positive one counts "
                                          "as right, scored by overlap")
        feedback = self.feedbacks([a.feedback for a in answers], "options")
        return {"kind": "multiple_select", "explanation": self.explanation(),
                "options": [_option("text", a.text, w > 0, f) for a, w, f in zip(answers, weights, feedback,
                                                                                  strict=True)]}

    def _matching(self, answers: tuple[GiftAnswer, ...]) -> dict[str, Any] | None:
        pairs: list[tuple[str, str, GiftAnswer]] = []
        for answer in answers:
            if "->" not in answer.text:
                raise GiftError(self.source, answer.line, f"the matching pair {answer.text!r} has no '->'")
            left, _, right = answer.text.partition("->")
            pairs.append((left.strip(), right.strip(), answer))
        choices = list(dict.fromkeys(right for _, right, _ in pairs))
        items = [(left, right, answer) for left, right, answer in pairs if left]
        if len({right for _, right, _ in items}) < len(items):
            self.report("shared answer", "two items match the same answer", skipped=True)
            return None
        notes = self.question.numbered_notes("feedback")
        texts = [notes.get(n) or answer.feedback for n, (_, _, answer) in enumerate(items, start=1)]
        feedback = self.feedbacks(texts, "items")
        letters = [string.ascii_lowercase[i] if i < 26 else "?" for i in range(len(choices))]  # the model refuses "?"
        return {
            "kind": "matching", "explanation": self.explanation(), "choices": choices,
            "items": [{"text": left, "match": letters[choices.index(right)], "feedback": f}
                      for (left, right, _), f in zip(items, feedback, strict=True)],
        }

    def _short_answer(self, answers: tuple[GiftAnswer, ...]) -> dict[str, Any] | None:
        right = [a for a in answers if a.weight is None or a.weight == 100]
        wrong = [a for a in answers if a.weight == 0]
        partial = [a for a in answers if a not in right and a not in wrong]
        if not right:
            self.report("partial credit", "no answer earns full marks", skipped=True)
            return None
        numeric = self._numeric_short_answer(right, wrong)
        if partial:
            names = ", ".join(f"{a.text!r} ({a.weight:g}%)" for a in partial)
            self.report("partial credit", f"answers worth part of the marks are dropped: {names}")
        if numeric is not None:
            return numeric
        self.report("short answer", "the accepted answers become the model answer and key points of a "
                                    "self-rated free_text question")
        if wrong:
            self.report("wrong-answer feedback", "feedback for 0% answers is dropped")
        return {"kind": "free_text", "model_answer": right[0].text, "key_points": [a.text for a in right],
                "explanation": self.explanation(*(a.feedback for a in right))}

    def _numeric_short_answer(self, right: list[GiftAnswer], wrong: list[GiftAnswer]) -> dict[str, Any] | None:
        """A numeric question when every accepted answer is the same number or shape (`7x7` also as `7`)."""
        expected = _numbers(right[0].text)
        if expected is None:
            return None
        square = False
        for answer in right[1:]:
            value = _numbers(answer.text)
            if value == (expected[0],) and len(expected) == 2 and expected[0] == expected[1]:
                square = True
            elif value != expected:
                return None
        if any(_numbers(a.text) is None or len(_numbers(a.text) or ()) != len(expected) for a in wrong):
            return None
        feedback = self.feedbacks([a.feedback for a in wrong], "known wrong answers")
        return {
            "kind": "numeric", "answer": right[0].text, "square_shorthand": square,
            "wrong_answers": [{"answer": a.text, "feedback": f} for a, f in zip(wrong, feedback, strict=True)],
            "explanation": self.explanation(*(a.feedback for a in right)),
        }


def _option(key: str, text: str, correct: bool, feedback: str | None) -> dict[str, Any]:
    option: dict[str, Any] = {key: text, "correct": correct}
    if feedback:
        option["feedback"] = feedback
    return option

