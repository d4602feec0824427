"""Load and validate the question bank: every `*.toml` spec file of a quiz folder.

A broken file is reported as one `QuizSpecError` whose `str()` is a single line naming the file,
the field path and the reason, e.g.
`course/quizzes/day2.toml: questions[3].options[1].feedback: Field required (question day2-6-1-2)`,
the same form as the course loader's. `bank_problems` lists every problem at once.

Topics are the course map's: when the quiz folder sits in a course (`<course>/quizzes` next to
`<course>/course.toml`), every question's topic must be one of that file's `[[topics]] id`s, and
the bank lists topics in the course map's order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from grader.quiz.models import Question, QuizFile
from grader.spec_base import Problems, relative_name


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
    bank = _read_bank(quiz_dir, Problems(_course_root(quiz_dir), QuizSpecError, collect=False))
    assert bank is not None  # a problem raised
    return bank


def bank_problems(quiz_dir: Path) -> list[str]:
    """Every problem of the bank in `quiz_dir`, each one line `file: field: reason`."""
    return checked_bank(quiz_dir)[1]


def checked_bank(quiz_dir: Path) -> tuple[QuestionBank | None, list[str]]:
    """The bank in `quiz_dir` and every problem found loading it (the bank is None when there are any)."""
    problems = Problems(_course_root(quiz_dir), QuizSpecError, collect=True)
    return _read_bank(quiz_dir, problems), problems.lines


def _course_root(quiz_dir: Path) -> Path:
    """The folder the messages name files from: the course root for `<root>/course/quizzes`."""
    folder = quiz_dir.resolve()
    return folder.parent.parent if folder.parent.name == "course" else folder.parent


def _read_bank(quiz_dir: Path, problems: Problems) -> QuestionBank | None:
    if not quiz_dir.is_dir():
        problems.add(quiz_dir, "no such quiz folder")
        return None
    files = sorted(quiz_dir.glob("*.toml"))
    if not files:
        problems.add(quiz_dir, "no *.toml question files")
        return None
    figures_dir = quiz_dir.parent / "figures"
    course_topics = _course_topics(quiz_dir.parent / "course.toml", problems)
    questions: list[Question] = []
    source: dict[str, Path] = {}
    for path in files:
        spec = _read_file(path, problems)
        if spec is None:
            continue
        for index, question in enumerate(spec.questions):
            where = f"questions[{index}]"
            named = f" (question {question.id})"
            if question.id in source:
                problems.add(path, f"{where}.id: duplicate id {question.id!r}, also in {relative_name(source[question.id], problems.root)}")
                continue
            if question.figure is not None and not (figures_dir / f"{question.figure.name}.py").is_file():
                problems.add(path, f"{where}.figure.name: no figure module {relative_name(figures_dir / (question.figure.name + '.py'), problems.root)}{named}")
            if course_topics and question.topic not in course_topics:
                problems.add(path, f"{where}.topic: unknown topic {question.topic!r} (course.toml has {', '.join(course_topics)}){named}")
            source[question.id] = path
            questions.append(question)
    if problems.lines:
        return None
    return QuestionBank(questions=tuple(questions), source=tuple(source.items()), topic_order=course_topics)


def _course_topics(course_map: Path, problems: Problems) -> tuple[str, ...]:
    """The topic ids of the course map, in order; empty if there is no course map.

    Only `[[topics]] id` is read; validating the rest of the course map is the course loader's job.
    """
    if not course_map.is_file():
        return ()
    data = problems.readable(course_map) or {}
    topics = data.get("topics", [])
    return tuple(t["id"] for t in topics if isinstance(t, dict) and isinstance(t.get("id"), str))


def load_quiz_file(path: Path) -> QuizFile:
    """Read and validate one spec file; raise `QuizSpecError` (one line) if it is broken."""
    spec = _read_file(path, Problems(_course_root(path.parent), QuizSpecError, collect=False))
    assert spec is not None
    return spec


def _read_file(path: Path, problems: Problems) -> QuizFile | None:
    data = problems.readable(path)
    if data is None:
        return None
    try:
        return QuizFile.model_validate(data)
    except ValidationError as error:
        problems.invalid(path, QuizFile, error, note=lambda loc: _question_named(loc, data))
        return None


def _question_named(loc: tuple, data: dict) -> str:
    """` (question ID)` for a location inside a question whose id is known, else nothing."""
    if len(loc) >= 2 and loc[0] == "questions" and isinstance(loc[1], int):
        questions = data.get("questions")
        if isinstance(questions, list) and 0 <= loc[1] < len(questions) and isinstance(questions[loc[1]], dict):
            question_id = questions[loc[1]].get("id")
            if isinstance(question_id, str) and loc[2:] != ("id",):
                return f" (question {question_id})"
    return ""
