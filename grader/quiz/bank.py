"""Load and validate the question bank: every `*.toml` spec file of a quiz folder.

A broken file is reported as one `QuizSpecError` whose `str()` is a single line naming the file,
the field path and the reason, e.g.
`day2.toml: questions[3] (day2-6-1-2).options[1].feedback: Field required`.

Topics are the course map's: when the quiz folder sits in a course (`<course>/quizzes` next to
`<course>/course.toml`), every question's topic must be one of that file's `[[topics]] id`s, and
the bank lists topics in the course map's order.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from grader.quiz.models import Question, QuizFile


class QuizSpecError(ValueError):
    """A quiz spec file that cannot be read or does not validate; `str()` is one line."""


@dataclass(frozen=True)
class QuestionBank:
    """All questions of a course, in file order (files sorted by name), ids unique."""

    questions: tuple[Question, ...]
    """Every question."""
    source: tuple[tuple[str, Path], ...] = ()
    """Which file each question id came from."""
    topic_order: tuple[str, ...] = ()
    """The course map's topic ids in course order (empty when there is no course map)."""

    def get(self, question_id: str) -> Question | None:
        """The question with this id, or None."""
        return next((q for q in self.questions if q.id == question_id), None)

    @property
    def ids(self) -> tuple[str, ...]:
        """Every question id, in bank order."""
        return tuple(question.id for question in self.questions)

    @property
    def topics(self) -> tuple[str, ...]:
        """The topics that have questions, in course order (else in order of first appearance)."""
        present = list(dict.fromkeys(question.topic for question in self.questions))
        ordered = [topic for topic in self.topic_order if topic in present]
        return tuple(ordered + [topic for topic in present if topic not in ordered])

    def select(self, *, topic: str | None = None, ids: Iterable[str] | None = None) -> tuple[Question, ...]:
        """The questions of one topic and/or with the given ids (in the order of `ids` when given)."""
        chosen = self.questions if ids is None else tuple(
            question for question_id in ids if (question := self.get(question_id)) is not None
        )
        return tuple(question for question in chosen if topic is None or question.topic == topic)


def load_bank(quiz_dir: Path) -> QuestionBank:
    """Read and validate every `*.toml` file in `quiz_dir`; raise `QuizSpecError` on the first problem."""
    if not quiz_dir.is_dir():
        raise QuizSpecError(f"{quiz_dir}: no such quiz folder")
    files = sorted(quiz_dir.glob("*.toml"))
    if not files:
        raise QuizSpecError(f"{quiz_dir}: no *.toml question files")
    figures_dir = quiz_dir.parent / "figures"
    course_topics = _course_topics(quiz_dir.parent / "course.toml")
    questions: list[Question] = []
    source: dict[str, Path] = {}
    for path in files:
        spec = load_quiz_file(path)
        for index, question in enumerate(spec.questions):
            where = f"{path.name}: questions[{index}] ({question.id})"
            if question.id in source:
                raise QuizSpecError(f"{where}.id: duplicate id, also in {source[question.id].name}")
            if question.figure is not None and not (figures_dir / f"{question.figure.name}.py").is_file():
                raise QuizSpecError(
                    f"{where}.figure.name: no figure module {question.figure.name}.py in {figures_dir}"
                )
            if course_topics and question.topic not in course_topics:
                raise QuizSpecError(
                    f"{where}.topic: unknown topic {question.topic!r} (course.toml has {', '.join(course_topics)})"
                )
            source[question.id] = path
            questions.append(question)
    return QuestionBank(questions=tuple(questions), source=tuple(source.items()), topic_order=course_topics)


def _course_topics(course_map: Path) -> tuple[str, ...]:
    """The topic ids of the course map, in order; empty if there is no readable course map.

    Only `[[topics]] id` is read; validating the rest of the course map is the course loader's job.
    """
    if not course_map.is_file():
        return ()
    try:
        with course_map.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise QuizSpecError(f"{course_map.name}: cannot read the course topics: {error}") from None
    topics = data.get("topics", [])
    return tuple(t["id"] for t in topics if isinstance(t, dict) and isinstance(t.get("id"), str))


def load_quiz_file(path: Path) -> QuizFile:
    """Read and validate one spec file; raise `QuizSpecError` (one line) if it is broken."""
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except OSError as error:
        raise QuizSpecError(f"{path.name}: cannot read: {error.strerror or error}") from None
    except tomllib.TOMLDecodeError as error:
        raise QuizSpecError(f"{path.name}: TOML syntax: {error}") from None
    try:
        return QuizFile.model_validate(data)
    except ValidationError as error:
        raise QuizSpecError(f"{path.name}: {_describe(error, data)}") from None


def _describe(error: ValidationError, data: object) -> str:
    """The first validation problem as `field.path: reason`, with the question id when known."""
    first = error.errors(include_url=False)[0]
    path = _field_path(first["loc"], data)
    more = error.error_count() - 1
    reason = " ".join(str(first["msg"]).split()).removeprefix("Value error, ")
    suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    return f"{path or '(top level)'}: {reason}{suffix}"


def _field_path(loc: tuple[int | str, ...], data: object) -> str:
    """Render a pydantic location like `questions[3] (day2-6-1-2).options[1].feedback`.

    The discriminated union adds the kind tag after the question index; it is dropped because the
    question id names the question better.
    """
    parts: list[str] = []
    node: object = data
    previous: int | str | None = None
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part}]")
            node = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            if previous == "questions" and isinstance(node, dict) and isinstance(node.get("id"), str):
                parts.append(f" ({node['id']})")
        elif previous is not None and isinstance(previous, int) and isinstance(node, dict) and node.get("kind") == part:
            pass
        else:
            parts.append(f".{part}" if parts else part)
            node = node.get(part) if isinstance(node, dict) else None
        previous = part
    return "".join(parts)
