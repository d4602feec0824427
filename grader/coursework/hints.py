"""Hints are revealed one at a time, from a nudge to nearly the answer, and remembered."""

from __future__ import annotations

from dataclasses import dataclass

from grader.course import Course
from grader.progress import ProgressStore


@dataclass(frozen=True)
class HintReveal:
    """The hints of one exercise after asking for the next one."""

    exercise_id: str
    shown: tuple[str, ...]
    """Every hint revealed so far, in order."""
    total: int
    """How many hints the exercise has."""
    new: int | None
    """The 1-based number of the hint revealed now, or None when all were already shown."""

    @property
    def more(self) -> bool:
        """Whether another hint is left to reveal."""
        return len(self.shown) < self.total


def revealed_hints(store: ProgressStore, course: Course, exercise_id: str) -> tuple[str, ...]:
    """The hints revealed so far for an exercise, in order."""
    return tuple(course.exercise(exercise_id).hints[: store.revealed_hints(exercise_id)])


def reveal_next_hint(store: ProgressStore, course: Course, exercise_id: str) -> HintReveal:
    """Reveal (and record) the next hint of an exercise."""
    hints = course.exercise(exercise_id).hints
    new = store.reveal_next_hint(exercise_id, len(hints))
    return HintReveal(exercise_id, revealed_hints(store, course, exercise_id), len(hints), new)
