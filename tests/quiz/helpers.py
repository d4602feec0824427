"""Helpers shared by the quiz tests (imported relatively: `from .helpers import ...`)."""

from __future__ import annotations

from grader.paths import bundled_course_root
from grader.quiz.answer_key import right_answer
from grader.quiz.checking import QuestionInstance

QUIZ_DIR = bundled_course_root() / "course" / "quizzes"
FIGURES_DIR = bundled_course_root() / "course" / "figures"


def correct_raw_answer(instance: QuestionInstance) -> str:
    """What a student who knows the answer would type (the core's answer key)."""
    return right_answer(instance)
