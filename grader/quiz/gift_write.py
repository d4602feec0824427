"""Write a bank as Moodle GIFT text (`write_gift`), and a bank as the TOML of a spec file (`bank_toml`).

Every text is escaped the way Moodle's own export escapes it (`\\ ~ = # { } :` and newlines as
`\\n`), so each question stays on one line and Moodle reads back exactly what was written. Prompts
are `[markdown]`, as the course texts use backticks and emphasis. What GIFT has no place for goes
into `// @key: value` comments (see `grader.quiz.gift`), and every question GIFT cannot hold as it
is gets a `GiftProblem`.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from fractions import Fraction
from typing import Any

from grader.quiz.gift import GiftProblem
from grader.quiz.gift_parse import escape, escape_note
from grader.quiz.models import (
    CodeChoiceQuestion,
    FreeTextQuestion,
    MatchingQuestion,
    MultipleSelectQuestion,
    NumericQuestion,
    Question,
    QuizFile,
    SingleChoiceQuestion,
    TrueFalseQuestion,
)
from grader.quiz.parsing import parse_numbers

_NOT_IN_GIFT = {
    "parameterised_numeric": "GIFT has no parameters drawn per attempt",
    "symbolic": "GIFT cannot check an expression by equivalence (a short answer compares the text)",
    "ordering": "GIFT has no ordering question",
}
_DECIMAL = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$")


def write_gift(bank: QuizFile) -> tuple[str, list[GiftProblem]]:
    """The bank as GIFT text, and the problems of the questions it could not hold as they are."""
    problems: list[GiftProblem] = []
    blocks = [f"// {bank.title}: exported by grade\n// @title: {escape_note(bank.title)}"]
    topic = None
    for question in bank.questions:

        def report(feature: str, detail: str, *, skipped: bool = False, qid: str = question.id) -> None:
            problems.append(GiftProblem(qid, feature, detail, skipped))

        if question.kind in _NOT_IN_GIFT:
            report(question.kind, _NOT_IN_GIFT[question.kind], skipped=True)
            continue
        answers = _answers(question, report)
        if answers is None:
            continue
        if question.topic != topic:
            topic = question.topic
            blocks.append(f"$CATEGORY: $course$/top/{topic}")
        notes = [("section", question.section)]
        if question.figure is not None:
            notes.append(("figure", f"{question.figure.name}: {question.figure.alt}"))
            report("figure", f"Moodle cannot draw {question.figure.name}; it is kept in a // @figure comment")
        notes += _numbered_notes(question)
        prompt = question.prompt
        if isinstance(question, CodeChoiceQuestion) and question.context is not None:
            prompt += "\n\n" + _fence(question.context, question.language)
        lines = [f"// @{key}: {escape_note(value)}" for key, value in notes]
        lines.append(f"::{escape(question.id)}::[markdown]{escape(prompt)}{{{answers}")
        lines.append(f"\t####{escape(question.explanation)}\n}}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n", problems


def _numbered_notes(question: Question) -> list[tuple[str, str]]:
    if isinstance(question, MatchingQuestion):
        return [(f"feedback {n}", item.feedback) for n, item in enumerate(question.items, start=1)]
    if isinstance(question, FreeTextQuestion):
        points = [(f"key-point {n}", point) for n, point in enumerate(question.key_points, start=1)]
        return [("model-answer", question.model_answer), *points]
    return []


def _answers(question: Question, report: Any) -> str | None:
    """The inside of the answer block (without the general feedback), or None when it is skipped."""
    match question:
        case SingleChoiceQuestion() | CodeChoiceQuestion():
            if isinstance(question, CodeChoiceQuestion):
                shown = [escape(_fence(o.code, question.language)) for o in question.options]
            else:
                shown = [escape(o.text) for o in question.options]
            return "".join(_line(("=" if o.correct else "~") + text, o.feedback)
                           for o, text in zip(question.options, shown, strict=True))
        case MultipleSelectQuestion():
            right = sum(o.correct for o in question.options)
            share = {True: _percent(100 / right), False: _percent(-100 / max(len(question.options) - right, 1))}
            return "".join(_line(f"~%{share[o.correct]}%{escape(o.text)}", o.feedback) for o in question.options)
        case TrueFalseQuestion():
            return _line("TRUE" if question.answer else "FALSE", question.feedback)
        case NumericQuestion():
            return _numeric(question, report)
        case MatchingQuestion():
            return _matching(question, report)
        case FreeTextQuestion():
            report("free_text", "written as an essay, which Moodle has a teacher grade; the model answer and "
                                "key points are kept in // @ comments")
            return ""
    raise TypeError(f"no GIFT for {type(question).__name__}")  # pragma: no cover


def _line(text: str, feedback: str | None) -> str:
    return f"\n\t{text}" + (f"#{escape(feedback)}" if feedback else "")


def _fence(code: str, language: str) -> str:
    """A fenced block whose content comes back exactly (a final newline becomes a blank line)."""
    return f"```{language}\n{code}\n```"


def _percent(value: float) -> str:
    return f"{value:.5f}".rstrip("0").rstrip(".")


def _numeric(question: NumericQuestion, report: Any) -> str:
    if len(question.expected) > 1:
        return _shape(question, report)
    tolerance = Fraction(str(question.abs_tol))
    if question.rel_tol:
        tolerance += Fraction(str(question.rel_tol)) * abs(question.expected[0])
        report("relative tolerance", f"GIFT tolerances are absolute: written as ±{float(tolerance)!r}")
    suffix = f":{float(tolerance)!r}" if tolerance else ""
    answer = _number(question.answer, report)
    if not question.wrong_answers:
        return f"#\n\t{answer}{suffix}"
    wrong = "".join(_line(f"=%0%{_number(w.answer, report)}{suffix}", w.feedback) for w in question.wrong_answers)
    return f"#\n\t={answer}{suffix}{wrong}"


def _number(text: str, report: Any) -> str:
    """A number as GIFT writes it: a decimal; `1/4` or `25%` are converted (and reported)."""
    if _DECIMAL.match(text.strip()):
        return text.strip()
    (value,) = parse_numbers(text)
    denominator = value.denominator
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    exact = denominator == 1
    written = format(Decimal(value.numerator) / Decimal(value.denominator), "f") if exact else repr(float(value))
    report("number format", f"{text!r} is written as {written}" + ("" if exact else " (rounded)"))
    return written


def _shape(question: NumericQuestion, report: Any) -> str:
    """A shape as a short answer: the text is compared as written, so tolerances cannot be kept."""
    detail = f"the shape {question.answer} is a short answer: Moodle compares the text exactly"
    if question.abs_tol or question.rel_tol:
        detail += ", and its tolerance is dropped"
    report("shape", detail)
    accepted = [question.answer] + ([str(question.expected[0])] if question.square_shorthand else [])
    right = "".join(_line(f"={escape(text)}", None) for text in accepted)
    return right + "".join(_line(f"=%0%{escape(w.answer)}", w.feedback) for w in question.wrong_answers)


def _matching(question: MatchingQuestion, report: Any) -> str | None:
    if any("->" in item.text for item in question.items):
        report("matching", "an item's text holds '->', which GIFT reads as the pair's arrow", skipped=True)
        return None
    matches = [item.match for item in question.items]
    if matches != sorted(matches):
        report("choice order", "GIFT lists choices with their items, so the choices come back in item order")
    distractors = [letter for letter in "abcdefghijkl"[: len(question.choices)] if letter not in matches]
    lines: list[str] = []
    for item in question.items:
        while distractors and distractors[0] < item.match:
            lines.append(_line(f"= -> {escape(question.choices[ord(distractors.pop(0)) - 97])}", None))
        lines.append(_line(f"={escape(item.text)} -> {escape(question.choices[ord(item.match) - 97])}", None))
    lines += [_line(f"= -> {escape(question.choices[ord(letter) - 97])}", None) for letter in distractors]
    report("matching feedback", "Moodle shows no feedback per item; it is kept in // @feedback comments")
    return "".join(lines)


# --- TOML ----------------------------------------------------------------------------------------


def bank_toml(bank: QuizFile, *, header: str = "") -> str:
    """The bank as the TOML of a spec file, laid out like the shipped ones (sub-tables last)."""
    lines = [f"# {line}" for line in header.splitlines()] + ([""] if header else [])
    lines.append(f"title = {_value(bank.title)}")
    for question in bank.questions:
        data = question.model_dump(mode="json", exclude_defaults=True)
        data = {"id": data.pop("id"), "kind": data.pop("kind")} | data
        lines += ["", "[[questions]]"]
        _table(lines, data, "questions")
    return "\n".join(lines) + "\n"


def _table(lines: list[str], data: dict[str, Any], path: str) -> None:
    tables = {key: value for key, value in data.items()
              if isinstance(value, list) and value and all(isinstance(item, dict) for item in value)}
    lines += [f"{key} = {_value(value)}" for key, value in data.items() if key not in tables]
    for key, items in tables.items():
        for item in items:
            lines.append(f"[[{path}.{key}]]")
            _table(lines, item, f"{path}.{key}")


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{key} = {_value(item)}" for key, item in value.items()) + " }"
    if isinstance(value, list):
        items = [_value(item) for item in value]
        if sum(map(len, items)) < 80 and not any("\n" in item for item in items):
            return "[" + ", ".join(items) + "]"
        return "[\n" + "".join(f"    {item},\n" for item in items) + "]"
    raise TypeError(f"no TOML for {type(value).__name__}")


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _string(text: str) -> str:
    """A TOML basic string; a text with line breaks as a multi-line one, like the hand-written specs."""
    if "\n" not in text:
        return _CONTROL.sub(lambda m: f"\\u{ord(m[0]):04x}", json.dumps(text, ensure_ascii=False))
    body = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"""\n' + _CONTROL.sub(lambda m: f"\\u{ord(m[0]):04x}", body) + '"""'
