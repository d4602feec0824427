"""The typed result of checking one answer."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    """What became of an answer."""

    CORRECT = "correct"
    """Right."""
    WRONG = "wrong"
    """Readable but not right."""
    INVALID = "invalid"
    """Could not be read (a format problem): no penalty, the student tries again."""
    NEEDS_RATING = "needs_rating"
    """A free-text answer waiting for the student's own rating against the model answer."""
    SELF_RATED = "self_rated"
    """A free-text answer the student has rated; `self_rating` says how well."""


class SelfRating(StrEnum):
    """How a student rates their own free-text answer against the model answer."""

    MISSED = "missed"
    """I missed it (score 0)."""
    PARTLY = "partly"
    """I partly had it (score 0.5)."""
    HAD_IT = "had_it"
    """I had it (score 1)."""

    @property
    def score(self) -> float:
        """The score this rating is worth, between 0 and 1."""
        return {SelfRating.MISSED: 0.0, SelfRating.PARTLY: 0.5, SelfRating.HAD_IT: 1.0}[self]

    @property
    def label(self) -> str:
        """The words a UI shows for this rating."""
        return {SelfRating.MISSED: "I missed it", SelfRating.PARTLY: "I partly had it",
                SelfRating.HAD_IT: "I had it"}[self]


@dataclass(frozen=True)
class Verdict:
    """The outcome of one answer: status, what to tell the student, and a score."""

    question_id: str
    """The question answered."""
    status: Status
    """Correct, wrong, invalid, waiting for a self-rating, or self-rated."""
    message: str
    """One line: "Correct.", "Not quite.", or for an invalid answer what format was expected."""
    feedback: tuple[str, ...] = ()
    """Targeted feedback lines (for wrong options picked, known wrong answers, key points...)."""
    explanation: str | None = None
    """The question's explanation; None for an invalid answer (nothing is revealed)."""
    expected: str | None = None
    """The right answer as text for display; None for an invalid answer."""
    score: float = 0.0
    """Between 0 and 1; partial for multiple select (Jaccard), matching and ordering (share right)."""
    self_rating: SelfRating | None = None
    """The student's own rating, for a self-rated free-text answer."""

    @property
    def graded(self) -> bool:
        """Whether this verdict counts as an attempt (not invalid, not waiting for a rating)."""
        return self.status in {Status.CORRECT, Status.WRONG, Status.SELF_RATED}

    @property
    def passed(self) -> bool:
        """Correct, or self-rated "I had it"."""
        return self.status is Status.CORRECT or self.self_rating is SelfRating.HAD_IT
