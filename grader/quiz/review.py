"""Spaced repetition of quiz questions with FSRS (the `fsrs` package, major version 6).

Each question has an FSRS `Card`. A graded verdict becomes a rating: correct → Good, wrong →
Again, a self-rated free-text answer → the student's rating (missed → Again, partly → Hard,
had it → Good). Speed is not used (no Easy from fast answers): answer times in a terminal say more
about typing than about memory. Invalid answers and answers still waiting for a self-rating are
not reviews. The review queue puts due cards first, most overdue first, and interleaves questions
never seen before.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from fsrs import Card, Rating, Scheduler

from grader.quiz.verdicts import SelfRating, Status, Verdict

NEW_EVERY = 3
"""In the queue, one new question follows every this many due reviews."""

_SELF_RATINGS = {SelfRating.MISSED: Rating.Again, SelfRating.PARTLY: Rating.Hard, SelfRating.HAD_IT: Rating.Good}


def rating_for(verdict: Verdict) -> Rating | None:
    """The FSRS rating a verdict stands for, or None when it is not a review (invalid, unrated)."""
    match verdict.status:
        case Status.CORRECT:
            return Rating.Good
        case Status.WRONG:
            return Rating.Again
        case Status.SELF_RATED if verdict.self_rating is not None:
            return _SELF_RATINGS[verdict.self_rating]
        case _:
            return None


def new_card(question_id: str, now: datetime | None = None) -> Card:
    """A fresh card, due now, whose id is derived from the question id (stable across runs)."""
    card_id = int(hashlib.sha256(question_id.encode()).hexdigest()[:12], 16)
    return Card(card_id=card_id, due=now or datetime.now(UTC))


def make_scheduler(*, fuzzing: bool = True) -> Scheduler:
    """The FSRS scheduler with its default parameters (90% desired retention)."""
    return Scheduler(enable_fuzzing=fuzzing)


def review(
    scheduler: Scheduler, question_id: str, card: Card | None, verdict: Verdict, now: datetime
) -> Card | None:
    """The card after this verdict, or None if the verdict is not a review (the card is unchanged)."""
    rating = rating_for(verdict)
    if rating is None:
        return None
    _require_utc(now)
    updated, _log = scheduler.review_card(card or new_card(question_id, now), rating, now)
    return updated


@dataclass(frozen=True)
class QueueItem:
    """One question in the review queue."""

    question_id: str
    """The question to ask."""
    due: datetime | None
    """When its card is due; None for a question never answered."""

    @property
    def is_new(self) -> bool:
        """Whether the question has never been reviewed."""
        return self.due is None


def review_queue(
    question_ids: Iterable[str],
    cards: Mapping[str, Card],
    now: datetime,
    *,
    limit: int | None = None,
    new_every: int = NEW_EVERY,
) -> list[QueueItem]:
    """Due questions ordered by due date, with new questions (no card) interleaved after every
    `new_every` due ones; questions not yet due are left out. New questions keep bank order."""
    _require_utc(now)
    ordered = list(question_ids)
    due = sorted(
        (QueueItem(qid, cards[qid].due) for qid in ordered if qid in cards and cards[qid].due <= now),
        key=lambda item: (item.due, ordered.index(item.question_id)),
    )
    fresh = [QueueItem(qid, None) for qid in ordered if qid not in cards]
    queue: list[QueueItem] = []
    while due or fresh:
        queue.extend(due[:new_every])
        del due[:new_every]
        if fresh:
            queue.append(fresh.pop(0))
    return queue if limit is None else queue[:limit]


def _require_utc(moment: datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() != UTC.utcoffset(None):
        raise ValueError("FSRS needs timezone-aware UTC datetimes")
